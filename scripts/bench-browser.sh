#!/usr/bin/env bash
# Browser benchmark: builds the release site and the CLI, then runs presets 1
# and 2 at 100,000 and 1,000,000 trials with one worker and with all workers in
# headless Chromium; prints wall time, trials/s and the longest main-thread task.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
scripts/setup.sh test
cargo build --release -p burnrate-cli
trunk build --release
node tests/bench/browser.mjs
