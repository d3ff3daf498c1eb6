//! Pins that cannot hold together: two pinned activities every one of
//! whose ways of meeting (their patterns once pins are kept) collides with
//! every one of the other's, on a shared cohort, a shared teacher or one
//! pinned room. Such a pair proves the instance infeasible: both must meet,
//! and any two ways they may meet overlap.

use crate::model::pins::{Pin, pin_of};
use crate::model::{ActivityId, CohortId, Instance, RoomId, TeacherId};
use crate::timetable::patterns::{Meeting, PatternSet};

/// What two colliding pins share.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shared {
    /// A cohort (the smaller group when one contains the other).
    Cohort(CohortId),
    /// A teacher.
    Teacher(TeacherId),
    /// The pinned room.
    Room(RoomId),
}

/// Two pins that collide.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PinConflict {
    /// The first activity and the pin of the meeting that collides.
    pub first: (ActivityId, Pin),
    /// The second activity and its pin.
    pub second: (ActivityId, Pin),
    /// What they share.
    pub shared: Shared,
}

/// Every pair of pinned activities whose pins collide, in activity order.
pub fn pin_conflicts(inst: &Instance, set: &PatternSet) -> Vec<PinConflict> {
    let pinned: Vec<ActivityId> = (0..inst.activities.len())
        .map(ActivityId::from_index)
        .filter(|&a| !inst.pins_of(a).is_empty() && !set.by_activity[a.index()].is_empty())
        .collect();
    let mut out = Vec::new();
    for (i, &a) in pinned.iter().enumerate() {
        for &b in &pinned[i + 1..] {
            if let Some(c) = always_collide(inst, set, a, b) {
                out.push(c);
            }
        }
    }
    out
}

/// The collision of `a` and `b` when every pattern of one collides with
/// every pattern of the other (the first collision found is named).
fn always_collide(inst: &Instance, set: &PatternSet, a: ActivityId, b: ActivityId) -> Option<PinConflict> {
    let mut named = None;
    for p in set.by_activity[a.index()].clone() {
        for q in set.by_activity[b.index()].clone() {
            let hit = collision(inst, a, &set.patterns[p].meetings, b, &set.patterns[q].meetings)?;
            named.get_or_insert(hit);
        }
    }
    named
}

/// The first collision between meetings `ma` of `a` and `mb` of `b`.
fn collision(inst: &Instance, a: ActivityId, ma: &[Meeting], b: ActivityId, mb: &[Meeting]) -> Option<PinConflict> {
    let (x, y) = (&inst.activities[a.index()], &inst.activities[b.index()]);
    let cohort = x.cohorts.iter().flat_map(|&c| y.cohorts.iter().map(move |&d| (c, d))).find_map(|(c, d)| {
        if c == d || inst.is_ancestor(d, c) {
            Some(c)
        } else if inst.is_ancestor(c, d) {
            Some(d)
        } else {
            None
        }
    });
    let teacher = x.teachers.iter().copied().find(|t| y.teachers.contains(t));
    let room = |act: ActivityId, m: &Meeting| pin_of(inst.pins_of(act), m.date, m.start, m.site).and_then(Pin::room);
    for m in ma {
        for n in mb.iter().filter(|n| n.date == m.date && n.start < m.end && m.start < n.end) {
            let shared = match (cohort, teacher) {
                (Some(c), _) => Some(Shared::Cohort(c)),
                (None, Some(t)) => Some(Shared::Teacher(t)),
                _ => room(a, m).filter(|r| room(b, n) == Some(*r)).map(Shared::Room),
            };
            if let Some(shared) = shared {
                let pin = |act: ActivityId, m: &Meeting| pin_of(inst.pins_of(act), m.date, m.start, m.site).copied();
                if let (Some(p), Some(q)) = (pin(a, m), pin(b, n)) {
                    return Some(PinConflict { first: (a, p), second: (b, q), shared });
                }
            }
        }
    }
    None
}
