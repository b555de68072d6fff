package bm

import "fmt"

// CSC is the same presynaptic × postsynaptic connection matrix as a CSR,
// stored post-major (compressed sparse column): the synapses onto
// postsynaptic neuron post are k = Indptr[post] … Indptr[post+1]-1, coming
// from presynaptic neuron Indices[k] with weight Weights[k] (or W when
// Weights is nil). Syn[k] is the number of that synapse in the CSR it was
// made from, so per-synapse state kept in CSR order can be reached from the
// postsynaptic side.
//
// Its products have the same meaning as CSR's but gather instead of scatter:
// each postsynaptic sum is formed in a register and written once, which
// suits dense activity and splitting the postsynaptic neurons between
// goroutines. With sparse activity CSR.EventAdd is cheaper, since the CSC
// visits every synapse.
type CSC struct {
	Rows, Cols int       // number of presynaptic and postsynaptic neurons
	Indptr     []int32   // column pointers, len Cols+1
	Indices    []int32   // presynaptic index of each synapse
	Syn        []int32   // CSR synapse number of each synapse
	Weights    []float64 // weight of each synapse; nil => all weights are W
	W          float64   // homogeneous weight
}

// ToCSC returns the post-major copy of c.
func (c *CSR) ToCSC() *CSC {
	t := c.transpose()
	return &CSC{Rows: c.Rows, Cols: c.Cols, Indptr: t.indptr, Indices: t.indices, Syn: t.perm, Weights: c.permutedWeights(t.perm), W: c.W}
}

// Validate reports whether s is well formed, as CSR.Validate, and that Syn
// is nil or has one entry per synapse. The error wraps ErrShape.
func (s *CSC) Validate() error {
	if err := validateCompressed("CSC", "column", s.Cols, s.Rows, s.Indptr, s.Indices, s.Weights); err != nil {
		return err
	}
	if s.Syn != nil && len(s.Syn) != len(s.Indices) {
		return fmt.Errorf("%w: CSC has %d Syn entries for %d synapses; want nil or one per synapse", ErrShape, len(s.Syn), len(s.Indices))
	}
	return nil
}

// ToCSR returns the pre-major copy of s. Within each row the synapses come
// in increasing postsynaptic order, which may differ from the order of the
// CSR that s was made from.
func (s *CSC) ToCSR() *CSR {
	// A CSC is the CSR of the transpose; transposing that gives back the CSR.
	return (&CSR{Rows: s.Cols, Cols: s.Rows, Indptr: s.Indptr, Indices: s.Indices, Weights: s.Weights, W: s.W}).Transpose()
}

// MatVec computes dst[post] = Σ_pre A[pre, post]·x[pre] (len(x) = Rows,
// len(dst) = Cols), the same product as CSR.MatVec, by gathering.
func (s *CSC) MatVec(dst, x []float64) {
	checkLen("CSC.MatVec", "dst", len(dst), s.Cols)
	checkLen("CSC.MatVec", "x", len(x), s.Rows)
	gatherMulVec(dst, s.Indptr, s.Indices, s.Weights, s.W, x)
}

// EventAdd adds, for each postsynaptic neuron, the weights of its synapses
// from spiking presynaptic neurons: dst[post] += Σ_{pre: spikes[pre]}
// A[pre, post]. It is the post-major form of CSR.EventAdd and allocates
// nothing.
func (s *CSC) EventAdd(dst []float64, spikes []bool) {
	checkLen("CSC.EventAdd", "dst", len(dst), s.Cols)
	checkLen("CSC.EventAdd", "spikes", len(spikes), s.Rows)
	indptr := s.Indptr[:len(dst)+1]
	for j := range dst {
		lo, hi := indptr[j], indptr[j+1]
		var sum float64
		if s.Weights == nil {
			n := 0
			for _, i := range s.Indices[lo:hi] {
				if spikes[i] {
					n++
				}
			}
			sum = float64(n) * s.W
		} else {
			ws := s.Weights[lo:hi]
			for k, i := range s.Indices[lo:hi] {
				if spikes[i] {
					sum += ws[k]
				}
			}
		}
		dst[j] += sum
	}
}
