//! Charts as pure functions: each takes a plotters drawing area (any backend)
//! and plain data from the engine's summary, so the same code draws on the
//! page's canvas and in native tests. Binning and summarising happen in the
//! model; a chart receives hundreds of points, never the samples.

pub mod breakdown;
pub mod cdf;
pub mod crossover;
pub mod histogram;
pub mod registry;
pub mod sensitivity;
pub mod tco;

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// Okabe–Ito: distinguishable with every common colour-vision deficiency.
pub const PALETTE: [RGBColor; 8] = [
    RGBColor(0, 114, 178),
    RGBColor(230, 159, 0),
    RGBColor(0, 158, 115),
    RGBColor(204, 121, 167),
    RGBColor(86, 180, 233),
    RGBColor(213, 94, 0),
    RGBColor(240, 228, 66),
    RGBColor(120, 120, 120),
];

/// The colours of architectures `ids`, one each, following the architecture
/// and not its position (issue 16): each id prefers a slot of the palette by
/// a hash of itself, and ids claim slots in sorted order, so adding one back
/// or reordering leaves every colour as it was. The hash's starting value is
/// chosen so that no two architectures of a preset prefer the same slot:
/// taking any one out leaves the others' colours too. Up to six
/// architectures avoid the palette's yellow and grey (faint as lines on white).
pub fn arch_colours<'a>(ids: impl IntoIterator<Item = &'a str>) -> Vec<RGBColor> {
    let ids: Vec<&str> = ids.into_iter().collect();
    let slots = if ids.len() <= 6 { 6 } else { PALETTE.len() };
    let mut taken = vec![0usize; slots];
    let mut out = vec![PALETTE[0]; ids.len()];
    for i in burnrate_model::stats::order_by(ids.len(), &|a, b| ids[a].cmp(ids[b])) {
        let want = preferred_slot(ids[i], slots);
        // The least used slot from the preferred one on (free ones first).
        let slot = (0..slots)
            .map(|k| (want + k) % slots)
            .min_by_key(|&k| taken[k])
            .unwrap_or(0);
        taken[slot] += 1;
        out[i] = PALETTE[slot];
    }
    out
}

/// The palette slot `id` prefers among `slots`.
fn preferred_slot(id: &str, slots: usize) -> usize {
    let hash = id.bytes().fold(0x811c_9dc9_u32, |h, b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    });
    hash as usize % slots
}

/// An id for a new architecture, `base` or `base_2`, `base_3`…, none of
/// `taken` (the comparison's and the parked ones): the first whose
/// preferred colour no other prefers, while six colours go round. Ids that
/// all prefer different slots each get their own whichever of them are in
/// the comparison, so adding one never takes the colour of one parked to
/// be added back (issue 32: it did when another was added in between).
pub fn id_keeping_colours(base: &str, taken: &[&str]) -> String {
    let candidates = std::iter::once(base.to_string())
        .chain((2..).map(|n| format!("{base}_{n}")))
        .filter(|id| !taken.contains(&id.as_str()));
    let fits = |id: &String| {
        taken.len() >= 6
            || taken
                .iter()
                .all(|t| preferred_slot(t, 6) != preferred_slot(id, 6))
    };
    let mut first = None;
    for id in candidates.take(200) {
        if fits(&id) {
            return id;
        }
        first.get_or_insert(id);
    }
    first.unwrap_or_else(|| base.to_string())
}

/// The colours of a summary's architectures ([`arch_colours`]).
pub fn summary_colours(s: &burnrate_model::Summary) -> Vec<RGBColor> {
    arch_colours(s.architectures.iter().map(|a| a.id.as_str()))
}

/// Room right of the plot (CSS px) for the last money tick's label, which
/// is centred on the plot's right edge: half of "$100.0k" and a little.
/// With the 10 px of the other sides it was cut ("$1.00M" 6 px out).
pub const MONEY_AXIS_RIGHT: f64 = 24.0;

/// Colours and scale of the page the chart sits on.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Theme {
    pub background: RGBColor,
    pub text: RGBColor,
    pub grid: RGBColor,
    /// Device pixels per CSS pixel: fonts and strokes are multiplied by it.
    pub scale: f64,
}

impl Theme {
    pub fn light(scale: f64) -> Theme {
        Theme {
            background: RGBColor(255, 255, 255),
            text: RGBColor(27, 31, 36),
            grid: RGBColor(220, 224, 228),
            scale,
        }
    }

    pub fn dark(scale: f64) -> Theme {
        Theme {
            background: RGBColor(22, 27, 34),
            text: RGBColor(230, 237, 243),
            grid: RGBColor(48, 54, 61),
            scale,
        }
    }

    /// A size in CSS pixels, in device pixels.
    pub fn px(&self, css: f64) -> u32 {
        (css * self.scale).round().max(1.0) as u32
    }

    pub fn font(&self, css: f64) -> TextStyle<'static> {
        ("sans-serif", css * self.scale)
            .into_font()
            .color(&self.text)
    }
}

/// A drawn chart's frame (none for a message in place of a chart), or what
/// the draw failed with (a backend error, as text).
pub type ChartResult = Result<Option<Frame>, String>;

/// A part of a chart drawn, or what it failed with.
pub type Drawn = Result<(), String>;

/// Where a chart put its plot: the pixels of its data ranges' corners and
/// the ranges, so the page can read the value under a pointer or a keyboard
/// cursor (issue 16: hover values on every chart) with the chart's own
/// scales, not a copy of them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Frame {
    /// The x range, then the y range, in data units (as plotted: a log
    /// axis's are logarithms).
    pub data: [f64; 4],
    /// The same four edges in the canvas's pixels.
    pub px: [f64; 4],
}

impl Frame {
    pub fn of<DB: DrawingBackend>(
        chart: &ChartContext<
            '_,
            DB,
            Cartesian2d<
                plotters::coord::types::RangedCoordf64,
                plotters::coord::types::RangedCoordf64,
            >,
        >,
    ) -> Frame {
        let c = chart.as_coord_spec();
        let (x, y) = (c.get_x_range(), c.get_y_range());
        let a = c.translate(&(x.start, y.start));
        let b = c.translate(&(x.end, y.end));
        Frame {
            data: [x.start, x.end, y.start, y.end],
            px: [a.0, b.0, a.1, b.1].map(f64::from),
        }
    }

    /// The data point under pixel (`x`, `y`), held within the plot.
    pub fn to_data(&self, x: f64, y: f64) -> (f64, f64) {
        let [x0, x1, y0, y1] = self.data;
        let [p0, p1, q0, q1] = self.px;
        (along(x, p0, p1, x0, x1), along(y, q0, q1, y0, y1))
    }

    /// The pixel of data point (`x`, `y`).
    pub fn to_px(&self, x: f64, y: f64) -> (f64, f64) {
        let [x0, x1, y0, y1] = self.data;
        let [p0, p1, q0, q1] = self.px;
        (along(x, x0, x1, p0, p1), along(y, y0, y1, q0, q1))
    }
}

/// `v` from range `a..b` to range `c..d`, held within it.
fn along(v: f64, a: f64, b: f64, c: f64, d: f64) -> f64 {
    let t = if b == a { 0.5 } else { (v - a) / (b - a) };
    c + (d - c) * t.clamp(0.0, 1.0)
}

/// What a chart reads out at a point: a heading, then a line per
/// architecture `names[i]` with `value(i)` (none when it has no value there).
/// (One copy for every chart: `dyn`, not generic.)
pub fn readout(
    heading: String,
    names: &mut dyn Iterator<Item = &str>,
    value: &dyn Fn(usize) -> Option<String>,
) -> String {
    let mut out = heading;
    for (i, name) in names.enumerate() {
        if let Some(v) = value(i) {
            out += &format!("\n{name}: {v}");
        }
    }
    out
}

pub(crate) fn err<E: std::fmt::Debug>(e: E) -> String {
    format!("{e:?}")
}

/// Draws the series legend at `position` in the theme's colours.
pub fn draw_legend<'a, DB: DrawingBackend + 'a, CT: plotters::coord::CoordTranslate>(
    chart: &mut ChartContext<'a, DB, CT>,
    position: SeriesLabelPosition,
    font_px: f64,
    theme: &Theme,
) -> Drawn {
    chart
        .configure_series_labels()
        .position(position)
        .background_style(theme.background.mix(0.85))
        .border_style(theme.grid)
        .label_font(theme.font(font_px))
        .draw()
        .map_err(err)
}

/// How many x-axis labels fit `area`: at most `wanted`, one per `spacing`
/// CSS pixels (issue 16: on a phone "$0$100$200$300$400k" ran together).
pub fn x_ticks<DB: DrawingBackend>(
    area: &DrawingArea<DB, plotters::coord::Shift>,
    theme: &Theme,
    wanted: usize,
    spacing: f64,
) -> usize {
    let width = f64::from(area.dim_in_pixel().0) / theme.scale;
    ((width / spacing) as usize).clamp(2, wanted.max(2))
}

/// The legend of a chart with a series per architecture, except on a phone,
/// where it covered the data (issue 16): there the swatches of the summary
/// kept at the top of the screen name the colours.
pub fn draw_arch_legend<'a, DB: DrawingBackend + 'a, CT: plotters::coord::CoordTranslate>(
    chart: &mut ChartContext<'a, DB, CT>,
    position: SeriesLabelPosition,
    font_px: f64,
    theme: &Theme,
) -> Drawn {
    if f64::from(chart.plotting_area().dim_in_pixel().0) / theme.scale < NARROW {
        return Ok(());
    }
    draw_legend(chart, position, font_px, theme)
}

/// The width (CSS pixels) of a money axis's label area reaching `max`: its
/// widest tick label (at least six characters: "$31.6k" on a log axis whose
/// top is "$500k") and the axis title beside it (issue 16: "cumulative
/// spend" ran over "$3.50M").
pub fn money_axis_room(max: f64, currency: &str) -> f64 {
    let widest = crate::format::money(max, currency).chars().count().max(6);
    widest as f64 * 6.5 + 22.0
}

/// Plot width (CSS pixels) below which a chart draws no architecture legend.
const NARROW: f64 = 400.0;

/// Gives a chart's mesh the theme's grid, axis and label styles.
pub fn themed_mesh<'m, 'a, 'b, X, Y, DB>(
    mesh: &'m mut plotters::chart::MeshStyle<'a, 'b, X, Y, DB>,
    theme: &Theme,
) -> &'m mut plotters::chart::MeshStyle<'a, 'b, X, Y, DB>
where
    X: plotters::coord::ranged1d::Ranged<ValueType = f64>,
    Y: plotters::coord::ranged1d::Ranged<ValueType = f64>,
    DB: DrawingBackend,
{
    mesh.light_line_style(theme.grid.mix(0.4))
        .bold_line_style(theme.grid)
        .axis_style(theme.text)
        .label_style(theme.font(11.0))
        .axis_desc_style(theme.font(12.0))
}

/// A message in the middle of an empty chart.
pub fn draw_message<DB: DrawingBackend>(
    area: &DrawingArea<DB, plotters::coord::Shift>,
    text: &str,
    theme: &Theme,
) -> ChartResult {
    area.fill(&theme.background).map_err(err)?;
    let (w, h) = area.dim_in_pixel();
    let style = theme.font(14.0).pos(Pos::new(HPos::Center, VPos::Center));
    area.draw_text(text, &style, (w as i32 / 2, h as i32 / 2))
        .map_err(err)?;
    Ok(None)
}

/// A value axis that is linear, or log10 when its range spans decades. Charts
/// plot transformed values on a linear axis and label them back in money.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Axis {
    pub log: bool,
}

impl Axis {
    /// Log when the positive range spans more than `decades_ratio`.
    pub fn for_range(lo: f64, hi: f64, ratio: f64) -> Axis {
        Axis {
            log: lo > 0.0 && hi / lo > ratio,
        }
    }
    pub fn to(&self, v: f64) -> f64 {
        if self.log { v.max(1e-9).log10() } else { v }
    }
    pub fn from(&self, v: f64) -> f64 {
        if self.log { 10f64.powf(v) } else { v }
    }
    /// The transformed range, padded so lines do not sit on the frame.
    pub fn range(&self, lo: f64, hi: f64) -> std::ops::Range<f64> {
        let (a, b) = (self.to(lo), self.to(hi));
        let pad = if b > a { (b - a) * 0.04 } else { 1.0 };
        let a = if self.log {
            a - pad
        } else {
            (a - pad).max(0.0f64.min(a))
        };
        a..b + pad
    }
}

/// Axis labels in compact money, through an axis transform.
pub fn money_label(axis: Axis, currency: &str) -> impl Fn(&f64) -> String + '_ {
    move |v| crate::format::money(axis.from(*v), currency)
}

/// A legend label short enough for a phone-width chart.
pub fn legend_label(name: &str) -> String {
    const MAX: usize = 30;
    if name.chars().count() <= MAX {
        name.to_owned()
    } else {
        name.chars().take(MAX - 1).collect::<String>() + "…"
    }
}

/// Colour of the i-th cost component (14 of them: Okabe–Ito and their tints).
pub fn component_colour(i: usize) -> RGBColor {
    let base = PALETTE[i % PALETTE.len()];
    if i < PALETTE.len() {
        base
    } else {
        let tint = |c: u8| (u16::from(c) + (255 - u16::from(c)) / 2) as u8;
        RGBColor(tint(base.0), tint(base.1), tint(base.2))
    }
}

/// The canvas a chart draws on in the page.
pub type Area =
    plotters::prelude::DrawingArea<plotters_canvas::CanvasBackend, plotters::coord::Shift>;

/// What a chart is drawn from.
#[derive(Clone, Copy)]
pub enum Data {
    /// The run's summary, with its words (text alternative) from the same.
    Summary {
        draw: fn(&Area, &burnrate_model::Summary, &Theme) -> ChartResult,
        alt: fn(&burnrate_model::Summary) -> String,
        /// What it shows at a data point (x, y), for a hover or keyboard readout.
        read: fn(&burnrate_model::Summary, f64, f64) -> Option<String>,
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

#[cfg(test)]
pub(crate) mod testing {
    //! A drawing backend that records what is drawn, with a fixed text size,
    //! so chart functions run natively without any font library.
    use std::cell::RefCell;
    use std::rc::Rc;

    use plotters::prelude::*;
    use plotters_backend::{
        BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind,
    };

    #[derive(Default)]
    pub struct Log {
        pub texts: Vec<String>,
        pub shapes: usize,
    }

    #[derive(Default)]
    pub struct Recorder(Rc<RefCell<Log>>);

    impl DrawingBackend for Recorder {
        type ErrorType = std::io::Error;
        fn get_size(&self) -> (u32, u32) {
            (800, 400)
        }
        fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
            Ok(())
        }
        fn present(&mut self) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
            Ok(())
        }
        fn draw_pixel(
            &mut self,
            _: BackendCoord,
            _: BackendColor,
        ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
            self.0.borrow_mut().shapes += 1;
            Ok(())
        }
        fn draw_line<S: BackendStyle>(
            &mut self,
            _: BackendCoord,
            _: BackendCoord,
            _: &S,
        ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
            self.0.borrow_mut().shapes += 1;
            Ok(())
        }
        fn draw_rect<S: BackendStyle>(
            &mut self,
            _: BackendCoord,
            _: BackendCoord,
            _: &S,
            _: bool,
        ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
            self.0.borrow_mut().shapes += 1;
            Ok(())
        }
        fn draw_text<S: BackendTextStyle>(
            &mut self,
            text: &str,
            _: &S,
            _: BackendCoord,
        ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
            self.0.borrow_mut().texts.push(text.to_owned());
            Ok(())
        }
        fn estimate_text_size<S: BackendTextStyle>(
            &self,
            text: &str,
            _: &S,
        ) -> Result<(u32, u32), DrawingErrorKind<Self::ErrorType>> {
            Ok((text.chars().count() as u32 * 7, 12))
        }
    }

    /// Runs a chart function on a recorder and returns what it drew.
    pub fn record(
        draw: impl FnOnce(&DrawingArea<Recorder, plotters::coord::Shift>) -> super::ChartResult,
    ) -> Log {
        let log = Rc::new(RefCell::new(Log::default()));
        {
            let area = Recorder(log.clone()).into_drawing_area();
            draw(&area).unwrap();
        }
        Rc::try_unwrap(log).ok().unwrap().into_inner()
    }

    pub fn summary(id: &str) -> burnrate_model::Summary {
        let mut s = burnrate_model::presets::preset(id).unwrap();
        s.trials = 400;
        burnrate_model::simulate(&s).unwrap()
    }
}

#[cfg(test)]
mod frame_tests {
    use super::Theme;
    use super::testing::{record, summary};

    /// A chart's frame maps its data ranges onto its plot's pixels: the
    /// corners of the data are the plot's corners (inside the 800 × 400
    /// canvas, right of the y labels), a point maps back to itself, and a
    /// pointer outside the plot reads the nearest edge.
    #[test]
    fn the_frame_maps_pixels_to_data_and_back() {
        let s = summary("text-to-sql");
        let mut frame = None;
        record(|a| {
            frame = super::tco::draw(a, &s, &Theme::light(1.0))?;
            Ok(None)
        });
        let f = frame.expect("a frame");
        assert_eq!(f.data[..2], [0.0, 12.0]);
        let [left, right, bottom, top] = f.px;
        assert!(58.0 <= left && left < right && right <= 790.0, "{f:?}");
        assert!(10.0 <= top && top < bottom && bottom <= 240.0, "{f:?}");
        let (x, y) = f.to_data(f.to_px(3.0, 500.0).0, f.to_px(3.0, 500.0).1);
        assert!((x - 3.0).abs() < 1e-9 && (y - 500.0).abs() < 1e-9);
        assert_eq!(f.to_data(0.0, 400.0), (0.0, f.data[2]));
        assert_eq!(f.to_data(800.0, 0.0), (12.0, f.data[3]));
    }
}

#[cfg(test)]
mod colour_tests {
    use super::{PALETTE, arch_colours, id_keeping_colours};

    /// Issue 32: RAG taken out, a new architecture added, RAG added back:
    /// RAG has its colour again and the new one a colour of its own (the
    /// template's first id, rag_2, took RAG's: rag_3 is chosen).
    #[test]
    fn a_new_architecture_leaves_a_parked_one_its_colour() {
        let all = ["prompt_only", "rag", "fine_tuned", "hybrid"];
        let before = arch_colours(all);
        let id = id_keeping_colours("rag", &all);
        assert!(!all.contains(&id.as_str()));
        // Added while RAG is parked, then RAG back.
        let while_parked = arch_colours(["prompt_only", "fine_tuned", "hybrid", id.as_str()]);
        let back = arch_colours(["prompt_only", "rag", "fine_tuned", "hybrid", id.as_str()]);
        assert_eq!(back[..4], before[..]);
        assert_eq!(while_parked[3], back[4]);
        assert!(!before.contains(&back[4]), "{id}: {back:?}");
        // The id the template gives first does take RAG's colour here.
        let naive = arch_colours(["prompt_only", "fine_tuned", "hybrid", "rag_2"]);
        assert_eq!(naive[3], before[1]);
        assert_eq!(id, "rag_3");
        // A free id is kept when nothing collides; with six, any free id.
        assert_eq!(id_keeping_colours("x", &[]), "x");
        let six = ["a", "b", "c", "d", "e", "f"];
        assert_eq!(id_keeping_colours("a", &six), "a_2");
    }

    /// Issue 16: taking RAG out and adding it back (at the end) recoloured
    /// every card. Colours now follow the ids, whatever their order.
    #[test]
    fn colours_follow_the_architecture_not_its_position() {
        let ids = ["prompt_only", "rag", "fine_tuned", "hybrid"];
        let before = arch_colours(ids);
        let readded = arch_colours(["prompt_only", "fine_tuned", "hybrid", "rag"]);
        assert_eq!(readded, [before[0], before[2], before[3], before[1]]);
        // Without RAG, the others keep theirs.
        let without = arch_colours(["prompt_only", "fine_tuned", "hybrid"]);
        assert_eq!(without, [before[0], before[2], before[3]]);
        // Distinct while the palette lasts, never yellow or grey up to six.
        for n in 1..=6 {
            let ids: Vec<String> = (0..n).map(|k| format!("arch_{k}")).collect();
            let c = arch_colours(ids.iter().map(String::as_str));
            for (i, x) in c.iter().enumerate() {
                assert!(!c[..i].contains(x), "{n} architectures: {c:?}");
                assert!(*x != PALETTE[6] && *x != PALETTE[7]);
            }
        }
        // In every preset, taking any one architecture out leaves every
        // other colour as it was.
        for (preset, _) in burnrate_model::presets::PRESETS {
            let s = burnrate_model::presets::preset(preset).unwrap();
            let ids: Vec<&str> = s.architectures.iter().map(|a| a.id.as_str()).collect();
            let all = arch_colours(ids.iter().copied());
            for out in 0..ids.len() {
                let rest: Vec<&str> = (0..ids.len())
                    .filter(|&k| k != out)
                    .map(|k| ids[k])
                    .collect();
                let kept: Vec<_> = (0..ids.len())
                    .filter(|&k| k != out)
                    .map(|k| all[k])
                    .collect();
                assert_eq!(arch_colours(rest), kept, "{preset} without {}", ids[out]);
            }
        }
    }
}
