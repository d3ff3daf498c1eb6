//! `horaire validate` through the real binary: one failing input per
//! validation rule (exact JSON path and message, exit 2), all problems of a
//! file at once, hostile inputs (empty, binary, huge, deeply nested), and
//! the valid fixture.
//!
//! Most inputs are `tests/fixtures/tiny.json` with one small edit, written
//! to a temporary directory by the test itself.

mod common;
use common::{Run, horaire, s, temp_dir, tiny};
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use tempfile::TempDir;

fn validate(file: &Path) -> Run {
    horaire(["validate", s(file)]).run()
}

/// One problem as `--json` prints it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct P {
    file: String,
    path: String,
    message: String,
}

/// `horaire validate --json FILE`: asserts exit 2 and returns the problems.
fn problems(file: &Path) -> Vec<P> {
    let run = horaire(["validate", "--json", s(file)]).run();
    assert_eq!(run.code, 2, "expected exit 2 for {}; stdout: {}; stderr: {}", file.display(), run.stdout, run.stderr);
    let list: Vec<Value> = serde_json::from_str(&run.stdout).expect("--json prints a JSON list");
    list.iter()
        .map(|p| P {
            file: p["file"].as_str().expect("file").to_string(),
            path: p["path"].as_str().expect("path").to_string(),
            message: p["message"].as_str().expect("message").to_string(),
        })
        .collect()
}

/// tiny.json plus a valid placements section and an enrolment, so that the
/// placement rules have something to break.
fn tiny_with_placements() -> Value {
    let mut v = tiny();
    v["enrolments"] = json!([{ "student": "s1", "activities": ["a1", "a2"] }]);
    v["placements"] = json!({
        "hosts": [ { "id": "h1", "name": "CPAS de Mons", "city": "Mons", "capacity": 2,
                     "open": [ { "days": ["mon", "tue", "wed", "thu", "fri"], "start": "08:30", "end": "16:30" } ] } ],
        "requirements": [ { "id": "r1", "ue": "UE 1", "cohort": "b1", "hours": 100,
                            "from": "2025-10-01", "to": "2026-05-15", "max_hours_per_day": 8 } ],
        "students": [ { "id": "s1", "cohort": "b1", "requirement": "r1", "host": "h1", "preferences": ["h1"] } ]
    });
    v
}

fn write_json(dir: &TempDir, name: &str, v: &Value) -> PathBuf {
    let path = dir.path().join(name);
    common::write_json(&path, v);
    path
}

/// Applies `edit` to `base`, validates, and asserts exactly one problem at
/// `path` with `message`, in the instance file, in both output modes.
fn expect_one(mut base: Value, edit: impl FnOnce(&mut Value), path: &str, message: &str) {
    edit(&mut base);
    let dir = temp_dir();
    let file = write_json(&dir, "instance.json", &base);
    let found = problems(&file);
    let want = P { file: file.display().to_string(), path: path.to_string(), message: message.to_string() };
    assert_eq!(found, vec![want], "problems of the edited instance");
    let text = validate(&file);
    assert_eq!(text.code, 2);
    assert_eq!(text.stdout, "", "no summary for an invalid instance");
    assert!(
        text.stderr.contains(&format!("horaire: {}: {path}: {message}\n", file.display())),
        "text output names file, path and message: {}",
        text.stderr
    );
}

fn one(edit: impl FnOnce(&mut Value), path: &str, message: &str) {
    expect_one(tiny(), edit, path, message)
}

fn one_p(edit: impl FnOnce(&mut Value), path: &str, message: &str) {
    expect_one(tiny_with_placements(), edit, path, message)
}

fn push(v: &mut Value, item: Value) {
    v.as_array_mut().expect("an array").push(item);
}

// ---- the valid fixture ----

#[test]
fn tiny_fixture_is_valid_and_summarised() {
    let run = validate(Path::new("tests/fixtures/tiny.json"));
    assert_eq!(run.code, 0, "stderr: {}", run.stderr);
    assert_eq!(
        run.stdout.trim_end(),
        "Tiny test instance (invented): valid. 1 programme(s), 2 UE(s), 2 activit(y/ies) totalling 45 h, \
         15 meetings to place on 2 site(s) with 2 room(s); 2 teacher(s), 1 cohort(s); 0 placement requirement(s) \
         for 0 student(s) with 0 host(s). Calendar: Test year (2025-09-15 to 2026-09-13)."
    );
    let json = horaire(["validate", "--json", "tests/fixtures/tiny.json"]).run();
    assert_eq!((json.code, json.stdout.trim()), (0, "[]"));
}

#[test]
fn placement_base_is_valid() {
    let dir = temp_dir();
    let file = write_json(&dir, "p.json", &tiny_with_placements());
    let run = validate(&file);
    assert_eq!(run.code, 0, "stderr: {}", run.stderr);
    assert!(run.stdout.contains("1 placement requirement(s) for 1 student(s) with 1 host(s)"), "{}", run.stdout);
}

// ---- syntax and structure ----

#[test]
fn malformed_json_reports_line_and_column() {
    let dir = temp_dir();
    let file = dir.path().join("broken.json");
    std::fs::write(&file, "{\n  \"format\": \"horaire/1\",\n  \"name\": \"x\"\n  \"sites\": []\n}\n").expect("write");
    assert_eq!(
        problems(&file),
        vec![P {
            file: file.display().to_string(),
            path: String::new(),
            message: "not valid JSON at line 4, column 3: expected `,` or `}`".to_string()
        }]
    );
}

#[test]
fn wrong_format_value() {
    one(|v| v["format"] = json!("horaire/2"), "format", "expected \"horaire/1\", found \"horaire/2\"");
}

#[test]
fn a_calendar_given_as_the_instance() {
    let dir = temp_dir();
    let file = write_json(&dir, "cal.json", &tiny()["calendar"]);
    assert_eq!(
        problems(&file),
        vec![P {
            file: file.display().to_string(),
            path: "format".to_string(),
            message:
                "expected \"horaire/1\", found \"horaire-calendar/1\": this is a calendar file, not an instance file"
                    .to_string()
        }]
    );
}

#[test]
fn an_instance_given_as_the_calendar() {
    let (_dir, file, cal) = with_calendar_file(|_| {});
    std::fs::copy("tests/fixtures/tiny.json", &cal).expect("copy");
    assert_eq!(
        problems(&file),
        vec![P {
            file: cal.display().to_string(),
            path: "format".to_string(),
            message:
                "expected \"horaire-calendar/1\", found \"horaire/1\": this is an instance file, not a calendar file"
                    .to_string()
        }]
    );
}

#[test]
fn unknown_key_is_located() {
    one(
        |v| v["sites"][0]["rooms"][0]["seats"] = json!(40),
        "sites[0].rooms[0].seats",
        "unknown key \"seats\" (check its spelling)",
    );
}

#[test]
fn every_unknown_key_is_reported() {
    let mut v = tiny();
    v["colour"] = json!("blue");
    v["sites"][1]["adress"] = json!("x");
    v["calendar"]["closures"][0]["lable"] = json!("x");
    v["ues"][1]["activities"][0]["hour"] = json!(3);
    v["ues"][0]["period"] = json!({ "from": "2025-09-15", "to": "2025-12-19", "until": "x" });
    let dir = temp_dir();
    let file = write_json(&dir, "i.json", &v);
    let mut paths: Vec<String> = problems(&file).into_iter().map(|p| p.path).collect();
    paths.sort();
    assert_eq!(
        paths,
        ["calendar.closures[0].lable", "colour", "sites[1].adress", "ues[0].period.until", "ues[1].activities[0].hour"]
    );
}

#[test]
fn missing_required_key() {
    one(
        |v| {
            let _ = v["ues"][1].as_object_mut().expect("object").remove("title");
        },
        "ues[1].title",
        "missing key \"title\" (it is required)",
    );
}

#[test]
fn value_of_the_wrong_type() {
    one(
        |v| v["cohorts"][0]["students"] = json!("25"),
        "cohorts[0].students",
        "expected a whole number, 0 or more, found string \"25\"",
    );
}

#[test]
fn negative_count_is_out_of_range() {
    one(
        |v| v["sites"][0]["rooms"][0]["capacity"] = json!(-3),
        "sites[0].rooms[0].capacity",
        "expected a whole number, 0 or more, found the number -3 (out of range)",
    );
}

#[test]
fn a_list_given_as_a_number_does_not_cascade() {
    // Every reference to a site would fail once `sites` is unreadable; only
    // the cause is reported.
    one(|v| v["sites"] = json!(5), "sites", "expected a list [ … ], found the number 5");
}

#[test]
fn an_activity_given_as_a_string_does_not_cascade() {
    one(
        |v| v["ues"][0]["activities"][0] = json!("a1"),
        "ues[0].activities[0]",
        "expected an object { … }, found string \"a1\"",
    );
}

#[test]
fn site_rule_with_an_unknown_key() {
    one(
        |v| v["ues"][1]["activities"][0]["site"] = json!({ "altern": ["mons", "charleroi"] }),
        "ues[1].activities[0].site",
        "unknown key \"altern\": expected \"alternate\" or \"any_of\"",
    );
}

#[test]
fn an_object_given_as_a_list() {
    // serde would read `[from, to]` as the range's fields in order.
    one(
        |v| v["calendar"]["year"] = json!(["2025-09-15", "2026-09-13"]),
        "calendar.year",
        "expected an object { … }, found a list",
    );
}

#[test]
fn a_list_given_as_an_object() {
    one(
        |v| v["teachers"][1]["unavailable"] = json!({ "days": ["tue"] }),
        "teachers[1].unavailable",
        "expected a list [ … ], found an object",
    );
}

#[test]
fn many_structural_problems_are_capped_with_a_note() {
    let mut v = tiny();
    for i in 0..300 {
        push(&mut v["ues"], json!({ "code": format!("X{i}"), "programme": "p", "period": "Q1" }));
    }
    let dir = temp_dir();
    let file = write_json(&dir, "many.json", &v);
    let found = problems(&file);
    assert_eq!(found.len(), 201, "200 problems and the note");
    assert_eq!(
        (found[0].path.as_str(), found[0].message.as_str()),
        ("ues[2].title", "missing key \"title\" (it is required)")
    );
    assert_eq!(found[199].path, "ues[201].title");
    assert_eq!(
        (found[200].path.as_str(), found[200].message.as_str()),
        ("", "too many structural problems: fix those listed and run again")
    );
}

// ---- duplicate ids ----

#[test]
fn duplicate_site() {
    one(
        |v| push(&mut v["sites"], json!({ "id": "mons" })),
        "sites[2].id",
        "duplicate site id \"mons\" (first defined at sites[0].id)",
    );
}

#[test]
fn duplicate_room() {
    one(
        |v| push(&mut v["sites"][1]["rooms"], json!({ "id": "m1", "capacity": 10 })),
        "sites[1].rooms[1].id",
        "duplicate room id \"m1\" (first defined at sites[0].rooms[0].id)",
    );
}

#[test]
fn duplicate_time_grid() {
    one(
        |v| {
            push(
                &mut v["time_grids"],
                json!({ "id": "soir", "slots": [ { "days": ["mon"], "start": "18:00", "end": "21:00" } ] }),
            )
        },
        "time_grids[1].id",
        "duplicate time grid id \"soir\" (first defined at time_grids[0].id)",
    );
}

#[test]
fn duplicate_teacher() {
    one(
        |v| push(&mut v["teachers"], json!({ "id": "t1" })),
        "teachers[2].id",
        "duplicate teacher id \"t1\" (first defined at teachers[0].id)",
    );
}

#[test]
fn duplicate_cohort() {
    one(
        |v| push(&mut v["cohorts"], json!({ "id": "b1", "students": 3 })),
        "cohorts[1].id",
        "duplicate cohort id \"b1\" (first defined at cohorts[0].id)",
    );
}

#[test]
fn duplicate_programme() {
    one(
        |v| push(&mut v["programmes"], json!({ "id": "p", "time_grid": "soir" })),
        "programmes[1].id",
        "duplicate programme id \"p\" (first defined at programmes[0].id)",
    );
}

#[test]
fn duplicate_ue_code() {
    one(
        |v| push(&mut v["ues"], json!({ "code": "UE 1", "title": "Bis", "programme": "p", "period": "Q2" })),
        "ues[2].code",
        "duplicate UE code \"UE 1\" (first defined at ues[0].code)",
    );
}

#[test]
fn duplicate_activity() {
    one(
        |v| {
            push(
                &mut v["ues"][1]["activities"],
                json!({ "id": "a1", "hours": 3, "session_hours": 3, "teachers": ["t1"], "cohorts": ["b1"], "site": "mons" }),
            )
        },
        "ues[1].activities[1].id",
        "duplicate activity id \"a1\" (first defined at ues[0].activities[0].id)",
    );
}

#[test]
fn duplicate_host() {
    one_p(
        |v| {
            push(
                &mut v["placements"]["hosts"],
                json!({ "id": "h1", "city": "Mons", "capacity": 1, "open": [ { "days": ["mon"], "start": "09:00", "end": "12:00" } ] }),
            )
        },
        "placements.hosts[1].id",
        "duplicate host id \"h1\" (first defined at placements.hosts[0].id)",
    );
}

#[test]
fn duplicate_requirement() {
    one_p(
        |v| {
            push(
                &mut v["placements"]["requirements"],
                json!({ "id": "r1", "ue": "UE 2", "cohort": "b1", "hours": 10, "from": "2025-10-01", "to": "2025-12-01" }),
            )
        },
        "placements.requirements[1].id",
        "duplicate requirement id \"r1\" (first defined at placements.requirements[0].id)",
    );
}

#[test]
fn duplicate_placement_student() {
    one_p(
        |v| push(&mut v["placements"]["students"], json!({ "id": "s1", "cohort": "b1", "requirement": "r1" })),
        "placements.students[1].id",
        "duplicate student id \"s1\" (first defined at placements.students[0].id)",
    );
}

#[test]
fn duplicate_enrolled_student() {
    one_p(
        |v| push(&mut v["enrolments"], json!({ "student": "s1", "activities": ["a1"] })),
        "enrolments[1].student",
        "duplicate student id \"s1\" (first defined at enrolments[0].student)",
    );
}

// ---- references ----

#[test]
fn unknown_teacher() {
    one(
        |v| push(&mut v["ues"][0]["activities"][0]["teachers"], json!("t9")),
        "ues[0].activities[0].teachers[1]",
        "unknown teacher \"t9\" (expected one of \"t1\", \"t2\")",
    );
}

#[test]
fn misspelt_teacher_gets_a_suggestion() {
    let mut base = tiny();
    base["teachers"][0]["id"] = json!("dupont");
    base["ues"][0]["activities"][0]["teachers"] = json!(["dupont"]);
    expect_one(
        base,
        |v| v["ues"][0]["activities"][0]["teachers"][0] = json!("dupnot"),
        "ues[0].activities[0].teachers[0]",
        "unknown teacher \"dupnot\" (did you mean \"dupont\"?)",
    );
}

#[test]
fn teacher_listed_twice() {
    one(
        |v| push(&mut v["ues"][0]["activities"][0]["teachers"], json!("t1")),
        "ues[0].activities[0].teachers[1]",
        "teacher \"t1\" is listed twice",
    );
}

#[test]
fn unknown_activity_cohort() {
    one(
        |v| v["ues"][0]["activities"][0]["cohorts"][0] = json!("b9"),
        "ues[0].activities[0].cohorts[0]",
        "unknown cohort \"b9\" (expected one of \"b1\")",
    );
}

#[test]
fn activity_without_cohort() {
    one(
        |v| v["ues"][0]["activities"][0]["cohorts"] = json!([]),
        "ues[0].activities[0].cohorts",
        "expected at least one cohort",
    );
}

#[test]
fn cohort_listed_twice() {
    one(
        |v| push(&mut v["ues"][0]["activities"][0]["cohorts"], json!("b1")),
        "ues[0].activities[0].cohorts[1]",
        "cohort \"b1\" is listed twice",
    );
}

#[test]
fn unknown_programme_cohort() {
    one(
        |v| push(&mut v["programmes"][0]["cohorts"], json!("b2")),
        "programmes[0].cohorts[1]",
        "unknown cohort \"b2\" (expected one of \"b1\")",
    );
}

#[test]
fn unknown_parent_cohort() {
    one(
        |v| v["cohorts"][0]["parent"] = json!("b0"),
        "cohorts[0].parent",
        "unknown cohort \"b0\" (expected one of \"b1\")",
    );
}

#[test]
fn unknown_site() {
    one(
        |v| v["ues"][0]["activities"][0]["site"] = json!("lille"),
        "ues[0].activities[0].site",
        "unknown site \"lille\" (expected one of \"charleroi\", \"mons\")",
    );
}

#[test]
fn unknown_site_in_travel_times() {
    one(
        |v| v["travel_minutes"][0]["to"] = json!("namur"),
        "travel_minutes[0].to",
        "unknown site \"namur\" (expected one of \"charleroi\", \"mons\")",
    );
}

#[test]
fn unknown_time_grid() {
    one(
        |v| v["programmes"][0]["time_grid"] = json!("jour"),
        "programmes[0].time_grid",
        "unknown time grid \"jour\" (expected one of \"soir\")",
    );
}

#[test]
fn unknown_programme() {
    one(
        |v| v["ues"][1]["programme"] = json!("q"),
        "ues[1].programme",
        "unknown programme \"q\" (expected one of \"p\")",
    );
}

#[test]
fn unknown_corequisite_ue() {
    one(
        |v| v["ues"][0]["corequisite"] = json!("UE 9"),
        "ues[0].corequisite",
        "unknown UE \"UE 9\" (did you mean \"UE 1\"?)",
    );
}

#[test]
fn ue_is_its_own_corequisite() {
    one(|v| v["ues"][0]["corequisite"] = json!("UE 1"), "ues[0].corequisite", "a UE cannot be its own co-requisite");
}

#[test]
fn unknown_enrolled_activity() {
    one_p(
        |v| v["enrolments"][0]["activities"][1] = json!("zz-activity"),
        "enrolments[0].activities[1]",
        "unknown activity \"zz-activity\" (expected one of \"a1\", \"a2\")",
    );
}

#[test]
fn unknown_requirement_ue() {
    one_p(
        |v| v["placements"]["requirements"][0]["ue"] = json!("UE 1/12"),
        "placements.requirements[0].ue",
        "unknown UE \"UE 1/12\" (expected one of \"UE 1\", \"UE 2\")",
    );
}

#[test]
fn unknown_requirement_cohort() {
    one_p(
        |v| v["placements"]["requirements"][0]["cohort"] = json!("b2"),
        "placements.requirements[0].cohort",
        "unknown cohort \"b2\" (expected one of \"b1\")",
    );
}

#[test]
fn unknown_host() {
    one_p(
        |v| v["placements"]["students"][0]["host"] = json!("cpas"),
        "placements.students[0].host",
        "unknown host \"cpas\" (expected one of \"h1\")",
    );
}

#[test]
fn unknown_preferred_host() {
    one_p(
        |v| push(&mut v["placements"]["students"][0]["preferences"], json!("h7")),
        "placements.students[0].preferences[1]",
        "unknown host \"h7\" (expected one of \"h1\")",
    );
}

#[test]
fn unknown_requirement() {
    one_p(
        |v| v["placements"]["students"][0]["requirement"] = json!("stage"),
        "placements.students[0].requirement",
        "unknown requirement \"stage\" (expected one of \"r1\")",
    );
}

#[test]
fn student_outside_the_requirements_cohort() {
    one_p(
        |v| {
            push(&mut v["cohorts"], json!({ "id": "b2", "students": 10 }));
            v["placements"]["students"][0]["cohort"] = json!("b2");
        },
        "placements.students[0].cohort",
        "student \"s1\" is in cohort \"b2\" but requirement \"r1\" is for cohort \"b1\"",
    );
}

// ---- the cohort tree ----

#[test]
fn cohort_is_its_own_parent() {
    one(
        |v| v["cohorts"][0]["parent"] = json!("b1"),
        "cohorts[0].parent",
        "cohort \"b1\" is its own ancestor: the parent chain forms a cycle",
    );
}

#[test]
fn cohort_cycle_reports_each_member() {
    let mut v = tiny();
    v["cohorts"][0]["parent"] = json!("b1-x");
    push(&mut v["cohorts"], json!({ "id": "b1-x", "parent": "b1", "students": 10 }));
    let dir = temp_dir();
    let file = write_json(&dir, "i.json", &v);
    let found: Vec<(String, String)> = problems(&file).into_iter().map(|p| (p.path, p.message)).collect();
    assert_eq!(
        found,
        [
            (
                "cohorts[0].parent".to_string(),
                "cohort \"b1\" is its own ancestor: the parent chain forms a cycle".to_string()
            ),
            (
                "cohorts[1].parent".to_string(),
                "cohort \"b1-x\" is its own ancestor: the parent chain forms a cycle".to_string()
            ),
        ]
    );
}

#[test]
fn option_group_larger_than_its_parent() {
    one(
        |v| push(&mut v["cohorts"], json!({ "id": "b1-x", "parent": "b1", "students": 30 })),
        "cohorts[1].students",
        "cohort \"b1-x\" has 30 students, more than its parent \"b1\" (25)",
    );
}

// ---- times, days, dates ----

#[test]
fn time_not_hh_mm() {
    one(
        |v| v["time_grids"][0]["slots"][0]["start"] = json!("17h15"),
        "time_grids[0].slots[0].start",
        "expected a time HH:MM (00:00 to 24:00), found \"17h15\"",
    );
}

#[test]
fn slot_ends_before_it_starts() {
    one(
        |v| {
            v["time_grids"][0]["slots"][1]["start"] = json!("12:15");
            v["time_grids"][0]["slots"][1]["end"] = json!("09:00");
        },
        "time_grids[0].slots[1]",
        "start 12:15 must be before end 09:00",
    );
}

#[test]
fn unknown_day() {
    one(
        |v| v["time_grids"][0]["slots"][1]["days"][0] = json!("sam"),
        "time_grids[0].slots[1].days[0]",
        "expected a day mon, tue, wed, thu, fri, sat or sun, found \"sam\"",
    );
}

#[test]
fn slot_without_days() {
    one(
        |v| v["time_grids"][0]["slots"][1]["days"] = json!([]),
        "time_grids[0].slots[1].days",
        "expected at least one day (mon..sun)",
    );
}

#[test]
fn time_grid_without_slots() {
    one(
        |v| push(&mut v["time_grids"], json!({ "id": "vide", "slots": [] })),
        "time_grids[1].slots",
        "expected at least one slot",
    );
}

#[test]
fn date_that_does_not_exist() {
    one(
        |v| push(&mut v["teachers"][1]["unavailable"], json!({ "from": "2026-02-29" })),
        "teachers[1].unavailable[1].from",
        "expected a real date YYYY-MM-DD, found \"2026-02-29\"",
    );
}

#[test]
fn unavailability_with_start_but_no_end() {
    one(
        |v| push(&mut v["teachers"][1]["unavailable"], json!({ "days": ["sat"], "start": "09:00" })),
        "teachers[1].unavailable[1]",
        "give both start and end, or neither (the whole day)",
    );
}

#[test]
fn date_range_out_of_order() {
    one(
        |v| {
            v["calendar"]["closures"][0]["from"] = json!("2025-10-31");
            v["calendar"]["closures"][0]["to"] = json!("2025-10-27");
        },
        "calendar.closures[0]",
        "the range ends (2025-10-27) before it starts (2025-10-31)",
    );
}

#[test]
fn quadrimester_outside_the_year() {
    one(
        |v| v["calendar"]["quadrimesters"]["Q2"]["to"] = json!("2026-09-30"),
        "calendar.quadrimesters.Q2",
        "Q2 (2026-02-02..2026-09-30) must lie inside the year (2025-09-15..2026-09-13)",
    );
}

#[test]
fn q2_starting_before_q1_ends() {
    one(
        |v| v["calendar"]["quadrimesters"]["Q2"]["from"] = json!("2025-12-01"),
        "calendar.quadrimesters.Q2",
        "Q2 must start after Q1 ends (2025-12-19)",
    );
}

#[test]
fn inline_calendar_with_wrong_format() {
    one(
        |v| v["calendar"]["format"] = json!("horaire-calendrier/1"),
        "calendar.format",
        "expected \"horaire-calendar/1\", found \"horaire-calendrier/1\"",
    );
}

#[test]
fn unknown_period_name() {
    one(
        |v| v["ues"][0]["period"] = json!("Q3"),
        "ues[0].period",
        "expected \"Q1\", \"Q2\", \"annual\" or {\"from\": date, \"to\": date}, found \"Q3\"",
    );
}

#[test]
fn period_outside_the_year() {
    one(
        |v| v["ues"][0]["period"] = json!({ "from": "2025-09-01", "to": "2025-12-19" }),
        "ues[0].period",
        "the period 2025-09-01..2025-12-19 must lie inside the academic year 2025-09-15..2026-09-13",
    );
}

// ---- volumes ----

#[test]
fn hours_must_be_positive() {
    one(
        |v| v["ues"][0]["activities"][0]["hours"] = json!(0),
        "ues[0].activities[0].hours",
        "expected a positive number of hours, found 0",
    );
}

#[test]
fn hours_in_quarters_of_an_hour() {
    one(
        |v| v["ues"][0]["activities"][0]["hours"] = json!(30.1),
        "ues[0].activities[0].hours",
        "expected hours in quarters of an hour (e.g. 2.25, 2.5), found 30.1",
    );
}

#[test]
fn session_in_quarters_of_an_hour() {
    one(
        |v| v["ues"][0]["activities"][0]["session_hours"] = json!(2.6),
        "ues[0].activities[0].session_hours",
        "expected hours in quarters of an hour (e.g. 2.25, 2.5), found 2.6",
    );
}

#[test]
fn session_longer_than_the_longest_slot() {
    one(
        |v| v["ues"][0]["activities"][0]["session_hours"] = json!(3.5),
        "ues[0].activities[0].session_hours",
        "a session of 3.5 h does not fit the longest slot of time grid \"soir\" (3.25 h)",
    );
}

#[test]
fn unknown_frequency() {
    one(
        |v| v["ues"][0]["activities"][0]["frequency"] = json!("monthly"),
        "ues[0].activities[0].frequency",
        "expected \"weekly\", \"fortnightly\" or \"any\", found \"monthly\"",
    );
}

#[test]
fn room_without_seats() {
    one(
        |v| v["sites"][1]["rooms"][0]["capacity"] = json!(0),
        "sites[1].rooms[0].capacity",
        "expected a capacity of at least 1 seat",
    );
}

#[test]
fn teacher_max_days_out_of_range() {
    one(
        |v| v["teachers"][0]["max_days_per_week"] = json!(8),
        "teachers[0].max_days_per_week",
        "expected 1 to 7 days, found 8",
    );
}

#[test]
fn travel_between_a_site_and_itself() {
    one(|v| v["travel_minutes"][0]["to"] = json!("mons"), "travel_minutes[0]", "expected two different sites");
}

// ---- site rules ----

#[test]
fn alternate_needs_two_sites() {
    one(
        |v| v["ues"][1]["activities"][0]["site"] = json!({ "alternate": ["mons"] }),
        "ues[1].activities[0].site.alternate",
        "expected exactly two sites to alternate between, found 1",
    );
}

#[test]
fn alternate_needs_different_sites() {
    one(
        |v| v["ues"][1]["activities"][0]["site"] = json!({ "alternate": ["mons", "mons"] }),
        "ues[1].activities[0].site.alternate",
        "expected two different sites, found \"mons\" twice",
    );
}

#[test]
fn any_of_needs_a_site() {
    one(
        |v| v["ues"][1]["activities"][0]["site"] = json!({ "any_of": [] }),
        "ues[1].activities[0].site.any_of",
        "expected at least one site",
    );
}

// ---- placements ----

#[test]
fn placement_window_outside_the_year() {
    one_p(
        |v| v["placements"]["requirements"][0]["to"] = json!("2026-10-01"),
        "placements.requirements[0]",
        "the placement window 2025-10-01..2026-10-01 must lie inside the academic year 2025-09-15..2026-09-13",
    );
}

#[test]
fn requirement_hours_must_be_positive() {
    one_p(
        |v| v["placements"]["requirements"][0]["hours"] = json!(0),
        "placements.requirements[0].hours",
        "expected a positive number of hours, found 0",
    );
}

#[test]
fn requirement_daily_cap_over_a_day() {
    one_p(
        |v| v["placements"]["requirements"][0]["max_hours_per_day"] = json!(25),
        "placements.requirements[0].max_hours_per_day",
        "expected at most 24 hours a day",
    );
}

#[test]
fn host_without_opening_hours() {
    one_p(
        |v| v["placements"]["hosts"][0]["open"] = json!([]),
        "placements.hosts[0].open",
        "expected at least one opening slot",
    );
}

#[test]
fn host_without_capacity() {
    one_p(
        |v| v["placements"]["hosts"][0]["capacity"] = json!(0),
        "placements.hosts[0].capacity",
        "expected a capacity of at least 1 student",
    );
}

// ---- checks that need the calendar ----

#[test]
fn teacher_unavailable_on_every_slot() {
    // Q1 of tiny.json (2025-09-15..2025-12-19, closed 2025-10-27..31 and
    // 2025-11-11) has 38 Tuesdays, Thursdays and Saturdays that are open.
    one(
        |v| v["teachers"][0]["unavailable"] = json!([{ "days": ["tue", "thu", "sat"] }]),
        "ues[0].activities[0]",
        "activity \"a1\" of UE 1 cannot meet: teacher(s) t1 are unavailable on every one of its 38 open slots in period Q1",
    );
}

#[test]
fn period_without_any_open_slot() {
    // 2025-10-27..31 is tiny.json's autumn break: nothing can meet then,
    // with or without a teacher.
    one(
        |v| {
            v["ues"][0]["period"] = json!({ "from": "2025-10-27", "to": "2025-10-31" });
            v["ues"][0]["activities"][0]["teachers"] = json!([]);
        },
        "ues[0].activities[0]",
        "activity \"a1\" of UE 1 cannot meet: the time grid has no open slot in period 2025-10-27..2025-10-31",
    );
}

// ---- a calendar given by path: its problems name the calendar file ----

fn with_calendar_file(edit: impl FnOnce(&mut Value)) -> (TempDir, PathBuf, PathBuf) {
    let mut v = tiny();
    let mut cal = v["calendar"].take();
    edit(&mut cal);
    v["calendar"] = json!("calendars/year.json");
    let dir = temp_dir();
    std::fs::create_dir(dir.path().join("calendars")).expect("mkdir");
    let cal_path = write_json(&dir, "calendars/year.json", &cal);
    let file = write_json(&dir, "instance.json", &v);
    (dir, file, cal_path)
}

#[test]
fn calendar_by_path_is_read_relative_to_the_instance() {
    let (_dir, file, _) = with_calendar_file(|_| {});
    let run = validate(&file);
    assert_eq!(run.code, 0, "stderr: {}", run.stderr);
    assert!(run.stdout.contains("Calendar: Test year (2025-09-15 to 2026-09-13)."), "{}", run.stdout);
}

#[test]
fn calendar_file_problems_name_the_calendar_file() {
    let (_dir, file, cal) = with_calendar_file(|c| {
        c["format"] = json!("horaire-calendar/9");
        c["quadrimesters"]["Q1"]["from"] = json!("2025-09-01");
        c["closures"][1]["comment"] = json!("x");
    });
    let cal = cal.display().to_string();
    let found = problems(&file);
    let want = [
        ("closures[1].comment", "unknown key \"comment\" (check its spelling)"),
        ("format", "expected \"horaire-calendar/1\", found \"horaire-calendar/9\""),
        ("quadrimesters.Q1", "Q1 (2025-09-01..2025-12-19) must lie inside the year (2025-09-15..2026-09-13)"),
    ];
    let want: Vec<P> =
        want.iter().map(|(p, m)| P { file: cal.clone(), path: p.to_string(), message: m.to_string() }).collect();
    assert_eq!(found, want);
}

#[test]
fn calendar_file_missing() {
    let (_dir, file, cal) = with_calendar_file(|_| {});
    std::fs::remove_file(&cal).expect("remove");
    let found = problems(&file);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!((found[0].file.as_str(), found[0].path.as_str()), (file.to_str().expect("utf-8"), "calendar"));
    assert!(
        found[0].message.starts_with(&format!("cannot read the calendar file {}: ", cal.display())),
        "{}",
        found[0].message
    );
}

#[test]
fn calendar_file_of_garbage() {
    let (_dir, file, cal) = with_calendar_file(|_| {});
    std::fs::write(&cal, [0x7b, 0xff, 0xfe, 0x00, 0x13]).expect("write");
    assert_eq!(
        problems(&file),
        vec![P {
            file: cal.display().to_string(),
            path: String::new(),
            message: "not UTF-8 text (a binary file?): invalid byte at line 1, column 2; expected a JSON file"
                .to_string()
        }]
    );
}

// ---- all problems at once ----

#[test]
fn five_different_mistakes_are_all_reported() {
    let mut v = tiny();
    v["format"] = json!("horaire/0");
    v["teachers"][1]["e-mail"] = json!("b@example.org");
    push(&mut v["cohorts"], json!({ "id": "b1", "students": 5 }));
    v["ues"][1]["activities"][0]["teachers"][0] = json!("t3");
    v["ues"][0]["activities"][0]["session_hours"] = json!(4);
    let dir = temp_dir();
    let file = write_json(&dir, "five.json", &v);
    let mut found: Vec<(String, String)> = problems(&file).into_iter().map(|p| (p.path, p.message)).collect();
    found.sort();
    let want = [
        ("cohorts[1].id", "duplicate cohort id \"b1\" (first defined at cohorts[0].id)"),
        ("format", "expected \"horaire/1\", found \"horaire/0\""),
        ("teachers[1].e-mail", "unknown key \"e-mail\" (check its spelling)"),
        (
            "ues[0].activities[0].session_hours",
            "a session of 4 h does not fit the longest slot of time grid \"soir\" (3.25 h)",
        ),
        ("ues[1].activities[0].teachers[0]", "unknown teacher \"t3\" (expected one of \"t1\", \"t2\")"),
    ];
    let want: Vec<(String, String)> = want.iter().map(|(p, m)| (p.to_string(), m.to_string())).collect();
    assert_eq!(found, want);
    let text = validate(&file);
    assert_eq!(text.code, 2);
    assert_eq!(text.stderr.lines().count(), 5, "one line per problem: {}", text.stderr);
}

#[test]
fn structural_and_semantic_problems_together() {
    let mut v = tiny();
    let _ = v["ues"][0].as_object_mut().expect("object").remove("programme");
    v["cohorts"][0]["students"] = json!(true);
    v["ues"][1]["activities"][0]["site"] = json!({ "alternate": ["mons"] });
    let dir = temp_dir();
    let file = write_json(&dir, "mixed.json", &v);
    let mut found: Vec<String> = problems(&file).into_iter().map(|p| p.path).collect();
    found.sort();
    assert_eq!(found, ["cohorts[0].students", "ues[0].programme", "ues[1].activities[0].site.alternate"]);
}

// ---- hostile inputs: a clear located error, exit 2, never a panic ----

fn single_problem_of(file: &Path) -> String {
    let found = problems(file);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!((found[0].file.as_str(), found[0].path.as_str()), (file.to_str().expect("utf-8"), ""));
    let text = validate(file);
    assert_eq!(text.code, 2);
    assert!(text.stderr.starts_with(&format!("horaire: {}: ", file.display())), "{}", text.stderr);
    found[0].message.clone()
}

#[test]
fn empty_file() {
    let dir = temp_dir();
    let file = dir.path().join("empty.json");
    std::fs::write(&file, "").expect("write");
    assert_eq!(single_problem_of(&file), "the file is empty: expected a JSON object");
    std::fs::write(&file, " \n\t\n").expect("write");
    assert_eq!(single_problem_of(&file), "the file is empty: expected a JSON object");
}

#[test]
fn binary_garbage() {
    // Fixed pseudo-random bytes (a linear congruential generator), so the
    // first invalid byte is always at the same place.
    let mut x: u32 = 12345;
    let bytes: Vec<u8> = (0..4096)
        .map(|_| {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
            (x >> 16) as u8
        })
        .collect();
    let first_bad = std::str::from_utf8(&bytes).expect_err("random bytes are not UTF-8").valid_up_to();
    let line = bytes[..first_bad].iter().filter(|&&b| b == b'\n').count() + 1;
    let column = bytes[..first_bad].iter().rev().take_while(|&&b| b != b'\n').count() + 1;
    let dir = temp_dir();
    let file = dir.path().join("garbage.json");
    std::fs::write(&file, &bytes).expect("write");
    assert_eq!(
        single_problem_of(&file),
        format!("not UTF-8 text (a binary file?): invalid byte at line {line}, column {column}; expected a JSON file")
    );
}

#[test]
fn text_that_is_not_json() {
    let dir = temp_dir();
    let file = dir.path().join("notes.json");
    std::fs::write(&file, "horaire: validate me\n").expect("write");
    assert_eq!(single_problem_of(&file), "not valid JSON at line 1, column 1: expected value");
}

#[test]
fn byte_order_mark_is_accepted() {
    // Windows editors may save UTF-8 with a byte-order mark.
    let dir = temp_dir();
    let file = dir.path().join("bom.json");
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(include_bytes!("fixtures/tiny.json"));
    std::fs::write(&file, &bytes).expect("write");
    let run = validate(&file);
    assert_eq!(run.code, 0, "stderr: {}", run.stderr);
}

#[test]
fn top_level_array() {
    let dir = temp_dir();
    let file = dir.path().join("list.json");
    std::fs::write(&file, "[1, 2]").expect("write");
    assert_eq!(single_problem_of(&file), "expected a JSON object { … } at the top level, found an array");
}

#[test]
fn fifty_megabyte_file() {
    let dir = temp_dir();
    let file = dir.path().join("huge.json");
    let mut text = String::with_capacity(50 * 1024 * 1024 + 64);
    text.push_str("{\"format\": \"horaire/1\", \"name\": \"");
    while text.len() < 50 * 1024 * 1024 {
        text.push_str("abcdefghijklmnopqrstuvwxyz");
    }
    text.push_str("\"}");
    std::fs::write(&file, &text).expect("write");
    drop(text);
    assert_eq!(
        single_problem_of(&file),
        "the file is 50.0 MB, more than the 16 MB an input file may have (is it the right file?)"
    );
}

#[test]
fn large_file_under_the_limit_is_read() {
    // tiny.json followed by 15 MB of blank lines: big, but a valid instance.
    let dir = temp_dir();
    let file = dir.path().join("padded.json");
    let mut text = include_str!("fixtures/tiny.json").to_string();
    text.push_str(&"\n".repeat(15 * 1024 * 1024));
    std::fs::write(&file, &text).expect("write");
    let run = validate(&file);
    assert_eq!(run.code, 0, "stderr: {}", run.stderr);
}

#[test]
fn nested_array_bomb() {
    let dir = temp_dir();
    let file = dir.path().join("bomb.json");
    let mut text = "{\"sites\": ".to_string();
    text.push_str(&"[".repeat(1_000_000));
    std::fs::write(&file, &text).expect("write");
    let message = single_problem_of(&file);
    assert!(message.starts_with("not valid JSON at line 1, column "), "{message}");
    assert!(message.ends_with(": recursion limit exceeded"), "{message}");
}

#[test]
fn nested_object_bomb() {
    let dir = temp_dir();
    let file = dir.path().join("bomb.json");
    let depth = 200_000;
    let text = format!("{}1{}", "{\"a\":".repeat(depth), "}".repeat(depth));
    std::fs::write(&file, &text).expect("write");
    let message = single_problem_of(&file);
    assert!(message.ends_with(": recursion limit exceeded"), "{message}");
}

#[test]
fn a_directory_is_not_an_instance() {
    let dir = temp_dir();
    assert_eq!(single_problem_of(dir.path()), "this is a directory, expected a JSON file");
}

#[test]
fn missing_instance_file() {
    let dir = temp_dir();
    let file = dir.path().join("absent.json");
    let found = problems(&file);
    assert_eq!(found.len(), 1);
    assert!(found[0].message.starts_with("cannot read: "), "{}", found[0].message);
}
