//! CSV cells written for spreadsheets as well as parsers.

/// A text cell, by OWASP's rules for CSV injection: always quoted (so a
/// comma, quote, CR or LF inside stays in the cell), and one that starts
/// like a formula (=, +, -, @, tab, CR) defused with a leading apostrophe.
pub fn text_cell(text: &str) -> String {
    let defused = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    };
    format!("\"{}\"", defused.replace('"', "\"\""))
}
