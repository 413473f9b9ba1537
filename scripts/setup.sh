#!/usr/bin/env bash
# Installs what building Meterline needs, skipping whatever is already there:
# the wasm target, protoc (for ChirpStack's API crate), cargo-leptos, the
# wasm-bindgen CLI matching Cargo.lock, and
# the npm build tools (Tailwind, wasm-opt). With --test also Chromium and
# Playwright for the end-to-end tests. Safe to run again and again.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  rustup target add wasm32-unknown-unknown
fi

# ChirpStack's API crate compiles its protobuf definitions when it builds:
# it needs protoc and protobuf's own definitions, which Debian packages.
apt_install() {
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get install -y --no-install-recommends "$@" || { $sudo apt-get update && $sudo apt-get install -y --no-install-recommends "$@"; }
}
if ! command -v protoc >/dev/null || [ ! -f /usr/include/google/protobuf/timestamp.proto ]; then
  apt_install protobuf-compiler libprotobuf-dev
fi

# 0.3.10 is the newest cargo-leptos that builds with --locked on rustc 1.95.
if ! command -v cargo-leptos >/dev/null; then
  cargo install --locked cargo-leptos --version 0.3.10
fi

# The CLI must match the wasm-bindgen crate exactly (pinned with = in Cargo.toml).
want=$(awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
have=$(wasm-bindgen --version 2>/dev/null | awk '{ print $2 }' || true)
if [ "$have" != "$want" ]; then
  # Without --locked: its lockfile asks for a crate version the registry lacks.
  cargo install wasm-bindgen-cli --version "$want"
fi

# npm ci only when node_modules is missing or older than the lockfile.
npm_ci_if_stale() {
  local dir=$1
  if [ ! -f "$dir/node_modules/.package-lock.json" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    (cd "$dir" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund)
  fi
}
npm_ci_if_stale .

if [ "${1:-}" = "--test" ]; then
  if [ ! -x /usr/bin/chromium ]; then
    apt_install chromium
  fi
  npm_ci_if_stale end2end
fi
