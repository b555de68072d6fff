// Regression tests from an audit of bp.FreshClearer (the Input-is-zero
// hint a Runner's network gives LIF's fused kernel); each failed before
// the fixes that followed it. Each test compares a run where the hint is
// possible with the same run where a non-keeper placed before the group
// (notKeeper) rules it out; the two must give bit-identical V.
package dyn_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/braingo/braingo/bp"
	"github.com/braingo/braingo/bp/dyn"
)

// TestFreshAuditViewAfterGroupRunnerInput: a group reachable from two
// children (itself, and a keeper Parent that only lists it, as
// untouchedView in untouched_regress_test.go) gets one FreshClearer entry
// per occurrence. A runner input on "g" marks only child g as written: the
// view's entry must not make the group fresh (it once did, and the group
// skipped the runner input from step 2 on). Every occurrence must qualify.
func TestFreshAuditViewAfterGroupRunnerInput(t *testing.T) {
	drive := freshDrive()
	after := func(g *dyn.LIF) []namedChild { return []namedChild{{"view", &untouchedView{g: g}}} }
	run := func(before func(*dyn.LIF) []namedChild, workers int) []float64 {
		net, g := freshNet(t, before, after)
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
	sameOnWorkers(t, nil, run)
}

// TestFreshAuditViewBeforeWriter: a keeper view of the group first, then a
// writer (not a keeper) into the group's Input, then the group: the view's
// entry (child 0, before the writer) qualifies, the group's does not, and
// the group must read the writer's input (it once ignored it from step 2
// on). No runner input involved.
func TestFreshAuditViewBeforeWriter(t *testing.T) {
	drive := freshDrive()
	before := func(g *dyn.LIF) []namedChild {
		return []namedChild{{"view", &untouchedView{g: g}}, {"w", &frontWriter{g: g, drive: drive}}}
	}
	run := func(before func(*dyn.LIF) []namedChild, workers int) []float64 {
		net, g := freshNet(t, before, nil)
		if _, err := bp.Run(context.Background(), net, 20, bp.RunnerSettings{DT: 0.1, Workers: workers, Progress: bp.NoProgress}); err != nil {
			t.Fatal(err)
		}
		return append([]float64(nil), g.V...)
	}
	sameOnWorkers(t, before, run)
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
	drive := freshDrive()
	before := func(g *dyn.LIF) []namedChild {
		return []namedChild{{"w", &auditLateWriter{g: g, drive: drive, from: 50}}}
	}
	run := func(before func(*dyn.LIF) []namedChild, workers int) []float64 {
		net, g := freshNet(t, before, nil)
		if _, err := bp.Run(context.Background(), net, 20, bp.RunnerSettings{DT: 0.1, Workers: workers, Progress: bp.NoProgress}); err != nil {
			t.Fatal(err)
		}
		return append([]float64(nil), g.V...)
	}
	want := run(ruledOut(before), 1)
	for _, workers := range []int{1, 2, 3} {
		sameV(t, fmt.Sprintf("%d workers", workers), run(before, workers), want)
	}
}

// TestFreshAuditAddAfterRunner: a child added to the network after its
// runner was made (as TestUntouchedAddAfterRun does with a writer) that
// is a FreshClearer with keepers before it: the runner's written slice was
// sized when the runner was made (tell once indexed it by the new child's
// index and panicked).
func TestFreshAuditAddAfterRunner(t *testing.T) {
	for _, workers := range []int{1, 2} {
		net, _ := freshNet(t, nil, nil)
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
	drive := freshDrive()
	run := func(before func(*dyn.LIF) []namedChild) []float64 {
		net, g := freshNet(t, before, nil)
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
	sameV(t, "monitor func", run(nil), run(ruledOut(nil)))
}
