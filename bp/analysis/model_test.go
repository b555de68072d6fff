package analysis

import (
	"errors"
	"math"
	"testing"
)

func TestModelHelpers(t *testing.T) {
	// A 3-D linear model with an analytic Jacobian; holding y leaves the
	// (x, z) block, with y a parameter.
	a := []float64{-1, 2, 0.5, 0.3, -2, 1, 0, 4, -3}
	m := Model{
		Vars: []string{"x", "y", "z"},
		F: func(dst, v []float64, _ Params) {
			for i := range 3 {
				dst[i] = a[3*i]*v[0] + a[3*i+1]*v[1] + a[3*i+2]*v[2]
			}
		},
		Jacobian: func(j, _ []float64, _ Params) { copy(j, a) },
	}
	sub, err := m.Hold(map[string]float64{"y": 2})
	if err != nil {
		t.Fatal(err)
	}
	if len(sub.Vars) != 2 || sub.Vars[0] != "x" || sub.Vars[1] != "z" || sub.Params["y"] != 2 {
		t.Fatalf("held model: vars %v, params %v", sub.Vars, sub.Params)
	}
	dst, jac := make([]float64, 2), make([]float64, 4)
	sub.F(dst, []float64{1, 1}, sub.Params)
	if dst[0] != -1+4+0.5 || dst[1] != 0+8-3 {
		t.Errorf("held F = %v", dst)
	}
	sub.Jacobian(jac, []float64{1, 1}, sub.Params)
	if jac[0] != -1 || jac[1] != 0.5 || jac[2] != 0 || jac[3] != -3 {
		t.Errorf("held Jacobian = %v, want [-1 0.5 0 -3]", jac)
	}
	x, err := m.State(map[string]float64{"x": 1, "y": 2, "z": 3})
	if err != nil || x[0] != 1 || x[1] != 2 || x[2] != 3 {
		t.Errorf("State = %v, %v", x, err)
	}
	if _, err := m.State(map[string]float64{"x": 1, "y": 2}); !errors.Is(err, ErrBadSettings) {
		t.Errorf("State without z: %v", err)
	}
	// FromFunc wraps an integrate.Func-style derivative.
	f := FromFunc([]string{"u"}, func(dst []float64, _ float64, x []float64) { dst[0] = math.Cos(x[0]) })
	pl, err := PhasePlane1D(f, Axis{Name: "u", Min: 0, Max: 3}, PhasePlane1DSettings{})
	if err != nil || len(pl.Fixed) != 1 || math.Abs(pl.Fixed[0].X[0]-math.Pi/2) > 1e-14 || pl.Fixed[0].Class != StablePoint {
		t.Errorf("cos u on [0, 3]: %+v, %v; want a stable point at π/2", pl, err)
	}
	// Validation names the fault.
	for _, bad := range []Model{
		{Vars: []string{"x", "x"}, F: m.F},
		{Vars: []string{"x"}},
		{Vars: []string{"x"}, Params: Params{"x": 1}, F: m.F},
		{Vars: []string{"x"}, Params: Params{"p": math.NaN()}, F: m.F},
	} {
		if err := bad.Validate(); !errors.Is(err, ErrBadModel) {
			t.Errorf("%+v: %v", bad.Vars, err)
		}
	}
}
