//! The charts of the registry, each on its canvas with its title, its
//! text alternative and its readout; an embed may ask for some only.

use std::sync::Arc;

use leptos::prelude::*;

use super::chart_canvas::{ChartCanvas, Draw};
use super::chart_readout::Read;
use crate::charts;
use crate::charts::registry::{CHARTS, Chart, Data};
use crate::state::AppState;
use crate::summary::with_summary;

/// The charts of the registry; `only` limits them to some ids, as an embed asks.
#[component]
pub fn Charts(only: Option<Vec<String>>) -> impl IntoView {
    let wants = move |id: &str| only.as_ref().is_none_or(|o| o.iter().any(|x| x == id));
    let state = expect_context::<AppState>();
    let r = state.runner;
    let chosen = RwSignal::new(None::<usize>);
    let sens_arch = move || {
        chosen.get().unwrap_or_else(|| {
            r.summary.with(|s| {
                s.as_ref()
                    .and_then(|s| {
                        s.architectures
                            .iter()
                            .position(|a| Some(a.id.as_str()) == s.cheapest.as_deref())
                    })
                    .unwrap_or(0)
            })
        })
    };
    let arch_names = with_summary(|s| {
        s.architectures
            .iter()
            .map(|a| a.name.clone())
            .collect::<Vec<_>>()
    });
    let canvas = move |chart: &'static Chart| -> AnyView {
        let (draw, alt, read): (Draw, Signal<String>, Read) = match chart.data {
            Data::Summary { draw, alt, read } => (
                Arc::new(move |area, theme| {
                    r.summary.with(|s| match s {
                        Some(s) => draw(area, s, theme),
                        None => charts::draw_message(area, "No results yet", theme),
                    })
                }),
                Signal::derive(with_summary(alt)),
                Arc::new(move |x, y| {
                    r.summary
                        .with_untracked(|s| s.as_ref().and_then(|s| read(s, x, y)))
                }),
            ),
            Data::Crossover => (
                Arc::new(move |area, theme| {
                    let (names, colours, currency) = state.scenario.with_untracked(|s| {
                        let names: Vec<String> =
                            s.architectures.iter().map(|a| a.name.clone()).collect();
                        let colours =
                            charts::arch_colours(s.architectures.iter().map(|a| a.id.as_str()));
                        (names, colours, s.currency.clone())
                    });
                    r.crossover.with(|c| match c {
                        Some(c) if c.bands_match(names.len()) => {
                            charts::crossover::draw(area, c, &names, &colours, &currency, theme)
                        }
                        _ => charts::draw_message(area, "Computing the crossover…", theme),
                    })
                }),
                Signal::derive(move || {
                    let (ids, names): (Vec<String>, Vec<String>) =
                        state.scenario.with_untracked(|s| {
                            s.architectures
                                .iter()
                                .map(|a| (a.id.clone(), a.name.clone()))
                                .unzip()
                        });
                    r.crossover.with(|c| {
                        c.as_ref().map_or_else(
                            || "Computing.".to_owned(),
                            |c| charts::crossover::alt(c, &ids, &names),
                        )
                    })
                }),
                Arc::new(move |x, _| {
                    state.scenario.with_untracked(|s| {
                        r.crossover.with_untracked(|c| {
                            let names = &mut s.architectures.iter().map(|a| a.name.as_str());
                            charts::crossover::read(c.as_ref()?, names, &s.currency, x)
                        })
                    })
                }),
            ),
            Data::Drivers => (
                Arc::new(move |area, theme| {
                    let arch = sens_arch();
                    r.summary.with(|s| match s {
                        Some(s) => charts::sensitivity::draw(area, s, arch, 8, theme),
                        None => charts::draw_message(area, "No results yet", theme),
                    })
                }),
                Signal::derive(move || {
                    let arch = sens_arch();
                    r.summary.with(|s| {
                        s.as_ref()
                            .map(|s| charts::sensitivity::alt(s, arch))
                            .unwrap_or_default()
                    })
                }),
                Arc::new(move |_, y| {
                    let arch = untrack(sens_arch);
                    r.summary
                        .with_untracked(|s| charts::sensitivity::read(s.as_ref()?, arch, 8, y))
                }),
            ),
        };
        let view = view! { <ChartCanvas id=chart.dom_id title=chart.title height=chart.height draw=draw alt=alt read=read /> };
        match chart.data {
            Data::Drivers => view! { <div class="chart-with-control">
                <label>"Drivers of " <select on:change=move |ev| chosen.set(event_target_value(&ev).parse().ok()) prop:value=move || sens_arch().to_string()>
                    {move || arch_names().into_iter().enumerate().map(|(i, n)| view! { <option value=i.to_string()>{n}</option> }).collect_view()}
                </select></label>
                <p class="hint">{charts::sensitivity::EXPLANATION}</p>
                {view}
            </div> }
            .into_any(),
            _ => view.into_any(),
        }
    };
    view! {
        <div class="charts">
            {CHARTS.iter().filter(|c| wants(c.id)).map(canvas).collect_view()}
        </div>
    }
}
