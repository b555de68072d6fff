// Package stderrguard keeps the braingo kernel alive whatever a cell's
// program writes to stderr.
//
// GoNB v0.11.4 reads each cell program's stderr line by line to map main.go
// positions to cell lines. A line that mentions main.go:N (or
// main_test.go:N) after text containing colons makes its mapper compute a
// column from the wrong field and panic ("strings: negative Repeat count")
// in a goroutine nothing recovers, so the kernel process dies and the
// notebook loses every declaration. Such lines come from ordinary code: log
// with Lshortfile ("2026/12/02 02:23:17 main.go:11: msg"), a message that
// quotes a position ("x: y: main.go:3"). Go's own panic and compile-error
// lines are safe: they start with the position or have no colon before it.
//
// The kernel's goimports adds a blank import of this package to every
// cell. Its init runs the cell's program again as a child process (same
// arguments and environment, stdin and stdout inherited) and relays the
// child's stderr through Writer, which splits each risky line before its
// main.go reference so that every line GoNB sees is safe; the characters
// are kept. A partial line (a progress bar redrawn with \r) is passed on
// after DefaultIdle without a newline. Signals the kernel sends (interrupt, terminate) are forwarded,
// the child is killed if the parent is, and the parent exits as the child
// did. Setting BRAINGO_STDERR_GUARD=off runs cells unguarded. The guard
// works on Linux; elsewhere the import does nothing.
package stderrguard

import (
	"bytes"
	"io"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"
)

// EnvVar names the environment variable that turns the guard off ("off")
// and marks the guarded child ("child").
const EnvVar = "BRAINGO_STDERR_GUARD"

// mainRef matches a reference to GoNB's generated file: main.go:N or
// main_test.go:N (GoNB's patterns do not require a word boundary).
var mainRef = regexp.MustCompile(`main(?:_test)?\.go:(\d+)`)

// colRef matches what GoNB reads as a compiler position's column after
// main.go:N: ":C: " followed by a message.
var colRef = regexp.MustCompile(`^:(\d+): .`)

// SafeLines returns line (without its newline) as one or more lines that
// GoNB's error mapper parses without panicking: each holds at most one
// main.go:N reference with no colon before it, and a column that follows it
// (main.go:N:C: msg) is a positive number. An unsafe line is cut after the
// space or colon before each reference; a reference followed by a column
// GoNB cannot use gets a space after its line number.
func SafeLines(line string) []string {
	refs := mainRef.FindAllStringIndex(line, -1)
	if len(refs) == 0 {
		return []string{line}
	}
	var pieces []string
	start := 0
	for i, r := range refs {
		if i == 0 && !strings.ContainsRune(line[:r[0]], ':') {
			continue
		}
		// line[start:r[0]] holds a colon (the previous reference has one),
		// so the cut is after start.
		cut := start + strings.LastIndexAny(line[start:r[0]], " \t:") + 1
		pieces = append(pieces, line[start:cut])
		start = cut
	}
	pieces = append(pieces, line[start:])
	for i, p := range pieces {
		pieces[i] = fixColumn(p)
	}
	return pieces
}

// fixColumn puts a space after the main.go:N reference of p when a column
// GoNB would read as zero follows it ("main.go:3:0: msg").
func fixColumn(p string) string {
	r := mainRef.FindStringIndex(p)
	if r == nil {
		return p
	}
	m := colRef.FindStringSubmatch(p[r[1]:])
	if m == nil {
		return p
	}
	if c, err := strconv.Atoi(m[1]); err == nil && c >= 1 {
		return p
	}
	return p[:r[1]] + " " + p[r[1]:]
}

// MaxLine is the most Writer holds back of a line whose newline has not
// come; DefaultIdle is how long it waits for more before passing the
// partial line on (a progress bar redrawn with \r has no newline for a
// while).
const (
	MaxLine     = 64 << 10
	DefaultIdle = 100 * time.Millisecond
)

// Writer passes what is written to it on to W as safe lines (see
// SafeLines). GoNB joins the parts of a line that arrive separately, so
// Writer keeps track of the line it has passed on in part: it holds a
// partial line back for up to Idle (or MaxLine bytes), and when the rest
// would make the joined line unsafe it ends the line first. Writer is safe
// for concurrent use; Flush passes on what is left.
type Writer struct {
	W io.Writer
	// Idle is how long a partial line is held back (0: DefaultIdle).
	Idle time.Duration

	mu      sync.Mutex
	pending []byte      // received, not passed on, no newline
	open    string      // passed on since the last newline
	timer   *time.Timer // passes pending on after Idle
}

// Write passes the complete lines of p (with what was pending) on to W and
// holds the rest back.
func (w *Writer) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.pending = append(w.pending, p...)
	var out bytes.Buffer
	for {
		i := bytes.IndexByte(w.pending, '\n')
		if i < 0 {
			break
		}
		w.pass(&out, string(w.pending[:i]), true)
		w.pending = w.pending[i+1:]
	}
	if len(w.pending) > MaxLine {
		w.pass(&out, string(w.pending), false)
		w.pending = w.pending[:0]
	}
	if len(w.pending) > 0 {
		idle := w.Idle
		if idle <= 0 {
			idle = DefaultIdle
		}
		if w.timer == nil {
			w.timer = time.AfterFunc(idle, func() { w.Flush() })
		} else {
			w.timer.Reset(idle)
		}
	}
	if out.Len() > 0 {
		if _, err := w.W.Write(out.Bytes()); err != nil {
			return 0, err
		}
	}
	return len(p), nil
}

// Flush passes on the pending partial line, without a newline.
func (w *Writer) Flush() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if len(w.pending) == 0 {
		return nil
	}
	var out bytes.Buffer
	w.pass(&out, string(w.pending), false)
	w.pending = w.pending[:0]
	_, err := w.W.Write(out.Bytes())
	return err
}

// pass writes text, the next part of the current line, to out as safe
// lines, ending the line when endLine is set.
func (w *Writer) pass(out *bytes.Buffer, text string, endLine bool) {
	var pieces []string
	if w.open != "" {
		if joined := w.open + text; safe(joined) {
			pieces = []string{text}
			w.open = joined
		} else {
			// GoNB would join text to the open line: end that line first.
			out.WriteByte('\n')
			w.open = ""
		}
	}
	if pieces == nil {
		pieces = SafeLines(text)
		w.open = pieces[len(pieces)-1]
	}
	out.WriteString(strings.Join(pieces, "\n"))
	if endLine {
		out.WriteByte('\n')
		w.open = ""
	}
}

func safe(line string) bool {
	l := SafeLines(line)
	return len(l) == 1 && l[0] == line
}
