package dyn_test

import (
	"context"
	"fmt"
	"math"

	"github.com/braingo/braingo/bp"
	"github.com/braingo/braingo/bp/dyn"
	bm "github.com/braingo/braingo/bp/math"
)

// A whole-brain network of FitzHugh–Nagumo nodes (BrainPy's whole-brain
// tutorial in miniature): 8 regions on a ring in two modules of 4 (strong
// random weights within a module, weak between), delays proportional to the
// distance along the ring, every node driven just below its Hopf point
// (x_ext 0.72) plus OU noise. The functional connectivity of the simulated
// activity shows the modules.
func ExampleDelayCoupling() {
	const n, dt = 8, 0.1
	rng := bm.NewRNG(42)
	w, delays := make([]float64, n*n), make([]float64, n*n)
	for i := range n {
		for j := range n {
			if i != j {
				w[i*n+j] = rng.Uniform(0.02, 0.05)
				if i/4 == j/4 {
					w[i*n+j] = rng.Uniform(0.5, 1)
				}
				hops := math.Min(float64((i-j+n)%n), float64((j-i+n)%n))
				delays[i*n+j] = 2 * hops // ms
			}
		}
	}
	fhn, _ := dyn.NewRateFHN(n, dyn.RateFHNParams{})
	coupling, err := dyn.NewDelayCoupling(fhn.X, fhn.InputX, w, dyn.CouplingParams{
		Kind: dyn.Diffusive, Gain: 0.1, Delays: delays, DT: dt,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	net := bp.NewNetwork()
	net.Add("coupling", coupling) // before the nodes: it feeds their input in the same step
	net.Add("fhn", fhn)

	const dur = 4000.0
	var inputs []bp.Input
	for i := range n {
		noise, _ := dyn.OUProcess(0.72, 0.02, 5, dur, dt, dyn.Span{}, rng)
		inputs = append(inputs, bp.Input{Target: "fhn.Input", Series: noise, Index: []int{i}})
	}
	res, err := bp.Run(context.Background(), net, dur, bp.RunnerSettings{
		DT: dt, Inputs: inputs, Monitors: []bp.Monitor{{Var: "fhn.x", Every: 10}}, Progress: bp.NoProgress,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	x := res.Traces["fhn.x"].Values[100:] // drop the first 100 ms
	fc, _ := dyn.FunctionalConnectivity(x)
	var within, between float64
	for i := range n {
		for j := range n {
			if i != j && i/4 == j/4 {
				within += fc.At(i, j) / (2 * 4 * 3)
			} else if i/4 != j/4 {
				between += fc.At(i, j) / (2 * 4 * 4)
			}
		}
	}
	fmt.Printf("mean FC within modules %.1f, between %.1f\n", within, between)
	// Output:
	// mean FC within modules 0.4, between 0.1
}
