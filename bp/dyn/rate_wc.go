package dyn

import "math"

// WilsonCowanParams are the parameters of [WilsonCowan]. Zero fields take
// BrainPy's defaults, given beside them.
type WilsonCowanParams struct {
	TauE, AE, ThetaE float64 // E time constant (ms), gain and threshold; defaults 1, 1.2, 2.8
	TauI, AI, ThetaI float64 // I time constant (ms), gain and threshold; defaults 1, 1, 4
	WEE, WIE         float64 // E→E and I→E weights; defaults 12, 4
	WEI, WII         float64 // E→I and I→I weights; defaults 13, 11
	R                float64 // refractory factor; default 1
	E0, I0           float64 // initial state; default 0, 0
	Method           string  // integrator (bp/integrate); default DefaultRateMethod
}

// WilsonCowan is the Wilson–Cowan (1972) excitatory–inhibitory rate model
// (BrainPy's WilsonCowanModel):
//
//	τ_E dE/dt = −E + (1 − rE)·F(w_EE·E − w_IE·I + I_E; a_E, θ_E)
//	τ_I dI/dt = −I + (1 − rI)·F(w_EI·E − w_II·I + I_I; a_I, θ_I)
//
// with F(x; a, θ) = 1/(1+e^{−a(x−θ)}) − 1/(1+e^{aθ}), so that F(0) = 0.
// Inputs: "Input" (I_E) and "InputI".
type WilsonCowan struct {
	rateNodes
	E, I               []float64 // excitatory and inhibitory activity
	InputE, InputI     []float64 // inputs of the current step
	TauE, AE, ThetaE   float64   // parameters, as in WilsonCowanParams
	TauI, AI, ThetaI   float64   // parameters, as in WilsonCowanParams
	WEE, WIE, WEI, WII float64   // parameters, as in WilsonCowanParams
	R                  float64   // parameters, as in WilsonCowanParams
}

// NewWilsonCowan returns n Wilson–Cowan nodes.
func NewWilsonCowan(n int, s WilsonCowanParams) (*WilsonCowan, error) {
	m := &WilsonCowan{
		TauE: chanDefault(s.TauE, 1), AE: chanDefault(s.AE, 1.2), ThetaE: chanDefault(s.ThetaE, 2.8),
		TauI: chanDefault(s.TauI, 1), AI: chanDefault(s.AI, 1), ThetaI: chanDefault(s.ThetaI, 4),
		WEE: chanDefault(s.WEE, 12), WIE: chanDefault(s.WIE, 4), WEI: chanDefault(s.WEI, 13), WII: chanDefault(s.WII, 11),
		R: chanDefault(s.R, 1),
	}
	err := checkRateParams("WilsonCowan", rateParam{"TauE", m.TauE, true}, rateParam{"TauI", m.TauI, true},
		rateParam{"AE", m.AE, false}, rateParam{"AI", m.AI, false}, rateParam{"ThetaE", m.ThetaE, false},
		rateParam{"ThetaI", m.ThetaI, false}, rateParam{"WEE", m.WEE, false}, rateParam{"WIE", m.WIE, false},
		rateParam{"WEI", m.WEI, false}, rateParam{"WII", m.WII, false}, rateParam{"R", m.R, false})
	if err != nil {
		return nil, err
	}
	if m.rateNodes, err = newRateNodes("WilsonCowan", n, []string{"E", "I"}, []string{"Input", "InputI"}, []float64{s.E0, s.I0}, s.Method, m.deriv); err != nil {
		return nil, err
	}
	m.E, m.I, m.InputE, m.InputI = m.block(0), m.block(1), m.inputs[0], m.inputs[1]
	return m, nil
}

// wcGain is the Wilson–Cowan sigmoid shifted to pass through 0.
func wcGain(x, a, theta float64) float64 {
	return 1/(1+math.Exp(-a*(x-theta))) - 1/(1+math.Exp(a*theta))
}

func (m *WilsonCowan) deriv(dst []float64, _ float64, s []float64) {
	n := m.n
	e, in, de, di := s[:n], s[n:2*n], dst[:n], dst[n:2*n]
	ie, ii := m.InputE[:n], m.InputI[:n]
	for k, ek := range e {
		ik := in[k]
		de[k] = (-ek + (1-m.R*ek)*wcGain(m.WEE*ek-m.WIE*ik+ie[k], m.AE, m.ThetaE)) / m.TauE
		di[k] = (-ik + (1-m.R*ik)*wcGain(m.WEI*ek-m.WII*ik+ii[k], m.AI, m.ThetaI)) / m.TauI
	}
}

// Equations returns the equations of one node, for analysis
// (bp/analysis.FromModel): the variables E and I, the parameters TauE, AE, ThetaE, TauI, AI, ThetaI, WEE, WIE, WEI, WII, R
// by their Go names, and the inputs "Input" (I_E) and "InputI" at 0. f evaluates the
// derivative the model integrates, on a private copy of the model.
func (m *WilsonCowan) Equations() (vars []string, params map[string]float64, f func(dst, x []float64, p map[string]float64)) {
	c := *m
	c.rateNodes = m.oneNode()
	c.E, c.I, c.InputE, c.InputI = nil, nil, c.inputs[0], c.inputs[1]
	return c.equations([]param{{"TauE", &c.TauE}, {"AE", &c.AE}, {"ThetaE", &c.ThetaE}, {"TauI", &c.TauI}, {"AI", &c.AI}, {"ThetaI", &c.ThetaI}, {"WEE", &c.WEE}, {"WIE", &c.WIE}, {"WEI", &c.WEI}, {"WII", &c.WII}, {"R", &c.R}}, c.deriv)
}

// ThresholdLinearParams are the parameters of [ThresholdLinear]. Zero
// fields take the defaults beside them.
type ThresholdLinearParams struct {
	TauE, TauI   float64 // time constants (ms); defaults 20 and 10
	BetaE, BetaI float64 // gains; defaults 0.066 and 0.351
	E0, I0       float64 // initial state; default 0, 0
	Method       string  // integrator (bp/integrate); default DefaultRateMethod
}

// ThresholdLinear is the threshold-linear E/I rate node of large-scale
// cortical models (Chaudhuri et al. 2015; BrainPy's ThresholdLinearModel):
//
//	τ_E dE/dt = −E + β_E·[I_E]₊    τ_I dI/dt = −I + β_I·[I_I]₊
//
// where the inputs carry all recurrent and long-range drive. BrainPy states
// the time constants in seconds (0.02, 0.01); here they are in ms.
// Inputs: "Input" (I_E) and "InputI".
type ThresholdLinear struct {
	rateNodes
	E, I                     []float64 // state, one entry per node
	InputE, InputI           []float64 // inputs of the current step
	TauE, TauI, BetaE, BetaI float64   // parameters, as in ThresholdLinearParams
}

// NewThresholdLinear returns n threshold-linear nodes.
func NewThresholdLinear(n int, s ThresholdLinearParams) (*ThresholdLinear, error) {
	m := &ThresholdLinear{TauE: chanDefault(s.TauE, 20), TauI: chanDefault(s.TauI, 10),
		BetaE: chanDefault(s.BetaE, 0.066), BetaI: chanDefault(s.BetaI, 0.351)}
	err := checkRateParams("ThresholdLinear", rateParam{"TauE", m.TauE, true}, rateParam{"TauI", m.TauI, true},
		rateParam{"BetaE", m.BetaE, false}, rateParam{"BetaI", m.BetaI, false})
	if err != nil {
		return nil, err
	}
	if m.rateNodes, err = newRateNodes("ThresholdLinear", n, []string{"E", "I"}, []string{"Input", "InputI"}, []float64{s.E0, s.I0}, s.Method, m.deriv); err != nil {
		return nil, err
	}
	m.E, m.I, m.InputE, m.InputI = m.block(0), m.block(1), m.inputs[0], m.inputs[1]
	return m, nil
}

func (m *ThresholdLinear) deriv(dst []float64, _ float64, s []float64) {
	n := m.n
	e, in, de, di := s[:n], s[n:2*n], dst[:n], dst[n:2*n]
	ie, ii := m.InputE[:n], m.InputI[:n]
	for k := range e {
		de[k] = (-e[k] + m.BetaE*max(ie[k], 0)) / m.TauE
		di[k] = (-in[k] + m.BetaI*max(ii[k], 0)) / m.TauI
	}
}

// Equations returns the equations of one node, for analysis
// (bp/analysis.FromModel): the variables E and I, the parameters TauE, TauI, BetaE, BetaI
// by their Go names, and the inputs "Input" (I_E) and "InputI" at 0. f evaluates the
// derivative the model integrates, on a private copy of the model.
func (m *ThresholdLinear) Equations() (vars []string, params map[string]float64, f func(dst, x []float64, p map[string]float64)) {
	c := *m
	c.rateNodes = m.oneNode()
	c.E, c.I, c.InputE, c.InputI = nil, nil, c.inputs[0], c.inputs[1]
	return c.equations([]param{{"TauE", &c.TauE}, {"TauI", &c.TauI}, {"BetaE", &c.BetaE}, {"BetaI", &c.BetaI}}, c.deriv)
}
