package bm

import (
	"math"
	"testing"
)

func TestRNGSameSeedSameNumbers(t *testing.T) {
	a, b := NewRNG(42), NewRNG(42)
	for i := 0; i < 1000; i++ {
		if x, y := a.Normal(0, 1), b.Normal(0, 1); x != y {
			t.Fatalf("draw %d: %v != %v with the same seed", i, x, y)
		}
	}
	c := NewRNG(43)
	if NewRNG(42).Float64() == c.Float64() {
		t.Error("seeds 42 and 43 gave the same first number")
	}
}

func TestRNGSaveRestoreContinuesStream(t *testing.T) {
	r := NewRNG(7)
	for i := 0; i < 17; i++ {
		r.Normal(0, 1)
	}
	state, err := r.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	want := make([]float64, 50)
	for i := range want {
		want[i] = r.Normal(0, 1)
	}
	var restored RNG
	if err := restored.UnmarshalBinary(state); err != nil {
		t.Fatal(err)
	}
	for i, w := range want {
		if got := restored.Normal(0, 1); got != w {
			t.Fatalf("draw %d after restore: %v, want %v", i, got, w)
		}
	}
	if err := restored.UnmarshalBinary([]byte("junk")); err == nil {
		t.Error("restoring junk state gave no error")
	}
}

func TestSeedResetsDefault(t *testing.T) {
	d := Default()
	Seed(5)
	x := d.Float64()
	Seed(5)
	if y := Default().Float64(); x != y {
		t.Errorf("after Seed(5) twice: %v then %v", x, y)
	}
	if x != NewRNG(5).Float64() {
		t.Error("Seed(5) differs from NewRNG(5)")
	}
}

func TestStreamsAreDistinctAndUncorrelated(t *testing.T) {
	const n = 100000
	// Neighbouring streams and neighbouring seeds: the sample correlation of
	// paired uniform draws must be within 5/√n of 0.
	pairs := [][2]*RNG{
		{NewRNGStream(1, 0), NewRNGStream(1, 1)},
		{NewRNGStream(1, 0), NewRNGStream(2, 0)},
		{NewRNGStream(0, 0), NewRNGStream(0, 1<<32)},
	}
	for p, pair := range pairs {
		var sxy, sx, sy, sxx, syy float64
		for i := 0; i < n; i++ {
			x, y := pair[0].Float64(), pair[1].Float64()
			sx, sy, sxy, sxx, syy = sx+x, sy+y, sxy+x*y, sxx+x*x, syy+y*y
		}
		cov := sxy/n - sx*sy/(n*n)
		corr := cov / math.Sqrt((sxx/n-sx*sx/(n*n))*(syy/n-sy*sy/(n*n)))
		if math.Abs(corr) > 5/math.Sqrt(n) {
			t.Errorf("pair %d: correlation %.4f between streams", p, corr)
		}
	}
	if NewRNG(9).Uint64() != NewRNGStream(9, 0).Uint64() {
		t.Error("NewRNG(9) differs from NewRNGStream(9, 0)")
	}
}

func TestSplitIsDeterministic(t *testing.T) {
	a, b := NewRNG(3), NewRNG(3)
	ca, cb := a.Split(), b.Split()
	for i := 0; i < 100; i++ {
		if ca.Uint64() != cb.Uint64() {
			t.Fatal("children of equal parents differ")
		}
	}
	if a.Uint64() != b.Uint64() {
		t.Fatal("parents differ after Split")
	}
	if NewRNG(3).Split().Uint64() == NewRNG(3).Uint64() {
		t.Error("child repeats its parent's stream")
	}
}

func TestZeroRNGBecomesReady(t *testing.T) {
	var r RNG
	r.Seed(8)
	if r.Normal(0, 1) != NewRNG(8).Normal(0, 1) {
		t.Error("zero RNG seeded with 8 differs from NewRNG(8)")
	}
}

// TestRNGStreamIsStable pins the first numbers of seed 42, recorded when
// the generator was written: same seed, same numbers on every run and every
// machine, so a saved seed reproduces a simulation later. A failure means
// the stream changed (the seeding, PCG, or math/rand/v2's conversions) and
// old seeds no longer give old results: say so in the release notes.
func TestRNGStreamIsStable(t *testing.T) {
	r := NewRNG(42)
	got := []any{r.Uint64(), r.Uint64(), r.Float64(), r.Normal(0, 1), r.Poisson(3), NewRNGStream(42, 1).Uint64()}
	want := []any{uint64(0x1607cd07aee308ba), uint64(0xd1e8243fe08d68a3), 0.5301630636346407, 0.6522086385338426, 1,
		uint64(5071247509837453883)}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("draw %d of seed 42: %v, recorded %v", i, got[i], want[i])
		}
	}
}
