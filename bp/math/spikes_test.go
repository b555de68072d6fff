package bm

import "testing"

// TestNextSpikeAndCount compares the word-at-a-time scans with a plain loop
// on random vectors of every length up to 70 and densities from none to all.
func TestNextSpikeAndCount(t *testing.T) {
	r := NewRNG(5)
	for n := 0; n <= 70; n++ {
		for _, p := range []float64{0, 0.05, 0.5, 1} {
			s := make([]bool, n)
			var want []int
			for i := range s {
				if s[i] = r.Bernoulli(p); s[i] {
					want = append(want, i)
				}
			}
			var got []int
			for i := NextSpike(s, 0); i < n; i = NextSpike(s, i+1) {
				got = append(got, i)
			}
			if len(got) != len(want) {
				t.Fatalf("n=%d p=%g: NextSpike found %v, want %v", n, p, got, want)
			}
			for k := range got {
				if got[k] != want[k] {
					t.Fatalf("n=%d p=%g: NextSpike found %v, want %v", n, p, got, want)
				}
			}
			if c := CountSpikes(s); c != len(want) {
				t.Fatalf("n=%d p=%g: CountSpikes = %d, want %d", n, p, c, len(want))
			}
		}
	}
}
