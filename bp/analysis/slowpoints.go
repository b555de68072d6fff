package analysis

import (
	"cmp"
	"fmt"
	"math"
	"math/cmplx"
	"slices"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/optimize"
)

// Optimizer selects how FindSlowPoints minimises q = ½‖F(x)‖².
type Optimizer int

// Optimizers.
const (
	Adam  Optimizer = iota // gradient descent with Adam moments and a decaying rate
	BFGS                   // gonum optimize.BFGS
	LBFGS                  // gonum optimize.LBFGS
)

// String returns the optimizer's name.
func (o Optimizer) String() string {
	switch o {
	case Adam:
		return "Adam"
	case BFGS:
		return "BFGS"
	case LBFGS:
		return "LBFGS"
	}
	return "Optimizer(?)"
}

// SlowPointSettings configure FindSlowPoints. The zero value runs Adam.
type SlowPointSettings struct {
	// Limits.Progress is called after each candidate.
	Limits
	Optimizer Optimizer // Adam (the default), BFGS or LBFGS
	// Steps bounds the iterations per candidate (0: 10000 for Adam, 1000
	// for BFGS and LBFGS).
	Steps int
	// LR is Adam's initial learning rate (0: 0.05) and Decay its factor per
	// step (0: 0.999).
	LR, Decay float64
	// Tol keeps the points whose loss q is at most Tol (0: 1e-10); the
	// optimisation of a candidate stops early when q < Tol/100.
	Tol float64
	// UniqueTol drops a point closer than UniqueTol (Euclidean) to one of
	// lower loss already kept (0: 1e-3).
	UniqueTol float64
	// OutlierTol, if positive, excludes points whose nearest other point is
	// farther than OutlierTol, as BrainPy's exclude_outliers does; zero
	// keeps them.
	OutlierTol float64
	// ClassTol is the relative tolerance of Classify (0: 1e-3, loose
	// enough to call a point of a continuous attractor marginally stable).
	ClassTol float64
	// Discrete treats F as a map x → F(x) (a discrete-time RNN cell)
	// instead of a vector field: the loss is ½‖F(x) − x‖², and each point
	// reports the map's Jacobian, its eigenvalues and ClassifyMap's class.
	Discrete bool
}

// SlowPoint is a point where the flow is (nearly) still.
type SlowPoint struct {
	FixedPoint
	Loss float64 // q = ½‖F(x)‖²
}

// SlowPoints is the outcome of FindSlowPoints with the counts after each
// stage of the filtering.
type SlowPoints struct {
	Points []SlowPoint // by increasing loss
	// Losses is the final loss of each candidate, in candidate order.
	Losses []float64
	// Candidates, Converged (loss at most Tol), Unique and Kept (after the
	// outlier exclusion) count the points after each stage.
	Candidates, Converged, Unique, Kept int
}

// FindSlowPoints is the Sussillo–Barak slow-point finder: from each
// candidate state it minimises q(x) = ½‖F(x)‖² with gradient JᵀF (J
// analytic when the model has a Jacobian, else central differences) by
// Adam or by gonum's BFGS/LBFGS, keeps the points with q ≤ Tol, drops
// duplicates and outliers, and computes the Jacobian, its eigenvalues and
// the class at each remaining point. Candidates are usually states visited
// by simulations of the model.
func FindSlowPoints(m Model, candidates [][]float64, s SlowPointSettings) (*SlowPoints, error) {
	sys, err := newSystem(m)
	if err != nil {
		return nil, err
	}
	field := sys // the vector field whose zeros are sought
	if s.Discrete {
		if field, err = newSystem(displacement(m)); err != nil {
			return nil, err
		}
	}
	if err := s.defaults(); err != nil {
		return nil, err
	}
	n := sys.n
	for k, c := range candidates {
		if len(c) != n {
			return nil, fmt.Errorf("%w: candidate %d has %d values, want %d", ErrBadSettings, k, len(c), n)
		}
	}
	perGrad := 2.0 // one F and one analytic Jacobian
	if m.Jacobian == nil {
		perGrad = float64(2*n + 1)
	}
	if err := s.budget("the slow-point search", float64(len(candidates))*float64(s.Steps)*perGrad); err != nil {
		return nil, err
	}
	q := newLoss(field)
	res := &SlowPoints{Candidates: len(candidates), Losses: make([]float64, len(candidates))}
	type found struct {
		x    []float64
		loss float64
	}
	var pts []found
	for k, c := range candidates {
		x := slices.Clone(c)
		var loss float64
		if s.Optimizer == Adam {
			loss, err = q.adam(x, s)
		} else {
			loss, err = q.quasiNewton(x, s)
		}
		if err != nil {
			return nil, fmt.Errorf("candidate %d: %w", k, err)
		}
		res.Losses[k] = loss
		if loss <= s.Tol {
			pts = append(pts, found{x, loss})
		}
		s.progress(k+1, len(candidates))
	}
	res.Converged = len(pts)
	slices.SortStableFunc(pts, func(a, b found) int { return cmp.Compare(a.loss, b.loss) })
	var uniq []found
	for _, p := range pts {
		if !slices.ContainsFunc(uniq, func(u found) bool { return dist(u.x, p.x) < s.UniqueTol }) {
			uniq = append(uniq, p)
		}
	}
	res.Unique = len(uniq)
	kept := uniq
	if s.OutlierTol > 0 && len(uniq) > 1 {
		kept = nil
		for i, p := range uniq {
			nearest := math.Inf(1)
			for j, o := range uniq {
				if i != j {
					nearest = min(nearest, dist(p.x, o.x))
				}
			}
			if nearest <= s.OutlierTol {
				kept = append(kept, p)
			}
		}
	}
	res.Kept = len(kept)
	for _, p := range kept {
		fp, err := sys.fixedPoint(p.x, s.ClassTol)
		if err != nil {
			return nil, err
		}
		if s.Discrete {
			fp.Class = ClassifyMap(fp.Eigen, s.ClassTol)
		}
		res.Points = append(res.Points, SlowPoint{FixedPoint: fp, Loss: p.loss})
	}
	return res, nil
}

// displacement returns the vector field F(x) − x of the map F, whose zeros
// are the map's fixed points.
func displacement(m Model) Model {
	f := m.F
	d := Model{Vars: m.Vars, Params: m.Params, F: func(dst, x []float64, p Params) {
		f(dst, x, p)
		for i, v := range x {
			dst[i] -= v
		}
	}}
	if jf := m.Jacobian; jf != nil {
		n := len(m.Vars)
		d.Jacobian = func(jac, x []float64, p Params) {
			jf(jac, x, p)
			for i := range n {
				jac[i*n+i]--
			}
		}
	}
	return d
}

// ClassifyMap classifies a fixed point of a map from the eigenvalues of its
// Jacobian: StablePoint if every |λ| < 1 − tol, UnstablePoint if every
// |λ| > 1 + tol, Saddle if both occur, else MarginallyStable (some |λ|
// within tol of 1, the rest inside the unit circle).
func ClassifyMap(ev []complex128, tol float64) Class {
	if tol == 0 {
		tol = DefaultClassTol
	}
	return classifyGrowth(ev, tol, func(e complex128) float64 { return cmplx.Abs(e) - 1 })
}

func (s *SlowPointSettings) defaults() error {
	if s.Steps == 0 {
		s.Steps = 1000
		if s.Optimizer == Adam {
			s.Steps = 10000
		}
	}
	if s.LR == 0 {
		s.LR = 0.05
	}
	if s.Decay == 0 {
		s.Decay = 0.999
	}
	if s.Tol == 0 {
		s.Tol = 1e-10
	}
	if s.UniqueTol == 0 {
		s.UniqueTol = 1e-3
	}
	if s.ClassTol == 0 {
		s.ClassTol = 1e-3
	}
	if s.Optimizer < Adam || s.Optimizer > LBFGS || s.Steps < 1 || !(s.LR > 0) || !(s.Decay > 0 && s.Decay <= 1) ||
		!(s.Tol > 0) || !(s.UniqueTol > 0) || s.OutlierTol < 0 || math.IsNaN(s.OutlierTol) {
		return fmt.Errorf("%w: slow-point settings %+v out of range (Steps >= 1, LR > 0, 0 < Decay <= 1, Tol and UniqueTol > 0, OutlierTol >= 0)",
			ErrBadSettings, *s)
	}
	return nil
}

// loss evaluates q = ½‖F‖² and its gradient JᵀF.
type loss struct {
	sys  *system
	f    []float64
	jac  []float64
	err  error
	grad []float64
}

func newLoss(sys *system) *loss {
	n := sys.n
	return &loss{sys: sys, f: make([]float64, n), jac: make([]float64, n*n), grad: make([]float64, n)}
}

func (l *loss) value(x []float64) float64 {
	if err := l.sys.eval(l.f, x); err != nil {
		if l.err == nil {
			l.err = err
		}
		return math.Inf(1)
	}
	return 0.5 * dot(l.f, l.f)
}

// gradient writes JᵀF at x into grad and returns q.
func (l *loss) gradient(grad, x []float64) float64 {
	q := l.value(x)
	if l.err != nil {
		return q
	}
	if err := l.sys.jacobian(l.jac, x); err != nil {
		l.err = err
		return q
	}
	n := l.sys.n
	jt := mat.NewDense(n, n, l.jac)
	mat.NewVecDense(n, grad).MulVec(jt.T(), mat.NewVecDense(n, l.f))
	return q
}

// adam minimises q from x in place.
func (l *loss) adam(x []float64, s SlowPointSettings) (float64, error) {
	const b1, b2, eps = 0.9, 0.999, 1e-12
	n := len(x)
	m1, m2 := make([]float64, n), make([]float64, n)
	lr, p1, p2 := s.LR, 1.0, 1.0
	q := math.Inf(1)
	for range s.Steps {
		q = l.gradient(l.grad, x)
		if l.err != nil || q < s.Tol/100 {
			break
		}
		p1, p2 = p1*b1, p2*b2
		for i, g := range l.grad {
			m1[i] = b1*m1[i] + (1-b1)*g
			m2[i] = b2*m2[i] + (1-b2)*g*g
			x[i] -= lr * (m1[i] / (1 - p1)) / (math.Sqrt(m2[i]/(1-p2)) + eps)
		}
		lr *= s.Decay
	}
	if l.err == nil {
		q = l.value(x)
	}
	return q, l.err
}

// quasiNewton minimises q from x in place with gonum's BFGS or LBFGS.
func (l *loss) quasiNewton(x []float64, s SlowPointSettings) (float64, error) {
	prob := optimize.Problem{
		Func: l.value,
		Grad: func(grad, x []float64) { l.gradient(grad, x) },
		Status: func() (optimize.Status, error) {
			if l.err != nil {
				return optimize.Failure, l.err
			}
			return optimize.NotTerminated, nil
		},
	}
	var method optimize.Method = &optimize.BFGS{}
	if s.Optimizer == LBFGS {
		method = &optimize.LBFGS{}
	}
	set := &optimize.Settings{
		MajorIterations: s.Steps,
		Converger:       &optimize.FunctionConverge{Absolute: s.Tol / 100, Iterations: 20},
	}
	// A line-search failure near q = 0 still returns the best point, which
	// the loss filter judges, so Minimize's own error is not fatal.
	r, _ := optimize.Minimize(prob, x, set, method)
	if l.err != nil {
		return 0, l.err
	}
	if r == nil {
		return math.Inf(1), nil
	}
	copy(x, r.X)
	return r.F, nil
}

// EigenVectors returns the right eigenvectors of the point's Jacobian as
// the columns of a complex matrix, in the order of Eigen.
func (p FixedPoint) EigenVectors() *mat.CDense {
	n := len(p.X)
	var e mat.Eigen
	if !e.Factorize(mat.NewDense(n, n, slices.Clone(p.Jacobian)), mat.EigenRight) {
		return nil
	}
	vals := e.Values(nil)
	var vecs mat.CDense
	e.VectorsTo(&vecs)
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return eigenOrder(vals[a], vals[b]) })
	out := mat.NewCDense(n, n, nil)
	for j, k := range order {
		for i := range n {
			out.Set(i, j, vecs.At(i, k))
		}
	}
	return out
}
