//! Cumulative TCO over the horizon: upfront work in month one, retraining
//! spikes in the months they fall, growth bending the lines up.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::registry::{Chart, Data};
use super::{ChartResult, Theme, colour, err};
use crate::format::money;
use burnrate_model::Summary;

pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    s: &Summary,
    theme: &Theme,
) -> ChartResult {
    area.fill(&theme.background).map_err(err)?;
    let months = s.horizon_months as usize;
    if s.architectures.is_empty() || months == 0 {
        return super::draw_message(area, "No results yet", theme);
    }
    let max = s
        .architectures
        .iter()
        .filter_map(|a| a.cumulative_tco_usd.last())
        .fold(0.0f64, |m, &v| m.max(v))
        .max(1e-9);
    let mut chart = ChartBuilder::on(area)
        .margin(theme.px(10.0))
        .x_label_area_size(theme.px(34.0))
        .y_label_area_size(theme.px(52.0))
        .build_cartesian_2d(0.0..months as f64, 0.0..max * 1.05)
        .map_err(err)?;
    super::themed_mesh(&mut chart.configure_mesh(), theme)
        .x_desc("month")
        .y_desc("cumulative spend")
        .x_label_formatter(&|v| format!("{v:.0}"))
        .y_label_formatter(&|v| crate::format::money(*v, &s.currency))
        .x_labels(months.min(12) + 1)
        .draw()
        .map_err(err)?;
    for (i, a) in s.architectures.iter().enumerate() {
        let c = colour(i);
        // Upfront costs land at the start of month one.
        let first = a.cumulative_tco_usd.first().copied().unwrap_or(0.0);
        let month_one_run = a
            .cumulative_tco_usd
            .get(1)
            .map_or(0.0, |second| second - first);
        let upfront = (first - month_one_run).max(0.0);
        let points = std::iter::once((0.0, 0.0))
            .chain(std::iter::once((0.0, upfront)))
            .chain(
                a.cumulative_tco_usd
                    .iter()
                    .enumerate()
                    .map(|(m, &v)| ((m + 1) as f64, v)),
            );
        chart
            .draw_series(LineSeries::new(points, c.stroke_width(theme.px(2.0))))
            .map_err(err)?
            .label(super::legend_label(&a.name))
            .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 14, y)], c.stroke_width(2)));
    }
    super::draw_legend(&mut chart, SeriesLabelPosition::UpperLeft, 11.0, theme)
}

/// The chart in the registry.
pub const CHART: Chart = Chart {
    id: "tco",
    dom_id: "chart-tco",
    title: "Cumulative TCO over the horizon",
    height: 260,
    data: Data::Summary {
        draw: |area, s, theme| draw(area, s, theme),
        alt,
    },
};

/// The chart in words: each architecture's TCO at the end of the horizon.
pub fn alt(s: &Summary) -> String {
    s.architectures
        .iter()
        .map(|a| {
            format!(
                "{}: {} after {} months",
                a.name,
                money(
                    a.cumulative_tco_usd.last().copied().unwrap_or(0.0),
                    &s.currency
                ),
                s.horizon_months
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

#[cfg(test)]
mod tests {
    use crate::charts::Theme;
    use crate::charts::testing::{record, summary};

    #[test]
    fn draws_a_line_per_architecture_over_the_months() {
        let s = summary("text-to-sql");
        let log = record(|a| super::draw(a, &s, &Theme::light(1.0)));
        assert!(log.texts.iter().any(|t| t == "month"));
        assert!(log.texts.iter().any(|t| t == "12"));
    }
}
