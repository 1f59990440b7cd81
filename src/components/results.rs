//! The results: progress, summary cards, the cheapest architecture, warnings
//! in plain words, and the charts.

use leptos::prelude::*;

use super::chart_list::Charts;
use crate::charts;
use crate::format::{count, exact, money, percent};
use crate::state::AppState;
use crate::summary::{css_colour, verdict_text, warnings, with_summary};

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
            <button type="button" class="secondary small" hidden=move || !r.running.get() on:click=move |_| r.cancel_by_user()>"Cancel"</button>
            <button type="button" class="small" id="resume" hidden=move || !r.cancelled.get() on:click=move |_| state.validate_and_run()>"Resume"</button>
        </div>
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
    let state = expect_context::<AppState>();
    let today = crate::format::today();
    // Dated by the catalog's instances only while the scenario runs on one
    // of them (one picked from the instance list is its own, dated by its source).
    let note = Memo::new(move |_| {
        let instances = state.scenario.with(|s| {
            burnrate_model::pin::used(s)
                .accelerators
                .iter()
                .any(|id| !s.catalog.accelerators.iter().any(|a| &a.id == id))
        });
        let (text, stale) = burnrate_model::catalog::price_date_note(
            &burnrate_model::catalog::Catalog::shipped(),
            today,
            instances,
        );
        // An embed has no Prices section: its reader checks the rates in the full app.
        if state.embedded {
            (
                text.replace(
                    "the rates under Prices",
                    "the rates (Open in burnrate, Prices)",
                ),
                stale,
            )
        } else {
            (text, stale)
        }
    });
    // Prices the scenario sets itself are not the catalog's, whatever its
    // date: said beside it, in the page and in an embed.
    let own = Memo::new(move |_| {
        state.scenario.with(|s| {
            burnrate_model::pin::own_prices_note(&burnrate_model::pin::differing(
                s,
                &burnrate_model::catalog::Catalog::shipped(),
            ))
            .unwrap_or_default()
        })
    });
    // Draws an input's distribution puts past its field's bound are held
    // there: said, so the spread shown is not taken for the one entered.
    let held = Memo::new(move |_| {
        state
            .scenario
            .with(|s| burnrate_model::inputs::held_at_bounds_note(s).unwrap_or_default())
    });
    view! {
        <p class=move || if note.get().1 { "banner stale-note" } else { "hint" } id="price-date">{move || note.get().0}</p>
        <p class="banner stale-note" id="own-prices" hidden=move || own.with(String::is_empty)>{own}</p>
        <p class="banner stale-note" id="held-at-bounds" hidden=move || held.with(String::is_empty)>{held}</p>
    }
}

/// What each figure of a card means, shown on hover and read after its
/// label by a screen reader.
const TYPICAL: &str = "The median average month: half of the simulated horizons average less. Upfront work is spread over the horizon; with growth on, this is the horizon's average month, neither month one nor the last.";
const BAD: &str = "95% of the simulated horizons average less than this a month.";
const OVER: &str =
    "The share of simulated horizons whose average month costs more than the monthly budget.";
const MONTH_ONE: &str = "Month one's spend, its upfront work (fine-tuning, indexing) included: the mean over the simulated horizons.";
const ANY_MONTH: &str = "The share of simulated horizons in which at least one month costs more than the monthly budget, month one with its upfront work included.";
const PER_QUERY: &str =
    "The average month's spend over its queries, the mean over the simulated horizons.";
const PER_SUCCESS: &str = "The average month's spend over its successful actions (its queries times the success rate under Outcome), the mean over the simulated horizons.";

/// A card's label with its meaning.
fn term(label: &'static str, meaning: &'static str) -> impl IntoView {
    view! { <dt title=meaning>{label}<span class="sr-only">{format!(": {meaning}")}</span></dt> }
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
                                {term("Typical month (P50)", TYPICAL)}<dd class="big" tabindex="0" title=exact(a.monthly_usd.p50, c)>{money(a.monthly_usd.p50, c)}</dd>
                                {term("Bad month (P95)", BAD)}<dd tabindex="0" title=exact(a.monthly_usd.p95, c)>{money(a.monthly_usd.p95, c)}</dd>
                                {term("Chance over budget", OVER)}<dd>{percent(a.p_over_budget)}</dd>
                                {term("Month one (upfront work)", MONTH_ONE)}<dd tabindex="0" title=exact(a.first_month_usd.mean, c)>{money(a.first_month_usd.mean, c)}</dd>
                                {term("Chance any month is over", ANY_MONTH)}<dd>{percent(a.p_any_month_over_budget)}</dd>
                                {term("Per query", PER_QUERY)}<dd tabindex="0" title=exact(a.cost_per_query_usd.mean, c)>{money(a.cost_per_query_usd.mean, c)}</dd>
                                {term("Per successful action", PER_SUCCESS)}<dd tabindex="0" title=exact(a.cost_per_success_usd.mean, c)>{money(a.cost_per_success_usd.mean, c)}</dd>
                            </dl>
                        </article>
                    }
                })
                .collect::<Vec<_>>()
        })
    };
    view! { <div class="cards" id="cards">{cards}</div> }
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
