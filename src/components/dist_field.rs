//! An uncertain input's editor: pick a shape, enter its parameters (named
//! after what they mean for a shape), see a small preview of its density.

use burnrate_model::Dist;
use leptos::prelude::*;

use super::fields::{Getter, ParseError, Setter, dom_id, field_error};
use crate::format::show;
use crate::state::AppState;

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

/// The shapes of a count (a number of steps).
const COUNTS: [&str; 4] = ["fixed", "poisson", "neg_binomial", "geometric"];

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
    /// Offer the count shapes only (a number of steps).
    #[prop(default = false)]
    count: bool,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let id = dom_id(&path);
    let engine_error = field_error(state, path, label, unit, scale);
    let parse_error = ParseError::new(state);
    let current = {
        let get = get.clone();
        move || state.scenario.with(|s| get(s))
    };
    // What the field held before a run of shape changes (arrow keys on the
    // select step through shapes): one click puts it back. A parameter
    // typed since ends the run.
    let before: RwSignal<Option<Dist>> = RwSignal::new(None);
    let on_shape = {
        let (get, set) = (get.clone(), set.clone());
        move |ev| {
            let shape = event_target_value(&ev);
            let (get, set) = (get.clone(), set.clone());
            state.edit(move |s| {
                let was = get(s);
                if before.with_untracked(Option::is_none) {
                    before.set(Some(was.clone()));
                }
                set(s, reshape(&was, &shape));
            });
        }
    };
    let undo = {
        let set = set.clone();
        let select = id.clone();
        move |_| {
            if let Some(d) = before.get_untracked() {
                let set = set.clone();
                state.edit(move |s| set(s, d));
                before.set(None);
                if let Some(el) = document().get_element_by_id(&select) {
                    use wasm_bindgen::JsCast;
                    if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                        let _ = el.focus();
                    }
                }
            }
        }
    };
    let undo_label = move || {
        before.with(|b| {
            b.as_ref().map(|d| {
                let name = SHAPES
                    .iter()
                    .find(|(key, _)| *key == shape_of(d))
                    .map_or("", |(_, name)| *name);
                let values: Vec<String> = params(d).iter().map(|(_, v)| show(v * scale)).collect();
                format!("Undo: back to {name} ({})", values.join(", "))
            })
        })
    };
    let message = Signal::derive(move || parse_error.get().or_else(&engine_error));
    let current_for_params = current.clone();
    let err_id = format!("{id}-error");
    let inputs = {
        let err_id = err_id.clone();
        move || {
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
                            before.set(None);
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
                        <input type="text" inputmode="decimal" aria-label=format!("{label}: {name}") prop:value=show(v * scale) on:input=on_input
                            aria-invalid=move || message.with(Option::is_some).to_string() aria-describedby=err_id.clone() />
                    </label>
                }
            })
            .collect_view()
        }
    };
    let shape_now = {
        let current = current.clone();
        move || shape_of(&current())
    };
    let path_d = move || preview(&current());
    view! {
        <div class="field dist" class:invalid=move || message.with(Option::is_some)>
            <label for=id.clone()>{label}<span class="unit">{unit}</span></label>
            <div class="dist-row">
                <select id=id.clone() on:change=on_shape prop:value=shape_now aria-describedby=err_id.clone()>
                    {SHAPES
                        .iter()
                        .filter(|(key, _)| !count || COUNTS.contains(key))
                        .map(|(key, name)| view! { <option value=*key>{*name}</option> })
                        .collect_view()}
                </select>
                <svg class="preview" viewBox="0 0 60 20" aria-hidden="true">
                    <path d=path_d></path>
                </svg>
            </div>
            <div class="params">{inputs}</div>
            {move || undo_label().map(|text| view! { <button type="button" class="small undo-shape" on:click=undo.clone()>{text}</button> })}
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
}
