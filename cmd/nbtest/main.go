// Command nbtest executes Jupyter notebooks through their kernel and fails
// when a cell fails.
//
//	nbtest [-kernel NAME] [-timeout 5m] [-notebook-timeout 30m] [-start-timeout 2m] [-keep-cache] [-o DIR] [-v] PATH...
//
// Each PATH is a notebook or a directory searched (not recursively) for
// *.ipynb files. Each notebook runs in a fresh kernel with a fresh
// temporary directory (so nbcache starts empty) unless -keep-cache is
// given. nbtest prints one summary line per notebook and exits with status 1
// when any notebook failed, 2 on bad usage.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"sort"
	"time"

	"github.com/braingo/braingo/nbtest"
)

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("nbtest", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var opt nbtest.Options
	fs.StringVar(&opt.Kernel, "kernel", "", "kernelspec name (default: the notebook's, else braingo)")
	fs.DurationVar(&opt.CellTimeout, "timeout", 5*time.Minute, "time limit per cell")
	fs.DurationVar(&opt.Timeout, "notebook-timeout", 30*time.Minute, "time limit per notebook, kernel start included")
	fs.DurationVar(&opt.StartTimeout, "start-timeout", nbtest.StartTimeout, "time limit for the kernel's first answer")
	fs.BoolVar(&opt.KeepCache, "keep-cache", false, "keep nbcache results from earlier runs (run the kernel with the caller's TMPDIR)")
	fs.StringVar(&opt.OutDir, "o", "", "directory to write executed notebooks to")
	verbose := fs.Bool("v", false, "print each cell's run time")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: nbtest [flags] NOTEBOOK.ipynb|DIR ...")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return 2
	}
	if *verbose {
		opt.Log = stdout
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	failed, total := 0, 0
	for _, p := range expand(fs.Args()) {
		rep := nbtest.Run(ctx, p, opt)
		fmt.Fprintln(stdout, rep)
		total++
		if rep.Err != nil {
			failed++
		}
	}
	fmt.Fprintf(stdout, "nbtest: %d passed, %d failed\n", total-failed, failed)
	if failed > 0 {
		return 1
	}
	return 0
}

// expand replaces directories by the notebooks they hold; other paths are
// kept as given so that a missing file is reported by the run.
func expand(paths []string) []string {
	var out []string
	for _, p := range paths {
		if st, err := os.Stat(p); err == nil && st.IsDir() {
			m, _ := filepath.Glob(filepath.Join(p, "*.ipynb"))
			sort.Strings(m)
			out = append(out, m...)
			continue
		}
		out = append(out, p)
	}
	return out
}
