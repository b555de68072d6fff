package display

import (
	"math"
	"strconv"
)

// tuples is series data for the ECharts option: flat values grouped in
// tuples of Width ([x, y] pairs, [x, y, v] heatmap cells). It marshals to a
// compact JSON array of arrays; a NaN becomes "-", ECharts' mark for a
// missing value, which breaks a line.
type tuples struct {
	Width int
	V     []float64
}

// MarshalJSON writes [[a,b],[c,d],...] with integers exact and other
// numbers to 7 significant digits: enough to resolve 0.01 ms at 100 s, and
// far less text than encoding/json's shortest round-trip form.
func (t tuples) MarshalJSON() ([]byte, error) {
	n := 0
	if t.Width > 0 {
		n = len(t.V) / t.Width
	}
	b := make([]byte, 0, 2+n*(t.Width*8+3))
	b = append(b, '[')
	for i := range n {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '[')
		for j := range t.Width {
			if j > 0 {
				b = append(b, ',')
			}
			b = appendNumber(b, t.V[i*t.Width+j])
		}
		b = append(b, ']')
	}
	return append(b, ']'), nil
}

// appendNumber appends v as JSON: integers exactly, other finite numbers
// with 7 significant digits, NaN and infinities as "-".
func appendNumber(b []byte, v float64) []byte {
	switch {
	case math.IsNaN(v) || math.IsInf(v, 0):
		return append(b, `"-"`...)
	case v == math.Trunc(v) && math.Abs(v) < 1e15:
		return strconv.AppendInt(b, int64(v), 10)
	}
	return strconv.AppendFloat(b, v, 'g', 7, 64)
}
