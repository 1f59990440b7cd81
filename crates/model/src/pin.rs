//! A scenario's prices, pinned into it: a share link carries the catalog
//! entries its scenario uses, so a link made today gives the same numbers
//! after the shipped catalog is updated. Opening a link drops the carried
//! entries that equal the shipped ones (nothing to pin while prices are
//! unchanged, and the scenario reads back exactly as it was written); those
//! that differ stay, as the scenario's own.
//!
//! Scenarios without carried prices (autosaves, files, and links made before
//! links carried them) resolve against the catalog of their schema version:
//! when a new shipped catalog changes prices, the schema version goes up and
//! the migration from the old one pins the old catalog's entries.

use crate::catalog::Catalog;
use crate::scenario::{Scenario, Serving};

/// The catalog ids a scenario uses, by kind, in order of first use.
#[derive(Debug, Default, PartialEq)]
pub struct Used {
    pub models: Vec<String>,
    pub embeddings: Vec<String>,
    pub rerankers: Vec<String>,
    pub accelerators: Vec<String>,
}

pub fn used(s: &Scenario) -> Used {
    fn push(v: &mut Vec<String>, id: &str) {
        if !v.iter().any(|x| x == id) {
            v.push(id.to_owned());
        }
    }
    let mut u = Used::default();
    for a in &s.architectures {
        match &a.serving {
            Serving::ManagedApi(m) => push(&mut u.models, &m.model),
            Serving::SelfHosted(h) => {
                push(&mut u.accelerators, &h.accelerator);
                push(&mut u.models, &h.fallback_model);
            }
        }
        if let Some(r) = &a.routing {
            push(&mut u.models, &r.frontier_model);
        }
        if let Some(r) = a.design.retrieval() {
            push(&mut u.embeddings, &r.embedding_model);
            if let Some(rr) = &r.reranker {
                push(&mut u.rerankers, &rr.model);
            }
        }
        if let Some(f) = a.design.fine_tuning() {
            push(&mut u.accelerators, &f.training_accelerator);
        }
    }
    u
}

/// `s` with every entry it uses from `catalog` (and does not hold itself)
/// copied into its own catalog. An id neither has stays unknown: validation
/// names it.
pub fn pinned(s: &Scenario, catalog: &Catalog) -> Scenario {
    // Copied without their name and source: text, not prices, which opening
    // the link restores from the catalog (keeps preset links short).
    fn copy<T: Clone + Sourced>(
        own: &mut Vec<T>,
        from: &[T],
        ids: &[String],
        id: impl Fn(&T) -> &str,
    ) {
        for want in ids {
            if own.iter().any(|e| id(e) == want) {
                continue;
            }
            if let Some(e) = from.iter().find(|e| id(e) == want) {
                let mut e = e.clone();
                e.source_mut().clear();
                e.name_mut().clear();
                own.push(e);
            }
        }
    }
    let u = used(s);
    let mut out = s.clone();
    let own = &mut out.catalog;
    copy(&mut own.models, &catalog.models, &u.models, |e| &e.id);
    copy(
        &mut own.embeddings,
        &catalog.embeddings,
        &u.embeddings,
        |e| &e.id,
    );
    copy(&mut own.rerankers, &catalog.rerankers, &u.rerankers, |e| {
        &e.id
    });
    copy(
        &mut own.accelerators,
        &catalog.accelerators,
        &u.accelerators,
        |e| &e.id,
    );
    out
}

/// A catalog entry's name and source, which a link leaves out of the
/// entries it pins.
pub trait Sourced {
    fn source_mut(&mut self) -> &mut String;
    fn name_mut(&mut self) -> &mut String;
}

macro_rules! sourced {
    ($($t:ty),*) => {$(
        impl Sourced for $t {
            fn source_mut(&mut self) -> &mut String {
                &mut self.source
            }
            fn name_mut(&mut self) -> &mut String {
                &mut self.name
            }
        }
    )*};
}
sourced!(
    crate::catalog::ModelPrice,
    crate::catalog::EmbeddingPrice,
    crate::catalog::RerankerPrice,
    crate::catalog::Accelerator
);

/// What a link says of the source of prices it carries that the catalog no
/// longer has.
pub const CARRIED: &str = "prices carried in the link this scenario was opened from";

/// `e` with `c`'s name and source where its own are empty: an entry as
/// the catalog would show it, to compare prices alone.
fn restored<T: Clone + Sourced>(e: &T, c: &T) -> T {
    let (mut r, mut c) = (e.clone(), c.clone());
    if r.source_mut().is_empty() {
        *r.source_mut() = c.source_mut().clone();
    }
    if r.name_mut().is_empty() {
        *r.name_mut() = c.name_mut().clone();
    }
    r
}

/// Whether own entry `e` prices anything unlike `catalog`'s entry of its id
/// (its name and source aside), or `catalog` has no such entry.
fn differs<T: PartialEq + Clone + Sourced>(e: &T, from: &[T], id: impl Fn(&T) -> &str) -> bool {
    match from.iter().find(|c| id(c) == id(e)) {
        None => true,
        Some(c) => {
            let (mut a, mut b) = (e.clone(), c.clone());
            for x in [&mut a, &mut b] {
                x.source_mut().clear();
                x.name_mut().clear();
            }
            a != b
        }
    }
}

/// `s` without the own entries that equal `catalog`'s entry of the same id
/// (they change no number). Every other own entry a link carries says it
/// came with the link: its source is [`CARRIED`], whatever text the link
/// gave (a link's text could name a vendor for prices the vendor never set).
pub fn unpinned(s: &Scenario, catalog: &Catalog) -> Scenario {
    fn drop_equal<T: PartialEq + Clone + Sourced>(
        own: &mut Vec<T>,
        from: &[T],
        id: impl Fn(&T) -> &str + Copy,
    ) {
        own.retain_mut(|e| {
            if !differs(e, from, id) {
                return false;
            }
            if let Some(c) = from.iter().find(|c| id(c) == id(e)) {
                *e = restored(e, c);
            }
            *e.source_mut() = CARRIED.to_owned();
            true
        });
    }
    let mut out = s.clone();
    let own = &mut out.catalog;
    drop_equal(&mut own.models, &catalog.models, |e| &e.id);
    drop_equal(&mut own.embeddings, &catalog.embeddings, |e| &e.id);
    drop_equal(&mut own.rerankers, &catalog.rerankers, |e| &e.id);
    drop_equal(&mut own.accelerators, &catalog.accelerators, |e| &e.id);
    out
}

/// The ids of the entries `s` uses whose prices are its own, not
/// `catalog`'s: edited in the page, carried in a link, imported from a
/// price file, or unknown to the catalog. In order of first use. (The
/// entries [`unpinned`] keeps: one comparison, compiled once in the page.)
pub fn differing(s: &Scenario, catalog: &Catalog) -> Vec<String> {
    let kept = unpinned(s, catalog).catalog;
    let u = used(s);
    let mut out = Vec::new();
    let mut keep = |ids: Vec<String>, own: Vec<&str>| {
        out.extend(ids.into_iter().filter(|id| own.contains(&id.as_str())));
    };
    keep(
        u.models,
        kept.models.iter().map(|e| e.id.as_str()).collect(),
    );
    keep(
        u.accelerators,
        kept.accelerators.iter().map(|e| e.id.as_str()).collect(),
    );
    keep(
        u.embeddings,
        kept.embeddings.iter().map(|e| e.id.as_str()).collect(),
    );
    keep(
        u.rerankers,
        kept.rerankers.iter().map(|e| e.id.as_str()).collect(),
    );
    out
}

/// The sentence by the verdict (and on the CLI's stderr) for a scenario
/// whose prices are partly its own: which entries, and that the catalog's
/// date does not date them.
pub fn own_prices_note(ids: &[String]) -> Option<String> {
    (!ids.is_empty()).then(|| {
        let (is, their) = if ids.len() == 1 {
            ("is", "its source says")
        } else {
            ("are", "their sources say")
        };
        format!(
            "Not the catalog's prices: {} {is} set in this scenario (edited, carried in its link or imported); {their} by whom.",
            ids.join(", ")
        )
    })
}

/// The source an entry edited in the page takes: who set it and when,
/// never the vendor's page it was copied from.
pub fn edited_source(date: &str) -> String {
    format!("your edit in this scenario, {date}: not a list price")
}

/// `s` with the entries of `file` it uses taken as its own (replacing its
/// own of the same id), and the ids taken: a price file's rates for the
/// models and accelerators this scenario names, and nothing else of it.
pub fn overridden(s: &Scenario, file: &Catalog) -> (Scenario, Vec<String>) {
    fn take<T: Clone>(
        own: &mut Vec<T>,
        from: &[T],
        ids: &[String],
        id: impl Fn(&T) -> &str,
        taken: &mut Vec<String>,
    ) {
        for want in ids {
            if let Some(e) = from.iter().rev().find(|e| id(e) == want) {
                own.retain(|o| id(o) != want);
                own.push(e.clone());
                taken.push(want.clone());
            }
        }
    }
    let u = used(s);
    let mut out = s.clone();
    let mut taken = Vec::new();
    let own = &mut out.catalog;
    take(
        &mut own.models,
        &file.models,
        &u.models,
        |e| &e.id,
        &mut taken,
    );
    take(
        &mut own.embeddings,
        &file.embeddings,
        &u.embeddings,
        |e| &e.id,
        &mut taken,
    );
    take(
        &mut own.rerankers,
        &file.rerankers,
        &u.rerankers,
        |e| &e.id,
        &mut taken,
    );
    take(
        &mut own.accelerators,
        &file.accelerators,
        &u.accelerators,
        |e| &e.id,
        &mut taken,
    );
    (out, taken)
}
