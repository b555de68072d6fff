// Package bp is the core of BrainGo: the model interface, composition of
// models into networks, and the runner that simulates any model with inputs
// and monitors.
//
// A model is a Go type with state and an Update that advances it by one step,
// given the shared step [Context] (t, dt, step index). Models at every scale
// (ion channel, neuron group, synapse, projection, network, system of
// networks) implement the same [Model] interface, and bigger models are
// compositions of smaller ones.
//
// # Update order
//
// A [Network] updates its children in the order they were added. The
// convention for spiking networks is to add projections before the neuron
// groups they feed: a projection then reads the presynaptic spikes of the
// previous step and writes conductances or currents that the postsynaptic
// group integrates in the same step, so a spike acts on the next step. After
// all children have been updated, the inputs added during the step are
// cleared ([InputClearer]). A model that writes no model's inputs says so
// ([InputKeeper]); a group followed only by such models is told
// ([UntouchedClearer]) and may skip checking an input it read as zero, and
// in a Runner's run a group preceded only by such models, that no runner
// input reaches, is told that its input is still zero from the last
// clearing ([FreshClearer]) and may skip reading it.
//
// # Paths
//
// Children of a [Network] have names, and variables are addressed by path:
// "E.V" is the variable V of the child E, "cortex.E.V" the same inside a
// network added as "cortex", and "E.spike" the spikes of a spiking child.
// [Vars], [AllSpikes], [Find] and [FindVar] resolve paths; [Reset] and
// [ClearInputs] walk the tree.
//
// # Running
//
// A [Runner] (BrainPy's DSRunner) steps a model for a duration with
// [Input]s (a constant, a constant per element ([ConstInputs]), a series
// per step, or a function of t, added into a variable or combined by an
// [Op]) and [Monitor]s (a variable by path, for
// all or some elements, every n steps; spikes as (time, index) pairs; or a
// function). Names are resolved to slices when the runner is made, so the
// step loop does no lookup and allocates nothing. Results are plain slices:
// a [Trace] is time-major (Values[k][j] is element Index[j] at T[k], ready
// for CSV rows; Series(j) gives one element over time for a line chart), a
// [SpikeTrain] lists spike times and indices (Times, ISIs, Rates and
// SteadyRates give them per element). Records carry the time at
// the start of their step, as BrainPy's runner.mon.ts. A monitor with a
// Stream writer sends CSV lines to it instead of keeping them, so long runs
// hold nothing in memory. Run stops within one step when its context is
// cancelled and returns what it recorded; it stops with an error naming the
// variable, element and time when a variable becomes NaN or Inf. A model
// built for one step size (a projection whose delay was given in ms) is a
// [DTChecker]: NewRunner refuses to run it at another dt. A model that
// records misuse instead of panicking is an [ErrorReporter]; Run stops at
// its first error.
//
// # Several goroutines
//
// RunnerSettings.Workers shares each step of a [Network] among goroutines.
// A child that is a [PartUpdater] does its part of the step on each of
// them (the dyn neuron groups and projections split by [PartRange]s of
// neurons), any other child runs whole on one goroutine, and a barrier
// follows every child except between two that are [PartLocal] for the
// step. A part must do each element's arithmetic exactly as
// Update does, so that the result is the same, bit for bit, for every
// number of workers; a panic in any part comes back on the caller's
// goroutine as a [PartPanic]. Inputs are cleared by parts where the model is a
// [PartClearer].
//
// # Saving state
//
// [Save] and [Load] write and read the full state of a model tree: every
// Var, the spikes of the last step, the generator of every [RandomStater]
// and the extra state of every [StateMarshaler]. Load checks names and
// sizes before it changes anything.
//
// # Writing a model
//
// A new model is a Go type with an Update; a neuron group embeds
// dyn.Population, which gives it V, Spike, Input, current sources and the
// interfaces projections need, and reads its input with Current. See the
// custom-neuron example.
//
// # State layout
//
// Every model keeps its state as contiguous []float64 slices, one per
// variable (struct of arrays), and its parameters as plain fields. The slices
// are allocated once by the constructor and never replaced, so monitors and
// save/load can hold on to them and the hot loop allocates nothing.
package bp
