package dyn

import "github.com/braingo/braingo/bp"

// HindmarshRoseParams are the parameters of a Hindmarsh–Rose group; the
// zero value is BrainPy's HindmarshRose.
type HindmarshRoseParams struct {
	A, B, C, D float64 // default 1, 3, 1, 5
	R          float64 // time scale of the slow variable z; default 0.01
	S          float64 // adaptation strength; default 4
	VRest      float64 // default −1.6
	VTh        float64 // spike detection threshold; default 1
	// Initial V, y, z; default At(0), At(−10), At(0).
	V0, Y0, Z0 Initial
	Method     string  // integrator; "" is exp_euler
	Noise      float64 // σ of additive noise on V
	Seed       uint64  // seed; 0 draws one from bm.Default
}

// HindmarshRose is a group of Hindmarsh–Rose (1984) bursting neurons:
//
//	dV/dt = y − aV³ + bV² − z + I
//	dy/dt = c − dV² − y
//	dz/dt = r(s(V − V_rest) − z),
//
// spiking when V crosses V_th upwards. Variables: V, y, z, Input.
type HindmarshRose struct {
	pointNeuron
	HindmarshRoseParams
	Y, Z []float64 // fast recovery and slow adaptation variables
}

// NewHindmarshRose returns n Hindmarsh–Rose neurons.
func NewHindmarshRose(n int, p HindmarshRoseParams) (*HindmarshRose, error) {
	p.A = orDefault(p.A, 1)
	p.B = orDefault(p.B, 3)
	p.C = orDefault(p.C, 1)
	p.D = orDefault(p.D, 5)
	p.R = orDefault(p.R, 0.01)
	p.S = orDefault(p.S, 4)
	p.VRest = orDefault(p.VRest, -1.6)
	p.VTh = orDefault(p.VTh, 1)
	p.V0 = p.V0.or(At(0))
	p.Y0 = p.Y0.or(At(-10))
	p.Z0 = p.Z0.or(At(0))
	m := &HindmarshRose{HindmarshRoseParams: p}
	if err := setup(&m.pointNeuron, &m.HindmarshRoseParams, n, neuronSpec{
		model: "HindmarshRose", vars: []string{"V", "y", "z"},
		checked:  []param{{"VTh", &p.VTh}},
		initials: map[string]Initial{"V0": p.V0, "Y0": p.Y0, "Z0": p.Z0},
		method:   p.Method, noise: p.Noise, seed: p.Seed,
	}); err != nil {
		return nil, err
	}
	m.Y, m.Z = m.variable(1), m.variable(2)
	m.Reset(0)
	return m, nil
}

func (p *HindmarshRoseParams) eqParams() []param {
	return []param{{"A", &p.A}, {"B", &p.B}, {"C", &p.C}, {"D", &p.D}, {"R", &p.R}, {"S", &p.S}, {"VRest", &p.VRest}}
}

func (p *HindmarshRoseParams) rhs(dst, diag, x, in []float64) {
	n := len(in)
	v, y, z := x[:n], x[n:2*n], x[2*n:]
	for i, vi := range v {
		dst[i] = y[i] - p.A*vi*vi*vi + p.B*vi*vi - z[i] + in[i]
		diag[i] = -3*p.A*vi*vi + 2*p.B*vi
		dst[n+i], diag[n+i] = p.C-p.D*vi*vi-y[i], -1
		dst[2*n+i], diag[2*n+i] = p.R*(p.S*(vi-p.VRest)-z[i]), -p.R
	}
}

// Update advances the group by one step.
func (m *HindmarshRose) Update(ctx *bp.Context) {
	m.integrate(ctx, m.Noise)
	m.detectCrossing(m.VTh)
}

// Reset restores the initial state; a non-zero seed re-seeds the group.
func (m *HindmarshRose) Reset(seed uint64) {
	m.restart(seed)
	m.V0.fill(m.V, m.rng)
	m.Y0.fill(m.Y, m.rng)
	m.Z0.fill(m.Z, m.rng)
}

// FHNParams are the parameters of a FitzHugh–Nagumo group; the zero value
// is BrainPy's FHN.
type FHNParams struct {
	A      float64 // default 0.7
	B      float64 // default 0.8
	Tau    float64 // time constant of w; default 12.5
	VTh    float64 // spike detection threshold; default 1.8
	V0, W0 Initial // initial V and w; default At(0) each
	Method string  // integrator; "" is exp_euler
	Noise  float64 // σ of additive noise on V
	Seed   uint64  // seed; 0 draws one from bm.Default
}

// FHN is a group of FitzHugh–Nagumo neurons:
//
//	dV/dt = V − V³/3 − w + I,  τ dw/dt = V + a − b·w,
//
// spiking when V crosses V_th upwards. Variables: V, w, Input.
type FHN struct {
	pointNeuron
	FHNParams
	W []float64 // recovery variable
}

// NewFHN returns n FitzHugh–Nagumo neurons.
func NewFHN(n int, p FHNParams) (*FHN, error) {
	p.A = orDefault(p.A, 0.7)
	p.B = orDefault(p.B, 0.8)
	p.Tau = orDefault(p.Tau, 12.5)
	p.VTh = orDefault(p.VTh, 1.8)
	p.V0 = p.V0.or(At(0))
	p.W0 = p.W0.or(At(0))
	m := &FHN{FHNParams: p}
	if err := setup(&m.pointNeuron, &m.FHNParams, n, neuronSpec{
		model: "FHN", vars: []string{"V", "w"},
		checked: []param{{"VTh", &p.VTh}}, positive: []string{"Tau"},
		initials: map[string]Initial{"V0": p.V0, "W0": p.W0},
		method:   p.Method, noise: p.Noise, seed: p.Seed,
	}); err != nil {
		return nil, err
	}
	m.W = m.variable(1)
	m.Reset(0)
	return m, nil
}

func (p *FHNParams) eqParams() []param {
	return []param{{"A", &p.A}, {"B", &p.B}, {"Tau", &p.Tau}}
}

func (p *FHNParams) rhs(dst, diag, x, in []float64) {
	n := len(in)
	v, w := x[:n], x[n:]
	for i, vi := range v {
		dst[i] = vi - vi*vi*vi/3 - w[i] + in[i]
		diag[i] = 1 - vi*vi
		dst[n+i] = (vi + p.A - p.B*w[i]) / p.Tau
		diag[n+i] = -p.B / p.Tau
	}
}

// Update advances the group by one step.
func (m *FHN) Update(ctx *bp.Context) {
	m.integrate(ctx, m.Noise)
	m.detectCrossing(m.VTh)
}

// Reset restores the initial state; a non-zero seed re-seeds the group.
func (m *FHN) Reset(seed uint64) {
	m.restart(seed)
	m.V0.fill(m.V, m.rng)
	m.W0.fill(m.W, m.rng)
}
