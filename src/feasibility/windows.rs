//! Room counting per site and weekly window: meetings that can only take
//! place at one site in a few weekly slots (their time grid, their
//! teachers' availability and their site rule leave no other choice)
//! against the rooms of that site on those dates. It is a relaxation of
//! the model's room rows, so a shortfall is a proof.

use super::dates::{corequisite_windows, usable_dates, within_period};
use super::{RoomWindow, Shortfall, WeeklyTime};
use crate::model::time::DateRange;
use crate::model::{Activity, ActivityId, Instance, Period, SiteId, SiteRule, SlotTemplate};
use chrono::NaiveDate;
use std::collections::BTreeSet;

/// A weekly slot of a forced activity: where it starts, how many minutes
/// every meeting covers from the start, and its usable dates.
struct Slot {
    start: WeeklyTime,
    cover: u32,
    dates: Vec<NaiveDate>,
}

impl Slot {
    /// Whether the slot covers the weekly point `p`.
    fn covers(&self, p: WeeklyTime) -> bool {
        self.start.day == p.day
            && self.start.time <= p.time
            && p.time.minutes() < self.start.time.minutes() + self.cover
    }
}

/// One activity that must meet at a site: how many of its meetings, how
/// many students, and its weekly slots.
struct Forced {
    a: ActivityId,
    meetings: u32,
    students: u32,
    slots: Vec<Slot>,
}

/// How many of an activity's meetings must be at site `si` whatever the
/// timetable: all of them at a fixed site, at least half (rounded down) at
/// either site of an alternation, none when it may choose.
pub fn meetings_forced_at(act: &Activity, si: usize) -> u32 {
    let n = act.minutes.div_ceil(act.session_minutes);
    match &act.site {
        SiteRule::Fixed(s) if s.index() == si => n,
        SiteRule::Alternate(x, y) if x.index() == si || y.index() == si => n / 2,
        _ => 0,
    }
}

fn forced_at(inst: &Instance, si: usize, windows: &[Option<Vec<DateRange>>]) -> Vec<Forced> {
    let mut out = Vec::new();
    for (ai, act) in inst.activities.iter().enumerate() {
        let a = ActivityId::from_index(ai);
        let n = act.minutes.div_ceil(act.session_minutes);
        let here = meetings_forced_at(act, si);
        if here == 0 {
            continue;
        }
        let last = act.minutes - (n - 1) * act.session_minutes;
        let grid = inst.grid_of(a);
        let templates: Vec<&SlotTemplate> = grid.slots.iter().filter(|t| t.minutes() >= act.session_minutes).collect();
        let usable = usable_dates(inst, a, &templates, windows.get(ai).and_then(Option::as_ref), None);
        let cover = act.session_minutes.min(last);
        let slots: Vec<Slot> = templates
            .iter()
            .zip(usable)
            .filter(|(_, d)| !d.is_empty())
            .map(|(t, dates)| Slot {
                start: WeeklyTime { day: t.day.num_days_from_monday(), time: t.start },
                cover,
                dates,
            })
            .collect();
        if slots.is_empty() {
            continue; // no pattern at all: reported elsewhere
        }
        out.push(Forced { a, meetings: here, students: inst.activity_students(a), slots });
    }
    out
}

/// Counting check per site and weekly window: for every group of
/// activities that can only meet at a site (fixed site, or their half of
/// an alternation) in slots covering a few weekly time points, their
/// meetings against the rooms large enough × the dates those points
/// occur on. One shortfall per site, room size and group of activities.
pub fn window_shortfalls(inst: &Instance) -> Vec<Shortfall> {
    let windows = corequisite_windows(inst);
    let mut out = Vec::new();
    let mut seen: BTreeSet<(usize, u32, BTreeSet<ActivityId>)> = BTreeSet::new();
    for (si, site) in inst.sites.iter().enumerate() {
        let all = forced_at(inst, si, &windows);
        if all.is_empty() {
            continue;
        }
        let mut caps: Vec<u32> = site.rooms.iter().map(|r| inst.rooms[r.index()].capacity).collect();
        caps.sort_unstable();
        caps.dedup();
        for period in [Some(Period::Q1), Some(Period::Q2), None] {
            let acts: Vec<&Forced> = all.iter().filter(|f| within_period(inst, f.a, period.as_ref())).collect();
            // Candidate windows: the start points of each activity's slots,
            // and of all of them together.
            let mut candidates: Vec<BTreeSet<WeeklyTime>> =
                acts.iter().map(|f| f.slots.iter().map(|s| s.start).collect()).collect();
            candidates.push(acts.iter().flat_map(|f| f.slots.iter().map(|s| s.start)).collect());
            candidates.sort();
            candidates.dedup();
            let mut above = 0;
            for &c in &caps {
                let rooms = site.rooms.iter().filter(|r| inst.rooms[r.index()].capacity >= c).count() as u32;
                for pts in &candidates {
                    let counted: Vec<&&Forced> = acts
                        .iter()
                        .filter(|f| f.students > above)
                        .filter(|f| f.slots.iter().all(|s| pts.iter().any(|&p| s.covers(p))))
                        .collect();
                    if counted.is_empty() {
                        continue;
                    }
                    let needed: u32 = counted.iter().map(|f| f.meetings).sum();
                    // Dates on which each point can host a counted meeting.
                    let mut date_slots = 0u32;
                    for &p in pts {
                        let d: BTreeSet<NaiveDate> = counted
                            .iter()
                            .flat_map(|f| f.slots.iter().filter(|s| s.covers(p)).flat_map(|s| s.dates.iter().copied()))
                            .collect();
                        date_slots += d.len() as u32;
                    }
                    let available = rooms * date_slots;
                    if needed <= available {
                        continue;
                    }
                    let activities: BTreeSet<ActivityId> = counted.iter().map(|f| f.a).collect();
                    let alternating =
                        activities.iter().any(|a| matches!(inst.activities[a.index()].site, SiteRule::Alternate(..)));
                    if !seen.insert((si, c, activities.clone())) {
                        continue;
                    }
                    out.push(Shortfall::RoomWindow(RoomWindow {
                        site: SiteId::from_index(si),
                        period,
                        activities,
                        alternating,
                        slots: counted.iter().flat_map(|f| f.slots.iter().map(|s| s.start)).collect(),
                        rooms,
                        above,
                        needed,
                        available,
                        date_slots,
                        seats: counted.iter().map(|f| f.students).max().unwrap_or(0),
                    }));
                }
                above = c;
            }
        }
    }
    out
}
