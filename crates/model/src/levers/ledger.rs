//! Where a trial's money goes: a cost component (what it is for) and a bucket
//! (how it extends over the horizon), so levers write typed entries and the
//! engine folds them into an average month without knowing any lever.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// What a cost is for. The order is the breakdown's order (charts, CSV); the
/// keys are stable (CLI JSON, links never carry them).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Component {
    InputTokens,
    OutputTokens,
    Embeddings,
    Reranker,
    VectorDb,
    Cache,
    GpuBusy,
    GpuIdle,
    Fallback,
    ProvisionedUsed,
    ProvisionedUnused,
    Training,
    Curation,
    Retraining,
    AgentLoops,
    ToolCalls,
    Overheads,
    RequestFees,
}

impl Component {
    pub const COUNT: usize = 18;
    pub const ALL: [Component; Component::COUNT] = [
        Component::InputTokens,
        Component::OutputTokens,
        Component::Embeddings,
        Component::Reranker,
        Component::VectorDb,
        Component::Cache,
        Component::GpuBusy,
        Component::GpuIdle,
        Component::Fallback,
        Component::ProvisionedUsed,
        Component::ProvisionedUnused,
        Component::Training,
        Component::Curation,
        Component::Retraining,
        Component::AgentLoops,
        Component::ToolCalls,
        Component::Overheads,
        Component::RequestFees,
    ];

    /// The stable key (JSON, CSV column stem).
    pub const fn key(self) -> &'static str {
        INFO[self.index()].key
    }

    /// The label a person reads.
    pub const fn label(self) -> &'static str {
        INFO[self.index()].label
    }

    /// Where a FOCUS export files its charge.
    pub const fn focus(self) -> Focus {
        INFO[self.index()].focus
    }

    pub fn from_key(key: &str) -> Option<Component> {
        Component::ALL.into_iter().find(|c| c.key() == key)
    }

    const fn index(self) -> usize {
        self as usize
    }
}

/// What a component is, declared once: its key, its label, where FOCUS
/// files it. In `Component::ALL`'s order.
struct Info {
    key: &'static str,
    label: &'static str,
    focus: Focus,
}

/// A charge as FOCUS classifies it: service category, subcategory (one of
/// FOCUS 1.2's values for that category) and name, and how often it is
/// charged. Every component is a charge for usage (`ChargeCategory`
/// `Usage`): FOCUS keeps `Purchase` for buying future usage (a prepaid
/// commitment), and upfront work is usage charged once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Focus {
    pub category: &'static str,
    pub subcategory: &'static str,
    pub service: &'static str,
    pub frequency: &'static str,
}

const AI: &str = "AI and Machine Learning";

const fn focus(
    category: &'static str,
    subcategory: &'static str,
    service: &'static str,
    frequency: &'static str,
) -> Focus {
    Focus {
        category,
        subcategory,
        service,
        frequency,
    }
}

const fn info(key: &'static str, label: &'static str, focus: Focus) -> Info {
    Info { key, label, focus }
}

const GENAI: &str = "Generative AI";
const OTHER: &str = "Other";
const OTHER_SUB: &str = "Other (Other)";
const LLM_API: Focus = focus(AI, GENAI, "LLM API", "Usage-Based");
const GPU: Focus = focus("Compute", "Virtual Machines", "GPU instances", "Recurring");
/// Reserved throughput units on a managed API, billed by the hour.
const PROVISIONED: Focus = focus(AI, GENAI, "LLM provisioned throughput", "Recurring");
const TRAINING: Focus = focus(AI, "Machine Learning", "Model training", "One-Time");

const INFO: [Info; Component::COUNT] = [
    info("input_tokens", "Input tokens", LLM_API),
    info("output_tokens", "Output tokens", LLM_API),
    info(
        "embeddings",
        "Embeddings",
        focus(AI, GENAI, "Embeddings API", "Usage-Based"),
    ),
    info(
        "reranker",
        "Reranker",
        focus(AI, GENAI, "Reranker API", "Usage-Based"),
    ),
    info(
        "vector_db",
        "Vector DB",
        focus(
            "Databases",
            "Other (Databases)",
            "Vector database",
            "Recurring",
        ),
    ),
    info(
        "cache",
        "Semantic cache",
        focus("Databases", "Caching", "Semantic cache", "Usage-Based"),
    ),
    info("gpu_busy", "GPU busy", GPU),
    info("gpu_idle", "GPU idle", GPU),
    info("fallback_api", "Fallback API", LLM_API),
    info("provisioned_used", "Provisioned, used", PROVISIONED),
    info("provisioned_unused", "Provisioned, unused", PROVISIONED),
    info("training", "Training", TRAINING),
    info(
        "curation",
        "Data curation",
        focus(OTHER, OTHER_SUB, "Data curation", "One-Time"),
    ),
    info("retraining", "Retraining", TRAINING),
    info("agent_loops", "Agent loops", LLM_API),
    info(
        "tool_calls",
        "Tool calls",
        focus(OTHER, OTHER_SUB, "Tool calls", "Usage-Based"),
    ),
    info(
        "overheads",
        "Overheads",
        focus(OTHER, OTHER_SUB, "Operations", "Recurring"),
    ),
    info("request_fees", "Request fees", LLM_API),
];

/// How a cost extends over the horizon.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bucket {
    /// Grows with volume (month one's figure times the horizon's growth).
    Variable,
    /// The same every month.
    Fixed,
    /// Paid once, in month one (spread over the horizon in the average month).
    Upfront,
    /// Paid at each retrain.
    RetrainEach,
}

/// Amounts by component.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Costs([f64; Component::COUNT]);

impl Costs {
    pub fn get(&self, c: Component) -> f64 {
        self.0[c.index()]
    }

    pub fn add(&mut self, c: Component, usd: f64) {
        self.0[c.index()] += usd;
    }

    /// The total, summed in component order.
    pub fn total(&self) -> f64 {
        self.0.iter().sum()
    }

    /// (component, amount) in component order.
    pub fn iter(&self) -> impl Iterator<Item = (Component, f64)> + '_ {
        Component::ALL.into_iter().zip(self.0.iter().copied())
    }

    /// The amounts in component order.
    pub fn values(&self) -> impl Iterator<Item = f64> + '_ {
        self.0.iter().copied()
    }

    pub fn from_fn(f: impl FnMut(usize) -> f64) -> Costs {
        Costs(std::array::from_fn(f))
    }
}

impl std::ops::Index<Component> for Costs {
    type Output = f64;
    fn index(&self, c: Component) -> &f64 {
        &self.0[c.index()]
    }
}

/// Written as a map keyed by component key, in alphabetical order (the JSON
/// every earlier version wrote).
impl Serialize for Costs {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let pairs: Vec<(&str, f64)> = self.iter().map(|(c, v)| (c.key(), v)).collect();
        let order = crate::stats::order_by(pairs.len(), &|a, b| pairs[a].0.cmp(pairs[b].0));
        s.collect_map(order.into_iter().map(|i| pairs[i]))
    }
}

impl<'de> Deserialize<'de> for Costs {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Costs, D::Error> {
        let map = std::collections::BTreeMap::<String, f64>::deserialize(d)?;
        let mut costs = Costs::default();
        for (key, v) in map {
            let c = Component::from_key(&key).ok_or_else(|| {
                serde::de::Error::custom(format!("unknown cost component `{key}`"))
            })?;
            costs.0[c.index()] = v;
        }
        Ok(costs)
    }
}

/// One architecture's costs in one trial, by bucket and component.
#[derive(Debug, Clone, Default)]
pub struct Ledger {
    buckets: [Costs; 4],
}

impl Ledger {
    pub fn add(&mut self, bucket: Bucket, c: Component, usd: f64) {
        self.buckets[bucket as usize].add(c, usd);
    }

    pub fn get(&self, bucket: Bucket, c: Component) -> f64 {
        self.buckets[bucket as usize].get(c)
    }

    /// Moves `usd` of `from` to `to` within a bucket (e.g. the loops' share of GPU time).
    pub fn shift(&mut self, bucket: Bucket, from: Component, to: Component, usd: f64) {
        let b = &mut self.buckets[bucket as usize];
        b.0[from.index()] -= usd;
        b.0[to.index()] += usd;
    }

    pub fn bucket(&self, bucket: Bucket) -> &Costs {
        &self.buckets[bucket as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_unique_and_in_order() {
        for (i, c) in Component::ALL.iter().enumerate() {
            assert_eq!(c.index(), i);
            assert_eq!(Component::from_key(c.key()), Some(*c));
        }
    }

    /// The kind enums' keys are the names serde writes (links, files).
    #[test]
    fn kind_keys_are_serde_names() {
        use crate::scenario::{Quantization, VectorPrecision};
        for q in Quantization::ALL {
            assert_eq!(serde_json::to_value(q).unwrap(), q.key());
            assert_eq!(Quantization::from_key(q.key()), Some(q));
        }
        for p in VectorPrecision::ALL {
            assert_eq!(serde_json::to_value(p).unwrap(), p.key());
            assert_eq!(VectorPrecision::from_key(p.key()), Some(p));
        }
    }

    #[test]
    fn costs_read_back_from_their_json() {
        let mut c = Costs::default();
        c.add(Component::GpuIdle, 2.5);
        c.add(Component::InputTokens, 1.0);
        let text = serde_json::to_string(&c).unwrap();
        assert!(
            text.starts_with("{\"agent_loops\":0.0,\"cache\":0.0"),
            "{text}"
        );
        assert_eq!(serde_json::from_str::<Costs>(&text).unwrap(), c);
    }
}
