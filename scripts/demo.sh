#!/usr/bin/env bash
# Serves the portal with demo data on an embedded SQLite file (./data) at
# http://127.0.0.1:3000. The first start prints the admin and demo logins.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PATH"
export METERLINE_DEMO="${METERLINE_DEMO:-1}"
# METERLINE_SIMULATE=1: once the portal answers, also play 2 gateways and 10
# LoRaWAN meters over UDP (the simulator example), so it shows live readings.
if [ "${METERLINE_SIMULATE:-0}" = "1" ]; then
  cargo build --release -p server --example simulator
  (
    until curl -sf http://127.0.0.1:3000/healthz >/dev/null 2>&1; do sleep 2; done
    exec target/release/examples/simulator 2 10 15 0 >data/simulator.log 2>&1
  ) &
fi
# --split: the operator portal is a separate WASM chunk (see docs/benchmarks.md).
exec cargo leptos serve --release --split
