#!/usr/bin/env bash
# The README's first command: installs what is missing (Debian's classic
# Jupyter Notebook server, the braingo kernel) and starts the notebook server
# on the tutorials, without opening a browser.
#
#   bash scripts/lab.sh            # then open the URL it prints
#   PORT=8899 IP=0.0.0.0 bash scripts/lab.sh
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
args=(--no-browser --port="${PORT:-8888}" --ip="${IP:-127.0.0.1}" --notebook-dir=tutorials)
[ "$(id -u)" != 0 ] || args+=(--allow-root)
jupyter=/usr/bin/jupyter
[ -x "$jupyter" ] || jupyter=$(command -v jupyter)
exec "$jupyter" notebook "${args[@]}"
