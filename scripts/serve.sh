#!/usr/bin/env bash
# Serves burnrate on http://127.0.0.1:8080 with live reload, installing what is missing first.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
scripts/setup.sh build
echo "burnrate: serving on http://127.0.0.1:${PORT:-8080}/ (Ctrl-C stops)"
exec trunk serve --address 127.0.0.1 --port "${PORT:-8080}" "$@"
