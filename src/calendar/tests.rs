//! The calendar on the real 2025-2026 dates of the French Community of
//! Belgium (public holidays from `shared/facts/calendar.md`; the
//! institutional choices are named in the calendar's `name`).

use super::*;
use crate::model::file::CalendarFile;
use crate::model::validate::validate_calendar;
use chrono::Weekday;
use std::path::Path;

const FWB_2025_2026: &str = r#"{
  "format": "horaire-calendar/1",
  "name": "FWB 2025-2026 (test choice: autumn break = Toussaint week, spring break on the school spring holidays)",
  "year": { "from": "2025-09-15", "to": "2026-09-13" },
  "quadrimesters": { "Q1": { "from": "2025-09-15", "to": "2025-12-20" },
                     "Q2": { "from": "2026-02-02", "to": "2026-05-23" } },
  "closures": [
    { "from": "2025-09-27", "to": "2025-09-27", "label": "Fête de la Fédération Wallonie-Bruxelles" },
    { "from": "2025-10-27", "to": "2025-11-02", "label": "Congé d'automne" },
    { "from": "2025-11-11", "to": "2025-11-11", "label": "Armistice" },
    { "from": "2025-12-22", "to": "2026-01-04", "label": "Vacances d'hiver" },
    { "from": "2026-04-06", "to": "2026-04-06", "label": "Lundi de Pâques" },
    { "from": "2026-04-27", "to": "2026-05-10", "label": "Vacances de printemps" },
    { "from": "2026-05-01", "to": "2026-05-01", "label": "Fête du Travail" },
    { "from": "2026-05-14", "to": "2026-05-14", "label": "Ascension" },
    { "from": "2026-05-25", "to": "2026-05-25", "label": "Lundi de Pentecôte" }
  ],
  "exam_periods": [
    { "from": "2026-01-05", "to": "2026-01-31", "label": "Session de janvier" },
    { "from": "2026-05-26", "to": "2026-06-30", "label": "Session de juin" }
  ]
}"#;

fn year() -> AcademicYear {
    let file: CalendarFile = serde_json::from_str(FWB_2025_2026).expect("the test calendar is a calendar file");
    let mut problems = Vec::new();
    let year = validate_calendar(Path::new("fwb-2025-2026.json"), &file, &mut problems);
    assert_eq!(problems, Vec::new(), "the test calendar validates");
    year.expect("a calendar without problems")
}

fn date(s: &str) -> NaiveDate {
    crate::model::time::parse_date(s).expect("a real date")
}

fn time(s: &str) -> ClockTime {
    ClockTime::parse(s).expect("HH:MM")
}

/// Weekday evenings 17:15-20:15 and Saturday mornings 09:00-12:15.
fn evenings_and_saturdays() -> TimeGrid {
    let mut slots: Vec<SlotTemplate> = [Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Thu, Weekday::Fri]
        .into_iter()
        .map(|day| SlotTemplate { day, start: time("17:15"), end: time("20:15") })
        .collect();
    slots.push(SlotTemplate { day: Weekday::Sat, start: time("09:00"), end: time("12:15") });
    TimeGrid { id: "soir".to_string(), slots }
}

fn slot_dates(period: &Period) -> Vec<NaiveDate> {
    slots(&year(), &evenings_and_saturdays(), period).into_iter().map(|s| s.date).collect()
}

#[test]
fn no_slot_on_armistice_day() {
    let dates = slot_dates(&Period::Q1);
    assert!(!dates.contains(&date("2025-11-11")));
    // The days around it are open.
    assert!(dates.contains(&date("2025-11-10")) && dates.contains(&date("2025-11-12")));
    assert_eq!(closed_reason(&year(), date("2025-11-11")).as_deref(), Some("Armistice"));
}

#[test]
fn no_slot_on_easter_monday() {
    let dates = slot_dates(&Period::Q2);
    assert!(!dates.contains(&date("2026-04-06")));
    assert!(dates.contains(&date("2026-04-03")) && dates.contains(&date("2026-04-07")));
    assert_eq!(closed_reason(&year(), date("2026-04-06")).as_deref(), Some("Lundi de Pâques"));
}

#[test]
fn no_slot_during_the_autumn_break() {
    let dates = slot_dates(&Period::Q1);
    let autumn = DateRange { from: date("2025-10-27"), to: date("2025-11-02") };
    assert_eq!(dates.iter().filter(|d| autumn.contains(**d)).count(), 0);
    // The last Saturday before and the first Monday after are open.
    assert!(dates.contains(&date("2025-10-25")) && dates.contains(&date("2025-11-03")));
}

#[test]
fn no_slot_on_the_federation_day_or_in_exam_sessions() {
    let all = slot_dates(&Period::Annual);
    assert!(!all.contains(&date("2025-09-27")), "Saturday 27 September is the FWB holiday");
    assert!(all.iter().all(|d| d.month() != 1), "January is the exam session");
    let june = DateRange { from: date("2026-05-26"), to: date("2026-06-30") };
    let explicit = Period::Dates(DateRange { from: date("2026-05-18"), to: date("2026-06-30") });
    let late = slot_dates(&explicit);
    assert!(!late.is_empty() && late.iter().all(|d| !june.contains(*d)), "{late:?}");
}

#[test]
fn quadrimesters_start_and_end_when_the_calendar_says() {
    let q1 = slot_dates(&Period::Q1);
    assert_eq!(q1.first(), Some(&date("2025-09-15")));
    assert_eq!(q1.last(), Some(&date("2025-12-20")));
    let q2 = slot_dates(&Period::Q2);
    assert_eq!(q2.first(), Some(&date("2026-02-02")));
    assert_eq!(q2.last(), Some(&date("2026-05-23")));
    // An annual UE has nothing between the two quadrimesters.
    let annual = slot_dates(&Period::Annual);
    let between = DateRange { from: date("2025-12-21"), to: date("2026-02-01") };
    assert!(annual.iter().all(|d| !between.contains(*d)));
    assert_eq!(annual.len(), q1.len() + q2.len());
}

#[test]
fn q2_mondays_skip_easter_monday_and_the_spring_break() {
    let monday = SlotTemplate { day: Weekday::Mon, start: time("17:15"), end: time("20:15") };
    let got = template_dates(&year(), &monday, &Period::Q2);
    let want: Vec<NaiveDate> = [
        "2026-02-02",
        "2026-02-09",
        "2026-02-16",
        "2026-02-23",
        "2026-03-02",
        "2026-03-09",
        "2026-03-16",
        "2026-03-23",
        "2026-03-30",
        "2026-04-13",
        "2026-04-20",
        "2026-05-11",
        "2026-05-18",
    ]
    .into_iter()
    .map(date)
    .collect();
    assert_eq!(got, want);
}

#[test]
fn weeks_are_numbered_from_the_start_of_the_quadrimester() {
    let y = year();
    assert_eq!(week_index(y.q1.from, date("2025-09-15")), 0);
    assert_eq!(week_index(y.q1.from, date("2025-09-21")), 0, "Sunday closes week 0");
    assert_eq!(week_index(y.q1.from, date("2025-09-22")), 1);
    assert_eq!(week_index(y.q1.from, date("2025-11-11")), 8);
    assert_eq!(week_index(y.q2.from, date("2026-02-02")), 0);
    assert_eq!(week_index(y.q2.from, date("2026-02-09")), 1);
    assert_eq!(week_index(y.q2.from, date("2026-04-07")), 9);
}

#[test]
fn overlap_is_decided_on_clock_times() {
    let d = date("2026-03-10");
    let evening = CalendarSlot { date: d, start: time("17:15"), end: time("20:15") };
    let late = CalendarSlot { date: d, start: time("18:00"), end: time("21:15") };
    let after = CalendarSlot { date: d, start: time("20:15"), end: time("21:00") };
    let next_day = CalendarSlot { date: date("2026-03-11"), ..late };
    assert!(evening.overlaps(&late) && late.overlaps(&evening));
    assert!(!evening.overlaps(&after), "touching ends do not overlap");
    assert!(!evening.overlaps(&next_day));
}
