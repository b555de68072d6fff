package bp

import (
	"math"
	"testing"
)

// TestFirstNonFinite puts a NaN, +Inf or −Inf at every position of slices
// of several lengths (across the chunks and the unrolled tails) and
// requires its index, and −1 for finite slices with extreme values.
func TestFirstNonFinite(t *testing.T) {
	for _, n := range []int{0, 1, 3, 4, 7, 511, 512, 513, 1100} {
		x := make([]float64, n)
		for i := range x {
			x[i] = float64(i%7-3) * (math.MaxFloat64 / 4)
		}
		if got := firstNonFinite(x); got != -1 {
			t.Fatalf("n=%d finite: got %d, want -1", n, got)
		}
		for _, bad := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
			for i := range x {
				old := x[i]
				x[i] = bad
				if got := firstNonFinite(x); got != i {
					t.Fatalf("n=%d, %v at %d: got %d", n, bad, i, got)
				}
				x[i] = old
			}
		}
	}
}
