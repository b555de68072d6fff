package dyn

import (
	"fmt"
	"math"

	"github.com/braingo/braingo/bp"
	bm "github.com/braingo/braingo/bp/math"
)

// The Hodgkin–Huxley (1952) channels use the rate functions in the
// V_rest ≈ −65 mV convention (Dayan & Abbott; numbers.md 3.1):
//
//	α_m = 0.1(V+40)/(1−e^{−(V+40)/10})  β_m = 4e^{−(V+65)/18}
//	α_h = 0.07e^{−(V+65)/20}            β_h = 1/(1+e^{−(V+35)/10})
//	α_n = 0.01(V+55)/(1−e^{−(V+55)/10}) β_n = 0.125e^{−(V+65)/80}
//
// with V in mV, rates in 1/ms. VShift moves every rate curve by VShift mV
// along the voltage axis (V is replaced by V − VShift); Phi multiplies every
// rate (a temperature factor).

// HHChannelParams are the parameters of a Hodgkin–Huxley channel. Zero fields
// take the channel's defaults; to use a parameter whose value is zero (a
// zero reversal potential), set the channel's field after construction.
type HHChannelParams struct {
	GMax   float64 // maximal conductance (mS/cm²)
	E      float64 // reversal potential (mV)
	VShift float64 // shift of the rate curves (mV); default 0
	Phi    float64 // rate factor; default 1
}

// hhGates holds what the HH sodium and potassium channels share: their
// parameters and the checks of their settings.
type hhGates struct {
	GMax   float64 // maximal conductance (mS/cm²)
	E      float64 // reversal potential (mV)
	VShift float64 // shift of the rate curves (mV)
	Phi    float64 // rate factor
}

func newHHGates(what string, n int, s HHChannelParams, gmax, e float64) (hhGates, error) {
	if err := chanCheckSize(what, n); err != nil {
		return hhGates{}, err
	}
	if s.GMax < 0 || s.Phi < 0 {
		return hhGates{}, fmt.Errorf("%w: %s GMax %g and Phi %g must not be negative", ErrChannel, what, s.GMax, s.Phi)
	}
	return hhGates{GMax: chanDefault(s.GMax, gmax), E: chanDefault(s.E, e), VShift: s.VShift, Phi: chanDefault(s.Phi, 1)}, nil
}

// INaHH1952 is the Hodgkin–Huxley sodium channel, I = g_max·m³h·(E − V)
// (BrainPy's INa_HH1952). Defaults: g_max 120 mS/cm², E 50 mV.
type INaHH1952 struct {
	hhGates
	M, H []float64 // activation and inactivation gates
}

// NewINaHH1952 returns a sodium channel over n neurons, gates at rest
// (steady state at −65 mV) until the neuron group resets them.
func NewINaHH1952(n int, s HHChannelParams) (*INaHH1952, error) {
	p, err := newHHGates("INaHH1952", n, s, 120, 50)
	if err != nil {
		return nil, err
	}
	c := &INaHH1952{hhGates: p, M: make([]float64, n), H: make([]float64, n)}
	c.ResetState(constSlice(n, -65))
	return c, nil
}

// Size returns the number of neurons.
func (c *INaHH1952) Size() int { return len(c.M) }

// Vars returns the gates as "INa.m" and "INa.h".
func (c *INaHH1952) Vars() []bp.Var {
	return []bp.Var{{Name: "INa.m", Data: c.M}, {Name: "INa.h", Data: c.H}}
}

func (c *INaHH1952) rates(v float64) (aM, bM, aH, bH float64) {
	v -= c.VShift
	aM = bm.Exprel(-(v + 40) / 10)
	bM = 4 * math.Exp(-(v+65)/18)
	aH = 0.07 * math.Exp(-(v+65)/20)
	bH = 1 / (1 + math.Exp(-(v+35)/10))
	return
}

// AddConductance adds g_max·m³h and its product with E.
func (c *INaHH1952) AddConductance(g, ge, _ []float64) { addM3H(g, ge, c.M, c.H, c.GMax, c.E) }

// addM3H adds the conductance gmax·m³h of a sodium-type channel and its
// product with e.
func addM3H(g, ge, m, h []float64, gmax, e float64) {
	g, ge, h = g[:len(m)], ge[:len(m)], h[:len(m)]
	for i, mi := range m {
		gi := gmax * mi * mi * mi * h[i]
		g[i] += gi
		ge[i] += gi * e
	}
}

// Advance integrates m and h exactly with V held.
func (c *INaHH1952) Advance(v []float64, dt float64) { advanceMH(c.M, c.H, v, c.rates, c.Phi, dt) }

// ResetState sets m and h to their steady states at v.
func (c *INaHH1952) ResetState(v []float64) { steadyMH(c.M, c.H, v, c.rates) }

// advanceMH integrates the gates m and h of a sodium-type channel with the
// rate functions rates exactly over dt, V held and the rates scaled by phi.
func advanceMH(m, h, v []float64, rates func(v float64) (aM, bM, aH, bH float64), phi, dt float64) {
	v, h = v[:len(m)], h[:len(m)]
	for i, vi := range v {
		aM, bM, aH, bH := rates(vi)
		m[i] = gateRelaxAB(m[i], aM, bM, phi, dt)
		h[i] = gateRelaxAB(h[i], aH, bH, phi, dt)
	}
}

// steadyMH sets the gates m and h to their steady states at v.
func steadyMH(m, h, v []float64, rates func(v float64) (aM, bM, aH, bH float64)) {
	v, h = v[:len(m)], h[:len(m)]
	for i, vi := range v {
		aM, bM, aH, bH := rates(vi)
		m[i], h[i] = aM/(aM+bM), aH/(aH+bH)
	}
}

// IKHH1952 is the Hodgkin–Huxley delayed-rectifier potassium channel,
// I = g_max·n⁴·(E − V) (BrainPy's IK_HH1952). Defaults: g_max 36 mS/cm²,
// E −77 mV.
type IKHH1952 struct {
	hhGates
	N []float64 // activation gate
}

// NewIKHH1952 returns a potassium channel over n neurons, gate at rest.
func NewIKHH1952(n int, s HHChannelParams) (*IKHH1952, error) {
	p, err := newHHGates("IKHH1952", n, s, 36, -77)
	if err != nil {
		return nil, err
	}
	c := &IKHH1952{hhGates: p, N: make([]float64, n)}
	c.ResetState(constSlice(n, -65))
	return c, nil
}

// Size returns the number of neurons.
func (c *IKHH1952) Size() int { return len(c.N) }

// Vars returns the gate as "IK.n".
func (c *IKHH1952) Vars() []bp.Var { return []bp.Var{{Name: "IK.n", Data: c.N}} }

func (c *IKHH1952) rates(v float64) (an, bn float64) {
	v -= c.VShift
	return 0.1 * bm.Exprel(-(v+55)/10), 0.125 * math.Exp(-(v+65)/80)
}

// AddConductance adds g_max·n⁴ and its product with E.
func (c *IKHH1952) AddConductance(g, ge, _ []float64) { addN4(g, ge, c.N, c.GMax, c.E) }

// addN4 adds the conductance gmax·n⁴ of a delayed-rectifier channel and
// its product with e.
func addN4(g, ge, n []float64, gmax, e float64) {
	g, ge = g[:len(n)], ge[:len(n)]
	for i, ni := range n {
		n2 := ni * ni
		gi := gmax * n2 * n2
		g[i] += gi
		ge[i] += gi * e
	}
}

// Advance integrates n exactly with V held.
func (c *IKHH1952) Advance(v []float64, dt float64) { advanceGate(c.N, v, c.rates, c.Phi, dt) }

// ResetState sets n to its steady state at v.
func (c *IKHH1952) ResetState(v []float64) { steadyGate(c.N, v, c.rates) }

// advanceGate integrates a gate x′ = φ(α(1 − x) − βx) with the rate
// functions rates exactly over dt, V held.
func advanceGate(x, v []float64, rates func(v float64) (alpha, beta float64), phi, dt float64) {
	for i, vi := range v[:len(x)] {
		a, b := rates(vi)
		x[i] = gateRelaxAB(x[i], a, b, phi, dt)
	}
}

// steadyGate sets a gate to its steady state α/(α + β) at v.
func steadyGate(x, v []float64, rates func(v float64) (alpha, beta float64)) {
	for i, vi := range v[:len(x)] {
		a, b := rates(vi)
		x[i] = a / (a + b)
	}
}

// ILeak is a leak channel, I = g·(E − V) (BrainPy's IL). It has no state.
type ILeak struct {
	G float64 // conductance (mS/cm²)
	E float64 // reversal potential (mV)
	n int
}

// NewILeak returns a leak channel over n neurons with conductance g
// (mS/cm²) and reversal e (mV); the HH textbook leak is g 0.3, E −54.387
// (BrainPy's HH default g is 0.03).
func NewILeak(n int, g, e float64) (*ILeak, error) {
	if err := chanCheckSize("ILeak", n); err != nil {
		return nil, err
	}
	if g < 0 || math.IsNaN(g) || math.IsNaN(e) {
		return nil, fmt.Errorf("%w: ILeak conductance %g must be ≥ 0 and E %g a number", ErrChannel, g, e)
	}
	return &ILeak{G: g, E: e, n: n}, nil
}

// Size returns the number of neurons.
func (c *ILeak) Size() int { return c.n }

// Vars returns nothing: a leak has no state.
func (c *ILeak) Vars() []bp.Var { return nil }

// AddConductance adds g and g·E.
func (c *ILeak) AddConductance(g, ge, _ []float64) {
	g, ge = g[:c.n], ge[:c.n]
	for i := range g {
		g[i] += c.G
		ge[i] += c.G * c.E
	}
}

// Advance does nothing: a leak has no state.
func (c *ILeak) Advance([]float64, float64) {}

// ResetState does nothing: a leak has no state.
func (c *ILeak) ResetState([]float64) {}

// constSlice returns a slice of n copies of x.
func constSlice(n int, x float64) []float64 {
	s := make([]float64, n)
	for i := range s {
		s[i] = x
	}
	return s
}
