package bm

import (
	"errors"
	"fmt"
)

// ErrShape is wrapped by the errors that report inconsistent sizes or
// out-of-range indices in sparse structures.
var ErrShape = errors.New("bm: bad shape")

// CSR is a sparse connection matrix in compressed sparse row form, one row
// per PRESYNAPTIC neuron and one column per postsynaptic neuron: entry
// (pre, post) is the weight of the synapse pre → post.
//
// The synapses of pre are k = Indptr[pre] … Indptr[pre+1]-1; Indices[k] is
// the postsynaptic neuron of synapse k and Weights[k] its weight. A nil
// Weights means every synapse has the homogeneous weight W, which costs 4
// bytes per synapse (plus 4 per row). Duplicate (pre, post) pairs are allowed
// and act as separate synapses; indices need not be sorted within a row.
//
// Build a CSR with NewCSR or one of the From functions, which validate it; a
// CSR literal should be checked with Validate before use, because the
// products do not re-check indices.
type CSR struct {
	Rows, Cols int       // number of presynaptic and postsynaptic neurons
	Indptr     []int32   // row pointers, len Rows+1, non-decreasing, from 0 to len(Indices)
	Indices    []int32   // postsynaptic index of each synapse, in [0, Cols)
	Weights    []float64 // weight of each synapse, len(Indices); nil => all weights are W
	W          float64   // homogeneous weight, used when Weights is nil
}

// NewCSR returns the CSR matrix with the given parts after checking them
// (see Validate). The slices are used, not copied.
func NewCSR(rows, cols int, indptr, indices []int32, weights []float64, w float64) (*CSR, error) {
	c := &CSR{Rows: rows, Cols: cols, Indptr: indptr, Indices: indices, Weights: weights, W: w}
	if err := c.Validate(); err != nil {
		return nil, err
	}
	return c, nil
}

// Validate reports whether c is well formed: non-negative sizes that fit in
// int32, len(Indptr) == Rows+1, Indptr[0] == 0, Indptr non-decreasing and
// ending at len(Indices), every index in [0, Cols), and Weights either nil or
// of len(Indices). The error wraps ErrShape.
func (c *CSR) Validate() error {
	return validateCompressed("CSR", "row", c.Rows, c.Cols, c.Indptr, c.Indices, c.Weights)
}

// validateCompressed checks a compressed sparse structure with n major
// slices (rows of a CSR, columns of a CSC) and minor dimension m.
func validateCompressed(kind, major string, n, m int, indptr, indices []int32, weights []float64) error {
	const maxInt32 = 1<<31 - 1
	if n < 0 || m < 0 || n > maxInt32 || m > maxInt32 {
		return fmt.Errorf("%w: %s size %d×%d: sizes must be in [0, 2^31-1]", ErrShape, kind, n, m)
	}
	if len(indptr) != n+1 {
		return fmt.Errorf("%w: %s Indptr has length %d, want %d (one more than the number of %ss)", ErrShape, kind, len(indptr), n+1, major)
	}
	if indptr[0] != 0 {
		return fmt.Errorf("%w: %s Indptr[0] = %d, want 0", ErrShape, kind, indptr[0])
	}
	for i := 0; i < n; i++ {
		if indptr[i+1] < indptr[i] {
			return fmt.Errorf("%w: %s Indptr decreases at %s %d (%d > %d); it must be non-decreasing", ErrShape, kind, major, i, indptr[i], indptr[i+1])
		}
	}
	if int(indptr[n]) != len(indices) {
		return fmt.Errorf("%w: %s Indptr ends at %d but there are %d indices", ErrShape, kind, indptr[n], len(indices))
	}
	for k, j := range indices {
		if j < 0 || int(j) >= m {
			return fmt.Errorf("%w: %s index %d at position %d is outside [0, %d)", ErrShape, kind, j, k, m)
		}
	}
	if weights != nil && len(weights) != len(indices) {
		return fmt.Errorf("%w: %s has %d weights for %d indices; Weights must be nil (homogeneous W) or one per synapse", ErrShape, kind, len(weights), len(indices))
	}
	return nil
}

// NNZ returns the number of stored synapses.
func (c *CSR) NNZ() int { return len(c.Indices) }

// Row returns the postsynaptic neurons of presynaptic neuron pre and their
// weights (nil for a homogeneous matrix). The slices alias c's storage, so
// writing a weight changes the matrix.
func (c *CSR) Row(pre int) (post []int32, weights []float64) {
	lo, hi := c.Indptr[pre], c.Indptr[pre+1]
	if c.Weights != nil {
		weights = c.Weights[lo:hi:hi]
	}
	return c.Indices[lo:hi:hi], weights
}

// weight returns the weight of synapse k.
func (c *CSR) weight(k int32) float64 {
	if c.Weights == nil {
		return c.W
	}
	return c.Weights[k]
}
