package analysis

import (
	"math"
	"testing"
)

func TestSimulateLinear(t *testing.T) {
	// x′ = −x, y′ = −2y: x(t) = e^{−t}; RK4 at dt 0.01 is accurate to ~1e-10.
	tr, err := Simulate(linear2(-1, 0, 0, -2), []float64{1, 1}, SimSettings{Duration: 2, Every: 10})
	if err != nil {
		t.Fatal(err)
	}
	if len(tr.T) != 21 || tr.T[20] != 2 {
		t.Fatalf("recorded %d times ending at %v, want 21 ending at 2", len(tr.T), tr.T[len(tr.T)-1])
	}
	for k, tt := range tr.T {
		if math.Abs(tr.X[0][k]-math.Exp(-tt)) > 1e-9 || math.Abs(tr.X[1][k]-math.Exp(-2*tt)) > 1e-9 {
			t.Fatalf("t = %v: %v, %v", tt, tr.X[0][k], tr.X[1][k])
		}
	}
}

func TestLimitCycleFHN(t *testing.T) {
	// numbers.md §3.5 (RK4, dt 0.01): I = 0.5 → T = 39.47, V ∈ [−1.970, 1.852];
	// I = 0.8 → T = 36.52, V ∈ [−1.933, 1.911]. The table has 2–3 decimals.
	for _, c := range []struct{ I, T, lo, hi float64 }{{0.5, 39.47, -1.970, 1.852}, {0.8, 36.52, -1.933, 1.911}} {
		cyc, err := FindLimitCycle(fhn(c.I), []float64{-1, 1}, CycleSettings{})
		if err != nil {
			t.Fatal(err)
		}
		if !cyc.Found || math.Abs(cyc.Period-c.T) > 0.01 || math.Abs(cyc.Min[0]-c.lo) > 1e-3 || math.Abs(cyc.Max[0]-c.hi) > 1e-3 {
			t.Errorf("I = %v: %+v, want T = %v (0.01), V in [%v, %v] (1e-3)", c.I, cyc, c.T, c.lo, c.hi)
		}
	}
	// The orbit covers one period and stays within the extrema.
	cyc, err := FindLimitCycle(fhn(0.5), []float64{-1, 1}, CycleSettings{})
	if err != nil {
		t.Fatal(err)
	}
	o := cyc.Orbit
	if span := o.T[len(o.T)-1]; span < cyc.Period || span > cyc.Period+0.03 {
		t.Errorf("orbit spans %v, want one period %v", span, cyc.Period)
	}
	for k := range o.T {
		if o.X[0][k] < cyc.Min[0]-1e-9 || o.X[0][k] > cyc.Max[0]+1e-9 {
			t.Fatalf("orbit V = %v outside [%v, %v]", o.X[0][k], cyc.Min[0], cyc.Max[0])
		}
	}
	// Subcritical Hopf (§3.5): at I = 0.325 the stable rest state coexists
	// with the large cycle; from the cycle of I = 0.5 the search finds it,
	// from next to the rest state it does not.
	big, err := FindLimitCycle(fhn(0.325), cyc.Start, CycleSettings{})
	if err != nil || !big.Found || big.Max[0]-big.Min[0] < 3 {
		t.Errorf("I = 0.325 from the cycle: %v (amplitude %v), %v; want the large cycle", big.Found, big.Max, err)
	}
	rest, err := FindLimitCycle(fhn(0.325), []float64{-0.97, -0.34}, CycleSettings{})
	if err != nil || rest.Found {
		t.Errorf("I = 0.325 from rest: found %v, %v; want none", rest.Found, err)
	}
	// At I = 0 the rest state attracts: no cycle.
	cyc, err = FindLimitCycle(fhn(0), []float64{-1, 1}, CycleSettings{})
	if err != nil || cyc.Found {
		t.Errorf("I = 0: %+v, %v; want no cycle", cyc, err)
	}
}
