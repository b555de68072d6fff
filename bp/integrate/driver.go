package integrate

import (
	"context"
	"math"
)

// Integrate advances x in place from t0 to t1 with s, in steps of dt; the
// last step is shortened to land on t1. It checks dt and the span, polls ctx
// every 1024 steps, and returns the error a stepper reports through an
// Err() error method (adaptive, delay and fractional steppers). When s has
// a Len() int method (all steppers of this package do), the length of x is
// checked against it. ctx may be nil.
func Integrate(ctx context.Context, s Stepper, x []float64, t0, t1, dt float64) error {
	if err := CheckStep(dt); err != nil {
		return err
	}
	if err := checkSpan(t0, t1); err != nil {
		return err
	}
	if l, ok := s.(interface{ Len() int }); ok {
		if err := checkLen("x", len(x), l.Len()); err != nil {
			return err
		}
	}
	errer, _ := s.(interface{ Err() error })
	// Step k starts at t0 + k·dt, computed afresh to avoid drift.
	steps := int64(math.Ceil((t1 - t0) / dt * (1 - 1e-12)))
	for k := int64(0); k < steps; k++ {
		if ctx != nil && k&1023 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		t := t0 + float64(k)*dt
		h := dt
		if k == steps-1 {
			h = t1 - t
		}
		s.Step(x, t, h)
		if errer != nil {
			if err := errer.Err(); err != nil {
				return err
			}
		}
	}
	return nil
}
