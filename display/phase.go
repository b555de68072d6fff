package display

import (
	"fmt"
	"math"
	"math/cmplx"
	"strings"
)

// Curve is a named curve in a plane (a nullcline, a trajectory, a branch);
// a NaN in X or Y breaks it into pieces.
type Curve struct {
	Name string
	X, Y []float64
}

// Field is a vector field sampled on a grid: at (X[i], Y[j]) the vector is
// (U[j][i], V[j][i]).
type Field struct {
	X, Y []float64
	U, V [][]float64
}

// Point is a marked point of a phase plane or bifurcation diagram (a fixed
// point, a bifurcation point). Stable points are drawn filled, unstable
// ones hollow; Label (the stability class, "Hopf") names it in the legend.
type Point struct {
	X, Y   float64
	Stable bool
	Label  string
}

// PhasePlaneData is what a phase plane shows. Any part may be empty.
type PhasePlaneData struct {
	Title, XLabel, YLabel string
	Field                 *Field
	Nullclines            []Curve
	Trajectories          []Curve
	FixedPoints           []Point
}

// PhasePlane plots a two-dimensional phase portrait: the vector field as
// grey direction arrows (all one length: the field's direction matters, its
// speed varies over orders of magnitude), nullclines, trajectories, and
// fixed points marked by stability.
func PhasePlane(d PhasePlaneData) (*Chart, error) {
	f := figure{title: d.Title, xName: d.XLabel, yName: d.YLabel, xRange: autoRange(), yRange: autoRange()}
	if d.Field != nil {
		arrows, xr, yr, err := fieldArrows(d.Field)
		if err != nil {
			return nil, err
		}
		f.xRange, f.yRange = xr, yr
		f.layers = append(f.layers, layer{kind: lineLayer, xy: arrows, colour: "#aaa", width: 1})
	}
	for k, c := range d.Nullclines {
		xy, err := curvePairs("PhasePlane nullcline", c)
		if err != nil {
			return nil, err
		}
		f.layers = append(f.layers, layer{kind: lineLayer, name: c.Name, xy: xy, colour: paletteColour(k), width: 2})
	}
	for k, c := range d.Trajectories {
		xy, err := curvePairs("PhasePlane trajectory", c)
		if err != nil {
			return nil, err
		}
		name := c.Name
		if name == "" {
			name = "trajectory"
		}
		f.layers = append(f.layers, layer{kind: lineLayer, name: name, xy: xy, colour: paletteColour(len(d.Nullclines) + k), width: 1.5})
	}
	thinCurves(&f)
	f.layers = append(f.layers, pointLayers(d.FixedPoints)...)
	return newChart(f), nil
}

// MaxCurvePoints bounds the points of a curve in a phase plane or
// bifurcation diagram: a long chaotic trajectory (Lorenz over thousands of
// time units) would otherwise carry a point per fraction of a pixel of its
// whole path.
const MaxCurvePoints = 10_000

// thinCurves thins the named line layers of f (curves; the vector field's
// arrows are unnamed and left alone): simulated trajectories come at the
// integration step, so points closer than a fraction of a pixel to the
// last one kept go, and the spacing grows until at most MaxCurvePoints
// remain.
func thinCurves(f *figure) {
	xr, yr := f.ranges()
	for k := range f.layers {
		l := &f.layers[k]
		if l.name == "" || l.kind != lineLayer {
			continue
		}
		for eps := 1.0 / 1500; ; eps *= 1.25 { // small steps: keep close to the bound
			if xy := thinCurve(l.xy, xr, yr, eps); len(xy) <= 2*MaxCurvePoints || eps > 1 {
				l.xy = xy
				break
			}
		}
	}
}

// thinCurve drops the points of a curve (flat pairs, NaN breaks kept)
// closer than eps, in fractions of the ranges xr and yr, to the last
// point kept; the last point of each piece is always kept.
func thinCurve(xy []float64, xr, yr [2]float64, eps float64) []float64 {
	sx, sy := xr[1]-xr[0], yr[1]-yr[0]
	out := make([]float64, 0, len(xy))
	lastX, lastY := math.NaN(), math.NaN()
	for k := 0; k+1 < len(xy); k += 2 {
		x, y := xy[k], xy[k+1]
		end := k+3 >= len(xy) || math.IsNaN(xy[k+2]) || math.IsNaN(xy[k+3])
		broken := math.IsNaN(x) || math.IsNaN(y) || math.IsNaN(lastX)
		if broken || end || math.Hypot((x-lastX)/sx, (y-lastY)/sy) >= eps {
			out = append(out, x, y)
			lastX, lastY = x, y
		}
	}
	return out
}

// pointLayers groups points by label into scatter layers: filled symbols
// for stable points, hollow for unstable ones, the shape changing from
// label to label (a stable node and a stable focus look different).
func pointLayers(ps []Point) []layer {
	shapes := []string{"circle", "diamond", "triangle", "rect"}
	var out []layer
	where := map[string]int{}
	perStability := map[bool]int{}
	for _, p := range ps {
		name := p.Label
		if name == "" {
			name = map[bool]string{true: "stable", false: "unstable"}[p.Stable]
		}
		k, ok := where[name]
		if !ok {
			k = len(out)
			where[name] = k
			shape := shapes[perStability[p.Stable]%len(shapes)]
			perStability[p.Stable]++
			sym, col := "empty"+strings.ToUpper(shape[:1])+shape[1:], "#d62728"
			if p.Stable {
				sym, col = shape, "#111"
			}
			out = append(out, layer{kind: scatterLayer, name: name, symbol: sym, colour: col, width: 10})
		}
		out[k].xy = append(out[k].xy, p.X, p.Y)
	}
	return out
}

func curvePairs(fn string, c Curve) ([]float64, error) {
	if len(c.X) != len(c.Y) {
		return nil, fmt.Errorf("%w: %s %q: %d x values but %d y values", ErrData, fn, c.Name, len(c.X), len(c.Y))
	}
	xy := make([]float64, 0, 2*len(c.X))
	for i := range c.X {
		xy = append(xy, c.X[i], c.Y[i])
	}
	return xy, nil
}

// maxArrowsPerSide bounds the arrows of a vector field per axis.
const maxArrowsPerSide = 25

// fieldArrows draws each grid vector as an arrow of 0.8 grid cells centred
// on its grid point, with a two-stroke head, as pairs broken by NaN. The
// direction is taken in axis-fraction units so arrows look right whatever
// the x and y scales. It also returns the ranges the grid spans.
func fieldArrows(fd *Field) (xy []float64, xr, yr [2]float64, err error) {
	nx, ny := len(fd.X), len(fd.Y)
	if nx < 2 || ny < 2 || len(fd.U) != ny || len(fd.V) != ny {
		return nil, xr, yr, fmt.Errorf("%w: PhasePlane field: need at least a 2×2 grid with U and V of %d rows, got %d×%d, %d and %d rows",
			ErrData, ny, nx, ny, len(fd.U), len(fd.V))
	}
	xr = [2]float64{fd.X[0], fd.X[nx-1]}
	yr = [2]float64{fd.Y[0], fd.Y[ny-1]}
	sx, sy := xr[1]-xr[0], yr[1]-yr[0]
	if !(sx > 0) || !(sy > 0) {
		return nil, xr, yr, fmt.Errorf("%w: PhasePlane field: grid axes must increase, x %g..%g, y %g..%g", ErrData, xr[0], xr[1], yr[0], yr[1])
	}
	for j := range ny {
		if len(fd.U[j]) != nx || len(fd.V[j]) != nx {
			return nil, xr, yr, fmt.Errorf("%w: PhasePlane field: row %d of U or V does not have %d values", ErrData, j, nx)
		}
	}
	// A fine analysis grid (101×101 by default) would be a black mat of
	// arrows: draw every stride-th grid point, at most maxArrowsPerSide a side.
	strideX, strideY := (nx+maxArrowsPerSide-1)/maxArrowsPerSide, (ny+maxArrowsPerSide-1)/maxArrowsPerSide
	// Arrow length in axis fractions: 0.8 of the spacing of drawn arrows.
	cell := 0.8 * math.Min(float64(strideX)/float64(nx-1), float64(strideY)/float64(ny-1))
	for j := 0; j < ny; j += strideY {
		for i := 0; i < nx; i += strideX {
			u, v := fd.U[j][i]/sx, fd.V[j][i]/sy
			norm := math.Hypot(u, v)
			if !(norm > 0) || math.IsInf(norm, 0) {
				continue // a zero or non-finite vector has no direction
			}
			u, v = u/norm*cell, v/norm*cell
			x0, y0 := (fd.X[i]-xr[0])/sx-u/2, (fd.Y[j]-yr[0])/sy-v/2
			x1, y1 := x0+u, y0+v
			head := complex(-u, -v) * 0.35
			l, r := head*cmplx.Rect(1, math.Pi/7), head*cmplx.Rect(1, -math.Pi/7)
			back := func(ax, ay float64) { xy = append(xy, xr[0]+ax*sx, yr[0]+ay*sy) }
			back(x0, y0)
			back(x1, y1)
			back(x1+real(l), y1+imag(l))
			xy = append(xy, math.NaN(), math.NaN())
			back(x1, y1)
			back(x1+real(r), y1+imag(r))
			xy = append(xy, math.NaN(), math.NaN())
		}
	}
	return xy, xr, yr, nil
}

// Branch is a curve of equilibria or of limit-cycle extrema against a
// parameter, with the stability of each sample.
type Branch struct {
	Name   string
	P, X   []float64 // parameter and state value
	Stable []bool    // one per sample
}

// BifurcationData is what a bifurcation diagram shows.
type BifurcationData struct {
	Title, PLabel, XLabel string
	Equilibria            []Branch // fixed-point branches
	Cycles                []Branch // limit-cycle extrema (a branch each for maxima and minima)
	Points                []Point  // special points (Hopf, saddle-node), Label names them
	Trajectories          []Curve  // e.g. a burster's orbit over its fast subsystem's branches
}

// Bifurcation plots a codimension-one bifurcation diagram: equilibrium
// branches solid where stable and dashed where unstable, limit-cycle
// extrema in a second colour (solid/dashed the same way), and labelled
// special points.
func Bifurcation(d BifurcationData) (*Chart, error) {
	f := figure{title: d.Title, xName: d.PLabel, yName: d.XLabel, xRange: autoRange(), yRange: autoRange()}
	for _, group := range []struct {
		bs     []Branch
		colour string
		what   string
	}{{d.Equilibria, "#222", "fixed points"}, {d.Cycles, "#ee6666", "limit cycle"}} {
		for _, b := range group.bs {
			if len(b.P) != len(b.X) || len(b.Stable) != len(b.P) {
				return nil, fmt.Errorf("%w: Bifurcation branch %q: %d parameter values, %d state values, %d stability flags",
					ErrData, b.Name, len(b.P), len(b.X), len(b.Stable))
			}
			f.layers = append(f.layers, stabilityRuns(b, group.colour, group.what)...)
		}
	}
	for k, c := range d.Trajectories {
		xy, err := curvePairs("Bifurcation trajectory", c)
		if err != nil {
			return nil, err
		}
		f.layers = append(f.layers, layer{kind: lineLayer, name: c.Name, xy: xy, colour: paletteColour(k + 4), width: 1})
	}
	for _, p := range d.Points {
		f.layers = append(f.layers, layer{kind: scatterLayer, name: p.Label, symbol: "diamond", colour: "#5470c6", width: 10, xy: []float64{p.X, p.Y}})
	}
	thinCurves(&f)
	return newChart(f), nil
}

// stabilityRuns splits a branch where its stability changes: stable runs
// solid, unstable runs dashed, each run sharing its end sample with the
// next so the curve stays connected. Runs are named "<what> (stable)" and
// "<what> (unstable)" so one legend entry toggles them all.
func stabilityRuns(b Branch, colour, what string) []layer {
	var out []layer
	for start := 0; start < len(b.P); {
		end := start
		for end+1 < len(b.P) && b.Stable[end+1] == b.Stable[start] {
			end++
		}
		stop := min(end+1, len(b.P)-1) // include the first sample of the next run
		xy := make([]float64, 0, 2*(stop-start+1))
		for k := start; k <= stop; k++ {
			xy = append(xy, b.P[k], b.X[k])
		}
		name := what + " (unstable)"
		if b.Stable[start] {
			name = what + " (stable)"
		}
		out = append(out, layer{kind: lineLayer, name: name, xy: xy, colour: colour, width: 2, dashed: !b.Stable[start]})
		start = end + 1
	}
	return out
}

// Eigenvalues plots eigenvalues in the complex plane with the imaginary
// axis dashed: points left of it (negative real part) are stable
// directions, filled; points right of it hollow.
func Eigenvalues(ev []complex128, title string) (*Chart, error) {
	if len(ev) == 0 {
		return nil, fmt.Errorf("%w: Eigenvalues: none given", ErrData)
	}
	ps := make([]Point, len(ev))
	lo, hi := 0.0, 0.0
	for k, e := range ev {
		if cmplx.IsNaN(e) || cmplx.IsInf(e) {
			return nil, fmt.Errorf("%w: Eigenvalues: eigenvalue %d is %v", ErrData, k, e)
		}
		ps[k] = Point{X: real(e), Y: imag(e), Stable: real(e) < 0, Label: map[bool]string{true: "Re λ < 0", false: "Re λ ≥ 0"}[real(e) < 0]}
		lo, hi = math.Min(lo, imag(e)), math.Max(hi, imag(e))
	}
	if lo == hi {
		lo, hi = -1, 1
	}
	axis := layer{kind: lineLayer, xy: []float64{0, lo - (hi-lo)*0.1, 0, hi + (hi-lo)*0.1}, colour: "#999", width: 1, dashed: true}
	f := figure{title: title, xName: "Re λ", yName: "Im λ", xRange: autoRange(), yRange: autoRange(),
		layers: append([]layer{axis}, pointLayers(ps)...)}
	return newChart(f), nil
}
