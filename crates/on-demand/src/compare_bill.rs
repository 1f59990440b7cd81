//! "Compare with a bill…" (Share and export; issue 31): a bill (FOCUS CSV,
//! or OpenAI's or Anthropic's cost report JSON) placed month by month in the scenario's forecast, as `burnrate compare`
//! does, read in this page and never sent anywhere. The forecast's trials run
//! in this module's worker; the table shows the bill against the
//! architecture chosen above it (each architecture's placement is made at
//! once, so choosing another redraws without running again).

use std::cell::RefCell;

use burnrate_model::bill::{self, Mapping, Rule};
use burnrate_model::engine::Scratch;
use burnrate_model::results::compare::{self, Comparison, MonthForecasts};
use burnrate_model::{Prepared, migrate};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{DedicatedWorkerGlobalScope, HtmlInputElement, HtmlSelectElement, Worker};

use crate::page::{self, by_id, document, scenario};

/// A year of LiteLLM's daily FOCUS rows for many keys and models stays
/// well under this.
const MAX_MB: f64 = 100.0;

/// Trials between progress reports.
const STEP: u64 = 2_000;

thread_local! {
    static WORKER: RefCell<Option<Worker>> = const { RefCell::new(None) };
    /// Each architecture's comparison (id, name, comparison), once made.
    static MADE: RefCell<Vec<(String, String, Comparison)>> = const { RefCell::new(Vec::new()) };
    /// The bill last read and the scenario it was compared with, for a
    /// comparison again with another filter; and that filter.
    static BILL: RefCell<Option<(String, String)>> = const { RefCell::new(None) };
    static FILTER: RefCell<String> = const { RefCell::new(String::new()) };
    /// The file compared last (a usage log refits the workload from it).
    static FILE: RefCell<Option<web_sys::File>> = const { RefCell::new(None) };
    /// The architecture shown (an index into MADE), kept when comparing again.
    static CHOSEN: RefCell<usize> = const { RefCell::new(0) };
}

/// The comparison's region, under the exports' line (created once, with
/// the on-demand panels' stylesheet for its chart).
fn region() -> Option<web_sys::Element> {
    by_id("compare-report").or_else(|| {
        page::stylesheet();
        let after = by_id("export-progress").or_else(|| by_id("export-status"))?;
        let div = document()?.create_element("div").ok()?;
        div.set_id("compare-report");
        let _ = div.set_attribute("role", "region");
        let _ = div.set_attribute("aria-label", "The bill against the forecast");
        after.after_with_node_1(&div).ok()?;
        Some(div)
    })
}

fn say(text: &str) {
    if let Some(r) = region() {
        r.set_inner_html(&format!(
            "<p class=\"hint\" role=\"status\">{}</p>",
            burnrate_model::markup::escape(text)
        ));
    }
}

/// Reads the bill picked in `input` and places it in the forecast of the
/// scenario being edited.
#[wasm_bindgen]
pub fn compare_bill(input: HtmlInputElement) {
    let Some(file) = input.files().and_then(|f| f.get(0)) else {
        return;
    };
    input.set_value("");
    if page::busy(&WORKER) {
        return say("A bill is being compared already.");
    }
    let Some(text) = scenario() else {
        return say(
            "The scenario being edited could not be read (this browser keeps no storage for the page).",
        );
    };
    if file.size() > MAX_MB * 1e6 {
        return say(&format!(
            "Not compared: the file is {:.1} MB, and at most {MAX_MB} MB is read (the CLI's burnrate compare reads any size).",
            file.size() / 1e6
        ));
    }
    say("Reading the bill…");
    FILE.with(|f| *f.borrow_mut() = Some(file.clone()));
    wasm_bindgen_futures::spawn_local(async move {
        let Some(bill) = JsFuture::from(file.text())
            .await
            .ok()
            .and_then(|v| v.as_string())
        else {
            return say("Not compared: that file could not be read.");
        };
        BILL.with(|b| *b.borrow_mut() = Some((text, bill)));
        run();
    });
}

/// Compares the bill last read, keeping the rows that name the filter.
fn run() {
    let Some((text, bill)) = BILL.with(|b| b.borrow().clone()) else {
        return;
    };
    let fields = [
        ("kind", JsValue::from_str("compare")),
        ("scenario", JsValue::from_str(&text)),
        ("bill", JsValue::from_str(&bill)),
        (
            "filter",
            JsValue::from_str(&FILTER.with(|f| f.borrow().clone())),
        ),
    ];
    if page::start_job(&WORKER, report, &fields) {
        say("Running the forecast to compare the bill with…");
    } else {
        say("This browser could not start a worker for the comparison.");
    }
}

/// The worker's messages: progress, the comparisons, or why there are none.
fn report(v: serde_json::Value) {
    let count =
        |key: &str| burnrate_model::calibrate::report::count(v[key].as_f64().unwrap_or(0.0));
    if v["progress"].is_number() {
        return say(&format!(
            "Running the forecast: {} of {} trials…",
            count("progress"),
            count("trials")
        ));
    }
    page::end_job(&WORKER);
    let made: Option<Vec<(String, String, Comparison)>> =
        serde_json::from_value(v["made"].clone()).ok();
    match made {
        Some(made) if !made.is_empty() => {
            let chosen = CHOSEN.with(|c| *c.borrow()).min(made.len() - 1);
            MADE.with(|m| *m.borrow_mut() = made);
            show(chosen);
        }
        _ => say(&format!(
            "Not compared: {}",
            v["error"].as_str().unwrap_or("the worker stopped")
        )),
    }
}

/// Shows architecture `chosen`'s comparison, with the choice above it.
fn show(chosen: usize) {
    let Some(r) = region() else { return };
    CHOSEN.with(|c| *c.borrow_mut() = chosen);
    let html = MADE.with(|m| {
        let made = m.borrow();
        let options: String = made
            .iter()
            .enumerate()
            .map(|(i, (_, name, _))| {
                let selected = if i == chosen { " selected" } else { "" };
                format!(
                    "<option value=\"{i}\"{selected}>{}</option>",
                    burnrate_model::markup::escape(name)
                )
            })
            .collect();
        let table = made
            .get(chosen)
            .map_or_else(String::new, |(id, _, c)| fan(c, id) + &table(c));
        let filter = FILTER.with(|f| burnrate_model::markup::escape(&f.borrow()));
        format!(
            "<h3>The bill against the forecast</h3>\
<label>The bill is for <select id=\"compare-arch\" style=\"max-width: 100%\">{options}</select></label>\
<form id=\"compare-filter-form\"><label>Only the rows that name <input type=\"text\" id=\"compare-filter\" value=\"{filter}\" spellcheck=\"false\" autocomplete=\"off\" placeholder=\"every row\"></label> <button type=\"submit\" class=\"secondary\">Compare again</button>\
<p class=\"hint\">A model, service, SKU, line item or description (ignoring case), as burnrate compare's --map: the other rows are listed as not compared. Empty: the whole bill.</p></form>{table}"
        )
    });
    r.set_inner_html(&html);
    if let Some(form) = by_id("compare-filter-form") {
        let handler = Closure::<dyn FnMut(web_sys::Event)>::new(move |e: web_sys::Event| {
            e.prevent_default();
            let text = by_id("compare-filter")
                .and_then(|i| i.dyn_into::<web_sys::HtmlInputElement>().ok())
                .map(|i| i.value().trim().to_owned())
                .unwrap_or_default();
            FILTER.with(|f| *f.borrow_mut() = text);
            run();
        });
        let _ = form.add_event_listener_with_callback("submit", handler.as_ref().unchecked_ref());
        handler.forget();
    }
    if let Some(select) = by_id("compare-arch") {
        let handler = Closure::<dyn FnMut(web_sys::Event)>::new(move |e: web_sys::Event| {
            if let Some(s) = e
                .target()
                .and_then(|t| t.dyn_into::<HtmlSelectElement>().ok())
            {
                show(s.value().parse().unwrap_or(0));
                if let Some(again) =
                    by_id("compare-arch").and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
                {
                    let _ = again.focus();
                }
            }
        });
        let _ = select.add_event_listener_with_callback("change", handler.as_ref().unchecked_ref());
        handler.forget();
    }
    if let Some(button) = by_id("compare-refit") {
        let handler = Closure::<dyn FnMut(web_sys::Event)>::new(move |_: web_sys::Event| refit());
        let _ = button.add_event_listener_with_callback("click", handler.as_ref().unchecked_ref());
        handler.forget();
    }
}

/// "Refit the workload from this log": hands the usage log compared to the
/// calibrator (in the Workload group), which fits the workload to it as
/// recorded by the architecture chosen here and offers Accept or Discard
/// (the page's Restore takes an accepted fit back).
fn refit() {
    let Some(file) = FILE.with(|f| f.borrow().clone()) else {
        return;
    };
    let chosen = CHOSEN.with(|c| *c.borrow());
    let arch = MADE.with(|m| m.borrow().get(chosen).map(|(id, _, _)| id.clone()));
    if let Some(group) = by_id("calibrator").and_then(|c| c.closest("details").ok().flatten()) {
        let _ = group.set_attribute("open", "");
    }
    crate::calibrate_panel::open();
    let select = by_id("calibrator-by").and_then(|e| e.dyn_into::<HtmlSelectElement>().ok());
    if let (Some(arch), Some(select)) = (arch, select) {
        select.set_value(&arch);
    }
    crate::calibrate_panel::start(file);
}

/// Money as the CLI's table writes it: whole units from 100 up.
fn money(v: f64, currency: &str) -> String {
    let p = burnrate_model::currency::prefix(currency);
    if v.abs() >= 100.0 {
        format!("{p}{}", burnrate_model::markup::count(v))
    } else {
        format!("{p}{v:.2}")
    }
}

/// The fan chart: the forecast's P5–P95 band and median over the horizon,
/// the bill's months as dots on it (a partial month hollow). SVG in the
/// page's colours (public/calibrator.css), scaled to its column.
fn fan(c: &Comparison, arch: &str) -> String {
    use burnrate_model::markup::escape;
    // The calibrator's view box: its 13-unit text reads at 10–13 px.
    const W: f64 = 360.0;
    const H: f64 = 170.0;
    const LEFT: f64 = 4.0;
    const TOP: f64 = 18.0;
    const BASE: f64 = 146.0;
    let band: Vec<_> = c.horizon.iter().filter(|h| h.arch == arch).collect();
    let actual: Vec<_> = c.months.iter().filter(|m| m.arch == arch).collect();
    if band.is_empty() {
        return String::new();
    }
    let most = band
        .iter()
        .map(|h| h.forecast_p95)
        .chain(actual.iter().map(|m| m.actual_usd))
        .fold(0.0f64, f64::max)
        .max(1e-9)
        * 1.05;
    let n = band.len();
    let step = (W - 2.0 * LEFT) / n.saturating_sub(1).max(1) as f64;
    let x = |i: usize| LEFT + step * i as f64;
    let y = |usd: f64| BASE - (BASE - TOP) * usd.max(0.0) / most;
    let upper = band
        .iter()
        .enumerate()
        .map(|(i, h)| format!("{:.1},{:.1}", x(i), y(h.forecast_p95)));
    let lower = band
        .iter()
        .enumerate()
        .rev()
        .map(|(i, h)| format!("{:.1},{:.1}", x(i), y(h.forecast_p5)));
    let area: Vec<String> = upper.chain(lower).collect();
    let median: Vec<String> = band
        .iter()
        .enumerate()
        .map(|(i, h)| format!("{:.1},{:.1}", x(i), y(h.forecast_p50)))
        .collect();
    let dots: String = actual
        .iter()
        .filter_map(|m| {
            let i = band.iter().position(|h| h.month == m.month)?;
            let class = if m.complete { "bill" } else { "bill partial" };
            Some(format!(
                "<circle class=\"{class}\" cx=\"{:.1}\" cy=\"{:.1}\" r=\"3.5\"></circle>",
                x(i),
                y(m.actual_usd)
            ))
        })
        .collect();
    let m = |v: f64| escape(&money(v, &c.currency));
    // The largest amount drawn, labelled on its gridline.
    let top = y(most / 1.05);
    let (first, last) = (&band[0].month, &band[n - 1].month);
    let description = format!(
        "The forecast's P5 to P95 band and its median for each month from {first} to {last}, up to {} a month; the bill's {} months as dots, {} of {} complete ones inside the band.",
        money(most / 1.05, &c.currency),
        actual.len(),
        c.inside_p5_p95,
        c.complete_months
    );
    format!(
        "<figure class=\"calibrator-chart compare-fan\"><figcaption><h4>The bill on the forecast</h4>The forecast's P5–P95 band and median (line); the bill's months (dots; hollow: a partial month).</figcaption>\
<svg viewBox=\"0 0 {W} {H}\" role=\"img\" aria-label=\"{}\"><polygon class=\"band\" points=\"{}\"></polygon><polyline class=\"fit\" points=\"{}\"></polyline>{dots}\
<line class=\"axis\" x1=\"0\" y1=\"{BASE}\" x2=\"{W}\" y2=\"{BASE}\"></line>\
<line class=\"grid\" x1=\"0\" y1=\"{top:.1}\" x2=\"{W}\" y2=\"{top:.1}\"></line><text x=\"0\" y=\"{:.1}\">{}</text>\
<text x=\"0\" y=\"{}\">{}</text><text x=\"{W}\" y=\"{}\" text-anchor=\"end\">{}</text></svg></figure>",
        escape(&description),
        area.join(" "),
        median.join(" "),
        top - 4.0,
        m(most / 1.05),
        BASE + 16.0,
        escape(first),
        BASE + 16.0,
        escape(last),
    )
}

/// The comparison as an HTML table, then what could not be placed. The
/// percentile comes right after the month: on a phone the table scrolls
/// sideways, and it is what the table is for.
fn table(c: &Comparison) -> String {
    use burnrate_model::markup::escape;
    let m = |v: f64| escape(&money(v, &c.currency));
    let unplaced: String = c
        .unplaced
        .iter()
        .map(|u| {
            // A usage log's unpriced requests have no amount: `why` counts them.
            let amount = if u.usd == 0.0 {
                String::new()
            } else {
                format!(" {}", m(u.usd))
            };
            format!("<li>{}{amount} ({})</li>", escape(&u.month), escape(&u.why))
        })
        .collect();
    let unplaced = if unplaced.is_empty() {
        String::new()
    } else {
        format!("<p class=\"hint\">Not compared:</p><ul class=\"hint\">{unplaced}</ul>")
    };
    if c.months.is_empty() {
        return format!(
            "<p class=\"hint\" role=\"status\">No month of the bill was placed in the horizon (from {}).</p>{unplaced}",
            escape(&c.start_month)
        );
    }
    let rows: String = c
        .months
        .iter()
        .map(|r| {
            let partial = if r.complete { "" } else { " (partial month)" };
            format!(
                "<tr><th scope=\"row\">{}{partial}</th><td data-percentile=\"{}\">{:.1}%</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                escape(&r.month),
                r.percentile,
                r.percentile,
                m(r.actual_usd),
                m(r.forecast_p5),
                m(r.forecast_p50),
                m(r.forecast_p95)
            )
        })
        .collect();
    // A usage log informs the workload itself: the calibrator refits it.
    let refit = match c.priced_requests {
        Some(n) => format!(
            "<p class=\"hint\">The bill is a usage log: {} requests, each priced as the catalog lists its model. <button type=\"button\" class=\"secondary small\" id=\"compare-refit\">Refit the workload from this log…</button></p>",
            burnrate_model::markup::count(n as f64)
        ),
        None => String::new(),
    };
    let inside = if c.complete_months > 0 {
        format!(
            "<p class=\"hint\">{} of {} complete months inside the forecast's P5–P95 (nine in ten expected).</p>",
            c.inside_p5_p95, c.complete_months
        )
    } else {
        String::new()
    };
    format!(
        "<p class=\"hint\">Each month of the bill in the forecast of that month ({} trials, horizon from {}); the percentile is the share of trials that spent less.</p>\
<div class=\"table-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"The bill's months against the forecast\"><table id=\"compare-table\" class=\"compare\"><thead><tr><th scope=\"col\">Month</th><th scope=\"col\">Percentile</th><th scope=\"col\">Bill</th><th scope=\"col\">P5</th><th scope=\"col\">P50</th><th scope=\"col\">P95</th></tr></thead><tbody>{rows}</tbody></table></div>{inside}{refit}{unplaced}",
        burnrate_model::markup::count(c.trials as f64),
        escape(&c.start_month)
    )
}

/// The worker's side: the scenario's forecast by month, then the bill
/// placed in it for each architecture (every row its spend, or only those
/// naming `filter`); posts progress, then `{"made"}` or `{"error"}`.
#[wasm_bindgen]
pub fn run_compare(scenario: String, bill_text: String, filter: String) {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let post = |v: serde_json::Value| {
        let _ = scope.post_message(&JsValue::from_str(&v.to_string()));
    };
    let made = (|| -> Result<Vec<(String, String, Comparison)>, String> {
        let mut s = migrate::scenario_from_str(&scenario).map_err(|e| e.to_string())?;
        let ids: Vec<String> = s.architectures.iter().map(|a| a.id.clone()).collect();
        let first = ids.first().ok_or("the scenario has no architecture")?;
        // Read once, as the first architecture's (a usage log's requests
        // priced as the scenario prices them), then relabelled for each.
        let prices = bill::Prices::of(&s);
        let mapping = if filter.trim().is_empty() {
            Mapping::All(first.clone())
        } else {
            Mapping::Rules(vec![Rule {
                text: filter.trim().to_lowercase(),
                arch: first.clone(),
            }])
        };
        let read = bill::read(&bill_text, &ids, &mapping, &prices)?;
        let start = match &s.start_month {
            Some(m) => m.clone(),
            None => read
                .months
                .keys()
                .next()
                .cloned()
                .ok_or("the bill has no rows")?,
        };
        s.start_month = Some(start.clone());
        let p = Prepared::new(&s).map_err(|e| e.to_string())?;
        let trials = u64::from(s.trials);
        let mut f = MonthForecasts::new(p.architecture_count(), s.horizon_months.max(1) as usize);
        let (mut scratch, mut out) = (Scratch::default(), Vec::new());
        for t in 0..trials {
            p.month_costs(t, &mut scratch, &mut out);
            f.add(&out);
            if (t + 1).is_multiple_of(STEP) {
                post(serde_json::json!({ "progress": t + 1, "trials": trials }));
            }
        }
        s.architectures
            .iter()
            .map(|a| {
                let mut bill = read.clone();
                for m in bill.months.values_mut() {
                    if let Some(usd) = m.by_arch.remove(first) {
                        m.by_arch.insert(a.id.clone(), usd);
                    }
                }
                let c = compare::compare(&p, &f, &bill, &start)?;
                Ok((a.id.clone(), a.name.clone(), c))
            })
            .collect()
    })();
    post(match made {
        Ok(made) => serde_json::json!({ "made": made }),
        Err(e) => serde_json::json!({ "error": e }),
    });
}
