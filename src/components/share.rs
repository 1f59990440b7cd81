//! Share and export: the embed snippet for wikis, the scenario as JSON (and
//! importing one back), the summary and per-trial costs as CSV.

use burnrate_model::engine::Scratch;
use burnrate_model::{Prepared, link, migrate};
use gloo_timers::future::TimeoutFuture;
use leptos::prelude::*;

use crate::address;
use crate::downloads::{self, download_text, file_stem};
use crate::export;
use crate::state::AppState;

/// The `<iframe>` snippet that embeds the current scenario's summary and charts.
pub fn embed_snippet(href: &str, name: &str, charts: &str) -> String {
    let base = href.split('#').next().unwrap_or(href);
    let payload = link::payload_of(href);
    let title = name.replace(['"', '<', '>', '&'], "");
    format!(
        "<iframe src=\"{base}#embed=1&charts={charts}&s={payload}\" title=\"burnrate: {title}\" width=\"100%\" height=\"720\" style=\"border:0\" sandbox=\"allow-scripts allow-popups\" loading=\"lazy\"></iframe>"
    )
}

#[component]
pub fn ShareExport() -> impl IntoView {
    let state = expect_context::<AppState>();
    let status = RwSignal::new(String::new());
    let embed = RwSignal::new(None::<String>);
    let name = move || state.scenario.with_untracked(|s| file_stem(&s.name));
    let copy_embed = move |_| {
        let snippet = embed_snippet(
            &address::href(),
            &state.scenario.with_untracked(|s| s.name.clone()),
            "histogram,cdf",
        );
        downloads::copy(&snippet);
        embed.set(Some(snippet));
    };
    let save_json = move |_| {
        let text = state.scenario.with_untracked(crate::codec::pretty_json);
        download_text(&format!("{}.json", name()), "application/json", &text);
    };
    let save_summary = move |_| {
        let text = state
            .runner
            .summary
            .with_untracked(|s| s.as_ref().map(export::summary_csv));
        match text {
            Some(text) => {
                download_text(&format!("{}-summary.csv", name()), "text/csv", &text);
            }
            None => status.set("No results to export yet.".into()),
        }
    };
    let save_trials = move |_| {
        let scenario = state.scenario.get_untracked();
        let Ok(p) = Prepared::new(&scenario) else {
            status.set("Fix the scenario first: it does not run.".into());
            return;
        };
        let total = u64::from(scenario.trials);
        let file = format!("{}-trials.csv", name());
        leptos::task::spawn_local(async move {
            let mut text = export::trials_header(&p);
            let mut scratch = Scratch::default();
            let mut next = 0;
            while next < total {
                let end = (next + 2_000).min(total);
                export::trials_rows(&p, next..end, &mut scratch, &mut text);
                next = end;
                status.set(format!(
                    "Preparing per-trial CSV: {next} of {total} months…"
                ));
                TimeoutFuture::new(0).await;
            }
            download_text(&file, "text/csv", &text);
            status.set(format!("Per-trial CSV saved ({total} months)."));
        });
    };
    let import = move |ev: leptos::ev::Event| {
        // A scenario is a few kilobytes; its own catalog entries a few hundred.
        downloads::read_picked(&ev, 1.0, move |text| {
            let opened = text.and_then(|text| {
                migrate::scenario_from_str(&text)
                    .and_then(|s| Prepared::new(&s).map(|_| s))
                    .map_err(|e| e.to_string())
            });
            match opened {
                Ok(s) => {
                    status.set(format!(
                        "Imported “{}”. Your previous scenario can be restored.",
                        s.name
                    ));
                    state.load(s);
                }
                Err(e) => status.set(format!("Not imported: {e}. Your scenario is unchanged.")),
            }
        });
    };
    view! {
        <details class="share-export">
            <summary>"Share and export"</summary>
            <div class="toolbar">
                <button type="button" class="secondary" id="copy-embed" on:click=copy_embed>"Copy embed code"</button>
                <button type="button" class="secondary" id="save-json" on:click=save_json>"Scenario (JSON)"</button>
                <label class="file-button secondary">"Import scenario…"
                    <input type="file" accept=".json,application/json" id="import-json" on:change=import />
                </label>
                <button type="button" class="secondary" id="save-summary" on:click=save_summary>"Summary (CSV)"</button>
                <button type="button" class="secondary" id="save-trials" on:click=save_trials>"Per-trial costs (CSV)"</button>
            </div>
            <Show when=move || embed.with(Option::is_some)>
                <label class="embed-code">"Embed code (copied): paste it into your wiki page"
                    <textarea readonly id="embed-code" rows="3" prop:value=move || embed.get().unwrap_or_default()></textarea>
                </label>
            </Show>
            <p class="hint" id="export-status" aria-live="polite">{move || status.get()}</p>
        </details>
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn embed_snippet_carries_the_scenario_and_strips_markup_from_the_title() {
        let s = super::embed_snippet(
            "https://x.example/app/#s=1.abc",
            "My <b>\"plan\"</b>",
            "histogram,cdf",
        );
        assert!(s.starts_with(
            "<iframe src=\"https://x.example/app/#embed=1&charts=histogram,cdf&s=1.abc\""
        ));
        assert!(s.contains("title=\"burnrate: My bplan/b\""));
        assert!(s.contains("sandbox=\"allow-scripts allow-popups\""));
    }
}
