package bm

import "testing"

// benchSpikes marks every 100th of n neurons as spiking (1% active).
func benchSpikes(n int) ([]bool, []int32) {
	spikes := make([]bool, n)
	var idx []int32
	for i := 0; i < n; i += 100 {
		spikes[i] = true
		idx = append(idx, int32(i))
	}
	return spikes, idx
}

// benchN is the number of pre- and postsynaptic neurons in the benchmarks.
const benchN = 10000

// benchJIT is the 10⁴×10⁴, p = 0.02 matrix the event benchmarks use.
func benchJIT(b *testing.B, law WeightLaw) *JITConn {
	j, err := NewJITConn(benchN, benchN, 0.02, law, 1)
	if err != nil {
		b.Fatal(err)
	}
	return j
}

func benchCSR(b *testing.B, law WeightLaw) *CSR {
	c, err := benchJIT(b, law).ToCSR()
	if err != nil {
		b.Fatal(err)
	}
	return c
}

// eventAdder is the event-driven product shared by CSR, CSC and JITConn.
type eventAdder interface {
	EventAdd(dst []float64, spikes []bool)
}

type namedLaw struct {
	name string
	law  WeightLaw
}

// benchEventAdd times EventAdd with 1% of the 10⁴ presynaptic neurons
// spiking, one sub-benchmark per weight law.
func benchEventAdd(b *testing.B, laws []namedLaw, build func(*testing.B, WeightLaw) eventAdder) {
	for _, l := range laws {
		b.Run(l.name, func(b *testing.B) {
			op := build(b, l.law)
			spikes, _ := benchSpikes(benchN)
			dst := make([]float64, benchN)
			b.ReportAllocs()
			for b.Loop() {
				op.EventAdd(dst, spikes)
			}
		})
	}
}

// BenchmarkCSREventAdd: 10⁴×10⁴ CSR, p = 0.02 (2·10⁶ synapses), 1% of the
// rows spiking, i.e. about 2·10⁴ synapse updates per op.
func BenchmarkCSREventAdd(b *testing.B) {
	benchEventAdd(b, []namedLaw{{"homo", HomoWeight(0.5)}, {"weights", NormalWeight(0.5, 0.1)}},
		func(b *testing.B, law WeightLaw) eventAdder { return benchCSR(b, law) })
}

// BenchmarkCSREventAddIdx is BenchmarkCSREventAdd/homo with the spikes as an
// index list.
func BenchmarkCSREventAddIdx(b *testing.B) {
	c := benchCSR(b, HomoWeight(0.5))
	_, idx := benchSpikes(c.Rows)
	dst := make([]float64, c.Cols)
	b.ReportAllocs()
	for b.Loop() {
		c.EventAddIdx(dst, idx)
	}
}

// BenchmarkCSCEventAdd is the post-major product on the same matrix; it
// visits all 2·10⁶ synapses.
func BenchmarkCSCEventAdd(b *testing.B) {
	benchEventAdd(b, []namedLaw{{"homo", HomoWeight(0.5)}},
		func(b *testing.B, law WeightLaw) eventAdder { return benchCSR(b, law).ToCSC() })
}

// BenchmarkJITEventAdd: the same matrix regenerated just in time.
func BenchmarkJITEventAdd(b *testing.B) {
	benchEventAdd(b, []namedLaw{{"homo", HomoWeight(0.5)}, {"uniform", UniformWeight(0, 1)}, {"normal", NormalWeight(0.5, 0.1)}},
		func(b *testing.B, law WeightLaw) eventAdder { return benchJIT(b, law) })
}

// BenchmarkCSRMatVec: the full projection product on the same matrix.
func BenchmarkCSRMatVec(b *testing.B) {
	c := benchCSR(b, NormalWeight(0.5, 0.1))
	x := make([]float64, c.Rows)
	NewRNG(1).UniformFill(x, 0, 1)
	dst := make([]float64, c.Cols)
	b.ReportAllocs()
	for b.Loop() {
		c.MatVec(dst, x)
	}
}

func BenchmarkRNGNormal(b *testing.B) {
	r := NewRNG(1)
	b.ReportAllocs()
	var s float64
	for b.Loop() {
		s += r.Normal(0, 1)
	}
	_ = s
}

func BenchmarkRNGNormalFill1e4(b *testing.B) {
	r := NewRNG(1)
	dst := make([]float64, 10000)
	b.ReportAllocs()
	for b.Loop() {
		r.NormalFill(dst, 0, 1)
	}
}

func BenchmarkRNGPoisson(b *testing.B) {
	for _, lam := range []float64{2, 50} {
		b.Run(map[float64]string{2: "lam2", 50: "lam50"}[lam], func(b *testing.B) {
			r := NewRNG(1)
			b.ReportAllocs()
			for b.Loop() {
				r.Poisson(lam)
			}
		})
	}
}

func BenchmarkRNGBinomial(b *testing.B) {
	r := NewRNG(1)
	b.ReportAllocs()
	for b.Loop() {
		r.Binomial(100, 0.05)
	}
}
