package dyn

import (
	"errors"
	"math"
	"testing"

	"github.com/braingo/braingo/bp"
)

// synRun drives s with a unit input at step 0 (on element 0) and returns
// Out()[0] after each of steps steps.
func synRun(s Synapse, dt float64, steps int) []float64 {
	in := make([]float64, s.Size())
	zero := make([]float64, s.Size())
	out := make([]float64, steps)
	ctx := &bp.Context{DT: dt}
	for k := range steps {
		ctx.Step, ctx.T = int64(k), float64(k)*dt
		x := zero
		if k == 0 {
			in[0] = 1
			x = in
		}
		s.Step(ctx, x)
		out[k] = s.Out()[0]
	}
	return out
}

func TestSynapseImpulseResponses(t *testing.T) {
	const dt = 0.1
	expon, _ := NewExpon(2, ExponParams{Tau: 5})
	dual, _ := NewDualExpon(2, DualExponParams{TauDecay: 10, TauRise: 2})
	alpha, _ := NewAlpha(2, AlphaParams{TauDecay: 4})
	// After the input at step 0, the state after step k is the closed form at t = k·dt.
	for _, tc := range []struct {
		name string
		s    Synapse
		f    func(t float64) float64
	}{
		{"Expon", expon, func(t float64) float64 { return math.Exp(-t / 5) }},
		{"DualExpon", dual, func(t float64) float64 { return 10 * 2 / 8.0 * (math.Exp(-t/10) - math.Exp(-t/2)) }},
		{"Alpha", alpha, func(t float64) float64 { return t * math.Exp(-t/4) }},
	} {
		got := synRun(tc.s, dt, 1000)
		for k, g := range got {
			if want := tc.f(float64(k) * dt); math.Abs(g-want) > 1e-12 {
				t.Fatalf("%s: g after step %d = %.15g, closed form %.15g", tc.name, k, g, want)
			}
		}
		if s := tc.s.Out()[1]; s != 0 {
			t.Errorf("%s: undriven element has g = %v", tc.name, s)
		}
		tc.s.Reset(0)
		for _, v := range tc.s.Vars() {
			for _, x := range v.Data {
				if x != 0 {
					t.Fatalf("%s: %s not zero after Reset", tc.name, v.Name)
				}
			}
		}
	}
	// Alpha peaks at t = τ with τ/e.
	got := synRun(alpha, dt, 1000)
	if got[40] != slicesMax(got) || math.Abs(got[40]-4/math.E) > 1e-12 {
		t.Errorf("Alpha peak %v at %v ms, want %v at 4 ms", slicesMax(got), got[40], 4/math.E)
	}
}

func slicesMax(x []float64) float64 {
	m := math.Inf(-1)
	for _, v := range x {
		m = max(m, v)
	}
	return m
}

func TestKineticClosedForm(t *testing.T) {
	const dt = 0.1
	for _, tc := range []struct {
		name         string
		new          func(int, KineticParams) (*Kinetic, error)
		a, b, T, dur float64
	}{
		{"AMPA", NewAMPA, 0.98, 0.18, 0.5, 0.5},
		{"GABAa", NewGABAa, 0.53, 0.18, 1, 1},
	} {
		s, err := tc.new(1, KineticParams{})
		if err != nil {
			t.Fatal(err)
		}
		got := synRun(s, dt, 400)
		// g(t) at the end of step k (t = (k+1)dt): rising to ginf during the
		// release, then decaying with β.
		k := tc.a*tc.T + tc.b
		ginf := tc.a * tc.T / k
		for i, g := range got {
			te := float64(i+1) * dt
			want := ginf * (1 - math.Exp(-k*te))
			if te > tc.dur {
				want = ginf * (1 - math.Exp(-k*tc.dur)) * math.Exp(-tc.b*(te-tc.dur))
			}
			if math.Abs(g-want) > 1e-12 {
				t.Fatalf("%s: g at %.1f ms = %.15g, closed form %.15g", tc.name, te, g, want)
			}
		}
	}
}

// rk4 integrates the autonomous system f from x over n steps of h.
func rk4(f func(dst, x []float64), x []float64, h float64, n int) {
	d := len(x)
	k1, k2, k3, k4, y := make([]float64, d), make([]float64, d), make([]float64, d), make([]float64, d), make([]float64, d)
	for range n {
		f(k1, x)
		for i := range y {
			y[i] = x[i] + h/2*k1[i]
		}
		f(k2, y)
		for i := range y {
			y[i] = x[i] + h/2*k2[i]
		}
		f(k3, y)
		for i := range y {
			y[i] = x[i] + h*k3[i]
		}
		f(k4, y)
		for i := range x {
			x[i] += h / 6 * (k1[i] + 2*k2[i] + 2*k3[i] + k4[i])
		}
	}
}

func TestNMDAAgainstRK4(t *testing.T) {
	// One spike, then the nonlinear (g, x) system; exponential Euler at
	// dt = 0.01 against RK4 at 0.001 (first-order scheme: error ~1e-3 of the peak).
	const dt = 0.01
	s, _ := NewNMDA(1, NMDAParams{})
	got := synRun(s, dt, 5000) // 50 ms
	ref := []float64{0, 1}     // g, x just after the spike
	p := s.NMDAParams
	f := func(dst, y []float64) {
		dst[0] = -y[0]/p.TauDecay + p.A*y[1]*(1-y[0])
		dst[1] = -y[1] / p.TauRise
	}
	peak := slicesMax(got)
	for _, ms := range []int{1, 2, 5, 10, 20, 49} {
		y := append([]float64(nil), ref...)
		rk4(f, y, 0.001, ms*1000)
		if g := got[ms*100]; math.Abs(g-y[0]) > 2e-3*peak {
			t.Errorf("NMDA g at %d ms = %.6f, RK4 %.6f", ms, g, y[0])
		}
	}
}

func TestMgBlock(t *testing.T) {
	o := &MgBlock{}
	g := []float64{2, 2, 2}
	o.Bind(g)
	v := []float64{-65, -20, 10}
	dst := []float64{1, 0, 0}
	o.AddCurrent(dst, v)
	for i, vi := range v {
		b := 1 / (1 + 1.2/3.57*math.Exp(-0.062*vi))
		want := 2 * (0 - vi) * b
		if i == 0 {
			want++
		}
		if math.Abs(dst[i]-want) > 1e-12 {
			t.Errorf("MgBlock current at V = %v: %v, formula %v", vi, dst[i], want)
		}
		if math.Abs(o.Unblocked(vi)-b) > 1e-15 {
			t.Errorf("Unblocked(%v) = %v, want %v", vi, o.Unblocked(vi), b)
		}
	}
	coba, cuba := &COBA{E: -80}, &CUBA{}
	coba.Bind(g)
	cuba.Bind(g)
	d := make([]float64, 3)
	coba.AddCurrent(d, v)
	cuba.AddCurrent(d, v)
	for i := range d {
		if want := 2*(-80-v[i]) + 2; d[i] != want {
			t.Errorf("COBA+CUBA current %v, want %v", d[i], want)
		}
	}
}

// stpReleases drives an STP with n spikes at rate hz and returns the releases.
func stpReleases(p STPParams, hz float64, n int) []float64 {
	const dt = 0.1
	s, _ := NewSTP(1, p)
	period := int(math.Round(1000 / hz / dt))
	in := []float64{0}
	var rel []float64
	ctx := &bp.Context{DT: dt}
	for k := 0; len(rel) < n; k++ {
		in[0] = 0
		if k%period == 0 {
			in[0] = 1
		}
		ctx.T, ctx.Step = float64(k)*dt, int64(k)
		s.Step(ctx, in)
		if in[0] > 0 {
			rel = append(rel, s.Out()[0])
		}
	}
	return rel
}

func TestSTPRatios(t *testing.T) {
	// numbers.md 3.11 (analytic Tsodyks–Markram, u → 0 between spikes).
	fac := STPParams{} // BrainPy defaults: U .15, τf 1500, τd 200
	dep := STPParams{U: 0.5, TauF: 50, TauD: 750}
	for _, tc := range []struct {
		name  string
		p     STPParams
		hz    float64
		n     int
		ratio float64
	}{
		{"facilitating 20 Hz R2/R1", fac, 20, 2, 1.6093},
		{"facilitating 20 Hz R5/R1", fac, 20, 5, 1.6245},
		{"facilitating 20 Hz R20/R1", fac, 20, 20, 1.4148},
		{"facilitating 50 Hz R20/R1", fac, 50, 20, 0.6317},
		{"depressing 20 Hz R2/R1", dep, 20, 2, 0.6301},
		{"depressing 20 Hz R20/R1", dep, 20, 20, 0.1239},
	} {
		rel := stpReleases(tc.p, tc.hz, tc.n)
		if r := rel[tc.n-1] / rel[0]; math.Abs(r-tc.ratio) > 1e-3 {
			t.Errorf("%s = %.5f, want %.4f ± 1e-3", tc.name, r, tc.ratio)
		}
	}
	if r := stpReleases(fac, 20, 1)[0]; math.Abs(r-0.15) > 1e-15 {
		t.Errorf("first release %v, want U = 0.15", r)
	}
	// BrainPy's convention: u starts at U, so the first release is about
	// U(2-U) (u decays for one step before the first spike: 1e-4 tolerance).
	if r := stpReleases(STPParams{StartAtU: true}, 20, 1)[0]; math.Abs(r-0.2775) > 1e-4 {
		t.Errorf("first release with BrainPy's u = U start %v, want U(2-U) = 0.2775", r)
	}
}

func TestSTDSteadyState(t *testing.T) {
	// Periodic spikes every T: the resources just before a spike converge to
	// x* = (1 - e^{-T/τ}) / (1 - (1-U)e^{-T/τ}).
	const dt = 0.1
	s, _ := NewSTD(1, STDParams{})
	in := []float64{0}
	ctx := &bp.Context{DT: dt}
	var last float64
	for k := range 20000 {
		in[0] = 0
		if k%250 == 0 {
			in[0] = 1
		}
		ctx.T = float64(k) * dt
		s.Step(ctx, in)
		if in[0] > 0 {
			last = s.Out()[0]
		}
	}
	e := math.Exp(-25.0 / 200)
	xs := (1 - e) / (1 - 0.93*e)
	if math.Abs(last-0.07*xs) > 1e-8 { // 80 spikes: converged to ~(0.93e^{-T/τ})^80 ≈ 1e-7 relative
		t.Errorf("steady-state release %v, want U·x* = %v", last, 0.07*xs)
	}
}

func TestChainSTPExpon(t *testing.T) {
	stp, _ := NewSTP(1, STPParams{})
	ex, _ := NewExpon(1, ExponParams{Tau: 5})
	c, err := NewChain(stp, ex)
	if err != nil {
		t.Fatal(err)
	}
	got := synRun(c, 0.1, 10)
	if math.Abs(got[0]-0.15) > 1e-15 || math.Abs(got[9]-0.15*math.Exp(-0.9/5)) > 1e-15 {
		t.Errorf("chain response %v", got)
	}
	if len(c.Vars()) != 4 {
		t.Errorf("chain vars %d, want 4", len(c.Vars()))
	}
	ex2, _ := NewExpon(2, ExponParams{})
	if _, err := NewChain(stp, ex2); !errors.Is(err, ErrSizeMismatch) {
		t.Errorf("chain of sizes 1 and 2: err = %v", err)
	}
}

func TestSynapseBadSettings(t *testing.T) {
	for name, err := range map[string]error{
		"Expon tau<0":   second(NewExpon(1, ExponParams{Tau: -1})),
		"Expon n<0":     second(NewExpon(-1, ExponParams{})),
		"Dual NaN":      second(NewDualExpon(1, DualExponParams{TauRise: math.NaN()})),
		"Alpha Inf":     second(NewAlpha(1, AlphaParams{TauDecay: math.Inf(1)})),
		"NMDA a<0":      second(NewNMDA(1, NMDAParams{A: -1})),
		"AMPA beta<0":   second(NewAMPA(1, KineticParams{Beta: -1})),
		"STP U>1":       second(NewSTP(1, STPParams{U: 1.5})),
		"STD tau<0":     second(NewSTD(1, STDParams{Tau: -3})),
		"GABAa T<0":     second(NewGABAa(1, KineticParams{T: -1})),
		"STD U>1":       second(NewSTD(1, STDParams{U: 2})),
		"NMDA rise<0":   second(NewNMDA(1, NMDAParams{TauRise: -2})),
		"Chain nil":     second(NewChain(nil, nil)),
		"STP TauF NaN":  second(NewSTP(1, STPParams{TauF: math.NaN()})),
		"Dual decay<0":  second(NewDualExpon(1, DualExponParams{TauDecay: -1})),
		"AMPA dur<0":    second(NewAMPA(1, KineticParams{TDur: -1})),
		"NMDA decay<0":  second(NewNMDA(1, NMDAParams{TauDecay: -1})),
		"STP TauD Inf":  second(NewSTP(1, STPParams{TauD: math.Inf(1)})),
		"Kinetic n < 0": second(NewAMPA(-2, KineticParams{})),
	} {
		if err == nil {
			t.Errorf("%s: no error", name)
		} else if !errors.Is(err, ErrSynapse) && !errors.Is(err, ErrSizeMismatch) {
			t.Errorf("%s: error %v wraps neither ErrSynapse nor ErrSizeMismatch", name, err)
		}
	}
}

func second[T any](_ T, err error) error { return err }
