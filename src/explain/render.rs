//! Every sentence of an explanation: the typed diagnosis in a planner's
//! words. Nothing else in the crate words a shortfall, an overrun or a
//! relaxed family.

use super::pins::{PinConflict, Shared};
use super::quotas::QuotaShortfall;
use super::rooms::Overflow;
use super::{Diagnosis, Explanation, FailureReport, Relaxed};
use crate::feasibility::{Family, RoomWindow, Shortfall, WeeklyTime};
use crate::model::pins::Pin;
use crate::model::time::{ClockTime, hours_string, weekday_code};
use crate::model::{ActivityId, GridId, Instance, Period, StudentId};
use crate::timetable::formulation::{Person, RowInfo};
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
        FailureReport::Pins(list) => list_of(
            format!("{}: infeasible; no timetable was written. These pins cannot all be kept:", inst.name),
            list.iter().map(|c| pin_conflict(inst, c)),
        ),
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
    out.extend(e.pins.iter().map(|c| pin_conflict(inst, c)));
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

/// Two pins that collide: "the pin of UE 2/6 (activity a) on Tuesday
/// 18:00 collides with the pin of UE 2/8 (activity b) on Tuesday 18:00 for
/// cohort Bloc 2".
pub fn pin_conflict(inst: &Instance, c: &PinConflict) -> String {
    let side = |(a, p): &(ActivityId, Pin)| {
        let act = &inst.activities[a.index()];
        format!("the pin of {} (activity {}) on {}", inst.ues[act.ue.index()].code, act.id, p.describe(inst))
    };
    let shared = match c.shared {
        Shared::Cohort(k) => {
            let k = &inst.cohorts[k.index()];
            format!("cohort {}", if k.name.is_empty() { &k.id } else { &k.name })
        }
        Shared::Teacher(t) => format!("teacher {}", inst.teachers[t.index()].id),
        Shared::Room(r) => format!("room {}", inst.rooms[r.index()].id),
    };
    format!(
        "{} collides with {} for {shared}: whichever way they meet, the two pinned meetings overlap; to fix: move one of the pins",
        side(&c.first),
        side(&c.second)
    )
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
    use crate::model::time::DateRange;
    use crate::model::{CohortId, HostId, ProgrammeId, SiteId, TeacherId, UeId};
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
                Family::Travel,
                RowInfo::Travel(
                    Person::Cohort(CohortId::from_index(0)),
                    date("2025-09-20"),
                    mons,
                    SiteId::from_index(1),
                ),
                "a cohort or teacher would be at two sites on one day without the travel time (1 case(s)), e.g. cohort b1 between mons and charleroi on 2025-09-20; to fix: put the day's meetings at one site, or leave more time between the slots",
            ),
            (
                Family::DaysPerWeek,
                RowInfo::DaysPerWeek(t1, date("2025-09-15"), 2),
                "more days or evenings in a week than a cohort or teacher allows (1 case(s)), e.g. teacher t1 in the week of 2025-09-15 (at most 2); to fix: raise the weekly cap, or spread the hours over more weeks",
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
        // Link rows define helper columns and never get slack, so no case
        // of theirs is ever worded; the family still has its words.
        assert_eq!(
            (family_meaning(Family::Link), family_fix(Family::Link)),
            ("other requirements", "relax one of them")
        );
    }

    #[test]
    fn every_shortfall_is_worded() {
        let mut inst = load("tiny.json");
        let mut saturdays = inst.grids[0].clone();
        saturdays.id = "samedi".into();
        inst.grids.push(saturdays);
        let (b1, p) = (CohortId::from_index(0), ProgrammeId::from_index(0));
        let (soir, samedi) = (GridId::from_index(0), GridId::from_index(1));
        let (t2, charleroi) = (TeacherId::from_index(1), SiteId::from_index(1));
        let autumn = Period::Dates(DateRange { from: date("2025-10-06"), to: date("2025-11-28") });
        let cases = [
            (
                Shortfall::CohortGrid { cohort: b1, period: autumn, grid: soir, needed: 20, open: 18 },
                "cohort b1 needs 20 meetings in 2025-10-06..2025-11-28 but its time grid soir opens 18 (open dates × slots that do not overlap)",
            ),
            (
                Shortfall::CohortEvenings {
                    cohort: b1,
                    period: Period::Annual,
                    programme: p,
                    grid: soir,
                    cap: 2,
                    needed: 70,
                    capped: 64,
                },
                "cohort b1 needs 70 meetings in annual but programme p allows at most 2 evening(s) or day(s) a week, which hold only 64 (per week, the 2 open day(s) of grid soir with the most slots that do not overlap); to fix: raise max_evenings_per_week, or move hours to another period",
            ),
            (
                Shortfall::TeacherAvailability {
                    teacher: t2,
                    period: Period::Q2,
                    grids: vec![soir, samedi],
                    needed: 40,
                    available: 26,
                },
                "teacher t2 needs 40 meetings in Q2 but is available for only 26 (slots of grid soir, samedi outside their unavailability)",
            ),
            (
                Shortfall::TeacherDays {
                    teacher: t2,
                    period: Period::Q1,
                    grids: vec![samedi, soir],
                    cap: 1,
                    needed: 20,
                    capped: 14,
                },
                "teacher t2 needs 20 meetings in Q1 but teaches at most 1 day(s) a week, which hold only 14 (per week, the 1 available day(s) with the most slots that do not overlap, grid samedi, soir); to fix: raise max_days_per_week, or move hours to another period or teacher",
            ),
            (
                Shortfall::SiteRooms {
                    site: charleroi,
                    period: Period::Q2,
                    above: 30,
                    rooms: 2,
                    needed: 80,
                    available: 76,
                    slots_per_room: 38,
                },
                "site charleroi needs 80 meetings in Q2 in rooms of 31+ seats but its 2 such room(s) hold only 76 (38 slots each)",
            ),
            (
                Shortfall::RoomWindow(RoomWindow {
                    site: charleroi,
                    period: Some(Period::Q2),
                    activities: BTreeSet::from([ActivityId::from_index(1)]),
                    alternating: true,
                    slots: BTreeSet::from([WeeklyTime { day: 3, time: ClockTime(17 * 60 + 15) }]),
                    rooms: 1,
                    above: 0,
                    needed: 15,
                    available: 13,
                    date_slots: 13,
                    seats: 25,
                }),
                "site charleroi has too few rooms: 15 meetings of a2 (Q2; an alternating activity counts its half at this site) can only take place there, in the weekly slots thu 17:15 (their time grids, teachers' availability and site rules leave no other), but its 1 room(s) hold only 13 meetings in those slots (13 date-slots); to fix: add a room of at least 25 seats at charleroi, or move 2 of these meetings to another site or slot",
            ),
            (
                Shortfall::Corequisite { ue: UeId::from_index(1), corequisite: UeId::from_index(0) },
                "UE UE 2 (Q1) and its co-requisite UE UE 1 (Q1) must run at the same time of the year but their periods share no week; to fix: put the co-requisite UEs in the same period",
            ),
        ];
        for (s, words) in cases {
            assert_eq!(shortfall(&inst, &s), words, "{s:?}");
        }
    }

    #[test]
    fn every_activity_that_cannot_meet_is_worded() {
        let inst = load("tiny.json");
        let (a1, a2) = (ActivityId::from_index(0), ActivityId::from_index(1));
        let cases = [
            (
                a1,
                NoPattern::NoSlotLongEnough { session: 270, longest: 195 },
                "activity a1 of UE 1 cannot meet at all: its sessions last 4.5 h but the longest slot of its time grid is 3.25 h",
            ),
            (
                a1,
                NoPattern::TooFewDates { needed: 15, best: 13 },
                "activity a1 of UE 1 cannot meet at all: it needs 15 meetings but its period has at most 13 usable dates (closures, exams and teacher unavailability removed)",
            ),
            (
                a2,
                NoPattern::NoRoomLargeEnough { students: 60, largest: 40 },
                "activity a2 of UE 2 cannot meet at all: 60 students attend but the largest room at its allowed sites has 40 seats",
            ),
            (
                a2,
                NoPattern::AlternateSiteTooSmall {
                    between: "mons and charleroi".into(),
                    site: "charleroi".into(),
                    students: 25,
                    largest: 0,
                },
                "activity a2 of UE 2 cannot meet at all: it alternates between mons and charleroi and charleroi (largest room 0 seats) cannot hold its 25 students; to fix: add a room of at least 25 seats at charleroi, or change its site rule",
            ),
            (
                a2,
                NoPattern::CorequisiteWindow,
                "activity a2 of UE 2 cannot meet at all: its co-requisite UEs leave no common weeks in its period",
            ),
        ];
        for (a, why, words) in cases {
            assert_eq!(no_pattern(&inst, a, &why), words, "{why:?}");
        }
    }

    #[test]
    fn an_overflow_of_the_larger_rooms_over_several_slots() {
        let inst = load("tiny.json");
        let (evening, morning) = (ClockTime(17 * 60 + 15), ClockTime(9 * 60));
        let o = Overflow {
            site: SiteId::from_index(0),
            below: 30,
            rooms: 1,
            dates: vec![
                (date("2025-09-16"), evening, 1),
                (date("2025-09-20"), morning, 2),
                (date("2025-09-23"), evening, 1),
            ],
            peak: 3,
            activities: BTreeSet::from([ActivityId::from_index(0), ActivityId::from_index(1)]),
            students: 35,
        };
        assert_eq!(
            overflow(&inst, &o),
            "site mons has 1 room(s) with more than 30 seats but needs 3 at once on 3 date(s) from 2025-09-16 to 2025-09-23 (tue 17:15 ×2, sat 09:00 ×1): 4 meeting(s) too many, of a1 (b1), a2 (b1); to fix: add a room of at least 35 seats at mons, or move 4 meeting(s) of these activities to another site or slot"
        );
    }

    #[test]
    fn failures_with_a_diagnosis() {
        let inst = load("tiny.json");
        let (a1, a2) = (ActivityId::from_index(0), ActivityId::from_index(1));
        let no_pattern = FailureReport::NoPattern(vec![
            (a1, NoPattern::NoSlotLongEnough { session: 240, longest: 180 }),
            (a2, NoPattern::CorequisiteWindow),
        ]);
        assert_eq!(
            failure(&inst, &no_pattern),
            format!(
                "{TINY}: infeasible. 2 activit(y/ies) cannot meet at all; no timetable was written:\n  - a1: its sessions last 4 h but the longest slot of its time grid is 3 h\n  - a2: its co-requisite UEs leave no common weeks in its period"
            )
        );
        let counting = FailureReport::Counting(vec![
            Shortfall::CohortGrid {
                cohort: CohortId::from_index(0),
                period: Period::Q1,
                grid: GridId::from_index(0),
                needed: 45,
                open: 38,
            },
            Shortfall::Corequisite { ue: UeId::from_index(0), corequisite: UeId::from_index(1) },
        ]);
        assert_eq!(
            failure(&inst, &counting),
            format!(
                "{TINY}: infeasible; no timetable was written. The time grid cannot hold every meeting:\n  - cohort b1 needs 45 meetings in Q1 but its time grid soir opens 38 (open dates × slots that do not overlap)\n  - UE UE 1 (Q1) and its co-requisite UE UE 2 (Q1) must run at the same time of the year but their periods share no week; to fix: put the co-requisite UEs in the same period"
            )
        );
        let (mons, charleroi) = (SiteId::from_index(0), SiteId::from_index(1));
        let travel = Relaxed {
            family: Family::Travel,
            count: 7,
            examples: vec![
                RowInfo::Travel(Person::Cohort(CohortId::from_index(0)), date("2025-09-20"), mons, charleroi),
                RowInfo::Travel(Person::Teacher(TeacherId::from_index(1)), date("2025-09-27"), charleroi, mons),
            ],
        };
        let unplaced = Relaxed { family: Family::Unplaced, count: 1, examples: vec![RowInfo::Assign(a1)] };
        let diagnosis = Diagnosis { families: vec![travel, unplaced], proven: true, witness: false };
        assert_eq!(
            failure(&inst, &FailureReport::Infeasible(Some(diagnosis))),
            format!(
                "{TINY}: infeasible; no timetable was written. These requirements cannot all be met together:\n  - a cohort or teacher would be at two sites on one day without the travel time (7 case(s)), e.g. cohort b1 between mons and charleroi on 2025-09-20; teacher t2 between charleroi and mons on 2025-09-27; to fix: put the day's meetings at one site, or leave more time between the slots\n  - activities that cannot be placed at all (1 case(s)), e.g. activity a1; to fix: give them more slots, hours in another period, or fewer hours"
            )
        );
    }

    #[test]
    fn a_proven_explanation_words_every_kind_most_fundamental_first() {
        let inst = load("placements/basic.json");
        let s04 = inst.placements.students.iter().position(|s| s.id == "s04").expect("s04");
        let cpas = inst.placements.hosts.iter().position(|h| h.id == "cpas-mons").expect("cpas-mons");
        let e = Explanation {
            counting: vec![Shortfall::SiteRooms {
                site: SiteId::from_index(0),
                period: Period::Annual,
                above: 0,
                rooms: 1,
                needed: 80,
                available: 76,
                slots_per_room: 76,
            }],
            quotas: vec![QuotaShortfall::TooFewHours {
                student: StudentId::from_index(s04),
                host: HostId::from_index(cpas),
                fits: 45 * 60 + 30,
                missing: 74 * 60 + 30,
            }],
            no_pattern: vec![(ActivityId::from_index(0), NoPattern::TooFewDates { needed: 20, best: 19 })],
            rooms: vec![Overflow {
                site: SiteId::from_index(1),
                below: 0,
                rooms: 1,
                dates: vec![(date("2025-10-02"), ClockTime(17 * 60 + 15), 1)],
                peak: 2,
                activities: BTreeSet::from([ActivityId::from_index(1)]),
                students: 20,
            }],
            families: vec![Relaxed {
                family: Family::Corequisite,
                count: 1,
                examples: vec![RowInfo::Corequisite(UeId::from_index(0), UeId::from_index(1))],
            }],
            proven: true,
            time_limit: 30.0,
            ..Explanation::default()
        };
        assert_eq!(
            explanation(&inst, &e),
            "Placements test instance (invented): infeasible. These requirements cannot all be met together:\n  - site mons needs 80 meetings in annual in rooms of 1+ seats but its 1 such room(s) hold only 76 (76 slots each)\n  - student s04 needs 120 h for stage-b2 by 2026-04-30 but at most 45.5 h fit at host cpas-mons (opening hours, declared days, caps, closures): 74.5 h missing\n  - activity a1 of UE 1/4 cannot meet at all: it needs 20 meetings but its period has at most 19 usable dates (closures, exams and teacher unavailability removed)\n  - site charleroi has 1 room(s) but needs 2 at once on 1 date(s) from 2025-10-02 to 2025-10-02 (thu 17:15 ×1): 1 meeting(s) too many, of a2 (b1); to fix: add a room of at least 20 seats at charleroi, or move 1 meeting(s) of these activities to another site or slot\n  - co-requisite UEs cannot run at the same time of the year (1 case(s)), e.g. UE 1/4 with UE 1/5; to fix: put the co-requisite UEs in the same period"
        );
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
