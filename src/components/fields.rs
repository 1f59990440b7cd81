//! Editor fields. Each shows its unit and a one-line explanation, writes
//! straight into the scenario, and shows the engine's own validation message
//! when the scenario is invalid because of it.

use std::sync::Arc;

use burnrate_model::{Dist, Scenario};
use leptos::prelude::*;

use crate::state::{AppState, FieldName, error_is_for, field_by_id};

pub type Getter<T> = Arc<dyn Fn(&Scenario) -> T + Send + Sync>;
pub type Setter<T> = Arc<dyn Fn(&mut Scenario, T) + Send + Sync>;

/// The engine's message for this field, if the current error is about it,
/// in the field's unit (`crate::field_messages`). Names the field for
/// messages elsewhere (the banner above the results).
pub fn field_error(
    state: AppState,
    path: String,
    label: &'static str,
    unit: &'static str,
    scale: f64,
) -> impl Fn() -> Option<String> + Copy + Send + Sync + 'static {
    let path: &'static str = Box::leak(path.into_boxed_str());
    state.name_field(FieldName {
        path,
        label,
        unit,
        scale,
    });
    move || {
        state.error.with(|e| {
            let e = e.as_ref()?;
            let field = state.scenario.with_untracked(|s| field_by_id(s, e.field()));
            error_is_for(&field, path)
                .then(|| crate::field_messages::in_units(e, &field[path.len()..], unit, scale))
        })
    }
}

/// A field's message for text that is not a number. While any field shows
/// one the results are marked stale (`AppState::unparsed`), like any other
/// invalid edit, until it is fixed or the field goes away. Counted as it is
/// set, not by an effect: a page has hundreds of fields, and an effect each
/// lengthened the page's first task.
#[derive(Clone, Copy)]
pub struct ParseError {
    message: RwSignal<Option<String>>,
    state: AppState,
}

impl ParseError {
    pub fn new(state: AppState) -> ParseError {
        let message = RwSignal::new(None::<String>);
        // Cleanups run before the owner's signals are dropped.
        on_cleanup(move || {
            if message.try_with_untracked(Option::is_some) == Some(true) {
                state.unparsed.try_update(|n| *n = n.saturating_sub(1));
            }
        });
        ParseError { message, state }
    }

    pub fn set(&self, m: Option<String>) {
        let (was, now) = (self.message.with_untracked(Option::is_some), m.is_some());
        if was != now {
            self.state
                .unparsed
                .update(|n| *n = if now { *n + 1 } else { n.saturating_sub(1) });
        }
        self.message.set(m);
    }

    pub fn get(&self) -> Option<String> {
        self.message.get()
    }
}

pub fn dom_id(path: &str) -> String {
    path.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect()
}

/// Shows numbers without float noise (0.30000000000000004 → 0.3).
pub fn show(v: f64) -> String {
    let s = format!("{:.6}", v);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s.is_empty() || s == "-0" {
        "0".into()
    } else {
        s.into()
    }
}

/// A number; `scale` shows shares as percentages (100) or keeps them (1).
#[component]
pub fn NumberField(
    label: &'static str,
    unit: &'static str,
    help: &'static str,
    #[prop(into)] path: String,
    get: Getter<f64>,
    set: Setter<f64>,
    #[prop(default = 1.0)] scale: f64,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let id = dom_id(&path);
    let engine_error = field_error(state, path, label, unit, scale);
    let parse_error = ParseError::new(state);
    let value = move || show(state.scenario.with(|s| get(s)) * scale);
    let on_input = move |ev| {
        let text = event_target_value(&ev);
        match crate::format::parse_number(&text) {
            Ok(v) => {
                parse_error.set(None);
                let set = set.clone();
                state.edit(move |s| set(s, v / scale));
            }
            Err(e) => parse_error.set(Some(e)),
        }
    };
    let message = move || parse_error.get().or_else(engine_error);
    let err_id = format!("{id}-error");
    view! {
        <div class="field" class:invalid=move || message().is_some()>
            <label for=id.clone()>{label}<span class="unit">{unit}</span></label>
            <input
                id=id.clone()
                type="text"
                inputmode="decimal"
                prop:value=value
                on:input=on_input
                aria-invalid=move || message().is_some().to_string()
                aria-describedby=err_id.clone()
            />
            <p class="help">{help}</p>
            <p class="error" id=err_id role="alert">{message}</p>
        </div>
    }
}

/// The shapes a distribution editor offers, with their parameter names.
const SHAPES: [(&str, &str); 9] = [
    ("fixed", "Fixed"),
    ("uniform", "Uniform"),
    ("triangular", "Triangular"),
    ("pert", "PERT (three-point)"),
    ("normal", "Normal"),
    ("log_normal", "Lognormal (90% interval)"),
    ("poisson", "Poisson (count)"),
    ("neg_binomial", "Negative binomial (count)"),
    ("geometric", "Geometric (count ≥ 1)"),
];

fn shape_of(d: &Dist) -> &'static str {
    match d {
        Dist::Fixed { .. } => "fixed",
        Dist::Uniform { .. } => "uniform",
        Dist::Triangular { .. } => "triangular",
        Dist::Pert { .. } => "pert",
        Dist::Normal { .. } => "normal",
        Dist::LogNormal { .. } => "log_normal",
        Dist::Poisson { .. } => "poisson",
        Dist::NegBinomial { .. } => "neg_binomial",
        Dist::Geometric { .. } => "geometric",
    }
}

/// `x` to three significant figures: a reshaped distribution's parameters
/// read as a person would type them (66.4, not 66.424859).
fn sig3(x: f64) -> f64 {
    if x == 0.0 || !x.is_finite() {
        return x;
    }
    let step = 10f64.powi(x.abs().log10().floor() as i32 - 2);
    (x / step).round() * step
}

/// The same centre in another shape (so switching shape keeps the scale),
/// its parameters to three significant figures.
pub fn reshape(d: &Dist, shape: &str) -> Dist {
    let m = sig3(d.mean());
    let (lo, hi) = (sig3(d.quantile(0.05)), sig3(d.quantile(0.95)));
    let (lo, hi) = if hi > lo {
        (lo, hi)
    } else {
        (m * 0.5, m * 1.5)
    };
    match shape {
        "uniform" => Dist::Uniform { low: lo, high: hi },
        "triangular" => Dist::Triangular {
            low: lo,
            mode: m.clamp(lo, hi),
            high: hi,
        },
        "pert" => Dist::Pert {
            low: lo,
            mode: m.clamp(lo, hi),
            high: hi,
        },
        "normal" => Dist::Normal {
            mean: m,
            sd: sig3((hi - lo) / 3.29),
        },
        "log_normal" => Dist::LogNormal {
            p5: lo.max(m * 0.01).max(1e-9),
            p95: hi.max(m * 0.01).max(1e-9),
        },
        "poisson" => Dist::Poisson { mean: m.max(0.0) },
        "neg_binomial" => Dist::NegBinomial {
            mean: m.max(0.0),
            dispersion: 2.0,
        },
        "geometric" => Dist::Geometric { mean: m.max(1.0) },
        _ => Dist::Fixed { value: m },
    }
}

/// (name, value) of a distribution's parameters, in display order.
fn params(d: &Dist) -> Vec<(&'static str, f64)> {
    match *d {
        Dist::Fixed { value } => vec![("value", value)],
        Dist::Uniform { low, high } => vec![("low", low), ("high", high)],
        Dist::Triangular { low, mode, high } | Dist::Pert { low, mode, high } => {
            vec![("low", low), ("mode", mode), ("high", high)]
        }
        Dist::Normal { mean, sd } => vec![("mean", mean), ("sd", sd)],
        Dist::LogNormal { p5, p95 } => vec![("5% below", p5), ("5% above", p95)],
        Dist::Poisson { mean } | Dist::Geometric { mean } => vec![("mean", mean)],
        Dist::NegBinomial { mean, dispersion } => vec![("mean", mean), ("dispersion", dispersion)],
    }
}

fn with_param(d: &Dist, i: usize, v: f64) -> Dist {
    let mut d = d.clone();
    match &mut d {
        Dist::Fixed { value } => *value = v,
        Dist::Uniform { low, high } => *[low, high][i.min(1)] = v,
        Dist::Triangular { low, mode, high } | Dist::Pert { low, mode, high } => {
            *[low, mode, high][i.min(2)] = v
        }
        Dist::Normal { mean, sd } => *[mean, sd][i.min(1)] = v,
        Dist::LogNormal { p5, p95 } => *[p5, p95][i.min(1)] = v,
        Dist::Poisson { mean } | Dist::Geometric { mean } => *mean = v,
        Dist::NegBinomial { mean, dispersion } => *[mean, dispersion][i.min(1)] = v,
    }
    d
}

/// A tiny density preview: bars of how the distribution's quantiles bunch up.
fn preview(d: &Dist) -> String {
    let qs: Vec<f64> = (1..200).map(|i| d.quantile(f64::from(i) / 200.0)).collect();
    let (lo, hi) = (qs[0], qs[qs.len() - 1]);
    if hi.partial_cmp(&lo) != Some(std::cmp::Ordering::Greater) {
        return "M0,18 L60,18 M30,18 L30,2".into();
    }
    let mut bins = [0u32; 20];
    for q in &qs {
        bins[(((q - lo) / (hi - lo)) * 19.999) as usize] += 1;
    }
    let max = f64::from(*bins.iter().max().unwrap_or(&1));
    bins.iter()
        .enumerate()
        .map(|(i, &b)| {
            format!(
                "M{},18 L{},{:.1}",
                i * 3 + 1,
                i * 3 + 1,
                18.0 - 16.0 * f64::from(b) / max
            )
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// An uncertain input: pick a shape, enter its parameters, see its shape.
#[component]
pub fn DistField(
    label: &'static str,
    unit: &'static str,
    help: &'static str,
    #[prop(into)] path: String,
    get: Getter<Dist>,
    set: Setter<Dist>,
    #[prop(default = 1.0)] scale: f64,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let id = dom_id(&path);
    let engine_error = field_error(state, path, label, unit, scale);
    let parse_error = ParseError::new(state);
    let current = {
        let get = get.clone();
        move || state.scenario.with(|s| get(s))
    };
    let on_shape = {
        let (get, set) = (get.clone(), set.clone());
        move |ev| {
            let shape = event_target_value(&ev);
            let (get, set) = (get.clone(), set.clone());
            state.edit(move |s| {
                let d = reshape(&get(s), &shape);
                set(s, d);
            });
        }
    };
    let message = move || parse_error.get().or_else(engine_error);
    let current_for_params = current.clone();
    let inputs = move || {
        let d = current_for_params();
        params(&d)
            .into_iter()
            .enumerate()
            .map(|(i, (name, v))| {
                let (get, set) = (get.clone(), set.clone());
                let on_input = move |ev| {
                    let text = event_target_value(&ev);
                    match crate::format::parse_number(&text) {
                        Ok(x) => {
                            parse_error.set(None);
                            let (get, set) = (get.clone(), set.clone());
                            state.edit(move |s| {
                                let d = with_param(&get(s), i, x / scale);
                                set(s, d);
                            });
                        }
                        Err(e) => parse_error.set(Some(e)),
                    }
                };
                view! {
                    <label class="param">
                        <span>{name}</span>
                        <input type="text" inputmode="decimal" aria-label=format!("{label}: {name}") prop:value=show(v * scale) on:input=on_input />
                    </label>
                }
            })
            .collect_view()
    };
    let shape_now = {
        let current = current.clone();
        move || shape_of(&current())
    };
    let path_d = move || preview(&current());
    let err_id = format!("{id}-error");
    view! {
        <div class="field dist" class:invalid=move || message().is_some()>
            <label for=id.clone()>{label}<span class="unit">{unit}</span></label>
            <div class="dist-row">
                <select id=id.clone() on:change=on_shape prop:value=shape_now aria-describedby=err_id.clone()>
                    {SHAPES
                        .iter()
                        .map(|(key, name)| view! { <option value=*key>{*name}</option> })
                        .collect_view()}
                </select>
                <svg class="preview" viewBox="0 0 60 20" aria-hidden="true">
                    <path d=path_d></path>
                </svg>
            </div>
            <div class="params">{inputs}</div>
            <p class="help">{help}</p>
            <p class="error" id=err_id role="alert">{message}</p>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reshaping_keeps_the_centre() {
        let d = Dist::LogNormal {
            p5: 3_000.0,
            p95: 8_000.0,
        };
        for (shape, _) in SHAPES {
            let r = reshape(&d, shape);
            assert_eq!(shape_of(&r), shape);
            assert!(
                r.mean() > 1_000.0 && r.mean() < 10_000.0,
                "{shape}: {}",
                r.mean()
            );
            // Issue 16: parameters as a person would type them.
            for (_, v) in params(&r) {
                assert_eq!(v, sig3(v), "{shape}: {v}");
            }
        }
    }

    #[test]
    fn numbers_show_without_float_noise() {
        assert_eq!(show(0.1 + 0.2), "0.3");
        assert_eq!(show(75.0), "75");
        assert_eq!(show(-0.0), "0");
        assert_eq!(show(1_000_000.0), "1000000");
    }
}

/// A line of text (a name): every keystroke edits the scenario; the
/// engine's bound (length) shows at the field.
#[component]
pub fn TextField(
    label: &'static str,
    help: &'static str,
    #[prop(into)] path: String,
    get: Getter<String>,
    set: Setter<String>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let id = dom_id(&path);
    let engine_error = field_error(state, path, label, "", 1.0);
    let value = move || state.scenario.with(|s| get(s));
    let on_input = move |ev| {
        let v = event_target_value(&ev);
        let set = set.clone();
        state.edit(move |s| set(s, v));
    };
    view! {
        <div class="field" class:invalid=move || engine_error().is_some()>
            <label for=id.clone()>{label}</label>
            <input type="text" id=id on:input=on_input prop:value=value />
            <p class="help">{help}</p>
            <p class="error" role="alert">{engine_error}</p>
        </div>
    }
}

/// A choice among named options.
#[component]
pub fn SelectField(
    label: &'static str,
    help: &'static str,
    #[prop(into)] path: String,
    /// The choices; they may change (a model picked from the price list joins them).
    #[prop(into)]
    options: Signal<Vec<(String, String)>>,
    get: Getter<String>,
    set: Setter<String>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let id = dom_id(&path);
    let engine_error = field_error(state, path, label, "", 1.0);
    let current = get.clone();
    let value = move || state.scenario.with(|s| get(s));
    // Redrawn options mark the current one: a select whose options change
    // would otherwise show its first.
    let options = move || {
        let now = state.scenario.with_untracked(|s| current(s));
        options
            .get()
            .into_iter()
            .map(|(v, l)| {
                let selected = v == now;
                view! { <option value=v selected=selected>{l}</option> }
            })
            .collect_view()
    };
    let on_change = move |ev| {
        let v = event_target_value(&ev);
        let set = set.clone();
        state.edit(move |s| set(s, v));
    };
    view! {
        <div class="field" class:invalid=move || engine_error().is_some()>
            <label for=id.clone()>{label}</label>
            <select id=id on:change=on_change prop:value=value>
                {options}
            </select>
            <p class="help">{help}</p>
            <p class="error" role="alert">{engine_error}</p>
        </div>
    }
}
