package dyn

import (
	"math"

	"github.com/braingo/braingo/bp"
	bm "github.com/braingo/braingo/bp/math"
)

// The conductance-based point neurons. They have no reset: a spike is an
// upward crossing of V_th during a step (BrainPy's rule). Their exp_euler
// step linearises each variable against itself, as BrainPy's exp_auto: a
// gate x′ = α(1 − x) − βx relaxes exactly with the rates held, V with the
// total conductance held.

// hhNa and hhK supply the unshifted Hodgkin–Huxley (1952) rate functions of
// the sodium and potassium channels, which the HH neuron shares.
var (
	hhNa = &INaHH1952{}
	hhK  = &IKHH1952{}
)

// HHParams are the parameters of a Hodgkin–Huxley group; the zero value is
// BrainPy's HH. Note its leak conductance, 0.03 mS/cm², a tenth of the
// textbook 0.3: the rest is −70.7 mV instead of −65 and the neuron fires
// repetitively from I ≈ 3.4 µA/cm² instead of ≈ 6.3 (numbers.md 3.1).
type HHParams struct {
	ENa, GNa float64 // sodium reversal (mV) and maximal conductance (mS/cm²); default 50, 120
	EK, GK   float64 // potassium reversal and conductance; default −77, 36
	EL, GL   float64 // leak reversal and conductance; default −54.387, 0.03
	C        float64 // membrane capacitance (µF/cm²); default 1
	VTh      float64 // spike detection threshold (mV); default 20
	// V0 is the initial V (default Between(−70, −60), BrainPy's); the gates
	// start at their steady state at V0 unless M0, H0, N0 are set.
	V0, M0, H0, N0 Initial
	Method         string  // integrator; "" is exp_euler
	Noise          float64 // σ of additive noise on V
	Seed           uint64  // seed; 0 draws one from bm.Default
}

// HH is a group of Hodgkin–Huxley (1952) neurons,
//
//	C dV/dt = −g_Na m³h(V − E_Na) − g_K n⁴(V − E_K) − g_L(V − E_L) + I
//	dx/dt = α_x(V)(1 − x) − β_x(V)x,  x ∈ {m, h, n},
//
// with the rates in the V_rest ≈ −65 mV convention. Variables: V, m, h, n,
// Input.
type HH struct {
	pointNeuron
	HHParams
	M, H, N []float64 // gates
}

// NewHH returns n HH neurons.
func NewHH(n int, p HHParams) (*HH, error) {
	p.ENa = orDefault(p.ENa, 50)
	p.GNa = orDefault(p.GNa, 120)
	p.EK = orDefault(p.EK, -77)
	p.GK = orDefault(p.GK, 36)
	p.EL = orDefault(p.EL, -54.387)
	p.GL = orDefault(p.GL, 0.03)
	p.C = orDefault(p.C, 1)
	p.VTh = orDefault(p.VTh, 20)
	p.V0 = p.V0.or(Between(-70, -60))
	m := &HH{HHParams: p}
	if err := setup(&m.pointNeuron, &m.HHParams, n, neuronSpec{
		model: "HH", vars: []string{"V", "m", "h", "n"},
		checked: []param{{"VTh", &p.VTh}}, positive: []string{"C"},
		initials: map[string]Initial{"V0": p.V0, "M0": p.M0, "H0": p.H0, "N0": p.N0},
		method:   p.Method, noise: p.Noise, seed: p.Seed,
	}); err != nil {
		return nil, err
	}
	m.M, m.H, m.N = m.variable(1), m.variable(2), m.variable(3)
	m.Reset(0)
	return m, nil
}

func (p *HHParams) eqParams() []param {
	return []param{{"ENa", &p.ENa}, {"GNa", &p.GNa}, {"EK", &p.EK}, {"GK", &p.GK}, {"EL", &p.EL}, {"GL", &p.GL}, {"C", &p.C}}
}

func (p *HHParams) rhs(dst, diag, x, in []float64) {
	n := len(in)
	v, gm, gh, gn := x[:n], x[n:2*n], x[2*n:3*n], x[3*n:]
	for i, vi := range v {
		aM, bM, aH, bH := hhNa.rates(vi)
		aN, bN := hhK.rates(vi)
		mi, hi, ni := gm[i], gh[i], gn[i]
		gNa := p.GNa * mi * mi * mi * hi
		n2 := ni * ni
		gK := p.GK * n2 * n2
		dst[i] = (-gNa*(vi-p.ENa) - gK*(vi-p.EK) - p.GL*(vi-p.EL) + in[i]) / p.C
		diag[i] = -(gNa + gK + p.GL) / p.C
		dst[n+i], diag[n+i] = gate(mi, aM, bM)
		dst[2*n+i], diag[2*n+i] = gate(hi, aH, bH)
		dst[3*n+i], diag[3*n+i] = gate(ni, aN, bN)
	}
}

// gate returns the derivative of a gate x′ = α(1 − x) − βx and its
// derivative in x.
func gate(x, alpha, beta float64) (f, df float64) {
	return alpha*(1-x) - beta*x, -(alpha + beta)
}

// Update advances the group by one step.
func (m *HH) Update(ctx *bp.Context) {
	m.integrate(ctx, m.Noise)
	m.detectCrossing(m.VTh)
}

// Reset restores the initial state; a non-zero seed re-seeds the group.
func (m *HH) Reset(seed uint64) {
	m.restart(seed)
	m.V0.fill(m.V, m.rng)
	for i, v := range m.V {
		aM, bM, aH, bH := hhNa.rates(v)
		aN, bN := hhK.rates(v)
		m.M[i], m.H[i], m.N[i] = aM/(aM+bM), aH/(aH+bH), aN/(aN+bN)
	}
	fillIfSet(m.M, m.M0, m.rng)
	fillIfSet(m.H, m.H0, m.rng)
	fillIfSet(m.N, m.N0, m.rng)
}

// fillIfSet fills dst from in when in was given.
func fillIfSet(dst []float64, in Initial, rng *bm.RNG) {
	if in.IsSet() {
		in.fill(dst, rng)
	}
}

// MorrisLecarParams are the parameters of a Morris–Lecar group; the zero
// value is BrainPy's MorrisLecar.
type MorrisLecarParams struct {
	VCa, GCa     float64 // calcium reversal (mV) and conductance (mS/cm²); default 130, 4.4
	VK, GK       float64 // potassium reversal and conductance; default −84, 8
	VLeak, GLeak float64 // leak reversal and conductance; default −60, 2
	C            float64 // capacitance (µF/cm²); default 20
	V1, V2       float64 // midpoint and slope of M∞ (mV); default −1.2, 18
	V3, V4       float64 // midpoint and slope of W∞ (mV); default 2, 30
	Phi          float64 // rate factor of W; default 0.04
	VTh          float64 // spike detection threshold (mV); default 10
	V0, W0       Initial // initial V (default Between(−70, −60)) and W (default At(0.02))
	Method       string  // integrator; "" is exp_euler
	Noise        float64 // σ of additive noise on V
	Seed         uint64  // seed; 0 draws one from bm.Default
}

// MorrisLecar is a group of Morris–Lecar (1981) neurons:
//
//	C dV/dt = −g_Ca M∞(V)(V − V_Ca) − g_K W(V − V_K) − g_L(V − V_L) + I
//	dW/dt = (W∞(V) − W)/τ_W(V),
//
// M∞ = ½(1 + tanh((V − V1)/V2)), W∞ = ½(1 + tanh((V − V3)/V4)),
// τ_W = 1/(φ cosh((V − V3)/(2V4))). Variables: V, W, Input.
type MorrisLecar struct {
	pointNeuron
	MorrisLecarParams
	W []float64 // potassium activation
}

// NewMorrisLecar returns n Morris–Lecar neurons.
func NewMorrisLecar(n int, p MorrisLecarParams) (*MorrisLecar, error) {
	p.VCa = orDefault(p.VCa, 130)
	p.GCa = orDefault(p.GCa, 4.4)
	p.VK = orDefault(p.VK, -84)
	p.GK = orDefault(p.GK, 8)
	p.VLeak = orDefault(p.VLeak, -60)
	p.GLeak = orDefault(p.GLeak, 2)
	p.C = orDefault(p.C, 20)
	p.V1 = orDefault(p.V1, -1.2)
	p.V2 = orDefault(p.V2, 18)
	p.V3 = orDefault(p.V3, 2)
	p.V4 = orDefault(p.V4, 30)
	p.Phi = orDefault(p.Phi, 0.04)
	p.VTh = orDefault(p.VTh, 10)
	p.V0 = p.V0.or(Between(-70, -60))
	p.W0 = p.W0.or(At(0.02))
	m := &MorrisLecar{MorrisLecarParams: p}
	if err := setup(&m.pointNeuron, &m.MorrisLecarParams, n, neuronSpec{
		model: "MorrisLecar", vars: []string{"V", "W"},
		checked: []param{{"VTh", &p.VTh}}, positive: []string{"C", "V2", "V4", "Phi"},
		initials: map[string]Initial{"V0": p.V0, "W0": p.W0},
		method:   p.Method, noise: p.Noise, seed: p.Seed,
	}); err != nil {
		return nil, err
	}
	m.W = m.variable(1)
	m.Reset(0)
	return m, nil
}

func (p *MorrisLecarParams) eqParams() []param {
	return []param{{"VCa", &p.VCa}, {"GCa", &p.GCa}, {"VK", &p.VK}, {"GK", &p.GK}, {"VLeak", &p.VLeak},
		{"GLeak", &p.GLeak}, {"C", &p.C}, {"V1", &p.V1}, {"V2", &p.V2}, {"V3", &p.V3}, {"V4", &p.V4}, {"Phi", &p.Phi}}
}

func (p *MorrisLecarParams) rhs(dst, diag, x, in []float64) {
	n := len(in)
	v, w := x[:n], x[n:]
	for i, vi := range v {
		th := math.Tanh((vi - p.V1) / p.V2)
		mInf := 0.5 * (1 + th)
		dmInf := 0.5 * (1 - th*th) / p.V2
		dst[i] = (-p.GCa*mInf*(vi-p.VCa) - p.GK*w[i]*(vi-p.VK) - p.GLeak*(vi-p.VLeak) + in[i]) / p.C
		diag[i] = -(p.GCa*(dmInf*(vi-p.VCa)+mInf) + p.GK*w[i] + p.GLeak) / p.C
		rate := p.Phi * math.Cosh((vi-p.V3)/(2*p.V4)) // 1/τ_W
		wInf := 0.5 * (1 + math.Tanh((vi-p.V3)/p.V4))
		dst[n+i] = (wInf - w[i]) * rate
		diag[n+i] = -rate
	}
}

// Update advances the group by one step.
func (m *MorrisLecar) Update(ctx *bp.Context) {
	m.integrate(ctx, m.Noise)
	m.detectCrossing(m.VTh)
}

// Reset restores the initial state; a non-zero seed re-seeds the group.
func (m *MorrisLecar) Reset(seed uint64) {
	m.restart(seed)
	m.V0.fill(m.V, m.rng)
	m.W0.fill(m.W, m.rng)
}

// WangBuzsakiParams are the parameters of a Wang–Buzsáki group; the zero
// value is BrainPy's WangBuzsakiHH.
type WangBuzsakiParams struct {
	ENa, GNa float64 // sodium reversal (mV) and conductance (mS/cm²); default 55, 35
	EK, GK   float64 // potassium reversal and conductance; default −90, 9
	EL, GL   float64 // leak reversal and conductance; default −65, 0.1
	Phi      float64 // temperature factor of h and n; default 5
	C        float64 // capacitance (µF/cm²); default 1
	VTh      float64 // spike detection threshold (mV); default 20
	// Initial V, h, n; default At(−65), At(0.6), At(0.32).
	V0, H0, N0 Initial
	Method     string  // integrator; "" is exp_euler
	Noise      float64 // σ of additive noise on V
	Seed       uint64  // seed; 0 draws one from bm.Default
}

// WangBuzsaki is a group of Wang–Buzsáki (1996) interneurons, an HH model
// with instantaneous sodium activation m∞(V) and gates h, n sped up by φ.
// Its exp_euler step holds m∞ in the linearisation of V. Variables: V, h,
// n, Input.
type WangBuzsaki struct {
	pointNeuron
	WangBuzsakiParams
	H, N []float64 // gates
}

// NewWangBuzsaki returns n Wang–Buzsáki neurons.
func NewWangBuzsaki(n int, p WangBuzsakiParams) (*WangBuzsaki, error) {
	p.ENa = orDefault(p.ENa, 55)
	p.GNa = orDefault(p.GNa, 35)
	p.EK = orDefault(p.EK, -90)
	p.GK = orDefault(p.GK, 9)
	p.EL = orDefault(p.EL, -65)
	p.GL = orDefault(p.GL, 0.1)
	p.Phi = orDefault(p.Phi, 5)
	p.C = orDefault(p.C, 1)
	p.VTh = orDefault(p.VTh, 20)
	p.V0 = p.V0.or(At(-65))
	p.H0 = p.H0.or(At(0.6))
	p.N0 = p.N0.or(At(0.32))
	m := &WangBuzsaki{WangBuzsakiParams: p}
	if err := setup(&m.pointNeuron, &m.WangBuzsakiParams, n, neuronSpec{
		model: "WangBuzsaki", vars: []string{"V", "h", "n"},
		checked: []param{{"VTh", &p.VTh}}, positive: []string{"C", "Phi"},
		initials: map[string]Initial{"V0": p.V0, "H0": p.H0, "N0": p.N0},
		method:   p.Method, noise: p.Noise, seed: p.Seed,
	}); err != nil {
		return nil, err
	}
	m.H, m.N = m.variable(1), m.variable(2)
	m.Reset(0)
	return m, nil
}

// wbRates returns the Wang–Buzsáki m∞ and the rates of h and n at v.
func wbRates(v float64) (mInf, aH, bH, aN, bN float64) {
	aM := bm.Exprel(-0.1 * (v + 35)) // 0.1(V+35)/(1 − e^{−0.1(V+35)})
	bM := 4 * math.Exp(-(v+60)/18)
	aH = 0.07 * math.Exp(-(v+58)/20)
	bH = 1 / (math.Exp(-0.1*(v+28)) + 1)
	aN = 0.1 * bm.Exprel(-0.1*(v+34)) // 0.01(V+34)/(1 − e^{−0.1(V+34)})
	bN = 0.125 * math.Exp(-(v+44)/80)
	return aM / (aM + bM), aH, bH, aN, bN
}

func (p *WangBuzsakiParams) eqParams() []param {
	return []param{{"ENa", &p.ENa}, {"GNa", &p.GNa}, {"EK", &p.EK}, {"GK", &p.GK}, {"EL", &p.EL}, {"GL", &p.GL},
		{"Phi", &p.Phi}, {"C", &p.C}}
}

func (p *WangBuzsakiParams) rhs(dst, diag, x, in []float64) {
	n := len(in)
	v, gh, gn := x[:n], x[n:2*n], x[2*n:]
	for i, vi := range v {
		mInf, aH, bH, aN, bN := wbRates(vi)
		gNa := p.GNa * mInf * mInf * mInf * gh[i]
		n2 := gn[i] * gn[i]
		gK := p.GK * n2 * n2
		dst[i] = (-gNa*(vi-p.ENa) - gK*(vi-p.EK) - p.GL*(vi-p.EL) + in[i]) / p.C
		diag[i] = -(gNa + gK + p.GL) / p.C
		f, df := gate(gh[i], aH, bH)
		dst[n+i], diag[n+i] = p.Phi*f, p.Phi*df
		f, df = gate(gn[i], aN, bN)
		dst[2*n+i], diag[2*n+i] = p.Phi*f, p.Phi*df
	}
}

// Update advances the group by one step.
func (m *WangBuzsaki) Update(ctx *bp.Context) {
	m.integrate(ctx, m.Noise)
	m.detectCrossing(m.VTh)
}

// Reset restores the initial state; a non-zero seed re-seeds the group.
func (m *WangBuzsaki) Reset(seed uint64) {
	m.restart(seed)
	m.V0.fill(m.V, m.rng)
	m.H0.fill(m.H, m.rng)
	m.N0.fill(m.N, m.rng)
}
