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
    /// Placement hosts, hour plans and logged-hours tracking.
    #[command(subcommand)]
    Placements(PlacementsCommand),
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
        Command::Placements(cmd) => placements(cmd),
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
            let written = std::fs::create_dir_all(&dir)
                .and_then(|()| output::write_atomic(&path, output::to_json(&file).as_bytes()));
            if let Err(e) = written {
                let _ = writeln!(std::io::stderr(), "horaire: {}: cannot write: {e}", path.display());
                return Ok(ExitCode::from(2));
            }
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
    use horaire::placement::{output::write_atomic, synth};
    let s = synth::generate(seed, students, hosts);
    let pretty = |v: &serde_json::Value| serde_json::to_string_pretty(v).unwrap_or_default() + "\n";
    let files = [
        ("instance.json", pretty(&s.instance)),
        ("timetable.json", pretty(&s.timetable)),
        ("hours.csv", s.log.clone()),
    ];
    let written = std::fs::create_dir_all(dir)
        .and_then(|()| files.iter().try_for_each(|(name, text)| write_atomic(&dir.join(name), text.as_bytes())));
    if let Err(e) = written {
        let _ = writeln!(std::io::stderr(), "horaire: {}: cannot write: {e}", dir.display());
        return Ok(ExitCode::from(2));
    }
    out(&format!(
        "wrote {}/{{instance.json,timetable.json,hours.csv}} (seed {seed}, {students} students, {hosts} hosts, log up to {})",
        dir.display(),
        s.as_of
    ));
    Ok(ExitCode::SUCCESS)
}
