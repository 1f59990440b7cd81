//! Committed-use pricing against hand calculations from the fields' meaning:
//! committed instances cost list × (1 − discount) every hour of the month,
//! whatever they do; other instance hours cost the on-demand list price.

mod common;

use burnrate_model::scenario::*;
use burnrate_model::{Component, Dist, simulate};
use common::{deterministic, self_hosted};

/// AWS g5.2xlarge on-demand list price in the shipped catalog, $/hour.
const LIST: f64 = 1.212;
/// Hours in the simulated month.
const HOURS: f64 = 730.0;

fn three_years(instances: u32) -> Option<Commitment> {
    Some(Commitment {
        instances,
        term_years: 3,
        discount: 0.4,
    })
}

/// Mean month and its GPU components.
fn month(s: &burnrate_model::Scenario) -> (f64, f64) {
    let r = simulate(s).unwrap();
    let a = &r.architectures[0];
    let gpu = a.breakdown_usd[Component::GpuBusy] + a.breakdown_usd[Component::GpuIdle];
    (a.monthly_usd.mean, gpu)
}

#[test]
fn a_dedicated_fleet_pays_committed_hours_at_the_discount() {
    // Four instances, three committed at 40% off, no traffic: every hour is paid.
    let s = deterministic(
        0.0,
        self_hosted(Hosting::Dedicated { instances: 4 }, three_years(3)),
    );
    let expected = HOURS * (3.0 * LIST * 0.6 + 1.0 * LIST);
    let (mean, gpu) = month(&s);
    assert!((mean - 2_477.328).abs() < 1e-6, "{mean}");
    assert!((mean - expected).abs() < 1e-9 * expected);
    assert!((gpu - mean).abs() < 1e-9 * mean);
    // Without the commitment: four instances at list price.
    let s = deterministic(0.0, self_hosted(Hosting::Dedicated { instances: 4 }, None));
    assert!((month(&s).0 - HOURS * 4.0 * LIST).abs() < 1e-9);
}

#[test]
fn an_autoscaled_fleet_keeps_its_committed_floor_and_buys_the_rest_on_demand() {
    let hosting = Hosting::Autoscaled {
        min_instances: 0,
        max_instances: 4,
        cold_start_minutes: 0.0,
    };
    // No traffic: the two committed instances are paid every hour, nothing else.
    let s = deterministic(0.0, self_hosted(hosting.clone(), three_years(2)));
    let (mean, _) = month(&s);
    assert!((mean - HOURS * 2.0 * LIST * 0.6).abs() < 1e-9, "{mean}");
    assert!((mean - 1_061.712).abs() < 1e-6);

    // 9,000 queries an hour, each 1,200 output tokens at 1,200 tokens/s (one
    // busy second): 2.5 instances of work, so 3 run every hour (the hour's
    // Poisson noise, ±0.03 instances, never reaches 2 or 3.0). Two are the
    // commitment, the third is on demand.
    let mut s = deterministic(216_000.0, self_hosted(hosting.clone(), three_years(2)));
    let w = &mut s.workload;
    (w.business_start_hour, w.business_end_hour) = (9, 17);
    w.business_hours_share = 8.0 / 24.0;
    w.weekend_factor = 1.0;
    w.output_tokens.mean_tokens = Dist::fixed(1_200.0);
    let expected = HOURS * (2.0 * LIST * 0.6 + 1.0 * LIST);
    let (mean, gpu) = month(&s);
    assert!((mean - 1_946.472).abs() < 1e-6, "{mean}");
    assert!((mean - expected).abs() < 1e-9 * expected);
    assert!((gpu - mean).abs() < 1e-9 * mean);
    // The same fleet all on demand: three instances at list price.
    if let Serving::SelfHosted(h) = &mut s.architectures[0].serving {
        h.commitment = None;
    }
    assert!((month(&s).0 - HOURS * 3.0 * LIST).abs() < 1e-6);
}

#[test]
fn commitments_are_validated_against_the_fleet() {
    let too_many = deterministic(
        0.0,
        self_hosted(Hosting::Dedicated { instances: 2 }, three_years(3)),
    );
    let e = simulate(&too_many).unwrap_err().to_string();
    assert!(e.contains("commitment.instances"), "{e}");
    let serverless = deterministic(
        0.0,
        self_hosted(
            Hosting::Serverless {
                price_premium: 2.0,
                idle_timeout_s: 60.0,
                cold_start_s: 20.0,
                billing_minimum_s: 0.0,
            },
            three_years(1),
        ),
    );
    assert!(simulate(&serverless).is_err());
}
