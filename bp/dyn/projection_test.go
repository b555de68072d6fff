package dyn

import (
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/braingo/braingo/bp"
	bm "github.com/braingo/braingo/bp/math"
)

// synRecorder is a postsynaptic group for projection tests: it records the
// total synaptic current at each step and never spikes.
type synRecorder struct {
	Population
	got []float64
}

func newSynRecorder(n int, v float64) *synRecorder {
	r := &synRecorder{Population: NewPopulation(n), got: make([]float64, n)}
	for i := range r.V {
		r.V[i] = v - float64(i) // different potentials, so COBA currents differ
	}
	return r
}

func (r *synRecorder) Update(*bp.Context) { copy(r.got, r.Current()) }

// synSpikeSource replays random spikes with probability p per step.
type synSpikeSource struct {
	s   []bool
	p   float64
	rng *bm.RNG
}

func (s *synSpikeSource) Spikes() []bool { return s.s }
func (s *synSpikeSource) Update(*bp.Context) {
	for i := range s.s {
		s.s[i] = s.rng.Bernoulli(s.p)
	}
}

// denseOf returns the pre×post weights of a comm by probing it with one
// spike at a time.
func denseOf(c Comm) [][]float64 {
	nPre, nPost := c.Shape()
	w := make([][]float64, nPre)
	sp := make([]bool, nPre)
	for i := range w {
		w[i] = make([]float64, nPost)
		sp[i] = true
		c.EventAdd(w[i], sp)
		sp[i] = false
	}
	return w
}

func testComms(t *testing.T, nPre, nPost int) map[string]Comm {
	rng := bm.NewRNG(3)
	flat := make([]float64, nPre*nPost)
	for i := range flat {
		if rng.Bernoulli(0.3) {
			flat[i] = rng.Uniform(0.1, 1)
		}
	}
	dense, err := NewDenseCommFlat(nPre, nPost, flat)
	if err != nil {
		t.Fatal(err)
	}
	csr, err := NewCSRComm(bm.CSRFromDense(dense.Matrix()))
	if err != nil {
		t.Fatal(err)
	}
	all, _ := NewAllToAll(nPre, nPost, 0.25, false)
	jit, err := NewJITComm(nPre, nPost, 0.4, bm.UniformWeight(0.2, 0.8), 9)
	if err != nil {
		t.Fatal(err)
	}
	cs := map[string]Comm{"dense": dense, "csr": csr, "all2all": all, "jit": jit}
	if nPre == nPost {
		one, _ := NewOneToOne(nPre, 0.7)
		noSelf, _ := NewAllToAll(nPre, nPost, 0.25, true)
		cs["one2one"], cs["all2all-noself"] = one, noSelf
	}
	return cs
}

func TestCommDenseEquivalence(t *testing.T) {
	// MatVecAdd of every layer equals the dense product with the weights
	// EventAdd reveals, and the no-self all-to-all has a zero diagonal.
	for _, n := range [][2]int{{7, 5}, {6, 6}} {
		for name, c := range testComms(t, n[0], n[1]) {
			w := denseOf(c)
			x := make([]float64, n[0])
			for i := range x {
				x[i] = float64(i%3) - 0.5
			}
			got := make([]float64, n[1])
			c.MatVecAdd(got, x)
			for j := range got {
				want := 0.0
				for i := range x {
					want += w[i][j] * x[i]
				}
				if math.Abs(got[j]-want) > 1e-12 {
					t.Errorf("%s %v: MatVecAdd[%d] = %v, dense %v", name, n, j, got[j], want)
				}
			}
			if name == "all2all-noself" && w[2][2] != 0 {
				t.Errorf("all-to-all without self has W[2,2] = %v", w[2][2])
			}
		}
	}
}

// TestProjectionsAgainstDense runs every projection type with every layer
// and compares the current the postsynaptic group receives with a dense
// computation written out here.
func TestProjectionsAgainstDense(t *testing.T) {
	const (
		nPre, nPost = 6, 6
		dt, steps   = 0.1, 300
		delaySteps  = 3
		tau, E      = 4.0, -10.0
	)
	for name, comm := range testComms(t, nPre, nPost) {
		w := denseOf(comm)
		for _, kind := range []string{"post", "pre", "pre-stp", "delta"} {
			src := &synSpikeSource{s: make([]bool, nPre), p: 0.2, rng: bm.NewRNG(11)}
			post := newSynRecorder(nPost, -60)
			var proj bp.Model
			var err error
			d := DelayOptions{DelaySteps: delaySteps}
			switch kind {
			case "post":
				syn, _ := NewExpon(nPost, ExponParams{Tau: tau})
				proj, err = NewProjAlignPost(src, post, comm, syn, &COBA{E: E}, d)
			case "pre":
				syn, _ := NewExpon(nPre, ExponParams{Tau: tau})
				proj, err = NewProjAlignPre(src, post, comm, syn, &COBA{E: E}, d)
			case "pre-stp":
				stp, _ := NewSTP(nPre, STPParams{U: 0.3, TauF: 20, TauD: 50})
				ex, _ := NewExpon(nPre, ExponParams{Tau: tau})
				syn, _ := NewChain(stp, ex)
				proj, err = NewProjAlignPre(src, post, comm, syn, &CUBA{}, d)
			case "delta":
				proj, err = NewProjDelta(src, post, comm, d)
			}
			if err != nil {
				t.Fatal(err)
			}
			// Reference state.
			var hist [][]bool
			gPre := make([]float64, nPre)
			u, x := make([]float64, nPre), make([]float64, nPre)
			for i := range x {
				x[i] = 1
			}
			gPost := make([]float64, nPost)
			ctx := &bp.Context{DT: dt}
			for k := range steps {
				ctx.Step, ctx.T = int64(k), float64(k)*dt
				// The projection reads the spikes of the previous step.
				hist = append(hist, append([]bool(nil), src.s...))
				vBefore := append([]float64(nil), post.V...)
				proj.Update(ctx)
				post.Update(ctx)
				src.Update(ctx)
				var sp []bool
				if k >= delaySteps {
					sp = hist[k-delaySteps]
				} else {
					sp = make([]bool, nPre)
				}
				f := math.Exp(-dt / tau)
				switch kind {
				case "post":
					for j := range gPost {
						gPost[j] *= f
						for i := range sp {
							if sp[i] {
								gPost[j] += w[i][j]
							}
						}
					}
				case "pre", "pre-stp":
					for i := range gPre {
						inc := 0.0
						if kind == "pre-stp" {
							u[i] *= math.Exp(-dt / 20)
							x[i] = 1 - (1-x[i])*math.Exp(-dt/50)
							if sp[i] {
								u[i] += 0.3 * (1 - u[i])
								inc = u[i] * x[i]
								x[i] -= inc
							}
						} else if sp[i] {
							inc = 1
						}
						gPre[i] = gPre[i]*f + inc
					}
					for j := range gPost {
						gPost[j] = 0
						for i := range gPre {
							gPost[j] += w[i][j] * gPre[i]
						}
					}
				}
				for j := range gPost {
					var want float64
					switch kind {
					case "post", "pre":
						want = gPost[j] * (E - post.V[j])
					case "pre-stp":
						want = gPost[j]
					case "delta":
						dv := 0.0
						for i := range sp {
							if sp[i] {
								dv += w[i][j]
							}
						}
						if got := post.V[j] - vBefore[j]; math.Abs(got-dv) > 1e-12 {
							t.Fatalf("%s/%s step %d: ΔV[%d] = %v, dense %v", name, kind, k, j, got, dv)
						}
						continue
					}
					if got := post.got[j]; math.Abs(got-want) > 1e-10*(1+math.Abs(want)) {
						t.Fatalf("%s/%s step %d: current[%d] = %v, dense %v", name, kind, k, j, got, want)
					}
				}
			}
			// The hot path allocates nothing: projection, output and group.
			step := func() { proj.Update(ctx); post.Update(ctx); src.Update(ctx) }
			if allocs := testing.AllocsPerRun(10, step); allocs != 0 {
				t.Errorf("%s/%s: a step allocates %v times, want 0", name, kind, allocs)
			}
		}
	}
}

func TestProjectionBadInputs(t *testing.T) {
	src := &synSpikeSource{s: make([]bool, 4)}
	post := newSynRecorder(3, 0)
	good, _ := NewAllToAll(4, 3, 1, false)
	wrong, _ := NewAllToAll(3, 4, 1, false)
	synPost, _ := NewExpon(3, ExponParams{})
	synPre, _ := NewExpon(4, ExponParams{})
	for name, err := range map[string]error{
		"post: comm shape":   second(NewProjAlignPost(src, post, wrong, synPost, &COBA{}, DelayOptions{})),
		"post: syn size":     second(NewProjAlignPost(src, post, good, synPre, &COBA{}, DelayOptions{})),
		"post: nil out":      second(NewProjAlignPost(src, post, good, synPost, nil, DelayOptions{})),
		"pre: syn size":      second(NewProjAlignPre(src, post, good, synPost, &COBA{}, DelayOptions{})),
		"pre: comm shape":    second(NewProjAlignPre(src, post, wrong, synPre, &COBA{}, DelayOptions{})),
		"delta: comm shape":  second(NewProjDelta(src, post, wrong, DelayOptions{})),
		"delta: nil comm":    second(NewProjDelta(src, post, nil, DelayOptions{})),
		"delta: nil matrix":  second(NewProjDelta(src, post, NewDenseComm(nil), DelayOptions{})),
		"post: delay > max":  second(NewProjAlignPost(src, post, good, synPost, &COBA{}, DelayOptions{Delay: 20, MaxDelaySteps: 100})),
		"pre: negative":      second(NewProjAlignPre(src, post, good, synPre, &COBA{}, DelayOptions{DelaySteps: -2})),
		"delta: delay > max": second(NewProjDelta(src, post, good, DelayOptions{DelaySteps: DefaultMaxDelaySteps + 1})),
	} {
		want := ErrSizeMismatch
		if name[len(name)-3:] == "max" || name[len(name)-3:] == "ive" {
			want = ErrDelay
		}
		if !errors.Is(err, want) {
			t.Errorf("%s: err = %v, want %v", name, err, want)
		}
	}
	if _, err := NewDenseCommFlat(2, 3, make([]float64, 5)); !errors.Is(err, ErrSizeMismatch) {
		t.Errorf("dense 2×3 with 5 weights: err = %v", err)
	}
	if _, err := NewAllToAll(2, 3, 1, true); !errors.Is(err, ErrSizeMismatch) {
		t.Errorf("all-to-all 2×3 without self: err = %v", err)
	}
	if _, err := NewCSRComm(&bm.CSR{Rows: 2, Cols: 2, Indptr: []int32{0, 1, 1}, Indices: []int32{5}}); err == nil {
		t.Error("CSR with an index out of range: no error")
	}
	for _, prob := range []float64{-0.1, 1.5, math.NaN()} {
		_, err := NewJITComm(4, 3, prob, bm.HomoWeight(1), 1)
		if err == nil || !strings.Contains(err.Error(), "[0, 1]") {
			t.Errorf("just-in-time layer with probability %v: err = %v, want one naming the range [0, 1]", prob, err)
		}
	}
}
