//! Every chart the results view and the embed can show, listed once: its id
//! (as an embed's `charts=` names it), its title and height, and what it is
//! drawn from. Each chart's module defines its entry next to its drawing
//! function and its text alternative.

pub use super::{Area, Chart, Data};

/// The charts, in the order the page shows them.
pub const CHARTS: [Chart; 6] = [
    super::histogram::CHART,
    super::cdf::CHART,
    super::breakdown::CHART,
    super::crossover::CHART,
    super::tco::CHART,
    super::sensitivity::CHART,
];

/// The chart with this id.
pub fn find(id: &str) -> Option<&'static Chart> {
    CHARTS.iter().find(|c| c.id == id)
}

#[cfg(test)]
mod tests {
    #[test]
    fn ids_are_unique() {
        for (i, c) in super::CHARTS.iter().enumerate() {
            assert!(
                super::CHARTS[..i]
                    .iter()
                    .all(|d| d.id != c.id && d.dom_id != c.dom_id)
            );
            assert_eq!(super::find(c.id).map(|f| f.title), Some(c.title));
        }
    }
}
