package dyn_test

import (
	"context"
	"fmt"

	"github.com/braingo/braingo/bp"
	"github.com/braingo/braingo/bp/dyn"
)

// hhGroup is the "channel → neuron" step: n textbook Hodgkin–Huxley
// neurons composed of sodium, potassium and leak channels.
func hhGroup(n int) (*dyn.CondNeuGroup, error) {
	na, err := dyn.NewINaHH1952(n, dyn.HHChannelParams{})
	if err != nil {
		return nil, err
	}
	k, err := dyn.NewIKHH1952(n, dyn.HHChannelParams{})
	if err != nil {
		return nil, err
	}
	leak, err := dyn.NewILeak(n, 0.3, -54.387)
	if err != nil {
		return nil, err
	}
	return dyn.NewCondNeuGroup(n, dyn.CondNeuParams{}, na, k, leak)
}

// connect is a conductance-based projection with exponential synapses:
// each pair connected with probability p, weight w (mS/cm²).
func connect(pre, post *dyn.CondNeuGroup, p, w, tau, e float64, seed uint64) (*dyn.ProjAlignPost, error) {
	csr, err := dyn.ConnFixedProb(pre.Size(), post.Size(), p, dyn.ConnOptions{Seed: seed})
	if err != nil {
		return nil, err
	}
	csr.W = w
	comm, err := dyn.NewCSRComm(csr)
	if err != nil {
		return nil, err
	}
	syn, err := dyn.NewExpon(post.Size(), dyn.ExponParams{Tau: tau})
	if err != nil {
		return nil, err
	}
	return dyn.NewProjAlignPost(pre, post, comm, syn, &dyn.COBA{E: e}, dyn.DelayOptions{})
}

// column is the "neuron → network" step: an E/I network of HH neurons
// (80 E driven by a constant current, 20 I driven only by E) with
// conductance-based exponential synapses.
func column(seed uint64) (*bp.Network, *dyn.CondNeuGroup, error) {
	e, err := hhGroup(80)
	if err != nil {
		return nil, nil, err
	}
	i, err := hhGroup(20)
	if err != nil {
		return nil, nil, err
	}
	net := bp.NewNetwork()
	for k, c := range []struct {
		name       string
		pre, post  *dyn.CondNeuGroup
		w, tau, ev float64
	}{
		{"EE", e, e, 0.02, 5, 0}, {"EI", e, i, 0.1, 5, 0},
		{"IE", i, e, 0.3, 10, -80}, {"II", i, i, 0.3, 10, -80},
	} {
		proj, err := connect(c.pre, c.post, 0.1, c.w, c.tau, c.ev, seed+uint64(k))
		if err != nil {
			return nil, nil, err
		}
		if err := net.Add(c.name, proj); err != nil { // projections before the groups they feed
			return nil, nil, err
		}
	}
	if err := net.Add("E", e); err != nil {
		return nil, nil, err
	}
	if err := net.Add("I", i); err != nil {
		return nil, nil, err
	}
	return net, e, nil
}

// The paper's "channel → neuron → network → system" composition: channels
// make HH neurons, HH groups and projections make an E/I column, and two
// columns with a long-range excitatory projection from A to B make a
// system. Only column A's E cells receive an external current; column B
// is silent on its own and is driven by A through the long-range
// projection.
func ExampleCondNeuGroup_system() {
	a, aE, err := column(1)
	if err != nil {
		fmt.Println(err)
		return
	}
	b, bE, err := column(100)
	if err != nil {
		fmt.Println(err)
		return
	}
	longRange, err := connect(aE, bE, 0.2, 0.05, 5, 0, 7)
	if err != nil {
		fmt.Println(err)
		return
	}
	system := bp.NewNetwork()
	system.Add("AB", longRange)
	system.Add("A", a)
	system.Add("B", b)

	res, err := bp.Run(context.Background(), system, 200, bp.RunnerSettings{
		DT:       0.05,
		Inputs:   []bp.Input{bp.ConstInput("A.E.Input", 10)},
		Monitors: []bp.Monitor{bp.MonitorSpikes("A.E"), bp.MonitorSpikes("A.I"), bp.MonitorSpikes("B.E"), bp.MonitorSpikes("B.I")},
		Progress: bp.NoProgress,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, g := range []string{"A.E", "A.I", "B.E", "B.I"} {
		st := res.Spikes[g+".spike"]
		rate := float64(len(st.T)) / float64(st.Size) / 0.2 // Hz
		fmt.Printf("%s fires above 5 Hz: %v\n", g, rate > 5)
	}
	// Output:
	// A.E fires above 5 Hz: true
	// A.I fires above 5 Hz: true
	// B.E fires above 5 Hz: true
	// B.I fires above 5 Hz: true
}
