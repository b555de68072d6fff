package bm

import (
	"errors"
	"math"
	"testing"

	"gonum.org/v1/gonum/mat"
)

func TestOrthogonal(t *testing.T) {
	r := NewRNG(31)
	const n, trials = 4, 20000
	var sum00, sumSq00 float64
	for trial := 0; trial < trials; trial++ {
		q, err := r.Orthogonal(n)
		if err != nil {
			t.Fatal(err)
		}
		if trial < 10 {
			var qtq mat.Dense
			qtq.Mul(q.T(), q)
			if !mat.EqualApprox(&qtq, eye(n), 1e-12) {
				t.Fatalf("QᵀQ != I:\n%v", mat.Formatted(&qtq))
			}
		}
		sum00 += q.At(0, 0)
		sumSq00 += q.At(0, 0) * q.At(0, 0)
	}
	// Under the Haar measure an entry has mean 0 and E[q²] = 1/n; without
	// the sign fix the diagonal of Q is biased towards positive values.
	mean, meanSq := sum00/trials, sumSq00/trials
	if se := math.Sqrt(1.0 / n / trials); math.Abs(mean) > 5*se {
		t.Errorf("mean of Q[0,0] = %.4f, want 0 ± %.4f", mean, 5*se)
	}
	// Var(q²) = E[q⁴] − 1/n² with E[q⁴] = 3/(n(n+2)).
	if se := math.Sqrt((3.0/(n*(n+2)) - 1.0/(n*n)) / trials); math.Abs(meanSq-1.0/n) > 5*se {
		t.Errorf("mean of Q[0,0]² = %.4f, want %.4f ± %.4f", meanSq, 1.0/n, 5*se)
	}
	if _, err := r.Orthogonal(0); !errors.Is(err, ErrParam) {
		t.Errorf("Orthogonal(0): err = %v, want ErrParam", err)
	}
}

func eye(n int) *mat.Dense {
	d := mat.NewDense(n, n, nil)
	for i := 0; i < n; i++ {
		d.Set(i, i, 1)
	}
	return d
}
