//! Pins (sessions decided before the solver runs) through the real binary,
//! on the reference programme UNamur–UMONS accompagnement: the solver keeps
//! them, the checker rejects a timetable that moves a pinned meeting,
//! `explain` names two pins that collide, `solve --keep` re-solves a
//! timetable to itself, and bad pins are located. Every timetable the
//! solver writes is verified by `horaire check`.

mod common;
use common::{check_ok, horaire, read_json, reference, root, s, solver_config, temp_dir, tiny, write_json};
use serde_json::{Value, json};
use std::path::{Path, PathBuf};

const PROGRAMME: &str = "unamur-umons-accompagnement-2025-2026.json";

/// The reference programme, with its calendar path made absolute so that
/// the instance can be written anywhere.
fn programme() -> Value {
    let mut v = read_json(&reference(PROGRAMME));
    let cal = root().join("instances").join(v["calendar"].as_str().expect("a calendar path"));
    v["calendar"] = Value::from(cal.to_str().expect("a UTF-8 path"));
    v
}

/// The activity `id` of instance `v`, to edit.
fn activity<'a>(v: &'a mut Value, id: &str) -> &'a mut Value {
    v["ues"]
        .as_array_mut()
        .expect("ues")
        .iter_mut()
        .flat_map(|u| u["activities"].as_array_mut().expect("activities").iter_mut())
        .find(|a| a["id"] == id)
        .unwrap_or_else(|| panic!("no activity {id}"))
}

/// The test config: 120 s at most, stopping at the first good timetable.
fn config(dir: &Path) -> PathBuf {
    solver_config(dir, "config.json", "default.json", |v| {
        v["time_limit_seconds"] = Value::from(120);
        v["relative_gap"] = Value::from(0.9);
    })
}

/// Writes `v` as `name` into `dir`, solves it into `dir/out-name`, asserts
/// success and a clean check, and returns the instance path and timetable.
fn solve(dir: &Path, name: &str, v: &Value, extra: &[&str]) -> (PathBuf, PathBuf, Value) {
    let inst = dir.join(name);
    write_json(&inst, v);
    let out = dir.join(format!("out-{name}"));
    horaire(["solve", s(&inst), "--config", s(&config(dir)), "--out", s(&out), "-q"])
        .args(extra)
        .expect_code(0)
        .stdout_contains("timetable, objective");
    let file = out.join("timetable.json");
    check_ok(&inst, &file);
    let tt = read_json(&file);
    (inst, file, tt)
}

/// The meetings of `activity` as (date, start, site, room).
fn meetings_of(tt: &Value, activity: &str) -> Vec<(String, String, String, String)> {
    let text = |m: &Value, k: &str| m[k].as_str().expect("a string").to_string();
    tt["meetings"]
        .as_array()
        .expect("meetings")
        .iter()
        .filter(|m| m["activity"] == activity)
        .map(|m| (text(m, "date"), text(m, "start"), text(m, "site"), text(m, "room")))
        .collect()
}

fn weekday(date: &str) -> chrono::Weekday {
    use chrono::Datelike;
    chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").expect("a date").weekday()
}

#[test]
fn a_pinned_activity_lands_on_its_pins_and_moving_it_is_rejected() {
    let dir = temp_dir();
    let mut v = programme();
    // A weekly slot in a room, and one exact meeting of another activity.
    activity(&mut v, "acc-1")["pins"] = json!([{"day": "sat", "start": "13:30", "room": "mons-b"}]);
    activity(&mut v, "acc-5")["pins"] =
        json!([{"date": "2025-10-09", "start": "18:00", "site": "mons", "room": "mons-d"}]);
    let (inst, file, tt) = solve(dir.path(), "pinned.json", &v, &[]);

    let acc1 = meetings_of(&tt, "acc-1");
    assert_eq!(acc1.len(), 5, "{acc1:?}");
    for (date, start, site, room) in &acc1 {
        assert_eq!(
            (weekday(date), start.as_str(), site.as_str(), room.as_str()),
            (chrono::Weekday::Sat, "13:30", "mons", "mons-b")
        );
    }
    let acc5 = meetings_of(&tt, "acc-5");
    assert!(acc5.contains(&("2025-10-09".into(), "18:00".into(), "mons".into(), "mons-d".into())), "{acc5:?}");

    // Moved to the morning slot of the same Saturday: the pin rule says so.
    let mut moved = tt.clone();
    let m = moved["meetings"]
        .as_array_mut()
        .expect("meetings")
        .iter_mut()
        .find(|m| m["activity"] == "acc-1")
        .expect("a meeting of acc-1");
    m["start"] = Value::from("09:00");
    m["end"] = Value::from("12:15");
    let moved_file = dir.path().join("moved.json");
    write_json(&moved_file, &moved);
    let run = horaire(["check", s(&inst), s(&moved_file)]).run();
    assert_ne!(run.code, 0, "a moved pinned meeting passed the check:\n{}", run.stdout);
    run.stdout_contains("pin: activity \"acc-1\" is pinned to Saturday 13:30 in room mons-b but meets on");

    // Another room for the exact meeting: rejected too.
    let mut other_room = tt.clone();
    let m = other_room["meetings"]
        .as_array_mut()
        .expect("meetings")
        .iter_mut()
        .find(|m| m["activity"] == "acc-5" && m["date"] == "2025-10-09")
        .expect("the pinned meeting");
    m["room"] = Value::from("mons-a");
    let room_file = dir.path().join("room.json");
    write_json(&room_file, &other_room);
    horaire(["check", s(&inst), s(&room_file)])
        .run()
        .stdout_contains("pin: activity \"acc-5\" is pinned to room mons-d");
    // The unedited timetable is still accepted.
    check_ok(&inst, &file);
}

#[test]
fn two_colliding_pins_are_named_by_explain_and_solve() {
    let mut v = programme();
    for a in ["acc-1", "acc-5"] {
        activity(&mut v, a)["pins"] = json!([{"day": "sat", "start": "13:30", "from": "2025-10-04"}]);
    }
    let run = horaire(["explain"]).json_file("instance.json", &v).expect_code(1);
    run.stdout_contains("infeasible");
    run.stdout_contains(
        "the pin of ACC 1 (activity acc-1) on Saturday 13:30 from 2025-10-04 collides with the pin of ACC 5 \
         (activity acc-5) on Saturday 13:30 from 2025-10-04 for cohort MS accompagnement",
    );
    let dir = temp_dir();
    let inst = dir.path().join("collide.json");
    write_json(&inst, &v);
    let out = dir.path().join("out");
    let run = horaire(["solve", s(&inst), "--config", s(&config(dir.path())), "--out", s(&out), "-q"]).expect_code(1);
    run.stdout_contains("These pins cannot all be kept");
    run.stdout_contains("the pin of ACC 5 (activity acc-5)");
    assert!(!out.join("timetable.json").exists(), "an infeasible solve wrote a timetable");
}

#[test]
fn keeping_every_activity_re_solves_to_the_same_meetings() {
    let dir = temp_dir();
    let v = programme();
    let (_, first, tt) = solve(dir.path(), "free.json", &v, &[]);
    let (_, _, kept) = solve(dir.path(), "kept.json", &v, &["--keep", s(&first)]);
    assert_eq!(kept["meetings"], tt["meetings"]);

    // Keeping two UEs only: their meetings stay, the rest is solved again.
    let (_, _, some) = solve(dir.path(), "some.json", &v, &["--keep", s(&first), "--only", "ACC 1,acc-9"]);
    for a in ["acc-1", "acc-9"] {
        assert_eq!(meetings_of(&some, a), meetings_of(&tt, a), "{a} moved");
    }
    // An unknown UE in the selection is bad input.
    let inst = dir.path().join("free.json");
    horaire(["solve", s(&inst), "--keep", s(&first), "--except", "ACC 99", "--out", s(dir.path()), "-q"])
        .expect_code(2)
        .stderr_contains("--except[0]: the instance has no UE or activity \"ACC 99\"");
}

#[test]
fn bad_pins_are_all_reported_with_their_paths() {
    let mut v = programme();
    activity(&mut v, "acc-1")["pins"] = json!([
        {"day": "mardi", "start": "18:00"},
        {"day": "tue", "start": "18:30"},
        {"date": "2026-03-03", "start": "18:00", "site": "mons", "room": "mons-a"},
        {"date": "2025-10-07", "start": "18:00", "site": "namur", "room": "nam-9"},
        {"day": "tue", "start": "18:00", "room": "mons-g"},
        {"day": "tue", "start": "18:00", "from": "2025-10-09"},
        {"start": "18:00"}
    ]);
    let at = "ues[0].activities[0].pins";
    let run = horaire(["validate"]).json_file("instance.json", &v).expect_code(2);
    for needle in [
        format!("{at}[0].day: expected a day mon, tue, wed, thu, fri, sat or sun, found \"mardi\""),
        format!(
            "{at}[1].start: 18:30 on tue is not a start of time grid \"acc-soir-samedi\": its starts on tue are 18:00"
        ),
        format!("{at}[2].date: 2026-03-03 is outside the period of ACC 1 (Q1)"),
        format!("{at}[3].site: activity acc-1 meets at mons, not at \"namur\""),
        format!("{at}[3].room: the instance has no room \"nam-9\""),
        format!("{at}[4].room: room \"mons-g\" has 20 seats but 26 students attend"),
        format!("{at}[5].from: 2025-10-09 is a thu, not a tue"),
        format!("{at}[6]: expected day (a weekly slot) or date (one meeting)"),
    ] {
        run.stderr_contains(&needle);
    }
    // An unknown key in a pin is reported like any other.
    let mut v = tiny();
    v["ues"][0]["activities"][0]["pins"] = json!([{"day": "tue", "start": "17:15", "hour": 3}]);
    horaire(["validate"]).json_file("instance.json", &v).expect_code(2).stderr_contains("pins[0].hour");
}

#[test]
fn a_pin_no_way_of_meeting_keeps_is_a_clear_failure() {
    // Ten weekly meetings cannot start on the last Thursday of the period.
    let mut v = tiny();
    v["ues"][0]["activities"][0]["pins"] = json!([{"day": "thu", "start": "17:15", "from": "2025-12-18"}]);
    let dir = temp_dir();
    let inst = dir.path().join("late.json");
    write_json(&inst, &v);
    let run = horaire(["solve", s(&inst), "--out", s(dir.path()), "-q"]).expect_code(1);
    run.stdout_contains("a1: no way of meeting it keeps its pins (Thursday 17:15 from 2025-12-18)");
    horaire(["explain", s(&inst)]).expect_code(1).stdout_contains("activity a1 of UE 1 cannot meet at all: no way");
}

#[test]
fn the_checker_fixture_breaks_only_the_pin_rule() {
    // pin-instance.json is the checker's instance with a111 pinned to
    // Tuesday 17:15 in m-big; pin.json moves its second meeting to Thursday.
    let dir = root().join("tests/fixtures/check");
    let inst = dir.join("pin-instance.json");
    check_ok(&inst, &dir.join("valid.json"));
    let run = horaire(["check", s(&inst), s(&dir.join("pin.json")), "--json"]).expect_code(1);
    let found = run.stdout_json();
    let found = found.as_array().expect("a list");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0]["rule"], "pin");
    assert_eq!(found[0]["meetings"][0]["date"], "2026-03-12");
    assert!(
        found[0]["message"].as_str().expect("a message").contains("pinned to Tuesday 17:15 in room m-big"),
        "{found:?}"
    );
}
