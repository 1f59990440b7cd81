//! Model routing (seed 002, "model arbitrage"): a share of the LLM calls goes
//! to a frontier model on a managed API at its list price, the rest to the
//! architecture's own model.

use serde::{Deserialize, Serialize};

use crate::catalog::Catalog;
use crate::dist::Dist;
use crate::error::{Bound, ModelError};
use crate::inputs::ArchInput;
use crate::levers::agents::Work;
use crate::levers::ledger::Ledger;
use crate::levers::managed_api::{self, TokenPrices};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Routing {
    /// Frontier model (catalog id, managed API) for the hard queries.
    pub frontier_model: String,
    /// Share of LLM calls routed to it.
    pub frontier_share: Dist,
}

/// The routed share, an uncertain input of each architecture (0 without routing).
pub const FRONTIER_SHARE: ArchInput = ArchInput {
    key: "frontier_share",
    label: "Routed share",
    bound: Bound::SHARE,
    dist: |a| a.routing.as_ref().map(|r| &r.frontier_share),
};

impl Routing {
    pub fn validate(&self, f: &str) -> Result<(), ModelError> {
        FRONTIER_SHARE
            .bound
            .check_dist(&format!("{f}.frontier_share"), &self.frontier_share)
    }

    /// The frontier model's list prices (routed calls skip caching and batching).
    pub fn prepare(
        &self,
        catalog: &Catalog,
        f: &str,
        minute_shares: &[f64],
        cv_per_query: f64,
    ) -> Result<TokenPrices, ModelError> {
        let f = format!("{f}.frontier_model");
        let model = catalog.model(&f, &self.frontier_model)?;
        TokenPrices::list(model, minute_shares, cv_per_query, &f)
    }
}

/// The frontier model's share `share` of the month's tokens, at its list price.
pub fn cost(frontier: &TokenPrices, share: f64, w: &Work, ledger: &mut Ledger, loop_usd: &mut f64) {
    managed_api::cost(frontier, share, w, ledger, loop_usd);
}

/// What one more token costs with a share `share` of calls routed to the frontier.
pub fn blend(own: TokenPrices, frontier: Option<&TokenPrices>, share: f64) -> TokenPrices {
    match frontier {
        Some(f) => TokenPrices {
            usd_per_input_token: (1.0 - share) * own.usd_per_input_token
                + share * f.usd_per_input_token,
            usd_per_output_token: (1.0 - share) * own.usd_per_output_token
                + share * f.usd_per_output_token,
            // A marginal price (for the budget cap): below any tier.
            long_context: None,
        },
        None => own,
    }
}
