package dyn

import "github.com/braingo/braingo/bp"

// The decay hand-off. A ProjAlignPost with an Expon synapse would decay
// the conductance in one pass over the postsynaptic neurons and the group
// would read it in another. When the group reads its sources exactly once
// per step, block by block, after the projection has delivered, the
// projection hands the decay over: it adds each weight divided by the
// decay factor f, and the group's read multiplies the conductance by f,
// stores it and adds its current in the same pass. The conductance the
// group uses, and the one left between steps, is the same value up to
// rounding, g·f + w, one pass fewer (and bit for bit the same as when the
// projection, adding w/f, multiplies by f itself).
//
// Between the projection's delivery and the group's read the conductance
// holds the scaled sum, which nothing else reads: a model placed between
// them that reads it sees the value before the decay. A group updated
// twice in a step applies the decay at its first read only (startRead).
//
// A hand-over is decided once per step at a point where no part of the
// step runs (Update, or PartLocal before a step on several goroutines)
// and holds for that step only (stamped with its epoch and step), so the
// projection's parts and the group's parts agree on it. It is made only
// within a Runner's run (a non-zero epoch), when the group was seen, in
// this step or the one before, not yet reading when the projection ran
// after reading in the step before that (learnOrder): the first step or
// two of a run decay the general way. It is settled at the next decision:
// if the group did not read in the handed-over step, the projection applies
// the decay itself, late, and hands over no more until Reset. With a decay
// factor too small for the weights to be divided by it (below 2⁻⁵⁰⁰, τ
// under about dt/347) the projection decays first and adds w, and never
// hands over.

// decayHost is a group that can take the hand-over: fusedReads says
// whether its next update reads every range source exactly once for each
// neuron through blockInput, and readAt (Population's) whether one of its
// last two such reads was in the given epoch and step.
type decayHost interface {
	fusedReads() bool
	readAt(epoch uint64, step int64) bool
}

// stepStamp names a step of a run: its epoch and step number.
type stepStamp struct {
	epoch uint64
	step  int64
	set   bool
}

// at reports whether s is the step of epoch and step.
func (s stepStamp) at(epoch uint64, step int64) bool {
	return s.set && s.epoch == epoch && s.step == step
}

// readAt reports whether one of the group's last two block-wise reads of
// its sources was in the given epoch and step.
func (p *Population) readAt(epoch uint64, step int64) bool {
	return p.reads[0].at(epoch, step) || p.reads[1].at(epoch, step)
}

// partRead is the step in which part `part` of `parts` of the group's
// update last read its sources; on a cache line of its own, since each
// part writes its own at every step.
type partRead struct {
	at    stepStamp
	parts int
	_     [32]byte
}

// startRead notes that part `part` of `parts` of the update reads the
// sources in the step of ctx, and reports whether these neurons are read
// for the first time in the step: only the first read applies a decay
// handed over for the step. A group updated twice in a step (directly and
// again in a nested network, say) would otherwise decay its conductances
// twice. A whole update (parts 1) runs alone, between barriers, and may
// read every part's record; a part reads only its own and the whole
// update's.
func (p *Population) startRead(ctx *bp.Context, part, parts int) (first bool) {
	if part == 0 {
		p.noteRead(ctx)
	}
	now := stepStamp{epoch: ctx.Epoch, step: ctx.Step, set: true}
	first = !p.wholeRead.at(now.epoch, now.step)
	if parts == 1 {
		for _, r := range p.partReads[:p.partsRead] {
			first = first && !r.at.at(now.epoch, now.step)
		}
		p.wholeRead = now
		return first
	}
	r := &p.partReads[part]
	first = first && !(r.at.at(now.epoch, now.step) && r.parts == parts)
	*r = partRead{at: now, parts: parts}
	if part == 0 && parts > p.partsRead {
		p.partsRead = parts // read only by whole updates, after a barrier
	}
	return first
}

// noteRead records a block-wise read of the sources in the step of ctx;
// the group's update calls it once per step (in part 0).
func (p *Population) noteRead(ctx *bp.Context) {
	p.reads[1], p.reads[0] = p.reads[0], stepStamp{epoch: ctx.Epoch, step: ctx.Step, set: true}
}

// decayingOutput is an output that can take the decay of the conductance
// it reads ([CUBA], [COBA]).
type decayingOutput interface {
	RangeCurrentSource
	handOver(ctx *bp.Context, f float64)
	handedOver(ctx *bp.Context) float64
	addCurrentRangeDecayed(dst, v []float64, lo int, f float64)
	// conductance returns the bound conductance, and for a COBA output
	// its reversal potential and true.
	conductance() (g []float64, e float64, coba bool)
}

// handOverState is the decay factor a projection handed to an output for
// one step; outputs embed it.
type handOverState struct {
	f     float64
	epoch uint64
	step  int64
}

// handOver records that in the step of ctx the reader applies the decay f.
func (h *handOverState) handOver(ctx *bp.Context, f float64) {
	*h = handOverState{f: f, epoch: ctx.Epoch, step: ctx.Step}
}

// handedOver returns the decay factor handed over for the step of ctx, or
// 0 if none was.
func (h *handOverState) handedOver(ctx *bp.Context) float64 {
	if h.epoch != ctx.Epoch || h.step != ctx.Step {
		return 0
	}
	return h.f
}

// decayHandOff is a projection's side of the hand-off. With an Expon
// synapse and a connection that scales its weights (comm), the projection
// always adds w/f and multiplies by f after, whether it applies the decay
// itself or hands it over, so the two give the same values bit for bit
// and the results do not depend on when hand-overs happen (the first step
// of a run has none, for instance) or on the number of goroutines.
type decayHandOff struct {
	syn  *Expon
	comm scaledComm     // nil: the projection decays first and adds w, the general way
	out  decayingOutput // nil: the projection never hands over
	host decayHost

	decided   stepStamp // the step of the last decision
	handed    bool      // whether the decided step was handed over
	f         float64   // the factor of the last hand-over not yet settled, else 0
	postAfter bool      // the group came after the projection in the step of order
	order     stepStamp // the step postAfter was learnt in
	off       bool      // a hand-over was not taken: no more until Reset
}

// scaledComm is a connection that can deliver with its weights scaled:
// the list idx when not nil, else the flags spikes, for part `part` of
// `parts` of the postsynaptic neurons ([CSRComm]).
type scaledComm interface {
	eventAddScaled(dst []float64, spikes []bool, idx []int32, part, parts int, scale float64)
}

// init sets the hand-off up for what can take part.
func (h *decayHandOff) init(syn Synapse, out Output, post Neurons, comm Comm) {
	s, okS := syn.(*Expon)
	c, okC := comm.(scaledComm)
	if !okS || !okC {
		return
	}
	*h = decayHandOff{syn: s, comm: c}
	o, okO := out.(decayingOutput)
	host, okH := post.(decayHost)
	if okO && okH {
		h.out, h.host = o, host
	}
}

// learnOrder notes whether the group comes after the projection: it read
// its sources in the step before ctx's and has not yet in ctx's. It is
// called where the projection runs in order with the group (its Update,
// or its part 0, which runs on the goroutine of the group's part 0). A
// group that has not been seen reading, at the first step of a run say,
// is not handed the decay.
func (h *decayHandOff) learnOrder(ctx *bp.Context) {
	if h.host == nil {
		return
	}
	h.postAfter = h.host.readAt(ctx.Epoch, ctx.Step-1) && !h.host.readAt(ctx.Epoch, ctx.Step)
	h.order = stepStamp{epoch: ctx.Epoch, step: ctx.Step, set: true}
}

// scalable reports whether the decay factor f can divide the weights: a
// factor below 2⁻⁵⁰⁰ (τ < dt/347) would make w/f overflow or, at 0,
// w·(1/f)·f a NaN. The projection then decays first and adds w.
func scalable(f float64) bool { return f >= 0x1p-500 }

// decide settles the last hand-over and decides whether to hand over the
// decay in the step of ctx (once per step: later calls for the same step
// do nothing). The output learns the decision either way, so that it
// never acts on one made for an earlier run with the same step numbers.
func (h *decayHandOff) decide(ctx *bp.Context) {
	if h.out == nil || h.decided.at(ctx.Epoch, ctx.Step) {
		return
	}
	if h.f != 0 {
		if !h.host.readAt(h.decided.epoch, h.decided.step) {
			vecScale(h.syn.G, h.f) // not taken: the decay is applied here, late
			h.off = true
		}
		h.f = 0
	}
	h.decided, h.handed = stepStamp{epoch: ctx.Epoch, step: ctx.Step, set: true}, false
	f := h.syn.decay.get(ctx.DT, h.syn.Tau)
	fresh := h.order.at(ctx.Epoch, ctx.Step) || h.order.at(ctx.Epoch, ctx.Step-1)
	if ctx.Epoch == 0 || h.off || !h.postAfter || !fresh || !h.host.fusedReads() || !scalable(f) {
		h.out.handOver(ctx, 0)
		return
	}
	h.f, h.handed = f, true
	h.out.handOver(ctx, f)
}

// handedOver reports whether the decay of the step of ctx was handed over.
func (h *decayHandOff) handedOver(ctx *bp.Context) bool {
	return h.handed && h.decided.at(ctx.Epoch, ctx.Step)
}

// scaled reports whether the projection delivers w/f and multiplies by f
// in the step of ctx (a connection that scales and a factor that can
// divide), returning f; otherwise it decays first and adds w.
func (h *decayHandOff) scaled(ctx *bp.Context) (f float64, ok bool) {
	if h.comm == nil {
		return 0, false
	}
	f = h.syn.decay.get(ctx.DT, h.syn.Tau)
	return f, scalable(f)
}

// reset forgets the hand-overs (the synapse state is being reset).
func (h *decayHandOff) reset() {
	if h.out != nil {
		h.out.handOver(&bp.Context{}, 0) // none, for any step
	}
	*h = decayHandOff{syn: h.syn, comm: h.comm, out: h.out, host: h.host}
}
