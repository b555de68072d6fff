package bm

import (
	"errors"
	"fmt"
	"math"
)

// ErrParam is wrapped by the errors that report a parameter outside its
// allowed range.
var ErrParam = errors.New("bm: bad parameter")

// LawKind names the distribution of the weights of a JITConn.
type LawKind int

// The weight laws of just-in-time connectivity (BrainPy's
// jitconn.mv_prob_homo, mv_prob_uniform and mv_prob_normal).
const (
	Homogeneous LawKind = iota // every weight is W
	UniformLaw                 // weights drawn from Uniform(Lo, Hi)
	NormalLaw                  // weights drawn from Normal(Mu, Sigma)
)

// String returns the name of the law.
func (k LawKind) String() string {
	switch k {
	case Homogeneous:
		return "homogeneous"
	case UniformLaw:
		return "uniform"
	case NormalLaw:
		return "normal"
	}
	return fmt.Sprintf("LawKind(%d)", int(k))
}

// WeightLaw is the distribution of synaptic weights of a JITConn; the fields
// of its Kind are used. The zero value is homogeneous weight 0.
type WeightLaw struct {
	Kind      LawKind // which law; the fields below give its parameters
	W         float64 // Homogeneous
	Lo, Hi    float64 // UniformLaw
	Mu, Sigma float64 // NormalLaw
}

// HomoWeight is the law with every weight w.
func HomoWeight(w float64) WeightLaw { return WeightLaw{Kind: Homogeneous, W: w} }

// UniformWeight is the law Uniform(lo, hi).
func UniformWeight(lo, hi float64) WeightLaw { return WeightLaw{Kind: UniformLaw, Lo: lo, Hi: hi} }

// NormalWeight is the law Normal(mu, sigma).
func NormalWeight(mu, sigma float64) WeightLaw {
	return WeightLaw{Kind: NormalLaw, Mu: mu, Sigma: sigma}
}

func (l WeightLaw) validate() error {
	finite := func(xs ...float64) bool {
		for _, x := range xs {
			if math.IsNaN(x) || math.IsInf(x, 0) {
				return false
			}
		}
		return true
	}
	switch l.Kind {
	case Homogeneous:
		if !finite(l.W) {
			return fmt.Errorf("%w: homogeneous weight %v, want a finite value", ErrParam, l.W)
		}
	case UniformLaw:
		if !finite(l.Lo, l.Hi) || l.Lo > l.Hi {
			return fmt.Errorf("%w: uniform weights on [%v, %v), want finite lo <= hi", ErrParam, l.Lo, l.Hi)
		}
	case NormalLaw:
		if !finite(l.Mu, l.Sigma) || l.Sigma < 0 {
			return fmt.Errorf("%w: normal weights with mu %v, sigma %v, want finite mu and sigma >= 0", ErrParam, l.Mu, l.Sigma)
		}
	default:
		return fmt.Errorf("%w: unknown weight law %v (want Homogeneous, UniformLaw or NormalLaw)", ErrParam, l.Kind)
	}
	return nil
}

// JITConn is a just-in-time random connection matrix, Rows (presynaptic)
// × Cols (postsynaptic), in which each synapse exists independently with
// probability Prob and has a weight drawn from Law. Nothing is stored: row i
// is regenerated from (Seed, i) every time it is needed, walking the
// connected columns by geometric skips, so memory is O(1) however large the
// matrix and the cost of a row is proportional to its number of synapses.
// The same (Seed, i) always yields the same row, whichever product asks for
// it. ToCSR materialises the matrix.
//
// Build it with NewJITConn. A JITConn reuses one internal generator, so it
// is not safe for concurrent use: give each goroutine its own Clone. Its
// fields must not be changed after construction.
type JITConn struct {
	Rows, Cols int       // presynaptic and postsynaptic neurons
	Prob       float64   // connection probability of each pair
	Seed       uint64    // seed from which every row is regenerated
	Law        WeightLaw // law of the weights

	rng       *RNG    // regenerates rows; reseeded per row
	skipScale float64 // -1/log(1 - Prob): turns an Exp(1) draw into a Geometric(Prob) skip
}

// NewJITConn returns the rows×cols just-in-time connection matrix with
// connection probability prob in [0, 1], weight law law and seed seed. It
// returns an error (wrapping ErrParam) for negative sizes, a probability
// outside [0, 1] or an invalid law.
func NewJITConn(rows, cols int, prob float64, law WeightLaw, seed uint64) (*JITConn, error) {
	if rows < 0 || cols < 0 {
		return nil, fmt.Errorf("%w: JIT connection size %d×%d, want sizes >= 0", ErrParam, rows, cols)
	}
	if !(prob >= 0 && prob <= 1) {
		return nil, fmt.Errorf("%w: connection probability %v, want a value in [0, 1]", ErrParam, prob)
	}
	if err := law.validate(); err != nil {
		return nil, err
	}
	return &JITConn{Rows: rows, Cols: cols, Prob: prob, Seed: seed, Law: law, rng: NewRNG(0), skipScale: -1 / math.Log1p(-prob)}, nil
}

// Clone returns a JITConn for the same matrix with its own generator, so
// that several goroutines can generate rows of one matrix at once.
func (j *JITConn) Clone() *JITConn {
	c := *j
	c.rng = NewRNG(0)
	return &c
}

// jitDomain separates the row streams of JIT matrices from the streams of
// NewRNG(seed) with the same seed.
const jitDomain = 0x4a49_5443_6f6e_6e00 // "JITConn"

// startRow reseeds the generator for row i and returns the first connected
// column (Cols if there is none).
func (j *JITConn) startRow(i int) int {
	if j.rng == nil {
		panic("bm: JITConn used without NewJITConn")
	}
	j.rng.SeedStream(Mix64(j.Seed^jitDomain), uint64(i))
	return j.next(-1)
}

// next returns the connected column after c, skipping a Geometric(Prob)
// number of columns (⌊E/−log(1−Prob)⌋ with E ~ Exp(1)), or Cols when the row
// is done.
func (j *JITConn) next(c int) int {
	switch {
	case j.Prob >= 1:
		return c + 1
	case j.Prob <= 0:
		return j.Cols
	}
	// −log(1−U) is Exp(1); the ziggurat ExpFloat64 draws it without a
	// logarithm, which would dominate the cost of a row.
	skip := math.Floor(j.rng.rand.ExpFloat64() * j.skipScale)
	if skip >= float64(j.Cols-c) {
		return j.Cols
	}
	return c + 1 + int(skip)
}

// weight draws the weight of the current synapse.
func (j *JITConn) weight() float64 {
	switch j.Law.Kind {
	case UniformLaw:
		return j.Law.Lo + (j.Law.Hi-j.Law.Lo)*j.rng.Float64()
	case NormalLaw:
		return j.Law.Mu + j.Law.Sigma*j.rng.rand.NormFloat64()
	}
	return j.Law.W
}

// addRow adds scale times the weights of row i's synapses in [lo, hi)
// into dst (len Cols), drawing the row up to hi: every column's weight is
// the same whatever the range.
func (j *JITConn) addRow(dst []float64, i, lo, hi int, scale float64) {
	for c := j.startRow(i); c < hi; c = j.next(c) {
		w := j.weight()
		if c >= lo {
			dst[c] += scale * w
		}
	}
}

// EventAdd adds, for every presynaptic neuron that spiked (spikes, len
// Rows), the weights of its row into dst[post] (len Cols). Only the rows of
// spiking neurons are generated; it allocates nothing.
func (j *JITConn) EventAdd(dst []float64, spikes []bool) {
	checkLen("JITConn.EventAdd", "dst", len(dst), j.Cols)
	checkLen("JITConn.EventAdd", "spikes", len(spikes), j.Rows)
	for i := NextSpike(spikes, 0); i < len(spikes); i = NextSpike(spikes, i+1) {
		j.addRow(dst, i, 0, j.Cols, 1)
	}
}

// EventAddIdx is EventAdd with the spiking presynaptic neurons given as
// indices in [0, Rows).
func (j *JITConn) EventAddIdx(dst []float64, idx []int32) {
	checkLen("JITConn.EventAddIdx", "dst", len(dst), j.Cols)
	for _, i := range idx {
		if i < 0 || int(i) >= j.Rows {
			panic(fmt.Sprintf("bm: JITConn.EventAddIdx: index %d outside [0, %d)", i, j.Rows))
		}
		j.addRow(dst, int(i), 0, j.Cols, 1)
	}
}

// EventAddRange is EventAdd restricted to the postsynaptic neurons lo …
// hi−1: each row is generated as in EventAdd (so the same weights go to
// the same neurons) up to hi, and only its synapses in [lo, hi) are added.
// Ranges that cover [0, Cols), run in any order or at the same time, give
// EventAdd's result bit for bit.
func (j *JITConn) EventAddRange(dst []float64, spikes []bool, lo, hi int) {
	checkLen("JITConn.EventAddRange", "dst", len(dst), j.Cols)
	checkLen("JITConn.EventAddRange", "spikes", len(spikes), j.Rows)
	j.checkRange(lo, hi)
	for i := NextSpike(spikes, 0); i < len(spikes); i = NextSpike(spikes, i+1) {
		j.addRow(dst, i, lo, hi, 1)
	}
}

// EventAddIdxRange is EventAddRange with the spiking presynaptic neurons
// given as indices in [0, Rows).
func (j *JITConn) EventAddIdxRange(dst []float64, idx []int32, lo, hi int) {
	checkLen("JITConn.EventAddIdxRange", "dst", len(dst), j.Cols)
	j.checkRange(lo, hi)
	for _, i := range idx {
		if i < 0 || int(i) >= j.Rows {
			panic(fmt.Sprintf("bm: JITConn.EventAddIdxRange: index %d outside [0, %d)", i, j.Rows))
		}
		j.addRow(dst, int(i), lo, hi, 1)
	}
}

func (j *JITConn) checkRange(lo, hi int) {
	if lo < 0 || lo > hi || hi > j.Cols {
		panic(fmt.Sprintf("bm: JITConn: range [%d, %d) outside [0, %d]", lo, hi, j.Cols))
	}
}

// MatVec computes the projection product dst[post] = Σ_pre A[pre, post]·x[pre]
// (len(x) = Rows, len(dst) = Cols), overwriting dst; rows with x[pre] == 0
// are not generated.
func (j *JITConn) MatVec(dst, x []float64) {
	checkLen("JITConn.MatVec", "dst", len(dst), j.Cols)
	clear(dst)
	j.MatVecAdd(dst, x)
}

// MatVecAdd is MatVec accumulating into dst.
func (j *JITConn) MatVecAdd(dst, x []float64) {
	checkLen("JITConn.MatVecAdd", "dst", len(dst), j.Cols)
	checkLen("JITConn.MatVecAdd", "x", len(x), j.Rows)
	for i, xi := range x {
		if xi != 0 {
			j.addRow(dst, i, 0, j.Cols, xi)
		}
	}
}

// MulVec computes the ordinary product dst[pre] = Σ_post A[pre, post]·y[post]
// (len(y) = Cols, len(dst) = Rows).
func (j *JITConn) MulVec(dst, y []float64) {
	checkLen("JITConn.MulVec", "dst", len(dst), j.Rows)
	checkLen("JITConn.MulVec", "y", len(y), j.Cols)
	for i := range dst {
		var s float64
		for c := j.startRow(i); c < j.Cols; c = j.next(c) {
			s += j.weight() * y[c]
		}
		dst[i] = s
	}
}

// ToCSR materialises the matrix: the CSR with exactly the synapses and
// weights the products use (Weights nil for a homogeneous law). It returns
// an error (wrapping ErrShape) if there are more than 2^31-1 synapses.
func (j *JITConn) ToCSR() (*CSR, error) {
	c := &CSR{Rows: j.Rows, Cols: j.Cols, Indptr: make([]int32, j.Rows+1), Indices: []int32{}}
	homo := j.Law.Kind == Homogeneous
	if homo {
		c.W = j.Law.W
	} else {
		c.Weights = []float64{}
	}
	for i := 0; i < j.Rows; i++ {
		for col := j.startRow(i); col < j.Cols; col = j.next(col) {
			if len(c.Indices) == maxNNZ {
				return nil, fmt.Errorf("%w: the JIT matrix has more than 2^31-1 synapses", ErrShape)
			}
			c.Indices = append(c.Indices, int32(col))
			if !homo {
				c.Weights = append(c.Weights, j.weight())
			}
		}
		c.Indptr[i+1] = int32(len(c.Indices))
	}
	return c, nil
}
