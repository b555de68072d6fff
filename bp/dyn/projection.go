package dyn

import (
	"fmt"

	"github.com/braingo/braingo/bp"
)

// Projections connect a presynaptic group (anything with spikes) to a
// postsynaptic [Neurons] group. Add a projection to a network before the
// group it feeds: it reads the presynaptic spikes of the previous step and
// updates the conductance the postsynaptic group integrates in the same
// step, so a spike acts on the next step (plus the delay).

// checkProj validates the parts shared by every projection and returns the
// presynaptic size.
func checkProj(kind string, pre bp.Spiker, post Neurons, comm Comm) (int, error) {
	if pre == nil || post == nil || comm == nil {
		return 0, fmt.Errorf("%w: %s needs pre, post and comm, got a nil one", ErrSizeMismatch, kind)
	}
	nPre, nPost := len(pre.Spikes()), post.Size()
	cPre, cPost := comm.Shape()
	if cPre != nPre || cPost != nPost {
		return 0, fmt.Errorf("%w: %s from %d to %d neurons through a %d×%d connection; the connection must be pre×post",
			ErrSizeMismatch, kind, nPre, nPost, cPre, cPost)
	}
	return nPre, nil
}

// checkSynOut validates the synapse size and the output.
func checkSynOut(kind string, syn Synapse, want int, side string, out Output) error {
	if syn == nil || out == nil {
		return fmt.Errorf("%w: %s needs a synapse and an output, got a nil one", ErrSizeMismatch, kind)
	}
	if syn.Size() != want {
		return fmt.Errorf("%w: %s synapse has %d elements; it must have one per %s neuron (%d)", ErrSizeMismatch, kind, syn.Size(), side, want)
	}
	return nil
}

// ProjAlignPost is a projection with one synapse state per postsynaptic
// neuron (BrainPy's FullProjAlignPost), valid for linear synapses (Expon,
// DualExpon, Alpha): at each step the delayed presynaptic spikes go through
// the connection, event-driven, into increments that the synapse adds to
// its state, and the output turns the state into a current.
type ProjAlignPost struct {
	Pre  bp.Spiker // presynaptic group, whose spikes of the previous step are read
	Post Neurons   // postsynaptic group, which receives Out as a current source
	Comm Comm      // connection and weights, pre × post
	Syn  Synapse   // synapse dynamics, one state per postsynaptic neuron
	Out  Output    // turns the synapse state into a current (CUBA, COBA, MgBlock)

	delayState
	inc    []float64     // increments of this step, one per postsynaptic neuron (nil with direct)
	direct directSynapse // Syn, when its input is added straight into its state
	// preAfter records that, the last time the step had barriers, the
	// presynaptic group had not yet updated when this projection ran (it
	// comes later in the network); local holds the epoch and step that
	// PartLocal let run without barriers, reading the list of the step
	// before.
	preAfter              bool
	localEpoch, localStep int64
	preLists              *spikeLists  // the presynaptic group's spike lists, if it keeps them
	handOff               decayHandOff // the synapse's decay handed to the group (handoff.go)
}

// directSynapse is a linear synapse whose Step(ctx, x) is "decay the
// state, then add x" ([Expon]): a projection decays it and adds the spike
// weights straight into its state, one pass over the postsynaptic neurons
// instead of three (clear the increments, add the events, step). The sum
// is the same up to rounding: each weight is added to the decayed state in
// turn instead of to a zeroed increment first. Over a connection that
// scales its weights the projection adds w/f first and multiplies by f
// after, or hands the multiply to the group (handoff.go).
type directSynapse interface {
	Synapse
	// decayRange advances elements lo … hi−1 of the state by one step
	// without input and returns the whole slice the step's input is to be
	// added to.
	decayRange(ctx *bp.Context, lo, hi int) []float64
}

// partComm is a Comm that can deliver the spikes to one part of the
// postsynaptic neurons (bp.PartRange), adding in the same order as
// EventAdd, from the spike flags or from a list of the spiking neurons
// ([CSRComm]).
type partComm interface {
	Comm
	EventAddPart(dst []float64, spikes []bool, part, parts int)
	EventAddIdxPart(dst []float64, idx []int32, part, parts int)
}

// idxComm is a Comm that can deliver from a list of the spiking neurons.
type idxComm interface {
	EventAddIdx(dst []float64, idx []int32)
}

// preList returns the list of the presynaptic neurons whose spikes this
// step delivers (those its flags hold; in a part-local step, the list of
// the step before), when the presynaptic group keeps lists and there is no
// delay, else nil. part is the caller's part: part 0 also notes whether the
// presynaptic group has updated yet in this step (preAfter).
func (p *ProjAlignPost) preList(ctx *bp.Context, part int) *spikeList {
	if p.preLists == nil || p.delay.Steps() != 0 {
		return nil
	}
	if p.isLocal(ctx) {
		return p.preLists.before(ctx)
	}
	l := p.preLists.latest(ctx)
	if part == 0 {
		p.preAfter = l != nil && l.step == ctx.Step-1
	}
	return l
}

// isLocal reports whether PartLocal let ctx's step run without barriers.
func (p *ProjAlignPost) isLocal(ctx *bp.Context) bool {
	return p.localEpoch == int64(ctx.Epoch) && p.localStep == ctx.Step
}

// NewProjAlignPost connects pre to post and registers out, bound to the
// synapse output, as a current source of post. syn must have post.Size()
// elements and comm the shape pre×post.
func NewProjAlignPost(pre bp.Spiker, post Neurons, comm Comm, syn Synapse, out Output, d DelayOptions) (*ProjAlignPost, error) {
	nPre, err := checkProj("ProjAlignPost", pre, post, comm)
	if err != nil {
		return nil, err
	}
	if err := checkSynOut("ProjAlignPost", syn, post.Size(), "postsynaptic", out); err != nil {
		return nil, err
	}
	delay, err := d.newDelay(nPre)
	if err != nil {
		return nil, err
	}
	p := &ProjAlignPost{Pre: pre, Post: post, Comm: comm, Syn: syn, Out: out, delayState: delay, localStep: -1}
	if d, ok := syn.(directSynapse); ok {
		p.direct = d
		p.handOff.init(syn, out, post, comm)
	} else {
		p.inc = make([]float64, post.Size())
	}
	if sl, ok := pre.(spikeLister); ok {
		p.preLists = sl.spikeLists()
	}
	out.Bind(syn.Out())
	post.AddSource(out)
	return p, nil
}

// Update propagates the delayed spikes and steps the synapse.
func (p *ProjAlignPost) Update(ctx *bp.Context) {
	p.checkDT(ctx)
	spikes := p.delay.Push(p.Pre.Spikes())
	if p.direct != nil {
		if f, ok := p.handOff.scaled(ctx); ok {
			p.handOff.learnOrder(ctx)
			p.handOff.decide(ctx)
			p.deliverScaled(ctx, spikes, 0, 1, f)
			return
		}
		g := p.direct.decayRange(ctx, 0, p.Post.Size())
		ic, ok := p.Comm.(idxComm)
		if l := p.preList(ctx, 0); ok && l != nil {
			for k := range l.parts {
				ic.EventAddIdx(g, l.segment(k))
			}
			return
		}
		p.Comm.EventAdd(g, spikes)
		return
	}
	clear(p.inc)
	p.Comm.EventAdd(p.inc, spikes)
	p.Syn.Step(ctx, p.inc)
}

// UpdatePart does part `part` of `parts` of Update (bp.PartUpdater): with
// no delay, a synapse that takes its input directly ([Expon]) and a
// connection that delivers by ranges (CSR, JIT), each part delivers to its
// range of postsynaptic neurons (bp.PartRange) and decays it (or leaves
// the decay to the group: handoff.go), every element receiving its
// weights in the same order and with the same arithmetic as in Update;
// otherwise part 0 does all of it.
func (p *ProjAlignPost) UpdatePart(ctx *bp.Context, part, parts int) {
	if !p.splits(parts) {
		if part == 0 {
			p.Update(ctx)
		}
		return
	}
	p.checkDT(ctx)
	if f, ok := p.handOff.scaled(ctx); ok {
		if part == 0 {
			p.handOff.learnOrder(ctx) // part 0 runs in order with the group's part 0
		}
		p.deliverScaled(ctx, p.Pre.Spikes(), part, parts, f)
		return
	}
	pc := p.Comm.(partComm)
	lo, hi := bp.PartRange(p.Post.Size(), part, parts)
	g := p.direct.decayRange(ctx, lo, hi)
	if l := p.preList(ctx, part); l != nil {
		for k := range l.parts {
			pc.EventAddIdxPart(g, l.segment(k), part, parts)
		}
		return
	}
	pc.EventAddPart(g, p.Pre.Spikes(), part, parts)
}

// deliverScaled adds the weights of the spikes of this step (the
// presynaptic list when there is one, else spikes), divided by the decay
// factor f, into the synapse state of part `part` of `parts` of the
// postsynaptic neurons, then multiplies that part of the state by f unless
// the group does it as it reads the state (handoff.go).
func (p *ProjAlignPost) deliverScaled(ctx *bp.Context, spikes []bool, part, parts int, f float64) {
	h := &p.handOff
	g := h.syn.G
	if l := p.preList(ctx, part); l != nil {
		for k := range l.parts {
			h.comm.eventAddScaled(g, nil, l.segment(k), part, parts, 1/f)
		}
	} else {
		h.comm.eventAddScaled(g, spikes, nil, part, parts, 1/f)
	}
	if !h.handedOver(ctx) {
		lo, hi := bp.PartRange(len(g), part, parts)
		vecScale(g[lo:hi], f)
	}
}

// splits reports whether UpdatePart divides the step among parts goroutines
// (at most maxListParts: the connections keep per-part state).
func (p *ProjAlignPost) splits(parts int) bool {
	_, split := p.Comm.(partComm)
	return p.direct != nil && split && p.delay.Steps() == 0 && parts <= maxListParts
}

// PartLocal reports whether the step splits with each part touching only
// its own postsynaptic neurons besides data no model changes during the
// step (bp.PartLocal): it splits, its presynaptic group keeps spike lists
// and updates after it (as seen in the last step with barriers), so the
// spikes it reads are the list of the step before, which the group does
// not overwrite while it makes this step's.
//
// It is also where the projection decides, before the step starts on
// several goroutines, whether to hand its decay to the group (handoff.go).
func (p *ProjAlignPost) PartLocal(ctx *bp.Context, parts int) bool {
	p.handOff.decide(ctx)
	if !p.splits(parts) || p.preLists == nil || !p.preAfter || p.preLists.before(ctx) == nil {
		return false
	}
	p.localEpoch, p.localStep = int64(ctx.Epoch), ctx.Step
	return true
}

// PrepareParts has the connection build what delivering by parts ranges
// needs (bp.PartPreparer) when the projection's step splits that way.
func (p *ProjAlignPost) PrepareParts(parts int) {
	if pp, ok := p.Comm.(bp.PartPreparer); ok && p.splits(parts) {
		pp.PrepareParts(parts)
	}
}

// KeepsInputs reports that the projection writes no model's input
// (bp.InputKeeper): it writes its synapse state, read by its output.
func (p *ProjAlignPost) KeepsInputs() bool { return true }

// Vars returns the synapse variables.
func (p *ProjAlignPost) Vars() []bp.Var { return p.Syn.Vars() }

// Reset resets the synapse and forgets the spikes in flight.
func (p *ProjAlignPost) Reset(seed uint64) {
	p.Syn.Reset(seed)
	p.delay.Reset()
	p.preAfter = false
	p.handOff.reset()
}

// ProjAlignPre is a projection with one synapse state per presynaptic
// neuron (BrainPy's FullProjAlignPreDS): at each step the delayed
// presynaptic spikes (as 0/1) drive the synapse, and its output goes
// through the connection into a postsynaptic conductance, G = Wᵀ·out. This
// is the projection for synapses that are nonlinear in their input (STP,
// STD, NMDA, kinetic AMPA/GABA_A), at the cost of a full product each step.
// Delaying the spikes before the synapse equals delaying its output after
// it, since the synapse dynamics do not depend on time.
type ProjAlignPre struct {
	Pre  bp.Spiker // presynaptic group, whose spikes of the previous step are read
	Post Neurons   // postsynaptic group, which receives Out as a current source
	Comm Comm      // connection and weights, pre × post
	Syn  Synapse   // synapse dynamics, one state per presynaptic neuron
	Out  Output    // turns G into a current (CUBA, COBA, MgBlock)
	G    []float64 // postsynaptic conductance, one per postsynaptic neuron

	delayState
	x []float64 // delayed spikes as 0/1
}

// NewProjAlignPre connects pre to post and registers out, bound to G, as a
// current source of post. syn must have one element per presynaptic neuron
// and comm the shape pre×post.
func NewProjAlignPre(pre bp.Spiker, post Neurons, comm Comm, syn Synapse, out Output, d DelayOptions) (*ProjAlignPre, error) {
	nPre, err := checkProj("ProjAlignPre", pre, post, comm)
	if err != nil {
		return nil, err
	}
	if err := checkSynOut("ProjAlignPre", syn, nPre, "presynaptic", out); err != nil {
		return nil, err
	}
	delay, err := d.newDelay(nPre)
	if err != nil {
		return nil, err
	}
	p := &ProjAlignPre{Pre: pre, Post: post, Comm: comm, Syn: syn, Out: out, G: make([]float64, post.Size()),
		delayState: delay, x: make([]float64, nPre)}
	out.Bind(p.G)
	post.AddSource(out)
	return p, nil
}

// Update steps the synapse with the delayed spikes and computes G.
func (p *ProjAlignPre) Update(ctx *bp.Context) {
	p.checkDT(ctx)
	spikes := p.delay.Push(p.Pre.Spikes())
	x := p.x[:len(spikes)]
	for i, s := range spikes {
		x[i] = 0
		if s {
			x[i] = 1
		}
	}
	p.Syn.Step(ctx, x)
	clear(p.G)
	p.Comm.MatVecAdd(p.G, p.Syn.Out())
}

// Vars returns the synapse variables and the postsynaptic conductance
// ("g_post").
func (p *ProjAlignPre) Vars() []bp.Var {
	return append(p.Syn.Vars(), bp.Var{Name: "g_post", Data: p.G})
}

// Reset resets the synapse, zeroes G and forgets the spikes in flight.
func (p *ProjAlignPre) Reset(seed uint64) { p.Syn.Reset(seed); clear(p.G); p.delay.Reset() }

// ProjDelta is a delta-synapse projection (BrainPy's FullProjDelta): each
// delayed presynaptic spike adds its weights directly to the membrane
// potential of its postsynaptic targets, before they integrate the step.
type ProjDelta struct {
	Pre  bp.Spiker // presynaptic group, whose spikes of the previous step are read
	Post Neurons   // postsynaptic group, whose V receives the weights
	Comm Comm      // connection and weights (jumps of V, mV), pre × post

	delayState
}

// NewProjDelta connects pre to post through comm (shape pre×post).
func NewProjDelta(pre bp.Spiker, post Neurons, comm Comm, d DelayOptions) (*ProjDelta, error) {
	nPre, err := checkProj("ProjDelta", pre, post, comm)
	if err != nil {
		return nil, err
	}
	delay, err := d.newDelay(nPre)
	if err != nil {
		return nil, err
	}
	return &ProjDelta{Pre: pre, Post: post, Comm: comm, delayState: delay}, nil
}

// Update adds the weights of the delayed spikes to the postsynaptic V.
func (p *ProjDelta) Update(ctx *bp.Context) {
	p.checkDT(ctx)
	p.Comm.EventAdd(p.Post.Membrane(), p.delay.Push(p.Pre.Spikes()))
}

// Reset forgets the spikes in flight.
func (p *ProjDelta) Reset(uint64) { p.delay.Reset() }

// KeepsInputs reports that the projection writes no model's input
// (bp.InputKeeper): it writes the postsynaptic V.
func (p *ProjDelta) KeepsInputs() bool { return true }

// KeepsInputs reports that the projection writes no model's input
// (bp.InputKeeper).
func (p *ProjAlignPre) KeepsInputs() bool { return true }
