package bm

import "math"

// Exprel returns x/(eˣ−1), with its limit 1 at x = 0, accurate to rounding
// for every x (math.Expm1 keeps the denominator exact near 0). It is the
// factor in Hodgkin–Huxley rates such as αₙ = 0.01(V+55)/(1−e^{−(V+55)/10}) =
// 0.1·Exprel(−(V+55)/10), so those rates never divide by zero.
//
// Note: scipy.special.exprel and brainpy.math.exprel are the reciprocal,
// (eˣ−1)/x; that is Expm1Rel here.
func Exprel(x float64) float64 {
	if x == 0 {
		return 1
	}
	return x / math.Expm1(x)
}

// Expm1Rel returns (eˣ−1)/x, with its limit 1 at x = 0 (scipy's exprel).
func Expm1Rel(x float64) float64 {
	if x == 0 {
		return 1
	}
	return math.Expm1(x) / x
}

// Sigmoid returns the logistic function 1/(1+e⁻ˣ), evaluated without
// overflow for large |x|.
func Sigmoid(x float64) float64 {
	if x >= 0 {
		return 1 / (1 + math.Exp(-x))
	}
	e := math.Exp(x)
	return e / (1 + e)
}

// Tanh returns the hyperbolic tangent of x (math.Tanh, named here beside the
// other activations).
func Tanh(x float64) float64 { return math.Tanh(x) }

// ReLU returns max(x, 0).
func ReLU(x float64) float64 { return max(x, 0) }

// Softplus returns log(1+eˣ), evaluated without overflow for large x and
// without losing digits for very negative x.
func Softplus(x float64) float64 { return max(x, 0) + math.Log1p(math.Exp(-math.Abs(x))) }

// Apply sets dst[i] = f(x[i]). dst may be x (in place). It panics if the
// lengths differ.
func Apply(dst, x []float64, f func(float64) float64) {
	checkLen("Apply", "dst", len(dst), len(x))
	for i, v := range x {
		dst[i] = f(v)
	}
}

// SigmoidTo sets dst[i] = Sigmoid(x[i]); dst may be x.
func SigmoidTo(dst, x []float64) { Apply(dst, x, Sigmoid) }

// TanhTo sets dst[i] = Tanh(x[i]); dst may be x.
func TanhTo(dst, x []float64) { Apply(dst, x, math.Tanh) }

// ReLUTo sets dst[i] = ReLU(x[i]); dst may be x.
func ReLUTo(dst, x []float64) { Apply(dst, x, ReLU) }

// SoftplusTo sets dst[i] = Softplus(x[i]); dst may be x.
func SoftplusTo(dst, x []float64) { Apply(dst, x, Softplus) }
