package display

import (
	"math"
	"slices"
	"strconv"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// layerKind says how a layer is drawn.
type layerKind int

const (
	lineLayer    layerKind = iota // polyline; a NaN y breaks it
	scatterLayer                  // a symbol per point
	rasterLayer                   // spikes: ECharts large scatter, SVG bitmap
	barLayer                      // histogram bars: XY holds [left, right, height] triples
)

// layer is one series of a figure, in data coordinates. Both renderers
// (ECharts option and SVG) draw from it, so they show the same data.
type layer struct {
	kind   layerKind
	name   string    // legend and tooltip name; "" keeps it out of the legend
	xy     []float64 // flat [x, y] pairs (bars: [left, right, height])
	colour string
	width  float64 // line width or symbol size, pixels
	dashed bool
	symbol string // scatter symbol: circle, rect, triangle, diamond, emptyCircle, ...
}

// heatLayer is a matrix drawn as coloured cells; row 0 is at the bottom.
type heatLayer struct {
	m          []float64 // row-major rows×cols
	rows, cols int
	lo, hi     float64 // colour range
	// xLabels and yLabels name each cell column and row on the interactive
	// chart's category axes (after block reduction: where each block starts).
	xLabels, yLabels []string
	// xSpan and ySpan are the data ranges the cells cover: the picture's
	// numeric axes.
	xSpan, ySpan [2]float64
}

// figure is what a chart shows, independent of the renderer.
type figure struct {
	title, note  string
	xName, yName string
	xRange       [2]float64 // NaN entries: fit to the data
	yRange       [2]float64
	layers       []layer
	heat         *heatLayer
	zoom         bool // x-axis zoom slider (time series)
}

// palette is ECharts' default series palette: the SVG uses the same colours
// so the static and interactive pictures match.
var palette = []string{"#5470c6", "#91cc75", "#fac858", "#ee6666", "#73c0de", "#3ba272", "#fc8452", "#9a60b4", "#ea7ccc"}

func paletteColour(k int) string { return palette[k%len(palette)] }

func autoRange() [2]float64 { return [2]float64{math.NaN(), math.NaN()} }

// ranges returns the data ranges shown: the fixed ones, else the extent of
// the layers rounded outward to round tick values.
func (f *figure) ranges() (xr, yr [2]float64) {
	xr, yr = f.xRange, f.yRange
	if f.heat != nil {
		return f.heat.xSpan, f.heat.ySpan
	}
	xlo, xhi, ylo, yhi := math.Inf(1), math.Inf(-1), math.Inf(1), math.Inf(-1)
	grow := func(x, y float64) {
		if !finite(x, y) {
			return
		}
		xlo, xhi = math.Min(xlo, x), math.Max(xhi, x)
		ylo, yhi = math.Min(ylo, y), math.Max(yhi, y)
	}
	for _, l := range f.layers {
		if l.kind == barLayer {
			for k := 0; k+2 < len(l.xy); k += 3 {
				grow(l.xy[k], 0)
				grow(l.xy[k+1], l.xy[k+2])
			}
			continue
		}
		for k := 0; k+1 < len(l.xy); k += 2 {
			grow(l.xy[k], l.xy[k+1])
		}
	}
	fit := func(r [2]float64, lo, hi float64) [2]float64 {
		switch {
		case lo > hi: // no data
			lo, hi = 0, 1
		case lo == hi:
			d := math.Max(math.Abs(lo)*0.1, 1)
			lo, hi = lo-d, hi+d
		}
		// Round outward to ticks, so the axes end on labelled values.
		if step := niceStep(lo, hi, 5); step > 0 {
			lo, hi = math.Floor(lo/step+1e-9)*step, math.Ceil(hi/step-1e-9)*step
		}
		if math.IsNaN(r[0]) {
			r[0] = lo
		}
		if math.IsNaN(r[1]) {
			r[1] = hi
		}
		return r
	}
	return fit(xr, xlo, xhi), fit(yr, ylo, yhi)
}

// tooltipTrigger is "axis" for curves only (the values of every curve at
// the pointed x), "item" when there are points to point at.
func (f *figure) tooltipTrigger() string {
	for _, l := range f.layers {
		if l.kind != lineLayer {
			return "item"
		}
	}
	if f.heat != nil {
		return "item"
	}
	return "axis"
}

// boundLabels hides an axis' end labels where the range ends off the tick
// grid (a raster's -0.5 … N-0.5): ECharts would print them in full.
func boundLabels(r [2]float64) *opts.AxisLabel {
	step := niceStep(r[0], r[1], 5)
	return &opts.AxisLabel{ShowMinLabel: opts.Bool(onTick(r[0], step)), ShowMaxLabel: opts.Bool(onTick(r[1], step))}
}

// svg renders the static picture.
func (f *figure) svg(id string, w, h int) string {
	xr, yr := f.ranges()
	c := newCanvas(id, w, h, xr, yr)
	if f.heat != nil {
		c.right -= 40 // room for the colour bar
		hm := f.heat
		c.image(hm.m, hm.rows, hm.cols, hm.lo, hm.hi)
		c.frame(f.title, f.note, f.xName, f.yName)
		c.colourBar(hm.lo, hm.hi)
		return c.String()
	}
	c.frame(f.title, f.note, f.xName, f.yName)
	var legend []legendEntry
	var spikes []layer
	for _, l := range f.layers {
		switch l.kind {
		case lineLayer:
			c.polyline(l.xy, l.colour, l.width, l.dashed)
		case scatterLayer:
			c.markers(l.xy, l.symbol, l.width, l.colour)
		case rasterLayer:
			spikes = append(spikes, l) // one bitmap for all populations
		case barLayer:
			c.bars(l.xy, l.colour)
		}
		if l.name != "" && !slices.ContainsFunc(legend, func(e legendEntry) bool { return e.name == l.name }) {
			legend = append(legend, legendEntry{name: l.name, colour: l.colour, symbol: legendSymbol(l), line: l.kind == lineLayer, dashed: l.dashed})
		}
	}
	if spikes != nil {
		c.spikes(spikes)
	}
	if len(legend) > 1 {
		c.legend(legend)
	}
	return c.String()
}

func legendSymbol(l layer) string {
	switch l.kind {
	case scatterLayer:
		return l.symbol
	case rasterLayer, barLayer:
		return "rect"
	}
	return ""
}

// option builds the ECharts option with go-echarts. Layers become series
// whose data are compact [x, y] tuples; axes are numeric ("value") except
// for heatmaps, whose cells sit on category axes.
func (f *figure) option() map[string]any {
	xr, yr := f.ranges()
	c := charts.NewLine()
	noAnim := opts.Bool(false)
	c.SetGlobalOptions(
		charts.WithAnimation(false),
		charts.WithTitleOpts(opts.Title{Title: f.title, Subtitle: f.note, Left: "center"}),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: f.tooltipTrigger()}),
	)
	// Axis lines stay at the frame's edge, not at zero as ECharts puts them.
	edge := &opts.AxisLine{OnZero: opts.Bool(false)}
	axisX := opts.XAxis{Type: "value", Name: f.xName, NameLocation: "middle", NameGap: 26, Min: xr[0], Max: xr[1], AxisLabel: boundLabels(xr), AxisLine: edge}
	axisY := opts.YAxis{Type: "value", Name: f.yName, NameLocation: "middle", NameGap: 44, Min: yr[0], Max: yr[1], AxisLabel: boundLabels(yr), AxisLine: edge}
	var series []seriesOption
	if f.heat != nil {
		hm := f.heat
		// About ten labels per axis: one per cell would overlap.
		every := func(n int) *opts.AxisLabel { return &opts.AxisLabel{Interval: strconv.Itoa(max(n/10, 1) - 1)} }
		axisX = opts.XAxis{Type: "category", Name: f.xName, NameLocation: "middle", NameGap: 26, AxisLabel: every(hm.cols)}
		axisY = opts.YAxis{Type: "category", Name: f.yName, NameLocation: "middle", NameGap: 44, Data: hm.yLabels, AxisLabel: every(hm.rows)}
		c.SetXAxis(hm.xLabels) // Validate copies it into the axis
		cells := make([]float64, 0, 3*hm.rows*hm.cols)
		for i := range hm.rows {
			for j := range hm.cols {
				if v := hm.m[i*hm.cols+j]; v != 0 && !math.IsNaN(v) {
					cells = append(cells, float64(j), float64(i), v)
				}
			}
		}
		c.SetGlobalOptions(charts.WithVisualMapOpts(opts.VisualMap{
			Calculable: opts.Bool(true), Min: float32(hm.lo), Max: float32(hm.hi),
			Orient: "vertical", Right: "0", Top: "center",
			InRange: &opts.VisualMapInRange{Color: colourScale},
		}))
		series = append(series, seriesOption{SingleSeries: charts.SingleSeries{Type: "heatmap", Data: tuples{3, cells}, Animation: noAnim}, Progressive: &allAtOnce})
	}
	if f.zoom {
		c.SetGlobalOptions(charts.WithDataZoomOpts(
			opts.DataZoom{Type: "inside", XAxisIndex: []int{0}, FilterMode: "none"},
			opts.DataZoom{Type: "slider", XAxisIndex: []int{0}, FilterMode: "none"},
		))
	}
	c.SetGlobalOptions(charts.WithXAxisOpts(axisX), charts.WithYAxisOpts(axisY))
	var names []string
	for _, l := range f.layers {
		s := seriesOption{}
		s.SingleSeries = charts.SingleSeries{Name: l.name, Data: tuples{2, l.xy}, Color: l.colour, Animation: noAnim}
		switch l.kind {
		case lineLayer:
			s.Type = "line"
			s.ShowSymbol = opts.Bool(false)
			s.Symbol = "none"
			s.LineStyle = &opts.LineStyle{Width: float32(l.width)}
			if l.dashed {
				s.LineStyle.Type = "dashed"
			}
		case scatterLayer:
			s.Type = "scatter"
			s.Symbol = l.symbol
			s.SymbolSize = l.width
		case rasterLayer:
			s.Type = "scatter"
			s.Symbol = "rect"
			s.SymbolSize = []float64{1.5, 3}
			s.Large = opts.Bool(true)
			s.LargeThreshold = 2000
			s.Progressive = &allAtOnce
		case barLayer:
			s.Type = "bar"
			s.BarWidth = "99%"
			centres := make([]float64, 0, 2*len(l.xy)/3)
			for k := 0; k+2 < len(l.xy); k += 3 {
				centres = append(centres, (l.xy[k]+l.xy[k+1])/2, l.xy[k+2])
			}
			s.Data = tuples{2, centres}
		}
		series = append(series, s)
		if l.name != "" && !slices.Contains(names, l.name) {
			names = append(names, l.name)
		}
	}
	legend := opts.Legend{Show: opts.Bool(false)}
	if len(names) > 1 {
		legend = opts.Legend{Show: opts.Bool(true), Top: "28", Data: names}
		if f.note != "" {
			legend.Top = "44"
		}
	}
	// The plot area: room for the title and legend above, the zoom slider
	// below, the colour scale at the right.
	grid := opts.Grid{Left: strconv.Itoa(marginLeft), Right: strconv.Itoa(marginRight + 16), Top: strconv.Itoa(marginTop + 16), Bottom: strconv.Itoa(marginBottom + 16)}
	if f.zoom {
		grid.Bottom = strconv.Itoa(marginBottom + 48)
	}
	if f.heat != nil {
		grid.Right = "90"
	}
	c.SetGlobalOptions(charts.WithLegendOpts(legend), charts.WithGridOpts(grid))
	c.Validate()
	obj := c.JSON()
	obj["series"] = series
	// go-echarts' toolbox type has no filterMode and writes "icon": null,
	// which hides the zoom buttons: write the toolbox directly. filterMode
	// "none" keeps curves whose points leave the zoomed window drawn.
	obj["toolbox"] = map[string]any{"right": 20, "feature": map[string]any{
		"dataZoom":    map[string]any{"filterMode": "none", "title": map[string]string{"zoom": "zoom", "back": "undo zoom"}},
		"restore":     map[string]any{"title": "reset"},
		"saveAsImage": map[string]any{"title": "save as PNG"},
	}}
	return obj
}

// seriesOption is a go-echarts series with the settings its type lacks.
type seriesOption struct {
	charts.SingleSeries
	// Progressive 0 draws a series in one frame: ECharts otherwise draws
	// big heatmaps and scatters in chunks over many frames, and a
	// screenshot (or a glance) catches them half drawn.
	Progressive *int `json:"progressive,omitempty"`
}

// allAtOnce is the Progressive setting that turns chunked drawing off.
var allAtOnce = 0
