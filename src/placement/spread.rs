//! Spreading a number of minutes over candidate days, evenly over the
//! window and exactly: every week gets a share proportional to what it can
//! hold (cumulative rounding to quarter hours, so the shares add up), and
//! inside a week the days are filled in date order.

use super::days::CandidateDay;
use crate::model::time::{ClockTime, monday_of};
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// The planning unit (minutes): days and weeks get multiples of it, except
/// for a remainder below it when the hours left are not a multiple.
pub const UNIT: u32 = 15;

/// One planned placement day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlannedDay {
    /// The date.
    pub date: NaiveDate,
    /// Start time.
    pub start: ClockTime,
    /// Minutes worked (the day ends at `start + minutes`).
    pub minutes: u32,
}

impl PlannedDay {
    /// End time.
    pub fn end(&self) -> ClockTime {
        self.start.plus_minutes(self.minutes)
    }
}

/// The result of [`spread`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Spread {
    /// Planned days, by date.
    pub days: Vec<PlannedDay>,
    /// The most minutes the candidate days can hold under the caps.
    pub capacity: u32,
}

impl Spread {
    /// Minutes planned (the sum over days).
    pub fn planned(&self) -> u32 {
        self.days.iter().map(|d| d.minutes).sum()
    }
}

/// Plans `need` minutes on `days` (sorted by date, each at most its
/// `minutes`), at most `week_cap` minutes in any Monday-to-Sunday week,
/// counting `week_used` (minutes already worked in a week, keyed by its
/// Monday). When the days cannot hold `need`, every day is filled as far
/// as the caps allow and the plan holds [`Spread::capacity`] minutes.
pub fn spread(days: &[CandidateDay], week_cap: Option<u32>, week_used: &BTreeMap<NaiveDate, u32>, need: u32) -> Spread {
    // Group days by week; a week holds min(cap - used, sum of its days).
    let mut weeks: Vec<(NaiveDate, Vec<CandidateDay>, u32)> = Vec::new();
    for d in days {
        let monday = monday_of(d.date);
        match weeks.last_mut() {
            Some((m, list, _)) if *m == monday => list.push(*d),
            _ => weeks.push((monday, vec![*d], 0)),
        }
    }
    for (monday, list, cap) in &mut weeks {
        let sum: u32 = list.iter().map(|d| d.minutes).sum();
        let left = week_cap.map_or(u32::MAX, |c| {
            let used = week_used.get(monday).copied().unwrap_or(0);
            c.saturating_sub(used) / UNIT * UNIT
        });
        *cap = sum.min(left);
    }
    let capacity: u32 = weeks.iter().map(|w| w.2).sum();
    let mut share: Vec<u32> = weeks.iter().map(|w| w.2).collect();
    if need < capacity {
        // Cumulative rounding: week k gets r(need·S_k/C) − r(need·S_{k−1}/C)
        // where r rounds down to the unit; each share stays within its
        // week's capacity and the shares add up to the rounded need.
        let target = u64::from(need / UNIT * UNIT);
        let total = u64::from(capacity);
        let mut cum_cap = 0u64;
        let mut given = 0u64;
        for (k, w) in weeks.iter().enumerate() {
            cum_cap += u64::from(w.2);
            let upto = (target * cum_cap / total) / u64::from(UNIT) * u64::from(UNIT);
            // `upto` is monotone and at most `target`.
            share[k] = (upto - given) as u32;
            given = upto;
        }
        // The last week's cumulative bound is exact (cum_cap == total).
        let mut rest = need - given as u32;
        // A remainder below the unit goes to the first week with room.
        for (k, w) in weeks.iter().enumerate() {
            if rest == 0 {
                break;
            }
            let room = w.2 - share[k];
            let add = room.min(rest);
            share[k] += add;
            rest -= add;
        }
    }
    let mut out = Vec::new();
    for ((_, list, _), mut left) in weeks.iter().zip(share) {
        for d in list {
            if left == 0 {
                break;
            }
            let m = d.minutes.min(left);
            out.push(PlannedDay { date: d.date, start: d.start, minutes: m });
            left -= m;
        }
    }
    Spread { days: out, capacity }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn weekdays(from: &str, weeks: u32, per_day: u32) -> Vec<CandidateDay> {
        let start: NaiveDate = from.parse().expect("date");
        (0..weeks * 7)
            .map(|i| start + chrono::Duration::days(i64::from(i)))
            .filter(|d| chrono::Datelike::weekday(d).num_days_from_monday() < 5)
            .map(|date| CandidateDay { date, start: ClockTime(8 * 60), minutes: per_day })
            .collect()
    }

    #[test]
    fn exact_sum_and_even_weeks() {
        // 10 weeks of 5 days × 8 h, 16 h a week at most: 160 h capacity.
        let days = weekdays("2025-10-06", 10, 480);
        let s = spread(&days, Some(960), &BTreeMap::new(), 130 * 60);
        assert_eq!(s.capacity, 160 * 60);
        assert_eq!(s.planned(), 130 * 60);
        let mut per_week: BTreeMap<NaiveDate, u32> = BTreeMap::new();
        for d in &s.days {
            *per_week.entry(monday_of(d.date)).or_default() += d.minutes;
        }
        assert_eq!(per_week.len(), 10, "every week used");
        assert!(per_week.values().all(|&m| (765..=795).contains(&m)), "{per_week:?}");
    }

    #[test]
    fn odd_minutes_are_placed_exactly() {
        let days = weekdays("2025-10-06", 3, 480);
        let s = spread(&days, None, &BTreeMap::new(), 7 * 60 + 7);
        assert_eq!(s.planned(), 427);
        assert!(s.days.iter().all(|d| d.minutes <= 480));
    }

    #[test]
    fn short_capacity_fills_everything() {
        let days = weekdays("2025-10-06", 2, 240);
        let mut used = BTreeMap::new();
        let _ = used.insert(monday_of("2025-10-06".parse().expect("date")), 600);
        let s = spread(&days, Some(720), &used, 100 * 60);
        // Week 1: 720 − 600 = 120 left; week 2: 720.
        assert_eq!(s.capacity, 840);
        assert_eq!(s.planned(), 840);
    }
}
