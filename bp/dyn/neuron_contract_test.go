package dyn_test

import (
	"testing"

	"github.com/braingo/braingo/bp"
	"github.com/braingo/braingo/bp/dyn"
)

// neuronGroup is what every built-in point-neuron type provides.
type neuronGroup interface {
	dyn.Neurons
	bp.VarHolder
	bp.Resetter
	bp.RandomStater
	bp.InputClearer
}

// allNeurons builds every point-neuron type over n neurons with a random
// initial V in [lo, hi) and the given seed.
func allNeurons(t *testing.T, n int, lo, hi float64, seed uint64) map[string]neuronGroup {
	t.Helper()
	v0 := dyn.Between(lo, hi)
	groups := map[string]neuronGroup{}
	add := func(name string, g neuronGroup, err error) {
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		groups[name] = g
	}
	lif, err := dyn.NewLIF(n, dyn.LIFParams{V0: v0, Seed: seed})
	add("LIF", lif, err)
	li, err := dyn.NewLeakyIntegrator(n, dyn.LeakyParams{V0: v0, Seed: seed})
	add("LeakyIntegrator", li, err)
	exp, err := dyn.NewExpIF(n, dyn.ExpIFParams{V0: v0, Seed: seed})
	add("ExpIF", exp, err)
	adex, err := dyn.NewAdExIF(n, dyn.AdExIFParams{V0: v0, Seed: seed})
	add("AdExIF", adex, err)
	qua, err := dyn.NewQuaIF(n, dyn.QuaIFParams{V0: v0, Seed: seed})
	add("QuaIF", qua, err)
	adqua, err := dyn.NewAdQuaIF(n, dyn.AdQuaIFParams{V0: v0, Seed: seed})
	add("AdQuaIF", adqua, err)
	gif, err := dyn.NewGIF(n, dyn.GIFParams{V0: v0, Seed: seed})
	add("GIF", gif, err)
	izh, err := dyn.NewIzhikevich(n, dyn.IzhikevichParams{V0: v0, Seed: seed})
	add("Izhikevich", izh, err)
	hh, err := dyn.NewHH(n, dyn.HHParams{V0: v0, Seed: seed})
	add("HH", hh, err)
	ml, err := dyn.NewMorrisLecar(n, dyn.MorrisLecarParams{V0: v0, Seed: seed})
	add("MorrisLecar", ml, err)
	wb, err := dyn.NewWangBuzsaki(n, dyn.WangBuzsakiParams{V0: v0, Seed: seed})
	add("WangBuzsaki", wb, err)
	hr, err := dyn.NewHindmarshRose(n, dyn.HindmarshRoseParams{V0: v0, Seed: seed})
	add("HindmarshRose", hr, err)
	fhn, err := dyn.NewFHN(n, dyn.FHNParams{V0: v0, Seed: seed})
	add("FHN", fhn, err)
	return groups
}

func TestNeuronContract(t *testing.T) {
	const lo, hi = -66.0, -64.0
	a, b := allNeurons(t, 50, lo, hi, 11), allNeurons(t, 50, lo, hi, 11)
	for name, g := range a {
		v := g.Membrane()
		if g.Size() != 50 || len(v) != 50 || len(g.Spikes()) != 50 {
			t.Errorf("%s: sizes %d %d %d", name, g.Size(), len(v), len(g.Spikes()))
		}
		distinct := false
		for i, x := range v {
			if x < lo || x >= hi || x != b[name].Membrane()[i] {
				t.Fatalf("%s: V0[%d] = %g, outside [%g, %g) or unlike the same seed's %g", name, i, x, lo, hi, b[name].Membrane()[i])
			}
			distinct = distinct || x != v[0]
		}
		if !distinct {
			t.Errorf("%s: uniform initial values all equal", name)
		}
		// A run changes the state; Reset(0) brings back the same initial
		// values; Reset with another seed draws others.
		start := append([]float64(nil), v...)
		if _, err := bp.Run(nil, g, 5, bp.RunnerSettings{Inputs: []bp.Input{bp.ConstInput("", 1)}}); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		g.Reset(0)
		for i := range v {
			if v[i] != start[i] {
				t.Fatalf("%s: after Reset(0), V[%d] = %g, want %g", name, i, v[i], start[i])
			}
		}
		g.Reset(12)
		if v[0] == start[0] {
			t.Errorf("%s: Reset(12) drew the same initial V", name)
		}
		// The step allocates nothing (the design constraint of the hot
		// path), with the default integrator.
		ctx := &bp.Context{DT: 0.1}
		if allocs := testing.AllocsPerRun(5, func() { g.Update(ctx) }); allocs != 0 {
			t.Errorf("%s: Update allocates %v times per step, want 0", name, allocs)
		}
		if g.RandomState() == nil {
			t.Errorf("%s: no random state to save", name)
		}
		names := map[string]bool{}
		for _, x := range g.Vars() {
			names[x.Name] = len(x.Data) == 50
		}
		if !names["V"] || !names["Input"] {
			t.Errorf("%s: Vars %v lack V or Input of 50 elements", name, names)
		}
	}
}
