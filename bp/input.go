package bp

import (
	"fmt"
	"math"
)

// Op is how an [Input] combines its value with the variable it targets.
type Op int

// The operations of an Input; OpAdd, the zero value, adds into the target.
const (
	OpAdd Op = iota // x += v
	OpSet           // x = v
	OpSub           // x -= v
	OpMul           // x *= v
	OpDiv           // x /= v
)

// String returns the operation as its operator ("+", "=", "-", "*", "/").
func (op Op) String() string {
	switch op {
	case OpAdd:
		return "+"
	case OpSet:
		return "="
	case OpSub:
		return "-"
	case OpMul:
		return "*"
	case OpDiv:
		return "/"
	}
	return fmt.Sprintf("Op(%d)", int(op))
}

// InputName is the name of the variable that receives external input in a
// neuron group; an Input whose Target is a model (not a variable) goes there.
const InputName = "Input"

// Input drives a variable during a run: before every step, the runner
// combines a value with the target variable (by default it adds the value to
// it). The value is Value, or Series[step] where step counts the runner's
// steps from its start time, or Func(t) with t the time at the start of the
// step; the first of Series and Func that is set wins. Values gives each
// element its own constant instead (and cannot be combined with Series or
// Func).
type Input struct {
	// Target is the path of a variable ("E.Input", "V"), or the path of a
	// model whose variable named Input receives the value ("E"; "" is the
	// model run).
	Target string
	Value  float64                 // constant value, used when Series and Func are nil
	Series []float64               // one value per step from the runner's start time
	Func   func(t float64) float64 // value at the start time t of the step
	Op     Op                      // how the value combines with the target (default OpAdd)
	// Index lists the elements that receive the input; nil means all.
	Index []int
	// Values, when set, are constant values, one per element receiving the
	// input (per entry of Index, or per element of the target when Index
	// is nil), used instead of Value.
	Values []float64
}

// ConstInput adds v into target at every step.
func ConstInput(target string, v float64) Input { return Input{Target: target, Value: v} }

// ConstInputs adds values[i] into element i of target at every step: a
// different constant current for each neuron of a group (values has one
// entry per element of the target).
func ConstInputs(target string, values []float64) Input { return Input{Target: target, Values: values} }

// SeriesInput adds series[step] into target at every step; series holds one
// value per step counted from the runner's start time (the output of the
// input builders in bp/dyn).
func SeriesInput(target string, series []float64) Input {
	return Input{Target: target, Series: series}
}

// FuncInput adds f(t) into target at every step, t the time at the start of
// the step.
func FuncInput(target string, f func(t float64) float64) Input {
	return Input{Target: target, Func: f}
}

// boundInput is an Input resolved to its variable before the step loop.
type boundInput struct {
	name   string
	data   []float64
	index  []int
	op     Op
	value  float64
	series []float64
	fn     func(float64) float64
	values []float64 // per element of index (or of data), or nil
}

func bindInput(root Model, vars map[string][]float64, in Input) (boundInput, error) {
	name := in.Target
	data, ok := vars[name]
	if !ok {
		name = JoinPath(in.Target, InputName)
		data, ok = vars[name]
	}
	if !ok {
		return boundInput{}, fmt.Errorf("bp: input target %q: %w: no such variable (nor %q); known variables: %s",
			in.Target, ErrUnknownName, name, knownNames(root))
	}
	if in.Op < OpAdd || in.Op > OpDiv {
		return boundInput{}, fmt.Errorf("bp: input %s: unknown operation %v (allowed: OpAdd, OpSet, OpSub, OpMul, OpDiv)", name, in.Op)
	}
	if err := checkIndex(in.Index, len(data)); err != nil {
		return boundInput{}, fmt.Errorf("bp: input %s: %w", name, err)
	}
	if in.Values != nil {
		if err := checkValues(in, len(data)); err != nil {
			return boundInput{}, fmt.Errorf("bp: input %s: %w", name, err)
		}
	} else if in.Series == nil && in.Func == nil && (math.IsNaN(in.Value) || math.IsInf(in.Value, 0)) {
		return boundInput{}, fmt.Errorf("bp: input %s: value %v is not finite", name, in.Value)
	}
	return boundInput{name: name, data: data, index: in.Index, op: in.Op, value: in.Value, series: in.Series, fn: in.Func, values: in.Values}, nil
}

// checkValues checks the per-element values of in, whose target has n
// elements.
func checkValues(in Input, n int) error {
	if in.Series != nil || in.Func != nil {
		return fmt.Errorf("Values cannot be combined with Series or Func (set one of them)")
	}
	want, of := n, "the target's elements"
	if in.Index != nil {
		want, of = len(in.Index), "the entries of Index"
	}
	if len(in.Values) != want {
		return fmt.Errorf("%d Values for %d receiving elements; give one per element of %s", len(in.Values), want, of)
	}
	for k, v := range in.Values {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return fmt.Errorf("Values[%d] = %v is not finite", k, v)
		}
	}
	return nil
}

// checkSteps checks that a series input covers the steps [0, end).
func (b *boundInput) checkSteps(end int64, dt float64) error {
	if b.series != nil && int64(len(b.series)) < end {
		return fmt.Errorf("bp: input %s: the series has %d values (%g ms at dt %g) but the run needs %d (through t = %g ms)",
			b.name, len(b.series), float64(len(b.series))*dt, dt, end, float64(end)*dt)
	}
	return nil
}

func (b *boundInput) apply(step int64, t float64) {
	if b.values != nil {
		b.applyValues()
		return
	}
	v := b.value
	switch {
	case b.series != nil:
		v = b.series[step]
	case b.fn != nil:
		v = b.fn(t)
	}
	if b.index == nil {
		for i := range b.data {
			b.data[i] = b.op.apply(b.data[i], v)
		}
		return
	}
	for _, i := range b.index {
		b.data[i] = b.op.apply(b.data[i], v)
	}
}

// applyValues combines each element's own value with it.
func (b *boundInput) applyValues() {
	if b.index == nil {
		data := b.data[:len(b.values)]
		for i, v := range b.values {
			data[i] = b.op.apply(data[i], v)
		}
		return
	}
	for j, i := range b.index {
		b.data[i] = b.op.apply(b.data[i], b.values[j])
	}
}

func (op Op) apply(x, v float64) float64 {
	switch op {
	case OpSet:
		return v
	case OpSub:
		return x - v
	case OpMul:
		return x * v
	case OpDiv:
		return x / v
	}
	return x + v
}

// checkIndex checks that every index lies in [0, n).
func checkIndex(index []int, n int) error {
	for _, i := range index {
		if i < 0 || i >= n {
			return fmt.Errorf("index %d out of range [0, %d)", i, n)
		}
	}
	return nil
}
