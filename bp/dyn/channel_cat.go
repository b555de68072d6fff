package dyn

import (
	"fmt"
	"math"

	"github.com/braingo/braingo/bp"
	bm "github.com/braingo/braingo/bp/math"
)

// ICaTParams are the parameters of the T-type calcium channel. Zero
// fields take the defaults beside them; to use a zero shift, set VShift on
// the channel after construction.
type ICaTParams struct {
	GMax        float64 // maximal conductance (mS/cm²); default 2
	VShift      float64 // shift of the gating curves (mV); default −3
	Temperature float64 // temperature (°C); default 36
}

// ICaTHM1992 is the low-threshold (T-type) calcium channel of thalamic
// relay neurons (Huguenard & McCormick 1992; BrainPy's ICaT_HM1992),
// I = g_max·p²q·(E_Ca − V) with E_Ca read from its calcium pool:
//
//	p_∞ = 1/(1+e^{−(V+59−V_sh)/6.2})
//	τ_p = 1/(e^{−(V+132−V_sh)/16.7} + e^{(V+16.8−V_sh)/18.2}) + 0.612
//	q_∞ = 1/(1+e^{(V+83−V_sh)/4})
//	τ_q = e^{(V+467−V_sh)/66.6} if V < V_sh − 80, else e^{−(V+22−V_sh)/10.5} + 28
//
// with the time constants divided by the temperature factors
// 3.55^((T−24)/10) for p and 3^((T−24)/10) for q.
type ICaTHM1992 struct {
	P, Q       []float64 // activation and inactivation gates
	GMax       float64   // maximal conductance (mS/cm²)
	VShift     float64   // shift of the gating curves (mV)
	PhiP, PhiQ float64   // temperature factors of the p and q rates
	Ca         *Calcium  // the pool whose reversal the current uses
}

// NewICaTHM1992 returns a T-type calcium channel on the pool ca (which
// sets its size), gates at steady state at −65 mV until the neuron group
// resets them. Its current drives ca.
func NewICaTHM1992(ca *Calcium, s ICaTParams) (*ICaTHM1992, error) {
	if ca == nil {
		return nil, fmt.Errorf("%w: ICaTHM1992 needs a calcium pool", ErrChannel)
	}
	if s.GMax < 0 {
		return nil, fmt.Errorf("%w: ICaTHM1992 GMax %g must not be negative", ErrChannel, s.GMax)
	}
	t := chanDefault(s.Temperature, 36)
	n := ca.Size()
	c := &ICaTHM1992{
		P: make([]float64, n), Q: make([]float64, n),
		GMax: chanDefault(s.GMax, 2), VShift: chanDefault(s.VShift, -3),
		PhiP: math.Pow(3.55, (t-24)/10), PhiQ: math.Pow(3, (t-24)/10),
		Ca: ca,
	}
	c.ResetState(constSlice(n, -65))
	ca.attach(c)
	return c, nil
}

// Steady returns the steady states and time constants (ms, temperature
// factors applied) of p and q at membrane potential v.
func (c *ICaTHM1992) Steady(v float64) (pInf, tauP, qInf, tauQ float64) {
	v -= c.VShift
	pInf = bm.Sigmoid((v + 59) / 6.2)
	tauP = (1/(math.Exp(-(v+132)/16.7)+math.Exp((v+16.8)/18.2)) + 0.612) / c.PhiP
	qInf = bm.Sigmoid(-(v + 83) / 4)
	if v < -80 {
		tauQ = math.Exp((v + 467) / 66.6)
	} else {
		tauQ = math.Exp(-(v+22)/10.5) + 28
	}
	return pInf, tauP, qInf, tauQ / c.PhiQ
}

// Size returns the number of neurons.
func (c *ICaTHM1992) Size() int { return len(c.P) }

// usesIon reports the pool the channel reads, so a neuron group can check
// that the pool is one of its parts.
func (c *ICaTHM1992) usesIon() Ion { return c.Ca }

// Vars returns the gates as "ICaT.p" and "ICaT.q".
func (c *ICaTHM1992) Vars() []bp.Var {
	return []bp.Var{{Name: "ICaT.p", Data: c.P}, {Name: "ICaT.q", Data: c.Q}}
}

// AddConductance adds g_max·p²q and its product with E_Ca.
func (c *ICaTHM1992) AddConductance(g, ge, _ []float64) {
	g, ge, e := g[:len(c.P)], ge[:len(c.P)], c.Ca.E[:len(c.P)]
	for i, p := range c.P {
		gi := c.GMax * p * p * c.Q[i]
		g[i] += gi
		ge[i] += gi * e[i]
	}
}

// Advance integrates p and q exactly with V held.
func (c *ICaTHM1992) Advance(v []float64, dt float64) {
	for i, vi := range v[:len(c.P)] {
		pInf, tauP, qInf, tauQ := c.Steady(vi)
		c.P[i] = gateRelax(c.P[i], pInf, tauP, dt)
		c.Q[i] = gateRelax(c.Q[i], qInf, tauQ, dt)
	}
}

// ResetState sets p and q to their steady states at v.
func (c *ICaTHM1992) ResetState(v []float64) {
	for i, vi := range v[:len(c.P)] {
		c.P[i], _, c.Q[i], _ = c.Steady(vi)
	}
}

// IAHPParams are the parameters of the calcium-activated potassium
// channel. Zero fields take BrainPy's defaults beside them.
type IAHPParams struct {
	GMax  float64 // maximal conductance (mS/cm²); default 10
	E     float64 // reversal potential (mV); default −80
	Alpha float64 // calcium binding rate (1/(ms·mMⁿ)); default 48
	Beta  float64 // unbinding rate (1/ms); default 0.09
	N     float64 // calcium exponent; default 2
	Phi   float64 // rate factor; default 1
}

// IAHPDe1994 is the calcium-activated potassium channel of the slow
// after-hyperpolarisation (Destexhe et al. 1994; BrainPy's IAHP_De1994),
// I = g_max·p·(E − V) with
//
//	dp/dt = φ·(αCⁿ(1 − p) − βp)
//
// where C is the intracellular calcium concentration of its pool.
type IAHPDe1994 struct {
	P  []float64 // activation gate
	Ca *Calcium  // the pool whose concentration gates the channel
	IAHPParams
}

// NewIAHPDe1994 returns a calcium-activated potassium channel gated by the
// pool ca (which sets its size), gate at steady state for the pool's
// concentration until the neuron group resets it.
func NewIAHPDe1994(ca *Calcium, s IAHPParams) (*IAHPDe1994, error) {
	if ca == nil {
		return nil, fmt.Errorf("%w: IAHPDe1994 needs a calcium pool", ErrChannel)
	}
	if s.GMax < 0 || s.Alpha < 0 || s.Beta < 0 || s.Phi < 0 {
		return nil, fmt.Errorf("%w: IAHPDe1994 GMax, Alpha, Beta and Phi must not be negative (got %+v)", ErrChannel, s)
	}
	c := &IAHPDe1994{P: make([]float64, ca.Size()), Ca: ca, IAHPParams: IAHPParams{
		GMax: chanDefault(s.GMax, 10), E: chanDefault(s.E, -80), Alpha: chanDefault(s.Alpha, 48),
		Beta: chanDefault(s.Beta, 0.09), N: chanDefault(s.N, 2), Phi: chanDefault(s.Phi, 1),
	}}
	c.ResetState(nil)
	return c, nil
}

// Steady returns the steady state and time constant (ms) of p at calcium
// concentration conc (mM).
func (c *IAHPDe1994) Steady(conc float64) (pInf, tauP float64) {
	a := c.Alpha * math.Pow(conc, c.N)
	return a / (a + c.Beta), 1 / (c.Phi * (a + c.Beta))
}

// Size returns the number of neurons.
func (c *IAHPDe1994) Size() int { return len(c.P) }

// usesIon reports the pool the channel reads.
func (c *IAHPDe1994) usesIon() Ion { return c.Ca }

// Vars returns the gate as "IAHP.p".
func (c *IAHPDe1994) Vars() []bp.Var { return []bp.Var{{Name: "IAHP.p", Data: c.P}} }

// AddConductance adds g_max·p and its product with E.
func (c *IAHPDe1994) AddConductance(g, ge, _ []float64) { addGP(g, ge, c.P, c.GMax, c.E) }

// Advance integrates p exactly with the calcium concentration held.
func (c *IAHPDe1994) Advance(_ []float64, dt float64) {
	for i, conc := range c.Ca.C[:len(c.P)] {
		pInf, tau := c.Steady(conc)
		c.P[i] = gateRelax(c.P[i], pInf, tau, dt)
	}
}

// ResetState sets p to its steady state at the pool's concentration (the
// pool resets first); it does not depend on v.
func (c *IAHPDe1994) ResetState([]float64) {
	for i, conc := range c.Ca.C[:len(c.P)] {
		c.P[i], _ = c.Steady(conc)
	}
}
