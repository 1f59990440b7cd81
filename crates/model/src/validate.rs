//! Checks a scenario before it runs: each problem is a typed error naming the
//! field, the value and the rule. A scenario that passes cannot produce a NaN,
//! an infinity or a negative cost.

use crate::error::{ModelError, check_non_negative, check_positive, check_range, check_share};
use crate::scenario::*;

/// Validates the whole scenario (catalog names are checked when it is prepared).
pub fn validate(s: &Scenario) -> Result<(), ModelError> {
    if s.schema_version > SCHEMA_VERSION {
        return Err(ModelError::FutureVersion {
            found: s.schema_version,
            supported: SCHEMA_VERSION,
        });
    }
    check_range(
        "trials",
        f64::from(s.trials),
        1.0,
        f64::from(MAX_TRIALS),
        "must be between 1 and 1,000,000",
    )?;
    check_range(
        "horizon_months",
        f64::from(s.horizon_months),
        1.0,
        120.0,
        "must be between 1 and 120 months",
    )?;
    check_non_negative("monthly_budget_usd", s.monthly_budget_usd)?;
    if s.name.chars().count() > 200 {
        return Err(ModelError::Invalid {
            field: "name".into(),
            message: "must be at most 200 characters".into(),
        });
    }
    workload(&s.workload)?;
    agents(&s.agents)?;
    s.outcome
        .success_rate
        .validate("outcome.success_rate", 0.0, 1.0)?;
    if let Some(v) = s.outcome.value_per_success_usd {
        check_non_negative("outcome.value_per_success_usd", v)?;
    }
    if s.architectures.is_empty() {
        return Err(ModelError::Invalid {
            field: "architectures".into(),
            message: "add at least one architecture".into(),
        });
    }
    if s.architectures.len() > 8 {
        return Err(ModelError::Invalid {
            field: "architectures".into(),
            message: "at most 8 architectures".into(),
        });
    }
    for (i, a) in s.architectures.iter().enumerate() {
        architecture(&format!("architectures[{i}]"), a)?;
        if s.architectures[..i].iter().any(|b| b.id == a.id) {
            return Err(ModelError::Invalid {
                field: format!("architectures[{i}].id"),
                message: format!("\"{}\" is used by another architecture", a.id),
            });
        }
    }
    s.catalog.validate("catalog")?;
    Ok(())
}

fn workload(w: &Workload) -> Result<(), ModelError> {
    w.queries_per_day
        .validate("workload.queries_per_day", 0.0, 1e10)?;
    check_range(
        "workload.monthly_growth",
        w.monthly_growth,
        -0.5,
        2.0,
        "must be between -0.5 and 2 (−50% to +200% a month)",
    )?;
    check_share("workload.business_hours_share", w.business_hours_share)?;
    check_range(
        "workload.business_start_hour",
        f64::from(w.business_start_hour),
        0.0,
        23.0,
        "must be an hour from 0 to 23",
    )?;
    check_range(
        "workload.business_end_hour",
        f64::from(w.business_end_hour),
        f64::from(w.business_start_hour) + 1.0,
        24.0,
        "must be after the start hour and at most 24",
    )?;
    check_range(
        "workload.weekend_factor",
        w.weekend_factor,
        0.0,
        10.0,
        "must be between 0 and 10",
    )?;
    check_range(
        "workload.hourly_burst_cv",
        w.hourly_burst_cv,
        0.0,
        5.0,
        "must be between 0 and 5",
    )?;
    w.turns_per_conversation
        .validate("workload.turns_per_conversation", 1.0, 1e4)?;
    w.query_tokens
        .mean_tokens
        .validate("workload.query_tokens.mean_tokens", 0.0, 1e7)?;
    check_range(
        "workload.query_tokens.cv_per_query",
        w.query_tokens.cv_per_query,
        0.0,
        10.0,
        "must be between 0 and 10",
    )?;
    w.output_tokens
        .mean_tokens
        .validate("workload.output_tokens.mean_tokens", 0.0, 1e7)?;
    check_range(
        "workload.output_tokens.cv_per_query",
        w.output_tokens.cv_per_query,
        0.0,
        10.0,
        "must be between 0 and 10",
    )?;
    check_range(
        "workload.history_tokens_per_turn",
        w.history_tokens_per_turn,
        0.0,
        1e6,
        "must be between 0 and 1,000,000",
    )
}

fn agents(a: &Agents) -> Result<(), ModelError> {
    a.agentic_share.validate("agents.agentic_share", 0.0, 1.0)?;
    if !a.steps_per_run.is_count() {
        return Err(ModelError::Invalid {
            field: "agents.steps_per_run".into(),
            message: "must be a count: fixed, Poisson, negative binomial or geometric".into(),
        });
    }
    a.steps_per_run.validate("agents.steps_per_run", 0.0, 1e4)?;
    check_range(
        "agents.context_growth_tokens_per_step",
        a.context_growth_tokens_per_step,
        0.0,
        1e6,
        "must be between 0 and 1,000,000",
    )?;
    check_range(
        "agents.output_tokens_per_step",
        a.output_tokens_per_step,
        0.0,
        1e6,
        "must be between 0 and 1,000,000",
    )?;
    check_range(
        "agents.tool_usd_per_step",
        a.tool_usd_per_step,
        0.0,
        1e4,
        "must be between 0 and 10,000",
    )?;
    a.loop_probability
        .validate("agents.loop_probability", 0.0, 1.0)?;
    check_range(
        "agents.loop_timeout_steps",
        a.loop_timeout_steps,
        1.0,
        1e5,
        "must be between 1 and 100,000 steps",
    )
}

fn architecture(f: &str, a: &Architecture) -> Result<(), ModelError> {
    let id_ok = !a.id.is_empty()
        && a.id.len() <= 40
        && a.id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-');
    if !id_ok {
        return Err(ModelError::Invalid {
            field: format!("{f}.id"),
            message: "must be 1–40 characters of a–z, 0–9, _ or -".into(),
        });
    }
    if a.name.chars().count() > 100 {
        return Err(ModelError::Invalid {
            field: format!("{f}.name"),
            message: "must be at most 100 characters".into(),
        });
    }
    check_range(
        &format!("{f}.instruction_tokens"),
        a.instruction_tokens,
        0.0,
        1e7,
        "must be between 0 and 10,000,000",
    )?;
    if let Some(r) = a.design.retrieval() {
        retrieval(&format!("{f}.design.retrieval"), r)?;
    }
    if let Some(ft) = a.design.fine_tuning() {
        fine_tuning(&format!("{f}.design.fine_tuning"), ft)?;
    }
    match &a.serving {
        Serving::ManagedApi(m) => {
            check_share(
                &format!("{f}.serving.prompt_cache_share"),
                m.prompt_cache_share,
            )?;
            check_share(&format!("{f}.serving.batch_share"), m.batch_share)?;
        }
        Serving::SelfHosted(h) => self_hosted(&format!("{f}.serving"), h)?,
    }
    if let Some(r) = &a.routing {
        r.frontier_share
            .validate(&format!("{f}.routing.frontier_share"), 0.0, 1.0)?;
    }
    let g = &a.guardrails;
    let positive_opt = |name: &str, v: Option<f64>| match v {
        Some(v) => check_positive(&format!("{f}.guardrails.{name}"), v),
        None => Ok(()),
    };
    positive_opt("output_cap_tokens", g.output_cap_tokens)?;
    positive_opt("history_cap_tokens", g.history_cap_tokens)?;
    positive_opt("agent_budget_cap_usd", g.agent_budget_cap_usd)?;
    if let Some(limit) = g.agent_step_limit {
        check_range(
            &format!("{f}.guardrails.agent_step_limit"),
            f64::from(limit),
            1.0,
            1e5,
            "must be between 1 and 100,000",
        )?;
    }
    if let Some(c) = &g.semantic_cache {
        c.hit_rate
            .validate(&format!("{f}.guardrails.semantic_cache.hit_rate"), 0.0, 1.0)?;
        check_non_negative(
            &format!("{f}.guardrails.semantic_cache.usd_per_month"),
            c.usd_per_month,
        )?;
    }
    let o = &a.overheads;
    check_non_negative(
        &format!("{f}.overheads.engineering_hours_per_month"),
        o.engineering_hours_per_month,
    )?;
    check_non_negative(
        &format!("{f}.overheads.engineer_usd_per_hour"),
        o.engineer_usd_per_hour,
    )?;
    check_non_negative(
        &format!("{f}.overheads.monitoring_usd_per_month"),
        o.monitoring_usd_per_month,
    )?;
    check_non_negative(
        &format!("{f}.overheads.sandbox_usd_per_month"),
        o.sandbox_usd_per_month,
    )
}

fn retrieval(f: &str, r: &Retrieval) -> Result<(), ModelError> {
    check_range(
        &format!("{f}.corpus_gb"),
        r.corpus_gb,
        0.0,
        1e8,
        "must be between 0 and 100,000,000 GB",
    )?;
    check_share(&format!("{f}.text_share"), r.text_share)?;
    check_range(
        &format!("{f}.tokens_per_gb"),
        r.tokens_per_gb,
        1.0,
        1e10,
        "must be between 1 and 10,000,000,000",
    )?;
    r.monthly_churn
        .validate(&format!("{f}.monthly_churn"), 0.0, 1.0)?;
    check_range(
        &format!("{f}.chunk_tokens"),
        r.chunk_tokens,
        1.0,
        1e6,
        "must be between 1 and 1,000,000",
    )?;
    check_range(
        &format!("{f}.chunks_retrieved"),
        f64::from(r.chunks_retrieved),
        0.0,
        1e4,
        "must be between 0 and 10,000",
    )?;
    if let Some(rr) = &r.reranker
        && rr.chunks_kept > r.chunks_retrieved
    {
        return Err(ModelError::OutOfRange {
            field: format!("{f}.reranker.chunks_kept"),
            value: f64::from(rr.chunks_kept),
            rule: "must not exceed chunks_retrieved (a reranker passes k of the N retrieved)",
        });
    }
    let db = &r.vector_db;
    check_range(
        &format!("{f}.vector_db.index_overhead"),
        db.index_overhead,
        1.0,
        20.0,
        "must be between 1 and 20",
    )?;
    check_range(
        &format!("{f}.vector_db.replicas"),
        f64::from(db.replicas),
        1.0,
        100.0,
        "must be between 1 and 100",
    )?;
    if let VectorStorage::Disk { ram_share } = db.storage {
        check_share(&format!("{f}.vector_db.storage.ram_share"), ram_share)?;
    }
    check_non_negative(
        &format!("{f}.vector_db.ram_usd_per_gb_month"),
        db.ram_usd_per_gb_month,
    )?;
    check_non_negative(
        &format!("{f}.vector_db.ssd_usd_per_gb_month"),
        db.ssd_usd_per_gb_month,
    )?;
    check_non_negative(
        &format!("{f}.vector_db.base_usd_per_month"),
        db.base_usd_per_month,
    )
}

fn fine_tuning(f: &str, ft: &FineTuning) -> Result<(), ModelError> {
    check_range(
        &format!("{f}.examples"),
        ft.examples,
        0.0,
        1e8,
        "must be between 0 and 100,000,000",
    )?;
    ft.minutes_per_example
        .validate(&format!("{f}.minutes_per_example"), 0.0, 1e4)?;
    check_non_negative(&format!("{f}.sme_usd_per_hour"), ft.sme_usd_per_hour)?;
    ft.hours_per_run
        .validate(&format!("{f}.hours_per_run"), 0.0, 1e4)?;
    check_range(
        &format!("{f}.runs_per_sweep"),
        ft.runs_per_sweep,
        0.0,
        1e4,
        "must be between 0 and 10,000",
    )?;
    spot(&format!("{f}.training_spot"), &ft.training_spot)?;
    check_range(
        &format!("{f}.retrain_every_months"),
        ft.retrain_every_months,
        0.0,
        120.0,
        "must be between 0 (never) and 120",
    )?;
    if ft.retrain_every_months > 0.0 && ft.retrain_every_months < 1.0 / 31.0 {
        return Err(ModelError::OutOfRange {
            field: format!("{f}.retrain_every_months"),
            value: ft.retrain_every_months,
            rule: "retraining more than daily is not supported (0 means never)",
        });
    }
    check_share(
        &format!("{f}.retrain_curation_share"),
        ft.retrain_curation_share,
    )?;
    check_range(
        &format!("{f}.retrain_runs"),
        ft.retrain_runs,
        0.0,
        1e4,
        "must be between 0 and 10,000",
    )
}

fn self_hosted(f: &str, h: &SelfHosted) -> Result<(), ModelError> {
    check_range(
        &format!("{f}.model_params_b"),
        h.model_params_b,
        0.1,
        2_000.0,
        "must be between 0.1 and 2,000 billion",
    )?;
    check_range(
        &format!("{f}.max_utilization"),
        h.max_utilization,
        0.05,
        1.0,
        "must be between 0.05 and 1",
    )?;
    check_range(
        &format!("{f}.attention_knee_tokens"),
        h.attention_knee_tokens,
        100.0,
        1e8,
        "must be between 100 and 100,000,000",
    )?;
    spot(&format!("{f}.spot"), &h.spot)?;
    match h.hosting {
        Hosting::Dedicated { instances } => check_range(
            &format!("{f}.hosting.instances"),
            f64::from(instances),
            1.0,
            10_000.0,
            "must be between 1 and 10,000",
        ),
        Hosting::Autoscaled {
            min_instances,
            max_instances,
            cold_start_minutes,
        } => {
            check_range(
                &format!("{f}.hosting.max_instances"),
                f64::from(max_instances),
                1.0,
                10_000.0,
                "must be between 1 and 10,000",
            )?;
            check_range(
                &format!("{f}.hosting.min_instances"),
                f64::from(min_instances),
                0.0,
                f64::from(max_instances),
                "must be between 0 and max_instances",
            )?;
            check_range(
                &format!("{f}.hosting.cold_start_minutes"),
                cold_start_minutes,
                0.0,
                60.0,
                "must be between 0 and 60",
            )
        }
        Hosting::Serverless {
            price_premium,
            idle_timeout_s,
            cold_start_s,
        } => {
            check_range(
                &format!("{f}.hosting.price_premium"),
                price_premium,
                0.1,
                20.0,
                "must be between 0.1 and 20",
            )?;
            check_range(
                &format!("{f}.hosting.idle_timeout_s"),
                idle_timeout_s,
                0.0,
                3_600.0,
                "must be between 0 and 3,600 s",
            )?;
            check_range(
                &format!("{f}.hosting.cold_start_s"),
                cold_start_s,
                0.0,
                3_600.0,
                "must be between 0 and 3,600 s",
            )
        }
    }
}

fn spot(f: &str, s: &Spot) -> Result<(), ModelError> {
    check_share(&format!("{f}.share"), s.share)?;
    check_share(&format!("{f}.discount"), s.discount)?;
    check_range(
        &format!("{f}.interruption_overhead"),
        s.interruption_overhead,
        0.0,
        5.0,
        "must be between 0 and 5",
    )
}
