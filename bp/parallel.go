package bp

import (
	"fmt"
	"runtime"
	"sync/atomic"
)

// PartUpdater is a model whose update can be shared among goroutines.
// UpdatePart(ctx, part, parts) does part `part` (0 ≤ part < parts) of
// Update; the parts of one model run at the same time, one per goroutine,
// and all of them end before the next model starts. Together the parts must
// do exactly what Update does, each element's arithmetic in the same order,
// so that a run gives bit-identical results with any number of goroutines
// (see RunnerSettings.Workers). The usual split is by ranges of the
// neurons a model writes ([PartRange]); a model that cannot split a step
// does all of it in part 0.
type PartUpdater interface {
	Model
	UpdatePart(ctx *Context, part, parts int)
}

// PartLocal is a PartUpdater that can tell, before a step, that part k of
// its update will read, of what other models write during the step, only
// the elements of part k (its range of neurons, bp.PartRange), and will
// write only elements of part k of what they read; anything else it reads
// must not change during the step. No barrier separates two consecutive
// children that are both part-local for a step, so the goroutines run
// through them without waiting for each other. The runner asks every
// child once per step, on one goroutine, before the step starts.
type PartLocal interface {
	PartUpdater
	PartLocal(ctx *Context, parts int) bool
}

// PartPreparer is a model that builds data for a number of parts the
// first time a step is shared among that many goroutines (a connection's
// index of where each row crosses the parts' ranges, say). NewRunner calls
// PrepareParts(Workers) on every model of the network when Workers > 1, so
// that the building is part of setting up the run rather than of its first
// step.
type PartPreparer interface {
	PrepareParts(parts int)
}

// PartClearer is an InputClearer whose clearing can be shared among
// goroutines: ClearInputsPart(part, parts) clears part `part` of the
// inputs; the parts run at the same time and together clear all of them.
type PartClearer interface {
	InputClearer
	ClearInputsPart(part, parts int)
}

// partAlign is the granularity of PartRange: 64 elements are a cache line
// of spike flags and eight of float64 values, so no two parts write one
// cache line of an array that starts on a line.
const partAlign = 64

// PartRange returns the elements [lo, hi) of n that part `part` of `parts`
// takes: contiguous ranges in order, of near-equal sizes, with boundaries
// at multiples of 64. Every model of a network that splits a group of n
// neurons splits it the same way.
func PartRange(n, part, parts int) (lo, hi int) {
	chunks := (n + partAlign - 1) / partAlign
	lo = min(chunks*part/parts*partAlign, n)
	hi = min(chunks*(part+1)/parts*partAlign, n)
	return lo, hi
}

// barrier is a reusable spinning barrier for a fixed number of
// goroutines. Spinning (with a yield to the Go scheduler) rather than
// blocking is what lets a step of tens of microseconds be shared: a
// channel hand-off costs about as much as the work.
type barrier struct {
	parts   int32
	spin    int // polls before yielding to the scheduler
	arrived atomic.Int32
	phase   atomic.Uint32
}

// wait returns when all parts have called it (once each per phase).
func (b *barrier) wait() {
	phase := b.phase.Load()
	if b.arrived.Add(1) == b.parts {
		b.arrived.Store(0)
		b.phase.Add(1)
		return
	}
	for spins := 0; b.phase.Load() == phase; spins++ {
		if spins > b.spin {
			runtime.Gosched()
		}
	}
}

// team runs the steps of a network on parts goroutines: the caller is part
// 0 and parts−1 workers wait between steps at the barrier.
type team struct {
	parts  int
	bar    barrier
	step   func(part int)
	stop   bool
	panics []any // first panic of each part in the current step
}

// newTeam starts parts−1 workers that run step.
func newTeam(parts int, step func(part int)) *team {
	t := &team{parts: parts, step: step, panics: make([]any, parts)}
	t.bar.parts = int32(parts)
	// Poll for tens of µs when every part can have a core; with more parts
	// than cores a waiting part yields at once to let the others run.
	if parts <= runtime.GOMAXPROCS(0) {
		t.bar.spin = 20000
	}
	for k := 1; k < parts; k++ {
		go func() {
			for {
				t.bar.wait() // start of a step, or the stop signal
				if t.stop {
					return
				}
				t.step(k)
				t.bar.wait() // end of the step
			}
		}()
	}
	return t
}

// run does one step on all parts and returns when every part has finished.
// A panic in any part is raised again here, on the caller's goroutine,
// after the step has ended on all parts.
func (t *team) run() {
	t.bar.wait()
	t.step(0)
	t.bar.wait()
	for k, p := range t.panics {
		if p != nil {
			clear(t.panics)
			panic(&PartPanic{Part: k, Parts: t.parts, Value: p})
		}
	}
}

// PartPanic is what a Runner with several workers panics with when a part
// of a step panicked: the part and the value it panicked with (a
// runtime.Error stays reachable with errors.As).
type PartPanic struct {
	Part, Parts int
	Value       any
}

// Error names the part and the value it panicked with.
func (p *PartPanic) Error() string {
	return fmt.Sprintf("bp: part %d of %d of a step panicked: %v", p.Part, p.Parts, p.Value)
}

// Unwrap returns the panic value if it is an error.
func (p *PartPanic) Unwrap() error {
	err, _ := p.Value.(error)
	return err
}

// close stops the workers.
func (t *team) close() {
	t.stop = true
	t.bar.wait()
}

// planParts decides, before a step on parts goroutines, after which
// children stepParts waits at a barrier: after every child except between
// two that are part-local for the step (PartLocal, asked once per child),
// and after the last unless it is part-local, every input clearer clears
// by parts (each part then clears its own range while the others may
// still be in the last child, which reads only theirs) and lastBarrier is
// false (the runner asks for it before a step whose end it checks for
// NaN: a part then reads its range of every variable, which only the
// barrier guarantees no other part still writes). Part 0 calls it before
// the other parts start the step.
func (n *Network) planParts(ctx *Context, parts int, lastBarrier bool) {
	if len(n.barrierAfter) != len(n.children) {
		n.barrierAfter = make([]bool, len(n.children))
	}
	n.tell(ctx)
	nextLocal := !lastBarrier // the clears after the last child are part-local
	for _, c := range n.clearers {
		if _, ok := c.(PartClearer); !ok {
			nextLocal = false
		}
	}
	for i := len(n.children) - 1; i >= 0; i-- {
		pl, ok := n.children[i].(PartLocal)
		local := ok && pl.PartLocal(ctx, parts)
		n.barrierAfter[i] = !local || !nextLocal
		nextLocal = local
	}
}

// stepParts is part `part` of a network step on a team: every child in
// order (its part if it is a PartUpdater, else all of it in part 0), a
// barrier after each as planParts decided, then the inputs are cleared (by
// parts where the clearer is a PartClearer). A panic in a child
// is recorded and the part goes on through the barriers, doing nothing
// more, so that the other parts are not left waiting.
func (n *Network) stepParts(ctx *Context, t *team, part int) {
	for i, c := range n.children {
		if t.panics[part] == nil {
			if p := updatePart(c, ctx, part, t.parts); p != nil {
				t.panics[part] = p // written only on a panic: the parts' slots share a cache line
			}
		}
		if n.barrierAfter[i] { // the same barriers on every part, panicked or not
			t.bar.wait()
		}
	}
	if t.panics[part] != nil {
		return
	}
	for _, c := range n.clearers {
		if p := clearPart(c, part, t.parts); p != nil {
			t.panics[part] = p
			return
		}
	}
}

// clearPart clears part `part` of c's inputs (all of them in part 0 if c
// is not a PartClearer) and returns what it panicked with.
func clearPart(c InputClearer, part, parts int) (p any) {
	defer func() { p = recover() }()
	if pc, ok := c.(PartClearer); ok {
		pc.ClearInputsPart(part, parts)
	} else if part == 0 {
		c.ClearInputs()
	}
	return nil
}

// updatePart updates part `part` of m and returns what it panicked with.
func updatePart(m Model, ctx *Context, part, parts int) (p any) {
	defer func() { p = recover() }()
	if pu, ok := m.(PartUpdater); ok {
		pu.UpdatePart(ctx, part, parts)
	} else if part == 0 {
		m.Update(ctx)
	}
	return nil
}
