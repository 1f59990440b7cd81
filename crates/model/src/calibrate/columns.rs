//! Which of a log's columns holds what: CSV headers, or paths into a JSON
//! line (`usage.prompt_tokens`, `response.body.created`). The usual names are
//! recognised without configuration (LiteLLM's spend log, OpenAI's
//! chat-completion and Responses usage, Anthropic's usage, Gemini's usage
//! metadata, OpenTelemetry's GenAI span attributes); a [`Mapping`] names any
//! other column. A name of several segments (OpenTelemetry's
//! `gen_ai.usage.cache_read.input_tokens`) is matched whole against the end
//! of a path before any single segment is: its last segment alone
//! (`input_tokens`) names another field.

use serde::{Deserialize, Serialize};

/// What a column can hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    Timestamp,
    InputTokens,
    OutputTokens,
    /// Cached input already counted in the input tokens (OpenAI, Gemini).
    CachedTokens,
    /// Anthropic's cache reads and writes, counted apart from `input_tokens`.
    CacheReadTokens,
    CacheWriteTokens,
    /// Reasoning tokens billed as output but counted apart from it
    /// (Gemini's `thoughtsTokenCount`; OpenAI's and OpenTelemetry's are
    /// inside their output counts, and not read).
    ReasoningTokens,
    Conversation,
    Run,
    Model,
    Status,
}

impl Field {
    pub const ALL: [Field; 11] = [
        Field::Timestamp,
        Field::InputTokens,
        Field::OutputTokens,
        Field::CachedTokens,
        Field::CacheReadTokens,
        Field::CacheWriteTokens,
        Field::ReasoningTokens,
        Field::Conversation,
        Field::Run,
        Field::Model,
        Field::Status,
    ];

    /// The field's name in a mapping and in reports.
    pub fn key(self) -> &'static str {
        match self {
            Field::Timestamp => "timestamp",
            Field::InputTokens => "input_tokens",
            Field::OutputTokens => "output_tokens",
            Field::CachedTokens => "cached_tokens",
            Field::CacheReadTokens => "cache_read_tokens",
            Field::CacheWriteTokens => "cache_write_tokens",
            Field::ReasoningTokens => "reasoning_tokens",
            Field::Conversation => "conversation",
            Field::Run => "run",
            Field::Model => "model",
            Field::Status => "status",
        }
    }

    /// The names it goes by, best first, normalised (see [`normalised`]).
    fn names(self) -> &'static [&'static str] {
        match self {
            // LiteLLM's startTime before its endTime; a request's creation
            // before a generic time.
            // Gemini's createTime; OpenTelemetry's span start (OTLP/JSON's
            // startTimeUnixNano).
            Field::Timestamp => &[
                "starttime",
                "requeststarttime",
                "createdat",
                "created",
                "createtime",
                "starttimeunixnano",
                "timestamp",
                "requesttime",
                "startedat",
                "datetime",
                "time",
                "ts",
                "date",
                "endtime",
            ],
            Field::InputTokens => &[
                "prompttokens",
                "inputtokens",
                "prompttokencount",
                "inputtokencount",
                "tokensin",
            ],
            Field::OutputTokens => &[
                "completiontokens",
                "outputtokens",
                "candidatestokencount",
                "outputtokencount",
                "tokensout",
            ],
            // OpenTelemetry's cache reads are inside its input tokens
            // ("SHOULD be included in gen_ai.usage.input_tokens").
            Field::CachedTokens => &[
                "cacheread.inputtokens",
                "inputtokens.cached",
                "cachedtokens",
                "cachedcontenttokencount",
                "cachedinputtokens",
            ],
            // Anthropic's names, then Bedrock's.
            Field::CacheReadTokens => &[
                "cachereadinputtokens",
                "cachereadtokens",
                "cachereadinputtokencount",
            ],
            Field::CacheWriteTokens => &[
                "cachecreation.inputtokens",
                "cachewrite.inputtokens",
                "inputtokens.cachewrite",
                "cachecreationinputtokens",
                "cachewriteinputtokens",
                "cachewritetokens",
                "cachewriteinputtokencount",
            ],
            Field::ReasoningTokens => &["thoughtstokencount"],
            Field::Conversation => &[
                "sessionid",
                "conversationid",
                "threadid",
                "chatid",
                "litellmsessionid",
            ],
            Field::Run => &["traceid", "runid", "agentrunid", "workflowrunid"],
            Field::Model => &["model", "modelname", "modelid", "modelgroup"],
            Field::Status => &["status", "statuscode", "httpstatus"],
        }
    }
}

/// A segment before a count that makes it a part of another count
/// (OpenTelemetry's `gen_ai.usage.reasoning.output_tokens`).
const QUALIFIERS: [&str; 7] = [
    "reasoning",
    "cacheread",
    "cachecreation",
    "cachewrite",
    "cached",
    "audio",
    "image",
];

/// Lower case without `_`, `-` or spaces: `startTime`, `start_time` and
/// `Start Time` are one name.
pub fn normalised(name: &str) -> String {
    name.chars()
        .filter(|c| !matches!(c, '_' | '-' | ' '))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Column names chosen by the user, one per field (a CSV header, or a JSON
/// path with dots); a field left out is recognised by its usual names.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mapping {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub columns: Vec<(Field, String)>,
}

impl<'de> Deserialize<'de> for Field {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Field, D::Error> {
        let key = String::deserialize(d)?;
        Field::ALL
            .into_iter()
            .find(|f| f.key() == key)
            .ok_or_else(|| serde::de::Error::custom(format!("no field \"{key}\"")))
    }
}

impl Mapping {
    /// Parses `field=column` (the CLI's `--column`).
    pub fn add(&mut self, spec: &str) -> Result<(), String> {
        let keys = Field::ALL.map(Field::key).join(", ");
        let (key, column) = spec
            .split_once('=')
            .ok_or_else(|| format!("\"{spec}\" is not field=column (fields: {keys})"))?;
        let field = Field::ALL
            .into_iter()
            .find(|f| f.key() == key.trim())
            .ok_or_else(|| format!("no field \"{}\" (fields: {keys})", key.trim()))?;
        self.columns.retain(|(f, _)| *f != field);
        self.columns.push((field, column.trim().to_owned()));
        Ok(())
    }

    /// The field `path` holds and its rank (0 best): a mapped column first,
    /// then a name of several segments matching the end of the path, then
    /// the last segment of the path among each field's names. A column the
    /// mapping gives to a field is no other field's.
    pub fn recognise(&self, path: &str) -> Option<(Field, usize)> {
        if let Some((f, _)) = self.columns.iter().find(|(_, c)| c == path) {
            return Some((*f, 0));
        }
        let segments: Vec<String> = path.split('.').map(normalised).collect();
        let ends_with = |name: &str| {
            let parts: Vec<&str> = name.split('.').collect();
            parts.len() <= segments.len()
                && segments[segments.len() - parts.len()..]
                    .iter()
                    .zip(&parts)
                    .all(|(s, p)| s == p)
        };
        let free = |f: &Field| !self.columns.iter().any(|(m, _)| m == f);
        let whole = Field::ALL.into_iter().filter(free).find_map(|f| {
            let rank = f
                .names()
                .iter()
                .position(|n| n.contains('.') && ends_with(n))?;
            Some((f, rank + 1))
        });
        // `reasoning.output_tokens` is a part of the output, not the output.
        let qualified =
            segments.len() >= 2 && QUALIFIERS.contains(&segments[segments.len() - 2].as_str());
        whole.or_else(|| {
            let last = segments.last().filter(|_| !qualified)?;
            Field::ALL.into_iter().filter(free).find_map(|f| {
                let rank = f.names().iter().position(|n| n == last)?;
                Some((f, rank + 1))
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usual_names_are_recognised_in_any_spelling_and_depth() {
        let m = Mapping::default();
        let field = |p: &str| m.recognise(p).map(|(f, _)| f);
        assert_eq!(field("startTime"), Some(Field::Timestamp));
        assert_eq!(field("response.body.created"), Some(Field::Timestamp));
        assert_eq!(field("usage.prompt_tokens"), Some(Field::InputTokens));
        assert_eq!(field("usage.input_tokens"), Some(Field::InputTokens));
        assert_eq!(
            field("usageMetadata.promptTokenCount"),
            Some(Field::InputTokens)
        );
        assert_eq!(field("completion_tokens"), Some(Field::OutputTokens));
        assert_eq!(
            field("usage.prompt_tokens_details.cached_tokens"),
            Some(Field::CachedTokens)
        );
        assert_eq!(
            field("usage.cache_read_input_tokens"),
            Some(Field::CacheReadTokens)
        );
        assert_eq!(field("Session ID"), Some(Field::Conversation));
        assert_eq!(field("total_tokens"), None);
        assert_eq!(
            field("usage.completion_tokens_details.reasoning_tokens"),
            None
        );
        // startTime outranks endTime.
        assert!(m.recognise("startTime").unwrap().1 < m.recognise("endTime").unwrap().1);
        // Issue 28: OpenTelemetry's cache and reasoning attributes end in
        // input_tokens or output_tokens, and are not those.
        assert_eq!(field("gen_ai.usage.input_tokens"), Some(Field::InputTokens));
        assert_eq!(
            field("attributes.gen_ai.usage.cache_read.input_tokens"),
            Some(Field::CachedTokens)
        );
        assert_eq!(
            field("gen_ai.usage.cache_creation.input_tokens"),
            Some(Field::CacheWriteTokens)
        );
        assert_eq!(field("gen_ai.usage.reasoning.output_tokens"), None);
        // Gemini's.
        assert_eq!(field("createTime"), Some(Field::Timestamp));
        assert_eq!(
            field("usageMetadata.thoughtsTokenCount"),
            Some(Field::ReasoningTokens)
        );
    }

    #[test]
    fn a_mapping_names_other_columns_and_takes_the_field_from_usual_names() {
        let mut m = Mapping::default();
        m.add("input_tokens=tok_in").unwrap();
        assert_eq!(m.recognise("tok_in"), Some((Field::InputTokens, 0)));
        assert_eq!(m.recognise("prompt_tokens"), None);
        assert!(m.add("inputs=x").unwrap_err().contains("input_tokens"));
        assert!(m.add("no equals").is_err());
    }
}
