#!/usr/bin/env bash
# Checks public/prices.json against its source, the pinned genai-prices:
# 1. it is exactly what scripts/prices.sh generates (nobody edited it by hand);
# 2. every model in it prices one request of each sampled usage, processing
#    tier, long-context threshold and hour as genai-prices' own calc_price
#    does, to 1e-6 relative (tests/prices/check.py writes the requests,
#    crates/model/tests/genai_prices.rs prices them with the engine).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/genai-prices-venv.sh
scripts/prices.sh target/prices-regenerated.json >/dev/null
if ! cmp -s target/prices-regenerated.json public/prices.json; then
  echo "public/prices.json is not what scripts/prices.sh generates: run it and commit the result" >&2
  diff <(tr ',' '\n' <public/prices.json) <(tr ',' '\n' <target/prices-regenerated.json) | head -20 >&2
  exit 1
fi
"$venv/bin/python" tests/prices/check.py target/price-cases.jsonl
BURNRATE_PRICE_CASES="$PWD/target/price-cases.jsonl" \
  cargo test --release -p burnrate-model --test genai_prices -- --nocapture 2>&1 \
  | grep -E "compared|differ|refused|test result|panicked" 
test "${PIPESTATUS[0]}" -eq 0
