//! Per-student outcome: allocation, hours logged, what still fits before
//! the deadline, the re-plan of what is left, and the status.

use super::allocate::{Allocation, AllocationError, allocate};
use super::classes::Classes;
use super::days::{candidate_days, candidate_days_iter};
use super::log::HoursLog;
use super::spread::{PlannedDay, Spread, UNIT, spread};
use crate::model::time::{DateRange, monday_of};
use crate::model::{HostId, Instance, StudentId};
use chrono::NaiveDate;
use std::collections::{BTreeMap, BTreeSet};

/// Where a student stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Status {
    /// The quota is logged.
    Done,
    /// What is left fits in at most 80 % of what the days left can hold.
    OnTrack,
    /// What is left fits, but only with more than 80 % of what the days
    /// left can hold.
    AtRisk,
    /// What is left does not fit before the deadline (or there is no host).
    CannotFinish,
}

impl Status {
    /// The file spelling (`done`, `on_track`, `at_risk`, `cannot_finish`).
    pub fn code(self) -> &'static str {
        match self {
            Status::Done => "done",
            Status::OnTrack => "on_track",
            Status::AtRisk => "at_risk",
            Status::CannotFinish => "cannot_finish",
        }
    }

    /// Parses [`Status::code`].
    pub fn parse(s: &str) -> Option<Status> {
        Some(match s {
            "done" => Status::Done,
            "on_track" => Status::OnTrack,
            "at_risk" => Status::AtRisk,
            "cannot_finish" => Status::CannotFinish,
            _ => return None,
        })
    }
}

/// Share of the remaining capacity above which a student is at risk.
pub const AT_RISK_SHARE: f64 = 0.8;

/// The outcome of one student.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// The student.
    pub student: StudentId,
    /// Their host (given or allocated), if any.
    pub host: Option<HostId>,
    /// Whether the host came from the allocation.
    pub allocated: bool,
    /// Quota (minutes).
    pub quota: u32,
    /// Validated minutes in the log.
    pub validated: u32,
    /// Logged minutes not yet validated.
    pub pending: u32,
    /// Quota minus everything logged (minutes, at least 0).
    pub remaining: u32,
    /// The most minutes the days left before the deadline can hold.
    pub fits: u32,
    /// The plan of what is left, by date.
    pub days: Vec<PlannedDay>,
    /// The status.
    pub status: Status,
    /// Minutes that cannot be placed before the deadline (0 unless
    /// `cannot_finish`).
    pub missing: u32,
    /// Why there is no host, when there is none.
    pub no_host: Option<String>,
}

impl Outcome {
    /// Minutes planned (sum over days).
    pub fn planned(&self) -> u32 {
        self.days.iter().map(|d| d.minutes).sum()
    }
}

/// Planning options.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Days up to this one are past: only later days are planned.
    pub as_of: Option<NaiveDate>,
}

/// What the log says, arranged for planning.
#[derive(Debug, Clone)]
pub struct Logged {
    /// Validated and pending minutes, by student.
    pub totals: Vec<(u32, u32)>,
    /// Dates with logged hours, by student.
    pub dates: Vec<BTreeSet<NaiveDate>>,
    /// Logged minutes per week (keyed by Monday), by student.
    pub weeks: Vec<BTreeMap<NaiveDate, u32>>,
}

impl Logged {
    /// Arranges `log` for the `n` students of an instance.
    pub fn new(log: &HoursLog, n: usize) -> Logged {
        let mut dates = vec![BTreeSet::new(); n];
        let mut weeks: Vec<BTreeMap<NaiveDate, u32>> = vec![BTreeMap::new(); n];
        for e in &log.entries {
            let _ = dates[e.student.index()].insert(e.date);
            *weeks[e.student.index()].entry(monday_of(e.date)).or_default() += e.minutes;
        }
        Logged { totals: log.totals(n), dates, weeks }
    }

    /// The quota minus everything logged, in minutes.
    pub fn remaining(&self, inst: &Instance, s: StudentId) -> u32 {
        let st = &inst.placements.students[s.index()];
        let (v, p) = self.totals[s.index()];
        inst.placements.requirements[st.requirement.index()].minutes.saturating_sub(v + p)
    }
}

/// The plan of what is left for student `s` at host `h` (empty when
/// nothing is left or the window is over).
pub fn plan_student(
    inst: &Instance,
    classes: &Classes,
    logged: &Logged,
    opts: Options,
    s: StudentId,
    h: HostId,
) -> Spread {
    let st = &inst.placements.students[s.index()];
    let req = &inst.placements.requirements[st.requirement.index()];
    let remaining = logged.remaining(inst, s);
    let from = match opts.as_of {
        Some(d) => req.window.from.max(d.succ_opt().unwrap_or(d)),
        None => req.window.from,
    };
    if from > req.window.to || remaining == 0 {
        return Spread::default();
    }
    let range = DateRange { from, to: req.window.to };
    let cands = candidate_days(inst, classes, s, h, range, &logged.dates[s.index()]);
    spread(&cands, req.max_minutes_per_week, &logged.weeks[s.index()], remaining)
}

/// Whether what `s` has left fits at host `h` before the deadline: the
/// same days and caps as [`plan_student`], but it stops as soon as enough
/// room is found.
pub fn fits_at(inst: &Instance, classes: &Classes, logged: &Logged, opts: Options, s: StudentId, h: HostId) -> bool {
    let st = &inst.placements.students[s.index()];
    let req = &inst.placements.requirements[st.requirement.index()];
    let need = logged.remaining(inst, s);
    if need == 0 {
        return true;
    }
    let from = match opts.as_of {
        Some(d) => req.window.from.max(d.succ_opt().unwrap_or(d)),
        None => req.window.from,
    };
    if from > req.window.to {
        return false;
    }
    let range = DateRange { from, to: req.window.to };
    let weeks = &logged.weeks[s.index()];
    let room = |monday: NaiveDate| {
        req.max_minutes_per_week
            .map_or(u32::MAX, |c| c.saturating_sub(weeks.get(&monday).copied().unwrap_or(0)) / UNIT * UNIT)
    };
    let (mut done, mut week, mut in_week) = (0u32, None, 0u32);
    for d in candidate_days_iter(inst, classes, s, h, range, &logged.dates[s.index()]) {
        let monday = monday_of(d.date);
        if week != Some(monday) {
            if let Some(m) = week {
                done += in_week.min(room(m));
            }
            week = Some(monday);
            in_week = 0;
        }
        in_week += d.minutes;
        if done + in_week.min(room(monday)) >= need {
            return true;
        }
    }
    false
}

/// Allocates hosts (preferring hosts where the remaining quota fits) and
/// plans every student, sorted by student id.
pub fn plan_all(
    inst: &Instance,
    classes: &Classes,
    log: &HoursLog,
    opts: Options,
) -> Result<Vec<Outcome>, AllocationError> {
    let logged = Logged::new(log, inst.placements.students.len());
    let alloc =
        allocate(inst, |s, h| plan_student(inst, classes, &logged, opts, s, h).capacity >= logged.remaining(inst, s))?;
    Ok(plan_with(inst, classes, &logged, opts, &alloc))
}

/// Plans every student with a given allocation, sorted by student id.
pub fn plan_with(
    inst: &Instance,
    classes: &Classes,
    logged: &Logged,
    opts: Options,
    alloc: &Allocation,
) -> Vec<Outcome> {
    let p = &inst.placements;
    let n = p.students.len();
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| p.students[a].id.cmp(&p.students[b].id));
    order
        .into_iter()
        .map(|i| {
            let s = StudentId::from_index(i);
            let req = &p.requirements[p.students[i].requirement.index()];
            let (validated, pending) = logged.totals[i];
            let remaining = logged.remaining(inst, s);
            let host = alloc.host[i];
            let sp = host.map(|h| plan_student(inst, classes, logged, opts, s, h)).unwrap_or_default();
            let fits = sp.capacity;
            let status = if remaining == 0 {
                Status::Done
            } else if host.is_none() || fits < remaining {
                Status::CannotFinish
            } else if f64::from(remaining) > AT_RISK_SHARE * f64::from(fits) {
                Status::AtRisk
            } else {
                Status::OnTrack
            };
            let missing = if status == Status::CannotFinish { remaining - fits.min(remaining) } else { 0 };
            Outcome {
                student: s,
                host,
                allocated: alloc.allocated.binary_search(&s).is_ok(),
                quota: req.minutes,
                validated,
                pending,
                remaining,
                fits,
                days: sp.days,
                status,
                missing,
                no_host: alloc.unplaced.get(&s).map(|u| u.describe(inst, s)),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn the_early_stopping_fit_test_agrees_with_the_full_plan() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/placements");
        let inst = crate::load_instance(&dir.join("basic.json")).expect("fixture");
        let classes = Classes::read(&inst, &dir.join("basic-timetable.json")).expect("timetable");
        let log = super::super::log::read_log(&inst, &dir.join("good-log.csv"), None).expect("log");
        let logged = Logged::new(&log, inst.placements.students.len());
        let mut seen = (0, 0);
        for as_of in [None, Some("2025-10-10"), Some("2025-12-10"), Some("2026-03-01")] {
            let opts = Options { as_of: as_of.map(|d| d.parse().expect("date")) };
            for s in (0..inst.placements.students.len()).map(StudentId::from_index) {
                for h in (0..inst.placements.hosts.len()).map(HostId::from_index) {
                    let full =
                        plan_student(&inst, &classes, &logged, opts, s, h).capacity >= logged.remaining(&inst, s);
                    assert_eq!(fits_at(&inst, &classes, &logged, opts, s, h), full, "{s:?} {h:?} {as_of:?}");
                    if full { seen.0 += 1 } else { seen.1 += 1 }
                }
            }
        }
        assert!(seen.0 > 10 && seen.1 > 10, "both outcomes occur: {seen:?}");
    }
}
