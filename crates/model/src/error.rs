//! Typed validation errors: each names the field, the value and the rule, so the
//! UI can show it next to the field and the CLI can print it as it is.

use thiserror::Error;

/// Why a scenario (or one of its parts) cannot be simulated.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum ModelError {
    /// A number outside its allowed range (or not finite).
    #[error("{field} = {} is out of range: {rule}", number(*value))]
    OutOfRange {
        field: String,
        value: f64,
        rule: &'static str,
        /// The allowed range, for a page to restate in the field's own unit
        /// (`None` where the rule is not a range). A lower end of
        /// `f64::MIN_POSITIVE` means "more than 0".
        range: Option<(f64, f64)>,
    },
    /// A catalog entry the scenario names but neither the catalog nor the
    /// scenario's own entries define. Never priced as $0.
    #[error("{field}: no {kind} named \"{name}\" in the catalog or the scenario's own entries")]
    UnknownCatalogEntry {
        field: String,
        kind: &'static str,
        name: String,
    },
    /// Any other rule tying several fields together.
    #[error("{field}: {message}")]
    Invalid { field: String, message: String },
    /// A scenario written by a newer burnrate than this one.
    #[error(
        "schema_version {found} is newer than this burnrate understands ({supported}); open it in a newer version"
    )]
    FutureVersion { found: u64, supported: u32 },
    /// JSON that does not parse as a scenario.
    #[error("not a valid scenario: {0}")]
    Parse(String),
}

impl ModelError {
    /// The field the error is about, for showing it next to that field.
    pub fn field(&self) -> &str {
        match self {
            Self::OutOfRange { field, .. }
            | Self::UnknownCatalogEntry { field, .. }
            | Self::Invalid { field, .. } => field,
            Self::FutureVersion { .. } => "schema_version",
            Self::Parse(_) => "",
        }
    }
}

// Validation runs once per edit, not per trial: the checks are kept out of
// line (the model is built for speed, and inlined they would repeat in every
// caller of the site's one WASM file).

/// Checks `low <= value <= high` (and finiteness); the rule text is shown to the user.
#[inline(never)]
pub fn check_range(
    field: &str,
    value: f64,
    low: f64,
    high: f64,
    rule: &'static str,
) -> Result<(), ModelError> {
    if value.is_finite() && value >= low && value <= high {
        Ok(())
    } else {
        Err(ModelError::OutOfRange {
            field: field.to_owned(),
            value,
            rule,
            range: Some((low, high)),
        })
    }
}

/// A share or probability: in [0, 1].
#[inline(never)]
pub fn check_share(field: &str, value: f64) -> Result<(), ModelError> {
    check_range(field, value, 0.0, 1.0, "must be between 0 and 1")
}

/// A non-negative finite amount (tokens, dollars, hours).
#[inline(never)]
pub fn check_non_negative(field: &str, value: f64) -> Result<(), ModelError> {
    check_range(field, value, 0.0, 1e15, "must be a finite number ≥ 0")
}

/// A strictly positive finite amount (throughputs, chunk sizes).
#[inline(never)]
pub fn check_positive(field: &str, value: f64) -> Result<(), ModelError> {
    if value > 0.0 && value <= 1e15 {
        Ok(())
    } else {
        Err(ModelError::OutOfRange {
            field: field.to_owned(),
            value,
            rule: "must be a finite number > 0",
            range: Some((f64::MIN_POSITIVE, 1e15)),
        })
    }
}

/// A text field of at most `max` characters; the error quotes it cut short.
#[inline(never)]
pub fn check_text(field: &str, text: &str, max: usize) -> Result<(), ModelError> {
    if text.chars().count() <= max {
        Ok(())
    } else {
        Err(ModelError::Invalid {
            field: field.to_owned(),
            message: format!(
                "\"{}\" is {} characters long: at most {max}",
                shortened(text),
                text.chars().count()
            ),
        })
    }
}

/// Why text is not JSON, in words a person can act on (serde's own says
/// "expected ident at line 1 column 2").
pub fn json_error_in_words(e: &serde_json::Error) -> String {
    use serde_json::error::Category;
    match e.classify() {
        Category::Syntax => format!(
            "the file is not JSON: its text stops following JSON's rules at line {}, character {}",
            e.line(),
            e.column()
        ),
        Category::Eof if e.line() == 1 && e.column() == 0 => "the file is empty".into(),
        Category::Eof => format!(
            "the file ends in the middle of its JSON, at line {}: it was cut short",
            e.line()
        ),
        Category::Io | Category::Data => e.to_string(),
    }
}

/// serde's refusal of a value, after its path, in words a person uses
/// (issue 16: an import said "invalid type: floating point `1.5`, expected
/// u32"): `horizon_months: found 1.5, but it must be a whole number (0 or
/// more)`. Its other messages read as words already ("unknown field
/// \"x\", expected one of \"a\", \"b\""); their code quotes become quotes.
/// (A table, not a branch a case: the page carries this.)
pub fn in_words(message: &str) -> String {
    for head in ["invalid type: ", "invalid value: "] {
        if let Some(i) = message.find(head)
            && let Some((found, expected)) = message[i + head.len()..].split_once(", expected ")
        {
            return format!(
                "{}found {}, but it must be {}",
                &message[..i],
                said(found, true),
                said(expected, false)
            );
        }
    }
    message.replace('`', "\"")
}

/// serde's name for what it `found` ("floating point `1.5`", "map") or
/// expected ("u32", "struct Scenario"), as a person says it.
fn said(serde: &str, found: bool) -> String {
    // The scenario's and catalog's fields are of these types only.
    const WORDS: [(&str, &str); 11] = [
        ("u32", "a whole number (0 or more)"),
        ("u64", "a whole number (0 or more)"),
        ("usize", "a whole number (0 or more)"),
        ("f64", "a number"),
        ("a sequence", "a list"),
        ("sequence", "a list"),
        ("a map", "an object"),
        ("map", "an object"),
        ("a boolean", "true or false"),
        ("a string", "text"),
        ("unit value", "null"),
    ];
    // A found value is quoted: "integer `-5`", "string \"abc\"".
    let bare = match (serde.find('`'), serde.rfind('`')) {
        (Some(a), Some(b)) if found && b > a => &serde[a + 1..b],
        _ => serde.strip_prefix("string ").unwrap_or(serde),
    };
    if bare.starts_with("struct ") {
        return "an object".into();
    }
    WORDS
        .iter()
        .find(|w| w.0 == bare)
        .map_or_else(|| bare.replace('`', ""), |w| w.1.to_owned())
}

/// A number as a message shows it: plainly, or in scientific notation when
/// very large or very small (1e308, not a 309-digit decimal).
pub fn number(v: f64) -> String {
    if v != 0.0 && v.is_finite() && !(1e-6..1e15).contains(&v.abs()) {
        format!("{v:e}")
    } else {
        format!("{v}")
    }
}

/// A value echoed in a message: its first 60 characters and an ellipsis.
pub fn shortened(text: &str) -> String {
    if text.chars().count() <= 60 {
        text.to_owned()
    } else {
        text.chars().take(60).collect::<String>() + "…"
    }
}

/// A field's physical range, declared once next to the field: validation
/// checks it, and an uncertain input's draws are clamped to it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bound {
    pub low: f64,
    pub high: f64,
    /// The rule as the user reads it.
    pub rule: &'static str,
    /// 0 is allowed too, below `low` (0 switches the quantity off).
    pub zero: bool,
}

impl Bound {
    pub const fn new(low: f64, high: f64, rule: &'static str) -> Bound {
        Bound {
            low,
            high,
            rule,
            zero: false,
        }
    }

    /// The same range, or exactly 0.
    pub const fn or_zero(self) -> Bound {
        Bound { zero: true, ..self }
    }

    /// A share or probability.
    pub const SHARE: Bound = Bound::new(0.0, 1.0, "must be between 0 and 1");
    /// A non-negative finite amount (tokens, dollars, hours).
    pub const NON_NEGATIVE: Bound = Bound::new(0.0, 1e15, "must be a finite number ≥ 0");
    /// A strictly positive finite amount.
    pub const POSITIVE: Bound = Bound::new(f64::MIN_POSITIVE, 1e15, "must be a finite number > 0");

    /// Checks one number against the bound.
    #[inline(never)]
    pub fn check(&self, field: &str, value: f64) -> Result<(), ModelError> {
        if self.zero && value == 0.0 {
            return Ok(());
        }
        check_range(field, value, self.low, self.high, self.rule)
    }

    /// Checks an uncertain input's distribution against the bound.
    #[inline(never)]
    pub fn check_dist(&self, field: &str, d: &crate::Dist) -> Result<(), ModelError> {
        d.validate(field, self.low, self.high)
    }
}
