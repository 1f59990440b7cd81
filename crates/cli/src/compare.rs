//! `burnrate compare`: a bill (FOCUS CSV, or OpenAI's or Anthropic's cost
//! report) against the scenario's forecast,
//! month by month (`burnrate_model::bill` reads it,
//! `burnrate_model::results::compare` places it).

use burnrate_model::bill::{self, Mapping, Rule};
use burnrate_model::results::compare::{self, Comparison};
use burnrate_model::{Prepared, Scenario};

use crate::table::{money, printable};

/// Reads the bill, maps its rows, runs the forecast and places each month.
pub fn run(
    scenario: &Scenario,
    text: &str,
    arch: Option<String>,
    map: &[String],
    start_month: Option<String>,
    threads: usize,
) -> Result<Comparison, String> {
    let ids: Vec<String> = scenario
        .architectures
        .iter()
        .map(|a| a.id.clone())
        .collect();
    let mapping = if map.is_empty() {
        match (arch, ids.as_slice()) {
            (Some(a), _) => Mapping::All(a),
            (None, [only]) => Mapping::All(only.clone()),
            (None, _) => {
                return Err(format!(
                    "which architecture is the bill for? Pass --arch ID (one of {}), or --map TEXT=ARCH rules",
                    ids.join(", ")
                ));
            }
        }
    } else {
        Mapping::Rules(
            map.iter()
                .map(|r| Rule::parse(r))
                .collect::<Result<_, _>>()?,
        )
    };
    let prices = bill::Prices::of(scenario);
    let bill = bill::read(text, &ids, &mapping, &prices)?;
    let start = start_month
        .or_else(|| scenario.start_month.clone())
        .or_else(|| bill.months.keys().next().cloned())
        .ok_or("the bill has no rows")?;
    let mut s = scenario.clone();
    // Dated prices apply by the horizon's calendar months.
    s.start_month = Some(start.clone());
    let prepared = Prepared::new(&s).map_err(|e| e.to_string())?;
    let f = compare::forecast(&prepared, threads);
    compare::compare(&prepared, &f, &bill, &start)
}

/// The comparison as a table, then what could not be placed.
pub fn render(c: &Comparison) -> String {
    let m = |v: f64| money(v, &c.currency);
    let mut out = format!(
        "Bill against forecast ({} trials, horizon from {}):\n{:<8} {:<16} {:>12} {:>12} {:>12} {:>12} {:>11}\n",
        c.trials,
        c.start_month,
        "month",
        "architecture",
        "actual",
        "P5",
        "P50",
        "P95",
        "percentile"
    );
    for r in &c.months {
        let mark = if r.complete { "" } else { "  partial month" };
        out += &format!(
            "{:<8} {:<16} {:>12} {:>12} {:>12} {:>12} {:>10.1}%{mark}\n",
            r.month,
            printable(&r.arch),
            m(r.actual_usd),
            m(r.forecast_p5),
            m(r.forecast_p50),
            m(r.forecast_p95),
            r.percentile
        );
    }
    if c.complete_months > 0 {
        out += &format!(
            "{} of {} complete months inside the forecast's P5–P95 (nine in ten expected).\n",
            c.inside_p5_p95, c.complete_months
        );
    }
    if let Some(n) = c.priced_requests {
        out += &format!(
            "The bill is a usage log: {} requests, each priced as the catalog lists its model. To refit the workload from it: burnrate calibrate LOG --into SCENARIO.\n",
            burnrate_model::markup::count(n as f64)
        );
    }
    for u in &c.unplaced {
        // A usage log's unpriced requests have no amount: their count is in `why`.
        let amount = if u.usd == 0.0 {
            String::new()
        } else {
            format!(" {}", m(u.usd))
        };
        out += &format!("Not compared: {}{amount} ({}).\n", u.month, u.why);
    }
    out
}
