package bp_test

import (
	"context"
	"fmt"
	"os"

	"github.com/braingo/braingo/bp"
	"github.com/braingo/braingo/bp/dyn"
	"github.com/braingo/braingo/bp/integrate"
)

// A single LIF neuron under a step current of 25 from 10 to 60 ms, with its
// membrane potential and spikes monitored.
func ExampleRunner() {
	lif, err := dyn.NewLIF(1, dyn.LIFParams{}) // BrainPy's Lif defaults
	if err != nil {
		panic(err)
	}
	runner, err := bp.NewRunner(lif, bp.RunnerSettings{
		DT: 0.1,
		Inputs: []bp.Input{bp.FuncInput("Input", func(t float64) float64 {
			if t >= 10 && t < 60 {
				return 25
			}
			return 0
		})},
		Monitors: bp.Monitors("V", "spike"),
	})
	if err != nil {
		panic(err)
	}
	res, err := runner.Run(context.Background(), 100)
	if err != nil {
		panic(err)
	}
	v := res.Traces["V"]
	fmt.Printf("%d samples of V from t = %g to %g ms\n", len(v.T), v.T[0], v.T[len(v.T)-1])
	fmt.Printf("spikes at %.1f ms\n", res.Spikes["spike"].T)
	// Output:
	// 1000 samples of V from t = 0 to 99.9 ms
	// spikes at [26.0 44.0] ms
}

// QIF is a new neuron type, written in a notebook cell: state comes from
// dyn.Population (V, Spike, Input, current sources), the update from a
// bp/integrate method. It composes with the built-in models like they do.
type QIF struct {
	dyn.Population
	Tau, VPeak, VReset float64
	in                 []float64 // this step's total input, read by the derivative
	step               integrate.Stepper
}

func NewQIF(n int) *QIF {
	q := &QIF{Population: dyn.NewPopulation(n), Tau: 10, VPeak: 30, VReset: -20}
	q.step, _ = integrate.NewODE("rk2", func(dv []float64, _ float64, v []float64) {
		for i := range v {
			dv[i] = (v[i]*v[i]/10 + q.in[i]) / q.Tau
		}
	}, n)
	return q
}

func (q *QIF) Update(ctx *bp.Context) {
	q.in = q.Current()
	q.step.Step(q.V, ctx.T, ctx.DT)
	for i, v := range q.V {
		if q.Spike[i] = v >= q.VPeak; q.Spike[i] {
			q.V[i] = q.VReset
		}
	}
}

// A neuron type defined in a few lines runs in a network next to a
// built-in one, with inputs, monitors by path and spike records.
func Example_customNeuron() {
	net := bp.NewNetwork()
	net.Add("Q", NewQIF(3))
	lif, _ := dyn.NewLIF(2, dyn.LIFParams{})
	net.Add("L", lif)
	var _ dyn.Neurons = (*QIF)(nil) // projections accept it like any group

	res, err := bp.Run(context.Background(), net, 50, bp.RunnerSettings{
		Inputs: []bp.Input{bp.ConstInput("Q", 2), bp.ConstInput("L.Input", 30)},
		Monitors: []bp.Monitor{
			bp.MonitorVar("Q.V", 0),
			bp.MonitorSpikes("Q"),
			bp.MonitorSpikes("L"),
		},
	})
	if err != nil {
		panic(err)
	}
	fmt.Println("Q spikes per neuron:", res.Spikes["Q.spike"].Counts())
	fmt.Println("L spikes per neuron:", res.Spikes["L.spike"].Counts())
	fmt.Println("variables:", len(bp.Vars(net)))
	// Output:
	// Q spikes per neuron: [1 1 1]
	// L spikes per neuron: [4 4]
	// variables: 5
}

// A network of two groups with their own inputs, a monitor that decimates
// and one that streams to a file, then a save and restore of the state.
func ExampleNetwork() {
	e, _ := dyn.NewLIF(80, dyn.LIFParams{VRest: -60, VReset: -60, VTh: -50, Tau: 20, TRef: 5,
		V0: dyn.Between(-60, -50), Noise: 1, Seed: 1})
	i, _ := dyn.NewLIF(20, dyn.LIFParams{VRest: -60, VReset: -60, VTh: -50, Tau: 10, TRef: 2,
		V0: dyn.Between(-60, -50), Seed: 2})
	net := bp.NewNetwork()
	net.Add("E", e)
	net.Add("I", i)

	stream, _ := os.CreateTemp("", "spikes-*.csv")
	defer os.Remove(stream.Name())
	runner, err := bp.NewRunner(net, bp.RunnerSettings{
		Inputs: []bp.Input{bp.ConstInput("E", 12), bp.ConstInput("I", 15)},
		Monitors: []bp.Monitor{
			{Var: "E.V", Index: []int{0, 1}, Every: 10}, // 1 sample per ms
			{Var: "I.spike", Stream: stream},            // straight to disk
			bp.MonitorSpikes("E"),
		},
	})
	if err != nil {
		panic(err)
	}
	res, err := runner.Run(context.Background(), 200)
	if err != nil {
		panic(err)
	}
	fmt.Println("E.V samples:", len(res.Traces["E.V"].T))
	fmt.Println("E spiked:", len(res.Spikes["E.spike"].T) > 0)

	state, _ := os.CreateTemp("", "state-*.bin")
	defer os.Remove(state.Name())
	if err := bp.SaveFile(state.Name(), net); err != nil {
		panic(err)
	}
	if err := bp.LoadFile(state.Name(), net); err != nil {
		panic(err)
	}
	fmt.Println("restored at t =", runner.T(), "ms")
	// Output:
	// E.V samples: 200
	// E spiked: true
	// restored at t = 200 ms
}

// An f–I curve in one run: each LIF neuron gets its own constant current
// (ConstInputs), and the spike train gives each neuron's inter-spike
// intervals and its steady rate after the first spikes. The ISIs are the
// closed form τ ln((RI − V_reset)/(RI − V_th)) rounded up to the 0.1-ms
// grid (17.918 → 18.0 ms at I = 25); counting spikes in a window (Rates)
// is off by up to one spike per window.
func ExampleConstInputs() {
	currents := []float64{10, 25, 30, 50}
	lif, err := dyn.NewLIF(len(currents), dyn.LIFParams{}) // V_rest 0, V_reset −5, V_th 20, τ 10
	if err != nil {
		panic(err)
	}
	res, err := bp.Run(context.Background(), lif, 1000, bp.RunnerSettings{
		Inputs:   []bp.Input{bp.ConstInputs("", currents)},
		Monitors: bp.Monitors("spike"),
	})
	if err != nil {
		panic(err)
	}
	spikes := res.Spikes["spike"]
	steady, err := spikes.SteadyRates(100, 1000)
	if err != nil {
		panic(err)
	}
	counted, err := spikes.Rates(100, 1000)
	if err != nil {
		panic(err)
	}
	for i, isis := range spikes.ISIs() {
		if len(isis) == 0 {
			fmt.Printf("I = %2g: silent\n", currents[i])
			continue
		}
		fmt.Printf("I = %2g: ISI %.1f ms, steady rate %.1f Hz, %.1f Hz by count\n",
			currents[i], isis[len(isis)-1], steady[i], counted[i])
	}
	// Output:
	// I = 10: silent
	// I = 25: ISI 18.0 ms, steady rate 55.6 Hz, 55.6 Hz by count
	// I = 30: ISI 12.6 ms, steady rate 79.4 Hz, 78.9 Hz by count
	// I = 50: ISI 6.1 ms, steady rate 163.9 Hz, 164.4 Hz by count
}
