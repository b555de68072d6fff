#!/usr/bin/env bash
# The whole test suite: what the README's test command and CI (.ci/run) run.
# It installs what it needs on a fresh Debian machine with Go
# (scripts/install.sh --test), then runs the stages below, continuing past a
# failed stage so one run reports them all; its last line is
# "test.sh: N passed, N failed", and it exits non-zero if any failed.
# Executed notebooks, logs and screenshots go to build/ (CI artifacts).
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p build/logs

passed=0
failed=()
stage() {
	local name=$1 t0=$SECONDS
	shift
	echo "== $name"
	if "$@"; then
		passed=$((passed + 1))
		echo "-- $name: ok ($((SECONDS - t0))s)"
	else
		failed+=("$name")
		echo "-- $name: FAILED ($((SECONDS - t0))s)"
	fi
}

# quiet runs a command with its output in build/logs/<name>.log, shown only
# when it fails (the kernel's own log lines make the Python tools verbose).
quiet() {
	local log=build/logs/$1.log
	shift
	if "$@" >"$log" 2>&1; then
		grep -E "^(Ran |OK|\[NbConvertApp\] Writing)" "$log" || true
	else
		tail -n 60 "$log"
		return 1
	fi
}

summary() {
	if ((${#failed[@]})); then
		echo "failed stages: ${failed[*]}"
	fi
	echo "test.sh: $passed passed, ${#failed[@]} failed"
}

# Nothing else can run without the kernel and the Debian packages.
stage install bash scripts/install.sh --test
if ((${#failed[@]})); then
	summary
	exit 1
fi

stage "go vet" go vet ./...
stage "go test" go test -count=1 ./...
# The portable loops that stand in for the AVX2 kernels elsewhere, and the
# race detector on the runs that share steps among goroutines.
stage "go test -tags purego" go test -count=1 -tags purego ./bp/math ./bp/dyn ./benchmarks/ei
stage "go test -race (workers)" go test -count=1 -race -run 'Workers|PartRange|Clear|HandLoop|LateInput|JITMany|HandOff|SpikeCounter|NaN|Untouched|TraubLists|Fresh|Twice' ./bp ./bp/dyn ./benchmarks/ei

shopt -s nullglob
notebooks=(tutorials/*.ipynb notebooks/*.ipynb)
if ((${#notebooks[@]})); then
	stage nbtest go run ./cmd/nbtest -timeout 5m -notebook-timeout 10m -start-timeout 2m -o build/nbtest "${notebooks[@]}"
	# The same notebooks through Jupyter's own client (nbclient).
	stage "nbconvert --execute" quiet nbconvert /usr/bin/jupyter nbconvert --to notebook --execute \
		--ExecutePreprocessor.kernel_name=braingo --ExecutePreprocessor.timeout=600 \
		--output-dir build/nbconvert "${notebooks[@]}"
	# A real browser: Debian's notebook server and headless Chromium, offline,
	# run the first tutorial; screenshots land in build/browser.
	stage "browser (chromium)" go run ./cmd/browsertest -o build/browser "${notebooks[0]}"
fi
# Jupyter's kernel conformance suite (python3-jupyter-kernel-test).
stage "jupyter_kernel_test" quiet kernel_test /usr/bin/python3 -m unittest -v scripts/kernel_test.py

summary
((${#failed[@]} == 0))
