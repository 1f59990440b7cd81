//! What leaves the page at the user's request: text to the clipboard, files
//! to download; and the one way in, a file the user picks.

use wasm_bindgen::JsCast;

/// Reads the file picked in the file input that fired `ev` (then clears the
/// input, so the same file can be picked again) as text, if it is at most
/// `max_mb` MB, and hands `done` the text or a sentence saying why not.
pub fn read_picked(
    ev: &leptos::ev::Event,
    max_mb: f64,
    done: impl FnOnce(Result<String, String>) + 'static,
) {
    let Some(input) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
    else {
        return;
    };
    let Some(file) = input.files().and_then(|f| f.get(0)) else {
        return;
    };
    input.set_value("");
    if file.size() > max_mb * 1e6 {
        return done(Err(format!(
            "the file is {:.1} MB, and at most {max_mb} MB is read",
            file.size() / 1e6
        )));
    }
    leptos::task::spawn_local(async move {
        done(
            wasm_bindgen_futures::JsFuture::from(file.text())
                .await
                .map(|v| v.as_string().unwrap_or_default())
                .map_err(|_| "that file could not be read".to_owned()),
        )
    });
}

/// Copies text to the clipboard where the browser allows it.
pub fn copy(text: &str) {
    if let Some(w) = web_sys::window() {
        let _ = w.navigator().clipboard().write_text(text);
    }
}

/// Offers `text` as a file download named `name`.
pub fn download_text(name: &str, mime: &str, text: &str) -> bool {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
        return false;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return false;
    };
    let ok = download_url(name, &url);
    let _ = web_sys::Url::revoke_object_url(&url);
    ok
}

/// Offers a URL (an object or data URL) as a download named `name`.
pub fn download_url(name: &str, url: &str) -> bool {
    use wasm_bindgen::JsCast;
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return false;
    };
    let Ok(el) = doc.create_element("a") else {
        return false;
    };
    let Ok(a) = el.dyn_into::<web_sys::HtmlAnchorElement>() else {
        return false;
    };
    a.set_href(url);
    a.set_download(name);
    a.click();
    true
}

pub use burnrate_model::markup::file_stem;
