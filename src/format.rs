//! Numbers as people read them: compact money ($1.2k, $3.4M), percentages.

/// The currency's symbol, or its code and a space.
use burnrate_model::currency::prefix;

/// Compact money, three significant figures in every range (one format:
/// $950, $9.70k, $11.5k, $123k, $1.23M, $0.0123), so two amounts that
/// differ in the third figure read apart. [`exact`] gives the whole amount.
pub fn money(v: f64, currency: &str) -> String {
    let (sign, p, a) = parts(v, currency);
    let body = if !a.is_finite() {
        "—".to_owned()
    } else if a == 0.0 {
        "0".to_owned()
    } else {
        // Rounded first, so $999.6 reads $1.00k, not $1000.
        let scale = 10f64.powi(2 - a.log10().floor() as i32);
        let r = (a * scale).round() / scale;
        let (x, unit) = if r >= 1e9 {
            (r / 1e9, "B")
        } else if r >= 1e6 {
            (r / 1e6, "M")
        } else if r >= 1e3 {
            (r / 1e3, "k")
        } else {
            (r, "")
        };
        let decimals = (2 - x.log10().floor() as i32).max(0) as usize;
        format!("{x:.decimals$}{unit}")
    };
    format!("{sign}{p}{body}")
}

/// An amount's sign, currency prefix and size.
fn parts(v: f64, currency: &str) -> (&'static str, String, f64) {
    let sign = if v < 0.0 { "-" } else { "" };
    (sign, prefix(currency), v.abs())
}

/// The whole amount, for hover and focus: $11,467; below $100, four
/// significant digits and at least the cents ($12.35, $0.009050): never
/// fewer than the card's three (issue 32: $0.0090 read under $0.00905).
pub fn exact(v: f64, currency: &str) -> String {
    let (sign, p, a) = parts(v, currency);
    if a >= 100.0 {
        format!("{sign}{p}{}", count(a))
    } else {
        let decimals = if a > 0.0 {
            (3 - a.log10().floor() as i32).clamp(2, 12) as usize
        } else {
            2
        };
        format!("{sign}{p}{a:.decimals$}")
    }
}

/// Today's date (UTC), from the browser's clock.
pub fn today() -> burnrate_model::calendar::Date {
    let now = js_sys::Date::new_0();
    burnrate_model::calendar::Date {
        year: now.get_utc_full_year() as i32,
        month: now.get_utc_month() + 1,
        day: now.get_utc_date(),
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
    burnrate_model::calibrate::report::count(v.max(0.0))
}

/// A volume (queries a day) to three significant figures, with thousands
/// separators: 69,503 → "69,500"; 2.5 → "2.5".
pub fn volume(v: f64) -> String {
    if v < 100.0 {
        return format!("{}", (v * 10.0).round() / 10.0);
    }
    let step = 10f64.powi(v.log10().floor() as i32 - 2);
    count((v / step).round() * step)
}

/// At most `n` characters, with an ellipsis when cut.
pub fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_owned()
    } else {
        s.chars().take(n.saturating_sub(1)).collect::<String>() + "…"
    }
}

/// A number as a field shows it, without float noise (0.30000000000000004 → 0.3).
pub fn show(v: f64) -> String {
    let s = format!("{:.6}", v);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s.is_empty() || s == "-0" {
        "0".into()
    } else {
        s.into()
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
    fn numbers_show_without_float_noise() {
        assert_eq!(show(0.1 + 0.2), "0.3");
        assert_eq!(show(75.0), "75");
        assert_eq!(show(-0.0), "0");
        assert_eq!(show(1_000_000.0), "1000000");
    }

    #[test]
    fn money_is_compact_and_keeps_its_currency() {
        assert_eq!(money(950.0, "USD"), "$950");
        assert_eq!(money(1_234.0, "USD"), "$1.23k");
        assert_eq!(money(34_400.0, "USD"), "$34.4k");
        assert_eq!(money(3_400_000.0, "USD"), "$3.40M");
        assert_eq!(money(1.25e9, "USD"), "$1.25B");
        assert_eq!(money(0.0123, "USD"), "$0.0123");
        assert_eq!(money(0.5, "USD"), "$0.500");
        assert_eq!(money(-2_500.0, "EUR"), "-€2.50k");
        assert_eq!(money(12.0, "CHF"), "CHF 12.0");
        assert_eq!(money(0.0, "USD"), "$0");
        // Issue 16: 11,467 and 11,501 read apart; one format either side of $10k.
        assert_eq!(money(11_467.0, "USD"), "$11.5k");
        assert_eq!(money(11_401.0, "USD"), "$11.4k");
        assert_eq!(money(9_700.0, "USD"), "$9.70k");
        assert_eq!(money(10_000.0, "USD"), "$10.0k");
        assert_eq!(money(123_456.0, "USD"), "$123k");
        // Rounding up across a unit: $999.6 and $999,600 are $1.00k and $1.00M.
        assert_eq!(money(999.6, "USD"), "$1.00k");
        assert_eq!(money(999_600.0, "USD"), "$1.00M");
        assert_eq!(exact(11_467.23, "USD"), "$11,467");
        assert_eq!(exact(0.01234, "USD"), "$0.01234");
        assert_eq!(exact(0.00905, "USD"), "$0.009050");
        assert_eq!(exact(12.3456, "USD"), "$12.35");
        assert_eq!(exact(0.0, "USD"), "$0.00");
    }

    #[test]
    fn percentages_say_when_they_are_tiny_or_certain() {
        assert_eq!(percent(0.0), "0%");
        assert_eq!(percent(0.0004), "<0.1%");
        assert_eq!(percent(0.053), "5.3%");
        assert_eq!(percent(0.5), "50%");
        assert_eq!(percent(0.9996), ">99.9%");
        assert_eq!(count(1_234_567.0), "1,234,567");
        assert_eq!(volume(69_503.0), "69,500");
        assert_eq!(volume(2_170_967.8), "2,170,000");
        assert_eq!(volume(669.55), "670");
        assert_eq!(volume(31.62), "31.6");
        assert_eq!(truncate("abcdef", 4), "abc…");
        assert_eq!(parse_number(" 12,500 "), Ok(12_500.0));
        assert!(parse_number("1e999").is_err() && parse_number("abc").unwrap_err().contains("abc"));
    }
}
