package dyn

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"

	"github.com/braingo/braingo/bp"
)

// ErrDelay is wrapped by the errors returned for a delay that is negative,
// not finite or longer than the buffer allows.
var ErrDelay = errors.New("dyn: bad delay")

// DefaultMaxDelaySteps is the longest delay, in steps, a projection accepts
// when its options do not set MaxDelaySteps (10 s at dt = 0.1 ms).
const DefaultMaxDelaySteps = 100000

// SpikeDelay is a ring buffer of spike vectors: pushing the spikes of a step
// returns the spikes pushed Steps steps earlier (no spikes before the first
// pushes). It holds Steps+1 vectors and allocates nothing after
// construction.
type SpikeDelay struct {
	n, steps int
	buf      []bool // (steps+1) vectors of n spikes
	head     int    // slot the next push writes
}

// NewSpikeDelay returns a delay of steps steps for n neurons. steps must be
// in [0, maxSteps].
func NewSpikeDelay(n, steps, maxSteps int) (*SpikeDelay, error) {
	if n < 0 {
		return nil, fmt.Errorf("%w: SpikeDelay for %d neurons", ErrSizeMismatch, n)
	}
	if steps < 0 || steps > maxSteps {
		return nil, fmt.Errorf("%w: %d steps; the buffer allows 0 to %d steps", ErrDelay, steps, maxSteps)
	}
	return &SpikeDelay{n: n, steps: steps, buf: make([]bool, n*(steps+1))}, nil
}

// Steps returns the delay in steps.
func (d *SpikeDelay) Steps() int { return d.steps }

// Push stores spikes (len n) and returns the spikes of Steps steps ago. With
// a zero delay it returns spikes itself. The returned slice is valid until
// the next Push.
func (d *SpikeDelay) Push(spikes []bool) []bool {
	if d.steps == 0 {
		return spikes
	}
	n := d.n
	copy(d.buf[d.head*n:(d.head+1)*n], spikes)
	d.head++
	if d.head > d.steps {
		d.head = 0
	}
	// The oldest slot, the one the next push overwrites, was written
	// steps pushes ago.
	return d.buf[d.head*n : (d.head+1)*n]
}

// Reset forgets every stored spike.
func (d *SpikeDelay) Reset() { clear(d.buf); d.head = 0 }

// MarshalState encodes the spikes in flight and the ring position, for
// bp.Save.
func (d *SpikeDelay) MarshalState() ([]byte, error) {
	b := binary.LittleEndian.AppendUint64(nil, uint64(d.head))
	for _, s := range d.buf {
		if s {
			b = append(b, 1)
		} else {
			b = append(b, 0)
		}
	}
	return b, nil
}

// UnmarshalState restores what MarshalState encoded; the delay must have
// the same size.
func (d *SpikeDelay) UnmarshalState(data []byte) error {
	if len(data) != 8+len(d.buf) {
		return fmt.Errorf("%w: saved delay state has %d bytes, this %d-step delay of %d neurons needs %d",
			ErrDelay, len(data), d.steps, d.n, 8+len(d.buf))
	}
	head := binary.LittleEndian.Uint64(data)
	if head > uint64(d.steps) {
		return fmt.Errorf("%w: saved ring position %d is beyond %d steps", ErrDelay, head, d.steps)
	}
	d.head = int(head)
	for i, b := range data[8:] {
		d.buf[i] = b != 0
	}
	return nil
}

// delayState is a projection's delay: it gives the projection the state
// methods of its buffer, so that bp.Save and bp.Load carry the spikes in
// flight, and remembers the step a delay given in ms was converted with.
type delayState struct {
	delay *SpikeDelay
	dt    float64 // step (ms) Delay was converted with; 0 for a delay in steps
}

// CheckDT returns an error wrapping ErrDelay, naming both steps, when the
// delay was converted from ms with a step other than dt: the delay would
// otherwise be wrong by their ratio, silently. bp.Runner calls it before
// the first step.
func (p delayState) CheckDT(dt float64) error {
	if !stepDiffers(p.dt, dt) {
		return nil
	}
	return fmt.Errorf("%w: a projection's delay was converted from ms to %d steps of DT = %g ms, but the run steps by dt = %g ms; set DelayOptions.DT to the run's dt (or give DelaySteps)",
		ErrDelay, p.delay.Steps(), p.dt, dt)
}

// checkDT panics with CheckDT's error. It guards loops that call Update
// directly, without a bp.Runner (which reports the error before the first
// step instead); it is one comparison per step.
func (p delayState) checkDT(ctx *bp.Context) {
	if stepDiffers(p.dt, ctx.DT) {
		panic(p.CheckDT(ctx.DT))
	}
}

// stepDiffers reports whether dt is not the step built, the step a delay
// in ms was converted with (0: none, any dt will do).
func stepDiffers(built, dt float64) bool {
	return built != 0 && math.Abs(dt-built) > 1e-12*built
}

// MarshalState encodes the spikes in flight.
func (p delayState) MarshalState() ([]byte, error) { return p.delay.MarshalState() }

// UnmarshalState restores the spikes in flight.
func (p delayState) UnmarshalState(data []byte) error { return p.delay.UnmarshalState(data) }

// DelayOptions set the delay of a projection, in milliseconds or in steps
// (at most one of the two).
type DelayOptions struct {
	Delay         float64 // delay in ms, rounded to the nearest step of DT
	DelaySteps    int     // delay in steps
	DT            float64 // step (ms) used to convert Delay; default bp.DefaultDT; it must be the dt you run with (bp.NewRunner returns an error otherwise)
	MaxDelaySteps int     // longest delay allowed; default DefaultMaxDelaySteps
}

// newDelay returns the delay of n presynaptic neurons the options
// describe.
func (o DelayOptions) newDelay(n int) (delayState, error) {
	steps, max, err := o.steps()
	if err != nil {
		return delayState{}, err
	}
	d, err := NewSpikeDelay(n, steps, max)
	if err != nil {
		return delayState{}, err
	}
	s := delayState{delay: d}
	if o.Delay != 0 {
		s.dt = o.DT
		if s.dt == 0 {
			s.dt = bp.DefaultDT
		}
	}
	return s, nil
}

// steps converts the options to a number of steps and checks it.
func (o DelayOptions) steps() (steps, max int, err error) {
	max = o.MaxDelaySteps
	if max == 0 {
		max = DefaultMaxDelaySteps
	}
	if o.Delay != 0 && o.DelaySteps != 0 {
		return 0, 0, fmt.Errorf("%w: both Delay (%v ms) and DelaySteps (%d) are set; set one", ErrDelay, o.Delay, o.DelaySteps)
	}
	steps = o.DelaySteps
	if o.Delay != 0 {
		dt := o.DT
		if dt == 0 {
			dt = bp.DefaultDT
		}
		if !(dt > 0) || math.IsInf(dt, 0) {
			return 0, 0, fmt.Errorf("%w: DT = %v ms, want a positive step", ErrDelay, o.DT)
		}
		if !(o.Delay >= 0) || math.IsInf(o.Delay, 0) {
			return 0, 0, fmt.Errorf("%w: Delay = %v ms, want a finite non-negative time", ErrDelay, o.Delay)
		}
		s := math.Round(o.Delay / dt)
		if s > float64(max) {
			return 0, 0, fmt.Errorf("%w: Delay %v ms is %v steps of %v ms; the buffer allows at most %d steps", ErrDelay, o.Delay, s, dt, max)
		}
		steps = int(s)
	}
	return steps, max, nil
}
