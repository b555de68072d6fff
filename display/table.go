package display

import (
	"fmt"
	"html"
	"strings"

	"github.com/janpfeifer/gonb/gonbui"
	"github.com/janpfeifer/gonb/gonbui/protocol"
)

// Table is a small table shown as HTML in a notebook and as aligned text
// elsewhere (its String form, the text/plain part of what Show publishes).
type Table struct {
	Title  string
	Header []string
	Rows   [][]string
}

// HTML returns the table as an HTML <table>; cells are escaped.
func (t *Table) HTML() string {
	var b strings.Builder
	b.WriteString(`<table class="braingo-table">`)
	if t.Title != "" {
		fmt.Fprintf(&b, "<caption>%s</caption>", html.EscapeString(t.Title))
	}
	if len(t.Header) > 0 {
		b.WriteString("<thead><tr>")
		for _, h := range t.Header {
			fmt.Fprintf(&b, "<th>%s</th>", html.EscapeString(h))
		}
		b.WriteString("</tr></thead>")
	}
	b.WriteString("<tbody>")
	for _, r := range t.Rows {
		b.WriteString("<tr>")
		for _, c := range r {
			fmt.Fprintf(&b, "<td>%s</td>", html.EscapeString(c))
		}
		b.WriteString("</tr>")
	}
	b.WriteString("</tbody></table>")
	return b.String()
}

// String returns the table as text with aligned columns.
func (t *Table) String() string {
	width := make([]int, len(t.Header))
	grow := func(r []string) {
		for k, c := range r {
			if k >= len(width) {
				width = append(width, 0)
			}
			width[k] = max(width[k], len([]rune(c)))
		}
	}
	grow(t.Header)
	for _, r := range t.Rows {
		grow(r)
	}
	var b strings.Builder
	if t.Title != "" {
		b.WriteString(t.Title + "\n")
	}
	line := func(r []string) {
		for k, c := range r {
			if k > 0 {
				b.WriteString("  ")
			}
			if k == len(r)-1 {
				b.WriteString(c)
				break
			}
			fmt.Fprintf(&b, "%-*s", width[k], c)
		}
		b.WriteString("\n")
	}
	if len(t.Header) > 0 {
		line(t.Header)
	}
	for _, r := range t.Rows {
		line(r)
	}
	return b.String()
}

// Show publishes the table in the notebook (HTML and text); outside a GoNB
// notebook it does nothing.
func (t *Table) Show() {
	if !gonbui.IsNotebook {
		return
	}
	send(map[protocol.MIMEType]any{
		protocol.MIMETextHTML:  t.HTML(),
		protocol.MIMETextPlain: t.String(),
	})
}
