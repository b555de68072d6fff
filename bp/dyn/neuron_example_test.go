package dyn_test

import (
	"context"
	"errors"
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

// SpikeCounter counts spikes per neuron during a run without recording
// them (Brian2's SpikeMonitor(record=False)). A LIF neuron driven by a
// constant 20 mV from rest (τ = 20 ms, threshold 10 mV above rest,
// refractory 5 ms) first fires at 20·ln 2 ≈ 13.9 ms, then every
// 5 + 13.9 ms: 5 spikes in 100 ms.
func ExampleSpikeCounter() {
	g, err := dyn.NewLIF(3, dyn.LIFParams{VRest: -60, VReset: -60, VTh: -50, Tau: 20, TRef: 5, V0: dyn.At(-60)})
	if err != nil {
		panic(err)
	}
	g.AddSource(dyn.Bias(20))
	count := dyn.NewSpikeCounter(g)
	net := bp.NewNetwork()
	if err := errors.Join(net.Add("G", g), net.Add("count", count)); err != nil {
		panic(err)
	}
	if _, err := bp.Run(context.Background(), net, 100, bp.RunnerSettings{DT: 0.1, Progress: bp.NoProgress}); err != nil {
		panic(err)
	}
	fmt.Println(count.Count, count.Total())
	// Output: [5 5 5] 15
}
