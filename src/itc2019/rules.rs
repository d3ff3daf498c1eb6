//! The competition's definitions of the distribution constraints and of a
//! student conflict, on placed classes. The evaluator and the solver both
//! count through these functions, so that they cannot disagree on a rule.

use super::instance::{Distribution, Instance, Kind, RoomId, Time};

/// A placed class as the rules see it: its time and its room (if any).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Slot {
    /// The time.
    pub time: Time,
    /// The room, `None` for a class without room.
    pub room: Option<RoomId>,
}

/// Whether two classes that share an attendee (a student, or everyone of a
/// `SameAttendees` constraint) can attend both: they never meet on a
/// common day and week, or one ends early enough before the other starts
/// to travel between their rooms.
pub fn attendable(inst: &Instance, a: &Slot, b: &Slot) -> bool {
    !a.time.same_day(&b.time)
        || a.time.end() + inst.travel(a.room, b.room) <= b.time.start
        || b.time.end() + inst.travel(b.room, a.room) <= a.time.start
}

/// Whether the pair (`a` listed before `b`) satisfies a pairwise kind.
pub fn pair_ok(inst: &Instance, kind: Kind, a: &Slot, b: &Slot) -> bool {
    let (x, y) = (&a.time, &b.time);
    match kind {
        Kind::SameStart => x.start == y.start,
        Kind::SameTime => (x.start <= y.start && y.end() <= x.end()) || (y.start <= x.start && x.end() <= y.end()),
        Kind::DifferentTime => x.end() <= y.start || y.end() <= x.start,
        Kind::SameDays => {
            let u = x.days | y.days;
            u == x.days || u == y.days
        }
        Kind::DifferentDays => x.days & y.days == 0,
        Kind::SameWeeks => {
            let u = x.weeks | y.weeks;
            u == x.weeks || u == y.weeks
        }
        Kind::DifferentWeeks => x.weeks & y.weeks == 0,
        Kind::Overlap => x.overlaps(y),
        Kind::NotOverlap => !x.overlaps(y),
        Kind::SameRoom => a.room == b.room,
        Kind::DifferentRoom => a.room != b.room,
        Kind::SameAttendees => attendable(inst, a, b),
        Kind::Precedence => {
            let (wx, wy) = (x.weeks.trailing_zeros(), y.weeks.trailing_zeros());
            let (dx, dy) = (x.days.trailing_zeros(), y.days.trailing_zeros());
            wx < wy || (wx == wy && (dx < dy || (dx == dy && x.end() <= y.start)))
        }
        Kind::WorkDay(s) => !x.same_day(y) || x.end().max(y.end()) - x.start.min(y.start) <= s,
        Kind::MinGap(g) => !x.same_day(y) || x.end() + g <= y.start || y.end() + g <= x.start,
        Kind::MaxDays(_) | Kind::MaxDayLoad(_) | Kind::MaxBreaks(..) | Kind::MaxBlock(..) => true,
    }
}

/// The blocks of one day and week: the meetings sorted by start and merged
/// while the gap to the next is at most `s` slots. Each block is
/// (start, end, number of classes).
fn blocks(times: &[&Time], day: u32, week: u32, s: u32) -> Vec<(u32, u32, u32)> {
    let mut iv: Vec<(u32, u32)> = times
        .iter()
        .filter(|t| t.days >> day & 1 == 1 && t.weeks >> week & 1 == 1)
        .map(|t| (t.start, t.end()))
        .collect();
    iv.sort_unstable();
    let mut out: Vec<(u32, u32, u32)> = Vec::new();
    for (st, en) in iv {
        match out.last_mut() {
            Some(b) if b.1 + s >= st => {
                b.1 = b.1.max(en);
                b.2 += 1;
            }
            _ => out.push((st, en, 1)),
        }
    }
    out
}

/// The raw violation count of a constraint counted over all its classes:
/// days over D (MaxDays), slots over S summed over every day and week
/// (MaxDayLoad), breaks over R summed over every day and week (MaxBreaks),
/// blocks of two or more classes longer than M summed over every day and
/// week (MaxBlock). 0 for the pairwise kinds.
pub fn global_count(inst: &Instance, kind: Kind, times: &[&Time]) -> u64 {
    let dw = || (0..inst.nr_weeks).flat_map(|w| (0..inst.nr_days).map(move |d| (d, w)));
    match kind {
        Kind::MaxDays(d) => {
            let days = times.iter().fold(0u32, |acc, t| acc | t.days);
            (days.count_ones() as u64).saturating_sub(d as u64)
        }
        Kind::MaxDayLoad(s) => dw()
            .map(|(d, w)| {
                let load: u64 = times
                    .iter()
                    .filter(|t| t.days >> d & 1 == 1 && t.weeks >> w & 1 == 1)
                    .map(|t| t.length as u64)
                    .sum();
                load.saturating_sub(s as u64)
            })
            .sum(),
        Kind::MaxBreaks(r, s) => {
            dw().map(|(d, w)| (blocks(times, d, w, s).len() as u64).saturating_sub(r as u64 + 1)).sum()
        }
        Kind::MaxBlock(m, s) => {
            dw().map(|(d, w)| blocks(times, d, w, s).iter().filter(|b| b.2 >= 2 && b.1 - b.0 > m).count() as u64).sum()
        }
        _ => 0,
    }
}

/// The soft penalty of a constraint with `count` violations (pairs for the
/// pairwise kinds, the [`global_count`] otherwise): the penalty times the
/// count, divided by the number of weeks at the very end (rounded down)
/// for the kinds counted per day and week.
pub fn soft_penalty(inst: &Instance, d: &Distribution, count: u64) -> u64 {
    let p = d.penalty as u64 * count;
    match d.kind {
        Kind::MaxDayLoad(_) | Kind::MaxBreaks(..) | Kind::MaxBlock(..) => p / inst.nr_weeks as u64,
        _ => p,
    }
}

/// The violation count of a distribution on the given placed classes
/// (classes listed in the constraint's order; unplaced ones left out).
pub fn count(inst: &Instance, d: &Distribution, placed: &[Slot]) -> u64 {
    if d.kind.is_pairwise() {
        let mut n = 0;
        for i in 0..placed.len() {
            for j in i + 1..placed.len() {
                if !pair_ok(inst, d.kind, &placed[i], &placed[j]) {
                    n += 1;
                }
            }
        }
        n
    } else {
        let times: Vec<&Time> = placed.iter().map(|s| &s.time).collect();
        global_count(inst, d.kind, &times)
    }
}
