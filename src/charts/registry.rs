//! Every chart the results view and the embed can show, listed once: its id
//! (as an embed's `charts=` names it), its title and height, and what it is
//! drawn from. Each chart's module defines its entry next to its drawing
//! function and its text alternative.

use plotters::coord::Shift;
use plotters::prelude::DrawingArea;
use plotters_canvas::CanvasBackend;

use super::{ChartResult, Theme};
use burnrate_model::Summary;

/// The canvas a chart draws on in the page.
pub type Area = DrawingArea<CanvasBackend, Shift>;

/// What a chart is drawn from.
#[derive(Clone, Copy)]
pub enum Data {
    /// The run's summary, with its words (text alternative) from the same.
    Summary {
        draw: fn(&Area, &Summary, &Theme) -> ChartResult,
        alt: fn(&Summary) -> String,
        /// What it shows at a data point (x, y), for a hover or keyboard readout.
        read: fn(&Summary, f64, f64) -> Option<String>,
    },
    /// The crossover computed beside the run (`crossover::draw`, `crossover::alt`).
    Crossover,
    /// The summary's drivers of one chosen architecture (`sensitivity::draw`, `sensitivity::alt`).
    Drivers,
}

#[derive(Clone, Copy)]
pub struct Chart {
    /// The id an embed's `charts=` uses.
    pub id: &'static str,
    /// The canvas's element id (tests, anchors).
    pub dom_id: &'static str,
    pub title: &'static str,
    /// CSS height in pixels.
    pub height: u32,
    pub data: Data,
}

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
