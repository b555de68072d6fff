package dyn

import (
	"math"
	"testing"

	bm "github.com/braingo/braingo/bp/math"
)

// TestExpTo checks the batched exponential against math.Exp over the
// whole clamped range and densely over the range the Traub model uses:
// relative error at most 6e−16 (about three ulp).
func TestExpTo(t *testing.T) {
	rng := bm.NewRNG(1)
	var x []float64
	for range 100000 {
		x = append(x, rng.Uniform(-708, 709), rng.Uniform(-30, 30), rng.Uniform(-1e-3, 1e-3))
	}
	x = append(x, 0, -708, 709, math.Ln2, -math.Ln2/64, math.Ln2/64, 1, -1)
	got := make([]float64, len(x))
	expTo(got, x)
	worst := 0.0
	for i, xi := range x {
		want := math.Exp(xi)
		e := math.Abs(got[i]-want) / want
		worst = max(worst, e)
		if e > 6e-16 {
			t.Fatalf("exp(%v) = %v, math.Exp %v (relative error %.3g)", xi, got[i], want, e)
		}
	}
	t.Logf("largest relative error %.3g", worst)
	// Clamping, in place.
	y := []float64{-1000, 1000}
	expTo(y, y)
	if !(y[0] > 0 && y[0] < 1e-300) || !(y[1] > 1e300 && !math.IsInf(y[1], 0)) {
		t.Errorf("clamped exp(-1000), exp(1000) = %v, want tiny and huge finite", y)
	}
}

// TestExprelFrom checks y/(e^y − 1) from a given e^y against bm.Exprel on
// both sides of the switch between the series and the quotient.
func TestExprelFrom(t *testing.T) {
	rng := bm.NewRNG(2)
	for range 100000 {
		for _, y := range []float64{rng.Uniform(-0.6, 0.6), rng.Uniform(-1e-6, 1e-6), rng.Uniform(-40, 40)} {
			got, want := exprelFrom(y, math.Exp(y)), bm.Exprel(y)
			if e := math.Abs(got-want) / want; e > 1e-15 {
				t.Fatalf("exprel(%v) = %v, bm.Exprel %v (relative error %.3g)", y, got, want, e)
			}
		}
	}
	if got := exprelFrom(0, 1); got != 1 {
		t.Errorf("exprel(0) = %v, want 1", got)
	}
}

func BenchmarkExpTo(b *testing.B) {
	x := make([]float64, 1024)
	for i := range x {
		x[i] = float64(i)/100 - 5
	}
	dst := make([]float64, len(x))
	b.Run("expTo", func(b *testing.B) {
		for b.Loop() {
			expTo(dst, x)
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(x)), "ns/exp")
	})
	b.Run("math.Exp", func(b *testing.B) {
		for b.Loop() {
			for i, v := range x {
				dst[i] = math.Exp(v)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(x)), "ns/exp")
	})
}
