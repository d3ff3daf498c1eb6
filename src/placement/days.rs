//! The days a student can spend at a host: host opening hours ∩ declared
//! availability, minus class meetings of the student's cohort and its
//! ancestors widened by the travel time, outside closures, cut to one
//! contiguous quarter-hour block no longer than the daily cap.

use super::classes::Classes;
use crate::model::time::{ClockTime, DateRange};
use crate::model::{CohortId, Host, HostId, Instance, Student, StudentId};
use chrono::{Datelike, NaiveDate};
use std::collections::BTreeSet;

/// A placement day cannot be shorter than this (minutes).
pub const MIN_DAY_MINUTES: u32 = 60;

/// A day that can hold placement hours.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CandidateDay {
    /// The date.
    pub date: NaiveDate,
    /// Earliest start (a quarter hour).
    pub start: ClockTime,
    /// Most minutes that day (a multiple of 15, at most the daily cap).
    pub minutes: u32,
}

type Span = (u32, u32);

fn intersect(a: &[Span], b: &[Span]) -> Vec<Span> {
    let mut out = Vec::new();
    for &(s1, e1) in a {
        for &(s2, e2) in b {
            let (s, e) = (s1.max(s2), e1.min(e2));
            if s < e {
                out.push((s, e));
            }
        }
    }
    out
}

fn subtract(spans: &[Span], cut: Span) -> Vec<Span> {
    let mut out = Vec::new();
    for &(s, e) in spans {
        if cut.1 <= s || e <= cut.0 {
            out.push((s, e));
            continue;
        }
        if s < cut.0 {
            out.push((s, cut.0));
        }
        if cut.1 < e {
            out.push((cut.1, e));
        }
    }
    out
}

/// The candidate days of `student` at `host` in `range` (closures, days in
/// `skip` and days too short for [`MIN_DAY_MINUTES`] left out), by date.
pub fn candidate_days(
    inst: &Instance,
    classes: &Classes,
    student: StudentId,
    host: HostId,
    range: DateRange,
    skip: &BTreeSet<NaiveDate>,
) -> Vec<CandidateDay> {
    candidate_days_iter(inst, classes, student, host, range, skip).collect()
}

/// [`candidate_days`], lazily: callers that only need to know whether
/// some number of hours fits can stop early.
pub fn candidate_days_iter<'a>(
    inst: &'a Instance,
    classes: &'a Classes,
    student: StudentId,
    host: HostId,
    range: DateRange,
    skip: &'a BTreeSet<NaiveDate>,
) -> impl Iterator<Item = CandidateDay> + 'a {
    let st = &inst.placements.students[student.index()];
    let h = &inst.placements.hosts[host.index()];
    let req = &inst.placements.requirements[st.requirement.index()];
    let cap = req.max_minutes_per_day.unwrap_or(24 * 60);
    let cohorts: Vec<CohortId> = inst.cohort_and_ancestors(st.cohort);
    range.days().filter_map(move |date| {
        if skip.contains(&date) || inst.calendar.closures.iter().any(|c| c.range.contains(date)) {
            return None;
        }
        day_at(inst, classes, st, h, &cohorts, cap, date)
    })
}

/// The candidate block of one date, if any.
fn day_at(
    inst: &Instance,
    classes: &Classes,
    st: &Student,
    h: &Host,
    cohorts: &[CohortId],
    cap: u32,
    date: NaiveDate,
) -> Option<CandidateDay> {
    let wd = date.weekday();
    let open: Vec<Span> = h.open.iter().filter(|t| t.day == wd).map(|t| (t.start.minutes(), t.end.minutes())).collect();
    if open.is_empty() {
        return None;
    }
    let mut spans = match &st.available {
        None => open,
        Some(list) => {
            let avail: Vec<Span> = list
                .iter()
                .filter(|w| w.days.contains(wd) && w.dates.contains(date))
                .map(|w| (w.start.minutes(), w.end.minutes()))
                .collect();
            intersect(&open, &avail)
        }
    };
    if let Some(meetings) = classes.by_date.get(&date) {
        for m in meetings.iter().filter(|m| m.cohorts.iter().any(|c| cohorts.contains(c))) {
            let travel = match h.site {
                Some(s) if s == m.site => Some(0),
                Some(s) => inst.travel_minutes(s, m.site),
                None => None,
            };
            // No known way from the host to the class: no placement that day.
            let t = travel?;
            spans = subtract(&spans, (m.start.minutes().saturating_sub(t), m.end.minutes() + t));
        }
    }
    let (s, e) = spans
        .iter()
        .map(|&(s, e)| (s.div_ceil(15) * 15, e / 15 * 15))
        .filter(|&(s, e)| s < e)
        .max_by(|a, b| (a.1 - a.0).cmp(&(b.1 - b.0)).then(b.0.cmp(&a.0)))?;
    let minutes = (e - s).min(cap / 15 * 15);
    (minutes >= MIN_DAY_MINUTES.min(cap) && minutes > 0).then_some(CandidateDay {
        date,
        start: ClockTime(s as u16),
        minutes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn fixture() -> (Instance, Classes) {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/placements");
        let inst = crate::load_instance(&dir.join("basic.json")).expect("fixture");
        let classes = Classes::read(&inst, &dir.join("basic-timetable.json")).expect("timetable");
        (inst, classes)
    }

    fn days_of(student: &str, from: &str, to: &str, with_classes: bool) -> Vec<(String, String, u32)> {
        let (inst, classes) = fixture();
        let classes = if with_classes { classes } else { Classes::default() };
        let s = inst.index.students[student];
        let h = inst.placements.students[s.index()].host.expect("fixed host");
        let range = DateRange { from: from.parse().expect("date"), to: to.parse().expect("date") };
        candidate_days(&inst, &classes, s, h, range, &BTreeSet::new())
            .into_iter()
            .map(|d| (d.date.to_string(), d.start.to_string(), d.minutes))
            .collect()
    }

    #[test]
    fn a_mons_day_ends_55_minutes_before_a_charleroi_class() {
        // s09: CPAS Mons 08:30–16:30, Thursdays; class 17:15 in Charleroi.
        assert_eq!(days_of("s09", "2025-10-06", "2025-10-12", true), [("2025-10-09".into(), "08:30".into(), 465)]);
        // Without the timetable the whole opening (8 h, the daily cap) is free.
        assert_eq!(days_of("s09", "2025-10-06", "2025-10-12", false), [("2025-10-09".into(), "08:30".into(), 480)]);
    }

    #[test]
    fn closures_and_undeclared_days_are_left_out() {
        // s09 in the autumn break: no day; s04 only Mondays 13:00–16:30.
        assert!(days_of("s09", "2025-10-27", "2025-10-31", true).is_empty());
        assert_eq!(days_of("s04", "2026-02-02", "2026-02-08", true), [("2026-02-02".into(), "13:00".into(), 210)]);
    }
}
