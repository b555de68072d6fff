package analysis

import (
	"fmt"
	"math"
)

// Axis is a sampled range of a named variable or parameter: N points from
// Min to Max inclusive.
type Axis struct {
	Name     string  // the variable or parameter
	Min, Max float64 // the range, Min < Max
	// N is the number of grid points; zero means DefaultResolution.
	N int
}

// DefaultResolution is the number of points of an Axis whose N is zero.
const DefaultResolution = 101

func (a Axis) points() int {
	if a.N == 0 {
		return DefaultResolution
	}
	return a.N
}

// check validates the range.
func (a Axis) check() error {
	if math.IsNaN(a.Min) || math.IsNaN(a.Max) || math.IsInf(a.Min, 0) || math.IsInf(a.Max, 0) {
		return fmt.Errorf("%w: %q range [%v, %v] must be finite", ErrBadRange, a.Name, a.Min, a.Max)
	}
	if a.Min >= a.Max {
		return fmt.Errorf("%w: %q has Min %v >= Max %v (need Min < Max)", ErrBadRange, a.Name, a.Min, a.Max)
	}
	if a.N != 0 && a.N < 2 {
		return fmt.Errorf("%w: %q resolution N = %d (need N >= 2, or 0 for %d)", ErrBadRange, a.Name, a.N, DefaultResolution)
	}
	return nil
}

// Values returns the N grid points of the axis.
func (a Axis) Values() []float64 {
	n := a.points()
	v := make([]float64, n)
	for i := range v {
		v[i] = a.Min + (a.Max-a.Min)*float64(i)/float64(n-1)
	}
	v[n-1] = a.Max
	return v
}

// Limits bounds and reports long searches. The zero value allows
// DefaultMaxEvals evaluations and reports nothing.
type Limits struct {
	// MaxEvals is the largest number of model evaluations a grid search may
	// plan; larger resolutions return ErrTooManyEvals. Zero means
	// DefaultMaxEvals.
	MaxEvals int
	// Progress, if not nil, is called with the work done and the total
	// (grid rows, parameter values or candidates) as a search proceeds.
	Progress func(done, total int)
}

func (l Limits) budget(what string, evals float64) error {
	limit := l.MaxEvals
	if limit == 0 {
		limit = DefaultMaxEvals
	}
	if limit < 0 {
		return fmt.Errorf("%w: MaxEvals = %d (need >= 0)", ErrBadSettings, limit)
	}
	if evals > float64(limit) {
		return fmt.Errorf("%w: %s needs %.3g model evaluations, more than the limit MaxEvals = %d; lower the resolution or raise Limits.MaxEvals",
			ErrTooManyEvals, what, evals, limit)
	}
	return nil
}

func (l Limits) progress(done, total int) {
	if l.Progress != nil {
		l.Progress(done, total)
	}
}

// checkAxes checks each axis, that it names a variable of m (vars true) or a
// parameter (vars false), and that no name repeats.
func checkAxes(m Model, axes []Axis, vars bool) error {
	seen := map[string]bool{}
	for _, a := range axes {
		if vars {
			if _, err := m.Index(a.Name); err != nil {
				return err
			}
		} else if err := m.checkParam(a.Name); err != nil {
			return err
		}
		if seen[a.Name] {
			return fmt.Errorf("%w: %q is given twice", ErrBadSettings, a.Name)
		}
		seen[a.Name] = true
		if err := a.check(); err != nil {
			return err
		}
	}
	return nil
}
