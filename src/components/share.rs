//! Share and export: the embed snippet for wikis, the scenario as JSON (and
//! importing one back), the summary and per-trial costs as CSV.

use burnrate_model::{Prepared, link, migrate};
use leptos::prelude::*;

use crate::address;
use crate::charts::registry::CHARTS;
use crate::downloads::{self, download_text, file_stem};
use crate::state::AppState;

/// The embed's height in CSS pixels for `charts` and `archs` cards: its
/// header, progress, verdict and price date, the cards (three to a row at a
/// wiki's usual width), then each chart with its caption (issue 16: a fixed
/// 720 px cut the second chart).
pub fn embed_height(charts: &[&str], archs: usize) -> u32 {
    let cards = archs.div_ceil(3).max(1) as u32 * 240;
    let drawn: u32 = charts
        .iter()
        .filter_map(|id| crate::charts::registry::find(id))
        .map(|c| c.height + 56)
        .sum();
    220 + cards + drawn
}

/// The same in a 320-pixel frame, where the cards stack one to a row and
/// captions and labels wrap: at most 300 px a card and a chart's height
/// plus 200 px (measured on every preset at 320 px: 230-300 px a card; a
/// chart 55-190 px over its height, the sensitivity chart's labels most).
pub fn embed_height_narrow(charts: &[&str], archs: usize) -> u32 {
    let drawn: u32 = charts
        .iter()
        .filter_map(|id| crate::charts::registry::find(id))
        .map(|c| c.height + 200)
        .sum();
    220 + archs.max(1) as u32 * 300 + drawn
}

/// What the snippet's script does in the wiki's page: the embed posts its
/// content's height (`public/boot.js`), and the frame it came from takes
/// it, so the frame fits at any width.
const FIT_SCRIPT: &str = "<script>addEventListener(\"message\",function(e){var d=e.data;if(!d||d.burnrate!==\"height\")return;document.querySelectorAll(\"iframe[data-burnrate-embed]\").forEach(function(f){if(f.contentWindow===e.source)f.style.height=Math.min(Math.ceil(d.height),20000)+\"px\"})})</script>";

/// The `<iframe>` snippet that embeds the current scenario's summary and
/// charts, in `theme` ("light", "dark", or "" to follow the viewer's
/// setting). It fits its frame three ways, the best the wiki allows: its
/// script sets the height the embed reports; without the script, its
/// style gives a height by the page's width (the narrow layout's at 320 px
/// down to the wide one's at 900 px); without the style, the wide height.
pub fn embed_snippet(href: &str, name: &str, charts: &[&str], theme: &str, archs: usize) -> String {
    let base = href.split('#').next().unwrap_or(href);
    let payload = link::payload_of(href);
    let title = name.replace(['"', '<', '>', '&'], "");
    let theme = if theme.is_empty() {
        String::new()
    } else {
        format!("&theme={theme}")
    };
    let (wide, narrow) = (
        embed_height(charts, archs),
        embed_height_narrow(charts, archs),
    );
    // A line from (320 px, narrow) to (900 px, wide), never under wide.
    let slope = f64::from(narrow.saturating_sub(wide)) / 580.0;
    format!(
        "<iframe src=\"{base}#embed=1&charts={}{theme}&s={payload}\" title=\"burnrate: {title}\" width=\"100%\" height=\"{wide}\" style=\"border:0;height:max({wide}px,calc({narrow}px - (100vw - 320px) * {slope:.3}))\" sandbox=\"allow-scripts allow-popups allow-popups-to-escape-sandbox\" loading=\"lazy\" data-burnrate-embed></iframe>{FIT_SCRIPT}",
        charts.join(","),
    )
}

/// The embed's options as HTML: a box per chart (the histogram and the
/// distribution ticked), and the theme.
fn embed_options_html() -> String {
    let boxes: String = CHARTS
        .iter()
        .map(|c| {
            let on = if matches!(c.id, "histogram" | "cdf") {
                " checked"
            } else {
                ""
            };
            format!(
                "<label class=\"check\"><input type=\"checkbox\" id=\"embed-{}\"{on}>{}</label>",
                c.id, c.title
            )
        })
        .collect();
    format!(
        "<legend>Embed in a wiki: charts and theme</legend>{boxes}<label>Theme <select id=\"embed-theme\"><option value=\"\">Follow the viewer's setting</option><option value=\"light\">Light</option><option value=\"dark\">Dark</option></select></label>"
    )
}

#[component]
pub fn ShareExport() -> impl IntoView {
    let state = expect_context::<AppState>();
    let status = RwSignal::new(String::new());
    let embed = RwSignal::new(None::<String>);
    let name = move || state.scenario.with_untracked(|s| file_stem(&s.name));
    let copy_embed = move |_| {
        let (name, archs) = state
            .scenario
            .with_untracked(|s| (s.name.clone(), s.architectures.len()));
        // The options are read off the form when copying (plain HTML below).
        let read = |id: &str, property: &str| {
            document()
                .get_element_by_id(id)
                .and_then(|e| js_sys::Reflect::get(&e, &property.into()).ok())
        };
        let charts: Vec<&str> = CHARTS
            .iter()
            .map(|c| c.id)
            .filter(|id| read(&format!("embed-{id}"), "checked").is_some_and(|v| v.is_truthy()))
            .collect();
        let theme = read("embed-theme", "value")
            .and_then(|v| v.as_string())
            .unwrap_or_default();
        let snippet = embed_snippet(&address::href(), &name, &charts, &theme, archs);
        downloads::copy(&snippet);
        embed.set(Some(snippet));
    };
    let save_json = move |_| {
        let text = state.scenario.with_untracked(crate::codec::pretty_json);
        download_text(&format!("{}.json", name()), "application/json", &text);
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
                    state.load(s, "an imported file");
                }
                Err(e) => status.set(format!("Not imported: {e}. Your scenario is unchanged.")),
            }
        });
    };
    view! {
        <details class="share-export">
            <summary>"Share and export"</summary>
            <fieldset class="embed-options" inner_html=embed_options_html()></fieldset>
            <div class="toolbar">
                <button type="button" class="secondary" id="copy-embed" on:click=copy_embed>"Copy embed code"</button>
                <button type="button" class="secondary" id="save-json" on:click=save_json>"Scenario (JSON)"</button>
                <label class="file-button secondary">"Import scenario…"
                    <input type="file" accept=".json,application/json" id="import-json" on:change=import />
                </label>
                // These three run trials: the on-demand module makes them in
                // its worker (public/boot.js loads it, crates/on-demand); the
                // summary is the page's, run again on the same seed.
                <button type="button" class="secondary" id="save-summary">"Summary (CSV)"</button>
                <button type="button" class="secondary" id="save-trials">"Per-trial costs (CSV)"</button>
                <button type="button" class="secondary" id="save-focus">"FOCUS forecast (CSV)"</button>
                // A bill placed in the forecast, month by month
                // (crates/on-demand/src/compare_bill.rs).
                <label class="file-button secondary">"Compare with a bill…"
                    <input type="file" accept=".csv,.json,.jsonl" id="compare-bill" />
                </label>
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
            &["histogram", "cdf"],
            "light",
            4,
        );
        assert!(s.starts_with(
            "<iframe src=\"https://x.example/app/#embed=1&charts=histogram,cdf&theme=light&s=1.abc\""
        ));
        assert!(s.contains("title=\"burnrate: My bplan/b\""));
        assert!(
            s.contains("sandbox=\"allow-scripts allow-popups allow-popups-to-escape-sandbox\"")
        );
        // Its height holds what it shows: two rows of cards and both charts.
        let (h, c) = (
            crate::charts::registry::find("histogram").unwrap().height,
            crate::charts::registry::find("cdf").unwrap().height,
        );
        assert!(
            s.contains(&format!("height=\"{}\"", 220 + 2 * 240 + h + 56 + c + 56)),
            "{s}"
        );
        assert!(
            super::embed_height(&["histogram"], 4) < super::embed_height(&["histogram", "tco"], 4)
        );
        // Narrow: four stacked cards, each chart 200 px over its height;
        // the style's line falls from there at 320 px to the wide height at 900.
        let narrow = 220 + 4 * 300 + h + 200 + c + 200;
        let wide = 220 + 2 * 240 + h + 56 + c + 56;
        let slope = f64::from(narrow - wide) / 580.0;
        assert!(
            s.contains(&format!(
                "style=\"border:0;height:max({wide}px,calc({narrow}px - (100vw - 320px) * {slope:.3}))\""
            )),
            "{s}"
        );
        assert!(s.ends_with("</script>") && s.contains("iframe[data-burnrate-embed]"));
    }
}
