package dyn_test

import (
	"context"
	"fmt"

	"github.com/braingo/braingo/bp"
	"github.com/braingo/braingo/bp/dyn"
)

// A Hodgkin–Huxley neuron with BrainPy's defaults (gL = 0.03) under a step
// current of 5 µA/cm² from 20 to 220 ms: it fires at about 52 Hz
// (exp_euler, dt 0.1).
func ExampleNewHH() {
	hh, err := dyn.NewHH(1, dyn.HHParams{V0: dyn.At(-70.676)})
	if err != nil {
		panic(err)
	}
	step := func(t float64) float64 {
		if t >= 20 && t < 220 {
			return 5
		}
		return 0
	}
	res, err := bp.Run(context.Background(), hh, 300, bp.RunnerSettings{
		Inputs:   []bp.Input{bp.FuncInput("Input", step)},
		Monitors: []bp.Monitor{bp.MonitorSpikes(""), {Var: "V", Every: 10}},
	})
	if err != nil {
		panic(err)
	}
	fmt.Println("spikes:", len(res.Spikes["spike"].T))
	fmt.Printf("V at 300 ms: %.1f mV\n", hh.V[0])
	// Output:
	// spikes: 11
	// V at 300 ms: -70.7 mV
}

// Zero-valued settings take BrainPy's defaults; dyn.Zero asks for a real
// zero where the default is not zero.
func ExampleNewLIF() {
	lif, _ := dyn.NewLIF(1, dyn.LIFParams{})
	fmt.Println(lif.VRest, lif.VReset, lif.VTh, lif.Tau)
	lif, _ = dyn.NewLIF(1, dyn.LIFParams{VReset: dyn.Zero, TRef: 2})
	fmt.Println(lif.VReset, lif.TRef)
	// Output:
	// 0 -5 20 10
	// -0 2
}
