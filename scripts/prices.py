"""Turns pydantic's genai-prices (MIT, pinned in scripts/versions.env) into
burnrate's price file, public/prices.json: every text model with token
prices, and the embedding models whose vector size is known.

Run through scripts/prices.sh, which installs the pinned package into a
private virtualenv. Nothing is downloaded at build or run time: the output is
committed, and the same package version always gives the same bytes.

What is carried over, per model: its token prices (input, cached input,
five-minute and one-hour cache writes, output) and its fee per 1,000
requests as of `as_of`; every long-context tier (a request whose input is
above one pays that tier's prices on all its tokens); the batch, flex and
priority tiers as one ratio of the standard prices where every price is the
same ratio, else as the tier's own full table (genai-prices' variants, per
price key, as in force on `as_of`); and genai-prices' conditional prices (a
start date, or a daily UTC window such as DeepSeek's peak hours) as
`rules`, the last one active winning, as in genai-prices.

A separate price for reasoning tokens (Perplexity's sonar-deep-research) is
carried beside a model's one table; the script stops if a model ever has one
with long-context tiers, tier tables or rules.

Not carried (tests/prices/check.py lists the models they touch): per-search
fees (web and file search, which burnrate prices as tool calls), and
variants dated after `as_of`. Entries genai-prices has stale are corrected
by scripts/price-overrides.json (each dated and sourced).
"""

import datetime
import json
import re
import sys
from decimal import Decimal

from genai_prices import data
from genai_prices import types as t

VERSION = sys.argv[1]
OUT = sys.argv[2]

# Vector sizes genai-prices does not carry: each model's default output size
# from its provider's model documentation. Models not listed are left out.
DIMENSIONS = {
    "openai/text-embedding-3-small": (1536, "https://platform.openai.com/docs/guides/embeddings"),
    "openai/text-embedding-3-large": (3072, "https://platform.openai.com/docs/guides/embeddings"),
    "openai/text-embedding-ada-002": (1536, "https://platform.openai.com/docs/guides/embeddings"),
    "azure/text-embedding-3-small": (1536, "https://platform.openai.com/docs/guides/embeddings"),
    "azure/text-embedding-3-large": (3072, "https://platform.openai.com/docs/guides/embeddings"),
    "aws/amazon.titan-embed-text-v1": (1536, "https://docs.aws.amazon.com/bedrock/latest/userguide/titan-embedding-models.html"),
    "aws/amazon.titan-embed-text-v2:0": (1024, "https://docs.aws.amazon.com/bedrock/latest/userguide/titan-embedding-models.html"),
    "cohere/embed-v4.0": (1536, "https://docs.cohere.com/docs/cohere-embed"),
    "google/gemini-embedding-001": (3072, "https://ai.google.dev/gemini-api/docs/embeddings"),
    "mistral/mistral-embed": (1024, "https://docs.mistral.ai/capabilities/embeddings/"),
    "cloudflare/@cf/qwen/qwen3-embedding-0.6b": (1024, "https://huggingface.co/Qwen/Qwen3-Embedding-0.6B"),
    "databricks/databricks-qwen3-embedding-0-6b": (1024, "https://huggingface.co/Qwen/Qwen3-Embedding-0.6B"),
}

# Not text generation: speech, transcription, images, realtime audio.
NOT_TEXT = re.compile(r"tts|transcri|whisper|realtime|audio|image|dall-e|embed|rerank|moderation|sora|veo|imagen|lyria|music|speech", re.I)
MEDIA_KEYS = {"output_audio_mtok", "output_image_mtok", "output_video_mtok", "input_audio_hours", "audio_hours"}
DATED = re.compile(r"(?:verified|checked)[a-z ]* on (20\d\d-\d\d-\d\d)")


def number(d):
    """A Decimal as the shortest float that reads back as it."""
    return float(d)


def base_of(v):
    return v.base if isinstance(v, t.TieredPrices) else v


def token_prices(p):
    """input / cached input / cache writes / output of a genai-prices ModelPrice,
    with every long-context tier."""
    d = p.__dict__
    inp = d.get("input_mtok")
    if inp is None or d.get("output_mtok") is None:
        return None
    out = {
        "usd_per_m_input": number(base_of(inp)),
        "usd_per_m_cached_input": number(base_of(d.get("cache_read_mtok") or inp)),
        "usd_per_m_output": number(base_of(d["output_mtok"])),
    }
    for key, field in [("cache_write_mtok", "usd_per_m_cache_write"),
                       ("cache_write_1h_mtok", "usd_per_m_cache_write_1h")]:
        if d.get(key) is not None:
            out[field] = number(base_of(d[key]))
    if d.get("output_reasoning_mtok") is not None:
        out["usd_per_m_reasoning"] = number(base_of(d["output_reasoning_mtok"]))
    if d.get("requests_kcount") is not None:
        out["usd_per_k_requests"] = number(d["requests_kcount"])
    tiers = tier_prices(p)
    if tiers:
        out["long_context"] = tiers
    return out


def tier_prices(p):
    """Every long-context tier: each threshold any price has, with every price
    above it (a price's highest tier at or below the threshold, else its base:
    genai-prices' tiers are cliffs on the whole request)."""
    d = p.__dict__
    starts = sorted({tier.start for v in d.values() if isinstance(v, t.TieredPrices) for tier in v.tiers})

    def at(key, start):
        v = d.get(key)
        if v is None:
            return None
        if isinstance(v, t.TieredPrices):
            crossed = [tier for tier in v.tiers if tier.start <= start]
            return number(crossed[-1].price if crossed else v.base)
        return number(v)

    tiers = []
    for start in starts:
        inp = at("input_mtok", start)
        tier = {
            "above_input_tokens": start,
            "usd_per_m_input": inp,
            "usd_per_m_cached_input": at("cache_read_mtok", start) if d.get("cache_read_mtok") is not None else inp,
            "usd_per_m_output": at("output_mtok", start),
        }
        for key, field in [("cache_write_mtok", "usd_per_m_cache_write"),
                           ("cache_write_1h_mtok", "usd_per_m_cache_write_1h")]:
            if d.get(key) is not None:
                tier[field] = at(key, start)
        tiers.append(tier)
    return tiers


# The prices a processing tier can set, and so compare.
TABLE_KEYS = ["input_mtok", "cache_read_mtok", "cache_write_mtok", "cache_write_1h_mtok", "output_mtok"]


def resolved(m, base, when, as_of):
    """The standard prices with a processing tier's variants applied as
    genai-prices applies them: per price key, the first variant active on
    `as_of` that sets it; keys it does not set keep the standard price."""
    moment = datetime.datetime.combine(as_of, datetime.time(12), tzinfo=datetime.timezone.utc)
    out = dict(base.__dict__)
    seen = set()
    found = False
    for v in m.price_variants or []:
        if v.when != when or (v.constraint is not None and not v.constraint.active(moment)):
            continue
        found = True
        for k, price in v.prices.__dict__.items():
            if price is not None and k not in seen:
                seen.add(k)
                out[k] = price
    return t.ModelPrice(**out) if found else None


def proportional(variant, base):
    """The one ratio every price of `variant` is of `base`'s, or None."""
    v, b = variant.__dict__, base.__dict__
    bi = base_of(b["input_mtok"])
    if not bi:
        return None
    r = base_of(v["input_mtok"]) / bi

    def parts(x):
        if isinstance(x, t.TieredPrices):
            return [(None, x.base)] + [(tier.start, tier.price) for tier in x.tiers]
        return [(None, x)]

    for k in TABLE_KEYS:
        if (v.get(k) is None) != (b.get(k) is None):
            return None
        if v.get(k) is None:
            continue
        pv, pb = parts(v[k]), parts(b[k])
        if [s for s, _ in pv] != [s for s, _ in pb]:
            return None
        if any(abs(x - y * r) > Decimal("1e-12") * max(abs(y), 1) for (_, x), (_, y) in zip(pv, pb)):
            return None
    rounded = round(float(r), 6)
    return rounded if abs(rounded - float(r)) <= 1e-12 * float(r) else None


def processing_tiers(m, base, as_of):
    """Batch, flex and priority prices: a ratio of the standard ones where
    every price is the same ratio of its standard price, else the tier's own
    full table."""
    out = {}
    for name, ratio_field, when in [("batch", "batch_discount", {"processing": "batch"}),
                                    ("flex", "flex_ratio", {"service_tier": "flex"}),
                                    ("priority", "priority_ratio", {"service_tier": "priority"})]:
        variant = resolved(m, base, when, as_of)
        if variant is None:
            continue
        r = proportional(variant, base)
        if r is not None:
            out[ratio_field] = round(1 - r, 6) if name == "batch" else r
        else:
            table = token_prices(variant)
            table.pop("usd_per_k_requests", None)
            out[name] = table
    return out


def display_name(p, m):
    """The model's name, after its provider's unless it already starts with it."""
    name = m.name or m.id
    return name if name.lower().startswith(p.name.lower()) else f"{p.name} {name}"


def conditional(m):
    return m.prices if isinstance(m.prices, list) else [t.ConditionalPrice(prices=m.prices)]


def rules_of(m, as_of):
    """Base prices as of `as_of` and the conditional rules still to matter."""
    entries = list(conditional(m))
    base = entries[0]
    rest = entries[1:]
    # Dated changes already in force before any daily window fold into the base.
    while rest and isinstance(rest[0].constraint, t.StartDateConstraint) and rest[0].constraint.start_date <= as_of:
        base = rest.pop(0)
    rules = []
    for cp in rest:
        prices = token_prices(cp.prices)
        if prices is None:
            continue
        # burnrate's rules carry input, cached input and output only.
        if set(prices) - {"usd_per_m_input", "usd_per_m_cached_input", "usd_per_m_output"}:
            sys.exit(f"{m.id}: a conditional price with a cache-write price or a tier: extend PriceRule first")
        c = cp.constraint
        if isinstance(c, t.StartDateConstraint):
            rule = {"from": c.start_date.isoformat()}
        elif isinstance(c, t.TimeOfDateConstraint):
            rule = {"utc_start_hour": hours(c.start_time), "utc_end_hour": hours(c.end_time)}
        else:
            continue
        rule.update(prices)
        rules.append(rule)
    return base.prices, rules


def hours(tm):
    if tm.tzinfo is not None:
        tm = datetime.datetime.combine(datetime.date(1970, 1, 1), tm).astimezone(datetime.timezone.utc).time()
    return tm.hour + tm.minute / 60


def apply_overrides(models):
    """scripts/price-overrides.json: dated, sourced corrections of entries
    genai-prices has stale, each field replaced and the source saying so."""
    with open("scripts/price-overrides.json", encoding="utf-8") as f:
        overrides = json.load(f)["overrides"]
    by_id = {m["id"]: m for m in models}
    for o in overrides:
        entry = by_id.get(o["id"])
        if entry is None:
            sys.exit(f"scripts/price-overrides.json: {o['id']} is not in genai-prices {VERSION}: remove its override")
        for k, v in o["set"].items():
            if k == "rules" and not v:
                entry.pop("rules", None)
            else:
                entry[k] = v
        entry["source"] = f"{o['source']}; corrected on {o['checked']} by scripts/price-overrides.json, as {entry['source']} is stale"


def main():
    comments = " ".join(
        filter(None, [p.price_comments or "" for p in data.providers]
               + [m.price_comments or "" for p in data.providers for m in p.models])
    )
    as_of = max(DATED.findall(comments))
    as_of_date = datetime.date.fromisoformat(as_of)
    models, embeddings = [], []
    for p in sorted(data.providers, key=lambda p: p.id):
        source = (p.pricing_urls or [""])[0]
        for m in sorted(p.models, key=lambda m: m.id):
            if m.deprecated:
                continue
            key = f"{p.id}/{m.id}"
            base, rules = rules_of(m, as_of_date)
            if key in DIMENSIONS:
                dims, dims_source = DIMENSIONS[key]
                inp = base.__dict__.get("input_mtok")
                if inp is not None:
                    embeddings.append({
                        "id": key,
                        "name": display_name(p, m),
                        "usd_per_m_tokens": number(base_of(inp)),
                        "dimensions": dims,
                        "source": f"{source} (genai-prices {VERSION}); dimensions: {dims_source}",
                    })
                continue
            if NOT_TEXT.search(m.id) or MEDIA_KEYS & {k for k, v in base.__dict__.items() if v is not None}:
                continue
            prices = token_prices(base)
            if prices is None:
                continue
            entry = {"id": key, "name": display_name(p, m), "provider": p.name}
            entry.update(prices)
            if m.context_window:
                entry["context_window_tokens"] = m.context_window
            entry.update(processing_tiers(m, base, as_of_date))
            if rules:
                entry["rules"] = rules
            # burnrate carries a reasoning price beside one table only (the
            # catalog refuses more): stop rather than misprice a new model.
            many = [k for k in ("long_context", "batch", "flex", "priority", "rules") if k in entry]
            if "usd_per_m_reasoning" in entry and many:
                sys.exit(f"{key}: a separate reasoning price with {', '.join(many)}: burnrate cannot carry both")
            entry["source"] = f"{source} (genai-prices {VERSION})"
            models.append(entry)
    apply_overrides(models)
    out = {
        "as_of": as_of,
        "note": (
            f"Generated by scripts/prices.sh from pydantic's genai-prices {VERSION} (MIT, "
            "https://github.com/pydantic/genai-prices): token prices in USD per 1M tokens as of "
            f"{as_of}, the latest date its data says prices were checked. Long-context tiers reprice "
            "the whole request above their threshold; rules are genai-prices' dated and daily-window "
            "prices, the last active one winning. Embedding vector sizes are each model's default, "
            "from its documentation."
        ),
        "models": models,
        "embeddings": embeddings,
    }
    with open(OUT, "w", encoding="utf-8") as f:
        f.write("{\n")
        f.write(f'  "as_of": {json.dumps(out["as_of"])},\n  "note": {json.dumps(out["note"])},\n')
        for i, kind in enumerate(["models", "embeddings"]):
            f.write(f'  "{kind}": [\n')
            f.write(",\n".join("    " + json.dumps(e, ensure_ascii=False) for e in out[kind]))
            f.write("\n  ]" + ("," if i == 0 else "") + "\n")
        f.write("}\n")
    print(f"{OUT}: {len(models)} models, {len(embeddings)} embeddings, as of {as_of}")


main()
