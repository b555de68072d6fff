// Regression tests of SpikeCounter with several goroutines, first written by
// an independent audit of it.
package dyn_test

import (
	"context"
	"testing"

	"github.com/braingo/braingo/bp"
	"github.com/braingo/braingo/bp/dyn"
)

// TestSpikeCounterWorkersNoRace (run with -race): a part-local LIF
// followed by its SpikeCounter on 2 goroutines. No barrier separates them,
// and the counter's part 1 reads the stamp of the list (parts, epoch,
// step) that the group's part 0 writes in the same step (spikeList.done).
func TestSpikeCounterWorkersNoRace(t *testing.T) {
	g, err := dyn.NewLIF(256, dyn.LIFParams{VRest: -60, VReset: -60, VTh: -50, Tau: 20, V0: dyn.Between(-60, -50), Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	g.AddSource(dyn.Bias(15))
	c := dyn.NewSpikeCounter(g)
	net := bp.NewNetwork()
	if err := net.Add("G", g); err != nil {
		t.Fatal(err)
	}
	if err := net.Add("count", c); err != nil {
		t.Fatal(err)
	}
	r, err := bp.NewRunner(net, bp.RunnerSettings{DT: 0.1, Workers: 2, Progress: bp.NoProgress})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.Run(context.Background(), 2); err != nil {
		t.Fatal(err)
	}
	if c.Total() == 0 {
		t.Fatal("no spikes counted: the test needs an active group")
	}
}

// partFlags is a spiking group that writes its flags by parts for any
// number of parts and says it is part-local for any number.
type partFlags struct{ s []bool }

func (p *partFlags) Spikes() []bool                  { return p.s }
func (p *partFlags) Update(ctx *bp.Context)          { p.UpdatePart(ctx, 0, 1) }
func (p *partFlags) PartLocal(*bp.Context, int) bool { return true }
func (p *partFlags) UpdatePart(ctx *bp.Context, part, parts int) {
	lo, hi := bp.PartRange(len(p.s), part, parts)
	for i := lo; i < hi; i++ {
		p.s[i] = (int64(i)+ctx.Step)%5 == 0
	}
}

// TestSpikeCounterManyParts: SpikeCounter.PartLocal says true for any
// number of parts, but above maxListParts (16) its part 0 counts every
// neuron, reading the flags of the other parts (bp.PartLocal's contract
// is broken; the benchmark's counter it replaced said parts ≤ 16). With a
// part-local group before it and 17 workers, part 0 reads flags the other
// parts are writing: wrong counts, and a race under -race.
func TestSpikeCounterManyParts(t *testing.T) {
	const n, workers, steps = 17 * 64, 17, 10
	g := &partFlags{make([]bool, n)}
	c := dyn.NewSpikeCounter(g)
	if c.PartLocal(&bp.Context{}, workers) {
		t.Errorf("SpikeCounter.PartLocal(%d parts) = true, but part 0 then reads all %d flags", workers, n)
	}
	net := bp.NewNetwork()
	if err := net.Add("G", g); err != nil {
		t.Fatal(err)
	}
	if err := net.Add("count", c); err != nil {
		t.Fatal(err)
	}
	r, err := bp.NewRunner(net, bp.RunnerSettings{DT: 0.1, Workers: workers, Progress: bp.NoProgress})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.Run(context.Background(), float64(steps)*0.1); err != nil {
		t.Fatal(err)
	}
	for i, got := range c.Count {
		want := int64(0)
		for s := range int64(steps) {
			if (int64(i)+s)%5 == 0 {
				want++
			}
		}
		if got != want {
			t.Fatalf("neuron %d counted %d times, it spiked %d times", i, got, want)
		}
	}
}
