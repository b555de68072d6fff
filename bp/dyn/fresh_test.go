package dyn_test

import (
	"context"
	"math"
	"testing"

	"github.com/braingo/braingo/bp"
	"github.com/braingo/braingo/bp/dyn"
)

// notKeeper is a child that does nothing and is not a bp.InputKeeper:
// placed first, it stops the network from telling the group that its Input
// is fresh (bp.FreshClearer), without changing anything else.
type notKeeper struct{}

func (notKeeper) Update(*bp.Context) {}

// frontWriter writes drive into the group's Input at every step, before
// the group's update; it is not an InputKeeper.
type frontWriter struct {
	g     *dyn.LIF
	drive []float64
}

func (w frontWriter) Update(*bp.Context) {
	for i, x := range w.drive {
		w.g.Input[i] += x
	}
}

// freshNet is a recurrent LIF group with a bias and two CUBA Expon
// projections over CSR connections: the group reads its input in one
// fused pass (lifFusedAVX2). first, when not nil, is added before
// everything else.
func freshNet(t *testing.T, first bp.Model) (*bp.Network, *dyn.LIF) {
	t.Helper()
	const n = 1301
	g, err := dyn.NewLIF(n, dyn.LIFParams{VRest: -60, VReset: -60, VTh: -50, Tau: 20, TRef: 5, V0: dyn.Between(-60, -50), Seed: 4})
	if err != nil {
		t.Fatal(err)
	}
	net := bp.NewNetwork()
	if first != nil {
		if w, ok := first.(frontWriter); ok {
			w.g = g
			first = w
		}
		if err := net.Add("first", first); err != nil {
			t.Fatal(err)
		}
	}
	for k, w := range []float64{1.5, -6} {
		proj, _ := exponProj(t, g, g, 0.05, w, 5+5*float64(k), uint64(20+k), &dyn.CUBA{}, false)
		if err := net.Add(string(rune('a'+k)), proj); err != nil {
			t.Fatal(err)
		}
	}
	g.AddSource(dyn.Bias(12))
	if err := net.Add("g", g); err != nil {
		t.Fatal(err)
	}
	return net, g
}

// TestFreshInputSameResults checks that skipping the read of an Input known
// to be zero changes nothing: the same runs, with the hint possible and
// with a child in front that rules it out, give bit-identical V on 1 and 3
// goroutines, through a runner input on the group, a value written into
// Input between two runs, and a writer before the group (against the same
// drive given as a runner input).
func TestFreshInputSameResults(t *testing.T) {
	drive := make([]float64, 1301)
	for i := range drive {
		drive[i] = float64(i%7) * 0.8
	}
	type scenario struct {
		name  string
		first bp.Model // before everything: notKeeper for the reference
		input bool     // drive as a runner input on g
		poke  bool     // drive written into g.Input between the two runs
	}
	run := func(s scenario, workers int) []float64 {
		net, g := freshNet(t, s.first)
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
	same := func(name string, got, want []float64) {
		t.Helper()
		for i := range want {
			if math.Float64bits(got[i]) != math.Float64bits(want[i]) {
				t.Fatalf("%s: V[%d] = %v, want %v", name, i, got[i], want[i])
			}
		}
	}
	for _, s := range []scenario{{name: "plain"}, {name: "runner input", input: true}, {name: "poked", poke: true}} {
		ref := s
		ref.first = notKeeper{}
		want := run(ref, 1)
		for _, workers := range []int{1, 3} {
			same(s.name, run(s, workers), want)
		}
	}
	// A writer before the group is seen as a runner input is.
	want := run(scenario{input: true}, 1)
	for _, workers := range []int{1, 3} {
		same("front writer", run(scenario{first: frontWriter{drive: drive}}, workers), want)
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
