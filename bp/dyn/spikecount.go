package dyn

import (
	"github.com/braingo/braingo/bp"
	bm "github.com/braingo/braingo/bp/math"
)

// SpikeCounter counts the spikes of a group at every step, per neuron, as
// Brian2's SpikeMonitor(record=False) does: the cheap way to get firing
// rates of a long or large run, where recording every spike (a
// bp.MonitorSpikes) would store millions of them. It also keeps a digest
// of the raster, a hash of every (step, neuron) spike that does not depend
// on the order they are visited in, so that two runs can be shown to have
// fired the same neurons at the same steps (with different numbers of
// goroutines, say) without recording either. Add it to the network after
// the group. For a group that keeps a list of who spiked ([LIF],
// [TraubHH]) it reads the list instead of scanning every flag.
type SpikeCounter struct {
	Group bp.Spiker
	Count []int64 // spikes of each neuron since the counter was made or reset

	lists *spikeLists
	parts [maxListParts]counterPart
}

// counterPart is one goroutine's total and digest, on a cache line of its
// own.
type counterPart struct {
	n, digest uint64
	_         [48]byte
}

// NewSpikeCounter returns a counter of g's spikes.
func NewSpikeCounter(g bp.Spiker) *SpikeCounter {
	c := &SpikeCounter{Group: g, Count: make([]int64, len(g.Spikes()))}
	if sl, ok := g.(spikeLister); ok {
		c.lists = sl.spikeLists()
	}
	return c
}

// Update counts the spikes of this step.
func (c *SpikeCounter) Update(ctx *bp.Context) { c.UpdatePart(ctx, 0, 1) }

// UpdatePart counts the spikes of part `part` of `parts` of the neurons
// (bp.PartRange): those of the group's list segment for the part when the
// group made its list of this step in as many parts, else those its flags
// show in the part's range. It reads only its own segment's stamp, which
// the group's part `part` wrote on the same goroutine.
func (c *SpikeCounter) UpdatePart(ctx *bp.Context, part, parts int) {
	if parts > maxListParts {
		if part != 0 {
			return
		}
		part, parts = 0, 1
	}
	acc, step := &c.parts[part], uint64(ctx.Step)<<32
	if c.lists != nil {
		if seg, ok := c.lists.current(ctx).ownSegment(ctx, part, parts); ok {
			for _, i := range seg {
				c.Count[i]++
				acc.digest += bm.Mix64(step | uint64(i))
			}
			acc.n += uint64(len(seg))
			return
		}
	}
	s := c.Group.Spikes()
	lo, hi := bp.PartRange(len(s), part, parts)
	for i := bm.NextSpike(s[:hi], lo); i < hi; i = bm.NextSpike(s[:hi], i+1) {
		c.Count[i]++
		acc.n++
		acc.digest += bm.Mix64(step | uint64(i))
	}
}

// PartLocal reports that part k counts only the spikes of its own range of
// neurons (bp.PartLocal), as it does for up to 16 parts.
func (c *SpikeCounter) PartLocal(_ *bp.Context, parts int) bool { return parts <= maxListParts }

// KeepsInputs reports that the counter writes no model's input
// (bp.InputKeeper).
func (c *SpikeCounter) KeepsInputs() bool { return true }

// Total returns the number of spikes counted.
func (c *SpikeCounter) Total() int64 {
	var n uint64
	for _, p := range c.parts {
		n += p.n
	}
	return int64(n)
}

// Digest returns the hash of every (step, neuron) spike counted: the sum
// over spikes of a mix of the step and the neuron's index. Equal rasters
// give equal digests; different ones practically never do.
func (c *SpikeCounter) Digest() uint64 {
	var d uint64
	for _, p := range c.parts {
		d += p.digest
	}
	return d
}

// Reset zeroes the counts and the digest.
func (c *SpikeCounter) Reset(uint64) {
	clear(c.Count)
	c.parts = [maxListParts]counterPart{}
}
