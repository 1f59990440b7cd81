//! Retraining for drift (seed 000, "the tax of continuous retraining"): each
//! retrain redoes a share of the curation and a training run. Its cadence sets
//! how many fall within the horizon, and in which months.

/// Retrains in month `m` (1-based) for a cadence of one every `every_months`
/// months (0 = never): sub-monthly cadences retrain several times a month.
pub fn retrains_in_month(m: u32, every_months: f64) -> f64 {
    if every_months <= 0.0 {
        return 0.0;
    }
    let done_by = |month: u32| (f64::from(month) / every_months + 1e-9).floor();
    done_by(m) - done_by(m - 1)
}

/// Retrains over a horizon of `months`.
pub fn retrains_over(months: u32, every_months: f64) -> f64 {
    (1..=months)
        .map(|m| retrains_in_month(m, every_months))
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quarterly_retrains_fall_in_months_3_6_9_12() {
        let months: Vec<u32> = (1..=12)
            .filter(|&m| retrains_in_month(m, 3.0) > 0.0)
            .collect();
        assert_eq!(months, vec![3, 6, 9, 12]);
        assert_eq!(retrains_over(12, 0.25), 48.0);
        assert_eq!(retrains_over(12, 0.0), 0.0);
    }
}
