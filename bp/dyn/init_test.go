package dyn

import (
	"errors"
	"math"
	"testing"

	bm "github.com/braingo/braingo/bp/math"
	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat"
)

func TestInitDistributions(t *testing.T) {
	const nPre, nPost = 200, 300 // 60000 draws
	for _, tc := range []struct {
		name           string
		init           Initializer
		mean, variance float64
		lo, hi         float64
	}{
		{"Constant", Constant{0.3}, 0.3, 0, 0.3, 0.3},
		{"Normal", Normal{Mean: 1, Std: 2}, 1, 4, math.Inf(-1), math.Inf(1)},
		{"Uniform default", Uniform{}, 0.5, 1.0 / 12, 0, 1},
		{"Uniform", Uniform{-1, 3}, 1, 16.0 / 12, -1, 3},
		// Unit normal cut at ±2: variance 0.87962566² = 0.77374.
		{"TruncatedNormal", TruncatedNormal{}, 0, 0.7737413, -2, 2},
		{"TruncatedNormal bounds", TruncatedNormal{Mean: 0, Std: 1, Lower: 0, Upper: 10}, math.Sqrt(2 / math.Pi), 1 - 2/math.Pi, 0, 10},
		{"KaimingUniform", KaimingUniform(), 0, 2.0 / nPre, -math.Sqrt(6.0 / nPre), math.Sqrt(6.0 / nPre)},
		{"KaimingNormal", KaimingNormal(), 0, 2.0 / nPre, -2 * math.Sqrt(2.0/nPre) / truncStdFactor, 2 * math.Sqrt(2.0/nPre) / truncStdFactor},
		{"XavierUniform", XavierUniform(), 0, 2.0 / (nPre + nPost), math.Inf(-1), math.Inf(1)},
		{"XavierNormal", XavierNormal(), 0, 2.0 / (nPre + nPost), math.Inf(-1), math.Inf(1)},
		{"LecunUniform", LecunUniform(), 0, 1.0 / nPre, math.Inf(-1), math.Inf(1)},
		{"LecunNormal", LecunNormal(), 0, 1.0 / nPre, math.Inf(-1), math.Inf(1)},
		{"fan_out normal", VarianceScaling{3, "fan_out", "normal"}, 0, 3.0 / nPost, math.Inf(-1), math.Inf(1)},
	} {
		m, err := InitDense(tc.init, nPre, nPost, 1)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		w := m.RawMatrix().Data
		mean, v := stat.MeanVariance(w, nil)
		// Tolerances: 5 standard errors of the sample mean and variance
		// (kurtosis ≤ 3 for these laws).
		n := float64(len(w))
		if math.Abs(mean-tc.mean) > 5*math.Sqrt(tc.variance/n)+1e-12 {
			t.Errorf("%s: mean %v, want %v", tc.name, mean, tc.mean)
		}
		if math.Abs(v-tc.variance) > 5*tc.variance*math.Sqrt(2/n)+1e-12 {
			t.Errorf("%s: variance %v, want %v", tc.name, v, tc.variance)
		}
		for _, x := range w {
			if x < tc.lo || x > tc.hi {
				t.Fatalf("%s: weight %v outside [%v, %v]", tc.name, x, tc.lo, tc.hi)
			}
		}
	}
}

func TestInitOrthogonal(t *testing.T) {
	for _, shape := range [][2]int{{5, 5}, {8, 3}, {3, 8}} {
		m, err := InitDense(Orthogonal{Gain: 2}, shape[0], shape[1], 4)
		if err != nil {
			t.Fatal(err)
		}
		// The shorter side is orthonormal (times the gain): MᵀM or MMᵀ = 4I.
		var p mat.Dense
		if shape[0] >= shape[1] {
			p.Mul(m.T(), m)
		} else {
			p.Mul(m, m.T())
		}
		r, _ := p.Dims()
		for i := range r {
			for j := range r {
				want := 0.0
				if i == j {
					want = 4
				}
				if math.Abs(p.At(i, j)-want) > 1e-12 {
					t.Fatalf("Orthogonal %v: product[%d,%d] = %v, want %v", shape, i, j, p.At(i, j), want)
				}
			}
		}
	}
}

func TestInitDistanceDecay(t *testing.T) {
	g := GaussianDecay{Sigma: 1.5, MaxW: 2, Grid: NeuronGrid{Rows: 4, Cols: 5}}
	m, err := InitDense(g, 20, 20, 0)
	if err != nil {
		t.Fatal(err)
	}
	// Neuron 0 is at (0, 0), 7 at (1, 2), 19 at (3, 4).
	for _, tc := range []struct {
		i, j int
		d2   float64
	}{{0, 0, 0}, {0, 7, 5}, {7, 0, 5}, {0, 19, 25}} {
		want := 2 * math.Exp(-tc.d2/4.5)
		if want < 0.01 {
			want = 0
		}
		if got := m.At(tc.i, tc.j); math.Abs(got-want) > 1e-15 {
			t.Errorf("GaussianDecay w[%d,%d] = %v, want %v", tc.i, tc.j, got, want)
		}
	}
	// On a 10-neuron ring, neurons 0 and 9 are neighbours.
	ring := GaussianDecay{Sigma: 1, MaxW: 1, Grid: NeuronGrid{Periodic: true}, ExcludeSelf: true}
	rm, _ := InitDense(ring, 10, 10, 0)
	if rm.At(0, 9) != math.Exp(-0.5) || rm.At(3, 3) != 0 {
		t.Errorf("ring: w[0,9] = %v (want e^-½), w[3,3] = %v (want 0)", rm.At(0, 9), rm.At(3, 3))
	}
	dog := DOGDecay{SigmaP: 1, SigmaN: 3, WP: 2, WN: 1}
	dm, _ := InitDense(dog, 30, 30, 0)
	for _, d := range []int{0, 1, 4} {
		want := 2*math.Exp(-float64(d*d)/2) - math.Exp(-float64(d*d)/18)
		if got := dm.At(10, 10+d); math.Abs(got-want) > 1e-15 {
			t.Errorf("DOG at distance %d: %v, want %v", d, got, want)
		}
	}
	// Sparse: the synapses of a CSR get the weights of their pairs.
	c, _ := ConnGridEight(4, 5, false, false)
	if err := InitCSR(c, g, 0); err != nil {
		t.Fatal(err)
	}
	for i := range c.Rows {
		for k := c.Indptr[i]; k < c.Indptr[i+1]; k++ {
			if c.Weights[k] != m.At(i, int(c.Indices[k])) {
				t.Fatalf("InitCSR: synapse %d→%d has %v, dense %v", i, c.Indices[k], c.Weights[k], m.At(i, int(c.Indices[k])))
			}
		}
	}
	if err := InitCSR(c, Normal{Mean: 5, Std: 0.1}, 3); err != nil || math.Abs(stat.Mean(c.Weights, nil)-5) > 0.1 {
		t.Errorf("InitCSR Normal: err %v, mean %v", err, stat.Mean(c.Weights, nil))
	}
}

func TestInitErrors(t *testing.T) {
	c, _ := ConnOneToOne(4)
	for name, err := range map[string]error{
		"normal std<0":      second(InitDense(Normal{Std: -1}, 2, 2, 0)),
		"uniform min>max":   second(InitDense(Uniform{2, 1}, 2, 2, 0)),
		"trunc empty":       second(InitDense(TruncatedNormal{Lower: 1, Upper: -1}, 2, 2, 0)),
		"mode":              second(InitDense(VarianceScaling{1, "fan_x", "uniform"}, 2, 2, 0)),
		"distribution":      second(InitDense(VarianceScaling{1, "fan_in", "cauchy"}, 2, 2, 0)),
		"size":              second(InitDense(Constant{1}, 0, 2, 0)),
		"grid":              second(InitDense(GaussianDecay{Sigma: 1, Grid: NeuronGrid{Rows: 3, Cols: 3}}, 4, 4, 0)),
		"pre≠post":          second(InitDense(DOGDecay{SigmaP: 1, SigmaN: 2}, 3, 4, 0)),
		"sigma":             second(InitDense(GaussianDecay{}, 3, 3, 0)),
		"orthogonal sparse": InitCSR(c, Orthogonal{}, 0),
		"sparse sigma":      InitCSR(c, DOGDecay{}, 0),
	} {
		if !errors.Is(err, ErrInit) {
			t.Errorf("%s: err = %v, want ErrInit", name, err)
		}
	}
	if err := (Orthogonal{}).Fill(make([]float64, 3), 2, 2, bm.NewRNG(0)); !errors.Is(err, ErrInit) {
		t.Errorf("orthogonal with 3 weights for 2×2: err = %v", err)
	}
}
