package kernel

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestInstallIntoUnwritableDir(t *testing.T) {
	// A regular file where a directory must be: unwritable even for root.
	file := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Install(context.Background(), InstallOptions{ModuleDir: "..", DataDir: filepath.Join(file, "jupyter")})
	if err == nil {
		t.Fatal("install into a path under a regular file: want an error")
	}
	if msg := err.Error(); !strings.Contains(msg, "cannot install the braingo kernel into "+filepath.Join(file, "jupyter")) {
		t.Errorf("error %q should name the directory that cannot be written", msg)
	}
}

func TestInstallNotBrainGo(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module example.com/other\n"), 0o644)
	_, err := Install(context.Background(), InstallOptions{ModuleDir: dir, DataDir: t.TempDir()})
	if !errors.Is(err, ErrNotBrainGo) || !strings.Contains(err.Error(), "example.com/other") {
		t.Errorf("got %v, want ErrNotBrainGo naming the module found", err)
	}
}

func TestModuleDirFromSubdirectory(t *testing.T) {
	got, err := moduleDir(".")
	if err != nil {
		t.Fatal(err)
	}
	want, _ := filepath.Abs("..")
	if got != want {
		t.Errorf("moduleDir(kernel/) = %s, want %s", got, want)
	}
}

func TestSpecRoundTripAndFind(t *testing.T) {
	data := t.TempDir()
	dir := filepath.Join(data, "kernels", Name)
	os.MkdirAll(dir, 0o755)
	spec := &Spec{Argv: []string{"/bin/gonb", "--kernel", "{connection_file}", "--go_work=/m"}, DisplayName: DisplayName, Language: "go"}
	if err := writeSpec(dir, spec); err != nil {
		t.Fatal(err)
	}
	got, gotDir, err := FindSpec(Name, []string{t.TempDir(), data})
	if err != nil || gotDir != dir {
		t.Fatalf("FindSpec: %v in %q, want %q", err, gotDir, dir)
	}
	cmd := got.Command("/run/c.json")
	if strings.Join(cmd, " ") != "/bin/gonb --kernel /run/c.json --go_work=/m" || got.DisplayName != "BrainGo (Go)" {
		t.Errorf("spec read back as %+v, command %q", got, cmd)
	}
	for _, size := range []int{32, 64} {
		f, err := os.Open(filepath.Join(dir, fmt.Sprintf("logo-%dx%d.png", size, size)))
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(f)
		f.Close()
		if err != nil || img.Bounds().Dx() != size || img.Bounds().Dy() != size {
			t.Errorf("logo %d: %v, bounds %v", size, err, img.Bounds())
		}
	}
	_, _, err = FindSpec("no-such-kernel", []string{data})
	if !errors.Is(err, ErrNoSuchKernel) || !strings.Contains(err.Error(), `"no-such-kernel"`) {
		t.Errorf("unknown kernel: got %v", err)
	}
	os.WriteFile(filepath.Join(dir, "kernel.json"), []byte("{"), 0o644)
	if _, _, err := FindSpec(Name, []string{data}); err == nil || !strings.Contains(err.Error(), "kernel.json") {
		t.Errorf("malformed kernel.json: got %v", err)
	}
}

func TestLogo(t *testing.T) {
	img := Logo(64)
	if a := img.NRGBAAt(0, 0).A; a != 0 {
		t.Errorf("corner alpha %d, want transparent outside the disc", a)
	}
	if c := img.NRGBAAt(32, 60); c != logoBackground {
		t.Errorf("disc pixel %v, want background %v", c, logoBackground)
	}
	// The upstroke of the spike crosses the middle column's upper half.
	found := false
	for y := 5; y < 32; y++ {
		if img.NRGBAAt(33, y) == logoTrace {
			found = true
		}
	}
	if !found {
		t.Error("no trace colour on the spike's peak")
	}
	var b bytes.Buffer
	if err := WriteLogo(&b, 4); err == nil {
		t.Error("a 4-pixel logo: want an error")
	}
}

func TestWarmCells(t *testing.T) {
	cells, err := WarmCells("..")
	if err != nil {
		t.Fatal(err)
	}
	if len(cells) != 3 || !strings.Contains(cells[0], `_ "github.com/braingo/braingo/bp"`) ||
		!strings.Contains(cells[0], `_ "github.com/braingo/braingo/bp/math"`) {
		t.Errorf("warm cells %q: want blank imports of the BrainGo packages", cells)
	}
	if strings.Contains(cells[0], "bp/gpu") {
		t.Error("warm cell imports a package that does not exist")
	}
	if _, err := WarmCells(t.TempDir()); !errors.Is(err, ErrNotBrainGo) {
		t.Errorf("empty directory: got %v, want ErrNotBrainGo", err)
	}
}

func TestAddImports(t *testing.T) {
	src := `package main

type check struct{}

func main() {
	rng := bm.NewRNG(7)
	ctx := bp.Context{DT: 0.1}
	fmt.Println(rng.Float64(), ctx, display.X, integrate.Methods(), strings.ToUpper("x"))
	var c check
	_ = c
}
`
	out, err := AddImports("main.go", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	got := string(out)
	for _, want := range []string{
		`bm "github.com/braingo/braingo/bp/math"`,
		`"github.com/braingo/braingo/bp"` + "\n",
		`"github.com/braingo/braingo/display"`,
		`"github.com/braingo/braingo/bp/integrate"`, // not gonum's
		`"fmt"`, `"strings"`,
		`_ "github.com/braingo/braingo/kernel/stderrguard"`, // every cell
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing import %s in\n%s", want, got)
		}
	}
	if strings.Contains(got, "nbtest/check") || strings.Contains(got, "gonum") {
		t.Errorf("imported a package the file does not use or shadows:\n%s", got)
	}
	again, err := AddImports("main.go", out)
	if err != nil || string(again) != got {
		t.Errorf("not idempotent: %v\n%s", err, again)
	}
	lib, err := AddImports("lib.go", []byte("package lib\n\nvar X = bp.Context{}\n"))
	if err != nil || strings.Contains(string(lib), "stderrguard") {
		t.Errorf("a package other than main gets no guard: %v\n%s", err, lib)
	}
	if _, err := AddImports("main.go", []byte("package main\nfunc {")); err == nil {
		t.Error("syntax error: want an error")
	}
}

func TestPinRequirements(t *testing.T) {
	dir := t.TempDir()
	root, _ := filepath.Abs("..")
	os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module gonb_cell\n\ngo 1.26.0\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "go.work"), []byte("go 1.26.0\n\nuse (\n\t.\n\t"+root+"\n)\n"), 0o644)
	if err := PinRequirements(dir); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(filepath.Join(dir, "go.mod"))
	if !strings.Contains(string(b), "github.com/janpfeifer/gonb v0.11.4 // indirect") {
		t.Errorf("cell go.mod lacks BrainGo's pinned gonb:\n%s", b)
	}
	if err := PinRequirements(dir); err != nil {
		t.Fatal(err)
	}
	if again, _ := os.ReadFile(filepath.Join(dir, "go.mod")); string(again) != string(b) {
		t.Errorf("second pin changed go.mod:\n%s", again)
	}
	// No go.work: nothing to do.
	if err := PinRequirements(t.TempDir()); err != nil {
		t.Errorf("directory without go.work: %v", err)
	}
}

// TestGoplsIsOptional: without the module proxy gopls cannot be installed,
// and installGopls only says so.
func TestGoplsIsOptional(t *testing.T) {
	t.Setenv("GOPROXY", "off")
	t.Setenv("GOMODCACHE", t.TempDir())
	var log strings.Builder
	bin := t.TempDir()
	installGopls(context.Background(), bin, &log)
	if !strings.Contains(log.String(), "gopls not installed (completion and inspection stay off)") {
		t.Errorf("log %q, want the reason gopls is missing", log.String())
	}
	if _, err := os.Stat(filepath.Join(bin, "gopls")); err == nil {
		t.Error("gopls installed with the proxy off?")
	}
}
