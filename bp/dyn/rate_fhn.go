package dyn

import (
	"fmt"
	"math"

	"github.com/braingo/braingo/bp"
	"github.com/braingo/braingo/bp/integrate"
)

// RateFHNParams are the parameters of [RateFHN]. Zero fields take
// BrainPy's defaults, given beside them; to use a zero Gamma, set the
// model's field after construction.
type RateFHNParams struct {
	Alpha, Beta, Gamma float64 // cubic, quadratic and linear coefficients; defaults 3, 4, −1.5
	Delta, Epsilon     float64 // recovery offset and decay; defaults 0, 0.5
	Tau                float64 // recovery time constant (ms); default 20
	X0, Y0             float64 // initial state; default 0, 0
	Method             string  // integrator (bp/integrate); default DefaultRateMethod
}

// RateFHN is the FitzHugh–Nagumo rate model of whole-brain networks
// (BrainPy's bp.dyn.FHN):
//
//	dx/dt = −αx³ + βx² + γx − y + I_x
//	dy/dt = (x − δ − εy + I_y)/τ
//
// With the defaults the rest state loses stability in Hopf bifurcations at
// I_x = 0.726058 and 1.331555 (numbers.md 3.5); between them the node
// oscillates. Inputs: "Input" (I_x, where couplings add) and "InputY".
type RateFHN struct {
	rateNodes
	X, Y                      []float64 // activity and recovery, one per node
	InputX, InputY            []float64 // inputs of the current step
	Alpha, Beta, Gamma, Delta float64   // parameters, as in RateFHNParams
	Epsilon, Tau              float64   // parameters, as in RateFHNParams
}

// NewRateFHN returns n FitzHugh–Nagumo nodes.
func NewRateFHN(n int, s RateFHNParams) (*RateFHN, error) {
	m := &RateFHN{
		Alpha: chanDefault(s.Alpha, 3), Beta: chanDefault(s.Beta, 4), Gamma: chanDefault(s.Gamma, -1.5),
		Delta: s.Delta, Epsilon: chanDefault(s.Epsilon, 0.5), Tau: chanDefault(s.Tau, 20),
	}
	err := checkRateParams("RateFHN", rateParam{"Alpha", m.Alpha, false}, rateParam{"Beta", m.Beta, false},
		rateParam{"Gamma", m.Gamma, false}, rateParam{"Delta", m.Delta, false},
		rateParam{"Epsilon", m.Epsilon, false}, rateParam{"Tau", m.Tau, true})
	if err != nil {
		return nil, err
	}
	if m.rateNodes, err = newRateNodes("RateFHN", n, []string{"x", "y"}, []string{"Input", "InputY"}, []float64{s.X0, s.Y0}, s.Method, m.deriv); err != nil {
		return nil, err
	}
	m.X, m.Y, m.InputX, m.InputY = m.block(0), m.block(1), m.inputs[0], m.inputs[1]
	return m, nil
}

func (m *RateFHN) deriv(dst []float64, _ float64, s []float64) {
	n := m.n
	x, y, dx, dy := s[:n], s[n:2*n], dst[:n], dst[n:2*n]
	ix, iy := m.InputX[:n], m.InputY[:n]
	for i, xi := range x {
		dx[i] = xi*(xi*(m.Beta-m.Alpha*xi)+m.Gamma) - y[i] + ix[i]
		dy[i] = (xi - m.Delta - m.Epsilon*y[i] + iy[i]) / m.Tau
	}
}

// Equations returns the equations of one node, for analysis
// (bp/analysis.FromModel): the variables x and y, the parameters Alpha, Beta, Gamma, Delta, Epsilon, Tau
// by their Go names, and the inputs "Input" (I_x) and "InputY" at 0. f evaluates the
// derivative the model integrates, on a private copy of the model.
func (m *RateFHN) Equations() (vars []string, params map[string]float64, f func(dst, x []float64, p map[string]float64)) {
	c := *m
	c.rateNodes = m.oneNode()
	c.X, c.Y, c.InputX, c.InputY = nil, nil, c.inputs[0], c.inputs[1]
	return c.equations([]param{{"Alpha", &c.Alpha}, {"Beta", &c.Beta}, {"Gamma", &c.Gamma}, {"Delta", &c.Delta}, {"Epsilon", &c.Epsilon}, {"Tau", &c.Tau}}, c.deriv)
}

// FeedbackFHNParams are the parameters of [FeedbackFHN]. Zero fields
// take BrainPy's defaults, given beside them.
type FeedbackFHNParams struct {
	A, B   float64 // recovery offset and decay; defaults 0.7, 0.8
	Tau    float64 // recovery time constant (ms); default 12.5
	Mu     float64 // feedback strength; default 1.6 (set the field after construction for 0)
	Delay  float64 // feedback delay (ms); default 10
	V0     float64 // feedback reference potential; default −1
	X0, Y0 float64 // initial state, also the history before the first step; default 0, 0
	DT     float64 // the step of the run (ms), checked by bp.NewRunner; default bp.DefaultDT
	Method string  // integrator (bp/integrate); default "rk4" (BrainPy's)
}

// FeedbackFHN is the FitzHugh–Nagumo oscillator with delayed
// self-feedback (Plant 1981; BrainPy's FeedbackFHN):
//
//	dx/dt = x − x³/3 − y + I_x + μ·(x(t − d) − v0)
//	dy/dt = (x + a − b·y + I_y)/τ
//
// integrated as a delay equation (bp/integrate's DDE, linear interpolation
// of the history, constant history before the first step). With μ = 0 it is
// the FitzHugh–Nagumo neuron of numbers.md 3.5. Inputs: "Input" (I_x) and
// "InputY".
type FeedbackFHN struct {
	rateNodes
	X, Y, InputX, InputY []float64 // state and inputs of the current step, one entry per node
	A, B, Tau, Mu        float64   // parameters, as in FeedbackFHNParams
	Delay, V0            float64   // parameters, as in FeedbackFHNParams
	dt                   float64
	method               string
	dde                  *integrate.DDE
	resetErr             error
}

// NewFeedbackFHN returns n FitzHugh–Nagumo nodes with delayed feedback.
func NewFeedbackFHN(n int, s FeedbackFHNParams) (*FeedbackFHN, error) {
	m := &FeedbackFHN{A: chanDefault(s.A, 0.7), B: chanDefault(s.B, 0.8), Tau: chanDefault(s.Tau, 12.5),
		Mu: chanDefault(s.Mu, 1.6), Delay: chanDefault(s.Delay, 10), V0: chanDefault(s.V0, -1),
		dt: chanDefault(s.DT, bp.DefaultDT), method: s.Method}
	if m.method == "" {
		m.method = "rk4"
	}
	err := checkRateParams("FeedbackFHN", rateParam{"A", m.A, false}, rateParam{"B", m.B, false},
		rateParam{"Tau", m.Tau, true}, rateParam{"Mu", m.Mu, false}, rateParam{"Delay", m.Delay, true},
		rateParam{"V0", m.V0, false}, rateParam{"DT", m.dt, true})
	if err != nil {
		return nil, err
	}
	if m.rateNodes, err = allocRateNodes("FeedbackFHN", n, []string{"x", "y"}, []string{"Input", "InputY"}, []float64{s.X0, s.Y0}); err != nil {
		return nil, err
	}
	m.X, m.Y, m.InputX, m.InputY = m.block(0), m.block(1), m.inputs[0], m.inputs[1]
	if err := m.newDDE(); err != nil {
		return nil, err
	}
	return m, nil
}

// newDDE (re)builds the delay stepper, with an empty history.
func (m *FeedbackFHN) newDDE() error {
	dde, err := integrate.NewDDE(m.method, m.deriv, len(m.state), m.dt, integrate.DDESettings{MaxDelay: m.Delay})
	if err != nil {
		return fmt.Errorf("FeedbackFHN: %w", err)
	}
	m.dde, m.step = dde, dde
	return nil
}

func (m *FeedbackFHN) deriv(dst []float64, t float64, s []float64, past *integrate.Past) {
	n := m.n
	x, y, dx, dy := s[:n], s[n:2*n], dst[:n], dst[n:2*n]
	ix, iy := m.InputX[:n], m.InputY[:n]
	for i, xi := range x {
		dx[i] = xi - xi*xi*xi/3 - y[i] + ix[i] + m.Mu*(past.Value(i, t-m.Delay)-m.V0)
		dy[i] = (xi + m.A - m.B*y[i] + iy[i]) / m.Tau
	}
}

// Err reports a misuse of the delay stepper: a step other than the DT the
// model was built with, or a step that does not continue the last one
// (such a step leaves the state unchanged); or a failed Reset.
func (m *FeedbackFHN) Err() error {
	if m.resetErr != nil {
		return m.resetErr
	}
	return m.dde.Err()
}

// CheckDT returns an error wrapping ErrRate, naming both steps, when dt is
// not the DT the model was built with (its delay stepper would refuse
// every step and leave the state unchanged). bp.Runner calls it before the
// first step.
func (m *FeedbackFHN) CheckDT(dt float64) error {
	if math.Abs(dt-m.dt) <= 1e-9*m.dt { // the delay stepper's tolerance
		return nil
	}
	return fmt.Errorf("%w: FeedbackFHN was built for steps of DT = %g ms, but the run steps by dt = %g ms; set FeedbackFHNParams.DT to the run's dt",
		ErrRate, m.dt, dt)
}

// MarshalState refuses to save the group: the history of its delay
// equation lives in bp/integrate's DDE, which cannot be written out, and a
// copy restored without it would continue from a constant history,
// silently different. bp.Save (and bp.Load into it) return this error.
func (m *FeedbackFHN) MarshalState() ([]byte, error) {
	return nil, fmt.Errorf("%w: FeedbackFHN cannot save the history of its delay equation, so it cannot be saved and restored", ErrRate)
}

// UnmarshalState refuses, as MarshalState.
func (m *FeedbackFHN) UnmarshalState([]byte) error {
	_, err := m.MarshalState()
	return err
}

// Reset restores the initial state and forgets the history.
func (m *FeedbackFHN) Reset(seed uint64) {
	m.rateNodes.Reset(seed)
	m.resetErr = m.newDDE()
}
