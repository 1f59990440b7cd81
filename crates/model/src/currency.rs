//! How an amount's currency is written: one mapping for the app and the CLI.

/// The prefix written before an amount in `currency` (an ISO code or the
/// scenario's own label): a symbol for the common codes, else the label and a space.
pub fn prefix(currency: &str) -> String {
    match currency {
        "USD" | "" => "$".into(),
        "EUR" => "€".into(),
        "GBP" => "£".into(),
        "JPY" => "¥".into(),
        other => format!("{other} "),
    }
}
