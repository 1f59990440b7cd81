//! Value stability: a seed gives exactly the recorded numbers, natively and in
//! WASM (scripts/test.sh runs this file under wasm-bindgen-test-runner too): the
//! goldens are the native numbers, so passing in WASM means the same bits. A
//! change that moves them must be deliberate: rerun natively with
//! BURNRATE_BLESS=1 to record the new ones, and say why in the commit.

use burnrate_model::{presets, simulate};

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

fn check(id: &str, golden: &str) {
    let mut s = presets::preset(id).unwrap();
    s.trials = 1_000;
    let json = serde_json::to_string_pretty(&simulate(&s).unwrap()).unwrap() + "\n";
    #[cfg(not(target_arch = "wasm32"))]
    if std::env::var_os("BURNRATE_BLESS").is_some() {
        let path = format!("{}/tests/golden/{id}.json", env!("CARGO_MANIFEST_DIR"));
        std::fs::write(&path, &json).unwrap();
        return;
    }
    assert!(
        golden == json,
        "{id}: results differ from tests/golden/{id}.json (BURNRATE_BLESS=1 records them)"
    );
}

#[test]
fn knowledge_base_gives_the_recorded_numbers() {
    check("knowledge-base", include_str!("golden/knowledge-base.json"));
}

#[test]
fn text_to_sql_gives_the_recorded_numbers() {
    check("text-to-sql", include_str!("golden/text-to-sql.json"));
}

#[test]
fn runaway_agent_gives_the_recorded_numbers() {
    check("runaway-agent", include_str!("golden/runaway-agent.json"));
}
