package analysis

import (
	"cmp"
	"math"
	"slices"

	"gonum.org/v1/gonum/mat"
)

// FixedPoint is an equilibrium F(x) = 0 with its linearisation.
type FixedPoint struct {
	X        []float64    // the state, in the order of the model's Vars
	Jacobian []float64    // n×n, row-major
	Eigen    []complex128 // eigenvalues, by decreasing real part
	Class    Class        // classified from Eigen
}

// Stable reports whether the point attracts all nearby states.
func (p FixedPoint) Stable() bool { return p.Class.Stable() }

// newtonMaxIter bounds Newton's iterations; from a grid candidate the
// method converges in a handful when it converges at all.
const newtonMaxIter = 50

// newton refines x in place towards a root of F by damped Newton steps,
// solving J dx = −F with gonum's LU. It reports whether ‖F‖∞ fell below
// ftol or the step below 1e-14 of the state's scale with a small residual.
func (s *system) newton(x []float64, ftol float64) (bool, error) {
	n := s.n
	f := make([]float64, n)
	trial := make([]float64, n)
	ft := make([]float64, n)
	jac := make([]float64, n*n)
	var dx mat.VecDense
	if err := s.eval(f, x); err != nil {
		return false, err
	}
	norm := infNorm(f)
	for range newtonMaxIter {
		if norm <= ftol {
			return true, nil
		}
		if err := s.jacobian(jac, x); err != nil {
			return false, err
		}
		for i := range f {
			f[i] = -f[i]
		}
		if err := dx.SolveVec(mat.NewDense(n, n, jac), mat.NewVecDense(n, f)); err != nil {
			return false, nil // singular Jacobian: not a usable root from here
		}
		// Backtrack until the residual decreases: keeps far candidates
		// from jumping across the plane.
		step := 1.0
		for {
			for i := range x {
				trial[i] = x[i] + step*dx.AtVec(i)
			}
			if err := s.eval(ft, trial); err != nil {
				return false, err
			}
			if tn := infNorm(ft); tn < norm || step < 1e-4 {
				norm = tn
				break
			}
			step /= 2
		}
		small := true
		for i := range x {
			if math.Abs(trial[i]-x[i]) > 1e-14*(1+math.Abs(x[i])) {
				small = false
			}
		}
		copy(x, trial)
		copy(f, ft)
		if small {
			return norm <= math.Sqrt(ftol), nil
		}
	}
	return norm <= ftol, nil
}

// fixedPoint builds the FixedPoint at x with its Jacobian and class.
func (s *system) fixedPoint(x []float64, tol float64) (FixedPoint, error) {
	jac := make([]float64, s.n*s.n)
	if err := s.jacobian(jac, x); err != nil {
		return FixedPoint{}, err
	}
	return FixedPoint{
		X:        slices.Clone(x),
		Jacobian: jac,
		Eigen:    Eigenvalues(jac, s.n),
		Class:    Classify(jac, s.n, tol),
	}, nil
}

// sortPoints orders points by their first coordinate, then the next ones.
func sortPoints(pts [][]float64) {
	slices.SortFunc(pts, func(a, b []float64) int {
		for i := range a {
			if c := cmp.Compare(a[i], b[i]); c != 0 {
				return c
			}
		}
		return 0
	})
}

// appendUnique appends a copy of x to pts unless a point within tol[i] of
// it in every component i is there already.
func appendUnique(pts [][]float64, x []float64, tol []float64) [][]float64 {
	for _, p := range pts {
		same := true
		for i := range p {
			if math.Abs(p[i]-x[i]) > tol[i] {
				same = false
				break
			}
		}
		if same {
			return pts
		}
	}
	return append(pts, slices.Clone(x))
}

func infNorm(v []float64) float64 {
	m := 0.0
	for _, x := range v {
		m = max(m, math.Abs(x))
	}
	return m
}
