package dyn_test

import (
	"context"
	"fmt"
	"math"
	"testing"

	"github.com/braingo/braingo/bp"
	"github.com/braingo/braingo/bp/dyn"
)

// notKeeper is a child that does nothing and is not a bp.InputKeeper:
// placed before the group, it stops the network from telling the group that its Input
// is fresh (bp.FreshClearer), without changing anything else.
type notKeeper struct{}

func (notKeeper) Update(*bp.Context) {}

// namedChild is a child to add, with its name.
type namedChild struct {
	name string
	m    bp.Model
}

// freshNet is a recurrent LIF group g with a bias and two CUBA Expon
// projections over CSR connections (the group reads its input in one
// fused pass, lifFusedAVX2), with the children before(g) added between
// the projections and the group and after(g) added after the group
// (either may be nil).
func freshNet(t *testing.T, before, after func(g *dyn.LIF) []namedChild) (*bp.Network, *dyn.LIF) {
	t.Helper()
	const n = 1301
	g, err := dyn.NewLIF(n, dyn.LIFParams{VRest: -60, VReset: -60, VTh: -50, Tau: 20, TRef: 5, V0: dyn.Between(-60, -50), Seed: 4})
	if err != nil {
		t.Fatal(err)
	}
	net := bp.NewNetwork()
	add := func(cs []namedChild) {
		for _, c := range cs {
			if err := net.Add(c.name, c.m); err != nil {
				t.Fatal(err)
			}
		}
	}
	for k, w := range []float64{1.5, -6} {
		proj, _ := exponProj(t, g, g, 0.05, w, 5+5*float64(k), uint64(20+k), &dyn.CUBA{}, false)
		add([]namedChild{{string(rune('a' + k)), proj}})
	}
	if before != nil {
		add(before(g))
	}
	g.AddSource(dyn.Bias(12))
	add([]namedChild{{"g", g}})
	if after != nil {
		add(after(g))
	}
	return net, g
}

// freshDrive is a per-neuron drive that moves V a lot.
func freshDrive() []float64 {
	d := make([]float64, 1301)
	for i := range d {
		d[i] = float64(i%7) * 0.8
	}
	return d
}

// ruledOut prepends notKeeper to before: the reference, where the network
// can tell the group nothing.
func ruledOut(before func(g *dyn.LIF) []namedChild) func(g *dyn.LIF) []namedChild {
	return func(g *dyn.LIF) []namedChild {
		cs := []namedChild{{"nk", notKeeper{}}}
		if before != nil {
			cs = append(cs, before(g)...)
		}
		return cs
	}
}

// sameOnWorkers checks that run(before, w) on 1 and 2 workers gives the V
// of run(ruledOut(before), 1), where the hint cannot be given.
func sameOnWorkers(t *testing.T, before func(*dyn.LIF) []namedChild, run func(before func(*dyn.LIF) []namedChild, workers int) []float64) {
	t.Helper()
	want := run(ruledOut(before), 1)
	for _, workers := range []int{1, 2} {
		sameV(t, fmt.Sprintf("%d workers", workers), run(before, workers), want)
	}
}

// sameV fails the test, naming the case, if got and want differ in any
// bit.
func sameV(t *testing.T, name string, got, want []float64) {
	t.Helper()
	diff, first := 0, -1
	for i := range want {
		if math.Float64bits(got[i]) != math.Float64bits(want[i]) {
			if first < 0 {
				first = i
			}
			diff++
		}
	}
	if diff > 0 {
		t.Errorf("%s: V differs from the run with the hint ruled out at %d of %d neurons (first V[%d] = %v, want %v)",
			name, diff, len(want), first, got[first], want[first])
	}
}

// frontWriter adds drive into g.Input at every step; it is not a keeper.
type frontWriter struct {
	g     *dyn.LIF
	drive []float64
}

func (w *frontWriter) Update(*bp.Context) {
	for i, x := range w.drive {
		w.g.Input[i] += x
	}
}

// TestFreshInputSameResults checks that skipping the read of an Input known
// to be zero changes nothing: the same runs, with the hint possible and
// with a child in front that rules it out, give bit-identical V on 1 and 3
// goroutines, through a runner input on the group, a value written into
// Input between two runs, and a writer before the group (against the same
// drive given as a runner input).
func TestFreshInputSameResults(t *testing.T) {
	drive := freshDrive()
	type scenario struct {
		name   string
		before func(*dyn.LIF) []namedChild // children between the projections and the group
		input  bool                        // drive as a runner input on g
		poke   bool                        // drive written into g.Input between the two runs
	}
	run := func(s scenario, workers int) []float64 {
		net, g := freshNet(t, s.before, nil)
		set := bp.RunnerSettings{DT: 0.1, Workers: workers}
		if s.input {
			set.Inputs = []bp.Input{bp.ConstInputs("g.Input", drive)}
		}
		r, err := bp.NewRunner(net, set)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := r.Run(context.Background(), 30); err != nil {
			t.Fatal(err)
		}
		if s.poke {
			copy(g.Input, drive)
		}
		if _, err := r.Run(context.Background(), 20); err != nil {
			t.Fatal(err)
		}
		return append([]float64(nil), g.V...)
	}
	for _, s := range []scenario{{name: "plain"}, {name: "runner input", input: true}, {name: "poked", poke: true}} {
		ref := s
		ref.before = ruledOut(nil)
		want := run(ref, 1)
		for _, workers := range []int{1, 3} {
			sameV(t, s.name, run(s, workers), want)
		}
	}
	// A writer before the group is seen as a runner input is.
	want := run(scenario{input: true}, 1)
	writer := func(g *dyn.LIF) []namedChild { return []namedChild{{"w", &frontWriter{g: g, drive: drive}}} }
	for _, workers := range []int{1, 3} {
		sameV(t, "front writer", run(scenario{before: writer}, workers), want)
	}
	plain := run(scenario{}, 1)
	moved := 0
	for i := range plain {
		if plain[i] != want[i] {
			moved++
		}
	}
	if moved < len(plain)/2 {
		t.Fatalf("the drive changed V of %d of %d neurons: the test does not exercise Input", moved, len(plain))
	}
}
