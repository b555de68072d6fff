package bp

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"strconv"
)

// Monitor chooses what a [Runner] records. Set Var to record a variable
// ("V", "E.V") or a group's spikes ("E.spike"), or Func and Size to record
// values computed at each record.
//
// Records are taken after the update of a step and carry the time at the
// start of that step (BrainPy's runner.mon.ts convention): a spike in the
// step that starts at t is recorded at t.
type Monitor struct {
	// Var is the path of a variable, or of a spiking model followed by
	// ".spike".
	Var string
	// Name is the key of the record in the Result; it defaults to Var.
	Name string
	// Index lists the recorded elements (neurons); nil means all.
	Index []int
	// Every records one step in Every (the steps whose index is a multiple
	// of it); 0 means every step. Spike monitors record every step.
	Every int
	// Func, when set, computes Size values into dst at each record (Var is
	// then empty).
	Func func(t float64, dst []float64)
	Size int // number of values Func writes
	// Stream, when set, receives the records as CSV lines (the format of
	// WriteCSV) as they are taken, and the Result keeps none of them, so a
	// long run holds nothing in memory. Use a *os.File or any io.Writer; the
	// runner buffers and flushes it at the end of each Run.
	Stream io.Writer
}

// MonitorVar records the variable at path, for the given elements (all if
// none are given).
func MonitorVar(path string, index ...int) Monitor { return Monitor{Var: path, Index: index} }

// MonitorSpikes records the spikes of the spiking model at path ("E"; "" for
// the model run), as (time, index) pairs.
func MonitorSpikes(path string, index ...int) Monitor {
	return Monitor{Var: JoinPath(path, SpikeName), Index: index}
}

// MonitorFunc records size values computed by f(t, dst) at each record.
func MonitorFunc(name string, size int, f func(t float64, dst []float64)) Monitor {
	return Monitor{Name: name, Func: f, Size: size}
}

// Monitors records each of the given paths (variables or ".spike"s), every
// step and for all elements: the quick way, as BrainPy's monitors=['V'].
func Monitors(paths ...string) []Monitor {
	out := make([]Monitor, len(paths))
	for i, p := range paths {
		out[i] = Monitor{Var: p}
	}
	return out
}

// Trace is the record of a variable or function monitor.
type Trace struct {
	Name string // the monitor's name
	// Index are the recorded elements: column j of Values is element Index[j].
	Index []int
	// T are the times of the records (ms).
	T []float64
	// Values is time-major: Values[k][j] is element Index[j] at time T[k].
	// The rows share one backing array.
	Values [][]float64
}

// Series returns the record of column j (element Index[j]) as one slice over
// time, the shape a line chart wants.
func (tr *Trace) Series(j int) []float64 {
	out := make([]float64, len(tr.Values))
	for k, row := range tr.Values {
		out[k] = row[j]
	}
	return out
}

// WriteCSV writes a header line "t,<name>[<index>],..." and one line per
// record.
func (tr *Trace) WriteCSV(w io.Writer) error {
	bw := bufio.NewWriter(w)
	var line []byte
	line = appendTraceHeader(line[:0], tr.Name, tr.Index)
	if _, err := bw.Write(line); err != nil {
		return err
	}
	for k, row := range tr.Values {
		line = appendRow(line[:0], tr.T[k], row)
		if _, err := bw.Write(line); err != nil {
			return err
		}
	}
	return bw.Flush()
}

// SpikeTrain is the record of a spike monitor: spike k is element Index[k]
// at time T[k], in time order.
type SpikeTrain struct {
	Name string // the monitor's name
	// Size is the number of elements of the group.
	Size  int
	T     []float64 // spike times (ms), in order
	Index []int     // the element that spiked at T[k]
}

// WriteCSV writes a header line "t,index" and one line per spike.
func (st *SpikeTrain) WriteCSV(w io.Writer) error {
	bw := bufio.NewWriter(w)
	if _, err := bw.WriteString(spikeHeader); err != nil {
		return err
	}
	var line []byte
	for k, t := range st.T {
		line = appendSpike(line[:0], t, st.Index[k])
		if _, err := bw.Write(line); err != nil {
			return err
		}
	}
	return bw.Flush()
}

// Counts returns the number of spikes of each element.
func (st *SpikeTrain) Counts() []int {
	c := make([]int, st.Size)
	for _, i := range st.Index {
		c[i]++
	}
	return c
}

// Times returns the spike times of each element: Times()[i] lists, in
// order, the times (ms) at which element i spiked.
func (st *SpikeTrain) Times() [][]float64 {
	counts := st.Counts()
	out := make([][]float64, st.Size)
	for i, c := range counts {
		out[i] = make([]float64, 0, c)
	}
	for k, i := range st.Index {
		out[i] = append(out[i], st.T[k])
	}
	return out
}

// ISIs returns the inter-spike intervals (ms) of each element: ISIs()[i]
// holds the differences between successive spike times of element i (one
// fewer than its spikes; empty when it spiked less than twice).
func (st *SpikeTrain) ISIs() [][]float64 {
	times := st.Times()
	for i, ts := range times {
		for k := 1; k < len(ts); k++ {
			ts[k-1] = ts[k] - ts[k-1]
		}
		times[i] = ts[:max(len(ts)-1, 0)]
	}
	return times
}

// Rates returns the firing rate (Hz) of each element over the window
// [t0, t1) (ms): its number of spikes in the window divided by t1 − t0.
// Spike times lie on the step grid up to rounding, so a spike within 1e-9
// ms of a bound counts as on it. The count makes the rate of periodic
// firing uncertain by one spike per window; SteadyRates has no such
// error. dyn.FiringRate gives the population rate over time instead.
func (st *SpikeTrain) Rates(t0, t1 float64) ([]float64, error) {
	if err := st.checkWindow(t0, t1); err != nil {
		return nil, err
	}
	rates := make([]float64, st.Size)
	for k, t := range st.T {
		if inWindow(t, t0, t1) {
			rates[st.Index[k]]++
		}
	}
	for i := range rates {
		rates[i] *= 1000 / (t1 - t0)
	}
	return rates, nil
}

// SteadyRates returns the firing rate (Hz) of each element from its mean
// inter-spike interval in the window [t0, t1) (ms): with m ≥ 2 spikes in
// the window, first at t_a and last at t_b, 1000·(m − 1)/(t_b − t_a); 0
// with fewer. For a neuron firing periodically it is exactly 1000/ISI, the
// steady rate of an f–I curve: start the window after the transient.
// Window bounds are taken as Rates takes them.
func (st *SpikeTrain) SteadyRates(t0, t1 float64) ([]float64, error) {
	if err := st.checkWindow(t0, t1); err != nil {
		return nil, err
	}
	rates := make([]float64, st.Size)
	for i, ts := range st.Times() {
		lo, hi := -1, -1
		for k, t := range ts {
			if inWindow(t, t0, t1) {
				if lo < 0 {
					lo = k
				}
				hi = k
			}
		}
		if hi > lo {
			rates[i] = 1000 * float64(hi-lo) / (ts[hi] - ts[lo])
		}
	}
	return rates, nil
}

// checkWindow checks a time window [t0, t1) of the rate methods.
func (st *SpikeTrain) checkWindow(t0, t1 float64) error {
	if !(t1 > t0) || math.IsInf(t0, 0) || math.IsInf(t1, 0) {
		return fmt.Errorf("bp: SpikeTrain %q: window [%v, %v) ms, want finite bounds with t0 < t1", st.Name, t0, t1)
	}
	return nil
}

// inWindow reports whether a spike at t lies in [t0, t1), a spike within
// 1e-9 ms of a bound counting as on it (spike times are on the step grid
// up to rounding).
func inWindow(t, t0, t1 float64) bool {
	const eps = 1e-9
	return t >= t0-eps && t < t1-eps
}

const spikeHeader = "t,index\n"

func appendTraceHeader(b []byte, name string, index []int) []byte {
	b = append(b, 't')
	for _, i := range index {
		b = append(b, ',')
		b = append(b, name...)
		b = append(b, '[')
		b = strconv.AppendInt(b, int64(i), 10)
		b = append(b, ']')
	}
	return append(b, '\n')
}

func appendRow(b []byte, t float64, row []float64) []byte {
	b = strconv.AppendFloat(b, t, 'g', -1, 64)
	for _, v := range row {
		b = append(b, ',')
		b = strconv.AppendFloat(b, v, 'g', -1, 64)
	}
	return append(b, '\n')
}

func appendSpike(b []byte, t float64, i int) []byte {
	b = strconv.AppendFloat(b, t, 'g', -1, 64)
	b = append(b, ',')
	b = strconv.AppendInt(b, int64(i), 10)
	return append(b, '\n')
}

// Result holds what the monitors of one Run recorded, by monitor name.
// Streaming monitors appear with empty records.
type Result struct {
	Traces map[string]*Trace      // variable and function monitors
	Spikes map[string]*SpikeTrain // spike monitors
	// Start and End are the times at the start of the run and after its last
	// completed step; Steps is the number of completed steps.
	Start, End float64
	Steps      int64 // completed steps
}

// boundMonitor is a Monitor resolved before the step loop.
type boundMonitor struct {
	name  string
	every int64
	src   []float64 // variable monitor
	spk   []bool    // spike monitor
	fn    func(float64, []float64)
	index []int // nil: all of src / spk
	row   []float64
	trace *Trace
	train *SpikeTrain
	flat  []float64 // backing array of trace.Values for this run
	w     *bufio.Writer
	line  []byte
}

func bindMonitor(root Model, vars map[string][]float64, spikes map[string][]bool, m Monitor) (*boundMonitor, error) {
	b := &boundMonitor{name: m.Name, index: m.Index, fn: m.Func}
	if b.name == "" {
		b.name = m.Var
	}
	if m.Every < 0 {
		return nil, fmt.Errorf("bp: monitor %q: Every = %d, want >= 0", b.name, m.Every)
	}
	b.every = max(int64(m.Every), 1)
	var n int
	switch {
	case m.Func != nil:
		if m.Var != "" {
			return nil, fmt.Errorf("bp: monitor %q: set Var or Func, not both", b.name)
		}
		if b.name == "" {
			return nil, fmt.Errorf("bp: function monitor without a Name")
		}
		if m.Size <= 0 {
			return nil, fmt.Errorf("bp: monitor %q: Size = %d, want > 0 for a function monitor", b.name, m.Size)
		}
		if m.Index != nil {
			return nil, fmt.Errorf("bp: monitor %q: Index applies to variables, not to function monitors", b.name)
		}
		n = m.Size
	case vars[m.Var] != nil:
		b.src = vars[m.Var]
		n = len(b.src)
	case spikes[m.Var] != nil:
		b.spk = spikes[m.Var]
		n = len(b.spk)
		if m.Every > 1 {
			return nil, fmt.Errorf("bp: monitor %q: spike monitors record every step (Every = %d)", b.name, m.Every)
		}
	default:
		return nil, fmt.Errorf("bp: monitor %q: %w: known names: %s", m.Var, ErrUnknownName, knownNames(root))
	}
	if err := checkIndex(m.Index, n); err != nil {
		return nil, fmt.Errorf("bp: monitor %q: %w", b.name, err)
	}
	if b.spk == nil {
		cols := len(m.Index)
		if m.Index == nil {
			cols = n
		}
		b.row = make([]float64, cols)
	}
	if b.spk != nil {
		b.train = &SpikeTrain{Name: b.name, Size: n}
	}
	if m.Stream != nil {
		b.w = bufio.NewWriter(m.Stream)
	}
	return b, nil
}

// columns returns the element indices of the record's columns.
func (b *boundMonitor) columns() []int {
	if b.index != nil {
		return b.index
	}
	n := len(b.row)
	idx := make([]int, n)
	for i := range idx {
		idx[i] = i
	}
	return idx
}

// start prepares the records of a run of steps [s0, s0+n): it allocates the
// whole trace at once, so recording allocates nothing, and writes the
// stream's header on the first run.
func (b *boundMonitor) start(s0, n int64, first bool) error {
	if b.spk != nil {
		b.train = &SpikeTrain{Name: b.name, Size: len(b.spk)}
		if b.w != nil && first {
			_, err := b.w.WriteString(spikeHeader)
			return err
		}
		return nil
	}
	cols := b.columns()
	b.trace = &Trace{Name: b.name, Index: cols}
	if b.w != nil {
		if first {
			b.line = appendTraceHeader(b.line[:0], b.name, cols)
			_, err := b.w.Write(b.line)
			return err
		}
		return nil
	}
	// Number of multiples of every in [s0, s0+n).
	count := func(x int64) int64 { return (x + b.every - 1) / b.every }
	recs := count(s0+n) - count(s0)
	b.flat = make([]float64, int(recs)*len(b.row))
	b.trace.T = make([]float64, 0, recs)
	b.trace.Values = make([][]float64, 0, recs)
	return nil
}

// record takes the record of the step with index step, which started at t.
func (b *boundMonitor) record(step int64, t float64) error {
	if b.spk != nil {
		return b.recordSpikes(t)
	}
	if step%b.every != 0 {
		return nil
	}
	row := b.row
	if b.w == nil {
		k := len(b.trace.T)
		row = b.flat[k*len(b.row) : (k+1)*len(b.row) : (k+1)*len(b.row)]
	}
	switch {
	case b.fn != nil:
		b.fn(t, row)
	case b.index == nil:
		copy(row, b.src)
	default:
		for j, i := range b.index {
			row[j] = b.src[i]
		}
	}
	if b.w != nil {
		b.line = appendRow(b.line[:0], t, row)
		_, err := b.w.Write(b.line)
		return err
	}
	b.trace.T = append(b.trace.T, t)
	b.trace.Values = append(b.trace.Values, row)
	return nil
}

func (b *boundMonitor) recordSpikes(t float64) error {
	if b.index == nil {
		for i, s := range b.spk {
			if s {
				if err := b.spike(t, i); err != nil {
					return err
				}
			}
		}
		return nil
	}
	for _, i := range b.index {
		if b.spk[i] {
			if err := b.spike(t, i); err != nil {
				return err
			}
		}
	}
	return nil
}

func (b *boundMonitor) spike(t float64, i int) error {
	if b.w != nil {
		b.line = appendSpike(b.line[:0], t, i)
		_, err := b.w.Write(b.line)
		return err
	}
	b.train.T = append(b.train.T, t)
	b.train.Index = append(b.train.Index, i)
	return nil
}

func (b *boundMonitor) flush() error {
	if b.w == nil {
		return nil
	}
	return b.w.Flush()
}
