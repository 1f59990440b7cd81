//! The per-trial CSV: each simulated month's spend per architecture, the
//! rows whose mean is the summary's (the same trials), in cents.

use crate::Prepared;
use crate::csv::text_cell;
use crate::engine::Scratch;

/// The header of the per-trial CSV.
pub fn trials_header(p: &Prepared) -> String {
    let ids: Vec<String> = p
        .scenario()
        .architectures
        .iter()
        .map(|a| text_cell(&format!("{}_usd", a.id)))
        .collect();
    format!("trial,{}\n", ids.join(","))
}

/// Rows of the per-trial CSV for trials `range`: each trial's monthly spend per architecture.
pub fn trials_rows(
    p: &Prepared,
    range: std::ops::Range<u64>,
    scratch: &mut Scratch,
    out: &mut String,
) {
    for t in range {
        p.trial(t, scratch);
        out.push_str(&t.to_string());
        for a in scratch.archs() {
            out.push_str(&format!(",{:.2}", a.monthly_usd));
        }
        out.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::presets;

    /// The per-trial rows average to the summary's mean (the same trials).
    #[test]
    fn trial_rows_match_the_summary() {
        let mut sc = presets::text_to_sql();
        sc.trials = 300;
        let p = Prepared::new(&sc).unwrap();
        let s = p.summarize(&p.run_chunk(0..300)).unwrap();
        let mut text = trials_header(&p);
        trials_rows(&p, 0..300, &mut Scratch::default(), &mut text);
        let rows: Vec<Vec<f64>> = text
            .lines()
            .skip(1)
            .map(|l| l.split(',').skip(1).map(|v| v.parse().unwrap()).collect())
            .collect();
        assert_eq!(rows.len(), 300);
        for (i, a) in s.architectures.iter().enumerate() {
            // Rows in cents: each within half a cent, so their mean too.
            let mean = rows.iter().map(|r| r[i]).sum::<f64>() / 300.0;
            assert!(
                (mean - a.monthly_usd.mean).abs() <= 0.005,
                "{mean} {}",
                a.monthly_usd.mean
            );
            assert!(
                rows.iter()
                    .all(|r| (r[i] * 100.0 - (r[i] * 100.0).round()).abs() < 1e-6)
            );
        }
    }
}
