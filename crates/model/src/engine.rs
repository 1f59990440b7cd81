//! The Monte Carlo engine. A trial is one simulated month: its uncertain
//! inputs are drawn, then its traffic, then every architecture is costed on
//! those same draws (common random numbers). Costs are split into what grows
//! with volume, what is fixed each month, what is paid once up front, and what
//! each retrain costs, so the month is extended over the horizon with growth,
//! upfront work in month one and retraining spikes.

use std::ops::Range;

use rand_distr::{Distribution, Poisson};

use crate::agents::{RunShape, StepTable};
use crate::catalog::{Catalog, RerankerPrice};
use crate::components::{self as c, Breakdown};
use crate::error::ModelError;
use crate::inputs::{self, InputSpace};
use crate::managed_api::TokenPrices;
use crate::results::Accumulator;
use crate::rng::{name_hash, stream};
use crate::scenario::{Hosting, Scenario, Serving};
use crate::serving::{autoscaled, dedicated, serverless, spot, throughput::Throughput};
use crate::{
    curation, embeddings, overheads, reranker, retraining, semantic_cache, tokens, traffic,
    training, vector_db,
};

/// A scenario checked and resolved against the catalog, with everything that
/// does not change from trial to trial computed once.
#[derive(Debug, Clone)]
pub struct Prepared {
    pub scenario: Scenario,
    pub inputs: InputSpace,
    profile: traffic::Profile,
    steps: StepTable,
    archs: Vec<PreparedArch>,
    needs_hourly: bool,
    /// The busiest hour's share of the month's expected traffic.
    peak_hour_share: f64,
    /// Average over the horizon of (1 + growth)^(month − 1).
    pub growth_factor: f64,
    /// Multiplies the queries-per-day draw (the crossover sweeps it).
    pub volume_scale: f64,
}

#[derive(Debug, Clone)]
enum Llm {
    Managed(TokenPrices),
    SelfHosted {
        throughput: Throughput,
        usd_per_hour: f64,
        hosting: Hosting,
        max_utilization: f64,
    },
}

#[derive(Debug, Clone)]
struct PreparedRetrieval {
    corpus_tokens: f64,
    embed_usd_per_m: f64,
    context_tokens: f64,
    chunks_retrieved: u32,
    reranker: Option<RerankerPrice>,
    vector_db_usd_per_month: f64,
}

#[derive(Debug, Clone)]
struct PreparedFineTuning {
    examples: f64,
    sme_usd_per_hour: f64,
    train_usd_per_hour: f64,
    training_spot: crate::scenario::Spot,
    runs_per_sweep: f64,
    retrains: f64,
    retrain_curation_share: f64,
    retrain_runs: f64,
}

#[derive(Debug, Clone)]
struct PreparedArch {
    llm: Llm,
    frontier: Option<TokenPrices>,
    retrieval: Option<PreparedRetrieval>,
    fine_tuning: Option<PreparedFineTuning>,
    instruction_tokens: f64,
    output_cap: Option<f64>,
    history_cap: Option<f64>,
    cache_usd_per_month: f64,
    step_limit: f64,
    budget_cap: Option<f64>,
    overheads_usd: f64,
}

/// What one architecture cost in one trial.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ArchTrial {
    /// Average month over the horizon, by component.
    pub breakdown: Breakdown,
    pub monthly_usd: f64,
    /// Queries in an average month of the horizon.
    pub queries: f64,
    pub cost_per_query_usd: f64,
    pub cost_per_conversation_usd: f64,
    pub cost_per_success_usd: f64,
    /// Value of successes minus cost, in an average month (None: no value set).
    pub margin_usd: Option<f64>,
    /// Month-one parts for the cumulative TCO curve.
    pub variable_usd: f64,
    pub fixed_usd: f64,
    pub upfront_usd: f64,
    pub retrain_each_usd: f64,
    /// Self-hosted only: busy share of paid GPU time, and share of idle hours.
    pub utilization: Option<f64>,
    pub idle_hours_share: Option<f64>,
    pub overloaded_hours: f64,
    pub loops: f64,
    pub loop_usd: f64,
    pub retrieval_multiplier: f64,
}

/// Random variates of one trial, by kind.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Variates {
    pub uniforms: u64,
    pub gammas: u64,
    pub poissons: u64,
}

impl Variates {
    pub fn total(&self) -> u64 {
        self.uniforms + self.gammas + self.poissons
    }
}

/// Scratch space reused across trials (no allocation in the trial loop).
#[derive(Debug, Default)]
pub struct Scratch {
    pub values: Vec<f64>,
    copula: Vec<f64>,
    hourly: Vec<f64>,
    hour_samplers: traffic::Samplers,
    pub archs: Vec<ArchTrial>,
}

const TRAFFIC: u64 = name_hash("traffic");
const LOOPS: u64 = name_hash("loops");

impl Prepared {
    pub fn new(scenario: &Scenario) -> Result<Prepared, ModelError> {
        crate::validate::validate(scenario)?;
        let catalog = Catalog::shipped().with_overrides(&scenario.catalog);
        let archs = scenario
            .architectures
            .iter()
            .enumerate()
            .map(|(i, a)| prepare_arch(scenario, &catalog, i, a))
            .collect::<Result<Vec<_>, _>>()?;
        let needs_hourly = scenario.architectures.iter().any(|a| {
            matches!(&a.serving, Serving::SelfHosted(h) if !matches!(h.hosting, Hosting::Dedicated { .. }))
        });
        let g = scenario.workload.monthly_growth;
        let h = scenario.horizon_months.max(1);
        let growth_factor = (0..h)
            .map(|m| libm::pow(1.0 + g, f64::from(m)))
            .sum::<f64>()
            / f64::from(h);
        let profile = traffic::Profile::new(&scenario.workload);
        let total = profile.expected_total(1.0);
        Ok(Prepared {
            inputs: InputSpace::new(scenario)?,
            peak_hour_share: if total > 0.0 {
                profile.peak_hour(1.0) / total
            } else {
                0.0
            },
            profile,
            steps: StepTable::new(&scenario.agents.steps_per_run),
            archs,
            needs_hourly,
            growth_factor,
            volume_scale: 1.0,
            scenario: scenario.clone(),
        })
    }

    pub fn architecture_count(&self) -> usize {
        self.archs.len()
    }

    /// Runs trials `range` of the scenario into a fresh accumulator. Trial t
    /// gives the same numbers in whatever chunk it runs.
    pub fn run_chunk(&self, range: Range<u64>) -> Accumulator {
        let mut acc = Accumulator::new(self);
        self.run_into(range, &mut acc, &mut Scratch::default());
        acc
    }

    /// Adds trials `range` to `acc` (for a caller that runs slices one after another).
    pub fn run_into(&self, range: Range<u64>, acc: &mut Accumulator, scratch: &mut Scratch) {
        for t in range {
            self.trial(t, scratch);
            acc.add(self, t, scratch);
        }
    }

    /// Random variates trial `t` draws, for the benchmark's distance from the
    /// limit: a uniform per uncertain input, the traffic's gamma and Poisson
    /// draws, and the count of runaway loops.
    pub fn variates(&self, t: u64) -> Variates {
        let s = &self.scenario;
        let (mut x, mut copula) = (Vec::new(), Vec::new());
        self.inputs.draw(s.seed, t, &mut x, &mut copula);
        let qpd = x[inputs::QUERIES_PER_DAY] * self.volume_scale;
        let (gammas, poissons) =
            self.profile
                .variates(qpd, s.workload.hourly_burst_cv, self.needs_hourly);
        let may_be_positive = |d: &crate::Dist| !d.is_fixed() || d.mean() > 0.0;
        let loops =
            may_be_positive(&s.agents.agentic_share) && may_be_positive(&s.agents.loop_probability);
        Variates {
            uniforms: self
                .inputs
                .inputs
                .iter()
                .filter(|i| !i.dist.is_fixed())
                .count() as u64,
            gammas,
            poissons: poissons + u64::from(loops),
        }
    }

    /// Costs every architecture in trial `t` into `scratch.archs`.
    pub fn trial(&self, t: u64, scratch: &mut Scratch) {
        let s = &self.scenario;
        let seed = s.seed;
        self.inputs
            .draw(seed, t, &mut scratch.values, &mut scratch.copula);
        let x = &scratch.values;
        let w = &s.workload;
        let qpd = x[inputs::QUERIES_PER_DAY] * self.volume_scale;
        let mut rng = stream(seed, t, TRAFFIC);
        let queries = if self.needs_hourly {
            traffic::sample_hours(
                &self.profile,
                qpd,
                w.hourly_burst_cv,
                &mut rng,
                &mut scratch.hourly,
                &mut scratch.hour_samplers,
            )
        } else {
            scratch.hourly.clear();
            traffic::sample_total(&self.profile, qpd, w.hourly_burst_cv, &mut rng)
        };
        let turns = x[inputs::TURNS];
        let agent_runs = queries * x[inputs::AGENTIC_SHARE];
        let loops = {
            let mean = agent_runs * x[inputs::LOOP_PROBABILITY];
            let mut rng = stream(seed, t, LOOPS);
            match Poisson::new(mean) {
                Ok(p) if mean > 0.0 => p.sample(&mut rng).min(agent_runs.floor()),
                _ => 0.0,
            }
        };
        let month = Month {
            queries,
            queries_per_day: qpd,
            turns,
            query_tokens: x[inputs::QUERY_TOKENS],
            output_tokens: x[inputs::OUTPUT_TOKENS],
            agent_runs,
            loops,
            success_rate: x[inputs::SUCCESS_RATE],
        };
        scratch
            .archs
            .resize_with(self.archs.len(), ArchTrial::default);
        for (i, arch) in self.archs.iter().enumerate() {
            let own = |slot| x[InputSpace::arch_index(i, slot)];
            scratch.archs[i] = self.cost_arch(arch, &month, own, &scratch.hourly);
        }
    }

    fn cost_arch(
        &self,
        a: &PreparedArch,
        m: &Month,
        own: impl Fn(usize) -> f64,
        hourly: &[f64],
    ) -> ArchTrial {
        let s = &self.scenario;
        let w = &s.workload;
        let ag = &s.agents;
        let mut variable: Breakdown = [0.0; c::N];
        let mut fixed: Breakdown = [0.0; c::N];
        let mut upfront: Breakdown = [0.0; c::N];
        let mut retrain_each: Breakdown = [0.0; c::N];

        // Tokens of one chat call, and of agent runs.
        let frontier_share = if a.frontier.is_some() {
            own(inputs::FRONTIER_SHARE)
        } else {
            0.0
        };
        let hit_rate = own(inputs::CACHE_HIT_RATE);
        let chat_queries = (m.queries - m.agent_runs).max(0.0);
        let chat_calls = semantic_cache::calls_after_cache(chat_queries, hit_rate);
        let history = tokens::history_tokens(m.turns, w.history_tokens_per_turn, a.history_cap);
        let context = a.retrieval.as_ref().map_or(0.0, |r| r.context_tokens);
        let call_input = a.instruction_tokens + m.query_tokens + history + context;
        let (call_output, _) =
            tokens::capped_moments(m.output_tokens, w.output_tokens.cv_per_query, a.output_cap);
        let shape = RunShape {
            first_step_input_tokens: call_input,
            growth_tokens_per_step: ag.context_growth_tokens_per_step,
            output_tokens_per_step: a.output_cap.map_or(ag.output_tokens_per_step, |cap| {
                ag.output_tokens_per_step.min(cap)
            }),
            tool_usd_per_step: ag.tool_usd_per_step,
        };
        let marginal = self.marginal_prices(a, frontier_share, call_input);
        let budget_steps = a.budget_cap.map_or(f64::INFINITY, |cap| {
            shape.steps_within_budget(
                cap,
                marginal.usd_per_input_token,
                marginal.usd_per_output_token,
            )
        });
        let limit = a.step_limit.min(budget_steps);
        let (e1, e2) = self.steps.moments(limit);
        let normal_runs = (m.agent_runs - m.loops).max(0.0);
        let loop_steps = limit.min(ag.loop_timeout_steps);

        let chat_in = chat_calls * call_input;
        let chat_out = chat_calls * call_output;
        let agent_calls = normal_runs * e1;
        let agent_in = normal_runs * shape.expected_input_tokens(e1, e2);
        let agent_out = agent_calls * shape.output_tokens_per_step;
        let loop_calls = m.loops * loop_steps;
        let loop_in = m.loops * shape.input_tokens(loop_steps);
        let loop_out = loop_calls * shape.output_tokens_per_step;
        variable[c::TOOL_CALLS] = agent_calls * ag.tool_usd_per_step;
        let mut loop_usd = loop_calls * ag.tool_usd_per_step;

        // Routed share to the frontier model: always a managed API.
        if let Some(f) = &a.frontier {
            let fs = frontier_share;
            variable[c::INPUT_TOKENS] += fs * (chat_in + agent_in) * f.usd_per_input_token;
            variable[c::OUTPUT_TOKENS] += fs * (chat_out + agent_out) * f.usd_per_output_token;
            loop_usd += fs * (loop_in * f.usd_per_input_token + loop_out * f.usd_per_output_token);
        }
        let own_share = 1.0 - frontier_share;
        let mut utilization = None;
        let mut idle_hours_share = None;
        let mut overloaded_hours = 0.0;
        match &a.llm {
            Llm::Managed(p) => {
                variable[c::INPUT_TOKENS] +=
                    own_share * (chat_in + agent_in) * p.usd_per_input_token;
                variable[c::OUTPUT_TOKENS] +=
                    own_share * (chat_out + agent_out) * p.usd_per_output_token;
                loop_usd += own_share
                    * (loop_in * p.usd_per_input_token + loop_out * p.usd_per_output_token);
            }
            Llm::SelfHosted {
                throughput,
                usd_per_hour,
                hosting,
                max_utilization,
            } => {
                let per_call =
                    |calls: f64, input: f64| if calls > 0.0 { input / calls } else { 0.0 };
                let work_s = own_share
                    * (throughput.busy_seconds(chat_calls, call_input, chat_out)
                        + throughput.busy_seconds(
                            agent_calls,
                            per_call(agent_calls, agent_in),
                            agent_out,
                        ));
                let loop_s = own_share
                    * throughput.busy_seconds(loop_calls, per_call(loop_calls, loop_in), loop_out);
                let busy_s = work_s + loop_s;
                let busy_per_query = if m.queries > 0.0 {
                    busy_s / m.queries
                } else {
                    0.0
                };
                let hour_busy = |h: usize| hourly[h] * busy_per_query;
                let cost = match *hosting {
                    Hosting::Dedicated { instances } => {
                        let peak = busy_s * self.peak_hour_share;
                        let month = dedicated::month(
                            instances,
                            *usd_per_hour,
                            busy_s,
                            peak,
                            *max_utilization,
                        );
                        // Growth fills idle time; the instances' bill stays fixed.
                        let total = month.total_usd();
                        let busy = (month.busy_usd * self.growth_factor).min(total);
                        fixed[c::GPU_BUSY] = busy;
                        fixed[c::GPU_IDLE] = total - busy;
                        idle_hours_share = Some(
                            self.profile
                                .idle_hours_share(m.queries_per_day, w.hourly_burst_cv),
                        );
                        month
                    }
                    Hosting::Autoscaled {
                        min_instances,
                        max_instances,
                        cold_start_minutes,
                    } => {
                        let month = autoscaled::month(
                            hourly,
                            busy_per_query,
                            min_instances,
                            max_instances,
                            cold_start_minutes,
                            *usd_per_hour,
                            *max_utilization,
                        );
                        variable[c::GPU_BUSY] = month.busy_usd;
                        variable[c::GPU_IDLE] = month.idle_usd;
                        month
                    }
                    Hosting::Serverless {
                        price_premium,
                        idle_timeout_s,
                        cold_start_s,
                    } => {
                        let calls_per_query = if m.queries > 0.0 {
                            own_share * (chat_calls + agent_calls + loop_calls) / m.queries
                        } else {
                            0.0
                        };
                        let month = serverless::month(
                            (0..hourly.len()).map(|h| (hourly[h] * calls_per_query, hour_busy(h))),
                            *usd_per_hour,
                            price_premium,
                            idle_timeout_s,
                            cold_start_s,
                        );
                        variable[c::GPU_BUSY] = month.busy_usd;
                        variable[c::GPU_IDLE] = month.idle_usd;
                        month
                    }
                };
                // The loops' share of busy time is shown as agent loops, in the
                // same bucket (fixed for dedicated, variable otherwise).
                let bucket = if matches!(hosting, Hosting::Dedicated { .. }) {
                    &mut fixed
                } else {
                    &mut variable
                };
                let loop_part = if busy_s > 0.0 {
                    bucket[c::GPU_BUSY] * loop_s / busy_s
                } else {
                    0.0
                };
                bucket[c::GPU_BUSY] -= loop_part;
                bucket[c::AGENT_LOOPS] += loop_part;
                utilization = Some(cost.utilization);
                overloaded_hours = cost.overloaded_hours;
            }
        }
        variable[c::AGENT_LOOPS] += loop_usd;

        // Retrieval: embeddings, reranker, vector database.
        let mut retrieval_multiplier = 0.0;
        if let Some(r) = &a.retrieval {
            let churn = own(inputs::CORPUS_CHURN);
            variable[c::EMBEDDINGS] =
                embeddings::embedding_usd(m.queries * m.query_tokens, r.embed_usd_per_m);
            fixed[c::EMBEDDINGS] =
                embeddings::embedding_usd(churn * r.corpus_tokens, r.embed_usd_per_m);
            upfront[c::EMBEDDINGS] = embeddings::embedding_usd(r.corpus_tokens, r.embed_usd_per_m);
            if let Some(price) = &r.reranker {
                variable[c::RERANKER] =
                    reranker::rerank_usd(chat_calls + m.agent_runs, r.chunks_retrieved, price);
            }
            fixed[c::VECTOR_DB] = r.vector_db_usd_per_month;
            retrieval_multiplier = tokens::retrieval_multiplier(context, m.query_tokens);
        }
        fixed[c::CACHE] = a.cache_usd_per_month;
        fixed[c::OVERHEADS] = a.overheads_usd;

        // Fine-tuning lifecycle.
        if let Some(ft) = &a.fine_tuning {
            let curation_usd = curation::curation_usd(
                ft.examples,
                own(inputs::MINUTES_PER_EXAMPLE),
                ft.sme_usd_per_hour,
            );
            let run_usd = training::training_usd(
                1.0,
                own(inputs::HOURS_PER_RUN),
                ft.train_usd_per_hour,
                &ft.training_spot,
            );
            upfront[c::CURATION] = curation_usd;
            upfront[c::TRAINING] = run_usd * ft.runs_per_sweep;
            retrain_each[c::RETRAINING] =
                ft.retrain_curation_share * curation_usd + ft.retrain_runs * run_usd;
        }

        let h = f64::from(s.horizon_months.max(1));
        let retrains = a.fine_tuning.as_ref().map_or(0.0, |f| f.retrains);
        let mut breakdown: Breakdown = [0.0; c::N];
        for k in 0..c::N {
            breakdown[k] = variable[k] * self.growth_factor
                + fixed[k]
                + upfront[k] / h
                + retrain_each[k] * retrains / h;
        }
        let monthly_usd: f64 = breakdown.iter().sum();
        let queries = m.queries * self.growth_factor;
        let per_query = if queries > 0.0 {
            monthly_usd / queries
        } else {
            0.0
        };
        let successes = queries * m.success_rate;
        ArchTrial {
            breakdown,
            monthly_usd,
            queries,
            cost_per_query_usd: per_query,
            cost_per_conversation_usd: per_query * m.turns,
            cost_per_success_usd: if successes > 0.0 {
                monthly_usd / successes
            } else {
                0.0
            },
            margin_usd: s
                .outcome
                .value_per_success_usd
                .map(|v| successes * v - monthly_usd),
            variable_usd: variable.iter().sum(),
            fixed_usd: fixed.iter().sum(),
            upfront_usd: upfront.iter().sum(),
            retrain_each_usd: retrain_each.iter().sum(),
            utilization,
            idle_hours_share,
            overloaded_hours,
            loops: m.loops,
            loop_usd: breakdown[c::AGENT_LOOPS],
            retrieval_multiplier,
        }
    }

    /// What one more token costs: for a per-run budget cap. Self-hosted tokens
    /// are priced at the busy instance time they take.
    fn marginal_prices(
        &self,
        a: &PreparedArch,
        frontier_share: f64,
        call_input: f64,
    ) -> TokenPrices {
        let own = match &a.llm {
            Llm::Managed(p) => *p,
            Llm::SelfHosted {
                throughput,
                usd_per_hour,
                ..
            } => {
                let usd_per_s = usd_per_hour / 3_600.0;
                TokenPrices {
                    usd_per_input_token: usd_per_s
                        * throughput.busy_seconds(1.0, call_input.max(1.0), 0.0)
                        / call_input.max(1.0),
                    usd_per_output_token: usd_per_s * throughput.busy_seconds(0.0, 0.0, 1.0),
                }
            }
        };
        match &a.frontier {
            Some(f) => TokenPrices {
                usd_per_input_token: (1.0 - frontier_share) * own.usd_per_input_token
                    + frontier_share * f.usd_per_input_token,
                usd_per_output_token: (1.0 - frontier_share) * own.usd_per_output_token
                    + frontier_share * f.usd_per_output_token,
            },
            None => own,
        }
    }
}

/// The draws of one trial that every architecture shares.
struct Month {
    queries: f64,
    queries_per_day: f64,
    turns: f64,
    query_tokens: f64,
    output_tokens: f64,
    agent_runs: f64,
    loops: f64,
    success_rate: f64,
}

fn prepare_arch(
    s: &Scenario,
    catalog: &Catalog,
    i: usize,
    a: &crate::scenario::Architecture,
) -> Result<PreparedArch, ModelError> {
    let field = format!("architectures[{i}]");
    let llm = match &a.serving {
        Serving::ManagedApi(api) => Llm::Managed(TokenPrices::of(
            catalog.model(&format!("{field}.serving.model"), &api.model)?,
            api,
        )),
        Serving::SelfHosted(h) => {
            let acc =
                catalog.accelerator(&format!("{field}.serving.accelerator"), &h.accelerator)?;
            let throughput = Throughput::new(acc, h, &format!("{field}.serving.model_params_b"))?;
            let usd_per_hour = match h.hosting {
                Hosting::Serverless { .. } => acc.usd_per_hour,
                _ => spot::effective_usd_per_hour(acc.usd_per_hour, &h.spot),
            };
            Llm::SelfHosted {
                throughput,
                usd_per_hour,
                hosting: h.hosting.clone(),
                max_utilization: h.max_utilization,
            }
        }
    };
    let frontier = match &a.routing {
        Some(r) => Some(TokenPrices::list(catalog.model(
            &format!("{field}.routing.frontier_model"),
            &r.frontier_model,
        )?)),
        None => None,
    };
    let retrieval = match a.design.retrieval() {
        Some(r) => {
            let f = format!("{field}.design.retrieval");
            let embed = catalog.embedding(&format!("{f}.embedding_model"), &r.embedding_model)?;
            let reranker = match &r.reranker {
                Some(rr) => Some(
                    catalog
                        .reranker(&format!("{f}.reranker.model"), &rr.model)?
                        .clone(),
                ),
                None => None,
            };
            let sent = r
                .reranker
                .as_ref()
                .map_or(r.chunks_retrieved, |rr| rr.chunks_kept);
            let corpus_tokens = embeddings::corpus_tokens(r);
            let gb = vector_db::index_gb(
                corpus_tokens / r.chunk_tokens,
                embed.dimensions,
                &r.vector_db,
            );
            Some(PreparedRetrieval {
                corpus_tokens,
                embed_usd_per_m: embed.usd_per_m_tokens,
                context_tokens: tokens::retrieved_context_tokens(sent, r.chunk_tokens),
                chunks_retrieved: r.chunks_retrieved,
                reranker,
                vector_db_usd_per_month: vector_db::monthly_usd(gb, &r.vector_db),
            })
        }
        None => None,
    };
    let fine_tuning = match a.design.fine_tuning() {
        Some(ft) => {
            let acc = catalog.accelerator(
                &format!("{field}.design.fine_tuning.training_accelerator"),
                &ft.training_accelerator,
            )?;
            Some(PreparedFineTuning {
                examples: ft.examples,
                sme_usd_per_hour: ft.sme_usd_per_hour,
                train_usd_per_hour: acc.usd_per_hour,
                training_spot: ft.training_spot,
                runs_per_sweep: ft.runs_per_sweep,
                retrains: retraining::retrains_over(s.horizon_months, ft.retrain_every_months),
                retrain_curation_share: ft.retrain_curation_share,
                retrain_runs: ft.retrain_runs,
            })
        }
        None => None,
    };
    let g = &a.guardrails;
    Ok(PreparedArch {
        llm,
        frontier,
        retrieval,
        fine_tuning,
        instruction_tokens: a.instruction_tokens,
        output_cap: g.output_cap_tokens,
        history_cap: g.history_cap_tokens,
        cache_usd_per_month: g.semantic_cache.as_ref().map_or(0.0, |c| c.usd_per_month),
        step_limit: g.agent_step_limit.map_or(f64::INFINITY, f64::from),
        budget_cap: g.agent_budget_cap_usd,
        overheads_usd: overheads::monthly_usd(&a.overheads),
    })
}
