#!/usr/bin/env bash
# Runs every test tier in order and stops at the first that fails:
# fmt, clippy, native tests, the wasm32 release build, browser end-to-end tests.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
scripts/setup.sh test

tier() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

tier "format (cargo fmt --check)"
cargo fmt --all --check

tier "lint (cargo clippy, native and wasm32)"
cargo clippy --workspace --all-targets -- -D warnings
cargo clippy -p burnrate-app --target wasm32-unknown-unknown -- -D warnings

tier "native tests (cargo test)"
cargo test --workspace

tier "wasm32 build (trunk build --release)"
trunk build --release

tier "browser tests (Playwright + Debian chromium, against dist/)"
npx playwright test
