package kernel

import (
	"archive/tar"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/braingo/braingo/display"
)

// EchartsTargets are where package display's charts load echarts.min.js
// from, relative to a Jupyter data directory: the classic notebook serves
// nbextensions/, JupyterLab serves labextensions/<name>/static/.
var EchartsTargets = []string{
	"nbextensions/braingo/echarts.min.js",
	"labextensions/braingo/static/echarts.min.js",
}

// InstallECharts fetches the npm package echarts at display.EchartsVersion
// (npm pack, kept in cacheDir so later installs work offline) and copies its
// dist/echarts.min.js to EchartsTargets under dataDir. Nothing third-party
// is committed to the repository.
func InstallECharts(ctx context.Context, dataDir, cacheDir string, log io.Writer) error {
	if log == nil {
		log = io.Discard
	}
	if err := os.MkdirAll(cacheDir, 0o755); err != nil {
		return fmt.Errorf("echarts cache %s: %w", cacheDir, err)
	}
	tgz := filepath.Join(cacheDir, "echarts-"+display.EchartsVersion+".tgz")
	if _, err := os.Stat(tgz); err != nil {
		npm, err := exec.LookPath("npm")
		if err != nil {
			return fmt.Errorf("npm is needed once to fetch echarts %s (apt-get install npm): %w", display.EchartsVersion, err)
		}
		fmt.Fprintf(log, "fetching echarts@%s with npm pack into %s\n", display.EchartsVersion, cacheDir)
		cmd := exec.CommandContext(ctx, npm, "pack", "--silent", "echarts@"+display.EchartsVersion)
		cmd.Dir = cacheDir
		if out, err := cmd.CombinedOutput(); err != nil {
			return fmt.Errorf("npm pack echarts@%s: %w\n%s", display.EchartsVersion, err, out)
		}
	}
	js, err := extract(tgz, "package/dist/echarts.min.js")
	if err != nil {
		return fmt.Errorf("%s: %w", tgz, err)
	}
	for _, rel := range EchartsTargets {
		dst := filepath.Join(dataDir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(dst, js, 0o644); err != nil {
			return err
		}
	}
	fmt.Fprintf(log, "installed echarts.min.js (%d bytes) under %s\n", len(js), dataDir)
	return nil
}

// extract returns the file name from a gzipped tar archive.
func extract(tgz, name string) ([]byte, error) {
	f, err := os.Open(tgz)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, err
	}
	tr := tar.NewReader(zr)
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("no %s in the archive", name)
		}
		if err != nil {
			return nil, err
		}
		if strings.TrimPrefix(h.Name, "./") == name {
			return io.ReadAll(tr)
		}
	}
}
