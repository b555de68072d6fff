package main

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/braingo/braingo/benchmarks/ei"
)

// runScaling measures how BrainGo's time per neuron-step grows with the
// network (-scaling): in each of o.repeats rounds every model runs once
// at every size and goroutine count, the sizes in alternating order, all
// with the round's seed; a size's ratio is the median over the rounds of
// its time per neuron-step over the first size's in the same round. Pairs
// taken minutes apart on a shared machine differ by more than the effect,
// so the ratio is only ever taken within a round. Brian2 does not run.
func runScaling(o options, exe string) error {
	runs := map[scaleKey][]goRun{} // one per round
	started := time.Now()
	for r := range o.repeats {
		seed := o.seed + uint64(r)
		sizes := slices.Clone(o.sizes)
		if r%2 == 1 {
			slices.Reverse(sizes)
		}
		for _, n := range sizes {
			for _, m := range o.models {
				for _, w := range o.workers {
					rec, err := runGoChild(o, exe, m, n, w, o.durations[0], seed)
					if err != nil {
						return err
					}
					k := scaleKey{m, w, n}
					runs[k] = append(runs[k], rec)
				}
			}
		}
	}
	return writeTable(o, renderScaling(o, runs, time.Since(started)))
}

// scaleKey identifies the runs of one model, goroutine count and size.
type scaleKey struct {
	model   string
	workers int
	n       int
}

// nsPerNeuronStep returns a run's wall time per neuron and step (ns).
func nsPerNeuronStep(r goRun) float64 {
	return r.SimS * 1e9 / (float64(r.N) * r.DurationMS / ei.DT)
}

// scaleRatios returns, round by round, the time per neuron-step of runs
// over that of base (the same round, the first size).
func scaleRatios(runs, base []goRun) []float64 {
	ratios := make([]float64, 0, len(runs))
	for k, r := range runs {
		if k < len(base) {
			ratios = append(ratios, nsPerNeuronStep(r)/nsPerNeuronStep(base[k]))
		}
	}
	return ratios
}

// renderScaling formats the scaling runs as Markdown.
func renderScaling(o options, runs map[scaleKey][]goRun, took time.Duration) string {
	var b strings.Builder
	first := o.sizes[0]
	writeHeader(&b, o, fmt.Sprintf("BrainGo scaling: time per neuron-step against N = %d", first))
	fmt.Fprintf(&b, "\n- %d round(s): each runs every model at every size and goroutine count once, with seed %d+r, the sizes in alternating order; %g ms each. "+
		"ns per neuron-step = wall time of the simulation per neuron and step (median); ratio = median over the rounds of the time per neuron-step at N over that at N = %d in the same round (the same model and goroutines). Whole run: %s.\n\n",
		o.repeats, o.seed, o.durations[0], first, took.Round(time.Second))
	head := []string{"model", "goroutines", "N", "synapses", "BrainGo (s)", "ns per neuron-step", fmt.Sprintf("ratio to N = %d", first), "rate (Hz)", "peak (MB)"}
	fmt.Fprintf(&b, "| %s |\n|%s\n", strings.Join(head, " | "), strings.Repeat("---|", len(head)))
	for _, m := range o.models {
		for _, w := range o.workers {
			for _, n := range o.sizes {
				rs := runs[scaleKey{m, w, n}]
				var sims, ns, rates, peaks []float64
				for _, r := range rs {
					sims = append(sims, r.SimS)
					ns = append(ns, nsPerNeuronStep(r))
					rates = append(rates, r.RateHz)
					peaks = append(peaks, float64(r.PeakRSS)/1e6)
				}
				ratio := "1"
				if n != first {
					ratio = fmt.Sprintf("%.2f", median(scaleRatios(rs, runs[scaleKey{m, w, first}])))
				}
				fmt.Fprintf(&b, "| %s | %d | %d | %d | %.3f | %.2f | %s | %.2f | %.0f |\n", m, w, n, rs[0].Synapses,
					median(sims), median(ns), ratio, mean(rates), median(peaks))
			}
		}
	}
	return b.String()
}

// scalingFlagsErr reports what -scaling needs that the flags lack.
func scalingFlagsErr(o options) error {
	if len(o.sizes) < 2 {
		return fmt.Errorf("-scaling with -sizes %v: want at least two sizes (the first is the reference)", o.sizes)
	}
	if len(o.durations) != 1 {
		return fmt.Errorf("-scaling with %d durations: want one", len(o.durations))
	}
	return nil
}
