package dyn

import (
	"bytes"
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/braingo/braingo/bp"
	"github.com/braingo/braingo/bp/integrate"
)

// rateModel is what the rate tests drive.
type rateModel interface {
	bp.Model
	bp.InputClearer
}

// runRate advances m for dur ms at dt, calling before(step) ahead of each
// step (to set inputs) and after(t) behind it (to record).
func runRate(m rateModel, dt, dur float64, before func(), after func(t float64)) {
	ctx := &bp.Context{DT: dt}
	steps := int64(math.Round(dur / dt))
	for ctx.Step = 0; ctx.Step < steps; ctx.Step++ {
		ctx.T = float64(ctx.Step) * dt
		if before != nil {
			before()
		}
		m.Update(ctx)
		m.ClearInputs()
		if after != nil {
			after(ctx.T + dt)
		}
	}
}

// swing returns max − min of x over the recorded window.
type swing struct{ lo, hi float64 }

func newSwing() swing          { return swing{math.Inf(1), math.Inf(-1)} }
func (s *swing) add(x float64) { s.lo, s.hi = min(s.lo, x), max(s.hi, x) }
func (s swing) size() float64  { return s.hi - s.lo }

// TestRateFHNHopf checks numbers.md 3.5: the rate FHN rests below the Hopf
// points x_ext = 0.726058 and above 1.331555, and oscillates between them,
// with both integrators.
func TestRateFHNHopf(t *testing.T) {
	for _, method := range []string{"exp_euler", "rk4"} {
		for _, c := range []struct {
			in         float64
			oscillates bool
		}{{0.715, false}, {0.74, true}, {1.32, true}, {1.345, false}} {
			m, err := NewRateFHN(1, RateFHNParams{X0: 0.3, Y0: 0.5, Method: method})
			if err != nil {
				t.Fatal(err)
			}
			sw := newSwing()
			runRate(m, 0.1, 6000, func() { m.InputX[0] = c.in }, func(tt float64) {
				if tt > 5000 {
					sw.add(m.X[0])
				}
			})
			if got := sw.size() > 0.01; got != c.oscillates || (!got && sw.size() > 1e-3) {
				t.Errorf("%s x_ext %g: swing of x %.4g over the last 1000 ms, want oscillation %v", method, c.in, sw.size(), c.oscillates)
			}
		}
	}
}

func TestRateErrors(t *testing.T) {
	for k, err := range []error{
		func() error { _, err := NewRateFHN(0, RateFHNParams{}); return err }(),
		func() error { _, err := NewRateFHN(2, RateFHNParams{Tau: -1}); return err }(),
	} {
		if !errors.Is(err, ErrRate) {
			t.Errorf("case %d: error %v, want ErrRate", k, err)
		}
	}
	if _, err := NewRateFHN(2, RateFHNParams{Method: "nope"}); err == nil {
		t.Error("unknown method: no error")
	}
}

// TestWilsonCowan checks the E/I model's fixed point: with no input the
// origin stays put (F(0) = 0); with a constant input the state settles
// where the Wilson–Cowan equations, written out here, balance, and
// exp_euler and rk4 agree.
func TestWilsonCowan(t *testing.T) {
	m, err := NewWilsonCowan(1, WilsonCowanParams{})
	if err != nil {
		t.Fatal(err)
	}
	runRate(m, 0.1, 100, nil, nil)
	if m.E[0] != 0 || m.I[0] != 0 {
		t.Errorf("no input: E %g I %g, want 0 0", m.E[0], m.I[0])
	}
	f := func(x, a, th float64) float64 { return 1/(1+math.Exp(-a*(x-th))) - 1/(1+math.Exp(a*th)) }
	var final [2][2]float64
	for k, method := range []string{"exp_euler", "rk4"} {
		m, _ := NewWilsonCowan(1, WilsonCowanParams{Method: method})
		runRate(m, 0.01, 200, func() { m.InputE[0] = 1 }, nil)
		e, i := m.E[0], m.I[0]
		re := -e + (1-e)*f(12*e-4*i+1, 1.2, 2.8)
		ri := -i + (1-i)*f(13*e-11*i, 1, 4)
		if math.Abs(re) > 1e-9 || math.Abs(ri) > 1e-9 {
			t.Errorf("%s: E %g I %g leave residuals %g %g", method, e, i, re, ri)
		}
		final[k] = [2]float64{e, i}
	}
	if math.Abs(final[0][0]-final[1][0]) > 1e-9 || math.Abs(final[0][1]-final[1][1]) > 1e-9 {
		t.Errorf("exp_euler %v and rk4 %v settle apart", final[0], final[1])
	}
}

// TestThresholdLinear checks the exact relaxation E(t) = β[I]₊(1 − e^{−t/τ})
// under exp_euler, and that a negative drive leaves the node silent.
func TestThresholdLinear(t *testing.T) {
	m, err := NewThresholdLinear(2, ThresholdLinearParams{})
	if err != nil {
		t.Fatal(err)
	}
	runRate(m, 0.1, 30, func() { m.InputE[0], m.InputE[1], m.InputI[0] = 50, -50, 10 }, nil)
	wantE := 0.066 * 50 * (1 - math.Exp(-30.0/20))
	wantI := 0.351 * 10 * (1 - math.Exp(-30.0/10))
	if math.Abs(m.E[0]-wantE) > 1e-9*wantE || math.Abs(m.I[0]-wantI) > 1e-9*wantI || m.E[1] != 0 {
		t.Errorf("E %g I %g silent E %g, want %g %g 0", m.E[0], m.I[0], m.E[1], wantE, wantI)
	}
}

// TestQIFRateFixedPoint checks the Montbrió–Pazó–Roxin mean field against
// its fixed points, found here independently: v* = −Δ/(2πτr*) and r* a
// root of π²τ²r⁴ − Jτr³ − ηr² − Δ²/(4π²τ²) = 0. With the defaults
// (η −5, J 15, Δ 1) the model is bistable: a low-rate and a high-rate state.
func TestQIFRateFixedPoint(t *testing.T) {
	const tau, eta, delta, j = 1.0, -5.0, 1.0, 15.0
	quartic := func(r float64) float64 {
		return math.Pi*math.Pi*tau*tau*r*r*r*r - j*tau*r*r*r - eta*r*r - delta*delta/(4*math.Pi*math.Pi*tau*tau)
	}
	// Positive roots by bisection on a fine grid.
	var roots []float64
	for r := 1e-4; r < 5; r += 1e-3 {
		if a, b := quartic(r), quartic(r+1e-3); a*b < 0 {
			lo, hi := r, r+1e-3
			for range 60 {
				mid := (lo + hi) / 2
				if quartic(lo)*quartic(mid) <= 0 {
					hi = mid
				} else {
					lo = mid
				}
			}
			roots = append(roots, (lo+hi)/2)
		}
	}
	if len(roots) != 3 {
		t.Fatalf("quartic roots %v, want three (low, saddle, high)", roots)
	}
	for _, c := range []struct {
		r0, v0, want float64
	}{{0.05, -2, roots[0]}, {1, 0, roots[2]}} {
		m, err := NewQIFRate(1, QIFRateParams{R0: c.r0, V0: c.v0, Method: "rk4"})
		if err != nil {
			t.Fatal(err)
		}
		runRate(m, 0.001, 50, nil, nil)
		wantV := -delta / (2 * math.Pi * tau * c.want)
		if math.Abs(m.R[0]-c.want) > 1e-6 || math.Abs(m.V[0]-wantV) > 1e-6 {
			t.Errorf("from (%g, %g): r %.6f v %.6f, want %.6f %.6f", c.r0, c.v0, m.R[0], m.V[0], c.want, wantV)
		}
	}
}

// TestStuartLandau checks the limit cycle: radius √a and period 2π/ω.
func TestStuartLandau(t *testing.T) {
	const a, w = 0.25, 0.2
	m, err := NewStuartLandau(1, StuartLandauParams{X0: 0.05, Method: "rk4"})
	if err != nil {
		t.Fatal(err)
	}
	var ups []float64
	prev := m.X[0]
	radius := newSwing()
	runRate(m, 0.01, 1000, nil, func(tt float64) {
		if tt > 500 {
			radius.add(math.Hypot(m.X[0], m.Y[0]))
			if prev < 0 && m.X[0] >= 0 {
				// Linear interpolation of the upward zero crossing.
				ups = append(ups, tt-0.01*m.X[0]/(m.X[0]-prev))
			}
		}
		prev = m.X[0]
	})
	period := (ups[len(ups)-1] - ups[0]) / float64(len(ups)-1)
	if math.Abs(radius.lo-math.Sqrt(a)) > 1e-6 || math.Abs(radius.hi-math.Sqrt(a)) > 1e-6 {
		t.Errorf("radius in [%g, %g], want √a = %g", radius.lo, radius.hi, math.Sqrt(a))
	}
	if want := 2 * math.Pi / w; math.Abs(period-want) > 1e-4*want {
		t.Errorf("period %g ms, want 2π/ω = %g", period, want)
	}
}

// TestJansenRit checks the column's rest state against its fixed-point
// equation, solved here by bisection on v = y1 − y2:
//
//	v = (A/a)(p + C2·S(C1·(A/a)·S(v))) − (B/b)·C4·S(C3·(A/a)·S(v)),
//
// and that at p = 0.22 spikes/ms it oscillates in the alpha band.
func TestJansenRit(t *testing.T) {
	const A, B, a, b, C, e0, v0, r = 3.25, 22, 0.1, 0.05, 135, 0.0025, 6, 0.56
	S := func(v float64) float64 { return 2 * e0 / (1 + math.Exp(r*(v0-v))) }
	const p = 0.05
	g := func(v float64) float64 {
		y0 := A / a * S(v)
		return A/a*(p+0.8*C*S(C*y0)) - B/b*0.25*C*S(0.25*C*y0) - v
	}
	lo, hi := -20.0, 20.0
	if g(lo)*g(hi) > 0 {
		t.Fatalf("no sign change of the fixed-point equation on [%g, %g]", lo, hi)
	}
	for range 80 {
		if mid := (lo + hi) / 2; g(lo)*g(mid) <= 0 {
			hi = mid
		} else {
			lo = mid
		}
	}
	m, err := NewJansenRit(1, JansenRitParams{Method: "rk4"})
	if err != nil {
		t.Fatal(err)
	}
	runRate(m, 0.1, 3000, func() { m.Input[0] = p }, nil)
	out := make([]float64, 1)
	m.Output(out)
	if math.Abs(out[0]-lo) > 1e-6 {
		t.Errorf("p %g: rest y1 − y2 = %.6f mV, want %.6f", p, out[0], lo)
	}

	m.Reset(0)
	var ups []float64
	prev, mean := 0.0, 0.0
	runRate(m, 0.1, 3000, func() { m.Input[0] = 0.22 }, func(tt float64) {
		m.Output(out)
		if tt > 2000 {
			if prev < mean && out[0] >= mean {
				ups = append(ups, tt)
			}
		} else if tt > 1000 {
			mean += out[0] / 10000
		}
		prev = out[0]
	})
	if len(ups) < 2 {
		t.Fatalf("p 0.22: no oscillation (crossings %v)", ups)
	}
	f := 1000 * float64(len(ups)-1) / (ups[len(ups)-1] - ups[0])
	t.Logf("JR p 0.22: %.2f Hz", f)
	if f < 8 || f > 13 {
		t.Errorf("p 0.22: %.2f Hz, want the alpha band 8–13 Hz", f)
	}
}

// TestKuramotoOrder checks all-to-all Kuramoto with Lorentzian natural
// frequencies (half-width γ, so K_c = 2γ): above K_c the order parameter
// settles at r = √(1 − K_c/K), below it the oscillators stay incoherent.
func TestKuramotoOrder(t *testing.T) {
	const n, gamma = 1000, 0.5
	omega := make([]float64, n)
	theta := make([]float64, n)
	for i := range omega {
		// Lorentzian quantiles, interleaved so that neighbours differ.
		omega[i] = gamma * math.Tan(math.Pi*((float64(i)+0.5)/n-0.5))
		theta[i] = 2 * math.Pi * math.Mod(float64(i)*0.6180339887498949, 1)
	}
	for _, c := range []struct{ k, want, tol float64 }{{2, math.Sqrt(0.5), 0.01}, {3, math.Sqrt(2.0 / 3), 0.01}, {0.5, 0, 0.05}} {
		m, err := NewKuramoto(n, KuramotoParams{Omega: omega, K: c.k, Theta0: theta, Method: "rk4"})
		if err != nil {
			t.Fatal(err)
		}
		var sum float64
		var cnt int
		runRate(m, 0.05, 120, nil, func(tt float64) {
			if tt > 80 {
				r, _ := m.Order()
				sum += r
				cnt++
			}
		})
		t.Logf("K %g: mean r %.4f (theory %.4f)", c.k, sum/float64(cnt), c.want)
		if r := sum / float64(cnt); math.Abs(r-c.want) > c.tol {
			t.Errorf("K %g: mean r %.4f, want %.4f ± %g", c.k, r, c.want, c.tol)
		}
	}
}

func TestRateSettingsErrors(t *testing.T) {
	for k, err := range []error{
		func() error { _, err := NewWilsonCowan(1, WilsonCowanParams{TauE: -1}); return err }(),
		func() error { _, err := NewThresholdLinear(1, ThresholdLinearParams{TauI: math.Inf(1)}); return err }(),
		func() error { _, err := NewQIFRate(1, QIFRateParams{Delta: -1}); return err }(),
		func() error { _, err := NewStuartLandau(1, StuartLandauParams{A: math.NaN()}); return err }(),
		func() error { _, err := NewJansenRit(1, JansenRitParams{C: -135}); return err }(),
		func() error { _, err := NewKuramoto(0, KuramotoParams{}); return err }(),
		func() error { _, err := NewVanDerPol(1, VanDerPolParams{Mu: -1}); return err }(),
		func() error { _, err := NewThetaNeuron(1, ThetaNeuronParams{Eta: math.Inf(-1)}); return err }(),
		func() error { _, err := NewFeedbackFHN(1, FeedbackFHNParams{Delay: -2}); return err }(),
	} {
		if !errors.Is(err, ErrRate) {
			t.Errorf("case %d: error %v, want ErrRate", k, err)
		}
	}
	for k, s := range []KuramotoParams{{Omega: make([]float64, 2)}, {Theta0: make([]float64, 4)}, {W: make([]float64, 3)}} {
		if _, err := NewKuramoto(3, s); !errors.Is(err, ErrSizeMismatch) {
			t.Errorf("Kuramoto case %d: error %v, want ErrSizeMismatch", k, err)
		}
	}
}

// TestKuramotoMatrix checks that a coupling matrix of 1/n everywhere gives
// the all-to-all trajectory, with both integrators.
func TestKuramotoMatrix(t *testing.T) {
	const n = 40
	omega, theta, w := make([]float64, n), make([]float64, n), make([]float64, n*n)
	for i := range omega {
		omega[i] = 0.1 * math.Sin(float64(i))
		theta[i] = float64(i*i%7) - 3
	}
	for i := range w {
		w[i] = 1.0 / n
	}
	for _, method := range []string{"exp_euler", "rk4"} {
		dense, _ := NewKuramoto(n, KuramotoParams{Omega: omega, K: 1.5, W: w, Theta0: theta, Method: method})
		mean, _ := NewKuramoto(n, KuramotoParams{Omega: omega, K: 1.5, Theta0: theta, Method: method})
		runRate(dense, 0.05, 20, nil, nil)
		runRate(mean, 0.05, 20, nil, nil)
		for i := range dense.Theta {
			if math.Abs(dense.Theta[i]-mean.Theta[i]) > 1e-9 {
				t.Fatalf("%s: oscillator %d at %g with W, %g all-to-all", method, i, dense.Theta[i], mean.Theta[i])
			}
		}
	}
}

// BenchmarkRateFHNStep is one exp_euler step of 10⁴ FHN nodes.
func BenchmarkRateFHNStep(b *testing.B) {
	m, err := NewRateFHN(10000, RateFHNParams{})
	if err != nil {
		b.Fatal(err)
	}
	ctx := &bp.Context{DT: 0.1}
	b.ReportAllocs()
	for b.Loop() {
		m.Update(ctx)
	}
}

// TestFeedbackFHN checks the delayed-feedback FHN: without feedback it is
// the FHN neuron of numbers.md 3.5 (limit-cycle periods 39.47 and 36.52 ms
// at I = 0.5 and 0.8); with feedback it follows a test-side Euler
// integration of the delay equation (dt 1e-4, exact delay index); a step
// of the wrong size is reported by Err.
func TestFeedbackFHN(t *testing.T) {
	for _, c := range []struct{ i, period float64 }{{0.5, 39.47}, {0.8, 36.52}} {
		m, err := NewFeedbackFHN(1, FeedbackFHNParams{DT: 0.01})
		if err != nil {
			t.Fatal(err)
		}
		m.Mu = 0
		var ups []float64
		prev := m.X[0]
		runRate(m, 0.01, 400, func() { m.InputX[0] = c.i }, func(tt float64) {
			if tt > 150 && prev < 1 && m.X[0] >= 1 {
				ups = append(ups, tt-0.01*(m.X[0]-1)/(m.X[0]-prev))
			}
			prev = m.X[0]
		})
		if period := (ups[len(ups)-1] - ups[0]) / float64(len(ups)-1); math.Abs(period-c.period) > 0.01 {
			t.Errorf("μ 0, I %g: period %.3f ms, want %.2f", c.i, period, c.period)
		}
	}

	const a, b, tau, mu, delay, v0, in = 0.7, 0.8, 12.5, 1.6, 10.0, -1.0, 0.3
	m, err := NewFeedbackFHN(1, FeedbackFHNParams{X0: -1, Y0: -0.5, DT: 0.05})
	if err != nil {
		t.Fatal(err)
	}
	runRate(m, 0.05, 40, func() { m.InputX[0] = in }, nil)
	const h = 1e-4
	lag := int(math.Round(delay / h))
	xs := []float64{-1}
	x, y := -1.0, -0.5
	for k := range int(math.Round(40 / h)) {
		xd := xs[max(k-lag, 0)]
		x, y = x+h*(x-x*x*x/3-y+in+mu*(xd-v0)), y+h*(x+a-b*y)/tau
		xs = append(xs, x)
	}
	if math.Abs(m.X[0]-x) > 1e-4 || math.Abs(m.Y[0]-y) > 1e-4 {
		t.Errorf("μ %g at 40 ms: (%.5f, %.5f), Euler reference (%.5f, %.5f)", mu, m.X[0], m.Y[0], x, y)
	}
	if m.Err() != nil {
		t.Fatal(m.Err())
	}
	runRate(m, 0.1, 1, nil, nil)
	if m.Err() == nil {
		t.Error("a step of 0.1 ms on a model built for 0.05: no error")
	}
	m.Reset(0)
	runRate(m, 0.05, 40, func() { m.InputX[0] = in }, nil)
	if m.Err() != nil || math.Abs(m.X[0]-x) > 1e-4 {
		t.Errorf("after Reset: x %.5f (err %v), want %.5f", m.X[0], m.Err(), x)
	}
}

// TestFeedbackFHNMisuseIsAnError checks that a FeedbackFHN run by a second
// runner that does not continue its time stops that run with the delay
// stepper's error, and that saving it is refused rather than restoring a
// copy without its history.
func TestFeedbackFHNMisuseIsAnError(t *testing.T) {
	m, err := NewFeedbackFHN(1, FeedbackFHNParams{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := bp.Run(nil, m, 5, bp.RunnerSettings{}); err != nil {
		t.Fatal(err)
	}
	res, err := bp.Run(nil, m, 5, bp.RunnerSettings{}) // starts again at t = 0
	if !errors.Is(err, integrate.ErrStepSize) || res.Steps != 1 {
		t.Errorf("rerun from t = 0 without Reset: error %v after %d steps, want ErrStepSize after 1", err, res.Steps)
	}
	m.Reset(0)
	if _, err := bp.Run(nil, m, 5, bp.RunnerSettings{}); err != nil {
		t.Errorf("after Reset: %v", err)
	}
	var buf bytes.Buffer
	if err := bp.Save(&buf, m); !errors.Is(err, ErrRate) || !strings.Contains(err.Error(), "history") {
		t.Errorf("Save: error %v, want ErrRate about the history", err)
	}
}

// TestVanDerPolPeriod checks the μ = 1 limit cycle's period, 6.6633.
func TestVanDerPolPeriod(t *testing.T) {
	m, err := NewVanDerPol(1, VanDerPolParams{X0: 0.5, Method: "rk4"})
	if err != nil {
		t.Fatal(err)
	}
	var ups []float64
	prev := m.X[0]
	runRate(m, 0.001, 80, nil, func(tt float64) {
		if tt > 30 && prev < 0 && m.X[0] >= 0 {
			ups = append(ups, tt-0.001*m.X[0]/(m.X[0]-prev))
		}
		prev = m.X[0]
	})
	if period := (ups[len(ups)-1] - ups[0]) / float64(len(ups)-1); math.Abs(period-6.6632869) > 1e-4 {
		t.Errorf("μ 1: period %.6f, want 6.6632869", period)
	}
}

// TestThetaNeuron checks the theta neuron's period πτ/√(η+I) above the
// saddle-node and its silence below it.
func TestThetaNeuron(t *testing.T) {
	for _, c := range []struct{ eta, in, tau float64 }{{0.25, 0, 1}, {-0.5, 1.5, 2}, {-0.1, 0, 1}} {
		m, err := NewThetaNeuron(1, ThetaNeuronParams{Eta: c.eta, Tau: c.tau, Method: "rk4"})
		if err != nil {
			t.Fatal(err)
		}
		var spikes []float64
		runRate(m, 0.001, 60, func() { m.Input[0] = c.in }, func(tt float64) {
			if m.Spikes()[0] {
				spikes = append(spikes, tt)
			}
		})
		drive := c.eta + c.in
		if drive < 0 {
			if len(spikes) != 0 {
				t.Errorf("η+I %g: spikes %v, want none", drive, spikes)
			}
			continue
		}
		want := math.Pi * c.tau / math.Sqrt(drive)
		if period := (spikes[len(spikes)-1] - spikes[0]) / float64(len(spikes)-1); math.Abs(period-want) > 2e-3 {
			t.Errorf("η+I %g τ %g: period %.4f, want %.4f", drive, c.tau, period, want)
		}
	}
}
