package analysis

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// TestEvalLimits checks the evaluation budget of every grid search and
// simulation: a user-set MaxEvals equal to the planned count runs, one less
// returns ErrTooManyEvals naming the limit before evaluating anything, a
// negative limit is a bad setting, and the evaluations actually made exceed
// the plan by at most 200 plus a third (the plan counts the grid, the steps
// or the optimiser's iterations; refining and classifying the few points
// found adds a number that does not grow with the resolution).
func TestEvalLimits(t *testing.T) {
	var calls int
	base := fhn(0.5)
	counted := base
	counted.F = func(dst, x []float64, p Params) { calls++; base.F(dst, x, p) }
	V, w := Axis{Name: "V", Min: -3, Max: 3, N: 31}, Axis{Name: "w", Min: -3, Max: 3, N: 21}
	cases := []struct {
		name    string
		planned int
		run     func(Limits) error
	}{
		{"PhasePlane1D", 31, func(l Limits) error {
			_, err := PhasePlane1D(counted, V, PhasePlane1DSettings{Limits: l, Hold: map[string]float64{"w": 0}})
			return err
		}},
		{"PhasePlane2D", 31 * 21, func(l Limits) error {
			_, err := PhasePlane2D(counted, V, w, PhasePlane2DSettings{Limits: l})
			return err
		}},
		{"Bifurcation", 31 * 21 * 11, func(l Limits) error {
			_, err := Bifurcation(counted, []Axis{V, w}, []Axis{{Name: "I", Min: 0, Max: 1, N: 11}}, BifurcationSettings{Limits: l})
			return err
		}},
		{"Simulate", 4 * 500, func(l Limits) error {
			_, err := Simulate(counted, []float64{-1, 1}, SimSettings{Limits: l, Method: "rk4", DT: 0.02, Duration: 10})
			return err
		}},
		{"FindSlowPoints", 3 * 50 * 5, func(l Limits) error {
			_, err := FindSlowPoints(counted, [][]float64{{-1, 0}, {0, 0}, {1, 1}}, SlowPointSettings{Limits: l, Steps: 50})
			return err
		}},
	}
	for _, c := range cases {
		calls = 0
		if err := c.run(Limits{MaxEvals: c.planned}); err != nil {
			t.Errorf("%s: MaxEvals = planned %d: %v", c.name, c.planned, err)
		}
		if calls > c.planned+c.planned/3+200 {
			t.Errorf("%s: %d evaluations, more than 200 + 4/3 of the planned %d", c.name, calls, c.planned)
		}
		t.Logf("%s: %d evaluations for a plan of %d", c.name, calls, c.planned)
		calls = 0
		err := c.run(Limits{MaxEvals: c.planned - 1})
		if !errors.Is(err, ErrTooManyEvals) || !strings.Contains(err.Error(), fmt.Sprintf("MaxEvals = %d", c.planned-1)) {
			t.Errorf("%s: MaxEvals = %d: got %v, want ErrTooManyEvals naming the limit", c.name, c.planned-1, err)
		}
		if calls != 0 {
			t.Errorf("%s: %d evaluations before refusing the plan", c.name, calls)
		}
		if err := c.run(Limits{MaxEvals: -1}); !errors.Is(err, ErrBadSettings) {
			t.Errorf("%s: MaxEvals = -1: got %v, want ErrBadSettings", c.name, err)
		}
	}
}
