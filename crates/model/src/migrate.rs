//! Reading scenarios written by older versions of burnrate. Each step takes
//! the JSON of one schema version to the next; a scenario from a newer
//! version is refused with a plain message instead of being misread.

use serde_json::Value;

use crate::error::ModelError;
use crate::scenario::{SCHEMA_VERSION, Scenario};

/// Upgrades scenario JSON of any known version in place, then reads it.
pub fn scenario_from_json(mut v: Value) -> Result<Scenario, ModelError> {
    let version = v
        .get("schema_version")
        .and_then(Value::as_u64)
        .ok_or_else(|| {
            ModelError::Parse("it has no schema_version: not a burnrate scenario".into())
        })?;
    if version > u64::from(SCHEMA_VERSION) {
        return Err(ModelError::FutureVersion {
            found: version,
            supported: SCHEMA_VERSION,
        });
    }
    let version = version as u32;
    if version == 0 {
        return Err(ModelError::Parse("schema_version 0 does not exist".into()));
    }
    for from in version..SCHEMA_VERSION {
        match from {
            1 => v1_to_v2(&mut v),
            _ => unreachable_step(from)?,
        }
        v["schema_version"] = Value::from(from + 1);
    }
    serde_json::from_value(v).map_err(|e| ModelError::Parse(e.to_string()))
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
