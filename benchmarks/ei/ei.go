package ei

import (
	"context"
	"fmt"
	"math/bits"
	"strings"

	"github.com/braingo/braingo/bp"
	"github.com/braingo/braingo/bp/dyn"
	bm "github.com/braingo/braingo/bp/math"
)

// DT is the step of every benchmark (ms).
const DT = 0.1

// Models lists the model names Build accepts.
var Models = []string{"coba", "cuba", "cobahh", "coba-jit"}

// Config chooses a benchmark network.
type Config struct {
	Model string // one of Models
	N     int    // number of neurons (at least 5: 4/5 excitatory)
	Seed  uint64 // seed of initial values and connectivity; 0 is 1
	// Workers is how many goroutines share each step (bp.RunnerSettings);
	// the spikes do not depend on it.
	Workers int
}

// Net is a built benchmark network.
type Net struct {
	Config
	Net      *bp.Network
	E, I     dyn.Neurons // excitatory and inhibitory groups
	Synapses int64       // number of synapses (for coba-jit the expected number p·N²)
	// Counters count the spikes of E and I (Brian2's SpikeMonitor with
	// record=False) and keep a digest of every (step, neuron) spike.
	Counters [2]*dyn.SpikeCounter
	runner   *bp.Runner // made by Build, after the network: Run continues in time
}

// kind holds what distinguishes the models.
type kind struct {
	hh     bool    // TraubHH neurons (else LIF)
	jit    bool    // just-in-time connectivity
	we, wi float64 // weights of excitatory and inhibitory synapses
	output func(e float64) dyn.Output
	ee, ei float64 // reversal potentials (COBA)
}

func coba(e float64) dyn.Output { return &dyn.COBA{E: e} }
func cuba(float64) dyn.Output   { return &dyn.CUBA{} }

func kindOf(model string) (kind, error) {
	switch strings.ToLower(model) {
	case "coba":
		return kind{we: 0.6, wi: 6.7, output: coba, ee: 0, ei: -80}, nil
	case "coba-jit":
		return kind{jit: true, we: 0.6, wi: 6.7, output: coba, ee: 0, ei: -80}, nil
	case "cuba":
		return kind{we: 1.62, wi: -9, output: cuba}, nil
	case "cobahh":
		return kind{hh: true, we: 6, wi: 67, output: coba, ee: 0, ei: -80}, nil
	}
	return kind{}, fmt.Errorf("ei: unknown model %q (known: %s)", model, strings.Join(Models, ", "))
}

// Build constructs the network of cfg and the bp.Runner that Run uses.
func Build(cfg Config) (*Net, error) {
	k, err := kindOf(cfg.Model)
	if err != nil {
		return nil, err
	}
	if cfg.N < 5 {
		return nil, fmt.Errorf("ei: N = %d neurons, need at least 5", cfg.N)
	}
	if cfg.Seed == 0 {
		cfg.Seed = 1
	}
	nE := cfg.N * 4 / 5
	nI := cfg.N - nE
	prob := min(80/float64(cfg.N), 1)
	var e, i dyn.Neurons
	if k.hh {
		e, i, err = traubGroups(nE, nI, cfg.Seed)
	} else {
		e, i, err = lifGroups(nE, nI, cfg.Seed)
	}
	if err != nil {
		return nil, err
	}
	net := bp.NewNetwork()
	b := &Net{Config: cfg, Net: net, E: e, I: i}
	// Projections first: they deliver the spikes of the previous step.
	syns := map[string]*dyn.Expon{}
	for c, p := range []struct {
		name      string
		pre, post dyn.Neurons
		w, tau, e float64
	}{
		{"E2E", e, e, k.we, 5, k.ee}, {"E2I", e, i, k.we, 5, k.ee},
		{"I2E", i, e, k.wi, 10, k.ei}, {"I2I", i, i, k.wi, 10, k.ei},
	} {
		seed := cfg.Seed*16 + uint64(c) + 1
		var comm dyn.Comm
		if k.jit {
			jc, err := dyn.NewJITComm(p.pre.Size(), p.post.Size(), prob, bm.HomoWeight(p.w), seed)
			if err != nil {
				return nil, err
			}
			comm = jc
			b.Synapses += int64(prob*float64(p.pre.Size())*float64(p.post.Size()) + 0.5)
		} else {
			csr, err := dyn.ConnFixedProb(p.pre.Size(), p.post.Size(), prob, dyn.ConnOptions{Seed: seed})
			if err != nil {
				return nil, err
			}
			csr.W = p.w
			cc, err := dyn.NewCSRComm(csr)
			if err != nil {
				return nil, err
			}
			comm = cc
			b.Synapses += int64(csr.NNZ())
		}
		syn, err := dyn.NewExpon(p.post.Size(), dyn.ExponParams{Tau: p.tau})
		if err != nil {
			return nil, err
		}
		syns[p.name] = syn
		proj, err := dyn.NewProjAlignPost(p.pre, p.post, comm, syn, k.output(p.e), dyn.DelayOptions{})
		if err != nil {
			return nil, err
		}
		if err := net.Add(p.name, proj); err != nil {
			return nil, err
		}
	}
	if k.hh {
		// Brian2's initial conductances: g_e ~ N(40, 15) nS, g_i ~ N(200, 120) nS.
		rng := bm.NewRNG(cfg.Seed*16 + 9)
		for _, s := range []struct {
			g         []float64
			mean, std float64
		}{{syns["E2E"].G, 40, 15}, {syns["E2I"].G, 40, 15}, {syns["I2E"].G, 200, 120}, {syns["I2I"].G, 200, 120}} {
			for j := range s.g {
				s.g[j] = rng.Normal(s.mean, s.std)
			}
		}
	} else {
		e.AddSource(dyn.Bias(20))
		i.AddSource(dyn.Bias(20))
	}
	if err := net.Add("E", e); err != nil {
		return nil, err
	}
	if err := net.Add("I", i); err != nil {
		return nil, err
	}
	for k, g := range []dyn.Neurons{e, i} {
		b.Counters[k] = dyn.NewSpikeCounter(g)
		if err := net.Add([]string{"countE", "countI"}[k], b.Counters[k]); err != nil {
			return nil, err
		}
	}
	// The runner is part of the set-up, as in Brian2 (where code
	// generation and compilation are not timed): with several workers it
	// has the connections index their rows by parts (bp.PartPreparer).
	b.runner, err = bp.NewRunner(net, bp.RunnerSettings{DT: DT, Progress: bp.NoProgress, Workers: cfg.Workers})
	if err != nil {
		return nil, err
	}
	return b, nil
}

// lifGroups returns the E and I groups of the LIF models.
func lifGroups(nE, nI int, seed uint64) (e, i *dyn.LIF, err error) {
	p := dyn.LIFParams{VRest: -60, VReset: -60, VTh: -50, Tau: 20, TRef: 5, V0: dyn.Between(-60, -50), Seed: seed*16 + 5}
	if e, err = dyn.NewLIF(nE, p); err != nil {
		return nil, nil, err
	}
	p.Seed++
	if i, err = dyn.NewLIF(nI, p); err != nil {
		return nil, nil, err
	}
	return e, i, nil
}

// traubGroups returns the E and I groups of COBAHH, with V drawn from
// N(−65, 5) mV as in the Brian2 script (gates start at 0).
func traubGroups(nE, nI int, seed uint64) (e, i *dyn.TraubHH, err error) {
	if e, err = dyn.NewTraubHH(nE, dyn.TraubHHParams{Seed: seed*16 + 5}); err != nil {
		return nil, nil, err
	}
	if i, err = dyn.NewTraubHH(nI, dyn.TraubHHParams{Seed: seed*16 + 6}); err != nil {
		return nil, nil, err
	}
	rng := bm.NewRNG(seed*16 + 7)
	for _, g := range []*dyn.TraubHH{e, i} {
		for j := range g.V {
			g.V[j] = rng.Normal(-65, 5)
		}
	}
	return e, i, nil
}

// Step advances the network by one step of DT (what the runner does in
// its loop, without its checks): the unit the step benchmark times.
func (b *Net) Step(ctx *bp.Context) { b.Net.Update(ctx) }

// Result is the outcome of a simulation.
type Result struct {
	Spikes int64   // spikes of all neurons during the run
	RateHz float64 // mean firing rate over all neurons
	Steps  int64
	Hash   uint64 // hash of every (step, neuron) spike since the network was built
}

// Run simulates duration ms more with the network's bp.Runner (NaN checks
// at the default interval, no monitors beyond the spike count; successive
// calls continue in time) and returns the spikes counted during it. It
// stops with an error wrapping bp.ErrNonFinite if a variable becomes NaN
// or infinite.
func (b *Net) Run(ctx context.Context, duration float64) (Result, error) {
	before, _ := b.totals()
	res, err := b.runner.Run(ctx, duration)
	if err != nil {
		return Result{}, err
	}
	n, hash := b.totals()
	n -= before
	return Result{Spikes: n, RateHz: float64(n) / float64(b.N) / (duration / 1000), Steps: res.Steps, Hash: hash}, nil
}

// totals returns the number of spikes so far and a hash of both groups'
// digests.
func (b *Net) totals() (n int64, hash uint64) {
	e, i := b.Counters[0], b.Counters[1]
	return e.Total() + i.Total(), e.Digest() ^ bits.RotateLeft64(i.Digest(), 1)
}
