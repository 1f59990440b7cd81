//! One architecture's month: the fold over its prepared levers. Each lever
//! writes its costs into the ledger; the ledger is then extended over the
//! horizon (growth on variable costs, upfront work and retrains spread over
//! it) into the average month the results observe.

use super::price_periods::PricePeriods;
use super::{Month, Prepared};
use crate::inputs::{
    CACHE_HIT_RATE, CORPUS_CHURN, FRONTIER_SHARE, HOURS_PER_RUN, MINUTES_PER_EXAMPLE,
    REASONING_TOKENS,
};
use crate::levers::agents::Runs;
use crate::levers::ledger::{Bucket, Component, Costs, Ledger};
use crate::levers::serving::{Fleet, FleetStats};
use crate::levers::{ArchLevers, overheads, routing, semantic_cache};
use crate::outcome::{ArchOutcome, MAX_PRICE_PERIODS};

/// What folding one architecture's levers over a month gives.
struct Folded {
    ledger: Ledger,
    stats: FleetStats,
    retrieval_multiplier: f64,
    at_window: f64,
    cut_by_step_limit: f64,
    cut_by_budget_cap: f64,
}

impl Prepared {
    /// Costs architecture `a` in a month of draws `m`; `own` holds its own
    /// uncertain inputs by slot, `hourly` the month's queries by hour;
    /// `periods`, its levers under later prices inside the horizon.
    pub(super) fn cost_arch(
        &self,
        a: &ArchLevers,
        periods: Option<&PricePeriods>,
        m: &Month,
        own: &[f64],
        hourly: &[f64],
    ) -> ArchOutcome {
        let mut f = self.fold(a, m, own, hourly);
        let variable = *f.ledger.bucket(Bucket::Variable);
        let first_fixed = *f.ledger.bucket(Bucket::Fixed);
        let (mut var_by, mut fixed_by) = ([0.0; MAX_PRICE_PERIODS], [0.0; MAX_PRICE_PERIODS]);
        // One period without price changes: the month's growth is the horizon's.
        let w = periods.map_or(self.growth_factor, |p| p.grown_weight[0]);
        let mut grown = Costs::from_fn(|k| variable.get(Component::ALL[k]) * w);
        let mut fixed = first_fixed;
        if let Some(p) = periods {
            // Each period's variable costs grown and weighted, its fixed ones
            // (a fleet's fallback API is partly fixed) by its share of the
            // horizon's days; the run diagnostics likewise.
            let t = &p.time_weight;
            var_by[0] = variable.total();
            fixed_by[0] = first_fixed.total();
            fixed = Costs::from_fn(|k| first_fixed.get(Component::ALL[k]) * t[0]);
            f.at_window *= t[0];
            f.cut_by_step_limit *= t[0];
            f.cut_by_budget_cap *= t[0];
            for (j, later) in p.later.iter().enumerate() {
                let g = self.fold(later, m, own, hourly);
                let (v, x) = (
                    g.ledger.bucket(Bucket::Variable),
                    g.ledger.bucket(Bucket::Fixed),
                );
                for (c, usd) in v.iter() {
                    grown.add(c, usd * p.grown_weight[j + 1]);
                }
                for (c, usd) in x.iter() {
                    fixed.add(c, usd * t[j + 1]);
                }
                var_by[j + 1] = v.total();
                fixed_by[j + 1] = x.total();
                f.at_window += g.at_window * t[j + 1];
                f.cut_by_step_limit += g.cut_by_step_limit * t[j + 1];
                f.cut_by_budget_cap += g.cut_by_budget_cap * t[j + 1];
            }
        }
        let retrains = a.fine_tuning.as_ref().map_or(0.0, |f| f.retrains);
        let mut outcome = self.average_month(&f, &grown, &fixed, m, retrains);
        if periods.is_some() {
            outcome.by_period = Some((var_by, fixed_by));
        }
        let by_month = a
            .fine_tuning
            .as_ref()
            .map(|f| f.retrains_by_month.as_slice());
        (outcome.first_month_usd, outcome.peak_month_usd) =
            self.cash_flow(&outcome, periods, by_month);
        outcome
    }

    /// Architecture `a`'s spend in each month of the horizon by component:
    /// what `cash_flow` adds up for the month, per component (variable costs
    /// grown and priced by the shares of the month's days in each price
    /// period, fixed ones by the same shares, retrains in their months,
    /// upfront work in month one).
    pub(super) fn costs_by_month(
        &self,
        a: &ArchLevers,
        periods: Option<&PricePeriods>,
        m: &Month,
        own: &[f64],
        hourly: &[f64],
    ) -> Vec<Costs> {
        let first = self.fold(a, m, own, hourly).ledger;
        let later: Vec<Ledger> = periods.map_or_else(Vec::new, |p| {
            p.later
                .iter()
                .map(|l| self.fold(l, m, own, hourly).ledger)
                .collect()
        });
        let by_month = a
            .fine_tuning
            .as_ref()
            .map(|f| f.retrains_by_month.as_slice());
        let mut months = Vec::with_capacity(self.growth_by_month.len());
        for (i, grown) in self.growth_by_month.iter().enumerate() {
            let retrains = by_month.map_or(0.0, |r| r[i]);
            months.push(Costs::from_fn(|k| {
                let c = Component::ALL[k];
                let (variable, fixed) = match periods {
                    Some(p) => std::iter::once(&first)
                        .chain(&later)
                        .zip(&p.month_shares[i])
                        .fold((0.0, 0.0), |(v, x), (ledger, share)| {
                            (
                                v + share * ledger.get(Bucket::Variable, c),
                                x + share * ledger.get(Bucket::Fixed, c),
                            )
                        }),
                    None => (first.get(Bucket::Variable, c), first.get(Bucket::Fixed, c)),
                };
                let upfront = if i == 0 {
                    first.get(Bucket::Upfront, c)
                } else {
                    0.0
                };
                variable * grown + fixed + first.get(Bucket::RetrainEach, c) * retrains + upfront
            }));
        }
        months
    }

    /// Folds architecture `a`'s levers over a month of draws `m` into its ledger.
    fn fold(&self, a: &ArchLevers, m: &Month, own: &[f64], hourly: &[f64]) -> Folded {
        let mut ledger = Ledger::default();
        let frontier_share = if a.frontier.is_some() {
            own[FRONTIER_SHARE]
        } else {
            0.0
        };
        let chat_queries = (m.queries - m.agent_runs).max(0.0);
        let chat_calls = semantic_cache::calls_after_cache(chat_queries, own[CACHE_HIT_RATE]);
        let context = a.retrieval.as_ref().map_or(0.0, |r| r.context_tokens);
        let call = a.prompt.call_tokens(
            m.turns,
            m.query_tokens,
            m.output_tokens,
            context,
            own[REASONING_TOKENS],
        );
        let (call_input, call_output) = (call.input, call.output);
        let runs = Runs {
            agents: &self.scenario.agents,
            steps: &self.steps,
            agent_runs: m.agent_runs,
            loops: m.loops,
            output_cap: a.prompt.output_cap,
            step_limit: a.step_limit,
            budget_cap: a.budget_cap,
            window_tokens: a.prompt.window_tokens,
            reasoning_tokens: own[REASONING_TOKENS],
        };
        let marginal = || {
            a.llm
                .marginal_prices(call_input)
                .blend(a.frontier.as_ref().map(|f| f.step()), frontier_share)
        };
        let work = runs.work(chat_calls, call_input, call_output, marginal);
        // Routed calls are bounded by the frontier model's own window; where
        // it leaves them as the own model's does, they are the same calls.
        let routed = match &a.frontier {
            Some(_) if a.frontier_window != a.prompt.window_tokens => {
                let prompt = crate::levers::tokens::Prompt {
                    window_tokens: a.frontier_window,
                    ..a.prompt
                };
                let c = prompt.call_tokens(
                    m.turns,
                    m.query_tokens,
                    m.output_tokens,
                    context,
                    own[REASONING_TOKENS],
                );
                let runs = Runs {
                    window_tokens: a.frontier_window,
                    ..runs
                };
                let w = runs.work(chat_calls, c.input, c.output, marginal);
                (w != work).then_some((c, w))
            }
            _ => None,
        };
        // Each model's share of the month's figures.
        let mix = |own: f64, routed: f64| (1.0 - frontier_share) * own + frontier_share * routed;
        let routed_work = routed.as_ref().map_or(&work, |(_, w)| w);
        let (tool_usd, loop_tool_usd) = match &routed {
            Some((_, w)) => (
                mix(work.tool_usd, w.tool_usd),
                mix(work.loop_tool_usd, w.loop_tool_usd),
            ),
            None => (work.tool_usd, work.loop_tool_usd),
        };
        ledger.add(Bucket::Variable, Component::ToolCalls, tool_usd);
        let mut loop_usd = loop_tool_usd;
        if let Some(f) = &a.frontier {
            routing::cost(f, frontier_share, routed_work, &mut ledger, &mut loop_usd);
        }
        let fleet = Fleet {
            hourly,
            queries: m.queries,
            queries_per_day: m.queries_per_day,
            growth_factor: self.growth_factor,
            last_growth: self.growth_by_month.last().copied().unwrap_or(1.0),
            profile: &self.profile,
            burst_cv: self.scenario.workload.hourly_burst_cv,
        };
        let stats = a.llm.cost(
            &work,
            1.0 - frontier_share,
            &fleet,
            &mut ledger,
            &mut loop_usd,
        );
        ledger.add(Bucket::Variable, Component::AgentLoops, loop_usd);
        let retrieval_multiplier = match &a.retrieval {
            Some(r) => r.cost(
                m.queries,
                m.query_tokens,
                chat_calls + m.agent_runs,
                own[CORPUS_CHURN],
                &mut ledger,
            ),
            None => 0.0,
        };
        semantic_cache::cost(a.cache_usd_per_month, &mut ledger);
        overheads::cost(a.overheads_usd, &mut ledger);
        if let Some(ft) = &a.fine_tuning {
            ft.cost(own[MINUTES_PER_EXAMPLE], own[HOURS_PER_RUN], &mut ledger);
        }
        let mut folded = Folded {
            ledger,
            stats,
            retrieval_multiplier,
            at_window: 0.0,
            cut_by_step_limit: 0.0,
            cut_by_budget_cap: 0.0,
        };
        let share_at_window = |w: &crate::levers::agents::Work, chat_share: f64| {
            let calls = w.chat_calls + w.agent_calls + w.loop_calls;
            if calls > 0.0 {
                (chat_share * w.chat_calls + w.steps_at_window) / calls
            } else {
                0.0
            }
        };
        let cut = |w: &crate::levers::agents::Work| {
            if m.agent_runs > 0.0 {
                (
                    w.runs_cut_by_step_limit / m.agent_runs,
                    w.runs_cut_by_budget_cap / m.agent_runs,
                )
            } else {
                (0.0, 0.0)
            }
        };
        let own_at_window = share_at_window(&work, call.at_window);
        let (by_step, by_budget) = cut(&work);
        (
            folded.at_window,
            folded.cut_by_step_limit,
            folded.cut_by_budget_cap,
        ) = match &routed {
            Some((c, w)) => {
                let (step, budget) = cut(w);
                (
                    mix(own_at_window, share_at_window(w, c.at_window)),
                    mix(by_step, step),
                    mix(by_budget, budget),
                )
            }
            None => (own_at_window, by_step, by_budget),
        };
        folded
    }

    /// Spend in month one and in the costliest month of the horizon: month m
    /// pays the variable costs grown to it, the fixed ones, the upfront work
    /// in month one and the retrains that fall in it.
    fn cash_flow(
        &self,
        o: &ArchOutcome,
        periods: Option<&PricePeriods>,
        retrains_by_month: Option<&[f64]>,
    ) -> (f64, f64) {
        let (mut first, mut peak) = (0.0, 0.0);
        for (i, grown) in self.growth_by_month.iter().enumerate() {
            let retrains = retrains_by_month.map_or(0.0, |r| r[i]);
            let (variable, fixed) = match (periods, &o.by_period) {
                (Some(p), Some((var_by, fixed_by))) => {
                    let at = |by: &[f64; MAX_PRICE_PERIODS]| -> f64 {
                        p.month_shares[i]
                            .iter()
                            .zip(by)
                            .map(|(s, usd)| s * usd)
                            .sum()
                    };
                    (at(var_by), at(fixed_by))
                }
                _ => (o.variable_usd, o.fixed_usd),
            };
            let mut month = variable * grown + fixed + o.retrain_each_usd * retrains;
            if i == 0 {
                month += o.upfront_usd;
                first = month;
            }
            if month > peak {
                peak = month;
            }
        }
        (first, peak)
    }

    /// The ledger as an average month of the horizon, and the figures per
    /// query, conversation and success.
    /// `grown` is the variable costs of an average month, grown over the
    /// horizon, and `fixed` its fixed ones (both weighted by price period).
    fn average_month(
        &self,
        f: &Folded,
        grown: &Costs,
        fixed: &Costs,
        m: &Month,
        retrains: f64,
    ) -> ArchOutcome {
        let (ledger, stats) = (&f.ledger, f.stats);
        let s = &self.scenario;
        let h = f64::from(s.horizon_months.max(1));
        let (variable, first_fixed, upfront, retrain_each) = (
            ledger.bucket(Bucket::Variable),
            ledger.bucket(Bucket::Fixed),
            ledger.bucket(Bucket::Upfront),
            ledger.bucket(Bucket::RetrainEach),
        );
        let breakdown = Costs::from_fn(|k| {
            let c = Component::ALL[k];
            grown.get(c) + fixed.get(c) + upfront.get(c) / h + retrain_each.get(c) * retrains / h
        });
        let monthly_usd = breakdown.total();
        let queries = m.queries * self.growth_factor;
        let per_query = if queries > 0.0 {
            monthly_usd / queries
        } else {
            0.0
        };
        let successes = queries * m.success_rate;
        ArchOutcome {
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
            variable_usd: variable.total(),
            fixed_usd: first_fixed.total(),
            upfront_usd: upfront.total(),
            retrain_each_usd: retrain_each.total(),
            first_month_usd: 0.0,
            peak_month_usd: 0.0,
            utilization: stats.utilization,
            idle_hours_share: stats.idle_hours_share,
            overloaded_hours: stats.overloaded_hours,
            spilled_share: stats.spilled_share,
            provisioned_utilization: stats.provisioned.map(|p| p.utilization),
            throttled_share: stats.provisioned.map_or(0.0, |p| p.throttled_share),
            p_month_over_capacity: stats.provisioned.map_or(0.0, |p| p.p_month_over),
            loops: m.loops,
            loop_usd: breakdown.get(Component::AgentLoops),
            retrieval_multiplier: f.retrieval_multiplier,
            cut_by_step_limit: f.cut_by_step_limit,
            cut_by_budget_cap: f.cut_by_budget_cap,
            at_window: f.at_window,
            by_period: None,
        }
    }
}
