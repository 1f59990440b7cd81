//! Fixed monthly overheads: platform and MLOps engineering, monitoring, and
//! the R&D sandbox budget (seed 002).

use crate::scenario::Overheads;

pub fn monthly_usd(o: &Overheads) -> f64 {
    o.engineering_hours_per_month * o.engineer_usd_per_hour
        + o.monitoring_usd_per_month
        + o.sandbox_usd_per_month
}
