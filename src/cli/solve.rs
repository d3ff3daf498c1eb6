//! `horaire solve`: one timetable, and its summary.

use super::args::KeepArgs;
use super::progress::Reporter;
use super::{Failure, out, solver_config, write_json};
use horaire::model::Instance;
use horaire::model::pins::KeepSelection;
use horaire::model::timetable::{SolveStatus, TimetableFile};
use horaire::timetable::config::{LastYear, SolverConfig, THOROUGH_TIME_LIMIT};
use horaire::timetable::formulation::CostKind;
use horaire::timetable::{self, Solved};
use std::collections::BTreeMap;
use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;

pub fn solve(
    path: &Path,
    config: Option<&Path>,
    out_dir: &Path,
    quiet: bool,
    keep: &KeepArgs,
    like: Option<&Path>,
) -> Result<ExitCode, Failure> {
    let mut cfg = solver_config(config)?;
    let mut inst = horaire::load_instance(path).map_err(Failure::Input)?;
    if let Some(kept) = &keep.keep {
        let tt = horaire::check::read_timetable(kept).map_err(Failure::Input)?;
        let which = match (&keep.only, &keep.except) {
            (Some(v), _) => KeepSelection::Only(v.clone()),
            (None, Some(v)) => KeepSelection::Except(v.clone()),
            (None, None) => KeepSelection::All,
        };
        horaire::model::pins::keep(&mut inst, kept, &tt, &which)
            .map_err(|p| Failure::Input(horaire::model::LoadError::Invalid(p)))?;
    }
    let last = match like {
        Some(p) => Some(horaire::check::read_timetable(p).map_err(Failure::Input)?),
        None => None,
    };
    cfg.like = last.as_ref().map(|t| Arc::new(horaire::rollover::like::last_year(&inst, t)));
    let reporter = Reporter::new(quiet);
    let progress = |line: &str| reporter.line(line);
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
        let costs = costs_in_words(cfg, &r.costs);
        if !costs.is_empty() {
            s.push_str(&format!("What the objective counts: {}.\n", costs.join("; ")));
        }
        if let Some(week) = busiest_week(inst, tt) {
            s.push_str(&format!("{week}\n"));
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

/// The soft costs of `costs` (weighted, as in `report.costs`) in a
/// planner's words: what each counts, then its part of the objective.
fn costs_in_words(cfg: &SolverConfig, costs: &BTreeMap<String, f64>) -> Vec<String> {
    CostKind::ALL
        .iter()
        .filter_map(|&kind| {
            let value = *costs.get(kind.name())?;
            let weight = kind.weight(&cfg.weights);
            if value == 0.0 || weight <= 0.0 {
                return None;
            }
            let n = value / weight;
            let counted = match kind {
                CostKind::Saturday => format!("{} on a Saturday", plural(n, "meeting")),
                CostKind::Late => format!("{} ending after {}", plural(n, "meeting"), cfg.late_after),
                CostKind::EnrolmentOverlaps => {
                    format!("{} of UEs the same students take", plural(n, "overlapping meeting"))
                }
                CostKind::SiteChanges => format!("{} within a week", plural(n, "extra site a cohort travels to")),
                CostKind::WeeklyPeak => format!("{} h in the cohorts' busiest weeks, added up", number(n)),
                CostKind::LastYearSlots => {
                    let activities =
                        if n == 1.0 { "1 activity".to_string() } else { format!("{} activities", number(n)) };
                    format!("{activities} not on last year's weekday, start and site")
                }
            };
            Some(format!("{counted} ({} of the objective)", number(value)))
        })
        .collect()
}

/// The busiest week of any cohort, in a sentence.
fn busiest_week(inst: &Instance, tt: &TimetableFile) -> Option<String> {
    let meetings = horaire::report::resolve(inst, Path::new("timetable.json"), tt).ok()?;
    let load = horaire::report::load::load(inst, &meetings);
    let (cohort, week) = load
        .cohorts
        .iter()
        .filter_map(|c| c.busiest.first().map(|&w| (c, w)))
        .max_by_key(|(c, w)| (c.per_week[*w], std::cmp::Reverse(c.cohort.index())))?;
    let c = &inst.cohorts[cohort.cohort.index()];
    Some(format!(
        "The busiest week: {} h for {} ({}), the week of {}.",
        horaire::model::time::hours_string(cohort.per_week[week]),
        c.name,
        c.id,
        load.weeks[week]
    ))
}

fn plural(n: f64, what: &str) -> String {
    if n == 1.0 { format!("1 {what}") } else { format!("{} {what}s", number(n)) }
}

/// A count or hours, without trailing zeros.
fn number(x: f64) -> String {
    let s = format!("{x:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}
