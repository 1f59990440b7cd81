//! Fields declared once. Each lever declares the fields of the section it
//! owns as [`Field`] constants next to its serde types (key, label, unit,
//! help, physical bound, kind) and lists them in its [`Section::fields`]
//! walk, in the order a person reads them. Everything else follows from that
//! one walk: validation (each value against its bound, the refusal naming
//! the field's path), the page's editor (one control per field, generated),
//! the labels and units of messages, and the uncertain inputs' names.
//!
//! A walk visits what the scenario holds: the fields of the chosen hosting,
//! design or storage, the fields of an optional group that is on. Switching a
//! choice or a group off keeps what was typed in a [`Stash`], so switching
//! back restores it.

use std::any::Any;

use crate::dist::Dist;
use crate::error::{Bound, ModelError};

/// Which list of the catalog a reference names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    Model,
    Accelerator,
    Embedding,
    Reranker,
}

/// What a field holds, and how it is entered.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Kind {
    /// A number, shown times `scale` (100: a share typed as a percentage).
    Number { bound: Bound, scale: f64 },
    /// A whole number.
    Whole { bound: Bound },
    /// An uncertain quantity (a [`Dist`]); `count`: only count shapes.
    Dist {
        bound: Bound,
        scale: f64,
        count: bool,
    },
    /// A number that may be left empty (none).
    Optional { bound: Bound, whole: bool },
    /// Text of at most `max` characters.
    Text { max: usize },
    /// One of `options` (key, label). `tagged`: written as the `kind` of an
    /// object holding the option's own fields.
    Choice {
        options: &'static [(&'static str, &'static str)],
        tagged: bool,
    },
    /// A group of fields switched on and off as a whole.
    Group,
    /// The id of a catalog entry.
    Entry(Entry),
}

/// One field of a section: everything the page, the messages and the
/// validation know of it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Field {
    /// Its key inside the section (the serde name).
    pub key: &'static str,
    pub label: &'static str,
    pub unit: &'static str,
    /// One line: what it means, with its source.
    pub help: &'static str,
    pub kind: Kind,
}

impl Field {
    const fn of(
        key: &'static str,
        label: &'static str,
        unit: &'static str,
        help: &'static str,
        kind: Kind,
    ) -> Field {
        Field {
            key,
            label,
            unit,
            help,
            kind,
        }
    }

    pub const fn number(
        key: &'static str,
        label: &'static str,
        unit: &'static str,
        bound: Bound,
        help: &'static str,
    ) -> Field {
        Field::of(key, label, unit, help, Kind::Number { bound, scale: 1.0 })
    }

    /// A share (0 to 1) typed as a percentage.
    pub const fn share(
        key: &'static str,
        label: &'static str,
        unit: &'static str,
        help: &'static str,
    ) -> Field {
        Field::number(key, label, unit, Bound::SHARE, help).percent()
    }

    pub const fn whole(
        key: &'static str,
        label: &'static str,
        unit: &'static str,
        bound: Bound,
        help: &'static str,
    ) -> Field {
        Field::of(key, label, unit, help, Kind::Whole { bound })
    }

    pub const fn dist(
        key: &'static str,
        label: &'static str,
        unit: &'static str,
        bound: Bound,
        help: &'static str,
    ) -> Field {
        let kind = Kind::Dist {
            bound,
            scale: 1.0,
            count: false,
        };
        Field::of(key, label, unit, help, kind)
    }

    pub const fn optional(
        key: &'static str,
        label: &'static str,
        unit: &'static str,
        bound: Bound,
        help: &'static str,
    ) -> Field {
        let kind = Kind::Optional {
            bound,
            whole: false,
        };
        Field::of(key, label, unit, help, kind)
    }

    pub const fn text(
        key: &'static str,
        label: &'static str,
        max: usize,
        help: &'static str,
    ) -> Field {
        Field::of(key, label, "", help, Kind::Text { max })
    }

    pub const fn choice(
        key: &'static str,
        label: &'static str,
        options: &'static [(&'static str, &'static str)],
        help: &'static str,
    ) -> Field {
        let tagged = false;
        Field::of(key, label, "", help, Kind::Choice { options, tagged })
    }

    /// A choice written as the `kind` of an object holding its fields.
    pub const fn tagged(self) -> Field {
        match self.kind {
            Kind::Choice { options, .. } => Field {
                kind: Kind::Choice {
                    options,
                    tagged: true,
                },
                ..self
            },
            _ => self,
        }
    }

    pub const fn group(key: &'static str, label: &'static str, help: &'static str) -> Field {
        Field::of(key, label, "", help, Kind::Group)
    }

    pub const fn entry(
        key: &'static str,
        label: &'static str,
        entry: Entry,
        help: &'static str,
    ) -> Field {
        Field::of(key, label, "", help, Kind::Entry(entry))
    }

    /// Shown as a percentage (a number or distribution stored as a share).
    pub const fn percent(self) -> Field {
        let kind = match self.kind {
            Kind::Number { bound, .. } => Kind::Number {
                bound,
                scale: 100.0,
            },
            Kind::Dist { bound, count, .. } => Kind::Dist {
                bound,
                scale: 100.0,
                count,
            },
            k => k,
        };
        Field { kind, ..self }
    }

    /// A distribution of counts only (fixed, Poisson, negative binomial, geometric).
    pub const fn count(self) -> Field {
        let kind = match self.kind {
            Kind::Dist { bound, scale, .. } => Kind::Dist {
                bound,
                scale,
                count: true,
            },
            Kind::Optional { bound, .. } => Kind::Optional { bound, whole: true },
            k => k,
        };
        Field { kind, ..self }
    }

    /// A number's or distribution's physical range.
    pub const fn bound(&self) -> Option<Bound> {
        match self.kind {
            Kind::Number { bound, .. }
            | Kind::Whole { bound }
            | Kind::Dist { bound, .. }
            | Kind::Optional { bound, .. } => Some(bound),
            _ => None,
        }
    }

    /// Shown value over stored value (100 for a share typed as a percentage).
    pub const fn scale(&self) -> f64 {
        match self.kind {
            Kind::Number { scale, .. } | Kind::Dist { scale, .. } => scale,
            _ => 1.0,
        }
    }
}

/// An uncertain input: a distribution field whose draws come from a stream
/// of their own, named by `key` in correlations and the drivers chart. `S`
/// is what holds it: the scenario (shared by every architecture) or an
/// architecture (None where the architecture does not use that lever).
pub struct Input<S: 'static> {
    pub key: &'static str,
    pub field: &'static Field,
    pub dist: fn(&S) -> Option<&Dist>,
}

impl<S> Input<S> {
    pub const fn label(&self) -> &'static str {
        self.field.label
    }
    /// Its physical range: validation checks it, draws are clamped to it.
    pub const fn bound(&self) -> Bound {
        match self.field.bound() {
            Some(b) => b,
            None => Bound::NON_NEGATIVE,
        }
    }
}

/// A field's place in the scenario, as the walk lends it to a visitor.
pub enum Slot<'a> {
    Number(&'a mut f64),
    Whole(&'a mut u32),
    /// The seed: a whole number of 64 bits.
    Seed(&'a mut u64),
    Dist(&'a mut Dist),
    Optional(&'a mut Option<f64>),
    OptionalWhole(&'a mut Option<u32>),
    Text(&'a mut String),
    /// Text whose empty value is written as none.
    OptionalText(&'a mut Option<String>),
    Choice(&'a mut dyn Choice),
    Group(&'a mut dyn Group),
}

impl Slot<'_> {
    fn reborrow(&mut self) -> Slot<'_> {
        match self {
            Slot::Number(v) => Slot::Number(v),
            Slot::Whole(v) => Slot::Whole(v),
            Slot::Seed(v) => Slot::Seed(v),
            Slot::Dist(v) => Slot::Dist(v),
            Slot::Optional(v) => Slot::Optional(v),
            Slot::OptionalWhole(v) => Slot::OptionalWhole(v),
            Slot::Text(v) => Slot::Text(v),
            Slot::OptionalText(v) => Slot::OptionalText(v),
            Slot::Choice(c) => Slot::Choice(&mut **c),
            Slot::Group(g) => Slot::Group(&mut **g),
        }
    }

    /// The value held, as the editor shows it.
    pub fn value(&self) -> Value {
        match self {
            Slot::Number(v) => Value::Number(**v),
            Slot::Whole(v) => Value::Number(f64::from(**v)),
            Slot::Seed(v) => Value::Number(**v as f64),
            Slot::Dist(d) => Value::Dist((*d).clone()),
            Slot::Optional(v) => Value::Optional(**v),
            Slot::OptionalWhole(v) => Value::Optional(v.map(f64::from)),
            Slot::Text(t) => Value::Text((*t).clone()),
            Slot::OptionalText(t) => Value::Text(t.as_deref().unwrap_or_default().to_owned()),
            Slot::Choice(c) => Value::Choice(c.key()),
            Slot::Group(g) => Value::On(g.is_on()),
        }
    }

    /// Writes `value` (of the slot's own kind; another is ignored).
    fn set(&mut self, value: Value, stash: &mut Stash, path: &str) {
        match (self, value) {
            (Slot::Number(v), Value::Number(x)) => **v = x,
            (Slot::Whole(v), Value::Number(x)) => **v = to_u32(x),
            (Slot::Seed(v), Value::Number(x)) => **v = to_u64(x),
            (Slot::Dist(v), Value::Dist(d)) => **v = d,
            (Slot::Optional(v), Value::Optional(x)) => **v = x,
            (Slot::OptionalWhole(v), Value::Optional(x)) => **v = x.map(to_u32),
            (Slot::Text(v), Value::Text(t)) => **v = t,
            (Slot::OptionalText(v), Value::Text(t)) => {
                **v = Some(t.trim().to_owned()).filter(|t| !t.is_empty())
            }
            (Slot::Choice(c), Value::Choice(key)) if c.key() != key => {
                c.switch(key, &mut stash.at(path));
            }
            (Slot::Group(g), Value::On(on)) if g.is_on() != on => {
                g.set_on(on, &mut stash.at(path));
            }
            _ => {}
        }
    }
}

/// A whole number typed as a number: rounded, and saturating (so a huge
/// one fails validation with its value rather than wrapping around).
pub fn to_u32(v: f64) -> u32 {
    if v.is_nan() || v <= 0.0 {
        0
    } else if v >= f64::from(u32::MAX) {
        u32::MAX
    } else {
        v.round() as u32
    }
}

fn to_u64(v: f64) -> u64 {
    if v.is_nan() || v <= 0.0 {
        0
    } else {
        // `as` saturates at u64::MAX.
        v.round() as u64
    }
}

/// A field's value as the editor reads and writes it.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Number(f64),
    Dist(Dist),
    Optional(Option<f64>),
    Text(String),
    /// The key of the option chosen.
    Choice(&'static str),
    /// Whether an optional group is on.
    On(bool),
}

/// A part of the scenario that lists its fields.
pub trait Section {
    /// Walks the section's fields in reading order.
    fn fields(&mut self, w: &mut Walk);
    /// Rules that tie several of its fields together, checked after each
    /// field's own bound; `path` is the section's.
    fn rules(&self, _path: &str) -> Result<(), ModelError> {
        Ok(())
    }
}

/// A choice among options, each with fields of its own (or none).
pub trait Choice: Section {
    fn key(&self) -> &'static str;
    /// Switches to option `key`: as it was last typed (kept in `stash`),
    /// or its defaults. The option left goes into `stash`.
    fn switch(&mut self, key: &str, stash: &mut StashAt);
}

/// An optional group of fields.
pub trait Group: Section {
    fn is_on(&self) -> bool;
    /// Switches the group on (as it was last typed, or its defaults) or off
    /// (keeping it in `stash`).
    fn set_on(&mut self, on: bool, stash: &mut StashAt);
}

/// What a switch left behind, by the path of its field and the option it
/// was: switching back takes it out again.
#[derive(Default)]
pub struct Stash {
    /// (path, option, what it held): a handful at most.
    kept: Vec<(String, &'static str, Box<dyn Any + Send + Sync>)>,
}

impl Stash {
    pub fn at<'a>(&'a mut self, path: &'a str) -> StashAt<'a> {
        StashAt { stash: self, path }
    }

    pub fn clear(&mut self) {
        self.kept.clear();
    }
}

impl std::fmt::Debug for Stash {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list()
            .entries(self.kept.iter().map(|(p, o, _)| (p, o)))
            .finish()
    }
}

/// The stash of one field.
pub struct StashAt<'a> {
    stash: &'a mut Stash,
    path: &'a str,
}

impl StashAt<'_> {
    /// Keeps `value`, the field's option `key`.
    pub fn keep<T: Send + Sync + 'static>(&mut self, key: &'static str, value: T) {
        self.take::<T>(key);
        self.stash
            .kept
            .push((self.path.to_owned(), key, Box::new(value)));
    }

    /// Takes back what was kept of option `key`.
    pub fn take<T: 'static>(&mut self, key: &str) -> Option<T> {
        let kept = &mut self.stash.kept;
        let i = kept
            .iter()
            .position(|(p, o, _)| p == self.path && *o == key)?;
        let (_, _, b) = kept.swap_remove(i);
        (b as Box<dyn Any>).downcast().ok().map(|b| *b)
    }
}

/// Switches the enum `this` from its option `now` to option `key`: what was
/// kept of `key`, else `make(key)`; `this` is kept as `now`. Nothing changes
/// when `make` knows no such option.
pub fn switch_enum<T: Send + Sync + 'static>(
    this: &mut T,
    now: &'static str,
    key: &str,
    stash: &mut StashAt,
    make: impl FnOnce(&str) -> Option<T>,
) {
    if let Some(new) = stash.take::<T>(key).or_else(|| make(key)) {
        let old = std::mem::replace(this, new);
        stash.keep(now, old);
    }
}

/// An optional section as a group: switched on, it is what was kept or
/// `default()`.
pub struct Optional<'a, T> {
    pub value: &'a mut Option<T>,
    pub default: fn() -> T,
}

impl<T: Section> Section for Optional<'_, T> {
    fn fields(&mut self, w: &mut Walk) {
        if let Some(v) = self.value {
            v.fields(w);
        }
    }
    fn rules(&self, path: &str) -> Result<(), ModelError> {
        match &self.value {
            Some(v) => v.rules(path),
            None => Ok(()),
        }
    }
}

impl<T: Section + Send + Sync + 'static> Group for Optional<'_, T> {
    fn is_on(&self) -> bool {
        self.value.is_some()
    }
    fn set_on(&mut self, on: bool, stash: &mut StashAt) {
        if on {
            *self.value = Some(stash.take::<T>("on").unwrap_or_else(self.default));
        } else if let Some(v) = self.value.take() {
            stash.keep("on", v);
        }
    }
}

/// What a walk shows each field to.
pub trait Visit {
    /// The field `f` at `path`, holding `slot`; `applies` is false where the
    /// scenario does not use it (a fixed fleet's fallback when sized to peak).
    fn field(&mut self, path: &str, f: &'static Field, applies: bool, slot: Slot<'_>);
    /// A section starts at `path`, titled for the page (or untitled).
    fn enter(&mut self, _path: &str, _title: Option<&'static str>) {}
    fn leave(&mut self) {}
    /// A title for the fields that follow.
    fn title(&mut self, _path: &str, _title: &'static str) {}
    /// The fields of the option chosen, or of a group switched on, follow
    /// (until `ascend`).
    fn descend(&mut self) {}
    fn ascend(&mut self) {}
    /// A section's (or choice's, or group's) own rules, after its fields.
    fn rules(&mut self, _path: &str, _section: &dyn Section) {}
    /// True once the visitor has what it wants: the walk stops.
    fn done(&self) -> bool {
        false
    }
}

/// A walk over a scenario's fields, keeping the path of each.
pub struct Walk<'v> {
    path: String,
    visit: &'v mut dyn Visit,
}

impl<'v> Walk<'v> {
    pub fn new(visit: &'v mut dyn Visit) -> Walk<'v> {
        Walk {
            path: String::new(),
            visit,
        }
    }

    /// Walks `section` from the scenario's root (or from `path`).
    pub fn run(visit: &mut dyn Visit, path: &str, section: &mut dyn Section) {
        let mut w = Walk {
            path: path.to_owned(),
            visit,
        };
        section.fields(&mut w);
        if !w.visit.done() {
            w.visit.rules(path, section);
        }
    }

    fn push(&mut self, key: &str) -> usize {
        let len = self.path.len();
        if !self.path.is_empty() && !key.starts_with('[') {
            self.path.push('.');
        }
        self.path.push_str(key);
        len
    }

    /// A field the scenario uses.
    pub fn field(&mut self, f: &'static Field, slot: Slot<'_>) {
        self.field_if(true, f, slot);
    }

    /// A field the scenario uses only when `applies`.
    pub fn field_if(&mut self, applies: bool, f: &'static Field, mut slot: Slot<'_>) {
        if self.visit.done() {
            return;
        }
        let len = self.push(f.key);
        self.visit.field(&self.path, f, applies, slot.reborrow());
        // Descend into the option chosen, or the group when on, as it is
        // after the visit (which may have switched it).
        let inner: Option<&mut dyn Section> = match slot {
            Slot::Choice(c) => Some(c),
            Slot::Group(g) if g.is_on() => Some(g),
            _ => None,
        };
        if let Some(s) = inner {
            self.visit.descend();
            s.fields(self);
            if !self.visit.done() {
                self.visit.rules(&self.path, s);
            }
            self.visit.ascend();
        }
        self.path.truncate(len);
    }

    /// A section under `key`, titled for the page or not.
    pub fn section(&mut self, key: &str, title: Option<&'static str>, s: &mut dyn Section) {
        if self.visit.done() {
            return;
        }
        let len = self.push(key);
        self.visit.enter(&self.path, title);
        s.fields(self);
        if !self.visit.done() {
            self.visit.rules(&self.path, s);
        }
        self.visit.leave();
        self.path.truncate(len);
    }

    /// Fields under `key` that belong to the section walking them (an
    /// object of the scenario's JSON with no rules of its own).
    pub fn nest(&mut self, key: &str, fields: impl FnOnce(&mut Walk)) {
        if self.visit.done() {
            return;
        }
        let len = self.push(key);
        self.visit.enter(&self.path, None);
        fields(self);
        self.visit.leave();
        self.path.truncate(len);
    }

    /// A title for the fields that follow, for the page.
    pub fn title(&mut self, title: &'static str) {
        if !self.visit.done() {
            self.visit.title(&self.path, title);
        }
    }

    /// Each of a list's sections, as `key[i]`.
    pub fn list<T: Section>(&mut self, key: &str, items: &mut [T]) {
        for (i, item) in items.iter_mut().enumerate() {
            self.section(&format!("{key}[{i}]"), None, item);
        }
    }
}

/// Checks every field against its declared bound, then each section's
/// rules: the first problem, naming the field's path.
#[derive(Default)]
pub struct Validate {
    pub error: Option<ModelError>,
}

impl Validate {
    pub fn check(path: &str, f: &Field, slot: &Slot) -> Result<(), ModelError> {
        match (f.kind, slot) {
            (Kind::Number { bound, .. }, Slot::Number(v)) => bound.check(path, **v),
            (Kind::Whole { bound }, Slot::Whole(v)) => bound.check(path, f64::from(**v)),
            (Kind::Whole { bound }, Slot::Seed(v)) => bound.check(path, **v as f64),
            (Kind::Dist { bound, count, .. }, Slot::Dist(d)) => {
                if count && !d.is_count() {
                    return Err(ModelError::Invalid {
                        field: path.to_owned(),
                        message: "must be a count: fixed, Poisson, negative binomial or geometric"
                            .into(),
                    });
                }
                bound.check_dist(path, d)
            }
            (Kind::Optional { bound, .. }, Slot::Optional(Some(v))) => bound.check(path, *v),
            (Kind::Optional { bound, .. }, Slot::OptionalWhole(Some(v))) => {
                bound.check(path, f64::from(*v))
            }
            (Kind::Text { max }, Slot::Text(t)) => crate::error::check_text(path, t, max),
            (Kind::Text { max }, Slot::OptionalText(Some(t))) => {
                crate::error::check_text(path, t, max)
            }
            _ => Ok(()),
        }
    }
}

impl Visit for Validate {
    fn field(&mut self, path: &str, f: &'static Field, _applies: bool, slot: Slot<'_>) {
        if let Err(e) = Validate::check(path, f, &slot) {
            self.error = Some(e);
        }
    }
    fn rules(&mut self, path: &str, section: &dyn Section) {
        if let Err(e) = section.rules(path) {
            self.error = Some(e);
        }
    }
    fn done(&self) -> bool {
        self.error.is_some()
    }
}

/// One field as the editor lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct Listed {
    pub path: String,
    pub field: &'static Field,
    pub applies: bool,
    pub value: Value,
    /// How many sections deep it sits.
    pub depth: usize,
    /// How many choices or groups it belongs to (the fields of a hosting,
    /// of a group switched on).
    pub nested: usize,
}

/// Lists every field with its value, and where titled sections start.
#[derive(Default)]
pub struct List {
    pub items: Vec<Item>,
    depth: usize,
    nested: usize,
}

/// A line of the editor: a field, or the title of a section.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Field(Listed),
    Title { path: String, title: &'static str },
}

impl Visit for List {
    fn field(&mut self, path: &str, f: &'static Field, applies: bool, slot: Slot<'_>) {
        self.items.push(Item::Field(Listed {
            path: path.to_owned(),
            field: f,
            applies,
            value: slot.value(),
            depth: self.depth,
            nested: self.nested,
        }));
    }
    fn enter(&mut self, path: &str, title: Option<&'static str>) {
        self.depth += 1;
        if let Some(title) = title {
            self.items.push(Item::Title {
                path: path.to_owned(),
                title,
            });
        }
    }
    fn leave(&mut self) {
        self.depth -= 1;
    }
    fn descend(&mut self) {
        self.nested += 1;
    }
    fn ascend(&mut self) {
        self.nested -= 1;
    }
    fn title(&mut self, path: &str, title: &'static str) {
        self.items.push(Item::Title {
            path: path.to_owned(),
            title,
        });
    }
}

/// Writes one field's value by its path.
pub struct Set<'a> {
    path: &'a str,
    value: Option<Value>,
    stash: &'a mut Stash,
}

impl Visit for Set<'_> {
    fn field(&mut self, path: &str, _f: &'static Field, _applies: bool, mut slot: Slot<'_>) {
        if path == self.path
            && let Some(v) = self.value.take()
        {
            slot.set(v, self.stash, path);
        }
    }
    fn done(&self) -> bool {
        self.value.is_none()
    }
}

/// Sets the field at `path` of `root` (a section walked from `prefix`) to
/// `value`; a switched choice or group keeps what it leaves in `stash`.
/// False when no field has that path.
pub fn set(
    root: &mut dyn Section,
    prefix: &str,
    path: &str,
    value: Value,
    stash: &mut Stash,
) -> bool {
    let mut v = Set {
        path,
        value: Some(value),
        stash,
    };
    Walk::run(&mut v, prefix, root);
    v.value.is_none()
}

/// Every field of `root` in reading order, with section titles.
pub fn list(root: &mut dyn Section, prefix: &str) -> Vec<Item> {
    let mut v = List::default();
    Walk::run(&mut v, prefix, root);
    v.items
}

/// The field an error's path is about: the longest field path that is the
/// error's or a prefix of it (a distribution's parameter belongs to its
/// distribution), with the rest of the error's path after it.
pub fn field_of<'e>(
    root: &mut dyn Section,
    error_path: &'e str,
) -> Option<(String, &'static Field, &'e str)> {
    struct Find<'e> {
        error: &'e str,
        best: Option<(String, &'static Field)>,
    }
    impl Visit for Find<'_> {
        fn field(&mut self, path: &str, f: &'static Field, _applies: bool, _slot: Slot<'_>) {
            if is_within(self.error, path)
                && self.best.as_ref().is_none_or(|(p, _)| p.len() < path.len())
            {
                self.best = Some((path.to_owned(), f));
            }
        }
    }
    let mut v = Find {
        error: error_path,
        best: None,
    };
    Walk::run(&mut v, "", root);
    v.best.map(|(p, f)| {
        let tail = &error_path[p.len()..];
        (p, f, tail)
    })
}

/// Is `path` the field `field`, or inside it (`field.p5`, `field[2]`)?
pub fn is_within(path: &str, field: &str) -> bool {
    path.strip_prefix(field)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('.') || rest.starts_with('['))
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Pair {
        a: f64,
        n: u32,
        opt: Option<Inner>,
    }
    #[derive(Clone)]
    struct Inner {
        x: f64,
    }
    const A: Field = Field::number("a", "A", "", Bound::new(0.0, 10.0, "must be 0–10"), "");
    const N: Field = Field::whole("n", "N", "", Bound::new(1.0, 5.0, "must be 1–5"), "");
    const OPT: Field = Field::group("opt", "Opt", "");
    const X: Field = Field::number("x", "X", "", Bound::SHARE, "");
    impl Section for Inner {
        fn fields(&mut self, w: &mut Walk) {
            w.field(&X, Slot::Number(&mut self.x));
        }
    }
    impl Section for Pair {
        fn fields(&mut self, w: &mut Walk) {
            w.field(&A, Slot::Number(&mut self.a));
            w.field(&N, Slot::Whole(&mut self.n));
            w.field(
                &OPT,
                Slot::Group(&mut Optional {
                    value: &mut self.opt,
                    default: || Inner { x: 0.5 },
                }),
            );
        }
        fn rules(&self, path: &str) -> Result<(), ModelError> {
            if self.a > f64::from(self.n) {
                return Err(ModelError::Invalid {
                    field: format!("{path}.a"),
                    message: "a above n".into(),
                });
            }
            Ok(())
        }
    }

    #[test]
    fn a_walk_validates_bounds_then_rules_and_names_the_path() {
        let mut p = Pair {
            a: 11.0,
            n: 2,
            opt: None,
        };
        let mut v = Validate::default();
        Walk::run(&mut v, "top", &mut p);
        assert_eq!(v.error.unwrap().field(), "top.a");
        p.a = 3.0;
        let mut v = Validate::default();
        Walk::run(&mut v, "top", &mut p);
        assert!(matches!(v.error, Some(ModelError::Invalid { ref field, .. }) if field == "top.a"));
        p.opt = Some(Inner { x: 2.0 });
        p.a = 1.0;
        let mut v = Validate::default();
        Walk::run(&mut v, "", &mut p);
        assert_eq!(v.error.unwrap().field(), "opt.x");
    }

    #[test]
    fn a_group_switched_off_and_on_again_keeps_what_was_typed() {
        let mut p = Pair {
            a: 1.0,
            n: 2,
            opt: None,
        };
        let mut stash = Stash::default();
        assert!(set(&mut p, "", "opt", Value::On(true), &mut stash));
        assert_eq!(p.opt.as_ref().unwrap().x, 0.5);
        assert!(set(&mut p, "", "opt.x", Value::Number(0.25), &mut stash));
        assert!(set(&mut p, "", "opt", Value::On(false), &mut stash));
        assert!(p.opt.is_none());
        assert!(!set(&mut p, "", "opt.x", Value::Number(0.1), &mut stash));
        assert!(set(&mut p, "", "opt", Value::On(true), &mut stash));
        assert_eq!(p.opt.as_ref().unwrap().x, 0.25);
        assert!(set(&mut p, "", "n", Value::Number(4.6), &mut stash));
        assert_eq!(p.n, 5);
    }

    #[test]
    fn a_list_names_each_field_once_in_order() {
        let mut p = Pair {
            a: 1.0,
            n: 2,
            opt: Some(Inner { x: 0.1 }),
        };
        let paths: Vec<String> = list(&mut p, "s")
            .into_iter()
            .filter_map(|i| match i {
                Item::Field(l) => Some(l.path),
                Item::Title { .. } => None,
            })
            .collect();
        assert_eq!(paths, ["s.a", "s.n", "s.opt", "s.opt.x"]);
        assert!(is_within("s.opt.x", "s.opt"));
        assert!(!is_within("s.optx", "s.opt"));
    }
}
