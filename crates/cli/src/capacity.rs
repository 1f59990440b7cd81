//! `burnrate capacity size`: the units of provisioned capacity a steady
//! load needs under an offer, by the vendor's own formula, and their price
//! a month on each term (`burnrate_model::provisioned`).

use burnrate_model::provisioned::{Load, Offers, Sizing};

use crate::table::printable;

/// The sizing as a few lines of text.
pub fn render(s: &Sizing, unit: &str, per: &str) -> String {
    let mut text = format!(
        "{} for {}: {} weighted tokens a {per} = {:.2} {unit} exact, {} {unit} to buy\n",
        printable(&s.offer),
        printable(&s.model),
        thousands(s.weighted_tokens),
        s.exact_units,
        s.units
    );
    for t in &s.monthly_usd {
        text += &format!("  {:<8} ${} a month\n", t.term, thousands(t.usd));
    }
    text
}

/// The offer's unit and what its rate counts ("minute", "second").
pub fn unit_of(offers: &Offers, offer: &str) -> (String, &'static str) {
    offers
        .offers
        .iter()
        .find(|o| o.id == offer)
        .map(|o| {
            let per = match o.per {
                burnrate_model::provisioned::Per::Minute => "minute",
                burnrate_model::provisioned::Per::Second => "second",
            };
            (o.unit.clone(), per)
        })
        .unwrap_or_default()
}

fn thousands(v: f64) -> String {
    burnrate_model::markup::count(v.round())
}

/// The load the flags describe.
pub fn load(rpm: f64, input: f64, output: f64, cached_share: f64, audio: f64) -> Load {
    Load {
        requests_per_minute: rpm,
        input_tokens: input,
        output_tokens: output,
        cached_share,
        audio_input_tokens: audio,
    }
}
