//! Monte Carlo means against closed forms, within four standard errors (the
//! standard error from the closed-form variance and the trial count: a false
//! alarm has probability about 6e-5).

mod common;

use burnrate_model::traffic::Profile;
use burnrate_model::{Dist, Prepared};
use common::{deterministic, managed_prompt_only};

#[test]
fn mean_monthly_cost_of_uncertain_bursty_traffic_matches_the_closed_form() {
    let mut s = deterministic(0.0, managed_prompt_only("gpt-4o", 1_000.0));
    let qpd = Dist::LogNormal {
        p5: 5_000.0,
        p95: 20_000.0,
    };
    s.workload.queries_per_day = qpd.clone();
    s.workload.hourly_burst_cv = 0.4;
    s.trials = 20_000;
    let price = 1_000.0 * 2.5e-6;
    let profile = Profile::new(&s.workload);
    let (sum, sum_sq) = (
        profile.expected_total(1.0),
        profile.sum_of_squared_weights(),
    );
    let (mean_q, var_q) = (qpd.mean(), qpd.variance());
    let cv2 = 0.4 * 0.4;
    // N | q has mean q·S and variance q·S + q²·cv²·S2.
    let mean_n = mean_q * sum;
    let var_n = sum * sum * var_q + mean_q * sum + (var_q + mean_q * mean_q) * cv2 * sum_sq;
    let (mean, se) = (price * mean_n, price * (var_n / f64::from(s.trials)).sqrt());

    let p = Prepared::new(&s).unwrap();
    let r = p.summarize(&p.run_chunk(0..u64::from(s.trials))).unwrap();
    let got = r.architectures[0].monthly_usd.mean;
    assert!((got - mean).abs() < 4.0 * se, "mean {got} vs {mean} ± {se}");
    // And the test can fail: a 2% error would be far outside the band.
    assert!(0.02 * mean > 4.0 * se);
}

#[test]
fn growth_averages_over_the_horizon() {
    let mut s = deterministic(10_000.0, managed_prompt_only("gpt-4o", 1_000.0));
    s.workload.monthly_growth = 0.1;
    s.horizon_months = 12;
    s.trials = 2_000;
    let r = burnrate_model::simulate(&s).unwrap();
    // A month is 730/24 average days (a year's 8,760 hours over 12).
    let days = 730.0 / 24.0;
    let g: f64 = (0..12).map(|m| 1.1f64.powi(m)).sum::<f64>() / 12.0;
    let expected = 10_000.0 * days * 1_000.0 * 2.5e-6 * g;
    let se = expected / (10_000.0 * days * f64::from(s.trials)).sqrt();
    let got = r.architectures[0].monthly_usd.mean;
    assert!(
        (got - expected).abs() < 4.0 * se,
        "{got} vs {expected} ± {se}"
    );
}

/// A month holds 730/24 average days whatever the shape of the week: with
/// weekends at a fifth of a weekday, the first 730 hours (four weeks and a
/// Monday and Tuesday) must not count those two weekdays in full.
#[test]
fn a_month_holds_730_over_24_average_days_of_traffic() {
    for weekend_factor in [0.2, 1.0, 3.0] {
        let mut s = deterministic(20_000.0, managed_prompt_only("gpt-4o", 1_000.0));
        s.workload.weekend_factor = weekend_factor;
        s.trials = 2_000;
        let r = burnrate_model::simulate(&s).unwrap();
        // $2.50 per million input tokens, 1,000 tokens a query.
        let expected = 20_000.0 * 730.0 / 24.0 * 1_000.0 * 2.5e-6;
        // Poisson hours: the month's count has variance equal to its mean.
        let se = expected / (20_000.0 * 730.0 / 24.0 * f64::from(s.trials)).sqrt();
        let got = r.architectures[0].monthly_usd.mean;
        assert!(
            (got - expected).abs() < 4.0 * se,
            "weekend {weekend_factor}: {got} vs {expected} ± {se}"
        );
        // And the test can fail: the old calendar's 1.8% is far outside the band.
        assert!(0.018 * expected > 4.0 * se);
    }
}
