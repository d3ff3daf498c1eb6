//! `horaire check` through the real binary: one clean hand-written
//! timetable, one timetable per rule that breaks exactly that rule, and
//! timetable files that cannot be read (located errors, exit 2).
//!
//! Every rule fixture under `tests/fixtures/check/` is `valid.json` with one
//! planted mistake, described next to its case below.

mod common;
use common::{Run, horaire, temp_dir};
use serde_json::Value;
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    common::fixture(&format!("check/{name}"))
}

/// `horaire check ARGS… [--json]`.
fn run_check(args: &[&Path], json: bool) -> Run {
    let run = horaire(["check"]).args(args);
    if json { run.arg("--json") } else { run }.run()
}

fn check(timetable: &str, json: bool) -> Run {
    run_check(&[&fixture("instance.json"), &fixture(timetable)], json)
}

/// One violation as the JSON output gives it: rule, the meetings involved
/// as `date activity`, and the message.
#[derive(Debug)]
struct Found {
    rule: String,
    meetings: Vec<String>,
    message: String,
}

fn violations(timetable: &str) -> Vec<Found> {
    let run = check(timetable, true);
    assert_eq!(run.code, 1, "{timetable}: expected exit 1\nstdout: {}\nstderr: {}", run.stdout, run.stderr);
    let list: Vec<Value> = serde_json::from_str(&run.stdout).expect("--json prints a JSON list");
    list.iter()
        .map(|v| Found {
            rule: v["rule"].as_str().expect("rule is a string").to_string(),
            meetings: v["meetings"]
                .as_array()
                .expect("meetings is a list")
                .iter()
                .map(|m| format!("{} {}", m["date"].as_str().unwrap_or("?"), m["activity"].as_str().unwrap_or("?")))
                .collect(),
            message: v["message"].as_str().expect("message is a string").to_string(),
        })
        .collect()
}

/// Asserts that `timetable` breaks only `rule`, with exactly the expected
/// violations: for each, the meetings involved and a piece of the message.
fn assert_breaks(timetable: &str, rule: &str, expected: &[(&[&str], &str)]) {
    let found = violations(timetable);
    for f in &found {
        assert_eq!(f.rule, rule, "{timetable}: unexpected violation {f:?}");
    }
    assert_eq!(found.len(), expected.len(), "{timetable}: {found:#?}");
    for (f, (meetings, words)) in found.iter().zip(expected) {
        assert_eq!(f.meetings, *meetings, "{timetable}: meetings of {f:?}");
        assert!(f.message.contains(words), "{timetable}: message {:?} should say {words:?}", f.message);
    }
}

#[test]
fn clean_timetable_passes_with_a_one_line_summary() {
    let run = check("valid.json", false);
    assert_eq!(run.code, 0, "stdout: {}\nstderr: {}", run.stdout, run.stderr);
    assert_eq!(run.stdout.lines().count(), 1, "{}", run.stdout);
    assert!(run.stdout.contains("is valid: 11 meeting(s) of 6 activit(y/ies), 33 h"), "{}", run.stdout);
    let run = check("valid.json", true);
    assert_eq!(run.code, 0);
    assert_eq!(run.stdout.trim(), "[]");
}

#[test]
fn every_rule_has_its_fixture() {
    for rule in horaire::check::Rule::ALL {
        // `malformed` cannot be written to a file that the checker reads
        // (such files are rejected with exit 2): see `malformed_timetable_*`.
        // The `room_closed` fixture is a change file applied to valid.json.
        if rule == horaire::check::Rule::Malformed {
            continue;
        }
        assert!(fixture(&format!("{}.json", rule.name())).exists(), "no fixture for rule {rule}");
    }
}

#[test]
fn instance_name() {
    // The `instance` key names another programme.
    assert_breaks("instance_name.json", "instance_name", &[(&[], "made for \"Another programme (invented)\"")]);
}

#[test]
fn unknown_reference() {
    // a11 on 2025-09-16 is booked into room "m-huge", which does not exist.
    assert_breaks("unknown_reference.json", "unknown_reference", &[(&["2025-09-16 a11"], "no room \"m-huge\"")]);
}

#[test]
fn activity_mismatch() {
    // a11 on 2025-09-16 lists no teacher; the activity is Dupont's.
    assert_breaks(
        "activity_mismatch.json",
        "activity_mismatch",
        &[(&["2025-09-16 a11"], "lists teacher(s) [] but the activity is taught by [\"dupont\"]")],
    );
}

#[test]
fn hours() {
    // a22-lang (6 h) lost its second 3 h meeting.
    assert_breaks("hours.json", "hours", &[(&["2025-09-20 a22-lang"], "has 6 h but its 1 meeting(s) add up to 3 h")]);
}

#[test]
fn slot() {
    // a22-lang on 2025-10-04 runs 12:00–15:00, across the Saturday lunch
    // break; a11's second meeting moved into the autumn break.
    assert_breaks(
        "slot.json",
        "slot",
        &[
            (&["2025-10-04 a22-lang"], "not inside a slot of time grid \"soir\" on Saturdays"),
            (&["2025-10-28 a11"], "Congé d'automne"),
        ],
    );
}

#[test]
fn session_length() {
    // a11 (two 3 h sessions) is split 1.5 h + 3 h + 1.5 h: the first short
    // meeting is not the last one.
    assert_breaks(
        "session_length.json",
        "session_length",
        &[(&["2025-09-16 a11", "2025-09-30 a11"], "lasts 1.5 h, shorter than its 3 h session")],
    );
}

#[test]
fn site_rule() {
    // a11 (fixed at Mons) meets once at Charleroi; a21 (any of Mons or
    // Charleroi, kept all year) switches from Charleroi to Mons.
    assert_breaks(
        "site_rule.json",
        "site_rule",
        &[
            (&["2025-09-20 a21", "2025-09-24 a21"], "must keep it all year"),
            (&["2025-09-23 a11"], "may only meet at \"mons\", not at \"charleroi\""),
        ],
    );
}

#[test]
fn alternation() {
    // a12 alternates Mons/Charleroi but meets at Mons twice in a row.
    assert_breaks(
        "alternation.json",
        "alternation",
        &[(&["2025-09-18 a12", "2025-09-25 a12"], "meets at \"mons\" on 2025-09-18 and again on 2025-09-25")],
    );
}

#[test]
fn cohort_overlap_parent_against_each_option_but_not_siblings() {
    // a21 (b2) moved onto Saturday morning, when the options b2-lang and
    // b2-tech meet: the parent clashes with each child, the two sibling
    // options (already together in valid.json) do not clash.
    assert_breaks(
        "cohort_overlap.json",
        "cohort_overlap",
        &[
            (&["2025-09-20 a21", "2025-09-20 a22-lang"], "cohorts \"b2\" and \"b2-lang\" share students"),
            (&["2025-09-20 a21", "2025-09-20 a22-tech"], "cohorts \"b2\" and \"b2-tech\" share students"),
        ],
    );
}

#[test]
fn teacher_overlap() {
    // Dupont's a21 moved to Tuesday 23 at 17:15, when he teaches a11.
    assert_breaks(
        "teacher_overlap.json",
        "teacher_overlap",
        &[(&["2025-09-23 a11", "2025-09-23 a21"], "\"dupont\" must teach two meetings at once")],
    );
}

#[test]
fn room_overlap() {
    // a22-tech moved into m-small, where a22-lang meets at the same time.
    assert_breaks(
        "room_overlap.json",
        "room_overlap",
        &[(&["2025-09-20 a22-lang", "2025-09-20 a22-tech"], "room \"m-small\" is booked twice")],
    );
}

#[test]
fn room_capacity() {
    // b1 (20 students) in m-small (15 seats).
    assert_breaks(
        "room_capacity.json",
        "room_capacity",
        &[(&["2025-09-16 a11"], "room \"m-small\" seats 15 but cohort(s) \"b1\" bring 20 students")],
    );
}

#[test]
fn teacher_unavailable() {
    // Martin is away 2025-11-17 to 2025-11-23; a12 meets on the 20th.
    assert_breaks(
        "teacher_unavailable.json",
        "teacher_unavailable",
        &[(&["2025-11-20 a12"], "\"martin\" is unavailable from 2025-11-17 to 2025-11-23")],
    );
}

#[test]
fn travel() {
    // b2-tech ends at Namur at 12:00 and must be at Charleroi at 13:00
    // (90 minutes away); b2-lang makes Mons -> Charleroi (45 min) in time.
    assert_breaks(
        "travel.json",
        "travel",
        &[(&["2025-09-20 a22-tech", "2025-09-20 a21"], "\"b2-tech\" have only 60 min")],
    );
}

#[test]
fn corequisite() {
    // UE 1/11 moved to early February, before its co-requisite placement
    // (UE 1/12, 2026-03-01 to 2026-05-15) starts.
    assert_breaks(
        "corequisite.json",
        "corequisite",
        &[(
            &["2026-02-03 a111", "2026-02-10 a111"],
            "UE 1/11 runs 2026-02-03 to 2026-02-10 and UE 1/12 runs 2026-03-01",
        )],
    );
}

#[test]
fn max_evenings_per_week() {
    // b1 (at most 2 evenings) gets a12 on Wednesday 17 besides Tuesday and
    // Thursday.
    assert_breaks(
        "max_evenings_per_week.json",
        "max_evenings_per_week",
        &[(
            &["2025-09-16 a11", "2025-09-17 a12", "2025-09-18 a12"],
            "cohort \"b1\" has classes on 3 days in the week of Monday 2025-09-15",
        )],
    );
}

#[test]
fn max_days_per_week() {
    // Dupont (at most 2 days) gets a21 on Thursday 18 besides Tuesday and
    // Saturday.
    assert_breaks(
        "max_days_per_week.json",
        "max_days_per_week",
        &[(
            &["2025-09-16 a11", "2025-09-18 a21", "2025-09-20 a21"],
            "teacher \"dupont\" teaches on 3 days in the week of Monday 2025-09-15",
        )],
    );
}

/// `check --changes` on valid.json: (exit code, violations as JSON, text stdout).
fn check_changes(changes: &str) -> (Run, Vec<Value>, Run) {
    let args = [fixture("instance.json"), fixture("valid.json"), "--changes".into(), fixture(changes)];
    let args: Vec<&Path> = args.iter().map(PathBuf::as_path).collect();
    let json = run_check(&args, true);
    let list = serde_json::from_str(&json.stdout).unwrap_or_default();
    (json, list, run_check(&args, false))
}

#[test]
fn room_closed() {
    // valid.json uses m-big for a111 on 2026-03-03 and 2026-03-10; the
    // change file closes m-big 2026-03-09..15 (and c-big from March on,
    // when valid.json no longer uses it). Without the change file the same
    // timetable is valid.
    assert_eq!(check("valid.json", false).code, 0);
    let (json, list, text) = check_changes("room_closed.json");
    assert_eq!(json.code, 1, "{}\n{}", json.stdout, json.stderr);
    assert_eq!(list.len(), 1, "{list:#?}");
    assert_eq!(list[0]["rule"], "room_closed");
    assert_eq!(list[0]["meetings"][0]["date"], "2026-03-10");
    assert_eq!(list[0]["meetings"][0]["activity"], "a111");
    assert_eq!(list[0]["meetings"][0]["index"], 10);
    let message = list[0]["message"].as_str().expect("message");
    assert!(
        message.contains("room \"m-big\" is closed from 2026-03-09 to 2026-03-15") && message.contains("2026-03-10"),
        "{message}"
    );
    assert_eq!(text.code, 1);
    assert!(text.stdout.contains("2026-03-10 17:15 a111 (meetings[10])"), "{}", text.stdout);
    assert!(
        text.stdout.contains("room_closed.json: change file applied (2 event(s)): 9 meeting(s) before 2026-03-01 (the past), 2 from 2026-03-01 on."),
        "{}",
        text.stdout
    );
}

#[test]
fn teacher_away_a_closure_and_new_hours_from_a_change_file_are_checked_by_the_usual_rules() {
    // leroy away 2026-03-02..04 (a111 meets on the 3rd), a strike on the
    // 10th (a111 meets then too), a111 raised from 6 h to 9 h.
    let (json, list, _) = check_changes("changes-teacher-closure-hours.json");
    assert_eq!(json.code, 1, "{}\n{}", json.stdout, json.stderr);
    let found: Vec<(String, String)> = list
        .iter()
        .map(|v| {
            let dates: Vec<&str> =
                v["meetings"].as_array().expect("meetings").iter().filter_map(|m| m["date"].as_str()).collect();
            (v["rule"].as_str().expect("rule").to_string(), dates.join(","))
        })
        .collect();
    let want = [("hours", "2026-03-03,2026-03-10"), ("slot", "2026-03-10"), ("teacher_unavailable", "2026-03-03")];
    let want: Vec<(String, String)> = want.iter().map(|(r, d)| (r.to_string(), d.to_string())).collect();
    assert_eq!(found, want, "{list:#?}");
    assert!(list[1]["message"].as_str().expect("message").contains("Grève"), "{list:#?}");
}

#[test]
fn a_bad_change_file_is_a_located_error() {
    let (json, _, text) = check_changes("changes-bad.json");
    for run in [&json, &text] {
        assert_eq!(run.code, 2, "stdout: {}\nstderr: {}", run.stdout, run.stderr);
        assert!(run.stdout.is_empty(), "{}", run.stdout);
        let file = fixture("changes-bad.json").display().to_string();
        for want in [
            "events[0].room: unknown room \"m-huge\"",
            "events[1].from: 2026-02-02 is before the change file's \"from\" (2026-03-01)",
        ] {
            assert!(run.stderr.contains(&format!("horaire: {file}: {want}")), "{want}\n{}", run.stderr);
        }
    }
}

#[test]
fn violations_are_printed_as_text_with_rule_names_and_meetings() {
    let run = check("teacher_overlap.json", false);
    assert_eq!(run.code, 1);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 3, "{}", run.stdout);
    assert!(lines[0].starts_with("teacher_overlap: "), "{}", lines[0]);
    assert_eq!(lines[1].trim(), "2025-09-23 17:15 a11 (meetings[5])");
    assert_eq!(lines[2].trim(), "2025-09-23 17:15 a21 (meetings[6])");
    assert!(run.stderr.contains("horaire: 1 violation(s) in"), "{}", run.stderr);
}

#[test]
fn output_is_deterministic() {
    let a = check("site_rule.json", true);
    let b = check("site_rule.json", true);
    assert_eq!(a.stdout, b.stdout);
    let a = check("slot.json", false);
    let b = check("slot.json", false);
    assert_eq!(a.stdout, b.stdout);
}

#[test]
fn malformed_timetable_is_a_located_error() {
    // Wrong format value, an impossible date, a time without two digits, a
    // meeting ending before it starts: all four reported, exit 2.
    let run = check("malformed.json", false);
    assert_eq!(run.code, 2, "stdout: {}\nstderr: {}", run.stdout, run.stderr);
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    let file = fixture("malformed.json").display().to_string();
    let expected = [
        "format: expected \"horaire-timetable/1\", found \"horaire-timetable/2\"",
        "meetings[1].date: expected a real date as YYYY-MM-DD, found \"2025-09-31\"",
        "meetings[2].start: expected a time as HH:MM, found \"9:00\"",
        "meetings[3].end: expected a time after the start 09:00, found 08:00",
    ];
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(lines.len(), expected.len(), "{}", run.stderr);
    for (line, want) in lines.iter().zip(expected) {
        assert_eq!(*line, format!("horaire: {file}: {want}"));
    }
}

#[test]
fn misspelt_key_in_a_timetable_is_a_located_error() {
    let run = check("unknown_key.json", false);
    assert_eq!(run.code, 2, "stdout: {}\nstderr: {}", run.stdout, run.stderr);
    assert!(run.stderr.contains("unknown_key.json: meetings[4].salle: unknown key \"salle\""), "{}", run.stderr);
}

#[test]
fn truncated_or_empty_timetable_is_a_located_error() {
    let dir = temp_dir();
    let cut = dir.path().join("cut.json");
    let text = std::fs::read_to_string(fixture("valid.json")).expect("fixture");
    std::fs::write(&cut, &text[..text.len() / 2]).expect("write");
    let run = run_check(&[&fixture("instance.json"), &cut], false);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("cut.json: not valid JSON at line"), "{}", run.stderr);

    let empty = dir.path().join("empty.json");
    std::fs::write(&empty, "").expect("write");
    let run = run_check(&[&fixture("instance.json"), &empty], false);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("empty.json: the file is empty"), "{}", run.stderr);

    let missing = dir.path().join("missing.json");
    let run = run_check(&[&fixture("instance.json"), &missing], false);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("missing.json: cannot read"), "{}", run.stderr);
}

#[test]
fn a_bad_instance_is_reported_before_checking() {
    let run = run_check(&[&fixture("valid.json"), &fixture("valid.json")], false);
    assert_eq!(run.code, 2, "stdout: {}\nstderr: {}", run.stdout, run.stderr);
    assert!(run.stdout.is_empty());
    assert!(run.stderr.starts_with("horaire: "), "{}", run.stderr);
}
