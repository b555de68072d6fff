package ei

import (
	"context"
	"fmt"
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
	count    *spikeCounter
}

// spikeCounter counts the spikes of the groups after each step (Brian2's
// SpikeMonitor with record=False) and hashes them, so that two runs can be
// shown to have fired the same neurons at the same steps. The hash is a
// sum over spikes of a mix of (step, neuron), which does not depend on the
// order the spikes are visited in, so goroutines can each take a range of
// the neurons (bp.PartUpdater) and add their sums.
type spikeCounter struct {
	groups []dyn.Neurons
	parts  [maxCounterParts]counterPart
}

// maxCounterParts is the most goroutines the counter splits among; with
// more, part 0 counts alone.
const maxCounterParts = 16

// counterPart is one goroutine's count, padded to a cache line of its own.
type counterPart struct {
	n, hash uint64
	_       [48]byte
}

// Update counts and hashes the spikes of this step.
func (c *spikeCounter) Update(ctx *bp.Context) { c.UpdatePart(ctx, 0, 1) }

// UpdatePart counts and hashes the spikes of part `part` of the neurons.
func (c *spikeCounter) UpdatePart(ctx *bp.Context, part, parts int) {
	if parts > maxCounterParts {
		if part != 0 {
			return
		}
		part, parts = 0, 1
	}
	acc, offset := &c.parts[part], 0
	for _, g := range c.groups {
		s := g.Spikes()
		lo, hi := bp.PartRange(len(s), part, parts)
		for i := bm.NextSpike(s[:hi], lo); i < hi; i = bm.NextSpike(s[:hi], i+1) {
			acc.n++
			acc.hash += mix(uint64(ctx.Step)<<32 | uint64(offset+i))
		}
		offset += len(s)
	}
}

// PartLocal reports that part k reads only the spikes of its own range of
// each group (bp.PartLocal), when the counter splits.
func (c *spikeCounter) PartLocal(_ *bp.Context, parts int) bool { return parts <= maxCounterParts }

// totals returns the spike count and hash so far.
func (c *spikeCounter) totals() (n int64, hash uint64) {
	for _, p := range c.parts {
		n += int64(p.n)
		hash += p.hash
	}
	return n, hash
}

// mix is SplitMix64's finaliser: a bijection that spreads every input bit
// over the output.
func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	return x ^ x>>31
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

// Build constructs the network of cfg.
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
	b.count = &spikeCounter{groups: []dyn.Neurons{e, i}}
	if err := net.Add("count", b.count); err != nil {
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

// Run simulates duration ms with a bp.Runner (NaN checks at the default
// interval, no monitors beyond the spike count) and returns the spikes
// counted during it. It stops with an error wrapping bp.ErrNonFinite if a
// variable becomes NaN or infinite.
func (b *Net) Run(ctx context.Context, duration float64) (Result, error) {
	r, err := bp.NewRunner(b.Net, bp.RunnerSettings{DT: DT, Progress: bp.NoProgress, Workers: b.Workers})
	if err != nil {
		return Result{}, err
	}
	before, _ := b.count.totals()
	res, err := r.Run(ctx, duration)
	if err != nil {
		return Result{}, err
	}
	n, hash := b.count.totals()
	n -= before
	return Result{Spikes: n, RateHz: float64(n) / float64(b.N) / (duration / 1000), Steps: res.Steps, Hash: hash}, nil
}
