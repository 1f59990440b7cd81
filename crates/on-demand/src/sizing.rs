//! "Size the commitment…" under a managed-API architecture (issue 30, item
//! 4): the search `burnrate capacity optimize` runs (pay-as-you-go, and
//! units on each term of an offer or at the architecture's own price, on
//! the same simulated months), run in this module's worker and drawn as
//! cost against units with the share of calls above capacity under it; any
//! option, the cheapest within the limits marked, is written into the
//! scenario with one click (the page's history keeps the scenario before).
//! Over a growing horizon, a table says when to add units.

use std::cell::RefCell;

use burnrate_model::capacity_plan::Plan;
use burnrate_model::capacity_search::{self, Base, Buy, Limits, Outcome, Search};
use burnrate_model::levers::provisioned::Overflow;
use burnrate_model::markup::{count, escape};
use burnrate_model::scenario::Serving;
use burnrate_model::{link, migrate, validate};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{DedicatedWorkerGlobalScope, Element, HtmlInputElement, HtmlSelectElement, Worker};

use crate::page::{self, by_id, document, scenario};

/// Trials an option, at most: a search runs 20 to 45 options (and a
/// growing horizon's plan about 50 more), and near capacity each hour sums
/// a binomial's terms (text-to-sql's prompt-only takes 9.5 s with its plan
/// at 500 trials in Chromium; the search alone 22 s natively at the
/// command line's default of 2,000).
const MOST_TRIALS: u32 = 500;

thread_local! {
    static WORKER: RefCell<Option<Worker>> = const { RefCell::new(None) };
    /// The architecture the panel sizes (its index).
    static ARCH: RefCell<usize> = const { RefCell::new(0) };
    /// The scenario (JSON) the search shown ran on, and the search.
    static FOUND: RefCell<Option<(String, Option<Search>)>> = const { RefCell::new(None) };
}

/// Opens the panel under `button` for the architecture it names.
#[wasm_bindgen]
pub fn size_commitment(button: Element) {
    let Some(arch) = button
        .get_attribute("data-size-commitment")
        .and_then(|v| v.parse::<usize>().ok())
    else {
        return;
    };
    page::stylesheet();
    if let Some(old) = by_id("sizing-panel") {
        old.remove();
    }
    page::end_job(&WORKER);
    FOUND.with(|f| *f.borrow_mut() = None);
    ARCH.with(|a| *a.borrow_mut() = arch);
    let Some(panel) = document().and_then(|d| d.create_element("section").ok()) else {
        return;
    };
    panel.set_id("sizing-panel");
    panel.set_class_name("calibrator sizing");
    let _ = panel.set_attribute("aria-labelledby", "sizing-title");
    panel.set_inner_html(&form(arch));
    if button.after_with_node_1(&panel).is_err() {
        return;
    }
    if let Some(title) =
        by_id("sizing-title").and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = title.focus();
    }
    listen("sizing-form", "submit", |e| {
        e.prevent_default();
        start();
    });
    listen("sizing-close", "click", |_| {
        page::end_job(&WORKER);
        if let Some(p) = by_id("sizing-panel") {
            p.remove();
        }
    });
    listen("sizing-result", "click", |e| {
        let picked = e
            .target()
            .and_then(|t| t.dyn_into::<Element>().ok())
            .and_then(|t| t.closest("[data-use]").ok().flatten())
            .and_then(|b| b.get_attribute("data-use"))
            .and_then(|v| v.parse::<usize>().ok());
        if let Some(i) = picked {
            use_option(i);
        }
    });
}

fn listen(id: &str, event: &str, f: fn(web_sys::Event)) {
    if let Some(el) = by_id(id) {
        let handler = Closure::<dyn FnMut(web_sys::Event)>::new(f);
        let _ = el.add_event_listener_with_callback(event, handler.as_ref().unchecked_ref());
        handler.forget();
    }
}

/// The panel's form: where the throughput and prices come from, and the
/// limit on calls above capacity.
fn form(arch: usize) -> String {
    let parsed = scenario().and_then(|t| migrate::scenario_from_str(&t).ok());
    let Some(s) = parsed else {
        return "<p class=\"hint\" role=\"status\">The scenario being edited could not be read.</p>"
            .into();
    };
    let Some(a) = s.architectures.get(arch) else {
        return String::new();
    };
    let title = format!(
        "<h4 id=\"sizing-title\" tabindex=\"-1\">Size the commitment: {}</h4>",
        escape(&a.name)
    );
    let close = "<button type=\"button\" class=\"secondary\" id=\"sizing-close\">Close</button>";
    let trials = count(f64::from(s.trials.min(MOST_TRIALS)));
    let api = match &a.serving {
        Serving::ManagedApi(api) => api,
        Serving::SelfHosted(hosted) => {
            let Some(c) = hosted
                .commitment
                .as_ref()
                .filter(|_| hosted.hosting.max_instances().is_some())
            else {
                return format!(
                    "{title}<p class=\"hint\" role=\"status\">Switch on Committed instances above with your provider's term and discount (dedicated or autoscaled hosting: serverless capacity cannot be committed), then size them here.</p>{close}"
                );
            };
            return format!(
                "{title}<p class=\"hint\">On demand, and 1, 2, 4… instances committed for {} at {}% off (as in Committed instances above), each run on the same {trials} simulated months (as burnrate capacity optimize), then every count around the cheapest.</p>\
<form id=\"sizing-form\"><div class=\"calibrator-actions\"><button type=\"submit\">Search</button>{close}</div></form>\
<p class=\"hint\" id=\"sizing-status\" role=\"status\" aria-live=\"polite\"></p><div id=\"sizing-result\"></div>",
                if c.term_years == 1 {
                    "a year".to_owned()
                } else {
                    format!("{} years", c.term_years)
                },
                count(100.0 * c.discount)
            );
        }
    };
    let mut options = String::new();
    if let Some(p) = &api.provisioned {
        options += &format!(
            "<option value=\"\">Its own: {} units at ${:.4} a unit-hour</option>",
            p.units, p.usd_per_unit_hour
        );
    }
    for o in capacity_search::offers_for(&s, arch) {
        let terms: Vec<&str> = o.terms.iter().map(|t| t.term.as_str()).collect();
        options += &format!(
            "<option value=\"{}\">{} ({})</option>",
            escape(&o.id),
            escape(&o.name),
            escape(&terms.join(", "))
        );
    }
    if options.is_empty() {
        return format!(
            "{title}<p class=\"hint\" role=\"status\">No offer in burnrate's list serves {}: switch on Provisioned capacity above with the vendor's throughput and price, then size it here.</p>{close}",
            escape(&api.model)
        );
    }
    let refused = api
        .provisioned
        .as_ref()
        .is_some_and(|p| p.overflow == Overflow::Throttle);
    let what = if refused {
        "refused"
    } else {
        "spilled to pay-as-you-go"
    };
    format!(
        "{title}<p class=\"hint\">Pay-as-you-go, and units on each term, each run on the same {trials} simulated months (as burnrate capacity optimize): units from the offer's minimum, doubled, then every step around the cheapest.</p>\
<form id=\"sizing-form\" class=\"calibrator-columns\">\
<label>Throughput and prices<select id=\"sizing-offer\">{options}</select></label>\
<label>At most this share of a month's calls {what} (%)<input type=\"text\" inputmode=\"decimal\" id=\"sizing-limit\" placeholder=\"any\" autocomplete=\"off\" aria-describedby=\"sizing-status\"></label>\
<label>In this share of months (%)<input type=\"text\" inputmode=\"decimal\" id=\"sizing-confidence\" value=\"95\" autocomplete=\"off\" aria-describedby=\"sizing-status\"></label>\
<div class=\"calibrator-actions\"><button type=\"submit\">Search</button>{close}</div></form>\
<p class=\"hint\" id=\"sizing-status\" role=\"status\" aria-live=\"polite\"></p><div id=\"sizing-result\"></div>"
    )
}

fn say(text: &str) {
    if let Some(s) = by_id("sizing-status") {
        s.set_text_content(Some(text));
    }
}

fn value(id: &str) -> String {
    by_id(id)
        .and_then(|e| e.dyn_into::<HtmlInputElement>().ok())
        .map(|i| i.value().trim().to_owned())
        .unwrap_or_default()
}

/// A percentage typed in field `id` as a share, or why not.
fn share(id: &str, name: &str) -> Result<Option<f64>, String> {
    let text = value(id);
    let field = by_id(id);
    let bad = |bad: bool| {
        if let Some(f) = &field {
            let _ = f.set_attribute("aria-invalid", if bad { "true" } else { "false" });
        }
    };
    if text.is_empty() {
        bad(false);
        return Ok(None);
    }
    match text.trim_end_matches('%').trim().parse::<f64>() {
        Ok(v) if (0.0..=100.0).contains(&v) => {
            bad(false);
            Ok(Some(v / 100.0))
        }
        _ => {
            bad(true);
            Err(format!(
                "{name} must be a percentage from 0 to 100, not \"{}\".",
                burnrate_model::error::shortened(&text)
            ))
        }
    }
}

/// Starts the search with the form's choices.
fn start() {
    let (limit, confidence) = match (
        share("sizing-limit", "The share of calls"),
        share("sizing-confidence", "The share of months"),
    ) {
        (Ok(l), Ok(c)) => (l, c.unwrap_or(0.95)),
        (Err(e), _) | (_, Err(e)) => return say(&e),
    };
    let Some(text) = scenario() else {
        return say("The scenario being edited could not be read.");
    };
    let offer = by_id("sizing-offer")
        .and_then(|e| e.dyn_into::<HtmlSelectElement>().ok())
        .map(|s| s.value())
        .unwrap_or_default();
    let arch = ARCH.with(|a| *a.borrow());
    let request = serde_json::json!({
        "arch": arch,
        "offer": offer,
        "limit": limit,
        "confidence": confidence,
    });
    page::end_job(&WORKER);
    FOUND.with(|f| *f.borrow_mut() = None);
    let fields = [
        ("kind", JsValue::from_str("size")),
        ("scenario", JsValue::from_str(&text)),
        ("request", JsValue::from_str(&request.to_string())),
    ];
    if page::start_job(&WORKER, report, &fields) {
        say("Searching…");
        if let Some(r) = by_id("sizing-result") {
            r.set_inner_html("");
        }
        FOUND.with(|f| *f.borrow_mut() = Some((text, None)));
    } else {
        say("This browser could not start a worker for the search.");
    }
}

/// The worker's messages: options run so far, the search, or why not.
fn report(v: serde_json::Value) {
    if let Some(n) = v["progress"].as_u64() {
        return say(&format!("Searching: option {n} running…"));
    }
    page::end_job(&WORKER);
    match serde_json::from_value::<Search>(v["search"].clone()) {
        Ok(found) => {
            say(&verdict(&found));
            if let Some(r) = by_id("sizing-result") {
                r.set_inner_html(&(chart(&found) + &table(&found) + &plan_table(&found)));
            }
            FOUND.with(|f| {
                if let Some((_, s)) = f.borrow_mut().as_mut() {
                    *s = Some(found);
                }
            });
        }
        Err(_) => {
            FOUND.with(|f| *f.borrow_mut() = None);
            say(&format!(
                "Not searched: {}",
                v["error"].as_str().unwrap_or("the worker stopped")
            ));
        }
    }
}

/// How a search's options are named: provisioned units bought on a term
/// or nothing bought (pay-as-you-go); or instances committed or none (on
/// demand).
struct Words {
    unit: &'static str,
    none: &'static str,
    committed: bool,
}

fn words(s: &Search) -> Words {
    match s.base {
        Base::Provisioned(_) => Words {
            unit: "units",
            none: "pay-as-you-go",
            committed: false,
        },
        Base::Committed(_) => Words {
            unit: "instances",
            none: "on demand",
            committed: true,
        },
    }
}

fn option_name(s: &Search, o: &Outcome) -> String {
    let w = words(s);
    if o.units == 0 {
        w.none.into()
    } else if w.committed {
        let s = if o.units == 1 { "" } else { "s" };
        format!("{} instance{s} committed, {}", o.units, o.term)
    } else {
        format!("{} units on {}", o.units, o.term)
    }
}

/// The search's answer in a sentence.
fn verdict(s: &Search) -> String {
    let above = |b: &Outcome| {
        if words(s).committed {
            String::new()
        } else {
            format!(
                ", {:.1}% of calls above capacity",
                100.0 * (b.spilled_share + b.throttled_share)
            )
        }
    };
    let said = match &s.best {
        Some(b) => format!(
            "{}: {}, ${} a month on average (P95 ${}){}. {} options, {} trials each.",
            if words(s).committed {
                "Cheapest"
            } else {
                "Cheapest within the limits"
            },
            option_name(s, b),
            count(b.mean_usd),
            count(b.p95_usd),
            above(b),
            s.options.len(),
            count(f64::from(s.trials))
        ),
        None => format!(
            "No option meets the limits ({} tried): allow more calls above capacity, or fewer months within them.",
            s.options.len()
        ),
    };
    match &s.plan {
        Some(plan) => format!("{said} {}", plan_sentence(s, plan)),
        None => said,
    }
}

/// The plan in a sentence: what to hold from each step on.
fn plan_sentence(s: &Search, plan: &Plan) -> String {
    let w = words(s);
    let mut held = None;
    let mut parts = Vec::new();
    for step in &plan.steps {
        let units = step.option.units;
        if held == Some(units) {
            continue;
        }
        let what = if units == 0 {
            w.none.to_owned()
        } else {
            format!("{units} {}", w.unit)
        };
        parts.push(if step.month == 1 {
            format!("{what} at first")
        } else {
            format!("{what} from month {}", step.month)
        });
        held = Some(units);
    }
    format!("As traffic grows: {}.", parts.join(", "))
}

/// Cost against units (a line per term, pay-as-you-go level across), and
/// under it the share of calls above capacity, which units alone set; the
/// cheapest within the limits ringed. Units on a doubling scale, as the
/// grid searched.
fn chart(s: &Search) -> String {
    const W: f64 = 360.0;
    const LEFT: f64 = 4.0;
    const TOP: f64 = 18.0;
    const COST_BASE: f64 = 130.0;
    const SHARE_TOP: f64 = 150.0;
    const SHARE_BASE: f64 = 200.0;
    const H: f64 = 222.0;
    let w = words(s);
    let unit = w.unit;
    let bought: Vec<&Outcome> = s.options.iter().filter(|o| o.units > 0).collect();
    let (Some(lo), Some(hi)) = (
        bought.iter().map(|o| o.units).min(),
        bought.iter().map(|o| o.units).max(),
    ) else {
        return String::new();
    };
    let payg = s.options.iter().find(|o| o.units == 0);
    let (l0, l1) = (
        f64::from(lo).log2(),
        f64::from(hi).log2().max(f64::from(lo).log2() + 1.0),
    );
    let x = |u: u32| LEFT + (W - 2.0 * LEFT) * (f64::from(u).log2() - l0) / (l1 - l0);
    // The scale stops at three times the cheapest option's mean: the
    // largest sizes cost many times more, and would flatten the rest.
    let cheapest = s
        .options
        .iter()
        .map(|o| o.mean_usd)
        .fold(f64::INFINITY, f64::min);
    let most = s
        .options
        .iter()
        .map(|o| o.mean_usd)
        .fold(0.0f64, f64::max)
        .min(3.0 * cheapest)
        .max(1e-9);
    let y = |usd: f64| COST_BASE - (COST_BASE - TOP) * (usd / most).min(1.04);
    let ys = |share: f64| SHARE_BASE - (SHARE_BASE - SHARE_TOP) * share.clamp(0.0, 1.0);
    let mut terms: Vec<&str> = Vec::new();
    for o in &bought {
        if !terms.contains(&o.term.as_str()) {
            terms.push(&o.term);
        }
    }
    let lines: String = terms
        .iter()
        .enumerate()
        .map(|(i, term)| {
            let points: Vec<String> = bought
                .iter()
                .filter(|o| o.term == *term)
                .map(|o| format!("{:.1},{:.1}", x(o.units), y(o.mean_usd)))
                .collect();
            format!(
                "<polyline class=\"term term-{}\" points=\"{}\"></polyline>",
                i % 4,
                points.join(" ")
            )
        })
        .collect();
    let payg_line = payg.map_or_else(String::new, |p| {
        format!(
            "<line class=\"payg\" x1=\"0\" y1=\"{0:.1}\" x2=\"{W}\" y2=\"{0:.1}\"></line>",
            y(p.mean_usd)
        )
    });
    // Units alone set the share above capacity: the first term's options.
    let first = terms.first().copied().unwrap_or_default();
    let share_points: Vec<String> = bought
        .iter()
        .filter(|o| o.term == first)
        .map(|o| {
            format!(
                "{:.1},{:.1}",
                x(o.units),
                ys(o.spilled_share + o.throttled_share)
            )
        })
        .collect();
    // Committed instances leave capacity as it is: no share to draw.
    let shares = !w.committed;
    let ring = s.best.as_ref().map_or_else(String::new, |b| {
        let cx = if b.units == 0 { LEFT } else { x(b.units) };
        let mut ring = format!(
            "<circle class=\"best\" cx=\"{cx:.1}\" cy=\"{:.1}\" r=\"5\"></circle>",
            y(b.mean_usd)
        );
        if shares {
            ring += &format!(
                "<circle class=\"best\" cx=\"{cx:.1}\" cy=\"{:.1}\" r=\"5\"></circle>",
                ys(b.spilled_share + b.throttled_share)
            );
        }
        ring
    });
    let legend: Vec<String> = terms
        .iter()
        .enumerate()
        .map(|(i, t)| format!("<span class=\"key term-{}\">{}</span>", i % 4, escape(t)))
        .collect();
    let share_at =
        |o: Option<&&Outcome>| 100.0 * o.map_or(0.0, |o| o.spilled_share + o.throttled_share);
    let (share_panel, share_words, share_caption, bottom, height) = if shares {
        (
            format!(
                "<line class=\"axis\" x1=\"0\" y1=\"{SHARE_BASE}\" x2=\"{W}\" y2=\"{SHARE_BASE}\"></line><text x=\"0\" y=\"{:.1}\">100% above capacity</text><polyline class=\"share\" points=\"{}\"></polyline>",
                SHARE_TOP - 4.0,
                share_points.join(" ")
            ),
            format!(
                "; under it the share of calls above capacity, from {:.0}% at {lo} {unit} to {:.1}% at {hi}",
                share_at(bought.first()),
                share_at(bought.iter().rfind(|o| o.term == first))
            ),
            " Below: the share of calls above capacity.",
            SHARE_BASE + 16.0,
            H,
        )
    } else {
        (
            String::new(),
            String::new(),
            "",
            COST_BASE + 16.0,
            COST_BASE + 22.0,
        )
    };
    let description = format!(
        "Mean monthly cost against {unit} from {lo} to {hi} for {}; {} {}{share_words}.",
        terms.join(", "),
        w.none,
        payg.map_or_else(String::new, |p| format!("${} a month", count(p.mean_usd))),
    );
    format!(
        "<figure class=\"calibrator-chart sizing-chart\"><figcaption><h5>Cost against {unit}</h5>Mean monthly cost by term: {}; {} dashed across (costs above the top label run off the chart); the ring: the cheapest within the limits.{share_caption}</figcaption>\
<svg viewBox=\"0 0 {W} {height}\" role=\"img\" aria-label=\"{}\"><defs><clipPath id=\"sizing-clip\"><rect x=\"0\" y=\"{:.1}\" width=\"{W}\" height=\"{:.1}\"></rect></clipPath></defs>\
<line class=\"axis\" x1=\"0\" y1=\"{COST_BASE}\" x2=\"{W}\" y2=\"{COST_BASE}\"></line><text x=\"0\" y=\"{:.1}\">${}</text>\
<g clip-path=\"url(#sizing-clip)\">{payg_line}{lines}</g>{share_panel}{ring}\
<text x=\"0\" y=\"{bottom:.1}\">{lo} {}</text><text x=\"{W}\" y=\"{bottom:.1}\" text-anchor=\"end\">{hi} {unit}</text></svg></figure>",
        legend.join(" "),
        w.none,
        escape(&description),
        TOP - 6.0,
        COST_BASE - TOP + 6.0,
        TOP - 4.0,
        count(most),
        if lo == 1 {
            unit.trim_end_matches('s')
        } else {
            unit
        },
    )
}

/// Every option with its figures and a button that writes it.
fn table(s: &Search) -> String {
    let pct = |v: f64| format!("{:.1}%", 100.0 * v);
    let rows: String = s
        .options
        .iter()
        .enumerate()
        .map(|(i, o)| {
            let best = s.best.as_ref() == Some(o);
            let (class, limits) = match (best, o.meets_limits) {
                (true, _) => (" class=\"best\"", "<strong>cheapest</strong>"),
                (false, true) => ("", "met"),
                (false, false) => (" class=\"over\"", "over"),
            };
            let term = if o.units == 0 { words(s).none } else { &o.term };
            // Exact figures, for a test against the command line's JSON.
            format!(
                "<tr{class} data-units=\"{}\" data-mean=\"{}\"><th scope=\"row\">{}</th><td>{}</td><td>${}</td><td>${}</td><td>{}</td><td>{}</td><td>{limits}</td><td><button type=\"button\" class=\"secondary small\" data-use=\"{i}\" aria-label=\"Use {}\">Use</button></td></tr>",
                o.units,
                o.mean_usd,
                o.units,
                escape(term),
                count(o.mean_usd),
                count(o.p95_usd),
                pct(o.spilled_share + o.throttled_share),
                pct(o.p_over_limit),
                escape(&option_name(s, o))
            )
        })
        .collect();
    format!(
        "<div class=\"table-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"The options searched\"><table id=\"sizing-table\" class=\"compare\"><thead><tr><th scope=\"col\">{}</th><th scope=\"col\">Term</th><th scope=\"col\">Mean a month</th><th scope=\"col\">P95</th><th scope=\"col\">Above capacity</th><th scope=\"col\">Months over limit</th><th scope=\"col\">Limits</th><th scope=\"col\"><span class=\"sr-only\">Write into the scenario</span></th></tr></thead><tbody>{rows}</tbody></table></div>\
<p class=\"hint\">{}The page's Restore brings back the scenario before. For more trials an option: burnrate capacity optimize --trials.</p>",
        if words(s).committed {
            "Instances"
        } else {
            "Units"
        },
        if words(s).committed {
            "Committed instances do not change capacity, only what it costs: none are above capacity, and every option meets the limits. Use writes the count into the architecture's Committed instances (on demand switches them off). "
        } else {
            "Above capacity: the mean share of calls the units could not take (spilled to pay-as-you-go, or refused). Months over the limit: the share of simulated months beyond the limit you set. Use writes the option into the architecture's Provisioned capacity (pay-as-you-go switches it off). "
        }
    )
}

/// When to add units over a growing horizon, step by step (none without
/// growth: every month is the average month).
fn plan_table(s: &Search) -> String {
    let Some(plan) = &s.plan else {
        return String::new();
    };
    let w = words(s);
    let pct = |v: f64| format!("{:.1}%", 100.0 * v);
    let mut held = 0;
    let rows: String = plan
        .steps
        .iter()
        .map(|step| {
            let o = &step.option;
            let added = o.units - held.min(o.units);
            held = held.max(o.units);
            let over = if o.meets_limits { "" } else { " (over the limits)" };
            format!(
                "<tr data-units=\"{}\" data-mean=\"{}\"><th scope=\"row\">{}–{}</th><td>{}</td><td>{}</td><td>${}</td><td>${}</td><td>{}{over}</td></tr>",
                o.units,
                o.mean_usd,
                step.month,
                step.until,
                if o.units == 0 {
                    w.none.to_owned()
                } else {
                    o.units.to_string()
                },
                if added == 0 {
                    "–".to_owned()
                } else {
                    format!("+{added}")
                },
                count(o.mean_usd),
                count(o.p95_usd),
                pct(o.p_over_limit)
            )
        })
        .collect();
    let unit = w.unit;
    format!(
        "<h5 id=\"sizing-plan-title\">When to add {unit} as traffic grows</h5>\
<p class=\"hint\">The horizon in steps of {} months, each searched on its last (busiest) month alone, on {}: {unit} bought stay bought. The scenario holds one count for the whole horizon: Use above writes the average month's.</p>\
<div class=\"table-scroll\" tabindex=\"0\" role=\"region\" aria-labelledby=\"sizing-plan-title\"><table id=\"sizing-plan\" class=\"compare\"><thead><tr><th scope=\"col\">Months</th><th scope=\"col\">{}</th><th scope=\"col\">Added</th><th scope=\"col\">Mean in its last month</th><th scope=\"col\">P95</th><th scope=\"col\">Months over limit</th></tr></thead><tbody>{rows}</tbody></table></div>",
        plan.every_months,
        escape(&plan.term),
        if w.committed { "Instances" } else { "Units" }
    )
}

/// Writes option `i` of the search shown into the scenario being edited.
fn use_option(i: usize) {
    let Some((ran_on, Some(found))) = FOUND.with(|f| f.borrow().clone()) else {
        return;
    };
    let Some(o) = found.options.get(i) else {
        return;
    };
    let Some(now) = scenario() else { return };
    // An edit since the search would be lost, and the figures stale.
    if now != ran_on {
        return say("The scenario changed since the search: search again to size it as it is now.");
    }
    let written = (|| -> Result<String, String> {
        let mut s = migrate::scenario_from_str(&now).map_err(|e| e.to_string())?;
        let arch = capacity_search::arch_index(&s, &found.arch)?;
        let buy = Buy {
            units: o.units,
            term: o.term.clone(),
            usd_per_unit_hour: o.usd_per_unit_hour,
        };
        capacity_search::write(&mut s, arch, &found.base, &buy)?;
        validate::validate(&s).map_err(|e| e.to_string())?;
        Ok(format!("s={}", link::encode(&s)))
    })();
    match written {
        Ok(fragment) => {
            if let Some(w) = web_sys::window() {
                let _ = w.location().set_hash(&fragment);
            }
            FOUND.with(|f| *f.borrow_mut() = None);
            say(&format!(
                "Written: {}{}. The page's Restore brings back the scenario before.",
                option_name(&found, o),
                if o.units > 0 && !words(&found).committed {
                    format!(" at ${:.4} a unit-hour", o.usd_per_unit_hour)
                } else {
                    String::new()
                }
            ));
        }
        Err(e) => say(&format!("Not written: {e}")),
    }
}

/// The worker's side: the search for the request's architecture, posting
/// the count of options run, then `{"search"}` or `{"error"}`.
#[wasm_bindgen]
pub fn run_sizing(scenario: String, request: String) {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let post = |v: serde_json::Value| {
        let _ = scope.post_message(&JsValue::from_str(&v.to_string()));
    };
    let found = (|| -> Result<Search, String> {
        let s = migrate::scenario_from_str(&scenario).map_err(|e| e.to_string())?;
        let r: serde_json::Value = serde_json::from_str(&request).map_err(|e| e.to_string())?;
        let arch = r["arch"].as_u64().unwrap_or(0) as usize;
        let a = s
            .architectures
            .get(arch)
            .ok_or("the architecture is no longer in the scenario")?;
        let refused = matches!(&a.serving, Serving::ManagedApi(api)
            if api.provisioned.as_ref().is_some_and(|p| p.overflow == Overflow::Throttle));
        let limit = r["limit"].as_f64();
        let limits = Limits {
            max_spill_share: if refused { None } else { limit },
            max_throttle_share: if refused { limit } else { None },
            confidence: r["confidence"].as_f64().unwrap_or(0.95),
        };
        let offer = r["offer"].as_str().filter(|o| !o.is_empty());
        capacity_search::for_architecture(
            &s,
            &a.id,
            offer,
            None,
            &limits,
            s.trials.min(MOST_TRIALS),
            &mut |n| post(serde_json::json!({ "progress": n })),
        )
    })();
    post(match found {
        Ok(search) => serde_json::json!({ "search": search }),
        Err(e) => serde_json::json!({ "error": e }),
    });
}
