//! The `burnrate` binary as a pipeline uses it.

use std::process::{Command, Output};

fn burnrate(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_burnrate"))
        .args(args)
        .output()
        .unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// A scenario file in the temp directory, named for the test writing it.
fn temp_file(name: &str, text: &str) -> std::path::PathBuf {
    let file = std::env::temp_dir().join(format!("burnrate-{name}-{}.json", std::process::id()));
    std::fs::write(&file, text).unwrap();
    file
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn presets_lists_ids_and_names() {
    let o = burnrate(&["presets"]);
    assert!(o.status.success());
    let out = stdout(&o);
    for id in [
        "knowledge-base",
        "text-to-sql",
        "fintech-bot",
        "runaway-agent",
        "idle-gpu",
        "model-arbitrage",
    ] {
        assert!(out.contains(id), "{out}");
    }
}

#[test]
fn scenario_prints_json_that_simulates_like_the_preset() {
    let o = burnrate(&["scenario", "text-to-sql"]);
    assert!(o.status.success());
    let path = std::env::temp_dir().join("burnrate-cli-test-scenario.json");
    std::fs::write(&path, o.stdout).unwrap();
    let from_file = burnrate(&[
        "simulate",
        path.to_str().unwrap(),
        "--trials",
        "300",
        "--json",
    ]);
    let from_preset = burnrate(&["simulate", "text-to-sql", "--trials", "300", "--json"]);
    assert!(from_file.status.success(), "{}", stderr(&from_file));
    assert_eq!(stdout(&from_file), stdout(&from_preset));
}

#[test]
fn simulate_json_has_the_documented_shape() {
    let o = burnrate(&[
        "simulate",
        "knowledge-base",
        "--trials",
        "500",
        "--seed",
        "7",
        "--json",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["trials"], 500);
    assert_eq!(v["seed"], 7);
    let archs = v["architectures"].as_array().unwrap();
    let ids: Vec<&str> = archs.iter().map(|a| a["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["prompt_only", "rag", "fine_tuned", "hybrid"]);
    for a in archs {
        for k in ["mean", "p5", "p50", "p95", "p99"] {
            assert!(a["monthly_usd"][k].is_f64(), "{k}");
        }
        for k in ["mean", "p50", "p95"] {
            assert!(a["cost_per_query_usd"][k].is_f64(), "{k}");
        }
        assert!(a["p_over_budget"].is_f64());
        assert!(a["breakdown_usd"]["input_tokens"].is_f64());
        assert!(a["name"].is_string());
    }
    let pairs = v["pairs"].as_array().unwrap();
    assert_eq!(pairs.len(), 6);
    assert!(
        pairs[0]["a"].is_string() && pairs[0]["b"].is_string() && pairs[0]["p_a_cheaper"].is_f64()
    );
}

#[test]
fn table_output_is_readable() {
    let o = burnrate(&["simulate", "idle-gpu", "--trials", "200"]);
    assert!(o.status.success());
    let out = stdout(&o);
    assert!(
        out.contains("Serverless") && out.contains("P95") && out.contains("cheapest"),
        "{out}"
    );
}

#[test]
fn bad_input_prints_an_error_and_exits_non_zero_without_a_panic() {
    let dir = std::env::temp_dir();
    let bad_json = dir.join("burnrate-cli-bad.json");
    std::fs::write(&bad_json, "{ not json").unwrap();
    let invalid = dir.join("burnrate-cli-invalid.json");
    let mut s: serde_json::Value =
        serde_json::from_slice(&burnrate(&["scenario", "idle-gpu"]).stdout).unwrap();
    s["workload"]["business_hours_share"] = serde_json::json!(1.5);
    std::fs::write(&invalid, s.to_string()).unwrap();
    let cases: [(&[&str], &str); 5] = [
        (&["simulate", "/no/such/file.json"], "cannot read"),
        (
            &["simulate", bad_json.to_str().unwrap()],
            "not a valid scenario",
        ),
        (
            &["simulate", invalid.to_str().unwrap()],
            "workload.business_hours_share = 1.5",
        ),
        (&["simulate", "idle-gpu", "--trials", "0"], "trials = 0"),
        (&["scenario", "nope"], "no preset \"nope\""),
    ];
    for (args, message) in cases {
        let o = burnrate(args);
        assert!(!o.status.success(), "{args:?}");
        let err = stderr(&o);
        assert!(err.contains(message), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{args:?}: {err}");
    }
}

#[test]
fn crossover_finds_where_fine_tuning_starts_to_pay() {
    let o = burnrate(&[
        "crossover",
        "text-to-sql",
        "--points",
        "9",
        "--trials-per-point",
        "200",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains("prompt_only and fine_tuned break even"),
        "{out}"
    );
    let o = burnrate(&["crossover", "text-to-sql", "--from", "0"]);
    assert!(!o.status.success() && stderr(&o).contains("--from"));
}

#[test]
fn a_share_link_simulates_like_its_scenario() {
    let o = burnrate(&["url", "fintech-bot", "--base", "https://burnrate.example/"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let link = stdout(&o).trim().to_owned();
    assert!(
        link.starts_with("https://burnrate.example/#s=2.") && link.len() <= 2_000,
        "{link}"
    );
    let from_link = burnrate(&["simulate", &link, "--trials", "300", "--json"]);
    let from_preset = burnrate(&["simulate", "fintech-bot", "--trials", "300", "--json"]);
    assert!(from_link.status.success(), "{}", stderr(&from_link));
    assert_eq!(stdout(&from_link), stdout(&from_preset));
    assert!(!stderr(&from_link).contains("checksum"));
    // A format-1 link (before checksums) gives the same numbers, with a note.
    let old = burnrate_model::link::encode_unchecked(&burnrate_model::presets::fintech_bot());
    let from_old = burnrate(&["simulate", &old, "--trials", "300", "--json"]);
    assert_eq!(stdout(&from_old), stdout(&from_preset));
    assert!(stderr(&from_old).contains("before links carried a checksum"));
    let cut = &link[..link.len() / 2];
    let o = burnrate(&["simulate", cut]);
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("damaged or cut short"),
        "{}",
        stderr(&o)
    );
}

/// `--threads` changes the speed, never the numbers.
#[test]
fn any_thread_count_gives_the_same_bytes() {
    let run = |threads: &str| {
        let o = burnrate(&[
            "simulate",
            "text-to-sql",
            "--trials",
            "9000",
            "--json",
            "--threads",
            threads,
        ]);
        assert!(o.status.success(), "{}", stderr(&o));
        stdout(&o)
    };
    let one = run("1");
    assert_eq!(run("2"), one);
    assert_eq!(run("5"), one);
    let zero = burnrate(&["simulate", "text-to-sql", "--threads", "0"]);
    assert!(!zero.status.success() && stderr(&zero).contains("--threads"));
}

/// The table prints the model's warnings, and money in the scenario's currency.
#[test]
fn the_table_prints_warnings_in_the_scenario_currency() {
    let o = burnrate(&["simulate", "idle-gpu", "--trials", "500"]);
    let text = stdout(&o);
    assert!(
        text.contains("warnings:") && text.contains("see no query in"),
        "{text}"
    );
    let mut s: serde_json::Value =
        serde_json::from_str(&stdout(&burnrate(&["scenario", "idle-gpu"]))).unwrap();
    s["currency"] = "EUR".into();
    s["trials"] = 500.into();
    let path = std::env::temp_dir().join("burnrate-eur.json");
    std::fs::write(&path, s.to_string()).unwrap();
    let text = stdout(&burnrate(&["simulate", path.to_str().unwrap()]));
    assert!(text.contains("€") && !text.contains('$'), "{text}");
}

/// A full disk is a message, not a panic; a reader that leaves early
/// (`| head`) ends the run quietly.
#[test]
fn write_failures_end_cleanly() {
    let full = Command::new(env!("CARGO_BIN_EXE_burnrate"))
        .args(["presets"])
        .stdout(std::fs::File::create("/dev/full").unwrap())
        .output()
        .unwrap();
    assert_eq!(full.status.code(), Some(1));
    assert!(
        stderr(&full).contains("cannot write the output"),
        "{}",
        stderr(&full)
    );
    let mut child = Command::new(env!("CARGO_BIN_EXE_burnrate"))
        .args([
            "crossover",
            "knowledge-base",
            "--json",
            "--points",
            "200",
            "--trials-per-point",
            "1",
        ])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let gone = child.wait_with_output().unwrap();
    assert!(
        matches!(gone.status.code(), Some(0 | 141)),
        "{:?}",
        gone.status
    );
    assert_eq!(stderr(&gone), "");
}

/// Names from a link cannot drive the terminal: escape sequences and
/// right-to-left overrides are printed as escapes.
#[test]
fn the_table_escapes_control_characters_in_names() {
    let mut s: serde_json::Value =
        serde_json::from_str(&stdout(&burnrate(&["scenario", "idle-gpu"]))).unwrap();
    s["trials"] = 200.into();
    s["architectures"][0]["name"] = "evil\u{1b}[2J\u{202e}name".into();
    let file = temp_file("escape", &s.to_string());
    let o = burnrate(&["simulate", file.to_str().unwrap()]);
    let text = stdout(&o);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!text.contains('\u{1b}') && !text.contains('\u{202e}'));
    assert!(text.contains("evil\\u{1b}[2J\\u{202e}name"), "{text}");
}

/// Volumes must be finite and bounded; an address without a scenario is
/// refused as a link, not read as a file.
#[test]
fn crossover_bounds_and_links_by_their_shape() {
    for to in ["inf", "1e300", "NaN"] {
        let o = burnrate(&["crossover", "knowledge-base", "--to", to]);
        assert!(!o.status.success() && stderr(&o).contains("--to"), "{to}");
    }
    let o = burnrate(&["simulate", "https://example.com/burnrate/"]);
    assert!(
        stderr(&o).contains("link without a scenario"),
        "{}",
        stderr(&o)
    );
}

/// A bad file's message names the file once, and its error once.
#[test]
fn a_bad_file_is_named_without_a_doubled_prefix() {
    let file = temp_file("bad", "{\"schema_version\": 2, \"name\": 5}");
    let o = burnrate(&["simulate", file.to_str().unwrap()]);
    let e = stderr(&o);
    assert!(!o.status.success());
    assert_eq!(e.matches("not a valid scenario").count(), 1, "{e}");
}

/// Sonar's fee per 1,000 requests comes with its token prices (issue 27:
/// genai-prices' `requests_kcount`, carried by scripts/prices.sh).
#[test]
fn a_per_request_fee_is_listed() {
    let o = burnrate(&["prices", "--search", "sonar", "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let fee = |id: &str| {
        v["models"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["id"] == id)
            .map(|m| m["usd_per_k_requests"].clone())
    };
    assert_eq!(fee("perplexity/sonar"), Some(serde_json::json!(12.0)));
    assert_eq!(fee("perplexity/sonar-pro"), Some(serde_json::json!(14.0)));
}

/// `prices` lists the built-in prices, searchable, as a table or JSON.
#[test]
fn prices_are_listed_and_searched() {
    let o = burnrate(&["prices", "--search", "openai gpt-5", "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["as_of"].as_str().unwrap().len(), 10);
    let gpt5 = v["models"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["id"] == "openai/gpt-5")
        .expect("openai/gpt-5 is listed");
    for key in [
        "provider",
        "name",
        "usd_per_m_input",
        "usd_per_m_output",
        "context_window_tokens",
        "source",
    ] {
        assert!(!gpt5[key].is_null(), "{key}");
    }
    assert!(v["accelerators"].as_array().is_some() && v["embeddings"].as_array().is_some());
    let all = burnrate(&["prices", "--json"]);
    let all: serde_json::Value = serde_json::from_str(&stdout(&all)).unwrap();
    assert!(all["models"].as_array().unwrap().len() > 500);
    assert!(!all["accelerators"].as_array().unwrap().is_empty());
    let table = stdout(&burnrate(&["prices", "--search", "deepseek-v4-flash"]));
    assert!(
        table.contains("deepseek/deepseek-v4-flash") && table.contains("price rules"),
        "{table}"
    );
    assert_eq!(
        stdout(&burnrate(&["prices", "--search", "no-such-model-xyz"])),
        "No price entry matches.\n"
    );
}

/// `--prices FILE` takes a price file's rates for the models the scenario
/// uses: GPT-5.4 at twice its list price in a LiteLLM map (keyed `gpt-5.4`
/// with provider `openai`, as LiteLLM keys it) doubles the prompt-only arm's
/// input-token spend (text-to-sql: its prompts never reach GPT-5.4's
/// long-context tier, which the LiteLLM entry does not carry); a file pricing
/// nothing it uses is refused.
#[test]
fn a_price_file_overrides_the_prices_the_scenario_uses() {
    let file = temp_file(
        "litellm-prices",
        r#"{"gpt-5.4": {"input_cost_per_token": 5e-6, "output_cost_per_token": 3e-5,
             "cache_read_input_token_cost": 5e-7, "litellm_provider": "openai", "mode": "chat"}}"#,
    );
    let file = file.to_str().unwrap();
    let mean = |args: &[&str]| {
        let o = burnrate(args);
        assert!(o.status.success(), "{}", stderr(&o));
        let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
        let a = &v["architectures"][0];
        assert_eq!(a["id"], "prompt_only");
        (
            a["breakdown_usd"]["input_tokens"].as_f64().unwrap(),
            stderr(&o),
        )
    };
    let (list, _) = mean(&["simulate", "text-to-sql", "--trials", "500", "--json"]);
    let (doubled, note) = mean(&[
        "simulate",
        "text-to-sql",
        "--trials",
        "500",
        "--json",
        "--prices",
        file,
    ]);
    // Means are summed in fixed point (stats.rs): equal to a few parts in 10^8.
    assert!((doubled / list - 2.0).abs() < 1e-7, "{doubled} vs {list}");
    assert!(
        note.contains("prices from") && note.contains("openai/gpt-5.4"),
        "{note}"
    );
    let o = burnrate(&["simulate", "idle-gpu", "--prices", file]);
    assert!(
        !o.status.success() && stderr(&o).contains("prices none of what the scenario uses"),
        "{}",
        stderr(&o)
    );
}

/// An invalid entry a file holds for a model the scenario uses is named
/// with its reason, not blamed on the ids (issue 33): GPT-5.4 at a negative
/// price is left out, and so is an unused entry, counted.
#[test]
fn an_invalid_entry_for_a_model_in_use_is_named() {
    let file = temp_file(
        "litellm-invalid",
        r#"{"gpt-5.4": {"input_cost_per_token": -5e-6, "output_cost_per_token": 3e-5, "litellm_provider": "openai", "mode": "chat"},
            "other": {"input_cost_per_token": 1e-6, "output_cost_per_token": -1, "mode": "chat"}}"#,
    );
    let o = burnrate(&[
        "simulate",
        "text-to-sql",
        "--prices",
        file.to_str().unwrap(),
    ]);
    let e = stderr(&o);
    assert!(!o.status.success(), "{e}");
    assert!(
        e.contains(
            "the file's entry for openai/gpt-5.4 is invalid (usd_per_m_input = -5 is out of range"
        ),
        "{e}"
    );
    assert!(
        e.contains("1 invalid entry the scenario does not use was left out too (the first: other, usd_per_m_output = -1000000 is out of range"),
        "{e}"
    );
    assert!(!e.contains("its ids must match"), "{e}");
}

/// A usage log as the bill (OpenAI chat-completion objects, no cost):
/// each request priced as the shipped catalog lists the model the
/// scenario uses (a dated name, `gpt-5.4-2026-03-05`, is openai/gpt-5.4):
/// 100 requests of 10,000 input tokens cost the catalog's price of a
/// million input tokens; a model without a price is counted and said.
#[test]
fn compare_prices_a_usage_log_by_the_catalog() {
    let line = |i: u32, model: &str| {
        format!(
            "{{\"id\":\"chatcmpl-{i}\",\"object\":\"chat.completion\",\"created\":{},\"model\":\"{model}\",\"usage\":{{\"prompt_tokens\":10000,\"completion_tokens\":0,\"total_tokens\":10000}}}}\n",
            1_768_003_200 + i
        )
    };
    let mut log: String = (0..100).map(|i| line(i, "gpt-5.4-2026-03-05")).collect();
    log += &line(100, "gpt-unknown-9");
    let file = temp_file("usage-log.jsonl", &log);
    let path = file.to_str().unwrap();
    let args = ["compare", "text-to-sql", path, "--arch", "prompt_only"];
    let o = burnrate(&[&args[..], &["--json"]].concat());
    assert!(o.status.success(), "{}", stderr(&o));
    let c: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let p = burnrate(&["prices", "--search", "gpt-5.4", "--json"]);
    let prices: serde_json::Value = serde_json::from_str(&stdout(&p)).unwrap();
    let per_m_input = prices["models"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["id"] == "openai/gpt-5.4")
        .unwrap()["usd_per_m_input"]
        .as_f64()
        .unwrap();
    let month = &c["months"][0];
    assert_eq!(month["month"], "2026-01", "{c}");
    let actual = month["actual_usd"].as_f64().unwrap();
    assert!(
        (actual - per_m_input).abs() < 1e-9,
        "{actual} against {per_m_input}"
    );
    let o = burnrate(&args);
    assert!(
        stdout(&o).contains("Not compared: 2026-01 (not priced: 1 request of gpt-unknown-9"),
        "{}",
        stdout(&o)
    );
}

/// `capacity optimize` prints each option (units, term, mean, P95, chance
/// over the limits) and the best, in JSON; text names the best; a
/// self-hosted architecture and one without units or offer are refused in
/// words.
#[test]
fn capacity_optimize_prints_the_options_and_the_best() {
    let o = burnrate(&[
        "capacity",
        "optimize",
        "text-to-sql",
        "--arch",
        "prompt_only",
        "--offer",
        "azure-ptu-global",
        "--units",
        "60,120",
        "--trials",
        "50",
        "--json",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let options = v["options"].as_array().unwrap();
    // Pay-as-you-go, then two sizes on each of the offer's three terms.
    assert_eq!(options.len(), 7, "{v}");
    for o in options {
        for key in ["units", "term", "mean_usd", "p95_usd", "p_over_limit"] {
            assert!(!o[key].is_null(), "{key} in {o}");
        }
    }
    assert!(v["best"]["mean_usd"].as_f64().unwrap() > 0.0);
    // text-to-sql grows 3% a month over a year: when to add units, in
    // four steps of three months, each trying the counts asked.
    let steps = v["plan"]["steps"].as_array().unwrap();
    let months: Vec<(u64, u64)> = steps
        .iter()
        .map(|s| (s["month"].as_u64().unwrap(), s["until"].as_u64().unwrap()))
        .collect();
    assert_eq!(months, [(1, 3), (4, 6), (7, 9), (10, 12)], "{v}");
    for s in steps {
        assert!([0, 60, 120].contains(&s["units"].as_u64().unwrap()), "{s}");
        for key in ["mean_usd", "p95_usd", "p_over_limit"] {
            assert!(s[key].as_f64().is_some(), "{key} in {s}");
        }
    }
    let o = burnrate(&[
        "capacity",
        "optimize",
        "text-to-sql",
        "--arch",
        "prompt_only",
        "--offer",
        "azure-ptu-global",
        "--units",
        "60,120",
        "--trials",
        "20",
    ]);
    assert!(
        stdout(&o).contains("When to add units as traffic grows: 3 months a step"),
        "{}",
        stdout(&o)
    );
    let o = burnrate(&[
        "capacity",
        "optimize",
        "text-to-sql",
        "--arch",
        "prompt_only",
        "--units",
        "60",
        "--trials",
        "20",
    ]);
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("has no provisioned capacity: choose an offer (--offer"),
        "{}",
        stderr(&o)
    );
    let o = burnrate(&[
        "capacity",
        "optimize",
        "knowledge-base",
        "--arch",
        "fine_tuned",
        "--offer",
        "azure-ptu-global",
    ]);
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("runs on its own instances"),
        "{}",
        stderr(&o)
    );
    // An unknown architecture is named, with those there are (with or
    // without an offer).
    let o = burnrate(&[
        "capacity",
        "optimize",
        "text-to-sql",
        "--arch",
        "nope",
        "--offer",
        "azure-ptu-global",
    ]);
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("no architecture nope: one of prompt_only"),
        "{}",
        stderr(&o)
    );
}

/// `capacity size` reproduces Microsoft's worked example (110 PTU, 80 with
/// half the input cached) in its JSON, and says an unknown offer in words.
#[test]
fn capacity_size_reproduces_azure_s_example() {
    let args = |cached: &str| {
        let o = burnrate(&[
            "capacity",
            "size",
            "--offer",
            "azure-ptu-data-zone",
            "--model",
            "openai/gpt-5.2",
            "--rpm",
            "1000",
            "--input-tokens",
            "200",
            "--output-tokens",
            "20",
            "--cached-share",
            cached,
            "--json",
        ]);
        assert!(o.status.success(), "{}", stderr(&o));
        let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
        v["units"].as_f64().unwrap()
    };
    assert_eq!(args("0"), 110.0);
    assert_eq!(args("0.5"), 80.0);
    let o = burnrate(&[
        "capacity",
        "size",
        "--offer",
        "bedrock-mu",
        "--model",
        "x",
        "--rpm",
        "1",
        "--input-tokens",
        "1",
        "--output-tokens",
        "1",
    ]);
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("no offer bedrock-mu: one of azure-ptu-global"),
        "{}",
        stderr(&o)
    );
}

/// A small LiteLLM-shaped spend log: 21 days of 24 requests a day (one an
/// hour), 1,000 input and 200 output tokens each; line 5 unreadable.
fn spend_log() -> String {
    let mut text =
        String::from("request_id,prompt_tokens,completion_tokens,startTime,model,status\n");
    for day in 1..=21 {
        for hour in 0..24 {
            text += &format!(
                "r{day}-{hour},1000,200,2026-09-{day:02} {hour:02}:30:00.000000,gpt-4o-mini,success\n"
            );
        }
    }
    let mut lines: Vec<&str> = text.lines().collect();
    lines[4] = "r-bad,lots,200,2026-09-01 03:30:00.000000,gpt-4o-mini,success";
    lines.join("\n") + "\n"
}

#[test]
fn calibrate_fits_a_usage_log_and_says_what_it_could_not_read() {
    let log = temp_file("spend-log", &spend_log());
    let o = burnrate(&["calibrate", log.to_str().unwrap(), "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    // 21 × 24 requests less the bad one over 21 whole days: 23.95 a day
    // (one day at 23 among days of 24: within chance, a fixed level).
    let per_day = &v["workload"]["queries_per_day"];
    assert_eq!(per_day["kind"], "fixed", "{per_day}");
    assert_eq!(per_day["value"], 23.95);
    assert!((v["fit"]["queries_per_day"]["mean"].as_f64().unwrap() - 503.0 / 21.0).abs() < 1e-4);
    assert_eq!(
        v["workload"]["query_tokens"]["mean_tokens"]["value"],
        1000.0
    );
    assert_eq!(
        v["workload"]["output_tokens"]["mean_tokens"]["value"],
        200.0
    );
    assert_eq!(v["fit"]["bad_rows"], 1);
    assert_eq!(v["fit"]["first_bad_rows"][0]["line"], 5);
    // The text report names the fit and the bad line.
    let text = stdout(&burnrate(&["calibrate", log.to_str().unwrap()]));
    assert!(text.contains("line 5: input tokens \"lots\""), "{text}");
    assert!(text.contains("Queries per day"), "{text}");
}

#[test]
fn calibrate_into_a_preset_prints_a_scenario_that_simulates() {
    let log = temp_file("spend-log-into", &spend_log());
    let o = burnrate(&["calibrate", log.to_str().unwrap(), "--into", "text-to-sql"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("Queries per day"), "{}", stderr(&o));
    let scenario = temp_file("calibrated", &stdout(&o));
    let s = burnrate(&[
        "simulate",
        scenario.to_str().unwrap(),
        "--trials",
        "200",
        "--json",
    ]);
    assert!(s.status.success(), "{}", stderr(&s));
    // Nothing is read without a mapping for another shape; with one it is.
    let other = temp_file("other-log", "when,in,out\n2026-09-01T10:00:00Z,5,6\n");
    let o = burnrate(&["calibrate", other.to_str().unwrap()]);
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("timestamp=YOUR_COLUMN"),
        "{}",
        stderr(&o)
    );
    let o = burnrate(&[
        "calibrate",
        other.to_str().unwrap(),
        "--column",
        "timestamp=when",
        "--column",
        "input_tokens=in",
        "--column",
        "output_tokens=out",
        "--json",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn simulate_focus_writes_the_forecast_as_focus_csv() {
    let o = burnrate(&[
        "simulate",
        "text-to-sql",
        "--trials",
        "300",
        "--focus",
        "--start-month",
        "2027-01",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(
        text.starts_with("BillingAccountId,BillingAccountName,BillingCurrency,BillingPeriodStart,"),
        "{text}"
    );
    assert!(text.lines().count() > 10);
    let o = burnrate(&["simulate", "text-to-sql", "--focus"]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("--start-month"), "{}", stderr(&o));
}

/// Prices from a price file are the scenario's own: stderr says which, and
/// `--json` lists them; a preset's are the catalog's, and nothing is said.
#[test]
fn prices_not_the_catalogs_are_said_and_listed() {
    let file = temp_file(
        "own-prices",
        r#"{"models": [{"id": "llama-3.1-8b-bedrock", "usd_per_m_input": 0.1, "usd_per_m_cached_input": 0.1, "usd_per_m_output": 0.1}]}"#,
    );
    let file = file.to_str().unwrap();
    let o = burnrate(&[
        "simulate", "idle-gpu", "--trials", "100", "--json", "--prices", file,
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o)
            .contains("Not the catalog's prices: llama-3.1-8b-bedrock is set in this scenario"),
        "{}",
        stderr(&o)
    );
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(
        v["prices_differ_from_catalog"],
        serde_json::json!(["llama-3.1-8b-bedrock"])
    );
    let o = burnrate(&["simulate", "idle-gpu", "--trials", "100", "--json"]);
    assert!(!stderr(&o).contains("Not the catalog's"));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["prices_differ_from_catalog"], serde_json::json!([]));
}

/// A message never carries a terminal's escape sequence (a link's model
/// name, a file name), and a stderr that cannot be written does not stop
/// the program with an abort: it ends with its own status.
#[test]
fn messages_are_printable_and_a_full_stderr_is_no_abort() {
    let o = burnrate(&["simulate", "no-such-file-\u{1b}[31mred"]);
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(!err.contains('\u{1b}'), "{err:?}");
    assert!(err.contains("\\u{1b}"), "{err:?}");
    let prices = temp_file(
        "stderr-full",
        r#"{"models": [{"id": "llama-3.1-8b-bedrock", "usd_per_m_input": 0.1, "usd_per_m_cached_input": 0.1, "usd_per_m_output": 0.1}]}"#,
    );
    if let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") {
        // Two notes go to stderr (the prices taken, and that they are not
        // the catalog's); the table still reaches stdout.
        let o = Command::new(env!("CARGO_BIN_EXE_burnrate"))
            .args(["simulate", "idle-gpu", "--trials", "100", "--prices"])
            .arg(&prices)
            .stderr(full)
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(0), "not 134, an abort");
        assert!(stdout(&o).contains("cheapest on average"));
    }
}

/// A stream with no end and no text (`/dev/zero`) is refused at once, and
/// a file without line breaks is refused at its first 32 MB, not held
/// whole in memory.
#[test]
fn endless_or_unbroken_logs_are_refused_quickly() {
    if std::path::Path::new("/dev/zero").exists() {
        let start = std::time::Instant::now();
        let o = burnrate(&["calibrate", "/dev/zero"]);
        assert_eq!(o.status.code(), Some(1));
        assert!(
            stderr(&o).contains("the file is not text"),
            "{}",
            stderr(&o)
        );
        assert!(start.elapsed().as_secs() < 10);
    }
    let mut text = String::from("{\"a\":\"");
    text.push_str(&"a".repeat(40 << 20));
    let file = temp_file("unbroken", &text);
    let o = burnrate(&["calibrate", file.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("line 1 runs past 32 MB without a line break"),
        "{}",
        stderr(&o)
    );
    // A CSV cell that never closes its quote: the same at its row.
    let mut text = String::from("created,prompt_tokens,completion_tokens\n1,\"");
    text.push_str(&"a".repeat(40 << 20));
    let file = temp_file("open-quote", &text);
    let o = burnrate(&["calibrate", file.to_str().unwrap()]);
    assert!(
        stderr(&o).contains("line 2 runs past 32 MB"),
        "{}",
        stderr(&o)
    );
}

/// Issue 32: a lognormal whose tail passes the field's bound (P5 3,000,
/// P95 5e9 queries a day: 3.6% of draws above 1e10) is held there, and
/// stderr says so; a preset says nothing.
#[test]
fn draws_held_at_a_bound_are_said() {
    let o = burnrate(&["scenario", "knowledge-base"]);
    let mut v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    v["workload"]["queries_per_day"] =
        serde_json::json!({"kind": "log_normal", "p5": 3000.0, "p95": 5e9});
    let file = temp_file("held", &v.to_string());
    let o = burnrate(&["simulate", file.to_str().unwrap(), "--trials", "100"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains(
            "Held at the field's bounds: Queries per day: 3.6% of draws above 10,000,000,000"
        ),
        "{}",
        stderr(&o)
    );
    let o = burnrate(&["simulate", "knowledge-base", "--trials", "100"]);
    assert!(!stderr(&o).contains("Held at"), "{}", stderr(&o));
}

/// burnrate's own FOCUS forecast read back as a bill (one architecture's
/// rows): each month's actual is the forecast's mean, which the check must
/// find to the cent's hundredth (the file's rounding), inside P5–P95 and
/// just above the median (spend is skewed right); rows no rule names are
/// reported, never dropped; a bill for an unnamed architecture is refused.
#[test]
fn compare_places_each_month_of_a_bill_in_its_forecast() {
    let o = burnrate(&[
        "simulate",
        "text-to-sql",
        "--focus",
        "--start-month",
        "2026-01",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let forecast = stdout(&o);
    let mut lines = forecast.lines();
    let mut bill = lines.next().unwrap().to_owned() + "\n";
    for l in lines.filter(|l| l.contains("\"prompt_only\",\"Prompt")) {
        bill += &format!("{l}\n");
    }
    let file = temp_file("compare-bill", &bill);
    let path = file.to_str().unwrap();
    let o = burnrate(&[
        "compare",
        "text-to-sql",
        path,
        "--arch",
        "prompt_only",
        "--json",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let c: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let months = c["months"].as_array().unwrap();
    assert_eq!(months.len(), 12);
    assert_eq!(c["start_month"], "2026-01");
    for m in months {
        let (actual, mean) = (
            m["actual_usd"].as_f64().unwrap(),
            m["forecast_mean"].as_f64().unwrap(),
        );
        let rows = bill
            .lines()
            .filter(|l| l.contains(&format!("month {} of 12", m["horizon_month"])))
            .count() as f64;
        assert!((actual - mean).abs() <= 0.00005 * rows + 1e-9, "{m}");
        let p = m["percentile"].as_f64().unwrap();
        assert!((50.0..60.0).contains(&p), "{m}");
        assert!(
            m["forecast_p5"].as_f64().unwrap() < actual
                && actual < m["forecast_p95"].as_f64().unwrap()
        );
        assert_eq!(m["complete"], true);
    }
    assert_eq!(c["inside_p5_p95"], 12);
    assert_eq!(c["unplaced"], serde_json::json!([]));
    // The fan chart's band: every month of the horizon, as the months placed.
    let horizon = c["horizon"].as_array().unwrap();
    assert_eq!(horizon.len(), 12);
    for (h, m) in horizon.iter().zip(months) {
        assert_eq!(
            (&h["month"], &h["forecast_p95"]),
            (&m["month"], &m["forecast_p95"])
        );
    }
    // A rule that names no row: every month's spend is unmapped, said.
    let o = burnrate(&[
        "compare",
        "text-to-sql",
        path,
        "--map",
        "claude=rag",
        "--json",
    ]);
    let c: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(c["months"], serde_json::json!([]));
    let unplaced = c["unplaced"].as_array().unwrap();
    assert_eq!(unplaced.len(), 12);
    assert!(unplaced.iter().all(|u| u["why"] == "unmapped"));
    let o = burnrate(&["compare", "text-to-sql", path]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("Pass --arch ID"), "{}", stderr(&o));
    let o = burnrate(&["compare", "text-to-sql", path, "--arch", "nope"]);
    assert!(
        stderr(&o).contains("no architecture \"nope\""),
        "{}",
        stderr(&o)
    );
}
