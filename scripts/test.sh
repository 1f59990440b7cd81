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
cargo clippy -p burnrate-on-demand --target wasm32-unknown-unknown -- -D warnings

tier "native tests (cargo test)"
# The model must use libm's math (the same bits as in WASM): no crate built
# with it may turn on num-traits' std math, which would switch to the C library's.
if cargo tree -p burnrate-model -p burnrate-cli -e features -i num-traits | grep -q 'num-traits feature "std"'; then
  echo "num-traits' std feature is on in the model's build: its numbers would differ from WASM's" >&2
  cargo tree -p burnrate-model -p burnrate-cli -e features -i num-traits >&2
  exit 1
fi
# Model and CLI in their own invocation, so no other package's features leak into them.
cargo test --release -p burnrate-model -p burnrate-cli
cargo test -p burnrate-app
cargo test -p burnrate-on-demand

tier "prices against genai-prices' own calc_price (every model in public/prices.json)"
scripts/prices-check.sh

tier "FOCUS export against the FinOps Foundation's focus-validator (FOCUS 1.2, every preset)"
scripts/focus-check.sh

tier "same numbers in WASM (model goldens under wasm-bindgen-test-runner, in Node)"
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  cargo test --release -p burnrate-model --target wasm32-unknown-unknown --test value_stability

tier "wasm32 build (trunk build --release)"
trunk build --release

tier "browser tests (Playwright + Debian chromium, against dist/)"
npx playwright test
