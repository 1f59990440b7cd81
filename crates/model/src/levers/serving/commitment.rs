//! Committed-use pricing (seeds 002, 003: reserved instances, savings plans,
//! committed-use discounts): some instances are bought for a 1- or 3-year
//! term at a discount and billed every hour of it, used or not. A dedicated
//! fleet runs every hour anyway, so its committed instances are simply
//! cheaper; an autoscaled fleet keeps its committed instances running (they
//! are paid for) and buys only the hours above them on demand, which is why
//! a commitment pays on the floor an autoscaler never goes below.
//!
//! The discount is the one the provider publishes for the term chosen. A
//! term longer than the horizon leaves months to pay after it, outside the
//! horizon's figures.

use serde::{Deserialize, Serialize};

use crate::error::{Bound, ModelError, check_range};
use crate::fields::{Choice, Field, Section, Slot, StashAt, Walk};
use crate::levers::serving::Hosting;

/// Instances bought for a term at a discount.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Commitment {
    /// Instances under commitment, billed every hour whether used or not.
    pub instances: u32,
    /// Term of the commitment in years: 1 or 3.
    pub term_years: u32,
    /// Discount against the on-demand price for that term (0.4 = 40% cheaper).
    pub discount: f64,
}

/// Deepest discount accepted: providers' 3-year terms reach about 72%.
const DISCOUNT: Bound = Bound::new(0.0, 0.9, "must be between 0 and 0.9");

pub const COMMITMENT: Field = Field::group(
    "commitment",
    "Committed instances",
    "Reserved instances, savings plans or committed-use discounts: instances billed every hour of the term whether used or not. An autoscaled fleet never scales below them (the FinOps guide and the Algorithmic Drain).",
);
pub const INSTANCES: Field = Field::whole(
    "instances",
    "Committed instances",
    "instances",
    Bound::new(
        0.0,
        10_000.0,
        "must be between 0 and the fleet's (most) instances",
    ),
    "Instances under commitment, billed every hour whether used or not.",
);
pub const TERM: Field = Field::choice(
    "term_years",
    "Commitment term",
    &[("1", "1 year"), ("3", "3 years")],
    "1 or 3 years; a term longer than the horizon is still owed after it.",
);
pub const DISCOUNT_FIELD: Field = Field::number(
    "discount",
    "Commitment discount",
    "% off on-demand",
    DISCOUNT,
    "Your provider's published discount for the term (AWS: up to 72% for 3-year standard reserved instances).",
)
.percent();

impl Default for Commitment {
    /// One instance for a year at 30% off: a starting point to edit.
    fn default() -> Self {
        Commitment {
            instances: 1,
            term_years: 1,
            discount: 0.3,
        }
    }
}

/// The term, a choice of 1 or 3 years.
struct Term<'a>(&'a mut u32);

impl Section for Term<'_> {
    fn fields(&mut self, _w: &mut Walk) {}
}

impl Choice for Term<'_> {
    fn key(&self) -> &'static str {
        match *self.0 {
            1 => "1",
            3 => "3",
            _ => "",
        }
    }
    fn switch(&mut self, key: &str, _stash: &mut StashAt) {
        if let Ok(years) = key.parse() {
            *self.0 = years;
        }
    }
}

impl Section for Commitment {
    fn fields(&mut self, w: &mut Walk) {
        w.field(&INSTANCES, Slot::Whole(&mut self.instances));
        w.field(&TERM, Slot::Choice(&mut Term(&mut self.term_years)));
        w.field(&DISCOUNT_FIELD, Slot::Number(&mut self.discount));
    }
}

impl Commitment {
    /// The rules tying a commitment to its fleet (its fields' own bounds
    /// are checked with the fields).
    pub fn validate(&self, f: &str, hosting: &Hosting) -> Result<(), ModelError> {
        let Some(max) = hosting.max_instances() else {
            return Err(ModelError::Invalid {
                field: f.to_owned(),
                message:
                    "serverless capacity cannot be committed: use dedicated or autoscaled hosting"
                        .into(),
            });
        };
        check_range(
            &format!("{f}.instances"),
            f64::from(self.instances),
            0.0,
            f64::from(max),
            "must be between 0 and the fleet's (most) instances",
        )?;
        if self.term_years != 1 && self.term_years != 3 {
            return Err(ModelError::OutOfRange {
                field: format!("{f}.term_years"),
                value: f64::from(self.term_years),
                rule: "must be 1 or 3 years",
                range: None,
            });
        }
        Ok(())
    }

    /// The committed instances and their hourly price, from the instance's
    /// on-demand list price.
    pub fn prepare(&self, list_usd_per_hour: f64) -> PreparedCommitment {
        PreparedCommitment {
            instances: f64::from(self.instances),
            usd_per_hour: list_usd_per_hour * (1.0 - self.discount),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PreparedCommitment {
    pub instances: f64,
    /// The price of one committed instance hour.
    pub usd_per_hour: f64,
}

/// The hourly bill of a dedicated fleet of `instances`: the committed ones
/// at their price, the rest at `on_demand_usd_per_hour`.
pub fn fleet_usd_per_hour(
    instances: f64,
    on_demand_usd_per_hour: f64,
    commitment: Option<&PreparedCommitment>,
) -> f64 {
    match commitment {
        None => instances * on_demand_usd_per_hour,
        Some(c) => {
            c.instances * c.usd_per_hour + (instances - c.instances) * on_demand_usd_per_hour
        }
    }
}

/// Busy and idle cost of a month of `hours` hours in which the fleet paid
/// `paid_h` instance-hours (each hour at least the committed instances) and
/// `cold_h` starting, `busy_h` of them processing. Without a commitment every
/// hour is on demand; with one, the committed hours are billed at their price
/// and the bill is split between busy and idle in proportion to the hours.
pub fn busy_and_idle_usd(
    paid_h: f64,
    cold_h: f64,
    busy_h: f64,
    hours: f64,
    on_demand_usd_per_hour: f64,
    commitment: Option<&PreparedCommitment>,
) -> (f64, f64) {
    let p = on_demand_usd_per_hour;
    match commitment {
        None => (busy_h * p, (paid_h + cold_h - busy_h) * p),
        Some(c) => {
            let committed_h = c.instances * hours;
            let total = committed_h * c.usd_per_hour + (paid_h - committed_h + cold_h) * p;
            let all_h = paid_h + cold_h;
            let busy = if all_h > 0.0 {
                total * busy_h / all_h
            } else {
                0.0
            };
            (busy, total - busy)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn three_year(instances: u32) -> Commitment {
        Commitment {
            instances,
            term_years: 3,
            discount: 0.6,
        }
    }

    #[test]
    fn commitments_are_checked_against_the_fleet() {
        let dedicated = Hosting::Dedicated { instances: 2 };
        assert!(three_year(2).validate("c", &dedicated).is_ok());
        assert!(three_year(3).validate("c", &dedicated).is_err());
        let bad_term = Commitment {
            term_years: 2,
            ..three_year(1)
        };
        assert!(bad_term.validate("c", &dedicated).is_err());
        let serverless = Hosting::Serverless {
            price_premium: 2.0,
            idle_timeout_s: 60.0,
            cold_start_s: 20.0,
            billing_minimum_s: 0.0,
        };
        assert!(three_year(0).validate("c", &serverless).is_err());
    }
}
