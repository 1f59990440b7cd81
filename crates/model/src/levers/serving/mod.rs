//! Serving the architecture's own model: on a managed API (per token), or on
//! self-hosted instances, whose hours cost under each hosting mode whatever
//! share of them is busy.

pub mod autoscaled;
pub mod commitment;
pub mod dedicated;
pub mod serverless;
pub mod spot;
pub mod throughput;

use serde::{Deserialize, Serialize};

use crate::catalog::Catalog;
use crate::error::{Bound, ModelError};
use crate::fields::{Choice, Entry, Field, Optional, Section, Slot, StashAt, Walk, switch_enum};
use crate::levers::agents::{StepPrices, Work};
use crate::levers::horizon::{self, Ends};
use crate::levers::ledger::{Bucket, Component, Ledger};
use crate::levers::managed_api::{self, ManagedApi, TokenPrices};
use crate::levers::provisioned::{self, ProvisionedStats};
use crate::traffic::Profile;
use commitment::{Commitment, PreparedCommitment};
use spot::Spot;
use throughput::Throughput;

/// How the generating model is served.
/// Read by `tagged.rs` (serde writes it; its reader for this form is large).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Serving {
    ManagedApi(ManagedApi),
    SelfHosted(SelfHosted),
}

/// Your own instances running the model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SelfHosted {
    /// Instance type (catalog id): GPUs or ASICs such as Inferentia.
    pub accelerator: String,
    /// Model size, billions of parameters.
    pub model_params_b: f64,
    pub quantization: Quantization,
    pub hosting: Hosting,
    /// Highest utilisation you plan for (latency headroom), e.g. 0.8.
    pub max_utilization: f64,
    /// Prompt length at which attention doubles the per-token prefill cost
    /// (attention grows with length, so long RAG contexts cut throughput).
    pub attention_knee_tokens: f64,
    /// Share of the on-demand instance hours on spot and their discount
    /// (dedicated and autoscaled only; committed hours are never spot).
    #[serde(default)]
    pub spot: Spot,
    /// Instances on a 1- or 3-year commitment (reserved instances, savings
    /// plans, committed-use discounts; dedicated and autoscaled only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub commitment: Option<Commitment>,
    /// Managed API model (catalog id) that serves, at its list price, the
    /// queries above a fixed or autoscaled fleet's planned capacity: all
    /// demand is served and paid for. Scenarios written before it get
    /// `gpt-4o-mini`.
    #[serde(default = "default_fallback_model")]
    pub fallback_model: String,
}

/// The fallback of scenarios written before there was one.
pub fn default_fallback_model() -> String {
    "gpt-4o-mini".into()
}

/// Weight precision: smaller weights fit cheaper devices and decode faster (seed 003).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Quantization {
    Fp16,
    Int8,
    Int4,
}

impl Quantization {
    pub const ALL: [Quantization; 3] = [Self::Fp16, Self::Int8, Self::Int4];

    /// The key written in scenarios and links.
    pub const fn key(self) -> &'static str {
        match self {
            Self::Fp16 => "fp16",
            Self::Int8 => "int8",
            Self::Int4 => "int4",
        }
    }

    pub fn from_key(key: &str) -> Option<Quantization> {
        Self::ALL.into_iter().find(|q| q.key() == key)
    }
}

/// How self-hosted instances are provisioned and billed.
/// Read by `tagged.rs` (serde writes it; its reader for this form is large).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Hosting {
    /// Instances running 24/7, busy or not, as many each month as its
    /// busiest simulated hour needs at the planned utilisation (the headroom).
    SizedToPeak,
    /// N instances running 24/7, busy or not; what they cannot serve at the
    /// planned utilisation goes to the fallback API.
    Dedicated { instances: u32 },
    /// Instances follow the hourly load between a minimum (0 = scale to zero)
    /// and a maximum; the load above the maximum goes to the fallback API.
    Autoscaled {
        min_instances: u32,
        max_instances: u32,
        /// Billed minutes an instance spends starting before it serves.
        cold_start_minutes: f64,
    },
    /// Billed per busy second at a premium; scales to zero when idle.
    Serverless {
        /// Per-second price relative to the instance's on-demand price (2.0 = double).
        price_premium: f64,
        /// Seconds a worker stays warm (and billed) after its last request.
        idle_timeout_s: f64,
        /// Billed seconds of a cold start.
        cold_start_s: f64,
        /// Least billed time of a request (a per-second platform bills at
        /// least one second); 0 for scenarios written before it.
        billing_minimum_s: f64,
    },
}

impl Hosting {
    /// Most instances the fleet can run (None: serverless, no fleet).
    pub fn max_instances(&self) -> Option<u32> {
        match *self {
            Hosting::SizedToPeak => Some(INSTANCES.high as u32),
            Hosting::Dedicated { instances } => Some(instances),
            Hosting::Autoscaled { max_instances, .. } => Some(max_instances),
            Hosting::Serverless { .. } => None,
        }
    }
}

const MODEL_PARAMS_B: Bound = Bound::new(0.1, 2_000.0, "must be between 0.1 and 2,000 billion");
const MAX_UTILIZATION: Bound = Bound::new(0.05, 1.0, "must be between 0.05 and 1");
const ATTENTION_KNEE: Bound = Bound::new(100.0, 1e8, "must be between 100 and 100,000,000");
const INSTANCES: Bound = Bound::new(1.0, 10_000.0, "must be between 1 and 10,000");
const COLD_START_MINUTES: Bound = Bound::new(0.0, 60.0, "must be between 0 and 60");
const PRICE_PREMIUM: Bound = Bound::new(0.1, 20.0, "must be between 0.1 and 20");
const SECONDS: Bound = Bound::new(0.0, 3_600.0, "must be between 0 and 3,600 s");

pub const ACCELERATOR: Field = Field::entry(
    "accelerator",
    "Instance (GPU or ASIC)",
    Entry::Accelerator,
    "Hourly price, memory and throughput from the catalog (the FinOps guide: Inferentia for inference).",
);
pub const MODEL_SIZE: Field = Field::number(
    "model_params_b",
    "Model size",
    "billion parameters",
    MODEL_PARAMS_B,
    "Throughput scales inversely with size; the weights must fit the instance's memory.",
);
pub const QUANTIZATION: Field = Field::choice(
    "quantization",
    "Quantization",
    &[
        ("fp16", "fp16 (2 bytes a weight)"),
        ("int8", "int8 (1 byte)"),
        ("int4", "int4 (half a byte)"),
    ],
    "The Algorithmic Drain: quantized weights cut memory by half or more and decode faster.",
);
pub const HOSTING: Field = Field::choice(
    "hosting",
    "Hosting",
    &[
        ("sized_to_peak", "Dedicated 24/7, sized to the busiest hour"),
        ("dedicated", "Dedicated 24/7, a fixed number"),
        ("autoscaled", "Autoscaled by the hour"),
        ("serverless", "Serverless (per busy second)"),
    ],
    "The FinOps guide: dedicated for steady load above 80% use; serverless for sporadic use.",
)
.tagged();
pub const UTILIZATION: Field = Field::number(
    "max_utilization",
    "Planned utilisation",
    "% of capacity",
    MAX_UTILIZATION,
    "The busiest an instance is planned to be: the rest is latency headroom (the FinOps guide: above 80% is efficient for dedicated).",
)
.percent();
pub const ATTENTION: Field = Field::number(
    "attention_knee_tokens",
    "Attention knee",
    "prompt tokens",
    ATTENTION_KNEE,
    "Prompt length at which attention doubles the prefill cost per token: long RAG contexts cut throughput.",
);
pub const FALLBACK: Field = Field::entry(
    "fallback_model",
    "Fallback API (above capacity)",
    Entry::Model,
    "Serves, at its list price, the work above a fixed or autoscaled fleet's planned capacity: all demand is served and paid for.",
);
pub const FIXED_INSTANCES: Field = Field::whole(
    "instances",
    "Instances",
    "instances",
    INSTANCES,
    "Dedicated instances are paid 24/7 whether busy or not (the TCO deep dive).",
);
pub const MIN_INSTANCES: Field = Field::whole(
    "min_instances",
    "Minimum instances",
    "instances",
    Bound::new(0.0, 10_000.0, "must be between 0 and max_instances"),
    "Instances kept running at the quietest hour (0 = scale to zero, paying cold starts).",
);
pub const MAX_INSTANCES: Field = Field::whole(
    "max_instances",
    "Maximum instances",
    "instances",
    INSTANCES,
    "The most the fleet scales to; work above it goes to the fallback API.",
);
pub const COLD_START_MIN: Field = Field::number(
    "cold_start_minutes",
    "Cold start",
    "minutes",
    COLD_START_MINUTES,
    "Billed minutes an instance spends starting (loading weights) before it serves.",
);
pub const PREMIUM: Field = Field::number(
    "price_premium",
    "Serverless premium",
    "× on-demand",
    PRICE_PREMIUM,
    "Per-second price over the instance's on-demand hourly price (2 = double).",
);
pub const IDLE_TIMEOUT: Field = Field::number(
    "idle_timeout_s",
    "Idle timeout",
    "seconds",
    SECONDS,
    "A worker stays warm, and billed, this long after its last request.",
);
pub const COLD_START_S: Field = Field::number(
    "cold_start_s",
    "Cold start",
    "seconds",
    SECONDS,
    "Billed start-up of a worker that was scaled to zero.",
);
pub const BILLING_MINIMUM: Field = Field::number(
    "billing_minimum_s",
    "Billing minimum",
    "seconds / request",
    SECONDS,
    "Least billed time of a request (per-second platforms bill at least one second).",
);

impl Default for SelfHosted {
    /// A new self-hosted fleet: the knowledge-base preset's fine-tuned
    /// Llama 8B on one A10G instance, sized to the busiest hour.
    fn default() -> Self {
        SelfHosted {
            accelerator: "g5.2xlarge".into(),
            model_params_b: 8.0,
            quantization: Quantization::Fp16,
            hosting: Hosting::SizedToPeak,
            max_utilization: 0.7,
            attention_knee_tokens: 32_000.0,
            spot: Spot::default(),
            commitment: None,
            // The same size of model on a managed API (Bedrock's Llama 3.1 8B).
            fallback_model: "llama-3.1-8b-bedrock".into(),
        }
    }
}

impl Hosting {
    pub const fn key(&self) -> &'static str {
        match self {
            Hosting::SizedToPeak => "sized_to_peak",
            Hosting::Dedicated { .. } => "dedicated",
            Hosting::Autoscaled { .. } => "autoscaled",
            Hosting::Serverless { .. } => "serverless",
        }
    }

    /// A hosting's starting terms: one dedicated instance; autoscaling from
    /// zero to 8 with 5-minute cold starts; serverless at twice the
    /// on-demand price with a minute's idle timeout, 30-second cold starts
    /// and per-second billing.
    fn new(key: &str) -> Option<Hosting> {
        Some(match key {
            "sized_to_peak" => Hosting::SizedToPeak,
            "dedicated" => Hosting::Dedicated { instances: 1 },
            "autoscaled" => Hosting::Autoscaled {
                min_instances: 0,
                max_instances: 8,
                cold_start_minutes: 5.0,
            },
            "serverless" => Hosting::Serverless {
                price_premium: 2.0,
                idle_timeout_s: 60.0,
                cold_start_s: 30.0,
                billing_minimum_s: 1.0,
            },
            _ => return None,
        })
    }

    /// Whether work above the fleet's capacity spills to the fallback API.
    pub const fn spills(&self) -> bool {
        matches!(self, Hosting::Dedicated { .. } | Hosting::Autoscaled { .. })
    }
}

impl Section for Hosting {
    fn fields(&mut self, w: &mut Walk) {
        match self {
            Hosting::SizedToPeak => {}
            Hosting::Dedicated { instances } => w.field(&FIXED_INSTANCES, Slot::Whole(instances)),
            Hosting::Autoscaled {
                min_instances,
                max_instances,
                cold_start_minutes,
            } => {
                w.field(&MIN_INSTANCES, Slot::Whole(min_instances));
                w.field(&MAX_INSTANCES, Slot::Whole(max_instances));
                w.field(&COLD_START_MIN, Slot::Number(cold_start_minutes));
            }
            Hosting::Serverless {
                price_premium,
                idle_timeout_s,
                cold_start_s,
                billing_minimum_s,
            } => {
                w.field(&PREMIUM, Slot::Number(price_premium));
                w.field(&IDLE_TIMEOUT, Slot::Number(idle_timeout_s));
                w.field(&COLD_START_S, Slot::Number(cold_start_s));
                w.field(&BILLING_MINIMUM, Slot::Number(billing_minimum_s));
            }
        }
    }

    fn rules(&self, f: &str) -> Result<(), ModelError> {
        if let Hosting::Autoscaled {
            min_instances,
            max_instances,
            ..
        } = *self
        {
            crate::error::check_range(
                &format!("{f}.min_instances"),
                f64::from(min_instances),
                0.0,
                f64::from(max_instances),
                "must be between 0 and max_instances",
            )?;
        }
        Ok(())
    }
}

impl Choice for Hosting {
    fn key(&self) -> &'static str {
        Hosting::key(self)
    }
    fn switch(&mut self, key: &str, stash: &mut StashAt) {
        switch_enum(self, self.key(), key, stash, Hosting::new);
    }
}

impl Section for Quantization {
    fn fields(&mut self, _w: &mut Walk) {}
}

impl Choice for Quantization {
    fn key(&self) -> &'static str {
        Quantization::key(*self)
    }
    fn switch(&mut self, key: &str, _stash: &mut StashAt) {
        if let Some(q) = Quantization::from_key(key) {
            *self = q;
        }
    }
}

impl Section for SelfHosted {
    fn fields(&mut self, w: &mut Walk) {
        w.field(&ACCELERATOR, Slot::Text(&mut self.accelerator));
        w.field(&MODEL_SIZE, Slot::Number(&mut self.model_params_b));
        w.field(&QUANTIZATION, Slot::Choice(&mut self.quantization));
        w.field(&HOSTING, Slot::Choice(&mut self.hosting));
        let fleet = !matches!(self.hosting, Hosting::Serverless { .. });
        w.field_if(
            self.hosting.spills(),
            &FALLBACK,
            Slot::Text(&mut self.fallback_model),
        );
        w.field_if(fleet, &UTILIZATION, Slot::Number(&mut self.max_utilization));
        w.field(&ATTENTION, Slot::Number(&mut self.attention_knee_tokens));
        w.nest("spot", |w| self.spot.walk(w, &spot::FLEET, fleet));
        w.field_if(
            fleet,
            &commitment::COMMITMENT,
            Slot::Group(&mut Optional {
                value: &mut self.commitment,
                default: Commitment::default,
            }),
        );
    }

    fn rules(&self, f: &str) -> Result<(), ModelError> {
        if let Some(c) = &self.commitment {
            c.validate(&format!("{f}.commitment"), &self.hosting)?;
        }
        Ok(())
    }
}

impl Section for Serving {
    fn fields(&mut self, w: &mut Walk) {
        match self {
            Serving::ManagedApi(api) => api.fields(w),
            Serving::SelfHosted(h) => h.fields(w),
        }
    }
    fn rules(&self, f: &str) -> Result<(), ModelError> {
        match self {
            Serving::ManagedApi(api) => api.rules(f),
            Serving::SelfHosted(h) => h.rules(f),
        }
    }
}

impl Choice for Serving {
    fn key(&self) -> &'static str {
        match self {
            Serving::ManagedApi(_) => "managed_api",
            Serving::SelfHosted(_) => "self_hosted",
        }
    }
    /// A new managed API calls the mainstream model; a new fleet is the
    /// knowledge-base preset's (`SelfHosted::default`).
    fn switch(&mut self, key: &str, stash: &mut StashAt) {
        switch_enum(self, self.key(), key, stash, |key| match key {
            "managed_api" => Some(Serving::ManagedApi(ManagedApi::mainstream())),
            "self_hosted" => Some(Serving::SelfHosted(SelfHosted::default())),
            _ => None,
        });
    }
}

/// The architecture's own model, resolved against the catalog.
#[derive(Debug, Clone)]
pub enum Llm {
    Managed(TokenPrices),
    /// A managed API on provisioned units: list prices for what spills.
    Provisioned(TokenPrices, provisioned::PreparedProvisioned),
    SelfHosted(PreparedSelfHosted),
}

#[derive(Debug, Clone)]
pub struct PreparedSelfHosted {
    throughput: Throughput,
    /// The hourly price of an instance hour not under commitment (spot blended in).
    usd_per_hour: f64,
    hosting: Hosting,
    max_utilization: f64,
    commitment: Option<PreparedCommitment>,
    /// List prices of the API that serves what the fleet cannot.
    fallback: TokenPrices,
    /// Devices in an instance: a lone request holds one of them.
    devices: f64,
}

/// What the month's traffic looks like to a self-hosted fleet.
pub struct Fleet<'a> {
    /// Queries in each hour (empty when no architecture needs hours).
    pub hourly: &'a [f64],
    pub queries: f64,
    pub queries_per_day: f64,
    /// Average over the horizon of (1 + growth)^(month − 1).
    pub growth_factor: f64,
    /// The last month's volume against month one's: (1 + growth)^(horizon − 1).
    pub last_growth: f64,
    pub profile: &'a Profile,
    pub burst_cv: f64,
}

/// What a fleet's month says beside its cost.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct FleetStats {
    pub utilization: Option<f64>,
    pub idle_hours_share: Option<f64>,
    pub overloaded_hours: f64,
    /// Share of the own model's work served by the fallback API (on
    /// provisioned capacity: at the model's own list price).
    pub spilled_share: f64,
    /// On provisioned capacity: what it did.
    pub provisioned: Option<ProvisionedStats>,
}

impl Serving {
    /// `minute_shares`: the day's traffic in each UTC minute, for prices
    /// that change with the hour.
    pub fn prepare(
        &self,
        catalog: &Catalog,
        f: &str,
        minute_shares: &[f64],
        cv_per_query: f64,
    ) -> Result<Llm, ModelError> {
        Ok(match self {
            Serving::ManagedApi(api) => {
                let prices = TokenPrices::of(
                    catalog.model(&format!("{f}.model"), &api.model)?,
                    api,
                    minute_shares,
                    cv_per_query,
                    f,
                )?;
                match &api.provisioned {
                    None => Llm::Managed(prices),
                    Some(p) => Llm::Provisioned(prices, p.prepare(api.prompt_cache_share)),
                }
            }
            Serving::SelfHosted(h) => {
                let acc = catalog.accelerator(&format!("{f}.accelerator"), &h.accelerator)?;
                let q = catalog.quantization(&format!("{f}.quantization"), h.quantization.key())?;
                let throughput = Throughput::new(acc, h, q, &format!("{f}.model_params_b"))?;
                let usd_per_hour = match h.hosting {
                    Hosting::Serverless { .. } => acc.usd_per_hour,
                    _ => spot::effective_usd_per_hour(acc.usd_per_hour, &h.spot),
                };
                Llm::SelfHosted(PreparedSelfHosted {
                    throughput,
                    usd_per_hour,
                    hosting: h.hosting.clone(),
                    max_utilization: h.max_utilization,
                    commitment: h.commitment.as_ref().map(|c| c.prepare(acc.usd_per_hour)),
                    fallback: TokenPrices::list(
                        catalog.model(&format!("{f}.fallback_model"), &h.fallback_model)?,
                        minute_shares,
                        cv_per_query,
                        &format!("{f}.fallback_model"),
                    )?,
                    devices: f64::from(acc.devices),
                })
            }
        })
    }
}

impl Llm {
    /// What one more step costs (for a per-run budget cap). Self-hosted
    /// tokens are priced at the busy instance time they take.
    pub fn marginal_prices(&self, call_input: f64) -> StepPrices {
        match self {
            Llm::Managed(p) | Llm::Provisioned(p, _) => p.step(),
            Llm::SelfHosted(h) => {
                let usd_per_s = h.usd_per_hour / 3_600.0;
                let tp = &h.throughput;
                StepPrices {
                    usd_per_input_token: usd_per_s * tp.busy_seconds(1.0, call_input.max(1.0), 0.0)
                        / call_input.max(1.0),
                    usd_per_output_token: usd_per_s * tp.busy_seconds(0.0, 0.0, 1.0),
                    usd_per_call: 0.0,
                    usd_off_per_reasoning_token: 0.0,
                }
            }
        }
    }

    /// The own model's share `share` of the month's work.
    pub fn cost(
        &self,
        w: &Work,
        share: f64,
        fleet: &Fleet,
        ledger: &mut Ledger,
        loop_usd: &mut f64,
    ) -> FleetStats {
        match self {
            Llm::Managed(p) => {
                managed_api::cost(p, share, w, ledger, loop_usd);
                FleetStats::default()
            }
            Llm::Provisioned(p, units) => {
                let list_price = || {
                    let (mut list, mut loops) = (Ledger::default(), 0.0);
                    managed_api::cost(p, share, w, &mut list, &mut loops);
                    (*list.bucket(Bucket::Variable), loops)
                };
                let traffic = provisioned::Traffic {
                    hourly: fleet.hourly,
                    queries: fleet.queries,
                    growth_factor: fleet.growth_factor,
                    last_growth: fleet.last_growth,
                };
                let (stats, spilled_share) = units.cost(list_price, w, share, &traffic, ledger);
                FleetStats {
                    spilled_share,
                    provisioned: Some(stats),
                    ..FleetStats::default()
                }
            }
            Llm::SelfHosted(h) => h.cost(w, share, fleet, ledger),
        }
    }
}

impl PreparedSelfHosted {
    /// The fleet over the horizon (see `horizon`): instance time busy and
    /// idle, the work spilled to the fallback API, the runaway loops' share
    /// of busy time shown as agent loops.
    fn cost(&self, w: &Work, share: f64, fleet: &Fleet, ledger: &mut Ledger) -> FleetStats {
        let tp = &self.throughput;
        let per_call = |calls: f64, input: f64| if calls > 0.0 { input / calls } else { 0.0 };
        let work_s = share
            * (tp.busy_seconds(w.chat_calls, w.call_input, w.chat_out)
                + tp.busy_seconds(
                    w.agent_calls,
                    per_call(w.agent_calls, w.agent_in),
                    w.agent_out,
                ));
        let loop_s =
            share * tp.busy_seconds(w.loop_calls, per_call(w.loop_calls, w.loop_in), w.loop_out);
        let busy_s = work_s + loop_s;
        let latency_s = share
            * (tp.latency_seconds(w.chat_calls, w.call_input, w.chat_out)
                + tp.latency_seconds(
                    w.agent_calls,
                    per_call(w.agent_calls, w.agent_in),
                    w.agent_out,
                )
                + tp.latency_seconds(w.loop_calls, per_call(w.loop_calls, w.loop_in), w.loop_out));
        let per_query = |x: f64| {
            if fleet.queries > 0.0 {
                x / fleet.queries
            } else {
                0.0
            }
        };
        let q = PerQuery {
            busy_h: per_query(busy_s) / 3_600.0,
            latency_h: per_query(latency_s) / 3_600.0,
            calls: per_query(share * (w.chat_calls + w.agent_calls + w.loop_calls)),
        };
        let last = fleet.last_growth;
        let [first, at_last] = self.months(fleet.hourly, q, last);
        let ends = |f: fn(&ServingCost) -> f64| Ends {
            first: f(&first),
            at_last: f(&at_last),
        };
        let spilled = ends(|m| m.spilled_share);
        // Month one's own-model work at the fallback's prices, whole (priced
        // only in a trial where something spilled).
        let mut fallback_usd = 0.0;
        if spilled.first > 0.0 || spilled.at_last > 0.0 {
            let mut priced = Ledger::default();
            managed_api::cost(&self.fallback, share, w, &mut priced, &mut fallback_usd);
            fallback_usd += priced.bucket(Bucket::Variable).total();
        }
        let fallback = Ends {
            first: fallback_usd * spilled.first,
            at_last: fallback_usd * last * spilled.at_last,
        };
        horizon::file(ledger, Component::GpuBusy, ends(|m| m.busy_usd), last);
        horizon::file(ledger, Component::GpuIdle, ends(|m| m.idle_usd), last);
        horizon::file(ledger, Component::Fallback, fallback, last);
        if busy_s > 0.0 {
            for bucket in [Bucket::Variable, Bucket::Fixed] {
                let part = ledger.get(bucket, Component::GpuBusy) * loop_s / busy_s;
                ledger.shift(bucket, Component::GpuBusy, Component::AgentLoops, part);
            }
        }
        let average = |e: Ends| horizon::at(e, last, fleet.growth_factor);
        FleetStats {
            utilization: Some(average(ends(|m| m.utilization))),
            idle_hours_share: matches!(
                self.hosting,
                Hosting::Dedicated { .. } | Hosting::SizedToPeak
            )
            .then(|| {
                fleet
                    .profile
                    .idle_hours_share(fleet.queries_per_day, fleet.burst_cv)
            }),
            overloaded_hours: average(ends(|m| m.overloaded_hours)),
            spilled_share: average(spilled),
            provisioned: None,
        }
    }

    /// A month of `hourly` queries, each bringing `q` (latencies in device
    /// time: a serverless worker bills all of it, a fleet's instance is held
    /// only on the device a request runs on).
    /// Month one, and the last month with every query bringing `last`
    /// times as much (the same figure twice without growth). Natively a
    /// fleet reads the hours once for both: the loop every trial runs most
    /// (6-17% more trials a second). In the page the autoscaled loop is SIMD
    /// already and one pass was no faster (measured), while its second copy
    /// of the loops weighed 2.6 KB of the first load: there, two passes.
    fn months(&self, hourly: &[f64], q: PerQuery, last: f64) -> [ServingCost; 2] {
        if last == 1.0 {
            let first = self.month(hourly, q);
            return [first, first];
        }
        if cfg!(target_arch = "wasm32") {
            return [self.month(hourly, q), self.month(hourly, q.times(last))];
        }
        match self.hosting {
            Hosting::Autoscaled {
                min_instances,
                max_instances,
                cold_start_minutes,
            } => autoscaled::months(
                hourly,
                [self.per_device(q), self.per_device(q.times(last))],
                self.autoscaled(min_instances, max_instances, cold_start_minutes),
                self.commitment.as_ref(),
            ),
            Hosting::SizedToPeak => dedicated::sized_to_peak_months(
                hourly,
                [self.per_device(q), self.per_device(q.times(last))],
                self.usd_per_hour,
                self.max_utilization,
                self.commitment.as_ref(),
            ),
            _ => [self.month(hourly, q), self.month(hourly, q.times(last))],
        }
    }

    /// The autoscaled fleet's settings with this fleet's price and plan.
    fn autoscaled(
        &self,
        min_instances: u32,
        max_instances: u32,
        cold_start_minutes: f64,
    ) -> autoscaled::Fleet {
        autoscaled::Fleet {
            min_instances,
            max_instances,
            cold_start_minutes,
            usd_per_hour: self.usd_per_hour,
            max_utilization: self.max_utilization,
        }
    }

    /// A query's work with its latency shared by the model's devices.
    fn per_device(&self, q: PerQuery) -> PerQuery {
        PerQuery {
            latency_h: q.latency_h / self.devices,
            ..q
        }
    }

    fn month(&self, hourly: &[f64], q: PerQuery) -> ServingCost {
        let commitment = self.commitment.as_ref();
        let serverless = q;
        let q = self.per_device(q);
        match self.hosting {
            Hosting::SizedToPeak => dedicated::sized_to_peak(
                hourly,
                q,
                self.usd_per_hour,
                self.max_utilization,
                commitment,
            ),
            Hosting::Dedicated { instances } => {
                let instances = f64::from(instances);
                dedicated::fixed(
                    hourly,
                    q,
                    instances,
                    commitment::fleet_usd_per_hour(instances, self.usd_per_hour, commitment),
                    self.max_utilization,
                )
            }
            Hosting::Autoscaled {
                min_instances,
                max_instances,
                cold_start_minutes,
            } => autoscaled::month(
                hourly,
                q,
                self.autoscaled(min_instances, max_instances, cold_start_minutes),
                commitment,
            ),
            Hosting::Serverless {
                price_premium,
                idle_timeout_s,
                cold_start_s,
                billing_minimum_s,
            } => serverless::month(
                hourly,
                serverless,
                self.usd_per_hour,
                &serverless::Platform {
                    price_premium,
                    idle_timeout_s,
                    cold_start_s,
                    billing_minimum_s,
                },
            ),
        }
    }
}

/// What one query brings a fleet: instance-hours of batched work, its
/// calls' latencies added up in hours (each alone at single-stream speed),
/// and its calls.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PerQuery {
    pub busy_h: f64,
    pub latency_h: f64,
    pub calls: f64,
}

impl PerQuery {
    /// A query's latency over its batched work: what a served share of an
    /// hour's work holds the instances for (0 without work).
    pub fn latency_per_busy(&self) -> f64 {
        if self.busy_h > 0.0 {
            self.latency_h / self.busy_h
        } else {
            0.0
        }
    }

    /// The latencies, in instance-hours, of the requests an hour of
    /// `queries` serves when it serves `capacity` instance-hours of work at
    /// most: all of them, or, in an overloaded hour, the served share (the
    /// rest went to the fallback API and holds no instance). A select, not
    /// a division, in the hour loops.
    pub fn served_latency(&self, queries: f64, work: f64, capacity: f64, ratio: f64) -> f64 {
        if work < capacity {
            queries * self.latency_h
        } else {
            capacity * ratio
        }
    }

    /// The same month at `volume` times the traffic: each hour brings
    /// `volume` times the queries, so `volume` times each figure.
    pub fn times(self, volume: f64) -> PerQuery {
        PerQuery {
            busy_h: self.busy_h * volume,
            latency_h: self.latency_h * volume,
            calls: self.calls * volume,
        }
    }
}

/// An hour's busy instance-hours: the batched work served, or, when the
/// hour's requests are few, their latencies added up (a lone request holds
/// an instance for its whole latency), never more than the instances
/// running. Selects, not f64::min/max (calls on WASM): the hour loops run it.
fn busy_hours(served: f64, latencies: f64, instances: f64) -> f64 {
    let occupied = if latencies < instances {
        latencies
    } else {
        instances
    };
    if served > occupied { served } else { occupied }
}

/// ⌈x⌉ for x ≥ 0. WASM has an instruction for it; native x86-64 (without
/// SSE4.1) calls libm, and a float-to-integer cast costs range checks. Adding
/// 2^52 rounds a smaller x to the nearest integer in plain float arithmetic
/// (exact: the sum's unit in the last place is 1), which the compiler can
/// keep in vector registers; from 2^52 up every float is whole.
#[cfg(target_arch = "wasm32")]
fn whole_instances(x: f64) -> f64 {
    x.ceil()
}

#[cfg(not(target_arch = "wasm32"))]
#[inline(always)]
fn whole_instances(x: f64) -> f64 {
    const WHOLE_FROM: f64 = 4_503_599_627_370_496.0; // 2^52
    let nearest = (x + WHOLE_FROM) - WHOLE_FROM;
    let up = if nearest < x { nearest + 1.0 } else { nearest };
    if x < WHOLE_FROM { up } else { x }
}

/// A month of self-hosted serving.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct ServingCost {
    /// The share of paid instance time spent processing, in currency.
    pub busy_usd: f64,
    /// Paid instance time spent waiting: idle GPUs, warm timeouts, cold starts.
    pub idle_usd: f64,
    /// Busy seconds over paid seconds.
    pub utilization: f64,
    /// Hours whose load exceeded the capacity planned at max utilisation.
    pub overloaded_hours: f64,
    /// Share of the month's work above that capacity (served by the fallback).
    pub spilled_share: f64,
    /// Instances paid for on average over the month's hours (0: serverless).
    pub instances: f64,
}

impl ServingCost {
    pub fn total_usd(&self) -> f64 {
        self.busy_usd + self.idle_usd
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn whole_instances_is_the_ceiling() {
        let big = 4_503_599_627_370_496.0; // 2^52
        for x in [
            0.0,
            1e-300,
            1e-9,
            0.5,
            1.0,
            1.000_001,
            1.5,
            2.5,
            7.0,
            7.499_999_999_999_999,
            4e9,
            big - 0.5,
            big - 1.0,
            big,
            big + 2.0,
            1e300,
            f64::INFINITY,
        ] {
            assert_eq!(
                super::whole_instances(x).to_bits(),
                x.ceil().to_bits(),
                "{x}"
            );
        }
        for x in (0..100_000).map(|i| f64::from(i) * 0.013_7) {
            assert_eq!(super::whole_instances(x), x.ceil(), "{x}");
        }
    }
}
