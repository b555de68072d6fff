package analysis

import (
	"math"
	"testing"
)

func TestContinueSinFolds(t *testing.T) {
	// x′ = sin x + I: the branch I = −sin x folds where cos x = 0, at
	// x = π/2 + kπ and I = ∓1; six of them for x in [−10, 10].
	br, err := Continue(sinModel(0), "I", []float64{0.1}, ContinuationSettings{
		Min: -2, Max: 2, Bounds: []Axis{{Name: "x", Min: -10, Max: 10}},
	})
	if err != nil {
		t.Fatal(err)
	}
	folds := br.Folds()
	if len(folds) != 6 || len(br.Hopfs()) != 0 {
		t.Fatalf("got %d folds and %d Hopf points, want 6 and 0: %+v", len(folds), len(br.Hopfs()), br.Special)
	}
	for _, f := range folds {
		k := math.Round((f.X[0] - math.Pi/2) / math.Pi)
		x := math.Pi/2 + k*math.Pi
		wantI := -math.Sin(x)
		if math.Abs(f.X[0]-x) > 1e-6 || math.Abs(f.P-wantI) > 1e-9 {
			t.Errorf("fold at x = %.10f, I = %.12f; want x = %.10f (1e-6), I = %v (1e-9)", f.X[0], f.P, x, wantI)
		}
	}
	// Stability along the branch: stable where cos x < 0.
	for _, p := range br.Points {
		if c := math.Cos(p.X[0]); math.Abs(c) > 1e-3 && p.Stable() != (c < 0) {
			t.Fatalf("x = %v: stable %v, cos x = %v", p.X[0], p.Stable(), c)
		}
	}
}

func TestContinueFHNHopf(t *testing.T) {
	br, err := Continue(fhn(0), "I", []float64{-1.2, -0.6}, ContinuationSettings{Min: 0, Max: 2})
	if err != nil {
		t.Fatal(err)
	}
	hopfs := br.Hopfs()
	if len(hopfs) != 2 || len(br.Folds()) != 0 {
		t.Fatalf("got %d Hopf points and %d folds, want 2 and 0: %+v", len(hopfs), len(br.Folds()), br.Special)
	}
	// numbers.md §3.5: I_H = 0.331281, 1.418719, ω = 0.27551.
	for i, want := range []float64{0.331281, 1.418719} {
		h := hopfs[i]
		if math.Abs(h.P-want) > 1e-6 {
			t.Errorf("Hopf %d at I = %.8f, want %v (1e-6)", i, h.P, want)
		}
		if math.Abs(math.Abs(h.X[0])-0.967471) > 1e-6 || math.Abs(h.Omega-0.27551) > 1e-5 {
			t.Errorf("Hopf %d at V = %v, ω = %v; want |V| = 0.967471, ω = 0.27551", i, h.X[0], h.Omega)
		}
	}
	first, last := br.Points[0], br.Points[len(br.Points)-1]
	if first.P != 0 || last.P != 2 {
		t.Errorf("branch runs from I = %v to %v, want exactly 0 to 2", first.P, last.P)
	}
}

func TestContinueHopf3DAndNeutralSaddle(t *testing.T) {
	// Hopf normal form with a slave variable: eigenvalues μ ± i and −1 at
	// the origin, so one Hopf point at μ = 0 with ω = 1.
	m := Model{
		Vars:   []string{"x", "y", "z"},
		Params: Params{"mu": -0.5},
		F: func(dst, v []float64, p Params) {
			x, y, z := v[0], v[1], v[2]
			r2 := x*x + y*y
			dst[0] = p["mu"]*x - y - x*r2
			dst[1] = x + p["mu"]*y - y*r2
			dst[2] = -z + x*x
		},
	}
	br, err := Continue(m, "mu", []float64{0.01, 0.01, 0}, ContinuationSettings{Min: -0.5, Max: 0.7})
	if err != nil {
		t.Fatal(err)
	}
	if h := br.Hopfs(); len(br.Special) != 1 || len(h) != 1 || math.Abs(h[0].P) > 1e-9 || math.Abs(h[0].Omega-1) > 1e-9 {
		t.Errorf("special points %+v, want one Hopf at μ = 0 with ω = 1", br.Special)
	}
	// x′ = μx, y′ = −y: the trace changes sign at μ = 1 with real
	// eigenvalues μ and −1 — a neutral saddle, not a Hopf point.
	ns := Model{Vars: []string{"x", "y"}, Params: Params{"mu": 0.5}, F: func(dst, v []float64, p Params) {
		dst[0], dst[1] = p["mu"]*v[0], -v[1]
	}}
	br, err = Continue(ns, "mu", []float64{0, 0}, ContinuationSettings{Min: 0.5, Max: 2})
	if err != nil {
		t.Fatal(err)
	}
	if len(br.Special) != 0 {
		t.Errorf("neutral saddle reported as %+v", br.Special)
	}
}

func TestContinueRateFHN(t *testing.T) {
	// BrainPy's rate model bp.dyn.FHN (α 3, β 4, γ −1.5, δ 0, ε 0.5, τ 20):
	// x′ = −αx³ + βx² + γx − y + I, y′ = (x − δ − εy)/τ. numbers.md §3.5:
	// Hopf at I = 0.726058 and 1.331555.
	m := Model{
		Vars:   []string{"x", "y"},
		Params: Params{"alpha": 3, "beta": 4, "gamma": -1.5, "delta": 0, "epsilon": 0.5, "tau": 20, "I": 0},
		F: func(dst, v []float64, p Params) {
			x, y := v[0], v[1]
			dst[0] = -p["alpha"]*x*x*x + p["beta"]*x*x + p["gamma"]*x - y + p["I"]
			dst[1] = (x - p["delta"] - p["epsilon"]*y) / p["tau"]
		},
	}
	br, err := Continue(m, "I", []float64{0, 0}, ContinuationSettings{Min: 0, Max: 2})
	if err != nil {
		t.Fatal(err)
	}
	h := br.Hopfs()
	if len(h) != 2 || math.Abs(h[0].P-0.726058) > 1e-6 || math.Abs(h[1].P-1.331555) > 1e-6 {
		t.Errorf("Hopf points %+v, want I = 0.726058 and 1.331555 (1e-6)", h)
	}
}
