package display

import (
	"fmt"
	"math"
	"strconv"
)

// DefaultMaxSide bounds the cells per side of a heatmap: larger matrices
// are averaged over blocks (a 4000×4000 connectivity becomes 128×128).
const DefaultMaxSide = 128

// HeatmapOpts sets up a heatmap. The zero value works.
type HeatmapOpts struct {
	Title  string
	XLabel string // default "column"
	YLabel string // default "row"
	// MaxSide bounds the cells per side (DefaultMaxSide when 0).
	MaxSide int
	// Lo, Hi fix the colour range; both 0: the data range.
	Lo, Hi float64
}

// Heatmap plots a matrix m[row][column] as coloured cells, row 0 at the
// bottom (weight matrices: row = presynaptic, column = postsynaptic).
func Heatmap(m [][]float64, o HeatmapOpts) (*Chart, error) {
	if len(m) == 0 || len(m[0]) == 0 {
		return nil, fmt.Errorf("%w: Heatmap: empty matrix", ErrData)
	}
	flat := make([]float64, 0, len(m)*len(m[0]))
	for i, row := range m {
		if len(row) != len(m[0]) {
			return nil, fmt.Errorf("%w: Heatmap: row %d has %d columns, row 0 has %d", ErrData, i, len(row), len(m[0]))
		}
		flat = append(flat, row...)
	}
	return HeatmapDense(len(m), len(m[0]), flat, o)
}

// HeatmapDense is Heatmap for a row-major rows×cols slice.
func HeatmapDense(rows, cols int, data []float64, o HeatmapOpts) (*Chart, error) {
	if rows <= 0 || cols <= 0 || len(data) != rows*cols {
		return nil, fmt.Errorf("%w: HeatmapDense: %d values for a %d×%d matrix", ErrData, len(data), rows, cols)
	}
	if err := checkFinite("Heatmap", "values", data); err != nil {
		return nil, err
	}
	b, err := heatBlocks(rows, cols, o)
	if err != nil {
		return nil, err
	}
	for i := range rows {
		for j := range cols {
			b.add(i, j, data[i*cols+j])
		}
	}
	return heatChart(b, o), nil
}

func heatBlocks(rows, cols int, o HeatmapOpts) (*blocks, error) {
	side := o.MaxSide
	if side == 0 {
		side = DefaultMaxSide
	}
	if side < 1 || !(o.Hi >= o.Lo) || math.IsInf(o.Lo, 0) || math.IsInf(o.Hi, 0) {
		return nil, fmt.Errorf("%w: Heatmap: MaxSide %d, colour range [%g, %g]", ErrData, o.MaxSide, o.Lo, o.Hi)
	}
	return newBlocks(rows, cols, side), nil
}

// heatChart finishes a heatmap whose cells are labelled by their source
// row and column indices.
func heatChart(b *blocks, o HeatmapOpts) *Chart {
	rows, cols := b.starts()
	return heatChartLabelled(b, o, indexLabels(rows), indexLabels(cols),
		[2]float64{0, float64(b.cols)}, [2]float64{0, float64(b.rows)})
}

// heatChartLabelled finishes a heatmap with the given cell labels and the
// data ranges the picture's axes show.
func heatChartLabelled(b *blocks, o HeatmapOpts, yLabels, xLabels []string, xSpan, ySpan [2]float64) *Chart {
	hm := &heatLayer{m: b.mean(), rows: b.r, cols: b.c, lo: o.Lo, hi: o.Hi,
		xLabels: xLabels, yLabels: yLabels, xSpan: xSpan, ySpan: ySpan}
	if o.Lo == 0 && o.Hi == 0 {
		hm.lo, hm.hi = math.Inf(1), math.Inf(-1)
		for _, v := range hm.m {
			hm.lo, hm.hi = math.Min(hm.lo, v), math.Max(hm.hi, v)
		}
		if hm.lo == hm.hi { // a constant matrix: centre it in the scale
			hm.lo, hm.hi = hm.lo-1, hm.hi+1
		}
	}
	f := figure{title: o.Title, xName: o.XLabel, yName: o.YLabel, heat: hm}
	if f.xName == "" {
		f.xName = "column"
	}
	if f.yName == "" {
		f.yName = "row"
	}
	if b.r < b.rows || b.c < b.cols {
		f.note = fmt.Sprintf("%d×%d matrix, mean over blocks of about %d×%d", b.rows, b.cols,
			(b.rows+b.r-1)/b.r, (b.cols+b.c-1)/b.c)
	}
	return newChart(f)
}

// indexLabels turns indices into axis labels.
func indexLabels(v []int) []string {
	s := make([]string, len(v))
	for k, x := range v {
		s[k] = strconv.Itoa(x)
	}
	return s
}
