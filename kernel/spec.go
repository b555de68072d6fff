package kernel

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
)

// Name is the kernelspec name notebooks refer to in their metadata.
const Name = "braingo"

// DisplayName is what Jupyter shows in its kernel menu.
const DisplayName = "BrainGo (Go)"

// ModulePath is the BrainGo module the kernel builds cells against.
const ModulePath = "github.com/braingo/braingo"

// Spec is the kernel.json of a Jupyter kernelspec.
type Spec struct {
	Argv          []string          `json:"argv"`
	DisplayName   string            `json:"display_name"`
	Language      string            `json:"language"`
	InterruptMode string            `json:"interrupt_mode,omitempty"`
	Env           map[string]string `json:"env,omitempty"`
	Metadata      map[string]any    `json:"metadata,omitempty"`
}

// ErrNoDataDir is returned when no Jupyter data directory can be determined.
var ErrNoDataDir = errors.New("no Jupyter data directory: set JUPYTER_DATA_DIR or HOME")

// UserDataDir returns the Jupyter data directory of the current user,
// as Jupyter computes it: $JUPYTER_DATA_DIR, else $XDG_DATA_HOME/jupyter,
// else ~/.local/share/jupyter.
func UserDataDir() (string, error) {
	if d := os.Getenv("JUPYTER_DATA_DIR"); d != "" {
		return d, nil
	}
	if runtime.GOOS == "linux" || runtime.GOOS == "freebsd" {
		if x := os.Getenv("XDG_DATA_HOME"); x != "" {
			return filepath.Join(x, "jupyter"), nil
		}
	}
	home, err := os.UserHomeDir()
	if err != nil || home == "" {
		return "", ErrNoDataDir
	}
	if runtime.GOOS == "darwin" {
		return filepath.Join(home, "Library", "Jupyter"), nil
	}
	return filepath.Join(home, ".local", "share", "jupyter"), nil
}

// DataDirs returns the directories Jupyter searches for kernelspecs, in
// order of precedence: $JUPYTER_PATH entries, the user data directory, then
// the system directories.
func DataDirs() []string {
	var dirs []string
	for _, d := range filepath.SplitList(os.Getenv("JUPYTER_PATH")) {
		if d != "" {
			dirs = append(dirs, d)
		}
	}
	if d, err := UserDataDir(); err == nil {
		dirs = append(dirs, d)
	}
	return append(dirs, "/usr/local/share/jupyter", "/usr/share/jupyter")
}

// ErrNoSuchKernel is returned by FindSpec when no kernelspec has the name.
var ErrNoSuchKernel = errors.New("no such kernel")

// FindSpec finds the kernelspec called name in dirs (DataDirs() when nil)
// and returns it with the directory that holds it.
func FindSpec(name string, dirs []string) (*Spec, string, error) {
	if dirs == nil {
		dirs = DataDirs()
	}
	for _, d := range dirs {
		dir := filepath.Join(d, "kernels", name)
		spec, err := ReadSpec(dir)
		if errors.Is(err, os.ErrNotExist) {
			continue
		}
		return spec, dir, err
	}
	return nil, "", fmt.Errorf("%w %q: looked in %s (install it with `go run ./cmd/braingo install`)",
		ErrNoSuchKernel, name, strings.Join(dirs, ", "))
}

// ReadSpec reads dir/kernel.json.
func ReadSpec(dir string) (*Spec, error) {
	b, err := os.ReadFile(filepath.Join(dir, "kernel.json"))
	if err != nil {
		return nil, err
	}
	var s Spec
	if err := json.Unmarshal(b, &s); err != nil {
		return nil, fmt.Errorf("kernelspec %s/kernel.json: %w", dir, err)
	}
	if len(s.Argv) == 0 {
		return nil, fmt.Errorf("kernelspec %s/kernel.json: empty argv", dir)
	}
	return &s, nil
}

// Command returns the kernel's command line for a connection file, with
// Jupyter's {connection_file} placeholder substituted.
func (s *Spec) Command(connectionFile string) []string {
	argv := make([]string, len(s.Argv))
	for i, a := range s.Argv {
		argv[i] = strings.ReplaceAll(a, "{connection_file}", connectionFile)
	}
	return argv
}
