package integrate_test

import (
	"testing"

	"github.com/braingo/braingo/bp/integrate"
)

// lif is a LIF-like population below threshold, τ dv/dt = −(v − vRest) + R·I,
// with its analytic Jacobian diagonal −1/τ.
type lif struct {
	tau, vRest, r float64
	input         []float64
}

func newLIF(n int) *lif {
	l := &lif{tau: 10, vRest: -65, r: 1, input: make([]float64, n)}
	for i := range l.input {
		l.input[i] = 10 + float64(i%7)
	}
	return l
}

func (l *lif) f(dst []float64, _ float64, v []float64) {
	for i := range v {
		dst[i] = (-(v[i] - l.vRest) + l.r*l.input[i]) / l.tau
	}
}

func (l *lif) linear(dst, diag []float64, t float64, v []float64) {
	l.f(dst, t, v)
	for i := range diag {
		diag[i] = -1 / l.tau
	}
}

const benchN = 100_000

func benchStep(b *testing.B, st integrate.Stepper) {
	v := make([]float64, benchN)
	for i := range v {
		v[i] = -65
	}
	b.ReportAllocs()
	b.ResetTimer()
	for k := 0; b.Loop(); k++ {
		st.Step(v, float64(k)*0.1, 0.1)
	}
}

// BenchmarkRK4LIF is one RK4 step of 10^5 LIF neurons.
func BenchmarkRK4LIF(b *testing.B) {
	st, _ := integrate.NewODE("rk4", newLIF(benchN).f, benchN)
	benchStep(b, st)
}

// BenchmarkExpEulerLIF is one exponential Euler step of 10^5 LIF neurons
// with the analytic diagonal.
func BenchmarkExpEulerLIF(b *testing.B) {
	st, _ := integrate.NewODE("exp_euler", nil, benchN, integrate.WithLinear(newLIF(benchN).linear))
	benchStep(b, st)
}

// BenchmarkExpEulerLIFBlock is the same with the diagonal estimated by one
// extra evaluation of f (one block).
func BenchmarkExpEulerLIFBlock(b *testing.B) {
	st, _ := integrate.NewODE("exp_euler", newLIF(benchN).f, benchN, integrate.WithBlocks(benchN))
	benchStep(b, st)
}

// BenchmarkEulerMaruyamaLIF is one Euler–Maruyama step of 10^5 noisy LIF
// neurons (diagonal noise: 10^5 normal draws).
func BenchmarkEulerMaruyamaLIF(b *testing.B) {
	g := func(dst []float64, _ float64, _ []float64) {
		for i := range dst {
			dst[i] = 0.5
		}
	}
	st, _ := integrate.NewSDE("euler", newLIF(benchN).f, g, benchN, integrate.SDESettings{Seed: 1})
	benchStep(b, st)
}

// TestStepsAllocateNothing checks every stepper kind for allocations per
// Step after construction.
func TestStepsAllocateNothing(t *testing.T) {
	const n = 8
	l := newLIF(n)
	g := func(dst []float64, _ float64, _ []float64) {
		for i := range dst {
			dst[i] = 0.5
		}
	}
	delay := func(dst []float64, t float64, v []float64, p *integrate.Past) {
		l.f(dst, t, v)
		for i := range dst {
			dst[i] -= 0.1 * p.Value(i, t-1) * p.Deriv(i, t-0.5)
		}
	}
	steppers := map[string]integrate.Stepper{}
	for _, m := range integrate.Methods() {
		if st, err := integrate.NewODE(m, l.f, n); err == nil {
			steppers["ode/"+m] = st
		}
	}
	for _, m := range []string{"euler", "milstein", "exp_euler"} {
		steppers["sde/"+m], _ = integrate.NewSDE(m, l.f, g, n, integrate.SDESettings{})
	}
	steppers["sde/heun"], _ = integrate.NewSDE("heun", l.f, g, n, integrate.SDESettings{Calculus: integrate.Stratonovich})
	steppers["dde/rk4"], _ = integrate.NewDDE("rk4", delay, n, 0.1, integrate.DDESettings{MaxDelay: 1, Neutral: true,
		History: func(dst []float64, t float64) {
			for i := range dst {
				dst[i] = -65 + t
			}
		}})
	for _, m := range []string{"euler", "l1", "gl"} {
		steppers["fde/"+m], _ = integrate.NewFDE(m, l.f, n, []float64{0.7}, integrate.FDESettings{Memory: 500})
	}
	for name, st := range steppers {
		if st == nil {
			t.Fatalf("%s: not built", name)
		}
		v := make([]float64, n)
		k := 0
		allocs := testing.AllocsPerRun(200, func() {
			st.Step(v, float64(k)*0.1, 0.1)
			k++
		})
		if allocs != 0 {
			t.Errorf("%s: %v allocations per Step", name, allocs)
		}
		if e, ok := st.(interface{ Err() error }); ok && e.Err() != nil {
			t.Errorf("%s: %v", name, e.Err())
		}
	}
}
