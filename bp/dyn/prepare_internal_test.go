package dyn

import (
	"testing"

	"github.com/braingo/braingo/bp"
)

// TestCSRPrepareParts checks that PrepareParts computes, before any step,
// where each sorted row crosses the parts' ranges (against a scan of the
// row), and nothing for one part.
func TestCSRPrepareParts(t *testing.T) {
	csr, err := ConnFixedProb(300, 1000, 0.05, ConnOptions{Seed: 7})
	if err != nil {
		t.Fatal(err)
	}
	c, err := NewCSRComm(csr)
	if err != nil {
		t.Fatal(err)
	}
	c.PrepareParts(1)
	if c.splits.Load() != nil {
		t.Fatal("PrepareParts(1) computed splits")
	}
	const parts = 3
	c.PrepareParts(parts)
	s := c.splits.Load()
	if s == nil || s.parts != parts {
		t.Fatalf("after PrepareParts(%d): splits %+v", parts, s)
	}
	for i := range c.Rows {
		for b := range parts {
			lo, _ := bp.PartRange(c.Cols, b, parts)
			want := c.Indptr[i]
			for want < c.Indptr[i+1] && int(c.Indices[want]) < lo {
				want++
			}
			if got := s.bounds[i*parts+b]; got != want {
				t.Fatalf("row %d, part %d: starts at %d, want %d", i, b, got, want)
			}
		}
	}
	if got, want := s.bounds[c.Rows*parts], c.Indptr[c.Rows]; got != want {
		t.Errorf("end bound %d, want %d", got, want)
	}
	if c.PrepareParts(parts); c.splits.Load() != s {
		t.Error("PrepareParts for the same parts computed the splits again")
	}
}

// TestProjPreparesOnlyWhenSplit checks that a projection has its
// connection prepared for the runner's workers only when its step splits
// by parts: with a delay it runs on one goroutine and needs no splits.
func TestProjPreparesOnlyWhenSplit(t *testing.T) {
	for _, c := range []struct {
		delay float64
		want  bool
	}{{0, true}, {1, false}} {
		pre, err := NewLIF(200, LIFParams{})
		if err != nil {
			t.Fatal(err)
		}
		post, err := NewLIF(300, LIFParams{})
		if err != nil {
			t.Fatal(err)
		}
		csr, err := ConnFixedProb(200, 300, 0.1, ConnOptions{Seed: 3})
		if err != nil {
			t.Fatal(err)
		}
		comm, err := NewCSRComm(csr)
		if err != nil {
			t.Fatal(err)
		}
		syn, err := NewExpon(300, ExponParams{Tau: 5})
		if err != nil {
			t.Fatal(err)
		}
		proj, err := NewProjAlignPost(pre, post, comm, syn, &COBA{}, DelayOptions{Delay: c.delay})
		if err != nil {
			t.Fatal(err)
		}
		net := bp.NewNetwork()
		for _, m := range []struct {
			name string
			m    bp.Model
		}{{"proj", proj}, {"pre", pre}, {"post", post}} {
			if err := net.Add(m.name, m.m); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := bp.NewRunner(net, bp.RunnerSettings{Workers: 2}); err != nil {
			t.Fatal(err)
		}
		if got := comm.splits.Load() != nil; got != c.want {
			t.Errorf("delay %g ms: splits prepared %v, want %v", c.delay, got, c.want)
		}
	}
}
