//! Dated price changes (genai-prices' `from` rules): the scenario's start
//! month says which price is in force on each day of the horizon; without
//! one the model is refused, never priced as if its prices did not change.

mod common;

use burnrate_model::catalog::{ModelPrice, PriceRule};
use burnrate_model::scenario::Serving;
use burnrate_model::{Prepared, Scenario, presets, simulate};

/// A promotional price that doubles on 2027-01-01 (as genai-prices lists
/// Gemini 3.6 Flash: $0.75 / $3.75 per 1M, then $1.50 / $7.50).
fn promo() -> ModelPrice {
    common::promo("2027-01-01")
}

/// Runaway-agent's architectures (both on a managed API) on the promo model.
fn on_promo(start: Option<&str>, months: u32) -> Scenario {
    let mut s = presets::runaway_agent();
    s.trials = 2_000;
    s.start_month = start.map(str::to_owned);
    s.horizon_months = months;
    s.catalog.models.push(promo());
    for a in &mut s.architectures {
        if let Serving::ManagedApi(api) = &mut a.serving {
            api.model = "promo".into();
        }
    }
    s
}

fn tokens_usd(s: &Scenario) -> (f64, f64) {
    let r = simulate(s).unwrap();
    let b = &r.architectures[1].breakdown_usd;
    (
        b.get(burnrate_model::Component::InputTokens),
        b.get(burnrate_model::Component::OutputTokens),
    )
}

#[test]
fn the_price_in_force_on_the_first_day_applies() {
    let m = promo();
    // The year before the change: the promotional price, rules gone.
    let before = m.in_force(Some("2026-01"), 12);
    assert_eq!(
        (before.usd_per_m_input, before.usd_per_m_output),
        (0.75, 3.75)
    );
    assert!(before.rules.is_empty());
    // From the change: the new price.
    let after = m.in_force(Some("2027-01"), 12);
    assert_eq!(
        (
            after.usd_per_m_input,
            after.usd_per_m_cached_input,
            after.usd_per_m_output
        ),
        (1.5, 0.15, 7.5)
    );
    // Across it: the first day's price (the engine prices the change in a
    // period of its own). Without a start: unchanged, so refused when priced.
    let across = m.in_force(Some("2026-06"), 12);
    assert_eq!((across.usd_per_m_input, across.rules.len()), (0.75, 0));
    assert_eq!(m.in_force(None, 12), m);
    // A daily window stays (DeepSeek's off-peak hours).
    let mut windowed = promo();
    windowed.rules.push(PriceRule {
        from: None,
        utc_start_hour: Some(16.5),
        utc_end_hour: Some(0.5),
        usd_per_m_input: 0.1,
        usd_per_m_cached_input: 0.01,
        usd_per_m_output: 0.4,
    });
    assert_eq!(windowed.in_force(Some("2027-03"), 6).rules.len(), 1);
}

/// Every token price doubles on 2027-01-01, so a horizon that starts then
/// costs exactly twice the tokens of the same draws a year earlier.
#[test]
fn a_year_after_the_change_the_tokens_cost_twice_as_much() {
    let (in_before, out_before) = tokens_usd(&on_promo(Some("2026-01"), 12));
    let (in_after, out_after) = tokens_usd(&on_promo(Some("2027-01"), 12));
    assert!(in_before > 0.0 && out_before > 0.0);
    // Means are summed in fixed point (stats.rs): equal to parts in 10^8.
    assert!(
        (in_after / in_before - 2.0).abs() < 1e-7,
        "{in_after} {in_before}"
    );
    assert!(
        (out_after / out_before - 2.0).abs() < 1e-7,
        "{out_after} {out_before}"
    );
}

#[test]
fn without_a_start_the_model_is_refused_with_its_reason() {
    let e = Prepared::new(&on_promo(None, 12)).unwrap_err().to_string();
    assert!(
        e.contains("architectures[0].serving.model")
            && e.contains("promo's price changes on 2027-01-01")
            && e.contains("start month"),
        "{e}"
    );
    let mut s = on_promo(Some("2027-13"), 12);
    s.start_month = Some("2027-13".into());
    let e = Prepared::new(&s).unwrap_err().to_string();
    assert!(e.contains("start_month") && e.contains("YYYY-MM"), "{e}");
}

/// Growth of month m (0-based) of runaway-agent: (1 + 3%)^m.
fn grown(m: usize) -> f64 {
    1.03_f64.powi(m as i32)
}

/// The promotion ends on 2027-01-01, six months into a year from 2026-07:
/// the average month's tokens cost Σ g^m·c_m / Σ g^m times the promo
/// price's, with c_m = 1 for the six months before and 2 for those after
/// (every token price doubles), on the same draws.
#[test]
fn a_promotion_ending_mid_horizon_prices_each_month_at_its_price() {
    let (in_promo, out_promo) = tokens_usd(&on_promo(Some("2026-01"), 12));
    let (in_mid, out_mid) = tokens_usd(&on_promo(Some("2026-07"), 12));
    let total: f64 = (0..12).map(grown).sum();
    let expected = (0..12)
        .map(|m| grown(m) * if m < 6 { 1.0 } else { 2.0 })
        .sum::<f64>()
        / total;
    assert!((expected - 1.5).abs() < 0.1, "{expected}");
    assert!(
        (in_mid / in_promo - expected).abs() < 1e-7,
        "{in_mid} {in_promo} {expected}"
    );
    assert!((out_mid / out_promo - expected).abs() < 1e-7);
}

/// A change on the 17th: January 2027 has 16 days at the promo price and
/// 15 at twice it, so that month's tokens cost (16 + 2·15)/31 of the promo's.
#[test]
fn a_change_mid_month_splits_that_month_by_its_days() {
    let mut s = on_promo(Some("2026-07"), 12);
    s.catalog.models.last_mut().unwrap().rules[0].from = Some("2027-01-17".into());
    let (in_mid, _) = tokens_usd(&s);
    let (in_promo, _) = tokens_usd(&on_promo(Some("2026-01"), 12));
    let c = |m: usize| match m {
        0..6 => 1.0,
        6 => (16.0 + 2.0 * 15.0) / 31.0,
        _ => 2.0,
    };
    let total: f64 = (0..12).map(grown).sum();
    let expected = (0..12).map(|m| grown(m) * c(m)).sum::<f64>() / total;
    assert!(
        (in_mid / in_promo - expected).abs() < 1e-7,
        "{in_mid} {in_promo} {expected}"
    );
}

/// The TCO bars and month-one/peak figures price each month at its own
/// prices: before the change a month costs what it costs in a horizon
/// wholly before it; after, what it costs in one wholly after it.
#[test]
fn each_month_of_the_tco_costs_what_its_prices_say() {
    let spend = |start: &str| {
        simulate(&on_promo(Some(start), 12)).unwrap().architectures[1]
            .monthly_spend_usd
            .clone()
    };
    let mid = spend("2026-07");
    let wholly_before = {
        let mut s = on_promo(Some("2026-07"), 12);
        s.catalog.models.last_mut().unwrap().rules[0].from = Some("2099-01-01".into());
        simulate(&s).unwrap().architectures[1]
            .monthly_spend_usd
            .clone()
    };
    let wholly_after = {
        let mut s = on_promo(Some("2026-07"), 12);
        s.catalog.models.last_mut().unwrap().rules[0].from = Some("2000-01-01".into());
        simulate(&s).unwrap().architectures[1]
            .monthly_spend_usd
            .clone()
    };
    for m in 0..12 {
        let want = if m < 6 {
            wholly_before[m]
        } else {
            wholly_after[m]
        };
        assert!(
            (mid[m] / want - 1.0).abs() < 1e-7,
            "month {}: {} against {want}",
            m + 1,
            mid[m]
        );
    }
    // Tokens are most of the spend: the step at the change is far more than growth.
    assert!(mid[6] > 1.3 * mid[5], "{mid:?}");
    // The average month is the average of those months.
    let r = simulate(&on_promo(Some("2026-07"), 12)).unwrap();
    let average = mid.iter().sum::<f64>() / 12.0;
    assert!((r.architectures[1].monthly_usd.mean / average - 1.0).abs() < 1e-7);
    // The costliest month is after the change.
    let a = &r.architectures[1];
    assert!(a.peak_month_usd.mean > a.first_month_usd.mean * 1.3);
}

/// More changes inside the horizon than the engine prices are refused at
/// the model, with the dates.
#[test]
fn more_than_three_changes_inside_the_horizon_are_refused() {
    let mut s = on_promo(Some("2026-07"), 12);
    let m = s.catalog.models.last_mut().unwrap();
    let rule = m.rules[0].clone();
    m.rules = ["2026-08-01", "2026-09-01", "2026-10-01", "2026-11-01"]
        .iter()
        .map(|d| PriceRule {
            from: Some((*d).into()),
            ..rule.clone()
        })
        .collect();
    let e = Prepared::new(&s).unwrap_err();
    assert_eq!(e.field(), "architectures[0].serving.model");
    assert!(e.to_string().contains("more than 3 times"), "{e}");
    // Three are priced.
    s.catalog.models.last_mut().unwrap().rules.pop();
    assert!(Prepared::new(&s).is_ok());
}

/// Two own entries of one id are refused: the last would price the
/// scenario, the first be kept by a link and shown by the editor.
#[test]
fn an_own_id_given_twice_is_refused() {
    let mut s = presets::knowledge_base();
    let shipped = burnrate_model::catalog::Catalog::shipped();
    let m = shipped.model("m", "openai/gpt-5.4").unwrap().clone();
    s.catalog.models = vec![
        ModelPrice {
            usd_per_m_output: 99.0,
            ..m.clone()
        },
        m,
    ];
    let e = Prepared::new(&s).unwrap_err();
    assert_eq!(e.field(), "catalog.models[1].id");
    assert!(e.to_string().contains("appears twice"), "{e}");
}

/// A link's entry this catalog does not know keeps its prices and says
/// where they came from.
#[test]
fn an_entry_carried_by_a_link_and_unknown_here_says_so() {
    let shipped = burnrate_model::catalog::Catalog::shipped();
    let s = presets::text_to_sql();
    let pinned = burnrate_model::pin::pinned(&s, &shipped);
    let mut without = shipped.clone();
    without.models.retain(|m| m.id != "openai/gpt-5.4");
    let opened = burnrate_model::pin::unpinned(&pinned, &without);
    let kept: Vec<_> = opened
        .catalog
        .models
        .iter()
        .map(|m| (m.id.as_str(), m.source.as_str()))
        .collect();
    assert_eq!(kept, [("openai/gpt-5.4", burnrate_model::pin::CARRIED)]);
}

/// Idle-gpu's dedicated instance at 200,000 queries a day spills to its
/// fallback API, whose price doubles on 2027-01-01 (start 2026-07, no
/// growth). The fleet files the fallback as partly fixed (horizon.rs), so
/// the fixed part must follow the price too: the fallback averages 1.5 times
/// a year wholly at the promo price, and each month costs what a horizon
/// wholly before or after the change says.
#[test]
fn a_fleets_dated_fallback_is_priced_by_period_too() {
    let fleet = |from: &str| {
        let mut s = presets::idle_gpu();
        s.trials = 300;
        s.workload.queries_per_day = burnrate_model::Dist::fixed(200_000.0);
        s.start_month = Some("2026-07".into());
        let mut m = promo();
        m.rules[0].from = Some(from.into());
        s.catalog.models.push(m);
        if let Serving::SelfHosted(h) = &mut s.architectures[0].serving {
            h.fallback_model = "promo".into();
        }
        simulate(&s).unwrap().architectures[0].clone()
    };
    let (mid, before, after) = (
        fleet("2027-01-01"),
        fleet("2099-01-01"),
        fleet("2000-01-01"),
    );
    let fallback = |a: &burnrate_model::results::ArchSummary| {
        a.breakdown_usd.get(burnrate_model::Component::Fallback)
    };
    assert!(fallback(&before) > 0.0);
    assert!((fallback(&after) / fallback(&before) - 2.0).abs() < 1e-7);
    assert!(
        (fallback(&mid) / fallback(&before) - 1.5).abs() < 1e-7,
        "{} {}",
        fallback(&mid),
        fallback(&before)
    );
    for m in 0..12 {
        let want = if m < 6 { &before } else { &after }.monthly_spend_usd[m];
        assert!(
            (mid.monthly_spend_usd[m] / want - 1.0).abs() < 1e-7,
            "month {}: {} against {want}",
            m + 1,
            mid.monthly_spend_usd[m]
        );
    }
    assert!((mid.peak_month_usd.mean / after.monthly_spend_usd[11] - 1.0).abs() < 1e-7);
}

/// Rules listed out of date order: the price in force is the latest dated on
/// or before the day, not the last listed.
#[test]
fn rules_in_any_order_give_the_price_in_force() {
    let mut m = promo();
    let mut triple = m.rules[0].clone();
    triple.from = Some("2027-03-01".into());
    triple.usd_per_m_input = 2.25;
    m.rules.insert(0, triple);
    let at = |day: &str| {
        m.at(burnrate_model::calendar::Date::parse(day).unwrap())
            .usd_per_m_input
    };
    assert_eq!(at("2026-12-31"), 0.75);
    assert_eq!(at("2027-01-01"), 1.5);
    assert_eq!(at("2027-02-28"), 1.5);
    assert_eq!(at("2027-03-01"), 2.25);
}
