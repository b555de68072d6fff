package dyn

import (
	"bytes"
	"errors"
	"math"
	"slices"
	"testing"

	"github.com/braingo/braingo/bp"
)

// newHHCond builds n Hodgkin–Huxley neurons from channels with the
// textbook parameters and leak conductance gL.
func newHHCond(t testing.TB, n int, gL float64) *CondNeuGroup {
	t.Helper()
	na, err := NewINaHH1952(n, HHChannelParams{})
	if err != nil {
		t.Fatal(err)
	}
	k, err := NewIKHH1952(n, HHChannelParams{})
	if err != nil {
		t.Fatal(err)
	}
	l, err := NewILeak(n, gL, -54.387)
	if err != nil {
		t.Fatal(err)
	}
	nu, err := NewCondNeuGroup(n, CondNeuParams{}, na, k, l)
	if err != nil {
		t.Fatal(err)
	}
	return nu
}

// drive runs a one-neuron group for dur ms under the current i(t) and
// returns the spike times of neuron 0.
func drive(nu *CondNeuGroup, dt, dur float64, i func(t float64) float64) []float64 {
	var spikes []float64
	ctx := &bp.Context{DT: dt}
	steps := int64(math.Round(dur / dt))
	for ctx.Step = 0; ctx.Step < steps; ctx.Step++ {
		ctx.T = float64(ctx.Step) * dt
		nu.Input[0] = i(ctx.T)
		nu.Update(ctx)
		nu.ClearInputs()
		if nu.Spike[0] {
			spikes = append(spikes, ctx.T+dt)
		}
	}
	return spikes
}

// rateAfter returns the firing rate (Hz) from the mean inter-spike interval
// of the spikes after t0 ms, or 0 with fewer than two.
func rateAfter(spikes []float64, t0 float64) float64 {
	var s []float64
	for _, t := range spikes {
		if t >= t0 {
			s = append(s, t)
		}
	}
	if len(s) < 2 {
		return 0
	}
	return 1000 * float64(len(s)-1) / (s[len(s)-1] - s[0])
}

func constant(c float64) func(float64) float64 { return func(float64) float64 { return c } }

// TestCondHHRest checks the resting potential of the channel-built HH
// neuron against numbers.md 3.1 (−64.996 mV at gL 0.3, −70.676 at 0.03).
func TestCondHHRest(t *testing.T) {
	for _, c := range []struct{ gL, want float64 }{{0.3, -64.996}, {0.03, -70.676}} {
		nu := newHHCond(t, 1, c.gL)
		if s := drive(nu, 0.05, 600, constant(0)); len(s) != 0 {
			t.Errorf("gL %g: %d spikes at rest", c.gL, len(s))
		}
		t.Logf("gL %g: rest %.4f", c.gL, nu.V[0])
		if got := nu.V[0]; math.Abs(got-c.want) > 2e-3 {
			t.Errorf("gL %g: rest %.4f mV, want %.3f ± 0.002", c.gL, got, c.want)
		}
	}
}

// TestCondHHRate checks the f–I curve of numbers.md 3.1: converged rates at
// dt 0.01 within 1 %, and the BrainPy-style dt 0.1 run within the stated
// ±6 % of them and within 0.2 % of BrainPy's own exp-Euler figures (52.5 and
// 67.6 Hz), the scheme this group uses.
func TestCondHHRate(t *testing.T) {
	for _, c := range []struct{ gL, dt, i, want, tol float64 }{
		{0.3, 0.01, 10, 68.3, 0.01},
		{0.3, 0.01, 6.5, 55.1, 0.01},
		{0.03, 0.01, 5, 54.6, 0.01},
		{0.03, 0.1, 10, 70.7, 0.06},
		{0.03, 0.1, 5, 54.6, 0.06},
		{0.03, 0.1, 10, 67.6, 0.002},
		{0.03, 0.1, 5, 52.5, 0.002},
	} {
		nu := newHHCond(t, 1, c.gL)
		got := rateAfter(drive(nu, c.dt, 600, constant(c.i)), 100)
		t.Logf("gL %g dt %g I %g: %.3f Hz (reference %.1f)", c.gL, c.dt, c.i, got, c.want)
		if math.Abs(got-c.want) > c.tol*c.want {
			t.Errorf("gL %g dt %g I %g: %.2f Hz, want %.1f ± %.0f%%", c.gL, c.dt, c.i, got, c.want, 100*c.tol)
		}
	}
}

// TestCondHHSingleSpike checks numbers.md 3.1's I = 5 at gL 0.3: one
// spike, then rest.
func TestCondHHSingleSpike(t *testing.T) {
	nu := newHHCond(t, 1, 0.3)
	if s := drive(nu, 0.01, 300, constant(5)); len(s) != 1 {
		t.Errorf("I = 5 at gL 0.3: %d spikes %v, want exactly 1", len(s), s)
	}
}

// TestGateSteadyStates checks the h- and T-channel gates against their
// formulas, written out independently here: the steady state, and one
// exact exponential-Euler step of length dt.
func TestGateSteadyStates(t *testing.T) {
	ca, _ := NewCalciumFixed(1, 120)
	cat, err := NewICaTHM1992(ca, ICaTParams{})
	if err != nil {
		t.Fatal(err)
	}
	ih, err := NewIhHM1992(1, IhParams{})
	if err != nil {
		t.Fatal(err)
	}
	phiP, phiQ := math.Pow(3.55, 1.2), math.Pow(3, 1.2)
	const dt = 0.5
	for _, v := range []float64{-100, -85, -81, -70, -60, -40, 0} {
		u := v + 3 // V − V_sh with V_sh = −3
		pInf := 1 / (1 + math.Exp(-(u+59)/6.2))
		tauP := (1/(math.Exp(-(u+132)/16.7)+math.Exp((u+16.8)/18.2)) + 0.612) / phiP
		qInf := 1 / (1 + math.Exp((u+83)/4))
		tauQ := math.Exp(-(u+22)/10.5) + 28
		if u < -80 {
			tauQ = math.Exp((u + 467) / 66.6)
		}
		tauQ /= phiQ
		hInf := 1 / (1 + math.Exp((v+75)/5.5))
		tauH := 1 / (math.Exp(-0.086*v-14.59) + math.Exp(0.0701*v-1.87))

		vs := []float64{v}
		cat.ResetState(vs)
		ih.ResetState(vs)
		if math.Abs(cat.P[0]-pInf) > 1e-12 || math.Abs(cat.Q[0]-qInf) > 1e-12 || math.Abs(ih.P[0]-hInf) > 1e-12 {
			t.Errorf("V %g: steady p %g q %g h %g, want %g %g %g", v, cat.P[0], cat.Q[0], ih.P[0], pInf, qInf, hInf)
		}
		cat.P[0], cat.Q[0], ih.P[0] = 0.5, 0.5, 0.5
		cat.Advance(vs, dt)
		ih.Advance(vs, dt)
		for _, c := range []struct {
			name          string
			got, inf, tau float64
		}{{"p", cat.P[0], pInf, tauP}, {"q", cat.Q[0], qInf, tauQ}, {"h", ih.P[0], hInf, tauH}} {
			want := c.inf + (0.5-c.inf)*math.Exp(-dt/c.tau)
			if math.Abs(c.got-want) > 1e-12 {
				t.Errorf("V %g: %s after one step %g, want %g", v, c.name, c.got, want)
			}
		}
	}
}

// thalamic builds one thalamocortical-like neuron (Bazhenov et al. 2002
// style): Traub–Miles spiking channels shifted to V_sh = −50 mV, a leak at
// −70 mV and a T-type calcium channel on a first-order calcium pool.
func thalamic(t *testing.T) *CondNeuGroup {
	t.Helper()
	ca, err := NewCalciumFirstOrder(1, CalciumParams{})
	if err != nil {
		t.Fatal(err)
	}
	cat, err := NewICaTHM1992(ca, ICaTParams{GMax: 2})
	if err != nil {
		t.Fatal(err)
	}
	na, _ := NewINaTM1991(1, HHChannelParams{GMax: 90, VShift: -50})
	k, _ := NewIKTM1991(1, HHChannelParams{GMax: 10, VShift: -50})
	l, _ := NewILeak(1, 0.03, -70)
	nu, err := NewCondNeuGroup(1, CondNeuParams{V0: -70}, ca, cat, na, k, l)
	if err != nil {
		t.Fatal(err)
	}
	return nu
}

// TestThalamicRebound checks the T-channel's post-inhibitory rebound burst:
// a neuron held hyperpolarised does not spike; after the release it fires a
// burst (at least 3 spikes, the first two less than 5 ms apart) on a
// calcium spike that raises the calcium concentration; without the T
// current it stays silent.
func TestThalamicRebound(t *testing.T) {
	hold := func(tt float64) float64 {
		if tt >= 100 && tt < 400 {
			return -1
		}
		return 0
	}
	nu := thalamic(t)
	ca := nu.Parts()[0].(*Calcium)
	var peakCa float64
	var s []float64
	ctx := &bp.Context{DT: 0.025}
	for ctx.Step = 0; ctx.Step < 24000; ctx.Step++ {
		ctx.T = float64(ctx.Step) * ctx.DT
		nu.Input[0] = hold(ctx.T)
		nu.Update(ctx)
		nu.ClearInputs()
		if nu.Spike[0] {
			s = append(s, ctx.T)
		}
		peakCa = max(peakCa, ca.C[0])
	}
	if len(s) < 3 || s[0] < 400 || s[0] > 500 || s[1]-s[0] > 5 {
		t.Errorf("spikes %v: want none before 400 ms, then a burst of ≥ 3 starting within 100 ms, first interval < 5 ms", s)
	}
	if peakCa < 2*ca.CRest {
		t.Errorf("peak calcium %g mM, want at least twice the rest %g", peakCa, ca.CRest)
	}
	nu.Parts()[1].(*ICaTHM1992).GMax = 0
	nu.Reset(0)
	if s := drive(nu, 0.025, 600, hold); len(s) != 0 {
		t.Errorf("without the T current: %d spikes %v, want none", len(s), s)
	}
}

// TestTraubMilesRates checks the Traub–Miles gates against the rate
// formulas written out here, at the default shifts, through the steady
// states the channels reset to.
func TestTraubMilesRates(t *testing.T) {
	na, _ := NewINaTM1991(1, HHChannelParams{})
	k, _ := NewIKTM1991(1, HHChannelParams{})
	for _, v := range []float64{-90, -70, -50, -50 + 13, -63 + 13, -63 + 40, -60 + 15, 0, 30} {
		u := v + 63
		am := 0.32 * (13 - u) / (math.Exp((13-u)/4) - 1)
		bm := 0.28 * (u - 40) / (math.Exp((u-40)/5) - 1)
		if u == 13 {
			am = 0.32 * 4
		}
		if u == 40 {
			bm = 0.28 * 5
		}
		ah := 0.128 * math.Exp((17-u)/18)
		bh := 4 / (1 + math.Exp(-(u-40)/5))
		w := v + 60
		an := 0.032 * (15 - w) / (math.Exp((15-w)/5) - 1)
		if w == 15 {
			an = 0.032 * 5
		}
		bn := 0.5 * math.Exp((10-w)/40)
		vs := []float64{v}
		na.ResetState(vs)
		k.ResetState(vs)
		for _, c := range []struct {
			name      string
			got, want float64
		}{{"m", na.M[0], am / (am + bm)}, {"h", na.H[0], ah / (ah + bh)}, {"n", k.N[0], an / (an + bn)}} {
			if math.Abs(c.got-c.want) > 1e-12 {
				t.Errorf("V %g: %s∞ %.15g, want %.15g", v, c.name, c.got, c.want)
			}
		}
	}
}

func TestCondNeuGroupErrors(t *testing.T) {
	na, _ := NewINaHH1952(2, HHChannelParams{})
	other, _ := NewCalciumFirstOrder(3, CalciumParams{})
	cat, _ := NewICaTHM1992(other, ICaTParams{})
	ca3, _ := NewCalciumFixed(3, 120)
	for name, err := range map[string]error{
		"size":        func() error { _, err := NewCondNeuGroup(3, CondNeuParams{}, na); return err }(),
		"no channels": func() error { _, err := NewCondNeuGroup(3, CondNeuParams{}); return err }(),
		"pool absent": func() error { _, err := NewCondNeuGroup(3, CondNeuParams{}, ca3, cat); return err }(),
		"zero size":   func() error { _, err := NewINaHH1952(0, HHChannelParams{}); return err }(),
		"neg g":       func() error { _, err := NewILeak(2, -1, 0); return err }(),
		"nil pool":    func() error { _, err := NewICaTHM1992(nil, ICaTParams{}); return err }(),
		"neg tau":     func() error { _, err := NewCalciumFirstOrder(1, CalciumParams{Tau: -1}); return err }(),
	} {
		if !errors.Is(err, ErrChannel) {
			t.Errorf("%s: error %v, want ErrChannel", name, err)
		}
	}
}

func BenchmarkCondHHStep(b *testing.B) {
	nu := newHHCond(b, 10000, 0.3)
	ctx := &bp.Context{DT: 0.01}
	for i := range nu.Input {
		nu.Input[i] = 10
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		nu.Update(ctx)
	}
}

// TestIAHP checks the calcium-activated potassium gate against its
// formula, p∞ = αCⁿ/(αCⁿ + β), τ = 1/(αCⁿ + β), over one exact step, and
// that a group refuses it without its pool.
func TestIAHP(t *testing.T) {
	ca, _ := NewCalciumFirstOrder(1, CalciumParams{})
	ahp, err := NewIAHPDe1994(ca, IAHPParams{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []float64{2.4e-4, 1e-3, 0.05, 0.2} {
		ca.C[0] = c
		a := 48 * c * c
		inf, tau := a/(a+0.09), 1/(a+0.09)
		ahp.ResetState(nil)
		if math.Abs(ahp.P[0]-inf) > 1e-15 {
			t.Errorf("C %g: p∞ %g, want %g", c, ahp.P[0], inf)
		}
		ahp.P[0] = 0.5
		ahp.Advance([]float64{-60}, 2)
		if want := inf + (0.5-inf)*math.Exp(-2/tau); math.Abs(ahp.P[0]-want) > 1e-15 {
			t.Errorf("C %g: p after 2 ms %g, want %g", c, ahp.P[0], want)
		}
	}
	l, _ := NewILeak(1, 0.1, -70)
	if _, err := NewCondNeuGroup(1, CondNeuParams{}, l, ahp); !errors.Is(err, ErrChannel) {
		t.Errorf("IAHP without its pool: error %v, want ErrChannel", err)
	}
}

// TestCondNeuGroupSaveLoad checks that bp.Save and bp.Load carry the whole
// state of a channel-built neuron (V, gates, calcium): a thalamic cell
// saved just after the hyperpolarisation and restored into a fresh copy
// fires its burst at the same times.
func TestCondNeuGroupSaveLoad(t *testing.T) {
	a := thalamic(t)
	drive(a, 0.025, 400, constant(-1))
	var buf bytes.Buffer
	if err := bp.Save(&buf, a); err != nil {
		t.Fatal(err)
	}
	b := thalamic(t)
	if err := bp.Load(&buf, b); err != nil {
		t.Fatal(err)
	}
	sa, sb := drive(a, 0.025, 150, constant(0)), drive(b, 0.025, 150, constant(0))
	if len(sa) < 3 || !slices.Equal(sa, sb) {
		t.Errorf("restored spikes %v, original %v", sb, sa)
	}
}
