package bm

import "fmt"

// The products below panic (like gonum's mat) when slice lengths do not match
// the matrix, since they run inside simulation loops; validate shapes once at
// construction time.

func checkLen(op, name string, got, want int) {
	if got != want {
		panic(fmt.Sprintf("bm: %s: len(%s) = %d, want %d", op, name, got, want))
	}
}

// MatVec computes the projection product dst = Aᵀx: it propagates the
// presynaptic activity x (len Rows) to the postsynaptic neurons,
// dst[post] = Σ_pre A[pre, post]·x[pre], overwriting dst (len Cols). Rows
// with x[pre] == 0 are skipped. It allocates nothing.
func (c *CSR) MatVec(dst, x []float64) {
	checkLen("CSR.MatVec", "dst", len(dst), c.Cols)
	clear(dst)
	c.MatVecAdd(dst, x)
}

// MatVecAdd is MatVec accumulating into dst: dst[post] += Σ_pre A[pre, post]·x[pre].
func (c *CSR) MatVecAdd(dst, x []float64) {
	checkLen("CSR.MatVecAdd", "dst", len(dst), c.Cols)
	checkLen("CSR.MatVecAdd", "x", len(x), c.Rows)
	indptr := c.Indptr[:len(x)+1]
	for i, xi := range x {
		if xi != 0 {
			c.AddSynapses(dst, indptr[i], indptr[i+1], xi)
		}
	}
}

// MulVec computes the ordinary product dst = A·x with x indexed by
// postsynaptic neuron (len Cols) and dst by presynaptic neuron (len Rows):
// dst[pre] = Σ_post A[pre, post]·x[post]. It allocates nothing.
func (c *CSR) MulVec(dst, x []float64) {
	checkLen("CSR.MulVec", "dst", len(dst), c.Rows)
	checkLen("CSR.MulVec", "x", len(x), c.Cols)
	gatherMulVec(dst, c.Indptr, c.Indices, c.Weights, c.W, x)
}

// gatherMulVec sets dst[i] to the dot product of compressed slice i
// (entries indptr[i] … indptr[i+1]-1 with minor indices and weights, or the
// homogeneous w when weights is nil) with x. Shapes are checked by callers.
func gatherMulVec(dst []float64, indptr, indices []int32, weights []float64, w float64, x []float64) {
	indptr = indptr[:len(dst)+1]
	for i := range dst {
		lo, hi := indptr[i], indptr[i+1]
		var s float64
		if weights == nil {
			for _, j := range indices[lo:hi] {
				s += x[j]
			}
			s *= w
		} else {
			ws := weights[lo:hi]
			for k, j := range indices[lo:hi] {
				s += ws[k] * x[j]
			}
		}
		dst[i] = s
	}
}

// EventAdd is the event-driven product: for every presynaptic neuron that
// spiked (spikes[pre], len Rows) it adds the weights of its synapses into
// dst[post] (len Cols). Only the rows of spiking neurons are touched and
// nothing is allocated, so the cost is proportional to the number of
// synapses of the neurons that fired.
func (c *CSR) EventAdd(dst []float64, spikes []bool) {
	checkLen("CSR.EventAdd", "dst", len(dst), c.Cols)
	checkLen("CSR.EventAdd", "spikes", len(spikes), c.Rows)
	indptr := c.Indptr[:len(spikes)+1]
	for i := NextSpike(spikes, 0); i < len(spikes); i = NextSpike(spikes, i+1) {
		c.AddSynapses(dst, indptr[i], indptr[i+1], 1)
	}
}

// EventAddIdx is EventAdd with the spiking presynaptic neurons given as a
// list of indices (each in [0, Rows); repeated indices add repeatedly).
func (c *CSR) EventAddIdx(dst []float64, idx []int32) {
	checkLen("CSR.EventAddIdx", "dst", len(dst), c.Cols)
	for _, i := range idx {
		if i < 0 || int(i) >= c.Rows {
			panic(fmt.Sprintf("bm: CSR.EventAddIdx: index %d outside [0, %d)", i, c.Rows))
		}
		c.AddSynapses(dst, c.Indptr[i], c.Indptr[i+1], 1)
	}
}

// AddSynapses adds scale times the weights of synapses lo … hi−1 (positions
// in Indices, such as a row's Indptr[i] … Indptr[i+1]−1 or a part of it)
// into dst at their postsynaptic indices.
func (c *CSR) AddSynapses(dst []float64, lo, hi int32, scale float64) {
	if c.Weights == nil {
		v := c.W * scale
		for _, j := range c.Indices[lo:hi] {
			dst[j] += v
		}
		return
	}
	ws := c.Weights[lo:hi]
	for k, j := range c.Indices[lo:hi] {
		dst[j] += ws[k] * scale
	}
}

// Pre2Syn spreads presynaptic values to synapses: dst[k] = x[pre of k] for
// every synapse k (len(dst) = NNZ, len(x) = Rows), e.g. to give each synapse
// its presynaptic spike or trace. It allocates nothing.
func (c *CSR) Pre2Syn(dst, x []float64) {
	checkLen("CSR.Pre2Syn", "dst", len(dst), len(c.Indices))
	checkLen("CSR.Pre2Syn", "x", len(x), c.Rows)
	indptr := c.Indptr[:len(x)+1]
	for i, xi := range x {
		seg := dst[indptr[i]:indptr[i+1]]
		for k := range seg {
			seg[k] = xi
		}
	}
}

// Syn2Post sums per-synapse values into their postsynaptic neurons:
// dst[post] += Σ_{k onto post} s[k] (len(s) = NNZ, len(dst) = Cols), e.g.
// per-synapse conductances into a postsynaptic current. It allocates
// nothing.
func (c *CSR) Syn2Post(dst, s []float64) {
	checkLen("CSR.Syn2Post", "dst", len(dst), c.Cols)
	checkLen("CSR.Syn2Post", "s", len(s), len(c.Indices))
	for k, j := range c.Indices {
		dst[j] += s[k]
	}
}
