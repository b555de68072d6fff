package dyn

import (
	"errors"
	"fmt"
	"math"
	"slices"

	bm "github.com/braingo/braingo/bp/math"
	"gonum.org/v1/gonum/mat"
)

// Connectivity builders return the structure of a connection as a
// [bm.CSR] with rows = presynaptic neurons, homogeneous weight W = 1 and
// indices sorted within each row; set W or Weights afterwards (see
// [InitCSR]). Random builders take a seed: the same seed gives the same
// structure. User-supplied structures come in through ConnFromMatrix,
// ConnFromIJ and ConnFromCSR (BrainPy's MatConn, IJConn and CSRConn); to
// keep the weights of a matrix, use bm.CSRFromDense instead.

// ErrConn is wrapped by the errors connectivity builders return for a
// parameter outside its range (a probability outside [0, 1], more
// connections than neurons, ...).
var ErrConn = errors.New("dyn: bad connectivity parameter")

// ConnOptions are the options of the random builders. The zero value is
// BrainPy's default: self connections allowed, seed 0.
type ConnOptions struct {
	// ExcludeSelf drops the connections i → i (meaningful when pre and
	// post are the same group).
	ExcludeSelf bool
	// Seed seeds the builder's random numbers.
	Seed uint64
}

// connSizes checks the group sizes of a builder.
func connSizes(what string, pre, post int) error {
	if pre < 0 || post < 0 || pre > math.MaxInt32 || post > math.MaxInt32 {
		return fmt.Errorf("%w: %s between %d and %d neurons; sizes must be in [0, 2^31)", ErrConn, what, pre, post)
	}
	return nil
}

// csrFromRows builds the CSR of the given per-row index lists (sorting
// each), with W = 1.
func csrFromRows(cols int, rows [][]int32) *bm.CSR {
	indptr := make([]int32, len(rows)+1)
	n := 0
	for i, r := range rows {
		n += len(r)
		indptr[i+1] = int32(n)
	}
	indices := make([]int32, 0, n)
	for _, r := range rows {
		slices.Sort(r)
		indices = append(indices, r...)
	}
	return &bm.CSR{Rows: len(rows), Cols: cols, Indptr: indptr, Indices: indices, W: 1}
}

// ConnFromMatrix connects pre i to post j wherever m[i, j] is non-zero
// (the structure of m; the weights are set to W = 1).
func ConnFromMatrix(m mat.Matrix) *bm.CSR {
	c := bm.CSRFromDense(m)
	c.Weights, c.W = nil, 1
	return c
}

// ConnFromIJ connects pre[k] → post[k] for every k, on a nPre×nPost layer
// (indices sorted within rows, W = 1). It returns an error for lists of
// different lengths or indices out of range.
func ConnFromIJ(nPre, nPost int, pre, post []int) (*bm.CSR, error) {
	if len(pre) != len(post) {
		return nil, fmt.Errorf("%w: %d pre and %d post indices; they must pair up", ErrConn, len(pre), len(post))
	}
	if err := connSizes("IJ", nPre, nPost); err != nil {
		return nil, err
	}
	rows := make([][]int32, nPre)
	for k, i := range pre {
		j := post[k]
		if i < 0 || i >= nPre || j < 0 || j >= nPost {
			return nil, fmt.Errorf("%w: connection %d is %d → %d, outside %d×%d", ErrConn, k, i, j, nPre, nPost)
		}
		rows[i] = append(rows[i], int32(j))
	}
	return csrFromRows(nPost, rows), nil
}

// ConnFromCSR checks and wraps CSR parts (indptr of length nPre+1,
// post indices), with W = 1.
func ConnFromCSR(nPre, nPost int, indptr, indices []int32) (*bm.CSR, error) {
	return bm.NewCSR(nPre, nPost, indptr, indices, nil, 1)
}

// ConnOneToOne connects i → i for i < n.
func ConnOneToOne(n int) (*bm.CSR, error) {
	if err := connSizes("one-to-one", n, n); err != nil {
		return nil, err
	}
	rows := make([][]int32, n)
	for i := range rows {
		rows[i] = []int32{int32(i)}
	}
	return csrFromRows(n, rows), nil
}

// ConnAllToAll connects every pre neuron to every post neuron, without the
// pairs i → i when excludeSelf is set.
func ConnAllToAll(pre, post int, excludeSelf bool) (*bm.CSR, error) {
	return ConnFixedProb(pre, post, 1, ConnOptions{ExcludeSelf: excludeSelf})
}

// ConnFixedProb connects each pair independently with probability p
// (BrainPy's FixedProb). It skips geometrically between connections, so it
// costs O(pre + synapses).
func ConnFixedProb(pre, post int, p float64, o ConnOptions) (*bm.CSR, error) {
	if err := connSizes("FixedProb", pre, post); err != nil {
		return nil, err
	}
	if !(p >= 0 && p <= 1) {
		return nil, fmt.Errorf("%w: FixedProb probability %v is outside [0, 1]", ErrConn, p)
	}
	rng := bm.NewRNG(o.Seed)
	rows := make([][]int32, pre)
	logq := math.Log1p(-p)
	for i := range rows {
		var r []int32
		for j := -1; p > 0; {
			if p == 1 {
				j++
			} else {
				// Gap to the next connection: geometric with success p.
				gap := math.Floor(math.Log(1-rng.Float64()) / logq)
				if float64(j)+1+gap >= float64(post) {
					break
				}
				j += 1 + int(gap)
			}
			if j >= post {
				break
			}
			if o.ExcludeSelf && j == i {
				continue
			}
			r = append(r, int32(j))
		}
		rows[i] = r
	}
	return csrFromRows(post, rows), nil
}

// sampleDistinct fills dst with len(dst) distinct values of [0, len(perm))
// other than exclude (-1 for none), in random order. perm must hold a
// permutation of 0…len(perm)-1; it stays one.
func sampleDistinct(rng *bm.RNG, perm []int32, dst []int32, exclude int) {
	k, n := len(dst), len(perm)
	m := min(k+1, n) // one spare in case exclude is drawn
	if exclude < 0 {
		m = k
	}
	for a := range m { // partial Fisher–Yates
		b := a + rng.Intn(n-a)
		perm[a], perm[b] = perm[b], perm[a]
	}
	out := dst[:0]
	for _, v := range perm[:m] {
		if int(v) != exclude && len(out) < k {
			out = append(out, v)
		}
	}
}

// connFixedNum gives each of n "owners" k distinct partners out of m
// (excluding the owner's own index with ExcludeSelf).
func connFixedNum(what string, n, m, k int, o ConnOptions) ([][]int32, error) {
	avail := m
	if o.ExcludeSelf && n > 0 && m > 0 {
		avail = m - 1 // at worst the owner's own index is among the m
	}
	if k < 0 || k > avail {
		return nil, fmt.Errorf("%w: %s %d is outside [0, %d] (the number of distinct partners available)", ErrConn, what, k, avail)
	}
	rng := bm.NewRNG(o.Seed)
	perm := make([]int32, m)
	for i := range perm {
		perm[i] = int32(i)
	}
	lists := make([][]int32, n)
	for i := range lists {
		lists[i] = make([]int32, k)
		ex := -1
		if o.ExcludeSelf && i < m {
			ex = i
		}
		sampleDistinct(rng, perm, lists[i], ex)
	}
	return lists, nil
}

// ConnFixedPostNum connects each presynaptic neuron to k distinct
// postsynaptic neurons chosen at random (BrainPy's FixedPostNum).
func ConnFixedPostNum(pre, post, k int, o ConnOptions) (*bm.CSR, error) {
	if err := connSizes("FixedPostNum", pre, post); err != nil {
		return nil, err
	}
	rows, err := connFixedNum("FixedPostNum", pre, post, k, o)
	if err != nil {
		return nil, err
	}
	return csrFromRows(post, rows), nil
}

// ConnFixedPreNum gives each postsynaptic neuron k distinct presynaptic
// neurons chosen at random (BrainPy's FixedPreNum).
func ConnFixedPreNum(pre, post, k int, o ConnOptions) (*bm.CSR, error) {
	if err := connSizes("FixedPreNum", pre, post); err != nil {
		return nil, err
	}
	cols, err := connFixedNum("FixedPreNum", post, pre, k, o)
	if err != nil {
		return nil, err
	}
	rows := make([][]int32, pre)
	for j, c := range cols {
		for _, i := range c {
			rows[i] = append(rows[i], int32(j))
		}
	}
	return csrFromRows(post, rows), nil
}

// ConnFixedTotalNum draws n distinct pairs uniformly among all pre×post
// pairs (without i → i with ExcludeSelf), by selection sampling in
// O(pre·post).
func ConnFixedTotalNum(pre, post, n int, o ConnOptions) (*bm.CSR, error) {
	if err := connSizes("FixedTotalNum", pre, post); err != nil {
		return nil, err
	}
	total := pre * post
	if o.ExcludeSelf {
		total -= min(pre, post)
	}
	if n < 0 || n > total {
		return nil, fmt.Errorf("%w: FixedTotalNum %d is outside [0, %d] (the number of distinct pairs)", ErrConn, n, total)
	}
	rng := bm.NewRNG(o.Seed)
	rows := make([][]int32, pre)
	seen, chosen := 0, 0
	for i := range rows {
		for j := range post {
			if o.ExcludeSelf && i == j {
				continue
			}
			// Knuth's algorithm S: take this pair with probability
			// (still needed)/(still available).
			if float64(total-seen)*rng.Float64() < float64(n-chosen) {
				rows[i] = append(rows[i], int32(j))
				chosen++
			}
			seen++
		}
	}
	return csrFromRows(post, rows), nil
}

// gridCoords returns the (row, col) of neuron k on a rows×cols grid
// (row-major).
func gridCoords(k, cols int) (int, int) { return k / cols, k % cols }

// gridDelta is the displacement from a to b along one axis of length n,
// the shorter way round when periodic.
func gridDelta(a, b, n int, periodic bool) int {
	d := b - a
	if periodic {
		if d > n/2 {
			d -= n
		} else if d < -(n-1)/2 {
			d += n
		}
	}
	return d
}

// checkGrid validates a grid shape.
func checkGrid(what string, rows, cols int) error {
	if rows < 1 || cols < 1 || rows*cols > math.MaxInt32 {
		return fmt.Errorf("%w: %s grid %d×%d; both sides must be positive", ErrConn, what, rows, cols)
	}
	return nil
}

// connGrid connects each neuron of a rows×cols grid to the neighbours at
// offsets (dr, dc) for which keep(dr, dc) holds, |dr|, |dc| ≤ r; with
// periodic the grid wraps around. Offsets that land twice on the same
// neuron of a small periodic grid connect once.
func connGrid(what string, rows, cols, r int, keep func(dr, dc int) bool, periodic bool) (*bm.CSR, error) {
	if err := checkGrid(what, rows, cols); err != nil {
		return nil, err
	}
	n := rows * cols
	lists := make([][]int32, n)
	for k := range lists {
		i, j := gridCoords(k, cols)
		var l []int32
		for dr := -r; dr <= r; dr++ {
			for dc := -r; dc <= r; dc++ {
				if !keep(dr, dc) {
					continue
				}
				a, b := i+dr, j+dc
				if periodic {
					a, b = (a%rows+rows)%rows, (b%cols+cols)%cols
				} else if a < 0 || a >= rows || b < 0 || b >= cols {
					continue
				}
				l = append(l, int32(a*cols+b))
			}
		}
		slices.Sort(l)
		lists[k] = slices.Compact(l)
	}
	return csrFromRows(n, lists), nil
}

// ConnGridFour connects each neuron of a rows×cols grid (row-major) to its
// four nearest neighbours (von Neumann), and to itself with includeSelf;
// with periodic the grid is a torus.
func ConnGridFour(rows, cols int, includeSelf, periodic bool) (*bm.CSR, error) {
	return connGrid("GridFour", rows, cols, 1, func(dr, dc int) bool {
		d := max(dr, -dr) + max(dc, -dc)
		return d == 1 || (d == 0 && includeSelf)
	}, periodic)
}

// ConnGridEight connects each neuron of a rows×cols grid to its eight
// neighbours (Moore); it is ConnGridN with n = 1.
func ConnGridEight(rows, cols int, includeSelf, periodic bool) (*bm.CSR, error) {
	return ConnGridN(rows, cols, 1, includeSelf, periodic)
}

// ConnGridN connects each neuron of a rows×cols grid to every neuron of
// the (2n+1)×(2n+1) square around it.
func ConnGridN(rows, cols, n int, includeSelf, periodic bool) (*bm.CSR, error) {
	if n < 1 {
		return nil, fmt.Errorf("%w: GridN radius %d; it must be at least 1", ErrConn, n)
	}
	return connGrid("GridN", rows, cols, n, func(dr, dc int) bool {
		return dr != 0 || dc != 0 || includeSelf
	}, periodic)
}

// ConnGaussianProb connects the neurons of a rows×cols grid (pre and post
// the same grid) with probability exp(-d²/(2σ²)), d the distance in grid
// units (the shorter way round with periodic).
func ConnGaussianProb(rows, cols int, sigma float64, periodic bool, o ConnOptions) (*bm.CSR, error) {
	if err := checkGrid("GaussianProb", rows, cols); err != nil {
		return nil, err
	}
	if !(sigma > 0) || math.IsInf(sigma, 0) {
		return nil, fmt.Errorf("%w: GaussianProb sigma %v; it must be positive", ErrConn, sigma)
	}
	rng := bm.NewRNG(o.Seed)
	n := rows * cols
	lists := make([][]int32, n)
	for a := range lists {
		ia, ja := gridCoords(a, cols)
		for b := range n {
			if o.ExcludeSelf && a == b {
				continue
			}
			ib, jb := gridCoords(b, cols)
			di, dj := gridDelta(ia, ib, rows, periodic), gridDelta(ja, jb, cols, periodic)
			if rng.Float64() < math.Exp(-float64(di*di+dj*dj)/(2*sigma*sigma)) {
				lists[a] = append(lists[a], int32(b))
			}
		}
	}
	return csrFromRows(n, lists), nil
}

// undirected returns the symmetric CSR of an undirected edge set given as
// neighbour sets.
func undirected(adj []map[int32]bool) *bm.CSR {
	rows := make([][]int32, len(adj))
	for i, s := range adj {
		for j := range s {
			rows[i] = append(rows[i], j)
		}
	}
	return csrFromRows(len(adj), rows)
}

// ConnSmallWorld is the Watts–Strogatz small-world graph on n neurons: a
// ring where each neuron links to its k nearest neighbours (k/2 on each
// side, k even), after which each link is rewired with probability p to a
// random neuron (no self links, no duplicates). Links are undirected: the
// CSR is symmetric.
func ConnSmallWorld(n, k int, p float64, seed uint64) (*bm.CSR, error) {
	if n < 1 || k < 0 || k%2 != 0 || k >= n {
		return nil, fmt.Errorf("%w: SmallWorld with n = %d, k = %d; k must be even and in [0, n)", ErrConn, n, k)
	}
	if !(p >= 0 && p <= 1) {
		return nil, fmt.Errorf("%w: SmallWorld rewiring probability %v is outside [0, 1]", ErrConn, p)
	}
	rng := bm.NewRNG(seed)
	adj := make([]map[int32]bool, n)
	for i := range adj {
		adj[i] = map[int32]bool{}
	}
	link := func(a, b int32, on bool) {
		if on {
			adj[a][b], adj[b][a] = true, true
		} else {
			delete(adj[a], b)
			delete(adj[b], a)
		}
	}
	for i := range n {
		for d := 1; d <= k/2; d++ {
			link(int32(i), int32((i+d)%n), true)
		}
	}
	for d := 1; d <= k/2; d++ {
		for i := range n {
			j := int32((i + d) % n)
			if !rng.Bernoulli(p) || len(adj[i]) >= n-1 {
				continue
			}
			t := int32(rng.Intn(n))
			for int(t) == i || adj[i][t] {
				t = int32(rng.Intn(n))
			}
			link(int32(i), j, false)
			link(int32(i), t, true)
		}
	}
	return undirected(adj), nil
}

// ConnScaleFreeBA is the Barabási–Albert preferential-attachment graph on
// n neurons: starting from m unconnected neurons, each new neuron links to
// m distinct existing ones chosen with probability proportional to their
// degree. Links are undirected (symmetric CSR, 2m(n-m) entries).
func ConnScaleFreeBA(n, m int, seed uint64) (*bm.CSR, error) {
	if m < 1 || m >= n {
		return nil, fmt.Errorf("%w: ScaleFreeBA with n = %d, m = %d; m must be in [1, n)", ErrConn, n, m)
	}
	rng := bm.NewRNG(seed)
	adj := make([]map[int32]bool, n)
	for i := range adj {
		adj[i] = map[int32]bool{}
	}
	// repeated holds each neuron once per link end, so a uniform draw from
	// it is a draw proportional to degree.
	repeated := make([]int32, 0, 2*m*(n-m))
	targets := make([]int32, m)
	for i := range targets {
		targets[i] = int32(i)
	}
	chosen := map[int32]bool{}
	for src := m; src < n; src++ {
		for _, t := range targets {
			adj[src][t], adj[t][int32(src)] = true, true
			repeated = append(repeated, t, int32(src))
		}
		clear(chosen)
		targets = targets[:0]
		for len(targets) < m && src+1 < n {
			t := repeated[rng.Intn(len(repeated))]
			if !chosen[t] {
				chosen[t] = true
				targets = append(targets, t)
			}
		}
	}
	return undirected(adj), nil
}
