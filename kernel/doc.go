// Package kernel installs BrainGo's Jupyter kernel: a kernelspec named
// "braingo" (display name "BrainGo (Go)", with generated 32×32 and 64×64
// logos) whose program is GoNB (github.com/janpfeifer/gonb) at the version
// pinned in go.mod's tool block.
//
// # Install
//
// Install (used by `go run ./cmd/braingo install`, which scripts/lab.sh and
// scripts/test.sh call) builds the pinned gonb and BrainGo's goimports
// (cmd/goimports) into a bin directory (default: the kernelspec's bin/) and writes kernel.json:
//
//	argv: [<bin>/gonb, --kernel, {connection_file}, --go_work=<BrainGo module dir>]
//	env:  PATH=<bin>:<dir of go>:$PATH at install time (GoNB runs goimports and go from PATH)
//	interrupt_mode: message
//
// GoNB's -go_work flag makes every notebook start with a go.work that uses
// the BrainGo module directory (GoNB adds its own work module "."), so cells
// build against the BrainGo source the kernel was installed from, edits
// included. Nothing uses GoNB's own -install (it would look for gopls and
// goimports on PATH and suggest `go install ...@latest`, which the module
// proxy here refuses). Install adds gopls at GoplsVersion for completion
// and inspection (`go install golang.org/x/tools/gopls@v0.23.0`: 42 s from
// an empty module and build cache, 0.6 s after). It is optional: if it
// cannot be installed the install goes on, GoNB logs one line and only
// completion and hover are missing. GoNB starts one gopls per kernel; the
// first completion waits for it to load the workspace (13 s measured), later
// ones take 0.3 s.
//
// InstallECharts fetches echarts.min.js from the npm package echarts (the
// version package display pins, kept in a cache directory) and copies it to
// <data dir>/nbextensions/braingo/ and <data dir>/labextensions/braingo/static/,
// where the classic notebook server and JupyterLab serve it and display's
// charts load it without a CDN.
//
// Install fails with the directory named when the data or bin directory
// cannot be written, and with ErrNotBrainGo when the module directory is not
// BrainGo's.
//
// # Cells
//
// Cells use bp, bm (bp/math), dyn, integrate, analysis, display, nbcache
// (kernel/nbcache) and check (nbtest/check) by name, without import lines:
// GoNB runs the goimports it finds on PATH on every cell, and the kernel's
// is cmd/goimports, which imports these packages (Packages) for the names a
// cell uses (AddImports) before the standard goimports fixer runs. The
// standard goimports cannot do it alone: it only considers packages whose
// import path contains the name, so bp/math is never found as bm unless the
// cell also uses bp, and gonum's integrate competes with BrainGo's.
//
// Cells may import any package of BrainGo's dependencies (gonum, go-echarts,
// GoNB's gonbui and cache) with an import line: the kernel's goimports pins
// BrainGo's requirements in the cell module (PinRequirements), so GoNB's
// automatic `go get` finds them in the module cache. Another module makes
// that `go get` ask the module proxy for its latest version; where the proxy
// refuses @latest, pin it first with a cell line `!*go get module@version`
// (`!*` runs a shell line in the cell module's directory).
// WarmCells compiles them all once at install, so the first cell after
// install does not wait for the Go build cache. Measured on the 2-core
// development machine while other builds ran (load average 5 to 8): a trivial
// bp cell (TrivialCell) takes 0.20–0.35 s warm and 0.45–1.1 s as the first
// cell of a fresh kernel; install from an empty Go build cache takes about
// 2 min (building gonb and every BrainGo package), after which the first
// cell takes 0.5 s.
//
// A cell is a program: `%%` starts main's body, declarations outside it
// (func, type, var, import) are kept for later cells. Compile errors and
// panics are shown by GoNB with the cell and line ("Cell[2]: Line 3: ...",
// "[[ Cell [2] Line 4 ]]" in stack traces). GoNB v0.11.4 dies on some stderr
// lines a cell may write (main.go:N after text with colons, as log's
// Lshortfile prints); the kernel's goimports therefore gives every cell a
// blank import of package kernel/stderrguard, which runs the cell's program
// as a child and relays its stderr with such lines split, so the kernel and
// its declarations survive any output. An interrupt (the notebook's
// stop button, or nbtest's per-cell timeout) sends interrupt_request, GoNB
// sends the cell's program SIGINT (and SIGKILL 5 s later), and the kernel
// stays up for the next cell. A long run that should show what it recorded
// when interrupted runs under a context cancelled by SIGINT:
//
//	%%
//	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
//	defer stop()
//	res, err := bp.Run(ctx, net, 10000, settings) // err: "run interrupted at t = ..."
//	display.Show(display.Raster(res.Spikes["E.spike"], display.RasterOpts{}))
//
// (nbtest's tests interrupt such a cell and check the partial result.)
//
// # Rich output
//
// A cell program publishes rich output through GoNB's public gonbui package:
// gonbui.DisplayHTML(html) sends a display_data message with text/html,
// gonbui.DisplayMarkdown, DisplaySVG and DisplayPNG the other types;
// gonbui.UpdateHTML(id, html) creates a transient output block the first
// time and replaces it in place afterwards (Jupyter display_id; use an id
// built from gonbui.UniqueID()); gonbui.SendData sends a full MIME bundle
// (package display uses it for html+svg+plain). nbtest keeps the last
// content of an updated block. Outputs reach
// Jupyter only while the cell's program runs; stdout and stderr are streamed
// as stream messages.
//
// # Between cells
//
// Each cell is a new process. Package nbcache stores expensive results on
// disk keyed by name and parameters (over GoNB's public cache package);
// model state is saved with bp.SaveFile and restored with bp.LoadFile.
package kernel
