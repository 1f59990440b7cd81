//! The shipped catalog's instances are the sourced instance list's entries
//! (`public/accelerators.json`, built by `scripts/accelerators.py` from a
//! dated research file), field for field, and dated by that list: a
//! preset's GPU never carries a price the list does not.

use burnrate_model::catalog::{Accelerator, Catalog};
use serde::Deserialize;

#[derive(Deserialize)]
struct InstanceList {
    as_of: String,
    accelerators: Vec<Accelerator>,
}

fn instance_list() -> InstanceList {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../public/accelerators.json"
    );
    let text = std::fs::read_to_string(path).expect("public/accelerators.json is readable");
    serde_json::from_str(&text).expect("public/accelerators.json parses")
}

#[test]
fn every_catalog_instance_is_the_instance_lists_entry() {
    let list = instance_list();
    let catalog = Catalog::shipped();
    assert!(!catalog.accelerators.is_empty());
    for a in &catalog.accelerators {
        let listed = list
            .accelerators
            .iter()
            .find(|l| l.id == a.id)
            .unwrap_or_else(|| panic!("{} is not in public/accelerators.json", a.id));
        assert_eq!(a, listed, "{} differs from its entry in the list", a.id);
    }
    assert_eq!(catalog.accelerators_as_of, list.as_of);
}

/// The default training instance too: a scenario built from defaults
/// trains on a listed instance.
#[test]
fn the_default_training_instance_is_in_the_catalog() {
    let id = burnrate_model::scenario::FineTuning::default().training_accelerator;
    assert!(
        Catalog::shipped().accelerators.iter().any(|a| a.id == id),
        "{id}"
    );
}

#[test]
fn every_instance_a_preset_or_default_names_is_in_the_catalog() {
    use burnrate_model::scenario::{Design, Serving};
    let catalog = Catalog::shipped();
    let known = |id: &str| catalog.accelerators.iter().any(|a| a.id == id);
    for (id, _) in burnrate_model::presets::PRESETS {
        let s = burnrate_model::presets::preset(id).unwrap();
        for arch in &s.architectures {
            if let Serving::SelfHosted(h) = &arch.serving {
                assert!(known(&h.accelerator), "{id}: {}", h.accelerator);
            }
            if let Design::FineTuned { fine_tuning } | Design::Hybrid { fine_tuning, .. } =
                &arch.design
            {
                assert!(known(&fine_tuning.training_accelerator), "{id}");
            }
        }
    }
}
