//! Choosing the model a managed-API architecture calls: searching a price
//! list (the page's on-demand `prices.json`, the CLI's `prices --search`),
//! taking one of its entries, or making a model of the scenario's own. A
//! chosen entry is copied into the scenario's catalog, so its links, files
//! and autosaves carry the prices they were made with.

use crate::Scenario;
use crate::catalog::{Accelerator, ModelPrice};
use crate::scenario::Serving;

/// A search: every word of the query must appear, ignoring case, in one of
/// an entry's fields (id, name, provider); an empty query finds everything.
/// Case is folded for ASCII letters only: the price lists' ids, names and
/// providers are ASCII, and Unicode's case tables would add about 4 KB
/// (gzip) to the page's first load.
#[derive(Debug, Clone, Default)]
pub struct Search {
    words: Vec<String>,
}

impl Search {
    pub fn new(query: &str) -> Search {
        let words = query
            .split_whitespace()
            .map(str::to_ascii_lowercase)
            .collect();
        Search { words }
    }

    pub fn hits(&self, fields: &[&str]) -> bool {
        let text = fields.join(" ").to_ascii_lowercase();
        self.words.iter().all(|w| text.contains(w.as_str()))
    }

    pub fn hits_model(&self, m: &ModelPrice) -> bool {
        self.hits(&[&m.id, &m.name, &m.provider])
    }

    /// How many of the query's words stand whole in `text` (lowercase):
    /// bounded by a change between letters, digits and other characters,
    /// so "llama 4" finds both words whole in `llama-4-scout` and
    /// `llama4-maverick`, but only "llama" in `llama-3.1-405b` (issue 32:
    /// people type versions apart).
    fn whole_words(&self, text: &str) -> usize {
        let b = text.as_bytes();
        let kind = |i: usize| {
            b.get(i)
                .map(|c| (c.is_ascii_digit(), c.is_ascii_alphabetic()))
        };
        let whole = |w: &str| {
            let mut from = 0;
            while let Some(i) = text[from..].find(w) {
                let (at, end) = (from + i, from + i + w.len());
                if (at == 0 || kind(at - 1) != kind(at)) && kind(end) != kind(end - 1) {
                    return true;
                }
                from = end;
            }
            false
        };
        self.words.iter().filter(|w| whole(w)).count()
    }

    /// The first `limit` models found: those with more of the query's words
    /// whole first, then the makers' own listings (Anthropic's Claude before
    /// a cloud's or a reseller's), then shorter ids; and how many were
    /// found in all.
    pub fn models<'a>(
        &self,
        models: &'a [ModelPrice],
        limit: usize,
    ) -> (Vec<&'a ModelPrice>, usize) {
        let found: Vec<&ModelPrice> = models.iter().filter(|m| self.hits_model(m)).collect();
        let whole: Vec<usize> = found
            .iter()
            .map(|m| self.whole_words(&format!("{} {}", m.id, m.name).to_ascii_lowercase()))
            .collect();
        let key = |i: usize| {
            (
                std::cmp::Reverse(whole[i]),
                !from_its_maker(found[i]),
                found[i].id.len(),
            )
        };
        let order = crate::stats::order_by(found.len(), &|a, b| key(a).cmp(&key(b)));
        let total = found.len();
        (
            order.into_iter().take(limit).map(|i| found[i]).collect(),
            total,
        )
    }
}

impl Search {
    /// The first `limit` instances found, in the list's order (the shipped
    /// list is cheapest an hour first), and how many were found in all.
    pub fn accelerators<'a>(
        &self,
        list: &'a [Accelerator],
        limit: usize,
    ) -> (Vec<&'a Accelerator>, usize) {
        // Not sorted here: a sort routine for one more type is a kilobyte of the page.
        let found: Vec<&Accelerator> = list
            .iter()
            .filter(|a| self.hits(&[&a.id, &a.name]))
            .collect();
        let total = found.len();
        (found.into_iter().take(limit).collect(), total)
    }
}

/// Architecture `arch`'s fleet serves on `entry`, which becomes the
/// scenario's own (replacing an own entry of the same id). Where the entry
/// publishes a spot price, the fleet's spot discount becomes 1 − spot ÷
/// on-demand; where it publishes a committed price for the term of the
/// fleet's commitment, that commitment's discount too (rounded to a tenth
/// of a percent). False when the architecture is not self-hosted.
pub fn adopt_accelerator(s: &mut Scenario, arch: usize, entry: Accelerator) -> bool {
    let Some(Serving::SelfHosted(h)) = s.architectures.get_mut(arch).map(|a| &mut a.serving) else {
        return false;
    };
    let off = |p: f64| (1000.0 * (1.0 - p / entry.usd_per_hour)).round() / 1000.0;
    h.accelerator = entry.id.clone();
    if let Some(spot) = entry.usd_per_hour_spot {
        h.spot.discount = off(spot);
    }
    if let Some(c) = &mut h.commitment {
        let term = if c.term_years == 3 {
            entry.usd_per_hour_3y
        } else {
            entry.usd_per_hour_1y
        };
        if let Some(p) = term {
            c.discount = off(p);
        }
    }
    s.catalog.accelerators.retain(|a| a.id != entry.id);
    s.catalog.accelerators.push(entry);
    true
}

/// Architecture `arch`'s fine-tuning trains on `entry`, which becomes the
/// scenario's own; where the entry publishes a spot price, the training's
/// spot discount becomes 1 − spot ÷ on-demand (to a tenth of a percent).
/// False when the architecture is not fine-tuned.
pub fn adopt_training_instance(s: &mut Scenario, arch: usize, entry: Accelerator) -> bool {
    let Some(f) = s
        .architectures
        .get_mut(arch)
        .and_then(|a| a.design.fine_tuning_mut())
    else {
        return false;
    };
    f.training_accelerator = entry.id.clone();
    if let Some(spot) = entry.usd_per_hour_spot {
        f.training_spot.discount = (1000.0 * (1.0 - spot / entry.usd_per_hour)).round() / 1000.0;
    }
    s.catalog.accelerators.retain(|a| a.id != entry.id);
    s.catalog.accelerators.push(entry);
    true
}

/// Model families by maker (genai-prices' provider ids), to list a maker's
/// own prices before the same model resold.
const MAKERS: [(&str, &[&str]); 9] = [
    ("openai", &["gpt", "o1", "o3", "o4", "chatgpt"]),
    ("anthropic", &["claude"]),
    ("google", &["gemini", "gemma"]),
    ("deepseek", &["deepseek"]),
    (
        "mistral",
        &[
            "mistral",
            "magistral",
            "ministral",
            "codestral",
            "pixtral",
            "devstral",
        ],
    ),
    ("x-ai", &["grok"]),
    ("meta", &["llama"]),
    ("cohere", &["command"]),
    ("moonshotai", &["kimi"]),
];

/// Whether `m` is listed by the maker of its model (`anthropic/claude-…`,
/// not `google/claude-…` or `aws/…claude…`).
fn from_its_maker(m: &ModelPrice) -> bool {
    let Some((provider, model)) = m.id.split_once('/') else {
        return false;
    };
    MAKERS.iter().any(|(maker, families)| {
        *maker == provider && families.iter().any(|f| model.starts_with(f))
    })
}

/// Which of an architecture's models a pick sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot {
    /// The model a managed-API architecture calls.
    Own,
    /// The frontier model routed calls go to.
    Frontier,
    /// The API a self-hosted fleet spills to above capacity.
    Fallback,
    /// The instance a self-hosted fleet runs on (not a model:
    /// [`adopt_accelerator`]).
    Instance,
    /// The instance a fine-tuning run trains on ([`adopt_training_instance`]).
    TrainingInstance,
}

impl Slot {
    /// The slot a field of an architecture is, where a pick from the price
    /// or instance list sets it (embeddings and rerankers have none).
    pub fn of(field: &crate::fields::Field) -> Option<Slot> {
        use crate::levers::{fine_tuning, managed_api, routing, serving};
        [
            (managed_api::MODEL, Slot::Own),
            (routing::FRONTIER_MODEL, Slot::Frontier),
            (serving::FALLBACK, Slot::Fallback),
            (serving::ACCELERATOR, Slot::Instance),
            (fine_tuning::TRAINING_INSTANCE, Slot::TrainingInstance),
        ]
        .into_iter()
        .find(|(f, _)| f == field)
        .map(|(_, slot)| slot)
    }
}

/// The model id `slot` names in architecture `arch`, when it has that slot.
fn slot_mut(s: &mut Scenario, arch: usize, slot: Slot) -> Option<&mut String> {
    let a = s.architectures.get_mut(arch)?;
    match (slot, &mut a.serving) {
        (Slot::Own, Serving::ManagedApi(api)) => Some(&mut api.model),
        (Slot::Fallback, Serving::SelfHosted(h)) => Some(&mut h.fallback_model),
        (Slot::Frontier, _) => a.routing.as_mut().map(|r| &mut r.frontier_model),
        _ => None,
    }
}

/// Architecture `arch`'s model in `slot` is `entry`, which becomes the
/// scenario's own (replacing an own entry of the same id). False when the
/// architecture has no such slot (nothing changes).
pub fn adopt(s: &mut Scenario, arch: usize, slot: Slot, entry: ModelPrice) -> bool {
    let Some(id) = slot_mut(s, arch, slot) else {
        return false;
    };
    *id = entry.id.clone();
    s.catalog.models.retain(|m| m.id != entry.id);
    s.catalog.models.push(entry);
    true
}

/// A model of the scenario's own for architecture `arch`, priced as the
/// model it calls now until its prices are edited: "Custom model N" with
/// id `custom-N`, the first N free. None when `arch` is not on a managed API
/// or its model is not in `catalog` (the scenario's effective catalog).
pub fn custom(s: &mut Scenario, arch: usize, catalog: &crate::catalog::Catalog) -> Option<String> {
    let Some(Serving::ManagedApi(api)) = s.architectures.get(arch).map(|a| &a.serving) else {
        return None;
    };
    let current = catalog.model("", &api.model).ok()?.clone();
    let n = (1..)
        .find(|n| {
            let id = format!("custom-{n}");
            !catalog.models.iter().any(|m| m.id == id)
        })
        .unwrap_or(1);
    let id = format!("custom-{n}");
    let entry = ModelPrice {
        id: id.clone(),
        name: format!("Custom model {n}"),
        provider: String::new(),
        source: format!("your own prices (started from {})", current.id),
        // Its hourly and dated prices too: the numbers do not move until a
        // price is edited.
        ..current
    };
    adopt(s, arch, Slot::Own, entry);
    Some(id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Catalog;
    use crate::presets;

    fn model(id: &str, name: &str, provider: &str) -> ModelPrice {
        ModelPrice {
            id: id.into(),
            name: name.into(),
            provider: provider.into(),
            usd_per_m_input: 1.0,
            usd_per_m_cached_input: 0.1,
            usd_per_m_output: 4.0,
            ..ModelPrice::default()
        }
    }

    #[test]
    fn a_search_needs_every_word_in_any_field_ignoring_case() {
        let list = [
            model(
                "anthropic/claude-sonnet-4-6",
                "Claude Sonnet 4.6",
                "Anthropic",
            ),
            model("openai/gpt-5", "GPT-5", "OpenAI"),
            model("aws/claude-sonnet-4-6", "Claude Sonnet 4.6", "AWS Bedrock"),
        ];
        let (found, total) = Search::new("SONNET anthropic").models(&list, 10);
        assert_eq!(total, 1);
        assert_eq!(found[0].id, "anthropic/claude-sonnet-4-6");
        let (found, total) = Search::new("sonnet 4.6").models(&list, 1);
        assert_eq!((found.len(), total), (1, 2));
        assert_eq!(found[0].id, "anthropic/claude-sonnet-4-6");
        let google = model("google/claude-4-sonnet", "Google claude-4-sonnet", "Google");
        let resold = [google, list[0].clone()];
        let (found, _) = Search::new("sonnet").models(&resold, 2);
        assert_eq!(found[0].id, "anthropic/claude-sonnet-4-6");
        assert_eq!(Search::new("").models(&list, 10).1, 3);
        assert_eq!(Search::new("gemini").models(&list, 10).1, 0);
    }

    /// Issue 32: "llama 4" in the shipped price list finds Llama 4 first,
    /// not Llama 3.1 405B or Llama 2 70B (whose ids hold a 4 too).
    #[test]
    fn a_version_typed_apart_ranks_its_models_first() {
        let list: crate::catalog::Catalog =
            serde_json::from_str(include_str!("../../../public/prices.json")).unwrap();
        let (found, total) = Search::new("llama 4").models(&list.models, 10);
        assert!(total > 10, "{total}");
        for m in &found {
            let id = m.id.to_ascii_lowercase();
            // Llama 4 Scout and Maverick, and Llama Guard 4.
            assert!(
                id.contains("llama-4") || id.contains("llama4") || id.contains("guard-4"),
                "{}",
                m.id
            );
        }
        // A word typed with its separator still matches as written.
        let (found, _) = Search::new("llama-4-scout").models(&list.models, 3);
        assert!(
            found
                .iter()
                .all(|m| m.id.to_ascii_lowercase().contains("llama-4-scout"))
        );
    }

    /// Text-to-SQL's first architecture is prompt-only on a managed API.
    fn managed_arch(s: &Scenario) -> usize {
        s.architectures
            .iter()
            .position(|a| matches!(a.serving, Serving::ManagedApi(_)))
            .unwrap()
    }

    fn model_of(s: &Scenario, arch: usize) -> String {
        match &s.architectures[arch].serving {
            Serving::ManagedApi(api) => api.model.clone(),
            _ => unreachable!(),
        }
    }

    /// Issue 27: the training instance is picked from the list like a
    /// fleet's; its spot price sets the training's spot discount.
    #[test]
    fn a_training_instance_from_the_list_sets_the_trainings_spot_discount() {
        let mut s = presets::knowledge_base();
        let mut entry = Catalog::shipped().accelerators[0].clone();
        entry.id = "listed-h100".into();
        entry.usd_per_hour = 10.0;
        entry.usd_per_hour_spot = Some(4.0);
        assert!(!adopt_training_instance(&mut s, 0, entry.clone()));
        assert!(adopt_training_instance(&mut s, 2, entry));
        let f = s.architectures[2].design.fine_tuning().unwrap();
        assert_eq!(f.training_accelerator, "listed-h100");
        assert_eq!(f.training_spot.discount, 0.6);
        assert_eq!(s.catalog.accelerators.len(), 1);
        assert!(crate::Prepared::new(&s).is_ok());
    }

    #[test]
    fn adopting_an_entry_makes_it_the_scenarios_own_once() {
        let mut s = presets::text_to_sql();
        let i = managed_arch(&s);
        let entry = model("openai/gpt-5", "GPT-5", "OpenAI");
        assert!(adopt(&mut s, i, Slot::Own, entry.clone()));
        let mut cheaper = entry.clone();
        cheaper.usd_per_m_output = 1.0;
        assert!(adopt(&mut s, i, Slot::Own, cheaper.clone()));
        assert_eq!(model_of(&s, i), "openai/gpt-5");
        let own: Vec<_> = s
            .catalog
            .models
            .iter()
            .filter(|m| m.id == entry.id)
            .collect();
        assert_eq!(own, vec![&cheaper]);
        // Not a managed API: nothing changes.
        let fine_tuned = s
            .architectures
            .iter()
            .position(|a| !matches!(a.serving, Serving::ManagedApi(_)))
            .unwrap();
        let before = s.clone();
        assert!(!adopt(&mut s, fine_tuned, Slot::Own, entry.clone()));
        assert!(!adopt(&mut s, fine_tuned, Slot::Frontier, entry.clone()));
        assert_eq!(s, before);
        // Its fallback API, and a routed architecture's frontier model.
        assert!(adopt(&mut s, fine_tuned, Slot::Fallback, entry.clone()));
        match &s.architectures[fine_tuned].serving {
            Serving::SelfHosted(h) => assert_eq!(h.fallback_model, "openai/gpt-5"),
            _ => unreachable!(),
        }
        let mut m = presets::model_arbitrage();
        assert!(adopt(&mut m, 1, Slot::Frontier, entry));
        assert_eq!(
            m.architectures[1].routing.as_ref().unwrap().frontier_model,
            "openai/gpt-5"
        );
        assert!(crate::Prepared::new(&m).is_ok());
    }

    #[test]
    fn a_custom_model_starts_at_the_current_prices_under_a_free_id() {
        let mut s = presets::text_to_sql();
        let i = managed_arch(&s);
        let current = model_of(&s, i);
        let effective = |s: &Scenario| Catalog::shipped().with_overrides(&s.catalog);
        let c = effective(&s);
        assert_eq!(custom(&mut s, i, &c).unwrap(), "custom-1");
        let c = effective(&s);
        let second = custom(&mut s, i, &c).unwrap();
        assert_eq!(second, "custom-2");
        let c = effective(&s);
        let (mine, was) = (
            c.model("", "custom-2").unwrap(),
            c.model("", &current).unwrap(),
        );
        assert_eq!(mine.name, "Custom model 2");
        assert_eq!(
            (
                mine.usd_per_m_input,
                mine.usd_per_m_cached_input,
                mine.usd_per_m_output
            ),
            (
                was.usd_per_m_input,
                was.usd_per_m_cached_input,
                was.usd_per_m_output
            )
        );
        assert_eq!(model_of(&s, i), "custom-2");
        assert!(crate::Prepared::new(&s).is_ok());
    }

    /// A model with hourly prices (DeepSeek's off-peak hours) keeps them in
    /// its custom copy: the numbers do not move until a price is edited.
    #[test]
    fn a_custom_copy_of_a_model_with_hourly_prices_gives_the_same_numbers() {
        let mut s = presets::model_arbitrage();
        s.trials = 300;
        let routed = 1;
        let before = crate::simulate(&s).unwrap();
        let c = Catalog::shipped().with_overrides(&s.catalog);
        custom(&mut s, routed, &c).unwrap();
        let after = crate::simulate(&s).unwrap();
        assert_eq!(
            after.architectures[routed].monthly_usd,
            before.architectures[routed].monthly_usd
        );
    }
}
