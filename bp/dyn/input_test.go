package dyn

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"testing"

	bm "github.com/braingo/braingo/bp/math"
)

func TestDeterministicInputs(t *testing.T) {
	must := func(x []float64, err error) []float64 {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return x
	}
	for _, c := range []struct {
		name      string
		got, want []float64
		tol       float64
	}{
		{"section", must(SectionInput([]float64{1, 2, 0}, []float64{0.3, 0.2, 0.1}, 0.1)), []float64{1, 1, 1, 2, 2, 0}, 0},
		{"constant", must(ConstantInput(5, 2, 0.5)), []float64{5, 5, 5, 5}, 0},
		{"ramp", must(RampInput(0, 3, 6, 1, Span{Start: 1, End: 5})), []float64{0, 0, 1, 2, 3, 0}, 0},
		{"ramp whole", must(RampInput(1, 0, 3, 1, Span{})), []float64{1, 0.5, 0}, 0},
		// 250 Hz is a period of 4 ms: quarter periods at dt 1 ms.
		{"sine", must(SinusoidalInput(2, 250, 6, 1, Span{Start: 1}, false)), []float64{0, 0, 2, 0, -2, 0}, 1e-12},
		{"sine bias", must(SinusoidalInput(2, 250, 3, 1, Span{}, true)), []float64{2, 4, 2}, 1e-12},
		{"square", must(SquareInput(1, 250, 6, 1, Span{End: 5}, false)), []float64{1, 1, -1, -1, 1, 0}, 0},
		{"square bias", must(SquareInput(1, 250, 4, 1, Span{}, true)), []float64{2, 2, 0, 0}, 0},
		{"spikes", must(SpikeInput([]float64{1, 4}, []float64{2}, []float64{3, 7}, 6, 1)), []float64{0, 3, 3, 0, 7, 7}, 0},
	} {
		if len(c.got) != len(c.want) {
			t.Errorf("%s: %v, want %v", c.name, c.got, c.want)
			continue
		}
		for k := range c.got {
			if math.Abs(c.got[k]-c.want[k]) > c.tol {
				t.Errorf("%s: %v, want %v", c.name, c.got, c.want)
				break
			}
		}
	}
}

// TestOUProcess checks the OU current's stationary mean, variance
// σ²τ/2 and lag-τ autocorrelation e^{−1}, and that a seed fixes it.
func TestOUProcess(t *testing.T) {
	const mean, sigma, tau, dt = 1.5, 2.0, 10.0, 0.1
	x, err := OUProcess(mean, sigma, tau, 2e5, dt, Span{}, bm.NewRNG(7))
	if err != nil {
		t.Fatal(err)
	}
	var m, v float64
	for _, xi := range x {
		m += xi
	}
	m /= float64(len(x))
	for _, xi := range x {
		v += (xi - m) * (xi - m)
	}
	v /= float64(len(x))
	lag := int(tau / dt)
	var c float64
	for k := lag; k < len(x); k++ {
		c += (x[k] - m) * (x[k-lag] - m)
	}
	c /= float64(len(x)-lag) * v
	wantV := sigma * sigma * tau / 2
	if math.Abs(m-mean) > 0.1 || math.Abs(v-wantV)/wantV > 0.05 || math.Abs(c-math.Exp(-1)) > 0.03 {
		t.Errorf("OU mean %.3f var %.3f lag-τ corr %.3f, want %.1f, %.1f ± 5%%, %.3f", m, v, c, mean, wantV, math.Exp(-1))
	}
	y, _ := OUProcess(mean, sigma, tau, 2e5, dt, Span{}, bm.NewRNG(7))
	if !slices.Equal(x, y) {
		t.Error("OU: same seed gave different currents")
	}
}

// TestWienerProcess checks that the increments have variance dt and are
// zero outside the span.
func TestWienerProcess(t *testing.T) {
	const dt = 0.5
	w, err := WienerProcess(1e5, dt, Span{Start: 10}, bm.NewRNG(3))
	if err != nil {
		t.Fatal(err)
	}
	if slices.ContainsFunc(w[:20], func(x float64) bool { return x != 0 }) {
		t.Error("Wiener: non-zero increments before the span")
	}
	var s2 float64
	for _, x := range w[20:] {
		s2 += x * x
	}
	if v := s2 / float64(len(w)-20); math.Abs(v-dt)/dt > 0.02 {
		t.Errorf("Wiener increment variance %.4f, want %g ± 2%%", v, dt)
	}
}

func TestInputErrors(t *testing.T) {
	rng := bm.NewRNG(1)
	for k, err := range []error{
		func() error { _, err := SectionInput([]float64{1}, []float64{1, 2}, 0.1); return err }(),
		func() error { _, err := SectionInput([]float64{1}, []float64{-1}, 0.1); return err }(),
		func() error { _, err := ConstantInput(1, 1, 0); return err }(),
		func() error { _, err := ConstantInput(1, -1, 0.1); return err }(),
		func() error { _, err := SquareInput(1, 10, -5, 0.1, Span{}, false); return err }(),
		func() error { _, err := WienerProcess(-10, 0.1, Span{}, rng); return err }(),
		func() error { _, err := RampInput(0, 1, 10, 0.1, Span{Start: 5, End: 2}); return err }(),
		func() error { _, err := RampInput(0, 1, 10, 0.1, Span{End: 20}); return err }(),
		func() error { _, err := SinusoidalInput(1, -5, 10, 0.1, Span{}, false); return err }(),
		func() error {
			_, err := SpikeInput([]float64{1, 2}, []float64{1, 1, 1}, []float64{1}, 10, 0.1)
			return err
		}(),
		func() error { _, err := SpikeInput([]float64{12}, []float64{1}, []float64{1}, 10, 0.1); return err }(),
		func() error { _, err := OUProcess(0, 1, 0, 10, 0.1, Span{}, rng); return err }(),
		func() error { _, err := OUProcess(0, 1, 1, 10, 0.1, Span{}, nil); return err }(),
		func() error { _, err := WienerProcess(10, math.NaN(), Span{}, rng); return err }(),
	} {
		if !errors.Is(err, ErrInput) {
			t.Errorf("case %d: error %v, want ErrInput", k, err)
		}
	}
}

// ExampleSectionInput builds the classic step protocol: 0 for 2 ms, 10 for
// 3 ms, 0 for 1 ms at dt 1 ms.
func ExampleSectionInput() {
	i, err := SectionInput([]float64{0, 10, 0}, []float64{2, 3, 1}, 1)
	fmt.Println(i, err)
	// Output: [0 0 10 10 10 0] <nil>
}
