//! Fuzzing the two other ways data comes in (links have theirs in
//! link.rs): 100,000 generated usage logs and 100,000 generated price
//! files, each from a seeded generator (the same cases every run). None may
//! panic; every refusal is a sentence of bounded length; nothing a file
//! holds is echoed unbounded (model names, columns, bad rows' reasons); a
//! log that is read fits or is refused in words (issue 33).

use burnrate_model::calibrate::{LogReader, Mapping, fit};
use burnrate_model::price_file;
use burnrate_model::rng::{name_hash, stream};
use burnrate_model::{presets, validate};
use rand::RngExt;

const CASES: u64 = 100_000;
/// The longest message a refusal may be: a sentence or two, with an echo cut.
const MAX_MESSAGE: usize = 2_000;

/// Pieces a mutation inserts: quotes, line breaks, byte-order marks, zero
/// bytes, numbers at and past the edges, dates far off, bidi overrides.
const PIECES: &[&[u8]] = &[
    b"\"",
    b"\n",
    b"\r\n",
    b",",
    b"{",
    b"}",
    b"[",
    b"\0",
    b"\xEF\xBB\xBF",
    b"\xFF\xFE",
    b"\xFE\xFF",
    b"99999999999999999999",
    b"-1",
    b"NaN",
    b"1e308",
    b"-0",
    b"9999-12-31T00:00:00Z",
    b"1900-01-01",
    "\u{e9}".as_bytes(),
    "\u{202e}".as_bytes(),
    b"\xC3",
    b"null",
    b"true",
    b"\"usage\":",
    b"<style>",
];

/// `base` with one to five mutations: a range cut, a piece inserted, a byte
/// changed, a range repeated.
fn mutated(rng: &mut impl RngExt, base: &[u8]) -> Vec<u8> {
    let mut b = base.to_vec();
    for _ in 0..rng.random_range(1..6) {
        let at = rng.random_range(0..=b.len());
        match rng.random_range(0..4) {
            0 => {
                let end = (at + rng.random_range(0..40)).min(b.len());
                b.drain(at..end);
            }
            1 => {
                let piece = PIECES[rng.random_range(0..PIECES.len())];
                b.splice(at..at, piece.iter().copied());
            }
            2 if at < b.len() => b[at] = rng.random(),
            _ => {
                let end = (at + rng.random_range(0..200)).min(b.len());
                let copy = b[at..end].to_vec();
                b.splice(at..at, copy);
            }
        }
    }
    b
}

fn csv_log(rng: &mut impl RngExt) -> String {
    let mut t = if rng.random_bool(0.5) {
        String::from("created,prompt_tokens,completion_tokens,model,session_id\n")
    } else {
        String::from("request_id,prompt_tokens,completion_tokens,startTime,model,status,metadata\n")
    };
    let litellm = t.starts_with("request_id");
    for i in 0..rng.random_range(1..40) {
        let (input, output) = (rng.random_range(0..5_000), rng.random_range(0..900));
        if litellm {
            t += &format!(
                "r{i},{input},{output},2026-09-{:02} {:02}:30:00.000000,gpt-4o-mini,success,\"{{\"\"usage_object\"\": {{\"\"cache_read_input_tokens\"\": {}}}}}\"\n",
                1 + i % 28,
                i % 24,
                input / 2
            );
        } else {
            t += &format!(
                "{},{input},{output},gpt-5.4,s{}\n",
                1_790_000_000 + 3_571 * i,
                i % 7
            );
        }
    }
    t
}

fn json_log(rng: &mut impl RngExt) -> String {
    let mut t = String::new();
    for i in 0..rng.random_range(1..40) {
        let (input, output) = (rng.random_range(0..5_000), rng.random_range(0..900));
        t += &match i % 3 {
            0 => format!(
                r#"{{"created":{},"model":"gpt-5.4","usage":{{"prompt_tokens":{input},"completion_tokens":{output},"prompt_tokens_details":{{"cached_tokens":{}}}}}}}"#,
                1_790_000_000 + 3_571 * i,
                input / 3
            ),
            1 => format!(
                r#"{{"createTime":"2026-09-0{}T10:00:00Z","usageMetadata":{{"promptTokenCount":{input},"candidatesTokenCount":{output},"thoughtsTokenCount":7}}}}"#,
                1 + i % 9
            ),
            _ => format!(
                r#"{{"start_time":"2026-09-0{}T11:00:00Z","attributes":{{"gen_ai.usage.input_tokens":{input},"gen_ai.usage.output_tokens":{output},"gen_ai.usage.cache_read.input_tokens":{}}}}}"#,
                1 + i % 9,
                input / 4
            ),
        };
        t.push('\n');
    }
    t
}

fn check_message(what: &str, case: u64, message: &str) {
    assert!(
        !message.trim().is_empty() && message.len() <= MAX_MESSAGE,
        "{what} case {case}: a refusal of {} bytes: {:?}",
        message.len(),
        &message[..message.len().min(300)]
    );
}

#[test]
fn a_hundred_thousand_generated_logs_are_read_or_refused_in_words() {
    let mut rng = stream(1, 0, name_hash("fuzz-logs"));
    let base = presets::text_to_sql().workload;
    let (mut read, mut refused, mut fitted) = (0u64, 0u64, 0u64);
    for case in 0..CASES {
        let text = if case % 2 == 0 {
            csv_log(&mut rng)
        } else {
            json_log(&mut rng)
        };
        let bytes = match case % 10 {
            // One in ten as generated, one in ten random bytes.
            0 => text.into_bytes(),
            9 => (0..rng.random_range(0..400))
                .map(|_| rng.random())
                .collect(),
            _ => mutated(&mut rng, text.as_bytes()),
        };
        let mut reader = LogReader::new(Mapping::default());
        let piece = rng.random_range(1..=bytes.len().max(1));
        bytes.chunks(piece).for_each(|c| reader.feed(c));
        let log = match reader.finish() {
            Ok(log) => log,
            Err(e) => {
                check_message("log", case, &e);
                refused += 1;
                continue;
            }
        };
        read += 1;
        for name in log.model_names() {
            assert!(
                name.len() <= 400,
                "case {case}: a model name of {} bytes",
                name.len()
            );
        }
        for (_, column) in &log.columns {
            assert!(
                column.len() <= 400,
                "case {case}: a column of {} bytes",
                column.len()
            );
        }
        for bad in &log.first_bad_rows {
            check_message("bad row", case, &bad.reason);
        }
        // Fitting is the slow part: one read log in five.
        if case % 5 == 0 {
            match fit(&log, &base) {
                Ok(c) => {
                    fitted += 1;
                    let mut s = presets::text_to_sql();
                    s.workload = c.workload.clone();
                    if let Err(e) = validate::validate(&s) {
                        panic!("case {case}: the fit gave an invalid workload: {e}");
                    }
                    for n in &c.fit.notes {
                        check_message("note", case, n);
                    }
                }
                Err(e) => check_message("fit", case, &e),
            }
        }
    }
    eprintln!("{CASES} logs: {read} read ({fitted} fitted), {refused} refused in words");
    assert!(
        read > CASES / 4 && refused > CASES / 20,
        "{read} read, {refused} refused"
    );
}

/// Small files of the three formats a price import reads.
fn price_file_text(rng: &mut impl RngExt) -> String {
    let prices: Vec<f64> = (0..5).map(|_| rng.random_range(0.0..2e-5)).collect();
    let p = |i: usize| format!("{:e}", prices[i]);
    match rng.random_range(0..3) {
        0 => format!(
            r#"{{"gpt-5.4": {{"input_cost_per_token": {}, "output_cost_per_token": {}, "cache_read_input_token_cost": {}, "output_cost_per_reasoning_token": {}, "max_input_tokens": 272000, "litellm_provider": "openai", "mode": "chat"}},
 "text-embedding-3-small": {{"input_cost_per_token": 2e-8, "output_vector_size": 1536, "mode": "embedding"}}}}"#,
            p(0),
            p(1),
            p(2),
            p(3)
        ),
        1 => format!(
            r#"[{{"id": "openai", "name": "OpenAI", "pricing_urls": ["https://openai.com"], "models": [
  {{"id": "gpt-5.4", "context_window": 272000, "prices": {{"input_mtok": {{"base": 2.5, "tiers": [{{"start": 272000, "price": 5}}]}}, "output_mtok": 15, "cache_read_mtok": 0.25, "requests_kcount": 1}}}},
  {{"id": "sonar-deep-research", "prices": {{"input_mtok": 2, "output_mtok": 8, "output_reasoning_mtok": {}}}}}]}}]"#,
            prices[4] * 1e6
        ),
        _ => format!(
            r#"{{"as_of": "2026-11-03", "models": [{{"id": "openai/gpt-5.4", "usd_per_m_input": {}, "usd_per_m_cached_input": 0.25, "usd_per_m_output": 15, "long_context": {{"above_input_tokens": 272000, "usd_per_m_input": 5, "usd_per_m_cached_input": 0.5, "usd_per_m_output": 22.5}}, "rules": [{{"utc_start_hour": 16.5, "utc_end_hour": 0.5, "usd_per_m_input": 1, "usd_per_m_cached_input": 0.1, "usd_per_m_output": 4}}], "source": "test"}}]}}"#,
            prices[4] * 1e6
        ),
    }
}

#[test]
fn a_hundred_thousand_generated_price_files_are_read_or_refused_in_words() {
    let mut rng = stream(1, 0, name_hash("fuzz-price-files"));
    let used = vec!["openai/gpt-5.4".to_owned()];
    let (mut read, mut refused) = (0u64, 0u64);
    for case in 0..CASES {
        let text = price_file_text(&mut rng);
        let bytes = match case % 10 {
            0 => text.into_bytes(),
            _ => mutated(&mut rng, text.as_bytes()),
        };
        let text = String::from_utf8_lossy(&bytes);
        match price_file::read_keeping(&text) {
            Ok((catalog, dropped)) => {
                read += 1;
                for d in &dropped {
                    check_message("dropped entry", case, &d.reason);
                }
                if let Some(note) = price_file::dropped_note(&dropped, &used) {
                    check_message("note", case, &note);
                }
                // What is kept is valid: a scenario may use it.
                catalog
                    .validate_entries("prices")
                    .unwrap_or_else(|e| panic!("case {case}: kept an invalid entry: {e}"));
            }
            Err(e) => {
                check_message("price file", case, &e.to_string());
                refused += 1;
            }
        }
    }
    eprintln!("{CASES} price files: {read} read, {refused} refused in words");
    assert!(
        read > CASES / 10 && refused > CASES / 10,
        "{read} read, {refused} refused"
    );
}

/// A bill in one of the four shapes `bill::read` takes (FOCUS CSV,
/// LiteLLM's spend log, OpenAI's and Anthropic's cost reports).
fn bill_text(rng: &mut impl RngExt) -> String {
    let rows = rng.random_range(1..20);
    let mut t = String::new();
    match rng.random_range(0..4) {
        0 => {
            t += "BilledCost,BillingCurrency,ChargeCategory,ChargePeriodStart,ChargePeriodEnd,ChargeDescription,ServiceName\n";
            for i in 0..rows {
                t += &format!(
                    "{:.4},USD,{},2026-{:02}-01T00:00:00Z,2026-{:02}-01T00:00:00Z,gpt-4o,\"openai, chat\"\n",
                    rng.random_range(0.0..500.0),
                    if i % 7 == 6 { "Tax" } else { "Usage" },
                    1 + i % 12,
                    2 + i % 11
                );
            }
        }
        1 => {
            t += "request_id,spend,startTime,model,call_type\n";
            for i in 0..rows {
                t += &format!(
                    "r{i},{:.6},2026-01-{:02} 10:00:00.000000,claude-sonnet-4,acompletion\n",
                    rng.random_range(0.0..0.1),
                    1 + i % 31
                );
            }
        }
        2 => {
            for i in 0..rows {
                t += &format!(
                    r#"{{"object":"page","data":[{{"object":"bucket","start_time":{},"end_time":{},"results":[{{"object":"organization.costs.result","amount":{{"value":{:.3},"currency":"usd"}},"line_item":"gpt-4o, input","project_id":null}}]}}]}}"#,
                    1_767_225_600 + 86_400 * i,
                    1_767_312_000 + 86_400 * i,
                    rng.random_range(0.0..50.0)
                );
                t.push('\n');
            }
        }
        _ => {
            t += r#"{"data":["#;
            for i in 0..rows {
                if i > 0 {
                    t.push(',');
                }
                t += &format!(
                    r#"{{"starting_at":"2026-02-{:02}T00:00:00Z","ending_at":"2026-02-{:02}T00:00:00Z","results":[{{"currency":"USD","amount":"{:.2}","model":"claude-haiku-4","description":"x","cost_type":"tokens"}}]}}"#,
                    1 + i % 27,
                    2 + i % 27,
                    rng.random_range(0.0..9_000.0)
                );
            }
            t += r#"],"has_more":false}"#;
        }
    }
    t
}

/// Bills come from anywhere (issue 31): 100,000 generated and mutated ones
/// are read with finite sums or refused in a bounded sentence, never a
/// panic, by rule and whole.
#[test]
fn a_hundred_thousand_generated_bills_are_read_or_refused_in_words() {
    use burnrate_model::bill::{self, Mapping, Rule};
    let mut rng = stream(1, 0, name_hash("fuzz-bills"));
    let archs = vec!["rag".to_owned(), "prompt".to_owned()];
    let rules = Mapping::Rules(vec![
        Rule::parse("gpt-4o=rag").unwrap(),
        Rule::parse("claude=prompt").unwrap(),
    ]);
    let all = Mapping::All("rag".to_owned());
    let prices = bill::Prices {
        catalog: burnrate_model::catalog::Catalog::shipped(),
        preferred: Vec::new(),
    };
    let (mut read, mut refused) = (0u64, 0u64);
    for case in 0..CASES {
        let text = bill_text(&mut rng);
        let bytes = match case % 10 {
            0 => text.into_bytes(),
            _ => mutated(&mut rng, text.as_bytes()),
        };
        let text = String::from_utf8_lossy(&bytes);
        let mapping = if case % 2 == 0 { &rules } else { &all };
        match bill::read(&text, &archs, mapping, &prices) {
            Ok(b) => {
                read += 1;
                for (month, m) in &b.months {
                    let sums = m.by_arch.values().chain([&m.unmapped_usd, &m.tax_usd]);
                    for v in sums {
                        assert!(v.is_finite(), "case {case}: {month} sums to {v}");
                    }
                }
            }
            Err(e) => {
                check_message("bill", case, &e);
                refused += 1;
            }
        }
    }
    eprintln!("{CASES} bills: {read} read, {refused} refused in words");
    assert!(
        read > CASES / 10 && refused > CASES / 10,
        "{read} read, {refused} refused"
    );
}
