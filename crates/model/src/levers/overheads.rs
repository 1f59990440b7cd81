//! Fixed monthly overheads: platform and MLOps engineering, monitoring, and
//! the R&D sandbox budget (seed 002).

use serde::{Deserialize, Serialize};

use crate::error::{ModelError, check_non_negative};
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

impl Overheads {
    pub fn validate(&self, f: &str) -> Result<(), ModelError> {
        for (name, v) in [
            (
                "engineering_hours_per_month",
                self.engineering_hours_per_month,
            ),
            ("engineer_usd_per_hour", self.engineer_usd_per_hour),
            ("monitoring_usd_per_month", self.monitoring_usd_per_month),
            ("sandbox_usd_per_month", self.sandbox_usd_per_month),
        ] {
            check_non_negative(&format!("{f}.{name}"), v)?;
        }
        Ok(())
    }

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
