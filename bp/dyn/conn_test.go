package dyn

import (
	"errors"
	"math"
	"testing"

	bm "github.com/braingo/braingo/bp/math"
	"gonum.org/v1/gonum/mat"
)

// connCheck validates c and reports duplicate or self connections.
func connCheck(t *testing.T, name string, c *bm.CSR, noSelf bool) {
	t.Helper()
	if err := c.Validate(); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	for i := range c.Rows {
		row := c.Indices[c.Indptr[i]:c.Indptr[i+1]]
		for k, j := range row {
			if k > 0 && row[k-1] >= j {
				t.Fatalf("%s: row %d not strictly increasing: %v", name, i, row)
			}
			if noSelf && int(j) == i {
				t.Fatalf("%s: self connection %d", name, i)
			}
		}
	}
}

func rowLen(c *bm.CSR, i int) int { return int(c.Indptr[i+1] - c.Indptr[i]) }

func colCounts(c *bm.CSR) []int {
	n := make([]int, c.Cols)
	for _, j := range c.Indices {
		n[j]++
	}
	return n
}

func symmetric(c *bm.CSR) bool {
	d := c.ToDense()
	r, _ := d.Dims()
	for i := range r {
		for j := range r {
			if d.At(i, j) != d.At(j, i) {
				return false
			}
		}
	}
	return true
}

func TestConnFixedProb(t *testing.T) {
	const pre, post, p = 400, 500, 0.05
	c, err := ConnFixedProb(pre, post, p, ConnOptions{ExcludeSelf: true, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	connCheck(t, "FixedProb", c, true)
	mean := p * float64(pre*post-pre)
	if sd := math.Sqrt(mean * (1 - p)); math.Abs(float64(c.NNZ())-mean) > 4*sd {
		t.Errorf("FixedProb: %d synapses, expected %.0f ± %.0f", c.NNZ(), mean, 4*sd)
	}
	// Column counts are binomial(pre, p): check their variance too.
	var s, s2 float64
	for _, k := range colCounts(c) {
		s += float64(k)
		s2 += float64(k * k)
	}
	m := s / post
	if v := s2/post - m*m; math.Abs(v-m*(1-p)) > 0.2*m {
		t.Errorf("FixedProb: in-degree variance %v, binomial %v", v, m*(1-p))
	}
	again, _ := ConnFixedProb(pre, post, p, ConnOptions{ExcludeSelf: true, Seed: 1})
	if again.NNZ() != c.NNZ() || again.Indices[100] != c.Indices[100] {
		t.Error("FixedProb: same seed, different structure")
	}
	all, _ := ConnAllToAll(5, 5, true)
	if all.NNZ() != 20 {
		t.Errorf("AllToAll 5×5 without self: %d synapses, want 20", all.NNZ())
	}
	none, _ := ConnFixedProb(5, 5, 0, ConnOptions{})
	one, _ := ConnOneToOne(7)
	if none.NNZ() != 0 || one.NNZ() != 7 || one.Indices[3] != 3 {
		t.Errorf("p = 0: %d synapses; one-to-one: %v", none.NNZ(), one.Indices)
	}
	for _, bad := range []float64{-0.1, 1.5, math.NaN()} {
		if _, err := ConnFixedProb(3, 3, bad, ConnOptions{}); !errors.Is(err, ErrConn) {
			t.Errorf("p = %v: err = %v, want ErrConn", bad, err)
		}
	}
}

func TestConnFixedNumbers(t *testing.T) {
	o := ConnOptions{ExcludeSelf: true, Seed: 5}
	post, _ := ConnFixedPostNum(50, 40, 10, o)
	connCheck(t, "FixedPostNum", post, true)
	for i := range 50 {
		if rowLen(post, i) != 10 {
			t.Fatalf("FixedPostNum: row %d has %d synapses, want 10", i, rowLen(post, i))
		}
	}
	pre, _ := ConnFixedPreNum(50, 40, 12, o)
	connCheck(t, "FixedPreNum", pre, true)
	for j, k := range colCounts(pre) {
		if k != 12 {
			t.Fatalf("FixedPreNum: post %d has %d inputs, want 12", j, k)
		}
	}
	tot, _ := ConnFixedTotalNum(30, 30, 300, o)
	connCheck(t, "FixedTotalNum", tot, true)
	if tot.NNZ() != 300 {
		t.Errorf("FixedTotalNum: %d synapses, want 300", tot.NNZ())
	}
	// FixedPostNum draws targets uniformly: each post neuron gets about
	// 50·10/40 = 12.5 inputs on average over many seeds.
	counts := make([]int, 40)
	for s := range uint64(40) {
		c, _ := ConnFixedPostNum(50, 40, 10, ConnOptions{Seed: s})
		for j, k := range colCounts(c) {
			counts[j] += k
		}
	}
	for j, k := range counts {
		if math.Abs(float64(k)/40-12.5) > 2.5 {
			t.Errorf("FixedPostNum: post %d got %.1f inputs per draw, want 12.5", j, float64(k)/40)
		}
	}
	for name, err := range map[string]error{
		"post k > n":  second(ConnFixedPostNum(5, 5, 5, o)),
		"pre k < 0":   second(ConnFixedPreNum(5, 5, -1, o)),
		"total > all": second(ConnFixedTotalNum(3, 3, 7, o)),
		"negative":    second(ConnFixedProb(-1, 3, 0.5, o)),
	} {
		if !errors.Is(err, ErrConn) {
			t.Errorf("%s: err = %v, want ErrConn", name, err)
		}
	}
}

func TestConnGrids(t *testing.T) {
	four, _ := ConnGridFour(5, 6, false, false)
	connCheck(t, "GridFour", four, true)
	// Corners have 2 neighbours, other border neurons 3, interior ones 4.
	for k, want := range map[int]int{0: 2, 5: 2, 3: 3, 6: 3, 7: 4, 29: 2} {
		if got := rowLen(four, k); got != want {
			t.Errorf("GridFour 5×6: neuron %d has %d neighbours, want %d", k, got, want)
		}
	}
	if four.NNZ() != 2*(5*5+4*6) {
		t.Errorf("GridFour 5×6: %d links, want %d", four.NNZ(), 2*(5*5+4*6))
	}
	torus, _ := ConnGridEight(5, 6, true, true)
	eight, _ := ConnGridEight(5, 6, false, false)
	n2, _ := ConnGridN(7, 7, 2, false, false)
	for _, tc := range []struct {
		name string
		c    *bm.CSR
		k    int
		want int
	}{
		{"GridEight torus with self", torus, 0, 9},
		{"GridEight corner", eight, 0, 3},
		{"GridEight interior", eight, 7, 8},
		{"GridN(2) centre", n2, 24, 24},
		{"GridN(2) corner", n2, 0, 8},
	} {
		if got := rowLen(tc.c, tc.k); got != tc.want {
			t.Errorf("%s: %d links, want %d", tc.name, got, tc.want)
		}
	}
	if !symmetric(four) || !symmetric(torus) || !symmetric(n2) {
		t.Error("grid connectivity is not symmetric")
	}
	if _, err := ConnGridN(3, 3, 0, false, false); !errors.Is(err, ErrConn) {
		t.Errorf("GridN radius 0: err = %v", err)
	}
	if _, err := ConnGridFour(0, 3, false, false); !errors.Is(err, ErrConn) {
		t.Errorf("GridFour 0×3: err = %v", err)
	}
}

func TestConnGaussianProb(t *testing.T) {
	const rows, cols, sigma = 20, 20, 2.0
	// Expected number of links: Σ over ordered pairs of exp(-d²/2σ²), on a torus.
	want := 0.0
	for di := -rows / 2; di < rows/2; di++ {
		for dj := -cols / 2; dj < cols/2; dj++ {
			if di != 0 || dj != 0 {
				want += math.Exp(-float64(di*di+dj*dj) / (2 * sigma * sigma))
			}
		}
	}
	want *= rows * cols
	c, err := ConnGaussianProb(rows, cols, sigma, true, ConnOptions{ExcludeSelf: true, Seed: 2})
	if err != nil {
		t.Fatal(err)
	}
	connCheck(t, "GaussianProb", c, true)
	if math.Abs(float64(c.NNZ())-want) > 4*math.Sqrt(want) {
		t.Errorf("GaussianProb: %d links, expected %.0f", c.NNZ(), want)
	}
	if _, err := ConnGaussianProb(3, 3, -1, false, ConnOptions{}); !errors.Is(err, ErrConn) {
		t.Errorf("sigma < 0: err = %v", err)
	}
}

func TestConnSmallWorldScaleFree(t *testing.T) {
	ring, _ := ConnSmallWorld(100, 6, 0, 1)
	connCheck(t, "SmallWorld p=0", ring, true)
	for i := range 100 {
		if rowLen(ring, i) != 6 {
			t.Fatalf("ring lattice: neuron %d has %d links, want 6", i, rowLen(ring, i))
		}
	}
	sw, _ := ConnSmallWorld(100, 6, 0.2, 1)
	connCheck(t, "SmallWorld", sw, true)
	if sw.NNZ() != 600 || !symmetric(sw) {
		t.Errorf("SmallWorld: %d directed links (want 600, rewiring keeps the count), symmetric %v", sw.NNZ(), symmetric(sw))
	}
	// About a fifth of the lattice links are rewired away.
	kept := 0
	for i := range 100 {
		for _, j := range sw.Indices[sw.Indptr[i]:sw.Indptr[i+1]] {
			if d := min((int(j)-i+100)%100, (i-int(j)+100)%100); d <= 3 {
				kept++
			}
		}
	}
	if f := 1 - float64(kept)/600; math.Abs(f-0.2) > 0.08 {
		t.Errorf("SmallWorld: %.2f of the links rewired, want ≈ 0.2", f)
	}
	const n, m = 1000, 3
	ba, _ := ConnScaleFreeBA(n, m, 4)
	connCheck(t, "ScaleFreeBA", ba, true)
	if ba.NNZ() != 2*m*(n-m) || !symmetric(ba) {
		t.Errorf("ScaleFreeBA: %d entries (want %d), symmetric %v", ba.NNZ(), 2*m*(n-m), symmetric(ba))
	}
	maxDeg := 0
	for i := m; i < n; i++ {
		if rowLen(ba, i) < m {
			t.Fatalf("ScaleFreeBA: neuron %d has degree %d < m", i, rowLen(ba, i))
		}
	}
	for i := range n {
		maxDeg = max(maxDeg, rowLen(ba, i))
	}
	// Preferential attachment grows hubs: the largest degree is of order
	// m·√n ≈ 95, far above the mean 2m = 6 (an Erdős–Rényi graph would stay near 15).
	if maxDeg < 40 {
		t.Errorf("ScaleFreeBA: largest degree %d, expected hubs (≳ 40)", maxDeg)
	}
	for name, err := range map[string]error{
		"odd k":  second(ConnSmallWorld(10, 3, 0.1, 1)),
		"p > 1":  second(ConnSmallWorld(10, 2, 1.1, 1)),
		"m >= n": second(ConnScaleFreeBA(3, 3, 1)),
	} {
		if !errors.Is(err, ErrConn) {
			t.Errorf("%s: err = %v, want ErrConn", name, err)
		}
	}
}

func TestConnFromUser(t *testing.T) {
	m := mat.NewDense(2, 3, []float64{0, 2, 0, -1, 0, 5})
	c := ConnFromMatrix(m)
	connCheck(t, "FromMatrix", c, false)
	ij, err := ConnFromIJ(2, 3, []int{1, 0, 1}, []int{2, 1, 0})
	if err != nil {
		t.Fatal(err)
	}
	raw, err := ConnFromCSR(2, 3, []int32{0, 1, 3}, []int32{1, 0, 2})
	if err != nil {
		t.Fatal(err)
	}
	for name, x := range map[string]*bm.CSR{"FromMatrix": c, "FromIJ": ij, "FromCSR": raw} {
		d := x.ToDense()
		for i := range 2 {
			for j := range 3 {
				want := 0.0
				if m.At(i, j) != 0 {
					want = 1
				}
				if d.At(i, j) != want {
					t.Errorf("%s: [%d,%d] = %v, want %v", name, i, j, d.At(i, j), want)
				}
			}
		}
	}
	if _, err := ConnFromIJ(2, 3, []int{0, 2}, []int{0, 0}); !errors.Is(err, ErrConn) {
		t.Errorf("IJ index out of range: err = %v", err)
	}
	if _, err := ConnFromCSR(2, 3, []int32{0, 1}, []int32{0}); err == nil {
		t.Error("CSR with a short indptr: no error")
	}
}

// TestConnSeeded checks that every random builder is reproducible: the same
// seed gives the same structure, another seed another one; and the
// all-to-all counts with and without self connections.
func TestConnSeeded(t *testing.T) {
	o := func(seed uint64) ConnOptions { return ConnOptions{Seed: seed} }
	builders := map[string]func(seed uint64) (*bm.CSR, error){
		"FixedProb":     func(s uint64) (*bm.CSR, error) { return ConnFixedProb(60, 50, 0.1, o(s)) },
		"FixedPostNum":  func(s uint64) (*bm.CSR, error) { return ConnFixedPostNum(60, 50, 5, o(s)) },
		"FixedPreNum":   func(s uint64) (*bm.CSR, error) { return ConnFixedPreNum(60, 50, 5, o(s)) },
		"FixedTotalNum": func(s uint64) (*bm.CSR, error) { return ConnFixedTotalNum(60, 50, 300, o(s)) },
		"GaussianProb":  func(s uint64) (*bm.CSR, error) { return ConnGaussianProb(8, 8, 2, false, o(s)) },
		"SmallWorld":    func(s uint64) (*bm.CSR, error) { return ConnSmallWorld(60, 4, 0.3, s) },
		"ScaleFreeBA":   func(s uint64) (*bm.CSR, error) { return ConnScaleFreeBA(60, 2, s) },
	}
	same := func(a, b *bm.CSR) bool {
		if a.NNZ() != b.NNZ() {
			return false
		}
		for k := range a.Indices {
			if a.Indices[k] != b.Indices[k] {
				return false
			}
		}
		for k := range a.Indptr {
			if a.Indptr[k] != b.Indptr[k] {
				return false
			}
		}
		return true
	}
	for name, build := range builders {
		a, err := build(7)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		b, _ := build(7)
		c, _ := build(8)
		if !same(a, b) {
			t.Errorf("%s: the same seed gave different connections", name)
		}
		if same(a, c) {
			t.Errorf("%s: seeds 7 and 8 gave the same connections", name)
		}
	}
	with, _ := ConnAllToAll(5, 5, false)
	without, _ := ConnAllToAll(5, 5, true)
	if with.NNZ() != 25 || without.NNZ() != 20 {
		t.Errorf("all-to-all 5×5: %d synapses with self (want 25), %d without (want 20)", with.NNZ(), without.NNZ())
	}
	connCheck(t, "AllToAll without self", without, true)
}
