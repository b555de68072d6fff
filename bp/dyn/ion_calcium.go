package dyn

import (
	"fmt"
	"math"

	"github.com/braingo/braingo/bp"
)

// Ion is an ion pool of a conductance-based neuron: per-neuron state
// (a concentration) that sets the reversal potential its channels read. A
// pool is a [Channel] that carries no current of its own; a [CondNeuGroup]
// advances its pools before its channels, so that a pool sees the channel
// currents of the step that just ended.
type Ion interface {
	Channel
	// Reversal is the ion's reversal potential (mV), one entry per neuron.
	Reversal() []float64
}

// Physical constants for the Nernst potential and the calcium influx.
const (
	faraday  = 96485.33212 // C/mol
	gasConst = 8.314462618 // J/(mol·K)
)

// CalciumParams are the parameters of a first-order calcium pool
// (Destexhe et al. 1993, BrainPy's CalciumDetailed). Zero fields take the
// defaults given beside them.
type CalciumParams struct {
	CRest       float64 // resting intracellular concentration (mM); default 2.4e-4
	COut        float64 // extracellular concentration (mM); default 2
	Tau         float64 // removal time constant (ms); default 5
	Depth       float64 // depth of the submembrane shell (µm); default 1
	Temperature float64 // temperature (°C) of the Nernst potential; default 36
}

// Calcium is an intracellular calcium pool. A fixed pool keeps a constant
// reversal potential; a first-order pool integrates
//
//	dC/dt = max(I_Ca, 0)/(2F·d) + (C_rest − C)/τ
//
// where I_Ca is the inward calcium current of the channels built on the
// pool, and sets E_Ca by the Nernst equation, E = RT/(2F)·ln(C_out/C).
type Calcium struct {
	C []float64 // intracellular concentration (mM)
	E []float64 // reversal potential (mV)

	CalciumParams
	fixed    bool
	e0       float64      // reversal of a fixed pool
	channels []Channel    // calcium channels reading this pool
	scratch  [2][]float64 // their conductances and g·E
}

// NewCalciumFixed returns a pool over n neurons whose reversal potential is
// held at e mV (BrainPy's CalciumFixed, default E 120).
func NewCalciumFixed(n int, e float64) (*Calcium, error) {
	if err := chanCheckSize("CalciumFixed", n); err != nil {
		return nil, err
	}
	if math.IsNaN(e) || math.IsInf(e, 0) {
		return nil, fmt.Errorf("%w: CalciumFixed reversal %g must be finite", ErrChannel, e)
	}
	ca := &Calcium{fixed: true, e0: e, C: make([]float64, n), E: make([]float64, n)}
	ca.setDefaults(CalciumParams{})
	ca.ResetState(nil)
	return ca, nil
}

// NewCalciumFirstOrder returns a first-order calcium pool over n neurons at
// its resting concentration.
func NewCalciumFirstOrder(n int, s CalciumParams) (*Calcium, error) {
	if err := chanCheckSize("CalciumFirstOrder", n); err != nil {
		return nil, err
	}
	if s.CRest < 0 || s.COut < 0 || s.Tau < 0 || s.Depth < 0 || s.Temperature < -273.15 {
		return nil, fmt.Errorf("%w: CalciumFirstOrder concentrations, Tau and Depth must be positive (got %+v)", ErrChannel, s)
	}
	ca := &Calcium{C: make([]float64, n), E: make([]float64, n)}
	ca.setDefaults(s)
	ca.scratch = [2][]float64{make([]float64, n), make([]float64, n)}
	ca.ResetState(nil)
	return ca, nil
}

func (ca *Calcium) setDefaults(s CalciumParams) {
	ca.CalciumParams = CalciumParams{
		CRest:       chanDefault(s.CRest, 2.4e-4),
		COut:        chanDefault(s.COut, 2),
		Tau:         chanDefault(s.Tau, 5),
		Depth:       chanDefault(s.Depth, 1),
		Temperature: chanDefault(s.Temperature, 36),
	}
}

// Nernst returns the calcium reversal potential (mV) at intracellular
// concentration c (mM) under the pool's settings.
func (ca *Calcium) Nernst(c float64) float64 {
	return 1000 * gasConst * (ca.Temperature + 273.15) / (2 * faraday) * math.Log(ca.COut/c)
}

// attach registers a calcium channel whose current drives the pool.
func (ca *Calcium) attach(c Channel) { ca.channels = append(ca.channels, c) }

// Size returns the number of neurons.
func (ca *Calcium) Size() int { return len(ca.C) }

// Reversal returns E_Ca.
func (ca *Calcium) Reversal() []float64 { return ca.E }

// Vars returns the concentration and reversal as "Ca.C" and "Ca.E".
func (ca *Calcium) Vars() []bp.Var {
	return []bp.Var{{Name: "Ca.C", Data: ca.C}, {Name: "Ca.E", Data: ca.E}}
}

// AddConductance adds nothing: the pool's current is its channels'.
func (ca *Calcium) AddConductance(_, _, _ []float64) {}

// Advance integrates the concentration over dt with the channel currents
// at v held (exactly, the influx being constant over the step) and updates
// the reversal potential. A fixed pool does nothing.
func (ca *Calcium) Advance(v []float64, dt float64) {
	if ca.fixed {
		return
	}
	g, ge := ca.scratch[0], ca.scratch[1]
	clear(g)
	clear(ge)
	for _, c := range ca.channels {
		c.AddConductance(g, ge, v)
	}
	// µA/cm² into mM/ms: 1e-9 C/(ms·cm²) / (2F · d·1e-4 cm) · 1e6 mM/(mol/cm³).
	k := 10 / (2 * faraday * ca.Depth)
	decay := math.Exp(-dt / ca.Tau)
	for i, vi := range v[:len(ca.C)] {
		influx := max(ge[i]-g[i]*vi, 0) * k
		inf := ca.CRest + ca.Tau*influx
		ca.C[i] = inf + (ca.C[i]-inf)*decay
		ca.E[i] = ca.Nernst(ca.C[i])
	}
}

// ResetState sets the concentration to rest (and E to its value there,
// or to the fixed reversal). It does not depend on v.
func (ca *Calcium) ResetState([]float64) {
	e := ca.e0
	if !ca.fixed {
		e = ca.Nernst(ca.CRest)
	}
	for i := range ca.C {
		ca.C[i] = ca.CRest
		ca.E[i] = e
	}
}
