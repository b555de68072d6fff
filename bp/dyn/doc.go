// Package dyn is BrainGo's model library: neuron groups, ion channels,
// synapse dynamics, synaptic outputs, projections, plasticity, connectivity
// builders, weight initialisers, inputs, rate models and measurements.
//
// Every model implements [bp.Model] and keeps its state as one contiguous
// slice per variable. Neuron groups implement [Neurons]; synaptic outputs
// feed them through [bp.CurrentSource].
package dyn
