package analysis

import (
	"fmt"
	"math"
	"slices"

	"github.com/braingo/braingo/bp/integrate"
)

// SimSettings configure Simulate. Duration is required.
type SimSettings struct {
	Limits
	// Method is a bp/integrate method name (""; "rk4").
	Method string
	// DT is the time step (0: 0.01).
	DT float64
	// Duration is the simulated time.
	Duration float64
	// Every records every Every-th step (0: every step).
	Every int
	// Hold gives the values of model variables held fixed.
	Hold map[string]float64
}

// Trajectory is a simulated solution: X[i][k] is variable Vars[i] at T[k].
type Trajectory struct {
	Vars []string    // the variable names
	T    []float64   // the recorded times
	X    [][]float64 // X[i] is the time course of Vars[i]
}

// simulator integrates a model step by step with a bp/integrate method.
type simulator struct {
	sys     *system
	stepper integrate.Stepper
	dt      float64
}

func newSimulator(m Model, s *SimSettings) (*simulator, error) {
	if s.Method == "" {
		s.Method = "rk4"
	}
	if s.DT == 0 {
		s.DT = 0.01
	}
	if s.Every == 0 {
		s.Every = 1
	}
	if !(s.DT > 0) || math.IsInf(s.DT, 0) || !(s.Duration > 0) || math.IsInf(s.Duration, 0) || s.Every < 1 {
		return nil, fmt.Errorf("%w: DT (%v) and Duration (%v) must be positive and finite, Every (%d) >= 1",
			ErrBadSettings, s.DT, s.Duration, s.Every)
	}
	sys, err := holdSystem(m, s.Hold)
	if err != nil {
		return nil, err
	}
	f, p := sys.m.F, sys.m.Params
	st, err := integrate.NewODE(s.Method, func(dst []float64, _ float64, x []float64) { f(dst, x, p) }, sys.n)
	if err != nil {
		return nil, err
	}
	return &simulator{sys: sys, stepper: st, dt: s.DT}, nil
}

// steps returns the number of steps to cover duration, within the budget.
func (sim *simulator) steps(duration float64, lim Limits) (int, error) {
	n := math.Ceil(duration/sim.dt - 1e-9)
	if err := lim.budget("a simulation", 4*n); err != nil {
		return 0, err
	}
	return int(n), nil
}

// step advances x from t by one step and reports a non-finite state.
func (sim *simulator) step(x []float64, t float64) error {
	sim.stepper.Step(x, t, sim.dt)
	for i, v := range x {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return fmt.Errorf("%w: %s became %v at t = %v", ErrNonFinite, sim.sys.m.Vars[i], v, t+sim.dt)
		}
	}
	return nil
}

// Simulate integrates m from x0 (in the order of the free variables) for
// s.Duration and records the trajectory, starting with x0 at t = 0.
func Simulate(m Model, x0 []float64, s SimSettings) (*Trajectory, error) {
	sim, err := newSimulator(m, &s)
	if err != nil {
		return nil, err
	}
	x, err := sim.start(x0)
	if err != nil {
		return nil, err
	}
	steps, err := sim.steps(s.Duration, s.Limits)
	if err != nil {
		return nil, err
	}
	tr := &Trajectory{Vars: slices.Clone(sim.sys.m.Vars), X: make([][]float64, len(x))}
	record := func(t float64) {
		tr.T = append(tr.T, t)
		for i, v := range x {
			tr.X[i] = append(tr.X[i], v)
		}
	}
	record(0)
	for k := range steps {
		t := float64(k) * sim.dt
		if err := sim.step(x, t); err != nil {
			return tr, err
		}
		if (k+1)%s.Every == 0 || k+1 == steps {
			record(float64(k+1) * sim.dt)
		}
	}
	return tr, nil
}

func (sim *simulator) start(x0 []float64) ([]float64, error) {
	if len(x0) != sim.sys.n {
		return nil, fmt.Errorf("%w: initial state has %d values, want %d (%v)", ErrBadSettings, len(x0), sim.sys.n, sim.sys.m.Vars)
	}
	for i, v := range x0 {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, fmt.Errorf("%w: initial %s is %v", ErrBadSettings, sim.sys.m.Vars[i], v)
		}
	}
	return slices.Clone(x0), nil
}

// CycleSettings configure FindLimitCycle. The zero value simulates 500 time
// units, discards the first half, and uses the first variable as section.
type CycleSettings struct {
	// Sim sets the method, step and hold; Sim.Duration is the observation
	// window after the transient (0: 250).
	Sim SimSettings
	// Transient is the time simulated and discarded first (0: 250).
	Transient float64
	// Var names the section variable (default: the first free variable).
	Var string
	// Tol is the relative agreement required between the last two periods
	// and between their extrema (0: 1e-3).
	Tol float64
}

// Cycle is a limit cycle detected by simulation.
type Cycle struct {
	Found    bool      // whether a cycle was detected
	Period   float64   // its period (time between section crossings)
	Min, Max []float64 // extrema of each variable over the last period
	// Start is a state on the cycle: the last upward section crossing.
	Start []float64
	// Orbit is the last period, sampled at the simulation step, from the
	// sample before one section crossing to the sample after the next.
	Orbit *Trajectory
}

// FindLimitCycle simulates m from x0, discards the transient and looks for
// a periodic orbit: upward crossings of the section variable through the
// middle of its range, located by linear interpolation, must repeat with
// periods and extrema agreeing to Tol. Extrema are refined by a parabola
// through the extreme sample and its neighbours. A trajectory that settles
// on an equilibrium or does not repeat gives Found = false.
func FindLimitCycle(m Model, x0 []float64, s CycleSettings) (Cycle, error) {
	if s.Sim.Duration == 0 {
		s.Sim.Duration = 250
	}
	if s.Transient == 0 {
		s.Transient = 250
	}
	if s.Tol == 0 {
		s.Tol = 1e-3
	}
	if !(s.Transient > 0) || !(s.Tol > 0) {
		return Cycle{}, fmt.Errorf("%w: Transient (%v) and Tol (%v) must be positive", ErrBadSettings, s.Transient, s.Tol)
	}
	sim, err := newSimulator(m, &s.Sim)
	if err != nil {
		return Cycle{}, err
	}
	sec := 0
	if s.Var != "" {
		if sec, err = sim.sys.m.Index(s.Var); err != nil {
			return Cycle{}, err
		}
	}
	x, err := sim.start(x0)
	if err != nil {
		return Cycle{}, err
	}
	nt, err := sim.steps(s.Transient, s.Sim.Limits)
	if err != nil {
		return Cycle{}, err
	}
	nw, err := sim.steps(s.Sim.Duration, s.Sim.Limits)
	if err != nil {
		return Cycle{}, err
	}
	for k := range nt {
		if err := sim.step(x, float64(k)*sim.dt); err != nil {
			return Cycle{}, err
		}
	}
	n := len(x)
	// The states over the window, as rows of one buffer.
	buf := make([]float64, (nw+1)*n)
	win := make([][]float64, nw+1)
	for k := range win {
		win[k] = buf[k*n : (k+1)*n]
	}
	copy(win[0], x)
	for k := range nw {
		if err := sim.step(x, float64(nt+k)*sim.dt); err != nil {
			return Cycle{}, err
		}
		copy(win[k+1], x)
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, w := range win {
		lo, hi = min(lo, w[sec]), max(hi, w[sec])
	}
	if hi-lo <= 1e-6*(1+math.Abs(hi)) {
		return Cycle{}, nil // settled on an equilibrium
	}
	level := (lo + hi) / 2
	var cross []float64 // fractional sample indices of upward crossings
	var at []int
	for k := 0; k+1 < len(win); k++ {
		a, b := win[k][sec], win[k+1][sec]
		if a < level && b >= level {
			cross = append(cross, float64(k)+(level-a)/(b-a))
			at = append(at, k)
		}
	}
	if len(cross) < 3 {
		return Cycle{}, nil
	}
	c := len(cross) - 1
	p1, p2 := cross[c]-cross[c-1], cross[c-1]-cross[c-2]
	if math.Abs(p1-p2) > s.Tol*p1 {
		return Cycle{}, nil
	}
	min1, max1 := extrema(win[at[c-1]:at[c]+2], n)
	min2, max2 := extrema(win[at[c-2]:at[c-1]+2], n)
	for i := range n {
		amp := max(max1[i]-min1[i], 1e-12)
		if math.Abs(min1[i]-min2[i]) > s.Tol*amp || math.Abs(max1[i]-max2[i]) > s.Tol*amp {
			return Cycle{}, nil
		}
	}
	orbit := &Trajectory{Vars: slices.Clone(sim.sys.m.Vars), X: make([][]float64, n)}
	for k := at[c-1]; k <= at[c]+1; k++ {
		orbit.T = append(orbit.T, float64(k-at[c-1])*sim.dt)
		for i := range n {
			orbit.X[i] = append(orbit.X[i], win[k][i])
		}
	}
	return Cycle{Found: true, Period: p1 * sim.dt, Min: min1, Max: max1, Start: slices.Clone(win[at[c]]), Orbit: orbit}, nil
}

// extrema returns each variable's minimum and maximum over the samples,
// refined by the vertex of the parabola through the extreme sample and its
// two neighbours.
func extrema(win [][]float64, n int) (lo, hi []float64) {
	lo, hi = make([]float64, n), make([]float64, n)
	for i := range n {
		kmin, kmax := 0, 0
		for k, w := range win {
			if w[i] < win[kmin][i] {
				kmin = k
			}
			if w[i] > win[kmax][i] {
				kmax = k
			}
		}
		lo[i], hi[i] = vertex(win, kmin, i), vertex(win, kmax, i)
	}
	return lo, hi
}

func vertex(win [][]float64, k, i int) float64 {
	if k == 0 || k == len(win)-1 {
		return win[k][i]
	}
	a, b, c := win[k-1][i], win[k][i], win[k+1][i]
	den := a - 2*b + c
	if den == 0 {
		return b
	}
	return b - (c-a)*(c-a)/(8*den)
}
