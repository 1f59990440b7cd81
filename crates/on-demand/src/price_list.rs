//! The full price lists, fetched from the page's own origin the first time
//! a search needs them: `public/prices.json` (every model genai-prices
//! prices, ~1,900; 43 KB gzip) and `public/accelerators.json` (instances
//! across clouds; 3 KB). Neither is part of the first load; each is read
//! once per page.

use std::sync::{Arc, OnceLock};

use burnrate_model::catalog::Catalog;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Every model with token prices.
pub const MODELS: &str = "public/prices.json";
/// GPU and Inferentia instances across clouds.
pub const INSTANCES: &str = "public/accelerators.json";

static LIST: OnceLock<Arc<Catalog>> = OnceLock::new();
static INSTANCE_LIST: OnceLock<Arc<Catalog>> = OnceLock::new();

/// The price list at `url`, if it is already loaded.
pub fn loaded(url: &str) -> Option<Arc<Catalog>> {
    cell(url).get().cloned()
}

fn cell(url: &str) -> &'static OnceLock<Arc<Catalog>> {
    if url == INSTANCES {
        &INSTANCE_LIST
    } else {
        &LIST
    }
}

/// The price list at `url` (one of the two above), fetched and checked on the first call.
pub async fn load(url: &'static str) -> Result<Arc<Catalog>, String> {
    let cell = cell(url);
    if let Some(list) = cell.get() {
        return Ok(list.clone());
    }
    let text = fetch_text(&crate::page::resolve(url))
        .await
        .map_err(|e| format!("the price list could not be loaded ({e})"))?;
    let list = burnrate_model::price_file::read_own(&text)
        .map_err(|e| format!("the price list is damaged: {e}"))?;
    Ok(cell.get_or_init(|| Arc::new(list)).clone())
}

async fn fetch_text(url: &str) -> Result<String, String> {
    let window = web_sys::window().ok_or("no window")?;
    let response = JsFuture::from(window.fetch_with_str(url))
        .await
        .map_err(|_| "the network refused it".to_owned())?
        .dyn_into::<web_sys::Response>()
        .map_err(|_| "not a response".to_owned())?;
    if !response.ok() {
        return Err(format!("HTTP {}", response.status()));
    }
    let text = response.text().map_err(|_| "no body".to_owned())?;
    JsFuture::from(text)
        .await
        .ok()
        .and_then(|t| t.as_string())
        .ok_or_else(|| "its body is not text".to_owned())
}
