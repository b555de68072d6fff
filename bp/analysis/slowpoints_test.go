package analysis

import (
	"cmp"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

func TestSlowPointsSmall(t *testing.T) {
	// x′ = x − x³, y′ = −y: fixed points (−1, 0) and (1, 0) stable nodes,
	// (0, 0) a saddle. One candidate sits far out at (8, 8) beside a
	// cluster; with OutlierTol the isolated result is excluded.
	m := Model{Vars: []string{"x", "y"}, F: func(dst, v []float64, _ Params) {
		dst[0], dst[1] = v[0]-v[0]*v[0]*v[0], -v[1]
	}}
	rng := rand.New(rand.NewPCG(1, 2))
	var cands [][]float64
	for range 30 {
		cands = append(cands, []float64{rng.Float64()*4 - 2, rng.Float64()*4 - 2})
	}
	for _, opt := range []Optimizer{Adam, BFGS, LBFGS} {
		res, err := FindSlowPoints(m, cands, SlowPointSettings{Optimizer: opt})
		if err != nil {
			t.Fatal(err)
		}
		if res.Unique != 3 || len(res.Points) != 3 {
			t.Fatalf("%v: %d unique points (of %d converged), want 3: %+v", opt, res.Unique, res.Converged, res.Points)
		}
		slices.SortFunc(res.Points, func(a, b SlowPoint) int { return cmp.Compare(a.X[0], b.X[0]) })
		for i, want := range []struct {
			x float64
			c Class
		}{{-1, StableNode}, {0, Saddle}, {1, StableNode}} {
			p := res.Points[i]
			if math.Abs(p.X[0]-want.x) > 1e-5 || math.Abs(p.X[1]) > 1e-5 || p.Class != want.c || p.Loss > 1e-10 {
				t.Errorf("%v: point %v (loss %.1e) %v, want (%v, 0) %v", opt, p.X, p.Loss, p.Class, want.x, want.c)
			}
		}
	}
	// Outlier exclusion: two near points and a far one.
	far := Model{Vars: []string{"x"}, F: func(dst, v []float64, _ Params) { dst[0] = (v[0] - 0.1) * (v[0] - 0.2) * (v[0] - 9) }}
	res, err := FindSlowPoints(far, [][]float64{{0.05}, {0.25}, {9.5}}, SlowPointSettings{Optimizer: BFGS, OutlierTol: 1})
	if err != nil {
		t.Fatal(err)
	}
	if res.Unique != 3 || res.Kept != 2 {
		t.Errorf("unique %d, kept %d; want 3 and 2 (the point at 9 excluded)", res.Unique, res.Kept)
	}
}

// cann is the 1-D continuous attractor network of Wu et al. (2008) in
// BrainPy's form: τu′ = −u + W r + A exp(−d(x, z)²/(4a²)), r = u²/(1 + kΣu²),
// W_ij = J0 exp(−d_ij²/(2a²))/(√(2π)a) on a ring of n neurons.
func cann(n int) Model {
	const tau, k, a, J0 = 1.0, 8.1, 0.5, 4.0
	pos := make([]float64, n)
	for i := range pos {
		pos[i] = -math.Pi + 2*math.Pi*float64(i)/float64(n)
	}
	ring := func(d float64) float64 { return math.Remainder(d, 2*math.Pi) }
	w := make([]float64, n*n)
	for i := range n {
		for j := range n {
			d := ring(pos[i] - pos[j])
			w[i*n+j] = J0 * math.Exp(-d*d/(2*a*a)) / (math.Sqrt(2*math.Pi) * a)
		}
	}
	r := make([]float64, n)
	norm := func(u []float64) float64 {
		s := 0.0
		for _, v := range u {
			s += v * v
		}
		return 1 + k*s
	}
	return Model{
		Vars:   VarNames("u", n),
		Params: Params{"A": 0, "z": 0},
		F: func(dst, u []float64, p Params) {
			D := norm(u)
			for i, v := range u {
				r[i] = v * v / D
			}
			for i := range n {
				rec := 0.0
				for j := range n {
					rec += w[i*n+j] * r[j]
				}
				d := ring(pos[i] - p["z"])
				dst[i] = (-u[i] + rec + p["A"]*math.Exp(-d*d/(4*a*a))) / tau
			}
		},
		// J = (−I + W R′)/τ with R′_ij = 2u_iδ_ij/D − 2k u_i² u_j/D².
		Jacobian: func(jac, u []float64, _ Params) {
			D := norm(u)
			for i := range n {
				wu := 0.0 // Σ_l W_il u_l²
				for l := range n {
					wu += w[i*n+l] * u[l] * u[l]
				}
				for j := range n {
					v := (w[i*n+j]*2*u[j]/D - 2*k*wu*u[j]/(D*D)) / tau
					if i == j {
						v -= 1 / tau
					}
					jac[i*n+j] = v
				}
			}
		},
	}
}

func TestCANNJacobian(t *testing.T) {
	// The analytic Jacobian agrees with central differences.
	m := cann(16)
	u := make([]float64, 16)
	for i := range u {
		u[i] = math.Exp(-math.Pow(float64(i-8)/3, 2))
	}
	an := mustSystem(t, m)
	m.Jacobian = nil
	num := mustSystem(t, m)
	ja, jn := make([]float64, 256), make([]float64, 256)
	if err := an.jacobian(ja, u); err != nil {
		t.Fatal(err)
	}
	if err := num.jacobian(jn, u); err != nil {
		t.Fatal(err)
	}
	for i := range ja {
		if math.Abs(ja[i]-jn[i]) > 1e-8 {
			t.Fatalf("entry %d: analytic %v, numeric %v", i, ja[i], jn[i])
		}
	}
}

func TestSlowPointsCANN(t *testing.T) {
	// Candidates: states after a stimulus at several positions is removed.
	// Every found slow point must be a bump of the same shape (a point of
	// the ring attractor) with one eigenvalue ≈ 0 (the translation mode)
	// and the rest clearly negative.
	const n = 64
	m := cann(n)
	var cands [][]float64
	for k := range 12 {
		z := -math.Pi + 2*math.Pi*(float64(k)+0.37)/12
		on, _ := m.With(Params{"A": 10, "z": z})
		tr, err := Simulate(on, make([]float64, n), SimSettings{DT: 0.05, Duration: 10, Every: 200})
		if err != nil {
			t.Fatal(err)
		}
		u := make([]float64, n)
		for i := range u {
			u[i] = tr.X[i][len(tr.T)-1]
		}
		tr, err = Simulate(m, u, SimSettings{DT: 0.05, Duration: 2, Every: 40})
		if err != nil {
			t.Fatal(err)
		}
		for i := range u {
			u[i] = tr.X[i][len(tr.T)-1]
		}
		cands = append(cands, u)
	}
	res, err := FindSlowPoints(m, cands, SlowPointSettings{Optimizer: BFGS, Tol: 1e-12, UniqueTol: 0.1})
	if err != nil {
		t.Fatal(err)
	}
	if res.Converged != len(cands) || len(res.Points) < 10 {
		t.Fatalf("%d of %d candidates converged, %d unique points; want all and ≥ 10", res.Converged, len(cands), len(res.Points))
	}
	// Shape invariants that do not depend on where the bump centre falls
	// between lattice points: the mass Σu and the peak rate.
	mass := func(u []float64) float64 {
		s := 0.0
		for _, v := range u {
			s += v
		}
		return s
	}
	m0 := mass(res.Points[0].X)
	for _, p := range res.Points {
		ev := p.Eigen
		if math.Abs(real(ev[0])) > 1e-4 || real(ev[1]) > -0.05 || p.Class != MarginallyStable {
			t.Errorf("point with loss %.1e: leading eigenvalues %v, %v (%v); want ≈ 0 (1e-4) and < −0.05",
				p.Loss, ev[0], ev[1], p.Class)
		}
		if ms := mass(p.X); math.Abs(ms-m0) > 1e-6*m0 || slices.Max(p.X) < 0.1 {
			t.Errorf("bump mass %v, want %v (the same bump translated)", ms, m0)
		}
	}
	t.Logf("%d slow points, bump mass %.6f, leading eigenvalues %.2e, %.3f", len(res.Points), m0, real(res.Points[0].Eigen[0]), real(res.Points[0].Eigen[1]))
	// The points lie along the ring: each bump is centred (circular mean of
	// u over the neuron positions) where its stimulus was, so the points
	// found cover the line of attractors rather than one spot of it.
	stim := make([]bool, 12)
	for _, p := range res.Points {
		var sx, sy float64
		for i, v := range p.X {
			th := -math.Pi + 2*math.Pi*float64(i)/n
			sx, sy = sx+v*math.Cos(th), sy+v*math.Sin(th)
		}
		c := math.Atan2(sy, sx)
		k := math.Round((c+math.Pi)*12/(2*math.Pi) - 0.37)
		z := -math.Pi + 2*math.Pi*(k+0.37)/12
		if d := math.Abs(math.Remainder(c-z, 2*math.Pi)); d > 0.05 {
			t.Errorf("bump centred at %.4f, %.3f rad from the nearest stimulus position %.4f", c, d, z)
		}
		stim[(int(k)+12)%12] = true
	}
	if covered := len(slices.DeleteFunc(stim, func(b bool) bool { return !b })); covered < 10 {
		t.Errorf("slow points at %d of the 12 stimulus positions, want ≥ 10 spread over the ring", covered)
	}
}

func TestSlowPointsDiscrete(t *testing.T) {
	// The logistic map x → r x (1 − x), r = 2.5, and y → 2y: fixed points
	// (0, 0) with multipliers 2.5 and 2 (unstable) and (0.6, 0) with
	// multipliers 2 − r = −0.5 and 2 (saddle).
	m := Model{Vars: []string{"x", "y"}, Params: Params{"r": 2.5}, F: func(dst, v []float64, p Params) {
		dst[0], dst[1] = p["r"]*v[0]*(1-v[0]), 2*v[1]
	}}
	cands := [][]float64{{-0.2, 0.1}, {0.1, -0.1}, {0.5, 0.2}, {0.8, -0.05}}
	res, err := FindSlowPoints(m, cands, SlowPointSettings{Optimizer: BFGS, Discrete: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Points) != 2 {
		t.Fatalf("%d points, want 2: %+v", len(res.Points), res.Points)
	}
	slices.SortFunc(res.Points, func(a, b SlowPoint) int { return cmp.Compare(a.X[0], b.X[0]) })
	for i, want := range []struct {
		x      float64
		lambda []float64
		c      Class
	}{{0, []float64{2.5, 2}, UnstablePoint}, {0.6, []float64{2, -0.5}, Saddle}} {
		p := res.Points[i]
		if math.Abs(p.X[0]-want.x) > 1e-6 || p.Class != want.c ||
			math.Abs(real(p.Eigen[0])-want.lambda[0]) > 1e-6 || math.Abs(real(p.Eigen[1])-want.lambda[1]) > 1e-6 {
			t.Errorf("point %v: eigenvalues %v, %v; want x = %v, %v, %v", p.X, p.Eigen, p.Class, want.x, want.lambda, want.c)
		}
	}
}
