package dyn

import (
	"context"
	"slices"
	"testing"

	"github.com/braingo/braingo/bp"
)

// freshProbe records, at each step, whether the group was told that its
// Input is fresh (bp.FreshClearer). It keeps inputs.
type freshProbe struct {
	g    *LIF
	seen []bool
}

func (p *freshProbe) Update(*bp.Context)   { p.seen = append(p.seen, p.g.fresh) }
func (p *freshProbe) KeepsInputs() bool    { return true }
func (p *freshProbe) Children() []bp.Model { return nil }

// inputWriter is a child that is not an InputKeeper.
type inputWriter struct{}

func (inputWriter) Update(*bp.Context) {}

// TestFreshInputHint checks when a Runner's network tells a group that its
// Input is fresh: from the second step of each run on, and not when a
// child before the group does not keep inputs, when an input of the runner
// targets the group, when the group is inside a nested network, or in a
// loop written by hand; and never after a step.
func TestFreshInputHint(t *testing.T) {
	const steps = 4
	cases := []struct {
		name   string
		writer bool // an inputWriter before the group
		input  bool // a runner input on the group
		nested bool
		want   []bool
	}{
		{"plain", false, false, false, []bool{false, true, true, true}},
		{"writer before", true, false, false, []bool{false, false, false, false}},
		{"runner input", false, true, false, []bool{false, false, false, false}},
		{"nested", false, false, true, []bool{false, false, false, false}},
	}
	for _, c := range cases {
		for _, workers := range []int{1, 2} {
			g, err := NewLIF(200, LIFParams{VRest: -60, VReset: -60, VTh: -50, Tau: 20})
			if err != nil {
				t.Fatal(err)
			}
			probe := &freshProbe{g: g}
			net := bp.NewNetwork()
			if c.writer {
				if err := net.Add("w", inputWriter{}); err != nil {
					t.Fatal(err)
				}
			}
			var child bp.Model = g
			if c.nested {
				inner := bp.NewNetwork()
				if err := inner.Add("g", g); err != nil {
					t.Fatal(err)
				}
				child = inner
			}
			if err := net.Add("g", child); err != nil {
				t.Fatal(err)
			}
			if err := net.Add("probe", probe); err != nil {
				t.Fatal(err)
			}
			s := bp.RunnerSettings{DT: 0.1, Workers: workers}
			if c.input {
				target := "g"
				if c.nested {
					target = "g.g"
				}
				s.Inputs = []bp.Input{{Target: target, Value: 1}}
			}
			r, err := bp.NewRunner(net, s)
			if err != nil {
				t.Fatal(err)
			}
			for run := range 2 {
				probe.seen = nil
				if _, err := r.Run(context.Background(), steps*0.1); err != nil {
					t.Fatal(err)
				}
				if !slices.Equal(probe.seen, c.want) {
					t.Errorf("%s, %d workers, run %d: told fresh %v, want %v", c.name, workers, run, probe.seen, c.want)
				}
				if g.fresh {
					t.Errorf("%s, %d workers: still told fresh after the run", c.name, workers)
				}
			}
			probe.seen = nil
			for step := range int64(3) { // by hand: never fresh
				net.Update(&bp.Context{DT: 0.1, Step: step, T: float64(step) * 0.1})
			}
			if slices.Contains(probe.seen, true) {
				t.Errorf("%s: told fresh in a loop by hand: %v", c.name, probe.seen)
			}
		}
	}
}
