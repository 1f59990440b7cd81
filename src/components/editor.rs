//! The scenario editor, grouped as people think: run settings, workload and
//! tokens, agents and outcome, then each architecture's own levers and the
//! prices in use. Every group but Prices is generated from the fields the
//! levers declare (`section.rs`).

use leptos::prelude::*;

use super::section::{Editing, FieldList, Part};
use crate::state::AppState;

#[component]
pub fn Editor() -> impl IntoView {
    let state = expect_context::<AppState>();
    provide_context(Editing::new(state));
    view! {
        <details class="group" open>
            <summary>"Run and budget"</summary>
            <FieldList part=Part::Top />
        </details>
        <details class="group" open>
            <summary>"Workload"</summary>
            // The button loads the calibrator (public/boot.js), whose panel
            // then takes its place (crates/on-demand).
            <div id="calibrator"><button type="button" id="calibrate-open" class="secondary">"Calibrate from a usage log…"</button></div>
            <FieldList part=Part::Under("workload".into()) />
        </details>
        <details class="group">
            <summary>"Agents and outcome"</summary>
            <FieldList part=Part::Under("agents".into()) />
            <h4>"Outcome"</h4>
            <FieldList part=Part::Under("outcome".into()) />
        </details>
        <super::architecture::ArchitecturesSection />
        <super::prices::PricesSection />
    }
}
