package dyn

import (
	"testing"

	"github.com/braingo/braingo/bp"
)

// TestClearSkipsUntouchedZeroInput checks the contract of
// bp.UntouchedClearer on a LIF group with range sources: told that nothing
// writes its Input after its update, the clearing after an update that read
// only zeros does not touch Input (a write after the update, which the
// contract rules out, survives); not told, or after an update that read a
// non-zero input, the clearing zeroes Input. It also holds by parts.
func TestClearSkipsUntouchedZeroInput(t *testing.T) {
	g, err := NewLIF(300, LIFParams{VRest: -60, VReset: -60, VTh: -50, Tau: 20})
	if err != nil {
		t.Fatal(err)
	}
	g.AddSource(Bias(1))
	ctx := &bp.Context{DT: 0.1, Epoch: 1}
	for _, c := range []struct {
		name              string
		untouched, before bool // told untouched; Input set before the update
		parts             int
		wantKept          bool // the late write survives the clearing
	}{
		{"told, zero input", true, false, 1, true},
		{"told, zero input, 2 parts", true, false, 2, true},
		{"not told", false, false, 1, false},
		{"told, input read", true, true, 1, false},
		{"told, input read, 2 parts", true, true, 2, false},
	} {
		if c.before {
			g.Input[20] = 3 // in the same part as the late write
		}
		g.InputsUntouched(c.untouched)
		for part := range c.parts {
			g.UpdatePart(ctx, part, c.parts)
		}
		ctx.Step++
		g.Input[10] = 5 // after the update
		if c.parts == 1 {
			g.ClearInputs()
		} else {
			for part := range c.parts {
				g.ClearInputsPart(part, c.parts)
			}
		}
		if kept := g.Input[10] == 5; kept != c.wantKept {
			t.Errorf("%s: the write after the update kept = %v, want %v", c.name, kept, c.wantKept)
		}
		if !c.wantKept && (g.Input[10] != 0 || g.Input[20] != 0) {
			t.Errorf("%s: Input not cleared", c.name)
		}
		clear(g.Input)
		g.InputsUntouched(false)
	}
}
