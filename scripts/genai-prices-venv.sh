# Sourced by scripts/prices.sh and scripts/prices-check.sh: makes sure
# target/genai-prices-venv holds exactly the genai-prices version pinned in
# scripts/versions.env (from PyPI), and sets $venv to it.
source scripts/versions.env
venv=target/genai-prices-venv
if ! "$venv/bin/python" -c "import genai_prices, sys; sys.exit(genai_prices.__version__ != '$GENAI_PRICES_VERSION')" 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet "genai-prices==$GENAI_PRICES_VERSION"
fi
