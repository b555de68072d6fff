package dyn

import (
	"math"

	"github.com/braingo/braingo/bp"
)

// The integrate-and-fire family beyond LIF. Each spikes when V ≥ its
// threshold, resets, and with TRef > 0 holds V while t − t_last ≤ TRef,
// counted in whole steps (BrainPy's *Ref classes; TRef 0 gives the plain
// classes). Their default
// initial V is the resting potential (BrainPy starts at 0, which for its
// −65 mV defaults is above threshold and fires at the first step).

// ExpIFParams are the parameters of an exponential integrate-and-fire
// group; the zero value is BrainPy's ExpIF.
type ExpIFParams struct {
	VRest  float64 // resting potential (mV); default −65
	VReset float64 // reset potential (mV); default −68
	VTh    float64 // numerical spike threshold (mV); default −30
	VT     float64 // threshold of the exponential (mV); default −59.9
	DeltaT float64 // slope factor (mV); default 3.48
	R      float64 // resistance; default 1
	Tau    float64 // membrane time constant (ms); default 10
	TRef   float64 // refractory period (ms); default 0
	V0     Initial // initial V; default At(VRest)
	Method string  // integrator; "" is exp_euler
	Noise  float64 // σ of additive noise on V
	Seed   uint64  // seed; 0 draws one from bm.Default
}

// ExpIF is a group of exponential integrate-and-fire neurons
// (Fourcaud-Trocmé et al. 2003):
//
//	τ dV/dt = −(V − V_rest) + Δ_T e^{(V − V_T)/Δ_T} + R·I.
//
// Variables: V, t_last, Input.
type ExpIF struct {
	pointNeuron
	ExpIFParams
}

// NewExpIF returns n ExpIF neurons.
func NewExpIF(n int, p ExpIFParams) (*ExpIF, error) {
	p.VRest = orDefault(p.VRest, -65)
	p.VReset = orDefault(p.VReset, -68)
	p.VTh = orDefault(p.VTh, -30)
	p.VT = orDefault(p.VT, -59.9)
	p.DeltaT = orDefault(p.DeltaT, 3.48)
	p.R = orDefault(p.R, 1)
	p.Tau = orDefault(p.Tau, 10)
	p.V0 = p.V0.or(At(p.VRest))
	m := &ExpIF{ExpIFParams: p}
	if err := setup(&m.pointNeuron, &m.ExpIFParams, n, neuronSpec{
		model: "ExpIF", vars: []string{"V"},
		checked: []param{{"VReset", &p.VReset}, {"VTh", &p.VTh}}, positive: []string{"DeltaT", "Tau"},
		initials: map[string]Initial{"V0": p.V0},
		fire:     true, tRef: p.TRef, method: p.Method, noise: p.Noise, seed: p.Seed,
	}); err != nil {
		return nil, err
	}
	m.Reset(0)
	return m, nil
}

func (p *ExpIFParams) eqParams() []param {
	return []param{{"VRest", &p.VRest}, {"VT", &p.VT}, {"DeltaT", &p.DeltaT}, {"R", &p.R}, {"Tau", &p.Tau}}
}

func (p *ExpIFParams) rhs(dst, diag, x, in []float64) {
	for i, v := range x[:len(in)] {
		e := math.Exp((v - p.VT) / p.DeltaT)
		dst[i] = (p.VRest - v + p.DeltaT*e + p.R*in[i]) / p.Tau
		diag[i] = (e - 1) / p.Tau
	}
}

// Update advances the group by one step.
func (m *ExpIF) Update(ctx *bp.Context) {
	m.stepIF(ctx, m.Noise, m.TRef, m.VTh, m.VReset)
}

// Reset restores the initial state; a non-zero seed re-seeds the group.
func (m *ExpIF) Reset(seed uint64) {
	m.restart(seed)
	m.V0.fill(m.V, m.rng)
}

// AdExIFParams are the parameters of an adaptive exponential
// integrate-and-fire group; the zero value is BrainPy's AdExIF.
type AdExIFParams struct {
	VRest  float64 // resting potential (mV); default −65
	VReset float64 // reset potential (mV); default −68
	VTh    float64 // numerical spike threshold (mV); default −30
	VT     float64 // threshold of the exponential (mV); default −59.9
	DeltaT float64 // slope factor (mV); default 3.48
	A      float64 // subthreshold adaptation; default 1
	B      float64 // spike-triggered adaptation increment; default 1
	R      float64 // resistance; default 1
	Tau    float64 // membrane time constant (ms); default 10
	TauW   float64 // adaptation time constant (ms); default 30
	TRef   float64 // refractory period (ms); default 0
	V0, W0 Initial // initial V (default At(VRest)) and w (default At(0))
	Method string  // integrator; "" is exp_euler
	Noise  float64 // σ of additive noise on V
	Seed   uint64  // seed; 0 draws one from bm.Default
}

// AdExIF is a group of adaptive exponential integrate-and-fire neurons
// (Brette & Gerstner 2005):
//
//	τ dV/dt = −(V − V_rest) + Δ_T e^{(V − V_T)/Δ_T} − R·w + R·I
//	τ_w dw/dt = a(V − V_rest) − w,  spike: V ← V_reset, w ← w + b.
//
// Variables: V, w, t_last, Input.
type AdExIF struct {
	pointNeuron
	AdExIFParams
	W []float64 // adaptation current
}

// NewAdExIF returns n AdExIF neurons.
func NewAdExIF(n int, p AdExIFParams) (*AdExIF, error) {
	p.VRest = orDefault(p.VRest, -65)
	p.VReset = orDefault(p.VReset, -68)
	p.VTh = orDefault(p.VTh, -30)
	p.VT = orDefault(p.VT, -59.9)
	p.DeltaT = orDefault(p.DeltaT, 3.48)
	p.A = orDefault(p.A, 1)
	p.B = orDefault(p.B, 1)
	p.R = orDefault(p.R, 1)
	p.Tau = orDefault(p.Tau, 10)
	p.TauW = orDefault(p.TauW, 30)
	p.V0 = p.V0.or(At(p.VRest))
	p.W0 = p.W0.or(At(0))
	m := &AdExIF{AdExIFParams: p}
	if err := setup(&m.pointNeuron, &m.AdExIFParams, n, neuronSpec{
		model: "AdExIF", vars: []string{"V", "w"},
		checked: []param{{"VReset", &p.VReset}, {"VTh", &p.VTh}, {"B", &p.B}}, positive: []string{"DeltaT", "Tau", "TauW"},
		initials: map[string]Initial{"V0": p.V0, "W0": p.W0},
		fire:     true, tRef: p.TRef, method: p.Method, noise: p.Noise, seed: p.Seed,
	}); err != nil {
		return nil, err
	}
	m.W = m.variable(1)
	m.Reset(0)
	return m, nil
}

func (p *AdExIFParams) eqParams() []param {
	return []param{{"VRest", &p.VRest}, {"VT", &p.VT}, {"DeltaT", &p.DeltaT}, {"A", &p.A}, {"R", &p.R},
		{"Tau", &p.Tau}, {"TauW", &p.TauW}}
}

func (p *AdExIFParams) rhs(dst, diag, x, in []float64) {
	n := len(in)
	v, w := x[:n], x[n:]
	for i, vi := range v {
		e := math.Exp((vi - p.VT) / p.DeltaT)
		dst[i] = (p.VRest - vi + p.DeltaT*e - p.R*w[i] + p.R*in[i]) / p.Tau
		diag[i] = (e - 1) / p.Tau
		dst[n+i] = (p.A*(vi-p.VRest) - w[i]) / p.TauW
		diag[n+i] = -1 / p.TauW
	}
}

// Update advances the group by one step.
func (m *AdExIF) Update(ctx *bp.Context) {
	m.stepIF(ctx, m.Noise, m.TRef, m.VTh, m.VReset)
	addOnSpike(m.W, m.Spike, m.B)
}

// Reset restores the initial state; a non-zero seed re-seeds the group.
func (m *AdExIF) Reset(seed uint64) {
	m.restart(seed)
	m.V0.fill(m.V, m.rng)
	m.W0.fill(m.W, m.rng)
}

// addOnSpike adds b to x where the neuron spiked.
func addOnSpike(x []float64, spike []bool, b float64) {
	for i, s := range spike {
		if s {
			x[i] += b
		}
	}
}

// QuaIFParams are the parameters of a quadratic integrate-and-fire group;
// the zero value is BrainPy's QuaIF.
type QuaIFParams struct {
	VRest  float64 // resting potential (mV); default −65
	VReset float64 // reset potential (mV); default −68
	VTh    float64 // spike threshold (mV); default −30
	VC     float64 // critical voltage of spike initiation (mV); default −50
	C      float64 // coefficient of the quadratic term; default 0.07
	R      float64 // resistance; default 1
	Tau    float64 // membrane time constant (ms); default 10
	TRef   float64 // refractory period (ms); default 0
	V0     Initial // initial V; default At(VRest)
	Method string  // integrator; "" is exp_euler
	Noise  float64 // σ of additive noise on V
	Seed   uint64  // seed; 0 draws one from bm.Default
}

// QuaIF is a group of quadratic integrate-and-fire neurons (Latham et al.
// 2000): τ dV/dt = c(V − V_rest)(V − V_c) + R·I. Variables: V, t_last,
// Input.
type QuaIF struct {
	pointNeuron
	QuaIFParams
}

// NewQuaIF returns n QuaIF neurons.
func NewQuaIF(n int, p QuaIFParams) (*QuaIF, error) {
	p.VRest = orDefault(p.VRest, -65)
	p.VReset = orDefault(p.VReset, -68)
	p.VTh = orDefault(p.VTh, -30)
	p.VC = orDefault(p.VC, -50)
	p.C = orDefault(p.C, 0.07)
	p.R = orDefault(p.R, 1)
	p.Tau = orDefault(p.Tau, 10)
	p.V0 = p.V0.or(At(p.VRest))
	m := &QuaIF{QuaIFParams: p}
	if err := setup(&m.pointNeuron, &m.QuaIFParams, n, neuronSpec{
		model: "QuaIF", vars: []string{"V"},
		checked: []param{{"VReset", &p.VReset}, {"VTh", &p.VTh}}, positive: []string{"C", "Tau"},
		initials: map[string]Initial{"V0": p.V0},
		fire:     true, tRef: p.TRef, method: p.Method, noise: p.Noise, seed: p.Seed,
	}); err != nil {
		return nil, err
	}
	m.Reset(0)
	return m, nil
}

// quadratic writes c(V − V_rest)(V − V_c) and its derivative in V.
func quadratic(v, c, vRest, vC float64) (f, df float64) {
	return c * (v - vRest) * (v - vC), c * (2*v - vRest - vC)
}

func (p *QuaIFParams) eqParams() []param {
	return []param{{"VRest", &p.VRest}, {"VC", &p.VC}, {"C", &p.C}, {"R", &p.R}, {"Tau", &p.Tau}}
}

func (p *QuaIFParams) rhs(dst, diag, x, in []float64) {
	for i, v := range x[:len(in)] {
		q, dq := quadratic(v, p.C, p.VRest, p.VC)
		dst[i] = (q + p.R*in[i]) / p.Tau
		diag[i] = dq / p.Tau
	}
}

// Update advances the group by one step.
func (m *QuaIF) Update(ctx *bp.Context) {
	m.stepIF(ctx, m.Noise, m.TRef, m.VTh, m.VReset)
}

// Reset restores the initial state; a non-zero seed re-seeds the group.
func (m *QuaIF) Reset(seed uint64) {
	m.restart(seed)
	m.V0.fill(m.V, m.rng)
}

// AdQuaIFParams are the parameters of an adaptive quadratic
// integrate-and-fire group; the zero value is BrainPy's AdQuaIF.
type AdQuaIFParams struct {
	VRest  float64 // resting potential (mV); default −65
	VReset float64 // reset potential (mV); default −68
	VTh    float64 // spike threshold (mV); default −30
	VC     float64 // critical voltage of spike initiation (mV); default −50
	A      float64 // subthreshold adaptation; default 1
	B      float64 // spike-triggered adaptation increment; default 0.1
	C      float64 // coefficient of the quadratic term; default 0.07
	Tau    float64 // membrane time constant (ms); default 10
	TauW   float64 // adaptation time constant (ms); default 10
	TRef   float64 // refractory period (ms); default 0
	V0, W0 Initial // initial V (default At(VRest)) and w (default At(0))
	Method string  // integrator; "" is exp_euler
	Noise  float64 // σ of additive noise on V
	Seed   uint64  // seed; 0 draws one from bm.Default
}

// AdQuaIF is a group of adaptive quadratic integrate-and-fire neurons
// (Izhikevich 2004; Touboul 2008):
//
//	τ dV/dt = c(V − V_rest)(V − V_c) − w + I
//	τ_w dw/dt = a(V − V_rest) − w,  spike: V ← V_reset, w ← w + b.
//
// Variables: V, w, t_last, Input.
type AdQuaIF struct {
	pointNeuron
	AdQuaIFParams
	W []float64 // adaptation current
}

// NewAdQuaIF returns n AdQuaIF neurons.
func NewAdQuaIF(n int, p AdQuaIFParams) (*AdQuaIF, error) {
	p.VRest = orDefault(p.VRest, -65)
	p.VReset = orDefault(p.VReset, -68)
	p.VTh = orDefault(p.VTh, -30)
	p.VC = orDefault(p.VC, -50)
	p.A = orDefault(p.A, 1)
	p.B = orDefault(p.B, 0.1)
	p.C = orDefault(p.C, 0.07)
	p.Tau = orDefault(p.Tau, 10)
	p.TauW = orDefault(p.TauW, 10)
	p.V0 = p.V0.or(At(p.VRest))
	p.W0 = p.W0.or(At(0))
	m := &AdQuaIF{AdQuaIFParams: p}
	if err := setup(&m.pointNeuron, &m.AdQuaIFParams, n, neuronSpec{
		model: "AdQuaIF", vars: []string{"V", "w"},
		checked: []param{{"VReset", &p.VReset}, {"VTh", &p.VTh}, {"B", &p.B}}, positive: []string{"C", "Tau", "TauW"},
		initials: map[string]Initial{"V0": p.V0, "W0": p.W0},
		fire:     true, tRef: p.TRef, method: p.Method, noise: p.Noise, seed: p.Seed,
	}); err != nil {
		return nil, err
	}
	m.W = m.variable(1)
	m.Reset(0)
	return m, nil
}

func (p *AdQuaIFParams) eqParams() []param {
	return []param{{"VRest", &p.VRest}, {"VC", &p.VC}, {"A", &p.A}, {"C", &p.C}, {"Tau", &p.Tau}, {"TauW", &p.TauW}}
}

func (p *AdQuaIFParams) rhs(dst, diag, x, in []float64) {
	n := len(in)
	v, w := x[:n], x[n:]
	for i, vi := range v {
		q, dq := quadratic(vi, p.C, p.VRest, p.VC)
		dst[i] = (q - w[i] + in[i]) / p.Tau
		diag[i] = dq / p.Tau
		dst[n+i] = (p.A*(vi-p.VRest) - w[i]) / p.TauW
		diag[n+i] = -1 / p.TauW
	}
}

// Update advances the group by one step.
func (m *AdQuaIF) Update(ctx *bp.Context) {
	m.stepIF(ctx, m.Noise, m.TRef, m.VTh, m.VReset)
	addOnSpike(m.W, m.Spike, m.B)
}

// Reset restores the initial state; a non-zero seed re-seeds the group.
func (m *AdQuaIF) Reset(seed uint64) {
	m.restart(seed)
	m.V0.fill(m.V, m.rng)
	m.W0.fill(m.W, m.rng)
}

// GIFParams are the parameters of a generalized integrate-and-fire group;
// the zero value is BrainPy's Gif.
type GIFParams struct {
	VRest    float64 // resting potential (mV); default −70
	VReset   float64 // reset potential (mV); default −70
	VThInf   float64 // target of the threshold dynamics (mV); default −50
	VThReset float64 // lower bound of the threshold after a spike (mV); default −60
	R        float64 // resistance; default 20
	Tau      float64 // membrane time constant (ms); default 20
	A        float64 // dependence of the threshold on V; default 0
	B        float64 // rate of the threshold dynamics (1/ms); default 0.01
	K1, K2   float64 // decay rates of the internal currents (1/ms); default 0.2, 0.02
	R1, R2   float64 // fraction of I1, I2 kept at a spike; default 0, 1
	A1, A2   float64 // increments of I1, I2 at a spike; default 0, 0
	TRef     float64 // refractory period (ms); default 0
	V0       Initial // initial V; default At(−70)
	VTh0     Initial // initial threshold; default At(−50)
	Method   string  // integrator; "" is exp_euler
	Noise    float64 // σ of additive noise on V
	Seed     uint64  // seed; 0 draws one from bm.Default
}

// GIF is a group of generalized integrate-and-fire neurons (Mihalaş &
// Niebur 2009):
//
//	dI_j/dt = −k_j I_j
//	τ dV/dt = −(V − V_rest) + R(I + I_1 + I_2)
//	dV_th/dt = a(V − V_rest) − b(V_th − V_th∞)
//
// and at a spike (V ≥ V_th): I_j ← R_j I_j + A_j, V ← V_reset,
// V_th ← max(V_th_reset, V_th). Variables: V, I1, I2, V_th, t_last, Input.
type GIF struct {
	pointNeuron
	GIFParams
	I1, I2, VTh []float64 // internal currents and the moving threshold
}

// NewGIF returns n GIF neurons.
func NewGIF(n int, p GIFParams) (*GIF, error) {
	p.VRest = orDefault(p.VRest, -70)
	p.VReset = orDefault(p.VReset, -70)
	p.VThInf = orDefault(p.VThInf, -50)
	p.VThReset = orDefault(p.VThReset, -60)
	p.R = orDefault(p.R, 20)
	p.Tau = orDefault(p.Tau, 20)
	p.B = orDefault(p.B, 0.01)
	p.K1 = orDefault(p.K1, 0.2)
	p.K2 = orDefault(p.K2, 0.02)
	p.R2 = orDefault(p.R2, 1)
	p.V0 = p.V0.or(At(-70))
	p.VTh0 = p.VTh0.or(At(-50))
	m := &GIF{GIFParams: p}
	if err := setup(&m.pointNeuron, &m.GIFParams, n, neuronSpec{
		model: "GIF", vars: []string{"V", "I1", "I2", "V_th"},
		checked: []param{{"VReset", &p.VReset}, {"VThReset", &p.VThReset}, {"R1", &p.R1}, {"R2", &p.R2}, {"A1", &p.A1}, {"A2", &p.A2}}, positive: []string{"Tau"},
		initials: map[string]Initial{"V0": p.V0, "VTh0": p.VTh0},
		fire:     true, tRef: p.TRef, method: p.Method, noise: p.Noise, seed: p.Seed,
	}); err != nil {
		return nil, err
	}
	m.I1, m.I2, m.VTh = m.variable(1), m.variable(2), m.variable(3)
	m.Reset(0)
	return m, nil
}

func (p *GIFParams) eqParams() []param {
	return []param{{"VRest", &p.VRest}, {"VThInf", &p.VThInf}, {"R", &p.R}, {"Tau", &p.Tau}, {"A", &p.A},
		{"B", &p.B}, {"K1", &p.K1}, {"K2", &p.K2}}
}

func (p *GIFParams) rhs(dst, diag, x, in []float64) {
	n := len(in)
	v, i1, i2, vth := x[:n], x[n:2*n], x[2*n:3*n], x[3*n:]
	for i, vi := range v {
		dst[i] = (p.VRest - vi + p.R*(in[i]+i1[i]+i2[i])) / p.Tau
		diag[i] = -1 / p.Tau
		dst[n+i], diag[n+i] = -p.K1*i1[i], -p.K1
		dst[2*n+i], diag[2*n+i] = -p.K2*i2[i], -p.K2
		dst[3*n+i] = p.A*(vi-p.VRest) - p.B*(vth[i]-p.VThInf)
		diag[3*n+i] = -p.B
	}
}

// Update advances the group by one step.
func (m *GIF) Update(ctx *bp.Context) {
	m.integrate(ctx, m.Noise)
	m.holdRefractory(ctx, m.TRef)
	for i, v := range m.V {
		s := v >= m.VTh[i]
		m.Spike[i] = s
		if s {
			m.V[i] = m.VReset
			m.I1[i] = m.R1*m.I1[i] + m.A1
			m.I2[i] = m.R2*m.I2[i] + m.A2
			m.VTh[i] = max(m.VThReset, m.VTh[i])
			m.tLast[i] = ctx.T
		}
	}
}

// Reset restores the initial state; a non-zero seed re-seeds the group.
func (m *GIF) Reset(seed uint64) {
	m.restart(seed)
	m.V0.fill(m.V, m.rng)
	clear(m.I1)
	clear(m.I2)
	m.VTh0.fill(m.VTh, m.rng)
}

// IzhikevichParams are the parameters of an Izhikevich group; the zero
// value is BrainPy's Izhikevich (regular spiking).
type IzhikevichParams struct {
	A    float64 // time scale of u; default 0.02
	B    float64 // sensitivity of u to V; default 0.2
	C    float64 // reset of V (mV); default −65
	D    float64 // increment of u at a spike; default 8
	VTh  float64 // spike cut-off (mV); default 30
	TRef float64 // refractory period (ms); default 0
	// V0 is the initial V (default At(−70)); U0 the initial u (default
	// b·V0 in each neuron, as BrainPy).
	V0, U0 Initial
	Method string  // integrator; "" is exp_euler
	Noise  float64 // σ of additive noise on V
	Seed   uint64  // seed; 0 draws one from bm.Default
}

// Izhikevich is a group of Izhikevich (2003) neurons:
//
//	dV/dt = 0.04V² + 5V + 140 − u + I,  du/dt = a(bV − u),
//	V ≥ V_th → V ← c, u ← u + d.
//
// Variables: V, u, t_last, Input.
type Izhikevich struct {
	pointNeuron
	IzhikevichParams
	U []float64 // recovery variable
}

// NewIzhikevich returns n Izhikevich neurons.
func NewIzhikevich(n int, p IzhikevichParams) (*Izhikevich, error) {
	p.A = orDefault(p.A, 0.02)
	p.B = orDefault(p.B, 0.2)
	p.C = orDefault(p.C, -65)
	p.D = orDefault(p.D, 8)
	p.VTh = orDefault(p.VTh, 30)
	p.V0 = p.V0.or(At(-70))
	m := &Izhikevich{IzhikevichParams: p}
	if err := setup(&m.pointNeuron, &m.IzhikevichParams, n, neuronSpec{
		model: "Izhikevich", vars: []string{"V", "u"},
		checked:  []param{{"C", &p.C}, {"D", &p.D}, {"VTh", &p.VTh}},
		initials: map[string]Initial{"V0": p.V0, "U0": p.U0},
		fire:     true, tRef: p.TRef, method: p.Method, noise: p.Noise, seed: p.Seed,
	}); err != nil {
		return nil, err
	}
	m.U = m.variable(1)
	m.Reset(0)
	return m, nil
}

func (p *IzhikevichParams) eqParams() []param { return []param{{"A", &p.A}, {"B", &p.B}} }

func (p *IzhikevichParams) rhs(dst, diag, x, in []float64) {
	n := len(in)
	v, u := x[:n], x[n:]
	for i, vi := range v {
		dst[i] = 0.04*vi*vi + 5*vi + 140 - u[i] + in[i]
		diag[i] = 0.08*vi + 5
		dst[n+i] = p.A * (p.B*vi - u[i])
		diag[n+i] = -p.A
	}
}

// Update advances the group by one step.
func (m *Izhikevich) Update(ctx *bp.Context) {
	m.stepIF(ctx, m.Noise, m.TRef, m.VTh, m.C)
	addOnSpike(m.U, m.Spike, m.D)
}

// Reset restores the initial state; a non-zero seed re-seeds the group.
func (m *Izhikevich) Reset(seed uint64) {
	m.restart(seed)
	m.V0.fill(m.V, m.rng)
	if m.U0.IsSet() {
		m.U0.fill(m.U, m.rng)
		return
	}
	for i, v := range m.V {
		m.U[i] = m.B * v
	}
}
