//! The validated instance: typed ids, parsed times and dates, resolved
//! references. Everything downstream (calendar, timetable, placement,
//! check, export) reads only these types.

use super::ids::*;
use super::time::{ClockTime, DateRange, WeekdaySet};
use chrono::{NaiveDate, Weekday};
use std::collections::HashMap;
use std::path::PathBuf;

/// A validated instance.
#[derive(Debug, Clone)]
pub struct Instance {
    /// The file it was read from (empty for an in-memory instance).
    pub path: PathBuf,
    /// Its `name`.
    pub name: String,
    /// The academic year.
    pub calendar: AcademicYear,
    /// Sites.
    pub sites: Vec<Site>,
    /// Rooms of all sites.
    pub rooms: Vec<Room>,
    /// `travel[a][b]`: minutes from site a to site b (0 on the diagonal,
    /// `None` when the instance does not say).
    pub travel: Vec<Vec<Option<u32>>>,
    /// Time grids.
    pub grids: Vec<TimeGrid>,
    /// Teachers.
    pub teachers: Vec<Teacher>,
    /// The cohort tree.
    pub cohorts: Vec<Cohort>,
    /// Programmes.
    pub programmes: Vec<Programme>,
    /// Teaching units.
    pub ues: Vec<Ue>,
    /// Activities of all UEs.
    pub activities: Vec<Activity>,
    /// Individual enrolments.
    pub enrolments: Vec<Enrolment>,
    /// Placement data (empty lists when the instance has none).
    pub placements: Placements,
    /// Lookup from string ids (at the file boundary only).
    pub index: IdIndex,
    /// The documented extensions of `horaire/1` (service targets,
    /// competence frameworks).
    pub extensions: Extensions,
}

/// What the documented extensions of `horaire/1` add to an instance,
/// indexed like the instance's own lists.
#[derive(Debug, Clone, Default)]
pub struct Extensions {
    /// Per teacher: the yearly service target in minutes (`service_hours`).
    pub service_minutes: Vec<Option<u32>>,
    /// Per programme: its competence framework, in file order.
    pub competences: Vec<Vec<Competence>>,
    /// Per UE: the competences it develops, as indices into its
    /// programme's framework, in file order.
    pub ue_competences: Vec<Vec<usize>>,
    /// Per activity: its pins (see [`crate::model::pins`]), in file order.
    pub pins: Vec<Vec<crate::model::pins::Pin>>,
}

/// A competence of a programme's framework.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Competence {
    /// File id.
    pub id: String,
    /// Title.
    pub title: String,
}

/// String id → typed id, for reading timetables, logs and change files.
#[derive(Debug, Clone, Default)]
pub struct IdIndex {
    /// Sites.
    pub sites: HashMap<String, SiteId>,
    /// Rooms.
    pub rooms: HashMap<String, RoomId>,
    /// Teachers.
    pub teachers: HashMap<String, TeacherId>,
    /// Cohorts.
    pub cohorts: HashMap<String, CohortId>,
    /// UEs by code.
    pub ues: HashMap<String, UeId>,
    /// Activities.
    pub activities: HashMap<String, ActivityId>,
    /// Hosts.
    pub hosts: HashMap<String, HostId>,
    /// Requirements.
    pub requirements: HashMap<String, RequirementId>,
    /// Placement students.
    pub students: HashMap<String, StudentId>,
}

/// An academic year: the dates that can hold teaching.
#[derive(Debug, Clone)]
pub struct AcademicYear {
    /// The calendar's name.
    pub name: String,
    /// The whole year.
    pub year: DateRange,
    /// First quadrimester.
    pub q1: DateRange,
    /// Second quadrimester.
    pub q2: DateRange,
    /// No teaching on these days.
    pub closures: Vec<Labeled>,
    /// Exam sessions: no teaching.
    pub exam_periods: Vec<Labeled>,
}

/// A date range with a label.
#[derive(Debug, Clone)]
pub struct Labeled {
    /// The dates.
    pub range: DateRange,
    /// What it is.
    pub label: String,
}

/// A campus.
#[derive(Debug, Clone)]
pub struct Site {
    /// File id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// City.
    pub city: String,
    /// Its rooms.
    pub rooms: Vec<RoomId>,
}

/// A room.
#[derive(Debug, Clone)]
pub struct Room {
    /// File id.
    pub id: String,
    /// The site it belongs to.
    pub site: SiteId,
    /// Seats.
    pub capacity: u32,
}

/// A time grid.
#[derive(Debug, Clone)]
pub struct TimeGrid {
    /// File id.
    pub id: String,
    /// One template per (day, start, end), sorted by day then start.
    pub slots: Vec<SlotTemplate>,
}

/// A weekly slot template: one weekday, one time span.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct SlotTemplate {
    /// The weekday.
    pub day: Weekday,
    /// Start time.
    pub start: ClockTime,
    /// End time.
    pub end: ClockTime,
}

impl SlotTemplate {
    /// Length in minutes.
    pub fn minutes(&self) -> u32 {
        self.end.minutes() - self.start.minutes()
    }
}

/// A set of times: some weekdays, within some dates, between some hours.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct When {
    /// The weekdays.
    pub days: WeekdaySet,
    /// The dates (the whole year when the file gave none).
    pub dates: DateRange,
    /// Start time (00:00 when the file gave none).
    pub start: ClockTime,
    /// End time (24:00 when the file gave none).
    pub end: ClockTime,
}

impl When {
    /// Whether the span `start..end` on `date` meets this set of times.
    pub fn meets(&self, date: NaiveDate, start: ClockTime, end: ClockTime) -> bool {
        use chrono::Datelike;
        self.days.contains(date.weekday()) && self.dates.contains(date) && start < self.end && self.start < end
    }

    /// Whether the span `start..end` on `date` lies inside this set of times.
    pub fn holds(&self, date: NaiveDate, start: ClockTime, end: ClockTime) -> bool {
        use chrono::Datelike;
        self.days.contains(date.weekday()) && self.dates.contains(date) && self.start <= start && end <= self.end
    }
}

/// A teacher.
#[derive(Debug, Clone)]
pub struct Teacher {
    /// File id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Times the teacher cannot teach.
    pub unavailable: Vec<When>,
    /// At most this many teaching days a week.
    pub max_days_per_week: Option<u32>,
}

impl Teacher {
    /// Whether the teacher can teach `start..end` on `date`.
    pub fn available(&self, date: NaiveDate, start: ClockTime, end: ClockTime) -> bool {
        !self.unavailable.iter().any(|u| u.meets(date, start, end))
    }
}

/// A cohort.
#[derive(Debug, Clone)]
pub struct Cohort {
    /// File id.
    pub id: String,
    /// Display name (the id when the file gave none).
    pub name: String,
    /// Parent cohort.
    pub parent: Option<CohortId>,
    /// Students.
    pub students: u32,
    /// The programme whose `cohorts` lists this cohort or an ancestor.
    pub programme: Option<ProgrammeId>,
}

/// A programme.
#[derive(Debug, Clone)]
pub struct Programme {
    /// File id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Its time grid.
    pub grid: GridId,
    /// Its top-level cohorts.
    pub cohorts: Vec<CohortId>,
    /// At most this many teaching days a week per cohort.
    pub max_evenings_per_week: Option<u32>,
}

/// When a UE's activities may meet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    /// First quadrimester.
    Q1,
    /// Second quadrimester.
    Q2,
    /// Both quadrimesters.
    Annual,
    /// Explicit dates (closures and exams still apply).
    Dates(DateRange),
}

impl Period {
    /// The date ranges the period covers in `year`.
    pub fn ranges(&self, year: &AcademicYear) -> Vec<DateRange> {
        match self {
            Period::Q1 => vec![year.q1],
            Period::Q2 => vec![year.q2],
            Period::Annual => vec![year.q1, year.q2],
            Period::Dates(r) => vec![*r],
        }
    }

    /// The earliest and latest date of the period.
    pub fn span(&self, year: &AcademicYear) -> DateRange {
        let r = self.ranges(year);
        DateRange { from: r[0].from, to: r[r.len() - 1].to }
    }

    /// A short label: `Q1`, `Q2`, `annual`, `2025-09-15..2026-06-30`.
    pub fn label(&self) -> String {
        match self {
            Period::Q1 => "Q1".into(),
            Period::Q2 => "Q2".into(),
            Period::Annual => "annual".into(),
            Period::Dates(r) => format!("{}..{}", r.from, r.to),
        }
    }
}

/// A teaching unit.
#[derive(Debug, Clone)]
pub struct Ue {
    /// The code, e.g. `UE 1/4`.
    pub code: String,
    /// Title.
    pub title: String,
    /// Programme.
    pub programme: ProgrammeId,
    /// Block.
    pub block: Option<u32>,
    /// ECTS credits.
    pub credits: Option<f64>,
    /// When its activities meet.
    pub period: Period,
    /// The co-requisite UE.
    pub corequisite: Option<UeId>,
    /// Its activities.
    pub activities: Vec<ActivityId>,
}

/// Where an activity meets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SiteRule {
    /// Always at one site.
    Fixed(SiteId),
    /// Alternating between two sites, meeting after meeting.
    Alternate(SiteId, SiteId),
    /// At one of these sites, the same all year.
    AnyOf(Vec<SiteId>),
}

impl SiteRule {
    /// Every site the rule may use.
    pub fn sites(&self) -> Vec<SiteId> {
        match self {
            SiteRule::Fixed(s) => vec![*s],
            SiteRule::Alternate(a, b) => vec![*a, *b],
            SiteRule::AnyOf(v) => v.clone(),
        }
    }
}

/// How often an activity meets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Frequency {
    /// Every week.
    Weekly,
    /// Every second week.
    Fortnightly,
    /// Whatever fits (weekly or fortnightly).
    Any,
}

/// An activity: what actually meets.
#[derive(Debug, Clone)]
pub struct Activity {
    /// File id.
    pub id: String,
    /// The UE it belongs to.
    pub ue: UeId,
    /// `cours`, `tp`…
    pub kind: String,
    /// Volume in minutes.
    pub minutes: u32,
    /// Length of one meeting in minutes.
    pub session_minutes: u32,
    /// Teachers.
    pub teachers: Vec<TeacherId>,
    /// Cohorts.
    pub cohorts: Vec<CohortId>,
    /// Site rule.
    pub site: SiteRule,
    /// Frequency.
    pub frequency: Frequency,
}

/// An individual enrolment.
#[derive(Debug, Clone)]
pub struct Enrolment {
    /// Student identifier.
    pub student: String,
    /// Activities followed.
    pub activities: Vec<ActivityId>,
}

/// Placement data.
#[derive(Debug, Clone, Default)]
pub struct Placements {
    /// Hosts.
    pub hosts: Vec<Host>,
    /// Requirements.
    pub requirements: Vec<Requirement>,
    /// Students.
    pub students: Vec<Student>,
}

/// A host organisation.
#[derive(Debug, Clone)]
pub struct Host {
    /// File id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// City.
    pub city: String,
    /// The site in the same city, used for travel times to classes.
    pub site: Option<SiteId>,
    /// Students at once.
    pub capacity: u32,
    /// Opening hours.
    pub open: Vec<SlotTemplate>,
}

/// A placement requirement.
#[derive(Debug, Clone)]
pub struct Requirement {
    /// File id.
    pub id: String,
    /// The placement UE.
    pub ue: UeId,
    /// The cohort.
    pub cohort: CohortId,
    /// Quota in minutes.
    pub minutes: u32,
    /// The window.
    pub window: DateRange,
    /// Daily cap in minutes.
    pub max_minutes_per_day: Option<u32>,
    /// Weekly cap in minutes.
    pub max_minutes_per_week: Option<u32>,
}

/// A student with a placement.
#[derive(Debug, Clone)]
pub struct Student {
    /// File id.
    pub id: String,
    /// Cohort.
    pub cohort: CohortId,
    /// Requirement.
    pub requirement: RequirementId,
    /// Assigned host.
    pub host: Option<HostId>,
    /// Preferences, first choice first.
    pub preferences: Vec<HostId>,
    /// Declared availability (`None`: any open time).
    pub available: Option<Vec<When>>,
}

impl Instance {
    /// Whether cohorts `a` and `b` share students: equal, or one is an
    /// ancestor of the other. Siblings never conflict.
    pub fn cohorts_conflict(&self, a: CohortId, b: CohortId) -> bool {
        a == b || self.is_ancestor(a, b) || self.is_ancestor(b, a)
    }

    /// Whether `a` is a strict ancestor of `b`.
    pub fn is_ancestor(&self, a: CohortId, b: CohortId) -> bool {
        is_ancestor_in(&self.cohorts, a, b)
    }

    /// `c` and its ancestors, `c` first.
    pub fn cohort_and_ancestors(&self, c: CohortId) -> Vec<CohortId> {
        let mut out = vec![c];
        let mut cur = self.cohorts[c.index()].parent;
        while let Some(p) = cur {
            out.push(p);
            cur = self.cohorts[p.index()].parent;
        }
        out
    }

    /// The cohorts with no child: the groups of students that actually sit
    /// together. A meeting of cohort `c` is attended by every leaf under `c`.
    pub fn leaf_cohorts(&self) -> Vec<CohortId> {
        let mut has_child = vec![false; self.cohorts.len()];
        for c in &self.cohorts {
            if let Some(p) = c.parent {
                has_child[p.index()] = true;
            }
        }
        (0..self.cohorts.len()).filter(|&i| !has_child[i]).map(CohortId::from_index).collect()
    }

    /// Whether the students of leaf cohort `leaf` attend activity `a`: it
    /// is given to that cohort or to one of its ancestors.
    pub fn attends(&self, leaf: CohortId, a: ActivityId) -> bool {
        self.activities[a.index()].cohorts.iter().any(|&c| c == leaf || self.is_ancestor(c, leaf))
    }

    /// The time grid of an activity (its UE's programme's grid).
    pub fn grid_of(&self, a: ActivityId) -> &TimeGrid {
        let ue = &self.ues[self.activities[a.index()].ue.index()];
        &self.grids[self.programmes[ue.programme.index()].grid.index()]
    }

    /// Students attending an activity: the sum over its cohorts.
    pub fn activity_students(&self, a: ActivityId) -> u32 {
        self.activities[a.index()].cohorts.iter().map(|c| self.cohorts[c.index()].students).sum()
    }

    /// Minutes from site `a` to site `b`; unknown pairs of distinct sites
    /// count as too far for one evening.
    pub fn travel_minutes(&self, a: SiteId, b: SiteId) -> Option<u32> {
        self.travel[a.index()][b.index()]
    }
}

/// Whether `a` is a strict ancestor of `b` among `cohorts` (whose parent
/// chains have no cycle).
pub(crate) fn is_ancestor_in(cohorts: &[Cohort], a: CohortId, b: CohortId) -> bool {
    let mut cur = cohorts[b.index()].parent;
    while let Some(c) = cur {
        if c == a {
            return true;
        }
        cur = cohorts[c.index()].parent;
    }
    false
}
