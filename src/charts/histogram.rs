//! Monthly-spend distributions of all architectures, overlaid on shared bins,
//! with each one's P50 (solid) and P95 (dashed) marked.

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
    let h = &s.histogram;
    let (Some(&lo), Some(&hi)) = (h.edges_usd.first(), h.edges_usd.last()) else {
        return super::draw_message(area, "No results yet", theme);
    };
    let axis = Axis { log: h.log_scale };
    let n = s.trials.max(1) as f64;
    let top = h
        .counts
        .iter()
        .flatten()
        .map(|&c| c as f64 / n)
        .fold(0.0, f64::max)
        .max(1e-9)
        * 1.1;
    let mut chart = ChartBuilder::on(area)
        .margin(theme.px(10.0))
        .margin_right(theme.px(super::MONEY_AXIS_RIGHT))
        .x_label_area_size(theme.px(34.0))
        .y_label_area_size(theme.px(48.0))
        .build_cartesian_2d(axis.range(lo, hi), 0.0..top)
        .map_err(err)?;
    let frame = Frame::of(&chart);
    super::themed_mesh(&mut chart.configure_mesh(), theme)
        .x_label_formatter(&money_label(axis, &s.currency))
        .y_label_formatter(&|v| format!("{:.0}%", v * 100.0))
        .x_desc("monthly spend")
        .y_desc("share of months")
        .x_labels(super::x_ticks(area, theme, 6, 70.0))
        .y_labels(5)
        .draw()
        .map_err(err)?;
    let colours = summary_colours(s);
    for (i, (a, counts)) in s.architectures.iter().zip(&h.counts).enumerate() {
        let c = colours[i];
        let mut steps = vec![(axis.to(lo), 0.0)];
        for (b, &count) in counts.iter().enumerate() {
            let y = count as f64 / n;
            steps.push((axis.to(h.edges_usd[b]), y));
            steps.push((axis.to(h.edges_usd[b + 1]), y));
        }
        steps.push((axis.to(hi), 0.0));
        chart
            .draw_series(
                AreaSeries::new(steps.clone(), 0.0, c.mix(0.18))
                    .border_style(c.stroke_width(theme.px(1.5))),
            )
            .map_err(err)?
            .label(super::legend_label(&a.name))
            .legend(move |(x, y)| Rectangle::new([(x, y - 5), (x + 12, y + 5)], c.filled()));
        let marker = |v: f64| vec![(axis.to(v), 0.0), (axis.to(v), top * 0.95)];
        chart
            .draw_series(LineSeries::new(
                marker(a.monthly_usd.p50),
                c.stroke_width(theme.px(2.0)),
            ))
            .map_err(err)?;
        chart
            .draw_series(DashedLineSeries::new(
                marker(a.monthly_usd.p95),
                theme.px(5.0),
                theme.px(4.0),
                c.stroke_width(theme.px(2.0)),
            ))
            .map_err(err)?;
    }
    super::draw_arch_legend(&mut chart, SeriesLabelPosition::UpperRight, 11.0, theme)?;
    Ok(Some(frame))
}

/// What the chart shows at `x` (plotted spend): the bin there (the nearest
/// one in the margins), and each architecture's share of simulated months
/// in it.
pub fn read(s: &Summary, x: f64, _: f64) -> Option<String> {
    let h = &s.histogram;
    let v = Axis { log: h.log_scale }.from(x);
    let last = h.edges_usd.len().checked_sub(2)?;
    let bin = h
        .edges_usd
        .partition_point(|&e| e <= v)
        .saturating_sub(1)
        .min(last);
    let hi = h.edges_usd[bin + 1];
    let n = s.trials.max(1) as f64;
    Some(readout(
        format!(
            "{} to {} a month",
            money(h.edges_usd[bin], &s.currency),
            money(hi, &s.currency)
        ),
        &mut s.architectures.iter().map(|a| a.name.as_str()),
        &|i| Some(percent(*h.counts.get(i)?.get(bin)? as f64 / n) + " of months"),
    ))
}

/// The chart in the registry.
pub const CHART: Chart = Chart {
    id: "histogram",
    dom_id: "chart-histogram",
    title: "Monthly spend: how likely each amount is",
    height: 280,
    data: Data::Summary {
        draw: |area, s, theme| draw(area, s, theme),
        alt,
        read,
    },
};

/// The chart in words: each architecture's P50 and P95.
pub fn alt(s: &Summary) -> String {
    s.architectures
        .iter()
        .map(|a| {
            format!(
                "{}: P50 {}, P95 {}",
                a.name,
                money(a.monthly_usd.p50, &s.currency),
                money(a.monthly_usd.p95, &s.currency)
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
    fn draws_every_architecture_with_money_labels() {
        let s = summary("knowledge-base");
        let log = record(|a| super::draw(a, &s, &Theme::light(1.0)));
        for a in &s.architectures {
            assert!(
                log.texts.contains(&crate::charts::legend_label(&a.name)),
                "legend has {}",
                a.name
            );
        }
        assert!(log.texts.iter().any(|t| t.starts_with('$')));
        assert!(log.shapes > 100);
    }

    /// The readout under the pointer: the bin there, and each architecture's
    /// count in it over the trials, by hand.
    #[test]
    fn reads_the_share_of_months_in_the_bin_under_the_pointer() {
        let mut s = summary("text-to-sql");
        s.trials = 8;
        s.histogram.log_scale = false;
        s.histogram.edges_usd = vec![100.0, 200.0, 400.0];
        s.histogram.counts = vec![vec![2, 6]; s.architectures.len()];
        s.histogram.counts[1] = vec![8, 0];
        let text = super::read(&s, 250.0, 0.0).unwrap();
        let mut lines = text.lines();
        assert_eq!(lines.next(), Some("$200 to $400 a month"));
        assert_eq!(
            lines.next(),
            Some(&*format!("{}: 75% of months", s.architectures[0].name))
        );
        assert_eq!(
            lines.next(),
            Some(&*format!("{}: 0% of months", s.architectures[1].name))
        );
        assert!(
            super::read(&s, 120.0, 0.0)
                .unwrap()
                .contains(": 25% of months")
        );
        // In the margins, the nearest bin.
        assert!(
            super::read(&s, 99.0, 0.0)
                .unwrap()
                .starts_with("$100 to $200")
        );
        assert!(
            super::read(&s, 400.0, 0.0)
                .unwrap()
                .starts_with("$200 to $400")
        );
        s.histogram.edges_usd.clear();
        assert_eq!(super::read(&s, 120.0, 0.0), None);
    }

    /// Issue 16: on a phone the legend covered the data, and the x labels
    /// ran together. At 320 px: no legend, at most four money labels.
    #[test]
    fn a_phone_wide_chart_has_no_legend_and_fewer_ticks() {
        let s = summary("knowledge-base");
        let log = record(|a| super::draw(&a.split_horizontally(320).0, &s, &Theme::light(1.0)));
        for a in &s.architectures {
            assert!(!log.texts.contains(&crate::charts::legend_label(&a.name)));
        }
        let ticks = log.texts.iter().filter(|t| t.starts_with('$')).count();
        assert!((2..=4).contains(&ticks), "{ticks}: {:?}", log.texts);
    }
}
