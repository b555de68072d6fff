package bp_test

// Audit test (temporary): written against b6fac4b; passes since 91fa1ec.

import (
	"context"
	"runtime"
	"testing"
	"time"

	"github.com/braingo/braingo/bp"
)

// panickyClearer panics in ClearInputs, which stepParts calls outside
// updatePart's recover.
type panickyClearer struct{}

func (panickyClearer) Update(*bp.Context) {}
func (panickyClearer) ClearInputs()       { panic("clear boom") }

// TestClearPanicReleasesWorkers: a panic in a (non-part) ClearInputs on
// part 0 must be caught like a panic in an update, so that the workers are
// released when Run panics (a leaked worker would spin forever).
func TestClearPanicReleasesWorkers(t *testing.T) {
	net := bp.NewNetwork()
	if err := net.Add("c", panickyClearer{}); err != nil {
		t.Fatal(err)
	}
	r, err := bp.NewRunner(net, bp.RunnerSettings{DT: 0.1, Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	before := runtime.NumGoroutine()
	func() {
		defer func() { recover() }()
		r.Run(context.Background(), 1)
	}()
	time.Sleep(100 * time.Millisecond)
	if after := runtime.NumGoroutine(); after > before {
		t.Fatalf("%d goroutines before Run, %d after it panicked: the worker leaked", before, after)
	}
}
