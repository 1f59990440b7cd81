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
use crate::inputs::ArchInput;
use crate::levers::ledger::{Bucket, Component, Ledger};
use crate::levers::serving::spot::Spot;

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

/// Minutes an expert spends per example, an uncertain input of each architecture.
pub const MINUTES_PER_EXAMPLE: ArchInput = ArchInput {
    key: "minutes_per_example",
    label: "Curation minutes per example",
    bound: Bound::new(0.0, 1e4, "must lie in the field's range"),
    dist: |a| a.design.fine_tuning().map(|f| &f.minutes_per_example),
};

/// Hours of one training run, an uncertain input of each architecture.
pub const HOURS_PER_RUN: ArchInput = ArchInput {
    key: "hours_per_run",
    label: "Training hours per run",
    bound: Bound::new(0.0, 1e4, "must lie in the field's range"),
    dist: |a| a.design.fine_tuning().map(|f| &f.hours_per_run),
};

const EXAMPLES: Bound = Bound::new(0.0, 1e8, "must be between 0 and 100,000,000");
const RUNS: Bound = Bound::new(0.0, 1e4, "must be between 0 and 10,000");
const SME_RATE: Bound = Bound::new(0.0, 10_000.0, "must be between 0 and 10,000 per hour");
const RETRAIN_EVERY: Bound = Bound::new(0.0, 120.0, "must be between 0 (never) and 120");

impl FineTuning {
    pub fn validate(&self, f: &str) -> Result<(), ModelError> {
        EXAMPLES.check(&format!("{f}.examples"), self.examples)?;
        MINUTES_PER_EXAMPLE.bound.check_dist(
            &format!("{f}.minutes_per_example"),
            &self.minutes_per_example,
        )?;
        SME_RATE.check(&format!("{f}.sme_usd_per_hour"), self.sme_usd_per_hour)?;
        HOURS_PER_RUN
            .bound
            .check_dist(&format!("{f}.hours_per_run"), &self.hours_per_run)?;
        RUNS.check(&format!("{f}.runs_per_sweep"), self.runs_per_sweep)?;
        self.training_spot.validate(&format!("{f}.training_spot"))?;
        RETRAIN_EVERY.check(
            &format!("{f}.retrain_every_months"),
            self.retrain_every_months,
        )?;
        if self.retrain_every_months > 0.0 && self.retrain_every_months < 1.0 / 31.0 {
            return Err(ModelError::OutOfRange {
                field: format!("{f}.retrain_every_months"),
                value: self.retrain_every_months,
                rule: "retraining more than daily is not supported (0 means never)",
                range: None,
            });
        }
        Bound::SHARE.check(
            &format!("{f}.retrain_curation_share"),
            self.retrain_curation_share,
        )?;
        RUNS.check(&format!("{f}.retrain_runs"), self.retrain_runs)
    }

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
