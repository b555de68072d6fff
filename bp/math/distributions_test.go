package bm

import (
	"math"
	"slices"
	"testing"
)

// truncNormalMoments returns the mean and variance of Normal(mu, sigma)
// restricted to [lo, hi] (closed form).
func truncNormalMoments(mu, sigma, lo, hi float64) (mean, variance float64) {
	a, b := (lo-mu)/sigma, (hi-mu)/sigma
	phi := func(x float64) float64 { return math.Exp(-x*x/2) / math.Sqrt(2*math.Pi) }
	cdf := func(x float64) float64 { return 0.5 * math.Erfc(-x/math.Sqrt2) }
	xphi := func(x float64) float64 { // x·φ(x), 0 at ±∞
		if math.IsInf(x, 0) {
			return 0
		}
		return x * phi(x)
	}
	z := cdf(b) - cdf(a)
	if a > 0 { // better conditioned through the upper tail
		z = cdf(-a) - cdf(-b)
	}
	d := (phi(a) - phi(b)) / z
	return mu + sigma*d, sigma * sigma * (1 + (xphi(a)-xphi(b))/z - d*d)
}

func TestDistributionMoments(t *testing.T) {
	const n = 200000
	r := NewRNG(2024)
	ln := func(mu, s float64) (float64, float64) {
		return math.Exp(mu + s*s/2), (math.Exp(s*s) - 1) * math.Exp(2*mu+s*s)
	}
	b2f := func(b bool) float64 {
		if b {
			return 1
		}
		return 0
	}
	type moments struct{ mean, variance float64 }
	tn := func(mu, s, lo, hi float64) moments { m, v := truncNormalMoments(mu, s, lo, hi); return moments{m, v} }
	lnm := func(mu, s float64) moments { m, v := ln(mu, s); return moments{m, v} }
	for _, tc := range []struct {
		name string
		draw func() float64
		want moments
	}{
		{"Uniform(2,5)", func() float64 { return r.Uniform(2, 5) }, moments{3.5, 9.0 / 12}},
		{"Float64", r.Float64, moments{0.5, 1.0 / 12}},
		{"Normal(1,2)", func() float64 { return r.Normal(1, 2) }, moments{1, 4}},
		{"LogNormal(0.1,0.5)", func() float64 { return r.LogNormal(0.1, 0.5) }, lnm(0.1, 0.5)},
		{"Exponential(2)", func() float64 { return r.Exponential(2) }, moments{0.5, 0.25}},
		{"Poisson(0.2)", func() float64 { return float64(r.Poisson(0.2)) }, moments{0.2, 0.2}},
		{"Poisson(3)", func() float64 { return float64(r.Poisson(3)) }, moments{3, 3}},
		{"Poisson(25)", func() float64 { return float64(r.Poisson(25)) }, moments{25, 25}},
		{"Poisson(400)", func() float64 { return float64(r.Poisson(400)) }, moments{400, 400}},
		{"Bernoulli(0.3)", func() float64 { return b2f(r.Bernoulli(0.3)) }, moments{0.3, 0.21}},
		{"Binomial(10,0.3)", func() float64 { return float64(r.Binomial(10, 0.3)) }, moments{3, 2.1}},
		{"Binomial(1000,0.02)", func() float64 { return float64(r.Binomial(1000, 0.02)) }, moments{20, 19.6}},
		{"Binomial(60,0.9)", func() float64 { return float64(r.Binomial(60, 0.9)) }, moments{54, 5.4}},
		{"Gamma(2.5,1.5)", func() float64 { return r.Gamma(2.5, 1.5) }, moments{3.75, 5.625}},
		{"Gamma(0.5,2)", func() float64 { return r.Gamma(0.5, 2) }, moments{1, 2}},
		{"Beta(2,3)", func() float64 { return r.Beta(2, 3) }, moments{0.4, 0.04}},
		{"Intn(10)", func() float64 { return float64(r.Intn(10)) }, moments{4.5, 99.0 / 12}},
		{"TruncatedNormal(0,1,-1,2)", func() float64 { return r.TruncatedNormal(0, 1, -1, 2) }, tn(0, 1, -1, 2)},
		{"TruncatedNormal(1,2,-inf,0)", func() float64 { return r.TruncatedNormal(1, 2, math.Inf(-1), 0) }, tn(1, 2, math.Inf(-1), 0)},
		{"TruncatedNormal(0,1,3,inf)", func() float64 { return r.TruncatedNormal(0, 1, 3, math.Inf(1)) }, tn(0, 1, 3, math.Inf(1))},
		{"TruncatedNormal(0,1,1,1.2)", func() float64 { return r.TruncatedNormal(0, 1, 1, 1.2) }, tn(0, 1, 1, 1.2)},
		{"TruncatedNormal(0,1,0.5,3)", func() float64 { return r.TruncatedNormal(0, 1, 0.5, 3) }, tn(0, 1, 0.5, 3)},
		{"TruncatedNormal(0,1,-6,-5)", func() float64 { return r.TruncatedNormal(0, 1, -6, -5) }, tn(0, 1, -6, -5)},
		{"TruncatedNormal(5,1,-inf,inf)", func() float64 { return r.TruncatedNormal(5, 1, math.Inf(-1), math.Inf(1)) }, moments{5, 1}},
	} {
		var s, s2 float64
		xs := make([]float64, n)
		for i := range xs {
			xs[i] = tc.draw()
			s += xs[i]
		}
		mean := s / n
		for _, x := range xs {
			s2 += (x - mean) * (x - mean)
		}
		variance := s2 / (n - 1)
		// Mean within 5 standard errors; variance within 3% (about 5 standard
		// errors for kurtosis up to 9 at this n).
		if se := math.Sqrt(tc.want.variance / n); math.Abs(mean-tc.want.mean) > 5*se {
			t.Errorf("%s: mean %.6g, want %.6g ± %.2g", tc.name, mean, tc.want.mean, 5*se)
		}
		if math.Abs(variance-tc.want.variance) > 0.03*tc.want.variance {
			t.Errorf("%s: variance %.6g, want %.6g ± 3%%", tc.name, variance, tc.want.variance)
		}
	}
}

func TestTruncatedNormalStaysInRange(t *testing.T) {
	r := NewRNG(3)
	for _, iv := range [][2]float64{{-1, 2}, {3, math.Inf(1)}, {1, 1.2}, {-6, -5}, {8, 8.001}, {-0.01, 0.01}} {
		for i := 0; i < 10000; i++ {
			if x := r.TruncatedNormal(0, 1, iv[0], iv[1]); x < iv[0] || x > iv[1] {
				t.Fatalf("TruncatedNormal on %v gave %v", iv, x)
			}
		}
	}
}

func TestDistributionPanicsOnBadParameters(t *testing.T) {
	r := NewRNG(1)
	assertPanics(t, map[string]func(){
		"Normal sigma<0":        func() { r.Normal(0, -1) },
		"Exponential rate 0":    func() { r.Exponential(0) },
		"Poisson lam<0":         func() { r.Poisson(-1) },
		"Poisson NaN":           func() { r.Poisson(math.NaN()) },
		"Bernoulli p>1":         func() { r.Bernoulli(1.5) },
		"Binomial n<0":          func() { r.Binomial(-1, 0.5) },
		"Gamma shape 0":         func() { r.Gamma(0, 1) },
		"Beta b<0":              func() { r.Beta(1, -1) },
		"TruncatedNormal lo>hi": func() { r.TruncatedNormal(0, 1, 2, 1) },
	})
}

func TestChoice(t *testing.T) {
	r := NewRNG(11)
	const n, k, trials = 20, 5, 20000
	counts := make([]int, n)
	dst := make([]int, k)
	for trial := 0; trial < trials; trial++ {
		if err := r.Choice(dst, n, false); err != nil {
			t.Fatal(err)
		}
		for i := 1; i < k; i++ {
			if dst[i] <= dst[i-1] {
				t.Fatalf("Choice without replacement gave %v: not strictly increasing", dst)
			}
		}
		for _, j := range dst {
			counts[j]++
		}
	}
	// Each index is chosen with probability k/n per trial.
	p := float64(k) / n
	mean, sd := trials*p, math.Sqrt(trials*p*(1-p))
	for j, c := range counts {
		if math.Abs(float64(c)-mean) > 5*sd {
			t.Errorf("index %d chosen %d times, want %.0f ± %.0f", j, c, mean, 5*sd)
		}
	}
	if err := r.Choice(make([]int, 6), 5, false); err == nil {
		t.Error("6 distinct from 5: no error")
	}
	if err := r.Choice(dst, 0, true); err == nil {
		t.Error("n = 0: no error")
	}
	if err := r.Choice(make([]int, 30), 5, true); err != nil {
		t.Errorf("30 from 5 with replacement: %v", err)
	}
}

// TestChoiceSubsetsUniform checks both samplers behind Choice: every
// k-subset of [0, n) must come out equally often (chi-square over all
// subsets, 5 sd above its mean).
func TestChoiceSubsetsUniform(t *testing.T) {
	r := NewRNG(14)
	for name, draw := range map[string]func([]int, int){"Floyd": r.choiceFloyd, "selection": r.choiceSelection} {
		for _, nk := range [][2]int{{5, 2}, {6, 3}, {7, 7}, {4, 1}} {
			n, k := nk[0], nk[1]
			const trials = 40000
			counts := map[[7]int]float64{}
			dst := make([]int, k)
			for trial := 0; trial < trials; trial++ {
				draw(dst, n)
				var key [7]int
				for i, v := range dst {
					if v < 0 || v >= n || (i > 0 && v <= dst[i-1]) {
						t.Fatalf("%s(%d of %d) gave %v", name, k, n, dst)
					}
					key[i] = v + 1
				}
				counts[key]++
			}
			subsets := binomialCoefficient(n, k)
			if len(counts) != subsets {
				t.Errorf("%s(%d of %d): %d distinct subsets, want %d", name, k, n, len(counts), subsets)
			}
			want := float64(trials) / float64(subsets)
			var chi2 float64
			for _, c := range counts {
				chi2 += (c - want) * (c - want) / want
			}
			if dof := float64(subsets - 1); chi2 > dof+5*math.Sqrt(2*dof)+1e-9 {
				t.Errorf("%s(%d of %d): chi-square %.1f over %v degrees of freedom", name, k, n, chi2, dof)
			}
		}
	}
}

func binomialCoefficient(n, k int) int {
	c := 1
	for i := 0; i < k; i++ {
		c = c * (n - i) / (i + 1)
	}
	return c
}

func TestChoiceP(t *testing.T) {
	r := NewRNG(12)
	p := []float64{1, 0, 3, 6}
	dst := make([]int, 100000)
	if err := r.ChoiceP(dst, p); err != nil {
		t.Fatal(err)
	}
	counts := make([]float64, len(p))
	for _, i := range dst {
		counts[i]++
	}
	for i, c := range counts {
		want := p[i] / 10 * float64(len(dst))
		if sd := math.Sqrt(want * (1 - p[i]/10)); math.Abs(c-want) > 5*sd+1e-9 {
			t.Errorf("weight %v: %v draws, want %v ± %v", p[i], c, want, 5*sd)
		}
	}
	for _, bad := range [][]float64{{0, 0}, {1, -1}, {math.NaN()}, {math.Inf(1)}, nil} {
		if err := r.ChoiceP(dst[:1], bad); err == nil {
			t.Errorf("weights %v: no error", bad)
		}
	}
}

func TestPermutationAndShuffle(t *testing.T) {
	r := NewRNG(13)
	perm := r.Permutation(50)
	sorted := slices.Clone(perm)
	slices.Sort(sorted)
	for i, v := range sorted {
		if v != i {
			t.Fatalf("Permutation(50) = %v is not a permutation", perm)
		}
	}
	s := []int{0, 1, 2, 3, 4, 5, 6, 7}
	r.Shuffle(len(s), func(i, j int) { s[i], s[j] = s[j], s[i] })
	slices.Sort(s)
	if !slices.Equal(s, []int{0, 1, 2, 3, 4, 5, 6, 7}) {
		t.Errorf("Shuffle lost elements: %v", s)
	}
}

func TestFillMatchesScalarDraws(t *testing.T) {
	a, b := NewRNG(21), NewRNG(21)
	dst := make([]float64, 100)
	a.NormalFill(dst, 1, 2)
	for i, x := range dst {
		if y := b.Normal(1, 2); x != y {
			t.Fatalf("NormalFill[%d] = %v, scalar draw %v", i, x, y)
		}
	}
	a.UniformFill(dst, -1, 1)
	for i, x := range dst {
		if y := b.Uniform(-1, 1); x != y {
			t.Fatalf("UniformFill[%d] = %v, scalar draw %v", i, x, y)
		}
	}
	a.PoissonFill(dst, 4)
	for i, x := range dst {
		if y := b.Poisson(4); x != float64(y) {
			t.Fatalf("PoissonFill[%d] = %v, scalar draw %v", i, x, y)
		}
	}
	a.ExponentialFill(dst, 3)
	for i, x := range dst {
		if y := b.Exponential(3); x != y {
			t.Fatalf("ExponentialFill[%d] = %v, scalar draw %v", i, x, y)
		}
	}
	bs := make([]bool, 100)
	a.BernoulliFill(bs, 0.4)
	for i, x := range bs {
		if y := b.Bernoulli(0.4); x != y {
			t.Fatalf("BernoulliFill[%d] = %v, scalar draw %v", i, x, y)
		}
	}
}

// TestPoissonPMF compares the frequencies of Poisson draws with the
// probability mass function on both samplers (below and above lam = 10):
// chi-square over the cells with at least 5 expected counts, the two tails
// pooled, within 5 sd of its degrees of freedom.
func TestPoissonPMF(t *testing.T) {
	const n = 100000
	r := NewRNG(15)
	for _, lam := range []float64{0.5, 3, 9.9, 10, 25, 200} {
		counts := map[int]float64{}
		for i := 0; i < n; i++ {
			counts[r.Poisson(lam)]++
		}
		pmf := func(k int) float64 {
			lg, _ := math.Lgamma(float64(k) + 1)
			return math.Exp(float64(k)*math.Log(lam) - lam - lg)
		}
		// Cells: the low tail k < lo, each k in [lo, hi], the high tail k > hi,
		// with lo and hi chosen so every cell expects at least 5 draws.
		lo, hi := int(lam), int(lam)
		for lo > 0 && n*pmf(lo-1) >= 5 {
			lo--
		}
		for n*pmf(hi+1) >= 5 {
			hi++
		}
		var chi2, pLow, seenLow, seenHigh float64
		for k := 0; k < lo; k++ {
			pLow += pmf(k)
		}
		var pMid float64
		for k := lo; k <= hi; k++ {
			p := pmf(k)
			pMid += p
			chi2 += (counts[k] - n*p) * (counts[k] - n*p) / (n * p)
		}
		for k, c := range counts {
			if k < lo {
				seenLow += c
			} else if k > hi {
				seenHigh += c
			}
		}
		cells := hi - lo + 1
		for _, tail := range [][2]float64{{seenLow, pLow}, {seenHigh, 1 - pLow - pMid}} {
			if tail[1]*n >= 1 {
				chi2 += (tail[0] - n*tail[1]) * (tail[0] - n*tail[1]) / (n * tail[1])
				cells++
			}
		}
		if dof := float64(cells - 1); chi2 > dof+5*math.Sqrt(2*dof) {
			t.Errorf("Poisson(%v): chi-square %.1f over %v degrees of freedom", lam, chi2, dof)
		}
	}
}
