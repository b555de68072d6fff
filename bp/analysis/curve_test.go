package analysis

import (
	"math"
	"math/cmplx"
	"math/rand/v2"
	"testing"
)

func TestBialternate(t *testing.T) {
	// det(2A ⊙ I) = Π_{i<j} (λ_i + λ_j) for random matrices.
	rng := rand.New(rand.NewPCG(3, 4))
	for _, n := range []int{2, 3, 4, 5} {
		a := make([]float64, n*n)
		for i := range a {
			a[i] = rng.NormFloat64()
		}
		ev := Eigenvalues(a, n)
		want := complex(1, 0)
		for i := range n {
			for j := i + 1; j < n; j++ {
				want *= ev[i] + ev[j]
			}
		}
		k := n * (n - 1) / 2
		got := Eigenvalues(bialternate(a, n), k)
		prod := complex(1, 0)
		for _, e := range got {
			prod *= e
		}
		if cmplx.Abs(prod-want) > 1e-9*max(1, cmplx.Abs(want)) {
			t.Errorf("n = %d: Π eig(2A⊙I) = %v, want Π(λi+λj) = %v", n, prod, want)
		}
	}
}

func TestContinueCurveCusp(t *testing.T) {
	// x′ = h + r x − x³: folds where r = 3x², h = −2x³, the cusp curve
	// 27h² = 4r³ through the cusp at the origin.
	m := Model{
		Vars:   []string{"x"},
		Params: Params{"h": 0, "r": 1},
		F:      func(dst, x []float64, p Params) { dst[0] = p["h"] + p["r"]*x[0] - x[0]*x[0]*x[0] },
	}
	br, err := Continue(m, "h", []float64{1.2}, ContinuationSettings{Min: -2, Max: 2})
	if err != nil {
		t.Fatal(err)
	}
	folds := br.Folds()
	if len(folds) != 2 {
		t.Fatalf("%d folds, want 2", len(folds))
	}
	cv, err := ContinueCurve(m, folds[0], "h", Axis{Name: "r", Min: -1, Max: 2}, ContinuationSettings{Min: -2, Max: 2})
	if err != nil {
		t.Fatal(err)
	}
	var neg, pos bool
	for _, p := range cv.Points {
		x, h, r := p.X[0], p.P[0], p.P[1]
		if math.Abs(r-3*x*x) > 1e-8 || math.Abs(h+2*x*x*x) > 1e-8 {
			t.Fatalf("curve point x = %v, h = %v, r = %v is not a fold (r − 3x² = %.1e, h + 2x³ = %.1e)", x, h, r, r-3*x*x, h+2*x*x*x)
		}
		neg, pos = neg || x < -0.1, pos || x > 0.1
	}
	// The curve passes the cusp and reaches r = 2 on both sides.
	first, last := cv.Points[0], cv.Points[len(cv.Points)-1]
	if !neg || !pos || first.P[1] != 2 || last.P[1] != 2 {
		t.Errorf("curve from %v to %v (%d points), want both fold branches up to r = 2", first.P, last.P, len(cv.Points))
	}
}

func TestContinueCurveHopfFHN(t *testing.T) {
	// The Hopf curve of FHN in (I, b): V_H = ∓√(1 − b/τ),
	// I_H = (V_H + a)/b − V_H + V_H³/3.
	br, err := Continue(fhn(0), "I", []float64{-1.2, -0.6}, ContinuationSettings{Min: 0, Max: 2})
	if err != nil {
		t.Fatal(err)
	}
	cv, err := ContinueCurve(fhn(0), br.Hopfs()[0], "I", Axis{Name: "b", Min: 0.5, Max: 1.1}, ContinuationSettings{Min: -1, Max: 3})
	if err != nil {
		t.Fatal(err)
	}
	if len(cv.Points) < 10 {
		t.Fatalf("%d curve points", len(cv.Points))
	}
	for _, p := range cv.Points {
		I, b := p.P[0], p.P[1]
		V := -math.Sqrt(1 - b/12.5)
		want := (V+0.7)/b - V + V*V*V/3
		if math.Abs(I-want) > 1e-7 || math.Abs(p.X[0]-V) > 1e-7 || !(p.Omega > 0) {
			t.Fatalf("b = %v: I = %.9f, V = %.9f, ω = %v; want I = %.9f, V = %.9f", b, I, p.X[0], p.Omega, want, V)
		}
	}
	if cv.Points[0].P[1] != 0.5 || cv.Points[len(cv.Points)-1].P[1] != 1.1 {
		t.Errorf("curve spans b = %v to %v, want 0.5 to 1.1", cv.Points[0].P[1], cv.Points[len(cv.Points)-1].P[1])
	}
}
