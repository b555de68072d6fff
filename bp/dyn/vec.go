package dyn

import "math"

// Element-wise loops of the neuron and synapse updates. Each has an AVX2
// body (vec_amd64.s, eight elements per iteration) where lif_kernel
// selected it, and a portable loop that gives bit-identical results, which
// also takes the tail of fewer than eight elements.

// vecAddConstTo sets dst[i] = x[i] + c.
func vecAddConstTo(dst, x []float64, c float64) {
	x = x[:len(dst)]
	done := 0
	if useAVX2 {
		if done = len(dst) &^ 7; done > 0 {
			addConstToAVX2(&dst[0], &x[0], done, c)
		}
	}
	for i := done; i < len(dst); i++ {
		dst[i] = x[i] + c
	}
}

// vecAdd adds x into dst.
func vecAdd(dst, x []float64) {
	x = x[:len(dst)]
	done := 0
	if useAVX2 {
		if done = len(dst) &^ 7; done > 0 {
			addAVX2(&dst[0], &x[0], done)
		}
	}
	for i := done; i < len(dst); i++ {
		dst[i] += x[i]
	}
}

// vecCOBA adds the conductance currents g[i]·(e − v[i]) into dst[i], with
// one rounding for the multiply–add.
func vecCOBA(dst, g, v []float64, e float64) {
	g, v = g[:len(dst)], v[:len(dst)]
	done := 0
	if useAVX2 {
		if done = len(dst) &^ 7; done > 0 {
			cobaAVX2(&dst[0], &g[0], &v[0], done, e)
		}
	}
	for i := done; i < len(dst); i++ {
		dst[i] = math.FMA(g[i], e-v[i], dst[i])
	}
}

// vecScale multiplies x by f.
func vecScale(x []float64, f float64) {
	done := 0
	if useAVX2 {
		if done = len(x) &^ 7; done > 0 {
			scaleAVX2(&x[0], done, f)
		}
	}
	for i := done; i < len(x); i++ {
		x[i] *= f
	}
}

// vecAny reports whether any value of x has a bit set (is not +0).
func vecAny(x []float64) bool {
	done := 0
	if useAVX2 {
		// Chunks of 512, so that a set value near the start ends the scan.
		for ; done+512 <= len(x); done += 512 {
			if anyAVX2(&x[done], 512) {
				return true
			}
		}
		if rest := (len(x) - done) &^ 7; rest > 0 {
			if anyAVX2(&x[done], rest) {
				return true
			}
			done += rest
		}
	}
	var bits uint64
	for _, v := range x[done:] {
		bits |= math.Float64bits(v)
	}
	return bits != 0
}

// vecDecayAdd multiplies g by f and adds the result into dst: a synapse
// decayed as its current is read.
func vecDecayAdd(dst, g []float64, f float64) {
	g = g[:len(dst)]
	done := 0
	if useAVX2 {
		if done = len(dst) &^ 7; done > 0 {
			decayAddAVX2(&dst[0], &g[0], done, f)
		}
	}
	for i := done; i < len(dst); i++ {
		g[i] *= f
		dst[i] += g[i]
	}
}

// vecDecayCOBA multiplies g by f and adds g[i]·(e − v[i]) into dst[i]
// (vecCOBA with the decay fused).
func vecDecayCOBA(dst, g, v []float64, e, f float64) {
	g, v = g[:len(dst)], v[:len(dst)]
	done := 0
	if useAVX2 {
		if done = len(dst) &^ 7; done > 0 {
			decayCOBAAVX2(&dst[0], &g[0], &v[0], done, e, f)
		}
	}
	for i := done; i < len(dst); i++ {
		g[i] *= f
		dst[i] = math.FMA(g[i], e-v[i], dst[i])
	}
}
