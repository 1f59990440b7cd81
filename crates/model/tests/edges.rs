//! Property over the edges of every accepted range: each number of each
//! preset (its own catalog entries included) is set in turn to the extremes
//! a user or a link can type — zero, subnormals, the smallest and largest
//! positive values — and whatever validation accepts must simulate to
//! finite, non-negative costs whose breakdown sums to the mean, or be
//! refused with a message. Never a panic, never a NaN shown as $0.

use burnrate_model::catalog::Catalog;
use burnrate_model::migrate::scenario_from_json;
use burnrate_model::{Summary, presets, simulate};
use serde_json::Value;

/// The values each number is set to.
const EDGES: [f64; 16] = [
    -0.5, -0.1, 0.0, 5e-324, 1e-300, 1e-200, 1e-16, 1e-9, 1e-4, 0.5, 1.0, 3.0, 1e6, 1e12, 1e15,
    1e300,
];

/// Every path to a number in `v`.
fn number_paths(v: &Value, path: &mut Vec<PathStep>, out: &mut Vec<Vec<PathStep>>) {
    match v {
        Value::Number(_) => out.push(path.clone()),
        Value::Object(map) => {
            for (k, x) in map {
                path.push(PathStep::Key(k.clone()));
                number_paths(x, path, out);
                path.pop();
            }
        }
        Value::Array(items) => {
            for (i, x) in items.iter().enumerate() {
                path.push(PathStep::Index(i));
                number_paths(x, path, out);
                path.pop();
            }
        }
        _ => {}
    }
}

#[derive(Clone, Debug)]
enum PathStep {
    Key(String),
    Index(usize),
}

fn at<'a>(v: &'a mut Value, path: &[PathStep]) -> &'a mut Value {
    path.iter().fold(v, |v, step| match step {
        PathStep::Key(k) => &mut v[k.as_str()],
        PathStep::Index(i) => &mut v[*i],
    })
}

fn show(path: &[PathStep]) -> String {
    path.iter()
        .map(|s| match s {
            PathStep::Key(k) => format!(".{k}"),
            PathStep::Index(i) => format!("[{i}]"),
        })
        .collect()
}

/// The problems with a summary: non-finite or negative figures, a breakdown
/// that does not sum to the mean.
fn problems(r: &Summary) -> Option<String> {
    for a in &r.architectures {
        let m = &a.monthly_usd;
        let mut values = vec![m.mean, m.p5, m.p50, m.p95, m.p99, a.min_usd, a.max_usd];
        values.extend(a.breakdown_usd.values());
        values.extend([a.cost_per_query_usd.mean, a.cost_per_success_usd.mean]);
        values.extend(&a.cumulative_tco_usd);
        values.extend([a.first_month_usd.mean, a.peak_month_usd.mean]);
        if let Some(bad) = values.iter().find(|v| !v.is_finite() || **v < 0.0) {
            return Some(format!("{}: {bad}", a.id));
        }
        let sum: f64 = a.breakdown_usd.values().sum();
        if (sum - m.mean).abs() > 1e-9 * m.mean.abs().max(1e-9) {
            return Some(format!("{}: breakdown {sum} vs mean {}", a.id, m.mean));
        }
    }
    None
}

/// A preset as JSON, with the shipped catalog entries it uses copied into
/// its own catalog (so their numbers are edges too).
fn preset_json(id: &str) -> Value {
    let mut s = presets::preset(id).unwrap();
    s.trials = 24;
    let shipped = Catalog::shipped();
    let text = serde_json::to_string(&s).unwrap();
    let used = |entry_id: &str| text.contains(&format!("\"{entry_id}\""));
    s.catalog = Catalog {
        models: shipped
            .models
            .iter()
            .filter(|e| used(&e.id))
            .cloned()
            .collect(),
        embeddings: shipped
            .embeddings
            .iter()
            .filter(|e| used(&e.id))
            .cloned()
            .collect(),
        rerankers: shipped
            .rerankers
            .iter()
            .filter(|e| used(&e.id))
            .cloned()
            .collect(),
        accelerators: shipped
            .accelerators
            .iter()
            .filter(|e| used(&e.id))
            .cloned()
            .collect(),
        ..s.catalog
    };
    // Every pricing rule switched on, so its numbers are edges too.
    s.workload.utc_offset_hours = 5.5;
    for (i, m) in s.catalog.models.iter_mut().enumerate() {
        m.usd_per_m_cache_write = Some(m.usd_per_m_input * 1.25);
        m.usd_per_m_cache_write_1h = Some(m.usd_per_m_input * 2.0);
        // A tier with its own table keeps it (GPT-5.4's); the others a ratio.
        if m.flex.is_none() {
            m.flex_ratio = Some(0.5);
        }
        if m.priority.is_none() {
            m.priority_ratio = Some(2.0);
        }
        // The first model gets a long-context tier, the others hourly prices
        // (the two are not combined).
        if i == 0 {
            m.long_context = vec![burnrate_model::catalog::LongContextTier {
                above_input_tokens: 20_000.0,
                usd_per_m_input: m.usd_per_m_input * 2.0,
                usd_per_m_cached_input: m.usd_per_m_cached_input * 2.0,
                usd_per_m_output: m.usd_per_m_output * 1.5,
                usd_per_m_cache_write: None,
                usd_per_m_cache_write_1h: None,
            }];
            continue;
        }
        m.rules.push(burnrate_model::catalog::PriceRule {
            from: None,
            utc_start_hour: Some(22.5),
            utc_end_hour: Some(4.0),
            usd_per_m_input: m.usd_per_m_input * 2.0,
            usd_per_m_cached_input: m.usd_per_m_cached_input * 2.0,
            usd_per_m_output: m.usd_per_m_output * 2.0,
        });
    }
    for a in &mut s.architectures {
        if let burnrate_model::scenario::Serving::ManagedApi(api) = &mut a.serving {
            api.prompt_cache_share = api.prompt_cache_share.min(0.8);
            api.prompt_cache_write_share = 0.05;
            api.prompt_cache_write_1h_share = 0.5;
            api.flex_share = 0.1;
            api.priority_share = 0.1;
        }
    }
    serde_json::to_value(&s).unwrap()
}

#[test]
fn every_accepted_edge_gives_finite_costs_that_sum() {
    let mut failures = Vec::new();
    let mut accepted = 0;
    for (id, _) in presets::PRESETS {
        let base = preset_json(id);
        let mut paths = Vec::new();
        number_paths(&base, &mut Vec::new(), &mut paths);
        for path in &paths {
            let name = show(path);
            if name.ends_with("schema_version") || name.ends_with(".trials") {
                continue;
            }
            for edge in EDGES {
                let mut v = base.clone();
                *at(&mut v, path) = serde_json::json!(edge);
                let Ok(s) = scenario_from_json(v) else {
                    continue;
                };
                let r = match simulate(&s) {
                    Ok(r) => r,
                    // Refused after running: only for a cost above the cap,
                    // never for a NaN or a negative figure.
                    Err(e) if e.to_string().contains("came out as") => {
                        let e = e.to_string();
                        if e.contains("as NaN") || e.contains("as -") {
                            failures.push(format!("{id}{name} = {edge:e}: {e}"));
                        }
                        continue;
                    }
                    Err(_) => continue,
                };
                accepted += 1;
                if let Some(p) = problems(&r) {
                    failures.push(format!("{id}{name} = {edge:e}: {p}"));
                }
            }
        }
    }
    assert!(accepted > 1_000, "only {accepted} edge scenarios accepted");
    assert!(
        failures.is_empty(),
        "{} of {accepted} accepted edge scenarios give bad numbers:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// A valid scenario whose month would cost more than 10^15 is refused with
/// the architecture and the figure named, never shown clamped at the cap.
#[test]
fn a_month_beyond_the_cap_is_refused_by_name() {
    let mut s = presets::knowledge_base();
    s.trials = 50;
    s.workload.queries_per_day = burnrate_model::Dist::fixed(1e9);
    s.workload.query_tokens.mean_tokens = burnrate_model::Dist::fixed(1e7);
    let mut model = Catalog::shipped().models[0].clone();
    model.usd_per_m_input = 10_000.0;
    model.usd_per_m_cached_input = 10_000.0;
    // No window: the 10-million-token queries are not cut.
    model.context_window_tokens = None;
    s.catalog.models.push(model.clone());
    for a in &mut s.architectures {
        if let burnrate_model::levers::serving::Serving::ManagedApi(api) = &mut a.serving {
            api.model = model.id.clone();
        }
    }
    let e = match simulate(&s) {
        Ok(r) => panic!("accepted: {:?}", r.architectures[0].monthly_usd),
        Err(e) => e,
    };
    assert_eq!(e.field(), "architectures[0]", "{e}");
    assert!(e.to_string().contains("prompt_only's"), "{e}");
    assert!(e.to_string().contains("above 10^15"), "{e}");
}

/// Every string is bounded at validation, and an echoed value is cut short.
#[test]
fn text_is_bounded_and_echoed_short() {
    let refused = |edit: &dyn Fn(&mut burnrate_model::Scenario), field: &str| {
        let mut s = presets::idle_gpu();
        s.trials = 10;
        edit(&mut s);
        let e = simulate(&s).unwrap_err();
        assert_eq!(e.field(), field, "{e}");
        assert!(e.to_string().chars().count() < 300, "{e}");
    };
    refused(&|s| s.description = "d".repeat(5_001), "description");
    refused(&|s| s.currency = "DOUBLOONS".into(), "currency");
    refused(
        &|s| {
            let mut m = Catalog::shipped().models[0].clone();
            m.id = "m".repeat(101);
            s.catalog.models.push(m);
        },
        "catalog.models[0].id",
    );
    refused(
        &|s| {
            if let burnrate_model::levers::serving::Serving::SelfHosted(h) =
                &mut s.architectures[0].serving
            {
                h.fallback_model = "x".repeat(1_000_000);
            }
        },
        "architectures[0].serving.fallback_model",
    );
}

/// 25,000 own models (a 93 KB link once froze the page 14 s): refused with a
/// message; the editor merges before validating, by an index (no timed
/// assertion here: the suite has none).
#[test]
fn a_huge_own_catalog_is_refused_and_merges_in_linear_time() {
    let mut s = presets::knowledge_base();
    let base = Catalog::shipped().models[0].clone();
    s.catalog.models = (0..25_000)
        .map(|i| burnrate_model::catalog::ModelPrice {
            id: format!("m{i}"),
            ..base.clone()
        })
        .collect();
    let merged = Catalog::shipped().with_overrides(&s.catalog);
    assert_eq!(
        merged.models.len(),
        Catalog::shipped().models.len() + 25_000
    );
    let e = simulate(&s).unwrap_err();
    assert_eq!(e.field(), "catalog.models");
}

/// Messages show numbers as people read them and versions as written.
#[test]
fn messages_show_huge_numbers_and_versions_as_they_are() {
    let mut s = presets::idle_gpu();
    s.monthly_budget_usd = 1e308;
    let e = simulate(&s).unwrap_err().to_string();
    assert!(
        e.starts_with("monthly_budget_usd = 1e308 is out of range"),
        "{e}"
    );
    let mut v = serde_json::to_value(presets::idle_gpu()).unwrap();
    v["schema_version"] = 99_999_999_999u64.into();
    let e = scenario_from_json(v).unwrap_err().to_string();
    assert!(e.contains("schema_version 99999999999 is newer"), "{e}");
}
