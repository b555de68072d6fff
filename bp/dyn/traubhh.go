package dyn

import (
	"fmt"
	"math"
	"strings"

	"github.com/braingo/braingo/bp"
	bm "github.com/braingo/braingo/bp/math"
)

// TraubHHParams are the parameters of a [TraubHH] group. The zero value is
// the neuron of Brette et al. (2007) benchmark 3 (COBAHH), a 20 000 µm²
// patch: units are mV, ms, nS, pF and pA (nS·mV = pA, pA/pF = mV/ms).
type TraubHHParams struct {
	EL, GL   float64 // leak reversal (mV) and conductance (nS); default −60, 10
	ENa, GNa float64 // sodium reversal and maximal conductance; default 50, 20 000
	EK, GK   float64 // potassium (delayed rectifier) reversal and conductance; default −90, 6 000
	C        float64 // capacitance (pF); default 200
	VT       float64 // shift of the rate functions (mV); default −63
	VTh      float64 // spike detection threshold (mV), crossed upwards; default −20
	// V0, M0, H0, N0 are the initial values; defaults At(EL) and gates at 0
	// (as the Brian2 and BrainPy COBAHH scripts start them).
	V0, M0, H0, N0 Initial
	// Method is the integrator: "" or "exp_euler" is the exponential Euler
	// step of Brian2 and BrainPy (each variable relaxes exactly with the
	// others held), done in one fused, allocation-free loop; any other
	// bp/integrate method steps the packed state.
	Method string
	Noise  float64 // σ of additive noise on V (mV/√ms)
	Seed   uint64  // seed of the group's generator; 0 draws one from bm.Default
}

// TraubHH is a group of Hodgkin–Huxley neurons with the Traub & Miles
// (1991) rate functions, the COBAHH neuron of Brette et al. (2007):
//
//	C dV/dt = g_L(E_L − V) − g_Na m³h(V − E_Na) − g_K n⁴(V − E_K) + I
//	dx/dt = α_x(V)(1 − x) − β_x(V)x,  x ∈ {m, h, n},
//
// with u = V − VT and
//
//	α_m = 0.32(13 − u)/(e^{(13−u)/4} − 1),  β_m = 0.28(u − 40)/(e^{(u−40)/5} − 1),
//	α_h = 0.128 e^{(17−u)/18},             β_h = 4/(1 + e^{(40−u)/5}),
//	α_n = 0.032(15 − u)/(e^{(15−u)/5} − 1), β_n = 0.5 e^{(10−u)/40}.
//
// The rates of the form y/(e^y − 1) are evaluated with [bm.Exprel], so
// they are finite at their removable singularities. A spike is an upward
// crossing of VTh within a step; there is no reset. Variables: V, m, h, n,
// Input.
type TraubHH struct {
	pointNeuron
	TraubHHParams
	M, H, N []float64 // gates
	exact   bool      // the fused exponential-Euler loop
}

// NewTraubHH returns n Traub–Miles HH neurons with parameters p (zero
// fields take the COBAHH defaults).
func NewTraubHH(n int, p TraubHHParams) (*TraubHH, error) {
	p.EL = orDefault(p.EL, -60)
	p.GL = orDefault(p.GL, 10)
	p.ENa = orDefault(p.ENa, 50)
	p.GNa = orDefault(p.GNa, 20000)
	p.EK = orDefault(p.EK, -90)
	p.GK = orDefault(p.GK, 6000)
	p.C = orDefault(p.C, 200)
	p.VT = orDefault(p.VT, -63)
	p.VTh = orDefault(p.VTh, -20)
	p.V0 = p.V0.or(At(p.EL))
	p.M0, p.H0, p.N0 = p.M0.or(At(0)), p.H0.or(At(0)), p.N0.or(At(0))
	// GL > 0 keeps the total conductance of the V update positive.
	if err := checkParams("TraubHH", map[string]float64{"EL": p.EL, "GL": p.GL, "ENa": p.ENa, "GNa": p.GNa,
		"EK": p.EK, "GK": p.GK, "C": p.C, "VT": p.VT, "VTh": p.VTh}, "C", "GL"); err != nil {
		return nil, err
	}
	if p.GNa < 0 || p.GK < 0 {
		return nil, fmt.Errorf("%w: TraubHH GNa = %v, GK = %v nS, want conductances >= 0", ErrNeuron, p.GNa, p.GK)
	}
	if err := checkInitials(map[string]Initial{"V0": p.V0, "M0": p.M0, "H0": p.H0, "N0": p.N0}); err != nil {
		return nil, err
	}
	m := &TraubHH{TraubHHParams: p}
	switch strings.ToLower(p.Method) {
	case "", "exp_euler", "exponential_euler", "exp_auto", "exp_euler_auto":
		m.exact = true
	}
	if err := m.init("TraubHH", n, []string{"V", "m", "h", "n"}, p.Method, p.Noise, p.Seed, m.derivative); err != nil {
		return nil, err
	}
	m.M, m.H, m.N = m.variable(1), m.variable(2), m.variable(3)
	m.Reset(0)
	return m, nil
}

// traubRates returns the Traub–Miles rates (1/ms) at u = V − VT.
func traubRates(u float64) (aM, bM, aH, bH, aN, bN float64) {
	aM = 1.28 * bm.Exprel((13-u)/4) // 0.32(13−u)/(e^{(13−u)/4} − 1)
	bM = 1.4 * bm.Exprel((u-40)/5)  // 0.28(u−40)/(e^{(u−40)/5} − 1)
	aH = 0.128 * math.Exp((17-u)/18)
	bH = 4 / (1 + math.Exp((40-u)/5))
	aN = 0.16 * bm.Exprel((15-u)/5) // 0.032(15−u)/(e^{(15−u)/5} − 1)
	bN = 0.5 * math.Exp((10-u)/40)
	return
}

func (m *TraubHH) derivative(dst, diag []float64, _ float64, x []float64) {
	n := len(m.V)
	v, gm, gh, gn := x[:n], x[n:2*n], x[2*n:3*n], x[3*n:]
	for i, vi := range v {
		aM, bM, aH, bH, aN, bN := traubRates(vi - m.VT)
		mi, hi, ni := gm[i], gh[i], gn[i]
		gNa := m.GNa * mi * mi * mi * hi
		n2 := ni * ni
		gK := m.GK * n2 * n2
		dst[i] = (m.GL*(m.EL-vi) - gNa*(vi-m.ENa) - gK*(vi-m.EK) + m.cur[i]) / m.C
		diag[i] = -(gNa + gK + m.GL) / m.C
		dst[n+i], diag[n+i] = gate(mi, aM, bM)
		dst[2*n+i], diag[2*n+i] = gate(hi, aH, bH)
		dst[3*n+i], diag[3*n+i] = gate(ni, aN, bN)
	}
}

// relax returns the exact value after dt of x′ = a − b·x (b > 0) from x:
// x∞ + (x − x∞)e^{−b·dt}, x∞ = a/b.
func relax(x, a, b, dt float64) float64 {
	inf := a / b
	return inf + (x-inf)*math.Exp(-b*dt)
}

// Update advances the group by one step.
func (m *TraubHH) Update(ctx *bp.Context) {
	if !m.exact {
		m.integrate(ctx, m.Noise)
		m.detectCrossing(m.VTh)
		return
	}
	// Exponential Euler, every variable from the values at the start of
	// the step: a gate relaxes towards α/(α+β) at rate α+β, V towards the
	// conductance-weighted mean of the reversal potentials (plus I/g) at
	// rate g/C. Both rates are positive (α, β > 0; g ≥ g_L > 0).
	in := m.Current()
	dt := ctx.DT
	sigma := m.Noise * math.Sqrt(dt)
	eL, gL, eNa, gNa, eK, gK, c, vt, vTh := m.EL, m.GL, m.ENa, m.GNa, m.EK, m.GK, m.C, m.VT, m.VTh
	v := m.V
	n := len(v)
	gm, gh, gn, spike, in := m.M[:n], m.H[:n], m.N[:n], m.Spike[:n], in[:n]
	for i, vi := range v {
		aM, bM, aH, bH, aN, bN := traubRates(vi - vt)
		mi, hi, ni := gm[i], gh[i], gn[i]
		gNai := gNa * mi * mi * mi * hi
		n2 := ni * ni
		gKi := gK * n2 * n2
		g := gL + gNai + gKi
		vNew := relax(vi, (gL*eL+gNai*eNa+gKi*eK+in[i])/c, g/c, dt)
		if sigma != 0 {
			vNew += sigma * m.rng.Normal(0, 1)
		}
		gm[i] = relax(mi, aM, aM+bM, dt)
		gh[i] = relax(hi, aH, aH+bH, dt)
		gn[i] = relax(ni, aN, aN+bN, dt)
		spike[i] = vi < vTh && vNew >= vTh
		v[i] = vNew
	}
}

// Reset restores the initial state; a non-zero seed re-seeds the group.
func (m *TraubHH) Reset(seed uint64) {
	m.restart(seed)
	m.V0.fill(m.V, m.rng)
	m.M0.fill(m.M, m.rng)
	m.H0.fill(m.H, m.rng)
	m.N0.fill(m.N, m.rng)
}
