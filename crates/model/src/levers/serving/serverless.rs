//! Serverless GPUs (seed 002: "you pay a higher rate per minute, but you pay
//! zero when the model is idle"). A worker is billed while busy, for a warm
//! idle timeout after its last request, and for each cold start. With Poisson
//! arrivals at rate λ a gap exceeds the timeout τ with probability e^(−λτ): that
//! many requests start cold, and each gap bills E[min(gap, τ)] = (1 − e^(−λτ))/λ.

use super::ServingCost;

/// One hour: `requests` requests needing `busy_s` worker-seconds.
fn hour(requests: f64, busy_s: f64, idle_timeout_s: f64, cold_start_s: f64) -> (f64, f64) {
    if requests <= 0.0 {
        return (0.0, 0.0);
    }
    let rate = requests / 3_600.0;
    let p_cold = libm::exp(-rate * idle_timeout_s);
    let warm = (requests * (1.0 - p_cold) / rate).min((3_600.0 - busy_s).max(0.0));
    (busy_s, warm + requests * p_cold * cold_start_s)
}

/// A month given each hour's (requests, busy worker-seconds).
pub fn month(
    hours: impl Iterator<Item = (f64, f64)>,
    usd_per_hour: f64,
    price_premium: f64,
    idle_timeout_s: f64,
    cold_start_s: f64,
) -> ServingCost {
    let usd_per_s = usd_per_hour * price_premium / 3_600.0;
    let (mut busy, mut idle) = (0.0, 0.0);
    for (requests, busy_s) in hours {
        let (b, i) = hour(requests, busy_s, idle_timeout_s, cold_start_s);
        busy += b;
        idle += i;
    }
    ServingCost {
        busy_usd: busy * usd_per_s,
        idle_usd: idle * usd_per_s,
        utilization: if busy + idle > 0.0 {
            busy / (busy + idle)
        } else {
            0.0
        },
        overloaded_hours: 0.0,
        spilled_share: 0.0,
        instances: 0.0,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn five_requests_an_hour_pay_for_seconds_not_hours() {
        // 5 requests of 2 s each, 60 s timeout, 20 s cold starts.
        let cost = super::month([(5.0, 10.0)].into_iter(), 3_600.0, 1.0, 60.0, 20.0);
        // λτ = 5/3600·60 ≈ 0.083: nearly every request starts cold.
        assert!(cost.total_usd() < 5.0 * (2.0 + 60.0 + 20.0));
        assert!(cost.total_usd() > 5.0 * 2.0);
        assert_eq!(
            super::month([(0.0, 0.0)].into_iter(), 3_600.0, 1.0, 60.0, 20.0).total_usd(),
            0.0
        );
    }
}
