//! The results: progress, summary cards, the cheapest architecture, warnings
//! in plain words, and the charts.

use std::sync::Arc;

use burnrate_model::Summary;
use burnrate_model::results::alerts::Alert;
use leptos::prelude::*;

use super::chart_canvas::{ChartCanvas, Draw};
use super::chart_readout::Read;
use crate::charts;
use crate::charts::registry::{CHARTS, Chart, Data};
use crate::format::{count, exact, money, percent};
use crate::state::AppState;

#[component]
pub fn Results() -> impl IntoView {
    let state = expect_context::<AppState>();
    let r = state.runner;
    let has = move || r.summary.with(Option::is_some);
    // The first result mounts in two tasks, the headline figures first: all
    // of it at once was one main-thread task of 50–100 ms.
    let details = RwSignal::new(false);
    Effect::new(move |_| {
        if has() && !details.get_untracked() {
            set_timeout(move || details.set(true), std::time::Duration::ZERO);
        }
    });
    view! {
        <Show when=move || state.error.with(Option::is_some) || r.failure.with(Option::is_some)>
            <p class="banner error" role="alert" id="scenario-error">
                {move || {
                    let why = state
                        .error
                        .with(|e| e.as_ref().map(|e| state.describe(e)))
                        .or_else(|| r.failure.get())?;
                    Some(format!("This scenario cannot run: {why}. The last valid result stays below."))
                }}
            </p>
        </Show>
        <Show when=has fallback=move || view! {
            <Show when=move || r.failure.with(Option::is_none)>
                <p class="hint">"Simulating…"</p>
            </Show>
        }>
            <div class="results-body" class:stale=move || state.stale() aria-busy=move || r.running.get().to_string()
                data-trials=with_summary(|s| s.trials)>
                <Show when=move || state.stale()>
                    <p class="banner stale-note">"Stale: these numbers are for the scenario before your last edit."</p>
                </Show>
                <PriceDate />
                <Cards />
                <Show when=move || details.get()>
                    <section class="comparisons" aria-labelledby="comparisons-title">
                        <h3 id="comparisons-title">"Which is cheaper, and when"</h3>
                        <super::pairwise::Pairwise />
                        <super::break_evens::BreakEvens />
                    </section>
                    <super::share::ShareExport />
                    <WarningsList />
                    <Charts only=None />
                </Show>
            </div>
        </Show>
    }
}

#[component]
pub fn Progress() -> impl IntoView {
    let state = expect_context::<AppState>();
    let r = state.runner;
    view! {
        <div class="progress" id="progress" data-running=move || r.running.get().to_string() data-done=move || r.done.get().to_string()
            data-cancelled=move || r.cancelled.get().to_string()
            data-workers=move || { r.running.get(); crate::run::Runner::worker_count().to_string() }>
            <progress aria-label="Simulation progress" max=move || r.total.get().max(1) value=move || r.done.get()></progress>
            <span aria-live="polite">
                {move || {
                    let (done, total) = (count(r.done.get() as f64), count(r.total.get() as f64));
                    if r.cancelled.get() {
                        format!("Cancelled after {done} of {total} simulated months: the figures are from those.")
                    } else if r.running.get() && r.done.get() < r.total.get() {
                        format!("Simulating {done} of {total} months…")
                    } else if r.running.get() {
                        "Computing the crossover…".to_owned()
                    } else {
                        format!("{done} simulated months")
                    }
                }}
            </span>
            <Show when=move || r.running.get()>
                <button type="button" class="secondary small" on:click=move |_| r.cancel_by_user()>"Cancel"</button>
            </Show>
            <Show when=move || r.cancelled.get()>
                <button type="button" class="small" id="resume" on:click=move |_| state.validate_and_run()>"Resume"</button>
            </Show>
        </div>
    }
}

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

#[component]
pub fn Verdict() -> impl IntoView {
    let text = with_summary(verdict_text);
    view! { <p class="verdict" id="verdict">{text}</p> }
}

/// The date of the shipped prices next to the verdict, and a note to check
/// them once they are over 90 days old.
#[component]
pub fn PriceDate() -> impl IntoView {
    let (text, stale) = burnrate_model::catalog::price_date_note(
        &burnrate_model::catalog::Catalog::shipped(),
        crate::format::today(),
    );
    view! { <p class=if stale { "banner stale-note" } else { "hint" } id="price-date">{text}</p> }
}

#[component]
pub fn Cards() -> impl IntoView {
    let r = expect_context::<AppState>().runner;
    let cards = move || {
        r.summary.with(|s| {
            let Some(s) = s else { return Vec::new() };
            let colours = charts::summary_colours(s);
            s.architectures
                .iter()
                .enumerate()
                .map(|(i, a)| {
                    let c = &s.currency;
                    let cheapest = s.cheapest.as_deref() == Some(a.id.as_str());
                    view! {
                        <article class="card" class:cheapest=cheapest data-arch=a.id.clone()
                            data-p50=a.monthly_usd.p50.to_string() data-p95=a.monthly_usd.p95.to_string()
                            data-mean=a.monthly_usd.mean.to_string() data-over=a.p_over_budget.to_string()
                            style=format!("--arch-colour: {}", css_colour(colours[i]))>
                            <h3>{a.name.clone()}</h3>
                            <dl>
                                <dt>"Typical month (P50)"</dt><dd class="big" tabindex="0" title=exact(a.monthly_usd.p50, c)>{money(a.monthly_usd.p50, c)}</dd>
                                <dt>"Bad month (P95)"</dt><dd tabindex="0" title=exact(a.monthly_usd.p95, c)>{money(a.monthly_usd.p95, c)}</dd>
                                <dt>"Chance over budget"</dt><dd>{percent(a.p_over_budget)}</dd>
                                <dt>"Month one (upfront work)"</dt><dd tabindex="0" title=exact(a.first_month_usd.mean, c)>{money(a.first_month_usd.mean, c)}</dd>
                                <dt>"Chance any month is over"</dt><dd>{percent(a.p_any_month_over_budget)}</dd>
                                <dt>"Per query"</dt><dd tabindex="0" title=exact(a.cost_per_query_usd.mean, c)>{money(a.cost_per_query_usd.mean, c)}</dd>
                                <dt>"Per successful action"</dt><dd tabindex="0" title=exact(a.cost_per_success_usd.mean, c)>{money(a.cost_per_success_usd.mean, c)}</dd>
                            </dl>
                        </article>
                    }
                })
                .collect::<Vec<_>>()
        })
    };
    view! { <div class="cards" id="cards">{cards}</div> }
}

pub fn css_colour(c: plotters::style::RGBColor) -> String {
    format!("rgb({},{},{})", c.0, c.1, c.2)
}

/// The model's alerts in plain words.
pub fn warnings(s: &Summary) -> Vec<String> {
    let c = &s.currency;
    s.alerts()
        .into_iter()
        .map(|(i, alert)| {
            let name = &s.architectures[i].name;
            match alert {
                Alert::RetrievalBloat { multiplier } => format!(
                    "{name}: each query carries {multiplier:.0}× its own length in retrieved context (the TCO deep dive's retrieval overhead multiplier); a reranker or tighter chunking cuts it."
                ),
                Alert::IdleHours { share } => format!(
                    "{name}: the dedicated GPUs see no query in {} of hours, paid for all the same.",
                    percent(share)
                ),
                Alert::LowUtilization { utilization } => format!(
                    "{name}: GPUs are busy only {} of the time they are paid for.",
                    percent(utilization)
                ),
                Alert::Overloaded { hours_per_month, spilled_share } => format!(
                    "{name}: demand exceeds the fleet's planned capacity in about {hours_per_month:.0} hours a month; {} of its work goes to the fallback API, at the API's price.",
                    percent(spilled_share)
                ),
                Alert::ContextWindow { share } => format!(
                    "{name}: {} of LLM calls reach the model's context window; their oldest history or agent steps are cut (and not billed).",
                    percent(share)
                ),
                Alert::RunawayLoops {
                    p_month,
                    mean_usd,
                    p99_usd,
                } => format!(
                    "{name}: runaway agent loops in {} of months, costing {} on average and up to {} in 1 month of 100.",
                    percent(p_month),
                    money(mean_usd, c),
                    money(p99_usd, c)
                ),
                Alert::RunsCut {
                    by_step_limit,
                    by_budget_cap,
                } => format!(
                    "{name}: the circuit breakers cut {} of agent runs short ({} by the step limit, {} by the budget cap): tasks left unfinished.",
                    percent(by_step_limit + by_budget_cap),
                    percent(by_step_limit),
                    percent(by_budget_cap)
                ),
                Alert::OverBudget { p, budget_usd } => format!(
                    "{name}: {} chance of overrunning the {} monthly budget.",
                    percent(p),
                    money(budget_usd, c)
                ),
            }
        })
        .collect()
}

#[component]
fn WarningsList() -> impl IntoView {
    let items = with_summary(warnings);
    view! {
        <section class="warnings" aria-labelledby="warnings-title">
            <h3 id="warnings-title">"Warnings"</h3>
            <Show when=move || !items().is_empty() fallback=|| view! { <p class="hint">"No warnings."</p> }>
                <ul>{move || items().into_iter().map(|w| view! { <li>{w}</li> }).collect_view()}</ul>
            </Show>
        </section>
    }
}

/// The charts of the registry; `only` limits them to some ids, as an embed asks.
#[component]
pub fn Charts(only: Option<Vec<String>>) -> impl IntoView {
    let wants = move |id: &str| only.as_ref().is_none_or(|o| o.iter().any(|x| x == id));
    let state = expect_context::<AppState>();
    let r = state.runner;
    let chosen = RwSignal::new(None::<usize>);
    let sens_arch = move || {
        chosen.get().unwrap_or_else(|| {
            r.summary.with(|s| {
                s.as_ref()
                    .and_then(|s| {
                        s.architectures
                            .iter()
                            .position(|a| Some(a.id.as_str()) == s.cheapest.as_deref())
                    })
                    .unwrap_or(0)
            })
        })
    };
    let arch_names = with_summary(|s| {
        s.architectures
            .iter()
            .map(|a| a.name.clone())
            .collect::<Vec<_>>()
    });
    let canvas = move |chart: &'static Chart| -> AnyView {
        let (draw, alt, read): (Draw, Signal<String>, Read) = match chart.data {
            Data::Summary { draw, alt, read } => (
                Arc::new(move |area, theme| {
                    r.summary.with(|s| match s {
                        Some(s) => draw(area, s, theme),
                        None => charts::draw_message(area, "No results yet", theme),
                    })
                }),
                Signal::derive(with_summary(alt)),
                Arc::new(move |x, y| {
                    r.summary
                        .with_untracked(|s| s.as_ref().and_then(|s| read(s, x, y)))
                }),
            ),
            Data::Crossover => (
                Arc::new(move |area, theme| {
                    let (names, colours, currency) = state.scenario.with_untracked(|s| {
                        let names: Vec<String> =
                            s.architectures.iter().map(|a| a.name.clone()).collect();
                        let colours =
                            charts::arch_colours(s.architectures.iter().map(|a| a.id.as_str()));
                        (names, colours, s.currency.clone())
                    });
                    r.crossover.with(|c| match c {
                        Some(c) if c.bands_match(names.len()) => {
                            charts::crossover::draw(area, c, &names, &colours, &currency, theme)
                        }
                        _ => charts::draw_message(area, "Computing the crossover…", theme),
                    })
                }),
                Signal::derive(move || {
                    let (ids, names): (Vec<String>, Vec<String>) =
                        state.scenario.with_untracked(|s| {
                            s.architectures
                                .iter()
                                .map(|a| (a.id.clone(), a.name.clone()))
                                .unzip()
                        });
                    r.crossover.with(|c| {
                        c.as_ref().map_or_else(
                            || "Computing.".to_owned(),
                            |c| charts::crossover::alt(c, &ids, &names),
                        )
                    })
                }),
                Arc::new(move |x, _| {
                    state.scenario.with_untracked(|s| {
                        r.crossover.with_untracked(|c| {
                            let names = &mut s.architectures.iter().map(|a| a.name.as_str());
                            charts::crossover::read(c.as_ref()?, names, &s.currency, x)
                        })
                    })
                }),
            ),
            Data::Drivers => (
                Arc::new(move |area, theme| {
                    let arch = sens_arch();
                    r.summary.with(|s| match s {
                        Some(s) => charts::sensitivity::draw(area, s, arch, 8, theme),
                        None => charts::draw_message(area, "No results yet", theme),
                    })
                }),
                Signal::derive(move || {
                    let arch = sens_arch();
                    r.summary.with(|s| {
                        s.as_ref()
                            .map(|s| charts::sensitivity::alt(s, arch))
                            .unwrap_or_default()
                    })
                }),
                Arc::new(move |_, y| {
                    let arch = untrack(sens_arch);
                    r.summary
                        .with_untracked(|s| charts::sensitivity::read(s.as_ref()?, arch, 8, y))
                }),
            ),
        };
        let view = view! { <ChartCanvas id=chart.dom_id title=chart.title height=chart.height draw=draw alt=alt read=read /> };
        match chart.data {
            Data::Drivers => view! { <div class="chart-with-control">
                <label>"Drivers of " <select on:change=move |ev| chosen.set(event_target_value(&ev).parse().ok()) prop:value=move || sens_arch().to_string()>
                    {move || arch_names().into_iter().enumerate().map(|(i, n)| view! { <option value=i.to_string()>{n}</option> }).collect_view()}
                </select></label>
                <p class="hint">{charts::sensitivity::EXPLANATION}</p>
                {view}
            </div> }
            .into_any(),
            _ => view.into_any(),
        }
    };
    view! {
        <div class="charts">
            {CHARTS.iter().filter(|c| wants(c.id)).map(canvas).collect_view()}
        </div>
    }
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
