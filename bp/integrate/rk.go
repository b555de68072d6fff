package integrate

import (
	"fmt"
	"math"
)

// Tableau is the Butcher tableau of an explicit Runge–Kutta method.
// A is strictly lower triangular: row i holds the i coefficients a_ij, j < i.
// An embedded pair also sets BHat, the weights of the lower- or
// higher-order companion solution used only to estimate the local error.
type Tableau struct {
	Name  string      // registry name, such as "rk4"
	Order int         // order of the solution propagated with B
	A     [][]float64 // A[i][j], j < i
	B     []float64   // weights of the propagated solution
	C     []float64   // nodes
	// BHat are the weights of the embedded solution (nil for fixed-step
	// methods) and OrderHat its order.
	BHat     []float64
	OrderHat int
}

// Stages returns the number of stages.
func (tb *Tableau) Stages() int { return len(tb.B) }

// RK is a fixed-step explicit Runge–Kutta stepper built from a Tableau.
// Its scratch buffers are allocated once by NewRK.
type RK struct {
	tab *Tableau
	f   Func
	k   [][]float64 // stage derivatives
	tmp []float64   // stage state
	// Scratch for combine: the nonzero terms of one linear combination.
	coef  []float64
	terms [][]float64
}

// NewRK returns a fixed-step stepper that applies tab to f over n variables.
func NewRK(tab *Tableau, f Func, n int) (*RK, error) {
	if f == nil {
		return nil, fmt.Errorf("%w: %s needs a derivative function", ErrNilFunc, tab.Name)
	}
	if err := checkSize(n); err != nil {
		return nil, err
	}
	s := tab.Stages()
	r := &RK{tab: tab, f: f, k: make([][]float64, s), tmp: make([]float64, n),
		coef: make([]float64, 0, s), terms: make([][]float64, 0, s)}
	buf := make([]float64, s*n)
	for i := range r.k {
		r.k[i] = buf[i*n : (i+1)*n : (i+1)*n]
	}
	return r, nil
}

// Len returns the state length.
func (r *RK) Len() int { return len(r.tmp) }

// Tableau returns the tableau the stepper applies.
func (r *RK) Tableau() *Tableau { return r.tab }

// stages evaluates every stage derivative k_i from x at time t with step dt.
func (r *RK) stages(x []float64, t, dt float64) {
	tab := r.tab
	r.f(r.k[0], t, x)
	for i := 1; i < len(r.k); i++ {
		r.combine(r.tmp, x, dt, tab.A[i])
		r.f(r.k[i], t+tab.C[i]*dt, r.tmp)
	}
}

// Step advances x from t to t+dt.
// It panics (with an error wrapping ErrLength) if x is not of the length
// the stepper was built for.
func (r *RK) Step(x []float64, t, dt float64) {
	mustLen(r.tab.Name, "x", len(x), len(r.tmp))
	r.stages(x, t, dt)
	r.combine(x, x, dt, r.tab.B)
}

// combine sets dst = x + dt·Σ_j w_j k_j in one pass over the elements,
// skipping zero weights (dst may be x).
func (r *RK) combine(dst, x []float64, dt float64, w []float64) {
	r.coef, r.terms = r.coef[:0], r.terms[:0]
	for j, wj := range w {
		if wj != 0 {
			r.coef = append(r.coef, dt*wj)
			r.terms = append(r.terms, r.k[j])
		}
	}
	x = x[:len(dst)]
	switch c, k := r.coef, r.terms; len(c) {
	case 0:
		copy(dst, x)
	case 1:
		k0 := k[0][:len(dst)]
		for i := range dst {
			dst[i] = x[i] + c[0]*k0[i]
		}
	case 2:
		k0, k1 := k[0][:len(dst)], k[1][:len(dst)]
		for i := range dst {
			dst[i] = x[i] + c[0]*k0[i] + c[1]*k1[i]
		}
	case 3:
		k0, k1, k2 := k[0][:len(dst)], k[1][:len(dst)], k[2][:len(dst)]
		for i := range dst {
			dst[i] = x[i] + c[0]*k0[i] + c[1]*k1[i] + c[2]*k2[i]
		}
	case 4:
		k0, k1, k2, k3 := k[0][:len(dst)], k[1][:len(dst)], k[2][:len(dst)], k[3][:len(dst)]
		for i := range dst {
			dst[i] = x[i] + c[0]*k0[i] + c[1]*k1[i] + c[2]*k2[i] + c[3]*k3[i]
		}
	default:
		copy(dst, x)
		for j, cj := range c {
			axpy(dst, cj, k[j])
		}
	}
}

// axpy adds a·y to dst.
func axpy(dst []float64, a float64, y []float64) {
	y = y[:len(dst)]
	for i := range dst {
		dst[i] += a * y[i]
	}
}

func rkMaker(tab *Tableau) Maker {
	return func(f Func, n int, _ *Settings) (Stepper, error) { return NewRK(tab, f, n) }
}

var sqrt5 = math.Sqrt(5)

// Fixed-step tableaux, as named in BrainPy's registry.
var (
	Euler     = &Tableau{Name: "euler", Order: 1, A: [][]float64{{}}, B: []float64{1}, C: []float64{0}}
	Midpoint  = &Tableau{Name: "midpoint", Order: 2, A: [][]float64{{}, {0.5}}, B: []float64{0, 1}, C: []float64{0, 0.5}}
	Heun2     = &Tableau{Name: "heun2", Order: 2, A: [][]float64{{}, {1}}, B: []float64{0.5, 0.5}, C: []float64{0, 1}}
	Ralston2  = &Tableau{Name: "ralston2", Order: 2, A: [][]float64{{}, {2.0 / 3}}, B: []float64{0.25, 0.75}, C: []float64{0, 2.0 / 3}}
	RK2       = rk2Tableau(2.0 / 3)
	RK3       = &Tableau{Name: "rk3", Order: 3, A: [][]float64{{}, {0.5}, {-1, 2}}, B: []float64{1.0 / 6, 2.0 / 3, 1.0 / 6}, C: []float64{0, 0.5, 1}}
	Heun3     = &Tableau{Name: "heun3", Order: 3, A: [][]float64{{}, {1.0 / 3}, {0, 2.0 / 3}}, B: []float64{0.25, 0, 0.75}, C: []float64{0, 1.0 / 3, 2.0 / 3}}
	Ralston3  = &Tableau{Name: "ralston3", Order: 3, A: [][]float64{{}, {0.5}, {0, 0.75}}, B: []float64{2.0 / 9, 1.0 / 3, 4.0 / 9}, C: []float64{0, 0.5, 0.75}}
	SSPRK3    = &Tableau{Name: "ssprk3", Order: 3, A: [][]float64{{}, {1}, {0.25, 0.25}}, B: []float64{1.0 / 6, 1.0 / 6, 2.0 / 3}, C: []float64{0, 1, 0.5}}
	RK4       = &Tableau{Name: "rk4", Order: 4, A: [][]float64{{}, {0.5}, {0, 0.5}, {0, 0, 1}}, B: []float64{1.0 / 6, 1.0 / 3, 1.0 / 3, 1.0 / 6}, C: []float64{0, 0.5, 0.5, 1}}
	RK4Rule38 = &Tableau{Name: "rk4_38rule", Order: 4, A: [][]float64{{}, {1.0 / 3}, {-1.0 / 3, 1}, {1, -1, 1}}, B: []float64{0.125, 0.375, 0.375, 0.125}, C: []float64{0, 1.0 / 3, 2.0 / 3, 1}}
	// Ralston4 is Ralston's fourth-order method with minimum truncation
	// error (exact irrational coefficients).
	Ralston4 = &Tableau{Name: "ralston4", Order: 4,
		A: [][]float64{{}, {0.4},
			{(-2889 + 1428*sqrt5) / 1024, (3785 - 1620*sqrt5) / 1024},
			{(-3365 + 2094*sqrt5) / 6040, (-975 - 3046*sqrt5) / 2552, (467040 + 203968*sqrt5) / 240845}},
		B: []float64{(263 + 24*sqrt5) / 1812, (125 - 1000*sqrt5) / 3828, (3426304 + 1661952*sqrt5) / 5924787, (30 - 4*sqrt5) / 123},
		C: []float64{0, 0.4, (14 - 3*sqrt5) / 16, 1}}
)

// rk2Tableau is the generic two-stage second-order family with node beta;
// BrainPy's "rk2" uses beta = 2/3.
func rk2Tableau(beta float64) *Tableau {
	return &Tableau{Name: "rk2", Order: 2, A: [][]float64{{}, {beta}},
		B: []float64{1 - 1/(2*beta), 1 / (2 * beta)}, C: []float64{0, beta}}
}

// FixedTableaux lists the built-in fixed-step tableaux in order of accuracy.
var FixedTableaux = []*Tableau{Euler, Midpoint, Heun2, Ralston2, RK2, RK3, Heun3, Ralston3, SSPRK3, RK4, Ralston4, RK4Rule38}

func init() {
	for _, tab := range FixedTableaux {
		mustRegister(tab.Name, rkMaker(tab))
	}
}

// AllTableaux returns every built-in tableau, fixed-step and embedded.
func AllTableaux() []*Tableau {
	return append(append([]*Tableau(nil), FixedTableaux...), EmbeddedTableaux...)
}
