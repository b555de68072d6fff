package bm

import (
	"fmt"
	"math"
	"slices"
	"sort"

	"gonum.org/v1/gonum/stat/distuv"
)

// The distribution methods panic on parameters outside their domain (a
// negative standard deviation, a rate ≤ 0, a probability outside [0, 1], NaN),
// as math/rand does for IntN(0): such a call is a programming error, and a
// panic names it where a NaN would travel silently through a simulation.

func panicParam(method, format string, args ...any) {
	panic(fmt.Sprintf("bm: RNG.%s: "+format, append([]any{method}, args...)...))
}

// Uniform returns a number drawn uniformly from [lo, hi).
func (r *RNG) Uniform(lo, hi float64) float64 { return lo + (hi-lo)*r.Float64() }

// Normal returns a number drawn from the normal distribution with mean mu and
// standard deviation sigma ≥ 0.
func (r *RNG) Normal(mu, sigma float64) float64 {
	if !(sigma >= 0) {
		panicParam("Normal", "sigma = %v, want sigma >= 0", sigma)
	}
	return mu + sigma*r.rand.NormFloat64()
}

// LogNormal returns exp(X) with X drawn from Normal(mu, sigma).
func (r *RNG) LogNormal(mu, sigma float64) float64 { return math.Exp(r.Normal(mu, sigma)) }

// Exponential returns a number drawn from the exponential distribution with
// the given rate > 0 (mean 1/rate).
func (r *RNG) Exponential(rate float64) float64 {
	if !(rate > 0) {
		panicParam("Exponential", "rate = %v, want rate > 0", rate)
	}
	return r.rand.ExpFloat64() / rate
}

// Bernoulli returns true with probability p in [0, 1].
func (r *RNG) Bernoulli(p float64) bool {
	if !(p >= 0 && p <= 1) {
		panicParam("Bernoulli", "p = %v, want p in [0, 1]", p)
	}
	return r.Float64() < p
}

// Poisson returns a count drawn from the Poisson distribution with mean
// lam ≥ 0. Small means use the product-of-uniforms method, large ones
// Hörmann's transformed rejection (PTRS); both allocate nothing.
func (r *RNG) Poisson(lam float64) int {
	if !(lam >= 0) || math.IsInf(lam, 0) {
		panicParam("Poisson", "lam = %v, want a finite lam >= 0", lam)
	}
	if lam < 10 {
		limit := math.Exp(-lam)
		k, prod := 0, r.Float64()
		for prod > limit {
			k++
			prod *= r.Float64()
		}
		return k
	}
	// W. Hörmann, "The transformed rejection method for generating Poisson
	// random variables", Insurance: Mathematics and Economics 12 (1993) 39–45.
	slam, loglam := math.Sqrt(lam), math.Log(lam)
	b := 0.931 + 2.53*slam
	a := -0.059 + 0.02483*b
	invAlpha := 1.1239 + 1.1328/(b-3.4)
	vr := 0.9277 - 3.6224/(b-2)
	for {
		u := r.Float64() - 0.5
		v := r.Float64()
		us := 0.5 - math.Abs(u)
		k := math.Floor((2*a/us+b)*u + lam + 0.43)
		if us >= 0.07 && v <= vr {
			return int(k)
		}
		if k < 0 || (us < 0.013 && v > us) {
			continue
		}
		lg, _ := math.Lgamma(k + 1)
		if math.Log(v*invAlpha/(a/(us*us)+b)) <= -lam+k*loglam-lg {
			return int(k)
		}
	}
}

// Binomial returns the number of successes in n ≥ 0 trials of probability p
// (gonum's distuv.Binomial).
func (r *RNG) Binomial(n int, p float64) int {
	if n < 0 || !(p >= 0 && p <= 1) {
		panicParam("Binomial", "n = %d, p = %v, want n >= 0 and p in [0, 1]", n, p)
	}
	if n == 0 || p == 0 {
		return 0
	}
	return int(distuv.Binomial{N: float64(n), P: p, Src: &r.pcg}.Rand())
}

// Gamma returns a number drawn from the gamma distribution with the given
// shape k > 0 and scale θ > 0 (mean kθ, variance kθ², as numpy's gamma), via
// gonum's distuv.Gamma.
func (r *RNG) Gamma(shape, scale float64) float64 {
	if !(shape > 0 && scale > 0) {
		panicParam("Gamma", "shape = %v, scale = %v, want both > 0", shape, scale)
	}
	return distuv.Gamma{Alpha: shape, Beta: 1 / scale, Src: &r.pcg}.Rand()
}

// Beta returns a number drawn from the beta distribution with shapes a, b > 0
// (gonum's distuv.Beta).
func (r *RNG) Beta(a, b float64) float64 {
	if !(a > 0 && b > 0) {
		panicParam("Beta", "a = %v, b = %v, want both > 0", a, b)
	}
	return distuv.Beta{Alpha: a, Beta: b, Src: &r.pcg}.Rand()
}

// TruncatedNormal returns a number drawn from Normal(mu, sigma) conditioned on
// [lo, hi] (lo < hi; either may be infinite). It uses exact rejection samplers
// chosen after C. P. Robert, "Simulation of truncated normal variables",
// Statistics and Computing 5 (1995) 121–125, so far tails are as cheap as the
// bulk.
func (r *RNG) TruncatedNormal(mu, sigma, lo, hi float64) float64 {
	if !(sigma > 0) || !(lo < hi) || math.IsInf(mu, 0) {
		panicParam("TruncatedNormal", "mu = %v, sigma = %v, [lo, hi] = [%v, %v], want finite mu, sigma > 0, lo < hi", mu, sigma, lo, hi)
	}
	return mu + sigma*r.stdTruncNormal((lo-mu)/sigma, (hi-mu)/sigma)
}

// stdTruncNormal samples the standard normal restricted to [a, b], a < b.
func (r *RNG) stdTruncNormal(a, b float64) float64 {
	if b <= 0 { // mirror an interval left of 0 to the right
		return -r.stdTruncNormal(-b, -a)
	}
	if a <= 0 { // the interval contains 0
		if b-a >= math.Sqrt(2*math.Pi) { // acceptance Φ(b)-Φ(a) ≥ 0.49
			for {
				z := r.rand.NormFloat64()
				if a <= z && z <= b {
					return z
				}
			}
		}
		for { // uniform proposal under the peak φ(0)
			z := a + (b-a)*r.Float64()
			if r.Float64() <= math.Exp(-z*z/2) {
				return z
			}
		}
	}
	// 0 < a < b: Robert's choice between a uniform and a translated
	// exponential proposal.
	s := math.Sqrt(a*a + 4)
	if b-a < 2*math.Sqrt(math.E)/(a+s)*math.Exp((a*a-a*s)/4) {
		for {
			z := a + (b-a)*r.Float64()
			if r.Float64() <= math.Exp((a*a-z*z)/2) {
				return z
			}
		}
	}
	alpha := (a + s) / 2
	for {
		z := a + r.rand.ExpFloat64()/alpha
		if z > b {
			continue
		}
		d := z - alpha
		if r.Float64() <= math.Exp(-d*d/2) {
			return z
		}
	}
}

// Permutation returns a random permutation of 0 … n-1.
func (r *RNG) Permutation(n int) []int { return r.rand.Perm(n) }

// Shuffle randomly permutes n elements through swap, as rand.Shuffle.
func (r *RNG) Shuffle(n int, swap func(i, j int)) { r.rand.Shuffle(n, swap) }

// Choice fills dst with indices drawn uniformly from [0, n). With replace
// false the indices are distinct and come out in increasing order, every
// subset of len(dst) indices being equally likely, which suits connection
// lists (shuffle them if order matters). It returns an error if n ≤ 0 or,
// with replace false, len(dst) > n.
func (r *RNG) Choice(dst []int, n int, replace bool) error {
	if n <= 0 {
		return fmt.Errorf("bm: RNG.Choice: n = %d, want n > 0", n)
	}
	if replace {
		for i := range dst {
			dst[i] = r.rand.IntN(n)
		}
		return nil
	}
	if len(dst) > n {
		return fmt.Errorf("bm: RNG.Choice: cannot draw %d distinct indices from %d without replacement", len(dst), n)
	}
	// Floyd's algorithm costs k draws and O(k²) element moves, selection
	// sampling n draws: pick the cheaper.
	if k := len(dst); k*k <= 16*n {
		r.choiceFloyd(dst, n)
	} else {
		r.choiceSelection(dst, n)
	}
	return nil
}

// choiceFloyd draws len(dst) distinct sorted indices from [0, n) by Floyd's
// algorithm (Bentley & Floyd, CACM 30 (1987) 754), keeping dst sorted by
// insertion.
func (r *RNG) choiceFloyd(dst []int, n int) {
	k := len(dst)
	for m, j := 0, n-k; j < n; m, j = m+1, j+1 {
		t := r.rand.IntN(j + 1)
		pos, found := slices.BinarySearch(dst[:m], t)
		if found {
			// Every index chosen so far is below j, so j goes last.
			dst[m] = j
			continue
		}
		copy(dst[pos+1:m+1], dst[pos:m])
		dst[pos] = t
	}
}

// choiceSelection draws len(dst) distinct sorted indices from [0, n) by
// Knuth's selection sampling (TAOCP vol. 2, Algorithm S).
func (r *RNG) choiceSelection(dst []int, n int) {
	need := len(dst)
	for i := 0; need > 0; i++ {
		// Select i with probability need/(n-i).
		if r.rand.IntN(n-i) < need {
			dst[len(dst)-need] = i
			need--
		}
	}
}

// ChoiceP fills dst with indices drawn with replacement from [0, len(p)),
// index i with probability p[i]/Σp. The weights must be non-negative, finite
// and not all zero.
func (r *RNG) ChoiceP(dst []int, p []float64) error {
	cum := make([]float64, len(p))
	var s float64
	for i, pi := range p {
		if !(pi >= 0) || math.IsInf(pi, 0) {
			return fmt.Errorf("bm: RNG.ChoiceP: weight p[%d] = %v, want a finite value >= 0", i, pi)
		}
		s += pi
		cum[i] = s
	}
	if !(s > 0) {
		return fmt.Errorf("bm: RNG.ChoiceP: the %d weights sum to %v, want a positive sum", len(p), s)
	}
	for i := range dst {
		u := r.Float64() * s
		// First index whose cumulative weight exceeds u (skips zero weights).
		dst[i] = min(sort.Search(len(cum), func(k int) bool { return cum[k] > u }), len(p)-1)
	}
	return nil
}

// UniformFill fills dst with draws from Uniform(lo, hi).
func (r *RNG) UniformFill(dst []float64, lo, hi float64) {
	for i := range dst {
		dst[i] = lo + (hi-lo)*r.Float64()
	}
}

// NormalFill fills dst with draws from Normal(mu, sigma).
func (r *RNG) NormalFill(dst []float64, mu, sigma float64) {
	if !(sigma >= 0) {
		panicParam("NormalFill", "sigma = %v, want sigma >= 0", sigma)
	}
	for i := range dst {
		dst[i] = mu + sigma*r.rand.NormFloat64()
	}
}

// ExponentialFill fills dst with draws from Exponential(rate).
func (r *RNG) ExponentialFill(dst []float64, rate float64) {
	for i := range dst {
		dst[i] = r.Exponential(rate)
	}
}

// PoissonFill fills dst with Poisson(lam) counts (as float64, ready to be
// added to inputs).
func (r *RNG) PoissonFill(dst []float64, lam float64) {
	for i := range dst {
		dst[i] = float64(r.Poisson(lam))
	}
}

// BernoulliFill sets each dst[i] to true with probability p.
func (r *RNG) BernoulliFill(dst []bool, p float64) {
	if !(p >= 0 && p <= 1) {
		panicParam("BernoulliFill", "p = %v, want p in [0, 1]", p)
	}
	for i := range dst {
		dst[i] = r.Float64() < p
	}
}
