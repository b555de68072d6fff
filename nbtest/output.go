package nbtest

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"
)

// Output is one cell output, in nbformat 4's shape.
type Output struct {
	// Type is nbformat's output_type: stream, display_data,
	// execute_result or error.
	Type string
	// Name is the stream name (stdout or stderr) of a stream output.
	Name string
	// Text is a stream's text.
	Text string
	// Data holds the MIME bundle of display_data and execute_result.
	Data     map[string]any
	Metadata map[string]any
	// DisplayID lets update_display_data replace this output in place.
	DisplayID string
	// EName, EValue and Traceback describe an error output.
	EName, EValue string
	Traceback     []string
}

// Result is what executing one cell produced.
type Result struct {
	// Status is the execute_reply status: ok, error or aborted.
	Status         string
	ExecutionCount int
	Outputs        []Output
	Duration       time.Duration
}

// add records an IOPub message that belongs to the cell.
func (r *Result) add(m *Message) {
	c := m.Content
	str := func(k string) string { s, _ := c[k].(string); return s }
	mapOf := func(k string) map[string]any { v, _ := c[k].(map[string]any); return v }
	switch t := m.Header.MsgType; t {
	case "stream":
		name, text := str("name"), str("text")
		if n := len(r.Outputs); n > 0 && r.Outputs[n-1].Type == "stream" && r.Outputs[n-1].Name == name {
			r.Outputs[n-1].Text += text
			return
		}
		r.Outputs = append(r.Outputs, Output{Type: t, Name: name, Text: text})
	case "display_data", "execute_result":
		id, _ := mapOf("transient")["display_id"].(string)
		r.Outputs = append(r.Outputs, Output{Type: t, Data: mapOf("data"), Metadata: mapOf("metadata"), DisplayID: id})
	case "update_display_data":
		id, _ := mapOf("transient")["display_id"].(string)
		for i := range r.Outputs {
			if id != "" && r.Outputs[i].DisplayID == id {
				r.Outputs[i].Data, r.Outputs[i].Metadata = mapOf("data"), mapOf("metadata")
			}
		}
	case "error":
		var tb []string
		if l, ok := c["traceback"].([]any); ok {
			for _, s := range l {
				if s, ok := s.(string); ok {
					tb = append(tb, s)
				}
			}
		}
		r.Outputs = append(r.Outputs, Output{Type: t, EName: str("ename"), EValue: str("evalue"), Traceback: tb})
	case "clear_output":
		r.Outputs = r.Outputs[:0]
	}
}

// Text returns the cell's stdout text.
func (r *Result) Text() string { return r.stream("stdout") }

// Stderr returns the cell's stderr text.
func (r *Result) Stderr() string { return r.stream("stderr") }

func (r *Result) stream(name string) string {
	var b strings.Builder
	for _, o := range r.Outputs {
		if o.Type == "stream" && o.Name == name {
			b.WriteString(o.Text)
		}
	}
	return b.String()
}

// Failure returns why the cell failed: an error reply, an error output, or
// a panic, fatal error or failed exit status written to stderr. It returns nil for a clean cell.
// The message quotes the cell's stderr (GoNB maps its stack traces to cell
// lines) or, for compile errors, GoNB's "Cell[n]: Line m" error lines.
func (r *Result) Failure() error {
	var why string
	for _, o := range r.Outputs {
		if o.Type == "error" {
			why = Plain(o.EName + ": " + o.EValue)
			break
		}
	}
	if why == "" && r.Status != "" && r.Status != "ok" {
		why = fmt.Sprintf("execute_reply status %q", r.Status)
	}
	stderr := r.Stderr()
	if why == "" && !panicRE.MatchString(stderr) {
		return nil
	}
	detail := Plain(stderr)
	if detail == "" {
		detail = r.compileErrors()
	}
	if detail == "" {
		return errors.New(why)
	}
	return fmt.Errorf("%s\n%s", why, headLines(detail, 20))
}

// gonbErrRE matches one error line of GoNB's HTML error report.
var gonbErrRE = regexp.MustCompile(`(?s)<span class="gonb-cell-line-info">([^<]*)</span>.*?</span></span>(.*?)<div class="gonb-err-context">`)

// compileErrors extracts the "Cell[n]: Line m: message" lines from GoNB's
// HTML error displays; when none maps to a cell (an error in a BrainGo
// package, a message GoNB could not place) it returns the displays' text
// without their styles and hover contexts.
func (r *Result) compileErrors() string {
	var lines, unmapped []string
	for _, o := range r.Outputs {
		html, _ := o.Data["text/html"].(string)
		for _, m := range gonbErrRE.FindAllStringSubmatch(html, -1) {
			lines = append(lines, Plain(m[1]+": "+m[2]))
		}
		if strings.Contains(html, "gonb-err-") {
			html = gonbStyleRE.ReplaceAllString(html, "")
			unmapped = append(unmapped, Plain(gonbContextRE.ReplaceAllString(html, "")))
		}
	}
	if len(lines) == 0 {
		lines = unmapped
	}
	return strings.Join(lines, "\n")
}

var (
	gonbStyleRE = regexp.MustCompile(`(?s)<style>.*?</style>`)
	// gonbContextRE matches the source lines GoNB shows on hovering an
	// error (HTML-escaped, with the error's line in a div of its own).
	gonbContextRE = regexp.MustCompile(`<div class="gonb-err-context">(?:[^<]+|<div class="gonb-err-line">[^<]*</div>)*</div>`)
)

func headLines(s string, n int) string {
	lines := strings.SplitN(s, "\n", n+1)
	if len(lines) > n {
		lines[n] = "..."
	}
	return strings.Join(lines, "\n")
}

// panicRE matches Go's panic and fatal error lines, and the "exit status N"
// line GoNB writes when a program it ran (a `!` shell line) failed.
var panicRE = regexp.MustCompile(`(?m)^(panic: |fatal error: |exit status [1-9])`)

var (
	ansiRE = regexp.MustCompile("\x1b\\[[0-9;]*[A-Za-z]")
	tagRE  = regexp.MustCompile(`<[^>]*>`)
)

// Plain strips ANSI colour codes and HTML tags from kernel text, so errors
// read well in a terminal.
func Plain(s string) string {
	s = tagRE.ReplaceAllString(ansiRE.ReplaceAllString(s, ""), "")
	r := strings.NewReplacer("&lt;", "<", "&gt;", ">", "&quot;", `"`, "&#34;", `"`, "&#39;", "'", "&amp;", "&")
	return strings.TrimSpace(r.Replace(s))
}
