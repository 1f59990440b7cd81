//! `burnrate capacity size`: the units of provisioned capacity a steady
//! load needs under an offer, by the vendor's own formula, and their price
//! a month on each term (`burnrate_model::provisioned`).

use burnrate_model::markup::count;
use burnrate_model::provisioned::{Per, Sizing};

use crate::table::printable;

/// The sizing as a few lines of text.
pub fn render(s: &Sizing) -> String {
    let per = match s.per {
        Per::Minute => "minute",
        Per::Second => "second",
    };
    let unit = printable(&s.unit);
    let mut text = format!(
        "{} for {}: {} weighted tokens a {per} = {:.2} {unit} exact, {} {unit} to buy\n",
        printable(&s.offer),
        printable(&s.model),
        count(s.weighted_tokens),
        s.exact_units,
        s.units
    );
    for t in &s.monthly_usd {
        text += &format!("  {:<8} ${} a month\n", t.term, count(t.usd));
    }
    text
}
