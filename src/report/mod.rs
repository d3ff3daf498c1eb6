//! The reports planners ask for, computed from an instance and a timetable:
//! teacher service hours ([`service`]), room occupancy and free rooms
//! ([`rooms`]), cohort load over the year ([`load`]) and the hours and
//! credits that develop each competence of a programme's framework
//! ([`competences`]).
//!
//! Each report is first computed as typed data (what the tests check
//! against the timetable), then laid out as [`Report`] — titled tables of
//! [`Cell`]s — which [`render`] turns into text (aligned columns), CSV,
//! a standalone HTML page or an xlsx workbook. The same inputs always
//! give the same bytes.
//!
//! Definitions shared by the reports:
//! - hours are the meetings' clock hours; a meeting with two teachers
//!   counts its hours once for each of them;
//! - an *evening* is a Monday-to-Friday date with a meeting that starts at
//!   17:00 or later ([`EVENING_FROM`]); a *Saturday* is a Saturday date
//!   with a meeting;
//! - weeks run Monday to Sunday and are named by their Monday;
//! - a cohort attends the meetings given to it and to its ancestors (the
//!   students of an option group also sit their block's common classes).

pub mod competences;
pub mod load;
pub mod render;
pub mod rooms;
pub mod service;
mod table;

pub use table::{Cell, Column, Report, Table};

use crate::model::time::{ClockTime, monday_of};
use crate::model::timetable::TimetableFile;
use crate::model::{ActivityId, CohortId, Instance, LoadError, Problem, RoomId, SiteId, TeacherId};
use chrono::{Datelike, Duration, NaiveDate, Weekday};
use std::fmt;
use std::path::Path;
use std::str::FromStr;

/// Meetings starting at this time or later on a weekday are evening classes.
pub const EVENING_FROM: ClockTime = ClockTime(17 * 60);

/// One meeting of the timetable with every reference resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Meeting {
    /// The activity.
    pub activity: ActivityId,
    /// The date.
    pub date: NaiveDate,
    /// Start time.
    pub start: ClockTime,
    /// End time.
    pub end: ClockTime,
    /// The site.
    pub site: SiteId,
    /// The room.
    pub room: RoomId,
    /// Its teachers.
    pub teachers: Vec<TeacherId>,
    /// Its cohorts.
    pub cohorts: Vec<CohortId>,
}

impl Meeting {
    /// Length in minutes.
    pub fn minutes(&self) -> u32 {
        self.end.minutes().saturating_sub(self.start.minutes())
    }

    /// Whether it is an evening class (Monday to Friday, from 17:00).
    pub fn is_evening(&self) -> bool {
        self.start >= EVENING_FROM && self.date.weekday().num_days_from_monday() < 5
    }

    /// Whether it is on a Saturday.
    pub fn is_saturday(&self) -> bool {
        self.date.weekday() == Weekday::Sat
    }
}

/// Which report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// Teacher service hours.
    Service,
    /// Room occupancy.
    Rooms,
    /// Cohort load over the year.
    Load,
    /// Hours and credits per competence.
    Competences,
}

impl Kind {
    /// Every report, in the order the HTML site lists them.
    pub const ALL: [Kind; 4] = [Kind::Service, Kind::Rooms, Kind::Load, Kind::Competences];

    /// The name on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Service => "service",
            Kind::Rooms => "rooms",
            Kind::Load => "load",
            Kind::Competences => "competences",
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Kind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Kind::ALL
            .into_iter()
            .find(|k| k.name() == s)
            .ok_or_else(|| format!("unknown report \"{s}\": expected service, rooms, load or competences"))
    }
}

/// Computes report `kind` and lays it out as tables.
pub fn build(kind: Kind, inst: &Instance, meetings: &[Meeting]) -> Report {
    match kind {
        Kind::Service => service::service(inst, meetings).report(inst),
        Kind::Rooms => rooms::rooms(inst, meetings).report(inst),
        Kind::Load => load::load(inst, meetings).report(inst),
        Kind::Competences => competences::competences(inst, meetings).report(inst),
    }
}

/// Reads the timetable file at `path` and resolves it against `inst`
/// ([`resolve`]). Every problem is reported at once.
pub fn read_meetings(inst: &Instance, path: &Path) -> Result<Vec<Meeting>, LoadError> {
    let tt = crate::check::read_timetable(path)?;
    resolve(inst, path, &tt).map_err(LoadError::Invalid)
}

/// Resolves every meeting of `tt` against `inst`: the timetable must be
/// made for this instance, and every activity, site, room (at that site),
/// teacher and cohort must exist. Returns the meetings sorted by date,
/// start and activity id, or every problem, located by JSON path in `file`.
/// Dates and times are expected readable ([`crate::check::read_timetable`]
/// reports them); a meeting whose are not is reported too.
pub fn resolve(inst: &Instance, file: &Path, tt: &TimetableFile) -> Result<Vec<Meeting>, Vec<Problem>> {
    let mut problems = Vec::new();
    if tt.instance != inst.name {
        problems.push(Problem::new(
            file,
            "instance",
            format!("the timetable was made for \"{}\", but the instance is \"{}\"", tt.instance, inst.name),
        ));
    }
    let mut out = Vec::new();
    for (i, m) in tt.meetings.iter().enumerate() {
        let n = problems.len();
        let mut unknown = |key: String, what: &str, id: &str| {
            problems.push(Problem::new(file, format!("meetings[{i}].{key}"), format!("unknown {what} \"{id}\"")));
        };
        let activity = inst.index.activities.get(&m.activity).copied();
        if activity.is_none() {
            unknown("activity".into(), "activity", &m.activity);
        }
        let site = inst.index.sites.get(&m.site).copied();
        if site.is_none() {
            unknown("site".into(), "site", &m.site);
        }
        let room = inst.index.rooms.get(&m.room).copied();
        if room.is_none() {
            unknown("room".into(), "room", &m.room);
        }
        let mut teachers = Vec::new();
        for (j, t) in m.teachers.iter().enumerate() {
            match inst.index.teachers.get(t) {
                Some(&id) => teachers.push(id),
                None => unknown(format!("teachers[{j}]"), "teacher", t),
            }
        }
        let mut cohorts = Vec::new();
        for (j, c) in m.cohorts.iter().enumerate() {
            match inst.index.cohorts.get(c) {
                Some(&id) => cohorts.push(id),
                None => unknown(format!("cohorts[{j}]"), "cohort", c),
            }
        }
        if let (Some(r), Some(s)) = (room, site)
            && inst.rooms[r.index()].site != s
        {
            problems.push(Problem::new(
                file,
                format!("meetings[{i}].room"),
                format!("room \"{}\" is not at site \"{}\"", m.room, m.site),
            ));
        }
        let date = crate::model::time::parse_date(&m.date);
        let (start, end) = (ClockTime::parse(&m.start), ClockTime::parse(&m.end));
        let readable = matches!((date, start, end), (Some(_), Some(s), Some(e)) if s < e);
        if !readable {
            problems.push(Problem::new(
                file,
                format!("meetings[{i}]"),
                "expected a real date and a start before the end (YYYY-MM-DD, HH:MM)",
            ));
        }
        if problems.len() > n {
            continue;
        }
        if let (Some(activity), Some(date), Some(start), Some(end), Some(site), Some(room)) =
            (activity, date, start, end, site, room)
        {
            out.push(Meeting { activity, date, start, end, site, room, teachers, cohorts });
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    out.sort_by(|a, b| {
        let key = |m: &Meeting| (m.date, m.start, inst.activities[m.activity.index()].id.clone());
        key(a).cmp(&key(b))
    });
    Ok(out)
}

/// The Mondays from the week of `first` to the week of `last`.
pub(crate) fn mondays(first: NaiveDate, last: NaiveDate) -> Vec<NaiveDate> {
    let mut out = Vec::new();
    let mut w = monday_of(first);
    while w <= last {
        out.push(w);
        w += Duration::days(7);
    }
    out
}

/// The Mondays of every week from the first to the last meeting.
pub(crate) fn meeting_weeks(meetings: &[Meeting]) -> Vec<NaiveDate> {
    match (meetings.iter().map(|m| m.date).min(), meetings.iter().map(|m| m.date).max()) {
        (Some(a), Some(b)) => mondays(a, b),
        _ => Vec::new(),
    }
}

/// The position of `date`'s week in `weeks` (Mondays, sorted).
pub(crate) fn week_of(weeks: &[NaiveDate], date: NaiveDate) -> Option<usize> {
    weeks.binary_search(&monday_of(date)).ok()
}

/// The `n` weeks with the most minutes (ties: the earlier week first),
/// leaving out weeks with none; as indices, busiest first.
pub(crate) fn busiest(per_week: &[u32], n: usize) -> Vec<usize> {
    let mut order: Vec<usize> = (0..per_week.len()).filter(|&w| per_week[w] > 0).collect();
    order.sort_by_key(|&w| (std::cmp::Reverse(per_week[w]), w));
    order.truncate(n);
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn busiest_weeks_break_ties_by_date_and_skip_empty_weeks() {
        assert_eq!(busiest(&[3, 0, 5, 5, 1], 3), vec![2, 3, 0]);
        assert_eq!(busiest(&[0, 0], 3), Vec::<usize>::new());
    }

    #[test]
    fn report_names_round_trip() {
        for k in Kind::ALL {
            assert_eq!(k.name().parse::<Kind>(), Ok(k));
        }
        assert!("servce".parse::<Kind>().unwrap_err().contains("expected service"));
    }
}
