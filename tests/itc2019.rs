//! The `horaire itc2019` adapter, through the real binary.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/itc2019").join(name)
}

/// Runs `horaire ARGS…`; fails the test on a panic. (A local helper the
/// shared harness in tests/common can replace.)
fn horaire(args: &[&str]) -> Output {
    let o = Command::new(env!("CARGO_BIN_EXE_horaire")).args(args).output().expect("run horaire");
    assert!(!String::from_utf8_lossy(&o.stderr).contains("panicked"), "horaire panicked");
    o
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn p(x: &Path) -> &str {
    x.to_str().expect("utf-8 path")
}

/// One soft constraint of each of the 19 kinds and a student conflict
/// through travel time, computed by hand (see the fixture's placements):
/// SameStart 100≠112: 1 pair x 1; SameTime A inside C: 0; DifferentTime
/// A and C overlap: 1; SameDays {Mon}⊂{Mon,Tue}: 0; DifferentDays share
/// Monday: 2; SameWeeks {1} vs {2}: 1; DifferentWeeks: 0; Overlap A and D
/// (Monday, week 2, 100-110 within 100-130): 0; NotOverlap: 3; SameRoom
/// r1=r1: 0; DifferentRoom: 1; SameAttendees A ends 110, +6 travel r1→r2 >
/// 112: 4; Precedence B before A, B ends 122 > 100: 1; WorkDay(25)
/// 122-100=22: 0; MinGap(5) 110+5 > 112: 1; MaxDays(1) Mon+Tue: 1 day over
/// x 2; MaxDayLoad(25) Monday week 2 has 50 slots, Tuesday week 2 has 30:
/// excess 30, 3 x 30 / 2 weeks = 45; MaxBreaks(0,1) a 2-slot gap on Monday
/// of both weeks: 2 breaks over, 2 x 2 / 2 = 2; MaxBlock(15,2) a 22-slot
/// block on Monday week 1, a 30-slot block on Monday week 2 (D alone on
/// Tuesday is one class, not counted): 2 blocks, 4 x 2 / 2 = 4. Total
/// distribution 68. Time 2+1, room 3; student s1 in A and B: 1 conflict.
#[test]
fn cost_of_the_hand_written_solution_matches_the_hand_computation() {
    let o = horaire(&["itc2019", "cost", p(&fixture("kinds.xml")), p(&fixture("kinds.sol.xml"))]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let expected = "\
instance: kinds
hard violations: 0
time: 3 x 1 = 3
room: 3 x 1 = 3
distribution: 68 x 1 = 68
  DifferentDays: 2
  DifferentRoom: 1
  DifferentTime: 1
  MaxBlock: 4
  MaxBreaks: 2
  MaxDayLoad: 45
  MaxDays: 2
  MinGap: 1
  NotOverlap: 3
  Precedence: 1
  SameAttendees: 4
  SameStart: 1
  SameWeeks: 1
student conflicts: 1 x 1 = 1
total: 75
";
    assert_eq!(text(&o.stdout), expected);
}

fn with_solution(edit: impl Fn(String) -> String) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let sol = dir.path().join("s.xml");
    std::fs::write(&sol, edit(std::fs::read_to_string(fixture("kinds.sol.xml")).unwrap())).unwrap();
    (dir, sol)
}

#[test]
fn hard_violations_are_named() {
    // C missing (its student s1 goes to D instead), B moved to Wednesday,
    // when r2 is unavailable.
    let (_d, sol) = with_solution(|t| {
        t.replace(
            "  <class id=\"C\" days=\"01000\" start=\"100\" weeks=\"10\" room=\"r1\"><student id=\"s1\"/></class>\n",
            "",
        )
        .replace("<class id=\"B\" days=\"10000\"", "<class id=\"B\" days=\"00100\"")
        .replace("<student id=\"s2\"/>", "<student id=\"s2\"/><student id=\"s1\"/>")
    });
    let o = horaire(&["itc2019", "cost", p(&fixture("kinds.xml")), p(&sol)]);
    assert_eq!(o.status.code(), Some(1));
    let out = text(&o.stdout);
    assert!(out.contains("hard violations: 2\n"), "{out}");
    assert!(out.contains("hard: class C is missing from the solution (no time, no room)\n"), "{out}");
    assert!(out.contains("hard: class B meets while room r2 is unavailable\n"), "{out}");
}

#[test]
fn a_time_or_room_the_class_does_not_have_is_a_hard_violation() {
    let (_d, sol) = with_solution(|t| {
        t.replace("start=\"112\" weeks=\"11\" room=\"r2\"", "start=\"113\" weeks=\"11\" room=\"r2\"")
            .replace("weeks=\"10\" room=\"r1\"", "weeks=\"10\" room=\"r2\"")
    });
    let o = horaire(&["itc2019", "cost", p(&fixture("kinds.xml")), p(&sol)]);
    assert_eq!(o.status.code(), Some(1));
    let out = text(&o.stdout);
    assert!(out.contains("hard: class B is at days, start and weeks that are not one of its times\n"), "{out}");
    assert!(out.contains("hard: class C is in room r2, not one of its rooms\n"), "{out}");
}

#[test]
fn an_unknown_room_in_a_solution_is_a_located_error() {
    let (_d, sol) = with_solution(|t| t.replace("room=\"r2\"", "room=\"r9\""));
    let o = horaire(&["itc2019", "cost", p(&fixture("kinds.xml")), p(&sol)]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stdout).is_empty());
    let err = text(&o.stderr);
    assert!(err.contains(&format!("horaire: {}:4:3: class `B`: unknown room `r9`", sol.display())), "{err}");
}

#[test]
fn malformed_xml_is_a_located_error() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.xml");
    let t = std::fs::read_to_string(fixture("kinds.xml"))
        .unwrap()
        .replace("<room id=\"r1\" capacity=\"10\"/>", "<room id=\"r1\" capacity=\"10\">");
    std::fs::write(&bad, t).unwrap();
    let o = horaire(&["itc2019", "cost", p(&bad), p(&fixture("kinds.sol.xml"))]);
    assert_eq!(o.status.code(), Some(2));
    let err = text(&o.stderr);
    assert!(err.contains(&format!("horaire: {}:", bad.display())) && err.contains("malformed XML"), "{err}");
}

#[test]
fn bad_values_are_all_listed_with_their_place() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.xml");
    let t = std::fs::read_to_string(fixture("kinds.xml"))
        .unwrap()
        .replace("capacity=\"10\"/>", "capacity=\"ten\"/>")
        .replace("type=\"MinGap(5)\"", "type=\"MinGaps(5)\"");
    std::fs::write(&bad, t).unwrap();
    let o = horaire(&["itc2019", "cost", p(&bad), p(&fixture("kinds.sol.xml"))]);
    assert_eq!(o.status.code(), Some(2));
    let err = text(&o.stderr);
    assert!(err.contains(":7:5: <room> attribute `capacity`: expected a non-negative integer, found `ten`"), "{err}");
    assert!(err.contains("unknown distribution type `MinGaps(5)`"), "{err}");
    assert!(err.contains("2 problem(s)"), "{err}");
}

#[test]
fn solve_gives_a_feasible_solution_whose_cost_the_evaluator_confirms_and_is_reproducible() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.xml"), dir.path().join("b.xml"));
    for out in [&a, &b] {
        let o = horaire(&[
            "itc2019",
            "solve",
            p(&fixture("kinds.xml")),
            "--cycles",
            "2",
            "--seed",
            "3",
            "--out",
            p(out),
            "-q",
        ]);
        assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    }
    let strip = |x: &Path| {
        let t = std::fs::read_to_string(x).unwrap();
        t.lines().filter(|l| !l.starts_with("<solution")).collect::<Vec<_>>().join("\n")
    };
    assert_eq!(strip(&a), strip(&b));
    let solved =
        horaire(&["itc2019", "solve", p(&fixture("kinds.xml")), "--cycles", "2", "--seed", "3", "--out", p(&a), "-q"]);
    let said: u64 =
        text(&solved.stderr).lines().find_map(|l| l.strip_prefix("horaire: total: ")).unwrap().parse().unwrap();
    let o = horaire(&["itc2019", "cost", p(&fixture("kinds.xml")), p(&a)]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stdout));
    let report = text(&o.stdout);
    assert!(report.contains("hard violations: 0\n"));
    // The hand-written solution costs 75; the solver must do better.
    let total: u64 = report.lines().find_map(|l| l.strip_prefix("total: ")).unwrap().parse().unwrap();
    assert!(total < 75, "{report}");
    assert_eq!(total, said);
}
