package dyn

import (
	"errors"
	"math"
	"testing"

	"github.com/braingo/braingo/bp"
)

func TestPoissonGroupRate(t *testing.T) {
	g, err := NewPoissonGroup(200, 40, 3)
	if err != nil {
		t.Fatal(err)
	}
	ctx := &bp.Context{DT: 0.1}
	count := 0
	run := func() []bool {
		var first []bool
		for k := range 10000 { // 1 s
			ctx.T = float64(k) * 0.1
			g.Update(ctx)
			if k == 0 {
				first = append([]bool(nil), g.Spike...)
			}
			for _, s := range g.Spike {
				if s {
					count++
				}
			}
		}
		return first
	}
	a := run()
	// 200 neurons × 1 s × 40 Hz = 8000 spikes, Poisson sd ≈ 89.
	if math.Abs(float64(count)-8000) > 4*math.Sqrt(8000) {
		t.Errorf("PoissonGroup: %d spikes, expected 8000 ± 360", count)
	}
	g.Reset(0)
	if b := run(); !equalBools(a, b) {
		t.Error("PoissonGroup: Reset(0) does not replay the same spikes")
	}
	if _, err := NewPoissonGroup(3, -1, 0); !errors.Is(err, ErrSynapse) {
		t.Errorf("negative rate: err = %v", err)
	}
}

func equalBools(a, b []bool) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestSpikeTimeGroup(t *testing.T) {
	g, err := NewSpikeTimeGroup(3, []float64{2.0, 0.3, 0.3, 1.04}, []int{1, 0, 2, 2})
	if err != nil {
		t.Fatal(err)
	}
	ctx := &bp.Context{DT: 0.1}
	got := map[int][]int{}
	for k := range 30 {
		ctx.T = float64(k) * 0.1
		g.Update(ctx)
		for i, s := range g.Spike {
			if s {
				got[k] = append(got[k], i)
			}
		}
	}
	// 0.3 ms → step 3; 1.04 ms → the nearest step start, 1.0; 2.0 → 20.
	want := map[int][]int{3: {0, 2}, 10: {2}, 20: {1}}
	if len(got) != len(want) {
		t.Fatalf("spikes at steps %v, want %v", got, want)
	}
	for k, w := range want {
		if len(got[k]) != len(w) || got[k][0] != w[0] {
			t.Errorf("step %d: spikes %v, want %v", k, got[k], w)
		}
	}
	for name, err := range map[string]error{
		"length":   second(NewSpikeTimeGroup(2, []float64{1}, []int{0, 1})),
		"index":    second(NewSpikeTimeGroup(2, []float64{1}, []int{2})),
		"NaN time": second(NewSpikeTimeGroup(2, []float64{math.NaN()}, []int{0})),
	} {
		if err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func TestPoissonInputMean(t *testing.T) {
	// 100 sources at 20 Hz, weight 0.5: the mean added per 0.1-ms step is
	// 0.5·100·0.002 = 0.1, the variance 0.25·100·0.002·0.998.
	target := make([]float64, 500)
	p, err := NewPoissonInput(target, 100, 20, 0.5, 1)
	if err != nil {
		t.Fatal(err)
	}
	ctx := &bp.Context{DT: 0.1}
	const steps = 200
	for range steps {
		p.Update(ctx)
	}
	var mean float64
	for _, x := range target {
		mean += x
	}
	mean /= float64(len(target))
	sd := math.Sqrt(0.25*100*0.002*0.998*steps) / math.Sqrt(float64(len(target)))
	if math.Abs(mean-0.1*steps) > 4*sd {
		t.Errorf("PoissonInput mean after %d steps %v, expected %v ± %v", steps, mean, 0.1*steps, 4*sd)
	}
	if _, err := NewPoissonInput(target, -1, 20, 1, 0); err == nil {
		t.Error("negative number of sources: no error")
	}
}
