//! `horaire repair` through the real binary: each repaired timetable
//! passes `horaire check` against the changed instance (written here, by
//! editing the instance JSON independently of the repair code) and
//! `horaire check --changes` with its own change file, keeps every
//! meeting before the change date byte for byte, and its diff lists exactly
//! the meetings that differ between the two timetables.

mod common;
use common::{check_ok, doc_example, fixture, horaire, read_json as read, reference, s, temp_dir, write_json};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Solves `instance` into `dir/base` and checks it; returns the timetable path.
fn solve(instance: &Path, dir: &Path) -> PathBuf {
    let out = dir.join("base");
    horaire(["solve", s(instance), "--out", s(&out), "--quiet"]).expect_code(0);
    let tt = out.join("timetable.json");
    check_ok(instance, &tt);
    tt
}

/// The instance with the change file's events written into it by hand:
/// unavailability on the teacher, closures in the calendar, new hours on
/// the activity. Room closures have no instance form (checked apart).
fn changed_instance(instance: &Path, changes: &Path, dir: &Path) -> PathBuf {
    let mut inst = read(instance);
    // A calendar given by path is relative to the instance's directory.
    if let Some(cal) = inst["calendar"].as_str() {
        let dir = instance.parent().expect("instance directory");
        inst["calendar"] = Value::from(s(&dir.join(cal)));
    }
    let ch = read(changes);
    for e in ch["events"].as_array().expect("events") {
        match e["kind"].as_str().expect("kind") {
            "teacher_unavailable" => {
                let t = inst["teachers"]
                    .as_array_mut()
                    .expect("teachers")
                    .iter_mut()
                    .find(|t| t["id"] == e["teacher"])
                    .expect("teacher in instance");
                let obj = t.as_object_mut().expect("teacher object");
                let list = obj.entry("unavailable").or_insert_with(|| Value::Array(vec![]));
                list.as_array_mut().expect("list").push(serde_json::json!({"from": e["from"], "to": e["to"]}));
            }
            "closure" => inst["calendar"]["closures"]
                .as_array_mut()
                .expect("inline calendar")
                .push(serde_json::json!({"from": e["from"], "to": e["to"], "label": e["label"]})),
            "hours_changed" => {
                for ue in inst["ues"].as_array_mut().expect("ues") {
                    for a in ue["activities"].as_array_mut().expect("activities") {
                        if a["id"] == e["activity"] {
                            a["hours"] = e["hours"].clone();
                        }
                    }
                }
            }
            "room_closed" => {}
            other => panic!("unexpected kind {other}"),
        }
    }
    let path = dir.join("changed.json");
    write_json(&path, &inst);
    path
}

/// A meeting's identifying fields, for comparing.
fn key(activity: &Value, m: &Value) -> String {
    format!(
        "{} {} {}-{} {} {}",
        activity.as_str().expect("activity"),
        m["date"].as_str().expect("date"),
        m["start"].as_str().expect("start"),
        m["end"].as_str().expect("end"),
        m["site"].as_str().expect("site"),
        m["room"].as_str().expect("room")
    )
}

fn multiset(list: impl Iterator<Item = String>) -> BTreeMap<String, usize> {
    let mut m = BTreeMap::new();
    for k in list {
        *m.entry(k).or_default() += 1;
    }
    m
}

/// Repairs and asserts the three properties; returns (old, new, diff).
fn repair_and_check(instance: &Path, changes: &str, dir: &Path) -> (Value, Value, Value, String) {
    let base = solve(instance, dir);
    repair_base_and_check(instance, &base, changes, dir)
}

/// [`repair_and_check`] on a given old timetable.
fn repair_base_and_check(instance: &Path, base: &Path, changes: &str, dir: &Path) -> (Value, Value, Value, String) {
    let base = base.to_path_buf();
    let changes = fixture(&format!("repair/{changes}"));
    let out = dir.join("repaired");
    let run = horaire(["repair", s(instance), s(&base), "--changes", s(&changes), "--out", s(&out), "--quiet"])
        .expect_code(0);
    let new_path = out.join("timetable.json");
    // The checker rejects nothing on the changed instance.
    let changed = changed_instance(instance, &changes, dir);
    check_ok(&changed, &new_path);
    // The checker applies the change file itself too, room closures included.
    horaire(["check", s(instance), s(&new_path), "--changes", s(&changes)]).expect_code(0);
    // The room closures, which the hand-written changed instance cannot
    // hold, are really seen: the old timetable breaks them when the change
    // moved anything out of a closed room.
    let closes_rooms = read(&changes)["events"].as_array().expect("events").iter().any(|e| e["kind"] == "room_closed");
    if closes_rooms {
        let old_check = horaire(["check", s(instance), s(&base), "--changes", s(&changes), "--json"]).expect_code(1);
        assert!(old_check.stdout.contains("\"room_closed\""), "{}", old_check.stdout);
    }

    let old = read(&base);
    let new = read(&new_path);
    let diff = read(&out.join("diff.json"));
    let from = read(&changes)["from"].as_str().expect("from").to_string();

    // The past, byte for byte and in the same order.
    let past = |tt: &Value| -> Vec<String> {
        tt["meetings"]
            .as_array()
            .expect("meetings")
            .iter()
            .filter(|m| m["date"].as_str().expect("date") < from.as_str())
            .map(|m| serde_json::to_string(m).expect("serialise"))
            .collect()
    };
    assert!(!past(&old).is_empty(), "the fixture must have a past");
    assert_eq!(past(&old), past(&new), "a meeting before {from} changed");

    // Exactly the differing meetings are in the diff.
    let all =
        |tt: &Value| multiset(tt["meetings"].as_array().expect("meetings").iter().map(|m| key(&m["activity"], m)));
    let (o, n) = (all(&old), all(&new));
    let minus = |a: &BTreeMap<String, usize>, b: &BTreeMap<String, usize>| -> BTreeMap<String, usize> {
        a.iter()
            .filter_map(|(k, &c)| {
                let d = c.saturating_sub(b.get(k).copied().unwrap_or(0));
                (d > 0).then(|| (k.clone(), d))
            })
            .collect()
    };
    let (gone, came) = (minus(&o, &n), minus(&n, &o));
    let changes_list = diff["changes"].as_array().expect("changes");
    let side = |name: &str| {
        multiset(changes_list.iter().filter(|c| !c[name].is_null()).map(|c| key(&c["activity"], &c[name])))
    };
    assert_eq!(side("before"), gone, "diff 'before' sides vs meetings that disappeared");
    assert_eq!(side("after"), came, "diff 'after' sides vs meetings that appeared");
    for c in changes_list {
        let kind = c["change"].as_str().expect("change");
        let expected = match (c["before"].is_null(), c["after"].is_null()) {
            (false, false) => "moved",
            (false, true) => "cancelled",
            (true, false) => "added",
            (true, true) => panic!("empty change {c}"),
        };
        assert_eq!(kind, expected, "{c}");
    }
    let future_old =
        old["meetings"].as_array().expect("m").iter().filter(|m| m["date"].as_str() >= Some(&from)).count();
    assert_eq!(diff["future_meetings_before"], Value::from(future_old));
    assert_eq!(diff["past_meetings_changed"], Value::from(0));
    (old, new, diff, run.stdout)
}

#[test]
fn teacher_away_moves_only_the_meetings_of_that_teacher() {
    let dir = temp_dir();
    let (_old, new, diff, text) = repair_and_check(&fixture("tiny.json"), "teacher-away.json", dir.path());
    // t1 teaches a1 on Tuesdays: the two meetings in the window go elsewhere.
    for m in new["meetings"].as_array().expect("meetings") {
        let d = m["date"].as_str().expect("date");
        if m["activity"] == "a1" {
            assert!(!("2025-11-17"..="2025-11-30").contains(&d), "a1 still meets on {d} while t1 is away");
        }
    }
    let changes = diff["changes"].as_array().expect("changes");
    assert!(!changes.is_empty(), "the away teacher's meetings must change");
    assert!(changes.iter().all(|c| c["activity"] == "a1"), "only a1 (t1) should change: {changes:?}");
    assert!(
        text.contains("Teacher t1") && text.contains("Cohort b1"),
        "text diff grouped by teacher and cohort:\n{text}"
    );
}

#[test]
fn room_closed_moves_meetings_to_another_room() {
    let dir = temp_dir();
    let inst = fixture("repair/two-rooms.json");
    let (old, new, diff, _) = repair_and_check(&inst, "room-closed.json", dir.path());
    let in_window = |m: &&Value| ("2025-11-17"..="2025-11-30").contains(&m["date"].as_str().expect("date"));
    let old_in_m2 =
        old["meetings"].as_array().expect("m").iter().filter(in_window).filter(|m| m["room"] == "m2").count();
    assert!(old_in_m2 > 0, "the fixture must use m2 in the window");
    assert!(
        new["meetings"].as_array().expect("m").iter().filter(in_window).all(|m| m["room"] != "m2"),
        "a meeting still uses the closed room m2"
    );
    // A room change is enough: dates, times and sites stay.
    for c in diff["changes"].as_array().expect("changes") {
        assert_eq!(c["change"], "moved", "{c}");
        for k in ["date", "start", "end", "site"] {
            assert_eq!(c["before"][k], c["after"][k], "{c}");
        }
    }
    assert_eq!(diff["moved"], Value::from(old_in_m2));
}

#[test]
fn hours_added_and_a_strike_day_are_absorbed() {
    let dir = temp_dir();
    let (old, new, diff, _) = repair_and_check(&fixture("tiny.json"), "hours-added.json", dir.path());
    let count = |tt: &Value| tt["meetings"].as_array().expect("m").iter().filter(|m| m["activity"] == "a1").count();
    assert_eq!(count(&old), 10);
    assert_eq!(count(&new), 12, "34.5 h in 3 h sessions is 11 full meetings and one of 1.5 h");
    assert!(new["meetings"].as_array().expect("m").iter().all(|m| m["date"] != "2025-12-02"), "strike day used");
    assert!(diff["added"].as_u64().expect("added") >= 2);
}

#[test]
fn changes_that_cannot_be_absorbed_exit_1_and_name_the_activity() {
    let dir = temp_dir();
    let inst = fixture("tiny.json");
    let base = solve(&inst, dir.path());
    let out = dir.path().join("repaired");
    let ch = fixture("repair/too-long-away.json");
    let run = horaire(["repair", s(&inst), s(&base), "--changes", s(&ch), "--out", s(&out), "--quiet"]).expect_code(1);
    assert!(run.stdout.contains("\"a1\"") && run.stdout.contains("t1"), "explanation: {}", run.stdout);
    assert!(!out.exists(), "nothing may be written");
}

#[test]
fn a_bad_change_file_lists_every_problem_with_its_path_and_exits_2() {
    let dir = temp_dir();
    let inst = fixture("tiny.json");
    let base = solve(&inst, dir.path());
    let out = dir.path().join("repaired");
    let ch = fixture("repair/bad.json");
    let run = horaire(["repair", s(&inst), s(&base), "--changes", s(&ch), "--out", s(&out), "--quiet"]).expect_code(2);
    // `check --changes` reads the change file with the same reader.
    let check = horaire(["check", s(&inst), s(&base), "--changes", s(&ch)]).expect_code(2);
    assert!(check.stdout.is_empty(), "{}", check.stdout);
    for needle in [
        "bad.json: format: expected \"horaire-changes/1\"",
        "bad.json: note: unknown key",
        "events[0].teacher: unknown teacher \"nobody\"",
        "events[0].to: 2025-11-18 is before \"from\"",
        "events[1].from: \"2025-02-30\" is not a date",
        "events[2].hours: 2.1 is not a positive number of hours in quarter hours",
        "events[3].kind: unknown event kind \"strike\"",
        "events[4].lable: unknown key",
        "events[4].from: 2025-11-01 is before the change file's \"from\"",
        "events[5].activity: unknown activity \"a9\"",
        "events[5].hours: -3 is not a positive number",
    ] {
        assert!(run.stderr.contains(needle), "missing {needle:?} in:\n{}", run.stderr);
        assert!(check.stderr.contains(needle), "check --changes: missing {needle:?} in:\n{}", check.stderr);
    }
    assert!(!out.exists(), "nothing may be written");
}

#[test]
fn hours_below_what_was_already_taught_are_bad_input() {
    let dir = temp_dir();
    let inst = fixture("tiny.json");
    let base = solve(&inst, dir.path());
    let ch = dir.path().join("fewer.json");
    std::fs::write(
        &ch,
        r#"{"format": "horaire-changes/1", "from": "2025-11-17", "events": [{"kind": "hours_changed", "activity": "a1", "hours": 6}]}"#,
    )
    .expect("write");
    let out = dir.path().join("repaired");
    let run = horaire(["repair", s(&inst), s(&base), "--changes", s(&ch), "--out", s(&out), "--quiet"]).expect_code(2);
    assert!(
        run.stderr.contains("events[0].hours: activity \"a1\" already met 21 h before 2025-11-17"),
        "{}",
        run.stderr
    );
    assert!(!out.exists());
}

#[test]
fn closing_the_only_room_of_a_site_moves_its_meetings_out_of_the_window() {
    let dir = temp_dir();
    // A fixed base timetable (the solver may pick another optimum, one
    // that keeps Mons busy after the window and leaves no room to move).
    let base = fixture("repair/tiny.timetable.json");
    let (old, new, diff, _) = repair_base_and_check(&fixture("tiny.json"), &base, "only-room-closed.json", dir.path());
    let in_window = |m: &&Value| ("2025-11-17"..="2025-11-30").contains(&m["date"].as_str().expect("date"));
    let at_mons = |tt: &Value| {
        tt["meetings"].as_array().expect("m").iter().filter(in_window).filter(|m| m["site"] == "mons").count()
    };
    assert!(at_mons(&old) > 0, "the fixture must meet at Mons in the window");
    assert_eq!(at_mons(&new), 0, "Mons has no open room in the window");
    assert!(diff["moved"].as_u64().expect("moved") >= at_mons(&old) as u64);
}

#[test]
fn untouched_activities_move_when_the_touched_one_needs_their_slots() {
    // a1's teacher can only teach on Tuesdays and is away two weeks; the
    // only Tuesdays left are a2's, so a2 must give them up.
    let dir = temp_dir();
    let inst = fixture("repair/tight.json");
    let base = fixture("repair/tight.timetable.json");
    let (_old, new, diff, _) = repair_base_and_check(&inst, &base, "tight-away.json", dir.path());
    let a2_moved = diff["changes"].as_array().expect("changes").iter().filter(|c| c["activity"] == "a2").count();
    assert_eq!(a2_moved, 2, "{diff}");
    let a1_dates: Vec<&str> = new["meetings"]
        .as_array()
        .expect("m")
        .iter()
        .filter(|m| m["activity"] == "a1")
        .map(|m| m["date"].as_str().expect("date"))
        .collect();
    assert_eq!(a1_dates, ["2025-09-16", "2025-10-07", "2025-10-14", "2025-10-21"]);
}

#[test]
fn the_same_repair_twice_gives_the_same_bytes() {
    let dir = temp_dir();
    let inst = fixture("repair/tight.json");
    let base = fixture("repair/tight.timetable.json");
    let ch = fixture("repair/tight-away.json");
    let mut outputs = Vec::new();
    for k in 0..2 {
        let out = dir.path().join(format!("r{k}"));
        let run =
            horaire(["repair", s(&inst), s(&base), "--changes", s(&ch), "--out", s(&out), "--quiet"]).expect_code(0);
        let mut tt = read(&out.join("timetable.json"));
        let _ = tt["report"].as_object_mut().expect("report").remove("seconds");
        let diff = std::fs::read(out.join("diff.json")).expect("diff");
        let text = run.stdout.lines().filter(|l| !l.starts_with("Repaired in")).collect::<Vec<_>>().join("\n");
        outputs.push((tt, diff, text));
    }
    assert_eq!(outputs[0], outputs[1]);
}

/// The keys of the diff example in docs/formats.md: those of the whole
/// file, or (`changes`) those of its changes together.
fn documented_keys(changes: bool) -> Vec<String> {
    let example = doc_example("horaire-diff/1").json();
    let objects: Vec<&Value> =
        if changes { example["changes"].as_array().expect("changes").iter().collect() } else { vec![&example] };
    let mut keys: Vec<String> =
        objects.iter().flat_map(|o| o.as_object().expect("an object").keys().cloned()).collect();
    keys.sort();
    keys.dedup();
    keys
}

#[test]
fn the_diff_has_exactly_the_documented_keys() {
    let dir = temp_dir();
    let inst = fixture("repair/tight.json");
    let base = fixture("repair/tight.timetable.json");
    let (_, _, diff, _) = repair_base_and_check(&inst, &base, "tight-away.json", dir.path());
    let mut top: Vec<String> = diff.as_object().expect("object").keys().cloned().collect();
    top.sort();
    assert_eq!(top, documented_keys(false), "docs/formats.md and diff.json disagree on the top-level keys");
    let documented = documented_keys(true);
    let changes = diff["changes"].as_array().expect("changes");
    assert!(!changes.is_empty(), "the fixture must change something");
    for c in changes {
        for k in c.as_object().expect("change object").keys() {
            assert!(
                documented.contains(k),
                "key {k:?} of a change is not documented in docs/formats.md ({documented:?})"
            );
        }
    }
    let moved = changes.iter().find(|c| c["change"] == "moved").expect("a moved meeting");
    let mut change_keys: Vec<String> = moved.as_object().expect("object").keys().cloned().collect();
    change_keys.sort();
    assert_eq!(change_keys, documented, "a moved change carries every documented key");
}

#[test]
fn umons_teachers_away_three_weeks_in_march_move_only_what_they_must() {
    // A solved UMONS Education timetable (kept as a fixture: solving takes
    // half a minute). Each teacher is away 2026-03-02..22.
    let inst = reference("umons-education-social-action-2025-2026.json");
    let base = fixture("repair/umons-education.timetable.json");
    check_ok(&inst, &base);
    // Every meeting the teacher had in the window must change. Hennaut's
    // alternating TP (C, M, C lost; M C M C M C M kept) takes the three
    // back as a Charleroi–Mons pair between two kept meetings and one at
    // the end, so nothing else moves. Dubois loses cours C 03-04, M 03-11,
    // C 03-18 (the last before them is M 02-25, the next kept M 03-25) and
    // séminaire C 03-16: keeping cours 03-25 needs a Charleroi cours
    // between 02-25 and 03-25 when Dubois is back, and the only evenings
    // then (Mon 03-23, Tue 03-24: one slot a weekday, Saturday 03-21 is
    // inside the absence) hold cohort edu-b1's séminaire and atelier, so
    // one more meeting must move.
    for (changes, teacher, beyond) in
        [("umons-hennaut-away-march.json", "t-umons-hennaut", 0), ("umons-dubois-away-march.json", "t-umons-dubois", 1)]
    {
        let dir = temp_dir();
        let (old, _new, diff, _) = repair_base_and_check(&inst, &base, changes, dir.path());
        let lost = old["meetings"]
            .as_array()
            .expect("meetings")
            .iter()
            .filter(|m| ("2026-03-02"..="2026-03-22").contains(&m["date"].as_str().expect("date")))
            .filter(|m| m["teachers"].as_array().expect("teachers").iter().any(|t| t == teacher))
            .count();
        assert!(lost >= 3, "{teacher} must teach in the window");
        let changed = diff["changes"].as_array().expect("changes");
        assert_eq!(changed.len(), lost + beyond, "{teacher}: {}", serde_json::to_string_pretty(&diff).expect("json"));
        for c in changed {
            // A meeting kept on its date, time and site keeps its room too.
            let same = ["date", "start", "site"].iter().all(|k| c["before"][k] == c["after"][k]);
            assert!(!same, "{teacher}: a meeting changed only its room: {c}");
        }
    }
}
