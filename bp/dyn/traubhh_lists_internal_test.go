// Tests of TraubHH's spike lists, first written by an independent audit.
package dyn

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/braingo/braingo/bp"
)

// traubListsListCheck compares, when it runs, the list a projection would
// deliver from (latest) with the spike flags of its group.
type traubListsListCheck struct {
	t                *testing.T
	name             string
	lists            *spikeLists
	spikes           func() []bool
	withList, noList int
}

func (c *traubListsListCheck) Update(ctx *bp.Context) {
	l := c.lists.latest(ctx)
	if l == nil {
		c.noList++
		return
	}
	c.withList++
	var got []int32
	for k := range l.parts {
		got = append(got, l.segment(k)...)
	}
	var want []int32
	for i, s := range c.spikes() {
		if s {
			want = append(want, int32(i))
		}
	}
	if !slices.Equal(got, want) {
		c.t.Errorf("%s step %d: list %v, flags %v", c.name, ctx.Step, got, want)
	}
}

// traubListsTraub is a firing TraubHH group on its block path (Bias only)
// unless method or noise say otherwise.
func traubListsTraub(t *testing.T, method string, noise float64) *TraubHH {
	t.Helper()
	h, err := NewTraubHH(300, TraubHHParams{Seed: 5, Method: method, Noise: noise, V0: Between(-70, -10)})
	if err != nil {
		t.Fatal(err)
	}
	h.AddSource(Bias(800))
	return h
}

// TestTraubListsMatchFlags: before the group (the list of the step
// before) and after it (the list of the step), with 1, 2, 3 and 17
// workers, with noise, and after a Reset between runs, the list equals the
// flags; the non-range paths (rk4) have no list; SpikeCounter counts what
// the flags show.
func TestTraubListsMatchFlags(t *testing.T) {
	for _, c := range []struct {
		method  string
		noise   float64
		workers int
		lists   bool
	}{{"", 0, 1, true}, {"", 0, 2, true}, {"", 0, 3, true}, {"", 0, 17, true}, {"", 0.3, 2, true}, {"rk4", 0, 2, false}} {
		h := traubListsTraub(t, c.method, c.noise)
		before := &traubListsListCheck{t: t, name: "before", lists: &h.lists, spikes: h.Spikes}
		after := &traubListsListCheck{t: t, name: "after", lists: &h.lists, spikes: h.Spikes}
		counter := NewSpikeCounter(h)
		net := bp.NewNetwork()
		if err := errors.Join(net.Add("before", before), net.Add("H", h), net.Add("after", after), net.Add("count", counter)); err != nil {
			t.Fatal(err)
		}
		r, err := bp.NewRunner(net, bp.RunnerSettings{DT: 0.05, Workers: c.workers, Progress: bp.NoProgress,
			Monitors: []bp.Monitor{{Var: "H.spike"}}})
		if err != nil {
			t.Fatal(err)
		}
		total := 0
		for run := range 2 {
			res, err := r.Run(context.Background(), 10)
			if err != nil {
				t.Fatal(err)
			}
			total += len(res.Spikes["H.spike"].T)
			if run == 0 {
				bp.Reset(net, 0)
				clear(counter.Count)
				total = 0
			}
		}
		if int(counter.Total()) != total || total == 0 {
			t.Errorf("%+v: counter %d spikes, monitor %d (want equal, > 0)", c, counter.Total(), total)
		}
		if c.lists && (after.withList == 0 || after.noList > 0) {
			t.Errorf("%+v: after the group: %d steps with a list, %d without", c, after.withList, after.noList)
		}
		if !c.lists && (after.withList > 0 || before.withList > 0) {
			t.Errorf("%+v: lists on a non-range path", c)
		}
	}
}

// traubListsFlags hides a group's lists: a projection from it reads the flags.
type traubListsFlags struct{ bp.Spiker }

// TestTraubDeliveryListVsFlags: a CSR projection from a TraubHH
// delivers the same from its list as from its flags (bit-identical V of
// the postsynaptic group), projection before and after the group, 1 and 2
// workers.
func TestTraubDeliveryListVsFlags(t *testing.T) {
	run := func(hide, projFirst bool, workers int) []float64 {
		h := traubListsTraub(t, "", 0)
		post, err := NewLIF(500, LIFParams{VRest: -60, VReset: -60, VTh: -50, Tau: 20, V0: Between(-60, -50), Seed: 4})
		if err != nil {
			t.Fatal(err)
		}
		post.AddSource(Bias(5))
		conn, err := ConnFixedProb(300, 500, 0.1, ConnOptions{Seed: 8})
		if err != nil {
			t.Fatal(err)
		}
		conn.W = 0.3
		comm, err := NewCSRComm(conn)
		if err != nil {
			t.Fatal(err)
		}
		syn, _ := NewExpon(500, ExponParams{Tau: 5})
		var pre bp.Spiker = h
		if hide {
			pre = traubListsFlags{h}
		}
		proj, err := NewProjAlignPost(pre, post, comm, syn, &COBA{E: 0}, DelayOptions{DT: 0.05})
		if err != nil {
			t.Fatal(err)
		}
		net := bp.NewNetwork()
		if projFirst {
			err = errors.Join(net.Add("p", proj), net.Add("H", h), net.Add("post", post))
		} else {
			err = errors.Join(net.Add("H", h), net.Add("p", proj), net.Add("post", post))
		}
		if err != nil {
			t.Fatal(err)
		}
		if _, err := bp.Run(context.Background(), net, 20, bp.RunnerSettings{DT: 0.05, Workers: workers, Progress: bp.NoProgress}); err != nil {
			t.Fatal(err)
		}
		return append([]float64(nil), post.V...)
	}
	for _, projFirst := range []bool{false, true} {
		want := run(true, projFirst, 1)
		for _, workers := range []int{1, 2} {
			got := run(false, projFirst, workers)
			if !slices.Equal(got, want) {
				t.Errorf("projection first %v, workers %d: V from the list differs from V from the flags", projFirst, workers)
			}
		}
	}
}
