package analysis

import (
	"fmt"
	"math"
	"math/cmplx"
	"slices"
	"strings"

	"gonum.org/v1/gonum/mat"
)

// ContinuationSettings configure Continue. Min and Max are required.
type ContinuationSettings struct {
	// Min and Max bound the parameter; the branch stops where it leaves
	// them.
	Min, Max float64
	// Bounds optionally bound state variables by name; the branch stops
	// where one leaves its range. Only Name, Min and Max are used.
	Bounds []Axis
	// Hold gives the values of model variables held fixed; a held
	// variable may be the continuation parameter (a fast–slow analysis).
	Hold map[string]float64
	// Step is the initial pseudo-arclength step (0: (Max−Min)/200);
	// MinStep and MaxStep bound the adapted step (0: Step/1e4 and
	// (Max−Min)/20).
	Step, MinStep, MaxStep float64
	// MaxPoints bounds the points traced in each direction (0: 5000).
	MaxPoints int
	// Direction is +1 to trace only towards increasing parameter from the
	// start, −1 only towards decreasing, 0 both ways.
	Direction int
	// ClassTol is the relative tolerance of Classify (0: DefaultClassTol).
	ClassTol float64
}

// Kind is the type of a special point on a branch.
type Kind int

// Special point kinds.
const (
	Fold Kind = iota // saddle-node: the branch turns back in the parameter
	Hopf             // a complex pair of eigenvalues crosses the imaginary axis
)

// String returns "fold" or "Hopf".
func (k Kind) String() string {
	switch k {
	case Fold:
		return "fold"
	case Hopf:
		return "Hopf"
	}
	return "Kind(?)"
}

// BranchPoint is one equilibrium on a continued branch.
type BranchPoint struct {
	P     float64      // parameter value
	X     []float64    // equilibrium state
	Eigen []complex128 // Jacobian eigenvalues, by decreasing real part
	Class Class        // classified from Eigen
}

// Stable reports whether the equilibrium attracts all nearby states.
func (b BranchPoint) Stable() bool { return b.Class.Stable() }

// SpecialPoint is a fold or Hopf point located on a branch.
type SpecialPoint struct {
	Kind  Kind      // Fold or Hopf
	P     float64   // parameter value
	X     []float64 // equilibrium state
	Omega float64   // Hopf: angular frequency (imaginary part of the pair)
	Index int       // it lies between Points[Index] and Points[Index+1]
}

// Branch is an equilibrium branch traced by continuation, ordered from one
// end to the other.
type Branch struct {
	Param   string         // the continuation parameter
	Vars    []string       // the state variables of each point's X
	Points  []BranchPoint  // the equilibria, in branch order
	Special []SpecialPoint // in branch order
}

// Folds returns the fold points of the branch.
func (b *Branch) Folds() []SpecialPoint { return b.kind(Fold) }

// Hopfs returns the Hopf points of the branch.
func (b *Branch) Hopfs() []SpecialPoint { return b.kind(Hopf) }

func (b *Branch) kind(k Kind) []SpecialPoint {
	var out []SpecialPoint
	for _, s := range b.Special {
		if s.Kind == k {
			out = append(out, s)
		}
	}
	return out
}

// Continue traces the equilibrium branch of m through x0 (an approximate
// equilibrium at the model's current value of param) by pseudo-arclength
// continuation: a tangent predictor and a Newton corrector on the
// arclength-bordered system, with step doubling and halving. Folds are
// detected by a sign change of the parameter component of the tangent, Hopf
// points by a sign change of det(2J ⊙ I) = Π_{i<j}(λ_i + λ_j) (for two
// variables, the trace); both are refined by regula falsi along the arc, to
// about 1e-10 in the parameter, and a Hopf candidate is kept only if a
// complex pair then lies on the imaginary axis (to 1e-6 of the largest
// |λ|), which rules out neutral saddles.
func Continue(m Model, param string, x0 []float64, s ContinuationSettings) (*Branch, error) {
	sys, err := holdSystem(m, s.Hold)
	if err != nil {
		return nil, err
	}
	c, err := newContinuer(sys, []string{param}, [][2]float64{{s.Min, s.Max}}, s)
	if err != nil {
		return nil, err
	}
	if len(x0) != sys.n {
		return nil, fmt.Errorf("%w: start has %d values, want %d (%v)", ErrBadSettings, len(x0), sys.n, sys.m.Vars)
	}
	x := slices.Clone(x0)
	ok, err := sys.newton(x, 1e-12)
	if err != nil {
		return nil, err
	}
	p0 := sys.m.Params[param]
	if !ok {
		return nil, fmt.Errorf("%w: no equilibrium found near the start %s at %s = %v", ErrBadSettings, sys.describe(x0), param, p0)
	}
	ys, ts, err := c.traceBoth(append(x, p0), 0)
	if err != nil {
		return nil, err
	}
	return c.assemble(ys, ts)
}

// continuer traces a curve of solutions y = (x, p_1, ..., p_k) of
// F(x; p) = 0, plus test(x; p) = 0 when two parameters vary, by
// pseudo-arclength continuation.
type continuer struct {
	sys    *system
	n      int          // state variables; y[n+k] is params[k]
	params []string     // one for a branch, two for a curve
	ranges [][2]float64 // the range of each parameter
	bound  [][3]float64 // index, min, max of bounded variables
	// test is the extra equation of a two-parameter curve (nil for a
	// branch); it is evaluated with the parameters already set.
	test func(x []float64) (float64, error)
	set  ContinuationSettings
	// scratch
	g, jac, rhs, fp, fm []float64
	ext                 *mat.Dense
	sol                 mat.VecDense
}

// newContinuer checks the parameters, ranges, bounds and steps. The
// parameter values in the model are those of the start.
func newContinuer(sys *system, params []string, ranges [][2]float64, s ContinuationSettings) (*continuer, error) {
	c := &continuer{sys: sys, n: sys.n, params: params, ranges: ranges, set: s}
	for k, p := range params {
		if err := sys.m.checkParam(p); err != nil {
			return nil, err
		}
		r := ranges[k]
		if err := (Axis{Name: p, Min: r[0], Max: r[1]}).check(); err != nil {
			return nil, err
		}
		if v := sys.m.Params[p]; v < r[0] || v > r[1] {
			return nil, fmt.Errorf("%w: %s = %v is outside the continuation range [%v, %v]", ErrBadSettings, p, v, r[0], r[1])
		}
	}
	for _, b := range s.Bounds {
		i, err := sys.m.Index(b.Name)
		if err != nil {
			return nil, err
		}
		if err := (Axis{Name: b.Name, Min: b.Min, Max: b.Max}).check(); err != nil {
			return nil, err
		}
		c.bound = append(c.bound, [3]float64{float64(i), b.Min, b.Max})
	}
	if err := c.defaults(); err != nil {
		return nil, err
	}
	d := c.dim()
	c.g, c.jac, c.rhs = make([]float64, d), make([]float64, c.n*c.n), make([]float64, d+1)
	c.fp, c.fm = make([]float64, d), make([]float64, d)
	c.ext = mat.NewDense(d+1, d+1, nil)
	return c, nil
}

// dim is the number of equations; y has dim+1 entries.
func (c *continuer) dim() int { return c.n + len(c.params) - 1 }

// traceBoth traces from y0 in the directions of s.Direction along
// parameter k and joins the halves into one curve in branch order.
func (c *continuer) traceBoth(y0 []float64, k int) (ys, ts [][]float64, err error) {
	dirs := []float64{1, -1}
	switch c.set.Direction {
	case 1:
		dirs = dirs[:1]
	case -1:
		dirs = dirs[1:]
	case 0:
	default:
		return nil, nil, fmt.Errorf("%w: Direction = %d (want -1, 0 or 1)", ErrBadSettings, c.set.Direction)
	}
	for i, dir := range dirs {
		e := make([]float64, len(y0))
		e[c.n+k] = dir
		t0, err := c.tangent(y0, e)
		if err != nil {
			return nil, nil, err
		}
		py, pt, err := c.trace(y0, t0)
		if err != nil {
			return nil, nil, err
		}
		if i == 0 {
			ys, ts = py, pt
			continue
		}
		// Join: the backward half reversed, then the forward half.
		if len(dirs) == 2 {
			py, pt = py[1:], pt[1:]
		}
		slices.Reverse(py)
		slices.Reverse(pt)
		for _, t := range pt {
			scale(t, -1)
		}
		ys, ts = append(py, ys...), append(pt, ts...)
	}
	return ys, ts, nil
}

func (c *continuer) defaults() error {
	s := &c.set
	span := math.Inf(1)
	for _, r := range c.ranges {
		span = min(span, r[1]-r[0])
	}
	if s.Step == 0 {
		s.Step = span / 200
	}
	if s.MaxStep == 0 {
		s.MaxStep = span / 20
	}
	if s.MinStep == 0 {
		s.MinStep = s.Step * 1e-4
	}
	if s.MaxPoints == 0 {
		s.MaxPoints = 5000
	}
	if !(s.Step > 0 && s.MinStep > 0 && s.MinStep <= s.Step && s.Step <= s.MaxStep) || s.MaxPoints < 2 {
		return fmt.Errorf("%w: steps must satisfy 0 < MinStep (%v) <= Step (%v) <= MaxStep (%v), MaxPoints (%d) >= 2",
			ErrBadSettings, s.MinStep, s.Step, s.MaxStep, s.MaxPoints)
	}
	return nil
}

// setParams copies the parameters of y into the model.
func (c *continuer) setParams(y []float64) {
	for k, p := range c.params {
		c.sys.m.Params[p] = y[c.n+k]
	}
}

// residual writes the equations at y into dst.
func (c *continuer) residual(dst, y []float64) error {
	c.setParams(y)
	x := y[:c.n]
	if err := c.sys.eval(dst[:c.n], x); err != nil {
		return fmt.Errorf("%w (%s)", err, c.describeParams(y))
	}
	if c.test != nil {
		v, err := c.test(x)
		if err != nil {
			return err
		}
		dst[c.n] = v
	}
	return nil
}

// linearise evaluates the equations at y into c.g and their derivatives
// into the first dim rows of the bordered matrix: ∂F/∂x from the model's
// Jacobian, the rest by central differences.
func (c *continuer) linearise(y []float64) error {
	n, d := c.n, c.dim()
	if err := c.residual(c.g, y); err != nil {
		return err
	}
	if err := c.sys.jacobian(c.jac, y[:n]); err != nil {
		return err
	}
	for i := range n {
		for j := range n {
			c.ext.Set(i, j, c.jac[i*n+j])
		}
	}
	yh := slices.Clone(y)
	// column differentiates the last rows equations in y[j].
	column := func(j, rows int) error {
		h := 6e-6 * max(1, math.Abs(y[j]))
		yh[j] = y[j] + h
		err := c.residual(c.fp, yh)
		yh[j] = y[j] - h
		if e := c.residual(c.fm, yh); err == nil {
			err = e
		}
		yh[j] = y[j]
		for i := d - rows; i < d; i++ {
			c.ext.Set(i, j, (c.fp[i]-c.fm[i])/(2*h))
		}
		return err
	}
	var err error
	for j := n; j <= d && err == nil; j++ {
		err = column(j, d)
	}
	if c.test != nil { // the test row's derivatives in x
		for j := 0; j < n && err == nil; j++ {
			err = column(j, 1)
		}
	}
	c.setParams(y)
	return err
}

// tangent returns the unit tangent at y oriented along prev: the solution
// of [∂(F, test)/∂y; prev] τ = e_last, normalised.
func (c *continuer) tangent(y, prev []float64) ([]float64, error) {
	if err := c.linearise(y); err != nil {
		return nil, err
	}
	d := c.dim()
	for j := range d + 1 {
		c.ext.Set(d, j, prev[j])
	}
	clear(c.rhs)
	c.rhs[d] = 1
	if err := c.sol.SolveVec(c.ext, mat.NewVecDense(d+1, c.rhs)); err != nil {
		return nil, fmt.Errorf("%w: singular extended Jacobian at %s, %s (a branch point?)", ErrBadSettings, c.sys.describe(y[:c.n]), c.describeParams(y))
	}
	t := make([]float64, d+1)
	for i := range t {
		t[i] = c.sol.AtVec(i)
	}
	scale(t, 1/norm2(t))
	return t, nil
}

func (c *continuer) describeParams(y []float64) string {
	parts := make([]string, len(c.params))
	for k, p := range c.params {
		parts[k] = fmt.Sprintf("%s = %.6g", p, y[c.n+k])
	}
	return strings.Join(parts, ", ")
}

// correct runs Newton on {F(y) = 0, t·(y − pred) = 0} from pred. It returns
// the corrected point and the iterations used, or nil if Newton failed.
func (c *continuer) correct(pred, t []float64) ([]float64, int, error) {
	d := c.dim()
	y := slices.Clone(pred)
	for it := 1; it <= 10; it++ {
		if err := c.linearise(y); err != nil {
			return nil, 0, err
		}
		var dot float64
		for j := range d + 1 {
			c.ext.Set(d, j, t[j])
			dot += t[j] * (y[j] - pred[j])
		}
		for i := range d {
			c.rhs[i] = -c.g[i]
		}
		c.rhs[d] = -dot
		if err := c.sol.SolveVec(c.ext, mat.NewVecDense(d+1, c.rhs)); err != nil {
			return nil, 0, nil
		}
		step := 0.0
		for i := range y {
			dy := c.sol.AtVec(i)
			y[i] += dy
			step = max(step, math.Abs(dy))
		}
		if step <= 1e-11*(1+infNorm(y)) {
			// One more residual check guards against a stalled step.
			if err := c.residual(c.g, y); err != nil {
				return nil, 0, err
			}
			if infNorm(c.g) <= 1e-8 {
				return y, it, nil
			}
			return nil, 0, nil
		}
	}
	return nil, 0, nil
}

// trace follows the curve from y0 along t0 until it leaves a parameter
// range or the bounds, closes on itself, or the step falls below MinStep.
func (c *continuer) trace(y0, t0 []float64) (ys, ts [][]float64, err error) {
	s := c.set
	y, t := y0, t0
	ys, ts = [][]float64{y0}, [][]float64{t0}
	h := s.Step
	travelled := 0.0
	pred := make([]float64, len(y0))
	for len(ys) < s.MaxPoints {
		for i := range pred {
			pred[i] = y[i] + h*t[i]
		}
		yn, iters, err := c.correct(pred, t)
		if err != nil {
			return nil, nil, err
		}
		var tn []float64
		if yn != nil {
			if tn, err = c.tangent(yn, t); err != nil {
				return nil, nil, err
			}
		}
		// Reject failed corrections, jumps to another branch and sharp
		// turns, which could step over a special point.
		if yn == nil || dist(yn, y) > 2*h || dot(t, tn) < 0.9 {
			if h /= 2; h < s.MinStep {
				return ys, ts, nil
			}
			continue
		}
		if !c.inside(yn) {
			end, err := c.endPoint(y, yn)
			if err != nil {
				return nil, nil, err
			}
			if end != nil {
				ys, ts = append(ys, end), append(ts, slices.Clone(t))
			}
			return ys, ts, nil
		}
		travelled += dist(yn, y)
		ys, ts = append(ys, yn), append(ts, tn)
		if travelled > 4*h && dist(yn, y0) < h && len(ys) > 4 {
			return append(ys, slices.Clone(y0)), append(ts, slices.Clone(t0)), nil // closed curve
		}
		y, t = yn, tn
		if iters <= 3 {
			h = min(2*h, s.MaxStep)
		}
	}
	return ys, ts, nil
}

// endPoint returns the solution where the curve from y (inside) to yn
// (outside) meets the end of a parameter range, so that a branch spans the
// whole range: the corrector with that parameter fixed. It returns nil if
// the curve leaves through a state bound or y is at the end already.
func (c *continuer) endPoint(y, yn []float64) ([]float64, error) {
	for k, r := range c.ranges {
		i := c.n + k
		p := min(max(yn[i], r[0]), r[1])
		if p == yn[i] {
			continue // inside this range
		}
		if p == y[i] {
			return nil, nil
		}
		f := (p - y[i]) / (yn[i] - y[i])
		pred := make([]float64, len(y))
		for j := range pred {
			pred[j] = y[j] + f*(yn[j]-y[j])
		}
		e := make([]float64, len(y))
		e[i] = 1
		end, _, err := c.correct(pred, e)
		if err != nil || end == nil {
			return nil, err
		}
		end[i] = p // exact up to Newton's last rounding
		if !c.inside(end) {
			return nil, nil
		}
		return end, nil
	}
	return nil, nil
}

func (c *continuer) inside(y []float64) bool {
	for k, r := range c.ranges {
		if p := y[c.n+k]; p < r[0] || p > r[1] {
			return false
		}
	}
	for _, b := range c.bound {
		if v := y[int(b[0])]; v < b[1] || v > b[2] {
			return false
		}
	}
	return true
}

// assemble classifies the points and locates the special points between
// consecutive ones.
func (c *continuer) assemble(ys, ts [][]float64) (*Branch, error) {
	n := c.n
	br := &Branch{Param: c.params[0], Vars: slices.Clone(c.sys.m.Vars), Points: make([]BranchPoint, len(ys))}
	hopf := make([]float64, len(ys))
	for k, y := range ys {
		c.setParams(y)
		fp, err := c.sys.fixedPoint(y[:n], c.set.ClassTol)
		if err != nil {
			return nil, err
		}
		br.Points[k] = BranchPoint{P: y[n], X: fp.X, Eigen: fp.Eigen, Class: fp.Class}
		hopf[k] = hopfDet(fp.Jacobian, n)
	}
	for k := 0; k+1 < len(ys); k++ {
		if ts[k][n]*ts[k+1][n] < 0 {
			sp, err := c.locate(ys[k], ts[k], ys[k+1], Fold)
			if err != nil {
				return nil, err
			}
			sp.Index = k
			br.Special = append(br.Special, sp)
		}
		if hopf[k]*hopf[k+1] < 0 {
			sp, err := c.locate(ys[k], ts[k], ys[k+1], Hopf)
			if err != nil {
				return nil, err
			}
			if !math.IsNaN(sp.Omega) { // else a neutral saddle, not a Hopf point
				sp.Index = k
				br.Special = append(br.Special, sp)
			}
		}
	}
	return br, nil
}

// hopfDet is det(2J ⊙ I) = Π_{i<j} (λ_i + λ_j), which changes sign where a
// complex pair crosses the imaginary axis (and at neutral saddles, where
// two real eigenvalues sum to zero); NaN for one variable. For two
// variables it is the trace.
func hopfDet(jac []float64, n int) float64 {
	if n < 2 {
		return math.NaN()
	}
	k := n * (n - 1) / 2
	return mat.Det(mat.NewDense(k, k, bialternate(jac, n)))
}

// hopfTest returns the real part and the frequency of the complex pair
// nearest the imaginary axis, or NaN if all eigenvalues are real.
func hopfTest(ev []complex128) (re, omega float64) {
	re, omega = math.NaN(), math.NaN()
	scale := 1.0
	for _, e := range ev {
		scale = max(scale, math.Abs(real(e)), math.Abs(imag(e)))
	}
	for _, e := range ev {
		if imag(e) > 1e-9*scale && (math.IsNaN(re) || math.Abs(real(e)) < math.Abs(re)) {
			re, omega = real(e), imag(e)
		}
	}
	return re, omega
}

// locate refines a special point between a and b (tangent ta at a) by the
// Illinois regula falsi on the arclength s from a: each trial point is the
// corrected predictor a + s·ta, and the test is the tangent's parameter
// component (fold) or hopfDet (Hopf). A Hopf point's Omega is the frequency
// of the pair on the imaginary axis, NaN if there is none (a neutral
// saddle).
func (c *continuer) locate(a, ta, b []float64, kind Kind) (SpecialPoint, error) {
	n := c.n
	test := func(s float64) (float64, []float64, error) {
		pred := make([]float64, n+1)
		for i := range pred {
			pred[i] = a[i] + s*ta[i]
		}
		y, _, err := c.correct(pred, ta)
		if err != nil || y == nil {
			return math.NaN(), nil, err
		}
		if kind == Fold {
			t, err := c.tangent(y, ta)
			if err != nil {
				return math.NaN(), nil, err
			}
			return t[n], y, nil
		}
		if err := c.sys.jacobian(c.jac, y[:n]); err != nil {
			return math.NaN(), nil, err
		}
		return hopfDet(c.jac, n), y, nil
	}
	flo, best, err := test(0)
	if err != nil {
		return SpecialPoint{}, err
	}
	hi := dot(ta, sub(b, a))
	fhi, yhi, err := test(hi)
	if err != nil {
		return SpecialPoint{}, err
	}
	if flo*fhi < 0 {
		_, err = illinois(0, hi, flo, fhi, 1e-13, func(s float64) (float64, error) {
			v, y, err := test(s)
			if y != nil {
				best = y
			}
			return v, err
		})
		if err != nil {
			return SpecialPoint{}, err
		}
	} else if math.Abs(fhi) < math.Abs(flo) {
		best = yhi
	}
	sp := SpecialPoint{Kind: kind, P: best[n], X: slices.Clone(best[:n])}
	if kind == Hopf {
		c.setParams(best)
		if err := c.sys.jacobian(c.jac, sp.X); err != nil {
			return sp, err
		}
		ev := Eigenvalues(c.jac, n)
		re, omega := hopfTest(ev)
		sp.Omega = math.NaN()
		scale := 1.0
		for _, e := range ev {
			scale = max(scale, cmplx.Abs(e))
		}
		if !math.IsNaN(re) && math.Abs(re) <= 1e-6*scale {
			sp.Omega = omega
		}
	}
	return sp, nil
}

func scale(v []float64, a float64) {
	for i := range v {
		v[i] *= a
	}
}

func norm2(v []float64) float64 {
	s := 0.0
	for _, x := range v {
		s += x * x
	}
	return math.Sqrt(s)
}

func dot(a, b []float64) float64 {
	s := 0.0
	for i := range a {
		s += a[i] * b[i]
	}
	return s
}

func sub(a, b []float64) []float64 {
	d := make([]float64, len(a))
	for i := range a {
		d[i] = a[i] - b[i]
	}
	return d
}

func dist(a, b []float64) float64 { return norm2(sub(a, b)) }
