package integrate_test

import (
	"fmt"
	"math"

	"github.com/braingo/braingo/bp/integrate"
	bm "github.com/braingo/braingo/bp/math"
)

// A population of leaky neurons integrated with rk4.
func ExampleNewODE() {
	taus := []float64{10, 20}
	f := func(dst []float64, t float64, v []float64) {
		for i := range v {
			dst[i] = -v[i] / taus[i]
		}
	}
	st, err := integrate.NewODE("rk4", f, len(taus))
	if err != nil {
		panic(err)
	}
	v := []float64{1, 1}
	const dt = 0.1
	for k := range 100 { // 10 ms
		st.Step(v, float64(k)*dt, dt)
	}
	fmt.Printf("v = %.6f %.6f\n", v[0], v[1])
	fmt.Printf("exact %.6f %.6f\n", math.Exp(-1), math.Exp(-0.5))
	// Output:
	// v = 0.367879 0.606531
	// exact 0.367879 0.606531
}

// Exponential Euler with the Jacobian diagonal given analytically: exact for
// the leak even with a step as long as the time constant.
func ExampleWithLinear() {
	const tau, vRest, current = 10.0, -65.0, 20.0
	lif := func(dst, diag []float64, t float64, v []float64) {
		for i := range v {
			dst[i] = (-(v[i] - vRest) + current) / tau
			diag[i] = -1 / tau
		}
	}
	st, _ := integrate.NewODE("exp_euler", nil, 1, integrate.WithLinear(lif))
	v := []float64{vRest}
	st.Step(v, 0, tau)
	fmt.Printf("v(τ) = %.6f, exact %.6f\n", v[0], vRest+current*(1-math.Exp(-1)))
	// Output:
	// v(τ) = -52.357589, exact -52.357589
}

// An adaptive Dormand–Prince integration with its statistics.
func ExampleAdaptive() {
	f := func(dst []float64, t float64, x []float64) { dst[0] = x[0] * (1 - x[0]) }
	st, _ := integrate.NewODE("rkdp", f, 1, integrate.WithTol(1e-10, 1e-10))
	a := st.(*integrate.Adaptive)
	x := []float64{0.1}
	if err := a.Integrate(nil, x, 0, 10); err != nil {
		panic(err)
	}
	exact := 1 / (1 + 9*math.Exp(-10))
	fmt.Printf("x(10) = %.8f, exact %.8f\n", x[0], exact)
	fmt.Printf("error below 1e-9: %v, in %d steps\n", math.Abs(x[0]-exact) < 1e-9, a.Stats().Accepted)
	// Output:
	// x(10) = 0.99959157, exact 0.99959157
	// error below 1e-9: true, in 99 steps

}

// Ornstein–Uhlenbeck noise on 2000 independent elements, seeded: the
// variance across elements approaches σ²τ/2.
func ExampleNewSDE() {
	const tau, sigma, n = 5.0, 2.0, 2000
	f := func(dst []float64, t float64, x []float64) {
		for i := range x {
			dst[i] = -x[i] / tau
		}
	}
	g := func(dst []float64, t float64, x []float64) {
		for i := range dst {
			dst[i] = sigma
		}
	}
	st, _ := integrate.NewSDE("euler", f, g, n, integrate.SDESettings{Seed: 42})
	x := make([]float64, n)
	if err := integrate.Integrate(nil, st, x, 0, 50, 0.05); err != nil {
		panic(err)
	}
	s := bm.Std(x)
	fmt.Printf("variance ≈ %.0f (σ²τ/2 = %.0f)\n", s*s, sigma*sigma*tau/2)
	// Output:
	// variance ≈ 10 (σ²τ/2 = 10)
}

// The delay equation x' = −x(t−1) with x = 1 before t = 0.
func ExampleNewDDE() {
	f := func(dst []float64, t float64, x []float64, past *integrate.Past) {
		dst[0] = -past.Value(0, t-1)
	}
	const dt = 0.01
	d, _ := integrate.NewDDE("rk4", f, 1, dt, integrate.DDESettings{MaxDelay: 1})
	x := []float64{1}
	for k := range 300 {
		d.Step(x, float64(k)*dt, dt)
		if (k+1)%100 == 0 {
			fmt.Printf("x(%d) = %.4f\n", (k+1)/100, math.Round(x[0]*1e4)/1e4+0) // +0 turns −0 into 0
		}
	}
	// Output:
	// x(1) = 0.0000
	// x(2) = -0.5000
	// x(3) = -0.1667
}

// The Caputo relaxation D^½ x = −x, whose solution is e^t·erfc(√t).
func ExampleNewFDE() {
	f := func(dst []float64, t float64, x []float64) { dst[0] = -x[0] }
	e, _ := integrate.NewFDE("l1", f, 1, []float64{0.5}, integrate.FDESettings{Memory: 1000})
	x := []float64{1}
	if err := integrate.Integrate(nil, e, x, 0, 1, 0.001); err != nil {
		panic(err)
	}
	fmt.Printf("x(1) = %.4f, exact %.4f\n", x[0], math.Exp(1)*math.Erfc(1))
	// Output:
	// x(1) = 0.4275, exact 0.4276

}

// Two variables of a FitzHugh–Nagumo population joined into one state.
func ExampleSystem_Joint() {
	sys, _ := integrate.NewSystem(3, "v", "w")
	f, _ := sys.Joint(
		func(dv []float64, t float64, vars [][]float64) {
			v, w := vars[0], vars[1]
			for i := range dv {
				dv[i] = v[i] - v[i]*v[i]*v[i]/3 - w[i] + 0.5
			}
		},
		func(dw []float64, t float64, vars [][]float64) {
			v, w := vars[0], vars[1]
			for i := range dw {
				dw[i] = (v[i] + 0.7 - 0.8*w[i]) / 12.5
			}
		})
	st, _ := integrate.NewODE("exp_euler", f, sys.Len(), integrate.WithBlocks(sys.Blocks()...))
	x := make([]float64, sys.Len())
	integrate.Integrate(nil, st, x, 0, 1, 0.01)
	fmt.Printf("v = %.3f, w = %.3f\n", sys.Var(x, "v")[0], sys.Var(x, "w")[0])
	// Output:
	// v = 0.773, w = 0.081
}
