//! Room assignment after the MIP, per site and date: every meeting gets a
//! room with enough seats, overlapping meetings get different rooms, and an
//! activity keeps its room where it can (room stability). The solver and
//! the repair both assign rooms here.
//!
//! The capacity rows of the model make an assignment exist. For each site
//! and date, the meetings choose in order (by start time, larger groups
//! first) from their rooms in order of preference:
//! - for a repair, the room the earlier timetable gave this very meeting
//!   (such meetings choose first), then the rooms the activity used there,
//!   most used first;
//! - for a solve, the room the activity got on its first day at the site;
//! - then every room of the site by capacity, the smallest first.
//!
//! A meeting with a pinned room (see [`crate::model::pins`]) chooses
//! first and is offered that room only. Rooms too small for the
//! activity's students, and rooms closed that day, are never offered. A first-fit pass finds the assignment in
//! practice; a depth-first search backs it up, on the same preferences
//! except this solve's first-day room.

use super::patterns::Meeting;
use crate::model::changes::RoomClosure;
use crate::model::{ActivityId, Instance, RoomId, SiteId};
use chrono::NaiveDate;
use std::cmp::Reverse;
use std::collections::{BTreeMap, BTreeSet};

/// Nodes the depth-first search may visit for one site and date.
const SEARCH_BUDGET: u32 = 1_000_000;

/// The rooms of an earlier timetable, which a repair keeps where it can.
#[derive(Debug, Clone, Default)]
pub struct EarlierRooms {
    /// The room of each meeting of the earlier timetable (the last one
    /// when the same meeting appears twice).
    exact: BTreeMap<(ActivityId, Meeting), RoomId>,
    /// How many meetings of an activity at a site each room held.
    usual: BTreeMap<(ActivityId, SiteId), BTreeMap<RoomId, u32>>,
}

impl EarlierRooms {
    /// The rooms of `meetings` (activity, meeting, room), in file order.
    pub fn new(meetings: impl IntoIterator<Item = (ActivityId, Meeting, RoomId)>) -> EarlierRooms {
        let mut out = EarlierRooms::default();
        for (a, m, room) in meetings {
            let _ = out.exact.insert((a, m), room);
            *out.usual.entry((a, m.site)).or_default().entry(room).or_default() += 1;
        }
        out
    }

    /// The rooms the earlier timetable suggests for `(a, m)`, best first
    /// (may repeat a room).
    fn preferred(&self, a: ActivityId, m: &Meeting) -> Vec<RoomId> {
        let mut list: Vec<RoomId> = self.exact.get(&(a, *m)).copied().into_iter().collect();
        if let Some(u) = self.usual.get(&(a, m.site)) {
            let mut v: Vec<(u32, RoomId)> = u.iter().map(|(r, c)| (*c, *r)).collect();
            v.sort_by_key(|&(c, r)| (Reverse(c), r));
            list.extend(v.into_iter().map(|(_, r)| r));
        }
        list
    }
}

/// What an assignment respects besides seats and overlaps.
#[derive(Debug, Clone, Copy, Default)]
pub struct RoomRules<'a> {
    /// The earlier timetable's rooms (a repair); without one, an activity
    /// keeps the room of its first day at a site where it can.
    pub earlier: Option<&'a EarlierRooms>,
    /// Rooms that cannot be used on some dates.
    pub closed: &'a [RoomClosure],
}

/// No assignment exists at this site on this date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NoRooms {
    /// The site.
    pub site: SiteId,
    /// The date.
    pub date: NaiveDate,
}

/// Assigns a room to each `(activity, meeting)` of a solve; `None` when no
/// assignment exists for some site and date (the model's room rows
/// prevent this).
pub fn assign(inst: &Instance, meetings: &[(ActivityId, Meeting)]) -> Option<Vec<RoomId>> {
    assign_with(inst, meetings, RoomRules::default()).ok()
}

/// Assigns a room to each `(activity, meeting)` under `rules`; the first
/// site and date (in date order per site) without an assignment is the
/// error.
pub fn assign_with(
    inst: &Instance,
    meetings: &[(ActivityId, Meeting)],
    rules: RoomRules<'_>,
) -> Result<Vec<RoomId>, NoRooms> {
    let mut out: Vec<RoomId> = vec![RoomId(0); meetings.len()];
    let mut groups: BTreeMap<(SiteId, NaiveDate), Vec<usize>> = BTreeMap::new();
    for (i, (_, m)) in meetings.iter().enumerate() {
        groups.entry((m.site, m.date)).or_default().push(i);
    }
    let mut first_day: BTreeMap<(ActivityId, SiteId), RoomId> = BTreeMap::new();
    for ((site, date), mut idx) in groups {
        let had = |a: ActivityId, m: &Meeting| rules.earlier.is_some_and(|e| e.exact.contains_key(&(a, *m)));
        idx.sort_by_key(|&i| {
            let (a, m) = meetings[i];
            (pinned_room(inst, a, &m).is_none(), !had(a, &m), m.start, Reverse(inst.activity_students(a)), a)
        });
        let mut by_cap: Vec<RoomId> = inst.sites[site.index()].rooms.clone();
        by_cap.sort_by_key(|r| (inst.rooms[r.index()].capacity, r.0));
        let usable = |a: ActivityId, r: RoomId| {
            inst.rooms[r.index()].capacity >= inst.activity_students(a)
                && !rules.closed.iter().any(|c| c.room == r && c.range.contains(date))
        };
        let offer = |a: ActivityId, m: &Meeting, first: Vec<RoomId>| -> Vec<RoomId> {
            if let Some(r) = pinned_room(inst, a, m) {
                return vec![r].into_iter().filter(|&r| usable(a, r)).collect();
            }
            let mut seen = BTreeSet::new();
            first.into_iter().chain(by_cap.iter().copied()).filter(|&r| seen.insert(r) && usable(a, r)).collect()
        };
        let ms: Vec<Meeting> = idx.iter().map(|&i| meetings[i].1).collect();
        let prefs: Vec<Vec<RoomId>> = idx
            .iter()
            .map(|&i| {
                let (a, m) = meetings[i];
                offer(a, &m, rules.earlier.map(|e| e.preferred(a, &m)).unwrap_or_default())
            })
            .collect();
        let chosen = match rules.earlier {
            Some(_) => first_fit(&ms, &prefs),
            None => {
                let with_first_day: Vec<Vec<RoomId>> = idx
                    .iter()
                    .map(|&i| {
                        let (a, m) = meetings[i];
                        offer(a, &m, first_day.get(&(a, m.site)).copied().into_iter().collect())
                    })
                    .collect();
                first_fit(&ms, &with_first_day)
            }
        }
        .or_else(|| search(&ms, &prefs))
        .ok_or(NoRooms { site, date })?;
        for (k, &i) in idx.iter().enumerate() {
            out[i] = chosen[k];
            let _ = first_day.entry((meetings[i].0, site)).or_insert(chosen[k]);
        }
    }
    Ok(out)
}

/// The room a pin of activity `a` asks for meeting `m`, if any.
fn pinned_room(inst: &Instance, a: ActivityId, m: &Meeting) -> Option<RoomId> {
    crate::model::pins::pin_of(inst.pins_of(a), m.date, m.start, m.site).and_then(|p| p.room())
}

/// Whether room `r` is free for meeting `k` given the rooms `pick` of the
/// meetings before it.
fn free(ms: &[Meeting], pick: &[RoomId], k: usize, r: RoomId) -> bool {
    pick.iter().zip(ms).all(|(&rj, mj)| rj != r || !(mj.start < ms[k].end && ms[k].start < mj.end))
}

/// Each meeting in turn takes its first free room.
fn first_fit(ms: &[Meeting], prefs: &[Vec<RoomId>]) -> Option<Vec<RoomId>> {
    let mut pick = Vec::with_capacity(ms.len());
    for (k, list) in prefs.iter().enumerate() {
        let r = list.iter().copied().find(|&r| free(ms, &pick, k, r))?;
        pick.push(r);
    }
    Some(pick)
}

/// Depth-first choice in preference order within [`SEARCH_BUDGET`] nodes:
/// the first answer is the first-fit one whenever that one works.
fn search(ms: &[Meeting], prefs: &[Vec<RoomId>]) -> Option<Vec<RoomId>> {
    fn go(ms: &[Meeting], prefs: &[Vec<RoomId>], pick: &mut Vec<RoomId>, budget: &mut u32) -> bool {
        let k = pick.len();
        if k == ms.len() {
            return true;
        }
        if *budget == 0 {
            return false;
        }
        *budget -= 1;
        for &r in &prefs[k] {
            if free(ms, pick, k, r) {
                pick.push(r);
                if go(ms, prefs, pick, budget) {
                    return true;
                }
                let _ = pick.pop();
            }
        }
        false
    }
    let mut pick = Vec::with_capacity(ms.len());
    let mut budget = SEARCH_BUDGET;
    go(ms, prefs, &mut pick, &mut budget).then_some(pick)
}
