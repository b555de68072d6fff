package bp

import (
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// PathSep separates the names in a path to a model or variable ("E.V").
const PathSep = "."

// SpikeName is the last element of the path of a spiking group's spikes
// ("E.spike"), as in BrainPy's monitors.
const SpikeName = "spike"

// ErrUnknownName is returned (wrapped) when a path names no model or variable.
var ErrUnknownName = errors.New("unknown name")

// JoinPath joins a parent path and a name; an empty parent path gives name.
func JoinPath(parent, name string) string {
	if parent == "" {
		return name
	}
	return parent + PathSep + name
}

// Walk calls fn for m and every model below it, depth first, children in
// update order, with each model's path ("" for m itself, "E" for its child
// named E, "E.0" for the first child of E if E's children have no names).
func Walk(m Model, fn func(path string, m Model)) {
	walk(m, "", fn)
}

func walk(m Model, path string, fn func(string, Model)) {
	fn(path, m)
	p, ok := m.(Parent)
	if !ok {
		return
	}
	children := p.Children()
	var names []string
	if np, ok := m.(NamedParent); ok {
		names = np.ChildNames()
	}
	for i, c := range children {
		walk(c, JoinPath(path, childName(names, i)), fn)
	}
}

func childName(names []string, i int) string {
	if i < len(names) && names[i] != "" {
		return names[i]
	}
	return strconv.Itoa(i)
}

// Vars returns every variable of m and of the models below it, with its path
// as its name ("V" for m's own V, "E.V" for the V of its child E). The Data
// slices are the models' own: writing to them changes the models.
func Vars(m Model) []Var {
	var out []Var
	Walk(m, func(path string, m Model) {
		if h, ok := m.(VarHolder); ok {
			for _, v := range h.Vars() {
				out = append(out, Var{Name: JoinPath(path, v.Name), Data: v.Data})
			}
		}
	})
	return out
}

// NamedSpikes is the spike vector of a spiking group with its path
// ("E.spike").
type NamedSpikes struct {
	Name   string // path + ".spike"
	Spikes []bool // the group's own spike vector
}

// AllSpikes returns the spike vectors of m and of every spiking model below
// it, named by path + ".spike".
func AllSpikes(m Model) []NamedSpikes {
	var out []NamedSpikes
	Walk(m, func(path string, m Model) {
		if s, ok := m.(Spiker); ok {
			out = append(out, NamedSpikes{Name: JoinPath(path, SpikeName), Spikes: s.Spikes()})
		}
	})
	return out
}

// Find returns the model at path below root ("" is root itself).
func Find(root Model, path string) (Model, error) {
	var found Model
	var known []string
	Walk(root, func(p string, m Model) {
		if p == path && found == nil {
			found = m
		}
		known = append(known, strconv.Quote(p))
	})
	if found == nil {
		return nil, fmt.Errorf("bp: %w: no model at path %q; known paths: %s", ErrUnknownName, path, strings.Join(known, ", "))
	}
	return found, nil
}

// FindVar returns the variable at path below root ("E.V").
func FindVar(root Model, path string) (Var, error) {
	vars := Vars(root)
	for _, v := range vars {
		if v.Name == path {
			return v, nil
		}
	}
	return Var{}, fmt.Errorf("bp: %w: no variable %q; known variables: %s", ErrUnknownName, path, knownNames(root))
}

// knownNames lists the variable and spike names below root, for error
// messages.
func knownNames(root Model) string {
	var names []string
	for _, v := range Vars(root) {
		names = append(names, v.Name)
	}
	for _, s := range AllSpikes(root) {
		names = append(names, s.Name)
	}
	sort.Strings(names)
	if len(names) == 0 {
		return "(none)"
	}
	return strings.Join(names, ", ")
}

// CheckDT calls CheckDT on m and on every model below it that is a
// DTChecker, and returns the first error, with the path of the model.
func CheckDT(m Model, dt float64) error {
	var first error
	Walk(m, func(path string, m Model) {
		if c, ok := m.(DTChecker); ok && first == nil {
			if err := c.CheckDT(dt); err != nil {
				first = fmt.Errorf("model %q: %w", path, err)
			}
		}
	})
	return first
}

// Reset restores the initial state of m and of every model below it. A model
// that is a Resetter resets its whole subtree; the children of a Parent that
// is not one are reset one by one. A non-zero seed is passed on, mixed with
// the child's index so that siblings draw different numbers; zero keeps
// every model's own seed.
func Reset(m Model, seed uint64) {
	if r, ok := m.(Resetter); ok {
		r.Reset(seed)
		return
	}
	if p, ok := m.(Parent); ok {
		resetChildren(p.Children(), seed)
	}
}

func resetChildren(children []Model, seed uint64) {
	for i, c := range children {
		Reset(c, ChildSeed(seed, i))
	}
}

// ChildSeed derives the seed of the i-th child from its parent's seed
// (SplitMix64 of the pair). Zero stays zero: "keep your own seed".
func ChildSeed(seed uint64, i int) uint64 {
	if seed == 0 {
		return 0
	}
	z := seed + uint64(i+1)*0x9e3779b97f4a7c15
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	z ^= z >> 31
	if z == 0 {
		z = 1
	}
	return z
}

// ClearInputs clears the inputs of m and of every model below it. A model
// that is an InputClearer clears its whole subtree; the children of a Parent
// that is not one are cleared one by one.
func ClearInputs(m Model) {
	for _, c := range inputClearers(m, nil) {
		c.ClearInputs()
	}
}

// inputClearers appends to dst the InputClearers that clear m's subtree, so
// that a step loop can call them without walking the tree.
func inputClearers(m Model, dst []InputClearer) []InputClearer {
	if c, ok := m.(InputClearer); ok {
		return append(dst, c)
	}
	if p, ok := m.(Parent); ok {
		for _, c := range p.Children() {
			dst = inputClearers(c, dst)
		}
	}
	return dst
}
