package dyn

import (
	"math"
	"slices"
	"testing"

	bm "github.com/braingo/braingo/bp/math"
)

// TestLIFKernelMatchesPortable runs the dispatching kernel (AVX2 where the
// CPU has it) and the portable loop on the same random states, with every
// length from 0 to 37 so that the 4-wide body and the tail both run, and
// requires bit-identical V, t_last, spikes and spike counts. It also checks
// each lane against the update written out by hand.
func TestLIFKernelMatchesPortable(t *testing.T) {
	if !useAVX2 {
		t.Log("no AVX2 kernel in this build or on this CPU: the portable loop is compared with itself")
	}
	rng := bm.NewRNG(3)
	for trial := 0; trial < 200; trial++ {
		n := trial % 38
		k := lifConsts{t: 12.3, bound: 5.05, vRest: -60, r: rng.Uniform(0.5, 2),
			decay: math.Exp(-0.1 / 20), vTh: -50, vReset: -60}
		v, tl, in := make([]float64, n), make([]float64, n), make([]float64, n)
		for i := range v {
			v[i] = rng.Uniform(-62, -49.9)
			in[i] = rng.Uniform(-5, 120)
			switch rng.Intn(3) {
			case 0:
				tl[i] = math.Inf(-1) // never fired
			case 1:
				tl[i] = k.t - rng.Uniform(0, 10) // maybe refractory
			default:
				tl[i] = k.t - k.bound // exactly at the bound: not refractory
			}
		}
		v2, tl2 := append([]float64(nil), v...), append([]float64(nil), tl...)
		s1, s2 := make([]bool, n), make([]bool, n)
		for i := range s1 {
			s1[i], s2[i] = true, true // the kernel must overwrite every flag
		}
		v0, tl0 := append([]float64(nil), v...), append([]float64(nil), tl...)
		base := trial * 7
		idx1, idx2 := make([]int32, n), make([]int32, n)
		c1 := lifExact(v, tl, s1, in, &k, idx1, base)
		c2 := lifExactGo(v2, tl2, s2, in, &k, idx2, base, nil)
		if c1 != c2 {
			t.Fatalf("n=%d: %d spikes from lifExact, %d from the portable loop", n, c1, c2)
		}
		var wantIdx []int32
		for i, s := range s1 {
			if s {
				wantIdx = append(wantIdx, int32(base+i))
			}
		}
		for j, w := range wantIdx {
			if j >= c1 || idx1[j] != w || idx2[j] != w {
				t.Fatalf("n=%d: spike indices %v (kernel) and %v (portable), want %v", n, idx1[:c1], idx2[:c2], wantIdx)
			}
		}
		count := 0
		for i := range v {
			if math.Float64bits(v[i]) != math.Float64bits(v2[i]) || tl[i] != tl2[i] || s1[i] != s2[i] {
				t.Fatalf("n=%d neuron %d: kernel (V %v, t_last %v, spike %v) ≠ portable (%v, %v, %v)",
					n, i, v[i], tl[i], s1[i], v2[i], tl2[i], s2[i])
			}
			// The update by hand, rounded the same way.
			want, spiked := v0[i], false
			if !(k.t-tl0[i] < k.bound) {
				vInf := math.FMA(k.r, in[i], k.vRest)
				want = math.FMA(v0[i]-vInf, k.decay, vInf)
			}
			if want >= k.vTh {
				want, spiked = k.vReset, true
				count++
			}
			if v[i] != want || s1[i] != spiked || (spiked && tl[i] != k.t) || (!spiked && tl[i] != tl0[i]) {
				t.Fatalf("n=%d neuron %d: got V %v spike %v t_last %v, want V %v spike %v", n, i, v[i], s1[i], tl[i], want, spiked)
			}
		}
		if count != c1 {
			t.Fatalf("n=%d: kernel counted %d spikes, flags show %d", n, c1, count)
		}
	}
}

func BenchmarkLIFKernel(b *testing.B) {
	const n = 512
	v, tl, in, s, idx := make([]float64, n), make([]float64, n), make([]float64, n), make([]bool, n), make([]int32, n)
	rng := bm.NewRNG(1)
	for i := range v {
		v[i], in[i], tl[i] = rng.Uniform(-60, -50), rng.Uniform(0, 25), math.Inf(-1)
	}
	k := lifConsts{t: 1, bound: 5.05, vRest: -60, r: 1, decay: math.Exp(-0.005), vTh: -50, vReset: -60}
	for _, c := range []struct {
		name string
		f    func([]float64, []float64, []bool, []float64, *lifConsts, []int32, int) int
	}{{"dispatch", lifExact}, {"portable", func(v, tl []float64, s []bool, in []float64, k *lifConsts, idx []int32, base int) int {
		return lifExactGo(v, tl, s, in, k, idx, base, nil)
	}}} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				c.f(v, tl, s, in, &k, idx, 0)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/n, "ns/neuron")
		})
	}
}

// TestVecMatchesPortable checks the element-wise loops of vec.go (AVX2
// bodies where available) against their formulas, bit for bit, for every
// length from 0 to 41.
func TestVecMatchesPortable(t *testing.T) {
	rng := bm.NewRNG(8)
	for n := 0; n <= 41; n++ {
		x, g, v, d := make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n)
		for i := range x {
			x[i], g[i], v[i], d[i] = rng.Normal(0, 10), rng.Uniform(0, 3), rng.Uniform(-80, -40), rng.Normal(0, 5)
		}
		const c, e, f = 20.5, -80.0, 0.9801986733067553
		got := make([]float64, n)
		check := func(name string, want func(i int) float64) {
			t.Helper()
			for i := range got {
				if w := want(i); math.Float64bits(got[i]) != math.Float64bits(w) {
					t.Fatalf("%s, n=%d, element %d: %v, want %v", name, n, i, got[i], w)
				}
			}
		}
		vecAddConstTo(got, x, c)
		check("vecAddConstTo", func(i int) float64 { return x[i] + c })
		copy(got, d)
		vecAdd(got, x)
		check("vecAdd", func(i int) float64 { return d[i] + x[i] })
		copy(got, d)
		vecCOBA(got, g, v, e)
		check("vecCOBA", func(i int) float64 { return math.FMA(g[i], e-v[i], d[i]) })
		copy(got, x)
		vecScale(got, f)
		check("vecScale", func(i int) float64 { return x[i] * f })
		gd := append([]float64(nil), g...)
		copy(got, d)
		vecDecayAdd(got, gd, f)
		check("vecDecayAdd", func(i int) float64 { return d[i] + g[i]*f })
		copy(got, gd)
		check("vecDecayAdd's decay", func(i int) float64 { return g[i] * f })
		copy(gd, g)
		copy(got, d)
		vecDecayCOBA(got, gd, v, e, f)
		check("vecDecayCOBA", func(i int) float64 { return math.FMA(g[i]*f, e-v[i], d[i]) })
		copy(got, gd)
		check("vecDecayCOBA's decay", func(i int) float64 { return g[i] * f })
		for _, zeros := range []bool{false, true} {
			src := x
			if zeros {
				src = make([]float64, n)
				if n > 0 {
					src[rng.Intn(n)] = math.Copysign(0, -1) // −0 has a bit set
				}
			}
			anyWant := false
			for _, v := range src {
				anyWant = anyWant || math.Float64bits(v) != 0
			}
			if a := vecAny(src); a != anyWant {
				t.Fatalf("vecAny, n=%d: reported %v, want %v", n, a, anyWant)
			}
		}
	}
}

// TestLIFFusedMatchesBlocks runs the fused kernel (input made in the same
// pass) and the block path it replaces — the input as blockInput makes it
// with two outputs handed their decay, then lifExactGo — on the same random
// states, CUBA and COBA, for lengths 4 to 64, and requires bit-identical V,
// t_last, spikes, spike lists and conductances.
func TestLIFFusedMatchesBlocks(t *testing.T) {
	if !useAVX2 {
		t.Skip("no AVX2 kernel in this build or on this CPU: the fused kernel is not used")
	}
	rng := bm.NewRNG(5)
	for trial := range 160 {
		n, coba := 4*(1+trial%16), trial%2 == 1
		k := lifConsts{t: 7.5, bound: 5.05, vRest: -60, r: rng.Uniform(0.5, 2), decay: math.Exp(-0.1 / 20), vTh: -50, vReset: -60}
		v, tl, in := make([]float64, n), make([]float64, n), make([]float64, n)
		g0, g1 := make([]float64, n), make([]float64, n)
		for i := range v {
			v[i], in[i] = rng.Uniform(-62, -49.9), rng.Normal(0, 3)
			g0[i], g1[i] = rng.Uniform(0, 8), rng.Uniform(0, 8)
			if !coba {
				g1[i] = -g1[i]
			}
			tl[i] = k.t - rng.Uniform(0, 10)
			if rng.Intn(3) == 0 {
				tl[i] = math.Inf(-1)
			}
		}
		bias, f0, f1, e0, e1 := rng.Uniform(0, 25), math.Exp(-0.1/5), math.Exp(-0.1/10), 0.0, -80.0
		if trial%3 == 0 { // an input of zeros (−0 has a bit set)
			clear(in)
			if trial%6 == 3 {
				in[trial%n] = math.Copysign(0, -1)
			}
		}
		inputSet := uint64(0)
		for _, x := range in {
			if math.Float64bits(x) != 0 {
				inputSet = 1
			}
		}
		// The block path.
		v2, tl2, g02, g12 := append([]float64(nil), v...), append([]float64(nil), tl...), append([]float64(nil), g0...), append([]float64(nil), g1...)
		cur := make([]float64, n)
		vecAddConstTo(cur, in, bias)
		if coba {
			vecDecayCOBA(cur, g02, v2, e0, f0)
			vecDecayCOBA(cur, g12, v2, e1, f1)
		} else {
			vecDecayAdd(cur, g02, f0)
			vecDecayAdd(cur, g12, f1)
		}
		s2, idx2 := make([]bool, n), make([]int32, n)
		c2 := lifExactGo(v2, tl2, s2, cur, &k, idx2, 3, nil)
		// The fused kernel.
		syn := lifSynapses{g0: &g0[0], g1: &g1[0], f0: f0, f1: f1, bias: bias, e0: e0, e1: [4]float64{e1, e1, e1, e1}, inStride: 32}
		if coba {
			syn.coba = 1
		}
		kin := &in[0]
		if trial%6 == 0 { // in is all zeros: read it as known zero, with a stride of 0
			kin, syn.inStride = &zeroInput[0], 0
		}
		s1, idx1 := make([]bool, n), make([]int32, n)
		for i := range s1 {
			s1[i] = true // the kernel must overwrite every flag
		}
		c1 := lifFusedAVX2(&v[0], &tl[0], kin, &s1[0], n, &k, &idx1[0], 3, &syn)
		if syn.inputSet != inputSet {
			t.Fatalf("n=%d: inputSet %d, want %d", n, syn.inputSet, inputSet)
		}
		if c1 != c2 || !slices.Equal(idx1[:c1], idx2[:c2]) {
			t.Fatalf("n=%d coba=%v: spikes %v (fused), %v (blocks)", n, coba, idx1[:c1], idx2[:c2])
		}
		for i := range v {
			if math.Float64bits(v[i]) != math.Float64bits(v2[i]) || tl[i] != tl2[i] || s1[i] != s2[i] ||
				math.Float64bits(g0[i]) != math.Float64bits(g02[i]) || math.Float64bits(g1[i]) != math.Float64bits(g12[i]) {
				t.Fatalf("n=%d coba=%v neuron %d: fused (V %v, t_last %v, spike %v, g %v %v) ≠ blocks (%v, %v, %v, %v %v)",
					n, coba, i, v[i], tl[i], s1[i], g0[i], g1[i], v2[i], tl2[i], s2[i], g02[i], g12[i])
			}
		}
	}
}
