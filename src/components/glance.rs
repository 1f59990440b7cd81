//! The results at a glance, kept in view while the editor scrolls (issue 16):
//! the run's progress, the verdict, and each architecture's typical and bad
//! month. On a desktop it heads the results column; on a phone it stays at
//! the top of the screen above the editor.

use burnrate_model::Summary;
use leptos::prelude::*;

use super::results::{Progress, Verdict};
use crate::charts::summary_colours;
use crate::format::money;
use crate::html::escape;
use crate::state::AppState;
use crate::summary::{css_colour, with_summary};

/// Each architecture's P50 and P95 as an HTML table, the cheapest marked.
pub fn glance_html(s: &Summary) -> String {
    let colours = summary_colours(s);
    let mut html = String::from(
        "<table class=\"glance-table\"><thead><tr><th scope=\"col\">Architecture</th><th scope=\"col\">Typical month</th><th scope=\"col\">Bad month (P95)</th></tr></thead><tbody>",
    );
    for (i, a) in s.architectures.iter().enumerate() {
        let cheapest = s.cheapest.as_deref() == Some(a.id.as_str());
        html += &format!(
            "<tr{}><th scope=\"row\"><i class=\"swatch\" style=\"background:{}\"></i>{}</th><td>{}</td><td>{}</td></tr>",
            if cheapest { " class=\"cheapest\"" } else { "" },
            css_colour(colours[i]),
            escape(&a.name),
            // The currency is the scenario's text: escaped like the name.
            escape(&money(a.monthly_usd.p50, &s.currency)),
            escape(&money(a.monthly_usd.p95, &s.currency))
        );
    }
    html + "</tbody></table>"
}

#[component]
pub fn Glance() -> impl IntoView {
    let state = expect_context::<AppState>();
    let table = with_summary(glance_html);
    view! {
        <aside class="glance" id="glance" aria-label="Results at a glance" class:stale=move || state.stale()>
            <Progress />
            <Verdict />
            <div inner_html=table></div>
        </aside>
    }
}

#[cfg(test)]
mod tests {
    /// A currency or name of markup (from a link) stays text in the table:
    /// no element of its own, no style sheet.
    #[test]
    fn markup_in_the_currency_and_names_stays_text() {
        let mut s = burnrate_model::presets::idle_gpu();
        s.trials = 100;
        s.currency = "<style>".into();
        s.architectures[0].name = "<h1>x</h1><!--".into();
        let summary = burnrate_model::simulate(&s).unwrap();
        let html = super::glance_html(&summary);
        for tag in ["<style", "<h1", "<!--"] {
            assert!(!html.contains(tag), "{tag} in {html}");
        }
        assert!(html.contains("&lt;style&gt;"));
    }
}
