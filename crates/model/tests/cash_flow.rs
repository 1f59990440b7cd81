//! Cash flow beside the amortised month: month one, the peak month, and
//! P(any month over budget), by hand from the fields' meaning.

mod common;

use burnrate_model::simulate;
use common::{deterministic, managed_prompt_only};

#[test]
fn month_one_and_the_peak_month_follow_growth_and_fixed_costs() {
    // 10,000 queries a day of 1,000 tokens at $2.50/M: 10,000 × 730/24 × $0.0025
    // = $760.42 of tokens in month one, growing 10% a month over 3 months,
    // plus $1,000 of monitoring every month.
    let mut s = deterministic(10_000.0, managed_prompt_only("gpt-4o", 1_000.0));
    s.workload.monthly_growth = 0.1;
    s.horizon_months = 3;
    s.architectures[0].overheads.monitoring_usd_per_month = 1_000.0;
    s.monthly_budget_usd = 1_850.0;
    s.trials = 500;
    let tokens = 10_000.0 * 730.0 / 24.0 * 1_000.0 * 2.5e-6;
    let (first, peak) = (tokens + 1_000.0, tokens * 1.21 + 1_000.0);
    let a = &simulate(&s).unwrap().architectures[0];
    // The month's query count is Poisson-like: ±0.2% (one SD) around its mean.
    assert!(
        (a.first_month_usd.mean - first).abs() < 0.005 * first,
        "{} vs {first}",
        a.first_month_usd.mean
    );
    assert!(
        (a.peak_month_usd.mean - peak).abs() < 0.005 * peak,
        "{} vs {peak}",
        a.peak_month_usd.mean
    );
    // The average month (1 + 1.1 + 1.21)/3 of tokens stays under the $1,850
    // budget, the third month ($1,920) does not.
    assert!(a.monthly_usd.mean < 1_850.0 && peak > 1_850.0);
    assert_eq!(a.p_over_budget, 0.0);
    assert_eq!(a.p_any_month_over_budget, 1.0);
    // Cumulative spend $1,760, $3,597, $5,517 stays under $1,850, $3,700, $5,550…
    assert_eq!(a.cumulative_over_budget_month, None);
    // …and first passes $1,780 a month in month two ($3,597 > $3,560).
    s.monthly_budget_usd = 1_780.0;
    let a = &simulate(&s).unwrap().architectures[0];
    assert_eq!(a.cumulative_over_budget_month, Some(2));
}

#[test]
fn upfront_work_lands_in_month_one() {
    let mut s = burnrate_model::presets::text_to_sql();
    s.trials = 300;
    let r = simulate(&s).unwrap();
    let ft = r
        .architectures
        .iter()
        .find(|a| a.id == "fine_tuned")
        .unwrap();
    // Curation and the first sweep make month one far dearer than an average month.
    assert!(ft.first_month_usd.mean > 2.0 * ft.monthly_usd.mean);
    assert!(ft.peak_month_usd.mean >= ft.first_month_usd.mean);
    assert!(ft.p_any_month_over_budget >= ft.p_over_budget);
}

/// The TCO chart's bars: each month's mean spend, month one with its upfront
/// work, adding up to the cumulative line and averaging to the mean month.
#[test]
fn monthly_spend_adds_up_to_the_cumulative_tco_and_the_average_month() {
    let mut s = burnrate_model::presets::text_to_sql();
    s.trials = 300;
    let r = simulate(&s).unwrap();
    for a in &r.architectures {
        let months = &a.monthly_spend_usd;
        assert_eq!(months.len(), s.horizon_months as usize);
        let total: f64 = months.iter().sum();
        let last = *a.cumulative_tco_usd.last().unwrap();
        assert!((total - last).abs() <= 1e-9 * last, "{}", a.id);
        let average = total / f64::from(s.horizon_months);
        assert!(
            (average - a.monthly_usd.mean).abs() <= 1e-9 * average,
            "{}",
            a.id
        );
        let first = months[0];
        assert!(
            (first - a.first_month_usd.mean).abs() <= 1e-9 * first,
            "{}",
            a.id
        );
    }
}
