#!/usr/bin/env bash
# The whole test suite: unit tests, integration tests through every door
# against SQLite and PostgreSQL, and the Playwright journeys in Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test
export PATH="$HOME/.cargo/bin:$PATH"
export METERLINE_TEST_POSTGRES="${METERLINE_TEST_POSTGRES:-postgres://postgres@127.0.0.1:5432/test}"
export CI="${CI:-1}"

echo "== unit tests (app, server)"
cargo test -p app --features ssr
echo "== integration tests (legacy door, server functions, operations) on SQLite and PostgreSQL"
cargo test -p server
echo "== end-to-end (Playwright, system Chromium)"
cargo leptos build --split
(cd end2end && npx playwright test)
