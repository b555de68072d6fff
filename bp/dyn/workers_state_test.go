package dyn_test

// Tests of the state a split or fused step keeps between steps (spike
// lists, inputs), first written by an independent audit of that code.

import (
	"bytes"
	"context"
	"math"
	"testing"

	"github.com/braingo/braingo/bp"
	"github.com/braingo/braingo/bp/dyn"
	bm "github.com/braingo/braingo/bp/math"
)

// recurrentNet is a recurrent LIF group E with a CSR (or JIT) projection E→E
// added before E, so that the projection reads E's list of the previous
// step.
func recurrentNet(t *testing.T, jit bool) (*bp.Network, *dyn.LIF) {
	t.Helper()
	e, err := dyn.NewLIF(400, dyn.LIFParams{VRest: -60, VReset: -60, VTh: -50, Tau: 20, TRef: 5, V0: dyn.Between(-60, -50), Seed: 7})
	if err != nil {
		t.Fatal(err)
	}
	var comm dyn.Comm
	if jit {
		if comm, err = dyn.NewJITComm(400, 400, 0.05, bm.HomoWeight(0.05), 99); err != nil {
			t.Fatal(err)
		}
	} else {
		c, err := dyn.ConnFixedProb(400, 400, 0.05, dyn.ConnOptions{Seed: 21})
		if err != nil {
			t.Fatal(err)
		}
		c.W = 0.05
		if comm, err = dyn.NewCSRComm(c); err != nil {
			t.Fatal(err)
		}
	}
	syn, err := dyn.NewExpon(400, dyn.ExponParams{Tau: 5})
	if err != nil {
		t.Fatal(err)
	}
	proj, err := dyn.NewProjAlignPost(e, e, comm, syn, &dyn.COBA{E: 0}, dyn.DelayOptions{DT: 0.1})
	if err != nil {
		t.Fatal(err)
	}
	e.AddSource(dyn.Bias(20))
	net := bp.NewNetwork()
	if err := net.Add("p", proj); err != nil {
		t.Fatal(err)
	}
	if err := net.Add("E", e); err != nil {
		t.Fatal(err)
	}
	return net, e
}

// TestJITManyWorkers runs a JIT projection on more goroutines than
// connections keep per-part state for (16): it must not panic, and must
// give the one-goroutine spikes.
func TestJITManyWorkers(t *testing.T) {
	run := func(workers int) (res *bp.Result, p any) {
		defer func() { p = recover() }()
		net, _ := recurrentNet(t, true)
		r, err := bp.NewRunner(net, bp.RunnerSettings{DT: 0.1, Workers: workers, Monitors: []bp.Monitor{{Var: "E.spike"}}})
		if err != nil {
			t.Fatal(err)
		}
		res, err = r.Run(context.Background(), 20)
		if err != nil {
			t.Fatal(err)
		}
		return res, nil
	}
	want, _ := run(1)
	got, p := run(18)
	if p != nil {
		t.Fatalf("Workers = 18 with a JIT projection panicked: %v", p)
	}
	if len(got.Spikes["E.spike"].T) != len(want.Spikes["E.spike"].T) {
		t.Fatalf("Workers = 18: %d spikes, one worker %d", len(got.Spikes["E.spike"].T), len(want.Spikes["E.spike"].T))
	}
}

// TestHandLoopLoadNoStaleList: in a loop written by hand (Epoch 0, Step
// counting on across a bp.Load), bp.Load restores the spike flags but not
// the group's spike list, so a projection placed before the group must not
// deliver from a list (epoch 0 has none): a reused network must follow a
// freshly built one loaded with the same state (which
// reads the flags) then diverges from the reused one.
func TestHandLoopLoadNoStaleList(t *testing.T) {
	// bumpEpoch (the control) changes ctx.Epoch after Load: then both
	// networks agree, which shows the stale list is the cause.
	for _, bumpEpoch := range []bool{false, true} {
		t.Run(map[bool]string{false: "same epoch", true: "epoch bumped (control)"}[bumpEpoch], func(t *testing.T) {
			ctx := &bp.Context{DT: 0.1}
			a, ea := recurrentNet(t, false)
			for k := range 61 { // the last update (k = 60) has 12 spikes
				ctx.T, ctx.Step = float64(k)*ctx.DT, int64(k)
				a.Update(ctx)
			}
			var saved bytes.Buffer
			if err := bp.Save(&saved, a); err != nil {
				t.Fatal(err)
			}
			for k := 61; k < 141; k++ { // move on: a's list now holds other spikes (6 at k = 140)
				ctx.T, ctx.Step = float64(k)*ctx.DT, int64(k)
				a.Update(ctx)
			}
			c, ec := recurrentNet(t, false)
			for _, m := range []bp.Model{a, c} {
				if err := bp.Load(bytes.NewReader(saved.Bytes()), m); err != nil {
					t.Fatal(err)
				}
			}
			if bumpEpoch {
				ctx.Epoch++
			}
			for k := 141; k < 190; k++ {
				ctx.T, ctx.Step = float64(k)*ctx.DT, int64(k)
				a.Update(ctx)
				c.Update(ctx)
				for i := range ea.V {
					if ea.V[i] != ec.V[i] || ea.Spike[i] != ec.Spike[i] {
						t.Fatalf("step %d after Load: neuron %d V = %v (reused network) vs %v (fresh network, same state)", k-141, i, ea.V[i], ec.V[i])
					}
				}
			}
		})
	}
}

// lateWriter writes into a group's Input during its own Update, after the
// group has updated (it is added after it).
type lateWriter struct {
	g    *dyn.LIF
	step int64
}

func (w *lateWriter) Update(ctx *bp.Context) {
	if ctx.Step == w.step {
		for i := range w.g.Input {
			w.g.Input[i] += 30
		}
	}
}

// TestLateInputDroppedOnBothPaths: an input written into a group after its
// update is cleared after the step, whether the group takes its input
// fused with its update (range sources) or through Current.
func TestLateInputDroppedOnBothPaths(t *testing.T) {
	const n = 256
	bias := make([]float64, n)
	for i := range bias {
		bias[i] = 5
	}
	run := func(plain bool) []float64 {
		g, err := dyn.NewLIF(n, dyn.LIFParams{VRest: -60, VReset: -60, VTh: -50, Tau: 20, Seed: 3})
		if err != nil {
			t.Fatal(err)
		}
		addBias(g, bias, plain)
		net := bp.NewNetwork()
		if err := net.Add("g", g); err != nil {
			t.Fatal(err)
		}
		if err := net.Add("late", &lateWriter{g: g, step: 10}); err != nil {
			t.Fatal(err)
		}
		r, err := bp.NewRunner(net, bp.RunnerSettings{DT: 0.1})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := r.Run(context.Background(), 3); err != nil {
			t.Fatal(err)
		}
		return append([]float64(nil), g.V...)
	}
	fused, general := run(false), run(true)
	for i := range fused {
		if fused[i] != general[i] {
			t.Fatalf("V[%d] = %v with a range source, %v with a plain one: the late input counted on one path only", i, fused[i], general[i])
		}
	}
}

// TestHandLoopKeepsInput: a LIF stepped by hand without ClearInputs keeps
// its Input on the fused path (a range source such as Bias) as on the
// general one: the update reads Input and does not change it.
func TestHandLoopKeepsInput(t *testing.T) {
	run := func(plain bool) float64 {
		g, err := dyn.NewLIF(64, dyn.LIFParams{VRest: -60, VReset: -60, VTh: -50, Tau: 20, Seed: 3})
		if err != nil {
			t.Fatal(err)
		}
		if plain {
			g.AddSource(plainSource{make([]float64, 64)})
		} else {
			g.AddSource(dyn.Bias(0))
		}
		for i := range g.Input {
			g.Input[i] = 5
		}
		ctx := &bp.Context{DT: 0.1}
		for k := range 20 {
			ctx.T, ctx.Step = float64(k)*0.1, int64(k)
			g.Update(ctx)
		}
		return g.V[0]
	}
	if f, p := run(false), run(true); f != p {
		t.Fatalf("V after 20 steps: %v with Bias(0) (fused), %v with a plain zero source", f, p)
	}
}

// TestClearInputsAfterWorkers: after a Run with Workers > 1, bp.ClearInputs
// still clears a fused LIF's Input.
func TestClearInputsAfterWorkers(t *testing.T) {
	net, e := recurrentNet(t, false)
	r, err := bp.NewRunner(net, bp.RunnerSettings{DT: 0.1, Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.Run(context.Background(), 1); err != nil {
		t.Fatal(err)
	}
	e.Input[0] = 7
	bp.ClearInputs(net)
	if e.Input[0] != 0 {
		t.Fatalf("Input[0] = %v after bp.ClearInputs, want 0", e.Input[0])
	}
}

// TestWorkersMixedNetwork: LIF and TraubHH groups, CSR and JIT projections in
// mixed order, a group whose noise is switched on between runs, Save/Load
// between runs: Workers 1, 2, 3, 5 must give the same spikes and V.
func TestWorkersMixedNetwork(t *testing.T) {
	type out struct {
		spikes map[string][2][]float64
		v      []float64
	}
	run := func(workers int) out {
		lp := dyn.LIFParams{VRest: -60, VReset: -60, VTh: -50, Tau: 20, TRef: 5, V0: dyn.Between(-60, -50), Seed: 7}
		e, _ := dyn.NewLIF(700, lp)
		lp.Seed = 9
		e2, _ := dyn.NewLIF(200, lp)
		h, err := dyn.NewTraubHH(300, dyn.TraubHHParams{Seed: 5})
		if err != nil {
			t.Fatal(err)
		}
		e.AddSource(dyn.Bias(20))
		e2.AddSource(dyn.Bias(20))
		h.AddSource(dyn.Bias(400))
		net := bp.NewNetwork()
		add := func(name string, m bp.Model) {
			if err := net.Add(name, m); err != nil {
				t.Fatal(err)
			}
		}
		proj := func(name string, pre, post dyn.Neurons, w, e float64, jit bool) {
			var comm dyn.Comm
			var err error
			if jit {
				comm, err = dyn.NewJITComm(pre.Size(), post.Size(), 0.05, bm.UniformWeight(0, w), 11)
			} else {
				c, err2 := dyn.ConnFixedProb(pre.Size(), post.Size(), 0.05, dyn.ConnOptions{Seed: uint64(len(name)) + 30})
				if err2 != nil {
					t.Fatal(err2)
				}
				c.W = w
				comm, err = dyn.NewCSRComm(c)
			}
			if err != nil {
				t.Fatal(err)
			}
			syn, _ := dyn.NewExpon(post.Size(), dyn.ExponParams{Tau: 5})
			p, err := dyn.NewProjAlignPost(pre, post, comm, syn, &dyn.COBA{E: e}, dyn.DelayOptions{DT: 0.1})
			if err != nil {
				t.Fatal(err)
			}
			add(name, p)
		}
		proj("eh", e, h, 3, 0, false)
		add("E", e)
		proj("he", h, e, 0.1, -80, false)
		proj("ee", e, e, 0.05, 0, true)
		add("H", h)
		proj("e2e", e2, e, 0.05, 0, false)
		add("E2", e2)
		proj("ee2", e, e2, 0.05, 0, false)
		r, err := bp.NewRunner(net, bp.RunnerSettings{DT: 0.1, Workers: workers,
			Monitors: []bp.Monitor{{Var: "E.spike"}, {Var: "H.spike"}, {Var: "E2.spike"}}})
		if err != nil {
			t.Fatal(err)
		}
		o := out{spikes: map[string][2][]float64{}}
		collect := func(res *bp.Result) {
			for name, s := range res.Spikes {
				x := o.spikes[name]
				x[0] = append(x[0], s.T...)
				for _, i := range s.Index {
					x[1] = append(x[1], float64(i))
				}
				o.spikes[name] = x
			}
		}
		for k := range 3 {
			res, err := r.Run(context.Background(), 40)
			if err != nil {
				t.Fatal(err)
			}
			collect(res)
			var buf bytes.Buffer
			if err := bp.Save(&buf, net); err != nil {
				t.Fatal(err)
			}
			if err := bp.Load(&buf, net); err != nil {
				t.Fatal(err)
			}
			if k == 0 {
				e2.Noise = 0.5
			}
		}
		o.v = append(append(append([]float64(nil), e.V...), h.V...), e2.V...)
		return o
	}
	want := run(1)
	var hv uint64
	for i, x := range want.v {
		hv = hv*31 + math.Float64bits(x) + uint64(i)
	}
	t.Logf("V hash %x", hv)
	for name, s := range want.spikes {
		t.Logf("%s: %d spikes", name, len(s[0]))
	}
	for _, w := range []int{2, 3, 5} {
		got := run(w)
		for name, s := range want.spikes {
			g := got.spikes[name]
			if len(g[0]) != len(s[0]) {
				t.Fatalf("workers %d: %s %d spikes, one worker %d", w, name, len(g[0]), len(s[0]))
			}
			for k := range s[0] {
				if g[0][k] != s[0][k] || g[1][k] != s[1][k] {
					t.Fatalf("workers %d: %s spike %d differs", w, name, k)
				}
			}
		}
		for i := range want.v {
			if math.Float64bits(want.v[i]) != math.Float64bits(got.v[i]) {
				t.Fatalf("workers %d: V[%d] = %v, one worker %v", w, i, got.v[i], want.v[i])
			}
		}
	}
}
