package dyn

import (
	"errors"
	"math"
	"slices"
	"testing"

	"github.com/braingo/braingo/bp"
)

// TestOUNoise checks the stationary variance σ²τ/2 across 4000 processes,
// that the target receives the processes, and reproducibility by seed.
func TestOUNoise(t *testing.T) {
	const n, sigma, tau, dt = 4000, 0.5, 10.0, 0.5
	tgt := make([]float64, n)
	o, err := NewOUNoise(tgt, OUNoiseParams{Mean: 1, Sigma: sigma, Tau: tau, Seed: 11})
	if err != nil {
		t.Fatal(err)
	}
	ctx := &bp.Context{DT: dt}
	var v float64
	for k := range 300 {
		clear(tgt)
		o.Update(ctx)
		if !slices.Equal(tgt, o.X) {
			t.Fatal("target does not hold the processes")
		}
		if k >= 200 { // after 10τ
			var m, s2 float64
			for _, x := range o.X {
				m += x
				s2 += x * x
			}
			m /= n
			v += (s2/n - m*m) / 100
		}
	}
	if want := sigma * sigma * tau / 2; math.Abs(v-want)/want > 0.05 {
		t.Errorf("stationary variance %.5f, want σ²τ/2 = %.5f ± 5%%", v, want)
	}
	first := slices.Clone(o.X)
	o.Reset(0)
	for range 300 {
		o.Update(ctx)
	}
	if !slices.Equal(first, o.X) {
		t.Error("Reset(0) did not replay the same noise")
	}
	if _, err := NewOUNoise(tgt, OUNoiseParams{Tau: -1}); !errors.Is(err, ErrInput) {
		t.Errorf("negative Tau: error %v, want ErrInput", err)
	}
	if _, err := NewOUNoise(nil, OUNoiseParams{}); !errors.Is(err, ErrInput) {
		t.Errorf("empty target: error %v, want ErrInput", err)
	}
}
