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
// cleared ([InputClearer]).
//
// # State layout
//
// Every model keeps its state as contiguous []float64 slices, one per
// variable (struct of arrays), and its parameters as plain fields. The slices
// are allocated once by the constructor and never replaced, so monitors and
// save/load can hold on to them and the hot loop allocates nothing.
package bp
