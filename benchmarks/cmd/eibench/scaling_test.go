package main

import (
	"math"
	"testing"
)

func TestNsPerNeuronStep(t *testing.T) {
	// 1 s of 4000 neurons at dt = 0.1 ms is 4·10⁷ neuron-steps.
	r := goRun{N: 4000, DurationMS: 1000, SimS: 0.08}
	if got, want := nsPerNeuronStep(r), 2.0; math.Abs(got-want) > 1e-12 {
		t.Errorf("nsPerNeuronStep = %g, want %g", got, want)
	}
}

func TestScaleRatiosPairByRound(t *testing.T) {
	// Round k of the large size is divided by round k of the small one,
	// never by another round's: the machine's speed drifts between rounds.
	small := []goRun{{N: 4000, DurationMS: 1000, SimS: 0.08}, {N: 4000, DurationMS: 1000, SimS: 0.16}}
	large := []goRun{{N: 400000, DurationMS: 1000, SimS: 12}, {N: 400000, DurationMS: 1000, SimS: 32}}
	got := scaleRatios(large, small)
	want := []float64{1.5, 2}
	if len(got) != len(want) {
		t.Fatalf("scaleRatios = %v, want %v", got, want)
	}
	for i := range want {
		if math.Abs(got[i]-want[i]) > 1e-12 {
			t.Errorf("round %d: ratio %g, want %g", i, got[i], want[i])
		}
	}
	if got := scaleRatios(large, small[:1]); len(got) != 1 {
		t.Errorf("with one base round: %d ratios, want 1", len(got))
	}
}

func TestScalingFlags(t *testing.T) {
	if err := scalingFlagsErr(options{sizes: []int{4000}, durations: []float64{1000}}); err == nil {
		t.Error("one size accepted")
	}
	if err := scalingFlagsErr(options{sizes: []int{4000, 40000}, durations: []float64{1000, 5000}}); err == nil {
		t.Error("two durations accepted")
	}
	if err := scalingFlagsErr(options{sizes: []int{4000, 40000}, durations: []float64{1000}}); err != nil {
		t.Errorf("valid flags: %v", err)
	}
}
