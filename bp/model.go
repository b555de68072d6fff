package bp

// Context is the shared per-step context handed to every Update: the time at
// the start of the step, the step size, and the step index (BrainPy's
// bp.share {t, dt, i}). Times are in milliseconds.
type Context struct {
	T    float64 // time at the start of the step (ms)
	DT   float64 // step size (ms)
	Step int64   // index of the step, counted from 0
	// Epoch changes whenever the state may have been changed from outside
	// the models (a Runner gives each Run call its own, never 0). A model
	// may carry what it derived from its previous step (a list of the
	// neurons that spiked, say) to the next step only within one non-zero
	// epoch; 0, the value in a loop written by hand, carries nothing.
	Epoch uint64

	fresh *freshInputs // set by a Runner from the second step of a run on (FreshClearer)
}

// freshInputs is what a Runner tells the network it steps about the inputs
// of the network's children: which children its own inputs write into.
type freshInputs struct {
	net     *Network
	written []bool // by child index
}

// Model is a dynamical system: anything that advances its state by one step.
type Model interface {
	Update(ctx *Context)
}

// Var is a named state variable of a model: a contiguous slice, one entry per
// element (neuron, synapse, node).
type Var struct {
	Name string    // variable name, or path below a model ("E.V")
	Data []float64 // the model's own slice, one entry per element
}

// VarHolder is a model whose state variables can be monitored, saved and
// loaded by name. Vars returns the same slices on every call.
type VarHolder interface {
	Vars() []Var
}

// Spiker is a group of spiking elements. Spikes reports, after an Update,
// which elements spiked in that step.
type Spiker interface {
	Spikes() []bool
}

// Resetter restores a model's initial state. A non-zero seed re-seeds the
// model's random state; zero keeps the seed it was built with.
type Resetter interface {
	Reset(seed uint64)
}

// InputClearer is a model that accumulates inputs during a step (external
// currents, synaptic currents) and clears them after it.
type InputClearer interface {
	ClearInputs()
}

// InputKeeper is a model that says whether its Update leaves the inputs of
// other models alone: it writes no model's input (what InputClearers
// clear), though it may read them. Among the library's models LIF,
// TraubHH, the projections and SpikeCounter keep inputs, and so does a
// Network all of whose children do. See UntouchedClearer.
type InputKeeper interface {
	KeepsInputs() bool
}

// UntouchedClearer is an InputClearer that can clear faster when nothing
// could write its inputs after its own update in a step: a Network tells
// it so before each step (InputsUntouched(true)) when every child after
// the one it belongs to is an InputKeeper (and that child too, if the
// clearer is inside it), and takes it back after the step, also when the
// step panics. It may then rely on what it saw when it read its inputs
// during the step (a group that read only zeros has nothing to clear); each
// call, either way, starts a new step, forgetting what it saw before.
type UntouchedClearer interface {
	InputClearer
	InputsUntouched(untouched bool)
}

// FreshClearer is an UntouchedClearer that can skip reading inputs it knows
// are zero. Before every step of a Runner's run, the Network the runner
// steps tells each FreshClearer among its children whether its inputs are
// fresh: whether nothing can have written them since the network cleared
// them at the end of the step before. Never at the first step of a run;
// at the others, when the children up to and including the one it belongs
// to (every one, if several children reach it) keep inputs (InputKeeper,
// asked at every step), no input of the runner (RunnerSettings.Inputs)
// writes memory that a variable of that child holds (a child added after
// the runner was made never qualifies), and the runner has no Func
// monitor. After the step (after the run, on several workers), or
// a step that panics, it is told false. Code that runs between steps (a
// Progress callback, an input's Func, an ErrorReporter) must not write
// inputs.
type FreshClearer interface {
	UntouchedClearer
	InputsFresh(fresh bool)
}

// Parent is a composite model; Children lists the models it updates, in
// update order. Reset, input clearing, monitors by path and save/load walk
// the tree through it.
type Parent interface {
	Children() []Model
}

// CurrentSource computes a current that depends on the membrane potential of
// the group it feeds (a synaptic output such as a conductance times a driving
// force). AddCurrent adds, for each postsynaptic element i, its current given
// v[i] into dst[i]. A neuron group calls its sources once per step, before it
// integrates.
type CurrentSource interface {
	AddCurrent(dst, v []float64)
}

// NamedParent is a Parent whose children have names. Paths to variables use
// the names ("E.V" is the variable V of the child named E); children of a
// Parent without names are addressed by their index ("0.V").
type NamedParent interface {
	Parent
	// ChildNames returns one name per child, in the order of Children.
	ChildNames() []string
}

// RandomState is the state of a random number generator that can be written
// and restored exactly (*bm.RNG is one).
type RandomState interface {
	MarshalBinary() ([]byte, error)
	UnmarshalBinary(data []byte) error
}

// RandomStater is a model with its own random number generator; Save and
// Load carry its state so that a restored model draws the same numbers. A nil
// RandomState means the model currently has no random state.
type RandomStater interface {
	RandomState() RandomState
}

// StateMarshaler is a model with state beyond its Vars, Spikes and random
// state (an integer cursor of a ring buffer, a boolean history) that Save and
// Load must carry.
type StateMarshaler interface {
	MarshalState() ([]byte, error)
	UnmarshalState(data []byte) error
}

// DTChecker is a model built for one step size, such as a projection whose
// delay was given in ms and converted to steps. CheckDT returns an error
// saying what is wrong when the model cannot run with steps of dt (ms). A
// Runner calls it on every model of the tree before the first step.
type DTChecker interface {
	CheckDT(dt float64) error
}

// ErrorReporter is a model that records a failure or misuse during Update
// (such as a step that does not continue its last one) instead of
// panicking. A Runner checks Err after every step and stops the run with
// the first error, keeping the records so far.
type ErrorReporter interface {
	Err() error
}
