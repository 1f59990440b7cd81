//! Raw deflate by the browser's own zlib (`CompressionStream("deflate-raw")`)
//! for the link the page writes at every edit. The CLI and the on-demand
//! module keep miniz's compressor; in the first load it weighed 8.4 KB
//! (gzip). A link does not depend on its encoder: it is the deflated
//! JSON followed by the JSON's checksum (`burnrate_model::link::seal`).

use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen]
extern "C" {
    /// The Compression Streams API's transform (a readable and a writable side).
    #[wasm_bindgen(js_name = CompressionStream)]
    type Compressor;
    #[wasm_bindgen(constructor, js_class = "CompressionStream", catch)]
    fn new(format: &str) -> Result<Compressor, JsValue>;
}

/// `text` as a raw deflate stream: the browser's, or stored blocks where
/// the browser has no raw deflate (Chrome before 103, Firefox before 113),
/// which make a longer link that opens the same.
pub async fn raw(text: &[u8]) -> Vec<u8> {
    match by_browser(text).await {
        Ok(packed) => packed,
        Err(_) => burnrate_model::link::stored(text),
    }
}

async fn by_browser(text: &[u8]) -> Result<Vec<u8>, JsValue> {
    let compressor = Compressor::new("deflate-raw")?;
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(text));
    let blob = web_sys::Blob::new_with_u8_array_sequence(&parts)?;
    let packed = blob.stream().pipe_through(compressor.unchecked_ref());
    let response = web_sys::Response::new_with_opt_readable_stream(Some(&packed))?;
    let buffer = JsFuture::from(response.array_buffer()?).await?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}
