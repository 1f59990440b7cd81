//! The scenario editor, grouped as people think: run settings, workload,
//! tokens, agents, outcome, then each architecture's own levers.

use std::sync::Arc;

use burnrate_model::{Dist, Scenario};
use leptos::prelude::*;

use super::fields::{DistField, Getter, NumberField, Setter, TextField};
use crate::state::AppState;

pub(super) fn get(f: impl Fn(&Scenario) -> f64 + Send + Sync + 'static) -> Getter<f64> {
    Arc::new(f)
}
pub(super) fn set(f: impl Fn(&mut Scenario, f64) + Send + Sync + 'static) -> Setter<f64> {
    Arc::new(f)
}
pub(super) fn get_d(f: impl Fn(&Scenario) -> Dist + Send + Sync + 'static) -> Getter<Dist> {
    Arc::new(f)
}
pub(super) fn set_d(f: impl Fn(&mut Scenario, Dist) + Send + Sync + 'static) -> Setter<Dist> {
    Arc::new(f)
}

/// A whole number input stored as u32 (saturating, so huge input fails validation, not a cast).
pub(super) fn to_u32(v: f64) -> u32 {
    if v <= 0.0 {
        0
    } else if v >= f64::from(u32::MAX) {
        u32::MAX
    } else {
        v.round() as u32
    }
}

#[component]
pub fn Editor() -> impl IntoView {
    view! {
        <RunSection />
        <WorkloadSection />
        <TokensSection />
        <AgentsSection />
        <super::architecture::ArchitecturesSection />
        <super::prices::PricesSection />
    }
}

#[component]
fn RunSection() -> impl IntoView {
    view! {
        <details class="group" open>
            <summary>"Run and budget"</summary>
            <TextField label="Scenario name" help="Shown in the header, the share link's preview and every export."
                path="name" get=Arc::new(|s: &Scenario| s.name.clone()) set=Arc::new(|s: &mut Scenario, v: String| s.name = v) />
            <NumberField label="Monthly budget" unit="$ / month" help="For the chance of overrunning it in an average month."
                path="monthly_budget_usd" get=get(|s| s.monthly_budget_usd) set=set(|s, v| s.monthly_budget_usd = v) />
            <NumberField label="Trials" unit="months simulated" help="More trials, smoother tails: 10,000 is the default, up to 1,000,000."
                path="trials" get=get(|s| f64::from(s.trials)) set=set(|s, v| s.trials = to_u32(v)) />
            <NumberField label="Horizon" unit="months" help="Upfront work (curation, training) is spread over it; TCO is summed over it."
                path="horizon_months" get=get(|s| f64::from(s.horizon_months)) set=set(|s, v| s.horizon_months = to_u32(v)) />
            <TextField label="Start month" help="The horizon's first month, as YYYY-MM (e.g. 2027-01): which of a model's dated prices apply, month by month (a promotion ending inside the horizon prices the months after it at the new price). Empty: not set, and a model with dated prices is refused until it is."
                path="start_month" get=Arc::new(|s: &Scenario| s.start_month.clone().unwrap_or_default())
                set=Arc::new(|s: &mut Scenario, v: String| s.start_month = Some(v.trim().to_owned()).filter(|m| !m.is_empty())) />
            <NumberField label="Seed" unit="" help="Same scenario and seed, same numbers: in this page, the CLI and any browser."
                path="seed" get=get(|s| s.seed as f64) set=set(|s, v| s.seed = v.max(0.0) as u64) />
        </details>
    }
}

#[component]
fn WorkloadSection() -> impl IntoView {
    view! {
        <details class="group" open>
            <summary>"Workload"</summary>
            // The button loads the calibrator (public/boot.js), whose panel
            // then takes its place (crates/on-demand).
            <div id="calibrator"><button type="button" id="calibrate-open" class="secondary">"Calibrate from a usage log…"</button></div>
            <DistField label="Queries per day" unit="queries / day" help="Average day of the month; its level is uncertain (the TCO deep dive: 5,000 for a knowledge base, 1,000,000 for text-to-SQL)."
                path="workload.queries_per_day" get=get_d(|s| s.workload.queries_per_day.clone()) set=set_d(|s, d| s.workload.queries_per_day = d) />
            <NumberField label="Monthly growth" unit="% / month" help="Volume growth from one month to the next over the horizon."
                path="workload.monthly_growth" scale=100.0 get=get(|s| s.workload.monthly_growth) set=set(|s, v| s.workload.monthly_growth = v) />
            <NumberField label="Business-hours share" unit="% of a weekday" help="The TCO deep dive: busy in US business hours, idle at night."
                path="workload.business_hours_share" scale=100.0 get=get(|s| s.workload.business_hours_share) set=set(|s, v| s.workload.business_hours_share = v) />
            <NumberField label="Business hours start" unit="hour, 0–23" help="First hour of the business window."
                path="workload.business_start_hour" get=get(|s| f64::from(s.workload.business_start_hour)) set=set(|s, v| s.workload.business_start_hour = to_u32(v)) />
            <NumberField label="Business hours end" unit="hour, 1–24" help="Hour the window ends (exclusive)."
                path="workload.business_end_hour" get=get(|s| f64::from(s.workload.business_end_hour)) set=set(|s, v| s.workload.business_end_hour = to_u32(v)) />
            <NumberField label="Time zone" unit="hours from UTC" help="The business hours' time zone (Berlin 1, New York −5, India 5.5): prices that change with the hour (DeepSeek's) are set in UTC."
                path="workload.utc_offset_hours" get=get(|s| s.workload.utc_offset_hours) set=set(|s, v| s.workload.utc_offset_hours = v) />
            <NumberField label="Weekend factor" unit="× a weekday" help="A weekend day's volume relative to a weekday's (0 = closed)."
                path="workload.weekend_factor" get=get(|s| s.workload.weekend_factor) set=set(|s, v| s.workload.weekend_factor = v) />
            <NumberField label="Burstiness" unit="CV of hourly rate" help="Hour-to-hour swings above Poisson: 0 = steady, 0.5 = rates swing ±50%."
                path="workload.hourly_burst_cv" get=get(|s| s.workload.hourly_burst_cv) set=set(|s, v| s.workload.hourly_burst_cv = v) />
        </details>
    }
}

#[component]
fn TokensSection() -> impl IntoView {
    view! {
        <details class="group">
            <summary>"Tokens"</summary>
            <DistField label="Query tokens" unit="tokens / query" help="The user's own message (the TCO deep dive: a 50-token question)."
                path="workload.query_tokens.mean_tokens" get=get_d(|s| s.workload.query_tokens.mean_tokens.clone()) set=set_d(|s, d| s.workload.query_tokens.mean_tokens = d) />
            <DistField label="Output tokens" unit="tokens / answer" help="Verbosity varies (the FinOps guide: costs differ by 300% on the same question)."
                path="workload.output_tokens.mean_tokens" get=get_d(|s| s.workload.output_tokens.mean_tokens.clone()) set=set_d(|s, d| s.workload.output_tokens.mean_tokens = d) />
            <NumberField label="Output spread" unit="CV per query" help="Query-to-query coefficient of variation of the answer's length."
                path="workload.output_tokens.cv_per_query" get=get(|s| s.workload.output_tokens.cv_per_query) set=set(|s, v| s.workload.output_tokens.cv_per_query = v) />
            <DistField label="Turns per conversation" unit="turns" help="Each turn carries the history before it (the Algorithmic Drain: a 'deep, infinite history')."
                path="workload.turns_per_conversation" get=get_d(|s| s.workload.turns_per_conversation.clone()) set=set_d(|s, d| s.workload.turns_per_conversation = d) />
            <NumberField label="History per turn" unit="tokens / turn" help="Question and answer of each earlier turn, re-sent with every query."
                path="workload.history_tokens_per_turn" get=get(|s| s.workload.history_tokens_per_turn) set=set(|s, v| s.workload.history_tokens_per_turn = v) />
        </details>
    }
}

#[component]
fn AgentsSection() -> impl IntoView {
    view! {
        <details class="group">
            <summary>"Agents and outcome"</summary>
            <DistField label="Agentic share" unit="% of queries" scale=100.0 help="Queries that start a multi-step agent run instead of one call."
                path="agents.agentic_share" get=get_d(|s| s.agents.agentic_share.clone()) set=set_d(|s, d| s.agents.agentic_share = d) />
            <DistField label="Steps per run" unit="LLM calls" help="A count: Poisson, negative binomial or geometric."
                path="agents.steps_per_run" get=get_d(|s| s.agents.steps_per_run.clone()) set=set_d(|s, d| s.agents.steps_per_run = d) />
            <NumberField label="Context growth" unit="tokens / step" help="Tool results and reasoning each step adds to the next one's prompt."
                path="agents.context_growth_tokens_per_step" get=get(|s| s.agents.context_growth_tokens_per_step) set=set(|s, v| s.agents.context_growth_tokens_per_step = v) />
            <NumberField label="Tool cost" unit="$ / step" help="Paid APIs an agent calls per step."
                path="agents.tool_usd_per_step" get=get(|s| s.agents.tool_usd_per_step) set=set(|s, v| s.agents.tool_usd_per_step = v) />
            <DistField label="Loop probability" unit="% of runs" scale=100.0 help="The FinOps guide: an agent 'retrying endlessly', the $50,000 loop."
                path="agents.loop_probability" get=get_d(|s| s.agents.loop_probability.clone()) set=set_d(|s, d| s.agents.loop_probability = d) />
            <NumberField label="Loop timeout" unit="steps" help="Steps a loop runs before a timeout kills it, if no limit or cap stops it first."
                path="agents.loop_timeout_steps" get=get(|s| s.agents.loop_timeout_steps) set=set(|s, v| s.agents.loop_timeout_steps = v) />
            <DistField label="Success rate" unit="% of queries" scale=100.0 help="Queries ending in a successful action: for cost per successful action (the FinOps guide)."
                path="outcome.success_rate" get=get_d(|s| s.outcome.success_rate.clone()) set=set_d(|s, d| s.outcome.success_rate = d) />
            <OptionalField label="Value per success" unit="$" help="The FinOps guide: a human resolution costs $6.00; empty leaves margin unset."
                path="outcome.value_per_success_usd"
                get=Arc::new(|s: &Scenario| s.outcome.value_per_success_usd)
                set=Arc::new(|s: &mut Scenario, v| s.outcome.value_per_success_usd = v) />
        </details>
    }
}

/// An optional limit: empty means none.
#[component]
pub(super) fn OptionalField(
    label: &'static str,
    unit: &'static str,
    help: &'static str,
    #[prop(into)] path: String,
    get: Getter<Option<f64>>,
    set: Setter<Option<f64>>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let id = super::fields::dom_id(&path);
    let engine_error = super::fields::field_error(state, path, label, unit, 1.0);
    let bad = super::fields::ParseError::new(state);
    let message = move || bad.get().or_else(engine_error);
    let value = move || {
        state
            .scenario
            .with(|s| get(s))
            .map(super::fields::show)
            .unwrap_or_default()
    };
    let on_input = move |ev| {
        let text = event_target_value(&ev);
        let parsed = if text.trim().is_empty() {
            Ok(None)
        } else {
            crate::format::parse_number(&text).map(Some)
        };
        match parsed {
            Ok(v) => {
                bad.set(None);
                let set = set.clone();
                state.edit(move |s| set(s, v));
            }
            Err(e) => bad.set(Some(format!("{e} (leave empty for none)"))),
        }
    };
    view! {
        <div class="field" class:invalid=move || message().is_some()>
            <label for=id.clone()>{label}<span class="unit">{unit}</span></label>
            <input id=id type="text" inputmode="decimal" placeholder="none" prop:value=value on:input=on_input />
            <p class="help">{help}</p>
            <p class="error" role="alert">{message}</p>
        </div>
    }
}
