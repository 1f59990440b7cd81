//! A chart's readout (issue 16): the values under the pointer, a tap, or a
//! keyboard cursor (focus the chart, then the arrow keys, Home and End),
//! read through the frame the chart was drawn in, so the figure is the
//! chart's own. One listener takes every event and writes into the
//! `<output>` after the canvas, without signals: hover costs the first load
//! little.

use std::cell::Cell;
use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{Event, HtmlCanvasElement, KeyboardEvent, MouseEvent};

use crate::charts::Frame;

/// What a chart shows at a data point (x, y) in words.
pub type Read = Arc<dyn Fn(f64, f64) -> Option<String> + Send + Sync>;

/// The arrow keys move the cursor by this share of the x range (and by one
/// bar up or down: bar charts plot a bar per unit of y).
const STEPS: f64 = 40.0;

/// The events the readout follows; the last two hide it.
const EVENTS: [&str; 7] = [
    "pointermove",
    "pointerdown",
    "focus",
    "keydown",
    REDRAWN,
    "mouseleave",
    "blur",
];

/// What the canvas is sent when its chart is drawn again (new results
/// arrive every second or so while a run goes on): a readout on show reads
/// the new values at the same point.
pub const REDRAWN: &str = "redrawn";

/// Reads `canvas`'s chart (drawn in `frame`, `height` CSS pixels high) with
/// `read` as the pointer, a tap or the keyboard moves over it.
pub fn attach(
    canvas: HtmlCanvasElement,
    height: u32,
    frame: StoredValue<Option<Frame>>,
    read: Read,
) {
    let cursor = Cell::new((0.0, 0.0));
    let target = canvas.clone();
    let handler = Closure::<dyn Fn(Event)>::new(move |e: Event| {
        let (Some(out), Some(f)) = (canvas.next_element_sibling(), frame.get_value()) else {
            return;
        };
        let hide = || out.set_attribute("hidden", "");
        let [x0, x1, y0, y1] = f.data;
        let ratio = f64::from(canvas.width()) / f64::from(canvas.client_width().max(1));
        let (x, y) = cursor.get();
        let kind = e.type_();
        let (x, y) = match kind.as_str() {
            "pointermove" | "pointerdown" => {
                let m: &MouseEvent = e.unchecked_ref();
                f.to_data(
                    f64::from(m.offset_x()) * ratio,
                    f64::from(m.offset_y()) * ratio,
                )
            }
            "focus" => ((x0 + x1) / 2.0, (y0 + y1) / 2.0),
            REDRAWN if !out.has_attribute("hidden") => (x, y),
            REDRAWN => return,
            "keydown" => {
                let step = (x1 - x0) / STEPS;
                let to = match e.unchecked_ref::<KeyboardEvent>().key().as_str() {
                    "ArrowRight" => (x + step, y),
                    "ArrowLeft" => (x - step, y),
                    "ArrowUp" => (x, y + 1.0),
                    "ArrowDown" => (x, y - 1.0),
                    "Home" => (x0, y),
                    "End" => (x1, y),
                    _ => return,
                };
                e.prevent_default();
                to
            }
            _ => {
                let _ = hide();
                return;
            }
        };
        // Within the plot (max and min: a clamp could panic on odd ranges).
        let (x, y) = (x.max(x0).min(x1), y.max(y0).min(y1));
        cursor.set((x, y));
        let Some(text) = read(x, y) else {
            let _ = hide();
            return;
        };
        // Beside the point, on the side with room, as high as the point:
        // up from where the canvas ends (the readout's place in the flow).
        // Whole pixels: a float's shortest form would cost the page 6 KB.
        let (px, py) = f.to_px(x, y);
        let (px, py) = (px / ratio, py / ratio);
        let w = f64::from(canvas.client_width());
        let (side, by) = if px * 2.0 > w {
            ("right", w - px)
        } else {
            ("left", px)
        };
        let style = format!(
            "{side}:{}px;max-width:{}px;margin-top:{}px",
            (by + 12.0) as i32,
            (w - by - 16.0).min(420.0) as i32,
            (py - f64::from(height) + 12.0) as i32
        );
        out.set_text_content(Some(&text));
        let _ = out.set_attribute("style", &style);
        let _ = out.remove_attribute("hidden");
    });
    for kind in EVENTS {
        let _ = target.add_event_listener_with_callback(kind, handler.as_ref().unchecked_ref());
    }
    // The listener lives as long as the canvas.
    handler.forget();
}
