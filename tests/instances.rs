//! The shipped data: every file under `instances/` validates (instances
//! through the real binary, calendars through the library's reader), and the
//! FWB calendars close the real holidays of their year.

mod common;
use chrono::{Datelike, Duration, NaiveDate, Weekday};
use common::{horaire, json_files, read_json, root, s};
use horaire::calendar::{closed_reason, in_period, is_open, open_dates, slots, week_index};
use horaire::model::{AcademicYear, Period, read_calendar};
use std::path::{Path, PathBuf};

fn instances_dir() -> PathBuf {
    root().join("instances")
}

/// The `format` key of a JSON file.
fn format_of(path: &Path) -> String {
    read_json(path).get("format").and_then(|f| f.as_str()).unwrap_or_default().to_string()
}

#[test]
fn every_file_under_instances_validates() {
    let files = json_files(&instances_dir());
    let mut instances = Vec::new();
    let mut calendars = Vec::new();
    for path in &files {
        match format_of(path).as_str() {
            "horaire-calendar/1" => {
                if let Err(e) = read_calendar(path) {
                    panic!("{} does not validate:\n{e}", path.display());
                }
                calendars.push(path.clone());
            }
            "horaire/1" => {
                horaire(["validate", s(path)]).expect_code(0).stdout_contains(": valid.");
                instances.push(path.clone());
            }
            other => panic!("{}: unknown format {other:?}", path.display()),
        }
    }
    // The walk must have found the shipped files, not an empty directory.
    let names: Vec<String> =
        files.iter().filter_map(|p| p.file_name()).map(|n| n.to_string_lossy().into_owned()).collect();
    for expected in [
        "fwb-2025-2026.json",
        "fwb-2026-2027.json",
        "umons-education-social-action-2025-2026.json",
        "helmo-hepl-ingenierie-action-sociale-2025-2026.json",
        "umons-orthopedagogy-2025-2026.json",
        "unamur-umons-accompagnement-2025-2026.json",
        "all-programmes-2025-2026.json",
    ] {
        assert!(names.iter().any(|n| n == expected), "instances/ lacks {expected}: found {names:?}");
    }
    assert!(calendars.len() >= 2 && instances.len() >= 5, "calendars {calendars:?}, instances {instances:?}");
}

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
}

fn calendar(name: &str) -> AcademicYear {
    let path = instances_dir().join("calendars").join(name);
    read_calendar(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Easter Sunday (Gregorian), by the anonymous Gregorian algorithm: an
/// independent source for the movable feasts.
fn easter(year: i32) -> NaiveDate {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, month as u32, day as u32).expect("Easter is a real date")
}

#[test]
fn easter_algorithm_matches_known_dates() {
    assert_eq!(easter(2024), date("2024-03-31"));
    assert_eq!(easter(2025), date("2025-04-20"));
    assert_eq!(easter(2026), date("2026-04-05"));
    assert_eq!(easter(2027), date("2027-03-28"));
}

#[test]
fn fwb_2025_2026_closes_the_public_holidays() {
    let y = calendar("fwb-2025-2026.json");
    let e = easter(2026);
    let easter_monday = e + Duration::days(1);
    assert_eq!(easter_monday, date("2026-04-06"));
    for (d, why) in [
        (date("2025-09-27"), "Fête de la Fédération Wallonie-Bruxelles"),
        (date("2025-11-01"), "Toussaint"),
        (date("2025-11-11"), "Armistice"),
        (date("2025-12-25"), "Noël"),
        (date("2026-01-01"), "Nouvel An"),
        (easter_monday, "Easter Monday"),
        (date("2026-05-01"), "Labour Day"),
        (e + Duration::days(39), "Ascension"),
        (e + Duration::days(50), "Whit Monday"),
    ] {
        assert!(!is_open(&y, d), "{d} ({why}) must be closed");
    }
    assert_eq!(closed_reason(&y, date("2025-11-11")).as_deref(), Some("Armistice"));
    assert_eq!(closed_reason(&y, date("2026-04-06")).as_deref(), Some("Lundi de Pâques"));
    assert_eq!(closed_reason(&y, date("2026-05-14")).as_deref(), Some("Ascension"));
    // Ordinary teaching days around them stay open.
    for d in ["2025-11-10", "2025-11-12", "2026-03-30", "2026-04-20", "2026-05-13", "2026-05-15"] {
        assert!(is_open(&y, date(d)), "{d} must be open");
    }
}

#[test]
fn fwb_2026_2027_closes_the_public_holidays() {
    let y = calendar("fwb-2026-2027.json");
    let e = easter(2027);
    for (d, why) in [
        (date("2026-11-11"), "Armistice"),
        (date("2026-12-25"), "Noël"),
        (date("2027-01-01"), "Nouvel An"),
        (e + Duration::days(1), "Easter Monday"),
        (date("2027-05-01"), "Labour Day"),
        (e + Duration::days(39), "Ascension"),
        (e + Duration::days(50), "Whit Monday"),
    ] {
        assert!(!is_open(&y, d), "{d} ({why}) must be closed");
    }
    assert_eq!(e + Duration::days(1), date("2027-03-29"));
    assert_eq!(e + Duration::days(39), date("2027-05-06"));
    assert_eq!(e + Duration::days(50), date("2027-05-17"));
    assert!(is_open(&y, date("2026-11-10")) && is_open(&y, date("2026-11-12")));
}

#[test]
fn no_teaching_during_the_breaks_and_exam_sessions() {
    let y = calendar("fwb-2025-2026.json");
    let closed = |from: &str, to: &str| {
        let mut d = date(from);
        while d <= date(to) {
            assert!(!is_open(&y, d), "{d} must be closed");
            d += Duration::days(1);
        }
    };
    closed("2025-10-27", "2025-11-02"); // autumn break
    closed("2025-12-22", "2026-01-04"); // winter holidays
    closed("2026-01-05", "2026-01-31"); // January exams
    closed("2026-04-06", "2026-04-19"); // spring break
    closed("2026-05-26", "2026-06-30"); // June exams
    assert!(is_open(&y, date("2025-10-25")) && is_open(&y, date("2025-11-03")));
    let autumn = open_dates(&y, &Period::Q1);
    assert!(!autumn.iter().any(|d| (date("2025-10-27")..=date("2025-11-02")).contains(d)));
}

#[test]
fn quadrimesters_start_when_the_calendar_says() {
    let y = calendar("fwb-2025-2026.json");
    let q1 = open_dates(&y, &Period::Q1);
    let q2 = open_dates(&y, &Period::Q2);
    assert_eq!(q1.first(), Some(&date("2025-09-15")));
    assert_eq!(q1.last(), Some(&date("2025-12-20")));
    assert_eq!(q2.first(), Some(&date("2026-02-02")));
    assert_eq!(q2.last(), Some(&date("2026-05-23")));
    assert!(!in_period(&y, &Period::Q2, date("2026-01-30")));
    assert!(in_period(&y, &Period::Q2, date("2026-02-02")));
    // Weeks count from the start of Q2; the spring break takes weeks 9 and 10.
    assert_eq!(week_index(y.q2.from, date("2026-02-02")), 0);
    assert_eq!(week_index(y.q2.from, date("2026-04-20")), 11);
    let y2 = calendar("fwb-2026-2027.json");
    assert_eq!(open_dates(&y2, &Period::Q2).first(), Some(&date("2027-02-01")));
    assert_eq!(open_dates(&y2, &Period::Q1).first(), Some(&date("2026-09-14")));
}

#[test]
fn reference_grids_have_no_slot_on_a_holiday() {
    let path = instances_dir().join("all-programmes-2025-2026.json");
    let inst = horaire::load_instance(&path).unwrap_or_else(|e| panic!("{e}"));
    let holidays = [date("2025-09-27"), date("2025-11-11"), date("2026-04-06"), date("2026-05-01"), date("2026-05-14")];
    for grid in &inst.grids {
        let all = slots(&inst.calendar, grid, &Period::Annual);
        assert!(!all.is_empty(), "grid {} has no slot", grid.id);
        for s in &all {
            assert!(!holidays.contains(&s.date), "grid {} has a slot on {}", grid.id, s.date);
            assert!(
                !(date("2025-10-27")..=date("2025-11-02")).contains(&s.date),
                "grid {} has a slot in the autumn break on {}",
                grid.id,
                s.date
            );
        }
        // Tuesday 2025-11-11 is closed, but the Tuesdays around it are not.
        if grid.slots.iter().any(|t| t.day == Weekday::Tue) {
            assert!(all.iter().any(|s| s.date == date("2025-11-04")), "grid {}", grid.id);
            assert!(all.iter().any(|s| s.date == date("2025-11-18")), "grid {}", grid.id);
        }
        assert!(all.iter().all(|s| s.date.weekday() != Weekday::Sun));
    }
}
