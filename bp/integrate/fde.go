package integrate

import (
	"fmt"
	"math"
	"slices"
	"strings"
)

// FDESettings holds the options of a fractional equation.
type FDESettings struct {
	// Memory is the number of steps kept (default 1000). For "euler" and
	// "l1", which need the whole past, it is the most steps the stepper can
	// take; for "gl" it is the short-memory window of Grünwald–Letnikov
	// weights (BrainPy's num_memory).
	Memory int
}

// FDE integrates a Caputo fractional equation D^α x = f(t, x) with a fixed
// step and a per-variable order α in (0, 1]. The first Step fixes t0, the
// step size and the initial value x0; later Steps must continue from the
// last. Step allocates nothing; its cost grows with the number of stored
// steps (the memory of the fractional derivative).
type FDE struct {
	method string
	f      Func
	n      int
	alpha  []float64
	memory int

	group   []int       // variable → index of its distinct α
	weights [][]float64 // per distinct α: the method's weights, index 0..memory
	scale   []float64   // per distinct α: the factor on f

	hist   []float64 // memory·n ring (gl) or table (euler: f_j, l1: x_{j+1}−x_j)
	steps  int       // steps taken
	x0, fx []float64
	acc    []float64 // weighted memory sum
	t0, dt float64
	err    error
}

var fdeMethods = map[string]string{
	"euler": "euler", "caputo_euler": "euler", "caputoeuler": "euler",
	"l1": "l1", "caputo_l1": "l1", "l1_schema": "l1", "caputol1schema": "l1",
	"gl": "gl", "short_memory": "gl", "gl_short_memory": "gl", "glshortmemory": "gl",
}

// FDEMethods returns the names NewFDE accepts, sorted.
func FDEMethods() []string { return sortedKeys(fdeMethods) }

// NewFDE returns a stepper for D^α x = f(t, x) over n variables, where
// alpha holds one order for all variables or one per variable. Methods:
//
//   - "euler" (= "caputo_euler", BrainPy's CaputoEuler): the fractional
//     rectangle rule (product integration of the Volterra form),
//     x_{k+1} = x0 + dt^α/Γ(α+1) Σ_{j≤k} ((k−j+1)^α − (k−j)^α) f(t_j, x_j).
//   - "l1" (= "caputo_l1", "l1_schema", BrainPy's CaputoL1Schema): the
//     explicit L1 scheme, the Caputo derivative by piecewise-linear
//     interpolation of x, with f at the start of the step.
//   - "gl" (= "short_memory", "gl_short_memory", BrainPy's GLShortMemory):
//     Grünwald–Letnikov on x − x0 with the last Memory weights
//     (short-memory principle).
//
// With α = 1 all three reduce to the forward Euler method.
func NewFDE(method string, f Func, n int, alpha []float64, s FDESettings) (*FDE, error) {
	name, ok := fdeMethods[strings.ToLower(method)]
	if !ok {
		return nil, fmt.Errorf("%w %q for fractional equations; known methods: %s", ErrUnknownMethod, method, strings.Join(FDEMethods(), ", "))
	}
	if f == nil {
		return nil, fmt.Errorf("%w: an FDE needs a derivative function", ErrNilFunc)
	}
	if err := checkSize(n); err != nil {
		return nil, err
	}
	if len(alpha) != 1 && len(alpha) != n {
		return nil, fmt.Errorf("%w: %d fractional orders for %d variables, need 1 or %d", ErrLength, len(alpha), n, n)
	}
	for i, a := range alpha {
		if !(a > 0 && a <= 1) {
			return nil, fmt.Errorf("%w: alpha[%d] = %v", ErrOrder, i, a)
		}
	}
	if s.Memory < 0 {
		return nil, fmt.Errorf("%w: Memory = %d steps, need ≥ 0 (0 for the default 1000)", ErrSettings, s.Memory)
	}
	if s.Memory == 0 {
		s.Memory = 1000
	}
	e := &FDE{method: name, f: f, n: n, memory: s.Memory, group: make([]int, n),
		hist: make([]float64, s.Memory*n), x0: make([]float64, n), fx: make([]float64, n), acc: make([]float64, n)}
	var distinct []float64
	for i := range n {
		a := alpha[0]
		if len(alpha) == n {
			a = alpha[i]
		}
		g := slices.Index(distinct, a)
		if g < 0 {
			g = len(distinct)
			distinct = append(distinct, a)
		}
		e.group[i] = g
	}
	e.alpha = distinct
	e.weights = make([][]float64, len(distinct))
	e.scale = make([]float64, len(distinct))
	for g, a := range distinct {
		e.weights[g] = fdeWeights(name, a, s.Memory+1)
	}
	return e, nil
}

// fdeWeights returns the memory weights of a method for order a.
func fdeWeights(method string, a float64, m int) []float64 {
	w := make([]float64, m)
	switch method {
	case "euler": // b_k = (k+1)^α − k^α
		for k := range w {
			w[k] = math.Pow(float64(k+1), a) - math.Pow(float64(k), a)
		}
	case "l1": // c_k = (k+1)^{1−α} − k^{1−α}
		for k := range w {
			w[k] = math.Pow(float64(k+1), 1-a) - math.Pow(float64(k), 1-a)
		}
	case "gl": // w_0 = 1, w_k = w_{k−1}(1 − (α+1)/k)
		w[0] = 1
		for k := 1; k < m; k++ {
			w[k] = w[k-1] * (1 - (a+1)/float64(k))
		}
	}
	return w
}

// Len returns the state length.
func (e *FDE) Len() int { return e.n }

// Err returns the first misuse: a Step that does not continue the last one
// with the first step's dt, or more steps than Memory for euler and l1.
func (e *FDE) Err() error { return e.err }

// Step advances x from t to t+dt.
func (e *FDE) Step(x []float64, t, dt float64) {
	if e.err != nil {
		return
	}
	if len(x) != e.n {
		e.err = checkLen("x", len(x), e.n)
		return
	}
	if e.steps == 0 {
		if err := CheckStep(dt); err != nil {
			e.err = err
			return
		}
		e.t0, e.dt = t, dt
		copy(e.x0, x)
		for g, a := range e.alpha {
			switch e.method {
			case "euler":
				e.scale[g] = math.Pow(dt, a) / math.Gamma(a+1)
			case "l1":
				e.scale[g] = math.Pow(dt, a) * math.Gamma(2-a)
			case "gl":
				e.scale[g] = math.Pow(dt, a)
			}
		}
	}
	if e.err = checkContinues("FDE", t, dt, e.t0+float64(e.steps)*e.dt, e.dt); e.err != nil {
		return
	}
	if e.method != "gl" && e.steps >= e.memory {
		e.err = fmt.Errorf("%w: %s has stored its Memory of %d steps; raise FDESettings.Memory", ErrSettings, e.method, e.memory)
		return
	}
	e.f(e.fx, t, x)
	k := e.steps
	switch e.method {
	case "euler":
		e.stepEuler(x, k)
	case "l1":
		e.stepL1(x, k)
	case "gl":
		e.stepGL(x, k)
	}
	e.steps++
}

// stepEuler stores f_k and sets x = x0 + scale·Σ_{j≤k} b_{k−j} f_j.
func (e *FDE) stepEuler(x []float64, k int) {
	n := e.n
	copy(e.hist[k*n:(k+1)*n], e.fx)
	clear(e.acc)
	for j := 0; j <= k; j++ {
		e.addWeighted(e.acc, e.hist[j*n:(j+1)*n], k-j)
	}
	for i := range x {
		x[i] = e.x0[i] + e.scale[e.group[i]]*e.acc[i]
	}
}

// stepL1 sets Δ_k = scale·f_k − Σ_{j=1..k} c_j Δ_{k−j}, x += Δ_k, storing
// the increments Δ_m = x_{m+1} − x_m.
func (e *FDE) stepL1(x []float64, k int) {
	n := e.n
	clear(e.acc)
	for j := 1; j <= k; j++ {
		e.addWeighted(e.acc, e.hist[(k-j)*n:(k-j+1)*n], j)
	}
	d := e.hist[k*n : (k+1)*n]
	for i := range x {
		d[i] = e.scale[e.group[i]]*e.fx[i] - e.acc[i]
		x[i] += d[i]
	}
}

// stepGL sets x_{k+1} = x0 + scale·f_k − Σ_{j=1..min(k+1, M)} w_j (x_{k+1−j} − x0),
// keeping the last M values of x − x0 in a ring (y_m at row m mod M).
func (e *FDE) stepGL(x []float64, k int) {
	n, m := e.n, e.memory
	y := e.hist[(k%m)*n : (k%m+1)*n]
	for i := range x {
		y[i] = x[i] - e.x0[i]
	}
	clear(e.acc)
	for j := 1; j <= min(k+1, m); j++ {
		r := (k + 1 - j) % m
		e.addWeighted(e.acc, e.hist[r*n:(r+1)*n], j)
	}
	for i := range x {
		x[i] = e.x0[i] + e.scale[e.group[i]]*e.fx[i] - e.acc[i]
	}
}

// addWeighted adds weight l of each variable's order times v into acc.
func (e *FDE) addWeighted(acc, v []float64, l int) {
	if len(e.weights) == 1 {
		axpy(acc, e.weights[0][l], v)
		return
	}
	for i := range acc {
		acc[i] += e.weights[e.group[i]][l] * v[i]
	}
}
