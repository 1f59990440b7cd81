//! Reads a `serde_json::Value` into any type, and names the path of the
//! value it refuses: `architectures[1].design.retrieval.chunks_retrieved:
//! invalid type: floating point \`1.5\`, expected u32`, where serde alone says
//! only "invalid type…".
//!
//! Why our own reader rather than `serde_path_to_error`: that crate wraps
//! every visitor and seed in a generic tracker, and in the WASM page its
//! copies of the scenario's readers weighed 145 KB of code. Here the path is
//! put together while the error travels back up: each map value and array
//! element adds its key or index to the message of an error from inside it.
//! The reader takes the place of serde_json's own `Value` reader, so each
//! type's deserialiser is still compiled once.

use serde::de::{
    self, DeserializeOwned, DeserializeSeed, Error as _, IntoDeserializer, MapAccess, SeqAccess,
    Visitor,
};
use serde_json::{Error, Map, Value};

/// Reads `value` as a `T`; an error starts with the path of the value refused.
pub fn read<T: DeserializeOwned>(value: Value) -> Result<T, Error> {
    // `at` turns serde's "missing field `x`" into "x: missing field".
    T::deserialize(Reader(value)).map_err(|e| inside("", e))
}

/// A `Value` being read (see the module's doc).
struct Reader(Value);

/// The error `e`, from inside the value at `step` (a key, or `[i]`).
fn inside(step: &str, e: Error) -> Error {
    Error::custom(at(step, &e.to_string()))
}

impl<'de> de::Deserializer<'de> for Reader {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.0 {
            Value::Null => visitor.visit_unit(),
            Value::Bool(b) => visitor.visit_bool(b),
            Value::Number(n) => {
                if let Some(u) = n.as_u64() {
                    visitor.visit_u64(u)
                } else if let Some(i) = n.as_i64() {
                    visitor.visit_i64(i)
                } else {
                    visitor.visit_f64(n.as_f64().unwrap_or(f64::NAN))
                }
            }
            Value::String(s) => visitor.visit_string(s),
            Value::Array(items) => {
                let len = items.len();
                let mut seq = Items {
                    items: items.into_iter(),
                    index: 0,
                };
                let out = visitor.visit_seq(&mut seq)?;
                match seq.items.len() {
                    0 => Ok(out),
                    _ => Err(Error::invalid_length(len, &"fewer elements in the array")),
                }
            }
            Value::Object(fields) => visitor.visit_map(Fields::of(fields)),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.0 {
            Value::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    /// Unit variants written as strings (`"fp16"`); the enums with data are
    /// read by `tagged`.
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self.0 {
            Value::String(s) => visitor.visit_enum(s.into_deserializer()),
            other => Err(Error::invalid_type(unexpected(&other), &"a name")),
        }
    }

    /// A struct is an object, never an array: serde's derived readers
    /// also take a struct's fields in order from an array, which burnrate
    /// never writes. Forwarded to `deserialize_any`, that second reader of
    /// every struct was compiled in: 12.4 KB of the page's first load (gzip,
    /// 501,925 -> 489,513 bytes on 2026-12-07).
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self.0 {
            Value::Object(fields) => visitor.visit_map(Fields::of(fields)),
            other => Err(Error::invalid_type(unexpected(&other), &visitor)),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct seq tuple tuple_struct map
        identifier ignored_any
    }
}

/// What a value is, in serde's words, for an "invalid type" message.
fn unexpected(value: &Value) -> de::Unexpected<'_> {
    match value {
        Value::Null => de::Unexpected::Unit,
        Value::Bool(b) => de::Unexpected::Bool(*b),
        Value::Number(n) => de::Unexpected::Float(n.as_f64().unwrap_or(f64::NAN)),
        Value::String(s) => de::Unexpected::Str(s),
        Value::Array(_) => de::Unexpected::Seq,
        Value::Object(_) => de::Unexpected::Map,
    }
}

struct Items {
    items: std::vec::IntoIter<Value>,
    index: usize,
}

impl<'de> SeqAccess<'de> for Items {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        let Some(item) = self.items.next() else {
            return Ok(None);
        };
        let index = self.index;
        self.index += 1;
        seed.deserialize(Reader(item))
            .map(Some)
            .map_err(|e| inside(&format!("[{index}]"), e))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

struct Fields {
    fields: <Map<String, Value> as IntoIterator>::IntoIter,
    value: Option<(String, Value)>,
}

impl Fields {
    fn of(fields: Map<String, Value>) -> Fields {
        Fields {
            fields: fields.into_iter(),
            value: None,
        }
    }
}

impl<'de> MapAccess<'de> for Fields {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        let Some((key, value)) = self.fields.next() else {
            return Ok(None);
        };
        // An unknown field is refused at its key: the path names it.
        let out = seed
            .deserialize(key.as_str().into_deserializer())
            .map_err(|e| inside(&key, e))?;
        self.value = Some((key, value));
        Ok(Some(out))
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        let (key, value) = self
            .value
            .take()
            .ok_or_else(|| Error::custom("a value was read before its key"))?;
        seed.deserialize(Reader(value)).map_err(|e| inside(&key, e))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.fields.len())
    }
}

/// `path: message`, merging the sub-path a message may start with (a tagged
/// enum's field reports `low: invalid type…`), so `a.b` and `low: …` give
/// `a.b.low: …`. serde's own messages start with words ("invalid type: …"),
/// never with a path, so they are left whole.
pub(crate) fn at(path: &str, message: &str) -> String {
    let path = if path == "." { "" } else { path };
    // serde's "missing field `x`" names a field the path does not reach.
    if let Some(field) = message
        .strip_prefix("missing field `")
        .and_then(|m| m.strip_suffix('`'))
    {
        return at(path, &format!("{field}: missing field"));
    }
    let (sub, rest) = match message.split_once(": ") {
        Some((sub, rest)) if !sub.is_empty() && !sub.contains([' ', '`', '"']) => (sub, rest),
        _ => ("", message),
    };
    match (path, sub) {
        ("", "") => rest.to_owned(),
        (p, "") | ("", p) => format!("{p}: {rest}"),
        (p, s) if s.starts_with('[') => format!("{p}{s}: {rest}"),
        (p, s) => format!("{p}.{s}: {rest}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(deny_unknown_fields)]
    struct Inner {
        n: u32,
        #[serde(default)]
        maybe: Option<f64>,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    struct Outer {
        items: Vec<Inner>,
        name: String,
    }

    fn refusal(v: Value) -> String {
        read::<Outer>(v).unwrap_err().to_string()
    }

    #[test]
    fn reads_what_serde_json_reads() {
        let v = serde_json::json!({"items": [{"n": 3}, {"n": 4, "maybe": 1.5}], "name": "x"});
        assert_eq!(
            read::<Outer>(v.clone()).unwrap(),
            serde_json::from_value::<Outer>(v).unwrap()
        );
    }

    #[test]
    fn a_refusal_names_the_path_of_the_value() {
        let v = serde_json::json!({"items": [{"n": 3}, {"n": 1.5}], "name": "x"});
        assert_eq!(
            refusal(v),
            "items[1].n: invalid type: floating point `1.5`, expected u32"
        );
        let v = serde_json::json!({"items": [{"n": 3}, {}], "name": "x"});
        assert_eq!(refusal(v), "items[1].n: missing field");
        let v = serde_json::json!({"items": [{"n": 3, "m": 1}], "name": "x"});
        assert_eq!(
            refusal(v),
            "items[0].m: unknown field `m`, expected `n` or `maybe`"
        );
        let v = serde_json::json!({"items": [], "name": 7});
        assert_eq!(
            refusal(v),
            "name: invalid type: integer `7`, expected a string"
        );
    }

    /// serde_json reads a struct from an array of its fields in order;
    /// burnrate never writes one, so it is refused, not read by position.
    #[test]
    fn a_struct_given_as_an_array_is_refused() {
        let v = serde_json::json!({"items": [[3, null]], "name": "x"});
        assert!(serde_json::from_value::<Outer>(v.clone()).is_ok());
        assert_eq!(
            refusal(v),
            "items[0]: invalid type: sequence, expected struct Inner"
        );
    }
}
