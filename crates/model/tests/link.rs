//! Share links: round trips, length, migration, and a corpus of bad links
//! each with its expected message; plus a fuzz loop that no input panics.

use burnrate_model::link::{self, LinkError, decode, encode, encode_json, share_url};
use burnrate_model::rng::{name_hash, stream};
use burnrate_model::{Dist, presets};
use rand::RngExt;
use serde_json::Value;

fn keys_of(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            for (k, v) in m {
                out.push(k.clone());
                keys_of(v, out);
            }
        }
        Value::Array(a) => a.iter().for_each(|v| keys_of(v, out)),
        _ => {}
    }
}

/// A scenario using every optional part, so every key appears.
fn everything() -> burnrate_model::Scenario {
    use burnrate_model::catalog::Catalog;
    use burnrate_model::scenario::*;
    let mut s = presets::knowledge_base();
    let a = &mut s.architectures[1];
    a.routing = Some(Routing {
        frontier_model: "o1".into(),
        frontier_share: Dist::Normal {
            mean: 0.05,
            sd: 0.01,
        },
    });
    a.guardrails = Guardrails {
        output_cap_tokens: Some(1.0),
        history_cap_tokens: Some(1.0),
        semantic_cache: Some(SemanticCache {
            hit_rate: Dist::fixed(0.1),
            usd_per_month: 1.0,
        }),
        agent_step_limit: Some(3),
        agent_budget_cap_usd: Some(1.0),
    };
    if let Serving::SelfHosted(h) = &mut s.architectures[2].serving {
        h.commitment = Some(Commitment {
            instances: 1,
            term_years: 1,
            discount: 0.3,
        });
    }
    if let Serving::SelfHosted(h) = &mut s.architectures[3].serving {
        h.hosting = Hosting::Serverless {
            price_premium: 2.0,
            idle_timeout_s: 1.0,
            cold_start_s: 1.0,
            billing_minimum_s: 0.0,
        };
    }
    s.correlations.push(Correlation {
        a: "queries_per_day".into(),
        b: "output_tokens".into(),
        rank_correlation: 0.5,
    });
    let shipped = Catalog::shipped();
    s.catalog = Catalog {
        as_of: "x".into(),
        accelerators_as_of: "z".into(),
        note: "y".into(),
        models: shipped.models[..1].to_vec(),
        embeddings: shipped.embeddings[..1].to_vec(),
        rerankers: shipped.rerankers[..1].to_vec(),
        accelerators: shipped.accelerators[..1].to_vec(),
        quantization: shipped.quantization[..1].to_vec(),
    };
    let a = &mut s.catalog.accelerators[0];
    (a.usd_per_hour_spot, a.usd_per_hour_1y, a.usd_per_hour_3y) = (Some(0.4), Some(0.6), Some(0.5));
    let m = &mut s.catalog.models[0];
    let tier = burnrate_model::catalog::LongContextTier {
        above_input_tokens: 200_000.0,
        usd_per_m_input: 2.0,
        usd_per_m_cached_input: 0.2,
        usd_per_m_output: 8.0,
        usd_per_m_cache_write: Some(2.5),
        usd_per_m_cache_write_1h: Some(4.0),
    };
    m.provider = "OpenAI".into();
    m.usd_per_m_cache_write = Some(1.25);
    m.long_context = vec![tier];
    m.flex_ratio = Some(0.5);
    m.priority_ratio = Some(2.0);
    m.rules = vec![burnrate_model::catalog::PriceRule {
        from: Some("2027-01-01".into()),
        utc_start_hour: Some(0.5),
        utc_end_hour: Some(16.5),
        usd_per_m_input: 1.0,
        usd_per_m_cached_input: 0.1,
        usd_per_m_output: 4.0,
    }];
    s.outcome.value_per_success_usd = Some(2.0);
    s
}

#[test]
fn every_key_a_scenario_can_have_is_in_the_table() {
    let mut keys = Vec::new();
    keys_of(&serde_json::to_value(everything()).unwrap(), &mut keys);
    for (id, _) in presets::PRESETS {
        keys_of(
            &serde_json::to_value(presets::preset(id).unwrap()).unwrap(),
            &mut keys,
        );
    }
    for k in keys {
        assert!(
            link::known_keys().contains(&k.as_str()),
            "add \"{k}\" to the end of link::KEYS"
        );
    }
}

#[test]
fn every_preset_round_trips_within_2000_characters() {
    for (id, _) in presets::PRESETS {
        let s = presets::preset(id).unwrap();
        let url = share_url("https://burnrate.example/", &s);
        assert!(url.len() <= 2_000, "{id}: {} characters", url.len());
        assert_eq!(decode(&url).unwrap(), s, "{id}");
        println!("{id}: {} characters", url.len());
    }
    // Own entries equal to the shipped ones change nothing and are dropped.
    assert_eq!(
        decode(&share_url("https://x/", &everything())).unwrap(),
        burnrate_model::pin::unpinned(&everything(), &burnrate_model::catalog::Catalog::shipped())
    );
}

#[test]
fn a_v1_link_opens_migrated() {
    let mut v = serde_json::to_value(presets::idle_gpu()).unwrap();
    v["schema_version"] = 1.into();
    v["outcome"]["value_per_success_usd"] = 0.0.into();
    assert_eq!(decode(&encode_json(&v)).unwrap(), presets::idle_gpu());
}

/// The bad-link corpus: (link, expected start of the message).
fn corpus() -> Vec<(String, &'static str)> {
    let good = encode(&presets::idle_gpu());
    let data = good.split_once('.').unwrap().1.to_owned();
    let with = |f: &dyn Fn(&mut Value)| {
        let mut v = serde_json::to_value(presets::idle_gpu()).unwrap();
        f(&mut v);
        encode_json(&v)
    };
    // What burnrate would write for these bytes: deflate, then XXH64.
    let packed_link = |bytes: &[u8]| {
        let mut packed = miniz_oxide::deflate::compress_to_vec(bytes, 10);
        packed.extend_from_slice(&xxhash_rust::xxh64::xxh64(bytes, 0).to_be_bytes());
        format!("2.{}", base64_url(&packed))
    };
    let not_deflate = format!(
        "2.{}",
        base64_url(b"hello, this is not deflate data at all")
    );
    let bomb = packed_link(&vec![b' '; 3 << 20]);
    let not_json = packed_link(b"{not json");
    let bad_code = packed_link(br#"{"!!":1}"#);
    let bytes =
        base64::Engine::decode(&base64::engine::general_purpose::URL_SAFE_NO_PAD, &data).unwrap();
    let packed = miniz_oxide::inflate::decompress_to_vec(&bytes[..bytes.len() - 8]).unwrap();
    let json = String::from_utf8(packed.clone()).unwrap();
    // The same JSON with its first key given twice: the later value would win.
    let repeated = packed_link(
        json.replacen('{', &format!("{{{},", &json[1..json.find(',').unwrap()]), 1)
            .as_bytes(),
    );
    let spaced = packed_link(json.replacen(',', ", ", 1).as_bytes());
    let mut flipped =
        base64::Engine::decode(&base64::engine::general_purpose::URL_SAFE_NO_PAD, &data).unwrap();
    let last = flipped.len() - 1;
    flipped[last] ^= 1;
    let flipped = format!("2.{}", base64_url(&flipped));
    let mut extra =
        base64::Engine::decode(&base64::engine::general_purpose::URL_SAFE_NO_PAD, &data).unwrap();
    let twice = format!("2.{}", base64_url(&[extra.clone(), extra.clone()].concat()));
    let cut_checksum = format!("2.{}", base64_url(&extra[..extra.len() - 3]));
    extra.push(0);
    let extra = format!("2.{}", base64_url(&extra));
    let old = link::encode_unchecked(&presets::idle_gpu());
    let mut old_extra = base64::Engine::decode(
        &base64::engine::general_purpose::URL_SAFE_NO_PAD,
        old.split_once('.').unwrap().1,
    )
    .unwrap();
    old_extra.extend_from_slice(b"junk");
    let old_extra = format!("1.{}", base64_url(&old_extra));
    vec![
        (String::new(), "This link has no scenario"),
        (
            "https://burnrate.example/".into(),
            "This link has no scenario",
        ),
        (
            "https://burnrate.example/#s=".into(),
            "This link has no scenario",
        ),
        ("#s=2.".into(), "This link has no scenario"),
        ("#s=1.".into(), "This link has no scenario"),
        ("#embed=1".into(), "This link has no scenario"),
        ("#s=hello".into(), "This does not look like a burnrate link"),
        ("#s=x.abc".into(), "This does not look like a burnrate link"),
        (
            format!("#s=2.{data}="),
            "This link is damaged: it contains characters",
        ),
        (
            format!("#s={flipped}"),
            "This link is damaged: its checksum",
        ),
        (format!("#s={extra}"), "This link has extra data after"),
        (format!("#s={twice}"), "This link has extra data after"),
        (
            format!("#s={cut_checksum}"),
            "This link is damaged or cut short",
        ),
        (format!("#s={old_extra}"), "This link has extra data after"),
        (format!("#s={repeated}"), "This link was edited"),
        (format!("#s={spaced}"), "This link was edited"),
        (format!("#s=1.{data}"), "This link has extra data after"),
        (
            format!("#s=9.{data}"),
            "This link was made by a newer version of burnrate (link format 9)",
        ),
        (
            format!("#s=2.{}", &data[..data.len() / 2]),
            "This link is damaged or cut short",
        ),
        (
            format!("#s=2.{}", &data[..10]),
            "This link is damaged or cut short",
        ),
        (
            format!("#s=2.{}!!", data),
            "This link is damaged: it contains characters",
        ),
        (
            format!("#s=2.{}", data.replace('A', "+")),
            "This link is damaged: it contains characters",
        ),
        (
            format!("#s=2.{} {}", &data[..5], &data[5..]),
            "This link is damaged: it contains characters",
        ),
        (
            format!("#s={not_deflate}"),
            "This link is damaged or cut short",
        ),
        (
            format!("#s={}", "A".repeat(100_001)),
            "This link is 100004 characters long",
        ),
        (format!("#s={bomb}"), "This link unpacks to more than 1 MB"),
        (
            format!("#s={not_json}"),
            "This link is damaged or cut short",
        ),
        (
            format!("#s={bad_code}"),
            "This link is damaged or cut short",
        ),
        (
            with(&|v| v["schema_version"] = 99.into()),
            "This link was made by a newer version of burnrate (scenario version 99",
        ),
        (
            with(&|v| v["schema_version"] = 999_999.into()),
            "This link was made by a newer version",
        ),
        (
            with(&|v| {
                v.as_object_mut().unwrap().remove("schema_version");
            }),
            "This link holds something that is not a valid scenario: schema_version: missing",
        ),
        (
            with(&|v| v["trials"] = 0.into()),
            "This link's scenario has a value burnrate cannot use: trials = 0",
        ),
        (
            with(&|v| v["trials"] = 5_000_000.into()),
            "This link's scenario has a value burnrate cannot use: trials = 5000000",
        ),
        (
            with(&|v| v["trials"] = (-5).into()),
            "This link holds something that is not a valid scenario",
        ),
        (
            with(&|v| v["monthly_budget_usd"] = (-100.0).into()),
            "This link's scenario has a value burnrate cannot use: monthly_budget_usd = -100",
        ),
        (
            with(&|v| v["monthly_budget_usd"] = "NaN".into()),
            "This link holds something that is not a valid scenario",
        ),
        (
            with(&|v| v["monthly_budget_usd"] = Value::Null),
            "This link holds something that is not a valid scenario",
        ),
        (
            with(&|v| v["workload"]["business_hours_share"] = 1.5.into()),
            "This link's scenario has a value burnrate cannot use: workload.business_hours_share = 1.5",
        ),
        (
            with(&|v| {
                v["workload"]["queries_per_day"] =
                    serde_json::json!({"kind": "uniform", "low": 9, "high": 1})
            }),
            "This link's scenario has a value burnrate cannot use: workload.queries_per_day: low must not exceed high",
        ),
        (
            with(&|v| v["workload"]["queries_per_day"] = serde_json::json!({"kind": "banana"})),
            "This link holds something that is not a valid scenario",
        ),
        (
            with(&|v| v["architectures"] = serde_json::json!([])),
            "This link's scenario has a value burnrate cannot use: architectures: add at least one",
        ),
        (
            with(&|v| v["architectures"][0]["serving"]["accelerator"] = "quantum-9000".into()),
            "This link's scenario has a value burnrate cannot use: architectures[0].serving.accelerator: no accelerator named \"quantum-9000\"",
        ),
        (
            with(&|v| v["name"] = "x".repeat(500).into()),
            "This link's scenario has a value burnrate cannot use: name: \"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…\" is 500 characters long: at most 200",
        ),
        (
            with(&|v| v["unexpected"] = 1.into()),
            "This link holds something that is not a valid scenario: unexpected: unknown field \"unexpected\", expected one of",
        ),
        (
            with(&|v| v["architectures"][0]["id"] = "<script>alert(1)</script>".into()),
            "This link's scenario has a value burnrate cannot use: architectures[0].id: must be 1–40 characters",
        ),
        (
            with(&|v| {
                v["agents"]["loop_probability"] = serde_json::json!({"kind": "fixed", "value": 2})
            }),
            "This link's scenario has a value burnrate cannot use: agents.loop_probability.value = 2",
        ),
    ]
}

fn base64_url(bytes: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

#[test]
fn each_bad_link_says_what_is_wrong() {
    let corpus = corpus();
    assert!(corpus.len() >= 30);
    for (link, expected) in corpus {
        let err = decode(&link).expect_err(expected);
        assert!(
            err.to_string().starts_with(expected),
            "{}…: {err}\n  expected: {expected}",
            link.chars().take(60).collect::<String>()
        );
    }
}

#[test]
fn hostile_text_in_a_valid_link_stays_text() {
    let mut s = presets::idle_gpu();
    s.name = "<script>alert('x')</script>".into();
    s.architectures[0].name = "<img src=x onerror=alert(1)>".into();
    let back = decode(&share_url("https://x/", &s)).unwrap();
    assert_eq!(back.name, s.name);
    assert_eq!(back.architectures[0].name, s.architectures[0].name);
}

/// 100,000 generated inputs: random text, and valid links with bytes cut,
/// flipped or inserted. None panics; each is a scenario or a LinkError.
#[test]
fn fuzzed_links_never_panic() {
    let good: Vec<String> = presets::PRESETS
        .iter()
        .map(|(id, _)| encode(&presets::preset(id).unwrap()))
        .collect();
    let alphabet: Vec<char> =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=#&?s%+/ "
            .chars()
            .collect();
    let mut rng = stream(1, 0, name_hash("fuzz-links"));
    let (mut ok, mut bad) = (0, 0);
    for case in 0..100_000u64 {
        let input: String = match case % 4 {
            0 => (0..rng.random_range(0..200))
                .map(|_| alphabet[rng.random_range(0..alphabet.len())])
                .collect(),
            1 => {
                let g = &good[rng.random_range(0..good.len())];
                g.chars().take(rng.random_range(0..g.len())).collect()
            }
            2 => {
                let mut chars: Vec<char> = good[rng.random_range(0..good.len())].chars().collect();
                for _ in 0..rng.random_range(1..4) {
                    let i = rng.random_range(2..chars.len());
                    chars[i] = alphabet[rng.random_range(0..64)];
                }
                chars.into_iter().collect()
            }
            _ => {
                let mut bytes: Vec<u8> = (0..rng.random_range(0..300))
                    .map(|_| rng.random())
                    .collect();
                bytes.insert(0, b'.');
                bytes.insert(0, if case % 8 == 3 { b'1' } else { b'2' });
                String::from_utf8_lossy(&bytes).into_owned()
            }
        };
        match decode(&input) {
            Ok(_) => ok += 1,
            Err(e) => {
                bad += 1;
                assert!(!e.to_string().is_empty());
                let _: &LinkError = &e;
            }
        }
    }
    assert_eq!(ok + bad, 100_000);
}

#[test]
fn format_1_links_still_open_marked_unchecked() {
    for (id, _) in presets::PRESETS {
        let s = presets::preset(id).unwrap();
        let old = link::open(&format!("https://x/#s={}", link::encode_unchecked(&s))).unwrap();
        assert_eq!((old.scenario, old.checked), (s.clone(), false), "{id}");
        let new = link::open(&share_url("https://x/", &s)).unwrap();
        assert_eq!((new.scenario, new.checked), (s, true), "{id}");
    }
}

/// Every one-character edit of every preset's link (each position, each of
/// the 64 characters a link can hold) and every single-bit flip of its bytes
/// is refused, or opens the very same scenario.
#[test]
fn no_one_character_edit_opens_with_different_numbers() {
    let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let (mut refused, mut same) = (0u64, 0u64);
    let mut tally = |s: &burnrate_model::Scenario, edited: &str| match decode(edited) {
        Ok(back) => {
            assert_eq!(&back, s, "{edited} opened with different numbers");
            same += 1;
        }
        Err(_) => refused += 1,
    };
    for (id, _) in presets::PRESETS {
        let s = presets::preset(id).unwrap();
        let good = encode(&s);
        let (codec, data) = good.split_once('.').unwrap();
        for i in 0..data.len() {
            for &c in alphabet {
                if c != data.as_bytes()[i] {
                    let edited = format!("{codec}.{}{}{}", &data[..i], c as char, &data[i + 1..]);
                    tally(&s, &edited);
                }
            }
        }
        let bytes = base64::Engine::decode(&base64::engine::general_purpose::URL_SAFE_NO_PAD, data)
            .unwrap();
        for bit in 0..bytes.len() * 8 {
            let mut b = bytes.clone();
            b[bit / 8] ^= 1 << (bit % 8);
            tally(&s, &format!("{codec}.{}", base64_url(&b)));
        }
    }
    println!("{refused} edits refused, {same} opened the same scenario");
    assert!(refused > 400_000);
}

/// A link carries the prices it uses: every catalog entry its scenario
/// names travels in it, and a carried price that differs from today's
/// catalog (as one will after a catalog update) is the one simulated.
#[test]
fn a_link_carries_its_prices_and_they_outlive_a_catalog_update() {
    use burnrate_model::catalog::Catalog;
    for (id, _) in presets::PRESETS {
        let s = presets::preset(id).unwrap();
        let (json, _) = link::payload_json(&encode(&s)).unwrap();
        let carried: burnrate_model::Scenario = serde_json::from_value(json).unwrap();
        let used = burnrate_model::pin::used(&s);
        let has = |ids: &[String], own: Vec<&str>| ids.iter().all(|i| own.contains(&i.as_str()));
        let c = &carried.catalog;
        assert!(
            has(
                &used.models,
                c.models.iter().map(|e| e.id.as_str()).collect()
            ),
            "{id}"
        );
        assert!(
            has(
                &used.embeddings,
                c.embeddings.iter().map(|e| e.id.as_str()).collect()
            ),
            "{id}"
        );
        assert!(
            has(
                &used.rerankers,
                c.rerankers.iter().map(|e| e.id.as_str()).collect()
            ),
            "{id}"
        );
        assert!(
            has(
                &used.accelerators,
                c.accelerators.iter().map(|e| e.id.as_str()).collect()
            ),
            "{id}"
        );
    }
    // A link made when GPT-5.4 cost $5 in / $20 out per 1M, opened after the
    // catalog moved on: its own prices stay, and give its numbers.
    let mut then = presets::knowledge_base();
    then.trials = 500;
    then.catalog
        .models
        .push(burnrate_model::catalog::ModelPrice {
            usd_per_m_input: 5.0,
            usd_per_m_output: 20.0,
            ..Catalog::shipped()
                .model("m", "openai/gpt-5.4")
                .unwrap()
                .clone()
        });
    let opened = decode(&encode(&then)).unwrap();
    assert_eq!(opened.catalog.models.len(), 1);
    assert_eq!(opened.catalog.models[0].usd_per_m_input, 5.0);
    let numbers = |s: &burnrate_model::Scenario| {
        serde_json::to_string(&burnrate_model::simulate(s).unwrap()).unwrap()
    };
    assert_eq!(numbers(&opened), numbers(&then));
    let mut today = then.clone();
    today.catalog.models.clear();
    assert_ne!(numbers(&opened), numbers(&today));
}

/// A link can carry any text as an entry's source: opened, an entry whose
/// prices are not the catalog's says it came with the link, never the
/// vendor's page the link named, and the scenario lists it as its own.
/// A preset's link carries only catalog prices: nothing listed.
#[test]
fn a_changed_price_never_keeps_the_vendors_name() {
    use burnrate_model::catalog::Catalog;
    use burnrate_model::pin::{CARRIED, differing, own_prices_note};
    let shipped = Catalog::shipped();
    let mut s = presets::knowledge_base();
    let mut gpt = shipped.model("", "openai/gpt-5.4").unwrap().clone();
    gpt.usd_per_m_input = 0.025;
    assert!(gpt.source.contains("openai.com"));
    s.catalog.models.push(gpt);
    let opened = decode(&encode(&s)).unwrap();
    let own = &opened.catalog.models;
    assert_eq!(own.len(), 1);
    assert_eq!(own[0].source, CARRIED);
    assert_eq!(own[0].usd_per_m_input, 0.025);
    assert_eq!(
        differing(&opened, &shipped),
        vec!["openai/gpt-5.4".to_owned()]
    );
    let note = own_prices_note(&differing(&opened, &shipped)).unwrap();
    assert!(
        note.contains("openai/gpt-5.4 is set in this scenario"),
        "{note}"
    );
    for (id, _) in presets::PRESETS {
        let opened = decode(&encode(&presets::preset(id).unwrap())).unwrap();
        assert!(differing(&opened, &shipped).is_empty(), "{id}");
        assert!(opened.catalog.models.is_empty(), "{id}");
    }
}

/// The page deflates with the browser's zlib, or writes stored blocks
/// where it cannot (`link::stored`): either stream, sealed, opens to the
/// same scenario as the CLI's link.
#[test]
fn a_link_deflated_by_any_encoder_opens_the_same() {
    for (id, _) in presets::PRESETS {
        let s = presets::preset(id).unwrap();
        let text = link::text_of(&s);
        assert_eq!(
            link::seal(miniz_oxide::deflate::compress_to_vec(&text, 10), &text),
            encode(&s),
            "{id}"
        );
        let stored = link::seal(link::stored(&text), &text);
        let (a, b) = (decode(&stored).unwrap(), decode(&encode(&s)).unwrap());
        assert_eq!(
            serde_json::to_value(&a).unwrap(),
            serde_json::to_value(&b).unwrap(),
            "{id}"
        );
        assert!(stored.len() > encode(&s).len(), "{id}");
    }
}

/// Stored blocks by RFC 1951 3.2.4: a header (last-block bit, type 00),
/// LEN and its complement little-endian, then the bytes; a block holds at
/// most 65,535 bytes, and an empty text is one empty last block.
#[test]
fn stored_blocks_are_written_as_rfc_1951_says() {
    assert_eq!(link::stored(b"ab"), [1, 2, 0, 0xfd, 0xff, b'a', b'b']);
    assert_eq!(link::stored(b""), [1, 0, 0, 0xff, 0xff]);
    let long: Vec<u8> = (0..150_000u32).map(|i| (i * 7 % 251) as u8).collect();
    let packed = link::stored(&long);
    assert_eq!(packed.len(), long.len() + 3 * 5);
    assert_eq!(&packed[..5], &[0, 0xff, 0xff, 0, 0]);
    assert_eq!(packed[65_540], 0);
    assert_eq!(packed[2 * 65_540], 1);
    assert_eq!(
        miniz_oxide::inflate::decompress_to_vec(&packed).unwrap(),
        long
    );
}
