//! `horaire placements …` through the real binary, on the invented
//! fixture `tests/fixtures/placements/basic.json` and its hand-written
//! timetable (b1: Tuesday 17:15 classes in Mons, Thursday 17:15 classes in
//! Charleroi, 55 min apart; b2: Saturday 09:00–12:15 in Mons).
//!
//! Every plan produced here also goes through `horaire placements verify`,
//! the independent verifier.

mod common;
use common::{Run, horaire, json_files, read_json, reference, s, solver_config, temp_dir, write_json};
use serde_json::Value;
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    common::fixture(&format!("placements/{name}"))
}

/// Runs `placements plan` into a fresh directory, verifies the result with
/// the independent verifier, and returns the parsed file and its bytes.
fn plan(extra: &[&str]) -> (Value, Vec<u8>, tempfile::TempDir) {
    let dir = temp_dir();
    let inst = fixture("basic.json");
    let tt = fixture("basic-timetable.json");
    let mut args = vec!["placements", "plan", s(&inst), "--timetable", s(&tt), "--out", s(dir.path())];
    args.extend_from_slice(extra);
    let r = horaire(&args).run();
    // Exit 1: some students of the fixture cannot finish (on purpose).
    assert_eq!(r.code, 1, "stderr: {}", r.stderr);
    let file = dir.path().join("placements.json");
    let bytes = std::fs::read(&file).expect("placements.json written");
    let mut vargs = vec!["placements", "verify", s(&inst), s(&file), "--timetable", s(&tt)];
    if let Some(i) = extra.iter().position(|a| *a == "--log") {
        vargs.extend_from_slice(&["--log", extra[i + 1]]);
    }
    horaire(&vargs).expect_code(0);
    (serde_json::from_slice(&bytes).expect("valid JSON"), bytes, dir)
}

fn plan_of<'a>(file: &'a Value, student: &str) -> &'a Value {
    file["plans"].as_array().expect("plans").iter().find(|p| p["student"] == student).expect("student has a plan")
}

fn minutes(hhmm: &str) -> u32 {
    let (h, m) = hhmm.split_once(':').expect("HH:MM");
    h.parse::<u32>().expect("hour") * 60 + m.parse::<u32>().expect("minute")
}

#[test]
fn plans_reach_each_quota_when_possible_and_pass_the_verifier() {
    let (file, _, _dir) = plan(&[]);
    assert_eq!(file["format"], "horaire-placements/1");
    let students: Vec<&str> =
        file["plans"].as_array().expect("plans").iter().map(|p| p["student"].as_str().expect("id")).collect();
    assert_eq!(
        students,
        ["s01", "s02", "s03", "s04", "s05", "s06", "s07", "s08", "s09", "s10"],
        "one plan per student, sorted"
    );
    for id in ["s01", "s02", "s03", "s06"] {
        let p = plan_of(&file, id);
        assert_eq!(p["status"], "on_track", "{id}");
        assert_eq!(p["planned_hours"].as_f64(), Some(130.0), "{id}");
        let sum: f64 = p["days"].as_array().expect("days").iter().map(|d| d["hours"].as_f64().expect("hours")).sum();
        assert!((sum - 130.0).abs() < 1e-9, "{id}: days add up to {sum}");
    }
    let s09 = plan_of(&file, "s09");
    assert_eq!((s09["status"].as_str(), s09["planned_hours"].as_f64()), (Some("at_risk"), Some(85.0)));
    // s02 gets its first choice; s03 the only host open on its Wednesdays.
    assert_eq!(plan_of(&file, "s02")["host"], "cpas-mons");
    assert_eq!(plan_of(&file, "s03")["host"], "mj-mons");
    // s10's first choice opens only on Wednesdays (13 × 7 h = 91 h < 120 h);
    // its second, open Wednesday and Thursday, holds the quota.
    let s10 = plan_of(&file, "s10");
    assert_eq!((s10["host"].as_str(), s10["status"].as_str()), (Some("asbl-charleroi"), Some("on_track")));
}

#[test]
fn hours_are_spread_over_the_window() {
    let (file, _, _dir) = plan(&[]);
    // s02 can work every weekday from 2025-10-01 to 2026-05-15: its 130 h
    // must not be crammed into a few weeks at either end.
    let days = plan_of(&file, "s02")["days"].as_array().expect("days");
    let month = |d: &Value| d["date"].as_str().expect("date")[..7].to_string();
    let months: std::collections::BTreeSet<String> = days.iter().map(month).collect();
    assert!(months.len() >= 7, "s02 works in only {months:?}");
    let first_half: f64 = days
        .iter()
        .filter(|d| d["date"].as_str().expect("date") < "2026-01-01")
        .map(|d| d["hours"].as_f64().expect("hours"))
        .sum();
    assert!((40.0..=90.0).contains(&first_half), "{first_half} h before January out of 130");
}

#[test]
fn plan_never_touches_a_class_and_keeps_the_travel_buffer() {
    let (file, _, _dir) = plan(&[]);
    let tt = read_json(&fixture("basic-timetable.json"));
    let meetings = tt["meetings"].as_array().expect("meetings");
    // s01 and s09 (b1) work at the CPAS in Mons (08:30–16:30); s09 only on
    // Thursdays, when b1 has a 17:15 class in Charleroi, 55 min away. Its
    // 85 h need nearly every minute those days allow, so the buffer binds.
    let mut charleroi_days = 0;
    let mut latest = 0;
    for id in ["s01", "s09"] {
        for d in plan_of(&file, id)["days"].as_array().expect("days") {
            let date = d["date"].as_str().expect("date");
            let (start, end) = (minutes(d["start"].as_str().expect("s")), minutes(d["end"].as_str().expect("e")));
            for m in meetings.iter().filter(|m| m["date"] == date && m["cohorts"][0] == "b1") {
                let (ms, me) = (minutes(m["start"].as_str().expect("s")), minutes(m["end"].as_str().expect("e")));
                assert!(end <= ms || me <= start, "{id} {date}: placement overlaps a class");
                if m["site"] == "charleroi" {
                    charleroi_days += 1;
                    latest = latest.max(end);
                    assert!(end + 55 <= ms, "{id} {date}: ends at {} with a 17:15 class in Charleroi", d["end"]);
                }
            }
        }
    }
    assert!(charleroi_days >= 10, "the plan must include Mons days before a Charleroi class ({charleroi_days})");
    assert_eq!(latest, minutes("16:15"), "the last quarter hour before the buffer is used");
    // s05 (b2) works Saturdays at the Mons youth centre (10:00–18:00) and
    // has a Saturday class 09:00–12:15 in Mons until mid-April.
    for d in plan_of(&file, "s05")["days"].as_array().expect("days") {
        let date = d["date"].as_str().expect("date");
        let start = minutes(d["start"].as_str().expect("s"));
        for m in meetings.iter().filter(|m| m["date"] == date && m["cohorts"][0] == "b2") {
            let me = minutes(m["end"].as_str().expect("e"));
            assert!(start >= me, "{date}: starts at {} during the Saturday class", d["start"]);
        }
    }
}

#[test]
fn the_verifier_catches_a_day_too_close_to_a_charleroi_class() {
    let (mut file, _, dir) = plan(&[]);
    let tt = read_json(&fixture("basic-timetable.json"));
    let charleroi: Vec<&str> = tt["meetings"]
        .as_array()
        .expect("meetings")
        .iter()
        .filter(|m| m["site"] == "charleroi")
        .map(|m| m["date"].as_str().expect("date"))
        .collect();
    let plans = file["plans"].as_array_mut().expect("plans");
    let s09 = plans.iter_mut().find(|p| p["student"] == "s09").expect("s09");
    let day = s09["days"]
        .as_array_mut()
        .expect("days")
        .iter_mut()
        .find(|d| charleroi.contains(&d["date"].as_str().expect("date")))
        .expect("a Thursday with a Charleroi class");
    // Keep the hours, shift the day to end at 16:30 (45 min before 17:15).
    let h = day["hours"].as_f64().expect("hours");
    let start = 16 * 60 + 30 - (h * 60.0).round() as u32;
    day["start"] = Value::from(format!("{:02}:{:02}", start / 60, start % 60));
    day["end"] = Value::from("16:30");
    let r = verify_edited(dir.path(), &file);
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    assert!(r.stdout.contains("leaves no 55 min to travel"), "{}", r.stdout);
}

#[test]
fn a_student_whose_availability_is_too_small_cannot_finish_with_the_missing_hours() {
    // s04: Mondays 13:00–16:30 only (3.5 h), 13 Mondays between 2026-02-02
    // and 2026-04-30: 45.5 h of the 120 h quota fit, 74.5 h are missing.
    let r = horaire([
        "placements",
        "status",
        s(&fixture("basic.json")),
        "--log",
        s(&fixture("good-log.csv")),
        "--timetable",
        s(&fixture("basic-timetable.json")),
        "--as-of",
        "2025-10-10",
    ])
    .expect_code(0);
    let row = r.stdout.lines().find(|l| l.starts_with("s04 ")).expect("s04 row");
    assert!(row.contains("cannot_finish"), "{row}");
    assert!(row.contains("74.5 h missing"), "{row}");
    let (file, _, _dir) = plan(&[]);
    let p = plan_of(&file, "s04");
    assert_eq!(p["status"], "cannot_finish");
    assert_eq!(p["planned_hours"].as_f64(), Some(45.5), "the best reachable total is planned");
}

#[test]
fn students_who_cannot_be_placed_are_named_with_the_reason() {
    let (file, _, _dir) = plan(&[]);
    let s07 = plan_of(&file, "s07");
    assert_eq!(s07["host"], Value::Null);
    assert_eq!(
        s07["reason"].as_str(),
        Some("no host: no host's opening hours meet the declared availability of s07 for at least 1 h a day")
    );
    // s05 and s08 both need a Saturday host; the only one takes 1 student.
    let unplaced: Vec<&Value> =
        ["s05", "s08"].iter().map(|id| plan_of(&file, id)).filter(|p| p["host"].is_null()).collect();
    assert_eq!(unplaced.len(), 1);
    assert_eq!(
        unplaced[0]["reason"].as_str(),
        Some("no host: the only compatible host, mj-mons, is full for requirement stage-b2")
    );
}

#[test]
fn bad_log_lines_are_reported_with_their_line_numbers_and_the_log_is_untouched() {
    let log = fixture("bad-log.csv");
    let before = std::fs::read(&log).expect("log");
    let r = horaire(["placements", "status", s(&fixture("basic.json")), "--log", s(&log), "--as-of", "2025-11-01"])
        .expect_code(2);
    assert!(r.stdout.is_empty(), "{}", r.stdout);
    let expect = [
        "line 3: unknown student \"s99\"",
        "line 4: 2025-09-01 is outside the placement window of s01",
        "line 5: expected between 0 and 24 hours, found -2",
        "line 6: expected between 0 and 24 hours, found 25",
        "line 7: expected a number of hours (e.g. 7.5), found \"4h\"",
        "line 8: duplicate entry for s01 on 2025-10-07 (first at line 2)",
        "line 9: 2025-11-24 is after the as-of date 2025-11-01",
    ];
    for e in expect {
        assert!(r.stderr.contains(e), "missing «{e}» in:\n{}", r.stderr);
    }
    assert_eq!(r.stderr.lines().count(), expect.len(), "one line per problem:\n{}", r.stderr);
    assert_eq!(std::fs::read(&log).expect("log"), before, "the log was modified");
}

fn status_of(as_of: &str, student: &str) -> String {
    let r = horaire([
        "placements",
        "status",
        s(&fixture("basic.json")),
        "--log",
        s(&fixture("good-log.csv")),
        "--as-of",
        as_of,
        "--json",
    ])
    .expect_code(0);
    let v = r.stdout_json();
    let p = plan_of(&v, student);
    format!("{} {}", p["status"].as_str().expect("status"), p["missing_hours"])
}

#[test]
fn status_moves_from_on_track_to_at_risk_to_cannot_finish_as_time_passes() {
    // s06 works 8 h on Mondays only (09:00–17:00 in Charleroi, daily cap
    // 8 h) and has logged 8 h on 2025-10-06: 122 h remain. The window ends
    // 2026-05-15; closures take 2025-10-27, 12-22 and 12-29. After
    // 2025-12-03, 21 usable Mondays remain (168 h: 122 ≤ 80 % → on track);
    // after 2026-01-06, 18 (144 h: 122 > 115.2 → at risk); after
    // 2026-01-27, 15 (120 h < 122 → cannot finish, 2 h missing).
    assert_eq!(status_of("2025-12-03", "s06"), "on_track null");
    assert_eq!(status_of("2026-01-06", "s06"), "at_risk null");
    assert_eq!(status_of("2026-01-27", "s06"), "cannot_finish 2");
}

#[test]
fn the_status_table_is_aligned_and_sorted() {
    let r = horaire([
        "placements",
        "status",
        s(&fixture("basic.json")),
        "--log",
        s(&fixture("good-log.csv")),
        "--as-of",
        "2025-10-10",
    ])
    .expect_code(0);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert!(lines[0].starts_with("student"), "{}", lines[0]);
    let ids: Vec<&str> = lines[1..].iter().map(|l| l.split_whitespace().next().expect("id")).collect();
    assert_eq!(ids, ["s01", "s02", "s03", "s04", "s05", "s06", "s07", "s08", "s09", "s10"]);
    // The status column starts at the same place on every row.
    let col = lines[0].find("status").expect("status column");
    for l in &lines[1..] {
        let word = l[col..].split_whitespace().next().expect("status");
        assert!(["done", "on_track", "at_risk", "cannot_finish"].contains(&word), "{l}");
    }
    // s01 logged 4 + 7.5 validated and 3.25 pending: 115.25 h remain.
    let s01 = lines.iter().find(|l| l.starts_with("s01")).expect("s01");
    let cells: Vec<&str> = s01.split_whitespace().collect();
    assert_eq!(&cells[3..7], ["130", "11.5", "3.25", "115.25"], "{s01}");
}

#[test]
fn a_replan_with_a_log_plans_only_what_is_left_and_passes_the_verifier() {
    let log = fixture("good-log.csv");
    let (file, _, _dir) = plan(&["--log", s(&log), "--as-of", "2025-10-10"]);
    let p = plan_of(&file, "s01");
    assert_eq!(p["logged_hours"].as_f64(), Some(14.75));
    assert_eq!(p["planned_hours"].as_f64(), Some(115.25));
    assert!(p["days"].as_array().expect("days").iter().all(|d| d["date"].as_str().expect("date") > "2025-10-10"));
}

#[test]
fn the_plan_is_deterministic_and_written_without_leftovers() {
    let (_, a, dir) = plan(&[]);
    let (_, b, _dir2) = plan(&[]);
    assert_eq!(a, b, "two runs give different bytes");
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["placements.json"]);
}

#[test]
fn a_bad_timetable_is_reported_and_nothing_is_written() {
    let dir = temp_dir();
    let tt = dir.path().join("tt.json");
    std::fs::write(
        &tt,
        r#"{"format":"horaire-timetable/1","instance":"x","meetings":[
        {"activity":"a1","ue":"UE 1/4","date":"2025-13-01","start":"17:15","end":"20:15","site":"nowhere","room":"m1","cohorts":["b9"]}]}"#,
    )
    .expect("write");
    let out = dir.path().join("out");
    let r = horaire(["placements", "plan", s(&fixture("basic.json")), "--timetable", s(&tt), "--out", s(&out)])
        .expect_code(2);
    for e in [
        "instance: the timetable was made for \"x\", not for the instance \"Placements test instance (invented)\"",
        "meetings[0].date",
        "meetings[0].site: unknown site \"nowhere\"",
        "meetings[0].cohorts[0]: unknown cohort",
    ] {
        assert!(r.stderr.contains(e), "missing «{e}» in {}", r.stderr);
    }
    assert!(!out.exists());
}

#[test]
fn timetable_and_log_problems_are_reported_together() {
    let dir = temp_dir();
    let tt = dir.path().join("tt.json");
    std::fs::write(&tt, r#"{"format":"horaire-timetable/0","instance":"x","meetings":[]}"#).expect("write");
    let r = horaire([
        "placements",
        "status",
        s(&fixture("basic.json")),
        "--timetable",
        s(&tt),
        "--log",
        s(&fixture("bad-log.csv")),
        "--as-of",
        "2025-11-01",
    ])
    .expect_code(2);
    assert!(r.stderr.contains("format: expected \"horaire-timetable/1\""), "{}", r.stderr);
    assert!(r.stderr.contains("line 3: unknown student"), "{}", r.stderr);
}

/// Generates a synthetic workload with the hidden `placements synth`.
fn synth(dir: &Path, seed: &str) {
    horaire(["placements", "synth", "--seed", seed, "--students", "240", "--hosts", "40", "--out", s(dir)])
        .expect_code(0);
}

#[test]
fn a_synthetic_workload_is_deterministic_and_its_plan_passes_the_verifier() {
    let a = temp_dir();
    let b = temp_dir();
    synth(a.path(), "11");
    synth(b.path(), "11");
    for f in ["instance.json", "timetable.json", "hours.csv"] {
        let (x, y) = (std::fs::read(a.path().join(f)).expect("a"), std::fs::read(b.path().join(f)).expect("b"));
        assert_eq!(x, y, "{f} differs between two runs with the same seed");
    }
    let p = |f: &str| a.path().join(f);
    let out = a.path().join("plan");
    let r = horaire([
        "placements",
        "plan",
        s(&p("instance.json")),
        "--timetable",
        s(&p("timetable.json")),
        "--log",
        s(&p("hours.csv")),
        "--as-of",
        "2026-01-15",
        "--out",
        s(&out),
    ])
    .run();
    assert!(r.code == 0 || r.code == 1, "{}", r.stderr);
    let plan = out.join("placements.json");
    horaire([
        "placements",
        "verify",
        s(&p("instance.json")),
        s(&plan),
        "--timetable",
        s(&p("timetable.json")),
        "--log",
        s(&p("hours.csv")),
    ])
    .expect_code(0);
    let file = read_json(&plan);
    let plans = file["plans"].as_array().expect("plans");
    assert_eq!(plans.len(), 240);
    let reached = plans.iter().filter(|p| p["status"] == "on_track" || p["status"] == "at_risk").count();
    assert!(reached > 200, "only {reached} of 240 plans reach their quota");
}

/// Every instance under `instances/` with a `placements` section gets a
/// plan the verifier accepts and that reaches each quota. The reference
/// instances live on another branch: without an `instances/` directory
/// there is nothing to check yet (said on stderr).
#[test]
fn every_reference_instance_with_placements_gets_a_verified_plan_reaching_each_quota() {
    let root = common::root().join("instances");
    if !root.is_dir() {
        eprintln!("no instances/ directory on this branch: nothing to check yet");
        return;
    }
    let found: Vec<PathBuf> = json_files(&root)
        .into_iter()
        .filter(|path| {
            let v = read_json(path);
            v["format"] == "horaire/1" && v["placements"]["students"].as_array().is_some_and(|a| !a.is_empty())
        })
        .collect();
    assert!(!found.is_empty(), "instances/ exists but no instance has placements");
    for inst in &found {
        let dir = temp_dir();
        horaire(["placements", "plan", s(inst), "--out", s(dir.path())]).expect_code(0);
        let plan = dir.path().join("placements.json");
        horaire(["placements", "verify", s(inst), s(&plan)]).expect_code(0);
    }
}

/// Writes an edited plan into `dir` and verifies it against the fixture
/// and its timetable.
fn verify_edited(dir: &Path, file: &Value) -> Run {
    let edited = dir.join("tampered.json");
    write_json(&edited, file);
    horaire([
        "placements",
        "verify",
        s(&fixture("basic.json")),
        s(&edited),
        "--timetable",
        s(&fixture("basic-timetable.json")),
    ])
    .run()
}

fn get<'a>(plans: &'a mut [Value], id: &str) -> &'a mut Value {
    plans.iter_mut().find(|p| p["student"] == id).expect("student")
}

fn day(date: &str, start: &str, end: &str, hours: f64) -> Value {
    serde_json::json!({ "date": date, "start": start, "end": end, "hours": hours })
}

#[test]
fn the_verifier_reports_every_broken_rule_of_a_tampered_plan() {
    let (mut file, _, dir) = plan(&[]);
    {
        let plans = file["plans"].as_array_mut().expect("plans");
        // s01: a day's hours no longer match its times, nor the total.
        let d0 = &mut get(plans, "s01")["days"][0];
        d0["hours"] = Value::from(d0["hours"].as_f64().expect("hours") + 1.0);
        // s02: three 8 h days in one week (cap 16 h), one in the autumn break.
        let s02 = get(plans, "s02");
        for (date, h) in [("2025-10-27", 8.0), ("2025-10-28", 8.0), ("2025-10-29", 8.0)] {
            s02["days"].as_array_mut().expect("days").push(day(date, "08:30", "16:30", h));
        }
        // s03: before the youth centre opens.
        get(plans, "s03")["days"].as_array_mut().expect("days").push(day("2025-12-03", "07:00", "09:00", 2.0));
        // s06: on a Tuesday, outside its declared Mondays.
        get(plans, "s06")["days"].as_array_mut().expect("days").push(day("2025-12-02", "09:00", "12:00", 3.0));
        // s04: after the end of its window (2026-04-30).
        get(plans, "s04")["days"].as_array_mut().expect("days").push(day("2026-05-04", "13:00", "16:30", 3.5));
        // s09: moved to a host that is not the one of the instance.
        get(plans, "s09")["host"] = Value::from("asbl-charleroi");
        // s03 moved to the CPAS too: three stage-b1 students for 2 places.
        get(plans, "s03")["host"] = Value::from("cpas-mons");
    }
    let r = verify_edited(dir.path(), &file);
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    for e in [
        "plans[0].days[0].hours:",
        "plans[0].planned_hours: the days add up to",
        "2025-10-27 is closed (Congé d'automne)",
        "week of 2025-10-27: 24 h (logged and planned) is over the weekly cap of 16 h",
        "2025-12-03 07:00–09:00 is outside the opening hours of cpas-mons",
        "2025-12-02 09:00–12:00 is outside the availability of s06",
        "2026-05-04 is outside the window 2026-02-02..2026-04-30",
        "s09 is placed at cpas-mons in the instance",
        "host cpas-mons takes 3 students for stage-b1 (s01, s02, s03), over its capacity 2",
    ] {
        assert!(r.stdout.contains(e), "missing «{e}» in:\n{}", r.stdout);
    }
}

#[test]
fn an_instance_that_puts_a_host_over_capacity_is_flagged_by_plan_and_verifier() {
    let mut v = read_json(&fixture("basic.json"));
    v["placements"]["hosts"][0]["capacity"] = Value::from(1); // cpas-mons
    v["placements"]["students"][1]["host"] = Value::from("cpas-mons"); // s02, next to s01
    let dir = temp_dir();
    let inst = dir.path().join("over.json");
    write_json(&inst, &v);
    let out = dir.path().join("out");
    let r = horaire(["placements", "plan", s(&inst), "--out", s(&out)]).expect_code(1);
    assert!(
        r.stderr.contains(
            "warning: the instance assigns 2 students of stage-b1 to host cpas-mons (s01, s02), over its capacity 1"
        ),
        "{}",
        r.stderr
    );
    let v = horaire(["placements", "verify", s(&inst), s(&out.join("placements.json"))]).expect_code(1);
    assert!(v.stdout.contains("(2 of them assigned by the instance itself)"), "{}", v.stdout);
}

/// End to end on a reference programme with daytime classes: solve its
/// timetable (first good incumbent), plan the placements around it, and verify the
/// plan against that timetable. Every student reaches the quota.
#[test]
fn orthopedagogy_placements_are_planned_around_its_solved_timetable() {
    let inst = reference("umons-orthopedagogy-2025-2026.json");
    let dir = temp_dir();
    // The first good incumbent is enough here; a generous time limit keeps
    // the test from failing on a busy machine.
    let cfg = solver_config(dir.path(), "config.json", "fast.json", |c| {
        c["time_limit_seconds"] = Value::from(120);
        c["relative_gap"] = Value::from(0.9);
    });
    horaire(["solve", s(&inst), "--config", s(&cfg), "--out", s(dir.path()), "--quiet"]).expect_code(0);
    let tt = dir.path().join("timetable.json");
    let out = dir.path().join("plan");
    horaire(["placements", "plan", s(&inst), "--timetable", s(&tt), "--out", s(&out)]).expect_code(0);
    let plan = out.join("placements.json");
    horaire(["placements", "verify", s(&inst), s(&plan), "--timetable", s(&tt)]).expect_code(0);
    let file = read_json(&plan);
    let plans = file["plans"].as_array().expect("plans");
    assert!(!plans.is_empty());
    assert!(plans.iter().all(|p| p["status"] == "on_track" || p["status"] == "at_risk"), "{file}");
}
