//! `burnrate`: list presets, print a scenario, simulate one, from a pipeline.
//! Bad input prints its error and exits non-zero; it never panics. A reader
//! that stops early (`| head`) ends it quietly; any other failure to write
//! says so.

use std::io::Write;
use std::process::ExitCode;

use burnrate_model::{Prepared, Scenario, crossover, presets, simulate_on};
use clap::{Parser, Subcommand};

mod calibrate;
mod capacity;
mod compare;
mod prices;
mod table;

#[derive(Parser)]
#[command(
    name = "burnrate",
    version,
    about = "Monthly LLM cost distributions: RAG vs fine-tuning vs prompt-only vs hybrid"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// A price file (burnrate's catalog, LiteLLM's price map or genai-prices'
    /// data.json) whose entries override the prices of the models and
    /// accelerators the scenario uses (`url`, `simulate`, `crossover`).
    #[arg(long, global = true, value_name = "FILE")]
    prices: Option<String>,
}

#[derive(Subcommand)]
enum Command {
    /// List the preset scenarios (id and name).
    Presets,
    /// Print a preset's scenario as JSON (edit it, then simulate the file).
    Scenario { preset: String },
    /// Print a share link for a scenario file or preset.
    Url {
        /// Path to a scenario JSON file, a preset id, or a link.
        input: String,
        /// The address the app is served from.
        #[arg(long, default_value = "http://127.0.0.1:8080/")]
        base: String,
    },
    /// Simulate a scenario file (JSON), a preset id, or a share link.
    Simulate {
        /// Path to a scenario JSON file, a preset id, or a share link.
        input: String,
        /// Override the scenario's trial count.
        #[arg(long)]
        trials: Option<u32>,
        /// Override the scenario's seed.
        #[arg(long)]
        seed: Option<u64>,
        /// Print one JSON object instead of a table.
        #[arg(long)]
        json: bool,
        /// Threads to run the trials on (default: all cores); the numbers are
        /// the same for any count.
        #[arg(long)]
        threads: Option<usize>,
        /// Print the forecast as FOCUS CSV (FinOps Open Cost and Usage
        /// Specification): a row per architecture, month and cost component.
        #[arg(long, conflicts_with = "json")]
        focus: bool,
        /// The FOCUS version the forecast follows: 1.3 (ServiceProviderName,
        /// HostProviderName) or 1.2 (ProviderName, PublisherName).
        #[arg(
            long,
            value_name = "VERSION",
            default_value = "1.3",
            requires = "focus"
        )]
        focus_version: String,
        /// The horizon's first month (YYYY-MM), overriding the scenario's
        /// start_month: which dated prices apply, and the FOCUS rows' dates.
        #[arg(long, value_name = "YYYY-MM")]
        start_month: Option<String>,
    },
    /// The prices this build carries: models, embeddings, accelerators, rerankers.
    Prices {
        /// Only entries whose id, name or provider contain every word.
        #[arg(long)]
        search: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Fit the workload to a usage log: CSV or JSON Lines, one request a row
    /// (LiteLLM's spend log, OpenAI's and Anthropic's usage objects as they are).
    Calibrate {
        /// The log file.
        file: String,
        /// A scenario file, preset id or link to take the fitted workload:
        /// the whole scenario is printed (the fit goes to stderr).
        #[arg(long, value_name = "SCENARIO_OR_PRESET")]
        into: Option<String>,
        /// The column holding a field, for other shapes: FIELD=COLUMN, with
        /// FIELD one of timestamp, input_tokens, output_tokens, cached_tokens,
        /// cache_read_tokens, cache_write_tokens, conversation, run, model,
        /// status (a JSON path with dots: usage.in). Repeatable.
        #[arg(long = "column", value_name = "FIELD=COLUMN")]
        columns: Vec<String>,
        /// The architecture (id) whose traffic the log recorded: its
        /// instructions and retrieved context, inside every logged input,
        /// come off the query's tokens (default: the --into scenario's first).
        #[arg(long, value_name = "ARCH_ID")]
        recorded_by: Option<String>,
        /// The business hours' time zone, hours ahead of UTC (default: the
        /// --into scenario's, or 0).
        #[arg(long, allow_hyphen_values = true)]
        utc_offset: Option<f64>,
        /// Print {"workload", "fit"} as JSON (with --into: {"scenario", "fit"}).
        #[arg(long)]
        json: bool,
    },
    /// Provisioned capacity on managed APIs (Azure PTU, Vertex GSU).
    Capacity {
        #[command(subcommand)]
        action: CapacityCommand,
    },
    /// Check the forecast against the bill: each month of a bill (FOCUS CSV
    /// from a cloud or LiteLLM, LiteLLM's spend log, or OpenAI's or
    /// Anthropic's cost report JSON)
    /// placed in the forecast of that month of the horizon: its P5/P50/P95,
    /// and the share of the trials that spent less than the bill (its
    /// percentile).
    Compare {
        /// Path to a scenario JSON file, a preset id, or a share link.
        input: String,
        /// The bill: FOCUS 1.2 or 1.3 CSV, LiteLLM's spend log (CSV), or the
        /// JSON of OpenAI's organisation costs or Anthropic's cost report
        /// (pages as saved).
        bill: String,
        /// The architecture (id) the bill is for: every row is its spend
        /// (default: the scenario's only architecture; with --map, none).
        #[arg(long, value_name = "ARCH_ID", conflicts_with = "map")]
        arch: Option<String>,
        /// Rows naming TEXT (model, service, SKU, line item, description or
        /// tags; ignoring case) are architecture ARCH's: TEXT=ARCH, repeatable, the
        /// first match wins. A row no rule maps is reported as unmapped.
        #[arg(long, value_name = "TEXT=ARCH")]
        map: Vec<String>,
        /// The horizon's first month (YYYY-MM; default: the scenario's
        /// start_month, else the bill's first month).
        #[arg(long, value_name = "YYYY-MM")]
        start_month: Option<String>,
        /// Threads to run the trials on (default: all cores); the numbers are
        /// the same for any count.
        #[arg(long)]
        threads: Option<usize>,
        #[arg(long)]
        json: bool,
    },
    /// Monthly spend against queries per day (P10/P50/P90) and break-even volumes.
    Crossover {
        /// Path to a scenario JSON file, or a preset id.
        input: String,
        /// Lowest and highest queries per day (log-spaced points between them).
        #[arg(long, default_value_t = 10.0)]
        from: f64,
        #[arg(long, default_value_t = 10_000_000.0)]
        to: f64,
        #[arg(long, default_value_t = 19)]
        points: usize,
        #[arg(long, default_value_t = 500)]
        trials_per_point: u64,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
enum CapacityCommand {
    /// The units a steady load needs under an offer, by the vendor's own
    /// formula (one rate, one request size), and their price a month per term.
    Size {
        /// The offer: azure-ptu-global, azure-ptu-data-zone,
        /// azure-ptu-regional, vertex-gsu-global.
        #[arg(long)]
        offer: String,
        /// The model, as `burnrate prices` names it (openai/gpt-5.2).
        #[arg(long)]
        model: String,
        /// Requests a minute at the peak to serve.
        #[arg(long)]
        rpm: f64,
        /// Input tokens a request sends (cached ones included).
        #[arg(long)]
        input_tokens: f64,
        /// Output tokens a request generates.
        #[arg(long)]
        output_tokens: f64,
        /// Of the input, the share read from the prompt cache.
        #[arg(long, default_value_t = 0.0)]
        cached_share: f64,
        /// Audio input tokens a request sends besides its text (Vertex).
        #[arg(long, default_value_t = 0.0)]
        audio_input_tokens: f64,
        #[arg(long)]
        json: bool,
    },
    /// The cheapest way to buy an architecture's capacity under the
    /// simulated traffic: pay-as-you-go, or units on each of the offer's
    /// terms, each run on the same trials; the cheapest on average whose
    /// months stay within the limits with the confidence asked (on its own
    /// instances: how many to commit). Over a growing horizon, also when to
    /// add units: at most four steps, each searched on its last month.
    Optimize {
        /// Path to a scenario JSON file, a preset id, or a share link.
        input: String,
        /// The architecture (id): on a managed API, or on its own instances
        /// with committed instances switched on.
        #[arg(long)]
        arch: String,
        /// The offer whose throughput and terms to search (default: the
        /// architecture's own provisioned group, on its one price).
        #[arg(long)]
        offer: Option<String>,
        /// Units to try, comma-separated (default: a grid from the minimum).
        #[arg(long, value_delimiter = ',')]
        units: Option<Vec<u32>>,
        /// Most share of a month's calls spilled to pay-as-you-go.
        #[arg(long)]
        max_spill_share: Option<f64>,
        /// Most share of a month's calls refused (throttle above capacity).
        #[arg(long)]
        max_throttle_share: Option<f64>,
        /// The chance a month must stay within the limits.
        #[arg(long, default_value_t = 0.95)]
        confidence: f64,
        /// Trials per option (default: the scenario's, at most 2,000).
        #[arg(long)]
        trials: Option<u32>,
        #[arg(long)]
        json: bool,
    },
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        // The shell's status for a writer whose reader left (128 + SIGPIPE).
        Err(Failure::ReaderGone) => ExitCode::from(141),
        Err(Failure::Message(message)) => {
            say(&message);
            ExitCode::FAILURE
        }
    }
}

/// Writes `burnrate: {text}` to stderr, with control characters (a
/// terminal's escape sequences from a link, a log's header, a file name)
/// shown as escapes. Never stops the program: nothing more is to be done
/// when even stderr cannot be written (`2>/dev/full`), and `eprintln!`
/// would abort there.
fn say(text: &str) {
    let _ = writeln!(std::io::stderr(), "burnrate: {}", table::printable(text));
}

/// Why a command stopped.
enum Failure {
    Message(String),
    /// Standard output's reader closed it (`burnrate … | head`).
    ReaderGone,
}

impl From<String> for Failure {
    fn from(message: String) -> Failure {
        Failure::Message(message)
    }
}

impl From<&str> for Failure {
    fn from(message: &str) -> Failure {
        Failure::Message(message.to_owned())
    }
}

/// Writes `text` to standard output, and says what went wrong if it cannot.
fn emit(text: &str) -> Result<(), Failure> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::BrokenPipe => Failure::ReaderGone,
            _ => Failure::Message(format!("cannot write the output: {e}")),
        })
}

/// `--threads`: at least 1, at most 256; default all cores.
fn threads_of(threads: Option<usize>) -> Result<usize, Failure> {
    match threads {
        Some(0) => Err("--threads must be at least 1".into()),
        Some(n) => Ok(n.min(256)),
        None => Ok(std::thread::available_parallelism().map_or(1, |n| n.get())),
    }
}

fn json<T: serde::Serialize>(value: &T) -> Result<(), Failure> {
    emit(&(serde_json::to_string_pretty(value).map_err(|e| e.to_string())? + "\n"))
}

fn run(cli: Cli) -> Result<(), Failure> {
    let prices = cli.prices.as_deref();
    // The input's scenario, with the price file's rates when one is given.
    let scenario_of = |input: &str| -> Result<Scenario, Failure> {
        let scenario = load(input)?;
        Ok(match prices {
            Some(file) => with_prices(scenario, file)?,
            None => scenario,
        })
    };
    match cli.command {
        Command::Capacity {
            action:
                CapacityCommand::Size {
                    offer,
                    model,
                    rpm,
                    input_tokens,
                    output_tokens,
                    cached_share,
                    audio_input_tokens,
                    json: as_json,
                },
        } => {
            let load = burnrate_model::provisioned::Load {
                requests_per_minute: rpm,
                input_tokens,
                output_tokens,
                cached_share,
                audio_input_tokens,
            };
            let sizing =
                burnrate_model::provisioned::Offers::shipped().size(&offer, &model, &load)?;
            if as_json {
                json(&sizing)
            } else {
                emit(&capacity::render(&sizing))
            }
        }
        Command::Capacity {
            action:
                CapacityCommand::Optimize {
                    input,
                    arch,
                    offer,
                    units,
                    max_spill_share,
                    max_throttle_share,
                    confidence,
                    trials,
                    json: as_json,
                },
        } => {
            let scenario = scenario_of(&input)?;
            let limits = burnrate_model::capacity_search::Limits {
                max_spill_share,
                max_throttle_share,
                confidence,
            };
            let search = burnrate_model::capacity_search::for_architecture(
                &scenario,
                &arch,
                offer.as_deref(),
                units.as_deref(),
                &limits,
                trials.unwrap_or(scenario.trials.min(2_000)),
                &mut |_| {},
            )?;
            let committed = matches!(
                search.base,
                burnrate_model::capacity_search::Base::Committed(_)
            );
            let unbound = if committed
                && (max_spill_share.is_some() || max_throttle_share.is_some())
            {
                "The limits do not bound committed instances: a commitment changes what capacity costs, not capacity.\n"
            } else {
                ""
            };
            if as_json {
                json(&search)
            } else {
                emit(&(capacity::render_search(&search) + unbound))
            }
        }
        Command::Presets => {
            let mut text = String::new();
            for (id, name) in presets::PRESETS {
                text += &format!("{id:<18} {name}\n");
            }
            emit(&text)
        }
        Command::Scenario { preset } => {
            let s = presets::preset(&preset).ok_or_else(|| unknown_preset(&preset))?;
            json(&s)
        }
        Command::Url { input, base } => {
            let scenario = scenario_of(&input)?;
            burnrate_model::validate::validate(&scenario).map_err(|e| e.to_string())?;
            emit(&(burnrate_model::link::share_url(&base, &scenario) + "\n"))
        }
        Command::Simulate {
            input,
            trials,
            seed,
            json,
            threads,
            focus,
            focus_version,
            start_month,
        } => {
            let mut scenario = scenario_of(&input)?;
            if let Some(m) = start_month {
                scenario.start_month = Some(m);
            }
            if let Some(t) = trials {
                scenario.trials = t;
            }
            if let Some(s) = seed {
                scenario.seed = s;
            }
            let threads = threads_of(threads)?;
            if focus {
                let Some(start) = scenario.start_month.clone() else {
                    return Err("FOCUS rows need dates: pass --start-month YYYY-MM (or set the scenario's start_month)".into());
                };
                use burnrate_model::results::focus;
                let Some(version) = focus::Version::from_text(&focus_version) else {
                    return Err(format!("--focus-version {focus_version}: write 1.3 or 1.2").into());
                };
                let prepared = Prepared::new(&scenario).map_err(|e| e.to_string())?;
                let f = focus::forecast(&prepared, threads)?;
                return emit(&focus::csv(&prepared, &f, &start, version)?);
            }
            let summary = simulate_on(&scenario, threads).map_err(|e| e.to_string())?;
            // Prices the scenario sets itself (edited, carried by its link,
            // from --prices) are said, never passed off as the catalog's.
            let own = burnrate_model::pin::differing(
                &scenario,
                &burnrate_model::catalog::Catalog::shipped(),
            );
            if let Some(note) = burnrate_model::pin::own_prices_note(&own) {
                say(&format!("note: {note}"));
            }
            if let Some(note) = burnrate_model::inputs::held_at_bounds_note(&scenario) {
                say(&format!("note: {note}"));
            }
            if json {
                let mut v = serde_json::to_value(&summary).map_err(|e| e.to_string())?;
                v["prices_differ_from_catalog"] = serde_json::json!(own);
                self::json(&v)
            } else {
                emit(&table::render(&scenario, &summary))
            }
        }
        Command::Compare {
            input,
            bill,
            arch,
            map,
            start_month,
            threads,
            json: as_json,
        } => {
            let scenario = scenario_of(&input)?;
            let threads = threads_of(threads)?;
            let text = std::fs::read_to_string(&bill).map_err(|e| format!("{bill}: {e}"))?;
            let c = compare::run(&scenario, &text, arch, &map, start_month, threads)?;
            if as_json {
                json(&c)
            } else {
                emit(&compare::render(&c))
            }
        }
        Command::Prices { search, json } => {
            let listing = prices::listing(search.as_deref())?;
            if json {
                self::json(&listing)
            } else {
                emit(&prices::render(&listing))
            }
        }
        Command::Calibrate {
            file,
            into,
            columns,
            recorded_by,
            utc_offset,
            json,
        } => {
            let mut mapping = burnrate_model::calibrate::Mapping::default();
            for spec in &columns {
                mapping.add(spec)?;
            }
            let mut base = match &into {
                Some(input) => scenario_of(input)?,
                None => presets::text_to_sql(),
            };
            if let Some(hours) = utc_offset {
                if !(-12.0..=14.0).contains(&hours) {
                    return Err("--utc-offset must be between -12 and +14 hours".into());
                }
                base.workload.utc_offset_hours = hours;
            }
            let c = calibrate::from_file(&file, mapping, &base.workload)?;
            match (into.is_some(), json) {
                (false, false) => emit(&calibrate::render(&c, &c.workload, &base.workload)),
                (false, true) => self::json(&c),
                (true, json) => {
                    let by = match &recorded_by {
                        Some(id) => Some(
                            base.architectures
                                .iter()
                                .position(|a| &a.id == id)
                                .ok_or_else(|| {
                                    let ids: Vec<&str> =
                                        base.architectures.iter().map(|a| a.id.as_str()).collect();
                                    format!(
                                        "no architecture \"{id}\" in the scenario; its ids are: {}",
                                        ids.join(", ")
                                    )
                                })?,
                        ),
                        None => Some(0),
                    };
                    let (scenario, note) = c.apply(&base, by);
                    if let Some(note) = note {
                        say(&format!("note: {note}"));
                    }
                    burnrate_model::validate::validate(&scenario).map_err(|e| e.to_string())?;
                    if json {
                        self::json(&serde_json::json!({ "scenario": scenario, "fit": c.fit }))
                    } else {
                        // The report beside the scenario: to stderr, never stopping.
                        let report = calibrate::render(&c, &scenario.workload, &base.workload);
                        let _ = std::io::stderr().write_all(report.as_bytes());
                        self::json(&scenario)
                    }
                }
            }
        }
        Command::Crossover {
            input,
            from,
            to,
            points,
            trials_per_point,
            json,
        } => {
            let scenario = scenario_of(&input)?;
            if !(from >= 1e-3
                && to > from
                && to <= 1e9
                && (2..=200).contains(&points)
                && (1..=100_000).contains(&trials_per_point))
            {
                return Err("need 0.001 ≤ --from < --to ≤ 1,000,000,000 queries a day, 2 to 200 --points and 1 to 100,000 --trials-per-point".into());
            }
            let prepared = Prepared::new(&scenario).map_err(|e| e.to_string())?;
            let c = crossover::crossover(
                &prepared,
                &crossover::log_volumes(from, to, points),
                trials_per_point,
            );
            if json {
                self::json(&c)
            } else {
                emit(&table::render_crossover(&scenario, &c))
            }
        }
    }
}

/// The scenario with the price file's entries for what it uses; says on
/// stderr which were taken, and refuses a file that prices none of them.
fn with_prices(scenario: Scenario, file: &str) -> Result<Scenario, String> {
    let text = std::fs::read_to_string(file).map_err(|e| format!("cannot read {file}: {e}"))?;
    let (catalog, dropped) =
        burnrate_model::price_file::read_keeping(&text).map_err(|e| format!("{file}: {e}"))?;
    let u = burnrate_model::pin::used(&scenario);
    let used = [u.models, u.embeddings, u.rerankers, u.accelerators].concat();
    let left_out = burnrate_model::price_file::dropped_note(&dropped, &used);
    let (scenario, taken) = burnrate_model::pin::overridden(&scenario, &catalog);
    if taken.is_empty() {
        return Err(match left_out {
            Some(note) => format!("{file}: {}", table::printable(&note)),
            None => format!(
                "{file} prices none of what the scenario uses ({}): its ids must match",
                table::printable(&used.join(", "))
            ),
        });
    }
    say(&format!("prices from {file} for {}", taken.join(", ")));
    if let Some(note) = left_out {
        say(&format!("note: {note}"));
    }
    Ok(scenario)
}

/// A share link's scenario; a format-1 link (no checksum) opens with a note.
fn open_link(input: &str) -> Result<Scenario, String> {
    let opened = burnrate_model::link::open(input).map_err(|e| e.to_string())?;
    if !opened.checked {
        say(
            "note: this link was made before links carried a checksum, so nothing shows \
             whether it was edited on the way; check its figures with whoever sent it",
        );
    }
    Ok(opened.scenario)
}

/// A preset id, a share link, or else a file holding a scenario's JSON.
fn load(input: &str) -> Result<Scenario, String> {
    if let Some(s) = presets::preset(input) {
        return Ok(s);
    }
    let payload = burnrate_model::link::payload_of(input);
    // Anything shaped like an address is a link, never a file name.
    if input.starts_with("http://") || input.starts_with("https://") || input.contains('#') {
        if !input.contains("#s=") {
            return Err(format!(
                "{} is a link without a scenario: burnrate links end in #s=…",
                table::printable(&input.chars().take(80).collect::<String>())
            ));
        }
        return open_link(input);
    }
    if input.contains("#s=")
        || input.starts_with("s=")
        || payload.starts_with(&format!("{}.", burnrate_model::link::CODEC))
        || payload.starts_with(&format!("{}.", burnrate_model::link::UNCHECKED_CODEC))
    {
        return open_link(input);
    }
    let text = std::fs::read_to_string(input).map_err(|e| {
        format!("cannot read {input}: {e} (and it is not a preset id: try `burnrate presets`)")
    })?;
    burnrate_model::migrate::scenario_from_str(&text).map_err(|e| format!("{input}: {e}"))
}

fn unknown_preset(id: &str) -> String {
    let ids: Vec<&str> = presets::PRESETS.iter().map(|(id, _)| *id).collect();
    format!("no preset \"{id}\"; presets are: {}", ids.join(", "))
}
