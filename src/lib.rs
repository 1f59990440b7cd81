//! burnrate's web app. Components live here (not in `main.rs`) so tests can
//! import them; the app only edits a `Scenario` and draws a result.

use leptos::prelude::*;

/// What burnrate does, in one sentence: shown under the product name.
pub const TAGLINE: &str = "What your LLM deployment will really cost per month, \
     and how likely each figure is: RAG, fine-tuning, prompt-only and hybrid, \
     simulated in your browser.";

/// The app shell: a header, the scenario panel and the results area.
#[component]
pub fn App() -> impl IntoView {
    let scenario = burnrate_model::Scenario::default();
    view! {
        <header class="app-header">
            <h1 class="brand">"burnrate"</h1>
            <p class="tagline">{TAGLINE}</p>
        </header>
        <main class="app-main">
            <section class="panel inputs" aria-labelledby="inputs-title">
                <h2 id="inputs-title">"Scenario"</h2>
                <p class="scenario-name">{scenario.name}</p>
                <p class="hint">"The scenario editor arrives with the engine."</p>
            </section>
            <section class="panel results" aria-labelledby="results-title">
                <h2 id="results-title">"Monthly spend"</h2>
                <p class="hint">"Distributions of monthly spend per architecture will appear here."</p>
            </section>
        </main>
        <footer class="app-footer">
            "Runs entirely in your browser: no server, no account, no data leaves the page."
        </footer>
    }
}
