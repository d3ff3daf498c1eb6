//! A faculty in one run: independent parts found and solved apart, and a
//! generated faculty solved reproducibly. Every timetable goes through
//! `horaire check`, the independent checker.

mod common;
use common::{check_ok, horaire, read_json, s, solver_config, temp_dir, tiny, write_json};
use serde_json::{Value, json};
use std::path::{Path, PathBuf};

/// The tiny instance with a second programme `q` (its own cohort and
/// activity) taught by `teacher` at `site`; a third site `namur` with one
/// room is added.
fn two_programmes(teacher: &str, site: &str) -> Value {
    let mut v = tiny();
    v["sites"].as_array_mut().expect("sites").push(json!({
        "id": "namur", "name": "UNamur", "city": "Namur", "rooms": [{ "id": "n1", "capacity": 40 }] }));
    if !v["teachers"].as_array().expect("teachers").iter().any(|t| t["id"] == teacher) {
        v["teachers"].as_array_mut().expect("teachers").push(json!({ "id": teacher, "name": "C. Lambert" }));
    }
    v["cohorts"].as_array_mut().expect("cohorts").push(json!({ "id": "c1", "name": "Autre", "students": 20 }));
    v["programmes"].as_array_mut().expect("programmes").push(json!({
        "id": "q", "name": "Autre programme", "time_grid": "soir", "cohorts": ["c1"] }));
    v["ues"].as_array_mut().expect("ues").push(json!({
        "code": "UE 9", "title": "Neuf", "programme": "q", "period": "Q1",
        "activities": [ { "id": "a9", "kind": "cours", "hours": 30, "session_hours": 3,
                          "teachers": [teacher], "cohorts": ["c1"], "site": site, "frequency": "weekly" } ] }));
    v
}

/// A config from `default.json` with a node limit: reproducible.
fn node_limited(dir: &Path) -> PathBuf {
    solver_config(dir, "node-limit.json", "default.json", |v| {
        v["node_limit"] = Value::from(5);
        v["time_limit_seconds"] = Value::from(120);
    })
}

/// The timetable without the seconds the solve took.
fn without_seconds(mut v: Value) -> Value {
    if let Some(r) = v.get_mut("report").and_then(Value::as_object_mut) {
        let _ = r.remove("seconds");
    }
    v
}

/// The parts of an instance file, as lists of programme ids.
fn parts_of(file: &Path) -> Vec<Vec<String>> {
    let inst = horaire::load_instance(file).expect("a valid instance");
    horaire::timetable::start::independent_parts(&inst)
        .into_iter()
        .map(|part| part.into_iter().map(|g| inst.programmes[g].id.clone()).collect())
        .collect()
}

#[test]
fn programmes_sharing_no_teacher_site_or_cohort_are_independent_parts_and_a_shared_teacher_joins_them() {
    let dir = temp_dir();
    let apart = dir.path().join("apart.json");
    write_json(&apart, &two_programmes("t3", "namur"));
    assert_eq!(parts_of(&apart), vec![vec!["p".to_string()], vec!["q".to_string()]]);
    // The same teacher t1 in both programmes: one part.
    let teacher = dir.path().join("teacher.json");
    write_json(&teacher, &two_programmes("t1", "namur"));
    assert_eq!(parts_of(&teacher), vec![vec!["p".to_string(), "q".to_string()]]);
    // A teacher of its own, but on a site of the first programme (its
    // rooms are shared): one part.
    let site = dir.path().join("site.json");
    write_json(&site, &two_programmes("t3", "mons"));
    assert_eq!(parts_of(&site), vec![vec!["p".to_string(), "q".to_string()]]);
}

#[test]
fn a_two_part_instance_is_solved_as_two_parts_reproducibly_and_checked() {
    let dir = temp_dir();
    let inst = dir.path().join("two.json");
    write_json(&inst, &two_programmes("t3", "namur"));
    let cfg = node_limited(dir.path());
    let mut files = Vec::new();
    for name in ["a", "b"] {
        let out = dir.path().join(name);
        let run = horaire(["solve", s(&inst), "--config", s(&cfg), "--out", s(&out)]).expect_code(0);
        assert!(run.stderr.contains("start: 2 independent parts"), "{}", run.stderr);
        assert!(run.stderr.contains("start: programme p placed"), "{}", run.stderr);
        assert!(run.stderr.contains("start: programme q placed"), "{}", run.stderr);
        let file = out.join("timetable.json");
        check_ok(&inst, &file);
        files.push(read_json(&file));
    }
    let t = &files[0];
    // Both programmes' activities meet: a1 10 times, a2 5, a9 10.
    let meetings = t["meetings"].as_array().expect("meetings");
    for (activity, count) in [("a1", 10), ("a2", 5), ("a9", 10)] {
        assert_eq!(meetings.iter().filter(|m| m["activity"] == activity).count(), count, "{activity}");
    }
    // a9 meets at Namur, the only site of its part.
    assert!(meetings.iter().filter(|m| m["activity"] == "a9").all(|m| m["site"] == "namur"), "{t}");
    assert_eq!(without_seconds(files[0].clone()), without_seconds(files[1].clone()));
}

#[test]
fn a_generated_faculty_solved_twice_with_a_node_limit_gives_the_same_bytes() {
    let dir = temp_dir();
    let inst = dir.path().join("faculty.json");
    horaire(["synth", "faculty", "--programmes", "1", "--seed", "1", "--out", s(&inst)]).expect_code(0);
    let cfg = node_limited(dir.path());
    let mut bytes = Vec::new();
    for name in ["a", "b"] {
        let out = dir.path().join(name);
        horaire(["solve", s(&inst), "--config", s(&cfg), "--out", s(&out)]).expect_code(0);
        let file = out.join("timetable.json");
        check_ok(&inst, &file);
        let text = serde_json::to_string_pretty(&without_seconds(read_json(&file))).expect("json");
        bytes.push(text);
    }
    assert!(bytes[0].contains("\"meetings\""));
    assert_eq!(bytes[0], bytes[1]);
}
