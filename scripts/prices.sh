#!/usr/bin/env bash
# Regenerates public/prices.json from the genai-prices version pinned in
# scripts/versions.env (installed into target/genai-prices-venv; PyPI only,
# nothing is fetched at build or run time). Commit the result.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/versions.env
venv=target/genai-prices-venv
if ! "$venv/bin/python" -c "import genai_prices, sys; sys.exit(genai_prices.__version__ != '$GENAI_PRICES_VERSION')" 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet "genai-prices==$GENAI_PRICES_VERSION"
fi
"$venv/bin/python" scripts/prices.py "$GENAI_PRICES_VERSION" public/prices.json
