package display

import (
	"errors"
	"regexp"
	"strings"
	"testing"
)

func TestColumnLinksChartsAndStacksPictures(t *testing.T) {
	times, index := spikes(20, 10, 200)
	raster, err := RasterPoints(times, index, RasterOpts{T0: 0, T1: 200})
	if err != nil {
		t.Fatal(err)
	}
	rate, err := PopulationRate(times, 20, RateOpts{T0: 0, T1: 200, Bin: 2})
	if err != nil {
		t.Fatal(err)
	}
	g, err := NewColumn(raster, rate.Size(720, 250))
	if err != nil {
		t.Fatal(err)
	}
	calls := regexp.MustCompile(`\(("braingo-[0-9a-f]+"),\[[^\]]*\],("braingo-[0-9a-f]+")\);</script>`).FindAllStringSubmatch(g.HTML(), -1)
	if len(calls) != 2 || calls[0][2] != calls[1][2] || calls[0][1] == calls[1][1] {
		t.Fatalf("want two charts with their own ids in one group, got %v", calls)
	}
	svg := g.SVG()
	if el := svgElements(t, svg); el["svg"] != 3 {
		t.Errorf("column picture: %v", el)
	}
	if !strings.Contains(svg, `height="650"`) || !strings.Contains(svg, `<svg y="400" `) {
		t.Errorf("pictures not stacked: the second should start at y = 400 in a 650-high picture")
	}
	if _, err := NewColumn(raster, nil); !errors.Is(err, ErrData) {
		t.Errorf("nil chart: %v", err)
	}
}
