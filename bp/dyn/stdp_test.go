package dyn

import (
	"bytes"
	"errors"
	"math"
	"testing"

	"github.com/braingo/braingo/bp"
	bm "github.com/braingo/braingo/bp/math"
)

// stdpPair returns the weight change of one pre/post spike pair with the
// postsynaptic spike dt ms after the presynaptic one, on a dense and on a
// CSR layer.
func stdpPair(t *testing.T, lag float64) (dense, sparse float64) {
	const step = 0.1
	tPre, tPost := 50.0, 50.0+lag
	for _, kind := range []string{"dense", "csr"} {
		pre, _ := NewSpikeTimeGroup(2, []float64{tPre}, []int{1})
		post, _ := NewSpikeTimeGroup(3, []float64{tPost}, []int{2})
		var comm Comm
		if kind == "dense" {
			comm, _ = NewDenseCommFlat(2, 3, []float64{1, 1, 1, 1, 1, 1})
		} else {
			c, _ := bm.NewCSR(2, 3, []int32{0, 1, 3}, []int32{0, 0, 2}, nil, 1)
			comm, _ = NewCSRComm(c)
		}
		s, err := NewSTDP(pre, post, comm, STDPParams{})
		if err != nil {
			t.Fatal(err)
		}
		ctx := &bp.Context{DT: step}
		for k := range 1500 {
			ctx.T, ctx.Step = float64(k)*step, int64(k)
			pre.Update(ctx)
			post.Update(ctx)
			s.Update(ctx)
		}
		// Synapse 1 → 2 is W[5] (dense) or Weights[2] (CSR); the others
		// must not move.
		if kind == "dense" {
			dense = s.W[5] - 1
			for k, w := range s.W[:5] {
				if k != 2 && w != 1 {
					t.Errorf("dense: unrelated weight %d changed to %v", k, w)
				}
			}
		} else {
			sparse = s.W[2] - 1
			if s.W[0] != 1 || s.W[1] != 1 {
				t.Errorf("csr: unrelated weights changed: %v", s.W)
			}
		}
	}
	return dense, sparse
}

func TestSTDPPairs(t *testing.T) {
	// numbers.md 3.11 (Song 2000 defaults).
	for _, tc := range []struct {
		lag, want, exact float64
	}{
		{10, 0.5294, 0.96 * math.Exp(-10/16.8)},
		{-10, -0.3939, -0.53 * math.Exp(-10/33.7)},
		{20, 0.2919, 0.96 * math.Exp(-20/16.8)},
		{-20, -0.2928, -0.53 * math.Exp(-20/33.7)},
		{0, 0, 0},
	} {
		d, s := stdpPair(t, tc.lag)
		for name, got := range map[string]float64{"dense": d, "csr": s} {
			if math.Abs(got-tc.exact) > 1e-12 || math.Abs(got-tc.want) > 1e-4 {
				t.Errorf("%s Δt = %+v ms: Δw = %.6f, want %.4f (exact %.6f)", name, tc.lag, got, tc.want, tc.exact)
			}
		}
	}
}

func TestSTDPBoundsAndErrors(t *testing.T) {
	pre, _ := NewSpikeTimeGroup(1, []float64{0, 5}, []int{0, 0})
	post, _ := NewSpikeTimeGroup(1, []float64{1, 6}, []int{0, 0})
	comm, _ := NewDenseCommFlat(1, 1, []float64{0.9})
	s, err := NewSTDP(pre, post, comm, STDPParams{WMax: 1})
	if err != nil {
		t.Fatal(err)
	}
	ctx := &bp.Context{DT: 0.1}
	for k := range 100 {
		ctx.T = float64(k) * 0.1
		pre.Update(ctx)
		post.Update(ctx)
		s.Update(ctx)
	}
	if comm.W[0] != 1 {
		t.Errorf("weight %v, want it clipped at WMax = 1", comm.W[0])
	}
	all, _ := NewAllToAll(1, 1, 1, false)
	wide, _ := NewDenseCommFlat(1, 2, []float64{0, 0})
	for name, err := range map[string]error{
		"unsupported layer": second(NewSTDP(pre, post, all, STDPParams{})),
		"shape":             second(NewSTDP(pre, post, wide, STDPParams{})),
		"empty bounds":      second(NewSTDP(pre, post, comm, STDPParams{WMin: 2, WMax: 1})),
		"weight outside":    second(NewSTDP(pre, post, comm, STDPParams{WMin: 2, WMax: 3})),
		"negative tau":      second(NewSTDP(pre, post, comm, STDPParams{TauS: -1})),
	} {
		if !errors.Is(err, ErrSynapse) && !errors.Is(err, ErrSizeMismatch) {
			t.Errorf("%s: err = %v", name, err)
		}
	}
}

// TestSongMillerAbbott reproduces the competitive outcome of Song, Miller
// & Abbott (2000): 1000 excitatory Poisson inputs at 15 Hz drive one
// integrate-and-fire neuron (V_rest −70, threshold −54, reset −60 mV, τ 20
// ms) through plastic conductances (g_max 0.015 in leak units, τ_syn 5 ms,
// E 0 mV) under LTD-dominated pair STDP. The
// weights, uniform at the start, end bimodal: a peak near 0, a second one
// at g_max, and a trough between.
//
// To keep the test to a few seconds of CPU it departs from the paper in two
// declared ways: the learning amplitudes are 6× Song's (A1 = .96·.03·g_max
// ≈ 2.9 % of g_max per pairing, A2 = .53·.03·g_max, the BrainPy default
// time constants, so the LTD/LTP area ratio is 1.107 rather than 1.05), and
// the step is 0.5 ms (exact for the leak and the synapse; the STDP window
// is tens of ms) for 150 s of simulated time.
func TestSongMillerAbbott(t *testing.T) {
	if testing.Short() {
		t.Skip("150 s of simulated time")
	}
	const (
		nIn   = 1000
		gmax  = 0.015
		eta   = 0.03
		dt    = 0.5
		steps = 300000
	)
	in, _ := NewPoissonGroup(nIn, 15, 7)
	post, err := NewLIF(1, LIFParams{VRest: -70, VTh: -54, VReset: -60, Tau: 20, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	w := make([]float64, nIn)
	bm.NewRNG(8).UniformFill(w, 0, gmax)
	comm, _ := NewDenseCommFlat(nIn, 1, w)
	syn, _ := NewExpon(1, ExponParams{Tau: 5})
	proj, err := NewProjAlignPost(in, post, comm, syn, &COBA{E: 0}, DelayOptions{})
	if err != nil {
		t.Fatal(err)
	}
	stdp, err := NewSTDP(in, post, comm, STDPParams{A1: 0.96 * eta * gmax, A2: 0.53 * eta * gmax, WMax: gmax})
	if err != nil {
		t.Fatal(err)
	}
	net := []bp.Model{proj, post, in, stdp}
	ctx := &bp.Context{DT: dt}
	spikes := 0
	for k := range steps {
		ctx.T, ctx.Step = float64(k)*dt, int64(k)
		for _, m := range net {
			m.Update(ctx)
		}
		if post.Spike[0] && k >= steps-20000 {
			spikes++
		}
	}
	hist := make([]int, 10)
	for _, x := range w {
		hist[min(int(x/gmax*10), 9)]++
	}
	trough := slicesMinInt(hist[2:8])
	t.Logf("weight histogram in tenths of g_max: %v; output %.1f Hz over the last 10 s", hist, float64(spikes)/10)
	// A uniform histogram has 100 per bin. Bimodal: the lowest bin holds
	// the most, the top bin at least twice the emptiest middle bin.
	if hist[0] < 300 || slicesMaxInt(hist) != hist[0] || hist[9] < 2*trough {
		t.Errorf("weights not bimodal: histogram %v", hist)
	}
}

func slicesMinInt(x []int) int {
	m := x[0]
	for _, v := range x {
		m = min(m, v)
	}
	return m
}

func slicesMaxInt(x []int) int {
	m := x[0]
	for _, v := range x {
		m = max(m, v)
	}
	return m
}

// TestSTDPSaveLoad checks that bp.Save and bp.Load carry what STDP learnt
// and its traces: a restored network (Poisson sources, their generators
// included) continues to exactly the same weights.
func TestSTDPSaveLoad(t *testing.T) {
	build := func() (*bp.Network, *STDP) {
		pre, _ := NewPoissonGroup(20, 60, 1)
		post, _ := NewPoissonGroup(10, 60, 2)
		w := make([]float64, 200)
		bm.NewRNG(3).UniformFill(w, 0.2, 0.8)
		comm, _ := NewDenseCommFlat(20, 10, w)
		s, err := NewSTDP(pre, post, comm, STDPParams{A1: 0.01, A2: 0.01, WMax: 1})
		if err != nil {
			t.Fatal(err)
		}
		net := testNetwork(t, part{"pre", pre}, part{"post", post}, part{"stdp", s})
		return net, s
	}
	net, a := build()
	r, _ := bp.NewRunner(net, bp.RunnerSettings{})
	if _, err := r.Run(nil, 200); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := bp.Save(&buf, net); err != nil {
		t.Fatal(err)
	}
	if _, err := r.Run(nil, 200); err != nil {
		t.Fatal(err)
	}
	net2, b := build()
	if err := bp.Load(&buf, net2); err != nil {
		t.Fatal(err)
	}
	if _, err := bp.Run(nil, net2, 200, bp.RunnerSettings{T0: 200}); err != nil {
		t.Fatal(err)
	}
	_, fresh := build()
	changed := false
	for k := range a.W {
		if a.W[k] != b.W[k] {
			t.Fatalf("weight %d: %v after load, %v without", k, b.W[k], a.W[k])
		}
		changed = changed || a.W[k] != fresh.W[k]
	}
	if !changed {
		t.Error("the weights did not learn anything: the test would not see a lost weight")
	}
}
