//! The page as this module reads it: elements by id, the site's own
//! addresses, the scenario being edited (the page's autosave, or the link in
//! the address), and the module's worker.

use wasm_bindgen::JsCast;
use web_sys::{Document, Element, MessageEvent, Worker, WorkerOptions, WorkerType};

/// The page's autosave (src/storage.rs): the scenario being edited.
const AUTOSAVE_KEY: &str = "burnrate.scenario";

pub fn document() -> Option<Document> {
    web_sys::window()?.document()
}

pub fn by_id(id: &str) -> Option<Element> {
    document()?.get_element_by_id(id)
}

/// A path of the site as an absolute address (the site may live in a folder).
pub fn resolve(path: &str) -> String {
    let base = document()
        .and_then(|d| d.base_uri().ok().flatten())
        .unwrap_or_default();
    web_sys::Url::new_with_base(path, &base).map_or_else(|_| path.to_owned(), |u| u.href())
}

/// Adds the on-demand panels' stylesheet (`public/calibrator.css`) to the
/// page, once.
pub fn stylesheet() {
    let Some(doc) = document() else { return };
    if doc.get_element_by_id("on-demand-css").is_some() {
        return;
    }
    if let (Some(head), Ok(link)) = (doc.head(), doc.create_element("link")) {
        link.set_id("on-demand-css");
        let _ = link.set_attribute("rel", "stylesheet");
        let _ = link.set_attribute("href", &resolve("public/calibrator.css"));
        let _ = head.append_child(&link);
    }
}

/// The scenario being edited in this tab: the link the page keeps in the
/// address (another tab's autosave may be newer); else the autosave.
pub fn scenario() -> Option<String> {
    let window = web_sys::window()?;
    let linked = window
        .location()
        .hash()
        .ok()
        .and_then(|hash| burnrate_model::link::open(&hash).ok())
        .and_then(|opened| serde_json::to_string(&opened.scenario).ok());
    linked.or_else(|| {
        window
            .local_storage()
            .ok()
            .flatten()
            .and_then(|s| s.get_item(AUTOSAVE_KEY).ok().flatten())
    })
}

/// A module worker of this module (`public/on-demand-worker.js`) whose
/// messages (JSON text) go to `on_message`; a worker that fails (its module
/// not loaded, a panic) reaches it as `{"error"}` too, never as silence.
fn worker(on_message: fn(serde_json::Value)) -> Option<Worker> {
    let options = WorkerOptions::new();
    options.set_type(WorkerType::Module);
    let worker = Worker::new_with_options(&resolve("public/on-demand-worker.js"), &options).ok()?;
    let handler =
        wasm_bindgen::closure::Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
            let text = e.data().as_string().unwrap_or_default();
            if let Ok(v) = serde_json::from_str(&text) {
                on_message(v);
            }
        });
    worker.set_onmessage(Some(handler.as_ref().unchecked_ref()));
    let failed = wasm_bindgen::closure::Closure::<dyn FnMut(web_sys::Event)>::new(move |_| {
        on_message(serde_json::json!({
            "error": "the worker stopped (was the page's connection lost?); try again"
        }));
    });
    worker.set_onerror(Some(failed.as_ref().unchecked_ref()));
    // The worker, and so its handlers, lives until terminated.
    handler.forget();
    failed.forget();
    Some(worker)
}

/// Where a panel keeps the worker of its one job in flight.
pub type Slot = std::thread::LocalKey<std::cell::RefCell<Option<Worker>>>;

/// Whether `slot`'s job is still running.
pub fn busy(slot: &'static Slot) -> bool {
    slot.with(|w| w.borrow().is_some())
}

/// Starts a job in a new worker kept in `slot`: `fields` posted to it, its
/// messages to `on_message`. False if no worker could take it.
pub fn start_job(
    slot: &'static Slot,
    on_message: fn(serde_json::Value),
    fields: &[(&str, wasm_bindgen::JsValue)],
) -> bool {
    let Some(worker) = self::worker(on_message) else {
        return false;
    };
    if !post(&worker, fields) {
        worker.terminate();
        return false;
    }
    slot.with(|w| *w.borrow_mut() = Some(worker));
    true
}

/// Ends `slot`'s job: its worker is stopped.
pub fn end_job(slot: &'static Slot) {
    if let Some(w) = slot.with(|w| w.borrow_mut().take()) {
        w.terminate();
    }
}

/// Posts `fields` to `worker` as one object.
pub fn post(worker: &Worker, fields: &[(&str, wasm_bindgen::JsValue)]) -> bool {
    let message = js_sys::Object::new();
    for (key, value) in fields {
        let _ = js_sys::Reflect::set(&message, &wasm_bindgen::JsValue::from_str(key), value);
    }
    worker.post_message(&message).is_ok()
}
