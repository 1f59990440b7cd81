#!/usr/bin/env bash
# Regenerates public/prices.json from the genai-prices version pinned in
# scripts/versions.env (installed into target/genai-prices-venv; PyPI only,
# nothing is fetched at build or run time). Commit the result.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/genai-prices-venv.sh
"$venv/bin/python" scripts/prices.py "$GENAI_PRICES_VERSION" "${1:-public/prices.json}"
