package dyn

import "math"

// QIFRateParams are the parameters of [QIFRate]. Zero fields take
// BrainPy's defaults, given beside them.
type QIFRateParams struct {
	Tau    float64 // membrane time constant; default 1
	Eta    float64 // centre of the Lorentzian excitability distribution; default −5
	Delta  float64 // half-width of that distribution; default 1
	J      float64 // recurrent coupling; default 15
	R0, V0 float64 // initial rate and mean potential; default 0, 0
	Method string  // integrator (bp/integrate); default DefaultRateMethod
}

// QIFRate is the exact mean field of a population of quadratic
// integrate-and-fire neurons with Lorentzian-distributed excitability
// (Montbrió, Pazó & Roxin 2015; BrainPy's QIF):
//
//	τ dr/dt = Δ/(πτ) + 2rv
//	τ dv/dt = v² + η + I + Jτr − (πτr)²
//
// r is the population rate, v the mean membrane potential. Inputs: "Input"
// (I, into v) and "InputR".
type QIFRate struct {
	rateNodes
	R, V               []float64 // rate and mean potential
	InputV, InputR     []float64 // inputs of the current step
	Tau, Eta, Delta, J float64   // parameters, as in QIFRateParams
}

// NewQIFRate returns n QIF mean-field nodes.
func NewQIFRate(n int, s QIFRateParams) (*QIFRate, error) {
	m := &QIFRate{Tau: chanDefault(s.Tau, 1), Eta: chanDefault(s.Eta, -5), Delta: chanDefault(s.Delta, 1), J: chanDefault(s.J, 15)}
	err := checkRateParams("QIFRate", rateParam{"Tau", m.Tau, true}, rateParam{"Eta", m.Eta, false},
		rateParam{"Delta", m.Delta, true}, rateParam{"J", m.J, false})
	if err != nil {
		return nil, err
	}
	if m.rateNodes, err = newRateNodes("QIFRate", n, []string{"r", "v"}, []string{"Input", "InputR"}, []float64{s.R0, s.V0}, s.Method, m.deriv); err != nil {
		return nil, err
	}
	m.R, m.V, m.InputV, m.InputR = m.block(0), m.block(1), m.inputs[0], m.inputs[1]
	return m, nil
}

func (m *QIFRate) deriv(dst []float64, _ float64, s []float64) {
	n := m.n
	r, v, dr, dv := s[:n], s[n:2*n], dst[:n], dst[n:2*n]
	iv, ir := m.InputV[:n], m.InputR[:n]
	for k, rk := range r {
		vk := v[k]
		pr := math.Pi * m.Tau * rk
		dr[k] = (m.Delta/(math.Pi*m.Tau) + 2*rk*vk + ir[k]) / m.Tau
		dv[k] = (vk*vk + m.Eta + iv[k] + m.J*m.Tau*rk - pr*pr) / m.Tau
	}
}

// Equations returns the equations of one node, for analysis
// (bp/analysis.FromModel): the variables r and v, the parameters Tau, Eta, Delta, J
// by their Go names, and the inputs "Input" (I, into v) and "InputR" at 0. f evaluates the
// derivative the model integrates, on a private copy of the model.
func (m *QIFRate) Equations() (vars []string, params map[string]float64, f func(dst, x []float64, p map[string]float64)) {
	c := *m
	c.rateNodes = m.oneNode()
	c.R, c.V, c.InputV, c.InputR = nil, nil, c.inputs[0], c.inputs[1]
	return c.equations([]param{{"Tau", &c.Tau}, {"Eta", &c.Eta}, {"Delta", &c.Delta}, {"J", &c.J}}, c.deriv)
}
