//! A canvas that a chart function draws on: its backing store is sized by
//! CSS size × device pixel ratio (plotters-canvas ignores the ratio), it
//! redraws when its data or the window changes, and it carries a text
//! alternative for screen readers. It reads out the values under the
//! pointer, a tap, or a keyboard cursor (focus the chart, then the arrow
//! keys), through the chart's own frame (issue 16).

use std::sync::Arc;

use leptos::html::Canvas;
use leptos::prelude::*;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;

use super::chart_readout::Read;
use crate::charts::{ChartResult, Frame, Theme};

/// A chart function bound to its data (read from signals inside it).
pub type Draw =
    Arc<dyn Fn(&DrawingArea<CanvasBackend, Shift>, &Theme) -> ChartResult + Send + Sync>;

/// Dark charts: an embed's own theme, else the viewer's setting.
fn prefers_dark() -> bool {
    let f = crate::address::Fragment::parse(&crate::address::hash());
    if let Some(theme) = f.theme.filter(|_| f.embed) {
        return theme == "dark";
    }
    window()
        .match_media("(prefers-color-scheme: dark)")
        .ok()
        .flatten()
        .is_some_and(|m| m.matches())
}

/// What an exported chart says about itself: its title and scenario, and
/// the date, seed, trials and prices it was simulated with.
fn png_caption(title: &str) -> (String, Vec<String>) {
    let state = expect_context::<crate::state::AppState>();
    let (name, seed) = state.scenario.with_untracked(|s| (s.name.clone(), s.seed));
    let trials = state
        .runner
        .summary
        .with_untracked(|s| s.as_ref().map_or(0, |s| s.trials));
    let today = crate::format::today();
    let today = format!("{}-{:02}-{:02}", today.year, today.month, today.day);
    let catalog = burnrate_model::catalog::Catalog::shipped();
    (
        format!("{title} · {name}"),
        vec![
            format!(
                "burnrate, {today}: seed {seed}, {} simulated months",
                crate::format::count(trials as f64)
            ),
            format!(
                "Token prices as of {}; instance prices as of {}",
                catalog.as_of, catalog.accelerators_as_of
            ),
        ],
    )
}

#[component]
pub fn ChartCanvas(
    /// Short title shown above the chart.
    title: &'static str,
    /// CSS height in pixels.
    height: u32,
    draw: Draw,
    read: Read,
    /// The chart's key numbers in words.
    #[prop(into)]
    alt: Signal<String>,
    /// Test hook and anchor.
    id: &'static str,
) -> impl IntoView {
    let canvas = NodeRef::<Canvas>::new();
    let resized = RwSignal::new(0u32);
    let handle = window_event_listener(leptos::ev::resize, move |_| resized.update(|n| *n += 1));
    on_cleanup(move || handle.remove());
    // Each chart draws in a task of its own, so that a new summary does not
    // redraw every chart in one long main-thread task. The effect only tracks
    // the chart's data (through its text alternative, derived from the same
    // signals) and the window size; a burst of updates coalesces into one draw.
    let scheduled = StoredValue::new(false);
    let frame = StoredValue::new(None::<Frame>);
    canvas.on_load(move |el| super::chart_readout::attach(el, height, frame, read));
    let paint = move || {
        scheduled.set_value(false);
        let Some(el) = canvas.get_untracked() else {
            return;
        };
        let css_width = el.client_width().max(0) as f64;
        if css_width < 10.0 {
            return;
        }
        let ratio = window().device_pixel_ratio().clamp(1.0, 4.0);
        el.set_width((css_width * ratio) as u32);
        el.set_height((f64::from(height) * ratio) as u32);
        let theme = if prefers_dark() {
            Theme::dark(ratio)
        } else {
            Theme::light(ratio)
        };
        if let Some(backend) = CanvasBackend::with_canvas_object(el.clone()) {
            let root = backend.into_drawing_area();
            match untrack(|| draw(&root, &theme)) {
                Ok(f) => frame.set_value(f),
                Err(e) => leptos::logging::warn!("chart {id}: {e}"),
            }
            let _ = root.present();
        }
        if let Ok(e) = web_sys::Event::new(super::chart_readout::REDRAWN) {
            let _ = el.dispatch_event(&e);
        }
    };
    Effect::new(move |_| {
        resized.get();
        alt.track();
        canvas.track();
        if !scheduled.get_value() {
            scheduled.set_value(true);
            set_timeout(paint.clone(), std::time::Duration::ZERO);
        }
    });
    // The title is said once, as a heading: the figure has no caption of
    // its own (it would be its name, said on entering it), the PNG button
    // is named by its visible text, and the canvas is named by the chart in
    // words (a hidden paragraph), not by the title again.
    let desc_id = format!("{id}-desc");
    view! {
        <figure class="chart" id=id>
            <div class="chart-head">
                <h3 class="chart-title">{title}</h3>
                <button type="button" class="secondary small png" aria-label="Save PNG"
                    on:click=move |_| {
                        let Some(el) = canvas.get_untracked() else { return };
                        let (title, lines) = png_caption(title);
                        if let Some(url) = crate::png_export::with_caption(&el, &title, &lines, prefers_dark()) {
                            crate::downloads::download_url(&format!("burnrate-{id}.png"), &url);
                        }
                    }>"PNG"</button>
            </div>
            <canvas
                node_ref=canvas
                role="img"
                tabindex="0"
                aria-labelledby=desc_id.clone()
                data-title=title
                style=format!("width:100%;height:{height}px")
            ></canvas>
            <span class="readout-marker" aria-hidden="true" style="display:none"></span>
            <output class="readout"></output>
            <p hidden id=desc_id>{move || alt.get()}</p>
        </figure>
    }
}
