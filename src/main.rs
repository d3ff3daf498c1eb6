//! The `horaire` command line: parse, call the library, print, map to an
//! exit code (0 success, 1 infeasible or violations, 2 bad input or usage).

use clap::{Parser, Subcommand};
use horaire::model::timetable::SolveStatus;
use horaire::model::{Instance, LoadError};
use horaire::timetable::config::{SolverConfig, THOROUGH_TIME_LIMIT, read_config};
use horaire::timetable::{self, SolveFailure, Solved};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

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
    /// Build the timetable of an instance and write DIR/timetable.json.
    #[command(after_help = EXIT_CODES)]
    Solve {
        /// The instance (`horaire/1` JSON).
        instance: PathBuf,
        /// Solver config (`horaire-solver-config/1`); the built-in default
        /// equals `solver-configs/default.json`.
        #[arg(long)]
        config: Option<PathBuf>,
        /// Directory for `timetable.json` (created when missing).
        #[arg(long, default_value = ".")]
        out: PathBuf,
        /// Print only the summary, not the solver's progress.
        #[arg(long, short)]
        quiet: bool,
    },
    /// Solve the reference instances (or the given ones) one by one, each
    /// in its own process, and print status, gap, model size, build and
    /// solve times and peak memory.
    #[command(after_help = EXIT_CODES)]
    Bench {
        /// Instances; by default every `*.json` directly under `instances/`.
        instances: Vec<PathBuf>,
        /// Solver config (`horaire-solver-config/1`).
        #[arg(long)]
        config: Option<PathBuf>,
        /// Print the table as Markdown (for bench/RESULTS.md).
        #[arg(long)]
        markdown: bool,
    },
    /// Measure one instance (used by `bench`); prints one JSON line.
    #[command(hide = true)]
    BenchOne {
        instance: PathBuf,
        #[arg(long)]
        config: Option<PathBuf>,
    },
    /// Solve every instance (`*.json`) of a directory with one config,
    /// writing `NAME.timetable.json` beside each.
    #[command(after_help = EXIT_CODES)]
    Batch {
        /// Directory holding instances.
        dir: PathBuf,
        /// Solver config (`horaire-solver-config/1`).
        #[arg(long)]
        config: Option<PathBuf>,
    },
    /// Explain why an instance has no timetable: counting checks, then an
    /// elastic model naming the requirements that cannot all hold.
    #[command(after_help = EXIT_CODES)]
    Explain {
        /// The instance (`horaire/1` JSON).
        instance: PathBuf,
        /// Solver config (`horaire-solver-config/1`), for the elastic model's
        /// time limit.
        #[arg(long)]
        config: Option<PathBuf>,
    },
    /// Check a timetable against its instance; lists every violated rule.
    #[command(after_help = EXIT_CODES)]
    Check {
        /// The instance (`horaire/1` JSON).
        instance: PathBuf,
        /// The timetable (`horaire-timetable/1` JSON), possibly edited by hand.
        timetable: PathBuf,
        /// Print the violations as a JSON list instead of text.
        #[arg(long)]
        json: bool,
        /// Also verify a placement plan (`horaire-placements/1`) against the
        /// instance and this timetable: hours, windows, caps, host hours,
        /// no overlap with classes, travel buffer.
        #[arg(long)]
        placements: Option<PathBuf>,
        /// Hours log (CSV) the plan was made from, for the remaining hours.
        #[arg(long, requires = "placements")]
        log: Option<PathBuf>,
        /// A change file (`horaire-changes/1`) to apply to the instance
        /// first: teacher unavailability, closures and new hours are checked
        /// by the usual rules, closed rooms by the `room_closed` rule.
        #[arg(long)]
        changes: Option<PathBuf>,
    },
    /// Export a timetable as iCalendar files, CSV, a static HTML site or a
    /// workbook (xlsx).
    #[command(after_help = EXIT_CODES)]
    Export {
        /// The instance (`horaire/1` JSON).
        instance: PathBuf,
        /// The timetable (`horaire-timetable/1` JSON).
        timetable: PathBuf,
        /// What to write: ics, csv, html or xlsx (repeat or separate with commas).
        #[arg(long, value_delimiter = ',', required = true)]
        format: Vec<horaire::export::Format>,
        /// A placement plan (`horaire-placements/1`): adds placements.csv and the progress page.
        #[arg(long)]
        placements: Option<PathBuf>,
        /// Output directory; files go to DIR/ics, DIR/csv, DIR/html and DIR/xlsx.
        #[arg(long)]
        out: PathBuf,
        /// Language of labels: fr (default) or en.
        #[arg(long, default_value = "fr")]
        lang: horaire::export::Lang,
    },
    /// Placement hosts, hour plans and logged-hours tracking.
    #[command(subcommand)]
    Placements(PlacementsCommand),
    /// Repair a published timetable after changes (`horaire-changes/1`):
    /// meetings before the change date stay, later ones move as little as
    /// possible; writes DIR/timetable.json and DIR/diff.json and prints
    /// the changes per cohort and teacher.
    #[command(after_help = EXIT_CODES)]
    Repair {
        /// The instance (`horaire/1` JSON) the timetable was built for.
        instance: PathBuf,
        /// The published timetable (`horaire-timetable/1` JSON).
        timetable: PathBuf,
        /// The change file (`horaire-changes/1` JSON).
        #[arg(long)]
        changes: PathBuf,
        /// Directory for `timetable.json` and `diff.json` (created when missing).
        #[arg(long)]
        out: PathBuf,
        /// Solver config (`horaire-solver-config/1`).
        #[arg(long)]
        config: Option<PathBuf>,
        /// Print only the diff, not the solver's progress.
        #[arg(long, short)]
        quiet: bool,
    },
    /// The planner's workbook: a template to fill in, an instance written as
    /// a workbook, and a workbook (.xlsx or .ods) imported as an instance.
    #[command(subcommand)]
    Workbook(WorkbookCommand),
    /// Reports on a timetable: service (hours per teacher by UE and kind,
    /// site, quadrimester; evenings, Saturdays, trip days; against
    /// `service_hours`), rooms (occupancy per week and grid slot, peak
    /// weeks, rooms never used), load (hours and evenings per week per
    /// cohort, busiest weeks), competences (hours and credits per
    /// competence and block).
    #[command(after_help = EXIT_CODES)]
    Report {
        /// service, rooms, load or competences.
        kind: horaire::report::Kind,
        /// The instance (`horaire/1` JSON).
        instance: PathBuf,
        /// The timetable (`horaire-timetable/1` JSON).
        timetable: PathBuf,
        /// text (aligned tables, the default), csv, html (a standalone page) or xlsx.
        #[arg(long, default_value = "text")]
        format: horaire::report::render::Format,
        /// Write to FILE (atomically) instead of standard output; required for xlsx.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Rooms of a site in a timetable.
    #[command(subcommand)]
    Rooms(RoomsCommand),
    /// Generate instances.
    #[command(subcommand, after_help = EXIT_CODES)]
    Synth(SynthCommand),
    /// ITC2007 curriculum-based course timetabling benchmark (`.ctt`).
    #[command(subcommand, after_help = EXIT_CODES)]
    Itc2007(horaire::itc2007::cli::Itc2007Command),
    /// ITC2019 university course timetabling benchmark (XML).
    #[command(subcommand, after_help = EXIT_CODES)]
    Itc2019(Itc2019Command),
}

#[derive(Subcommand, Debug)]
enum WorkbookCommand {
    /// Write a blank workbook to fill in: one sheet per part of an instance,
    /// a commented header row, drop-down lists and one example row each.
    #[command(after_help = EXIT_CODES)]
    Template {
        /// The workbook to write (.xlsx).
        out: PathBuf,
        /// Language of sheets, headers and comments: fr (default) or en.
        #[arg(long, default_value = "fr")]
        lang: horaire::workbook::Lang,
    },
    /// Write a valid instance as a workbook (its calendar as dates).
    #[command(after_help = EXIT_CODES)]
    FromInstance {
        /// The instance (`horaire/1` JSON).
        instance: PathBuf,
        /// The workbook to write (.xlsx).
        out: PathBuf,
        /// Language of sheets, headers and comments: fr (default) or en.
        #[arg(long, default_value = "fr")]
        lang: horaire::workbook::Lang,
    },
    /// Read a filled workbook (.xlsx or .ods) into an instance and validate
    /// it; every problem is listed with its sheet, row and column, and
    /// nothing is written when there is one (exit 2).
    #[command(after_help = EXIT_CODES)]
    Import {
        /// The workbook (.xlsx or .ods).
        workbook: PathBuf,
        /// The instance to write (`horaire/1` JSON).
        #[arg(long)]
        out: PathBuf,
        /// Language of the messages: fr (default) or en.
        #[arg(long, default_value = "fr")]
        lang: horaire::workbook::Lang,
    },
}

#[derive(Subcommand, Debug)]
enum RoomsCommand {
    /// List the rooms of a site that no meeting uses at a given time.
    #[command(after_help = EXIT_CODES)]
    Free {
        /// The instance (`horaire/1` JSON).
        instance: PathBuf,
        /// The timetable (`horaire-timetable/1` JSON).
        timetable: PathBuf,
        /// Site id.
        #[arg(long)]
        site: String,
        /// The date (YYYY-MM-DD).
        #[arg(long, value_parser = parse_date_arg)]
        date: chrono::NaiveDate,
        /// Start time (HH:MM).
        #[arg(long, value_parser = parse_time_arg)]
        start: horaire::model::time::ClockTime,
        /// End time (HH:MM).
        #[arg(long, value_parser = parse_time_arg)]
        end: horaire::model::time::ClockTime,
        /// Only rooms with at least this many seats.
        #[arg(long, default_value_t = 0)]
        capacity: u32,
    },
}

#[derive(Subcommand, Debug)]
enum SynthCommand {
    /// Write a faculty of N programmes in the shapes of the reference
    /// programmes, on the real sites, travel times and FWB calendar
    /// (`horaire/1`, calendar inline). The same N and seed give the same
    /// bytes. The instance is feasible: a conflict-free timetable of it is
    /// built while generating (`--witness` writes it).
    #[command(after_help = EXIT_CODES)]
    Faculty {
        /// Number of programmes (1 to 200).
        #[arg(long, value_parser = clap::value_parser!(u64).range(1..=horaire::synth::MAX_PROGRAMMES as u64))]
        programmes: u64,
        /// Seed of the generator.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// The instance file to write.
        #[arg(long)]
        out: PathBuf,
        /// Also write the conflict-free timetable built while generating
        /// (`horaire-timetable/1`).
        #[arg(long)]
        witness: Option<PathBuf>,
    },
}

#[derive(Subcommand, Debug)]
enum PlacementsCommand {
    /// Allocate hosts and plan every student's placement days; writes
    /// DIR/placements.json (`horaire-placements/1`). Exit 1 when a student
    /// cannot reach the quota or the instance puts a host over capacity
    /// (the plan is still written).
    #[command(after_help = EXIT_CODES)]
    Plan {
        /// The instance (`horaire/1` JSON).
        instance: PathBuf,
        /// A timetable (`horaire-timetable/1`): placement days avoid its classes.
        #[arg(long)]
        timetable: Option<PathBuf>,
        /// The hours log (CSV `student,date,hours,validated`): only what is left is planned.
        #[arg(long)]
        log: Option<PathBuf>,
        /// Plan only days after this date (YYYY-MM-DD).
        #[arg(long, value_parser = parse_date_arg)]
        as_of: Option<chrono::NaiveDate>,
        /// Output directory (created if missing).
        #[arg(long)]
        out: PathBuf,
    },
    /// Per student: quota, validated, pending, remaining, what still fits
    /// before the deadline, status, and a re-plan of what is left.
    ///
    /// Status: done (the quota is logged), on_track, at_risk (what is left
    /// needs more than 80 % of what still fits), cannot_finish (it does not
    /// fit, or no host: the note says how many hours are missing or why).
    #[command(after_help = EXIT_CODES)]
    Status {
        /// The instance (`horaire/1` JSON).
        instance: PathBuf,
        /// The hours log (CSV `student,date,hours,validated`); never modified.
        #[arg(long)]
        log: PathBuf,
        /// A timetable (`horaire-timetable/1`): placement days avoid its classes.
        #[arg(long)]
        timetable: Option<PathBuf>,
        /// The day of the report (YYYY-MM-DD; default today): later log lines are errors, later days are planned.
        #[arg(long, value_parser = parse_date_arg)]
        as_of: Option<chrono::NaiveDate>,
        /// Print the `horaire-placements/1` file instead of the table.
        #[arg(long)]
        json: bool,
    },
    /// Verify a placement plan independently of the planner: hours add up,
    /// windows, caps, host hours and capacity, no class overlap, travel
    /// buffer. Exit 1 when a rule is broken.
    #[command(after_help = EXIT_CODES)]
    Verify {
        /// The instance (`horaire/1` JSON).
        instance: PathBuf,
        /// The plan (`horaire-placements/1` JSON).
        plan: PathBuf,
        /// The timetable whose classes the plan must avoid.
        #[arg(long)]
        timetable: Option<PathBuf>,
        /// The hours log the plan was made with.
        #[arg(long)]
        log: Option<PathBuf>,
    },
    /// Write a synthetic benchmark workload (instance.json, timetable.json,
    /// hours.csv) into DIR, deterministic from the seed.
    #[command(hide = true)]
    Synth {
        /// Random seed.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Number of students.
        #[arg(long, default_value_t = 2000)]
        students: usize,
        /// Number of hosts.
        #[arg(long, default_value_t = 300)]
        hosts: usize,
        /// Output directory (created if missing).
        #[arg(long)]
        out: PathBuf,
    },
}

/// What went wrong, mapped to an exit code.
enum Failure {
    /// Bad input (exit 2): the problems are printed.
    Input(LoadError),
    /// A file could not be written (exit 2).
    Output(PathBuf, std::io::Error),
    /// An export could not be written (exit 2).
    Write(String),
    /// A command-line value is wrong (exit 2).
    Usage(String),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(Failure::Input(e)) => {
            let _ = writeln!(std::io::stderr(), "{}", prefix_lines(&e.to_string()));
            ExitCode::from(2)
        }
        Err(Failure::Output(path, e)) => {
            let _ = writeln!(std::io::stderr(), "horaire: cannot write {}: {e}", path.display());
            ExitCode::from(2)
        }
        Err(Failure::Write(msg) | Failure::Usage(msg)) => {
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
        Command::Placements(cmd) => placements(cmd),
        Command::Solve { instance, config, out, quiet } => solve(&instance, config.as_deref(), &out, quiet),
        Command::Batch { dir, config } => batch(&dir, config.as_deref()),
        Command::Bench { instances, config, markdown } => bench(instances, config.as_deref(), markdown),
        Command::BenchOne { instance, config } => {
            let cfg = solver_config(config.as_deref())?;
            let row = horaire::bench::measure(&instance, &cfg);
            out(&serde_json::to_string(&row).unwrap_or_default());
            Ok(ExitCode::SUCCESS)
        }
        Command::Explain { instance, config } => explain(&instance, config.as_deref()),
        Command::Check { instance, timetable, json, placements, log, changes } => {
            check(&instance, &timetable, json, placements.as_deref(), log.as_deref(), changes.as_deref())
        }
        Command::Export { instance, timetable, format, placements, out, lang } => {
            export(&instance, horaire::export::ExportRequest { timetable, placements, formats: format, out, lang })
        }
        Command::Repair { instance, timetable, changes, out, config, quiet } => {
            repair(&instance, &timetable, &changes, &out, config.as_deref(), quiet)
        }
        Command::Synth(cmd) => synth(cmd),
        Command::Itc2007(cmd) => Ok(horaire::itc2007::cli::run(cmd)),
        Command::Workbook(cmd) => workbook(cmd),
        Command::Report { kind, instance, timetable, format, out } => {
            report(kind, &instance, &timetable, format, out.as_deref())
        }
        Command::Rooms(RoomsCommand::Free { instance, timetable, site, date, start, end, capacity }) => {
            rooms_free(&instance, &timetable, &site, date, (start, end), capacity)
        }
        Command::Itc2019(cmd) => Ok(itc2019(cmd)),
    }
}

fn workbook(cmd: WorkbookCommand) -> Result<ExitCode, Failure> {
    use horaire::workbook::{self as wb, WriteError};
    let written = |target: &Path, bytes: Vec<u8>| -> Result<ExitCode, Failure> {
        horaire::atomic::write_atomic(target, &bytes).map_err(|e| Failure::Output(target.to_path_buf(), e))?;
        out(&format!("Written to {}.", target.display()));
        Ok(ExitCode::SUCCESS)
    };
    let failed = |e: WriteError| match e {
        WriteError::Input(e) => Failure::Input(e),
        e => Failure::Write(e.to_string()),
    };
    match cmd {
        WorkbookCommand::Template { out, lang } => {
            wb::check_workbook_target(&out, lang).map_err(Failure::Write)?;
            written(&out, wb::template(lang).map_err(failed)?)
        }
        WorkbookCommand::FromInstance { instance, out, lang } => {
            wb::check_workbook_target(&out, lang).map_err(Failure::Write)?;
            written(&out, wb::from_instance(&instance, lang).map_err(failed)?)
        }
        WorkbookCommand::Import { workbook, out: target, lang } => {
            wb::check_instance_target(&workbook, &target, lang).map_err(Failure::Write)?;
            import_workbook(&workbook, &target, lang)
        }
    }
}

/// `horaire workbook import`: the instance written, or every problem and nothing written.
fn import_workbook(workbook: &Path, target: &Path, lang: horaire::workbook::Lang) -> Result<ExitCode, Failure> {
    use horaire::workbook as wb;
    match wb::import(workbook, target, lang) {
        Ok(imported) => {
            horaire::atomic::write_atomic(target, &imported.json)
                .map_err(|e| Failure::Output(target.to_path_buf(), e))?;
            out(&format!("{}: {}", target.display(), imported.summary(lang)));
            Ok(ExitCode::SUCCESS)
        }
        Err(failure) => {
            let n = failure.problems.len();
            let total = match lang {
                wb::Lang::Fr => format!("{n} problème(s) ; rien n'a été écrit"),
                wb::Lang::En => format!("{n} problem(s); nothing was written"),
            };
            Err(Failure::Write(format!("{failure}\n{total}")))
        }
    }
}

fn synth(cmd: SynthCommand) -> Result<ExitCode, Failure> {
    let SynthCommand::Faculty { programmes, seed, out: target, witness } = cmd;
    let f = horaire::synth::faculty(programmes as usize, seed).map_err(|e| Failure::Write(e.to_string()))?;
    write_json(&target, &f.instance)?;
    if let Some(w) = &witness {
        write_json(w, &f.witness)?;
    }
    let s = &f.summary;
    let mut text = format!(
        "wrote {}: {} programmes, {} UEs, {} activities ({} meetings), {} rooms on {} sites, {} teachers ({} in several programmes), {} independent part(s)",
        target.display(),
        s.programmes,
        s.ues,
        s.activities,
        s.meetings,
        s.rooms,
        s.sites,
        s.teachers,
        s.shared_teachers,
        s.independent_parts
    );
    if let Some(w) = &witness {
        text.push_str(&format!("; a timetable without conflicts: {}", w.display()));
    }
    let a = &s.adjustments;
    let changed = [
        (a.enrolment_overlaps, "placed over an enrolment overlap"),
        (a.teachers_replaced, "given a teacher of their own"),
        (a.frequencies_relaxed, "with a relaxed frequency"),
        (a.hours_reduced, "with fewer hours"),
        (a.dropped, "left out"),
    ];
    let changed: Vec<String> = changed.iter().filter(|c| c.0 > 0).map(|(n, what)| format!("{n} {what}")).collect();
    if !changed.is_empty() {
        text.push_str(&format!(".\nactivities changed so that each has a regular pattern: {}", changed.join(", ")));
    }
    out(&format!("{text}."));
    Ok(ExitCode::SUCCESS)
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

fn check(
    instance: &Path,
    timetable: &Path,
    json: bool,
    placements: Option<&Path>,
    log: Option<&Path>,
    changes: Option<&Path>,
) -> Result<ExitCode, Failure> {
    let inst = horaire::load_instance(instance).map_err(Failure::Input)?;
    let changed = match changes {
        Some(path) => {
            let ch = horaire::model::changes::read_changes(path, &inst).map_err(Failure::Input)?;
            Some(horaire::check::changed_instance(&inst, &ch))
        }
        None => None,
    };
    let tt = horaire::check::read_timetable(timetable).map_err(Failure::Input)?;
    let (inst, closed) = match changed.as_ref() {
        Some(c) => (&c.instance, c.closed_rooms.as_slice()),
        None => (&inst, &[][..]),
    };
    let violations = horaire::check::check_with_closed_rooms(inst, &tt, closed);
    if let (Some(c), false) = (&changed, json) {
        out(&format!("{}: {}", changes.map(|p| p.display().to_string()).unwrap_or_default(), c.note(&tt)));
    }
    let plan_problems = match placements {
        Some(plan) => {
            let (plans, problems) =
                horaire::placement::inputs::verify_files(inst, plan, Some(timetable), log).map_err(Failure::Input)?;
            if problems.is_empty() && !json {
                out(&format!("{}: {plans} placement plan(s) respect every placement rule.", plan.display()));
            }
            problems
        }
        None => Vec::new(),
    };
    if !plan_problems.is_empty() {
        if json {
            out(&serde_json::to_string_pretty(&plan_problems).unwrap_or_default());
        } else {
            for p in &plan_problems {
                out(&format!("placement: {p}"));
            }
        }
        let _ = writeln!(std::io::stderr(), "horaire: {} placement violation(s)", plan_problems.len());
    }
    if json {
        out(&serde_json::to_string_pretty(&violations).unwrap_or_default());
    } else if violations.is_empty() {
        out(&format!("{}: {}", timetable.display(), horaire::check::summary(inst, &tt)));
    } else {
        for v in &violations {
            out(&v.to_string());
        }
    }
    if violations.is_empty() && plan_problems.is_empty() {
        Ok(ExitCode::SUCCESS)
    } else {
        if !violations.is_empty() {
            let _ =
                writeln!(std::io::stderr(), "horaire: {} violation(s) in {}", violations.len(), timetable.display());
        }
        Ok(ExitCode::from(1))
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
        Err(e) => Err(Failure::Write(e.to_string())),
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

fn parse_date_arg(s: &str) -> Result<chrono::NaiveDate, String> {
    horaire::model::time::parse_date(s).ok_or_else(|| format!("expected a date YYYY-MM-DD, found \"{s}\""))
}

fn today() -> chrono::NaiveDate {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    chrono::NaiveDate::from_num_days_from_ce_opt(719_163 + (secs / 86_400) as i32).unwrap_or_default()
}

fn verify_placements(
    instance: &Path,
    plan: &Path,
    timetable: Option<&Path>,
    log: Option<&Path>,
) -> Result<ExitCode, Failure> {
    let inst = horaire::load_instance(instance).map_err(Failure::Input)?;
    let (n, problems) =
        horaire::placement::inputs::verify_files(&inst, plan, timetable, log).map_err(Failure::Input)?;
    if problems.is_empty() {
        out(&format!("{}: the placement plan is sound ({n} plan(s))", plan.display()));
        return Ok(ExitCode::SUCCESS);
    }
    for p in &problems {
        out(&p.to_string());
    }
    let _ = writeln!(std::io::stderr(), "horaire: {} violation(s) in {}", problems.len(), plan.display());
    Ok(ExitCode::from(1))
}

fn placements(cmd: PlacementsCommand) -> Result<ExitCode, Failure> {
    use horaire::placement::{Status, output};
    match cmd {
        PlacementsCommand::Plan { instance, timetable, log, as_of, out: dir } => {
            let Some((inst, outcomes)) = plan_placements(&instance, timetable.as_deref(), log.as_deref(), as_of)?
            else {
                return Ok(ExitCode::from(1));
            };
            let file = output::to_file(&inst, &outcomes, false);
            let path = dir.join("placements.json");
            horaire::atomic::write_atomic(&path, output::to_json(&file).as_bytes())
                .map_err(|e| Failure::Output(path.clone(), e))?;
            let short: Vec<_> = outcomes.iter().filter(|o| o.status == Status::CannotFinish).collect();
            let _ = writeln!(
                std::io::stderr(),
                "horaire: wrote {} ({} plan(s), {} cannot finish)",
                path.display(),
                outcomes.len(),
                short.len()
            );
            for o in &short {
                let id = &inst.placements.students[o.student.index()].id;
                let why = o
                    .no_host
                    .clone()
                    .unwrap_or_else(|| format!("{} h missing before the deadline", output::hours(o.missing)));
                let _ = writeln!(std::io::stderr(), "horaire: {id}: cannot finish: {why}");
            }
            let over = horaire::placement::allocate::fixed_over_capacity(&inst);
            Ok(if short.is_empty() && over.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) })
        }
        PlacementsCommand::Status { instance, log, timetable, as_of, json } => {
            let as_of = as_of.unwrap_or_else(today);
            let Some((inst, outcomes)) = plan_placements(&instance, timetable.as_deref(), Some(&log), Some(as_of))?
            else {
                return Ok(ExitCode::from(1));
            };
            if json {
                out(output::to_json(&output::to_file(&inst, &outcomes, true)).trim_end());
            } else {
                out(output::status_table(&inst, &outcomes).trim_end());
            }
            Ok(ExitCode::SUCCESS)
        }
        PlacementsCommand::Verify { instance, plan, timetable, log } => {
            verify_placements(&instance, &plan, timetable.as_deref(), log.as_deref())
        }
        PlacementsCommand::Synth { seed, students, hosts, out } => synth_placements(seed, students, hosts, &out),
    }
}

/// Loads the inputs of `plan` and `status`, allocates and plans. `None`:
/// the solver failed (reported on stderr). `HORAIRE_TIMINGS=1` prints the
/// time of each phase on stderr (benchmarks).
fn plan_placements(
    instance: &Path,
    timetable: Option<&Path>,
    log: Option<&Path>,
    as_of: Option<chrono::NaiveDate>,
) -> Result<Option<(Instance, Vec<horaire::placement::Outcome>)>, Failure> {
    use horaire::placement::{Options, allocate::allocate, inputs, plan};
    let inst = horaire::load_instance(instance).map_err(Failure::Input)?;
    let inputs = inputs::read_inputs(&inst, timetable, log, as_of).map_err(Failure::Input)?;
    for o in horaire::placement::allocate::fixed_over_capacity(&inst) {
        let _ = writeln!(std::io::stderr(), "horaire: warning: {}", o.describe(&inst));
    }
    let t0 = std::time::Instant::now();
    let logged = plan::Logged::new(&inputs.log, inst.placements.students.len());
    let opts = Options { as_of };
    let fits = |s, h| plan::fits_at(&inst, &inputs.classes, &logged, opts, s, h);
    let alloc = match allocate(&inst, fits) {
        Ok(a) => a,
        Err(e) => {
            let _ = writeln!(std::io::stderr(), "horaire: {e}");
            return Ok(None);
        }
    };
    let t1 = std::time::Instant::now();
    let outcomes = plan::plan_with(&inst, &inputs.classes, &logged, opts, &alloc);
    if std::env::var_os("HORAIRE_TIMINGS").is_some() {
        let (a, p) = ((t1 - t0).as_secs_f64(), t1.elapsed().as_secs_f64());
        let _ = writeln!(std::io::stderr(), "horaire: timings: allocation {a:.3} s, plans {p:.3} s");
    }
    Ok(Some((inst, outcomes)))
}

fn synth_placements(seed: u64, students: usize, hosts: usize, dir: &Path) -> Result<ExitCode, Failure> {
    let s = horaire::placement::synth::generate(seed, students, hosts);
    let pretty = |v: &serde_json::Value| serde_json::to_string_pretty(v).unwrap_or_default() + "\n";
    let files = [
        ("instance.json", pretty(&s.instance)),
        ("timetable.json", pretty(&s.timetable)),
        ("hours.csv", s.log.clone()),
    ];
    for (name, text) in &files {
        let path = dir.join(name);
        horaire::atomic::write_atomic(&path, text.as_bytes()).map_err(|e| Failure::Output(path.clone(), e))?;
    }
    out(&format!(
        "wrote {}/{{instance.json,timetable.json,hours.csv}} (seed {seed}, {students} students, {hosts} hosts, log up to {})",
        dir.display(),
        s.as_of
    ));
    Ok(ExitCode::SUCCESS)
}

fn solver_config(path: Option<&Path>) -> Result<SolverConfig, Failure> {
    match path {
        Some(p) => read_config(p).map_err(Failure::Input),
        None => Ok(SolverConfig::default()),
    }
}

fn solve(path: &Path, config: Option<&Path>, out_dir: &Path, quiet: bool) -> Result<ExitCode, Failure> {
    let cfg = solver_config(config)?;
    let inst = horaire::load_instance(path).map_err(Failure::Input)?;
    let started = Instant::now();
    let progress = |line: &str| {
        if !quiet {
            let _ = writeln!(std::io::stderr(), "[{:6.1} s] {line}", started.elapsed().as_secs_f64());
        }
    };
    match timetable::solve(&inst, &cfg, &progress) {
        Ok(solved) => {
            let target = out_dir.join("timetable.json");
            write_json(&target, &solved.timetable)?;
            out(&solved_summary(&inst, &cfg, &solved, &target));
            Ok(ExitCode::SUCCESS)
        }
        Err(failure) => {
            let report = horaire::explain::diagnose_failure(&inst, &cfg, &failure, &progress);
            out(&horaire::explain::render::failure(&inst, &report));
            Ok(ExitCode::from(1))
        }
    }
}

fn write_json<T: serde::Serialize>(target: &Path, value: &T) -> Result<(), Failure> {
    let mut bytes = serde_json::to_vec_pretty(value).map_err(|e| Failure::Output(target.to_path_buf(), e.into()))?;
    bytes.push(b'\n');
    horaire::atomic::write_atomic(target, &bytes).map_err(|e| Failure::Output(target.to_path_buf(), e))
}

fn solved_summary(inst: &Instance, cfg: &SolverConfig, solved: &Solved, target: &Path) -> String {
    let tt = &solved.timetable;
    let minutes: u32 = inst.activities.iter().map(|a| a.minutes).sum();
    let mut s = String::new();
    if let Some(r) = &tt.report {
        s.push_str(&format!(
            "{}: {} timetable, objective {}, gap {:.2} %, {} meetings ({} h), model built in {:.2} s, solved in {:.1} s.\n",
            inst.name,
            r.status,
            r.objective,
            r.gap * 100.0,
            tt.meetings.len(),
            horaire::model::time::hours_string(minutes),
            solved.stats.build_seconds,
            solved.stats.solve_seconds,
        ));
        if r.status == SolveStatus::Feasible {
            s.push_str(&if r.gap < 1.0 {
                format!(
                    "Not proven the best in the time allowed: the best timetable possible costs at most {:.2} % less.",
                    r.gap * 100.0
                )
            } else {
                "Not proven the best in the time allowed, and no bound on how much better one could be.".to_string()
            });
            s.push_str(&if cfg.time_limit < THOROUGH_TIME_LIMIT {
                format!(
                    " A longer run (--config solver-configs/thorough.json, {THOROUGH_TIME_LIMIT} s) may find a better one or prove this one.\n"
                )
            } else {
                " A longer time limit may find a better one or prove this one.\n".to_string()
            });
        }
        let costs: Vec<String> = r.costs.iter().filter(|(_, v)| **v != 0.0).map(|(k, v)| format!("{k} {v}")).collect();
        if !costs.is_empty() {
            s.push_str(&format!("Soft costs: {}.\n", costs.join(", ")));
        }
        if let Some(m) = &r.model {
            s.push_str(&format!(
                "Model: {} patterns, {} variables, {} rows, {} non-zeros.\n",
                m.patterns, m.variables, m.rows, m.nonzeros
            ));
        }
    }
    s.push_str(&format!("Written to {}.", target.display()));
    s
}

fn batch(dir: &Path, config: Option<&Path>) -> Result<ExitCode, Failure> {
    let cfg = solver_config(config)?;
    let entries = std::fs::read_dir(dir).map_err(|e| {
        Failure::Input(LoadError::Invalid(vec![horaire::model::Problem::new(
            dir,
            "",
            format!("cannot list the directory: {e}"),
        )]))
    })?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            let name = p.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
            p.is_file() && name.ends_with(".json") && !name.ends_with(".timetable.json")
        })
        .collect();
    files.sort();
    let mut rows: Vec<[String; 5]> = Vec::new();
    let mut failed = 0;
    for path in &files {
        let name = path.file_stem().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
        let inst = match horaire::load_instance(path) {
            Ok(i) => i,
            Err(e) => {
                let _ = writeln!(std::io::stderr(), "{}", prefix_lines(&e.to_string()));
                failed += 1;
                rows.push([name, "invalid".into(), "-".into(), "-".into(), "-".into()]);
                continue;
            }
        };
        let _ = writeln!(std::io::stderr(), "horaire: solving {}", path.display());
        let started = Instant::now();
        let quiet = |_: &str| {};
        let result = timetable::solve(&inst, &cfg, &quiet);
        let secs = format!("{:.1}", started.elapsed().as_secs_f64());
        match result {
            Ok(solved) => {
                let target = path.with_file_name(format!("{name}.timetable.json"));
                write_json(&target, &solved.timetable)?;
                let r = solved.timetable.report.clone().unwrap_or_default();
                rows.push([
                    name,
                    r.status.to_string(),
                    format!("{}", r.objective),
                    format!("{:.2} %", r.gap * 100.0),
                    secs,
                ]);
            }
            Err(f) => {
                failed += 1;
                let status = match f {
                    SolveFailure::NoPattern(..) | SolveFailure::Infeasible(_) | SolveFailure::GridTooSmall(_) => {
                        "infeasible"
                    }
                    SolveFailure::NoSolutionInTime(_) => "no_solution_in_time",
                    SolveFailure::Solver(_) => "error",
                };
                rows.push([name, status.into(), "-".into(), "-".into(), secs]);
            }
        }
    }
    out(&table(&["instance", "status", "objective", "gap", "seconds"], &rows));
    if files.is_empty() {
        let _ = writeln!(std::io::stderr(), "horaire: no instance (*.json) in {}", dir.display());
        return Ok(ExitCode::from(2));
    }
    Ok(if failed > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// An aligned text table: first column left-aligned, the others right.
fn table<const N: usize>(header: &[&str; N], rows: &[[String; N]]) -> String {
    let mut width: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for r in rows {
        for (w, c) in width.iter_mut().zip(r) {
            *w = (*w).max(c.chars().count());
        }
    }
    let line = |cells: Vec<&str>| -> String {
        cells
            .iter()
            .enumerate()
            .map(|(i, c)| if i == 0 { format!("{c:<w$}", w = width[i]) } else { format!("{c:>w$}", w = width[i]) })
            .collect::<Vec<_>>()
            .join("  ")
            .trim_end()
            .to_string()
    };
    let mut s = line(header.to_vec());
    for r in rows {
        s.push('\n');
        s.push_str(&line(r.iter().map(|c| c.as_str()).collect()));
    }
    s
}

fn bench(mut instances: Vec<PathBuf>, config: Option<&Path>, markdown: bool) -> Result<ExitCode, Failure> {
    solver_config(config)?;
    if instances.is_empty() {
        let dir = Path::new("instances");
        let entries = std::fs::read_dir(dir).map_err(|e| {
            Failure::Input(LoadError::Invalid(vec![horaire::model::Problem::new(dir, "", format!("cannot list: {e}"))]))
        })?;
        instances = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "json"))
            .collect();
        instances.sort();
    }
    let exe = std::env::current_exe().map_err(|e| Failure::Output(PathBuf::from("horaire"), e))?;
    let header = [
        "instance",
        "status",
        "objective",
        "gap",
        "build s",
        "solve s",
        "patterns",
        "variables",
        "rows",
        "non-zeros",
        "peak MiB",
    ];
    let mut rows: Vec<[String; 11]> = Vec::new();
    let mut failed = false;
    for path in &instances {
        let _ = writeln!(std::io::stderr(), "horaire: bench {}", path.display());
        let mut cmd = std::process::Command::new(&exe);
        cmd.arg("bench-one").arg(path);
        if let Some(c) = config {
            cmd.arg("--config").arg(c);
        }
        let output = cmd.output().map_err(|e| Failure::Output(exe.clone(), e))?;
        let row: horaire::bench::BenchRow = match serde_json::from_slice(&output.stdout) {
            Ok(r) => r,
            Err(_) => horaire::bench::BenchRow {
                instance: path.display().to_string(),
                status: "crashed".into(),
                ..Default::default()
            },
        };
        failed |= !matches!(row.status.as_str(), "optimal" | "feasible");
        let opt = |v: Option<f64>, pct: bool| match v {
            Some(v) if pct => format!("{:.2} %", v * 100.0),
            Some(v) => format!("{v}"),
            None => "-".into(),
        };
        rows.push([
            row.instance.clone(),
            row.status.clone(),
            opt(row.objective, false),
            opt(row.gap, true),
            format!("{:.2}", row.build_seconds),
            format!("{:.1}", row.solve_seconds),
            row.patterns.to_string(),
            row.variables.to_string(),
            row.rows.to_string(),
            row.nonzeros.to_string(),
            format!("{:.0}", row.peak_mib),
        ]);
    }
    if markdown {
        out(&format!("| {} |", header.join(" | ")));
        out(&format!("|{}", "---|".repeat(header.len())));
        for r in &rows {
            out(&format!("| {} |", r.join(" | ")));
        }
    } else {
        out(&table(&header, &rows));
    }
    Ok(if failed { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

fn explain(path: &Path, config: Option<&Path>) -> Result<ExitCode, Failure> {
    let cfg = solver_config(config)?;
    let inst = horaire::load_instance(path).map_err(Failure::Input)?;
    let started = Instant::now();
    let progress = |line: &str| {
        let _ = writeln!(std::io::stderr(), "[{:6.1} s] {line}", started.elapsed().as_secs_f64());
    };
    let e = horaire::explain::explain(&inst, &cfg, &progress);
    out(&horaire::explain::render::explanation(&inst, &e));
    Ok(if e.feasible() { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

fn repair(
    instance: &Path,
    timetable: &Path,
    changes: &Path,
    out_dir: &Path,
    config: Option<&Path>,
    quiet: bool,
) -> Result<ExitCode, Failure> {
    use horaire::repair::RepairFailure;
    let cfg = solver_config(config)?;
    let inst = horaire::load_instance(instance).map_err(Failure::Input)?;
    let old = horaire::check::read_timetable(timetable).map_err(Failure::Input)?;
    let ch = horaire::model::changes::read_changes(changes, &inst).map_err(Failure::Input)?;
    let changed = horaire::model::changes::apply(&inst, &ch);
    let started = Instant::now();
    let progress = |line: &str| {
        if !quiet {
            let _ = writeln!(std::io::stderr(), "[{:6.1} s] {line}", started.elapsed().as_secs_f64());
        }
    };
    match horaire::repair::repair(&changed, &old, timetable, &ch, &cfg, &progress) {
        Ok(rep) => {
            let diff = horaire::repair::diff(&old, &rep.timetable, &ch.from.to_string());
            write_json(&out_dir.join("timetable.json"), &rep.timetable)?;
            write_json(&out_dir.join("diff.json"), &diff)?;
            out(&diff.text(&changed));
            out(&format!(
                "Repaired in {:.1} s; written to {} and {}.",
                rep.seconds,
                out_dir.join("timetable.json").display(),
                out_dir.join("diff.json").display()
            ));
            Ok(ExitCode::SUCCESS)
        }
        Err(RepairFailure::Input(problems)) => Err(Failure::Input(LoadError::Invalid(problems))),
        Err(RepairFailure::Infeasible(causes)) => {
            out(&format!("{}: the changes cannot be absorbed; nothing was written.", inst.name));
            for c in causes {
                out(&format!("  - {c}"));
            }
            Ok(ExitCode::from(1))
        }
        Err(RepairFailure::Solver(e)) => {
            out(&format!("{}: repair failed: {e}", inst.name));
            Ok(ExitCode::from(1))
        }
    }
}

fn parse_time_arg(s: &str) -> Result<horaire::model::time::ClockTime, String> {
    horaire::model::time::ClockTime::parse(s).ok_or_else(|| format!("expected a time HH:MM, found \"{s}\""))
}

/// `horaire report KIND INSTANCE TIMETABLE [--format F] [--out FILE]`.
fn report(
    kind: horaire::report::Kind,
    instance: &Path,
    timetable: &Path,
    format: horaire::report::render::Format,
    target: Option<&Path>,
) -> Result<ExitCode, Failure> {
    use horaire::report::render::Format;
    if format == Format::Xlsx && target.is_none() {
        return Err(Failure::Usage("an xlsx report needs --out FILE".into()));
    }
    let inst = horaire::load_instance(instance).map_err(Failure::Input)?;
    let meetings = horaire::report::read_meetings(&inst, timetable).map_err(Failure::Input)?;
    let report = horaire::report::build(kind, &inst, &meetings);
    let bytes = horaire::report::render::render(&report, format).map_err(|e| Failure::Write(e.to_string()))?;
    match target {
        Some(path) => {
            horaire::atomic::write_atomic(path, &bytes).map_err(|e| Failure::Output(path.to_path_buf(), e))?;
            out(&format!("{} report written to {}", kind, path.display()));
        }
        None => {
            let _ = std::io::stdout().write_all(&bytes);
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `horaire rooms free INSTANCE TIMETABLE --site S --date D --start T --end T [--capacity N]`.
fn rooms_free(
    instance: &Path,
    timetable: &Path,
    site: &str,
    date: chrono::NaiveDate,
    (start, end): (horaire::model::time::ClockTime, horaire::model::time::ClockTime),
    capacity: u32,
) -> Result<ExitCode, Failure> {
    use horaire::report::rooms::{FreeQuery, free_rooms};
    if start >= end {
        return Err(Failure::Usage(format!("--start {start} must be before --end {end}")));
    }
    let inst = horaire::load_instance(instance).map_err(Failure::Input)?;
    let Some(&site) = inst.index.sites.get(site) else {
        let mut known: Vec<&str> = inst.sites.iter().map(|s| s.id.as_str()).collect();
        known.sort_unstable();
        return Err(Failure::Usage(format!("unknown site \"{site}\" (expected one of {})", known.join(", "))));
    };
    let meetings = horaire::report::read_meetings(&inst, timetable).map_err(Failure::Input)?;
    let q = FreeQuery { site, date, start, end, capacity };
    let answer = free_rooms(&inst, &meetings, &q);
    let report = answer.report(&inst, &meetings, &q);
    let bytes = horaire::report::render::render(&report, horaire::report::render::Format::Text)
        .map_err(|e| Failure::Write(e.to_string()))?;
    let _ = std::io::stdout().write_all(&bytes);
    Ok(ExitCode::SUCCESS)
}

/// The `itc2019` subcommands.
#[derive(Subcommand, Debug)]
enum Itc2019Command {
    /// Evaluate a solution: every hard violation, the four soft criteria
    /// with the instance's weights, and the total. Exit 1 on a hard violation.
    Cost {
        /// The problem (XML).
        instance: PathBuf,
        /// The solution (competition XML).
        solution: PathBuf,
    },
    /// Solve a problem; the solution goes to `--out`, progress and the
    /// cost to stderr. Exit 1 when no feasible solution was found.
    Solve {
        /// The problem (XML).
        instance: PathBuf,
        /// Wall-clock limit in seconds (ignored with `--cycles`).
        #[arg(long, default_value_t = 60.0)]
        seconds: f64,
        /// Random seed; equal seeds and cycle counts give equal solutions.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Run exactly this many search cycles, whatever the time
        /// (reproducible whatever the machine load: the solution's bytes
        /// depend only on the instance, the seed and the cycles, its
        /// `runtime` attribute is written as 0).
        #[arg(long)]
        cycles: Option<usize>,
        /// Where to write the solution (written whole or not at all).
        #[arg(long)]
        out: PathBuf,
        /// Print only the cost, not the solver's progress.
        #[arg(long, short)]
        quiet: bool,
    },
    /// Solve every problem (`*.xml`) of a folder and compare with its
    /// `BEST_KNOWN.txt`: hard violations, each weighted criterion, total,
    /// best known, ratio, seconds.
    Bench {
        /// The folder (default: the shared ITC2019 benchmark folder).
        dir: Option<PathBuf>,
        /// Seconds per instance.
        #[arg(long, default_value_t = 60.0)]
        seconds: f64,
        /// Random seed.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Write each solution into this folder as `<instance>.sol.xml`.
        #[arg(long)]
        out_dir: Option<PathBuf>,
    },
}

fn itc2019(cmd: Itc2019Command) -> ExitCode {
    use horaire::itc2019::{SolveOptions, XmlError, bench, evaluate, read_instance, read_solution, solve};
    let fail = |e: XmlError| {
        let _ = writeln!(std::io::stderr(), "{}", prefix_lines(&e.to_string()));
        ExitCode::from(2)
    };
    let write = |p: &Path, text: &str| {
        horaire::atomic::write_atomic(p, text.as_bytes()).map_err(|e| {
            let _ = writeln!(std::io::stderr(), "horaire: cannot write {}: {e}", p.display());
            ExitCode::from(2)
        })
    };
    match cmd {
        Itc2019Command::Cost { instance, solution } => {
            let inst = match read_instance(&instance) {
                Ok(i) => i,
                Err(e) => return fail(e),
            };
            let sol = match read_solution(&inst, &solution) {
                Ok(s) => s,
                Err(e) => return fail(e),
            };
            let r = evaluate(&inst, &sol);
            let _ = write!(std::io::stdout(), "{}", r.render(&inst));
            if r.hard_count() == 0 { ExitCode::SUCCESS } else { ExitCode::from(1) }
        }
        Itc2019Command::Solve { instance, seconds, seed, cycles, out: out_path, quiet } => {
            let inst = match read_instance(&instance) {
                Ok(i) => i,
                Err(e) => return fail(e),
            };
            let started = Instant::now();
            let progress = |line: &str| {
                if !quiet {
                    let _ = writeln!(std::io::stderr(), "[{:6.1} s] {line}", started.elapsed().as_secs_f64());
                }
            };
            let res = solve(&inst, &SolveOptions { seconds, seed, cycles }, &progress);
            let r = evaluate(&inst, &res.solution);
            if let Err(code) = write(&out_path, &res.solution.to_xml(&inst)) {
                return code;
            }
            let _ = write!(std::io::stderr(), "{}", prefix_lines(&r.render(&inst)));
            let _ = writeln!(
                std::io::stderr(),
                "\nhoraire: {} cycle(s), {} sub-MIP(s) ({} improving), written to {}",
                res.cycles,
                res.mips.0,
                res.mips.1,
                out_path.display()
            );
            if r.hard_count() == 0 { ExitCode::SUCCESS } else { ExitCode::from(1) }
        }
        Itc2019Command::Bench { dir, seconds, seed, out_dir } => {
            let dir = dir.unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/benchmarks/itc2019"));
            let files = match bench::instances(&dir) {
                Ok(f) => f,
                Err(e) => {
                    let _ = writeln!(std::io::stderr(), "horaire: {}: cannot read folder: {e}", dir.display());
                    return ExitCode::from(2);
                }
            };
            let best =
                std::fs::read_to_string(dir.join("BEST_KNOWN.txt")).map(|t| bench::best_known(&t)).unwrap_or_default();
            out(&bench::table_header());
            let mut code = ExitCode::SUCCESS;
            for f in files {
                let opts = SolveOptions { seconds, seed, cycles: None };
                match bench::measure(&f, &opts, &best, &|_| {}) {
                    Ok(row) => {
                        out(&bench::table_line(&row));
                        if let Some(d) = &out_dir {
                            let inst = read_instance(&f).ok();
                            if let Some(inst) = inst {
                                let _ =
                                    write(&d.join(format!("{}.sol.xml", row.instance)), &row.solution.to_xml(&inst));
                            }
                        }
                        if row.report.hard_count() > 0 {
                            code = ExitCode::from(1);
                        }
                    }
                    Err(e) => code = fail(e),
                }
            }
            code
        }
    }
}
