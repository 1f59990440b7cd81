//! Capacity and growth against hand calculations from the fields' meaning.
//! All demand is served and paid for: a fleet sized to the busiest hour buys
//! whole instances for it; a fixed fleet (or an autoscaled one at its
//! maximum) sends the work above its planned capacity to the fallback API at
//! that API's list price. Growth raises the traffic, not the idle floor.
//!
//! The traffic is flat (every hour expects queries_per_day / 24) and each
//! query is 1,200 output tokens, one busy second on a g5.2xlarge serving a
//! 7B model (1,200 tokens/s): 3,600 queries an hour are one instance-hour.

mod common;

use burnrate_model::scenario::*;
use burnrate_model::{Component, Dist, Scenario, Summary, presets, simulate};
use common::{deterministic, self_hosted};

/// AWS g5.2xlarge on-demand list price in the shipped catalog, $/hour.
const LIST: f64 = 1.212;
/// Hours in the simulated month.
const HOURS: f64 = 730.0;
/// Llama 3.1 8B on Bedrock, $ per output token (the fallback API).
const FALLBACK_USD_PER_OUTPUT_TOKEN: f64 = 0.22 / 1e6;

/// Flat traffic bringing `instance_hours` instance-hours of work every hour.
fn flat(instance_hours: f64, hosting: Hosting) -> Scenario {
    let mut s = deterministic(instance_hours * 3_600.0 * 24.0, self_hosted(hosting, None));
    let w = &mut s.workload;
    (w.business_start_hour, w.business_end_hour) = (9, 17);
    w.business_hours_share = 8.0 / 24.0;
    w.weekend_factor = 1.0;
    w.output_tokens.mean_tokens = Dist::fixed(1_200.0);
    s
}

fn own(r: &Summary) -> &burnrate_model::results::ArchSummary {
    &r.architectures[0]
}

fn gpu(r: &Summary) -> f64 {
    let b = &own(r).breakdown_usd;
    b[Component::GpuBusy] + b[Component::GpuIdle]
}

fn close(got: f64, want: f64, rel: f64) -> bool {
    (got - want).abs() <= rel * want.abs()
}

/// One instance that never scales (minimum = maximum = 1) at 10% growth a
/// month: it costs 730 h × $1.212 = $884.76 in every month of the year,
/// month one and the last; growth did not multiply it (by 1.79 before).
#[test]
fn an_idle_floor_does_not_grow_with_traffic() {
    let hosting = Hosting::Autoscaled {
        min_instances: 1,
        max_instances: 1,
        cold_start_minutes: 0.0,
    };
    let mut s = flat(0.01, hosting);
    s.workload.monthly_growth = 0.10;
    s.horizon_months = 12;
    let r = simulate(&s).unwrap();
    let month = HOURS * LIST;
    assert!(close(gpu(&r), month, 1e-12), "{}", gpu(&r));
    assert!(close(own(&r).monthly_usd.mean, month, 1e-12));
    assert!(close(own(&r).first_month_usd.mean, month, 1e-12));
    assert!(close(own(&r).peak_month_usd.mean, month, 1e-12));
}

/// A fixed fleet of one instance receiving two instance-hours of work an
/// hour (7,200 queries, Poisson noise ±1.2% an hour, far from 1) serves one
/// and spills the other: half the work, at the fallback's price. The
/// instance is busy every hour it is paid for.
#[test]
fn a_fixed_fleet_spills_the_excess_to_the_fallback_at_its_price() {
    let s = flat(2.0, Hosting::Dedicated { instances: 1 });
    let r = simulate(&s).unwrap();
    let a = own(&r);
    let queries = 7_200.0 * HOURS;
    let all_work_at_fallback = queries * 1_200.0 * FALLBACK_USD_PER_OUTPUT_TOKEN;
    // The month's hours average out the noise: the spilled share is 0.5 to
    // a few parts in ten thousand.
    assert!(
        close(a.warnings.spilled_share, 0.5, 2e-3),
        "{}",
        a.warnings.spilled_share
    );
    assert!(close(
        a.breakdown_usd[Component::Fallback],
        0.5 * all_work_at_fallback,
        2e-3
    ));
    assert!(close(
        a.breakdown_usd[Component::GpuBusy],
        HOURS * LIST,
        1e-12
    ));
    assert!(a.breakdown_usd[Component::GpuIdle].abs() < 1e-9);
    assert_eq!(a.warnings.overloaded_hours_per_month, HOURS);
}

/// 1.5 instance-hours of work an hour: the busiest of 730 hours (±1.4% an
/// hour) never reaches 2, so the fleet sized to it is two instances; nothing
/// spills. Both are busy every hour: a query alone takes 1,200 tokens at the
/// A10G's 25 tokens/s, 48 s, and 5,400 of them an hour overlap (72
/// instance-hours of latencies). At 100 times the traffic the busiest hour
/// needs between 150 and 151 instances: 151.
#[test]
fn a_fleet_sized_to_the_busiest_hour_buys_whole_instances_for_it() {
    let r = simulate(&flat(1.5, Hosting::SizedToPeak)).unwrap();
    assert!(close(gpu(&r), 2.0 * HOURS * LIST, 1e-12), "{}", gpu(&r));
    let busy = own(&r).breakdown_usd[Component::GpuBusy];
    assert!(close(busy, 2.0 * HOURS * LIST, 1e-12), "{busy}");
    assert_eq!(own(&r).breakdown_usd[Component::Fallback], 0.0);
    assert_eq!(own(&r).warnings.overloaded_hours_per_month, 0.0);
    let r = simulate(&flat(150.0, Hosting::SizedToPeak)).unwrap();
    assert!(close(gpu(&r), 151.0 * HOURS * LIST, 1e-12), "{}", gpu(&r));
}

/// The same sized fleet over a year at 10% growth a month: month one needs
/// two instances; the last month brings 1.5 × 1.1^11 = 4.28 instance-hours
/// an hour (its busiest hour under 4.5), so five. Cash flow is exact in both.
#[test]
fn a_sized_fleet_grows_with_the_traffic_month_by_month() {
    let mut s = flat(1.5, Hosting::SizedToPeak);
    s.workload.monthly_growth = 0.10;
    s.horizon_months = 12;
    let r = simulate(&s).unwrap();
    let a = own(&r);
    assert!(close(a.first_month_usd.mean, 2.0 * HOURS * LIST, 1e-12));
    assert!(close(a.peak_month_usd.mean, 5.0 * HOURS * LIST, 1e-12));
    let last = *a.cumulative_tco_usd.last().unwrap();
    assert!(last > 12.0 * 2.0 * HOURS * LIST && last < 12.0 * 5.0 * HOURS * LIST);
}

/// The check: the knowledge base's self-hosted arms at 5,000,
/// 500,000 and 5,000,000 queries a day pay more for serving as they serve
/// more (GPU time, and the fallback API above an autoscaled maximum), and
/// their total grows with it.
#[test]
fn self_hosted_cost_grows_with_the_traffic_served() {
    let at = |qpd: f64| {
        let mut s = presets::knowledge_base();
        s.trials = 200;
        s.workload.queries_per_day = Dist::fixed(qpd);
        simulate(&s).unwrap()
    };
    let (low, mid, high) = (at(5_000.0), at(500_000.0), at(5_000_000.0));
    for id in ["fine_tuned", "hybrid"] {
        let arch = |r: &Summary| r.architectures.iter().find(|a| a.id == id).unwrap().clone();
        let serving = |r: &Summary| {
            let b = arch(r).breakdown_usd;
            b[Component::GpuBusy] + b[Component::GpuIdle] + b[Component::Fallback]
        };
        let total = |r: &Summary| arch(r).monthly_usd.mean;
        assert!(
            total(&low) < total(&mid) && total(&mid) < total(&high),
            "{id}"
        );
        assert!(serving(&mid) > 4.0 * serving(&low), "{id}");
        assert!(serving(&high) > 5.0 * serving(&mid), "{id}");
    }
}

/// Seed 002's chatbot: five queries an hour on a dedicated instance. Each
/// query here is 200 output tokens: batched, 1/6 s of the instance; alone at
/// the A10G's 25 tokens/s, 8 s. The instance is busy 5 × 8 = 40 s of each
/// hour, not 5/6 s: 40/3,600 of its bill is busy, the rest idle.
#[test]
fn a_lone_request_holds_the_instance_for_its_latency() {
    let mut s = flat(0.0, Hosting::Dedicated { instances: 1 });
    s.workload.output_tokens.mean_tokens = Dist::fixed(200.0);
    s.workload.queries_per_day = Dist::fixed(5.0 * 24.0);
    let r = simulate(&s).unwrap();
    let a = own(&r);
    // Poisson hours: E[busy] = 8 s × E[queries] = 40 s an hour (no hour's
    // latencies reach the hour). Over 730 × 200 hours the standard error is
    // 8·√5/√146,000 = 0.05 s: 1% is eight of them.
    let share = a.breakdown_usd[Component::GpuBusy] / (HOURS * LIST);
    assert!(close(share, 40.0 / 3_600.0, 0.01), "{share}");
    assert!(close(gpu(&r), HOURS * LIST, 1e-12));
}
