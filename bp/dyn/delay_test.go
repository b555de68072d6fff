package dyn

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/braingo/braingo/bp"
)

// part is a model with the name it gets in a test network.
type part struct {
	name string
	m    bp.Model
}

// testNetwork returns a network of the parts, added in order.
func testNetwork(t testing.TB, parts ...part) *bp.Network {
	t.Helper()
	net := bp.NewNetwork()
	for _, p := range parts {
		if err := net.Add(p.name, p.m); err != nil {
			t.Fatal(err)
		}
	}
	return net
}

func TestSpikeDelay(t *testing.T) {
	for _, steps := range []int{0, 1, 3} {
		d, err := NewSpikeDelay(2, steps, 3)
		if err != nil {
			t.Fatal(err)
		}
		var pushed [][]bool
		for k := range 12 {
			s := []bool{k%2 == 0, k%3 == 0}
			pushed = append(pushed, s)
			got := d.Push(s)
			want := []bool{false, false}
			if k >= steps {
				want = pushed[k-steps]
			}
			if got[0] != want[0] || got[1] != want[1] {
				t.Fatalf("delay %d, push %d: got %v, want %v", steps, k, got, want)
			}
		}
		d.Reset()
		if got := d.Push([]bool{true, true}); steps > 0 && (got[0] || got[1]) {
			t.Errorf("delay %d: spikes survive Reset", steps)
		}
	}
}

func TestDelayOptions(t *testing.T) {
	for _, tc := range []struct {
		o     DelayOptions
		steps int
		bad   bool
	}{
		{DelayOptions{}, 0, false},
		{DelayOptions{Delay: 1.5}, 15, false},
		{DelayOptions{Delay: 1.5, DT: 0.5}, 3, false},
		{DelayOptions{DelaySteps: 7}, 7, false},
		{DelayOptions{Delay: 2, MaxDelaySteps: 10}, 0, true},
		{DelayOptions{DelaySteps: 11, MaxDelaySteps: 10}, 0, true},
		{DelayOptions{Delay: -1}, 0, true},
		{DelayOptions{DelaySteps: -1}, 0, true},
		{DelayOptions{Delay: 1, DelaySteps: 10}, 0, true},
		{DelayOptions{Delay: 1, DT: -0.1}, 0, true},
	} {
		d, err := tc.o.newDelay(4)
		if tc.bad {
			if !errors.Is(err, ErrDelay) {
				t.Errorf("%+v: err = %v, want ErrDelay", tc.o, err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%+v: %v", tc.o, err)
		} else if d.delay.Steps() != tc.steps {
			t.Errorf("%+v: %d steps, want %d", tc.o, d.delay.Steps(), tc.steps)
		}
	}
}

func TestProjectionSaveLoad(t *testing.T) {
	// Spikes in flight in the delay buffers, the synapse and the source's
	// cursor survive bp.Save / bp.Load: the continuation is identical.
	times := make([]float64, 0, 40)
	idx := make([]int, 0, 40)
	for k := range 40 {
		times = append(times, float64(k)*0.7)
		idx = append(idx, k%3)
	}
	src, _ := NewSpikeTimeGroup(3, times, idx)
	post, _ := NewLIF(2, LIFParams{VRest: -60, VReset: -60, VTh: -50, Tau: 20, Noise: 0.5, Seed: 3})
	all, _ := NewAllToAll(3, 2, 2, false)
	syn, _ := NewExpon(2, ExponParams{})
	proj, err := NewProjAlignPost(src, post, all, syn, &COBA{}, DelayOptions{Delay: 1.7})
	if err != nil {
		t.Fatal(err)
	}
	delta, _ := NewProjDelta(src, post, all, DelayOptions{DelaySteps: 4})
	net := testNetwork(t, part{"src", src}, part{"proj", proj}, part{"delta", delta}, part{"post", post})
	ctx := &bp.Context{DT: 0.1}
	run := func(from, n int) []float64 {
		var v []float64
		for k := from; k < from+n; k++ {
			ctx.T, ctx.Step = float64(k)*0.1, int64(k)
			net.Update(ctx)
			v = append(v, post.V...)
		}
		return v
	}
	run(0, 63)
	var buf bytes.Buffer
	if err := bp.Save(&buf, net); err != nil {
		t.Fatal(err)
	}
	first := run(63, 150)
	if err := bp.Load(bytes.NewReader(buf.Bytes()), net); err != nil {
		t.Fatal(err)
	}
	second := run(63, 150)
	for k := range first {
		if first[k] != second[k] {
			t.Fatalf("after Load, V differs at sample %d: %v vs %v", k, first[k], second[k])
		}
	}
}

// TestDelayInMsNeedsTheRunsStep checks that a projection whose delay was
// given in ms refuses, with a panic naming both steps, to run at another dt
// (its delay would silently be wrong by their ratio), runs at the dt it was
// converted with, and that a delay in steps runs at any dt.
func TestDelayInMsNeedsTheRunsStep(t *testing.T) {
	build := func(d DelayOptions) *ProjAlignPost {
		src := &synSpikeSource{s: make([]bool, 2)}
		all, _ := NewAllToAll(2, 2, 1, false)
		syn, _ := NewExpon(2, ExponParams{})
		p, err := NewProjAlignPost(src, newSynRecorder(2, 0), all, syn, &COBA{}, d)
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	panics := func(p *ProjAlignPost, dt float64) (msg string) {
		defer func() {
			if r := recover(); r != nil {
				msg = fmt.Sprint(r)
			}
		}()
		p.Update(&bp.Context{DT: dt})
		return ""
	}
	if msg := panics(build(DelayOptions{Delay: 1.5}), 0.05); !strings.Contains(msg, "DT = 0.1 ms") || !strings.Contains(msg, "dt = 0.05 ms") {
		t.Errorf("delay converted at 0.1 ms run at 0.05 ms: panic %q, want one naming both steps", msg)
	}
	if msg := panics(build(DelayOptions{Delay: 1.5, DT: 0.05}), 0.05); msg != "" {
		t.Errorf("delay converted at the run's dt: panic %q", msg)
	}
	if msg := panics(build(DelayOptions{DelaySteps: 3}), 0.05); msg != "" {
		t.Errorf("delay in steps: panic %q", msg)
	}
}

// TestRunnerRefusesAnotherDT checks that a network holding a model built for
// one step (a projection's delay in ms, a DelayCoupling's delays, a
// FeedbackFHN) makes bp.NewRunner return an error naming the model and both
// steps at another dt, before any step, and runs at the step it was built
// for.
func TestRunnerRefusesAnotherDT(t *testing.T) {
	build := func(dt float64) *bp.Network {
		pre, _ := NewLIF(2, LIFParams{})
		post, _ := NewLIF(2, LIFParams{})
		all, _ := NewAllToAll(2, 2, 1, false)
		syn, _ := NewExpon(2, ExponParams{})
		proj, err := NewProjAlignPost(pre, post, all, syn, &COBA{}, DelayOptions{Delay: 1.5, DT: dt})
		if err != nil {
			t.Fatal(err)
		}
		x, y := make([]float64, 2), make([]float64, 2)
		coupling, err := NewDelayCoupling(x, y, []float64{0, 1, 1, 0}, CouplingParams{Delays: []float64{0, 2, 2, 0}, DT: dt})
		if err != nil {
			t.Fatal(err)
		}
		fhn, err := NewFeedbackFHN(2, FeedbackFHNParams{DT: dt})
		if err != nil {
			t.Fatal(err)
		}
		net := testNetwork(t, part{"pre", pre}, part{"post", post}, part{"proj", proj}, part{"coupling", coupling}, part{"fhn", fhn})
		return net
	}
	if _, err := bp.Run(nil, build(0.05), 1, bp.RunnerSettings{DT: 0.05}); err != nil {
		t.Errorf("built for and run at dt 0.05: %v", err)
	}
	net := build(0) // the default DT, 0.1 ms
	_, err := bp.NewRunner(net, bp.RunnerSettings{DT: 0.05})
	if !errors.Is(err, bp.ErrBadRun) || !errors.Is(err, ErrDelay) || !strings.Contains(err.Error(), `"proj"`) ||
		!strings.Contains(err.Error(), "DT = 0.1 ms") || !strings.Contains(err.Error(), "dt = 0.05 ms") {
		t.Errorf("projection built for dt 0.1 run at 0.05: error %v, want ErrBadRun and ErrDelay naming proj and both steps", err)
	}
	for _, c := range []struct {
		name string
		err  error
	}{{"coupling", ErrDelay}, {"fhn", ErrRate}} {
		m, _ := bp.Find(net, c.name)
		if err := m.(bp.DTChecker).CheckDT(0.05); !errors.Is(err, c.err) || !strings.Contains(err.Error(), "DT = 0.1 ms") {
			t.Errorf("%s built for dt 0.1, CheckDT(0.05): %v", c.name, err)
		}
		if err := m.(bp.DTChecker).CheckDT(0.1); err != nil {
			t.Errorf("%s built for dt 0.1, CheckDT(0.1): %v", c.name, err)
		}
	}
}
