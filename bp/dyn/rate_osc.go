package dyn

import (
	"fmt"
	"math"

	"github.com/braingo/braingo/bp"
	"github.com/braingo/braingo/bp/integrate"
)

// StuartLandauParams are the parameters of [StuartLandau]. Zero fields
// take BrainPy's defaults, given beside them.
type StuartLandauParams struct {
	A      float64 // bifurcation parameter; default 0.25
	W      float64 // angular frequency (rad/ms); default 0.2
	X0, Y0 float64 // initial state; default 0, 0 (the unstable rest state: set one)
	Method string  // integrator (bp/integrate); default DefaultRateMethod
}

// StuartLandau is the normal form of a supercritical Hopf bifurcation
// (BrainPy's StuartLandauOscillator):
//
//	dx/dt = (a − x² − y²)x − ωy + I_x
//	dy/dt = (a − x² − y²)y + ωx + I_y
//
// For a > 0 every orbit but the origin tends to the circle of radius √a,
// travelled at angular frequency ω. Inputs: "Input" (I_x) and "InputY".
type StuartLandau struct {
	rateNodes
	X, Y           []float64 // state, one entry per node
	InputX, InputY []float64 // inputs of the current step
	A, W           float64   // parameters, as in StuartLandauParams
}

// NewStuartLandau returns n Stuart–Landau oscillators.
func NewStuartLandau(n int, s StuartLandauParams) (*StuartLandau, error) {
	m := &StuartLandau{A: chanDefault(s.A, 0.25), W: chanDefault(s.W, 0.2)}
	err := checkRateParams("StuartLandau", rateParam{"A", m.A, false}, rateParam{"W", m.W, false})
	if err != nil {
		return nil, err
	}
	if m.rateNodes, err = newRateNodes("StuartLandau", n, []string{"x", "y"}, []string{"Input", "InputY"}, []float64{s.X0, s.Y0}, s.Method, m.deriv); err != nil {
		return nil, err
	}
	m.X, m.Y, m.InputX, m.InputY = m.block(0), m.block(1), m.inputs[0], m.inputs[1]
	return m, nil
}

func (m *StuartLandau) deriv(dst []float64, _ float64, s []float64) {
	n := m.n
	x, y, dx, dy := s[:n], s[n:2*n], dst[:n], dst[n:2*n]
	ix, iy := m.InputX[:n], m.InputY[:n]
	for k, xk := range x {
		yk := y[k]
		g := m.A - xk*xk - yk*yk
		dx[k] = g*xk - m.W*yk + ix[k]
		dy[k] = g*yk + m.W*xk + iy[k]
	}
}

// Equations returns the equations of one oscillator, for analysis
// (bp/analysis.FromModel): the variables x and y, the parameters A, W
// by their Go names, and the inputs "Input" (I_x) and "InputY" at 0. f evaluates the
// derivative the model integrates, on a private copy of the model.
func (m *StuartLandau) Equations() (vars []string, params map[string]float64, f func(dst, x []float64, p map[string]float64)) {
	c := *m
	c.rateNodes = m.oneNode()
	c.X, c.Y, c.InputX, c.InputY = nil, nil, c.inputs[0], c.inputs[1]
	return c.equations([]param{{"A", &c.A}, {"W", &c.W}}, c.deriv)
}

// KuramotoParams are the parameters of [Kuramoto].
type KuramotoParams struct {
	// Omega holds the natural angular frequencies (rad/ms), one per
	// oscillator; nil means all zero.
	Omega []float64
	// K is the coupling strength.
	K float64
	// W is the coupling matrix, n×n row-major, W[i*n+j] the weight from
	// j to i. Nil means all-to-all with weight 1/n (the classical model,
	// computed through the order parameter in O(n) per evaluation).
	W []float64
	// Theta0 holds the initial phases; nil means all zero.
	Theta0 []float64
	// Method is the integrator (bp/integrate); default DefaultRateMethod.
	// exp_euler uses the analytic diagonal of the Jacobian.
	Method string
}

// Kuramoto is a network of phase oscillators (Kuramoto 1975; BrainPy's
// KuramotoOscillator):
//
//	dθ_i/dt = ω_i + I_i + K·Σ_j W_ij sin(θ_j − θ_i)
//
// With all-to-all coupling and Lorentzian frequencies of half-width γ, the
// incoherent state loses stability at K_c = 2γ and the order parameter
// settles at r = √(1 − K_c/K) above it. Input: "Input" (I).
type Kuramoto struct {
	rateNodes
	Theta  []float64 // phases (rad)
	Input  []float64 // input of the current step
	Omega  []float64 // natural frequencies (rad/ms)
	K      float64   // coupling strength
	W      []float64 // coupling matrix, nil for all-to-all 1/n
	sn, cs []float64 // scratch: sin and cos of the phases
}

// NewKuramoto returns n phase oscillators.
func NewKuramoto(n int, s KuramotoParams) (*Kuramoto, error) {
	if n <= 0 {
		return nil, fmt.Errorf("%w: Kuramoto size %d, need at least 1 oscillator", ErrRate, n)
	}
	if (s.Omega != nil && len(s.Omega) != n) || (s.Theta0 != nil && len(s.Theta0) != n) {
		return nil, fmt.Errorf("%w: Kuramoto Omega and Theta0 have %d and %d entries, need nil or one per oscillator (%d)", ErrSizeMismatch, len(s.Omega), len(s.Theta0), n)
	}
	if s.W != nil && len(s.W) != n*n {
		return nil, fmt.Errorf("%w: Kuramoto W has %d entries, need n×n = %d", ErrSizeMismatch, len(s.W), n*n)
	}
	if err := checkRateParams("Kuramoto", rateParam{"K", s.K, false}); err != nil {
		return nil, err
	}
	m := &Kuramoto{Omega: make([]float64, n), K: s.K, W: s.W, sn: make([]float64, n), cs: make([]float64, n)}
	if s.Omega != nil {
		copy(m.Omega, s.Omega)
	}
	var err error
	m.rateNodes, err = newRateNodes("Kuramoto", n, []string{"theta"}, []string{"Input"}, nil, s.Method,
		func(dst []float64, _ float64, x []float64) { m.eval(dst, nil, x) },
		integrate.WithLinear(func(dst, diag []float64, _ float64, x []float64) { m.eval(dst, diag, x) }))
	if err != nil {
		return nil, err
	}
	m.Theta, m.Input = m.block(0), m.inputs[0]
	if s.Theta0 != nil {
		copy(m.Theta, s.Theta0)
		m.SetInitial()
	}
	return m, nil
}

// eval writes dθ/dt into dst and, when diag is not nil, its Jacobian
// diagonal −K·Σ_{j≠i} W_ij cos(θ_j − θ_i).
func (m *Kuramoto) eval(dst, diag, theta []float64) {
	n := m.n
	sn, cs := m.sn[:n], m.cs[:n]
	for i, th := range theta[:n] {
		sn[i], cs[i] = math.Sincos(th)
	}
	if m.W == nil {
		var zs, zc float64
		for i := range sn {
			zs += sn[i]
			zc += cs[i]
		}
		zs, zc = zs/float64(n), zc/float64(n)
		for i := range dst[:n] {
			dst[i] = m.Omega[i] + m.Input[i] + m.K*(zs*cs[i]-zc*sn[i])
			if diag != nil {
				diag[i] = -m.K * (zc*cs[i] + zs*sn[i] - 1/float64(n))
			}
		}
		return
	}
	for i := range dst[:n] {
		row := m.W[i*n : (i+1)*n]
		var ss, sc float64
		for j, w := range row {
			ss += w * sn[j]
			sc += w * cs[j]
		}
		dst[i] = m.Omega[i] + m.Input[i] + m.K*(ss*cs[i]-sc*sn[i])
		if diag != nil {
			diag[i] = -m.K * (sc*cs[i] + ss*sn[i] - row[i])
		}
	}
}

// Order returns the Kuramoto order parameter r·e^{iψ} = (1/n)Σ e^{iθ_j}
// as its modulus r ∈ [0, 1] and phase ψ.
func (m *Kuramoto) Order() (r, psi float64) {
	var zs, zc float64
	for _, th := range m.Theta {
		s, c := math.Sincos(th)
		zs += s
		zc += c
	}
	zs, zc = zs/float64(m.n), zc/float64(m.n)
	return math.Hypot(zs, zc), math.Atan2(zs, zc)
}

// VanDerPolParams are the parameters of [VanDerPol]. Zero fields take
// BrainPy's defaults.
type VanDerPolParams struct {
	Mu     float64 // damping; default 1
	X0, Y0 float64 // initial state; default 0, 0 (the unstable rest state: set one)
	Method string  // integrator (bp/integrate); default DefaultRateMethod
}

// VanDerPol is the van der Pol relaxation oscillator in Liénard form
// (BrainPy's VanDerPolOscillator):
//
//	dx/dt = μ(x − x³/3 − y) + I_x
//	dy/dt = x/μ + I_y
//
// For μ > 0 every orbit but the origin tends to one limit cycle (period
// 6.6633 at μ = 1). Inputs: "Input" (I_x) and "InputY".
type VanDerPol struct {
	rateNodes
	X, Y, InputX, InputY []float64 // state and inputs of the current step, one entry per node
	Mu                   float64   // parameters, as in VanDerPolParams
}

// NewVanDerPol returns n van der Pol oscillators.
func NewVanDerPol(n int, s VanDerPolParams) (*VanDerPol, error) {
	m := &VanDerPol{Mu: chanDefault(s.Mu, 1)}
	err := checkRateParams("VanDerPol", rateParam{"Mu", m.Mu, true})
	if err != nil {
		return nil, err
	}
	if m.rateNodes, err = newRateNodes("VanDerPol", n, []string{"x", "y"}, []string{"Input", "InputY"}, []float64{s.X0, s.Y0}, s.Method, m.deriv); err != nil {
		return nil, err
	}
	m.X, m.Y, m.InputX, m.InputY = m.block(0), m.block(1), m.inputs[0], m.inputs[1]
	return m, nil
}

func (m *VanDerPol) deriv(dst []float64, _ float64, s []float64) {
	n := m.n
	x, y, dx, dy := s[:n], s[n:2*n], dst[:n], dst[n:2*n]
	ix, iy := m.InputX[:n], m.InputY[:n]
	for k, xk := range x {
		dx[k] = m.Mu*(xk-xk*xk*xk/3-y[k]) + ix[k]
		dy[k] = xk/m.Mu + iy[k]
	}
}

// Equations returns the equations of one oscillator, for analysis
// (bp/analysis.FromModel): the variables x and y, the parameters Mu
// by their Go names, and the inputs "Input" (I_x) and "InputY" at 0. f evaluates the
// derivative the model integrates, on a private copy of the model.
func (m *VanDerPol) Equations() (vars []string, params map[string]float64, f func(dst, x []float64, p map[string]float64)) {
	c := *m
	c.rateNodes = m.oneNode()
	c.X, c.Y, c.InputX, c.InputY = nil, nil, c.inputs[0], c.inputs[1]
	return c.equations([]param{{"Mu", &c.Mu}}, c.deriv)
}

// ThetaNeuronParams are the parameters of [ThetaNeuron].
type ThetaNeuronParams struct {
	Tau    float64 // time constant (ms); default 1
	Eta    float64 // excitability; 0 is the saddle-node on the invariant circle
	Theta0 float64 // initial phase (rad); default 0
	Method string  // integrator (bp/integrate); default DefaultRateMethod
}

// ThetaNeuron is the Ermentrout–Kopell theta neuron, the normal form of a
// saddle-node on an invariant circle (class I excitability):
//
//	τ dθ/dt = (1 − cos θ) + (1 + cos θ)(η + I)
//
// For η + I > 0 it fires periodically (θ crosses π) with period
// πτ/√(η + I); below it rests. Spikes reports the crossings of the last
// step. Input: "Input" (I).
type ThetaNeuron struct {
	rateNodes
	Theta, Input []float64 // state and inputs of the current step, one entry per node
	Tau, Eta     float64   // parameters, as in ThetaNeuronParams
	spike        []bool
}

// NewThetaNeuron returns n theta neurons.
func NewThetaNeuron(n int, s ThetaNeuronParams) (*ThetaNeuron, error) {
	m := &ThetaNeuron{Tau: chanDefault(s.Tau, 1), Eta: s.Eta}
	err := checkRateParams("ThetaNeuron", rateParam{"Tau", m.Tau, true}, rateParam{"Eta", m.Eta, false},
		rateParam{"Theta0", s.Theta0, false})
	if err != nil {
		return nil, err
	}
	if m.rateNodes, err = newRateNodes("ThetaNeuron", n, []string{"theta"}, []string{"Input"}, []float64{s.Theta0}, s.Method, m.deriv); err != nil {
		return nil, err
	}
	m.Theta, m.Input, m.spike = m.block(0), m.inputs[0], make([]bool, n)
	return m, nil
}

func (m *ThetaNeuron) deriv(dst []float64, _ float64, s []float64) {
	in := m.Input[:len(s)]
	for k, th := range s {
		c := math.Cos(th)
		dst[k] = ((1 - c) + (1+c)*(m.Eta+in[k])) / m.Tau
	}
}

// Update advances the phases and records which crossed π (a spike); the
// phases are then wrapped into (−π, π].
func (m *ThetaNeuron) Update(ctx *bp.Context) {
	m.rateNodes.Update(ctx)
	for k, th := range m.Theta {
		m.spike[k] = th > math.Pi
		if m.spike[k] {
			m.Theta[k] = th - 2*math.Pi
		}
	}
}

// Spikes reports which neurons fired in the last step.
func (m *ThetaNeuron) Spikes() []bool { return m.spike }

// Reset restores the initial phases and clears the spikes.
func (m *ThetaNeuron) Reset(seed uint64) {
	m.rateNodes.Reset(seed)
	clear(m.spike)
}
