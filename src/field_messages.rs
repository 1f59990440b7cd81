//! The engine's messages in the page's own terms (issue 16): the field's
//! label and the unit the user typed in, with the allowed range restated in
//! that unit ("500 % / month is out of range: it must be between -50 and
//! 200 % / month"), never the scenario's internal path
//! ("workload.monthly_growth = 5 …").

use burnrate_model::ModelError;

use crate::format::show;

/// A number in a message: plain, or in powers of ten when huge or tiny.
fn amount(v: f64) -> String {
    if v != 0.0 && v.is_finite() && !(1e-4..1e9).contains(&v.abs()) {
        format!("{v:e}")
    } else if v.abs() >= 1e4 && v.fract() == 0.0 {
        let sign = if v < 0.0 { "-" } else { "" };
        format!("{sign}{}", crate::format::count(v.abs()))
    } else {
        show(v)
    }
}

/// The name of a distribution's parameter from the rest of an error's path
/// (".p95" → "5% above"), as the distribution editor labels it.
fn parameter(tail: &str) -> Option<&'static str> {
    let key = tail.strip_prefix('.')?;
    Some(match key {
        "p5" => "5% below",
        "p95" => "5% above",
        "low" => "low",
        "mode" => "mode",
        "high" => "high",
        "mean" => "mean",
        "sd" => "sd",
        "value" => "value",
        "dispersion" => "dispersion",
        _ => return None,
    })
}

/// The message of `e` for a field shown in `unit`, whose stored value is
/// the shown one divided by `scale` (a share typed as a percentage: 100);
/// `tail` is the rest of the error's path past the field's own.
pub fn in_units(e: &ModelError, tail: &str, unit: &str, scale: f64) -> String {
    let prefix = parameter(tail)
        .map(|p| format!("{p}: "))
        .unwrap_or_default();
    let unit = if unit.is_empty() {
        String::new()
    } else {
        format!(" {unit}")
    };
    let body = match e {
        ModelError::OutOfRange {
            value, rule, range, ..
        } => {
            let v = amount(value * scale);
            match range {
                Some((low, high)) => {
                    let (lo, hi) = (amount(low * scale), amount(high * scale));
                    let above_zero = *low == f64::MIN_POSITIVE;
                    // The cap on amounts (10^15) is named only to a value above it.
                    let open_above = *high >= 1e15 && *value <= *high;
                    let allowed = match (above_zero, open_above) {
                        (true, true) => "more than 0".to_owned(),
                        (true, false) => format!("more than 0 and at most {hi}"),
                        (false, true) => format!("at least {lo}"),
                        (false, false) if (*low - *high).abs() < f64::EPSILON => lo,
                        (false, false) => format!("between {lo} and {hi}"),
                    };
                    format!("{v}{unit} is out of range: it must be {allowed}{unit}")
                }
                None => format!("{v}{unit}: {rule}"),
            }
        }
        ModelError::Invalid { message, .. } => message.clone(),
        ModelError::UnknownCatalogEntry { kind, name, .. } => {
            format!("no {kind} named “{name}” in the price list or the scenario's own prices")
        }
        other => other.to_string(),
    };
    prefix + &body
}

#[cfg(test)]
mod tests {
    use super::in_units;
    use burnrate_model::ModelError;

    fn out_of_range(value: f64, range: Option<(f64, f64)>) -> ModelError {
        ModelError::OutOfRange {
            field: "workload.monthly_growth".into(),
            value,
            rule: "must be between -0.5 and 2",
            range,
        }
    }

    /// The cases the issue names: 500 typed into a "% / month" field, and a
    /// huge P95 of a volume that must be more than 0.
    #[test]
    fn messages_use_the_unit_typed_in_and_no_internal_path() {
        let growth = in_units(
            &out_of_range(5.0, Some((-0.5, 2.0))),
            "",
            "% / month",
            100.0,
        );
        assert_eq!(
            growth,
            "500 % / month is out of range: it must be between -50 and 200 % / month"
        );
        let volume = in_units(
            &out_of_range(2e15, Some((f64::MIN_POSITIVE, 1e15))),
            ".p95",
            "queries / day",
            1.0,
        );
        assert_eq!(
            volume,
            "5% above: 2e15 queries / day is out of range: it must be more than 0 and at most 1e15 queries / day"
        );
        let price = in_units(
            &out_of_range(-1.0, Some((0.0, 1e15))),
            "",
            "$ / 1M tokens",
            1.0,
        );
        assert_eq!(
            price,
            "-1 $ / 1M tokens is out of range: it must be at least 0 $ / 1M tokens"
        );
        for m in [growth, volume, price] {
            assert!(!m.contains("workload") && !m.contains('_'), "{m}");
        }
    }
}
