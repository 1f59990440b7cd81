//! Dedicated instances (seeds 000, 002): paid every hour of the month, busy or
//! not; whatever is not spent processing is idle waste. A fleet is either
//! sized to the month's busiest hour at the planned utilisation (the
//! headroom), or fixed, and then the work above its planned capacity in an
//! hour spills to the fallback API: all demand is served and paid for.

use super::commitment::{self, PreparedCommitment};
use super::{PerQuery, ServingCost, busy_hours};

/// A fixed fleet of `instances` billed `fleet_usd_per_hour` together; hour h
/// brings `hourly_queries[h]` queries, each bringing `q`.
pub fn fixed(
    hourly_queries: &[f64],
    q: PerQuery,
    instances: f64,
    fleet_usd_per_hour: f64,
    max_utilization: f64,
) -> ServingCost {
    let capacity = instances * max_utilization;
    let ratio = q.latency_per_busy();
    let mut m = Month::default();
    for &queries in hourly_queries {
        let work = queries * q.busy_h;
        let served = if work < capacity { work } else { capacity };
        let latency = q.served_latency(queries, work, capacity, ratio);
        m.add(work, served, busy_hours(served, latency, instances));
        m.overloaded += f64::from(u8::from(work > capacity));
    }
    m.bill(hourly_queries.len() as f64, instances, fleet_usd_per_hour)
}

/// A fleet sized to the busiest hour: ⌈peak work / max utilisation⌉
/// instances (at least one, and at least the committed ones).
pub fn sized_to_peak(
    hourly_queries: &[f64],
    q: PerQuery,
    usd_per_hour: f64,
    max_utilization: f64,
    commitment: Option<&PreparedCommitment>,
) -> ServingCost {
    let [month] = sized_to_peak_months(
        hourly_queries,
        [q],
        usd_per_hour,
        max_utilization,
        commitment,
    );
    month
}

/// Fleets sized to the busiest hour, one for each query's work `q[i]` over
/// the same hours (month one and the last), in one pass (issue 29): each
/// month's sums are independent, so the pass is not held up by one chain of
/// additions. The same figures as `sized_to_peak` for each.
pub fn sized_to_peak_months<const N: usize>(
    hourly_queries: &[f64],
    q: [PerQuery; N],
    usd_per_hour: f64,
    max_utilization: f64,
    commitment: Option<&PreparedCommitment>,
) -> [ServingCost; N] {
    let busiest = busiest(hourly_queries);
    let committed = commitment.map_or(0.0, |c| c.instances);
    let instances = q.map(|q| {
        super::whole_instances(busiest * q.busy_h / max_utilization)
            .max(1.0)
            .max(committed)
    });
    let mut months: [Month; N] = std::array::from_fn(|_| Month::default());
    for &queries in hourly_queries {
        for ((m, q), &instances) in months.iter_mut().zip(&q).zip(&instances) {
            let work = queries * q.busy_h;
            m.add(
                work,
                work,
                busy_hours(work, queries * q.latency_h, instances),
            );
        }
    }
    std::array::from_fn(|i| {
        let fleet_usd_per_hour =
            commitment::fleet_usd_per_hour(instances[i], usd_per_hour, commitment);
        months[i].bill(
            hourly_queries.len() as f64,
            instances[i],
            fleet_usd_per_hour,
        )
    })
}

/// The busiest hour's queries (0 for none): four running maxima, each
/// waiting only on its own, and the maximum does not depend on the order.
fn busiest(hourly_queries: &[f64]) -> f64 {
    let max = |p: f64, x: f64| if x > p { x } else { p };
    let fours = hourly_queries.chunks_exact(4);
    let rest = fours.remainder().iter().fold(0.0, |p, &x| max(p, x));
    let m = fours.fold([0.0; 4], |m, x| {
        [
            max(m[0], x[0]),
            max(m[1], x[1]),
            max(m[2], x[2]),
            max(m[3], x[3]),
        ]
    });
    max(max(max(m[0], m[1]), max(m[2], m[3])), rest)
}

/// A month's instance-hours: work arriving, served, busy; overloaded hours.
#[derive(Default)]
struct Month {
    load: f64,
    served: f64,
    busy: f64,
    overloaded: f64,
}

impl Month {
    fn add(&mut self, work: f64, served: f64, busy: f64) {
        self.load += work;
        self.served += served;
        self.busy += busy;
    }

    /// The month's bill split into busy and idle time, and the spilled share.
    fn bill(&self, hours: f64, instances: f64, fleet_usd_per_hour: f64) -> ServingCost {
        let total = fleet_usd_per_hour * hours;
        let paid_h = instances * hours;
        let utilization = if paid_h > 0.0 {
            (self.busy / paid_h).min(1.0)
        } else {
            0.0
        };
        let busy_usd = total * utilization;
        ServingCost {
            busy_usd,
            idle_usd: total - busy_usd,
            utilization,
            overloaded_hours: self.overloaded,
            spilled_share: if self.load > 0.0 {
                (self.load - self.served) / self.load
            } else {
                0.0
            },
            instances,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::PerQuery;

    /// Queries of `busy_h` instance-hours each, whose latency is no longer.
    fn per_query(busy_h: f64) -> PerQuery {
        PerQuery {
            busy_h,
            latency_h: busy_h,
            calls: 1.0,
        }
    }

    /// Five queries an hour, each 0.15 s of batched work but 20 s alone:
    /// the instance is busy 100 s of the hour, not 0.75 s.
    #[test]
    fn a_lone_request_holds_the_instance_for_its_latency() {
        let q = PerQuery {
            busy_h: 0.15 / 3_600.0,
            latency_h: 20.0 / 3_600.0,
            calls: 1.0,
        };
        let cost = super::fixed(&[5.0], q, 1.0, 3.6, 1.0);
        assert!((cost.utilization - 100.0 / 3_600.0).abs() < 1e-15);
        assert!((cost.busy_usd - 0.1).abs() < 1e-12);
        // At 500 an hour the latencies overlap: busy the whole hour.
        let cost = super::fixed(&[500.0], q, 1.0, 3.6, 1.0);
        assert_eq!(cost.utilization, 1.0);
    }
    /// Seed 000: an instance active 24/7 that processes queries only during
    /// an 8-hour window wastes two thirds of its spend.
    #[test]
    fn busy_8_of_24_hours_wastes_two_thirds() {
        let day: Vec<f64> = (0..24).map(|h| if h < 8 { 1.0 } else { 0.0 }).collect();
        let cost = super::fixed(&day, per_query(1.0), 1.0, 1.212, 1.0);
        assert!((cost.idle_usd / cost.total_usd() - 2.0 / 3.0).abs() < 1e-12);
        assert!((cost.utilization - 1.0 / 3.0).abs() < 1e-12);
        assert_eq!(cost.spilled_share, 0.0);
    }

    /// Two instances planned at 80%: 1.6 instance-hours an hour. An hour
    /// bringing 2.6 spills 1.0 of it; the month's load is 2.6 + 1.0.
    #[test]
    fn a_fixed_fleet_spills_what_it_cannot_serve() {
        let cost = super::fixed(&[2.6, 1.0], per_query(1.0), 2.0, 2.0, 0.8);
        assert_eq!(cost.overloaded_hours, 1.0);
        assert!((cost.spilled_share - 1.0 / 3.6).abs() < 1e-12);
        // Paid 2 h × $2. Busy: the 1.6 instance-hours the first hour serves
        // (the spilled requests run on the fallback API, not here), 1.0 of
        // the second: 2.6 of 4 (issue 28: it counted the spilled ones too).
        assert!((cost.total_usd() - 4.0).abs() < 1e-12);
        assert!((cost.busy_usd - 4.0 * 2.6 / 4.0).abs() < 1e-12);
    }

    /// Issue 28's example: 2 instances planned at 80% with 2.0
    /// instance-hours of work serve 1.6 and spill 0.4: busy 1.6 of 2
    /// instance-hours, utilisation 0.80 (it read 0.998). Requests whose
    /// latency is 1.2 times their work: the served ones hold the instances
    /// 1.6 × 1.2 = 1.92 instance-hours (0.96), the spilled ones none.
    #[test]
    fn spilled_requests_hold_no_instance() {
        for (latency, utilization) in [(1.0, 0.8), (1.2, 0.96)] {
            let q = PerQuery {
                busy_h: 1.0,
                latency_h: latency,
                calls: 1.0,
            };
            let cost = super::fixed(&[2.0], q, 2.0, 2.0, 0.8);
            assert!(
                (cost.utilization - utilization).abs() < 1e-12,
                "{}",
                cost.utilization
            );
            assert!((cost.spilled_share - 0.2).abs() < 1e-12);
        }
    }

    /// Four running maxima find what one finds, wherever the busiest hour
    /// is and however many hours are left over.
    #[test]
    fn the_busiest_hour_is_found_wherever_it_is() {
        for n in 0u32..12 {
            for at in 0..n {
                let hours: Vec<f64> = (0..n)
                    .map(|h| if h == at { 9.5 } else { f64::from(h % 3) })
                    .collect();
                assert_eq!(super::busiest(&hours), 9.5, "{n} hours, busiest {at}");
            }
        }
        assert_eq!(super::busiest(&[]), 0.0);
    }

    /// A peak of 2.5 instance-hours at 80% needs ⌈3.125⌉ = 4 instances.
    #[test]
    fn sized_to_the_busiest_hour_with_headroom() {
        let cost = super::sized_to_peak(&[2.5, 0.5, 0.0], per_query(1.0), 1.0, 0.8, None);
        assert_eq!(cost.instances, 4.0);
        assert!((cost.total_usd() - 12.0).abs() < 1e-12);
        assert!((cost.busy_usd - 3.0).abs() < 1e-12);
        assert_eq!(cost.spilled_share, 0.0);
        assert_eq!(cost.overloaded_hours, 0.0);
        // No traffic still keeps one instance.
        assert_eq!(
            super::sized_to_peak(&[0.0], per_query(1.0), 1.0, 0.8, None).instances,
            1.0
        );
    }
}
