//! The faculty while it is being generated: plain data with typed indices,
//! minutes for volumes and parsed dates, turned into the `horaire/1` file
//! types only at the end ([`super::emit`]).

use crate::model::time::DateRange;
use crate::model::{ActivityId, CohortId, Frequency, Period, ProgrammeId, SiteId, TeacherId, UeId};
use chrono::{Datelike, NaiveDate, Weekday};

/// Everything generated so far.
#[derive(Debug, Default)]
pub(super) struct Spec {
    pub sites: Vec<SiteSpec>,
    pub grids: Vec<GridSpec>,
    pub teachers: Vec<TeacherSpec>,
    pub cohorts: Vec<CohortSpec>,
    pub programmes: Vec<ProgSpec>,
    pub ues: Vec<UeSpec>,
    pub acts: Vec<ActSpec>,
    pub enrolments: Vec<EnrolSpec>,
    pub hosts: Vec<HostSpec>,
    pub requirements: Vec<ReqSpec>,
    pub students: Vec<StudentSpec>,
}

/// A site: a campus of one city, and the seats of its rooms.
#[derive(Debug)]
pub(super) struct SiteSpec {
    pub id: String,
    pub name: String,
    /// Index into [`super::campus::CITIES`].
    pub city: usize,
    pub rooms: Vec<u32>,
}

/// Slot templates grouped as the file writes them: days, start, end
/// (minutes after midnight).
#[derive(Debug)]
pub(super) struct GridSpec {
    pub id: String,
    pub slots: Vec<(Vec<Weekday>, u32, u32)>,
}

impl GridSpec {
    /// One template per day of each slot, in file order.
    pub fn templates(&self) -> Vec<(Weekday, u32, u32)> {
        self.slots.iter().flat_map(|(days, s, e)| days.iter().map(move |d| (*d, *s, *e))).collect()
    }
}

/// A time a teacher cannot teach: on some days (all when empty), between
/// two dates (the whole year when absent), between two times (the whole
/// day when absent).
#[derive(Debug, Clone)]
pub(super) struct Unavailable {
    pub days: Vec<Weekday>,
    pub dates: Option<DateRange>,
    pub times: Option<(u32, u32)>,
}

impl Unavailable {
    /// Whether the teacher is away for part of `date` `start..end`.
    pub fn meets(&self, date: NaiveDate, start: u32, end: u32) -> bool {
        (self.days.is_empty() || self.days.contains(&date.weekday()))
            && self.dates.is_none_or(|r| r.contains(date))
            && self.times.is_none_or(|(s, e)| start < e && s < end)
    }
}

#[derive(Debug)]
pub(super) struct TeacherSpec {
    pub id: String,
    pub name: String,
    pub unavailable: Vec<Unavailable>,
    pub max_days_per_week: Option<u32>,
}

#[derive(Debug)]
pub(super) struct CohortSpec {
    pub id: String,
    pub name: String,
    pub parent: Option<CohortId>,
    pub students: u32,
}

#[derive(Debug)]
pub(super) struct ProgSpec {
    pub id: String,
    /// The prefix of its ids (`f03`).
    pub prefix: String,
    pub name: String,
    pub grid: usize,
    /// Top-level cohorts.
    pub cohorts: Vec<CohortId>,
    pub max_evenings_per_week: Option<u32>,
    /// The sites its activities may use.
    pub sites: Vec<SiteId>,
}

#[derive(Debug)]
pub(super) struct UeSpec {
    pub code: String,
    pub title: String,
    pub programme: ProgrammeId,
    pub block: Option<u32>,
    pub credits: f64,
    pub period: Period,
    pub corequisite: Option<UeId>,
    pub note: Option<String>,
    pub acts: Vec<ActivityId>,
}

/// Where an activity meets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Where {
    Fixed(SiteId),
    Alternate(SiteId, SiteId),
    AnyOf(Vec<SiteId>),
}

#[derive(Debug)]
pub(super) struct ActSpec {
    pub id: String,
    pub ue: UeId,
    pub kind: &'static str,
    pub minutes: u32,
    pub session: u32,
    pub teachers: Vec<TeacherId>,
    pub cohorts: Vec<CohortId>,
    pub site: Where,
    pub frequency: Frequency,
    /// Taken out because no regular pattern could be placed for it.
    pub dropped: bool,
}

impl ActSpec {
    /// Meetings of its regular patterns.
    pub fn meetings(&self) -> u32 {
        self.minutes.div_ceil(self.session)
    }
}

#[derive(Debug)]
pub(super) struct EnrolSpec {
    pub student: String,
    pub acts: Vec<ActivityId>,
}

#[derive(Debug)]
pub(super) struct HostSpec {
    pub id: String,
    pub name: String,
    pub city: usize,
    pub capacity: u32,
    pub open: Vec<(Vec<Weekday>, u32, u32)>,
}

#[derive(Debug)]
pub(super) struct ReqSpec {
    pub id: String,
    pub ue: UeId,
    pub cohort: CohortId,
    pub hours: u32,
    pub window: DateRange,
    pub max_hours_per_day: u32,
    pub max_hours_per_week: u32,
}

#[derive(Debug)]
pub(super) struct StudentSpec {
    pub id: String,
    pub cohort: CohortId,
    pub requirement: usize,
    pub host: Option<usize>,
    pub preferences: Vec<usize>,
    pub available: Option<Vec<Weekday>>,
}

impl Spec {
    /// Students of an activity: its cohorts, a cohort counted once when its
    /// ancestor is listed too.
    pub fn students(&self, a: ActivityId) -> u32 {
        let cs = &self.acts[a.index()].cohorts;
        cs.iter()
            .filter(|&&c| !cs.iter().any(|&o| o != c && self.is_ancestor(o, c)))
            .map(|c| self.cohorts[c.index()].students)
            .sum()
    }

    /// Whether `a` is a strict ancestor of `b`.
    pub fn is_ancestor(&self, a: CohortId, b: CohortId) -> bool {
        let mut cur = self.cohorts[b.index()].parent;
        while let Some(c) = cur {
            if c == a {
                return true;
            }
            cur = self.cohorts[c.index()].parent;
        }
        false
    }

    /// The sites an activity's rule allows.
    pub fn sites_of(&self, a: ActivityId) -> Vec<SiteId> {
        match &self.acts[a.index()].site {
            Where::Fixed(s) => vec![*s],
            Where::Alternate(x, y) => vec![*x, *y],
            Where::AnyOf(v) => v.clone(),
        }
    }

    /// The programme of an activity.
    pub fn programme_of(&self, a: ActivityId) -> ProgrammeId {
        self.ues[self.acts[a.index()].ue.index()].programme
    }
}
