package bm

import "testing"

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
