package bm

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"sync"
	"testing"
)

func TestJITProductsMatchDense(t *testing.T) {
	r := NewRNG(5)
	for _, law := range []WeightLaw{HomoWeight(0.3), UniformWeight(-1, 2), NormalWeight(0.5, 0.2)} {
		for _, p := range []float64{0, 0.03, 0.3, 1} {
			name := fmt.Sprintf("%v p=%v", law.Kind, p)
			j, err := NewJITConn(40, 60, p, law, 99)
			if err != nil {
				t.Fatal(err)
			}
			c, err := j.ToCSR()
			if err != nil {
				t.Fatal(err)
			}
			if err := c.Validate(); err != nil {
				t.Fatalf("%s: ToCSR is invalid: %v", name, err)
			}
			d := denseOf(c)
			x, y := make([]float64, j.Rows), make([]float64, j.Cols)
			r.NormalFill(x, 0, 1)
			r.NormalFill(y, 0, 1)
			spikes, xs := make([]bool, j.Rows), make([]float64, j.Rows)
			var idx []int32
			for i := range spikes {
				if spikes[i] = r.Bernoulli(0.2); spikes[i] {
					xs[i], idx = 1, append(idx, int32(i))
				}
			}
			atx, ay := denseProducts(d, j.Rows, j.Cols, x, y)
			ats, _ := denseProducts(d, j.Rows, j.Cols, xs, y)
			got, gotRows := make([]float64, j.Cols), make([]float64, j.Rows)
			j.MatVec(got, x)
			assertClose(t, name+" MatVec", got, atx, 1e-12)
			j.MulVec(gotRows, y)
			assertClose(t, name+" MulVec", gotRows, ay, 1e-12)
			clear(got)
			j.EventAdd(got, spikes)
			assertClose(t, name+" EventAdd", got, ats, 1e-12)
			clear(got)
			j.EventAddIdx(got, idx)
			assertClose(t, name+" EventAddIdx", got, ats, 1e-12)
			// Ranges covering the columns give EventAdd bit for bit.
			whole := slices.Clone(got)
			for _, cuts := range [][]int{{0, 60}, {0, 17, 60}, {0, 1, 30, 59, 60}} {
				clear(got)
				for k := 0; k+1 < len(cuts); k++ {
					if k%2 == 0 {
						j.EventAddRange(got, spikes, cuts[k], cuts[k+1])
					} else {
						j.EventAddIdxRange(got, idx, cuts[k], cuts[k+1])
					}
				}
				for c := range got {
					if got[c] != whole[c] {
						t.Fatalf("%s: ranges %v give column %d = %v, EventAdd %v", name, cuts, c, got[c], whole[c])
					}
				}
			}
			for i := 0; i < c.Rows; i++ { // columns come out strictly increasing
				if row := c.Indices[c.Indptr[i]:c.Indptr[i+1]]; !slices.IsSorted(row) || len(slices.Compact(slices.Clone(row))) != len(row) {
					t.Fatalf("%s: row %d columns %v not strictly increasing", name, i, row)
				}
			}
		}
	}
}

func TestJITIsDeterministic(t *testing.T) {
	a, _ := NewJITConn(30, 30, 0.2, NormalWeight(0, 1), 7)
	b, _ := NewJITConn(30, 30, 0.2, NormalWeight(0, 1), 7)
	c, _ := NewJITConn(30, 30, 0.2, NormalWeight(0, 1), 8)
	ca, _ := a.ToCSR()
	cb, _ := b.ToCSR()
	cc, _ := c.ToCSR()
	if !slices.Equal(ca.Indices, cb.Indices) || !slices.Equal(ca.Weights, cb.Weights) {
		t.Error("same seed gave different matrices")
	}
	if slices.Equal(ca.Indices, cc.Indices) {
		t.Error("seeds 7 and 8 gave the same connections")
	}
	// Regenerating a row after other rows gives it again.
	spikes := make([]bool, 30)
	spikes[3] = true
	first, again := make([]float64, 30), make([]float64, 30)
	a.EventAdd(first, spikes)
	a.EventAdd(make([]float64, 30), filled(30, true))
	a.EventAdd(again, spikes)
	assertClose(t, "row 3 regenerated", again, first, 0)
}

func TestJITClonesRunConcurrently(t *testing.T) {
	j, _ := NewJITConn(200, 300, 0.1, UniformWeight(0, 1), 4)
	want := make([]float64, j.Cols)
	j.MatVec(want, Ones(j.Rows))
	// Four goroutines each project a quarter of the rows with their own clone.
	parts := make([][]float64, 4)
	var wg sync.WaitGroup
	for g := range parts {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c, x := j.Clone(), make([]float64, j.Rows)
			for i := g; i < j.Rows; i += len(parts) {
				x[i] = 1
			}
			parts[g] = make([]float64, j.Cols)
			c.MatVec(parts[g], x)
		}()
	}
	wg.Wait()
	got := make([]float64, j.Cols)
	for _, p := range parts {
		for i, v := range p {
			got[i] += v
		}
	}
	assertClose(t, "sum of clone projections", got, want, 1e-12)
}

// filled returns a slice of n copies of v.
func filled[T any](n int, v T) []T {
	s := make([]T, n)
	for i := range s {
		s[i] = v
	}
	return s
}

func TestJITConnectionFractionAndWeights(t *testing.T) {
	const rows, cols = 400, 500
	for _, tc := range []struct {
		p              float64
		law            WeightLaw
		mean, variance float64
	}{
		{0.02, HomoWeight(1.5), 1.5, 0},
		{0.1, UniformWeight(-1, 3), 1, 16.0 / 12},
		{0.5, NormalWeight(2, 0.5), 2, 0.25},
		{0.001, HomoWeight(1), 1, 0},
	} {
		j, err := NewJITConn(rows, cols, tc.p, tc.law, 2025)
		if err != nil {
			t.Fatal(err)
		}
		c, err := j.ToCSR()
		if err != nil {
			t.Fatal(err)
		}
		// The number of synapses is Binomial(rows·cols, p): within 5 sd.
		n := float64(rows * cols)
		if mean, sd := n*tc.p, math.Sqrt(n*tc.p*(1-tc.p)); math.Abs(float64(c.NNZ())-mean) > 5*sd {
			t.Errorf("p=%v: %d synapses, want %.0f ± %.0f", tc.p, c.NNZ(), mean, 5*sd)
		}
		// Every column is hit as often: the column counts are Binomial(rows, p),
		// so their mean squared z-score is 1, with variance (2 + (1-6pq)/(rows·pq))/cols.
		counts := make([]float64, cols)
		for _, k := range c.Indices {
			counts[k]++
		}
		var z2 float64
		pq := tc.p * (1 - tc.p)
		for _, k := range counts {
			z := (k - rows*tc.p) / math.Sqrt(rows*pq)
			z2 += z * z
		}
		if sd := math.Sqrt((2 + (1-6*pq)/(rows*pq)) / cols); math.Abs(z2/cols-1) > 5*sd {
			t.Errorf("p=%v: mean squared column z-score %.3f, want 1 ± %.3f", tc.p, z2/cols, 5*sd)
		}
		if c.Weights == nil {
			if c.W != tc.mean {
				t.Errorf("homogeneous W = %v, want %v", c.W, tc.mean)
			}
			continue
		}
		m, s := Mean(c.Weights), Std(c.Weights)
		nw := float64(len(c.Weights))
		if math.Abs(m-tc.mean) > 5*math.Sqrt(tc.variance/nw) {
			t.Errorf("%v weights: mean %v, want %v", tc.law.Kind, m, tc.mean)
		}
		if math.Abs(s*s-tc.variance) > 0.05*tc.variance {
			t.Errorf("%v weights: variance %v, want %v ± 5%%", tc.law.Kind, s*s, tc.variance)
		}
	}
}

func TestNewJITConnRejectsBadInput(t *testing.T) {
	for name, tc := range map[string]struct {
		rows, cols int
		p          float64
		law        WeightLaw
	}{
		"negative rows":  {-1, 3, 0.1, HomoWeight(1)},
		"p > 1":          {3, 3, 1.5, HomoWeight(1)},
		"p NaN":          {3, 3, math.NaN(), HomoWeight(1)},
		"w Inf":          {3, 3, 0.1, HomoWeight(math.Inf(1))},
		"uniform lo>hi":  {3, 3, 0.1, UniformWeight(2, 1)},
		"normal sigma<0": {3, 3, 0.1, NormalWeight(0, -1)},
		"unknown law":    {3, 3, 0.1, WeightLaw{Kind: 7}},
	} {
		if _, err := NewJITConn(tc.rows, tc.cols, tc.p, tc.law, 1); !errors.Is(err, ErrParam) {
			t.Errorf("%s: err = %v, want ErrParam", name, err)
		}
	}
}
