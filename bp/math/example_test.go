package bm_test

import (
	"fmt"
	"math"

	bm "github.com/braingo/braingo/bp/math"
)

func ExampleNewRNG() {
	a, b := bm.NewRNG(42), bm.NewRNG(42)
	fmt.Println(a.Normal(0, 1) == b.Normal(0, 1), a.Poisson(3) == b.Poisson(3))

	x := make([]float64, 10000)
	a.NormalFill(x, -65, 2) // e.g. initial membrane potentials
	fmt.Printf("mean %.0f, std %.0f\n", bm.Mean(x), bm.Std(x))
	// Output:
	// true true
	// mean -65, std 2
}

func ExampleRNG_MarshalBinary() {
	r := bm.NewRNG(1)
	state, _ := r.MarshalBinary() // e.g. stored in a checkpoint
	first := r.Float64()

	var restored bm.RNG
	_ = restored.UnmarshalBinary(state)
	fmt.Println(restored.Float64() == first)
	// Output: true
}

func ExampleNewRNGStream() {
	// One stream per goroutine or per row, all derived from one seed.
	streams := make([]*bm.RNG, 4)
	for i := range streams {
		streams[i] = bm.NewRNGStream(2024, uint64(i))
	}
	fmt.Println(streams[0].Uint64() != streams[1].Uint64())
	fmt.Println(bm.NewRNGStream(2024, 1).Uint64() == bm.NewRNGStream(2024, 1).Uint64())
	// Output:
	// true
	// true
}

func ExampleExprel() {
	// Hodgkin–Huxley potassium activation rate αₙ(V) = 0.01(V+55)/(1−e^{−(V+55)/10}),
	// which is 0/0 at V = −55 when written directly.
	alphaN := func(v float64) float64 { return 0.1 * bm.Exprel(-(v+55)/10) }
	fmt.Printf("%.4f %.4f\n", alphaN(-55), alphaN(-65))
	fmt.Println(bm.Exprel(0), bm.Expm1Rel(0))
	// Output:
	// 0.1000 0.0582
	// 1 1
}

func ExampleLinspace() {
	fmt.Println(bm.Linspace(0, 1, 5))
	fmt.Println(bm.Arange(0, 1, 0.25))
	// Output:
	// [0 0.25 0.5 0.75 1]
	// [0 0.25 0.5 0.75]
}

func ExampleSigmoid() {
	x := []float64{-2, 0, 2}
	y := make([]float64, len(x))
	bm.ReLUTo(y, x)
	fmt.Println(y, bm.Sigmoid(0), math.Round(bm.Softplus(40)))
	// Output: [0 0 2] 0.5 40
}

func ExampleCSR_EventAdd() {
	// Three presynaptic neurons onto four postsynaptic ones:
	// 0 → {1, 3}, 1 → {0}, 2 → {1, 2}, every synapse of weight 0.5.
	c, err := bm.CSRFromCOO(3, 4, []int{0, 0, 1, 2, 2}, []int{1, 3, 0, 1, 2}, nil, 0.5)
	if err != nil {
		fmt.Println(err)
		return
	}
	g := make([]float64, 4)                  // postsynaptic conductances
	c.EventAdd(g, []bool{true, false, true}) // neurons 0 and 2 spiked
	fmt.Println(g)
	// Output: [0 1 0.5 0.5]
}

func ExampleCSR_MatVec() {
	// Rate projection: post activity = Aᵀ · pre activity.
	c, _ := bm.CSRFromCOO(2, 3, []int{0, 0, 1}, []int{0, 2, 2}, []float64{1, 2, 3}, 0)
	post := make([]float64, 3)
	c.MatVec(post, []float64{10, 1})
	fmt.Println(post)
	// Output: [10 0 23]
}

func ExampleNewCSR() {
	// Index 5 is outside the 4 postsynaptic neurons.
	_, err := bm.NewCSR(2, 4, []int32{0, 1, 2}, []int32{3, 5}, nil, 1)
	fmt.Println(err)
	// Output: bm: bad shape: CSR index 5 at position 1 is outside [0, 4)
}

func ExampleNewJITConn() {
	// 10⁴ × 10⁴ neurons at 2% connectivity: 2·10⁶ synapses, none stored.
	j, err := bm.NewJITConn(10000, 10000, 0.02, bm.NormalWeight(0.5, 0.1), 7)
	if err != nil {
		fmt.Println(err)
		return
	}
	spikes := make([]bool, j.Rows)
	spikes[3], spikes[42] = true, true
	g := make([]float64, j.Cols)
	j.EventAdd(g, spikes)

	// The same products on the materialised matrix agree.
	c, _ := j.ToCSR()
	h := make([]float64, c.Cols)
	c.EventAdd(h, spikes)
	same := true
	for i := range g {
		same = same && g[i] == h[i]
	}
	fmt.Println(same, math.Abs(float64(c.NNZ())/1e8-0.02) < 1e-3)
	// Output: true true
}
