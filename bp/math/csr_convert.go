package bm

import (
	"fmt"

	"gonum.org/v1/gonum/mat"
)

// Index is the set of integer types accepted for neuron indices in the
// conversion functions, so that index lists built as []int or []int32 can be
// passed without copying them by hand.
type Index interface {
	~int | ~int32 | ~int64
}

// maxNNZ is the largest number of synapses a CSR can hold (int32 pointers).
const maxNNZ = 1<<31 - 1

// CSRFromCOO builds the rows×cols CSR holding the synapses pre[k] → post[k]
// (coordinate format). weights is nil for a homogeneous weight w, else one
// weight per synapse. Within a row, synapses keep their input order. It
// returns an error (wrapping ErrShape) on lists of different lengths, indices
// out of range, or more than 2^31-1 synapses.
func CSRFromCOO[I Index](rows, cols int, pre, post []I, weights []float64, w float64) (*CSR, error) {
	if len(pre) != len(post) {
		return nil, fmt.Errorf("%w: COO has %d pre and %d post indices, want equal lengths", ErrShape, len(pre), len(post))
	}
	if weights != nil && len(weights) != len(pre) {
		return nil, fmt.Errorf("%w: COO has %d weights for %d synapses; want nil (homogeneous) or one per synapse", ErrShape, len(weights), len(pre))
	}
	if len(pre) > maxNNZ {
		return nil, fmt.Errorf("%w: %d synapses exceed the CSR limit of 2^31-1", ErrShape, len(pre))
	}
	if rows < 0 || cols < 0 || rows > maxNNZ || cols > maxNNZ {
		return nil, fmt.Errorf("%w: COO size %d×%d: sizes must be in [0, 2^31-1]", ErrShape, rows, cols)
	}
	indptr := make([]int32, rows+1)
	for k := range pre {
		i, j := pre[k], post[k]
		if i < 0 || int64(i) >= int64(rows) || j < 0 || int64(j) >= int64(cols) {
			return nil, fmt.Errorf("%w: COO synapse %d is %d → %d, outside %d×%d", ErrShape, k, i, j, rows, cols)
		}
		indptr[i+1]++
	}
	for i := 0; i < rows; i++ {
		indptr[i+1] += indptr[i]
	}
	c := &CSR{Rows: rows, Cols: cols, Indptr: indptr, Indices: make([]int32, len(pre)), W: w}
	if weights != nil {
		c.Weights = make([]float64, len(pre))
	}
	next := make([]int32, rows)
	copy(next, indptr[:rows])
	for k := range pre {
		i := pre[k]
		pos := next[i]
		next[i]++
		c.Indices[pos] = int32(post[k])
		if weights != nil {
			c.Weights[pos] = weights[k]
		}
	}
	return c, nil
}

// CSRFromPre2Post builds a CSR from one list of postsynaptic indices per
// presynaptic neuron (len(lists) rows, cols columns) with homogeneous weight
// w. It returns an error (wrapping ErrShape) for an index outside [0, cols).
func CSRFromPre2Post[I Index](cols int, lists [][]I, w float64) (*CSR, error) {
	var pre, post []int32
	for i, l := range lists {
		for _, j := range l {
			if j < 0 || int64(j) >= int64(cols) {
				return nil, fmt.Errorf("%w: pre2post list %d holds %d, outside [0, %d)", ErrShape, i, j, cols)
			}
			pre = append(pre, int32(i))
			post = append(post, int32(j))
		}
	}
	return CSRFromCOO(len(lists), cols, pre, post, nil, w)
}

// CSRFromDense builds a CSR with one synapse, carrying its weight, for every
// non-zero entry of m (rows = presynaptic neurons).
func CSRFromDense(m mat.Matrix) *CSR {
	rows, cols := m.Dims()
	c := &CSR{Rows: rows, Cols: cols, Indptr: make([]int32, rows+1), Indices: []int32{}, Weights: []float64{}}
	for i := 0; i < rows; i++ {
		for j := 0; j < cols; j++ {
			if v := m.At(i, j); v != 0 {
				c.Indices = append(c.Indices, int32(j))
				c.Weights = append(c.Weights, v)
			}
		}
		c.Indptr[i+1] = int32(len(c.Indices))
	}
	return c
}

// ToDense returns c as a dense Rows×Cols matrix; duplicate synapses add up. A
// matrix with no rows or no columns gives an empty mat.Dense (gonum has no
// zero-sized dense matrices).
func (c *CSR) ToDense() *mat.Dense {
	if c.Rows == 0 || c.Cols == 0 {
		return &mat.Dense{}
	}
	d := mat.NewDense(c.Rows, c.Cols, nil)
	raw := d.RawMatrix()
	for i := 0; i < c.Rows; i++ {
		row := raw.Data[i*raw.Stride : i*raw.Stride+c.Cols]
		c.AddSynapses(row, c.Indptr[i], c.Indptr[i+1], 1)
	}
	return d
}

// ToCOO returns the synapses of c as coordinate lists in row order: synapse
// k goes pre[k] → post[k] with weight weights[k]; weights is nil when c is
// homogeneous. The slices are fresh copies.
func (c *CSR) ToCOO() (pre, post []int32, weights []float64) {
	pre = make([]int32, len(c.Indices))
	for i := 0; i < c.Rows; i++ {
		for k := c.Indptr[i]; k < c.Indptr[i+1]; k++ {
			pre[k] = int32(i)
		}
	}
	post = append([]int32(nil), c.Indices...)
	if c.Weights != nil {
		weights = append([]float64(nil), c.Weights...)
	}
	return pre, post, weights
}

// Pre2Post returns, for each presynaptic neuron, the list of its
// postsynaptic neurons. The lists are sub-slices of c.Indices, not copies.
func (c *CSR) Pre2Post() [][]int32 {
	lists := make([][]int32, c.Rows)
	for i := range lists {
		lists[i] = c.Indices[c.Indptr[i]:c.Indptr[i+1]:c.Indptr[i+1]]
	}
	return lists
}

// Post2Pre returns, for each postsynaptic neuron, the list of its
// presynaptic neurons in increasing order (with repeats for duplicate
// synapses).
func (c *CSR) Post2Pre() [][]int32 {
	t := c.transpose()
	lists := make([][]int32, c.Cols)
	for j := range lists {
		lists[j] = t.indices[t.indptr[j]:t.indptr[j+1]:t.indptr[j+1]]
	}
	return lists
}

// Post2Syn returns, for each postsynaptic neuron j, the synapse numbers k
// (positions in c.Indices and c.Weights) of the synapses onto j, as
// syn[indptr[j]:indptr[j+1]] in increasing presynaptic order. Plasticity
// rules use it to update weights from the postsynaptic side.
func (c *CSR) Post2Syn() (indptr, syn []int32) {
	t := c.transpose()
	return t.indptr, t.perm
}

// Transpose returns the Cols×Rows CSR of Aᵀ (rows = postsynaptic neurons).
func (c *CSR) Transpose() *CSR {
	t := c.transpose()
	return &CSR{Rows: c.Cols, Cols: c.Rows, Indptr: t.indptr, Indices: t.indices, Weights: c.permutedWeights(t.perm), W: c.W}
}

// permutedWeights returns Weights[perm[k]] for each k, or nil if c is
// homogeneous.
func (c *CSR) permutedWeights(perm []int32) []float64 {
	if c.Weights == nil {
		return nil
	}
	w := make([]float64, len(perm))
	for k, s := range perm {
		w[k] = c.Weights[s]
	}
	return w
}

// transposed is the column-major layout of a CSR: indptr over columns,
// the row index of each entry, and the CSR synapse number it came from.
type transposed struct {
	indptr, indices, perm []int32
}

// transpose computes the column-major layout by a counting sort, which keeps
// rows in increasing order within each column.
func (c *CSR) transpose() transposed {
	nnz := len(c.Indices)
	t := transposed{indptr: make([]int32, c.Cols+1), indices: make([]int32, nnz), perm: make([]int32, nnz)}
	for _, j := range c.Indices {
		t.indptr[j+1]++
	}
	for j := 0; j < c.Cols; j++ {
		t.indptr[j+1] += t.indptr[j]
	}
	next := make([]int32, c.Cols)
	copy(next, t.indptr[:c.Cols])
	for i := 0; i < c.Rows; i++ {
		for k := c.Indptr[i]; k < c.Indptr[i+1]; k++ {
			j := c.Indices[k]
			pos := next[j]
			next[j]++
			t.indices[pos] = int32(i)
			t.perm[pos] = k
		}
	}
	return t
}
