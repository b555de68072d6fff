// Package integrate solves the differential equations of brain models:
// ordinary (ODE), stochastic (SDE), delay (DDE) and fractional (FDE)
// equations, with methods chosen by name through a registry, as BrainPy's
// odeint, sdeint and fdeint.
//
// # Derivatives and steppers
//
// A derivative function is an ordinary Go function of type [Func] that
// writes dx/dt into a destination slice; a population of N neurons is one
// Func over N values. A [Stepper] advances a state in place by one step and
// allocates nothing:
//
//	f := func(dst []float64, t float64, v []float64) {
//		for i := range v {
//			dst[i] = (-(v[i] - vRest) + r*input[i]) / tau
//		}
//	}
//	st, err := integrate.NewODE("exp_euler", f, n, integrate.WithBlocks(n))
//	...
//	st.Step(v, t, dt)
//
// [Integrate] runs any stepper over a span and reports a bad dt or a
// stepper's failure as an error.
//
// # ODE methods
//
// Fixed step, one generic Butcher-tableau stepper ([RK], [Tableau]):
// euler (order 1); midpoint, heun2, ralston2, rk2 (2); rk3, heun3,
// ralston3, ssprk3 (3); rk4, ralston4, rk4_38rule (4).
//
// Exponential Euler ([ExpEuler]; exp_euler = exponential_euler = exp_auto =
// exp_euler_auto), the default of built-in models: each variable is
// linearised against itself, x ← x + dt·φ(a·dt)·f(x) with a = ∂f_i/∂x_i
// and φ(z) = (e^z − 1)/z. It is exact for linear equations with a diagonal
// Jacobian (leaks) at any dt, first order in general. The diagonal is given
// analytically with [WithLinear]; otherwise it is estimated by forward
// differences, one extra evaluation of f per block of mutually independent
// elements ([WithBlocks]; the default of one block per element costs n
// extra evaluations per step and suits only small systems).
//
// Adaptive embedded pairs ([Adaptive]): rkf12, heun_euler, bs, rkf45, ck,
// rkdp, with [WithTol] (defaults Atol 1e-6, Rtol 1e-3). Step(x, t, dt)
// lands exactly on t+dt with as many internal steps as the tolerance
// needs; [Adaptive.StepSize] and [Adaptive.Stats] report the control.
//
// [Register] adds methods under new names; [Methods] lists them.
//
// # Systems
//
// [System] lays named variables of a population (BrainPy's JointEq) out in
// one flat state, and [System.Joint] builds one Func from a derivative per
// variable. [Elementwise] turns a scalar equation into a population Func.
//
// # Stochastic, delay and fractional equations
//
// [NewSDE] integrates dx = f dt + g dW under Itô or Stratonovich calculus
// with Euler–Maruyama, stochastic Heun, derivative-free Milstein or
// exponential Euler, with diagonal, scalar or vector Wiener noise drawn
// from a seeded bm.RNG ([SDE.StepW] takes given increments instead).
//
// [NewDDE] wraps any ODE method for delay equations: f reads the past state
// (and, for neutral equations, the past derivative) through [Past], with
// linear interpolation or rounding and a constant or functional history.
//
// [NewFDE] integrates Caputo equations D^α x = f(t, x), α in (0, 1] per
// variable, with the fractional rectangle rule, the L1 scheme or
// Grünwald–Letnikov short memory.
//
// # Errors
//
// Constructors and drivers return errors that wrap a sentinel
// ([ErrUnknownMethod], [ErrStepSize], [ErrLength], [ErrNilFunc],
// [ErrOrder], [ErrSettings], [ErrTolerance]) and name the offending value.
// Step cannot return an error; steppers that can fail while stepping
// (adaptive, delay, fractional) record it in an Err method, which
// [Integrate] checks.
//
// Analytic test problems live in package testprob, for reuse by the tests
// of models built on this package.
package integrate
