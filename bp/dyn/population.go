package dyn

import "github.com/braingo/braingo/bp"

// Neurons is a group of neurons that projections connect: it spikes, it has
// a membrane potential that synaptic outputs read and delta synapses write,
// and it accepts current sources.
type Neurons interface {
	bp.Model
	bp.Spiker
	// Size is the number of neurons in the group.
	Size() int
	// Membrane is the membrane potential, one entry per neuron.
	Membrane() []float64
	// AddSource registers a current that the group adds to its input at
	// every step, evaluated at the membrane potential before the step.
	AddSource(s bp.CurrentSource)
}

// Population is the state every neuron group shares: membrane potential,
// spikes of the last step, the external input current of the current step
// and the registered current sources. Neuron types embed it.
type Population struct {
	V     []float64 // membrane potential
	Spike []bool    // which neurons spiked in the last step (written by the group's update only: to add spikes, use a spike source group)
	Input []float64 // external current for the current step; cleared after it

	sources []bp.CurrentSource
	ranged  []RangeCurrentSource // the sources other than Bias, when all sources are range sources (nil otherwise)
	bias    float64              // the sum of the Bias sources, with ranged
	decays  []decayingOutput     // for each of ranged, the source as a decayingOutput, or nil
	reads   [2]stepStamp         // the last two block-wise reads of the sources, the last first (handoff.go)

	wholeRead stepStamp              // the last read by a whole update (startRead)
	partReads [maxListParts]partRead // the last read by each part of an update (startRead)
	partsRead int                    // the most parts that have recorded a read in partReads
	total     []float64              // scratch for Current when there are sources

	untouched bool                   // told by the network for the current step (bp.UntouchedClearer)
	fresh     bool                   // told by the network: Input is zero in the current step (bp.FreshClearer)
	seen      [maxListParts]seenPart // what each part of the last update saw of Input, until the clearing
	seenParts int                    // the most parts an update has recorded in seen (written by part 0)
}

// seenPart is what part `part` of `parts` of an update saw of its range of
// Input: clean when the range was all zero and nothing could write it
// after the update (bp.UntouchedClearer). On a cache line of its own: each
// part writes its own.
type seenPart struct {
	parts int
	clean bool
	_     [55]byte
}

// InputsUntouched records whether, in the current step, nothing can write
// the group's Input after its update (bp.UntouchedClearer), and forgets
// what earlier updates saw (a step that panicked may have left a record
// its clearing never used).
func (p *Population) InputsUntouched(untouched bool) {
	p.untouched = untouched
	for k := range p.seen[:p.seenParts] {
		if p.seen[k].parts != 0 {
			p.seen[k] = seenPart{}
		}
	}
}

// InputsFresh records whether, in the current step, Input is known to be
// zero: nothing can have written it since the network cleared it at the
// end of the step before (bp.FreshClearer). An update that knows may skip
// reading it.
func (p *Population) InputsFresh(fresh bool) { p.fresh = fresh }

// sawInput records, for part `part` of `parts` of the update, whether its
// range of Input was all zero when it read it.
func (p *Population) sawInput(part, parts int, zero bool) {
	p.seen[part] = seenPart{parts: parts, clean: zero && p.untouched}
	if part == 0 && parts > p.seenParts {
		p.seenParts = parts // before the step ends, hence before InputsUntouched reads it
	}
}

// NewPopulation allocates the shared state of n neurons; like make, it
// panics for a negative n (a neuron type's constructor checks n first and
// returns an error, as the built-in ones do).
func NewPopulation(n int) Population {
	return Population{V: make([]float64, n), Spike: make([]bool, n), Input: make([]float64, n)}
}

// Size returns the number of neurons.
func (p *Population) Size() int { return len(p.V) }

// Membrane returns the membrane potential slice.
func (p *Population) Membrane() []float64 { return p.V }

// Spikes returns which neurons spiked in the last step.
func (p *Population) Spikes() []bool { return p.Spike }

// AddSource registers a current source.
func (p *Population) AddSource(s bp.CurrentSource) {
	p.sources = append(p.sources, s)
	p.ranged, p.decays, p.bias = make([]RangeCurrentSource, 0, len(p.sources)), nil, 0
	for _, s := range p.sources {
		switch s := s.(type) {
		case Bias:
			p.bias += float64(s)
		case RangeCurrentSource:
			p.ranged = append(p.ranged, s)
			d, _ := s.(decayingOutput)
			p.decays = append(p.decays, d)
		default:
			p.ranged, p.decays, p.bias = nil, nil, 0
			return
		}
	}
}

// ClearInputs zeroes the external input after a step. It writes only when
// some value is not zero: at 10⁵ neurons a clearing pass over an input
// nobody set costs as much as a synaptic decay, a read-only test half. It
// does not even read when the update found the input all zero and the
// network said nothing could write it after the update
// (bp.UntouchedClearer).
func (p *Population) ClearInputs() {
	clean := p.seen[0].parts > 0
	for k := range p.seen[:p.seenParts] {
		if p.seen[k].parts == 0 {
			break
		}
		clean = clean && p.seen[k].clean && p.seen[k].parts == p.seen[0].parts
		p.seen[k] = seenPart{}
	}
	if !clean && vecAny(p.Input) {
		clear(p.Input)
	}
}

// ClearInputsPart zeroes part `part` of `parts` of the external input
// (bp.PartClearer), the range bp.PartRange gives, as ClearInputs does.
func (p *Population) ClearInputsPart(part, parts int) {
	if part < len(p.seen) { // an update splits in at most that many parts
		s := &p.seen[part]
		clean := s.clean && s.parts == parts
		*s = seenPart{}
		if clean {
			return
		}
	}
	lo, hi := bp.PartRange(len(p.Input), part, parts)
	if in := p.Input[lo:hi]; vecAny(in) {
		clear(in)
	}
}

// rangeUpdater is a group whose step splits into independent ranges of
// neurons (updateRange) when PartLocal says so.
type rangeUpdater interface {
	bp.PartLocal
	updateRange(ctx *bp.Context, part, parts int)
}

// updateByParts does part `part` of `parts` of m's step: its range of
// neurons when m is part-local for the step, else all of it in part 0.
func updateByParts(m rangeUpdater, ctx *bp.Context, part, parts int) {
	if !m.PartLocal(ctx, parts) {
		if part == 0 {
			m.Update(ctx)
		}
		return
	}
	m.updateRange(ctx, part, parts)
}

// blockInput writes the input current of neurons lo … hi−1 into dst (len
// hi − lo) when all sources are range sources: Input plus the biases in one
// pass, then each other source in order. It is what Current computes for
// all neurons, up to the rounding of the sum's order.
// An output a projection handed its decay to for the step of ctx
// (handoff.go) decays its conductance as it is read, if decay is set (the
// first read of these neurons in the step: startRead).
//
// It returns whether Input was zero over the block (tested while it is in
// cache, for ClearInputs).
func (p *Population) blockInput(ctx *bp.Context, dst []float64, lo, hi int, decay bool) (zero bool) {
	vecAddConstTo(dst, p.Input[lo:hi], p.bias)
	zero = !vecAny(p.Input[lo:hi])
	v := p.V[lo:hi]
	for k, s := range p.ranged {
		if d := p.decays[k]; d != nil && decay {
			if f := d.handedOver(ctx); f != 0 {
				d.addCurrentRangeDecayed(dst, v, lo, f)
				continue
			}
		}
		s.AddCurrentRange(dst, v, lo)
	}
	return zero
}

// Vars returns V and Input, the variables every group has; neuron types
// that have more define their own Vars and include these.
func (p *Population) Vars() []bp.Var {
	return []bp.Var{{Name: "V", Data: p.V}, {Name: bp.InputName, Data: p.Input}}
}

// Current returns the total input current of this step: Input itself when
// no source is registered, otherwise a scratch slice holding Input plus
// every source evaluated at the current V. Call it once per Update, before
// changing V; the result is valid until the next call.
func (p *Population) Current() []float64 {
	if len(p.sources) == 0 {
		return p.Input
	}
	if len(p.total) != len(p.V) {
		p.total = make([]float64, len(p.V))
	}
	p.TotalInput(p.total)
	return p.total
}

// TotalInput writes the total input current of this step into dst: the
// external input plus every registered source evaluated at the current V.
func (p *Population) TotalInput(dst []float64) {
	copy(dst, p.Input)
	for _, s := range p.sources {
		s.AddCurrent(dst, p.V)
	}
}
