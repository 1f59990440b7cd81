//! The page's address: the scenario travels in the fragment (replaced, never
//! pushed, so edits do not pile up history entries), with the options
//! `embed=1`, `charts=a,b`, `workers=N` and `engine=fast|page`. One parser
//! reads them all.

use burnrate_model::Scenario;
use burnrate_model::link::{self, LinkError};

/// The options the fragment carries (`#embed=1&charts=cdf,tco&workers=2&s=…`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Fragment {
    /// The read-only embed instead of the app.
    pub embed: bool,
    /// The charts an embed asks for, as written (unknown ids included).
    pub charts: Vec<String>,
    /// Simulation workers asked for.
    pub workers: Option<usize>,
    /// The workers' module asked for: `fast` for every run, `page` for none
    /// (otherwise long runs load the fast engine: src/workers.rs). For
    /// tests and benchmarks.
    pub engine: Option<String>,
    /// Whether a scenario (`s=`) is present, valid or not.
    pub scenario: bool,
    /// An embed's theme ("light" or "dark"); otherwise the viewer's setting.
    pub theme: Option<String>,
}

impl Fragment {
    /// Reads a fragment, with or without its `#`.
    pub fn parse(hash: &str) -> Fragment {
        let mut f = Fragment::default();
        // A part that is none of the options (`#S=…`, `#x=…`: a marker
        // edited by hand) is read as a link, which says what is wrong,
        // rather than ignored, which would open the default scenario.
        let mut unknown = false;
        for part in hash.trim_start_matches('#').split('&') {
            let known = ["embed=", "charts=", "theme=", "workers=", "engine=", "s="]
                .iter()
                .any(|p| part.starts_with(p));
            unknown |= !part.is_empty() && !known;
            if part == "embed=1" {
                f.embed = true;
            } else if let Some(list) = part.strip_prefix("charts=") {
                f.charts = list.split(',').map(str::to_owned).collect();
            } else if let Some(t) = part.strip_prefix("theme=") {
                f.theme = ["light", "dark"].contains(&t).then(|| t.to_owned());
            } else if let Some(n) = part.strip_prefix("workers=") {
                f.workers = n.parse().ok();
            } else if let Some(e) = part.strip_prefix("engine=") {
                f.engine = ["fast", "page"].contains(&e).then(|| e.to_owned());
            }
        }
        let marker = hash
            .trim_start_matches('#')
            .split('&')
            .any(|part| part.starts_with("s="));
        f.scenario = !link::payload_of(hash).is_empty() || marker || unknown;
        f
    }
}

/// The page's full address.
pub fn href() -> String {
    web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default()
}

/// The fragment, with its `#`.
pub fn hash() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// Replaces the fragment without adding a history entry.
pub fn replace_fragment(fragment: &str) {
    if let Some(w) = web_sys::window()
        && let Ok(history) = w.history()
    {
        let _ = history.replace_state_with_url(
            &wasm_bindgen::JsValue::NULL,
            "",
            Some(&format!("#{fragment}")),
        );
    }
}

/// What the address holds at start-up.
pub enum Opened {
    /// No scenario in the address.
    Nothing,
    /// A scenario, and whether its link carried a checksum.
    Scenario(Box<Scenario>, bool),
    /// A link that could not be opened, with the link as it was.
    Bad(LinkError, String),
}

pub fn opened() -> Opened {
    let hash = hash();
    if !Fragment::parse(&hash).scenario {
        return Opened::Nothing;
    }
    match link::open(&hash) {
        Ok(o) => Opened::Scenario(Box::new(o.scenario), o.checked),
        Err(e) => Opened::Bad(e, href()),
    }
}

#[cfg(test)]
mod tests {
    use super::Fragment;

    #[test]
    fn the_fragment_options_are_read_in_any_order() {
        let f = Fragment::parse("#workers=2&embed=1&charts=cdf,tco&engine=fast&s=1.abc");
        assert!(f.embed && f.scenario);
        assert_eq!(f.engine.as_deref(), Some("fast"));
        assert_eq!(Fragment::parse("#engine=turbo").engine, None);
        assert_eq!(f.charts, ["cdf", "tco"]);
        assert_eq!(f.workers, Some(2));
        let plain = Fragment::parse("#s=1.abc");
        assert!(!plain.embed && plain.scenario && plain.workers.is_none());
        assert_eq!(Fragment::parse(""), Fragment::default());
        assert_eq!(Fragment::parse("#workers=x").workers, None);
    }

    /// A scenario marker edited by hand is a link to refuse, not nothing.
    #[test]
    fn an_unknown_part_is_read_as_a_link() {
        for hash in ["#S=2.abc", "#x=2.abc", "#2.abc", "#embed=1&S=2.abc"] {
            assert!(Fragment::parse(hash).scenario, "{hash}");
        }
        for hash in ["", "#", "#embed=1", "#workers=2&theme=dark"] {
            assert!(!Fragment::parse(hash).scenario, "{hash}");
        }
    }
}
