//! docs/formats.md through the real binary: every example block (marked
//! `<!-- example: KIND -->`) is written to a directory as the file it
//! shows and read by the command that reads that format, which must accept
//! it. The examples form one small programme: the instance names the
//! calendar, the timetable is the instance's, the plan and the hours log
//! are its students', the change file and the diff are a repair of it.

mod common;
use common::{DocExample, check_ok, doc_examples, horaire, read_json, s, temp_dir};
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::PathBuf;
use tempfile::TempDir;

/// Every example kind, once each: the formats, the hours log, and the
/// checker's JSON output.
const KINDS: [&str; 9] = [
    "horaire-calendar/1",
    "horaire/1",
    "horaire-solver-config/1",
    "horaire-timetable/1",
    "horaire-placements/1",
    "hours-log",
    "horaire-changes/1",
    "horaire-diff/1",
    "violations",
];

/// The examples written as files in a temporary directory: the calendar
/// where the instance's `calendar` key says, the others beside the
/// instance.
struct Files {
    dir: TempDir,
}

impl Files {
    fn write() -> Files {
        let dir = temp_dir();
        for e in doc_examples() {
            let name = match e.kind.as_str() {
                "horaire-calendar/1" => calendar_path(),
                "horaire/1" => "instance.json".into(),
                "horaire-solver-config/1" => "config.json".into(),
                "horaire-timetable/1" => "timetable.json".into(),
                "horaire-placements/1" => "placements.json".into(),
                "hours-log" => "hours.csv".into(),
                "horaire-changes/1" => "changes.json".into(),
                "horaire-diff/1" => "diff.json".into(),
                "violations" => "violations.json".into(),
                other => panic!("docs/formats.md:{}: unknown example kind {other:?}", e.line),
            };
            let path = dir.path().join(name);
            std::fs::create_dir_all(path.parent().expect("a directory")).expect("mkdir");
            std::fs::write(&path, format!("{}\n", e.text)).expect("write example");
        }
        Files { dir }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn arg(&self, name: &str) -> String {
        s(&self.path(name)).to_string()
    }
}

/// The calendar path the instance example names.
fn calendar_path() -> String {
    let instance = example("horaire/1").json();
    instance["calendar"].as_str().expect("the instance example names its calendar file").to_string()
}

fn example(kind: &str) -> DocExample {
    common::doc_example(kind)
}

#[test]
fn every_block_is_a_marked_example_and_every_format_has_one() {
    let kinds: Vec<String> = doc_examples().into_iter().map(|e| e.kind).collect();
    let unique: BTreeSet<&str> = kinds.iter().map(String::as_str).collect();
    assert_eq!(unique.len(), kinds.len(), "an example kind is used twice: {kinds:?}");
    let wanted: BTreeSet<&str> = KINDS.into_iter().collect();
    assert_eq!(unique, wanted, "docs/formats.md examples");
}

#[test]
fn the_instance_example_validates_with_the_calendar_example() {
    let files = Files::write();
    let calendar = example("horaire-calendar/1").json();
    let name = calendar["name"].as_str().expect("calendar name");
    let run = horaire(["validate", &files.arg("instance.json")]).expect_code(0);
    run.stdout_contains(": valid.").stdout_contains(&format!("Calendar: {name} ("));
    // The instance's students are there: 2 with placements, 2 hosts.
    run.stdout_contains("1 placement requirement(s) for 2 student(s) with 2 host(s)");
}

#[test]
fn the_timetable_example_passes_the_checker() {
    let files = Files::write();
    check_ok(&files.path("instance.json"), &files.path("timetable.json"));
}

#[test]
fn the_config_example_drives_a_solve_whose_timetable_passes_the_checker() {
    let files = Files::write();
    let out = files.path("solved");
    horaire(["solve", &files.arg("instance.json"), "--config", &files.arg("config.json"), "--out", s(&out)])
        .expect_code(0)
        .stdout_contains("optimal timetable");
    check_ok(&files.path("instance.json"), &out.join("timetable.json"));
}

#[test]
fn the_placement_plan_example_passes_the_verifier_and_the_checker() {
    let files = Files::write();
    let (inst, plan, tt) = (files.arg("instance.json"), files.arg("placements.json"), files.arg("timetable.json"));
    horaire(["placements", "verify", &inst, &plan, "--timetable", &tt]).expect_code(0);
    horaire(["check", &inst, &tt, "--placements", &plan])
        .expect_code(0)
        .stdout_contains("2 placement plan(s) respect every placement rule");
}

#[test]
fn the_hours_log_example_is_read_by_placements_status() {
    let files = Files::write();
    let run = horaire([
        "placements",
        "status",
        &files.arg("instance.json"),
        "--log",
        &files.arg("hours.csv"),
        "--timetable",
        &files.arg("timetable.json"),
        "--as-of",
        "2026-03-10",
        "--json",
    ])
    .expect_code(0);
    // Every line of the log is counted for its student.
    let status = run.stdout_json();
    let plans = status["plans"].as_array().expect("plans");
    for line in example("hours-log").text.lines().skip(1) {
        let cells: Vec<&str> = line.split(',').collect();
        let plan = plans.iter().find(|p| p["student"] == cells[0]).expect("the log's student has a plan");
        let hours: f64 = cells[2].parse().expect("hours");
        assert_eq!(plan["logged_hours"].as_f64(), Some(hours), "{line}: {plan}");
        let validated = if cells[3] == "yes" { hours } else { 0.0 };
        assert_eq!(plan["validated_hours"].as_f64(), Some(validated), "{line}: {plan}");
    }
}

/// A JSON value's shape: the same keys, the same types, the same shapes of
/// list elements (as a set).
fn shape(v: &Value) -> Value {
    match v {
        Value::Object(m) => Value::Object(m.iter().map(|(k, x)| (k.clone(), shape(x))).collect()),
        Value::Array(list) => {
            let mut shapes: Vec<String> = list.iter().map(|x| shape(x).to_string()).collect();
            shapes.sort();
            shapes.dedup();
            Value::from(shapes)
        }
        Value::String(_) => Value::from("string"),
        Value::Number(_) => Value::from("number"),
        Value::Bool(_) => Value::from("bool"),
        Value::Null => Value::from("null"),
    }
}

#[test]
fn the_change_file_example_is_repaired_and_the_diff_example_is_shaped_like_the_diff() {
    let files = Files::write();
    let (inst, tt, changes) = (files.arg("instance.json"), files.arg("timetable.json"), files.arg("changes.json"));
    let out = files.path("repaired");
    horaire(["repair", &inst, &tt, "--changes", &changes, "--out", s(&out), "--quiet"]).expect_code(0);
    // The repair's timetable holds under the changes.
    horaire(["check", &inst, s(&out.join("timetable.json")), "--changes", &changes]).expect_code(0);
    let diff = read_json(&out.join("diff.json"));
    assert_eq!(shape(&example("horaire-diff/1").json()), shape(&diff), "the diff example against {diff:#}");
}

#[test]
fn the_violations_example_is_what_check_prints_with_the_change_file() {
    let files = Files::write();
    let run = horaire([
        "check",
        &files.arg("instance.json"),
        &files.arg("timetable.json"),
        "--changes",
        &files.arg("changes.json"),
        "--json",
    ])
    .expect_code(1);
    assert_eq!(run.stdout_json(), example("violations").json());
}

/// Every key of `v`, recursively, except those under a map whose keys are
/// ids (`patterns_per_activity`).
fn keys(v: &Value, out: &mut BTreeSet<String>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                let _ = out.insert(k.clone());
                if k != "patterns_per_activity" {
                    keys(x, out);
                }
            }
        }
        Value::Array(list) => list.iter().for_each(|x| keys(x, out)),
        _ => {}
    }
}

/// The words written in backticks in `text`.
fn code_words(text: &str) -> BTreeSet<String> {
    text.split('`')
        .skip(1)
        .step_by(2)
        .flat_map(|span| span.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_')))
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

#[test]
fn every_key_of_a_json_example_is_described_in_its_section() {
    for e in doc_examples().into_iter().filter(|e| e.kind != "hours-log") {
        let mut found = BTreeSet::new();
        keys(&e.json(), &mut found);
        let described = code_words(&e.section);
        let missing: Vec<&String> = found.iter().filter(|k| !described.contains(*k)).collect();
        assert!(
            missing.is_empty(),
            "docs/formats.md:{}: the {} example uses undescribed keys {missing:?}",
            e.line,
            e.kind
        );
    }
}

#[test]
fn the_hours_log_example_has_the_documented_header() {
    let log = example("hours-log");
    assert_eq!(log.text.lines().next(), Some("student,date,hours,validated"));
    assert!(log.section.contains("`student,date,hours,validated`"), "{}", log.section);
}
