//! `burnrate`: list presets, print a scenario, simulate one, from a pipeline.
//! Bad input prints its error and exits non-zero; it never panics.

use std::process::ExitCode;

use burnrate_model::{Prepared, Scenario, crossover, presets, simulate_on};
use clap::{Parser, Subcommand};

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

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("burnrate: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> Result<(), String> {
    match cli.command {
        Command::Presets => {
            for (id, name) in presets::PRESETS {
                println!("{id:<18} {name}");
            }
            Ok(())
        }
        Command::Scenario { preset } => {
            let s = presets::preset(&preset).ok_or_else(|| unknown_preset(&preset))?;
            println!(
                "{}",
                serde_json::to_string_pretty(&s).map_err(|e| e.to_string())?
            );
            Ok(())
        }
        Command::Url { input, base } => {
            let scenario = load(&input)?;
            burnrate_model::validate::validate(&scenario).map_err(|e| e.to_string())?;
            println!("{}", burnrate_model::link::share_url(&base, &scenario));
            Ok(())
        }
        Command::Simulate {
            input,
            trials,
            seed,
            json,
            threads,
        } => {
            let mut scenario = load(&input)?;
            if let Some(t) = trials {
                scenario.trials = t;
            }
            if let Some(s) = seed {
                scenario.seed = s;
            }
            let threads = match threads {
                Some(0) => return Err("--threads must be at least 1".into()),
                Some(n) => n.min(256),
                None => std::thread::available_parallelism().map_or(1, |n| n.get()),
            };
            let summary = simulate_on(&scenario, threads).map_err(|e| e.to_string())?;
            if json {
                println!(
                    "{}",
                    serde_json::to_string_pretty(&summary).map_err(|e| e.to_string())?
                );
            } else {
                print!("{}", table::render(&scenario, &summary));
            }
            Ok(())
        }
        Command::Crossover {
            input,
            from,
            to,
            points,
            trials_per_point,
            json,
        } => {
            let scenario = load(&input)?;
            if !(from > 0.0
                && to > from
                && (2..=200).contains(&points)
                && (1..=100_000).contains(&trials_per_point))
            {
                return Err(
                    "need 0 < --from < --to, 2 to 200 --points and 1 to 100,000 --trials-per-point"
                        .into(),
                );
            }
            let prepared = Prepared::new(&scenario).map_err(|e| e.to_string())?;
            let c = crossover::crossover(
                &prepared,
                &crossover::log_volumes(from, to, points),
                trials_per_point,
            );
            if json {
                println!(
                    "{}",
                    serde_json::to_string_pretty(&c).map_err(|e| e.to_string())?
                );
            } else {
                print!("{}", table::render_crossover(&scenario, &c));
            }
            Ok(())
        }
    }
}

/// A preset id, a share link, or else a file holding a scenario's JSON.
fn load(input: &str) -> Result<Scenario, String> {
    if let Some(s) = presets::preset(input) {
        return Ok(s);
    }
    let payload = burnrate_model::link::payload_of(input);
    if input.contains("#s=")
        || input.starts_with("s=")
        || payload.starts_with(&format!("{}.", burnrate_model::link::CODEC))
    {
        return burnrate_model::link::decode(input).map_err(|e| e.to_string());
    }
    let text = std::fs::read_to_string(input).map_err(|e| {
        format!("cannot read {input}: {e} (and it is not a preset id: try `burnrate presets`)")
    })?;
    burnrate_model::migrate::scenario_from_str(&text)
        .map_err(|e| format!("{input} is not a valid scenario: {e}"))
}

fn unknown_preset(id: &str) -> String {
    let ids: Vec<&str> = presets::PRESETS.iter().map(|(id, _)| *id).collect();
    format!("no preset \"{id}\"; presets are: {}", ids.join(", "))
}
