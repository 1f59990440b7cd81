//! Autoscaled instances (seed 000: KEDA-style scale-to-zero): each hour runs as
//! many instances as its load needs at the planned utilisation, between a
//! minimum and a maximum, and every instance started pays a cold start. The
//! work above the maximum at the planned utilisation spills to the fallback
//! API. Instances follow throughput; busy time is at least the requests'
//! latencies (a lone request holds an instance for all of it).

use super::commitment::{self, PreparedCommitment};
use super::{PerQuery, ServingCost, busy_hours, whole_instances};

/// The fleet's settings.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Fleet {
    pub min_instances: u32,
    pub max_instances: u32,
    /// Billed minutes an instance spends starting before it serves.
    pub cold_start_minutes: f64,
    /// On-demand price of an instance hour (spot blended in).
    pub usd_per_hour: f64,
    pub max_utilization: f64,
}

/// A month given each hour's queries, each bringing `q`. Committed
/// instances never stop (they are paid for): they raise the floor.
pub fn month(
    hourly_queries: &[f64],
    q: PerQuery,
    fleet: Fleet,
    commitment: Option<&PreparedCommitment>,
) -> ServingCost {
    let hours = Hours::new(q, fleet, commitment);
    let [lanes] = Hours::sum([&hours], hourly_queries);
    hours.cost(&lanes, hourly_queries, fleet, commitment)
}

/// Two months of the same hours, each query bringing `q[0]` in the one and
/// `q[1]` in the other (month one and the last): one pass over the hours
/// for both (issue 29), the same figures as two calls of `month`.
pub fn months(
    hourly_queries: &[f64],
    q: [PerQuery; 2],
    fleet: Fleet,
    commitment: Option<&PreparedCommitment>,
) -> [ServingCost; 2] {
    let first = Hours::new(q[0], fleet, commitment);
    let at_last = Hours::new(q[1], fleet, commitment);
    let [a, b] = Hours::sum([&first, &at_last], hourly_queries);
    [
        first.cost(&a, hourly_queries, fleet, commitment),
        at_last.cost(&b, hourly_queries, fleet, commitment),
    ]
}

/// What one hour's instance count depends on.
struct Hours {
    instances_per_query: f64,
    busy_h_per_query: f64,
    latency_h_per_query: f64,
    /// A query's latency over its work: the served share's latencies in an
    /// overloaded hour (the spilled requests hold no instance).
    latency_per_busy: f64,
    min: f64,
    max: f64,
    /// Busy instance-hours the maximum serves in an hour at the planned utilisation.
    capacity: f64,
}

/// Sums over the even hours (lane 0) and the odd ones (lane 1), added at the
/// end: consecutive hours' work overlaps instead of waiting on one running
/// sum, and in WASM the two lanes are one SIMD register.
#[derive(Default)]
struct Lanes {
    /// Instance-hours paid; busy (work served, or the requests' latencies
    /// when longer); instances started; hours needing more than the maximum.
    paid: [f64; 2],
    busy_h: [f64; 2],
    starts: [f64; 2],
    overloaded: [f64; 2],
}

/// One hour's figures.
struct Hour {
    running: f64,
    busy: f64,
    overloaded: f64,
}

impl Lanes {
    fn add(&mut self, lane: usize, h: &Hour) {
        self.paid[lane] += h.running;
        self.busy_h[lane] += h.busy;
        self.overloaded[lane] += h.overloaded;
    }
}

impl Hours {
    fn new(q: PerQuery, fleet: Fleet, commitment: Option<&PreparedCommitment>) -> Hours {
        let (mut min, max) = (
            f64::from(fleet.min_instances),
            f64::from(fleet.max_instances),
        );
        if let Some(c) = commitment
            && c.instances > min
        {
            min = c.instances;
        }
        Hours {
            instances_per_query: q.busy_h / fleet.max_utilization,
            busy_h_per_query: q.busy_h,
            latency_h_per_query: q.latency_h,
            latency_per_busy: q.latency_per_busy(),
            min,
            max,
            capacity: max * fleet.max_utilization,
        }
    }

    /// The month's cost from its sums.
    fn cost(
        &self,
        l: &Lanes,
        hourly_queries: &[f64],
        fleet: Fleet,
        commitment: Option<&PreparedCommitment>,
    ) -> ServingCost {
        let both = |lane: [f64; 2]| lane[0] + lane[1];
        let (paid_h, busy_h, overloaded) = (both(l.paid), both(l.busy_h), both(l.overloaded));
        let cold_h = both(l.starts) * fleet.cold_start_minutes / 60.0;
        let utilization = if paid_h + cold_h > 0.0 {
            busy_h / (paid_h + cold_h)
        } else {
            0.0
        };
        let (busy_usd, idle_usd) = commitment::busy_and_idle_usd(
            paid_h,
            cold_h,
            busy_h,
            hourly_queries.len() as f64,
            fleet.usd_per_hour,
            commitment,
        );
        ServingCost {
            busy_usd,
            idle_usd,
            utilization,
            overloaded_hours: overloaded,
            spilled_share: if overloaded > 0.0 {
                self.spilled_share(hourly_queries)
            } else {
                0.0
            },
            instances: paid_h / hourly_queries.len().max(1) as f64,
        }
    }

    /// One hour. No f64::max/min (on WASM they are calls, for IEEE NaN
    /// rules) and no data-dependent branches: this runs for every simulated hour.
    #[inline(always)]
    fn hour(&self, queries: f64) -> Hour {
        let need = queries * self.instances_per_query;
        let work = queries * self.busy_h_per_query;
        let whole = whole_instances(need);
        let at_least_min = if whole > self.min { whole } else { self.min };
        let running = if at_least_min < self.max {
            at_least_min
        } else {
            self.max
        };
        // Only an overloaded hour is capped: the rest of its work spills.
        let served = if work < self.capacity {
            work
        } else {
            self.capacity
        };
        let latency = if work < self.capacity {
            queries * self.latency_h_per_query
        } else {
            self.capacity * self.latency_per_busy
        };
        Hour {
            running,
            busy: busy_hours(served, latency, running),
            overloaded: f64::from(u8::from(need > self.max)),
        }
    }

    /// The share of the month's work above the maximum's capacity: a pass
    /// of its own, run only for a month with an overloaded hour.
    fn spilled_share(&self, hourly_queries: &[f64]) -> f64 {
        let (mut load, mut spilled) = (0.0, 0.0);
        for &q in hourly_queries {
            let work = q * self.busy_h_per_query;
            load += work;
            spilled += rise(work - self.capacity);
        }
        if load > 0.0 { spilled / load } else { 0.0 }
    }

    /// Each fleet's sums over the same hours, in one pass.
    fn sum<const N: usize>(fleets: [&Hours; N], hourly_queries: &[f64]) -> [Lanes; N] {
        let pairs = hourly_queries.chunks_exact(2);
        let last = pairs.remainder().first().copied();
        let mut sums = Hours::sum_pairs(fleets, pairs);
        if let Some(q) = last {
            for (h, (lanes, running)) in fleets.iter().zip(sums.iter_mut()) {
                let a = h.hour(q);
                lanes.starts[0] += rise(a.running - *running);
                lanes.add(0, &a);
            }
        }
        sums.map(|(lanes, _)| lanes)
    }

    /// The pairs of hours, and the instances running after the last, for
    /// each fleet.
    #[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
    fn sum_pairs<const N: usize>(
        fleets: [&Hours; N],
        pairs: std::slice::ChunksExact<'_, f64>,
    ) -> [(Lanes, f64); N] {
        let mut sums: [(Lanes, f64); N] = fleets.map(|h| (Lanes::default(), h.min));
        for pair in pairs {
            for (h, (l, running)) in fleets.iter().zip(sums.iter_mut()) {
                let (a, b) = (h.hour(pair[0]), h.hour(pair[1]));
                l.starts[0] += rise(a.running - *running);
                l.starts[1] += rise(b.running - a.running);
                *running = b.running;
                l.add(0, &a);
                l.add(1, &b);
            }
        }
        sums
    }

    /// The same operations on both lanes at once (WASM SIMD), so the same
    /// numbers as the scalar loop: `pmax`/`pmin` are exactly its selects.
    #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
    fn sum_pairs<const N: usize>(
        fleets: [&Hours; N],
        pairs: std::slice::ChunksExact<'_, f64>,
    ) -> [(Lanes, f64); N] {
        use core::arch::wasm32::*;
        /// One fleet's constants and running sums, both lanes in a register.
        struct Simd {
            per_query: v128,
            busy_per_query: v128,
            latency_per_query: v128,
            capacity: v128,
            served_latency: v128,
            min: v128,
            max: v128,
            paid: v128,
            busy_h: v128,
            starts: v128,
            overloaded: v128,
            /// Lane 1 holds the instances running after the previous pair.
            now: v128,
        }
        let zero = f64x2_splat(0.0);
        let (half, one) = (f64x2_splat(0.5), f64x2_splat(1.0));
        let mut s = fleets.map(|h| Simd {
            per_query: f64x2_splat(h.instances_per_query),
            busy_per_query: f64x2_splat(h.busy_h_per_query),
            latency_per_query: f64x2_splat(h.latency_h_per_query),
            capacity: f64x2_splat(h.capacity),
            served_latency: f64x2_splat(h.capacity * h.latency_per_busy),
            min: f64x2_splat(h.min),
            max: f64x2_splat(h.max),
            paid: zero,
            busy_h: zero,
            starts: zero,
            overloaded: zero,
            now: f64x2_splat(h.min),
        });
        for pair in pairs {
            let queries = f64x2(pair[0], pair[1]);
            for f in s.iter_mut() {
                let need = f64x2_mul(queries, f.per_query);
                let work = f64x2_mul(queries, f.busy_per_query);
                let at_least_min = f64x2_pmax(f.min, f64x2_ceil(need));
                let next = f64x2_pmin(f.max, at_least_min);
                // Each hour's predecessor: the last pair's odd hour, this pair's even one.
                let before = i64x2_shuffle::<1, 2>(f.now, next);
                let up = f64x2_sub(next, before);
                f.starts = f64x2_add(f.starts, f64x2_mul(half, f64x2_add(f64x2_abs(up), up)));
                f.now = next;
                f.paid = f64x2_add(f.paid, next);
                let served = f64x2_pmin(f.capacity, work);
                // An overloaded hour's latencies are its served requests' only.
                let latency = v128_bitselect(
                    f64x2_mul(queries, f.latency_per_query),
                    f.served_latency,
                    f64x2_lt(work, f.capacity),
                );
                let occupied = f64x2_pmin(next, latency);
                f.busy_h = f64x2_add(f.busy_h, f64x2_pmax(occupied, served));
                f.overloaded = f64x2_add(f.overloaded, v128_and(f64x2_gt(need, f.max), one));
            }
        }
        let lanes = |v: v128| [f64x2_extract_lane::<0>(v), f64x2_extract_lane::<1>(v)];
        s.map(|f| {
            (
                Lanes {
                    paid: lanes(f.paid),
                    busy_h: lanes(f.busy_h),
                    starts: lanes(f.starts),
                    overloaded: lanes(f.overloaded),
                },
                f64x2_extract_lane::<1>(f.now),
            )
        })
    }
}

/// max(x, 0), exactly, without a branch.
fn rise(x: f64) -> f64 {
    0.5 * (x.abs() + x)
}

#[cfg(test)]
mod tests {
    use super::{Fleet, PerQuery};

    /// Queries of `busy_s` busy seconds each, whose latency is no longer.
    fn per_query(busy_s: f64) -> PerQuery {
        PerQuery {
            busy_h: busy_s / 3_600.0,
            latency_h: busy_s / 3_600.0,
            calls: 1.0,
        }
    }

    fn fleet(min_instances: u32, max_instances: u32, cold_start_minutes: f64, usd: f64) -> Fleet {
        Fleet {
            min_instances,
            max_instances,
            cold_start_minutes,
            usd_per_hour: usd,
            max_utilization: 1.0,
        }
    }

    #[test]
    fn follows_the_load_and_scales_to_zero() {
        // Two busy hours needing 1.5 and 0.2 instances, then an empty one.
        let cost = super::month(
            &[5_400.0, 720.0, 0.0],
            per_query(1.0),
            fleet(0, 4, 6.0, 10.0),
            None,
        );
        // Paid: 2 + 1 + 0 instance-hours, plus 2 cold starts of 0.1 h.
        assert!((cost.total_usd() - 32.0).abs() < 1e-9);
        assert!((cost.busy_usd - 17.0).abs() < 1e-9);
        assert_eq!(cost.overloaded_hours, 0.0);
    }

    /// Issue 28: at most 2 instances planned at 80% (1.6 instance-hours an
    /// hour) and an hour of 2.0 instance-hours of work, then one of 1.0:
    /// 1.6 served and busy, 0.4 spilled (it counted the spilled requests
    /// busy too, 2.0), then 1.0. Paid 2 + 2 instance-hours: busy 2.6 of 4.
    #[test]
    fn spilled_requests_hold_no_instance() {
        let fleet = Fleet {
            max_utilization: 0.8,
            ..fleet(0, 2, 0.0, 1.0)
        };
        let cost = super::month(&[7_200.0, 3_600.0], per_query(1.0), fleet, None);
        assert_eq!(cost.overloaded_hours, 1.0);
        assert!(
            (cost.utilization - 2.6 / 4.0).abs() < 1e-12,
            "{}",
            cost.utilization
        );
        assert!((cost.busy_usd - 2.6).abs() < 1e-12);
        assert!((cost.spilled_share - 0.4 / 3.0).abs() < 1e-12);
    }

    #[test]
    fn counts_hours_needing_more_than_the_maximum() {
        let cost = super::month(
            &[3_600.0 * 5.0, 3_600.0],
            per_query(1.0),
            fleet(1, 4, 0.0, 1.0),
            None,
        );
        assert_eq!(cost.overloaded_hours, 1.0);
        // Four instances paid in the overloaded hour, one in the next.
        assert!((cost.total_usd() - 5.0).abs() < 1e-12);
        // Of 6 busy instance-hours, the hour above the maximum serves 4.
        assert!((cost.spilled_share - 1.0 / 6.0).abs() < 1e-12);
    }

    /// One instance kept up for 10 queries an hour of 0.1 s batched work
    /// each but 30 s alone: busy 300 s of its 3,600.
    #[test]
    fn a_lone_request_holds_its_instance_for_its_latency() {
        let q = PerQuery {
            busy_h: 0.1 / 3_600.0,
            latency_h: 30.0 / 3_600.0,
            calls: 1.0,
        };
        let cost = super::month(&[10.0], q, fleet(1, 1, 0.0, 3.6), None);
        assert!((cost.utilization - 300.0 / 3_600.0).abs() < 1e-15);
        assert!((cost.busy_usd - 0.3).abs() < 1e-12);
    }
}
