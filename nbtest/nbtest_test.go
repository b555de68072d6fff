package nbtest

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/braingo/braingo/kernel"
)

func TestSignature(t *testing.T) {
	// Reference value from `printf '{"a":1}{}{}{}' | openssl dgst -sha256 -hmac secret`.
	s := signer{key: []byte("secret")}
	got := string(s.sign([]byte(`{"a":1}`), []byte("{}"), []byte("{}"), []byte("{}")))
	if want := "b8d0c3a6d06e0b7e1bf2b8ad95c5fc64a8b99b1d1ff63bbd3b9c1d0c34b1e0e5"; len(got) != len(want) {
		t.Fatalf("signature %q has length %d, want %d hex digits", got, len(got), len(want))
	}
	m := hmac.New(sha256.New, []byte("secret"))
	m.Write([]byte(`{"a":1}{}{}{}`))
	if want := hex.EncodeToString(m.Sum(nil)); got != want {
		t.Errorf("signature %s, want HMAC-SHA256 of the concatenated parts %s", got, want)
	}
	if (signer{}).sign([]byte("x")) != nil {
		t.Error("an empty key must leave messages unsigned")
	}
}

func TestEncodeDecode(t *testing.T) {
	s := signer{key: []byte("k")}
	h, frames, err := s.encode("sess", "execute_request", map[string]any{"code": "1+1"})
	if err != nil {
		t.Fatal(err)
	}
	// Routing identities (ROUTER) or a topic (PUB) may precede the delimiter.
	withID := append([][]byte{[]byte("identity")}, frames...)
	m, err := s.decode(withID)
	if err != nil {
		t.Fatal(err)
	}
	if m.Header.MsgID != h.MsgID || m.Header.MsgType != "execute_request" || m.Content["code"] != "1+1" || m.Header.Version != "5.3" {
		t.Errorf("decoded %+v, want the encoded message", m)
	}
	frames[5] = []byte(`{"code":"rm -rf"}`)
	if _, err := s.decode(frames); !errors.Is(err, ErrBadSignature) {
		t.Errorf("tampered content: got %v, want ErrBadSignature", err)
	}
	if _, err := s.decode(frames[:3]); err == nil {
		t.Error("truncated message: want an error")
	}
}

func TestParseNotebook(t *testing.T) {
	nb, err := ReadNotebook("testdata/pass.ipynb")
	if err != nil {
		t.Fatal(err)
	}
	if nb.KernelName != "braingo" || len(nb.Cells) != 5 || nb.Cells[0].Type != "markdown" {
		t.Fatalf("parsed %+v", nb)
	}
	if !strings.HasPrefix(nb.Cells[1].Source, "func mean(x []float64) float64 {\n\ts := 0.0\n") {
		t.Errorf("source lines not joined: %q", nb.Cells[1].Source)
	}
	if !nb.Cells[3].HasTag(TagRaisesException) || nb.Cells[2].HasTag(TagRaisesException) {
		t.Error("tags not read")
	}
	one, err := ParseNotebook("s.ipynb", []byte(`{"nbformat":4,"metadata":{},"cells":[{"cell_type":"code","source":"x := 1"}]}`))
	if err != nil || one.Cells[0].Source != "x := 1" || one.KernelName != "" {
		t.Errorf("string source: %+v, %v", one, err)
	}
}

func TestBadNotebooks(t *testing.T) {
	for _, tc := range []struct{ file, want string }{
		{"testdata/malformed.ipynb", "invalid JSON at line 4, column 39"},
		{"testdata/nbformat3.ipynb", "nbformat 3, want 4"},
		{"testdata/missing.ipynb", "no such file"},
	} {
		rep := Run(context.Background(), tc.file, Options{SpecDirs: []string{t.TempDir()}})
		if rep.Err == nil || !strings.Contains(rep.Err.Error(), tc.want) {
			t.Errorf("%s: got %v, want an error containing %q", tc.file, rep.Err, tc.want)
		}
		if s := rep.String(); !strings.HasPrefix(s, "FAIL "+tc.file) || strings.Contains(s, "goroutine") {
			t.Errorf("%s: summary %q", tc.file, s)
		}
	}
	rep := Run(context.Background(), "testdata/unknown_kernel.ipynb", Options{SpecDirs: []string{t.TempDir()}})
	if !errors.Is(rep.Err, kernel.ErrNoSuchKernel) || !strings.Contains(rep.Err.Error(), `"no-such-kernel"`) {
		t.Errorf("unknown kernel: got %v", rep.Err)
	}
}

func TestStartMissingProgram(t *testing.T) {
	spec := &kernel.Spec{Argv: []string{filepath.Join(t.TempDir(), "nope"), "{connection_file}"}}
	_, err := Start(context.Background(), spec, "")
	if err == nil || !strings.Contains(err.Error(), "nope") {
		t.Errorf("got %v, want an error naming the missing program", err)
	}
}

func TestKernelThatDies(t *testing.T) {
	spec := &kernel.Spec{Argv: []string{"/bin/sh", "-c", "echo bad config >&2; exit 3", "{connection_file}"}}
	_, err := Start(context.Background(), spec, "")
	if !errors.Is(err, ErrKernelDied) || !strings.Contains(err.Error(), "bad config") {
		t.Errorf("got %v, want ErrKernelDied with the kernel's stderr", err)
	}
}

// braingoSpec returns the installed braingo kernelspec, or skips the test.
func braingoSpec(t *testing.T) *kernel.Spec {
	t.Helper()
	if testing.Short() {
		t.Skip("needs the braingo kernel (skipped with -short)")
	}
	spec, _, err := kernel.FindSpec(kernel.Name, nil)
	if err != nil {
		t.Skipf("braingo kernel not installed (go run ./cmd/braingo install): %v", err)
	}
	return spec
}

func TestNotebooksThroughKernel(t *testing.T) {
	braingoSpec(t)
	out := t.TempDir()
	for _, tc := range []struct {
		file string
		cell int    // failing cell, 0 for a pass
		want string // in the failure
	}{
		{"pass.ipynb", 0, ""},
		{"compile_error.ipynb", 2, "Cell[2]: Line 3: cannot use x"},
		{"panic.ipynb", 1, "index out of range [3] with length 0"},
		{"drift.ipynb", 1, "check failed: rate (Hz) = 13, want 12 ± 0.5"},
		{"raises_but_passes.ipynb", 1, "tagged raises-exception but ran without error"},
	} {
		rep := Run(context.Background(), filepath.Join("testdata", tc.file), Options{OutDir: out, CellTimeout: 2 * time.Minute})
		if tc.cell == 0 {
			if rep.Err != nil || rep.Ran != 4 || rep.Cells != 4 {
				t.Errorf("%s: %v", tc.file, rep)
			}
			continue
		}
		if rep.Err == nil || rep.Cell != tc.cell || !strings.Contains(rep.Err.Error(), tc.want) {
			t.Errorf("%s: got %v\nwant cell %d failing with %q", tc.file, rep, tc.cell, tc.want)
		}
	}
	// The executed notebook keeps its outputs, the check's line among them.
	nb, err := ReadNotebook(filepath.Join(out, "pass.ipynb"))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(nb.Path)
	if !strings.Contains(string(b), "✓ mean of U(0,1) = ") || !strings.Contains(string(b), "still alive") {
		t.Errorf("executed notebook lacks the cells' outputs:\n%s", b)
	}
}

func TestInterruptKeepsKernel(t *testing.T) {
	spec := braingoSpec(t)
	k, err := Start(context.Background(), spec, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer k.Close()
	_, err = k.Execute(context.Background(), "%%\nfor {\n}", 3*time.Second)
	if !errors.Is(err, ErrTimeout) {
		t.Fatalf("endless cell: got %v, want ErrTimeout", err)
	}
	// A run under the interrupt's context stops and reports what it did.
	res, err := k.Execute(context.Background(), `%%
ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
defer stop()
lif, err := dyn.NewLIF(1000, dyn.LIFParams{})
if err != nil {
	panic(err)
}
res, err := bp.Run(ctx, lif, 1e7, bp.RunnerSettings{Inputs: []bp.Input{bp.ConstInput("Input", 25)}})
fmt.Printf("partial run: %d steps, %v\n", res.Steps, err)`, 5*time.Second)
	if !errors.Is(err, ErrTimeout) || !strings.Contains(res.Text(), "partial run: ") || !strings.Contains(res.Text(), "interrupted at t = ") {
		t.Fatalf("interrupted run: %v, stdout %q", err, res.Text())
	}
	res, err = k.Execute(context.Background(), `%%
fmt.Println("alive")`, time.Minute)
	if err != nil || res.Failure() != nil || res.Text() != "alive\n" {
		t.Fatalf("cell after the interrupts: %v %v %+v", err, res.Failure(), res)
	}
}

// outputText is the plain text of a cell's saved outputs: streams, error
// values and HTML displays without their tags.
func outputText(c Cell) string {
	var b strings.Builder
	outs, _ := c.raw["outputs"].([]any)
	for _, o := range outs {
		m, _ := o.(map[string]any)
		if s, ok := m["text"].(string); ok {
			b.WriteString(Plain(s) + "\n")
		}
		if s, ok := m["evalue"].(string); ok {
			b.WriteString(s + "\n")
		}
		if d, ok := m["data"].(map[string]any); ok {
			html, _ := d["text/html"].(string)
			html = regexp.MustCompile(`(?s)<style>.*</style>`).ReplaceAllString(html, "")
			b.WriteString(Plain(html) + "\n")
		}
	}
	return b.String()
}

// TestKernelSurvivesFailingCells runs cells that fail (a panic and a check
// with ": " in their messages, a compile error, an index panic) or write
// lines that crash GoNB v0.11.4 unguarded (log's Lshortfile): each failure
// reads well and points at its cell line, and every next cell runs in the
// same kernel (it calls a function declared in the first cell only).
func TestKernelSurvivesFailingCells(t *testing.T) {
	braingoSpec(t)
	out := t.TempDir()
	rep := Run(context.Background(), "testdata/kernel_survives.ipynb", Options{OutDir: out, CellTimeout: 2 * time.Minute})
	if rep.Err != nil || rep.Ran != rep.Cells || rep.Cells != 11 {
		t.Fatalf("%v", rep)
	}
	nb, err := ReadNotebook(filepath.Join(out, "kernel_survives.ipynb"))
	if err != nil {
		t.Fatal(err)
	}
	line3 := regexp.MustCompile(`(\[\[ Cell \[\d+\] Line 3 \]\]|Cell\[\d+\]: Line 3)`)
	for _, tc := range []struct {
		cell  int // 1-based, among all cells
		wants []string
	}{
		{3, []string{"panic: bad input: tau: must be > 0, got 1"}},
		{5, []string{"check failed: RS: x = 1.6, want 0.24 ± 0.0001"}},
		{7, []string{`cannot use "x: y" (untyped string constant) as int value`}},
		{9, []string{"panic: runtime error: index out of range [3] with length 0"}},
		{11, []string{"logged: a colon before main.go:N", "a: b: \nmain.go:3 :0: quoted position"}},
	} {
		got := outputText(nb.Cells[tc.cell-1])
		for _, w := range tc.wants {
			if !strings.Contains(got, w) {
				t.Errorf("cell %d output lacks %q:\n%s", tc.cell, w, got)
			}
		}
		if tc.cell != 11 && !line3.MatchString(got) {
			t.Errorf("cell %d output does not point at the cell's line 3:\n%s", tc.cell, got)
		}
		if next := outputText(nb.Cells[tc.cell]); !strings.Contains(next, ": declared in cell 1") {
			t.Errorf("cell %d after the failing one: %q, want marker()'s text", tc.cell+1, next)
		}
	}
}

func TestStartTimeout(t *testing.T) {
	// A kernel that runs but never binds its ports (an earlier nbtest waited
	// 12 minutes on one).
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "kernels", "mute"), 0o755)
	os.WriteFile(filepath.Join(dir, "kernels", "mute", "kernel.json"),
		[]byte(`{"argv": ["/bin/sh", "-c", "echo mute kernel up >&2; exec sleep 60", "{connection_file}"], "display_name": "mute", "language": "go"}`), 0o644)
	start := time.Now()
	rep := Run(context.Background(), "testdata/pass.ipynb", Options{Kernel: "mute", SpecDirs: []string{dir}, StartTimeout: time.Second})
	if !errors.Is(rep.Err, ErrStartTimeout) || !strings.Contains(rep.Err.Error(), "answered nothing within 1s") ||
		!strings.Contains(rep.Err.Error(), "mute kernel up") {
		t.Errorf("got %v, want ErrStartTimeout naming the limit and quoting the kernel's output", rep.Err)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("gave up after %v, want about 1s (and 3s to stop the kernel)", d)
	}
}

func TestNotebookTimeout(t *testing.T) {
	braingoSpec(t)
	// An endless cell under a generous cell limit: the notebook limit stops it.
	start := time.Now()
	rep := Run(context.Background(), "testdata/timeout.ipynb", Options{CellTimeout: time.Hour, Timeout: 5 * time.Second})
	if !errors.Is(rep.Err, ErrNotebookTimeout) || rep.Cell != 1 || !strings.Contains(rep.Err.Error(), "(5s)") {
		t.Errorf("got %v, want ErrNotebookTimeout (5s) at cell 1", rep)
	}
	if d := time.Since(start); d > 30*time.Second {
		t.Errorf("took %v, want about 5s", d)
	}
}

// TestFreshCache runs a notebook that keeps a value with nbcache twice:
// by default each run computes it afresh; with KeepCache the second run
// loads what the first stored.
func TestFreshCache(t *testing.T) {
	braingoSpec(t)
	t.Setenv("TMPDIR", t.TempDir()) // KeepCache's runs share it, nothing else
	stdout := func(opt Options) string {
		opt.OutDir, opt.CellTimeout = t.TempDir(), 2*time.Minute
		if rep := Run(context.Background(), "testdata/fresh_cache.ipynb", opt); rep.Err != nil {
			t.Fatal(rep)
		}
		nb, err := ReadNotebook(filepath.Join(opt.OutDir, "fresh_cache.ipynb"))
		if err != nil {
			t.Fatal(err)
		}
		return outputText(nb.Cells[0])
	}
	for _, keep := range []bool{false, true} {
		first, second := stdout(Options{KeepCache: keep}), stdout(Options{KeepCache: keep})
		if first != "computed\nvalue 42\n" {
			t.Errorf("KeepCache %v, first run: %q, want the value computed", keep, first)
		}
		if want := map[bool]string{false: "computed\nvalue 42\n", true: "value 42\n"}[keep]; second != want {
			t.Errorf("KeepCache %v, second run: %q, want %q", keep, second, want)
		}
	}
}

// TestFailureOfUnmappedCompileError: GoNB's HTML error display for build
// errors it could not place in a cell (here, as GoNB v0.11.4 rendered an
// error in another file and one whose message quotes a position) still
// gives the failure its text, without the hover context's source lines.
func TestFailureOfUnmappedCompileError(t *testing.T) {
	html := `<style>.gonb-err-location { border-radius: 3px; }</style>
<div class="jp-RenderedText" data-mime-type="application/vnd.jupyter.stderr" style="font-family: monospace;">
<div style="white-space: pre-wrap;"> # gonb_6b2af932</div>
<div style="white-space: pre-wrap;">../../work/main/bp/x.go:3:4: undefined: y</div>
<div style="white-space: pre-wrap;"><span class="gonb-err-hover-area"><span class="gonb-err-location">./main.go:11:13: cannot use &#34;a: b main.go:1:2: </span></span>c&#34; (untyped string constant) as int value<div class="gonb-err-context"><div class="gonb-err-line">package main
</div>
import (
</div></div>
</div>`
	res := &Result{Status: "error", Outputs: []Output{
		{Type: "display_data", Data: map[string]any{"text/html": html}},
		{Type: "error", EName: "ERROR", EValue: `failed to run "go build -o /tmp/gonb_6b2af932/gonb_6b2af932": exit status 1`},
	}}
	err := res.Failure()
	if err == nil {
		t.Fatal("no failure")
	}
	for _, want := range []string{"exit status 1", "bp/x.go:3:4: undefined: y", `./main.go:11:13: cannot use "a: b main.go:1:2: c" (untyped string constant) as int value`} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("failure %q lacks %q", err, want)
		}
	}
	if strings.Contains(err.Error(), "package main") || strings.Contains(err.Error(), "border-radius") {
		t.Errorf("failure %q quotes the hover context or the style", err)
	}
}
