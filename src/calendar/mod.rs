//! The academic year made concrete: which dates are open for teaching, and
//! the calendar slots (a slot template on an open date) of a time grid in a
//! period. Times are local Europe/Brussels wall-clock times; overlap is
//! decided on real clock times, never on template identity.

use crate::model::time::{ClockTime, DateRange, monday_of};
use crate::model::{AcademicYear, ActivityId, Instance, Period, Problem, SlotTemplate, TimeGrid};
use chrono::{Datelike, NaiveDate};

/// One slot template on one open date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CalendarSlot {
    /// The date.
    pub date: NaiveDate,
    /// Start time.
    pub start: ClockTime,
    /// End time.
    pub end: ClockTime,
}

impl CalendarSlot {
    /// Whether the two slots share a moment (same date, clock times overlap).
    pub fn overlaps(&self, other: &CalendarSlot) -> bool {
        self.date == other.date && spans_overlap(self.start, self.end, other.start, other.end)
    }
}

/// Whether `a_start..a_end` and `b_start..b_end` share a moment (touching
/// ends do not overlap).
pub fn spans_overlap(a_start: ClockTime, a_end: ClockTime, b_start: ClockTime, b_end: ClockTime) -> bool {
    a_start < b_end && b_start < a_end
}

/// Why a date is closed for teaching, if it is: a closure's or an exam
/// period's label, or "outside the academic year".
pub fn closed_reason(year: &AcademicYear, date: NaiveDate) -> Option<String> {
    if !year.year.contains(date) {
        return Some("outside the academic year".to_string());
    }
    if let Some(c) = year.closures.iter().find(|c| c.range.contains(date)) {
        return Some(if c.label.is_empty() { "closure".to_string() } else { c.label.clone() });
    }
    if let Some(e) = year.exam_periods.iter().find(|c| c.range.contains(date)) {
        return Some(if e.label.is_empty() { "exam period".to_string() } else { e.label.clone() });
    }
    None
}

/// Whether teaching may happen on `date` at all.
pub fn is_open(year: &AcademicYear, date: NaiveDate) -> bool {
    closed_reason(year, date).is_none()
}

/// The open dates of a period, in order.
pub fn open_dates(year: &AcademicYear, period: &Period) -> Vec<NaiveDate> {
    period.ranges(year).iter().flat_map(DateRange::days).filter(|d| is_open(year, *d)).collect()
}

/// Whether `date` is an open date of `period`.
pub fn in_period(year: &AcademicYear, period: &Period, date: NaiveDate) -> bool {
    period.ranges(year).iter().any(|r| r.contains(date)) && is_open(year, date)
}

/// The calendar slots of `grid` in `period`, sorted by date then start.
pub fn slots(year: &AcademicYear, grid: &TimeGrid, period: &Period) -> Vec<CalendarSlot> {
    let mut out = Vec::new();
    for date in open_dates(year, period) {
        for t in grid.slots.iter().filter(|t| t.day == date.weekday()) {
            out.push(CalendarSlot { date, start: t.start, end: t.end });
        }
    }
    out.sort();
    out
}

/// The dates on which one template falls in `period` and is open, in order.
pub fn template_dates(year: &AcademicYear, template: &SlotTemplate, period: &Period) -> Vec<NaiveDate> {
    open_dates(year, period).into_iter().filter(|d| d.weekday() == template.day).collect()
}

/// Week number of `date` counted from the week holding `start` (0 for that
/// week; weeks run Monday to Sunday).
pub fn week_index(start: NaiveDate, date: NaiveDate) -> i64 {
    (monday_of(date) - monday_of(start)).num_days().div_euclid(7)
}

/// Activities that cannot meet at all: every slot of their grid in their
/// period falls when one of their teachers is unavailable. Reported as
/// input problems before any solving, with the activity's JSON path.
pub fn availability_problems(inst: &Instance) -> Vec<Problem> {
    let mut out = Vec::new();
    for (ui, ue) in inst.ues.iter().enumerate() {
        for (pos, &a) in ue.activities.iter().enumerate() {
            let act = &inst.activities[a.index()];
            let all = slots(&inst.calendar, inst.grid_of(a), &ue.period);
            // With no teacher, only an empty period stops the activity.
            let usable = all.iter().any(|s| teachers_free(inst, a, s));
            if !usable {
                let names: Vec<&str> = act.teachers.iter().map(|t| inst.teachers[t.index()].id.as_str()).collect();
                let why = if all.is_empty() {
                    format!("the time grid has no open slot in period {}", ue.period.label())
                } else {
                    format!(
                        "teacher(s) {} are unavailable on every one of its {} open slots in period {}",
                        names.join(", "),
                        all.len(),
                        ue.period.label()
                    )
                };
                out.push(Problem::new(
                    &inst.path,
                    format!("ues[{ui}].activities[{pos}]"),
                    format!("activity \"{}\" of {} cannot meet: {why}", act.id, ue.code),
                ));
            }
        }
    }
    out
}

/// Whether every teacher of activity `a` is free during `slot`.
pub fn teachers_free(inst: &Instance, a: ActivityId, slot: &CalendarSlot) -> bool {
    inst.activities[a.index()]
        .teachers
        .iter()
        .all(|t| inst.teachers[t.index()].available(slot.date, slot.start, slot.end))
}

#[cfg(test)]
mod tests;
