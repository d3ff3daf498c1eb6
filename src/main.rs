//! The `horaire` command line: parse, call the library, print, map to an
//! exit code (0 success, 1 infeasible or violations, 2 bad input or usage).

use clap::{Parser, Subcommand};
use horaire::model::{Instance, LoadError};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const EXIT_CODES: &str = "Exit codes: 0 success, 1 infeasible or checker violations, 2 bad input or usage.";

#[derive(Parser, Debug)]
#[command(name = "horaire", version, about = "Timetables and placement plans for part-time master's programmes", after_help = EXIT_CODES)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Check an instance file and summarise it; lists every problem found.
    #[command(after_help = EXIT_CODES)]
    Validate {
        /// The instance (`horaire/1` JSON).
        instance: PathBuf,
        /// Print the problems as a JSON list instead of text.
        #[arg(long)]
        json: bool,
    },
    /// ITC2007 curriculum-based course timetabling benchmark (`.ctt`).
    #[command(subcommand, after_help = EXIT_CODES)]
    Itc2007(horaire::itc2007::cli::Itc2007Command),
}

/// What went wrong, mapped to an exit code.
enum Failure {
    /// Bad input (exit 2): the problems are printed.
    Input(LoadError),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(Failure::Input(e)) => {
            let _ = writeln!(std::io::stderr(), "{}", prefix_lines(&e.to_string()));
            ExitCode::from(2)
        }
    }
}

fn prefix_lines(s: &str) -> String {
    s.lines().map(|l| format!("horaire: {l}")).collect::<Vec<_>>().join("\n")
}

fn out(s: &str) {
    // A closed pipe (`horaire … | head`) is not an error.
    let _ = writeln!(std::io::stdout(), "{s}");
}

fn run(cli: Cli) -> Result<ExitCode, Failure> {
    match cli.command {
        Command::Validate { instance, json } => validate(&instance, json),
        Command::Itc2007(cmd) => Ok(horaire::itc2007::cli::run(cmd)),
    }
}

fn validate(path: &Path, json: bool) -> Result<ExitCode, Failure> {
    match horaire::load_instance(path) {
        Ok(inst) => {
            if json {
                out("[]");
            } else {
                out(&summary(&inst));
            }
            Ok(ExitCode::SUCCESS)
        }
        Err(e) if json => {
            let problems = e.problems();
            out(&serde_json::to_string_pretty(&problems).unwrap_or_default());
            let _ = writeln!(std::io::stderr(), "horaire: {} problem(s) in {}", problems.len(), path.display());
            Ok(ExitCode::from(2))
        }
        Err(e) => Err(Failure::Input(e)),
    }
}

fn summary(inst: &Instance) -> String {
    let minutes: u32 = inst.activities.iter().map(|a| a.minutes).sum();
    let meetings: u32 = inst.activities.iter().map(|a| a.minutes.div_ceil(a.session_minutes)).sum();
    let p = &inst.placements;
    format!(
        "{}: valid. {} programme(s), {} UE(s), {} activit(y/ies) totalling {} h, {} meetings to place on {} site(s) with {} room(s); {} teacher(s), {} cohort(s); {} placement requirement(s) for {} student(s) with {} host(s). Calendar: {} ({} to {}).",
        inst.name,
        inst.programmes.len(),
        inst.ues.len(),
        inst.activities.len(),
        horaire::model::time::hours_string(minutes),
        meetings,
        inst.sites.len(),
        inst.rooms.len(),
        inst.teachers.len(),
        inst.cohorts.len(),
        p.requirements.len(),
        p.students.len(),
        p.hosts.len(),
        inst.calendar.name,
        inst.calendar.year.from,
        inst.calendar.year.to,
    )
}
