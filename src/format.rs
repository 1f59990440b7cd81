//! Numbers as people read them: compact money ($1.2k, $3.4M), percentages.

/// The currency's symbol, or its code and a space.
use burnrate_model::currency::prefix;

/// Compact money: $950, $1.2k, $34k, $3.4M, $1.2B; cents for small amounts.
pub fn money(v: f64, currency: &str) -> String {
    let p = prefix(currency);
    let (sign, a) = if v < 0.0 { ("-", -v) } else { ("", v) };
    let body = if !a.is_finite() {
        "—".to_owned()
    } else if a >= 1e9 {
        scaled(a / 1e9, "B")
    } else if a >= 1e6 {
        scaled(a / 1e6, "M")
    } else if a >= 1e4 {
        format!("{:.0}k", a / 1e3)
    } else if a >= 1e3 {
        format!("{:.1}k", a / 1e3)
    } else if a >= 10.0 {
        format!("{a:.0}")
    } else if a >= 0.1 {
        format!("{a:.2}")
    } else if a == 0.0 {
        "0".to_owned()
    } else {
        format!("{a:.4}")
    };
    format!("{sign}{p}{body}")
}

fn scaled(x: f64, unit: &str) -> String {
    if x >= 100.0 {
        format!("{x:.0}{unit}")
    } else {
        format!("{x:.1}{unit}")
    }
}

/// A probability as a percentage: "<0.1%" and ">99.9%" at the ends.
pub fn percent(p: f64) -> String {
    if p <= 0.0 {
        "0%".into()
    } else if p < 0.001 {
        "<0.1%".into()
    } else if p >= 1.0 {
        "100%".into()
    } else if p > 0.999 {
        ">99.9%".into()
    } else if p < 0.1 {
        format!("{:.1}%", p * 100.0)
    } else {
        format!("{:.0}%", p * 100.0)
    }
}

/// A whole count with thousands separators.
pub fn count(v: f64) -> String {
    let s = format!("{:.0}", v.max(0.0));
    let mut out = String::new();
    for (i, ch) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// At most `n` characters, with an ellipsis when cut.
pub fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_owned()
    } else {
        s.chars().take(n.saturating_sub(1)).collect::<String>() + "…"
    }
}

/// A number as typed: thousands separators allowed; anything else is an error
/// that quotes the input.
pub fn parse_number(text: &str) -> Result<f64, String> {
    match text.trim().replace(',', "").parse::<f64>() {
        Ok(v) if v.is_finite() => Ok(v),
        _ => Err(format!("“{text}” is not a number")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_is_compact_and_keeps_its_currency() {
        assert_eq!(money(950.0, "USD"), "$950");
        assert_eq!(money(1_234.0, "USD"), "$1.2k");
        assert_eq!(money(34_400.0, "USD"), "$34k");
        assert_eq!(money(3_400_000.0, "USD"), "$3.4M");
        assert_eq!(money(1.25e9, "USD"), "$1.2B");
        assert_eq!(money(0.0123, "USD"), "$0.0123");
        assert_eq!(money(-2_500.0, "EUR"), "-€2.5k");
        assert_eq!(money(12.0, "CHF"), "CHF 12");
    }

    #[test]
    fn percentages_say_when_they_are_tiny_or_certain() {
        assert_eq!(percent(0.0), "0%");
        assert_eq!(percent(0.0004), "<0.1%");
        assert_eq!(percent(0.053), "5.3%");
        assert_eq!(percent(0.5), "50%");
        assert_eq!(percent(0.9996), ">99.9%");
        assert_eq!(count(1_234_567.0), "1,234,567");
        assert_eq!(truncate("abcdef", 4), "abc…");
        assert_eq!(parse_number(" 12,500 "), Ok(12_500.0));
        assert!(parse_number("1e999").is_err() && parse_number("abc").unwrap_err().contains("abc"));
    }
}
