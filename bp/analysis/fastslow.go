package analysis

import (
	"fmt"
	"math"
	"slices"
)

// FastSlowSettings configure FastSlow. The zero value gives the diagram and
// the continued branches without a trajectory.
type FastSlowSettings struct {
	// Bifurcation sets the sampled diagram of the fast equilibria.
	Bifurcation BifurcationSettings
	// Continuation sets the continuation of the fast branches against a
	// single slow variable; Min, Max and Bounds are taken from the axes.
	Continuation ContinuationSettings
	// Init, if not nil, is the initial state of the model's variables
	// that are not in Bifurcation.Hold, in the order of Vars, for the
	// trajectory drawn on top; Sim sets its duration (required then), step
	// and method.
	Init []float64
	Sim  SimSettings // the trajectory's simulation
	// CycleInit, if not nil, is a state of the fast variables from which
	// the fast subsystem's limit cycles are sought at each value of the
	// (single) slow variable, as by LimitCycles; Cycle configures them.
	CycleInit []float64
	Cycle     CycleSettings // the fast limit-cycle search
}

// FastSlowResult is the equilibria of the fast subsystem against the slow
// variables, with the full system's trajectory.
type FastSlowResult struct {
	Fast, Slow []string // the fast and the slow variables
	// Diagram samples the fast equilibria over the slow grid; its Params
	// are the slow variables.
	Diagram *Diagram
	// Branches are the continued fast equilibrium branches against the
	// slow variable (one slow variable only), each traced once.
	Branches []*Branch
	// Cycles are the fast subsystem's limit cycles along the slow
	// variable (nil without CycleInit): the spiking part of a burster.
	Cycles []CyclePoint
	// Trajectory is the full model's trajectory (nil without Init).
	Trajectory *Trajectory
}

// FastSlow analyses a fast–slow system: the slow variables (one or two
// axes) are frozen and become parameters of the fast subsystem (one or two
// axes), whose equilibria are sampled over the slow grid, as BrainPy's
// FastSlow1D and FastSlow2D do. With one slow variable the branches are also
// continued, so their fold and Hopf points come out as numbers; starts are
// the sampled equilibria at both ends of the slow range, each branch traced
// once. Other model variables must be held in s.Bifurcation.Hold.
func FastSlow(m Model, fast, slow []Axis, s FastSlowSettings) (*FastSlowResult, error) {
	if len(slow) < 1 || len(slow) > 2 {
		return nil, fmt.Errorf("%w: %d slow variables (want 1 or 2)", ErrBadSettings, len(slow))
	}
	if err := m.Validate(); err != nil {
		return nil, err
	}
	if err := checkAxes(m, slow, true); err != nil {
		return nil, err
	}
	hold := make(map[string]float64, len(s.Bifurcation.Hold)+len(slow))
	for k, v := range s.Bifurcation.Hold {
		hold[k] = v
	}
	for _, a := range slow {
		if _, ok := hold[a.Name]; ok {
			return nil, fmt.Errorf("%w: slow variable %q is also held", ErrBadSettings, a.Name)
		}
		hold[a.Name] = a.Min
	}
	sub, err := m.Hold(hold)
	if err != nil {
		return nil, err
	}
	bs := s.Bifurcation
	bs.Hold = nil
	res := &FastSlowResult{}
	if res.Diagram, err = Bifurcation(sub, fast, slow, bs); err != nil {
		return nil, err
	}
	res.Fast, res.Slow = res.Diagram.Vars, res.Diagram.Params
	if len(slow) == 1 {
		if res.Branches, err = fastBranches(sub, fast, slow[0], res.Diagram, s.Continuation); err != nil {
			return nil, err
		}
	}
	if s.CycleInit != nil {
		if len(slow) != 1 {
			return nil, fmt.Errorf("%w: fast limit cycles need one slow variable, not %d", ErrBadSettings, len(slow))
		}
		if res.Cycles, err = LimitCycles(sub, slow[0], s.CycleInit, s.Cycle); err != nil {
			return nil, err
		}
	}
	if s.Init != nil {
		if s.Sim.Hold != nil {
			return nil, fmt.Errorf("%w: hold variables in Bifurcation.Hold, not Sim.Hold", ErrBadSettings)
		}
		sim := s.Sim
		sim.Hold = s.Bifurcation.Hold
		full := s.Init
		if res.Trajectory, err = Simulate(m, full, sim); err != nil {
			return nil, err
		}
	}
	return res, nil
}

// fastBranches continues the fast equilibria found at both ends of the slow
// range, skipping starts that lie on a branch already traced.
func fastBranches(sub Model, fast []Axis, slow Axis, d *Diagram, cs ContinuationSettings) ([]*Branch, error) {
	cs.Min, cs.Max, cs.Bounds, cs.Direction = slow.Min, slow.Max, fast, 0
	var out []*Branch
	covered := func(p float64, x []float64) bool {
		for _, b := range out {
			for _, q := range b.Points {
				if math.Abs(q.P-p) > 1e-9*(slow.Max-slow.Min) {
					continue
				}
				near := true
				for i, a := range fast {
					if math.Abs(q.X[i]-x[i]) > 1e-5*(a.Max-a.Min) {
						near = false
					}
				}
				if near {
					return true
				}
			}
		}
		return false
	}
	for _, end := range []float64{slow.Min, slow.Max} {
		for _, pt := range d.Points {
			if pt.P[0] != end || covered(end, pt.X) {
				continue
			}
			start, err := sub.With(Params{slow.Name: end})
			if err != nil {
				return nil, err
			}
			b, err := Continue(start, slow.Name, slices.Clone(pt.X), cs)
			if err != nil {
				return nil, err
			}
			out = append(out, b)
		}
	}
	return out, nil
}
