#!/usr/bin/env bash
# The whole test suite: unit tests, integration tests through every door
# against SQLite and PostgreSQL, and the Playwright journeys in Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."

# A clean run leaves about 3 GB in target/ (docs/benchmarks.md): say so up
# front rather than let the linker fail with "No space left on device".
free_kb=$(df -Pk . | awk 'NR == 2 { print $4 }')
if [ "$free_kb" -lt 4000000 ]; then
  echo "warning: $((free_kb / 1024)) MB free on this disk; a clean run of the suite needs about 3 GB" >&2
fi
scripts/setup.sh --test

export PATH="$HOME/.cargo/bin:$PATH"
export METERLINE_TEST_POSTGRES="${METERLINE_TEST_POSTGRES:-postgres://postgres@127.0.0.1:5432/test}"
export CI="${CI:-1}"

# Components' types erased, as cargo-leptos builds the server in dev: with
# the portal's nested view types spelled out, each test and example binary
# is 2.6 GB of symbol names (0.1 GB erased) and a clean run of the suite
# filled CI's disk. The same flags as cargo-leptos's server build, which so
# reuses what the tests built.
export RUSTFLAGS="--cfg erase_components"
echo "== unit tests (app, server)"
cargo test -p app --features ssr
echo "== integration tests (legacy door, server functions, operations) on SQLite and PostgreSQL"
cargo test -p server
echo "== end-to-end (Playwright, system Chromium)"
# cargo-leptos sets RUSTFLAGS itself: the flag above for the server, and the
# WASM's own (which must not erase components in a release build).
unset RUSTFLAGS
cargo leptos build --split
(cd end2end && npx playwright test)
