//! Last year's timetable as a wish for this year's (`horaire solve
//! --like`): each activity's weekly slots (weekday, start, site) of last
//! year, matched by activity id; how many activities a new timetable keeps
//! on them; and what changed, in the diff format of `horaire repair`.

use crate::model::time::{ClockTime, parse_date};
use crate::model::timetable::{MeetingFile, TimetableFile};
use crate::model::{ActivityId, Instance};
use crate::repair::diff::{Diff, change_of, tally};
use crate::timetable::config::{LastSlot, LastYear};
use chrono::{Datelike, NaiveDate};
use std::collections::BTreeMap;

/// The slot of a meeting of the file, if its date, start and site are
/// known to `inst`.
fn slot_of(inst: &Instance, m: &MeetingFile) -> Option<LastSlot> {
    Some(LastSlot {
        day: parse_date(&m.date)?.weekday().num_days_from_monday() as u8,
        start: ClockTime::parse(&m.start)?,
        site: *inst.index.sites.get(&m.site)?,
    })
}

/// Each activity's slots in `last` (last year's timetable), for the
/// activities of `inst` (this year's instance); activities are matched by
/// id, and a meeting on a site this year's instance does not have gives no
/// slot (the activity can then keep only its other slots).
pub fn last_year(inst: &Instance, last: &TimetableFile) -> LastYear {
    let mut slots: Vec<Option<Vec<LastSlot>>> = vec![None; inst.activities.len()];
    for m in &last.meetings {
        let Some(&a) = inst.index.activities.get(&m.activity) else { continue };
        let list = slots[a.index()].get_or_insert_with(Vec::new);
        if let Some(s) = slot_of(inst, m) {
            list.push(s);
        }
    }
    for list in slots.iter_mut().flatten() {
        list.sort();
        list.dedup();
    }
    LastYear { slots }
}

/// How many activities kept last year's slots.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kept {
    /// Activities of this year that last year's timetable has.
    pub compared: usize,
    /// Of those, the ones whose every meeting is on one of last year's
    /// weekday, start and site.
    pub kept: usize,
    /// The ids of the others, in instance order.
    pub changed: Vec<String>,
}

impl Kept {
    /// The summary line: "412 of 430 activities kept last year's weekday,
    /// start and site".
    pub fn sentence(&self) -> String {
        format!("{} of {} activities kept last year's weekday, start and site", self.kept, self.compared)
    }
}

/// Counts the activities of `timetable` (this year's, for `inst`) that
/// keep their slots of `last`.
pub fn kept(inst: &Instance, last: &LastYear, timetable: &TimetableFile) -> Kept {
    let mut by_activity: BTreeMap<ActivityId, Vec<Option<LastSlot>>> = BTreeMap::new();
    for m in &timetable.meetings {
        if let Some(&a) = inst.index.activities.get(&m.activity) {
            by_activity.entry(a).or_default().push(slot_of(inst, m));
        }
    }
    let mut k = Kept { compared: 0, kept: 0, changed: Vec::new() };
    for (i, act) in inst.activities.iter().enumerate() {
        let a = ActivityId::from_index(i);
        let meetings = by_activity.get(&a).map(Vec::as_slice).unwrap_or(&[]);
        // Only for an activity last year has; a meeting whose slot cannot
        // be read keeps nothing.
        let keeps =
            last.keeps(a, []).map(|_| meetings.iter().all(|s| s.is_some_and(|s| last.keeps(a, [s]) == Some(true))));
        match keeps {
            None => {}
            Some(true) => {
                k.compared += 1;
                k.kept += 1;
            }
            Some(false) => {
                k.compared += 1;
                k.changed.push(act.id.clone());
            }
        }
    }
    k
}

/// Whether two meetings a year apart are the same weekly meeting: same
/// weekday, start, end, site and room.
fn same_weekly(a: &MeetingFile, b: &MeetingFile) -> bool {
    let day = |m: &MeetingFile| parse_date(&m.date).map(|d| d.weekday());
    day(a) == day(b) && (&a.start, &a.end, &a.site, &a.room) == (&b.start, &b.end, &b.site, &b.room)
}

/// What changed from last year's timetable to this year's, in the diff
/// format of `horaire repair` (`horaire-diff/1`; `from` is the first day of
/// the new year). Meetings are paired per activity in date order, the i-th
/// of last year with the i-th of this year: a pair on the same weekday,
/// start, end, site and room is unchanged, any other pair is `moved`, and
/// meetings without a partner are `cancelled` (last year only) or `added`
/// (this year only). Only the activities of this year's timetable and the
/// ones last year's shares with it are compared.
pub fn diff(last: &TimetableFile, new: &TimetableFile, from: NaiveDate) -> Diff {
    let mut old: BTreeMap<&str, Vec<&MeetingFile>> = BTreeMap::new();
    let mut now: BTreeMap<&str, Vec<&MeetingFile>> = BTreeMap::new();
    for m in &new.meetings {
        now.entry(m.activity.as_str()).or_default().push(m);
    }
    for m in last.meetings.iter().filter(|m| now.contains_key(m.activity.as_str())) {
        old.entry(m.activity.as_str()).or_default().push(m);
    }
    let by_date = |v: &mut Vec<&MeetingFile>| v.sort_by(|a, b| (&a.date, &a.start).cmp(&(&b.date, &b.start)));
    old.values_mut().for_each(by_date);
    now.values_mut().for_each(by_date);
    let (mut before, mut unchanged) = (0, 0);
    let mut changes = Vec::new();
    for (a, mine) in &now {
        let theirs = old.get(a).map(Vec::as_slice).unwrap_or(&[]);
        before += theirs.len();
        for i in 0..theirs.len().max(mine.len()) {
            let (b, f) = (theirs.get(i).copied(), mine.get(i).copied());
            let change = match (b, f) {
                (Some(b), Some(f)) if same_weekly(b, f) => {
                    unchanged += 1;
                    continue;
                }
                (Some(_), Some(_)) => "moved",
                (Some(_), None) => "cancelled",
                _ => "added",
            };
            changes.extend(change_of(change, b, f));
        }
    }
    tally(&from.to_string(), before, unchanged, 0, changes)
}
