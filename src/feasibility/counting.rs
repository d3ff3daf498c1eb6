//! Counting checks per leaf cohort, per teacher, per site and period, and
//! per pair of co-requisite UEs.

use super::capacity::{capped_capacity, grid_capacity, slot_capacity};
use super::dates::{period_of, within_ranges};
use super::windows::meetings_forced_at;
use super::{Shortfall, grid_id_of, meetings_of};
use crate::calendar;
use crate::model::{ActivityId, GridId, Instance, Period, SiteId, TeacherId, TimeGrid, UeId};
use std::collections::BTreeSet;

/// The distinct periods of some activities, first use first.
fn periods_of(inst: &Instance, acts: &[ActivityId]) -> Vec<Period> {
    let mut periods: Vec<Period> = Vec::new();
    for &a in acts {
        let p = period_of(inst, a);
        if !periods.contains(&p) {
            periods.push(p);
        }
    }
    periods
}

/// The activities among `acts` whose period lies inside `period`.
fn inside(inst: &Instance, acts: &[ActivityId], period: &Period) -> Vec<ActivityId> {
    let ranges = period.ranges(&inst.calendar);
    acts.iter().copied().filter(|&a| within_ranges(&period_of(inst, a).ranges(&inst.calendar), &ranges)).collect()
}

/// Counting checks per leaf cohort: for every period of its activities,
/// the meetings of those inside the period against the meetings its time
/// grid can hold (open dates × slots that do not overlap), then against
/// the days its programme's weekly cap on evenings leaves.
pub fn cohort_shortfalls(inst: &Instance) -> Vec<Shortfall> {
    let mut out = Vec::new();
    for leaf in inst.leaf_cohorts() {
        let attending: Vec<ActivityId> =
            (0..inst.activities.len()).map(ActivityId::from_index).filter(|&a| inst.attends(leaf, a)).collect();
        let Some(&first) = attending.first() else { continue };
        let grid = inst.grid_of(first);
        let grid_id = grid_id_of(inst, first);
        for period in periods_of(inst, &attending) {
            let needed: u32 = inside(inst, &attending, &period).into_iter().map(|a| meetings_of(inst, a)).sum();
            let open = grid_capacity(inst, grid, &period);
            if needed > open {
                out.push(Shortfall::CohortGrid { cohort: leaf, period, grid: grid_id, needed, open });
                continue;
            }
            // The programme's weekly cap on evenings (days with a meeting).
            let programme = inst.cohorts[leaf.index()].programme;
            let capped_by = programme.and_then(|p| inst.programmes[p.index()].max_evenings_per_week.map(|c| (p, c)));
            if let Some((programme, cap)) = capped_by {
                let capped = capped_capacity(calendar::slots(&inst.calendar, grid, &period), cap);
                if needed > capped {
                    let grid = grid_id;
                    out.push(Shortfall::CohortEvenings { cohort: leaf, period, programme, grid, cap, needed, capped });
                }
            }
        }
    }
    out
}

/// Counting checks per teacher: for every period, the meetings of the
/// teacher's activities against the slots (of the grids those activities
/// use) when the teacher is available, then against the days their
/// weekly cap leaves.
pub fn teacher_shortfalls(inst: &Instance) -> Vec<Shortfall> {
    let mut out = Vec::new();
    for (ti, teacher) in inst.teachers.iter().enumerate() {
        let acts: Vec<ActivityId> = (0..inst.activities.len())
            .map(ActivityId::from_index)
            .filter(|&a| inst.activities[a.index()].teachers.iter().any(|t| t.index() == ti))
            .collect();
        for period in periods_of(inst, &acts) {
            let within = inside(inst, &acts, &period);
            let needed: u32 = within.iter().map(|&a| meetings_of(inst, a)).sum();
            let mut grids: Vec<GridId> = Vec::new();
            let mut slots = Vec::new();
            for &a in &within {
                let grid = grid_id_of(inst, a);
                if grids.contains(&grid) {
                    continue;
                }
                grids.push(grid);
                slots.extend(
                    calendar::slots(&inst.calendar, inst.grid_of(a), &period)
                        .into_iter()
                        .filter(|s| teacher.available(s.date, s.start, s.end)),
                );
            }
            let teacher_id = TeacherId::from_index(ti);
            let available = slot_capacity(slots.iter().copied());
            if needed > available {
                out.push(Shortfall::TeacherAvailability { teacher: teacher_id, period, grids, needed, available });
            } else if let Some(cap) = teacher.max_days_per_week {
                let capped = capped_capacity(slots, cap);
                if needed > capped {
                    out.push(Shortfall::TeacherDays { teacher: teacher_id, period, grids, cap, needed, capped });
                }
            }
        }
    }
    out
}

/// Counting checks per site and period: the meetings that must take place
/// at a site (fixed-site activities, and half of an alternating one's)
/// needing a room of more than a given size, against the rooms that large
/// times the slots those rooms can hold in the period (open dates × slots
/// of the grids used there that do not overlap).
pub fn site_room_shortfalls(inst: &Instance) -> Vec<Shortfall> {
    let mut out = Vec::new();
    for period in [Period::Q1, Period::Q2] {
        let ranges = period.ranges(&inst.calendar);
        for (si, site) in inst.sites.iter().enumerate() {
            // (students, meetings) of what must happen here in the period.
            let mut need: Vec<(u32, u32)> = Vec::new();
            let mut grids: Vec<&TimeGrid> = Vec::new();
            for (ai, act) in inst.activities.iter().enumerate() {
                let a = ActivityId::from_index(ai);
                if !within_ranges(&period_of(inst, a).ranges(&inst.calendar), &ranges) {
                    continue;
                }
                let here = meetings_forced_at(act, si);
                if here == 0 {
                    continue;
                }
                need.push((inst.activity_students(a), here));
                let g = inst.grid_of(a);
                if !grids.iter().any(|h| h.id == g.id) {
                    grids.push(g);
                }
            }
            if need.is_empty() {
                continue;
            }
            let slots_per_room = slot_capacity(grids.iter().flat_map(|g| calendar::slots(&inst.calendar, g, &period)));
            let mut caps: Vec<u32> = site.rooms.iter().map(|r| inst.rooms[r.index()].capacity).collect();
            caps.sort_unstable();
            caps.dedup();
            let mut above = 0;
            for &c in &caps {
                let rooms = site.rooms.iter().filter(|r| inst.rooms[r.index()].capacity >= c).count() as u32;
                let needed: u32 = need.iter().filter(|(st, _)| *st > above).map(|(_, n)| n).sum();
                let available = rooms * slots_per_room;
                if needed > available {
                    out.push(Shortfall::SiteRooms {
                        site: SiteId::from_index(si),
                        period,
                        above,
                        rooms,
                        needed,
                        available,
                        slots_per_room,
                    });
                    break;
                }
                above = c;
            }
        }
    }
    out
}

/// Co-requisite UEs, both taught, whose periods share no week: the model
/// needs a week in which both have an activity running. One shortfall per
/// pair.
pub fn corequisite_shortfalls(inst: &Instance) -> Vec<Shortfall> {
    let origin = inst.calendar.year.from;
    let mut out = Vec::new();
    let mut done = BTreeSet::new();
    for (u, ue) in inst.ues.iter().enumerate() {
        let Some(v) = ue.corequisite else { continue };
        let other = &inst.ues[v.index()];
        if ue.activities.is_empty() || other.activities.is_empty() || !done.insert((u.min(v.index()), u.max(v.index())))
        {
            continue;
        }
        let weeks = |p: &Period| {
            let span = p.span(&inst.calendar);
            (calendar::week_index(origin, span.from), calendar::week_index(origin, span.to))
        };
        let (a, b) = (weeks(&ue.period), weeks(&other.period));
        if a.1 < b.0 || b.1 < a.0 {
            out.push(Shortfall::Corequisite { ue: UeId::from_index(u), corequisite: v });
        }
    }
    out
}
