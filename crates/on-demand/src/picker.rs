//! The search behind the page's "Find a model" and "Find an instance"
//! fields (`src/components/model_picker.rs` draws them): the price list
//! loaded on the first keystroke, the best matches as an ARIA listbox the
//! keyboard drives (Down and Up move, Enter picks, Escape closes the list,
//! then clears the field), and the pick handed to the page as the entry's
//! JSON in the field's `data-pick` with a `change` event.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::Arc;

use burnrate_model::catalog::{Accelerator, Catalog, ModelPrice};
use burnrate_model::model_choice::Search;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{Element, HtmlInputElement};

use crate::page;
use crate::price_list;

/// Results shown at once.
const SHOWN: usize = 8;

/// A result of either list.
#[derive(Clone)]
enum Choice {
    Model(Box<ModelPrice>),
    Instance(Accelerator),
}

/// A field's shown results and the one the arrows are on.
type Shown = (Vec<Choice>, Option<usize>);

thread_local! {
    /// Each field's, by the field's id.
    static SHOWN_BY_FIELD: RefCell<HashMap<String, Shown>> = RefCell::new(HashMap::new());
    /// The fields waiting for a list to load, with its address.
    static WAITING: RefCell<Vec<(&'static str, HtmlInputElement)>> = const { RefCell::new(Vec::new()) };
}

/// One result's line: who, what, and the three figures a buyer compares.
fn describe(m: &ModelPrice) -> String {
    let name = if m.name.is_empty() { &m.id } else { &m.name };
    // "Anthropic · Anthropic Claude…" says the provider twice.
    let who = if m.provider.is_empty() || name.starts_with(&m.provider) {
        String::new()
    } else {
        format!("{} · ", m.provider)
    };
    let window = m.context_window_tokens.map_or(String::new(), |w| {
        if w >= 1e6 {
            format!(" · {}M context", (w / 1e5).round() / 10.0)
        } else {
            format!(" · {}K context", (w / 1e3).round())
        }
    });
    format!(
        "{who}{name}: ${} in, ${} out per 1M tokens{window}",
        m.usd_per_m_input, m.usd_per_m_output
    )
}

/// One instance's line: where, what, its hourly prices (and a device's
/// share, to compare one GPU with eight) and decode speed.
fn describe_instance(a: &Accelerator) -> String {
    let name = if a.name.is_empty() { &a.id } else { &a.name };
    let mut text = format!("{name}: ${} an hour", a.usd_per_hour);
    if a.devices > 1 {
        let each = a.usd_per_hour / f64::from(a.devices);
        text.push_str(&format!(" (${each:.2} a device)"));
    }
    for (what, p) in [
        ("spot", a.usd_per_hour_spot),
        ("1-year", a.usd_per_hour_1y),
        ("3-year", a.usd_per_hour_3y),
    ] {
        if let Some(p) = p {
            text.push_str(&format!(", {what} ${p}"));
        }
    }
    format!(
        "{text} · {} decode tokens/s a device (7B)",
        burnrate_model::calibrate::report::count(a.decode_tokens_per_s_7b.max(0.0))
    )
}

fn is_instances(input: &HtmlInputElement) -> bool {
    input.get_attribute("data-picker").as_deref() == Some("instances")
}

fn part(input: &HtmlInputElement, suffix: &str) -> Option<Element> {
    page::by_id(&format!("{}-{suffix}", input.id()))
}

/// The field's text changed: search (the list loads first, once).
#[wasm_bindgen]
pub fn picker_input(input: HtmlInputElement) {
    let url = if is_instances(&input) {
        price_list::INSTANCES
    } else {
        price_list::MODELS
    };
    if let Some(list) = price_list::loaded(url) {
        return show(&input, &list);
    }
    say(&input, "Loading the price list…");
    // One fetch per list, whatever is typed meanwhile: when it lands, each
    // field waiting for it shows what it holds then.
    let first = WAITING.with(|w| {
        let mut w = w.borrow_mut();
        let first = !w.iter().any(|(u, _)| *u == url);
        if !w.iter().any(|(u, i)| *u == url && i.id() == input.id()) {
            w.push((url, input));
        }
        first
    });
    if first {
        wasm_bindgen_futures::spawn_local(async move {
            let list = price_list::load(url).await;
            let waiting: Vec<HtmlInputElement> = WAITING.with(|w| {
                let mut w = w.borrow_mut();
                let (these, rest) = w.drain(..).partition(|(u, _)| *u == url);
                *w = rest;
                these.into_iter().map(|(_, i)| i).collect()
            });
            for input in waiting {
                match &list {
                    Ok(list) => show(&input, list),
                    Err(e) => say(&input, e),
                }
            }
        });
    }
}

fn say(input: &HtmlInputElement, text: &str) {
    if let Some(status) = part(input, "status") {
        status.set_text_content(Some(text));
    }
}

/// The best matches of the field's words, and a status line that counts them.
fn show(input: &HtmlInputElement, list: &Arc<Catalog>) {
    let query = input.value();
    let instances = is_instances(input);
    let search = Search::new(&query);
    let (found, total): (Vec<Choice>, usize) = if query.trim().is_empty() {
        (Vec::new(), list.models.len() + list.accelerators.len())
    } else if instances {
        let (found, total) = search.accelerators(&list.accelerators, SHOWN);
        (
            found.into_iter().cloned().map(Choice::Instance).collect(),
            total,
        )
    } else {
        let (found, total) = search.models(&list.models, SHOWN);
        let found = found
            .into_iter()
            .map(|m| Choice::Model(Box::new(m.clone())));
        (found.collect(), total)
    };
    let what = if instances { "instances" } else { "models" };
    // The instance list's date is when it was compiled: each source dates its price.
    let as_of = if instances {
        format!("list of {}, cheapest a device-hour first", list.as_of)
    } else {
        format!("prices as of {}", list.as_of)
    };
    let status = match (query.trim().is_empty(), total) {
        (true, n) => format!("{n} {what}, {as_of}."),
        (false, 0) => format!("None of the {what} matches every word."),
        (false, n) if n > found.len() => format!(
            "{} of {n} matches ({as_of}): add a word to narrow them; Down and Enter pick one.",
            found.len()
        ),
        (false, n) => format!("{n} matches ({as_of}): Down and Enter pick one."),
    };
    say(input, &status);
    draw(input, &found, None);
    SHOWN_BY_FIELD.with(|m| m.borrow_mut().insert(input.id(), (found, None)));
}

/// The listbox's options, `active` marked for the keyboard and for
/// assistive technology (`aria-activedescendant`).
fn draw(input: &HtmlInputElement, found: &[Choice], active: Option<usize>) {
    let (Some(list), Some(doc)) = (part(input, "list"), page::document()) else {
        return;
    };
    list.set_text_content(None);
    for (i, c) in found.iter().enumerate() {
        let Ok(li) = doc.create_element("li") else {
            continue;
        };
        let text = match c {
            Choice::Model(m) => describe(m),
            Choice::Instance(a) => describe_instance(a),
        };
        li.set_text_content(Some(&text));
        let _ = li.set_attribute("id", &format!("{}-option-{i}", input.id()));
        let _ = li.set_attribute("role", "option");
        let _ = li.set_attribute("class", "pick");
        let _ = li.set_attribute("data-index", &i.to_string());
        let on = Some(i) == active;
        let _ = li.set_attribute("aria-selected", if on { "true" } else { "false" });
        let _ = list.append_child(&li);
    }
    let _ = input.set_attribute(
        "aria-expanded",
        if found.is_empty() { "false" } else { "true" },
    );
    match active {
        Some(i) => {
            let id = format!("{}-option-{i}", input.id());
            let _ = input.set_attribute("aria-activedescendant", &id);
            if let Some(option) = page::by_id(&id) {
                option.scroll_into_view_with_bool(false);
            }
        }
        None => {
            let _ = input.remove_attribute("aria-activedescendant");
        }
    }
}

/// A key pressed in the field; true when the picker used it (the page then
/// does nothing else with it).
#[wasm_bindgen]
pub fn picker_key(input: HtmlInputElement, key: String) -> bool {
    let Some((found, active)) = SHOWN_BY_FIELD.with(|m| m.borrow().get(&input.id()).cloned())
    else {
        return false;
    };
    let n = found.len();
    let to = |active: Option<usize>| {
        draw(&input, &found, active);
        SHOWN_BY_FIELD.with(|m| m.borrow_mut().insert(input.id(), (found.clone(), active)));
        true
    };
    match key.as_str() {
        "ArrowDown" if n > 0 => to(Some(active.map_or(0, |i| (i + 1) % n))),
        "ArrowUp" if n > 0 => to(Some(active.map_or(n - 1, |i| (i + n - 1) % n))),
        "Enter" => match active.or((n == 1).then_some(0)) {
            Some(i) => choose(&input, i),
            None => false,
        },
        "Escape" if n > 0 => to(None) && close(&input),
        _ => false,
    }
}

/// An option clicked.
#[wasm_bindgen]
pub fn picker_click(option: Element) -> bool {
    let input = option
        .closest(".picker")
        .ok()
        .flatten()
        .and_then(|p| p.query_selector("input[data-picker]").ok().flatten())
        .and_then(|i| i.dyn_into::<HtmlInputElement>().ok());
    let index = option
        .get_attribute("data-index")
        .and_then(|i| i.parse().ok());
    match (input, index) {
        (Some(input), Some(i)) => choose(&input, i),
        _ => false,
    }
}

/// The list emptied (Escape, or a pick).
fn close(input: &HtmlInputElement) -> bool {
    draw(input, &[], None);
    SHOWN_BY_FIELD.with(|m| m.borrow_mut().remove(&input.id()));
    true
}

/// Hands result `i` to the page, which copies it into the scenario.
fn choose(input: &HtmlInputElement, i: usize) -> bool {
    let Some(choice) = SHOWN_BY_FIELD.with(|m| {
        m.borrow()
            .get(&input.id())
            .and_then(|(found, _)| found.get(i).cloned())
    }) else {
        return false;
    };
    // A catalog of one entry: the page reads it with the catalog's reader.
    let json = match &choice {
        Choice::Model(m) => serde_json::json!({ "models": [m] }),
        Choice::Instance(a) => serde_json::json!({ "accelerators": [a] }),
    };
    let name = match &choice {
        Choice::Model(m) => {
            if m.name.is_empty() {
                m.id.clone()
            } else {
                m.name.clone()
            }
        }
        Choice::Instance(a) => {
            if a.name.is_empty() {
                a.id.clone()
            } else {
                a.name.clone()
            }
        }
    };
    close(input);
    input.set_value("");
    say(input, &format!("Picked {name}."));
    let _ = input.set_attribute("data-pick", &json.to_string());
    if let Ok(change) = web_sys::Event::new("change") {
        let _ = input.dispatch_event(&change);
    }
    true
}
