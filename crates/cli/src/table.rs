//! The readable table `burnrate simulate` prints without `--json`.

use std::fmt::Write;

use burnrate_model::crossover::Crossover;
use burnrate_model::{Scenario, Summary};

/// Money in `currency`, with thousands separators and no false precision.
pub fn money(v: f64, currency: &str) -> String {
    let (digits, decimals) = if v.abs() >= 100.0 {
        (0, 0)
    } else if v.abs() >= 1.0 {
        (2, 2)
    } else {
        (4, 4)
    };
    let s = format!("{v:.digits$}");
    let (int, frac) = s.split_once('.').map_or((s.as_str(), ""), |(a, b)| (a, b));
    let (sign, int) = int.strip_prefix('-').map_or(("", int), |i| ("-", i));
    let mut grouped = String::new();
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    let p = burnrate_model::currency::prefix(currency);
    if decimals > 0 {
        format!("{sign}{p}{grouped}.{frac}")
    } else {
        format!("{sign}{p}{grouped}")
    }
}

/// Text from a scenario made safe for a terminal: control characters
/// (escape sequences) and the bidirectional overrides that reorder what is
/// shown are written as `\u{…}` escapes; line breaks are kept.
pub fn printable(text: &str) -> String {
    let bidi = |c: char| matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}');
    text.chars()
        .map(|c| {
            if (c.is_control() && c != '\n') || bidi(c) {
                c.escape_unicode().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

pub fn render(s: &Scenario, r: &Summary) -> String {
    printable(&render_raw(s, r))
}

fn render_raw(s: &Scenario, r: &Summary) -> String {
    let c = r.currency.as_str();
    let money = |v: f64| money(v, c);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} — {} trials, seed {}, average month over {} months, budget {}/month\n",
        s.name,
        r.trials,
        r.seed,
        r.horizon_months,
        money(r.monthly_budget_usd)
    );
    let _ = writeln!(
        out,
        "{:<44} {:>12} {:>12} {:>12} {:>12} {:>9} {:>11}",
        "architecture", "mean", "P5", "P50", "P95", "P(>budget)", "per query"
    );
    for a in &r.architectures {
        let m = &a.monthly_usd;
        let _ = writeln!(
            out,
            "{:<44} {:>12} {:>12} {:>12} {:>12} {:>9.1}% {:>11}",
            truncate(&a.name, 44),
            money(m.mean),
            money(m.p5),
            money(m.p50),
            money(m.p95),
            a.p_over_budget * 100.0,
            money(a.cost_per_query_usd.mean)
        );
    }
    if let (Some(id), Some(p)) = (&r.cheapest, r.p_cheapest_beats_runner_up) {
        let _ = writeln!(
            out,
            "\ncheapest on average: {id} (cheaper than the runner-up in {:.1}% of months)",
            p * 100.0
        );
    }
    let alerts = r.alerts();
    if !alerts.is_empty() {
        out.push_str("\nwarnings:\n");
    }
    for (i, alert) in alerts {
        let name = truncate(&r.architectures[i].name, 44);
        let words = alert.words(|p| format!("{:.1}%", p * 100.0), money);
        let _ = writeln!(out, "- {name}: {words}");
    }
    out
}

/// Median monthly spend per architecture at each volume, then the break-evens.
pub fn render_crossover(s: &Scenario, c: &Crossover) -> String {
    printable(&render_crossover_raw(s, c))
}

fn render_crossover_raw(s: &Scenario, c: &Crossover) -> String {
    let currency = s.currency.as_str();
    let mut out = String::new();
    let _ = write!(out, "{:>14}", "queries/day");
    for a in &s.architectures {
        let _ = write!(out, " {:>16}", truncate(&a.id, 16));
    }
    out.push('\n');
    for p in &c.points {
        let _ = write!(out, "{:>14.0}", p.queries_per_day);
        for b in &p.bands {
            let _ = write!(out, " {:>16}", money(b.p50, currency));
        }
        out.push('\n');
    }
    out.push('\n');
    if c.break_evens.is_empty() {
        out.push_str("no break-even in this range: the order never changes\n");
    }
    let (low, high) = (
        c.points.first().map_or(0.0, |p| p.queries_per_day),
        c.points.last().map_or(0.0, |p| p.queries_per_day),
    );
    for b in &c.break_evens {
        let from = b
            .overlap_from
            .map_or(format!("below {low:.0}"), |v| format!("{v:.0}"));
        let to = b
            .overlap_to
            .map_or(format!("above {high:.0}"), |v| format!("{v:.0}"));
        let _ = writeln!(
            out,
            "{} and {} break even at about {:.0} queries/day; above it {} is cheaper (either may be, P10-P90, from {from} to {to})",
            b.a, b.b, b.queries_per_day, b.cheaper_above
        );
    }
    out
}

fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_owned()
    } else {
        s.chars().take(n - 1).collect::<String>() + "…"
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn money_is_grouped_and_rounded_to_its_size() {
        assert_eq!(super::money(1_234_567.8, "USD"), "$1,234,568");
        assert_eq!(super::money(12.345, "USD"), "$12.35");
        assert_eq!(super::money(0.012345, "USD"), "$0.0123");
        assert_eq!(super::money(-2_500.0, "USD"), "-$2,500");
        assert_eq!(super::money(2_500.0, "EUR"), "€2,500");
        assert_eq!(super::money(2_500.0, "CHF"), "CHF 2,500");
    }
}
