#!/usr/bin/env bash
# Installs what BrainGo's notebooks need on Debian 12 with Go, and the
# braingo Jupyter kernel. Only missing Debian packages are installed (one
# apt-get update, only when something is missing); Go tools are built at the
# versions pinned in go.mod. A fresh machine gets `apt-get update` first.
#
#   bash scripts/install.sh [--test | --bench] [braingo install flags...]
#
# --test adds what scripts/test.sh needs besides (nbconvert, nbclient, the
# kernel conformance suite, headless Chromium, gcc for the race detector);
# --bench what benchmarks/run.sh needs besides (Brian2, and the C++
# compiler and make its standalone mode builds with). Other flags go to
# `go run ./cmd/braingo install` (-data-dir, -bin-dir, -warm=false, ...).
# Without --test, Debian's notebook server is only installed when no jupyter
# command is there (an image with JupyterLab keeps its own).
# BRAINGO_SKIP_APT=1 skips the packages, BRAINGO_SKIP_KERNEL=1 the kernel
# (the Dockerfile installs packages as root and the kernel as the user).
set -euo pipefail
cd "$(dirname "$0")/.."

debs=()
case "${1:-}" in
--test)
	shift
	debs+=(jupyter-notebook jupyter-client jupyter-nbconvert python3-nbconvert python3-nbclient
		python3-jupyter-kernel-test chromium gcc libc6-dev)
	;;
--bench)
	shift
	debs+=(python3-brian g++ make)
	;;
*)
	command -v jupyter >/dev/null || debs+=(jupyter-notebook jupyter-client)
	;;
esac
missing=()
for p in ${debs[@]+"${debs[@]}"}; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
# npm fetches the echarts package once (display's charts serve it offline);
# display's tests check the chart scripts with node.
command -v npm >/dev/null || missing+=(npm)
command -v node >/dev/null || missing+=(nodejs)
if [ "${BRAINGO_SKIP_APT:-}" != 1 ] && ((${#missing[@]})); then
	sudo=()
	[ "$(id -u)" = 0 ] || sudo=(sudo)
	echo "== apt-get install ${missing[*]}"
	export DEBIAN_FRONTEND=noninteractive
	"${sudo[@]}" apt-get -o DPkg::Lock::Timeout=600 update -qq
	"${sudo[@]}" apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ "${BRAINGO_SKIP_KERNEL:-}" != 1 ]; then
	echo "== braingo kernel"
	go run ./cmd/braingo install "$@"
fi
