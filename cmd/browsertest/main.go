// Command browsertest opens notebooks in headless Chromium through Debian's
// classic Jupyter Notebook server, runs them, keeps screenshots under the
// output directory and fails when a notebook's first chart is blank (see
// package nbtest/browser).
//
//	browsertest [-o build/browser] [-timeout 10m] [-interactive=true] NOTEBOOK.ipynb...
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"

	"github.com/braingo/braingo/nbtest/browser"
)

func main() {
	var opt browser.Options
	flag.StringVar(&opt.OutDir, "o", "build/browser", "directory for screenshots and the server log")
	flag.DurationVar(&opt.Timeout, "timeout", 0, "time limit per notebook (default 10m)")
	flag.BoolVar(&opt.RequireInteractive, "interactive", true, "fail when a chart shows only its static picture")
	flag.StringVar(&opt.Chromium, "chromium", "/usr/bin/chromium", "browser binary")
	flag.StringVar(&opt.Jupyter, "jupyter", "/usr/bin/jupyter", "jupyter command")
	verbose := flag.Bool("v", false, "log progress")
	flag.Parse()
	if flag.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "usage: browsertest [flags] NOTEBOOK.ipynb...")
		os.Exit(2)
	}
	if *verbose {
		opt.Log = os.Stdout
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	failed := 0
	for _, nb := range flag.Args() {
		res, err := browser.Run(ctx, nb, opt)
		status := "PASS"
		if err != nil {
			status, failed = "FAIL", failed+1
		}
		fmt.Printf("%s %s in Chromium", status, nb)
		if res != nil {
			fmt.Printf(": %d/%d cells, %d charts (%d interactive), first chart %.1f%% ink in %d colours, %d off-machine requests; screenshot %s",
				res.Executed, res.Cells, res.Charts, res.Interactive, 100*res.Ink, res.Colours, len(res.External), res.Screenshot)
		}
		fmt.Println()
		if err != nil {
			fmt.Printf("  %v\n", err)
		}
		if res != nil && len(res.External) > 0 {
			fmt.Printf("  blocked off-machine requests, first: %s\n", res.External[0])
		}
	}
	fmt.Printf("browsertest: %d passed, %d failed\n", flag.NArg()-failed, failed)
	if failed > 0 {
		os.Exit(1)
	}
}
