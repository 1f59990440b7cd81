//! Spot capacity (seeds 001, 003): a share of instance hours at a discount,
//! paying back some of it in work lost to interruptions.

use serde::{Deserialize, Serialize};

use crate::error::Bound;
use crate::fields::{Field, Walk};

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

/// A spot share's fields, as a fleet or a training run names them.
pub struct SpotFields {
    pub share: Field,
    pub discount: Field,
    pub interruption_overhead: Field,
}

/// A self-hosted fleet's spot hours.
pub const FLEET: SpotFields = SpotFields {
    share: Field::share(
        "share",
        "Spot share",
        "% of hours",
        "The cost analysis and the Algorithmic Drain: spot capacity at a discount, paying back some in interruptions.",
    ),
    discount: Field::share(
        "discount",
        "Spot discount",
        "% off on-demand",
        "The spot price's discount (set from the instance's published spot price when you pick one from the list).",
    ),
    interruption_overhead: Field::number(
        "interruption_overhead",
        "Spot interruptions",
        "% more hours",
        INTERRUPTION_OVERHEAD,
        "Work redone after spot interruptions, as a share of the spot hours (the cost analysis: checkpoint to keep it small).",
    )
    .percent(),
};

/// A training run's spot hours.
pub const TRAINING: SpotFields = SpotFields {
    share: Field::share(
        "share",
        "Training on spot",
        "% of hours",
        "The cost analysis: training tolerates interruptions, so most of it can run on spot.",
    ),
    discount: Field::share(
        "discount",
        "Training spot discount",
        "% off on-demand",
        "The spot price's discount for the training instance.",
    ),
    interruption_overhead: Field::number(
        "interruption_overhead",
        "Training interruptions",
        "% more hours",
        INTERRUPTION_OVERHEAD,
        "Training redone after spot interruptions, as a share of the spot hours.",
    )
    .percent(),
};

impl Spot {
    /// Walks the spot fields named by `fields` (used only when `applies`).
    pub fn walk(&mut self, w: &mut Walk, fields: &'static SpotFields, applies: bool) {
        use crate::fields::Slot::Number;
        w.field_if(applies, &fields.share, Number(&mut self.share));
        w.field_if(applies, &fields.discount, Number(&mut self.discount));
        w.field_if(
            applies,
            &fields.interruption_overhead,
            Number(&mut self.interruption_overhead),
        );
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
