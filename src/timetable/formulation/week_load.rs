//! The weekly model's rows (see [`crate::timetable::weekly`]): instead of
//! the rows by day, each person's meetings in a week take at most the
//! minutes its days can hold that week, counted from every candidate
//! meeting so that the rows hold for every timetable.

use super::rows::{Builder, Occ, Person, RowInfo, max_days, persons_of};
use crate::model::ActivityId;
use crate::model::Instance;
use crate::model::time::ClockTime;
use crate::timetable::patterns::{Meeting, PatternSet};
use chrono::NaiveDate;
use good_lp::{Expression, Variable};
use std::collections::BTreeMap;

/// Per person and week (its Monday), the minutes its meetings can take,
/// of each kind in [`WEEK_KINDS`].
pub type WeekRoom = BTreeMap<(Person, NaiveDate), [f64; 4]>;

/// The kinds of meetings the weekly model bounds the minutes of, as
/// (weekdays only, none late): all, those not late, those on weekdays,
/// those on weekdays not late. Saturday and late meetings cost, so a
/// week's room for the others is what keeps the weekly model from moving
/// every meeting out of them.
const WEEK_KINDS: [(bool, bool); 4] = [(false, false), (false, true), (true, false), (true, true)];

/// Whether meeting `m` is of kind `(weekdays, early)`.
fn of_kind(m: &Meeting, (weekdays, early): (bool, bool), late_after: ClockTime) -> bool {
    !(weekdays && m.on_saturday() || early && m.is_late(late_after))
}

/// What each person's days can hold in each week, from every candidate
/// meeting of `set` (all patterns, so that it bounds every timetable): a
/// day holds at most the longest set of its candidate meetings that do
/// not overlap, and a week its `max_days` days that hold the most (every
/// day without a limit).
pub fn week_room(inst: &Instance, set: &PatternSet, late_after: ClockTime) -> WeekRoom {
    let mut room = WeekRoom::new();
    for (who, occs) in persons_of(inst, set) {
        let mut weeks: BTreeMap<NaiveDate, Vec<[f64; 4]>> = BTreeMap::new();
        for day in occs.chunk_by(|a, b| a.date == b.date) {
            let mut held = [0.0; 4];
            for (k, &kind) in WEEK_KINDS.iter().enumerate() {
                held[k] =
                    f64::from(longest_apart(day.iter().filter(|o| of_kind(&o.m, kind, late_after)).map(|o| &o.m)));
            }
            weeks.entry(crate::model::time::monday_of(day[0].date)).or_default().push(held);
        }
        let cap = max_days(inst, who).map_or(usize::MAX, |c| c as usize);
        for (monday, days) in weeks {
            let mut held = [0.0; 4];
            for (k, h) in held.iter_mut().enumerate() {
                let mut each: Vec<f64> = days.iter().map(|d| d[k]).collect();
                each.sort_unstable_by(|a, b| b.total_cmp(a));
                *h = each.iter().take(cap).sum();
            }
            room.insert((who, monday), held);
        }
    }
    room
}

/// The most minutes a set of `meetings` of one day that do not overlap
/// can last.
fn longest_apart<'a>(meetings: impl Iterator<Item = &'a Meeting>) -> u32 {
    let mut spans: Vec<(u32, u32)> = meetings.map(|m| (m.start.minutes(), m.end.minutes())).collect();
    // By their ends: the best of the first i spans, with or without span i.
    spans.sort_unstable_by_key(|&(s, e)| (e, s));
    spans.dedup();
    let mut best: Vec<u32> = Vec::with_capacity(spans.len());
    for (i, &(s, e)) in spans.iter().enumerate() {
        let before = spans[..i].iter().rposition(|&(_, end)| end <= s).map_or(0, |j| best[j]);
        let without = i.checked_sub(1).map_or(0, |j| best[j]);
        best.push((before + (e - s)).max(without));
    }
    best.last().copied().unwrap_or(0)
}

/// For the weekly model: per person and week, the minutes of the person's
/// meetings are at most what its days can hold that week (see
/// [`week_room`]).
pub(super) fn week_load_rows(
    b: &mut Builder,
    x: &[Variable],
    persons: &BTreeMap<Person, Vec<Occ>>,
    room: &WeekRoom,
    late_after: ClockTime,
) {
    for (&who, occs) in persons {
        person_week_rows(b, x, who, occs, room, late_after);
    }
}

/// The rows of [`week_load_rows`] for one person.
fn person_week_rows(
    b: &mut Builder,
    x: &[Variable],
    who: Person,
    occs: &[Occ],
    room: &WeekRoom,
    late_after: ClockTime,
) {
    let mut by_week: BTreeMap<NaiveDate, Vec<&Occ>> = BTreeMap::new();
    for o in occs {
        by_week.entry(crate::model::time::monday_of(o.date)).or_default().push(o);
    }
    for (monday, week) in by_week {
        let Some(held) = room.get(&(who, monday)) else { continue };
        for (k, &kind) in WEEK_KINDS.iter().enumerate() {
            let mut minutes: BTreeMap<usize, (ActivityId, f64)> = BTreeMap::new();
            for o in week.iter().filter(|o| of_kind(&o.m, kind, late_after)) {
                minutes.entry(o.p).or_insert((o.a, 0.0)).1 += f64::from(o.m.minutes());
            }
            let mut most: BTreeMap<ActivityId, f64> = BTreeMap::new();
            for &(a, m) in minutes.values() {
                let e = most.entry(a).or_default();
                *e = e.max(m);
            }
            if most.values().sum::<f64>() <= held[k] {
                continue;
            }
            let mut e = Expression::with_capacity(minutes.len());
            for (&p, &(_, m)) in &minutes {
                e.add_mul(m, x[p]);
            }
            b.push_le(e, held[k], RowInfo::WeekLoad(who, monday));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SiteId;

    #[test]
    fn a_day_holds_the_longest_of_its_meetings_that_do_not_overlap() {
        let date = NaiveDate::from_ymd_opt(2025, 10, 6).expect("a Monday");
        let clock = |t: &str| ClockTime::parse(t).expect("a time");
        let m = |s: &str, e: &str| Meeting { date, start: clock(s), end: clock(e), site: SiteId::from_index(0) };
        let ms = [m("17:15", "20:30"), m("18:00", "21:30"), m("20:30", "21:30"), m("18:00", "19:00")];
        // 17:15-20:30 then 20:30-21:30 (255 min) beat 18:00-21:30 alone
        // (210 min) and 18:00-19:00 then 20:30-21:30 (120 min).
        assert_eq!(longest_apart(ms.iter()), 255);
        assert_eq!(longest_apart(ms[1..2].iter()), 210);
        assert_eq!(longest_apart([m("18:00", "19:00"), m("18:30", "19:30"), m("19:00", "20:00")].iter()), 120);
        assert_eq!(longest_apart(std::iter::empty()), 0);
    }
}
