//! Fits a scenario's workload to a usage log: how many requests a day (its
//! level across days and its trend), when (the business window, the weekend,
//! hour-to-hour burstiness), how big (tokens per request and their spread),
//! how much of the input was cached, and conversations where ids allow.
//!
//! Each fitted value is what the model needs to reproduce the log: the level
//! and the token means are the log's own averages, so a month simulated from
//! the fit carries the log's monthly tokens (`tests/calibrate.rs` checks it
//! within 5% through the engine).

use serde::Serialize;

use super::log::{Log, NONE, Request};
use super::stats::{Spread, between_days, level_dist, lognormal_quantile, moments, round_sig};
use crate::Dist;
use crate::scenario::{
    DAYS_PER_MONTH, HISTORY_TOKENS_PER_TURN, HOURLY_BURST_CV, MONTHLY_GROWTH, TokenCount,
    WEEKEND_FACTOR, Workload,
};
use crate::traffic::Profile;

/// Turns per conversation: the range its field declares.
const TURNS_BOUND: crate::error::Bound = match crate::workload::TURNS.bound() {
    Some(b) => b,
    None => crate::error::Bound::NON_NEGATIVE,
};

const MS_PER_HOUR: i64 = 3_600_000;
const MS_PER_DAY: i64 = 24 * MS_PER_HOUR;

/// Days a trend needs: over fewer, a week's noise reads as growth.
pub const TREND_MIN_DAYS: usize = 14;

/// Share of requests that must carry a conversation (or run) id for turns
/// (or steps) to be fitted.
const IDS_MIN_SHARE: f64 = 0.5;

/// Twice the log-likelihood gain over a flat day that a business window
/// must show (a χ² test with 3 parameters at about p = 0.0002).
const WINDOW_MIN_GAIN: f64 = 20.0;

/// The fitted workload and the statistics behind it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Calibration {
    pub workload: Workload,
    pub fit: Fit,
}

/// What the log showed, beside what was fitted.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Fit {
    /// Data rows, requests read, of them failed (left out of the fit), and
    /// rows that could not be read (the first few quoted).
    pub rows: u64,
    pub requests: u64,
    pub failed_requests: u64,
    pub bad_rows: u64,
    pub first_bad_rows: Vec<super::log::BadRow>,
    /// The column each field was read from.
    pub columns: Vec<(super::columns::Field, String)>,
    pub first_request_utc: String,
    pub last_request_utc: String,
    /// Whole days (in the business time zone) the volume was fitted on.
    pub days_fitted: usize,
    /// The business hours' time zone the log's times were read in.
    pub utc_offset_hours: f64,
    /// The log's average month (30.4 days) of input and output tokens.
    pub monthly_input_tokens: f64,
    pub monthly_output_tokens: f64,
    /// Requests on an average day, the log's days reduced to an average day
    /// (weekends scaled by the weekend factor, the trend taken out).
    pub queries_per_day: Spread,
    /// Those days' histogram beside the fitted level's distribution.
    pub days: Bins,
    /// Growth a month from the trend across days (None: too few days).
    pub monthly_growth: Option<f64>,
    pub weekend_factor: Option<f64>,
    /// Share of the log's requests in each hour of the day (business time
    /// zone), and the fitted day's.
    pub hour_of_day_share: Vec<f64>,
    pub fitted_hour_of_day_share: Vec<f64>,
    /// Variance over mean of hourly counts around the fitted shape (1 = Poisson).
    pub hourly_dispersion_index: f64,
    pub input_tokens: TokenFit,
    pub output_tokens: TokenFit,
    /// Shares of the input tokens read from and written to the provider's
    /// prompt cache (a managed API's `prompt_cache_share` and
    /// `prompt_cache_write_share`).
    pub prompt_cache_share: f64,
    pub prompt_cache_write_share: f64,
    pub conversations: Option<Groups>,
    /// Agent runs (trace or run ids): shown, not applied, since every step is
    /// already a request of the log.
    pub agent_runs: Option<Groups>,
    /// Requests by model, largest share first.
    pub models: Vec<ModelShare>,
    /// What the fit assumed or could not fit, in words.
    pub notes: Vec<String>,
}

/// Tokens per request: the log's mean and percentiles beside the fitted
/// lognormal's (mean and spread per request).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TokenFit {
    pub mean: f64,
    pub cv_per_request: f64,
    pub log: Spread,
    pub fitted_p50: f64,
    pub fitted_p95: f64,
    pub fitted_p99: f64,
    pub bins: Bins,
}

pub use super::stats::Bins;

/// Requests grouped by an id: how many groups, requests per group.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Groups {
    pub count: usize,
    /// Share of the requests carrying such an id.
    pub share_of_requests: f64,
    pub per_group: Spread,
    /// Conversations: tokens each earlier turn adds to a request's input.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub history_tokens_per_turn: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ModelShare {
    pub model: String,
    pub share: f64,
}

/// The longest span of a log fitted, days (ten years).
const MAX_SPAN_DAYS: i64 = 3_653;

/// Fits `base` (whose other fields, and time zone, are kept) to the log.
pub fn fit(log: &Log, base: &Workload) -> Result<Calibration, String> {
    let mut ok: Vec<Request> = log.requests.iter().filter(|r| !r.failed).copied().collect();
    if ok.is_empty() {
        return Err(format!(
            "all {} requests of the log failed: there is no traffic to fit",
            log.requests.len()
        ));
    }
    ok.sort_by_key(|r| r.at_ms);
    // A day's counts are kept for every day the log spans: a log from 1900
    // to 9999 (three requests) once took 617 MB. Ten years is more than any
    // usage log; a longer span is a misread or damaged timestamp.
    let span_days = (ok[ok.len() - 1].at_ms - ok[0].at_ms) / MS_PER_DAY;
    if span_days > MAX_SPAN_DAYS {
        return Err(format!(
            "the log's requests span {} days, more than the ten years burnrate fits: check the timestamp column (a date far in the past or the future, or seconds read as milliseconds)",
            crate::markup::count(span_days as f64)
        ));
    }
    let offset_ms = (base.utc_offset_hours * MS_PER_HOUR as f64).round() as i64;
    let local = |r: &Request| r.at_ms + offset_ms;
    let mut notes = Vec::new();

    if ok.len() > 1 && ok[0].at_ms == ok[ok.len() - 1].at_ms {
        notes.push(format!(
            "all {} requests carry the same time, to the millisecond: the timestamps may be cut to a date or a batch time; the volume is taken over an hour",
            crate::markup::count(ok.len() as f64)
        ));
    }
    if let Some((line, lines)) = log.first_long_record {
        notes.push(format!(
            "{} of the file's CSV records ran over more than {} lines (the first from line {line}, over {} lines): a quote left open merges every row after it into one record, so rows may be missing; check the file near line {line}",
            crate::markup::count(log.long_records as f64),
            super::reader::LONG_RECORD_LINES,
            crate::markup::count(lines as f64),
        ));
    }
    if log.utf16 {
        notes.push(
            "the file is UTF-16 text (a spreadsheet's \"Unicode text\"): read as such".into(),
        );
    }
    let days = Days::of(&ok, offset_ms, &mut notes);
    let mut w = base.clone();
    (
        w.business_start_hour,
        w.business_end_hour,
        w.business_hours_share,
    ) = business_window(&days.hour_counts, &mut notes);
    let volume = if days.whole() {
        volume(&days, &mut notes)
    } else {
        Volume {
            weekend_factor: None,
            per_day: None,
            days: vec![(0, days.within_span(ok.len() as f64, &w))],
        }
    };
    let trend = volume
        .per_day
        .map(|d| round_sig((d * DAYS_PER_MONTH).exp() - 1.0, 3));
    w.monthly_growth = trend.unwrap_or(0.0);
    w.weekend_factor = volume.weekend_factor.unwrap_or(1.0);
    let values: Vec<f64> = volume.days.iter().map(|d| d.1).collect();
    let level = Spread::of(&values);
    let profile = Profile::new(&w);
    let per_day = volume.per_day.unwrap_or(0.0);
    let dispersion = burstiness(&days, &profile, level.mean, per_day);
    w.hourly_burst_cv = dispersion.burst_cv;
    // The days' variance less the noise the model draws itself (Poisson
    // counts, hourly bursts): what is left is the level's own variation.
    let noise = day_noise(&days, &volume, &profile, level.mean, w.hourly_burst_cv);
    let (_, days_var) = moments(&values);
    w.queries_per_day = level_dist(
        level.mean,
        between_days(days_var, noise, values.len()),
        values.len(),
        0.0,
    );

    let input: Vec<u32> = ok.iter().map(|r| r.input_tokens).collect();
    let output: Vec<u32> = ok.iter().map(|r| r.output_tokens).collect();
    let day_of = |r: &Request| local(r).div_euclid(MS_PER_DAY);
    let (input_fit, input_mean_dist) = tokens(&input, &ok, day_of);
    let (output_fit, output_mean_dist) = tokens(&output, &ok, day_of);
    let conversations = conversations(&ok, input_fit.mean, day_of, &mut notes);
    let history = conversations
        .as_ref()
        .and_then(|c| c.0.history_tokens_per_turn);
    w.turns_per_conversation = conversations
        .as_ref()
        .map_or(Dist::fixed(1.0), |c| c.1.clone());
    w.history_tokens_per_turn = history.unwrap_or(0.0);
    // The query's own tokens: the input less the history the model adds.
    let history_mean =
        w.history_tokens_per_turn * (w.turns_per_conversation.mean() - 1.0).max(0.0) / 2.0;
    w.query_tokens = TokenCount {
        mean_tokens: shifted(&input_mean_dist, -history_mean),
        cv_per_query: input_fit.cv_per_request,
    };
    w.output_tokens = TokenCount {
        mean_tokens: output_mean_dist,
        cv_per_query: output_fit.cv_per_request,
    };

    let total = |f: fn(&Request) -> u32| ok.iter().map(|r| f64::from(f(r))).sum::<f64>();
    let input_total = total(|r| r.input_tokens);
    let share = |part: f64| {
        if input_total > 0.0 {
            part / input_total
        } else {
            0.0
        }
    };
    let per_day = f64::from(u32::try_from(ok.len()).unwrap_or(u32::MAX)) / days.span_days;
    let fitted_hours = hour_of_day(&profile);
    let days_shown = days_bins(&values, &w.queries_per_day);
    Ok(Calibration {
        workload: w,
        fit: Fit {
            rows: log.rows,
            requests: log.requests.len() as u64,
            failed_requests: (log.requests.len() - ok.len()) as u64,
            bad_rows: log.bad_rows,
            first_bad_rows: log.first_bad_rows.clone(),
            columns: log.columns.clone(),
            first_request_utc: utc_text(ok[0].at_ms),
            last_request_utc: utc_text(ok[ok.len() - 1].at_ms),
            days_fitted: days.count(),
            utc_offset_hours: base.utc_offset_hours,
            monthly_input_tokens: input_fit.mean * per_day * DAYS_PER_MONTH,
            monthly_output_tokens: output_fit.mean * per_day * DAYS_PER_MONTH,
            queries_per_day: level,
            days: days_shown,
            monthly_growth: trend,
            weekend_factor: volume.weekend_factor,
            hour_of_day_share: shares(&days.hour_counts),
            fitted_hour_of_day_share: fitted_hours,
            hourly_dispersion_index: dispersion.index,
            input_tokens: input_fit,
            output_tokens: output_fit,
            prompt_cache_share: share(total(|r| r.cache_read_tokens)),
            prompt_cache_write_share: share(total(|r| r.cache_write_tokens)),
            conversations: conversations.map(|c| c.0),
            agent_runs: runs(&ok),
            models: models(log, &ok),
            notes,
        },
    })
}

/// The log's days in the business time zone: requests per whole day, and per
/// hour of the day over those days.
struct Days {
    /// First whole day (days since 1970-01-01, local) and each day's count.
    first: i64,
    counts: Vec<f64>,
    /// Requests in each hour of each whole day.
    hourly: Vec<[f64; 24]>,
    hour_counts: [f64; 24],
    /// Days between the first and last request (at least an hour).
    span_days: f64,
    /// The first and last request, local milliseconds.
    first_ms: i64,
    last_ms: i64,
}

impl Days {
    fn of(ok: &[Request], offset_ms: i64, notes: &mut Vec<String>) -> Days {
        let local = |r: &Request| r.at_ms + offset_ms;
        let (first, last) = (local(&ok[0]), local(&ok[ok.len() - 1]));
        let span_days = ((last - first) as f64 / MS_PER_DAY as f64).max(1.0 / 24.0);
        // A day counts when the log covers it whole: the first day only if
        // its first hour has a request, the last only if its last hour has.
        let day = |ms: i64| ms.div_euclid(MS_PER_DAY);
        let hour = |ms: i64| ms.rem_euclid(MS_PER_DAY) / MS_PER_HOUR;
        let from = day(first) + i64::from(hour(first) > 0);
        let to = day(last) - i64::from(hour(last) < 23);
        let mut days = Days {
            first: from,
            counts: Vec::new(),
            hourly: Vec::new(),
            hour_counts: [0.0; 24],
            span_days,
            first_ms: first,
            last_ms: last,
        };
        if to < from {
            notes.push(
                "the log covers no whole day: the volume is its requests over its span, the weekend factor and trend are not fitted"
                    .into(),
            );
            for r in ok {
                days.hour_counts[hour(local(r)) as usize] += 1.0;
            }
            return days;
        }
        let n = (to - from + 1) as usize;
        days.counts = vec![0.0; n];
        days.hourly = vec![[0.0; 24]; n];
        for r in ok {
            let (d, h) = (day(local(r)) - from, hour(local(r)) as usize);
            if (0..n as i64).contains(&d) {
                days.counts[d as usize] += 1.0;
                days.hourly[d as usize][h] += 1.0;
                days.hour_counts[h] += 1.0;
            }
        }
        days
    }

    fn count(&self) -> usize {
        self.counts.len()
    }

    /// `n` requests seen over less than a whole day, as an average day: over
    /// the share of a day's traffic the covered hours hold in the fitted day
    /// (its business window), the span taken as at least an hour.
    fn within_span(&self, n: f64, w: &Workload) -> f64 {
        let (start, end) = (
            i64::from(w.business_start_hour),
            i64::from(w.business_end_hour),
        );
        let len = (end - start) as f64;
        let share = w.business_hours_share;
        let share_of = |h: i64| {
            if (start..end).contains(&h.rem_euclid(24)) {
                share / len
            } else {
                (1.0 - share) / (24.0 - len)
            }
        };
        let last = self.last_ms.max(self.first_ms + MS_PER_HOUR);
        let mut covered = 0.0;
        let mut h = self.first_ms.div_euclid(MS_PER_HOUR);
        while h * MS_PER_HOUR < last {
            let (from, to) = (
                (h * MS_PER_HOUR).max(self.first_ms),
                ((h + 1) * MS_PER_HOUR).min(last),
            );
            covered += (to - from) as f64 / MS_PER_HOUR as f64 * share_of(h);
            h += 1;
        }
        if covered > 1e-6 {
            n / covered
        } else {
            n / self.span_days
        }
    }

    fn whole(&self) -> bool {
        !self.hourly.is_empty()
    }

    /// Monday 0 … Sunday 6 (1970-01-01 was a Thursday).
    fn weekday(&self, i: usize) -> usize {
        (self.first + i as i64 + 3).rem_euclid(7) as usize
    }
}

/// Weekend factor, monthly growth (per day, as a log-slope) and each whole
/// day as an average day with the trend taken out. The weekend factor is a
/// ratio of means of detrended days and the trend a slope of logs of days
/// adjusted by it, refined in turn: each biases the other when taken alone
/// (weekends late in a growing log read as bigger).
struct Volume {
    weekend_factor: Option<f64>,
    /// Growth a day (a log-slope), None below [`TREND_MIN_DAYS`] days.
    per_day: Option<f64>,
    /// (day index, the day as an average day at the log's middle day).
    days: Vec<(usize, f64)>,
}

fn volume(days: &Days, notes: &mut Vec<String>) -> Volume {
    let n = days.count();
    let weekend = |i: usize| days.weekday(i) >= 5;
    let has = |we: bool| (0..n).any(|i| weekend(i) == we);
    let both = has(true) && has(false);
    if !both {
        notes.push(
            "the log has no whole weekday and weekend day both: weekends are taken as weekdays"
                .into(),
        );
    }
    let fit_trend = n >= TREND_MIN_DAYS;
    if !fit_trend {
        notes.push(format!(
            "the log has {n} whole days: a trend needs {TREND_MIN_DAYS}, so the monthly growth is 0"
        ));
    }
    let mid = (n as f64 - 1.0) / 2.0;
    let (mut w, mut per_day) = (1.0, 0.0);
    for _ in 0..6 {
        if both {
            let detrended = |we: bool| {
                let v: Vec<f64> = (0..n)
                    .filter(|&i| weekend(i) == we)
                    .map(|i| days.counts[i] * (-per_day * (i as f64 - mid)).exp())
                    .collect();
                v.iter().sum::<f64>() / v.len() as f64
            };
            let (wd, we) = (detrended(false), detrended(true));
            w = if wd > 0.0 {
                (we / wd).clamp(WEEKEND_FACTOR.low, WEEKEND_FACTOR.high)
            } else {
                1.0
            };
        }
        if fit_trend {
            let logs: Vec<(f64, f64)> = (0..n)
                .filter_map(|i| {
                    let weight = if weekend(i) { w } else { 1.0 };
                    let c = days.counts[i];
                    (weight > 0.0 && c > 0.0).then(|| (i as f64, (c / weight).ln()))
                })
                .collect();
            per_day = slope(&logs).unwrap_or(0.0);
        }
    }
    // Growth within the model's range, the slope with it.
    let growth = (per_day * DAYS_PER_MONTH).exp() - 1.0;
    let clamped = growth.clamp(MONTHLY_GROWTH.low, MONTHLY_GROWTH.high);
    per_day = (1.0 + clamped).ln() / DAYS_PER_MONTH;
    // Each day as an average day: a weekend day over the weekend factor,
    // times an average day's share of a week's weekdays.
    let average_day = (5.0 + 2.0 * w) / 7.0;
    let adjusted = (0..n)
        .filter_map(|i| {
            let weight = if weekend(i) { w } else { 1.0 };
            (weight > 0.0).then(|| {
                (
                    i,
                    days.counts[i] / weight * average_day * (-per_day * (i as f64 - mid)).exp(),
                )
            })
        })
        .collect();
    Volume {
        weekend_factor: both.then(|| round_sig(w, 3)),
        per_day: fit_trend.then_some(per_day),
        days: adjusted,
    }
}

/// Least-squares slope of y on x, or 0 when it does not stand out of the
/// scatter (within two of its standard errors); None below two distinct x.
fn slope(points: &[(f64, f64)]) -> Option<f64> {
    let n = points.len() as f64;
    let (mx, my) = (
        points.iter().map(|p| p.0).sum::<f64>() / n,
        points.iter().map(|p| p.1).sum::<f64>() / n,
    );
    let sxx: f64 = points.iter().map(|p| (p.0 - mx).powi(2)).sum();
    let sxy: f64 = points.iter().map(|p| (p.0 - mx) * (p.1 - my)).sum();
    if sxx <= 0.0 {
        return None;
    }
    let b = sxy / sxx;
    let residuals: f64 = points
        .iter()
        .map(|p| (p.1 - my - b * (p.0 - mx)).powi(2))
        .sum();
    let standard_error = (residuals / (n - 2.0).max(1.0) / sxx).sqrt();
    Some(if b.abs() > 2.0 * standard_error {
        b
    } else {
        0.0
    })
}

/// The business window (start, end, share) that best explains the hours:
/// the contiguous hours, denser than the rest, whose two-level day has the
/// highest likelihood; a flat day when no window stands out.
fn business_window(hours: &[f64; 24], notes: &mut Vec<String>) -> (u32, u32, f64) {
    let n: f64 = hours.iter().sum();
    let xlny = |x: f64, y: f64| if x > 0.0 { x * y.ln() } else { 0.0 };
    let flat = xlny(n, 1.0 / 24.0);
    let mut best = (9, 17, flat, 8.0 / 24.0);
    for start in 0..24 {
        for end in start + 1..=24 {
            if end - start == 24 {
                continue;
            }
            let len = f64::from(end - start);
            let inside: f64 = hours[start as usize..end as usize].iter().sum();
            let share = inside / n;
            if share / len <= (1.0 - share) / (24.0 - len) {
                continue;
            }
            let ll = xlny(inside, share / len) + xlny(n - inside, (1.0 - share) / (24.0 - len));
            if ll > best.2 {
                best = (start, end, ll, share);
            }
        }
    }
    if 2.0 * (best.2 - flat) < WINDOW_MIN_GAIN {
        notes.push(
            "no business window stands out of the day: traffic is spread evenly over the hours"
                .into(),
        );
        return (9, 17, 8.0 / 24.0);
    }
    (best.0, best.1, round_sig(best.3, 4))
}

struct Dispersion {
    burst_cv: f64,
    index: f64,
}

/// Hour-to-hour variation beyond Poisson around the fitted shape: the
/// gamma-mixed Poisson's variance is λ + c²λ², so c² is the excess of the
/// squared deviations over λ, per λ² (method of moments).
fn burstiness(days: &Days, profile: &Profile, level: f64, per_day: f64) -> Dispersion {
    let mid = (days.count() as f64 - 1.0) / 2.0;
    let (mut excess, mut lambda_sq, mut ratio, mut hours) = (0.0, 0.0, 0.0, 0.0);
    for (i, counts) in days.hourly.iter().enumerate() {
        let day_level = level * (per_day * (i as f64 - mid)).exp();
        for (h, &n) in counts.iter().enumerate() {
            let lambda = day_level * profile.weight(days.weekday(i) * 24 + h);
            if lambda > 0.0 {
                excess += (n - lambda).powi(2) - lambda;
                lambda_sq += lambda * lambda;
                ratio += (n - lambda).powi(2) / lambda;
                hours += 1.0;
            }
        }
    }
    let c = if lambda_sq > 0.0 && excess > 0.0 {
        (excess / lambda_sq).sqrt()
    } else {
        0.0
    };
    Dispersion {
        burst_cv: if c < HOURLY_BURST_CV.low {
            0.0
        } else {
            round_sig(c.min(HOURLY_BURST_CV.high), 3)
        },
        index: if hours > 0.0 {
            round_sig(ratio / hours, 4)
        } else {
            1.0
        },
    }
}

/// Mean variance of a day's count, as an average day, that the model's own
/// hours draw: Σ over its hours of λ + c²λ² (Poisson counts at a gamma rate).
fn day_noise(days: &Days, volume: &Volume, profile: &Profile, level: f64, burst_cv: f64) -> f64 {
    if !days.whole() || volume.days.is_empty() {
        return 0.0;
    }
    let per_day = volume.per_day.unwrap_or(0.0);
    let mid = (days.count() as f64 - 1.0) / 2.0;
    let w = volume.weekend_factor.unwrap_or(1.0);
    let average_day = (5.0 + 2.0 * w) / 7.0;
    let total: f64 = volume
        .days
        .iter()
        .map(|&(i, _)| {
            let grown = (per_day * (i as f64 - mid)).exp();
            let var: f64 = (0..24)
                .map(|h| {
                    let lambda = level * grown * profile.weight(days.weekday(i) * 24 + h);
                    lambda + burst_cv * burst_cv * lambda * lambda
                })
                .sum();
            let weight = if days.weekday(i) >= 5 { w } else { 1.0 };
            // The day's count scaled to an average day at the middle.
            let k = average_day / weight / grown;
            k * k * var
        })
        .sum();
    total / volume.days.len() as f64
}

/// The days as average days beside the fitted level: a lognormal's spread
/// read off its 90% interval, a fixed level as one value.
fn days_bins(values: &[f64], level: &Dist) -> Bins {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let cv = match *level {
        Dist::LogNormal { p5, p95 } => {
            let sigma = (p95 / p5).ln() / (2.0 * crate::dist::standard_normal_quantile(0.95));
            (sigma * sigma).exp_m1().sqrt()
        }
        _ => 0.0,
    };
    super::stats::histogram(&sorted, level.mean(), cv)
}

/// The fitted day's share of requests in each hour (a week's average).
fn hour_of_day(profile: &Profile) -> Vec<f64> {
    let mut by_hour = [0.0; 24];
    for h in 0..168 {
        by_hour[h % 24] += profile.weight(h);
    }
    let total: f64 = by_hour.iter().sum();
    by_hour.iter().map(|v| v / total).collect()
}

fn shares(counts: &[f64; 24]) -> Vec<f64> {
    let total: f64 = counts.iter().sum();
    counts
        .iter()
        .map(|c| if total > 0.0 { c / total } else { 0.0 })
        .collect()
}

/// Tokens per request: the fit (mean, per-request spread as the lognormal's,
/// fitted on the logarithms so its tail follows the log's) and the month's
/// mean as a distribution (its variation between days beyond sampling noise).
fn tokens(values: &[u32], ok: &[Request], day_of: impl Fn(&Request) -> i64) -> (TokenFit, Dist) {
    let n = values.len() as f64;
    let mean = values.iter().map(|&v| f64::from(v)).sum::<f64>() / n;
    let logs: Vec<f64> = values
        .iter()
        .filter(|&&v| v > 0)
        .map(|&v| f64::from(v).ln())
        .collect();
    let (_, log_var) = moments(&logs);
    let sigma = log_var.sqrt();
    let cv = round_sig((sigma * sigma).exp_m1().sqrt().min(10.0), 3);
    let mut sorted: Vec<f64> = values.iter().map(|&v| f64::from(v)).collect();
    sorted.sort_by(f64::total_cmp);
    let fitted = |q: f64| round_sig(lognormal_quantile(mean, cv, q), 4);
    // Between-day variance of the daily means: their variance less the
    // per-request variance each day's mean carries.
    let (_, request_var) = moments(&sorted);
    let mut daily: Vec<(f64, f64)> = Vec::new();
    let mut current = (i64::MIN, 0.0, 0.0);
    for (r, &v) in ok.iter().zip(values) {
        let d = day_of(r);
        if d != current.0 && current.2 > 0.0 {
            daily.push((current.1 / current.2, current.2));
            current = (d, 0.0, 0.0);
        }
        current.0 = d;
        current.1 += f64::from(v);
        current.2 += 1.0;
    }
    daily.push((current.1 / current.2, current.2));
    let day_means: Vec<f64> = daily.iter().map(|d| d.0).collect();
    let (_, between) = moments(&day_means);
    let noise = daily.iter().map(|d| request_var / d.1).sum::<f64>() / daily.len() as f64;
    let mean_dist = level_dist(
        mean,
        between_days(between, noise, daily.len()),
        daily.len(),
        0.0,
    );
    let bins = super::stats::histogram(&sorted, mean, cv);
    (
        TokenFit {
            mean: round_sig(mean, 6),
            cv_per_request: cv,
            log: Spread::of_sorted(&sorted),
            fitted_p50: fitted(0.5),
            fitted_p95: fitted(0.95),
            fitted_p99: fitted(0.99),
            bins,
        },
        mean_dist,
    )
}

/// `d` moved by `by` (the history's tokens taken from the input's), kept above 1.
pub(super) fn shifted(d: &Dist, by: f64) -> Dist {
    let mean = d.mean();
    let target = (mean + by).max(1.0);
    match d {
        Dist::LogNormal { p5, p95 } => {
            let k = target / mean;
            Dist::LogNormal {
                p5: round_sig(p5 * k, 4),
                p95: round_sig(p95 * k, 4),
            }
        }
        _ => Dist::fixed(round_sig(target, 4)),
    }
}

/// Conversations (when most requests carry an id): turns per conversation,
/// and the tokens each earlier turn adds to the input (the slope of input
/// tokens on the turn's position).
fn conversations(
    ok: &[Request],
    mean_input: f64,
    day_of: impl Fn(&Request) -> i64,
    notes: &mut Vec<String>,
) -> Option<(Groups, Dist)> {
    let mut with: Vec<&Request> = ok.iter().filter(|r| r.conversation != NONE).collect();
    let share = with.len() as f64 / ok.len() as f64;
    if share < IDS_MIN_SHARE {
        notes.push(
            "most requests carry no conversation id: each is a one-turn conversation, its history inside its input tokens"
                .into(),
        );
        return None;
    }
    // Requests are in time order; a stable sort keeps it within a conversation.
    with.sort_by_key(|r| r.conversation);
    let mut lengths: Vec<f64> = Vec::new();
    let mut first_days: Vec<i64> = Vec::new();
    let (mut sx, mut sy, mut sxx, mut sxy, mut n) = (0.0, 0.0, 0.0, 0.0, 0.0);
    let mut position = 0.0;
    for (i, r) in with.iter().enumerate() {
        if i == 0 || with[i - 1].conversation != r.conversation {
            lengths.push(0.0);
            first_days.push(day_of(r));
            position = 0.0;
        }
        *lengths.last_mut()? += 1.0;
        let y = f64::from(r.input_tokens);
        (sx, sy, sxx, sxy, n) = (
            sx + position,
            sy + y,
            sxx + position * position,
            sxy + position * y,
            n + 1.0,
        );
        position += 1.0;
    }
    let var_x = sxx / n - (sx / n).powi(2);
    let per_turn = if var_x > 0.0 {
        ((sxy / n - sx / n * sy / n) / var_x).max(0.0)
    } else {
        0.0
    };
    let mean_turns = n / lengths.len() as f64;
    if mean_turns > TURNS_BOUND.high {
        notes.push(format!(
            "conversations of {} requests on average do not look like conversations (one id on every request?): turns are fitted as {}",
            crate::markup::count(mean_turns),
            TURNS_BOUND.high
        ));
    }
    let mean_turns = mean_turns.min(TURNS_BOUND.high);
    // The model's mean history is per_turn × (turns − 1) / 2: keep the
    // query's own tokens at least 1.
    let room = (mean_input - 1.0).max(0.0);
    let per_turn = if mean_turns > 1.0 {
        per_turn.min(2.0 * room / (mean_turns - 1.0))
    } else {
        0.0
    };
    let per_turn = round_sig(per_turn.min(HISTORY_TOKENS_PER_TURN.high), 4);
    // Mean turns by the day conversations start, beyond sampling noise.
    let (_, length_var) = moments(&lengths);
    let mut by_day: Vec<(i64, f64, f64)> = Vec::new();
    let mut order: Vec<usize> = (0..lengths.len()).collect();
    order.sort_by_key(|&i| first_days[i]);
    for i in order {
        match by_day.last_mut() {
            Some(d) if d.0 == first_days[i] => (d.1, d.2) = (d.1 + lengths[i], d.2 + 1.0),
            _ => by_day.push((first_days[i], lengths[i], 1.0)),
        }
    }
    let means: Vec<f64> = by_day.iter().map(|d| d.1 / d.2).collect();
    let (_, between) = moments(&means);
    let noise = by_day.iter().map(|d| length_var / d.2).sum::<f64>() / by_day.len() as f64;
    let turns = level_dist(
        mean_turns,
        between_days(between, noise, by_day.len()),
        by_day.len(),
        TURNS_BOUND.low,
    );
    lengths.sort_by(f64::total_cmp);
    Some((
        Groups {
            count: lengths.len(),
            share_of_requests: round_sig(share, 4),
            per_group: Spread::of_sorted(&lengths),
            history_tokens_per_turn: Some(per_turn),
        },
        turns,
    ))
}

/// Agent runs: requests per run (trace or run id), when most carry one.
fn runs(ok: &[Request]) -> Option<Groups> {
    let mut ids: Vec<u32> = ok.iter().map(|r| r.run).filter(|&r| r != NONE).collect();
    let share = ids.len() as f64 / ok.len() as f64;
    if share < IDS_MIN_SHARE {
        return None;
    }
    ids.sort_unstable();
    let mut steps: Vec<f64> = Vec::new();
    for (i, id) in ids.iter().enumerate() {
        if i == 0 || ids[i - 1] != *id {
            steps.push(0.0);
        }
        *steps.last_mut()? += 1.0;
    }
    steps.sort_by(f64::total_cmp);
    Some(Groups {
        count: steps.len(),
        share_of_requests: round_sig(share, 4),
        per_group: Spread::of_sorted(&steps),
        history_tokens_per_turn: None,
    })
}

fn models(log: &Log, ok: &[Request]) -> Vec<ModelShare> {
    let names = log.model_names();
    let mut counts = vec![0u64; names.len()];
    for r in ok.iter().filter(|r| r.model != NONE) {
        counts[r.model as usize] += 1;
    }
    let mut shares: Vec<ModelShare> = names
        .iter()
        .zip(&counts)
        .filter(|(_, c)| **c > 0)
        .map(|(name, &c)| ModelShare {
            model: (*name).to_owned(),
            share: round_sig(c as f64 / ok.len() as f64, 4),
        })
        .collect();
    shares.sort_by(|a, b| b.share.total_cmp(&a.share).then(a.model.cmp(&b.model)));
    shares
}

/// `YYYY-MM-DDTHH:MM:SSZ` (Howard Hinnant's civil-from-days).
pub(crate) fn utc_text(ms: i64) -> String {
    let days = ms.div_euclid(MS_PER_DAY);
    let secs = ms.rem_euclid(MS_PER_DAY) / 1000;
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        secs / 3600,
        secs / 60 % 60,
        secs % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utc_text_inverts_the_parser() {
        for t in [
            "1970-01-01T00:00:00Z",
            "2026-11-02T14:03:11Z",
            "2000-02-29T23:59:59Z",
            "2100-03-01T00:00:00Z",
        ] {
            assert_eq!(utc_text(super::super::time::parse(t).unwrap()), t);
        }
    }

    #[test]
    fn a_window_of_busy_hours_is_found_and_a_flat_day_is_not_given_one() {
        let mut hours = [10.0; 24];
        (8..18).for_each(|h| hours[h] = 100.0);
        let mut notes = Vec::new();
        // 1,000 of 1,140 requests in 8:00–18:00.
        let (start, end, share) = business_window(&hours, &mut notes);
        assert_eq!((start, end), (8, 18));
        assert!((share - 1000.0 / 1140.0).abs() < 1e-4, "{share}");
        assert!(notes.is_empty());
        let flat = [100.0; 24];
        assert_eq!(business_window(&flat, &mut notes), (9, 17, 8.0 / 24.0));
        assert_eq!(notes.len(), 1);
    }
}
