//! Reading the enums a scenario writes as `{"kind": "pert", "low": …}`
//! (serde's "internally tagged" form: `Dist`, `Design`, `Serving`, `Hosting`,
//! `VectorStorage`). They still *serialise* with serde's derive; they are
//! *read* here because the derive's reader buffers every field into an
//! intermediate tree and instantiates each variant's reader once more for it:
//! in the WASM site that was 136 KB of code (50 KB gzip) for five enums.
//! Reading through `serde_json::Value` reuses the code every other struct
//! already uses. Messages are serde's own (missing / unknown field, unknown
//! variant), so a bad link reads the same as before.

use serde::de::{DeserializeOwned, Error as _};
use serde_json::{Error, Map, Value};

use crate::dist::Dist;
use crate::path_reader::at;
use crate::scenario::{Design, Hosting, Serving, VectorStorage};

/// `{"kind": …, fields…}` taken apart; fields are taken out as they are read,
/// so any left at the end is unknown.
struct Tagged {
    fields: Map<String, Value>,
    read: Vec<&'static str>,
}

impl Tagged {
    /// The kind and the remaining fields of a tagged object.
    fn split(value: Value) -> Result<(String, Tagged), Error> {
        let Value::Object(mut fields) = value else {
            return Err(Error::custom(format!(
                "invalid type: {}, expected an object with a `kind`",
                describe(&value)
            )));
        };
        let kind = match fields.remove("kind") {
            Some(Value::String(kind)) => kind,
            Some(other) => {
                return Err(Error::custom(format!(
                    "kind: invalid type: {}, expected the name of a kind",
                    describe(&other)
                )));
            }
            None => return Err(Error::custom("kind: missing field")),
        };
        let read = Vec::new();
        Ok((kind, Tagged { fields, read }))
    }

    /// Takes field `name` out (it is read, or missing).
    fn take(&mut self, name: &'static str) -> Result<Value, Error> {
        self.read.push(name);
        self.fields
            .remove(name)
            .ok_or_else(|| Error::custom(format!("{name}: missing field")))
    }

    /// One field of the variant.
    fn field<T: DeserializeOwned>(&mut self, name: &'static str) -> Result<T, Error> {
        let value = self.take(name)?;
        read_at(name, value)
    }

    /// An optional field of the variant (`default` when absent).
    fn field_or<T: DeserializeOwned>(
        &mut self,
        name: &'static str,
        default: T,
    ) -> Result<T, Error> {
        if self.fields.contains_key(name) {
            self.field(name)
        } else {
            self.read.push(name);
            Ok(default)
        }
    }

    /// Every field left is unknown (the enums deny unknown fields).
    fn finish<T>(self, done: T) -> Result<T, Error> {
        let Some(unknown) = self.fields.keys().next() else {
            return Ok(done);
        };
        // serde's wording (its `unknown_field` wants a static list).
        let quoted: Vec<String> = self.read.iter().map(|f| format!("`{f}`")).collect();
        let expected = match quoted.as_slice() {
            [] => "there are no fields".to_owned(),
            [one] => format!("expected {one}"),
            [a, b] => format!("expected {a} or {b}"),
            all => format!("expected one of {}", all.join(", ")),
        };
        Err(Error::custom(format!(
            "unknown field `{unknown}`, {expected}"
        )))
    }

    /// All the fields as one struct (a newtype variant such as `Serving::ManagedApi`).
    fn rest<T: DeserializeOwned>(self) -> Result<T, Error> {
        read_at("", Value::Object(self.fields))
    }
}

/// Reads a field's value, its error naming the path inside it.
fn read_at<T: DeserializeOwned>(name: &str, value: Value) -> Result<T, Error> {
    crate::path_reader::read(value).map_err(|e| Error::custom(at(name, &e.to_string())))
}

/// serde's "unknown variant" message, at the `kind` field.
fn unknown_kind(kind: &str, kinds: &'static [&'static str]) -> Error {
    Error::custom(at("kind", &Error::unknown_variant(kind, kinds).to_string()))
}

/// What a value is, in serde's words ("a string", "a number").
fn describe(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a sequence",
        Value::Object(_) => "a map",
    }
}

/// `Deserialize` for a tagged enum: any format into a `Value`, then `read`.
macro_rules! deserialize_through_value {
    ($($ty:ty => $read:ident),* $(,)?) => {$(
        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                $read(Value::deserialize(d)?).map_err(serde::de::Error::custom)
            }
        }
    )*};
}

deserialize_through_value!(
    Dist => dist,
    Design => design,
    Serving => serving,
    Hosting => hosting,
    VectorStorage => vector_storage,
);

fn dist(value: Value) -> Result<Dist, Error> {
    const KINDS: &[&str] = &[
        "fixed",
        "uniform",
        "triangular",
        "pert",
        "normal",
        "log_normal",
        "poisson",
        "neg_binomial",
        "geometric",
    ];
    let (kind, mut t) = Tagged::split(value)?;
    let dist = match kind.as_str() {
        "fixed" => Dist::Fixed {
            value: t.field("value")?,
        },
        "uniform" => Dist::Uniform {
            low: t.field("low")?,
            high: t.field("high")?,
        },
        "triangular" => Dist::Triangular {
            low: t.field("low")?,
            mode: t.field("mode")?,
            high: t.field("high")?,
        },
        "pert" => Dist::Pert {
            low: t.field("low")?,
            mode: t.field("mode")?,
            high: t.field("high")?,
        },
        "normal" => Dist::Normal {
            mean: t.field("mean")?,
            sd: t.field("sd")?,
        },
        "log_normal" => Dist::LogNormal {
            p5: t.field("p5")?,
            p95: t.field("p95")?,
        },
        "poisson" => Dist::Poisson {
            mean: t.field("mean")?,
        },
        "neg_binomial" => Dist::NegBinomial {
            mean: t.field("mean")?,
            dispersion: t.field("dispersion")?,
        },
        "geometric" => Dist::Geometric {
            mean: t.field("mean")?,
        },
        other => return Err(unknown_kind(other, KINDS)),
    };
    t.finish(dist)
}

fn design(value: Value) -> Result<Design, Error> {
    const KINDS: &[&str] = &["prompt_only", "rag", "fine_tuned", "hybrid"];
    let (kind, mut t) = Tagged::split(value)?;
    let design = match kind.as_str() {
        "prompt_only" => Design::PromptOnly,
        "rag" => Design::Rag {
            retrieval: t.field("retrieval")?,
        },
        "fine_tuned" => Design::FineTuned {
            fine_tuning: t.field("fine_tuning")?,
        },
        "hybrid" => Design::Hybrid {
            retrieval: t.field("retrieval")?,
            fine_tuning: t.field("fine_tuning")?,
        },
        other => return Err(unknown_kind(other, KINDS)),
    };
    t.finish(design)
}

fn serving(value: Value) -> Result<Serving, Error> {
    const KINDS: &[&str] = &["managed_api", "self_hosted"];
    let (kind, t) = Tagged::split(value)?;
    match kind.as_str() {
        "managed_api" => t.rest().map(Serving::ManagedApi),
        "self_hosted" => t.rest().map(Serving::SelfHosted),
        other => Err(unknown_kind(other, KINDS)),
    }
}

fn hosting(value: Value) -> Result<Hosting, Error> {
    const KINDS: &[&str] = &["sized_to_peak", "dedicated", "autoscaled", "serverless"];
    let (kind, mut t) = Tagged::split(value)?;
    let hosting = match kind.as_str() {
        "sized_to_peak" => Hosting::SizedToPeak,
        "dedicated" => Hosting::Dedicated {
            instances: t.field("instances")?,
        },
        "autoscaled" => Hosting::Autoscaled {
            min_instances: t.field("min_instances")?,
            max_instances: t.field("max_instances")?,
            cold_start_minutes: t.field("cold_start_minutes")?,
        },
        "serverless" => Hosting::Serverless {
            price_premium: t.field("price_premium")?,
            idle_timeout_s: t.field("idle_timeout_s")?,
            cold_start_s: t.field("cold_start_s")?,
            billing_minimum_s: t.field_or("billing_minimum_s", 0.0)?,
        },
        other => return Err(unknown_kind(other, KINDS)),
    };
    t.finish(hosting)
}

fn vector_storage(value: Value) -> Result<VectorStorage, Error> {
    const KINDS: &[&str] = &["ram", "disk"];
    let (kind, mut t) = Tagged::split(value)?;
    let storage = match kind.as_str() {
        "ram" => VectorStorage::Ram,
        "disk" => VectorStorage::Disk {
            ram_share: t.field("ram_share")?,
        },
        other => return Err(unknown_kind(other, KINDS)),
    };
    t.finish(storage)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::presets::PRESETS;

    /// Every kind of every tagged enum the presets use reads back as written,
    /// and through the text reader too (not only from a `Value`).
    #[test]
    fn presets_read_back_as_written() {
        for (id, _) in PRESETS {
            let s = crate::presets::preset(id).unwrap();
            let text = serde_json::to_string(&s).unwrap();
            let back: crate::scenario::Scenario = serde_json::from_str(&text).unwrap();
            assert_eq!(back, s, "{id}");
        }
    }

    #[test]
    fn every_dist_kind_reads_back() {
        for d in [
            Dist::Fixed { value: 2.0 },
            Dist::Uniform {
                low: 1.0,
                high: 2.0,
            },
            Dist::Triangular {
                low: 1.0,
                mode: 1.5,
                high: 2.0,
            },
            Dist::Pert {
                low: 1.0,
                mode: 1.5,
                high: 2.0,
            },
            Dist::Normal { mean: 1.0, sd: 0.5 },
            Dist::LogNormal { p5: 1.0, p95: 9.0 },
            Dist::Poisson { mean: 3.0 },
            Dist::NegBinomial {
                mean: 3.0,
                dispersion: 2.0,
            },
            Dist::Geometric { mean: 2.0 },
        ] {
            let v = serde_json::to_value(&d).unwrap();
            assert_eq!(serde_json::from_value::<Dist>(v).unwrap(), d);
        }
        for h in [
            Hosting::SizedToPeak,
            Hosting::Dedicated { instances: 3 },
            Hosting::Autoscaled {
                min_instances: 0,
                max_instances: 4,
                cold_start_minutes: 6.0,
            },
            Hosting::Serverless {
                price_premium: 2.0,
                idle_timeout_s: 60.0,
                cold_start_s: 20.0,
                billing_minimum_s: 0.0,
            },
        ] {
            let v = serde_json::to_value(&h).unwrap();
            assert_eq!(serde_json::from_value::<Hosting>(v).unwrap(), h);
        }
        for s in [VectorStorage::Ram, VectorStorage::Disk { ram_share: 0.1 }] {
            let v = serde_json::to_value(s).unwrap();
            assert_eq!(serde_json::from_value::<VectorStorage>(v).unwrap(), s);
        }
    }

    fn message<T: DeserializeOwned + std::fmt::Debug>(v: Value) -> String {
        serde_json::from_value::<T>(v).unwrap_err().to_string()
    }

    /// The messages a bad link shows are serde's (as with its derive),
    /// after the path of the field inside the object.
    #[test]
    fn bad_objects_are_refused_with_serde_messages() {
        assert_eq!(
            message::<Dist>(json!({"kind": "pert", "low": 1, "high": 2})),
            "mode: missing field"
        );
        assert_eq!(
            message::<Dist>(json!({"kind": "fixed", "value": 1, "extra": 2})),
            "unknown field `extra`, expected `value`"
        );
        assert_eq!(
            message::<Dist>(json!({"kind": "uniform", "low": 1, "high": 2, "mode": 1})),
            "unknown field `mode`, expected `low` or `high`"
        );
        assert_eq!(
            message::<Hosting>(json!({"kind": "spot"})),
            "kind: unknown variant `spot`, expected one of `sized_to_peak`, `dedicated`, `autoscaled`, `serverless`"
        );
        assert_eq!(message::<Dist>(json!({"low": 1})), "kind: missing field");
        assert_eq!(
            message::<Dist>(json!({"kind": "fixed", "value": "two"})),
            "value: invalid type: string \"two\", expected f64"
        );
        assert_eq!(
            message::<Hosting>(json!({"kind": "dedicated", "instances": -1})),
            "instances: invalid value: integer `-1`, expected u32"
        );
        assert_eq!(
            message::<Design>(json!({"kind": "prompt_only", "retrieval": {}})),
            "unknown field `retrieval`, there are no fields"
        );
        assert_eq!(
            message::<VectorStorage>(json!("ram")),
            "invalid type: a string, expected an object with a `kind`"
        );
        assert!(
            message::<Serving>(json!({"kind": "managed_api", "model": "x"}))
                .contains("missing field")
        );
        assert_eq!(
            message::<Design>(json!({"kind": "rag", "retrieval": {"chunks_retrieved": 1.5}})),
            "retrieval.chunks_retrieved: invalid type: floating point `1.5`, expected u32"
        );
        assert_eq!(
            message::<Serving>(
                json!({"kind": "self_hosted", "hosting": {"kind": "dedicated", "instances": "2"}})
            ),
            "hosting.instances: invalid type: string \"2\", expected u32"
        );
    }
}
