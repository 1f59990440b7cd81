//! The summary as CSV (issue 16): a row per architecture with its summary
//! numbers, for a spreadsheet. A pure function of the summary; the page's
//! on-demand module makes it (crates/on-demand), so it weighs nothing on
//! the first load.

use crate::csv::text_cell as field;
use crate::{Component, Summary};

/// One row per architecture with its summary numbers (issue 16): monthly
/// amounts in cents, probabilities to four decimals, unit costs (a query
/// costs fractions of a cent) to six, and the dates of the prices used.
pub fn csv(s: &Summary) -> String {
    let mut out = String::from(
        "id,name,kind,mean_usd,p5_usd,p50_usd,p95_usd,p99_usd,p_over_budget,cost_per_query_usd,cost_per_conversation_usd,cost_per_success_usd",
    );
    for c in Component::ALL {
        out.push_str(&format!(",{}_usd", c.key()));
    }
    out.push_str(",token_prices_as_of,instance_prices_as_of\n");
    let catalog = crate::catalog::Catalog::shipped();
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::presets;

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
        // Split at commas below: a name without one.
        sc.architectures[1].name = "Serverless".into();
        let s = crate::simulate(&sc).unwrap();
        let csv = csv(&s);
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(lines.len(), 1 + sc.architectures.len());
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
        let catalog = crate::catalog::Catalog::shipped();
        assert_eq!(cells[1], catalog.as_of);
        assert_eq!(cells[0], catalog.accelerators_as_of);
    }
}
