package integrate

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"sync"
)

// Func is a derivative function: it writes dx/dt at time t and state x into
// dst. dst and x have the same length and never alias. A Func must not keep
// references to dst or x after it returns.
type Func func(dst []float64, t float64, x []float64)

// LinearFunc is a derivative function that also reports the diagonal of its
// Jacobian: it writes dx/dt into dst and ∂f_i/∂x_i into diag. Exponential
// Euler uses the diagonal to integrate each variable's linear part exactly.
type LinearFunc func(dst, diag []float64, t float64, x []float64)

// Stepper advances a state by one step. Step replaces x, the state at time
// t, by the state at time t+dt. It allocates nothing.
type Stepper interface {
	// Step advances the state x in place from time t to t+dt.
	Step(x []float64, t, dt float64)
}

// Sentinel errors. Errors returned by this package wrap one of them, so
// callers can test with errors.Is and still read a message that names the
// offending value.
var (
	ErrUnknownMethod = errors.New("integrate: unknown method")
	ErrStepSize      = errors.New("integrate: step size must be positive and finite")
	ErrLength        = errors.New("integrate: length mismatch")
	ErrNilFunc       = errors.New("integrate: nil function")
	ErrOrder         = errors.New("integrate: fractional order outside (0, 1]")
	ErrSettings      = errors.New("integrate: invalid settings")
)

// Settings holds the options of an ODE method. Its zero value works: each
// field's zero value selects the default documented beside it. Methods
// ignore the fields that do not concern them.
type Settings struct {
	// Linear, for exp_euler, gives the derivative together with the
	// diagonal of its Jacobian analytically. When it is set, the Func passed
	// to NewODE may be nil.
	Linear LinearFunc
	// Blocks, for exp_euler without Linear, lays the state out as
	// contiguous blocks (one block per variable of a population) whose
	// elements do not depend on each other: the diagonal is then estimated
	// with one extra evaluation of f per block. Nil means one block per
	// element, that is n extra evaluations per step (exact for any f, but
	// costly for large n).
	Blocks []int

	// Atol and Rtol are the absolute and relative tolerances of adaptive
	// methods (default 1e-6 and 1e-3, as scipy's solve_ivp).
	Atol, Rtol float64
	// MinStep is the smallest step an adaptive method may take before it
	// reports failure (default 1e-12 times the span of the step asked for).
	MinStep float64
	// MaxStep caps the internal step of adaptive methods (default: no cap
	// other than the step asked for).
	MaxStep float64
}

// Option sets one field of Settings.
type Option func(*Settings)

// WithLinear makes exp_euler use lf for the derivative and its Jacobian
// diagonal.
func WithLinear(lf LinearFunc) Option { return func(s *Settings) { s.Linear = lf } }

// WithBlocks tells exp_euler that the state is made of contiguous blocks of
// the given sizes whose elements are mutually independent (a population),
// so that it estimates the Jacobian diagonal with one evaluation per block.
func WithBlocks(sizes ...int) Option {
	return func(s *Settings) { s.Blocks = slices.Clone(sizes) }
}

// WithTol sets the absolute and relative tolerances of adaptive methods.
func WithTol(atol, rtol float64) Option {
	return func(s *Settings) { s.Atol, s.Rtol = atol, rtol }
}

// Maker builds a Stepper for a derivative function over n variables.
type Maker func(f Func, n int, s *Settings) (Stepper, error)

var registry = struct {
	sync.RWMutex
	m map[string]Maker
}{m: map[string]Maker{}}

// Register adds an ODE method under name, so that NewODE(name, ...) builds
// it. Names are case-insensitive. Registering a name twice is an error.
func Register(name string, m Maker) error {
	key := strings.ToLower(name)
	if key == "" || m == nil {
		return fmt.Errorf("%w: Register needs a name and a non-nil Maker (got %q)", ErrSettings, name)
	}
	registry.Lock()
	defer registry.Unlock()
	if _, dup := registry.m[key]; dup {
		return fmt.Errorf("%w: method %q is already registered", ErrSettings, name)
	}
	registry.m[key] = m
	return nil
}

// mustRegister registers the built-in methods.
func mustRegister(name string, m Maker) {
	if err := Register(name, m); err != nil {
		panic(err)
	}
}

// Methods returns the names of the registered ODE methods, sorted.
func Methods() []string {
	registry.RLock()
	defer registry.RUnlock()
	names := make([]string, 0, len(registry.m))
	for k := range registry.m {
		names = append(names, k)
	}
	sort.Strings(names)
	return names
}

// NewODE builds the ODE method registered under name for the derivative f
// over n variables.
func NewODE(method string, f Func, n int, opts ...Option) (Stepper, error) {
	key := strings.ToLower(method)
	registry.RLock()
	m, ok := registry.m[key]
	registry.RUnlock()
	if !ok {
		return nil, fmt.Errorf("%w %q; known methods: %s", ErrUnknownMethod, method, strings.Join(Methods(), ", "))
	}
	var s Settings
	for _, o := range opts {
		o(&s)
	}
	if err := checkSize(n); err != nil {
		return nil, err
	}
	if f == nil && (s.Linear == nil || !isExpEuler(key)) {
		return nil, fmt.Errorf("%w: method %q needs a derivative function", ErrNilFunc, method)
	}
	return m(f, n, &s)
}

// CheckStep returns an error wrapping ErrStepSize unless dt is positive and
// finite.
func CheckStep(dt float64) error {
	if !(dt > 0) || math.IsInf(dt, 0) {
		return fmt.Errorf("%w: dt = %v", ErrStepSize, dt)
	}
	return nil
}

// checkSpan returns an error wrapping ErrSettings unless [t0, t1] is a
// finite span with t1 ≥ t0.
func checkSpan(t0, t1 float64) error {
	if math.IsNaN(t0) || math.IsNaN(t1) || math.IsInf(t0, 0) || math.IsInf(t1, 0) || t1 < t0 {
		return fmt.Errorf("%w: span [%v, %v] must be finite with t1 ≥ t0", ErrSettings, t0, t1)
	}
	return nil
}

// checkContinues returns an error wrapping ErrStepSize unless a step from t
// by dt continues a fixed-step record (of the given kind) that stands at
// time now with step want.
func checkContinues(kind string, t, dt, now, want float64) error {
	if math.Abs(dt-want) > 1e-9*want || math.Abs(t-now) > 1e-6*want {
		return fmt.Errorf("%w: %s step from t = %v by %v, expected from t = %v by dt = %v", ErrStepSize, kind, t, dt, now, want)
	}
	return nil
}

// sortedKeys returns the keys of a name table, sorted.
func sortedKeys(m map[string]string) []string {
	names := make([]string, 0, len(m))
	for k := range m {
		names = append(names, k)
	}
	sort.Strings(names)
	return names
}

// checkSize returns an error wrapping ErrLength unless a state length n is
// positive.
func checkSize(n int) error {
	if n <= 0 {
		return fmt.Errorf("%w: state length %d, need at least 1", ErrLength, n)
	}
	return nil
}

// mustLen panics with an error wrapping ErrLength when the Step of method
// is given a slice named what (the state x, or dW) of length got instead of
// want. Step returns no error,
// and a state of another length is a programming error that would
// otherwise surface as an index panic deep inside the method, or as
// elements silently left alone.
func mustLen(method, what string, got, want int) {
	if got != want {
		panic(fmt.Errorf("%w: %s Step got %s of length %d, the stepper was built for %d", ErrLength, method, what, got, want))
	}
}

// checkLen returns an error wrapping ErrLength when a slice named what has
// length got instead of want.
func checkLen(what string, got, want int) error {
	if got != want {
		return fmt.Errorf("%w: %s has length %d, the state has %d", ErrLength, what, got, want)
	}
	return nil
}
