//! `horaire explain` through the real binary: each fixture is the tiny
//! instance with one planted cause of infeasibility, and the explanation
//! must name that cause (who, which period, the numbers).

mod common;
use common::{Run, fixture, horaire, read_json, reference, tiny};
use serde_json::{Value, json};

fn explain(v: &Value) -> Run {
    horaire(["explain"]).json_file("instance.json", v).run()
}

fn assert_explains(v: &Value, needles: &[&str]) {
    let run = explain(v);
    assert_eq!(run.code, 1, "expected infeasible:\n{}\n{}", run.stdout, run.stderr);
    for n in needles {
        assert!(run.stdout.contains(n), "the explanation lacks {n:?}:\n{}", run.stdout);
    }
}

/// `explain` finds a timetable the checker accepts: exit 0, "feasible".
fn assert_feasible(v: &Value) {
    let run = explain(v);
    assert_eq!(run.code, 0, "expected feasible:\n{}\n{}", run.stdout, run.stderr);
    assert!(run.stdout.contains(": feasible."), "{}", run.stdout);
}

fn activity(id: &str, hours: u32, teacher: &str, cohort: &str, site: Value) -> Value {
    json!({ "id": id, "kind": "cours", "hours": hours, "session_hours": 3, "teachers": [teacher],
            "cohorts": [cohort], "site": site, "frequency": "weekly" })
}

fn ue(code: &str, period: &str, act: Value) -> Value {
    json!({ "code": code, "title": code, "programme": "p", "period": period, "activities": [act] })
}

/// A grid of two Saturday slots; 3 h sessions leave an hour between them,
/// less than the journey between Mons and Charleroi (set to 75 minutes).
fn saturday_grid(v: &mut Value) {
    v["travel_minutes"] = json!([{ "from": "mons", "to": "charleroi", "minutes": 75 }]);
    v["time_grids"] = json!([{ "id": "soir", "slots": [
        { "days": ["sat"], "start": "09:00", "end": "12:15" },
        { "days": ["sat"], "start": "13:00", "end": "16:15" } ] }]);
}

#[test]
fn a_feasible_instance_is_said_to_be_feasible() {
    assert_feasible(&tiny());
}

#[test]
fn too_many_hours_for_the_grid() {
    let mut v = tiny();
    v["ues"].as_array_mut().expect("ues").push(ue("UE 3", "Q1", activity("a3", 90, "t1", "b1", json!("mons"))));
    assert_explains(&v, &["cohort b1 needs 45 meetings in Q1 but its time grid soir opens 38"]);
}

#[test]
fn a_teacher_at_two_sites_on_one_saturday() {
    let mut v = tiny();
    saturday_grid(&mut v);
    v["cohorts"] =
        json!([{ "id": "b1", "name": "Bloc 1", "students": 20 }, { "id": "b2", "name": "Bloc 2", "students": 20 }]);
    v["programmes"][0]["cohorts"] = json!(["b1", "b2"]);
    // 13 Saturdays in Q1; the teacher gives 13 meetings at Mons to b1 and
    // 13 at Charleroi to b2: every Saturday both, with an hour between.
    v["ues"] = json!([
        ue("UE 1", "Q1", activity("a1", 39, "t1", "b1", json!("mons"))),
        ue("UE 2", "Q1", activity("a2", 39, "t1", "b2", json!("charleroi")))
    ]);
    assert_explains(&v, &["two sites on one day without the travel time", "teacher t1 between"]);
}

#[test]
fn rooms_too_small() {
    let mut v = tiny();
    v["cohorts"][0]["students"] = json!(60);
    assert_explains(&v, &["activity a1 of UE 1 cannot meet at all", "60 students attend", "largest room", "40 seats"]);
}

#[test]
fn corequisite_windows_that_do_not_meet() {
    let mut v = tiny();
    v["ues"][1]["period"] = json!("Q2");
    v["ues"][1]["corequisite"] = json!("UE 1");
    assert_explains(&v, &["co-requisite"]);
}

#[test]
fn a_teacher_unavailable_for_all_of_q2_is_reported_before_any_solving() {
    let mut v = tiny();
    v["ues"][1]["period"] = json!("Q2");
    v["teachers"][1]["unavailable"] = json!([{ "from": "2026-02-01", "to": "2026-06-30" }]);
    let run = explain(&v);
    // An activity that can never meet is an input problem (exit 2), named
    // with its activity, teacher and period.
    assert_eq!(run.code, 2, "{}\n{}", run.stdout, run.stderr);
    for n in ["activity \"a2\"", "t2", "Q2"] {
        assert!(run.stderr.contains(n), "lacks {n:?}: {}", run.stderr);
    }
}

#[test]
fn two_cohorts_sharing_a_teacher_with_too_few_evenings() {
    let mut v = tiny();
    v["cohorts"] =
        json!([{ "id": "b1", "name": "Bloc 1", "students": 20 }, { "id": "b2", "name": "Bloc 2", "students": 20 }]);
    v["programmes"][0]["cohorts"] = json!(["b1", "b2"]);
    // t1 only teaches on Thursdays (13 in Q1) but has 8 meetings per cohort.
    v["teachers"][0]["unavailable"] = json!([{ "days": ["tue", "sat"] }]);
    v["ues"] = json!([
        ue("UE 1", "Q1", activity("a1", 24, "t1", "b1", json!("mons"))),
        ue("UE 2", "Q1", activity("a2", 24, "t1", "b2", json!("mons")))
    ]);
    assert_explains(&v, &["teacher t1 needs 16 meetings in Q1 but is available for only 13"]);
}

#[test]
fn alternating_sites_too_far_apart_for_the_slot_gap() {
    let mut v = tiny();
    saturday_grid(&mut v);
    // b1 alternates Mons/Charleroi every Saturday morning or afternoon and
    // also meets at Mons every Saturday: on Charleroi weeks it would travel
    // 75 min in a one-hour gap.
    v["ues"] = json!([
        ue("UE 1", "Q1", activity("a1", 39, "t1", "b1", json!("mons"))),
        ue("UE 2", "Q1", activity("a2", 39, "t2", "b1", json!({ "alternate": ["mons", "charleroi"] })))
    ]);
    v["teachers"][1]["unavailable"] = json!([]);
    assert_explains(&v, &["two sites on one day without the travel time", "cohort b1 between"]);
}

#[test]
fn an_activity_needing_more_weeks_than_its_period_has() {
    let mut v = tiny();
    // 45 meetings of one activity cannot fit Q1 even on two slots a week;
    // the cohort's grid is checked first.
    v["ues"][0]["activities"][0]["hours"] = json!(135);
    let run = explain(&v);
    assert_eq!(run.code, 1, "{}\n{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("cohort b1 needs 50 meetings in Q1"), "{}", run.stdout);
}

#[test]
fn a_placement_quota_that_cannot_fit_before_its_deadline() {
    // The placements fixture: s04 declares Mondays 13:00–16:30 only, 13
    // Mondays before the 2026-04-30 deadline: 45.5 h of the 120 h fit.
    let v = read_json(&fixture("placements/basic.json"));
    // The fixture carries its calendar inline, so a copy elsewhere loads.
    assert_explains(
        &v,
        &["student s04 needs 120 h for stage-b2 by 2026-04-30 but at most 45.5 h fit", "74.5 h missing"],
    );
}

#[test]
fn one_room_for_four_cohorts() {
    let mut v = tiny();
    // Mons has one room; four cohorts each need 10 meetings there in Q1:
    // 40 meetings for the 38 evening and Saturday slots of one room.
    v["cohorts"] = json!(
        (1..=4)
            .map(|i| json!({ "id": format!("b{i}"), "name": format!("Bloc {i}"), "students": 20 }))
            .collect::<Vec<_>>()
    );
    v["programmes"][0]["cohorts"] = json!(["b1", "b2", "b3", "b4"]);
    v["teachers"] =
        json!((1..=4).map(|i| json!({ "id": format!("t{i}"), "name": format!("T{i}") })).collect::<Vec<_>>());
    v["ues"] = json!(
        (1..=4)
            .map(|i| ue(
                &format!("UE {i}"),
                "Q1",
                activity(&format!("a{i}"), 30, &format!("t{i}"), &format!("b{i}"), json!("mons"))
            ))
            .collect::<Vec<_>>()
    );
    assert_explains(&v, &["site mons needs 40 meetings in Q1", "its 1 such room(s) hold only 38"]);
}

/// Three cohorts at one site with one room, each with a 13-meeting Q1
/// course whose teacher only comes on Saturdays (13 in Q1): every per
/// cohort, per teacher and per site-and-period count passes, but the 39
/// meetings all fall on the Saturday morning slot.
fn saturday_teachers(v: &mut Value, site: Value) {
    v["cohorts"] = json!([{ "id": "b1", "name": "Bloc 1", "students": 20 },
                          { "id": "b2", "name": "Bloc 2", "students": 20 },
                          { "id": "b3", "name": "Bloc 3", "students": 20 }]);
    v["programmes"][0]["cohorts"] = json!(["b1", "b2", "b3"]);
    v["teachers"] = json!([
        { "id": "t1", "name": "A", "unavailable": [{ "days": ["tue", "thu"] }] },
        { "id": "t2", "name": "B", "unavailable": [{ "days": ["tue", "thu"] }] },
        { "id": "t3", "name": "C", "unavailable": [{ "days": ["tue", "thu"] }] }]);
    v["ues"] = json!([
        ue("UE 1", "Q1", activity("a1", 39, "t1", "b1", site.clone())),
        ue("UE 2", "Q1", activity("a2", 39, "t2", "b2", site.clone())),
        ue("UE 3", "Q1", activity("a3", 39, "t3", "b3", site))
    ]);
}

#[test]
fn a_room_shortage_on_saturday_mornings_is_counted_with_its_site_and_numbers() {
    let mut v = tiny();
    saturday_teachers(&mut v, json!("mons"));
    assert_explains(
        &v,
        &[
            "site mons has too few rooms: 39 meetings of a1, a2, a3 (Q1) can only take place there",
            "weekly slots sat 09:00",
            "its 1 room(s) hold only 13 meetings",
            "add a room of at least 20 seats at mons, or move 26 of these meetings",
        ],
    );
}

#[test]
fn the_same_shortage_over_two_sites_is_found_by_the_rooms_only_model() {
    // Each course may meet at Mons or Charleroi (one room each): no site
    // is forced, so no count fails; 39 Saturday meetings for 2 rooms × 13
    // Saturdays still leave 13 without a room, which the rooms-only
    // elastic model proves and places.
    let mut v = tiny();
    saturday_teachers(&mut v, json!({ "any_of": ["mons", "charleroi"] }));
    let run = explain(&v);
    assert_eq!(run.code, 1, "{}\n{}", run.stdout, run.stderr);
    assert!(run.stdout.contains(": infeasible."), "not proven:\n{}", run.stdout);
    assert!(!run.stdout.contains("can only take place there"), "a count fired:\n{}", run.stdout);
    // Every overrun is on a Saturday morning at one of the two sites, with
    // one room; together 13 meetings too many.
    let mut total = 0;
    for line in run.stdout.lines().filter(|l| l.contains("meeting(s) too many")) {
        assert!(line.contains("site mons has 1 room(s)") || line.contains("site charleroi has 1 room(s)"), "{line}");
        assert!(line.contains("sat 09:00"), "{line}");
        assert!(line.contains("add a room of at least 20 seats"), "{line}");
        let before = line.split(" meeting(s) too many").next().unwrap_or_default();
        let n: u32 = before.rsplit(' ').next().and_then(|w| w.parse().ok()).expect("a count of meetings too many");
        total += n;
    }
    assert_eq!(total, 13, "{}", run.stdout);
}

#[test]
fn one_room_per_site_is_enough_for_the_tiny_instance() {
    // Fewer rooms but no shortage: reported feasible (the elastic model
    // alone used to call such instances infeasible when it ran out of time).
    let mut v = tiny();
    v["sites"][0]["rooms"] = json!([{ "id": "m1", "capacity": 25 }]);
    assert_feasible(&v);
}

#[test]
fn an_alternation_to_a_site_whose_rooms_are_too_small() {
    // a2 alternates between Mons and Charleroi, whose only room now has 10
    // seats for the 25 students of b1: the activity has no way to meet
    // (it used to be left out of the model silently).
    let mut v = tiny();
    v["sites"][1]["rooms"] = json!([{ "id": "c1", "capacity": 10 }]);
    assert_explains(
        &v,
        &[
            "activity a2 of UE 2 cannot meet at all",
            "it alternates between mons and charleroi",
            "charleroi (largest room 10 seats) cannot hold its 25 students",
        ],
    );
}

#[test]
fn the_smallest_reference_instance_with_one_room_per_site_is_feasible() {
    let mut v = read_json(&reference("unamur-umons-accompagnement-2025-2026.json"));
    for site in v["sites"].as_array_mut().expect("sites") {
        let first = site["rooms"][0].clone();
        site["rooms"] = json!([first]);
    }
    // The calendar is referenced by a relative path: inline it.
    v["calendar"] = read_json(&reference(v["calendar"].as_str().expect("path")));
    assert_feasible(&v);
}

#[test]
fn one_evening_a_week_is_too_few_for_the_cohort() {
    // b1 needs 10 + 5 meetings in Q1; its grid opens 38 slots, but one
    // evening a week leaves one slot in each of the 14 weeks with an open
    // day (the autumn-break week keeps its Saturday).
    let mut v = tiny();
    v["programmes"][0]["max_evenings_per_week"] = json!(1);
    assert_explains(
        &v,
        &[
            "cohort b1 needs 15 meetings in Q1 but programme p allows at most 1 evening(s) or day(s) a week, which hold only 14",
        ],
    );
}

#[test]
fn one_day_a_week_is_too_few_for_the_teacher() {
    let mut v = tiny();
    v["teachers"][0]["max_days_per_week"] = json!(1);
    v["ues"][1]["activities"][0]["teachers"] = json!(["t1"]);
    assert_explains(
        &v,
        &["teacher t1 needs 15 meetings in Q1 but teaches at most 1 day(s) a week, which hold only 14"],
    );
}

#[test]
fn co_requisites_in_two_periods_are_counted_with_both_names() {
    // UE 1 (Q1) names UE 2, moved to Q2, as its co-requisite: no common
    // week (the reverse declaration is `corequisite_windows_that_do_not_meet`).
    let mut v = tiny();
    v["ues"][1]["period"] = json!("Q2");
    v["ues"][0]["corequisite"] = json!("UE 2");
    assert_explains(
        &v,
        &[
            "UE UE 1 (Q1) and its co-requisite UE UE 2 (Q2) must run at the same time of the year but their periods share no week",
        ],
    );
}

// Exact wording. The tests above look for the telling part of each
// explanation; the ones below pin every sentence a planner reads, for
// `horaire explain` and for a `horaire solve` that fails on the same
// instance.

/// The tiny instance's name, as every heading starts.
const TINY: &str = "Tiny test instance (invented)";

/// Runs `horaire explain` and `horaire solve` on `v`: both exit 1, and
/// print exactly `explained` and `failed` (each a heading and its items).
fn assert_wording(v: &Value, explained: (&str, &[&str]), failed: (&str, &[&str])) {
    let run = explain(v).expect_code(1);
    assert_eq!(run.stdout, listed(explained), "{}", run.command);
    let out = common::temp_dir();
    let run = horaire(["solve"]).json_file("instance.json", v).args(["--out", common::s(out.path()), "--quiet"]);
    let run = run.expect_code(1);
    assert_eq!(run.stdout, listed(failed), "{}", run.command);
    assert_eq!(run.stderr, "", "{}: --quiet, yet progress", run.command);
    assert!(!out.path().join("timetable.json").exists(), "a failed solve wrote a timetable");
}

/// A heading, then one line per item after a dash.
fn listed((heading, items): (&str, &[&str])) -> String {
    let mut s = heading.to_string();
    for item in items {
        s.push_str("\n  - ");
        s.push_str(item);
    }
    s.push('\n');
    s
}

/// `explain`'s heading when infeasibility is proven.
fn proven() -> String {
    format!("{TINY}: infeasible. These requirements cannot all be met together:")
}

/// `solve`'s heading when a counting check fails.
fn counted() -> String {
    format!("{TINY}: infeasible; no timetable was written. The time grid cannot hold every meeting:")
}

/// `solve`'s heading when the elastic model names what to relax.
fn relaxed() -> String {
    format!("{TINY}: infeasible; no timetable was written. These requirements cannot all be met together:")
}

/// A failed counting check: the same sentences under both headings.
fn assert_counted(v: &Value, sentences: &[&str]) {
    assert_wording(v, (&proven(), sentences), (&counted(), sentences));
}

/// Two cohorts of 20 students, b1 and b2, in programme p.
fn two_cohorts(v: &mut Value) {
    v["cohorts"] =
        json!([{ "id": "b1", "name": "Bloc 1", "students": 20 }, { "id": "b2", "name": "Bloc 2", "students": 20 }]);
    v["programmes"][0]["cohorts"] = json!(["b1", "b2"]);
}

#[test]
fn the_feasible_instances_are_worded_exactly() {
    let mut one_room = tiny();
    one_room["sites"][0]["rooms"] = json!([{ "id": "m1", "capacity": 25 }]);
    let mut reference_one_room = read_json(&reference("unamur-umons-accompagnement-2025-2026.json"));
    for site in reference_one_room["sites"].as_array_mut().expect("sites") {
        let first = site["rooms"][0].clone();
        site["rooms"] = json!([first]);
    }
    reference_one_room["calendar"] =
        read_json(&reference(reference_one_room["calendar"].as_str().expect("a calendar path")));
    let accompagnement = "UNamur + UMONS — Master de spécialisation en accompagnement des professionnels — 2025-2026";
    for (v, name) in [(tiny(), TINY), (one_room, TINY), (reference_one_room, accompagnement)] {
        let run = explain(&v).expect_code(0);
        assert_eq!(
            run.stdout,
            format!(
                "{name}: feasible. The counting checks pass and a timetable meeting every requirement was found.\n"
            ),
            "{}",
            run.command
        );
    }
}

#[test]
fn too_many_hours_for_the_grid_is_worded_exactly() {
    let mut v = tiny();
    v["ues"].as_array_mut().expect("ues").push(ue("UE 3", "Q1", activity("a3", 90, "t1", "b1", json!("mons"))));
    assert_counted(
        &v,
        &[
            "cohort b1 needs 45 meetings in Q1 but its time grid soir opens 38 (open dates × slots that do not overlap)",
            "teacher t1 needs 40 meetings in Q1 but is available for only 38 (slots of grid soir outside their unavailability)",
            "site mons needs 42 meetings in Q1 in rooms of 1+ seats but its 1 such room(s) hold only 38 (38 slots each)",
            "site mons has too few rooms: 42 meetings of a1, a2, a3 (Q1; an alternating activity counts its half at this site) can only take place there, in the weekly slots tue 17:15, thu 17:15, sat 09:00 (their time grids, teachers' availability and site rules leave no other), but its 1 room(s) hold only 38 meetings in those slots (38 date-slots); to fix: add a room of at least 25 seats at mons, or move 4 of these meetings to another site or slot",
        ],
    );
}

#[test]
fn a_teacher_at_two_sites_on_one_saturday_is_worded_exactly() {
    let mut v = tiny();
    saturday_grid(&mut v);
    two_cohorts(&mut v);
    v["ues"] = json!([
        ue("UE 1", "Q1", activity("a1", 39, "t1", "b1", json!("mons"))),
        ue("UE 2", "Q1", activity("a2", 39, "t1", "b2", json!("charleroi")))
    ]);
    let travel = "a cohort or teacher would be at two sites on one day without the travel time (13 case(s)), e.g. teacher t1 between mons and charleroi on 2025-09-20; teacher t1 between mons and charleroi on 2025-09-27; teacher t1 between mons and charleroi on 2025-10-04; teacher t1 between mons and charleroi on 2025-10-11; teacher t1 between mons and charleroi on 2025-10-18; to fix: put the day's meetings at one site, or leave more time between the slots";
    assert_wording(&v, (&proven(), &[travel]), (&relaxed(), &[travel]));
}

#[test]
fn rooms_too_small_are_worded_exactly() {
    let mut v = tiny();
    v["cohorts"][0]["students"] = json!(60);
    let why = "60 students attend but the largest room at its allowed sites has 40 seats";
    assert_wording(
        &v,
        (
            &proven(),
            &[
                &format!("activity a1 of UE 1 cannot meet at all: {why}"),
                &format!("activity a2 of UE 2 cannot meet at all: {why}"),
            ],
        ),
        (
            &format!("{TINY}: infeasible. 2 activit(y/ies) cannot meet at all; no timetable was written:"),
            &[&format!("a1: {why}"), &format!("a2: {why}")],
        ),
    );
}

#[test]
fn corequisite_windows_that_do_not_meet_are_worded_exactly() {
    let mut v = tiny();
    v["ues"][1]["period"] = json!("Q2");
    v["ues"][1]["corequisite"] = json!("UE 1");
    assert_counted(
        &v,
        &[
            "UE UE 2 (Q2) and its co-requisite UE UE 1 (Q1) must run at the same time of the year but their periods share no week; to fix: put the co-requisite UEs in the same period",
        ],
    );
}

#[test]
fn two_cohorts_sharing_a_teacher_with_too_few_evenings_are_worded_exactly() {
    let mut v = tiny();
    two_cohorts(&mut v);
    v["teachers"][0]["unavailable"] = json!([{ "days": ["tue", "sat"] }]);
    v["ues"] = json!([
        ue("UE 1", "Q1", activity("a1", 24, "t1", "b1", json!("mons"))),
        ue("UE 2", "Q1", activity("a2", 24, "t1", "b2", json!("mons")))
    ]);
    assert_counted(
        &v,
        &[
            "teacher t1 needs 16 meetings in Q1 but is available for only 13 (slots of grid soir outside their unavailability)",
            "site mons has too few rooms: 16 meetings of a1, a2 (Q1) can only take place there, in the weekly slots thu 17:15 (their time grids, teachers' availability and site rules leave no other), but its 1 room(s) hold only 13 meetings in those slots (13 date-slots); to fix: add a room of at least 20 seats at mons, or move 3 of these meetings to another site or slot",
        ],
    );
}

#[test]
fn alternating_sites_too_far_apart_for_the_slot_gap_are_worded_exactly() {
    let mut v = tiny();
    saturday_grid(&mut v);
    v["ues"] = json!([
        ue("UE 1", "Q1", activity("a1", 39, "t1", "b1", json!("mons"))),
        ue("UE 2", "Q1", activity("a2", 39, "t2", "b1", json!({ "alternate": ["mons", "charleroi"] })))
    ]);
    v["teachers"][1]["unavailable"] = json!([]);
    let travel = "a cohort or teacher would be at two sites on one day without the travel time (6 case(s)), e.g. cohort b1 between mons and charleroi on 2025-09-27; cohort b1 between mons and charleroi on 2025-10-11; cohort b1 between mons and charleroi on 2025-10-25; cohort b1 between mons and charleroi on 2025-11-08; cohort b1 between mons and charleroi on 2025-11-22; to fix: put the day's meetings at one site, or leave more time between the slots";
    assert_wording(&v, (&proven(), &[travel]), (&relaxed(), &[travel]));
}

#[test]
fn an_activity_needing_more_weeks_than_its_period_has_is_worded_exactly() {
    let mut v = tiny();
    v["ues"][0]["activities"][0]["hours"] = json!(135);
    assert_counted(
        &v,
        &[
            "cohort b1 needs 50 meetings in Q1 but its time grid soir opens 38 (open dates × slots that do not overlap)",
            "teacher t1 needs 45 meetings in Q1 but is available for only 38 (slots of grid soir outside their unavailability)",
            "site mons needs 47 meetings in Q1 in rooms of 1+ seats but its 1 such room(s) hold only 38 (38 slots each)",
            "site mons has too few rooms: 47 meetings of a1, a2 (Q1; an alternating activity counts its half at this site) can only take place there, in the weekly slots tue 17:15, thu 17:15, sat 09:00 (their time grids, teachers' availability and site rules leave no other), but its 1 room(s) hold only 38 meetings in those slots (38 date-slots); to fix: add a room of at least 25 seats at mons, or move 9 of these meetings to another site or slot",
        ],
    );
}

#[test]
fn placement_quotas_that_cannot_fit_are_worded_exactly() {
    // `solve` builds the classes' timetable only, so only `explain` counts
    // the placement hours.
    let run = explain(&read_json(&fixture("placements/basic.json"))).expect_code(1);
    let expected = listed((
        "Placements test instance (invented): infeasible. These requirements cannot all be met together:",
        &[
            "student s04 needs 120 h for stage-b2 by 2026-04-30 but at most 45.5 h fit at host cpas-mons (opening hours, declared days, caps, closures): 74.5 h missing",
            "student s05 cannot do the 120 h of stage-b2: no host: the only compatible host, mj-mons, is full for requirement stage-b2",
            "student s07 cannot do the 120 h of stage-b2: no host: no host's opening hours meet the declared availability of s07 for at least 1 h a day",
            "student s08 needs 120 h for stage-b2 by 2026-04-30 but at most 84 h fit at host mj-mons (opening hours, declared days, caps, closures): 36 h missing",
        ],
    ));
    assert_eq!(run.stdout, expected);
}

#[test]
fn one_room_for_four_cohorts_is_worded_exactly() {
    let mut v = tiny();
    v["cohorts"] = json!(
        (1..=4)
            .map(|i| json!({ "id": format!("b{i}"), "name": format!("Bloc {i}"), "students": 20 }))
            .collect::<Vec<_>>()
    );
    v["programmes"][0]["cohorts"] = json!(["b1", "b2", "b3", "b4"]);
    v["teachers"] =
        json!((1..=4).map(|i| json!({ "id": format!("t{i}"), "name": format!("T{i}") })).collect::<Vec<_>>());
    v["ues"] = json!(
        (1..=4)
            .map(|i| ue(
                &format!("UE {i}"),
                "Q1",
                activity(&format!("a{i}"), 30, &format!("t{i}"), &format!("b{i}"), json!("mons"))
            ))
            .collect::<Vec<_>>()
    );
    assert_counted(
        &v,
        &[
            "site mons needs 40 meetings in Q1 in rooms of 1+ seats but its 1 such room(s) hold only 38 (38 slots each)",
            "site mons has too few rooms: 40 meetings of a1, a2, a3, a4 (Q1) can only take place there, in the weekly slots tue 17:15, thu 17:15, sat 09:00 (their time grids, teachers' availability and site rules leave no other), but its 1 room(s) hold only 38 meetings in those slots (38 date-slots); to fix: add a room of at least 20 seats at mons, or move 2 of these meetings to another site or slot",
        ],
    );
}

#[test]
fn a_room_shortage_on_saturday_mornings_is_worded_exactly() {
    let mut v = tiny();
    saturday_teachers(&mut v, json!("mons"));
    assert_counted(
        &v,
        &[
            "site mons needs 39 meetings in Q1 in rooms of 1+ seats but its 1 such room(s) hold only 38 (38 slots each)",
            "site mons has too few rooms: 39 meetings of a1, a2, a3 (Q1) can only take place there, in the weekly slots sat 09:00 (their time grids, teachers' availability and site rules leave no other), but its 1 room(s) hold only 13 meetings in those slots (13 date-slots); to fix: add a room of at least 20 seats at mons, or move 26 of these meetings to another site or slot",
        ],
    );
}

#[test]
fn the_same_shortage_over_two_sites_is_worded_exactly() {
    // `explain` shows the rooms-only model's overruns; `solve` the elastic
    // model of every requirement, which only needs one room row relaxed.
    let mut v = tiny();
    saturday_teachers(&mut v, json!({ "any_of": ["mons", "charleroi"] }));
    assert_wording(
        &v,
        (
            &proven(),
            &[
                "site mons has 1 room(s) but needs 2 at once on 13 date(s) from 2025-09-20 to 2025-12-13 (sat 09:00 ×13): 13 meeting(s) too many, of a1 (b1), a2 (b2); to fix: add a room of at least 20 seats at mons, or move 13 meeting(s) of these activities to another site or slot",
            ],
        ),
        (
            &relaxed(),
            &[
                "more meetings at a site than it has rooms large enough (1 case(s)), e.g. mons on 2025-09-20: 1 room(s) of 40+ seats; to fix: add rooms with enough seats at that site, or move meetings to another site",
            ],
        ),
    );
}

#[test]
fn an_alternation_to_a_site_whose_rooms_are_too_small_is_worded_exactly() {
    let mut v = tiny();
    v["sites"][1]["rooms"] = json!([{ "id": "c1", "capacity": 10 }]);
    let why = "it alternates between mons and charleroi and charleroi (largest room 10 seats) cannot hold its 25 students; to fix: add a room of at least 25 seats at charleroi, or change its site rule";
    assert_wording(
        &v,
        (&proven(), &[&format!("activity a2 of UE 2 cannot meet at all: {why}")]),
        (
            &format!("{TINY}: infeasible. 1 activit(y/ies) cannot meet at all; no timetable was written:"),
            &[&format!("a2: {why}")],
        ),
    );
}

#[test]
fn one_evening_a_week_for_the_cohort_is_worded_exactly() {
    let mut v = tiny();
    v["programmes"][0]["max_evenings_per_week"] = json!(1);
    assert_counted(
        &v,
        &[
            "cohort b1 needs 15 meetings in Q1 but programme p allows at most 1 evening(s) or day(s) a week, which hold only 14 (per week, the 1 open day(s) of grid soir with the most slots that do not overlap); to fix: raise max_evenings_per_week, or move hours to another period",
        ],
    );
}

#[test]
fn one_day_a_week_for_the_teacher_is_worded_exactly() {
    let mut v = tiny();
    v["teachers"][0]["max_days_per_week"] = json!(1);
    v["ues"][1]["activities"][0]["teachers"] = json!(["t1"]);
    assert_counted(
        &v,
        &[
            "teacher t1 needs 15 meetings in Q1 but teaches at most 1 day(s) a week, which hold only 14 (per week, the 1 available day(s) with the most slots that do not overlap, grid soir); to fix: raise max_days_per_week, or move hours to another period or teacher",
        ],
    );
}

#[test]
fn co_requisites_in_two_periods_are_worded_exactly() {
    let mut v = tiny();
    v["ues"][1]["period"] = json!("Q2");
    v["ues"][0]["corequisite"] = json!("UE 2");
    assert_counted(
        &v,
        &[
            "UE UE 1 (Q1) and its co-requisite UE UE 2 (Q2) must run at the same time of the year but their periods share no week; to fix: put the co-requisite UEs in the same period",
        ],
    );
}

#[test]
fn a_teacher_unavailable_for_all_of_q2_is_worded_exactly() {
    // An input problem, not a diagnosis: both commands reject the file with
    // the same located sentence on stderr, exit 2, and print nothing else.
    let mut v = tiny();
    v["ues"][1]["period"] = json!("Q2");
    v["teachers"][1]["unavailable"] = json!([{ "from": "2026-02-01", "to": "2026-06-30" }]);
    let dir = common::temp_dir();
    let path = dir.path().join("instance.json");
    common::write_json(&path, &v);
    let expected = format!(
        "horaire: {}: ues[1].activities[0]: activity \"a2\" of UE 2 cannot meet: teacher(s) t2 are unavailable on every one of its 47 open slots in period Q2\n",
        path.display()
    );
    let out = dir.path().join("out");
    for run in [
        horaire(["explain", common::s(&path)]).expect_code(2),
        horaire(["solve", common::s(&path), "--out", common::s(&out), "--quiet"]).expect_code(2),
    ] {
        assert_eq!(run.stderr, expected, "{}", run.command);
        assert_eq!(run.stdout, "", "{}", run.command);
    }
    assert!(!out.join("timetable.json").exists(), "a rejected instance got a timetable");
}
