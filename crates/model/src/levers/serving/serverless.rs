//! Serverless GPUs (seed 002: "you pay a higher rate per minute, but you pay
//! zero when the model is idle"). A worker is billed while busy, for a warm
//! idle timeout after its last request, and for each cold start. With Poisson
//! arrivals at rate λ a gap exceeds the timeout τ with probability e^(−λτ): that
//! many requests start cold, and each gap bills E[min(gap, τ)] = (1 − e^(−λτ))/λ.
//! Busy time is at least each request's own latency at single-stream speed,
//! and at least the platform's billing minimum per request.

use super::{PerQuery, ServingCost};

/// How the platform bills.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Platform {
    /// Per-second price relative to the instance's on-demand price.
    pub price_premium: f64,
    pub idle_timeout_s: f64,
    pub cold_start_s: f64,
    /// Least billed seconds of a request.
    pub billing_minimum_s: f64,
}

/// One hour: `requests` requests needing `busy_s` worker-seconds batched,
/// each billed at least `per_request_s`.
fn hour(requests: f64, busy_s: f64, per_request_s: f64, p: &Platform) -> (f64, f64) {
    if requests <= 0.0 {
        return (0.0, 0.0);
    }
    let busy_s = busy_s.max(requests * per_request_s);
    let rate = requests / 3_600.0;
    let p_cold = libm::exp(-rate * p.idle_timeout_s);
    let warm = (requests * (1.0 - p_cold) / rate).min((3_600.0 - busy_s).max(0.0));
    (busy_s, warm + requests * p_cold * p.cold_start_s)
}

/// A month of `hourly_queries`, each bringing `q`.
pub fn month(hourly_queries: &[f64], q: PerQuery, usd_per_hour: f64, p: &Platform) -> ServingCost {
    let usd_per_s = usd_per_hour * p.price_premium / 3_600.0;
    // A call's own latency, or the platform's minimum if longer.
    let latency_s_per_call = if q.calls > 0.0 {
        q.latency_h * 3_600.0 / q.calls
    } else {
        0.0
    };
    let per_request_s = latency_s_per_call.max(p.billing_minimum_s);
    let (mut busy, mut idle) = (0.0, 0.0);
    for &queries in hourly_queries {
        let (b, i) = hour(
            queries * q.calls,
            queries * q.busy_h * 3_600.0,
            per_request_s,
            p,
        );
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
    use super::{PerQuery, Platform};

    const PLATFORM: Platform = Platform {
        price_premium: 1.0,
        idle_timeout_s: 60.0,
        cold_start_s: 20.0,
        billing_minimum_s: 0.0,
    };

    fn two_seconds() -> PerQuery {
        PerQuery {
            busy_h: 2.0 / 3_600.0,
            latency_h: 2.0 / 3_600.0,
            calls: 1.0,
        }
    }

    #[test]
    fn five_requests_an_hour_pay_for_seconds_not_hours() {
        // 5 requests of 2 s each, 60 s timeout, 20 s cold starts.
        let cost = super::month(&[5.0], two_seconds(), 3_600.0, &PLATFORM);
        // λτ = 5/3600·60 ≈ 0.083: nearly every request starts cold.
        assert!(cost.total_usd() < 5.0 * (2.0 + 60.0 + 20.0));
        assert!(cost.total_usd() > 5.0 * 2.0);
        assert_eq!(
            super::month(&[0.0], two_seconds(), 3_600.0, &PLATFORM).total_usd(),
            0.0
        );
    }

    /// Five requests an hour of 0.03 s batched work but 6 s alone, on a
    /// platform billing at least 10 s a request: 50 busy seconds billed.
    #[test]
    fn each_request_bills_its_latency_or_the_minimum() {
        let q = PerQuery {
            busy_h: 0.03 / 3_600.0,
            latency_h: 6.0 / 3_600.0,
            calls: 1.0,
        };
        let alone = super::month(&[5.0], q, 3_600.0, &PLATFORM);
        assert!((alone.busy_usd - 30.0).abs() < 1e-12);
        let minimum = Platform {
            billing_minimum_s: 10.0,
            ..PLATFORM
        };
        assert!((super::month(&[5.0], q, 3_600.0, &minimum).busy_usd - 50.0).abs() < 1e-12);
    }
}
