package bp

import (
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"sync/atomic"
	"testing"
	"unsafe"
)

// DefaultDT is the step size used when RunnerSettings.DT is zero (ms), as in
// BrainPy.
const DefaultDT = 0.1

// DefaultNaNCheckEvery is how many steps apart the runner checks the
// model's variables for NaN and Inf when RunnerSettings.NaNCheckEvery is 0.
const DefaultNaNCheckEvery = 100

// ErrNonFinite is returned (wrapped) when a variable becomes NaN or Inf
// during a run.
var ErrNonFinite = errors.New("non-finite value")

// ErrBadRun is returned (wrapped) for a bad duration or step size.
var ErrBadRun = errors.New("bad run parameter")

// RunnerSettings configures a [Runner]; the zero value runs with dt = 0.1 ms
// from t = 0, without inputs or monitors, checking for NaN every 100 steps
// and showing a progress bar when standard error is a terminal.
type RunnerSettings struct {
	// DT is the step size (ms); 0 means DefaultDT.
	DT float64
	// T0 is the time at the start of the first run (ms).
	T0 float64
	// Inputs are applied, in order, before every step.
	Inputs []Input
	// Monitors are recorded after every step (or every Monitor.Every steps).
	Monitors []Monitor
	// Progress, when set, is called with the number of steps done and the
	// total of the run, about a hundred times per run and at its end; it
	// must not change the model (see FreshClearer). When
	// nil, a text bar is drawn on standard error if it is a terminal (and
	// never in tests); use NoProgress to silence it.
	Progress func(done, total int64)
	// NaNCheckEvery is how many steps apart all variables are checked for
	// NaN and Inf (and at the end of each run); 0 means
	// DefaultNaNCheckEvery, a negative value turns the check off.
	NaNCheckEvery int
	// ContinueOnNaN lets a run go on when a variable is NaN or Inf.
	ContinueOnNaN bool
	// Workers is how many goroutines share each step of a *Network (0 or 1:
	// the calling goroutine alone). Children that are PartUpdaters (the
	// dyn neuron groups and projections) split their work by neuron
	// ranges; the others run on one goroutine. Results are bit-identical
	// for every value: the same seed gives the same spikes. More workers
	// than free cores slow a run down.
	Workers int
}

// NoProgress is a Progress callback that shows nothing.
func NoProgress(done, total int64) {}

// Runner simulates a model step by step with inputs and monitors
// (BrainPy's DSRunner). Successive calls to Run continue in time. Build the
// model completely before making its runner: the runner resolves names to
// slices once, so that the step loop does no lookup and no allocation.
type Runner struct {
	model    Model
	dt, t0   float64
	step     int64 // steps done since t0
	inputs   []boundInput
	monitors []*boundMonitor
	vars     []Var
	clearers []InputClearer
	failers  []ErrorReporter
	progress func(done, total int64)
	nanEvery int64
	workers  int
	runs     int
	fresh    freshInputs // what the network learns from the second step of a run on (FreshClearer)
}

// NewRunner returns a runner for m. It checks the settings, asks every
// model of the tree that is a DTChecker whether it can run with the step
// size, resolves every input and monitor name, and returns an error naming
// what is wrong. With several Workers it has every PartPreparer of the tree
// prepare for that many parts.
func NewRunner(m Model, s RunnerSettings) (*Runner, error) {
	if m == nil {
		return nil, fmt.Errorf("bp: NewRunner: nil model")
	}
	dt := s.DT
	if dt == 0 {
		dt = DefaultDT
	}
	if !(dt > 0) || math.IsInf(dt, 0) {
		return nil, fmt.Errorf("bp: NewRunner: %w: dt = %v ms, want a finite value > 0", ErrBadRun, s.DT)
	}
	if math.IsNaN(s.T0) || math.IsInf(s.T0, 0) {
		return nil, fmt.Errorf("bp: NewRunner: %w: T0 = %v ms, want a finite value", ErrBadRun, s.T0)
	}
	if err := CheckDT(m, dt); err != nil {
		return nil, fmt.Errorf("bp: NewRunner: %w: dt = %v ms: %w", ErrBadRun, dt, err)
	}
	r := &Runner{model: m, dt: dt, t0: s.T0, vars: Vars(m), progress: s.Progress, workers: max(s.Workers, 1)}
	if s.Workers < 0 {
		return nil, fmt.Errorf("bp: NewRunner: %w: Workers = %d, want 0 or 1 (one goroutine) or more", ErrBadRun, s.Workers)
	}
	if _, isNet := m.(*Network); !isNet && s.Workers > 1 {
		return nil, fmt.Errorf("bp: NewRunner: %w: Workers = %d needs the model to be a *bp.Network (got %T); a single model runs on one goroutine", ErrBadRun, s.Workers, m)
	}
	if r.workers > 1 {
		Walk(m, func(_ string, c Model) {
			if pp, ok := c.(PartPreparer); ok {
				pp.PrepareParts(r.workers)
			}
		})
	}
	byName := make(map[string][]float64, len(r.vars))
	for _, v := range r.vars {
		byName[v.Name] = v.Data
	}
	spikes := make(map[string][]bool)
	for _, s := range AllSpikes(m) {
		spikes[s.Name] = s.Spikes
	}
	for _, in := range s.Inputs {
		b, err := bindInput(m, byName, in)
		if err != nil {
			return nil, err
		}
		r.inputs = append(r.inputs, b)
	}
	names := make(map[string]bool)
	for _, mon := range s.Monitors {
		b, err := bindMonitor(m, byName, spikes, mon)
		if err != nil {
			return nil, err
		}
		if names[b.name] {
			return nil, fmt.Errorf("bp: two monitors named %q (set Monitor.Name to tell them apart)", b.name)
		}
		names[b.name] = true
		r.monitors = append(r.monitors, b)
	}
	funcMonitor := false
	for _, b := range r.monitors {
		funcMonitor = funcMonitor || b.fn != nil
	}
	if net, isNet := m.(*Network); isNet && !funcMonitor { // a Func might write inputs between steps
		// A child is written when a variable under it shares memory with
		// what an input writes, whatever path the input names (another
		// child may expose the same slice: a view, a nested network).
		r.fresh = freshInputs{net: net, written: make([]bool, len(net.children))}
		for i, c := range net.children {
			for _, v := range Vars(c) {
				for _, in := range r.inputs {
					r.fresh.written[i] = r.fresh.written[i] || overlaps(v.Data, in.data)
				}
			}
		}
	}
	if _, isNet := m.(*Network); !isNet {
		r.clearers = inputClearers(m, nil)
	}
	Walk(m, func(path string, m Model) {
		if f, ok := m.(ErrorReporter); ok {
			r.failers = append(r.failers, namedFailer{path, f})
		}
	})
	switch {
	case s.ContinueOnNaN || s.NaNCheckEvery < 0:
		r.nanEvery = 0
	case s.NaNCheckEvery == 0:
		r.nanEvery = DefaultNaNCheckEvery
	default:
		r.nanEvery = int64(s.NaNCheckEvery)
	}
	if r.progress == nil {
		r.progress = NoProgress
		if !testing.Testing() && isTerminal(os.Stderr) {
			r.progress = TextProgress(os.Stderr)
		}
	}
	return r, nil
}

// Run runs for duration (ms), rounded to a whole number of steps, and
// returns what the monitors recorded. If ctx is cancelled the run stops
// within one step and returns the records so far with an error wrapping
// ctx.Err(); if a variable becomes NaN or Inf it stops with an error
// wrapping ErrNonFinite that names the variable, the element and the time;
// if a model that is an ErrorReporter reports an error after a step, it
// stops with that error, naming the model and the time.
func (r *Runner) Run(ctx context.Context, duration float64) (*Result, error) {
	if math.IsNaN(duration) || math.IsInf(duration, 0) || duration < 0 {
		return nil, fmt.Errorf("bp: Run: %w: duration = %v ms, want a finite value >= 0", ErrBadRun, duration)
	}
	if ctx == nil {
		ctx = context.Background()
	}
	n := int64(math.Round(duration / r.dt))
	s0 := r.step
	for i := range r.inputs {
		if err := r.inputs[i].checkSteps(s0+n, r.dt); err != nil {
			return nil, err
		}
	}
	res := &Result{Traces: map[string]*Trace{}, Spikes: map[string]*SpikeTrain{}, Start: r.T()}
	for _, b := range r.monitors {
		if err := b.start(s0, n, r.runs == 0); err != nil {
			return nil, fmt.Errorf("bp: monitor %q: %w", b.name, err)
		}
		if b.trace != nil {
			res.Traces[b.name] = b.trace
		} else {
			res.Spikes[b.name] = b.train
		}
	}
	r.runs++
	err := r.loop(ctx, n)
	for _, b := range r.monitors {
		if ferr := b.flush(); ferr != nil && err == nil {
			err = fmt.Errorf("bp: monitor %q: %w", b.name, ferr)
		}
	}
	res.Steps = r.step - s0
	res.End = r.T()
	return res, err
}

// loop runs n steps.
func (r *Runner) loop(ctx context.Context, n int64) error {
	done := ctx.Done()
	every := max(n/100, 1)
	c := Context{DT: r.dt, Epoch: epochs.Add(1)}
	update := func() { r.model.Update(&c) }
	check := func() error { return checkFinite(r.vars, c.T) }
	nanDue := false // whether the step is followed by the NaN check
	if r.workers > 1 {
		// The parts check their ranges of every variable at the end of the
		// step, before the end barrier; the error is the one checkFinite
		// would give.
		net := r.model.(*Network)
		var t *team // set before the workers run a step
		checks := newPartChecks(r.workers)
		t = newTeam(r.workers, func(part int) {
			net.stepParts(&c, t, part)
			if nanDue && t.panics[part] == nil {
				checks.run(r.vars, part)
			}
		})
		defer t.close()
		defer net.untell() // planParts told the clearers for each step
		update = func() {
			net.planParts(&c, r.workers, nanDue)
			t.run()
		}
		check = func() error { return checks.err(r.vars, c.T) }
	}
	for k := int64(1); k <= n; k++ {
		select {
		case <-done:
			return fmt.Errorf("bp: run interrupted at t = %g ms: %w", r.T(), ctx.Err())
		default:
		}
		c.Step = r.step
		c.T = r.t0 + float64(r.step)*r.dt
		for i := range r.inputs {
			r.inputs[i].apply(c.Step, c.T)
		}
		nanDue = r.nanEvery > 0 && ((r.step+1)%r.nanEvery == 0 || k == n)
		update()
		for _, cl := range r.clearers {
			cl.ClearInputs()
		}
		for _, b := range r.monitors {
			if err := b.record(c.Step, c.T); err != nil {
				return fmt.Errorf("bp: monitor %q: %w", b.name, err)
			}
		}
		r.step++
		for _, f := range r.failers {
			if err := f.Err(); err != nil {
				return fmt.Errorf("bp: step at t = %g ms: %w", c.T, err)
			}
		}
		if nanDue {
			if err := check(); err != nil {
				return err
			}
		}
		if k%every == 0 || k == n {
			r.progress(k, n)
		}
		if r.fresh.net != nil {
			c.fresh = &r.fresh // the network cleared the inputs at the end of this step
		}
	}
	return nil
}

// overlaps reports whether a and b share an element.
func overlaps(a, b []float64) bool {
	if len(a) == 0 || len(b) == 0 {
		return false
	}
	const size = unsafe.Sizeof(float64(0))
	a0, b0 := uintptr(unsafe.Pointer(&a[0])), uintptr(unsafe.Pointer(&b[0]))
	return a0 < b0+uintptr(len(b))*size && b0 < a0+uintptr(len(a))*size
}

// epochs numbers the runs of all runners (Context.Epoch).
var epochs atomic.Uint64

// namedFailer is an ErrorReporter whose errors name its path.
type namedFailer struct {
	path string
	ErrorReporter
}

// Err returns the model's error, if any, with its path.
func (f namedFailer) Err() error {
	if err := f.ErrorReporter.Err(); err != nil {
		return fmt.Errorf("model %q: %w", f.path, err)
	}
	return nil
}

// checkFinite returns an error naming the first NaN or Inf among vars.
func checkFinite(vars []Var, t float64) error {
	for _, v := range vars {
		if i := firstNonFinite(v.Data); i >= 0 {
			return nonFinite(v, i, t)
		}
	}
	return nil
}

// nonFinite is the error for v.Data[i], found after the step at t.
func nonFinite(v Var, i int, t float64) error {
	return fmt.Errorf("bp: %w: %s[%d] = %v, found after the step at t = %g ms", ErrNonFinite, v.Name, i, v.Data[i], t)
}

// partChecks are the results of a NaN check shared among the parts of a
// step: each part checks its range (PartRange) of every variable and
// notes the first non-finite value it finds.
type partChecks []partCheck

// partCheck is one part's result, on a cache line of its own.
type partCheck struct {
	v, i int // variable and index of the first NaN or Inf found, v = −1 if none
	_    [48]byte
}

func newPartChecks(parts int) partChecks { return make(partChecks, parts) }

// run checks part `part`'s range of every variable of vars.
func (pc partChecks) run(vars []Var, part int) {
	pc[part].v = -1
	for k, v := range vars {
		lo, hi := PartRange(len(v.Data), part, len(pc))
		if i := firstNonFinite(v.Data[lo:hi]); i >= 0 {
			pc[part].v, pc[part].i = k, lo+i
			return
		}
	}
}

// err returns the error checkFinite would: for the first variable with a
// NaN or Inf in any part, its first one.
func (pc partChecks) err(vars []Var, t float64) error {
	v, i := -1, 0
	for _, c := range pc {
		if c.v >= 0 && (v < 0 || c.v < v || c.v == v && c.i < i) {
			v, i = c.v, c.i
		}
	}
	if v < 0 {
		return nil
	}
	return nonFinite(vars[v], i, t)
}

// firstNonFinite returns the index of the first NaN or ±Inf in x, or −1.
// x − x is 0 for a finite x and NaN otherwise; summing it over chunks in
// four accumulators, without a branch per element, is about 1.5× faster
// than testing each element (the check runs every 100 steps by default,
// over every variable of the model).
func firstNonFinite(x []float64) int {
	const chunk = 512
	for lo := 0; lo < len(x); lo += chunk {
		c := x[lo:min(lo+chunk, len(x))]
		var a0, a1, a2, a3 float64
		i := 0
		for ; i+4 <= len(c); i += 4 {
			a0 += c[i] - c[i]
			a1 += c[i+1] - c[i+1]
			a2 += c[i+2] - c[i+2]
			a3 += c[i+3] - c[i+3]
		}
		for ; i < len(c); i++ {
			a0 += c[i] - c[i]
		}
		if a0+a1+a2+a3 == 0 {
			continue
		}
		for i, v := range c {
			if v-v != 0 {
				return lo + i
			}
		}
	}
	return -1
}

// T returns the time reached: the start time plus the steps done.
func (r *Runner) T() float64 { return r.t0 + float64(r.step)*r.dt }

// DT returns the step size (ms).
func (r *Runner) DT() float64 { return r.dt }

// Reset resets the model (see [Reset]) and brings the runner back to its
// start time.
func (r *Runner) Reset(seed uint64) {
	Reset(r.model, seed)
	r.step = 0
}

// Run is a shortcut: it makes a runner for m with s and runs it for
// duration.
func Run(ctx context.Context, m Model, duration float64, s RunnerSettings) (*Result, error) {
	r, err := NewRunner(m, s)
	if err != nil {
		return nil, err
	}
	return r.Run(ctx, duration)
}
