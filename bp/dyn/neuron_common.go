package dyn

import (
	"errors"
	"fmt"
	"math"
	"slices"

	"github.com/braingo/braingo/bp"
	"github.com/braingo/braingo/bp/integrate"
	bm "github.com/braingo/braingo/bp/math"
)

// The point-neuron models in this package share their settings
// conventions: a zero field means BrainPy's default, Method names an
// integrator of bp/integrate ("" means exponential Euler, BrainPy's
// exp_auto), Noise is the amplitude σ of additive white noise on V (then
// dV = f dt + σ dW, integrated by adding σ·√dt·ξ after the drift step, the
// Euler–Maruyama update that BrainPy's exp_euler SDE method also uses for
// additive noise), and Seed seeds the group's generator (0 draws a seed from
// bm.Default, so bm.Seed makes a whole program reproducible).

// ErrNeuron is returned (wrapped) by neuron constructors for bad settings.
var ErrNeuron = errors.New("dyn: bad neuron settings")

// Zero is the value to give a neuron parameter that must be exactly zero
// where its default is not (an ordinary 0 selects the default). It is
// negative zero, which computes as zero.
var Zero = math.Copysign(0, -1)

// orDefault returns x, or def when x is a plain (positive) zero.
func orDefault(x, def float64) float64 {
	if x == 0 && !math.Signbit(x) {
		return def
	}
	return x
}

// Initial is the initial value of a variable in each neuron of a group: a
// constant (At) or uniform over a range (Between). The zero Initial means
// the model's default.
type Initial struct {
	lo, hi float64
	set    bool
}

// At is the initial value v in every neuron.
func At(v float64) Initial { return Initial{lo: v, hi: v, set: true} }

// Between draws each neuron's initial value uniformly from [lo, hi), from
// the group's seeded generator.
func Between(lo, hi float64) Initial { return Initial{lo: lo, hi: hi, set: true} }

// IsSet reports whether in was given (is not the zero Initial).
func (in Initial) IsSet() bool { return in.set }

// String describes the initial value as it would be written: At(v),
// Between(lo, hi), or "default".
func (in Initial) String() string {
	if !in.set {
		return "default"
	}
	if in.lo == in.hi {
		return fmt.Sprintf("At(%g)", in.lo)
	}
	return fmt.Sprintf("Between(%g, %g)", in.lo, in.hi)
}

func (in Initial) or(def Initial) Initial {
	if in.set {
		return in
	}
	return def
}

func (in Initial) check(name string) error {
	if math.IsNaN(in.lo) || math.IsNaN(in.hi) || math.IsInf(in.lo, 0) || math.IsInf(in.hi, 0) || in.lo > in.hi {
		return fmt.Errorf("%w: initial %s %v: want finite bounds with lo <= hi", ErrNeuron, name, in)
	}
	return nil
}

// fill writes the initial values into dst.
func (in Initial) fill(dst []float64, rng *bm.RNG) {
	if in.lo == in.hi {
		for i := range dst {
			dst[i] = in.lo
		}
		return
	}
	rng.UniformFill(dst, in.lo, in.hi)
}

// checkParams returns an error naming the first parameter that is not a
// finite number, or that is not positive among those named in positive.
func checkParams(model string, params map[string]float64, positive ...string) error {
	for name, v := range params {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return fmt.Errorf("%w: %s %s = %v, want a finite number", ErrNeuron, model, name, v)
		}
	}
	for _, name := range positive {
		if !(params[name] > 0) {
			return fmt.Errorf("%w: %s %s = %v, want > 0", ErrNeuron, model, name, params[name])
		}
	}
	return nil
}

// checkInitials checks the initial values that were given.
func checkInitials(ins map[string]Initial) error {
	for name, in := range ins {
		if in.IsSet() {
			if err := in.check(name); err != nil {
				return err
			}
		}
	}
	return nil
}

// neuronSpec is what a point-neuron constructor checks and allocates once
// its parameters have their defaults.
type neuronSpec struct {
	model string
	vars  []string // variable names in state order, V first
	// checked are parameters outside the equations that must be finite
	// (thresholds, resets, increments); the equations' own parameters are
	// always checked.
	checked  []param
	positive []string           // parameters that must be > 0
	initials map[string]Initial // initial values by parameter name, checked when set
	// fire marks an integrate-and-fire model: it keeps the time of the last
	// spike and has a refractory period tRef >= 0.
	fire   bool
	tRef   float64
	method string  // integrator
	noise  float64 // σ of additive noise on V
	seed   uint64
}

// setup checks the parameters of the model that embeds p, whose settings
// are params, as s says, allocates the state of n neurons and integrates
// params' equations. It is the common part of the point-neuron
// constructors.
func setup[S any, E interface {
	*S
	equations
}](p *pointNeuron, params E, n int, s neuronSpec) error {
	if err := checkParams(s.model, paramValues(params.eqParams(), s.checked...), s.positive...); err != nil {
		return err
	}
	if s.fire && (math.IsNaN(s.tRef) || math.IsInf(s.tRef, 0) || s.tRef < 0) {
		return fmt.Errorf("%w: %s TRef = %v ms, want a finite value >= 0", ErrNeuron, s.model, s.tRef)
	}
	if err := checkInitials(s.initials); err != nil {
		return err
	}
	if err := p.init(s.model, n, s.vars, s.method, s.noise, s.seed, bindEquations(p, params)); err != nil {
		return err
	}
	if s.fire {
		p.useSpikeTimes()
	}
	return nil
}

// pointNeuron is the machinery every point-neuron model shares: its state
// packed in one slice (V first, then the other variables, n values each) so
// that any bp/integrate method can step it, input, noise, spike timing and
// the random generator.
type pointNeuron struct {
	Population
	model   string
	state   []float64 // all variables, n each; Population.V is state[:n]
	names   []string  // variable names, in state order
	stepper integrate.Stepper
	seed    uint64
	rng     *bm.RNG
	cur     []float64 // total input current of the step, read by the derivative
	prevV   []float64 // V at the start of the step
	tLast   []float64 // time of the last spike (IF models)
	diag    []float64 // Jacobian diagonal scratch for methods other than exp_euler
	// copyEquations returns a private copy of the model's settings, whose
	// equations Equations evaluates for one neuron; nil for a model that
	// does not state its equations.
	copyEquations func() equations
}

// param is a named parameter of a model, addressed in its settings struct.
type param struct {
	name string
	ptr  *float64
}

// paramValues returns the values of the parameters ps and extra by name,
// for checkParams.
func paramValues(ps []param, extra ...param) map[string]float64 {
	values := make(map[string]float64, len(ps)+len(extra))
	for _, p := range append(ps, extra...) {
		values[p.name] = *p.ptr
	}
	return values
}

// equations are the differential equations of a point-neuron model, stated
// once on its settings struct: the group integrates them over all its
// neurons and Equations evaluates them for one neuron, so simulation and
// analysis share one copy.
type equations interface {
	// eqParams lists the parameters the equations read, as fields of the
	// settings struct the method is called on.
	eqParams() []param
	// rhs writes dx/dt into dst and the diagonal of the Jacobian into diag
	// for the packed state x of len(in) neurons (each variable's values
	// together, in the order of the model's variable names) driven by the
	// input currents in.
	rhs(dst, diag, x, in []float64)
}

// bindEquations makes s, the settings of the model that embeds p, the
// source of the group's derivative (s's equations over the step's input
// current) and of Equations (over copies of s).
func bindEquations[S any, E interface {
	*S
	equations
}](p *pointNeuron, s E) integrate.LinearFunc {
	p.copyEquations = func() equations {
		c := *s
		return E(&c)
	}
	return func(dst, diag []float64, _ float64, x []float64) { s.rhs(dst, diag, x, p.cur) }
}

// EquationInput is the name of the input current among the parameters of
// Equations.
const EquationInput = "I"

// Equations returns the differential equations of one neuron of the group,
// for analysis (bp/analysis.FromModel): the names of its variables in state
// order; its parameters with their current values (the fields of the
// model's settings that the equations read, under their Go names, such as
// "A" and "Tau" of FHNParams, and the input current EquationInput at 0);
// and f, which writes dx/dt of one neuron at the state x into dst with the
// parameters of p, a parameter p does not name keeping the value listed.
//
// f evaluates the very equations the group integrates (on a private copy
// of the settings, so analysis cannot disturb a simulation) and is not safe
// for concurrent use. The spike rule, reset and refractory period are not
// differential equations and are not part of them: for the
// integrate-and-fire models f is the subthreshold dynamics. A model that
// does not state its equations returns a nil f.
func (p *pointNeuron) Equations() (vars []string, params map[string]float64, f func(dst, x []float64, p map[string]float64)) {
	vars = slices.Clone(p.names)
	if p.copyEquations == nil {
		return vars, nil, nil
	}
	eq := p.copyEquations()
	fields := eq.eqParams()
	params, base := paramTable(fields)
	params[EquationInput] = 0
	in := make([]float64, 1)
	diag := make([]float64, len(vars))
	f = func(dst, x []float64, p map[string]float64) {
		setParams(fields, base, p)
		in[0] = p[EquationInput] // 0 when absent, as listed
		eq.rhs(dst, diag, x, in)
	}
	return vars, params, f
}

// paramTable returns the current values of the parameters fields, by name
// and in order, for an Equations method.
func paramTable(fields []param) (byName map[string]float64, values []float64) {
	byName = make(map[string]float64, len(fields)+2)
	values = make([]float64, len(fields))
	for k, fp := range fields {
		values[k] = *fp.ptr
		byName[fp.name] = values[k]
	}
	return byName, values
}

// setParams sets each parameter of fields to its value in p, or to its
// value in base when p does not name it.
func setParams(fields []param, base []float64, p map[string]float64) {
	for k, fp := range fields {
		v, ok := p[fp.name]
		if !ok {
			v = base[k]
		}
		*fp.ptr = v
	}
}

// noSpikeYet is the initial time of the last spike: long ago.
const noSpikeYet = -1e7

// init allocates the state of n neurons with the named variables and
// builds the integrator from the derivative lin (which writes f and the
// diagonal of its Jacobian).
func (p *pointNeuron) init(model string, n int, names []string, method string, noise float64, seed uint64, lin integrate.LinearFunc) error {
	if n <= 0 {
		return fmt.Errorf("%w: %s size %d, need at least 1 neuron", ErrNeuron, model, n)
	}
	if math.IsNaN(noise) || math.IsInf(noise, 0) || noise < 0 {
		return fmt.Errorf("%w: %s noise %v, want a finite value >= 0", ErrNeuron, model, noise)
	}
	p.model, p.names = model, names
	p.state = make([]float64, n*len(names))
	p.Population = Population{V: p.state[:n:n], Spike: make([]bool, n), Input: make([]float64, n)}
	p.cur, p.prevV = p.Input, make([]float64, n)
	if seed == 0 {
		seed = bm.Default().Uint64()
	}
	p.seed = seed
	p.rng = bm.NewRNG(seed)
	if method == "" {
		method = "exp_euler"
	}
	// exp_euler takes the derivative with its Jacobian diagonal from lin;
	// the other methods take f and ignore WithLinear.
	p.diag = make([]float64, len(p.state))
	f := func(dst []float64, t float64, x []float64) { lin(dst, p.diag, t, x) }
	var err error
	p.stepper, err = integrate.NewODE(method, f, len(p.state), integrate.WithLinear(lin))
	if err != nil {
		return fmt.Errorf("%w: %s: %w", ErrNeuron, model, err)
	}
	return nil
}

// useSpikeTimes allocates the time of the last spike (for refractoriness).
func (p *pointNeuron) useSpikeTimes() {
	p.tLast = make([]float64, len(p.V))
	for i := range p.tLast {
		p.tLast[i] = noSpikeYet
	}
}

// variable returns the k-th variable's slice of the packed state.
func (p *pointNeuron) variable(k int) []float64 {
	n := len(p.V)
	return p.state[k*n : (k+1)*n : (k+1)*n]
}

// Vars returns the model's variables, its input, and the time of the last
// spike for models that keep it ("t_last").
func (p *pointNeuron) Vars() []bp.Var {
	vars := make([]bp.Var, 0, len(p.names)+2)
	for k, name := range p.names {
		vars = append(vars, bp.Var{Name: name, Data: p.variable(k)})
	}
	vars = append(vars, bp.Var{Name: bp.InputName, Data: p.Input})
	if p.tLast != nil {
		vars = append(vars, bp.Var{Name: "t_last", Data: p.tLast})
	}
	return vars
}

// RandomState returns the group's generator, for bp.Save and bp.Load.
func (p *pointNeuron) RandomState() bp.RandomState { return p.rng }

// restart re-seeds (if seed is not 0), clears spikes and spike times; the
// model then sets its initial values.
func (p *pointNeuron) restart(seed uint64) {
	if seed != 0 {
		p.seed = seed
	}
	p.rng.Seed(p.seed)
	clear(p.Spike)
	clear(p.Input)
	if p.tLast != nil {
		for i := range p.tLast {
			p.tLast[i] = noSpikeYet
		}
	}
}

// integrate advances the state over one step: it takes the step's input
// current, remembers V, steps the drift with the chosen method and adds
// noise of amplitude sigma to V.
func (p *pointNeuron) integrate(ctx *bp.Context, sigma float64) {
	p.cur = p.Current()
	copy(p.prevV, p.V)
	p.stepper.Step(p.state, ctx.T, ctx.DT)
	if sigma == 0 {
		return
	}
	s := sigma * math.Sqrt(ctx.DT)
	for i := range p.V {
		p.V[i] += s * p.rng.Normal(0, 1)
	}
}

// refractoryBound returns the bound b such that a neuron is refractory
// when t − t_last < b: BrainPy's rule t − t_last ≤ tRef counted in whole
// steps. t and t_last are on the step grid, so t − t_last is k·dt up to
// rounding, and the rounding differs between a run from 0 and one resumed
// from T0 (0 + k·dt versus T0 + j·dt); comparing k·dt with tRef directly
// would then hold a neuron one step more or less after a Load. The bound
// lies half a step past the last refractory step, where rounding cannot
// reach, and tRef within 1e-9 steps below a multiple of dt counts as that
// multiple (0.3/0.1 is 2.9999999999999996).
func refractoryBound(tRef, dt float64) float64 {
	return (math.Floor(tRef/dt+1e-9) + 0.5) * dt
}

// holdRefractory puts back the V of neurons in their refractory period
// (t − t_last ≤ tRef, BrainPy's rule, see refractoryBound) to its value at
// the start of the step.
func (p *pointNeuron) holdRefractory(ctx *bp.Context, tRef float64) {
	if tRef <= 0 {
		return
	}
	t, bound := ctx.T, refractoryBound(tRef, ctx.DT)
	for i, tl := range p.tLast {
		if t-tl < bound {
			p.V[i] = p.prevV[i]
		}
	}
}

// stepIF is the step of the integrate-and-fire models with a fixed
// threshold: integrate (with noise sigma), hold the refractory neurons,
// fire and reset.
func (p *pointNeuron) stepIF(ctx *bp.Context, sigma, tRef, vth, vreset float64) {
	p.integrate(ctx, sigma)
	p.holdRefractory(ctx, tRef)
	p.fireReset(ctx.T, vth, vreset)
}

// fireReset marks a spike where V ≥ vth, and there sets V to vreset and
// the time of the last spike to t (the rule of the integrate-and-fire
// models). Models with more to reset then loop over Spike.
func (p *pointNeuron) fireReset(t, vth, vreset float64) {
	for i, v := range p.V {
		s := v >= vth
		p.Spike[i] = s
		if s {
			p.V[i] = vreset
			p.tLast[i] = t
		}
	}
}

// detectCrossing marks a spike where V crossed vth upwards during the step
// (the rule of BrainPy's HH-type models, which have no reset).
func (p *pointNeuron) detectCrossing(vth float64) {
	for i, v := range p.V {
		p.Spike[i] = p.prevV[i] < vth && v >= vth
	}
}
