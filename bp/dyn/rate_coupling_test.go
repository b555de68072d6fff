package dyn

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/braingo/braingo/bp"
)

// TestDelayCouplingHistory checks the delayed reads exactly: node 0 reads
// node 1 three steps back, node 1 reads node 0 one step back, with the
// history before the first step equal to the first value.
func TestDelayCouplingHistory(t *testing.T) {
	for _, kind := range []CouplingKind{Additive, Diffusive} {
		src, tgt := make([]float64, 2), make([]float64, 2)
		c, err := NewDelayCoupling(src, tgt, []float64{0, 1, 2, 0}, CouplingParams{Kind: kind, Delays: []float64{0, 3, 1, 0}, DT: 1, MaxDelaySteps: 3})
		if err != nil {
			t.Fatal(err)
		}
		a := func(k int) float64 { return float64(max(k, 0) + 1) }
		b := func(k int) float64 { return 10 * a(k) }
		ctx := &bp.Context{DT: 1}
		for k := range 8 {
			src[0], src[1] = a(k), b(k)
			c.Update(ctx)
			want0, want1 := b(k-3), 2*a(k-1)
			if kind == Diffusive {
				want0 -= a(k)
				want1 -= 2 * b(k)
			}
			if tgt[0] != want0 || tgt[1] != want1 {
				t.Fatalf("kind %d step %d: target %v, want [%g %g]", kind, k, tgt, want0, want1)
			}
			clear(tgt)
		}
	}
}

func TestDelayCouplingErrors(t *testing.T) {
	x := make([]float64, 2)
	for k, c := range []struct {
		src, tgt, w []float64
		s           CouplingParams
		want        error
	}{
		{x, x, make([]float64, 3), CouplingParams{}, ErrSizeMismatch},
		{x, make([]float64, 3), make([]float64, 6), CouplingParams{Kind: Diffusive}, ErrSizeMismatch},
		{x, x, make([]float64, 4), CouplingParams{Delays: []float64{1}}, ErrSizeMismatch},
		{x, x, make([]float64, 4), CouplingParams{Delays: []float64{0, 5, 0, 0}, DT: 1, MaxDelaySteps: 4}, ErrDelay},
		{x, x, make([]float64, 4), CouplingParams{Delays: []float64{0, -1, 0, 0}}, ErrDelay},
		{x, x, make([]float64, 4), CouplingParams{Kind: 7}, ErrRate},
	} {
		if _, err := NewDelayCoupling(c.src, c.tgt, c.w, c.s); !errors.Is(err, c.want) {
			t.Errorf("case %d: error %v, want %v", k, err, c.want)
		}
	}
}

// TestFHNDiffusiveSync checks that diffusive coupling synchronises two
// oscillating FHN nodes started at different phases, with and without a
// conduction delay, and that without coupling they stay apart.
func TestFHNDiffusiveSync(t *testing.T) {
	for _, c := range []struct {
		gain, delay float64
		sync        bool
	}{{0.5, 0, true}, {0.5, 2, true}, {0, 0, false}} {
		m, err := NewRateFHN(2, RateFHNParams{Method: "rk4"})
		if err != nil {
			t.Fatal(err)
		}
		m.X[0], m.X[1], m.Y[1] = -0.5, 1, 1
		cp, err := NewDelayCoupling(m.X, m.InputX, []float64{0, 1, 1, 0},
			CouplingParams{Kind: Diffusive, Gain: c.gain, Delays: []float64{0, c.delay, c.delay, 0}, DT: 0.1})
		if err != nil {
			t.Fatal(err)
		}
		if c.gain == 0 {
			cp.Gain = 0
		}
		gap := newSwing()
		runRate(m, 0.1, 3000, func() { cp.Update(nil); m.InputX[0] += 1; m.InputX[1] += 1 }, func(tt float64) {
			if tt > 2500 {
				gap.add(math.Abs(m.X[0] - m.X[1]))
			}
		})
		if synced := gap.hi < 1e-3; synced != c.sync {
			t.Errorf("gain %g delay %g: largest |x0 − x1| late in the run %.3g, want synchronised %v", c.gain, c.delay, gap.hi, c.sync)
		}
	}
}

// BenchmarkWholeBrainStep is one step of an 80-region FHN network with
// delayed diffusive coupling (dense weights, delays up to 20 ms at dt 0.1).
func BenchmarkWholeBrainStep(b *testing.B) {
	const n = 80
	m, err := NewRateFHN(n, RateFHNParams{})
	if err != nil {
		b.Fatal(err)
	}
	w, d := make([]float64, n*n), make([]float64, n*n)
	for k := range w {
		w[k] = float64(k%7) / 7
		d[k] = float64(k % 200 / 10)
	}
	c, err := NewDelayCoupling(m.X, m.InputX, w, CouplingParams{Kind: Diffusive, Delays: d, DT: 0.1})
	if err != nil {
		b.Fatal(err)
	}
	ctx := &bp.Context{DT: 0.1}
	b.ReportAllocs()
	for b.Loop() {
		c.Update(ctx)
		m.Update(ctx)
		m.ClearInputs()
	}
}

// TestDelayCouplingSaveLoad checks that bp.Save and bp.Load carry the
// delay history, the ring position and the OU noise: a network of FHN
// nodes saved mid-run and restored into a fresh copy continues exactly.
func TestDelayCouplingSaveLoad(t *testing.T) {
	build := func() (*bp.Network, *RateFHN) {
		m, _ := NewRateFHN(3, RateFHNParams{X0: 0.1, Method: "rk4"}) // exp_euler caches φ between steps, outside the saved state
		c, err := NewDelayCoupling(m.X, m.InputX, []float64{0, 1, 0.5, 1, 0, 0, 0.5, 0.2, 0},
			CouplingParams{Kind: Additive, Gain: 0.3, Delays: []float64{0, 1.3, 0.7, 2, 0, 0, 0.4, 0.9, 0}})
		if err != nil {
			t.Fatal(err)
		}
		noise, err := NewOUNoise(m.InputX, OUNoiseParams{Mean: 0.8, Sigma: 0.1, Seed: 5})
		if err != nil {
			t.Fatal(err)
		}
		net := testNetwork(t, part{"c", c}, part{"noise", noise}, part{"fhn", m})
		return net, m
	}
	run := func(net *bp.Network, from, steps int64) {
		ctx := &bp.Context{DT: 0.1}
		for ctx.Step = from; ctx.Step < from+steps; ctx.Step++ {
			ctx.T = float64(ctx.Step) * ctx.DT
			net.Update(ctx)
		}
	}
	a, ma := build()
	run(a, 0, 137)
	var buf bytes.Buffer
	if err := bp.Save(&buf, a); err != nil {
		t.Fatal(err)
	}
	b, mb := build()
	if err := bp.Load(&buf, b); err != nil {
		t.Fatal(err)
	}
	run(a, 137, 200)
	run(b, 137, 200)
	if !slices.Equal(ma.X, mb.X) || !slices.Equal(ma.Y, mb.Y) {
		t.Errorf("restored run x %v, original %v", mb.X, ma.X)
	}
}

// TestDelayCouplingNeedsTheRunsStep checks that delays converted at one dt
// refuse, with a panic naming both steps, to run at another.
func TestDelayCouplingNeedsTheRunsStep(t *testing.T) {
	x, y := make([]float64, 2), make([]float64, 2)
	c, err := NewDelayCoupling(x, y, []float64{0, 1, 1, 0}, CouplingParams{Delays: []float64{0, 2, 2, 0}})
	if err != nil {
		t.Fatal(err)
	}
	c.Update(&bp.Context{DT: 0.1}) // the default DT
	defer func() {
		if msg := fmt.Sprint(recover()); !strings.Contains(msg, "DT = 0.1 ms") || !strings.Contains(msg, "dt = 0.2 ms") {
			t.Errorf("run at dt 0.2: panic %q, want one naming both steps", msg)
		}
	}()
	c.Update(&bp.Context{DT: 0.2})
}
