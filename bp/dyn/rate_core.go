package dyn

import (
	"errors"
	"fmt"
	"math"
	"slices"

	"github.com/braingo/braingo/bp"
	"github.com/braingo/braingo/bp/integrate"
)

// ErrRate is wrapped by the errors of the rate-model constructors.
var ErrRate = errors.New("dyn: bad rate model")

// DefaultRateMethod is the integrator rate models use when their settings
// name none: exponential Euler, as BrainPy's exp_auto.
const DefaultRateMethod = "exp_euler"

// rateNodes is the state every rate model shares: its variables, stored as
// one contiguous block of n nodes per variable (struct of arrays) inside a
// single slice that a bp/integrate stepper advances, the external inputs of
// the current step, and the state Reset returns to.
type rateNodes struct {
	n       int
	state   []float64   // nvar blocks of n
	init    []float64   // state Reset restores
	inputs  [][]float64 // one slice per input, cleared after each step
	names   []string    // variable names, one per block
	inNames []string    // input names
	step    integrate.Stepper
}

// newRateNodes allocates n nodes of the named variables, set to init (one
// value per variable; nil means zeros), with the named inputs, and builds
// the stepper for f with the given method (default DefaultRateMethod).
// Without opts, exp_euler estimates the Jacobian diagonal one variable
// block at a time, which is exact when the nodes of a block do not depend
// on each other during a step (coupling enters through the inputs).
func newRateNodes(model string, n int, vars, inputs []string, init []float64, method string, f integrate.Func, opts ...integrate.Option) (rateNodes, error) {
	r, err := allocRateNodes(model, n, vars, inputs, init)
	if err != nil {
		return rateNodes{}, err
	}
	if method == "" {
		method = DefaultRateMethod
	}
	if opts == nil {
		blocks := make([]int, len(vars))
		for k := range blocks {
			blocks[k] = n
		}
		opts = []integrate.Option{integrate.WithBlocks(blocks...)}
	}
	if r.step, err = integrate.NewODE(method, f, len(r.state), opts...); err != nil {
		return rateNodes{}, fmt.Errorf("%s: %w", model, err)
	}
	return r, nil
}

// allocRateNodes allocates the state and inputs of newRateNodes, leaving
// the stepper to the caller.
func allocRateNodes(model string, n int, vars, inputs []string, init []float64) (rateNodes, error) {
	if n <= 0 {
		return rateNodes{}, fmt.Errorf("%w: %s size %d, need at least 1 node", ErrRate, model, n)
	}
	r := rateNodes{n: n, state: make([]float64, n*len(vars)), init: make([]float64, n*len(vars)), names: vars, inNames: inputs}
	for range inputs {
		r.inputs = append(r.inputs, make([]float64, n))
	}
	for k, x := range init {
		for i := k * n; i < (k+1)*n; i++ {
			r.state[i], r.init[i] = x, x
		}
	}
	return r, nil
}

// block returns variable k, one entry per node.
func (r *rateNodes) block(k int) []float64 { return r.state[k*r.n : (k+1)*r.n] }

// Size returns the number of nodes.
func (r *rateNodes) Size() int { return r.n }

// Vars returns the variables and the inputs, by name.
func (r *rateNodes) Vars() []bp.Var {
	vars := make([]bp.Var, 0, len(r.names)+len(r.inNames))
	for k, name := range r.names {
		vars = append(vars, bp.Var{Name: name, Data: r.block(k)})
	}
	for k, name := range r.inNames {
		vars = append(vars, bp.Var{Name: name, Data: r.inputs[k]})
	}
	return vars
}

// Update advances every node by one step of ctx.DT with the inputs held.
func (r *rateNodes) Update(ctx *bp.Context) { r.step.Step(r.state, ctx.T, ctx.DT) }

// ClearInputs zeroes the inputs after a step.
func (r *rateNodes) ClearInputs() {
	for _, in := range r.inputs {
		clear(in)
	}
}

// Reset restores the initial state (the settings' initial values, or what
// SetInitial recorded) and clears the inputs. Rate models have no random
// state, so the seed is ignored.
func (r *rateNodes) Reset(uint64) {
	copy(r.state, r.init)
	r.ClearInputs()
}

// SetInitial records the current state as the one Reset restores.
func (r *rateNodes) SetInitial() { copy(r.init, r.state) }

// oneNode returns a one-node rateNodes with r's variable and input names,
// for the private copy of a model that Equations evaluates.
func (r *rateNodes) oneNode() rateNodes {
	o := rateNodes{n: 1, names: r.names, inNames: r.inNames}
	for range r.inNames {
		o.inputs = append(o.inputs, make([]float64, 1))
	}
	return o
}

// equations builds the Equations of a rate model from a one-node copy of
// it: r is the copy's rateNodes (see oneNode), fields the parameters to
// expose (pointers into the copy, by Go name) and deriv the copy's
// derivative. The parameters are the fields and the inputs by their names
// (at 0); f sets them from p and evaluates deriv at x.
func (r *rateNodes) equations(fields []param, deriv integrate.Func) (vars []string, params map[string]float64, f func(dst, x []float64, p map[string]float64)) {
	params, base := paramTable(fields)
	for _, name := range r.inNames {
		params[name] = 0
	}
	f = func(dst, x []float64, p map[string]float64) {
		setParams(fields, base, p)
		for k, name := range r.inNames {
			r.inputs[k][0] = p[name] // 0 when absent, as listed
		}
		deriv(dst, 0, x)
	}
	return slices.Clone(r.names), params, f
}

// rateParam is a parameter to check: finite, and > 0 when positive.
type rateParam struct {
	name     string
	v        float64
	positive bool
}

// checkRateParams reports the first parameter that is not finite, or not
// positive when it must be.
func checkRateParams(model string, ps ...rateParam) error {
	for _, p := range ps {
		if math.IsNaN(p.v) || math.IsInf(p.v, 0) || (p.positive && !(p.v > 0)) {
			want := "a finite value"
			if p.positive {
				want = "a finite positive value"
			}
			return fmt.Errorf("%w: %s %s = %g, need %s", ErrRate, model, p.name, p.v, want)
		}
	}
	return nil
}
