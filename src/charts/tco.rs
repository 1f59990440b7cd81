//! Cumulative TCO over the horizon: upfront work in month one, retraining
//! spikes in the months they fall, growth bending the lines up.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::{Chart, Data};
use super::{ChartResult, Frame, Theme, err, readout, summary_colours};
use crate::format::{exact, money};
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
    let (top, bottom) = area.split_vertically(area.dim_in_pixel().1 * 3 / 5);
    let frame = cumulative(&top, s, theme)?;
    monthly(&bottom, s, theme)?;
    Ok(frame)
}

/// What the chart shows at `x` (months): that month's mean spend and the
/// running total at its end, for each architecture.
pub fn read(s: &Summary, x: f64, _: f64) -> Option<String> {
    let months = s.horizon_months as usize;
    if months == 0 {
        return None;
    }
    let m = (x.max(0.0) as usize + 1).min(months);
    Some(readout(
        format!("Month {m}"),
        &mut s.architectures.iter().map(|a| a.name.as_str()),
        &|i| {
            let a = &s.architectures[i];
            Some(format!(
                "{} in the month, {} so far",
                exact(*a.monthly_spend_usd.get(m - 1)?, &s.currency),
                exact(*a.cumulative_tco_usd.get(m - 1)?, &s.currency)
            ))
        },
    ))
}

/// The running totals, one line per architecture.
fn cumulative<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    s: &Summary,
    theme: &Theme,
) -> ChartResult {
    let months = s.horizon_months as usize;
    let max = s
        .architectures
        .iter()
        .filter_map(|a| a.cumulative_tco_usd.last())
        .fold(0.0f64, |m, &v| m.max(v))
        .max(1e-9);
    let mut chart = months_by_money(area, s, theme, max, 20.0)?;
    let frame = Frame::of(&chart);
    super::themed_mesh(&mut chart.configure_mesh(), theme)
        .y_desc("cumulative spend")
        .x_label_formatter(&|v| format!("{v:.0}"))
        .y_label_formatter(&|v| crate::format::money(*v, &s.currency))
        .x_labels(super::x_ticks(area, theme, months.min(12) + 1, 28.0))
        .draw()
        .map_err(err)?;
    let colours = summary_colours(s);
    for (i, a) in s.architectures.iter().enumerate() {
        let c = colours[i];
        // The line starts at month one's upfront work (spent at its start).
        let first_month = a.monthly_spend_usd.first().copied().unwrap_or(0.0);
        let running = a.monthly_spend_usd.get(1).copied().unwrap_or(first_month);
        let upfront = (first_month - running).max(0.0);
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
    super::draw_arch_legend(&mut chart, SeriesLabelPosition::UpperLeft, 11.0, theme)?;
    Ok(Some(frame))
}

/// Each month's mean spend as bars side by side (month one with its upfront
/// work, retraining months with their retrain), and the monthly budget.
fn monthly<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    s: &Summary,
    theme: &Theme,
) -> super::Drawn {
    let months = s.horizon_months as usize;
    let n = s.architectures.len() as f64;
    let max = s
        .architectures
        .iter()
        .flat_map(|a| a.monthly_spend_usd.iter().copied())
        .fold(s.monthly_budget_usd, f64::max)
        .max(1e-9);
    let mut chart = months_by_money(area, s, theme, max, 34.0)?;
    super::themed_mesh(&mut chart.configure_mesh(), theme)
        .x_desc("month")
        .y_desc("spend in the month")
        .x_label_formatter(&|v| format!("{v:.0}"))
        .y_label_formatter(&|v| crate::format::money(*v, &s.currency))
        .x_labels(super::x_ticks(area, theme, months.min(12) + 1, 28.0))
        .y_labels(3)
        .draw()
        .map_err(err)?;
    let colours = summary_colours(s);
    for (i, a) in s.architectures.iter().enumerate() {
        let c = colours[i];
        let bars = a.monthly_spend_usd.iter().enumerate().map(move |(m, &v)| {
            let x0 = m as f64 + 0.1 + 0.8 * i as f64 / n;
            Rectangle::new([(x0, 0.0), (x0 + 0.8 / n, v)], c.filled())
        });
        chart.draw_series(bars).map_err(err)?;
    }
    if s.monthly_budget_usd > 0.0 {
        let b = s.monthly_budget_usd;
        chart
            .draw_series(DashedLineSeries::new(
                [(0.0, b), (months as f64, b)],
                theme.px(6.0),
                theme.px(4.0),
                theme.text.stroke_width(theme.px(1.0)),
            ))
            .map_err(err)?;
    }
    Ok(())
}

/// The largest amount either part labels: a running total, a month, or the
/// budget.
fn largest(s: &Summary) -> f64 {
    s.architectures
        .iter()
        .flat_map(|a| a.cumulative_tco_usd.iter().chain(&a.monthly_spend_usd))
        .fold(s.monthly_budget_usd, |m, &v| m.max(v))
        * 1.05
}

/// Months across, money up to `max` (and a little room).
fn months_by_money<'a, DB: DrawingBackend>(
    area: &'a DrawingArea<DB, Shift>,
    s: &Summary,
    theme: &Theme,
    max: f64,
    x_label_px: f64,
) -> Result<
    ChartContext<
        'a,
        DB,
        Cartesian2d<plotters::coord::types::RangedCoordf64, plotters::coord::types::RangedCoordf64>,
    >,
    String,
> {
    ChartBuilder::on(area)
        .margin(theme.px(10.0))
        .x_label_area_size(theme.px(x_label_px))
        // One width for both parts, so that their months line up.
        .y_label_area_size(theme.px(super::money_axis_room(largest(s), &s.currency)))
        .build_cartesian_2d(0.0..f64::from(s.horizon_months), 0.0..max * 1.05)
        .map_err(err)
}

/// The chart in the registry.
pub const CHART: Chart = Chart {
    id: "tco",
    dom_id: "chart-tco",
    title: "TCO over the horizon: cumulative, and each month's spend",
    height: 360,
    data: Data::Summary {
        draw: |area, s, theme| draw(area, s, theme),
        alt,
        read,
    },
};

/// The chart in words: each architecture's TCO at the end of the horizon,
/// and its month one and costliest month on average.
pub fn alt(s: &Summary) -> String {
    s.architectures
        .iter()
        .map(|a| {
            let highest = a.monthly_spend_usd.iter().copied().fold(0.0, f64::max);
            format!(
                "{}: {} after {} months; {} in month one, {} in its costliest month",
                a.name,
                money(
                    a.cumulative_tco_usd.last().copied().unwrap_or(0.0),
                    &s.currency
                ),
                s.horizon_months,
                money(
                    a.monthly_spend_usd.first().copied().unwrap_or(0.0),
                    &s.currency
                ),
                money(highest, &s.currency),
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

#[cfg(test)]
mod tests {
    use crate::charts::Theme;
    use crate::charts::testing::{record, summary};

    /// Month three spans x from 2 to 3: its spend and the running total at
    /// its end; past the horizon, the last month.
    #[test]
    fn reads_the_month_under_the_pointer() {
        let s = summary("text-to-sql");
        let a = &s.architectures[2];
        let text = super::read(&s, 2.5, 0.0).unwrap();
        let dollars = |v: f64| format!("${}", crate::format::count(v));
        let in_month = a.monthly_spend_usd[2];
        let so_far: f64 = a.monthly_spend_usd[..3].iter().sum();
        assert!(text.starts_with("Month 3\n"), "{text}");
        assert!(
            text.contains(&format!(
                "{}: {} in the month, {} so far",
                a.name,
                dollars(in_month),
                dollars(so_far)
            )),
            "{text}"
        );
        assert!(
            super::read(&s, 99.0, 0.0)
                .unwrap()
                .starts_with("Month 12\n")
        );
    }

    #[test]
    fn draws_a_line_per_architecture_over_the_months() {
        let s = summary("text-to-sql");
        let log = record(|a| super::draw(a, &s, &Theme::light(1.0)));
        assert!(log.texts.iter().any(|t| t == "month"));
        assert!(log.texts.iter().any(|t| t == "12"));
        assert!(log.texts.iter().any(|t| t == "spend in the month"));
    }
}
