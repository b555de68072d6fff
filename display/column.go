package display

import (
	"fmt"
	"strings"

	"github.com/janpfeifer/gonb/gonbui"
)

// Column is charts stacked top to bottom whose x axes move together in the
// browser: zooming or hovering one zooms or points the others (a raster
// above its population rate, V above a gating variable). Build it with
// NewColumn; it shows and saves like a Chart.
type Column struct {
	charts []*Chart
}

// NewColumn stacks the charts; nil charts are an error, so constructor
// errors are not lost:
//
//	display.Show(display.NewColumn(raster, rate))
func NewColumn(charts ...*Chart) (*Column, error) {
	if len(charts) == 0 {
		return nil, fmt.Errorf("%w: NewColumn: no charts", ErrData)
	}
	for k, c := range charts {
		if c == nil {
			return nil, fmt.Errorf("%w: NewColumn: chart %d is nil (check its constructor's error)", ErrData, k)
		}
	}
	return &Column{charts: charts}, nil
}

// HTML returns the charts' interactive HTML, one below the other, linked.
func (g *Column) HTML() string {
	html, _ := g.render()
	return html
}

// SVG returns one picture holding the charts' pictures one below the other.
func (g *Column) SVG() string {
	_, svg := g.render()
	return svg
}

func (g *Column) render() (html, svg string) {
	group := newID()
	var h, s strings.Builder
	width, y := 0, 0
	for _, c := range g.charts {
		ch, cs := c.render(group)
		h.WriteString(ch)
		// Nested <svg> elements take a position: shift each below the last.
		fmt.Fprintf(&s, `<svg y="%d" %s`, y, strings.TrimPrefix(cs, "<svg "))
		width, y = max(width, c.width), y+c.height
	}
	return h.String(), fmt.Sprintf(`<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d">%s</svg>`,
		width, y, width, y, s.String())
}

// String describes the column in one line.
func (g *Column) String() string {
	titles := make([]string, len(g.charts))
	for k, c := range g.charts {
		titles[k] = c.String()
	}
	return strings.Join(titles, "\n")
}

// Show publishes the column in the notebook as one display_data (see
// Chart.Show); outside a GoNB notebook it does nothing.
func (g *Column) Show() {
	if gonbui.IsNotebook {
		html, svg := g.render()
		publish(html, svg, g.String())
	}
}

// Save writes the column as a ".svg" picture or an ".html" page.
func (g *Column) Save(path string) error {
	return save(path, g.charts[0].fig.title, g.HTML, g.SVG)
}
