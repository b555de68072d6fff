package bm

import (
	"errors"
	"math"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// randomCSR builds a rows×cols CSR with connection probability p; with
// homo the weights are nil and W = w.
func randomCSR(r *RNG, rows, cols int, p float64, homo bool, w float64) *CSR {
	c := &CSR{Rows: rows, Cols: cols, Indptr: make([]int32, rows+1), W: w}
	for i := 0; i < rows; i++ {
		for j := 0; j < cols; j++ {
			if r.Bernoulli(p) {
				c.Indices = append(c.Indices, int32(j))
				if !homo {
					c.Weights = append(c.Weights, r.Normal(0, 1))
				}
			}
		}
		c.Indptr[i+1] = int32(len(c.Indices))
	}
	return c
}

// denseOf is the reference dense matrix of c, built entry by entry.
func denseOf(c *CSR) *mat.Dense {
	d := mat.NewDense(max(c.Rows, 1), max(c.Cols, 1), nil)
	for i := 0; i < c.Rows; i++ {
		for k := c.Indptr[i]; k < c.Indptr[i+1]; k++ {
			j := int(c.Indices[k])
			d.Set(i, j, d.At(i, j)+c.weight(k))
		}
	}
	return d
}

func assertClose(t *testing.T, what string, got, want []float64, tol float64) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: length %d, want %d", what, len(got), len(want))
	}
	for i := range got {
		if math.Abs(got[i]-want[i]) > tol*(1+math.Abs(want[i])) {
			t.Fatalf("%s[%d] = %v, want %v (tol %g)", what, i, got[i], want[i], tol)
		}
	}
}

func TestCSRProductsMatchDense(t *testing.T) {
	r := NewRNG(1)
	for _, tc := range []struct {
		rows, cols int
		p          float64
		homo       bool
	}{
		{7, 5, 0.4, false}, {7, 5, 0.4, true}, {30, 50, 0.1, false}, {50, 30, 0.2, true}, {4, 4, 0, false}, {3, 6, 1, true},
	} {
		c := randomCSR(r, tc.rows, tc.cols, tc.p, tc.homo, 0.7)
		if err := c.Validate(); err != nil {
			t.Fatal(err)
		}
		d := denseOf(c)
		x := make([]float64, tc.rows)
		spikes := make([]bool, tc.rows)
		xs := make([]float64, tc.rows)
		for i := range x {
			x[i] = r.Normal(0, 1)
			spikes[i] = r.Bernoulli(0.3)
			if spikes[i] {
				xs[i] = 1
			}
		}
		want := mat.NewVecDense(d.RawMatrix().Cols, nil)
		want.MulVec(d.T(), mat.NewVecDense(len(x), x))
		got := make([]float64, tc.cols)
		c.MatVec(got, x)
		assertClose(t, "MatVec", got, want.RawVector().Data[:tc.cols], 1e-12)

		want.MulVec(d.T(), mat.NewVecDense(len(xs), xs))
		clear(got)
		c.EventAdd(got, spikes)
		assertClose(t, "EventAdd", got, want.RawVector().Data[:tc.cols], 1e-12)
	}
}

func TestNewCSRRejectsBadInput(t *testing.T) {
	for name, tc := range map[string]struct {
		rows, cols int
		indptr     []int32
		indices    []int32
		weights    []float64
	}{
		"short indptr":    {2, 3, []int32{0, 1}, []int32{0}, nil},
		"indptr[0] != 0":  {1, 3, []int32{1, 1}, []int32{0}, nil},
		"decreasing":      {2, 3, []int32{0, 2, 1}, []int32{0, 1}, nil},
		"end mismatch":    {1, 3, []int32{0, 1}, []int32{0, 1}, nil},
		"index too large": {1, 3, []int32{0, 1}, []int32{3}, nil},
		"negative index":  {1, 3, []int32{0, 1}, []int32{-1}, nil},
		"weights length":  {1, 3, []int32{0, 1}, []int32{2}, []float64{1, 2}},
		"negative rows":   {-1, 3, []int32{0}, nil, nil},
	} {
		_, err := NewCSR(tc.rows, tc.cols, tc.indptr, tc.indices, tc.weights, 1)
		if !errors.Is(err, ErrShape) {
			t.Errorf("%s: err = %v, want ErrShape", name, err)
		}
	}
}
