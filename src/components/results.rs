//! The results: progress, summary cards, the cheapest architecture, warnings
//! in plain words, and the charts.

use std::sync::Arc;

use burnrate_model::results::ArchSummary;
use burnrate_model::results::alerts::Alert;
use burnrate_model::{Component, Summary};
use leptos::prelude::*;

use super::chart_canvas::ChartCanvas;
use crate::charts;
use crate::format::{count, money, percent};
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
        <Progress />
        <Show when=move || state.error.with(Option::is_some)>
            <p class="banner error" role="alert" id="scenario-error">
                {move || state.error.with(|e| e.as_ref().map(|e| format!("This scenario cannot run: {e}. The last valid result stays below.")))}
            </p>
        </Show>
        <Show when=has fallback=|| view! { <p class="hint">"Simulating…"</p> }>
            <div class="results-body" class:stale=move || state.stale() aria-busy=move || r.running.get().to_string()
                data-trials=with_summary(|s| s.trials)>
                <Show when=move || state.stale()>
                    <p class="banner stale-note">"Stale: these numbers are for the scenario before your last edit."</p>
                </Show>
                <Verdict />
                <Cards />
                <Show when=move || details.get()>
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
    let r = expect_context::<AppState>().runner;
    view! {
        <div class="progress" id="progress" data-running=move || r.running.get().to_string() data-done=move || r.done.get().to_string()
            data-workers=move || { r.running.get(); crate::run::Runner::worker_count().to_string() }>
            <progress max=move || r.total.get().max(1) value=move || r.done.get()></progress>
            <span aria-live="polite">
                {move || {
                    if r.running.get() && r.done.get() < r.total.get() {
                        format!("Simulating {} of {} months…", count(r.done.get() as f64), count(r.total.get() as f64))
                    } else if r.running.get() {
                        "Computing the crossover…".to_owned()
                    } else {
                        format!("{} simulated months", count(r.done.get() as f64))
                    }
                }}
            </span>
            <Show when=move || r.running.get()>
                <button type="button" class="secondary" on:click=move |_| r.cancel()>"Cancel"</button>
            </Show>
        </div>
    }
}

fn with_summary<T: Default>(
    f: impl Fn(&Summary) -> T + Copy + Send + Sync + 'static,
) -> impl Fn() -> T + Copy + Send + Sync + 'static {
    let r = expect_context::<AppState>().runner;
    move || r.summary.with(|s| s.as_ref().map(&f).unwrap_or_default())
}

#[component]
pub fn Verdict() -> impl IntoView {
    let text = with_summary(|s| {
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
        let mut order: Vec<&ArchSummary> = s.architectures.iter().collect();
        order.sort_by(|a, b| a.monthly_usd.mean.total_cmp(&b.monthly_usd.mean));
        match (order.get(1), s.p_cheapest_beats_runner_up) {
            (Some(second), Some(p)) => format!(
                "Cheapest on average: {} — cheaper than {} in {} of simulated months.",
                name(best),
                second.name,
                percent(p)
            ),
            _ => format!("Cheapest on average: {}.", name(best)),
        }
    });
    view! { <p class="verdict" id="verdict">{text}</p> }
}

#[component]
pub fn Cards() -> impl IntoView {
    let r = expect_context::<AppState>().runner;
    let cards = move || {
        r.summary.with(|s| {
            let Some(s) = s else { return Vec::new() };
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
                            style=format!("--arch-colour: {}", css_colour(i))>
                            <h3>{a.name.clone()}</h3>
                            <dl>
                                <dt>"Typical month (P50)"</dt><dd class="big">{money(a.monthly_usd.p50, c)}</dd>
                                <dt>"Bad month (P95)"</dt><dd>{money(a.monthly_usd.p95, c)}</dd>
                                <dt>"Chance over budget"</dt><dd>{percent(a.p_over_budget)}</dd>
                                <dt>"Per query"</dt><dd>{money(a.cost_per_query_usd.mean, c)}</dd>
                                <dt>"Per successful action"</dt><dd>{money(a.cost_per_success_usd.mean, c)}</dd>
                            </dl>
                        </article>
                    }
                })
                .collect::<Vec<_>>()
        })
    };
    view! { <div class="cards" id="cards">{cards}</div> }
}

fn css_colour(i: usize) -> String {
    let c = charts::colour(i);
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
                    "{name}: each query carries {multiplier:.0}× its own length in retrieved context (seed 000's retrieval overhead multiplier); a reranker or tighter chunking cuts it."
                ),
                Alert::IdleHours { share } => format!(
                    "{name}: the dedicated GPUs see no query in {} of hours, paid for all the same.",
                    percent(share)
                ),
                Alert::LowUtilization { utilization } => format!(
                    "{name}: GPUs are busy only {} of the time they are paid for.",
                    percent(utilization)
                ),
                Alert::Overloaded { hours_per_month } => format!(
                    "{name}: demand exceeds planned capacity in about {hours_per_month:.0} hours a month."
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

fn alt_spread(s: &Summary) -> String {
    s.architectures
        .iter()
        .map(|a| {
            format!(
                "{}: P50 {}, P95 {}",
                a.name,
                money(a.monthly_usd.p50, &s.currency),
                money(a.monthly_usd.p95, &s.currency)
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// The charts; `only` limits them to some ids (`histogram`, `cdf`, `breakdown`,
/// `crossover`, `tco`, `sensitivity`), as an embed asks.
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
    let summary_draw = |f: fn(
        &plotters::drawing::DrawingArea<plotters_canvas::CanvasBackend, plotters::coord::Shift>,
        &Summary,
        &charts::Theme,
    ) -> charts::ChartResult|
     -> super::chart_canvas::Draw {
        Arc::new(move |area, theme| {
            r.summary.with(|s| match s {
                Some(s) => f(area, s, theme),
                None => charts::draw_message(area, "No results yet", theme),
            })
        })
    };
    let crossover_draw: super::chart_canvas::Draw = Arc::new(move |area, theme| {
        let names: Vec<String> = state
            .scenario
            .with_untracked(|s| s.architectures.iter().map(|a| a.name.clone()).collect());
        let currency = state.scenario.with_untracked(|s| s.currency.clone());
        r.crossover.with(|c| match c {
            Some(c) if c.bands_match(names.len()) => {
                charts::crossover::draw(area, c, &names, &currency, theme)
            }
            _ => charts::draw_message(area, "Computing the crossover…", theme),
        })
    });
    let sensitivity_draw: super::chart_canvas::Draw = Arc::new(move |area, theme| {
        let arch = sens_arch();
        r.summary.with(|s| match s {
            Some(s) => charts::sensitivity::draw(area, s, arch, 8, theme),
            None => charts::draw_message(area, "No results yet", theme),
        })
    });
    let alt_cdf = with_summary(|s| {
        s.architectures
            .iter()
            .map(|a| {
                format!(
                    "{}: {} chance over budget",
                    a.name,
                    percent(a.p_over_budget)
                )
            })
            .collect::<Vec<_>>()
            .join("; ")
    });
    let alt_breakdown = with_summary(|s| {
        s.architectures
            .iter()
            .map(|a| {
                let mut parts: Vec<(Component, f64)> = a.breakdown_usd.iter().collect();
                parts.sort_by(|x, y| y.1.total_cmp(&x.1));
                let top: Vec<String> = parts
                    .iter()
                    .take(3)
                    .filter(|p| p.1 > 0.0)
                    .map(|(c, v)| format!("{} {}", c.label(), money(*v, &s.currency)))
                    .collect();
                format!("{}: {}", a.name, top.join(", "))
            })
            .collect::<Vec<_>>()
            .join("; ")
    });
    let alt_tco = with_summary(|s| {
        s.architectures
            .iter()
            .map(|a| {
                format!(
                    "{}: {} after {} months",
                    a.name,
                    money(
                        a.cumulative_tco_usd.last().copied().unwrap_or(0.0),
                        &s.currency
                    ),
                    s.horizon_months
                )
            })
            .collect::<Vec<_>>()
            .join("; ")
    });
    let alt_crossover = move || {
        r.crossover.with(|c| match c {
            Some(c) if !c.break_evens.is_empty() => c
                .break_evens
                .iter()
                .map(|b| {
                    format!(
                        "{} and {} break even near {} queries a day; {} is cheaper above",
                        b.a,
                        b.b,
                        count(b.queries_per_day),
                        b.cheaper_above
                    )
                })
                .collect::<Vec<_>>()
                .join("; "),
            Some(_) => "No break-even in this range: the order never changes.".to_owned(),
            None => "Computing.".to_owned(),
        })
    };
    let alt_sens = move || {
        let arch = sens_arch();
        r.summary.with(|s| {
            s.as_ref()
                .and_then(|s| s.sensitivity.get(arch))
                .map(|d| {
                    d.iter()
                        .take(3)
                        .map(|d| {
                            format!(
                                "{} ({:+.2})",
                                charts::sensitivity::input_label(&d.input),
                                d.rank_correlation
                            )
                        })
                        .collect::<Vec<_>>()
                        .join(", ")
                })
                .unwrap_or_default()
        })
    };
    let arch_names = with_summary(|s| {
        s.architectures
            .iter()
            .map(|a| a.name.clone())
            .collect::<Vec<_>>()
    });
    view! {
        <div class="charts">
            {wants("histogram").then(|| view! { <ChartCanvas id="chart-histogram" title="Monthly spend: how likely each amount is" height=280 draw=summary_draw(charts::histogram::draw) alt=Signal::derive(with_summary(alt_spread)) /> })}
            {wants("cdf").then(|| view! { <ChartCanvas id="chart-cdf" title="Chance a month costs more than…" height=280 draw=summary_draw(charts::cdf::draw) alt=Signal::derive(alt_cdf) /> })}
            {wants("breakdown").then(|| view! { <ChartCanvas id="chart-breakdown" title="Where the money goes (mean month)" height=260 draw=summary_draw(charts::breakdown::draw) alt=Signal::derive(alt_breakdown) /> })}
            {wants("crossover").then(|| view! { <ChartCanvas id="chart-crossover" title="Crossover: spend against volume (P10–P90)" height=300 draw=crossover_draw alt=Signal::derive(alt_crossover) /> })}
            {wants("tco").then(|| view! { <ChartCanvas id="chart-tco" title="Cumulative TCO over the horizon" height=260 draw=summary_draw(charts::tco::draw) alt=Signal::derive(alt_tco) /> })}
            {wants("sensitivity").then(|| view! { <div class="chart-with-control">
                <label>"Drivers of " <select on:change=move |ev| chosen.set(event_target_value(&ev).parse().ok()) prop:value=move || sens_arch().to_string()>
                    {move || arch_names().into_iter().enumerate().map(|(i, n)| view! { <option value=i.to_string()>{n}</option> }).collect_view()}
                </select></label>
                <ChartCanvas id="chart-sensitivity" title="What drives the spread" height=260 draw=sensitivity_draw alt=Signal::derive(alt_sens) />
            </div> })}
        </div>
    }
}
