package ei_test

import (
	"context"
	"testing"

	"github.com/braingo/braingo/benchmarks/ei"
	"github.com/braingo/braingo/bp"
)

// TestSmoke runs each model at 4000 neurons for 100 ms (BrainGo only) and
// checks the mean rate against the band of Brian2's 1-s rates on this
// network (COBA ≈ 21, CUBA ≈ 15, COBAHH ≈ 36 Hz; the first 100 ms are a
// transient, so the band is wide) and that the same seed repeats.
func TestSmoke(t *testing.T) {
	bands := map[string][2]float64{"coba": {5, 60}, "coba-jit": {5, 60}, "cuba": {3, 50}, "cobahh": {5, 120}}
	for _, model := range ei.Models {
		var first ei.Result
		for run := range 2 {
			net, err := ei.Build(ei.Config{Model: model, N: 4000, Seed: 3})
			if err != nil {
				t.Fatal(err)
			}
			res, err := net.Run(context.Background(), 100)
			if err != nil {
				t.Fatalf("%s: %v", model, err)
			}
			if run == 0 {
				first = res
				b := bands[model]
				t.Logf("%s: %.1f Hz, %d synapses", model, res.RateHz, net.Synapses)
				if res.RateHz < b[0] || res.RateHz > b[1] {
					t.Errorf("%s: mean rate %.2f Hz over 100 ms, want %g–%g Hz", model, res.RateHz, b[0], b[1])
				}
				if want := int64(80 * 4000); net.Synapses < want*95/100 || net.Synapses > want*105/100 {
					t.Errorf("%s: %d synapses, want about 80·N = %d", model, net.Synapses, want)
				}
				continue
			}
			if res != first {
				t.Errorf("%s: same seed, %+v then %+v", model, first, res)
			}
		}
	}
}

// TestWorkersSameSpikes runs every model on one, two and three goroutines
// and requires the same spikes: equal counts and equal hashes of every
// (step, neuron) pair.
func TestWorkersSameSpikes(t *testing.T) {
	for _, model := range ei.Models {
		var first ei.Result
		for _, workers := range []int{1, 2, 3} {
			net, err := ei.Build(ei.Config{Model: model, N: 3000, Seed: 5, Workers: workers})
			if err != nil {
				t.Fatal(err)
			}
			res, err := net.Run(context.Background(), 60)
			if err != nil {
				t.Fatalf("%s, %d workers: %v", model, workers, err)
			}
			if workers == 1 {
				first = res
				if res.Spikes == 0 {
					t.Fatalf("%s: no spikes in 60 ms, nothing to compare", model)
				}
				continue
			}
			if res != first {
				t.Errorf("%s: %d workers gave %+v, one gave %+v", model, workers, res, first)
			}
		}
	}
}

// TestRunsContinue checks that two runs of 30 ms give the spikes of one
// run of 60 ms, on one goroutine and on two: the second run continues in
// time (refractory periods and delivery carry over) instead of restarting
// at t = 0.
func TestRunsContinue(t *testing.T) {
	for _, workers := range []int{1, 2} {
		var hashes [2]uint64
		var spikes [2]int64
		for k, parts := range [][]float64{{60}, {30, 30}} {
			net, err := ei.Build(ei.Config{Model: "coba", N: 2000, Seed: 4, Workers: workers})
			if err != nil {
				t.Fatal(err)
			}
			for _, d := range parts {
				res, err := net.Run(context.Background(), d)
				if err != nil {
					t.Fatal(err)
				}
				hashes[k], spikes[k] = res.Hash, spikes[k]+res.Spikes
			}
		}
		if spikes[0] == 0 || hashes[0] != hashes[1] || spikes[0] != spikes[1] {
			t.Errorf("%d workers: one 60 ms run gave %d spikes (hash %x), two of 30 ms %d (hash %x)",
				workers, spikes[0], hashes[0], spikes[1], hashes[1])
		}
	}
}

func TestBuildErrors(t *testing.T) {
	for _, c := range []ei.Config{{Model: "nope", N: 100}, {Model: "coba", N: 2}} {
		if _, err := ei.Build(c); err == nil {
			t.Errorf("%+v: no error", c)
		}
	}
}

// BenchmarkStep times one network step (dt 0.1 ms) of each model at 4000
// neurons after a 200-ms warm-up, and must report 0 allocs/op.
func BenchmarkStep(b *testing.B) {
	for _, model := range ei.Models {
		b.Run(model, func(b *testing.B) {
			net, err := ei.Build(ei.Config{Model: model, N: 4000, Seed: 1})
			if err != nil {
				b.Fatal(err)
			}
			if _, err := net.Run(context.Background(), 200); err != nil {
				b.Fatal(err)
			}
			ctx := &bp.Context{DT: ei.DT, T: 200, Step: 2000, Epoch: 1} // one epoch, as a Runner gives
			b.ReportAllocs()
			cpu := cpuNanos()
			for b.Loop() {
				net.Step(ctx)
				ctx.Step++
				ctx.T = float64(ctx.Step) * ei.DT
			}
			cpu = cpuNanos() - cpu
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/4000, "ns/neuron-step")
			b.ReportMetric(float64(cpu)/float64(b.N)/4000, "cpu-ns/neuron-step")
		})
	}
}
