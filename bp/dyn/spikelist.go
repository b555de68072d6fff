package dyn

import "github.com/braingo/braingo/bp"

// spikeList holds the indices of the neurons that spiked in a group's last
// update, in increasing order, so that projections need not scan the spike
// flags: at 10⁴–10⁵ neurons the scan, not the delivery, is what costs, and
// with several goroutines every one of them would read every flag, half of
// them just written on another core. A list made by k goroutines is k
// segments, one per part of bp.PartRange, each in its own range of idx.
type spikeList struct {
	idx    []int32                    // len n; segment k starts at PartRange(n, k, parts).lo
	counts [maxListParts]segmentCount // spikes in each segment
	parts  int                        // segments of the current list; 0: there is none
	epoch  uint64                     // Context.Epoch and Step it was made at
	step   int64
}

// maxListParts is the most goroutines a list can be made by; a group split
// among more updates on one goroutine.
const maxListParts = 16

// segmentCount is one segment's length and stamp, on a cache line of its
// own: each goroutine writes its own, so a reader on the same goroutine
// (a part-local model after the group, such as SpikeCounter) can check
// its segment without waiting for the other parts.
type segmentCount struct {
	n, parts int
	epoch    uint64
	step     int64
	_        [32]byte
}

// done records that part `part` of `parts` wrote count indices at the
// start of its range and stamps its segment; part 0 also stamps the list
// with the step.
func (l *spikeList) done(ctx *bp.Context, part, parts, count int) {
	l.counts[part] = segmentCount{n: count, parts: parts, epoch: ctx.Epoch, step: ctx.Step}
	if part == 0 {
		l.parts, l.epoch, l.step = parts, ctx.Epoch, ctx.Step
	}
}

// ownSegment returns segment `part` of the list of ctx's step if part
// `part` of `parts` of the group's update wrote it in that step (a
// non-zero epoch), reading only that segment's stamp.
func (l *spikeList) ownSegment(ctx *bp.Context, part, parts int) ([]int32, bool) {
	c := &l.counts[part]
	if ctx.Epoch == 0 || c.epoch != ctx.Epoch || c.step != ctx.Step || c.parts != parts {
		return nil, false
	}
	lo, _ := bp.PartRange(len(l.idx), part, parts)
	return l.idx[lo : lo+c.n], true
}

// segment returns the indices of segment k.
func (l *spikeList) segment(k int) []int32 {
	lo, _ := bp.PartRange(len(l.idx), k, l.parts)
	return l.idx[lo : lo+l.counts[k].n]
}

// spikeLists keeps a group's lists of the last two steps, by the parity of
// the step: while the group writes the list of step s, projections on other
// goroutines may still read the list of step s−1 (see ProjAlignPost's
// PartLocal).
type spikeLists [2]spikeList

// init allocates the index slices of both lists for n neurons.
func (s *spikeLists) init(n int) {
	s[0].idx, s[1].idx = make([]int32, n), make([]int32, n)
}

// current returns the list the update of ctx's step writes.
func (s *spikeLists) current(ctx *bp.Context) *spikeList { return &s[ctx.Step&1] }

// latest returns the list of the group's last update if it was in ctx's
// step or the one before, in ctx's epoch — the spikes its flags hold — or
// nil. Epoch 0 (a loop written by hand, where the state may have been
// loaded or changed between any two steps) has no lists.
func (s *spikeLists) latest(ctx *bp.Context) *spikeList {
	if l := &s[ctx.Step&1]; ctx.Epoch != 0 && l.parts > 0 && l.epoch == ctx.Epoch && l.step == ctx.Step {
		return l
	}
	return s.before(ctx)
}

// before returns the list of the step before ctx's, or nil (always in
// epoch 0).
func (s *spikeLists) before(ctx *bp.Context) *spikeList {
	if l := &s[(ctx.Step-1)&1]; ctx.Epoch != 0 && l.parts > 0 && l.epoch == ctx.Epoch && l.step == ctx.Step-1 {
		return l
	}
	return nil
}

// reset drops both lists.
func (s *spikeLists) reset() { s[0].parts, s[1].parts = 0, 0 }

// spikeLister is a group that keeps spikeLists ([LIF], [TraubHH]).
type spikeLister interface {
	spikeLists() *spikeLists
}
