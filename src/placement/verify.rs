//! An independent verifier of placement plans (`horaire-placements/1`).
//!
//! It shares no planning code with the planner: it reads the plan file as
//! written, re-derives every rule from the instance, the timetable file and
//! the log, and reports each violation with the JSON path of the plan entry
//! at fault: hours that do not add up, days outside the window or in a
//! closure, outside the host's opening hours or the student's availability,
//! over the daily or weekly cap, on top of a class of the student's
//! cohorts or too close to it for the travel between the host's city and
//! the class site, and hosts over capacity.

use super::log::HoursLog;
use crate::model::placements_file::{PLACEMENTS_FORMAT, PlacementsFile};
use crate::model::time::{ClockTime, parse_date};
use crate::model::timetable::TimetableFile;
use crate::model::{HostId, Instance, Problem};
use chrono::{Datelike, NaiveDate};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// A class meeting as the verifier sees it: start and end minutes, site
/// index, cohort indices.
type Meeting = (u32, u32, usize, Vec<usize>);

/// Tolerance on hours written with two decimals.
const EPS: f64 = 0.011;

fn to_minutes(h: f64) -> f64 {
    h * 60.0
}

/// Checks `plan` (read from `file`) against the instance, the timetable
/// (when given: class meetings must be avoided) and the log (when given:
/// logged hours must match and count toward the weekly cap). Returns every
/// violation; an empty list means the plan is sound.
pub fn verify_plan(
    inst: &Instance,
    file: &Path,
    plan: &PlacementsFile,
    timetable: Option<&TimetableFile>,
    log: Option<&HoursLog>,
) -> Vec<Problem> {
    let mut out = Vec::new();
    let mut bad = |path: String, msg: String| out.push(Problem::new(file, path, msg));
    let p = &inst.placements;
    if plan.format != PLACEMENTS_FORMAT {
        bad("format".into(), format!("expected \"{PLACEMENTS_FORMAT}\", found \"{}\"", plan.format));
    }

    // Class meetings by date: (start, end, site index, cohort indices).
    let mut meetings: BTreeMap<NaiveDate, Vec<Meeting>> = BTreeMap::new();
    if let Some(tt) = timetable {
        for m in &tt.meetings {
            let (Some(d), Some(s), Some(e), Some(site)) = (
                parse_date(&m.date),
                ClockTime::parse(&m.start),
                ClockTime::parse(&m.end),
                inst.index.sites.get(&m.site),
            ) else {
                continue; // the timetable's own checker reports these
            };
            let cohorts = m.cohorts.iter().filter_map(|c| inst.index.cohorts.get(c)).map(|c| c.index()).collect();
            meetings.entry(d).or_default().push((s.minutes(), e.minutes(), site.index(), cohorts));
        }
    }
    // Logged minutes per student, per date and per week (Monday).
    let mut logged: BTreeMap<usize, u32> = BTreeMap::new();
    let mut logged_days: BTreeSet<(usize, NaiveDate)> = BTreeSet::new();
    let mut logged_week: BTreeMap<(usize, NaiveDate), u32> = BTreeMap::new();
    if let Some(log) = log {
        for e in &log.entries {
            let i = e.student.index();
            *logged.entry(i).or_default() += e.minutes;
            let _ = logged_days.insert((i, e.date));
            let monday = e.date - chrono::Duration::days(i64::from(e.date.weekday().num_days_from_monday()));
            *logged_week.entry((i, monday)).or_default() += e.minutes;
        }
    }

    let mut seen_students = BTreeSet::new();
    let mut per_host: BTreeMap<(usize, usize), Vec<String>> = BTreeMap::new();
    let mut previous: Option<&str> = None;
    for (k, pl) in plan.plans.iter().enumerate() {
        let at = format!("plans[{k}]");
        if let Some(prev) = previous {
            if prev >= pl.student.as_str() {
                bad(
                    at.clone(),
                    format!("plans must be sorted by student, once each: \"{}\" after \"{prev}\"", pl.student),
                );
            }
        }
        previous = Some(&pl.student);
        let Some(&sid) = inst.index.students.get(&pl.student) else {
            bad(format!("{at}.student"), format!("unknown student \"{}\"", pl.student));
            continue;
        };
        let si = sid.index();
        let _ = seen_students.insert(si);
        let st = &p.students[si];
        let req = &p.requirements[st.requirement.index()];
        if pl.requirement != req.id {
            bad(
                format!("{at}.requirement"),
                format!("{} has requirement \"{}\", not \"{}\"", st.id, req.id, pl.requirement),
            );
        }
        if (pl.quota_hours - f64::from(req.minutes) / 60.0).abs() > EPS {
            bad(format!("{at}.quota_hours"), format!("the quota of {} is {} h", req.id, f64::from(req.minutes) / 60.0));
        }
        if let Some(log) = log.map(|_| logged.get(&si).copied().unwrap_or(0)) {
            if (to_minutes(pl.logged_hours) - f64::from(log)).abs() > EPS * 60.0 {
                bad(
                    format!("{at}.logged_hours"),
                    format!(
                        "the log holds {} h for {}, the plan says {}",
                        f64::from(log) / 60.0,
                        st.id,
                        pl.logged_hours
                    ),
                );
            }
        }
        let sum: f64 = pl.days.iter().map(|d| d.hours).sum();
        if (sum - pl.planned_hours).abs() > EPS * (1.0 + pl.days.len() as f64) {
            bad(format!("{at}.planned_hours"), format!("the days add up to {sum} h, not {}", pl.planned_hours));
        }
        let reach = pl.logged_hours + pl.planned_hours;
        let quota = f64::from(req.minutes) / 60.0;
        match pl.status.as_str() {
            "done" => {
                if pl.logged_hours + EPS < quota {
                    bad(format!("{at}.status"), format!("done, but only {} h of {quota} are logged", pl.logged_hours));
                }
            }
            "on_track" | "at_risk" => {
                if (reach - quota).abs() > EPS * (1.0 + pl.days.len() as f64) {
                    bad(
                        format!("{at}.planned_hours"),
                        format!(
                            "logged {} h + planned {} h = {reach} h, not the quota {quota} h",
                            pl.logged_hours, pl.planned_hours
                        ),
                    );
                }
            }
            "cannot_finish" => {
                if reach + EPS >= quota {
                    bad(
                        format!("{at}.status"),
                        format!("cannot_finish, but logged + planned = {reach} h reach the quota"),
                    );
                }
                if let Some(m) = pl.missing_hours {
                    if (m - (quota - reach)).abs() > EPS * (1.0 + pl.days.len() as f64) {
                        bad(
                            format!("{at}.missing_hours"),
                            format!("{m} h missing, but quota − logged − planned = {} h", quota - reach),
                        );
                    }
                }
            }
            other => bad(
                format!("{at}.status"),
                format!("expected done, on_track, at_risk or cannot_finish, found \"{other}\""),
            ),
        }
        let host = match &pl.host {
            None => {
                if !pl.days.is_empty() {
                    bad(format!("{at}.host"), "days are planned without a host".to_string());
                }
                if pl.status != "cannot_finish" && pl.status != "done" {
                    bad(format!("{at}.status"), "a student without a host cannot be on track".to_string());
                }
                continue;
            }
            Some(h) => match inst.index.hosts.get(h) {
                Some(&hid) => hid,
                None => {
                    bad(format!("{at}.host"), format!("unknown host \"{h}\""));
                    continue;
                }
            },
        };
        if let Some(fixed) = st.host {
            if fixed != host {
                bad(
                    format!("{at}.host"),
                    format!("{} is placed at {} in the instance", st.id, p.hosts[fixed.index()].id),
                );
            }
        }
        per_host.entry((host.index(), st.requirement.index())).or_default().push(st.id.clone());
        let h = &p.hosts[host.index()];
        let h_site = inst.sites.iter().position(|s| s.city.eq_ignore_ascii_case(&h.city));
        let own: Vec<usize> = {
            let mut v = vec![st.cohort.index()];
            let mut cur = inst.cohorts[st.cohort.index()].parent;
            while let Some(c) = cur {
                v.push(c.index());
                cur = inst.cohorts[c.index()].parent;
            }
            v
        };
        let mut dates = BTreeSet::new();
        let mut week: BTreeMap<NaiveDate, u32> = BTreeMap::new();
        for (j, d) in pl.days.iter().enumerate() {
            let dp = format!("{at}.days[{j}]");
            let (Some(date), Some(s), Some(e)) =
                (parse_date(&d.date), ClockTime::parse(&d.start), ClockTime::parse(&d.end))
            else {
                bad(dp, format!("expected a date YYYY-MM-DD and times HH:MM, found {} {}–{}", d.date, d.start, d.end));
                continue;
            };
            let (s, e) = (s.minutes(), e.minutes());
            if e <= s {
                bad(dp.clone(), format!("ends ({}) before it starts ({})", d.end, d.start));
                continue;
            }
            if (to_minutes(d.hours) - f64::from(e - s)).abs() > EPS * 60.0 {
                bad(
                    format!("{dp}.hours"),
                    format!("{} h, but {}–{} is {} h", d.hours, d.start, d.end, f64::from(e - s) / 60.0),
                );
            }
            if !dates.insert(date) {
                bad(dp.clone(), format!("{date} is planned twice"));
            }
            if logged_days.contains(&(si, date)) {
                bad(dp.clone(), format!("{date} already has logged hours"));
            }
            if date < req.window.from || date > req.window.to {
                bad(dp.clone(), format!("{date} is outside the window {}..{}", req.window.from, req.window.to));
            }
            if let Some(c) = inst.calendar.closures.iter().find(|c| c.range.from <= date && date <= c.range.to) {
                bad(dp.clone(), format!("{date} is closed ({})", c.label));
            }
            let wd = date.weekday();
            if !h.open.iter().any(|o| o.day == wd && o.start.minutes() <= s && e <= o.end.minutes()) {
                bad(dp.clone(), format!("{} {}–{} is outside the opening hours of {}", d.date, d.start, d.end, h.id));
            }
            if let Some(av) = &st.available {
                if !av.iter().any(|w| {
                    w.days.contains(wd) && w.dates.contains(date) && w.start.minutes() <= s && e <= w.end.minutes()
                }) {
                    bad(
                        dp.clone(),
                        format!("{} {}–{} is outside the availability of {}", d.date, d.start, d.end, st.id),
                    );
                }
            }
            if let Some(cap) = req.max_minutes_per_day {
                if e - s > cap {
                    bad(dp.clone(), format!("{} h is over the daily cap of {} h", d.hours, f64::from(cap) / 60.0));
                }
            }
            let monday = date - chrono::Duration::days(i64::from(wd.num_days_from_monday()));
            *week.entry(monday).or_default() += e - s;
            for (ms, me, msite, mc) in meetings.get(&date).into_iter().flatten() {
                if !mc.iter().any(|c| own.contains(c)) {
                    continue;
                }
                let travel = match h_site {
                    Some(hs) if hs == *msite => Some(0),
                    Some(hs) => inst.travel[hs][*msite],
                    None => None,
                };
                let site = &inst.sites[*msite].id;
                match travel {
                    None => bad(
                        dp.clone(),
                        format!(
                            "{} has a class at {site} on {date} and no travel time is known from {}",
                            st.id, h.city
                        ),
                    ),
                    Some(t) => {
                        if e + t > *ms && *me + t > s {
                            bad(
                                dp.clone(),
                                format!(
                                    "{}–{} at {} leaves no {t} min to travel to/from the class {}–{} at {site}",
                                    d.start,
                                    d.end,
                                    h.city,
                                    ClockTime(*ms as u16),
                                    ClockTime(*me as u16)
                                ),
                            );
                        }
                    }
                }
            }
        }
        if let Some(cap) = req.max_minutes_per_week {
            for (monday, m) in &week {
                let total = m + logged_week.get(&(si, *monday)).copied().unwrap_or(0);
                if total > cap {
                    bad(
                        format!("{at}.days"),
                        format!(
                            "week of {monday}: {} h (logged and planned) is over the weekly cap of {} h",
                            f64::from(total) / 60.0,
                            f64::from(cap) / 60.0
                        ),
                    );
                }
            }
        }
    }
    for (i, st) in p.students.iter().enumerate() {
        if !seen_students.contains(&i) {
            bad("plans".into(), format!("no plan for student {}", st.id));
        }
    }
    for ((h, r), students) in per_host {
        let cap = p.hosts[h].capacity as usize;
        if students.len() > cap {
            bad(
                "plans".into(),
                format!(
                    "host {} takes {} students for {} ({}), over its capacity {cap}{}",
                    p.hosts[h].id,
                    students.len(),
                    p.requirements[r].id,
                    students.join(", "),
                    {
                        let fixed = students
                            .iter()
                            .filter(|id| {
                                inst.index.students.get(id.as_str()).and_then(|s| p.students[s.index()].host)
                                    == Some(HostId::from_index(h))
                            })
                            .count();
                        if fixed > cap {
                            format!(" ({fixed} of them assigned by the instance itself)")
                        } else {
                            String::new()
                        }
                    }
                ),
            );
        }
    }
    out
}
