//! Reading scenarios written by older versions of burnrate. Each step takes
//! the JSON of one schema version to the next; a scenario from a newer
//! version is refused with a plain message instead of being misread.

use serde_json::Value;

use crate::error::ModelError;
use crate::scenario::{SCHEMA_VERSION, Scenario};

/// Upgrades scenario JSON of any known version in place, then reads it.
pub fn scenario_from_json(mut v: Value) -> Result<Scenario, ModelError> {
    let version = match v.get("schema_version") {
        Some(n) => n.as_u64().ok_or_else(|| {
            ModelError::Parse(format!(
                "schema_version: {} is not a version number (1, 2, …)",
                crate::error::shortened(&n.to_string())
            ))
        })?,
        None => {
            return Err(ModelError::Parse(
                "schema_version: missing, so this is not a burnrate scenario (it has no schema_version)"
                    .into(),
            ));
        }
    };
    if version > u64::from(SCHEMA_VERSION) {
        return Err(ModelError::FutureVersion {
            found: version,
            supported: SCHEMA_VERSION,
        });
    }
    let version = version as u32;
    if version == 0 {
        return Err(ModelError::Parse(
            "schema_version: 0 is not a version number (1, 2, …)".into(),
        ));
    }
    for from in version..SCHEMA_VERSION {
        match from {
            1 => v1_to_v2(&mut v),
            2 => v2_to_v3(&mut v),
            3 => v3_to_v4(&mut v),
            4 => v4_to_v5(&mut v),
            _ => unreachable_step(from)?,
        }
        v["schema_version"] = Value::from(from + 1);
    }
    // The path of the value serde refused, so every message names its field
    // (serde's own says only "invalid type: string \"abc\", expected f64").
    // It also shrinks the app: jobs read their scenario through here too, so
    // the scenario's deserialiser is compiled once.
    crate::path_reader::read(v)
        .map_err(|e| ModelError::Parse(cut_middle(&crate::error::in_words(&e.to_string()))))
}

/// A message with a long echoed value cut in the middle, keeping its start
/// (what was found) and its end (what was expected).
fn cut_middle(message: &str) -> String {
    let n = message.chars().count();
    // A list of the fields a place may have fits whole.
    if n <= 300 {
        return message.to_owned();
    }
    let head: String = message.chars().take(220).collect();
    let tail: String = message.chars().skip(n - 60).collect();
    format!("{head}…{tail}")
}

/// Parses scenario JSON text of any known version.
pub fn scenario_from_str(text: &str) -> Result<Scenario, ModelError> {
    let v: Value = serde_json::from_str(text)
        .map_err(|e| ModelError::Parse(crate::error::json_error_in_words(&e)))?;
    scenario_from_json(v)
}

fn unreachable_step(from: u32) -> Result<(), ModelError> {
    Err(ModelError::Parse(format!(
        "no migration from schema_version {from}"
    )))
}

/// v2 made "value per success" optional: v1 wrote 0 for "not set".
fn v1_to_v2(v: &mut Value) {
    if let Some(value) = v.pointer_mut("/outcome/value_per_success_usd")
        && value.as_f64() == Some(0.0)
    {
        *value = Value::Null;
    }
}

/// v3's catalog moved p5.48xlarge from $98.32 to $55.04 an hour (AWS's
/// June 2025 reduction): a v2 scenario that uses it and does not carry it
/// keeps the price it was made with, as its own entry. (Links since
/// schema 2 carry their prices; autosaves and files do not.)
fn v2_to_v3(v: &mut Value) {
    let p5 = (
        "p5.48xlarge",
        "AWS p5.48xlarge (8x NVIDIA H100 80 GB)",
        98.32,
        8,
        80.0,
        [45000.0, 8000.0, 130.0],
    );
    let source = "burnrate's catalog of schema 2 (AWS list price before the June 2025 reduction)";
    keep_old_accelerator(v, old_accelerator(p5, source), true);
}

/// An accelerator as an older catalog had it: id, name, $ an hour, devices,
/// GB a device, and prefill, decode and single-stream tokens/s (7B, fp16).
type OldAccelerator = (&'static str, &'static str, f64, u32, f64, [f64; 3]);

fn old_accelerator(a: OldAccelerator, source: &str) -> Value {
    let (id, name, usd, devices, gb, t) = a;
    serde_json::json!({
        "id": id,
        "name": name,
        "usd_per_hour": usd,
        "devices": devices,
        "memory_gb_per_device": gb,
        "prefill_tokens_per_s_7b": t[0],
        "decode_tokens_per_s_7b": t[1],
        "single_stream_decode_tokens_per_s_7b": t[2],
        "source": source
    })
}

/// v4's catalog took its throughputs from benchmarks: Inferentia2's from
/// AWS's Neuron benchmark (82 decode and 1,916 prompt tokens/s a chip for
/// 7B) instead of figures set to reproduce a price-performance claim (1,270
/// and 6,300), the H100's and A100's from TensorRT-LLM's instead of
/// estimates; and int4's one-request speed-up from AWQ's measurement (2.2,
/// was 2.0). A v3 scenario on one of those instances, or at int4, that does
/// not carry the entry keeps the figures it was made with.
fn v3_to_v4(v: &mut Value) {
    let old = |id, name, usd, devices, gb, t| {
        let source = "burnrate's catalog of schema 3 (throughput estimated, or for Inferentia set for seed 002's 'up to 40% better price-performance')";
        old_accelerator((id, name, usd, devices, gb, t), source)
    };
    for entry in [
        old(
            "inf2.xlarge",
            "AWS inf2.xlarge (1x Inferentia2 32 GB)",
            0.758,
            1,
            32.0,
            [6300.0, 1270.0, 34.0],
        ),
        old(
            "inf2.8xlarge",
            "AWS inf2.8xlarge (1x Inferentia2 32 GB, more vCPUs)",
            1.968,
            1,
            32.0,
            [6300.0, 1270.0, 34.0],
        ),
        old(
            "p5.48xlarge",
            "AWS p5.48xlarge (8x NVIDIA H100 80 GB)",
            55.04,
            8,
            80.0,
            [45000.0, 8000.0, 130.0],
        ),
        old(
            "p4d.24xlarge",
            "AWS p4d.24xlarge (8x NVIDIA A100 40 GB)",
            32.773,
            8,
            40.0,
            [20000.0, 3500.0, 65.0],
        ),
    ] {
        keep_old_accelerator(v, entry, false);
    }
    // int4's one-request decode speed-up: AWQ's measured 2.2 since v4, an estimate of 2.0 before.
    let int4 = uses(v, |a| {
        a.pointer("/serving/quantization").and_then(Value::as_str) == Some("int4")
    });
    keep_old_entry(
        v,
        "quantization",
        serde_json::json!({
            "id": "int4",
            "bytes_per_param": 0.5,
            "batched_decode_speedup": 2.0,
            "single_stream_decode_speedup": 2.0,
            "source": "burnrate's catalog of schema 3 (an estimate)"
        }),
        int4,
    );
}

/// v5's catalog takes its instances from the sourced instance list
/// (`public/accelerators.json`): p4d.24xlarge, priced at $32.773 before
/// AWS's June 2025 cut with no current source, and inf2.8xlarge left it (the
/// fine-tuned arms now train on a p4de.24xlarge, $27.4471). A v4 scenario
/// that serves or trains on either and does not carry it keeps the entry it
/// was made with; its training instance stays what it named.
fn v4_to_v5(v: &mut Value) {
    let source = "burnrate's catalog of schema 4 (AWS's pricing pages, read 2025-06-01)";
    for entry in [
        (
            "p4d.24xlarge",
            "AWS p4d.24xlarge (8x NVIDIA A100 40 GB)",
            32.773,
            8,
            40.0,
            [14621.0, 4581.0, 65.0],
        ),
        (
            "inf2.8xlarge",
            "AWS inf2.8xlarge (1x Inferentia2 32 GB, more vCPUs)",
            1.968,
            1,
            32.0,
            [1916.0, 82.0, 34.0],
        ),
    ] {
        keep_old_accelerator(v, old_accelerator(entry, source), true);
    }
}

/// Adds the old catalog's `entry` to the scenario's own accelerators when
/// an architecture serves on it (or trains on it, when `training` counts:
/// a price change does, a throughput change does not) and the scenario
/// does not carry it.
fn keep_old_accelerator(v: &mut Value, entry: Value, training: bool) {
    let id = entry["id"].as_str().unwrap_or_default().to_owned();
    let uses = uses(v, |a| {
        a.pointer("/serving/accelerator").and_then(Value::as_str) == Some(&id)
            || training
                && a.pointer("/design/fine_tuning/training_accelerator")
                    .and_then(Value::as_str)
                    == Some(&id)
    });
    keep_old_entry(v, "accelerators", entry, uses);
}

/// Whether an architecture of `v` is `such`.
fn uses(v: &Value, such: impl Fn(&Value) -> bool) -> bool {
    v.get("architectures")
        .and_then(Value::as_array)
        .is_some_and(|archs| archs.iter().any(such))
}

/// Adds `entry` to the scenario's own catalog entries of `kind` when it
/// `uses` it and does not carry an entry of that id.
fn keep_old_entry(v: &mut Value, kind: &str, entry: Value, uses: bool) {
    let id = entry["id"].as_str().unwrap_or_default();
    let carries = v
        .pointer(&format!("/catalog/{kind}"))
        .and_then(Value::as_array)
        .is_some_and(|own| {
            own.iter()
                .any(|e| e.get("id").and_then(Value::as_str) == Some(id))
        });
    if !uses || carries || !v.is_object() {
        return;
    }
    if !v.get("catalog").is_some_and(Value::is_object) {
        v["catalog"] = serde_json::json!({});
    }
    if !v["catalog"].get(kind).is_some_and(Value::is_array) {
        v["catalog"][kind] = serde_json::json!([]);
    }
    if let Some(own) = v["catalog"][kind].as_array_mut() {
        own.push(entry);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::presets;

    /// A v1 scenario (as v1 wrote it) reads as the v2 one.
    #[test]
    fn v1_zero_value_per_success_becomes_unset() {
        let mut v = serde_json::to_value(presets::idle_gpu()).unwrap();
        v["schema_version"] = 1.into();
        v["outcome"]["value_per_success_usd"] = 0.0.into();
        let s = scenario_from_json(v).unwrap();
        assert_eq!(s.schema_version, SCHEMA_VERSION);
        assert_eq!(s.outcome.value_per_success_usd, None);
        assert_eq!(s, presets::idle_gpu());
    }

    #[test]
    fn v1_set_value_per_success_is_kept() {
        let mut v = serde_json::to_value(presets::runaway_agent()).unwrap();
        v["schema_version"] = 1.into();
        v["outcome"]["value_per_success_usd"] = 6.0.into();
        assert_eq!(scenario_from_json(v).unwrap(), presets::runaway_agent());
    }

    /// A v2 scenario on a p5.48xlarge gives the numbers it gave under v2's
    /// catalog ($98.32 an hour); the same scenario written under v3 uses
    /// today's $55.04.
    #[test]
    fn v2_scenarios_on_p5_keep_their_price() {
        let mut s = presets::idle_gpu();
        s.trials = 200;
        if let crate::scenario::Serving::SelfHosted(h) = &mut s.architectures[0].serving {
            h.accelerator = "p5.48xlarge".into();
        }
        let mut v = serde_json::to_value(&s).unwrap();
        v["schema_version"] = 2.into();
        let migrated = scenario_from_json(v).unwrap();
        let own = &migrated.catalog.accelerators;
        assert_eq!(own.len(), 1);
        assert_eq!(
            (own[0].id.as_str(), own[0].usd_per_hour),
            ("p5.48xlarge", 98.32)
        );
        let today = crate::catalog::Catalog::shipped();
        assert_eq!(
            today.accelerator("a", "p5.48xlarge").unwrap().usd_per_hour,
            55.04
        );
        // Dedicated all month: the instance hours at each price.
        let cost = |s: &Scenario| {
            crate::simulate(s).unwrap().architectures[0]
                .monthly_usd
                .mean
        };
        assert!(cost(&migrated) > cost(&s));
        // One instance, on demand, 730 hours a month (24 x 365 / 12), at
        // $98.32 instead of $55.04; nothing else differs.
        let hours = 24.0 * 365.0 / 12.0;
        let gap = cost(&migrated) - cost(&s);
        assert!((gap - hours * (98.32 - 55.04)).abs() < 1e-6, "{gap}");
        // A scenario that carries its own p5 entry, or does not use one, is left alone.
        let mut v = serde_json::to_value(&migrated).unwrap();
        v["schema_version"] = 2.into();
        assert_eq!(scenario_from_json(v).unwrap(), migrated);
        let mut v = serde_json::to_value(presets::idle_gpu()).unwrap();
        v["schema_version"] = 2.into();
        assert_eq!(scenario_from_json(v).unwrap(), presets::idle_gpu());
    }

    /// A v3 scenario serving from an inf2.xlarge keeps the throughput it
    /// was made with (1,270 decode tokens/s a chip for 7B); today's catalog
    /// has the Neuron benchmark's 82. One that uses none is left alone.
    #[test]
    fn v3_scenarios_on_inferentia_keep_their_throughput() {
        let mut s = presets::idle_gpu();
        s.trials = 200;
        if let crate::scenario::Serving::SelfHosted(h) = &mut s.architectures[0].serving {
            h.accelerator = "inf2.xlarge".into();
        }
        let mut v = serde_json::to_value(&s).unwrap();
        v["schema_version"] = 3.into();
        let migrated = scenario_from_json(v).unwrap();
        let own = &migrated.catalog.accelerators;
        assert_eq!(own.len(), 1);
        assert_eq!(
            (own[0].id.as_str(), own[0].decode_tokens_per_s_7b),
            ("inf2.xlarge", 1270.0)
        );
        let today = crate::catalog::Catalog::shipped();
        let now = today.accelerator("a", "inf2.xlarge").unwrap();
        assert_eq!(
            (now.decode_tokens_per_s_7b, now.prefill_tokens_per_s_7b),
            (82.0, 1916.0)
        );
        // A v3 scenario at int4 keeps schema 3's one-request speed-up (2.0).
        let mut q = presets::idle_gpu();
        if let crate::scenario::Serving::SelfHosted(h) = &mut q.architectures[1].serving {
            h.quantization = crate::scenario::Quantization::Int4;
        }
        let mut v = serde_json::to_value(&q).unwrap();
        v["schema_version"] = 3.into();
        let own = scenario_from_json(v).unwrap().catalog.quantization;
        assert_eq!(own.len(), 1);
        assert_eq!(
            (own[0].id.as_str(), own[0].single_stream_decode_speedup),
            ("int4", 2.0)
        );
        // Training time is priced by the hour, not by throughput: a v3
        // scenario that only trains on an instance (text-to-sql) is left alone.
        let mut v = serde_json::to_value(presets::text_to_sql()).unwrap();
        v["schema_version"] = 3.into();
        assert_eq!(scenario_from_json(v).unwrap(), presets::text_to_sql());
        let mut v = serde_json::to_value(presets::idle_gpu()).unwrap();
        v["schema_version"] = 3.into();
        assert_eq!(scenario_from_json(v).unwrap(), presets::idle_gpu());
    }

    /// A v4 scenario that trains on a p4d.24xlarge (text-to-sql as schema 4
    /// wrote it) keeps schema 4's entry, $32.773 an hour, as its own: today's
    /// catalog has no p4d, so without it the scenario would be refused.
    /// One that serves on an inf2.8xlarge keeps that too; one on neither is
    /// left alone.
    #[test]
    fn v4_scenarios_on_instances_that_left_the_catalog_keep_them() {
        let mut s = presets::text_to_sql();
        s.trials = 200;
        for a in &mut s.architectures {
            if let crate::scenario::Design::FineTuned { fine_tuning }
            | crate::scenario::Design::Hybrid { fine_tuning, .. } = &mut a.design
            {
                fine_tuning.training_accelerator = "p4d.24xlarge".into();
            }
        }
        assert!(crate::simulate(&s).is_err(), "no p4d in today's catalog");
        let mut v = serde_json::to_value(&s).unwrap();
        v["schema_version"] = 4.into();
        let migrated = scenario_from_json(v).unwrap();
        let own = &migrated.catalog.accelerators;
        assert_eq!(own.len(), 1);
        assert_eq!(
            (own[0].id.as_str(), own[0].usd_per_hour, own[0].devices),
            ("p4d.24xlarge", 32.773, 8)
        );
        assert!(crate::simulate(&migrated).is_ok());

        let mut s = presets::idle_gpu();
        if let crate::scenario::Serving::SelfHosted(h) = &mut s.architectures[0].serving {
            h.accelerator = "inf2.8xlarge".into();
        }
        let mut v = serde_json::to_value(&s).unwrap();
        v["schema_version"] = 4.into();
        let own = scenario_from_json(v).unwrap().catalog.accelerators;
        assert_eq!(
            (
                own[0].id.as_str(),
                own[0].usd_per_hour,
                own[0].decode_tokens_per_s_7b
            ),
            ("inf2.8xlarge", 1.968, 82.0)
        );
        for preset in [presets::text_to_sql(), presets::idle_gpu()] {
            let mut v = serde_json::to_value(&preset).unwrap();
            v["schema_version"] = 4.into();
            assert_eq!(scenario_from_json(v).unwrap(), preset);
        }
    }

    #[test]
    fn newer_and_unversioned_scenarios_are_refused_plainly() {
        let mut v = serde_json::to_value(presets::idle_gpu()).unwrap();
        v["schema_version"] = 7.into();
        assert!(
            scenario_from_json(v.clone())
                .unwrap_err()
                .to_string()
                .contains("newer")
        );
        v.as_object_mut().unwrap().remove("schema_version");
        assert!(
            scenario_from_json(v)
                .unwrap_err()
                .to_string()
                .contains("no schema_version")
        );
    }
}
