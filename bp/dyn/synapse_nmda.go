package dyn

import (
	"math"

	"github.com/braingo/braingo/bp"
)

// NMDAParams are the parameters of [NMDA]. The zero value selects BrainPy's
// defaults.
type NMDAParams struct {
	A        float64 // binding rate (1/ms); default 0.5
	TauDecay float64 // decay time constant (ms); default 100
	TauRise  float64 // rise time constant (ms); default 2
}

// NMDA is BrainPy's phenomenological NMDA receptor synapse (Brunel & Wang
// 2001):
//
//	dg/dt = -g/τ_decay + a·x·(1 - g),   dx/dt = -x/τ_rise + Σ δ(t - t_k).
//
// g saturates at 1, so the synapse is nonlinear in its input and belongs in
// an align-pre projection (state per presynaptic neuron) with an [MgBlock]
// output. x decays exactly; g is advanced by exponential Euler with x held at
// its start-of-step value (g is linear given x, so this is BrainPy's
// exp_auto), then the input is added to x.
type NMDA struct {
	NMDAParams
	G []float64 // gating variable in [0, 1)
	X []float64 // transmitter variable
}

// NewNMDA returns an NMDA synapse over n elements.
func NewNMDA(n int, p NMDAParams) (*NMDA, error) {
	var err error
	if err = synCheckSize("NMDA", n); err != nil {
		return nil, err
	}
	if p.A, err = synPositive("NMDA.A", p.A, 0.5); err != nil {
		return nil, err
	}
	if p.TauDecay, err = synPositive("NMDA.TauDecay", p.TauDecay, 100); err != nil {
		return nil, err
	}
	if p.TauRise, err = synPositive("NMDA.TauRise", p.TauRise, 2); err != nil {
		return nil, err
	}
	return &NMDA{NMDAParams: p, G: make([]float64, n), X: make([]float64, n)}, nil
}

// Size returns the number of elements.
func (s *NMDA) Size() int { return len(s.G) }

// Out returns g.
func (s *NMDA) Out() []float64 { return s.G }

// Vars returns g and x.
func (s *NMDA) Vars() []bp.Var {
	return []bp.Var{{Name: "g", Data: s.G}, {Name: "x", Data: s.X}}
}

// Reset zeroes g and x.
func (s *NMDA) Reset(uint64) { clear(s.G); clear(s.X) }

// Step advances g and x over one step and adds the input to x.
func (s *NMDA) Step(ctx *bp.Context, in []float64) {
	dt := ctx.DT
	fx := synDecay(dt, s.TauRise)
	kDecay := 1 / s.TauDecay
	g, x := s.G, s.X[:len(s.G)]
	in = in[:len(g)]
	for i := range g {
		// dg/dt = -(1/τd + a x) g + a x: relax towards ginf at rate k.
		ax := s.A * x[i]
		k := kDecay + ax
		ginf := ax / k
		g[i] = ginf + (g[i]-ginf)*math.Exp(-k*dt)
		x[i] = x[i]*fx + in[i]
	}
}
