//! When to add units over a growing horizon (`capacity_plan`): each step
//! against every unit count tried by brute force, against the search on a
//! scenario whose volume is the step's, and a month alone by hand.
//!
//! The scenario (`common::provisioned_flat`): 1,000 input and 100 output
//! tokens a call at $1 a million ($0.0011 a call), calls weighing 1,600
//! tokens on units of 16,000 tokens a minute (10 calls a minute) at $0.20
//! a unit-hour: a unit busy all hour would serve $0.66 of calls, so units
//! undercut pay-as-you-go where they are kept busy.

mod common;

use burnrate_model::Scenario;
use burnrate_model::capacity_search::{
    Base, Buy, Limits, When, evaluate, evaluate_at, for_architecture, search,
};
use burnrate_model::levers::provisioned::Overflow;
use burnrate_model::scenario::Serving;
use common::provisioned_flat;

const TRIALS: u32 = 100;

/// 200,000 calls a day in business hours, bursty, growing 10% a month
/// over a year; its own units start at 5 (the lattice: 5, 6, 7…).
fn growing() -> Scenario {
    let mut s = provisioned_flat(200_000.0, 5, 16_000.0, Overflow::Spill);
    s.workload.hourly_burst_cv = 0.4;
    s.workload.monthly_growth = 0.1;
    s.horizon_months = 12;
    s.trials = TRIALS;
    let Serving::ManagedApi(api) = &mut s.architectures[0].serving else {
        unreachable!()
    };
    api.provisioned.as_mut().unwrap().usd_per_unit_hour = 0.2;
    s
}

fn base(s: &Scenario) -> Base {
    let Serving::ManagedApi(api) = &s.architectures[0].serving else {
        unreachable!()
    };
    Base::Provisioned(api.provisioned.clone().unwrap())
}

fn own_price(units: u32) -> Buy {
    Buy {
        units,
        term: if units == 0 {
            "pay-as-you-go".into()
        } else {
            "own price".into()
        },
        usd_per_unit_hour: if units == 0 { 0.0 } else { 0.2 },
    }
}

const LIMITS: Limits = Limits {
    max_spill_share: Some(0.02),
    max_throttle_share: None,
    confidence: 0.9,
};

/// Without growth, a month alone is the horizon's average month: the same
/// bits (the same draws at the same volume).
#[test]
fn a_month_alone_without_growth_is_the_average_month() {
    let mut s = growing();
    s.workload.monthly_growth = 0.0;
    for units in [0, 40] {
        let average = evaluate(&s, 0, &base(&s), &own_price(units), &LIMITS, TRIALS).unwrap();
        let month = When::Month(7);
        let alone = evaluate_at(&s, 0, &base(&s), &own_price(units), &LIMITS, TRIALS, month);
        assert_eq!(average, alone.unwrap(), "{units} units");
    }
    // And no plan is made: every month is the same.
    let found = for_architecture(&s, "prompt_only", None, None, &LIMITS, 20, &mut |_| {});
    assert_eq!(found.unwrap().plan, None);
}

/// Month 3 alone by hand, pay-as-you-go without bursts (hours Poisson):
/// 200,000 calls a day × 730/24 days × 1.1² × $0.0011. The month's total
/// is Poisson: its relative standard error over the trials is
/// 1/√(calls × trials); 4 of them.
#[test]
fn a_month_alone_is_that_month_s_volume_by_hand() {
    let mut s = growing();
    s.workload.hourly_burst_cv = 0.0;
    let got = evaluate_at(
        &s,
        0,
        &base(&s),
        &own_price(0),
        &LIMITS,
        TRIALS,
        When::Month(3),
    )
    .unwrap();
    let calls = 200_000.0 * 730.0 / 24.0 * 1.1f64.powi(2);
    let want = calls * 0.0011;
    let tolerance = 4.0 * want / (calls * f64::from(TRIALS)).sqrt();
    assert!(
        (got.mean_usd - want).abs() <= tolerance,
        "{} against {want} ± {tolerance}",
        got.mean_usd
    );
}

/// Each step holds the cheapest count within the limits of every count
/// at or above what the step before held (and pay-as-you-go while none
/// are held), tried one by one at its month; counts never fall, and the
/// growth makes the plan add some. Under a tight limit the cheapest is
/// the fewest units within it; under a loose one, more units than that
/// (the mean cost's lowest point). Checked to fail when a step stops at
/// the fewest units within the limits.
#[test]
fn each_step_is_the_cheapest_count_within_the_limits() {
    let loose = Limits {
        max_spill_share: Some(0.3),
        ..LIMITS
    };
    for limits in [LIMITS, loose] {
        cheapest_at_every_step(&limits);
    }
}

fn cheapest_at_every_step(limits: &Limits) {
    let s = growing();
    let found = for_architecture(&s, "prompt_only", None, None, limits, TRIALS, &mut |_| {});
    let plan = found.unwrap().plan.expect("a growing horizon is planned");
    assert_eq!(plan.every_months, 3);
    assert_eq!(plan.term, "own price");
    let months: Vec<(u32, u32)> = plan.steps.iter().map(|p| (p.month, p.until)).collect();
    assert_eq!(months, [(1, 3), (4, 6), (7, 9), (10, 12)]);
    let mut held = 0;
    for step in &plan.steps {
        let chosen = &step.option;
        assert!(chosen.units >= held, "{chosen:?} below {held}");
        assert!(chosen.meets_limits, "{chosen:?}");
        let when = When::Month(step.until);
        let again = evaluate_at(
            &s,
            0,
            &base(&s),
            &own_price(chosen.units),
            limits,
            TRIALS,
            when,
        );
        assert_eq!(&again.unwrap(), chosen);
        let from = if held == 0 { 0 } else { held };
        for units in (from..=chosen.units + 25).filter(|u| *u == 0 || *u >= 5) {
            let o = evaluate_at(&s, 0, &base(&s), &own_price(units), limits, TRIALS, when);
            let o = o.unwrap();
            if o.meets_limits {
                assert!(
                    chosen.mean_usd <= o.mean_usd,
                    "month {}: {} units at {} beaten by {units} at {}",
                    step.until,
                    chosen.units,
                    chosen.mean_usd,
                    o.mean_usd
                );
            }
        }
        held = chosen.units;
    }
    let (first, last) = (&plan.steps[0].option, &plan.steps[3].option);
    assert!(first.units > 0 && last.units > first.units, "{plan:?}");
}

/// A step is what the average month's search finds on a scenario without
/// growth whose volume is the step's month's (1.1⁵ for month 6): its
/// units cost the same there, and the grid's best is no cheaper.
#[test]
fn a_step_is_the_search_on_a_scenario_at_its_volume() {
    let s = growing();
    let found = for_architecture(&s, "prompt_only", None, None, &LIMITS, TRIALS, &mut |_| {});
    let step = found.unwrap().plan.unwrap().steps[1].clone();
    assert_eq!(step.until, 6);
    let mut at = s.clone();
    at.workload.monthly_growth = 0.0;
    at.workload.queries_per_day = burnrate_model::Dist::fixed(200_000.0 * 1.1f64.powi(5));
    let there = evaluate(
        &at,
        0,
        &base(&at),
        &own_price(step.option.units),
        &LIMITS,
        TRIALS,
    );
    let there = there.unwrap();
    let close = |a: f64, b: f64| (a - b).abs() <= 1e-9 * b.abs().max(1.0);
    assert!(
        close(there.mean_usd, step.option.mean_usd),
        "{there:?} {step:?}"
    );
    assert!(close(there.p_over_limit, step.option.p_over_limit));
    let grid = search(
        &at,
        "prompt_only",
        &base(&at),
        &[own_price(1)],
        5,
        1,
        None,
        &LIMITS,
        TRIALS,
        When::Average,
        &mut |_| {},
    )
    .unwrap();
    let best = grid.best.unwrap();
    assert!(
        step.option.mean_usd <= best.mean_usd * (1.0 + 1e-9),
        "{step:?} beaten by the grid's {best:?}"
    );
}
