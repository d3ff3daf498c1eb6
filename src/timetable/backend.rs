//! Running the model on HiGHS and turning its answer into our own outcome,
//! on purpose: good_lp folds "unbounded or infeasible" into `Infeasible` and
//! "time limit without incumbent" into an error string, so the model is
//! handed to the `highs` crate directly to read status, gap and bound.
//!
//! For tuning experiments, `HORAIRE_HIGHS_EXPERIMENT=name=value,...` sets
//! extra HiGHS options (never needed in normal runs; results recorded in
//! `bench/RESULTS.md` use none).
//!
//! HiGHS writes its log to a file (never to stdout, which is for results);
//! a thread follows that file and passes each line to the caller's
//! progress callback.

use super::model::Built;
use good_lp::{SolverModel, solvers::highs::highs};
use highs::HighsModelStatus;
use std::io::{BufRead, BufReader, Seek};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// What the solver achieved.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// Proven optimal within the configured gap.
    Optimal,
    /// A solution with this relative gap (time limit reached).
    Feasible {
        /// Relative gap.
        gap: f64,
    },
    /// The time limit passed before any solution was found.
    NoSolutionInTime,
    /// No solution exists.
    Infeasible,
    /// The solver failed (an internal error, with HiGHS's word for it).
    Error(String),
}

/// Limits and determinism settings for one run.
#[derive(Debug, Clone)]
pub struct RunSettings {
    /// Seconds.
    pub time_limit: f64,
    /// Relative gap.
    pub relative_gap: f64,
    /// Random seed.
    pub seed: u32,
    /// Branch-and-bound node limit, if any.
    pub node_limit: Option<u64>,
    /// A starting solution: a value for every column (helper columns may
    /// be left at 0; HiGHS completes them), or `None`.
    pub start: Option<Vec<f64>>,
    /// Solve the LP relaxation only (integrality dropped): its optimum is
    /// a lower bound on the objective of every timetable.
    pub relaxation: bool,
}

impl RunSettings {
    /// The limits and settings of a config, without a starting solution.
    pub fn from_config(cfg: &super::config::SolverConfig) -> Self {
        RunSettings {
            time_limit: cfg.time_limit,
            relative_gap: cfg.relative_gap,
            seed: cfg.seed,
            node_limit: cfg.node_limit,
            start: None,
            relaxation: false,
        }
    }
}

/// The answer of a run.
#[derive(Debug, Clone)]
pub struct RunResult {
    /// Outcome.
    pub outcome: Outcome,
    /// Value of every column (empty without a solution).
    pub values: Vec<f64>,
    /// Objective of the incumbent.
    pub objective: f64,
    /// Relative gap (0 when optimal).
    pub gap: f64,
    /// A lower bound on the objective of every solution (`-inf` when
    /// none is known): the MIP's dual bound, or the optimum of a
    /// relaxation.
    pub bound: f64,
    /// Wall-clock seconds in the solver.
    pub seconds: f64,
}

/// Solves `built`, passing HiGHS's log lines to `log`.
pub fn run(built: Built, settings: &RunSettings, log: &(dyn Fn(&str) + Sync)) -> RunResult {
    let Built { vars, rows, objective, .. } = built;
    let mut problem = vars.minimise(objective).using(highs);
    for r in rows {
        let _ = problem.add_constraint(r);
    }
    let mut model = problem.into_inner();
    if let Some(start) = &settings.start {
        if model.try_set_solution(Some(start), None, None, None).is_err() {
            log("horaire: the starting solution was not accepted");
        }
    }

    let log_path = std::env::temp_dir().join(format!(
        "horaire-highs-{}-{:?}.log",
        std::process::id(),
        std::thread::current().id()
    ));
    let _ = std::fs::remove_file(&log_path);
    let log_name = log_path.to_string_lossy().to_string();
    model.set_option("output_flag", true);
    model.set_option("log_to_console", false);
    model.set_option("log_file", log_name.as_str());
    model.set_option("time_limit", settings.time_limit);
    model.set_option("mip_rel_gap", settings.relative_gap);
    // Every model on one thread: its branch and bound is sequential
    // anyway, and the configured threads are models solved at once (see
    // `SolverConfig::workers`).
    model.set_option("threads", 1);
    model.set_option("random_seed", settings.seed as i32);
    model.set_option("mip_report_level", 1);
    if settings.relaxation {
        model.set_option("solve_relaxation", true);
    }
    if let Some(n) = settings.node_limit {
        model.set_option("mip_max_nodes", i32::try_from(n).unwrap_or(i32::MAX));
    }
    if let Ok(extra) = std::env::var("HORAIRE_HIGHS_EXPERIMENT") {
        for kv in extra.split(',') {
            if let Some((k, v)) = kv.split_once('=') {
                if let Ok(f) = v.parse::<bool>() {
                    model.set_option(k, f);
                } else if let Ok(f) = v.parse::<i32>() {
                    model.set_option(k, f);
                } else if let Ok(f) = v.parse::<f64>() {
                    model.set_option(k, f);
                } else {
                    model.set_option(k, v);
                }
            }
        }
    }

    let done = Arc::new(AtomicBool::new(false));
    let started = Instant::now();
    let solved = std::thread::scope(|scope| {
        let done2 = Arc::clone(&done);
        let path = log_path.clone();
        let _ = scope.spawn(move || follow_log(&path, &done2, log));
        let solved = model.try_solve();
        done.store(true, Ordering::SeqCst);
        solved
    });
    let seconds = started.elapsed().as_secs_f64();
    let _ = std::fs::remove_file(&log_path);

    let solved = match solved {
        Ok(s) => s,
        Err(e) => {
            return RunResult {
                outcome: Outcome::Error(format!("{e:?}")),
                values: vec![],
                objective: 0.0,
                gap: 0.0,
                bound: f64::NEG_INFINITY,
                seconds,
            };
        }
    };
    let status = solved.status();
    let has_solution = solved.primal_solution_status() == highs::HighsSolutionStatus::Feasible;
    let values = if has_solution { solved.get_solution().columns().to_vec() } else { Vec::new() };
    let objective = if has_solution { solved.objective_value() } else { 0.0 };
    let raw_gap = solved.mip_gap();
    // An optimal answer is its own bound when HiGHS reports none (a
    // relaxation, or a model presolve empties).
    let proven = if status == HighsModelStatus::Optimal { objective } else { f64::NEG_INFINITY };
    let bound = if settings.relaxation {
        proven
    } else {
        solved.double_info_value(c"mip_dual_bound").ok().filter(|b| b.is_finite()).unwrap_or(proven)
    };
    let gap = if raw_gap.is_finite() { raw_gap.max(0.0) } else { 0.0 };
    let outcome = match status {
        HighsModelStatus::Optimal => Outcome::Optimal,
        HighsModelStatus::Infeasible | HighsModelStatus::UnboundedOrInfeasible => Outcome::Infeasible,
        HighsModelStatus::ReachedTimeLimit
        | HighsModelStatus::ReachedIterationLimit
        | HighsModelStatus::ReachedSolutionLimit
        | HighsModelStatus::ReachedInterrupt
        | HighsModelStatus::ReachedMemoryLimit
        | HighsModelStatus::ObjectiveBound
        | HighsModelStatus::ObjectiveTarget => {
            if has_solution {
                Outcome::Feasible { gap: if raw_gap.is_finite() { gap } else { 1.0 } }
            } else {
                Outcome::NoSolutionInTime
            }
        }
        HighsModelStatus::ModelEmpty => Outcome::Optimal,
        other => Outcome::Error(format!("HiGHS stopped with status {other:?}")),
    };
    let gap = match outcome {
        Outcome::Optimal => gap.min(settings.relative_gap),
        Outcome::Feasible { gap } => gap,
        _ => 0.0,
    };
    RunResult { outcome, values, objective, gap, bound, seconds }
}

/// Follows the HiGHS log file until `done`, passing complete lines on.
fn follow_log(path: &std::path::Path, done: &AtomicBool, log: &(dyn Fn(&str) + Sync)) {
    let mut file = None;
    let mut pos = 0u64;
    let mut pending = String::new();
    loop {
        let finished = done.load(Ordering::SeqCst);
        if file.is_none() {
            file = std::fs::File::open(path).ok();
        }
        if let Some(f) = file.as_mut() {
            if f.seek(std::io::SeekFrom::Start(pos)).is_ok() {
                let mut reader = BufReader::new(&mut *f);
                loop {
                    let mut line = String::new();
                    match reader.read_line(&mut line) {
                        Ok(0) | Err(_) => break,
                        Ok(n) => {
                            pos += n as u64;
                            pending.push_str(&line);
                            if pending.ends_with('\n') {
                                log(pending.trim_end());
                                pending.clear();
                            }
                        }
                    }
                }
            }
        }
        if finished {
            if !pending.is_empty() {
                log(pending.trim_end());
            }
            return;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}
