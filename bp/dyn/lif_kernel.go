package dyn

import (
	"math"

	bm "github.com/braingo/braingo/bp/math"
)

// lifConsts are the per-step constants of the exact LIF update, laid out
// for the assembly kernel (lif_kernel_amd64.s reads them by offset).
type lifConsts struct {
	t, bound, vRest, r, decay, vTh, vReset float64
	sigma                                  float64 // noise per step (lifExactGo only)
}

// lifSynapses are what lifFusedAVX2 adds to the input besides Input: a
// bias and two synapses whose decay the group was handed (handoff.go),
// both CUBA or both COBA, laid out for the kernel.
type lifSynapses struct {
	g0, g1   *float64 // the conductances, from the first neuron of the range
	f0, f1   float64  // their decay factors
	bias     float64
	e0       float64    // reversal potential of synapse 0 (COBA)
	coba     uint64     // 1: COBA outputs, 0: CUBA
	inputSet uint64     // out: 1 if a bit of the input was set
	e1       [4]float64 // reversal potential of synapse 1, four times (a vector operand)
	inStride uint64     // bytes from one four neurons' input to the next: 32, or 0 to read zeroInput throughout
}

// zeroInput is the input lifFusedAVX2 reads, with a stride of 0, for a
// range whose Input is known to be zero (bp.FreshClearer).
var zeroInput [4]float64

// lifExact applies the noise-free exact LIF update to every neuron of v,
// tLast and spike with input in (all of one length), writes base + i for
// each neuron i that spiked, in order, to idx (len ≥ len(v)) and returns
// how many spiked. The AVX2 kernel, where the CPU has it, and the portable
// loop give bit-identical results: both round each fused multiply–add
// once.
func lifExact(v, tLast []float64, spike []bool, in []float64, k *lifConsts, idx []int32, base int) int {
	n := len(v)
	tLast, spike, in, idx = tLast[:n], spike[:n], in[:n], idx[:n]
	done, count := 0, 0
	if useAVX2 && n >= 4 {
		done = n &^ 3
		count = lifExactAVX2(&v[0], &tLast[0], &in[0], &spike[0], done, k, &idx[0], base)
	}
	return count + lifExactGo(v[done:], tLast[done:], spike[done:], in[done:], k, idx[count:], base+done, nil)
}

// lifExactGo is the portable lifExact: the exact update
// V ← V∞ + (V − V∞)·decay, V∞ = V_rest + R·I, then BrainPy's order — hold
// refractory neurons, fire and reset. With k.sigma ≠ 0 it also adds
// σ·N(0, 1) from rng to every neuron that is not refractory.
func lifExactGo(v, tLast []float64, spike []bool, in []float64, k *lifConsts, idx []int32, base int, rng *bm.RNG) int {
	count := 0
	tLast, spike, in = tLast[:len(v)], spike[:len(v)], in[:len(v)]
	for i, vi := range v {
		// Written so that the refractory choice compiles to a conditional
		// move: which neurons are refractory is not predictable.
		refractory := k.t-tLast[i] < k.bound
		vInf := math.FMA(k.r, in[i], k.vRest)
		vNew := math.FMA(vi-vInf, k.decay, vInf)
		if k.sigma != 0 && !refractory { // the loop-invariant test first: no branch on refractory without noise
			vNew += k.sigma * rng.Normal(0, 1)
		}
		if refractory {
			vNew = vi
		}
		s := vNew >= k.vTh
		if s {
			vNew = k.vReset
			tLast[i] = k.t
			idx[count] = int32(base + i)
			count++
		}
		spike[i] = s
		v[i] = vNew
	}
	return count
}
