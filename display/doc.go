// Package display draws BrainGo results in Jupyter notebooks: line plots of
// monitored variables, spike rasters, firing rates, histograms, heatmaps,
// phase planes, bifurcation diagrams, eigenvalue plots, tables and an
// in-place progress bar.
//
// # Charts
//
// A constructor returns a *Chart and an error (bad input: lengths that
// disagree, NaN data, reversed ranges; errors wrap ErrData):
//
//	c, err := display.Raster(res.Spikes["E.spike"], display.RasterOpts{Title: "E/I network"})
//	c.Show()                                   // in a notebook
//	display.Show(display.Lines(ts, ys, display.LineOpts{YLabel: "V (mV)"})) // chart or error
//
// Show publishes one Jupyter display_data message whose mime bundle holds
// three renderings of the same data:
//
//   - text/html: an interactive ECharts chart (zoom, tooltips, save as
//     PNG). Its div first contains the static SVG picture (an <img> with a
//     data URI: notebooks strip inline SVG from untrusted HTML but keep
//     such images); a short script loads the ECharts library and replaces
//     the picture by the live chart. Where the script cannot run or the
//     library cannot be loaded (nbconvert HTML export, GitHub's notebook
//     viewer, a notebook reopened untrusted) the picture stays.
//   - image/svg+xml: the static picture, drawn by this package's own SVG
//     writer, for exporters that take images (nbconvert to PDF/Markdown).
//   - text/plain: a one-line description.
//
// Outside a notebook Show does nothing; HTML, SVG, Option and Save give
// the renderings as strings or files.
//
// Large data stay responsive and the saved notebook stays small: curves
// are thinned by min/max decimation (every spike peak kept) to
// DefaultMaxPoints points in the interactive chart and about one point pair
// per pixel column in the picture; rasters use ECharts' large scatter mode,
// are thinned to DefaultMaxSpikes spikes by showing every k-th neuron (the
// subtitle says so), and their picture is a bitmap at plot resolution that
// shows every spike in a few tens of kilobytes; heatmaps are averaged over blocks to at most
// DefaultMaxSide cells a side and their picture is an embedded PNG. The
// HTML of a 100 000-spike raster, picture included, is under 1.6 MB (1.3
// MB measured); the tests check that bound and that a 1 000 000-spike
// raster stays under it.
//
// # Where ECharts comes from (no CDN)
//
// go-echarts' own page templates load echarts.min.js from the internet;
// this package does not use them. It builds the option with go-echarts and
// writes its own HTML, whose script loads echarts.min.js once per page
// (it checks window.echarts first) from the first of these locations that
// works:
//
//  1. each entry of $BRAINGO_ECHARTS_URL (comma-separated full URLs or
//     server paths; read when the chart's HTML is made), for tests;
//  2. <base_url>nbextensions/braingo/echarts.min.js — the classic Notebook
//     (Debian's jupyter-notebook 6.4, nbclassic) serves nbextensions here;
//  3. <base_url>lab/extensions/braingo/static/echarts.min.js — JupyterLab
//     serves every file under the labextensions data directories here.
//
// The base URL is read from the page (data-base-url in the classic
// notebook, the page config's baseUrl in JupyterLab). Under the classic
// notebook's RequireJS the library is loaded with require(), since the
// ECharts bundle then registers as an AMD module instead of setting
// window.echarts.
//
// The install script (scripts/, owned by the kernel) must therefore:
//
//  1. fetch the npm package echarts at exactly version EchartsVersion
//     (5.6.0): npm pack echarts@5.6.0 in a cache directory (or npm install
//     --prefix <cache> echarts@5.6.0) and take package/dist/echarts.min.js
//     (about 1 MB) from it; nothing is committed to the repository;
//  2. copy it to <jupyter data dir>/nbextensions/braingo/echarts.min.js
//     (data dir: $(jupyter --data-dir), or the directory the kernel is
//     installed into), equivalently jupyter nbextension install --user
//     --destination braingo <dir holding echarts.min.js>;
//  3. copy it also to <jupyter data dir>/labextensions/braingo/static/echarts.min.js
//     (needed where JupyterLab runs without nbclassic, e.g. the Docker image).
//
// No nbextension needs enabling: the file is only served, never loaded by
// the notebook itself. Without the file every chart still shows its static
// picture.
//
// The package's browser test draws every chart type in headless Chromium
// with the installed file (or the one named by $BRAINGO_ECHARTS_FILE),
// under the classic notebook's and JupyterLab's base-URL conventions; it
// skips where either is missing and in -short mode.
//
// NewColumn stacks charts with linked x axes (a raster above its rate):
// zooming or pointing in one moves the others.
//
// # Tables and progress
//
// Table renders rows as an HTML table (and aligned text). Progress is a bar
// that updates in place; its Update method has the type of
// bp.RunnerSettings.Progress and AnalysisUpdate that of
// analysis.Limits.Progress.
//
// # Adapters
//
// The adapters take the simulation and analysis result types directly:
//
//	Trace(res.Traces["V"], LineOpts{}, 0, 5)     // bp.Trace, picked neurons
//	TraceHeatmap(res.Traces["r"], HeatmapOpts{})  // a population over time, as an image
//	Raster(res.Spikes["E.spike"], RasterOpts{})  // bp.SpikeTrain
//	Rasters(RasterOpts{}, res.Spikes["E.spike"], res.Spikes["I.spike"]) // stacked, coloured
//	Rate(res.Spikes["E.spike"], RateOpts{Smooth: 5})
//	ISI(res.Spikes["E.spike"], HistOpts{})       // inter-spike interval histogram
//	Summary(res)                                 // table of a bp.Result
//	Connectivity(csr, HeatmapOpts{})             // bm.CSR, never made dense
//	Plane(plane, "FitzHugh–Nagumo", traj)        // analysis.Plane2D (+ Trajectory)
//	PhaseLine(line, "")                          // analysis.Plane1D
//	Branches("V", []*analysis.Branch{br}, cycles) // continuation + analysis.LimitCycles
//	Sampled(diagram, "V")                        // analysis.Diagram
//	FastSlow(result, "x")                        // analysis.FastSlowResult
//	TwoParameter(foldCurve, hopfCurve)           // analysis.ContinueCurve results
//	FixedPoints(vars, fps), FixedPointEigenvalues(fp)
//
// The plain-data constructors under them (Lines, TimeSeries, RasterPoints,
// RasterMatrix, PopulationRate, Histogram, Heatmap, HeatmapDense,
// PhasePlane, Bifurcation, Eigenvalues) take slices, for data from
// anywhere.
package display
