//! Model routing (seed 002, "model arbitrage"): a share of the LLM calls goes
//! to a frontier model on a managed API at its list price, the rest to the
//! architecture's own model.

use serde::{Deserialize, Serialize};

use crate::catalog::Catalog;
use crate::dist::Dist;
use crate::error::{Bound, ModelError};
use crate::fields::{Entry, Field, Section, Slot, Walk};
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

pub const ROUTING: Field = Field::group(
    "routing",
    "Routing to a frontier model",
    "The FinOps guide's model arbitrage: the calls that need it go to a frontier model, the rest to this architecture's own.",
);
pub const FRONTIER_MODEL: Field = Field::entry(
    "frontier_model",
    "Frontier model (routed calls)",
    Entry::Model,
    "The calls that need it go here, at its list price (the FinOps guide: the 5% of queries that need this level of intelligence).",
);
pub const SHARE: Field = Field::dist(
    "frontier_share",
    "Routed share",
    "% of calls",
    Bound::SHARE,
    "Calls sent to the frontier model; the rest go to the architecture's own model.",
)
.percent();

impl Default for Routing {
    /// The model-arbitrage preset's split: 5% of calls to the frontier model.
    fn default() -> Self {
        Routing {
            frontier_model: "openai/gpt-5.5".into(),
            frontier_share: Dist::fixed(0.05),
        }
    }
}

impl Section for Routing {
    fn fields(&mut self, w: &mut Walk) {
        w.field(&FRONTIER_MODEL, Slot::Text(&mut self.frontier_model));
        w.field(&SHARE, Slot::Dist(&mut self.frontier_share));
    }
}

impl Routing {
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
