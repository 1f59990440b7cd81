//! burnrate's web app. Components live here (not in `main.rs`) so tests can
//! import them; the app only edits a `Scenario` and draws a result.

pub mod charts;
pub mod components;
pub mod format;
pub mod run;
pub mod state;

use burnrate_model::presets::{self, PRESETS};
use leptos::prelude::*;

use components::editor::Editor;
use components::results::Results;
use state::AppState;

/// What burnrate does, in one sentence: shown under the product name.
pub const TAGLINE: &str = "What your LLM deployment will really cost per month, \
     and how likely each figure is: RAG, fine-tuning, prompt-only and hybrid, \
     simulated in your browser.";

/// The app: header with presets, the scenario editor, the results.
#[component]
pub fn App() -> impl IntoView {
    let state = AppState::new(presets::knowledge_base());
    provide_context(state);
    state.validate_and_run();
    view! {
        <header class="app-header">
            <div class="brand-row">
                <h1 class="brand">"burnrate"</h1>
                <PresetPicker />
            </div>
            <p class="tagline">{TAGLINE}</p>
        </header>
        <main class="app-main">
            <section class="panel inputs" aria-labelledby="inputs-title">
                <h2 id="inputs-title">"Scenario"</h2>
                <p class="scenario-name" id="scenario-name">{move || state.scenario.with(|s| s.name.clone())}</p>
                <p class="hint scenario-description">{move || state.scenario.with(|s| s.description.clone())}</p>
                <Editor />
            </section>
            <section class="panel results" aria-labelledby="results-title">
                <h2 id="results-title">"Monthly spend"</h2>
                <Results />
            </section>
        </main>
        <footer class="app-footer">
            "Runs entirely in your browser: no server, no account, no data leaves the page."
        </footer>
    }
}

#[component]
fn PresetPicker() -> impl IntoView {
    let state = expect_context::<AppState>();
    let on_change = move |ev| {
        let id = event_target_value(&ev);
        if let Some(s) = presets::preset(&id) {
            state.load(s);
        }
    };
    view! {
        <div class="preset-picker">
            <label for="preset">"Preset"</label>
            <select id="preset" on:change=on_change>
                <option value="" selected disabled>"Load a preset…"</option>
                {PRESETS.iter().map(|(id, name)| view! { <option value=*id>{*name}</option> }).collect_view()}
            </select>
            <Show when=move || state.previous.with(Option::is_some)>
                <button type="button" class="secondary" id="restore" on:click=move |_| state.restore_previous()>
                    "Restore previous scenario"
                </button>
            </Show>
        </div>
    }
}
