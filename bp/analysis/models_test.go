package analysis

import "math"

// fhn is FitzHugh–Nagumo as in numbers.md §3.5.
func fhn(I float64) Model {
	return Model{
		Vars:   []string{"V", "w"},
		Params: Params{"a": 0.7, "b": 0.8, "tau": 12.5, "I": I},
		F: func(dst, x []float64, p Params) {
			V, w := x[0], x[1]
			dst[0] = V - V*V*V/3 - w + p["I"]
			dst[1] = (V + p["a"] - p["b"]*w) / p["tau"]
		},
	}
}

// sinModel is dx/dt = sin x + I.
func sinModel(I float64) Model {
	return Model{
		Vars:   []string{"x"},
		Params: Params{"I": I},
		F:      func(dst, x []float64, p Params) { dst[0] = math.Sin(x[0]) + p["I"] },
	}
}

// linear2 is dx/dt = a x + b y, dy/dt = c x + d y with an analytic Jacobian.
func linear2(a, b, c, d float64) Model {
	return Model{
		Vars: []string{"x", "y"},
		F: func(dst, x []float64, _ Params) {
			dst[0] = a*x[0] + b*x[1]
			dst[1] = c*x[0] + d*x[1]
		},
		Jacobian: func(j, _ []float64, _ Params) { j[0], j[1], j[2], j[3] = a, b, c, d },
	}
}
