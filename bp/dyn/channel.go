package dyn

import (
	"errors"
	"fmt"
	"math"

	"github.com/braingo/braingo/bp"
)

// Channel is an ion channel (or an ion pool) of a conductance-based neuron
// group ([CondNeuGroup]): per-neuron state (gating variables, a
// concentration) and an ohmic current g·(E − V) into the cell.
//
// A channel reports its conductance rather than its current so that the
// group can integrate the membrane equation exactly over a step with the
// conductances held (exponential Euler). Every method works on whole slices,
// one entry per neuron of the group; none allocates.
type Channel interface {
	bp.VarHolder
	// Size is the number of neurons the channel spans.
	Size() int
	// AddConductance adds, for each neuron i, the channel's conductance
	// g[i] (mS/cm²) and the product g[i]·E[i] with its reversal potential
	// (mV) at membrane potential v[i]. The current into the cell is then
	// ge − g·v (µA/cm²).
	AddConductance(g, ge, v []float64)
	// Advance integrates the channel's state over one step of dt ms with
	// the membrane potential held at v.
	Advance(v []float64, dt float64)
	// ResetState puts the channel in its steady state at membrane
	// potential v.
	ResetState(v []float64)
}

// ErrChannel is wrapped by the errors of channel, ion and conductance-based
// neuron constructors.
var ErrChannel = errors.New("dyn: invalid channel")

// chanCheckSize reports an error unless n is a usable group size.
func chanCheckSize(what string, n int) error {
	if n <= 0 {
		return fmt.Errorf("%w: %s size %d, need at least 1 neuron", ErrChannel, what, n)
	}
	return nil
}

// chanDefault returns v, or def when v is zero (settings' zero values select
// the defaults).
func chanDefault(v, def float64) float64 {
	if v == 0 {
		return def
	}
	return v
}

// gateRelax advances a gating variable x of dx/dt = (inf − x)/tau over dt
// exactly, the exponential-Euler step for the x_inf/τ_x form.
func gateRelax(x, inf, tau, dt float64) float64 {
	return inf + (x-inf)*math.Exp(-dt/tau)
}

// gateRelaxAB advances a gate of dx/dt = phi·(α(1 − x) − βx) over dt
// exactly with the rates held.
func gateRelaxAB(x, alpha, beta, phi, dt float64) float64 {
	s := alpha + beta
	return gateRelax(x, alpha/s, 1/(phi*s), dt)
}

// addGP adds the conductance gmax·p of a channel with one first-order gate
// and its product with e.
func addGP(g, ge, p []float64, gmax, e float64) {
	g, ge = g[:len(p)], ge[:len(p)]
	for i, pi := range p {
		gi := gmax * pi
		g[i] += gi
		ge[i] += gi * e
	}
}
