//! The fit in words, for the CLI's table and the page's calibration panel
//! alike: each fitted input with what the log showed, the fitted value, and
//! the scenario's value before.

use super::fit::Calibration;
use crate::Dist;
use crate::scenario::Workload;

/// One input of the fit.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub input: &'static str,
    pub log: String,
    pub fitted: String,
    pub before: String,
}

pub use crate::markup::count;

/// A measured number to three significant figures, grouped from 1,000.
pub fn number(v: f64) -> String {
    if !v.is_finite() {
        return v.to_string();
    }
    if v.abs() >= 999.5 {
        return count(super::stats::round_sig(v, 3));
    }
    let digits = if v.abs() >= 99.95 {
        0
    } else if v.abs() >= 9.995 {
        1
    } else {
        2
    };
    format!("{v:.digits$}")
}

pub fn percent(v: f64) -> String {
    format!("{:.1}%", v * 100.0 + 0.0)
}

/// A change a month, with its sign (+0.0% for none).
pub fn change(v: f64) -> String {
    let p = v * 100.0;
    if p.abs() < 0.05 {
        return "+0.0%".into();
    }
    format!("{}{p:.1}%", if p < 0.0 { "" } else { "+" })
}

/// A distribution as the editor's shapes read.
pub fn dist(d: &Dist) -> String {
    match *d {
        Dist::Fixed { value } => number(value),
        Dist::Uniform { low, high } => format!("uniform {}–{}", number(low), number(high)),
        Dist::Triangular { low, mode, high } => format!(
            "triangular {} / {} / {}",
            number(low),
            number(mode),
            number(high)
        ),
        Dist::Pert { low, mode, high } => {
            format!("PERT {} / {} / {}", number(low), number(mode), number(high))
        }
        Dist::Normal { mean, sd } => format!("normal {} ± {}", number(mean), number(sd)),
        Dist::LogNormal { p5, p95 } => {
            format!(
                "lognormal, 90% in {}–{} (mean {})",
                number(p5),
                number(p95),
                number(d.mean())
            )
        }
        Dist::Poisson { mean } => format!("Poisson, mean {}", number(mean)),
        Dist::NegBinomial { mean, dispersion } => format!(
            "negative binomial, mean {}, dispersion {}",
            number(mean),
            number(dispersion)
        ),
        Dist::Geometric { mean } => format!("geometric, mean {}", number(mean)),
    }
}

fn window(w: &Workload) -> String {
    format!(
        "{}:00–{}:00, {} of a day",
        w.business_start_hour,
        w.business_end_hour,
        percent(w.business_hours_share)
    )
}

fn tokens(mean: &Dist, cv: f64) -> String {
    format!("{}, spread cv {}", dist(mean), number(cv))
}

/// The rows of the fit, the inputs in the editor's order: what the log
/// holds, what is `written` (the workload accepting the fit writes: the
/// fit, less what the recording architecture adds to each call itself) and
/// what the scenario has now (`before`).
pub fn rows(c: &Calibration, written: &Workload, before: &Workload) -> Vec<Row> {
    let (f, w, b) = (&c.fit, written, before);
    let q = &f.queries_per_day;
    let spread = |s: &super::stats::Spread| {
        format!(
            "mean {}, P50 {}, P95 {}, P99 {}",
            number(s.mean),
            number(s.p50),
            number(s.p95),
            number(s.p99)
        )
    };
    let row = |input, log: String, fitted: String, before: String| Row {
        input,
        log,
        fitted,
        before,
    };
    vec![
        row(
            "Queries per day",
            format!(
                "mean {}, days' P5–P95 {}–{}",
                number(q.mean),
                number(q.p5),
                number(q.p95)
            ),
            dist(&w.queries_per_day),
            dist(&b.queries_per_day),
        ),
        row(
            "Monthly growth",
            f.monthly_growth
                .map_or("too few days for a trend".into(), change),
            change(w.monthly_growth),
            change(b.monthly_growth),
        ),
        row(
            "Business hours",
            if f.notes.iter().any(|n| n.contains("business window")) {
                "no window stands out".into()
            } else {
                "a busier window".into()
            },
            window(w),
            window(b),
        ),
        row(
            "Weekend factor",
            f.weekend_factor
                .map_or("no whole weekend day".into(), number),
            number(w.weekend_factor),
            number(b.weekend_factor),
        ),
        row(
            "Burstiness (cv of the hourly rate)",
            format!(
                "hourly counts vary {}× as much as Poisson",
                number(f.hourly_dispersion_index)
            ),
            number(w.hourly_burst_cv),
            number(b.hourly_burst_cv),
        ),
        row(
            "Turns per conversation",
            f.conversations
                .as_ref()
                .map_or("no conversation ids".into(), |g| {
                    format!(
                        "{} conversations: mean {}, P95 {}",
                        count(g.count as f64),
                        number(g.per_group.mean),
                        number(g.per_group.p95)
                    )
                }),
            dist(&w.turns_per_conversation),
            dist(&b.turns_per_conversation),
        ),
        row(
            "History per earlier turn (tokens)",
            f.conversations
                .as_ref()
                .and_then(|g| g.history_tokens_per_turn)
                .map_or("inside each request's input".into(), number),
            number(w.history_tokens_per_turn),
            number(b.history_tokens_per_turn),
        ),
        row(
            "Query tokens",
            format!("input per request: {}", spread(&f.input_tokens.log)),
            tokens(&w.query_tokens.mean_tokens, w.query_tokens.cv_per_query),
            tokens(&b.query_tokens.mean_tokens, b.query_tokens.cv_per_query),
        ),
        row(
            "Output tokens",
            spread(&f.output_tokens.log),
            tokens(&w.output_tokens.mean_tokens, w.output_tokens.cv_per_query),
            tokens(&b.output_tokens.mean_tokens, b.output_tokens.cv_per_query),
        ),
        row(
            "Prompt cache (managed APIs)",
            format!(
                "{} of input read, {} written",
                percent(f.prompt_cache_share),
                percent(f.prompt_cache_write_share)
            ),
            format!(
                "{} read, {} written",
                percent(f.prompt_cache_share),
                percent(f.prompt_cache_write_share)
            ),
            "each architecture's own".into(),
        ),
    ]
}

/// What was read, in one sentence.
pub fn read_summary(c: &Calibration) -> String {
    let f = &c.fit;
    let mut text = format!(
        "{} requests from {} rows ({} failed, left out; {} could not be read), {} to {}: {} whole days in UTC{:+} fitted. The log's average month holds {} input and {} output tokens.",
        count(f.requests as f64),
        count(f.rows as f64),
        count(f.failed_requests as f64),
        count(f.bad_rows as f64),
        f.first_request_utc,
        f.last_request_utc,
        f.days_fitted,
        f.utc_offset_hours,
        count(f.monthly_input_tokens),
        count(f.monthly_output_tokens)
    );
    // The level is the log's average day, its middle: with growth, a
    // forecast starting after the log starts higher (half the log and half
    // a month later).
    if let Some(g) = f.monthly_growth.filter(|g| g.abs() >= 0.005) {
        let months = (f.days_fitted as f64 / 2.0 + crate::scenario::DAYS_PER_MONTH / 2.0)
            / crate::scenario::DAYS_PER_MONTH;
        text += &format!(
            " Queries per day is the log's average day, its middle; at {} a month, the month after the log is about {} higher.",
            change(g),
            percent((1.0 + g).powf(months) - 1.0)
        );
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_as_measured() {
        assert_eq!(count(1_234_567.0), "1,234,567");
        assert_eq!(count(0.0), "0");
        assert_eq!(number(11_905.3), "11,900");
        assert_eq!(number(283.4), "283");
        assert_eq!(number(0.797), "0.80");
        assert_eq!(number(23.96), "24.0");
        assert_eq!(change(-0.0001), "+0.0%");
        assert_eq!(change(0.0998), "+10.0%");
        assert_eq!(change(-0.05), "-5.0%");
        assert_eq!(dist(&Dist::fixed(1.0)), "1.00");
    }
}
