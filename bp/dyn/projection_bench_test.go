package dyn

import (
	"testing"

	"github.com/braingo/braingo/bp"
	bm "github.com/braingo/braingo/bp/math"
)

// benchSource spikes a fixed random 1 % of n neurons.
func benchSource(n int) *synSpikeSource {
	s := &synSpikeSource{s: make([]bool, n), p: 0.01, rng: bm.NewRNG(1)}
	s.Update(nil)
	return s
}

func benchComm(b *testing.B, kind string, n int) Comm {
	switch kind {
	case "csr":
		c, err := ConnFixedProb(n, n, 0.02, ConnOptions{Seed: 1})
		if err != nil {
			b.Fatal(err)
		}
		comm, _ := NewCSRComm(c)
		return comm
	case "jit":
		comm, err := NewJITComm(n, n, 0.02, bm.HomoWeight(1), 1)
		if err != nil {
			b.Fatal(err)
		}
		return comm
	case "dense":
		w := make([]float64, n*n)
		bm.NewRNG(1).UniformFill(w, 0, 1)
		comm, _ := NewDenseCommFlat(n, n, w)
		return comm
	}
	b.Fatalf("unknown layer %q", kind)
	return nil
}

// BenchmarkProjAlignPost times one step of an Expon/COBA align-post
// projection with 1 % of the presynaptic neurons spiking: 4000×4000 at
// p = 0.02 for the sparse layers, 1000×1000 for the dense one.
func BenchmarkProjAlignPost(b *testing.B) {
	for _, kind := range []string{"csr", "jit", "dense"} {
		b.Run(kind, func(b *testing.B) {
			n := 4000
			if kind == "dense" {
				n = 1000
			}
			post := newSynRecorder(n, -60)
			syn, _ := NewExpon(n, ExponParams{Tau: 5})
			p, err := NewProjAlignPost(benchSource(n), post, benchComm(b, kind, n), syn, &COBA{}, DelayOptions{DelaySteps: 10})
			if err != nil {
				b.Fatal(err)
			}
			ctx := &bp.Context{DT: 0.1}
			b.ReportAllocs()
			for b.Loop() {
				p.Update(ctx)
			}
		})
	}
}

// BenchmarkProjAlignPreSTP times one step of an STP → Expon align-pre
// projection, 4000×4000 CSR at p = 0.02: the product runs over every
// presynaptic neuron with a non-zero conductance.
func BenchmarkProjAlignPreSTP(b *testing.B) {
	const n = 4000
	stp, _ := NewSTP(n, STPParams{})
	ex, _ := NewExpon(n, ExponParams{Tau: 5})
	syn, _ := NewChain(stp, ex)
	p, err := NewProjAlignPre(benchSource(n), newSynRecorder(n, -60), benchComm(b, "csr", n), syn, &COBA{}, DelayOptions{})
	if err != nil {
		b.Fatal(err)
	}
	ctx := &bp.Context{DT: 0.1}
	b.ReportAllocs()
	for b.Loop() {
		p.Update(ctx)
	}
}

// BenchmarkSTDPCSR times one STDP step on a 4000×4000 CSR at p = 0.02 with
// 1 % of the pre and post neurons spiking.
func BenchmarkSTDPCSR(b *testing.B) {
	const n = 4000
	s, err := NewSTDP(benchSource(n), benchSource(n), benchComm(b, "csr", n), STDPParams{WMax: 10})
	if err != nil {
		b.Fatal(err)
	}
	ctx := &bp.Context{DT: 0.1}
	b.ReportAllocs()
	for b.Loop() {
		s.Update(ctx)
	}
}
