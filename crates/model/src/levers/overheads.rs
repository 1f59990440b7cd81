//! Fixed monthly overheads: platform and MLOps engineering, monitoring, and
//! the R&D sandbox budget (seed 002).

use serde::{Deserialize, Serialize};

use crate::error::Bound;
use crate::fields::{Field, Section, Slot, Walk};
use crate::levers::ledger::{Bucket, Component, Ledger};

/// Fixed monthly costs of running the architecture.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Overheads {
    /// Platform and MLOps engineering, hours per month.
    pub engineering_hours_per_month: f64,
    pub engineer_usd_per_hour: f64,
    pub monitoring_usd_per_month: f64,
    /// R&D sandbox budget cap (seed 002: $500 a month).
    pub sandbox_usd_per_month: f64,
}

pub const ENGINEERING: Field = Field::number(
    "engineering_hours_per_month",
    "Engineering",
    "hours / month",
    Bound::NON_NEGATIVE,
    "Platform and MLOps time to run it (self-hosting needs more).",
);
pub const ENGINEER_RATE: Field = Field::number(
    "engineer_usd_per_hour",
    "Engineer rate",
    "$ / hour",
    Bound::NON_NEGATIVE,
    "Loaded cost of an hour of platform or MLOps work.",
);
pub const MONITORING: Field = Field::number(
    "monitoring_usd_per_month",
    "Monitoring",
    "$ / month",
    Bound::NON_NEGATIVE,
    "Observability and evaluation tooling for this architecture.",
);
pub const SANDBOX: Field = Field::number(
    "sandbox_usd_per_month",
    "Sandbox",
    "$ / month",
    Bound::NON_NEGATIVE,
    "Staging and test environments kept running beside production (the FinOps guide: an R&D budget cap).",
);

impl Section for Overheads {
    fn fields(&mut self, w: &mut Walk) {
        w.field(
            &ENGINEERING,
            Slot::Number(&mut self.engineering_hours_per_month),
        );
        w.field(
            &ENGINEER_RATE,
            Slot::Number(&mut self.engineer_usd_per_hour),
        );
        w.field(
            &MONITORING,
            Slot::Number(&mut self.monitoring_usd_per_month),
        );
        w.field(&SANDBOX, Slot::Number(&mut self.sandbox_usd_per_month));
    }
}

impl Overheads {
    pub fn monthly_usd(&self) -> f64 {
        self.engineering_hours_per_month * self.engineer_usd_per_hour
            + self.monitoring_usd_per_month
            + self.sandbox_usd_per_month
    }
}

/// The overheads, a fixed monthly cost.
pub fn cost(monthly_usd: f64, ledger: &mut Ledger) {
    ledger.add(Bucket::Fixed, Component::Overheads, monthly_usd);
}

#[cfg(test)]
mod tests {
    /// 10 engineering hours at $150, $300 monitoring and a $500 sandbox: $2,300.
    #[test]
    fn overheads_add_up() {
        let o = super::Overheads {
            engineering_hours_per_month: 10.0,
            engineer_usd_per_hour: 150.0,
            monitoring_usd_per_month: 300.0,
            sandbox_usd_per_month: 500.0,
        };
        assert_eq!(o.monthly_usd(), 2_300.0);
    }
}
