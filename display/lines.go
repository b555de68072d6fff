package display

import (
	"errors"
	"fmt"
	"math"
	"strconv"
)

// ErrData is wrapped by every constructor error about its input: lengths
// that disagree, empty or non-finite data, bad settings.
var ErrData = errors.New("display: bad data")

// DefaultMaxPoints bounds the points per curve sent to the interactive
// chart; longer curves are thinned by min/max decimation (every peak kept).
const DefaultMaxPoints = 4000

// svgBuckets is the number of min/max buckets per curve in the static
// picture: about one per pixel column of the default plot area.
const svgBuckets = DefaultWidth - marginLeft - marginRight

// LineOpts sets up a line plot. The zero value works: time on x in ms.
type LineOpts struct {
	Title  string
	XLabel string   // default "t (ms)"
	YLabel string   // default none
	Names  []string // one per curve; default "0", "1", ...
	// MaxPoints bounds the points per curve in the interactive chart
	// (DefaultMaxPoints when 0; negative: no bound).
	MaxPoints int
}

// Lines plots curves ys[k] against the shared, non-decreasing axis ts
// (each ys[k] has len(ts) values). NaN values leave gaps.
func Lines(ts []float64, ys [][]float64, o LineOpts) (*Chart, error) {
	if len(ys) == 0 {
		return nil, fmt.Errorf("%w: Lines: no curves", ErrData)
	}
	if len(o.Names) != 0 && len(o.Names) != len(ys) {
		return nil, fmt.Errorf("%w: Lines: %d names for %d curves", ErrData, len(o.Names), len(ys))
	}
	for k, y := range ys {
		if len(y) != len(ts) {
			return nil, fmt.Errorf("%w: Lines: curve %d has %d values, the x axis has %d", ErrData, k, len(y), len(ts))
		}
	}
	if len(ts) == 0 {
		return nil, fmt.Errorf("%w: Lines: no samples", ErrData)
	}
	if err := checkFinite("Lines", "x axis", ts); err != nil {
		return nil, err
	}
	for i := 1; i < len(ts); i++ {
		if ts[i] < ts[i-1] {
			// Decimation works on runs of consecutive x; a curve that turns
			// back (a phase portrait) belongs in PhasePlane.
			return nil, fmt.Errorf("%w: Lines: the x axis decreases at %d (%g after %g); it must not decrease", ErrData, i, ts[i], ts[i-1])
		}
	}
	f := figure{title: o.Title, xName: o.XLabel, yName: o.YLabel, xRange: autoRange(), yRange: autoRange(), zoom: true}
	if f.xName == "" {
		f.xName = "t (ms)"
	}
	maxPts := o.MaxPoints
	if maxPts == 0 {
		maxPts = DefaultMaxPoints
	}
	for k, y := range ys {
		name := strconv.Itoa(k)
		if len(o.Names) != 0 {
			name = o.Names[k]
		}
		f.layers = append(f.layers, layer{kind: lineLayer, name: name, colour: paletteColour(k), width: 1.5,
			xy: minMaxDecimate(ts, y, maxPts/2)})
	}
	c := newChart(f)
	static := f
	static.layers = make([]layer, len(f.layers))
	for k, y := range ys {
		static.layers[k] = f.layers[k]
		static.layers[k].xy = minMaxDecimate(ts, y, svgBuckets)
	}
	c.static = &static
	return c, nil
}

// TimeSeries plots monitored values laid out as BrainPy monitors are,
// rows[step][element], against ts: one curve per element listed in pick
// (all elements when pick is empty; a chart of more than a few dozen curves
// is unreadable, pick some). Curves are named by element index.
func TimeSeries(ts []float64, rows [][]float64, pick []int, o LineOpts) (*Chart, error) {
	if len(rows) != len(ts) {
		return nil, fmt.Errorf("%w: TimeSeries: %d rows for %d time points", ErrData, len(rows), len(ts))
	}
	if len(rows) == 0 {
		return nil, fmt.Errorf("%w: TimeSeries: no samples", ErrData)
	}
	n := len(rows[0])
	for s, r := range rows {
		if len(r) != n {
			return nil, fmt.Errorf("%w: TimeSeries: row %d has %d elements, row 0 has %d", ErrData, s, len(r), n)
		}
	}
	if len(pick) == 0 {
		pick = make([]int, n)
		for i := range pick {
			pick[i] = i
		}
	}
	ys := make([][]float64, len(pick))
	names := o.Names
	if len(names) == 0 {
		names = make([]string, len(pick))
	}
	for k, i := range pick {
		if i < 0 || i >= n {
			return nil, fmt.Errorf("%w: TimeSeries: element %d picked, there are %d (0..%d)", ErrData, i, n, n-1)
		}
		ys[k] = make([]float64, len(rows))
		for s, r := range rows {
			ys[k][s] = r[i]
		}
		if len(o.Names) == 0 {
			names[k] = strconv.Itoa(i)
		}
	}
	o.Names = names
	return Lines(ts, ys, o)
}

// checkFinite reports the first NaN or infinity of v.
func checkFinite(fn, what string, v []float64) error {
	for i, x := range v {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return fmt.Errorf("%w: %s: %s[%d] is %v", ErrData, fn, what, i, x)
		}
	}
	return nil
}
