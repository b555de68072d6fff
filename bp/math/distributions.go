package bm

// Uniform returns a number drawn uniformly from [lo, hi).
func (r *RNG) Uniform(lo, hi float64) float64 { return lo + (hi-lo)*r.rand.Float64() }

// Normal returns a number drawn from the normal distribution with mean mu and
// standard deviation sigma.
func (r *RNG) Normal(mu, sigma float64) float64 { return mu + sigma*r.rand.NormFloat64() }

// Exponential returns a number drawn from the exponential distribution with
// the given rate (mean 1/rate).
func (r *RNG) Exponential(rate float64) float64 { return r.rand.ExpFloat64() / rate }

// Bernoulli returns true with probability p.
func (r *RNG) Bernoulli(p float64) bool { return r.rand.Float64() < p }
