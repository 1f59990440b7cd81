//! Reads a usage log in pieces (a worker feeds it a file's slices; the CLI a
//! file's buffers): CSV with a header row, or JSON Lines. Each row's cells
//! are recognised by [`Mapping`]; a row that cannot be read is counted and
//! quoted with its line, never fatal.

use std::collections::HashMap;

use serde_json::Value;

use super::columns::{Field, Mapping, normalised};
use super::log::{Log, MAX_TOKENS, NONE, Request};
use super::time;

/// Streams a log into [`Log`]: `feed` bytes in any slicing, then `finish`.
pub struct LogReader {
    mapping: Mapping,
    /// What each JSON path was recognised as (a JSON log repeats its paths
    /// on every line, and recognising one normalises each segment).
    recognised: HashMap<String, Option<(Field, usize)>>,
    format: Format,
    /// Bytes of a line not yet complete (JSON Lines, or CSV before its header).
    pending: Vec<u8>,
    line: u64,
    log: Log,
    /// How the file's bytes are encoded, told from its first bytes.
    encoding: Encoding,
}

/// A log's text encoding. UTF-16 (with a byte-order mark, or ASCII with a
/// zero byte every other byte) is turned into UTF-8 as it is fed.
enum Encoding {
    /// Fewer than four bytes seen: they wait in `pending`.
    Unknown,
    Utf8,
    /// UTF-16, big-endian or not; the bytes of a code unit or surrogate pair
    /// cut by the end of a piece.
    Utf16 {
        big_endian: bool,
        carry: Vec<u8>,
    },
}

/// A CSV record over this many lines is noted as a possible unclosed quote.
pub const LONG_RECORD_LINES: u64 = 100;

enum Format {
    /// Nothing but white space seen yet.
    Unknown,
    JsonLines,
    Csv(Box<Csv>),
    /// Not a format this reads; the reason.
    Refused(String),
}

struct Csv {
    reader: csv_core::Reader,
    /// The best column of each field (index into the header), by rank.
    columns: Vec<Option<(usize, usize)>>,
    header: Option<Vec<String>>,
    out: Vec<u8>,
    ends: Vec<usize>,
    out_len: usize,
    ends_len: usize,
    record_line: u64,
    /// The last record ended at a carriage return whose line feed
    /// `csv_core` has not consumed (nor counted) yet.
    after_cr: bool,
    /// Where the fields the columns lack sit inside JSON cells, learnt from
    /// the first row that has any (walking every row's JSON by name was
    /// seven times the reading time).
    json_paths: Option<Vec<JsonPath>>,
}

/// A field found inside a JSON cell: its column, its JSON pointer, and its
/// dotted name for the report.
struct JsonPath {
    column: usize,
    pointer: String,
    field: Field,
    rank: usize,
    name: String,
}

/// A cell's value as the file wrote it.
#[derive(Clone, Copy)]
enum Cell<'a> {
    Text(&'a str),
    Number(f64),
}

/// One row's cells by field: the best-ranked column for each, and its name.
#[derive(Default)]
struct Row<'a> {
    cells: [Option<(usize, Cell<'a>, String)>; Field::ALL.len()],
}

impl<'a> Row<'a> {
    fn offer(&mut self, field: Field, rank: usize, cell: Cell<'a>, column: &str) {
        let slot = &mut self.cells[field as usize];
        if slot.as_ref().is_none_or(|(r, _, _)| rank < *r) {
            *slot = Some((rank, cell, column.to_owned()));
        }
    }

    fn get(&self, field: Field) -> Option<Cell<'a>> {
        self.cells[field as usize].as_ref().map(|(_, c, _)| *c)
    }

    fn column(&self, field: Field) -> Option<&str> {
        self.cells[field as usize]
            .as_ref()
            .map(|(_, _, c)| c.as_str())
    }
}

/// The longest row (a CSV record, a JSON line) read: a file without line
/// breaks would otherwise be held whole, at many times its size.
pub const MAX_ROW_BYTES: usize = 32 << 20;
/// How much of a file's start tells its format.
const MAX_HEADER_BYTES: usize = 1 << 20;

fn too_long(line: u64) -> String {
    format!(
        "line {line} runs past 32 MB without a line break: a log holds one request a line (CSV or JSON Lines)"
    )
}

impl LogReader {
    pub fn new(mapping: Mapping) -> LogReader {
        LogReader {
            mapping,
            recognised: HashMap::new(),
            format: Format::Unknown,
            pending: Vec::new(),
            line: 0,
            log: Log::default(),
            encoding: Encoding::Unknown,
        }
    }

    /// Reads the next bytes of the file.
    pub fn feed(&mut self, bytes: &[u8]) {
        match &mut self.encoding {
            Encoding::Utf8 => self.feed_utf8(bytes),
            Encoding::Utf16 { big_endian, carry } => {
                let text = utf16_to_utf8(*big_endian, carry, bytes);
                self.feed_utf8(&text);
            }
            Encoding::Unknown => {
                self.pending.extend_from_slice(bytes);
                if self.pending.len() >= 4 {
                    self.tell_encoding();
                }
            }
        }
    }

    /// Tells UTF-16 from UTF-8 by the first bytes in `pending`, then reads them.
    fn tell_encoding(&mut self) {
        let head = std::mem::take(&mut self.pending);
        let ascii = |b: u8| b != 0 && b.is_ascii();
        let (encoding, skip) = match head.as_slice() {
            [0xFF, 0xFE, ..] => (Some(false), 2),
            [0xFE, 0xFF, ..] => (Some(true), 2),
            [a, 0, b, 0, ..] if ascii(*a) && ascii(*b) => (Some(false), 0),
            [0, a, 0, b, ..] if ascii(*a) && ascii(*b) => (Some(true), 0),
            _ => (None, 0),
        };
        self.encoding = match encoding {
            Some(big_endian) => {
                self.log.utf16 = true;
                Encoding::Utf16 {
                    big_endian,
                    carry: Vec::new(),
                }
            }
            None => Encoding::Utf8,
        };
        self.feed(&head[skip..]);
    }

    fn feed_utf8(&mut self, bytes: &[u8]) {
        if let Format::Unknown = self.format {
            self.pending.extend_from_slice(bytes);
            // The format is told from a bounded start: a file whose first
            // megabyte holds no line break is judged on that megabyte.
            self.decide(self.pending.len() > MAX_HEADER_BYTES);
            return;
        }
        self.read(bytes, false);
    }

    /// Whether the file is refused: nothing more it holds can change that
    /// (a reader of a stream such as `/dev/zero` stops feeding).
    pub fn refused(&self) -> bool {
        matches!(self.format, Format::Refused(_))
    }

    /// The log, or why nothing in it could be read.
    pub fn finish(mut self) -> Result<Log, String> {
        if let Encoding::Unknown = self.encoding {
            self.tell_encoding();
        }
        if let Encoding::Utf16 { carry, .. } = &self.encoding
            && !carry.is_empty()
        {
            // A cut code unit at the very end: a broken character.
            self.feed_utf8("\u{FFFD}".as_bytes());
        }
        if let Format::Unknown = self.format {
            self.decide(true);
        }
        self.read(&[], true);
        match self.format {
            Format::Refused(reason) => Err(reason),
            Format::Unknown => Err("the file is empty".into()),
            _ if self.log.requests.is_empty() => Err(nothing_read(&self.log)),
            _ => Ok(self.log),
        }
    }

    /// Requests read so far (for progress).
    pub fn requests(&self) -> usize {
        self.log.requests.len()
    }

    /// Picks the format from the first character, and a CSV's delimiter from
    /// its header line, once enough bytes are in.
    fn decide(&mut self, at_end: bool) {
        let text = self
            .pending
            .strip_prefix(b"\xEF\xBB\xBF")
            .unwrap_or(&self.pending);
        let Some(start) = text.iter().position(|b| !b.is_ascii_whitespace()) else {
            return;
        };
        let first = text[start];
        // The header's end: the first line break after its first character.
        let header_end = text[start..]
            .iter()
            .position(|&b| b == b'\n')
            .map(|e| start + e);
        self.format = match first {
            b'{' => Format::JsonLines,
            b'[' => Format::Refused(
                "the file is one JSON array: burnrate reads JSON Lines (one request object per line) or CSV".into(),
            ),
            _ if header_end.is_none() && !at_end => return,
            // Text files only: a zero byte or broken UTF-8 in the first line
            // is a binary file (a spreadsheet, an archive).
            _ if text[start..header_end.unwrap_or(text.len())].contains(&0)
                || std::str::from_utf8(&text[start..header_end.unwrap_or(text.len())]).is_err() =>
            {
                Format::Refused(
                    "the file is not text: burnrate reads CSV or JSON Lines (export the log as one of them)".into(),
                )
            }
            _ => {
                let header = &text[start..header_end.unwrap_or(text.len())];
                let count = |d: u8| header.iter().filter(|&&b| b == d).count();
                let delimiter = [b',', b'\t', b';']
                    .into_iter()
                    .max_by_key(|&d| (count(d), d == b','))
                    .unwrap_or(b',');
                Format::Csv(Box::new(Csv {
                    reader: csv_core::ReaderBuilder::new().delimiter(delimiter).build(),
                    columns: vec![None; Field::ALL.len()],
                    header: None,
                    out: vec![0; 4096],
                    ends: vec![0; 64],
                    out_len: 0,
                    ends_len: 0,
                    record_line: 1,
                    after_cr: false,
                    json_paths: None,
                }))
            }
        };
        let bytes = std::mem::take(&mut self.pending);
        let skip = if bytes.starts_with(b"\xEF\xBB\xBF") {
            3
        } else {
            0
        };
        self.read(&bytes[skip..], at_end);
    }

    fn read(&mut self, bytes: &[u8], at_end: bool) {
        match &mut self.format {
            Format::JsonLines => self.read_lines(bytes, at_end),
            Format::Csv(_) => self.read_csv(bytes, at_end),
            Format::Unknown | Format::Refused(_) => {}
        }
    }

    fn read_lines(&mut self, bytes: &[u8], at_end: bool) {
        let mut rest = bytes;
        while let Some(end) = rest.iter().position(|&b| b == b'\n') {
            self.line += 1;
            if self.pending.is_empty() {
                self.json_line(&rest[..end]);
            } else {
                let mut line = std::mem::take(&mut self.pending);
                line.extend_from_slice(&rest[..end]);
                self.json_line(&line);
            }
            rest = &rest[end + 1..];
        }
        self.pending.extend_from_slice(rest);
        if self.pending.len() > MAX_ROW_BYTES {
            self.pending = Vec::new();
            self.format = Format::Refused(too_long(self.line + 1));
            return;
        }
        if at_end && !self.pending.is_empty() {
            self.line += 1;
            let line = std::mem::take(&mut self.pending);
            self.json_line(&line);
        }
    }

    fn json_line(&mut self, line: &[u8]) {
        if line.iter().all(u8::is_ascii_whitespace) {
            return;
        }
        self.log.rows += 1;
        let value: Value = match serde_json::from_slice(line) {
            Ok(v @ Value::Object(_)) => v,
            Ok(_) => return self.log.bad(self.line, "not a JSON object".into()),
            Err(e) => {
                return self
                    .log
                    .bad(self.line, crate::error::json_error_in_words(&e));
            }
        };
        if let Some(spans) = otlp_spans(&value) {
            // An OpenTelemetry collector's file: one export a line, its
            // spans the rows.
            self.log.rows = (self.log.rows + spans.len() as u64).saturating_sub(1);
            for span in &spans {
                let mut row = Row::default();
                let mut known = Known {
                    mapping: &self.mapping,
                    seen: &mut self.recognised,
                };
                walk(&mut known, span, &mut String::new(), &mut row);
                push(&mut self.log, self.line, &row);
            }
            return;
        }
        let mut row = Row::default();
        let mut path = String::new();
        let mut known = Known {
            mapping: &self.mapping,
            seen: &mut self.recognised,
        };
        walk(&mut known, &value, &mut path, &mut row);
        push(&mut self.log, self.line, &row);
    }

    /// Reads CSV records; empty input means the end of the file to
    /// `csv_core`, so it is passed only `at_end`.
    fn read_csv(&mut self, bytes: &[u8], at_end: bool) {
        let LogReader {
            mapping,
            format,
            log,
            ..
        } = self;
        let Format::Csv(csv) = format else {
            return;
        };
        if bytes.is_empty() && !at_end {
            return;
        }
        let mut input = bytes;
        let refused = loop {
            if csv.out_len == 0 && csv.ends_len == 0 {
                csv.record_line = csv.reader.line() + u64::from(csv.after_cr);
            }
            let (result, read, written, ended) = csv.reader.read_record(
                input,
                &mut csv.out[csv.out_len..],
                &mut csv.ends[csv.ends_len..],
            );
            if read > 0 {
                csv.after_cr = input[read - 1] == b'\r';
            }
            input = &input[read..];
            csv.out_len += written;
            csv.ends_len += ended;
            match result {
                csv_core::ReadRecordResult::InputEmpty if at_end => {}
                csv_core::ReadRecordResult::InputEmpty | csv_core::ReadRecordResult::End => {
                    return;
                }
                csv_core::ReadRecordResult::OutputFull => {
                    if csv.out.len() >= MAX_ROW_BYTES {
                        break Some(too_long(csv.record_line));
                    }
                    let n = csv.out.len() * 2;
                    csv.out.resize(n, 0);
                }
                csv_core::ReadRecordResult::OutputEndsFull => {
                    if csv.ends.len() >= MAX_ROW_BYTES / 64 {
                        break Some(too_long(csv.record_line));
                    }
                    let n = csv.ends.len() * 2;
                    csv.ends.resize(n, 0);
                }
                csv_core::ReadRecordResult::Record => {
                    let lines = csv.reader.line().saturating_sub(csv.record_line);
                    if lines > LONG_RECORD_LINES {
                        log.long_records += 1;
                        log.first_long_record
                            .get_or_insert((csv.record_line, lines));
                    }
                    let (out, ends) = (&csv.out[..csv.out_len], &csv.ends[..csv.ends_len]);
                    let fields: Vec<&[u8]> = ends
                        .iter()
                        .scan(0, |start, &end| {
                            let f = &out[*start..end];
                            *start = end;
                            Some(f)
                        })
                        .collect();
                    let refused = csv_record(
                        mapping,
                        &mut csv.columns,
                        &mut csv.header,
                        &mut csv.json_paths,
                        log,
                        csv.record_line,
                        &fields,
                    );
                    if refused.is_some() {
                        break refused;
                    }
                    csv.out_len = 0;
                    csv.ends_len = 0;
                }
            }
        };
        if let Some(reason) = refused {
            *format = Format::Refused(reason);
        }
    }
}

/// UTF-16 code units as UTF-8, broken ones as U+FFFD; a code unit or a
/// surrogate pair cut by the piece's end waits in `carry` for the next.
fn utf16_to_utf8(big_endian: bool, carry: &mut Vec<u8>, bytes: &[u8]) -> Vec<u8> {
    let mut all = std::mem::take(carry);
    all.extend_from_slice(bytes);
    let whole = all.len() / 2 * 2;
    let mut units: Vec<u16> = all[..whole]
        .chunks_exact(2)
        .map(|b| {
            let pair = [b[0], b[1]];
            if big_endian {
                u16::from_be_bytes(pair)
            } else {
                u16::from_le_bytes(pair)
            }
        })
        .collect();
    let mut keep = whole;
    if units.last().is_some_and(|u| (0xD800..0xDC00).contains(u)) {
        // A high surrogate whose low half is in the next piece.
        units.pop();
        keep -= 2;
    }
    carry.extend_from_slice(&all[keep..]);
    let text: String = char::decode_utf16(units)
        .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
        .collect();
    text.into_bytes()
}

/// One CSV record: the header (which may refuse the file), or a row.
fn csv_record(
    mapping: &Mapping,
    columns: &mut [Option<(usize, usize)>],
    header: &mut Option<Vec<String>>,
    json_paths: &mut Option<Vec<JsonPath>>,
    log: &mut Log,
    line: u64,
    fields: &[&[u8]],
) -> Option<String> {
    let Some(names) = header else {
        let names: Vec<String> = fields
            .iter()
            .map(|f| String::from_utf8_lossy(f).trim().to_owned())
            .collect();
        for (i, name) in names.iter().enumerate() {
            if let Some((field, rank)) = mapping.recognise(name) {
                let slot = &mut columns[field as usize];
                if slot.is_none_or(|(_, r)| rank < r) {
                    *slot = Some((i, rank));
                }
            }
        }
        let missing: Vec<&str> = [Field::Timestamp, Field::InputTokens, Field::OutputTokens]
            .into_iter()
            .filter(|f| columns[*f as usize].is_none())
            .map(Field::key)
            .collect();
        if !missing.is_empty() {
            return Some(format!(
                "no column for {} among the file's columns ({}): name it with a mapping, e.g. {}=YOUR_COLUMN",
                missing.join(", "),
                crate::error::shortened(&names.join(", ")),
                missing[0],
            ));
        }
        *header = Some(names);
        return None;
    };
    if fields.len() == 1 && fields[0].iter().all(u8::is_ascii_whitespace) {
        return None;
    }
    log.rows += 1;
    // LiteLLM's spend log keeps the usage it has no column for (cache reads
    // and writes) as JSON in its `metadata` cell.
    // Once the first row showed its JSON holds nothing of use, none is parsed.
    let wanted = json_paths.as_ref().is_none_or(|p| !p.is_empty());
    let json_cells: Vec<(usize, Value)> = names
        .iter()
        .filter(|_| wanted)
        .enumerate()
        .filter(|(_, n)| JSON_COLUMNS.contains(&normalised(n).as_str()))
        .filter_map(|(i, _)| {
            let cell = fields.get(i)?;
            let start = cell.iter().position(|b| !b.is_ascii_whitespace())?;
            if cell[start] != b'{' || cell.len() > MAX_JSON_CELL {
                return None;
            }
            match serde_json::from_slice(cell) {
                Ok(v @ Value::Object(_)) => Some((i, v)),
                _ => None,
            }
        })
        .collect();
    let mut row = Row::default();
    for (field, slot) in Field::ALL.into_iter().zip(columns.iter()) {
        let Some((i, rank)) = *slot else { continue };
        let Some(bytes) = fields.get(i) else { continue };
        let Ok(text) = std::str::from_utf8(bytes) else {
            log.bad(line, format!("{} is not UTF-8 text", names[i]));
            return None;
        };
        let text = text.trim();
        if !text.is_empty() && !text.eq_ignore_ascii_case("null") {
            row.offer(field, rank, Cell::Text(text), &names[i]);
        }
    }
    // What the JSON holds fills only fields the columns leave empty.
    if !json_cells.is_empty() {
        let paths = json_paths.get_or_insert_with(|| {
            let mut found = Vec::new();
            for (i, value) in &json_cells {
                discover(
                    mapping,
                    value,
                    *i,
                    &names[*i],
                    &mut String::new(),
                    &mut found,
                );
            }
            found.retain(|p| columns[p.field as usize].is_none());
            found
        });
        for p in paths.iter() {
            let Some((_, value)) = json_cells.iter().find(|(i, _)| *i == p.column) else {
                continue;
            };
            let cell = match value.pointer(&p.pointer) {
                Some(Value::Number(n)) => n.as_f64().map(Cell::Number),
                Some(Value::String(t)) if !t.trim().is_empty() => Some(Cell::Text(t.trim())),
                _ => None,
            };
            if let Some(cell) = cell {
                row.offer(p.field, p.rank, cell, &p.name);
            }
        }
    }
    push(log, line, &row);
    None
}

/// Every leaf of a JSON cell the mapping recognises, by its dotted name
/// (`metadata.usage_object.prompt_tokens_details.cached_tokens`), as a JSON
/// pointer into the cell.
fn discover(
    mapping: &Mapping,
    value: &Value,
    column: usize,
    name: &str,
    pointer: &mut String,
    found: &mut Vec<JsonPath>,
) {
    match value {
        Value::Object(map) => {
            for (key, v) in map {
                let len = pointer.len();
                pointer.push('/');
                pointer.push_str(&key.replace('~', "~0").replace('/', "~1"));
                discover(mapping, v, column, &format!("{name}.{key}"), pointer, found);
                pointer.truncate(len);
            }
        }
        Value::Number(_) | Value::String(_) => {
            if let Some((field, rank)) = mapping.recognise(name)
                && found.iter().all(|p| p.field != field || rank < p.rank)
            {
                found.retain(|p| p.field != field);
                found.push(JsonPath {
                    column,
                    pointer: pointer.clone(),
                    field,
                    rank,
                    name: name.to_owned(),
                });
            }
        }
        _ => {}
    }
}

/// Columns whose cells are JSON objects to read inside (LiteLLM's spend
/// log's `metadata`, which holds `usage_object` and
/// `additional_usage_values`), normalised.
const JSON_COLUMNS: [&str; 1] = ["metadata"];
/// Longest JSON cell read (a bound on memory and time a row).
const MAX_JSON_CELL: usize = 1 << 16;

/// The spans of an OTLP/JSON export (an OpenTelemetry collector's file
/// exporter writes one `{"resourceSpans": [...]}` a line), each as the
/// OpenTelemetry SDK's own JSON writes a span: its fields, and its
/// attributes as an object of `key: value` rather than OTLP's list of
/// `{"key", "value": {"intValue": "12"}}` (64-bit integers are strings in
/// OTLP/JSON). None: not an OTLP export.
fn otlp_spans(value: &Value) -> Option<Vec<Value>> {
    let resources = value.get("resourceSpans")?.as_array()?;
    let mut out = Vec::new();
    for scope in resources
        .iter()
        .filter_map(|r| r.get("scopeSpans")?.as_array())
        .flatten()
    {
        for span in scope
            .get("spans")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_object)
        {
            let mut row = span.clone();
            if let Some(list) = span.get("attributes").and_then(Value::as_array) {
                let mut attributes = serde_json::Map::new();
                for a in list {
                    let (Some(key), Some(v)) =
                        (a.get("key").and_then(Value::as_str), a.get("value"))
                    else {
                        continue;
                    };
                    let v = if let Some(i) = v.get("intValue") {
                        match i {
                            Value::String(t) => t.parse::<i64>().map_or(Value::Null, Value::from),
                            other => other.clone(),
                        }
                    } else {
                        ["doubleValue", "stringValue", "boolValue"]
                            .iter()
                            .find_map(|k| v.get(*k).cloned())
                            .unwrap_or(Value::Null)
                    };
                    attributes.insert(key.to_owned(), v);
                }
                row.insert("attributes".into(), Value::Object(attributes));
            }
            out.push(Value::Object(row));
        }
    }
    Some(out)
}

/// [`Mapping::recognise`], remembered by path (at most [`KNOWN_PATHS`]: a
/// log whose keys are ids would otherwise grow it without end).
struct Known<'m> {
    mapping: &'m Mapping,
    seen: &'m mut HashMap<String, Option<(Field, usize)>>,
}

const KNOWN_PATHS: usize = 4_096;

impl Known<'_> {
    fn recognise(&mut self, path: &str) -> Option<(Field, usize)> {
        if let Some(r) = self.seen.get(path) {
            return *r;
        }
        let r = self.mapping.recognise(path);
        if self.seen.len() < KNOWN_PATHS {
            self.seen.insert(path.to_owned(), r);
        }
        r
    }
}

/// Offers every leaf of a JSON value to the row, by its dotted path.
fn walk<'a>(known: &mut Known, value: &'a Value, path: &mut String, row: &mut Row<'a>) {
    match value {
        Value::Object(map) => {
            for (key, v) in map {
                let len = path.len();
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(key);
                walk(known, v, path, row);
                path.truncate(len);
            }
        }
        Value::Number(n) => {
            if let (Some((field, rank)), Some(v)) = (known.recognise(path), n.as_f64()) {
                row.offer(field, rank, Cell::Number(v), path);
            }
        }
        Value::String(s) if !s.trim().is_empty() => {
            if let Some((field, rank)) = known.recognise(path) {
                row.offer(field, rank, Cell::Text(s.trim()), path);
            }
        }
        _ => {}
    }
}

/// A status that says the request failed: an HTTP code from 400, or a word
/// such as "failure" or "error".
fn failed(cell: Cell) -> bool {
    match cell {
        Cell::Number(code) => code >= 400.0,
        Cell::Text(t) => match t.parse::<f64>() {
            Ok(code) => code >= 400.0,
            Err(_) => {
                let t = normalised(t);
                t.starts_with("fail")
                    || t.starts_with("error")
                    || ["cancelled", "canceled", "timeout", "timedout"].contains(&t.as_str())
            }
        },
    }
}

/// A token count, or why the cell is not one.
fn tokens(row: &Row, field: Field, what: &str) -> Result<Option<u32>, String> {
    let Some(cell) = row.get(field) else {
        return Ok(None);
    };
    let value = match cell {
        Cell::Number(v) => v,
        Cell::Text(t) => t.parse::<f64>().unwrap_or(f64::NAN),
    };
    if value.is_finite() && (0.0..=MAX_TOKENS).contains(&value) {
        Ok(Some(value.round() as u32))
    } else {
        let shown = match cell {
            Cell::Number(v) => v.to_string(),
            Cell::Text(t) => format!("\"{}\"", crate::error::shortened(t)),
        };
        Err(format!(
            "{what} {shown} ({}) is not a count from 0 to 10,000,000",
            row.column(field).unwrap_or_default()
        ))
    }
}

fn text(cell: Option<Cell>) -> String {
    match cell {
        Some(Cell::Text(t)) => t.to_owned(),
        Some(Cell::Number(v)) => v.to_string(),
        None => String::new(),
    }
}

/// Adds the row's request to the log, or counts it as bad.
fn push(log: &mut Log, line: u64, row: &Row) {
    match request(log, row) {
        Ok(r) => {
            for field in Field::ALL {
                if let Some(column) = row.column(field) {
                    log.column(field, column);
                }
            }
            log.requests.push(r);
        }
        Err(reason) => log.bad(line, reason),
    }
}

fn request(log: &mut Log, row: &Row) -> Result<Request, String> {
    let at_ms = match row.get(Field::Timestamp) {
        None => return Err("no request time".into()),
        Some(Cell::Number(v)) => time::unix(v),
        Some(Cell::Text(t)) => time::parse(t),
    }
    .ok_or_else(|| {
        format!(
            "the request time \"{}\" ({}) is not an ISO 8601 date-time or a Unix time",
            crate::error::shortened(&text(row.get(Field::Timestamp))),
            row.column(Field::Timestamp).unwrap_or_default()
        )
    })?;
    let failed = row.get(Field::Status).is_some_and(failed);
    let input = tokens(row, Field::InputTokens, "input tokens")?;
    let output = tokens(row, Field::OutputTokens, "output tokens")?;
    let (input, output) = match (input, output) {
        (Some(i), Some(o)) => (i, o),
        // A failed request may report no usage: it sent and billed nothing.
        _ if failed => (input.unwrap_or(0), output.unwrap_or(0)),
        (None, _) => return Err("no input tokens".into()),
        (Some(_), None) => return Err("no output tokens".into()),
    };
    // Gemini's thoughts are billed as output and counted apart from it.
    let output = output
        .saturating_add(tokens(row, Field::ReasoningTokens, "reasoning tokens")?.unwrap_or(0));
    let cached = tokens(row, Field::CachedTokens, "cached tokens")?;
    let read = tokens(row, Field::CacheReadTokens, "cache-read tokens")?;
    let write = tokens(row, Field::CacheWriteTokens, "cache-write tokens")?.unwrap_or(0);
    // Anthropic's `input_tokens` leaves out cache reads and writes, which it
    // reports beside; OpenAI's `prompt_tokens` and `input_tokens` (with
    // `cached_tokens` under their details), LiteLLM's and OpenTelemetry's
    // `gen_ai.usage.input_tokens` include them.
    let apart = cached.is_none()
        && (read.is_some() || write > 0)
        && row.column(Field::InputTokens).is_some_and(|c| {
            normalised(c.rsplit('.').next().unwrap_or(c)) == "inputtokens"
                && !c.split('.').any(|s| normalised(s) == "genai")
        });
    let read = cached.or(read).unwrap_or(0);
    let input = if apart {
        input.saturating_add(read).saturating_add(write)
    } else {
        input
    };
    let read = read.min(input);
    let write = write.min(input - read);
    let id = |log: &mut Log, f: Field, intern: fn(&mut Log, &str) -> u32| match row.get(f) {
        Some(cell) => intern(log, &text(Some(cell))),
        None => NONE,
    };
    Ok(Request {
        at_ms,
        input_tokens: input,
        output_tokens: output,
        cache_read_tokens: read,
        cache_write_tokens: write,
        conversation: id(log, Field::Conversation, Log::conversation_id),
        run: id(log, Field::Run, Log::run_id),
        model: id(log, Field::Model, Log::model_id),
        failed,
    })
}

/// Why a file gave no request: its first bad rows' reasons.
fn nothing_read(log: &Log) -> String {
    if log.rows == 0 {
        return "the file has no rows".into();
    }
    let reasons: Vec<String> = log
        .first_bad_rows
        .iter()
        .map(|b| format!("line {}: {}", b.line, b.reason))
        .collect();
    format!(
        "none of the file's {} rows is a request burnrate can read ({}); a request needs a time, input tokens and output tokens: name other columns with a mapping",
        log.rows,
        reasons.join("; ")
    )
}
