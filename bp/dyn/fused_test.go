package dyn_test

import (
	"context"
	"fmt"
	"math"
	"testing"

	"github.com/braingo/braingo/bp"
	"github.com/braingo/braingo/bp/dyn"
	bm "github.com/braingo/braingo/bp/math"
)

// plainSource is a current source without AddCurrentRange: a group with one
// takes the unblocked path.
type plainSource struct{ g []float64 }

func (p plainSource) AddCurrent(dst, _ []float64) {
	for i := range dst {
		dst[i] += p.g[i]
	}
}

// hiddenExpon is an Expon seen only through the Synapse interface, so that
// a projection steps it the general way (increments, then Step).
type hiddenExpon struct{ s *dyn.Expon }

func (h hiddenExpon) Vars() []bp.Var                    { return h.s.Vars() }
func (h hiddenExpon) Reset(seed uint64)                 { h.s.Reset(seed) }
func (h hiddenExpon) Size() int                         { return h.s.Size() }
func (h hiddenExpon) Step(ctx *bp.Context, x []float64) { h.s.Step(ctx, x) }
func (h hiddenExpon) Out() []float64                    { return h.s.Out() }

// addBias adds bias to g's input as a current source: a plainSource (g
// then takes the general path) or, with plain false, a CUBA output bound
// to it (a range source: the block path).
func addBias(g *dyn.LIF, bias []float64, plain bool) {
	if plain {
		g.AddSource(plainSource{bias})
	} else {
		g.AddSource(&dyn.CUBA{G: bias})
	}
}

// exponProj connects pre to post through a fixed-probability CSR
// connection (probability prob, one weight w, seed) into an Expon synapse
// of time constant tau and the output out; hidden routes the synapse
// through hiddenExpon. It returns the projection and the synapse.
func exponProj(t *testing.T, pre bp.Spiker, post dyn.Neurons, prob, w, tau float64, seed uint64, out dyn.Output, hidden bool) (*dyn.ProjAlignPost, *dyn.Expon) {
	t.Helper()
	c, err := dyn.ConnFixedProb(len(pre.Spikes()), post.Size(), prob, dyn.ConnOptions{Seed: seed})
	if err != nil {
		t.Fatal(err)
	}
	c.W = w
	comm, err := dyn.NewCSRComm(c)
	if err != nil {
		t.Fatal(err)
	}
	e, err := dyn.NewExpon(post.Size(), dyn.ExponParams{Tau: tau})
	if err != nil {
		t.Fatal(err)
	}
	var syn dyn.Synapse = e
	if hidden {
		syn = hiddenExpon{e}
	}
	proj, err := dyn.NewProjAlignPost(pre, post, comm, syn, out, dyn.DelayOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return proj, e
}

// fusedNet is a recurrent LIF group (a size that is not a multiple of the
// block) with excitatory COBA and inhibitory CUBA projections. hidden
// routes the synapses through hiddenExpon; plain adds a plainSource.
func fusedNet(t *testing.T, hidden, plain bool) (*bp.Network, *dyn.LIF) {
	t.Helper()
	const n = 1301
	g, err := dyn.NewLIF(n, dyn.LIFParams{VRest: -60, VReset: -60, VTh: -50, Tau: 20, TRef: 5, V0: dyn.Between(-60, -50), Seed: 4})
	if err != nil {
		t.Fatal(err)
	}
	net := bp.NewNetwork()
	for k, p := range []struct {
		w, tau float64
		out    dyn.Output
	}{{0.6, 5, &dyn.COBA{E: 0}}, {-2, 10, &dyn.CUBA{}}} {
		proj, _ := exponProj(t, g, g, 0.05, p.w, p.tau, uint64(10+k), p.out, hidden)
		if err := net.Add(string(rune('a'+k)), proj); err != nil {
			t.Fatal(err)
		}
	}
	bias := make([]float64, n)
	for i := range bias {
		bias[i] = 20
	}
	addBias(g, bias, plain)
	if err := net.Add("g", g); err != nil {
		t.Fatal(err)
	}
	return net, g
}

// TestLIFBlockedInputMatches checks that a LIF group whose sources all add
// over ranges (input computed block by block, fused with the update) and
// projections that add spikes straight into an Expon state follow the
// general path (whole-array input, increments then Step): the same spikes
// for 300 ms, and V equal to rounding.
func TestLIFBlockedInputMatches(t *testing.T) {
	fast, gFast := fusedNet(t, false, false)
	slow, gSlow := fusedNet(t, true, true)
	ctx := &bp.Context{DT: 0.1}
	spikes := 0
	for k := range 3000 {
		ctx.Step, ctx.T = int64(k), float64(k)*0.1
		fast.Update(ctx)
		slow.Update(ctx)
		for i, s := range gFast.Spike {
			if s != gSlow.Spike[i] {
				t.Fatalf("step %d: neuron %d spikes %v on the fused path, %v on the general one", k, i, s, gSlow.Spike[i])
			}
			if s {
				spikes++
			}
		}
	}
	for i, v := range gFast.V {
		if math.Abs(v-gSlow.V[i]) > 1e-9 {
			t.Errorf("V[%d] = %.15g fused, %.15g general", i, v, gSlow.V[i])
		}
	}
	if spikes < 1000 {
		t.Errorf("only %d spikes: the test needs an active network", spikes)
	}
}

// TestOutputsAddCurrentRange checks that adding a range of an output's
// current equals the matching part of the whole.
func TestOutputsAddCurrentRange(t *testing.T) {
	g := []float64{1, 2, 3, 4, 5, 6, 7}
	v := []float64{-70, -65, -60, -55, -50, -45, -40}
	for _, out := range []dyn.Output{&dyn.COBA{E: -80}, &dyn.CUBA{}, &dyn.MgBlock{}} {
		out.Bind(g)
		whole := make([]float64, len(g))
		out.AddCurrent(whole, v)
		r, ok := out.(dyn.RangeCurrentSource)
		if !ok {
			t.Fatalf("%T is not a RangeCurrentSource", out)
		}
		part := make([]float64, 3)
		r.AddCurrentRange(part, v[2:5], 2)
		for i := range part {
			if part[i] != whole[2+i] {
				t.Errorf("%T: range element %d = %v, whole %v", out, i, part[i], whole[2+i])
			}
		}
	}
}

// TestWorkersSameSpikes runs a network that mixes what splits among
// goroutines (a noise-free LIF group with range sources, undelayed CSR
// projections into it) with what does not (a noisy group, a delayed
// projection, a JIT projection) on 1, 2 and 3 workers and requires the
// same spikes, neuron for neuron and step for step.
func TestWorkersSameSpikes(t *testing.T) {
	for _, groupsFirst := range []bool{false, true} {
		t.Run(fmt.Sprintf("groupsFirst=%v", groupsFirst), func(t *testing.T) { workersSameSpikes(t, groupsFirst) })
	}
}

// workersSameSpikes is TestWorkersSameSpikes with the projections added
// before the groups (the usual order) or after them (then each projection
// delivers the spikes of the same step).
func workersSameSpikes(t *testing.T, groupsFirst bool) {
	build := func() *bp.Network {
		lif := dyn.LIFParams{VRest: -60, VReset: -60, VTh: -50, Tau: 20, TRef: 5, V0: dyn.Between(-60, -50), Seed: 7}
		e, err := dyn.NewLIF(1600, lif)
		if err != nil {
			t.Fatal(err)
		}
		lif.Seed, lif.Noise = 8, 1
		i, err := dyn.NewLIF(400, lif)
		if err != nil {
			t.Fatal(err)
		}
		net := bp.NewNetwork()
		groups := []struct {
			name string
			g    *dyn.LIF
		}{{"E", e}, {"I", i}}
		if groupsFirst {
			for _, c := range groups {
				if err := net.Add(c.name, c.g); err != nil {
					t.Fatal(err)
				}
			}
		}
		for k, p := range []struct {
			pre, post *dyn.LIF
			w, tau    float64
			out       dyn.Output
			delay     float64
			jit       bool
		}{
			{e, e, 0.6, 5, &dyn.COBA{E: 0}, 0, false},
			{e, e, 0.2, 5, &dyn.COBA{E: 0}, 0, true},
			{e, i, 0.6, 5, &dyn.COBA{E: 0}, 1.5, false},
			{i, e, 6.7, 10, &dyn.COBA{E: -80}, 0, false},
			{i, i, -3, 10, &dyn.CUBA{}, 0, false},
		} {
			var comm dyn.Comm
			if p.jit {
				if comm, err = dyn.NewJITComm(p.pre.Size(), p.post.Size(), 0.02, bm.HomoWeight(p.w), 99); err != nil {
					t.Fatal(err)
				}
			} else {
				c, err := dyn.ConnFixedProb(p.pre.Size(), p.post.Size(), 0.04, dyn.ConnOptions{Seed: uint64(20 + k)})
				if err != nil {
					t.Fatal(err)
				}
				c.W = p.w
				if comm, err = dyn.NewCSRComm(c); err != nil {
					t.Fatal(err)
				}
			}
			syn, err := dyn.NewExpon(p.post.Size(), dyn.ExponParams{Tau: p.tau})
			if err != nil {
				t.Fatal(err)
			}
			proj, err := dyn.NewProjAlignPost(p.pre, p.post, comm, syn, p.out, dyn.DelayOptions{Delay: p.delay, DT: 0.1})
			if err != nil {
				t.Fatal(err)
			}
			if err := net.Add(string(rune('a'+k)), proj); err != nil {
				t.Fatal(err)
			}
		}
		e.AddSource(dyn.Bias(20))
		i.AddSource(dyn.Bias(20))
		if !groupsFirst {
			for _, c := range groups {
				if err := net.Add(c.name, c.g); err != nil {
					t.Fatal(err)
				}
			}
		}
		return net
	}
	run := func(workers int) *bp.Result {
		r, err := bp.NewRunner(build(), bp.RunnerSettings{DT: 0.1, Workers: workers,
			Monitors: []bp.Monitor{{Var: "E.spike"}, {Var: "I.spike"}}})
		if err != nil {
			t.Fatal(err)
		}
		// Two runs: the second starts a new epoch, and the projections
		// must rebuild what they derived from the previous step.
		res, err := r.Run(context.Background(), 150)
		if err != nil {
			t.Fatal(err)
		}
		more, err := r.Run(context.Background(), 50)
		if err != nil {
			t.Fatal(err)
		}
		for name, s := range more.Spikes {
			res.Spikes[name].T = append(res.Spikes[name].T, s.T...)
			res.Spikes[name].Index = append(res.Spikes[name].Index, s.Index...)
		}
		return res
	}
	want := run(1)
	for _, name := range []string{"E.spike", "I.spike"} {
		if n := len(want.Spikes[name].T); n < 200 {
			t.Fatalf("%s: only %d spikes in 200 ms; the test needs an active network", name, n)
		}
	}
	for _, workers := range []int{2, 3} {
		got := run(workers)
		for _, name := range []string{"E.spike", "I.spike"} {
			w, g := want.Spikes[name], got.Spikes[name]
			if len(w.T) != len(g.T) {
				t.Fatalf("%d workers: %s has %d spikes, one worker %d", workers, name, len(g.T), len(w.T))
			}
			for k := range w.T {
				if w.T[k] != g.T[k] || w.Index[k] != g.Index[k] {
					t.Fatalf("%d workers: %s spike %d is (%v ms, %d), one worker (%v, %d)", workers, name, k, g.T[k], g.Index[k], w.T[k], w.Index[k])
				}
			}
		}
	}
}

// TestFusedInputTaken drives the fused LIF path (range sources) and the
// general one (a plain source) with a per-neuron external input through
// the runner, on one and two goroutines, and requires the same V at every
// step, and Input zero after each step on every path.
func TestFusedInputTaken(t *testing.T) {
	const n = 1000
	drive := make([]float64, n)
	for i := range drive {
		drive[i] = float64(i%50) / 5 // 0 … 9.8 mV on top of the bias
	}
	bias := make([]float64, n)
	for i := range bias {
		bias[i] = 15
	}
	run := func(plain bool, workers int) [][]float64 {
		g, err := dyn.NewLIF(n, dyn.LIFParams{VRest: -60, VReset: -60, VTh: -50, Tau: 20, TRef: 2, Seed: 3})
		if err != nil {
			t.Fatal(err)
		}
		addBias(g, bias, plain)
		net := bp.NewNetwork()
		if err := net.Add("g", g); err != nil {
			t.Fatal(err)
		}
		r, err := bp.NewRunner(net, bp.RunnerSettings{DT: 0.1, Workers: workers,
			Inputs:   []bp.Input{bp.ConstInputs("g.Input", drive)},
			Monitors: []bp.Monitor{{Var: "g.V"}, {Var: "g.Input"}}})
		if err != nil {
			t.Fatal(err)
		}
		res, err := r.Run(context.Background(), 100)
		if err != nil {
			t.Fatal(err)
		}
		for s, row := range res.Traces["g.Input"].Values {
			for i, x := range row {
				if x != 0 {
					t.Fatalf("plain=%v workers=%d: Input[%d] = %v after step %d, want 0", plain, workers, i, x, s)
				}
			}
		}
		return res.Traces["g.V"].Values
	}
	want := run(true, 1)
	spiking := 0
	for i := range n {
		if want[len(want)-1][i] < want[len(want)-2][i] {
			spiking++
		}
	}
	for _, c := range []struct {
		plain   bool
		workers int
	}{{false, 1}, {false, 2}, {true, 2}} {
		got := run(c.plain, c.workers)
		for s := range want {
			for i := range want[s] {
				if math.Float64bits(got[s][i]) != math.Float64bits(want[s][i]) {
					t.Fatalf("plain=%v workers=%d: V[%d] at step %d = %v, general path %v", c.plain, c.workers, i, s, got[s][i], want[s][i])
				}
			}
		}
	}
	if spiking == 0 {
		t.Error("no neuron was reset in the last step: the drive is too weak to test anything")
	}
}
