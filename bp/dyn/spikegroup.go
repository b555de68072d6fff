package dyn

import (
	"encoding/binary"
	"fmt"
	"math"
	"sort"

	"github.com/braingo/braingo/bp"
	bm "github.com/braingo/braingo/bp/math"
)

// PoissonGroup is a group of independent Poisson spike sources: neuron i
// spikes in a step of dt ms with probability Rates[i]·dt/1000 (rates in Hz).
// It is a [bp.Spiker], so projections take it as their presynaptic group.
type PoissonGroup struct {
	Rates []float64 // firing rate of each neuron (Hz); may be changed between steps
	Spike []bool    // which neurons spiked in the last step

	seed uint64
	rng  *bm.RNG
}

// NewPoissonGroup returns n Poisson sources firing at rate Hz each.
func NewPoissonGroup(n int, rate float64, seed uint64) (*PoissonGroup, error) {
	if n < 0 {
		return nil, fmt.Errorf("%w: PoissonGroup of %d neurons", ErrSizeMismatch, n)
	}
	if !(rate >= 0) || math.IsInf(rate, 0) {
		return nil, fmt.Errorf("%w: PoissonGroup rate %v Hz; it must be finite and non-negative", ErrSynapse, rate)
	}
	g := &PoissonGroup{Rates: make([]float64, n), Spike: make([]bool, n), seed: seed, rng: bm.NewRNG(seed)}
	for i := range g.Rates {
		g.Rates[i] = rate
	}
	return g, nil
}

// Size returns the number of sources.
func (g *PoissonGroup) Size() int { return len(g.Spike) }

// Spikes returns which sources spiked in the last step.
func (g *PoissonGroup) Spikes() []bool { return g.Spike }

// Update draws the spikes of one step.
func (g *PoissonGroup) Update(ctx *bp.Context) {
	k := ctx.DT / 1000
	for i, r := range g.Rates[:len(g.Spike)] {
		g.Spike[i] = g.rng.Float64() < r*k
	}
}

// Reset clears the spikes and restarts the random stream (from seed when
// it is not zero, else from the construction seed).
func (g *PoissonGroup) Reset(seed uint64) {
	if seed != 0 {
		g.seed = seed
	}
	g.rng.Seed(g.seed)
	clear(g.Spike)
}

// RandomState returns the generator, for save and load.
func (g *PoissonGroup) RandomState() bp.RandomState { return g.rng }

// SpikeTimeGroup emits given spikes: neuron Indices[k] spikes at Times[k]
// ms (BrainPy's SpikeTimeGroup). A spike fires at the step whose start time
// is nearest to it; spikes before the first step fire at the first step.
type SpikeTimeGroup struct {
	Spike []bool // which neurons spiked in the last step

	times   []float64 // sorted
	indices []int
	next    int // first event not yet emitted
}

// NewSpikeTimeGroup returns a group of n neurons emitting the spikes
// (times[k], indices[k]); the two slices must have the same length, times
// must be finite and indices in [0, n).
func NewSpikeTimeGroup(n int, times []float64, indices []int) (*SpikeTimeGroup, error) {
	if n < 0 {
		return nil, fmt.Errorf("%w: SpikeTimeGroup of %d neurons", ErrSizeMismatch, n)
	}
	if len(times) != len(indices) {
		return nil, fmt.Errorf("%w: SpikeTimeGroup has %d times and %d indices; they must pair up", ErrSizeMismatch, len(times), len(indices))
	}
	order := make([]int, len(times))
	for k := range order {
		order[k] = k
		if math.IsNaN(times[k]) || math.IsInf(times[k], 0) {
			return nil, fmt.Errorf("%w: spike %d has time %v", ErrSynapse, k, times[k])
		}
		if indices[k] < 0 || indices[k] >= n {
			return nil, fmt.Errorf("%w: spike %d is for neuron %d, outside [0, %d)", ErrSizeMismatch, k, indices[k], n)
		}
	}
	sort.SliceStable(order, func(a, b int) bool { return times[order[a]] < times[order[b]] })
	g := &SpikeTimeGroup{Spike: make([]bool, n), times: make([]float64, len(times)), indices: make([]int, len(times))}
	for k, o := range order {
		g.times[k], g.indices[k] = times[o], indices[o]
	}
	return g, nil
}

// Size returns the number of neurons.
func (g *SpikeTimeGroup) Size() int { return len(g.Spike) }

// Spikes returns which neurons spiked in the last step.
func (g *SpikeTimeGroup) Spikes() []bool { return g.Spike }

// Update emits the spikes due in this step.
func (g *SpikeTimeGroup) Update(ctx *bp.Context) {
	clear(g.Spike)
	end := ctx.T + ctx.DT/2
	for g.next < len(g.times) && g.times[g.next] < end {
		g.Spike[g.indices[g.next]] = true
		g.next++
	}
}

// Reset rewinds to the first spike.
func (g *SpikeTimeGroup) Reset(uint64) { g.next = 0; clear(g.Spike) }

// MarshalState encodes how many spikes have been emitted, for bp.Save.
func (g *SpikeTimeGroup) MarshalState() ([]byte, error) {
	return binary.LittleEndian.AppendUint64(nil, uint64(g.next)), nil
}

// UnmarshalState restores what MarshalState encoded.
func (g *SpikeTimeGroup) UnmarshalState(data []byte) error {
	if len(data) != 8 || binary.LittleEndian.Uint64(data) > uint64(len(g.times)) {
		return fmt.Errorf("%w: saved SpikeTimeGroup state does not fit %d spikes", ErrSizeMismatch, len(g.times))
	}
	g.next = int(binary.LittleEndian.Uint64(data))
	return nil
}

// PoissonInput adds to a variable, at every step, the input of NumInput
// independent Poisson sources firing at Freq Hz, each spike weighing
// Weight: Target[i] += Weight·Binomial(NumInput, Freq·dt/1000), drawn
// independently for each i (BrainPy's PoissonInput). Add it to a network
// before the group that owns Target. A per-step spike probability above 1
// (Freq above 1000/dt Hz) is taken as 1.
type PoissonInput struct {
	Target   []float64 // variable that receives the input (a group's Input or V)
	NumInput int       // number of independent Poisson sources per element
	Freq     float64   // rate of each source (Hz)
	Weight   float64   // added per source spike

	seed uint64
	rng  *bm.RNG
}

// NewPoissonInput returns the Poisson input onto target.
func NewPoissonInput(target []float64, numInput int, freq, weight float64, seed uint64) (*PoissonInput, error) {
	if numInput < 0 {
		return nil, fmt.Errorf("%w: PoissonInput with %d sources", ErrSizeMismatch, numInput)
	}
	if !(freq >= 0) || math.IsInf(freq, 0) {
		return nil, fmt.Errorf("%w: PoissonInput frequency %v Hz; it must be finite and non-negative", ErrSynapse, freq)
	}
	return &PoissonInput{Target: target, NumInput: numInput, Freq: freq, Weight: weight, seed: seed, rng: bm.NewRNG(seed)}, nil
}

// Update adds one step of input.
func (p *PoissonInput) Update(ctx *bp.Context) {
	prob := min(p.Freq*ctx.DT/1000, 1)
	for i := range p.Target {
		if k := p.rng.Binomial(p.NumInput, prob); k != 0 {
			p.Target[i] += p.Weight * float64(k)
		}
	}
}

// Reset restarts the random stream (from seed when it is not zero).
func (p *PoissonInput) Reset(seed uint64) {
	if seed != 0 {
		p.seed = seed
	}
	p.rng.Seed(p.seed)
}

// RandomState returns the generator, for save and load.
func (p *PoissonInput) RandomState() bp.RandomState { return p.rng }
