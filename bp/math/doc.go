// Package bm is BrainGo's numerical toolbox, conventionally imported as
//
//	bm "github.com/braingo/braingo/bp/math"
//
// as BrainPy users write brainpy.math. It holds what models and notebooks
// need beyond plain []float64 vectors and gonum matrices:
//
//   - helpers: Linspace, Arange, Zeros, Ones, Full, reductions (Sum, Mean,
//     Std, Min, Max, Argmax, Argmin), Clip, Where, the stable Exprel used by
//     Hodgkin–Huxley rate functions, and the rate-model activations;
//   - random numbers: RNG, a seedable PCG generator whose state can be saved
//     and restored, with the distributions models need, independent child
//     streams (NewRNGStream, Split), and a package default reseeded by Seed;
//   - sparse connectivity: CSR (rows = presynaptic neurons) and its
//     post-major twin CSC, conversions to and from dense, COO and index
//     lists, the projection product, and the event-driven product that
//     touches only the rows of the neurons that spiked;
//   - just-in-time connectivity: JITConn, a random matrix regenerated row by
//     row from a seed and never stored.
//
// # Orientation of connection matrices
//
// CSR, CSC and JITConn all describe a matrix A with one row per
// presynaptic neuron and one column per postsynaptic neuron: A[pre, post] is
// the weight of the synapse pre → post. Their products are named for what a
// network does with them:
//
//   - MatVec(dst, x) is the projection dst = Aᵀx: presynaptic activity x
//     (len Rows) is propagated to the postsynaptic neurons, dst[post] =
//     Σ_pre A[pre, post]·x[pre]; MatVecAdd accumulates instead;
//   - EventAdd(dst, spikes) is the same projection for a spike vector,
//     dst[post] += Σ_{pre spiked} A[pre, post], touching only the rows of
//     the neurons that spiked (CSR, JITConn) or gathering per postsynaptic
//     neuron (CSC); EventAddIdx takes the spiking neurons as indices;
//   - MulVec(dst, y) is the ordinary product dst = A·y (y indexed by
//     postsynaptic, dst by presynaptic neuron), as in gonum's MulVec.
//
// Products that run inside simulation loops take the destination first and
// allocate nothing; they panic on mismatched lengths, like gonum's mat.
// Constructors validate their input and return errors wrapping ErrShape or
// ErrParam. Random draws are reproducible: the same seed gives the same
// numbers on every run and platform.
package bm
