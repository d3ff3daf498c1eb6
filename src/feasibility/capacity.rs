//! How many meetings a set of calendar slots can hold.

use crate::calendar::{self, CalendarSlot};
use crate::model::{Instance, Period, TimeGrid};
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// How many meetings a grid can hold in a period.
pub fn grid_capacity(inst: &Instance, grid: &TimeGrid, period: &Period) -> u32 {
    slot_capacity(calendar::slots(&inst.calendar, grid, period))
}

/// How many meetings a set of calendar slots can hold: per date, the most
/// slots that do not overlap each other (earliest end first).
pub fn slot_capacity(slots: impl IntoIterator<Item = CalendarSlot>) -> u32 {
    let mut by_date: BTreeMap<_, Vec<_>> = BTreeMap::new();
    for s in slots {
        by_date.entry(s.date).or_default().push((s.end, s.start));
    }
    by_date
        .values_mut()
        .map(|v| {
            v.sort();
            v.dedup();
            let mut count = 0;
            let mut free_from = None;
            for &(end, start) in v.iter() {
                if free_from.is_none_or(|f| start >= f) {
                    count += 1;
                    free_from = Some(end);
                }
            }
            count
        })
        .sum()
}

/// How many meetings a set of calendar slots can hold when at most `cap`
/// days a week may be used: per week (Monday to Sunday), the `cap` days
/// holding the most slots that do not overlap.
pub fn capped_capacity(slots: impl IntoIterator<Item = CalendarSlot>, cap: u32) -> u32 {
    let mut by_date: BTreeMap<NaiveDate, Vec<CalendarSlot>> = BTreeMap::new();
    for s in slots {
        by_date.entry(s.date).or_default().push(s);
    }
    let mut weeks: BTreeMap<NaiveDate, Vec<u32>> = BTreeMap::new();
    for (date, day) in by_date {
        weeks.entry(crate::model::time::monday_of(date)).or_default().push(slot_capacity(day));
    }
    weeks
        .into_values()
        .map(|mut days| {
            days.sort_unstable_by(|a, b| b.cmp(a));
            days.iter().take(cap as usize).sum::<u32>()
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The tiny instance's evening and Saturday grid in Q1: 38 slot-dates
    /// that do not overlap, over 14 weeks with an open day.
    #[test]
    fn the_tiny_grid_holds_38_meetings_in_q1_and_14_on_one_day_a_week() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tiny.json");
        let inst = crate::model::read_instance(&path).expect("tiny");
        let grid = &inst.grids[0];
        assert_eq!(grid_capacity(&inst, grid, &Period::Q1), 38);
        let slots = calendar::slots(&inst.calendar, grid, &Period::Q1);
        assert_eq!(capped_capacity(slots.iter().copied(), 1), 14);
        assert_eq!(capped_capacity(slots, 7), 38);
        assert!(super::super::shortfalls(&inst).is_empty());
    }

    #[test]
    fn overlapping_slots_of_one_date_count_once_per_meeting_that_fits() {
        use crate::model::time::ClockTime;
        let date: NaiveDate = "2025-09-16".parse().expect("date");
        let slot = |start: u16, end: u16| CalendarSlot { date, start: ClockTime(start), end: ClockTime(end) };
        // 17:00–20:00 and 18:00–21:00 overlap; 20:00–22:00 follows the first.
        assert_eq!(slot_capacity([slot(1020, 1200), slot(1080, 1260), slot(1200, 1320)]), 2);
        assert_eq!(slot_capacity([slot(1020, 1200), slot(1020, 1200)]), 1);
    }
}
