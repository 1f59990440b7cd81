//! Dates as price rules and scenarios write them (`YYYY-MM-DD`, `YYYY-MM`):
//! only what pricing needs, which month a dated price starts in.

/// Hours in the simulated month: a year's 8,760 hours over 12.
pub const HOURS_PER_MONTH: usize = 730;

/// Days in the simulated month.
pub const DAYS_PER_MONTH: f64 = HOURS_PER_MONTH as f64 / 24.0;

/// A calendar date, checked (month 1–12, day within the month).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl Date {
    /// As `YYYY-MM-DD`.
    pub fn iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// `YYYY-MM-DD` (years 1900–9999), or None.
    pub fn parse(text: &str) -> Option<Date> {
        let b = text.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let (year, month) = parse_month(&text[..7])?;
        let day: u32 = digits(&text[8..10])?;
        (1..=days_in_month(year, month).into())
            .contains(&day)
            .then_some(Date { year, month, day })
    }

    /// Days since 1970-01-01 (negative before), by the proleptic Gregorian
    /// calendar (Howard Hinnant's days-from-civil).
    pub fn days(&self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The first day of the month `months` after this one's.
    pub fn plus_months(&self, months: i64) -> Date {
        let index = self.month_index() + months;
        Date {
            year: index.div_euclid(12) as i32,
            month: (index.rem_euclid(12) + 1) as u32,
            day: 1,
        }
    }

    /// Months since January of year 0: consecutive months differ by one.
    pub fn month_index(&self) -> i64 {
        i64::from(self.year) * 12 + i64::from(self.month) - 1
    }
}

/// `YYYY-MM` (years 1900–9999) as (year, month), or None.
pub fn parse_month(text: &str) -> Option<(i32, u32)> {
    let b = text.as_bytes();
    if b.len() != 7 || b[4] != b'-' {
        return None;
    }
    let year: u32 = digits(&text[..4])?;
    let month: u32 = digits(&text[5..7])?;
    ((1900..=9999).contains(&year) && (1..=12).contains(&month)).then_some((year as i32, month))
}

fn digits(text: &str) -> Option<u32> {
    text.bytes()
        .all(|b| b.is_ascii_digit())
        .then(|| text.parse().ok())
        .flatten()
}

/// The first day of a horizon of `months` months starting in `start`
/// (YYYY-MM), and the first day after it; None when `start` is not a month.
pub fn horizon(start: &str, months: u32) -> Option<(Date, Date)> {
    let (year, month) = parse_month(start)?;
    let first = Date {
        year,
        month,
        day: 1,
    };
    Some((first, first.plus_months(i64::from(months))))
}

/// Adds `day` to the sorted `days` unless it is there already (a handful
/// of dates: no sort routine compiled into the page for them).
pub fn insert_sorted(days: &mut Vec<Date>, day: Date) {
    if let Err(at) = days.binary_search(&day) {
        days.insert(at, day);
    }
}

/// Days in a month of the Gregorian calendar.
pub fn days_in_month(year: i32, month: u32) -> u8 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_parse_only_when_they_exist() {
        assert_eq!(
            Date::parse("2027-01-01"),
            Some(Date {
                year: 2027,
                month: 1,
                day: 1
            })
        );
        assert!(Date::parse("2028-02-29").is_some());
        for bad in [
            "2027-02-29",
            "2026-13-01",
            "2026-00-10",
            "2026-1-01",
            "26-01-01",
            "2026-01-32",
            "２０２６-01-01",
            "+026-01-01",
        ] {
            assert_eq!(Date::parse(bad), None, "{bad}");
        }
        assert_eq!(parse_month("2026-12"), Some((2026, 12)));
        // Counted by hand: 2025-06-01 to 2026-12-01 is 30 + 31 + 31 + 30 + 31
        // + 30 + 31 (June to December 2025) + 334 (January to November 2026).
        let d = |t| Date::parse(t).unwrap().days();
        assert_eq!(d("2026-12-01") - d("2025-06-01"), 214 + 334);
        assert_eq!(d("1970-01-01"), 0);
        assert_eq!(d("2000-03-01") - d("2000-02-28"), 2);
        assert_eq!(parse_month("2026-13"), None);
        let a = Date::parse("2026-12-31").unwrap().month_index();
        assert_eq!(Date::parse("2027-01-01").unwrap().month_index(), a + 1);
    }
}
