// Regression tests from a second audit of bp.FreshClearer: runner inputs
// that reach a group's Input by a path through another child than the
// group's own. The runner once marked as written only the child the path
// starts at, and the group skipped the input from step 2 on; it now marks
// every child with a variable that shares memory with what an input
// writes.
package dyn_test

import (
	"context"
	"testing"

	"github.com/braingo/braingo/bp"
	"github.com/braingo/braingo/bp/dyn"
)

// audit2Run runs net for 20 ms with a runner input on target (the drive
// of freshDrive) and returns the group's V.
func audit2Run(t *testing.T, net *bp.Network, g *dyn.LIF, target string, workers int) []float64 {
	t.Helper()
	r, err := bp.NewRunner(net, bp.RunnerSettings{DT: 0.1, Workers: workers, Progress: bp.NoProgress,
		Inputs: []bp.Input{bp.ConstInputs(target, freshDrive())}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.Run(context.Background(), 20); err != nil {
		t.Fatal(err)
	}
	return append([]float64(nil), g.V...)
}

// audit2NetView is a keeper Parent (not a Network) that lists a Network:
// it names the network's variables for paths and updates nothing.
type audit2NetView struct{ n *bp.Network }

func (v *audit2NetView) Update(*bp.Context)   {}
func (v *audit2NetView) Children() []bp.Model { return []bp.Model{v.n} }
func (v *audit2NetView) KeepsInputs() bool    { return true }

// TestFreshAudit2InputThroughNestedNetworkView: the group is a child of
// the network, and also reachable by a keeper view of a nested Network that
// holds it (as untouchedView, one level deeper). A runner input on
// "view.0.g.Input" is g.Input, and the nested network's clearers are not
// among the network's hinted ones: child "g" must count as written too.
func TestFreshAudit2InputThroughNestedNetworkView(t *testing.T) {
	after := func(g *dyn.LIF) []namedChild {
		inner := bp.NewNetwork()
		if err := inner.Add("g", g); err != nil {
			t.Fatal(err)
		}
		return []namedChild{{"view", &audit2NetView{n: inner}}}
	}
	run := func(before func(*dyn.LIF) []namedChild, workers int) []float64 {
		net, g := freshNet(t, before, after)
		return audit2Run(t, net, g, "view.0.g.Input", workers)
	}
	sameOnWorkers(t, nil, run)
}

// TestFreshAudit2InputThroughNestedNetwork: the group is a child of the
// network and of a nested Network added after it (so it is updated twice a
// step). A runner input on "sub.g.Input" is g.Input: the group's first
// update, as child "g", must read it.
func TestFreshAudit2InputThroughNestedNetwork(t *testing.T) {
	after := func(g *dyn.LIF) []namedChild {
		inner := bp.NewNetwork()
		if err := inner.Add("g", g); err != nil {
			t.Fatal(err)
		}
		return []namedChild{{"sub", inner}}
	}
	run := func(before func(*dyn.LIF) []namedChild, workers int) []float64 {
		net, g := freshNet(t, before, after)
		return audit2Run(t, net, g, "sub.g.Input", workers)
	}
	sameOnWorkers(t, nil, run)
}

// audit2Probe is a VarHolder (not a keeper, added after the group) that
// exposes the group's Input under its own name, as an electrode would.
type audit2Probe struct{ g *dyn.LIF }

func (p *audit2Probe) Update(*bp.Context) {}
func (p *audit2Probe) Vars() []bp.Var     { return []bp.Var{{Name: "I", Data: p.g.Input}} }

// TestFreshAudit2InputThroughVarAlias: a runner input on "probe.I", a
// variable of another child that is the group's Input slice, must count
// for child "g" too.
func TestFreshAudit2InputThroughVarAlias(t *testing.T) {
	after := func(g *dyn.LIF) []namedChild { return []namedChild{{"probe", &audit2Probe{g: g}}} }
	run := func(before func(*dyn.LIF) []namedChild, workers int) []float64 {
		net, g := freshNet(t, before, after)
		return audit2Run(t, net, g, "probe.I", workers)
	}
	sameOnWorkers(t, nil, run)
}
