//! Data curation labour (seed 000): subject-matter experts write and review
//! prompt-completion pairs. The largest and most underestimated cost of
//! fine-tuning, paid up front.

/// Cost of curating `examples` pairs at `minutes_per_example` each.
pub fn curation_usd(examples: f64, minutes_per_example: f64, sme_usd_per_hour: f64) -> f64 {
    examples * minutes_per_example / 60.0 * sme_usd_per_hour
}

#[cfg(test)]
mod tests {
    /// Seed 000: 50,000 pairs "can easily eclipse hundreds of thousands of dollars".
    #[test]
    fn fifty_thousand_pairs_cost_hundreds_of_thousands() {
        let usd = super::curation_usd(50_000.0, 6.0, 80.0);
        assert_eq!(usd, 400_000.0);
    }
}
