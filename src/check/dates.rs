//! The checker's own calendar arithmetic, written directly from the
//! instance's dates (it deliberately does not call `crate::calendar`).

use crate::model::time::DateRange;
use crate::model::{AcademicYear, Period, TimeGrid};
use chrono::{Datelike, Duration, NaiveDate, Weekday};

/// The Monday starting the Monday–Sunday week that holds `d`.
pub(super) fn week_monday(d: NaiveDate) -> NaiveDate {
    let back = match d.weekday() {
        Weekday::Mon => 0,
        Weekday::Tue => 1,
        Weekday::Wed => 2,
        Weekday::Thu => 3,
        Weekday::Fri => 4,
        Weekday::Sat => 5,
        Weekday::Sun => 6,
    };
    d - Duration::days(back)
}

/// The date ranges a period covers, with a label for messages.
fn period_ranges(year: &AcademicYear, period: &Period) -> Vec<(NaiveDate, NaiveDate)> {
    match period {
        Period::Q1 => vec![(year.q1.from, year.q1.to)],
        Period::Q2 => vec![(year.q2.from, year.q2.to)],
        Period::Annual => vec![(year.q1.from, year.q1.to), (year.q2.from, year.q2.to)],
        Period::Dates(DateRange { from, to }) => vec![(*from, *to)],
    }
}

/// Why no activity of `period` may meet on `date`, or `None` when the date
/// is open: outside the period, outside the academic year, in a closure or
/// in an exam period.
pub(super) fn closed_because(year: &AcademicYear, period: &Period, date: NaiveDate) -> Option<String> {
    let ranges = period_ranges(year, period);
    if !ranges.iter().any(|&(from, to)| from <= date && date <= to) {
        let spans: Vec<String> = ranges.iter().map(|(f, t)| format!("{f} to {t}")).collect();
        return Some(format!("it is outside the period {} ({})", period_label(period), spans.join(" and ")));
    }
    if date < year.year.from || date > year.year.to {
        return Some(format!("it is outside the academic year ({} to {})", year.year.from, year.year.to));
    }
    for c in &year.closures {
        if c.range.from <= date && date <= c.range.to {
            return Some(format!(
                "the calendar closes {} to {} ({})",
                c.range.from,
                c.range.to,
                label(&c.label, "closure")
            ));
        }
    }
    for e in &year.exam_periods {
        if e.range.from <= date && date <= e.range.to {
            return Some(format!(
                "it falls in an exam period, {} to {} ({})",
                e.range.from,
                e.range.to,
                label(&e.label, "exams")
            ));
        }
    }
    None
}

fn label<'a>(l: &'a str, default: &'a str) -> &'a str {
    if l.is_empty() { default } else { l }
}

/// `Q1`, `Q2`, `annual` or `from..to`.
pub(super) fn period_label(period: &Period) -> String {
    match period {
        Period::Q1 => "Q1".to_string(),
        Period::Q2 => "Q2".to_string(),
        Period::Annual => "annual".to_string(),
        Period::Dates(r) => format!("{}..{}", r.from, r.to),
    }
}

/// The `(start, end)` spans in minutes of the grid's templates on the
/// weekday of `date`.
pub(super) fn grid_spans(grid: &TimeGrid, date: NaiveDate) -> Vec<(u32, u32)> {
    let day = date.weekday();
    grid.slots.iter().filter(|t| t.day == day).map(|t| (t.start.minutes(), t.end.minutes())).collect()
}

/// English weekday name in the plural (`Tuesdays`).
pub(super) fn weekday_plural(d: NaiveDate) -> &'static str {
    match d.weekday() {
        Weekday::Mon => "Mondays",
        Weekday::Tue => "Tuesdays",
        Weekday::Wed => "Wednesdays",
        Weekday::Thu => "Thursdays",
        Weekday::Fri => "Fridays",
        Weekday::Sat => "Saturdays",
        Weekday::Sun => "Sundays",
    }
}

/// `HH:MM` from minutes after midnight.
pub(super) fn hhmm(minutes: u32) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

/// Hours from minutes, without trailing zeros (`3`, `1.5`, `0.25`).
pub(super) fn hours(minutes: u32) -> String {
    let whole = minutes / 60;
    let rest = minutes % 60;
    if rest == 0 {
        return whole.to_string();
    }
    let frac = format!("{:.2}", f64::from(rest) / 60.0);
    let frac = frac.trim_start_matches('0').trim_end_matches('0');
    format!("{whole}{frac}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn weeks_run_monday_to_sunday() {
        // 2025-09-21 is a Sunday, 2025-09-22 the next Monday.
        assert_eq!(week_monday(d("2025-09-21")), d("2025-09-15"));
        assert_eq!(week_monday(d("2025-09-22")), d("2025-09-22"));
        assert_eq!(week_monday(d("2025-09-15")), d("2025-09-15"));
        // Across a month and a year end.
        assert_eq!(week_monday(d("2026-01-01")), d("2025-12-29"));
        assert_eq!(week_monday(d("2025-10-04")), d("2025-09-29"));
    }

    #[test]
    fn hours_are_printed_plainly() {
        assert_eq!(hours(180), "3");
        assert_eq!(hours(90), "1.5");
        assert_eq!(hours(15), "0.25");
        assert_eq!(hours(405), "6.75");
        assert_eq!(hhmm(17 * 60 + 5), "17:05");
    }
}
