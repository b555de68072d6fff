package analysis

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"

	"gonum.org/v1/gonum/diff/fd"
	"gonum.org/v1/gonum/mat"
)

// Sentinel errors; every error this package returns wraps one of them, so
// callers can test with errors.Is.
var (
	// ErrUnknownName is returned for a variable or parameter name the model
	// does not have.
	ErrUnknownName = errors.New("analysis: unknown name")
	// ErrBadModel is returned for an incomplete or inconsistent Model.
	ErrBadModel = errors.New("analysis: bad model")
	// ErrBadRange is returned for a range with Min >= Max, a non-finite end
	// or a resolution below 2.
	ErrBadRange = errors.New("analysis: bad range")
	// ErrTooManyEvals is returned when a resolution would need more model
	// evaluations than the MaxEvals limit allows.
	ErrTooManyEvals = errors.New("analysis: too many evaluations")
	// ErrNonFinite is returned when a derivative or a simulated state is NaN
	// or infinite.
	ErrNonFinite = errors.New("analysis: non-finite value")
	// ErrBadSettings is returned for settings outside their allowed values.
	ErrBadSettings = errors.New("analysis: bad settings")
)

// DefaultMaxEvals is the evaluation budget of a grid search when the
// settings leave MaxEvals at zero.
const DefaultMaxEvals = 10_000_000

// Params are named model parameters.
type Params map[string]float64

// Model is an autonomous ODE dx/dt = F(x; p) of a few named variables with
// named parameters: the same derivative function a simulation integrates.
//
// F writes dx/dt into dst (len(Vars) entries) for the state x, in the order
// of Vars. It reads parameters by name from p, which holds Params with any
// overrides an analyser applies (the bifurcation parameter, held variables).
// Jacobian, if not nil, writes ∂F_i/∂x_j into jac[i*n+j]; otherwise the
// analysers use central finite differences. An analyser calls F from one
// goroutine at a time, so F may use scratch buffers.
//
// A bp/dyn point neuron is analysed through its own equations for one
// neuron with FromModel (see EquationSource), and a derivative without
// parameters, such as an integrate.Func, is wrapped by FromFunc. A name F reads that Params lacks reads as zero (a Go
// map), so list every parameter F uses in Params: the analysers reject
// names not in it.
type Model struct {
	Vars     []string
	Params   Params
	F        func(dst, x []float64, p Params)
	Jacobian func(jac, x []float64, p Params)
}

// FromFunc wraps an autonomous integrate.Func-style derivative (evaluated at
// t = 0) of the named variables as a Model without parameters.
func FromFunc(vars []string, f func(dst []float64, t float64, x []float64)) Model {
	return Model{Vars: vars, F: func(dst, x []float64, _ Params) { f(dst, 0, x) }}
}

// EquationSource is a model that states the equations of one of its
// elements: the names of its variables in state order, its parameters with
// their values, and f, which writes dx/dt at x for the parameters p (a name
// p lacks keeping its listed value). Every bp/dyn point neuron (dyn.FHN,
// dyn.HH, dyn.MorrisLecar, dyn.ExpIF, ...) is one, through its Equations
// method, whose f is the function the group integrates.
type EquationSource interface {
	// Equations returns the variables, the parameters and the derivative.
	Equations() (vars []string, params map[string]float64, f func(dst, x []float64, p map[string]float64))
}

// FromModel returns the Model of one element of src, with src's parameters
// (for a bp/dyn neuron, its settings by their Go names, such as "GL", and
// the input current "I") and src's own derivative, so that what is analysed
// is what is simulated. The parameters are copied: later changes to src's
// settings do not reach the Model.
func FromModel(src EquationSource) (Model, error) {
	vars, params, f := src.Equations()
	m := Model{Vars: vars, Params: make(Params, len(params))}
	for k, v := range params {
		m.Params[k] = v
	}
	if f != nil {
		m.F = func(dst, x []float64, p Params) { f(dst, x, p) }
	}
	if err := m.Validate(); err != nil {
		return Model{}, fmt.Errorf("analysis: FromModel(%T): %w", src, err)
	}
	return m, nil
}

// VarNames returns prefix0, prefix1, ... prefix(n-1): names for the
// variables of a high-dimensional model such as a network.
func VarNames(prefix string, n int) []string {
	names := make([]string, n)
	for i := range names {
		names[i] = fmt.Sprintf("%s%d", prefix, i)
	}
	return names
}

// Validate checks that the model has variables with distinct non-empty
// names, a derivative function, and no parameter named like a variable.
func (m Model) Validate() error {
	if len(m.Vars) == 0 {
		return fmt.Errorf("%w: no variables (Model.Vars is empty)", ErrBadModel)
	}
	if m.F == nil {
		return fmt.Errorf("%w: no derivative function (Model.F is nil)", ErrBadModel)
	}
	seen := make(map[string]bool, len(m.Vars))
	for _, v := range m.Vars {
		if v == "" {
			return fmt.Errorf("%w: empty variable name in %q", ErrBadModel, m.Vars)
		}
		if seen[v] {
			return fmt.Errorf("%w: variable %q appears twice", ErrBadModel, v)
		}
		seen[v] = true
		if _, ok := m.Params[v]; ok {
			return fmt.Errorf("%w: %q is both a variable and a parameter", ErrBadModel, v)
		}
	}
	for k, v := range m.Params {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return fmt.Errorf("%w: parameter %q is %v", ErrBadModel, k, v)
		}
	}
	return nil
}

// Index returns the position of the named variable in Vars.
func (m Model) Index(name string) (int, error) {
	if i := slices.Index(m.Vars, name); i >= 0 {
		return i, nil
	}
	return -1, fmt.Errorf("%w: variable %q (the model has %s)", ErrUnknownName, name, strings.Join(m.Vars, ", "))
}

func (m Model) paramNames() string {
	if len(m.Params) == 0 {
		return "no parameters"
	}
	names := make([]string, 0, len(m.Params))
	for k := range m.Params {
		names = append(names, k)
	}
	sort.Strings(names)
	return "parameters " + strings.Join(names, ", ")
}

func (m Model) checkParam(name string) error {
	if _, ok := m.Params[name]; !ok {
		return fmt.Errorf("%w: parameter %q (the model has %s)", ErrUnknownName, name, m.paramNames())
	}
	return nil
}

// With returns a copy of the model whose parameters are overridden by
// update. Every name in update must be a parameter of the model.
func (m Model) With(update Params) (Model, error) {
	if err := m.Validate(); err != nil {
		return m, err
	}
	p := make(Params, len(m.Params))
	for k, v := range m.Params {
		p[k] = v
	}
	for k, v := range update {
		if err := m.checkParam(k); err != nil {
			return m, err
		}
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return m, fmt.Errorf("%w: parameter %q set to %v", ErrBadModel, k, v)
		}
		p[k] = v
	}
	m.Params = p
	return m, nil
}

// State returns the state vector, in the order of Vars, given by name. Every
// variable must be given and every name must be a variable.
func (m Model) State(values map[string]float64) ([]float64, error) {
	x := make([]float64, len(m.Vars))
	for k := range values {
		if _, err := m.Index(k); err != nil {
			return nil, err
		}
	}
	for i, v := range m.Vars {
		val, ok := values[v]
		if !ok {
			return nil, fmt.Errorf("%w: no value for variable %q", ErrBadSettings, v)
		}
		x[i] = val
	}
	return x, nil
}

// Hold returns the model of the remaining variables when the named variables
// are held at the given values. The held variables become parameters of the
// same names, so a bifurcation or fast–slow analysis can vary them.
func (m Model) Hold(held map[string]float64) (Model, error) {
	if err := m.Validate(); err != nil {
		return m, err
	}
	if len(held) == 0 {
		return m, nil
	}
	n := len(m.Vars)
	heldIdx := make([]int, 0, len(held))
	for name := range held {
		i, err := m.Index(name)
		if err != nil {
			return m, err
		}
		heldIdx = append(heldIdx, i)
	}
	if len(heldIdx) == n {
		return m, fmt.Errorf("%w: every variable is held; at least one must stay free", ErrBadSettings)
	}
	var keep []int
	var vars []string
	for i, v := range m.Vars {
		if _, ok := held[v]; !ok {
			keep = append(keep, i)
			vars = append(vars, v)
		}
	}
	p := make(Params, len(m.Params)+len(held))
	for k, v := range m.Params {
		p[k] = v
	}
	for k, v := range held {
		p[k] = v
	}
	full := make([]float64, n)
	fullDst := make([]float64, n)
	fill := func(x []float64, p Params) {
		for _, i := range heldIdx {
			full[i] = p[m.Vars[i]]
		}
		for j, i := range keep {
			full[i] = x[j]
		}
	}
	f := m.F
	sub := Model{Vars: vars, Params: p}
	sub.F = func(dst, x []float64, p Params) {
		fill(x, p)
		f(fullDst, full, p)
		for j, i := range keep {
			dst[j] = fullDst[i]
		}
	}
	if m.Jacobian != nil {
		jacFull := make([]float64, n*n)
		jf := m.Jacobian
		k := len(keep)
		sub.Jacobian = func(jac, x []float64, p Params) {
			fill(x, p)
			jf(jacFull, full, p)
			for a, i := range keep {
				for b, j := range keep {
					jac[a*k+b] = jacFull[i*n+j]
				}
			}
		}
	}
	return sub, nil
}

// system is a validated model bound to its parameters, with the checks and
// the Jacobian every analyser needs.
type system struct {
	m     Model
	n     int
	evals int
	tmp   []float64
}

// holdSystem binds the model left when the variables in hold are held, with
// its own copy of the parameters, which the caller may change.
func holdSystem(m Model, hold map[string]float64) (*system, error) {
	sub, err := m.Hold(hold)
	if err != nil {
		return nil, err
	}
	if sub, err = sub.With(nil); err != nil {
		return nil, err
	}
	return newSystem(sub)
}

func newSystem(m Model) (*system, error) {
	if err := m.Validate(); err != nil {
		return nil, err
	}
	if m.Params == nil {
		m.Params = Params{}
	}
	return &system{m: m, n: len(m.Vars), tmp: make([]float64, len(m.Vars))}, nil
}

// eval writes F(x) into dst and reports a non-finite component by name.
func (s *system) eval(dst, x []float64) error {
	s.evals++
	s.m.F(dst, x, s.m.Params)
	for i, v := range dst {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return fmt.Errorf("%w: d%s/dt = %v at %s", ErrNonFinite, s.m.Vars[i], v, s.describe(x))
		}
	}
	return nil
}

// describe formats a state as name=value pairs for error messages.
func (s *system) describe(x []float64) string {
	parts := make([]string, len(x))
	for i, v := range x {
		parts[i] = fmt.Sprintf("%s=%.6g", s.m.Vars[i], v)
	}
	return strings.Join(parts, ", ")
}

// jacobian writes the n×n Jacobian at x into jac (row-major), analytic when
// the model supplies one, else by central differences.
func (s *system) jacobian(jac, x []float64) error {
	if s.m.Jacobian != nil {
		s.m.Jacobian(jac, x, s.m.Params)
		for i, v := range jac {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return fmt.Errorf("%w: ∂(d%s/dt)/∂%s = %v at %s", ErrNonFinite,
					s.m.Vars[i/s.n], s.m.Vars[i%s.n], v, s.describe(x))
			}
		}
		return nil
	}
	var err error
	dst := mat.NewDense(s.n, s.n, jac)
	fd.Jacobian(dst, func(y, xx []float64) {
		if e := s.eval(y, xx); e != nil && err == nil {
			err = e
		}
	}, x, &fd.JacobianSettings{Formula: fd.Central, Step: jacobianStep(x)})
	return err
}

// jacobianStep is the central-difference step: about eps^(1/3) times the
// scale of the state, the step that balances truncation and rounding.
func jacobianStep(x []float64) float64 {
	scale := 1.0
	for _, v := range x {
		scale = max(scale, math.Abs(v))
	}
	return 6e-6 * scale
}

func checkFinite(what string, v float64) error {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return fmt.Errorf("%w: %s is %v", ErrBadSettings, what, v)
	}
	return nil
}
