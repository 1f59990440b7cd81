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
            _ => unreachable_step(from)?,
        }
        v["schema_version"] = Value::from(from + 1);
    }
    // The path of the value serde refused, so every message names its field
    // (serde's own says only "invalid type: string \"abc\", expected f64").
    // It also shrinks the app: jobs read their scenario through here too, so
    // the scenario's deserialiser is compiled once.
    crate::path_reader::read(v).map_err(|e| ModelError::Parse(cut_middle(&e.to_string())))
}

/// A message with a long echoed value cut in the middle, keeping its start
/// (what was found) and its end (what was expected).
fn cut_middle(message: &str) -> String {
    let n = message.chars().count();
    if n <= 200 {
        return message.to_owned();
    }
    let head: String = message.chars().take(120).collect();
    let tail: String = message.chars().skip(n - 60).collect();
    format!("{head}…{tail}")
}

/// Parses scenario JSON text of any known version.
pub fn scenario_from_str(text: &str) -> Result<Scenario, ModelError> {
    let v: Value = serde_json::from_str(text).map_err(|e| ModelError::Parse(e.to_string()))?;
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
        assert_eq!(s.schema_version, 2);
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
