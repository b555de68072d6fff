package integrate

import (
	"fmt"
	"slices"
)

// System lays several named variables of a population out in one flat
// state, one contiguous block of n elements per variable (BrainPy's
// JointEq over POP_VARs): variable v of element i is x[v*n+i].
type System struct {
	names []string
	n     int
}

// NewSystem returns the layout of the named variables over n elements.
func NewSystem(n int, names ...string) (*System, error) {
	if n <= 0 || len(names) == 0 {
		return nil, fmt.Errorf("%w: a system needs n ≥ 1 elements and at least one variable (got n = %d, %d names)", ErrLength, n, len(names))
	}
	for i, name := range names {
		if name == "" || slices.Index(names, name) != i {
			return nil, fmt.Errorf("%w: variable names must be non-empty and distinct, got %q", ErrSettings, names)
		}
	}
	return &System{names: slices.Clone(names), n: n}, nil
}

// Len returns the length of the flat state.
func (s *System) Len() int { return len(s.names) * s.n }

// N returns the number of elements per variable.
func (s *System) N() int { return s.n }

// Names returns the variable names in layout order.
func (s *System) Names() []string { return slices.Clone(s.names) }

// Index returns the position of the named variable, or -1.
func (s *System) Index(name string) int { return slices.Index(s.names, name) }

// Var returns the block of the named variable in the flat state x (a view,
// not a copy), or nil when there is no such variable.
func (s *System) Var(x []float64, name string) []float64 {
	v := s.Index(name)
	if v < 0 {
		return nil
	}
	return x[v*s.n : (v+1)*s.n : (v+1)*s.n]
}

// Blocks returns the block sizes, for exp_euler's WithBlocks: the elements
// of one variable do not depend on each other within a population.
func (s *System) Blocks() []int {
	b := make([]int, len(s.names))
	for i := range b {
		b[i] = s.n
	}
	return b
}

// VarFunc is the derivative of one variable of a System: it writes that
// variable's derivative into dst, reading all variables' blocks in vars
// (in the System's order).
type VarFunc func(dst []float64, t float64, vars [][]float64)

// Joint joins one VarFunc per variable (in the System's order) into a Func
// over the flat state. The Func allocates nothing; it holds its own views,
// so it must not be called concurrently with itself.
func (s *System) Joint(fs ...VarFunc) (Func, error) {
	if len(fs) != len(s.names) {
		return nil, fmt.Errorf("%w: %d derivative functions for variables %q", ErrLength, len(fs), s.names)
	}
	for i, f := range fs {
		if f == nil {
			return nil, fmt.Errorf("%w: derivative of %q", ErrNilFunc, s.names[i])
		}
	}
	fs = slices.Clone(fs)
	vars := make([][]float64, len(fs))
	n := s.n
	return func(dst []float64, t float64, x []float64) {
		for v := range vars {
			vars[v] = x[v*n : (v+1)*n : (v+1)*n]
		}
		for v, f := range fs {
			f(dst[v*n:(v+1)*n:(v+1)*n], t, vars)
		}
	}, nil
}

// Elementwise returns the Func of a population whose elements follow the
// same scalar equation dx_i/dt = f(t, x_i, i), i the element's index.
func Elementwise(f func(t, x float64, i int) float64) Func {
	return func(dst []float64, t float64, x []float64) {
		for i, xi := range x {
			dst[i] = f(t, xi, i)
		}
	}
}
