package dyn_test

import (
	"context"
	"math"
	"testing"

	"github.com/braingo/braingo/bp"
	"github.com/braingo/braingo/bp/dyn"
)

// TestGroupUpdatedTwiceDecaysOnce checks that a group updated twice in a
// step decays each conductance a projection handed it once: a Runner's run
// (where the projections hand their decay over) gives bit-identical V to
// the same steps in a loop by hand (epoch 0: no hand-over, each projection
// multiplies by the decay itself), on 1 and 2 workers, with the second
// update in a nested network (whole, after the split one, or before it)
// or as a second child of the same network (both split by parts). A
// single update is the control.
func TestGroupUpdatedTwiceDecaysOnce(t *testing.T) {
	layouts := []string{"direct", "direct, nested", "nested, direct", "direct, direct"}
	const steps = 300
	run := func(layout string, byHand bool, workers int) []float64 {
		nested := func(g *dyn.LIF) []namedChild {
			inner := bp.NewNetwork()
			if err := inner.Add("g", g); err != nil {
				t.Fatal(err)
			}
			return []namedChild{{"sub", inner}}
		}
		again := func(g *dyn.LIF) []namedChild { return []namedChild{{"g2", g}} }
		var before, after func(*dyn.LIF) []namedChild
		switch layout {
		case "direct, nested":
			after = nested
		case "nested, direct": // between the projections and the group
			before = nested
		case "direct, direct":
			after = again
		}
		net, g := freshNet(t, before, after)
		if byHand {
			for s := range int64(steps) {
				net.Update(&bp.Context{T: float64(s) * 0.1, DT: 0.1, Step: s})
			}
			return append([]float64(nil), g.V...)
		}
		r, err := bp.NewRunner(net, bp.RunnerSettings{DT: 0.1, Workers: workers, Progress: bp.NoProgress})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := r.Run(context.Background(), steps*0.1); err != nil {
			t.Fatal(err)
		}
		return append([]float64(nil), g.V...)
	}
	for _, layout := range layouts {
		want := run(layout, true, 1)
		for _, workers := range []int{1, 2} {
			got := run(layout, false, workers)
			diff := 0
			for i := range want {
				if math.Float64bits(got[i]) != math.Float64bits(want[i]) {
					diff++
				}
			}
			if diff > 0 {
				t.Errorf("%s, %d workers: V differs from the loop by hand at %d of %d neurons", layout, workers, diff, len(want))
			}
		}
	}
}
