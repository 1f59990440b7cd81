//! Outside reference: every model of `public/prices.json`, priced one
//! request at a time by burnrate (`request_price::usd`: the prices a
//! trial pays) and by genai-prices' own `calc_price`, must agree to 1e-6
//! relative. `tests/prices/check.py` (the pinned genai-prices, in its venv)
//! writes the requests and genai-prices' price of each; scripts/test.sh runs
//! it and points `BURNRATE_PRICE_CASES` at the file. Without the variable
//! this test has nothing to compare and says so.
//!
//! What genai-prices has and burnrate does not carry is left out of the
//! requests, not forgiven here: per-search fees (README, "Prices"). Every
//! request has hidden reasoning inside its output, so a model that prices
//! reasoning apart is checked at that price, and every other at its output's.

use burnrate_model::calendar::Date;
use burnrate_model::catalog::Catalog;
use burnrate_model::request_price::{Tier, Tokens, usd};
use serde::Deserialize;

#[derive(Deserialize)]
struct Case {
    model: String,
    tier: String,
    utc_minute: usize,
    input: f64,
    output: f64,
    /// Of `output`, hidden reasoning tokens.
    reasoning: f64,
    cache_read: f64,
    cache_write: f64,
    cache_write_1h: f64,
    usd: f64,
}

/// burnrate's price of one request (`request_price::usd`, what a usage
/// log's requests cost as a bill): its model as in force on `day`, on one
/// processing tier, in one minute of the UTC day.
fn burnrate_price(list: &Catalog, day: Date, c: &Case) -> Result<f64, String> {
    let m = list
        .model("model", &c.model)
        .map_err(|e| e.to_string())?
        .at(day);
    let tier = Tier::parse(&c.tier).ok_or_else(|| format!("no tier {}", c.tier))?;
    let tokens = Tokens {
        input: c.input,
        output: c.output,
        reasoning: c.reasoning,
        cache_read: c.cache_read,
        cache_write: c.cache_write,
        cache_write_1h: c.cache_write_1h,
    };
    usd(&m, &tokens, tier, c.utc_minute).map_err(|e| e.to_string())
}

#[test]
fn every_listed_model_prices_a_request_as_genai_prices_does() {
    let Some(path) = std::env::var_os("BURNRATE_PRICE_CASES") else {
        eprintln!("BURNRATE_PRICE_CASES is not set: nothing compared (scripts/test.sh sets it)");
        return;
    };
    let list: Catalog = serde_json::from_str(include_str!("../../../public/prices.json"))
        .expect("public/prices.json parses");
    let day = Date::parse(&list.as_of).expect("an as-of date");
    let text = std::fs::read_to_string(&path).expect("the cases file reads");
    let (mut compared, mut models) = (0, std::collections::BTreeSet::new());
    let mut differ = Vec::new();
    for line in text.lines() {
        let c: Case = serde_json::from_str(line).expect("a case");
        models.insert(c.model.clone());
        compared += 1;
        match burnrate_price(&list, day, &c) {
            Ok(usd) if (usd - c.usd).abs() <= 1e-6 * c.usd.abs().max(1e-9) => {}
            Ok(usd) => differ.push(format!(
                "{} {} at minute {}, {} in ({} cached, {} written, {} for 1h), {} out ({} reasoning): burnrate ${usd:.9}, genai-prices ${:.9} ({:+.2}%)",
                c.model,
                c.tier,
                c.utc_minute,
                c.input,
                c.cache_read,
                c.cache_write,
                c.cache_write_1h,
                c.output,
                c.reasoning,
                c.usd,
                100.0 * (usd / c.usd - 1.0)
            )),
            Err(e) => differ.push(format!("{} {}: refused: {e}", c.model, c.tier)),
        }
    }
    eprintln!(
        "{compared} requests over {} models compared with genai-prices",
        models.len()
    );
    assert!(compared > 1_000, "only {compared} requests in {path:?}");
    assert!(
        differ.is_empty(),
        "{} of {compared} requests differ:\n{}",
        differ.len(),
        differ.join("\n")
    );
}
