//! A usage log as the fit reads it: one compact record per request (a
//! million of them take 40 MB), with ids interned, and what could not be read.

use std::collections::HashMap;

use serde::Serialize;

use super::columns::Field;

/// Most tokens one request may report: beyond any context window sold today
/// by a factor of ten, so a larger count is a damaged row.
pub const MAX_TOKENS: f64 = 1e7;

/// Rows the report quotes when they cannot be read.
pub const BAD_ROWS_SHOWN: usize = 5;

/// One request.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Request {
    /// Milliseconds since 1970-01-01 UTC.
    pub at_ms: i64,
    /// Everything the request sent, cache reads and writes included.
    pub input_tokens: u32,
    pub output_tokens: u32,
    /// Of the input: read from the provider's prompt cache, and written to it.
    pub cache_read_tokens: u32,
    pub cache_write_tokens: u32,
    /// Interned conversation and agent-run ids (`NONE` without one).
    pub conversation: u32,
    pub run: u32,
    pub model: u32,
    /// The provider refused or failed it (its status said so).
    pub failed: bool,
}

/// An id the request does not carry.
pub const NONE: u32 = u32::MAX;

/// A row that could not be read: its line in the file and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BadRow {
    pub line: u64,
    pub reason: String,
}

/// The requests read so far, and the rows that could not be.
#[derive(Debug, Clone, Default)]
pub struct Log {
    pub requests: Vec<Request>,
    /// Data rows met (blank lines and the CSV header aside).
    pub rows: u64,
    pub bad_rows: u64,
    /// The first [`BAD_ROWS_SHOWN`] bad rows.
    pub first_bad_rows: Vec<BadRow>,
    /// The column each field was read from (the first row's, per field).
    pub columns: Vec<(Field, String)>,
    /// CSV records that ran over many lines (quoted line breaks): how many,
    /// and the first one's line and line count. An unclosed quote merges
    /// every row after it into one record.
    pub long_records: u64,
    pub first_long_record: Option<(u64, u64)>,
    /// The file was UTF-16 (a spreadsheet's "Unicode text"), read as such.
    pub utf16: bool,
    conversations: HashMap<String, u32>,
    runs: HashMap<String, u32>,
    models: HashMap<String, u32>,
}

impl Log {
    pub fn bad(&mut self, line: u64, reason: String) {
        self.bad_rows += 1;
        if self.first_bad_rows.len() < BAD_ROWS_SHOWN {
            self.first_bad_rows.push(BadRow { line, reason });
        }
    }

    /// Notes that `field` was read from `column` (once per field).
    pub fn column(&mut self, field: Field, column: &str) {
        if !self.columns.iter().any(|(f, _)| *f == field) {
            self.columns.push((field, crate::error::shortened(column)));
            self.columns.sort();
        }
    }

    pub fn conversation_id(&mut self, id: &str) -> u32 {
        intern(&mut self.conversations, id)
    }

    pub fn run_id(&mut self, id: &str) -> u32 {
        intern(&mut self.runs, id)
    }

    /// A model's index; a name is echoed in the report, so one longer than
    /// [`ECHOED_BYTES`] is kept cut (a 200 MB cell once cost gigabytes).
    pub fn model_id(&mut self, id: &str) -> u32 {
        if id.len() > ECHOED_BYTES {
            return intern(&mut self.models, &crate::error::shortened(id));
        }
        intern(&mut self.models, id)
    }

    /// Model names by their interned index.
    pub fn model_names(&self) -> Vec<&str> {
        let mut names = vec![""; self.models.len()];
        for (name, &i) in &self.models {
            names[i as usize] = name;
        }
        names
    }

    pub fn conversation_count(&self) -> usize {
        self.conversations.len()
    }

    pub fn run_count(&self) -> usize {
        self.runs.len()
    }
}

/// The longest text from a log kept whole for a report (a model's name).
pub const ECHOED_BYTES: usize = 200;

fn intern(ids: &mut HashMap<String, u32>, id: &str) -> u32 {
    if id.is_empty() {
        return NONE;
    }
    if let Some(&i) = ids.get(id) {
        return i;
    }
    // Fewer than 4 billion ids: the last index is kept for "none".
    let i = ids.len().min(NONE as usize - 1) as u32;
    ids.insert(id.to_owned(), i);
    i
}
