//! `burnrate calibrate`: a usage log read in 1 MB pieces, the workload fitted
//! to it, and the fit in words beside the log's own statistics.

use std::fmt::Write as _;
use std::io::Read;

use burnrate_model::Dist;
use burnrate_model::calibrate::{Calibration, LogReader, Mapping, fit};
use burnrate_model::scenario::Workload;

use crate::table::printable;

/// Reads `file` in pieces and fits `base` to it.
pub fn from_file(file: &str, mapping: Mapping, base: &Workload) -> Result<Calibration, String> {
    let mut f = std::fs::File::open(file).map_err(|e| format!("cannot read {file}: {e}"))?;
    let mut reader = LogReader::new(mapping);
    let mut buffer = vec![0; 1 << 20];
    loop {
        match f.read(&mut buffer) {
            Ok(0) => break,
            Ok(n) => reader.feed(&buffer[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(format!("cannot read {file}: {e}")),
        }
    }
    let log = reader.finish().map_err(|e| format!("{file}: {e}"))?;
    fit(&log, base).map_err(|e| format!("{file}: {e}"))
}

/// Thousands separators, no decimals.
fn count(v: f64) -> String {
    let digits = format!("{:.0}", v.abs());
    let mut grouped = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    if v <= -0.5 {
        format!("-{grouped}")
    } else {
        grouped
    }
}

/// A number to three significant figures, grouped.
fn sig(v: f64) -> String {
    if v.abs() >= 1000.0 {
        count(v)
    } else {
        let digits = if v.abs() >= 100.0 {
            0
        } else if v.abs() >= 10.0 {
            1
        } else {
            2
        };
        format!("{v:.digits$}")
    }
}

fn dist(d: &Dist) -> String {
    match d {
        Dist::Fixed { value } => sig(*value),
        Dist::LogNormal { p5, p95 } => {
            format!("lognormal, 90% between {} and {}", sig(*p5), sig(*p95))
        }
        other => format!("{other:?}"),
    }
}

fn percent(v: f64) -> String {
    format!("{:.1}%", v * 100.0 + 0.0)
}

/// A change in percent with its sign (+0.0% for none).
fn change(v: f64) -> String {
    let p = v * 100.0;
    format!(
        "{}{:.1}%",
        if p < -0.05 { "" } else { "+" },
        if p.abs() < 0.05 { 0.0 } else { p }
    )
}

pub fn render(c: &Calibration) -> String {
    let (f, w) = (&c.fit, &c.workload);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Log: {} requests from {} rows ({} failed, left out); {} rows could not be read",
        count(f.requests as f64),
        count(f.rows as f64),
        count(f.failed_requests as f64),
        count(f.bad_rows as f64)
    );
    for b in &f.first_bad_rows {
        let _ = writeln!(out, "  line {}: {}", b.line, b.reason);
    }
    let columns: Vec<String> = f
        .columns
        .iter()
        .map(|(field, column)| format!("{} ← {column}", field.key()))
        .collect();
    let _ = writeln!(out, "Columns: {}", columns.join(", "));
    let _ = writeln!(
        out,
        "Span: {} to {}; {} whole days in UTC{:+} fitted",
        f.first_request_utc, f.last_request_utc, f.days_fitted, f.utc_offset_hours
    );
    let _ = writeln!(
        out,
        "The log's average month (30.4 days): {} input and {} output tokens\n",
        count(f.monthly_input_tokens),
        count(f.monthly_output_tokens)
    );
    let q = &f.queries_per_day;
    let rows: Vec<(&str, String, String)> = vec![
        (
            "Queries per day",
            format!(
                "mean {}, days' P5–P95 {}–{}",
                sig(q.mean),
                sig(q.p5),
                sig(q.p95)
            ),
            dist(&w.queries_per_day),
        ),
        (
            "Monthly growth",
            f.monthly_growth.map_or("too few days".into(), change),
            change(w.monthly_growth),
        ),
        (
            "Weekend factor",
            f.weekend_factor
                .map_or("no whole weekend".into(), |v| format!("{v}")),
            format!("{}", w.weekend_factor),
        ),
        (
            "Business hours",
            String::new(),
            format!(
                "{}:00–{}:00, {} of a day's requests",
                w.business_start_hour,
                w.business_end_hour,
                percent(w.business_hours_share)
            ),
        ),
        (
            "Hourly burstiness",
            format!("{}× Poisson's variance", f.hourly_dispersion_index),
            format!("cv {}", w.hourly_burst_cv),
        ),
        (
            "Input tokens/request",
            format!(
                "mean {}, P50 {}, P99 {}",
                sig(f.input_tokens.mean),
                sig(f.input_tokens.log.p50),
                sig(f.input_tokens.log.p99)
            ),
            format!(
                "query {} (cv {}, P99 {}) + history {}/turn",
                dist(&w.query_tokens.mean_tokens),
                w.query_tokens.cv_per_query,
                sig(f.input_tokens.fitted_p99),
                sig(w.history_tokens_per_turn)
            ),
        ),
        (
            "Output tokens/request",
            format!(
                "mean {}, P50 {}, P99 {}",
                sig(f.output_tokens.mean),
                sig(f.output_tokens.log.p50),
                sig(f.output_tokens.log.p99)
            ),
            format!(
                "{} (cv {}, P99 {})",
                dist(&w.output_tokens.mean_tokens),
                w.output_tokens.cv_per_query,
                sig(f.output_tokens.fitted_p99)
            ),
        ),
        (
            "Turns/conversation",
            f.conversations
                .as_ref()
                .map_or("no conversation ids".into(), |g| {
                    format!(
                        "{} conversations, mean {}, P95 {}",
                        count(g.count as f64),
                        sig(g.per_group.mean),
                        sig(g.per_group.p95)
                    )
                }),
            dist(&w.turns_per_conversation),
        ),
        (
            "Prompt cache",
            String::new(),
            format!(
                "{} of input read, {} written (managed APIs)",
                percent(f.prompt_cache_share),
                percent(f.prompt_cache_write_share)
            ),
        ),
    ];
    let _ = writeln!(out, "{:<22} {:<44} fitted", "", "the log");
    for (name, log, fitted) in rows {
        let _ = writeln!(out, "{name:<22} {log:<44} {fitted}");
    }
    if let Some(r) = &f.agent_runs {
        let _ = writeln!(
            out,
            "\nAgent runs: {} runs, {} steps each on average (P95 {}); every step is a request above, so the agents' steps are not added",
            count(r.count as f64),
            sig(r.per_group.mean),
            sig(r.per_group.p95)
        );
    }
    if !f.models.is_empty() {
        let models: Vec<String> = f
            .models
            .iter()
            .take(5)
            .map(|m| format!("{} {}", m.model, percent(m.share)))
            .collect();
        let _ = writeln!(out, "\nModels: {}", models.join(", "));
    }
    for note in &f.notes {
        let _ = writeln!(out, "Note: {note}.");
    }
    printable(&out)
}
