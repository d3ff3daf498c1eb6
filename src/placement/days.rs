//! The days a student can spend at a host: host opening hours ∩ declared
//! availability, minus class meetings of the student's cohort and its
//! ancestors widened by the travel time, outside closures, cut to one
//! contiguous quarter-hour block no longer than the daily cap.

use super::classes::Classes;
use crate::model::time::{ClockTime, DateRange};
use crate::model::{CohortId, HostId, Instance, StudentId};
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
    let st = &inst.placements.students[student.index()];
    let h = &inst.placements.hosts[host.index()];
    let req = &inst.placements.requirements[st.requirement.index()];
    let cap = req.max_minutes_per_day.unwrap_or(24 * 60);
    let cohorts: Vec<CohortId> = inst.cohort_and_ancestors(st.cohort);
    let mut out = Vec::new();
    for date in range.days() {
        if skip.contains(&date) || inst.calendar.closures.iter().any(|c| c.range.contains(date)) {
            continue;
        }
        let wd = date.weekday();
        let open: Vec<Span> =
            h.open.iter().filter(|t| t.day == wd).map(|t| (t.start.minutes(), t.end.minutes())).collect();
        if open.is_empty() {
            continue;
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
        let mut blocked = false;
        if let Some(meetings) = classes.by_date.get(&date) {
            for m in meetings.iter().filter(|m| m.cohorts.iter().any(|c| cohorts.contains(c))) {
                let travel = match h.site {
                    Some(s) if s == m.site => Some(0),
                    Some(s) => inst.travel_minutes(s, m.site),
                    None => None,
                };
                match travel {
                    Some(t) => {
                        spans = subtract(&spans, (m.start.minutes().saturating_sub(t), m.end.minutes() + t));
                    }
                    None => {
                        blocked = true;
                        break;
                    }
                }
            }
        }
        if blocked {
            continue;
        }
        let best = spans
            .iter()
            .map(|&(s, e)| (s.div_ceil(15) * 15, e / 15 * 15))
            .filter(|&(s, e)| s < e)
            .max_by(|a, b| (a.1 - a.0).cmp(&(b.1 - b.0)).then(b.0.cmp(&a.0)));
        if let Some((s, e)) = best {
            let minutes = (e - s).min(cap / 15 * 15);
            if minutes >= MIN_DAY_MINUTES.min(cap) && minutes > 0 {
                out.push(CandidateDay { date, start: ClockTime(s as u16), minutes });
            }
        }
    }
    out
}
