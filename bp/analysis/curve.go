package analysis

import (
	"fmt"
	"math"
	"slices"

	"gonum.org/v1/gonum/mat"
)

// CurvePoint is one point of a two-parameter bifurcation curve.
type CurvePoint struct {
	P     [2]float64 // the two parameter values
	X     []float64  // the equilibrium
	Omega float64    // Hopf curves: the pair's frequency; NaN where it is real (a neutral saddle)
}

// Curve is a fold or Hopf curve in two parameters: codimension-2
// continuation of a special point of a Branch.
type Curve struct {
	Kind   Kind         // Fold or Hopf
	Params [2]string    // the two parameters, as in each point's P
	Vars   []string     // the state variables of each point's X
	Points []CurvePoint // in curve order
}

// ContinueCurve continues the fold or Hopf point sp, found on a Branch of m
// in param (with the same s.Hold), as a curve in the plane of param and the
// second parameter, from the model's current value of the second. It solves
// F(x; p) = 0 together with one test equation, det J = 0 for a fold and
// det(2J ⊙ I) = 0 (the bialternate product, whose eigenvalues are the sums
// λ_i + λ_j) for a Hopf point, by the same pseudo-arclength method as
// Continue; s.Min and s.Max bound param, second.Min and second.Max the
// second parameter. The Hopf test also vanishes at neutral saddles, which
// the points report with Omega = NaN.
func ContinueCurve(m Model, sp SpecialPoint, param string, second Axis, s ContinuationSettings) (*Curve, error) {
	sys, err := holdSystem(m, s.Hold)
	if err != nil {
		return nil, err
	}
	if err := sys.m.checkParam(param); err != nil {
		return nil, err
	}
	if len(sp.X) != sys.n {
		return nil, fmt.Errorf("%w: special point has %d values, want %d (%v)", ErrBadSettings, len(sp.X), sys.n, sys.m.Vars)
	}
	if sp.Kind == Hopf && sys.n < 2 {
		return nil, fmt.Errorf("%w: a Hopf point needs at least two variables", ErrBadSettings)
	}
	sys.m.Params[param] = sp.P
	c, err := newContinuer(sys, []string{param, second.Name}, [][2]float64{{s.Min, s.Max}, {second.Min, second.Max}}, s)
	if err != nil {
		return nil, err
	}
	n := sys.n
	jac := make([]float64, n*n)
	c.test = func(x []float64) (float64, error) {
		if err := sys.jacobian(jac, x); err != nil {
			return 0, err
		}
		if sp.Kind == Fold {
			return mat.Det(mat.NewDense(n, n, jac)), nil
		}
		return hopfDet(jac, n), nil
	}
	y0 := append(slices.Clone(sp.X), sp.P, sys.m.Params[second.Name])
	fix := make([]float64, n+2)
	fix[n+1] = 1
	y0, _, err = c.correct(y0, fix)
	if err != nil {
		return nil, err
	}
	if y0 == nil {
		return nil, fmt.Errorf("%w: no %v point near %s at %s = %v", ErrBadSettings, sp.Kind, sys.describe(sp.X), param, sp.P)
	}
	ys, _, err := c.traceBoth(y0, 1)
	if err != nil {
		return nil, err
	}
	cv := &Curve{Kind: sp.Kind, Params: [2]string{param, second.Name}, Vars: slices.Clone(sys.m.Vars)}
	for _, y := range ys {
		pt := CurvePoint{P: [2]float64{y[n], y[n+1]}, X: slices.Clone(y[:n]), Omega: math.NaN()}
		if sp.Kind == Hopf {
			c.setParams(y)
			if err := sys.jacobian(jac, pt.X); err != nil {
				return nil, err
			}
			_, pt.Omega = hopfTest(Eigenvalues(jac, n))
		}
		cv.Points = append(cv.Points, pt)
	}
	return cv, nil
}

// bialternate returns the bialternate product 2A ⊙ I of the n×n matrix a
// (row-major), of order n(n−1)/2 over the index pairs (p, q), p > q, whose
// eigenvalues are λ_i + λ_j for i < j (Kuznetsov, Elements of Applied
// Bifurcation Theory, §10.2).
func bialternate(a []float64, n int) []float64 {
	k := n * (n - 1) / 2
	out := make([]float64, k*k)
	at := func(i, j int) float64 { return a[i*n+j] }
	row := 0
	for p := 1; p < n; p++ {
		for q := range p {
			col := 0
			for r := 1; r < n; r++ {
				for s := range r {
					var v float64
					switch {
					case r == q:
						v = -at(p, s)
					case r != p && s == q:
						v = at(p, r)
					case r == p && s == q:
						v = at(p, p) + at(q, q)
					case r == p && s != q:
						v = at(q, s)
					case s == p:
						v = -at(q, r)
					}
					out[row*k+col] = v
					col++
				}
			}
			row++
		}
	}
	return out
}
