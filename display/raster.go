package display

import (
	"fmt"
	"math"
	"strings"
)

// DefaultMaxSpikes bounds the spikes sent to an interactive raster. A
// 100 000-spike raster is shown whole (about 1.3 MB of option JSON); above
// the bound every k-th neuron is shown and the subtitle says so.
const DefaultMaxSpikes = 100_000

// RasterOpts sets up a spike raster. The zero value works.
type RasterOpts struct {
	Title string
	// N is the number of neurons (the y range is 0..N-1); 0: the largest
	// index seen plus one.
	N int
	// T0, T1 fix the time range; both 0: the range of the spikes.
	T0, T1 float64
	// MaxSpikes bounds the spikes of the interactive chart
	// (DefaultMaxSpikes when 0; negative: no bound).
	MaxSpikes int
}

// RasterPoints plots spikes: neuron index[k] fired at times[k] (ms). The
// interactive chart uses ECharts' large scatter mode, which draws hundreds
// of thousands of points in one pass; the static picture merges spikes to
// one mark per pixel.
func RasterPoints(times []float64, index []int, o RasterOpts) (*Chart, error) {
	return rasterChart([]spikeGroup{{name: "spikes", times: times, index: index, n: o.N}}, o)
}

// spikeGroup is one population of a raster.
type spikeGroup struct {
	name  string
	times []float64
	index []int
	n     int // neurons; 0: largest index + 1
}

// rasterChart stacks the groups bottom to top, each in its own colour,
// sharing the spike bound in proportion to their spike counts.
func rasterChart(groups []spikeGroup, o RasterOpts) (*Chart, error) {
	if !(o.T1 >= o.T0) || math.IsInf(o.T0, 0) || math.IsInf(o.T1, 0) {
		return nil, fmt.Errorf("%w: raster: time range [%g, %g] must be finite and increasing", ErrData, o.T0, o.T1)
	}
	limit := o.MaxSpikes
	if limit == 0 {
		limit = DefaultMaxSpikes
	}
	total := 0
	for _, g := range groups {
		total += len(g.times)
	}
	f := figure{title: o.Title, xName: "t (ms)", yName: "neuron", xRange: autoRange(), zoom: true}
	if o.T0 != 0 || o.T1 != 0 {
		f.xRange = [2]float64{o.T0, o.T1}
	}
	var thinned []string
	offset := 0
	for k, g := range groups {
		if len(g.times) != len(g.index) {
			return nil, fmt.Errorf("%w: raster %q: %d spike times but %d neuron indices", ErrData, g.name, len(g.times), len(g.index))
		}
		if err := checkFinite("raster "+g.name, "times", g.times); err != nil {
			return nil, err
		}
		n := g.n
		for s, i := range g.index {
			if i < 0 || (g.n > 0 && i >= g.n) {
				return nil, fmt.Errorf("%w: raster %q: spike %d has neuron index %d, allowed 0..%d", ErrData, g.name, s, i, g.n-1)
			}
			n = max(n, i+1)
		}
		share := limit
		if limit > 0 && total > 0 {
			share = max(1, int(int64(limit)*int64(len(g.times))/int64(total)))
		}
		pairs, ns, ss := thinSpikes(g.times, g.index, share)
		for j := 1; j < len(pairs); j += 2 {
			pairs[j] += float64(offset)
		}
		who := ""
		if len(groups) > 1 {
			who = g.name + ": "
		}
		switch {
		case ns > 1 && ss > 1:
			thinned = append(thinned, fmt.Sprintf("%severy %d-th neuron and every %d-th of its spikes", who, ns, ss))
		case ns > 1:
			thinned = append(thinned, fmt.Sprintf("%severy %d-th neuron", who, ns))
		}
		colour := "#222"
		if len(groups) > 1 {
			colour = paletteColour(k)
		}
		f.layers = append(f.layers, layer{kind: rasterLayer, name: g.name, xy: pairs, colour: colour, width: 2})
		offset += n
	}
	f.yRange = [2]float64{-0.5, math.Max(float64(offset)-0.5, 0.5)}
	if len(thinned) > 0 {
		f.note = fmt.Sprintf("%d spikes; %s shown", total, strings.Join(thinned, ", "))
	}
	return newChart(f), nil
}

// RasterMatrix plots spikes recorded as BrainPy monitors record them:
// spikes[step][neuron] is true when the neuron fired in that step, at
// time ts[step].
func RasterMatrix(ts []float64, spikes [][]bool, o RasterOpts) (*Chart, error) {
	if len(spikes) != len(ts) {
		return nil, fmt.Errorf("%w: RasterMatrix: %d rows for %d time points", ErrData, len(spikes), len(ts))
	}
	times, index := spikeList(ts, spikes)
	if o.N == 0 && len(spikes) > 0 {
		o.N = len(spikes[0])
	}
	return RasterPoints(times, index, o)
}

// spikeList turns a spike matrix into spike times and indices.
func spikeList(ts []float64, spikes [][]bool) (times []float64, index []int) {
	for s, row := range spikes {
		for i, fired := range row {
			if fired {
				times = append(times, ts[s])
				index = append(index, i)
			}
		}
	}
	return times, index
}

// RateOpts sets up a population firing-rate plot. The zero value works.
type RateOpts struct {
	Title string
	// Bin is the width of the counting window in ms (default 1).
	Bin float64
	// Smooth is the width in ms of a moving average over the binned rate,
	// like BrainPy's measure.firing_rate window (default: none).
	Smooth float64
	// T0, T1: the time range counted; both 0: the range of the spikes.
	T0, T1 float64
}

// PopulationRate plots the mean firing rate of n neurons in Hz: spikes per
// bin divided by n and by the bin width, from spike times in ms.
func PopulationRate(times []float64, n int, o RateOpts) (*Chart, error) {
	ts, rate, err := populationRate(times, n, o)
	if err != nil {
		return nil, err
	}
	title := o.Title
	if title == "" {
		title = "population rate"
	}
	return Lines(ts, [][]float64{rate}, LineOpts{Title: title, YLabel: "rate (Hz)", Names: []string{"rate"}})
}

// populationRate bins and smooths; the time of a bin is its centre.
func populationRate(times []float64, n int, o RateOpts) (ts, rate []float64, err error) {
	if n <= 0 {
		return nil, nil, fmt.Errorf("%w: PopulationRate: %d neurons, need at least 1", ErrData, n)
	}
	if err := checkFinite("PopulationRate", "times", times); err != nil {
		return nil, nil, err
	}
	bin := o.Bin
	if bin == 0 {
		bin = 1
	}
	if !(o.T1 >= o.T0) || math.IsInf(o.T0, 0) || math.IsInf(o.T1, 0) {
		return nil, nil, fmt.Errorf("%w: PopulationRate: time range [%g, %g] must be finite and increasing", ErrData, o.T0, o.T1)
	}
	if !(bin > 0) || !(o.Smooth >= 0) {
		return nil, nil, fmt.Errorf("%w: PopulationRate: bin %g ms and smoothing %g ms must be positive", ErrData, bin, o.Smooth)
	}
	t0, t1 := o.T0, o.T1
	if t0 == 0 && t1 == 0 {
		if len(times) == 0 {
			return nil, nil, fmt.Errorf("%w: PopulationRate: no spikes and no time range", ErrData)
		}
		t0, t1 = times[0], times[0]
		for _, t := range times {
			t0, t1 = math.Min(t0, t), math.Max(t1, t)
		}
		t1 += bin // the last spike falls inside the last bin
	}
	nb := int(math.Ceil((t1 - t0) / bin))
	if nb < 1 || nb > 10_000_000 {
		return nil, nil, fmt.Errorf("%w: PopulationRate: %d bins of %g ms over [%g, %g]", ErrData, nb, bin, t0, t1)
	}
	counts := make([]float64, nb)
	for _, t := range times {
		if k := int((t - t0) / bin); t >= t0 && k < nb {
			counts[k]++
		}
	}
	ts = make([]float64, nb)
	rate = make([]float64, nb)
	scale := 1000 / (bin * float64(n)) // spikes per bin → Hz per neuron
	for k := range counts {
		ts[k] = t0 + (float64(k)+0.5)*bin
		rate[k] = counts[k] * scale
	}
	if w := int(math.Round(o.Smooth / bin)); w > 1 {
		rate = movingAverage(rate, w)
	}
	return ts, rate, nil
}

// movingAverage is the centred mean over w samples (fewer at the ends).
func movingAverage(v []float64, w int) []float64 {
	out := make([]float64, len(v))
	prefix := make([]float64, len(v)+1)
	for i, x := range v {
		prefix[i+1] = prefix[i] + x
	}
	for i := range v {
		lo, hi := max(0, i-w/2), min(len(v), i-w/2+w)
		out[i] = (prefix[hi] - prefix[lo]) / float64(hi-lo)
	}
	return out
}

// HistOpts sets up a histogram. The zero value works.
type HistOpts struct {
	Title, XLabel string
	Bins          int // default 30
}

// Histogram plots the distribution of values (NaNs are an error: they
// usually mean a diverged simulation).
func Histogram(values []float64, o HistOpts) (*Chart, error) {
	if len(values) == 0 {
		return nil, fmt.Errorf("%w: Histogram: no values", ErrData)
	}
	if err := checkFinite("Histogram", "values", values); err != nil {
		return nil, err
	}
	bins := o.Bins
	if bins == 0 {
		bins = 30
	}
	if bins < 0 {
		return nil, fmt.Errorf("%w: Histogram: %d bins", ErrData, bins)
	}
	lo, hi := values[0], values[0]
	for _, v := range values {
		lo, hi = math.Min(lo, v), math.Max(hi, v)
	}
	if lo == hi {
		lo, hi = lo-0.5, hi+0.5
	}
	counts := make([]float64, bins)
	width := (hi - lo) / float64(bins)
	for _, v := range values {
		counts[min(int((v-lo)/width), bins-1)]++ // the maximum goes in the last bin
	}
	lrh := make([]float64, 0, 3*bins)
	for k, c := range counts {
		lrh = append(lrh, lo+float64(k)*width, lo+float64(k+1)*width, c)
	}
	f := figure{title: o.Title, xName: o.XLabel, yName: "count", xRange: [2]float64{lo, hi}, yRange: [2]float64{0, math.NaN()},
		layers: []layer{{kind: barLayer, name: "count", xy: lrh, colour: paletteColour(0)}}}
	return newChart(f), nil
}
