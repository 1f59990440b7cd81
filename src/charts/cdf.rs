//! Exceedance: the chance a month costs more than each amount, per
//! architecture, with the budget marked (read: "a 20% chance of spending more
//! than $X").

use plotters::coord::Shift;
use plotters::prelude::*;

use super::{Axis, ChartResult, Frame, Theme, err, money_label, readout, summary_colours};
use super::{Chart, Data};
use crate::format::{money, percent};
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
    let budget = s.monthly_budget_usd;
    let (axis, lo, hi) = spend_axis(s);
    let mut chart = ChartBuilder::on(area)
        .margin(theme.px(10.0))
        .margin_right(theme.px(super::MONEY_AXIS_RIGHT))
        .x_label_area_size(theme.px(34.0))
        .y_label_area_size(theme.px(48.0))
        .build_cartesian_2d(axis.range(lo, hi), 0.0..1.02)
        .map_err(err)?;
    let frame = Frame::of(&chart);
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
    super::draw_arch_legend(&mut chart, SeriesLabelPosition::LowerLeft, 11.0, theme)?;
    Ok(Some(frame))
}

/// The spend axis: from the cheapest month to the costliest (and the
/// budget), on a log scale when that spans decades.
fn spend_axis(s: &Summary) -> (Axis, f64, f64) {
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
    let lo = lo.max(hi * 1e-6);
    (Axis::for_range(lo, hi, 30.0), lo, hi)
}

/// The chance a month costs more than `v`, read off quantiles `q` taken at
/// equal steps of probability (0 to 1), straight between them as the chart
/// draws them.
pub fn chance_over(q: &[f64], v: f64) -> f64 {
    let steps = q.len().max(2) - 1;
    let above = q.partition_point(|&u| u <= v);
    let below = match above {
        0 => 0.0,
        k if k >= q.len() => steps as f64,
        k => {
            let (a, b) = (q[k - 1], q[k]);
            (k - 1) as f64 + (v - a) / (b - a)
        }
    };
    1.0 - below / steps as f64
}

/// What the chart shows at `x` (plotted spend): each architecture's chance
/// of a month costing more.
pub fn read(s: &Summary, x: f64, _: f64) -> Option<String> {
    if s.trials == 0 {
        return None;
    }
    let v = spend_axis(s).0.from(x).max(0.0);
    Some(readout(
        format!("More than {} a month", money(v, &s.currency)),
        &mut s.architectures.iter().map(|a| a.name.as_str()),
        &|i| Some(percent(chance_over(&s.architectures[i].cdf_usd, v)) + " chance"),
    ))
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
        read,
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

    /// Quantiles at 0, ¼, ½, ¾ and 1 of the months: between two of them the
    /// share below grows straight, as the chart's line does.
    #[test]
    fn the_chance_of_more_is_read_between_quantiles() {
        let q = [0.0, 10.0, 20.0, 30.0, 40.0];
        let cases = [
            (-1.0, 1.0),
            (0.0, 1.0),
            (10.0, 0.75),
            (15.0, 0.625),
            (35.0, 0.125),
            (40.0, 0.0),
            (50.0, 0.0),
        ];
        for (v, want) in cases {
            assert!((super::chance_over(&q, v) - want).abs() < 1e-12, "{v}");
        }
        let s = summary("fintech-bot");
        let a = &s.architectures[0];
        // At its median a month has an even chance of costing more.
        let text = super::read(&s, super::spend_axis(&s).0.to(a.monthly_usd.p50), 0.0).unwrap();
        assert!(text.starts_with("More than $"), "{text}");
        let line = text.lines().nth(1).unwrap();
        let p: f64 = line
            .trim_start_matches(&format!("{}: ", a.name))
            .trim_end_matches("% chance")
            .parse()
            .unwrap();
        assert!((p - 50.0).abs() <= 1.0, "{line}");
    }

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
