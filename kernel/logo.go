package kernel

import (
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"math"
)

// spikeTrace is the logo's action potential: (x, y) in the unit square,
// y up: rest, a sharp upstroke, repolarisation, undershoot, recovery.
var spikeTrace = [][2]float64{
	{0.08, 0.36}, {0.34, 0.36}, {0.42, 0.42}, {0.48, 0.86}, {0.54, 0.86},
	{0.62, 0.22}, {0.70, 0.18}, {0.80, 0.30}, {0.92, 0.34},
}

var (
	logoBackground = color.NRGBA{R: 0x1b, G: 0x3a, B: 0x5c, A: 0xff}
	logoTrace      = color.NRGBA{R: 0xff, G: 0xc8, B: 0x3d, A: 0xff}
)

// Logo draws BrainGo's kernel logo (a spike on a disc) at size×size pixels.
func Logo(size int) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, size, size))
	s := float64(size)
	r := s/2 - 0.5
	width := math.Max(1.2, s/18)
	for py := 0; py < size; py++ {
		for px := 0; px < size; px++ {
			x, y := float64(px)+0.5, float64(py)+0.5
			disc := clamp01(r - math.Hypot(x-s/2, y-s/2) + 0.5)
			if disc == 0 {
				continue
			}
			d := math.Inf(1)
			for i := 1; i < len(spikeTrace); i++ {
				a, b := spikeTrace[i-1], spikeTrace[i]
				d = math.Min(d, segmentDistance(x, y, a[0]*s, (1-a[1])*s, b[0]*s, (1-b[1])*s))
			}
			line := clamp01(width/2 - d + 0.5)
			c := mix(logoBackground, logoTrace, line)
			c.A = uint8(math.Round(255 * disc))
			img.SetNRGBA(px, py, c)
		}
	}
	return img
}

// WriteLogo writes Logo(size) as PNG.
func WriteLogo(w io.Writer, size int) error {
	if size < 8 || size > 1024 {
		return fmt.Errorf("logo size %d: want 8..1024 pixels", size)
	}
	return png.Encode(w, Logo(size))
}

func segmentDistance(x, y, ax, ay, bx, by float64) float64 {
	dx, dy := bx-ax, by-ay
	t := clamp01(((x-ax)*dx + (y-ay)*dy) / (dx*dx + dy*dy))
	return math.Hypot(x-ax-t*dx, y-ay-t*dy)
}

func clamp01(v float64) float64 { return math.Max(0, math.Min(1, v)) }

func mix(a, b color.NRGBA, t float64) color.NRGBA {
	m := func(u, v uint8) uint8 { return uint8(math.Round(float64(u)*(1-t) + float64(v)*t)) }
	return color.NRGBA{R: m(a.R, b.R), G: m(a.G, b.G), B: m(a.B, b.B), A: 0xff}
}
