package kernel

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// Tools are the programs the kernel runs: GoNB (at the version pinned in
// go.mod's tool block) executes cells, and BrainGo's goimports
// (cmd/goimports: AddImports over the pinned golang.org/x/tools) adds their
// import lines.
var Tools = []string{"github.com/janpfeifer/gonb", ModulePath + "/cmd/goimports"}

// InstallOptions says where to install the kernel. The zero value installs
// into the user's Jupyter data directory against the BrainGo module that
// contains the working directory.
type InstallOptions struct {
	// ModuleDir is the root of the BrainGo module cells are built against.
	// Default: the enclosing module of the working directory.
	ModuleDir string
	// DataDir is the Jupyter data directory; the spec goes to
	// DataDir/kernels/braingo. Default: UserDataDir().
	DataDir string
	// BinDir receives the gonb and goimports programs.
	// Default: the kernelspec directory's bin/.
	BinDir string
	// SkipGopls leaves gopls out (GoplsVersion is installed by default).
	SkipGopls bool
	// Log receives progress lines; nil discards them.
	Log io.Writer
}

// GoplsVersion is the gopls Install puts beside gonb: GoNB uses it for
// completion and inspection (hover), and v0.23.0 supports Go 1.26. The
// module proxy serves it at this version (not at @latest).
const GoplsVersion = "v0.23.0"

// ErrNotBrainGo is returned when ModuleDir is not the BrainGo module.
var ErrNotBrainGo = errors.New("not the BrainGo module")

// Install writes the braingo kernelspec (kernel.json and logos), builds the
// pinned gonb and goimports (and gopls, see GoplsVersion) into the bin
// directory, and returns the
// kernelspec directory. It fails early, with the directory named, when the
// data directory cannot be written.
func Install(ctx context.Context, opt InstallOptions) (string, error) {
	log := opt.Log
	if log == nil {
		log = io.Discard
	}
	mod, err := moduleDir(opt.ModuleDir)
	if err != nil {
		return "", err
	}
	data := opt.DataDir
	if data == "" {
		if data, err = UserDataDir(); err != nil {
			return "", err
		}
	}
	if data, err = filepath.Abs(data); err != nil {
		return "", err
	}
	specDir := filepath.Join(data, "kernels", Name)
	if err := writable(specDir); err != nil {
		return "", fmt.Errorf("cannot install the %s kernel into %s: %w (choose another Jupyter data directory)", Name, data, err)
	}
	bin := opt.BinDir
	if bin == "" {
		bin = filepath.Join(specDir, "bin")
	}
	if bin, err = filepath.Abs(bin); err != nil {
		return "", err
	}
	if err := writable(bin); err != nil {
		return "", fmt.Errorf("cannot install the kernel's programs into %s: %w", bin, err)
	}

	fmt.Fprintf(log, "building %s into %s\n", strings.Join(Tools, ", "), bin)
	build := exec.CommandContext(ctx, "go", append([]string{"build", "-o", bin + string(os.PathSeparator)}, Tools...)...)
	build.Dir = mod
	if out, err := build.CombinedOutput(); err != nil {
		return "", fmt.Errorf("building the kernel's tools in %s: %w\n%s", mod, err, out)
	}

	if !opt.SkipGopls {
		installGopls(ctx, bin, log)
	}

	goBin, err := exec.LookPath("go")
	if err != nil {
		return "", fmt.Errorf("the go command is needed by the kernel at run time: %w", err)
	}
	spec := Spec{
		Argv:          []string{filepath.Join(bin, "gonb"), "--kernel", "{connection_file}", "--go_work=" + mod},
		DisplayName:   DisplayName,
		Language:      "go",
		InterruptMode: "message",
		Env: map[string]string{
			// GoNB finds goimports and go on PATH.
			"PATH": strings.Join(uniq(bin, filepath.Dir(goBin), os.Getenv("PATH")), string(os.PathListSeparator)),
		},
		Metadata: map[string]any{"braingo_module": mod},
	}
	if err := writeSpec(specDir, &spec); err != nil {
		return "", err
	}
	fmt.Fprintf(log, "installed kernelspec %q in %s\n", Name, specDir)
	return specDir, nil
}

// installGopls installs gopls at GoplsVersion into bin. gopls is optional
// (without it GoNB only lacks completion and inspection), so a failure, such
// as no access to the module proxy, is logged and the install goes on.
func installGopls(ctx context.Context, bin string, log io.Writer) {
	fmt.Fprintf(log, "installing gopls %s into %s\n", GoplsVersion, bin)
	cmd := exec.CommandContext(ctx, "go", "install", "golang.org/x/tools/gopls@"+GoplsVersion)
	// Outside any module or workspace: `go install pkg@version` builds it alone.
	cmd.Dir = os.TempDir()
	cmd.Env = append(os.Environ(), "GOBIN="+bin, "GOWORK=off")
	if out, err := cmd.CombinedOutput(); err != nil {
		fmt.Fprintf(log, "gopls not installed (completion and inspection stay off): %v\n%s", err, out)
	}
}

func writeSpec(dir string, spec *Spec) error {
	b, err := json.MarshalIndent(spec, "", "  ")
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "kernel.json"), append(b, '\n'), 0o644); err != nil {
		return err
	}
	for _, size := range []int{32, 64} {
		f, err := os.Create(filepath.Join(dir, fmt.Sprintf("logo-%dx%d.png", size, size)))
		if err != nil {
			return err
		}
		err = WriteLogo(f, size)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// writable creates dir if needed and checks a file can be created in it.
func writable(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	f, err := os.CreateTemp(dir, ".write-test-*")
	if err != nil {
		return err
	}
	name := f.Name()
	f.Close()
	return os.Remove(name)
}

// moduleDir returns the absolute root of the BrainGo module at or above dir
// (the working directory when dir is empty).
func moduleDir(dir string) (string, error) {
	if dir == "" {
		wd, err := os.Getwd()
		if err != nil {
			return "", err
		}
		dir = wd
	}
	dir, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	for d := dir; ; d = filepath.Dir(d) {
		if path, err := modulePath(filepath.Join(d, "go.mod")); err == nil {
			if path != ModulePath {
				return "", fmt.Errorf("%w: %s/go.mod declares module %q, want %q", ErrNotBrainGo, d, path, ModulePath)
			}
			return d, nil
		}
		if filepath.Dir(d) == d {
			return "", fmt.Errorf("%w: no go.mod at or above %s", ErrNotBrainGo, dir)
		}
	}
}

func modulePath(gomod string) (string, error) {
	f, err := os.Open(gomod)
	if err != nil {
		return "", err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(strings.TrimSpace(sc.Text()), "module "); ok {
			return strings.Trim(strings.TrimSpace(rest), `"`), nil
		}
	}
	return "", fmt.Errorf("%s: no module line", gomod)
}

// uniq joins path lists, dropping repeated entries.
func uniq(lists ...string) []string {
	seen := map[string]bool{}
	var out []string
	for _, l := range lists {
		for _, p := range filepath.SplitList(l) {
			if p != "" && !seen[p] {
				seen[p] = true
				out = append(out, p)
			}
		}
	}
	return out
}
