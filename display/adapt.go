package display

import (
	"fmt"
	"math"
	"math/cmplx"
	"slices"
	"strconv"
	"strings"

	"github.com/braingo/braingo/bp"
	"github.com/braingo/braingo/bp/analysis"
	bm "github.com/braingo/braingo/bp/math"
)

// DefaultTraceCurves is how many curves Trace draws when no elements are
// picked: more than a handful of overlaid traces cannot be told apart.
const DefaultTraceCurves = 10

// Trace plots a monitored variable (a bp.Trace from Result.Traces) against
// time, one curve per element. pick lists the elements (neuron numbers, as
// in tr.Index) to draw; none draws the first DefaultTraceCurves and says so
// in the subtitle. The y label defaults to the trace's name.
func Trace(tr *bp.Trace, o LineOpts, pick ...int) (*Chart, error) {
	if tr == nil {
		return nil, fmt.Errorf("%w: Trace: nil trace (is the monitor name right?)", ErrData)
	}
	cols := make([]int, 0, len(pick))
	for _, p := range pick {
		j := slices.Index(tr.Index, p)
		if j < 0 {
			return nil, fmt.Errorf("%w: Trace %q: element %d was not recorded (recorded: %s)", ErrData, tr.Name, p, indexList(tr.Index))
		}
		cols = append(cols, j)
	}
	note := ""
	if len(pick) == 0 {
		for j := range min(len(tr.Index), DefaultTraceCurves) {
			cols = append(cols, j)
		}
		if len(tr.Index) > DefaultTraceCurves {
			note = fmt.Sprintf("first %d of %d recorded elements; pick others with Trace(tr, opts, i, j, ...)", DefaultTraceCurves, len(tr.Index))
		}
	}
	ys := make([][]float64, len(cols))
	names := make([]string, len(cols))
	for k, j := range cols {
		if j >= len(tr.Index) {
			return nil, fmt.Errorf("%w: Trace %q: column %d of %d", ErrData, tr.Name, j, len(tr.Index))
		}
		ys[k] = tr.Series(j)
		names[k] = tr.Name + "[" + strconv.Itoa(tr.Index[j]) + "]"
	}
	if o.YLabel == "" {
		o.YLabel = tr.Name
	}
	if len(o.Names) == 0 {
		o.Names = names
	}
	c, err := Lines(tr.T, ys, o)
	if err != nil {
		return nil, err
	}
	c.fig.note, c.static.note = note, note
	return c, nil
}

// TraceHeatmap plots a monitored variable of a whole population as an
// image: time across, elements up, the value as colour (a bump of activity
// moving through a ring network, a wave in a chain), averaged over blocks
// to at most o.MaxSide cells a side. Labels default to the trace's.
func TraceHeatmap(tr *bp.Trace, o HeatmapOpts) (*Chart, error) {
	if tr == nil {
		return nil, fmt.Errorf("%w: TraceHeatmap: nil trace (is the monitor name right?)", ErrData)
	}
	n, steps := len(tr.Index), len(tr.T)
	if n == 0 || steps == 0 || len(tr.Values) != steps {
		return nil, fmt.Errorf("%w: TraceHeatmap %q: %d elements, %d times, %d records", ErrData, tr.Name, n, steps, len(tr.Values))
	}
	b, err := heatBlocks(n, steps, o)
	if err != nil {
		return nil, err
	}
	for k, row := range tr.Values {
		if len(row) != n {
			return nil, fmt.Errorf("%w: TraceHeatmap %q: record %d has %d values for %d elements", ErrData, tr.Name, k, len(row), n)
		}
		if err := checkFinite("TraceHeatmap "+tr.Name, fmt.Sprintf("record %d", k), row); err != nil {
			return nil, err
		}
		for j, v := range row {
			b.add(j, k, v)
		}
	}
	rows, cols := b.starts()
	yl, xl := make([]string, len(rows)), make([]string, len(cols))
	for i, r := range rows {
		yl[i] = strconv.Itoa(tr.Index[r])
	}
	for i, c := range cols {
		xl[i] = label(tr.T[c])
	}
	if o.Title == "" {
		o.Title = tr.Name
	}
	if o.XLabel == "" {
		o.XLabel = "t (ms)"
	}
	if o.YLabel == "" {
		o.YLabel = "element"
	}
	return heatChartLabelled(b, o, yl, xl, [2]float64{tr.T[0], tr.T[steps-1]}, [2]float64{0, float64(n)}), nil
}

// indexList shortens a long index list for an error message.
func indexList(idx []int) string {
	if len(idx) > 8 {
		return fmt.Sprint(idx[:8]) + fmt.Sprintf("... (%d)", len(idx))
	}
	return fmt.Sprint(idx)
}

// Raster plots a recorded spike train (a bp.SpikeTrain from
// Result.Spikes): display.Raster(res.Spikes["E.spike"], display.RasterOpts{}).
// The neuron count comes from the train unless o.N is set.
func Raster(st *bp.SpikeTrain, o RasterOpts) (*Chart, error) {
	if st == nil {
		return nil, fmt.Errorf("%w: Raster: nil spike train (is the monitor name right?)", ErrData)
	}
	if o.N == 0 {
		o.N = st.Size
	}
	if o.Title == "" {
		o.Title = st.Name
	}
	return RasterPoints(st.T, st.Index, o)
}

// Rasters plots several spike trains in one raster, stacked from the
// bottom in the order given (the E then the I population of a network),
// each in its own colour with a legend entry. o.N is ignored: each train
// takes its Size rows.
func Rasters(o RasterOpts, trains ...*bp.SpikeTrain) (*Chart, error) {
	if len(trains) == 0 {
		return nil, fmt.Errorf("%w: Rasters: no spike trains", ErrData)
	}
	groups := make([]spikeGroup, len(trains))
	for k, st := range trains {
		if st == nil {
			return nil, fmt.Errorf("%w: Rasters: spike train %d is nil (is the monitor name right?)", ErrData, k)
		}
		groups[k] = spikeGroup{name: st.Name, times: st.T, index: st.Index, n: st.Size}
	}
	return rasterChart(groups, o)
}

// Rate plots the population firing rate of a recorded spike train. With
// o.T0 and o.T1 unset it covers the span of the spikes; set them to
// res.Start and res.End to cover the whole run, silent stretches included.
func Rate(st *bp.SpikeTrain, o RateOpts) (*Chart, error) {
	if st == nil {
		return nil, fmt.Errorf("%w: Rate: nil spike train (is the monitor name right?)", ErrData)
	}
	if o.Title == "" {
		o.Title = st.Name + " rate"
	}
	return PopulationRate(st.T, st.Size, o)
}

// ISI plots the histogram of the inter-spike intervals of a recorded
// spike train: the intervals between successive spikes of each neuron, in
// ms, pooled over the neurons.
func ISI(st *bp.SpikeTrain, o HistOpts) (*Chart, error) {
	if st == nil {
		return nil, fmt.Errorf("%w: ISI: nil spike train (is the monitor name right?)", ErrData)
	}
	last := map[int]float64{}
	var isi []float64
	for k, t := range st.T { // spikes are in time order
		i := st.Index[k]
		if prev, ok := last[i]; ok {
			isi = append(isi, t-prev)
		}
		last[i] = t
	}
	if len(isi) == 0 {
		return nil, fmt.Errorf("%w: ISI %q: no neuron spiked twice", ErrData, st.Name)
	}
	if o.Title == "" {
		o.Title = st.Name + " inter-spike intervals"
	}
	if o.XLabel == "" {
		o.XLabel = "ISI (ms)"
	}
	return Histogram(isi, o)
}

// Summary tabulates what a run recorded: for each trace its elements,
// records, time range and value range; for each spike train its neurons,
// spikes and mean rate over the run.
func Summary(res *bp.Result) *Table {
	t := &Table{Title: "monitors", Header: []string{"name", "kind", "elements", "records", "range"}}
	if res == nil {
		return t
	}
	t.Title = fmt.Sprintf("monitors: %d steps, t = %g … %g ms", res.Steps, res.Start, res.End)
	for _, name := range sortedKeys(res.Traces) {
		tr := res.Traces[name]
		lo, hi := math.Inf(1), math.Inf(-1)
		for _, row := range tr.Values {
			for _, v := range row {
				lo, hi = math.Min(lo, v), math.Max(hi, v)
			}
		}
		rng := "—"
		if lo <= hi {
			rng = fmt.Sprintf("%.4g … %.4g", lo, hi)
		}
		t.Rows = append(t.Rows, []string{name, "trace", strconv.Itoa(len(tr.Index)), strconv.Itoa(len(tr.T)), rng})
	}
	for _, name := range sortedKeys(res.Spikes) {
		st := res.Spikes[name]
		rate := "—"
		if d := res.End - res.Start; d > 0 && st.Size > 0 {
			rate = fmt.Sprintf("%.4g Hz mean", float64(len(st.T))/float64(st.Size)/d*1000)
		}
		t.Rows = append(t.Rows, []string{name, "spikes", strconv.Itoa(st.Size), strconv.Itoa(len(st.T)), rate})
	}
	return t
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// Connectivity plots a connection matrix (pre rows, post columns) as a
// heatmap of the mean weight per block: a sparse 4000×4000 matrix is
// summed block by block without being made dense.
func Connectivity(c *bm.CSR, o HeatmapOpts) (*Chart, error) {
	if c == nil {
		return nil, fmt.Errorf("%w: Connectivity: nil matrix", ErrData)
	}
	if err := c.Validate(); err != nil {
		return nil, fmt.Errorf("%w: Connectivity: %w", ErrData, err)
	}
	if c.Rows == 0 || c.Cols == 0 {
		return nil, fmt.Errorf("%w: Connectivity: empty %d×%d matrix", ErrData, c.Rows, c.Cols)
	}
	b, err := heatBlocks(c.Rows, c.Cols, o)
	if err != nil {
		return nil, err
	}
	for pre := range c.Rows {
		post, w := c.Row(pre)
		for k, j := range post {
			weight := c.W
			if w != nil {
				weight = w[k]
			}
			b.add(pre, int(j), weight)
		}
	}
	if o.XLabel == "" {
		o.XLabel = "post"
	}
	if o.YLabel == "" {
		o.YLabel = "pre"
	}
	if o.Title == "" {
		o.Title = fmt.Sprintf("connectivity (%d synapses)", c.NNZ())
	}
	return heatChart(b, o), nil
}

// Plane plots an analysis.PhasePlane2D result: the vector field, both
// nullclines, the fixed points marked by stability class, and any
// trajectories (their variables matched by name to the plane's).
func Plane(p *analysis.Plane2D, title string, trajectories ...*analysis.Trajectory) (*Chart, error) {
	if p == nil {
		return nil, fmt.Errorf("%w: Plane: nil phase plane", ErrData)
	}
	nx, ny := len(p.X), len(p.Y)
	if len(p.DX) != nx*ny || len(p.DY) != nx*ny {
		return nil, fmt.Errorf("%w: Plane: %d×%d grid with %d and %d derivatives", ErrData, nx, ny, len(p.DX), len(p.DY))
	}
	fd := &Field{X: p.X, Y: p.Y, U: make([][]float64, ny), V: make([][]float64, ny)}
	for j := range ny {
		fd.U[j], fd.V[j] = p.DX[j*nx:(j+1)*nx], p.DY[j*nx:(j+1)*nx]
	}
	d := PhasePlaneData{Title: title, XLabel: p.XVar, YLabel: p.YVar, Field: fd,
		Nullclines: []Curve{joinPolylines(p.XVar+" nullcline", p.XNullcline), joinPolylines(p.YVar+" nullcline", p.YNullcline)}}
	for _, fp := range p.Fixed {
		if len(fp.X) < 2 {
			return nil, fmt.Errorf("%w: Plane: fixed point with %d coordinates", ErrData, len(fp.X))
		}
		d.FixedPoints = append(d.FixedPoints, Point{X: fp.X[0], Y: fp.X[1], Stable: fp.Stable(), Label: fp.Class.String()})
	}
	for k, tr := range trajectories {
		c, err := trajectoryCurve(tr, p.XVar, p.YVar)
		if err != nil {
			return nil, err
		}
		if len(trajectories) > 1 {
			c.Name = fmt.Sprintf("trajectory %d", k+1)
		}
		d.Trajectories = append(d.Trajectories, c)
	}
	return PhasePlane(d)
}

// joinPolylines makes one curve of the pieces of a nullcline, separated by
// NaN breaks.
func joinPolylines(name string, ps []analysis.Polyline) Curve {
	c := Curve{Name: name}
	for k, p := range ps {
		if k > 0 {
			c.X, c.Y = append(c.X, math.NaN()), append(c.Y, math.NaN())
		}
		c.X, c.Y = append(c.X, p.X...), append(c.Y, p.Y...)
	}
	return c
}

// trajectoryCurve projects a trajectory on the variables named x and y.
func trajectoryCurve(tr *analysis.Trajectory, x, y string) (Curve, error) {
	if tr == nil {
		return Curve{}, fmt.Errorf("%w: nil trajectory", ErrData)
	}
	i, j := slices.Index(tr.Vars, x), slices.Index(tr.Vars, y)
	if i < 0 || j < 0 || i >= len(tr.X) || j >= len(tr.X) {
		return Curve{}, fmt.Errorf("%w: trajectory of %v has no %q or %q", ErrData, tr.Vars, x, y)
	}
	return Curve{Name: "trajectory", X: tr.X[i], Y: tr.X[j]}, nil
}

// PhaseLine plots an analysis.PhasePlane1D result: dx/dt against x with
// the fixed points on the zero line, filled when stable.
func PhaseLine(p *analysis.Plane1D, title string) (*Chart, error) {
	if p == nil {
		return nil, fmt.Errorf("%w: PhaseLine: nil phase line", ErrData)
	}
	c, err := curvePairs("PhaseLine", Curve{X: p.X, Y: p.DX})
	if err != nil {
		return nil, err
	}
	f := figure{title: title, xName: p.Var, yName: "d" + p.Var + "/dt", xRange: autoRange(), yRange: autoRange(),
		layers: []layer{
			{kind: lineLayer, xy: []float64{p.X[0], 0, p.X[len(p.X)-1], 0}, colour: "#999", width: 1, dashed: true},
			{kind: lineLayer, name: "d" + p.Var + "/dt", xy: c, colour: paletteColour(0), width: 2},
		}}
	var pts []Point
	for _, fp := range p.Fixed {
		pts = append(pts, Point{X: fp.X[0], Y: 0, Stable: fp.Stable(), Label: fp.Class.String()})
	}
	f.layers = append(f.layers, pointLayers(pts)...)
	return newChart(f), nil
}

// Branches plots continued equilibrium branches (analysis.Continue) of the
// variable named v against their parameter, stable parts solid and
// unstable dashed, with their fold and Hopf points, and the extrema of v
// over the limit cycles found by analysis.LimitCycles (may be nil).
func Branches(v string, branches []*analysis.Branch, cycles []analysis.CyclePoint) (*Chart, error) {
	d, err := branchData(v, branches, cycles)
	if err != nil {
		return nil, err
	}
	return Bifurcation(d)
}

// branchData converts branches and cycles to the plain diagram.
func branchData(v string, branches []*analysis.Branch, cycles []analysis.CyclePoint) (BifurcationData, error) {
	d := BifurcationData{XLabel: v}
	var vars []string
	for _, b := range branches {
		if b == nil {
			return d, fmt.Errorf("%w: Branches: nil branch", ErrData)
		}
		i := slices.Index(b.Vars, v)
		if i < 0 {
			return d, fmt.Errorf("%w: Branches: branch in %q has variables %v, no %q", ErrData, b.Param, b.Vars, v)
		}
		d.PLabel, vars = b.Param, b.Vars
		br := Branch{}
		for _, p := range b.Points {
			br.P, br.X, br.Stable = append(br.P, p.P), append(br.X, p.X[i]), append(br.Stable, p.Stable())
		}
		d.Equilibria = append(d.Equilibria, br)
		for _, sp := range b.Special {
			d.Points = append(d.Points, Point{X: sp.P, Y: sp.X[i], Label: sp.Kind.String()})
		}
	}
	if len(cycles) > 0 {
		i := 0
		if vars != nil {
			i = slices.Index(vars, v)
		}
		var hi, lo Branch
		for _, c := range cycles {
			if !c.Found || i >= len(c.Max) {
				continue
			}
			// Cycles found by simulation attract: they are the stable ones.
			hi.P, hi.X, hi.Stable = append(hi.P, c.P), append(hi.X, c.Max[i]), append(hi.Stable, true)
			lo.P, lo.X, lo.Stable = append(lo.P, c.P), append(lo.X, c.Min[i]), append(lo.Stable, true)
		}
		if len(hi.P) > 0 {
			d.Cycles = []Branch{hi, lo}
		}
	}
	d.Title = "bifurcation diagram"
	if d.PLabel != "" {
		d.Title = fmt.Sprintf("%s against %s", v, d.PLabel)
	}
	return d, nil
}

// FastSlow plots a fast–slow analysis with one slow variable: the fast
// subsystem's equilibrium branches and limit-cycle extrema of the fast
// variable v against the slow variable, with the full system's trajectory
// projected on the same plane (a burster's orbit winding between them).
func FastSlow(r *analysis.FastSlowResult, v string) (*Chart, error) {
	if r == nil || len(r.Slow) != 1 {
		return nil, fmt.Errorf("%w: FastSlow: want a result with one slow variable", ErrData)
	}
	d, err := branchData(v, r.Branches, r.Cycles)
	if err != nil {
		return nil, err
	}
	d.PLabel = r.Slow[0]
	d.Title = fmt.Sprintf("fast–slow: %s against %s", v, r.Slow[0])
	if r.Trajectory != nil {
		c, err := trajectoryCurve(r.Trajectory, r.Slow[0], v)
		if err != nil {
			return nil, err
		}
		d.Trajectories = []Curve{c}
	}
	return Bifurcation(d)
}

// Sampled plots a sampled bifurcation diagram (analysis.Bifurcation of one
// parameter): every fixed point found, variable v against the parameter,
// filled where stable and hollow where not.
func Sampled(d *analysis.Diagram, v string) (*Chart, error) {
	if d == nil {
		return nil, fmt.Errorf("%w: Sampled: nil diagram", ErrData)
	}
	i := slices.Index(d.Vars, v)
	if i < 0 || len(d.Params) != 1 {
		return nil, fmt.Errorf("%w: Sampled: diagram of %v over %v; want one parameter and a variable named %q", ErrData, d.Vars, d.Params, v)
	}
	pts := make([]Point, len(d.Points))
	for k, p := range d.Points {
		pts[k] = Point{X: p.P[0], Y: p.X[i], Stable: p.Stable()}
	}
	layers := pointLayers(pts)
	for k := range layers {
		layers[k].width = 5
	}
	f := figure{title: v + " against " + d.Params[0], xName: d.Params[0], yName: v, xRange: autoRange(), yRange: autoRange(), layers: layers}
	return newChart(f), nil
}

// FixedPoints tabulates fixed points: the state (columns named by vars),
// the stability class and the eigenvalues.
func FixedPoints(vars []string, fps []analysis.FixedPoint) *Table {
	t := &Table{Title: "fixed points", Header: append(slices.Clone(vars), "class", "eigenvalues")}
	for _, fp := range fps {
		row := make([]string, 0, len(vars)+2)
		for k := range vars {
			cell := "—"
			if k < len(fp.X) {
				cell = strconv.FormatFloat(fp.X[k], 'g', 6, 64)
			}
			row = append(row, cell)
		}
		ev := make([]string, len(fp.Eigen))
		for k, e := range fp.Eigen {
			ev[k] = formatComplex(e)
		}
		t.Rows = append(t.Rows, append(row, fp.Class.String(), strings.Join(ev, ", ")))
	}
	return t
}

// formatComplex writes a + bi with 4 significant digits, dropping a zero
// imaginary part.
func formatComplex(e complex128) string {
	re, im := real(e), imag(e)
	if im == 0 || cmplx.IsNaN(e) {
		return strconv.FormatFloat(re, 'g', 4, 64)
	}
	sign := "+"
	if im < 0 {
		sign, im = "−", -im
	}
	return fmt.Sprintf("%s %s %si", strconv.FormatFloat(re, 'g', 4, 64), sign, strconv.FormatFloat(im, 'g', 4, 64))
}

// FixedPointEigenvalues plots the eigenvalues of a fixed point's Jacobian,
// titled by its stability class.
func FixedPointEigenvalues(fp analysis.FixedPoint) (*Chart, error) {
	return Eigenvalues(fp.Eigen, "eigenvalues ("+fp.Class.String()+")")
}

// TwoParameter plots codimension-two bifurcation curves (fold and Hopf
// curves from analysis.ContinueCurve) in the plane of their two
// parameters, one colour per kind: the regions they bound have a
// different number or stability of equilibria.
func TwoParameter(curves ...*analysis.Curve) (*Chart, error) {
	if len(curves) == 0 {
		return nil, fmt.Errorf("%w: TwoParameter: no curves", ErrData)
	}
	f := figure{xRange: autoRange(), yRange: autoRange()}
	for _, cv := range curves {
		if cv == nil {
			return nil, fmt.Errorf("%w: TwoParameter: nil curve", ErrData)
		}
		if f.xName == "" {
			f.xName, f.yName = cv.Params[0], cv.Params[1]
		} else if cv.Params != [2]string{f.xName, f.yName} {
			return nil, fmt.Errorf("%w: TwoParameter: curves in (%s, %s) and (%s, %s)", ErrData, f.xName, f.yName, cv.Params[0], cv.Params[1])
		}
		xy := make([]float64, 0, 2*len(cv.Points))
		for _, p := range cv.Points {
			xy = append(xy, p.P[0], p.P[1])
		}
		colour := paletteColour(0)
		if cv.Kind == analysis.Hopf {
			colour = paletteColour(3)
		}
		f.layers = append(f.layers, layer{kind: lineLayer, name: cv.Kind.String(), xy: xy, colour: colour, width: 2})
	}
	f.title = fmt.Sprintf("bifurcation curves in (%s, %s)", f.xName, f.yName)
	return newChart(f), nil
}
