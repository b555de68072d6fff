package analysis

import (
	"math"
)

// PhasePlane2DSettings configure PhasePlane2D. The zero value works for a
// two-variable model.
type PhasePlane2DSettings struct {
	Limits
	// Hold gives the values of the model's other variables, held fixed.
	Hold map[string]float64
	// ClassTol is the relative tolerance of Classify (0: DefaultClassTol).
	ClassTol float64
	// TolUnique merges fixed points closer than TolUnique times the axis
	// span in every variable (0: 1e-6).
	TolUnique float64
}

// Plane2D is the phase plane of two variables.
type Plane2D struct {
	XVar, YVar string    // the two variables
	X, Y       []float64 // grid points of the two axes
	// DX and DY are the derivatives at (X[i], Y[j]), in entry j*len(X)+i.
	DX, DY []float64
	// XNullcline is where dx/dt = 0, YNullcline where dy/dt = 0.
	XNullcline, YNullcline []Polyline
	// Fixed holds each fixed point inside the plane once, by increasing x.
	Fixed []FixedPoint
}

// PhasePlane2D samples the vector field of two variables on the grid x × y,
// traces both nullclines by marching squares (so horizontal, vertical and
// closed nullclines come out alike), and finds the fixed points: candidates
// where dy/dt changes sign along the x-nullcline and in grid cells that
// both nullclines cross, refined by Newton's method, kept if inside the
// plane, merged when closer than TolUnique, and classified from the
// Jacobian.
func PhasePlane2D(m Model, x, y Axis, s PhasePlane2DSettings) (*Plane2D, error) {
	sys, err := reduce(m, []Axis{x, y}, s.Hold, true)
	if err != nil {
		return nil, err
	}
	nx, ny := x.points(), y.points()
	if err := s.budget("the phase plane "+x.Name+" × "+y.Name, float64(nx)*float64(ny)); err != nil {
		return nil, err
	}
	return sys.phase2D(x, y, s.Limits, s.TolUnique, s.ClassTol)
}

// phase2D computes the grid, nullclines and fixed points of a planar system.
func (s *system) phase2D(x, y Axis, lim Limits, tolUnique, classTol float64) (*Plane2D, error) {
	res := &Plane2D{XVar: x.Name, YVar: y.Name, X: x.Values(), Y: y.Values()}
	var err error
	res.DX, res.DY, err = s.grid2D(res.X, res.Y, lim)
	if err != nil {
		return nil, err
	}
	res.XNullcline = contour(res.X, res.Y, res.DX)
	res.YNullcline = contour(res.X, res.Y, res.DY)
	res.Fixed, err = s.roots2D(res, x, y, tolUnique, classTol)
	return res, err
}

// grid2D evaluates the vector field on xs × ys.
func (s *system) grid2D(xs, ys []float64, lim Limits) (dx, dy []float64, err error) {
	nx, ny := len(xs), len(ys)
	dx, dy = make([]float64, nx*ny), make([]float64, nx*ny)
	var pt, d [2]float64
	for j, yv := range ys {
		for i, xv := range xs {
			pt[0], pt[1] = xv, yv
			if err := s.eval(d[:], pt[:]); err != nil {
				return nil, nil, err
			}
			dx[j*nx+i], dy[j*nx+i] = d[0], d[1]
		}
		lim.progress(j+1, ny)
	}
	return dx, dy, nil
}

// roots2D finds the fixed points of a planar system sampled in p.
func (s *system) roots2D(p *Plane2D, x, y Axis, tolUnique, classTol float64) ([]FixedPoint, error) {
	var cands [][2]float64
	var d [2]float64
	// Sign changes of dy/dt along the x-nullcline.
	for _, line := range p.XNullcline {
		prev := math.NaN()
		for k := range line.X {
			if err := s.eval(d[:], []float64{line.X[k], line.Y[k]}); err != nil {
				return nil, err
			}
			fy := d[1]
			if fy == 0 {
				cands = append(cands, [2]float64{line.X[k], line.Y[k]})
			} else if k > 0 && prev*fy < 0 {
				t := prev / (prev - fy)
				cands = append(cands, [2]float64{
					line.X[k-1] + t*(line.X[k]-line.X[k-1]),
					line.Y[k-1] + t*(line.Y[k]-line.Y[k-1]),
				})
			}
			prev = fy
		}
	}
	// Cells that both nullclines cross catch tangential intersections.
	nx := len(p.X)
	crosses := func(v []float64, i, j int) bool {
		a, b, c, e := v[j*nx+i] >= 0, v[j*nx+i+1] >= 0, v[(j+1)*nx+i] >= 0, v[(j+1)*nx+i+1] >= 0
		return a != b || a != c || a != e
	}
	for j := 0; j+1 < len(p.Y); j++ {
		for i := 0; i+1 < nx; i++ {
			if crosses(p.DX, i, j) && crosses(p.DY, i, j) {
				cands = append(cands, [2]float64{(p.X[i] + p.X[i+1]) / 2, (p.Y[j] + p.Y[j+1]) / 2})
			}
		}
	}
	return s.refine(cands2slices(cands), []Axis{x, y}, tolUnique, classTol)
}

func cands2slices(c [][2]float64) [][]float64 {
	out := make([][]float64, len(c))
	for i := range c {
		out[i] = c[i][:]
	}
	return out
}

// refine runs Newton from each candidate, keeps the roots inside the axes'
// box (to 1e-9 of the span), merges duplicates and classifies them, sorted
// by increasing first coordinate.
func (s *system) refine(cands [][]float64, box []Axis, tolUnique, classTol float64) ([]FixedPoint, error) {
	if tolUnique == 0 {
		tolUnique = 1e-6
	}
	tol := make([]float64, len(box))
	for i, a := range box {
		tol[i] = tolUnique * (a.Max - a.Min)
	}
	const ftol = 1e-12
	var roots [][]float64
	for _, c := range cands {
		x := append([]float64(nil), c...)
		ok, err := s.newton(x, ftol)
		if err != nil {
			return nil, err
		}
		if !ok {
			continue
		}
		inside := true
		for i, a := range box {
			slack := 1e-9 * (a.Max - a.Min)
			if x[i] < a.Min-slack || x[i] > a.Max+slack {
				inside = false
			}
		}
		if inside {
			roots = appendUnique(roots, x, tol)
		}
	}
	sortPoints(roots)
	fps := make([]FixedPoint, 0, len(roots))
	for _, r := range roots {
		fp, err := s.fixedPoint(r, classTol)
		if err != nil {
			return nil, err
		}
		fps = append(fps, fp)
	}
	return fps, nil
}
