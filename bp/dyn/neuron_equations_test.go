package dyn_test

import (
	"math"
	"testing"

	"github.com/braingo/braingo/bp"
	"github.com/braingo/braingo/bp/dyn"
)

// equationSource is what every point neuron offers bp/analysis.
type equationSource interface {
	Equations() (vars []string, params map[string]float64, f func(dst, x []float64, p map[string]float64))
}

// TestEquationsAreTheIntegratedOnes checks, for every point-neuron type,
// that the single-neuron equations given to analysis are those the group
// integrates: one forward-Euler step of each neuron of a group with
// distinct states and inputs equals x + dt·f(x) with f from Equations.
func TestEquationsAreTheIntegratedOnes(t *testing.T) {
	const n, dt = 3, 0.01
	inputs := []float64{0.5, 2, 7}
	for name := range allNeurons(t, 1, -66, -64, 1) {
		g := eulerNeurons(t, name, n)
		src, ok := g.(equationSource)
		if !ok {
			t.Fatalf("%s: no Equations method", name)
		}
		vars, params, f := src.Equations()
		if f == nil {
			t.Fatalf("%s: Equations gives no derivative", name)
		}
		if in, ok := params[dyn.EquationInput]; !ok || in != 0 {
			t.Errorf("%s: parameters %v lack the input %q at 0", name, params, dyn.EquationInput)
		}
		data := map[string][]float64{}
		for _, v := range g.Vars() {
			data[v.Name] = v.Data
		}
		before := make([][]float64, n)
		for i := range n {
			for _, v := range vars {
				if data[v] == nil {
					t.Fatalf("%s: equation variable %q is not among the group's Vars", name, v)
				}
				before[i] = append(before[i], data[v][i])
			}
		}
		copy(g.(interface{ Current() []float64 }).Current(), inputs)
		g.Update(&bp.Context{DT: dt})
		for i := range n {
			dx := make([]float64, len(vars))
			f(dx, before[i], map[string]float64{dyn.EquationInput: inputs[i]})
			for k, v := range vars {
				want := before[i][k] + dt*dx[k]
				if got := data[v][i]; math.Abs(got-want) > 1e-12*max(1, math.Abs(want)) {
					t.Errorf("%s neuron %d: %s after one Euler step = %.15g, x + dt·f(x) = %.15g", name, i, v, got, want)
				}
			}
		}
	}
}

// eulerNeurons builds n neurons of the named type, stepped by forward
// Euler, with distinct sub-threshold initial V.
func eulerNeurons(t *testing.T, name string, n int) neuronGroup {
	t.Helper()
	v0, m := dyn.Between(-70, -60), "euler"
	var g neuronGroup
	var err error
	switch name {
	case "LIF":
		g, err = dyn.NewLIF(n, dyn.LIFParams{V0: dyn.Between(0, 10), Method: m, Seed: 3})
	case "LeakyIntegrator":
		g, err = dyn.NewLeakyIntegrator(n, dyn.LeakyParams{V0: v0, Method: m, Seed: 3})
	case "ExpIF":
		g, err = dyn.NewExpIF(n, dyn.ExpIFParams{V0: v0, Method: m, Seed: 3})
	case "AdExIF":
		g, err = dyn.NewAdExIF(n, dyn.AdExIFParams{V0: v0, W0: dyn.Between(0, 2), Method: m, Seed: 3})
	case "QuaIF":
		g, err = dyn.NewQuaIF(n, dyn.QuaIFParams{V0: v0, Method: m, Seed: 3})
	case "AdQuaIF":
		g, err = dyn.NewAdQuaIF(n, dyn.AdQuaIFParams{V0: v0, W0: dyn.Between(0, 2), Method: m, Seed: 3})
	case "GIF":
		g, err = dyn.NewGIF(n, dyn.GIFParams{V0: v0, A: 0.005, Method: m, Seed: 3})
	case "Izhikevich":
		g, err = dyn.NewIzhikevich(n, dyn.IzhikevichParams{V0: v0, Method: m, Seed: 3})
	case "HH":
		g, err = dyn.NewHH(n, dyn.HHParams{V0: v0, Method: m, Seed: 3})
	case "MorrisLecar":
		g, err = dyn.NewMorrisLecar(n, dyn.MorrisLecarParams{V0: v0, W0: dyn.Between(0, 0.5), Method: m, Seed: 3})
	case "WangBuzsaki":
		g, err = dyn.NewWangBuzsaki(n, dyn.WangBuzsakiParams{V0: v0, Method: m, Seed: 3})
	case "HindmarshRose":
		g, err = dyn.NewHindmarshRose(n, dyn.HindmarshRoseParams{V0: dyn.Between(-1, 1), Y0: dyn.Between(-5, 0),
			Z0: dyn.Between(0, 1), Method: m, Seed: 3})
	case "FHN":
		g, err = dyn.NewFHN(n, dyn.FHNParams{V0: dyn.Between(-1, 1), W0: dyn.Between(-1, 1), Method: m, Seed: 3})
	default:
		t.Fatalf("no Euler group for %s", name)
	}
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return g
}

// TestEquationsParameters checks that a parameter given to f acts as the
// same setting of the group would, and that f leaves the group alone.
func TestEquationsParameters(t *testing.T) {
	g, err := dyn.NewFHN(1, dyn.FHNParams{})
	if err != nil {
		t.Fatal(err)
	}
	h, err := dyn.NewFHN(1, dyn.FHNParams{A: 0.9, Tau: 5})
	if err != nil {
		t.Fatal(err)
	}
	vars, params, f := g.Equations()
	_, _, fh := h.Equations()
	if len(vars) != 2 || vars[0] != "V" || vars[1] != "w" {
		t.Errorf("FHN variables %q, want [V w]", vars)
	}
	want := map[string]float64{"A": 0.7, "B": 0.8, "Tau": 12.5, dyn.EquationInput: 0}
	if len(params) != len(want) {
		t.Errorf("FHN parameters %v, want %v", params, want)
	}
	for k, v := range want {
		if params[k] != v {
			t.Errorf("FHN parameter %s = %v, want %v", k, params[k], v)
		}
	}
	x := []float64{0.3, -0.2}
	got, ref := make([]float64, 2), make([]float64, 2)
	f(got, x, map[string]float64{"A": 0.9, "Tau": 5, dyn.EquationInput: 0.4})
	fh(ref, x, map[string]float64{dyn.EquationInput: 0.4})
	if got[0] != ref[0] || got[1] != ref[1] {
		t.Errorf("f with A 0.9, Tau 5 = %v, a group built with them gives %v", got, ref)
	}
	// Names left out keep the listed values, not those of the last call.
	f(got, x, nil)
	fh(ref, x, map[string]float64{"A": 0.7, "Tau": 12.5})
	if got[0] != ref[0] || got[1] != ref[1] {
		t.Errorf("f without parameters = %v after an override, want the defaults' %v", got, ref)
	}
	if g.A != 0.7 || g.Tau != 12.5 {
		t.Errorf("f changed the group's settings to A %v, Tau %v", g.A, g.Tau)
	}
}
