package display

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"encoding/xml"
	"errors"
	"image/png"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// option parses a chart's ECharts option.
func option(t *testing.T, c *Chart) map[string]any {
	t.Helper()
	b, err := c.Option()
	if err != nil {
		t.Fatalf("Option: %v", err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("option is not JSON: %v\n%s", err, b)
	}
	return m
}

// seriesData returns series k's data as [][]any.
func seriesData(t *testing.T, opt map[string]any, k int) (map[string]any, []any) {
	t.Helper()
	ss := opt["series"].([]any)
	if k >= len(ss) {
		t.Fatalf("option has %d series, want at least %d", len(ss), k+1)
	}
	s := ss[k].(map[string]any)
	d, _ := s["data"].([]any)
	return s, d
}

// pointsByName gathers the data points of a chart's series by series name
// ("" for unnamed series), in series order.
func pointsByName(t *testing.T, c *Chart) map[string][][]any {
	t.Helper()
	out := map[string][][]any{}
	for _, s := range option(t, c)["series"].([]any) {
		s := s.(map[string]any)
		name, _ := s["name"].(string)
		for _, p := range s["data"].([]any) {
			out[name] = append(out[name], p.([]any))
		}
	}
	return out
}

// totalPoints counts the points of all series.
func totalPoints(pts map[string][][]any) int {
	n := 0
	for _, p := range pts {
		n += len(p)
	}
	return n
}

// svgElements checks that s is well-formed XML and counts its elements by
// name.
func svgElements(t *testing.T, s string) map[string]int {
	t.Helper()
	count := map[string]int{}
	dec := xml.NewDecoder(strings.NewReader(s))
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("SVG is not well-formed XML: %v", err)
		}
		if se, ok := tok.(xml.StartElement); ok {
			count[se.Name.Local]++
		}
	}
	if count["svg"] == 0 {
		t.Fatalf("no <svg> element")
	}
	return count
}

func TestLinesOptionCarriesTheData(t *testing.T) {
	ts := []float64{0, 0.1, 0.2, 0.3}
	ys := [][]float64{{-65, -64.5, -60.25, 20}, {1, 2, math.NaN(), 4}}
	c, err := Lines(ts, ys, LineOpts{Title: "V", Names: []string{"n0", "n1"}})
	if err != nil {
		t.Fatal(err)
	}
	opt := option(t, c)
	for k, y := range ys {
		s, data := seriesData(t, opt, k)
		if s["type"] != "line" || s["name"] != []string{"n0", "n1"}[k] {
			t.Errorf("series %d: type %v name %v", k, s["type"], s["name"])
		}
		if len(data) != len(ts) {
			t.Fatalf("series %d has %d points, want %d", k, len(data), len(ts))
		}
		for i, p := range data {
			xy := p.([]any)
			if xy[0].(float64) != ts[i] {
				t.Errorf("series %d point %d: x %v, want %v", k, i, xy[0], ts[i])
			}
			if math.IsNaN(y[i]) {
				if xy[1] != "-" {
					t.Errorf("series %d point %d: NaN written as %v, want \"-\"", k, i, xy[1])
				}
			} else if xy[1].(float64) != y[i] {
				t.Errorf("series %d point %d: y %v, want %v", k, i, xy[1], y[i])
			}
		}
	}
	el := svgElements(t, c.SVG())
	// Frame: grid and axis paths, then one path per curve (the NaN splits
	// curve 1 into two pieces of one path) and a legend swatch per curve.
	if el["path"] != 2+2*len(ys) {
		t.Errorf("SVG has %d paths, want %d", el["path"], 2+2*len(ys))
	}
}

func TestLinesThinsLongCurvesKeepingPeaks(t *testing.T) {
	n := 100_000
	ts := make([]float64, n)
	y := make([]float64, n)
	for i := range n {
		ts[i] = float64(i) * 0.1
		y[i] = -65 + 5*math.Sin(float64(i)/500)
	}
	y[12345], y[67890] = 40, -90 // one spike, one deep trough
	c, err := Lines(ts, [][]float64{y}, LineOpts{})
	if err != nil {
		t.Fatal(err)
	}
	_, data := seriesData(t, option(t, c), 0)
	if len(data) > DefaultMaxPoints {
		t.Errorf("interactive curve has %d points, bound is %d", len(data), DefaultMaxPoints)
	}
	var hasPeak, hasTrough bool
	for _, p := range data {
		v := p.([]any)[1].(float64)
		hasPeak = hasPeak || v == 40
		hasTrough = hasTrough || v == -90
	}
	if !hasPeak || !hasTrough {
		t.Errorf("decimation lost the extremes: peak %v trough %v", hasPeak, hasTrough)
	}
	if size := len(c.SVG()); size > 40_000 {
		t.Errorf("SVG of one 100k-sample curve is %d bytes, want under 40 kB", size)
	}
}

func TestMinMaxDecimateKeepsOrderAndExtremes(t *testing.T) {
	x := []float64{0, 1, 2, 3, 4, 5, 6, 7}
	y := []float64{0, 5, -1, 2, 3, -7, 9, 1}
	got := minMaxDecimate(x, y, 2) // buckets [0,4) and [4,8)
	want := []float64{1, 5, 2, -1, 5, -7, 6, 9}
	if len(got) != len(want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("got %v, want %v", got, want)
		}
	}
}

// spikes returns a raster of n neurons firing regularly with period ms,
// staggered, over [0, T).
func spikes(n int, period, T float64) (times []float64, index []int) {
	for t := 0.0; t < T; t += period {
		for i := range n {
			times = append(times, t+period*float64(i)/float64(n))
			index = append(index, i)
		}
	}
	return times, index
}

// chartBound is the stated bound on the HTML of a raster, picture
// included, whatever its spike count.
const chartBound = 1_600_000

func TestRasterLargeModeAndSizeBound(t *testing.T) {
	for _, tc := range []struct {
		name       string
		n          int
		period     float64
		wantThin   bool
		wantSpikes int
	}{
		{"100k spikes", 1000, 10, false, 100_000},    // 1000 neurons × 100 spikes
		{"1M spikes", 4000, 4, true, 1_000_000 / 10}, // every 10th neuron kept
	} {
		t.Run(tc.name, func(t *testing.T) {
			times, index := spikes(tc.n, tc.period, 1000)
			if len(times) != tc.wantSpikes && !tc.wantThin {
				t.Fatalf("setup: %d spikes", len(times))
			}
			c, err := RasterPoints(times, index, RasterOpts{Title: "raster", N: tc.n})
			if err != nil {
				t.Fatal(err)
			}
			s, data := seriesData(t, option(t, c), 0)
			if s["large"] != true || s["type"] != "scatter" {
				t.Errorf("raster series: type %v large %v, want scatter in large mode", s["type"], s["large"])
			}
			if len(data) > DefaultMaxSpikes || len(data) != tc.wantSpikes {
				t.Errorf("interactive raster has %d spikes, want %d (bound %d)", len(data), tc.wantSpikes, DefaultMaxSpikes)
			}
			if thinned := strings.Contains(c.fig.note, "every"); thinned != tc.wantThin {
				t.Errorf("note %q, thinned %v, want %v", c.fig.note, thinned, tc.wantThin)
			}
			html := c.HTML()
			if len(html) > chartBound {
				t.Errorf("HTML is %d bytes, bound %d", len(html), chartBound)
			}
			svg := c.SVG()
			if el := svgElements(t, svg); el["image"] != 1 || len(svg) > 100_000 {
				t.Errorf("SVG has %d images and %d bytes, want the spike bitmap and under 100 kB", el["image"], len(svg))
			}
			t.Logf("%d spikes: HTML %d bytes, SVG %d bytes", len(times), len(html), len(svg))
		})
	}
}

func TestThinSpikesKeepsWholeTrains(t *testing.T) {
	times, index := spikes(10, 1, 100) // 1000 spikes, 100 per neuron
	pairs, ns, ss := thinSpikes(times, index, 300)
	if ns != 4 || ss != 1 {
		t.Fatalf("strides %d, %d; want neuron stride 4 and spike stride 1", ns, ss)
	}
	per := map[float64]int{}
	for k := 1; k < len(pairs); k += 2 {
		per[pairs[k]]++
	}
	for i, c := range per {
		if int(i)%4 != 0 || c != 100 {
			t.Errorf("neuron %v kept %d spikes; want neurons 0,4,8 with all 100", i, c)
		}
	}
	// One neuron holding all spikes: the spike stride has to do the work.
	times = make([]float64, 1000)
	index = make([]int, 1000)
	for k := range times {
		times[k] = float64(k)
	}
	pairs, _, ss = thinSpikes(times, index, 300)
	if len(pairs)/2 > 300 || ss != 4 {
		t.Errorf("kept %d spikes with spike stride %d, want at most 300 with stride 4", len(pairs)/2, ss)
	}
}

func TestRasterMatrixMatchesList(t *testing.T) {
	ts := []float64{0, 0.1, 0.2}
	m := [][]bool{{true, false}, {false, false}, {true, true}}
	c, err := RasterMatrix(ts, m, RasterOpts{})
	if err != nil {
		t.Fatal(err)
	}
	_, data := seriesData(t, option(t, c), 0)
	want := [][2]float64{{0, 0}, {0.2, 0}, {0.2, 1}}
	if len(data) != len(want) {
		t.Fatalf("%d spikes, want %d", len(data), len(want))
	}
	for k, p := range data {
		xy := p.([]any)
		if xy[0].(float64) != want[k][0] || xy[1].(float64) != want[k][1] {
			t.Errorf("spike %d = %v, want %v", k, xy, want[k])
		}
	}
}

func TestPopulationRateOfRegularFiring(t *testing.T) {
	// 50 neurons each firing every 10 ms: 100 Hz in every 5 ms bin once
	// smoothed over a full period.
	times, _ := spikes(50, 10, 1000)
	ts, rate, err := populationRate(times, 50, RateOpts{Bin: 1, Smooth: 10, T0: 0, T1: 1000})
	if err != nil {
		t.Fatal(err)
	}
	if len(ts) != 1000 || ts[0] != 0.5 {
		t.Fatalf("%d bins starting at %v, want 1000 from 0.5", len(ts), ts[0])
	}
	for k := 10; k < 990; k++ {
		if math.Abs(rate[k]-100) > 1e-9 {
			t.Fatalf("rate[%d] = %v Hz, want 100", k, rate[k])
		}
	}
	if _, err := PopulationRate(times, 50, RateOpts{}); err != nil {
		t.Fatal(err)
	}
}

func TestHistogramCounts(t *testing.T) {
	values := []float64{0, 0.5, 1, 1, 2, 3.9, 4}
	c, err := Histogram(values, HistOpts{Bins: 4})
	if err != nil {
		t.Fatal(err)
	}
	// Bins of width 1 over [0, 4]; the maximum falls in the last bin.
	want := []float64{2, 2, 1, 2}
	_, data := seriesData(t, option(t, c), 0)
	for k, p := range data {
		xy := p.([]any)
		if xy[0].(float64) != float64(k)+0.5 || xy[1].(float64) != want[k] {
			t.Errorf("bin %d = %v, want [%v %v]", k, xy, float64(k)+0.5, want[k])
		}
	}
	svgElements(t, c.SVG())
}

func TestHeatmapBlockMeans(t *testing.T) {
	// 300×200 matrix with value i+j: blocks to 100×100 (3×2 blocks).
	rows, cols := 300, 200
	m := make([][]float64, rows)
	for i := range m {
		m[i] = make([]float64, cols)
		for j := range m[i] {
			m[i][j] = float64(i + j)
		}
	}
	c, err := Heatmap(m, HeatmapOpts{MaxSide: 100})
	if err != nil {
		t.Fatal(err)
	}
	hm := c.fig.heat
	if hm.rows != 100 || hm.cols != 100 {
		t.Fatalf("reduced to %d×%d, want 100×100", hm.rows, hm.cols)
	}
	// Block (bi, bj) holds rows 3bi..3bi+2, columns 2bj..2bj+1: mean 3bi+1 + 2bj+0.5.
	for _, b := range [][2]int{{0, 0}, {5, 7}, {99, 99}} {
		want := float64(3*b[0]+1) + float64(2*b[1]) + 0.5
		if got := hm.m[b[0]*100+b[1]]; math.Abs(got-want) > 1e-12 {
			t.Errorf("block %v mean %v, want %v", b, got, want)
		}
	}
	if hm.yLabels[5] != "15" || hm.xLabels[7] != "14" {
		t.Errorf("labels: row block 5 starts at %s (want 15), column block 7 at %s (want 14)", hm.yLabels[5], hm.xLabels[7])
	}
	opt := option(t, c)
	s, data := seriesData(t, opt, 0)
	if s["type"] != "heatmap" || len(data) != 100*100 {
		t.Errorf("heatmap series type %v with %d cells, want heatmap with %d", s["type"], len(data), 100*100)
	}
	el := svgElements(t, c.SVG())
	if el["image"] != 1 {
		t.Errorf("SVG has %d images, want the one heatmap PNG", el["image"])
	}
}

func TestPhasePlaneLayers(t *testing.T) {
	// Linear focus dx = y, dy = -x - y/2 on a 5×4 grid.
	xs, ys := []float64{-2, -1, 0, 1, 2}, []float64{-1, 0, 1, 2}
	fd := &Field{X: xs, Y: ys}
	for _, y := range ys {
		var u, v []float64
		for _, x := range xs {
			u, v = append(u, y), append(v, -x-y/2)
		}
		fd.U, fd.V = append(fd.U, u), append(fd.V, v)
	}
	c, err := PhasePlane(PhasePlaneData{
		Title: "focus", XLabel: "x", YLabel: "y", Field: fd,
		Nullclines:   []Curve{{Name: "x nullcline", X: []float64{-2, 2}, Y: []float64{0, 0}}},
		Trajectories: []Curve{{X: []float64{1, 0.5, 0}, Y: []float64{1, 0.2, -0.1}}},
		FixedPoints:  []Point{{X: 0, Y: 0, Stable: true, Label: "stable focus"}, {X: 1, Y: 1, Stable: false}},
	})
	if err != nil {
		t.Fatal(err)
	}
	opt := option(t, c)
	_, arrows := seriesData(t, opt, 0)
	// The origin is the only grid point with a zero vector: 19 arrows of
	// 3 + 1 + 2 + 1 points.
	if len(arrows) != 19*7 {
		t.Errorf("vector field has %d points, want %d", len(arrows), 19*7)
	}
	s, fp := seriesData(t, opt, 3)
	if s["name"] != "stable focus" || s["symbol"] != "circle" || len(fp) != 1 {
		t.Errorf("fixed point series %v %v with %d points", s["name"], s["symbol"], len(fp))
	}
	s, _ = seriesData(t, opt, 4)
	if s["name"] != "unstable" || s["symbol"] != "emptyCircle" {
		t.Errorf("unstable point drawn as %v %v", s["name"], s["symbol"])
	}
	svgElements(t, c.SVG())
}

func TestBifurcationSplitsByStability(t *testing.T) {
	p := []float64{0, 1, 2, 3, 4}
	c, err := Bifurcation(BifurcationData{
		Equilibria: []Branch{{P: p, X: []float64{0, 1, 2, 3, 4}, Stable: []bool{true, true, false, false, true}}},
		Cycles:     []Branch{{P: p[2:4], X: []float64{5, 6}, Stable: []bool{true, true}}},
		Points:     []Point{{X: 1.5, Y: 1.5, Label: "Hopf"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	opt := option(t, c)
	series := opt["series"].([]any)
	wantNames := []string{"fixed points (stable)", "fixed points (unstable)", "fixed points (stable)", "limit cycle (stable)", "Hopf"}
	wantLen := []int{3, 3, 1, 2, 1}
	if len(series) != len(wantNames) {
		t.Fatalf("%d series, want %d", len(series), len(wantNames))
	}
	for k := range series {
		s, data := seriesData(t, opt, k)
		if s["name"] != wantNames[k] || len(data) != wantLen[k] {
			t.Errorf("series %d: %v with %d points, want %q with %d", k, s["name"], len(data), wantNames[k], wantLen[k])
		}
	}
	if ls := series[1].(map[string]any)["lineStyle"].(map[string]any); ls["type"] != "dashed" {
		t.Errorf("unstable branch line style %v, want dashed", ls)
	}
	svgElements(t, c.SVG())
}

func TestEigenvalues(t *testing.T) {
	c, err := Eigenvalues([]complex128{complex(-1, 2), complex(-1, -2), 0.5}, "J")
	if err != nil {
		t.Fatal(err)
	}
	opt := option(t, c)
	if _, d := seriesData(t, opt, 1); len(d) != 2 {
		t.Errorf("stable eigenvalues: %d, want 2", len(d))
	}
	if _, d := seriesData(t, opt, 2); len(d) != 1 {
		t.Errorf("unstable eigenvalues: %d, want 1", len(d))
	}
	svgElements(t, c.SVG())
}

func TestBadInputIsAnError(t *testing.T) {
	nan := math.NaN()
	for name, f := range map[string]func() (*Chart, error){
		"lines length": func() (*Chart, error) { return Lines([]float64{0, 1}, [][]float64{{1}}, LineOpts{}) },
		"lines none":   func() (*Chart, error) { return Lines([]float64{0}, nil, LineOpts{}) },
		"lines names": func() (*Chart, error) {
			return Lines([]float64{0}, [][]float64{{1}}, LineOpts{Names: []string{"a", "b"}})
		},
		"lines NaN t":     func() (*Chart, error) { return Lines([]float64{nan}, [][]float64{{1}}, LineOpts{}) },
		"pick range":      func() (*Chart, error) { return TimeSeries([]float64{0}, [][]float64{{1}}, []int{3}, LineOpts{}) },
		"raster length":   func() (*Chart, error) { return RasterPoints([]float64{1}, nil, RasterOpts{}) },
		"raster index":    func() (*Chart, error) { return RasterPoints([]float64{1}, []int{5}, RasterOpts{N: 5}) },
		"raster range":    func() (*Chart, error) { return RasterPoints(nil, nil, RasterOpts{T0: 5, T1: 1}) },
		"raster infinite": func() (*Chart, error) { return RasterPoints(nil, nil, RasterOpts{T1: math.Inf(1)}) },
		"rate range":      func() (*Chart, error) { return PopulationRate([]float64{1}, 1, RateOpts{T0: 0, T1: nan}) },
		"heat range":      func() (*Chart, error) { return Heatmap([][]float64{{1}}, HeatmapOpts{Lo: 1, Hi: nan}) },
		"rate neurons":    func() (*Chart, error) { return PopulationRate([]float64{1}, 0, RateOpts{}) },
		"rate bin":        func() (*Chart, error) { return PopulationRate([]float64{1}, 1, RateOpts{Bin: -1}) },
		"hist empty":      func() (*Chart, error) { return Histogram(nil, HistOpts{}) },
		"hist NaN":        func() (*Chart, error) { return Histogram([]float64{nan}, HistOpts{}) },
		"heat ragged":     func() (*Chart, error) { return Heatmap([][]float64{{1, 2}, {3}}, HeatmapOpts{}) },
		"heat dense":      func() (*Chart, error) { return HeatmapDense(2, 2, []float64{1}, HeatmapOpts{}) },
		"field small":     func() (*Chart, error) { return PhasePlane(PhasePlaneData{Field: &Field{X: []float64{0}}}) },
		"curve length":    func() (*Chart, error) { return PhasePlane(PhasePlaneData{Nullclines: []Curve{{X: []float64{0}}}}) },
		"branch stability": func() (*Chart, error) {
			return Bifurcation(BifurcationData{Equilibria: []Branch{{P: []float64{0}, X: []float64{0}}}})
		},
		"eigen none": func() (*Chart, error) { return Eigenvalues(nil, "") },
	} {
		c, err := f()
		if !errors.Is(err, ErrData) || c != nil {
			t.Errorf("%s: got chart %v, error %v; want an ErrData error", name, c != nil, err)
		}
	}
}

func TestNoNetworkAssets(t *testing.T) {
	t.Setenv(EchartsURLEnv, "")
	c, err := Lines([]float64{0, 1}, [][]float64{{0, 1}}, LineOpts{})
	if err != nil {
		t.Fatal(err)
	}
	// The picture's data URI is base64 text: leave it out of the search.
	html := regexp.MustCompile(`src="data:image/svg\+xml;base64,[^"]*"`).ReplaceAllString(c.HTML(), "")
	for _, bad := range []string{"http", "cdn", "go-echarts-assets", "//"} {
		if strings.Contains(strings.ToLower(html), bad) {
			t.Errorf("chart HTML contains %q", bad)
		}
	}
	if !strings.Contains(html, `"nbextensions/braingo/echarts.min.js"`) {
		t.Errorf("chart HTML does not name the nbextension location")
	}
	if strings.Count(html, "echarts.min.js") != len(echartsPaths) {
		t.Errorf("echarts.min.js should appear only in the location list")
	}
}

func TestEchartsURLFromEnvironmentComesFirst(t *testing.T) {
	t.Setenv(EchartsURLEnv, "/files/echarts.min.js, http://127.0.0.1:8000/e.js")
	got := EchartsURLs()
	want := append([]string{"/files/echarts.min.js", "http://127.0.0.1:8000/e.js"}, echartsPaths...)
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("EchartsURLs() = %v, want %v", got, want)
	}
}

func TestHTMLStructure(t *testing.T) {
	c, err := Lines([]float64{0, 1}, [][]float64{{0, 1}}, LineOpts{Title: "a </script> title"})
	if err != nil {
		t.Fatal(err)
	}
	h1, h2 := c.HTML(), c.HTML()
	id := h1[strings.Index(h1, `id="`)+4:]
	id = id[:strings.Index(id, `"`)]
	if !strings.HasPrefix(id, "braingo-") || strings.Contains(h2, id) {
		t.Errorf("element id %q is not fresh per rendering", id)
	}
	if strings.Count(h1, "</script>") != 2 {
		t.Errorf("the title closed a script element early: %d </script>", strings.Count(h1, "</script>"))
	}
	m := regexp.MustCompile(`<div class="braingo-static"><img [^>]*src="data:image/svg\+xml;base64,([^"]*)"></div>`).FindStringSubmatch(h1)
	if m == nil {
		t.Fatalf("the static picture is not inside the chart div")
	}
	svg, err := base64.StdEncoding.DecodeString(m[1])
	if err != nil {
		t.Fatal(err)
	}
	svgElements(t, string(svg))
}

// TestLoaderScriptParses checks the chart script's syntax with node when
// it is installed.
func TestLoaderScriptParses(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node not installed")
	}
	path := filepath.Join(t.TempDir(), "loader.js")
	if err := os.WriteFile(path, []byte(loaderJS+`("x",["a.js"]);`), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(node, "--check", path).CombinedOutput(); err != nil {
		t.Errorf("loader script does not parse: %v\n%s", err, out)
	}
}

func TestSave(t *testing.T) {
	c, err := Histogram([]float64{1, 2, 2, 3}, HistOpts{Title: "h"})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, name := range []string{"h.svg", "h.html", "h.json"} {
		if err := c.Save(filepath.Join(dir, name)); err != nil {
			t.Errorf("Save(%s): %v", name, err)
		}
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "h.svg")); len(svgElements(t, string(b))) == 0 {
		t.Errorf("saved SVG is empty")
	}
	if err := c.Save(filepath.Join(dir, "h.png")); !errors.Is(err, ErrFormat) {
		t.Errorf("Save(.png) = %v, want ErrFormat", err)
	}
}

// TestRasterPictureMarksEverySpike decodes the raster's bitmap and finds
// each spike's pixel set and nothing else.
func TestRasterPictureMarksEverySpike(t *testing.T) {
	times := []float64{10, 50, 90}
	index := []int{0, 5, 9}
	c, err := RasterPoints(times, index, RasterOpts{N: 10, T0: 0, T1: 100})
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`<image x="([0-9.]+)" y="([0-9.]+)" width="([0-9.]+)" height="([0-9.]+)"[^>]*href="data:image/png;base64,([^"]*)"`).FindStringSubmatch(c.SVG())
	if m == nil {
		t.Fatal("no spike bitmap in the picture")
	}
	raw, err := base64.StdEncoding.DecodeString(m[5])
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	w, h := img.Bounds().Dx(), img.Bounds().Dy()
	set := 0
	for y := range h {
		for x := range w {
			if _, _, _, a := img.At(x, y).RGBA(); a > 0 {
				set++
			}
		}
	}
	// Rows are h/10 pixels tall, capped at 6: each spike is a run of 6.
	if set != 3*6 {
		t.Errorf("%d pixels set, want 3 spikes × 6", set)
	}
	for k, tt := range times {
		x := int(tt / 100 * float64(w))
		y := int((9.5 - float64(index[k])) / 10 * float64(h))
		if _, _, _, a := img.At(x, y).RGBA(); a == 0 {
			t.Errorf("spike %d (t %v, neuron %d) not drawn at pixel (%d, %d)", k, tt, index[k], x, y)
		}
	}
}

func TestNonFiniteValuesBreakCurves(t *testing.T) {
	inf := math.Inf(1)
	c, err := Lines([]float64{0, 1, 2, 3}, [][]float64{{1, inf, 2, 1e300}}, LineOpts{})
	if err != nil {
		t.Fatal(err)
	}
	svg := c.SVG()
	svgElements(t, svg)
	if strings.Contains(svg, "Inf") || strings.Contains(svg, "NaN") || len(svg) > 20_000 {
		t.Errorf("picture has a non-finite or runaway coordinate (%d bytes)", len(svg))
	}
	_, data := seriesData(t, option(t, c), 0)
	if data[1].([]any)[1] != "-" {
		t.Errorf("infinite value written as %v, want \"-\"", data[1])
	}
}

func TestLegendListsEachNameOnce(t *testing.T) {
	c, err := Bifurcation(BifurcationData{Equilibria: []Branch{{P: []float64{0, 1, 2, 3}, X: []float64{0, 1, 2, 3}, Stable: []bool{true, false, true, true}}}})
	if err != nil {
		t.Fatal(err)
	}
	svg := c.SVG()
	for _, name := range []string{"fixed points (stable)", "fixed points (unstable)"} {
		if n := strings.Count(svg, ">"+name+"<"); n != 1 {
			t.Errorf("legend lists %q %d times, want once", name, n)
		}
	}
}

func TestOptionJSONCannotCarryKeepsThePicture(t *testing.T) {
	// 1e40 overflows the float32 bounds of go-echarts' visualMap.
	c, err := Heatmap([][]float64{{0, 1e40}, {1, 2}}, HeatmapOpts{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Option(); err == nil {
		t.Skip("the option encodes after all; nothing to fall back from")
	}
	html := c.HTML()
	if strings.Contains(html, "<script") || !strings.Contains(html, "interactive chart unavailable") || !strings.Contains(html, "data:image/svg+xml;base64,") {
		t.Errorf("want the picture, no script and the reason; got %.300s", html)
	}
}

func TestFixedRanges(t *testing.T) {
	c, err := Lines([]float64{0, 1}, [][]float64{{-70, 30}}, LineOpts{})
	if err != nil {
		t.Fatal(err)
	}
	c.YRange(-80, 40).XRange(math.NaN(), 5)
	opt := option(t, c)
	x, y := opt["xAxis"].([]any)[0].(map[string]any), opt["yAxis"].([]any)[0].(map[string]any)
	if y["min"] != -80.0 || y["max"] != 40.0 || x["min"] != 0.0 || x["max"] != 5.0 {
		t.Errorf("x axis %v..%v, y axis %v..%v; want 0..5 and -80..40", x["min"], x["max"], y["min"], y["max"])
	}
	if xr, yr := c.static.ranges(); yr != [2]float64{-80, 40} || xr[1] != 5 {
		t.Errorf("picture ranges %v %v", xr, yr)
	}
}
