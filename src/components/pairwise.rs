//! How likely each architecture is cheaper than each other one (issue 16):
//! P(row's month costs less than column's) over the same simulated months,
//! as the CLI's `pairs` reports it.

use burnrate_model::Summary;
use leptos::prelude::*;

use crate::charts::summary_colours;
use crate::format::percent;
use crate::html::escape;
use crate::summary::{css_colour, with_summary};

/// The table as HTML: one row and one column per architecture. Columns are
/// numbered (names would not fit a phone) and named for screen readers.
pub fn pairwise_html(s: &Summary) -> String {
    let archs = &s.architectures;
    if archs.len() < 2 {
        return String::new();
    }
    let colours = summary_colours(s);
    let p_cheaper = |i: usize, j: usize| {
        s.pairs.iter().find_map(|p| {
            if p.a == archs[i].id && p.b == archs[j].id {
                Some(p.p_a_cheaper)
            } else if p.a == archs[j].id && p.b == archs[i].id {
                Some(1.0 - p.p_a_cheaper)
            } else {
                None
            }
        })
    };
    let mut html = String::from(
        "<table class=\"compare\" id=\"pairwise\"><caption>How often the row is cheaper than the column, in the same simulated months</caption><thead><tr><td></td>",
    );
    for (j, a) in archs.iter().enumerate() {
        html += &format!(
            "<th scope=\"col\"><span aria-hidden=\"true\">{}</span><span class=\"sr-only\">than {}</span></th>",
            j + 1,
            escape(&a.name)
        );
    }
    html += "</tr></thead><tbody>";
    for (i, a) in archs.iter().enumerate() {
        html += &format!(
            "<tr><th scope=\"row\" title=\"{name}\"><i class=\"swatch\" style=\"background:{}\"></i>{}. {name}</th>",
            css_colour(colours[i]),
            i + 1,
            name = escape(&a.name)
        );
        for (j, b) in archs.iter().enumerate() {
            html += &match p_cheaper(i, j).filter(|_| i != j) {
                Some(p) => format!(
                    "<td data-a=\"{}\" data-b=\"{}\" data-p=\"{p}\">{}</td>",
                    escape(&a.id),
                    escape(&b.id),
                    percent(p)
                ),
                None => "<td>—</td>".to_owned(),
            };
        }
        html += "</tr>";
    }
    html + "</tbody></table>"
}

#[component]
pub fn Pairwise() -> impl IntoView {
    let html = with_summary(pairwise_html);
    view! { <div class="table-scroll" inner_html=html></div> }
}

#[cfg(test)]
mod tests {
    /// Every off-diagonal cell is P(row cheaper than column), and the two
    /// cells of a pair add up to one (ties count half).
    #[test]
    fn cells_are_the_paired_probabilities_both_ways() {
        let mut s = burnrate_model::presets::knowledge_base();
        s.trials = 1_000;
        let summary = burnrate_model::simulate(&s).unwrap();
        let html = super::pairwise_html(&summary);
        for p in &summary.pairs {
            let cell = format!(
                "data-a=\"{}\" data-b=\"{}\" data-p=\"{}\"",
                p.a, p.b, p.p_a_cheaper
            );
            assert!(html.contains(&cell), "{cell} in {html}");
            let back = format!(
                "data-a=\"{}\" data-b=\"{}\" data-p=\"{}\"",
                p.b,
                p.a,
                1.0 - p.p_a_cheaper
            );
            assert!(html.contains(&back), "{back} in {html}");
        }
        assert_eq!(
            html.matches("<td>—</td>").count(),
            summary.architectures.len()
        );
    }
}
