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
        <Group title="Run and budget" open=true>
            <FieldList part=Part::Top />
        </Group>
        <Group title="Workload" open=true>
            // The button loads the calibrator (public/boot.js), whose panel
            // then takes its place (crates/on-demand).
            <div id="calibrator"><button type="button" id="calibrate-open" class="secondary">"Calibrate from a usage log…"</button></div>
            <FieldList part=Part::Under("workload".into()) />
        </Group>
        <Group title="Agents and outcome">
            <FieldList part=Part::Under("agents".into()) />
            <h4>"Outcome"</h4>
            <FieldList part=Part::Under("outcome".into()) />
        </Group>
        <Group title="Architectures">
            <super::architecture::ArchitecturesSection />
        </Group>
        <Group title="Prices">
            <super::prices::PricesSection />
        </Group>
    }
}

/// A group of the editor, drawn the first time it is opened: the page's
/// start draws only the groups open at first (a closed group's few hundred
/// controls made the start-up task ~90 ms longer).
#[component]
fn Group(
    title: &'static str,
    #[prop(default = false)] open: bool,
    children: ChildrenFn,
) -> impl IntoView {
    // Closed at first, a group's first toggle opens it.
    let drawn = RwSignal::new(open);
    view! {
        <details class="group" open=open on:toggle=move |_| if !drawn.get_untracked() { drawn.set(true) }>
            // A heading in the summary: the groups' own headings (Outcome)
            // sit under it in the page's outline.
            <summary><h3 class="group-title">{title}</h3></summary>
            {move || drawn.get().then(|| children())}
        </details>
    }
}
