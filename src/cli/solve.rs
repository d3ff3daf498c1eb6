//! `horaire solve`: one timetable, and its summary.

use super::{Failure, out, solver_config, write_json};
use horaire::model::Instance;
use horaire::model::timetable::{SolveStatus, TimetableFile};
use horaire::timetable::config::{LastYear, SolverConfig, THOROUGH_TIME_LIMIT};
use horaire::timetable::{self, Solved};
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Instant;

pub fn solve(
    path: &Path,
    config: Option<&Path>,
    out_dir: &Path,
    quiet: bool,
    like: Option<&Path>,
) -> Result<ExitCode, Failure> {
    let mut cfg = solver_config(config)?;
    let inst = horaire::load_instance(path).map_err(Failure::Input)?;
    let last = match like {
        Some(p) => Some(horaire::check::read_timetable(p).map_err(Failure::Input)?),
        None => None,
    };
    cfg.like = last.as_ref().map(|t| Arc::new(horaire::rollover::like::last_year(&inst, t)));
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
            if let (Some(last), Some(slots)) = (&last, &cfg.like) {
                like_summary(&inst, last, slots, &solved, out_dir)?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Err(failure) => {
            // Explain the hard rules only: last year's slots are a wish.
            cfg.like = None;
            let report = horaire::explain::diagnose_failure(&inst, &cfg, &failure, &progress);
            out(&horaire::explain::render::failure(&inst, &report));
            Ok(ExitCode::from(1))
        }
    }
}

/// With `--like`: how many activities kept last year's slot, and
/// DIR/like-diff.json with what changed.
fn like_summary(
    inst: &Instance,
    last: &TimetableFile,
    slots: &LastYear,
    solved: &Solved,
    out_dir: &Path,
) -> Result<(), Failure> {
    let kept = horaire::rollover::like::kept(inst, slots, &solved.timetable);
    let diff = horaire::rollover::like::diff(last, &solved.timetable, inst.calendar.year.from);
    let target = out_dir.join("like-diff.json");
    write_json(&target, &diff)?;
    out(&format!(
        "{}; {} of {} meetings unchanged (same weekday, start, end, site and room), {} moved, {} added, {} cancelled: listed in {}.",
        kept.sentence(),
        diff.future_meetings_unchanged,
        diff.future_meetings_before,
        diff.moved,
        diff.added,
        diff.cancelled,
        target.display()
    ));
    Ok(())
}

pub fn solved_summary(inst: &Instance, cfg: &SolverConfig, solved: &Solved, target: &Path) -> String {
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
