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
    /// Export a timetable as iCalendar files, CSV or a static HTML site.
    #[command(after_help = EXIT_CODES)]
    Export {
        /// The instance (`horaire/1` JSON).
        instance: PathBuf,
        /// The timetable (`horaire-timetable/1` JSON).
        timetable: PathBuf,
        /// What to write: ics, csv or html (repeat or separate with commas).
        #[arg(long, value_delimiter = ',', required = true)]
        format: Vec<horaire::export::Format>,
        /// A placement plan (`horaire-placements/1`): adds placements.csv and the progress page.
        #[arg(long)]
        placements: Option<PathBuf>,
        /// Output directory; files go to DIR/ics, DIR/csv and DIR/html.
        #[arg(long)]
        out: PathBuf,
        /// Language of labels: fr (default) or en.
        #[arg(long, default_value = "fr")]
        lang: horaire::export::Lang,
    },
}

/// What went wrong, mapped to an exit code.
enum Failure {
    /// Bad input (exit 2): the problems are printed.
    Input(LoadError),
    /// An output could not be written (exit 2).
    Output(String),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(Failure::Input(e)) => {
            let _ = writeln!(std::io::stderr(), "{}", prefix_lines(&e.to_string()));
            ExitCode::from(2)
        }
        Err(Failure::Output(msg)) => {
            let _ = writeln!(std::io::stderr(), "{}", prefix_lines(&msg));
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
        Command::Export { instance, timetable, format, placements, out, lang } => {
            export(&instance, horaire::export::ExportRequest { timetable, placements, formats: format, out, lang })
        }
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

fn export(instance: &Path, req: horaire::export::ExportRequest) -> Result<ExitCode, Failure> {
    let inst = horaire::load_instance(instance).map_err(Failure::Input)?;
    match horaire::export::export(&inst, &req) {
        Ok(files) => {
            out(&format!("{} file(s) written under {}", files.len(), req.out.display()));
            Ok(ExitCode::SUCCESS)
        }
        Err(horaire::export::ExportError::Input(e)) => Err(Failure::Input(e)),
        Err(e) => Err(Failure::Output(e.to_string())),
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
