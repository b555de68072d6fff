package integrate_test

import (
	"errors"
	"math"
	"testing"

	"github.com/braingo/braingo/bp/integrate"
)

// runDDE integrates from 0 with step dt and records x[0] at the integer
// times 1..len(at).
func runDDE(t *testing.T, d *integrate.DDE, x []float64, dt float64, at int) []float64 {
	t.Helper()
	perUnit := int(math.Round(1 / dt))
	var got []float64
	for k := 0; k < at*perUnit; k++ {
		d.Step(x, float64(k)*dt, dt)
		if (k+1)%perUnit == 0 {
			got = append(got, x[0])
		}
	}
	if err := d.Err(); err != nil {
		t.Fatal(err)
	}
	return got
}

// TestDDEMethodOfSteps checks x' = −x(t−1) with x = 1 on [−1, 0] against the
// method of steps (numbers.md §3.12): x(1) = 0, x(2) = −1/2, x(3) = −1/6.
// With linear interpolation and rk4 at dt = 0.01 the first two are exact
// (the delayed state is piecewise polynomial of degree ≤ 1) and the third
// carries the interpolation error dt²/8·|x”| ≈ 1e-5; rounding to the
// nearest step is first order, 1e-2 at dt = 0.01 (stated bounds).
func TestDDEMethodOfSteps(t *testing.T) {
	f := func(dst []float64, t float64, x []float64, p *integrate.Past) { dst[0] = -p.Value(0, t-1) }
	want := []float64{0, -0.5, -1.0 / 6}
	cases := []struct {
		method string
		interp integrate.Interp
		tol    []float64
	}{
		{"rk4", integrate.Linear, []float64{1e-12, 1e-12, 1e-4}},
		{"heun2", integrate.Linear, []float64{1e-12, 1e-5, 1e-4}},
		{"euler", integrate.Linear, []float64{1e-12, 1e-2, 1e-2}},
		{"rk4", integrate.Round, []float64{1e-12, 1e-2, 1e-2}},
	}
	for _, c := range cases {
		const dt = 0.01
		d, err := integrate.NewDDE(c.method, f, 1, dt, integrate.DDESettings{MaxDelay: 1, Interp: c.interp})
		if err != nil {
			t.Fatal(err)
		}
		got := runDDE(t, d, []float64{1}, dt, 3)
		for i := range want {
			if math.Abs(got[i]-want[i]) > c.tol[i] {
				t.Errorf("%s/interp %d: x(%d) = %.10g, want %.10g ± %g", c.method, c.interp, i+1, got[i], want[i], c.tol[i])
			}
		}
	}
}

// TestDDEHistoryFunc uses the history x(t) = e^t on [−1, 0]: on [0, 1],
// x' = −e^{t−1}, so x(1) = 1 − (1 − e^{−1}) = e^{−1}.
func TestDDEHistoryFunc(t *testing.T) {
	f := func(dst []float64, t float64, x []float64, p *integrate.Past) { dst[0] = -p.Value(0, t-1) }
	const dt = 0.01
	d, err := integrate.NewDDE("rk4", f, 1, dt, integrate.DDESettings{MaxDelay: 1,
		History: func(dst []float64, t float64) { dst[0] = math.Exp(t) }})
	if err != nil {
		t.Fatal(err)
	}
	got := runDDE(t, d, []float64{1}, dt, 1)
	if math.Abs(got[0]-math.Exp(-1)) > 1e-9 {
		t.Errorf("x(1) = %.12g, want e^-1 = %.12g", got[0], math.Exp(-1))
	}
}

// TestDDENeutral checks two neutral equations by the method of steps:
// x'(t) = x'(t−1) with history sin t (x(1) = sin 1, x(2) = 2 sin 1; the
// history's derivative comes from a central difference), and
// x'(t) = −x(t−1) + x'(t−1)/2 with x = 1 on [−1, 0] (x(1) = 0, x(2) = −1).
func TestDDENeutral(t *testing.T) {
	const dt = 0.01
	f1 := func(dst []float64, t float64, x []float64, p *integrate.Past) { dst[0] = p.Deriv(0, t-1) }
	d, err := integrate.NewDDE("rk4", f1, 1, dt, integrate.DDESettings{MaxDelay: 1, Neutral: true,
		History: func(dst []float64, t float64) { dst[0] = math.Sin(t) }})
	if err != nil {
		t.Fatal(err)
	}
	got := runDDE(t, d, []float64{0}, dt, 2)
	for i, want := range []float64{math.Sin(1), 2 * math.Sin(1)} {
		// x' jumps from cos 0 = 1 to cos(−1) at t = 0 (and t = 1); the
		// rk4 stage that lands on a jump reads one side of it, an error of
		// about dt/6 times the jump per crossing, so the bound is dt.
		if math.Abs(got[i]-want) > dt {
			t.Errorf("x'(t) = x'(t-1): x(%d) = %.10g, want %.10g", i+1, got[i], want)
		}
	}
	// On [0, 1]: x' = −1 + 0 (constant history), x(1) = 0. On [1, 2]:
	// x(t−1) = 2 − t and x'(t−1) = −1, so x' = t − 2.5 and x(2) = −1.
	f2 := func(dst []float64, t float64, x []float64, p *integrate.Past) {
		dst[0] = -p.Value(0, t-1) + 0.5*p.Deriv(0, t-1)
	}
	d, err = integrate.NewDDE("rk4", f2, 1, dt, integrate.DDESettings{MaxDelay: 1, Neutral: true})
	if err != nil {
		t.Fatal(err)
	}
	got = runDDE(t, d, []float64{1}, dt, 2)
	for i, want := range []float64{0, -1} {
		// The derivative jumps at t = 0 and t = 1, again an O(dt) error.
		if math.Abs(got[i]-want) > dt {
			t.Errorf("x' = -x(t-1) + x'(t-1)/2: x(%d) = %.10g, want %v", i+1, got[i], want)
		}
	}
}

func TestDDEErrors(t *testing.T) {
	f := func(dst []float64, t float64, x []float64, p *integrate.Past) { dst[0] = -p.Value(0, t-2) }
	if _, err := integrate.NewDDE("rk4", f, 1, 0.1, integrate.DDESettings{}); !errors.Is(err, integrate.ErrSettings) {
		t.Errorf("MaxDelay 0: got %v", err)
	}
	if _, err := integrate.NewDDE("rk4", f, 1, -0.1, integrate.DDESettings{MaxDelay: 1}); !errors.Is(err, integrate.ErrStepSize) {
		t.Errorf("dt < 0: got %v", err)
	}
	if _, err := integrate.NewDDE("nope", f, 1, 0.1, integrate.DDESettings{MaxDelay: 1}); !errors.Is(err, integrate.ErrUnknownMethod) {
		t.Errorf("unknown method: got %v", err)
	}
	// f reads 2 time units back but MaxDelay is 1.
	d, _ := integrate.NewDDE("euler", f, 1, 0.1, integrate.DDESettings{MaxDelay: 1})
	if err := integrate.Integrate(nil, d, []float64{1}, 0, 5, 0.1); !errors.Is(err, integrate.ErrSettings) {
		t.Errorf("delay beyond MaxDelay: got %v", err)
	}
	// A step size other than the DDE's.
	d, _ = integrate.NewDDE("euler", f, 1, 0.1, integrate.DDESettings{MaxDelay: 2})
	if err := integrate.Integrate(nil, d, []float64{1}, 0, 1, 0.05); !errors.Is(err, integrate.ErrStepSize) {
		t.Errorf("wrong dt: got %v", err)
	}
}
