package dyn_test

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/braingo/braingo/bp"
	"github.com/braingo/braingo/bp/dyn"
)

// reference is a test-side restatement of one neuron's equations, solved
// by classical RK4 at a small step: f writes dx/dt for state x (V first)
// under current I; fire applies the spike rule after a step, given V before
// it, and reports a spike.
type reference struct {
	x0   []float64
	f    func(dst, x []float64, I float64)
	fire func(x []float64, vPrev float64) bool
}

// spikes returns the spike times of the reference under constant current I,
// with the runner's convention: a spike in the step starting at t is at t.
func (r reference) spikes(I, dt, duration float64) []float64 {
	n := len(r.x0)
	x := append([]float64(nil), r.x0...)
	k1, k2, k3, k4, tmp := make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n)
	stage := func(dst, base, slope []float64, h float64) {
		for i := range tmp {
			tmp[i] = base[i] + h*slope[i]
		}
		r.f(dst, tmp, I)
	}
	var out []float64
	steps := int(math.Round(duration / dt))
	for s := 0; s < steps; s++ {
		vPrev := x[0]
		r.f(k1, x, I)
		stage(k2, x, k1, dt/2)
		stage(k3, x, k2, dt/2)
		stage(k4, x, k3, dt)
		for i := range x {
			x[i] += dt / 6 * (k1[i] + 2*k2[i] + 2*k3[i] + k4[i])
		}
		if r.fire(x, vPrev) {
			out = append(out, float64(s)*dt)
		}
	}
	return out
}

// threshold returns a fire rule: V ≥ vth → V ← vreset and x[k] += inc[k].
func threshold(vth, vreset float64, inc map[int]float64) func([]float64, float64) bool {
	return func(x []float64, _ float64) bool {
		if x[0] < vth {
			return false
		}
		x[0] = vreset
		for k, d := range inc {
			x[k] += d
		}
		return true
	}
}

// crossing returns the fire rule of the models without reset.
func crossing(vth float64) func([]float64, float64) bool {
	return func(x []float64, vPrev float64) bool { return vPrev < vth && x[0] >= vth }
}

func TestNeuronModelsAgainstRK4Reference(t *testing.T) {
	type build func(method string) (bp.Model, error)
	cases := []struct {
		name     string
		build    build
		ref      reference
		I, dur   float64
		minSpike int
		// eeRel is the relative tolerance of the first-order exp_euler
		// path (0 means 0.002, as for rk4).
		eeRel float64
	}{
		{"ExpIF", func(m string) (bp.Model, error) { return dyn.NewExpIF(1, dyn.ExpIFParams{Method: m}) },
			reference{[]float64{-65}, func(d, x []float64, I float64) {
				d[0] = (-(x[0] + 65) + 3.48*math.Exp((x[0]+59.9)/3.48) + I) / 10
			}, threshold(-30, -68, nil)}, 5, 100, 3, 0},
		{"AdExIF", func(m string) (bp.Model, error) { return dyn.NewAdExIF(1, dyn.AdExIFParams{Method: m}) },
			reference{[]float64{-65, 0}, func(d, x []float64, I float64) {
				d[0] = (-(x[0] + 65) + 3.48*math.Exp((x[0]+59.9)/3.48) - x[1] + I) / 10
				d[1] = ((x[0] + 65) - x[1]) / 30
			}, threshold(-30, -68, map[int]float64{1: 1})}, 10, 150, 3, 0},
		{"QuaIF", func(m string) (bp.Model, error) { return dyn.NewQuaIF(1, dyn.QuaIFParams{Method: m}) },
			reference{[]float64{-65}, func(d, x []float64, I float64) {
				d[0] = (0.07*(x[0]+65)*(x[0]+50) + I) / 10
			}, threshold(-30, -68, nil)}, 10, 100, 3, 0},
		{"AdQuaIF", func(m string) (bp.Model, error) { return dyn.NewAdQuaIF(1, dyn.AdQuaIFParams{Method: m}) },
			reference{[]float64{-65, 0}, func(d, x []float64, I float64) {
				d[0] = (0.07*(x[0]+65)*(x[0]+50) - x[1] + I) / 10
				d[1] = ((x[0] + 65) - x[1]) / 10
			}, threshold(-30, -68, map[int]float64{1: 0.1})}, 30, 150, 3, 0},
		{"GIF", func(m string) (bp.Model, error) { return dyn.NewGIF(1, dyn.GIFParams{Method: m}) },
			reference{[]float64{-70, 0, 0, -50}, func(d, x []float64, I float64) {
				d[0] = (-(x[0] + 70) + 20*(I+x[1]+x[2])) / 20
				d[1] = -0.2 * x[1]
				d[2] = -0.02 * x[2]
				d[3] = -0.01 * (x[3] + 50)
			}, func(x []float64, _ float64) bool {
				if x[0] < x[3] {
					return false
				}
				x[0], x[1], x[3] = -70, 0, max(-60, x[3])
				return true
			}}, 1.5, 200, 3, 0},
		{"GIF adaptive", func(m string) (bp.Model, error) {
			return dyn.NewGIF(1, dyn.GIFParams{A: 0.005, A1: 5, A2: -0.3, Method: m})
		}, reference{[]float64{-70, 0, 0, -50}, func(d, x []float64, I float64) {
			d[0] = (-(x[0] + 70) + 20*(I+x[1]+x[2])) / 20
			d[1] = -0.2 * x[1]
			d[2] = -0.02 * x[2]
			d[3] = 0.005*(x[0]+70) - 0.01*(x[3]+50)
		}, func(x []float64, _ float64) bool {
			if x[0] < x[3] {
				return false
			}
			x[0], x[1], x[2], x[3] = -70, 5, x[2]-0.3, max(-60, x[3])
			return true
		}}, 1.5, 300, 3, 0},
		{"Izhikevich", func(m string) (bp.Model, error) { return dyn.NewIzhikevich(1, dyn.IzhikevichParams{Method: m}) },
			reference{[]float64{-70, -14}, func(d, x []float64, I float64) {
				d[0] = 0.04*x[0]*x[0] + 5*x[0] + 140 - x[1] + I
				d[1] = 0.02 * (0.2*x[0] - x[1])
			}, func(x []float64, _ float64) bool {
				if x[0] < 30 {
					return false
				}
				x[0], x[1] = -65, x[1]+8
				return true
			}}, 10, 200, 4, 0},
		{"MorrisLecar", func(m string) (bp.Model, error) {
			return dyn.NewMorrisLecar(1, dyn.MorrisLecarParams{Method: m, V0: dyn.At(-60)})
		}, reference{[]float64{-60, 0.02}, func(d, x []float64, I float64) {
			v, w := x[0], x[1]
			mInf := 0.5 * (1 + math.Tanh((v+1.2)/18))
			d[0] = (-4.4*mInf*(v-130) - 8*w*(v+84) - 2*(v+60) + I) / 20
			d[1] = 0.04 * math.Cosh((v-2)/60) * (0.5*(1+math.Tanh((v-2)/30)) - w)
		}, crossing(10)}, 100, 500, 3, 0},
		{"WangBuzsaki", func(m string) (bp.Model, error) { return dyn.NewWangBuzsaki(1, dyn.WangBuzsakiParams{Method: m}) },
			reference{[]float64{-65, 0.6, 0.32}, func(d, x []float64, I float64) {
				v, h, n := x[0], x[1], x[2]
				am := -0.1 * (v + 35) / (math.Exp(-0.1*(v+35)) - 1)
				bm := 4 * math.Exp(-(v+60)/18)
				minf := am / (am + bm)
				ah, bh := 0.07*math.Exp(-(v+58)/20), 1/(math.Exp(-0.1*(v+28))+1)
				an, bn := -0.01*(v+34)/(math.Exp(-0.1*(v+34))-1), 0.125*math.Exp(-(v+44)/80)
				d[0] = -35*minf*minf*minf*h*(v-55) - 9*n*n*n*n*(v+90) - 0.1*(v+65) + I
				d[1] = 5 * (ah*(1-h) - bh*h)
				d[2] = 5 * (an*(1-n) - bn*n)
			}, crossing(20)}, 1, 100, 3, 0.04},
		{"HindmarshRose", func(m string) (bp.Model, error) {
			return dyn.NewHindmarshRose(1, dyn.HindmarshRoseParams{Method: m})
		}, reference{[]float64{0, -10, 0}, func(d, x []float64, I float64) {
			v, y, z := x[0], x[1], x[2]
			d[0] = y - v*v*v + 3*v*v - z + I
			d[1] = 1 - 5*v*v - y
			d[2] = 0.01 * (4*(v+1.6) - z)
		}, crossing(1)}, 3, 300, 5, 0.04},
	}
	for _, c := range cases {
		want := c.ref.spikes(c.I, 0.001, c.dur)
		if len(want) < c.minSpike {
			t.Fatalf("%s: the reference spikes %d times at I = %g; the case needs at least %d", c.name, len(want), c.I, c.minSpike)
		}
		want = want[:c.minSpike]
		// Spike times agree within a few steps of the model's dt = 0.01
		// (the grid) plus the drift of a first-order method over the run.
		for _, method := range []string{"", "rk4"} {
			m, err := c.build(method)
			if err != nil {
				t.Fatalf("%s: %v", c.name, err)
			}
			got := spikeTimes(t, m, c.I, 0.01, want[len(want)-1]+5)
			if len(got) < len(want) {
				t.Errorf("%s %q: %d spikes %v, reference %v", c.name, method, len(got), got, want)
				continue
			}
			rel := 0.002
			if method == "" && c.eeRel > 0 {
				rel = c.eeRel
			}
			tol := 0.03 + rel*want[len(want)-1]
			for k := range want {
				if math.Abs(got[k]-want[k]) > tol {
					t.Errorf("%s %q: spike %d at %g ms, reference %g (tolerance %g)", c.name, method, k, got[k], want[k], tol)
				}
			}
		}
	}
}

func TestGIFThresholdRelaxesToVThInf(t *testing.T) {
	// Without input and spikes, V stays at rest and V_th relaxes to V_th∞:
	// V_th(t) = V_th∞ + (V_th0 − V_th∞)e^{−bt}, exact under exp_euler.
	m, err := dyn.NewGIF(1, dyn.GIFParams{VTh0: dyn.At(-40)})
	if err != nil {
		t.Fatal(err)
	}
	res, err := bp.Run(nil, m, 100, bp.RunnerSettings{Monitors: bp.Monitors("V_th", "V")})
	if err != nil {
		t.Fatal(err)
	}
	for k, row := range res.Traces["V_th"].Values {
		want := -50 + 10*math.Exp(-0.01*float64(k+1)*0.1)
		if math.Abs(row[0]-want) > 1e-10 || res.Traces["V"].Values[k][0] != -70 {
			t.Fatalf("step %d: V_th %.12g (want %.12g), V %g", k+1, row[0], want, res.Traces["V"].Values[k][0])
		}
	}
}

// TestNonFiniteStopsRun checks the runner's NaN/Inf guard on a real model:
// an ExpIF neuron whose numerical threshold is out of reach runs away
// (the exponential overflows), and the run stops with an error naming the
// variable, the neuron and the time, returning the records so far; the
// other neurons, without input, stay finite.
func TestNonFiniteStopsRun(t *testing.T) {
	g, err := dyn.NewExpIF(3, dyn.ExpIFParams{VTh: 1e300})
	if err != nil {
		t.Fatal(err)
	}
	net := bp.NewNetwork()
	if err := net.Add("E", g); err != nil {
		t.Fatal(err)
	}
	res, err := bp.Run(nil, net, 100, bp.RunnerSettings{
		Inputs:        []bp.Input{{Target: "E", Value: 20, Index: []int{1}}},
		Monitors:      bp.Monitors("E.V"),
		NaNCheckEvery: 1,
	})
	if !errors.Is(err, bp.ErrNonFinite) || !strings.Contains(err.Error(), "E.V[1]") || !strings.Contains(err.Error(), "t = ") {
		t.Fatalf("error %v, want ErrNonFinite naming E.V[1] and the time", err)
	}
	if res == nil || res.Steps == 0 || res.Steps >= 1000 || len(res.Traces["E.V"].T) != int(res.Steps) {
		t.Fatalf("partial result %+v, want the records of the steps before the stop", res)
	}
	// The time in the error is that of the last recorded step.
	last := res.Traces["E.V"].T[len(res.Traces["E.V"].T)-1]
	if !strings.Contains(err.Error(), fmt.Sprintf("t = %g ms", last)) {
		t.Errorf("error %v, want the time of the last step, %g ms", err, last)
	}
	if v := res.Traces["E.V"].Values[res.Steps-1]; math.IsNaN(v[0]+v[2]) || math.IsInf(v[0]+v[2], 0) {
		t.Errorf("neurons without input are not finite: %v", v)
	}
}
