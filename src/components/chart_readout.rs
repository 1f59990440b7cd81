//! A chart's readout (issue 16): the values under the pointer, a tap, or a
//! keyboard cursor (Tab to the chart, then the arrow keys, Home and End),
//! read through the frame the chart was drawn in, so the figure is the
//! chart's own. One listener takes every event and writes into the
//! `<output>` after the canvas, and rings the point read (a marker between
//! them), without signals: hover costs the first load little. An empty
//! readout takes no room (the stylesheet) but stays a live region, so a
//! screen reader hears what the keyboard reads.

use std::cell::Cell;
use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{Event, HtmlCanvasElement};

use crate::charts::Frame;

/// What a chart shows at a data point (x, y) in words.
pub type Read = Arc<dyn Fn(f64, f64) -> Option<String> + Send + Sync>;

/// An arrow key moves the cursor in steps of this share of the axis until
/// the reading changes: one bin, month, volume or bar a press.
const FINE: f64 = 400.0;

/// The events the readout follows; the last two hide it. A tap is a click
/// (a swipe that scrolls the page past a chart is not); the pointer moving
/// over a chart reads it for a mouse or a pen only.
const EVENTS: [&str; 7] = [
    "pointermove",
    "click",
    "focus",
    "keydown",
    REDRAWN,
    "mouseleave",
    "blur",
];

/// What the canvas is sent when its chart is drawn again (new results
/// arrive every second or so while a run goes on): a readout on show reads
/// the new values at the same place.
pub const REDRAWN: &str = "redrawn";

/// Reads `canvas`'s chart (drawn in `frame`, `height` CSS pixels high) with
/// `read` as the pointer, a tap or the keyboard moves over it.
pub fn attach(
    canvas: HtmlCanvasElement,
    height: u32,
    frame: StoredValue<Option<Frame>>,
    read: Read,
) {
    // The keyboard's point (data), and the pointer's (canvas pixels): a
    // pointer's readout stays under the pointer when the axes change.
    let cursor = Cell::new((0.0, 0.0));
    let pointer = Cell::new(None::<(f64, f64)>);
    let target = canvas.clone();
    let handler = Closure::<dyn Fn(Event)>::new(move |e: Event| {
        // The marker of the point read, then the readout (chart_canvas.rs).
        let Some(marker) = canvas.next_element_sibling() else {
            return;
        };
        let Some(out) = marker.next_element_sibling() else {
            return;
        };
        let hide = || {
            out.set_text_content(None);
            let _ = marker.set_attribute("style", "display:none");
        };
        // A message in place of the chart ("Computing…") has no frame.
        let Some(f) = frame.get_value() else {
            return hide();
        };
        let [x0, x1, y0, y1] = f.data;
        let hold = |x: f64, y: f64| (x.max(x0).min(x1), y.max(y0).min(y1));
        let ratio = f64::from(canvas.width()) / f64::from(canvas.client_width().max(1));
        let (x, y) = cursor.get();
        // An event's property through the import the page already has (an
        // import of its own for each costs the first load more).
        let get = |name: &str| js_sys::Reflect::get(&e, &name.into()).unwrap_or_default();
        let text_of = |name: &str| get(name).as_string().unwrap_or_default();
        let number_of = |name: &str| get(name).as_f64().unwrap_or(0.0);
        let kind = text_of("type");
        let keyed = kind == "keydown" || kind == "focus";
        let (x, y) = match kind.as_str() {
            "pointermove" if get("pointerType") == "touch" => return,
            "pointermove" | "click" => {
                let at = (number_of("offsetX") * ratio, number_of("offsetY") * ratio);
                pointer.set(Some(at));
                f.to_data(at.0, at.1)
            }
            // Focus reads the middle (a click then reads its point), and
            // the keyboard's readout follows the data through redraws.
            "focus" => {
                pointer.set(None);
                ((x0 + x1) / 2.0, (y0 + y1) / 2.0)
            }
            REDRAWN if out.text_content().is_some_and(|t| !t.is_empty()) => match pointer.get() {
                Some(at) => f.to_data(at.0, at.1),
                None => (x, y),
            },
            "keydown" => {
                // The browser's own shortcuts (Alt+Arrow: back, forward).
                if ["altKey", "ctrlKey", "metaKey"]
                    .iter()
                    .any(|m| get(m).is_truthy())
                {
                    return;
                }
                let now = read(x, y);
                // Home and End: the first and last bin, month or bar (bar
                // charts read y, the others x).
                let (mut to, step) = match text_of("key").as_str() {
                    "ArrowRight" => ((x, y), ((x1 - x0) / FINE, 0.0)),
                    "ArrowLeft" => ((x, y), ((x0 - x1) / FINE, 0.0)),
                    "ArrowUp" => ((x, y), (0.0, (y1 - y0) / FINE)),
                    "ArrowDown" => ((x, y), (0.0, (y0 - y1) / FINE)),
                    "Home" => ((x0, y0), (0.0, 0.0)),
                    "End" => ((x1, y1), (0.0, 0.0)),
                    _ => return,
                };
                for _ in 0..FINE as usize {
                    if step == (0.0, 0.0) || read(to.0, to.1) != now {
                        break;
                    }
                    to = hold(to.0 + step.0, to.1 + step.1);
                }
                // An arrow that reads nothing new is the page's (it
                // scrolls); Home and End are always the chart's.
                if read(to.0, to.1) == now && step != (0.0, 0.0) {
                    return;
                }
                e.prevent_default();
                pointer.set(None);
                to
            }
            "mouseleave" | "blur" => return hide(),
            _ => return,
        };
        let (x, y) = hold(x, y);
        cursor.set((x, y));
        let Some(text) = read(x, y) else {
            return hide();
        };
        // Beside the point, on the side with room, level with it: down from
        // it in the plot's upper half, up from it in the lower, so that it
        // stays within the figure. (Whole pixels: a float's shortest form
        // would cost the page 6 KB.) A chart narrower than 640 px has no room
        // beside a point: there it sits under the chart, in the flow.
        let (px, py) = f.to_px(x, y);
        let up = py * 2.0 > f.px[2] + f.px[3];
        let (px, py) = (px / ratio, py / ratio);
        let w = f64::from(canvas.client_width());
        let (side, by) = if px * 2.0 > w {
            ("right", w - px)
        } else {
            ("left", px)
        };
        let style = if w < 640.0 {
            "position:static;display:block;width:auto;margin-top:.3rem".to_owned()
        } else {
            format!(
                "{side}:{}px;max-width:{}px;margin-top:{}px;translate:0 {}",
                (by + 12.0) as i32,
                (w - by - 16.0).min(420.0) as i32,
                (py - f64::from(height) + if up { -12.0 } else { 12.0 }) as i32,
                if up { "-100%" } else { "0" }
            )
        };
        // Announced when the keyboard moves it, not at every pointer move
        // (a redraw keeps what it was).
        if kind != REDRAWN {
            let _ = out.set_attribute("aria-live", if keyed { "polite" } else { "off" });
        }
        let _ = out.set_attribute("style", &style);
        out.set_text_content(Some(&text));
        // A ring on the point read (issue 32): the box sits beside it, never
        // on it. 12 px across; the canvas's 1-px border moves it by one.
        let _ = marker.set_attribute(
            "style",
            &format!(
                "left:{}px;margin-top:{}px",
                (px - 5.0).round() as i32,
                (py - f64::from(height) - 5.0).round() as i32
            ),
        );
        // A keyboard user sees what the keys read (a phone's readout is
        // under its chart, maybe below the screen): scrolled to, if need be.
        if kind == "keydown" {
            let nearest = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&nearest, &"block".into(), &"nearest".into());
            if let Ok(scroll) = js_sys::Reflect::get(&out, &"scrollIntoView".into()) {
                let _ = scroll
                    .unchecked_into::<js_sys::Function>()
                    .call1(&out, &nearest);
            }
        }
    });
    for kind in EVENTS {
        let _ = target.add_event_listener_with_callback(kind, handler.as_ref().unchecked_ref());
    }
    // The listener lives as long as the canvas.
    handler.forget();
}
