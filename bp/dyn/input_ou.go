package dyn

import (
	"fmt"
	"math"

	"github.com/braingo/braingo/bp"
	bm "github.com/braingo/braingo/bp/math"
)

// OUNoiseParams are the parameters of an [OUNoise].
type OUNoiseParams struct {
	Mean  float64 // mean of the process
	Sigma float64 // noise intensity: dx = (mean − x)/tau·dt + sigma·dW
	Tau   float64 // time constant (ms); 0 means 10
	Seed  uint64  // seed of the noise
}

// OUNoise is an Ornstein–Uhlenbeck noise source as a model (BrainPy's
// OUProcess, and the x_ou/y_ou noise of its rate FHN): one independent
// process per element, advanced exactly at each step,
//
//	x ← mean + (x − mean)·e^{−dt/τ} + sigma·√(τ/2·(1 − e^{−2dt/τ}))·N(0, 1),
//
// and added into Target (a group's or a rate node's input). Add it to a
// network before the model whose input it feeds. Same seed, same noise;
// the process starts at Mean.
type OUNoise struct {
	X      []float64 // the processes, one per element
	Target []float64 // input the processes are added into at each step
	OUNoiseParams
	rng *bm.RNG
}

// NewOUNoise returns an OU source feeding target, one process per element.
func NewOUNoise(target []float64, s OUNoiseParams) (*OUNoise, error) {
	if len(target) == 0 {
		return nil, fmt.Errorf("%w: OUNoise needs a target of at least one element", ErrInput)
	}
	s.Tau = chanDefault(s.Tau, 10)
	if !(s.Tau > 0) || !(s.Sigma >= 0) || math.IsInf(s.Tau+s.Sigma, 0) || math.IsNaN(s.Mean) || math.IsInf(s.Mean, 0) {
		return nil, fmt.Errorf("%w: OUNoise needs a finite Tau > 0 (got %g), Sigma ≥ 0 (got %g) and Mean (got %g)", ErrInput, s.Tau, s.Sigma, s.Mean)
	}
	o := &OUNoise{X: make([]float64, len(target)), Target: target, OUNoiseParams: s, rng: bm.NewRNG(s.Seed)}
	o.Reset(0)
	return o, nil
}

// Update advances every process by ctx.DT and adds it into Target.
func (o *OUNoise) Update(ctx *bp.Context) {
	a, sd := ouFactors(o.Sigma, o.Tau, ctx.DT)
	tgt := o.Target[:len(o.X)]
	for i, x := range o.X {
		x = o.Mean + (x-o.Mean)*a + o.rng.Normal(0, sd)
		o.X[i] = x
		tgt[i] += x
	}
}

// Reset puts every process back at Mean and, with a non-zero seed,
// re-seeds the noise (zero restarts the seed it was built with).
func (o *OUNoise) Reset(seed uint64) {
	if seed != 0 {
		o.Seed = seed
	}
	o.rng.Seed(o.Seed)
	for i := range o.X {
		o.X[i] = o.Mean
	}
}

// Vars returns the processes as "x".
func (o *OUNoise) Vars() []bp.Var { return []bp.Var{{Name: "x", Data: o.X}} }

// RandomState returns the noise generator, so that bp.Save and bp.Load
// carry it.
func (o *OUNoise) RandomState() bp.RandomState { return o.rng }
