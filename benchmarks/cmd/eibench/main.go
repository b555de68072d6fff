// Command eibench runs the E/I network benchmarks (COBA, CUBA, COBAHH of
// Brette et al. 2007, and COBA through just-in-time connectivity) in
// BrainGo and in Brian2's C++ standalone mode, interleaved and repeated,
// and prints one table (also written to benchmarks/RESULTS.md).
//
// Every BrainGo measurement runs in a fresh child process (this binary with
// -child), so its peak memory is its own. Brian2 runs benchmarks/brian2/ei.py
// with /usr/bin/python3; its time is Brian2's own run time (code
// generation, compilation and synapse creation excluded). The compiled
// Brian2 projects are kept in -workdir so that repeats only recompile
// main.cpp. Ratios are BrainGo time over Brian2 time, taken pair by pair
// (the same seed, run one after the other) and reported as medians. With
// -scaling it runs BrainGo alone and tables its time per neuron-step at
// each size against the first (runScaling).
//
// Usage (from the repository root; GOAMD64=v3 lets the compiler use FMA):
//
//	GOAMD64=v3 go run ./benchmarks/cmd/eibench -models coba,cuba,cobahh,coba-jit -sizes 4000,40000 -durations 1000 -repeats 3
//	go run ./benchmarks/cmd/eibench -sizes 4000 -durations 100 -repeats 1 -brian-threads ""   # quick, BrainGo only
//	GOAMD64=v3 go run ./benchmarks/cmd/eibench -scaling -models coba -sizes 4000,400000 -durations 1000 -repeats 3
package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/braingo/braingo/benchmarks/ei"
)

// goRun is the record of one BrainGo run (the child's JSON line).
type goRun struct {
	Model      string  `json:"model"`
	N          int     `json:"n"`
	DurationMS float64 `json:"duration_ms"`
	Seed       uint64  `json:"seed"`
	BuildS     float64 `json:"build_s"`
	SimS       float64 `json:"sim_s"`
	RateHz     float64 `json:"rate_hz"`
	Spikes     int64   `json:"spikes"`
	Synapses   int64   `json:"synapses"`
	CPUS       float64 `json:"cpu_s"`          // user+system CPU time of the simulation
	PeakRSS    int64   `json:"peak_rss_bytes"` // VmHWM of the child
	HeapBytes  int64   `json:"heap_bytes"`     // live heap after construction
	Workers    int     `json:"workers"`        // goroutines sharing each step
	Hash       uint64  `json:"hash"`           // hash of every (step, neuron) spike
}

// brianRun is the record ei.py prints.
type brianRun struct {
	SimS     float64 `json:"sim_s"`
	RateHz   float64 `json:"rate_hz"`
	Synapses int64   `json:"synapses"`
	Threads  int     `json:"threads"`
}

type options struct {
	models, threads   []string
	sizes, workers    []int
	durations         []float64
	repeats           int
	seed              uint64
	python, script    string
	workdir, out      string
	appendOut         bool
	timeout           time.Duration
	goamd64, goString string
	brian             string // Brian2's version, when it runs
	scaling           bool   // BrainGo's time per neuron-step across sizes instead (runScaling)
}

func main() {
	var (
		child    = flag.Bool("child", false, "internal: run one BrainGo measurement and print it as JSON")
		probe    = flag.Bool("probe", false, "with -child: measure the machine's capacity on -w goroutines instead (see runProbe)")
		model    = flag.String("model", "coba", "with -child: the model")
		n        = flag.Int("n", 4000, "with -child: the number of neurons")
		nWorkers = flag.Int("w", 1, "with -child: goroutines sharing each step")
		workers  = flag.String("workers", "1", "BrainGo goroutine counts to run (the first is the one compared with Brian2; the others are compared with it, time and spikes)")
		duration = flag.Float64("duration", 1000, "with -child: the simulated time (ms)")
		models   = flag.String("models", "coba,cuba,cobahh,coba-jit", "models to run (coba, cuba, cobahh, coba-jit)")
		sizes    = flag.String("sizes", "4000,40000", "network sizes (neurons)")
		durs     = flag.String("durations", "1000,5000", "simulated durations (ms)")
		repeats  = flag.Int("repeats", 3, "interleaved BrainGo/Brian2 pairs per configuration")
		threads  = flag.String("brian-threads", "1,2", `Brian2 OpenMP thread counts to compare with ("" skips Brian2)`)
		seed     = flag.Uint64("seed", 1, "seed of the first repeat (repeat r uses seed+r, in both simulators)")
		python   = flag.String("python", "/usr/bin/python3", "Python with Brian2")
		script   = flag.String("brian-script", "benchmarks/brian2/ei.py", "the Brian2 script")
		workdir  = flag.String("workdir", filepath.Join(os.TempDir(), "braingo-eibench-brian2"), "Brian2 project folders (kept between runs)")
		out      = flag.String("out", "benchmarks/RESULTS.md", `where to write the results table ("" for nowhere)`)
		appendTo = flag.Bool("append", false, "append the table to -out instead of replacing it")
		timeout  = flag.Duration("timeout", 15*time.Minute, "limit for a single run")
		scaling  = flag.Bool("scaling", false, "BrainGo alone: its time per neuron-step at each of -sizes against the first size, sizes interleaved in -repeats rounds, one duration")
	)
	flag.Parse()
	if *child {
		run := func() error { return runChild(*model, *n, *nWorkers, *duration, *seed) }
		if *probe {
			run = func() error { return runProbe(*nWorkers) }
		}
		if err := run(); err != nil {
			fmt.Fprintln(os.Stderr, "eibench -child:", err)
			os.Exit(1)
		}
		return
	}
	o := options{models: splitList(*models), threads: splitList(*threads), repeats: *repeats, seed: *seed,
		python: *python, script: *script, workdir: *workdir, out: *out, appendOut: *appendTo, timeout: *timeout, scaling: *scaling}
	var err error
	if o.sizes, err = parseInts(*sizes, 5); err == nil {
		if o.workers, err = parseInts(*workers, 1); err == nil {
			o.durations, err = parseFloats(*durs)
		}
	}
	if err == nil && o.repeats < 1 {
		err = fmt.Errorf("-repeats %d, want at least 1", o.repeats)
	}
	if err == nil && o.scaling {
		err = scalingFlagsErr(o)
	}
	for _, m := range o.models {
		if err == nil && !slices.Contains(ei.Models, m) {
			err = fmt.Errorf("unknown model %q (known: %s)", m, strings.Join(ei.Models, ", "))
		}
	}
	if err == nil {
		err = run(o)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "eibench:", err)
		os.Exit(1)
	}
}

// runChild builds and runs one network and prints its goRun.
func runChild(model string, n, workers int, duration float64, seed uint64) error {
	start := time.Now()
	net, err := ei.Build(ei.Config{Model: model, N: n, Seed: seed, Workers: workers})
	if err != nil {
		return err
	}
	build := time.Since(start).Seconds()
	// A GC (for the live heap below) that also returns the pages the
	// construction freed now: after a plain runtime.GC the runtime's
	// background scavenger returns them during the timed run, and each of
	// its madvise calls interrupts the simulating thread (4k CUBA, 10
	// alternating runs: median 0.0554 s against 0.0655 s).
	debug.FreeOSMemory()
	heap := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(heap)
	cpu0 := cpuTime()
	start = time.Now()
	res, err := net.Run(context.Background(), duration)
	if err != nil {
		return err
	}
	sim := time.Since(start).Seconds()
	cpu := cpuTime() - cpu0
	peak, err := vmHWM()
	if err != nil {
		return err
	}
	return json.NewEncoder(os.Stdout).Encode(goRun{Model: model, N: n, DurationMS: duration, Seed: seed,
		BuildS: build, SimS: sim, CPUS: cpu, RateHz: res.RateHz, Spikes: res.Spikes, Synapses: net.Synapses,
		PeakRSS: peak, HeapBytes: int64(heap[0].Value.Uint64()), Workers: workers, Hash: res.Hash})
}

// probeRecord is what a capacity probe prints (runProbe).
type probeRecord struct {
	Workers  int     `json:"workers"`
	Capacity float64 `json:"capacity"`
}

// runProbe measures how many cores' worth of work w goroutines get done
// on this machine now, and prints it: a fixed arithmetic loop over data in
// the L1 cache (no memory traffic, no synchronisation), first on one
// goroutine, then on w goroutines at once, each with its own copy, six
// times in turn; capacity = w·Σt₁/Σt_w. On a machine with w idle cores it is w. On shared
// virtual machines it is less, and it moves from minute to minute. It
// reads how much of w cores the machine gives a loop bound by arithmetic
// throughput; it does not bound every model's speed-up: where two vCPUs
// share a core's units, code that mostly waits (COBAHH's exps, misses)
// shares them better than this loop does.
func runProbe(w int) error {
	const size, reps, rounds = 4096, 2000, 6 // 32 KB per goroutine; about 40 ms per phase on one
	bufs := make([][]float64, w)
	for k := range bufs {
		bufs[k] = make([]float64, size+8) // apart by more than a cache line
	}
	sums := make([]float64, w*8)
	loop := func(k int) {
		b, s := bufs[k][:size], 0.0
		for range reps {
			for i := range b {
				b[i] = b[i]*0.999 + 1e-3
				s += b[i]
			}
		}
		sums[k*8] = s
	}
	done := make(chan struct{})
	var t1, tw time.Duration
	for range rounds { // alternating, so that both see the same drift
		start := time.Now()
		loop(0)
		t1 += time.Since(start)
		start = time.Now()
		for k := range w {
			go func() { loop(k); done <- struct{}{} }()
		}
		for range w {
			<-done
		}
		tw += time.Since(start)
	}
	return json.NewEncoder(os.Stdout).Encode(probeRecord{Workers: w, Capacity: float64(w) * t1.Seconds() / tw.Seconds()})
}

// cpuTime returns the user+system CPU time of this process (s).
func cpuTime() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return float64(ru.Utime.Nano()+ru.Stime.Nano()) / 1e9
}

// vmHWM returns the peak resident set size of this process (bytes).
func vmHWM() (int64, error) {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
			return kb * 1024, err
		}
	}
	return 0, errors.New("no VmHWM in /proc/self/status")
}

// group is the set of runs compared with one Brian2 model at one size and
// duration: BrainGo's COBA and COBA-JIT share Brian2's COBA runs.
type group struct {
	brian    string
	goModels []string
	n        int
	duration float64
	goRuns   map[string][]goRun     // by runKey (model and goroutines), one per repeat
	brRuns   map[string][]*brianRun // by thread count, one per repeat (nil when it failed)
	probes   map[int][]float64      // machine capacity on w goroutines (runProbe), one per repeat
}

func run(o options) error {
	exe, err := os.Executable()
	if err != nil {
		return err
	}
	o.goamd64, o.goString = buildInfo()
	if o.scaling {
		return runScaling(o, exe)
	}
	if len(o.threads) > 0 {
		// Before any run: without Brian2 every pair would fail, one
		// traceback each, after minutes of BrainGo runs.
		if o.brian, err = brianVersion(o.python); err != nil {
			return fmt.Errorf(`%w; install Debian's python3-brian (bash scripts/install.sh --bench) or run BrainGo alone with -brian-threads ""`, err)
		}
	}
	var groups []*group
	for _, n := range o.sizes {
		for _, d := range o.durations {
			byBrian := map[string]*group{}
			for _, m := range o.models {
				b := strings.TrimSuffix(m, "-jit")
				g := byBrian[b]
				if g == nil {
					g = &group{brian: b, n: n, duration: d, goRuns: map[string][]goRun{}, brRuns: map[string][]*brianRun{}, probes: map[int][]float64{}}
					byBrian[b] = g
					groups = append(groups, g)
				}
				g.goModels = append(g.goModels, m)
			}
		}
	}
	started := time.Now()
	for _, g := range groups {
		for r := range o.repeats {
			seed := o.seed + uint64(r)
			// Alternate which simulator goes first, so that neither always
			// runs after the other's load.
			steps := []func() error{
				func() error { return g.runGo(o, exe, seed) },
				func() error { return g.runBrian(o, seed) },
			}
			if r%2 == 1 {
				slices.Reverse(steps)
			}
			for _, s := range steps {
				if err := s(); err != nil {
					return err
				}
			}
		}
	}
	return writeTable(o, render(o, groups, time.Since(started)))
}

// writeTable prints table and writes it to o.out (appended when o.appendOut).
func writeTable(o options, table string) error {
	fmt.Print(table)
	if o.out == "" {
		return nil
	}
	if !o.appendOut {
		return os.WriteFile(o.out, []byte(table), 0o644)
	}
	f, err := os.OpenFile(o.out, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.WriteString("\n" + table); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// runGo runs every BrainGo model of the group once per goroutine count,
// each in a fresh child.
func (g *group) runGo(o options, exe string, seed uint64) error {
	for _, m := range g.goModels {
		for _, w := range o.workers {
			rec, err := runGoChild(o, exe, m, g.n, w, g.duration, seed)
			if err != nil {
				return err
			}
			k := runKey(m, w)
			g.goRuns[k] = append(g.goRuns[k], rec)
		}
	}
	// The machine's capacity on each larger goroutine count, right after
	// the runs whose speed-up it bounds.
	for _, w := range o.workers[1:] {
		line, err := runLine(o.timeout, exe, "-child", "-probe", "-w", strconv.Itoa(w))
		if err != nil {
			return fmt.Errorf("capacity probe: %w", err)
		}
		var rec probeRecord
		if err := json.Unmarshal(line, &rec); err != nil {
			return fmt.Errorf("capacity probe: %w in %q", err, line)
		}
		fmt.Fprintf(os.Stderr, "probe    %d goroutines: capacity %.2f\n", w, rec.Capacity)
		g.probes[w] = append(g.probes[w], rec.Capacity)
	}
	return nil
}

// runGoChild runs one BrainGo measurement in a fresh child and returns
// its record.
func runGoChild(o options, exe, model string, n, w int, duration float64, seed uint64) (goRun, error) {
	args := []string{"-child", "-model", model, "-n", strconv.Itoa(n), "-w", strconv.Itoa(w),
		"-duration", fmtFloat(duration), "-seed", strconv.FormatUint(seed, 10)}
	var rec goRun
	line, err := runLine(o.timeout, exe, args...)
	if err != nil {
		return rec, fmt.Errorf("BrainGo %s N=%d: %w", model, n, err)
	}
	if err := json.Unmarshal(line, &rec); err != nil {
		return rec, fmt.Errorf("BrainGo %s: %w in %q", model, err, line)
	}
	fmt.Fprintf(os.Stderr, "braingo %-8s N=%-7d %6.0f ms seed %d, %d goroutine(s): sim %.3f s, build %.2f s, %.2f Hz, peak %.0f MB\n",
		model, n, duration, seed, w, rec.SimS, rec.BuildS, rec.RateHz, float64(rec.PeakRSS)/1e6)
	return rec, nil
}

// runKey is the key of a model's runs on w goroutines in group.goRuns.
func runKey(model string, w int) string { return model + "/" + strconv.Itoa(w) }

// runBrian runs Brian2 once per thread count. A failed Brian2 run is
// reported and recorded as missing rather than stopping the benchmark.
func (g *group) runBrian(o options, seed uint64) error {
	for _, t := range o.threads {
		dir := filepath.Join(o.workdir, fmt.Sprintf("%s_%d_t%s", g.brian, g.n, t))
		line, err := runLine(o.timeout, o.python, o.script, g.brian, strconv.Itoa(g.n), fmtFloat(g.duration), t,
			strconv.FormatUint(seed, 10), dir)
		var rec *brianRun
		if err == nil {
			rec = new(brianRun)
			err = json.Unmarshal(line, rec)
		}
		if err != nil {
			fmt.Fprintf(os.Stderr, "brian2 %s N=%d threads %s: failed: %v\n", g.brian, g.n, t, err)
			rec = nil
		} else {
			fmt.Fprintf(os.Stderr, "brian2  %-8s N=%-7d %6.0f ms seed %d threads %s: sim %.3f s, %.2f Hz\n",
				g.brian, g.n, g.duration, seed, t, rec.SimS, rec.RateHz)
		}
		g.brRuns[t] = append(g.brRuns[t], rec)
	}
	return nil
}

// runLine runs a command and returns the last non-empty line of its
// standard output.
func runLine(timeout time.Duration, name string, args ...string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		tail := stderr.Bytes()
		if len(tail) > 2000 {
			tail = tail[len(tail)-2000:]
		}
		return nil, fmt.Errorf("%w: %s", err, tail)
	}
	lines := bytes.Split(bytes.TrimSpace(stdout.Bytes()), []byte("\n"))
	return lines[len(lines)-1], nil
}

// buildInfo returns the GOAMD64 level this binary was built for and the Go
// version.
func buildInfo() (goamd64, version string) {
	goamd64 = "v1"
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return goamd64, runtime.Version()
	}
	for _, s := range info.Settings {
		if s.Key == "GOAMD64" {
			goamd64 = s.Value
		}
	}
	return goamd64, info.GoVersion
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

func mean(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := 0.0
	for _, x := range xs {
		s += x
	}
	return s / float64(len(xs))
}

// render formats the results as Markdown.
func render(o options, groups []*group, took time.Duration) string {
	var b strings.Builder
	writeHeader(&b, o, "BrainGo vs Brian2: E/I network benchmarks")
	fmt.Fprintf(&b, " `BrainGo (s)` and the ratios to Brian2 are on %d goroutine(s)", o.workers[0])
	for _, w := range o.workers[1:] {
		fmt.Fprintf(&b, "; `%dg` columns: the same runs on %d goroutines (bp.RunnerSettings.Workers), speed-up = median of per-seed time ratios, `same spikes` = every (step, neuron) spike hash equal to the %d-goroutine run of the same seed, "+
			"`capacity %dg` = median over the repeats of what %d goroutines of an independent arithmetic loop in L1 get done here against one (%d on %d idle cores; measured right after each repeat's BrainGo runs: how much of the cores the machine gave a throughput-bound loop at that time, not a bound for every model)",
			w, w, o.workers[0], w, w, w, w)
	}
	fmt.Fprintf(&b, ".\n")
	if o.brian != "" {
		fmt.Fprintf(&b, "- Brian2: %s, C++ standalone, `sim` = Brian2's own run time (no code generation, compilation or synapse creation).\n", o.brian)
	}
	fmt.Fprintf(&b, "- %d interleaved pair(s) per row (repeat r uses seed %d+r in both simulators; the order alternates). "+
		"Times are medians; ratios are medians of per-pair BrainGo/Brian2 ratios. Whole run: %s.\n", o.repeats, o.seed, took.Round(time.Second))
	fmt.Fprintf(&b, "- Rates are means over repeats and neurons; Δrate = BrainGo/Brian2 − 1. coba-jit is BrainGo's COBA through just-in-time connectivity, compared with Brian2's COBA.\n")
	fmt.Fprintf(&b, "- peak = VmHWM of the BrainGo process (construction included); B/syn = live heap after construction / synapses; "+
		"steps/s = neuron-steps per second; events/s = synaptic events (spikes × mean out-degree) per second; "+
		"Go CPU = user+system CPU time of the BrainGo simulation (less sensitive to other load than wall time).\n\n")
	head := []string{"model", "N", "T (s)", "synapses", "build (s)", "BrainGo (s)", "Go CPU (s)"}
	for _, w := range o.workers[1:] {
		head = append(head, fmt.Sprintf("BrainGo %dg (s)", w), fmt.Sprintf("speed-up %dg", w), "same spikes", fmt.Sprintf("capacity %dg", w))
	}
	for _, t := range o.threads {
		head = append(head, "Brian2 "+t+"t (s)", "ratio "+t+"t")
	}
	head = append(head, "rate Go (Hz)", "rate Brian2 (Hz)", "Δrate", "peak (MB)", "B/syn", "steps/s", "events/s")
	fmt.Fprintf(&b, "| %s |\n|%s\n", strings.Join(head, " | "), strings.Repeat("---|", len(head)))
	var outside []string // rows whose rate differs from Brian2's by more than 10 %
	for _, g := range groups {
		for _, m := range g.goModels {
			runs := g.goRuns[runKey(m, o.workers[0])]
			var sims, cpus, builds, rates, peaks, bps, evs []float64
			for _, r := range runs {
				sims = append(sims, r.SimS)
				cpus = append(cpus, r.CPUS)
				builds = append(builds, r.BuildS)
				rates = append(rates, r.RateHz)
				peaks = append(peaks, float64(r.PeakRSS)/1e6)
				bps = append(bps, float64(r.HeapBytes)/float64(r.Synapses))
				evs = append(evs, float64(r.Spikes)*float64(r.Synapses)/float64(r.N)/r.SimS)
			}
			sim := median(sims)
			row := []string{m, strconv.Itoa(g.n), fmtFloat(g.duration / 1000), strconv.FormatInt(runs[0].Synapses, 10),
				fmt.Sprintf("%.2f", median(builds)), fmt.Sprintf("%.3f", sim), fmt.Sprintf("%.3f", median(cpus))}
			for _, w := range o.workers[1:] {
				var ts, speedups []float64
				same := "yes"
				for k, r := range g.goRuns[runKey(m, w)] {
					ts = append(ts, r.SimS)
					speedups = append(speedups, runs[k].SimS/r.SimS)
					if r.Hash != runs[k].Hash || r.Spikes != runs[k].Spikes {
						same = "NO"
					}
				}
				row = append(row, fmt.Sprintf("%.3f", median(ts)), fmt.Sprintf("%.2f", median(speedups)), same, fmt.Sprintf("%.2f", median(g.probes[w])))
			}
			var brRates []float64
			for _, t := range o.threads {
				var bs, ratios []float64
				for k, br := range g.brRuns[t] {
					if br == nil || k >= len(runs) {
						continue
					}
					bs = append(bs, br.SimS)
					ratios = append(ratios, runs[k].SimS/br.SimS)
					brRates = append(brRates, br.RateHz)
				}
				if len(bs) == 0 {
					row = append(row, "—", "—")
					continue
				}
				row = append(row, fmt.Sprintf("%.3f", median(bs)), fmt.Sprintf("%.2f", median(ratios)))
			}
			rg, rb := mean(rates), mean(brRates)
			dr := "—"
			if rb > 0 {
				dr = fmt.Sprintf("%+.1f%%", 100*(rg/rb-1))
				if math.Abs(rg/rb-1) > 0.1 {
					outside = append(outside, fmt.Sprintf("%s N=%d (%s)", m, g.n, dr))
				}
			}
			rbs := "—"
			if rb > 0 {
				rbs = fmt.Sprintf("%.2f", rb)
			}
			steps := float64(g.n) * g.duration / ei.DT / sim
			row = append(row, fmt.Sprintf("%.2f", rg), rbs, dr, fmt.Sprintf("%.0f", median(peaks)),
				fmt.Sprintf("%.2f", median(bps)), fmt.Sprintf("%.3g", steps), fmt.Sprintf("%.3g", median(evs)))
			fmt.Fprintf(&b, "| %s |\n", strings.Join(row, " | "))
		}
	}
	if len(o.threads) > 0 {
		if len(outside) == 0 {
			fmt.Fprintf(&b, "\nEvery BrainGo rate is within 10%% of Brian2's.\n")
		} else {
			fmt.Fprintf(&b, "\nRates more than 10%% from Brian2's: %s.\n", strings.Join(outside, ", "))
		}
	}
	return b.String()
}

// writeHeader writes a section's title, the command line, the machine and
// the BrainGo build, ending inside the BrainGo item (after its first
// sentence) for the caller to go on.
func writeHeader(b *strings.Builder, o options, title string) {
	host, _ := os.Hostname()
	fmt.Fprintf(b, "## %s\n\n", title)
	fmt.Fprintf(b, "Generated by `eibench %s` on %s.\n\n", strings.Join(os.Args[1:], " "), time.Now().UTC().Format("2006-01-02 15:04 MST"))
	fmt.Fprintf(b, "- Machine: %s, %s, %d CPUs visible (%s); shared with other processes, so times are noisy.\n", cpuModel(), host, runtime.NumCPU(), loadavg())
	fmt.Fprintf(b, "- BrainGo: %s, GOAMD64=%s, float64, dt = 0.1 ms; each run in a fresh process, which returns the memory its construction freed to the OS before the timed run (debug.FreeOSMemory).",
		o.goString, o.goamd64)
}

func cpuModel() string {
	data, err := os.ReadFile("/proc/cpuinfo")
	if err != nil {
		return runtime.GOARCH
	}
	for line := range strings.SplitSeq(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, "model name"); ok {
			return strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(rest), ":"))
		}
	}
	return runtime.GOARCH
}

func loadavg() string {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "load unknown"
	}
	f := strings.Fields(string(data))
	return "load average " + strings.Join(f[:3], " ") + " at the end"
}

// brianVersion returns "Brian2 " and the version python imports, or an
// error with the last line python wrote when it cannot import brian2.
func brianVersion(python string) (string, error) {
	var stderr bytes.Buffer
	cmd := exec.Command(python, "-c", "import brian2; print(brian2.__version__)")
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		lines := strings.Split(strings.TrimSpace(stderr.String()), "\n")
		return "", fmt.Errorf("%s cannot import brian2: %w: %s", python, err, lines[len(lines)-1])
	}
	return "Brian2 " + strings.TrimSpace(string(out)), nil
}

func splitList(s string) []string {
	var out []string
	for f := range strings.SplitSeq(s, ",") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

// parseInts parses a comma-separated list of integers >= least.
func parseInts(s string, least int) ([]int, error) {
	var out []int
	for _, f := range splitList(s) {
		v, err := strconv.Atoi(f)
		if err != nil || v < least {
			return nil, fmt.Errorf("%q: want an integer >= %d", f, least)
		}
		out = append(out, v)
	}
	return out, nil
}

func parseFloats(s string) ([]float64, error) {
	var out []float64
	for _, f := range splitList(s) {
		v, err := strconv.ParseFloat(f, 64)
		if err != nil || !(v > 0) {
			return nil, fmt.Errorf("duration %q: want a positive number of ms", f)
		}
		out = append(out, v)
	}
	return out, nil
}

func fmtFloat(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }
