//! Value stability: a seed gives exactly the recorded numbers. A change that
//! moves them must be deliberate: rerun with BURNRATE_BLESS=1 to record the
//! new ones, and say why in the commit.

use burnrate_model::{presets, simulate};

fn check(id: &str) {
    let mut s = presets::preset(id).unwrap();
    s.trials = 1_000;
    let json = serde_json::to_string_pretty(&simulate(&s).unwrap()).unwrap() + "\n";
    let path = format!("{}/tests/golden/{id}.json", env!("CARGO_MANIFEST_DIR"));
    if std::env::var_os("BURNRATE_BLESS").is_some() {
        std::fs::write(&path, &json).unwrap();
    }
    let golden = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        golden == json,
        "{id}: results differ from {path} (BURNRATE_BLESS=1 records them)"
    );
}

#[test]
fn knowledge_base_gives_the_recorded_numbers() {
    check("knowledge-base");
}

#[test]
fn text_to_sql_gives_the_recorded_numbers() {
    check("text-to-sql");
}

#[test]
fn runaway_agent_gives_the_recorded_numbers() {
    check("runaway-agent");
}
