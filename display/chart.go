package display

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	htmlpkg "html"
	"os"
	"path/filepath"
	"strings"

	"github.com/janpfeifer/gonb/gonbui"
	"github.com/janpfeifer/gonb/gonbui/protocol"
)

// Default chart size in pixels.
const (
	DefaultWidth  = 720
	DefaultHeight = 400
)

// Chart is a figure ready to show: an interactive ECharts chart with a
// static SVG picture of the same data as its fallback. Build one with a
// constructor (Lines, Raster, Heatmap, PhasePlane, ...); Show publishes it
// in a notebook, HTML and SVG return the two renderings, Save writes one to
// a file.
type Chart struct {
	fig           figure
	static        *figure // what the SVG draws when it differs from fig (coarser data); nil: fig
	width, height int
}

func newChart(f figure) *Chart {
	return &Chart{fig: f, width: DefaultWidth, height: DefaultHeight}
}

// Size sets the chart size in pixels (both at least 200) and returns the
// chart, for chaining: c.Size(900, 300).Show().
func (c *Chart) Size(width, height int) *Chart {
	c.width, c.height = max(width, 200), max(height, 200)
	return c
}

// XRange fixes the x-axis range (both renderings) and returns the chart,
// for chaining; a NaN end stays fitted to the data. Heatmaps ignore it.
func (c *Chart) XRange(lo, hi float64) *Chart {
	c.fig.xRange = [2]float64{lo, hi}
	if c.static != nil {
		c.static.xRange = c.fig.xRange
	}
	return c
}

// YRange fixes the y-axis range like XRange: c.YRange(-80, 40).
func (c *Chart) YRange(lo, hi float64) *Chart {
	c.fig.yRange = [2]float64{lo, hi}
	if c.static != nil {
		c.static.yRange = c.fig.yRange
	}
	return c
}

// staticFigure is the figure the SVG picture draws.
func (c *Chart) staticFigure() *figure {
	if c.static != nil {
		return c.static
	}
	return &c.fig
}

// Title returns the chart title.
func (c *Chart) Title() string { return c.fig.title }

// String describes the chart in one line; it is the text/plain part of
// what Show publishes.
func (c *Chart) String() string {
	t := c.fig.title
	if t == "" {
		t = "chart"
	}
	return fmt.Sprintf("[BrainGo chart: %s]", t)
}

// Option returns the ECharts option of the interactive chart as JSON.
func (c *Chart) Option() ([]byte, error) {
	return json.Marshal(c.fig.option())
}

// SVG returns the static picture.
func (c *Chart) SVG() string {
	return c.staticFigure().svg(newID(), c.width, c.height)
}

// HTML returns the interactive chart: a div that first holds the static SVG
// picture (as an image), the ECharts option as JSON, and a small script that loads
// echarts.min.js once per page (from where the BrainGo install put it, see
// the package documentation) and replaces the picture by the live chart.
// Where the library cannot be loaded (no server, scripts disabled, nbconvert
// exports, GitHub's viewer) the SVG picture stays. Each call uses fresh
// element ids, so the same chart can be shown twice on one page.
func (c *Chart) HTML() string {
	html, _ := c.render("")
	return html
}

// render returns the HTML and the SVG picture it carries, with fresh ids;
// charts with the same non-empty group are linked in the browser.
func (c *Chart) render(group string) (html, svg string) {
	id := newID()
	svg = c.staticFigure().svg(id, c.width, c.height)
	// encoding/json escapes <, > and & as \u003c..., so the option cannot
	// close the script element that carries it.
	opt, err := json.Marshal(c.fig.option())
	urls, _ := json.Marshal(EchartsURLs())
	var b strings.Builder
	fmt.Fprintf(&b, `<div id="%s" class="braingo-chart" style="width:%dpx;max-width:100%%;height:%dpx">`, id, c.width, c.height)
	// The picture goes in as an <img> with a data URI, not inline <svg>:
	// notebooks sanitize untrusted HTML outputs (one reopened from disk)
	// and drop inline SVG elements, but keep images with data URIs.
	fmt.Fprintf(&b, `<div class="braingo-static"><img alt="%s" width="%d" height="%d" style="max-width:100%%;height:auto" src="data:image/svg+xml;base64,%s"></div></div>`,
		htmlpkg.EscapeString(c.String()), c.width, c.height, base64.StdEncoding.EncodeToString([]byte(svg)))
	if err != nil {
		// Values JSON cannot carry (a bound beyond float32 in a colour
		// scale): keep the picture and say why there is no live chart.
		fmt.Fprintf(&b, `<div style="color:#c00">interactive chart unavailable: %s</div>`, htmlpkg.EscapeString(err.Error()))
		return b.String(), svg
	}
	fmt.Fprintf(&b, `<script type="application/json" id="%s-option">%s</script>`, id, opt)
	fmt.Fprintf(&b, "<script>%s(%q,%s,%q);</script>", loaderJS, id, urls, group)
	return b.String(), svg
}

// Show publishes the chart in the notebook as one display_data message
// whose mime bundle holds text/html (interactive, with the SVG inside as
// its fallback), image/svg+xml (for exporters that prefer images) and
// text/plain. Outside a GoNB notebook it does nothing: use HTML, SVG or
// Save there.
func (c *Chart) Show() {
	if gonbui.IsNotebook {
		html, svg := c.render("")
		publish(html, svg, c.String())
	}
}

// publish sends one display_data with the three renderings.
func publish(html, svg, text string) {
	send(map[protocol.MIMEType]any{
		protocol.MIMETextHTML:  html,
		protocol.MIMEImageSVG:  svg,
		protocol.MIMETextPlain: text,
	})
}

// send publishes one mime bundle and waits until GoNB has taken it: a cell
// is a process that may exit right after its last Show, and output still in
// the pipe at exit would be lost.
func send(bundle map[protocol.MIMEType]any) {
	gonbui.SendData(&protocol.DisplayData{Data: bundle})
	syncDisplays()
}

// syncDisplays waits for GoNB to acknowledge what was sent; a variable so
// that tests, which stand in plain files for GoNB's pipes, can count calls.
var syncDisplays = gonbui.Sync

// ErrFormat is returned by Save for a file name whose extension it cannot
// write.
var ErrFormat = errors.New("display: unknown file format")

// Save writes the chart to path, by extension: ".svg" the static picture,
// ".html" a standalone page with the interactive chart (it loads ECharts
// from BRAINGO_ECHARTS_URL when set, else shows the picture), ".json" the
// ECharts option.
func (c *Chart) Save(path string) error {
	if strings.EqualFold(filepath.Ext(path), ".json") {
		data, err := c.Option()
		if err != nil {
			return fmt.Errorf("display: encoding the option of %q: %w", c.fig.title, err)
		}
		return writeFile(path, data)
	}
	return save(path, c.fig.title, c.HTML, c.SVG)
}

// save writes a page or a picture, by the extension of path.
func save(path, title string, html, svg func() string) error {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".svg":
		return writeFile(path, []byte(svg()))
	case ".html", ".htm":
		return writeFile(path, []byte(fmt.Sprintf("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>%s</title></head><body>\n%s\n</body></html>\n",
			htmlpkg.EscapeString(title), html())))
	}
	return fmt.Errorf("%w %q: use .svg or .html (a Chart also .json)", ErrFormat, filepath.Ext(path))
}

func writeFile(path string, data []byte) error {
	if err := os.WriteFile(path, data, 0o644); err != nil {
		return fmt.Errorf("display: saving chart: %w", err)
	}
	return nil
}

// Shower is anything display can publish: charts, tables.
type Shower interface{ Show() }

// Show publishes v, or err when it is not nil, so a constructor's two
// results can be passed straight through:
//
//	display.Show(display.Lines(ts, ys, display.LineOpts{}))
//
// In a notebook the error appears as a red message in the cell output;
// elsewhere it is written to standard error.
func Show(v Shower, err error) {
	if err != nil {
		ShowError(err)
		return
	}
	v.Show()
}

// ShowError shows err in the notebook (or on standard error outside one).
func ShowError(err error) {
	if !gonbui.IsNotebook {
		fmt.Fprintln(os.Stderr, err)
		return
	}
	send(map[protocol.MIMEType]any{
		protocol.MIMETextHTML:  fmt.Sprintf(`<pre style="color:#c00">%s</pre>`, htmlpkg.EscapeString(err.Error())),
		protocol.MIMETextPlain: err.Error(),
	})
}

// newID returns a fresh element id: charts from different cells and
// kernels share one page, so ids must not repeat.
func newID() string {
	var b [8]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails (Go 1.24+)
	return "braingo-" + hex.EncodeToString(b[:])
}
