package integrate

import (
	"fmt"
	"math"
)

// DelayFunc is the derivative of a delay differential equation: like Func,
// with access to the past state (and, for neutral equations, the past
// derivative) through p.
type DelayFunc func(dst []float64, t float64, x []float64, p *Past)

// Interp says how a delayed value between two stored steps is read.
type Interp int

const (
	Linear Interp = iota // linear interpolation (BrainPy's "linear_interp", the default)
	Round                // the nearest stored step (BrainPy's "round")
)

// DDESettings holds the options of a delay equation.
type DDESettings struct {
	// MaxDelay is the longest delay f reads (required, > 0).
	MaxDelay float64
	// History gives the state at times t < t0 (the time of the first
	// Step). Nil means the constant initial state.
	History func(dst []float64, t float64)
	// Neutral keeps the history of the derivative, for equations that read
	// Past.Deriv. It costs one extra evaluation of f per step.
	Neutral bool
	// HistoryDeriv gives the derivative at times t < t0 for neutral
	// equations. Nil means zero for a constant history, and otherwise a
	// central difference of History.
	HistoryDeriv func(dst []float64, t float64)
	Interp       Interp // how delayed values between stored steps are read (default Linear)
}

// Past is the record of a delay equation's state at its steps. f reads it
// through Value (or State) and, if neutral, Deriv.
type Past struct {
	n        int
	dt, t0   float64
	k        int64     // index of the newest stored step
	buf, der []float64 // ring buffers of len rows·n: states and derivatives
	rows     int
	interp   Interp
	hist     func(dst []float64, t float64)
	histDer  func(dst []float64, t float64)
	hcache   []float64 // History at hcacheT
	hcacheT  float64
	dcache   []float64 // derivative history at dcacheT
	dcacheT  float64
	tmp      []float64 // scratch for numerical derivative history
	tooOld   float64   // a time read beyond MaxDelay, or NaN
}

// Value returns variable i at time s ≤ now.
func (p *Past) Value(i int, s float64) float64 { return p.read(p.buf, i, s, false) }

// Deriv returns the derivative of variable i at time s ≤ now (neutral
// equations only).
func (p *Past) Deriv(i int, s float64) float64 { return p.read(p.der, i, s, true) }

// State writes the whole state at time s into dst.
func (p *Past) State(dst []float64, s float64) {
	for i := range dst {
		dst[i] = p.Value(i, s)
	}
}

// read returns variable i of the stored series at time s, from the history
// before t0.
func (p *Past) read(series []float64, i int, s float64, deriv bool) float64 {
	u := (s - p.t0) / p.dt
	if u < -1e-9 {
		return p.history(i, s, deriv)
	}
	var k int64
	var frac float64
	if p.interp == Round {
		k = int64(math.Round(u))
	} else {
		k = int64(math.Floor(u))
		frac = u - float64(k)
	}
	if k >= p.k { // inside the current step: the newest stored value
		return series[p.row(p.k)+i]
	}
	if k < 0 {
		k, frac = 0, 0
	}
	if oldest := p.k - int64(p.rows) + 1; k < oldest {
		p.tooOld = s
		k, frac = oldest, 0
	}
	v := series[p.row(k)+i]
	if frac > 1e-12 {
		v += frac * (series[p.row(k+1)+i] - v)
	}
	return v
}

func (p *Past) row(k int64) int { return int(k%int64(p.rows)) * p.n }

// history returns variable i (or its derivative) of the initial history at
// s < t0, caching the whole vector for the last time asked.
func (p *Past) history(i int, s float64, deriv bool) float64 {
	if !deriv {
		if p.hist == nil {
			return p.buf[p.row(0)+i]
		}
		if s != p.hcacheT {
			p.hist(p.hcache, s)
			p.hcacheT = s
		}
		return p.hcache[i]
	}
	if p.hist == nil && p.histDer == nil {
		return 0
	}
	if s != p.dcacheT {
		if p.histDer != nil {
			p.histDer(p.dcache, s)
		} else {
			h := 1e-6 * math.Max(1, math.Abs(s))
			p.hist(p.dcache, s+h)
			p.hist(p.tmp, s-h)
			for j := range p.dcache {
				p.dcache[j] = (p.dcache[j] - p.tmp[j]) / (2 * h)
			}
		}
		p.dcacheT = s
	}
	return p.dcache[i]
}

// push stores x as step k+1 (or step 0 when started is false).
func (p *Past) push(x []float64) {
	p.k++
	copy(p.buf[p.row(p.k):p.row(p.k)+p.n], x)
}

// DDE integrates a delay differential equation with a fixed step. The
// first Step fixes t0 and stores the initial state; every Step must then
// continue from the last with the step size given to NewDDE.
type DDE struct {
	st   Stepper
	f    DelayFunc
	past *Past
	dt   float64
	n    int
	err  error
	live bool // started
}

// NewDDE returns a delay-equation stepper that applies the ODE method
// (any name NewODE accepts) with step dt, keeping MaxDelay of history.
// Delays shorter than dt read the state at the start of the step.
func NewDDE(method string, f DelayFunc, n int, dt float64, s DDESettings) (*DDE, error) {
	if f == nil {
		return nil, fmt.Errorf("%w: a DDE needs a derivative function", ErrNilFunc)
	}
	if err := CheckStep(dt); err != nil {
		return nil, err
	}
	if !(s.MaxDelay > 0) || math.IsInf(s.MaxDelay, 0) {
		return nil, fmt.Errorf("%w: MaxDelay = %v, need a finite positive longest delay", ErrSettings, s.MaxDelay)
	}
	if s.Interp != Linear && s.Interp != Round {
		return nil, fmt.Errorf("%w: unknown interpolation %d", ErrSettings, s.Interp)
	}
	rows := int(math.Ceil(s.MaxDelay/dt*(1-1e-12))) + 2
	p := &Past{n: n, dt: dt, rows: rows, interp: s.Interp, hist: s.History, histDer: s.HistoryDeriv,
		buf: make([]float64, rows*n), hcacheT: math.NaN(), dcacheT: math.NaN(), tooOld: math.NaN()}
	if s.History != nil {
		p.hcache = make([]float64, n)
	}
	if s.Neutral {
		p.der = make([]float64, rows*n)
		p.dcache, p.tmp = make([]float64, n), make([]float64, n)
	}
	d := &DDE{f: f, past: p, dt: dt, n: n}
	st, err := NewODE(method, func(dst []float64, t float64, x []float64) { f(dst, t, x, p) }, n)
	if err != nil {
		return nil, err
	}
	d.st = st
	return d, nil
}

// Len returns the state length.
func (d *DDE) Len() int { return d.n }

// Past returns the record of past states.
func (d *DDE) Past() *Past { return d.past }

// Err returns the first misuse: a Step that does not continue the last one
// with the DDE's dt, or a read older than MaxDelay.
func (d *DDE) Err() error {
	if d.err == nil && !math.IsNaN(d.past.tooOld) {
		d.err = fmt.Errorf("%w: f read the state at t = %v, more than MaxDelay before the current step", ErrSettings, d.past.tooOld)
	}
	return d.err
}

// Step advances x from t to t+dt.
func (d *DDE) Step(x []float64, t, dt float64) {
	p := d.past
	if d.err != nil {
		return
	}
	if len(x) != d.n {
		d.err = checkLen("x", len(x), d.n)
		return
	}
	if !d.live {
		d.live = true
		p.t0, p.k = t, -1
		p.push(x)
		d.storeDeriv(x, t)
	}
	if d.err = checkContinues("DDE", t, dt, p.t0+float64(p.k)*p.dt, d.dt); d.err != nil {
		return
	}
	d.st.Step(x, t, dt)
	p.push(x)
	d.storeDeriv(x, t+dt)
}

// storeDeriv records f at the newest step, for neutral equations.
func (d *DDE) storeDeriv(x []float64, t float64) {
	p := d.past
	if p.der == nil {
		return
	}
	r := p.row(p.k)
	d.f(p.der[r:r+p.n], t, x, p)
}
