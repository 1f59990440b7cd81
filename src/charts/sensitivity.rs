//! What drives the spread: each uncertain input's rank correlation with one
//! architecture's monthly spend, strongest first (a tornado).

use plotters::coord::Shift;
use plotters::prelude::*;

use super::{Chart, Data};
use super::{ChartResult, Frame, Theme, err, summary_colours};
use burnrate_model::Summary;

use burnrate_model::results::Driver;

/// An input key for people ("rag.cache_hit_rate" → "Cache hit rate"), as
/// the editor labels the input.
pub fn input_label(key: &str) -> String {
    burnrate_model::inputs::label(key).map_or_else(|| key.replace('_', " "), str::to_owned)
}

/// Below this rank correlation an input barely moves the spend: left out.
const NEAR_ZERO: f64 = 0.05;

/// What the chart explains under its title (issue 16: "rank correlation"
/// was unexplained).
pub const EXPLANATION: &str = "How closely each uncertain input moves with this architecture's monthly spend (rank correlation, −1 to +1); its own inputs only, none near 0.";

/// Architecture `arch`'s drivers, strongest first: only inputs that can
/// move its costs (not another architecture's), none near zero.
pub fn drivers(s: &Summary, arch: usize) -> Vec<&Driver> {
    let (Some(drivers), Some(a)) = (s.sensitivity.get(arch), s.architectures.get(arch)) else {
        return Vec::new();
    };
    drivers
        .iter()
        .filter(|d| burnrate_model::inputs::is_input_of(&d.input, &a.id))
        .filter(|d| d.rank_correlation.abs() >= NEAR_ZERO)
        .collect()
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
    let drivers: Vec<&Driver> = drivers(s, arch).into_iter().take(top).collect();
    if drivers.is_empty() {
        return super::draw_message(area, "No uncertain input moves this spend", theme);
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
    let frame = Frame::of(&chart);
    super::themed_mesh(chart.configure_mesh().disable_y_mesh(), theme)
        // Centred under the plot, which starts after the inputs' labels:
        // the title fits the plot's width and its right margin, not the canvas's.
        .x_desc(axis_title(
            s,
            arch,
            (f64::from(area.dim_in_pixel().0) - f64::from(theme.px(width + 8.0)))
                / (6.5 * theme.scale),
        ))
        .x_labels(5)
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
    Ok(Some(frame))
}

/// What the chart of architecture `arch`'s `top` drivers shows at `y` (a
/// bar, strongest at the top; the nearest in the margins): the input and its
/// rank correlation.
pub fn read(s: &Summary, arch: usize, top: usize, y: f64) -> Option<String> {
    let drivers = drivers(s, arch);
    let last = drivers.len().min(top).checked_sub(1)?;
    let d = drivers[last - (y.round().max(0.0) as usize).min(last)];
    Some(format!(
        "{}: {:+.2}",
        input_label(&d.input),
        d.rank_correlation
    ))
}

/// The chart in the registry.
/// The axis title names the architecture, so the chart (and its PNG) says
/// whose drivers it shows; on a narrow chart, the name alone, cut to fit.
fn axis_title(s: &Summary, arch: usize, fits: f64) -> String {
    let name = s.architectures.get(arch).map_or("", |a| a.name.as_str());
    let full = format!("{name}: rank correlation with monthly spend");
    let fits = fits.max(8.0) as usize;
    if full.chars().count() <= fits {
        full
    } else if name.chars().count() <= fits {
        name.to_owned()
    } else {
        name.chars().take(fits - 1).collect::<String>() + "…"
    }
}

pub const CHART: Chart = Chart {
    id: "sensitivity",
    dom_id: "chart-sensitivity",
    title: "What drives the spread",
    height: 260,
    data: Data::Drivers,
};

/// The chart in words: the three strongest drivers of architecture `arch`.
pub fn alt(s: &Summary, arch: usize) -> String {
    drivers(s, arch)
        .iter()
        .take(3)
        .map(|d| format!("{} ({:+.2})", input_label(&d.input), d.rank_correlation))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use crate::charts::Theme;
    use crate::charts::testing::{record, summary};

    #[test]
    fn the_axis_title_names_the_architecture_and_fits() {
        let s = burnrate_model::simulate(&burnrate_model::Scenario {
            trials: 50,
            ..burnrate_model::presets::knowledge_base()
        })
        .unwrap();
        assert_eq!(
            super::axis_title(&s, 1, 100.0),
            "RAG (GPT-5.4): rank correlation with monthly spend"
        );
        assert_eq!(super::axis_title(&s, 1, 20.0), "RAG (GPT-5.4)");
        let cut = super::axis_title(&s, 0, 20.0);
        assert_eq!(cut.chars().count(), 20);
        assert!(
            cut.starts_with("Prompt-only") && cut.ends_with('…'),
            "{cut}"
        );
    }

    /// The top bar is the strongest driver; below the last there is none.
    #[test]
    fn reads_the_bar_under_the_pointer() {
        let s = summary("text-to-sql");
        let n = super::drivers(&s, 0).len().min(8);
        let text = super::read(&s, 0, 8, (n - 1) as f64).unwrap();
        let first = &s.sensitivity[0][0];
        assert_eq!(
            text,
            format!("Queries per day: {:+.2}", first.rank_correlation)
        );
        assert_eq!(super::read(&s, 0, 8, n as f64 + 3.0), Some(text));
        let weakest = super::drivers(&s, 0)[n - 1];
        assert!(
            super::read(&s, 0, 8, -1.0)
                .unwrap()
                .ends_with(&format!("{:+.2}", weakest.rank_correlation))
        );
    }

    #[test]
    fn ranks_volume_first_for_prompt_only() {
        let s = summary("text-to-sql");
        assert_eq!(s.sensitivity[0][0].input, "queries_per_day");
        let log = record(|a| super::draw(a, &s, 0, 8, &Theme::light(1.0)));
        assert!(
            log.texts.iter().any(|t| t == "Queries per day"),
            "{:?}",
            log.texts
        );
    }

    /// Issue 16: RAG's list had "fine_tuned: minutes per example". Each
    /// architecture lists only inputs that can move its spend, by their
    /// labels, none near zero.
    #[test]
    fn each_architecture_lists_only_its_own_inputs_by_their_labels() {
        let s = summary("knowledge-base");
        for (i, a) in s.architectures.iter().enumerate() {
            for d in super::drivers(&s, i) {
                assert!(
                    !d.input.contains('.') || d.input.starts_with(&format!("{}.", a.id)),
                    "{}: {}",
                    a.id,
                    d.input
                );
                assert!(d.rank_correlation.abs() >= 0.05);
                let label = super::input_label(&d.input);
                assert!(!label.contains('_') && !label.contains('.'), "{label}");
            }
        }
        // Someone else's input did show up before the filter.
        let rag = s.architectures.iter().position(|a| a.id == "rag").unwrap();
        assert!(
            s.sensitivity[rag]
                .iter()
                .any(|d| d.input.starts_with("fine_tuned."))
        );
    }
}
