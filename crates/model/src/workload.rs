//! The workload, shared by every architecture: how many queries, when (the
//! shape of the day and week, burstiness), and how big each is (its tokens
//! and its conversation's history). Its fields are declared here, with
//! their physical bounds.

use serde::{Deserialize, Serialize};

use crate::dist::Dist;
use crate::error::{Bound, ModelError};
use crate::fields::{Field, Section, Slot, Walk};

/// How much traffic, when, and how big each query is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Workload {
    /// Queries on an average day of the month (its level is uncertain).
    pub queries_per_day: Dist,
    /// Growth of the volume from one month to the next (0.05 = 5% a month).
    pub monthly_growth: f64,
    /// Share of a weekday's queries that arrive in business hours.
    pub business_hours_share: f64,
    /// First business hour of the day, 0–23.
    pub business_start_hour: u32,
    /// Hour the business window ends (exclusive), 1–24.
    pub business_end_hour: u32,
    /// A weekend day's volume relative to a weekday's (0 = closed at weekends).
    pub weekend_factor: f64,
    /// Burstiness: coefficient of variation of the hour-to-hour arrival rate,
    /// above Poisson (0 = Poisson arrivals; 0.5 = rates swing ±50% hour to hour).
    pub hourly_burst_cv: f64,
    /// Queries (turns) in one conversation, for history and cost per conversation.
    pub turns_per_conversation: Dist,
    /// The user's own message, tokens.
    pub query_tokens: TokenCount,
    /// The model's answer, tokens (verbosity varies).
    pub output_tokens: TokenCount,
    /// Tokens each earlier turn adds to the history sent with a query (question + answer).
    pub history_tokens_per_turn: f64,
    /// The business hours' time zone: hours ahead of UTC (New York in winter
    /// −5, Berlin +1, India +5.5). Prices that change with the hour of day
    /// (DeepSeek's) are in UTC.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub utc_offset_hours: f64,
}

fn is_zero(v: &f64) -> bool {
    *v == 0.0
}

/// Tokens per query: an uncertain monthly mean with query-to-query spread.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TokenCount {
    /// The month's mean tokens per query.
    pub mean_tokens: Dist,
    /// Query-to-query coefficient of variation (lognormal around the mean).
    pub cv_per_query: f64,
}

/// Growth from one month to the next: −50% to +200% a month.
pub const MONTHLY_GROWTH: Bound = Bound::new(
    -0.5,
    2.0,
    "must be between -0.5 and 2 (−50% to +200% a month)",
);
/// A weekend day's volume relative to a weekday's.
pub const WEEKEND_FACTOR: Bound = Bound::new(0.0, 10.0, "must be between 0 and 10");
/// Burstiness when not 0: below 0.001 the hour-to-hour variation is
/// invisible beside Poisson noise, and a coefficient of 1e-200 overflows the
/// gamma's shape.
pub const HOURLY_BURST_CV: Bound = Bound::new(
    0.001,
    5.0,
    "must be 0 (steady traffic) or between 0.001 and 5",
);
/// Query-to-query coefficient of variation of tokens.
pub const CV_PER_QUERY: Bound = Bound::new(0.0, 10.0, "must be between 0 and 10");
/// Tokens an earlier turn adds to the history.
pub const HISTORY_TOKENS_PER_TURN: Bound = Bound::new(0.0, 1e6, "must be between 0 and 1,000,000");

pub const QUERIES_PER_DAY: Field = Field::dist(
    "queries_per_day",
    "Queries per day",
    "queries / day",
    Bound::new(0.0, 1e10, "must lie in the field's range"),
    "Average day of the month; its level is uncertain (the TCO deep dive: 5,000 for a knowledge base, 1,000,000 for text-to-SQL).",
);
pub const GROWTH: Field = Field::number(
    "monthly_growth",
    "Monthly growth",
    "% / month",
    MONTHLY_GROWTH,
    "Volume growth from one month to the next over the horizon.",
)
.percent();
pub const BUSINESS_SHARE: Field = Field::share(
    "business_hours_share",
    "Business-hours share",
    "% of a weekday",
    "The TCO deep dive: busy in US business hours, idle at night.",
);
pub const START_HOUR: Field = Field::whole(
    "business_start_hour",
    "Business hours start",
    "hour, 0–23",
    Bound::new(0.0, 23.0, "must be an hour from 0 to 23"),
    "First hour of the business window.",
);
pub const END_HOUR: Field = Field::whole(
    "business_end_hour",
    "Business hours end",
    "hour, 1–24",
    Bound::new(1.0, 24.0, "must be after the start hour and at most 24"),
    "Hour the window ends (exclusive).",
);
pub const UTC_OFFSET: Field = Field::number(
    "utc_offset_hours",
    "Time zone",
    "hours from UTC",
    // Time zones run from UTC−12 to UTC+14.
    Bound::new(-12.0, 14.0, "must be between −12 and +14 hours"),
    "The business hours' time zone (Berlin 1, New York −5, India 5.5): prices that change with the hour (DeepSeek's) are set in UTC.",
);
pub const WEEKEND: Field = Field::number(
    "weekend_factor",
    "Weekend factor",
    "× a weekday",
    WEEKEND_FACTOR,
    "A weekend day's volume relative to a weekday's (0 = closed).",
);
pub const BURST: Field = Field::number(
    "hourly_burst_cv",
    "Burstiness",
    "CV of hourly rate",
    HOURLY_BURST_CV.or_zero(),
    "Hour-to-hour swings above Poisson: 0 = steady, 0.5 = rates swing ±50%.",
);
pub const TURNS: Field = Field::dist(
    "turns_per_conversation",
    "Turns per conversation",
    "turns",
    Bound::new(1.0, 1e4, "must lie in the field's range"),
    "Each turn carries the history before it (the Algorithmic Drain: a 'deep, infinite history').",
);
pub const QUERY_TOKENS: Field = Field::dist(
    "mean_tokens",
    "Query tokens",
    "tokens / query",
    Bound::new(0.0, 1e7, "must lie in the field's range"),
    "The user's own message (the TCO deep dive: a 50-token question).",
);
pub const QUERY_CV: Field = Field::number(
    "cv_per_query",
    "Query spread",
    "CV per query",
    CV_PER_QUERY,
    "Query-to-query coefficient of variation of the message's length (it sets the share of requests above a long-context tier).",
);
pub const OUTPUT_TOKENS: Field = Field::dist(
    "mean_tokens",
    "Output tokens",
    "tokens / answer",
    Bound::new(0.0, 1e7, "must lie in the field's range"),
    "Verbosity varies (the FinOps guide: costs differ by 300% on the same question).",
);
pub const OUTPUT_CV: Field = Field::number(
    "cv_per_query",
    "Output spread",
    "CV per query",
    CV_PER_QUERY,
    "Query-to-query coefficient of variation of the answer's length.",
);
pub const HISTORY: Field = Field::number(
    "history_tokens_per_turn",
    "History per turn",
    "tokens / turn",
    HISTORY_TOKENS_PER_TURN,
    "Question and answer of each earlier turn, re-sent with every query.",
);

impl Section for Workload {
    fn fields(&mut self, w: &mut Walk) {
        w.field(&QUERIES_PER_DAY, Slot::Dist(&mut self.queries_per_day));
        w.field(&GROWTH, Slot::Number(&mut self.monthly_growth));
        w.field(
            &BUSINESS_SHARE,
            Slot::Number(&mut self.business_hours_share),
        );
        w.field(&START_HOUR, Slot::Whole(&mut self.business_start_hour));
        w.field(&END_HOUR, Slot::Whole(&mut self.business_end_hour));
        w.field(&UTC_OFFSET, Slot::Number(&mut self.utc_offset_hours));
        w.field(&WEEKEND, Slot::Number(&mut self.weekend_factor));
        w.field(&BURST, Slot::Number(&mut self.hourly_burst_cv));
        w.title("Tokens");
        w.nest("query_tokens", |w| {
            w.field(
                &QUERY_TOKENS,
                Slot::Dist(&mut self.query_tokens.mean_tokens),
            );
            w.field(&QUERY_CV, Slot::Number(&mut self.query_tokens.cv_per_query));
        });
        w.nest("output_tokens", |w| {
            w.field(
                &OUTPUT_TOKENS,
                Slot::Dist(&mut self.output_tokens.mean_tokens),
            );
            w.field(
                &OUTPUT_CV,
                Slot::Number(&mut self.output_tokens.cv_per_query),
            );
        });
        w.field(&TURNS, Slot::Dist(&mut self.turns_per_conversation));
        w.field(&HISTORY, Slot::Number(&mut self.history_tokens_per_turn));
    }

    fn rules(&self, path: &str) -> Result<(), ModelError> {
        crate::error::check_range(
            &format!("{path}.business_end_hour"),
            f64::from(self.business_end_hour),
            f64::from(self.business_start_hour) + 1.0,
            24.0,
            "must be after the start hour and at most 24",
        )
    }
}
