//! A chart saved as PNG carries what it shows and on what terms (issue 16):
//! its title and scenario above it; the date, seed, trials and price dates
//! below, at a readable size. The page's canvas is copied onto a taller one.

use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

/// CSS pixels above the chart (title) and per line below it.
const TOP: f64 = 30.0;
const LINE: f64 = 18.0;

/// The PNG (a data URL) of `chart` with `title` above and `lines` below, in
/// the page's colours (`dark`).
pub fn with_caption(
    chart: &HtmlCanvasElement,
    title: &str,
    lines: &[String],
    dark: bool,
) -> Option<String> {
    let ratio = f64::from(chart.width()) / f64::from(chart.client_width().max(1));
    let doc = web_sys::window()?.document()?;
    let out: HtmlCanvasElement = doc.create_element("canvas").ok()?.dyn_into().ok()?;
    let bottom = LINE * lines.len() as f64 + 8.0;
    out.set_width(chart.width());
    out.set_height(chart.height() + ((TOP + bottom) * ratio) as u32);
    let ctx: CanvasRenderingContext2d = out.get_context("2d").ok()??.dyn_into().ok()?;
    let (background, text) = if dark {
        ("#161b22", "#e6edf3")
    } else {
        ("#ffffff", "#1b1f24")
    };
    ctx.set_fill_style_str(background);
    ctx.fill_rect(0.0, 0.0, f64::from(out.width()), f64::from(out.height()));
    ctx.draw_image_with_html_canvas_element(chart, 0.0, TOP * ratio)
        .ok()?;
    ctx.set_fill_style_str(text);
    ctx.set_font(&format!("bold {}px sans-serif", 15.0 * ratio));
    ctx.fill_text(title, 8.0 * ratio, 20.0 * ratio).ok()?;
    ctx.set_font(&format!("{}px sans-serif", 12.0 * ratio));
    let base = f64::from(chart.height()) + TOP * ratio;
    for (i, line) in lines.iter().enumerate() {
        ctx.fill_text(line, 8.0 * ratio, base + (LINE * (i as f64 + 1.0)) * ratio)
            .ok()?;
    }
    out.to_data_url().ok()
}
