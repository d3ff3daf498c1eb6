//! Counting checks that need no solver, and the vocabulary of hard
//! requirements.
//!
//! Each check is a relaxation of the timetabling model: the meetings some
//! cohort, teacher or site must have in a period (or in a few weekly
//! slots) against the meetings the open dates, slots and rooms can hold.
//! A [`Shortfall`] therefore proves that no timetable exists. The checks
//! return data (who, which period or weekly window, both numbers); the
//! diagnosis (`explain`) puts them into a planner's words.
//!
//! The module only reads the instance and the calendar (it imports
//! `model` and `calendar`, nothing else), so that both the solver
//! (`timetable`) and the diagnosis (`explain`) can use it.

mod capacity;
mod counting;
mod dates;
mod windows;

pub use capacity::{capped_capacity, grid_capacity, slot_capacity};
pub use counting::{cohort_shortfalls, corequisite_shortfalls, site_room_shortfalls, teacher_shortfalls};
pub use dates::{corequisite_windows, period_of, usable_dates};
pub use windows::{meetings_forced_at, window_shortfalls};

use crate::model::time::ClockTime;
use crate::model::{ActivityId, CohortId, GridId, Instance, Period, ProgrammeId, SiteId, TeacherId, UeId};
use std::collections::BTreeSet;

/// A family of hard requirements: every hard row of the timetabling model
/// belongs to one, and an elastic model relaxes them family by family.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Family {
    /// Each activity takes exactly one meeting pattern.
    Unplaced,
    /// A cohort or teacher attends at most one meeting at a time.
    Overlap,
    /// A cohort or teacher has the travel time between two sites.
    Travel,
    /// Meetings at a site do not outnumber its rooms large enough.
    Rooms,
    /// A weekly cap on the days or evenings of a cohort or teacher.
    DaysPerWeek,
    /// A person's meetings in a week fit the time its days hold (the
    /// weekly model only).
    WeekLoad,
    /// Co-requisite UEs run at the same time of the year.
    Corequisite,
    /// Rows defining helper variables: never relaxed, never reported.
    Link,
}

impl Family {
    /// The family's short name, as progress lines show it: `unplaced`,
    /// `overlap`, `travel`, `rooms`, `days_per_week`, `week_load`,
    /// `corequisite` or `link`.
    pub fn name(self) -> &'static str {
        match self {
            Family::Unplaced => "unplaced",
            Family::Overlap => "overlap",
            Family::Travel => "travel",
            Family::Rooms => "rooms",
            Family::DaysPerWeek => "days_per_week",
            Family::WeekLoad => "week_load",
            Family::Corequisite => "corequisite",
            Family::Link => "link",
        }
    }
}

impl std::fmt::Display for Family {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// A weekly point in time: a weekday and a clock time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct WeeklyTime {
    /// Days from Monday (0 to 6).
    pub day: u32,
    /// Clock time.
    pub time: ClockTime,
}

/// Meetings that must take place at one site in a few weekly slots (their
/// time grids, teachers' availability and site rules leave no other)
/// against the rooms of that site on the dates those slots occur.
#[derive(Debug, Clone, PartialEq)]
pub struct RoomWindow {
    /// The site.
    pub site: SiteId,
    /// The period counted (`None`: the whole year).
    pub period: Option<Period>,
    /// The activities counted.
    pub activities: BTreeSet<ActivityId>,
    /// Whether one of them alternates between two sites (it counts its
    /// half at this one).
    pub alternating: bool,
    /// The weekly slots those activities can use.
    pub slots: BTreeSet<WeeklyTime>,
    /// Rooms at the site with more than `above` seats.
    pub rooms: u32,
    /// The activities counted have more than this many students (0: all).
    pub above: u32,
    /// Meetings needed.
    pub needed: u32,
    /// Meetings the rooms hold in those slots (`rooms` × `date_slots`).
    pub available: u32,
    /// Dates on which the slots can host a counted meeting, summed over
    /// the slots.
    pub date_slots: u32,
    /// Most students of one counted activity.
    pub seats: u32,
}

/// A failed counting check: a proof that no timetable exists.
#[derive(Debug, Clone, PartialEq)]
pub enum Shortfall {
    /// A leaf cohort needs more meetings in a period than its time grid
    /// opens (open dates × slots that do not overlap).
    CohortGrid {
        /// The leaf cohort.
        cohort: CohortId,
        /// The period.
        period: Period,
        /// The time grid of the cohort's activities.
        grid: GridId,
        /// Meetings needed.
        needed: u32,
        /// Meetings the grid can hold.
        open: u32,
    },
    /// A leaf cohort's meetings in a period do not fit the days its
    /// programme's weekly cap on evenings leaves.
    CohortEvenings {
        /// The leaf cohort.
        cohort: CohortId,
        /// The period.
        period: Period,
        /// The programme whose cap applies.
        programme: ProgrammeId,
        /// The time grid of the cohort's activities.
        grid: GridId,
        /// Evenings or days a week allowed.
        cap: u32,
        /// Meetings needed.
        needed: u32,
        /// Meetings the capped weeks hold.
        capped: u32,
    },
    /// A teacher needs more meetings in a period than the slots when they
    /// are available can hold.
    TeacherAvailability {
        /// The teacher.
        teacher: TeacherId,
        /// The period.
        period: Period,
        /// The grids of the teacher's activities, first use first.
        grids: Vec<GridId>,
        /// Meetings needed.
        needed: u32,
        /// Meetings the available slots hold.
        available: u32,
    },
    /// A teacher's meetings in a period do not fit the days their weekly
    /// cap leaves.
    TeacherDays {
        /// The teacher.
        teacher: TeacherId,
        /// The period.
        period: Period,
        /// The grids of the teacher's activities, first use first.
        grids: Vec<GridId>,
        /// Days a week allowed.
        cap: u32,
        /// Meetings needed.
        needed: u32,
        /// Meetings the capped weeks hold.
        capped: u32,
    },
    /// The meetings that must take place at a site in a period, needing a
    /// room of more than `above` seats, outnumber such rooms × slots.
    SiteRooms {
        /// The site.
        site: SiteId,
        /// The period.
        period: Period,
        /// Only the meetings of more than this many students count.
        above: u32,
        /// Rooms at the site with more than `above` seats.
        rooms: u32,
        /// Meetings needed.
        needed: u32,
        /// Meetings those rooms hold (`rooms` × `slots_per_room`).
        available: u32,
        /// Meetings one room holds in the period.
        slots_per_room: u32,
    },
    /// Too few rooms at a site for the meetings forced into a few weekly
    /// slots there.
    RoomWindow(RoomWindow),
    /// Co-requisite UEs, both taught, whose periods share no week.
    Corequisite {
        /// The UE declaring the co-requisite (the first of the pair).
        ue: UeId,
        /// Its co-requisite.
        corequisite: UeId,
    },
}

/// Every counting check, in order: per leaf cohort, per teacher, per site
/// and period, per site and weekly window, per pair of co-requisite UEs.
pub fn shortfalls(inst: &Instance) -> Vec<Shortfall> {
    let mut out = cohort_shortfalls(inst);
    out.extend(teacher_shortfalls(inst));
    out.extend(site_room_shortfalls(inst));
    out.extend(window_shortfalls(inst));
    out.extend(corequisite_shortfalls(inst));
    out
}

/// The time grid of an activity (its programme's).
fn grid_id_of(inst: &Instance, a: ActivityId) -> GridId {
    inst.programmes[inst.ues[inst.activities[a.index()].ue.index()].programme.index()].grid
}

/// Meetings an activity needs (its hours in whole sessions).
fn meetings_of(inst: &Instance, a: ActivityId) -> u32 {
    let act = &inst.activities[a.index()];
    act.minutes.div_ceil(act.session_minutes)
}
