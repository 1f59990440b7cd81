//! The price catalog: model token prices, embedding and reranker prices, and
//! accelerators' hourly prices and throughputs, dated and sourced
//! (`data/catalog.json`, embedded at build time). A scenario may override any
//! entry or add its own by id; a name found in neither is an error the user
//! sees, never a silent $0.

use serde::{Deserialize, Serialize};

use crate::error::{Bound, ModelError};

// Physical ranges of catalog entries: generous beside any real price or
// device, tight enough that no accepted entry overflows a month's cost.
const TOKEN_PRICE: Bound = Bound::new(
    0.0,
    10_000.0,
    "must be between 0 and 10,000 per million tokens",
);
const SEARCH_PRICE: Bound = Bound::new(
    0.0,
    10_000.0,
    "must be between 0 and 10,000 per 1,000 searches",
);
const CONTEXT_WINDOW: Bound = Bound::new(256.0, 1e8, "must be between 256 and 100,000,000 tokens");
const DIMENSIONS: Bound = Bound::new(1.0, 65_536.0, "must be between 1 and 65,536");
const DOCS_PER_SEARCH: Bound = Bound::new(1.0, 10_000.0, "must be between 1 and 10,000");
const INSTANCE_PRICE: Bound = Bound::new(0.0, 10_000.0, "must be between 0 and 10,000 per hour");
const DEVICES: Bound = Bound::new(1.0, 1_024.0, "must be between 1 and 1,024");
const MEMORY_GB: Bound = Bound::new(1.0, 10_000.0, "must be between 1 and 10,000 GB");
/// A service tier's price over the standard one (flex 0.5, priority 2).
const PRICE_RATIO: Bound = Bound::new(
    0.01,
    100.0,
    "must be between 0.01 and 100 times the standard price",
);
const HOUR: Bound = Bound::new(0.0, 24.0, "must be an hour of the day, 0 to 24");
/// Tokens per second per device: a single H100 serves tens of thousands.
/// Bytes a weight takes: 4-bit to 32-bit.
const BYTES_PER_PARAM: Bound = Bound::new(0.1, 4.0, "must be between 0.1 and 4 bytes");
/// A precision's decode speed against fp16.
const SPEEDUP: Bound = Bound::new(0.1, 10.0, "must be between 0.1 and 10 times fp16's");
const TOKENS_PER_S: Bound = Bound::new(1.0, 1e7, "must be between 1 and 10,000,000 tokens/s");

/// A managed API model's token prices.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModelPrice {
    pub id: String,
    #[serde(default)]
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub provider: String,
    pub usd_per_m_input: f64,
    /// Input tokens served from the provider's prompt cache.
    pub usd_per_m_cached_input: f64,
    pub usd_per_m_output: f64,
    /// Input tokens written into the prompt cache (Anthropic: 1.25x input).
    /// None: writing costs the input price.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub usd_per_m_cache_write: Option<f64>,
    /// Input tokens written into the cache for an hour rather than five
    /// minutes (Anthropic: 2x input). None: the cache-write price.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub usd_per_m_cache_write_1h: Option<f64>,
    /// Hidden reasoning tokens where the model prices them apart from its
    /// answer (genai-prices' `output_reasoning_mtok`: Perplexity's Sonar Deep
    /// Research, $3 against $8). None: they are output, at the output price.
    /// Only on a model whose prices are one table (no long-context tiers,
    /// own tier tables or rules), as every model that has one is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub usd_per_m_reasoning: Option<f64>,
    /// Above each tier's threshold a request pays its prices on all its
    /// tokens, the highest tier crossed winning (genai-prices' "cliff").
    /// Written as one tier or a list, lowest threshold first.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "one_or_many"
    )]
    pub long_context: Vec<LongContextTier>,
    /// Flex processing's price over the standard one (OpenAI: 0.5).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub flex_ratio: Option<f64>,
    /// Priority processing's price over the standard one (OpenAI: 2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority_ratio: Option<f64>,
    /// The batch API's own prices where they are not one ratio of the
    /// standard ones (Gemini's batch keeps cached input at its standard
    /// price): set instead of `batch_discount`, never with it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub batch: Option<PriceTable>,
    /// Flex processing's own prices, instead of `flex_ratio`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub flex: Option<PriceTable>,
    /// Priority processing's own prices, instead of `priority_ratio`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority: Option<PriceTable>,
    /// Prices from a date, or in a daily UTC window (genai-prices'
    /// conditional prices): the last rule in force wins.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rules: Vec<PriceRule>,
    /// Most tokens a request can hold, input and output together (None:
    /// unknown, never truncated).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub context_window_tokens: Option<f64>,
    /// Discount of the provider's batch API (0.5 = half price).
    #[serde(default)]
    pub batch_discount: f64,
    /// A fee on each request besides its tokens, per 1,000 requests
    /// (genai-prices' `requests_kcount`: Perplexity's Sonar, $5–14); 0 for
    /// most models.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub usd_per_k_requests: f64,
    #[serde(default)]
    pub source: String,
}

fn is_zero(v: &f64) -> bool {
    *v == 0.0
}

/// A model's prices as the page edits them under Prices (the rest of an
/// entry, its tier and rules, comes from its price file).
pub mod model_fields {
    use super::{CONTEXT_WINDOW, PRICE_RATIO, TOKEN_PRICE};
    use crate::error::Bound;
    use crate::fields::Field;

    pub const NAME: Field = Field::text(
        "name",
        "Name",
        200,
        "How the model is named in pickers (a custom model's own name).",
    );
    pub const INPUT: Field = Field::number(
        "usd_per_m_input",
        "Input",
        "$ / 1M tokens",
        TOKEN_PRICE,
        "Price of prompt tokens.",
    );
    pub const CACHED: Field = Field::number(
        "usd_per_m_cached_input",
        "Cached input",
        "$ / 1M tokens",
        TOKEN_PRICE,
        "Prompt tokens served from the provider's cache.",
    );
    pub const OUTPUT: Field = Field::number(
        "usd_per_m_output",
        "Output",
        "$ / 1M tokens",
        TOKEN_PRICE,
        "Price of generated tokens.",
    );
    pub const CACHE_WRITE: Field = Field::optional(
        "usd_per_m_cache_write",
        "Cache write",
        "$ / 1M tokens",
        TOKEN_PRICE,
        "Prompt tokens written into the provider's cache. Empty: the input price (the provider charges nothing more).",
    );
    pub const CACHE_WRITE_1H: Field = Field::optional(
        "usd_per_m_cache_write_1h",
        "Cache write, 1 hour",
        "$ / 1M tokens",
        TOKEN_PRICE,
        "Prompt tokens written into the cache for an hour (Anthropic: 2× input). Empty: the cache-write price.",
    );
    pub const REASONING: Field = Field::optional(
        "usd_per_m_reasoning",
        "Reasoning",
        "$ / 1M tokens",
        TOKEN_PRICE,
        "Hidden reasoning tokens where the model prices them apart from its answer (Perplexity's Sonar Deep Research: $3 against $8 output). Empty: the output price.",
    );
    pub const BATCH: Field = Field::number(
        "batch_discount",
        "Batch discount",
        "% off",
        Bound::SHARE,
        "Discount of the provider's batch API.",
    )
    .percent();
    pub const FLEX: Field = Field::optional(
        "flex_ratio",
        "Flex price",
        "× standard",
        PRICE_RATIO,
        "Flex processing's price over the standard one. Empty: the provider has none.",
    );
    pub const PRIORITY: Field = Field::optional(
        "priority_ratio",
        "Priority price",
        "× standard",
        PRICE_RATIO,
        "Priority processing's price over the standard one. Empty: the provider has none.",
    );
    pub const REQUESTS: Field = Field::number(
        "usd_per_k_requests",
        "Per request",
        "$ / 1,000 requests",
        Bound::new(
            0.0,
            10_000.0,
            "must be between 0 and 10,000 per 1,000 requests",
        ),
        "A fee on each call besides its tokens (Perplexity's Sonar: $12 per 1,000 for its web search); 0 for most models.",
    );
    pub const WINDOW: Field = Field::optional(
        "context_window_tokens",
        "Context window",
        "tokens",
        CONTEXT_WINDOW,
        "Most tokens a request can hold, input and output together: longer prompts are cut to it. Empty: unknown, never cut.",
    );
}

/// A processing tier's own prices, as the page edits them: `$tier input`,
/// and so on (`$t` the tier's name, `$help` whose prices they are).
macro_rules! table_fields {
    ($name:ident, $t:literal, $help:literal) => {
        pub const $name: [crate::fields::Field; 5] = [
            crate::fields::Field::number(
                "usd_per_m_input",
                concat!($t, " input"),
                "$ / 1M tokens",
                TOKEN_PRICE,
                concat!($help, ": prompt tokens."),
            ),
            crate::fields::Field::number(
                "usd_per_m_cached_input",
                concat!($t, " cached input"),
                "$ / 1M tokens",
                TOKEN_PRICE,
                concat!($help, ": prompt tokens served from the cache."),
            ),
            crate::fields::Field::number(
                "usd_per_m_output",
                concat!($t, " output"),
                "$ / 1M tokens",
                TOKEN_PRICE,
                concat!($help, ": generated tokens."),
            ),
            crate::fields::Field::optional(
                "usd_per_m_cache_write",
                concat!($t, " cache write"),
                "$ / 1M tokens",
                TOKEN_PRICE,
                concat!(
                    $help,
                    ": prompt tokens written into the cache. Empty: its input price."
                ),
            ),
            crate::fields::Field::optional(
                "usd_per_m_cache_write_1h",
                concat!($t, " cache write, 1 hour"),
                "$ / 1M tokens",
                TOKEN_PRICE,
                concat!(
                    $help,
                    ": cache writes kept for an hour. Empty: its cache-write price."
                ),
            ),
        ];
    };
}

table_fields!(BATCH_TABLE, "Batch", "The batch API's own price");
table_fields!(FLEX_TABLE, "Flex", "Flex processing's own price");
table_fields!(
    PRIORITY_TABLE,
    "Priority",
    "Priority processing's own price"
);

impl crate::fields::Section for ModelPrice {
    fn fields(&mut self, w: &mut crate::fields::Walk) {
        use crate::fields::Slot::{Number, Optional, Text};
        use model_fields::*;
        w.field(&NAME, Text(&mut self.name));
        w.field(&INPUT, Number(&mut self.usd_per_m_input));
        w.field(&CACHED, Number(&mut self.usd_per_m_cached_input));
        w.field(&OUTPUT, Number(&mut self.usd_per_m_output));
        w.field(&CACHE_WRITE, Optional(&mut self.usd_per_m_cache_write));
        w.field(
            &CACHE_WRITE_1H,
            Optional(&mut self.usd_per_m_cache_write_1h),
        );
        w.field(&REASONING, Optional(&mut self.usd_per_m_reasoning));
        // A tier with its own table shows the table; one without, its ratio.
        match &mut self.batch {
            Some(t) => w.nest("batch", |w| t.walk(w, &BATCH_TABLE)),
            None => w.field(&BATCH, Number(&mut self.batch_discount)),
        }
        match &mut self.flex {
            Some(t) => w.nest("flex", |w| t.walk(w, &FLEX_TABLE)),
            None => w.field(&FLEX, Optional(&mut self.flex_ratio)),
        }
        match &mut self.priority {
            Some(t) => w.nest("priority", |w| t.walk(w, &PRIORITY_TABLE)),
            None => w.field(&PRIORITY, Optional(&mut self.priority_ratio)),
        }
        w.field(&REQUESTS, Number(&mut self.usd_per_k_requests));
        w.field(&WINDOW, Optional(&mut self.context_window_tokens));
    }
}

/// A long-context tier: a request whose input is above `above_input_tokens`
/// pays these prices on all its tokens (the "cliff" providers use).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LongContextTier {
    pub above_input_tokens: f64,
    pub usd_per_m_input: f64,
    pub usd_per_m_cached_input: f64,
    pub usd_per_m_output: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub usd_per_m_cache_write: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub usd_per_m_cache_write_1h: Option<f64>,
}

/// Most long-context tiers an entry may have (genai-prices' models have up
/// to two): the engine keeps them in a fixed array, no allocation a trial.
pub const MAX_LONG_CONTEXT_TIERS: usize = 4;

/// A processing tier's own full price table (batch, flex, priority), as
/// genai-prices resolves it: every price, and its long-context tiers.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PriceTable {
    pub usd_per_m_input: f64,
    pub usd_per_m_cached_input: f64,
    pub usd_per_m_output: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub usd_per_m_cache_write: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub usd_per_m_cache_write_1h: Option<f64>,
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "one_or_many"
    )]
    pub long_context: Vec<LongContextTier>,
}

impl PriceTable {
    /// The table's fields under its tier's own labels ("Batch input"), so
    /// no two fields of one model read alike.
    fn walk(&mut self, w: &mut crate::fields::Walk, fields: &'static [crate::fields::Field; 5]) {
        use crate::fields::Slot::{Number, Optional};
        w.field(&fields[0], Number(&mut self.usd_per_m_input));
        w.field(&fields[1], Number(&mut self.usd_per_m_cached_input));
        w.field(&fields[2], Number(&mut self.usd_per_m_output));
        w.field(&fields[3], Optional(&mut self.usd_per_m_cache_write));
        w.field(&fields[4], Optional(&mut self.usd_per_m_cache_write_1h));
    }
}

/// Long-context tiers written as one object (files before 2026-12-06) or a
/// list. A visitor rather than an untagged enum: serde's untagged enums
/// buffer their input, 3.5 KB of the page's first load.
fn one_or_many<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<LongContextTier>, D::Error> {
    use serde::de::value::{MapAccessDeserializer, SeqAccessDeserializer};
    struct OneOrMany;
    impl<'de> serde::de::Visitor<'de> for OneOrMany {
        type Value = Vec<LongContextTier>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a long-context tier or a list of them")
        }
        fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
            LongContextTier::deserialize(MapAccessDeserializer::new(map)).map(|t| vec![t])
        }
        fn visit_seq<A: serde::de::SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
            Vec::deserialize(SeqAccessDeserializer::new(seq))
        }
        fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok(Vec::new())
        }
    }
    d.deserialize_any(OneOrMany)
}

/// A model's prices from a date (`from`, YYYY-MM-DD) or in a daily window
/// (`utc_start_hour` to `utc_end_hour`, UTC, wrapping past midnight). Lean
/// on purpose (every field is code in the page): genai-prices' rules carry
/// no cache-write price or tier of their own, and scripts/prices.py stops if
/// one ever does.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PriceRule {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub utc_start_hour: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub utc_end_hour: Option<f64>,
    pub usd_per_m_input: f64,
    pub usd_per_m_cached_input: f64,
    pub usd_per_m_output: f64,
}

/// An embedding model's price and vector size.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EmbeddingPrice {
    pub id: String,
    #[serde(default)]
    pub name: String,
    pub usd_per_m_tokens: f64,
    pub dimensions: u32,
    #[serde(default)]
    pub source: String,
}

/// A reranker's price per search (one query scored against up to `docs_per_search` chunks).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RerankerPrice {
    pub id: String,
    #[serde(default)]
    pub name: String,
    pub usd_per_1k_searches: f64,
    pub docs_per_search: u32,
    #[serde(default)]
    pub source: String,
}

/// A weight precision's memory and decode speed against fp16, with the
/// measurement behind them (seed 003: quantization "reduces memory by 50%
/// or more"). Data, not code: a scenario's own entry of the same id
/// replaces the shipped one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuantizationFactors {
    /// The precision's key in scenarios: fp16, int8, int4.
    pub id: String,
    pub bytes_per_param: f64,
    /// Decode speed-up against fp16 with many requests batched (fewer bytes
    /// to stream per token; prefill, compute-bound, gains little).
    pub batched_decode_speedup: f64,
    /// The same for one request alone (batch 1), bound by streaming the weights.
    pub single_stream_decode_speedup: f64,
    #[serde(default)]
    pub source: String,
}

/// A GPU or ASIC instance: its hourly price and what it serves.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Accelerator {
    pub id: String,
    #[serde(default)]
    pub name: String,
    pub usd_per_hour: f64,
    /// Published spot (preemptible) and 1- and 3-year committed prices an
    /// hour, where the source gives them: picking the instance sets the
    /// scenario's spot and commitment discounts from them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub usd_per_hour_spot: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub usd_per_hour_1y: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub usd_per_hour_3y: Option<f64>,
    /// GPUs or accelerator chips in the instance.
    pub devices: u32,
    pub memory_gb_per_device: f64,
    /// Prompt tokens per second per device for a 7B model at fp16, batched.
    pub prefill_tokens_per_s_7b: f64,
    /// Generated tokens per second per device for a 7B model at fp16, batched.
    pub decode_tokens_per_s_7b: f64,
    /// Generated tokens per second of one request alone (batch 1) for a 7B
    /// model at fp16: a lone request holds the instance this long (None:
    /// unknown, busy time is batched throughput only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub single_stream_decode_tokens_per_s_7b: Option<f64>,
    #[serde(default)]
    pub source: String,
}

/// Catalog entries: the shipped catalog, or a scenario's own additions and overrides.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Catalog {
    /// Date the shipped prices were read (empty for a scenario's own entries).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub as_of: String,
    /// Date the accelerators' prices were read, when not `as_of` (token
    /// prices and instance prices come from different sources).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub accelerators_as_of: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub note: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub models: Vec<ModelPrice>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub embeddings: Vec<EmbeddingPrice>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub rerankers: Vec<RerankerPrice>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub accelerators: Vec<Accelerator>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub quantization: Vec<QuantizationFactors>,
}

/// Prices older than this many days get a note to check them.
pub const STALE_AFTER_DAYS: i64 = 90;

/// How many days old prices dated `as_of` are on `today`, when that is more
/// than [`STALE_AFTER_DAYS`] (None when fresh, or `as_of` is not a date).
pub fn stale_days(as_of: &str, today: crate::calendar::Date) -> Option<i64> {
    let age = today.days() - crate::calendar::Date::parse(as_of)?.days();
    (age > STALE_AFTER_DAYS).then_some(age)
}

/// The sentence by the verdict that dates the shipped catalog `c`'s prices
/// (token prices, and instance prices when dated apart and `instances`: the
/// scenario runs on one of the catalog's own instances; one picked from the
/// instance list is the scenario's own, dated by its source), and whether
/// any is over [`STALE_AFTER_DAYS`] old on `today` (the sentence then says
/// to check them).
pub fn price_date_note(
    c: &Catalog,
    today: crate::calendar::Date,
    instances: bool,
) -> (String, bool) {
    let gpu = (instances && !c.accelerators_as_of.is_empty() && c.accelerators_as_of != c.as_of)
        .then_some(c.accelerators_as_of.as_str());
    let dated = |what: &str, as_of: &str| match stale_days(as_of, today) {
        Some(days) => (format!("{what} as of {as_of}, {days} days ago"), true),
        None => (format!("{what} as of {as_of}"), false),
    };
    let (tokens, mut stale) = dated(
        if gpu.is_some() {
            "Token prices"
        } else {
            "List prices"
        },
        &c.as_of,
    );
    let mut text = tokens;
    if let Some(gpu) = gpu {
        let (g, old) = dated("GPU and accelerator prices", gpu);
        text = format!("{text}; {g}");
        stale |= old;
    }
    if stale {
        text.push_str(
            ": check the rates under Prices against today's pricing pages before you quote these figures.",
        );
    } else {
        text.push('.');
    }
    (text, stale)
}

impl ModelPrice {
    /// The dates of this model's dated price changes (YYYY-MM-DD).
    fn changes(&self) -> impl Iterator<Item = &str> {
        self.rules.iter().filter_map(|r| r.from.as_deref())
    }

    /// This model as priced on `day`: the dated price in force then becomes
    /// its price and the dated rules go (hourly windows stay).
    pub fn at(&self, day: crate::calendar::Date) -> ModelPrice {
        let mut out = self.clone();
        // The rule in force is the latest dated on or before `day`, in
        // whatever order they are listed (of equal dates, the last listed).
        let mut latest: Option<(crate::calendar::Date, &PriceRule)> = None;
        for r in &self.rules {
            if let Some(d) = r.from.as_deref().and_then(crate::calendar::Date::parse)
                && d <= day
                && latest.is_none_or(|(l, _)| d >= l)
            {
                latest = Some((d, r));
            }
        }
        if let Some((_, r)) = latest {
            out.usd_per_m_input = r.usd_per_m_input;
            out.usd_per_m_cached_input = r.usd_per_m_cached_input;
            out.usd_per_m_output = r.usd_per_m_output;
        }
        out.rules.retain(|r| r.from.is_none());
        out
    }

    /// The days strictly inside `horizon` on which this model's price
    /// changes, in date order and once each.
    pub fn changes_within(
        &self,
        horizon: (crate::calendar::Date, crate::calendar::Date),
    ) -> Vec<crate::calendar::Date> {
        let mut days = Vec::new();
        for day in self.changes().filter_map(crate::calendar::Date::parse) {
            if horizon.0 < day && day < horizon.1 {
                crate::calendar::insert_sorted(&mut days, day);
            }
        }
        days
    }

    /// This model as priced over `months` months from `start` (YYYY-MM): the
    /// price in force on the first day ([`ModelPrice::at`]; the engine
    /// prices later changes inside the horizon in periods of their own).
    /// Unchanged (and so refused when priced, with its reason) without a start.
    pub fn in_force(&self, start: Option<&str>, months: u32) -> ModelPrice {
        match start.and_then(|s| crate::calendar::horizon(s, months)) {
            Some((first, _)) => self.at(first),
            None => self.clone(),
        }
    }

    /// Why a model's dated prices cannot be priced (None when it has none).
    pub fn dated_refusal(&self) -> Option<String> {
        let dates: Vec<&str> = self.changes().collect();
        (!dates.is_empty()).then(|| {
            format!(
                "{}'s price changes on {}: set the scenario's start month so the price in force each month is known",
                crate::error::shortened(&self.id),
                dates.join(", ")
            )
        })
    }
}

/// Most entries of one kind a catalog may hold.
pub const MAX_ENTRIES: usize = 2_000;

const SHIPPED_JSON: &str = include_str!("../data/catalog.json");

impl Catalog {
    /// The catalog shipped with this build. A test checks that it parses and validates.
    pub fn shipped() -> Catalog {
        // Parsed once per process (every edit prepares a scenario, and the
        // page's model selects and price fields read it): a copy after that.
        static SHIPPED: std::sync::OnceLock<Catalog> = std::sync::OnceLock::new();
        SHIPPED
            .get_or_init(|| {
                // Through `Value` and the path-keeping reader scenarios use,
                // so the catalog's deserialiser is compiled once in the web app.
                serde_json::from_str::<serde_json::Value>(SHIPPED_JSON)
                    .ok()
                    .and_then(|v| crate::path_reader::read(v).ok())
                    .unwrap_or_default()
            })
            .clone()
    }

    /// This catalog with `own` entries added, replacing shipped entries of
    /// the same id (the last of equal ids wins). Merged through an index by
    /// id: n log n, not n² (25,000 entries once froze the page for 14 s).
    pub fn with_overrides(mut self, own: &Catalog) -> Catalog {
        fn merge<T: Clone>(base: &mut Vec<T>, own: &[T], id: impl Fn(&T) -> &str) {
            let mut at: std::collections::BTreeMap<String, usize> = base
                .iter()
                .enumerate()
                .map(|(i, b)| (id(b).to_owned(), i))
                .collect();
            for entry in own {
                match at.get(id(entry)) {
                    Some(&i) => base[i] = entry.clone(),
                    None => {
                        at.insert(id(entry).to_owned(), base.len());
                        base.push(entry.clone());
                    }
                }
            }
        }
        merge(&mut self.models, &own.models, |m| &m.id);
        merge(&mut self.embeddings, &own.embeddings, |m| &m.id);
        merge(&mut self.rerankers, &own.rerankers, |m| &m.id);
        merge(&mut self.accelerators, &own.accelerators, |m| &m.id);
        merge(&mut self.quantization, &own.quantization, |m| &m.id);
        self
    }

    pub fn model(&self, field: &str, id: &str) -> Result<&ModelPrice, ModelError> {
        find(&self.models, field, "model", id, |m| &m.id)
    }
    pub fn embedding(&self, field: &str, id: &str) -> Result<&EmbeddingPrice, ModelError> {
        find(&self.embeddings, field, "embedding model", id, |m| &m.id)
    }
    pub fn reranker(&self, field: &str, id: &str) -> Result<&RerankerPrice, ModelError> {
        find(&self.rerankers, field, "reranker", id, |m| &m.id)
    }
    pub fn accelerator(&self, field: &str, id: &str) -> Result<&Accelerator, ModelError> {
        find(&self.accelerators, field, "accelerator", id, |m| &m.id)
    }
    pub fn quantization(&self, field: &str, id: &str) -> Result<&QuantizationFactors, ModelError> {
        find(&self.quantization, field, "quantization", id, |m| &m.id)
    }

    /// Checks every entry's numbers and text (used for the scenario's own
    /// entries, and in a test for the shipped ones).
    pub fn validate(&self, field: &str) -> Result<(), ModelError> {
        self.validate_size(field)?;
        self.validate_entries(field)
    }

    /// At most [`MAX_ENTRIES`] of each kind (a scenario's own entries; a
    /// price file may hold more, and its entries in use are taken).
    fn validate_size(&self, field: &str) -> Result<(), ModelError> {
        for (kind, count) in [
            ("models", self.models.len()),
            ("embeddings", self.embeddings.len()),
            ("rerankers", self.rerankers.len()),
            ("accelerators", self.accelerators.len()),
            ("quantization", self.quantization.len()),
        ] {
            if count > MAX_ENTRIES {
                return Err(ModelError::Invalid {
                    field: format!("{field}.{kind}"),
                    message: format!(
                        "{count} entries: at most {MAX_ENTRIES} of each kind (a link carries the entries its architectures use)"
                    ),
                });
            }
        }
        Ok(())
    }

    /// Each priced kind's list, by its name in a scenario (`models`…), with
    /// its entries' ids in order.
    pub fn priced_ids(&self) -> [(&'static str, Vec<&str>); 4] {
        [
            (
                "models",
                self.models.iter().map(|e| e.id.as_str()).collect(),
            ),
            (
                "embeddings",
                self.embeddings.iter().map(|e| e.id.as_str()).collect(),
            ),
            (
                "rerankers",
                self.rerankers.iter().map(|e| e.id.as_str()).collect(),
            ),
            (
                "accelerators",
                self.accelerators.iter().map(|e| e.id.as_str()).collect(),
            ),
        ]
    }

    /// Every entry within its physical bounds, with text of sane length.
    pub fn validate_entries(&self, field: &str) -> Result<(), ModelError> {
        let text = |kind: &str, i: usize, id: &str, name: &str, source: &str| {
            let f = format!("{field}.{kind}[{i}]");
            crate::error::check_text(&format!("{f}.id"), id, 100)?;
            crate::error::check_text(&format!("{f}.name"), name, 200)?;
            crate::error::check_text(&format!("{f}.source"), source, 1_000)
        };
        for (i, e) in self.models.iter().enumerate() {
            text("models", i, &e.id, &e.name, &e.source)?;
            crate::error::check_text(&format!("{field}.models[{i}].provider"), &e.provider, 100)?;
        }
        // An id given twice would let the later entry win unseen.
        let quantization = (
            "quantization",
            self.quantization.iter().map(|q| q.id.as_str()).collect(),
        );
        for (kind, ids) in self.priced_ids().into_iter().chain([quantization]) {
            let mut sorted = ids.clone();
            sorted.sort_unstable();
            if let Some(w) = sorted.windows(2).find(|w| w[0] == w[1]) {
                let at = ids.iter().rposition(|id| *id == w[0]).unwrap_or(0);
                return Err(ModelError::Invalid {
                    field: format!("{field}.{kind}[{at}].id"),
                    message: format!(
                        "{} appears twice: keep one (the later would replace the first unseen)",
                        crate::error::shortened(w[0])
                    ),
                });
            }
        }
        for (i, e) in self.embeddings.iter().enumerate() {
            text("embeddings", i, &e.id, &e.name, &e.source)?;
        }
        for (i, e) in self.rerankers.iter().enumerate() {
            text("rerankers", i, &e.id, &e.name, &e.source)?;
        }
        for (i, e) in self.accelerators.iter().enumerate() {
            text("accelerators", i, &e.id, &e.name, &e.source)?;
        }
        for (i, q) in self.quantization.iter().enumerate() {
            text("quantization", i, &q.id, "", &q.source)?;
            let f = format!("{field}.quantization[{i}]");
            BYTES_PER_PARAM.check(&format!("{f}.bytes_per_param"), q.bytes_per_param)?;
            SPEEDUP.check(
                &format!("{f}.batched_decode_speedup"),
                q.batched_decode_speedup,
            )?;
            SPEEDUP.check(
                &format!("{f}.single_stream_decode_speedup"),
                q.single_stream_decode_speedup,
            )?;
        }
        for (i, m) in self.models.iter().enumerate() {
            let f = format!("{field}.models[{i}]");
            let mut check = crate::fields::Validate::default();
            crate::fields::Walk::run(&mut check, &f, &mut m.clone());
            if let Some(e) = check.error {
                return Err(e);
            }
            check_tiers(&format!("{f}.long_context"), &m.long_context)?;
            for (name, table, set) in [
                ("batch", &m.batch, m.batch_discount != 0.0),
                ("flex", &m.flex, m.flex_ratio.is_some()),
                ("priority", &m.priority, m.priority_ratio.is_some()),
            ] {
                let Some(t) = table else { continue };
                if set {
                    return Err(ModelError::Invalid {
                        field: format!("{f}.{name}"),
                        message: format!(
                            "{name} prices are given twice, as a table and as a ratio of the standard ones: keep one"
                        ),
                    });
                }
                check_tiers(&format!("{f}.{name}.long_context"), &t.long_context)?;
            }
            // A request mixing the tiers is priced in bands between every
            // threshold any of its tables has: a fixed number of bands.
            let mut thresholds: Vec<f64> = [Some(&m.long_context)]
                .into_iter()
                .chain(
                    [&m.batch, &m.flex, &m.priority].map(|t| t.as_ref().map(|t| &t.long_context)),
                )
                .flatten()
                .flatten()
                .map(|t| t.above_input_tokens)
                .collect();
            thresholds.sort_by(f64::total_cmp);
            thresholds.dedup();
            if thresholds.len() > MAX_LONG_CONTEXT_TIERS {
                return Err(ModelError::Invalid {
                    field: format!("{f}.long_context"),
                    message: format!(
                        "its standard, batch, flex and priority tables have long-context tiers at {} different thresholds: at most {MAX_LONG_CONTEXT_TIERS} in all",
                        thresholds.len()
                    ),
                });
            }
            for (j, r) in m.rules.iter().enumerate() {
                check_rule(&format!("{f}.rules[{j}]"), r)?;
            }
            single_table_reasoning(&f, m)?;
        }
        for (i, e) in self.embeddings.iter().enumerate() {
            let f = format!("{field}.embeddings[{i}]");
            TOKEN_PRICE.check(&format!("{f}.usd_per_m_tokens"), e.usd_per_m_tokens)?;
            DIMENSIONS.check(&format!("{f}.dimensions"), f64::from(e.dimensions))?;
        }
        for (i, r) in self.rerankers.iter().enumerate() {
            let f = format!("{field}.rerankers[{i}]");
            SEARCH_PRICE.check(&format!("{f}.usd_per_1k_searches"), r.usd_per_1k_searches)?;
            DOCS_PER_SEARCH.check(
                &format!("{f}.docs_per_search"),
                f64::from(r.docs_per_search),
            )?;
        }
        for (i, a) in self.accelerators.iter().enumerate() {
            let f = format!("{field}.accelerators[{i}]");
            INSTANCE_PRICE.check(&format!("{f}.usd_per_hour"), a.usd_per_hour)?;
            for (name, p) in [
                ("usd_per_hour_spot", a.usd_per_hour_spot),
                ("usd_per_hour_1y", a.usd_per_hour_1y),
                ("usd_per_hour_3y", a.usd_per_hour_3y),
            ] {
                if let Some(p) = p {
                    INSTANCE_PRICE.check(&format!("{f}.{name}"), p)?;
                }
            }
            DEVICES.check(&format!("{f}.devices"), f64::from(a.devices))?;
            MEMORY_GB.check(&format!("{f}.memory_gb_per_device"), a.memory_gb_per_device)?;
            TOKENS_PER_S.check(
                &format!("{f}.prefill_tokens_per_s_7b"),
                a.prefill_tokens_per_s_7b,
            )?;
            TOKENS_PER_S.check(
                &format!("{f}.decode_tokens_per_s_7b"),
                a.decode_tokens_per_s_7b,
            )?;
            if let Some(v) = a.single_stream_decode_tokens_per_s_7b {
                TOKENS_PER_S.check(&format!("{f}.single_stream_decode_tokens_per_s_7b"), v)?;
            }
        }
        Ok(())
    }
}

/// A separate reasoning price is one number beside one table: with tiers,
/// tables or rules each would need its own, which no source publishes.
fn single_table_reasoning(f: &str, m: &ModelPrice) -> Result<(), ModelError> {
    if m.usd_per_m_reasoning.is_none() {
        return Ok(());
    }
    let other = [
        (!m.long_context.is_empty(), "long-context tiers"),
        (m.batch.is_some(), "its own batch table"),
        (m.flex.is_some(), "its own flex table"),
        (m.priority.is_some(), "its own priority table"),
        (!m.rules.is_empty(), "dated or hourly rules"),
    ];
    match other.iter().find(|(has, _)| *has) {
        Some((_, what)) => Err(ModelError::Invalid {
            field: format!("{f}.usd_per_m_reasoning"),
            message: format!(
                "{} has {what}: a separate reasoning price is carried only for a model with one price table; leave it empty (reasoning billed as output)",
                crate::error::shortened(&m.id)
            ),
        }),
        None => Ok(()),
    }
}

fn check_tiers(f: &str, tiers: &[LongContextTier]) -> Result<(), ModelError> {
    if tiers.len() > MAX_LONG_CONTEXT_TIERS {
        return Err(ModelError::Invalid {
            field: f.to_owned(),
            message: format!(
                "{} long-context tiers: at most {MAX_LONG_CONTEXT_TIERS}",
                tiers.len()
            ),
        });
    }
    for (i, t) in tiers.iter().enumerate() {
        let f = if tiers.len() == 1 {
            f.to_owned()
        } else {
            format!("{f}[{i}]")
        };
        CONTEXT_WINDOW.check(&format!("{f}.above_input_tokens"), t.above_input_tokens)?;
        if i > 0 && t.above_input_tokens <= tiers[i - 1].above_input_tokens {
            return Err(ModelError::Invalid {
                field: format!("{f}.above_input_tokens"),
                message: "long-context tiers go from the lowest threshold to the highest".into(),
            });
        }
        check_prices(
            &f,
            [
                t.usd_per_m_input,
                t.usd_per_m_cached_input,
                t.usd_per_m_output,
            ],
            t.usd_per_m_cache_write,
        )?;
        if let Some(p) = t.usd_per_m_cache_write_1h {
            TOKEN_PRICE.check(&format!("{f}.usd_per_m_cache_write_1h"), p)?;
        }
    }
    Ok(())
}

fn check_prices(f: &str, prices: [f64; 3], cache_write: Option<f64>) -> Result<(), ModelError> {
    for (name, p) in [
        "usd_per_m_input",
        "usd_per_m_cached_input",
        "usd_per_m_output",
    ]
    .into_iter()
    .zip(prices)
    {
        TOKEN_PRICE.check(&format!("{f}.{name}"), p)?;
    }
    if let Some(p) = cache_write {
        TOKEN_PRICE.check(&format!("{f}.usd_per_m_cache_write"), p)?;
    }
    Ok(())
}

fn check_rule(f: &str, r: &PriceRule) -> Result<(), ModelError> {
    check_prices(
        f,
        [
            r.usd_per_m_input,
            r.usd_per_m_cached_input,
            r.usd_per_m_output,
        ],
        None,
    )?;
    if let Some(date) = &r.from
        && crate::calendar::Date::parse(date).is_none()
    {
        return Err(ModelError::Invalid {
            field: format!("{f}.from"),
            message: format!(
                "\"{}\" is not a date: write it as YYYY-MM-DD",
                crate::error::shortened(date)
            ),
        });
    }
    for (name, h) in [
        ("utc_start_hour", r.utc_start_hour),
        ("utc_end_hour", r.utc_end_hour),
    ] {
        if let Some(h) = h {
            HOUR.check(&format!("{f}.{name}"), h)?;
        }
    }
    let window = match (r.utc_start_hour, r.utc_end_hour) {
        (Some(_), Some(_)) => true,
        (None, None) => false,
        _ => {
            return Err(ModelError::Invalid {
                field: format!("{f}.utc_end_hour"),
                message: "a daily window needs both its start and its end hour".into(),
            });
        }
    };
    if r.from.is_none() && !window {
        return Err(ModelError::Invalid {
            field: f.to_owned(),
            message:
                "a rule needs a start date (from) or daily hours (utc_start_hour, utc_end_hour)"
                    .into(),
        });
    }
    Ok(())
}

fn find<'a, T>(
    entries: &'a [T],
    field: &str,
    kind: &'static str,
    name: &str,
    id: impl Fn(&T) -> &str,
) -> Result<&'a T, ModelError> {
    entries
        .iter()
        .find(|e| id(e) == name)
        .ok_or_else(|| ModelError::UnknownCatalogEntry {
            field: field.to_owned(),
            kind,
            name: crate::error::shortened(name),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_catalog_parses_validates_and_cites_every_entry() {
        let c: Catalog = serde_json::from_str(SHIPPED_JSON).expect("catalog.json parses");
        c.validate("catalog").unwrap();
        assert!(!c.as_of.is_empty());
        assert!(c.models.iter().all(|m| m.source.starts_with("https://")));
        // The instance list's form: "Prices: <address> (…). Throughput: …".
        assert!(
            c.accelerators
                .iter()
                .all(|m| m.source.starts_with("Prices: https://"))
        );
        assert!(
            c.embeddings
                .iter()
                .all(|m| m.source.starts_with("https://"))
        );
        assert!(c.rerankers.iter().all(|m| m.source.starts_with("https://")));
    }

    /// Entries written before 2026-12-06 hold one tier as an object; they
    /// read as a list of one, as today's lists do.
    #[test]
    fn a_long_context_tier_reads_as_one_object_or_a_list() {
        let tier = r#"{"above_input_tokens": 200000, "usd_per_m_input": 2, "usd_per_m_cached_input": 0.2, "usd_per_m_output": 8}"#;
        let entry = |lc: &str| {
            serde_json::from_str::<ModelPrice>(&format!(
                r#"{{"id": "m", "usd_per_m_input": 1, "usd_per_m_cached_input": 0.1, "usd_per_m_output": 4, "long_context": {lc}}}"#
            ))
        };
        let one = entry(tier).unwrap().long_context;
        assert_eq!(one.len(), 1);
        assert_eq!(one[0].usd_per_m_output, 8.0);
        assert_eq!(
            entry(&format!("[{tier}, {tier}]"))
                .unwrap()
                .long_context
                .len(),
            2
        );
        assert!(entry("null").unwrap().long_context.is_empty());
        assert!(entry("3").is_err());
    }

    /// Each table may hold four tiers, but a request mixing the tables is
    /// priced in bands between all their thresholds: five distinct ones
    /// across the standard and batch tables are refused, four are not.
    #[test]
    fn more_thresholds_across_tables_than_bands_are_refused() {
        let tier = |at: u32| {
            format!(
                r#"{{"above_input_tokens": {at}, "usd_per_m_input": 2, "usd_per_m_cached_input": 0.2, "usd_per_m_output": 8}}"#
            )
        };
        let model = |standard: &[u32], batch: &[u32]| {
            let list = |at: &[u32]| at.iter().map(|a| tier(*a)).collect::<Vec<_>>().join(", ");
            let text = format!(
                r#"{{"models": [{{"id": "m", "usd_per_m_input": 1, "usd_per_m_cached_input": 0.1, "usd_per_m_output": 4, "long_context": [{}], "batch": {{"usd_per_m_input": 0.5, "usd_per_m_cached_input": 0.05, "usd_per_m_output": 2, "long_context": [{}]}}}}]}}"#,
                list(standard),
                list(batch)
            );
            serde_json::from_str::<Catalog>(&text)
                .unwrap()
                .validate("catalog")
        };
        assert!(model(&[100_000, 200_000], &[100_000, 200_000]).is_ok());
        assert!(model(&[100_000, 200_000], &[150_000, 250_000]).is_ok());
        let err = model(&[100_000, 200_000], &[150_000, 250_000, 300_000])
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("at 5 different thresholds: at most 4"),
            "{err}"
        );
    }

    #[test]
    fn prices_over_90_days_old_are_stale() {
        let on = |t| crate::calendar::Date::parse(t).unwrap();
        assert_eq!(stale_days("2025-06-01", on("2026-12-01")), Some(548));
        assert_eq!(stale_days("2026-11-03", on("2026-12-01")), None);
        assert_eq!(stale_days("2026-09-01", on("2026-11-30")), None);
        assert_eq!(stale_days("2026-09-01", on("2026-12-01")), Some(91));
        assert_eq!(stale_days("not a date", on("2026-12-01")), None);
        let mut c = Catalog {
            as_of: "2026-11-03".into(),
            ..Catalog::default()
        };
        assert_eq!(
            price_date_note(&c, on("2026-12-01"), true),
            ("List prices as of 2026-11-03.".to_owned(), false)
        );
        c.accelerators_as_of = "2025-06-01".into();
        // Issue 27: no instance of the catalog's own in use, no instance date.
        assert_eq!(
            price_date_note(&c, on("2026-12-01"), false),
            ("List prices as of 2026-11-03.".to_owned(), false)
        );
        assert_eq!(
            price_date_note(&c, on("2026-12-01"), true),
            ("Token prices as of 2026-11-03; GPU and accelerator prices as of 2025-06-01, 548 days ago: check the rates under Prices against today's pricing pages before you quote these figures.".to_owned(), true)
        );
    }

    /// Seed 002: "$0.55 per million tokens" vs "exceeding $15.00": a 1/27 price ratio.
    #[test]
    fn deepseek_r1_costs_a_27th_of_o1_per_input_token() {
        let c = Catalog::shipped();
        let r1 = c.model("m", "deepseek-r1").unwrap().usd_per_m_input;
        let o1 = c.model("m", "o1").unwrap().usd_per_m_input;
        assert_eq!((o1 / r1).round(), 27.0);
    }

    #[test]
    fn a_missing_model_is_an_error_naming_it_and_overrides_replace_by_id() {
        let c = Catalog::shipped();
        let e = c
            .model("architectures[0].serving.model", "gpt-9")
            .unwrap_err();
        assert!(e.to_string().contains("gpt-9"));
        let own = Catalog {
            models: vec![ModelPrice {
                id: "gpt-4o".into(),
                usd_per_m_input: 1.0,
                usd_per_m_cached_input: 0.5,
                usd_per_m_output: 4.0,
                ..ModelPrice::default()
            }],
            ..Catalog::default()
        };
        let merged = Catalog::shipped().with_overrides(&own);
        assert_eq!(merged.model("m", "gpt-4o").unwrap().usd_per_m_input, 1.0);
        assert_eq!(merged.models.len(), c.models.len());
    }
}
