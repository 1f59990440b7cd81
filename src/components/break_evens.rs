//! The volumes at which each pair of architectures breaks even (issue 16):
//! where their median monthly spends cross on the crossover chart, which is
//! cheaper above, and the volumes around it where their P10–P90 bands
//! overlap, as `burnrate crossover --json` reports them.

use burnrate_model::Summary;
use burnrate_model::crossover::Crossover;
use leptos::prelude::*;

use crate::format::volume;
use crate::html::escape;
use crate::state::AppState;

/// The table as HTML: one row per pair of architectures and crossing, and a
/// row saying so for a pair that never crosses in the computed volumes.
pub fn break_evens_html(s: &Summary, c: &Crossover) -> String {
    let archs = &s.architectures;
    let (Some(first), Some(last)) = (c.points.first(), c.points.last()) else {
        return String::new();
    };
    let name = |id: &str| {
        escape(
            archs
                .iter()
                .find(|a| a.id == id)
                .map_or(id, |a| a.name.as_str()),
        )
    };
    let (low, high) = (volume(first.queries_per_day), volume(last.queries_per_day));
    let mut html = format!(
        "<table class=\"compare stack\" id=\"break-evens\" data-from=\"{}\" data-to=\"{}\" data-points=\"{}\" data-trials=\"{}\"><caption>Break-even volumes, from {low} to {high} queries a day</caption><thead><tr><th scope=\"col\">Pair</th><th scope=\"col\">Break-even (queries a day)</th><th scope=\"col\">Cheaper above it</th><th scope=\"col\">Either may be cheaper (P10–P90 overlap)</th></tr></thead><tbody>",
        first.queries_per_day,
        last.queries_per_day,
        c.points.len(),
        crate::run::CROSSOVER_TRIALS
    );
    for i in 0..archs.len() {
        for j in i + 1..archs.len() {
            let (a, b) = (&archs[i], &archs[j]);
            let pair = format!("{} and {}", name(&a.id), name(&b.id));
            let mut crossings = c
                .break_evens
                .iter()
                .filter(|e| e.a == a.id && e.b == b.id)
                .peekable();
            if crossings.peek().is_none() {
                let cheaper =
                    if first.bands.get(i).map(|x| x.p50) <= first.bands.get(j).map(|x| x.p50) {
                        &a.id
                    } else {
                        &b.id
                    };
                html += &format!(
                    "<tr data-a=\"{}\" data-b=\"{}\"><th scope=\"row\">{pair}</th><td data-label=\"Break-even\">none</td><td data-label=\"Cheaper\">{} throughout</td><td></td></tr>",
                    escape(&a.id),
                    escape(&b.id),
                    name(cheaper)
                );
            }
            for e in crossings {
                let from = e.overlap_from.map_or(format!("below {low}"), volume);
                let to = e.overlap_to.map_or(format!("above {high}"), volume);
                html += &format!(
                    "<tr data-a=\"{}\" data-b=\"{}\" data-q=\"{}\"><th scope=\"row\">{pair}</th><td data-label=\"Break-even\">{} a day</td><td data-label=\"Cheaper above\">{}</td><td data-label=\"Either may be cheaper\">{from} – {to}</td></tr>",
                    escape(&a.id),
                    escape(&b.id),
                    e.queries_per_day,
                    volume(e.queries_per_day),
                    name(&e.cheaper_above)
                );
            }
        }
    }
    html + "</tbody></table>"
}

#[component]
pub fn BreakEvens() -> impl IntoView {
    let r = expect_context::<AppState>().runner;
    let html = move || {
        r.crossover.with(|c| {
            r.summary.with(|s| match (s, c) {
                (Some(s), Some(c)) if c.bands_match(s.architectures.len()) => {
                    break_evens_html(s, c)
                }
                _ if r.cancelled.get() => {
                    "<p class=\"hint\">Break-even volumes: not computed, the run was cancelled.</p>"
                        .to_owned()
                }
                _ => "<p class=\"hint\">Computing the break-even volumes…</p>".to_owned(),
            })
        })
    };
    view! { <div class="table-scroll" inner_html=html></div> }
}

#[cfg(test)]
mod tests {
    use burnrate_model::crossover::{crossover, log_volumes};
    use burnrate_model::{Prepared, presets};

    /// Each crossing of the model's crossover is a row with its exact volume;
    /// a pair that never crosses says who is cheaper throughout.
    #[test]
    fn every_pair_has_a_row() {
        let mut s = presets::knowledge_base();
        s.trials = 500;
        let p = Prepared::new(&s).unwrap();
        let c = crossover(&p, &log_volumes(10.0, 1e7, 9), 100);
        let summary = burnrate_model::simulate(&s).unwrap();
        let html = super::break_evens_html(&summary, &c);
        for e in &c.break_evens {
            assert!(
                html.contains(&format!("data-q=\"{}\"", e.queries_per_day)),
                "{html}"
            );
        }
        let n = summary.architectures.len();
        let rows = html.matches("<tr data-a=").count();
        assert!(rows >= n * (n - 1) / 2, "{rows} rows: {html}");
        assert!(!c.break_evens.is_empty());
    }
}
