package bm

import (
	"fmt"

	"gonum.org/v1/gonum/mat"
)

// Orthogonal returns an n×n orthogonal matrix drawn from the Haar (uniform)
// distribution on O(n), as BrainPy's random.orthogonal, for initialising
// recurrent and reservoir weights. It takes the QR factorisation of a matrix
// of standard normal draws and fixes the signs of R's diagonal (F. Mezzadri,
// Notices of the AMS 54 (2007) 592), without which Q is not uniform. It
// returns an error if n < 1.
func (r *RNG) Orthogonal(n int) (*mat.Dense, error) {
	if n < 1 {
		return nil, fmt.Errorf("%w: Orthogonal(%d): want n >= 1", ErrParam, n)
	}
	g := mat.NewDense(n, n, nil)
	r.NormalFill(g.RawMatrix().Data, 0, 1)
	var qr mat.QR
	qr.Factorize(g)
	var q, rr mat.Dense
	qr.QTo(&q)
	qr.RTo(&rr)
	for j := 0; j < n; j++ {
		if rr.At(j, j) < 0 {
			for i := 0; i < n; i++ {
				q.Set(i, j, -q.At(i, j))
			}
		}
	}
	return &q, nil
}
