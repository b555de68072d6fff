package dyn

import (
	"errors"
	"math"
	"testing"

	"github.com/braingo/braingo/bp"
)

// rateModel is what the rate tests drive.
type rateModel interface {
	bp.Model
	bp.InputClearer
}

// runRate advances m for dur ms at dt, calling before(step) ahead of each
// step (to set inputs) and after(t) behind it (to record).
func runRate(m rateModel, dt, dur float64, before func(), after func(t float64)) {
	ctx := &bp.Context{DT: dt}
	steps := int64(math.Round(dur / dt))
	for ctx.Step = 0; ctx.Step < steps; ctx.Step++ {
		ctx.T = float64(ctx.Step) * dt
		if before != nil {
			before()
		}
		m.Update(ctx)
		m.ClearInputs()
		if after != nil {
			after(ctx.T + dt)
		}
	}
}

// swing returns max − min of x over the recorded window.
type swing struct{ lo, hi float64 }

func newSwing() swing          { return swing{math.Inf(1), math.Inf(-1)} }
func (s *swing) add(x float64) { s.lo, s.hi = min(s.lo, x), max(s.hi, x) }
func (s swing) size() float64  { return s.hi - s.lo }

// TestRateFHNHopf checks numbers.md 3.5: the rate FHN rests below the Hopf
// points x_ext = 0.726058 and above 1.331555, and oscillates between them,
// with both integrators.
func TestRateFHNHopf(t *testing.T) {
	for _, method := range []string{"exp_euler", "rk4"} {
		for _, c := range []struct {
			in         float64
			oscillates bool
		}{{0.715, false}, {0.74, true}, {1.32, true}, {1.345, false}} {
			m, err := NewRateFHN(1, RateFHNSettings{X0: 0.3, Y0: 0.5, Method: method})
			if err != nil {
				t.Fatal(err)
			}
			sw := newSwing()
			runRate(m, 0.1, 6000, func() { m.InputX[0] = c.in }, func(tt float64) {
				if tt > 5000 {
					sw.add(m.X[0])
				}
			})
			if got := sw.size() > 0.01; got != c.oscillates || (!got && sw.size() > 1e-3) {
				t.Errorf("%s x_ext %g: swing of x %.4g over the last 1000 ms, want oscillation %v", method, c.in, sw.size(), c.oscillates)
			}
		}
	}
}

func TestRateErrors(t *testing.T) {
	for k, err := range []error{
		func() error { _, err := NewRateFHN(0, RateFHNSettings{}); return err }(),
		func() error { _, err := NewRateFHN(2, RateFHNSettings{Tau: -1}); return err }(),
	} {
		if !errors.Is(err, ErrRate) {
			t.Errorf("case %d: error %v, want ErrRate", k, err)
		}
	}
	if _, err := NewRateFHN(2, RateFHNSettings{Method: "nope"}); err == nil {
		t.Error("unknown method: no error")
	}
}
