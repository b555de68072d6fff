package dyn_test

import (
	"math"
	"slices"
	"testing"

	"github.com/braingo/braingo/bp"
	"github.com/braingo/braingo/bp/analysis"
	"github.com/braingo/braingo/bp/dyn"
)

// rateEquationSource is a rate model that states its equations.
type rateEquationSource interface {
	bp.Model
	bp.VarHolder
	analysis.EquationSource
}

// TestRateEquationsAreTheIntegratedOnes checks, for every rate model with
// Equations, that one Euler step of three nodes with different states and
// inputs equals x + dt·f(x) of each node from Equations (1e-12), and that
// f does not disturb the model.
func TestRateEquationsAreTheIntegratedOnes(t *testing.T) {
	const dt = 0.01
	build := map[string]func() (rateEquationSource, error){
		"RateFHN": func() (rateEquationSource, error) { return dyn.NewRateFHN(3, dyn.RateFHNParams{Method: "euler"}) },
		"WilsonCowan": func() (rateEquationSource, error) {
			return dyn.NewWilsonCowan(3, dyn.WilsonCowanParams{Method: "euler"})
		},
		"ThresholdLinear": func() (rateEquationSource, error) {
			return dyn.NewThresholdLinear(3, dyn.ThresholdLinearParams{Method: "euler"})
		},
		"StuartLandau": func() (rateEquationSource, error) {
			return dyn.NewStuartLandau(3, dyn.StuartLandauParams{Method: "euler"})
		},
		"VanDerPol": func() (rateEquationSource, error) { return dyn.NewVanDerPol(3, dyn.VanDerPolParams{Method: "euler"}) },
		"QIFRate":   func() (rateEquationSource, error) { return dyn.NewQIFRate(3, dyn.QIFRateParams{Method: "euler"}) },
		"JansenRit": func() (rateEquationSource, error) { return dyn.NewJansenRit(3, dyn.JansenRitParams{Method: "euler"}) },
	}
	for name, mk := range build {
		m, err := mk()
		if err != nil {
			t.Fatal(err)
		}
		vars, params, f := m.Equations()
		if f == nil {
			t.Fatalf("%s: Equations without f", name)
		}
		// Distinct states and inputs per node; the inputs are the Vars that
		// Equations lists among its parameters.
		byName := map[string][]float64{}
		for _, v := range m.Vars() {
			byName[v.Name] = v.Data
		}
		var inputs []string
		for _, v := range m.Vars() {
			if _, ok := params[v.Name]; ok {
				inputs = append(inputs, v.Name)
			}
		}
		if len(inputs) == 0 {
			t.Fatalf("%s: Equations lists none of the inputs among its parameters %v", name, params)
		}
		before := make([][]float64, 3)
		for i := range 3 {
			for k, v := range vars {
				x := 0.1*float64(k+1) + 0.2*float64(i) - 0.15
				byName[v][i] = x
				before[i] = append(before[i], x)
			}
			for k, in := range inputs {
				byName[in][i] = 0.3*float64(i) + 0.1*float64(k)
			}
		}
		want := make([][]float64, 3)
		for i := range 3 {
			p := map[string]float64{}
			for _, in := range inputs {
				p[in] = byName[in][i]
			}
			d := make([]float64, len(vars))
			f(d, before[i], p)
			for k := range vars {
				want[i] = append(want[i], before[i][k]+dt*d[k])
			}
		}
		m.Update(&bp.Context{DT: dt})
		for i := range 3 {
			for k, v := range vars {
				if got := byName[v][i]; math.Abs(got-want[i][k]) > 1e-12 {
					t.Errorf("%s node %d: %s after one Euler step %.15g, x + dt·f(x) %.15g", name, i, v, got, want[i][k])
				}
			}
		}
	}
}

// TestRateFHNHopfByContinuation checks numbers.md 3.5 through the model's
// own equations: the rest state of the rate FHN (bp.dyn.FHN defaults) loses
// stability at x_ext = 0.726058 and regains it at 1.331555 (1e-6). Closed
// form: the trace −9x² + 8x − 1.5 − ε/τ vanishes at x = (8 ± √9.1)/18, and
// x_ext = 3x³ − 4x² + 3.5x there.
func TestRateFHNHopfByContinuation(t *testing.T) {
	g, err := dyn.NewRateFHN(4, dyn.RateFHNParams{})
	if err != nil {
		t.Fatal(err)
	}
	m, err := analysis.FromModel(g)
	if err != nil {
		t.Fatal(err)
	}
	// At x_ext = 0 the rest state is x = y = 0 (x(−3x² + 4x − 3.5) = 0).
	br, err := analysis.Continue(m, "Input", []float64{0, 0}, analysis.ContinuationSettings{Min: -1, Max: 3})
	if err != nil {
		t.Fatal(err)
	}
	h := br.Hopfs()
	if len(h) != 2 || len(br.Folds()) != 0 {
		t.Fatalf("special points %+v, want two Hopf points and no fold", br.Special)
	}
	for i, c := range []struct{ want, x float64 }{{0.726058, (8 - math.Sqrt(9.1)) / 18}, {1.331555, (8 + math.Sqrt(9.1)) / 18}} {
		closed := 3*c.x*c.x*c.x - 4*c.x*c.x + 3.5*c.x
		if math.Abs(closed-c.want) > 1e-6 {
			t.Fatalf("closed form %.7f disagrees with numbers.md %v", closed, c.want)
		}
		if math.Abs(h[i].P-c.want) > 1e-6 || math.Abs(h[i].X[0]-c.x) > 1e-6 {
			t.Errorf("Hopf %d at x_ext = %.7f, x = %.7f; want %v, %.7f (1e-6)", i, h[i].P, h[i].X[0], c.want, c.x)
		}
	}
	// A parameter set on the model reaches the equations: with ε = 1 the
	// trace vanishes where 9x² − 8x + 1.55 = 0.
	g.Epsilon = 1
	if m, err = analysis.FromModel(g); err != nil {
		t.Fatal(err)
	}
	br, err = analysis.Continue(m, "Input", []float64{0, 0}, analysis.ContinuationSettings{Min: -1, Max: 3})
	if err != nil {
		t.Fatal(err)
	}
	if h = br.Hopfs(); len(h) != 2 {
		t.Fatalf("ε = 1: Hopf points %+v, want two", h)
	}
	for i, x := range []float64{(8 - math.Sqrt(8.2)) / 18, (8 + math.Sqrt(8.2)) / 18} {
		want := 3*x*x*x - 4*x*x + 1.5*x + x // y = x − δ with ε = 1
		if math.Abs(h[i].P-want) > 1e-6 {
			t.Errorf("ε = 1: Hopf %d at x_ext = %.7f, closed form %.7f", i, h[i].P, want)
		}
	}
}

// TestStuartLandauHopf checks the normal form: the origin is a Hopf point
// at a = 0 with frequency ω (closed form: eigenvalues a ± iω).
func TestStuartLandauHopf(t *testing.T) {
	g, err := dyn.NewStuartLandau(1, dyn.StuartLandauParams{W: 0.3})
	if err != nil {
		t.Fatal(err)
	}
	m, err := analysis.FromModel(g)
	if err != nil {
		t.Fatal(err)
	}
	br, err := analysis.Continue(m, "A", []float64{0, 0}, analysis.ContinuationSettings{Min: -1, Max: 1})
	if err != nil {
		t.Fatal(err)
	}
	h := br.Hopfs()
	if len(h) != 1 || math.Abs(h[0].P) > 1e-9 || math.Abs(h[0].Omega-0.3) > 1e-9 {
		t.Errorf("Hopf points %+v, want one at a = 0 with ω = 0.3", h)
	}
}

// TestWilsonCowanEquations compares Equations with the Wilson–Cowan
// formula written out here, at BrainPy's defaults and with an input.
func TestWilsonCowanEquations(t *testing.T) {
	g, err := dyn.NewWilsonCowan(1, dyn.WilsonCowanParams{})
	if err != nil {
		t.Fatal(err)
	}
	vars, params, f := g.Equations()
	if len(vars) != 2 || params["WEE"] != 12 || params["ThetaI"] != 4 || params["Input"] != 0 {
		t.Fatalf("vars %v, params %v", vars, params)
	}
	F := func(x, a, th float64) float64 { return 1/(1+math.Exp(-a*(x-th))) - 1/(1+math.Exp(a*th)) }
	for _, c := range []struct{ E, I, inE, inI float64 }{{0.1, 0.05, 0, 0}, {0.4, 0.2, 1.5, -0.5}} {
		d := make([]float64, 2)
		f(d, []float64{c.E, c.I}, map[string]float64{"Input": c.inE, "InputI": c.inI})
		wantE := -c.E + (1-c.E)*F(12*c.E-4*c.I+c.inE, 1.2, 2.8)
		wantI := -c.I + (1-c.I)*F(13*c.E-11*c.I+c.inI, 1, 4)
		if math.Abs(d[0]-wantE) > 1e-14 || math.Abs(d[1]-wantI) > 1e-14 {
			t.Errorf("at %+v: f = %v, formula (%v, %v)", c, d, wantE, wantI)
		}
	}
	// The origin is the rest state without input (F(0) = 0).
	d := make([]float64, 2)
	f(d, []float64{0, 0}, nil)
	if d[0] != 0 || d[1] != 0 {
		t.Errorf("f at the origin %v, want 0", d)
	}
}

// TestQIFRateFoldsByContinuation checks the bistability of the
// Montbrió–Pazó–Roxin mean field (BrainPy defaults τ 1, η −5, Δ 1, J 15)
// through its own equations: the equilibria satisfy
// π²r⁴ − Jr³ − (η + I)r² − Δ²/(4π²) = 0 with v = −Δ/(2πr), and the two
// folds of the branch in I lie where that quartic has a double root, at the
// positive roots of −π²r⁴ + (J/2)r³ − Δ²/(4π²) = 0 with
// η + I = (4π²r² − 3Jr)/2. Found here by bisection; 1e-6.
func TestQIFRateFoldsByContinuation(t *testing.T) {
	const eta, j, delta = -5.0, 15.0, 1.0
	pi2 := math.Pi * math.Pi
	g := func(r float64) float64 { return -pi2*r*r*r*r + j/2*r*r*r - delta*delta/(4*pi2) }
	var want []float64 // fold inputs, by increasing r
	for r := 1e-3; r < 2; r += 1e-3 {
		if g(r)*g(r+1e-3) < 0 {
			lo, hi := r, r+1e-3
			for range 60 {
				if mid := (lo + hi) / 2; g(lo)*g(mid) <= 0 {
					hi = mid
				} else {
					lo = mid
				}
			}
			rf := (lo + hi) / 2
			want = append(want, (4*pi2*rf*rf-3*j*rf)/2-eta)
		}
	}
	if len(want) != 2 {
		t.Fatalf("fold conditions have %d roots, want 2", len(want))
	}
	q, err := dyn.NewQIFRate(1, dyn.QIFRateParams{})
	if err != nil {
		t.Fatal(err)
	}
	m, err := analysis.FromModel(q)
	if err != nil {
		t.Fatal(err)
	}
	// Start near the low-rate state at I = 0: r ≈ Δ/(2π√−η) = 0.071, v ≈ −√−η.
	br, err := analysis.Continue(m, "Input", []float64{0.07, -2.2}, analysis.ContinuationSettings{Min: -3, Max: 5,
		Bounds: []analysis.Axis{{Name: "r", Min: 1e-4, Max: 10}}})
	if err != nil {
		t.Fatal(err)
	}
	folds := br.Folds()
	if len(folds) != 2 {
		t.Fatalf("special points %+v, want two folds", br.Special)
	}
	got := []float64{folds[0].P, folds[1].P}
	slices.Sort(got)
	slices.Sort(want)
	for k := range got {
		if math.Abs(got[k]-want[k]) > 1e-6 {
			t.Errorf("folds at I = %.8f, closed form %.8f (1e-6)", got, want)
		}
	}
}
