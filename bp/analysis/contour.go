package analysis

import "slices"

// Polyline is a curve through the points (X[k], Y[k]).
type Polyline struct {
	X, Y []float64
}

// contour traces the zero level set of v, sampled on the grid xs × ys
// (v[j*len(xs)+i] at (xs[i], ys[j])), by marching squares. A node with
// v = 0 counts as positive, so a nullcline lying exactly on grid lines is
// traced along them. Each grid edge the curve crosses gives one vertex;
// segments sharing a vertex are joined into polylines, open ones running
// from border to border and closed ones ending where they start.
func contour(xs, ys, v []float64) []Polyline {
	nx, ny := len(xs), len(ys)
	nh := ny * (nx - 1) // horizontal edges come first, then vertical ones
	at := func(i, j int) float64 { return v[j*nx+i] }
	pos := func(i, j int) bool { return at(i, j) >= 0 }
	hEdge := func(i, j int) int { return j*(nx-1) + i }
	vEdge := func(i, j int) int { return nh + j*nx + i }

	// vertex returns the crossing point on an edge.
	vertex := func(e int) (float64, float64) {
		if e < nh {
			i, j := e%(nx-1), e/(nx-1)
			t := at(i, j) / (at(i, j) - at(i+1, j))
			return xs[i] + t*(xs[i+1]-xs[i]), ys[j]
		}
		e -= nh
		i, j := e%nx, e/nx
		t := at(i, j) / (at(i, j) - at(i, j+1))
		return xs[i], ys[j] + t*(ys[j+1]-ys[j])
	}

	adj := make(map[int][]int)
	link := func(a, b int) {
		adj[a] = append(adj[a], b)
		adj[b] = append(adj[b], a)
	}
	for j := 0; j+1 < ny; j++ {
		for i := 0; i+1 < nx; i++ {
			p0, p1, p2, p3 := pos(i, j), pos(i+1, j), pos(i+1, j+1), pos(i, j+1)
			e := [4]int{hEdge(i, j), vEdge(i+1, j), hEdge(i, j+1), vEdge(i, j)}
			cut := [4]bool{p0 != p1, p1 != p2, p3 != p2, p0 != p3}
			var crossed []int
			for k, c := range cut {
				if c {
					crossed = append(crossed, k)
				}
			}
			switch len(crossed) {
			case 2:
				link(e[crossed[0]], e[crossed[1]])
			case 4:
				// Saddle cell: the centre value decides which corners
				// the curves separate.
				centre := (at(i, j) + at(i+1, j) + at(i+1, j+1) + at(i, j+1)) / 4
				if (centre >= 0) == p0 {
					link(e[0], e[1])
					link(e[2], e[3])
				} else {
					link(e[3], e[0])
					link(e[1], e[2])
				}
			}
		}
	}

	visited := make(map[int]bool, len(adj))
	walk := func(start int) Polyline {
		var line Polyline
		prev, cur := -1, start
		for {
			visited[cur] = true
			x, y := vertex(cur)
			if n := len(line.X); n == 0 || line.X[n-1] != x || line.Y[n-1] != y {
				line.X = append(line.X, x)
				line.Y = append(line.Y, y)
			}
			next := -1
			for _, nb := range adj[cur] {
				if nb != prev && !visited[nb] {
					next = nb
					break
				}
			}
			if next < 0 {
				// Close a loop back to its start.
				if prev >= 0 && len(adj[cur]) == 2 && (adj[cur][0] == start || adj[cur][1] == start) && start != prev {
					sx, sy := vertex(start)
					line.X = append(line.X, sx)
					line.Y = append(line.Y, sy)
				}
				return line
			}
			prev, cur = cur, next
		}
	}
	// Deterministic order: open curves from their ends first, then loops,
	// both by edge index.
	keys := make([]int, 0, len(adj))
	for k := range adj {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var lines []Polyline
	for _, k := range keys {
		if !visited[k] && len(adj[k]) == 1 {
			lines = append(lines, walk(k))
		}
	}
	for _, k := range keys {
		if !visited[k] {
			lines = append(lines, walk(k))
		}
	}
	return lines
}
