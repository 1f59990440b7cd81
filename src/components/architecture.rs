//! Each architecture's own levers: what it sends per call, how it is served,
//! its retrieval stack or fine-tuning lifecycle, its guardrails and overheads;
//! and which architectures are compared at all.

use std::sync::Arc;

use burnrate_model::Scenario;
use burnrate_model::catalog::Catalog;
use burnrate_model::scenario::{
    Architecture, Commitment, Hosting, Quantization, Serving, VectorPrecision, VectorStorage,
};
use leptos::prelude::*;

use super::editor::{OptionalField, get, get_d, set, set_d, to_u32};
use super::fields::{DistField, NumberField, SelectField, TextField};
use super::model_picker::ModelPicker;
use crate::state::AppState;
use burnrate_model::model_choice::Slot;

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
        <details class="group">
            <summary>"Architectures"</summary>
            <p class="help">"All architectures see the same simulated months (common random numbers), so their differences are paired."</p>
            <For each=archs key=|k| k.clone() let:((i, _))>
                <ArchitectureFields index=i />
            </For>
            <AddArchitecture />
            <Show when=move || !parked().is_empty()>
                <div class="parked">
                    <p class="help">"Not compared:"</p>
                    {move || parked().into_iter().map(|(i, name)| view! {
                        <button type="button" class="secondary" on:click=move |_| state.unpark(i)>{format!("Add back {name}")}</button>
                    }).collect_view()}
                </div>
            </Show>
        </details>
    }
}

/// Adds an architecture from a template (its defaults are the knowledge-base
/// preset's, with their sources).
#[component]
fn AddArchitecture() -> impl IntoView {
    let state = expect_context::<AppState>();
    let on_change = move |ev: leptos::ev::Event| {
        let kind = event_target_value(&ev);
        state.edit(|s| {
            if let Some(a) = burnrate_model::presets::template(&kind, s) {
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

fn catalog_options(
    s: &Scenario,
    pick: impl Fn(&Catalog) -> Vec<(String, String)>,
) -> Vec<(String, String)> {
    pick(&Catalog::shipped().with_overrides(&s.catalog))
}

/// A catalog entry as a select option: its id, shown by name (or id).
fn option(id: &str, name: &str) -> (String, String) {
    let shown = if name.is_empty() { id } else { name };
    (id.to_owned(), shown.to_owned())
}

fn arch_mut(s: &mut Scenario, i: usize) -> Option<&mut Architecture> {
    s.architectures.get_mut(i)
}

#[component]
fn ArchitectureFields(index: usize) -> impl IntoView {
    let state = expect_context::<AppState>();
    let i = index;
    let p = move |field: &str| format!("architectures[{i}].{field}");
    let a = move |s: &Scenario| s.architectures.get(i).cloned();
    let Some(arch) = state
        .scenario
        .with_untracked(|s| s.architectures.get(i).cloned())
    else {
        return ().into_any();
    };
    let hosting_kind = |h: &Hosting| match h {
        Hosting::SizedToPeak => "sized_to_peak",
        Hosting::Dedicated { .. } => "dedicated",
        Hosting::Autoscaled { .. } => "autoscaled",
        Hosting::Serverless { .. } => "serverless",
    };
    // Redrawn when the scenario's own models change (a pick, a custom model, a rename).
    let models = Signal::from(Memo::new(move |_| {
        state.scenario.with(|s| {
            catalog_options(s, |c| {
                c.models.iter().map(|m| option(&m.id, &m.name)).collect()
            })
        })
    }));
    let serving = match &arch.serving {
        Serving::ManagedApi(_) => {
            view! {
                <SelectField label="Model (managed API)" help="Priced per token from the catalog (see Prices)." path=p("serving.model") options=models
                    get=Arc::new(move |s: &Scenario| match a(s).map(|a| a.serving) { Some(Serving::ManagedApi(m)) => m.model, _ => String::new() })
                    set=Arc::new(move |s: &mut Scenario, v: String| if let Some(Serving::ManagedApi(m)) = arch_mut(s, i).map(|a| &mut a.serving) { m.model = v }) />
                <ModelPicker index=i />
                <NumberField label="Provider prompt cache" unit="% of input" scale=100.0 help="Input tokens billed at the cached-input price."
                    path=p("serving.prompt_cache_share")
                    get=get(move |s| match a(s).map(|a| a.serving) { Some(Serving::ManagedApi(m)) => m.prompt_cache_share, _ => 0.0 })
                    set=set(move |s, v| if let Some(Serving::ManagedApi(m)) = arch_mut(s, i).map(|a| &mut a.serving) { m.prompt_cache_share = v }) />
                <NumberField label="Batch share" unit="% of calls" scale=100.0 help="Calls sent through the provider's batch API at its discount."
                    path=p("serving.batch_share")
                    get=get(move |s| match a(s).map(|a| a.serving) { Some(Serving::ManagedApi(m)) => m.batch_share, _ => 0.0 })
                    set=set(move |s, v| if let Some(Serving::ManagedApi(m)) = arch_mut(s, i).map(|a| &mut a.serving) { m.batch_share = v }) />
                <NumberField label="Prompt cache writes" unit="% of input" scale=100.0 help="Input tokens written into the provider's cache, billed at its cache-write price (Anthropic: 1.25× input)."
                    path=p("serving.prompt_cache_write_share")
                    get=get(move |s| match a(s).map(|a| a.serving) { Some(Serving::ManagedApi(m)) => m.prompt_cache_write_share, _ => 0.0 })
                    set=set(move |s, v| if let Some(Serving::ManagedApi(m)) = arch_mut(s, i).map(|a| &mut a.serving) { m.prompt_cache_write_share = v }) />
                <NumberField label="Flex share" unit="% of calls" scale=100.0 help="Calls on flex processing: slower, at the model's flex price (OpenAI: half)."
                    path=p("serving.flex_share")
                    get=get(move |s| match a(s).map(|a| a.serving) { Some(Serving::ManagedApi(m)) => m.flex_share, _ => 0.0 })
                    set=set(move |s, v| if let Some(Serving::ManagedApi(m)) = arch_mut(s, i).map(|a| &mut a.serving) { m.flex_share = v }) />
                <NumberField label="Priority share" unit="% of calls" scale=100.0 help="Calls on priority processing, at the model's priority price (OpenAI: double)."
                    path=p("serving.priority_share")
                    get=get(move |s| match a(s).map(|a| a.serving) { Some(Serving::ManagedApi(m)) => m.priority_share, _ => 0.0 })
                    set=set(move |s, v| if let Some(Serving::ManagedApi(m)) = arch_mut(s, i).map(|a| &mut a.serving) { m.priority_share = v }) />
            }
            .into_any()
        }
        Serving::SelfHosted(h) => {
            // Redrawn when the scenario's own instances change (a pick from the list).
            let accelerators = Signal::from(Memo::new(move |_| {
                state.scenario.with(|s| {
                    catalog_options(s, |c| {
                        c.accelerators
                            .iter()
                            .map(|x| option(&x.id, &x.name))
                            .collect()
                    })
                })
            }));
            let modes = vec![
                (
                    "sized_to_peak".to_owned(),
                    "Dedicated 24/7, sized to the busiest hour".to_owned(),
                ),
                (
                    "dedicated".to_owned(),
                    "Dedicated 24/7, a fixed number".to_owned(),
                ),
                ("autoscaled".to_owned(), "Autoscaled by the hour".to_owned()),
                (
                    "serverless".to_owned(),
                    "Serverless (per busy second)".to_owned(),
                ),
            ];
            let count_label = match h.hosting {
                Hosting::SizedToPeak => None,
                Hosting::Dedicated { .. } => Some(("Instances", "serving.hosting.instances")),
                Hosting::Autoscaled { .. } => Some(("Maximum instances", "serving.hosting.max_instances")),
                Hosting::Serverless { .. } => None,
            };
            let can_spill = count_label.is_some();
            let committable = !matches!(h.hosting, Hosting::Serverless { .. });
            view! {
                <SelectField label="Instance (GPU or ASIC)" help="Hourly price, memory and throughput from the catalog (the FinOps guide: Inferentia for inference)." path=p("serving.accelerator") options=accelerators
                    get=Arc::new(move |s: &Scenario| match a(s).map(|a| a.serving) { Some(Serving::SelfHosted(h)) => h.accelerator, _ => String::new() })
                    set=Arc::new(move |s: &mut Scenario, v: String| if let Some(Serving::SelfHosted(h)) = arch_mut(s, i).map(|a| &mut a.serving) { h.accelerator = v }) />
                <ModelPicker index=i which=Slot::Instance />
                <SelectField label="Hosting" help="The FinOps guide: dedicated for steady load above 80% use; serverless for sporadic use." path=p("serving.hosting") options=modes
                    get=Arc::new(move |s: &Scenario| match a(s).map(|a| a.serving) { Some(Serving::SelfHosted(h)) => hosting_kind(&h.hosting).to_owned(), _ => String::new() })
                    set=Arc::new(move |s: &mut Scenario, v: String| if let Some(Serving::SelfHosted(h)) = arch_mut(s, i).map(|a| &mut a.serving) {
                        h.hosting = match v.as_str() {
                            "autoscaled" => Hosting::Autoscaled { min_instances: 0, max_instances: 8, cold_start_minutes: 5.0 },
                            "serverless" => Hosting::Serverless { price_premium: 2.0, idle_timeout_s: 60.0, cold_start_s: 30.0, billing_minimum_s: 1.0 },
                            "dedicated" => Hosting::Dedicated { instances: 1 },
                            _ => Hosting::SizedToPeak,
                        };
                    }) />
                {count_label.map(|(label, field)| view! {
                    <NumberField label=label unit="instances" help="Dedicated instances are paid 24/7 whether busy or not (the TCO deep dive)."
                        path=p(field)
                        get=get(move |s| match a(s).map(|a| a.serving) {
                            Some(Serving::SelfHosted(h)) => match h.hosting {
                                Hosting::Dedicated { instances } => f64::from(instances),
                                Hosting::Autoscaled { max_instances, .. } => f64::from(max_instances),
                                Hosting::Serverless { .. } | Hosting::SizedToPeak => 0.0,
                            },
                            _ => 0.0,
                        })
                        set=set(move |s, v| if let Some(Serving::SelfHosted(h)) = arch_mut(s, i).map(|a| &mut a.serving) {
                            match &mut h.hosting {
                                Hosting::Dedicated { instances } => *instances = to_u32(v),
                                Hosting::Autoscaled { max_instances, .. } => *max_instances = to_u32(v),
                                Hosting::Serverless { .. } | Hosting::SizedToPeak => {}
                            }
                        }) />
                })}
                {can_spill.then(|| view! {
                    <SelectField label="Fallback API (above capacity)" help="Serves, at its list price, the work above the fleet's planned capacity: all demand is served and paid for." path=p("serving.fallback_model") options=models
                        get=Arc::new(move |s: &Scenario| match a(s).map(|a| a.serving) { Some(Serving::SelfHosted(h)) => h.fallback_model, _ => String::new() })
                        set=Arc::new(move |s: &mut Scenario, v: String| if let Some(Serving::SelfHosted(h)) = arch_mut(s, i).map(|a| &mut a.serving) { h.fallback_model = v }) />
                    <ModelPicker index=i which=Slot::Fallback />
                })}
                {committable.then(|| view! { <CommitmentFields index=i /> })}
                {(!committable).then(|| view! { <ServerlessFields index=i /> })}
                <NumberField label="Model size" unit="billion parameters" help="Throughput scales inversely with size; the weights must fit the instance's memory."
                    path=p("serving.model_params_b")
                    get=get(move |s| match a(s).map(|a| a.serving) { Some(Serving::SelfHosted(h)) => h.model_params_b, _ => 0.0 })
                    set=set(move |s, v| if let Some(Serving::SelfHosted(h)) = arch_mut(s, i).map(|a| &mut a.serving) { h.model_params_b = v }) />
                <SelectField label="Quantization" help="The Algorithmic Drain: quantized weights cut memory by half or more and decode faster." path=p("serving.quantization")
                    options={Quantization::ALL.iter().map(|q| (q.key().to_owned(), q.key().to_owned())).collect::<Vec<_>>()}
                    get=Arc::new(move |s: &Scenario| match a(s).map(|a| a.serving) { Some(Serving::SelfHosted(h)) => h.quantization.key().to_owned(), _ => String::new() })
                    set=Arc::new(move |s: &mut Scenario, v: String| {
                        if let Some(Serving::SelfHosted(h)) = arch_mut(s, i).map(|a| &mut a.serving)
                            && let Some(q) = Quantization::from_key(&v)
                        {
                            h.quantization = q;
                        }
                    }) />
                <NumberField label="Spot share" unit="% of hours" scale=100.0 help="The cost analysis and the Algorithmic Drain: spot capacity at a discount, paying back some in interruptions."
                    path=p("serving.spot.share")
                    get=get(move |s| match a(s).map(|a| a.serving) { Some(Serving::SelfHosted(h)) => h.spot.share, _ => 0.0 })
                    set=set(move |s, v| if let Some(Serving::SelfHosted(h)) = arch_mut(s, i).map(|a| &mut a.serving) { h.spot.share = v }) />
                <NumberField label="Spot discount" unit="% off on-demand" scale=100.0 help="The spot price's discount (set from the instance's published spot price when you pick one from the list)."
                    path=p("serving.spot.discount")
                    get=get(move |s| match a(s).map(|a| a.serving) { Some(Serving::SelfHosted(h)) => h.spot.discount, _ => 0.0 })
                    set=set(move |s, v| if let Some(Serving::SelfHosted(h)) = arch_mut(s, i).map(|a| &mut a.serving) { h.spot.discount = v }) />
            }
            .into_any()
        }
    };
    let retrieval = arch.design.retrieval().map(|_| {
        let r = move |s: &Scenario| a(s).and_then(|a| a.design.retrieval().cloned());
        fn rm(s: &mut Scenario, i: usize) -> Option<&mut burnrate_model::scenario::Retrieval> {
            arch_mut(s, i).and_then(|a| a.design.retrieval_mut())
        }
        view! {
            <h4>"Retrieval"</h4>
            <NumberField label="Corpus" unit="GB" help="Documents as stored (the TCO deep dive: 5 TB); a share of it is text." path=p("design.retrieval.corpus_gb")
                get=get(move |s| r(s).map_or(0.0, |r| r.corpus_gb)) set=set(move |s, v| if let Some(r) = rm(s, i) { r.corpus_gb = v }) />
            <NumberField label="Chunks retrieved" unit="per query" help="The FinOps guide: retrieving 50 chunks 'just in case' is token bloat." path=p("design.retrieval.chunks_retrieved")
                get=get(move |s| r(s).map_or(0.0, |r| f64::from(r.chunks_retrieved))) set=set(move |s, v| if let Some(r) = rm(s, i) { r.chunks_retrieved = to_u32(v) }) />
            <OptionalField label="Reranker keeps" unit="chunks" help="The FinOps guide: a reranker passes only the top 3 to the LLM; empty = no reranker." path=p("design.retrieval.reranker")
                get=Arc::new(move |s: &Scenario| r(s).and_then(|r| r.reranker.map(|k| f64::from(k.chunks_kept))))
                set=Arc::new(move |s: &mut Scenario, v: Option<f64>| if let Some(r) = rm(s, i) {
                    r.reranker = v.map(|k| burnrate_model::scenario::Reranker { model: "cohere-rerank-3.5".into(), chunks_kept: to_u32(k) })
                }) />
            <SelectField label="Vector precision" help="The FinOps guide: quantized vectors are 4× to 32× smaller." path=p("design.retrieval.vector_db.precision")
                options={VectorPrecision::ALL.iter().map(|p| (p.key().to_owned(), p.label().to_owned())).collect::<Vec<_>>()}
                get=Arc::new(move |s: &Scenario| r(s).map(|r| r.vector_db.precision.key().to_owned()).unwrap_or_default())
                set=Arc::new(move |s: &mut Scenario, v: String| if let (Some(r), Some(p)) = (rm(s, i), VectorPrecision::from_key(&v)) { r.vector_db.precision = p }) />
            <SelectField label="Index storage" help="The FinOps guide: disk-ANN keeps most of the index on SSD, ~90% cheaper." path=p("design.retrieval.vector_db.storage")
                options=vec![("ram".into(), "All in RAM".into()), ("disk".into(), "Disk-ANN (10% in RAM)".into())]
                get=Arc::new(move |s: &Scenario| r(s).map(|r| if matches!(r.vector_db.storage, VectorStorage::Ram) { "ram" } else { "disk" }.to_owned()).unwrap_or_default())
                set=Arc::new(move |s: &mut Scenario, v: String| if let Some(r) = rm(s, i) {
                    r.vector_db.storage = if v == "ram" { VectorStorage::Ram } else { VectorStorage::Disk { ram_share: 0.1 } }
                }) />
            <NumberField label="Index replicas" unit="copies" help="Copies of the index kept for availability and read throughput; each is paid."
                path=p("design.retrieval.vector_db.replicas")
                get=get(move |s| r(s).map_or(0.0, |r| f64::from(r.vector_db.replicas))) set=set(move |s, v| if let Some(r) = rm(s, i) { r.vector_db.replicas = to_u32(v) }) />
            <NumberField label="Index RAM" unit="$ / GB-month" help="Memory holding the index (or its in-RAM share on disk-ANN)."
                path=p("design.retrieval.vector_db.ram_usd_per_gb_month")
                get=get(move |s| r(s).map_or(0.0, |r| r.vector_db.ram_usd_per_gb_month)) set=set(move |s, v| if let Some(r) = rm(s, i) { r.vector_db.ram_usd_per_gb_month = v }) />
            <NumberField label="Index SSD" unit="$ / GB-month" help="Disk holding the rest of a disk-ANN index."
                path=p("design.retrieval.vector_db.ssd_usd_per_gb_month")
                get=get(move |s| r(s).map_or(0.0, |r| r.vector_db.ssd_usd_per_gb_month)) set=set(move |s, v| if let Some(r) = rm(s, i) { r.vector_db.ssd_usd_per_gb_month = v }) />
            <NumberField label="Vector database base fee" unit="$ / month" help="The service's fixed monthly charge, whatever the index size."
                path=p("design.retrieval.vector_db.base_usd_per_month")
                get=get(move |s| r(s).map_or(0.0, |r| r.vector_db.base_usd_per_month)) set=set(move |s, v| if let Some(r) = rm(s, i) { r.vector_db.base_usd_per_month = v }) />
        }
    });
    let fine_tuning = arch.design.fine_tuning().map(|_| {
        let f = move |s: &Scenario| a(s).and_then(|a| a.design.fine_tuning().cloned());
        fn fm(s: &mut Scenario, i: usize) -> Option<&mut burnrate_model::scenario::FineTuning> {
            arch_mut(s, i).and_then(|a| a.design.fine_tuning_mut())
        }
        view! {
            <h4>"Fine-tuning lifecycle"</h4>
            <NumberField label="Curated examples" unit="pairs" help="The TCO deep dive: 50,000 pairs can cost hundreds of thousands in SME time." path=p("design.fine_tuning.examples")
                get=get(move |s| f(s).map_or(0.0, |f| f.examples)) set=set(move |s, v| if let Some(f) = fm(s, i) { f.examples = v }) />
            <DistField label="Curation time" unit="minutes / example" help="Writing, reviewing and formatting one prompt-completion pair." path=p("design.fine_tuning.minutes_per_example")
                get=get_d(move |s| f(s).map_or(burnrate_model::Dist::fixed(0.0), |f| f.minutes_per_example))
                set=set_d(move |s, d| if let Some(f) = fm(s, i) { f.minutes_per_example = d }) />
            <NumberField label="Sweep runs" unit="training runs" help="The TCO deep dive: 'dozens of hyperparameter sweeps'." path=p("design.fine_tuning.runs_per_sweep")
                get=get(move |s| f(s).map_or(0.0, |f| f.runs_per_sweep)) set=set(move |s, v| if let Some(f) = fm(s, i) { f.runs_per_sweep = v }) />
            <NumberField label="Retrain every" unit="months (0 = never)" help="The TCO deep dive: dynamic data needs constant retraining; 0.25 = four a month." path=p("design.fine_tuning.retrain_every_months")
                get=get(move |s| f(s).map_or(0.0, |f| f.retrain_every_months)) set=set(move |s, v| if let Some(f) = fm(s, i) { f.retrain_every_months = v }) />
        }
    });
    // The FinOps guide's model arbitrage: the frontier model and the share routed to it.
    let routing = arch.routing.as_ref().map(|_| view! {
        <h4>"Routing"</h4>
        <SelectField label="Frontier model (routed calls)" help="The calls that need it go here, at its list price (the FinOps guide: the 5% of queries that need this level of intelligence)." path=p("routing.frontier_model") options=models
            get=Arc::new(move |s: &Scenario| a(s).and_then(|a| a.routing).map(|r| r.frontier_model).unwrap_or_default())
            set=Arc::new(move |s: &mut Scenario, v: String| if let Some(r) = arch_mut(s, i).and_then(|a| a.routing.as_mut()) { r.frontier_model = v }) />
        <ModelPicker index=i which=Slot::Frontier />
        <DistField label="Routed share" unit="% of calls" scale=100.0 help="Calls sent to the frontier model; the rest go to the architecture's own model."
            path=p("routing.frontier_share")
            get=get_d(move |s| a(s).and_then(|a| a.routing).map(|r| r.frontier_share).unwrap_or(burnrate_model::Dist::fixed(0.0)))
            set=set_d(move |s, d| if let Some(r) = arch_mut(s, i).and_then(|a| a.routing.as_mut()) { r.frontier_share = d }) />
    });
    let cache = arch.guardrails.semantic_cache.as_ref().map(|_| view! {
        <DistField label="Semantic cache hit rate" unit="% of queries" scale=100.0 help="The FinOps guide: repeat questions answered from Redis, skipping the LLM."
            path=p("guardrails.semantic_cache.hit_rate")
            get=get_d(move |s| a(s).and_then(|a| a.guardrails.semantic_cache.map(|c| c.hit_rate)).unwrap_or(burnrate_model::Dist::fixed(0.0)))
            set=set_d(move |s, d| if let Some(c) = arch_mut(s, i).and_then(|a| a.guardrails.semantic_cache.as_mut()) { c.hit_rate = d }) />
    });
    let name = move || {
        state.scenario.with(|s| {
            s.architectures
                .get(i)
                .map(|a| a.name.clone())
                .unwrap_or_default()
        })
    };
    let more_than_one = move || state.scenario.with(|s| s.architectures.len() > 1);
    view! {
        <fieldset class="arch">
            <legend>{name}</legend>
            <button type="button" class="secondary small" disabled=move || !more_than_one()
                aria-label=move || format!("Remove {} from the comparison", name()) on:click=move |_| state.park(i)>"Remove from comparison"</button>
            <TextField label="Name" help="How this architecture is named on its card, in charts and exports."
                path=p("name")
                get=Arc::new(move |s: &Scenario| a(s).map(|a| a.name).unwrap_or_default())
                set=Arc::new(move |s: &mut Scenario, v: String| if let Some(a) = arch_mut(s, i) { a.name = v }) />
            <NumberField label="Instructions per call" unit="tokens" help="System prompt or schema on every call (the TCO deep dive: 4,000 tokens, ~50 after fine-tuning)."
                path=p("instruction_tokens")
                get=get(move |s| a(s).map_or(0.0, |a| a.instruction_tokens))
                set=set(move |s, v| if let Some(a) = arch_mut(s, i) { a.instruction_tokens = v }) />
            <DistField label="Reasoning tokens per call" unit="tokens / call" help="Hidden thinking of reasoning models (o1, R1): billed as output, never shown. 0 for other models."
                path=p("reasoning_tokens_per_call")
                get=get_d(move |s| a(s).map_or(burnrate_model::Dist::zero(), |a| a.reasoning_tokens_per_call))
                set=set_d(move |s, d| if let Some(a) = arch_mut(s, i) { a.reasoning_tokens_per_call = d }) />
            {serving}
            {routing}
            {retrieval}
            {fine_tuning}
            <h4>"Guardrails"</h4>
            {cache}
            <OptionalField label="Output cap" unit="tokens / call" help="The Algorithmic Drain: hard token limits on responses."
                path=p("guardrails.output_cap_tokens")
                get=Arc::new(move |s: &Scenario| a(s).and_then(|a| a.guardrails.output_cap_tokens))
                set=Arc::new(move |s: &mut Scenario, v| if let Some(a) = arch_mut(s, i) { a.guardrails.output_cap_tokens = v }) />
            <OptionalField label="History cap" unit="tokens / call" help="The Algorithmic Drain: truncating conversation histories to essential context."
                path=p("guardrails.history_cap_tokens")
                get=Arc::new(move |s: &Scenario| a(s).and_then(|a| a.guardrails.history_cap_tokens))
                set=Arc::new(move |s: &mut Scenario, v| if let Some(a) = arch_mut(s, i) { a.guardrails.history_cap_tokens = v }) />
            <OptionalField label="Agent step limit" unit="steps / run" help="The FinOps guide: never more than N steps without a human."
                path=p("guardrails.agent_step_limit")
                get=Arc::new(move |s: &Scenario| a(s).and_then(|a| a.guardrails.agent_step_limit.map(f64::from)))
                set=Arc::new(move |s: &mut Scenario, v: Option<f64>| if let Some(a) = arch_mut(s, i) { a.guardrails.agent_step_limit = v.map(to_u32) }) />
            <OptionalField label="Agent budget cap" unit="$ / run" help="The FinOps guide: never more than $X per run: the fuse box."
                path=p("guardrails.agent_budget_cap_usd")
                get=Arc::new(move |s: &Scenario| a(s).and_then(|a| a.guardrails.agent_budget_cap_usd))
                set=Arc::new(move |s: &mut Scenario, v| if let Some(a) = arch_mut(s, i) { a.guardrails.agent_budget_cap_usd = v }) />
            <h4>"Overheads"</h4>
            <NumberField label="Engineering" unit="hours / month" help="Platform and MLOps time to run it (self-hosting needs more)."
                path=p("overheads.engineering_hours_per_month")
                get=get(move |s| a(s).map_or(0.0, |a| a.overheads.engineering_hours_per_month))
                set=set(move |s, v| if let Some(a) = arch_mut(s, i) { a.overheads.engineering_hours_per_month = v }) />
            <NumberField label="Engineer rate" unit="$ / hour" help="Loaded cost of an hour of platform or MLOps work."
                path=p("overheads.engineer_usd_per_hour")
                get=get(move |s| a(s).map_or(0.0, |a| a.overheads.engineer_usd_per_hour))
                set=set(move |s, v| if let Some(a) = arch_mut(s, i) { a.overheads.engineer_usd_per_hour = v }) />
            <NumberField label="Monitoring" unit="$ / month" help="Observability and evaluation tooling for this architecture."
                path=p("overheads.monitoring_usd_per_month")
                get=get(move |s| a(s).map_or(0.0, |a| a.overheads.monitoring_usd_per_month))
                set=set(move |s, v| if let Some(a) = arch_mut(s, i) { a.overheads.monitoring_usd_per_month = v }) />
            <NumberField label="Sandbox" unit="$ / month" help="Staging and test environments kept running beside production."
                path=p("overheads.sandbox_usd_per_month")
                get=get(move |s| a(s).map_or(0.0, |a| a.overheads.sandbox_usd_per_month))
                set=set(move |s, v| if let Some(a) = arch_mut(s, i) { a.overheads.sandbox_usd_per_month = v }) />
        </fieldset>
    }
    .into_any()
}

/// A serverless platform's terms: its premium over the instance's on-demand
/// price, how long a worker stays warm and billed, cold starts, the least
/// billed time of a request.
#[component]
fn ServerlessFields(index: usize) -> impl IntoView {
    let i = index;
    let p = move |f: &str| format!("architectures[{i}].serving.hosting.{f}");
    fn terms(s: &Scenario, i: usize) -> Option<[f64; 4]> {
        match s.architectures.get(i).map(|a| &a.serving) {
            Some(Serving::SelfHosted(h)) => match h.hosting {
                Hosting::Serverless {
                    price_premium,
                    idle_timeout_s,
                    cold_start_s,
                    billing_minimum_s,
                } => Some([
                    price_premium,
                    idle_timeout_s,
                    cold_start_s,
                    billing_minimum_s,
                ]),
                _ => None,
            },
            _ => None,
        }
    }
    fn set_term(s: &mut Scenario, i: usize, k: usize, v: f64) {
        if let Some(Serving::SelfHosted(h)) = arch_mut(s, i).map(|a| &mut a.serving)
            && let Hosting::Serverless {
                price_premium,
                idle_timeout_s,
                cold_start_s,
                billing_minimum_s,
            } = &mut h.hosting
        {
            *[
                price_premium,
                idle_timeout_s,
                cold_start_s,
                billing_minimum_s,
            ][k] = v;
        }
    }
    let field = move |k: usize| get(move |s| terms(s, i).map_or(0.0, |t| t[k]));
    let put = move |k: usize| set(move |s, v| set_term(s, i, k, v));
    view! {
        <NumberField label="Serverless premium" unit="× on-demand" help="Per-second price over the instance's on-demand hourly price (2 = double)."
            path=p("price_premium") get=field(0) set=put(0) />
        <NumberField label="Idle timeout" unit="seconds" help="A worker stays warm, and billed, this long after its last request."
            path=p("idle_timeout_s") get=field(1) set=put(1) />
        <NumberField label="Cold start" unit="seconds" help="Billed start-up of a worker that was scaled to zero."
            path=p("cold_start_s") get=field(2) set=put(2) />
        <NumberField label="Billing minimum" unit="seconds / request" help="Least billed time of a request (per-second platforms bill at least one second)."
            path=p("billing_minimum_s") get=field(3) set=put(3) />
    }
}

/// The commitment lever's fields: instances on a 1- or 3-year term at a discount.
#[component]
fn CommitmentFields(index: usize) -> impl IntoView {
    let i = index;
    let p = move |field: &str| format!("architectures[{i}].serving.commitment.{field}");
    let commitment = move |s: &Scenario| match s.architectures.get(i).map(|a| &a.serving) {
        Some(Serving::SelfHosted(h)) => h.commitment.clone(),
        _ => None,
    };
    /// Edits the commitment, creating one (none committed yet, a 1-year term
    /// at 30% off as a starting point) when there is none.
    fn edit(s: &mut Scenario, i: usize, change: impl FnOnce(&mut Commitment)) {
        if let Some(Serving::SelfHosted(h)) = arch_mut(s, i).map(|a| &mut a.serving) {
            let c = h.commitment.get_or_insert(Commitment {
                instances: 0,
                term_years: 1,
                discount: 0.3,
            });
            change(c);
        }
    }
    view! {
        <NumberField label="Committed instances" unit="instances" help="Reserved instances, savings plans or committed-use discounts: billed every hour of the term whether used or not. An autoscaled fleet never scales below them (the FinOps guide and the Algorithmic Drain). 0 = none."
            path=p("instances")
            get=get(move |s| commitment(s).map_or(0.0, |c| f64::from(c.instances)))
            set=set(move |s, v| {
                if v == 0.0 {
                    if let Some(Serving::SelfHosted(h)) = arch_mut(s, i).map(|a| &mut a.serving) {
                        h.commitment = None;
                    }
                } else {
                    edit(s, i, |c| c.instances = to_u32(v));
                }
            }) />
        <SelectField label="Commitment term" help="1 or 3 years; a term longer than the horizon is still owed after it." path=p("term_years")
            options=vec![("1".into(), "1 year".into()), ("3".into(), "3 years".into())]
            get=Arc::new(move |s: &Scenario| commitment(s).map_or(1, |c| c.term_years).to_string())
            set=Arc::new(move |s: &mut Scenario, v: String| edit(s, i, |c| c.term_years = if v == "3" { 3 } else { 1 })) />
        <NumberField label="Commitment discount" unit="% off on-demand" scale=100.0 help="Your provider's published discount for the term (AWS: up to 72% for 3-year standard reserved instances)."
            path=p("discount")
            get=get(move |s| commitment(s).map_or(0.3, |c| c.discount))
            set=set(move |s, v| edit(s, i, |c| c.discount = v)) />
    }
}
