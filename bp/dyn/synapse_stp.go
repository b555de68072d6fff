package dyn

import (
	"fmt"

	"github.com/braingo/braingo/bp"
)

// STPParams are the parameters of [STP]. The zero value of U, TauF and TauD
// selects BrainPy's defaults (a facilitating synapse).
type STPParams struct {
	U    float64 // utilisation increment per spike, in (0, 1]; default 0.15
	TauF float64 // facilitation time constant (ms); default 1500
	TauD float64 // depression (recovery) time constant (ms); default 200

	// StartAtU starts (and resets) u at U, as BrainPy does, instead of at 0,
	// the resting value of the analytic model. With StartAtU the first
	// release is U(2 - U) (0.2775 for U = .15) instead of U.
	StartAtU bool
}

// STP is Tsodyks–Markram short-term plasticity (Tsodyks, Pawelzik & Markram
// 1998) of the release from each presynaptic neuron. Between spikes u decays
// to 0 with τ_f and the available resources x recover to 1 with τ_d (both
// exactly); at a spike
//
//	u⁺ = u⁻ + U(1 - u⁻),   R = u⁺x⁻,   x⁺ = x⁻ - R.
//
// Out is the release R times the input at the steps with input > 0, and 0 at
// the others: feed it to a linear synapse ([Chain] STP → Expon) in an
// align-pre projection so that each spike adds a conductance proportional to
// its release.
//
// BrainPy's STP differs in two ways: it starts at u = U (see
// [STPParams.StartAtU]), and its du/dt = U - u/τ_f relaxes u to U·τ_f between
// spikes rather than to 0; this type follows the analytic model.
type STP struct {
	STPParams
	Util    []float64 // utilisation u
	X       []float64 // available resources x
	Release []float64 // release of this step
}

// NewSTP returns an STP filter over n presynaptic neurons.
func NewSTP(n int, p STPParams) (*STP, error) {
	var err error
	if err = synCheckSize("STP", n); err != nil {
		return nil, err
	}
	if p.U, err = synPositive("STP.U", p.U, 0.15); err != nil {
		return nil, err
	}
	if p.U > 1 {
		return nil, fmt.Errorf("%w: STP.U = %v, want a value in (0, 1]", ErrSynapse, p.U)
	}
	if p.TauF, err = synPositive("STP.TauF", p.TauF, 1500); err != nil {
		return nil, err
	}
	if p.TauD, err = synPositive("STP.TauD", p.TauD, 200); err != nil {
		return nil, err
	}
	s := &STP{STPParams: p, Util: make([]float64, n), X: make([]float64, n), Release: make([]float64, n)}
	s.Reset(0)
	return s, nil
}

// Size returns the number of elements.
func (s *STP) Size() int { return len(s.X) }

// Out returns the release of the last step.
func (s *STP) Out() []float64 { return s.Release }

// Vars returns u, x and the release.
func (s *STP) Vars() []bp.Var {
	return []bp.Var{{Name: "u", Data: s.Util}, {Name: "x", Data: s.X}, {Name: "release", Data: s.Release}}
}

// Reset puts every synapse at rest: x = 1 and u = 0 (U with StartAtU).
func (s *STP) Reset(uint64) {
	u0 := 0.0
	if s.StartAtU {
		u0 = s.U
	}
	for i := range s.X {
		s.Util[i], s.X[i], s.Release[i] = u0, 1, 0
	}
}

// Step relaxes u and x over one step, then releases at the elements with
// input > 0.
func (s *STP) Step(ctx *bp.Context, in []float64) {
	fu, fx := synDecay(ctx.DT, s.TauF), synDecay(ctx.DT, s.TauD)
	u, x, rel := s.Util, s.X[:len(s.Util)], s.Release[:len(s.Util)]
	in = in[:len(u)]
	for i := range u {
		u[i] *= fu
		x[i] = 1 - (1-x[i])*fx
		rel[i] = 0
		if in[i] > 0 {
			u[i] += s.U * (1 - u[i])
			r := u[i] * x[i]
			x[i] -= r
			rel[i] = r * in[i]
		}
	}
}

// STDParams are the parameters of [STD]. The zero value selects BrainPy's
// defaults.
type STDParams struct {
	Tau float64 // recovery time constant (ms); default 200
	U   float64 // fraction of the resources used per spike, in (0, 1]; default 0.07
}

// STD is short-term depression: the resources x recover to 1 with τ
// (exactly) and each spike releases R = U·x⁻ and leaves x⁺ = x⁻ - R. Like
// [STP], Out is the release at the steps with input > 0 and 0 otherwise.
// (BrainPy's STD returns x itself, the efficacy a continuous signal is
// multiplied by; x is available in X.)
type STD struct {
	STDParams
	X       []float64 // available resources
	Release []float64 // release of this step
}

// NewSTD returns a short-term depression filter over n presynaptic neurons.
func NewSTD(n int, p STDParams) (*STD, error) {
	var err error
	if err = synCheckSize("STD", n); err != nil {
		return nil, err
	}
	if p.Tau, err = synPositive("STD.Tau", p.Tau, 200); err != nil {
		return nil, err
	}
	if p.U, err = synPositive("STD.U", p.U, 0.07); err != nil {
		return nil, err
	}
	if p.U > 1 {
		return nil, fmt.Errorf("%w: STD.U = %v, want a value in (0, 1]", ErrSynapse, p.U)
	}
	s := &STD{STDParams: p, X: make([]float64, n), Release: make([]float64, n)}
	s.Reset(0)
	return s, nil
}

// Size returns the number of elements.
func (s *STD) Size() int { return len(s.X) }

// Out returns the release of the last step.
func (s *STD) Out() []float64 { return s.Release }

// Vars returns x and the release.
func (s *STD) Vars() []bp.Var {
	return []bp.Var{{Name: "x", Data: s.X}, {Name: "release", Data: s.Release}}
}

// Reset restores full resources.
func (s *STD) Reset(uint64) {
	for i := range s.X {
		s.X[i], s.Release[i] = 1, 0
	}
}

// Step recovers x over one step, then releases at the elements with input > 0.
func (s *STD) Step(ctx *bp.Context, in []float64) {
	f := synDecay(ctx.DT, s.Tau)
	x, rel := s.X, s.Release[:len(s.X)]
	in = in[:len(x)]
	for i := range x {
		x[i] = 1 - (1-x[i])*f
		rel[i] = 0
		if in[i] > 0 {
			r := s.U * x[i]
			x[i] -= r
			rel[i] = r * in[i]
		}
	}
}

// Chain is two synapses in series: the first is driven by the input and the
// second by the first's output (for example STP → Expon, so that each spike
// adds a conductance proportional to its short-term plastic release).
type Chain struct {
	First, Second Synapse // First is driven by the input, Second by First's output
}

// NewChain joins two synapses of the same size.
func NewChain(first, second Synapse) (*Chain, error) {
	if first == nil || second == nil {
		return nil, fmt.Errorf("%w: Chain needs two synapses, got a nil one", ErrSynapse)
	}
	if first.Size() != second.Size() {
		return nil, fmt.Errorf("%w: Chain of synapses of sizes %d and %d; they must be equal", ErrSizeMismatch, first.Size(), second.Size())
	}
	return &Chain{First: first, Second: second}, nil
}

// Size returns the number of elements.
func (c *Chain) Size() int { return c.First.Size() }

// Out returns the second synapse's output.
func (c *Chain) Out() []float64 { return c.Second.Out() }

// Vars returns the variables of both synapses, the first's first.
func (c *Chain) Vars() []bp.Var { return append(c.First.Vars(), c.Second.Vars()...) }

// Reset resets both synapses.
func (c *Chain) Reset(seed uint64) { c.First.Reset(seed); c.Second.Reset(seed) }

// Step steps the first synapse with x and the second with the first's output.
func (c *Chain) Step(ctx *bp.Context, x []float64) {
	c.First.Step(ctx, x)
	c.Second.Step(ctx, c.First.Out())
}
