package integrate_test

import (
	"errors"
	"math"
	"testing"

	"github.com/braingo/braingo/bp/integrate"
)

// fhn returns the FitzHugh–Nagumo population as a joint system and as a
// hand-written flat Func: v' = v − v³/3 − w + I, w' = (v + a − b·w)/τ.
func fhn(t *testing.T, n int) (*integrate.System, integrate.Func, integrate.Func) {
	const a, b, tau, in = 0.7, 0.8, 12.5, 0.5
	sys, err := integrate.NewSystem(n, "v", "w")
	if err != nil {
		t.Fatal(err)
	}
	joint, err := sys.Joint(
		func(dv []float64, _ float64, vars [][]float64) {
			v, w := vars[0], vars[1]
			for i := range dv {
				dv[i] = v[i] - v[i]*v[i]*v[i]/3 - w[i] + in
			}
		},
		func(dw []float64, _ float64, vars [][]float64) {
			v, w := vars[0], vars[1]
			for i := range dw {
				dw[i] = (v[i] + a - b*w[i]) / tau
			}
		})
	if err != nil {
		t.Fatal(err)
	}
	flat := func(dst []float64, _ float64, x []float64) {
		v, w := x[:n], x[n:]
		for i := range n {
			dst[i] = v[i] - v[i]*v[i]*v[i]/3 - w[i] + in
			dst[n+i] = (v[i] + a - b*w[i]) / tau
		}
	}
	return sys, joint, flat
}

// TestJointMatchesFlat checks that the joined system gives the same
// trajectory as the hand-written flat function, for rk4 and for exp_euler
// with one finite-difference block per variable (bit for bit: same
// arithmetic), and that the joined Func allocates nothing.
func TestJointMatchesFlat(t *testing.T) {
	const n = 5
	sys, joint, flat := fhn(t, n)
	for _, c := range []struct {
		method string
		opts   []integrate.Option
	}{{"rk4", nil}, {"exp_euler", []integrate.Option{integrate.WithBlocks(sys.Blocks()...)}}} {
		a, _ := integrate.NewODE(c.method, joint, sys.Len(), c.opts...)
		b, _ := integrate.NewODE(c.method, flat, sys.Len(), c.opts...)
		x, y := make([]float64, sys.Len()), make([]float64, sys.Len())
		for i := range n {
			x[i], y[i] = -1+0.3*float64(i), -1+0.3*float64(i)
		}
		integrate.Integrate(nil, a, x, 0, 50, 0.05)
		integrate.Integrate(nil, b, y, 0, 50, 0.05)
		for i := range x {
			if x[i] != y[i] {
				t.Fatalf("%s: joint x[%d] = %v, flat %v", c.method, i, x[i], y[i])
			}
		}
		if v := sys.Var(x, "w"); &v[0] != &x[n] {
			t.Error("Var(x, \"w\") is not a view of the second block")
		}
	}
	x, dst := make([]float64, sys.Len()), make([]float64, sys.Len())
	if allocs := testing.AllocsPerRun(100, func() { joint(dst, 0, x) }); allocs != 0 {
		t.Errorf("joint Func allocates %v times per call", allocs)
	}
}

// TestExpEulerBlocksMatchPerElement checks that the block estimate of the
// Jacobian diagonal agrees with the per-element one (n+1 evaluations) on a
// population whose elements are independent: the same step to 1e-9.
func TestExpEulerBlocksMatchPerElement(t *testing.T) {
	const n = 6
	sys, joint, _ := fhn(t, n)
	a, _ := integrate.NewODE("exp_euler", joint, sys.Len(), integrate.WithBlocks(sys.Blocks()...))
	b, _ := integrate.NewODE("exp_euler", joint, sys.Len())
	x, y := make([]float64, sys.Len()), make([]float64, sys.Len())
	for i := range x {
		x[i], y[i] = math.Sin(float64(i)), math.Sin(float64(i))
	}
	a.Step(x, 0, 0.1)
	b.Step(y, 0, 0.1)
	for i := range x {
		if math.Abs(x[i]-y[i]) > 1e-9 {
			t.Errorf("x[%d]: blocks %.12g, per element %.12g", i, x[i], y[i])
		}
	}
}

func TestElementwise(t *testing.T) {
	taus := []float64{1, 2, 4}
	f := integrate.Elementwise(func(_, x float64, i int) float64 { return -x / taus[i] })
	st, _ := integrate.NewODE("rk4", f, 3)
	x := []float64{1, 1, 1}
	integrate.Integrate(nil, st, x, 0, 1, 0.01)
	for i, tau := range taus {
		if want := math.Exp(-1 / tau); math.Abs(x[i]-want) > 1e-9 {
			t.Errorf("x[%d] = %.12g, want %.12g", i, x[i], want)
		}
	}
}

func TestSystemErrors(t *testing.T) {
	if _, err := integrate.NewSystem(0, "v"); !errors.Is(err, integrate.ErrLength) {
		t.Errorf("n = 0: got %v", err)
	}
	if _, err := integrate.NewSystem(3, "v", "v"); !errors.Is(err, integrate.ErrSettings) {
		t.Errorf("duplicate names: got %v", err)
	}
	sys, _ := integrate.NewSystem(3, "v", "w")
	if _, err := sys.Joint(nil); !errors.Is(err, integrate.ErrLength) {
		t.Errorf("one function for two variables: got %v", err)
	}
	if sys.Var(make([]float64, 6), "u") != nil || sys.Index("u") != -1 {
		t.Error("unknown variable found")
	}
}
