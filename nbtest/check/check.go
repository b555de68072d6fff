// Package check asserts figures in notebook cells. A check that holds prints
// one line ("✓ rate = 12.3 (want 12 ± 1)") so the notebook documents the
// figure; a check that fails writes "check failed: ..." to stderr, then its
// position on a line of its own ("\tat .../main.go:12", which GoNB maps to
// the cell line, and which no colon precedes: see package
// kernel/stderrguard), and ends the cell's program with status 1, which
// fails the cell under Jupyter, nbtest and nbconvert alike.
//
// Cells use it by name (the braingo kernel resolves the import):
//
//	check.Near("mean rate (Hz)", rate, 12.3, 0.5)
package check

import (
	"fmt"
	"io"
	"math"
	"os"
	"runtime"
)

// Output and exit are swapped by tests.
var (
	stdout io.Writer = os.Stdout
	stderr io.Writer = os.Stderr
	exit             = os.Exit
)

// Near checks |got − want| ≤ tol.
func Near(what string, got, want, tol float64) {
	report(what, got, math.Abs(got-want) <= tol, fmt.Sprintf("%.6g ± %.3g", want, tol))
}

// Rel checks |got − want| ≤ rtol·|want|.
func Rel(what string, got, want, rtol float64) {
	report(what, got, math.Abs(got-want) <= rtol*math.Abs(want), fmt.Sprintf("%.6g ± %.3g%%", want, 100*rtol))
}

// Between checks lo ≤ got ≤ hi.
func Between(what string, got, lo, hi float64) {
	report(what, got, lo <= got && got <= hi, fmt.Sprintf("in [%.6g, %.6g]", lo, hi))
}

// True checks a condition that has no single figure.
func True(what string, ok bool) {
	report(what, ok, ok, "true")
}

// Equal checks got == want.
func Equal[T comparable](what string, got, want T) {
	report(what, got, got == want, fmt.Sprint(want))
}

func report(what string, got any, ok bool, want string) {
	g := fmt.Sprint(got)
	if f, isF := got.(float64); isF {
		g = fmt.Sprintf("%.6g", f)
	}
	if ok {
		fmt.Fprintf(stdout, "✓ %s = %s (want %s)\n", what, g, want)
		return
	}
	where := ""
	if _, file, line, ok := runtime.Caller(2); ok {
		where = fmt.Sprintf("\n\tat %s:%d", file, line)
	}
	fmt.Fprintf(stderr, "check failed: %s = %s, want %s%s\n", what, g, want, where)
	exit(1)
}
