//! The forecast in FOCUS's shape (the FinOps Open Cost and Usage
//! Specification, 1.3 or 1.2): one row per architecture, month of the
//! horizon and cost component, the trials' mean as `BilledCost` and their
//! P50 and P95 in `x_` columns, so a FinOps platform ingests the forecast
//! beside the bills. The FinOps Foundation's `focus-validator` checks the
//! 1.2 export of every preset (`scripts/focus-check.sh`, in the test
//! command).
//! A pass of its own over the trials ([`Prepared::month_costs`]): the same
//! trials as the summary, so each architecture's rows of a month add up to
//! the summary's mean spend in that month.

use std::collections::BTreeMap;

use crate::Prepared;
use crate::calendar::{self, Date};
use crate::levers::ledger::{Component, Costs};
use crate::stats::ExactSum;

/// A version of FOCUS the export follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Version {
    V1_2,
    /// 1.3 names who provides the service and who hosts it
    /// (`ServiceProviderName`, `HostProviderName`) where 1.2 had
    /// `ProviderName` and `PublisherName`.
    V1_3,
}

impl Version {
    pub fn from_text(text: &str) -> Option<Version> {
        match text {
            "1.2" => Some(Version::V1_2),
            "1.3" => Some(Version::V1_3),
            _ => None,
        }
    }

    /// The columns, in order: FOCUS's mandatory ones that a forecast can
    /// fill and the recommended ones it has (`InvoiceId` null: no invoice is
    /// issued for a forecast; the commitment discount's columns null but on
    /// provisioned capacity's rows), then burnrate's (`x_`).
    pub fn columns(self) -> [&'static str; COLUMNS] {
        let (provider, publisher) = match self {
            Version::V1_2 => ("ProviderName", "PublisherName"),
            Version::V1_3 => ("ServiceProviderName", "HostProviderName"),
        };
        [
            "BillingAccountId",
            "BillingAccountName",
            "BillingCurrency",
            "BillingPeriodStart",
            "BillingPeriodEnd",
            "ChargePeriodStart",
            "ChargePeriodEnd",
            "ChargeCategory",
            "ChargeClass",
            "ChargeFrequency",
            "ChargeDescription",
            "InvoiceId",
            "InvoiceIssuerName",
            provider,
            publisher,
            "ServiceCategory",
            "ServiceSubcategory",
            "ServiceName",
            "ResourceType",
            "SkuId",
            "PricingQuantity",
            "PricingUnit",
            "BilledCost",
            "EffectiveCost",
            "ListCost",
            "ContractedCost",
            "CommitmentDiscountCategory",
            "CommitmentDiscountId",
            "CommitmentDiscountName",
            "CommitmentDiscountQuantity",
            "CommitmentDiscountStatus",
            "CommitmentDiscountType",
            "CommitmentDiscountUnit",
            "x_ArchitectureId",
            "x_ArchitectureName",
            "x_CostComponent",
            "x_P50BilledCost",
            "x_P95BilledCost",
            "x_Trials",
        ]
    }
}

const COLUMNS: usize = 39;

/// Who issues, provides and publishes a forecast row: no bill of its own,
/// so platforms can tell it from the actuals beside it.
const ISSUER: &str = "burnrate forecast";

/// Sub-bins per octave of a row's histogram: bins 0.5% wide, so a
/// percentile is read within 0.3%.
const SUB: f64 = 128.0;

/// Per architecture, month and component: the sum of the trials' spend and
/// its histogram (kept only for rows with spend).
#[derive(Debug, Clone, Default)]
pub struct Forecast {
    trials: u64,
    months: usize,
    sums: Vec<ExactSum>,
    histograms: Vec<BTreeMap<i32, u64>>,
    /// Each row's least and greatest spend: a percentile is read within
    /// them, so a constant charge reads exactly.
    ranges: Vec<(f64, f64)>,
}

impl Forecast {
    pub fn new(archs: usize, months: usize) -> Forecast {
        let rows = archs * months * Component::COUNT;
        Forecast {
            trials: 0,
            months,
            sums: vec![ExactSum::default(); rows],
            histograms: vec![BTreeMap::new(); rows],
            ranges: vec![(f64::INFINITY, 0.0); rows],
        }
    }

    /// One trial's months by component, per architecture.
    pub fn add(&mut self, trial: &[Vec<Costs>]) {
        self.trials += 1;
        for (a, months) in trial.iter().enumerate() {
            for (m, costs) in months.iter().enumerate() {
                for (c, usd) in costs.iter() {
                    if usd > 0.0 {
                        let row = self.row(a, m, c);
                        self.sums[row].add(usd);
                        *self.histograms[row].entry(bin(usd)).or_default() += 1;
                        let r = &mut self.ranges[row];
                        *r = (r.0.min(usd), r.1.max(usd));
                    }
                }
            }
        }
    }

    /// Adds another range of trials' forecast (exact: sums are fixed-point,
    /// histograms counts).
    pub fn merge(&mut self, other: &Forecast) {
        self.trials += other.trials;
        for (s, o) in self.sums.iter_mut().zip(&other.sums) {
            s.merge(o);
        }
        for (h, o) in self.histograms.iter_mut().zip(&other.histograms) {
            for (b, n) in o {
                *h.entry(*b).or_default() += n;
            }
        }
        for (r, o) in self.ranges.iter_mut().zip(&other.ranges) {
            *r = (r.0.min(o.0), r.1.max(o.1));
        }
    }

    fn row(&self, arch: usize, month: usize, c: Component) -> usize {
        (arch * self.months + month) * Component::COUNT + c as usize
    }

    /// Mean, P50 and P95 of a row's spend over the trials (0 in a trial
    /// without it).
    pub fn stats(&self, arch: usize, month: usize, c: Component) -> (f64, f64, f64) {
        let row = self.row(arch, month, c);
        let h = &self.histograms[row];
        let zeros = self.trials - h.values().sum::<u64>();
        let at = |q: f64| {
            let rank = (q * self.trials as f64).ceil().max(1.0) as u64;
            if rank <= zeros {
                return 0.0;
            }
            let mut below = zeros;
            for (&b, &n) in h {
                below += n;
                if below >= rank {
                    let (low, high) = self.ranges[row];
                    return value(b).clamp(low, high);
                }
            }
            0.0
        };
        (self.sums[row].mean(self.trials), at(0.5), at(0.95))
    }
}

fn bin(usd: f64) -> i32 {
    (usd.log2() * SUB).floor() as i32
}

/// A bin's centre (geometric).
fn value(bin: i32) -> f64 {
    ((f64::from(bin) + 0.5) / SUB).exp2()
}

/// Runs the scenario's trials for the forecast on `threads` threads (native
/// only): the same numbers for any count.
#[cfg(not(target_arch = "wasm32"))]
pub fn forecast(p: &Prepared, threads: usize) -> Result<Forecast, String> {
    let months = p.scenario().horizon_months.max(1) as usize;
    Ok(super::over_months(
        p,
        threads,
        || Forecast::new(p.architecture_count(), months),
        Forecast::add,
        Forecast::merge,
    ))
}

/// `YYYY-MM-01T00:00:00Z`.
fn month_start(d: Date) -> String {
    format!("{:04}-{:02}-01T00:00:00Z", d.year, d.month)
}

/// An amount to the cent's hundredth, in ten-thousandths: the rows of a
/// commitment add up exactly as written.
fn ten_thousandths(usd: f64) -> i64 {
    (usd * 1e4).round() as i64
}

fn amount(ten_thousandths: i64) -> String {
    let sign = if ten_thousandths < 0 { "-" } else { "" };
    let t = ten_thousandths.unsigned_abs();
    format!("{sign}{}.{:04}", t / 10_000, t % 10_000)
}

/// Provisioned capacity as FOCUS files a commitment: each month a purchase
/// (`Purchase`, `Recurring`: the units' bill, what is paid) and its use, a
/// `Usage` row whose status is `Used` and one `Unused`, each with the
/// amortised cost (`EffectiveCost`) and unit-hours
/// (`CommitmentDiscountQuantity`) but no bill of its own (`BilledCost` 0),
/// so the month's billed total is unchanged and the used and unused rows
/// add up to the purchase (FOCUS 1.2, EffectiveCost-C-012/013).
struct Commitment {
    id: String,
    name: String,
    usd_per_unit_hour: f64,
}

impl Commitment {
    fn of(arch: &crate::scenario::Architecture) -> Option<Commitment> {
        let crate::scenario::Serving::ManagedApi(api) = &arch.serving else {
            return None;
        };
        let p = api.provisioned.as_ref()?;
        Some(Commitment {
            id: format!("burnrate-forecast/{}/provisioned", arch.id),
            name: format!(
                "{}: {} units of provisioned throughput at {:.4} a unit-hour",
                arch.name, p.units, p.usd_per_unit_hour
            ),
            usd_per_unit_hour: p.usd_per_unit_hour,
        })
    }

    /// The commitment's cells for a row: category, id, name, unit-hours,
    /// status, type, unit.
    fn cells(&self, usd: i64, status: &str) -> [String; 7] {
        let hours = if self.usd_per_unit_hour > 0.0 {
            usd as f64 / 1e4 / self.usd_per_unit_hour
        } else {
            0.0
        };
        let text = crate::csv::text_cell;
        [
            text("Usage"),
            text(&self.id),
            text(&self.name),
            format!("{hours:.4}"),
            // Null on the purchase: a status is its use's.
            if status.is_empty() {
                String::new()
            } else {
                text(status)
            },
            text("Provisioned throughput"),
            text("Hours"),
        ]
    }
}

/// The forecast as FOCUS CSV of `version`: rows with any spend, amounts in
/// the scenario's currency to the cent's hundredth; months from
/// `start_month` (`YYYY-MM`).
pub fn csv(
    p: &Prepared,
    f: &Forecast,
    start_month: &str,
    version: Version,
) -> Result<String, String> {
    let s = p.scenario();
    let (year, month) = calendar::parse_month(start_month)
        .ok_or_else(|| format!("the start month \"{start_month}\" is not YYYY-MM"))?;
    let first = Date {
        year,
        month,
        day: 1,
    };
    let columns = version.columns();
    let mut out = columns.join(",") + "\n";
    let text = crate::csv::text_cell;
    for (a, arch) in s.architectures.iter().enumerate() {
        let commitment = Commitment::of(arch);
        for m in 0..f.months {
            let (from, to) = (first.plus_months(m as i64), first.plus_months(m as i64 + 1));
            let (from, to) = (month_start(from), month_start(to));
            // One row's cells but burnrate's own.
            let row = |category: &str,
                       frequency: &str,
                       label: &str,
                       key: &str,
                       c: Component,
                       (billed, effective, list): (i64, i64, i64),
                       commitment: Option<[String; 7]>| {
                let crate::levers::ledger::Focus {
                    category: service_category,
                    subcategory,
                    service,
                    ..
                } = c.focus();
                let description = format!(
                    "{}: {label}, month {} of {} (burnrate forecast, mean of {} trials)",
                    arch.name,
                    m + 1,
                    f.months,
                    f.trials
                );
                let [billed, effective, list] = [amount(billed), amount(effective), amount(list)];
                let mut cells = vec![
                    text("forecast"),
                    text(&s.name),
                    text(&s.currency),
                    from.clone(),
                    to.clone(),
                    from.clone(),
                    to.clone(),
                    text(category),
                    // Null: a forecast corrects no earlier bill.
                    String::new(),
                    text(frequency),
                    text(&description),
                    // Null: no invoice is issued for a forecast.
                    String::new(),
                    text(ISSUER),
                    text(ISSUER),
                    text(ISSUER),
                    text(service_category),
                    text(subcategory),
                    text(service),
                    text(label),
                    text(key),
                    // A decimal, as FOCUS types it: one month.
                    "1.0".into(),
                    text("Month"),
                    // No discounts apart from what the scenario prices in:
                    // what is billed is what it costs, but a commitment's
                    // use is billed by its purchase, whose cost is its use's.
                    billed,
                    effective,
                    list.clone(),
                    list,
                ];
                cells.extend(commitment.unwrap_or_default());
                cells.extend([text(&arch.id), text(&arch.name), text(key)]);
                cells
            };
            let mut emit = |mut cells: Vec<String>, p50: f64, p95: f64| {
                cells.extend([
                    format!("{p50:.4}"),
                    format!("{p95:.4}"),
                    f.trials.to_string(),
                ]);
                out += &(cells.join(",") + "\n");
            };
            if let Some(k) = &commitment {
                let used = ten_thousandths(f.stats(a, m, Component::ProvisionedUsed).0);
                let unused = ten_thousandths(f.stats(a, m, Component::ProvisionedUnused).0);
                let paid = used + unused;
                if paid > 0 {
                    let usd = paid as f64 / 1e4;
                    let cells = row(
                        "Purchase",
                        "Recurring",
                        "Provisioned capacity, the month's units",
                        "provisioned_purchase",
                        Component::ProvisionedUsed,
                        (paid, 0, paid),
                        Some(k.cells(paid, "")),
                    );
                    emit(cells, usd, usd);
                }
            }
            for c in Component::ALL {
                let (mean, p50, p95) = f.stats(a, m, c);
                if mean == 0.0 && p95 == 0.0 {
                    continue;
                }
                let usd = ten_thousandths(mean);
                let status = match c {
                    Component::ProvisionedUsed => "Used",
                    Component::ProvisionedUnused => "Unused",
                    _ => "",
                };
                let cells = match (&commitment, status) {
                    (Some(k), "Used" | "Unused") => row(
                        "Usage",
                        c.focus().frequency,
                        c.label(),
                        c.key(),
                        c,
                        (0, usd, usd),
                        Some(k.cells(usd, status)),
                    ),
                    _ => row(
                        "Usage",
                        c.focus().frequency,
                        c.label(),
                        c.key(),
                        c,
                        (usd, usd, usd),
                        None,
                    ),
                };
                emit(cells, p50, p95);
            }
        }
    }
    Ok(out)
}
