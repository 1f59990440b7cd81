//! The fine-tuning lifecycle (seed 000): curation labour and a training sweep
//! paid up front, and retraining for drift, each retrain redoing a share of
//! the curation and a smaller sweep.

pub mod curation;
pub mod retraining;
pub mod training;

use serde::{Deserialize, Serialize};

use crate::catalog::Catalog;
use crate::dist::Dist;
use crate::error::{Bound, ModelError};
use crate::fields::{Entry, Field, Section, Slot, Walk};
use crate::levers::ledger::{Bucket, Component, Ledger};
use crate::levers::serving::spot::{self, Spot};

/// Fine-tuning lifecycle: curation labour, training sweeps, retraining for drift (seed 000).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FineTuning {
    /// Prompt-completion pairs curated by subject-matter experts.
    pub examples: f64,
    pub minutes_per_example: Dist,
    pub sme_usd_per_hour: f64,
    /// Instance a training run uses (catalog id).
    pub training_accelerator: String,
    pub hours_per_run: Dist,
    /// Runs of the hyperparameter sweep (learning rate, batch size, LoRA rank).
    pub runs_per_sweep: f64,
    /// Share of training hours on spot instances, and their discount.
    pub training_spot: Spot,
    /// Months between retrains to stay fresh (0 = never; 0.25 = four a
    /// month, 48 a year).
    pub retrain_every_months: f64,
    /// Share of the curation redone for each retrain.
    pub retrain_curation_share: f64,
    /// Training runs per retrain (a smaller sweep than the first).
    pub retrain_runs: f64,
}

const EXAMPLES: Bound = Bound::new(0.0, 1e8, "must be between 0 and 100,000,000");
const RUNS: Bound = Bound::new(0.0, 1e4, "must be between 0 and 10,000");
const SME_RATE: Bound = Bound::new(0.0, 10_000.0, "must be between 0 and 10,000 per hour");
const RETRAIN_EVERY: Bound = Bound::new(0.0, 120.0, "must be between 0 (never) and 120");

pub const EXAMPLES_FIELD: Field = Field::number(
    "examples",
    "Curated examples",
    "pairs",
    EXAMPLES,
    "The TCO deep dive: 50,000 pairs can cost hundreds of thousands in SME time.",
);
pub const MINUTES: Field = Field::dist(
    "minutes_per_example",
    "Curation time",
    "minutes / example",
    Bound::new(0.0, 1e4, "must lie in the field's range"),
    "Writing, reviewing and formatting one prompt-completion pair.",
);
pub const SME_RATE_FIELD: Field = Field::number(
    "sme_usd_per_hour",
    "Expert rate",
    "$ / hour",
    SME_RATE,
    "The TCO deep dive: curation needs subject-matter experts (lawyers, engineers, doctors), not crowd workers.",
);
pub const TRAINING_INSTANCE: Field = Field::entry(
    "training_accelerator",
    "Training instance",
    Entry::Accelerator,
    "The TCO deep dive: a single instance with 4 or 8 A10G or A100 GPUs; its hourly price from the catalog.",
);
pub const HOURS: Field = Field::dist(
    "hours_per_run",
    "Training hours per run",
    "hours",
    Bound::new(0.0, 1e4, "must lie in the field's range"),
    "Wall-clock hours of one LoRA/QLoRA training run on the training instance.",
);
pub const SWEEP: Field = Field::number(
    "runs_per_sweep",
    "Sweep runs",
    "training runs",
    RUNS,
    "The TCO deep dive: 'dozens of hyperparameter sweeps'.",
);
pub const RETRAIN_EVERY_FIELD: Field = Field::number(
    "retrain_every_months",
    "Retrain every",
    "months (0 = never)",
    RETRAIN_EVERY,
    "The TCO deep dive: dynamic data needs constant retraining; 0.25 = four a month.",
);
pub const RECURATION: Field = Field::share(
    "retrain_curation_share",
    "Curation redone per retrain",
    "% of the curation",
    "The TCO deep dive: each retrain needs fresh examples for what changed.",
);
pub const RETRAIN_RUNS: Field = Field::number(
    "retrain_runs",
    "Runs per retrain",
    "training runs",
    RUNS,
    "A retrain reuses the first sweep's settings: a few runs, not a whole sweep.",
);

impl Default for FineTuning {
    /// The knowledge-base preset's fine-tuned arm: 50,000 examples at 4–15
    /// minutes by $90-an-hour experts, 24-run sweeps of 4–30 hours on a
    /// p4de.24xlarge (8× A100 80 GB), 80% on spot, retrained weekly with a tenth
    /// of the curation redone.
    fn default() -> Self {
        FineTuning {
            examples: 50_000.0,
            minutes_per_example: Dist::Pert {
                low: 4.0,
                mode: 8.0,
                high: 15.0,
            },
            sme_usd_per_hour: 90.0,
            // The TCO deep dive: "a single instance equipped with 4x or 8x NVIDIA A10G or A100 GPUs".
            training_accelerator: "p4de.24xlarge".into(),
            hours_per_run: Dist::Pert {
                low: 4.0,
                mode: 10.0,
                high: 30.0,
            },
            // The TCO deep dive: "dozens of hyperparameter sweeps".
            runs_per_sweep: 24.0,
            training_spot: Spot {
                share: 0.8,
                discount: 0.6,
                interruption_overhead: 0.15,
            },
            retrain_every_months: 0.25,
            retrain_curation_share: 0.1,
            retrain_runs: 3.0,
        }
    }
}

impl Section for FineTuning {
    fn fields(&mut self, w: &mut Walk) {
        w.field(&EXAMPLES_FIELD, Slot::Number(&mut self.examples));
        w.field(&MINUTES, Slot::Dist(&mut self.minutes_per_example));
        w.field(&SME_RATE_FIELD, Slot::Number(&mut self.sme_usd_per_hour));
        w.field(
            &TRAINING_INSTANCE,
            Slot::Text(&mut self.training_accelerator),
        );
        w.field(&HOURS, Slot::Dist(&mut self.hours_per_run));
        w.field(&SWEEP, Slot::Number(&mut self.runs_per_sweep));
        w.nest("training_spot", |w| {
            self.training_spot.walk(w, &spot::TRAINING, true)
        });
        w.field(
            &RETRAIN_EVERY_FIELD,
            Slot::Number(&mut self.retrain_every_months),
        );
        let retrains = self.retrain_every_months > 0.0;
        w.field_if(
            retrains,
            &RECURATION,
            Slot::Number(&mut self.retrain_curation_share),
        );
        w.field_if(
            retrains,
            &RETRAIN_RUNS,
            Slot::Number(&mut self.retrain_runs),
        );
    }

    fn rules(&self, f: &str) -> Result<(), ModelError> {
        if self.retrain_every_months > 0.0 && self.retrain_every_months < 1.0 / 31.0 {
            return Err(ModelError::OutOfRange {
                field: format!("{f}.retrain_every_months"),
                value: self.retrain_every_months,
                rule: "retraining more than daily is not supported (0 means never)",
                range: None,
            });
        }
        Ok(())
    }
}

impl FineTuning {
    /// Resolves the training instance and counts the retrains over the horizon.
    pub fn prepare(
        &self,
        catalog: &Catalog,
        horizon_months: u32,
        f: &str,
    ) -> Result<PreparedFineTuning, ModelError> {
        let acc = catalog.accelerator(
            &format!("{f}.training_accelerator"),
            &self.training_accelerator,
        )?;
        Ok(PreparedFineTuning {
            examples: self.examples,
            sme_usd_per_hour: self.sme_usd_per_hour,
            train_usd_per_hour: acc.usd_per_hour,
            training_spot: self.training_spot,
            runs_per_sweep: self.runs_per_sweep,
            retrains: retraining::retrains_over(horizon_months, self.retrain_every_months),
            retrains_by_month: (1..=horizon_months)
                .map(|m| retraining::retrains_in_month(m, self.retrain_every_months))
                .collect(),
            retrain_curation_share: self.retrain_curation_share,
            retrain_runs: self.retrain_runs,
        })
    }
}

#[derive(Debug, Clone)]
pub struct PreparedFineTuning {
    examples: f64,
    sme_usd_per_hour: f64,
    train_usd_per_hour: f64,
    training_spot: Spot,
    runs_per_sweep: f64,
    /// Retrains over the horizon, and in each of its months.
    pub retrains: f64,
    pub retrains_by_month: Vec<f64>,
    retrain_curation_share: f64,
    retrain_runs: f64,
}

impl PreparedFineTuning {
    /// Curation and the first sweep up front; what each retrain costs.
    pub fn cost(&self, minutes_per_example: f64, hours_per_run: f64, ledger: &mut Ledger) {
        let curation_usd =
            curation::curation_usd(self.examples, minutes_per_example, self.sme_usd_per_hour);
        let run_usd = training::training_usd(
            1.0,
            hours_per_run,
            self.train_usd_per_hour,
            &self.training_spot,
        );
        ledger.add(Bucket::Upfront, Component::Curation, curation_usd);
        ledger.add(
            Bucket::Upfront,
            Component::Training,
            run_usd * self.runs_per_sweep,
        );
        ledger.add(
            Bucket::RetrainEach,
            Component::Retraining,
            self.retrain_curation_share * curation_usd + self.retrain_runs * run_usd,
        );
    }
}
