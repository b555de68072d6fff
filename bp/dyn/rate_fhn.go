package dyn

// RateFHNSettings are the parameters of [RateFHN]. Zero fields take
// BrainPy's defaults, given beside them; to use a zero Gamma, set the
// model's field after construction.
type RateFHNSettings struct {
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
	Alpha, Beta, Gamma, Delta float64
	Epsilon, Tau              float64
}

// NewRateFHN returns n FitzHugh–Nagumo nodes.
func NewRateFHN(n int, s RateFHNSettings) (*RateFHN, error) {
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
