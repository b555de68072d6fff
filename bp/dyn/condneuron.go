package dyn

import (
	"fmt"
	"math"
	"slices"

	"github.com/braingo/braingo/bp"
)

// CondNeuParams are the parameters of a conductance-based neuron group.
// Zero fields take the defaults beside them; to use a zero initial
// potential or threshold, set the group's field after construction and call
// Reset.
type CondNeuParams struct {
	C   float64 // membrane capacitance (µF/cm²); default 1
	VTh float64 // spike threshold (mV), crossed upwards; default 0 (BrainPy's)
	V0  float64 // initial membrane potential (mV); default −65
}

// CondNeuGroup is a group of single-compartment conductance-based neurons
// made of ion channels (BrainPy's CondNeuGroup):
//
//	C dV/dt = Σ_k g_k(V, gates)·(E_k − V) + I
//
// where the sum runs over the channels and I is the external input plus the
// registered current sources. A neuron spikes in a step when V crosses VTh
// upwards.
//
// Each step integrates V exactly with the conductances of the channels held
// at their values at the start of the step (exponential Euler), then the
// ion pools and the channels' gates with V held at its value at the start
// of the step: the scheme of BrainPy's exp_auto, first order in dt.
type CondNeuGroup struct {
	Population
	C   float64 // membrane capacitance (µF/cm²)
	VTh float64 // spike threshold (mV)
	V0  float64 // membrane potential Reset returns to (mV)

	ions     []Ion     // pools, advanced before the channels
	channels []Channel // the channels, in the order given
	parts    []Channel // pools and channels, in the order given

	g, ge, vNext []float64 // scratch of one step
}

// usesIon is implemented by channels whose reversal potential comes from an
// ion pool.
type ionUser interface{ usesIon() Ion }

// NewCondNeuGroup builds a group of n neurons made of the given channels
// and ion pools, all of size n. Every pool a channel reads must be among
// the parts. The state starts at V0 with every part at its steady state
// there.
func NewCondNeuGroup(n int, s CondNeuParams, parts ...Channel) (*CondNeuGroup, error) {
	if err := chanCheckSize("CondNeuGroup", n); err != nil {
		return nil, err
	}
	if s.C < 0 || math.IsNaN(s.C) {
		return nil, fmt.Errorf("%w: CondNeuGroup capacitance %g must be positive", ErrChannel, s.C)
	}
	if len(parts) == 0 {
		return nil, fmt.Errorf("%w: CondNeuGroup needs at least one channel", ErrChannel)
	}
	nu := &CondNeuGroup{
		Population: NewPopulation(n),
		C:          chanDefault(s.C, 1), VTh: s.VTh, V0: chanDefault(s.V0, -65),
		parts: parts,
		g:     make([]float64, n), ge: make([]float64, n), vNext: make([]float64, n),
	}
	for k, p := range parts {
		if p == nil {
			return nil, fmt.Errorf("%w: CondNeuGroup part %d is nil", ErrChannel, k)
		}
		if p.Size() != n {
			return nil, fmt.Errorf("%w: CondNeuGroup of %d neurons given part %d (%T) of size %d", ErrChannel, n, k, p, p.Size())
		}
		if ion, ok := p.(Ion); ok {
			nu.ions = append(nu.ions, ion)
		} else {
			nu.channels = append(nu.channels, p)
		}
	}
	for _, p := range parts {
		if u, ok := p.(ionUser); ok && !slices.Contains(nu.ions, u.usesIon()) {
			return nil, fmt.Errorf("%w: CondNeuGroup channel %T reads an ion pool that is not among its parts", ErrChannel, p)
		}
	}
	nu.Reset(0)
	return nu, nil
}

// Parts returns the channels and pools in the order given.
func (nu *CondNeuGroup) Parts() []Channel { return nu.parts }

// Update advances the group by one step.
func (nu *CondNeuGroup) Update(ctx *bp.Context) {
	dt := ctx.DT
	cur := nu.Current()
	clear(nu.g)
	clear(nu.ge)
	for _, c := range nu.channels {
		c.AddConductance(nu.g, nu.ge, nu.V)
	}
	v, vNext, g, ge, in, spike := nu.V, nu.vNext[:len(nu.V)], nu.g[:len(nu.V)], nu.ge[:len(nu.V)], cur[:len(nu.V)], nu.Spike[:len(nu.V)]
	for i, vi := range v {
		var vn float64
		if gi := g[i]; gi > 0 {
			vInf := (ge[i] + in[i]) / gi
			vn = vInf + (vi-vInf)*math.Exp(-dt*gi/nu.C)
		} else {
			vn = vi + dt*in[i]/nu.C
		}
		vNext[i] = vn
		spike[i] = vi < nu.VTh && vn >= nu.VTh
	}
	for _, ion := range nu.ions {
		ion.Advance(v, dt)
	}
	for _, c := range nu.channels {
		c.Advance(v, dt)
	}
	copy(v, vNext)
}

// Reset sets V to V0, clears spikes and inputs and puts every part in its
// steady state at V0 (pools first). The group has no random state, so the
// seed is ignored.
func (nu *CondNeuGroup) Reset(uint64) {
	for i := range nu.V {
		nu.V[i] = nu.V0
	}
	clear(nu.Spike)
	nu.ClearInputs()
	for _, ion := range nu.ions {
		ion.ResetState(nu.V)
	}
	for _, c := range nu.channels {
		c.ResetState(nu.V)
	}
}

// Vars returns "V", "Input" and the variables of every part, in the order given.
func (nu *CondNeuGroup) Vars() []bp.Var {
	vars := nu.Population.Vars()
	for _, p := range nu.parts {
		vars = append(vars, p.Vars()...)
	}
	return vars
}
