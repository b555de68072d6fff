package integrate

import (
	"fmt"
	"math"
	"strings"

	bm "github.com/braingo/braingo/bp/math"
)

// Calculus is the interpretation of the stochastic integral.
type Calculus int

const (
	Ito          Calculus = iota // Itô (the default, as BrainPy)
	Stratonovich                 // Stratonovich
)

// String returns "Ito" or "Stratonovich".
func (c Calculus) String() string {
	if c == Stratonovich {
		return "Stratonovich"
	}
	return "Ito"
}

// SDESettings holds the options of an SDE method. The zero value is Itô
// calculus with diagonal noise and seed 0.
type SDESettings struct {
	Calculus Calculus // Ito (the default) or Stratonovich
	// Wiener is the number m of Wiener processes shared by all variables;
	// g then writes an n×m matrix, row-major (g_ij at dst[i*m+j]), and
	// x_i gets Σ_j g_ij dW_j. m = 1 is scalar noise: one process drives
	// every variable. Zero means diagonal noise: g writes n coefficients
	// and each variable has its own process (what BrainPy calls a scalar
	// Wiener process, applied element-wise).
	Wiener int
	// RNG draws the Wiener increments; nil means bm.NewRNG(Seed).
	RNG  *bm.RNG
	Seed uint64 // seed of the generator made when RNG is nil
	// ODE holds exp_euler's options for the drift (Linear, Blocks).
	ODE Settings
}

// SDE integrates dx = f(x, t) dt + g(x, t) dW. Step draws the Wiener
// increments from its RNG; StepW takes them from the caller (for a fixed
// Brownian path). The noise function g has the signature of Func, but
// writes n·m values with vector noise (see SDESettings.Wiener).
type SDE struct {
	method string
	f, g   Func
	n, m   int // state length, number of Wiener processes (n for diagonal)
	vector bool
	calc   Calculus
	rng    *bm.RNG
	drift  *ExpEuler // exp_euler only

	dW, fx, gx, y, fy, gy []float64
}

var sdeMethods = map[string]string{
	"euler": "euler", "heun": "heun", "exp_euler": "exp_euler", "exponential_euler": "exp_euler",
	"milstein": "milstein", "milstein2": "milstein", "milstein_grad_free": "milstein",
}

// SDEMethods returns the names NewSDE accepts, sorted.
func SDEMethods() []string { return sortedKeys(sdeMethods) }

// NewSDE returns an SDE stepper:
//
//   - "euler": Euler–Maruyama under Itô (strong order 0.5); under
//     Stratonovich, the Euler–Heun predictor–corrector.
//   - "heun": stochastic Heun, Stratonovich only (strong order 1 for
//     commutative noise, 0.5 otherwise).
//   - "milstein" (= "milstein2", "milstein_grad_free"): derivative-free
//     Milstein (Kloeden–Platen 11.1.5), Itô or Stratonovich, strong order 1
//     with diagonal noise (g_i depending on x_i only) or scalar noise
//     (Wiener = 1); one extra evaluation of g per step under Itô, two
//     under Stratonovich.
//   - "exp_euler": exponential Euler for the drift plus g·dW, Itô only.
func NewSDE(method string, f, g Func, n int, s SDESettings) (*SDE, error) {
	name, ok := sdeMethods[strings.ToLower(method)]
	if !ok {
		return nil, fmt.Errorf("%w %q for SDEs; known methods: %s", ErrUnknownMethod, method, strings.Join(SDEMethods(), ", "))
	}
	if (f == nil && (name != "exp_euler" || s.ODE.Linear == nil)) || g == nil {
		return nil, fmt.Errorf("%w: an SDE needs a drift f (or, for exp_euler, ODE.Linear) and a diffusion g", ErrNilFunc)
	}
	if err := checkSize(n); err != nil {
		return nil, err
	}
	if s.Wiener < 0 {
		return nil, fmt.Errorf("%w: Wiener = %d processes, need ≥ 0 (0 for diagonal noise)", ErrSettings, s.Wiener)
	}
	if s.Calculus != Ito && s.Calculus != Stratonovich {
		return nil, fmt.Errorf("%w: unknown calculus %d", ErrSettings, s.Calculus)
	}
	switch {
	case name == "heun" && s.Calculus == Ito:
		return nil, fmt.Errorf("%w: heun solves Stratonovich SDEs only; use euler or milstein for Itô", ErrSettings)
	case name == "exp_euler" && s.Calculus == Stratonovich:
		return nil, fmt.Errorf("%w: exp_euler solves Itô SDEs only", ErrSettings)
	case name == "milstein" && s.Wiener > 1:
		return nil, fmt.Errorf("%w: milstein needs diagonal noise or one Wiener process, got %d (it would need Lévy areas)", ErrSettings, s.Wiener)
	}
	e := &SDE{method: name, f: f, g: g, n: n, m: n, calc: s.Calculus, rng: s.RNG}
	if s.Wiener > 0 {
		e.m, e.vector = s.Wiener, true
	}
	if e.rng == nil {
		e.rng = bm.NewRNG(s.Seed)
	}
	ng := n
	if e.vector {
		ng = n * e.m
	}
	e.dW, e.fx, e.y, e.fy = make([]float64, e.m), make([]float64, n), make([]float64, n), make([]float64, n)
	e.gx, e.gy = make([]float64, ng), make([]float64, ng)
	if name == "exp_euler" {
		d, err := NewExpEuler(f, n, &s.ODE)
		if err != nil {
			return nil, err
		}
		e.drift = d
	}
	return e, nil
}

// Len returns the state length.
func (e *SDE) Len() int { return e.n }

// NoiseDim returns the number of Wiener processes, the length of StepW's dW.
func (e *SDE) NoiseDim() int { return e.m }

// Step advances x from t to t+dt, drawing dW ~ N(0, dt) from the RNG.
func (e *SDE) Step(x []float64, t, dt float64) {
	e.rng.NormalFill(e.dW, 0, math.Sqrt(dt))
	e.StepW(x, t, dt, e.dW)
}

// StepW advances x from t to t+dt with the given Wiener increments
// (length NoiseDim()).
// It panics (with an error wrapping ErrLength) if x or dW is not of the
// length the stepper was built for.
func (e *SDE) StepW(x []float64, t, dt float64, dW []float64) {
	mustLen(e.method, "x", len(x), e.n)
	mustLen(e.method, "dW", len(dW), e.m)
	switch e.method {
	case "euler":
		if e.calc == Stratonovich {
			e.heun(x, t, dt, dW)
			return
		}
		e.f(e.fx, t, x)
		e.g(e.gx, t, x)
		for i := range x {
			x[i] += e.fx[i]*dt + e.noise(e.gx, i, dW)
		}
	case "heun":
		e.heun(x, t, dt, dW)
	case "milstein":
		e.milstein(x, t, dt, dW)
	case "exp_euler":
		e.g(e.gx, t, x)
		for i := range x { // noise from g at the start of the step
			e.y[i] = e.noise(e.gx, i, dW)
		}
		e.drift.Step(x, t, dt)
		for i := range x {
			x[i] += e.y[i]
		}
	}
}

// noise returns Σ_j g_ij dW_j for variable i.
func (e *SDE) noise(g []float64, i int, dW []float64) float64 {
	if !e.vector {
		return g[i] * dW[i]
	}
	row := g[i*e.m : (i+1)*e.m]
	var s float64
	for j, w := range dW {
		s += row[j] * w
	}
	return s
}

// heun is the stochastic Heun (trapezoidal) predictor–corrector, which
// converges to the Stratonovich solution.
func (e *SDE) heun(x []float64, t, dt float64, dW []float64) {
	e.f(e.fx, t, x)
	e.g(e.gx, t, x)
	for i := range x {
		e.y[i] = x[i] + e.fx[i]*dt + e.noise(e.gx, i, dW)
	}
	e.f(e.fy, t+dt, e.y)
	e.g(e.gy, t+dt, e.y)
	for i := range x {
		x[i] += 0.5*(e.fx[i]+e.fy[i])*dt + 0.5*(e.noise(e.gx, i, dW)+e.noise(e.gy, i, dW))
	}
}

// milstein is the derivative-free Milstein scheme. Under Itô, g·∂g/∂x is
// replaced by (g(ŷ) − g(x))/√dt with the supporting value
// ŷ = x + f dt + g√dt (Kloeden–Platen 11.1.5); its O(√dt) error multiplies
// dW² − dt, which has mean zero, so the order stays 1. Under Stratonovich
// the correction multiplies dW², whose mean is dt, so the one-sided
// difference would cost half an order; a central difference
// (g(x + g√dt) − g(x − g√dt))/(2√dt), one more evaluation of g, keeps it 1.
func (e *SDE) milstein(x []float64, t, dt float64, dW []float64) {
	sq := math.Sqrt(dt)
	e.f(e.fx, t, x)
	e.g(e.gx, t, x)
	// gx[i] is g_i0 when Wiener = 1.
	if e.calc == Ito {
		for i := range x {
			e.y[i] = x[i] + e.fx[i]*dt + e.gx[i]*sq
		}
		e.g(e.gy, t, e.y)
		for i := range x {
			e.gy[i] -= e.gx[i] // (g(ŷ) − g(x))
		}
	} else {
		for i := range x {
			e.y[i] = x[i] + e.gx[i]*sq
		}
		e.g(e.gy, t, e.y)
		for i := range x {
			e.y[i] = x[i] - e.gx[i]*sq
		}
		e.g(e.fy, t, e.y) // fy as scratch for g(x − g√dt)
		for i := range x {
			e.gy[i] = (e.gy[i] - e.fy[i]) / 2
		}
	}
	ito := 0.0
	if e.calc == Ito {
		ito = dt
	}
	for i := range x {
		w := dW[0]
		if !e.vector {
			w = dW[i]
		}
		x[i] += e.fx[i]*dt + e.gx[i]*w + e.gy[i]*(w*w-ito)/(2*sq)
	}
}
