package dyn

import (
	"encoding/binary"
	"fmt"
	"math"

	"github.com/braingo/braingo/bp"
)

// CouplingKind is how a [DelayCoupling] combines the delayed source
// variable.
type CouplingKind int

const (
	// Diffusive coupling adds Σ_j W_ij·(x_j(t − d_ij) − x_i(t)) to node i,
	// pulling each node towards its (delayed) neighbours; source and
	// target must have the same size (BrainPy's DiffusiveCoupling).
	Diffusive CouplingKind = iota
	// Additive coupling adds Σ_j W_ij·x_j(t − d_ij) (BrainPy's
	// AdditiveCoupling).
	Additive
)

// CouplingParams are the options of a [DelayCoupling].
type CouplingParams struct {
	// Kind is how the source enters the target (Diffusive or Additive).
	Kind CouplingKind
	// Gain multiplies the coupling; 0 means 1.
	Gain float64
	// Delays are the conduction delays (ms), one per pair in the layout
	// of W; nil means none. Each is rounded to the nearest step of DT.
	Delays []float64
	// DT is the step (ms) the delays are counted in; it must be the dt of
	// the run (bp.NewRunner returns an error otherwise). 0 means
	// bp.DefaultDT.
	DT float64
	// MaxDelaySteps is the longest delay, in steps, allowed; 0 means
	// DefaultMaxDelaySteps. The history buffer holds only as many steps as
	// the longest delay given needs.
	MaxDelaySteps int
}

// DelayCoupling couples the nodes of rate models through a connectivity
// matrix with a conduction delay per pair: at every step it adds to
// target[i] the coupling term of its Kind, reading source values from a ring
// buffer of their history. Add it to a network before the models it reads
// and feeds: it then reads the state at the start of the step and its
// output is integrated in the same step. Before the first step the history
// is the source's value at that step.
type DelayCoupling struct {
	Source []float64    // variable read, one per source node (for instance RateFHN.X)
	Target []float64    // input written, one per target node (for instance RateFHN.InputX)
	W      []float64    // weights, len(Target)×len(Source) row-major: W[i*ns+j] from j to i
	Gain   float64      // multiplies the coupling
	Kind   CouplingKind // Diffusive or Additive

	delay  []int32   // per pair, in steps
	dt     float64   // step (ms) the delays were converted with; 0 without delays
	hist   []float64 // depth rows of len(Source)
	depth  int       // rows in the ring buffer: longest delay + 1
	head   int       // row holding the current step
	primed bool      // whether hist holds a history yet
}

// NewDelayCoupling couples source into target through w (len(target) ×
// len(source), row-major, w[i*len(source)+j] the weight from j to i).
func NewDelayCoupling(source, target, w []float64, s CouplingParams) (*DelayCoupling, error) {
	ns, nt := len(source), len(target)
	if ns == 0 || nt == 0 || len(w) != nt*ns {
		return nil, fmt.Errorf("%w: DelayCoupling of %d sources into %d targets needs %d weights, got %d", ErrSizeMismatch, ns, nt, nt*ns, len(w))
	}
	if s.Kind != Diffusive && s.Kind != Additive {
		return nil, fmt.Errorf("%w: DelayCoupling kind %d, want Diffusive or Additive", ErrRate, s.Kind)
	}
	if s.Kind == Diffusive && ns != nt {
		return nil, fmt.Errorf("%w: diffusive DelayCoupling needs as many sources as targets, got %d and %d", ErrSizeMismatch, ns, nt)
	}
	if s.Delays != nil && len(s.Delays) != len(w) {
		return nil, fmt.Errorf("%w: DelayCoupling has %d delays for %d pairs", ErrSizeMismatch, len(s.Delays), len(w))
	}
	dt := chanDefault(s.DT, bp.DefaultDT)
	maxSteps := s.MaxDelaySteps
	if maxSteps == 0 {
		maxSteps = DefaultMaxDelaySteps
	}
	if !(dt > 0) || maxSteps < 0 {
		return nil, fmt.Errorf("%w: DelayCoupling DT %g ms and MaxDelaySteps %d must be positive", ErrDelay, dt, maxSteps)
	}
	c := &DelayCoupling{Source: source, Target: target, W: w, Gain: chanDefault(s.Gain, 1), Kind: s.Kind, delay: make([]int32, len(w))}
	longest := 0
	for k, d := range s.Delays {
		steps := math.Round(d / dt)
		if !(d >= 0) || math.IsInf(d, 0) || steps > float64(maxSteps) {
			return nil, fmt.Errorf("%w: DelayCoupling delay %g ms from %d to %d is %g steps of %g ms; the buffer allows 0 to %d steps",
				ErrDelay, d, k%ns, k/ns, steps, dt, maxSteps)
		}
		c.delay[k] = int32(steps)
		longest = max(longest, int(steps))
	}
	if longest > 0 {
		c.dt = dt
	}
	c.depth = longest + 1
	c.hist = make([]float64, c.depth*ns)
	return c, nil
}

// CheckDT returns an error wrapping ErrDelay, naming both steps, when the
// delays were converted to steps of another DT (CouplingParams.DT) than
// dt: they would otherwise be wrong by their ratio. bp.Runner calls it
// before the first step.
func (c *DelayCoupling) CheckDT(dt float64) error {
	if !stepDiffers(c.dt, dt) {
		return nil
	}
	return fmt.Errorf("%w: DelayCoupling delays were converted to steps of DT = %g ms, but the run steps by dt = %g ms; set CouplingParams.DT to the run's dt",
		ErrDelay, c.dt, dt)
}

// Update records the source and adds the coupling into the target. It
// panics with CheckDT's error when ctx steps by another dt than the delays
// were converted with, the guard for loops that call Update without a
// bp.Runner; a nil ctx skips the check.
func (c *DelayCoupling) Update(ctx *bp.Context) {
	if ctx != nil && stepDiffers(c.dt, ctx.DT) {
		panic(c.CheckDT(ctx.DT))
	}
	ns := len(c.Source)
	if !c.primed {
		for r := range c.depth {
			copy(c.hist[r*ns:(r+1)*ns], c.Source)
		}
		c.primed = true
	}
	c.head++
	if c.head == c.depth {
		c.head = 0
	}
	copy(c.hist[c.head*ns:(c.head+1)*ns], c.Source)
	for i := range c.Target {
		row, delays := c.W[i*ns:(i+1)*ns], c.delay[i*ns:(i+1)*ns]
		var acc, wsum float64
		for j, w := range row {
			if w == 0 {
				continue
			}
			r := c.head - int(delays[j])
			if r < 0 {
				r += c.depth
			}
			acc += w * c.hist[r*ns+j]
			wsum += w
		}
		if c.Kind == Diffusive {
			acc -= wsum * c.Source[i]
		}
		c.Target[i] += c.Gain * acc
	}
}

// Reset forgets the history; the next step starts a new one.
func (c *DelayCoupling) Reset(uint64) {
	c.primed = false
	c.head = 0
}

// Vars returns the history buffer as "history" (depth rows of the source,
// in ring order), so that monitors and bp.Save can reach it.
func (c *DelayCoupling) Vars() []bp.Var { return []bp.Var{{Name: "history", Data: c.hist}} }

// MarshalState encodes the ring position and whether a history has been
// recorded, for bp.Save (the history itself is a Var).
func (c *DelayCoupling) MarshalState() ([]byte, error) {
	b := binary.LittleEndian.AppendUint64(nil, uint64(c.head))
	if c.primed {
		return append(b, 1), nil
	}
	return append(b, 0), nil
}

// UnmarshalState restores what MarshalState encoded.
func (c *DelayCoupling) UnmarshalState(data []byte) error {
	if len(data) != 9 {
		return fmt.Errorf("%w: saved coupling state has %d bytes, want 9", ErrDelay, len(data))
	}
	head := binary.LittleEndian.Uint64(data)
	if head >= uint64(c.depth) {
		return fmt.Errorf("%w: saved ring position %d is beyond the %d-row history", ErrDelay, head, c.depth)
	}
	c.head, c.primed = int(head), data[8] != 0
	return nil
}
