//! The scenario reader (files, autosave, the body of a link) under 100,000
//! generated inputs: type swaps, extremes, missing and unknown keys, cut and
//! edited text. Nothing panics, and every refusal names where it is (a field
//! path, or a line and column for text that is not JSON) and is short.

use burnrate_model::rng::{name_hash, stream};
use burnrate_model::{ModelError, Prepared, migrate, presets};
use rand::RngExt;
use serde_json::{Value, json};

/// Every value's JSON pointer and its dotted path as messages write it.
fn paths(v: &Value, pointer: String, dotted: String, out: &mut Vec<(String, String)>) {
    match v {
        Value::Object(m) => {
            for (k, v) in m {
                let d = if dotted.is_empty() {
                    k.clone()
                } else {
                    format!("{dotted}.{k}")
                };
                paths(v, format!("{pointer}/{k}"), d, out);
            }
        }
        Value::Array(a) => {
            for (i, v) in a.iter().enumerate() {
                paths(v, format!("{pointer}/{i}"), format!("{dotted}[{i}]"), out);
            }
        }
        _ => {}
    }
    if !pointer.is_empty() {
        out.push((pointer, dotted));
    }
}

/// What replaces a value: other types, extremes, and oversized text.
fn replacement(i: usize) -> Value {
    match i {
        0 => json!("abc"),
        1 => json!(true),
        2 => Value::Null,
        3 => json!([]),
        4 => json!({}),
        5 => json!(-1),
        6 => json!(1e308),
        7 => json!(1_000_000_000_000u64),
        8 => json!(u64::MAX),
        9 => json!(-1e-300),
        10 => json!(1.5),
        11 => json!(0),
        12 => json!("x".repeat(5_000)),
        _ => json!({"kind": "pert", "low": 3, "mode": 2, "high": 1}),
    }
}

/// The message names its place: `path: …` (a path of field names and
/// indices), a line and column, or schema_version's own message.
fn names_its_place(e: &ModelError) -> bool {
    let text = e.to_string();
    let text = text.trim_start_matches("not a valid scenario: ");
    let head = text.split(": ").next().unwrap_or("");
    let is_path = !head.is_empty()
        && head
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "_.[]".contains(c));
    // An unknown key is named as it was written (it may hold any character).
    is_path
        || text.contains("unknown field \"")
        || text.contains(" at line ")
        || text == "the file is empty"
        || text.contains("schema_version")
        || !e.field().is_empty()
}

#[test]
fn a_hundred_thousand_mangled_scenarios_never_panic_and_say_where() {
    let bases: Vec<Value> = presets::PRESETS
        .iter()
        .map(|(id, _)| serde_json::to_value(presets::preset(id).unwrap()).unwrap())
        .collect();
    let mut rng = stream(1, 0, name_hash("fuzz-scenarios"));
    let (mut opened, mut refused, mut unplaced) = (0, 0, Vec::new());
    for case in 0..100_000u32 {
        let base = &bases[rng.random_range(0..bases.len())];
        let mut v = base.clone();
        let mut all = Vec::new();
        paths(&v, String::new(), String::new(), &mut all);
        let (pointer, dotted) = all[rng.random_range(0..all.len())].clone();
        let mut swapped = None;
        let text = match case % 6 {
            0 | 1 => {
                *v.pointer_mut(&pointer).unwrap() = replacement(rng.random_range(0..14));
                swapped = Some(dotted);
                v.to_string()
            }
            2 => {
                let (parent, key) = pointer.rsplit_once('/').unwrap();
                match v.pointer_mut(parent).unwrap() {
                    Value::Object(m) => {
                        m.remove(key);
                    }
                    Value::Array(a) => {
                        a.remove(key.parse::<usize>().unwrap());
                    }
                    _ => unreachable!(),
                }
                v.to_string()
            }
            3 => {
                let (parent, _) = pointer.rsplit_once('/').unwrap();
                if let Some(m) = v.pointer_mut(parent).and_then(Value::as_object_mut) {
                    m.insert("surprise".into(), json!(1));
                }
                v.to_string()
            }
            4 => {
                let t = v.to_string();
                t[..rng.random_range(0..t.len())].to_owned()
            }
            _ => {
                let mut t = v.to_string().into_bytes();
                let i = rng.random_range(0..t.len());
                t[i] = b"0123456789-.,:{}[]\"aeE tfn"[rng.random_range(0..26)];
                String::from_utf8_lossy(&t).into_owned()
            }
        };
        let result = migrate::scenario_from_str(&text).and_then(|s| Prepared::new(&s).map(|_| s));
        match result {
            Ok(_) => opened += 1,
            Err(e) => {
                refused += 1;
                let message = e.to_string();
                assert!(message.chars().count() <= 400, "too long: {message}");
                if !names_its_place(&e) {
                    unplaced.push(message.clone());
                }
                // A swapped value is named by its own path, a parent's (when
                // the parent's rule is what broke) or a child's (the key a
                // swapped-in object should not have).
                if let (Some(dotted), ModelError::Parse(m)) = (&swapped, &e) {
                    let at = m.split(": ").next().unwrap_or("");
                    assert!(
                        !at.is_empty()
                            && (dotted.starts_with(at) || at.starts_with(dotted.as_str())),
                        "swapped {dotted}, message: {message}"
                    );
                }
            }
        }
    }
    println!("{opened} opened, {refused} refused");
    assert!(
        unplaced.is_empty(),
        "{} say no place, e.g. {:?}",
        unplaced.len(),
        &unplaced[..unplaced.len().min(5)]
    );
    assert!(refused > 50_000 && opened > 1_000);
}

/// Issue 16: a refused value is said in words after its path ("found 1.5,
/// but it must be a whole number (0 or more)"), never in serde's ("invalid
/// type: floating point `1.5`, expected u32").
#[test]
fn a_refused_value_is_said_in_words() {
    let preset = serde_json::to_value(presets::knowledge_base()).unwrap();
    let cases: [(&str, Value, &str); 7] = [
        (
            "/horizon_months",
            json!(1.5),
            "horizon_months: found 1.5, but it must be a whole number (0 or more)",
        ),
        (
            "/trials",
            json!(-5),
            "trials: found -5, but it must be a whole number (0 or more)",
        ),
        (
            "/trials",
            json!("many"),
            "trials: found \"many\", but it must be a whole number (0 or more)",
        ),
        (
            "/architectures",
            json!({}),
            "architectures: found an object, but it must be a list",
        ),
        (
            "/architectures/0/name",
            json!(5),
            "architectures[0].name: found 5, but it must be text",
        ),
        (
            "/workload/queries_per_day",
            json!("abc"),
            "workload.queries_per_day: found text, but it must be an object with a kind",
        ),
        (
            "/workload/queries_per_day/kind",
            json!("bogus"),
            "workload.queries_per_day.kind: unknown variant \"bogus\", expected one of \"fixed\", \"uniform\",",
        ),
    ];
    for (pointer, value, said) in cases {
        let mut v = preset.clone();
        *v.pointer_mut(pointer).unwrap() = value;
        let e = migrate::scenario_from_str(&v.to_string())
            .unwrap_err()
            .to_string();
        assert!(e.contains(said), "{pointer}: {e}");
        assert!(!e.contains("invalid type") && !e.contains('`'), "{e}");
    }
}
