package dyn

import (
	"fmt"
	"math"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/braingo/braingo/bp"
	bm "github.com/braingo/braingo/bp/math"
	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"
)

// Comm is the communication layer of a projection: a linear map from the
// presynaptic neurons to the postsynaptic ones, W of shape pre×post.
//
// EventAdd adds, for every spiking presynaptic neuron i, its row W[i, ·]
// into dst (one entry per postsynaptic neuron); it touches only the synapses
// of spiking neurons. MatVecAdd adds Wᵀx into dst, dst[j] += Σ_i x[i]·W[i, j].
// Neither allocates.
type Comm interface {
	Shape() (pre, post int)
	EventAdd(dst []float64, spikes []bool)
	MatVecAdd(dst, x []float64)
}

// DenseComm is a dense weight matrix, row-major by presynaptic neuron:
// W[i*Post+j] is the weight from pre i to post j.
type DenseComm struct {
	Pre, Post int       // numbers of presynaptic and postsynaptic neurons
	W         []float64 // Pre·Post weights, row-major by presynaptic neuron
}

// NewDenseComm returns a dense layer with a copy of the pre×post matrix m.
// A nil m gives a 0×0 layer, which a projection then refuses for its
// groups' sizes.
func NewDenseComm(m mat.Matrix) *DenseComm {
	if m == nil {
		return &DenseComm{}
	}
	r, c := m.Dims()
	d := &DenseComm{Pre: r, Post: c, W: make([]float64, r*c)}
	d.Matrix().Copy(m)
	return d
}

// NewDenseCommFlat returns a dense layer over w, the row-major pre×post
// weights (used, not copied).
func NewDenseCommFlat(pre, post int, w []float64) (*DenseComm, error) {
	if pre < 0 || post < 0 || len(w) != pre*post {
		return nil, fmt.Errorf("%w: dense layer %d×%d needs %d weights, got %d", ErrSizeMismatch, pre, post, pre*post, len(w))
	}
	return &DenseComm{Pre: pre, Post: post, W: w}, nil
}

// Matrix returns the weights as a gonum matrix sharing W.
func (d *DenseComm) Matrix() *mat.Dense {
	if d.Pre == 0 || d.Post == 0 {
		return &mat.Dense{}
	}
	return mat.NewDense(d.Pre, d.Post, d.W)
}

// Shape returns (Pre, Post).
func (d *DenseComm) Shape() (int, int) { return d.Pre, d.Post }

// EventAdd adds the rows of the spiking neurons into dst.
func (d *DenseComm) EventAdd(dst []float64, spikes []bool) {
	n := d.Post
	dst = dst[:n]
	for i, s := range spikes[:d.Pre] {
		if s {
			floats.Add(dst, d.W[i*n:(i+1)*n])
		}
	}
}

// MatVecAdd adds Wᵀx into dst.
func (d *DenseComm) MatVecAdd(dst, x []float64) {
	n := d.Post
	dst = dst[:n]
	for i, xi := range x[:d.Pre] {
		if xi != 0 {
			floats.AddScaled(dst, xi, d.W[i*n:(i+1)*n])
		}
	}
}

// OneToOne connects neuron i to neuron i with weight W, or Weights[i] when
// Weights is not nil.
type OneToOne struct {
	N       int       // number of neurons on each side
	W       float64   // homogeneous weight, used when Weights is nil
	Weights []float64 // per-neuron weights (N of them), or nil
}

// NewOneToOne returns a one-to-one layer over n neurons with homogeneous
// weight w.
func NewOneToOne(n int, w float64) (*OneToOne, error) {
	if n < 0 {
		return nil, fmt.Errorf("%w: one-to-one layer of %d neurons", ErrSizeMismatch, n)
	}
	return &OneToOne{N: n, W: w}, nil
}

// Shape returns (N, N).
func (o *OneToOne) Shape() (int, int) { return o.N, o.N }

func (o *OneToOne) weight(i int) float64 {
	if o.Weights == nil {
		return o.W
	}
	return o.Weights[i]
}

// EventAdd adds the weight of each spiking neuron into dst at its index.
func (o *OneToOne) EventAdd(dst []float64, spikes []bool) {
	dst = dst[:o.N]
	for i, s := range spikes[:o.N] {
		if s {
			dst[i] += o.weight(i)
		}
	}
}

// MatVecAdd adds w_i·x_i into dst.
func (o *OneToOne) MatVecAdd(dst, x []float64) {
	dst = dst[:o.N]
	if o.Weights == nil {
		floats.AddScaled(dst, o.W, x[:o.N])
		return
	}
	for i, xi := range x[:o.N] {
		dst[i] += o.Weights[i] * xi
	}
}

// AllToAll connects every presynaptic neuron to every postsynaptic one with
// the homogeneous weight W; with ExcludeSelf (pre and post the same size,
// usually the same group) neuron i does not connect to itself. It stores no
// synapses: a step costs O(pre + post).
type AllToAll struct {
	Pre, Post   int     // numbers of presynaptic and postsynaptic neurons
	W           float64 // homogeneous weight
	ExcludeSelf bool    // no synapse from neuron i to neuron i (needs Pre == Post)
}

// NewAllToAll returns an all-to-all layer. excludeSelf needs pre == post.
func NewAllToAll(pre, post int, w float64, excludeSelf bool) (*AllToAll, error) {
	if pre < 0 || post < 0 {
		return nil, fmt.Errorf("%w: all-to-all layer %d×%d", ErrSizeMismatch, pre, post)
	}
	if excludeSelf && pre != post {
		return nil, fmt.Errorf("%w: all-to-all without self connections needs pre == post, got %d and %d", ErrSizeMismatch, pre, post)
	}
	return &AllToAll{Pre: pre, Post: post, W: w, ExcludeSelf: excludeSelf}, nil
}

// Shape returns (Pre, Post).
func (a *AllToAll) Shape() (int, int) { return a.Pre, a.Post }

// EventAdd adds W times the number of spiking neurons (other than j itself
// with ExcludeSelf) into every dst[j].
func (a *AllToAll) EventAdd(dst []float64, spikes []bool) {
	k := 0
	for _, s := range spikes[:a.Pre] {
		if s {
			k++
		}
	}
	if k == 0 {
		return
	}
	dst = dst[:a.Post]
	if !a.ExcludeSelf {
		floats.AddConst(a.W*float64(k), dst)
		return
	}
	for j, s := range spikes[:len(dst)] {
		if s {
			dst[j] += a.W * float64(k-1)
		} else {
			dst[j] += a.W * float64(k)
		}
	}
}

// MatVecAdd adds W·Σx (less x[j] with ExcludeSelf) into every dst[j].
func (a *AllToAll) MatVecAdd(dst, x []float64) {
	sum := floats.Sum(x[:a.Pre])
	dst = dst[:a.Post]
	if !a.ExcludeSelf {
		floats.AddConst(a.W*sum, dst)
		return
	}
	for j, xj := range x[:len(dst)] {
		dst[j] += a.W * (sum - xj)
	}
}

// CSRComm is a sparse layer stored as a [bm.CSR] (rows = presynaptic
// neurons). EventAdd walks only the rows of spiking neurons (BrainPy's
// EventCSRLinear); MatVecAdd is the full product (CSRLinear).
type CSRComm struct {
	*bm.CSR
	sorted  bool                      // indices ascending within every row (as the Conn builders make them)
	splits  atomic.Pointer[rowSplits] // where each row crosses the part boundaries, for the last number of parts
	splitMu sync.Mutex                // held while splits is computed
}

// rowSplits holds, for a number of parts, where each sorted row crosses
// the boundaries of the parts of the postsynaptic neurons
// (bp.PartRange): bounds[i·parts + k] is the first synapse of row i whose
// postsynaptic neuron is in part k or after (and bounds[i·parts + parts]
// is the first of row i+1), so a row's bounds share a cache line.
type rowSplits struct {
	parts  int
	bounds []int32 // Rows·parts + 1 entries; for one part, Indptr
}

// spans are the synapses of one part of every row: row i's are
// b[i·stride] … b[i·stride+1]−1. A nil b means the rows are not sorted.
type spans struct {
	b      []int32
	stride int
}

// row returns the span of row i.
func (s spans) row(i int) (lo, hi int32) {
	j := i * s.stride
	return s.b[j], s.b[j+1]
}

// NewCSRComm returns a sparse layer over c (used, not copied) after
// validating it.
func NewCSRComm(c *bm.CSR) (*CSRComm, error) {
	if c == nil {
		return nil, fmt.Errorf("%w: nil CSR", ErrSizeMismatch)
	}
	if err := c.Validate(); err != nil {
		return nil, err
	}
	sorted := true
	for i := 0; i < c.Rows && sorted; i++ {
		sorted = slices.IsSorted(c.Indices[c.Indptr[i]:c.Indptr[i+1]])
	}
	return &CSRComm{CSR: c, sorted: sorted}, nil
}

// Shape returns (Rows, Cols).
func (c *CSRComm) Shape() (int, int) { return c.Rows, c.Cols }

// EventAddIdx adds the rows of the neurons idx into dst, after touching
// their cache lines (touchSpans), in bm.CSR.EventAddIdx's order.
func (c *CSRComm) EventAddIdx(dst []float64, idx []int32) {
	if len(dst) != c.Cols {
		panic(fmt.Sprintf("dyn: CSRComm.EventAddIdx: dst has %d elements, want %d", len(dst), c.Cols))
	}
	c.eventAddScaled(dst, nil, idx, 0, 1, 1)
}

// EventAddPart adds the rows of the spiking neurons into dst for the
// postsynaptic neurons of part `part` of `parts` only (bp.PartRange of
// Cols), in EventAdd's order: parts that cover all columns, run in any
// order or at the same time, give EventAdd's result bit for bit.
func (c *CSRComm) EventAddPart(dst []float64, spikes []bool, part, parts int) {
	c.eventAddScaled(dst, spikes, nil, part, parts, 1)
}

// EventAddIdxPart is EventAddPart with the spiking neurons given as
// increasing indices.
func (c *CSRComm) EventAddIdxPart(dst []float64, idx []int32, part, parts int) {
	c.eventAddScaled(dst, nil, idx, part, parts, 1)
}

// eventAddScaled adds scale times the rows of the spiking neurons (the
// list idx when it is not nil, else the flags spikes) into dst for the
// postsynaptic neurons of part `part` of `parts` (all of them for one
// part), in EventAdd's order.
func (c *CSRComm) eventAddScaled(dst []float64, spikes []bool, idx []int32, part, parts int, scale float64) {
	sp, lo, hi := c.partSpans(part, parts)
	if idx == nil {
		spikes = spikes[:c.Rows]
		for i := bm.NextSpike(spikes, 0); i < len(spikes); i = bm.NextSpike(spikes, i+1) {
			c.addRowPart(dst, i, sp, lo, hi, scale)
		}
		return
	}
	for _, i := range idx {
		if uint(i) >= uint(c.Rows) {
			panic(fmt.Sprintf("dyn: CSRComm: spiking neuron %d outside [0, %d)", i, c.Rows))
		}
	}
	if sp.b != nil {
		c.touchSpans(idx, sp)
	}
	for _, i := range idx {
		c.addRowPart(dst, int(i), sp, lo, hi, scale)
	}
}

// partSpans returns the spans of part `part` of `parts` of the rows:
// whole rows for one part, else, when the rows are sorted, from the
// rowSplits; otherwise no spans and the part's column range [lo, hi),
// whose synapses addRowPart then picks one by one.
func (c *CSRComm) partSpans(part, parts int) (sp spans, lo, hi int) {
	switch {
	case parts == 1:
		return spans{c.Indptr, 1}, 0, 0
	case c.sorted:
		return spans{c.splitsFor(parts).bounds[part:], parts}, 0, 0
	}
	lo, hi = bp.PartRange(c.Cols, part, parts)
	return spans{}, lo, hi
}

// addRowPart adds scale times the synapses of row i in the part partSpans
// described into dst.
func (c *CSRComm) addRowPart(dst []float64, i int, sp spans, lo, hi int, scale float64) {
	if sp.b != nil {
		start, end := sp.row(i)
		c.AddSynapses(dst, start, end, scale)
		return
	}
	width := uint32(hi - lo)
	for k := c.Indptr[i]; k < c.Indptr[i+1]; k++ {
		if uint32(int(c.Indices[k])-lo) < width {
			c.AddSynapses(dst, k, k+1, scale)
		}
	}
}

// splitsFor returns the rowSplits for parts parts, computing them once
// per number of parts: the first part to ask computes them while the
// others wait.
func (c *CSRComm) splitsFor(parts int) *rowSplits {
	s := c.splits.Load()
	if s == nil || s.parts != parts {
		c.splitMu.Lock()
		if s = c.splits.Load(); s == nil || s.parts != parts {
			s = c.newSplits(parts)
			c.splits.Store(s)
		}
		c.splitMu.Unlock()
	}
	return s
}

// PrepareParts computes where each row crosses the ranges of parts parts,
// when the rows are sorted (bp.PartPreparer), so that the first step on
// parts goroutines does not: about 80 ns per row.
func (c *CSRComm) PrepareParts(parts int) {
	if parts > 1 && c.sorted {
		c.splitsFor(parts)
	}
}

// newSplits computes the rowSplits of sorted rows for parts parts.
func (c *CSRComm) newSplits(parts int) *rowSplits {
	s := &rowSplits{parts: parts, bounds: make([]int32, c.Rows*parts+1)}
	for i := range c.Rows {
		row := c.Indices[c.Indptr[i]:c.Indptr[i+1]]
		s.bounds[i*parts] = c.Indptr[i]
		for b := 1; b < parts; b++ {
			lo, _ := bp.PartRange(c.Cols, b, parts)
			k, _ := slices.BinarySearch(row, int32(lo))
			s.bounds[i*parts+b] = c.Indptr[i] + int32(k)
		}
	}
	s.bounds[c.Rows*parts] = c.Indptr[c.Rows]
	return s
}

// touchSpans asks for every cache line of the spans sp of the rows of idx
// before they are delivered, so that their cache misses overlap where the
// delivery loop would wait for each row in turn: at 10⁴–10⁵ neurons the
// rows are in main memory and these waits are most of the delivery time.
// Where the assembly kernels are in use it prefetches the lines, all rows
// in one call (prefetchSpans): a prefetch retires at once, where a load holds its
// place in the core until its line arrives, which bounds how many are in
// flight (CUBA 400k: 2.75 vs 3.03 ns/neuron-step). Otherwise it reads one
// index per line and tests the sum so that the loads are not dropped.
func (c *CSRComm) touchSpans(idx []int32, sp spans) {
	if useAVX2 {
		if len(idx) > 0 && len(c.Indices) > 0 {
			prefetchSpans(&c.Indices[0], &sp.b[0], sp.stride, &idx[0], len(idx))
		}
		return
	}
	var sum int32
	for _, i := range idx {
		start, end := sp.row(int(i))
		for k := start; k < end; k += 16 {
			sum += c.Indices[k]
		}
	}
	if sum == math.MinInt32 {
		touchSink.Add(1) // practically never; race-free when it happens
	}
}

// touchSink is where touchSpans' sums go when they must be kept.
var touchSink atomic.Int32

// JITComm is a just-in-time random layer ([bm.JITConn]): each synapse
// exists with a fixed probability and its row is regenerated from the seed
// whenever it is needed, so it takes no memory (BrainPy's JitFP*Linear and
// EventJitFP*Linear).
type JITComm struct {
	*bm.JITConn
	clones [maxListParts]*bm.JITConn // parts 1…: their own generators (see conn)
}

// NewJITComm returns a pre×post just-in-time layer with connection
// probability prob, weights drawn from law, and seed seed.
func NewJITComm(pre, post int, prob float64, law bm.WeightLaw, seed uint64) (*JITComm, error) {
	j, err := bm.NewJITConn(pre, post, prob, law, seed)
	if err != nil {
		return nil, err
	}
	return &JITComm{JITConn: j}, nil
}

// Shape returns (Rows, Cols).
func (c *JITComm) Shape() (int, int) { return c.Rows, c.Cols }

// EventAddPart adds the rows of the spiking neurons into dst for part
// `part` of `parts` of the postsynaptic neurons (bp.PartRange of Cols), in
// EventAdd's order; each part draws the rows up to the end of its range.
func (c *JITComm) EventAddPart(dst []float64, spikes []bool, part, parts int) {
	lo, hi := bp.PartRange(c.Cols, part, parts)
	c.conn(part).EventAddRange(dst, spikes, lo, hi)
}

// EventAddIdxPart is EventAddPart with the spiking neurons given as
// increasing indices.
func (c *JITComm) EventAddIdxPart(dst []float64, idx []int32, part, parts int) {
	lo, hi := bp.PartRange(c.Cols, part, parts)
	c.conn(part).EventAddIdxRange(dst, idx, lo, hi)
}

// conn returns the matrix part `part` draws rows with: the JITConn itself
// for part 0, a clone with its own generator for the others (a JITConn
// reseeds one generator per row, so two goroutines cannot share it), made
// again if the matrix's settings changed since.
func (c *JITComm) conn(part int) *bm.JITConn {
	if part == 0 {
		return c.JITConn
	}
	j := c.clones[part-1]
	if j == nil || j.Rows != c.Rows || j.Cols != c.Cols || j.Prob != c.Prob || j.Seed != c.Seed || j.Law != c.Law {
		j = c.Clone()
		c.clones[part-1] = j
	}
	return j
}
