// Regression tests of the input clearing that trusts bp.UntouchedClearer,
// first written by an independent audit of it.
package dyn_test

// An input written during a step, after the group's update, must be
// cleared after the step in every arrangement, as it was before.

import (
	"context"
	"errors"
	"testing"

	"github.com/braingo/braingo/bp"
	"github.com/braingo/braingo/bp/dyn"
)

// untouchedGroup is a LIF on its block path (a Bias makes every source a
// range source), so its clearing consults what its update saw.
func untouchedGroup(t *testing.T, n int) *dyn.LIF {
	t.Helper()
	g, err := dyn.NewLIF(n, dyn.LIFParams{VRest: -60, VReset: -60, VTh: -50, Tau: 20, V0: dyn.Between(-60, -50), Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	g.AddSource(dyn.Bias(1))
	return g
}

// untouchedColumn is a composite model that is a bp.Parent but not a
// bp.Network: its Update steps its group, then injects a current into the
// group's Input (a late write inside the child the group belongs to).
type untouchedColumn struct{ g *dyn.LIF }

func (c *untouchedColumn) Update(ctx *bp.Context) {
	c.g.Update(ctx)
	c.g.Input[10] += 5
}
func (c *untouchedColumn) Children() []bp.Model { return []bp.Model{c.g} }

// TestUntouchedParentWriterAfterGroup: a Network clears, after the step, an
// input that a non-Network Parent wrote into its own child group after
// updating it. tellUntouched looks only at the children after the Parent,
// not at the Parent itself, so the group is told untouched and the
// clearing skips.
func TestUntouchedParentWriterAfterGroup(t *testing.T) {
	for _, workers := range []int{1, 2} {
		g := untouchedGroup(t, 300)
		net := bp.NewNetwork()
		if err := net.Add("col", &untouchedColumn{g: g}); err != nil {
			t.Fatal(err)
		}
		if _, err := bp.Run(context.Background(), net, 0.1, bp.RunnerSettings{DT: 0.1, Workers: workers, Progress: bp.NoProgress}); err != nil {
			t.Fatal(err)
		}
		if g.Input[10] != 0 {
			t.Errorf("workers %d: Input[10] = %v after the step, want 0 (the network clears the inputs written during the step)", workers, g.Input[10])
		}
	}
}

// untouchedPanicker keeps inputs (so the group before it is told untouched)
// and panics at step panicAt.
type untouchedPanicker struct{ panicAt int64 }

func (p *untouchedPanicker) Update(ctx *bp.Context) {
	if ctx.Step == p.panicAt {
		panic("untouched: boom")
	}
}
func (p *untouchedPanicker) KeepsInputs() bool { return true }

// TestUntouchedPanicStaleHint: a step that panics after the group's update
// leaves what the update saw (and, on one goroutine, the network's hint:
// Network.Update does not defer untell) in place; a later clearing by hand
// must still clear an input written after the panic.
func TestUntouchedPanicStaleHint(t *testing.T) {
	for _, workers := range []int{1, 2} {
		g := untouchedGroup(t, 300)
		net := bp.NewNetwork()
		if err := errors.Join(net.Add("g", g), net.Add("boom", &untouchedPanicker{panicAt: 2})); err != nil {
			t.Fatal(err)
		}
		func() {
			defer func() {
				if recover() == nil {
					t.Fatalf("workers %d: no panic", workers)
				}
			}()
			bp.Run(context.Background(), net, 1, bp.RunnerSettings{DT: 0.1, Workers: workers, Progress: bp.NoProgress})
		}()
		g.Input[3] = 7
		bp.ClearInputs(net)
		if g.Input[3] != 0 {
			t.Errorf("workers %d: Input[3] = %v after bp.ClearInputs following a panicked step, want 0", workers, g.Input[3])
		}
		// A loop by hand on the group alone, nothing told: a late write
		// must be cleared.
		clear(g.Input) // isolate the hint from the check above
		ctx := &bp.Context{DT: 0.1}
		g.Update(ctx)
		g.Input[4] = 7
		g.ClearInputs()
		if g.Input[4] != 0 {
			t.Errorf("workers %d: Input[4] = %v after a hand Update, late write and ClearInputs following a panicked step, want 0 (stale hint)", workers, g.Input[4])
		}
	}
}

// untouchedWriter writes into a group's Input at every step (not a keeper).
type untouchedWriter struct {
	g    *dyn.LIF
	i    int
	odd  bool // only at odd steps
	seen *int // counts steps at which it found Input not zero at entry
}

func (w *untouchedWriter) Update(ctx *bp.Context) {
	if w.seen != nil {
		for _, x := range w.g.Input {
			if x != 0 {
				*w.seen++
				break
			}
		}
	}
	if !w.odd || ctx.Step%2 == 1 {
		w.g.Input[w.i] += 3
	}
}

// TestUntouchedAddAfterRun: a writer added after a run, after the group, is
// heard by the next run's hints: its writes are cleared (1 and 2 workers).
func TestUntouchedAddAfterRun(t *testing.T) {
	for _, workers := range []int{1, 2} {
		g := untouchedGroup(t, 300)
		net := bp.NewNetwork()
		if err := errors.Join(net.Add("g", g), net.Add("k", dyn.NewSpikeCounter(g))); err != nil {
			t.Fatal(err)
		}
		r, err := bp.NewRunner(net, bp.RunnerSettings{DT: 0.1, Workers: workers, Progress: bp.NoProgress})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := r.Run(context.Background(), 0.5); err != nil {
			t.Fatal(err)
		}
		if err := net.Add("late", &untouchedWriter{g: g, i: 200}); err != nil {
			t.Fatal(err)
		}
		if _, err := r.Run(context.Background(), 0.5); err != nil {
			t.Fatal(err)
		}
		if g.Input[200] != 0 {
			t.Errorf("workers %d: Input[200] = %v, want 0", workers, g.Input[200])
		}
	}
}

// TestUntouchedManyWorkersClearEveryStep: a writer before the group (keepers
// only after it: the group is told untouched) writes at odd steps; a probe
// first in the network finds Input zero at the start of every step, with
// 1, 2, 3 and 20 workers (20 > 16: the group updates in part 0), the V the
// same as with one worker; also in a nested network.
func TestUntouchedManyWorkersClearEveryStep(t *testing.T) {
	run := func(workers int, nested bool) []float64 {
		g := untouchedGroup(t, 1000)
		found := 0
		probe := &untouchedWriter{g: g, i: 0, seen: &found}
		probe.odd = true
		inner := bp.NewNetwork()
		if err := errors.Join(inner.Add("probe", probe), inner.Add("g", g), inner.Add("k", dyn.NewSpikeCounter(g))); err != nil {
			t.Fatal(err)
		}
		net := inner
		if nested {
			net = bp.NewNetwork()
			if err := errors.Join(net.Add("in", inner), net.Add("k2", dyn.NewSpikeCounter(g))); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := bp.Run(context.Background(), net, 2, bp.RunnerSettings{DT: 0.1, Workers: workers, Progress: bp.NoProgress}); err != nil {
			t.Fatal(err)
		}
		if found != 0 {
			t.Errorf("workers %d nested %v: Input not zero at the start of %d steps", workers, nested, found)
		}
		for i, x := range g.Input {
			if x != 0 {
				t.Errorf("workers %d nested %v: Input[%d] = %v after the run", workers, nested, i, x)
				break
			}
		}
		return append([]float64(nil), g.V...)
	}
	want := run(1, false)
	for _, c := range []struct {
		workers int
		nested  bool
	}{{2, false}, {3, false}, {20, false}, {2, true}, {20, true}} {
		got := run(c.workers, c.nested)
		for i := range want {
			if got[i] != want[i] {
				t.Fatalf("workers %d nested %v: V[%d] = %v, one worker %v", c.workers, c.nested, i, got[i], want[i])
			}
		}
	}
}

// TestUntouchedCancelledRun: a run cancelled between steps (from the
// progress callback) leaves no hint: a hand loop's late write is cleared.
func TestUntouchedCancelledRun(t *testing.T) {
	for _, workers := range []int{1, 2} {
		g := untouchedGroup(t, 300)
		net := bp.NewNetwork()
		if err := errors.Join(net.Add("g", g), net.Add("k", dyn.NewSpikeCounter(g))); err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithCancel(context.Background())
		_, err := bp.Run(ctx, net, 10, bp.RunnerSettings{DT: 0.1, Workers: workers, Progress: func(done, _ int64) {
			if done >= 3 {
				cancel()
			}
		}})
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("workers %d: err = %v, want cancelled", workers, err)
		}
		c := &bp.Context{DT: 0.1}
		g.Update(c)
		g.Input[4] = 7
		bp.ClearInputs(net)
		if g.Input[4] != 0 {
			t.Errorf("workers %d: Input[4] = %v after a cancelled run, hand update, late write and ClearInputs", workers, g.Input[4])
		}
	}
}

// untouchedPartPanicker keeps inputs and panics in part 1 of a split step at
// step panicAt (part 0 then clears its range; part 1 does not).
type untouchedPartPanicker struct{ panicAt int64 }

func (p *untouchedPartPanicker) Update(*bp.Context) {}
func (p *untouchedPartPanicker) UpdatePart(ctx *bp.Context, part, parts int) {
	if ctx.Step == p.panicAt && part == 1 {
		panic("untouched: boom in part 1")
	}
}
func (p *untouchedPartPanicker) KeepsInputs() bool { return true }

// TestUntouchedStaleSeenAcrossRuns: part 1 panics after the group's split
// update, so its seen slot is never consumed; the next run (the group's
// noise switched on, so part 0 updates all of it) clears part 1's range by
// that stale slot, and an input written before the update into part 1's
// range survives the step.
func TestUntouchedStaleSeenAcrossRuns(t *testing.T) {
	g := untouchedGroup(t, 1000)
	found := 0
	probe := &untouchedWriter{g: g, i: 900, odd: true, seen: &found} // 900 is in part 1 of 2; no write at the panicking step 2
	pp := &untouchedPartPanicker{panicAt: 2}
	net := bp.NewNetwork()
	if err := errors.Join(net.Add("probe", probe), net.Add("g", g), net.Add("boom", pp)); err != nil {
		t.Fatal(err)
	}
	r, err := bp.NewRunner(net, bp.RunnerSettings{DT: 0.1, Workers: 2, Progress: bp.NoProgress})
	if err != nil {
		t.Fatal(err)
	}
	func() {
		defer func() { recover() }()
		r.Run(context.Background(), 1)
	}()
	pp.panicAt = -1
	probe.odd = false // writes at every step from now on
	clear(g.Input)    // what a user would do after the failure
	g.Noise = 0.01    // the update is no longer part-local
	found = 0
	if _, err := r.Run(context.Background(), 1); err != nil {
		t.Fatal(err)
	}
	if found != 0 || g.Input[900] != 0 {
		t.Errorf("after a run panicked in part 1: Input not zero at the start of %d of 10 steps, Input[900] = %v at the end (want 0, 0)", found, g.Input[900])
	}
}

// untouchedView is a keeper Parent that only names a group for paths (its
// Update does nothing): the group it lists is updated elsewhere.
type untouchedView struct{ g *dyn.LIF }

func (v *untouchedView) Update(*bp.Context)   {}
func (v *untouchedView) Children() []bp.Model { return []bp.Model{v.g} }
func (v *untouchedView) KeepsInputs() bool    { return true }

// TestUntouchedGroupReachedTwice: a group reachable from two children of a
// network gets one hint per occurrence, the last one winning: updated as
// child 0 and followed by a writer, it is told untouched because its
// second occurrence (a view, last) has only keepers after it.
func TestUntouchedGroupReachedTwice(t *testing.T) {
	for _, workers := range []int{1, 2} {
		g := untouchedGroup(t, 300)
		net := bp.NewNetwork()
		if err := errors.Join(net.Add("g", g), net.Add("w", &untouchedWriter{g: g, i: 100}), net.Add("view", &untouchedView{g: g})); err != nil {
			t.Fatal(err)
		}
		if _, err := bp.Run(context.Background(), net, 0.1, bp.RunnerSettings{DT: 0.1, Workers: workers, Progress: bp.NoProgress}); err != nil {
			t.Fatal(err)
		}
		if g.Input[100] != 0 {
			t.Errorf("workers %d: Input[100] = %v after the step, want 0 (written during the step, after the group)", workers, g.Input[100])
		}
	}
}
