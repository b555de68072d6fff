package dyn_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/braingo/braingo/bp"
	"github.com/braingo/braingo/bp/dyn"
)

// cobaNet is the E/I network of numbers.md 3.10 (BrainPy's COBA example,
// after Vogels & Abbott 2005): 3200 E + 800 I LIF neurons with a 5-ms
// refractory period, all-pairs connection probability 0.02, exponential
// conductances (τ 5 ms excitatory, 10 ms inhibitory) with COBA outputs
// (g .6 and 6.7, E 0 and −80 mV), and a bias current of 20.
type cobaNet struct {
	net  *bp.Network
	E, I *dyn.LIF
}

func newCOBANet(seed uint64) (*cobaNet, error) {
	lif := dyn.LIFParams{VRest: -60, VReset: -60, VTh: -50, Tau: 20, TRef: 5, V0: dyn.Between(-60, -50)}
	lif.Seed = seed
	e, err := dyn.NewLIF(3200, lif)
	if err != nil {
		return nil, err
	}
	lif.Seed = seed + 1
	i, err := dyn.NewLIF(800, lif)
	if err != nil {
		return nil, err
	}
	net := bp.NewNetwork()
	// Projections first: they read the spikes of the previous step.
	for k, p := range []struct {
		name      string
		pre, post *dyn.LIF
		tau, g, E float64
	}{
		{"E2E", e, e, 5, 0.6, 0}, {"E2I", e, i, 5, 0.6, 0},
		{"I2E", i, e, 10, 6.7, -80}, {"I2I", i, i, 10, 6.7, -80},
	} {
		c, err := dyn.ConnFixedProb(p.pre.Size(), p.post.Size(), 0.02, dyn.ConnOptions{Seed: seed*4 + uint64(k) + 100})
		if err != nil {
			return nil, err
		}
		c.W = p.g
		comm, err := dyn.NewCSRComm(c)
		if err != nil {
			return nil, err
		}
		syn, err := dyn.NewExpon(p.post.Size(), dyn.ExponParams{Tau: p.tau})
		if err != nil {
			return nil, err
		}
		proj, err := dyn.NewProjAlignPost(p.pre, p.post, comm, syn, &dyn.COBA{E: p.E}, dyn.DelayOptions{})
		if err != nil {
			return nil, err
		}
		if err := net.Add(p.name, proj); err != nil {
			return nil, err
		}
	}
	if err := net.Add("E", e); err != nil {
		return nil, err
	}
	if err := net.Add("I", i); err != nil {
		return nil, err
	}
	return &cobaNet{net: net, E: e, I: i}, nil
}

// step adds the bias current and advances the network by one step.
func (c *cobaNet) step(ctx *bp.Context) {
	for _, g := range []*dyn.LIF{c.E, c.I} {
		for k := range g.Input {
			g.Input[k] += 20
		}
	}
	c.net.Update(ctx)
}

// run simulates 1 s and returns the E and I rates (Hz) over 200–1000 ms
// and every spike as step·4000 + neuron.
func (c *cobaNet) run() (rateE, rateI float64, spikes []int) {
	const dt, steps, from = 0.1, 10000, 2000
	ctx := &bp.Context{DT: dt}
	nE, nI := 0, 0
	for k := range steps {
		ctx.T, ctx.Step = float64(k)*dt, int64(k)
		c.step(ctx)
		for j, s := range c.E.Spike {
			if s {
				spikes = append(spikes, k*4000+j)
				if k >= from {
					nE++
				}
			}
		}
		for j, s := range c.I.Spike {
			if s {
				spikes = append(spikes, k*4000+3200+j)
				if k >= from {
					nI++
				}
			}
		}
	}
	secs := float64(steps-from) * dt / 1000
	return float64(nE) / 3200 / secs, float64(nI) / 800 / secs, spikes
}

func TestCOBANetwork(t *testing.T) {
	if testing.Short() {
		t.Skip("1 s of a 4000-neuron network, twice")
	}
	var first []int
	for run := range 2 {
		c, err := newCOBANet(42)
		if err != nil {
			t.Fatal(err)
		}
		rE, rI, spikes := c.run()
		t.Logf("run %d: E %.1f Hz, I %.1f Hz, %d spikes", run, rE, rI, len(spikes))
		// numbers.md 3.10: 15–30 Hz, well below the uncoupled 53 Hz.
		for name, r := range map[string]float64{"E": rE, "I": rI} {
			if r < 15 || r > 30 {
				t.Errorf("%s rate %.1f Hz, want 15–30 Hz (uncoupled: 53 Hz)", name, r)
			}
		}
		if run == 0 {
			first = spikes
			continue
		}
		if len(spikes) != len(first) {
			t.Fatalf("same seed, %d spikes then %d", len(first), len(spikes))
		}
		for k := range spikes {
			if spikes[k] != first[k] {
				t.Fatalf("same seed, spike %d differs", k)
			}
		}
	}
}

// TestCOBANetworkStepAllocatesNothing checks the design constraint of the
// hot path on the whole E/I network: once built, a step (projections with
// CSR event-driven layers, exponential synapses, COBA outputs, LIF groups)
// allocates nothing.
func TestCOBANetworkStepAllocatesNothing(t *testing.T) {
	c, err := newCOBANet(3)
	if err != nil {
		t.Fatal(err)
	}
	ctx := &bp.Context{DT: 0.1}
	for range 300 { // past the first spikes, so the event paths run
		c.step(ctx)
		ctx.Step++
		ctx.T += ctx.DT
	}
	if allocs := testing.AllocsPerRun(20, func() { c.step(ctx) }); allocs != 0 {
		t.Errorf("a network step allocates %v times, want 0", allocs)
	}
}

func BenchmarkCOBANetworkStep(b *testing.B) {
	c, err := newCOBANet(1)
	if err != nil {
		b.Fatal(err)
	}
	ctx := &bp.Context{DT: 0.1}
	// Settle into the asynchronous state before timing.
	for k := range 2000 {
		ctx.T = float64(k) * 0.1
		c.step(ctx)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for k := 0; b.Loop(); k++ {
		ctx.T = float64(2000+k) * 0.1
		c.step(ctx)
	}
}

// Example_eiNetwork runs the E/I COBA network with the Runner: a bias
// current as a constant input and spike monitors on both groups.
func Example_eiNetwork() {
	c, err := newCOBANet(7)
	if err != nil {
		fmt.Println(err)
		return
	}
	res, err := bp.Run(context.Background(), c.net, 300, bp.RunnerSettings{
		DT:       0.1,
		Progress: bp.NoProgress,
		Inputs:   []bp.Input{bp.ConstInput("E", 20), bp.ConstInput("I", 20)},
		Monitors: []bp.Monitor{bp.MonitorSpikes("E"), bp.MonitorSpikes("I")},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, g := range []string{"E", "I"} {
		n := 0
		train := res.Spikes[g+".spike"]
		for _, t := range train.T {
			if t >= 100 {
				n++
			}
		}
		rate := float64(n) / float64(train.Size) / 0.2
		fmt.Printf("%s fires between 10 and 40 Hz: %v\n", g, rate > 10 && rate < 40)
	}
	// Output:
	// E fires between 10 and 40 Hz: true
	// I fires between 10 and 40 Hz: true
}

// Example_projection connects a spike source to two LIF neurons through an
// exponential conductance with a 0.5-ms delay. The source is added before
// the projection, so the projection sees its spike (at 1 ms) in the same
// step; the conductance jumps 0.5 ms later and decays with τ = 5 ms (times
// printed are at the end of each step).
func Example_projection() {
	pre, _ := dyn.NewSpikeTimeGroup(1, []float64{1}, []int{0})
	post, _ := dyn.NewLIF(2, dyn.LIFParams{VRest: -60, VReset: -60, VTh: -50, Tau: 20})
	conn, _ := dyn.ConnAllToAll(1, 2, false)
	conn.W = 0.5 // the conductance each spike adds
	comm, _ := dyn.NewCSRComm(conn)
	syn, _ := dyn.NewExpon(2, dyn.ExponParams{Tau: 5})
	proj, err := dyn.NewProjAlignPost(pre, post, comm, syn, &dyn.COBA{E: 0}, dyn.DelayOptions{Delay: 0.5})
	if err != nil {
		fmt.Println(err)
		return
	}
	net := bp.NewNetwork()
	for _, c := range []struct {
		name string
		m    bp.Model
	}{{"pre", pre}, {"proj", proj}, {"post", post}} {
		if err := net.Add(c.name, c.m); err != nil {
			fmt.Println(err)
			return
		}
	}
	res, err := bp.Run(context.Background(), net, 12, bp.RunnerSettings{
		Progress: bp.NoProgress,
		Monitors: bp.Monitors("proj.g", "post.V"),
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	g, v := res.Traces["proj.g"].Series(0), res.Traces["post.V"].Series(0)
	for _, k := range []int{14, 15, 65, 115} {
		fmt.Printf("t = %4.1f ms: g = %.4f, V = %.3f mV\n", float64(k+1)*0.1, g[k], v[k])
	}
	// Output:
	// t =  1.5 ms: g = 0.0000, V = -60.000 mV
	// t =  1.6 ms: g = 0.5000, V = -59.850 mV
	// t =  6.6 ms: g = 0.1839, V = -55.970 mV
	// t = 11.6 ms: g = 0.0677, V = -55.474 mV
}
