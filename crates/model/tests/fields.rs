//! The fields each lever declares are the scenario: every value a preset's
//! JSON holds (in every hosting, design, storage and optional group) is a
//! declared field, every declared field is a place of the JSON, and each
//! declared bound is the one validation applies, naming the field's path.

use std::collections::BTreeSet;

use burnrate_model::fields::{self, Item, Kind, Listed, Stash, Value};
use burnrate_model::presets::{self, PRESETS};
use burnrate_model::scenario::Scenario;
use burnrate_model::validate::validate;

/// Every leaf of the scenario's JSON but the catalog, the correlations, the
/// format's version and the architectures' ids (not edited in the page).
fn leaves(s: &Scenario) -> BTreeSet<String> {
    fn walk(v: &serde_json::Value, path: String, out: &mut BTreeSet<String>) {
        match v {
            serde_json::Value::Object(m) => {
                for (k, x) in m {
                    let p = if path.is_empty() {
                        k.clone()
                    } else {
                        format!("{path}.{k}")
                    };
                    walk(x, p, out);
                }
            }
            serde_json::Value::Array(a) => {
                for (i, x) in a.iter().enumerate() {
                    walk(x, format!("{path}[{i}]"), out);
                }
            }
            _ => {
                out.insert(path);
            }
        }
    }
    let mut out = BTreeSet::new();
    walk(&serde_json::to_value(s).unwrap(), String::new(), &mut out);
    out.retain(|p| {
        !(p.starts_with("catalog")
            || p.starts_with("correlations")
            || p == "schema_version"
            || (p.starts_with("architectures[") && p.ends_with("].id")))
    });
    out
}

fn listed(s: &Scenario) -> Vec<Listed> {
    fields::list(&mut s.clone(), "")
        .into_iter()
        .filter_map(|i| match i {
            Item::Field(l) => Some(l),
            Item::Title { .. } => None,
        })
        .collect()
}

/// Does the field `l` edit the JSON leaf `leaf`? A distribution edits its
/// parameters and shape, a tagged choice its `kind`.
fn edits(l: &Listed, leaf: &str) -> bool {
    match l.field.kind {
        Kind::Dist { .. } => fields::is_within(leaf, &l.path),
        Kind::Choice { tagged: true, .. } => leaf == format!("{}.kind", l.path),
        _ => leaf == l.path,
    }
}

/// A leaf no field edits, and a field whose path the JSON lacks even after
/// the field is given a value other than its default.
fn gaps(s: &Scenario) -> Vec<String> {
    let mut out = Vec::new();
    let fields = listed(s);
    let json = leaves(s);
    for leaf in &json {
        if !fields.iter().any(|l| edits(l, leaf)) {
            out.push(format!("{}: no field edits {leaf}", s.name));
        }
    }
    for l in &fields {
        if matches!(l.field.kind, Kind::Group) {
            continue;
        }
        if json.iter().any(|leaf| edits(l, leaf)) {
            continue;
        }
        // Written only when set (a zero share, an empty start month): set
        // it and it must appear.
        let mut t = s.clone();
        let v = match &l.value {
            Value::Number(_) => Value::Number(0.5),
            Value::Optional(_) => Value::Optional(Some(3.0)),
            Value::Text(_) => Value::Text("2027-01".into()),
            Value::Dist(_) => Value::Dist(burnrate_model::Dist::fixed(0.5)),
            other => other.clone(),
        };
        assert!(fields::set(&mut t, "", &l.path, v, &mut Stash::default()));
        if !leaves(&t).iter().any(|leaf| edits(l, leaf)) {
            out.push(format!("{}: {} is no place of the JSON", s.name, l.path));
        }
    }
    out
}

/// Each preset, and each preset with every option of every choice and every
/// optional group switched on (one at a time).
fn variants() -> Vec<Scenario> {
    let mut out = Vec::new();
    for (id, _) in PRESETS {
        let s = presets::preset(id).unwrap();
        for l in listed(&s) {
            let values: Vec<Value> = match l.field.kind {
                Kind::Choice { options, .. } => {
                    options.iter().map(|(k, _)| Value::Choice(k)).collect()
                }
                Kind::Group => vec![Value::On(true), Value::On(false)],
                _ => continue,
            };
            for v in values {
                let mut t = s.clone();
                fields::set(&mut t, "", &l.path, v.clone(), &mut Stash::default());
                t.name = format!("{id} with {} = {v:?}", l.path);
                out.push(t);
            }
        }
        out.push(s);
    }
    out
}

#[test]
fn every_value_of_every_preset_and_variant_is_a_declared_field() {
    let variants = variants();
    assert!(variants.len() > 100, "{}", variants.len());
    let problems: Vec<String> = variants.iter().flat_map(gaps).collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_field_has_a_label_a_unit_or_options_and_help() {
    for s in variants() {
        for l in listed(&s) {
            let f = l.field;
            assert!(!f.label.is_empty() && !f.help.is_empty(), "{}", l.path);
            assert!(f.help.ends_with('.'), "{}: {}", l.path, f.help);
            if matches!(f.kind, Kind::Number { .. } | Kind::Dist { .. }) {
                // A seed is the one number without a unit.
                assert!(!f.unit.is_empty() || l.path == "seed", "{}", l.path);
            }
        }
    }
}

/// Each declared bound is the rule validation applies: its ends are
/// accepted (where no rule of the section ties the field to another) and
/// a value past either end is refused, naming the field's path.
#[test]
fn a_value_past_a_declared_bound_is_refused_at_its_path() {
    let mut checked = 0;
    for (id, _) in PRESETS {
        let s = presets::preset(id).unwrap();
        for l in listed(&s) {
            let Some(b) = l.field.bound() else { continue };
            let whole = matches!(
                l.field.kind,
                Kind::Whole { .. } | Kind::Optional { whole: true, .. }
            );
            let past = if whole {
                [b.low - 1.0, b.high + 1.0]
            } else {
                [b.low - (b.low.abs() + 1.0) * 1e-3, b.high * 1.001 + 1e-3]
            };
            // A seed takes every 64-bit number.
            if l.path == "seed" {
                continue;
            }
            for x in past {
                if b.zero && x == 0.0 {
                    continue;
                }
                let v = match l.field.kind {
                    Kind::Dist { .. } => Value::Dist(burnrate_model::Dist::fixed(x)),
                    Kind::Optional { .. } => Value::Optional(Some(x)),
                    _ => Value::Number(x),
                };
                // Whole numbers below 0 cannot be written: they saturate at 0.
                if matches!(l.field.kind, Kind::Whole { .. }) && x < 0.0 {
                    continue;
                }
                let mut t = s.clone();
                fields::set(&mut t, "", &l.path, v, &mut Stash::default());
                let e = validate(&t).expect_err(&format!("{id}: {} = {x}", l.path));
                assert!(
                    fields::is_within(e.field(), &l.path),
                    "{id}: {} = {x} refused at {}: {e}",
                    l.path,
                    e.field()
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 300, "{checked}");
}

#[test]
fn an_error_names_the_field_it_is_about_by_its_label() {
    let mut s = presets::knowledge_base();
    s.architectures[2]
        .design
        .fine_tuning_mut()
        .unwrap()
        .sme_usd_per_hour = -1.0;
    let e = validate(&s).unwrap_err();
    assert_eq!(
        e.field(),
        "architectures[2].design.fine_tuning.sme_usd_per_hour"
    );
    let (path, f, tail) = fields::field_of(&mut s.clone(), e.field()).unwrap();
    assert_eq!(f.label, "Expert rate");
    assert_eq!((path.as_str(), tail), (e.field(), ""));
    let (path, f, tail) = fields::field_of(&mut s.clone(), "workload.queries_per_day.p95").unwrap();
    assert_eq!(
        (path.as_str(), f.label, tail),
        ("workload.queries_per_day", "Queries per day", ".p95")
    );
}

#[test]
fn switching_hosting_and_back_keeps_what_was_typed() {
    let mut s = presets::knowledge_base();
    let mut stash = Stash::default();
    let hosting = "architectures[3].serving.hosting";
    let set = |s: &mut Scenario, stash: &mut Stash, path: &str, v| {
        assert!(fields::set(s, "", path, v, stash), "{path}");
    };
    set(&mut s, &mut stash, hosting, Value::Choice("dedicated"));
    set(
        &mut s,
        &mut stash,
        &format!("{hosting}.instances"),
        Value::Number(3.0),
    );
    set(&mut s, &mut stash, hosting, Value::Choice("serverless"));
    set(
        &mut s,
        &mut stash,
        &format!("{hosting}.idle_timeout_s"),
        Value::Number(15.0),
    );
    set(&mut s, &mut stash, hosting, Value::Choice("autoscaled"));
    // The preset's own autoscaling comes back as it was.
    assert_eq!(
        s.architectures[3].serving,
        presets::knowledge_base().architectures[3].serving
    );
    set(&mut s, &mut stash, hosting, Value::Choice("dedicated"));
    let paths: Vec<String> = listed(&s).into_iter().map(|l| l.path).collect();
    assert!(paths.contains(&format!("{hosting}.instances")));
    assert!(!paths.contains(&format!("{hosting}.max_instances")));
    let json = serde_json::to_value(&s).unwrap();
    assert_eq!(
        json["architectures"][3]["serving"]["hosting"]["instances"],
        3
    );
    set(&mut s, &mut stash, hosting, Value::Choice("serverless"));
    let json = serde_json::to_value(&s).unwrap();
    assert_eq!(
        json["architectures"][3]["serving"]["hosting"]["idle_timeout_s"],
        15.0
    );
}

#[test]
fn switching_design_keeps_the_parts_the_designs_share() {
    let mut s = presets::knowledge_base();
    let mut stash = Stash::default();
    let design = "architectures[1].design";
    let corpus = "architectures[1].design.retrieval.corpus_gb";
    assert!(fields::set(
        &mut s,
        "",
        corpus,
        Value::Number(123.0),
        &mut stash
    ));
    assert!(fields::set(
        &mut s,
        "",
        design,
        Value::Choice("hybrid"),
        &mut stash
    ));
    assert_eq!(
        s.architectures[1].design.retrieval().unwrap().corpus_gb,
        123.0
    );
    assert!(s.architectures[1].design.fine_tuning().is_some());
    assert!(fields::set(
        &mut s,
        "",
        design,
        Value::Choice("prompt_only"),
        &mut stash
    ));
    assert!(fields::set(
        &mut s,
        "",
        design,
        Value::Choice("rag"),
        &mut stash
    ));
    assert_eq!(
        s.architectures[1].design.retrieval().unwrap().corpus_gb,
        123.0
    );
    validate(&s).unwrap();
}
