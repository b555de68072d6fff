package analysis

import (
	"math"
	"testing"
)

func TestBifurcationFHN(t *testing.T) {
	// Codimension 1 over I on the §3.5 table's values.
	d, err := Bifurcation(fhn(0), []Axis{{Name: "V", Min: -3, Max: 3, N: 61}, {Name: "w", Min: -3, Max: 3, N: 61}},
		[]Axis{{Name: "I", Min: 0, Max: 1.5, N: 31}}, BifurcationSettings{})
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Points) != 31 {
		t.Fatalf("%d points, want one per I value (31)", len(d.Points))
	}
	for _, p := range d.Points {
		// Stability changes at the Hopf points 0.331281 and 1.418719.
		wantStable := p.P[0] < 0.331281 || p.P[0] > 1.418719
		if p.Stable() != wantStable {
			t.Errorf("I = %v: %v, stable = %v, want %v", p.P[0], p.Class, p.Stable(), wantStable)
		}
		for _, row := range fhnTable {
			if math.Abs(p.P[0]-row.I) < 1e-12 && (math.Abs(p.X[0]-row.V) > 1e-6 || p.Class != row.class) {
				t.Errorf("I = %v: %v %v, want V = %v, %v", row.I, p.X, p.Class, row.V, row.class)
			}
		}
	}
	// Codimension 2 over (I, a): each sampled point solves the reduced
	// equilibrium condition V − V³/3 − (V + a)/b + I = 0 (§3.5).
	d2, err := Bifurcation(fhn(0), []Axis{{Name: "V", Min: -3, Max: 3, N: 31}, {Name: "w", Min: -3, Max: 3, N: 31}},
		[]Axis{{Name: "I", Min: 0, Max: 1, N: 5}, {Name: "a", Min: 0.5, Max: 0.9, N: 5}}, BifurcationSettings{})
	if err != nil {
		t.Fatal(err)
	}
	if len(d2.Points) != 25 || len(d2.Params) != 2 {
		t.Fatalf("%d points over %v, want 25", len(d2.Points), d2.Params)
	}
	for _, p := range d2.Points {
		V, I, a := p.X[0], p.P[0], p.P[1]
		if r := V - V*V*V/3 - (V+a)/0.8 + I; math.Abs(r) > 1e-10 {
			t.Errorf("I = %v, a = %v: V = %v is not an equilibrium (residual %v)", I, a, V, r)
		}
	}
}

func TestLimitCyclesFHN(t *testing.T) {
	// A cycle exists for 0.331281 < I < 1.418719 (and in the narrow
	// subcritical windows just outside); none at I = 0.1 or 1.7.
	cs, err := LimitCycles(fhn(0), Axis{Name: "I", Min: 0.1, Max: 1.7, N: 5}, []float64{-1, 1}, CycleSettings{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cs {
		want := c.P > 0.331281 && c.P < 1.418719
		if c.Found != want {
			t.Errorf("I = %v: cycle found %v, want %v", c.P, c.Found, want)
		}
	}
	// I = 0.5 is the second value: numbers.md §3.5.
	if c := cs[1]; math.Abs(c.P-0.5) > 1e-12 || math.Abs(c.Period-39.47) > 0.01 {
		t.Errorf("I = %v: period %v, want 39.47", c.P, c.Period)
	}
}

func TestExpIFBifurcation(t *testing.T) {
	// BrainPy's analysis tutorial: ExpIF, τV′ = −(V − V_rest) +
	// Δ_T exp((V − V_T)/Δ_T) + R I (V_rest −65, V_T −59.9, Δ_T 3.48, R 1,
	// τ 10). dF/dV = 0 at V = V_T, so the rest and threshold states merge
	// in a fold at I = V_T − V_rest − Δ_T = 1.62.
	m := Model{
		Vars:   []string{"V"},
		Params: Params{"V_rest": -65, "V_T": -59.9, "delta_T": 3.48, "R": 1, "tau": 10, "I": 0},
		F: func(dst, x []float64, p Params) {
			V := x[0]
			dst[0] = (-(V - p["V_rest"]) + p["delta_T"]*math.Exp((V-p["V_T"])/p["delta_T"]) + p["R"]*p["I"]) / p["tau"]
		},
	}
	const fold = -59.9 + 65 - 3.48
	d, err := Bifurcation(m, []Axis{{Name: "V", Min: -70, Max: -55, N: 301}}, []Axis{{Name: "I", Min: 0, Max: 6, N: 61}}, BifurcationSettings{})
	if err != nil {
		t.Fatal(err)
	}
	count := map[float64]int{}
	for _, p := range d.Points {
		count[p.P[0]]++
		if p.Stable() != (p.X[0] < -59.9) {
			t.Errorf("I = %v, V = %v: %v", p.P[0], p.X[0], p.Class)
		}
	}
	// Two fixed points (rest and threshold, both inside [−70, −55]) below
	// the fold, none above; the grid step 0.1 keeps clear of it.
	for _, I := range (Axis{Name: "I", Min: 0, Max: 6, N: 61}).Values() {
		want := 0
		if I < fold {
			want = 2
		}
		if math.Abs(I-fold) > 0.05 && count[I] != want {
			t.Errorf("I = %v: %d fixed points, want %d", I, count[I], want)
		}
	}
	br, err := Continue(m, "I", []float64{-65}, ContinuationSettings{Min: -5, Max: 6, Bounds: []Axis{{Name: "V", Min: -80, Max: -40}}})
	if err != nil {
		t.Fatal(err)
	}
	if f := br.Folds(); len(f) != 1 || math.Abs(f[0].P-fold) > 1e-9 || math.Abs(f[0].X[0]+59.9) > 1e-6 {
		t.Errorf("folds %+v, want one at I = %v, V = −59.9", f, fold)
	}
}
