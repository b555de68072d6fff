package dyn

import (
	"fmt"
	"math"

	"github.com/braingo/braingo/bp"
	bm "github.com/braingo/braingo/bp/math"
)

// IhParams are the parameters of the hyperpolarisation-activated
// channel. Zero fields take the defaults beside them.
type IhParams struct {
	GMax   float64 // maximal conductance (mS/cm²); default 10 (BrainPy's)
	E      float64 // reversal potential (mV); default 43
	VShift float64 // shift of the gating curves (mV); default 0
	Phi    float64 // rate factor; default 1
}

// IhHM1992 is the hyperpolarisation-activated cation channel of thalamic
// relay neurons (Huguenard & McCormick 1992; BrainPy's Ih_HM1992),
// I = g_max·p·(E − V) with
//
//	p_∞ = 1/(1+e^{(V+75)/5.5})
//	τ_p = 1/(e^{−0.086V−14.59} + e^{0.0701V−1.87})
//
// (V − V_sh in place of V, τ_p divided by Phi).
type IhHM1992 struct {
	P      []float64 // activation gate
	GMax   float64   // maximal conductance (mS/cm²)
	E      float64   // reversal potential (mV)
	VShift float64   // shift of the gating curves (mV)
	Phi    float64   // rate factor
}

// NewIhHM1992 returns an h-channel over n neurons, gate at steady state at
// −65 mV until the neuron group resets it.
func NewIhHM1992(n int, s IhParams) (*IhHM1992, error) {
	if err := chanCheckSize("IhHM1992", n); err != nil {
		return nil, err
	}
	if s.GMax < 0 || s.Phi < 0 {
		return nil, fmt.Errorf("%w: IhHM1992 GMax %g and Phi %g must not be negative", ErrChannel, s.GMax, s.Phi)
	}
	c := &IhHM1992{P: make([]float64, n), GMax: chanDefault(s.GMax, 10), E: chanDefault(s.E, 43),
		VShift: s.VShift, Phi: chanDefault(s.Phi, 1)}
	c.ResetState(constSlice(n, -65))
	return c, nil
}

// Steady returns the steady state and time constant (ms) of p at v.
func (c *IhHM1992) Steady(v float64) (pInf, tauP float64) {
	v -= c.VShift
	return bm.Sigmoid(-(v + 75) / 5.5), 1 / (c.Phi * (math.Exp(-0.086*v-14.59) + math.Exp(0.0701*v-1.87)))
}

// Size returns the number of neurons.
func (c *IhHM1992) Size() int { return len(c.P) }

// Vars returns the gate as "Ih.p".
func (c *IhHM1992) Vars() []bp.Var { return []bp.Var{{Name: "Ih.p", Data: c.P}} }

// AddConductance adds g_max·p and its product with E.
func (c *IhHM1992) AddConductance(g, ge, _ []float64) { addGP(g, ge, c.P, c.GMax, c.E) }

// Advance integrates p exactly with V held.
func (c *IhHM1992) Advance(v []float64, dt float64) {
	for i, vi := range v[:len(c.P)] {
		pInf, tau := c.Steady(vi)
		c.P[i] = gateRelax(c.P[i], pInf, tau, dt)
	}
}

// ResetState sets p to its steady state at v.
func (c *IhHM1992) ResetState(v []float64) {
	for i, vi := range v[:len(c.P)] {
		c.P[i], _ = c.Steady(vi)
	}
}
