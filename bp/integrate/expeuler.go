package integrate

import (
	"fmt"
	"math"
)

// ExpEuler is the exponential Euler method: each variable is linearised
// against itself, x ← x + dt·φ(a·dt)·f(x) with a = ∂f_i/∂x_i and
// φ(z) = (e^z − 1)/z. It is exact for linear equations whose Jacobian is
// diagonal, and stable for stiff leak terms at any dt.
//
// The diagonal comes from a LinearFunc when one is given; otherwise it is
// estimated by forward differences, perturbing one block of mutually
// independent elements at a time (see Settings.Blocks): this costs one
// extra evaluation of f per block and step.
type ExpEuler struct {
	f      Func
	lin    LinearFunc
	blocks []int // block boundaries: block b is [blocks[b], blocks[b+1])
	dx     []float64
	diag   []float64
	xp, fp []float64 // perturbed state and its derivative
	// The argument and value of φ per element at its last evaluation: φ
	// is reused while the argument stays within reuseTol (relative), as it
	// does for a leak with a fixed time constant. reuseTol is 0 for an
	// analytic diagonal; for the difference estimate, whose own relative
	// error is about √ε ≈ 1.5e-8 and whose rounding noise would otherwise
	// force a new exponential at almost every step, it is 2^-22 ≈ 2.4e-7.
	z, phi   []float64
	reuseTol float64
}

// NewExpEuler returns an exponential Euler stepper over n variables. With
// s.Linear set, f may be nil.
func NewExpEuler(f Func, n int, s *Settings) (*ExpEuler, error) {
	if s == nil {
		s = &Settings{}
	}
	if f == nil && s.Linear == nil {
		return nil, fmt.Errorf("%w: exp_euler needs a Func or Settings.Linear", ErrNilFunc)
	}
	if err := checkSize(n); err != nil {
		return nil, err
	}
	e := &ExpEuler{f: f, lin: s.Linear, dx: make([]float64, n), diag: make([]float64, n),
		z: make([]float64, n), phi: make([]float64, n)}
	for i := range e.phi {
		e.phi[i] = 1 // φ(z = 0)
	}
	if e.lin != nil {
		return e, nil
	}
	e.xp, e.fp = make([]float64, n), make([]float64, n)
	e.reuseTol = 0x1p-22
	e.blocks = []int{0}
	if s.Blocks == nil {
		for i := 1; i <= n; i++ {
			e.blocks = append(e.blocks, i)
		}
		return e, nil
	}
	end := 0
	for _, b := range s.Blocks {
		if b <= 0 {
			return nil, fmt.Errorf("%w: exp_euler block size %d, need positive sizes", ErrSettings, b)
		}
		end += b
		e.blocks = append(e.blocks, end)
	}
	if end != n {
		return nil, fmt.Errorf("%w: exp_euler blocks sum to %d, the state has %d", ErrLength, end, n)
	}
	return e, nil
}

// Len returns the state length.
func (e *ExpEuler) Len() int { return len(e.dx) }

// Step advances x from t to t+dt.
// It panics (with an error wrapping ErrLength) if x is not of the length
// the stepper was built for.
func (e *ExpEuler) Step(x []float64, t, dt float64) {
	mustLen("exp_euler", "x", len(x), len(e.dx))
	if e.lin != nil {
		e.lin(e.dx, e.diag, t, x)
	} else {
		e.f(e.dx, t, x)
		e.estimateDiag(x, t)
	}
	for i, d := range e.dx {
		// Written so that a NaN argument is always evaluated (and propagates).
		if z := e.diag[i] * dt; !(math.Abs(z-e.z[i]) <= e.reuseTol*math.Abs(e.z[i])) {
			e.z[i], e.phi[i] = z, phi1(z)
		}
		x[i] += dt * e.phi[i] * d
	}
}

// estimateDiag fills e.diag by forward differences, one block at a time,
// reusing f(x) already in e.dx.
func (e *ExpEuler) estimateDiag(x []float64, t float64) {
	copy(e.xp, x)
	for b := 0; b+1 < len(e.blocks); b++ {
		lo, hi := e.blocks[b], e.blocks[b+1]
		for i := lo; i < hi; i++ {
			e.xp[i] = x[i] + diffStep(x[i])
		}
		e.f(e.fp, t, e.xp)
		for i := lo; i < hi; i++ {
			e.diag[i] = (e.fp[i] - e.dx[i]) / (e.xp[i] - x[i])
			e.xp[i] = x[i]
		}
	}
}

// diffStep is the forward-difference increment for a variable of value v:
// √ε scaled by the magnitude of v (at least 1).
func diffStep(v float64) float64 {
	const sqrtEps = 1.4901161193847656e-08
	return sqrtEps * math.Max(1, math.Abs(v))
}

// phi1 is (e^z − 1)/z, equal to 1 at z = 0.
func phi1(z float64) float64 {
	if z == 0 {
		return 1
	}
	return math.Expm1(z) / z
}

// isExpEuler reports whether name is one of exp_euler's names, which accept
// a nil Func when Settings.Linear is set.
func isExpEuler(name string) bool {
	for _, a := range expEulerNames {
		if a == name {
			return true
		}
	}
	return false
}

var expEulerNames = []string{"exp_euler", "exponential_euler", "exp_auto", "exp_euler_auto"}

func init() {
	for _, name := range expEulerNames {
		mustRegister(name, func(f Func, n int, s *Settings) (Stepper, error) { return NewExpEuler(f, n, s) })
	}
}
