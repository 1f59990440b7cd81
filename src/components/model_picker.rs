//! Finding the model a managed-API architecture calls among every model of
//! the price list, or the instance a fleet runs on, or starting a model of
//! the scenario's own. The field is drawn here; the search itself (the
//! list, its results as a keyboard listbox) is on demand
//! (`crates/on-demand/src/picker.rs`, loaded by `public/boot.js` on the
//! first keystroke), so the lists and their search are no part of the
//! first load. What is picked reaches this component as the entry's JSON
//! in the field's `data-pick`, with a `change` event; it is copied into the
//! scenario (`model_choice`), so links and files carry its prices, and the
//! focus goes back to the field it filled.

use burnrate_model::catalog::Catalog;
use burnrate_model::model_choice::{self, Slot};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::state::AppState;

/// The entry in a pick: a catalog of one model or one instance, read and
/// checked as any price file of burnrate's own.
fn picked(json: &str) -> Option<Catalog> {
    burnrate_model::price_file::read_own(json).ok()
}

/// The field a pick filled: the select drawn just before the picker.
fn focus_filled(picker_id: &str) {
    let select = document()
        .get_element_by_id(picker_id)
        .and_then(|input| input.closest(".picker").ok().flatten())
        .and_then(|picker| picker.previous_element_sibling())
        .and_then(|field| field.query_selector("select").ok().flatten())
        .and_then(|select| select.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(select) = select {
        let _ = select.focus();
    }
}

/// Finds the model of slot `which` (the architecture's own by default;
/// not `slot`, a word Leptos's view! keeps for itself).
#[component]
pub fn ModelPicker(index: usize, #[prop(default = Slot::Own)] which: Slot) -> impl IntoView {
    let slot = which;
    let state = expect_context::<AppState>();
    let instances = matches!(slot, Slot::Instance | Slot::TrainingInstance);
    let id = match slot {
        Slot::Own => format!("find-model-{index}"),
        Slot::Frontier => format!("find-frontier-{index}"),
        Slot::Fallback => format!("find-fallback-{index}"),
        Slot::Instance => format!("find-instance-{index}"),
        Slot::TrainingInstance => format!("find-training-instance-{index}"),
    };
    let on_pick = {
        let id = id.clone();
        move |ev: leptos::ev::Event| {
            let Some(input) = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            else {
                return;
            };
            let Some(json) = input.get_attribute("data-pick") else {
                return;
            };
            let _ = input.remove_attribute("data-pick");
            let Some(mut entry) = picked(&json) else {
                return;
            };
            state.edit(
                move |s| match (entry.models.pop(), entry.accelerators.pop()) {
                    (Some(m), _) => {
                        model_choice::adopt(s, index, slot, m);
                    }
                    (None, Some(a)) if slot == Slot::TrainingInstance => {
                        model_choice::adopt_training_instance(s, index, a);
                    }
                    (None, Some(a)) => {
                        model_choice::adopt_accelerator(s, index, a);
                    }
                    _ => {}
                },
            );
            let id = id.clone();
            request_animation_frame(move || focus_filled(&id));
        }
    };
    let custom = move |_| {
        state.edit(move |s| {
            let catalog = Catalog::shipped().with_overrides(&s.catalog);
            model_choice::custom(s, index, &catalog);
        });
    };
    let (label, help) = match slot {
        Slot::Own => (
            "Find a model",
            "Searches every model of the price list (genai-prices, loaded on your first search). A custom model starts at this model's prices; edit its name and prices under Prices.",
        ),
        Slot::Frontier => (
            "Find a frontier model",
            "Searches every model of the price list (genai-prices, loaded on your first search).",
        ),
        Slot::Fallback => (
            "Find a fallback API",
            "Searches every model of the price list (genai-prices, loaded on your first search).",
        ),
        Slot::Instance => (
            "Find an instance",
            "GPU and Inferentia instances on AWS, GCP, Azure and GPU clouds (loaded on your first search). Picking one also sets the spot and commitment discounts from its published prices; its source, under Prices, dates them and names its benchmark.",
        ),
        Slot::TrainingInstance => (
            "Find a training instance",
            "GPU instances on AWS, GCP, Azure and GPU clouds (loaded on your first search). Picking one also sets the training's spot discount from its published spot price; its source, under Prices, dates it.",
        ),
    };
    let placeholder = if instances {
        "cloud or GPU, e.g. gcp h100"
    } else {
        "provider or name, e.g. sonnet 4.6"
    };
    let (list, status) = (format!("{id}-list"), format!("{id}-status"));
    view! {
        <div class="field picker">
            <label for=id.clone()>{label}</label>
            <input type="search" id=id role="combobox" aria-autocomplete="list" aria-expanded="false"
                aria-controls=list.clone() aria-describedby=status.clone() autocomplete="off" placeholder=placeholder
                data-picker=if instances { "instances" } else { "models" } on:change=on_pick />
            <p class="help" role="status" id=status></p>
            <ul class="picks" role="listbox" id=list aria-label=label></ul>
            {(slot == Slot::Own).then(|| view! {
                <button type="button" class="secondary small" id=format!("custom-model-{index}") on:click=custom>"Custom model"</button>
            })}
            <p class="help">{help}</p>
        </div>
    }
}
