//! Checks a scenario before it runs: each problem is a typed error naming the
//! field, the value and the rule. A scenario that passes cannot produce a NaN,
//! an infinity or a negative cost.

use crate::error::{ModelError, check_non_negative, check_range, check_share};
use crate::scenario::*;

/// Validates the whole scenario (catalog names are checked when it is prepared).
pub fn validate(s: &Scenario) -> Result<(), ModelError> {
    if s.schema_version > SCHEMA_VERSION {
        return Err(ModelError::FutureVersion {
            found: u64::from(s.schema_version),
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
    if let Some(m) = &s.start_month
        && crate::calendar::parse_month(m).is_none()
    {
        return Err(ModelError::Invalid {
            field: "start_month".into(),
            message: format!(
                "{} is not a month: write it as YYYY-MM, e.g. 2027-01",
                crate::error::shortened(m)
            ),
        });
    }
    check_non_negative("monthly_budget_usd", s.monthly_budget_usd)?;
    crate::error::check_text("name", &s.name, 200)?;
    crate::error::check_text("description", &s.description, 5_000)?;
    crate::error::check_text("currency", &s.currency, 8)?;
    workload(&s.workload)?;
    s.agents.validate()?;
    SUCCESS_RATE
        .bound
        .check_dist("outcome.success_rate", &s.outcome.success_rate)?;
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
        a.validate(&format!("architectures[{i}]"))?;
        if s.architectures[..i].iter().any(|b| b.id == a.id) {
            return Err(ModelError::Invalid {
                field: format!("architectures[{i}].id"),
                message: format!("\"{}\" is used by another architecture", a.id),
            });
        }
    }
    s.catalog.validate("catalog")?;
    own_ids_once(&s.catalog)?;
    Ok(())
}

fn workload(w: &Workload) -> Result<(), ModelError> {
    QUERIES_PER_DAY
        .bound
        .check_dist("workload.queries_per_day", &w.queries_per_day)?;
    MONTHLY_GROWTH.check("workload.monthly_growth", w.monthly_growth)?;
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
    // Time zones run from UTC−12 to UTC+14.
    check_range(
        "workload.utc_offset_hours",
        w.utc_offset_hours,
        -12.0,
        14.0,
        "must be between −12 and +14 hours",
    )?;
    WEEKEND_FACTOR.check("workload.weekend_factor", w.weekend_factor)?;
    if w.hourly_burst_cv != 0.0 {
        HOURLY_BURST_CV.check("workload.hourly_burst_cv", w.hourly_burst_cv)?;
    }
    TURNS
        .bound
        .check_dist("workload.turns_per_conversation", &w.turns_per_conversation)?;
    QUERY_TOKENS.bound.check_dist(
        "workload.query_tokens.mean_tokens",
        &w.query_tokens.mean_tokens,
    )?;
    CV_PER_QUERY.check(
        "workload.query_tokens.cv_per_query",
        w.query_tokens.cv_per_query,
    )?;
    OUTPUT_TOKENS.bound.check_dist(
        "workload.output_tokens.mean_tokens",
        &w.output_tokens.mean_tokens,
    )?;
    CV_PER_QUERY.check(
        "workload.output_tokens.cv_per_query",
        w.output_tokens.cv_per_query,
    )?;
    HISTORY_TOKENS_PER_TURN.check(
        "workload.history_tokens_per_turn",
        w.history_tokens_per_turn,
    )
}

/// A scenario's own entries name each id once: with two, the prices in use
/// (the last) and the ones a link keeps or the editor shows could differ.
fn own_ids_once(c: &crate::catalog::Catalog) -> Result<(), ModelError> {
    fn once<'a>(kind: &str, ids: impl Iterator<Item = &'a str>) -> Result<(), ModelError> {
        let mut seen = std::collections::BTreeSet::new();
        for (i, id) in ids.enumerate() {
            if !seen.insert(id) {
                return Err(ModelError::Invalid {
                    field: format!("catalog.{kind}[{i}].id"),
                    message: format!(
                        "{} appears twice among the scenario's own entries: keep one",
                        crate::error::shortened(id)
                    ),
                });
            }
        }
        Ok(())
    }
    once("models", c.models.iter().map(|e| e.id.as_str()))?;
    once("embeddings", c.embeddings.iter().map(|e| e.id.as_str()))?;
    once("rerankers", c.rerankers.iter().map(|e| e.id.as_str()))?;
    once("accelerators", c.accelerators.iter().map(|e| e.id.as_str()))
}
