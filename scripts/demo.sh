#!/usr/bin/env bash
# Serves the portal with demo data on an embedded SQLite file (./data) at
# http://127.0.0.1:3000. The first start prints the admin and demo logins.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PATH"
export METERLINE_DEMO="${METERLINE_DEMO:-1}"
# --split: the operator pages are separate WASM chunks (see docs/benchmarks.md).
exec cargo leptos serve --release --split
