//! Value stability: a seed gives exactly the recorded numbers, natively and in
//! WASM (scripts/test.sh runs this file under wasm-bindgen-test-runner too): the
//! goldens are the native numbers, so passing in WASM means the same bits. A
//! change that moves them must be deliberate: rerun natively with
//! BURNRATE_BLESS=1 to record the new ones, and say why in the commit.

use burnrate_model::{presets, simulate};

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

fn check(id: &str, golden: &str) {
    let mut s = presets::preset(id).unwrap();
    s.trials = 1_000;
    let json = serde_json::to_string_pretty(&simulate(&s).unwrap()).unwrap() + "\n";
    #[cfg(not(target_arch = "wasm32"))]
    if std::env::var_os("BURNRATE_BLESS").is_some() {
        let path = format!("{}/tests/golden/{id}.json", env!("CARGO_MANIFEST_DIR"));
        std::fs::write(&path, &json).unwrap();
        return;
    }
    assert!(
        golden == json,
        "{id}: results differ from tests/golden/{id}.json (BURNRATE_BLESS=1 records them)"
    );
}

#[test]
fn knowledge_base_gives_the_recorded_numbers() {
    check("knowledge-base", include_str!("golden/knowledge-base.json"));
}

#[test]
fn text_to_sql_gives_the_recorded_numbers() {
    check("text-to-sql", include_str!("golden/text-to-sql.json"));
}

#[test]
fn runaway_agent_gives_the_recorded_numbers() {
    check("runaway-agent", include_str!("golden/runaway-agent.json"));
}

/// The autoscaled hour loop runs as WASM SIMD in the page and scalar
/// natively: an overloaded hour counts only its served requests busy in
/// both (issue 28). At most 2 instances at 80% and hours of 2.0 and 1.0
/// instance-hours of work (then 1.2 and 0.6, odd and even lanes swapped):
/// busy 1.6 + 1.0 of 2 + 2 paid instance-hours.
#[test]
fn an_overloaded_autoscaled_hour_is_busy_with_its_served_requests_only() {
    use burnrate_model::levers::serving::PerQuery;
    use burnrate_model::levers::serving::autoscaled::{Fleet, month};
    let q = PerQuery {
        busy_h: 1.0 / 3_600.0,
        latency_h: 1.0 / 3_600.0,
        calls: 1.0,
    };
    let fleet = Fleet {
        min_instances: 0,
        max_instances: 2,
        cold_start_minutes: 0.0,
        usd_per_hour: 1.0,
        max_utilization: 0.8,
    };
    let cost = month(&[7_200.0, 3_600.0, 3_600.0, 7_200.0], q, fleet, None);
    assert_eq!(cost.overloaded_hours, 2.0);
    assert!(
        (cost.utilization - 5.2 / 8.0).abs() < 1e-12,
        "{}",
        cost.utilization
    );
}

/// Month one and the last month in one pass over the hours give what two
/// passes give, to the bit, natively and in WASM SIMD: an odd number of
/// hours, some overloaded in one month and not the other, a floor of one.
#[test]
fn both_months_in_one_pass_are_two_single_months() {
    use burnrate_model::levers::serving::PerQuery;
    use burnrate_model::levers::serving::autoscaled::{Fleet, month, months};
    let q = PerQuery {
        busy_h: 0.7 / 3_600.0,
        latency_h: 2.3 / 3_600.0,
        calls: 1.3,
    };
    let fleet = Fleet {
        min_instances: 1,
        max_instances: 3,
        cold_start_minutes: 4.0,
        usd_per_hour: 1.7,
        max_utilization: 0.8,
    };
    let hourly: Vec<f64> = (0..731)
        .map(|h| f64::from(h % 37) * 401.3 + f64::from(h % 5))
        .collect();
    let last = q.times(1.42);
    let both = months(&hourly, [q, last], fleet, None);
    let one = [
        month(&hourly, q, fleet, None),
        month(&hourly, last, fleet, None),
    ];
    assert_eq!(both, one);
    assert!(one[0].overloaded_hours < one[1].overloaded_hours);
    assert!(one[0].overloaded_hours > 0.0);
}

/// The same for fleets sized to the busiest hour (one pass, two months).
#[test]
fn both_sized_to_peak_months_in_one_pass_are_two_single_months() {
    use burnrate_model::levers::serving::PerQuery;
    use burnrate_model::levers::serving::dedicated::{sized_to_peak, sized_to_peak_months};
    let q = PerQuery {
        busy_h: 0.7 / 3_600.0,
        latency_h: 2.3 / 3_600.0,
        calls: 1.3,
    };
    let hourly: Vec<f64> = (0..731)
        .map(|h| f64::from(h % 37) * 401.3 + f64::from(h % 5))
        .collect();
    let last = q.times(1.42);
    let both = sized_to_peak_months(&hourly, [q, last], 1.7, 0.8, None);
    let one = [
        sized_to_peak(&hourly, q, 1.7, 0.8, None),
        sized_to_peak(&hourly, last, 1.7, 0.8, None),
    ];
    assert_eq!(both, one);
    assert!(one[0].instances < one[1].instances);
}
