//! The timetable solver: meeting patterns, the good_lp model on HiGHS, room
//! assignment, and the `horaire-timetable/1` result.

pub mod backend;
pub mod config;
pub mod model;
pub mod patterns;
pub mod rooms;
pub mod start;

use crate::model::time::hours_string;
use crate::model::timetable::{MeetingFile, ModelSizeFile, ReportFile, TIMETABLE_FORMAT, TimetableFile};
use crate::model::{ActivityId, Instance};
use backend::{Outcome, RunSettings};
use config::SolverConfig;
use good_lp::IntoAffineExpression;
use patterns::{Meeting, NoPattern};
use std::collections::BTreeMap;
use std::time::Instant;

/// Progress and diagnostics for the caller to show (stderr in the CLI).
pub type Progress<'a> = &'a (dyn Fn(&str) + Sync);

/// Model size and timings of a solve.
#[derive(Debug, Clone, Default)]
pub struct SolveStats {
    /// Patterns per activity (activity id, count), in instance order.
    pub patterns_per_activity: Vec<(String, usize)>,
    /// Model size.
    pub size: ModelSizeFile,
    /// Seconds to generate patterns and build the model.
    pub build_seconds: f64,
    /// Seconds in the MIP solver.
    pub solve_seconds: f64,
}

/// A solved timetable.
#[derive(Debug, Clone)]
pub struct Solved {
    /// The file to write.
    pub timetable: TimetableFile,
    /// Sizes and timings.
    pub stats: SolveStats,
}

/// Why no timetable came out.
#[derive(Debug, Clone)]
pub enum SolveFailure {
    /// A cohort's activities need more meetings than its grid opens in a
    /// period (one message per cohort and period).
    GridTooSmall(Vec<String>),
    /// Some activities have no way to meet at all.
    NoPattern(Vec<(ActivityId, NoPattern)>, SolveStats),
    /// The requirements cannot all hold together.
    Infeasible(SolveStats),
    /// The time limit passed without any timetable.
    NoSolutionInTime(SolveStats),
    /// The solver failed.
    Solver(String),
}

/// Generates patterns, builds and solves the model, assigns rooms.
pub fn solve(inst: &Instance, cfg: &SolverConfig, progress: Progress<'_>) -> Result<Solved, SolveFailure> {
    let t0 = Instant::now();
    let counted = crate::explain::counting_problems(inst);
    if !counted.is_empty() {
        return Err(SolveFailure::GridTooSmall(counted));
    }
    progress("phase: generating meeting patterns");
    let windows = model::corequisite_windows(inst);
    let set = patterns::generate(inst, &windows);
    let mut stats = SolveStats {
        patterns_per_activity: set
            .by_activity
            .iter()
            .enumerate()
            .map(|(a, r)| (inst.activities[a].id.clone(), r.len()))
            .collect(),
        ..SolveStats::default()
    };
    progress(&format!("patterns: {} for {} activities", set.patterns.len(), inst.activities.len()));
    if !set.empty.is_empty() {
        stats.build_seconds = t0.elapsed().as_secs_f64();
        return Err(SolveFailure::NoPattern(set.empty, stats));
    }
    progress("phase: building the model");
    let start_clock = Instant::now();
    let start = if !inst.programmes.is_empty() {
        progress("phase: a first timetable programme by programme, without the weekly costs (starting solution)");
        let mut s = start::by_programme(inst, &set, cfg, progress);
        if s.is_none() {
            progress("start: none found; the full model starts from scratch");
        }
        // Several programmes: use the time the full model could not use
        // well (see below) to improve the start programme by programme.
        let left = cfg.time_limit * 0.95 - t0.elapsed().as_secs_f64();
        if inst.programmes.len() > 1 && cfg.node_limit.is_none() && left < cfg.time_limit * 0.6 {
            s = s.map(|chosen| start::improve_by_programme(inst, &set, cfg, chosen, left - 3.0, progress));
        }
        s
    } else {
        None
    };
    let start_seconds = start_clock.elapsed().as_secs_f64();
    let built = model::build(inst, &set, cfg, false);
    stats.size = ModelSizeFile {
        patterns: set.patterns.len(),
        variables: built.vars.len(),
        rows: built.rows.len(),
        nonzeros: built.nonzeros,
        patterns_per_activity: stats.patterns_per_activity.iter().cloned().collect(),
    };
    stats.build_seconds = t0.elapsed().as_secs_f64() - start_seconds;
    progress(&format!(
        "model: {} variables ({} patterns), {} rows, {} non-zeros, built in {:.2} s",
        stats.size.variables, stats.size.patterns, stats.size.rows, stats.size.nonzeros, stats.build_seconds
    ));
    let x = built.x.clone();
    let costs = built.costs.clone();
    let column: Vec<usize> = x.iter().map(|v| built.column[v]).collect();
    let cost_columns: Vec<(&str, LinearTerms, f64)> = costs
        .iter()
        .map(|(k, e)| (*k, e.clone().linear_coefficients().map(|(v, c)| (built.column[&v], c)).collect(), e.constant()))
        .collect();
    progress("phase: solving (HiGHS)");
    let start_values = start.map(|chosen| {
        let mut v = vec![0.0; built.vars.len()];
        for p in chosen {
            v[built.column[&built.x[p]]] = 1.0;
        }
        v
    });
    let settings = RunSettings {
        // The start counts against the time limit; without one, the full
        // model keeps at least a quarter of it.
        // HiGHS overruns its limit by a second or two on large models
        // (presolve, the last node), hence the margin.
        time_limit: if cfg.node_limit.is_some() {
            cfg.time_limit
        } else {
            (cfg.time_limit * 0.95 - t0.elapsed().as_secs_f64()).max(if start_values.is_some() {
                1.0
            } else {
                cfg.time_limit * 0.25
            })
        },
        relative_gap: cfg.relative_gap,
        threads: cfg.threads,
        seed: cfg.seed,
        node_limit: cfg.node_limit,
        start: start_values.clone(),
    };
    // When the start leaves less than 60 % of the limit, the full model
    // cannot improve on it in time (its root LP alone takes longer on the
    // large instances, and HiGHS overruns the limit): the start is then
    // only completed and costed, with every pattern fixed, and reported as
    // feasible with no bound (gap 1).
    let mut built = built;
    let left = cfg.time_limit * 0.95 - t0.elapsed().as_secs_f64();
    let evaluate_only = cfg.node_limit.is_none() && left < cfg.time_limit * 0.6;
    if let (true, Some(values)) = (evaluate_only, &start_values) {
        progress("phase: too little time left to improve the start; costing it with every pattern fixed");
        for (p, &c) in column.iter().enumerate() {
            built.rows.push(good_lp::Expression::from(built.x[p]).eq(values[c]));
            built.info.push(model::RowInfo::Link);
            built.slack.push(None);
        }
    }
    let evaluated = evaluate_only && start_values.is_some();
    let mut result = backend::run(built, &settings, &|line| forward_solver_line(progress, line));
    if evaluated && result.outcome == Outcome::Optimal {
        result.outcome = Outcome::Feasible { gap: 1.0 };
        result.gap = 1.0;
    }
    stats.solve_seconds = start_seconds + result.seconds;
    let status = match &result.outcome {
        Outcome::Optimal => "optimal",
        Outcome::Feasible { .. } => "feasible",
        Outcome::Infeasible => return Err(SolveFailure::Infeasible(stats)),
        Outcome::NoSolutionInTime => return Err(SolveFailure::NoSolutionInTime(stats)),
        Outcome::Error(e) => return Err(SolveFailure::Solver(e.clone())),
    };

    // The chosen pattern of each activity.
    let mut meetings: Vec<(ActivityId, Meeting)> = Vec::new();
    for (a, range) in set.by_activity.iter().enumerate() {
        let chosen = range
            .clone()
            .max_by(|&p, &q| result.values[column[p]].total_cmp(&result.values[column[q]]).then(q.cmp(&p)));
        let Some(p) = chosen.filter(|&p| result.values[column[p]] > 0.5) else {
            return Err(SolveFailure::Solver(format!(
                "the solver returned no pattern for activity {}",
                inst.activities[a].id
            )));
        };
        meetings.extend(set.patterns[p].meetings.iter().map(|m| (ActivityId::from_index(a), *m)));
    }
    progress("phase: assigning rooms");
    let rooms = rooms::assign(inst, &meetings)
        .ok_or_else(|| SolveFailure::Solver("room assignment failed although the capacity rows hold".into()))?;

    let cost_map: BTreeMap<String, f64> = cost_columns
        .iter()
        .map(|(k, terms, constant)| {
            let v = terms.iter().map(|&(j, c)| c * result.values[j]).sum::<f64>() + constant;
            (k.to_string(), round3(v))
        })
        .collect();
    let mut files: Vec<MeetingFile> =
        meetings.iter().zip(&rooms).map(|((a, m), r)| meeting_file(inst, *a, m, *r)).collect();
    sort_meetings(&mut files);
    let total: u32 = inst.activities.iter().map(|a| a.minutes).sum();
    progress(&format!(
        "done: {status}, objective {:.2}, gap {:.2} %, {} meetings ({} h), {:.1} s",
        result.objective,
        result.gap * 100.0,
        files.len(),
        hours_string(total),
        result.seconds
    ));
    Ok(Solved {
        timetable: TimetableFile {
            format: TIMETABLE_FORMAT.to_string(),
            instance: inst.name.clone(),
            meetings: files,
            report: Some(ReportFile {
                status: status.to_string(),
                objective: round3(result.objective),
                gap: (result.gap * 1e6).round() / 1e6,
                seconds: (stats.solve_seconds * 100.0).round() / 100.0,
                costs: cost_map,
                model: Some(stats.size.clone()),
            }),
        },
        stats,
    })
}

/// The file form of a meeting of activity `a` in room `room`.
pub fn meeting_file(inst: &Instance, a: ActivityId, m: &Meeting, room: crate::model::RoomId) -> MeetingFile {
    let act = &inst.activities[a.index()];
    MeetingFile {
        activity: act.id.clone(),
        ue: inst.ues[act.ue.index()].code.clone(),
        date: m.date.to_string(),
        start: m.start.to_string(),
        end: m.end.to_string(),
        site: inst.sites[m.site.index()].id.clone(),
        room: inst.rooms[room.index()].id.clone(),
        teachers: act.teachers.iter().map(|t| inst.teachers[t.index()].id.clone()).collect(),
        cohorts: act.cohorts.iter().map(|c| inst.cohorts[c.index()].id.clone()).collect(),
    }
}

/// Sorts meetings as FORMAT.md says: by date, start, activity.
pub fn sort_meetings(files: &mut [MeetingFile]) {
    files.sort_by(|a, b| (&a.date, &a.start, &a.activity).cmp(&(&b.date, &b.start, &b.activity)));
}

/// Column and coefficient of each term of a linear expression.
type LinearTerms = Vec<(usize, f64)>;

fn round3(v: f64) -> f64 {
    let r = (v * 1e3).round() / 1e3;
    if r == 0.0 { 0.0 } else { r }
}

/// Passes on the HiGHS log lines a planner cares about: the incumbent,
/// bound and gap table of the branch and bound, and the final summary.
fn forward_solver_line(progress: Progress<'_>, line: &str) {
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
            && (t.starts_with('H')
                || t.starts_with('L')
                || t.starts_with('T')
                || t.starts_with('B')
                || t.starts_with('R')
                || t.starts_with('C')
                || t.starts_with('S')
                || t.starts_with('F')
                || t.starts_with('z')
                || t.starts_with('u')
                || t.starts_with('p')
                || t.starts_with('l')
                || t.starts_with('j')
                || t.starts_with('d'));
    if keep {
        progress(&format!("highs: {t}"));
    }
}
