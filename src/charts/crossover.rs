//! The crossover: monthly spend against queries per day, both on log axes,
//! with each architecture's P10–P90 band, its median, and the break-even
//! volumes marked.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::{Axis, ChartResult, Frame, Theme, err, money_label, readout};
use super::{Chart, Data};
use crate::format::{money, volume};
use burnrate_model::crossover::Crossover;

pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    c: &Crossover,
    names: &[String],
    colours: &[RGBColor],
    currency: &str,
    theme: &Theme,
) -> ChartResult {
    area.fill(&theme.background).map_err(err)?;
    let (Some(first), Some(last)) = (c.points.first(), c.points.last()) else {
        return super::draw_message(area, "Computing the crossover…", theme);
    };
    let lo = c
        .points
        .iter()
        .flat_map(|p| p.bands.iter().map(|b| b.p10))
        .filter(|v| *v > 0.0)
        .fold(f64::INFINITY, f64::min);
    let hi = c
        .points
        .iter()
        .flat_map(|p| p.bands.iter().map(|b| b.p90))
        .fold(0.0, f64::max);
    if !lo.is_finite() || hi <= 0.0 {
        return super::draw_message(area, "Nothing to compare", theme);
    }
    let x = Axis { log: true };
    let y = Axis { log: true };
    let mut chart = ChartBuilder::on(area)
        .margin(theme.px(10.0))
        .x_label_area_size(theme.px(34.0))
        .y_label_area_size(theme.px(super::money_axis_room(hi, currency)))
        .build_cartesian_2d(
            x.range(first.queries_per_day, last.queries_per_day),
            y.range(lo, hi),
        )
        .map_err(err)?;
    let frame = Frame::of(&chart);
    super::themed_mesh(&mut chart.configure_mesh(), theme)
        .x_desc("queries per day")
        .y_desc("monthly spend")
        .x_label_formatter(&|v| crate::format::count(10f64.powf(*v)))
        .y_label_formatter(&money_label(y, currency))
        .x_labels(super::x_ticks(area, theme, 7, 80.0))
        .y_labels(6)
        .draw()
        .map_err(err)?;
    for (i, name) in names.iter().enumerate() {
        let col = colours[i];
        let upper = c
            .points
            .iter()
            .map(|p| (x.to(p.queries_per_day), y.to(p.bands[i].p90)));
        let lower = c
            .points
            .iter()
            .rev()
            .map(|p| (x.to(p.queries_per_day), y.to(p.bands[i].p10)));
        chart
            .draw_series(std::iter::once(Polygon::new(
                upper.chain(lower).collect::<Vec<_>>(),
                col.mix(0.15),
            )))
            .map_err(err)?;
        chart
            .draw_series(LineSeries::new(
                c.points
                    .iter()
                    .map(|p| (x.to(p.queries_per_day), y.to(p.bands[i].p50))),
                col.stroke_width(theme.px(2.0)),
            ))
            .map_err(err)?
            .label(super::legend_label(name))
            .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 14, y)], col.stroke_width(2)));
    }
    let y_range = y.range(lo, hi);
    // Each change of the cheapest, labelled with its volume (issue 16);
    // neighbouring labels at two heights so close ones do not overlap.
    for (k, volume) in c.cheapest_changes().into_iter().enumerate() {
        let bx = x.to(volume);
        chart
            .draw_series(DashedLineSeries::new(
                vec![(bx, y_range.start), (bx, y_range.end)],
                theme.px(3.0),
                theme.px(4.0),
                theme.text.mix(0.6).stroke_width(theme.px(1.0)),
            ))
            .map_err(err)?;
        let height = 0.1 + 0.08 * (k % 2) as f64;
        chart
            .draw_series(std::iter::once(Text::new(
                format!(" {}/day", crate::format::volume(volume)),
                (bx, y_range.start + (y_range.end - y_range.start) * height),
                theme.font(10.0),
            )))
            .map_err(err)?;
    }
    super::draw_arch_legend(&mut chart, SeriesLabelPosition::UpperLeft, 11.0, theme)?;
    Ok(Some(frame))
}

/// What the chart shows at `x` (log10 of queries a day): the volume computed
/// nearest it, and each architecture `names`' median monthly spend there
/// with its P10–P90 (to three figures: a few hundred trials a volume). The
/// names are borrowed: a key press reads the chart up to 400 times.
pub fn read(
    c: &Crossover,
    names: &mut dyn Iterator<Item = &str>,
    currency: &str,
    x: f64,
) -> Option<String> {
    let off = |v: f64| (v.log10() - x).abs();
    let p = c
        .points
        .iter()
        .min_by(|a, b| off(a.queries_per_day).total_cmp(&off(b.queries_per_day)))?;
    Some(readout(
        format!("{} queries a day", volume(p.queries_per_day)),
        names,
        &|i| {
            let b = p.bands.get(i)?;
            Some(format!(
                "{} (P10 {}, P90 {})",
                money(b.p50, currency),
                money(b.p10, currency),
                money(b.p90, currency)
            ))
        },
    ))
}

/// The chart in the registry.
pub const CHART: Chart = Chart {
    id: "crossover",
    dom_id: "chart-crossover",
    title: "Crossover: spend against volume (P10–P90)",
    height: 300,
    data: Data::Crossover,
};

/// The chart in words: where each pair breaks even, naming architectures
/// `ids` by their `names`.
pub fn alt(c: &Crossover, ids: &[String], names: &[String]) -> String {
    if c.break_evens.is_empty() {
        return "No break-even in this range: the order never changes.".to_owned();
    }
    let name = |id: &str| {
        ids.iter()
            .position(|x| x == id)
            .map_or(id, |i| &names[i])
            .to_owned()
    };
    c.break_evens
        .iter()
        .map(|b| {
            format!(
                "{} and {} break even near {} queries a day; {} is cheaper above",
                name(&b.a),
                name(&b.b),
                volume(b.queries_per_day),
                name(&b.cheaper_above)
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

#[cfg(test)]
mod tests {
    use burnrate_model::crossover::{crossover, log_volumes};
    use burnrate_model::{Prepared, presets};

    use crate::charts::Theme;
    use crate::charts::testing::record;

    #[test]
    fn draws_bands_and_labels_volumes() {
        let p = Prepared::new(&presets::text_to_sql()).unwrap();
        let c = crossover(&p, &log_volumes(10.0, 1e7, 7), 100);
        let names: Vec<String> = p
            .scenario()
            .architectures
            .iter()
            .map(|a| a.name.clone())
            .collect();
        let colours =
            crate::charts::arch_colours(p.scenario().architectures.iter().map(|a| a.id.as_str()));
        let log = record(|a| super::draw(a, &c, &names, &colours, "USD", &Theme::light(1.0)));
        assert!(log.texts.iter().any(|t| t == "queries per day"));
        assert!(
            log.texts
                .iter()
                .any(|t| *t == crate::charts::legend_label(&names[2]))
        );
        // The readout is the computed volume nearest the pointer.
        let p = &c.points[3];
        let text = super::read(
            &c,
            &mut names.iter().map(String::as_str),
            "USD",
            p.queries_per_day.log10() + 0.1,
        )
        .unwrap();
        assert!(
            text.starts_with(&format!(
                "{} queries a day\n",
                crate::format::volume(p.queries_per_day)
            )),
            "{text}"
        );
        let b = &p.bands[1];
        assert!(text.contains(&format!(
            "{}: {} (P10 {}, P90 {})",
            names[1],
            crate::format::money(b.p50, "USD"),
            crate::format::money(b.p10, "USD"),
            crate::format::money(b.p90, "USD")
        )));
        // Each change of the cheapest is labelled with its volume.
        let changes = c.cheapest_changes();
        assert!(!changes.is_empty());
        for v in changes {
            let label = format!(" {}/day", crate::format::volume(v));
            assert!(log.texts.contains(&label), "{label} in {:?}", log.texts);
        }
    }
}
