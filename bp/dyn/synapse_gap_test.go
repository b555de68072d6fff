package dyn

import (
	"errors"
	"math"
	"testing"

	"github.com/braingo/braingo/bp"
	bm "github.com/braingo/braingo/bp/math"
)

func TestGapJunctionEquilibrium(t *testing.T) {
	// Two passive cells, τ dV/dt = −V + I_k + g(V_other − V), I = (10, 0),
	// g = 0.5: equilibrium V1 = ((1+g)I1 + gI2)/(1+2g) = 7.5, V2 = 2.5.
	const g, i1 = 0.5, 10.0
	want := []float64{(1 + g) * i1 / (1 + 2*g), g * i1 / (1 + 2*g)}

	// One group of two cells with a symmetric connection.
	pair, _ := NewLeakyIntegrator(2, LeakyParams{})
	c, _ := ConnAllToAll(2, 2, true)
	c.W = g
	if _, err := NewGapJunction(pair, pair, c); err != nil {
		t.Fatal(err)
	}
	// Two groups of one cell, coupled both ways.
	a, _ := NewLeakyIntegrator(1, LeakyParams{})
	b, _ := NewLeakyIntegrator(1, LeakyParams{})
	one, _ := bm.NewCSR(1, 1, []int32{0, 1}, []int32{0}, nil, g)
	if _, err := NewGapJunction(a, b, one); err != nil {
		t.Fatal(err)
	}
	if _, err := NewGapJunction(b, a, one); err != nil {
		t.Fatal(err)
	}
	ctx := &bp.Context{DT: 0.1}
	for k := range 5000 { // 500 ms = 50 τ
		ctx.T = float64(k) * 0.1
		pair.Input[0], a.Input[0] = i1, i1
		pair.Update(ctx)
		a.Update(ctx)
		b.Update(ctx)
		pair.ClearInputs()
		a.ClearInputs()
	}
	got := [][]float64{pair.V, {a.V[0], b.V[0]}}
	for n, v := range got {
		for k := range want {
			if math.Abs(v[k]-want[k]) > 1e-9 {
				t.Errorf("layout %d: V%d = %v, equilibrium %v", n, k+1, v[k], want[k])
			}
		}
	}
	if _, err := NewGapJunction(pair, a, c); !errors.Is(err, ErrSizeMismatch) {
		t.Errorf("2×2 connection between 2 and 1 cells: err = %v", err)
	}
}
