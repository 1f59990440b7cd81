//! Mean monthly spend by cost component, one stacked bar per architecture.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::{Chart, Data};
use super::{ChartResult, Frame, Theme, component_colour, err};
use crate::format::truncate;
use crate::format::{exact, money};
use burnrate_model::{Component, Summary};

pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    s: &Summary,
    theme: &Theme,
) -> ChartResult {
    area.fill(&theme.background).map_err(err)?;
    let n = s.architectures.len();
    if n == 0 {
        return super::draw_message(area, "No results yet", theme);
    }
    let max = s
        .architectures
        .iter()
        .map(|a| a.breakdown_usd.values().sum::<f64>())
        .fold(0.0, f64::max)
        .max(1e-9);
    let used: Vec<usize> = (0..Component::COUNT)
        .filter(|&k| {
            s.architectures
                .iter()
                .any(|a| a.breakdown_usd[Component::ALL[k]] > max * 1e-4)
        })
        .collect();
    let name_width = s
        .architectures
        .iter()
        .map(|a| a.name.chars().count().min(28))
        .max()
        .unwrap_or(8) as f64
        * 6.5;
    let mut chart = ChartBuilder::on(area)
        .margin(theme.px(10.0))
        .margin_right(theme.px(super::MONEY_AXIS_RIGHT))
        .x_label_area_size(theme.px(30.0))
        .y_label_area_size(theme.px(name_width + 8.0))
        .build_cartesian_2d(0.0..max * 1.45, -0.5..(n as f64 - 0.5))
        .map_err(err)?;
    let frame = Frame::of(&chart);
    let names: Vec<String> = s
        .architectures
        .iter()
        .map(|a| truncate(&a.name, 28))
        .collect();
    super::themed_mesh(chart.configure_mesh().disable_y_mesh(), theme)
        .x_label_formatter(&|v| crate::format::money(*v, &s.currency))
        .y_labels(n)
        .y_label_formatter(&|v| {
            let i = v.round();
            if (v - i).abs() < 1e-6 && i >= 0.0 {
                names.get(i as usize).cloned().unwrap_or_default()
            } else {
                String::new()
            }
        })
        .x_labels(super::x_ticks(area, theme, 6, 70.0))
        .draw()
        .map_err(err)?;
    for &k in &used {
        let c = component_colour(k);
        let bars = s.architectures.iter().enumerate().map(|(i, a)| {
            let before: f64 = Component::ALL[..k]
                .iter()
                .map(|c| a.breakdown_usd[*c])
                .sum();
            let v = a.breakdown_usd[Component::ALL[k]];
            let y = i as f64;
            Rectangle::new([(before, y - 0.35), (before + v, y + 0.35)], c.filled())
        });
        chart
            .draw_series(bars)
            .map_err(err)?
            .label(Component::ALL[k].label())
            .legend(move |(x, y)| Rectangle::new([(x, y - 5), (x + 12, y + 5)], c.filled()));
    }
    // On a phone the legend covered the bars (issue 16): a tap's readout
    // names the components there.
    super::draw_arch_legend(&mut chart, SeriesLabelPosition::UpperRight, 10.0, theme)?;
    Ok(Some(frame))
}

/// What the chart shows at `y` (a bar, the nearest in the margins): that
/// architecture's mean month, and each component that costs something in it.
pub fn read(s: &Summary, _: f64, y: f64) -> Option<String> {
    let last = s.architectures.len().checked_sub(1)?;
    let a = &s.architectures[(y.round().max(0.0) as usize).min(last)];
    let total: f64 = a.breakdown_usd.values().sum();
    // Whole dollars; three figures below $100 (not four decimals).
    let usd = |v: f64| {
        if v < 100.0 {
            money(v, &s.currency)
        } else {
            exact(v, &s.currency)
        }
    };
    let mut out = format!("{}: {} in a mean month", a.name, usd(total));
    for (c, v) in a.breakdown_usd.iter().filter(|p| p.1 > 0.0) {
        out += &format!("\n{}: {}", c.label(), usd(v));
    }
    Some(out)
}

/// The chart in the registry.
pub const CHART: Chart = Chart {
    id: "breakdown",
    dom_id: "chart-breakdown",
    title: "Where the money goes (mean month)",
    height: 260,
    data: Data::Summary {
        draw: |area, s, theme| draw(area, s, theme),
        alt,
        read,
    },
};

/// The chart in words: each architecture's three largest components.
pub fn alt(s: &Summary) -> String {
    s.architectures
        .iter()
        .map(|a| {
            let all: Vec<(Component, f64)> = a.breakdown_usd.iter().collect();
            let order =
                burnrate_model::stats::order_by(all.len(), &|x, y| all[y].1.total_cmp(&all[x].1));
            let parts: Vec<(Component, f64)> = order.into_iter().map(|i| all[i]).collect();
            let top: Vec<String> = parts
                .iter()
                .take(3)
                .filter(|p| p.1 > 0.0)
                .map(|(c, v)| format!("{} {}", c.label(), money(*v, &s.currency)))
                .collect();
            format!("{}: {}", a.name, top.join(", "))
        })
        .collect::<Vec<_>>()
        .join("; ")
}

#[cfg(test)]
mod tests {
    use crate::charts::Theme;
    use crate::charts::testing::{record, summary};

    /// The bar under the pointer: that architecture's mean month, each
    /// component in whole dollars, and their sum.
    #[test]
    fn reads_the_bar_under_the_pointer() {
        let s = summary("knowledge-base");
        let a = &s.architectures[1];
        let text = super::read(&s, 0.0, 1.3).unwrap();
        let total: f64 = burnrate_model::Component::ALL
            .iter()
            .map(|&c| a.breakdown_usd[c])
            .sum();
        assert!(
            text.starts_with(&format!(
                "{}: ${} in a mean month",
                a.name,
                crate::format::count(total)
            )),
            "{text}"
        );
        let input = a.breakdown_usd[burnrate_model::Component::InputTokens];
        assert!(text.contains(&format!("\nInput tokens: ${}", crate::format::count(input))));
        let top = super::read(&s, 0.0, 9.0).unwrap();
        assert!(
            top.starts_with(&s.architectures.last().unwrap().name),
            "{top}"
        );
    }

    /// Issue 16: on a phone the component legend covered the bars.
    #[test]
    fn a_phone_wide_chart_has_no_legend() {
        let s = summary("knowledge-base");
        let log = record(|a| super::draw(&a.split_horizontally(320).0, &s, &Theme::light(1.0)));
        assert!(
            !log.texts.iter().any(|t| t == "Input tokens"),
            "{:?}",
            log.texts
        );
    }

    #[test]
    fn legend_lists_the_components_that_cost_something() {
        let s = summary("knowledge-base");
        let log = record(|a| super::draw(a, &s, &Theme::light(1.0)));
        for label in [
            "Input tokens",
            "Vector DB",
            "Data curation",
            "Retraining",
            "GPU idle",
        ] {
            assert!(
                log.texts.iter().any(|t| t == label),
                "{label}: {:?}",
                log.texts
            );
        }
        assert!(
            !log.texts.iter().any(|t| t == "Agent loops"),
            "no agents in this preset"
        );
    }
}
