package dyn

import (
	"math"

	"github.com/braingo/braingo/bp"
)

// KineticParams are the parameters of a two-state kinetic receptor
// ([Kinetic]): the binding rate α (1/(mM·ms)), the unbinding rate β (1/ms),
// the transmitter concentration T (mM) of each release and how long it lasts
// (ms). The zero value of a field selects the AMPA or GABA_A default of the
// constructor used.
type KineticParams struct {
	Alpha, Beta float64 // binding (1/(mM·ms)) and unbinding (1/ms) rates
	T, TDur     float64 // transmitter concentration (mM) of a release and its duration (ms)
}

// Kinetic is a two-state kinetic receptor synapse (Destexhe, Mainen &
// Sejnowski 1994), BrainPy's AMPA and GABAa:
//
//	dg/dt = α·[T]·(1 - g) - β·g,
//
// where the transmitter concentration [T] is T for TDur ms after each
// presynaptic spike and 0 otherwise (TDur rounded to whole steps). A spike
// (input > 0) at a step starts a release that acts from that step on. g is linear given [T], so each step is
// solved exactly. The synapse is nonlinear in its input (a second spike during
// a release does not add), so it belongs in an align-pre projection, fed with
// the presynaptic spikes.
type Kinetic struct {
	KineticParams
	G       []float64 // open fraction in [0, 1)
	Arrival []float64 // time of the last presynaptic spike (ms); noSpikeYet (−1e7) before the first, as for neurons
}

// NewAMPA returns an AMPA receptor synapse over n elements with BrainPy's
// defaults α .98, β .18, T .5, TDur .5 for the zero fields of p.
func NewAMPA(n int, p KineticParams) (*Kinetic, error) {
	return newKinetic("AMPA", n, p, KineticParams{Alpha: 0.98, Beta: 0.18, T: 0.5, TDur: 0.5})
}

// NewGABAa returns a GABA_A receptor synapse over n elements with BrainPy's
// defaults α .53, β .18, T 1, TDur 1 for the zero fields of p.
func NewGABAa(n int, p KineticParams) (*Kinetic, error) {
	return newKinetic("GABAa", n, p, KineticParams{Alpha: 0.53, Beta: 0.18, T: 1, TDur: 1})
}

func newKinetic(name string, n int, p, def KineticParams) (*Kinetic, error) {
	var err error
	if err = synCheckSize(name, n); err != nil {
		return nil, err
	}
	if p.Alpha, err = synPositive(name+".Alpha", p.Alpha, def.Alpha); err != nil {
		return nil, err
	}
	if p.Beta, err = synPositive(name+".Beta", p.Beta, def.Beta); err != nil {
		return nil, err
	}
	if p.T, err = synPositive(name+".T", p.T, def.T); err != nil {
		return nil, err
	}
	if p.TDur, err = synPositive(name+".TDur", p.TDur, def.TDur); err != nil {
		return nil, err
	}
	s := &Kinetic{KineticParams: p, G: make([]float64, n), Arrival: make([]float64, n)}
	s.Reset(0)
	return s, nil
}

// Size returns the number of elements.
func (s *Kinetic) Size() int { return len(s.G) }

// Out returns g.
func (s *Kinetic) Out() []float64 { return s.G }

// Vars returns g and the last spike arrival times.
func (s *Kinetic) Vars() []bp.Var {
	return []bp.Var{{Name: "g", Data: s.G}, {Name: "arrival", Data: s.Arrival}}
}

// Reset zeroes g and forgets past spikes.
func (s *Kinetic) Reset(uint64) {
	clear(s.G)
	for i := range s.Arrival {
		s.Arrival[i] = noSpikeYet
	}
}

// Step records the spikes of this step (input > 0) and advances g exactly
// over the step with the transmitter concentration this implies.
func (s *Kinetic) Step(ctx *bp.Context, in []float64) {
	t, dt := ctx.T, ctx.DT
	// The two possible rates: during a release and outside one.
	kOn := s.Alpha*s.T + s.Beta
	gOn := s.Alpha * s.T / kOn
	fOn, fOff := math.Exp(-kOn*dt), math.Exp(-s.Beta*dt)
	// A release lasts TDur rounded to whole steps; comparing with half a
	// step less keeps round-off in t from adding or dropping a step.
	tOn := s.TDur - dt/2
	g, arr := s.G, s.Arrival[:len(s.G)]
	in = in[:len(g)]
	for i := range g {
		if in[i] > 0 {
			arr[i] = t
		}
		if t-arr[i] < tOn {
			g[i] = gOn + (g[i]-gOn)*fOn
		} else {
			g[i] *= fOff
		}
	}
}
