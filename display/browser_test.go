package display

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// echartsFile finds the echarts.min.js the install put in place: the path in
// $BRAINGO_ECHARTS_FILE, else the nbextension in the Jupyter data
// directories.
func echartsFile() string {
	candidates := []string{os.Getenv("BRAINGO_ECHARTS_FILE")}
	home, _ := os.UserHomeDir()
	for _, dir := range []string{os.Getenv("JUPYTER_DATA_DIR"), filepath.Join(home, ".local/share/jupyter"), "/usr/local/share/jupyter", "/usr/share/jupyter"} {
		if dir != "" {
			candidates = append(candidates, filepath.Join(dir, "nbextensions/braingo/echarts.min.js"))
		}
	}
	for _, c := range candidates {
		if c == "" {
			continue
		}
		if st, err := os.Stat(c); err == nil && st.Size() > 0 {
			return c
		}
	}
	return ""
}

// TestBrowserDrawsCharts opens pages of charts in headless Chromium with
// the real ECharts library and reads back the DOM: every chart must have
// replaced its picture by a live canvas (an option ECharts rejects leaves
// the picture), with and without the classic notebook's RequireJS, and from
// JupyterLab's extension path found through its page config; with the
// library missing, every picture must stay. Skipped in -short mode and
// where Chromium or the installed echarts.min.js is missing.
func TestBrowserDrawsCharts(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test in -short mode")
	}
	chromium := ""
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			chromium = p
			break
		}
	}
	lib := echartsFile()
	if chromium == "" || lib == "" {
		t.Skipf("needs Chromium (%q) and the installed echarts.min.js (%q)", chromium, lib)
	}
	t.Setenv(EchartsURLEnv, "")

	var charts []*Chart
	add := func(c *Chart, err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		charts = append(charts, c)
	}
	times, index := spikes(200, 10, 300)
	add(RasterPoints(times, index, RasterOpts{Title: "raster"}))
	add(PopulationRate(times, 200, RateOpts{Smooth: 5}))
	add(Lines([]float64{0, 1, 2}, [][]float64{{0, 1, 0}, {1, 0, 1}}, LineOpts{Title: "lines"}))
	add(Histogram([]float64{1, 2, 2, 3}, HistOpts{}))
	add(Heatmap([][]float64{{0, 1}, {2, 3}}, HeatmapOpts{}))
	add(PhasePlane(PhasePlaneData{Field: &Field{X: []float64{0, 1}, Y: []float64{0, 1}, U: [][]float64{{1, 1}, {1, 1}}, V: [][]float64{{0, 1}, {1, 0}}},
		Nullclines: []Curve{{Name: "n", X: []float64{0, 1}, Y: []float64{0, 2}}}, FixedPoints: []Point{{X: 0.5, Y: 0.5, Label: "saddle"}}}))
	add(Bifurcation(BifurcationData{Equilibria: []Branch{{P: []float64{0, 1, 2}, X: []float64{0, 1, 0}, Stable: []bool{true, false, false}}}}))
	add(Eigenvalues([]complex128{-1, complex(0.5, 1)}, "ev"))
	var body strings.Builder
	for _, c := range charts {
		body.WriteString(c.HTML())
	}
	col, err := NewColumn(charts[0], charts[1])
	if err != nil {
		t.Fatal(err)
	}
	body.WriteString(col.HTML())
	n := len(charts) + 2

	// The classic notebook names its base URL in data-base-url on the body,
	// JupyterLab in the page config.
	page := func(base, head string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			bodyTag := `<body data-base-url="` + base + `">`
			if strings.Contains(head, "jupyter-config-data") {
				bodyTag = "<body>"
			}
			_, _ = w.Write([]byte(`<!DOCTYPE html><html><head><meta charset="utf-8">` + head + `</head>` + bodyTag + body.String() + `</body></html>`))
		}
	}
	serveLib := func(w http.ResponseWriter, r *http.Request) { http.ServeFile(w, r, lib) }
	mux := http.NewServeMux()
	mux.HandleFunc("/nb/nbextensions/braingo/echarts.min.js", serveLib)
	mux.HandleFunc("/jl/lab/extensions/braingo/static/echarts.min.js", serveLib)
	mux.HandleFunc("/plain", page("/nb/", ""))
	mux.HandleFunc("/lab", page("", `<script id="jupyter-config-data" type="application/json">{"baseUrl": "/jl/"}</script>`))
	mux.HandleFunc("/missing", page("/elsewhere/", ""))
	pages := map[string]bool{"/plain": true, "/lab": true, "/missing": false}
	if _, err := os.Stat("/usr/share/javascript/requirejs/require.js"); err == nil {
		mux.HandleFunc("/require.js", func(w http.ResponseWriter, r *http.Request) {
			http.ServeFile(w, r, "/usr/share/javascript/requirejs/require.js")
		})
		mux.HandleFunc("/amd", page("/nb/", `<script src="/require.js"></script>`))
		pages["/amd"] = true
	}
	srv := httptest.NewServer(mux)
	defer srv.Close()

	for path, live := range pages {
		t.Run(strings.TrimPrefix(path, "/"), func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
			defer cancel()
			cmd := exec.CommandContext(ctx, chromium, "--headless=new", "--no-sandbox", "--disable-gpu",
				"--user-data-dir="+t.TempDir(), "--enable-logging=stderr", "--virtual-time-budget=10000", "--dump-dom", srv.URL+path)
			var stderr strings.Builder
			cmd.Stderr = &stderr
			out, err := cmd.Output()
			if err != nil {
				t.Fatalf("chromium: %v\n%s", err, stderr.String())
			}
			dom := string(out)
			charts, pictures, canvases := strings.Count(dom, `class="braingo-chart"`), strings.Count(dom, `class="braingo-static"`), strings.Count(dom, "<canvas")
			if charts != n {
				t.Fatalf("%d chart elements in the DOM, want %d", charts, n)
			}
			var console []string
			for _, line := range strings.Split(stderr.String(), "\n") {
				if strings.Contains(line, "CONSOLE") {
					console = append(console, line)
				}
			}
			if live && (pictures != 0 || canvases < n) {
				t.Errorf("%d pictures left and %d canvases, want every chart live\nconsole:\n%s", pictures, canvases, strings.Join(console, "\n"))
			}
			if !live && (pictures != n || canvases != 0) {
				t.Errorf("%d pictures and %d canvases without the library, want %d pictures", pictures, canvases, n)
			}
		})
	}
}
