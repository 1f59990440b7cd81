//! JSON text of the app's values. Every (de)serialisation in the app goes
//! through `serde_json::Value`: serde's code is generated per type and per
//! format, and one format instead of three keeps the download smaller.

/// JSON text of a value, through `Value`.
pub fn json<T: serde::Serialize>(value: &T) -> Option<String> {
    serde_json::to_value(value).ok().map(|v| v.to_string())
}

/// Indented JSON text of a value (for files people read), through `Value`.
pub fn pretty_json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .and_then(|v| serde_json::to_string_pretty(&v))
        .unwrap_or_default()
}

/// Parses JSON text, through `Value` (see [`json`]).
pub fn from_json<T: serde::de::DeserializeOwned>(text: &str) -> Option<T> {
    serde_json::from_str::<serde_json::Value>(text)
        .ok()
        .and_then(|v| serde_json::from_value(v).ok())
}
