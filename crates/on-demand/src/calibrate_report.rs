//! The fit as HTML: what was read, the bad rows by line, a table of each
//! input (the log, the fit, the scenario now), and the log's histograms
//! beside the fitted distributions as SVG. Pure text, tested natively.

use burnrate_model::calibrate::Calibration;
use burnrate_model::calibrate::report::{self, number, percent};
use burnrate_model::markup::escape;
use burnrate_model::scenario::Workload;

/// The report for the fit `c` of a scenario whose workload was `before`
/// and which accepting the fit gives the workload `written`.
pub fn report(c: &Calibration, written: &Workload, before: &Workload) -> String {
    let f = &c.fit;
    let mut out = format!(
        "<p class=\"calibrator-read\">{}</p>",
        escape(&report::read_summary(c))
    );
    if !f.first_bad_rows.is_empty() {
        out += &format!(
            "<p>{} could not be read; {}:</p><ul class=\"calibrator-bad\">",
            if f.bad_rows == 1 {
                "1 row".to_owned()
            } else {
                format!("{} rows", report::count(f.bad_rows as f64))
            },
            if f.bad_rows as usize > f.first_bad_rows.len() {
                "the first"
            } else {
                "by line"
            }
        );
        for b in &f.first_bad_rows {
            out += &format!("<li>line {}: {}</li>", b.line, escape(&b.reason));
        }
        out += "</ul>";
    }
    out += "<table class=\"calibrator-fit\"><caption>The fitted workload: what Accept writes (the fit, less what the recording architecture adds to each call itself)</caption><thead><tr><th scope=\"col\">Input</th><th scope=\"col\">In the log</th><th scope=\"col\">Written on Accept</th><th scope=\"col\">The scenario now</th></tr></thead><tbody>";
    for r in report::rows(c, written, before) {
        out += &format!(
            "<tr><th scope=\"row\">{}</th><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(r.input),
            escape(&r.log),
            escape(&r.fitted),
            escape(&r.before)
        );
    }
    out += "</tbody></table>";
    let hours: Vec<String> = (0..24).map(|h| h.to_string()).collect();
    out += &bars(
        ("Requests by hour of the day", "requests"),
        "hour of the day (the scenario's time zone)",
        &hours,
        &f.hour_of_day_share,
        &f.fitted_hour_of_day_share,
    );
    let charts = [
        (
            ("Queries per day", "days"),
            "requests on a day (the log's whole days as average days)",
            &f.days,
        ),
        (
            ("Input tokens per request", "requests"),
            "tokens (logarithmic bins)",
            &f.input_tokens.bins,
        ),
        (
            ("Output tokens per request", "requests"),
            "tokens (logarithmic bins)",
            &f.output_tokens.bins,
        ),
    ];
    for (title, axis, b) in charts {
        let labels: Vec<String> = b.edges.iter().map(|e| number(*e)).collect();
        out += &bars(title, axis, &labels, &b.log_share, &b.fitted_share);
    }
    if let Some(r) = &f.agent_runs {
        out += &format!(
            "<p class=\"hint\">Agent runs: {} runs of {} steps on average (P95 {}). Every step is a request of the log, so the fit counts them already; the agents section is left as it is.</p>",
            report::count(r.count as f64),
            number(r.per_group.mean),
            number(r.per_group.p95)
        );
    }
    if !f.models.is_empty() {
        let models: Vec<String> = f
            .models
            .iter()
            .take(5)
            .map(|m| format!("{} {}", escape(&m.model), percent(m.share)))
            .collect();
        out += &format!(
            "<p class=\"hint\">Models in the log: {}.</p>",
            models.join(", ")
        );
    }
    for note in &f.notes {
        out += &format!("<p class=\"hint\">Note: {}.</p>", escape(note));
    }
    out
}

/// A bar per bin: the log's share (of `what`: requests, or days) as a bar,
/// the fit's as a step line; the first and last bins' labels under the
/// axis, the largest share at the top; the title and caption above it, as
/// a heading (issue 32: under each chart they read as the next one's).
fn bars(
    (title, what): (&str, &str),
    axis: &str,
    labels: &[String],
    log: &[f64],
    fitted: &[f64],
) -> String {
    // A narrow view box: its 13-unit text reads at 10–13 px on a phone or a desktop column.
    const W: f64 = 360.0;
    const H: f64 = 150.0;
    const TOP: f64 = 16.0;
    const BASE: f64 = 126.0;
    let n = log.len().max(1);
    let most = log
        .iter()
        .chain(fitted)
        .fold(0.0f64, |a, &b| a.max(b))
        .max(1e-12);
    let width = W / n as f64;
    let y = |share: f64| BASE - (BASE - TOP) * share / most;
    let mut svg = String::new();
    for (i, &share) in log.iter().enumerate() {
        svg += &format!(
            "<rect class=\"log\" x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\"></rect>",
            i as f64 * width + 0.5,
            y(share),
            (width - 1.0).max(0.5),
            BASE - y(share)
        );
    }
    let steps: Vec<String> = fitted
        .iter()
        .enumerate()
        .flat_map(|(i, &share)| {
            [
                format!("{:.1},{:.1}", i as f64 * width, y(share)),
                format!("{:.1},{:.1}", (i + 1) as f64 * width, y(share)),
            ]
        })
        .collect();
    svg += &format!(
        "<polyline class=\"fit\" points=\"{}\"></polyline>",
        steps.join(" ")
    );
    let first = labels.first().map_or("", String::as_str);
    let last = labels.last().map_or("", String::as_str);
    let description = format!(
        "{title}: the log's share of {what} in each bin as bars, the fitted distribution's as a line; bins from {first} to {last}; the largest share {}.",
        percent(most)
    );
    format!(
        "<figure class=\"calibrator-chart\"><figcaption><h4>{}</h4>The log (bars) and the fit (line): share of {what} by {}.</figcaption><svg viewBox=\"0 0 {W} {H}\" role=\"img\" aria-label=\"{}\">{svg}<line class=\"axis\" x1=\"0\" y1=\"{BASE}\" x2=\"{W}\" y2=\"{BASE}\"></line><text x=\"0\" y=\"{}\">{}</text><text x=\"{W}\" y=\"{}\" text-anchor=\"end\">{}</text><text x=\"0\" y=\"12\">{} of {what}</text></svg></figure>",
        escape(title),
        escape(axis),
        escape(&description),
        BASE + 16.0,
        escape(first),
        BASE + 16.0,
        escape(last),
        percent(most),
    )
}

#[cfg(test)]
mod tests {
    use burnrate_model::calibrate::report::dist;
    use burnrate_model::calibrate::{Mapping, calibrate};
    use burnrate_model::presets;

    /// Issue 32: the report shows what Accept writes. A log of 1,920-token
    /// requests recorded by an architecture whose instructions and context
    /// are 1,500 tokens: the query row reads the 420 that is written, not
    /// the log's 1,920.
    #[test]
    fn the_report_shows_the_workload_accept_writes() {
        let mut log = String::from("created,prompt_tokens,completion_tokens\n");
        for h in 0..72 {
            log += &format!("{},1920,200\n", 1_790_000_000 + h * 3600);
        }
        let mut base = presets::text_to_sql();
        base.architectures[0].instruction_tokens = 1_500.0;
        let added = base.architectures[0].tokens_added_per_call();
        let c = calibrate(log.as_bytes(), Mapping::default(), &base.workload).unwrap();
        let (accepted, _) = c.apply(&base, Some(0));
        let written = dist(&accepted.workload.query_tokens.mean_tokens);
        let fitted = dist(&c.workload.query_tokens.mean_tokens);
        assert_ne!(written, fitted);
        let html = super::report(&c, &accepted.workload, &base.workload);
        assert!(
            html.contains(&format!("<td>{written}, spread")),
            "{added}: {written} not in {html}"
        );
        assert!(!html.contains(&format!("<td>{fitted}, spread")), "{html}");
    }

    /// A log whose model name is markup: the report escapes it; its
    /// numbers and bad row show.
    #[test]
    fn the_report_shows_the_fit_and_escapes_the_file_s_text() {
        let mut log = String::from("created,prompt_tokens,completion_tokens,model\n");
        for h in 0..48 {
            log += &format!("{},1000,200,<b>x</b>\n", 1_790_000_000 + h * 3600);
        }
        log += "1790999999,lots,200,m\n";
        let base = presets::text_to_sql().workload;
        let c = calibrate(log.as_bytes(), Mapping::default(), &base).unwrap();
        let html = super::report(&c, &c.workload, &base);
        assert!(html.contains("&lt;b&gt;x&lt;/b&gt;"), "{html}");
        assert!(!html.contains("<b>"), "{html}");
        assert!(html.contains("line 50: input tokens"), "{html}");
        assert!(
            html.contains("<th scope=\"row\">Queries per day</th>"),
            "{html}"
        );
        assert_eq!(html.matches("<figure").count(), 4);
        // Each chart's title heads it; the days' chart counts days.
        assert!(
            html.contains(
                "<figure class=\"calibrator-chart\"><figcaption><h4>Queries per day</h4>"
            ),
            "{html}"
        );
        assert!(html.contains("% of days</text>"), "{html}");
        assert!(html.contains("Written on Accept"), "{html}");
        assert_eq!(html.matches("<rect").count(), 24 + 30 + 30 + 30);
    }
}
