// Command braingo installs the BrainGo Jupyter kernel.
//
//	braingo install [-data-dir DIR] [-bin-dir DIR] [-module DIR] [-gopls=false] [-echarts=false] [-warm=false]
//
// install builds the pinned gonb and goimports, installs gopls
// (kernel.GoplsVersion; optional), writes the "braingo"
// kernelspec (into the user's Jupyter data directory unless -data-dir is
// given), installs echarts.min.js (npm package echarts at
// display.EchartsVersion, fetched once) beside it for package display's
// charts, and then warms the Go build cache by running a cell that uses the
// BrainGo packages through the installed kernel, printing how long the first
// and a warm cell took.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"time"

	"github.com/braingo/braingo/kernel"
	"github.com/braingo/braingo/nbtest"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "braingo:", err)
		os.Exit(1)
	}
}

const usage = `usage: braingo install [flags]

Installs the BrainGo Jupyter kernel (kernelspec %q).
`

func run(args []string) error {
	if len(args) == 0 || args[0] != "install" {
		fmt.Fprintf(os.Stderr, usage, kernel.Name)
		return errors.New("unknown or missing command (want install)")
	}
	fs := flag.NewFlagSet("install", flag.ContinueOnError)
	var opt kernel.InstallOptions
	fs.StringVar(&opt.DataDir, "data-dir", "", "Jupyter data directory (default: the user's, or $JUPYTER_DATA_DIR)")
	fs.StringVar(&opt.BinDir, "bin-dir", "", "directory for the gonb and goimports programs (default: the kernelspec's bin/)")
	fs.StringVar(&opt.ModuleDir, "module", "", "BrainGo module root (default: the module of the working directory)")
	gopls := fs.Bool("gopls", true, "install gopls "+kernel.GoplsVersion+" for completion and inspection (optional: a failure is only reported)")
	echarts := fs.Bool("echarts", true, "fetch echarts.min.js from npm (once) and install it where charts load it from")
	cacheDir := fs.String("cache-dir", defaultCacheDir(), "where the echarts npm package is kept")
	warm := fs.Bool("warm", true, "run cells through the installed kernel to warm the Go build cache")
	timeout := fs.Duration("timeout", 10*time.Minute, "time limit for the warm-up")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	opt.SkipGopls = !*gopls
	opt.Log = os.Stdout
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	dir, err := kernel.Install(ctx, opt)
	if err != nil {
		return err
	}
	if *echarts {
		data := filepath.Dir(filepath.Dir(dir)) // <data>/kernels/braingo
		if err := kernel.InstallECharts(ctx, data, *cacheDir, os.Stdout); err != nil {
			return err
		}
	}
	if !*warm {
		return nil
	}
	spec, err := kernel.ReadSpec(dir)
	if err != nil {
		return err
	}
	mod, _ := spec.Metadata["braingo_module"].(string)
	cells, err := kernel.WarmCells(mod)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, *timeout)
	defer cancel()
	start := time.Now()
	times, err := nbtest.RunCells(ctx, spec, cells)
	if err != nil {
		return fmt.Errorf("warming the kernel: %w", err)
	}
	fmt.Printf("warm-up: kernel start and %d cells in %.1fs; cells took", len(cells), time.Since(start).Seconds())
	for _, d := range times {
		fmt.Printf(" %.2fs", d.Seconds())
	}
	fmt.Println(" (the last is a warm trivial bp cell)")
	return nil
}

func defaultCacheDir() string {
	d, err := os.UserCacheDir()
	if err != nil {
		return filepath.Join(os.TempDir(), "braingo-cache")
	}
	return filepath.Join(d, "braingo")
}
