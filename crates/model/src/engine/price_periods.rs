//! Prices that change inside the horizon: a promotional price that ends on a
//! date, an announced increase. An architecture whose models change price
//! inside the horizon is prepared once per price period; each trial folds it
//! once per period, and its average month weights each period's variable
//! costs by the share of every month's days it covers, grown like the
//! month's traffic, and its fixed costs (a fleet's fallback API is filed
//! partly as fixed: `serving/horizon.rs`) by the same shares ungrown. Upfront
//! and retraining costs use no token price: they are the first period's.
//! Month-by-month spend (first, peak, the TCO bars) prices each month by the
//! shares of its days in each period.

use crate::calendar::{self, Date};
use crate::catalog::Catalog;
use crate::error::ModelError;
use crate::levers::ArchLevers;
use crate::outcome::{MAX_PRICE_PERIODS, PeriodShares};
use crate::scenario::{Architecture, Scenario, Serving};

/// An architecture's levers under each price in force after the first, and
/// how the horizon's months divide between the periods.
#[derive(Debug, Clone)]
pub struct PricePeriods {
    /// Levers from each change on (the first period's are the architecture's).
    pub later: Vec<ArchLevers>,
    /// Per period: Σ over months of the month's growth × the share of its
    /// days in the period, over the horizon's months (they add up to the
    /// average growth factor).
    pub grown_weight: PeriodShares,
    /// Per period: the share of the horizon's days it covers (they add up to 1).
    pub time_weight: PeriodShares,
    /// Per month of the horizon, the share of its days in each period.
    pub month_shares: Vec<PeriodShares>,
}

/// The catalog's models with dated prices as priced on `day`.
pub fn resolved_at(catalog: &Catalog, day: Date) -> Catalog {
    let mut out = catalog.clone();
    for m in &mut out.models {
        if m.rules.iter().any(|r| r.from.is_some()) {
            *m = m.at(day);
        }
    }
    out
}

/// The models an architecture prices tokens with, and their fields' names.
fn models_of(a: &Architecture) -> impl Iterator<Item = (&'static str, &str)> {
    let own = match &a.serving {
        Serving::ManagedApi(api) => ("serving.model", api.model.as_str()),
        Serving::SelfHosted(h) => ("serving.fallback_model", h.fallback_model.as_str()),
    };
    let routed = a
        .routing
        .as_ref()
        .map(|r| ("routing.frontier_model", r.frontier_model.as_str()));
    std::iter::once(own).chain(routed)
}

/// Architecture `i`'s price periods over `s`'s horizon against the
/// unresolved `catalog` (None: no start month, or no change inside it).
pub fn prepare(
    s: &Scenario,
    catalog: &Catalog,
    i: usize,
    a: &Architecture,
    growth_by_month: &[f64],
) -> Result<Option<PricePeriods>, ModelError> {
    let Some(horizon) = s
        .start_month
        .as_deref()
        .and_then(|m| calendar::horizon(m, s.horizon_months))
    else {
        return Ok(None);
    };
    let mut changes: Vec<Date> = Vec::new();
    for (field, id) in models_of(a) {
        // An unknown model is named when the first period is prepared.
        let Ok(m) = catalog.model("", id) else {
            continue;
        };
        for day in m.changes_within(horizon) {
            calendar::insert_sorted(&mut changes, day);
        }
        if changes.len() >= MAX_PRICE_PERIODS {
            return Err(ModelError::Invalid {
                field: format!("architectures[{i}].{field}"),
                message: format!(
                    "prices change more than {} times inside the horizon: shorten it or start later",
                    MAX_PRICE_PERIODS - 1
                ),
            });
        }
    }
    if changes.is_empty() {
        return Ok(None);
    }
    let later = changes
        .iter()
        .map(|&day| ArchLevers::prepare(s, &resolved_at(catalog, day), i, a))
        .collect::<Result<Vec<_>, _>>()?;
    let mut bounds = vec![horizon.0];
    bounds.extend(&changes);
    bounds.push(horizon.1);
    let month_shares: Vec<PeriodShares> = (0..s.horizon_months.max(1))
        .map(|m| {
            let start = horizon.0.plus_months(i64::from(m));
            let end = start.plus_months(1);
            let days = (end.days() - start.days()) as f64;
            let mut shares = [0.0; MAX_PRICE_PERIODS];
            for (p, share) in shares.iter_mut().enumerate().take(bounds.len() - 1) {
                let from = bounds[p].max(start);
                let to = bounds[p + 1].min(end);
                *share = (to.days() - from.days()).max(0) as f64 / days;
            }
            shares
        })
        .collect();
    let h = month_shares.len() as f64;
    let mut grown_weight = [0.0; MAX_PRICE_PERIODS];
    let mut time_weight = [0.0; MAX_PRICE_PERIODS];
    for (shares, grown) in month_shares.iter().zip(growth_by_month) {
        for p in 0..MAX_PRICE_PERIODS {
            grown_weight[p] += grown * shares[p] / h;
            time_weight[p] += shares[p] / h;
        }
    }
    Ok(Some(PricePeriods {
        later,
        grown_weight,
        time_weight,
        month_shares,
    }))
}
