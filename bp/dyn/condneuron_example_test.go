package dyn_test

import (
	"context"
	"fmt"

	"github.com/braingo/braingo/bp"
	"github.com/braingo/braingo/bp/dyn"
)

// A Hodgkin–Huxley neuron composed of channels: the paper's "channel →
// neuron" step. A group of 3 neurons receives 0, 5 and 10 µA/cm² for
// 500 ms; the first rests, the second fires once (textbook gL 0.3) and the
// third fires repetitively at about 68 Hz (numbers.md 3.1).
func ExampleCondNeuGroup() {
	const n = 3
	na, _ := dyn.NewINaHH1952(n, dyn.HHChannelParams{})
	k, _ := dyn.NewIKHH1952(n, dyn.HHChannelParams{})
	leak, _ := dyn.NewILeak(n, 0.3, -54.387)
	hh, err := dyn.NewCondNeuGroup(n, dyn.CondNeuParams{}, na, k, leak)
	if err != nil {
		fmt.Println(err)
		return
	}
	res, err := bp.Run(context.Background(), hh, 500, bp.RunnerSettings{
		DT:       0.01,
		Inputs:   []bp.Input{{Target: "Input", Value: 5, Index: []int{1}}, {Target: "Input", Value: 10, Index: []int{2}}},
		Monitors: []bp.Monitor{bp.MonitorSpikes("")},
		Progress: bp.NoProgress,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("spikes per neuron:", res.Spikes["spike"].Counts())
	// Output:
	// spikes per neuron: [0 1 34]
}

// A thalamic relay-like neuron: Traub–Miles spiking channels (shifted to
// V_sh = −50 mV as in Bazhenov et al. 2002) plus a T-type calcium channel on
// a first-order calcium pool, whose concentration the group integrates
// along with V. Released from 300 ms of hyperpolarisation, which
// de-inactivates the T current, it fires a rebound burst of fast spikes on a
// calcium spike.
func ExampleICaTHM1992() {
	ca, _ := dyn.NewCalciumFirstOrder(1, dyn.CalciumParams{})
	cat, _ := dyn.NewICaTHM1992(ca, dyn.ICaTParams{})
	na, _ := dyn.NewINaTM1991(1, dyn.HHChannelParams{GMax: 90, VShift: -50})
	k, _ := dyn.NewIKTM1991(1, dyn.HHChannelParams{GMax: 10, VShift: -50})
	leak, _ := dyn.NewILeak(1, 0.03, -70)
	tc, err := dyn.NewCondNeuGroup(1, dyn.CondNeuParams{V0: -70}, ca, cat, na, k, leak)
	if err != nil {
		fmt.Println(err)
		return
	}
	hold, _ := dyn.SectionInput([]float64{0, -1, 0}, []float64{100, 300, 200}, 0.025)
	res, _ := bp.Run(context.Background(), tc, 600, bp.RunnerSettings{
		DT:       0.025,
		Inputs:   []bp.Input{bp.SeriesInput("Input", hold)},
		Monitors: []bp.Monitor{bp.MonitorSpikes("")},
		Progress: bp.NoProgress,
	})
	t := res.Spikes["spike"].T
	fmt.Printf("%d spikes from %.0f to %.0f ms\n", len(t), t[0], t[len(t)-1])
	// Output:
	// 10 spikes from 442 to 476 ms
}
