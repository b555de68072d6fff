package bp_test

import (
	"context"
	"errors"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/braingo/braingo/bp"
)

// TestPartRange checks that the parts of n cover [0, n) in order without
// gaps or overlaps, start at multiples of 64 and differ in size by at most
// 64.
func TestPartRange(t *testing.T) {
	for _, n := range []int{0, 1, 63, 64, 65, 1000, 4000, 32000, 100003} {
		for parts := 1; parts <= 9; parts++ {
			next, smallest, largest := 0, n+1, -1
			for k := range parts {
				lo, hi := bp.PartRange(n, k, parts)
				if lo != next || hi < lo || (lo%64 != 0 && lo != n) {
					t.Fatalf("n=%d parts=%d: part %d is [%d, %d), want it to start at %d, a multiple of 64", n, parts, k, lo, hi, next)
				}
				next = hi
				smallest, largest = min(smallest, hi-lo), max(largest, hi-lo)
			}
			if next != n {
				t.Fatalf("n=%d parts=%d: parts end at %d", n, parts, next)
			}
			if n >= 64*parts && largest-smallest > 64 {
				t.Errorf("n=%d parts=%d: part sizes from %d to %d", n, parts, smallest, largest)
			}
		}
	}
}

// splitLeaky is a leaky group that updates by parts: each part steps its
// range of neurons, as a dyn group does.
type splitLeaky struct{ *leaky }

func (m splitLeaky) UpdatePart(ctx *bp.Context, part, parts int) {
	lo, hi := bp.PartRange(len(m.v), part, parts)
	m.step(ctx, lo, hi)
}

func (m splitLeaky) Update(ctx *bp.Context) { m.step(ctx, 0, len(m.v)) }

// step is leaky's noise-free update of neurons lo … hi−1.
func (m *leaky) step(ctx *bp.Context, lo, hi int) {
	decay := math.Exp(-ctx.DT / m.tau)
	for i := lo; i < hi; i++ {
		v := m.in[i] + (m.v[i]-m.in[i])*decay
		m.spk[i] = v >= m.th
		if m.spk[i] {
			v = 0
		}
		m.v[i] = v
	}
}

// coupler adds w times the number of spikes of src in the previous step to
// the input of every neuron of dst: it reads all of src and so is not a
// PartUpdater (it runs in part 0, between barriers).
type coupler struct {
	src, dst *leaky
	w        float64
}

func (c *coupler) Update(*bp.Context) {
	n := 0
	for _, s := range c.src.spk {
		if s {
			n++
		}
	}
	for i := range c.dst.in {
		c.dst.in[i] += c.w * float64(n)
	}
}

// TestWorkersSameResult runs a network of split and unsplit models with 1,
// 2, 3 and 5 workers and requires bit-identical traces and spikes.
func TestWorkersSameResult(t *testing.T) {
	run := func(workers int) *bp.Result {
		a, b := newLeaky(700, 1), newLeaky(130, 2)
		b.noise = 0.3 // unsplit, with its own generator
		for i := range a.v {
			a.v[i] = float64(i%97) / 97
		}
		net := bp.NewNetwork()
		for _, c := range []struct {
			name string
			m    bp.Model
		}{{"ab", &coupler{src: a, dst: b, w: 0.02}}, {"ba", &coupler{src: b, dst: a, w: 0.05}}, {"a", splitLeaky{a}}, {"b", b}} {
			if err := net.Add(c.name, c.m); err != nil {
				t.Fatal(err)
			}
		}
		r, err := bp.NewRunner(net, bp.RunnerSettings{DT: 0.1, Workers: workers,
			Inputs:   []bp.Input{bp.ConstInput("a.Input", 1.5)},
			Monitors: []bp.Monitor{{Var: "a.V"}, {Var: "b.V"}, {Var: "a.spike"}}})
		if err != nil {
			t.Fatal(err)
		}
		res, err := r.Run(context.Background(), 100)
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	want := run(1)
	if len(want.Spikes["a.spike"].T) == 0 {
		t.Fatal("no spikes in group a: nothing to compare")
	}
	for _, workers := range []int{2, 3, 5} {
		got := run(workers)
		ws, gs := want.Spikes["a.spike"], got.Spikes["a.spike"]
		if len(ws.T) != len(gs.T) {
			t.Fatalf("%d workers: %d spikes, one worker %d", workers, len(gs.T), len(ws.T))
		}
		for k := range ws.T {
			if ws.T[k] != gs.T[k] || ws.Index[k] != gs.Index[k] {
				t.Fatalf("%d workers: spike %d is (%v ms, %d), one worker (%v, %d)", workers, k, gs.T[k], gs.Index[k], ws.T[k], ws.Index[k])
			}
		}
		for _, name := range []string{"a.V", "b.V"} {
			w, g := want.Traces[name].Values, got.Traces[name].Values
			for s := range w {
				for i := range w[s] {
					if math.Float64bits(w[s][i]) != math.Float64bits(g[s][i]) {
						t.Fatalf("%d workers: %s[%d] at step %d is %v, one worker gave %v", workers, name, i, s, g[s][i], w[s][i])
					}
				}
			}
		}
	}
}

// panicky panics in part 1 at step 5.
type panicky struct{}

func (panicky) Update(*bp.Context) {}
func (panicky) UpdatePart(ctx *bp.Context, part, _ int) {
	if part == 1 && ctx.Step == 5 {
		panic("boom")
	}
}

// TestWorkersPanicAndErrors checks that a panic on another goroutine comes
// back on the caller's, naming the part, and that bad settings are errors.
func TestWorkersPanicAndErrors(t *testing.T) {
	net := bp.NewNetwork()
	if err := net.Add("p", panicky{}); err != nil {
		t.Fatal(err)
	}
	r, err := bp.NewRunner(net, bp.RunnerSettings{Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	func() {
		defer func() {
			p := recover()
			pp, ok := p.(*bp.PartPanic)
			if !ok || pp.Part != 1 || pp.Parts != 2 || pp.Value != "boom" || !strings.Contains(pp.Error(), "part 1 of 2") {
				t.Errorf("recovered %#v, want a *bp.PartPanic of part 1 of 2 with value boom", p)
			}
		}()
		r.Run(context.Background(), 1)
		t.Error("Run did not panic")
	}()
	for _, c := range []struct {
		m       bp.Model
		workers int
		want    string
	}{{net, -1, "Workers = -1"}, {newLeaky(3, 1), 2, "needs the model to be a *bp.Network"}} {
		_, err := bp.NewRunner(c.m, bp.RunnerSettings{Workers: c.workers})
		if !errors.Is(err, bp.ErrBadRun) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("Workers %d: error %v, want ErrBadRun saying %q", c.workers, err, c.want)
		}
	}
}

// TestWorkersNaNCheckSameError runs a model whose variables overflow at
// several places, in two variables and in every part's range, on 1, 2 and
// 3 goroutines (the NaN check is then shared among the parts) and requires
// the same error: the first variable, its first Inf, the same step.
func TestWorkersNaNCheckSameError(t *testing.T) {
	var want string
	for _, workers := range []int{1, 2, 3} {
		a := &blowup{x: make([]float64, 700)}
		b := &blowup{x: make([]float64, 700)}
		for _, i := range []int{650, 90, 400} {
			b.x[i] = 1e300 // b overflows first
			a.x[i] = 1e299
		}
		b.x[20] = 5e299 // overflows a step after 90, caught by the same check
		net := bp.NewNetwork()
		if err := errors.Join(net.Add("A", a), net.Add("B", b)); err != nil {
			t.Fatal(err)
		}
		_, err := bp.Run(nil, net, 100, bp.RunnerSettings{NaNCheckEvery: 3, Workers: workers, Progress: bp.NoProgress})
		if !errors.Is(err, bp.ErrNonFinite) {
			t.Fatalf("workers %d: error %v, want ErrNonFinite", workers, err)
		}
		if workers == 1 {
			want = err.Error()
			if !strings.Contains(want, "B.x[20] = +Inf") {
				t.Fatalf("one worker: %v, want B.x[20] = +Inf first", err)
			}
		} else if err.Error() != want {
			t.Errorf("workers %d: %v, want %v", workers, err, want)
		}
	}
}

// preparer records the part counts it was asked to prepare for.
type preparer struct{ asked []int }

func (p *preparer) Update(*bp.Context)     {}
func (p *preparer) PrepareParts(parts int) { p.asked = append(p.asked, parts) }

// TestRunnerPreparesParts checks that NewRunner asks every PartPreparer of
// the tree, nested networks included, to prepare for its Workers, once,
// and none when the run is on one goroutine.
func TestRunnerPreparesParts(t *testing.T) {
	for _, workers := range []int{0, 1, 2, 3} {
		top, inner := &preparer{}, &preparer{}
		sub := bp.NewNetwork()
		net := bp.NewNetwork()
		if err := errors.Join(sub.Add("inner", inner), net.Add("top", top), net.Add("sub", sub)); err != nil {
			t.Fatal(err)
		}
		if _, err := bp.NewRunner(net, bp.RunnerSettings{Workers: workers}); err != nil {
			t.Fatal(err)
		}
		var want []int
		if workers > 1 {
			want = []int{workers}
		}
		for name, p := range map[string]*preparer{"top": top, "sub.inner": inner} {
			if !slices.Equal(p.asked, want) {
				t.Errorf("Workers %d: %s asked to prepare for %v, want %v", workers, name, p.asked, want)
			}
		}
	}
}
