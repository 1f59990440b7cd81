//! A bill read to check the forecast against (issue 31), summed by calendar
//! month and by the scenario's architecture each row belongs to: FOCUS 1.2
//! or 1.3 CSV (FinOps Open Cost and Usage Specification), as clouds and
//! LiteLLM export it, LiteLLM's spend log (a request a row), or the JSON of OpenAI's and Anthropic's organisation
//! cost reports (their Admin APIs' `/v1/organization/costs` and
//! `/v1/organizations/cost_report`: a page, an array of pages, or a page a
//! line).
//!
//! Nothing is dropped: a row no rule maps is counted as unmapped, tax apart
//! (the forecast has none), and a month outside the forecast's horizon is
//! still listed ([`crate::results::compare`] says so).
//!
//! What a row is matched on: the columns that name what was used, which
//! differ by exporter. LiteLLM writes the model into `ChargeDescription`,
//! `ResourceId` and `ResourceName` and the model group into `ServiceName`
//! (litellm/integrations/focus/transformer.py); clouds name the service and
//! SKU.

use std::collections::BTreeMap;

use crate::calendar;

mod usage;
use crate::error::shortened;
use crate::stats::ExactSum;
pub use usage::{Prices, read_usage_log};

/// The columns a rule's text is looked for in (those present).
const NAMING_COLUMNS: [&str; 9] = [
    "ServiceName",
    "ResourceId",
    "ResourceName",
    "ResourceType",
    "SkuId",
    "ChargeDescription",
    "ProviderName",
    "ServiceProviderName",
    "Tags",
];

/// `TEXT=ARCH`: a row that names TEXT (in any naming column, ignoring case)
/// is spend of architecture ARCH.
#[derive(Debug, Clone, PartialEq)]
pub struct Rule {
    pub text: String,
    pub arch: String,
}

impl Rule {
    pub fn parse(text: &str) -> Result<Rule, String> {
        match text.rsplit_once('=') {
            Some((t, a)) if !t.trim().is_empty() && !a.trim().is_empty() => Ok(Rule {
                text: t.trim().to_lowercase(),
                arch: a.trim().to_owned(),
            }),
            _ => Err(format!(
                "the rule \"{}\" is not TEXT=ARCH (e.g. gpt-4o=rag: rows naming gpt-4o are the rag architecture's)",
                shortened(text)
            )),
        }
    }
}

/// Where the rows go: by rules, or all to one architecture.
#[derive(Debug, Clone, PartialEq)]
pub enum Mapping {
    /// Every row is this architecture's (the one the bill is for).
    All(String),
    /// The first rule a row matches; a row matching none is unmapped.
    Rules(Vec<Rule>),
}

/// One calendar month of the bill.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BillMonth {
    /// Spend by architecture id (`BilledCost`, credits and adjustments
    /// included).
    pub by_arch: BTreeMap<String, f64>,
    /// Spend of rows no rule maps.
    pub unmapped_usd: f64,
    /// `ChargeCategory` Tax: not compared (the forecast has no tax).
    pub tax_usd: f64,
    /// Rows in the month.
    pub rows: usize,
    /// The latest `ChargePeriodEnd` seen (`YYYY-MM-DD`): before the next
    /// month's first day, the month is not complete in the file.
    pub last_day: String,
    /// A usage log's requests of models the catalog has no price for, by
    /// the log's model name: counted, not costed.
    pub unpriced: BTreeMap<String, u64>,
}

/// A bill by calendar month (`YYYY-MM`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Bill {
    pub currency: Option<String>,
    pub months: BTreeMap<String, BillMonth>,
    /// A usage log's requests read (each priced by the catalog); None for
    /// a bill that carries its amounts.
    pub requests: Option<u64>,
}

impl Bill {
    /// Whether the file's rows reach the month's last day.
    pub fn complete(&self, month: &str) -> bool {
        let Some(m) = self.months.get(month) else {
            return false;
        };
        let Some((y, mo)) = calendar::parse_month(month) else {
            return false;
        };
        let next = calendar::Date {
            year: y,
            month: mo,
            day: 1,
        }
        .plus_months(1);
        let next = format!("{:04}-{:02}-01", next.year, next.month);
        m.last_day.as_str() >= next.as_str()
    }
}

/// The largest amount a row may carry, either sign.
const MAX_ROW_USD: f64 = 1e12;

/// Cells a row may have: FOCUS 1.3 defines under a hundred columns.
const MAX_CELLS: usize = 1_024;

/// The cells of CSV `text`, row by row (RFC 4180 quoting).
fn records(text: &str) -> Result<Vec<Vec<String>>, String> {
    let mut reader = csv_core::Reader::new();
    let mut input = text.as_bytes();
    let mut out = vec![0u8; text.len().max(1)];
    let mut ends = vec![0usize; MAX_CELLS];
    let mut rows = Vec::new();
    loop {
        let (result, read, _, n_ends) = reader.read_record(input, &mut out, &mut ends);
        input = &input[read..];
        match result {
            csv_core::ReadRecordResult::Record => {
                let mut start = 0;
                let mut cells = Vec::with_capacity(n_ends);
                for &end in &ends[..n_ends] {
                    cells.push(String::from_utf8_lossy(&out[start..end]).into_owned());
                    start = end;
                }
                if !(cells.len() == 1 && cells[0].is_empty()) {
                    rows.push(cells);
                }
            }
            csv_core::ReadRecordResult::OutputEndsFull => {
                return Err(format!("a row of the bill has over {MAX_CELLS} cells"));
            }
            csv_core::ReadRecordResult::End => return Ok(rows),
            csv_core::ReadRecordResult::InputEmpty => {}
            csv_core::ReadRecordResult::OutputFull => {
                return Err("a CSV row is longer than the file".into());
            }
        }
    }
}

/// Rows summed as they are read: by month, by the architecture `mapping`
/// gives them, tax apart.
struct Builder<'a> {
    mapping: &'a Mapping,
    bill: Bill,
    sums: BTreeMap<(String, Option<String>), ExactSum>,
    taxes: BTreeMap<String, ExactSum>,
}

impl<'a> Builder<'a> {
    fn new(archs: &[String], mapping: &'a Mapping) -> Result<Builder<'a>, String> {
        let known = |id: &str| {
            archs.iter().any(|a| a == id).then_some(()).ok_or_else(|| {
                format!(
                    "no architecture \"{}\" in the scenario (it has {})",
                    shortened(id),
                    archs.join(", ")
                )
            })
        };
        match mapping {
            Mapping::All(a) => known(a)?,
            Mapping::Rules(rules) => rules.iter().try_for_each(|r| known(&r.arch))?,
        }
        Ok(Builder {
            mapping,
            bill: Bill::default(),
            sums: BTreeMap::new(),
            taxes: BTreeMap::new(),
        })
    }

    /// The bill's currency is the first row's; another is refused.
    fn currency(&mut self, c: &str, line: usize) -> Result<(), String> {
        match &self.bill.currency {
            None => self.bill.currency = Some(c.to_owned()),
            Some(first) if !first.eq_ignore_ascii_case(c) => {
                return Err(format!(
                    "row {line}: the bill mixes currencies ({} and {}): compare one at a time",
                    shortened(first),
                    shortened(c)
                ));
            }
            Some(_) => {}
        }
        Ok(())
    }

    /// A row: `usd` spent from `start` (a date, `YYYY-MM-DD…`) to `end`
    /// (exclusive), named by `names`.
    fn add(
        &mut self,
        line: usize,
        start: &str,
        end: &str,
        usd: f64,
        names: &[&str],
        tax: bool,
    ) -> Result<(), String> {
        let month = start
            .get(..7)
            .filter(|m| calendar::parse_month(m).is_some())
            .ok_or_else(|| {
                format!(
                    "row {line}: the start \"{}\" is not a date (YYYY-MM-DD…)",
                    shortened(start)
                )
            })?
            .to_owned();
        if !usd.is_finite() {
            return Err(format!("row {line}: the amount is not a number"));
        }
        // The sums are exact fixed point up to $1e15; no bill's row nears it.
        if usd.abs() > MAX_ROW_USD {
            return Err(format!(
                "row {line}: the amount {usd:e} is beyond a trillion: not a bill's row"
            ));
        }
        let m = self.bill.months.entry(month.clone()).or_default();
        m.rows += 1;
        let day = end.get(..10).unwrap_or("");
        if day > m.last_day.as_str() {
            m.last_day = day.to_owned();
        }
        if tax {
            self.taxes.entry(month).or_default().add(usd);
            return Ok(());
        }
        let arch = match self.mapping {
            Mapping::All(a) => Some(a.clone()),
            Mapping::Rules(rules) => {
                let names: Vec<String> = names.iter().map(|n| n.to_lowercase()).collect();
                rules
                    .iter()
                    .find(|r| names.iter().any(|n| n.contains(&r.text)))
                    .map(|r| r.arch.clone())
            }
        };
        self.sums.entry((month, arch)).or_default().add(usd);
        Ok(())
    }

    fn finish(self) -> Bill {
        let mut bill = self.bill;
        for ((month, arch), sum) in self.sums {
            let m = bill.months.entry(month).or_default();
            match arch {
                Some(a) => {
                    m.by_arch.insert(a, sum.total());
                }
                None => m.unmapped_usd = sum.total(),
            }
        }
        for (month, sum) in self.taxes {
            bill.months.entry(month).or_default().tax_usd = sum.total();
        }
        bill
    }
}

/// Reads a bill in any of its formats: JSON (OpenAI's or Anthropic's cost
/// report) when it starts like JSON, else FOCUS CSV (or LiteLLM's spend
/// log); failing those, a usage log of requests, each priced by `prices`.
pub fn read(
    text: &str,
    archs: &[String],
    mapping: &Mapping,
    prices: &Prices,
) -> Result<Bill, String> {
    let text = text.trim_start_matches('\u{feff}');
    let bill = if text.trim_start().starts_with(['{', '[']) {
        read_cost_report(text, archs, mapping)
    } else {
        read_focus(text, archs, mapping)
    };
    match bill {
        Ok(bill) => Ok(bill),
        Err(e) => match read_usage_log(text, archs, mapping, prices) {
            Ok(Some(bill)) => Ok(bill),
            Ok(None) => Err(format!(
                "{e}; nor is it a usage log (a request a row, with its time, model and tokens)"
            )),
            Err(usage) => Err(usage),
        },
    }
}

/// The day after `YYYY-MM-DD…` (as `YYYY-MM-DD`): a request's day, read
/// as a charge period, ends the next day.
fn next_day(text: &str) -> String {
    match text.get(..10).and_then(calendar::Date::parse) {
        Some(d) if d.day == u32::from(calendar::days_in_month(d.year, d.month)) => {
            d.plus_months(1).iso()
        }
        Some(d) => calendar::Date {
            day: d.day + 1,
            ..d
        }
        .iso(),
        None => String::new(),
    }
}

/// LiteLLM's spend log (`LiteLLM_SpendLogs` as CSV: a request a row, its
/// `spend` in US dollars at `startTime`): summed like a bill, a request's
/// day its charge period; matched on model, call type, user and metadata.
fn read_spend_log(
    mut b: Builder,
    header: &[String],
    rows: impl Iterator<Item = Vec<String>>,
) -> Result<Bill, String> {
    // Names as LiteLLM writes them, or in snake case.
    let column = |names: &[&str]| {
        header
            .iter()
            .position(|h| names.iter().any(|n| h.trim().eq_ignore_ascii_case(n)))
    };
    let (Some(spend), Some(start)) = (column(&["spend"]), column(&["startTime", "start_time"]))
    else {
        return Err("the bill has no BilledCost column: it is not FOCUS 1.2 or 1.3 CSV (nor LiteLLM's spend log, which has spend and startTime)".into());
    };
    let naming: Vec<usize> = [&["model"][..], &["call_type"], &["user"], &["metadata"]]
        .iter()
        .filter_map(|n| column(n))
        .collect();
    b.currency("USD", 1)?;
    for (i, row) in rows.enumerate() {
        let line = i + 2;
        let cell = |c: usize| row.get(c).map_or("", |s| s.trim());
        let amount = cell(spend);
        let usd: f64 = if amount.is_empty() {
            0.0
        } else {
            amount.parse().map_err(|_| {
                format!(
                    "row {line}: spend \"{}\" is not a number",
                    shortened(amount)
                )
            })?
        };
        let names: Vec<&str> = naming.iter().map(|&c| cell(c)).collect();
        b.add(
            line,
            cell(start),
            &next_day(cell(start)),
            usd,
            &names,
            false,
        )?;
    }
    Ok(b.finish())
}

/// Reads FOCUS CSV `text` (or LiteLLM's spend log), mapping rows by
/// `mapping` onto architectures `archs` (ids).
pub fn read_focus(text: &str, archs: &[String], mapping: &Mapping) -> Result<Bill, String> {
    let mut b = Builder::new(archs, mapping)?;
    let mut rows = records(text.trim_start_matches('\u{feff}'))?.into_iter();
    let header = rows.next().ok_or("the bill is empty")?;
    let column = |name: &str| header.iter().position(|h| h.trim() == name);
    if column("BilledCost").is_none() {
        return read_spend_log(b, &header, rows);
    }
    let need = |name: &str| {
        column(name)
            .ok_or_else(|| format!("the bill has no {name} column: it is not FOCUS 1.2 or 1.3 CSV"))
    };
    let (cost, start, end) = (
        need("BilledCost")?,
        need("ChargePeriodStart")?,
        need("ChargePeriodEnd")?,
    );
    let (currency, category) = (column("BillingCurrency"), column("ChargeCategory"));
    let naming: Vec<usize> = NAMING_COLUMNS.iter().filter_map(|c| column(c)).collect();
    for (i, row) in rows.enumerate() {
        let line = i + 2;
        let cell = |c: usize| row.get(c).map_or("", |s| s.trim());
        let amount = cell(cost);
        let usd: f64 = amount.parse().map_err(|_| {
            format!(
                "row {line}: BilledCost \"{}\" is not a number",
                shortened(amount)
            )
        })?;
        if let Some(c) = currency.map(cell).filter(|c| !c.is_empty()) {
            b.currency(c, line)?;
        }
        let names: Vec<&str> = naming.iter().map(|&c| cell(c)).collect();
        let tax = category.map(cell) == Some("Tax");
        b.add(line, cell(start), cell(end), usd, &names, tax)?;
    }
    Ok(b.finish())
}

/// Whether the first non-empty line of `text` is a JSON object with a
/// `data` list (a cost report's page).
fn first_line_is_a_page(text: &str) -> bool {
    text.lines()
        .find(|l| !l.trim().is_empty())
        .and_then(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .is_some_and(|v| v["data"].is_array())
}

/// Reads OpenAI's organisation costs (`{"object": "page", "data": [{"object":
/// "bucket", "start_time", "end_time", "results": [{"amount": {"value",
/// "currency"}, "line_item", "project_id"}]}]}`, times in Unix seconds,
/// amounts in the currency's units) or Anthropic's cost report (`{"data":
/// [{"starting_at", "ending_at", "results": [{"amount", "currency",
/// "description", "model", "cost_type", "token_type", "workspace_id", …}]}]}`,
/// RFC 3339 times, amounts as decimal strings in cents). A row is matched on
/// its line item, project, description, model and types.
pub fn read_cost_report(text: &str, archs: &[String], mapping: &Mapping) -> Result<Bill, String> {
    use serde_json::Value;
    let mut b = Builder::new(archs, mapping)?;
    let pages: Vec<Value> = match serde_json::from_str::<Value>(text) {
        Ok(Value::Array(pages)) => pages,
        Ok(page) => vec![page],
        // Pages saved a line each: the first line says whether they are
        // (a usage log a request a line is not parsed twice).
        Err(_) if !first_line_is_a_page(text) => {
            return Err(
                "the JSON has no \"data\" list: it is not OpenAI's or Anthropic's cost report"
                    .into(),
            );
        }
        Err(_) => text
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(serde_json::from_str)
            .collect::<Result<_, _>>()
            .map_err(|e| {
                format!(
                    "the bill is not JSON ({}), nor FOCUS CSV",
                    shortened(&e.to_string())
                )
            })?,
    };
    let text_of = |v: &Value| v.as_str().map(str::to_owned);
    let mut line = 0;
    for page in &pages {
        let buckets = page["data"].as_array().ok_or(
            "the JSON has no \"data\" list: it is not OpenAI's or Anthropic's cost report",
        )?;
        for bucket in buckets {
            let unix = |key: &str| {
                bucket[key]
                    .as_i64()
                    .map(|s| crate::calibrate::fit::utc_text(s.saturating_mul(1000)))
            };
            let (start, end) = match (unix("start_time"), unix("end_time")) {
                (Some(s), Some(e)) => (s, e),
                _ => (
                    text_of(&bucket["starting_at"]).unwrap_or_default(),
                    text_of(&bucket["ending_at"]).unwrap_or_default(),
                ),
            };
            for r in bucket["results"].as_array().into_iter().flatten() {
                line += 1;
                // OpenAI: {"value": 0.06, "currency": "usd"}; Anthropic: "6.0"
                // cents with "currency" beside it.
                let (usd, currency) = match &r["amount"] {
                    Value::Object(a) => (
                        a.get("value").and_then(Value::as_f64),
                        a.get("currency").and_then(text_of),
                    ),
                    Value::String(cents) => (
                        cents.trim().parse::<f64>().ok().map(|c| c / 100.0),
                        text_of(&r["currency"]),
                    ),
                    _ => (None, None),
                };
                let usd = usd.ok_or_else(|| {
                    format!(
                        "row {line}: the amount {} is not a number",
                        shortened(&r["amount"].to_string())
                    )
                })?;
                if let Some(c) = currency {
                    b.currency(&c.to_uppercase(), line)?;
                }
                let names: Vec<String> = [
                    "line_item",
                    "project_id",
                    "description",
                    "model",
                    "cost_type",
                    "token_type",
                    "workspace_id",
                ]
                .iter()
                .filter_map(|k| text_of(&r[*k]))
                .collect();
                let names: Vec<&str> = names.iter().map(String::as_str).collect();
                b.add(line, &start, &end, usd, &names, false)?;
            }
        }
    }
    Ok(b.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "BilledCost,BillingCurrency,ChargeCategory,ChargePeriodStart,ChargePeriodEnd,ChargeDescription,ServiceName\n";

    fn archs() -> Vec<String> {
        vec!["rag".into(), "prompt".into()]
    }

    /// Hand sums: January's rag rows 10.10 + 0.015 + 5.005 = 15.12, its
    /// prompt row 2.50, a row naming neither model 0.38 unmapped, tax 1.00
    /// apart; February one row, to the 15th only.
    #[test]
    fn a_bill_is_summed_by_month_and_architecture_to_the_cent_and_nothing_is_dropped() {
        let text = format!(
            "{HEADER}\
             10.10,USD,Usage,2026-01-01T00:00:00Z,2026-01-02T00:00:00Z,gpt-4o,\"openai, chat\"\n\
             0.015,USD,Usage,2026-01-03T00:00:00Z,2026-01-04T00:00:00Z,GPT-4o,x\n\
             5.005,USD,Usage,2026-01-31T00:00:00Z,2026-02-01T00:00:00Z,x,gpt-4o-group\n\
             2.50,USD,Usage,2026-01-05T00:00:00Z,2026-01-06T00:00:00Z,claude-haiku,x\n\
             0.38,USD,Usage,2026-01-05T00:00:00Z,2026-01-06T00:00:00Z,text-embedding-3-small,x\n\
             1.00,USD,Tax,2026-01-01T00:00:00Z,2026-02-01T00:00:00Z,,\n\
             7.25,USD,Usage,2026-02-14T00:00:00Z,2026-02-15T00:00:00Z,gpt-4o,x\n"
        );
        let rules = Mapping::Rules(vec![
            Rule::parse("gpt-4o=rag").unwrap(),
            Rule::parse("claude=prompt").unwrap(),
        ]);
        let bill = read_focus(&text, &archs(), &rules).unwrap();
        assert_eq!(bill.currency.as_deref(), Some("USD"));
        let jan = &bill.months["2026-01"];
        assert!((jan.by_arch["rag"] - 15.12).abs() < 1e-9, "{jan:?}");
        assert!((jan.by_arch["prompt"] - 2.50).abs() < 1e-9);
        assert!((jan.unmapped_usd - 0.38).abs() < 1e-9);
        assert!((jan.tax_usd - 1.00).abs() < 1e-9);
        assert_eq!(jan.rows, 6);
        assert!(bill.complete("2026-01"));
        assert!((bill.months["2026-02"].by_arch["rag"] - 7.25).abs() < 1e-9);
        assert!(!bill.complete("2026-02"), "February's rows end on the 15th");
        // Without rules, every row but the tax is the one architecture's.
        let all = read_focus(&text, &archs(), &Mapping::All("rag".into())).unwrap();
        assert!((all.months["2026-01"].by_arch["rag"] - 18.0).abs() < 1e-9);
        assert_eq!(all.months["2026-01"].unmapped_usd, 0.0);
    }

    /// OpenAI's costs page as its API reference shows it (amount 0.06 usd,
    /// the bucket 1730419200–1730505600: 2024-11-01 to the 2nd), a second
    /// page with a line item, saved a page a line; amounts in dollars.
    #[test]
    fn an_openai_cost_report_is_read_in_dollars_by_utc_day() {
        let page = |start: i64, value: f64, item: &str| {
            format!(
                r#"{{"object":"page","data":[{{"object":"bucket","start_time":{start},"end_time":{},"results":[{{"object":"organization.costs.result","amount":{{"value":{value},"currency":"usd"}},"line_item":{item},"project_id":null}}]}}],"has_more":false,"next_page":null}}"#,
                start + 86_400
            )
        };
        let text = format!(
            "{}\n{}\n",
            page(1_730_419_200, 0.06, "null"),
            page(1_730_505_600, 12.5, r#""gpt-4o-2024-08-06, input""#)
        );
        let all = read(
            &text,
            &archs(),
            &Mapping::All("rag".into()),
            &Prices::default(),
        )
        .unwrap();
        assert_eq!(all.currency.as_deref(), Some("USD"));
        let nov = &all.months["2024-11"];
        assert!((nov.by_arch["rag"] - 12.56).abs() < 1e-12, "{nov:?}");
        assert_eq!((nov.rows, nov.last_day.as_str()), (2, "2024-11-03"));
        assert!(!all.complete("2024-11"));
        // By rule: the line item names the model; the first page has none.
        let rules = Mapping::Rules(vec![Rule::parse("gpt-4o=prompt").unwrap()]);
        let ruled = read(&text, &archs(), &rules, &Prices::default()).unwrap();
        assert!((ruled.months["2024-11"].by_arch["prompt"] - 12.5).abs() < 1e-12);
        assert!((ruled.months["2024-11"].unmapped_usd - 0.06).abs() < 1e-12);
    }

    /// Anthropic's cost report: amounts are decimal strings in cents
    /// ("123.45" USD is $1.2345, as its reference says), grouped by
    /// description with the model named; an array of pages.
    #[test]
    fn an_anthropic_cost_report_is_read_in_cents() {
        let text = r#"[{"data":[{"starting_at":"2025-08-31T00:00:00Z","ending_at":"2025-09-01T00:00:00Z","results":[
            {"currency":"USD","amount":"123.45","workspace_id":null,"description":"Claude Sonnet 4 Usage - Input Tokens","cost_type":"tokens","context_window":"0-200k","model":"claude-sonnet-4-20250514","service_tier":"standard","token_type":"uncached_input_tokens"},
            {"currency":"USD","amount":"1000","workspace_id":null,"description":"Web Search Usage","cost_type":"web_search","context_window":null,"model":null,"service_tier":null,"token_type":null}]}],
            "has_more":false,"next_page":null}]"#;
        let rules = Mapping::Rules(vec![Rule::parse("claude-sonnet=rag").unwrap()]);
        let bill = read(text, &archs(), &rules, &Prices::default()).unwrap();
        let aug = &bill.months["2025-08"];
        assert!((aug.by_arch["rag"] - 1.2345).abs() < 1e-12, "{aug:?}");
        assert!((aug.unmapped_usd - 10.0).abs() < 1e-12);
        assert!(bill.complete("2025-08"));
        assert!(
            read(
                "{\"object\":\"list\"}",
                &archs(),
                &rules,
                &Prices::default()
            )
            .unwrap_err()
            .contains("no \"data\" list")
        );
    }

    /// LiteLLM's spend log (its CSV columns): requests on 2026-01-01 and
    /// the 31st (January complete), one on 2026-02-10 (February not); spend
    /// 0.0125 + 0.0030 by rule to gpt-4o's architecture, 0.0400 unmapped.
    #[test]
    fn a_litellm_spend_log_is_read_as_a_bill_a_request_a_day() {
        let text = "request_id,call_type,api_key,spend,total_tokens,prompt_tokens,completion_tokens,startTime,endTime,model,user,metadata,cache_hit,session_id,status\n\
            r1,acompletion,k,0.0125,1300,1200,100,2026-01-01 09:00:00.000000,2026-01-01 09:00:01.000000,gpt-4o,u,{},False,s1,success\n\
            r2,acompletion,k,0.0030,400,300,100,2026-01-31 23:59:00.000000,2026-01-31 23:59:01.000000,gpt-4o,u,{},False,s2,success\n\
            r3,acompletion,k,0.0400,900,800,100,2026-01-15 12:00:00.000000,2026-01-15 12:00:01.000000,claude-sonnet-4,u,{},False,s3,success\n\
            r4,acompletion,k,,0,0,0,2026-02-10 08:00:00.000000,2026-02-10 08:00:01.000000,gpt-4o,u,{},False,s4,failure\n";
        let rules = Mapping::Rules(vec![Rule::parse("gpt-4o=rag").unwrap()]);
        let bill = read(text, &archs(), &rules, &Prices::default()).unwrap();
        assert_eq!(bill.currency.as_deref(), Some("USD"));
        let jan = &bill.months["2026-01"];
        assert!((jan.by_arch["rag"] - 0.0155).abs() < 1e-12, "{jan:?}");
        assert!((jan.unmapped_usd - 0.04).abs() < 1e-12);
        assert!(bill.complete("2026-01"));
        assert_eq!(bill.months["2026-02"].by_arch["rag"], 0.0);
        assert!(!bill.complete("2026-02"));
        assert_eq!(next_day("2024-02-28"), "2024-02-29");
        assert_eq!(next_day("2024-12-31"), "2025-01-01");
    }

    #[test]
    fn a_bad_bill_or_rule_is_refused_with_a_reason() {
        let cases = [
            ("", Mapping::All("rag".into()), "empty"),
            (
                "Cost,When\n1,2026-01-01\n",
                Mapping::All("rag".into()),
                "no BilledCost column",
            ),
            (
                &format!("{HEADER}abc,USD,Usage,2026-01-01,2026-01-02,x,y\n"),
                Mapping::All("rag".into()),
                "row 2: BilledCost \"abc\"",
            ),
            (
                &format!("{HEADER}1,USD,Usage,January,2026-01-02,x,y\n"),
                Mapping::All("rag".into()),
                "not a date",
            ),
            (
                &format!(
                    "{HEADER}1,USD,Usage,2026-01-01,2026-01-02,x,y\n1,EUR,Usage,2026-01-01,2026-01-02,x,y\n"
                ),
                Mapping::All("rag".into()),
                "mixes currencies",
            ),
            (
                HEADER,
                Mapping::All("nope".into()),
                "no architecture \"nope\"",
            ),
        ];
        for (text, mapping, expected) in cases {
            let e = read_focus(text, &archs(), &mapping).unwrap_err();
            assert!(e.contains(expected), "{e}");
        }
        assert!(Rule::parse("gpt-4o").unwrap_err().contains("TEXT=ARCH"));
        assert!(Rule::parse("=rag").is_err());
    }
}
