//! What drives the spread: each uncertain input's rank correlation with one
//! architecture's monthly spend, strongest first (a tornado).

use plotters::coord::Shift;
use plotters::prelude::*;

use super::registry::{Chart, Data};
use super::{ChartResult, Theme, err, summary_colours};
use burnrate_model::Summary;

/// An input key for people ("rag.cache_hit_rate" → "rag: cache hit rate").
pub fn input_label(key: &str) -> String {
    match key.split_once('.') {
        Some((arch, input)) => format!("{arch}: {}", input.replace('_', " ")),
        None => key.replace('_', " "),
    }
}

/// The drivers of architecture `arch` (at most `top` of them).
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    s: &Summary,
    arch: usize,
    top: usize,
    theme: &Theme,
) -> ChartResult {
    area.fill(&theme.background).map_err(err)?;
    let Some(drivers) = s.sensitivity.get(arch) else {
        return super::draw_message(area, "No results yet", theme);
    };
    let drivers: Vec<_> = drivers.iter().take(top).collect();
    if drivers.is_empty() {
        return super::draw_message(area, "Every input is fixed: nothing to rank", theme);
    }
    let n = drivers.len();
    let labels: Vec<String> = drivers.iter().map(|d| input_label(&d.input)).collect();
    let width = labels.iter().map(|l| l.chars().count()).max().unwrap_or(8) as f64 * 6.5;
    let mut chart = ChartBuilder::on(area)
        .margin(theme.px(10.0))
        .x_label_area_size(theme.px(34.0))
        .y_label_area_size(theme.px(width + 8.0))
        .build_cartesian_2d(-1.0..1.0, -0.5..(n as f64 - 0.5))
        .map_err(err)?;
    super::themed_mesh(chart.configure_mesh().disable_y_mesh(), theme)
        .x_desc("rank correlation with monthly spend")
        .y_labels(n)
        .y_label_formatter(&|v| {
            let i = v.round();
            // Strongest at the top.
            if (v - i).abs() < 1e-6 && i >= 0.0 {
                labels.get(n - 1 - i as usize).cloned().unwrap_or_default()
            } else {
                String::new()
            }
        })
        .draw()
        .map_err(err)?;
    let c = summary_colours(s)[arch];
    chart
        .draw_series(drivers.iter().enumerate().map(|(k, d)| {
            let y = (n - 1 - k) as f64;
            Rectangle::new([(0.0, y - 0.3), (d.rank_correlation, y + 0.3)], c.filled())
        }))
        .map_err(err)?;
    Ok(())
}

/// The chart in the registry.
pub const CHART: Chart = Chart {
    id: "sensitivity",
    dom_id: "chart-sensitivity",
    title: "What drives the spread",
    height: 260,
    data: Data::Drivers,
};

/// The chart in words: the three strongest drivers of architecture `arch`.
pub fn alt(s: &Summary, arch: usize) -> String {
    s.sensitivity
        .get(arch)
        .map(|d| {
            d.iter()
                .take(3)
                .map(|d| format!("{} ({:+.2})", input_label(&d.input), d.rank_correlation))
                .collect::<Vec<_>>()
                .join(", ")
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use crate::charts::Theme;
    use crate::charts::testing::{record, summary};

    #[test]
    fn ranks_volume_first_for_prompt_only() {
        let s = summary("text-to-sql");
        assert_eq!(s.sensitivity[0][0].input, "queries_per_day");
        let log = record(|a| super::draw(a, &s, 0, 8, &Theme::light(1.0)));
        assert!(
            log.texts.iter().any(|t| t == "queries per day"),
            "{:?}",
            log.texts
        );
    }
}
