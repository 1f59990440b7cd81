//! Calibration from usage logs: synthetic logs drawn from known parameters
//! in LiteLLM's, OpenAI's, Anthropic's, OpenTelemetry's and Gemini's shapes; the fit must recover the
//! parameters within stated tolerances, report bad rows by line, and carry
//! the log's monthly tokens through a simulation within 5%.

mod common;

use burnrate_model::calibrate::{Calibration, Mapping, calibrate};
use burnrate_model::scenario::DAYS_PER_MONTH;
use burnrate_model::{Component, Dist, Scenario, presets, simulate, validate};
use rand::RngExt;
use rand_distr::{Distribution, Gamma, LogNormal, Poisson};

const MS_PER_HOUR: i64 = 3_600_000;
/// 2026-08-03, a Monday: days since 1970-01-01.
const FIRST_DAY: i64 = 20_668;

/// The process a synthetic log is drawn from: the model's own traffic
/// (level, growth, week and day shape, gamma-mixed Poisson hours) and
/// lognormal tokens per request.
#[derive(Clone)]
struct Truth {
    days: i64,
    level: f64,
    growth: f64,
    weekend: f64,
    window: (u32, u32),
    share: f64,
    burst_cv: f64,
    input: (f64, f64),
    output: (f64, f64),
    cache_read_share: f64,
    cache_write_share: f64,
    /// Mean conversation length (0: no conversation ids) and tokens each
    /// earlier turn adds to the input.
    turns: f64,
    history_per_turn: f64,
    failed_share: f64,
}

struct Row {
    at_ms: i64,
    input: u64,
    output: u64,
    cache_read: u64,
    cache_write: u64,
    conversation: u64,
    failed: bool,
}

fn truth() -> Truth {
    Truth {
        days: 84,
        level: 1_000.0,
        growth: 0.10,
        weekend: 0.4,
        window: (9, 18),
        share: 0.8,
        burst_cv: 0.3,
        input: (1_200.0, 0.8),
        output: (300.0, 0.6),
        cache_read_share: 0.0,
        cache_write_share: 0.0,
        turns: 0.0,
        history_per_turn: 0.0,
        failed_share: 0.0,
    }
}

fn generate(t: &Truth, seed: u64) -> Vec<Row> {
    let mut rng = burnrate_model::rng::stream(seed, 0, 0);
    let lognormal = |(mean, cv): (f64, f64)| {
        let s2 = (1.0f64 + cv * cv).ln();
        LogNormal::new(mean.ln() - s2 / 2.0, s2.sqrt()).unwrap()
    };
    let (input, output) = (lognormal(t.input), lognormal(t.output));
    let k = 1.0 / (t.burst_cv * t.burst_cv);
    let rate = Gamma::new(k, 1.0 / k).unwrap();
    let mid = (t.days - 1) as f64 / 2.0;
    let (len, mut rows) = (f64::from(t.window.1 - t.window.0), Vec::new());
    let (mut conversation, mut position) = (0, 0.0);
    for d in 0..t.days {
        let weekend = (FIRST_DAY + d + 3).rem_euclid(7) >= 5;
        let day = if weekend { t.weekend } else { 1.0 } * 7.0 / (5.0 + 2.0 * t.weekend);
        let level = t.level * (1.0 + t.growth).powf((d as f64 - mid) / DAYS_PER_MONTH) * day;
        for h in 0..24 {
            let inside = (t.window.0..t.window.1).contains(&h);
            let within = if inside {
                t.share / len
            } else {
                (1.0 - t.share) / (24.0 - len)
            };
            let lambda = level * within * rate.sample(&mut rng);
            let n = Poisson::new(lambda).unwrap().sample(&mut rng) as u64;
            // Arrival times in order, so a conversation's turns follow each other.
            let mut offsets: Vec<i64> = (0..n)
                .map(|_| (rng.random::<f64>() * MS_PER_HOUR as f64) as i64)
                .collect();
            offsets.sort_unstable();
            for offset in offsets {
                if t.turns > 0.0 && rng.random::<f64>() < 1.0 / t.turns {
                    (conversation, position) = (conversation + 1, 0.0);
                }
                let history = t.history_per_turn * position;
                position += 1.0;
                let total = (input.sample(&mut rng) + history).round() as u64;
                let failed = rng.random::<f64>() < t.failed_share;
                rows.push(Row {
                    at_ms: (FIRST_DAY + d) * 24 * MS_PER_HOUR + i64::from(h) * MS_PER_HOUR + offset,
                    input: if failed { 0 } else { total },
                    output: if failed {
                        0
                    } else {
                        output.sample(&mut rng).round() as u64
                    },
                    cache_read: (total as f64 * t.cache_read_share).round() as u64,
                    cache_write: (total as f64 * t.cache_write_share).round() as u64,
                    conversation,
                    failed,
                });
            }
        }
    }
    rows.sort_by_key(|r| r.at_ms);
    rows
}

/// `YYYY-MM-DD HH:MM:SS.ffffff` (LiteLLM) or with `T` and `Z`.
fn iso(ms: i64, sep: char, zone: &str) -> String {
    let (days, rest) = (ms.div_euclid(86_400_000), ms.rem_euclid(86_400_000));
    // Days from 2026-08-03: August has 31 days, September 30, October 31.
    let mut day = days - FIRST_DAY + 3;
    let mut month = 8;
    for length in [31, 30, 31, 30, 31] {
        if day <= length {
            break;
        }
        day -= length;
        month += 1;
    }
    format!(
        "2026-{month:02}-{day:02}{sep}{:02}:{:02}:{:02}.{:03}{zone}",
        rest / MS_PER_HOUR,
        rest / 60_000 % 60,
        rest / 1000 % 60,
        rest % 1000
    )
}

/// LiteLLM's spend log exported as CSV (`LiteLLM_SpendLogs`' columns).
fn litellm_csv(rows: &[Row]) -> String {
    let mut text = String::from(
        "request_id,call_type,api_key,spend,total_tokens,prompt_tokens,completion_tokens,startTime,endTime,model,user,metadata,cache_hit,session_id,status\n",
    );
    for (i, r) in rows.iter().enumerate() {
        text += &format!(
            "req-{i},acompletion,hashed,0.0012,{},{},{},{},{},gpt-4o-mini,u1,\"{}\",False,sess-{},{}\n",
            r.input + r.output,
            r.input,
            r.output,
            iso(r.at_ms, ' ', "000"),
            iso(r.at_ms + 900, ' ', "000"),
            // LiteLLM's metadata cell: the usage it has no column for.
            format!(
                "{{\"model_group\": \"gpt-4o-mini\", \"tags\": [], \"usage_object\": {{\"completion_tokens\": {o}, \"prompt_tokens\": {i}, \"total_tokens\": {t}, \"prompt_tokens_details\": {{\"cached_tokens\": {cr}}}, \"cache_creation_input_tokens\": {cw}, \"cache_read_input_tokens\": {cr}}}, \"additional_usage_values\": {{\"prompt_tokens_details\": {{\"cached_tokens\": {cr}}}, \"cache_creation_input_tokens\": {cw}}}}}",
                o = r.output,
                i = r.input,
                t = r.input + r.output,
                cr = r.cache_read,
                cw = r.cache_write
            )
            .replace('"', "\"\""),
            r.conversation,
            if r.failed { "failure" } else { "success" },
        );
    }
    text
}

/// OpenAI chat-completion objects, one per line (`created` in seconds).
fn openai_jsonl(rows: &[Row]) -> String {
    rows.iter()
        .enumerate()
        .map(|(i, r)| {
            format!(
                "{{\"id\":\"chatcmpl-{i}\",\"object\":\"chat.completion\",\"created\":{},\"model\":\"gpt-4.1-mini-2025-04-14\",\"choices\":[{{\"index\":0,\"message\":{{\"role\":\"assistant\",\"content\":\"ok\"}},\"finish_reason\":\"stop\"}}],\"usage\":{{\"prompt_tokens\":{},\"completion_tokens\":{},\"total_tokens\":{},\"prompt_tokens_details\":{{\"cached_tokens\":{},\"audio_tokens\":0}},\"completion_tokens_details\":{{\"reasoning_tokens\":0}}}}}}\n",
                r.at_ms / 1000,
                r.input,
                r.output,
                r.input + r.output,
                r.cache_read
            )
        })
        .collect()
}

/// Anthropic Messages responses as a gateway logs them: a time and a
/// conversation beside the response, whose `input_tokens` leave out the
/// cache reads and writes reported next to them.
fn anthropic_jsonl(rows: &[Row]) -> String {
    rows.iter()
        .enumerate()
        .map(|(i, r)| {
            format!(
                "{{\"timestamp\":\"{}\",\"conversation_id\":\"c{}\",\"response\":{{\"id\":\"msg_{i}\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-sonnet-4-5\",\"stop_reason\":\"end_turn\",\"usage\":{{\"input_tokens\":{},\"cache_creation_input_tokens\":{},\"cache_read_input_tokens\":{},\"output_tokens\":{}}}}}}}\n",
                iso(r.at_ms, 'T', "Z"),
                r.conversation,
                r.input - r.cache_read - r.cache_write,
                r.cache_write,
                r.cache_read,
                r.output
            )
        })
        .collect()
}

/// OpenTelemetry GenAI client spans exported as JSON Lines (the SDK's
/// console and file exporters write each span's attributes as an object):
/// `gen_ai.usage.input_tokens` includes the cache reads and writes reported
/// beside it (the semantic conventions: "SHOULD be included").
fn otel_jsonl(rows: &[Row]) -> String {
    rows.iter()
        .enumerate()
        .map(|(i, r)| {
            format!(
                "{{\"name\":\"chat gpt-4o\",\"context\":{{\"trace_id\":\"0x{i:032x}\",\"span_id\":\"0x{i:016x}\"}},\"kind\":\"SpanKind.CLIENT\",\"start_time\":\"{}\",\"end_time\":\"{}\",\"attributes\":{{\"gen_ai.operation.name\":\"chat\",\"gen_ai.system\":\"openai\",\"gen_ai.request.model\":\"gpt-4o\",\"gen_ai.usage.input_tokens\":{},\"gen_ai.usage.output_tokens\":{},\"gen_ai.usage.cache_read.input_tokens\":{},\"gen_ai.usage.cache_creation.input_tokens\":{},\"gen_ai.usage.reasoning.output_tokens\":{}}}}}\n",
                iso(r.at_ms, 'T', "Z"),
                iso(r.at_ms + 900, 'T', "Z"),
                r.input,
                r.output,
                r.cache_read,
                r.cache_write,
                r.output / 4
            )
        })
        .collect()
}

/// The same spans as an OpenTelemetry collector's file exporter writes them
/// (OTLP/JSON): one export a line, each holding a few spans, attributes as
/// key/value lists, 64-bit integers and nanosecond times as strings.
fn otlp_json(rows: &[Row]) -> String {
    let span = |i: usize, r: &Row| {
        let int =
            |k: &str, v: u64| format!("{{\"key\":\"{k}\",\"value\":{{\"intValue\":\"{v}\"}}}}");
        format!(
            "{{\"traceId\":\"{i:032x}\",\"spanId\":\"{i:016x}\",\"name\":\"chat gpt-4o\",\"kind\":3,\"startTimeUnixNano\":\"{}\",\"endTimeUnixNano\":\"{}\",\"attributes\":[{{\"key\":\"gen_ai.operation.name\",\"value\":{{\"stringValue\":\"chat\"}}}},{{\"key\":\"gen_ai.request.model\",\"value\":{{\"stringValue\":\"gpt-4o\"}}}},{},{},{},{},{}],\"status\":{{}}}}",
            r.at_ms as i128 * 1_000_000,
            (r.at_ms as i128 + 900) * 1_000_000,
            int("gen_ai.usage.input_tokens", r.input),
            int("gen_ai.usage.output_tokens", r.output),
            int("gen_ai.usage.cache_read.input_tokens", r.cache_read),
            int("gen_ai.usage.cache_creation.input_tokens", r.cache_write),
            int("gen_ai.usage.reasoning.output_tokens", r.output / 4),
        )
    };
    rows.chunks(7)
        .enumerate()
        .map(|(k, chunk)| {
            let spans: Vec<String> = chunk
                .iter()
                .enumerate()
                .map(|(j, r)| span(k * 7 + j, r))
                .collect();
            format!(
                "{{\"resourceSpans\":[{{\"resource\":{{\"attributes\":[{{\"key\":\"service.name\",\"value\":{{\"stringValue\":\"support-bot\"}}}}]}},\"scopeSpans\":[{{\"scope\":{{\"name\":\"opentelemetry.instrumentation.openai_v2\"}},\"spans\":[{}]}}]}}]}}\n",
                spans.join(",")
            )
        })
        .collect()
}

/// Gemini `generateContent` responses as logged: `createTime`, and
/// `usageMetadata` whose `candidatesTokenCount` leaves out the thoughts
/// (`thoughtsTokenCount`), billed as output too; cached content is inside
/// the prompt count.
fn gemini_jsonl(rows: &[Row]) -> String {
    rows.iter()
        .map(|r| {
            let thoughts = r.output / 3;
            format!(
                "{{\"createTime\":\"{}\",\"modelVersion\":\"gemini-2.5-flash\",\"usageMetadata\":{{\"promptTokenCount\":{},\"candidatesTokenCount\":{},\"thoughtsTokenCount\":{thoughts},\"cachedContentTokenCount\":{},\"totalTokenCount\":{}}}}}\n",
                iso(r.at_ms, 'T', "Z"),
                r.input,
                r.output - thoughts,
                r.cache_read,
                r.input + r.output
            )
        })
        .collect()
}

/// The log's own averages, computed from the rows (not through the fit).
struct Observed {
    monthly_input: f64,
    monthly_output: f64,
    mean_input: f64,
    requests: usize,
}

fn observed(rows: &[Row], days: i64) -> Observed {
    let ok: Vec<&Row> = rows.iter().filter(|r| !r.failed).collect();
    let sum = |f: fn(&Row) -> u64| ok.iter().map(|r| f(r) as f64).sum::<f64>();
    let per_month = DAYS_PER_MONTH / days as f64;
    Observed {
        monthly_input: sum(|r| r.input) * per_month,
        monthly_output: sum(|r| r.output) * per_month,
        mean_input: sum(|r| r.input) / ok.len() as f64,
        requests: ok.len(),
    }
}

fn fitted(text: &str) -> Calibration {
    calibrate(
        text.as_bytes(),
        Mapping::default(),
        &presets::text_to_sql().workload,
    )
    .unwrap()
}

fn near(what: &str, got: f64, want: f64, tolerance: f64) {
    assert!(
        (got - want).abs() <= tolerance,
        "{what}: fitted {got}, drawn from {want} (tolerance ±{tolerance})"
    );
}

/// Recovery of what every format carries. Tolerances: the level's mean
/// over 84 days of ~10% daily noise has a standard error near 1.1%
/// (±4% is 3.6 of them); the trend's slope over 84 days, 0.45‰ a day or
/// 1.4 points a month (±4 points); the weekend factor from 24 weekend days
/// (±0.04); the burst coefficient's moment estimate over 2,016 hours (±0.05).
fn assert_traffic_recovered(c: &Calibration, t: &Truth, rows: &[Row]) {
    let w = &c.workload;
    let o = observed(rows, t.days);
    near(
        "average day",
        c.fit.queries_per_day.mean,
        t.level,
        0.04 * t.level,
    );
    near("monthly growth", w.monthly_growth, t.growth, 0.04);
    near("weekend factor", w.weekend_factor, t.weekend, 0.04);
    assert_eq!((w.business_start_hour, w.business_end_hour), t.window);
    near(
        "business-hours share",
        w.business_hours_share,
        t.share,
        0.02,
    );
    near("burstiness", w.hourly_burst_cv, t.burst_cv, 0.05);
    assert_eq!(c.fit.requests as usize, rows.len());
    assert_eq!(c.fit.failed_requests as usize, rows.len() - o.requests);
    assert_eq!(c.fit.days_fitted, t.days as usize);
    // Each histogram shown beside its fit holds all of the log and all of
    // the fitted distribution (each bin's share rounded to 4 figures).
    for b in [
        &c.fit.days,
        &c.fit.input_tokens.bins,
        &c.fit.output_tokens.bins,
    ] {
        near("log's shares", b.log_share.iter().sum(), 1.0, 0.002);
        near("fit's shares", b.fitted_share.iter().sum(), 1.0, 0.002);
        assert_eq!(b.edges.len(), b.log_share.len() + 1);
    }
    // Token means are the log's own, to rounding.
    near("input tokens", c.fit.input_tokens.mean, o.mean_input, 0.01);
    near(
        "output tokens' per-request spread",
        w.output_tokens.cv_per_query,
        t.output.1,
        0.03,
    );
}

/// The contract: the fitted workload, simulated as prompt-only with no
/// instructions at $1 per million tokens, carries the log's average monthly
/// input and output tokens (reasoning inside the output) within 2%; each
/// test checks the cached shares to ±0.002 beside it.
fn assert_monthly_tokens_reproduced(c: &Calibration, rows: &[Row], days: i64) {
    let mut s = common::per_token(0.0);
    s.trials = 4_000;
    let (s, _) = c.apply(&s, Some(0));
    validate::validate(&s).unwrap();
    let summary = simulate(&s).unwrap();
    let b = &summary.architectures[0].breakdown_usd;
    let o = observed(rows, days);
    let input = b.get(Component::InputTokens) * 1e6;
    let output = b.get(Component::OutputTokens) * 1e6;
    near(
        "monthly input tokens",
        input,
        o.monthly_input,
        0.02 * o.monthly_input,
    );
    near(
        "monthly output tokens",
        output,
        o.monthly_output,
        0.02 * o.monthly_output,
    );
}

#[test]
fn litellm_spend_log_csv() {
    let t = Truth {
        turns: 4.0,
        history_per_turn: 150.0,
        failed_share: 0.01,
        cache_read_share: 0.3,
        cache_write_share: 0.05,
        ..truth()
    };
    let rows = generate(&t, 1);
    let c = fitted(&litellm_csv(&rows));
    assert_traffic_recovered(&c, &t, &rows);
    // Issue 28: the cache tokens inside the metadata cell were read as 0.
    near("cache reads", c.fit.prompt_cache_share, 0.3, 0.002);
    near("cache writes", c.fit.prompt_cache_write_share, 0.05, 0.002);
    // Conversations: geometric lengths of mean 4, history 150 a turn.
    let conv = c.fit.conversations.as_ref().unwrap();
    near("turns", c.workload.turns_per_conversation.mean(), 4.0, 0.15);
    near(
        "history per turn",
        conv.history_tokens_per_turn.unwrap(),
        150.0,
        8.0,
    );
    assert_eq!(c.fit.models[0].model, "gpt-4o-mini");
    assert_monthly_tokens_reproduced(&c, &rows, t.days);
}

#[test]
fn openai_chat_completion_objects() {
    let t = Truth {
        cache_read_share: 0.3,
        ..truth()
    };
    let rows = generate(&t, 2);
    let c = fitted(&openai_jsonl(&rows));
    assert_traffic_recovered(&c, &t, &rows);
    near("cached share", c.fit.prompt_cache_share, 0.3, 0.002);
    assert!(c.fit.conversations.is_none());
    assert_eq!(c.workload.turns_per_conversation, Dist::fixed(1.0));
    assert_eq!(c.workload.history_tokens_per_turn, 0.0);
    // No history: the query's tokens are the input's, spread included.
    near(
        "input per-request spread",
        c.workload.query_tokens.cv_per_query,
        0.8,
        0.03,
    );
    assert_monthly_tokens_reproduced(&c, &rows, t.days);
}

#[test]
fn anthropic_usage_names() {
    let t = Truth {
        cache_read_share: 0.5,
        cache_write_share: 0.1,
        turns: 3.0,
        history_per_turn: 80.0,
        ..truth()
    };
    let rows = generate(&t, 3);
    let c = fitted(&anthropic_jsonl(&rows));
    assert_traffic_recovered(&c, &t, &rows);
    // input_tokens left the cache out; the fit put it back.
    near("cache reads", c.fit.prompt_cache_share, 0.5, 0.002);
    near("cache writes", c.fit.prompt_cache_write_share, 0.1, 0.002);
    near("turns", c.workload.turns_per_conversation.mean(), 3.0, 0.12);
    assert_monthly_tokens_reproduced(&c, &rows, t.days);
}

/// Issue 28: OpenTelemetry's cache attributes end in `input_tokens` and were
/// read as the input count (input −97.7%); they are parts of it.
#[test]
fn opentelemetry_genai_spans() {
    let t = Truth {
        cache_read_share: 0.4,
        cache_write_share: 0.05,
        ..truth()
    };
    // As the SDK writes them (JSON Lines), and as a collector's OTLP/JSON
    // file holds them (attributes as key/value lists: refused before).
    for (seed, shape) in [(5, otel_jsonl as fn(&[Row]) -> String), (7, otlp_json)] {
        let rows = generate(&t, seed);
        let c = fitted(&shape(&rows));
        assert_traffic_recovered(&c, &t, &rows);
        near("cache reads", c.fit.prompt_cache_share, 0.4, 0.002);
        near("cache writes", c.fit.prompt_cache_write_share, 0.05, 0.002);
        assert_eq!(c.fit.models[0].model, "gpt-4o");
        assert_monthly_tokens_reproduced(&c, &rows, t.days);
    }
}

/// Issue 28: Gemini's request time is `createTime`, and its thoughts are
/// output it counts apart (the output was read 38% short).
#[test]
fn gemini_usage_metadata() {
    let t = Truth {
        cache_read_share: 0.2,
        ..truth()
    };
    let rows = generate(&t, 6);
    let c = fitted(&gemini_jsonl(&rows));
    assert_traffic_recovered(&c, &t, &rows);
    near("cached share", c.fit.prompt_cache_share, 0.2, 0.002);
    assert_monthly_tokens_reproduced(&c, &rows, t.days);
}

#[test]
fn bad_rows_are_counted_and_quoted_by_line() {
    let t = Truth { days: 7, ..truth() };
    let rows = generate(&t, 4);
    let mut lines: Vec<String> = litellm_csv(&rows).lines().map(str::to_owned).collect();
    let good = lines.len() - 1;
    // Lines 3, 5 and 9 (the header is line 1) go bad three ways.
    lines[2] = lines[2].replacen(
        ",acompletion,hashed,0.0012,",
        ",acompletion,hashed,0.0012,x,abc,",
        1,
    );
    lines[4] = lines[4].replace("2026-08-03", "someday");
    lines[8] = lines[8].replacen(&format!(",{},", rows[7].input), ",-5,", 1);
    let c = fitted(&(lines.join("\n") + "\n"));
    assert_eq!(c.fit.bad_rows, 3, "{:?}", c.fit.first_bad_rows);
    assert_eq!(c.fit.requests as usize, good - 3);
    let quoted: Vec<u64> = c.fit.first_bad_rows.iter().map(|b| b.line).collect();
    assert_eq!(quoted, [3, 5, 9]);
    assert!(
        c.fit.first_bad_rows[1].reason.contains("someday"),
        "{:?}",
        c.fit.first_bad_rows
    );
    assert!(
        c.fit.first_bad_rows[2].reason.contains("-5"),
        "{:?}",
        c.fit.first_bad_rows
    );

    // A truncated JSON line is one bad row with its line.
    let mut json: Vec<String> = openai_jsonl(&rows).lines().map(str::to_owned).collect();
    json[1].truncate(40);
    let c = fitted(&json.join("\n"));
    assert_eq!((c.fit.bad_rows, c.fit.first_bad_rows[0].line), (1, 2));
}

#[test]
fn any_slicing_of_the_file_reads_the_same_log() {
    let rows = generate(&Truth { days: 3, ..truth() }, 5);
    for text in [litellm_csv(&rows), anthropic_jsonl(&rows)] {
        let whole = fitted(&text);
        for piece in [1, 7, 4096] {
            let mut reader = burnrate_model::calibrate::LogReader::new(Mapping::default());
            text.as_bytes().chunks(piece).for_each(|c| reader.feed(c));
            let log = reader.finish().unwrap();
            let sliced =
                burnrate_model::calibrate::fit(&log, &presets::text_to_sql().workload).unwrap();
            assert_eq!(sliced, whole, "slices of {piece} bytes");
        }
    }
}

#[test]
fn other_shapes_need_a_mapping_and_say_which_columns_they_have() {
    let text = "when,tok_in,tok_out\n2026-08-03T10:00:00Z,100,20\n2026-08-03T11:00:00Z,300,40\n";
    let base = presets::text_to_sql().workload;
    let err = calibrate(text.as_bytes(), Mapping::default(), &base).unwrap_err();
    assert!(
        err.contains("timestamp, input_tokens, output_tokens"),
        "{err}"
    );
    assert!(err.contains("when, tok_in, tok_out"), "{err}");
    let mut m = Mapping::default();
    for spec in [
        "timestamp=when",
        "input_tokens=tok_in",
        "output_tokens=tok_out",
    ] {
        m.add(spec).unwrap();
    }
    let c = calibrate(text.as_bytes(), m, &base).unwrap();
    assert_eq!(c.fit.input_tokens.mean, 200.0);
    for bad in ["", "   \n", "[{\"created\": 1}]", "a,b\n1,2\n"] {
        assert!(
            calibrate(bad.as_bytes(), Mapping::default(), &base).is_err(),
            "{bad}"
        );
    }
    // A binary file (a zipped spreadsheet) is said to be one, not echoed.
    let zipped = b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00\xc3\x28timestamp\n";
    let err = calibrate(zipped, Mapping::default(), &base).unwrap_err();
    assert!(err.starts_with("the file is not text"), "{err}");
}

#[test]
fn every_fit_gives_a_valid_scenario_even_from_a_tiny_log() {
    let base = presets::text_to_sql();
    for text in [
        "{\"created\": 1790000000, \"usage\": {\"prompt_tokens\": 10, \"completion_tokens\": 0}}",
        "{\"created\": 1790000000, \"usage\": {\"prompt_tokens\": 0, \"completion_tokens\": 0}}\n{\"created\": 1790000001, \"usage\": {\"prompt_tokens\": 0, \"completion_tokens\": 0}}",
        "created,prompt_tokens,completion_tokens,session_id\n1790000000,10000000,5,a\n1790086400,1,5,a\n1790172800,1,5,a\n",
    ] {
        let c = calibrate(text.as_bytes(), Mapping::default(), &base.workload).unwrap();
        let (s, _) = c.apply(&base, Some(0));
        validate::validate(&s).unwrap_or_else(|e| panic!("{text}: {e}"));
        let summary = simulate(&Scenario { trials: 200, ..s }).unwrap();
        for a in &summary.architectures {
            assert!(a.monthly_usd.mean.is_finite() && a.monthly_usd.mean >= 0.0);
        }
    }
}
