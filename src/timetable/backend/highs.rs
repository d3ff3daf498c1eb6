//! The HiGHS backend: runs the model on HiGHS and turns its answer into
//! our own outcome, on purpose: good_lp folds "unbounded or infeasible"
//! into `Infeasible` and "time limit without incumbent" into an error
//! string, so the model is handed to the `highs` crate directly to read
//! status, gap and bound.
//!
//! HiGHS writes its log to a file (never to stdout, which is for results);
//! a thread follows that file and passes each line to the caller's
//! progress callback.

use super::{Backend, Log, Outcome, RunResult, RunSettings};
use crate::timetable::Progress;
use crate::timetable::config::OptionValue;
use crate::timetable::formulation::Built;
use good_lp::{SolverModel, solvers::highs::highs};
use highs::HighsModelStatus;
use std::io::{BufRead, BufReader, Seek};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// HiGHS, through good_lp's model building and the `highs` crate.
#[derive(Debug, Clone, Copy, Default)]
pub struct Highs;

impl Backend for Highs {
    fn run(&self, model: Built, settings: &RunSettings, log: Log<'_>) -> RunResult {
        run(model, settings, log)
    }

    fn forward_log_line(&self, progress: Progress<'_>, line: &str) {
        if let Some(t) = planner_line(line) {
            progress(&format!("highs: {t}"));
        }
    }
}

/// Solves `built`, passing HiGHS's log lines to `log`.
fn run(built: Built, settings: &RunSettings, log: Log<'_>) -> RunResult {
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
    for (name, value) in &settings.options {
        if !set_extra_option(&mut model, name, value) {
            return RunResult {
                outcome: Outcome::Error(format!(
                    "HiGHS does not accept the option {name} = {value} (highs_options in the solver config)"
                )),
                values: vec![],
                objective: 0.0,
                gap: 0.0,
                bound: f64::NEG_INFINITY,
                seconds: 0.0,
            };
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

/// The text of a HiGHS log line a planner cares about, if it is one: the
/// presolve and the start, the incumbent, bound and gap table of the branch
/// and bound (its rows begin with a space and a letter saying what found
/// the row's solution), and the final summary.
fn planner_line(line: &str) -> Option<&str> {
    let t = line.trim_start();
    let keep = t.starts_with("Presolving")
        || t.starts_with("MIP start")
        || t.contains("user-supplied")
        || t.contains("infeasibilities")
        || t.starts_with("Assessing")
        || t.starts_with("horaire:")
        || t.starts_with("Presolve")
        || t.starts_with("Objective function")
        || t.starts_with("Solving MIP")
        || t.starts_with("Dual bound")
        || t.starts_with("Primal bound")
        || t.starts_with("Gap")
        || t.starts_with("Nodes")
        || t.starts_with("Model status")
        || line.starts_with(' ')
            && matches!(
                t.chars().next(),
                Some('H' | 'L' | 'T' | 'B' | 'R' | 'C' | 'S' | 'F' | 'z' | 'u' | 'p' | 'l' | 'j' | 'd')
            );
    keep.then_some(t)
}

/// Sets an option of `highs_options`: a whole number is tried as an
/// integer option, then as a real one. Whether HiGHS accepted it.
fn set_extra_option(model: &mut highs::Model, name: &str, value: &OptionValue) -> bool {
    match value {
        OptionValue::Bool(b) => model.try_set_option(name, *b).is_ok(),
        OptionValue::Int(i) => {
            model.try_set_option(name, *i).is_ok() || model.try_set_option(name, f64::from(*i)).is_ok()
        }
        OptionValue::Float(x) => model.try_set_option(name, *x).is_ok(),
        OptionValue::Text(t) => model.try_set_option(name, t.as_str()).is_ok(),
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timetable::config::SolverConfig;
    use crate::timetable::{formulation, patterns};

    /// The model of the small test instance, and the settings of a config
    /// with `options`.
    fn tiny(options: &[(&str, OptionValue)]) -> (Built, RunSettings) {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tiny.json");
        let inst = crate::load_instance(&path).expect("tiny.json");
        let set = patterns::generate(&inst, &formulation::corequisite_windows(&inst));
        let cfg = SolverConfig {
            highs_options: options.iter().map(|(k, v)| (k.to_string(), v.clone())).collect(),
            ..SolverConfig::default()
        };
        (formulation::build(&inst, &set, &cfg, false), RunSettings::from_config(&cfg))
    }

    #[test]
    fn extra_options_reach_highs_and_one_it_does_not_know_fails_the_run_by_name() {
        let (built, settings) = tiny(&[]);
        let plain = Highs.run(built, &settings, &|_| {});
        assert_eq!(plain.outcome, Outcome::Optimal);

        // A whole number for a real option is passed as a real.
        let options = [("presolve", OptionValue::Text("off".into())), ("mip_heuristic_effort", OptionValue::Int(0))];
        let (built, settings) = tiny(&options);
        let lines = std::sync::Mutex::new(Vec::new());
        let tuned = Highs.run(built, &settings, &|l| lines.lock().expect("lines").push(l.to_string()));
        assert_eq!(tuned.outcome, Outcome::Optimal);
        assert!((tuned.objective - plain.objective).abs() < 1e-6);
        let lines = lines.into_inner().expect("lines");
        assert!(lines.iter().any(|l| l == "Presolve is switched off"), "{lines:?}");

        let (built, settings) = tiny(&[("no_such_option", OptionValue::Bool(true))]);
        let failed = Highs.run(built, &settings, &|_| {});
        assert_eq!(
            failed.outcome,
            Outcome::Error(
                "HiGHS does not accept the option no_such_option = true (highs_options in the solver config)".into()
            )
        );
    }

    #[test]
    fn only_the_lines_a_planner_reads_are_forwarded() {
        assert_eq!(planner_line("Presolving model"), Some("Presolving model"));
        assert_eq!(
            planner_line("  H       0       0         0   0.00%   -inf   240"),
            Some("H       0       0         0   0.00%   -inf   240")
        );
        assert_eq!(planner_line("Running HiGHS 1.11.0 (git hash: 364c83a): Copyright (c) 2025"), None);
        assert_eq!(planner_line("Coefficient ranges:"), None);
    }
}
