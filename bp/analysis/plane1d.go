package analysis

import (
	"fmt"
	"math"
	"slices"
)

// PhasePlane1DSettings configure PhasePlane1D. The zero value works for a
// one-variable model.
type PhasePlane1DSettings struct {
	Limits
	// Hold gives the values of the model's other variables, held fixed.
	Hold map[string]float64
	// ClassTol is the relative tolerance of Classify (0: DefaultClassTol).
	ClassTol float64
}

// Plane1D is the phase line of one variable.
type Plane1D struct {
	Var   string       // the variable
	X     []float64    // grid points
	DX    []float64    // dx/dt at X
	Fixed []FixedPoint // each fixed point in the range once, by increasing x
}

// PhasePlane1D samples the vector field of one variable on the axis and
// finds its fixed points: exact zeros on grid points (the range ends
// included) and sign changes between grid points refined by bracketing,
// each classified from f′ as StablePoint, UnstablePoint or SaddleNode.
func PhasePlane1D(m Model, x Axis, s PhasePlane1DSettings) (*Plane1D, error) {
	sys, err := reduce(m, []Axis{x}, s.Hold, true)
	if err != nil {
		return nil, err
	}
	if err := s.budget("the phase line of "+x.Name, float64(x.points())); err != nil {
		return nil, err
	}
	res := &Plane1D{Var: x.Name, X: x.Values()}
	res.DX = make([]float64, len(res.X))
	for i, v := range res.X {
		if err := sys.eval(res.DX[i:i+1], []float64{v}); err != nil {
			return nil, err
		}
	}
	s.progress(1, 1)
	res.Fixed, err = sys.roots1D(res.X, res.DX, s.ClassTol)
	return res, err
}

// reduce validates the axes against m, holds the variables in hold and
// checks that exactly the axis variables remain free. With vars false the
// axes are not checked (they name parameters).
func reduce(m Model, axes []Axis, hold map[string]float64, vars bool) (*system, error) {
	if err := m.Validate(); err != nil {
		return nil, err
	}
	if vars {
		if err := checkAxes(m, axes, true); err != nil {
			return nil, err
		}
		for _, a := range axes {
			if _, ok := hold[a.Name]; ok {
				return nil, fmt.Errorf("%w: %q is both analysed and held", ErrBadSettings, a.Name)
			}
		}
	}
	sub, err := m.Hold(hold)
	if err != nil {
		return nil, err
	}
	if vars {
		for _, v := range sub.Vars {
			if !slices.ContainsFunc(axes, func(a Axis) bool { return a.Name == v }) {
				return nil, fmt.Errorf("%w: variable %q is neither analysed nor held (give its value in Hold)", ErrBadSettings, v)
			}
		}
		// Order the free variables like the axes.
		if sub.Vars[0] != axes[0].Name {
			sub = swap2(sub)
		}
	}
	return newSystem(sub)
}

// swap2 reorders a two-variable model's state so that its variables come in
// the opposite order.
func swap2(m Model) Model {
	f := m.F
	xs, ds := make([]float64, 2), make([]float64, 2)
	out := Model{Vars: []string{m.Vars[1], m.Vars[0]}, Params: m.Params}
	out.F = func(dst, x []float64, p Params) {
		xs[0], xs[1] = x[1], x[0]
		f(ds, xs, p)
		dst[0], dst[1] = ds[1], ds[0]
	}
	if jf := m.Jacobian; jf != nil {
		j := make([]float64, 4)
		out.Jacobian = func(jac, x []float64, p Params) {
			xs[0], xs[1] = x[1], x[0]
			jf(j, xs, p)
			jac[0], jac[1], jac[2], jac[3] = j[3], j[2], j[1], j[0]
		}
	}
	return out
}

// roots1D finds the fixed points of a one-variable system from its values
// fx on the grid xs.
func (s *system) roots1D(xs, fx []float64, tol float64) ([]FixedPoint, error) {
	var roots []float64
	for i, f := range fx {
		if f == 0 {
			roots = append(roots, xs[i])
		}
		if i+1 < len(fx) && f*fx[i+1] < 0 {
			r, err := s.bracket(xs[i], xs[i+1], f, fx[i+1])
			if err != nil {
				return nil, err
			}
			roots = append(roots, r)
		}
	}
	var fps []FixedPoint
	for _, r := range roots {
		fp, err := s.fixedPoint([]float64{r}, tol)
		if err != nil {
			return nil, err
		}
		fps = append(fps, fp)
	}
	return fps, nil
}

// bracket refines a root of a one-variable system inside [a, b], where fa
// and fb have opposite signs.
func (s *system) bracket(a, b, fa, fb float64) (float64, error) {
	var y [1]float64
	return illinois(a, b, fa, fb, 4e-16, func(c float64) (float64, error) {
		err := s.eval(y[:], []float64{c})
		return y[0], err
	})
}

// illinois finds a zero of f between a and b, where fa and fb have opposite
// signs, by the Illinois variant of regula falsi, until the bracket is
// narrower than rtol·max(1, |b|) or f hits zero or NaN. It returns the last
// point evaluated.
func illinois(a, b, fa, fb, rtol float64, f func(float64) (float64, error)) (float64, error) {
	for range 200 {
		c := (a*fb - b*fa) / (fb - fa)
		if !(c > min(a, b) && c < max(a, b)) {
			c = (a + b) / 2
		}
		fc, err := f(c)
		if err != nil || fc == 0 || math.IsNaN(fc) {
			return c, err
		}
		if fc*fb < 0 {
			a, fa = b, fb
		} else {
			fa /= 2
		}
		b, fb = c, fc
		if math.Abs(b-a) <= rtol*max(1, math.Abs(b)) {
			break
		}
	}
	return b, nil
}
