package analysis

import (
	"cmp"
	"math"
	"math/cmplx"
	"slices"

	"gonum.org/v1/gonum/mat"
)

// Class is the stability type of a fixed point, from its Jacobian.
type Class int

// The classes. One-dimensional points are StablePoint, UnstablePoint or
// SaddleNode; planar points use the trace–determinant classes; points of
// three or more dimensions are StablePoint, UnstablePoint, Saddle or
// MarginallyStable.
const (
	Unclassified       Class = iota
	StablePoint              // every eigenvalue has negative real part (1-D: f′ < 0)
	UnstablePoint            // every eigenvalue has positive real part (1-D: f′ > 0)
	SaddleNode               // 1-D with f′ = 0: semi-stable, the fold point itself
	Saddle                   // real eigenvalues of both signs
	StableNode               // two distinct negative real eigenvalues
	UnstableNode             // two distinct positive real eigenvalues
	StableFocus              // complex pair with negative real part
	UnstableFocus            // complex pair with positive real part
	Center                   // purely imaginary pair
	StableStar               // J = λI with λ < 0
	UnstableStar             // J = λI with λ > 0
	StableDegenerate         // repeated negative eigenvalue, one eigenvector
	UnstableDegenerate       // repeated positive eigenvalue, one eigenvector
	StableLine               // eigenvalues 0 and negative: a line of fixed points, attracting
	UnstableLine             // eigenvalues 0 and positive: a line of fixed points, repelling
	Degenerate               // both eigenvalues zero
	MarginallyStable         // some eigenvalues zero, the rest negative (n >= 3)
)

var classNames = [...]string{
	Unclassified:       "unclassified",
	StablePoint:        "stable point",
	UnstablePoint:      "unstable point",
	SaddleNode:         "saddle-node",
	Saddle:             "saddle",
	StableNode:         "stable node",
	UnstableNode:       "unstable node",
	StableFocus:        "stable focus",
	UnstableFocus:      "unstable focus",
	Center:             "center",
	StableStar:         "stable star",
	UnstableStar:       "unstable star",
	StableDegenerate:   "stable degenerate",
	UnstableDegenerate: "unstable degenerate",
	StableLine:         "stable line",
	UnstableLine:       "unstable line",
	Degenerate:         "degenerate",
	MarginallyStable:   "marginally stable",
}

// String returns the class name as BrainPy prints it ("stable focus").
func (c Class) String() string {
	if c < 0 || int(c) >= len(classNames) {
		return "Class(?)"
	}
	return classNames[c]
}

// Stable reports whether a point of this class attracts all nearby states.
func (c Class) Stable() bool {
	switch c {
	case StablePoint, StableNode, StableFocus, StableStar, StableDegenerate:
		return true
	}
	return false
}

// DefaultClassTol is the relative tolerance of Classify when a setting
// leaves it at zero.
const DefaultClassTol = 1e-7

// Classify returns the class of a fixed point from its n×n Jacobian jac
// (row-major). Quantities are compared with zero to tol times their scale:
// s = max(1, max|J_ij|) for the trace and the real parts of eigenvalues, s²
// for the determinant and the discriminant tr² − 4det, so tol is relative.
// A tol of zero means DefaultClassTol.
func Classify(jac []float64, n int, tol float64) Class {
	if tol == 0 {
		tol = DefaultClassTol
	}
	s := 1.0
	for _, v := range jac[:n*n] {
		s = max(s, math.Abs(v))
	}
	switch n {
	case 1:
		switch {
		case jac[0] < -tol*s:
			return StablePoint
		case jac[0] > tol*s:
			return UnstablePoint
		}
		return SaddleNode
	case 2:
		return classify2(jac[0], jac[1], jac[2], jac[3], tol*s, tol*s*s)
	}
	return classifyGrowth(Eigenvalues(jac, n), tol*s, func(e complex128) float64 { return real(e) })
}

func classify2(a, b, c, d, tolT, tolD float64) Class {
	tr, det := a+d, a*d-b*c
	if det < -tolD {
		return Saddle
	}
	if det <= tolD {
		switch {
		case tr < -tolT:
			return StableLine
		case tr > tolT:
			return UnstableLine
		}
		return Degenerate
	}
	if math.Abs(tr) <= tolT {
		return Center
	}
	disc := tr*tr - 4*det
	stable := tr < 0
	switch {
	case disc < -tolD:
		return pick(stable, StableFocus, UnstableFocus)
	case disc > tolD:
		return pick(stable, StableNode, UnstableNode)
	}
	if math.Abs(b) <= tolT && math.Abs(c) <= tolT && math.Abs(a-d) <= tolT {
		return pick(stable, StableStar, UnstableStar)
	}
	return pick(stable, StableDegenerate, UnstableDegenerate)
}

// classifyGrowth classifies by the growth rate g(λ) of each eigen-mode
// (Re λ for a flow, |λ| − 1 for a map): Saddle if some modes grow and some
// decay beyond tol, UnstablePoint if some grow and none decay,
// MarginallyStable if none grow and some are within tol of neutral, else
// StablePoint.
func classifyGrowth(ev []complex128, tol float64, g func(complex128) float64) Class {
	var grow, decay, neutral int
	for _, e := range ev {
		switch r := g(e); {
		case r > tol:
			grow++
		case r < -tol:
			decay++
		default:
			neutral++
		}
	}
	switch {
	case grow > 0 && decay > 0:
		return Saddle
	case grow > 0:
		return UnstablePoint
	case neutral > 0:
		return MarginallyStable
	}
	return StablePoint
}

func pick(stable bool, s, u Class) Class {
	if stable {
		return s
	}
	return u
}

// Eigenvalues returns the eigenvalues of the n×n matrix jac (row-major),
// sorted by decreasing real part, then by decreasing imaginary part.
func Eigenvalues(jac []float64, n int) []complex128 {
	var ev []complex128
	if n == 1 {
		ev = []complex128{complex(jac[0], 0)}
	} else {
		var e mat.Eigen
		if !e.Factorize(mat.NewDense(n, n, slices.Clone(jac[:n*n])), mat.EigenNone) {
			ev = make([]complex128, n)
			for i := range ev {
				ev[i] = cmplx.NaN()
			}
			return ev
		}
		ev = e.Values(nil)
	}
	sortEigen(ev)
	return ev
}

func sortEigen(ev []complex128) { slices.SortStableFunc(ev, eigenOrder) }

// eigenOrder orders eigenvalues by decreasing real part, then decreasing
// imaginary part.
func eigenOrder(a, b complex128) int {
	if c := cmp.Compare(real(b), real(a)); c != 0 {
		return c
	}
	return cmp.Compare(imag(b), imag(a))
}
