package bm

import (
	"fmt"
	"math"
)

// Element-wise arithmetic (add, scale, axpy, dot, norms, cumulative sums) is
// in gonum.org/v1/gonum/floats; this file holds what it lacks or what
// notebooks write with numpy names.

// Linspace returns n evenly spaced numbers from start to stop inclusive
// (numpy.linspace). The last element is exactly stop. It panics if n < 0.
func Linspace(start, stop float64, n int) []float64 {
	if n < 0 {
		panic(fmt.Sprintf("bm: Linspace: n = %d, want n >= 0", n))
	}
	s := make([]float64, n)
	if n == 1 {
		s[0] = start
		return s
	}
	step := (stop - start) / float64(n-1)
	for i := range s {
		s[i] = start + float64(i)*step
	}
	if n > 1 {
		s[n-1] = stop
	}
	return s
}

// Arange returns start, start+step, … up to but excluding stop
// (numpy.arange): ⌈(stop-start)/step⌉ elements, none if that is ≤ 0. Each
// element is start + i·step, so errors do not accumulate. It panics if step is
// 0 or any argument is not finite.
func Arange(start, stop, step float64) []float64 {
	if step == 0 || math.IsNaN(start+stop+step) || math.IsInf(start+stop+step, 0) {
		panic(fmt.Sprintf("bm: Arange(%v, %v, %v): want finite arguments and step != 0", start, stop, step))
	}
	n := int(math.Ceil((stop - start) / step))
	s := make([]float64, max(n, 0))
	for i := range s {
		s[i] = start + float64(i)*step
	}
	return s
}

// Zeros returns a slice of n zeros.
func Zeros(n int) []float64 { return make([]float64, n) }

// Ones returns a slice of n ones.
func Ones(n int) []float64 { return Full(n, 1) }

// Full returns a slice of n copies of v.
func Full(n int, v float64) []float64 {
	s := make([]float64, n)
	for i := range s {
		s[i] = v
	}
	return s
}

// Sum returns the sum of x (0 for an empty slice).
func Sum(x []float64) float64 {
	var s float64
	for _, v := range x {
		s += v
	}
	return s
}

func checkNonEmpty(fn string, x []float64) {
	if len(x) == 0 {
		panic("bm: " + fn + " of an empty slice")
	}
}

// Mean returns the arithmetic mean of x. It panics if x is empty.
func Mean(x []float64) float64 {
	checkNonEmpty("Mean", x)
	return Sum(x) / float64(len(x))
}

// Std returns the population standard deviation of x (divisor n, numpy's
// default ddof = 0; gonum's stat.StdDev uses n-1). It panics if x is empty.
func Std(x []float64) float64 {
	m := Mean(x)
	var s float64
	for _, v := range x {
		s += (v - m) * (v - m)
	}
	return math.Sqrt(s / float64(len(x)))
}

// Min returns the smallest element of x. It panics if x is empty.
func Min(x []float64) float64 { return x[Argmin(x)] }

// Max returns the largest element of x. It panics if x is empty.
func Max(x []float64) float64 { return x[Argmax(x)] }

// Argmax returns the index of the first largest element of x; a NaN counts as
// larger than everything, as in numpy. It panics if x is empty.
func Argmax(x []float64) int {
	checkNonEmpty("Argmax", x)
	return argBest(x, func(a, b float64) bool { return a > b })
}

// Argmin returns the index of the first smallest element of x; a NaN counts
// as smaller than everything, as in numpy. It panics if x is empty.
func Argmin(x []float64) int {
	checkNonEmpty("Argmin", x)
	return argBest(x, func(a, b float64) bool { return a < b })
}

// argBest returns the index of the first element that beats all others under
// better, or of the first NaN.
func argBest(x []float64, better func(a, b float64) bool) int {
	best := 0
	for i, v := range x {
		if math.IsNaN(v) {
			return i
		}
		if better(v, x[best]) {
			best = i
		}
	}
	return best
}

// Clip sets dst[i] = x[i] limited to [lo, hi]. dst may be x. It panics if the
// lengths differ or lo > hi.
func Clip(dst, x []float64, lo, hi float64) {
	checkLen("Clip", "dst", len(dst), len(x))
	if lo > hi {
		panic(fmt.Sprintf("bm: Clip: lo = %v > hi = %v", lo, hi))
	}
	for i, v := range x {
		dst[i] = min(max(v, lo), hi)
	}
}

// Where sets dst[i] = a[i] where cond[i] and b[i] elsewhere (numpy.where).
// dst may be a or b. It panics if the lengths differ.
func Where(dst []float64, cond []bool, a, b []float64) {
	checkLen("Where", "cond", len(cond), len(dst))
	checkLen("Where", "a", len(a), len(dst))
	checkLen("Where", "b", len(b), len(dst))
	for i, c := range cond {
		if c {
			dst[i] = a[i]
		} else {
			dst[i] = b[i]
		}
	}
}
