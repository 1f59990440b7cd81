//! Provisioned capacity on a managed API (issue 30): units of throughput
//! (Azure PTU, Vertex GSU, Bedrock model units) bought by the hour, month or
//! year and billed every hour whether used or not. What the units cannot
//! take in a minute spills to pay-as-you-go at the model's list price, or is
//! refused (throttled).
//!
//! Capacity is a rate a minute, so an hour's average hides the minutes that
//! overflow: within each simulated hour (its count drawn by the traffic
//! model, bursts and all) calls arrive as a Poisson process, and
//! [`crate::provisioned::minute_overflow`] gives each minute's calls above
//! capacity in closed form (a binomial tail, given the hour's count). A call weighs its input
//! tokens, its cached input at the offer's weight and its output at the
//! offer's output weight, as the vendors' sizing does; capacity admits
//! whole calls of the month's mean weight.

use serde::{Deserialize, Serialize};

use crate::error::Bound;
use crate::fields::{Choice, Field, Section, Slot, StashAt, Walk};
use crate::levers::agents::Work;
use crate::levers::horizon::{self, Ends};
use crate::levers::ledger::{Component, Costs, Ledger};
use crate::provisioned::minute_overflow;

/// Throughput units bought on the managed API the architecture calls.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Provisioned {
    /// Units bought, billed every hour whether used or not.
    pub units: u32,
    /// A unit's price for an hour under the term bought.
    pub usd_per_unit_hour: f64,
    /// Input tokens a minute one unit serves for this model.
    pub tokens_per_minute_per_unit: f64,
    /// What an output token counts as, in input tokens.
    pub output_weight: f64,
    /// What a cached input token counts as (Azure: 0, it is not counted).
    pub cached_input_weight: f64,
    pub overflow: Overflow,
}

/// What happens to the calls above capacity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Overflow {
    /// Served by the same model pay-as-you-go, at its list price.
    Spill,
    /// Refused (HTTP 429): not served, not paid, counted.
    Throttle,
}

impl Default for Provisioned {
    /// Azure OpenAI's Global provisioned deployment of the mainstream model
    /// (gpt-5.4): its minimum of 15 PTU at the hourly price, 2,400 input
    /// tokens a minute a PTU, an output token worth 6 input tokens, cached
    /// input not counted (public/capacity-offers.json, azure-ptu-global).
    fn default() -> Self {
        Provisioned {
            units: 15,
            usd_per_unit_hour: 1.0,
            tokens_per_minute_per_unit: 2_400.0,
            output_weight: 6.0,
            cached_input_weight: 0.0,
            overflow: Overflow::Spill,
        }
    }
}

pub const PROVISIONED: Field = Field::group(
    "provisioned",
    "Provisioned capacity",
    "Throughput units reserved on the managed API (Azure PTU, Vertex AI GSU, Bedrock model units), billed every hour whether used or not; the minutes above capacity spill to pay-as-you-go or are throttled. The command line's capacity size gives the vendor's sizing and prices.",
);
pub const UNITS: Field = Field::whole(
    "units",
    "Units",
    "units (PTU, GSU)",
    Bound::new(1.0, 100_000.0, "must be between 1 and 100,000"),
    "Units bought: at least the offer's minimum (Azure Global: 15 PTU, then steps of 5).",
);
pub const UNIT_PRICE: Field = Field::number(
    "usd_per_unit_hour",
    "Price a unit-hour",
    "$ / unit-hour",
    Bound::new(0.0, 1_000.0, "must be between 0 and 1,000"),
    "The term's price per unit for an hour. Azure Global: $1.00 hourly, $260 a month ($0.356/h), $2,652 a year ($0.303/h); Vertex AI: $2,700 a GSU-month ($3.70/h).",
);
pub const UNIT_TOKENS: Field = Field::number(
    "tokens_per_minute_per_unit",
    "Capacity a unit",
    "input tokens / minute",
    Bound::new(1.0, 1e8, "must be between 1 and 100,000,000"),
    "Input tokens a minute one unit serves for the model (Azure gpt-5.4: 2,400 a PTU; Vertex AI prints tokens a second: ×60).",
);
pub const OUTPUT_WEIGHT: Field = Field::number(
    "output_weight",
    "Output token weight",
    "input tokens",
    Bound::new(0.0, 100.0, "must be between 0 and 100"),
    "What an output token uses of the capacity, in input tokens (Azure gpt-5.4: 6).",
);
pub const CACHED_WEIGHT: Field = Field::number(
    "cached_input_weight",
    "Cached input weight",
    "input tokens",
    Bound::new(0.0, 1.0, "must be between 0 and 1"),
    "What a token read from the prompt cache uses of the capacity (Azure: 0).",
);
pub const OVERFLOW: Field = Field::choice(
    "overflow",
    "Above capacity",
    &[
        ("spill", "Spill to pay-as-you-go (list price)"),
        ("throttle", "Throttle (refused, counted)"),
    ],
    "The calls a minute brings above capacity: served at the model's list price, or refused with HTTP 429.",
);

impl Section for Provisioned {
    fn fields(&mut self, w: &mut Walk) {
        w.field(&UNITS, Slot::Whole(&mut self.units));
        w.field(&UNIT_PRICE, Slot::Number(&mut self.usd_per_unit_hour));
        w.field(
            &UNIT_TOKENS,
            Slot::Number(&mut self.tokens_per_minute_per_unit),
        );
        w.field(&OUTPUT_WEIGHT, Slot::Number(&mut self.output_weight));
        w.field(&CACHED_WEIGHT, Slot::Number(&mut self.cached_input_weight));
        w.field(&OVERFLOW, Slot::Choice(&mut self.overflow));
    }
}

impl Section for Overflow {
    fn fields(&mut self, _w: &mut Walk) {}
}

impl Choice for Overflow {
    fn key(&self) -> &'static str {
        match self {
            Overflow::Spill => "spill",
            Overflow::Throttle => "throttle",
        }
    }
    fn switch(&mut self, key: &str, _stash: &mut StashAt) {
        match key {
            "spill" => *self = Overflow::Spill,
            "throttle" => *self = Overflow::Throttle,
            _ => {}
        }
    }
}

/// What a month on provisioned capacity says beside its cost.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct ProvisionedStats {
    /// Weighted tokens served over those paid for.
    pub utilization: f64,
    /// Share of the own model's calls refused above capacity.
    pub throttled_share: f64,
    /// The chance some minute of the busiest month is over capacity.
    pub p_month_over: f64,
}

/// The month's traffic as the units see it.
pub struct Traffic<'a> {
    /// Queries in each hour of month one.
    pub hourly: &'a [f64],
    pub queries: f64,
    /// Average over the horizon of (1 + growth)^(month − 1), and the last
    /// month's volume against month one's.
    pub growth_factor: f64,
    pub last_growth: f64,
}

/// The units as a trial uses them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PreparedProvisioned {
    /// Weighted tokens a minute all the units serve.
    capacity_per_minute: f64,
    /// What all the units cost an hour.
    usd_per_hour: f64,
    /// What an input token weighs on average: uncached at 1, cached at its weight.
    input_weight: f64,
    output_weight: f64,
    throttle: bool,
}

impl Provisioned {
    /// `cache_share`: the share of input tokens read from the prompt cache.
    pub fn prepare(&self, cache_share: f64) -> PreparedProvisioned {
        let units = f64::from(self.units);
        PreparedProvisioned {
            capacity_per_minute: units * self.tokens_per_minute_per_unit,
            usd_per_hour: units * self.usd_per_unit_hour,
            input_weight: (1.0 - cache_share) + cache_share * self.cached_input_weight,
            output_weight: self.output_weight,
            throttle: self.overflow == Overflow::Throttle,
        }
    }
}

/// One month of calls on the units.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct Month {
    /// Share of the month's calls above capacity.
    over_share: f64,
    /// Weighted tokens served over those the units could serve.
    utilization: f64,
    /// The chance that some minute of the month is over capacity.
    p_over: f64,
}

impl PreparedProvisioned {
    /// A month of `hourly` queries, each bringing `calls_per_query` calls
    /// of `weight` weighted tokens.
    fn month(&self, hourly: &[f64], calls_per_query: f64, weight: f64) -> Month {
        if hourly.is_empty() || calls_per_query <= 0.0 || weight <= 0.0 {
            return Month::default();
        }
        // Whole calls a minute the capacity admits (a weight a rounding
        // above an exact divisor still admits the whole number).
        let admits = (self.capacity_per_minute / weight * (1.0 + 1e-12)).floor();
        let (mut calls, mut over, mut log_none) = (0.0, 0.0, 0.0);
        for &queries in hourly {
            let hour_calls = queries * calls_per_query;
            calls += hour_calls;
            let mean = hour_calls / 60.0;
            // Twelve standard deviations and more below capacity: the
            // binomial tail is under 1e-20, nothing to count.
            if mean + 12.0 * libm::sqrt(mean) + 12.0 < admits {
                continue;
            }
            let m = minute_overflow(hour_calls, admits);
            over += 60.0 * m.spilled_per_minute;
            log_none += 60.0 * libm::log1p(-m.p_minute_over.min(1.0 - 1e-300));
        }
        let over_share = if calls > 0.0 {
            (over / calls).min(1.0)
        } else {
            0.0
        };
        let paid = self.capacity_per_minute * 60.0 * hourly.len() as f64;
        Month {
            over_share,
            utilization: ((calls - over) * weight / paid).clamp(0.0, 1.0),
            p_over: -libm::expm1(log_none),
        }
    }

    /// The own model's share `share` of the month's work `w` on the units:
    /// the units' bill (used and unused), the calls above capacity at list
    /// price (`list_price`: month one's work at it by component, and its
    /// runaway loops'), or refused; over the horizon as a fleet's is.
    pub fn cost(
        &self,
        list_price: impl FnOnce() -> (Costs, f64),
        w: &Work,
        share: f64,
        fleet: &Traffic,
        ledger: &mut Ledger,
    ) -> (ProvisionedStats, f64) {
        let calls = share * (w.chat_calls + w.agent_calls + w.loop_calls);
        let weighted = share
            * ((w.chat_in + w.agent_in + w.loop_in) * self.input_weight
                + (w.chat_out + w.agent_out + w.loop_out) * self.output_weight);
        let (per_query, weight) = if calls > 0.0 && fleet.queries > 0.0 {
            (calls / fleet.queries, weighted / calls)
        } else {
            (0.0, 0.0)
        };
        let last = fleet.last_growth;
        let first = self.month(fleet.hourly, per_query, weight);
        let at_last = if last == 1.0 {
            first
        } else {
            self.month(fleet.hourly, per_query * last, weight)
        };
        let ends = |f: fn(&Month) -> f64| Ends {
            first: f(&first),
            at_last: f(&at_last),
        };
        let paid = self.usd_per_hour * fleet.hourly.len() as f64;
        let used = ends(|m| m.utilization);
        let scaled = |e: Ends, by: f64| Ends {
            first: e.first * by,
            at_last: e.at_last * by,
        };
        horizon::file(ledger, Component::ProvisionedUsed, scaled(used, paid), last);
        let unused = Ends {
            first: paid - paid * used.first,
            at_last: paid - paid * used.at_last,
        };
        horizon::file(ledger, Component::ProvisionedUnused, unused, last);
        let over = ends(|m| m.over_share);
        if !self.throttle && (over.first > 0.0 || over.at_last > 0.0) {
            // Month one's own-model work at list price, by component; the
            // share above capacity of it in each month, grown.
            let (month_one, loops) = list_price();
            let spilled = |usd: f64| Ends {
                first: usd * over.first,
                at_last: usd * last * over.at_last,
            };
            for (c, usd) in month_one.iter() {
                if usd != 0.0 {
                    horizon::file(ledger, c, spilled(usd), last);
                }
            }
            horizon::file(ledger, Component::AgentLoops, spilled(loops), last);
        }
        let average = |e: Ends| horizon::at(e, last, fleet.growth_factor);
        let over_share = average(over);
        let stats = ProvisionedStats {
            utilization: average(used),
            throttled_share: if self.throttle { over_share } else { 0.0 },
            p_month_over: first.p_over.max(at_last.p_over),
        };
        (stats, if self.throttle { 0.0 } else { over_share })
    }
}
