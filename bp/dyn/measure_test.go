package dyn

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// boolRows turns rows of 0/1 into a spike matrix.
func boolRows(rows ...[]int) [][]bool {
	sp := make([][]bool, len(rows))
	for k, r := range rows {
		sp[k] = make([]bool, len(r))
		for i, x := range r {
			sp[k][i] = x == 1
		}
	}
	return sp
}

func TestFiringRate(t *testing.T) {
	// Population fractions 0.5, 0, 1, 0, 0.5; a 3-step window of 1 ms.
	sp := boolRows([]int{1, 0}, []int{0, 0}, []int{1, 1}, []int{0, 0}, []int{0, 1})
	got, err := FiringRate(sp, 3, 1)
	if err != nil {
		t.Fatal(err)
	}
	want := []float64{0.5, 1.5, 1, 1.5, 0.5}
	for k := range want {
		if math.Abs(got[k]-want[k]*1000/3) > 1e-9 {
			t.Fatalf("rate %v, want %v·1000/3", got, want)
		}
	}
	// A window as wide as one step is the raw rate: 0.5 of 2 neurons per
	// 0.5 ms is 1000 Hz.
	got, _ = FiringRate(sp, 0.5, 0.5)
	if math.Abs(got[0]-1000) > 1e-9 || got[1] != 0 {
		t.Errorf("one-step window: %v, want 1000 then 0", got)
	}
}

func TestRasterAndSpikeMatrix(t *testing.T) {
	sp := boolRows([]int{0, 1, 1}, []int{0, 0, 0}, []int{1, 0, 0})
	ts, idx, err := RasterData(sp, []float64{0.1, 0.2, 0.3})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(ts, []float64{0.1, 0.1, 0.3}) || !slices.Equal(idx, []int{1, 2, 0}) {
		t.Errorf("raster %v %v, want [0.1 0.1 0.3] [1 2 0]", ts, idx)
	}
	back, err := SpikeMatrix(ts, idx, 3, 0.1, 0.1, 3)
	if err != nil {
		t.Fatal(err)
	}
	for k := range sp {
		if !slices.Equal(back[k], sp[k]) {
			t.Fatalf("round trip %v, want %v", back, sp)
		}
	}
}

func TestCrossCorrelation(t *testing.T) {
	// Bins of 2 steps: neuron 0 fires in bins 0, 1; neuron 1 in bins 0, 2;
	// neuron 2 never. κ01 = 1/√(2·2) = 0.5, pairs with neuron 2 count 0.
	sp := boolRows(
		[]int{1, 0, 0}, []int{1, 1, 0}, // bin 0 (neuron 0 twice counts once)
		[]int{0, 0, 0}, []int{1, 0, 0}, // bin 1
		[]int{0, 1, 0}, []int{0, 0, 0}, // bin 2
		[]int{0, 0, 0}, []int{0, 0, 0}, // bin 3
		[]int{1, 1, 1}, // trailing partial bin, dropped
	)
	got, err := CrossCorrelation(sp, 1, 0.5)
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(got-0.5/3) > 1e-12 {
		t.Errorf("coherence %g, want %g", got, 0.5/3)
	}
	same := boolRows([]int{1, 1}, []int{0, 0}, []int{1, 1})
	if got, _ := CrossCorrelation(same, 1, 1); got != 1 {
		t.Errorf("synchronous pair: %g, want 1", got)
	}
}

func TestVoltageFluctuation(t *testing.T) {
	for _, c := range []struct {
		v    [][]float64
		want float64
	}{
		{[][]float64{{0, 0}, {2, 0}}, 0.5},          // pop var 0.25 / mean var (1 + 0)/2
		{[][]float64{{1, 1}, {3, 3}, {-2, -2}}, 1},  // identical traces
		{[][]float64{{1, -1}, {-1, 1}, {2, -2}}, 0}, // anti-phase: flat mean
		{[][]float64{{4, 4}, {4, 4}}, 1},            // no variation at all
	} {
		if got, err := VoltageFluctuation(c.v); err != nil || math.Abs(got-c.want) > 1e-12 {
			t.Errorf("%v: χ² %g (%v), want %g", c.v, got, err, c.want)
		}
	}
}

func TestFunctionalConnectivity(t *testing.T) {
	// Columns: x, 2x+1, −x, constant.
	var act [][]float64
	for _, x := range []float64{0, 1, 3, 2, 5} {
		act = append(act, []float64{x, 2*x + 1, -x, 7})
	}
	fc, err := FunctionalConnectivity(act)
	if err != nil {
		t.Fatal(err)
	}
	want := mat.NewSymDense(4, []float64{
		1, 1, -1, 0,
		1, 1, -1, 0,
		-1, -1, 1, 0,
		0, 0, 0, 1,
	})
	if !mat.EqualApprox(fc, want, 1e-12) {
		t.Errorf("FC\n%v\nwant\n%v", mat.Formatted(fc), mat.Formatted(want))
	}
	if r, err := MatrixCorrelation(fc, want); err != nil || math.Abs(r-1) > 1e-12 {
		t.Errorf("MatrixCorrelation of equal matrices %g (%v), want 1", r, err)
	}
}

func TestMeasureErrors(t *testing.T) {
	ragged := [][]bool{{true, false}, {true}}
	for k, err := range []error{
		func() error { _, err := FiringRate(nil, 1, 0.1); return err }(),
		func() error { _, err := FiringRate(ragged, 1, 0.1); return err }(),
		func() error { _, err := FiringRate(boolRows([]int{1}), 0.01, 0.1); return err }(),
		func() error { _, _, err := RasterData(boolRows([]int{1}), []float64{1, 2}); return err }(),
		func() error { _, err := SpikeMatrix([]float64{5}, []int{0}, 1, 0, 1, 3); return err }(),
		func() error { _, err := CrossCorrelation(boolRows([]int{1}), 1, 1); return err }(),
		func() error { _, err := CrossCorrelation(boolRows([]int{1, 0}), 5, 1); return err }(),
		func() error { _, err := VoltageFluctuation([][]float64{}); return err }(),
		func() error { _, err := FunctionalConnectivity([][]float64{{1, 2}}); return err }(),
		func() error {
			_, err := MatrixCorrelation(mat.NewDense(3, 3, nil), mat.NewDense(3, 2, nil))
			return err
		}(),
	} {
		if !errors.Is(err, ErrMeasure) {
			t.Errorf("case %d: error %v, want ErrMeasure", k, err)
		}
	}
}

// ExampleFiringRate smooths the population rate of 2 neurons over a 3 ms
// window at dt 1 ms.
func ExampleFiringRate() {
	sp := [][]bool{{true, false}, {false, false}, {true, true}, {false, false}}
	rate, _ := FiringRate(sp, 3, 1)
	fmt.Printf("%.1f\n", rate)
	// Output: [166.7 500.0 333.3 333.3]
}

// TestWeightedCorrelation checks a hand case: weights (1, 1, 2) on
// x = (0, 1, 2), y = (0, 2, 1) give weighted means 1.25 and 1, covariance
// sum 1.25 − 0.25 + 0 = 1, variance sums 2.75 and 2, so r = 1/√5.5.
func TestWeightedCorrelation(t *testing.T) {
	got, err := WeightedCorrelation([]float64{0, 1, 2}, []float64{0, 2, 1}, []float64{1, 1, 2})
	if want := 1 / math.Sqrt(5.5); err != nil || math.Abs(got-want) > 1e-12 {
		t.Errorf("weighted r %g (%v), want %g", got, err, want)
	}
	if _, err := WeightedCorrelation([]float64{0, 1}, []float64{0, 1}, []float64{1, -1}); !errors.Is(err, ErrMeasure) {
		t.Errorf("negative weight: error %v, want ErrMeasure", err)
	}
}
