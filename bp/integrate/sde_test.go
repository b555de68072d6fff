package integrate_test

import (
	"errors"
	"math"
	"testing"

	"github.com/braingo/braingo/bp/integrate"
	"github.com/braingo/braingo/bp/integrate/testprob"
	bm "github.com/braingo/braingo/bp/math"
)

// strongErrors integrates GBM on [0, 1] along `paths` Brownian paths sampled
// on a fine grid of 2^fine steps, with coarse steps of 2^k fine ones for
// each k in ks, and returns the mean absolute error at T = 1 against the
// exact solution of the chosen calculus, for each k.
func strongErrors(t *testing.T, method string, calc integrate.Calculus, paths, fine int, ks []int) []float64 {
	t.Helper()
	p := testprob.GBM{Mu: 1.5, Sigma: 1, X0: 1}
	st, err := integrate.NewSDE(method, p.F, p.G, 1, integrate.SDESettings{Calculus: calc})
	if err != nil {
		t.Fatal(err)
	}
	rng := bm.NewRNG(42)
	nf := 1 << fine
	dWf := make([]float64, nf)
	errs := make([]float64, len(ks))
	for range paths {
		rng.NormalFill(dWf, 0, math.Sqrt(1/float64(nf)))
		var w float64
		for _, d := range dWf {
			w += d
		}
		exact := p.Ito(1, w)
		if calc == integrate.Stratonovich {
			exact = p.Stratonovich(1, w)
		}
		for ik, k := range ks {
			stride := 1 << k
			dt := float64(stride) / float64(nf)
			x := []float64{p.X0}
			dW := []float64{0}
			for s := 0; s < nf; s += stride {
				dW[0] = 0
				for _, d := range dWf[s : s+stride] {
					dW[0] += d
				}
				st.StepW(x, float64(s)/float64(nf), dt, dW)
			}
			errs[ik] += math.Abs(x[0]-exact) / float64(paths)
		}
	}
	return errs
}

// TestSDEStrongOrder refines the step along fixed Brownian paths and fits
// the slope of log(mean error) against log(dt): 0.5 for Euler–Maruyama, 1
// for Milstein and (for this commutative noise) stochastic Heun. 300 paths;
// the slope is accepted within ±0.15.
func TestSDEStrongOrder(t *testing.T) {
	ks := []int{2, 3, 4, 5, 6} // dt = 2^-8 ... 2^-4 of a fine grid of 2^10
	cases := []struct {
		method string
		calc   integrate.Calculus
		order  float64
	}{
		{"euler", integrate.Ito, 0.5},
		{"milstein", integrate.Ito, 1},
		{"milstein", integrate.Stratonovich, 1},
		{"heun", integrate.Stratonovich, 1},
		{"euler", integrate.Stratonovich, 1}, // Euler–Heun
	}
	for _, c := range cases {
		errs := strongErrors(t, c.method, c.calc, 300, 10, ks)
		// Least-squares slope of log2(err) against k (log2 of dt up to a constant).
		var sx, sy, sxx, sxy float64
		for i, k := range ks {
			x, y := float64(k), math.Log2(errs[i])
			sx, sy, sxx, sxy = sx+x, sy+y, sxx+x*x, sxy+x*y
		}
		nk := float64(len(ks))
		slope := (nk*sxy - sx*sy) / (nk*sxx - sx*sx)
		t.Logf("%s/%v: errors %.3g, slope %.3f", c.method, c.calc, errs, slope)
		if math.Abs(slope-c.order) > 0.15 {
			t.Errorf("%s/%v: strong order %.3f, want %v", c.method, c.calc, slope, c.order)
		}
	}
}

// TestGBMItoMean checks E[X(1)] = X0·e^{μ} for Euler–Maruyama, Milstein
// and exponential Euler over 4000 seeded paths (one population of 4000
// independent elements with diagonal noise): within 4 standard errors plus
// the O(dt) weak bias bound μ²·dt·E[X] at dt = 1e-2.
func TestGBMItoMean(t *testing.T) {
	p := testprob.GBM{Mu: 0.5, Sigma: 0.5, X0: 1}
	const n, dt = 4000, 0.01
	for _, method := range []string{"euler", "milstein", "exp_euler"} {
		st, err := integrate.NewSDE(method, p.F, p.G, n, integrate.SDESettings{Seed: 7, ODE: integrate.Settings{Blocks: []int{n}}})
		if err != nil {
			t.Fatal(err)
		}
		x := bm.Full(n, p.X0)
		if err := integrate.Integrate(nil, st, x, 0, 1, dt); err != nil {
			t.Fatal(err)
		}
		mean := bm.Mean(x)
		se := math.Sqrt(p.ItoVar(1) / n)
		tol := 4*se + p.Mu*p.Mu*dt*p.ItoMean(1)
		if d := math.Abs(mean - p.ItoMean(1)); d > tol {
			t.Errorf("%s: mean %.4f, want %.4f ± %.4f", method, mean, p.ItoMean(1), tol)
		}
	}
}

// TestOUStationaryVariance runs 4000 independent OU processes for 10τ from
// the mean and checks the variance across them against σ²τ/2 within 10%
// (4 standard errors of a variance from 4000 samples are 9%; the bias at
// dt = τ/100 is under 1%).
func TestOUStationaryVariance(t *testing.T) {
	p := testprob.OU{Mu: -60, Sigma: 2, Tau: 10}
	const n = 4000
	for _, method := range []string{"euler", "milstein", "exp_euler"} {
		st, err := integrate.NewSDE(method, p.F, p.G, n, integrate.SDESettings{Seed: 3, ODE: integrate.Settings{Blocks: []int{n}}})
		if err != nil {
			t.Fatal(err)
		}
		x := bm.Full(n, p.Mu)
		if err := integrate.Integrate(nil, st, x, 0, 10*p.Tau, p.Tau/100); err != nil {
			t.Fatal(err)
		}
		v := variance(x)
		if math.Abs(v/p.StationaryVar()-1) > 0.1 {
			t.Errorf("%s: variance %.3f, want σ²τ/2 = %.3f", method, v, p.StationaryVar())
		}
	}
}

// TestSDEVectorNoise checks the noise layouts: with Wiener = 2 and constant
// g = (3, 4) on one variable, x(1) has variance 3² + 4² = 25; with one
// shared process (Wiener = 1), two variables with the same g move together.
func TestSDEVectorNoise(t *testing.T) {
	zero := func(dst []float64, _ float64, _ []float64) { clear(dst) }
	g2 := func(dst []float64, _ float64, _ []float64) { dst[0], dst[1] = 3, 4 }
	const paths = 4000
	st, err := integrate.NewSDE("euler", zero, g2, 1, integrate.SDESettings{Wiener: 2, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	if st.NoiseDim() != 2 {
		t.Fatalf("NoiseDim = %d, want 2", st.NoiseDim())
	}
	xs := make([]float64, paths)
	for i := range xs {
		x := []float64{0}
		integrate.Integrate(nil, st, x, 0, 1, 0.1)
		xs[i] = x[0]
	}
	if v := variance(xs); math.Abs(v/25-1) > 0.1 {
		t.Errorf("variance %.3f with two processes, want 25 ± 10%%", v)
	}
	one := func(dst []float64, _ float64, x []float64) { dst[0], dst[1] = 1+x[0]*x[0], 1+x[1]*x[1] }
	for _, method := range []string{"euler", "milstein", "exp_euler"} {
		st, err := integrate.NewSDE(method, zero, one, 2, integrate.SDESettings{Wiener: 1, Seed: 1})
		if err != nil {
			t.Fatal(err)
		}
		x := []float64{0.1, 0.1}
		integrate.Integrate(nil, st, x, 0, 1, 0.01)
		if x[0] != x[1] || x[0] == 0.1 {
			t.Errorf("%s with one shared process: x = %v, want equal and moved", method, x)
		}
	}
}

// TestSDESeeded checks that the same seed gives the same path and another
// seed a different one.
func TestSDESeeded(t *testing.T) {
	p := testprob.OU{Mu: 0, Sigma: 1, Tau: 5}
	run := func(seed uint64) []float64 {
		st, _ := integrate.NewSDE("euler", p.F, p.G, 3, integrate.SDESettings{Seed: seed})
		x := make([]float64, 3)
		integrate.Integrate(nil, st, x, 0, 1, 0.1)
		return x
	}
	a, b, c := run(5), run(5), run(6)
	for i := range a {
		if a[i] != b[i] {
			t.Fatalf("same seed differs: %v vs %v", a, b)
		}
	}
	if a[0] == c[0] {
		t.Errorf("seeds 5 and 6 gave the same path %v", a)
	}
}

func TestNewSDEErrors(t *testing.T) {
	p := testprob.OU{Mu: 0, Sigma: 1, Tau: 5}
	cases := []struct {
		name   string
		method string
		g      integrate.Func
		n      int
		s      integrate.SDESettings
		want   error
	}{
		{"unknown", "srk9", p.G, 1, integrate.SDESettings{}, integrate.ErrUnknownMethod},
		{"nil g", "euler", nil, 1, integrate.SDESettings{}, integrate.ErrNilFunc},
		{"n = 0", "euler", p.G, 0, integrate.SDESettings{}, integrate.ErrLength},
		{"heun under Ito", "heun", p.G, 1, integrate.SDESettings{}, integrate.ErrSettings},
		{"exp_euler under Stratonovich", "exp_euler", p.G, 1, integrate.SDESettings{Calculus: integrate.Stratonovich}, integrate.ErrSettings},
		{"milstein with 2 processes", "milstein", p.G, 1, integrate.SDESettings{Wiener: 2}, integrate.ErrSettings},
		{"negative Wiener", "euler", p.G, 1, integrate.SDESettings{Wiener: -1}, integrate.ErrSettings},
	}
	for _, c := range cases {
		if _, err := integrate.NewSDE(c.method, p.F, c.g, c.n, c.s); !errors.Is(err, c.want) {
			t.Errorf("%s: got %v, want %v", c.name, err, c.want)
		}
	}
}

// variance is the population variance (numpy's var).
func variance(x []float64) float64 { s := bm.Std(x); return s * s }

// TestSDENilDrift checks that only exp_euler with an analytic drift
// (ODE.Linear) accepts a nil f.
func TestSDENilDrift(t *testing.T) {
	p := testprob.OU{Mu: 0, Sigma: 1, Tau: 5}
	lin := func(dst, diag []float64, t float64, x []float64) {
		p.F(dst, t, x)
		for i := range diag {
			diag[i] = -1 / p.Tau
		}
	}
	s := integrate.SDESettings{ODE: integrate.Settings{Linear: lin}}
	if _, err := integrate.NewSDE("exp_euler", nil, p.G, 1, s); err != nil {
		t.Errorf("exp_euler with Linear: %v", err)
	}
	if _, err := integrate.NewSDE("milstein", nil, p.G, 1, s); !errors.Is(err, integrate.ErrNilFunc) {
		t.Errorf("milstein with nil f: got %v", err)
	}
}
