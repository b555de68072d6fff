package integrate_test

import (
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/braingo/braingo/bp/integrate"
	"github.com/braingo/braingo/bp/integrate/testprob"
)

// solveError integrates p with nsteps fixed steps of method and returns the
// largest error at the end.
func solveError(t *testing.T, method string, p testprob.ODE, nsteps int) float64 {
	t.Helper()
	st, err := integrate.NewODE(method, p.F, len(p.X0))
	if err != nil {
		t.Fatal(err)
	}
	x := append([]float64(nil), p.X0...)
	dt := (p.T1 - p.T0) / float64(nsteps)
	if err := integrate.Integrate(nil, st, x, p.T0, p.T1, dt); err != nil {
		t.Fatal(err)
	}
	return p.MaxError(x, p.T1)
}

// TestConvergenceOrder checks the error ratio for dt → dt/2 ≈ 2^p on x' = −x
// and x' = cos t (numbers.md §3.12). On x' = cos t a method reduces to the
// quadrature rule (c, b), whose order can exceed the method's (Ralston's
// second-order method is Radau quadrature of order 3, Kutta's rk3 is
// Simpson's rule of order 4), so there the expected order is the quadrature
// order, computed from the tableau.
func TestConvergenceOrder(t *testing.T) {
	for _, tab := range integrate.FixedTableaux {
		probs := []struct {
			p     testprob.ODE
			order int
		}{{testprob.Decay(), tab.Order}, {testprob.Cosine(), quadratureOrder(tab)}}
		for _, pr := range probs {
			t.Run(tab.Name+"/"+pr.p.Name, func(t *testing.T) {
				n := 16
				e1, e2 := solveError(t, tab.Name, pr.p, n), solveError(t, tab.Name, pr.p, 2*n)
				order := math.Log2(e1 / e2)
				// Observed order within 0.15 of the expected one.
				if math.Abs(order-float64(pr.order)) > 0.15 {
					t.Errorf("observed order %.3f (errors %.3g, %.3g), want %d", order, e1, e2, pr.order)
				}
			})
		}
	}
}

// quadratureOrder is the largest q with Σ b_i c_i^k = 1/(k+1) for all k < q.
func quadratureOrder(tab *integrate.Tableau) int {
	for q := 0; ; q++ {
		var s float64
		for i, b := range tab.B {
			s += b * math.Pow(tab.C[i], float64(q))
		}
		if math.Abs(s-1/float64(q+1)) > 1e-12 {
			return q
		}
	}
}

// TestTableauOrderConditions checks each tableau against the order
// conditions up to its order and the row-sum condition c_i = Σ_j a_ij.
func TestTableauOrderConditions(t *testing.T) {
	for _, tab := range integrate.AllTableaux() {
		checkOrderConditions(t, tab, tab.B, tab.Order)
		if tab.BHat != nil {
			checkOrderConditions(t, tab, tab.BHat, tab.OrderHat)
		}
	}
}

func checkOrderConditions(t *testing.T, tab *integrate.Tableau, b []float64, order int) {
	s := len(b)
	c, a := tab.C, func(i, j int) float64 {
		if j < len(tab.A[i]) {
			return tab.A[i][j]
		}
		return 0
	}
	for i := range s {
		var sum float64
		for j := range i {
			sum += a(i, j)
		}
		if math.Abs(sum-c[i]) > 1e-14 {
			t.Errorf("%s: row %d sums to %v, c = %v", tab.Name, i, sum, c[i])
		}
	}
	dot := func(u []float64) (r float64) {
		for i := range s {
			r += b[i] * u[i]
		}
		return r
	}
	pow := func(k float64) []float64 {
		u := make([]float64, s)
		for i := range s {
			u[i] = math.Pow(c[i], k)
		}
		return u
	}
	amul := func(u []float64) []float64 {
		v := make([]float64, s)
		for i := range s {
			for j := range i {
				v[i] += a(i, j) * u[j]
			}
		}
		return v
	}
	mul := func(u, v []float64) []float64 {
		w := make([]float64, s)
		for i := range s {
			w[i] = u[i] * v[i]
		}
		return w
	}
	type cond struct {
		order int
		got   float64
		want  float64
	}
	conds := []cond{
		{1, dot(pow(0)), 1},
		{2, dot(c), 0.5},
		{3, dot(pow(2)), 1.0 / 3}, {3, dot(amul(c)), 1.0 / 6},
		{4, dot(pow(3)), 0.25}, {4, dot(mul(c, amul(c))), 1.0 / 8},
		{4, dot(amul(pow(2))), 1.0 / 12}, {4, dot(amul(amul(c))), 1.0 / 24},
	}
	for k, cd := range conds {
		if cd.order <= order && math.Abs(cd.got-cd.want) > 1e-13 {
			t.Errorf("%s (order %d): condition %d gives %.16g, want %.16g", tab.Name, order, k, cd.got, cd.want)
		}
	}
}

// TestExpEulerExactOnLinear checks that exponential Euler reproduces the
// solution of x' = −x and of a leak with constant drive to rounding error,
// at a step far larger than the time constant.
func TestExpEulerExactOnLinear(t *testing.T) {
	const tau, e = 2.0, -0.5
	f := func(dst []float64, _ float64, x []float64) {
		for i := range x {
			dst[i] = -(x[i] - e) / tau
		}
	}
	lin := func(dst, diag []float64, t float64, x []float64) {
		f(dst, t, x)
		for i := range diag {
			diag[i] = -1 / tau
		}
	}
	cases := []struct {
		name string
		opts []integrate.Option
		tol  float64
	}{
		{"analytic", []integrate.Option{integrate.WithLinear(lin)}, 1e-14},
		// The difference estimate of the diagonal is reused within 2.4e-7
		// relative (see ExpEuler), so x is exact to about that.
		{"per-element", nil, 1e-6},
		{"blocks", []integrate.Option{integrate.WithBlocks(3)}, 1e-6},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			st, err := integrate.NewODE("exp_euler", f, 3, c.opts...)
			if err != nil {
				t.Fatal(err)
			}
			x := []float64{1, 0, -3}
			x0 := append([]float64(nil), x...)
			const dt, steps = 5.0, 3
			for k := range steps {
				st.Step(x, float64(k)*dt, dt)
			}
			for i := range x {
				want := e + (x0[i]-e)*math.Exp(-dt*steps/tau)
				if math.Abs(x[i]-want) > c.tol {
					t.Errorf("x[%d] = %.16g, want %.16g", i, x[i], want)
				}
			}
		})
	}
}

// TestExpEulerOrder checks the convergence order of exponential Euler: 1 in
// general (here a leak with a time-varying drive, which it holds constant
// over a step), 2 on a scalar autonomous equation, where the diagonal is the
// whole Jacobian and the method is exponential Rosenbrock–Euler.
func TestExpEulerOrder(t *testing.T) {
	for _, c := range []struct {
		p     testprob.ODE
		order float64
	}{{testprob.LeakyDrive(), 1}, {testprob.Logistic(), 2}} {
		e1, e2 := solveError(t, "exp_euler", c.p, 100), solveError(t, "exp_euler", c.p, 200)
		if r := math.Log2(e1 / e2); math.Abs(r-c.order) > 0.15 {
			t.Errorf("%s: observed order %.3f, want %v", c.p.Name, r, c.order)
		}
	}
}

func TestNewODEErrors(t *testing.T) {
	f := testprob.Decay().F
	_, err := integrate.NewODE("rk5", f, 1)
	if !errors.Is(err, integrate.ErrUnknownMethod) || !strings.Contains(err.Error(), "rk4") {
		t.Errorf("unknown method: got %v, want ErrUnknownMethod listing known methods", err)
	}
	if _, err := integrate.NewODE("rk4", nil, 1); !errors.Is(err, integrate.ErrNilFunc) {
		t.Errorf("nil f: got %v", err)
	}
	if _, err := integrate.NewODE("rk4", f, 0); !errors.Is(err, integrate.ErrLength) {
		t.Errorf("n = 0: got %v", err)
	}
	if _, err := integrate.NewODE("exp_euler", f, 2, integrate.WithBlocks(1)); !errors.Is(err, integrate.ErrLength) {
		t.Errorf("blocks not summing to n: got %v", err)
	}
	st, _ := integrate.NewODE("RK4", f, 1) // names are case-insensitive
	if err := integrate.Integrate(nil, st, []float64{1, 2}, 0, 1, 0.1); !errors.Is(err, integrate.ErrLength) {
		t.Errorf("state of length 2 for a stepper of 1: got %v", err)
	}
	if err := integrate.Integrate(nil, st, []float64{1}, 1, 0, 0.1); !errors.Is(err, integrate.ErrSettings) {
		t.Errorf("t1 < t0: got %v", err)
	}
	for _, dt := range []float64{0, -1, math.NaN(), math.Inf(1)} {
		if err := integrate.Integrate(nil, st, []float64{1}, 0, 1, dt); !errors.Is(err, integrate.ErrStepSize) {
			t.Errorf("dt = %v: got %v, want ErrStepSize", dt, err)
		}
	}
}

func TestRegister(t *testing.T) {
	maker := func(f integrate.Func, n int, _ *integrate.Settings) (integrate.Stepper, error) {
		return integrate.NewRK(integrate.Heun2, f, n)
	}
	if err := integrate.Register("my_heun", maker); err != nil {
		t.Fatal(err)
	}
	if err := integrate.Register("my_heun", maker); err == nil {
		t.Error("second registration of the same name succeeded")
	}
	found := false
	for _, m := range integrate.Methods() {
		found = found || m == "my_heun"
	}
	if !found {
		t.Errorf("Methods() = %v lacks my_heun", integrate.Methods())
	}
	if e := solveError(t, "my_heun", testprob.Decay(), 64); e > 1e-4 {
		t.Errorf("registered method error %g", e)
	}
}

// TestProblemsClosedForm checks the closed forms of package testprob against
// rk4 at a fine step, so that the other tests measure against true solutions.
func TestProblemsClosedForm(t *testing.T) {
	for _, p := range []testprob.ODE{testprob.Decay(), testprob.Cosine(), testprob.LeakyDrive(), testprob.Oscillator(), testprob.Logistic()} {
		if e := solveError(t, "rk4", p, 2000); e > 1e-10 {
			t.Errorf("%s: rk4 with 2000 steps is %.3g from the closed form", p.Name, e)
		}
	}
}

// TestStepWrongLength checks that a Step given a state of another length
// than the stepper's fails clearly: a panic with an error wrapping
// ErrLength from the fixed-step, exponential and SDE steppers (Step returns
// nothing), an error in Err from the adaptive, delay and fractional ones.
func TestStepWrongLength(t *testing.T) {
	f := testprob.Decay().F
	short, long := []float64{1}, []float64{1, 2, 3}
	for _, method := range []string{"rk4", "euler", "exp_euler"} {
		st, err := integrate.NewODE(method, f, 2)
		if err != nil {
			t.Fatal(err)
		}
		for _, x := range [][]float64{short, long} {
			assertLengthPanic(t, method, func() { st.Step(x, 0, 0.1) })
		}
	}
	sde, err := integrate.NewSDE("euler", f, f, 2, integrate.SDESettings{})
	if err != nil {
		t.Fatal(err)
	}
	assertLengthPanic(t, "sde", func() { sde.Step(long, 0, 0.1) })
	assertLengthPanic(t, "sde dW", func() { sde.StepW([]float64{1, 2}, 0, 0.1, long) })
	st, _ := integrate.NewODE("rkdp", f, 2)
	st.Step(long, 0, 0.1)
	if err := st.(*integrate.Adaptive).Err(); !errors.Is(err, integrate.ErrLength) {
		t.Errorf("rkdp: Err() = %v, want ErrLength", err)
	}
}

func assertLengthPanic(t *testing.T, name string, step func()) {
	t.Helper()
	defer func() {
		t.Helper()
		err, _ := recover().(error)
		if !errors.Is(err, integrate.ErrLength) || !strings.Contains(err.Error(), "built for 2") {
			t.Errorf("%s: panic %v, want an error wrapping ErrLength naming the length 2", name, err)
		}
	}()
	step()
}
