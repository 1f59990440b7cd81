//! `burnrate capacity size`: the units of provisioned capacity a steady
//! load needs under an offer, by the vendor's own formula, and their price
//! a month on each term (`burnrate_model::provisioned`); `burnrate capacity
//! optimize`: the cheapest way to buy it under the simulated traffic
//! (`burnrate_model::capacity_search`).

use burnrate_model::capacity_plan::Plan;
use burnrate_model::capacity_search::{Base, Search};
use burnrate_model::markup::count;
use burnrate_model::provisioned::{Per, Sizing};

use crate::table::printable;

/// The sizing as a few lines of text.
pub fn render(s: &Sizing) -> String {
    let per = match s.per {
        Per::Minute => "minute",
        Per::Second => "second",
    };
    let unit = printable(&s.unit);
    let mut text = format!(
        "{} for {}: {} weighted tokens a {per} = {:.2} {unit} exact, {} {unit} to buy\n",
        printable(&s.offer),
        printable(&s.model),
        count(s.weighted_tokens),
        s.exact_units,
        s.units
    );
    for t in &s.monthly_usd {
        text += &format!("  {:<8} ${} a month\n", t.term, count(t.usd));
    }
    text
}

/// The options as a table, the best marked.
pub fn render_search(s: &Search) -> String {
    let committed = matches!(s.base, Base::Committed(_));
    let mut text = format!(
        "{}: {} trials an option; mean and P95 of the average month\n{:>9}  {:<20} {:>12} {:>12} {:>8} {:>8} {:>8}\n",
        printable(&s.arch),
        s.trials,
        if committed { "instances" } else { "units" },
        "term",
        "mean",
        "P95",
        "spilled",
        "refused",
        "P(over)"
    );
    let pct = |x: f64| format!("{:.2}%", 100.0 * x);
    for o in &s.options {
        let mark = if s.best.as_ref() == Some(o) {
            " <- best"
        } else {
            ""
        };
        text += &format!(
            "{:>9}  {:<20} {:>12} {:>12} {:>8} {:>8} {:>8}{}{mark}\n",
            o.units,
            printable(&o.term),
            format!("${}", count(o.mean_usd)),
            format!("${}", count(o.p95_usd)),
            pct(o.spilled_share),
            pct(o.throttled_share),
            pct(o.p_over_limit),
            if o.meets_limits {
                ""
            } else {
                "  over the limits"
            }
        );
    }
    match &s.best {
        Some(b) if b.units == 0 && committed => text += "Best: on demand, nothing committed.\n",
        Some(b) if b.units == 0 => text += "Best: pay-as-you-go.\n",
        Some(b) if committed => {
            text += &format!(
                "Best: {} instance{} committed, {}: ${} a month on average.\n",
                b.units,
                if b.units == 1 { "" } else { "s" },
                printable(&b.term),
                count(b.mean_usd)
            )
        }
        Some(b) => {
            text += &format!(
                "Best: {} units on {} (${:.4} a unit-hour): ${} a month on average.\n",
                b.units,
                printable(&b.term),
                b.usd_per_unit_hour,
                count(b.mean_usd)
            )
        }
        None => text += "No option meets the limits.\n",
    }
    if let Some(plan) = &s.plan {
        text += &render_plan(plan, committed);
    }
    text
}

/// When to add units, step by step.
fn render_plan(plan: &Plan, committed: bool) -> String {
    let unit = if committed { "instances" } else { "units" };
    let mut text = format!(
        "\nWhen to add {unit} as traffic grows: {} months a step, each sized for its last (busiest) month, on {}\n{:>9}  {:>9}  {:>7}  {:>12} {:>12} {:>8}\n",
        plan.every_months,
        printable(&plan.term),
        "months",
        unit,
        "added",
        "mean",
        "P95",
        "P(over)"
    );
    let mut held = 0;
    for step in &plan.steps {
        let o = &step.option;
        let added = o.units - held.min(o.units);
        text += &format!(
            "{:>9}  {:>9}  {:>7}  {:>12} {:>12} {:>8}{}\n",
            format!("{}-{}", step.month, step.until),
            if o.units == 0 {
                "none".to_owned()
            } else {
                o.units.to_string()
            },
            if added == 0 {
                "-".to_owned()
            } else {
                format!("+{added}")
            },
            format!("${}", count(o.mean_usd)),
            format!("${}", count(o.p95_usd)),
            format!("{:.2}%", 100.0 * o.p_over_limit),
            if o.meets_limits {
                ""
            } else {
                "  over the limits"
            }
        );
        held = held.max(o.units);
    }
    text += &format!(
        "Mean and P95 are of each step's last month. {} bought on a term longer than a step stay bought: a step never holds fewer.\n",
        if committed { "Instances" } else { "Units" }
    );
    text
}
