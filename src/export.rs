//! Exports as plain text: the summary and the per-trial monthly costs as CSV,
//! the scenario as JSON. Pure functions, so they are tested natively.

use burnrate_model::csv::text_cell as field;
use burnrate_model::engine::Scratch;
use burnrate_model::{Component, Prepared, Summary};

/// One row per architecture with its summary numbers (issue 16): monthly
/// amounts in cents, probabilities to four decimals, unit costs (a query
/// costs fractions of a cent) to six, and the dates of the prices used.
pub fn summary_csv(s: &Summary) -> String {
    let mut out = String::from(
        "id,name,kind,mean_usd,p5_usd,p50_usd,p95_usd,p99_usd,p_over_budget,cost_per_query_usd,cost_per_conversation_usd,cost_per_success_usd",
    );
    for c in Component::ALL {
        out.push_str(&format!(",{}_usd", c.key()));
    }
    out.push_str(",token_prices_as_of,instance_prices_as_of\n");
    let catalog = burnrate_model::catalog::Catalog::shipped();
    for a in &s.architectures {
        let m = &a.monthly_usd;
        out.push_str(&format!(
            "{},{},{},{:.2},{:.2},{:.2},{:.2},{:.2},{:.4},{:.6},{:.6},{:.6}",
            field(&a.id),
            field(&a.name),
            field(&a.kind),
            m.mean,
            m.p5,
            m.p50,
            m.p95,
            m.p99,
            a.p_over_budget,
            a.cost_per_query_usd.mean,
            a.cost_per_conversation_usd,
            a.cost_per_success_usd.mean
        ));
        for v in a.breakdown_usd.values() {
            out.push_str(&format!(",{v:.2}"));
        }
        out.push_str(&format!(
            ",{},{}\n",
            catalog.as_of, catalog.accelerators_as_of
        ));
    }
    out
}

/// The header of the per-trial CSV.
pub fn trials_header(p: &Prepared) -> String {
    let ids: Vec<String> = p
        .scenario()
        .architectures
        .iter()
        .map(|a| field(&format!("{}_usd", a.id)))
        .collect();
    format!("trial,{}\n", ids.join(","))
}

/// Rows of the per-trial CSV for trials `range`: each trial's monthly spend per architecture.
pub fn trials_rows(
    p: &Prepared,
    range: std::ops::Range<u64>,
    scratch: &mut Scratch,
    out: &mut String,
) {
    for t in range {
        p.trial(t, scratch);
        out.push_str(&t.to_string());
        for a in scratch.archs() {
            out.push_str(&format!(",{:.2}", a.monthly_usd));
        }
        out.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use burnrate_model::presets;

    /// OWASP's cases: a tab or CR before a formula, a CR inside a name.
    #[test]
    fn text_cells_are_quoted_and_formulas_defused() {
        assert_eq!(field("\t=2+2"), "\"'\t=2+2\"");
        assert_eq!(field("\r=1+1"), "\"'\r=1+1\"");
        assert_eq!(field("x\r=1+1"), "\"x\r=1+1\"");
        assert_eq!(field("-5"), "\"'-5\"");
        assert_eq!(field("plain"), "\"plain\"");
    }

    #[test]
    fn summary_csv_has_a_row_per_architecture_and_escapes_names() {
        let mut sc = presets::idle_gpu();
        sc.trials = 100;
        sc.architectures[0].name = "=HYPERLINK(\"x\"), evil".into();
        let s = burnrate_model::simulate(&sc).unwrap();
        let csv = summary_csv(&s);
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(lines.len(), 3);
        assert!(lines[0].starts_with("id,name,kind,mean_usd") && lines[0].contains("gpu_idle_usd"));
        assert!(
            lines[1].starts_with("\"dedicated\",\"'=HYPERLINK(\"\"x\"\"), evil\",\"prompt_only\","),
            "{}",
            lines[1]
        );
        // Issue 16: money in cents, probabilities to four decimals, the price dates.
        let cells: Vec<&str> = lines[2].rsplit(',').collect();
        let header: Vec<&str> = lines[0].split(',').collect();
        let at = |name: &str| header.iter().position(|h| *h == name).unwrap();
        let row: Vec<&str> = lines[2].split(',').collect();
        assert_eq!(
            row[at("mean_usd")].split('.').nth(1).map(str::len),
            Some(2),
            "{}",
            lines[2]
        );
        assert_eq!(
            row[at("p_over_budget")].split('.').nth(1).map(str::len),
            Some(4)
        );
        let catalog = burnrate_model::catalog::Catalog::shipped();
        assert_eq!(cells[1], catalog.as_of);
        assert_eq!(cells[0], catalog.accelerators_as_of);
    }

    /// The per-trial rows average to the summary's mean (the same trials).
    #[test]
    fn trial_rows_match_the_summary() {
        let mut sc = presets::text_to_sql();
        sc.trials = 300;
        let p = Prepared::new(&sc).unwrap();
        let s = p.summarize(&p.run_chunk(0..300)).unwrap();
        let mut text = trials_header(&p);
        trials_rows(&p, 0..300, &mut Scratch::default(), &mut text);
        let rows: Vec<Vec<f64>> = text
            .lines()
            .skip(1)
            .map(|l| l.split(',').skip(1).map(|v| v.parse().unwrap()).collect())
            .collect();
        assert_eq!(rows.len(), 300);
        for (i, a) in s.architectures.iter().enumerate() {
            // Rows in cents: each within half a cent, so their mean too.
            let mean = rows.iter().map(|r| r[i]).sum::<f64>() / 300.0;
            assert!(
                (mean - a.monthly_usd.mean).abs() <= 0.005,
                "{mean} {}",
                a.monthly_usd.mean
            );
            assert!(
                rows.iter()
                    .all(|r| (r[i] * 100.0 - (r[i] * 100.0).round()).abs() < 1e-6)
            );
        }
    }
}
