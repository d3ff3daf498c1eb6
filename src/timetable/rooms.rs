//! Room assignment after the MIP, per site and date: every meeting gets a
//! room with enough seats, overlapping meetings get different rooms, and an
//! activity keeps the same room all year where it can (room stability).
//!
//! The capacity rows of the model make an assignment exist; a greedy pass
//! (by start time, the activity's usual room first, else the smallest room
//! that fits) finds it in practice, and an exhaustive search backs it up.

use super::patterns::Meeting;
use crate::model::{ActivityId, Instance, RoomId, SiteId};
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// Assigns a room to each `(activity, meeting)`; `None` when no assignment
/// exists for some site and date (the model's room rows prevent this).
pub fn assign(inst: &Instance, meetings: &[(ActivityId, Meeting)]) -> Option<Vec<RoomId>> {
    let mut out: Vec<Option<RoomId>> = vec![None; meetings.len()];
    let mut groups: BTreeMap<(SiteId, NaiveDate), Vec<usize>> = BTreeMap::new();
    for (i, (_, m)) in meetings.iter().enumerate() {
        groups.entry((m.site, m.date)).or_default().push(i);
    }
    let mut usual: BTreeMap<(ActivityId, SiteId), RoomId> = BTreeMap::new();
    for ((site, _), mut idx) in groups {
        idx.sort_by_key(|&i| {
            (meetings[i].1.start, std::cmp::Reverse(inst.activity_students(meetings[i].0)), meetings[i].0)
        });
        let mut rooms: Vec<RoomId> = inst.sites[site.index()].rooms.clone();
        rooms.sort_by_key(|r| (inst.rooms[r.index()].capacity, r.0));
        let chosen =
            greedy(inst, meetings, &idx, &rooms, &usual).or_else(|| exhaustive(inst, meetings, &idx, &rooms))?;
        for (k, &i) in idx.iter().enumerate() {
            out[i] = Some(chosen[k]);
            let _ = usual.entry((meetings[i].0, site)).or_insert(chosen[k]);
        }
    }
    out.into_iter().collect()
}

fn fits(inst: &Instance, a: ActivityId, r: RoomId) -> bool {
    inst.rooms[r.index()].capacity >= inst.activity_students(a)
}

fn clash(x: &Meeting, y: &Meeting) -> bool {
    x.start < y.end && y.start < x.end
}

fn greedy(
    inst: &Instance,
    meetings: &[(ActivityId, Meeting)],
    idx: &[usize],
    rooms: &[RoomId],
    usual: &BTreeMap<(ActivityId, SiteId), RoomId>,
) -> Option<Vec<RoomId>> {
    let mut chosen: Vec<RoomId> = Vec::with_capacity(idx.len());
    for (k, &i) in idx.iter().enumerate() {
        let (a, m) = meetings[i];
        let free = |r: RoomId| idx[..k].iter().zip(&chosen).all(|(&j, &rj)| rj != r || !clash(&meetings[j].1, &m));
        let pick = usual
            .get(&(a, m.site))
            .copied()
            .filter(|&r| free(r) && fits(inst, a, r))
            .or_else(|| rooms.iter().copied().find(|&r| free(r) && fits(inst, a, r)))?;
        chosen.push(pick);
    }
    Some(chosen)
}

fn exhaustive(
    inst: &Instance,
    meetings: &[(ActivityId, Meeting)],
    idx: &[usize],
    rooms: &[RoomId],
) -> Option<Vec<RoomId>> {
    fn go(
        k: usize,
        inst: &Instance,
        meetings: &[(ActivityId, Meeting)],
        idx: &[usize],
        rooms: &[RoomId],
        chosen: &mut Vec<RoomId>,
        budget: &mut u32,
    ) -> bool {
        if k == idx.len() {
            return true;
        }
        if *budget == 0 {
            return false;
        }
        *budget -= 1;
        let (a, m) = meetings[idx[k]];
        for &r in rooms {
            let free = idx[..k].iter().zip(chosen.iter()).all(|(&j, &rj)| rj != r || !clash(&meetings[j].1, &m));
            if free && fits(inst, a, r) {
                chosen.push(r);
                if go(k + 1, inst, meetings, idx, rooms, chosen, budget) {
                    return true;
                }
                let _ = chosen.pop();
            }
        }
        false
    }
    let mut chosen = Vec::new();
    let mut budget = 1_000_000;
    go(0, inst, meetings, idx, rooms, &mut chosen, &mut budget).then_some(chosen)
}
