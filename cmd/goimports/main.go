// Command goimports is the braingo kernel's goimports: GoNB runs
// "goimports -w main.go" on every cell, and this program, installed under
// that name in the kernel's bin directory, first imports the BrainGo
// packages the cell uses by name (bp, bm, dyn, integrate, analysis, display,
// nbcache, check; see kernel.AddImports), gives a cell's main package the
// blank import of kernel/stderrguard that keeps GoNB alive whatever the
// cell writes to stderr, and then fixes the remaining
// imports exactly as golang.org/x/tools/cmd/goimports does, at the version
// pinned in go.mod. Where the file's directory is a GoNB cell module (a
// go.work there uses the BrainGo module), it also pins BrainGo's
// requirements in that module's go.mod (kernel.PinRequirements), so that
// the `go get` GoNB runs next resolves imports of BrainGo's dependencies
// (gonbui, gonum, go-echarts) from the module cache instead of asking the
// module proxy for @latest.
//
//	goimports [-w] [file ...]
//
// Without -w the result goes to stdout; without files it reads stdin.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/braingo/braingo/kernel"
)

func main() {
	write := flag.Bool("w", false, "write the result to the file instead of stdout")
	flag.Parse()
	if flag.NArg() == 0 {
		if *write {
			fail(fmt.Errorf("-w needs file arguments"))
		}
		src, err := io.ReadAll(os.Stdin)
		if err != nil {
			fail(err)
		}
		out, err := kernel.AddImports("<standard input>", src)
		if err != nil {
			fail(err)
		}
		os.Stdout.Write(out)
		return
	}
	for _, name := range flag.Args() {
		src, err := os.ReadFile(name)
		if err != nil {
			fail(err)
		}
		out, err := kernel.AddImports(name, src)
		if err != nil {
			fail(err)
		}
		if !*write {
			os.Stdout.Write(out)
			continue
		}
		if err := os.WriteFile(name, out, 0o644); err != nil {
			fail(err)
		}
		abs, err := filepath.Abs(name)
		if err == nil {
			err = kernel.PinRequirements(filepath.Dir(abs))
		}
		if err != nil {
			fail(err)
		}
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, err)
	os.Exit(2)
}
