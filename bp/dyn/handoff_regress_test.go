// Regression tests of the decay hand-off (handoff.go), first written by an
// independent audit of it.
package dyn_test

import (
	"context"
	"math"
	"testing"

	"github.com/braingo/braingo/bp"
	"github.com/braingo/braingo/bp/dyn"
)

// allSpiker is a presynaptic group whose every neuron spikes at every step.
type allSpiker struct{ s []bool }

func (a allSpiker) Spikes() []bool { return a.s }

// handOffPair builds a LIF group fed by one Expon/CUBA projection over a
// CSRComm from a group that always spikes; hidden routes the synapse
// through hiddenExpon (the general path, never handed over). It returns
// the projection, the group and the synapse.
func handOffPair(t *testing.T, tau float64, hidden bool) (*dyn.ProjAlignPost, *dyn.LIF, *dyn.Expon) {
	t.Helper()
	const n = 67
	g, err := dyn.NewLIF(n, dyn.LIFParams{VTh: 1e9, Seed: 1}) // never spikes
	if err != nil {
		t.Fatal(err)
	}
	g.AddSource(dyn.Bias(1))
	pre := allSpiker{make([]bool, n)}
	for i := range pre.s {
		pre.s[i] = true
	}
	p, e := exponProj(t, pre, g, 0.2, 0.5, tau, 5, &dyn.CUBA{}, hidden)
	return p, g, e
}

// handOffClose fails unless a and b agree to 1e-9 relative.
func handOffClose(t *testing.T, what string, a, b []float64) {
	t.Helper()
	for i := range a {
		if d := math.Abs(a[i] - b[i]); !(d <= 1e-9*max(1, math.Abs(a[i]), math.Abs(b[i]))) {
			t.Fatalf("%s: g[%d] = %.15g with the hand-off, %.15g on the general path", what, i, a[i], b[i])
		}
	}
}

// TestHandOffTinyTauFinite: an Expon whose decay factor underflows
// (τ ≪ dt, e.g. a near-instant synapse) must stay finite: the general
// path gives g = w·(in-degree) each step. Adding w/f with f = 0 gives
// Inf, then Inf·0 = NaN.
func TestHandOffTinyTauFinite(t *testing.T) {
	fast, _, sf := handOffPair(t, 1e-4, false)
	slow, _, ss := handOffPair(t, 1e-4, true)
	ctx := &bp.Context{DT: 0.1, Epoch: 77}
	for k := range 3 {
		ctx.Step, ctx.T = int64(k), float64(k)*0.1
		fast.Update(ctx)
		slow.Update(ctx)
	}
	for i, v := range sf.G {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			t.Fatalf("g[%d] = %v after 3 steps with τ = 1e-4 ms, dt = 0.1 ms (general path: %v)", i, v, ss.G[i])
		}
	}
}

// TestHandOffRepeatedStep: a hand loop that updates the group a second
// time in the same step (the same Context, e.g. one more look at the
// group's response): on the general path the group's update leaves g
// alone; with the hand-off every read of a step that was handed over
// multiplies g by f again (the output's stamp still matches).
func TestHandOffRepeatedStep(t *testing.T) {
	fp, fg, fs := handOffPair(t, 5, false)
	sp, sg, ss := handOffPair(t, 5, true)
	ctx := &bp.Context{DT: 0.1}
	for k := range 10 {
		ctx.Step, ctx.T = int64(k), float64(k)*0.1
		fp.Update(ctx)
		sp.Update(ctx)
		fg.Update(ctx)
		sg.Update(ctx)
	}
	handOffClose(t, "after 10 steps", fs.G, ss.G)
	fg.Update(ctx) // step 9 again, the group alone
	sg.Update(ctx)
	handOffClose(t, "step 9 repeated, group only", fs.G, ss.G)
}

// TestHandOffReadLate: the group skips the step in which its
// projection handed it the decay and updates first in the next one. The
// projection's check "the group's read count moved" takes that read (of
// the next step, which did not decay: its stamp is for the step before)
// for the hand-over, so the decay of the skipped step is never applied.
func TestHandOffReadLate(t *testing.T) {
	fp, fg, fs := handOffPair(t, 5, false)
	sp, sg, ss := handOffPair(t, 5, true)
	ctx := &bp.Context{DT: 0.1, Epoch: 99}
	for k := range 20 {
		ctx.Step, ctx.T = int64(k), float64(k)*0.1
		switch k {
		case 10: // projection only
			fp.Update(ctx)
			sp.Update(ctx)
		case 11: // group first, then the projection
			fg.Update(ctx)
			sg.Update(ctx)
			fp.Update(ctx)
			sp.Update(ctx)
		default:
			fp.Update(ctx)
			sp.Update(ctx)
			fg.Update(ctx)
			sg.Update(ctx)
		}
		if k >= 11 {
			handOffClose(t, "step "+itoa(k), fs.G, ss.G)
		}
	}
}

func itoa(k int) string {
	if k < 10 {
		return string(rune('0' + k))
	}
	return itoa(k/10) + string(rune('0'+k%10))
}

// TestHandOffStaleOrderWorkers: with several workers the projection decides
// in PartLocal, before its part 0 has learned the order of this run
// (learnOrder runs later, in UpdatePart), so the first step of a run uses
// the order seen at the end of the previous run, in another epoch (the
// doc of learnOrder says a group not seen reading in this run is not
// handed the decay). The same models, first run as [projection, group],
// then put in a new network as [group, projection]: in the second run's
// first step the group decays g before the projection delivers, and the
// projection, having handed over, leaves its w/f unscaled.
func TestHandOffStaleOrderWorkers(t *testing.T) {
	fp, fg, fs := handOffPair(t, 5, false)
	sp, sg, ss := handOffPair(t, 5, true)
	run := func(workers int, models ...bp.Model) {
		t.Helper()
		net := bp.NewNetwork()
		for k, m := range models {
			if err := net.Add(string(rune('a'+k)), m); err != nil {
				t.Fatal(err)
			}
		}
		r, err := bp.NewRunner(net, bp.RunnerSettings{DT: 0.1, Workers: workers, Progress: bp.NoProgress})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := r.Run(context.Background(), 1); err != nil {
			t.Fatal(err)
		}
	}
	run(2, fp, fg)
	run(1, sp, sg)
	handOffClose(t, "first run, projection first", fs.G, ss.G)
	run(2, fg, fp)
	run(1, sg, sp)
	handOffClose(t, "second run, group first", fs.G, ss.G)
}
