package dyn

import "math"

// JansenRitParams are the parameters of [JansenRit], in ms, mV and
// spikes/ms. Zero fields take the Jansen & Rit (1995) values beside them
// (their a = 100 s⁻¹ is 0.1 ms⁻¹, e0 = 2.5 s⁻¹ is 0.0025 ms⁻¹).
type JansenRitParams struct {
	A, B   float64 // excitatory and inhibitory synaptic gains (mV); defaults 3.25, 22
	Ae, Bi float64 // excitatory and inhibitory rate constants a, b (1/ms); defaults 0.1, 0.05
	C      float64 // connectivity constant (C1 = C, C2 = 0.8C, C3 = C4 = 0.25C); default 135
	E0     float64 // half the maximal firing rate (1/ms); default 0.0025
	V0     float64 // potential at half the maximal rate (mV); default 6
	R      float64 // sigmoid slope (1/mV); default 0.56
	Method string  // integrator (bp/integrate); default DefaultRateMethod
}

// JansenRit is the Jansen–Rit (1995) cortical column of pyramidal cells and
// excitatory and inhibitory interneurons (BrainPy's JansenRitModel):
//
//	y0'' = A·a·S(y1 − y2) − 2a·y0' − a²·y0
//	y1'' = A·a·(p + C2·S(C1·y0)) − 2a·y1' − a²·y1
//	y2'' = B·b·C4·S(C3·y0) − 2b·y2' − b²·y2
//
// with S(v) = 2e0/(1 + e^{r(v0 − v)}) and p the external input rate
// ("Input", spikes/ms). The EEG-like output is y1 − y2 (Output). Time is in
// ms; for constant p between about 0.12 and 0.31 spikes/ms the column
// oscillates in the alpha band.
type JansenRit struct {
	rateNodes
	Y0, Y1, Y2, Y3, Y4, Y5 []float64 // potentials y0..y2 and their derivatives y3..y5
	Input                  []float64 // external input rate p of the current step
	A, B, Ae, Bi, C        float64   // parameters, as in JansenRitParams
	E0, V0, R              float64   // parameters, as in JansenRitParams
}

// NewJansenRit returns n Jansen–Rit columns at rest (all potentials 0).
func NewJansenRit(n int, s JansenRitParams) (*JansenRit, error) {
	m := &JansenRit{A: chanDefault(s.A, 3.25), B: chanDefault(s.B, 22), Ae: chanDefault(s.Ae, 0.1), Bi: chanDefault(s.Bi, 0.05),
		C: chanDefault(s.C, 135), E0: chanDefault(s.E0, 0.0025), V0: chanDefault(s.V0, 6), R: chanDefault(s.R, 0.56)}
	err := checkRateParams("JansenRit", rateParam{"A", m.A, true}, rateParam{"B", m.B, true}, rateParam{"Ae", m.Ae, true},
		rateParam{"Bi", m.Bi, true}, rateParam{"C", m.C, true}, rateParam{"E0", m.E0, true},
		rateParam{"V0", m.V0, false}, rateParam{"R", m.R, true})
	if err != nil {
		return nil, err
	}
	m.rateNodes, err = newRateNodes("JansenRit", n, []string{"y0", "y1", "y2", "y3", "y4", "y5"}, []string{"Input"}, nil, s.Method, m.deriv)
	if err != nil {
		return nil, err
	}
	m.Y0, m.Y1, m.Y2, m.Y3, m.Y4, m.Y5 = m.block(0), m.block(1), m.block(2), m.block(3), m.block(4), m.block(5)
	m.Input = m.inputs[0]
	return m, nil
}

// S is the column's sigmoid, the firing rate (1/ms) at mean potential v.
func (m *JansenRit) S(v float64) float64 { return 2 * m.E0 / (1 + math.Exp(m.R*(m.V0-v))) }

// Output writes y1 − y2, the pyramidal membrane potential that EEG
// reflects, into dst.
func (m *JansenRit) Output(dst []float64) {
	for i := range dst[:m.n] {
		dst[i] = m.Y1[i] - m.Y2[i]
	}
}

func (m *JansenRit) deriv(dst []float64, _ float64, s []float64) {
	n := m.n
	y0, y1, y2, y3, y4, y5 := s[:n], s[n:2*n], s[2*n:3*n], s[3*n:4*n], s[4*n:5*n], s[5*n:6*n]
	d0, d1, d2, d3, d4, d5 := dst[:n], dst[n:2*n], dst[2*n:3*n], dst[3*n:4*n], dst[4*n:5*n], dst[5*n:6*n]
	a, b := m.Ae, m.Bi
	for i := range y0 {
		d0[i], d1[i], d2[i] = y3[i], y4[i], y5[i]
		d3[i] = m.A*a*m.S(y1[i]-y2[i]) - 2*a*y3[i] - a*a*y0[i]
		d4[i] = m.A*a*(m.Input[i]+0.8*m.C*m.S(m.C*y0[i])) - 2*a*y4[i] - a*a*y1[i]
		d5[i] = m.B*b*0.25*m.C*m.S(0.25*m.C*y0[i]) - 2*b*y5[i] - b*b*y2[i]
	}
}

// Equations returns the equations of one column, for analysis
// (bp/analysis.FromModel): the variables y0 to y5, the parameters A, B, Ae, Bi, C, E0, V0, R
// by their Go names, and the inputs "Input" (p) at 0. f evaluates the
// derivative the model integrates, on a private copy of the model.
func (m *JansenRit) Equations() (vars []string, params map[string]float64, f func(dst, x []float64, p map[string]float64)) {
	c := *m
	c.rateNodes = m.oneNode()
	c.Y0, c.Y1, c.Y2, c.Y3, c.Y4, c.Y5, c.Input = nil, nil, nil, nil, nil, nil, c.inputs[0]
	return c.equations([]param{{"A", &c.A}, {"B", &c.B}, {"Ae", &c.Ae}, {"Bi", &c.Bi}, {"C", &c.C}, {"E0", &c.E0}, {"V0", &c.V0}, {"R", &c.R}}, c.deriv)
}
