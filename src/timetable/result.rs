//! The result of a solve: the full model's answer judged against the best
//! bound known, and the `horaire-timetable/1` file made of it (each
//! activity's chosen pattern, rooms for its meetings, the meetings sorted,
//! the report with the status and the costs).

use super::backend::{Outcome, RunResult};
use super::config::SolverConfig;
use super::formulation::{Built, CostKind};
use super::patterns::{Meeting, PatternSet};
use super::util::relative_gap;
use super::{Progress, SolveFailure, SolveStats, Solved, rooms};
use crate::model::time::hours_string;
use crate::model::timetable::round3;
use crate::model::timetable::{MeetingFile, ReportFile, SolveStatus, TIMETABLE_FORMAT, TimetableFile};
use crate::model::{ActivityId, Instance, RoomId};
use good_lp::IntoAffineExpression;
use std::collections::BTreeMap;

/// One soft cost of a model as column terms, to cost any solution of it.
#[derive(Debug, Clone)]
pub(super) struct CostTerms {
    /// The kind.
    pub(super) kind: CostKind,
    /// Column and coefficient of each term.
    terms: Vec<(usize, f64)>,
    /// The constant.
    constant: f64,
}

impl CostTerms {
    /// The soft costs of `built`, in its order.
    pub(super) fn of(built: &Built) -> Vec<CostTerms> {
        built
            .costs
            .iter()
            .map(|(kind, e)| CostTerms {
                kind: *kind,
                terms: e.clone().linear_coefficients().map(|(v, c)| (built.column[&v], c)).collect(),
                constant: e.constant(),
            })
            .collect()
    }

    /// Its value in a solution given by column values.
    pub(super) fn value(&self, values: &[f64]) -> f64 {
        self.terms.iter().map(|&(j, c)| c * values[j]).sum::<f64>() + self.constant
    }
}

/// Measures the gap of a timetable the full model gave against `bound`,
/// the best lower bound known: optimal within the configured gap, else
/// feasible with that gap.
pub(super) fn measure_gap(result: &mut RunResult, bound: f64, cfg: &SolverConfig) {
    if matches!(result.outcome, Outcome::Optimal | Outcome::Feasible { .. }) {
        let gap = relative_gap(result.objective, bound);
        result.outcome = if gap <= cfg.relative_gap { Outcome::Optimal } else { Outcome::Feasible { gap } };
        result.gap = if result.outcome == Outcome::Optimal { gap.min(cfg.relative_gap) } else { gap };
    }
}

/// The status of the full model's answer, or why there is no timetable.
pub(super) fn status_of(outcome: &Outcome, stats: SolveStats) -> Result<(SolveStatus, SolveStats), SolveFailure> {
    match outcome {
        Outcome::Optimal => Ok((SolveStatus::Optimal, stats)),
        Outcome::Feasible { .. } => Ok((SolveStatus::Feasible, stats)),
        Outcome::Infeasible => Err(SolveFailure::Infeasible(stats)),
        Outcome::NoSolutionInTime => Err(SolveFailure::NoSolutionInTime(stats)),
        Outcome::Error(e) => Err(SolveFailure::Solver(e.clone())),
    }
}

/// What [`timetable_of`] makes a timetable of.
pub(super) struct Answer<'a> {
    /// The full model's solution.
    pub(super) result: &'a RunResult,
    /// Each pattern's column in it.
    pub(super) column: &'a [usize],
    /// Its soft costs.
    pub(super) costs: &'a [CostTerms],
    /// Its status.
    pub(super) status: SolveStatus,
}

/// The timetable file of `answer`, with rooms and costs.
pub(super) fn timetable_of(
    inst: &Instance,
    set: &PatternSet,
    answer: Answer<'_>,
    stats: SolveStats,
    progress: Progress<'_>,
) -> Result<Solved, SolveFailure> {
    let Answer { result, column, costs, status } = answer;
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

    let cost_map: BTreeMap<String, f64> =
        costs.iter().map(|c| (c.kind.to_string(), round3(c.value(&result.values)))).collect();
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
                status,
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
pub fn meeting_file(inst: &Instance, a: ActivityId, m: &Meeting, room: RoomId) -> MeetingFile {
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
