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
    s.catalog.validate("catalog")?;
    own_ids_once(&s.catalog)?;
    Ok(())
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
