package analysis_test

import (
	"cmp"
	"fmt"
	"math"
	"slices"

	"github.com/braingo/braingo/bp/analysis"
	"github.com/braingo/braingo/bp/dyn"
)

// fitzHughNagumo is the FitzHugh–Nagumo model of BrainPy's tutorial.
func fitzHughNagumo(I float64) analysis.Model {
	return analysis.Model{
		Vars:   []string{"V", "w"},
		Params: analysis.Params{"a": 0.7, "b": 0.8, "tau": 12.5, "I": I},
		F: func(dst, x []float64, p analysis.Params) {
			V, w := x[0], x[1]
			dst[0] = V - V*V*V/3 - w + p["I"]
			dst[1] = (V + p["a"] - p["b"]*w) / p["tau"]
		},
	}
}

func ExamplePhasePlane2D() {
	res, err := analysis.PhasePlane2D(fitzHughNagumo(0.8),
		analysis.Axis{Name: "V", Min: -3, Max: 3},
		analysis.Axis{Name: "w", Min: -3, Max: 3},
		analysis.PhasePlane2DSettings{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, fp := range res.Fixed {
		fmt.Printf("V = %.6f, w = %.6f: %v\n", fp.X[0], fp.X[1], fp.Class)
	}
	fmt.Println("V-nullcline pieces:", len(res.XNullcline), "w-nullcline pieces:", len(res.YNullcline))
	// Output:
	// V = -0.272901, w = 0.533874: unstable node
	// V-nullcline pieces: 1 w-nullcline pieces: 1
}

func ExampleContinue() {
	br, err := analysis.Continue(fitzHughNagumo(0), "I", []float64{-1.2, -0.6},
		analysis.ContinuationSettings{Min: 0, Max: 2})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, sp := range br.Special {
		fmt.Printf("%v at I = %.6f (V = %.6f, ω = %.5f)\n", sp.Kind, sp.P, sp.X[0], sp.Omega)
	}
	// Output:
	// Hopf at I = 0.331281 (V = -0.967471, ω = 0.27551)
	// Hopf at I = 1.418719 (V = 0.967471, ω = 0.27551)
}

func ExamplePhasePlane1D() {
	m := analysis.Model{
		Vars:   []string{"x"},
		Params: analysis.Params{"I": 0},
		F:      func(dst, x []float64, p analysis.Params) { dst[0] = math.Sin(x[0]) + p["I"] },
	}
	res, err := analysis.PhasePlane1D(m, analysis.Axis{Name: "x", Min: -4, Max: 4}, analysis.PhasePlane1DSettings{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, fp := range res.Fixed {
		fmt.Printf("x = %+.4f: %v\n", fp.X[0], fp.Class)
	}
	// Output:
	// x = -3.1416: stable point
	// x = +0.0000: unstable point
	// x = +3.1416: stable point
}

func ExampleFindLimitCycle() {
	c, err := analysis.FindLimitCycle(fitzHughNagumo(0.5), []float64{-1, 1}, analysis.CycleSettings{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("period %.2f, V in [%.3f, %.3f]\n", c.Period, c.Min[0], c.Max[0])
	// Output:
	// period 39.47, V in [-1.970, 1.852]
}

// round rounds to 4 decimals without printing −0.
func round(x float64) float64 { return math.Round(x*1e4)/1e4 + 0 }

func ExampleFindSlowPoints() {
	// x′ = x − x³, y′ = −y from a few candidates, by Adam.
	m := analysis.Model{Vars: []string{"x", "y"}, F: func(dst, v []float64, _ analysis.Params) {
		dst[0], dst[1] = v[0]-v[0]*v[0]*v[0], -v[1]
	}}
	cands := [][]float64{{-1.5, 0.3}, {-0.2, 1}, {0.3, -0.4}, {1.2, 0.8}, {1.9, -1}}
	res, err := analysis.FindSlowPoints(m, cands, analysis.SlowPointSettings{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(res.Candidates, "candidates,", res.Converged, "converged,", res.Unique, "unique")
	slices.SortFunc(res.Points, func(a, b analysis.SlowPoint) int { return cmp.Compare(a.X[0], b.X[0]) })
	for _, p := range res.Points {
		fmt.Printf("(%.4f, %.4f) %v, eigenvalues %.3f %.3f\n", round(p.X[0]), round(p.X[1]), p.Class, real(p.Eigen[0]), real(p.Eigen[1]))
	}
	// Output:
	// 5 candidates, 5 converged, 3 unique
	// (-1.0000, 0.0000) stable node, eigenvalues -1.000 -2.000
	// (0.0000, 0.0000) saddle, eigenvalues 1.000 -1.000
	// (1.0000, 0.0000) stable node, eigenvalues -1.000 -2.000
}

// A bp/dyn neuron is analysed through the equations it integrates: here the
// Hodgkin–Huxley rest state with the textbook leak conductance loses
// stability at a Hopf point as the input current grows.
func ExampleFromModel() {
	hh, err := dyn.NewHH(1, dyn.HHParams{GL: 0.3, V0: dyn.At(-65)})
	if err != nil {
		panic(err)
	}
	m, err := analysis.FromModel(hh)
	if err != nil {
		panic(err)
	}
	fmt.Println(m.Vars)
	rest := []float64{hh.V[0], hh.M[0], hh.H[0], hh.N[0]} // gates at steady state at −65 mV
	br, err := analysis.Continue(m, dyn.EquationInput, rest, analysis.ContinuationSettings{Min: 0, Max: 50})
	if err != nil {
		panic(err)
	}
	for _, h := range br.Hopfs() {
		fmt.Printf("Hopf at I = %.3f µA/cm², V = %.2f mV\n", h.P, h.X[0])
	}
	// Output:
	// [V m h n]
	// Hopf at I = 9.775 µA/cm², V = -59.65 mV
}
