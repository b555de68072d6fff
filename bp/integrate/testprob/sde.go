package testprob

import "math"

// GBM is geometric Brownian motion dX = μX dt + σX dW, X(0) = X0, one
// variable, with its pathwise solutions given the Wiener value W(t).
type GBM struct {
	Mu, Sigma, X0 float64
}

// F is the drift μx.
func (p GBM) F(dst []float64, _ float64, x []float64) {
	for i := range x {
		dst[i] = p.Mu * x[i]
	}
}

// G is the diffusion σx.
func (p GBM) G(dst []float64, _ float64, x []float64) {
	for i := range x {
		dst[i] = p.Sigma * x[i]
	}
}

// Ito is the Itô solution X0·exp((μ − σ²/2)t + σW).
func (p GBM) Ito(t, w float64) float64 {
	return p.X0 * math.Exp((p.Mu-p.Sigma*p.Sigma/2)*t+p.Sigma*w)
}

// Stratonovich is the Stratonovich solution X0·exp(μt + σW).
func (p GBM) Stratonovich(t, w float64) float64 {
	return p.X0 * math.Exp(p.Mu*t+p.Sigma*w)
}

// ItoMean is E[X(t)] = X0·e^{μt} under Itô.
func (p GBM) ItoMean(t float64) float64 { return p.X0 * math.Exp(p.Mu*t) }

// ItoVar is Var[X(t)] = X0²e^{2μt}(e^{σ²t} − 1) under Itô.
func (p GBM) ItoVar(t float64) float64 {
	return p.X0 * p.X0 * math.Exp(2*p.Mu*t) * math.Expm1(p.Sigma*p.Sigma*t)
}

// OU is the Ornstein–Uhlenbeck process dx = (μ − x)/τ dt + σ dW (BrainPy's
// OUProcess), whose stationary variance is σ²τ/2.
type OU struct {
	Mu, Sigma, Tau float64
}

// F is the drift (μ − x)/τ.
func (p OU) F(dst []float64, _ float64, x []float64) {
	for i := range x {
		dst[i] = (p.Mu - x[i]) / p.Tau
	}
}

// G is the constant diffusion σ.
func (p OU) G(dst []float64, _ float64, _ []float64) {
	for i := range dst {
		dst[i] = p.Sigma
	}
}

// StationaryVar is σ²τ/2.
func (p OU) StationaryVar() float64 { return p.Sigma * p.Sigma * p.Tau / 2 }
