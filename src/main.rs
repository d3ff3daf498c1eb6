//! The `horaire` command line: parse, call the library, print, map to an
//! exit code (0 success, 1 infeasible or violations, 2 bad input or usage).

use clap::{Parser, Subcommand};
use horaire::model::{Instance, LoadError};
use horaire::timetable::config::{SolverConfig, read_config};
use horaire::timetable::{self, Progress, SolveFailure, Solved};
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
    },
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
}

/// What went wrong, mapped to an exit code.
enum Failure {
    /// Bad input (exit 2): the problems are printed.
    Input(LoadError),
    /// A file could not be written (exit 2).
    Output(PathBuf, std::io::Error),
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
        Command::Solve { instance, config, out, quiet } => solve(&instance, config.as_deref(), &out, quiet),
        Command::Batch { dir, config } => batch(&dir, config.as_deref()),
        Command::Bench { instances, config, markdown } => bench(instances, config.as_deref(), markdown),
        Command::BenchOne { instance, config } => {
            let cfg = solver_config(config.as_deref())?;
            let row = horaire::bench::measure(&instance, &cfg);
            out(&serde_json::to_string(&row).unwrap_or_default());
            Ok(ExitCode::SUCCESS)
        }
        Command::Check { instance, timetable, json } => check(&instance, &timetable, json),
        Command::Repair { instance, timetable, changes, out, config, quiet } => {
            repair(&instance, &timetable, &changes, &out, config.as_deref(), quiet)
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

fn check(instance: &Path, timetable: &Path, json: bool) -> Result<ExitCode, Failure> {
    let inst = horaire::load_instance(instance).map_err(Failure::Input)?;
    let tt = horaire::check::read_timetable(timetable).map_err(Failure::Input)?;
    let violations = horaire::check::check_timetable(&inst, &tt);
    if json {
        out(&serde_json::to_string_pretty(&violations).unwrap_or_default());
    } else if violations.is_empty() {
        out(&format!("{}: {}", timetable.display(), horaire::check::summary(&inst, &tt)));
    } else {
        for v in &violations {
            out(&v.to_string());
        }
    }
    if violations.is_empty() {
        Ok(ExitCode::SUCCESS)
    } else {
        let _ = writeln!(std::io::stderr(), "horaire: {} violation(s) in {}", violations.len(), timetable.display());
        Ok(ExitCode::from(1))
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
            out(&solved_summary(&inst, &solved, &target));
            Ok(ExitCode::SUCCESS)
        }
        Err(failure) => {
            out(&failure_text(&inst, &cfg, &failure, &progress));
            Ok(ExitCode::from(1))
        }
    }
}

fn write_json<T: serde::Serialize>(target: &Path, value: &T) -> Result<(), Failure> {
    let mut bytes = serde_json::to_vec_pretty(value).map_err(|e| Failure::Output(target.to_path_buf(), e.into()))?;
    bytes.push(b'\n');
    horaire::atomic::write_atomic(target, &bytes).map_err(|e| Failure::Output(target.to_path_buf(), e))
}

fn solved_summary(inst: &Instance, solved: &Solved, target: &Path) -> String {
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

fn failure_text(inst: &Instance, cfg: &SolverConfig, failure: &SolveFailure, progress: Progress<'_>) -> String {
    match failure {
        SolveFailure::NoPattern(list, _) => {
            let mut s = format!(
                "{}: infeasible. {} activit(y/ies) cannot meet at all; no timetable was written:",
                inst.name,
                list.len()
            );
            for (a, why) in list {
                s.push_str(&format!("\n  - {}: {why}", inst.activities[a.index()].id));
            }
            s
        }
        SolveFailure::GridTooSmall(list) => {
            let mut s = format!(
                "{}: infeasible; no timetable was written. The time grid cannot hold every meeting:",
                inst.name
            );
            for c in list {
                s.push_str(&format!("\n  - {c}"));
            }
            s
        }
        SolveFailure::Infeasible(_) => {
            let mut s = format!("{}: infeasible; no timetable was written.", inst.name);
            match horaire::explain::diagnose(inst, cfg, progress) {
                Some(families) if !families.is_empty() => {
                    s.push_str(" These requirements cannot all be met together:");
                    for f in families {
                        s.push_str(&format!("\n  - {f}"));
                    }
                }
                _ => s.push_str(" The diagnosis found no single family of requirements to blame."),
            }
            s
        }
        SolveFailure::NoSolutionInTime(_) => format!(
            "{}: no timetable found within {} s; nothing was written. Allow more time (--config solver-configs/thorough.json).",
            inst.name, cfg.time_limit
        ),
        SolveFailure::Solver(e) => format!("{}: the solver failed: {e}; nothing was written.", inst.name),
    }
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
                rows.push([name, r.status, format!("{}", r.objective), format!("{:.2} %", r.gap * 100.0), secs]);
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
    let ch = horaire::repair::read_changes(changes, &inst).map_err(Failure::Input)?;
    let changed = horaire::repair::apply(&inst, &ch);
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
