package kernel

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"golang.org/x/mod/modfile"
)

// PinRequirements copies the BrainGo module's requirements into the go.mod
// of a cell module (dir holds the go.mod and the go.work GoNB wrote, whose
// use directives name the BrainGo module). GoNB runs `go get` after
// goimports on every cell; for an import such as
// github.com/janpfeifer/gonb/gonbui that the cell module does not require,
// that `go get` asks the module proxy for @latest, which the proxy here
// refuses, and the cell fails although the workspace builds it. With the
// requirements pinned, `go get` finds the pinned versions in the module
// cache. It does nothing where dir has no go.work using BrainGo.
func PinRequirements(dir string) error {
	wb, err := os.ReadFile(filepath.Join(dir, "go.work"))
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	work, err := modfile.ParseWork("go.work", wb, nil)
	if err != nil {
		return fmt.Errorf("%s/go.work: %w", dir, err)
	}
	var brain *modfile.File
	for _, u := range work.Use {
		p := u.Path
		if !filepath.IsAbs(p) {
			p = filepath.Join(dir, p)
		}
		b, err := os.ReadFile(filepath.Join(p, "go.mod"))
		if err != nil {
			continue
		}
		if f, err := modfile.ParseLax("go.mod", b, nil); err == nil && f.Module != nil && f.Module.Mod.Path == ModulePath {
			brain = f
			break
		}
	}
	if brain == nil {
		return nil
	}
	cellPath := filepath.Join(dir, "go.mod")
	cb, err := os.ReadFile(cellPath)
	if err != nil {
		return err
	}
	cell, err := modfile.Parse(cellPath, cb, nil)
	if err != nil {
		return err
	}
	have := map[string]bool{}
	for _, r := range cell.Require {
		have[r.Mod.Path] = true
	}
	changed := false
	for _, r := range brain.Require {
		if !have[r.Mod.Path] {
			cell.AddNewRequire(r.Mod.Path, r.Mod.Version, true)
			changed = true
		}
	}
	if !changed {
		return nil
	}
	cell.Cleanup()
	out, err := cell.Format()
	if err != nil {
		return err
	}
	return os.WriteFile(cellPath, out, 0o644)
}
