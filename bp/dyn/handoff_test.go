package dyn_test

import (
	"fmt"
	"math"
	"testing"

	"github.com/braingo/braingo/bp"
	"github.com/braingo/braingo/bp/dyn"
)

// handOffNet is a recurrent LIF group with a bias and two Expon
// projections onto itself, both COBA, both CUBA or one of each; hidden
// routes the synapses through hiddenExpon (the general path, which never
// hands its decay over); groupFirst puts the group before the projections.
// It returns the models in update order, the group and the synapses.
func handOffNet(t *testing.T, outs string, hidden, groupFirst bool) ([]bp.Model, *dyn.LIF, []*dyn.Expon) {
	t.Helper()
	const n = 803
	g, err := dyn.NewLIF(n, dyn.LIFParams{VRest: -60, VReset: -60, VTh: -50, Tau: 20, TRef: 5, V0: dyn.Between(-60, -50), Seed: 4})
	if err != nil {
		t.Fatal(err)
	}
	g.AddSource(dyn.Bias(20))
	out := map[string][2]func() dyn.Output{
		"coba":  {func() dyn.Output { return &dyn.COBA{E: 0} }, func() dyn.Output { return &dyn.COBA{E: -80} }},
		"cuba":  {func() dyn.Output { return &dyn.CUBA{} }, func() dyn.Output { return &dyn.CUBA{} }},
		"mixed": {func() dyn.Output { return &dyn.COBA{E: 0} }, func() dyn.Output { return &dyn.CUBA{} }},
	}[outs]
	w := map[string][2]float64{"coba": {0.6, 6.7}, "cuba": {1.6, -9}, "mixed": {0.6, -9}}[outs]
	models := []bp.Model{}
	if groupFirst {
		models = append(models, g)
	}
	var syns []*dyn.Expon
	for k, tau := range []float64{5, 10} {
		proj, e := exponProj(t, g, g, 0.05, w[k], tau, uint64(30+k), out[k](), hidden)
		models, syns = append(models, proj), append(syns, e)
	}
	if !groupFirst {
		models = append(models, g)
	}
	return models, g, syns
}

// TestHandOffMatchesGeneral checks a network whose projections hand their
// decay to the group (or, with the group first, must not) against the
// same network on the general path, for every pair of outputs: the same
// spikes for 200 ms, and V and the conductances equal to rounding.
func TestHandOffMatchesGeneral(t *testing.T) {
	for _, outs := range []string{"coba", "cuba", "mixed"} {
		for _, groupFirst := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s/groupFirst=%v", outs, groupFirst), func(t *testing.T) {
				fast, gFast, sFast := handOffNet(t, outs, false, groupFirst)
				slow, gSlow, sSlow := handOffNet(t, outs, true, groupFirst)
				ctx, spikes := &bp.Context{DT: 0.1, Epoch: 1}, 0 // a non-zero epoch, as in a Runner: hand loops (epoch 0) never hand over
				for k := range 2000 {
					ctx.Step, ctx.T = int64(k), float64(k)*0.1
					for i := range fast {
						fast[i].Update(ctx)
						slow[i].Update(ctx)
					}
					spikes += sameSpikes(t, k, gFast, gSlow)
				}
				closeSlices(t, "V", gFast.V, gSlow.V)
				for k := range sFast {
					closeSlices(t, "g", sFast[k].G, sSlow[k].G)
				}
				if spikes < 500 {
					t.Errorf("only %d spikes: the test needs an active network", spikes)
				}
			})
		}
	}
}

// TestHandOffNotTaken skips the group's update in one step after its
// projections handed it their decay: the next step must apply the decay
// late, so that from then on the conductances follow the general path's
// (which the same skipped step does not disturb: there the projections
// decay their synapses themselves).
func TestHandOffNotTaken(t *testing.T) {
	fast, gFast, sFast := handOffNet(t, "coba", false, false)
	slow, gSlow, sSlow := handOffNet(t, "coba", true, false)
	ctx := &bp.Context{DT: 0.1, Epoch: 1}
	for k := range 300 {
		ctx.Step, ctx.T = int64(k), float64(k)*0.1
		for i := range fast {
			if k == 150 && fast[i] == bp.Model(gFast) {
				continue
			}
			fast[i].Update(ctx)
			slow[i].Update(ctx)
		}
		if k > 150 {
			sameSpikes(t, k, gFast, gSlow)
			for j := range sFast {
				closeSlices(t, fmt.Sprintf("step %d: g", k), sFast[j].G, sSlow[j].G)
			}
		}
	}
}

// sameSpikes fails the test unless a and b spiked alike in step k, and
// returns the number of spikes.
func sameSpikes(t *testing.T, k int, a, b *dyn.LIF) int {
	t.Helper()
	n := 0
	for i, s := range a.Spike {
		if s != b.Spike[i] {
			t.Fatalf("step %d: neuron %d spikes %v on one path, %v on the other", k, i, s, b.Spike[i])
		}
		if s {
			n++
		}
	}
	return n
}

// closeSlices fails the test unless a and b agree to 1e-9 (relative to
// the larger magnitude, at least 1).
func closeSlices(t *testing.T, name string, a, b []float64) {
	t.Helper()
	for i := range a {
		if d := math.Abs(a[i] - b[i]); d > 1e-9*max(1, math.Abs(a[i]), math.Abs(b[i])) {
			t.Fatalf("%s[%d] = %.15g on one path, %.15g on the other", name, i, a[i], b[i])
		}
	}
}
