package dyn

import (
	"math"

	"github.com/braingo/braingo/bp"
)

// DualExponParams are the parameters of [DualExpon]. The zero value selects
// BrainPy's defaults.
type DualExponParams struct {
	TauDecay float64 // decay time constant (ms); default 10
	TauRise  float64 // rise time constant (ms); default 1
}

// DualExpon is the difference-of-exponentials synapse, as BrainPy writes it:
//
//	dg/dt = -g/τ_decay + h,   dh/dt = -h/τ_rise + Σ δ(t - t_k).
//
// An input x adds to h. Its impulse response is
// g(t) = τ_d τ_r/(τ_d - τ_r)·(e^{-t/τ_d} - e^{-t/τ_r}) (not normalised to a
// unit peak, like BrainPy's). The update is the exact solution of the linear
// system over one step, so the response is exact on the step grid (BrainPy's
// exp_auto integrates g with h held at its start-of-step value instead).
type DualExpon struct {
	DualExponParams
	G []float64 // conductance
	H []float64 // rise variable
}

// NewDualExpon returns a dual-exponential synapse over n elements. The two
// time constants may be equal (the alpha function).
func NewDualExpon(n int, p DualExponParams) (*DualExpon, error) {
	var err error
	if err = synCheckSize("DualExpon", n); err != nil {
		return nil, err
	}
	if p.TauDecay, err = synPositive("DualExpon.TauDecay", p.TauDecay, 10); err != nil {
		return nil, err
	}
	if p.TauRise, err = synPositive("DualExpon.TauRise", p.TauRise, 1); err != nil {
		return nil, err
	}
	return &DualExpon{DualExponParams: p, G: make([]float64, n), H: make([]float64, n)}, nil
}

// Size returns the number of elements.
func (s *DualExpon) Size() int { return len(s.G) }

// Out returns g.
func (s *DualExpon) Out() []float64 { return s.G }

// Vars returns g and h.
func (s *DualExpon) Vars() []bp.Var {
	return []bp.Var{{Name: "g", Data: s.G}, {Name: "h", Data: s.H}}
}

// Reset zeroes g and h.
func (s *DualExpon) Reset(uint64) { clear(s.G); clear(s.H) }

// Step advances g and h exactly over one step and adds x to h.
func (s *DualExpon) Step(ctx *bp.Context, x []float64) {
	dualExpStep(s.G, s.H, x, ctx.DT, s.TauDecay, s.TauRise)
}

// dualExpStep is the exact one-step solution of dg/dt = -g/τd + h,
// dh/dt = -h/τr, followed by h += x:
//
//	g ← g e^{-dt/τd} + h·c,  c = τdτr/(τd-τr)·(e^{-dt/τd} - e^{-dt/τr})
//
// (c = dt·e^{-dt/τ} when τd = τr).
func dualExpStep(g, h, x []float64, dt, tauD, tauR float64) {
	ed, er := synDecay(dt, tauD), synDecay(dt, tauR)
	var c float64
	if math.Abs(tauD-tauR) <= 1e-9*tauD {
		c = dt * ed
	} else {
		c = tauD * tauR / (tauD - tauR) * (ed - er)
	}
	h = h[:len(g)]
	x = x[:len(g)]
	for i := range g {
		g[i] = g[i]*ed + h[i]*c
		h[i] = h[i]*er + x[i]
	}
}

// AlphaParams are the parameters of the alpha synapse ([NewAlpha]). The
// zero value selects BrainPy's default.
type AlphaParams struct {
	TauDecay float64 // time constant (ms); default 10
}

// NewAlpha returns the alpha-function synapse over n elements: BrainPy's
// Alpha, a DualExpon with equal time constants, dg/dt = -g/τ + h,
// dh/dt = -h/τ + Σ δ(t - t_k). Its impulse response is g(t) = t·e^{-t/τ},
// peaking at t = τ with the value τ/e (BrainPy's docstring writes
// (t/τ)e^{-t/τ}, but its equations, followed here, give t·e^{-t/τ}). The
// update is exact on the step grid.
func NewAlpha(n int, p AlphaParams) (*DualExpon, error) {
	tau, err := synPositive("Alpha.TauDecay", p.TauDecay, 10)
	if err != nil {
		return nil, err
	}
	return NewDualExpon(n, DualExponParams{TauDecay: tau, TauRise: tau})
}
