package dyn

import (
	"errors"
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat"
)

// The measurements take recordings in the layout the runner produces
// (BrainPy's bp.measure): time-major, row k the state at step k. A spike
// matrix has one []bool row per step; a trace one []float64 row per
// record.

// ErrMeasure is wrapped by the errors of the measurement functions.
var ErrMeasure = errors.New("dyn: bad measurement input")

// checkRows reports an error unless rows is non-empty and rectangular, and
// returns the row length.
func checkRows[T any](what string, rows [][]T) (int, error) {
	if len(rows) == 0 || len(rows[0]) == 0 {
		return 0, fmt.Errorf("%w: %s needs at least one step of at least one element", ErrMeasure, what)
	}
	n := len(rows[0])
	for k, r := range rows {
		if len(r) != n {
			return 0, fmt.Errorf("%w: %s row %d has %d elements, row 0 has %d", ErrMeasure, what, k, len(r), n)
		}
	}
	return n, nil
}

// SpikeMatrix turns a list of spikes (times and element indices, as a
// spike monitor records them) into a spike matrix of steps rows of n
// elements: spike k goes to row round((times[k] − t0)/dt).
func SpikeMatrix(times []float64, index []int, n int, t0, dt float64, steps int) ([][]bool, error) {
	if len(times) != len(index) {
		return nil, fmt.Errorf("%w: SpikeMatrix has %d times and %d indices", ErrMeasure, len(times), len(index))
	}
	if n <= 0 || steps <= 0 || !(dt > 0) {
		return nil, fmt.Errorf("%w: SpikeMatrix needs n %d > 0, steps %d > 0 and dt %g > 0", ErrMeasure, n, steps, dt)
	}
	flat := make([]bool, n*steps)
	sp := make([][]bool, steps)
	for k := range sp {
		sp[k] = flat[k*n : (k+1)*n]
	}
	for k, t := range times {
		row, i := int(math.Round((t-t0)/dt)), index[k]
		if row < 0 || row >= steps || i < 0 || i >= n {
			return nil, fmt.Errorf("%w: SpikeMatrix spike %d (t %g ms, element %d) outside %d steps from %g ms of %d elements", ErrMeasure, k, t, i, steps, t0, n)
		}
		sp[row][i] = true
	}
	return sp, nil
}

// RasterData lists the spikes of a spike matrix as (time, element) pairs,
// in time order and, within a step, by element (BrainPy's raster_plot
// data). times gives the time of each row.
func RasterData(spikes [][]bool, times []float64) (t []float64, index []int, err error) {
	if _, err := checkRows("RasterData", spikes); err != nil {
		return nil, nil, err
	}
	if len(times) != len(spikes) {
		return nil, nil, fmt.Errorf("%w: RasterData has %d rows of spikes and %d times", ErrMeasure, len(spikes), len(times))
	}
	for k, row := range spikes {
		for i, s := range row {
			if s {
				t = append(t, times[k])
				index = append(index, i)
			}
		}
	}
	return t, index, nil
}

// FiringRate returns the population firing rate (Hz) at every step: the
// fraction of neurons spiking per step, averaged over a centred window
// of w = (2⌊width/(2dt)⌋ + 1) steps and divided by the window's duration
// w·dt (BrainPy's firing_rate, which divides by width instead). The window
// is zero-padded at both ends, as BrainPy's convolution in "same" mode.
func FiringRate(spikes [][]bool, width, dt float64) ([]float64, error) {
	n, err := checkRows("FiringRate", spikes)
	if err != nil {
		return nil, err
	}
	if !(dt > 0) || !(width >= dt) || math.IsInf(width, 0) {
		return nil, fmt.Errorf("%w: FiringRate width %g ms must be finite and ≥ dt %g > 0", ErrMeasure, width, dt)
	}
	half := int(width / 2 / dt)
	frac := make([]float64, len(spikes))
	for k, row := range spikes {
		c := 0
		for _, s := range row {
			if s {
				c++
			}
		}
		frac[k] = float64(c) / float64(n)
	}
	// A running sum over the window: rate[k] = Σ frac[k−half..k+half].
	scale := 1000 / (float64(2*half+1) * dt)
	rate := make([]float64, len(frac))
	var sum float64
	for k := 0; k < min(half, len(frac)); k++ {
		sum += frac[k]
	}
	for k := range rate {
		if j := k + half; j < len(frac) {
			sum += frac[j]
		}
		if j := k - half - 1; j >= 0 {
			sum -= frac[j]
		}
		rate[k] = sum * scale
	}
	return rate, nil
}

// CrossCorrelation returns the Wang–Buzsáki (1996) coherence of a spike
// matrix: time is cut into bins of bin ms (a trailing partial bin is
// dropped), each neuron's train becomes X_i(l) = 1 when it spiked in bin l,
// and the result is the mean over pairs i < j of
// κ_ij = Σ_l X_i(l)X_j(l) / √(Σ_l X_i(l) · Σ_l X_j(l)), a pair with a silent
// neuron counting 0 (BrainPy's cross_correlation). It is 1 for perfectly
// synchronous firing and near 0 for independent sparse firing.
func CrossCorrelation(spikes [][]bool, bin, dt float64) (float64, error) {
	n, err := checkRows("CrossCorrelation", spikes)
	if err != nil {
		return 0, err
	}
	if !(dt > 0) || !(bin >= dt) || math.IsInf(bin, 0) {
		return 0, fmt.Errorf("%w: CrossCorrelation bin %g ms must be finite and ≥ dt %g > 0", ErrMeasure, bin, dt)
	}
	if n < 2 {
		return 0, fmt.Errorf("%w: CrossCorrelation needs at least 2 neurons, got %d", ErrMeasure, n)
	}
	per := int(math.Round(bin / dt))
	nb := len(spikes) / per
	if nb == 0 {
		return 0, fmt.Errorf("%w: CrossCorrelation bin %g ms is longer than the %d steps recorded", ErrMeasure, bin, len(spikes))
	}
	x := make([][]bool, n) // x[i][l]: neuron i spiked in bin l
	count := make([]float64, n)
	for i := range x {
		x[i] = make([]bool, nb)
	}
	for l := range nb {
		for _, row := range spikes[l*per : (l+1)*per] {
			for i, s := range row {
				if s && !x[i][l] {
					x[i][l] = true
					count[i]++
				}
			}
		}
	}
	var total float64
	for i := range n {
		for j := i + 1; j < n; j++ {
			if count[i] == 0 || count[j] == 0 {
				continue
			}
			var both float64
			for l, s := range x[i] {
				if s && x[j][l] {
					both++
				}
			}
			total += both / math.Sqrt(count[i]*count[j])
		}
	}
	return total / float64(n*(n-1)/2), nil
}

// VoltageFluctuation returns the synchrony measure χ² of Golomb & Rinzel
// (1993) for membrane potentials v (one row per record, one column per
// neuron): the variance over time of the population-mean potential divided
// by the mean over neurons of each neuron's variance over time (BrainPy's
// voltage_fluctuation). It is 1 for identical traces and about 1/n for
// independent ones; χ is its square root. If no neuron varies it is 1.
func VoltageFluctuation(v [][]float64) (float64, error) {
	n, err := checkRows("VoltageFluctuation", v)
	if err != nil {
		return 0, err
	}
	steps := float64(len(v))
	mean, sq := make([]float64, n), make([]float64, n)
	var avg, avgSq float64
	for _, row := range v {
		var m float64
		for i, x := range row {
			mean[i] += x
			sq[i] += x * x
			m += x
		}
		m /= float64(n)
		avg += m
		avgSq += m * m
	}
	avg /= steps
	popVar := avgSq/steps - avg*avg
	var varMean float64
	for i := range mean {
		mi := mean[i] / steps
		varMean += sq[i]/steps - mi*mi
	}
	varMean /= float64(n)
	if varMean == 0 {
		return 1, nil
	}
	return popVar / varMean, nil
}

// FunctionalConnectivity returns the functional connectivity of activity
// (one row per record, one column per node): the matrix of Pearson
// correlations between the nodes' time series (BrainPy's
// functional_connectivity). Correlations with a constant series, undefined,
// are 0 as under BrainPy's nan_to_num; the diagonal is 1.
func FunctionalConnectivity(activity [][]float64) (*mat.SymDense, error) {
	n, err := checkRows("FunctionalConnectivity", activity)
	if err != nil {
		return nil, err
	}
	if len(activity) < 2 {
		return nil, fmt.Errorf("%w: FunctionalConnectivity needs at least 2 records, got %d", ErrMeasure, len(activity))
	}
	x := mat.NewDense(len(activity), n, nil)
	for k, row := range activity {
		x.SetRow(k, row)
	}
	fc := mat.NewSymDense(n, nil)
	stat.CorrelationMatrix(fc, x, nil)
	for i := range n {
		fc.SetSym(i, i, 1)
		for j := i + 1; j < n; j++ {
			if math.IsNaN(fc.At(i, j)) {
				fc.SetSym(i, j, 0)
			}
		}
	}
	return fc, nil
}

// MatrixCorrelation returns the Pearson correlation between the strictly
// upper-triangular entries of two square matrices of the same size, the
// usual score of a simulated functional connectivity against an empirical
// one (BrainPy's matrix_correlation).
func MatrixCorrelation(a, b mat.Matrix) (float64, error) {
	r, c := a.Dims()
	if rb, cb := b.Dims(); r != c || rb != r || cb != c || r < 3 {
		return 0, fmt.Errorf("%w: MatrixCorrelation needs two square matrices of the same size ≥ 3, got %d×%d and %d×%d", ErrMeasure, r, c, rb, cb)
	}
	var xa, xb []float64
	for i := range r {
		for j := i + 1; j < r; j++ {
			xa = append(xa, a.At(i, j))
			xb = append(xb, b.At(i, j))
		}
	}
	return stat.Correlation(xa, xb, nil), nil
}

// WeightedCorrelation returns the weighted Pearson correlation of x and y
// with non-negative weights w, one per sample (BrainPy's
// weighted_correlation).
func WeightedCorrelation(x, y, w []float64) (float64, error) {
	if len(x) != len(y) || len(x) != len(w) || len(x) < 2 {
		return 0, fmt.Errorf("%w: WeightedCorrelation needs x, y and w of one length ≥ 2, got %d, %d, %d", ErrMeasure, len(x), len(y), len(w))
	}
	for i, wi := range w {
		if !(wi >= 0) || math.IsInf(wi, 0) {
			return 0, fmt.Errorf("%w: WeightedCorrelation weight %d is %g, need finite and ≥ 0", ErrMeasure, i, wi)
		}
	}
	return stat.Correlation(x, y, w), nil
}
