package analysis

import (
	"fmt"
	"slices"
)

// BifurcationSettings configure Bifurcation. The zero value works.
type BifurcationSettings struct {
	Limits
	// Hold gives the values of model variables held fixed.
	Hold map[string]float64
	// ClassTol is the relative tolerance of Classify (0: DefaultClassTol).
	ClassTol float64
	// TolUnique merges fixed points closer than TolUnique times the axis
	// span (0: 1e-6).
	TolUnique float64
}

// DiagramPoint is a fixed point at one parameter setting.
type DiagramPoint struct {
	P []float64 // the parameter values, in the order of Diagram.Params
	FixedPoint
}

// Diagram is a sampled bifurcation diagram: every fixed point found at every
// grid point of one or two parameters.
type Diagram struct {
	Params []string       // the parameters varied
	Vars   []string       // the state variables of X
	Points []DiagramPoint // by parameter grid (first parameter slowest), then by state
}

// Bifurcation samples the fixed points of a one- or two-variable system
// (vars, the state grid of the root search) over one or two parameters
// (pars), each classified; a codimension-1 diagram for one parameter and a
// codimension-2 sampling for two. Points on the same parameter grid point
// are found as by PhasePlane1D or PhasePlane2D. For bifurcation points as
// numbers use Continue.
func Bifurcation(m Model, vars, pars []Axis, s BifurcationSettings) (*Diagram, error) {
	if len(vars) < 1 || len(vars) > 2 || len(pars) < 1 || len(pars) > 2 {
		return nil, fmt.Errorf("%w: %d variables and %d parameters (want 1 or 2 of each)", ErrBadSettings, len(vars), len(pars))
	}
	sys, err := reduce(m, vars, s.Hold, true)
	if err != nil {
		return nil, err
	}
	if sys.m, err = sys.m.With(nil); err != nil { // own the parameter map
		return nil, err
	}
	if err := checkAxes(sys.m, pars, false); err != nil {
		return nil, err
	}
	evals := 1.0
	for _, a := range append(slices.Clone(vars), pars...) {
		evals *= float64(a.points())
	}
	if err := s.budget("the bifurcation diagram", evals); err != nil {
		return nil, err
	}
	d := &Diagram{Vars: slices.Clone(sys.m.Vars)}
	var grid [][]float64 // parameter combinations
	for _, v := range pars[0].Values() {
		if len(pars) == 1 {
			grid = append(grid, []float64{v})
			continue
		}
		for _, w := range pars[1].Values() {
			grid = append(grid, []float64{v, w})
		}
	}
	for _, a := range pars {
		d.Params = append(d.Params, a.Name)
	}
	for k, p := range grid {
		for i, a := range pars {
			sys.m.Params[a.Name] = p[i]
		}
		fps, err := sys.fixedPoints(vars, s.TolUnique, s.ClassTol)
		if err != nil {
			return nil, fmt.Errorf("at %v = %v: %w", d.Params, p, err)
		}
		for _, fp := range fps {
			d.Points = append(d.Points, DiagramPoint{P: slices.Clone(p), FixedPoint: fp})
		}
		s.progress(k+1, len(grid))
	}
	return d, nil
}

// fixedPoints finds the fixed points of a one- or two-variable system on the
// grid of the axes.
func (s *system) fixedPoints(vars []Axis, tolUnique, classTol float64) ([]FixedPoint, error) {
	if len(vars) == 2 {
		pl, err := s.phase2D(vars[0], vars[1], Limits{}, tolUnique, classTol)
		if err != nil {
			return nil, err
		}
		return pl.Fixed, nil
	}
	xs := vars[0].Values()
	fx := make([]float64, len(xs))
	for i, v := range xs {
		if err := s.eval(fx[i:i+1], []float64{v}); err != nil {
			return nil, err
		}
	}
	return s.roots1D(xs, fx, classTol)
}

// CyclePoint is the outcome of a limit-cycle search at one parameter value.
type CyclePoint struct {
	P float64 // the parameter value
	Cycle
}

// LimitCycles runs FindLimitCycle at each value of the parameter axis par,
// starting from x0 and then from the last cycle found, and reports the
// period and extrema where a cycle exists: the limit-cycle part of a
// bifurcation diagram. Progress, if set in s.Sim.Limits, is called per value.
func LimitCycles(m Model, par Axis, x0 []float64, s CycleSettings) ([]CyclePoint, error) {
	m, err := m.With(nil)
	if err != nil {
		return nil, err
	}
	if err := checkAxes(m, []Axis{par}, false); err != nil {
		return nil, err
	}
	vals := par.Values()
	out := make([]CyclePoint, 0, len(vals))
	start := slices.Clone(x0)
	for k, v := range vals {
		m.Params[par.Name] = v
		c, err := FindLimitCycle(m, start, s)
		if err != nil {
			return nil, fmt.Errorf("at %s = %v: %w", par.Name, v, err)
		}
		if c.Found {
			start = c.Start
		}
		out = append(out, CyclePoint{P: v, Cycle: c})
		s.Sim.progress(k+1, len(vals))
	}
	return out, nil
}
