#!/usr/bin/env bash
# Checks every preset's FOCUS forecast (`burnrate simulate P --focus`) with the
# FinOps Foundation's own focus-validator, pinned in scripts/focus-requirements.txt
# and installed into target/focus-venv (it needs Python 3.12; nothing
# is fetched while it runs: the validator's FOCUS 1.2 rules ship in its package,
# its currency list is written here from pycountry's ISO 4217 data).
#
# FOCUS 1.2 only: the package carries no 1.3 rules (it downloads them from
# GitHub, which this machine cannot reach); the 1.3 export differs from the 1.2
# one only in the two provider columns' names.
#
# Fails on any failed rule but those the validator cannot judge for a
# forecast (ALLOWED below; the README lists them with the reason).
set -euo pipefail
cd "$(dirname "$0")/.."

# InvoiceId: null, as FOCUS requires when no invoice is associated (a forecast
# has none); the validator cannot know that and also applies the rule for
# charges that have one ("MUST NOT be null").
#
# The commitment discount's rules are switched on (COMMITMENT_DISCOUNT_SUPPORTED:
# provisioned capacity is filed as one). CommitmentDiscountStatus-C-004-C's
# machine-readable condition is inverted (it fires when CommitmentDiscountId IS
# null, the condition of its sibling C-003-C, which demands the opposite: every
# row without a commitment fails it; FOCUS_Spec issue 2393, open), and its two
# parents fail with it. crates/model/tests/focus.rs checks what C-004-C means.
ALLOWED="InvoiceId-C-005-C
CommitmentDiscountStatus-C-004-C
CommitmentDiscountStatus-C-002-C
CommitmentDiscountStatus-C-000-C"

venv=target/focus-venv
if ! "$venv/bin/focus-validator" --help >/dev/null 2>&1; then
  python=""
  # 3.12 first: the pinned numpy has wheels for it (3.13 would build it from source).
  for candidate in python3.12 "$HOME"/.pyenv/versions/3.12*/bin/python3; do
    if command -v "$candidate" >/dev/null 2>&1 \
      && "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then
      python=$candidate
      break
    fi
  done
  if [ -z "$python" ]; then
    echo "focus-check: focus-validator needs Python 3.12 (its pinned dependencies have wheels for it); none found (python3.12, ~/.pyenv/versions/3.12*)" >&2
    exit 1
  fi
  rm -rf "$venv"
  "$python" -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r scripts/focus-requirements.txt
fi

run=target/focus-run
mkdir -p "$run/focus_validator/rules"
# The validator reads ISO 4217 codes from this path, relative to where it runs.
"$venv/bin/python" - "$run/focus_validator/rules/currency_codes.csv" <<'PY'
import csv, sys
import pycountry
with open(sys.argv[1], "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["", "currency_codes"])
    for i, code in enumerate(sorted({c.alpha_3 for c in pycountry.currencies})):
        w.writerow([i, code])
PY

bin=target/release/burnrate
[ -x "$bin" ] || cargo build --release -p burnrate-cli
failed=0
for preset in $("$bin" presets | awk '{print $1}'); do
  csv="$PWD/$run/$preset.csv"
  "$bin" simulate "$preset" --focus --focus-version 1.2 --start-month 2027-01 --trials 1000 > "$csv"
  report=$(cd "$run" && "../../$venv/bin/focus-validator" --data-file "$csv" --validate-version 1.2 --block-download \
    --applicability-criteria COMMITMENT_DISCOUNT_SUPPORTED 2>&1) || true
  total=$(grep -m1 '^Total:' <<<"$report" || true)
  if [ -z "$total" ]; then
    echo "$preset: the validator gave no result:" >&2
    echo "$report" | tail -20 >&2
    failed=1
    continue
  fi
  unexpected=$(grep -o '^❌ [A-Za-z0-9-]*' <<<"$report" | cut -c5- | grep -vxF "$ALLOWED" || true)
  echo "$preset: $total${unexpected:+ — unexpected failures: $unexpected}"
  if [ -n "$unexpected" ]; then
    grep -A2 "^- \($(tr '\n' '|' <<<"$unexpected" | sed 's/|$//; s/|/\\|/g')\):" <<<"$report" >&2 || true
    failed=1
  fi
done
exit $failed
