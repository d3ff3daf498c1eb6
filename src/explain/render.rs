//! Every sentence of an explanation: the typed diagnosis in a planner's
//! words. Nothing else in the crate words a shortfall, an overrun or a
//! relaxed family.

use super::quotas::QuotaShortfall;
use super::rooms::Overflow;
use super::{Diagnosis, Explanation, FailureReport, Relaxed};
use crate::feasibility::{Family, RoomWindow, Shortfall, WeeklyTime};
use crate::model::time::{ClockTime, hours_string, weekday_code};
use crate::model::{ActivityId, GridId, Instance, Period, StudentId};
use crate::timetable::model::{Person, RowInfo};
use crate::timetable::patterns::NoPattern;
use chrono::{Datelike, Weekday};
use std::collections::BTreeMap;

/// The text `horaire explain` prints: the verdict, then one line per
/// sentence.
pub fn explanation(inst: &Instance, e: &Explanation) -> String {
    if e.feasible() {
        return format!(
            "{}: feasible. The counting checks pass and a timetable meeting every requirement was found.",
            inst.name
        );
    }
    let lines = sentences(inst, e);
    if e.proven {
        list(format!("{}: infeasible. These requirements cannot all be met together:", inst.name), lines)
    } else if lines.is_empty() {
        format!(
            "{}: undecided: no timetable was found within {} s, and no proof of infeasibility either.",
            inst.name, e.time_limit
        )
    } else {
        list(
            format!(
                "{}: undecided: no timetable was found (time limit {} s), but infeasibility is not proven (more time or another order may find one). The best attempt breaks:",
                inst.name, e.time_limit
            ),
            lines,
        )
    }
}

/// The text `horaire solve` prints when no timetable came out.
pub fn failure(inst: &Instance, report: &FailureReport) -> String {
    match report {
        FailureReport::NoPattern(list) => {
            let mut s = format!(
                "{}: infeasible. {} activit(y/ies) cannot meet at all; no timetable was written:",
                inst.name,
                list.len()
            );
            for (a, why) in list {
                s.push_str(&format!("\n  - {}: {why}", inst.activities[a.index()].id));
            }
            s
        }
        FailureReport::Counting(list) => list_of(
            format!("{}: infeasible; no timetable was written. The time grid cannot hold every meeting:", inst.name),
            list.iter().map(|c| shortfall(inst, c)),
        ),
        FailureReport::Infeasible(diagnosis) => {
            let head = format!("{}: infeasible; no timetable was written.", inst.name);
            match diagnosis {
                Some(Diagnosis { families, .. }) if !families.is_empty() => list_of(
                    format!("{head} These requirements cannot all be met together:"),
                    families.iter().map(|f| relaxed(inst, f)),
                ),
                _ => format!("{head} The diagnosis found no single family of requirements to blame."),
            }
        }
        FailureReport::NoSolutionInTime { time_limit } => format!(
            "{}: no timetable found within {time_limit} s; nothing was written. Allow more time (--config solver-configs/thorough.json).",
            inst.name
        ),
        FailureReport::Solver(e) => format!("{}: the solver failed: {e}; nothing was written.", inst.name),
    }
}

/// Every sentence of an explanation, most fundamental first: counting
/// checks, placement quotas, activities that cannot meet, room overruns,
/// relaxed families.
pub fn sentences(inst: &Instance, e: &Explanation) -> Vec<String> {
    let mut out: Vec<String> = e.counting.iter().map(|c| shortfall(inst, c)).collect();
    out.extend(e.quotas.iter().map(|q| quota(inst, q)));
    out.extend(e.no_pattern.iter().map(|(a, why)| no_pattern(inst, *a, why)));
    out.extend(e.rooms.iter().map(|o| overflow(inst, o)));
    out.extend(e.families.iter().map(|f| relaxed(inst, f)));
    out
}

/// A heading and its lines, each on its own line after a dash.
fn list(head: String, lines: Vec<String>) -> String {
    list_of(head, lines.into_iter())
}

fn list_of(mut head: String, lines: impl Iterator<Item = String>) -> String {
    for line in lines {
        head.push_str(&format!("\n  - {line}"));
    }
    head
}

fn grids_text(inst: &Instance, grids: &[GridId]) -> String {
    grids.iter().map(|g| inst.grids[g.index()].id.as_str()).collect::<Vec<_>>().join(", ")
}

fn period_text(period: Option<&Period>) -> String {
    period.map_or("over the year".to_string(), Period::label)
}

/// A failed counting check.
pub fn shortfall(inst: &Instance, s: &Shortfall) -> String {
    match s {
        Shortfall::CohortGrid { cohort, period, grid, needed, open } => format!(
            "cohort {} needs {needed} meetings in {} but its time grid {} opens {open} (open dates × slots that do not overlap)",
            inst.cohorts[cohort.index()].id,
            period.label(),
            inst.grids[grid.index()].id
        ),
        Shortfall::CohortEvenings { cohort, period, programme, grid, cap, needed, capped } => format!(
            "cohort {} needs {needed} meetings in {} but programme {} allows at most {cap} evening(s) or day(s) a week, which hold only {capped} (per week, the {cap} open day(s) of grid {} with the most slots that do not overlap); to fix: raise max_evenings_per_week, or move hours to another period",
            inst.cohorts[cohort.index()].id,
            period.label(),
            inst.programmes[programme.index()].id,
            inst.grids[grid.index()].id
        ),
        Shortfall::TeacherAvailability { teacher, period, grids, needed, available } => format!(
            "teacher {} needs {needed} meetings in {} but is available for only {available} (slots of grid {} outside their unavailability)",
            inst.teachers[teacher.index()].id,
            period.label(),
            grids_text(inst, grids)
        ),
        Shortfall::TeacherDays { teacher, period, grids, cap, needed, capped } => format!(
            "teacher {} needs {needed} meetings in {} but teaches at most {cap} day(s) a week, which hold only {capped} (per week, the {cap} available day(s) with the most slots that do not overlap, grid {}); to fix: raise max_days_per_week, or move hours to another period or teacher",
            inst.teachers[teacher.index()].id,
            period.label(),
            grids_text(inst, grids)
        ),
        Shortfall::SiteRooms { site, period, above, rooms, needed, available, slots_per_room } => format!(
            "site {} needs {needed} meetings in {} in rooms of {}+ seats but its {rooms} such room(s) hold only {available} ({slots_per_room} slots each)",
            inst.sites[site.index()].id,
            period.label(),
            above + 1
        ),
        Shortfall::RoomWindow(w) => room_window(inst, w),
        Shortfall::Corequisite { ue, corequisite } => {
            let (ue, other) = (&inst.ues[ue.index()], &inst.ues[corequisite.index()]);
            format!(
                "UE {} ({}) and its co-requisite UE {} ({}) must run at the same time of the year but their periods share no week; to fix: put the co-requisite UEs in the same period",
                ue.code,
                ue.period.label(),
                other.code,
                other.period.label()
            )
        }
    }
}

fn room_window(inst: &Instance, w: &RoomWindow) -> String {
    let site = &inst.sites[w.site.index()].id;
    let names: Vec<&str> = w.activities.iter().map(|a| inst.activities[a.index()].id.as_str()).collect();
    format!(
        "site {site} has too few rooms: {} meetings of {} ({}{}) can only take place there, in the weekly slots {} (their time grids, teachers' availability and site rules leave no other), but its {} hold only {} meetings in those slots ({} date-slots); to fix: add a room of at least {} seats at {site}, or move {} of these meetings to another site or slot",
        w.needed,
        names.join(", "),
        period_text(w.period.as_ref()),
        if w.alternating { "; an alternating activity counts its half at this site" } else { "" },
        weekly_text(&w.slots),
        rooms_text(w.rooms, w.above),
        w.available,
        w.date_slots,
        w.seats,
        w.needed - w.available,
    )
}

/// "2 room(s)" or "2 room(s) with more than 30 seats".
fn rooms_text(rooms: u32, above: u32) -> String {
    if above == 0 { format!("{rooms} room(s)") } else { format!("{rooms} room(s) with more than {above} seats") }
}

fn day_code(days_from_monday: u32) -> &'static str {
    u8::try_from(days_from_monday).ok().and_then(|d| Weekday::try_from(d).ok()).map_or("?", weekday_code)
}

fn weekly_text<'a>(points: impl IntoIterator<Item = &'a WeeklyTime>) -> String {
    points.into_iter().map(|p| format!("{} {}", day_code(p.day), p.time)).collect::<Vec<_>>().join(", ")
}

/// A placement quota that cannot fit.
pub fn quota(inst: &Instance, q: &QuotaShortfall) -> String {
    let p = &inst.placements;
    // The student, their requirement and its quota in hours.
    let of = |s: &StudentId| {
        let st = &p.students[s.index()];
        let req = &p.requirements[st.requirement.index()];
        (st, req, hours_string(req.minutes))
    };
    match q {
        QuotaShortfall::Unallocated => {
            "the placement hosts cannot be allocated (see `horaire placements plan`)".to_string()
        }
        QuotaShortfall::NoHost { student, why } => {
            let (st, req, hours) = of(student);
            format!(
                "student {} cannot do the {hours} h of {}: {}",
                st.id,
                req.id,
                why.as_deref().unwrap_or("no host can take them")
            )
        }
        QuotaShortfall::TooFewHours { student, host, fits, missing } => {
            let (st, req, hours) = of(student);
            format!(
                "student {} needs {hours} h for {} by {} but at most {} h fit at host {} (opening hours, declared days, caps, closures): {} h missing",
                st.id,
                req.id,
                req.window.to,
                hours_string(*fits),
                p.hosts[host.index()].id,
                hours_string(*missing)
            )
        }
    }
}

/// An activity that cannot meet at all.
pub fn no_pattern(inst: &Instance, a: ActivityId, why: &NoPattern) -> String {
    let act = &inst.activities[a.index()];
    format!("activity {} of {} cannot meet at all: {why}", act.id, inst.ues[act.ue.index()].code)
}

/// The room overruns of one site and room size.
pub fn overflow(inst: &Instance, o: &Overflow) -> String {
    let site = &inst.sites[o.site.index()].id;
    let mut slots: BTreeMap<(u32, ClockTime), u32> = BTreeMap::new();
    for (d, t, _) in &o.dates {
        *slots.entry((d.weekday().num_days_from_monday(), *t)).or_default() += 1;
    }
    let slot_text: Vec<String> = slots.iter().map(|((wd, t), n)| format!("{} {t} ×{n}", day_code(*wd))).collect();
    let first = o.dates.first().map(|d| d.0.to_string()).unwrap_or_default();
    let last = o.dates.last().map(|d| d.0.to_string()).unwrap_or_default();
    let names: Vec<String> = o
        .activities
        .iter()
        .map(|a| {
            let act = &inst.activities[a.index()];
            let cohorts: Vec<&str> = act.cohorts.iter().map(|c| inst.cohorts[c.index()].id.as_str()).collect();
            format!("{} ({})", act.id, cohorts.join(", "))
        })
        .collect();
    format!(
        "site {site} has {} but needs {} at once on {} date(s) from {first} to {last} ({}): {} meeting(s) too many, of {}; to fix: add a room of at least {} seats at {site}, or move {} meeting(s) of these activities to another site or slot",
        rooms_text(o.rooms, o.below),
        o.peak,
        o.dates.len(),
        slot_text.join(", "),
        o.excess(),
        names.join(", "),
        o.students,
        o.excess()
    )
}

/// A family of requirements an elastic model relaxed: what it means, how
/// many cases, up to five of them, and what to change.
pub fn relaxed(inst: &Instance, r: &Relaxed) -> String {
    let examples: Vec<String> = r.examples.iter().map(|row| case(inst, row)).collect();
    format!(
        "{} ({} case(s)), e.g. {}; to fix: {}",
        family_meaning(r.family),
        r.count,
        examples.join("; "),
        family_fix(r.family)
    )
}

fn family_meaning(family: Family) -> &'static str {
    match family {
        Family::Unplaced => "activities that cannot be placed at all",
        Family::Overlap => "a cohort or teacher would attend two meetings at once",
        Family::Travel => "a cohort or teacher would be at two sites on one day without the travel time",
        Family::Rooms => "more meetings at a site than it has rooms large enough",
        Family::DaysPerWeek => "more days or evenings in a week than a cohort or teacher allows",
        Family::Corequisite => "co-requisite UEs cannot run at the same time of the year",
        Family::WeekLoad | Family::Link => "other requirements",
    }
}

fn family_fix(family: Family) -> &'static str {
    match family {
        Family::Unplaced => "give them more slots, hours in another period, or fewer hours",
        Family::Overlap => "spread these activities over more weeks, open more slots, or move hours to another period",
        Family::Travel => "put the day's meetings at one site, or leave more time between the slots",
        Family::Rooms => "add rooms with enough seats at that site, or move meetings to another site",
        Family::DaysPerWeek => "raise the weekly cap, or spread the hours over more weeks",
        Family::Corequisite => "put the co-requisite UEs in the same period",
        Family::WeekLoad | Family::Link => "relax one of them",
    }
}

fn person(inst: &Instance, p: &Person) -> String {
    match p {
        Person::Cohort(c) => format!("cohort {}", inst.cohorts[c.index()].id),
        Person::Teacher(t) => format!("teacher {}", inst.teachers[t.index()].id),
    }
}

/// One relaxed row: who or what, and when.
pub fn case(inst: &Instance, row: &RowInfo) -> String {
    match row {
        RowInfo::Assign(a) => format!("activity {}", inst.activities[a.index()].id),
        RowInfo::Overlap(p, d) => format!("{} on {d}", person(inst, p)),
        RowInfo::Travel(p, d, s1, s2) => format!(
            "{} between {} and {} on {d}",
            person(inst, p),
            inst.sites[s1.index()].id,
            inst.sites[s2.index()].id
        ),
        RowInfo::Rooms { site, date, seats, rooms } => {
            format!("{} on {date}: {rooms} room(s) of {seats}+ seats", inst.sites[site.index()].id)
        }
        RowInfo::DaysPerWeek(p, monday, cap) => format!("{} in the week of {monday} (at most {cap})", person(inst, p)),
        RowInfo::WeekLoad(p, monday) => format!("{} in the week of {monday}", person(inst, p)),
        RowInfo::Corequisite(a, b) => format!("{} with {}", inst.ues[a.index()].code, inst.ues[b.index()].code),
        RowInfo::Link => String::new(),
    }
}

#[cfg(test)]
mod tests {
    //! The wordings that the planted instances of `tests/explain.rs` do not
    //! reach, on diagnoses built by hand.

    use super::*;
    use crate::model::{CohortId, SiteId};
    use chrono::NaiveDate;
    use std::collections::BTreeSet;

    fn load(file: &str) -> Instance {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(file);
        crate::load_instance(&path).expect(file)
    }

    fn date(s: &str) -> NaiveDate {
        s.parse().expect("a date")
    }

    const TINY: &str = "Tiny test instance (invented)";

    #[test]
    fn failures_without_a_diagnosis() {
        let inst = load("tiny.json");
        assert_eq!(
            failure(&inst, &FailureReport::NoSolutionInTime { time_limit: 30.0 }),
            format!(
                "{TINY}: no timetable found within 30 s; nothing was written. Allow more time (--config solver-configs/thorough.json)."
            )
        );
        assert_eq!(
            failure(&inst, &FailureReport::Solver("no answer".into())),
            format!("{TINY}: the solver failed: no answer; nothing was written.")
        );
        let blameless = format!(
            "{TINY}: infeasible; no timetable was written. The diagnosis found no single family of requirements to blame."
        );
        assert_eq!(failure(&inst, &FailureReport::Infeasible(None)), blameless);
        assert_eq!(failure(&inst, &FailureReport::Infeasible(Some(Diagnosis::default()))), blameless);
    }

    #[test]
    fn an_undecided_explanation_says_so_with_or_without_an_attempt() {
        let inst = load("tiny.json");
        let mut e = Explanation { time_limit: 30.0, ..Explanation::default() };
        assert_eq!(
            explanation(&inst, &e),
            format!("{TINY}: undecided: no timetable was found within 30 s, and no proof of infeasibility either.")
        );
        let b1 = Person::Cohort(CohortId::from_index(0));
        e.families = vec![Relaxed {
            family: Family::DaysPerWeek,
            count: 2,
            examples: vec![
                RowInfo::DaysPerWeek(b1, date("2025-09-15"), 1),
                RowInfo::DaysPerWeek(b1, date("2025-09-22"), 1),
            ],
        }];
        assert_eq!(
            explanation(&inst, &e),
            format!(
                "{TINY}: undecided: no timetable was found (time limit 30 s), but infeasibility is not proven (more time or another order may find one). The best attempt breaks:\n  - more days or evenings in a week than a cohort or teacher allows (2 case(s)), e.g. cohort b1 in the week of 2025-09-15 (at most 1); cohort b1 in the week of 2025-09-22 (at most 1); to fix: raise the weekly cap, or spread the hours over more weeks"
            )
        );
    }

    #[test]
    fn every_family_is_worded() {
        let inst = load("tiny.json");
        let t1 = Person::Teacher(crate::model::TeacherId::from_index(0));
        let mons = SiteId::from_index(0);
        let cases = [
            (
                Family::Unplaced,
                RowInfo::Assign(ActivityId::from_index(1)),
                "activities that cannot be placed at all (1 case(s)), e.g. activity a2; to fix: give them more slots, hours in another period, or fewer hours",
            ),
            (
                Family::Overlap,
                RowInfo::Overlap(t1, date("2025-09-16")),
                "a cohort or teacher would attend two meetings at once (1 case(s)), e.g. teacher t1 on 2025-09-16; to fix: spread these activities over more weeks, open more slots, or move hours to another period",
            ),
            (
                Family::Rooms,
                RowInfo::Rooms { site: mons, date: date("2025-09-20"), seats: 26, rooms: 1 },
                "more meetings at a site than it has rooms large enough (1 case(s)), e.g. mons on 2025-09-20: 1 room(s) of 26+ seats; to fix: add rooms with enough seats at that site, or move meetings to another site",
            ),
            (
                Family::Corequisite,
                RowInfo::Corequisite(crate::model::UeId::from_index(0), crate::model::UeId::from_index(1)),
                "co-requisite UEs cannot run at the same time of the year (1 case(s)), e.g. UE 1 with UE 2; to fix: put the co-requisite UEs in the same period",
            ),
            (
                Family::WeekLoad,
                RowInfo::WeekLoad(t1, date("2025-09-15")),
                "other requirements (1 case(s)), e.g. teacher t1 in the week of 2025-09-15; to fix: relax one of them",
            ),
        ];
        for (family, row, words) in cases {
            assert_eq!(relaxed(&inst, &Relaxed { family, count: 1, examples: vec![row] }), words);
        }
    }

    #[test]
    fn a_window_over_the_year_for_the_larger_rooms() {
        let inst = load("tiny.json");
        let w = RoomWindow {
            site: SiteId::from_index(0),
            period: None,
            activities: BTreeSet::from([ActivityId::from_index(0)]),
            alternating: false,
            slots: BTreeSet::from([
                WeeklyTime { day: 5, time: ClockTime(9 * 60) },
                WeeklyTime { day: 1, time: ClockTime(17 * 60 + 15) },
            ]),
            rooms: 2,
            above: 30,
            needed: 30,
            available: 26,
            date_slots: 13,
            seats: 35,
        };
        assert_eq!(
            shortfall(&inst, &Shortfall::RoomWindow(w)),
            "site mons has too few rooms: 30 meetings of a1 (over the year) can only take place there, in the weekly slots tue 17:15, sat 09:00 (their time grids, teachers' availability and site rules leave no other), but its 2 room(s) with more than 30 seats hold only 26 meetings in those slots (13 date-slots); to fix: add a room of at least 35 seats at mons, or move 4 of these meetings to another site or slot"
        );
    }

    #[test]
    fn quotas_without_an_allocation_or_a_reason() {
        let inst = load("placements/basic.json");
        assert_eq!(
            quota(&inst, &QuotaShortfall::Unallocated),
            "the placement hosts cannot be allocated (see `horaire placements plan`)"
        );
        let s04 = inst.placements.students.iter().position(|s| s.id == "s04").expect("s04");
        assert_eq!(
            quota(&inst, &QuotaShortfall::NoHost { student: StudentId::from_index(s04), why: None }),
            "student s04 cannot do the 120 h of stage-b2: no host can take them"
        );
    }
}
