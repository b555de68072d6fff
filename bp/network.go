package bp

import (
	"errors"
	"fmt"
	"strings"
)

// Network is a group of named models updated in the order they were added
// (BrainPy's DynSysGroup). After all children have been updated it clears the
// inputs they accumulated during the step, so a Network is a complete step of
// a simulation: run it in a loop, or hand it to a [Runner].
//
// Children are addressed by name in paths: the variable V of the child
// added as "E" is "E.V", and a Network added as "cortex" into another one
// makes "cortex.E.V".
type Network struct {
	names    []string
	children []Model
	// clearers clears the children's inputs after a step, resolved once per
	// Add so that Update does not walk the tree. Child Networks clear
	// themselves at the end of their own Update and are not in it.
	clearers []InputClearer
	// keepers[i] is child i as an InputKeeper (nil if it is not one), and
	// hinted the clearers that take the hint of UntouchedClearer, each with
	// the first child that must keep inputs for it: resolved once per Add,
	// so that a step makes no type assertions.
	keepers []InputKeeper
	hinted  []hintedClearer
	// barrierAfter[i] says whether the goroutines of a split step wait for
	// each other after child i (planParts).
	barrierAfter []bool
}

// ErrBadName is returned (wrapped) by Network.Add for an empty, duplicate or
// malformed child name.
var ErrBadName = errors.New("bad child name")

// NewNetwork returns an empty network.
func NewNetwork() *Network { return &Network{} }

// Add appends a child named name; it is updated after the children added
// before it. The name must be non-empty, unique in the network and must not
// contain the path separator ".".
func (n *Network) Add(name string, m Model) error {
	switch {
	case m == nil:
		return fmt.Errorf("bp: Network.Add(%q): nil model", name)
	case name == "":
		return fmt.Errorf("bp: Network.Add: %w: empty name", ErrBadName)
	case strings.Contains(name, PathSep):
		return fmt.Errorf("bp: Network.Add(%q): %w: a name must not contain %q", name, ErrBadName, PathSep)
	case name == SpikeName:
		return fmt.Errorf("bp: Network.Add(%q): %w: %q is reserved for spike monitors", name, ErrBadName, SpikeName)
	}
	if m == Model(n) {
		return fmt.Errorf("bp: Network.Add(%q): a network cannot contain itself", name)
	}
	for _, have := range n.names {
		if have == name {
			return fmt.Errorf("bp: Network.Add(%q): %w: the network already has a child with this name", name, ErrBadName)
		}
	}
	n.names = append(n.names, name)
	n.children = append(n.children, m)
	k, _ := m.(InputKeeper)
	n.keepers = append(n.keepers, k)
	if _, isNet := m.(*Network); !isNet {
		before := len(n.clearers)
		n.clearers = inputClearers(m, n.clearers)
		// The children after m must keep inputs; if the clearer is inside
		// m (a composite), m too: its own update may write after the
		// clearer's.
		from := len(n.children)
		if _, self := m.(InputClearer); !self { // else it is its only clearer (inputClearers)
			from--
		}
		for _, c := range n.clearers[before:] {
			if u, ok := c.(UntouchedClearer); ok {
				f, _ := c.(FreshClearer)
				n.hinted = append(n.hinted, hintedClearer{c: u, from: from, fresh: f, child: len(n.children) - 1})
			}
		}
	}
	return nil
}

// hintedClearer is an UntouchedClearer of a network, the index of the
// first child that must keep inputs for it to be told they are untouched,
// the clearer as a FreshClearer (or nil) and the child it belongs to.
type hintedClearer struct {
	c     UntouchedClearer
	from  int
	fresh FreshClearer
	child int
}

// KeepsInputs reports whether every child keeps inputs (InputKeeper).
func (n *Network) KeepsInputs() bool {
	for _, k := range n.keepers {
		if k == nil || !k.KeepsInputs() {
			return false
		}
	}
	return true
}

// Update updates the children in order, then clears their inputs.
func (n *Network) Update(ctx *Context) {
	n.tell(ctx)
	defer n.untell() // also when a child panics
	for _, c := range n.children {
		c.Update(ctx)
	}
	for _, c := range n.clearers {
		c.ClearInputs()
	}
}

// tell tells each UntouchedClearer, before a step, whether the children
// after its own keep inputs, and each FreshClearer whether its inputs are
// fresh (only when the runner says that ctx's step continues its run of
// this network); untell takes it all back after the step, so that a
// clearer used outside the network's steps relies on nothing. A clearer
// reached from several children is fresh only if it is for each of them.
// Every FreshClearer is told at every step, either way: on several
// workers untell runs only at the end of the run.
func (n *Network) tell(ctx *Context) {
	keptFrom := len(n.children) // the children from keptFrom on all keep inputs
	for keptFrom > 0 && n.keeps(keptFrom-1) {
		keptFrom--
	}
	for _, h := range n.hinted {
		h.c.InputsUntouched(h.from >= keptFrom)
	}
	keptTo := 0 // the children before keptTo all keep inputs
	if ctx.fresh != nil && ctx.fresh.net == n {
		for keptTo < len(n.children) && n.keeps(keptTo) {
			keptTo++
		}
	}
	for _, fresh := range []bool{true, false} { // the falses last: they win
		for _, h := range n.hinted {
			if h.fresh != nil && n.freshFor(ctx, h, keptTo) == fresh {
				h.fresh.InputsFresh(fresh)
			}
		}
	}
}

// freshFor reports whether h's inputs are fresh as a clearer of child
// h.child: it and the children before it keep inputs, and the runner's
// inputs write none of its memory. A child added after the runner was made
// is taken as written: the runner did not look at its variables.
func (n *Network) freshFor(ctx *Context, h hintedClearer, keptTo int) bool {
	if h.child >= keptTo {
		return false
	}
	w := ctx.fresh.written
	return h.child < len(w) && !w[h.child]
}

// keeps reports whether child i keeps inputs (InputKeeper).
func (n *Network) keeps(i int) bool {
	k := n.keepers[i]
	return k != nil && k.KeepsInputs()
}

// Children returns the children in update order.
func (n *Network) Children() []Model { return n.children }

// ChildNames returns the children's names, in update order.
func (n *Network) ChildNames() []string { return n.names }

// Child returns the child named name, or nil if there is none.
func (n *Network) Child(name string) Model {
	for i, have := range n.names {
		if have == name {
			return n.children[i]
		}
	}
	return nil
}

// ClearInputs clears the inputs of every model in the network.
func (n *Network) ClearInputs() {
	for _, c := range n.children {
		ClearInputs(c)
	}
}

// Reset resets every child (see [Reset] for how seeds are passed on).
func (n *Network) Reset(seed uint64) { resetChildren(n.children, seed) }

// untell tells every UntouchedClearer that its inputs may have been
// touched, and every FreshClearer that they may have been written (see
// tell).
func (n *Network) untell() {
	for _, h := range n.hinted {
		h.c.InputsUntouched(false)
		if h.fresh != nil {
			h.fresh.InputsFresh(false)
		}
	}
}
