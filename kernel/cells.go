package kernel

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Package is a BrainGo package cells use by name without an import line.
type Package struct {
	// Name is the package name cells write (bm for bp/math).
	Name string
	// Dir is the package's directory under the module root.
	Dir string
}

// ImportPath is the package's import path.
func (p Package) ImportPath() string { return ModulePath + "/" + p.Dir }

// Packages are the BrainGo packages the kernel's goimports (cmd/goimports,
// see AddImports) imports when a cell refers to them by name.
var Packages = []Package{
	{"bp", "bp"}, {"bm", "bp/math"}, {"dyn", "bp/dyn"}, {"integrate", "bp/integrate"},
	{"analysis", "bp/analysis"}, {"display", "display"}, {"nbcache", "kernel/nbcache"},
	{"check", "nbtest/check"},
}

// TrivialCell is a cell that uses bp and bm by name only: its run time is the
// kernel's per-cell overhead (goimports, compile, link, run).
const TrivialCell = `%%
ctx := bp.Context{DT: 0.1}
rng := bm.NewRNG(1)
fmt.Printf("dt=%g u=%.3f\n", ctx.DT, rng.Float64())`

// WarmCells returns cells that, run once through a fresh kernel, leave the Go
// build cache warm: one imports every BrainGo package of Packages present in
// the module at moduleDir, then TrivialCell twice (the second run is the warm
// per-cell cost).
func WarmCells(moduleDir string) ([]string, error) {
	var b strings.Builder
	b.WriteString("import (\n")
	n := 0
	for _, p := range Packages {
		ok, err := hasGoFiles(filepath.Join(moduleDir, p.Dir))
		if err != nil {
			return nil, err
		}
		if ok {
			fmt.Fprintf(&b, "\t_ %q\n", p.ImportPath())
			n++
		}
	}
	if n == 0 {
		return nil, fmt.Errorf("%w: no BrainGo packages under %s", ErrNotBrainGo, moduleDir)
	}
	b.WriteString(")\n\n%%\nfmt.Println(\"BrainGo packages compiled\")\n")
	return []string{b.String(), TrivialCell, TrivialCell}, nil
}

func hasGoFiles(dir string) (bool, error) {
	ents, err := os.ReadDir(dir)
	if os.IsNotExist(err) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	for _, e := range ents {
		n := e.Name()
		if !e.IsDir() && strings.HasSuffix(n, ".go") && !strings.HasSuffix(n, "_test.go") {
			return true, nil
		}
	}
	return false, nil
}
