//! burnrate's web app. Components live here (not in `main.rs`) so tests can
//! import them; the app only edits a `Scenario` and draws a result.

pub mod address;
pub mod charts;
pub mod codec;
pub mod components;
pub mod deflate;
pub mod downloads;
pub mod field_messages;
pub mod format;
pub mod history;
pub mod html;
pub mod png_export;
pub mod protocol;
pub mod run;
pub mod schedule;
pub mod state;
pub mod storage;
pub mod summary;
pub mod worker;
pub mod workers;

use burnrate_model::presets::{self, PRESETS};
use leptos::prelude::*;

use components::editor::Editor;
use components::results::Results;
use state::AppState;

/// What burnrate does, in one sentence: shown under the product name.
pub const TAGLINE: &str = "What your LLM deployment will really cost per month, \
     and how likely each figure is: RAG, fine-tuning, prompt-only and hybrid, \
     simulated in your browser.";

/// The charts an embed's `charts=` option names (the histogram when none is valid).
pub fn embed_charts(hash: &str) -> Vec<String> {
    let asked = address::Fragment::parse(hash)
        .charts
        .into_iter()
        .filter(|c| charts::registry::find(c).is_some())
        .collect::<Vec<_>>();
    if asked.is_empty() {
        vec!["histogram".to_owned()]
    } else {
        asked
    }
}

/// The page: the full app, or the compact read-only embed (`#embed=1&charts=…&s=…`).
#[component]
pub fn Root() -> impl IntoView {
    let hash = address::hash();
    if address::Fragment::parse(&hash).embed {
        view! { <Embed charts=embed_charts(&hash) /> }.into_any()
    } else {
        view! { <App /> }.into_any()
    }
}

/// The embed for wiki pages: the scenario's verdict, cards and chosen charts,
/// read-only, with a way into the full app.
#[component]
fn Embed(charts: Vec<String>) -> impl IntoView {
    let href = address::href();
    // A theme the embed was given wins over the viewer's setting (a light
    // wiki stays light for a viewer in dark mode): see `.theme-light`.
    if let Some(theme) = address::Fragment::parse(&address::hash()).theme
        && let Some(root) = document().document_element()
    {
        let _ = root.set_attribute("class", &format!("theme-{theme}"));
    }
    let base = href.split('#').next().unwrap_or(&href).to_owned();
    let open = format!("{base}#s={}", burnrate_model::link::payload_of(&href));
    let (mut state, error) = match address::opened() {
        address::Opened::Scenario(s, checked) => {
            let state = AppState::new(*s);
            state.unchecked_link.set(!checked);
            (state, None)
        }
        address::Opened::Bad(e, _) => (
            AppState::new(presets::knowledge_base()),
            Some(e.to_string()),
        ),
        address::Opened::Nothing => (
            AppState::new(presets::knowledge_base()),
            Some("This embed has no scenario in it.".to_owned()),
        ),
    };
    state.embedded = true;
    provide_context(state);
    let ok = error.is_none();
    let charts = StoredValue::new(charts);
    if ok {
        state.validate_and_run();
    }
    view! {
        <div class="embed">
            <div class="embed-header">
                <strong class="brand">"burnrate"</strong>
                <span id="scenario-name">{move || state.scenario.with(|s| s.name.clone())}</span>
                <a href=open target="_blank" rel="noopener" id="open-full">"Open in burnrate ↗"</a>
            </div>
            {error.map(|e| view! { <p class="banner error" role="alert" id="bad-link">{e}</p> })}
            <UncheckedLink />
            <Show when=move || ok>
                <components::results::Progress />
                <Show when=move || state.runner.summary.with(Option::is_some)>
                    <components::results::Verdict />
                    <components::results::PriceDate />
                    <components::results::Cards />
                    <components::chart_list::Charts only=Some(charts.get_value()) />
                </Show>
            </Show>
        </div>
    }
}

/// The app: header with presets, the scenario editor, the results.
#[component]
pub fn App() -> impl IntoView {
    let saved = storage::load_autosave();
    let kept = storage::load_history();
    let state = match address::opened() {
        address::Opened::Nothing => AppState::new(saved.unwrap_or_else(presets::knowledge_base)),
        address::Opened::Scenario(linked, checked) => {
            let state = AppState::new(*linked);
            state.unchecked_link.set(!checked);
            // The user's own scenario stays restorable: the autosave the
            // link replaced goes first, before those kept from earlier.
            let mut history = kept.clone();
            if let Some(own) = saved {
                let linked = state.scenario.get_untracked();
                history::push(&mut history, own, &linked, "a link", js_sys::Date::now());
            }
            state.history.set(history);
            state
        }
        address::Opened::Bad(e, link) => {
            let state = AppState::new(saved.unwrap_or_else(presets::knowledge_base));
            state.bad_link.set(Some((e.to_string(), link)));
            state
        }
    };
    if state.history.with_untracked(Vec::is_empty) {
        state.history.set(kept);
    }
    provide_context(state);
    state.validate_and_run();
    // The replaced scenarios survive reloads until restored or forgotten.
    Effect::new(move |_| {
        if let Some(cut) = state.history.with(|h| storage::keep_history(h)) {
            state.autosaving.set(cut);
        }
    });
    // A link pasted into this tab changes only the fragment: open it too.
    let listener =
        window_event_listener(leptos::ev::hashchange, move |_| match address::opened() {
            address::Opened::Nothing => {}
            address::Opened::Scenario(linked, checked) => {
                state.bad_link.set(None);
                if *linked != state.scenario.get_untracked() {
                    // Price imports and accepted calibrations open as links too.
                    state.load(*linked, "a link, price import or calibration");
                    state.unchecked_link.set(!checked);
                }
            }
            address::Opened::Bad(e, link) => state.bad_link.set(Some((e.to_string(), link))),
        });
    on_cleanup(move || listener.remove());
    // Another tab's autosave replaces this one's: say so instead of keeping
    // only the last writer silently.
    let other_tab = window_event_listener_untyped("storage", move |_| {
        let ours = state.scenario.get_untracked();
        if storage::load_autosave().is_some_and(|saved| saved != ours) {
            state.autosaving.set(storage::Saved::OtherTab);
        }
    });
    on_cleanup(move || other_tab.remove());
    view! {
        // The results come first in the page's order and the editor is on the
        // left of a wide screen: a keyboard goes straight to either.
        <a class="skip-link" href="#inputs-title">"Skip to the scenario editor"</a>
        <a class="skip-link" href="#results-title">"Skip to the results"</a>
        <header class="app-header">
            <div class="brand-row">
                <h1 class="brand">"burnrate"</h1>
                <PresetPicker />
                <ShareButton />
            </div>
            <p class="tagline">{TAGLINE}</p>
        </header>
        <BadLink />
        <UncheckedLink />
        <RefusedAutosave />
        // The results come first: on a phone they show first (and the
        // glance sticks over the editor), so the tab order follows what is
        // seen; on a desktop the grid puts the editor on the left.
        <main class="app-main">
            <div class="results-column">
                <components::glance::Glance />
                <section class="panel results" aria-labelledby="results-title">
                    <h2 id="results-title" tabindex="-1">"Monthly spend"</h2>
                    <Results />
                </section>
            </div>
            <section class="panel inputs" aria-labelledby="inputs-title">
                <h2 id="inputs-title" tabindex="-1">"Scenario"</h2>
                <p class="scenario-name" id="scenario-name">{move || state.scenario.with(|s| s.name.clone())}</p>
                <p class="hint scenario-description">{move || state.scenario.with(|s| s.description.clone())}</p>
                <Editor />
            </section>
        </main>
        <footer class="app-footer">
            "Runs entirely in your browser: no server, no account, no data leaves the page. "
            {move || state.autosaving.get().sentence()}
            " " <a href="public/references.html" id="references">"References: the articles, prices and benchmarks cited"</a>
        </footer>
    }
}

/// An autosave this version refuses (an earlier visit's scenario that a
/// bound tightened since, or damage, makes invalid): said, kept aside and
/// offered as a file to fix, never saved over.
#[component]
fn RefusedAutosave() -> impl IntoView {
    let aside = RwSignal::new(storage::aside());
    let download = move |_| {
        if let Some((_, text)) = aside.get_untracked() {
            downloads::download_text("burnrate-saved-scenario.json", "application/json", &text);
        }
    };
    let dismiss = move |_| {
        storage::forget_aside();
        aside.set(None);
    };
    view! {
        <Show when=move || aside.with(Option::is_some)>
            <div class="banner stale-note" role="status" id="refused-autosave">
                <p>"The scenario saved in this browser by an earlier visit cannot be opened by this version: "
                    {move || aside.with(|a| a.as_ref().map(|(why, _)| why.clone()).unwrap_or_default())}
                    ". It is kept aside, not saved over: download it to fix that value and import it."</p>
                <button type="button" id="download-refused" on:click=download>"Download it"</button>
                " "
                <button type="button" id="dismiss-refused" on:click=dismiss>"Discard it"</button>
            </div>
        </Show>
    }
}

/// A link that could not be opened: what is wrong, and the link to copy.
#[component]
fn BadLink() -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        <Show when=move || state.bad_link.with(Option::is_some)>
            <div class="banner error bad-link" role="alert" id="bad-link">
                <p class="message">{move || state.bad_link.with(|b| b.as_ref().map(|b| b.0.clone()))}</p>
                <p>"Your own scenario is unchanged. The link as it was:"</p>
                <input type="text" readonly aria-label="The link that could not be opened"
                    prop:value=move || state.bad_link.with(|b| b.as_ref().map(|b| b.1.clone()).unwrap_or_default()) />
                <button type="button" class="secondary" on:click=move |_| state.bad_link.set(None)>"Dismiss"</button>
            </div>
        </Show>
    }
}

/// A scenario from a format-1 link: it opened, but nothing shows whether it
/// was edited or damaged on the way.
#[component]
fn UncheckedLink() -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        <Show when=move || state.unchecked_link.get()>
            <div class="banner stale-note" role="status" id="unchecked-link">
                <p>"This link was made before burnrate links carried a checksum, so burnrate cannot tell \
                    whether it was edited or damaged on the way. Check its figures with whoever sent it; \
                    a link copied from here now carries one."</p>
                {(!state.embedded).then(|| view! {
                    <button type="button" class="secondary small" on:click=move |_| state.unchecked_link.set(false)>"Dismiss"</button>
                })}
            </div>
        </Show>
    }
}

/// Copy the share link (the address bar follows every valid edit).
#[component]
fn ShareButton() -> impl IntoView {
    let state = expect_context::<AppState>();
    let shown = RwSignal::new(None::<String>);
    let refused = RwSignal::new(String::new());
    let on_click = move |_| {
        // Too large for a link: said, and nothing copied that would not open.
        if let Some(chars) = state.link_too_long.get_untracked() {
            shown.set(None);
            refused.set(format!(
                "Too large for a link: {} characters, and a link opens up to {}. Share the scenario file instead (Share and export, Scenario JSON).",
                format::count(chars as f64),
                format::count(burnrate_model::link::MAX_LINK_CHARS as f64)
            ));
            return;
        }
        refused.set(String::new());
        let href = address::href();
        downloads::copy(&href);
        shown.set(Some(href));
    };
    view! {
        <div class="share">
            <button type="button" id="copy-link" on:click=on_click>"Copy link"</button>
            <Show when=move || shown.with(Option::is_some)>
                <label class="share-link">"Link (copied)"
                    <input type="text" readonly id="share-link" prop:value=move || shown.get().unwrap_or_default() />
                </label>
            </Show>
            <p class="hint" role="status" id="share-refused">{refused}</p>
        </div>
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn embeds_show_the_charts_they_name_and_ignore_unknown_ones() {
        assert_eq!(
            super::embed_charts("#embed=1&charts=cdf,tco&s=1.x"),
            ["cdf", "tco"]
        );
        assert_eq!(
            super::embed_charts("#embed=1&charts=<script>&s=1.x"),
            ["histogram"]
        );
        assert_eq!(super::embed_charts("#embed=1&s=1.x"), ["histogram"]);
    }
}

/// Every replaced scenario, newest first: choosing one opens it (the one
/// on the page joins the list). Its options are escaped text
/// ([`history::options_html`]): a list of views cost the page 4 KB.
#[component]
fn EarlierScenarios() -> impl IntoView {
    let state = expect_context::<AppState>();
    let on_change = move |ev| {
        if let Ok(i) = event_target_value(&ev).parse::<usize>() {
            state.restore(i);
        }
    };
    view! {
        <select id="history" aria-label="Restore an earlier scenario" on:change=on_change
            inner_html=move || state.history.with(|h| history::options_html(h, clock))>
        </select>
    }
}

/// A time as the menu shows it: hours and minutes today, else after the
/// browser's words for the day ("Mon Dec 07 2026").
fn clock(ms: f64) -> String {
    let d = js_sys::Date::new(&ms.into());
    let day = String::from(d.to_date_string());
    let time = format!("{:02}:{:02}", d.get_hours(), d.get_minutes());
    if js_sys::Date::new_0().to_date_string() == day {
        time
    } else {
        format!("{day} {time}")
    }
}

#[component]
fn PresetPicker() -> impl IntoView {
    let state = expect_context::<AppState>();
    let on_change = move |ev| {
        let id = event_target_value(&ev);
        if let Some(s) = presets::preset(&id) {
            state.load(s, "a preset");
        }
    };
    view! {
        <div class="preset-picker">
            <label for="preset">"Preset"</label>
            // Names the preset on the page until it is edited.
            <select id="preset" on:change=on_change prop:value=move || state.scenario.with(|s| {
                PRESETS.iter().find(|(id, _)| presets::preset(id).as_ref() == Some(s)).map_or("", |(id, _)| *id)
            })>
                <option value="" disabled>"Load a preset…"</option>
                {PRESETS.iter().map(|(id, name)| view! { <option value=*id>{*name}</option> }).collect_view()}
            </select>
            <Show when=move || state.history.with(|h| !h.is_empty())>
                <button type="button" class="secondary" id="restore" on:click=move |_| state.restore(0)
                    title=move || state.history.with(|h| h.first().map(|r| history::label(r, clock)).unwrap_or_default())>
                    "Restore your previous scenario"
                </button>
                <Show when=move || state.history.with(|h| h.len() > 1)>
                    <EarlierScenarios />
                </Show>
                <button type="button" class="secondary small" id="dismiss-previous"
                    aria-label="Forget the scenarios you replaced" on:click=move |_| state.history.set(Vec::new())>
                    "Forget"
                </button>
            </Show>
        </div>
    }
}
