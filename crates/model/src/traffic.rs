//! Traffic over a simulated month: the shape of the day and week, and
//! burstiness. Hourly arrivals are gamma-mixed Poisson (negative binomial):
//! the hour's rate swings around its expected value with coefficient of
//! variation `hourly_burst_cv`, and arrivals are Poisson given that rate.
//!
//! Hours with small expected counts are sampled exactly (gamma rate, then a
//! Poisson count). Large ones draw a single gamma with the same mean and
//! variance: from a hundred queries an hour the count's discreteness no longer
//! matters, and `tests/aggregation.rs` checks the two agree in distribution
//! (two-sample KS at α = 0.001, from λ = 100 up, burstiness 0 to 1).

use rand_distr::{Distribution, Gamma, Poisson};

use crate::calendar::{DAYS_PER_MONTH, HOURS_PER_MONTH};
use crate::gamma::LargeShapeGamma;
use crate::rng::Stream;
use crate::workload::Workload;

const MINUTES_PER_DAY: usize = 24 * 60;

/// Expected count per hour below which an hour is sampled exactly.
pub const EXACT_BELOW: f64 = 100.0;

/// The expected share of a day's traffic in each hour of the week (Monday 00:00
/// first), scaled so that the month (its first 730 hours) holds 730/24 average days.
#[derive(Debug, Clone, PartialEq)]
pub struct Profile {
    week: [f64; 168],
    /// Distinct hourly weights with how many hours of the month have them.
    groups: Vec<(f64, u32)>,
    /// The group of each hour of the week.
    group_of: [u8; 168],
    /// Σ weight and Σ weight² over the month's hours.
    sum: f64,
    sum_sq: f64,
}

impl Profile {
    pub fn new(w: &Workload) -> Profile {
        let start = w.business_start_hour.min(23) as usize;
        let end = (w.business_end_hour as usize).clamp(start + 1, 24);
        let business = (end - start) as f64;
        let other = 24.0 - business;
        // All traffic in business hours when there are no other hours.
        let share = if other == 0.0 {
            1.0
        } else {
            w.business_hours_share
        };
        let week_days = 5.0 + 2.0 * w.weekend_factor;
        let mut week = [0.0; 168];
        for (h, slot) in week.iter_mut().enumerate() {
            let (day, hour) = (h / 24, h % 24);
            let in_window = (start..end).contains(&hour);
            let within_day = if in_window {
                share / business
            } else {
                (1.0 - share) / other
            };
            let day_weight = if day >= 5 { w.weekend_factor } else { 1.0 };
            *slot = within_day * day_weight * 7.0 / week_days;
        }
        // A month holds 730/24 average days whatever weekday it starts on:
        // the month's first 730 hours (4 weeks, a Monday, a Tuesday and 10
        // hours of Wednesday) are scaled so that their weights add up to that
        // many average days.
        let first_hours: f64 = (0..HOURS_PER_MONTH).map(|h| week[h % 168]).sum();
        if first_hours > 0.0 {
            let scale = DAYS_PER_MONTH / first_hours;
            week.iter_mut().for_each(|w| *w *= scale);
        }
        let mut groups: Vec<(f64, u32)> = Vec::new();
        let mut group_of = [0u8; 168];
        for h in 0..HOURS_PER_MONTH {
            let weight = week[h % 168];
            let g = match groups.iter().position(|(g, _)| *g == weight) {
                Some(g) => g,
                None => {
                    groups.push((weight, 0));
                    groups.len() - 1
                }
            };
            groups[g].1 += 1;
            // At most 168 distinct weights: an index fits a byte.
            group_of[h % 168] = g as u8;
        }
        let sum = groups.iter().map(|&(g, c)| g * f64::from(c)).sum();
        let sum_sq = groups.iter().map(|&(g, c)| g * g * f64::from(c)).sum();
        Profile {
            week,
            groups,
            group_of,
            sum,
            sum_sq,
        }
    }

    /// Expected share of a day's traffic in each minute of the UTC day, for
    /// business hours `utc_offset_hours` ahead of UTC (traffic spread evenly
    /// within each hour). Sums to 1.
    pub fn utc_minute_shares(&self, utc_offset_hours: f64) -> Vec<f64> {
        let mut local_hour = [0.0; 24];
        for (h, w) in self.week.iter().enumerate() {
            local_hour[h % 24] += w;
        }
        let total: f64 = local_hour.iter().sum();
        let offset = (utc_offset_hours * 60.0).round() as i64;
        let mut shares = vec![0.0; MINUTES_PER_DAY];
        for (local, share) in (0..MINUTES_PER_DAY as i64).zip(
            local_hour
                .iter()
                .flat_map(|w| std::iter::repeat_n(w / total.max(f64::MIN_POSITIVE) / 60.0, 60)),
        ) {
            shares[(local - offset).rem_euclid(MINUTES_PER_DAY as i64) as usize] = share;
        }
        shares
    }

    /// Expected share of an average day's volume in hour `h` of the month.
    pub fn weight(&self, h: usize) -> f64 {
        self.week[h % 168]
    }

    /// Expected queries in the month for an average day of `queries_per_day`.
    pub fn expected_total(&self, queries_per_day: f64) -> f64 {
        queries_per_day * self.sum
    }

    /// Expected share of the month's hours with no query at all: the hours a
    /// dedicated GPU sits idle (seed 000: 16 idle hours of 24 waste two thirds).
    pub fn idle_hours_share(&self, queries_per_day: f64, burst_cv: f64) -> f64 {
        let p_zero = |lambda: f64| {
            if lambda <= 0.0 {
                1.0
            } else if burst_cv > 0.0 {
                let k = 1.0 / (burst_cv * burst_cv);
                libm::pow(1.0 + lambda / k, -k)
            } else {
                libm::exp(-lambda)
            }
        };
        let idle: f64 = self
            .groups
            .iter()
            .map(|&(g, c)| f64::from(c) * p_zero(queries_per_day * g))
            .sum();
        idle / HOURS_PER_MONTH as f64
    }
}

/// One hour's count distribution, set up once per trial for all the hours
/// that share an expected count (a month has a handful of distinct ones):
/// the set-up (square roots, divisions) then costs nothing per hour.
#[derive(Debug, Clone, Copy)]
pub enum Hour {
    /// No traffic expected.
    Empty,
    /// A gamma-distributed rate, then a Poisson count at that rate.
    Exact {
        rate: Gamma<f64>,
        large: Option<LargeShapeGamma>,
    },
    /// No burstiness: a Poisson count at the expected rate.
    Poisson(Option<Poisson<f64>>, f64),
    /// One gamma draw with the exact count's mean and variance (the faster
    /// sampler when the shape allows it: the same draws).
    Matched(Gamma<f64>, Option<LargeShapeGamma>),
    /// Parameters a gamma cannot take (degenerate): the mean.
    Mean(f64),
}

impl Hour {
    /// The count of an hour expecting `lambda` queries: exact for small
    /// counts, moment-matched for large ones.
    pub fn new(lambda: f64, burst_cv: f64) -> Hour {
        if lambda < EXACT_BELOW {
            Hour::exact(lambda, burst_cv)
        } else {
            Hour::matched(lambda, burst_cv)
        }
    }

    /// Gamma-distributed rate, then a Poisson count at that rate.
    pub fn exact(lambda: f64, burst_cv: f64) -> Hour {
        if lambda <= 0.0 {
            return Hour::Empty;
        }
        if burst_cv > 0.0 {
            let (shape, scale) = (1.0 / (burst_cv * burst_cv), lambda * burst_cv * burst_cv);
            match Gamma::new(shape, scale) {
                Ok(rate) => Hour::Exact {
                    rate,
                    large: LargeShapeGamma::new(shape, scale),
                },
                Err(_) => Hour::poisson(shape * scale),
            }
        } else {
            Hour::poisson(lambda)
        }
    }

    /// One gamma draw with the exact count's mean λ and variance λ + (λ·cv)².
    pub fn matched(lambda: f64, burst_cv: f64) -> Hour {
        if lambda <= 0.0 {
            return Hour::Empty;
        }
        let var = lambda + lambda * lambda * burst_cv * burst_cv;
        let (shape, scale) = (lambda * lambda / var, var / lambda);
        match Gamma::new(shape, scale) {
            Ok(g) => Hour::Matched(g, LargeShapeGamma::new(shape, scale)),
            Err(_) => Hour::Mean(shape * scale),
        }
    }

    fn poisson(mean: f64) -> Hour {
        if mean <= 0.0 {
            Hour::Empty
        } else {
            Hour::Poisson(Poisson::new(mean).ok(), mean)
        }
    }

    #[inline(always)]
    pub fn sample(&self, rng: &mut Stream) -> f64 {
        match self {
            Hour::Empty => 0.0,
            Hour::Exact { large: Some(g), .. } => poisson(g.sample(rng), rng),
            Hour::Exact { rate, large: None } => poisson(rate.sample(rng), rng),
            Hour::Poisson(Some(p), _) => p.sample(rng),
            Hour::Poisson(None, mean) => mean.round(),
            Hour::Matched(_, Some(g)) => g.sample(rng),
            Hour::Matched(g, None) => g.sample(rng),
            Hour::Mean(mean) => *mean,
        }
    }
}

impl Hour {
    /// Gamma and Poisson variates one draw takes (a rejection sampler's
    /// retries are not counted).
    pub fn variates(&self) -> (u64, u64) {
        match self {
            Hour::Empty | Hour::Mean(_) | Hour::Poisson(None, _) => (0, 0),
            Hour::Poisson(Some(_), _) => (0, 1),
            Hour::Matched(..) => (1, 0),
            Hour::Exact { .. } => (1, 1),
        }
    }
}

impl Profile {
    /// Gamma and Poisson variates one month's traffic takes, hour by hour or
    /// as a total.
    pub fn variates(&self, queries_per_day: f64, burst_cv: f64, hourly: bool) -> (u64, u64) {
        if !hourly && self.expected_total(queries_per_day) >= EXACT_BELOW * 10.0 {
            return (1, 0);
        }
        self.groups.iter().fold((0, 0), |(g, p), &(w, count)| {
            let (hg, hp) = Hour::new(queries_per_day * w, burst_cv).variates();
            (g + u64::from(count) * hg, p + u64::from(count) * hp)
        })
    }
}

/// One hour's query count, given its expected count and burstiness.
pub fn sample_hour(lambda: f64, burst_cv: f64, rng: &mut Stream) -> f64 {
    Hour::new(lambda, burst_cv).sample(rng)
}

/// Gamma-distributed rate, then a Poisson count at that rate.
pub fn sample_hour_exact(lambda: f64, burst_cv: f64, rng: &mut Stream) -> f64 {
    Hour::exact(lambda, burst_cv).sample(rng)
}

/// One gamma draw with the exact count's mean λ and variance λ + (λ·cv)².
pub fn sample_hour_matched(lambda: f64, burst_cv: f64, rng: &mut Stream) -> f64 {
    Hour::matched(lambda, burst_cv).sample(rng)
}

/// Σ weight² over the month's hours (for the variance of the month's total).
impl Profile {
    pub fn sum_of_squared_weights(&self) -> f64 {
        self.sum_sq
    }

    /// The month's hours in order, as indices into `groups`.
    fn hours_by_group(&self) -> impl Iterator<Item = usize> + '_ {
        (0..HOURS_PER_MONTH).map(|h| usize::from(self.group_of[h % 168]))
    }

    /// One set-up sampler per distinct hourly weight.
    fn hour_samplers(&self, queries_per_day: f64, burst_cv: f64, out: &mut Vec<Hour>) {
        out.clear();
        out.extend(
            self.groups
                .iter()
                .map(|&(w, _)| Hour::new(queries_per_day * w, burst_cv)),
        );
    }
}

/// Scratch space for `sample_hours`: one sampler per distinct hourly weight.
#[derive(Debug, Default)]
pub struct Samplers {
    hours: Vec<Hour>,
    gammas: Vec<LargeShapeGamma>,
}

/// The month's hourly counts into `hourly`; returns their total.
pub fn sample_hours(
    profile: &Profile,
    queries_per_day: f64,
    burst_cv: f64,
    rng: &mut Stream,
    hourly: &mut Vec<f64>,
    samplers: &mut Samplers,
) -> f64 {
    profile.hour_samplers(queries_per_day, burst_cv, &mut samplers.hours);
    hourly.clear();
    // A busy month takes one gamma an hour: drawing from the gammas directly
    // rather than through `Hour` saves a dispatch per hour (same draws).
    samplers.gammas.clear();
    samplers
        .gammas
        .extend(samplers.hours.iter().map_while(|h| match h {
            Hour::Matched(_, large) => *large,
            _ => None,
        }));
    if samplers.gammas.len() == samplers.hours.len() {
        let gammas = &samplers.gammas;
        hourly.extend(profile.hours_by_group().map(|g| gammas[g].sample(rng)));
    } else {
        let hours = &samplers.hours;
        hourly.extend(profile.hours_by_group().map(|g| hours[g].sample(rng)));
    }
    hourly.iter().sum()
}

/// The month's total count without its hours: one gamma with the mean and
/// variance of the sum of the hourly counts (used when no architecture's cost
/// is non-linear in the hourly load). Small months are summed hour by hour.
pub fn sample_total(
    profile: &Profile,
    queries_per_day: f64,
    burst_cv: f64,
    rng: &mut Stream,
) -> f64 {
    let mean = profile.expected_total(queries_per_day);
    if mean < EXACT_BELOW * 10.0 {
        let mut samplers = Vec::new();
        profile.hour_samplers(queries_per_day, burst_cv, &mut samplers);
        return profile
            .hours_by_group()
            .map(|g| samplers[g].sample(rng))
            .sum();
    }
    let var = mean + queries_per_day * queries_per_day * burst_cv * burst_cv * profile.sum_sq;
    gamma(mean * mean / var, var / mean, rng)
}

fn gamma(shape: f64, scale: f64, rng: &mut Stream) -> f64 {
    match Gamma::new(shape, scale) {
        Ok(g) => g.sample(rng),
        Err(_) => shape * scale,
    }
}

fn poisson(mean: f64, rng: &mut Stream) -> f64 {
    if mean <= 0.0 {
        return 0.0;
    }
    match Poisson::new(mean) {
        Ok(p) => p.sample(rng),
        Err(_) => mean.round(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::presets;

    /// The month holds 730/24 days of the stated daily volume; a week keeps
    /// its shape (weekends at 0.3 of a weekday), so it holds close to 7.
    #[test]
    fn a_month_holds_the_stated_volume_for_730_over_24_days() {
        let mut w = presets::knowledge_base().workload;
        w.weekend_factor = 0.3;
        let p = Profile::new(&w);
        assert!((p.expected_total(1.0) - 730.0 / 24.0).abs() < 1e-9);
        let month: f64 = (0..730).map(|h| p.weight(h)).sum();
        assert!((month - 730.0 / 24.0).abs() < 1e-9);
        let weekday: f64 = (0..24).map(|h| p.weight(h)).sum();
        let sunday: f64 = (144..168).map(|h| p.weight(h)).sum();
        assert!((sunday / weekday - 0.3).abs() < 1e-12);
        let week: f64 = (0..168).map(|h| p.weight(h)).sum();
        assert!((week - 7.0).abs() < 0.2, "{week}");
    }

    /// Busy months draw from the hours' gammas directly: the same draws as
    /// through `Hour`, and a quiet month (some hours exact) still goes through `Hour`.
    #[test]
    fn either_path_draws_what_each_hour_would() {
        let p = Profile::new(&presets::text_to_sql().workload);
        for (qpd, direct) in [(1e6, true), (500.0, false)] {
            let (mut hourly, mut samplers) = (Vec::new(), Samplers::default());
            let mut a = crate::rng::stream(1, 0, 7);
            sample_hours(&p, qpd, 0.3, &mut a, &mut hourly, &mut samplers);
            assert_eq!(samplers.gammas.len() == samplers.hours.len(), direct);
            let mut b = crate::rng::stream(1, 0, 7);
            let by_hour: Vec<f64> = p
                .hours_by_group()
                .map(|g| Hour::new(qpd * p.groups[g].0, 0.3).sample(&mut b))
                .collect();
            assert_eq!(hourly, by_hour);
        }
    }

    /// Seed 000: traffic only in an 8-hour window leaves 16 of 24 hours idle.
    #[test]
    fn an_eight_hour_window_leaves_two_thirds_of_hours_idle() {
        let mut w = presets::knowledge_base().workload;
        w.business_start_hour = 9;
        w.business_end_hour = 17;
        w.business_hours_share = 1.0;
        w.weekend_factor = 1.0;
        let p = Profile::new(&w);
        // At a million queries a day every business hour is busy.
        let idle = p.idle_hours_share(1e6, 0.0);
        let window_hours = (0..HOURS_PER_MONTH)
            .filter(|h| (9..17).contains(&(h % 24)))
            .count();
        assert!((idle - (1.0 - window_hours as f64 / HOURS_PER_MONTH as f64)).abs() < 1e-12);
        // The 730-hour month ends ten hours into its 31st day, one of them in the window.
        assert!((idle - 2.0 / 3.0).abs() < 0.005);
    }
}
