//! Checks a scenario before it runs: each problem is a typed error naming the
//! field, the value and the rule. A scenario that passes cannot produce a NaN,
//! an infinity or a negative cost.

use crate::error::ModelError;
use crate::fields::{Validate, Walk};
use crate::scenario::{SCHEMA_VERSION, Scenario};

/// Validates the whole scenario: each field against the bound its lever
/// declares, then each section's rules (catalog names are checked when it
/// is prepared).
pub fn validate(s: &Scenario) -> Result<(), ModelError> {
    if s.schema_version > SCHEMA_VERSION {
        return Err(ModelError::FutureVersion {
            found: u64::from(s.schema_version),
            supported: SCHEMA_VERSION,
        });
    }
    let mut v = Validate::default();
    Walk::run(&mut v, "", &mut s.fields_only());
    if let Some(e) = v.error {
        return Err(e);
    }
    // Its own entries too, each id once (`Catalog::validate_entries`).
    s.catalog.validate("catalog")?;
    Ok(())
}
