// Package integrate solves the differential equations of brain models:
// ordinary (ODE), stochastic (SDE), delay (DDE) and fractional (FDE)
// equations, with methods chosen by name through a registry, as BrainPy's
// odeint, sdeint and fdeint.
//
// A derivative function is an ordinary Go function of type [Func] that
// writes dx/dt into a destination slice. A [Stepper] advances a state in
// place by one step and allocates nothing:
//
//	f := func(dst []float64, t float64, x []float64) {
//		for i := range x {
//			dst[i] = -x[i] / tau
//		}
//	}
//	st, err := integrate.NewODE("rk4", f, n)
//	...
//	st.Step(x, t, dt)
//
// [Methods] lists the registered names; [Register] adds new ones.
package integrate
