package dyn

import (
	"errors"
	"fmt"
	"math"

	bm "github.com/braingo/braingo/bp/math"
)

// The input builders return a current sampled at dt: element k is the value
// during the step that starts at k·dt (BrainPy's bp.inputs). Feed one to a
// run with bp.SeriesInput. Lengths in steps are durations divided by dt,
// rounded to the nearest step.

// ErrInput is wrapped by the errors of the input builders.
var ErrInput = errors.New("dyn: bad input")

// Span is the part of a run during which an input is on, from Start to End
// ms. An End of zero means the end of the run.
type Span struct{ Start, End float64 }

// inputSteps returns the number of steps of a duration, checking dt and
// the duration.
func inputSteps(what string, duration, dt float64) (int, error) {
	if !(dt > 0) || math.IsInf(dt, 0) {
		return 0, fmt.Errorf("%w: %s step dt = %g ms, need a finite positive step", ErrInput, what, dt)
	}
	if !(duration >= 0) || math.IsInf(duration, 0) {
		return 0, fmt.Errorf("%w: %s duration %g ms, need a finite duration ≥ 0", ErrInput, what, duration)
	}
	return int(math.Round(duration / dt)), nil
}

// spanInput returns a zero current over duration and the steps [lo, hi)
// of the span within it.
func spanInput(what string, duration, dt float64, on Span) (out []float64, lo, hi int, err error) {
	n, err := inputSteps(what, duration, dt)
	if err != nil {
		return nil, 0, 0, err
	}
	end := on.End
	if end == 0 {
		end = duration
	}
	if !(on.Start >= 0) || !(end >= on.Start) || end > duration*(1+1e-12) {
		return nil, 0, 0, fmt.Errorf("%w: %s span [%g, %g] ms must lie within [0, %g] with start ≤ end", ErrInput, what, on.Start, on.End, duration)
	}
	return make([]float64, n), int(math.Round(on.Start / dt)), min(int(math.Round(end/dt)), n), nil
}

// SectionInput returns a current made of constant sections: values[k] for
// durations[k] ms, one after the other (BrainPy's section_input).
func SectionInput(values, durations []float64, dt float64) ([]float64, error) {
	if len(values) != len(durations) {
		return nil, fmt.Errorf("%w: SectionInput has %d values but %d durations", ErrInput, len(values), len(durations))
	}
	var out []float64
	for k, v := range values {
		n, err := inputSteps(fmt.Sprintf("SectionInput section %d", k), durations[k], dt)
		if err != nil {
			return nil, err
		}
		for range n {
			out = append(out, v)
		}
	}
	return out, nil
}

// ConstantInput returns value for duration ms (BrainPy's constant_input of
// one section).
func ConstantInput(value, duration, dt float64) ([]float64, error) {
	return SectionInput([]float64{value}, []float64{duration}, dt)
}

// RampInput returns a current that is zero outside the span and, inside it,
// goes linearly from cStart at its first step to cEnd at its last (BrainPy's
// ramp_input).
func RampInput(cStart, cEnd, duration, dt float64, on Span) ([]float64, error) {
	out, lo, hi, err := spanInput("RampInput", duration, dt, on)
	if err != nil {
		return nil, err
	}
	for k := lo; k < hi; k++ {
		frac := 0.0
		if hi-lo > 1 {
			frac = float64(k-lo) / float64(hi-lo-1)
		}
		out[k] = cStart + (cEnd-cStart)*frac
	}
	return out, nil
}

// SinusoidalInput returns amplitude·sin(2π·f·(t − on.Start)) inside the span
// and zero outside it, f in Hz and t in ms; with bias the wave is lifted by
// amplitude so that it stays ≥ 0 (BrainPy's sinusoidal_input).
func SinusoidalInput(amplitude, freqHz, duration, dt float64, on Span, bias bool) ([]float64, error) {
	return periodicInput("SinusoidalInput", amplitude, freqHz, duration, dt, on, bias, func(phase float64) float64 {
		return math.Sin(2 * math.Pi * phase)
	})
}

// SquareInput returns a square wave of the given amplitude and frequency
// (Hz) inside the span and zero outside it: +amplitude during the first half
// of each period (counted from on.Start), −amplitude during the second;
// with bias the wave is lifted by amplitude, to 2·amplitude and 0
// (BrainPy's square_input).
func SquareInput(amplitude, freqHz, duration, dt float64, on Span, bias bool) ([]float64, error) {
	return periodicInput("SquareInput", amplitude, freqHz, duration, dt, on, bias, func(phase float64) float64 {
		if phase-math.Floor(phase) < 0.5 {
			return 1
		}
		return -1
	})
}

// periodicInput samples amplitude·wave(phase) (+ amplitude with bias) over
// the span, phase = f·(t − start) in cycles.
func periodicInput(what string, amplitude, freqHz, duration, dt float64, on Span, bias bool, wave func(float64) float64) ([]float64, error) {
	if !(freqHz >= 0) || math.IsInf(freqHz, 0) {
		return nil, fmt.Errorf("%w: %s frequency %g Hz, need a finite frequency ≥ 0", ErrInput, what, freqHz)
	}
	out, lo, hi, err := spanInput(what, duration, dt, on)
	if err != nil {
		return nil, err
	}
	for k := lo; k < hi; k++ {
		out[k] = amplitude * wave(freqHz/1000*float64(k-lo)*dt)
		if bias {
			out[k] += amplitude
		}
	}
	return out, nil
}

// SpikeInput returns a train of rectangular current pulses: pulse k starts
// at times[k] ms, lasts lens[k] ms and has height sizes[k] (BrainPy's
// spike_input). lens and sizes hold one entry per pulse, or a single entry
// that all pulses share. Overlapping pulses: the later one wins.
func SpikeInput(times, lens, sizes []float64, duration, dt float64) ([]float64, error) {
	out, _, n, err := spanInput("SpikeInput", duration, dt, Span{})
	if err != nil {
		return nil, err
	}
	pick := func(name string, x []float64, k int) (float64, error) {
		switch len(x) {
		case 1:
			return x[0], nil
		case len(times):
			return x[k], nil
		}
		return 0, fmt.Errorf("%w: SpikeInput %s has %d entries, need 1 or one per pulse (%d)", ErrInput, name, len(x), len(times))
	}
	for k, t := range times {
		l, err := pick("lens", lens, k)
		if err != nil {
			return nil, err
		}
		size, err := pick("sizes", sizes, k)
		if err != nil {
			return nil, err
		}
		if !(t >= 0) || t >= duration || !(l >= 0) {
			return nil, fmt.Errorf("%w: SpikeInput pulse %d at %g ms lasting %g ms, need 0 ≤ time < duration %g and length ≥ 0", ErrInput, k, t, l, duration)
		}
		lo := int(math.Round(t / dt))
		for j := lo; j < min(lo+int(math.Round(l/dt)), n); j++ {
			out[j] = size
		}
	}
	return out, nil
}

// WienerProcess returns the increments dW of a standard Wiener process,
// independent normals of variance dt, inside the span and zero outside it
// (BrainPy's wiener_process). Same rng state, same increments.
func WienerProcess(duration, dt float64, on Span, rng *bm.RNG) ([]float64, error) {
	out, lo, hi, err := spanInput("WienerProcess", duration, dt, on)
	if err != nil {
		return nil, err
	}
	if rng == nil {
		return nil, fmt.Errorf("%w: WienerProcess needs an RNG", ErrInput)
	}
	sd := math.Sqrt(dt)
	for k := lo; k < hi; k++ {
		out[k] = rng.Normal(0, sd)
	}
	return out, nil
}

// OUProcess returns an Ornstein–Uhlenbeck current
//
//	dx = (mean − x)/tau·dt + sigma·dW
//
// started at mean at on.Start, inside the span, and zero outside it
// (BrainPy's ou_process). It is sampled exactly (no discretisation error):
// x_{k+1} = mean + (x_k − mean)·e^{−dt/τ} + sigma·√(τ/2·(1 − e^{−2dt/τ}))·N(0, 1),
// so its stationary variance is sigma²·tau/2 at any dt.
func OUProcess(mean, sigma, tau, duration, dt float64, on Span, rng *bm.RNG) ([]float64, error) {
	out, lo, hi, err := spanInput("OUProcess", duration, dt, on)
	if err != nil {
		return nil, err
	}
	if !(tau > 0) || !(sigma >= 0) || math.IsInf(tau, 0) || math.IsInf(sigma, 0) {
		return nil, fmt.Errorf("%w: OUProcess tau %g ms must be positive and sigma %g ≥ 0, both finite", ErrInput, tau, sigma)
	}
	if rng == nil {
		return nil, fmt.Errorf("%w: OUProcess needs an RNG", ErrInput)
	}
	a, sd := ouFactors(sigma, tau, dt)
	x := mean
	for k := lo; k < hi; k++ {
		out[k] = x
		x = mean + (x-mean)*a + rng.Normal(0, sd)
	}
	return out, nil
}

// ouFactors returns the exact one-step decay e^{−dt/τ} of an OU process
// dx = (μ − x)/τ·dt + σ·dW and the standard deviation of its noise over the
// step, σ·√(τ/2·(1 − e^{−2dt/τ})).
func ouFactors(sigma, tau, dt float64) (decay, sd float64) {
	decay = math.Exp(-dt / tau)
	return decay, sigma * math.Sqrt(tau/2*(1-decay*decay))
}
