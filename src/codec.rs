//! JSON text of the app's values. Every (de)serialisation in the app goes
//! through `serde_json::Value`: serde's code is generated per type and per
//! format, and one format instead of three keeps the download smaller.

/// JSON text of a value, through `Value`.
pub fn json<T: serde::Serialize>(value: &T) -> Option<String> {
    serde_json::to_value(value).ok().map(|v| v.to_string())
}

/// Indented JSON text of a value (for files people read), through `Value`:
/// the compact text, indented by [`indent`].
pub fn pretty_json<T: serde::Serialize>(value: &T) -> String {
    json(value).map(|t| indent(&t)).unwrap_or_default()
}

/// Compact JSON text indented by two spaces, exactly as serde_json's pretty
/// printer writes it (a test checks): its printer, a second serialiser of
/// `Value`, was 420 bytes of the page (gzip), this a quarter of that.
fn indent(compact: &str) -> String {
    let mut out = String::with_capacity(compact.len() * 2);
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    let newline = |out: &mut String, depth: usize| {
        out.push('\n');
        out.extend(std::iter::repeat_n("  ", depth));
    };
    let mut chars = compact.chars().peekable();
    while let Some(c) = chars.next() {
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
            continue;
        }
        match c {
            '"' => {
                in_string = true;
                out.push(c);
            }
            '{' | '[' => {
                out.push(c);
                // An empty object or list stays on its line.
                if let Some(&close @ ('}' | ']')) = chars.peek() {
                    out.push(close);
                    chars.next();
                } else {
                    depth += 1;
                    newline(&mut out, depth);
                }
            }
            '}' | ']' => {
                depth = depth.saturating_sub(1);
                newline(&mut out, depth);
                out.push(c);
            }
            ',' => {
                out.push(c);
                newline(&mut out, depth);
            }
            ':' => out.push_str(": "),
            c => out.push(c),
        }
    }
    out
}

/// Parses JSON text, through `Value` (see [`json`]).
pub fn from_json<T: serde::de::DeserializeOwned>(text: &str) -> Option<T> {
    serde_json::from_str::<serde_json::Value>(text)
        .ok()
        .and_then(|v| serde_json::from_value(v).ok())
}

#[cfg(test)]
mod tests {
    /// Every preset, and text with quotes, escapes, colons, commas and
    /// brackets inside strings, and empty lists: exactly serde_json's own.
    #[test]
    fn indents_as_serde_json_does() {
        let mut values: Vec<serde_json::Value> = burnrate_model::presets::PRESETS
            .iter()
            .map(|(id, _)| {
                serde_json::to_value(burnrate_model::presets::preset(id).unwrap()).unwrap()
            })
            .collect();
        values.push(serde_json::json!({"a\"b": "x, [y]: {z}\\", "e": [], "o": {}, "n": [1, -2.5e-7, null, true]}));
        for v in values {
            assert_eq!(
                super::indent(&v.to_string()),
                serde_json::to_string_pretty(&v).unwrap()
            );
        }
    }
}
