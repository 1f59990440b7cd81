"""Prices one request of many usages for every model in public/prices.json
with genai-prices' own `calc_price` (the version pinned in
scripts/versions.env) and writes each case with its price as JSON Lines, for
crates/model/tests/genai_prices.rs to price again with burnrate's engine.

Cases per model: standard processing, and batch, flex and priority where
genai-prices has that variant; inputs just below and above every
long-context threshold (or a small and a large one); a plain request and one
with cache reads, five-minute and one-hour cache writes; 300 of the 700
output tokens hidden reasoning (at the output price but where a model prices
reasoning apart); at noon UTC on the
catalog's as-of date, and at eight hours of that day for a model with daily
price windows. Usage: check.py OUT.jsonl
"""

import datetime
import json
import sys
from decimal import Decimal

from genai_prices import data
from genai_prices import types as t

OUT = sys.argv[1]

catalog = json.load(open("public/prices.json", encoding="utf-8"))
as_of = datetime.date.fromisoformat(catalog["as_of"])
models = {}
for p in data.providers:
    for m in p.models:
        models[f"{p.id}/{m.id}"] = (p, m)

CONTEXTS = [("standard", None), ("batch", {"processing": "batch"}),
            ("flex", {"service_tier": "flex"}), ("priority", {"service_tier": "priority"})]


def thresholds(m):
    cps = m.prices if isinstance(m.prices, list) else [t.ConditionalPrice(prices=m.prices)]
    prices = [cp.prices for cp in cps] + [v.prices for v in m.price_variants or []]
    return sorted({tier.start for p in prices for v in p.__dict__.values()
                   if isinstance(v, t.TieredPrices) for tier in v.tiers})


def hourly(m):
    return isinstance(m.prices, list) and any(isinstance(cp.constraint, t.TimeOfDateConstraint) for cp in m.prices)


# Entries corrected where genai-prices is stale differ from it on purpose.
overridden = {o["id"] for o in json.load(open("scripts/price-overrides.json", encoding="utf-8"))["overrides"]}
cases = 0
with open(OUT, "w", encoding="utf-8") as out:
    for entry in catalog["models"]:
        if entry["id"] in overridden:
            continue
        provider, m = models[entry["id"]]
        starts = thresholds(m)
        inputs = sorted({n for s in starts for n in (max(s - 1000, 100), s + 1000)}) or [2000, 150000]
        minutes = [12 * 60]
        if hourly(m):
            minutes = [h * 180 + 15 for h in range(8)]
        whens = {str(v.when) for v in m.price_variants or []}
        for tier, when in CONTEXTS:
            if when is not None and str(when) not in whens:
                continue
            for minute in minutes:
                moment = datetime.datetime.combine(as_of, datetime.time(minute // 60, minute % 60),
                                                   tzinfo=datetime.timezone.utc)
                for n in inputs:
                    for cached in (False, True):
                        usage = {"input_tokens": n, "output_tokens": 700, "output_reasoning_tokens": 300}
                        if cached:
                            usage.update(cache_read_tokens=int(n * 0.6), cache_write_tokens=int(n * 0.1),
                                         cache_write_1h_tokens=int(n * 0.04))
                        price = m.calc_price(t.Usage(**usage), provider, genai_request_timestamp=moment,
                                             price_context=when)
                        out.write(json.dumps({
                            "model": entry["id"], "tier": tier, "utc_minute": minute,
                            "input": n, "output": 700, "reasoning": 300,
                            "cache_read": usage.get("cache_read_tokens", 0),
                            "cache_write": usage.get("cache_write_tokens", 0),
                            "cache_write_1h": usage.get("cache_write_1h_tokens", 0),
                            "usd": float(price.total_price),
                        }) + "\n")
                        cases += 1
print(f"{OUT}: {cases} requests over {len(catalog['models']) - len(overridden)} models priced by genai-prices "
      f"({', '.join(sorted(overridden))}: corrected by scripts/price-overrides.json, not compared)")
