//! Request times as usage logs write them: ISO 8601 (`2026-11-02T14:03:11.5Z`,
//! `2026-11-02 14:03:11+01:00`, LiteLLM's `2026-11-02 14:03:11.123456`) or a
//! Unix time in seconds, milliseconds, microseconds or nanoseconds (told apart
//! by size: any of them lands between 2001 and 2286). A time without a zone is
//! UTC, as logs write it.

use crate::calendar::Date;

const MS_PER_DAY: i64 = 86_400_000;

/// Milliseconds since 1970-01-01 UTC, or None when `text` is not a time.
pub fn parse(text: &str) -> Option<i64> {
    let text = text.trim();
    match text.parse::<f64>() {
        Ok(v) => unix(v),
        Err(_) => iso(text),
    }
}

/// A Unix time in seconds, ms, µs or ns: a billion seconds is 2001, so each
/// unit owns three decades of magnitude.
pub fn unix(v: f64) -> Option<i64> {
    if !v.is_finite() || v < 1e9 {
        return None;
    }
    let ms = if v < 1e11 {
        v * 1e3
    } else if v < 1e14 {
        v
    } else if v < 1e17 {
        v / 1e3
    } else {
        v / 1e6
    };
    (ms < 1e13).then_some(ms.round() as i64)
}

fn iso(text: &str) -> Option<i64> {
    let date = Date::parse(text.get(..10)?)?;
    let mut ms = date.days() * MS_PER_DAY;
    let rest = &text[10..];
    if rest.is_empty() {
        return Some(ms);
    }
    let rest = rest.strip_prefix(['T', 't', ' '])?;
    let b = rest.as_bytes();
    let two = |i: usize| -> Option<i64> {
        let d = b.get(i..i + 2)?;
        d.iter()
            .all(u8::is_ascii_digit)
            .then(|| i64::from(d[0] - b'0') * 10 + i64::from(d[1] - b'0'))
    };
    let (hour, minute) = (two(0)?, two(3)?);
    if b.get(2) != Some(&b':') || hour > 23 || minute > 59 {
        return None;
    }
    ms += (hour * 60 + minute) * 60_000;
    let mut i = 5;
    if b.get(i) == Some(&b':') {
        let second = two(i + 1)?;
        if second > 60 {
            return None;
        }
        ms += second * 1000;
        i += 3;
        if matches!(b.get(i), Some(b'.' | b',')) {
            let digits = b[i + 1..].iter().take_while(|c| c.is_ascii_digit()).count();
            if digits == 0 {
                return None;
            }
            let frac = &rest[i + 1..i + 1 + digits.min(3)];
            ms += frac.parse::<i64>().ok()? * 10_i64.pow(3 - frac.len() as u32);
            i += 1 + digits;
        }
    }
    let zone = rest[i..].trim_start();
    Some(ms - offset_ms(zone)?)
}

/// The zone after the time: none, `Z` or `UTC` (0), or `±HH[:MM]`.
fn offset_ms(zone: &str) -> Option<i64> {
    if zone.is_empty() || zone.eq_ignore_ascii_case("z") || zone.eq_ignore_ascii_case("utc") {
        return Some(0);
    }
    let sign = match zone.as_bytes()[0] {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let digits: String = zone[1..].chars().filter(|c| *c != ':').collect();
    if digits.len() != 2 && digits.len() != 4 || !digits.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let hours: i64 = digits[..2].parse().ok()?;
    let minutes: i64 = digits.get(2..).map_or(Some(0), |m| m.parse().ok())?;
    (hours <= 14 && minutes < 60).then_some(sign * (hours * 60 + minutes) * 60_000)
}

#[cfg(test)]
mod tests {
    use super::parse;

    // 2026-11-02 is 20,759 days after 1970-01-01: 56 years to 2026-01-01,
    // 14 of them leap (20,454 days), 304 days of January–October, 1 of November.
    const DAY: i64 = 20_759 * 86_400_000;

    #[test]
    fn reads_the_forms_logs_write() {
        let at_14_03_11 = DAY + (14 * 3600 + 3 * 60 + 11) * 1000;
        assert_eq!(parse("2026-11-02T14:03:11Z"), Some(at_14_03_11));
        assert_eq!(parse("2026-11-02 14:03:11"), Some(at_14_03_11));
        assert_eq!(parse("2026-11-02T14:03:11.5Z"), Some(at_14_03_11 + 500));
        assert_eq!(parse("2026-11-02 14:03:11.123456"), Some(at_14_03_11 + 123));
        assert_eq!(parse("2026-11-02T15:03:11+01:00"), Some(at_14_03_11));
        assert_eq!(parse("2026-11-02T09:03:11-0500"), Some(at_14_03_11));
        assert_eq!(parse("2026-11-02T14:03Z"), Some(at_14_03_11 - 11_000));
        assert_eq!(parse("2026-11-02"), Some(DAY));
        let seconds = (at_14_03_11 / 1000).to_string();
        assert_eq!(parse(&seconds), Some(at_14_03_11));
        assert_eq!(parse(&(at_14_03_11).to_string()), Some(at_14_03_11));
        assert_eq!(parse(&format!("{seconds}000000")), Some(at_14_03_11));
        assert_eq!(parse(&format!("{seconds}000000000")), Some(at_14_03_11));
    }

    #[test]
    fn refuses_what_is_not_a_time() {
        for bad in [
            "",
            "yesterday",
            "2026-13-02",
            "2026-02-30",
            "2026-11-02T25:00",
            "2026-11-02T14",
            "2026-11-02T14:03:11.Z",
            "2026-11-02T14:03+5",
            "12345",
            "-1700000000",
            "NaN",
        ] {
            assert_eq!(parse(bad), None, "{bad}");
        }
    }
}
