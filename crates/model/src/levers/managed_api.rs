//! Pay-per-token serving on a managed API: input, cached input and output
//! prices, the provider's prompt cache and its batch discount.

use serde::{Deserialize, Serialize};

use crate::catalog::ModelPrice;
use crate::error::{Bound, ModelError};
use crate::levers::agents::Work;
use crate::levers::ledger::{Bucket, Component, Ledger};

/// Pay per token (seed 002: no idle cost, a premium for convenience).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ManagedApi {
    /// Model (catalog id).
    pub model: String,
    /// Share of input tokens served from the provider's prompt cache.
    pub prompt_cache_share: f64,
    /// Share of calls sent through the batch API at its discount.
    pub batch_share: f64,
}

impl ManagedApi {
    pub fn validate(&self, f: &str) -> Result<(), ModelError> {
        Bound::SHARE.check(&format!("{f}.prompt_cache_share"), self.prompt_cache_share)?;
        Bound::SHARE.check(&format!("{f}.batch_share"), self.batch_share)
    }
}

/// A share `share` of the month's tokens at `prices`: chat and agent tokens as
/// input and output, runaway loops' tokens into `loop_usd`.
pub fn cost(prices: &TokenPrices, share: f64, w: &Work, ledger: &mut Ledger, loop_usd: &mut f64) {
    let v = Bucket::Variable;
    ledger.add(
        v,
        Component::InputTokens,
        share * (w.chat_in + w.agent_in) * prices.usd_per_input_token,
    );
    ledger.add(
        v,
        Component::OutputTokens,
        share * (w.chat_out + w.agent_out) * prices.usd_per_output_token,
    );
    *loop_usd +=
        share * (w.loop_in * prices.usd_per_input_token + w.loop_out * prices.usd_per_output_token);
}

/// Effective prices per token after prompt caching and batching.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TokenPrices {
    pub usd_per_input_token: f64,
    pub usd_per_output_token: f64,
}

impl TokenPrices {
    pub fn of(price: &ModelPrice, api: &ManagedApi) -> TokenPrices {
        let batch = 1.0 - api.batch_share * price.batch_discount;
        let input = (1.0 - api.prompt_cache_share) * price.usd_per_m_input
            + api.prompt_cache_share * price.usd_per_m_cached_input;
        TokenPrices {
            usd_per_input_token: input * batch / 1e6,
            usd_per_output_token: price.usd_per_m_output * batch / 1e6,
        }
    }

    /// List prices, no caching or batching (for routed frontier calls).
    pub fn list(price: &ModelPrice) -> TokenPrices {
        TokenPrices {
            usd_per_input_token: price.usd_per_m_input / 1e6,
            usd_per_output_token: price.usd_per_m_output / 1e6,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Catalog;

    /// Seed 000: an 8,000-token prompt at $0.01 per 1,000 input tokens costs
    /// $0.08; 100,000 such queries a day cost $8,000 a day.
    #[test]
    fn an_8000_token_prompt_at_a_cent_per_thousand_costs_8_cents() {
        let c = Catalog::shipped();
        let api = ManagedApi {
            model: "gpt-4-turbo".into(),
            prompt_cache_share: 0.0,
            batch_share: 0.0,
        };
        let p = TokenPrices::of(c.model("m", &api.model).unwrap(), &api);
        let per_query = 8_000.0 * p.usd_per_input_token;
        assert!((per_query - 0.08).abs() < 1e-12);
        assert!((100_000.0 * per_query - 8_000.0).abs() < 1e-6);
    }

    #[test]
    fn prompt_cache_and_batch_lower_the_price() {
        let c = Catalog::shipped();
        let price = c.model("m", "gpt-4o").unwrap();
        let plain = TokenPrices::of(
            price,
            &ManagedApi {
                model: "gpt-4o".into(),
                prompt_cache_share: 0.0,
                batch_share: 0.0,
            },
        );
        let cached = TokenPrices::of(
            price,
            &ManagedApi {
                model: "gpt-4o".into(),
                prompt_cache_share: 1.0,
                batch_share: 0.0,
            },
        );
        let batched = TokenPrices::of(
            price,
            &ManagedApi {
                model: "gpt-4o".into(),
                prompt_cache_share: 0.0,
                batch_share: 1.0,
            },
        );
        assert_eq!(cached.usd_per_input_token * 2.0, plain.usd_per_input_token);
        assert_eq!(
            batched.usd_per_output_token * 2.0,
            plain.usd_per_output_token
        );
    }
}
