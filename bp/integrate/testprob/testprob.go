// Package testprob holds differential equations with known solutions, for
// testing the solvers of package integrate and the models built on them.
// The derivative functions have the signature of integrate.Func.
package testprob

import "math"

// ODE is an initial value problem with a closed-form solution.
type ODE struct {
	Name   string
	X0     []float64
	T0, T1 float64
	// F writes dx/dt into dst.
	F func(dst []float64, t float64, x []float64)
	// Exact writes the solution at time t into dst.
	Exact func(dst []float64, t float64)
	// Linear reports whether F is linear in x with a diagonal Jacobian
	// (exponential Euler is exact on it).
	Linear bool
}

// Decay is x' = −x, x(0) = 1 on [0, 1]: x = e^{−t}.
func Decay() ODE {
	return ODE{Name: "decay", X0: []float64{1}, T0: 0, T1: 1, Linear: true,
		F:     func(dst []float64, _ float64, x []float64) { dst[0] = -x[0] },
		Exact: func(dst []float64, t float64) { dst[0] = math.Exp(-t) }}
}

// Cosine is x' = cos t, x(0) = 0 on [0, 1]: x = sin t.
func Cosine() ODE {
	return ODE{Name: "cosine", X0: []float64{0}, T0: 0, T1: 1, Linear: true,
		F:     func(dst []float64, t float64, _ []float64) { dst[0] = math.Cos(t) },
		Exact: func(dst []float64, t float64) { dst[0] = math.Sin(t) }}
}

// LeakyDrive is the leaky integrator of a LIF neuron below threshold with a
// time-varying drive, τx' = −(x − e) + a·sin(ωt), three neurons with
// different τ; x(0) = 0 on [0, 20]. Its solution is closed form.
func LeakyDrive() ODE {
	taus := []float64{2, 10, 50}
	const e, a, w = -0.5, 1.0, 0.7
	return ODE{Name: "leaky-drive", X0: []float64{0, 0, 0}, T0: 0, T1: 20, Linear: true,
		F: func(dst []float64, t float64, x []float64) {
			for i, tau := range taus {
				dst[i] = (-(x[i] - e) + a*math.Sin(w*t)) / tau
			}
		},
		Exact: func(dst []float64, t float64) {
			for i, tau := range taus {
				// Particular solution A sin ωt + B cos ωt of τx' + x = a sin ωt.
				d := 1 + w*w*tau*tau
				ps, pc := a/d, -a*w*tau/d
				dst[i] = e + ps*math.Sin(w*t) + pc*math.Cos(w*t) + (0-e-pc)*math.Exp(-t/tau)
			}
		}}
}

// Oscillator is the harmonic oscillator x' = y, y' = −x, (x, y)(0) = (1, 0)
// on [0, 2π]: (cos t, −sin t).
func Oscillator() ODE {
	return ODE{Name: "oscillator", X0: []float64{1, 0}, T0: 0, T1: 2 * math.Pi,
		F: func(dst []float64, _ float64, x []float64) { dst[0], dst[1] = x[1], -x[0] },
		Exact: func(dst []float64, t float64) {
			dst[0], dst[1] = math.Cos(t), -math.Sin(t)
		}}
}

// Logistic is x' = x(1 − x), x(0) = 0.1 on [0, 10]: x = 1/(1 + 9e^{−t}).
func Logistic() ODE {
	return ODE{Name: "logistic", X0: []float64{0.1}, T0: 0, T1: 10,
		F:     func(dst []float64, _ float64, x []float64) { dst[0] = x[0] * (1 - x[0]) },
		Exact: func(dst []float64, t float64) { dst[0] = 1 / (1 + 9*math.Exp(-t)) }}
}

// Switch is a fast logistic rise, x' = 10x(1 − x), x(0) = 1e-4 on [0, 5]:
// x = 1/(1 + (1/x0 − 1)e^{−10t}). It is flat, then switches within about
// 0.5 around t ≈ 0.92, then flat again: a test for step-size control.
func Switch() ODE {
	const r, x0 = 10.0, 1e-4
	return ODE{Name: "switch", X0: []float64{x0}, T0: 0, T1: 5,
		F:     func(dst []float64, _ float64, x []float64) { dst[0] = r * x[0] * (1 - x[0]) },
		Exact: func(dst []float64, t float64) { dst[0] = 1 / (1 + (1/x0-1)*math.Exp(-r*t)) }}
}

// Peak is the quadrature of a narrow Lorentzian, x' = 1/(ε + (t − 1)²) with
// ε = 1e-6, x(0) = 0 on [0, 3]: x = (atan((t − 1)/√ε) + atan(1/√ε))/√ε.
// Errors made at the peak are not damped afterwards, so a uniform step must
// resolve the peak everywhere: a test for step-size control.
func Peak() ODE {
	const eps = 1e-6
	s := math.Sqrt(eps)
	return ODE{Name: "peak", X0: []float64{0}, T0: 0, T1: 3,
		F:     func(dst []float64, t float64, _ []float64) { dst[0] = 1 / (eps + (t-1)*(t-1)) },
		Exact: func(dst []float64, t float64) { dst[0] = (math.Atan((t-1)/s) + math.Atan(1/s)) / s }}
}

// MaxError returns the largest absolute difference between x and the exact
// solution of p at time t.
func (p ODE) MaxError(x []float64, t float64) float64 {
	want := make([]float64, len(x))
	p.Exact(want, t)
	var m float64
	for i := range x {
		m = math.Max(m, math.Abs(x[i]-want[i]))
	}
	return m
}
