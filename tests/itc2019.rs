//! The `horaire itc2019` adapter, through the real binary: the cost of
//! hand-written solutions computed by hand (one small instance per
//! distribution kind, the per-day and per-week kinds, student conflicts
//! with travel), hard violations named, located errors, and `solve`
//! checked by `cost`.

mod common;
use common::{fixture, horaire, s, temp_dir};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn itc(name: &str) -> PathBuf {
    fixture(&format!("itc2019/{name}"))
}

// ---------------------------------------------------------------------------
// Small made-up instances: each class in a course of its own, with one
// time and one room (or none), where the hand-written solution puts it.

/// A class with its only time (days and weeks as the file's bit strings,
/// start and length in slots) and its room (`None`: needs no room).
struct Cl {
    id: &'static str,
    days: &'static str,
    start: u32,
    length: u32,
    weeks: &'static str,
    room: Option<&'static str>,
}

fn cl(
    id: &'static str,
    days: &'static str,
    start: u32,
    length: u32,
    weeks: &'static str,
    room: Option<&'static str>,
) -> Cl {
    Cl { id, days, start, length, weeks, room }
}

/// Rooms r1, r2, r3: 6 slots of travel between r1 and r2 (written on r2
/// only), 3 between r1 and r3 (written on r1 only), none between r2 and r3.
const ROOMS: &str = r#"    <room id="r1" capacity="50"><travel room="r3" value="3"/></room>
    <room id="r2" capacity="50"><travel room="r1" value="6"/></room>
    <room id="r3" capacity="50"/>
"#;

/// A made-up instance `t` and its solution. `distributions` is the XML of
/// the `<distribution>` elements; each student takes the courses of the
/// classes listed. Weights: time 1, room 1, distribution 2, student 3.
struct Made {
    problem: String,
    solution: String,
}

fn made(classes: &[Cl], distributions: &str, students: &[(&str, &[&str])]) -> Made {
    let (nr_days, nr_weeks) = (classes[0].days.len(), classes[0].weeks.len());
    let mut p = String::new();
    let _ = writeln!(p, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
    let _ = writeln!(p, "<problem name=\"t\" nrDays=\"{nr_days}\" nrWeeks=\"{nr_weeks}\" slotsPerDay=\"288\">");
    let _ = writeln!(p, "  <optimization time=\"1\" room=\"1\" distribution=\"2\" student=\"3\"/>");
    let _ = write!(p, "  <rooms>\n{ROOMS}  </rooms>\n  <courses>\n");
    for c in classes {
        let room_attr = if c.room.is_none() { " room=\"false\"" } else { "" };
        let _ = writeln!(p, "    <course id=\"k{0}\"><config id=\"1\"><subpart id=\"{0}\">", c.id);
        let _ = writeln!(p, "      <class id=\"{}\" limit=\"10\"{room_attr}>", c.id);
        if let Some(r) = c.room {
            let _ = writeln!(p, "        <room id=\"{r}\" penalty=\"0\"/>");
        }
        let _ = writeln!(
            p,
            "        <time days=\"{}\" start=\"{}\" length=\"{}\" weeks=\"{}\" penalty=\"0\"/>",
            c.days, c.start, c.length, c.weeks
        );
        let _ = writeln!(p, "      </class>\n    </subpart></config></course>");
    }
    let _ = write!(p, "  </courses>\n  <distributions>\n{distributions}  </distributions>\n  <students>\n");
    for (sid, taken) in students {
        let _ = write!(p, "    <student id=\"{sid}\">");
        for c in *taken {
            let _ = write!(p, "<course id=\"k{c}\"/>");
        }
        let _ = writeln!(p, "</student>");
    }
    let _ = write!(p, "  </students>\n</problem>\n");

    let mut sol = String::new();
    let _ = writeln!(sol, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
    let _ = writeln!(
        sol,
        "<solution name=\"t\" runtime=\"0\" cores=\"1\" technique=\"by hand\" author=\"\" institution=\"\" country=\"\">"
    );
    for c in classes {
        let room = c.room.map(|r| format!(" room=\"{r}\"")).unwrap_or_default();
        let _ = write!(
            sol,
            "  <class id=\"{}\" days=\"{}\" start=\"{}\" weeks=\"{}\"{room}>",
            c.id, c.days, c.start, c.weeks
        );
        for (sid, taken) in students {
            if taken.contains(&c.id) {
                let _ = write!(sol, "<student id=\"{sid}\"/>");
            }
        }
        let _ = writeln!(sol, "</class>");
    }
    sol.push_str("</solution>\n");
    Made { problem: p, solution: sol }
}

/// A `<distribution>` of `kind` on `classes`: soft with `penalty`, or
/// required when `penalty` is `None`.
fn dist(kind: &str, penalty: Option<u32>, classes: &[&str]) -> String {
    let attr = match penalty {
        Some(p) => format!("penalty=\"{p}\""),
        None => "required=\"true\"".to_string(),
    };
    let list: String = classes.iter().map(|c| format!("<class id=\"{c}\"/>")).collect();
    format!("    <distribution type=\"{kind}\" {attr}>{list}</distribution>\n")
}

/// `horaire itc2019 cost` of a made-up instance: exit code and report.
fn cost(m: &Made) -> (i32, String) {
    let o = horaire(["itc2019", "cost"]).file("t.xml", &m.problem).file("t.sol.xml", &m.solution).run();
    assert!(o.stderr.is_empty(), "{}", o.stderr);
    (o.code, o.stdout)
}

/// The report of a feasible solution of a made-up instance (no time or
/// room penalties; weights distribution 2, student 3).
fn report(distribution: u64, by_kind: &[(&str, u64)], student: u64) -> String {
    let mut s = format!(
        "instance: t\nhard violations: 0\ntime: 0 x 1 = 0\nroom: 0 x 1 = 0\ndistribution: {distribution} x 2 = {}\n",
        2 * distribution
    );
    for (k, v) in by_kind {
        let _ = writeln!(s, "  {k}: {v}");
    }
    let _ =
        write!(s, "student conflicts: {student} x 3 = {}\ntotal: {}\n", 3 * student, 2 * distribution + 3 * student);
    s
}

/// Asserts the cost of one soft distribution of `kind` (name without
/// parameters in the report) on the classes, with the expected penalty.
fn soft_case(classes: &[Cl], kind: &str, penalty: u32, expected: u64) {
    let names: Vec<&str> = classes.iter().map(|c| c.id).collect();
    let m = made(classes, &dist(kind, Some(penalty), &names), &[]);
    let (code, out) = cost(&m);
    assert_eq!(code, 0, "{out}");
    let short = kind.split('(').next().unwrap();
    let by_kind: Vec<(&str, u64)> = if expected > 0 { vec![(short, expected)] } else { vec![] };
    assert_eq!(out, report(expected, &by_kind, 0), "{kind}");
}

const MON: &str = "1000000";
const TUE: &str = "0100000";
const WED: &str = "0010000";
const THU: &str = "0001000";

#[test]
fn same_start_costs_each_pair_starting_at_another_slot() {
    // A and B start at 100 (days do not matter), C at 102: pairs AC, BC.
    soft_case(
        &[
            cl("A", MON, 100, 10, "11", Some("r1")),
            cl("B", TUE, 100, 20, "11", Some("r1")),
            cl("C", WED, 102, 10, "11", Some("r1")),
        ],
        "SameStart",
        5,
        10,
    );
}

#[test]
fn same_time_costs_each_pair_where_neither_lies_within_the_other() {
    // B (105-115) lies within A (100-120); C (110-125) lies within neither.
    soft_case(
        &[
            cl("A", MON, 100, 20, "11", Some("r1")),
            cl("B", TUE, 105, 10, "11", Some("r1")),
            cl("C", WED, 110, 15, "11", Some("r1")),
        ],
        "SameTime",
        3,
        6,
    );
}

#[test]
fn different_time_costs_pairs_overlapping_in_the_day_whatever_the_days_and_weeks() {
    // A 100-110 and B 110-120 touch (allowed); C 105-108 on another day
    // and week still overlaps A within the day.
    soft_case(
        &[
            cl("A", MON, 100, 10, "10", Some("r1")),
            cl("B", TUE, 110, 10, "10", Some("r1")),
            cl("C", WED, 105, 3, "01", Some("r1")),
        ],
        "DifferentTime",
        4,
        4,
    );
}

#[test]
fn same_days_accepts_a_subset_and_costs_the_rest() {
    // B (Mon) is a subset of A (Mon, Wed); C (Tue) is a subset of neither.
    soft_case(
        &[
            cl("A", "1010000", 100, 10, "11", Some("r1")),
            cl("B", MON, 200, 10, "11", Some("r1")),
            cl("C", TUE, 100, 10, "11", Some("r1")),
        ],
        "SameDays",
        1,
        2,
    );
    // Mon-Tue against Tue-Wed: neither a subset of the other.
    soft_case(
        &[cl("A", "1100000", 100, 10, "11", Some("r1")), cl("B", "0110000", 200, 10, "11", Some("r1"))],
        "SameDays",
        7,
        7,
    );
}

#[test]
fn different_days_costs_pairs_sharing_a_day() {
    // A Mon-Wed, B Tue-Thu, C Wed: only A and C share a day.
    soft_case(
        &[
            cl("A", "1010000", 100, 10, "11", Some("r1")),
            cl("B", "0101000", 100, 10, "11", Some("r2")),
            cl("C", WED, 200, 10, "11", Some("r1")),
        ],
        "DifferentDays",
        2,
        2,
    );
}

#[test]
fn same_weeks_accepts_a_subset_and_costs_the_rest() {
    // B (weeks 1, 3) and C (weeks 2, 3) are subsets of A (all four), not
    // of each other.
    soft_case(
        &[
            cl("A", MON, 100, 10, "1111", Some("r1")),
            cl("B", TUE, 100, 10, "1010", Some("r1")),
            cl("C", WED, 100, 10, "0110", Some("r1")),
        ],
        "SameWeeks",
        3,
        3,
    );
}

#[test]
fn different_weeks_costs_pairs_sharing_a_week() {
    soft_case(
        &[
            cl("A", MON, 100, 10, "1100", Some("r1")),
            cl("B", MON, 100, 10, "0011", Some("r2")),
            cl("C", TUE, 100, 10, "0110", Some("r1")),
        ],
        "DifferentWeeks",
        1,
        2,
    );
}

#[test]
fn overlap_costs_pairs_that_never_meet_at_once() {
    // A and B overlap on Monday of week 2; B and C on Monday of week 2
    // (105-115 and 110-120); A and C only touch (110).
    soft_case(
        &[
            cl("A", MON, 100, 10, "1100", Some("r1")),
            cl("B", MON, 105, 10, "0100", Some("r2")),
            cl("C", MON, 110, 10, "1100", Some("r3")),
        ],
        "Overlap",
        6,
        6,
    );
}

#[test]
fn not_overlap_costs_pairs_that_meet_at_once() {
    // A and B overlap in the day but not in weeks; C (109-111, both weeks)
    // overlaps both.
    soft_case(
        &[
            cl("A", MON, 100, 10, "10", Some("r1")),
            cl("B", MON, 105, 10, "01", Some("r2")),
            cl("C", MON, 109, 2, "11", Some("r3")),
        ],
        "NotOverlap",
        2,
        4,
    );
}

#[test]
fn same_room_and_different_room_count_pairs_of_rooms() {
    let three = || {
        [
            cl("A", MON, 100, 10, "11", Some("r1")),
            cl("B", TUE, 100, 10, "11", Some("r1")),
            cl("C", WED, 100, 10, "11", Some("r2")),
        ]
    };
    soft_case(&three(), "SameRoom", 1, 2);
    soft_case(&three(), "DifferentRoom", 5, 5);
}

#[test]
fn same_attendees_needs_the_travel_time_between_rooms() {
    // A r1 100-110, B r2 116-126: 6 slots, exactly the travel time from r1
    // to r2 (written on r2 only): allowed. C r1 130-140 after B: 4 slots
    // for 6 of travel, violated. D needs no room and meets 110-116: no
    // travel, allowed next to every one. E on Tuesday: another day.
    soft_case(
        &[
            cl("A", MON, 100, 10, "11", Some("r1")),
            cl("B", MON, 116, 10, "11", Some("r2")),
            cl("C", MON, 130, 10, "11", Some("r1")),
            cl("D", MON, 110, 6, "11", None),
            cl("E", TUE, 126, 4, "11", Some("r1")),
        ],
        "SameAttendees",
        9,
        9,
    );
}

#[test]
fn precedence_compares_first_weeks_then_first_days_then_times_in_listed_order() {
    // Listed A, B, C, D. A first meets in week 2 (Mon 100-110); B in week
    // 1: A is not before B. C first meets in week 2 on Tuesday: after A,
    // after B (a later week). D meets Mon-Wed of weeks 2-3 at 105, its first
    // meeting Monday of week 2 overlapping A's end: A not before D; B (week
    // 1) is before D; C (Tuesday) is not before D (Monday).
    soft_case(
        &[
            cl("A", MON, 100, 10, "0100", Some("r1")),
            cl("B", MON, 90, 10, "1000", Some("r2")),
            cl("C", TUE, 50, 10, "0100", Some("r1")),
            cl("D", "1010000", 105, 10, "0110", Some("r3")),
        ],
        "Precedence",
        2,
        6,
    );
}

#[test]
fn work_day_limits_the_span_of_pairs_on_a_common_day_and_week() {
    // Week 1, Monday: A 100-110, B 125-130 span 30 (allowed); C 120-131
    // spans 31 with A. D on Tuesday and E on Monday of week 2 share no day
    // and week with the others.
    soft_case(
        &[
            cl("A", MON, 100, 10, "10", Some("r1")),
            cl("B", MON, 125, 5, "10", Some("r2")),
            cl("C", MON, 120, 11, "10", Some("r3")),
            cl("D", TUE, 200, 50, "10", Some("r1")),
            cl("E", MON, 200, 10, "01", Some("r1")),
        ],
        "WorkDay(30)",
        4,
        4,
    );
}

#[test]
fn min_gap_needs_g_slots_between_classes_on_a_common_day() {
    // A 100-110, B 115-120 (a gap of 5: allowed), C 123-130 (3 after B).
    // D on Tuesday at 121.
    soft_case(
        &[
            cl("A", MON, 100, 10, "11", Some("r1")),
            cl("B", MON, 115, 5, "11", Some("r1")),
            cl("C", MON, 123, 7, "11", Some("r1")),
            cl("D", TUE, 121, 5, "11", Some("r1")),
        ],
        "MinGap(5)",
        3,
        3,
    );
}

#[test]
fn max_days_costs_each_day_of_the_week_over_d_whatever_the_weeks() {
    // Monday (week 1), Tuesday (week 2), Wednesday and Friday: four days
    // for at most 2.
    soft_case(
        &[
            cl("A", MON, 100, 10, "10", Some("r1")),
            cl("B", TUE, 100, 10, "01", Some("r1")),
            cl("C", "0010100", 100, 10, "11", Some("r1")),
        ],
        "MaxDays(2)",
        3,
        6,
    );
    soft_case(&[cl("A", MON, 100, 10, "10", Some("r1")), cl("B", MON, 200, 10, "01", Some("r1"))], "MaxDays(1)", 3, 0);
}

#[test]
fn max_day_load_sums_the_excess_over_days_and_weeks_and_divides_by_the_weeks_at_the_end() {
    // Three weeks, at most 20 slots a day. Monday of weeks 1 and 2: A (15)
    // and B (9) make 24, 4 over; Monday of week 3: A alone. Tuesday of week
    // 3: C (24), 4 over. 12 slots over: 2 x 12 / 3 = 8 (dividing each day
    // first would give 3 x (2 x 4 / 3) = 6).
    soft_case(
        &[
            cl("A", MON, 100, 15, "111", Some("r1")),
            cl("B", MON, 200, 9, "110", Some("r1")),
            cl("C", TUE, 100, 24, "001", Some("r1")),
        ],
        "MaxDayLoad(20)",
        2,
        8,
    );
    // One slot over on one day of three weeks: 5 x 1 / 3 = 1.
    soft_case(
        &[cl("A", MON, 100, 15, "100", Some("r1")), cl("B", MON, 200, 6, "100", Some("r1"))],
        "MaxDayLoad(20)",
        5,
        1,
    );
}

#[test]
fn max_breaks_counts_blocks_over_r_plus_one_on_each_day_and_week() {
    // At most 1 break, gaps of up to 5 slots inside a block. Monday of week
    // 1: {A, B} (gap 5), {C}, {D} (gaps 10): 3 blocks, 1 over; week 2
    // without D: 2 blocks. Tuesday of both weeks: {E, H} (H inside E), {F},
    // {G}: 1 over each week. 3 over: 3 x 3 / 2 = 4.
    soft_case(
        &[
            cl("A", MON, 100, 10, "11", Some("r1")),
            cl("B", MON, 115, 5, "11", Some("r1")),
            cl("C", MON, 130, 10, "11", Some("r1")),
            cl("D", MON, 150, 10, "10", Some("r1")),
            cl("E", TUE, 100, 10, "11", Some("r1")),
            cl("F", TUE, 200, 10, "11", Some("r1")),
            cl("G", TUE, 250, 10, "11", Some("r1")),
            cl("H", TUE, 105, 3, "11", Some("r2")),
        ],
        "MaxBreaks(1,5)",
        3,
        4,
    );
}

#[test]
fn max_block_counts_blocks_of_two_or_more_classes_longer_than_m() {
    // Blocks of at most 20 slots, gaps of up to 5 inside a block. Monday,
    // both weeks: A 100-110 and B 114-124 make a block of 24: 2 over.
    // Tuesday: C alone lasts 30 (a lone class does not count), D 10 slots
    // after it. Wednesday of week 1: E and F make a block of 18. Thursday of
    // week 2: G (25) and I (2 slots later) make a block of 30: 1 over.
    // 3 over: 3 x 3 / 2 = 4.
    soft_case(
        &[
            cl("A", MON, 100, 10, "11", Some("r1")),
            cl("B", MON, 114, 10, "11", Some("r1")),
            cl("C", TUE, 100, 30, "11", Some("r1")),
            cl("D", TUE, 140, 10, "11", Some("r1")),
            cl("E", WED, 100, 10, "10", Some("r1")),
            cl("F", WED, 112, 6, "10", Some("r1")),
            cl("G", THU, 100, 25, "01", Some("r1")),
            cl("I", THU, 127, 3, "01", Some("r1")),
        ],
        "MaxBlock(20,5)",
        3,
        4,
    );
}

#[test]
fn student_conflicts_count_pairs_overlapping_or_too_far_apart_for_the_travel() {
    // s1 takes A, B, C, D, E: A (r1, 100-110) then B (r2, 114): 4 slots for
    // 6 of travel, a conflict; B then C (r1, 130): 6 slots, enough. D (r3,
    // 112-113) after A: 2 slots for 3 (written on r1 only), a conflict; D
    // before B: no travel between r2 and r3. E needs no room (110-112): no
    // travel. s2 takes A and G: the same time and room in other weeks. s3
    // takes B and G (r1, week 2, ends 110): too close to B, a conflict. s4
    // takes H and I, overlapping on three days: one conflict, not three.
    let classes = [
        cl("A", MON, 100, 10, "10", Some("r1")),
        cl("B", MON, 114, 10, "11", Some("r2")),
        cl("C", MON, 130, 10, "11", Some("r1")),
        cl("D", MON, 112, 1, "11", Some("r3")),
        cl("E", MON, 110, 2, "11", None),
        cl("G", MON, 100, 10, "01", Some("r1")),
        cl("H", "1110000", 200, 10, "11", Some("r3")),
        cl("I", "1110000", 205, 10, "11", None),
    ];
    let students: [(&str, &[&str]); 4] =
        [("s1", &["A", "B", "C", "D", "E"]), ("s2", &["A", "G"]), ("s3", &["B", "G"]), ("s4", &["H", "I"])];
    let (code, out) = cost(&made(&classes, "", &students));
    assert_eq!(code, 0, "{out}");
    assert_eq!(out, report(0, &[], 4));
}

#[test]
fn a_required_distribution_broken_is_a_hard_violation_with_its_count() {
    let classes = [
        cl("A", MON, 100, 10, "11", Some("r1")),
        cl("B", MON, 112, 10, "11", Some("r2")),
        cl("C", MON, 123, 7, "11", Some("r3")),
    ];
    let dists = dist("MinGap(5)", None, &["A", "B", "C"]) + &dist("MaxBlock(20,5)", None, &["A", "B", "C"]);
    let (code, out) = cost(&made(&classes, &dists, &[]));
    assert_eq!(code, 1, "{out}");
    // MinGap: AB (gap 2) and BC (gap 1). MaxBlock: one block 100-130 on
    // Monday of each of the two weeks.
    let expected = "\
instance: t
hard violations: 2
time: 0 x 1 = 0
room: 0 x 1 = 0
distribution: 0 x 2 = 0
student conflicts: 0 x 3 = 0
total: 0
hard: required MinGap(5) of classes A, B, C is broken (2 violating pair(s))
hard: required MaxBlock(20,5) of classes A, B, C is broken (2 violation(s))
";
    assert_eq!(out, expected);
}

#[test]
fn two_classes_at_once_in_one_room_and_a_class_over_its_limit_are_hard_violations() {
    // A and B in r1 on Monday, sharing week 2; C in r1 in week 1 only, within
    // B and not sharing a week with A. Limits are 10; eleven students in C.
    let classes = [
        cl("A", MON, 100, 10, "01", Some("r1")),
        cl("B", MON, 105, 10, "11", Some("r1")),
        cl("C", MON, 108, 3, "10", Some("r1")),
    ];
    let names: Vec<String> = (1..=11).map(|i| format!("s{i}")).collect();
    let students: Vec<(&str, &[&str])> = names.iter().map(|n| (n.as_str(), &["C"][..])).collect();
    let (code, out) = cost(&made(&classes, "", &students));
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("hard violations: 3\n"), "{out}");
    assert!(out.contains("hard: class A and class B meet at once in room r1\n"), "{out}");
    assert!(out.contains("hard: class B and class C meet at once in room r1\n"), "{out}");
    assert!(out.contains("hard: class C has 11 students, over its limit 10\n"), "{out}");
}

// ---------------------------------------------------------------------------
// The fixture with one soft constraint of each kind at once.

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
    let o = horaire(["itc2019", "cost", s(&itc("kinds.xml")), s(&itc("kinds.sol.xml"))]).expect_code(0);
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
    assert_eq!(o.stdout, expected);
}

/// The fixture's solution with `edit` applied, written into `dir`.
fn edited_solution(dir: &Path, edit: impl Fn(String) -> String) -> PathBuf {
    let sol = dir.join("s.xml");
    std::fs::write(&sol, edit(std::fs::read_to_string(itc("kinds.sol.xml")).unwrap())).unwrap();
    sol
}

#[test]
fn hard_violations_are_named() {
    // C missing (its student s1 goes to D instead), B moved to Wednesday,
    // when r2 is unavailable.
    let dir = temp_dir();
    let sol = edited_solution(dir.path(), |t| {
        t.replace(
            "  <class id=\"C\" days=\"01000\" start=\"100\" weeks=\"10\" room=\"r1\"><student id=\"s1\"/></class>\n",
            "",
        )
        .replace("<class id=\"B\" days=\"10000\"", "<class id=\"B\" days=\"00100\"")
        .replace("<student id=\"s2\"/>", "<student id=\"s2\"/><student id=\"s1\"/>")
    });
    let o = horaire(["itc2019", "cost", s(&itc("kinds.xml")), s(&sol)]).expect_code(1);
    o.stdout_contains("hard violations: 2\n")
        .stdout_contains("hard: class C is missing from the solution (no time, no room)\n")
        .stdout_contains("hard: class B meets while room r2 is unavailable\n");
}

#[test]
fn a_student_not_sectioned_as_the_course_says_is_a_hard_violation() {
    // s1 leaves B (subpart 2 of c1 left empty) and also takes D (two
    // classes of subpart 3); s2 is put into A, of a course they do not take.
    let dir = temp_dir();
    let sol = edited_solution(dir.path(), |t| {
        t.replace("room=\"r2\"><student id=\"s1\"/>", "room=\"r2\">")
            .replace("<student id=\"s2\"/>", "<student id=\"s2\"/><student id=\"s1\"/>")
            .replace(
                "room=\"r1\"><student id=\"s1\"/></class>\n  <class id=\"B\"",
                "room=\"r1\"><student id=\"s1\"/><student id=\"s2\"/></class>\n  <class id=\"B\"",
            )
    });
    let o = horaire(["itc2019", "cost", s(&itc("kinds.xml")), s(&sol)]).expect_code(1);
    o.stdout_contains("hard violations: 3\n")
        .stdout_contains("hard: student s1 in course c1: 0 classes of subpart 2 (one expected)\n")
        .stdout_contains("hard: student s1 in course c2: 2 classes of subpart 3 (one expected)\n")
        .stdout_contains("hard: student s2 is in class A of course c1, which they do not take\n");
}

#[test]
fn a_time_or_room_the_class_does_not_have_is_a_hard_violation() {
    let dir = temp_dir();
    let sol = edited_solution(dir.path(), |t| {
        t.replace("start=\"112\" weeks=\"11\" room=\"r2\"", "start=\"113\" weeks=\"11\" room=\"r2\"")
            .replace("weeks=\"10\" room=\"r1\"", "weeks=\"10\" room=\"r2\"")
    });
    let o = horaire(["itc2019", "cost", s(&itc("kinds.xml")), s(&sol)]).expect_code(1);
    o.stdout_contains("hard: class B is at days, start and weeks that are not one of its times\n")
        .stdout_contains("hard: class C is in room r2, not one of its rooms\n");
}

#[test]
fn an_unknown_room_in_a_solution_is_a_located_error() {
    let dir = temp_dir();
    let sol = edited_solution(dir.path(), |t| t.replace("room=\"r2\"", "room=\"r9\""));
    let o = horaire(["itc2019", "cost", s(&itc("kinds.xml")), s(&sol)]).expect_code(2);
    assert!(o.stdout.is_empty(), "{}", o.stdout);
    o.stderr_contains(&format!("horaire: {}:4:3: class `B`: unknown room `r9`", sol.display()));
}

#[test]
fn malformed_xml_is_a_located_error() {
    let t = std::fs::read_to_string(itc("kinds.xml"))
        .unwrap()
        .replace("<room id=\"r1\" capacity=\"10\"/>", "<room id=\"r1\" capacity=\"10\">");
    let o = horaire(["itc2019", "cost"]).file("bad.xml", t).arg(itc("kinds.sol.xml")).expect_code(2);
    o.stderr_contains("bad.xml:").stderr_contains("malformed XML");
}

#[test]
fn bad_values_are_all_listed_with_their_place() {
    let t = std::fs::read_to_string(itc("kinds.xml"))
        .unwrap()
        .replace("capacity=\"10\"/>", "capacity=\"ten\"/>")
        .replace("type=\"MinGap(5)\"", "type=\"MinGaps(5)\"");
    let o = horaire(["itc2019", "cost"]).file("bad.xml", t).arg(itc("kinds.sol.xml")).expect_code(2);
    o.stderr_contains("bad.xml:7:5: <room> attribute `capacity`: expected a non-negative integer, found `ten`")
        .stderr_contains("unknown distribution type `MinGaps(5)`")
        .stderr_contains("2 problem(s)");
}

#[test]
fn solve_gives_a_feasible_solution_whose_cost_the_evaluator_confirms_and_is_reproducible() {
    let dir = temp_dir();
    let (a, b) = (dir.path().join("a.xml"), dir.path().join("b.xml"));
    let mut said = Vec::new();
    for out in [&a, &b] {
        let o =
            horaire(["itc2019", "solve", s(&itc("kinds.xml")), "--cycles", "2", "--seed", "3", "--out", s(out), "-q"])
                .expect_code(0);
        let total: u64 = o.stderr.lines().find_map(|l| l.strip_prefix("horaire: total: ")).unwrap().parse().unwrap();
        said.push(total);
    }
    let (ta, tb) = (std::fs::read_to_string(&a).unwrap(), std::fs::read_to_string(&b).unwrap());
    assert_eq!(ta, tb, "two runs with --cycles differ");
    let o = horaire(["itc2019", "cost", s(&itc("kinds.xml")), s(&a)]).expect_code(0);
    o.stdout_contains("hard violations: 0\n");
    // The hand-written solution costs 75; the solver must do better.
    let total: u64 = o.stdout.lines().find_map(|l| l.strip_prefix("total: ")).unwrap().parse().unwrap();
    assert!(total < 75, "{}", o.stdout);
    assert_eq!(total, said[0]);
}
