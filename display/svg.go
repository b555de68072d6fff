package display

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"html"
	"image"
	"image/color"
	"image/png"
	"math"
	"strconv"
	"strings"
)

// svgCanvas writes the static SVG fallback of a chart: a plot area with
// axes, ticks and labels, into which layers draw in data coordinates.
// Coordinates are written with at most one decimal: the figure is viewed at
// its pixel size, so more digits only grow the notebook.
type svgCanvas struct {
	b                        strings.Builder
	id                       string  // unique per chart: clip-path ids live in one page namespace
	w, h                     float64 // whole picture, pixels
	left, right, top, bottom float64 // plot area, pixels
	x0, x1, y0, y1           float64 // data range shown
}

// Plot-area margins in pixels: room for tick labels, axis names and the title.
const (
	marginLeft   = 64
	marginRight  = 24
	marginTop    = 44
	marginBottom = 48
)

func newCanvas(id string, w, h int, xr, yr [2]float64) *svgCanvas {
	c := &svgCanvas{
		id: id, w: float64(w), h: float64(h),
		left: marginLeft, right: float64(w) - marginRight,
		top: marginTop, bottom: float64(h) - marginBottom,
		x0: xr[0], x1: xr[1], y0: yr[0], y1: yr[1],
	}
	fmt.Fprintf(&c.b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" font-family="sans-serif" font-size="11">`, w, h, w, h)
	fmt.Fprintf(&c.b, `<rect width="%d" height="%d" fill="#fff"/>`, w, h)
	fmt.Fprintf(&c.b, `<clipPath id="%s-clip"><rect x="%s" y="%s" width="%s" height="%s"/></clipPath>`,
		id, num(c.left), num(c.top), num(c.right-c.left), num(c.bottom-c.top))
	return c
}

// px and py map data coordinates to pixels.
func (c *svgCanvas) px(x float64) float64 {
	return c.left + (x-c.x0)/(c.x1-c.x0)*(c.right-c.left)
}

func (c *svgCanvas) py(y float64) float64 {
	return c.bottom - (y-c.y0)/(c.y1-c.y0)*(c.bottom-c.top)
}

// num formats a pixel coordinate with at most one decimal, clamped to
// ±100 000 px: a far outlier is clipped anyway and must not print as a
// 300-digit number.
func num(v float64) string {
	return strconv.FormatFloat(math.Round(math.Max(-1e5, math.Min(1e5, v))*10)/10, 'f', -1, 64)
}

// finite reports whether x and y can be drawn.
func finite(x, y float64) bool {
	return !math.IsNaN(x) && !math.IsNaN(y) && !math.IsInf(x, 0) && !math.IsInf(y, 0)
}

// label formats an axis tick value.
func label(v float64) string {
	if math.Abs(v) < 1e-12 {
		return "0"
	}
	return strconv.FormatFloat(v, 'g', 6, 64) // 6 digits: 10000 ms, not 1e+04
}

func (c *svgCanvas) text(x, y float64, anchor, s string, extra string) {
	fmt.Fprintf(&c.b, `<text x="%s" y="%s" text-anchor="%s"%s>%s</text>`, num(x), num(y), anchor, extra, html.EscapeString(s))
}

// frame draws the title, the subtitle note, the axes with round ticks,
// tick labels and names.
func (c *svgCanvas) frame(title, note, xName, yName string) {
	if title != "" {
		c.text(c.w/2, 18, "middle", title, ` font-size="14" font-weight="bold"`)
	}
	if note != "" {
		c.text(c.w/2, 34, "middle", note, ` fill="#666"`)
	}
	xTicks, yTicks := niceTicks(c.x0, c.x1, 6), niceTicks(c.y0, c.y1, 5)
	var grid, ticks strings.Builder
	for _, t := range xTicks {
		x := num(c.px(t))
		fmt.Fprintf(&grid, "M%s %sV%s", x, num(c.top), num(c.bottom))
		fmt.Fprintf(&ticks, "M%s %sv5", x, num(c.bottom))
		c.text(c.px(t), c.bottom+17, "middle", label(t), "")
	}
	for _, t := range yTicks {
		y := num(c.py(t))
		fmt.Fprintf(&grid, "M%s %sH%s", num(c.left), y, num(c.right))
		fmt.Fprintf(&ticks, "M%s %sh-5", num(c.left), y)
		c.text(c.left-8, c.py(t)+4, "end", label(t), "")
	}
	fmt.Fprintf(&c.b, `<path d="%s" stroke="#eee" fill="none"/>`, grid.String())
	fmt.Fprintf(&c.b, `<path d="%sM%s %sH%sM%s %sV%s" stroke="#333" fill="none"/>`, ticks.String(),
		num(c.left), num(c.bottom), num(c.right), num(c.left), num(c.bottom), num(c.top))
	if xName != "" {
		c.text((c.left+c.right)/2, c.h-10, "middle", xName, "")
	}
	if yName != "" {
		cy := (c.top + c.bottom) / 2
		c.text(16, cy, "middle", yName, fmt.Sprintf(` transform="rotate(-90 16 %s)"`, num(cy)))
	}
}

// niceStep returns a round tick step (1, 2 or 5 times a power of ten)
// giving about n ticks over [lo, hi]; 0 for an empty or infinite span.
func niceStep(lo, hi float64, n int) float64 {
	span := hi - lo
	if !(span > 0) || math.IsInf(span, 0) {
		return 0
	}
	raw := span / float64(n)
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	step := mag
	for _, m := range []float64{2, 5, 10} {
		if raw/mag > m*0.7 {
			step = m * mag
		}
	}
	return step
}

// niceTicks returns about n round tick values inside [lo, hi].
func niceTicks(lo, hi float64, n int) []float64 {
	step := niceStep(lo, hi, n)
	if step == 0 {
		return []float64{lo}
	}
	var ts []float64
	for t := math.Ceil(lo/step) * step; t <= hi+step*1e-9; t += step {
		ts = append(ts, math.Round(t/step)*step)
	}
	return ts
}

// onTick reports whether v is a multiple of step (a tick of a nice axis).
func onTick(v, step float64) bool {
	if step == 0 {
		return false
	}
	q := v / step
	return math.Abs(q-math.Round(q)) < 1e-9*math.Max(1, math.Abs(q))
}

// polyline draws pairs (flat x, y) as one path; a NaN or infinite value
// starts a new piece.
func (c *svgCanvas) polyline(xy []float64, stroke string, width float64, dashed bool) {
	var d strings.Builder
	pen := false
	for k := 0; k+1 < len(xy); k += 2 {
		x, y := xy[k], xy[k+1]
		if !finite(x, y) {
			pen = false
			continue
		}
		if pen {
			d.WriteByte(' ')
		} else {
			d.WriteByte('M')
		}
		d.WriteString(num(c.px(x)))
		d.WriteByte(' ')
		d.WriteString(num(c.py(y)))
		pen = true
	}
	if d.Len() == 0 {
		return
	}
	dash := ""
	if dashed {
		dash = ` stroke-dasharray="6 4"`
	}
	fmt.Fprintf(&c.b, `<path d="%s" stroke="%s" stroke-width="%s" fill="none" stroke-linejoin="round"%s clip-path="url(#%s-clip)"/>`,
		d.String(), stroke, num(width), dash, c.id)
}

// markers draws a symbol of the given pixel size at each pair (data
// coordinates). Symbols are ECharts' names: circle, rect, triangle,
// diamond; an "empty" prefix draws the outline only (how unstable points
// are marked).
func (c *svgCanvas) markers(xy []float64, symbol string, size float64, colour string) {
	pix := make([]float64, 0, len(xy))
	for k := 0; k+1 < len(xy); k += 2 {
		if finite(xy[k], xy[k+1]) {
			pix = append(pix, c.px(xy[k]), c.py(xy[k+1]))
		}
	}
	c.symbols(pix, symbol, size, colour, fmt.Sprintf(` clip-path="url(#%s-clip)"`, c.id))
}

// symbols draws markers at pixel positions; extra holds more attributes.
func (c *svgCanvas) symbols(pix []float64, symbol string, size float64, colour, extra string) {
	fill, stroke := colour, "none"
	shape := symbol
	if s, ok := strings.CutPrefix(symbol, "empty"); ok {
		fill, stroke, shape = "#fff", colour, strings.ToLower(s)
	}
	r := size / 2
	var d strings.Builder
	for k := 0; k+1 < len(pix); k += 2 {
		x, y := pix[k], pix[k+1]
		switch shape {
		case "rect":
			fmt.Fprintf(&d, "M%s %sh%sv%sh-%sz", num(x-r), num(y-r), num(size), num(size), num(size))
		case "triangle":
			fmt.Fprintf(&d, "M%s %sL%s %sL%s %sz", num(x), num(y-r), num(x+r), num(y+r), num(x-r), num(y+r))
		case "diamond":
			fmt.Fprintf(&d, "M%s %sL%s %sL%s %sL%s %sz", num(x), num(y-r), num(x+r), num(y), num(x), num(y+r), num(x-r), num(y))
		default: // circle: two arcs
			fmt.Fprintf(&d, "M%s %sa%s %s 0 1 0 %s 0a%s %s 0 1 0 -%s 0", num(x-r), num(y), num(r), num(r), num(size), num(r), num(r), num(size))
		}
	}
	if d.Len() > 0 {
		fmt.Fprintf(&c.b, `<path d="%s" fill="%s" stroke="%s" stroke-width="1.5"%s/>`, d.String(), fill, stroke, extra)
	}
}

// spikes draws a raster as a bitmap at the plot's pixel size: every
// spike sets its pixel (a short vertical run when a neuron row is taller
// than a pixel) in its layer's colour. Unlike one SVG mark per spike, the
// picture shows every spike and stays a few tens of kilobytes (PNG packs
// the empty background), whatever the spike count.
func (c *svgCanvas) spikes(layers []layer) {
	w, h := int(c.right-c.left), int(c.bottom-c.top)
	if w <= 0 || h <= 0 {
		return
	}
	rowPx := int(min(6, max(1, math.Round(float64(h)/math.Max(1, c.y1-c.y0)))))
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for _, l := range layers {
		col := hexColour(l.colour)
		for k := 0; k+1 < len(l.xy); k += 2 {
			x, y := int(c.px(l.xy[k])-c.left), int(c.py(l.xy[k+1])-c.top)-rowPx/2
			if x < 0 || x >= w {
				continue
			}
			for r := max(y, 0); r < min(y+rowPx, h); r++ {
				img.SetNRGBA(x, r, col)
			}
		}
	}
	c.embed(img, c.left, c.top, float64(w), float64(h))
}

// embed places a bitmap, as a PNG data URI, over the given pixel box.
func (c *svgCanvas) embed(img image.Image, x, y, w, h float64) {
	var buf bytes.Buffer
	_ = png.Encode(&buf, img) // writing to a bytes.Buffer cannot fail
	fmt.Fprintf(&c.b, `<image x="%s" y="%s" width="%s" height="%s" preserveAspectRatio="none" style="image-rendering:pixelated" href="data:image/png;base64,%s"/>`,
		num(x), num(y), num(w), num(h), base64.StdEncoding.EncodeToString(buf.Bytes()))
}

// bars draws histogram bars: flat [left, right, height] triples.
func (c *svgCanvas) bars(lrh []float64, colour string) {
	var d strings.Builder
	for k := 0; k+2 < len(lrh); k += 3 {
		x0, x1, y := c.px(lrh[k]), c.px(lrh[k+1]), c.py(lrh[k+2])
		fmt.Fprintf(&d, "M%s %sH%sV%sH%sz", num(x0), num(c.py(0)), num(x1), num(y), num(x0))
	}
	fmt.Fprintf(&c.b, `<path d="%s" fill="%s" stroke="#fff" stroke-width="0.5" clip-path="url(#%s-clip)"/>`, d.String(), colour, c.id)
}

// image draws a row-major matrix (row 0 at the bottom, like the y axis) as
// an embedded PNG stretched over the plot area, coloured by the colour map
// over [lo, hi]: one pixel per cell keeps the picture a few kilobytes where
// one <rect> per cell would take megabytes.
func (c *svgCanvas) image(m []float64, rows, cols int, lo, hi float64) {
	img := image.NewNRGBA(image.Rect(0, 0, cols, rows))
	for i := range rows {
		for j := range cols {
			img.SetNRGBA(j, rows-1-i, colourAt(m[i*cols+j], lo, hi))
		}
	}
	c.embed(img, c.left, c.top, c.right-c.left, c.bottom-c.top)
}

// colourScale is the heatmap colour map (viridis sampled at nine stops),
// shared by the SVG and the ECharts visualMap so both show the same colours.
var colourScale = []string{"#440154", "#472d7b", "#3b528b", "#2c728e", "#21918c", "#28ae80", "#5ec962", "#addc30", "#fde725"}

// colourAt interpolates colourScale at v within [lo, hi]; NaN is transparent.
func colourAt(v, lo, hi float64) color.NRGBA {
	if math.IsNaN(v) {
		return color.NRGBA{}
	}
	f := 0.0
	if hi > lo {
		f = math.Min(1, math.Max(0, (v-lo)/(hi-lo)))
	}
	pos := f * float64(len(colourScale)-1)
	k := min(int(pos), len(colourScale)-2)
	a, b := hexColour(colourScale[k]), hexColour(colourScale[k+1])
	t := pos - float64(k)
	mix := func(p, q uint8) uint8 { return uint8(math.Round(float64(p) + t*(float64(q)-float64(p)))) }
	return color.NRGBA{mix(a.R, b.R), mix(a.G, b.G), mix(a.B, b.B), 255}
}

func hexColour(s string) color.NRGBA {
	v, _ := strconv.ParseUint(strings.TrimPrefix(s, "#"), 16, 32)
	return color.NRGBA{uint8(v >> 16), uint8(v >> 8), uint8(v), 255}
}

// colourBar draws the colour scale with its end values at the right of
// the plot area.
func (c *svgCanvas) colourBar(lo, hi float64) {
	x := c.right + 8
	fmt.Fprintf(&c.b, `<defs><linearGradient id="%s-grad" x1="0" y1="1" x2="0" y2="0">`, c.id)
	for k, s := range colourScale {
		fmt.Fprintf(&c.b, `<stop offset="%s" stop-color="%s"/>`, num(float64(k)/float64(len(colourScale)-1)), s)
	}
	fmt.Fprintf(&c.b, `</linearGradient></defs><rect x="%s" y="%s" width="12" height="%s" fill="url(#%s-grad)"/>`,
		num(x), num(c.top), num(c.bottom-c.top), c.id)
	c.text(x+6, c.top-4, "middle", label(hi), "")
	c.text(x+6, c.bottom+14, "middle", label(lo), "")
}

// legendEntry is one line of the legend: a swatch in the layer's style.
type legendEntry struct {
	name, colour, symbol string
	line, dashed         bool
}

// legend draws the entries in a column at the top right of the plot area.
func (c *svgCanvas) legend(entries []legendEntry) {
	width := 0
	for _, e := range entries {
		width = max(width, len(e.name))
	}
	x := c.right - 30 - 6.5*float64(width)
	// A translucent box keeps the entries readable over dense data.
	fmt.Fprintf(&c.b, `<rect x="%s" y="%s" width="%s" height="%s" fill="#fff" fill-opacity="0.8"/>`,
		num(x-4), num(c.top+2), num(c.right-x), num(15*float64(len(entries))+4))
	for k, e := range entries {
		y := c.top + 12 + 15*float64(k)
		if e.line {
			dash := ""
			if e.dashed {
				dash = ` stroke-dasharray="4 3"`
			}
			fmt.Fprintf(&c.b, `<path d="M%s %sh18" stroke="%s" stroke-width="2"%s/>`, num(x), num(y-4), e.colour, dash)
		}
		if e.symbol != "" {
			c.symbols([]float64{x + 9, y - 4}, e.symbol, 8, e.colour, "")
		}
		c.text(x+24, y, "start", e.name, "")
	}
}

// String closes the picture and returns it.
func (c *svgCanvas) String() string {
	return c.b.String() + "</svg>"
}
