// Regression tests from an audit of bp.FreshClearer (the Input-is-zero
// hint a Runner's network gives LIF's fused kernel); each failed before
// the fixes that followed it. Each test compares a run where the hint is possible
// with the same run where a non-keeper placed first (notKeeper) rules it
// out; the two must give bit-identical V.
package dyn_test

import (
	"context"
	"fmt"
	"math"
	"testing"

	"github.com/braingo/braingo/bp"
	"github.com/braingo/braingo/bp/dyn"
)

// auditNamed is a child to add, with its name.
type auditNamed struct {
	name string
	m    bp.Model
}

// auditNet is freshNet's group (a recurrent LIF with a bias and two CUBA
// Expon projections: the fused kernel) with the children before(g) added
// first and after(g) added after the group.
func auditNet(t *testing.T, before, after func(g *dyn.LIF) []auditNamed) (*bp.Network, *dyn.LIF) {
	t.Helper()
	const n = 1301
	g, err := dyn.NewLIF(n, dyn.LIFParams{VRest: -60, VReset: -60, VTh: -50, Tau: 20, TRef: 5, V0: dyn.Between(-60, -50), Seed: 4})
	if err != nil {
		t.Fatal(err)
	}
	net := bp.NewNetwork()
	add := func(cs []auditNamed) {
		for _, c := range cs {
			if err := net.Add(c.name, c.m); err != nil {
				t.Fatal(err)
			}
		}
	}
	if before != nil {
		add(before(g))
	}
	for k, w := range []float64{1.5, -6} {
		proj, _ := exponProj(t, g, g, 0.05, w, 5+5*float64(k), uint64(20+k), &dyn.CUBA{}, false)
		add([]auditNamed{{string(rune('a' + k)), proj}})
	}
	g.AddSource(dyn.Bias(12))
	add([]auditNamed{{"g", g}})
	if after != nil {
		add(after(g))
	}
	return net, g
}

// auditDrive is a per-neuron drive that moves V a lot.
func auditDrive() []float64 {
	d := make([]float64, 1301)
	for i := range d {
		d[i] = float64(i%7) * 0.8
	}
	return d
}

// ruledOut prepends notKeeper to before: the reference, where the network
// can tell the group nothing.
func ruledOut(before func(g *dyn.LIF) []auditNamed) func(g *dyn.LIF) []auditNamed {
	return func(g *dyn.LIF) []auditNamed {
		cs := []auditNamed{{"nk", notKeeper{}}}
		if before != nil {
			cs = append(cs, before(g)...)
		}
		return cs
	}
}

// auditWorkers checks that run(before, w) on 1 and 2 workers gives the V
// of run(ruledOut(before), 1), where the hint cannot be given.
func auditWorkers(t *testing.T, before func(*dyn.LIF) []auditNamed, run func(before func(*dyn.LIF) []auditNamed, workers int) []float64) {
	t.Helper()
	want := run(ruledOut(before), 1)
	for _, workers := range []int{1, 2} {
		auditSame(t, fmt.Sprintf("%d workers", workers), run(before, workers), want)
	}
}

// auditSame fails the test, naming the case, if got and want differ in any
// bit.
func auditSame(t *testing.T, name string, got, want []float64) {
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

// TestFreshAuditViewAfterGroupRunnerInput: a group reachable from two
// children (itself, and a keeper Parent that only lists it, as
// untouchedView in untouched_regress_test.go) gets one FreshClearer entry
// per occurrence. A runner input on "g" marks only child g as written: the
// view's entry must not make the group fresh (it once did, and the group
// skipped the runner input from step 2 on). Every occurrence must qualify.
func TestFreshAuditViewAfterGroupRunnerInput(t *testing.T) {
	drive := auditDrive()
	after := func(g *dyn.LIF) []auditNamed { return []auditNamed{{"view", &untouchedView{g: g}}} }
	run := func(before func(*dyn.LIF) []auditNamed, workers int) []float64 {
		net, g := auditNet(t, before, after)
		r, err := bp.NewRunner(net, bp.RunnerSettings{DT: 0.1, Workers: workers, Progress: bp.NoProgress,
			Inputs: []bp.Input{bp.ConstInputs("g.Input", drive)}})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := r.Run(context.Background(), 20); err != nil {
			t.Fatal(err)
		}
		return append([]float64(nil), g.V...)
	}
	auditWorkers(t, nil, run)
}

// auditWriter adds drive into g.Input at every step; it is not a keeper.
type auditWriter struct {
	g     *dyn.LIF
	drive []float64
}

func (w *auditWriter) Update(*bp.Context) {
	for i, x := range w.drive {
		w.g.Input[i] += x
	}
}

// TestFreshAuditViewBeforeWriter: a keeper view of the group first, then a
// writer (not a keeper) into the group's Input, then the group: the view's
// entry (child 0, before the writer) qualifies, the group's does not, and
// the group must read the writer's input (it once ignored it from step 2
// on). No runner input involved.
func TestFreshAuditViewBeforeWriter(t *testing.T) {
	drive := auditDrive()
	before := func(g *dyn.LIF) []auditNamed {
		return []auditNamed{{"view", &untouchedView{g: g}}, {"w", &auditWriter{g: g, drive: drive}}}
	}
	run := func(before func(*dyn.LIF) []auditNamed, workers int) []float64 {
		net, g := auditNet(t, before, nil)
		if _, err := bp.Run(context.Background(), net, 20, bp.RunnerSettings{DT: 0.1, Workers: workers, Progress: bp.NoProgress}); err != nil {
			t.Fatal(err)
		}
		return append([]float64(nil), g.V...)
	}
	auditWorkers(t, before, run)
}

// auditLateWriter keeps inputs for its first `from` updates, then writes drive
// into g.Input at every step and says so (KeepsInputs false), before the
// step, as the network asks it each step.
type auditLateWriter struct {
	g     *dyn.LIF
	drive []float64
	from  int
	done  int
}

func (w *auditLateWriter) Update(*bp.Context) {
	if w.done >= w.from {
		for i, x := range w.drive {
			w.g.Input[i] += x
		}
	}
	w.done++
}
func (w *auditLateWriter) KeepsInputs() bool { return w.done < w.from }

// TestFreshAuditWorkersDynamicKeeper: on several workers the network tells
// the clearers in planParts and takes nothing back between steps (untell
// runs once, at the end of the run), so tell must say false as well as
// true. A child before the group that keeps inputs at first and later
// does not (the network asks KeepsInputs at every step) must end the
// hint (it once left the group fresh, ignoring the writes, on 2 and 3
// workers).
func TestFreshAuditWorkersDynamicKeeper(t *testing.T) {
	drive := auditDrive()
	before := func(g *dyn.LIF) []auditNamed {
		return []auditNamed{{"w", &auditLateWriter{g: g, drive: drive, from: 50}}}
	}
	run := func(before func(*dyn.LIF) []auditNamed, workers int) []float64 {
		net, g := auditNet(t, before, nil)
		if _, err := bp.Run(context.Background(), net, 20, bp.RunnerSettings{DT: 0.1, Workers: workers, Progress: bp.NoProgress}); err != nil {
			t.Fatal(err)
		}
		return append([]float64(nil), g.V...)
	}
	want := run(ruledOut(before), 1)
	for _, workers := range []int{1, 2, 3} {
		auditSame(t, fmt.Sprintf("%d workers", workers), run(before, workers), want)
	}
}

// TestFreshAuditAddAfterRunner: a child added to the network after its
// runner was made (as TestUntouchedAddAfterRun does with a writer) that
// is a FreshClearer with keepers before it: the runner's written slice was
// sized when the runner was made (tell once indexed it by the new child's
// index and panicked).
func TestFreshAuditAddAfterRunner(t *testing.T) {
	for _, workers := range []int{1, 2} {
		net, _ := auditNet(t, nil, nil)
		r, err := bp.NewRunner(net, bp.RunnerSettings{DT: 0.1, Workers: workers, Progress: bp.NoProgress})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := r.Run(context.Background(), 0.5); err != nil {
			t.Fatal(err)
		}
		g2, err := dyn.NewLIF(64, dyn.LIFParams{})
		if err != nil {
			t.Fatal(err)
		}
		if err := net.Add("g2", g2); err != nil {
			t.Fatal(err)
		}
		func() {
			defer func() {
				if p := recover(); p != nil {
					t.Errorf("%d workers: the run after adding a group panicked: %v", workers, p)
				}
			}()
			if _, err := r.Run(context.Background(), 0.5); err != nil {
				t.Fatal(err)
			}
		}()
	}
}

// TestFreshAuditMonitorFuncWritesInput: a MonitorFunc (taken after each
// step) that injects a current into the group's Input for the next step, a
// closed loop. A runner with a Func monitor gives no fresh hints: the group
// must read the current at the next step, as it did before the hint.
func TestFreshAuditMonitorFuncWritesInput(t *testing.T) {
	drive := auditDrive()
	run := func(before func(*dyn.LIF) []auditNamed) []float64 {
		net, g := auditNet(t, before, nil)
		mon := bp.MonitorFunc("stim", 1, func(_ float64, dst []float64) {
			for i, x := range drive {
				g.Input[i] += x
			}
			dst[0] = 0
		})
		if _, err := bp.Run(context.Background(), net, 20, bp.RunnerSettings{DT: 0.1, Progress: bp.NoProgress, Monitors: []bp.Monitor{mon}}); err != nil {
			t.Fatal(err)
		}
		return append([]float64(nil), g.V...)
	}
	auditSame(t, "monitor func", run(nil), run(ruledOut(nil)))
}
