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
use crate::levers::agents::Work;
use crate::levers::ledger::{Bucket, Component, Ledger};
use crate::levers::managed_api::{self, ManagedApi, TokenPrices};
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
    /// N instances running 24/7, busy or not.
    Dedicated { instances: u32 },
    /// Instances follow the hourly load between a minimum (0 = scale to zero) and a maximum.
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
    },
}

impl Hosting {
    /// Most instances the fleet can run (None: serverless, no fleet).
    pub fn max_instances(&self) -> Option<u32> {
        match *self {
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

impl Serving {
    pub fn validate(&self, f: &str) -> Result<(), ModelError> {
        match self {
            Serving::ManagedApi(m) => m.validate(f),
            Serving::SelfHosted(h) => h.validate(f),
        }
    }
}

impl SelfHosted {
    pub fn validate(&self, f: &str) -> Result<(), ModelError> {
        MODEL_PARAMS_B.check(&format!("{f}.model_params_b"), self.model_params_b)?;
        MAX_UTILIZATION.check(&format!("{f}.max_utilization"), self.max_utilization)?;
        ATTENTION_KNEE.check(
            &format!("{f}.attention_knee_tokens"),
            self.attention_knee_tokens,
        )?;
        self.spot.validate(&format!("{f}.spot"))?;
        self.hosting.validate(&format!("{f}.hosting"))?;
        if let Some(c) = &self.commitment {
            c.validate(&format!("{f}.commitment"), &self.hosting)?;
        }
        Ok(())
    }
}

impl Hosting {
    fn validate(&self, f: &str) -> Result<(), ModelError> {
        match *self {
            Hosting::Dedicated { instances } => {
                INSTANCES.check(&format!("{f}.instances"), f64::from(instances))
            }
            Hosting::Autoscaled {
                min_instances,
                max_instances,
                cold_start_minutes,
            } => {
                INSTANCES.check(&format!("{f}.max_instances"), f64::from(max_instances))?;
                crate::error::check_range(
                    &format!("{f}.min_instances"),
                    f64::from(min_instances),
                    0.0,
                    f64::from(max_instances),
                    "must be between 0 and max_instances",
                )?;
                COLD_START_MINUTES.check(&format!("{f}.cold_start_minutes"), cold_start_minutes)
            }
            Hosting::Serverless {
                price_premium,
                idle_timeout_s,
                cold_start_s,
            } => {
                PRICE_PREMIUM.check(&format!("{f}.price_premium"), price_premium)?;
                SECONDS.check(&format!("{f}.idle_timeout_s"), idle_timeout_s)?;
                SECONDS.check(&format!("{f}.cold_start_s"), cold_start_s)
            }
        }
    }
}

/// The architecture's own model, resolved against the catalog.
#[derive(Debug, Clone)]
pub enum Llm {
    Managed(TokenPrices),
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
}

/// What the month's traffic looks like to a self-hosted fleet.
pub struct Fleet<'a> {
    /// Queries in each hour (empty when no architecture needs hours).
    pub hourly: &'a [f64],
    pub queries: f64,
    pub queries_per_day: f64,
    /// The busiest hour's share of the month's expected traffic.
    pub peak_hour_share: f64,
    /// Average over the horizon of (1 + growth)^(month − 1).
    pub growth_factor: f64,
    pub profile: &'a Profile,
    pub burst_cv: f64,
}

/// What a fleet's month says beside its cost.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct FleetStats {
    pub utilization: Option<f64>,
    pub idle_hours_share: Option<f64>,
    pub overloaded_hours: f64,
}

impl Serving {
    pub fn prepare(&self, catalog: &Catalog, f: &str) -> Result<Llm, ModelError> {
        Ok(match self {
            Serving::ManagedApi(api) => Llm::Managed(TokenPrices::of(
                catalog.model(&format!("{f}.model"), &api.model)?,
                api,
            )),
            Serving::SelfHosted(h) => {
                let acc = catalog.accelerator(&format!("{f}.accelerator"), &h.accelerator)?;
                let throughput = Throughput::new(acc, h, &format!("{f}.model_params_b"))?;
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
                })
            }
        })
    }
}

impl Llm {
    /// What one more token costs (for a per-run budget cap). Self-hosted
    /// tokens are priced at the busy instance time they take.
    pub fn marginal_prices(&self, call_input: f64) -> TokenPrices {
        match self {
            Llm::Managed(p) => *p,
            Llm::SelfHosted(h) => {
                let usd_per_s = h.usd_per_hour / 3_600.0;
                let tp = &h.throughput;
                TokenPrices {
                    usd_per_input_token: usd_per_s * tp.busy_seconds(1.0, call_input.max(1.0), 0.0)
                        / call_input.max(1.0),
                    usd_per_output_token: usd_per_s * tp.busy_seconds(0.0, 0.0, 1.0),
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
            Llm::SelfHosted(h) => h.cost(w, share, fleet, ledger),
        }
    }
}

impl PreparedSelfHosted {
    /// The fleet's month: instance time busy and idle, the runaway loops'
    /// share of busy time shown as agent loops (in the same bucket).
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
        let busy_per_query = if fleet.queries > 0.0 {
            busy_s / fleet.queries
        } else {
            0.0
        };
        let mut idle_hours_share = None;
        let (bucket, month) = match self.hosting {
            Hosting::Dedicated { instances } => {
                let fleet_usd_per_hour = commitment::fleet_usd_per_hour(
                    f64::from(instances),
                    self.usd_per_hour,
                    self.commitment.as_ref(),
                );
                let month = dedicated::month(
                    instances,
                    fleet_usd_per_hour,
                    busy_s,
                    busy_s * fleet.peak_hour_share,
                    self.max_utilization,
                );
                // Growth fills idle time; the instances' bill stays fixed.
                let total = month.total_usd();
                let busy = (month.busy_usd * fleet.growth_factor).min(total);
                ledger.add(Bucket::Fixed, Component::GpuBusy, busy);
                ledger.add(Bucket::Fixed, Component::GpuIdle, total - busy);
                idle_hours_share = Some(
                    fleet
                        .profile
                        .idle_hours_share(fleet.queries_per_day, fleet.burst_cv),
                );
                (Bucket::Fixed, month)
            }
            Hosting::Autoscaled {
                min_instances,
                max_instances,
                cold_start_minutes,
            } => {
                let month = autoscaled::month(
                    fleet.hourly,
                    busy_per_query,
                    min_instances,
                    max_instances,
                    cold_start_minutes,
                    self.usd_per_hour,
                    self.max_utilization,
                    self.commitment.as_ref(),
                );
                ledger.add(Bucket::Variable, Component::GpuBusy, month.busy_usd);
                ledger.add(Bucket::Variable, Component::GpuIdle, month.idle_usd);
                (Bucket::Variable, month)
            }
            Hosting::Serverless {
                price_premium,
                idle_timeout_s,
                cold_start_s,
            } => {
                let calls_per_query = if fleet.queries > 0.0 {
                    share * (w.chat_calls + w.agent_calls + w.loop_calls) / fleet.queries
                } else {
                    0.0
                };
                let hourly = fleet.hourly;
                let month = serverless::month(
                    hourly
                        .iter()
                        .map(|&q| (q * calls_per_query, q * busy_per_query)),
                    self.usd_per_hour,
                    price_premium,
                    idle_timeout_s,
                    cold_start_s,
                );
                ledger.add(Bucket::Variable, Component::GpuBusy, month.busy_usd);
                ledger.add(Bucket::Variable, Component::GpuIdle, month.idle_usd);
                (Bucket::Variable, month)
            }
        };
        let loop_part = if busy_s > 0.0 {
            ledger.get(bucket, Component::GpuBusy) * loop_s / busy_s
        } else {
            0.0
        };
        ledger.shift(bucket, Component::GpuBusy, Component::AgentLoops, loop_part);
        FleetStats {
            utilization: Some(month.utilization),
            idle_hours_share,
            overloaded_hours: month.overloaded_hours,
        }
    }
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
}

impl ServingCost {
    pub fn total_usd(&self) -> f64 {
        self.busy_usd + self.idle_usd
    }
}
