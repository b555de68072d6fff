package analysis

import "testing"

func BenchmarkPhasePlane2DFHN(b *testing.B) {
	b.ReportAllocs()
	m := fhn(0.5)
	for b.Loop() {
		if _, err := PhasePlane2D(m, Axis{Name: "V", Min: -3, Max: 3}, Axis{Name: "w", Min: -3, Max: 3}, PhasePlane2DSettings{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkContinueFHN(b *testing.B) {
	b.ReportAllocs()
	m := fhn(0)
	for b.Loop() {
		if _, err := Continue(m, "I", []float64{-1.2, -0.6}, ContinuationSettings{Min: 0, Max: 2}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkFindLimitCycleFHN(b *testing.B) {
	b.ReportAllocs()
	m := fhn(0.5)
	for b.Loop() {
		if _, err := FindLimitCycle(m, []float64{-1, 1}, CycleSettings{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSimulateStep measures the per-step cost of Simulate without
// recording (Every larger than the run): it must not allocate per step.
func BenchmarkSimulateStep(b *testing.B) {
	b.ReportAllocs()
	m := fhn(0.5)
	sim, err := newSimulator(m, &SimSettings{Duration: 1})
	if err != nil {
		b.Fatal(err)
	}
	x := []float64{-1, 1}
	t := 0.0
	for b.Loop() {
		if err := sim.step(x, t); err != nil {
			b.Fatal(err)
		}
		t += sim.dt
	}
}
