#!/usr/bin/env bash
# Regenerates benchmarks/RESULTS.md: BrainGo against Brian2 (C++ standalone,
# 1 and 2 OpenMP threads) on the Brette et al. 2007 E/I networks, BrainGo on
# one and two goroutines, then 400k neurons against Brian2 on one thread,
# then BrainGo's time per neuron-step from 4k to 400k neurons.
# 35–40 minutes on 2 shared cores.
# Usage: bash benchmarks/run.sh [repeats]   (from the repository root;
# repeats: interleaved pairs at 4k and 40k, 5 by default: the two-goroutine
# speed-up moves by ±10 % from run to run on shared machines)
set -euo pipefail
cd "$(dirname "$0")/.."
repeats=${1:-5}
# Brian2 and its compiler, when missing (Debian packages; the kernel is not needed).
BRAINGO_SKIP_KERNEL=1 bash scripts/install.sh --bench
export GOAMD64=${GOAMD64:-v3} # FMA; say so in the table (it reads the build's GOAMD64)
bin=$(mktemp -d)/eibench
go build -o "$bin" ./benchmarks/cmd/eibench
out=benchmarks/RESULTS.md
cat > "$out" <<HEAD
# BrainGo vs Brian2 on the E/I benchmark networks

Regenerate with \`bash benchmarks/run.sh\` (35–40 minutes). The sections below are the runs of that script, in order;
each states its command line. Models: benchmarks/ei (BrainGo, library parts only) and benchmarks/brian2/ei.py (Brian2).

HEAD
# 4k and 40k neurons, 1 s: LIF models against Brian2 at 1 and 2 threads, BrainGo on 1 and 2 goroutines;
# COBAHH (slow in Brian2) against 1 thread.
"$bin" -models coba,coba-jit,cuba -sizes 4000,40000 -durations 1000 -repeats "$repeats" -workers 1,2 -brian-threads 1,2 -out "$out" -append
"$bin" -models cobahh -sizes 4000 -durations 1000 -repeats "$repeats" -workers 1,2 -brian-threads 1 -out "$out" -append
"$bin" -models cobahh -sizes 40000 -durations 1000 -repeats 3 -workers 1,2 -brian-threads 1 -out "$out" -append
# 5 s: rates over a longer run at 4k and 40k, and COBAHH for 5 s without NaN (the runner checks every 100 steps
# and at the end; COBAHH at 40k would take Brian2 five minutes a run, 400k anything for 5 s about as long).
"$bin" -models coba,cuba -sizes 4000,40000 -durations 5000 -repeats 3 -brian-threads 1 -out "$out" -append
"$bin" -models cobahh -sizes 4000 -durations 5000 -repeats 3 -brian-threads "" -out "$out" -append
# 400k neurons, 1 s, against Brian2 at 1 thread (a Brian2 COBA run takes a minute or more here).
"$bin" -models coba,cuba -sizes 400000 -durations 1000 -repeats 3 -workers 1,2 -brian-threads 1 -out "$out" -append
# Cost per neuron-step from 4k to 400k neurons, BrainGo alone: the sizes alternate within each round, and each
# ratio is taken within a round (the 400k rows above ran minutes after the 4k rows).
"$bin" -scaling -models coba,cuba -sizes 4000,40000,400000 -durations 1000 -repeats 5 -out "$out" -append
