package dyn

import (
	"errors"
	"fmt"
	"math"
	"sync/atomic"

	"github.com/braingo/braingo/bp"
)

// ErrSynapse is wrapped by the errors constructors return for a parameter
// outside its allowed range (a negative time constant, a probability
// outside [0, 1], ...).
var ErrSynapse = errors.New("dyn: bad synapse parameter")

// ErrSizeMismatch is wrapped by the errors constructors return when the sizes of the
// parts they connect do not match.
var ErrSizeMismatch = errors.New("dyn: size mismatch")

// Synapse is synapse dynamics over a vector of elements: one per
// postsynaptic neuron in an align-post projection, one per presynaptic
// neuron in an align-pre projection.
//
// Step advances the state by one step of ctx.DT with the input x arriving
// at this step: linear synapses decay and then add x (the spike-weighted
// increments); kinetic synapses start a transmitter release that acts
// during the step, and short-term plastic ones release at the spike (for
// these, x is the presynaptic spikes as 0/1).
// Out is the variable an output reads; it returns the same slice on every
// call. Reset restores the resting state (synapses have no random state, so
// the seed is ignored).
type Synapse interface {
	bp.VarHolder
	bp.Resetter
	Size() int                         // number of elements
	Step(ctx *bp.Context, x []float64) // advance one step with the input x of this step
	Out() []float64                    // the variable an output reads (the same slice every call)
}

// synPositive returns def when v is zero and v otherwise, and an error naming
// the parameter when the result is not a finite positive number.
func synPositive(name string, v, def float64) (float64, error) {
	if v == 0 {
		v = def
	}
	if !(v > 0) || math.IsInf(v, 0) {
		return 0, fmt.Errorf("%w: %s = %v, want a finite positive number (0 selects the default %v)", ErrSynapse, name, v, def)
	}
	return v, nil
}

// synCheckSize reports a negative group size.
func synCheckSize(what string, n int) error {
	if n < 0 {
		return fmt.Errorf("%w: %s size %d is negative", ErrSizeMismatch, what, n)
	}
	return nil
}

// decay returns e^{-dt/tau}, the exact one-step factor of dx/dt = -x/tau.
func synDecay(dt, tau float64) float64 { return math.Exp(-dt / tau) }

// decayMemo remembers synDecay for the last dt and τ it was asked, so that
// a step does not pay an exponential per group and per goroutine (a tenth
// of a microsecond each, which at 10³ neurons is a few percent of a step).
// It is safe for concurrent use and allocates only when dt or τ changes.
type decayMemo struct{ last atomic.Pointer[decayEntry] }

type decayEntry struct{ dt, tau, f float64 }

// get returns synDecay(dt, tau).
func (m *decayMemo) get(dt, tau float64) float64 {
	if e := m.last.Load(); e != nil && e.dt == dt && e.tau == tau {
		return e.f
	}
	f := synDecay(dt, tau)
	m.last.Store(&decayEntry{dt, tau, f})
	return f
}

// ExponParams are the parameters of [Expon]. The zero value selects
// BrainPy's default.
type ExponParams struct {
	Tau float64 // decay time constant (ms); default 8
}

// Expon is the single-exponential synapse dg/dt = -g/τ + Σ δ(t - t_k):
// each input x adds to g, which then decays exactly,
// g ← g·e^{-dt/τ} + x. Its impulse response is e^{-t/τ}.
type Expon struct {
	ExponParams
	G []float64 // conductance (dimensionless; scaled by the weights)

	decay decayMemo
}

// NewExpon returns an exponential synapse over n elements.
func NewExpon(n int, p ExponParams) (*Expon, error) {
	var err error
	if err = synCheckSize("Expon", n); err != nil {
		return nil, err
	}
	if p.Tau, err = synPositive("Expon.Tau", p.Tau, 8); err != nil {
		return nil, err
	}
	return &Expon{ExponParams: p, G: make([]float64, n)}, nil
}

// Size returns the number of elements.
func (s *Expon) Size() int { return len(s.G) }

// Out returns g.
func (s *Expon) Out() []float64 { return s.G }

// Vars returns g.
func (s *Expon) Vars() []bp.Var { return []bp.Var{{Name: "g", Data: s.G}} }

// Reset zeroes g.
func (s *Expon) Reset(uint64) { clear(s.G) }

// Step decays g over one step and adds x.
func (s *Expon) Step(ctx *bp.Context, x []float64) {
	f := s.decay.get(ctx.DT, s.Tau)
	g := s.G
	x = x[:len(g)]
	for i := range g {
		g[i] = g[i]*f + x[i]
	}
}

// decayRange advances g[lo:hi] by one step without input,
// g ← g·e^{−dt/τ}, and returns g: a projection then adds the step's input
// into it, which together is Step (see directSynapse).
func (s *Expon) decayRange(ctx *bp.Context, lo, hi int) []float64 {
	vecScale(s.G[lo:hi], s.decay.get(ctx.DT, s.Tau))
	return s.G
}
