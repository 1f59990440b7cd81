//! Spot capacity (seeds 001, 003): a share of instance hours at a discount,
//! paying back some of it in work lost to interruptions.

use serde::{Deserialize, Serialize};

use crate::error::{Bound, ModelError};

/// Spot (preemptible) capacity (seeds 001, 003).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Spot {
    pub share: f64,
    /// Discount against on-demand (0.6 = 60% cheaper).
    pub discount: f64,
    /// Extra hours lost to interruptions and restarts, as a share of spot hours.
    pub interruption_overhead: f64,
}

impl Default for Spot {
    fn default() -> Self {
        Self {
            share: 0.0,
            discount: 0.6,
            interruption_overhead: 0.1,
        }
    }
}

const INTERRUPTION_OVERHEAD: Bound = Bound::new(0.0, 5.0, "must be between 0 and 5");

impl Spot {
    pub fn validate(&self, f: &str) -> Result<(), ModelError> {
        Bound::SHARE.check(&format!("{f}.share"), self.share)?;
        Bound::SHARE.check(&format!("{f}.discount"), self.discount)?;
        INTERRUPTION_OVERHEAD.check(
            &format!("{f}.interruption_overhead"),
            self.interruption_overhead,
        )
    }
}

/// The blended price of an hour of work: a share `s` of hours on demand at
/// p, the rest on spot at p(1 − d), where interruptions make each spot hour of
/// work take (1 + o) hours: p[(1 − s) + s(1 − d)(1 + o)]. Rework applies to the
/// spot hours only.
pub fn effective_usd_per_hour(on_demand_usd_per_hour: f64, spot: &Spot) -> f64 {
    on_demand_usd_per_hour
        * ((1.0 - spot.share)
            + spot.share * (1.0 - spot.discount) * (1.0 + spot.interruption_overhead))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_spot_at_60_percent_off_with_10_percent_rework_costs_44_percent() {
        let spot = Spot {
            share: 1.0,
            discount: 0.6,
            interruption_overhead: 0.1,
        };
        assert!((effective_usd_per_hour(10.0, &spot) - 4.4).abs() < 1e-12);
        assert_eq!(
            effective_usd_per_hour(10.0, &Spot { share: 0.0, ..spot }),
            10.0
        );
    }

    /// Half the hours on demand at $10, half on spot at $4 taking 10% longer:
    /// 0.5 × 10 + 0.5 × 4 × 1.1 = $7.20 an hour of work.
    #[test]
    fn half_spot_blends_on_demand_and_reworked_spot_hours() {
        let spot = Spot {
            share: 0.5,
            discount: 0.6,
            interruption_overhead: 0.1,
        };
        assert!((effective_usd_per_hour(10.0, &spot) - 7.2).abs() < 1e-12);
    }
}
