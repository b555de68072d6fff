package dyn

import (
	"math"
	"strings"

	"github.com/braingo/braingo/bp"
)

// LIFParams are the parameters of a leaky integrate-and-fire group. The
// zero value is BrainPy's Lif: V_rest 0, V_reset −5, V_th 20 mV, R 1,
// τ 10 ms, no refractory period.
type LIFParams struct {
	VRest  float64 // resting potential (mV); default 0
	VReset float64 // reset potential after a spike (mV); default −5
	VTh    float64 // spike threshold (mV); default 20
	R      float64 // membrane resistance; default 1
	Tau    float64 // membrane time constant (ms); default 10
	// TRef is the refractory period (ms): V is held while t − t_last ≤ TRef
	// (BrainPy's LifRef), counted in whole steps so that a resumed run holds
	// exactly as long; default 0, no refractory period (Lif).
	TRef float64
	// V0 is the initial V; default At(VRest). (BrainPy starts at 0, the
	// same for its default V_rest.)
	V0 Initial
	// Method is the integrator ("" or "exp_euler": the exact exponential
	// update of the linear equation, a tight allocation-free loop).
	Method string
	Noise  float64 // σ of additive noise on V (mV/√ms)
	Seed   uint64  // seed of the group's generator; 0 draws one from bm.Default
}

// LIF is a group of leaky integrate-and-fire neurons,
//
//	τ dV/dt = −(V − V_rest) + R·I,  V ≥ V_th → spike, V ← V_reset,
//
// with an optional refractory period. Variables: V, t_last (time of the
// last spike), Input.
type LIF struct {
	pointNeuron
	LIFParams
	exact bool // exp_euler: the exact exponential update, inlined

	block []float64  // inputs of the blocks being updated (one block per part, in the part's range)
	lists spikeLists // who spiked in the last two updates (exact update only)
	decay decayMemo  // e^{−dt/τ}
}

// lifBlock is how many neurons the exact update takes at a time when all
// current sources are [RangeCurrentSource]s: the block's input, conductances
// and state stay in cache between the sources and the update.
const lifBlock = 512

// NewLIF returns n LIF neurons with parameters p (zero fields take
// BrainPy's defaults).
func NewLIF(n int, p LIFParams) (*LIF, error) {
	p.VRest = orDefault(p.VRest, 0)
	p.VReset = orDefault(p.VReset, -5)
	p.VTh = orDefault(p.VTh, 20)
	p.R = orDefault(p.R, 1)
	p.Tau = orDefault(p.Tau, 10)
	p.V0 = p.V0.or(At(p.VRest))
	m := &LIF{LIFParams: p}
	switch strings.ToLower(p.Method) {
	case "", "exp_euler", "exponential_euler", "exp_auto", "exp_euler_auto":
		m.exact = true
	}
	if err := setup(&m.pointNeuron, &m.LIFParams, n, neuronSpec{
		model: "LIF", vars: []string{"V"},
		checked: []param{{"VReset", &p.VReset}, {"VTh", &p.VTh}}, positive: []string{"Tau"},
		initials: map[string]Initial{"V0": p.V0},
		fire:     true, tRef: p.TRef, method: p.Method, noise: p.Noise, seed: p.Seed,
	}); err != nil {
		return nil, err
	}
	m.block = make([]float64, n)
	m.lists.init(n)
	m.Reset(0)
	return m, nil
}

func (p *LIFParams) eqParams() []param {
	return []param{{"VRest", &p.VRest}, {"R", &p.R}, {"Tau", &p.Tau}}
}

func (p *LIFParams) rhs(dst, diag, x, in []float64) { leak(dst, diag, x, in, p.VRest, p.R, p.Tau) }

// leak writes the derivative of τ dV/dt = −(V − V_rest) + R·I and its
// Jacobian diagonal.
func leak(dst, diag, v, in []float64, vRest, r, tau float64) {
	for i, vi := range v[:len(in)] {
		dst[i] = (vRest - vi + r*in[i]) / tau
		diag[i] = -1 / tau
	}
}

// Update advances the group by one step.
func (m *LIF) Update(ctx *bp.Context) {
	switch {
	case !m.exact:
		m.lists.current(ctx).parts = 0
		m.stepIF(ctx, m.Noise, m.TRef, m.VTh, m.VReset)
	case m.ranged == nil:
		k := m.stepConsts(ctx)
		l := m.lists.current(ctx)
		l.done(ctx, 0, 1, m.exactStep(&k, 0, len(m.V), m.Current(), l.idx))
	default:
		m.updateRange(ctx, 0, 1)
	}
}

// UpdatePart updates part `part` of `parts` of the neurons
// (bp.PartUpdater): the exact update without noise and with range sources
// only, which treats each neuron on its own, splits by bp.PartRange; any
// other group updates in part 0.
func (m *LIF) UpdatePart(ctx *bp.Context, part, parts int) { updateByParts(m, ctx, part, parts) }

// updateRange applies the exact update to the neurons of part `part` of
// `parts`, whose current sources are all range sources, in blocks of
// lifBlock: the input of each block is what Current computes (Input plus
// each source, in order), and it stays in cache between the sources and
// the update.
//
// When the sources are a bias and two synapses handed their decay, the
// AVX2 kernel makes the input and updates in one pass (lifFusedAVX2),
// with the same values.
func (m *LIF) updateRange(ctx *bp.Context, part, parts int) {
	lo, hi := bp.PartRange(len(m.V), part, parts)
	k, l := m.stepConsts(ctx), m.lists.current(ctx)
	buf, count, start, zero := m.block[lo:hi], 0, lo, true
	decay := m.startRead(ctx, part, parts)
	if syn, ok := m.fusedSynapses(ctx, lo); ok && decay && k.sigma == 0 {
		if n := (hi - lo) &^ 3; n > 0 {
			in := &m.Input[lo]
			if m.fresh {
				in, syn.inStride = &zeroInput[0], 0 // nothing wrote Input since it was cleared
			}
			count = lifFusedAVX2(&m.V[lo], &m.tLast[lo], in, &m.Spike[lo], n, &k, &l.idx[lo], lo, &syn)
			start, zero = start+n, syn.inputSet == 0
		}
	}
	for b := start; b < hi; b += lifBlock {
		e := min(b+lifBlock, hi)
		in := buf[:e-b]
		zero = m.blockInput(ctx, in, b, e, decay) && zero
		count += m.exactStep(&k, b, e, in, l.idx[lo+count:])
	}
	l.done(ctx, part, parts, count)
	m.sawInput(part, parts, zero)
}

func (m *LIF) spikeLists() *spikeLists { return &m.lists }

// KeepsInputs reports that the update writes no model's input
// (bp.InputKeeper).
func (m *LIF) KeepsInputs() bool { return true }

// fusedSynapses returns the sources for lifFusedAVX2 from neuron lo on,
// and whether the kernel can make the input of the step of ctx: the AVX2
// kernels are in use and the sources are biases and two outputs of the
// same kind that were handed their decay for the step.
func (m *LIF) fusedSynapses(ctx *bp.Context, lo int) (lifSynapses, bool) {
	if !useAVX2 || len(m.decays) != 2 || m.decays[0] == nil || m.decays[1] == nil {
		return lifSynapses{}, false
	}
	f0, f1 := m.decays[0].handedOver(ctx), m.decays[1].handedOver(ctx)
	g0, e0, coba0 := m.decays[0].conductance()
	g1, e1, coba1 := m.decays[1].conductance()
	if f0 == 0 || f1 == 0 || coba0 != coba1 || lo >= len(g0) {
		return lifSynapses{}, false
	}
	s := lifSynapses{g0: &g0[lo], g1: &g1[lo], f0: f0, f1: f1, bias: m.bias, e0: e0, e1: [4]float64{e1, e1, e1, e1}, inStride: 32}
	if coba0 {
		s.coba = 1
	}
	return s, true
}

// fusedReads reports whether Update reads the sources block by block, once
// per step (decayHost): the exact update with range sources only.
func (m *LIF) fusedReads() bool { return m.exact && m.ranged != nil }

// PartLocal reports whether the step of ctx splits among parts goroutines
// with each part touching only its own neurons (bp.PartLocal): the exact
// update without noise, its input from range sources only.
func (m *LIF) PartLocal(_ *bp.Context, parts int) bool {
	return m.fusedReads() && m.Noise == 0 && parts <= maxListParts
}

// stepConsts returns the constants of the exact update of the step of ctx.
func (m *LIF) stepConsts(ctx *bp.Context) lifConsts {
	return lifConsts{t: ctx.T, bound: refractoryBound(m.TRef, ctx.DT), vRest: m.VRest, r: m.R,
		decay: m.decay.get(ctx.DT, m.Tau), vTh: m.VTh, vReset: m.VReset, sigma: m.Noise * math.Sqrt(ctx.DT)}
}

// exactStep applies the exact update to neurons lo … hi−1 with their input
// in (len hi − lo),
//
//	V ← V∞ + (V − V∞)·e^{−dt/τ},  V∞ = V_rest + R·I,
//
// with BrainPy's order: integrate, hold refractory neurons, fire and
// reset. Without noise it is lifExact (the AVX2 kernel where the CPU has
// one); with noise the same arithmetic plus the noise term. The indices of
// the neurons that spike go to idx, in order; it returns their number.
func (m *LIF) exactStep(k *lifConsts, lo, hi int, in []float64, idx []int32) int {
	v, spike, tLast := m.V[lo:hi], m.Spike[lo:hi], m.tLast[lo:hi]
	if k.sigma == 0 {
		return lifExact(v, tLast, spike, in, k, idx, lo)
	}
	return lifExactGo(v, tLast, spike, in, k, idx, lo, m.rng)
}

// Reset restores the initial state; a non-zero seed re-seeds the group.
func (m *LIF) Reset(seed uint64) {
	m.lists.reset()
	m.restart(seed)
	m.V0.fill(m.V, m.rng)
}

// LeakyParams are the parameters of a leaky integrator. The zero value is
// BrainPy's LeakyIntegrator: V_rest 0, R 1, τ 10 ms.
type LeakyParams struct {
	VRest  float64 // resting potential (mV); default 0
	R      float64 // resistance; default 1
	Tau    float64 // time constant (ms); default 10
	V0     Initial // initial V; default At(VRest)
	Method string  // integrator; "" is exp_euler, exact here
	Noise  float64 // σ of additive noise on V
	Seed   uint64  // seed; 0 draws one from bm.Default
}

// LeakyIntegrator is a group of leaky integrators, τ dV/dt = −(V − V_rest)
// + R·I, that never spike (BrainPy's LeakyIntegrator). Variables: V, Input.
type LeakyIntegrator struct {
	pointNeuron
	LeakyParams
}

// NewLeakyIntegrator returns n leaky integrators.
func NewLeakyIntegrator(n int, p LeakyParams) (*LeakyIntegrator, error) {
	p.R = orDefault(p.R, 1)
	p.Tau = orDefault(p.Tau, 10)
	p.V0 = p.V0.or(At(p.VRest))
	m := &LeakyIntegrator{LeakyParams: p}
	if err := setup(&m.pointNeuron, &m.LeakyParams, n, neuronSpec{
		model: "LeakyIntegrator", vars: []string{"V"},
		positive: []string{"Tau"},
		initials: map[string]Initial{"V0": p.V0},
		method:   p.Method, noise: p.Noise, seed: p.Seed,
	}); err != nil {
		return nil, err
	}
	m.Reset(0)
	return m, nil
}

func (p *LeakyParams) eqParams() []param {
	return []param{{"VRest", &p.VRest}, {"R", &p.R}, {"Tau", &p.Tau}}
}

func (p *LeakyParams) rhs(dst, diag, x, in []float64) { leak(dst, diag, x, in, p.VRest, p.R, p.Tau) }

// Update advances the group by one step.
func (m *LeakyIntegrator) Update(ctx *bp.Context) { m.integrate(ctx, m.Noise) }

// Reset restores the initial state; a non-zero seed re-seeds the group.
func (m *LeakyIntegrator) Reset(seed uint64) {
	m.restart(seed)
	m.V0.fill(m.V, m.rng)
}
