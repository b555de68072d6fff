package dyn

import (
	"fmt"

	bm "github.com/braingo/braingo/bp/math"
)

// GapJunction is electrical (diffusive) coupling through gap junctions:
// each synapse pre → post of Conn, with conductance its weight g, adds
// g·(V_pre − V_post) to the input of post. It is a [bp.CurrentSource]
// registered on the postsynaptic group, evaluated with the potentials at
// the start of the step.
//
// Coupling is symmetric when Conn is: for cells of one group, use a
// symmetric Conn with pre = post; for two groups A and B, make one
// GapJunction A → B and one B → A over transposed connections.
type GapJunction struct {
	Pre, Post Neurons // the coupled groups (the same group for coupling within one)
	Conn      *bm.CSR // pre × post coupling conductances (the weights)
}

// NewGapJunction couples pre to post through conn (shape pre×post,
// weights = conductances) and registers the coupling on post.
func NewGapJunction(pre, post Neurons, conn *bm.CSR) (*GapJunction, error) {
	if pre == nil || post == nil || conn == nil {
		return nil, fmt.Errorf("%w: GapJunction needs pre, post and a connection, got a nil one", ErrSizeMismatch)
	}
	if err := conn.Validate(); err != nil {
		return nil, err
	}
	if conn.Rows != pre.Size() || conn.Cols != post.Size() {
		return nil, fmt.Errorf("%w: GapJunction from %d to %d neurons through a %d×%d connection", ErrSizeMismatch,
			pre.Size(), post.Size(), conn.Rows, conn.Cols)
	}
	g := &GapJunction{Pre: pre, Post: post, Conn: conn}
	post.AddSource(g)
	return g, nil
}

// AddCurrent adds Σ_pre g·(V_pre − v[post]) into dst[post].
func (g *GapJunction) AddCurrent(dst, v []float64) {
	c, vPre := g.Conn, g.Pre.Membrane()
	for i := range c.Rows {
		vi := vPre[i]
		lo, hi := c.Indptr[i], c.Indptr[i+1]
		for k := lo; k < hi; k++ {
			j := c.Indices[k]
			w := c.W
			if c.Weights != nil {
				w = c.Weights[k]
			}
			dst[j] += w * (vi - v[j])
		}
	}
}
