//! Wall-clock times, weekdays and date ranges, as planners write them.

use chrono::{Datelike, NaiveDate, Weekday};
use std::fmt;

/// A local (Europe/Brussels) wall-clock time, in minutes after midnight.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ClockTime(pub u16);

impl ClockTime {
    /// Parses `HH:MM` (two digits each, 00:00 to 24:00).
    pub fn parse(s: &str) -> Option<Self> {
        let b = s.as_bytes();
        if b.len() != 5 || b[2] != b':' || !b.iter().enumerate().all(|(i, c)| i == 2 || c.is_ascii_digit()) {
            return None;
        }
        let h: u16 = s[..2].parse().ok()?;
        let m: u16 = s[3..].parse().ok()?;
        if m >= 60 || h > 24 || (h == 24 && m != 0) {
            return None;
        }
        Some(ClockTime(h * 60 + m))
    }

    /// Minutes after midnight.
    pub fn minutes(self) -> u32 {
        u32::from(self.0)
    }

    /// The time `minutes` later.
    pub fn plus_minutes(self, minutes: u32) -> ClockTime {
        ClockTime((u32::from(self.0) + minutes) as u16)
    }
}

impl fmt::Display for ClockTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.0 / 60, self.0 % 60)
    }
}

/// Parses a day as written in instance files: `mon` .. `sun`.
pub fn parse_weekday(s: &str) -> Option<Weekday> {
    Some(match s {
        "mon" => Weekday::Mon,
        "tue" => Weekday::Tue,
        "wed" => Weekday::Wed,
        "thu" => Weekday::Thu,
        "fri" => Weekday::Fri,
        "sat" => Weekday::Sat,
        "sun" => Weekday::Sun,
        _ => return None,
    })
}

/// The file spelling of a weekday (`mon` .. `sun`).
pub fn weekday_code(d: Weekday) -> &'static str {
    match d {
        Weekday::Mon => "mon",
        Weekday::Tue => "tue",
        Weekday::Wed => "wed",
        Weekday::Thu => "thu",
        Weekday::Fri => "fri",
        Weekday::Sat => "sat",
        Weekday::Sun => "sun",
    }
}

/// Parses an ISO date `YYYY-MM-DD` (a real calendar date).
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    if s.len() != 10 {
        return None;
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

/// A set of weekdays, one bit per day (Monday = bit 0).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub struct WeekdaySet(pub u8);

impl WeekdaySet {
    /// Every day of the week.
    pub const ALL: WeekdaySet = WeekdaySet(0x7f);

    /// Adds a day.
    pub fn insert(&mut self, d: Weekday) {
        self.0 |= 1 << d.num_days_from_monday();
    }

    /// Whether the set holds `d`.
    pub fn contains(self, d: Weekday) -> bool {
        self.0 & (1 << d.num_days_from_monday()) != 0
    }

    /// Whether the set holds no day.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }
}

impl FromIterator<Weekday> for WeekdaySet {
    fn from_iter<I: IntoIterator<Item = Weekday>>(iter: I) -> Self {
        let mut s = WeekdaySet::default();
        for d in iter {
            s.insert(d);
        }
        s
    }
}

/// An inclusive range of dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DateRange {
    /// First day.
    pub from: NaiveDate,
    /// Last day (inclusive).
    pub to: NaiveDate,
}

impl DateRange {
    /// Whether `d` lies in the range.
    pub fn contains(&self, d: NaiveDate) -> bool {
        self.from <= d && d <= self.to
    }

    /// Whether the two ranges share a day.
    pub fn intersects(&self, other: &DateRange) -> bool {
        self.from <= other.to && other.from <= self.to
    }

    /// Whether `other` lies entirely inside this range.
    pub fn covers(&self, other: &DateRange) -> bool {
        self.from <= other.from && other.to <= self.to
    }

    /// Every date of the range, in order.
    pub fn days(&self) -> impl Iterator<Item = NaiveDate> + use<> {
        let to = self.to;
        self.from.iter_days().take_while(move |d| *d <= to)
    }
}

/// The Monday of the week holding `d`.
pub fn monday_of(d: NaiveDate) -> NaiveDate {
    d - chrono::Duration::days(i64::from(d.weekday().num_days_from_monday()))
}

/// Formats a volume in minutes as hours, e.g. `2.5` or `30`.
pub fn hours_string(minutes: u32) -> String {
    let h = f64::from(minutes) / 60.0;
    format_hours(h)
}

/// Formats hours without trailing zeros (`30`, `2.5`, `1.25`).
pub fn format_hours(h: f64) -> String {
    let s = format!("{h:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    s.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clock_times_parse_and_print() {
        assert_eq!(ClockTime::parse("17:15"), Some(ClockTime(17 * 60 + 15)));
        assert_eq!(ClockTime::parse("24:00"), Some(ClockTime(1440)));
        for bad in ["7:15", "17:60", "25:00", "24:01", "17-15", "", "aa:bb", "+1:00"] {
            assert_eq!(ClockTime::parse(bad), None, "{bad}");
        }
        assert_eq!(ClockTime(18 * 60).to_string(), "18:00");
    }

    #[test]
    fn dates_must_be_real() {
        assert!(parse_date("2026-02-29").is_none());
        assert!(parse_date("2028-02-29").is_some());
        assert!(parse_date("2026-2-1").is_none());
    }

    #[test]
    fn hours_print_without_noise() {
        assert_eq!(hours_string(1800), "30");
        assert_eq!(hours_string(150), "2.5");
        assert_eq!(hours_string(75), "1.25");
    }
}
