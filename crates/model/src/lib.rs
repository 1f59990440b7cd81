//! burnrate's shared TCO model.
//!
//! Pure functions and plain data: no web types, deterministic for a seed, so the
//! same scenario gives the same numbers in native tests, the CLI and the browser.

use serde::{Deserialize, Serialize};

/// The version of the scenario format; bumped whenever a stored scenario would
/// be read differently.
pub const SCHEMA_VERSION: u32 = 1;

/// Placeholder scenario until the engine lands: a name and a monthly budget.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Scenario {
    pub schema_version: u32,
    pub name: String,
    pub monthly_budget_usd: f64,
}

impl Default for Scenario {
    fn default() -> Self {
        Self {
            schema_version: SCHEMA_VERSION,
            name: "Untitled scenario".to_owned(),
            monthly_budget_usd: 10_000.0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_scenario_round_trips_through_json() {
        let scenario = Scenario::default();
        let json = serde_json::to_string(&scenario).unwrap();
        let back: Scenario = serde_json::from_str(&json).unwrap();
        assert_eq!(back, scenario);
        assert_eq!(back.schema_version, SCHEMA_VERSION);
    }
}
