package dyn

import (
	"math"

	"github.com/braingo/braingo/bp"
)

// Output turns a synaptic conductance into a current for the postsynaptic
// group: a [bp.CurrentSource] reading the conductance slice it is bound to.
// A projection binds its output to the conductance it computes and
// registers the output on the postsynaptic group.
type Output interface {
	bp.CurrentSource
	// Bind sets the conductance slice (one entry per postsynaptic neuron)
	// the output reads.
	Bind(g []float64)
}

// RangeCurrentSource is a [bp.CurrentSource] that can add the current of
// a contiguous range of its neurons: AddCurrentRange(dst, v, lo) adds the
// currents of neurons lo … lo+len(dst)−1, at the potentials v (one per
// dst entry), into dst. A LIF group whose sources all have it computes its
// input in cache-sized blocks fused with its update, instead of one pass
// over all neurons per source (at 10⁵ neurons each such pass streams its
// arrays from main memory). The outputs of this package have it. With
// RunnerSettings.Workers > 1 it is called at the same time from several
// goroutines on disjoint ranges: it may write only dst, and read only the
// elements of its range of anything that changes during the step.
type RangeCurrentSource interface {
	bp.CurrentSource
	AddCurrentRange(dst, v []float64, lo int)
}

// Bias is a constant current source: AddSource(Bias(20)) adds 20 to the
// input of every neuron of a group at every step (the constant drive term
// of a membrane equation, like Brian2's "+ 20*mV" in dv/dt). It is a
// [RangeCurrentSource].
type Bias float64

// AddCurrent adds the bias into dst; v is not used.
func (b Bias) AddCurrent(dst, _ []float64) { vecAddConstTo(dst, dst, float64(b)) }

// AddCurrentRange adds the bias into dst, the input of a range of neurons.
func (b Bias) AddCurrentRange(dst, _ []float64, _ int) { vecAddConstTo(dst, dst, float64(b)) }

// CUBA is the current-based output: I = g.
type CUBA struct {
	G []float64 // bound conductance (here a current)

	handOverState // a projection's decay hand-off (handoff.go)
}

// Bind sets the conductance slice.
func (o *CUBA) Bind(g []float64) { o.G = g }

// AddCurrent adds g into dst; v is not used.
func (o *CUBA) AddCurrent(dst, v []float64) { o.AddCurrentRange(dst, v, 0) }

// AddCurrentRange adds g[lo:lo+len(dst)] into dst.
func (o *CUBA) AddCurrentRange(dst, _ []float64, lo int) { vecAdd(dst, o.G[lo:lo+len(dst)]) }

func (o *CUBA) conductance() ([]float64, float64, bool) { return o.G, 0, false }

// addCurrentRangeDecayed multiplies g[lo:lo+len(dst)] by f and then adds
// it into dst (decayingOutput).
func (o *CUBA) addCurrentRangeDecayed(dst, _ []float64, lo int, f float64) {
	vecDecayAdd(dst, o.G[lo:lo+len(dst)], f)
}

// COBA is the conductance-based output: I = g·(E - V). The zero value has
// E = 0 mV (excitatory).
type COBA struct {
	E float64   // reversal potential (mV)
	G []float64 // bound conductance

	handOverState // a projection's decay hand-off (handoff.go)
}

// Bind sets the conductance slice.
func (o *COBA) Bind(g []float64) { o.G = g }

// AddCurrent adds g·(E - v) into dst.
func (o *COBA) AddCurrent(dst, v []float64) { o.AddCurrentRange(dst, v, 0) }

// AddCurrentRange adds g[lo+i]·(E − v[i]) into dst[i] (one rounding for
// the multiply–add).
func (o *COBA) AddCurrentRange(dst, v []float64, lo int) { vecCOBA(dst, o.G[lo:lo+len(dst)], v, o.E) }

func (o *COBA) conductance() ([]float64, float64, bool) { return o.G, o.E, true }

// addCurrentRangeDecayed multiplies g[lo:lo+len(dst)] by f and then adds
// its current into dst (decayingOutput).
func (o *COBA) addCurrentRangeDecayed(dst, v []float64, lo int, f float64) {
	vecDecayCOBA(dst, o.G[lo:lo+len(dst)], v, o.E, f)
}

// MgBlock is the NMDA output with voltage-dependent magnesium block (Jahr &
// Stevens 1990), as BrainPy writes it:
//
//	I = g·(E - V) / (1 + [Mg²⁺]/β · e^{-α V}).
//
// Zero fields select BrainPy's defaults E = 0 mV, CcMg = 1.2 mM,
// Alpha = 0.062 /mV, Beta = 3.57 mM (so a magnesium-free output is a [COBA]).
type MgBlock struct {
	E     float64   // reversal potential (mV); default 0
	CcMg  float64   // extracellular Mg²⁺ concentration (mM); default 1.2
	Alpha float64   // voltage sensitivity (1/mV); default 0.062
	Beta  float64   // Mg²⁺ sensitivity (mM); default 3.57
	G     []float64 // conductance, one per postsynaptic neuron (set by Bind)
}

// Bind sets the conductance slice.
func (o *MgBlock) Bind(g []float64) { o.G = g }

// params returns the parameters with defaults filled in.
func (o *MgBlock) params() (cc, alpha, beta float64) {
	cc, alpha, beta = o.CcMg, o.Alpha, o.Beta
	if cc == 0 {
		cc = 1.2
	}
	if alpha == 0 {
		alpha = 0.062
	}
	if beta == 0 {
		beta = 3.57
	}
	return cc, alpha, beta
}

// Unblocked returns the fraction of channels not blocked at potential v,
// 1/(1 + [Mg²⁺]/β · e^{-α v}).
func (o *MgBlock) Unblocked(v float64) float64 {
	cc, alpha, beta := o.params()
	return 1 / (1 + cc/beta*math.Exp(-alpha*v))
}

// AddCurrent adds g·(E - v)·B(v) into dst.
func (o *MgBlock) AddCurrent(dst, v []float64) { o.AddCurrentRange(dst, v, 0) }

// AddCurrentRange adds g[lo+i]·(E − v[i])·B(v[i]) into dst[i].
func (o *MgBlock) AddCurrentRange(dst, v []float64, lo int) {
	cc, alpha, beta := o.params()
	k := cc / beta
	g, v := o.G[lo:lo+len(dst)], v[:len(dst)]
	for i := range dst {
		dst[i] += g[i] * (o.E - v[i]) / (1 + k*math.Exp(-alpha*v[i]))
	}
}
