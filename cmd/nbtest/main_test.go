package main

import (
	"bytes"
	"strings"
	"testing"
)

func TestExitCodesAndSummary(t *testing.T) {
	var out, errOut bytes.Buffer
	if code := run(nil, &out, &errOut); code != 2 || !strings.Contains(errOut.String(), "usage: nbtest") {
		t.Errorf("no arguments: exit %d, stderr %q; want 2 and the usage", code, errOut.String())
	}
	out.Reset()
	code := run([]string{"../../nbtest/testdata/malformed.ipynb", "no-such.ipynb"}, &out, &errOut)
	got := out.String()
	if code != 1 || !strings.Contains(got, "FAIL ../../nbtest/testdata/malformed.ipynb") ||
		!strings.Contains(got, "invalid JSON at line 4") || !strings.Contains(got, "FAIL no-such.ipynb") ||
		!strings.HasSuffix(got, "nbtest: 0 passed, 2 failed\n") || strings.Contains(got, "goroutine") {
		t.Errorf("bad notebooks: exit %d, output:\n%s", code, got)
	}
}

func TestExpandDirectories(t *testing.T) {
	got := expand([]string{"../../nbtest/testdata", "x.ipynb"})
	if len(got) < 5 || got[len(got)-1] != "x.ipynb" || !strings.HasSuffix(got[0], "compile_error.ipynb") {
		t.Errorf("expand: %q", got)
	}
}
