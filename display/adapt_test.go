package display

import (
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/braingo/braingo/bp"
	"github.com/braingo/braingo/bp/analysis"
	bm "github.com/braingo/braingo/bp/math"
)

func TestTraceAdapter(t *testing.T) {
	tr := &bp.Trace{Name: "V", Index: []int{3, 5, 7}, T: []float64{0, 0.1, 0.2},
		Values: [][]float64{{1, 2, 3}, {4, 5, 6}, {7, 8, 9}}}
	c, err := Trace(tr, LineOpts{}, 5)
	if err != nil {
		t.Fatal(err)
	}
	s, data := seriesData(t, option(t, c), 0)
	if s["name"] != "V[5]" || len(data) != 3 {
		t.Fatalf("series %v with %d points", s["name"], len(data))
	}
	for k, p := range data {
		if xy := p.([]any); xy[0].(float64) != tr.T[k] || xy[1].(float64) != tr.Values[k][1] {
			t.Errorf("point %d = %v, want [%v %v]", k, xy, tr.T[k], tr.Values[k][1])
		}
	}
	if _, err := Trace(tr, LineOpts{}, 4); !errors.Is(err, ErrData) {
		t.Errorf("picking an unrecorded neuron: %v", err)
	}
	if _, err := Trace(nil, LineOpts{}); !errors.Is(err, ErrData) {
		t.Errorf("nil trace: %v", err)
	}

	wide := &bp.Trace{Name: "g", T: []float64{0, 1}}
	for i := range 12 {
		wide.Index = append(wide.Index, i)
	}
	wide.Values = [][]float64{make([]float64, 12), make([]float64, 12)}
	c, err = Trace(wide, LineOpts{})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(option(t, c)["series"].([]any)); n != DefaultTraceCurves || !strings.Contains(c.fig.note, "first 10 of 12") {
		t.Errorf("%d curves, note %q; want %d and a note", n, c.fig.note, DefaultTraceCurves)
	}
}

func TestRasterAndRateAdapters(t *testing.T) {
	st := &bp.SpikeTrain{Name: "E.spike", Size: 4, T: []float64{1, 2, 2.5}, Index: []int{0, 3, 1}}
	c, err := Raster(st, RasterOpts{})
	if err != nil {
		t.Fatal(err)
	}
	if c.Title() != "E.spike" || c.fig.yRange[1] != 3.5 {
		t.Errorf("title %q, y range %v; want the train's name and 4 neurons", c.Title(), c.fig.yRange)
	}
	_, data := seriesData(t, option(t, c), 0)
	for k, p := range data {
		if xy := p.([]any); xy[0].(float64) != st.T[k] || int(xy[1].(float64)) != st.Index[k] {
			t.Errorf("spike %d = %v", k, xy)
		}
	}
	if _, err := Rate(st, RateOpts{T0: 0, T1: 10, Bin: 5}); err != nil {
		t.Error(err)
	}
	if _, err := Raster(nil, RasterOpts{}); !errors.Is(err, ErrData) {
		t.Errorf("nil train: %v", err)
	}
}

func TestConnectivityMatchesDenseBlocks(t *testing.T) {
	rng := bm.NewRNG(7)
	rows, cols := 500, 300
	var indptr, indices []int32
	var weights []float64
	dense := make([]float64, rows*cols)
	indptr = append(indptr, 0)
	for i := range rows {
		for j := range cols {
			if rng.Float64() < 0.05 {
				w := rng.Uniform(0, 2)
				indices, weights = append(indices, int32(j)), append(weights, w)
				dense[i*cols+j] = w
			}
		}
		indptr = append(indptr, int32(len(indices)))
	}
	csr, err := bm.NewCSR(rows, cols, indptr, indices, weights, 0)
	if err != nil {
		t.Fatal(err)
	}
	got, err := Connectivity(csr, HeatmapOpts{MaxSide: 64})
	if err != nil {
		t.Fatal(err)
	}
	want, err := HeatmapDense(rows, cols, dense, HeatmapOpts{MaxSide: 64})
	if err != nil {
		t.Fatal(err)
	}
	for k := range want.fig.heat.m {
		if math.Abs(got.fig.heat.m[k]-want.fig.heat.m[k]) > 1e-12 {
			t.Fatalf("block %d: sparse %v, dense %v", k, got.fig.heat.m[k], want.fig.heat.m[k])
		}
	}
	if _, err := Connectivity(&bm.CSR{Rows: 2, Cols: 2, Indptr: []int32{0, 1}}, HeatmapOpts{}); !errors.Is(err, ErrData) {
		t.Errorf("invalid CSR: %v", err)
	}
}

// fitzHughNagumo is the FitzHugh–Nagumo model of BrainPy's tutorial.
func fitzHughNagumo(I float64) analysis.Model {
	return analysis.Model{
		Vars:   []string{"V", "w"},
		Params: analysis.Params{"a": 0.7, "b": 0.8, "tau": 12.5, "I": I},
		F: func(dst, x []float64, p analysis.Params) {
			V, w := x[0], x[1]
			dst[0] = V - V*V*V/3 - w + p["I"]
			dst[1] = (V + p["a"] - p["b"]*w) / p["tau"]
		},
	}
}

func TestPlaneAdapterCarriesTheAnalysis(t *testing.T) {
	m := fitzHughNagumo(0.8)
	p, err := analysis.PhasePlane2D(m, analysis.Axis{Name: "V", Min: -3, Max: 3}, analysis.Axis{Name: "w", Min: -3, Max: 3},
		analysis.PhasePlane2DSettings{})
	if err != nil {
		t.Fatal(err)
	}
	tr, err := analysis.Simulate(m, []float64{-2, -1}, analysis.SimSettings{Duration: 50})
	if err != nil {
		t.Fatal(err)
	}
	c, err := Plane(p, "FitzHugh–Nagumo", tr)
	if err != nil {
		t.Fatal(err)
	}
	opt := option(t, c)
	series := opt["series"].([]any)
	// Field, V nullcline, w nullcline, trajectory, one fixed-point class.
	if len(series) != 5 || len(p.Fixed) != 1 {
		t.Fatalf("%d series and %d fixed points, want 5 and 1", len(series), len(p.Fixed))
	}
	_, arrows := seriesData(t, opt, 0)
	if len(arrows) > maxArrowsPerSide*maxArrowsPerSide*7 {
		t.Errorf("%d vector-field points from a %d×%d grid, bound %d", len(arrows), len(p.X), len(p.Y), maxArrowsPerSide*maxArrowsPerSide*7)
	}
	s, fp := seriesData(t, opt, 4)
	xy := fp[0].([]any)
	if s["name"] != p.Fixed[0].Class.String() || s["symbol"] != "emptyCircle" ||
		math.Abs(xy[0].(float64)-p.Fixed[0].X[0]) > 1e-6 || math.Abs(xy[1].(float64)-p.Fixed[0].X[1]) > 1e-6 {
		t.Errorf("fixed point series %v %v at %v, want %v at %v", s["name"], s["symbol"], xy, p.Fixed[0].Class, p.Fixed[0].X)
	}
	// The drawn V nullcline is the analysis' polyline, at most thinned
	// where points are closer than a pixel, with both ends kept.
	_, nc := seriesData(t, opt, 1)
	line := p.XNullcline[0]
	j := 0
	for _, q := range nc {
		xy := q.([]any)
		for j < len(line.X) && !(math.Abs(line.X[j]-xy[0].(float64)) < 1e-6 && math.Abs(line.Y[j]-xy[1].(float64)) < 1e-6) {
			j++
		}
		if j == len(line.X) {
			t.Fatalf("nullcline point %v is not on the analysis polyline (in order)", xy)
		}
	}
	if j != len(line.X)-1 || len(nc) < len(line.X)*9/10 {
		t.Errorf("nullcline: %d of %d points drawn, last at %d", len(nc), len(line.X), j)
	}
	if size := len(c.HTML()); size > 200_000 {
		t.Errorf("phase plane HTML is %d bytes, want under 200 kB", size)
	}
	svgElements(t, c.SVG())
}

func TestBranchesAdapterMarksHopfPoints(t *testing.T) {
	br, err := analysis.Continue(fitzHughNagumo(0), "I", []float64{-1.2, -0.6}, analysis.ContinuationSettings{Min: 0, Max: 2})
	if err != nil {
		t.Fatal(err)
	}
	cycles, err := analysis.LimitCycles(fitzHughNagumo(0), analysis.Axis{Name: "I", Min: 0.5, Max: 1.2, N: 4}, []float64{-1, 1}, analysis.CycleSettings{})
	if err != nil {
		t.Fatal(err)
	}
	c, err := Branches("V", []*analysis.Branch{br}, cycles)
	if err != nil {
		t.Fatal(err)
	}
	pts := pointsByName(t, c)
	hopf, cyclePoints := pts["Hopf"], len(pts["limit cycle (stable)"])
	if len(hopf) != len(br.Hopfs()) || len(hopf) != 2 {
		t.Fatalf("%d Hopf markers, the branch has %d", len(hopf), len(br.Hopfs()))
	}
	for k, h := range br.Hopfs() {
		if math.Abs(hopf[k][0].(float64)-h.P) > 1e-6 {
			t.Errorf("Hopf marker at I = %v, the branch has %v", hopf[k][0], h.P)
		}
	}
	if cyclePoints != 8 {
		t.Errorf("%d limit-cycle extrema, want 8 (max and min at 4 values)", cyclePoints)
	}
	if _, err := Branches("x", []*analysis.Branch{br}, nil); !errors.Is(err, ErrData) {
		t.Errorf("unknown variable: %v", err)
	}
}

func TestPhaseLineAndSampled(t *testing.T) {
	m := analysis.Model{Vars: []string{"x"}, Params: analysis.Params{"I": 0},
		F: func(dst, x []float64, p analysis.Params) { dst[0] = math.Sin(x[0]) + p["I"] }}
	p, err := analysis.PhasePlane1D(m, analysis.Axis{Name: "x", Min: -4, Max: 4}, analysis.PhasePlane1DSettings{})
	if err != nil {
		t.Fatal(err)
	}
	c, err := PhaseLine(p, "sin")
	if err != nil {
		t.Fatal(err)
	}
	pts := pointsByName(t, c)
	stable, unstable := len(pts["stable point"]), len(pts["unstable point"])
	if stable != 2 || unstable != 1 {
		t.Errorf("%d stable and %d unstable points, want 2 and 1", stable, unstable)
	}
	d, err := analysis.Bifurcation(m, []analysis.Axis{{Name: "x", Min: -4, Max: 4}}, []analysis.Axis{{Name: "I", Min: -0.5, Max: 0.5, N: 5}}, analysis.BifurcationSettings{})
	if err != nil {
		t.Fatal(err)
	}
	c, err = Sampled(d, "x")
	if err != nil {
		t.Fatal(err)
	}
	if n := totalPoints(pointsByName(t, c)); n != len(d.Points) {
		t.Errorf("%d points drawn, the diagram has %d", n, len(d.Points))
	}
}

func TestFastSlowAdapter(t *testing.T) {
	// Hindmarsh–Rose burster: x′ = y − x³ + 3x² − z + I, y′ = 1 − 5x² − y,
	// z′ = r (4 (x + 1.6) − z); fast (x, y), slow z.
	m := analysis.Model{
		Vars:   []string{"x", "y", "z"},
		Params: analysis.Params{"I": 2, "r": 0.001},
		F: func(dst, v []float64, p analysis.Params) {
			x, y, z := v[0], v[1], v[2]
			dst[0] = y - x*x*x + 3*x*x - z + p["I"]
			dst[1] = 1 - 5*x*x - y
			dst[2] = p["r"] * (4*(x+1.6) - z)
		},
	}
	r, err := analysis.FastSlow(m,
		[]analysis.Axis{{Name: "x", Min: -3, Max: 2.5, N: 56}, {Name: "y", Min: -32, Max: 3, N: 71}},
		[]analysis.Axis{{Name: "z", Min: 1, Max: 3.5, N: 11}},
		analysis.FastSlowSettings{Init: []float64{-1.6, -12, 2}, Sim: analysis.SimSettings{Duration: 300, Every: 10}})
	if err != nil {
		t.Fatal(err)
	}
	c, err := FastSlow(r, "x")
	if err != nil {
		t.Fatal(err)
	}
	pts := pointsByName(t, c)
	folds, trajectory := len(pts["fold"]), len(pts["trajectory"])
	// The S-shaped branch of the fast subsystem folds twice.
	if folds != 2 || trajectory < 2 {
		t.Errorf("%d fold markers and a trajectory of %d points; want 2 folds and the orbit", folds, trajectory)
	}
	if c.fig.xName != "z" || c.fig.yName != "x" {
		t.Errorf("axes %q, %q; want z across and x up", c.fig.xName, c.fig.yName)
	}
}

func TestRastersStackPopulations(t *testing.T) {
	e := &bp.SpikeTrain{Name: "E", Size: 3, T: []float64{1, 2}, Index: []int{0, 2}}
	i := &bp.SpikeTrain{Name: "I", Size: 2, T: []float64{1.5}, Index: []int{1}}
	c, err := Rasters(RasterOpts{Title: "E/I"}, e, i)
	if err != nil {
		t.Fatal(err)
	}
	opt := option(t, c)
	s, data := seriesData(t, opt, 1)
	if s["name"] != "I" || len(data) != 1 || data[0].([]any)[1].(float64) != 4 {
		t.Errorf("I series %v %v: want its neuron 1 drawn in row 3 + 1 = 4", s["name"], data)
	}
	if c.fig.yRange[1] != 4.5 {
		t.Errorf("y range %v, want up to 4.5 (5 neurons)", c.fig.yRange)
	}
	// Thinning shares the bound by spike count: E holds 3/4 of 4000
	// spikes, I 1/4, with a bound of 400.
	big, _ := spikes(30, 1, 100)
	var ei, ii []int
	var et, it []float64
	for k, tt := range big {
		if k%4 == 3 {
			it, ii = append(it, tt), append(ii, k%10)
		} else {
			et, ei = append(et, tt), append(ei, k%30)
		}
	}
	c, err = Rasters(RasterOpts{MaxSpikes: 400}, &bp.SpikeTrain{Name: "E", Size: 30, T: et, Index: ei}, &bp.SpikeTrain{Name: "I", Size: 10, T: it, Index: ii})
	if err != nil {
		t.Fatal(err)
	}
	n := totalPoints(pointsByName(t, c))
	if n > 400 || !strings.Contains(c.fig.note, "E: every") || !strings.Contains(c.fig.note, "I: every") {
		t.Errorf("%d spikes drawn (bound 400), note %q", n, c.fig.note)
	}
	if _, err := Rasters(RasterOpts{}, e, nil); !errors.Is(err, ErrData) {
		t.Errorf("nil train: %v", err)
	}
}

func TestTwoParameterCurves(t *testing.T) {
	m := fitzHughNagumo(0)
	br, err := analysis.Continue(m, "I", []float64{-1.2, -0.6}, analysis.ContinuationSettings{Min: 0, Max: 2})
	if err != nil {
		t.Fatal(err)
	}
	cv, err := analysis.ContinueCurve(m, br.Hopfs()[0], "I", analysis.Axis{Name: "b", Min: 0.5, Max: 1.1}, analysis.ContinuationSettings{Min: -1, Max: 3})
	if err != nil {
		t.Fatal(err)
	}
	c, err := TwoParameter(cv)
	if err != nil {
		t.Fatal(err)
	}
	s, data := seriesData(t, option(t, c), 0)
	if s["name"] != "Hopf" || len(data) != len(cv.Points) || c.fig.xName != "I" || c.fig.yName != "b" {
		t.Fatalf("series %v with %d points on (%s, %s); the curve has %d points in (I, b)", s["name"], len(data), c.fig.xName, c.fig.yName, len(cv.Points))
	}
	for k, p := range data {
		xy := p.([]any)
		if math.Abs(xy[0].(float64)-cv.Points[k].P[0]) > 1e-6*math.Max(1, math.Abs(cv.Points[k].P[0])) || math.Abs(xy[1].(float64)-cv.Points[k].P[1]) > 1e-6 {
			t.Fatalf("point %d = %v, the curve has %v", k, xy, cv.Points[k].P)
		}
	}
	if _, err := TwoParameter(); !errors.Is(err, ErrData) {
		t.Errorf("no curves: %v", err)
	}
}

func TestLongTrajectoryIsBounded(t *testing.T) {
	// A spiral winding 1000 times in 200 000 points: a path of some 10^6
	// pixels, far more than MaxCurvePoints at any sub-pixel spacing.
	n := 200_000
	c := Curve{Name: "spiral", X: make([]float64, n), Y: make([]float64, n)}
	for i := range n {
		a := float64(i) / float64(n) * 1000 * 2 * math.Pi
		r := 1 + float64(i)/float64(n)
		c.X[i], c.Y[i] = r*math.Cos(a), r*math.Sin(a)
	}
	ch, err := PhasePlane(PhasePlaneData{Trajectories: []Curve{c}})
	if err != nil {
		t.Fatal(err)
	}
	_, data := seriesData(t, option(t, ch), 0)
	if len(data) > MaxCurvePoints || len(data) < MaxCurvePoints/4 {
		t.Errorf("trajectory kept %d points, want at most %d (and not far fewer)", len(data), MaxCurvePoints)
	}
	if size := len(ch.HTML()); size > 600_000 {
		t.Errorf("HTML is %d bytes", size)
	}
}

func TestTraceHeatmap(t *testing.T) {
	// A bump moving up a ring of 50 elements over 400 records.
	tr := &bp.Trace{Name: "r"}
	for j := range 50 {
		tr.Index = append(tr.Index, j)
	}
	for k := range 400 {
		tr.T = append(tr.T, float64(k)*0.5)
		row := make([]float64, 50)
		row[k/8] = 1
		tr.Values = append(tr.Values, row)
	}
	c, err := TraceHeatmap(tr, HeatmapOpts{MaxSide: 100})
	if err != nil {
		t.Fatal(err)
	}
	hm := c.fig.heat
	if hm.rows != 50 || hm.cols != 100 || hm.xLabels[1] != "2" || hm.yLabels[49] != "49" {
		t.Fatalf("%d×%d cells, labels %q and %q; want 50×100, column 1 at t = 2, row 49 = element 49", hm.rows, hm.cols, hm.xLabels[1], hm.yLabels[49])
	}
	// Column block c holds records 4c..4c+3, all with the bump on element c/2.
	for col := range 100 {
		for row := range 50 {
			want := 0.0
			if row == col/2 {
				want = 1
			}
			if got := hm.m[row*100+col]; got != want {
				t.Fatalf("cell (%d, %d) = %v, want %v", row, col, got, want)
			}
		}
	}
	if xr, _ := c.fig.ranges(); xr != [2]float64{0, 199.5} {
		t.Errorf("picture's time axis %v, want the trace's 0 … 199.5", xr)
	}
	tr.Values[3][2] = math.NaN()
	if _, err := TraceHeatmap(tr, HeatmapOpts{}); !errors.Is(err, ErrData) {
		t.Errorf("NaN record: %v", err)
	}
}

func TestISI(t *testing.T) {
	// Neuron 0 fires every 10 ms, neuron 1 every 20 ms, interleaved.
	st := &bp.SpikeTrain{Name: "E", Size: 2}
	for t := 0.0; t < 100; t += 10 {
		st.T, st.Index = append(st.T, t), append(st.Index, 0)
		if int(t)%20 == 0 {
			st.T, st.Index = append(st.T, t+1), append(st.Index, 1)
		}
	}
	c, err := ISI(st, HistOpts{Bins: 2})
	if err != nil {
		t.Fatal(err)
	}
	// 9 intervals of 10 ms and 4 of 20 ms: bins [10, 15) and [15, 20].
	pts := pointsByName(t, c)["count"]
	if len(pts) != 2 || pts[0][1].(float64) != 9 || pts[1][1].(float64) != 4 {
		t.Errorf("ISI histogram %v, want 9 in the first bin and 4 in the second", pts)
	}
	if _, err := ISI(&bp.SpikeTrain{Name: "x", Size: 1, T: []float64{1}, Index: []int{0}}, HistOpts{}); !errors.Is(err, ErrData) {
		t.Errorf("one spike: %v", err)
	}
}
