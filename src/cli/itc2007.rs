//! `horaire itc2007`: the ITC2007 CB-CTT benchmark adapter.

use super::progress::Reporter;
use clap::Subcommand;
use horaire::atomic;
use horaire::itc2007::bench::reference_costs;
use horaire::itc2007::solve::{SolveOptions, solve};
use horaire::itc2007::{CttError, evaluate, read_instance, read_solution};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

/// The `itc2007` subcommands.
#[derive(Subcommand, Debug)]
pub enum Itc2007Command {
    /// Evaluate a solution: hard violations and each UD2 soft cost.
    Cost {
        /// The instance (`.ctt`).
        instance: PathBuf,
        /// The solution (`course room day period` per line).
        solution: PathBuf,
    },
    /// Solve an instance; the solution goes to `--out` or stdout, a cost
    /// summary to stderr.
    Solve {
        /// The instance (`.ctt`).
        instance: PathBuf,
        /// Wall-clock budget in seconds (no new search cycle starts after it).
        #[arg(long, default_value_t = 60.0)]
        seconds: f64,
        /// Random seed; equal seeds and cycle counts give equal solutions.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Run exactly this many search cycles, ignoring `--seconds`
        /// (fully reproducible runs).
        #[arg(long)]
        cycles: Option<usize>,
        /// Where to write the solution (written atomically).
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Solve every `.ctt` instance of a folder and compare with the
    /// best-known costs of its `REFERENCE_COSTS.txt`.
    Bench {
        /// The folder (default: the shared benchmark folder next to the
        /// project).
        dir: Option<PathBuf>,
        /// Seconds per instance.
        #[arg(long, default_value_t = 60.0)]
        seconds: f64,
        /// Random seed.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Write each solution into this folder as `<instance>.sol`.
        #[arg(long)]
        out_dir: Option<PathBuf>,
    },
}

fn err_out(e: &CttError) -> ExitCode {
    let text = e.to_string();
    let mut stderr = std::io::stderr();
    for l in text.lines() {
        let _ = writeln!(stderr, "horaire: {l}");
    }
    ExitCode::from(2)
}

fn out(s: &str) {
    let _ = writeln!(std::io::stdout(), "{s}");
}

/// Runs one subcommand; returns the process exit code (0 success, 1 hard
/// violations in an evaluated solution, 2 bad input).
pub fn run(cmd: Itc2007Command) -> ExitCode {
    match cmd {
        Itc2007Command::Cost { instance, solution } => {
            let inst = match read_instance(&instance) {
                Ok(i) => i,
                Err(e) => return err_out(&e),
            };
            let sol = match read_solution(&inst, &solution) {
                Ok(s) => s,
                Err(e) => return err_out(&e),
            };
            let r = evaluate(&inst, &sol);
            out(&r.render());
            if r.hard() == 0 { ExitCode::SUCCESS } else { ExitCode::from(1) }
        }
        Itc2007Command::Solve { instance, seconds, seed, cycles, out: out_path } => {
            let inst = match read_instance(&instance) {
                Ok(i) => i,
                Err(e) => return err_out(&e),
            };
            // The search's cycles are its raw log: shown with --verbose.
            let reporter = Reporter::new(!super::progress::verbose());
            let progress = |line: &str| reporter.line(line);
            let res = solve(&inst, &SolveOptions { seconds, seed, cycles }, &progress);
            let report = evaluate(&inst, &res.solution);
            let text = res.solution.to_text(&inst);
            match &out_path {
                Some(p) => {
                    if let Err(e) = atomic::replace(p, &text) {
                        let _ = writeln!(std::io::stderr(), "horaire: {}: cannot write: {e}", p.display());
                        return ExitCode::from(2);
                    }
                }
                None => {
                    let _ = write!(std::io::stdout(), "{text}");
                }
            }
            let _ = writeln!(
                std::io::stderr(),
                "horaire: {}: cost {} (hard violations {}), {} cycle(s), {} sub-MIP(s) ({} improving)",
                inst.name,
                report.soft(),
                report.hard(),
                res.cycles,
                res.mips.0,
                res.mips.1
            );
            if report.hard() > 0 {
                let _ = writeln!(
                    std::io::stderr(),
                    "horaire: no feasible timetable found: {} lecture(s) unscheduled (written anyway)",
                    report.unscheduled
                );
                return ExitCode::from(1);
            }
            ExitCode::SUCCESS
        }
        Itc2007Command::Bench { dir, seconds, seed, out_dir } => {
            let dir =
                dir.unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/benchmarks/itc2007-ctt"));
            bench(&dir, seconds, seed, out_dir.as_deref())
        }
    }
}

fn bench(dir: &Path, seconds: f64, seed: u64, out_dir: Option<&Path>) -> ExitCode {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            let _ = writeln!(std::io::stderr(), "horaire: {}: cannot read folder: {e}", dir.display());
            return ExitCode::from(2);
        }
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "ctt"))
        .collect();
    files.sort();
    let refs =
        std::fs::read_to_string(dir.join("REFERENCE_COSTS.txt")).map(|t| reference_costs(&t)).unwrap_or_default();
    out(&format!(
        "{:<10} {:>6} {:>5} {:>10} {:>7} {:>8}",
        "instance", "cost", "hard", "best-known", "ratio", "seconds"
    ));
    let mut code = ExitCode::SUCCESS;
    for f in files {
        let stem = f.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        let inst = match read_instance(&f) {
            Ok(i) => i,
            Err(e) => {
                code = err_out(&e);
                continue;
            }
        };
        let t = Instant::now();
        let res = solve(&inst, &SolveOptions { seconds, seed, cycles: None }, &horaire::progress::silent);
        let secs = t.elapsed().as_secs_f64();
        let r = evaluate(&inst, &res.solution);
        if let Some(d) = out_dir {
            let p = d.join(format!("{stem}.sol"));
            if let Err(e) = atomic::replace(&p, res.solution.to_text(&inst)) {
                let _ = writeln!(std::io::stderr(), "horaire: {}: cannot write: {e}", p.display());
            }
        }
        let best = refs.iter().find(|(n, _)| *n == stem).map(|x| x.1);
        let (best_s, ratio) = match best {
            Some(0) => ("0".to_string(), if r.soft() == 0 { "1.00".to_string() } else { "inf".to_string() }),
            Some(b) => (b.to_string(), format!("{:.2}", r.soft() as f64 / b as f64)),
            None => ("-".to_string(), "-".to_string()),
        };
        out(&format!("{:<10} {:>6} {:>5} {:>10} {:>7} {:>8.1}", stem, r.soft(), r.hard(), best_s, ratio, secs));
        if r.hard() > 0 {
            code = ExitCode::from(1);
        }
    }
    code
}
