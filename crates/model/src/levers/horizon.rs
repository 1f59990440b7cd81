//! A self-hosted fleet over the horizon. Its cost is not proportional to its
//! traffic (a floor of instances, whole instances, idle hours, warm
//! timeouts), so growing month one's cost with traffic would grow idle
//! capacity that traffic never reaches. The fleet is costed at month one's
//! volume and at the horizon's last month's, and each figure is filed as a
//! part that stays the same every month plus a part proportional to volume:
//! exact in both months, and exact in between wherever the cost is linear in
//! volume (a constant floor, work that fits, a fixed fleet's bill).

use crate::levers::ledger::{Bucket, Component, Ledger};

/// A figure in month one (volume 1) and in the last month (volume `last`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Ends {
    pub first: f64,
    pub at_last: f64,
}

/// Files `ends` of component `c` as fixed + variable·volume through both ends.
pub fn file(ledger: &mut Ledger, c: Component, ends: Ends, last: f64) {
    let slope = slope(ends, last);
    ledger.add(Bucket::Variable, c, slope);
    ledger.add(Bucket::Fixed, c, ends.first - slope);
}

/// The figure at volume `volume` (between 1 and `last`) on the same line.
pub fn at(ends: Ends, last: f64, volume: f64) -> f64 {
    ends.first + slope(ends, last) * (volume - 1.0)
}

fn slope(ends: Ends, last: f64) -> f64 {
    if last == 1.0 {
        0.0
    } else {
        (ends.at_last - ends.first) / (last - 1.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One instance that never scales costs the same every month: nothing
    /// grows with traffic (the issue's +78% at 10%/month is gone).
    #[test]
    fn a_constant_floor_does_not_grow() {
        let mut l = Ledger::default();
        let last = 1.1f64.powi(11);
        let ends = Ends {
            first: 885.0,
            at_last: 885.0,
        };
        file(&mut l, Component::GpuIdle, ends, last);
        assert_eq!(l.get(Bucket::Variable, Component::GpuIdle), 0.0);
        assert_eq!(l.get(Bucket::Fixed, Component::GpuIdle), 885.0);
    }

    /// Cost proportional to volume stays wholly variable.
    #[test]
    fn a_proportional_cost_is_wholly_variable() {
        let mut l = Ledger::default();
        let ends = Ends {
            first: 100.0,
            at_last: 200.0,
        };
        file(&mut l, Component::GpuBusy, ends, 2.0);
        assert_eq!(l.get(Bucket::Variable, Component::GpuBusy), 100.0);
        assert_eq!(l.get(Bucket::Fixed, Component::GpuBusy), 0.0);
        assert_eq!(at(ends, 2.0, 1.5), 150.0);
    }
}
