//! The independent checker: verifies a timetable (`horaire-timetable/1`)
//! against its instance and lists every violated rule.
//!
//! It shares nothing with the solver beyond the instance types of
//! [`crate::model`]: open dates, grid slots, overlaps, weeks and travel
//! are recomputed here in the plainest way (it does not call
//! [`crate::calendar`] either), so that a bug in the solver or in the
//! calendar expansion shows up as a violation instead of being repeated.
//!
//! Entry points:
//! - [`check_timetable`] checks an in-memory timetable (what the solver's
//!   tests use);
//! - [`check_with_closed_rooms`] does the same with rooms closed on some
//!   dates (what a change file adds, see [`changed_instance`]);
//! - [`check_file`] reads a timetable file first (a planner may have
//!   edited it by hand): a file that cannot be read as a timetable is a
//!   [`LoadError`] whose problems name the file, the JSON path and what was
//!   expected.
//!
//! Each [`Violation`] carries a stable [`Rule`] name, the meetings involved
//! and a sentence in the planner's words. The list is sorted by rule, then
//! by the meetings involved, then by message.

mod changes;
mod dates;
mod rules;

pub use changes::{ChangedInstance, changed_instance};

use crate::model::changes::RoomClosure;
use crate::model::load;
use crate::model::time::{ClockTime, parse_date};
use crate::model::timetable::{MeetingFile, TIMETABLE_FORMAT, TimetableFile};
use crate::model::{Instance, LoadError, Problem};
use serde::Serialize;
use std::fmt;
use std::path::Path;

/// A rule of the checker. The snake_case name (see [`Rule::name`]) is
/// stable: scripts and tests match on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    /// The timetable names another instance than the one it is checked
    /// against.
    InstanceName,
    /// A meeting whose date or times cannot be read (only possible for an
    /// in-memory timetable: [`read_timetable`] rejects such files).
    Malformed,
    /// A meeting names an activity, UE, site, room, teacher or cohort that
    /// the instance does not have, or a room of another site.
    UnknownReference,
    /// A meeting's UE, teachers or cohorts differ from its activity's.
    ActivityMismatch,
    /// An activity's meetings do not add up to its hours exactly.
    Hours,
    /// A meeting is not on an open calendar slot of its activity's period
    /// and time grid.
    Slot,
    /// A meeting is longer than the activity's session, or a shorter one
    /// is not the activity's last.
    SessionLength,
    /// A meeting's site is not allowed by the activity's site rule (fixed
    /// site, one of `any_of` kept all year, one of the `alternate` pair).
    SiteRule,
    /// Two consecutive meetings of an alternating activity are at the same
    /// site.
    Alternation,
    /// Two meetings at once share students (same cohort, or one cohort is
    /// an ancestor of the other).
    CohortOverlap,
    /// Two meetings at once share a teacher.
    TeacherOverlap,
    /// Two meetings at once use the same room.
    RoomOverlap,
    /// A room has fewer seats than the meeting's students.
    RoomCapacity,
    /// A meeting uses a room on a date a change file closes it
    /// (`room_closed`; only with [`check_with_closed_rooms`]).
    RoomClosed,
    /// A teacher teaches when declared unavailable.
    TeacherUnavailable,
    /// A cohort or a teacher goes from one site to another on the same day
    /// with less time between the meetings than the travel takes.
    Travel,
    /// Two co-requisite UEs do not run at the same time of the year.
    Corequisite,
    /// A cohort has classes on more days of a week than its programme's
    /// `max_evenings_per_week`.
    MaxEveningsPerWeek,
    /// A teacher teaches on more days of a week than their
    /// `max_days_per_week`.
    MaxDaysPerWeek,
    /// An activity's meetings break one of its pins (a pinned meeting
    /// missing or moved, a meeting off its weekly pins, another room than
    /// the pinned one).
    Pin,
}

impl Rule {
    /// Every rule, in report order.
    pub const ALL: [Rule; 20] = [
        Rule::InstanceName,
        Rule::Malformed,
        Rule::UnknownReference,
        Rule::ActivityMismatch,
        Rule::Hours,
        Rule::Slot,
        Rule::SessionLength,
        Rule::SiteRule,
        Rule::Alternation,
        Rule::CohortOverlap,
        Rule::TeacherOverlap,
        Rule::RoomOverlap,
        Rule::RoomCapacity,
        Rule::RoomClosed,
        Rule::TeacherUnavailable,
        Rule::Travel,
        Rule::Corequisite,
        Rule::MaxEveningsPerWeek,
        Rule::MaxDaysPerWeek,
        Rule::Pin,
    ];

    /// The stable snake_case name, e.g. `cohort_overlap`.
    pub fn name(self) -> &'static str {
        match self {
            Rule::InstanceName => "instance_name",
            Rule::Malformed => "malformed",
            Rule::UnknownReference => "unknown_reference",
            Rule::ActivityMismatch => "activity_mismatch",
            Rule::Hours => "hours",
            Rule::Slot => "slot",
            Rule::SessionLength => "session_length",
            Rule::SiteRule => "site_rule",
            Rule::Alternation => "alternation",
            Rule::CohortOverlap => "cohort_overlap",
            Rule::TeacherOverlap => "teacher_overlap",
            Rule::RoomOverlap => "room_overlap",
            Rule::RoomCapacity => "room_capacity",
            Rule::RoomClosed => "room_closed",
            Rule::TeacherUnavailable => "teacher_unavailable",
            Rule::Travel => "travel",
            Rule::Corequisite => "corequisite",
            Rule::MaxEveningsPerWeek => "max_evenings_per_week",
            Rule::MaxDaysPerWeek => "max_days_per_week",
            Rule::Pin => "pin",
        }
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A meeting as a violation names it: its date, start and activity as
/// written in the timetable, and its position in the `meetings` list.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct MeetingRef {
    /// `YYYY-MM-DD`.
    pub date: String,
    /// `HH:MM`.
    pub start: String,
    /// The activity id.
    pub activity: String,
    /// Position in the timetable's `meetings` (`meetings[index]`).
    pub index: usize,
}

impl MeetingRef {
    /// The reference to meeting `index` of a timetable.
    pub fn of(index: usize, m: &MeetingFile) -> Self {
        MeetingRef { date: m.date.clone(), start: m.start.clone(), activity: m.activity.clone(), index }
    }
}

impl fmt::Display for MeetingRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {} {} (meetings[{}])", self.date, self.start, self.activity, self.index)
    }
}

/// One broken rule: which rule, the meetings involved (none for a rule
/// about the whole timetable), and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Violation {
    /// The rule.
    pub rule: Rule,
    /// The meetings involved, sorted by date, start, activity.
    pub meetings: Vec<MeetingRef>,
    /// Why, in the planner's words.
    pub message: String,
}

impl fmt::Display for Violation {
    /// The rule and the message on one line, then one indented line per
    /// meeting involved.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.rule, self.message)?;
        for m in &self.meetings {
            write!(f, "\n    {m}")?;
        }
        Ok(())
    }
}

/// Checks `timetable` against `instance` and returns every violation,
/// sorted by rule, meetings involved, then message (an empty list means the
/// timetable is valid).
pub fn check_timetable(instance: &Instance, timetable: &TimetableFile) -> Vec<Violation> {
    check_with_closed_rooms(instance, timetable, &[])
}

/// [`check_timetable`] with rooms closed on some dates: a meeting in a
/// closed room on one of those dates breaks [`Rule::RoomClosed`].
pub fn check_with_closed_rooms(
    instance: &Instance,
    timetable: &TimetableFile,
    closed: &[RoomClosure],
) -> Vec<Violation> {
    let mut out = rules::run(instance, timetable, closed);
    for v in &mut out {
        v.meetings.sort();
        v.meetings.dedup();
    }
    out.sort_by(|a, b| (a.rule, &a.meetings, &a.message).cmp(&(b.rule, &b.meetings, &b.message)));
    out.dedup();
    out
}

/// Reads a timetable file: JSON syntax (line and column), unknown keys and
/// wrong types (JSON path), the `format` value, and every meeting's date and
/// times (real dates, `HH:MM`, start before end). Every problem is reported
/// at once.
pub fn read_timetable(path: &Path) -> Result<TimetableFile, LoadError> {
    let bytes = load::read_bytes(path)?;
    let timetable: TimetableFile = load::parse_json(path, &bytes)?;
    let problems = timetable_problems(path, &timetable);
    if problems.is_empty() { Ok(timetable) } else { Err(LoadError::Invalid(problems)) }
}

/// Reads the timetable file at `path` ([`read_timetable`]) and checks it
/// against `instance` ([`check_timetable`]).
pub fn check_file(instance: &Instance, path: &Path) -> Result<Vec<Violation>, LoadError> {
    let timetable = read_timetable(path)?;
    Ok(check_timetable(instance, &timetable))
}

/// The located problems of a parsed timetable file: wrong `format`,
/// unreadable dates and times, a meeting ending before it starts.
pub fn timetable_problems(file: &Path, timetable: &TimetableFile) -> Vec<Problem> {
    let mut out = Vec::new();
    if timetable.format != TIMETABLE_FORMAT {
        out.push(Problem::new(
            file,
            "format",
            format!("expected \"{TIMETABLE_FORMAT}\", found \"{}\"", timetable.format),
        ));
    }
    for (i, m) in timetable.meetings.iter().enumerate() {
        for (key, why) in meeting_problems(m) {
            out.push(Problem::new(file, format!("meetings[{i}].{key}"), why));
        }
    }
    out
}

/// What cannot be read in one meeting: `(key, what was expected)`.
fn meeting_problems(m: &MeetingFile) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    if parse_date(&m.date).is_none() {
        out.push(("date", format!("expected a real date as YYYY-MM-DD, found \"{}\"", m.date)));
    }
    let start = ClockTime::parse(&m.start);
    let end = ClockTime::parse(&m.end);
    if start.is_none() {
        out.push(("start", format!("expected a time as HH:MM, found \"{}\"", m.start)));
    }
    if end.is_none() {
        out.push(("end", format!("expected a time as HH:MM, found \"{}\"", m.end)));
    }
    if matches!((start, end), (Some(s), Some(e)) if s >= e) {
        out.push(("end", format!("expected a time after the start {}, found {}", m.start, m.end)));
    }
    out
}

/// A one-line summary of a valid timetable.
pub fn summary(instance: &Instance, timetable: &TimetableFile) -> String {
    let mut activities: Vec<&str> = timetable.meetings.iter().map(|m| m.activity.as_str()).collect();
    activities.sort_unstable();
    activities.dedup();
    let minutes: u32 = timetable
        .meetings
        .iter()
        .filter_map(|m| Some(ClockTime::parse(&m.end)?.minutes().saturating_sub(ClockTime::parse(&m.start)?.minutes())))
        .sum();
    format!(
        "timetable of \"{}\" is valid: {} meeting(s) of {} activit(y/ies), {} h; none of the {} checker rules is broken.",
        instance.name,
        timetable.meetings.len(),
        activities.len(),
        crate::model::time::hours_string(minutes),
        Rule::ALL.len()
    )
}
