package analysis

import (
	"cmp"
	"errors"
	"math"
	"slices"
	"testing"

	"github.com/braingo/braingo/bp/dyn"
)

// fromDyn is the Model of one neuron of g with the input current set to I.
func fromDyn(t *testing.T, g EquationSource, I float64) Model {
	t.Helper()
	m, err := FromModel(g)
	if err != nil {
		t.Fatal(err)
	}
	if m, err = m.With(Params{dyn.EquationInput: I}); err != nil {
		t.Fatal(err)
	}
	return m
}

func TestFromModelFHNTableAndHopf(t *testing.T) {
	g, err := dyn.NewFHN(10, dyn.FHNParams{})
	if err != nil {
		t.Fatal(err)
	}
	// numbers.md §3.5: fixed points and classes of bp.neurons.FHN.
	for _, row := range fhnTable {
		res, err := PhasePlane2D(fromDyn(t, g, row.I), Axis{Name: "V", Min: -3, Max: 3}, Axis{Name: "w", Min: -3, Max: 3},
			PhasePlane2DSettings{})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Fixed) != 1 {
			t.Fatalf("I = %v: %d fixed points, want 1: %v", row.I, len(res.Fixed), res.Fixed)
		}
		fp := res.Fixed[0]
		if math.Abs(fp.X[0]-row.V) > 1e-6 || math.Abs(fp.X[1]-row.w) > 1e-6 || fp.Class != row.class {
			t.Errorf("I = %v: %v %v, want (%v, %v) to 1e-6, %v", row.I, fp.X, fp.Class, row.V, row.w, row.class)
		}
	}
	// Hopf points I_H = 0.331281 and 1.418719 (ω 0.27551), to 1e-6.
	br, err := Continue(fromDyn(t, g, 0), dyn.EquationInput, []float64{-1.2, -0.6}, ContinuationSettings{Min: 0, Max: 2})
	if err != nil {
		t.Fatal(err)
	}
	h := br.Hopfs()
	if len(h) != 2 || len(br.Folds()) != 0 {
		t.Fatalf("special points %+v, want two Hopf points and no fold", br.Special)
	}
	for i, want := range []float64{0.331281, 1.418719} {
		if math.Abs(h[i].P-want) > 1e-6 || math.Abs(h[i].Omega-0.27551) > 1e-5 {
			t.Errorf("Hopf %d at I = %.8f, ω = %.6f; want %v (1e-6), 0.27551 (1e-5)", i, h[i].P, h[i].Omega, want)
		}
	}
	// The Hopf points move with the model's settings: with b = 1 and
	// τ = 10, V_H = ∓√(1 − b/τ) and I_H = V_H³/3 + a/b (a = 0.7).
	g.B, g.Tau = 1, 10
	br, err = Continue(fromDyn(t, g, 0), dyn.EquationInput, []float64{-1.2, -0.5}, ContinuationSettings{Min: 0, Max: 2})
	if err != nil {
		t.Fatal(err)
	}
	h = br.Hopfs()
	if len(h) != 2 {
		t.Fatalf("with b 1, τ 10: Hopf points %+v, want two", h)
	}
	for i, vH := range []float64{-math.Sqrt(0.9), math.Sqrt(0.9)} {
		if want := vH*vH*vH/3 + 0.7; math.Abs(h[i].P-want) > 1e-6 {
			t.Errorf("with b 1, τ 10: Hopf %d at I = %.8f, want %.8f (1e-6)", i, h[i].P, want)
		}
	}
}

// hhRest is the state of one HH neuron with its gates at steady state at V.
func hhRest(t *testing.T, g *dyn.HH, V float64) []float64 {
	t.Helper()
	one, err := dyn.NewHH(1, dyn.HHParams{GL: g.GL, V0: dyn.At(V)})
	if err != nil {
		t.Fatal(err)
	}
	return []float64{one.V[0], one.M[0], one.H[0], one.N[0]}
}

func TestFromModelHHHopf(t *testing.T) {
	// numbers.md §3.1 (Routh–Hurwitz): the rest state of HH loses
	// stability at I = 9.775 (V* = −59.65) and regains it at 154.5 with
	// the textbook gL 0.3; at 6.496 and 158.8 with BrainPy's gL 0.03. The
	// table gives four significant digits, so the tolerance is half a unit
	// of its last digit (and 0.05 for the rounded 154.5 and 158.8).
	for _, c := range []struct {
		gL, rest, i1, v1, i2 float64
	}{
		{0.3, -64.996, 9.775, -59.65, 154.5},
		{0.03, -70.676, 6.496, math.NaN(), 158.8},
	} {
		g, err := dyn.NewHH(1, dyn.HHParams{GL: c.gL})
		if err != nil {
			t.Fatal(err)
		}
		m := fromDyn(t, g, 0)
		br, err := Continue(m, dyn.EquationInput, hhRest(t, g, -65), ContinuationSettings{Min: 0, Max: 200})
		if err != nil {
			t.Fatal(err)
		}
		if v := br.Points[0].X[0]; math.Abs(v-c.rest) > 1e-3 {
			t.Errorf("gL %v: rest at I = 0 is V = %.4f, want %v (1e-3)", c.gL, v, c.rest)
		}
		h := br.Hopfs()
		if len(h) != 2 || len(br.Folds()) != 0 {
			t.Fatalf("gL %v: special points %+v, want two Hopf points and no fold", c.gL, br.Special)
		}
		if math.Abs(h[0].P-c.i1) > 5e-4 || math.Abs(h[1].P-c.i2) > 0.05 {
			t.Errorf("gL %v: Hopf at I = %.5f and %.3f, want %v (5e-4) and %v (0.05)", c.gL, h[0].P, h[1].P, c.i1, c.i2)
		}
		t.Logf("gL %v: rest %.4f mV, Hopf at I = %.5f (V* %.4f) and %.3f", c.gL, br.Points[0].X[0], h[0].P, h[0].X[0], h[1].P)
		if !math.IsNaN(c.v1) && math.Abs(h[0].X[0]-c.v1) > 5e-3 {
			t.Errorf("gL %v: first Hopf at V* = %.4f, want %v (5e-3)", c.gL, h[0].X[0], c.v1)
		}
	}
}

func TestFromModelFolds(t *testing.T) {
	// ExpIF (BrainPy defaults): τV′ = −(V − V_rest) + Δ_T e^{(V−V_T)/Δ_T}
	// + RI folds where e^{(V−V_T)/Δ_T} = 1, at V = V_T and
	// I = (V_T − V_rest − Δ_T)/R = 1.62.
	exp, err := dyn.NewExpIF(1, dyn.ExpIFParams{})
	if err != nil {
		t.Fatal(err)
	}
	br, err := Continue(fromDyn(t, exp, 0), dyn.EquationInput, []float64{-65}, ContinuationSettings{Min: -5, Max: 5,
		Bounds: []Axis{{Name: "V", Min: -90, Max: -40}}})
	if err != nil {
		t.Fatal(err)
	}
	if f := br.Folds(); len(f) != 1 || math.Abs(f[0].P-1.62) > 1e-9 || math.Abs(f[0].X[0]+59.9) > 1e-6 {
		t.Errorf("ExpIF special points %+v, want one fold at I = 1.62 (1e-9), V = −59.9 (1e-6)", br.Special)
	}
	// Izhikevich (regular spiking, a 0.02, b 0.2), subthreshold: the
	// equilibria solve 0.04V² + (5 − b)V + 140 + I = 0 and fold at
	// I = (5 − b)²/0.16 − 140 = 4, V = −60; before that the trace
	// 0.08V + 5 − a vanishes at V = −62.25, a Hopf point at I = 3.7975 with
	// ω = √(a(b − 5 − 0.08V)) = 0.06.
	izh, err := dyn.NewIzhikevich(1, dyn.IzhikevichParams{})
	if err != nil {
		t.Fatal(err)
	}
	br, err = Continue(fromDyn(t, izh, 0), dyn.EquationInput, []float64{-70, -14}, ContinuationSettings{Min: 0, Max: 5})
	if err != nil {
		t.Fatal(err)
	}
	h, f := br.Hopfs(), br.Folds()
	if len(h) != 1 || math.Abs(h[0].P-3.7975) > 1e-9 || math.Abs(h[0].X[0]+62.25) > 1e-6 || math.Abs(h[0].Omega-0.06) > 1e-6 {
		t.Errorf("Izhikevich Hopf points %+v, want one at I = 3.7975, V = −62.25, ω = 0.06", h)
	}
	if len(f) != 1 || math.Abs(f[0].P-4) > 1e-9 || math.Abs(f[0].X[0]+60) > 1e-6 {
		t.Errorf("Izhikevich folds %+v, want one at I = 4, V = −60", f)
	}
}

func TestFromModelErrors(t *testing.T) {
	g, err := dyn.NewFHN(1, dyn.FHNParams{})
	if err != nil {
		t.Fatal(err)
	}
	m, err := FromModel(g)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Continue(m, "Iext", []float64{0, 0}, ContinuationSettings{Min: 0, Max: 1}); !errors.Is(err, ErrUnknownName) {
		t.Errorf("unknown parameter Iext: error %v, want ErrUnknownName", err)
	}
	if _, err := FromModel(noEquations{}); !errors.Is(err, ErrBadModel) {
		t.Errorf("source without a derivative: error %v, want ErrBadModel", err)
	}
}

// noEquations is a source that names its variables but gives no
// derivative.
type noEquations struct{}

func (noEquations) Equations() ([]string, map[string]float64, func(dst, x []float64, p map[string]float64)) {
	return []string{"V"}, nil, nil
}

func TestFromModelHindmarshRoseFastSlow(t *testing.T) {
	// dyn.HindmarshRose (a 1, b 3, c 1, d 5) at I = 2: the fast
	// equilibria (V, y) against the slow z satisfy y = c − dV² and
	// z = I + c + (b − d)V² − aV³, which folds where −4V − 3V² = 0: at
	// V = 0 (z = 3) and V = −4/3 (z = 3 − 32/27).
	g, err := dyn.NewHindmarshRose(1, dyn.HindmarshRoseParams{})
	if err != nil {
		t.Fatal(err)
	}
	res, err := FastSlow(fromDyn(t, g, 2), []Axis{{Name: "V", Min: -3, Max: 2.5, N: 56}, {Name: "y", Min: -32, Max: 3, N: 71}},
		[]Axis{{Name: "z", Min: 1, Max: 3.5, N: 11}}, FastSlowSettings{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Branches) != 1 {
		t.Fatalf("%d branches, want one S-shaped branch", len(res.Branches))
	}
	folds := res.Branches[0].Folds()
	want := []struct{ V, z float64 }{{-4.0 / 3, 3 - 32.0/27}, {0, 3}}
	if len(folds) != 2 {
		t.Fatalf("folds %+v, want two", folds)
	}
	slices.SortFunc(folds, func(a, b SpecialPoint) int { return cmp.Compare(a.X[0], b.X[0]) })
	for i, w := range want {
		if math.Abs(folds[i].X[0]-w.V) > 1e-6 || math.Abs(folds[i].P-w.z) > 1e-9 {
			t.Errorf("fold at V = %v, z = %.12f; want V = %v (1e-6), z = %v (1e-9)", folds[i].X[0], folds[i].P, w.V, w.z)
		}
	}
}

func TestFromModelMorrisLecarHopf(t *testing.T) {
	// dyn.MorrisLecar (BrainPy's defaults). Along the equilibria W = W∞(V)
	// the input is I(V) = g_Ca M∞(V)(V − V_Ca) + g_K W∞(V)(V − V_K) +
	// g_L(V − V_L), and the trace of the Jacobian is
	// −(g_Ca(M∞′(V)(V − V_Ca) + M∞) + g_K W∞ + g_L)/C − φ cosh((V − V3)/(2V4)).
	// I(V) increases, so det J ∝ I′(V) > 0 and no fold occurs: the zeros of
	// the trace (found here by bisection) are the Hopf points, a reference
	// independent of continuation with finite-difference Jacobians.
	g, err := dyn.NewMorrisLecar(1, dyn.MorrisLecarParams{})
	if err != nil {
		t.Fatal(err)
	}
	p := g.MorrisLecarParams
	mInf := func(v float64) float64 { return 0.5 * (1 + math.Tanh((v-p.V1)/p.V2)) }
	wInf := func(v float64) float64 { return 0.5 * (1 + math.Tanh((v-p.V3)/p.V4)) }
	input := func(v float64) float64 {
		return p.GCa*mInf(v)*(v-p.VCa) + p.GK*wInf(v)*(v-p.VK) + p.GLeak*(v-p.VLeak)
	}
	trace := func(v float64) float64 {
		th := math.Tanh((v - p.V1) / p.V2)
		dm := 0.5 * (1 - th*th) / p.V2
		return -(p.GCa*(dm*(v-p.VCa)+mInf(v))+p.GK*wInf(v)+p.GLeak)/p.C - p.Phi*math.Cosh((v-p.V3)/(2*p.V4))
	}
	var want []float64 // I at the zeros of the trace on [−60, 40] mV
	for v := -60.0; v < 40; v += 0.5 {
		if a, b := v, v+0.5; trace(a)*trace(b) < 0 {
			for range 60 {
				if c := (a + b) / 2; trace(a)*trace(c) <= 0 {
					b = c
				} else {
					a = c
				}
			}
			want = append(want, input((a+b)/2))
		}
	}
	v0 := -60.0
	br, err := Continue(fromDyn(t, g, input(v0)), dyn.EquationInput, []float64{v0, wInf(v0)},
		ContinuationSettings{Min: input(v0), Max: 400, Bounds: []Axis{{Name: "V", Min: -60, Max: 40}}})
	if err != nil {
		t.Fatal(err)
	}
	h := br.Hopfs()
	if len(br.Folds()) != 0 {
		t.Errorf("folds %+v on a monotonic equilibrium curve", br.Folds())
	}
	if len(want) == 0 || len(h) != len(want) {
		t.Fatalf("Hopf points %+v, want %d at I = %v", h, len(want), want)
	}
	for i := range want {
		if math.Abs(h[i].P-want[i]) > 1e-6 {
			t.Errorf("Hopf %d at I = %.8f, trace zero at I = %.8f (1e-6)", i, h[i].P, want[i])
		}
	}
	t.Logf("Morris–Lecar Hopf points at I = %v", want)
}
