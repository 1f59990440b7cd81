//! Which architectures are compared (added from a template, taken out and
//! put back), each with its own levers: the fields its design, serving,
//! retrieval, fine-tuning, guardrails and overheads declare (`section.rs`).

use leptos::prelude::*;

use super::section::{FieldList, Part};
use crate::state::AppState;

#[component]
pub fn ArchitecturesSection() -> impl IntoView {
    let state = expect_context::<AppState>();
    let archs = move || {
        state.scenario.with(|s| {
            s.architectures
                .iter()
                .enumerate()
                .map(|(i, a)| (i, a.id.clone()))
                .collect::<Vec<_>>()
        })
    };
    let parked = move || {
        state.parked.with(|p| {
            p.iter()
                .enumerate()
                .map(|(i, (_, a))| (i, a.name.clone()))
                .collect::<Vec<_>>()
        })
    };
    view! {
        <>
            <p class="help">"All architectures see the same simulated months (common random numbers), so their differences are paired."</p>
            <For each=archs key=|k| k.clone() let:((i, _))>
                <ArchitectureFields index=i />
            </For>
            <AddArchitecture />
            <div class="parked" hidden=move || parked().is_empty()>
                <p class="help">"Not compared:"</p>
                {move || parked().into_iter().map(|(i, name)| view! {
                    <button type="button" class="secondary" on:click=move |_| state.unpark(i)>{format!("Add back {name}")}</button>
                }).collect_view()}
            </div>
        </>
    }
}

/// Adds an architecture from a template (its defaults are the knowledge-base
/// preset's, with their sources).
#[component]
fn AddArchitecture() -> impl IntoView {
    let state = expect_context::<AppState>();
    let on_change = move |ev: leptos::ev::Event| {
        let kind = event_target_value(&ev);
        let parked: Vec<String> = state
            .parked
            .with_untracked(|p| p.iter().map(|(_, a)| a.id.clone()).collect());
        state.edit(|s| {
            if let Some(mut a) = burnrate_model::presets::template(&kind, s) {
                // An id whose colour no architecture here or parked prefers.
                let taken: Vec<&str> = s
                    .architectures
                    .iter()
                    .map(|a| a.id.as_str())
                    .chain(parked.iter().map(String::as_str))
                    .collect();
                a.id = crate::charts::id_keeping_colours(&kind, &taken);
                s.architectures.push(a);
            }
        });
        // Back to the prompt, ready for another.
        event_target::<web_sys::HtmlSelectElement>(&ev).set_value("");
    };
    view! {
        <div class="field">
            <label for="add-architecture">"Add an architecture"</label>
            <select id="add-architecture" on:change=on_change>
                <option value="" selected>"Choose a template…"</option>
                {burnrate_model::presets::TEMPLATES.iter().map(|(kind, label)| view! { <option value=*kind>{*label}</option> }).collect_view()}
            </select>
            <p class="help">"A new architecture with the knowledge-base preset's sourced defaults: edit it below."</p>
        </div>
    }
}

#[component]
fn ArchitectureFields(index: usize) -> impl IntoView {
    let state = expect_context::<AppState>();
    let i = index;
    let name = move || {
        state.scenario.with(|s| {
            s.architectures
                .get(i)
                .map(|a| a.name.clone())
                .unwrap_or_default()
        })
    };
    let more_than_one = move || state.scenario.with(|s| s.architectures.len() > 1);
    let sizable = move || {
        state.scenario.with(|s| {
            use burnrate_model::scenario::Serving;
            match s.architectures.get(i).map(|a| &a.serving) {
                Some(Serving::ManagedApi(_)) => true,
                Some(Serving::SelfHosted(h)) => h.hosting.max_instances().is_some(),
                None => false,
            }
        })
    };
    view! {
        <fieldset class="arch">
            <legend>{name}</legend>
            <button type="button" class="secondary small" disabled=move || !more_than_one()
                aria-label=move || format!("Remove from comparison: {}", name()) on:click=move |_| state.park(i)>"Remove from comparison"</button>
            <FieldList part=Part::Under(format!("architectures[{i}]")) arch=i />
            // The search runs in the on-demand module (public/boot.js), whose
            // panel opens under the button (crates/on-demand/src/sizing.rs).
            <div class="sizing" hidden=move || !sizable() inner_html=format!("<button type=\"button\" class=\"secondary\" data-size-commitment=\"{i}\">Size the commitment…</button>")></div>
        </fieldset>
    }
}
