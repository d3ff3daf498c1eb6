//! Next year from this year: the 2027-2028 calendar, `horaire rollover`
//! and `horaire solve --like`, through the real binary. Every timetable the
//! solver writes is verified by `horaire check`.

mod common;
use chrono::{Datelike, Duration, NaiveDate};
use common::{check_ok, horaire, read_json, reference, root, s, solver_config, temp_dir, write_json};
use horaire::calendar::{closed_reason, is_open};
use horaire::model::read_calendar;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The reference instances, each a programme (or all of them) of 2025-2026.
const REFERENCES: [&str; 5] = [
    "all-programmes-2025-2026.json",
    "helmo-hepl-ingenierie-action-sociale-2025-2026.json",
    "umons-education-social-action-2025-2026.json",
    "umons-orthopedagogy-2025-2026.json",
    "unamur-umons-accompagnement-2025-2026.json",
];

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
}

fn calendar_path(name: &str) -> PathBuf {
    reference("calendars").join(name)
}

#[test]
fn fwb_2027_2028_closes_every_public_holiday_and_follows_2026_2027_by_52_weeks() {
    let y = read_calendar(&calendar_path("fwb-2027-2028.json")).expect("fwb-2027-2028.json validates");
    let easter = date("2028-04-16");
    assert_eq!(easter.weekday(), chrono::Weekday::Sun);
    for (d, why) in [
        (date("2027-09-27"), "Fête de la Fédération Wallonie-Bruxelles"),
        (date("2027-11-01"), "Toussaint"),
        (date("2027-11-11"), "Armistice"),
        (date("2027-12-25"), "Noël"),
        (date("2028-01-01"), "Nouvel An"),
        (easter + Duration::days(1), "Easter Monday"),
        (date("2028-05-01"), "Labour Day"),
        (easter + Duration::days(39), "Ascension"),
        (easter + Duration::days(50), "Whit Monday"),
    ] {
        assert!(!is_open(&y, d), "{d} ({why}) must be closed");
    }
    assert_eq!(closed_reason(&y, date("2027-09-27")).as_deref(), Some("Fête de la Fédération Wallonie-Bruxelles"));
    assert_eq!(closed_reason(&y, date("2027-11-11")).as_deref(), Some("Armistice"));
    assert_eq!(closed_reason(&y, date("2028-04-17")).as_deref(), Some("Lundi de Pâques"));
    assert_eq!(closed_reason(&y, date("2028-05-01")).as_deref(), Some("Fête du Travail"));
    for d in ["2027-09-28", "2027-11-10", "2027-11-12", "2028-04-14", "2028-05-02", "2028-05-20"] {
        assert!(is_open(&y, date(d)), "{d} must be open");
    }
    // The year, Q1 and Q2 start on a Monday, 52 weeks after 2026-2027's.
    let before = read_calendar(&calendar_path("fwb-2026-2027.json")).expect("fwb-2026-2027.json");
    for (a, b) in [(before.year.from, y.year.from), (before.q1.from, y.q1.from), (before.q2.from, y.q2.from)] {
        assert_eq!(b.weekday(), chrono::Weekday::Mon);
        assert_eq!(b - a, Duration::weeks(52));
    }
    assert_eq!(y.year.to + Duration::days(1) - y.year.from, Duration::weeks(52));
}

/// Every string of `v` that reads as a date, with its JSON path, leaving
/// out the `calendar` key.
fn dates_of(v: &Value, path: String, out: &mut BTreeMap<String, NaiveDate>) {
    match v {
        Value::String(t) => {
            if let Ok(d) = NaiveDate::parse_from_str(t, "%Y-%m-%d") {
                let _ = out.insert(path, d);
            }
        }
        Value::Array(items) => {
            for (i, x) in items.iter().enumerate() {
                dates_of(x, format!("{path}[{i}]"), out);
            }
        }
        Value::Object(map) => {
            for (k, x) in map.iter().filter(|(k, _)| !(path.is_empty() && *k == "calendar")) {
                dates_of(x, if path.is_empty() { k.clone() } else { format!("{path}.{k}") }, out);
            }
        }
        _ => {}
    }
}

/// `v` without its dates, `calendar` and `name`: what a rollover keeps.
fn undated(v: &Value) -> Value {
    let mut v = v.clone();
    fn strip(v: &mut Value) {
        match v {
            Value::String(t) if NaiveDate::parse_from_str(t, "%Y-%m-%d").is_ok() => *v = Value::Null,
            Value::Array(items) => items.iter_mut().for_each(strip),
            Value::Object(map) => map.values_mut().for_each(strip),
            _ => {}
        }
    }
    if let Some(obj) = v.as_object_mut() {
        let _ = obj.remove("calendar");
        let _ = obj.remove("name");
    }
    strip(&mut v);
    v
}

#[test]
fn each_reference_instance_rolls_over_to_2026_2027_validates_and_keeps_the_weekday_of_every_date() {
    let dir = temp_dir();
    let new_year = read_calendar(&calendar_path("fwb-2026-2027.json")).expect("calendar");
    let mut moved_total = 0;
    for name in REFERENCES {
        let input = reference(name);
        let bytes = std::fs::read(&input).expect("reference instance");
        let out = dir.path().join(name.replace("2025-2026", "2026-2027"));
        let run = horaire(["rollover", s(&input), "--calendar", s(&calendar_path("fwb-2026-2027.json")), "--out"])
            .arg(&out)
            .run();
        assert!(run.code == 0 || run.code == 1, "{name}: exit {}\n{}\n{}", run.code, run.stdout, run.stderr);
        assert_eq!(std::fs::read(&input).expect("reference instance"), bytes, "{name}: the input changed");
        horaire(["validate", s(&out)]).expect_code(0).stdout_contains("2026-2027: valid.");

        let (before, after) = (read_json(&input), read_json(&out));
        assert_eq!(undated(&before), undated(&after), "{name}: something besides dates, calendar and name changed");
        let (mut old_dates, mut new_dates) = (BTreeMap::new(), BTreeMap::new());
        dates_of(&before, String::new(), &mut old_dates);
        dates_of(&after, String::new(), &mut new_dates);
        assert_eq!(old_dates.keys().collect::<Vec<_>>(), new_dates.keys().collect::<Vec<_>>(), "{name}");
        let summary = read_json(
            &out.with_file_name(format!("{}.rollover.json", out.file_stem().expect("stem").to_string_lossy())),
        );
        let decided: BTreeSet<&str> =
            summary["decisions"].as_array().expect("decisions").iter().filter_map(|d| d["path"].as_str()).collect();
        for (path, old) in &old_dates {
            let new = new_dates[path];
            assert_eq!(new.weekday(), old.weekday(), "{name}: {path} moved from {old} to {new}");
            assert!(new_year.year.contains(new), "{name}: {path} = {new} is outside 2026-2027");
            let clipped = decided.iter().any(|d| path.starts_with(d));
            assert!(clipped || new - *old == Duration::weeks(52), "{name}: {path} moved from {old} to {new}");
        }
        moved_total += old_dates.len();
        println!("{name}: {} dates moved, exit {}", old_dates.len(), run.code);
    }
    // The references do hold dated entries (unavailability, windows).
    assert!(moved_total >= 10, "only {moved_total} dates found in the reference instances");
}

/// The UMONS education instance with its calendar path made absolute, so
/// that a copy can live anywhere.
fn umons_education() -> Value {
    let mut v = read_json(&reference("umons-education-social-action-2025-2026.json"));
    v["calendar"] = Value::from(s(&calendar_path("fwb-2025-2026.json")));
    v
}

#[test]
fn a_range_that_falls_in_the_new_years_closure_is_reported_as_needing_a_decision() {
    let dir = temp_dir();
    let mut v = umons_education();
    let teacher = v["teachers"][0]["id"].as_str().expect("teacher id").to_string();
    // Monday 30 March to Friday 3 April 2026: five teaching days before the
    // 2026 spring break; 52 weeks later it is the first week of the 2027
    // spring break.
    v["teachers"][0]["unavailable"]
        .as_array_mut()
        .expect("unavailable")
        .push(serde_json::json!({ "from": "2026-03-30", "to": "2026-04-03" }));
    let input = dir.path().join("this.json");
    write_json(&input, &v);
    let j = v["teachers"][0]["unavailable"].as_array().expect("unavailable").len() - 1;
    let out = dir.path().join("next.json");
    let run = horaire(["rollover", s(&input), "--calendar", s(&calendar_path("fwb-2026-2027.json")), "--out", s(&out)])
        .expect_code(1);
    run.stdout_contains("1 date(s) need a decision");
    run.stdout_contains(&format!("unavailability of teacher {teacher} (teachers[0].unavailable[{j}])"));
    run.stdout_contains("2026-03-30 to 2026-04-03 → 2027-03-29 to 2027-04-02");
    run.stdout_contains("falls wholly in the new year's Lundi de Pâques, Vacances de printemps (Pâques)");
    let summary = read_json(&dir.path().join("next.rollover.json"));
    assert_eq!(summary["format"], "horaire-rollover/1");
    assert_eq!(summary["weeks"], 52);
    let decisions = summary["decisions"].as_array().expect("decisions");
    assert_eq!(decisions.len(), 1);
    assert_eq!(decisions[0]["path"], format!("teachers[0].unavailable[{j}]"));
    assert_eq!(decisions[0]["after"], serde_json::json!({ "from": "2027-03-29", "to": "2027-04-02" }));
    // The new instance is still written, and valid.
    horaire(["validate", s(&out)]).expect_code(0);

    // Never over the input.
    let before = std::fs::read(&input).expect("input");
    horaire(["rollover", s(&input), "--calendar", s(&calendar_path("fwb-2026-2027.json")), "--out", s(&input)])
        .expect_code(2)
        .stderr_contains("would overwrite an input");
    assert_eq!(std::fs::read(&input).expect("input"), before);
}

/// Per activity, the (weekday, start, site) of its meetings in a timetable.
fn slots(timetable: &Value) -> BTreeMap<String, BTreeSet<(u32, String, String)>> {
    let mut out: BTreeMap<String, BTreeSet<(u32, String, String)>> = BTreeMap::new();
    for m in timetable["meetings"].as_array().expect("meetings") {
        let day = date(m["date"].as_str().expect("date")).weekday().num_days_from_monday();
        let slot = (day, m["start"].as_str().expect("start").into(), m["site"].as_str().expect("site").into());
        let _ = out.entry(m["activity"].as_str().expect("activity").into()).or_default().insert(slot);
    }
    out
}

/// How many activities of `new` meet only on their slots of `last`, of
/// those both have: counted here from the files, apart from horaire's count.
fn kept(last: &Value, new: &Value) -> (usize, usize) {
    let (l, n) = (slots(last), slots(new));
    let both: Vec<&String> = n.keys().filter(|a| l.contains_key(*a)).collect();
    let kept = both.iter().filter(|a| n[**a].is_subset(&l[**a])).count();
    (kept, both.len())
}

fn solve(instance: &Path, cfg: &Path, out: &Path, like: Option<&Path>) -> (String, Value) {
    let mut run = horaire(["solve", s(instance), "--config", s(cfg), "--out", s(out), "-q"]);
    if let Some(l) = like {
        run = run.args(["--like", s(l)]);
    }
    let run = run.expect_code(0);
    check_ok(instance, &out.join("timetable.json"));
    (run.stdout, read_json(&out.join("timetable.json")))
}

#[test]
fn the_rolled_over_umons_instance_solved_like_this_year_keeps_at_least_90_percent_of_the_slots() {
    let dir = temp_dir();
    // Reproducible: each MIP stops after a few nodes, whatever the load.
    let cfg = solver_config(dir.path(), "nodes.json", "default.json", |v| {
        v["time_limit_seconds"] = Value::from(600);
        v["node_limit"] = Value::from(5);
    });
    let this = dir.path().join("this.json");
    write_json(&this, &umons_education());
    let (_, last) = solve(&this, &cfg, &dir.path().join("this"), None);
    let next = dir.path().join("next.json");
    horaire(["rollover", s(&this), "--calendar", s(&calendar_path("fwb-2026-2027.json")), "--out", s(&next)])
        .expect_code(0);
    let last_file = dir.path().join("this/timetable.json");

    let (summary, liked) = solve(&next, &cfg, &dir.path().join("like"), Some(&last_file));
    let (n, m) = kept(&last, &liked);
    println!("solved --like last year's timetable: {n} of {m} activities kept their weekday, start and site");
    assert!(m > 0 && m == last["meetings"].as_array().map_or(0, |_| slots(&last).len()), "{m} activities compared");
    assert!(n * 10 >= m * 9, "only {n} of {m} activities kept their slot");
    assert!(summary.contains(&format!("{n} of {m} activities kept last year's weekday, start and site")), "{summary}");
    assert!(liked["report"]["costs"].get("last_year_slots").is_some(), "{}", liked["report"]);

    // What changed, in the diff format of `repair`, beside the timetable.
    let diff = read_json(&dir.path().join("like/like-diff.json"));
    assert_eq!(diff["format"], "horaire-diff/1");
    assert_eq!(diff["from"], "2026-09-14");
    let changes = diff["changes"].as_array().expect("changes");
    let count = |k: &str| changes.iter().filter(|c| c["change"] == k).count() as u64;
    assert_eq!(diff["moved"], count("moved"));
    assert_eq!(diff["added"], count("added"));
    assert_eq!(diff["cancelled"], count("cancelled"));
    let total = |t: &Value| t["meetings"].as_array().map_or(0, Vec::len) as u64;
    assert_eq!(diff["future_meetings_before"], total(&last));
    let unchanged = diff["future_meetings_unchanged"].as_u64().expect("unchanged");
    assert_eq!(unchanged + count("moved") + count("cancelled"), total(&last));
    // A moved meeting differs in its weekday, start, end, site or room.
    for c in changes.iter().filter(|c| c["change"] == "moved") {
        let (b, a) = (&c["before"], &c["after"]);
        let key = |p: &Value| (weekday(p), p["start"].clone(), p["end"].clone(), p["site"].clone(), p["room"].clone());
        assert_ne!(key(b), key(a), "{c}");
    }

    // Without --like the cost is not part of the model.
    let (_, plain) = solve(&next, &cfg, &dir.path().join("plain"), None);
    assert!(plain["report"]["costs"].get("last_year_slots").is_none(), "{}", plain["report"]);
    let (p, q) = kept(&last, &plain);
    println!("solved without --like: {p} of {q} activities on last year's weekday, start and site");
}

fn weekday(place: &Value) -> u32 {
    date(place["date"].as_str().expect("date")).weekday().num_days_from_monday()
}

#[test]
fn a_like_timetable_that_is_not_a_timetable_is_bad_input() {
    let dir = temp_dir();
    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, "{\"format\": \"horaire-timetable/1\"").expect("write");
    let inst = root().join("tests/fixtures/tiny.json");
    horaire(["solve", s(&inst), "--out", s(dir.path()), "--like", s(&bad)]).expect_code(2).stderr_contains("bad.json");
    assert!(!dir.path().join("timetable.json").exists());
}
