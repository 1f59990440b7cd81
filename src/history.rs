//! The scenarios you replaced, newest first: a preset, a link (a colleague's,
//! a price import or an accepted calibration, which open as links), an
//! imported file or restoring another each keep the scenario they replace,
//! so that a second replacement never loses the first (issue 33: Restore
//! once kept one). Plain data and pure functions; storage.rs keeps the list
//! for reloads, the preset picker offers it.

use burnrate_model::Scenario;

/// How many replaced scenarios are kept; beyond, the oldest goes.
pub const KEPT: usize = 10;

/// One replaced scenario, with when and by what it was replaced.
#[derive(Debug, Clone, PartialEq)]
pub struct Replaced {
    pub scenario: Scenario,
    /// Milliseconds since 1970 (0: unknown, kept by an older burnrate).
    pub at_ms: f64,
    /// What replaced it, as the menu says it: "a preset", "a link"…
    pub by: String,
}

/// `old`, replaced by `new` through `by` at `at_ms`, goes first. Nothing is
/// kept when nothing changes (`old` is `new`), an entry holding the same
/// scenario moves up instead of being kept twice, and past [`KEPT`] the
/// oldest goes.
pub fn push(list: &mut Vec<Replaced>, old: Scenario, new: &Scenario, by: &str, at_ms: f64) {
    if old == *new {
        return;
    }
    list.retain(|r| r.scenario != old);
    list.insert(
        0,
        Replaced {
            scenario: old,
            at_ms,
            by: by.to_owned(),
        },
    );
    list.truncate(KEPT);
}

/// Takes entry `i` out to be opened; `current`, which it replaces, is kept
/// in its place at the top (restoring loses nothing either).
pub fn restore(
    list: &mut Vec<Replaced>,
    i: usize,
    current: Scenario,
    at_ms: f64,
) -> Option<Scenario> {
    if i >= list.len() {
        return None;
    }
    let taken = list.remove(i).scenario;
    push(list, current, &taken, "restoring another", at_ms);
    Some(taken)
}

/// The menu's words for an entry: its name, what replaced it and when
/// (`clock` renders the time).
pub fn label(r: &Replaced, clock: impl Fn(f64) -> String) -> String {
    let name = if r.scenario.name.trim().is_empty() {
        "Untitled scenario"
    } else {
        r.scenario.name.as_str()
    };
    let name = burnrate_model::error::shortened(name);
    if r.at_ms > 0.0 {
        format!("{name} — replaced by {} at {}", r.by, clock(r.at_ms))
    } else {
        format!("{name} — replaced by {}", r.by)
    }
}

/// The menu's options: a disabled heading, then each entry by its index,
/// its words escaped (a scenario's name is text, never markup).
pub fn options_html(list: &[Replaced], clock: impl Fn(f64) -> String) -> String {
    let mut html = format!(
        "<option value=\"\" selected disabled>Earlier scenarios ({})…</option>",
        list.len()
    );
    for (i, r) in list.iter().enumerate() {
        let text = crate::html::escape(&label(r, &clock));
        html.push_str(&format!("<option value=\"{i}\">{text}</option>"));
    }
    html
}

#[cfg(test)]
mod tests {
    use super::*;
    use burnrate_model::presets;

    fn named(name: &str) -> Scenario {
        let mut s = presets::knowledge_base();
        s.name = name.into();
        s
    }

    /// Your own, then preset A, then preset B: both your own and A stay,
    /// newest first (issue 33's "Restore keeps one scenario").
    #[test]
    fn three_replacements_keep_the_first_two() {
        let mut list = Vec::new();
        push(&mut list, named("own"), &named("A"), "a preset", 1.0);
        push(&mut list, named("A"), &named("B"), "a link", 2.0);
        let names: Vec<_> = list.iter().map(|r| r.scenario.name.as_str()).collect();
        assert_eq!(names, ["A", "own"]);
        assert_eq!(list[1].by, "a preset");
    }

    /// Restoring the older one keeps the current one: nothing is lost.
    #[test]
    fn restoring_keeps_the_scenario_it_replaces() {
        let mut list = Vec::new();
        push(&mut list, named("own"), &named("A"), "a preset", 1.0);
        push(&mut list, named("A"), &named("B"), "a preset", 2.0);
        let got = restore(&mut list, 1, named("B"), 3.0).unwrap();
        assert_eq!(got.name, "own");
        let names: Vec<_> = list.iter().map(|r| r.scenario.name.as_str()).collect();
        assert_eq!(names, ["B", "A"]);
        assert!(restore(&mut list, 9, named("x"), 4.0).is_none());
    }

    #[test]
    fn the_same_scenario_is_kept_once_and_the_oldest_goes_past_the_limit() {
        let mut list = Vec::new();
        push(&mut list, named("own"), &named("own"), "a preset", 1.0);
        assert!(list.is_empty());
        for i in 0..KEPT + 3 {
            push(
                &mut list,
                named(&format!("s{i}")),
                &named("next"),
                "a preset",
                i as f64,
            );
        }
        assert_eq!(list.len(), KEPT);
        assert_eq!(list[0].scenario.name, format!("s{}", KEPT + 2));
        push(&mut list, named("s5"), &named("next"), "a link", 99.0);
        assert_eq!(list.len(), KEPT);
        assert_eq!(list.iter().filter(|r| r.scenario.name == "s5").count(), 1);
        assert_eq!(list[0].by, "a link");
    }

    #[test]
    fn labels_name_the_scenario_what_replaced_it_and_when() {
        let r = Replaced {
            scenario: named("Plan B"),
            at_ms: 5.0,
            by: "a preset".into(),
        };
        assert_eq!(
            label(&r, |_| "04:31".into()),
            "Plan B — replaced by a preset at 04:31"
        );
        let old = Replaced { at_ms: 0.0, ..r };
        assert_eq!(
            label(&old, |_| unreachable!()),
            "Plan B — replaced by a preset"
        );
    }

    #[test]
    fn a_name_in_the_menu_is_text_not_markup() {
        let r = Replaced {
            scenario: named("<style>*{display:none}</style>"),
            at_ms: 0.0,
            by: "a link".into(),
        };
        let html = options_html(&[r], |_| String::new());
        assert!(html.contains("<option value=\"0\">&lt;style&gt;*{display:none}&lt;/style&gt; — replaced by a link</option>"), "{html}");
        assert!(
            html.starts_with(
                "<option value=\"\" selected disabled>Earlier scenarios (1)…</option>"
            )
        );
    }
}
