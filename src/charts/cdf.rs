//! Exceedance: the chance a month costs more than each amount, per
//! architecture, with the budget marked (read: "a 20% chance of spending more
//! than $X").

use plotters::coord::Shift;
use plotters::prelude::*;

use super::registry::{Chart, Data};
use super::{Axis, ChartResult, Theme, err, money_label, summary_colours};
use crate::format::percent;
use burnrate_model::Summary;

pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    s: &Summary,
    theme: &Theme,
) -> ChartResult {
    area.fill(&theme.background).map_err(err)?;
    if s.architectures.is_empty() || s.trials == 0 {
        return super::draw_message(area, "No results yet", theme);
    }
    let lo = s
        .architectures
        .iter()
        .filter_map(|a| a.cdf_usd.first())
        .fold(f64::INFINITY, |m, &v| m.min(v));
    let hi = s
        .architectures
        .iter()
        .filter_map(|a| a.cdf_usd.last())
        .fold(0.0f64, |m, &v| m.max(v));
    let budget = s.monthly_budget_usd;
    let (lo, hi) = (lo.min(budget).max(0.0), hi.max(budget));
    let axis = Axis::for_range(lo.max(hi * 1e-6), hi, 30.0);
    let mut chart = ChartBuilder::on(area)
        .margin(theme.px(10.0))
        .x_label_area_size(theme.px(34.0))
        .y_label_area_size(theme.px(48.0))
        .build_cartesian_2d(axis.range(lo.max(hi * 1e-6), hi), 0.0..1.02)
        .map_err(err)?;
    super::themed_mesh(&mut chart.configure_mesh(), theme)
        .x_label_formatter(&money_label(axis, &s.currency))
        .y_label_formatter(&|v| format!("{:.0}%", v * 100.0))
        .x_desc("monthly spend")
        .y_desc("chance of spending more")
        .x_labels(super::x_ticks(area, theme, 6, 70.0))
        .y_labels(6)
        .draw()
        .map_err(err)?;
    let colours = summary_colours(s);
    for (i, a) in s.architectures.iter().enumerate() {
        let c = colours[i];
        let n = a.cdf_usd.len().max(2) - 1;
        let points = a
            .cdf_usd
            .iter()
            .enumerate()
            .map(|(k, &v)| (axis.to(v), 1.0 - k as f64 / n as f64));
        chart
            .draw_series(LineSeries::new(points, c.stroke_width(theme.px(2.0))))
            .map_err(err)?
            .label(super::legend_label(&a.name))
            .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 14, y)], c.stroke_width(2)));
    }
    let b = axis.to(budget);
    chart
        .draw_series(DashedLineSeries::new(
            vec![(b, 0.0), (b, 1.0)],
            theme.px(6.0),
            theme.px(4.0),
            theme.text.stroke_width(theme.px(1.5)),
        ))
        .map_err(err)?;
    chart
        .draw_series(std::iter::once(Text::new(
            format!("budget {}", crate::format::money(budget, &s.currency)),
            (b, 1.0),
            theme.font(11.0),
        )))
        .map_err(err)?;
    super::draw_arch_legend(&mut chart, SeriesLabelPosition::LowerLeft, 11.0, theme)
}

/// The chart in the registry.
pub const CHART: Chart = Chart {
    id: "cdf",
    dom_id: "chart-cdf",
    title: "Chance a month costs more than…",
    height: 280,
    data: Data::Summary {
        draw: |area, s, theme| draw(area, s, theme),
        alt,
    },
};

/// The chart in words: each architecture's chance of overrunning the budget.
pub fn alt(s: &Summary) -> String {
    s.architectures
        .iter()
        .map(|a| {
            format!(
                "{}: {} chance over budget",
                a.name,
                percent(a.p_over_budget)
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
    fn marks_the_budget() {
        let s = summary("fintech-bot");
        let log = record(|a| super::draw(a, &s, &Theme::dark(2.0)));
        assert!(
            log.texts.iter().any(|t| t.starts_with("budget $60.0k")),
            "{:?}",
            log.texts
        );
    }
}
