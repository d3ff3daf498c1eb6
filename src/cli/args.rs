//! The clap definitions of every command.

use clap::{Parser, Subcommand};
use std::path::PathBuf;

pub const EXIT_CODES: &str = "Exit codes: 0 success, 1 infeasible or checker violations, 2 bad input or usage.";

#[derive(Parser, Debug)]
#[command(name = "horaire", version, about = "Timetables and placement plans for part-time master's programmes", after_help = EXIT_CODES)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// Also show the solver's raw log (HiGHS's lines; the ITC searches'
    /// cycles and sub-problems) with the progress.
    #[arg(long, short, global = true)]
    pub verbose: bool,
}

#[derive(Subcommand, Debug)]
pub enum Command {
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
        /// Keep activities exactly as they are in this timetable (pins
        /// them), then solve the rest.
        #[command(flatten)]
        keep: KeepArgs,
        /// Last year's timetable (`horaire-timetable/1`): each activity
        /// that does not keep its weekday, start and site (matched by
        /// activity id) costs `weights.like`; the summary counts those
        /// kept and DIR/like-diff.json lists what changed.
        #[arg(long)]
        like: Option<PathBuf>,
    },
    /// Move an instance to another academic year: its dated entries
    /// (unavailability, UE periods, placement windows and availability)
    /// keep their week of the year and weekday, the calendar is replaced.
    /// Writes OUT and OUT's `.rollover.json` summary (moved dates, dates
    /// needing a decision). Exit 0 when every date moved, 1 when some need
    /// a decision (both files written), 2 on bad input or when the new
    /// instance would not validate (nothing written).
    #[command(after_help = EXIT_CODES)]
    Rollover {
        /// The instance (`horaire/1` JSON); never modified.
        instance: PathBuf,
        /// The new year's calendar (`horaire-calendar/1`).
        #[arg(long)]
        calendar: PathBuf,
        /// The new instance to write.
        #[arg(long)]
        out: PathBuf,
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
        #[command(flatten)]
        faculty: FacultyBench,
    },
    /// Measure one instance (used by `bench`); prints one JSON line.
    #[command(hide = true)]
    BenchOne {
        instance: PathBuf,
        #[arg(long)]
        config: Option<PathBuf>,
        /// Overrides the config's time limit (seconds).
        #[arg(long)]
        time_limit: Option<f64>,
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
    Itc2007(super::itc2007::Itc2007Command),
    /// ITC2019 university course timetabling benchmark (XML).
    #[command(subcommand, after_help = EXIT_CODES)]
    Itc2019(Itc2019Command),
}

/// `horaire bench --faculty`: generated faculties instead of instances.
#[derive(clap::Args, Debug)]
pub struct FacultyBench {
    /// Instead of instances, generate faculties (`synth faculty`) of the
    /// sizes of --programmes and solve each with every time limit of
    /// --limits (in place of the config's).
    #[arg(long)]
    pub faculty: bool,
    /// With --faculty: the numbers of programmes, comma separated.
    #[arg(long, value_delimiter = ',', default_value = "4,12,24,48")]
    pub programmes: Vec<usize>,
    /// With --faculty: the time limits in seconds, comma separated.
    #[arg(long, value_delimiter = ',', default_value = "30,120")]
    pub limits: Vec<f64>,
    /// With --faculty: the generator's seed.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
}

#[derive(Subcommand, Debug)]
pub enum WorkbookCommand {
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
pub enum RoomsCommand {
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
pub enum SynthCommand {
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
pub enum PlacementsCommand {
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
        /// Print the time of each phase (allocation, plans) on stderr.
        #[arg(long, hide = true)]
        timings: bool,
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
        /// Print the time of each phase (allocation, plans) on stderr.
        #[arg(long, hide = true)]
        timings: bool,
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

#[derive(Subcommand, Debug)]
pub enum Itc2019Command {
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

pub fn parse_date_arg(s: &str) -> Result<chrono::NaiveDate, String> {
    horaire::model::time::parse_date(s).ok_or_else(|| format!("expected a date YYYY-MM-DD, found \"{s}\""))
}

pub fn parse_time_arg(s: &str) -> Result<horaire::model::time::ClockTime, String> {
    horaire::model::time::ClockTime::parse(s).ok_or_else(|| format!("expected a time HH:MM, found \"{s}\""))
}

/// `solve --keep TIMETABLE [--only UE,... | --except UE,...]`.
#[derive(Debug, Clone, clap::Args)]
pub struct KeepArgs {
    /// A timetable (`horaire-timetable/1`) whose meetings are kept: every
    /// activity's, or those `--only` / `--except` select.
    #[arg(long, value_name = "TIMETABLE")]
    pub keep: Option<PathBuf>,
    /// With `--keep`: keep only these UEs (codes) or activities (ids).
    #[arg(long, value_delimiter = ',', requires = "keep", conflicts_with = "except")]
    pub only: Option<Vec<String>>,
    /// With `--keep`: keep every activity but these UEs or activities.
    #[arg(long, value_delimiter = ',', requires = "keep")]
    pub except: Option<Vec<String>>,
}
