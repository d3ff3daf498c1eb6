//! `horaire solve` and `horaire batch` through the real binary. Every
//! timetable the solver writes is verified by `horaire check`, the
//! independent checker.

mod common;
use common::{check_ok, fixture, horaire, read_json, reference, s, solver_config, temp_dir, tiny, write_json};
use serde_json::Value;
use std::path::{Path, PathBuf};

/// A solver config with the given time limit, written into `dir`. Limits
/// above 20 s come with a loose gap (stop at the first good incumbent), so
/// that a busy machine slows the test down instead of failing it.
fn config(dir: &Path, seconds: u32) -> PathBuf {
    solver_config(dir, &format!("config-{seconds}.json"), "default.json", |v| {
        v["time_limit_seconds"] = Value::from(seconds);
        if seconds > 20 {
            v["relative_gap"] = Value::from(0.9);
        }
    })
}

/// Solves `instance` into `out`, asserts success and a clean check, and
/// returns the timetable.
fn solve_and_check(instance: &Path, cfg: &Path, out: &Path) -> Value {
    horaire(["solve", s(instance), "--config", s(cfg), "--out", s(out)])
        .expect_code(0)
        .stdout_contains("timetable, objective");
    let file = out.join("timetable.json");
    check_ok(instance, &file);
    read_json(&file)
}

fn without_seconds(mut v: Value) -> Value {
    if let Some(r) = v.get_mut("report").and_then(Value::as_object_mut) {
        let _ = r.remove("seconds");
    }
    v
}

#[test]
fn tiny_instance_is_solved_checked_and_deterministic() {
    let dir = temp_dir();
    let cfg = config(dir.path(), 20);
    let inst = fixture("tiny.json");
    let first = solve_and_check(&inst, &cfg, &dir.path().join("a"));
    let second = solve_and_check(&inst, &cfg, &dir.path().join("b"));
    assert_eq!(without_seconds(first.clone()), without_seconds(second), "two runs differ beyond report.seconds");

    // The report says how the timetable was obtained and how big the model was.
    let report = &first["report"];
    assert_eq!(report["status"], "optimal");
    assert!(report["model"]["patterns"].as_u64().expect("patterns") > 2);
    assert_eq!(report["model"]["patterns_per_activity"].as_object().expect("per activity").len(), 2);
    // 30 h and 15 h in 3 h sessions.
    let meetings = first["meetings"].as_array().expect("meetings");
    assert_eq!(meetings.iter().filter(|m| m["activity"] == "a1").count(), 10);
    assert_eq!(meetings.iter().filter(|m| m["activity"] == "a2").count(), 5);
    // Meetings are sorted by date, start, activity.
    let keys: Vec<(String, String, String)> =
        meetings.iter().map(|m| (m["date"].to_string(), m["start"].to_string(), m["activity"].to_string())).collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
}

#[test]
fn a_reference_programme_is_solved_and_checked() {
    let dir = temp_dir();
    let cfg = config(dir.path(), 120);
    let inst = reference("unamur-umons-accompagnement-2025-2026.json");
    let t = solve_and_check(&inst, &cfg, dir.path());
    let status = t["report"]["status"].as_str().expect("status");
    assert!(status == "optimal" || status == "feasible", "status {status}");
    assert_eq!(t["meetings"].as_array().expect("meetings").len(), 64);
}

#[test]
fn an_overloaded_cohort_is_infeasible_explained_and_nothing_is_written() {
    let dir = temp_dir();
    let mut v = tiny();
    // A third UE of 90 h for the same cohort in Q1: 45 meetings do not fit.
    v["ues"].as_array_mut().expect("ues").push(serde_json::json!({
        "code": "UE 3", "title": "Trois", "programme": "p", "period": "Q1",
        "activities": [ { "id": "a3", "kind": "cours", "hours": 90, "session_hours": 3,
                          "teachers": ["t1"], "cohorts": ["b1"], "site": "mons", "frequency": "weekly" } ] }));
    let inst = dir.path().join("overloaded.json");
    write_json(&inst, &v);
    let out = dir.path().join("out");
    std::fs::create_dir_all(&out).expect("out dir");
    std::fs::write(out.join("timetable.json"), "earlier result").expect("earlier");

    let run = horaire(["solve", s(&inst), "--out", s(&out), "--quiet"]).expect_code(1);
    assert!(run.stdout.contains("infeasible"), "{}", run.stdout);
    assert!(run.stdout.contains("cohort b1 needs 45 meetings in Q1"), "{}", run.stdout);
    assert_eq!(std::fs::read_to_string(out.join("timetable.json")).expect("kept"), "earlier result");
}

#[test]
fn an_overloaded_teacher_is_infeasible_and_counted() {
    let dir = temp_dir();
    let mut v = tiny();
    // One teacher gives three 39 h courses in Q1, one per cohort: each
    // cohort's 13 meetings fit its grid, but the teacher's 39 do not (the
    // grid opens 38 Q1 slot-dates).
    v["cohorts"] = serde_json::json!([
        { "id": "b1", "name": "Bloc 1", "students": 20 },
        { "id": "b2", "name": "Bloc 2", "students": 20 },
        { "id": "b3", "name": "Bloc 3", "students": 20 } ]);
    v["programmes"][0]["cohorts"] = serde_json::json!(["b1", "b2", "b3"]);
    v["ues"] = serde_json::json!([1, 2, 3].iter().map(|i| serde_json::json!({
        "code": format!("UE {i}"), "title": "x", "programme": "p", "period": "Q1",
        "activities": [ { "id": format!("a{i}"), "kind": "cours", "hours": 39, "session_hours": 3,
                          "teachers": ["t1"], "cohorts": [format!("b{i}")], "site": "mons", "frequency": "weekly" } ] }))
        .collect::<Vec<_>>());
    let inst = dir.path().join("teacher.json");
    write_json(&inst, &v);
    let run = horaire(["solve", s(&inst), "--out", s(dir.path()), "--quiet"]).expect_code(1);
    assert!(run.stdout.contains("teacher t1 needs 39 meetings in Q1 but is available for only 38"), "{}", run.stdout);
    assert!(!dir.path().join("timetable.json").exists());
}

#[test]
fn a_bad_config_is_reported_with_exit_2() {
    let dir = temp_dir();
    let cfg = dir.path().join("bad.json");
    std::fs::write(&cfg, r#"{"format": "horaire-solver-config/1", "backend": "highs"}"#).expect("write");
    let inst = fixture("tiny.json");
    let run = horaire(["solve", s(&inst), "--config", s(&cfg), "--out", s(dir.path())]).expect_code(2);
    assert!(run.stderr.contains("bad.json"), "{}", run.stderr);
    assert!(!dir.path().join("timetable.json").exists());
}

#[test]
fn batch_solves_a_directory_and_reports_failures() {
    let dir = temp_dir();
    let cfg = config(dir.path(), 20);
    let instances = dir.path().join("instances");
    std::fs::create_dir_all(&instances).expect("dir");
    std::fs::copy(fixture("tiny.json"), instances.join("tiny.json")).expect("copy");
    std::fs::write(instances.join("broken.json"), "{").expect("write");
    let run = horaire(["batch", s(&instances), "--config", s(&cfg)]).expect_code(1);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert!(lines[0].starts_with("instance"), "{}", run.stdout);
    assert!(lines.iter().any(|l| l.starts_with("broken") && l.contains("invalid")), "{}", run.stdout);
    assert!(lines.iter().any(|l| l.starts_with("tiny") && l.contains("optimal")), "{}", run.stdout);
    let written = instances.join("tiny.timetable.json");
    check_ok(&instances.join("tiny.json"), &written);
}

#[test]
fn a_solved_programme_gets_placement_plans_the_checker_accepts() {
    let dir = temp_dir();
    let cfg = config(dir.path(), 120);
    let inst = reference("umons-education-social-action-2025-2026.json");
    let _ = solve_and_check(&inst, &cfg, dir.path());
    let tt = dir.path().join("timetable.json");
    let plan_dir = dir.path().join("plans");
    horaire(["placements", "plan", s(&inst), "--timetable", s(&tt), "--out", s(&plan_dir)]).expect_code(0);
    let plan = plan_dir.join("placements.json");
    let check = horaire(["check", s(&inst), s(&tt), "--placements", s(&plan)]).expect_code(0);
    assert!(check.stdout.contains("respect every placement rule"), "{}", check.stdout);

    // One planned day made an hour longer: the hours no longer add up.
    let mut v = read_json(&plan);
    let day = &mut v["plans"][0]["days"][0];
    let hours = day["hours"].as_f64().expect("hours");
    day["hours"] = Value::from(hours + 1.0);
    let tampered = dir.path().join("tampered.json");
    write_json(&tampered, &v);
    let check = horaire(["check", s(&inst), s(&tt), "--placements", s(&tampered)]).expect_code(1);
    assert!(check.stdout.contains("placement:") && check.stdout.contains("plans[0]"), "{}", check.stdout);
    assert!(check.stdout.contains("add up to"), "{}", check.stdout);
}

#[test]
fn a_node_limit_gives_the_same_bytes_whatever_the_machine_load() {
    let dir = temp_dir();
    let cfg = solver_config(dir.path(), "nodes.json", "default.json", |v| {
        v["time_limit_seconds"] = Value::from(600);
        v["node_limit"] = Value::from(5);
    });
    let inst = reference("unamur-umons-accompagnement-2025-2026.json");
    let first = solve_and_check(&inst, &cfg, &dir.path().join("a"));
    let second = solve_and_check(&inst, &cfg, &dir.path().join("b"));
    assert_eq!(without_seconds(first), without_seconds(second));
}

#[test]
fn two_programmes_sharing_a_teacher_are_solved_from_a_programme_by_programme_start() {
    let dir = temp_dir();
    let mut v = tiny();
    // A second programme on the same grid with its own cohort; teacher t1
    // teaches in both, so the second programme must work around the first.
    v["cohorts"]
        .as_array_mut()
        .expect("cohorts")
        .push(serde_json::json!({ "id": "c1", "name": "Autre", "students": 20 }));
    v["programmes"].as_array_mut().expect("programmes").push(serde_json::json!({
        "id": "q", "name": "Autre programme", "time_grid": "soir", "cohorts": ["c1"] }));
    v["ues"].as_array_mut().expect("ues").push(serde_json::json!({
        "code": "UE 9", "title": "Neuf", "programme": "q", "period": "Q1",
        "activities": [ { "id": "a9", "kind": "cours", "hours": 30, "session_hours": 3,
                          "teachers": ["t1"], "cohorts": ["c1"], "site": "charleroi", "frequency": "weekly" } ] }));
    let inst = dir.path().join("two.json");
    write_json(&inst, &v);
    let cfg = config(dir.path(), 20);
    let run = horaire(["solve", s(&inst), "--config", s(&cfg), "--out", s(dir.path())]).expect_code(0);
    assert!(run.stderr.contains("start: programme p placed"), "{}", run.stderr);
    assert!(run.stderr.contains("start: programme q placed"), "{}", run.stderr);
    check_ok(&inst, &dir.path().join("timetable.json"));
}

#[test]
fn a_time_limited_solve_reports_its_gap_against_the_lp_bound() {
    let dir = temp_dir();
    let cfg = config(dir.path(), 12);
    let inst = reference("umons-orthopedagogy-2025-2026.json");
    let run = horaire(["solve", s(&inst), "--config", s(&cfg), "--out", s(dir.path())]).expect_code(0);
    let file = dir.path().join("timetable.json");
    check_ok(&inst, &file);
    // The LP relaxation's optimum is printed and is a lower bound.
    let line = run.stderr.lines().find(|l| l.contains("from the LP relaxation")).expect("a bound line");
    let lp: f64 = line
        .split("bound: ")
        .nth(1)
        .and_then(|r| r.split_whitespace().next())
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| panic!("the LP relaxation did not finish in time: {line}"));
    assert!((lp - 175.0).abs() < 1e-6, "LP bound {lp}");
    // And what it counts of each cost: no Saturday nor late slot in a day
    // programme.
    let counts = run.stderr.lines().find(|l| l.contains("the LP relaxation counts")).expect("the LP's costs");
    assert!(counts.contains("saturday 0.00") && counts.contains("late 0.00"), "{counts}");
    // The model restricted to the LP's patterns was re-solved.
    assert!(
        run.stderr.lines().any(|l| l.contains("patterns the LP uses") && l.contains("give objective")),
        "{}",
        run.stderr
    );
    let t = read_json(&file);
    let objective = t["report"]["objective"].as_f64().expect("objective");
    let gap = t["report"]["gap"].as_f64().expect("gap");
    assert!(objective >= lp - 1e-6, "objective {objective} below the bound {lp}");
    // The gap is measured against the LP bound or a better one.
    assert!(gap <= (objective - lp) / objective + 1e-6, "gap {gap}, objective {objective}, LP {lp}");
    assert!(gap < 1.0);
    // The summary tells the planner what an unproven gap means.
    let hint = format!("the best timetable possible costs at most {:.2} % less", gap * 100.0);
    if t["report"]["status"] == "feasible" {
        assert!(run.stdout.contains(&hint) && run.stdout.contains("thorough.json"), "{}", run.stdout);
    } else {
        assert!(!run.stdout.contains("Not proven"), "{}", run.stdout);
    }
    // The leaf cohorts' parts (two at a time with default.json's two
    // threads, then again beside the re-solves) bound the timetable too,
    // and the gap is measured against the best of their bounds.
    let parts: Vec<f64> = run
        .stderr
        .lines()
        .filter(|l| l.contains("from the cohorts' parts"))
        .filter_map(|l| l.split("bound: ").nth(1)?.split_whitespace().next()?.parse().ok())
        .collect();
    assert!(!parts.is_empty(), "{}", run.stderr);
    let best = parts.iter().copied().fold(lp, f64::max);
    // The lines print bounds to two decimals (216.258 as 216.26 in a CI
    // run on a loaded machine), hence half a hundredth of slack.
    assert!(best <= objective + 0.005, "parts' bound {best} above the objective {objective}");
    assert!(gap <= (objective - best + 0.005) / objective + 1e-6, "gap {gap}, objective {objective}, bound {best}");
    // The soft costs add up to the objective.
    let sum: f64 = t["report"]["costs"].as_object().expect("costs").values().filter_map(Value::as_f64).sum();
    assert!((sum - objective).abs() < 1e-3, "costs {sum} vs objective {objective}");
}

#[test]
fn an_alternation_to_a_site_too_small_is_named_by_solve() {
    let dir = temp_dir();
    let mut v = tiny();
    // a2 alternates between Mons and Charleroi; Charleroi's only room now
    // has 10 seats for 25 students.
    v["sites"][1]["rooms"] = serde_json::json!([{ "id": "c1", "capacity": 10 }]);
    let inst = dir.path().join("alt-small.json");
    write_json(&inst, &v);
    let out = dir.path().join("out");
    let run = horaire(["solve", s(&inst), "--out", s(&out)]).expect_code(1);
    assert!(
        run.stdout.contains("a2: it alternates between mons and charleroi and charleroi (largest room 10 seats)"),
        "{}",
        run.stdout
    );
    assert!(!out.join("timetable.json").exists());
}

#[test]
fn bench_measures_a_checked_timetable_and_fails_on_a_broken_instance() {
    let dir = temp_dir();
    let cfg = config(dir.path(), 20);
    let broken = dir.path().join("broken.json");
    std::fs::write(&broken, "{").expect("write");
    let tiny = fixture("tiny.json");
    let run = horaire(["bench", s(&tiny), s(&broken), "--config", s(&cfg), "--markdown"]).expect_code(1);
    let row = |name: &str| -> Vec<String> {
        let line = run.stdout.lines().find(|l| l.starts_with(&format!("| {name}"))).expect(name);
        line.split('|').map(|c| c.trim().to_string()).filter(|c| !c.is_empty()).collect()
    };
    // Status "optimal" is only given to a timetable the checker accepts
    // (otherwise "rejected"); the model size is reported.
    let t = row("tiny");
    assert_eq!(t[1], "optimal", "{t:?}");
    assert!(t[6].parse::<usize>().expect("patterns") > 0, "{t:?}");
    assert_eq!(row("broken")[1], "invalid");
}

#[test]
fn the_solver_log_is_shown_only_with_verbose_and_the_summary_speaks_a_planners_words() {
    let dir = temp_dir();
    let cfg = config(dir.path(), 20);
    let inst = fixture("tiny.json");
    let plain = horaire(["solve", s(&inst), "--config", s(&cfg), "--out", s(&dir.path().join("a"))]).expect_code(0);
    assert!(plain.stderr.contains("] phase: assigning rooms"), "{}: no progress:\n{}", plain.command, plain.stderr);
    assert!(
        !plain.stderr.contains("highs:"),
        "{}: the solver's log without --verbose:\n{}",
        plain.command,
        plain.stderr
    );
    let verbose = horaire(["solve", s(&inst), "--config", s(&cfg), "--out", s(&dir.path().join("b")), "--verbose"])
        .expect_code(0);
    assert!(
        verbose.stderr.contains("highs: Presolving model"),
        "{}: no solver log:\n{}",
        verbose.command,
        verbose.stderr
    );
    check_ok(&inst, &dir.path().join("b").join("timetable.json"));
    // The tiny instance's cohort visits two sites in one week (weight 3)
    // and has a 6 h busiest week (weight 1): objective 9.
    assert!(plain.stdout.contains("optimal timetable, objective 9,"), "{}", plain.stdout);
    assert!(
        plain.stdout.contains(
            "What the objective counts: 1 extra site a cohort travels to within a week (3 of the objective); \
             6 h in the cohorts' busiest weeks, added up (6 of the objective).\n"
        ),
        "{}",
        plain.stdout
    );
    assert!(
        plain.stdout.contains("The busiest week: 6 h for Bloc 1 (b1), the week of 2025-11-17.\n"),
        "{}",
        plain.stdout
    );
    assert!(!plain.stdout.contains("weekly_peak"), "{}", plain.stdout);
}
