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
	// scratch holds each part's intermediate values (bp.PartUpdater; part
	// k allocates its own on first use); block the inputs made chunk by
	// chunk when all current sources are range sources.
	scratch [maxListParts]*traubScratch
	block   []float64
	lists   spikeLists // who spiked in the last two updates (range sources only)
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
	if p.GNa < 0 || p.GK < 0 {
		return nil, fmt.Errorf("%w: TraubHH GNa = %v, GK = %v nS, want conductances >= 0", ErrNeuron, p.GNa, p.GK)
	}
	m := &TraubHH{TraubHHParams: p}
	switch strings.ToLower(p.Method) {
	case "", "exp_euler", "exponential_euler", "exp_auto", "exp_euler_auto":
		m.exact = true
	}
	// GL > 0 keeps the total conductance of the V update positive.
	if err := setup(&m.pointNeuron, &m.TraubHHParams, n, neuronSpec{
		model: "TraubHH", vars: []string{"V", "m", "h", "n"},
		checked: []param{{"VTh", &p.VTh}}, positive: []string{"C", "GL"},
		initials: map[string]Initial{"V0": p.V0, "M0": p.M0, "H0": p.H0, "N0": p.N0},
		method:   p.Method, noise: p.Noise, seed: p.Seed,
	}); err != nil {
		return nil, err
	}
	m.M, m.H, m.N = m.variable(1), m.variable(2), m.variable(3)
	m.block = make([]float64, n)
	m.lists.init(n)
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

func (p *TraubHHParams) eqParams() []param {
	return []param{{"EL", &p.EL}, {"GL", &p.GL}, {"ENa", &p.ENa}, {"GNa", &p.GNa}, {"EK", &p.EK}, {"GK", &p.GK},
		{"C", &p.C}, {"VT", &p.VT}}
}

func (p *TraubHHParams) rhs(dst, diag, x, in []float64) {
	n := len(in)
	v, gm, gh, gn := x[:n], x[n:2*n], x[2*n:3*n], x[3*n:]
	for i, vi := range v {
		aM, bM, aH, bH, aN, bN := traubRates(vi - p.VT)
		mi, hi, ni := gm[i], gh[i], gn[i]
		gNa := p.GNa * mi * mi * mi * hi
		n2 := ni * ni
		gK := p.GK * n2 * n2
		dst[i] = (p.GL*(p.EL-vi) - gNa*(vi-p.ENa) - gK*(vi-p.EK) + in[i]) / p.C
		diag[i] = -(gNa + gK + p.GL) / p.C
		dst[n+i], diag[n+i] = gate(mi, aM, bM)
		dst[2*n+i], diag[2*n+i] = gate(hi, aH, bH)
		dst[3*n+i], diag[3*n+i] = gate(ni, aN, bN)
	}
}

// Update advances the group by one step.
func (m *TraubHH) Update(ctx *bp.Context) {
	if m.fusedReads() {
		m.updateRange(ctx, 0, 1)
		return
	}
	m.lists.current(ctx).parts = 0 // no list of this step
	if !m.exact {
		m.integrate(ctx, m.Noise)
		m.detectCrossing(m.VTh)
		return
	}
	in := m.Current()
	for lo := 0; lo < len(m.V); lo += traubChunk {
		m.stepChunk(ctx.DT, lo, min(lo+traubChunk, len(m.V)), in, m.scratchOf(0))
	}
}

// UpdatePart updates part `part` of `parts` of the neurons
// (bp.PartUpdater) when the update treats each neuron on its own (the
// exponential-Euler loop without noise, range sources only); otherwise
// part 0 updates the group.
func (m *TraubHH) UpdatePart(ctx *bp.Context, part, parts int) { updateByParts(m, ctx, part, parts) }

// updateRange steps the neurons of part `part` of `parts`, chunk by chunk,
// each chunk's input (Input plus each source, in Current's order) made
// just before it.
func (m *TraubHH) updateRange(ctx *bp.Context, part, parts int) {
	lo, hi := bp.PartRange(len(m.V), part, parts)
	s, zero := m.scratchOf(part), true
	l, count := m.lists.current(ctx), 0
	decay := m.startRead(ctx, part, parts)
	for b := lo; b < hi; b += traubChunk {
		e := min(b+traubChunk, hi)
		zero = m.blockInput(ctx, m.block[b:e], b, e, decay) && zero
		m.stepChunk(ctx.DT, b, e, m.block, s)
		spikes := m.Spike[:e]
		for i := bm.NextSpike(spikes, b); i < e; i = bm.NextSpike(spikes, i+1) {
			l.idx[lo+count] = int32(i)
			count++
		}
	}
	l.done(ctx, part, parts, count)
	m.sawInput(part, parts, zero)
}

func (m *TraubHH) spikeLists() *spikeLists { return &m.lists }

// KeepsInputs reports that the update writes no model's input
// (bp.InputKeeper).
func (m *TraubHH) KeepsInputs() bool { return true }

// fusedReads reports whether Update reads the sources chunk by chunk, once
// per step (decayHost): the exponential-Euler loop with range sources only.
func (m *TraubHH) fusedReads() bool { return m.exact && m.ranged != nil }

// PartLocal reports whether the step splits among parts goroutines with
// each part touching only its own neurons (bp.PartLocal): the
// exponential-Euler loop without noise, its input from range sources only.
func (m *TraubHH) PartLocal(_ *bp.Context, parts int) bool {
	return m.fusedReads() && m.Noise == 0 && parts <= maxListParts
}

// scratchOf returns part's scratch, allocating it on first use (each part
// touches only its own slot).
func (m *TraubHH) scratchOf(part int) *traubScratch {
	if m.scratch[part] == nil {
		m.scratch[part] = new(traubScratch)
	}
	return m.scratch[part]
}

// traubChunk is how many neurons stepChunk advances at once: its scratch
// (about 20 values per neuron) stays in the L1 cache.
const traubChunk = 64

// traubScratch holds the intermediate values of stepChunk, variable-major
// (value j of neuron i at [j*c+i] for a chunk of c neurons).
type traubScratch struct {
	y [2 * traubChunk]float64 // −u/40 and (17 − u)/18, then their exponentials
	a [4 * traubChunk]float64 // α of m, h, n and the V drive (g_L E_L + … + I)/C
	b [4 * traubChunk]float64 // relaxation rates α+β of m, h, n and g/C of V
	z [4 * traubChunk]float64 // −b·dt, then e^{−b·dt}
}

// Constant factors of the rate exponentials written as powers of
// w = e^{−u/40} (e^{−u/5} = w⁸, e^{−u/4} = w¹⁰).
var (
	traubE8   = math.Exp(8)        // e^{(40−u)/5} = e⁸·w⁸
	traubE3   = math.Exp(3)        // e^{(15−u)/5} = e³·w⁸
	traubE134 = math.Exp(13.0 / 4) // e^{(13−u)/4} = e^{13/4}·w¹⁰
	traubE14  = math.Exp(0.25)     // e^{(10−u)/40} = e^{1/4}·w
)

// stepChunk advances neurons lo…hi−1 by the exponential-Euler step, every
// variable from the values at the start of the step: a gate relaxes
// towards α/(α+β) at rate α+β, V towards the conductance-weighted mean of
// the reversal potentials (plus I/g) at rate g/C. Both rates are positive
// (α, β > 0; g ≥ g_L > 0), so no step divides by zero.
//
// For speed: the exponentials are taken in batches by expTo, whose loop
// the compiler keeps tight; five of the six rate exponentials are powers
// of w = e^{−u/40} times constants (relative error ~1e−15 instead of
// ~1e−16, and a factor 1/3 fewer exponentials); the divisions by the
// constants of the rate formulas are multiplications by their reciprocals.
func (m *TraubHH) stepChunk(dt float64, lo, hi int, in []float64, s *traubScratch) {
	c := hi - lo
	v, gm, gh, gn, spike, in := m.V[lo:hi], m.M[lo:hi], m.H[lo:hi], m.N[lo:hi], m.Spike[lo:hi], in[lo:hi]
	ew, e2 := s.y[:c], s.y[c:2*c]
	vt := m.VT
	for i, vi := range v {
		u := vi - vt
		ew[i] = u * (-1.0 / 40)
		e2[i] = (17 - u) * (1.0 / 18)
	}
	expTo(s.y[:2*c], s.y[:2*c])
	eL, gL, eNa, gNa, eK, gK, invC := m.EL, m.GL, m.ENa, m.GNa, m.EK, m.GK, 1/m.C
	a, b, z := s.a[:4*c], s.b[:4*c], s.z[:4*c]
	for i, vi := range v {
		u := vi - vt
		w := ew[i]
		w2 := w * w
		w8 := w2 * w2
		w8 *= w8
		e3 := traubE8 * w8                                    // e^{(40−u)/5}
		am := 1.28 * exprelFrom((13-u)*0.25, traubE134*w8*w2) // 0.32(13−u)/(e^{(13−u)/4} − 1)
		bm := 1.4 * exprelFrom((u-40)*0.2, 1/e3)              // 0.28(u−40)/(e^{(u−40)/5} − 1)
		ah := 0.128 * e2[i]                                   // 0.128 e^{(17−u)/18}
		bh := 4 / (1 + e3)                                    // 4/(1 + e^{(40−u)/5})
		an := 0.16 * exprelFrom((15-u)*0.2, traubE3*w8)       // 0.032(15−u)/(e^{(15−u)/5} − 1)
		bn := 0.5 * traubE14 * w                              // 0.5 e^{(10−u)/40}
		mi, n2 := gm[i], gn[i]*gn[i]
		gNai := gNa * mi * mi * mi * gh[i]
		gKi := gK * n2 * n2
		a[i], a[c+i], a[2*c+i] = am, ah, an
		a[3*c+i] = (gL*eL + gNai*eNa + gKi*eK + in[i]) * invC
		b[i], b[c+i], b[2*c+i] = am+bm, ah+bh, an+bn
		b[3*c+i] = (gL + gNai + gKi) * invC
	}
	for j, bj := range b {
		z[j] = -bj * dt
	}
	expTo(z, z)
	sigma := m.Noise * math.Sqrt(dt)
	vTh := m.VTh
	for i, vi := range v {
		gm[i] = relaxBy(gm[i], a[i], b[i], z[i])
		gh[i] = relaxBy(gh[i], a[c+i], b[c+i], z[c+i])
		gn[i] = relaxBy(gn[i], a[2*c+i], b[2*c+i], z[2*c+i])
		vNew := relaxBy(vi, a[3*c+i], b[3*c+i], z[3*c+i])
		if sigma != 0 {
			vNew += sigma * m.rng.Normal(0, 1)
		}
		spike[i] = vi < vTh && vNew >= vTh
		v[i] = vNew
	}
}

// relaxBy returns x∞ + (x − x∞)·f with x∞ = a/b: the exact step of
// x′ = a − b·x when f = e^{−b·dt}.
func relaxBy(x, a, b, f float64) float64 {
	inf := a / b
	return inf + (x-inf)*f
}

// exprelFrom returns y/(e^y − 1) given ey = e^y: the quotient itself where
// it loses at most a few bits (|y| ≥ 1/2), the reciprocal of the Taylor
// series of (e^y − 1)/y (to y¹⁴, error below 2e−18) nearer 0, where the
// quotient would cancel.
func exprelFrom(y, ey float64) float64 {
	if y >= 0.5 || y <= -0.5 {
		return y / (ey - 1)
	}
	p := 1.0 / 1307674368000 // 1/15!
	for _, c := range expm1RelTaylor {
		p = p*y + c
	}
	return 1 / p
}

// expm1RelTaylor are the coefficients 1/(k+1)! of (e^y − 1)/y = Σ y^k/(k+1)!
// for k = 13 down to 0 (k = 14 starts the Horner loop).
var expm1RelTaylor = [14]float64{
	1.0 / 87178291200, 1.0 / 6227020800, 1.0 / 479001600, 1.0 / 39916800, 1.0 / 3628800, 1.0 / 362880,
	1.0 / 40320, 1.0 / 5040, 1.0 / 720, 1.0 / 120, 1.0 / 24, 1.0 / 6, 1.0 / 2, 1,
}

// expTo sets dst[i] = e^{x[i]} (dst may be x), within three ulp: x =
// (32k + j)·ln2/32 + r with |r| ≤ ln2/64, e^x = 2^k·2^{j/32}·e^r, e^r by its
// Taylor polynomial to r⁶ (truncation below 4e−18), 2^{j/32} from a table
// and 2^k added to the exponent bits. Arguments are clamped to [−708, 709],
// where the result is a normal number; the Traub rates and relaxation
// factors never leave it in practice (a clamped argument gives e^{−708} ≈
// 3e−308 or e^{709} ≈ 8e307, not 0 or +Inf). It exists because math.Exp
// cannot be inlined: called ten times per neuron and step it was about half
// of the COBAHH step; here the loop has a short dependency chain, so
// successive elements overlap.
func expTo(dst, x []float64) {
	const (
		toK   = 32 / math.Ln2
		ln2Hi = 6.93147180369123816490e-01 / 32 // high bits of ln2/32: k·ln2Hi is exact
		ln2Lo = 1.90821492927058770002e-10 / 32
		magic = 0x1.8p52 // adding it rounds to an integer
	)
	dst = dst[:len(x)]
	for i, xi := range x {
		if xi < -708 {
			xi = -708
		} else if xi > 709 {
			xi = 709
		}
		t := xi*toK + magic
		kf := t - magic
		r := (xi - kf*ln2Hi) - kf*ln2Lo
		p := 1 + r*(1+r*(1.0/2+r*(1.0/6+r*(1.0/24+r*(1.0/120+r*(1.0/720))))))
		// The low mantissa bits of t are k + 2⁵¹: bits&31 is k mod 32 and
		// bits>>5 ≡ k>>5 modulo 2¹², all that survives the shift into the
		// exponent field (its wrap-around past bit 63 is the two's
		// complement of a negative k>>5).
		bits := math.Float64bits(t)
		dst[i] = p * math.Float64frombits(exp2Table[bits&31]+(bits>>5)<<52)
	}
}

// exp2Table holds the bits of 2^{j/32}, j = 0…31.
var exp2Table = func() (t [32]uint64) {
	for j := range t {
		t[j] = math.Float64bits(math.Exp2(float64(j) / 32))
	}
	return t
}()

// Reset restores the initial state; a non-zero seed re-seeds the group.
func (m *TraubHH) Reset(seed uint64) {
	m.lists.reset()
	m.restart(seed)
	m.V0.fill(m.V, m.rng)
	m.M0.fill(m.M, m.rng)
	m.H0.fill(m.H, m.rng)
	m.N0.fill(m.N, m.rng)
}
