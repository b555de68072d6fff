package nbtest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/braingo/braingo/kernel"
)

// TagRaisesException marks a cell that must fail (nbconvert's convention):
// the notebook fails if it does not.
const TagRaisesException = "raises-exception"

// Options configure a notebook run. The zero value runs each notebook with
// the kernel its metadata names (braingo when none) and a fresh cache
// directory, 5 minutes per cell, 30 minutes per notebook, and 2 minutes
// (StartTimeout) for the kernel to answer.
type Options struct {
	// Kernel overrides the notebook's kernelspec name.
	Kernel string
	// CellTimeout limits each cell; the kernel is interrupted past it.
	CellTimeout time.Duration
	// Timeout limits the whole notebook, kernel start included.
	Timeout time.Duration
	// StartTimeout limits the wait for the kernel's first answer.
	StartTimeout time.Duration
	// KeepCache runs the kernel with the caller's temporary directory, so
	// results kept by nbcache (GoNB's cache.Default, a directory under
	// $TMPDIR named after the notebook's directory) carry over from earlier
	// runs. By default each notebook runs with TMPDIR set to a fresh
	// directory, removed afterwards: a stale cached result cannot hide a
	// figure that drifted.
	KeepCache bool
	// OutDir, when set, receives each executed notebook (same base name).
	OutDir string
	// SpecDirs are the Jupyter data directories searched for kernelspecs
	// (nil: kernel.DataDirs()).
	SpecDirs []string
	// Log receives one line per executed cell; nil discards them.
	Log io.Writer
}

// Report is the outcome of running one notebook.
type Report struct {
	Path string
	// Cells is the number of code cells; Ran how many were executed.
	Cells, Ran int
	Duration   time.Duration
	// Cell is the 1-based index (among all cells) of the failing cell, 0 if
	// the notebook failed before or outside a cell.
	Cell int
	// Err is nil when the notebook passed.
	Err error
}

// String is the report's summary line.
func (r Report) String() string {
	if r.Err == nil {
		return fmt.Sprintf("PASS %s  %d/%d code cells  %.1fs", r.Path, r.Ran, r.Cells, r.Duration.Seconds())
	}
	where := ""
	if r.Cell > 0 {
		where = fmt.Sprintf(" cell %d:", r.Cell)
	}
	return fmt.Sprintf("FAIL %s  %d/%d code cells  %.1fs\n ",
		r.Path, r.Ran, r.Cells, r.Duration.Seconds()) + where + " " + indent(r.Err.Error())
}

func indent(s string) string { return strings.ReplaceAll(s, "\n", "\n    ") }

// ErrCellFailed wraps the reason a cell failed.
var ErrCellFailed = errors.New("cell failed")

// ErrNotebookTimeout is returned when a notebook runs past Options.Timeout.
var ErrNotebookTimeout = errors.New("notebook time limit reached")

// Run executes the notebook at path cell by cell in a fresh kernel started
// in the notebook's directory, and reports the first failure.
func Run(ctx context.Context, path string, opt Options) (rep Report) {
	rep = Report{Path: path}
	start := time.Now()
	defer func() { rep.Duration = time.Since(start) }()
	limit := opt.Timeout
	if limit <= 0 {
		limit = 30 * time.Minute
	}
	parent := ctx
	ctx, cancel := context.WithTimeout(ctx, limit)
	defer cancel()
	// overLimit turns the notebook deadline into a message saying so.
	overLimit := func(err error) error {
		if err != nil && ctx.Err() != nil && parent.Err() == nil {
			return fmt.Errorf("%w (%v): %w", ErrNotebookTimeout, limit, err)
		}
		return err
	}
	nb, err := ReadNotebook(path)
	if err != nil {
		rep.Err = err
		return rep
	}
	for _, c := range nb.Cells {
		if c.Type == "code" {
			rep.Cells++
		}
	}
	name := opt.Kernel
	if name == "" {
		name = nb.KernelName
	}
	if name == "" {
		name = kernel.Name
	}
	spec, _, err := kernel.FindSpec(name, opt.SpecDirs)
	if err != nil {
		rep.Err = err
		return rep
	}
	timeout := opt.CellTimeout
	if timeout <= 0 {
		timeout = 5 * time.Minute
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		rep.Err = err
		return rep
	}
	var env []string
	if !opt.KeepCache {
		tmp, err := os.MkdirTemp("", "nbtest-tmp-")
		if err != nil {
			rep.Err = err
			return rep
		}
		defer os.RemoveAll(tmp)
		env = append(env, "TMPDIR="+tmp)
	}
	startCtx := ctx
	if opt.StartTimeout > 0 {
		var cancel context.CancelFunc
		startCtx, cancel = context.WithTimeout(ctx, opt.StartTimeout)
		defer cancel()
	}
	k, err := Start(startCtx, spec, filepath.Dir(abs), env...)
	if err != nil {
		rep.Err = overLimit(err)
		return rep
	}
	defer k.Close()
	for i := range nb.Cells {
		c := &nb.Cells[i]
		if c.Type != "code" || strings.TrimSpace(c.Source) == "" {
			continue
		}
		res, err := k.Execute(ctx, c.Source, timeout)
		rep.Ran++
		if res != nil {
			c.setOutputs(res)
			if opt.Log != nil {
				fmt.Fprintf(opt.Log, "  %s cell %d: %.2fs\n", filepath.Base(path), i+1, res.Duration.Seconds())
			}
		}
		if err == nil {
			err = res.Failure()
			if c.HasTag(TagRaisesException) {
				if err == nil {
					err = fmt.Errorf("%w: tagged %s but ran without error", ErrCellFailed, TagRaisesException)
				} else {
					err = nil
				}
			} else if err != nil {
				err = fmt.Errorf("%w: %w", ErrCellFailed, err)
			}
		}
		if err != nil {
			rep.Cell, rep.Err = i+1, overLimit(err)
			break
		}
	}
	if opt.OutDir != "" {
		if err := os.MkdirAll(opt.OutDir, 0o755); err == nil {
			err = nb.Write(filepath.Join(opt.OutDir, filepath.Base(path)))
		}
		if err != nil && rep.Err == nil {
			rep.Err = fmt.Errorf("writing the executed notebook: %w", err)
		}
	}
	return rep
}

// RunCells runs code cells in a fresh kernel (in the working directory) and
// returns each cell's wall time, failing on the first cell that fails.
func RunCells(ctx context.Context, spec *kernel.Spec, cells []string) ([]time.Duration, error) {
	k, err := Start(ctx, spec, "")
	if err != nil {
		return nil, err
	}
	defer k.Close()
	var times []time.Duration
	for i, c := range cells {
		res, err := k.Execute(ctx, c, 0)
		if err == nil {
			err = res.Failure()
		}
		if err != nil {
			return times, fmt.Errorf("cell %d: %w", i+1, err)
		}
		times = append(times, res.Duration)
	}
	return times, nil
}
