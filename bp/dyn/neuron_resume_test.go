package dyn_test

import (
	"bytes"
	"math"
	"testing"

	"github.com/braingo/braingo/bp"
	"github.com/braingo/braingo/bp/dyn"
)

// TestResumeNoiseAndRefractory checks that every integrate-and-fire type
// with both noise and a refractory period continues identically from a
// saved state: N steps in one run give the same spikes as k steps, Save,
// Load into a fresh group and N − k steps from T0 = k·dt. The resumed run
// computes t as T0 + step·dt, which rounds differently from 0 + step·dt, so
// the refractory test must not depend on the last bit of t − t_last.
func TestResumeNoiseAndRefractory(t *testing.T) {
	const n, dt, tRef, noise = 40, 0.1, 2.0, 3.0
	const steps, split = 3000, 1237
	v0 := dyn.Between(-70, -55)
	cases := map[string]struct {
		build func() (bp.Model, error)
		I     float64
	}{
		"LIF exact": {func() (bp.Model, error) {
			return dyn.NewLIF(n, dyn.LIFParams{TRef: tRef, Noise: noise, Seed: 3, V0: v0})
		}, 20},
		"LIF rk4": {func() (bp.Model, error) {
			return dyn.NewLIF(n, dyn.LIFParams{TRef: tRef, Noise: noise, Seed: 3, V0: v0, Method: "rk4"})
		}, 20},
		"ExpIF": {func() (bp.Model, error) {
			return dyn.NewExpIF(n, dyn.ExpIFParams{TRef: tRef, Noise: noise, Seed: 3, V0: v0})
		}, 5},
		"AdExIF": {func() (bp.Model, error) {
			return dyn.NewAdExIF(n, dyn.AdExIFParams{TRef: tRef, Noise: noise, Seed: 3, V0: v0})
		}, 8},
		"QuaIF": {func() (bp.Model, error) {
			return dyn.NewQuaIF(n, dyn.QuaIFParams{TRef: tRef, Noise: noise, Seed: 3, V0: v0})
		}, 10},
		"AdQuaIF": {func() (bp.Model, error) {
			return dyn.NewAdQuaIF(n, dyn.AdQuaIFParams{TRef: tRef, Noise: noise, Seed: 3, V0: v0})
		}, 10},
		"GIF": {func() (bp.Model, error) {
			return dyn.NewGIF(n, dyn.GIFParams{TRef: tRef, Noise: noise, Seed: 3, V0: v0})
		}, 3},
		"Izhikevich": {func() (bp.Model, error) {
			return dyn.NewIzhikevich(n, dyn.IzhikevichParams{TRef: tRef, Noise: noise, Seed: 3, V0: v0})
		}, 10},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			build := func() bp.Model {
				m, err := c.build()
				if err != nil {
					t.Fatal(err)
				}
				return m
			}
			settings := func(t0 float64) bp.RunnerSettings {
				return bp.RunnerSettings{DT: dt, T0: t0, Inputs: []bp.Input{bp.ConstInput("", c.I)}, Monitors: bp.Monitors("spike")}
			}
			whole, err := bp.Run(nil, build(), steps*dt, settings(0))
			if err != nil {
				t.Fatal(err)
			}
			a := build()
			first, err := bp.Run(nil, a, split*dt, settings(0))
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			if err := bp.Save(&buf, a); err != nil {
				t.Fatal(err)
			}
			b := build()
			if err := bp.Load(&buf, b); err != nil {
				t.Fatal(err)
			}
			second, err := bp.Run(nil, b, (steps-split)*dt, settings(split*dt))
			if err != nil {
				t.Fatal(err)
			}
			w, f, s := whole.Spikes["spike"], first.Spikes["spike"], second.Spikes["spike"]
			gotT, gotI := append(append([]float64{}, f.T...), s.T...), append(append([]int{}, f.Index...), s.Index...)
			if len(w.T) < 10*n/4 {
				t.Fatalf("only %d spikes in %g ms; the test needs a firing group", len(w.T), steps*dt)
			}
			if len(gotT) != len(w.T) {
				t.Fatalf("%d spikes resumed at step %d, %d in one run", len(gotT), split, len(w.T))
			}
			for k := range w.T {
				if math.Abs(w.T[k]-gotT[k]) > 1e-9 || w.Index[k] != gotI[k] {
					t.Fatalf("spike %d: (%g, %d) resumed, (%g, %d) in one run", k, gotT[k], gotI[k], w.T[k], w.Index[k])
				}
			}
		})
	}
}
