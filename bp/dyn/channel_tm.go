package dyn

import (
	"math"

	"github.com/braingo/braingo/bp"
	bm "github.com/braingo/braingo/bp/math"
)

// The Traub–Miles (1991) spiking channels, in the form of Brette et al.'s
// (2007) COBAHH benchmark and of thalamic models (Bazhenov et al. 2002
// use the same rates with V_sh = −50 mV). With v = V − V_sh:
//
//	α_m = 0.32(13−v)/(e^{(13−v)/4}−1)  β_m = 0.28(v−40)/(e^{(v−40)/5}−1)
//	α_h = 0.128e^{(17−v)/18}           β_h = 4/(1+e^{−(v−40)/5})
//	α_n = 0.032(15−v)/(e^{(15−v)/5}−1)  β_n = 0.5e^{(10−v)/40}
//
// Phi multiplies every rate.

// INaTM1991 is the Traub–Miles sodium channel, I = g_max·m³h·(E − V)
// (BrainPy's INa_TM1991; INa_Ba2002 with VShift −50). Defaults: g_max 120
// mS/cm², E 50 mV, VShift −63 mV (to use a zero shift, set the field after
// construction).
type INaTM1991 struct {
	hhGates
	M, H []float64 // activation and inactivation gates
}

// NewINaTM1991 returns a Traub–Miles sodium channel over n neurons, gates
// at steady state at −65 mV until the neuron group resets them.
func NewINaTM1991(n int, s HHChannelParams) (*INaTM1991, error) {
	s.VShift = chanDefault(s.VShift, -63)
	p, err := newHHGates("INaTM1991", n, s, 120, 50)
	if err != nil {
		return nil, err
	}
	c := &INaTM1991{hhGates: p, M: make([]float64, n), H: make([]float64, n)}
	c.ResetState(constSlice(n, -65))
	return c, nil
}

// rates returns α_m, β_m, α_h, β_h (1/ms, before Phi) at membrane
// potential v.
func (c *INaTM1991) rates(v float64) (aM, bM, aH, bH float64) {
	v -= c.VShift
	return 1.28 * bm.Exprel((13-v)/4), 1.4 * bm.Exprel((v-40)/5),
		0.128 * math.Exp((17-v)/18), 4 / (1 + math.Exp(-(v-40)/5))
}

// Size returns the number of neurons.
func (c *INaTM1991) Size() int { return len(c.M) }

// Vars returns the gates as "INa.m" and "INa.h".
func (c *INaTM1991) Vars() []bp.Var {
	return []bp.Var{{Name: "INa.m", Data: c.M}, {Name: "INa.h", Data: c.H}}
}

// AddConductance adds g_max·m³h and its product with E.
func (c *INaTM1991) AddConductance(g, ge, _ []float64) { addM3H(g, ge, c.M, c.H, c.GMax, c.E) }

// Advance integrates m and h exactly with V held.
func (c *INaTM1991) Advance(v []float64, dt float64) { advanceMH(c.M, c.H, v, c.rates, c.Phi, dt) }

// ResetState sets m and h to their steady states at v.
func (c *INaTM1991) ResetState(v []float64) { steadyMH(c.M, c.H, v, c.rates) }

// IKTM1991 is the Traub–Miles delayed-rectifier potassium channel,
// I = g_max·n⁴·(E − V) (BrainPy's IK_TM1991; IKDR_Ba2002 with VShift −50).
// Defaults: g_max 10 mS/cm², E −90 mV, VShift −60 mV (Brette's COBAHH uses
// −63).
type IKTM1991 struct {
	hhGates
	N []float64 // activation gate
}

// NewIKTM1991 returns a Traub–Miles potassium channel over n neurons, gate
// at steady state at −65 mV until the neuron group resets it.
func NewIKTM1991(n int, s HHChannelParams) (*IKTM1991, error) {
	s.VShift = chanDefault(s.VShift, -60)
	p, err := newHHGates("IKTM1991", n, s, 10, -90)
	if err != nil {
		return nil, err
	}
	c := &IKTM1991{hhGates: p, N: make([]float64, n)}
	c.ResetState(constSlice(n, -65))
	return c, nil
}

// rates returns α_n and β_n (1/ms, before Phi) at membrane potential v.
func (c *IKTM1991) rates(v float64) (aN, bN float64) {
	v -= c.VShift
	return 0.16 * bm.Exprel((15-v)/5), 0.5 * math.Exp((10-v)/40)
}

// Size returns the number of neurons.
func (c *IKTM1991) Size() int { return len(c.N) }

// Vars returns the gate as "IK.n".
func (c *IKTM1991) Vars() []bp.Var { return []bp.Var{{Name: "IK.n", Data: c.N}} }

// AddConductance adds g_max·n⁴ and its product with E.
func (c *IKTM1991) AddConductance(g, ge, _ []float64) { addN4(g, ge, c.N, c.GMax, c.E) }

// Advance integrates n exactly with V held.
func (c *IKTM1991) Advance(v []float64, dt float64) { advanceGate(c.N, v, c.rates, c.Phi, dt) }

// ResetState sets n to its steady state at v.
func (c *IKTM1991) ResetState(v []float64) { steadyGate(c.N, v, c.rates) }
