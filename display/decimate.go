package display

import "math"

// minMaxDecimate thins the samples (x[i], y[i]) of a curve with x
// increasing to at most about 2·buckets points: it cuts the index range into
// buckets of consecutive samples and keeps, from each, the smallest and the
// largest y in their original order. Unlike taking every k-th sample this
// keeps every spike peak and trough of a membrane trace. NaN samples are
// skipped; a bucket holding only NaNs yields one NaN, which breaks the line.
// The result is flat [x0, y0, x1, y1, ...] pairs.
func minMaxDecimate(x, y []float64, buckets int) []float64 {
	n := len(y)
	if buckets < 1 || n <= 2*buckets {
		out := make([]float64, 0, 2*n)
		for i := range n {
			out = append(out, x[i], y[i])
		}
		return out
	}
	out := make([]float64, 0, 4*buckets)
	for b := range buckets {
		lo, hi := b*n/buckets, (b+1)*n/buckets
		iMin, iMax := -1, -1
		for i := lo; i < hi; i++ {
			if math.IsNaN(y[i]) {
				continue
			}
			if iMin < 0 || y[i] < y[iMin] {
				iMin = i
			}
			if iMax < 0 || y[i] > y[iMax] {
				iMax = i
			}
		}
		switch {
		case iMin < 0:
			out = append(out, x[lo], math.NaN())
		case iMin == iMax:
			out = append(out, x[iMin], y[iMin])
		case iMin < iMax:
			out = append(out, x[iMin], y[iMin], x[iMax], y[iMax])
		default:
			out = append(out, x[iMax], y[iMax], x[iMin], y[iMin])
		}
	}
	return out
}

// thinSpikes keeps at most about limit spikes of a raster (times[k] of
// neuron index[k]) by showing every stride-th neuron, so each kept neuron's
// spike train stays whole (inter-spike intervals remain readable). When
// neurons fire so unevenly that the neuron stride is not enough, it then
// keeps every k-th remaining spike. It returns flat [t, i] pairs, the neuron
// stride and the spike stride (both 1 when nothing was dropped).
func thinSpikes(times []float64, index []int, limit int) (pairs []float64, neuronStride, spikeStride int) {
	n := len(times)
	neuronStride, spikeStride = 1, 1
	if limit > 0 && n > limit {
		neuronStride = (n + limit - 1) / limit
	}
	kept := n
	if neuronStride > 1 {
		kept = 0
		for _, i := range index {
			if i%neuronStride == 0 {
				kept++
			}
		}
	}
	if limit > 0 && kept > limit {
		spikeStride = (kept + limit - 1) / limit
	}
	pairs = make([]float64, 0, 2*(kept/spikeStride+1))
	seen := 0
	for k, t := range times {
		if index[k]%neuronStride != 0 {
			continue
		}
		if seen%spikeStride == 0 {
			pairs = append(pairs, t, float64(index[k]))
		}
		seen++
	}
	return pairs, neuronStride, spikeStride
}

// blocks shrinks a rows×cols matrix to at most maxSide cells per side:
// entries are summed into the block their row and column map to, and mean
// divides by the block's area. Averaging over the area (absent entries of a
// sparse matrix count as zero) keeps the colour scale meaningful: a block
// of a connectivity matrix shows its connection density times weight.
type blocks struct {
	rows, cols int       // source shape
	r, c       int       // block shape
	sum        []float64 // r×c, row-major
}

func newBlocks(rows, cols, maxSide int) *blocks {
	r, c := min(rows, maxSide), min(cols, maxSide)
	return &blocks{rows: rows, cols: cols, r: r, c: c, sum: make([]float64, r*c)}
}

func (b *blocks) add(i, j int, v float64) {
	b.sum[(i*b.r/b.rows)*b.c+j*b.c/b.cols] += v
}

// mean returns the block means, row-major r×c.
func (b *blocks) mean() []float64 {
	rowN, colN := make([]int, b.r), make([]int, b.c)
	for i := range b.rows {
		rowN[i*b.r/b.rows]++
	}
	for j := range b.cols {
		colN[j*b.c/b.cols]++
	}
	out := make([]float64, len(b.sum))
	for bi := range b.r {
		for bj := range b.c {
			out[bi*b.c+bj] = b.sum[bi*b.c+bj] / float64(rowN[bi]*colN[bj])
		}
	}
	return out
}

// starts returns the first source row and column of each block row and
// block column: the axis labels of a reduced heatmap.
func (b *blocks) starts() (rowStart, colStart []int) {
	first := func(n, m int) []int {
		s := make([]int, m)
		for k := range s {
			s[k] = (k*n + m - 1) / m // smallest i with i*m/n >= k
		}
		return s
	}
	return first(b.rows, b.r), first(b.cols, b.c)
}
