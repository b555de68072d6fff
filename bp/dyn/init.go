package dyn

import (
	"errors"
	"fmt"
	"math"

	bm "github.com/braingo/braingo/bp/math"
	"gonum.org/v1/gonum/mat"
)

// ErrInit is wrapped by the errors weight initialisers return for bad
// parameters or a layout they cannot fill.
var ErrInit = errors.New("dyn: bad weight initialiser")

// Initializer draws the initial weights of a layer with nPre inputs and
// nPost outputs (BrainPy's bp.init). Fill writes len(dst) weights; for a
// dense layer dst is the row-major nPre×nPost matrix, for a sparse one the
// weights of its synapses (see [InitCSR]). nPre and nPost are the fan-in and
// fan-out the variance-scaling initialisers use.
type Initializer interface {
	Fill(dst []float64, nPre, nPost int, rng *bm.RNG) error
}

// PairInitializer is an initialiser whose weight depends on which two
// neurons a synapse connects (the distance-decay ones), so that it can also
// fill the synapses of a sparse layer.
type PairInitializer interface {
	Initializer
	Weight(pre, post, nPre, nPost int) float64
}

// InitDense returns an nPre×nPost matrix filled by init with a generator
// seeded with seed.
func InitDense(init Initializer, nPre, nPost int, seed uint64) (*mat.Dense, error) {
	if nPre < 1 || nPost < 1 {
		return nil, fmt.Errorf("%w: dense layer %d×%d; both sizes must be positive", ErrInit, nPre, nPost)
	}
	w := make([]float64, nPre*nPost)
	if err := init.Fill(w, nPre, nPost, bm.NewRNG(seed)); err != nil {
		return nil, err
	}
	return mat.NewDense(nPre, nPost, w), nil
}

// InitCSR gives every synapse of c its own weight drawn by init (setting
// c.Weights). Pair initialisers get each synapse's (pre, post); the others
// draw independent weights with the layer's fan-in and fan-out. Orthogonal
// has no meaning for a sparse layer and returns an error.
func InitCSR(c *bm.CSR, init Initializer, seed uint64) error {
	if c == nil {
		return fmt.Errorf("%w: nil CSR", ErrInit)
	}
	if _, ok := init.(Orthogonal); ok {
		return fmt.Errorf("%w: Orthogonal needs a dense layer", ErrInit)
	}
	w := make([]float64, c.NNZ())
	if p, ok := init.(PairInitializer); ok {
		if v, ok := init.(interface{ validate(nPre, nPost int) error }); ok {
			if err := v.validate(c.Rows, c.Cols); err != nil {
				return err
			}
		}
		for i := range c.Rows {
			for k := c.Indptr[i]; k < c.Indptr[i+1]; k++ {
				w[k] = p.Weight(i, int(c.Indices[k]), c.Rows, c.Cols)
			}
		}
	} else if err := init.Fill(w, c.Rows, c.Cols, bm.NewRNG(seed)); err != nil {
		return err
	}
	c.Weights = w
	return nil
}

// Constant sets every weight to Value (BrainPy's Constant; ZeroInit and
// OneInit are Constant{0} and Constant{1}).
type Constant struct{ Value float64 }

// Fill sets dst to Value.
func (c Constant) Fill(dst []float64, _, _ int, _ *bm.RNG) error {
	for i := range dst {
		dst[i] = c.Value
	}
	return nil
}

// Normal draws weights from N(Mean, Std²); a zero Std means 1 (BrainPy's
// default scale).
type Normal struct{ Mean, Std float64 }

// Fill draws the weights.
func (n Normal) Fill(dst []float64, _, _ int, rng *bm.RNG) error {
	std := n.Std
	if std == 0 {
		std = 1
	}
	if !(std > 0) || math.IsInf(std, 0) || math.IsNaN(n.Mean) {
		return fmt.Errorf("%w: Normal(%v, %v); the spread must be positive", ErrInit, n.Mean, n.Std)
	}
	rng.NormalFill(dst, n.Mean, std)
	return nil
}

// Uniform draws weights uniformly from [Min, Max); Min = Max = 0 means
// [0, 1) (BrainPy's default).
type Uniform struct{ Min, Max float64 }

// Fill draws the weights.
func (u Uniform) Fill(dst []float64, _, _ int, rng *bm.RNG) error {
	lo, hi := u.Min, u.Max
	if lo == 0 && hi == 0 {
		hi = 1
	}
	if !(lo <= hi) || math.IsInf(lo, 0) || math.IsInf(hi, 0) {
		return fmt.Errorf("%w: Uniform[%v, %v); the bounds must be finite with Min ≤ Max", ErrInit, u.Min, u.Max)
	}
	rng.UniformFill(dst, lo, hi)
	return nil
}

// TruncatedNormal draws weights from N(Mean, Std²) restricted to [Lower,
// Upper]. A zero Std means 1; Lower = Upper = 0 means Mean ± 2·Std.
type TruncatedNormal struct{ Mean, Std, Lower, Upper float64 }

// Fill draws the weights.
func (t TruncatedNormal) Fill(dst []float64, _, _ int, rng *bm.RNG) error {
	std := t.Std
	if std == 0 {
		std = 1
	}
	lo, hi := t.Lower, t.Upper
	if lo == 0 && hi == 0 {
		lo, hi = t.Mean-2*std, t.Mean+2*std
	}
	if !(std > 0) || math.IsInf(std, 0) || !(lo < hi) || math.IsNaN(t.Mean) || math.IsInf(t.Mean, 0) {
		return fmt.Errorf("%w: TruncatedNormal(%v, %v) on [%v, %v]; want Std > 0 and Lower < Upper", ErrInit, t.Mean, t.Std, lo, hi)
	}
	for i := range dst {
		dst[i] = rng.TruncatedNormal(t.Mean, std, lo, hi)
	}
	return nil
}

// VarianceScaling draws zero-mean weights with variance Scale/n, n the
// fan-in (Mode "fan_in"), the fan-out ("fan_out") or their mean
// ("fan_avg"), from a "uniform", "normal" or "truncated_normal"
// Distribution (BrainPy's VarianceScaling). The truncated normal is cut at
// two standard deviations and rescaled to keep the variance. Use the
// Kaiming, Xavier and Lecun functions for the usual choices.
type VarianceScaling struct {
	Scale        float64 // variance times n
	Mode         string  // "fan_in", "fan_out" or "fan_avg"
	Distribution string  // "uniform", "normal" or "truncated_normal"
}

// KaimingUniform is He initialisation, uniform: variance 2/fan_in.
func KaimingUniform() VarianceScaling { return VarianceScaling{2, "fan_in", "uniform"} }

// KaimingNormal is He initialisation, truncated normal: variance 2/fan_in.
func KaimingNormal() VarianceScaling { return VarianceScaling{2, "fan_in", "truncated_normal"} }

// XavierUniform is Glorot initialisation, uniform: variance 2/(fan_in+fan_out).
func XavierUniform() VarianceScaling { return VarianceScaling{1, "fan_avg", "uniform"} }

// XavierNormal is Glorot initialisation, truncated normal: variance 2/(fan_in+fan_out).
func XavierNormal() VarianceScaling { return VarianceScaling{1, "fan_avg", "truncated_normal"} }

// LecunUniform is LeCun initialisation, uniform: variance 1/fan_in.
func LecunUniform() VarianceScaling { return VarianceScaling{1, "fan_in", "uniform"} }

// LecunNormal is LeCun initialisation, truncated normal: variance 1/fan_in.
func LecunNormal() VarianceScaling { return VarianceScaling{1, "fan_in", "truncated_normal"} }

// truncStdFactor is the standard deviation of a unit normal truncated to
// [-2, 2].
const truncStdFactor = 0.87962566103423978

// Fill draws the weights.
func (v VarianceScaling) Fill(dst []float64, nPre, nPost int, rng *bm.RNG) error {
	var fan float64
	switch v.Mode {
	case "fan_in":
		fan = float64(nPre)
	case "fan_out":
		fan = float64(nPost)
	case "fan_avg":
		fan = float64(nPre+nPost) / 2
	default:
		return fmt.Errorf("%w: VarianceScaling mode %q; want fan_in, fan_out or fan_avg", ErrInit, v.Mode)
	}
	if !(v.Scale > 0) || !(fan > 0) {
		return fmt.Errorf("%w: VarianceScaling scale %v over fan %v; both must be positive", ErrInit, v.Scale, fan)
	}
	variance := v.Scale / fan
	switch v.Distribution {
	case "uniform":
		lim := math.Sqrt(3 * variance)
		rng.UniformFill(dst, -lim, lim)
	case "normal":
		rng.NormalFill(dst, 0, math.Sqrt(variance))
	case "truncated_normal":
		std := math.Sqrt(variance) / truncStdFactor
		for i := range dst {
			dst[i] = rng.TruncatedNormal(0, std, -2*std, 2*std)
		}
	default:
		return fmt.Errorf("%w: VarianceScaling distribution %q; want uniform, normal or truncated_normal", ErrInit, v.Distribution)
	}
	return nil
}

// Orthogonal draws a random (Haar) orthogonal matrix times Gain (zero Gain
// means 1): a square layer gets an orthogonal matrix, a tall one
// orthonormal columns and a wide one orthonormal rows (BrainPy's
// Orthogonal). It fills dense layers only.
type Orthogonal struct{ Gain float64 }

// Fill draws the matrix; len(dst) must be nPre·nPost.
func (o Orthogonal) Fill(dst []float64, nPre, nPost int, rng *bm.RNG) error {
	if len(dst) != nPre*nPost {
		return fmt.Errorf("%w: Orthogonal fills a dense %d×%d layer, not %d weights", ErrInit, nPre, nPost, len(dst))
	}
	gain := o.Gain
	if gain == 0 {
		gain = 1
	}
	// The leading block of a Haar orthogonal matrix is a uniformly random
	// orthonormal frame.
	q, err := rng.Orthogonal(max(nPre, nPost))
	if err != nil {
		return fmt.Errorf("%w: %w", ErrInit, err)
	}
	for i := range nPre {
		for j := range nPost {
			dst[i*nPost+j] = gain * q.At(i, j)
		}
	}
	return nil
}

// NeuronGrid places the neurons of a layer on a Rows×Cols grid (row-major) for
// the distance-decay initialisers; a zero Grid puts them on a line. With
// Periodic the grid wraps around.
type NeuronGrid struct {
	Rows, Cols int  // grid shape; Rows·Cols must be the layer's size
	Periodic   bool // distances wrap around the edges (a torus)
}

// dist2 returns the squared distance between neurons a and b of n.
func (g NeuronGrid) dist2(a, b, n int) float64 {
	rows, cols := g.Rows, g.Cols
	if rows == 0 && cols == 0 {
		rows, cols = 1, n
	}
	ia, ja := gridCoords(a, cols)
	ib, jb := gridCoords(b, cols)
	di, dj := gridDelta(ia, ib, rows, g.Periodic), gridDelta(ja, jb, cols, g.Periodic)
	return float64(di*di + dj*dj)
}

// check reports a grid that does not hold n neurons.
func (g NeuronGrid) check(nPre, nPost int) error {
	if nPre != nPost {
		return fmt.Errorf("%w: distance decay needs pre and post on the same grid, got %d and %d neurons", ErrInit, nPre, nPost)
	}
	if (g.Rows != 0 || g.Cols != 0) && g.Rows*g.Cols != nPre {
		return fmt.Errorf("%w: a %d×%d grid does not hold %d neurons", ErrInit, g.Rows, g.Cols, nPre)
	}
	return nil
}

// fillPairs fills a dense nPre×nPost layer from a weight function.
func fillPairs(dst []float64, nPre, nPost int, w func(i, j int) float64) error {
	if len(dst) != nPre*nPost {
		return fmt.Errorf("%w: %d weights for a dense %d×%d layer (use InitCSR for a sparse one)", ErrInit, len(dst), nPre, nPost)
	}
	for i := range nPre {
		for j := range nPost {
			dst[i*nPost+j] = w(i, j)
		}
	}
	return nil
}

// GaussianDecay sets the weight between neurons at distance d to
// MaxW·exp(-d²/(2σ²)), and to 0 where that is below MinW (zero MinW means
// 0.005·MaxW); self connections get MaxW unless ExcludeSelf (BrainPy's
// GaussianDecay, with distances in grid units).
type GaussianDecay struct {
	Sigma, MaxW, MinW float64    // width (grid units), peak weight and cut-off
	Grid              NeuronGrid // positions of the neurons
	ExcludeSelf       bool       // no weight from a neuron to itself
}

// Weight returns the weight from pre to post.
func (g GaussianDecay) Weight(pre, post, nPre, _ int) float64 {
	if pre == post && g.ExcludeSelf {
		return 0
	}
	w := g.MaxW * math.Exp(-g.Grid.dist2(pre, post, nPre)/(2*g.Sigma*g.Sigma))
	minW := g.MinW
	if minW == 0 {
		minW = 0.005 * math.Abs(g.MaxW)
	}
	if math.Abs(w) < minW {
		return 0
	}
	return w
}

func (g GaussianDecay) validate(nPre, nPost int) error {
	if !(g.Sigma > 0) {
		return fmt.Errorf("%w: GaussianDecay sigma %v; it must be positive", ErrInit, g.Sigma)
	}
	return g.Grid.check(nPre, nPost)
}

// Fill fills a dense layer.
func (g GaussianDecay) Fill(dst []float64, nPre, nPost int, _ *bm.RNG) error {
	if err := g.validate(nPre, nPost); err != nil {
		return err
	}
	return fillPairs(dst, nPre, nPost, func(i, j int) float64 { return g.Weight(i, j, nPre, nPost) })
}

// DOGDecay is a difference of Gaussians (centre–surround):
// w = WP·exp(-d²/(2σP²)) − WN·exp(-d²/(2σN²)), set to 0 where |w| < MinW
// (zero MinW means 0.005·max(|WP|, |WN|)) (BrainPy's DOGDecay).
type DOGDecay struct {
	SigmaP, SigmaN float64    // widths of the positive (centre) and negative (surround) Gaussians
	WP, WN         float64    // their peak weights
	MinW           float64    // cut-off
	Grid           NeuronGrid // positions of the neurons
	ExcludeSelf    bool       // no weight from a neuron to itself
}

// Weight returns the weight from pre to post.
func (g DOGDecay) Weight(pre, post, nPre, _ int) float64 {
	if pre == post && g.ExcludeSelf {
		return 0
	}
	d2 := g.Grid.dist2(pre, post, nPre)
	w := g.WP*math.Exp(-d2/(2*g.SigmaP*g.SigmaP)) - g.WN*math.Exp(-d2/(2*g.SigmaN*g.SigmaN))
	minW := g.MinW
	if minW == 0 {
		minW = 0.005 * max(math.Abs(g.WP), math.Abs(g.WN))
	}
	if math.Abs(w) < minW {
		return 0
	}
	return w
}

func (g DOGDecay) validate(nPre, nPost int) error {
	if !(g.SigmaP > 0) || !(g.SigmaN > 0) {
		return fmt.Errorf("%w: DOGDecay sigmas %v and %v; both must be positive", ErrInit, g.SigmaP, g.SigmaN)
	}
	return g.Grid.check(nPre, nPost)
}

// Fill fills a dense layer.
func (g DOGDecay) Fill(dst []float64, nPre, nPost int, _ *bm.RNG) error {
	if err := g.validate(nPre, nPost); err != nil {
		return err
	}
	return fillPairs(dst, nPre, nPost, func(i, j int) float64 { return g.Weight(i, j, nPre, nPost) })
}
