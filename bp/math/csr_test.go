package bm

import (
	"errors"
	"fmt"
	"math"
	"slices"
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

// denseProducts returns the reference products with the dense matrix d
// (rows×cols): Aᵀx (len cols) and A·y (len rows).
func denseProducts(d *mat.Dense, rows, cols int, x, y []float64) (atx, ay []float64) {
	r, c := d.Dims()
	xv := mat.NewVecDense(r, nil)
	copy(xv.RawVector().Data, x)
	yv := mat.NewVecDense(c, nil)
	copy(yv.RawVector().Data, y)
	var out mat.VecDense
	out.MulVec(d.T(), xv)
	atx = append([]float64(nil), out.RawVector().Data[:cols]...)
	out.Reset()
	out.MulVec(d, yv)
	ay = append([]float64(nil), out.RawVector().Data[:rows]...)
	return atx, ay
}

// csrCases are the matrices every sparse product is checked on: general and
// homogeneous weights, empty and full, and one with duplicate synapses.
func csrCases(r *RNG) []*CSR {
	var cs []*CSR
	for _, tc := range []struct {
		rows, cols int
		p          float64
		homo       bool
	}{
		{7, 5, 0.4, false}, {7, 5, 0.4, true}, {30, 50, 0.1, false}, {50, 30, 0.2, true}, {4, 4, 0, false}, {3, 6, 1, true}, {1, 1, 1, false},
	} {
		cs = append(cs, randomCSR(r, tc.rows, tc.cols, tc.p, tc.homo, 0.7))
	}
	dup, err := CSRFromCOO(3, 3, []int{0, 2, 0, 1, 0}, []int{1, 2, 1, 0, 2}, []float64{1, 2, 3, 4, 5}, 0)
	if err != nil {
		panic(err)
	}
	return append(cs, dup)
}

func TestCSRProductsMatchDense(t *testing.T) {
	r := NewRNG(1)
	for n, c := range csrCases(r) {
		if err := c.Validate(); err != nil {
			t.Fatal(err)
		}
		d := denseOf(c)
		x, y := make([]float64, c.Rows), make([]float64, c.Cols)
		spikes, xs := make([]bool, c.Rows), make([]float64, c.Rows)
		var idx []int32
		r.NormalFill(x, 0, 1)
		r.NormalFill(y, 0, 1)
		for i := range spikes {
			spikes[i] = r.Bernoulli(0.3)
			if spikes[i] {
				xs[i] = 1
				idx = append(idx, int32(i))
			}
		}
		atx, ay := denseProducts(d, c.Rows, c.Cols, x, y)
		ats, _ := denseProducts(d, c.Rows, c.Cols, xs, y)
		csc := c.ToCSC()
		if err := csc.Validate(); err != nil {
			t.Fatalf("case %d: ToCSC gave an invalid CSC: %v", n, err)
		}
		got, gotRows := make([]float64, c.Cols), make([]float64, c.Rows)
		offset := Full(c.Cols, 0.5)
		plus := func(v []float64) []float64 {
			out := make([]float64, len(v))
			for i := range v {
				out[i] = v[i] + 0.5
			}
			return out
		}
		for _, check := range []struct {
			name string
			run  func()
			got  []float64
			want []float64
		}{
			{"CSR.MatVec", func() { c.MatVec(got, x) }, got, atx},
			{"CSR.MatVecAdd", func() { copy(got, offset); c.MatVecAdd(got, x) }, got, plus(atx)},
			{"CSR.MulVec", func() { c.MulVec(gotRows, y) }, gotRows, ay},
			{"CSR.EventAdd", func() { copy(got, offset); c.EventAdd(got, spikes) }, got, plus(ats)},
			{"CSR.EventAddIdx", func() { copy(got, offset); c.EventAddIdx(got, idx) }, got, plus(ats)},
			{"CSC.MatVec", func() { csc.MatVec(got, x) }, got, atx},
			{"CSC.EventAdd", func() { copy(got, offset); csc.EventAdd(got, spikes) }, got, plus(ats)},
			{"Transpose.MulVec", func() { c.Transpose().MulVec(got, x) }, got, atx},
			{"CSC.ToCSR.MatVec", func() { csc.ToCSR().MatVec(got, x) }, got, atx},
		} {
			check.run()
			assertClose(t, fmt.Sprintf("case %d %s", n, check.name), check.got, check.want, 1e-12)
		}
	}
}

func TestCSRConversionsRoundTrip(t *testing.T) {
	r := NewRNG(2)
	for n, c := range csrCases(r) {
		d := denseOf(c)
		if c.Rows > 0 && c.Cols > 0 && !mat.Equal(c.ToDense(), d) {
			t.Errorf("case %d: ToDense differs from the entry-by-entry matrix", n)
		}
		pre, post, w := c.ToCOO()
		back, err := CSRFromCOO(c.Rows, c.Cols, pre, post, w, c.W)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(back.Indptr, c.Indptr) || !slices.Equal(back.Indices, c.Indices) || !slices.Equal(back.Weights, c.Weights) {
			t.Errorf("case %d: COO round trip changed the CSR", n)
		}
		if !mat.EqualApprox(CSRFromDense(d).ToDense(), d, 0) {
			t.Errorf("case %d: dense round trip changed the matrix", n)
		}
		if c.Weights == nil {
			fromLists, err := CSRFromPre2Post(c.Cols, c.Pre2Post(), c.W)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(fromLists.Indices, c.Indices) || !slices.Equal(fromLists.Indptr, c.Indptr) {
				t.Errorf("case %d: Pre2Post round trip changed the CSR", n)
			}
		}
		// Row agrees with the COO lists.
		for i := 0; i < c.Rows; i++ {
			post1, w1 := c.Row(i)
			var wantPost []int32
			var wantW []float64
			for k := range pre {
				if int(pre[k]) == i {
					wantPost = append(wantPost, post[k])
					if w != nil {
						wantW = append(wantW, w[k])
					}
				}
			}
			if !slices.Equal(post1, wantPost) || !slices.Equal(w1, wantW) {
				t.Errorf("case %d: Row(%d) = %v, %v; want %v, %v", n, i, post1, w1, wantPost, wantW)
			}
		}
		// Post2Pre and Post2Syn agree with the COO lists.
		p2p := c.Post2Pre()
		indptr, syn := c.Post2Syn()
		for j := 0; j < c.Cols; j++ {
			var want []int32
			for k := range pre {
				if int(post[k]) == j {
					want = append(want, pre[k])
				}
			}
			if !slices.Equal(p2p[j], want) {
				t.Errorf("case %d: Post2Pre[%d] = %v, want %v", n, j, p2p[j], want)
			}
			for q, k := range syn[indptr[j]:indptr[j+1]] {
				if int(c.Indices[k]) != j || pre[k] != want[q] {
					t.Errorf("case %d: Post2Syn[%d] lists synapse %d (%d → %d)", n, j, k, pre[k], c.Indices[k])
				}
			}
		}
	}
}

func TestPre2SynSyn2Post(t *testing.T) {
	r := NewRNG(4)
	for n, c := range csrCases(r) {
		pre, post, _ := c.ToCOO()
		x, s := make([]float64, c.Rows), make([]float64, c.NNZ())
		r.NormalFill(x, 0, 1)
		r.NormalFill(s, 0, 1)
		got, want := make([]float64, c.NNZ()), make([]float64, c.NNZ())
		c.Pre2Syn(got, x)
		for k := range want {
			want[k] = x[pre[k]]
		}
		assertClose(t, fmt.Sprintf("case %d Pre2Syn", n), got, want, 0)
		gotPost, wantPost := Full(c.Cols, 1), Full(c.Cols, 1)
		c.Syn2Post(gotPost, s)
		for k := range s {
			wantPost[post[k]] += s[k]
		}
		assertClose(t, fmt.Sprintf("case %d Syn2Post", n), gotPost, wantPost, 1e-14)
	}
}

func TestCSRFromCOORejectsBadInput(t *testing.T) {
	for name, err := range map[string]error{
		"lengths":    second(CSRFromCOO(2, 2, []int{0, 1}, []int{0}, nil, 1)),
		"weights":    second(CSRFromCOO(2, 2, []int{0}, []int{0}, []float64{1, 2}, 1)),
		"pre range":  second(CSRFromCOO(2, 2, []int{2}, []int{0}, nil, 1)),
		"post range": second(CSRFromCOO(2, 2, []int32{0}, []int32{-1}, nil, 1)),
		"size":       second(CSRFromCOO(-1, 2, []int{}, []int{}, nil, 1)),
		"pre2post":   second(CSRFromPre2Post(3, [][]int{{0, 3}}, 1)),
		"CSC Syn":    (&CSC{Rows: 1, Cols: 1, Indptr: []int32{0, 1}, Indices: []int32{0}, Syn: []int32{0, 0}}).Validate(),
		"CSC indptr": (&CSC{Rows: 1, Cols: 2, Indptr: []int32{0, 1}, Indices: []int32{0}}).Validate(),
		"CSC index":  (&CSC{Rows: 1, Cols: 1, Indptr: []int32{0, 1}, Indices: []int32{1}}).Validate(),
	} {
		if !errors.Is(err, ErrShape) {
			t.Errorf("%s: err = %v, want ErrShape", name, err)
		}
	}
}

// assertPanics checks that each named call panics.
func assertPanics(t *testing.T, calls map[string]func()) {
	t.Helper()
	for name, f := range calls {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s: no panic", name)
				}
			}()
			f()
		}()
	}
}

func second[T any](_ T, err error) error { return err }

func TestCSRProductsPanicOnBadLengths(t *testing.T) {
	c, _ := CSRFromCOO(2, 3, []int{0}, []int{2}, nil, 1)
	assertPanics(t, map[string]func(){
		"MatVec dst":  func() { c.MatVec(make([]float64, 2), make([]float64, 2)) },
		"MatVec x":    func() { c.MatVec(make([]float64, 3), make([]float64, 3)) },
		"MulVec":      func() { c.MulVec(make([]float64, 3), make([]float64, 3)) },
		"EventAdd":    func() { c.EventAdd(make([]float64, 3), make([]bool, 3)) },
		"EventAddIdx": func() { c.EventAddIdx(make([]float64, 3), []int32{2}) },
		"Pre2Syn":     func() { c.Pre2Syn(make([]float64, 2), make([]float64, 2)) },
		"Syn2Post":    func() { c.Syn2Post(make([]float64, 3), make([]float64, 2)) },
		"CSC":         func() { c.ToCSC().EventAdd(make([]float64, 2), make([]bool, 2)) },
	})
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
