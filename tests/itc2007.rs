//! The `horaire itc2007` adapter, through the real binary.

mod common;
use common::{horaire, s, temp_dir};
use std::path::PathBuf;

fn fixture(name: &str) -> PathBuf {
    common::fixture(&format!("itc2007/{name}"))
}

/// The value after `label:` in a cost report.
fn field(report: &str, label: &str) -> usize {
    let line = report
        .lines()
        .find(|l| l.trim_start().starts_with(&format!("{label}:")))
        .unwrap_or_else(|| panic!("no `{label}` in report:\n{report}"));
    line.rsplit(':').next().and_then(|v| v.trim().parse().ok()).unwrap_or_else(|| panic!("bad line `{line}`"))
}

#[test]
fn cost_of_hand_written_toy_solution_matches_hand_computation() {
    let o = horaire(["itc2007", "cost", s(&fixture("toy.ctt")), s(&fixture("toy.sol"))]).run();
    let r = &o.stdout;
    assert_eq!(o.code, 0, "{r}{}", o.stderr);
    assert_eq!(field(r, "hard violations"), 0);
    assert_eq!(field(r, "room capacity"), 6);
    assert_eq!(field(r, "minimum working days"), 5);
    assert_eq!(field(r, "curriculum compactness"), 12);
    assert_eq!(field(r, "room stability"), 1);
    assert_eq!(field(r, "total"), 24);
}

#[test]
fn cost_reports_each_hard_violation() {
    let dir = temp_dir();
    let sol = dir.path().join("bad.sol");
    // Drop the last Geotec lecture (1 unscheduled); put TecCos in an
    // unavailable period (day 2 period 0); put SceCosC in ArcTec's room and
    // period (room occupancy + curriculum conflict).
    let text = std::fs::read_to_string(fixture("toy.sol")).unwrap();
    let text = text
        .replace("Geotec rA 4 2\n", "")
        .replace("TecCos rC 2 2", "TecCos rC 2 0")
        .replace("SceCosC rB 1 0", "SceCosC rC 1 1");
    std::fs::write(&sol, text).unwrap();
    let o = horaire(["itc2007", "cost", s(&fixture("toy.ctt")), s(&sol)]).run();
    let r = &o.stdout;
    assert_eq!(o.code, 1, "{r}");
    assert_eq!(field(r, "unscheduled lectures"), 1);
    assert_eq!(field(r, "unavailability"), 1);
    assert_eq!(field(r, "room occupancy"), 1);
    assert_eq!(field(r, "conflicts (course/teacher/curriculum)"), 1);
    assert_eq!(field(r, "hard violations"), 4);
}

fn malformed(text: &str) -> (i32, String) {
    let dir = temp_dir();
    let p = dir.path().join("bad.ctt");
    std::fs::write(&p, text).unwrap();
    let o = horaire(["itc2007", "cost", s(&p), s(&fixture("toy.sol"))]).run();
    assert!(o.stdout.is_empty());
    (o.code, o.stderr)
}

fn toy_text() -> String {
    std::fs::read_to_string(fixture("toy.ctt")).unwrap()
}

#[test]
fn malformed_number_is_located() {
    let (code, err) = malformed(&toy_text().replace("ArcTec Indaco 3 2 42", "ArcTec Indaco three 2 42"));
    assert_eq!(code, 2);
    assert!(err.contains("bad.ctt:11:"), "{err}");
    assert!(err.contains("expected the number of lectures"), "{err}");
    assert!(err.contains("`three`"), "{err}");
}

#[test]
fn several_problems_are_all_reported() {
    let t = toy_text().replace("rB 50", "rB 50 7").replace("Cur2 2 TecCos Geotec", "Cur2 2 TecCos Geotek");
    let (code, err) = malformed(&t.replace("ArcTec 4 3", "ArcTec 9 3"));
    assert_eq!(code, 2);
    assert!(err.contains("bad.ctt:17: expected a room line"), "{err}");
    assert!(err.contains("bad.ctt:22: unknown course `Geotek`"), "{err}");
    assert!(err.contains("bad.ctt:32: day 9 out of range"), "{err}");
    assert!(err.contains("3 problem(s)"), "{err}");
}

#[test]
fn wrong_header_and_missing_records_are_located() {
    let (code, err) = malformed(&toy_text().replace("Rooms: 3", "Room: 3"));
    assert_eq!(code, 2);
    assert!(err.contains("bad.ctt:3: expected `Rooms: <value>`"), "{err}");

    let (code, err) = malformed(&toy_text().replace("Courses: 4", "Courses: 5"));
    assert_eq!(code, 2);
    assert!(err.contains("expected 5 record(s) under `COURSES:`"), "{err}");

    let (code, err) = malformed(&toy_text().replace("END.", ""));
    assert_eq!(code, 2);
    assert!(err.contains("expected `END.`"), "{err}");
}

#[test]
fn malformed_solution_is_located() {
    let dir = temp_dir();
    let sol = dir.path().join("bad.sol");
    std::fs::write(&sol, "SceCosC rA 0 0\nNoSuch rA 0 1\nArcTec rZ 7 0 9\n").unwrap();
    let o = horaire(["itc2007", "cost", s(&fixture("toy.ctt")), s(&sol)]).run();
    let err = &o.stderr;
    assert_eq!(o.code, 2);
    assert!(err.contains("bad.sol:2: unknown course `NoSuch`"), "{err}");
    assert!(err.contains("bad.sol:3: expected `<course> <room> <day> <period>`"), "{err}");
}

/// The cost the solver announces on stderr (`…: cost N (hard violations H)…`).
fn announced_cost(err: &str) -> (usize, usize) {
    let after = err.split(": cost ").nth(1).unwrap_or_else(|| panic!("no cost in `{err}`"));
    let cost = after.split_whitespace().next().and_then(|v| v.parse().ok()).unwrap();
    let hard = after.split("hard violations ").nth(1).and_then(|v| v.split(')').next()).and_then(|v| v.parse().ok());
    (cost, hard.unwrap())
}

#[test]
fn solve_toy_is_feasible_and_its_cost_is_what_cost_says() {
    let dir = temp_dir();
    let sol = dir.path().join("toy.sol");
    let toy = fixture("toy.ctt");
    let o = horaire(["itc2007", "solve", s(&toy), "--cycles", "1", "--out", s(&sol)]).expect_code(0);
    let (cost, hard) = announced_cost(&o.stderr);
    assert_eq!(hard, 0);
    let check = horaire(["itc2007", "cost", s(&toy), s(&sol)]).run();
    let report = &check.stdout;
    assert_eq!(check.code, 0, "{report}");
    assert_eq!(field(report, "hard violations"), 0);
    assert_eq!(field(report, "unscheduled lectures"), 0);
    assert_eq!(field(report, "total"), cost);
    // Every lecture is in the file: 3 + 3 + 5 + 5.
    assert_eq!(std::fs::read_to_string(&sol).unwrap().lines().count(), 16);
}

#[test]
fn solve_is_deterministic_for_a_seed_and_cycle_count() {
    let toy = fixture("toy.ctt");
    let run = |seed: &str| horaire(["itc2007", "solve", s(&toy), "--cycles", "1", "--seed", seed]).run();
    let (a, b) = (run("7"), run("7"));
    assert_eq!(a.code, 0);
    assert!(!a.stdout.is_empty());
    assert_eq!(a.stdout, b.stdout);
}

#[test]
fn solve_rejects_malformed_instance_and_writes_nothing() {
    let dir = temp_dir();
    let bad = dir.path().join("bad.ctt");
    std::fs::write(&bad, toy_text().replace("Days: 5", "Days: five")).unwrap();
    let sol = dir.path().join("out.sol");
    let o = horaire(["itc2007", "solve", s(&bad), "--cycles", "1", "--out", s(&sol)]).expect_code(2);
    assert!(o.stderr.contains("bad.ctt:4: expected the value of `Days:`"), "{}", o.stderr);
    assert!(!sol.exists());
}

#[test]
fn bench_reads_best_known_costs() {
    let refs = horaire::itc2007::bench::reference_costs(
        "inst    name       lect   mS   mF   B13  B22   proof\n\
         comp05  Let0405-1   152  298  330   290  284\n\
         comp11  Fis0506-2   162    0    0     0    -   optimal=0 (cost 0 reached)\n",
    );
    assert_eq!(refs, vec![("comp05".to_string(), 284), ("comp11".to_string(), 0)]);
}

#[test]
fn bench_prints_one_checked_row_per_instance() {
    let dir = temp_dir();
    std::fs::copy(fixture("toy.ctt"), dir.path().join("toy.ctt")).unwrap();
    std::fs::write(dir.path().join("REFERENCE_COSTS.txt"), "inst name lect best\ntoy Toy 16 0\n").unwrap();
    let o = horaire(["itc2007", "bench", s(dir.path()), "--seconds", "1"]).run();
    let table = &o.stdout;
    assert_eq!(o.code, 0, "{table}{}", o.stderr);
    let row: Vec<&str> = table.lines().nth(1).unwrap().split_whitespace().collect();
    // instance, cost, hard, best-known, ratio, seconds
    assert_eq!(&row[..5], &["toy", "0", "0", "0", "1.00"], "{table}");
    assert_eq!(table.lines().count(), 2);
}

#[test]
fn solve_on_infeasible_instance_exits_1_and_says_so() {
    let dir = temp_dir();
    let p = dir.path().join("over.ctt");
    // TecCos needs 19 lectures but is available in 16 of the 20 periods.
    std::fs::write(&p, toy_text().replace("TecCos Rosa 5 4 40", "TecCos Rosa 19 4 40")).unwrap();
    let sol = dir.path().join("over.sol");
    let o = horaire(["itc2007", "solve", s(&p), "--cycles", "1", "--out", s(&sol)]).expect_code(1);
    assert!(o.stderr.contains("no feasible timetable found"), "{}", o.stderr);
    let check = horaire(["itc2007", "cost", s(&p), s(&sol)]).expect_code(1);
    assert!(field(&check.stdout, "unscheduled lectures") >= 3);
}
