package analysis

import (
	"errors"
	"math"
	"testing"
)

// hindmarshRose is the Hindmarsh–Rose model: x′ = y − a x³ + b x² − z + I,
// y′ = c − d x² − y, z′ = r (s (x − xr) − z).
func hindmarshRose(I float64) Model {
	return Model{
		Vars:   []string{"x", "y", "z"},
		Params: Params{"a": 1, "b": 3, "c": 1, "d": 5, "r": 0.001, "s": 4, "xr": -1.6, "I": I},
		F: func(dst, v []float64, p Params) {
			x, y, z := v[0], v[1], v[2]
			dst[0] = y - p["a"]*x*x*x + p["b"]*x*x - z + p["I"]
			dst[1] = p["c"] - p["d"]*x*x - y
			dst[2] = p["r"] * (p["s"]*(x-p["xr"]) - z)
		},
	}
}

func TestFastSlowHindmarshRose(t *testing.T) {
	const I = 2.0
	res, err := FastSlow(hindmarshRose(I),
		[]Axis{{Name: "x", Min: -3, Max: 2.5, N: 56}, {Name: "y", Min: -32, Max: 3, N: 71}},
		[]Axis{{Name: "z", Min: 1, Max: 3.5, N: 11}},
		FastSlowSettings{Init: []float64{-1.6, -12, 2}, Sim: SimSettings{Duration: 1500, Every: 10},
			CycleInit: []float64{1, -4}, Cycle: CycleSettings{Transient: 100, Sim: SimSettings{DT: 0.02, Duration: 100}}})
	if err != nil {
		t.Fatal(err)
	}
	// Direct solve: the fast equilibria have y = c − d x², so
	// z(x) = I + c + (b − d) x² − a x³ = I + 1 − 2x² − x³, whose extrema
	// z′(x) = −4x − 3x² = 0 are the folds: x = 0 (z = I + 1) and
	// x = −4/3 (z = I + 1 − 32/27).
	want := map[float64]float64{0: I + 1, -4.0 / 3: I + 1 - 32.0/27}
	var folds []SpecialPoint
	for _, b := range res.Branches {
		folds = append(folds, b.Folds()...)
	}
	if len(res.Branches) != 1 || len(folds) != 2 {
		t.Fatalf("got %d branches with folds %+v; want one S-shaped branch with 2 folds", len(res.Branches), folds)
	}
	for _, f := range folds {
		x := math.Round(f.X[0]*3) / 3
		z, ok := want[x]
		if !ok || math.Abs(f.X[0]-x) > 1e-6 || math.Abs(f.P-z) > 1e-9 {
			t.Errorf("fold at x = %v, z = %.12f; want x in {0, −4/3} (1e-6), z = %v (1e-9)", f.X[0], f.P, z)
		}
	}
	// The upper branch loses stability in a Hopf point where the fast
	// Jacobian [[6x − 3x², 1], [−10x, −1]] has zero trace: 3x² − 6x + 1 = 0,
	// x = 1 − √(2/3), with determinant 3x² + 4x > 0.
	hopfs := res.Branches[0].Hopfs()
	xh := 1 - math.Sqrt(2.0/3)
	if len(hopfs) != 1 || math.Abs(hopfs[0].X[0]-xh) > 1e-7 || math.Abs(hopfs[0].P-(I+1-2*xh*xh-xh*xh*xh)) > 1e-9 ||
		math.Abs(hopfs[0].Omega-math.Sqrt(3*xh*xh+4*xh)) > 1e-7 {
		t.Errorf("Hopf points %+v, want one at x = %v", hopfs, xh)
	}
	// The fast subsystem spikes where the upper branch is an unstable
	// focus, up to the homoclinic end of the cycle (z ≈ 2.1, where the
	// period grows without bound); from there on (z = 2.5 and beyond the
	// upper fold) trajectories settle on the silent stable node.
	for _, c := range res.Cycles {
		switch c.P {
		case 1, 1.5:
			if !c.Found || !(c.Period > 5 && c.Period < 10) {
				t.Errorf("z = %v: fast cycle %v with period %v, want one of period 5–10", c.P, c.Found, c.Period)
			}
		case 2.5, 3.25, 3.5:
			if c.Found {
				t.Errorf("z = %v: fast cycle found, want none", c.P)
			}
		}
	}
	// Every sampled equilibrium lies on the direct-solve curve.
	for _, p := range res.Diagram.Points {
		x := p.X[0]
		if z := I + 1 - 2*x*x - x*x*x; math.Abs(z-p.P[0]) > 1e-9 || math.Abs(p.X[1]-(1-5*x*x)) > 1e-9 {
			t.Fatalf("sampled equilibrium %v at z = %v is off the curve", p.X, p.P[0])
		}
	}
	// The trajectory bursts: z stays between the folds, x visits both the
	// upper (spiking) and the lower (silent) branch.
	tr := res.Trajectory
	if tr == nil || len(tr.T) != 15001 {
		t.Fatalf("trajectory missing or of wrong length")
	}
	zmin, zmax, xmax := math.Inf(1), math.Inf(-1), math.Inf(-1)
	for k := len(tr.T) / 2; k < len(tr.T); k++ {
		zmin, zmax, xmax = min(zmin, tr.X[2][k]), max(zmax, tr.X[2][k]), max(xmax, tr.X[0][k])
	}
	if zmin < I+1-32.0/27-0.2 || zmax > I+1 || xmax < 1 {
		t.Errorf("trajectory z in [%v, %v], max x %v: not a burst between the folds", zmin, zmax, xmax)
	}
}

func TestFastSlow1D(t *testing.T) {
	// Relaxation oscillator x′ = y − x³/3 + x, y′ = ε(a − x): the fast
	// equilibria y = x³/3 − x fold at x = ±1, y = ∓2/3.
	m := Model{
		Vars:   []string{"x", "y"},
		Params: Params{"eps": 0.01, "a": 0},
		F: func(dst, v []float64, p Params) {
			dst[0] = v[1] - v[0]*v[0]*v[0]/3 + v[0]
			dst[1] = p["eps"] * (p["a"] - v[0])
		},
	}
	res, err := FastSlow(m, []Axis{{Name: "x", Min: -3, Max: 3}}, []Axis{{Name: "y", Min: -2, Max: 2}}, FastSlowSettings{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Branches) != 1 || len(res.Branches[0].Folds()) != 2 {
		t.Fatalf("branches %d, want one with two folds", len(res.Branches))
	}
	for _, f := range res.Branches[0].Folds() {
		if math.Abs(math.Abs(f.X[0])-1) > 1e-6 || math.Abs(f.P+math.Copysign(2.0/3, f.X[0])) > 1e-9 {
			t.Errorf("fold at x = %v, y = %v; want x = ±1, y = ∓2/3", f.X[0], f.P)
		}
	}
}

func TestHoldVariable(t *testing.T) {
	// The x–y plane of Hindmarsh–Rose with z held: the fixed points solve
	// z = I + 1 − 2x² − x³, y = 1 − 5x²; and continuing in the held z
	// finds the same folds as FastSlow.
	const I, z = 2.0, 2.5
	m := hindmarshRose(I)
	pl, err := PhasePlane2D(m, Axis{Name: "x", Min: -3, Max: 2.5}, Axis{Name: "y", Min: -32, Max: 3},
		PhasePlane2DSettings{Hold: map[string]float64{"z": z}})
	if err != nil {
		t.Fatal(err)
	}
	if len(pl.Fixed) != 3 {
		t.Fatalf("%d fixed points at z = %v, want 3 (between the folds)", len(pl.Fixed), z)
	}
	for _, fp := range pl.Fixed {
		x := fp.X[0]
		if math.Abs(I+1-2*x*x-x*x*x-z) > 1e-10 || math.Abs(fp.X[1]-(1-5*x*x)) > 1e-10 {
			t.Errorf("fixed point %v is off the equilibrium curve", fp.X)
		}
	}
	br, err := Continue(m, "z", pl.Fixed[0].X, ContinuationSettings{Min: 1, Max: 3.5, Hold: map[string]float64{"z": z}})
	if err != nil {
		t.Fatal(err)
	}
	if f := br.Folds(); len(f) != 2 || math.Abs(f[0].P-(I+1)) > 1e-9 || math.Abs(f[1].P-(I+1-32.0/27)) > 1e-9 {
		t.Errorf("folds %+v, want z = %v then %v", f, I+1, I+1-32.0/27)
	}
	// Holding every variable, or an unknown one, is an error.
	if _, err := m.Hold(map[string]float64{"x": 0, "y": 0, "z": 0}); !errors.Is(err, ErrBadSettings) {
		t.Errorf("holding every variable: %v", err)
	}
	if _, err := m.Hold(map[string]float64{"q": 0}); !errors.Is(err, ErrUnknownName) {
		t.Errorf("holding an unknown variable: %v", err)
	}
}

func TestProgress(t *testing.T) {
	var calls, last, total int
	s := BifurcationSettings{Limits: Limits{Progress: func(done, tot int) { calls++; last, total = done, tot }}}
	if _, err := Bifurcation(sinModel(0), []Axis{{Name: "x", Min: -4, Max: 4}}, []Axis{{Name: "I", Min: -2, Max: 2, N: 9}}, s); err != nil {
		t.Fatal(err)
	}
	if calls != 9 || last != 9 || total != 9 {
		t.Errorf("progress called %d times, last %d/%d; want 9, 9/9", calls, last, total)
	}
}
