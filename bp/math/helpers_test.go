package bm

import (
	"math"
	"slices"
	"testing"
)

func TestLinspaceArange(t *testing.T) {
	assertClose(t, "Linspace(0,1,5)", Linspace(0, 1, 5), []float64{0, 0.25, 0.5, 0.75, 1}, 0)
	assertClose(t, "Linspace(2,-1,4)", Linspace(2, -1, 4), []float64{2, 1, 0, -1}, 1e-15)
	assertClose(t, "Linspace(3,7,1)", Linspace(3, 7, 1), []float64{3}, 0)
	if got := Linspace(0, 1, 0); len(got) != 0 {
		t.Errorf("Linspace n=0: %v", got)
	}
	if x := Linspace(0, 0.3, 7); x[6] != 0.3 {
		t.Errorf("Linspace end %v, want exactly 0.3", x[6])
	}
	for _, tc := range []struct {
		start, stop, step float64
		n                 int
	}{
		{0, 1, 0.1, 10}, {0, 5, 1, 5}, {1, 0, -0.25, 4}, {0, 1, -1, 0}, {0, 0, 1, 0}, {0, 1.05, 0.1, 11},
	} {
		a := Arange(tc.start, tc.stop, tc.step)
		if len(a) != tc.n {
			t.Errorf("Arange(%v,%v,%v) has %d elements, want %d", tc.start, tc.stop, tc.step, len(a), tc.n)
		}
		for i, v := range a {
			if want := tc.start + float64(i)*tc.step; v != want {
				t.Errorf("Arange element %d = %v, want %v", i, v, want)
			}
		}
	}
	assertClose(t, "Full", Full(3, 2.5), []float64{2.5, 2.5, 2.5}, 0)
	assertClose(t, "Ones", Ones(2), []float64{1, 1}, 0)
	assertClose(t, "Zeros", Zeros(2), []float64{0, 0}, 0)
}

func TestReductions(t *testing.T) {
	x := []float64{2, 4, 4, 4, 5, 5, 7, 9}
	for _, tc := range []struct {
		name      string
		got, want float64
	}{
		{"Sum", Sum(x), 40}, {"Mean", Mean(x), 5}, {"Std", Std(x), 2},
		{"Min", Min(x), 2}, {"Max", Max(x), 9},
		{"Argmax", float64(Argmax([]float64{1, 3, 3, 2})), 1},
		{"Argmin", float64(Argmin([]float64{1, -3, 0, -3})), 1},
		{"Argmax NaN", float64(Argmax([]float64{1, math.NaN(), 5})), 1},
		{"Sum empty", Sum(nil), 0},
	} {
		if math.Abs(tc.got-tc.want) > 1e-14 {
			t.Errorf("%s = %v, want %v", tc.name, tc.got, tc.want)
		}
	}
	assertPanics(t, map[string]func(){
		"Mean": func() { Mean(nil) }, "Std": func() { Std(nil) }, "Min": func() { Min(nil) }, "Argmax": func() { Argmax(nil) },
		"Clip lo>hi": func() { Clip(x, x, 1, 0) }, "Clip lengths": func() { Clip(x[:2], x, 0, 1) },
		"Linspace n<0": func() { Linspace(0, 1, -1) }, "Arange step 0": func() { Arange(0, 1, 0) },
	})
}

func TestClipWhere(t *testing.T) {
	x := []float64{-2, 0.5, 3}
	dst := make([]float64, 3)
	Clip(dst, x, 0, 1)
	assertClose(t, "Clip", dst, []float64{0, 0.5, 1}, 0)
	Clip(x, x, -1, 1) // in place
	assertClose(t, "Clip in place", x, []float64{-1, 0.5, 1}, 0)
	Where(dst, []bool{true, false, true}, []float64{1, 2, 3}, []float64{-1, -2, -3})
	assertClose(t, "Where", dst, []float64{1, -2, 3}, 0)
}

func TestExprel(t *testing.T) {
	// Taylor series x/(eˣ−1) = 1 − x/2 + x²/12 − x⁴/720 + … near 0.
	for _, x := range []float64{0, 1e-300, -1e-12, 1e-8, 1e-5, -1e-4, 1e-3} {
		want := 1 - x/2 + x*x/12 - x*x*x*x/720
		if got := Exprel(x); math.Abs(got-want) > 4.5e-16 { // 2 ulp
			t.Errorf("Exprel(%g) = %.17g, want %.17g", x, got, want)
		}
		if got, want := Expm1Rel(x), 1/want; math.Abs(got-want) > 4.5e-16 {
			t.Errorf("Expm1Rel(%g) = %.17g, want %.17g", x, got, want)
		}
	}
	// Away from 0, the direct formula is accurate.
	for _, x := range []float64{-30, -2, 0.7, 5, 40} {
		if got, want := Exprel(x), x/(math.Exp(x)-1); math.Abs(got-want) > 1e-15*math.Abs(want) {
			t.Errorf("Exprel(%g) = %v, want %v", x, got, want)
		}
	}
	if got := Exprel(1000); got != 0 {
		t.Errorf("Exprel(1000) = %v, want 0", got)
	}
	if got := Exprel(-1000); got != 1000 {
		t.Errorf("Exprel(-1000) = %v, want 1000", got)
	}
}

func TestActivations(t *testing.T) {
	for _, x := range []float64{-800, -30, -1, 0, 0.5, 30, 800} {
		sig := 1 / (1 + math.Exp(-x))
		if got := Sigmoid(x); math.Abs(got-sig) > 1e-16 || math.IsNaN(got) {
			t.Errorf("Sigmoid(%v) = %v, want %v", x, got, sig)
		}
		var sp float64 // reference: log(1+eˣ) by cases where it is exact
		switch {
		case x > 700:
			sp = x
		case x < -700:
			sp = 0
		default:
			sp = math.Log1p(math.Exp(x))
		}
		if got := Softplus(x); math.Abs(got-sp) > 1e-15*(1+math.Abs(sp)) {
			t.Errorf("Softplus(%v) = %v, want %v", x, got, sp)
		}
	}
	if Softplus(-30) <= 0 {
		t.Error("Softplus(-30) underflowed to 0; want about 9.4e-14")
	}
	x := []float64{-1, 0, 2}
	dst := make([]float64, 3)
	ReLUTo(dst, x)
	assertClose(t, "ReLUTo", dst, []float64{0, 0, 2}, 0)
	TanhTo(dst, x)
	assertClose(t, "TanhTo", dst, []float64{math.Tanh(-1), 0, math.Tanh(2)}, 0)
	SigmoidTo(dst, x)
	assertClose(t, "SigmoidTo", dst, []float64{Sigmoid(-1), 0.5, Sigmoid(2)}, 0)
	y := slices.Clone(x)
	SoftplusTo(y, y)
	assertClose(t, "SoftplusTo in place", y, []float64{Softplus(-1), math.Ln2, Softplus(2)}, 0)
}
