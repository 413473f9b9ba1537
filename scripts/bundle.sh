#!/usr/bin/env bash
# Builds the browser code for release and prints what a browser downloads:
# the main WASM (every page, the household portal included) against the
# 250 KB gzip budget, and the operator portal's chunk, loaded on first visit.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
cargo leptos build --release --split --frontend-only >/dev/null 2>&1 || cargo leptos build --release --split --frontend-only
pkg=target/site/pkg
budget=250000
size() { gzip -9 -c "$@" | wc -c; }
main_raw=$(stat -c %s "$pkg/meterline.wasm")
main_gz=$(size "$pkg/meterline.wasm")
admin_raw=$(cat "$pkg"/split_*.wasm | wc -c)
admin_gz=$(cat "$pkg"/split_*.wasm | gzip -9 | wc -c)
js_gz=$(cat "$pkg/meterline.js" "$pkg"/__wasm_split*.js | gzip -9 | wc -c)
printf 'main WASM (household pages)   %9d B raw  %8d B gzip  %5.1f %% of the %d B budget\n' \
  "$main_raw" "$main_gz" "$(awk "BEGIN { print 100 * $main_gz / $budget }")" "$budget"
printf 'operator portal chunk          %9d B raw  %8d B gzip\n' "$admin_raw" "$admin_gz"
printf 'JS glue and split loader                       %8d B gzip\n' "$js_gz"
