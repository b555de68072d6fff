package integrate_test

import (
	"errors"
	"math"
	"testing"

	"github.com/braingo/braingo/bp/integrate"
	"github.com/braingo/braingo/bp/integrate/testprob"
)

// mittagLefflerTable is x(t) = E_α(−t^α) at t = 0.5, 1, 2, 4 from
// numbers.md §3.12.
var mittagLefflerTable = []struct {
	alpha float64
	x     [4]float64
}{
	{0.5, [4]float64{0.523157, 0.427584, 0.336204, 0.255396}},
	{0.8, [4]float64{0.562320, 0.386949, 0.223547, 0.111370}},
	{1, [4]float64{math.Exp(-0.5), math.Exp(-1), math.Exp(-2), math.Exp(-4)}},
}

var tablePoints = [4]float64{0.5, 1, 2, 4}

// TestMittagLefflerSeries checks testprob's series against the table (six
// digits) and against the closed form e^t·erfc(√t) for α = 1/2.
func TestMittagLefflerSeries(t *testing.T) {
	for _, row := range mittagLefflerTable {
		for k, tt := range tablePoints {
			got := testprob.MittagLeffler(row.alpha, -math.Pow(tt, row.alpha))
			if math.Abs(got-row.x[k]) > 6e-7 {
				t.Errorf("E_%v(-%v^%v) = %.7f, table %.6f", row.alpha, tt, row.alpha, got, row.x[k])
			}
			if row.alpha == 0.5 {
				if want := math.Exp(tt) * math.Erfc(math.Sqrt(tt)); math.Abs(got-want) > 1e-12 {
					t.Errorf("E_1/2(-√%v) = %.15f, closed form %.15f", tt, got, want)
				}
			}
		}
	}
}

// fdeSolve integrates D^α x = −x from x = 1 with one variable per order
// in alphas, and returns x at the table points for each variable.
func fdeSolve(t *testing.T, method string, alphas []float64, dt float64, memory int) [][4]float64 {
	t.Helper()
	n := len(alphas)
	e, err := integrate.NewFDE(method, testprob.CaputoRelaxation, n, alphas, integrate.FDESettings{Memory: memory})
	if err != nil {
		t.Fatal(err)
	}
	x := make([]float64, n)
	for i := range x {
		x[i] = 1
	}
	got := make([][4]float64, n)
	tPrev := 0.0
	for k, tt := range tablePoints {
		if err := integrate.Integrate(nil, e, x, tPrev, tt, dt); err != nil {
			t.Fatal(err)
		}
		for i := range x {
			got[i][k] = x[i]
		}
		tPrev = tt
	}
	return got
}

// TestFDEMittagLeffler integrates D^α x = −x for α = 0.5, 0.8 and 1 at
// once (per-variable order) with each method and compares with the
// Mittag–Leffler values of numbers.md §3.12. All three methods are first
// order (f is taken at the start of the step); the error measured is about
// 0.2·dt, and the bound is 0.25·dt at dt = 0.01. Halving dt must halve the
// error at t = 1 (observed order 1 ± 0.15).
func TestFDEMittagLeffler(t *testing.T) {
	alphas := []float64{0.5, 0.8, 1}
	for _, method := range []string{"euler", "l1", "gl"} {
		const dt = 0.01
		got := fdeSolve(t, method, alphas, dt, 1000)
		coarse := fdeSolve(t, method, alphas, 2*dt, 1000)
		for i, row := range mittagLefflerTable {
			for k := range 4 {
				if e := math.Abs(got[i][k] - row.x[k]); e > 0.25*dt {
					t.Errorf("%s α=%v: x(%v) = %.6f, want %.6f ± %g", method, row.alpha, tablePoints[k], got[i][k], row.x[k], 0.25*dt)
				}
			}
			order := math.Log2(math.Abs(coarse[i][1]-row.x[1]) / math.Abs(got[i][1]-row.x[1]))
			if math.Abs(order-1) > 0.15 {
				t.Errorf("%s α=%v: observed order %.3f at t = 1, want 1", method, row.alpha, order)
			}
		}
	}
}

// TestFDEAlphaOneIsEuler checks that with α = 1 every method is the forward
// Euler method.
func TestFDEAlphaOneIsEuler(t *testing.T) {
	p := testprob.Logistic()
	for _, method := range []string{"euler", "l1", "gl"} {
		e, err := integrate.NewFDE(method, p.F, 1, []float64{1}, integrate.FDESettings{Memory: 300})
		if err != nil {
			t.Fatal(err)
		}
		rk, _ := integrate.NewODE("euler", p.F, 1)
		x, y := []float64{0.1}, []float64{0.1}
		integrate.Integrate(nil, e, x, 0, 3, 0.01)
		integrate.Integrate(nil, rk, y, 0, 3, 0.01)
		if math.Abs(x[0]-y[0]) > 1e-12 {
			t.Errorf("%s: α = 1 gives %.15g, forward Euler %.15g", method, x[0], y[0])
		}
	}
}

// TestFDEShortMemory checks that Grünwald–Letnikov with a window of 2 time
// units (200 steps) stays within 0.05 of the full-memory solution at t = 4
// for α = 0.8 (measured 0.018), and that the truncation error grows as the
// window shrinks.
func TestFDEShortMemory(t *testing.T) {
	full := fdeSolve(t, "gl", []float64{0.8}, 0.01, 1000)[0][3]
	var prev float64
	for _, mem := range []int{200, 100, 50} {
		d := math.Abs(fdeSolve(t, "gl", []float64{0.8}, 0.01, mem)[0][3] - full)
		if mem == 200 && d > 0.05 {
			t.Errorf("window 200: %.3g from full memory", d)
		}
		if d <= prev {
			t.Errorf("window %d: difference %.3g not above the larger window's %.3g", mem, d, prev)
		}
		prev = d
	}
}

func TestFDEErrors(t *testing.T) {
	f := testprob.CaputoRelaxation
	for _, a := range []float64{0, -0.5, 1.5, math.NaN()} {
		if _, err := integrate.NewFDE("l1", f, 1, []float64{a}, integrate.FDESettings{}); !errors.Is(err, integrate.ErrOrder) {
			t.Errorf("alpha %v: got %v, want ErrOrder", a, err)
		}
	}
	if _, err := integrate.NewFDE("l1", f, 3, []float64{0.5, 0.5}, integrate.FDESettings{}); !errors.Is(err, integrate.ErrLength) {
		t.Errorf("2 orders for 3 variables: got %v", err)
	}
	if _, err := integrate.NewFDE("rk4", f, 1, []float64{0.5}, integrate.FDESettings{}); !errors.Is(err, integrate.ErrUnknownMethod) {
		t.Errorf("unknown method: got %v", err)
	}
	e, _ := integrate.NewFDE("euler", f, 1, []float64{0.5}, integrate.FDESettings{Memory: 10})
	if err := integrate.Integrate(nil, e, []float64{1}, 0, 1, 0.01); !errors.Is(err, integrate.ErrSettings) {
		t.Errorf("beyond Memory: got %v, want ErrSettings", err)
	}
	e, _ = integrate.NewFDE("gl", f, 1, []float64{0.5}, integrate.FDESettings{})
	e.Step([]float64{1}, 0, 0.01)
	if e.Step([]float64{1}, 0.01, 0.02); !errors.Is(e.Err(), integrate.ErrStepSize) {
		t.Errorf("changed dt: got %v, want ErrStepSize", e.Err())
	}
}
