package check

import (
	"bytes"
	"strings"
	"testing"
)

func capture(t *testing.T, f func()) (out, errOut string, code int) {
	t.Helper()
	var o, e bytes.Buffer
	stdout, stderr = &o, &e
	code = -1
	exit = func(c int) { code = c }
	defer func() { stdout, stderr, exit = nil, nil, nil }()
	f()
	return o.String(), e.String(), code
}

func TestChecks(t *testing.T) {
	for _, tc := range []struct {
		name string
		f    func()
		pass bool
		msg  string
	}{
		{"near ok", func() { Near("rate", 12.3, 12, 0.5) }, true, "✓ rate = 12.3 (want 12 ± 0.5)"},
		{"near edge", func() { Near("v", 1.5, 1, 0.5) }, true, "✓ v"},
		{"near drift", func() { Near("rate", 13, 12, 0.5) }, false, "check failed: rate = 13, want 12 ± 0.5\n\tat "},
		{"rel ok", func() { Rel("isi", 101, 100, 0.02) }, true, "want 100 ± 2%"},
		{"rel drift", func() { Rel("isi", 103, 100, 0.02) }, false, "check failed: isi = 103"},
		{"between", func() { Between("f", 3, 1, 5) }, true, "in [1, 5]"},
		{"between out", func() { Between("f", 6, 1, 5) }, false, "want in [1, 5]"},
		{"nan fails", func() { Near("x", nanValue(), 0, 1) }, false, "x = NaN"},
		{"true", func() { True("sorted", true) }, true, "✓ sorted = true"},
		{"false", func() { True("sorted", false) }, false, "check failed: sorted = false"},
		{"equal", func() { Equal("spikes", 7, 7) }, true, "✓ spikes = 7 (want 7)"},
		{"unequal", func() { Equal("spikes", 6, 7) }, false, "spikes = 6, want 7"},
	} {
		out, errOut, code := capture(t, tc.f)
		if tc.pass != (code == -1) {
			t.Errorf("%s: exit code %d, want pass=%v", tc.name, code, tc.pass)
		}
		if got := out + errOut; !strings.Contains(got, tc.msg) {
			t.Errorf("%s: output %q does not contain %q", tc.name, got, tc.msg)
		}
		if !tc.pass && (code != 1 || !strings.Contains(errOut, "check_test.go:")) {
			t.Errorf("%s: failure should exit 1 naming the caller's line, got %d %q", tc.name, code, errOut)
		}
	}
}

func nanValue() float64 { z := 0.0; return z / z }
