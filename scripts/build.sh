#!/usr/bin/env bash
# Builds the static site into dist/ (release, size-optimised): copy it to any static web server.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
scripts/setup.sh build
trunk build --release "$@"
