package dyn_test

import (
	"context"
	"testing"

	"github.com/braingo/braingo/bp"
	"github.com/braingo/braingo/bp/dyn"
)

// flagCounter counts a group's spikes from its flags, neuron by neuron: the
// reference for SpikeCounter.
type flagCounter struct {
	g     *dyn.LIF
	count []int64
}

func (f *flagCounter) Update(*bp.Context) {
	for i, s := range f.g.Spike {
		if s {
			f.count[i]++
		}
	}
}

// TestSpikeCounter runs a recurrent network under a Runner (the counter
// reads the group's spike lists) on one and on three goroutines, and in a
// hand loop (epoch 0: the counter scans the flags), and requires counts
// equal to a count of the flags, a total equal to their sum and the same
// digest in all three runs.
func TestSpikeCounter(t *testing.T) {
	var digests []uint64
	for _, run := range []string{"runner", "runner, 3 workers", "hand loop"} {
		net, g := recurrentNet(t, false)
		c := dyn.NewSpikeCounter(g)
		ref := &flagCounter{g: g, count: make([]int64, g.Size())}
		for _, m := range []struct {
			name string
			m    bp.Model
		}{{"count", c}, {"ref", ref}} {
			if err := net.Add(m.name, m.m); err != nil {
				t.Fatal(err)
			}
		}
		switch run {
		case "hand loop":
			ctx := &bp.Context{DT: 0.1}
			for k := range 3000 {
				ctx.Step, ctx.T = int64(k), float64(k)*0.1
				net.Update(ctx)
			}
		default:
			workers := map[string]int{"runner": 1, "runner, 3 workers": 3}[run]
			r, err := bp.NewRunner(net, bp.RunnerSettings{DT: 0.1, Workers: workers, Progress: bp.NoProgress})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := r.Run(context.Background(), 300); err != nil {
				t.Fatal(err)
			}
		}
		var total int64
		for i, n := range ref.count {
			if c.Count[i] != n {
				t.Fatalf("%s: neuron %d counted %d times, its flags show %d spikes", run, i, c.Count[i], n)
			}
			total += n
		}
		if c.Total() != total || total < 1000 {
			t.Fatalf("%s: total %d, flags %d (the test needs at least 1000 spikes)", run, c.Total(), total)
		}
		digests = append(digests, c.Digest())
		c.Reset(0)
		if c.Total() != 0 || c.Digest() != 0 || c.Count[0] != 0 {
			t.Fatalf("%s: Reset left total %d, digest %x", run, c.Total(), c.Digest())
		}
	}
	if digests[0] != digests[1] || digests[0] != digests[2] {
		t.Errorf("digests %x differ between runs of the same network", digests)
	}
}
