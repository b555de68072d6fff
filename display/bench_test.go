package display

import (
	"math"
	"testing"
)

// BenchmarkRasterHTML measures building the HTML (option, picture, loader)
// of a 100 000-spike raster.
func BenchmarkRasterHTML(b *testing.B) {
	times, index := spikes(1000, 10, 1000)
	b.ReportAllocs()
	for b.Loop() {
		c, err := RasterPoints(times, index, RasterOpts{N: 1000})
		if err != nil {
			b.Fatal(err)
		}
		_ = c.HTML()
	}
}

// BenchmarkLinesHTML measures ten 10 000-sample traces (1 s at 0.1 ms).
func BenchmarkLinesHTML(b *testing.B) {
	ts := make([]float64, 10_000)
	ys := make([][]float64, 10)
	for k := range ys {
		ys[k] = make([]float64, len(ts))
		for i := range ts {
			ts[i] = float64(i) * 0.1
			ys[k][i] = -65 + 10*math.Sin(float64(i*(k+1))/300)
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		c, err := Lines(ts, ys, LineOpts{})
		if err != nil {
			b.Fatal(err)
		}
		_ = c.HTML()
	}
}
