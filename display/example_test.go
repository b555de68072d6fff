package display_test

import (
	"fmt"

	"github.com/braingo/braingo/bp"
	"github.com/braingo/braingo/bp/analysis"
	"github.com/braingo/braingo/display"
)

func ExampleTable() {
	t := &display.Table{
		Title:  "fixed points",
		Header: []string{"V (mV)", "w", "class"},
		Rows:   [][]string{{"-1.199", "-0.624", "stable focus"}, {"0.5", "1 <2", "saddle"}},
	}
	fmt.Println(t.HTML())
	fmt.Print(t)
	// Output:
	// <table class="braingo-table"><caption>fixed points</caption><thead><tr><th>V (mV)</th><th>w</th><th>class</th></tr></thead><tbody><tr><td>-1.199</td><td>-0.624</td><td>stable focus</td></tr><tr><td>0.5</td><td>1 &lt;2</td><td>saddle</td></tr></tbody></table>
	// fixed points
	// V (mV)  w       class
	// -1.199  -0.624  stable focus
	// 0.5     1 <2    saddle
}

func ExampleHistogram() {
	c, err := display.Histogram([]float64{1, 2, 2, 3, 3, 3}, display.HistOpts{Title: "ISI", XLabel: "ms", Bins: 3})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(c)
	c.Show() // publishes in a notebook; does nothing here
	// Output:
	// [BrainGo chart: ISI]
}

func ExampleShow() {
	// A constructor's error goes where the chart would have gone.
	display.Show(display.Lines([]float64{0, 1}, [][]float64{{1}}, display.LineOpts{}))
	// Outside a notebook the error is written to standard error.
}

func ExampleSummary() {
	res := &bp.Result{
		Start: 0, End: 100, Steps: 1000,
		Traces: map[string]*bp.Trace{"V": {Name: "V", Index: []int{0, 1}, T: []float64{0, 50},
			Values: [][]float64{{-65, -60}, {-50, 20}}}},
		Spikes: map[string]*bp.SpikeTrain{"E.spike": {Name: "E.spike", Size: 4, T: []float64{10, 20, 30, 40}, Index: []int{0, 1, 2, 3}}},
	}
	fmt.Print(display.Summary(res))
	// Output:
	// monitors: 1000 steps, t = 0 … 100 ms
	// name     kind    elements  records  range
	// V        trace   2         2        -65 … 20
	// E.spike  spikes  4         4        10 Hz mean
}

func ExampleFixedPoints() {
	fp := analysis.FixedPoint{X: []float64{-1.1994, -0.6243}, Eigen: []complex128{complex(-0.2, 0.5), complex(-0.2, -0.5)}, Class: analysis.StableFocus}
	fmt.Print(display.FixedPoints([]string{"V", "w"}, []analysis.FixedPoint{fp}))
	// Output:
	// fixed points
	// V        w        class         eigenvalues
	// -1.1994  -0.6243  stable focus  -0.2 + 0.5i, -0.2 − 0.5i
}
