//! `burnrate calibrate`: a usage log read in 1 MB pieces, the workload fitted
//! to it, and the fit in words beside the log's own statistics.

use std::fmt::Write as _;
use std::io::Read;

use burnrate_model::calibrate::{Calibration, LogReader, Mapping, fit, report};
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
            Ok(n) => {
                reader.feed(&buffer[..n]);
                // A refused file (`/dev/zero`: no text, no line break) ends here.
                if reader.refused() {
                    break;
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(format!("cannot read {file}: {e}")),
        }
    }
    let log = reader.finish().map_err(|e| format!("{file}: {e}"))?;
    fit(&log, base).map_err(|e| format!("{file}: {e}"))
}

/// The report of fit `c`: the log's figures beside the workload `written`
/// (the scenario's with --into, else the fit's own).
pub fn render(c: &Calibration, written: &Workload, before: &Workload) -> String {
    let f = &c.fit;
    let mut out = report::read_summary(c) + "\n";
    for b in &f.first_bad_rows {
        let _ = writeln!(out, "  line {}: {}", b.line, b.reason);
    }
    let columns: Vec<String> = f
        .columns
        .iter()
        .map(|(field, column)| format!("{} ← {column}", field.key()))
        .collect();
    let _ = writeln!(out, "Columns: {}\n", columns.join(", "));
    let rows = report::rows(c, written, before);
    let width = |pick: fn(&report::Row) -> &str| {
        rows.iter()
            .map(|r| pick(r).chars().count())
            .max()
            .unwrap_or(0)
    };
    let (a, b) = (width(|r| r.input), width(|r| r.log.as_str()));
    let _ = writeln!(out, "{:<a$}  {:<b$}  written", "", "the log");
    for r in &rows {
        let _ = writeln!(out, "{:<a$}  {:<b$}  {}", r.input, r.log, r.fitted);
    }
    if let Some(r) = &f.agent_runs {
        let _ = writeln!(
            out,
            "\nAgent runs: {} runs, {} steps each on average (P95 {}); every step is a request above, so the agents' steps are not added",
            report::count(r.count as f64),
            report::number(r.per_group.mean),
            report::number(r.per_group.p95)
        );
    }
    if !f.models.is_empty() {
        let models: Vec<String> = f
            .models
            .iter()
            .take(5)
            .map(|m| format!("{} {}", m.model, report::percent(m.share)))
            .collect();
        let _ = writeln!(out, "\nModels: {}", models.join(", "));
    }
    for note in &f.notes {
        let _ = writeln!(out, "Note: {note}.");
    }
    printable(&out)
}
