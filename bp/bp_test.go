package bp_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/braingo/braingo/bp"
)

// leaky is a test model independent of bp/dyn: tau dv/dt = -v + input,
// integrated exactly, spiking and resetting to 0 at th, with optional
// additive noise from its own generator.
type leaky struct {
	v, in  []float64
	spk    []bool
	tau    float64
	th     float64
	noise  float64
	seed   uint64
	pcg    *rand.PCG
	rng    *rand.Rand
	order  *[]string // where Update logs its name, to check update order
	name   string
	resets int
}

func newLeaky(n int, seed uint64) *leaky {
	m := &leaky{v: make([]float64, n), in: make([]float64, n), spk: make([]bool, n), tau: 10, th: 1, seed: seed}
	m.Reset(0)
	return m
}

func (m *leaky) Update(ctx *bp.Context) {
	if m.order != nil {
		*m.order = append(*m.order, m.name)
	}
	decay := math.Exp(-ctx.DT / m.tau)
	for i := range m.v {
		v := m.in[i] + (m.v[i]-m.in[i])*decay
		if m.noise != 0 {
			v += m.noise * math.Sqrt(ctx.DT) * m.rng.NormFloat64()
		}
		m.spk[i] = v >= m.th
		if m.spk[i] {
			v = 0
		}
		m.v[i] = v
	}
}

func (m *leaky) Vars() []bp.Var {
	return []bp.Var{{Name: "V", Data: m.v}, {Name: "Input", Data: m.in}}
}
func (m *leaky) Spikes() []bool { return m.spk }
func (m *leaky) ClearInputs()   { clear(m.in) }
func (m *leaky) Reset(seed uint64) {
	if seed != 0 {
		m.seed = seed
	}
	m.pcg = rand.NewPCG(m.seed, 1)
	m.rng = rand.New(m.pcg)
	clear(m.v)
	clear(m.spk)
	m.resets++
}
func (m *leaky) RandomState() bp.RandomState { return m.pcg }

func TestNetworkUpdateOrderNamesAndClear(t *testing.T) {
	var order []string
	a, b := newLeaky(2, 1), newLeaky(3, 2)
	a.order, a.name = &order, "a"
	b.order, b.name = &order, "b"
	inner := bp.NewNetwork()
	if err := inner.Add("B", b); err != nil {
		t.Fatal(err)
	}
	net := bp.NewNetwork()
	for _, c := range []struct {
		name string
		m    bp.Model
	}{{"A", a}, {"sub", inner}} {
		if err := net.Add(c.name, c.m); err != nil {
			t.Fatal(err)
		}
	}
	a.in[0], b.in[2] = 5, 7
	net.Update(&bp.Context{DT: 0.1})
	if strings.Join(order, "") != "ab" {
		t.Errorf("update order %v, want [a b]", order)
	}
	if a.in[0] != 0 || b.in[2] != 0 {
		t.Errorf("inputs not cleared after the step: %v %v", a.in, b.in)
	}
	if a.v[0] == 0 || b.v[2] == 0 {
		t.Errorf("inputs did not act in the step: %v %v", a.v, b.v)
	}
	var names []string
	for _, v := range bp.Vars(net) {
		names = append(names, v.Name)
	}
	if got, want := strings.Join(names, " "), "A.V A.Input sub.B.V sub.B.Input"; got != want {
		t.Errorf("Vars names %q, want %q", got, want)
	}
	if net.Child("sub") != inner || net.Child("x") != nil {
		t.Error("Child lookup wrong")
	}
	if m, err := bp.Find(net, "sub.B"); err != nil || m != b {
		t.Errorf("Find(sub.B) = %v, %v", m, err)
	}
	if _, err := bp.Find(net, "sub.C"); !errors.Is(err, bp.ErrUnknownName) {
		t.Errorf("Find(sub.C) error %v, want ErrUnknownName", err)
	}
}

func TestNetworkAddErrors(t *testing.T) {
	net := bp.NewNetwork()
	if err := net.Add("E", newLeaky(1, 1)); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"", "E", "a.b", "spike"} {
		if err := net.Add(name, newLeaky(1, 1)); !errors.Is(err, bp.ErrBadName) {
			t.Errorf("Add(%q) error %v, want ErrBadName", name, err)
		}
	}
	if err := net.Add("x", nil); err == nil {
		t.Error("Add of a nil model: no error")
	}
	if err := net.Add("self", net); err == nil {
		t.Error("Add of the network to itself: no error")
	}
}

func TestNetworkResetSeeds(t *testing.T) {
	a, b := newLeaky(1, 1), newLeaky(1, 1)
	net := bp.NewNetwork()
	net.Add("A", a)
	net.Add("B", b)
	net.Reset(42)
	if a.resets != 2 || b.resets != 2 {
		t.Fatalf("resets %d %d, want 2 each", a.resets, b.resets)
	}
	if a.seed == b.seed || a.seed == 42 {
		t.Errorf("children got seeds %d and %d from 42: want distinct derived seeds", a.seed, b.seed)
	}
	net.Reset(0)
	if a.seed == 1 {
		t.Error("Reset(0) changed the seed")
	}
}

// expRun returns the exact V of the leaky model after k steps of constant
// input I from V = 0, without threshold: I(1 - e^{-k dt/tau}).
func expRun(I, dt, tau float64, k int) float64 { return I * (1 - math.Exp(-float64(k)*dt/tau)) }

func TestRunnerTraceAgainstClosedForm(t *testing.T) {
	m := newLeaky(4, 1)
	m.th = math.Inf(1)
	r, err := bp.NewRunner(m, bp.RunnerSettings{
		Inputs: []bp.Input{bp.ConstInput("", 2), bp.ConstInput("Input", 1), {Target: "Input", Value: 3, Index: []int{3}}},
		Monitors: []bp.Monitor{
			bp.MonitorVar("V", 0, 3),
			{Var: "V", Name: "V/5", Every: 5},
			bp.MonitorFunc("mean", 1, func(t float64, dst []float64) { dst[0] = (m.v[0] + m.v[1]) / 2 }),
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	res, err := r.Run(context.Background(), 10)
	if err != nil {
		t.Fatal(err)
	}
	tr := res.Traces["V"]
	if len(tr.T) != 100 || res.Steps != 100 || res.End != 10 {
		t.Fatalf("%d records, %d steps, end %g; want 100, 100, 10", len(tr.T), res.Steps, res.End)
	}
	const tol = 1e-12
	for k, row := range tr.Values {
		if want := float64(k) * 0.1; math.Abs(tr.T[k]-want) > tol {
			t.Fatalf("T[%d] = %g, want %g", k, tr.T[k], want)
		}
		if want := expRun(3, 0.1, 10, k+1); math.Abs(row[0]-want) > tol {
			t.Fatalf("V[0] at record %d = %.15g, want %.15g", k, row[0], want)
		}
		if want := expRun(6, 0.1, 10, k+1); math.Abs(row[1]-want) > tol {
			t.Fatalf("V[3] at record %d = %.15g, want %.15g", k, row[1], want)
		}
	}
	if got := tr.Series(1); got[99] != tr.Values[99][1] {
		t.Error("Series disagrees with Values")
	}
	dec := res.Traces["V/5"]
	if len(dec.T) != 20 || dec.T[1] != 0.5 || dec.Values[1][0] != tr.Values[5][0] || len(dec.Index) != 4 {
		t.Errorf("decimated trace: %d records, T[1] = %g", len(dec.T), dec.T[1])
	}
	if got := res.Traces["mean"].Values[7][0]; got != tr.Values[7][0] {
		t.Errorf("function monitor %g, want %g", got, tr.Values[7][0])
	}
	// A second run continues in time and in state.
	res2, err := r.Run(context.Background(), 1)
	if err != nil {
		t.Fatal(err)
	}
	if tr2 := res2.Traces["V"]; tr2.T[0] != 10 || math.Abs(tr2.Values[0][0]-expRun(3, 0.1, 10, 101)) > tol {
		t.Errorf("continued run starts at %g with %g", tr2.T[0], tr2.Values[0][0])
	}
	if d2 := res2.Traces["V/5"]; len(d2.T) != 2 || d2.T[0] != 10 {
		t.Errorf("decimated continued run: %v", d2.T)
	}
}

func TestRunnerSpikesSeriesAndFuncInputs(t *testing.T) {
	m := newLeaky(3, 1)
	series := make([]float64, 200)
	for i := range series {
		series[i] = 2 // with tau 10 and threshold 1: T = 10 ln 2
	}
	res, err := bp.Run(context.Background(), m, 20, bp.RunnerSettings{
		Inputs: []bp.Input{
			{Target: "Input", Series: series, Index: []int{0}},
			{Target: "Input", Func: func(t float64) float64 { return 2 }, Index: []int{2}},
		},
		Monitors: []bp.Monitor{bp.MonitorSpikes("")},
	})
	if err != nil {
		t.Fatal(err)
	}
	sp := res.Spikes["spike"]
	// Exact update on the grid: the first spike is in the step where
	// k*dt >= 10 ln 2 = 6.93, i.e. step 69 (k = 70), recorded at t = 6.9.
	want := []float64{6.9, 6.9, 13.9, 13.9}
	if len(sp.T) != len(want) {
		t.Fatalf("spikes at %v (index %v), want times %v", sp.T, sp.Index, want)
	}
	for k := range want {
		if math.Abs(sp.T[k]-want[k]) > 1e-9 || sp.Index[k] != []int{0, 2}[k%2] {
			t.Errorf("spike %d: t %g index %d", k, sp.T[k], sp.Index[k])
		}
	}
	if c := sp.Counts(); c[0] != 2 || c[1] != 0 || c[2] != 2 {
		t.Errorf("counts %v", c)
	}
}

func TestRunnerStreamMatchesCSV(t *testing.T) {
	run := func(stream bool) (string, string, *bp.Result) {
		m := newLeaky(2, 3)
		m.noise = 0.5
		var vbuf, sbuf bytes.Buffer
		mons := []bp.Monitor{{Var: "V", Every: 3}, bp.MonitorSpikes("")}
		if stream {
			mons[0].Stream, mons[1].Stream = &vbuf, &sbuf
		}
		r, err := bp.NewRunner(m, bp.RunnerSettings{Inputs: []bp.Input{bp.ConstInput("", 1.5)}, Monitors: mons})
		if err != nil {
			t.Fatal(err)
		}
		var last *bp.Result
		for range 2 {
			if last, err = r.Run(nil, 30); err != nil {
				t.Fatal(err)
			}
		}
		return vbuf.String(), sbuf.String(), last
	}
	sv, ss, sres := run(true)
	_, _, mres := run(false)
	if len(sres.Traces["V"].T) != 0 {
		t.Error("a streaming monitor kept records")
	}
	// The stored result covers only the last run; compare the stream's tail.
	var v, s bytes.Buffer
	mres.Traces["V"].WriteCSV(&v)
	mres.Spikes["spike"].WriteCSV(&s)
	vLines, sLines := strings.SplitAfterN(v.String(), "\n", 2), strings.SplitAfterN(s.String(), "\n", 2)
	if !strings.HasPrefix(sv, vLines[0]) || !strings.HasSuffix(sv, vLines[1]) {
		t.Errorf("streamed trace differs from WriteCSV:\n%.200s\n---\n%.200s", sv, v.String())
	}
	if !strings.HasPrefix(ss, sLines[0]) || !strings.HasSuffix(ss, sLines[1]) || len(sLines[1]) == 0 {
		t.Errorf("streamed spikes differ from WriteCSV:\n%.200s\n---\n%.200s", ss, s.String())
	}
	if strings.Count(sv, "t,") != 1 {
		t.Error("stream header written more than once")
	}
}

func TestRunnerCancelReturnsPartial(t *testing.T) {
	m := newLeaky(1, 1)
	ctx, cancel := context.WithCancel(context.Background())
	r, err := bp.NewRunner(m, bp.RunnerSettings{
		Monitors: bp.Monitors("V"),
		Inputs: []bp.Input{{Target: "", Func: func(t float64) float64 {
			if t >= 4.95 {
				cancel()
			}
			return 0.5
		}}},
	})
	if err != nil {
		t.Fatal(err)
	}
	res, err := r.Run(ctx, 1000)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("error %v, want context.Canceled", err)
	}
	// Cancelled during the step at t = 5.0: that step completes, the next
	// does not start.
	if res.Steps != 51 || len(res.Traces["V"].T) != 51 || math.Abs(res.End-5.1) > 1e-9 {
		t.Errorf("partial result: %d steps, %d records, end %g; want 51, 51, 5.1", res.Steps, len(res.Traces["V"].T), res.End)
	}
}

func TestRunnerBadInput(t *testing.T) {
	m := newLeaky(2, 1)
	cases := []struct {
		name string
		s    bp.RunnerSettings
		want string
	}{
		{"negative dt", bp.RunnerSettings{DT: -1}, "dt"},
		{"NaN dt", bp.RunnerSettings{DT: math.NaN()}, "dt"},
		{"unknown monitor", bp.RunnerSettings{Monitors: bp.Monitors("W")}, "known names: Input, V, spike"},
		{"unknown input", bp.RunnerSettings{Inputs: []bp.Input{bp.ConstInput("E", 1)}}, "E.Input"},
		{"index out of range", bp.RunnerSettings{Monitors: []bp.Monitor{bp.MonitorVar("V", 2)}}, "index 2 out of range [0, 2)"},
		{"decimated spikes", bp.RunnerSettings{Monitors: []bp.Monitor{{Var: "spike", Every: 2}}}, "every step"},
		{"duplicate monitor", bp.RunnerSettings{Monitors: bp.Monitors("V", "V")}, "two monitors"},
		{"NaN input", bp.RunnerSettings{Inputs: []bp.Input{bp.ConstInput("", math.NaN())}}, "not finite"},
		{"function monitor without size", bp.RunnerSettings{Monitors: []bp.Monitor{bp.MonitorFunc("f", 0, nil)}}, ""},
	}
	for _, c := range cases {
		_, err := bp.NewRunner(m, c.s)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want one mentioning %q", c.name, err, c.want)
		}
	}
	r, _ := bp.NewRunner(m, bp.RunnerSettings{Inputs: []bp.Input{bp.SeriesInput("", make([]float64, 10))}})
	for _, d := range []float64{-1, math.NaN(), math.Inf(1)} {
		if _, err := r.Run(nil, d); !errors.Is(err, bp.ErrBadRun) {
			t.Errorf("Run(%g): error %v, want ErrBadRun", d, err)
		}
	}
	if _, err := r.Run(nil, 2); err == nil || !strings.Contains(err.Error(), "series has 10 values") {
		t.Errorf("series too short: error %v", err)
	}
}

// fixedStep is a model that can only run with steps of dt.
type fixedStep struct{ dt float64 }

func (f fixedStep) Update(*bp.Context) {}
func (f fixedStep) CheckDT(dt float64) error {
	if dt != f.dt {
		return fmt.Errorf("built for dt = %g ms", f.dt)
	}
	return nil
}

func TestRunnerChecksEveryModelsStep(t *testing.T) {
	net := bp.NewNetwork()
	inner := bp.NewNetwork()
	if err := inner.Add("P", fixedStep{dt: 0.05}); err != nil {
		t.Fatal(err)
	}
	if err := net.Add("E", newLeaky(1, 1)); err != nil {
		t.Fatal(err)
	}
	if err := net.Add("sub", inner); err != nil {
		t.Fatal(err)
	}
	_, err := bp.NewRunner(net, bp.RunnerSettings{DT: 0.1})
	if !errors.Is(err, bp.ErrBadRun) || !strings.Contains(err.Error(), `model "sub.P": built for dt = 0.05 ms`) {
		t.Errorf("dt 0.1: error %v, want ErrBadRun naming sub.P and its dt", err)
	}
	if _, err := bp.Run(nil, net, 1, bp.RunnerSettings{DT: 0.05}); err != nil {
		t.Errorf("dt 0.05: %v", err)
	}
}

// failing counts its steps and reports an error from the third on.
type failing struct{ x []float64 }

func (f *failing) Update(*bp.Context) { f.x[0]++ }
func (f *failing) Vars() []bp.Var     { return []bp.Var{{Name: "x", Data: f.x}} }
func (f *failing) Err() error {
	if f.x[0] >= 3 {
		return errors.New("broken at the third step")
	}
	return nil
}

func TestRunnerStopsOnModelError(t *testing.T) {
	net := bp.NewNetwork()
	f := &failing{x: make([]float64, 1)}
	if err := net.Add("F", f); err != nil {
		t.Fatal(err)
	}
	res, err := bp.Run(nil, net, 1, bp.RunnerSettings{Monitors: bp.Monitors("F.x")})
	if err == nil || !strings.Contains(err.Error(), `model "F": broken at the third step`) || !strings.Contains(err.Error(), "t = 0.2 ms") {
		t.Fatalf("error %v, want the model's error with its path and the step's time", err)
	}
	if res == nil || res.Steps != 3 || len(res.Traces["F.x"].T) != 3 {
		t.Errorf("partial result %+v, want the 3 steps done", res)
	}
}

// blowup doubles its state every step; it reaches +Inf after about 1024
// steps.
type blowup struct{ x []float64 }

func (b *blowup) Update(*bp.Context) {
	for i := range b.x {
		b.x[i] *= 2
	}
}
func (b *blowup) Vars() []bp.Var { return []bp.Var{{Name: "x", Data: b.x}} }

func TestRunnerNaNNamesVarIndexTime(t *testing.T) {
	b := &blowup{x: []float64{0, 0, 1e300}}
	net := bp.NewNetwork()
	net.Add("G", b)
	// 1e300 * 2^k overflows at k = 28 (2^27 * 1e300 = 1.3e308).
	_, err := bp.Run(nil, net, 100, bp.RunnerSettings{NaNCheckEvery: 1})
	if !errors.Is(err, bp.ErrNonFinite) || !strings.Contains(err.Error(), "G.x[2] = +Inf") || !strings.Contains(err.Error(), "t = 2.7 ms") {
		t.Errorf("error %v, want G.x[2] = +Inf at t = 2.7 ms", err)
	}
	b.x[2] = 1e300
	if _, err := bp.Run(nil, net, 10, bp.RunnerSettings{ContinueOnNaN: true}); err != nil {
		t.Errorf("ContinueOnNaN: %v", err)
	}
}

func TestSaveLoadContinuesIdentically(t *testing.T) {
	build := func() (*bp.Network, *leaky) {
		m := newLeaky(5, 7)
		m.noise = 1
		net := bp.NewNetwork()
		net.Add("E", m)
		return net, m
	}
	settings := func(t0 float64) bp.RunnerSettings {
		return bp.RunnerSettings{T0: t0, Inputs: []bp.Input{bp.ConstInput("E", 1.2)}, Monitors: bp.Monitors("E.V", "E.spike")}
	}
	net, _ := build()
	r, _ := bp.NewRunner(net, settings(0))
	if _, err := r.Run(nil, 50); err != nil {
		t.Fatal(err)
	}
	var saved bytes.Buffer
	if err := bp.Save(&saved, net); err != nil {
		t.Fatal(err)
	}
	want, err := r.Run(nil, 50)
	if err != nil {
		t.Fatal(err)
	}
	net2, _ := build()
	if err := bp.Load(bytes.NewReader(saved.Bytes()), net2); err != nil {
		t.Fatal(err)
	}
	got, err := bp.Run(nil, net2, 50, settings(50))
	if err != nil {
		t.Fatal(err)
	}
	wv, gv := want.Traces["E.V"].Values, got.Traces["E.V"].Values
	for k := range wv {
		for j := range wv[k] {
			if wv[k][j] != gv[k][j] {
				t.Fatalf("after load, V[%d] at record %d = %g, want %g", j, k, gv[k][j], wv[k][j])
			}
		}
	}
	if ws, gs := want.Spikes["E.spike"], got.Spikes["E.spike"]; len(ws.T) == 0 || len(ws.T) != len(gs.T) {
		t.Errorf("spikes: %d after load, %d before", len(gs.T), len(ws.T))
	}

	// A model of another shape is refused, with the differences named.
	other := bp.NewNetwork()
	other.Add("E", newLeaky(4, 1))
	other.Add("I", newLeaky(1, 1))
	err = bp.Load(bytes.NewReader(saved.Bytes()), other)
	if !errors.Is(err, bp.ErrStateMismatch) || !strings.Contains(err.Error(), `"E.V" has 4 elements in the model and 5`) ||
		!strings.Contains(err.Error(), `"I.V" is not in the saved state`) {
		t.Errorf("mismatch error: %v", err)
	}
	if err := bp.Load(strings.NewReader("garbage"), net2); err == nil {
		t.Error("Load of garbage: no error")
	}
	if err := bp.Load(bytes.NewReader(saved.Bytes()[:saved.Len()-3]), net2); err == nil {
		t.Error("Load of a truncated state: no error")
	}
}

func TestSameSeedSameSpikes(t *testing.T) {
	run := func(seed uint64) []float64 {
		m := newLeaky(20, seed)
		m.noise = 2
		res, err := bp.Run(nil, m, 100, bp.RunnerSettings{Monitors: bp.Monitors("spike")})
		if err != nil {
			t.Fatal(err)
		}
		return res.Spikes["spike"].T
	}
	a, b, c := run(3), run(3), run(4)
	if len(a) == 0 || len(a) != len(b) {
		t.Fatalf("same seed: %d and %d spikes", len(a), len(b))
	}
	for i := range a {
		if a[i] != b[i] {
			t.Fatal("same seed, different spikes")
		}
	}
	if len(a) == len(c) && a[0] == c[0] && a[len(a)-1] == c[len(c)-1] {
		t.Error("different seeds gave the same spikes")
	}
}

func BenchmarkRunnerStep(b *testing.B) {
	m := newLeaky(1000, 1)
	r, err := bp.NewRunner(m, bp.RunnerSettings{
		Inputs:   []bp.Input{bp.ConstInput("", 1.5)},
		Monitors: []bp.Monitor{bp.MonitorVar("V", 0, 1, 2), bp.MonitorSpikes("")},
	})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	if _, err := r.Run(nil, float64(b.N)*r.DT()); err != nil {
		b.Fatal(err)
	}
}

func TestInputOps(t *testing.T) {
	// Each op applied once, before one step of a model whose V does not
	// move on its own (tau = +Inf keeps V; the input is cleared after).
	for _, c := range []struct {
		op   bp.Op
		want float64
	}{{bp.OpAdd, 5}, {bp.OpSet, 2}, {bp.OpSub, 1}, {bp.OpMul, 6}, {bp.OpDiv, 1.5}} {
		m := newLeaky(1, 1)
		m.tau, m.th = math.Inf(1), math.Inf(1)
		m.v[0] = 3
		_, err := bp.Run(nil, m, 0.1, bp.RunnerSettings{Inputs: []bp.Input{{Target: "V", Value: 2, Op: c.op}}})
		if err != nil {
			t.Fatal(err)
		}
		if m.v[0] != c.want {
			t.Errorf("op %v: V = %g, want %g", c.op, m.v[0], c.want)
		}
	}
	if _, err := bp.NewRunner(newLeaky(1, 1), bp.RunnerSettings{Inputs: []bp.Input{{Target: "V", Op: bp.Op(9)}}}); err == nil {
		t.Error("unknown op: no error")
	}
}

// TestConstInputs drives each neuron with its own constant current: the
// exact leaky update relaxes V_i to I_i(1 − e^{−t/τ}) for every i.
func TestConstInputs(t *testing.T) {
	currents := []float64{0.5, -1, 2, 0}
	m := newLeaky(4, 1)
	m.th = math.Inf(1)
	if _, err := bp.Run(nil, m, 5, bp.RunnerSettings{Inputs: []bp.Input{bp.ConstInputs("", currents)}}); err != nil {
		t.Fatal(err)
	}
	for i, c := range currents {
		if want := c * (1 - math.Exp(-5/m.tau)); math.Abs(m.v[i]-want) > 1e-12 {
			t.Errorf("V[%d] = %.15g, want %.15g", i, m.v[i], want)
		}
	}
	// With Index, value j goes to element Index[j], with the input's Op.
	m = newLeaky(4, 1)
	m.tau, m.th = math.Inf(1), math.Inf(1)
	in := bp.Input{Target: "V", Index: []int{3, 0}, Values: []float64{10, 20}, Op: bp.OpSet}
	if _, err := bp.Run(nil, m, 0.1, bp.RunnerSettings{Inputs: []bp.Input{in}}); err != nil {
		t.Fatal(err)
	}
	if want := []float64{20, 0, 0, 10}; !slices.Equal(m.v, want) {
		t.Errorf("V = %v, want %v", m.v, want)
	}
	for name, c := range map[string]struct {
		in   bp.Input
		want string
	}{
		"too few":     {bp.ConstInputs("", []float64{1, 2}), "2 Values for 4 receiving elements"},
		"index":       {bp.Input{Index: []int{1}, Values: []float64{1, 2}}, "2 Values for 1 receiving elements"},
		"NaN":         {bp.ConstInputs("", []float64{1, 2, math.NaN(), 4}), "Values[2] = NaN"},
		"with series": {bp.Input{Values: make([]float64, 4), Series: make([]float64, 10)}, "cannot be combined"},
	} {
		_, err := bp.NewRunner(newLeaky(4, 1), bp.RunnerSettings{Inputs: []bp.Input{c.in}})
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want one mentioning %q", name, err, c.want)
		}
	}
}

// TestSpikeTrainHelpers checks Times, ISIs, Rates and SteadyRates on a
// hand-made train.
func TestSpikeTrainHelpers(t *testing.T) {
	// The last spike is at 7.3 up to rounding, as a run computes it.
	st := &bp.SpikeTrain{Name: "E.spike", Size: 3,
		T: []float64{1, 2, 3.5, 4, 7, 7.300000000000001}, Index: []int{0, 1, 0, 0, 1, 2}}
	wantTimes := [][]float64{{1, 3.5, 4}, {2, 7}, {7.300000000000001}}
	wantISIs := [][]float64{{2.5, 0.5}, {5}, {}}
	for i := range 3 {
		if got := st.Times()[i]; !slices.Equal(got, wantTimes[i]) {
			t.Errorf("Times()[%d] = %v, want %v", i, got, wantTimes[i])
		}
		if got := st.ISIs()[i]; !slices.Equal(got, wantISIs[i]) {
			t.Errorf("ISIs()[%d] = %v, want %v", i, got, wantISIs[i])
		}
	}
	for _, c := range []struct {
		t0, t1 float64
		want   []float64
	}{
		{0, 5, []float64{600, 200, 0}},                 // 3, 1, 0 spikes in 5 ms
		{3.5, 7, []float64{2000 / 3.5, 0, 0}},          // t0 counts, t1 does not
		{4, 7.3, []float64{1000 / 3.3, 1000 / 3.3, 0}}, // 7.3000000000000007 counts as 7.3
	} {
		got, err := st.Rates(c.t0, c.t1)
		if err != nil {
			t.Fatal(err)
		}
		for i := range got {
			if math.Abs(got[i]-c.want[i]) > 1e-9 {
				t.Errorf("Rates(%g, %g) = %v, want %v", c.t0, c.t1, got, c.want)
				break
			}
		}
	}
	// Mean ISI in the window: element 0 has 3 spikes over 3 ms (1 to 4),
	// element 1 one spike in [0, 5) and two in [0, 8) 5 ms apart.
	for _, c := range []struct {
		t0, t1 float64
		want   []float64
	}{{0, 5, []float64{1000 * 2 / 3.0, 0, 0}}, {0, 8, []float64{1000 * 2 / 3.0, 200, 0}}, {3.5, 8, []float64{2000, 0, 0}}} {
		got, err := st.SteadyRates(c.t0, c.t1)
		if err != nil {
			t.Fatal(err)
		}
		for i := range got {
			if math.Abs(got[i]-c.want[i]) > 1e-9 {
				t.Errorf("SteadyRates(%g, %g) = %v, want %v", c.t0, c.t1, got, c.want)
				break
			}
		}
	}
	for _, w := range [][2]float64{{5, 5}, {5, 1}, {0, math.Inf(1)}, {math.NaN(), 1}} {
		if _, err := st.Rates(w[0], w[1]); err == nil || !strings.Contains(err.Error(), "E.spike") {
			t.Errorf("Rates(%g, %g): error %v, want one naming the train", w[0], w[1], err)
		}
		if _, err := st.SteadyRates(w[0], w[1]); err == nil {
			t.Errorf("SteadyRates(%g, %g): no error", w[0], w[1])
		}
	}
}

func TestRunnerAllocationsDoNotGrowWithSteps(t *testing.T) {
	m := newLeaky(100, 1)
	r, err := bp.NewRunner(m, bp.RunnerSettings{
		Inputs:   []bp.Input{bp.ConstInput("", 0.5), bp.FuncInput("Input", math.Sin)},
		Monitors: []bp.Monitor{bp.MonitorVar("V", 1, 2), {Var: "V", Name: "all", Every: 7}},
	})
	if err != nil {
		t.Fatal(err)
	}
	short := testing.AllocsPerRun(5, func() { r.Run(nil, 1) })
	long := testing.AllocsPerRun(5, func() { r.Run(nil, 100) })
	if long != short {
		t.Errorf("a run of 1000 steps allocates %v times, one of 10 steps %v: the step loop allocates", long, short)
	}
}

func TestTextProgress(t *testing.T) {
	var buf bytes.Buffer
	p := bp.TextProgress(&buf)
	p(5, 10)
	p(10, 10)
	out := buf.String()
	if !strings.Contains(out, " 50% 5/10 steps") || !strings.HasSuffix(out, "100% 10/10 steps\n") {
		t.Errorf("progress output %q", out)
	}
	var calls []int64
	_, err := bp.Run(nil, newLeaky(1, 1), 100, bp.RunnerSettings{Progress: func(done, total int64) {
		if total != 1000 {
			t.Fatalf("total %d, want 1000", total)
		}
		calls = append(calls, done)
	}})
	if err != nil {
		t.Fatal(err)
	}
	if len(calls) != 100 || calls[len(calls)-1] != 1000 {
		t.Errorf("%d progress calls ending at %d; want 100 ending at 1000", len(calls), calls[len(calls)-1])
	}
}

// hintClearer records what it was told when it is cleared
// (bp.UntouchedClearer); keeps says whether it keeps inputs.
type hintClearer struct {
	told, atClear []bool
	now           bool
	keeps         bool
}

func (h *hintClearer) Update(*bp.Context) {}
func (h *hintClearer) ClearInputs()       { h.atClear = append(h.atClear, h.now) }
func (h *hintClearer) InputsUntouched(untouched bool) {
	h.now = untouched
	h.told = append(h.told, untouched)
}
func (h *hintClearer) KeepsInputs() bool { return h.keeps }

// plainModel keeps no promise about inputs.
type plainModel struct{}

func (plainModel) Update(*bp.Context) {}

// TestNetworkTellsUntouched: a network tells each UntouchedClearer, for
// the step, whether every child after its own keeps inputs, and takes it
// back after the step (sequential and split steps).
func TestNetworkTellsUntouched(t *testing.T) {
	for _, run := range []struct {
		workers int
		cKeeps  bool
	}{{1, false}, {1, true}, {2, false}, {2, true}} {
		workers := run.workers
		a := &hintClearer{keeps: true}       // followed by a model that may write inputs
		b := &hintClearer{keeps: true}       // followed by a keeper and c
		c := &hintClearer{keeps: run.cKeeps} // last: its own promise does not matter to it
		net := bp.NewNetwork()
		if err := errors.Join(net.Add("a", a), net.Add("plain", plainModel{}), net.Add("b", b), net.Add("k", &hintClearer{keeps: true}), net.Add("c", c)); err != nil {
			t.Fatal(err)
		}
		if _, err := bp.Run(context.Background(), net, 0.3, bp.RunnerSettings{DT: 0.1, Workers: workers, Progress: bp.NoProgress}); err != nil {
			t.Fatal(err)
		}
		for _, x := range []struct {
			name string
			h    *hintClearer
			want bool
		}{{"a", a, false}, {"b", b, run.cKeeps}, {"c", c, true}} {
			if len(x.h.atClear) != 3 {
				t.Fatalf("workers %d: %s cleared %d times, want 3", workers, x.name, len(x.h.atClear))
			}
			for _, got := range x.h.atClear {
				if got != x.want {
					t.Errorf("workers %d: %s told untouched = %v at its clearing, want %v", workers, x.name, got, x.want)
				}
			}
			if x.h.now {
				t.Errorf("workers %d: %s still told untouched after the run", workers, x.name)
			}
		}
	}
	if k := bp.NewNetwork(); !k.KeepsInputs() {
		t.Error("an empty network does not keep inputs")
	}
}
