package integrate

import (
	"context"
	"errors"
	"fmt"
	"math"
)

// ErrTolerance is reported when an adaptive method cannot meet its
// tolerance without shrinking the step below Settings.MinStep.
var ErrTolerance = errors.New("integrate: tolerance not met at the smallest step")

// Embedded pairs. B propagates the solution; BHat gives the companion used
// for the error estimate. As in BrainPy, every pair propagates its
// higher-order solution (local extrapolation).
var (
	// HeunEuler is Heun's second-order method with Euler as companion.
	HeunEuler = &Tableau{Name: "heun_euler", Order: 2, OrderHat: 1,
		A: [][]float64{{}, {1}}, C: []float64{0, 1},
		B: []float64{0.5, 0.5}, BHat: []float64{1, 0}}
	// RKF12 is the Runge–Kutta–Fehlberg 1(2) pair.
	RKF12 = &Tableau{Name: "rkf12", Order: 2, OrderHat: 1,
		A: [][]float64{{}, {0.5}, {1.0 / 256, 255.0 / 256}}, C: []float64{0, 0.5, 1},
		B: []float64{1.0 / 512, 255.0 / 256, 1.0 / 512}, BHat: []float64{1.0 / 256, 255.0 / 256, 0}}
	// BS is the Bogacki–Shampine 3(2) pair.
	BS = &Tableau{Name: "bs", Order: 3, OrderHat: 2,
		A: [][]float64{{}, {0.5}, {0, 0.75}, {2.0 / 9, 1.0 / 3, 4.0 / 9}}, C: []float64{0, 0.5, 0.75, 1},
		B: []float64{2.0 / 9, 1.0 / 3, 4.0 / 9, 0}, BHat: []float64{7.0 / 24, 0.25, 1.0 / 3, 0.125}}
	// RKF45 is the Runge–Kutta–Fehlberg 4(5) pair.
	RKF45 = &Tableau{Name: "rkf45", Order: 5, OrderHat: 4,
		A: [][]float64{{}, {0.25}, {3.0 / 32, 9.0 / 32},
			{1932.0 / 2197, -7200.0 / 2197, 7296.0 / 2197},
			{439.0 / 216, -8, 3680.0 / 513, -845.0 / 4104},
			{-8.0 / 27, 2, -3544.0 / 2565, 1859.0 / 4104, -11.0 / 40}},
		C:    []float64{0, 0.25, 3.0 / 8, 12.0 / 13, 1, 0.5},
		B:    []float64{16.0 / 135, 0, 6656.0 / 12825, 28561.0 / 56430, -9.0 / 50, 2.0 / 55},
		BHat: []float64{25.0 / 216, 0, 1408.0 / 2565, 2197.0 / 4104, -0.2, 0}}
	// CashKarp is the Cash–Karp 5(4) pair.
	CashKarp = &Tableau{Name: "ck", Order: 5, OrderHat: 4,
		A: [][]float64{{}, {0.2}, {3.0 / 40, 9.0 / 40}, {0.3, -0.9, 1.2},
			{-11.0 / 54, 2.5, -70.0 / 27, 35.0 / 27},
			{1631.0 / 55296, 175.0 / 512, 575.0 / 13824, 44275.0 / 110592, 253.0 / 4096}},
		C:    []float64{0, 0.2, 0.3, 0.6, 1, 7.0 / 8},
		B:    []float64{37.0 / 378, 0, 250.0 / 621, 125.0 / 594, 0, 512.0 / 1771},
		BHat: []float64{2825.0 / 27648, 0, 18575.0 / 48384, 13525.0 / 55296, 277.0 / 14336, 0.25}}
	// DormandPrince is the Dormand–Prince 5(4) pair (MATLAB's ode45).
	DormandPrince = &Tableau{Name: "rkdp", Order: 5, OrderHat: 4,
		A: [][]float64{{}, {0.2}, {3.0 / 40, 9.0 / 40}, {44.0 / 45, -56.0 / 15, 32.0 / 9},
			{19372.0 / 6561, -25360.0 / 2187, 64448.0 / 6561, -212.0 / 729},
			{9017.0 / 3168, -355.0 / 33, 46732.0 / 5247, 49.0 / 176, -5103.0 / 18656},
			{35.0 / 384, 0, 500.0 / 1113, 125.0 / 192, -2187.0 / 6784, 11.0 / 84}},
		C:    []float64{0, 0.2, 0.3, 0.8, 8.0 / 9, 1, 1},
		B:    []float64{35.0 / 384, 0, 500.0 / 1113, 125.0 / 192, -2187.0 / 6784, 11.0 / 84, 0},
		BHat: []float64{5179.0 / 57600, 0, 7571.0 / 16695, 393.0 / 640, -92097.0 / 339200, 187.0 / 2100, 1.0 / 40}}
)

// EmbeddedTableaux lists the built-in embedded pairs of the adaptive methods.
var EmbeddedTableaux = []*Tableau{RKF12, HeunEuler, BS, RKF45, CashKarp, DormandPrince}

// Stats counts the work of an adaptive stepper.
type Stats struct {
	Accepted, Rejected int // internal steps
	Evals              int // evaluations of f
}

// Adaptive is an embedded Runge–Kutta pair with step-size control. Step
// advances exactly by the dt it is given, taking as many internal steps as
// the tolerance needs; the internal step size carries over between calls.
// The local error estimate e_i is kept below Atol + Rtol·|x_i| in the root
// mean square (Hairer–Wanner's norm).
type Adaptive struct {
	rk               *RK
	atol, rtol       float64
	minStep, maxStep float64
	q                float64 // exponent order: min(Order, OrderHat) + 1
	h                float64 // current internal step; 0 before the first
	xnew             []float64
	stats            Stats
	err              error
}

// NewAdaptive returns an adaptive stepper for the embedded pair tab.
func NewAdaptive(tab *Tableau, f Func, n int, s *Settings) (*Adaptive, error) {
	if tab.BHat == nil {
		return nil, fmt.Errorf("%w: tableau %q has no embedded weights", ErrSettings, tab.Name)
	}
	if s == nil {
		s = &Settings{}
	}
	for _, v := range []float64{s.Atol, s.Rtol, s.MinStep, s.MaxStep} {
		if !(v >= 0) || math.IsInf(v, 0) {
			return nil, fmt.Errorf("%w: tolerances and step bounds must be finite and ≥ 0 (got Atol %v, Rtol %v, MinStep %v, MaxStep %v)",
				ErrSettings, s.Atol, s.Rtol, s.MinStep, s.MaxStep)
		}
	}
	rk, err := NewRK(tab, f, n)
	if err != nil {
		return nil, err
	}
	a := &Adaptive{rk: rk, atol: s.Atol, rtol: s.Rtol, minStep: s.MinStep, maxStep: s.MaxStep,
		q: float64(min(tab.Order, tab.OrderHat) + 1), xnew: make([]float64, n)}
	if a.atol == 0 {
		a.atol = 1e-6
	}
	if a.rtol == 0 {
		a.rtol = 1e-3
	}
	return a, nil
}

// Len returns the state length.
func (a *Adaptive) Len() int { return len(a.xnew) }

// StepSize returns the internal step size the stepper will try next (0
// before the first step).
func (a *Adaptive) StepSize() float64 { return a.h }

// Stats returns the work done since construction.
func (a *Adaptive) Stats() Stats { return a.stats }

// Err returns the first failure (tolerance not met at the smallest step),
// after which Step does nothing.
func (a *Adaptive) Err() error { return a.err }

// Step advances x from t to t+dt. A failure (the tolerance not met at the
// smallest step, or x of the wrong length) is kept in Err.
func (a *Adaptive) Step(x []float64, t, dt float64) {
	if a.err != nil {
		return
	}
	if err := CheckStep(dt); err != nil {
		a.err = err
		return
	}
	if err := checkLen("x", len(x), a.Len()); err != nil {
		a.err = err
		return
	}
	tEnd := t + dt
	if a.h == 0 {
		a.h = a.initialStep(x, t, dt)
	}
	for t < tEnd {
		h := a.h
		last := h >= tEnd-t
		if last {
			h = tEnd - t
		}
		e := a.attempt(x, t, h)
		factor := 0.9 * math.Pow(e, -1/a.q)
		if !(factor > 0.2) { // also NaN
			factor = 0.2
		}
		if e <= 1 {
			copy(x, a.xnew)
			a.stats.Accepted++
			if last {
				t = tEnd
			} else {
				t += h
			}
			factor = min(factor, 5)
			if last && h < a.h { // a shortened final step says little about a.h
				factor = max(factor, a.h/h)
			}
		} else {
			a.stats.Rejected++
			factor = min(factor, 1)
		}
		a.h = h * factor
		if a.maxStep > 0 {
			a.h = min(a.h, a.maxStep)
		}
		minH := a.minStep
		if minH == 0 {
			minH = 16 * 0x1p-52 * max(1, math.Abs(t))
		}
		if a.h < minH {
			a.err = fmt.Errorf("%w: step %.3g < %.3g at t = %v (Atol %g, Rtol %g)", ErrTolerance, a.h, minH, t, a.atol, a.rtol)
			return
		}
	}
}

// attempt takes one trial step of size h from (t, x) into a.xnew and returns
// the scaled RMS norm of the error estimate.
func (a *Adaptive) attempt(x []float64, t, h float64) float64 {
	rk := a.rk
	rk.stages(x, t, h)
	a.stats.Evals += len(rk.k)
	tab := rk.tab
	var sum float64
	for i := range x {
		var dx, de float64
		for s, k := range rk.k {
			dx += tab.B[s] * k[i]
			de += (tab.B[s] - tab.BHat[s]) * k[i]
		}
		xn := x[i] + h*dx
		a.xnew[i] = xn
		sc := a.atol + a.rtol*max(math.Abs(x[i]), math.Abs(xn))
		r := h * de / sc
		sum += r * r
	}
	return math.Sqrt(sum / float64(len(x)))
}

// initialStep guesses a first step as Hairer, Nørsett and Wanner (II.4):
// from the sizes of x, f(x) and the change of f over a small Euler step.
// It costs two evaluations of f and uses the stage buffers as scratch.
func (a *Adaptive) initialStep(x []float64, t, span float64) float64 {
	f0, x1, f1 := a.rk.k[0], a.rk.tmp, a.xnew
	a.rk.f(f0, t, x)
	norm := func(v []float64) float64 {
		var s float64
		for i, vi := range v {
			r := vi / (a.atol + a.rtol*math.Abs(x[i]))
			s += r * r
		}
		return math.Sqrt(s / float64(len(v)))
	}
	d0, d1 := norm(x), norm(f0)
	h0 := 1e-6
	if d0 >= 1e-5 && d1 >= 1e-5 {
		h0 = 0.01 * d0 / d1
	}
	h0 = min(h0, span)
	for i := range x {
		x1[i] = x[i] + h0*f0[i]
	}
	a.rk.f(f1, t+h0, x1)
	for i := range f1 {
		f1[i] -= f0[i]
	}
	d2 := norm(f1) / h0
	a.stats.Evals += 2
	h1 := max(1e-6, h0*1e-3)
	if m := max(d1, d2); m > 1e-15 {
		h1 = math.Pow(0.01/m, 1/a.q)
	}
	h := min(100*h0, h1, span)
	if a.maxStep > 0 {
		h = min(h, a.maxStep)
	}
	return h
}

// Integrate advances x in place from t0 to t1 with as many internal steps
// as the tolerance needs, polling ctx (which may be nil) between steps.
func (a *Adaptive) Integrate(ctx context.Context, x []float64, t0, t1 float64) error {
	if err := checkLen("x", len(x), a.Len()); err != nil {
		return err
	}
	if err := checkSpan(t0, t1); err != nil {
		return err
	}
	if t1 == t0 {
		return nil
	}
	if ctx == nil {
		a.Step(x, t0, t1-t0)
		return a.err
	}
	// With a context, advance one internal step at a time.
	for t := t0; t < t1 && a.err == nil; {
		if err := ctx.Err(); err != nil {
			return err
		}
		if a.h == 0 {
			a.h = a.initialStep(x, t, t1-t0)
		}
		h := min(a.h, t1-t)
		a.Step(x, t, h)
		if h == t1-t {
			break
		}
		t += h
	}
	return a.err
}

func adaptiveMaker(tab *Tableau) Maker {
	return func(f Func, n int, s *Settings) (Stepper, error) { return NewAdaptive(tab, f, n, s) }
}

func init() {
	for _, tab := range EmbeddedTableaux {
		mustRegister(tab.Name, adaptiveMaker(tab))
	}
}
