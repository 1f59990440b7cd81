//! Reading the run's summary in the page: values off it (the default until
//! there is one), the verdict and the alerts in words, an architecture's
//! colour as CSS. Shared by the results, the glance and the comparison
//! tables.

use burnrate_model::Summary;
use leptos::prelude::*;

use crate::format::{money, percent};
use crate::state::AppState;

/// A value read off the run's summary (the default until there is one).
pub fn with_summary<T: Default>(
    f: impl Fn(&Summary) -> T + Copy + Send + Sync + 'static,
) -> impl Fn() -> T + Copy + Send + Sync + 'static {
    let r = expect_context::<AppState>().runner;
    move || r.summary.with(|s| s.as_ref().map(&f).unwrap_or_default())
}

/// Below this chance of being cheaper in a simulated month, the cheapest on
/// average is a close call, and the verdict says so (issue 16).
const CLOSE_CALL: f64 = 0.6;

/// The verdict in words: the cheapest on average, and how often it beats
/// the runner-up in the same simulated months.
pub fn verdict_text(s: &Summary) -> String {
    let name = |id: &str| {
        s.architectures
            .iter()
            .find(|a| a.id == id)
            .map(|a| a.name.clone())
            .unwrap_or_default()
    };
    let Some(best) = s.cheapest.as_deref() else {
        return String::new();
    };
    let runner_up = s.ranking().get(1).map(|&i| &s.architectures[i]);
    match (runner_up, s.p_cheapest_beats_runner_up) {
        (Some(second), Some(p)) if p < CLOSE_CALL => format!(
            "A close call: {} is cheapest on average, but cheaper than {} in only {} of simulated months.",
            name(best),
            second.name,
            percent(p)
        ),
        (Some(second), Some(p)) => format!(
            "Cheapest on average: {} — cheaper than {} in {} of simulated months.",
            name(best),
            second.name,
            percent(p)
        ),
        _ => format!("Cheapest on average: {}.", name(best)),
    }
}

/// A chart colour as CSS.
pub fn css_colour(c: plotters::style::RGBColor) -> String {
    format!("rgb({},{},{})", c.0, c.1, c.2)
}

/// The model's alerts in plain words (`Alert::words`, which the CLI words too).
pub fn warnings(s: &Summary) -> Vec<String> {
    s.alerts()
        .into_iter()
        .map(|(i, alert)| {
            let words = alert.words(percent, |v| money(v, &s.currency));
            format!("{}: {words}", s.architectures[i].name)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The cheapest and its twin (the same design, drawing its own
    /// uncertain inputs) are a coin toss month by month: a close call, and
    /// worded as one. Knowledge-base's own runner-up loses most months: a
    /// verdict.
    #[test]
    fn a_toss_up_is_worded_as_a_close_call() {
        let mut s = burnrate_model::presets::knowledge_base();
        s.trials = 2_000;
        let summary = burnrate_model::simulate(&s).unwrap();
        let verdict = verdict_text(&summary);
        assert!(verdict.starts_with("Cheapest on average:"), "{verdict}");
        let best = summary.cheapest.clone().unwrap();
        let mut twin = s
            .architectures
            .iter()
            .find(|a| a.id == best)
            .unwrap()
            .clone();
        twin.id = "twin".into();
        twin.name = "Its twin".into();
        s.architectures.push(twin);
        let verdict = verdict_text(&burnrate_model::simulate(&s).unwrap());
        assert!(verdict.starts_with("A close call:"), "{verdict}");
        assert!(verdict.contains("in only "), "{verdict}");
    }
}
