package bp

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"strings"
)

// ErrStateMismatch is returned (wrapped) by Load when the saved state does
// not fit the model: a missing or extra name, or a size that differs.
var ErrStateMismatch = errors.New("saved state does not match the model")

// stateMagic starts every state file; the last byte is the format version.
const stateMagic = "BRAINGO-STATE\x01"

// The kinds of entries in a state file.
const (
	kindVar    byte = 'v' // a Var: float64 values
	kindSpikes byte = 's' // a Spiker's spikes: one byte per element
	kindRandom byte = 'r' // a RandomStater's generator state
	kindState  byte = 'x' // a StateMarshaler's state
)

// stateEntry is one piece of saved state.
type stateEntry struct {
	kind byte
	name string
	vals []float64 // kindVar
	data []byte    // other kinds
	// set writes the entry back into the model (kinds other than kindVar).
	set func([]byte) error
	// spikes is the live slice of a kindSpikes entry.
	spikes []bool
}

func (e *stateEntry) size() int {
	if e.kind == kindVar {
		return len(e.vals)
	}
	return len(e.data)
}

// stateOf collects the state of m and of every model below it: all Vars, the
// spikes of every Spiker, the random state of every RandomStater and the
// extra state of every StateMarshaler. For kindVar entries vals is the live
// slice.
func stateOf(m Model) ([]stateEntry, error) {
	var out []stateEntry
	var err error
	for _, v := range Vars(m) {
		out = append(out, stateEntry{kind: kindVar, name: v.Name, vals: v.Data})
	}
	for _, s := range AllSpikes(m) {
		b := make([]byte, len(s.Spikes))
		for i, x := range s.Spikes {
			if x {
				b[i] = 1
			}
		}
		out = append(out, stateEntry{kind: kindSpikes, name: s.Name, data: b, spikes: s.Spikes})
	}
	Walk(m, func(path string, m Model) {
		if err != nil {
			return
		}
		if rs, ok := m.(RandomStater); ok {
			if g := rs.RandomState(); g != nil {
				var b []byte
				if b, err = g.MarshalBinary(); err != nil {
					err = fmt.Errorf("bp: random state of %q: %w", path, err)
					return
				}
				out = append(out, stateEntry{kind: kindRandom, name: path, data: b, set: g.UnmarshalBinary})
			}
		}
		if sm, ok := m.(StateMarshaler); ok {
			var b []byte
			if b, err = sm.MarshalState(); err != nil {
				err = fmt.Errorf("bp: state of %q: %w", path, err)
				return
			}
			out = append(out, stateEntry{kind: kindState, name: path, data: b, set: sm.UnmarshalState})
		}
	})
	return out, err
}

// Save writes the full state of m (every variable, the spikes of the last
// step, random generator states and extra model state, for m and every model
// below it) to w. Load restores it into a model of the same structure.
func Save(w io.Writer, m Model) error {
	entries, err := stateOf(m)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(w)
	bw.WriteString(stateMagic)
	writeUint(bw, uint64(len(entries)))
	var buf [8]byte
	for _, e := range entries {
		bw.WriteByte(e.kind)
		writeUint(bw, uint64(len(e.name)))
		bw.WriteString(e.name)
		writeUint(bw, uint64(e.size()))
		if e.kind == kindVar {
			for _, x := range e.vals {
				binary.LittleEndian.PutUint64(buf[:], math.Float64bits(x))
				bw.Write(buf[:])
			}
		} else {
			bw.Write(e.data)
		}
	}
	return bw.Flush() // bufio.Writer keeps the first write error
}

func writeUint(w *bufio.Writer, x uint64) {
	var buf [8]byte
	binary.LittleEndian.PutUint64(buf[:], x)
	w.Write(buf[:])
}

// Load reads a state written by Save into m. It reads and checks the whole
// state before changing anything: every name in m must be in the state and
// the other way round, with the same sizes; otherwise it returns an error
// wrapping ErrStateMismatch that lists the differences, and m is unchanged
// (except for random and extra state, which models restore themselves and
// may reject).
func Load(r io.Reader, m Model) error {
	saved, err := readState(bufio.NewReader(r))
	if err != nil {
		return err
	}
	live, err := stateOf(m)
	if err != nil {
		return err
	}
	type key struct {
		kind byte
		name string
	}
	byKey := make(map[key]*stateEntry, len(saved))
	for i := range saved {
		byKey[key{saved[i].kind, saved[i].name}] = &saved[i]
	}
	var problems []string
	seen := make(map[key]bool, len(live))
	for _, e := range live {
		k := key{e.kind, e.name}
		seen[k] = true
		s, ok := byKey[k]
		switch {
		case !ok:
			problems = append(problems, fmt.Sprintf("%s %q is not in the saved state", kindName(e.kind), e.name))
		case s.size() != e.size():
			problems = append(problems, fmt.Sprintf("%s %q has %d elements in the model and %d in the saved state",
				kindName(e.kind), e.name, e.size(), s.size()))
		}
	}
	for _, s := range saved {
		if !seen[key{s.kind, s.name}] {
			problems = append(problems, fmt.Sprintf("%s %q in the saved state is not in the model", kindName(s.kind), s.name))
		}
	}
	if len(problems) > 0 {
		return fmt.Errorf("bp: Load: %w:\n  %s", ErrStateMismatch, strings.Join(problems, "\n  "))
	}
	for _, e := range live {
		s := byKey[key{e.kind, e.name}]
		switch e.kind {
		case kindVar:
			copy(e.vals, s.vals)
		case kindSpikes:
			for i, b := range s.data {
				e.spikes[i] = b != 0
			}
		default:
			if err := e.set(s.data); err != nil {
				return fmt.Errorf("bp: Load: %s %q: %w", kindName(e.kind), e.name, err)
			}
		}
	}
	return nil
}

func kindName(k byte) string {
	switch k {
	case kindVar:
		return "variable"
	case kindSpikes:
		return "spikes"
	case kindRandom:
		return "random state of"
	}
	return "state of"
}

// maxStateLen bounds the lengths read from a state file, so that a corrupt
// file gives an error rather than a huge allocation.
const maxStateLen = 1 << 34

func readState(r *bufio.Reader) ([]stateEntry, error) {
	magic := make([]byte, len(stateMagic))
	if _, err := io.ReadFull(r, magic); err != nil || string(magic) != stateMagic {
		return nil, fmt.Errorf("bp: Load: not a BrainGo state (format %q)", strings.TrimRight(stateMagic, "\x01"))
	}
	fail := func(err error) ([]stateEntry, error) {
		return nil, fmt.Errorf("bp: Load: truncated or corrupt state: %w", err)
	}
	n, err := readUint(r)
	if err != nil {
		return fail(err)
	}
	var out []stateEntry
	for range n {
		var e stateEntry
		if e.kind, err = r.ReadByte(); err != nil {
			return fail(err)
		}
		name, err := readBytes(r, 1)
		if err != nil {
			return fail(err)
		}
		e.name = string(name)
		if e.kind == kindVar {
			raw, err := readBytes(r, 8)
			if err != nil {
				return fail(err)
			}
			e.vals = make([]float64, len(raw)/8)
			for i := range e.vals {
				e.vals[i] = math.Float64frombits(binary.LittleEndian.Uint64(raw[8*i:]))
			}
		} else if e.data, err = readBytes(r, 1); err != nil {
			return fail(err)
		}
		out = append(out, e)
	}
	return out, nil
}

func readUint(r io.Reader) (uint64, error) {
	var buf [8]byte
	if _, err := io.ReadFull(r, buf[:]); err != nil {
		return 0, err
	}
	return binary.LittleEndian.Uint64(buf[:]), nil
}

// readBytes reads a length (in units of unit bytes) and then the bytes.
func readBytes(r io.Reader, unit uint64) ([]byte, error) {
	n, err := readUint(r)
	if err != nil {
		return nil, err
	}
	if n > maxStateLen/unit {
		return nil, fmt.Errorf("length %d too large", n)
	}
	b := make([]byte, n*unit)
	_, err = io.ReadFull(r, b)
	return b, err
}

// SaveFile writes the state of m to the named file (see Save).
func SaveFile(path string, m Model) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := Save(f, m); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// LoadFile reads the state of m from the named file (see Load).
func LoadFile(path string, m Model) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	return Load(f, m)
}
