//! Room shortages in a planner's words.
//!
//! Two tools, both honest about what they prove:
//! - [`window_problems`], a counting check with no solver: meetings that
//!   can only take place at one site in a few weekly slots (their time
//!   grid, their teachers' availability and their site rule leave no
//!   other choice) against the rooms of that site on those dates. It is a
//!   relaxation of the model's room rows, so a failure is a proof.
//! - [`overflows`], which reads a timetable that breaks room rows (the
//!   answer of the rooms-only elastic model) and groups the overruns per
//!   site and room size, naming the dates, slots and activities.

use crate::model::time::{ClockTime, weekday_code};
use crate::model::{ActivityId, Instance, Period, SiteId, SiteRule, SlotTemplate};
use crate::timetable::patterns::{self, Meeting, PatternSet};
use chrono::{Datelike, NaiveDate, Weekday};
use std::collections::{BTreeMap, BTreeSet};

/// One activity that must meet at a site: how many of its meetings, how
/// many students, and the weekly slots (weekday, start, minutes every
/// meeting covers from the start) with their usable dates.
struct Forced {
    a: ActivityId,
    meetings: u32,
    students: u32,
    slots: Vec<(u32, ClockTime, u32, Vec<NaiveDate>)>,
}

/// A weekly point in time: weekday (days from Monday) and clock time.
type Point = (u32, ClockTime);

fn covers(slot: &(u32, ClockTime, u32, Vec<NaiveDate>), p: Point) -> bool {
    slot.0 == p.0 && slot.1 <= p.1 && p.1.minutes() < slot.1.minutes() + slot.2
}

/// How many of an activity's meetings must be at site `si` whatever the
/// timetable: all of them at a fixed site, at least half (rounded down) at
/// either site of an alternation, none when it may choose.
pub(crate) fn meetings_forced_at(act: &crate::model::Activity, si: usize) -> u32 {
    let n = act.minutes.div_ceil(act.session_minutes);
    match &act.site {
        SiteRule::Fixed(s) if s.index() == si => n,
        SiteRule::Alternate(x, y) if x.index() == si || y.index() == si => n / 2,
        _ => 0,
    }
}

fn forced_at(inst: &Instance, si: usize, windows: &[Option<Vec<crate::model::time::DateRange>>]) -> Vec<Forced> {
    let mut out = Vec::new();
    for (ai, act) in inst.activities.iter().enumerate() {
        let a = ActivityId::from_index(ai);
        let n = act.minutes.div_ceil(act.session_minutes);
        let here = meetings_forced_at(act, si);
        if here == 0 {
            continue;
        }
        let last = act.minutes - (n - 1) * act.session_minutes;
        let grid = inst.grid_of(a);
        let templates: Vec<&SlotTemplate> = grid.slots.iter().filter(|t| t.minutes() >= act.session_minutes).collect();
        let usable = patterns::usable_dates(inst, a, &templates, windows.get(ai).and_then(Option::as_ref), None);
        let cover = act.session_minutes.min(last);
        let slots: Vec<_> = templates
            .iter()
            .zip(usable)
            .filter(|(_, d)| !d.is_empty())
            .map(|(t, d)| (t.day.num_days_from_monday(), t.start, cover, d))
            .collect();
        if slots.is_empty() {
            continue; // no pattern at all: reported elsewhere
        }
        out.push(Forced { a, meetings: here, students: inst.activity_students(a), slots });
    }
    out
}

fn within(inst: &Instance, a: ActivityId, period: Option<Period>) -> bool {
    let Some(period) = period else { return true };
    let ranges = period.ranges(&inst.calendar);
    patterns::period_of(inst, a).ranges(&inst.calendar).iter().all(|r| ranges.iter().any(|big| big.covers(r)))
}

/// "2 room(s)" or "2 room(s) with more than 30 seats".
fn rooms_text(rooms: u32, below: u32) -> String {
    if below == 0 { format!("{rooms} room(s)") } else { format!("{rooms} room(s) with more than {below} seats") }
}

fn day_code(days_from_monday: u32) -> &'static str {
    u8::try_from(days_from_monday).ok().and_then(|d| Weekday::try_from(d).ok()).map_or("?", weekday_code)
}

fn points_text(points: &BTreeSet<Point>) -> String {
    points.iter().map(|(d, t)| format!("{} {t}", day_code(*d))).collect::<Vec<_>>().join(", ")
}

/// Counting check per site and weekly window: for every group of
/// activities that can only meet at a site (fixed site, or their half of
/// an alternation) in slots covering a few weekly time points, their
/// meetings against the rooms large enough × the dates those points
/// occur on. A sound relaxation of the room rows: a failure proves that
/// no timetable exists. One sentence per site, room size and window.
pub fn window_problems(inst: &Instance) -> Vec<String> {
    let windows = crate::timetable::formulation::corequisite_windows(inst);
    let mut out: Vec<String> = Vec::new();
    let mut seen: BTreeSet<(usize, u32, BTreeSet<ActivityId>)> = BTreeSet::new();
    for (si, site) in inst.sites.iter().enumerate() {
        let all = forced_at(inst, si, &windows);
        if all.is_empty() {
            continue;
        }
        let mut caps: Vec<u32> = site.rooms.iter().map(|r| inst.rooms[r.index()].capacity).collect();
        caps.sort_unstable();
        caps.dedup();
        for period in [Some(Period::Q1), Some(Period::Q2), None] {
            let acts: Vec<&Forced> = all.iter().filter(|f| within(inst, f.a, period)).collect();
            // Candidate windows: the start points of each activity's slots,
            // and of all of them together.
            let mut candidates: Vec<BTreeSet<Point>> =
                acts.iter().map(|f| f.slots.iter().map(|s| (s.0, s.1)).collect()).collect();
            candidates.push(acts.iter().flat_map(|f| f.slots.iter().map(|s| (s.0, s.1))).collect());
            candidates.sort();
            candidates.dedup();
            let mut below = 0;
            for &c in &caps {
                let rooms = site.rooms.iter().filter(|r| inst.rooms[r.index()].capacity >= c).count() as u32;
                for pts in &candidates {
                    let counted: Vec<&&Forced> = acts
                        .iter()
                        .filter(|f| f.students > below)
                        .filter(|f| f.slots.iter().all(|s| pts.iter().any(|&p| covers(s, p))))
                        .collect();
                    if counted.is_empty() {
                        continue;
                    }
                    let needed: u32 = counted.iter().map(|f| f.meetings).sum();
                    // Dates on which each point can host a counted meeting.
                    let mut dates = 0u32;
                    for &p in pts {
                        let d: BTreeSet<NaiveDate> = counted
                            .iter()
                            .flat_map(|f| f.slots.iter().filter(|s| covers(s, p)).flat_map(|s| s.3.iter().copied()))
                            .collect();
                        dates += d.len() as u32;
                    }
                    let available = rooms * dates;
                    if needed <= available {
                        continue;
                    }
                    let ids: BTreeSet<ActivityId> = counted.iter().map(|f| f.a).collect();
                    let alternating =
                        ids.iter().any(|a| matches!(inst.activities[a.index()].site, SiteRule::Alternate(..)));
                    if !seen.insert((si, c, ids.clone())) {
                        continue;
                    }
                    let used: BTreeSet<Point> =
                        counted.iter().flat_map(|f| f.slots.iter().map(|s| (s.0, s.1))).collect();
                    let names: Vec<&str> = ids.iter().map(|a| inst.activities[a.index()].id.as_str()).collect();
                    let seats = counted.iter().map(|f| f.students).max().unwrap_or(0);
                    out.push(format!(
                        "site {} has too few rooms: {needed} meetings of {} ({}{}) can only take place there, in the weekly slots {} (their time grids, teachers' availability and site rules leave no other), but its {} hold only {available} meetings in those slots ({dates} date-slots); to fix: add a room of at least {seats} seats at {}, or move {} of these meetings to another site or slot",
                        site.id,
                        names.join(", "),
                        period.as_ref().map_or("over the year".to_string(), Period::label),
                        if alternating { "; an alternating activity counts its half at this site" } else { "" },
                        points_text(&used),
                        rooms_text(rooms, below),
                        site.id,
                        needed - available,
                    ));
                }
                below = c;
            }
        }
    }
    out
}

/// Room overruns of one site and room size in a timetable.
#[derive(Debug, Clone, PartialEq)]
pub struct Overflow {
    /// Site.
    pub site: SiteId,
    /// The meetings concerned have more students than this (0: all).
    pub below: u32,
    /// Rooms large enough for them.
    pub rooms: u32,
    /// Dates with too many meetings at once, with the time and how many
    /// meetings ran beyond the rooms.
    pub dates: Vec<(NaiveDate, ClockTime, u32)>,
    /// Most meetings needing such a room at once.
    pub peak: u32,
    /// Activities with a meeting in an overrun.
    pub activities: BTreeSet<ActivityId>,
    /// Most students of those activities.
    pub students: u32,
}

impl Overflow {
    /// Meetings beyond the rooms, summed over the dates.
    pub fn excess(&self) -> u32 {
        self.dates.iter().map(|d| d.2).sum()
    }

    /// The overrun in a planner's words.
    pub fn sentence(&self, inst: &Instance) -> String {
        let site = &inst.sites[self.site.index()].id;
        let mut slots: BTreeMap<(u32, ClockTime), u32> = BTreeMap::new();
        for (d, t, _) in &self.dates {
            *slots.entry((d.weekday().num_days_from_monday(), *t)).or_default() += 1;
        }
        let slot_text: Vec<String> = slots.iter().map(|((wd, t), n)| format!("{} {t} ×{n}", day_code(*wd))).collect();
        let first = self.dates.first().map(|d| d.0.to_string()).unwrap_or_default();
        let last = self.dates.last().map(|d| d.0.to_string()).unwrap_or_default();
        let names: Vec<String> = self
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
            rooms_text(self.rooms, self.below),
            self.peak,
            self.dates.len(),
            slot_text.join(", "),
            self.excess(),
            names.join(", "),
            self.students,
            self.excess()
        )
    }
}

/// The room overruns of the timetable made of the `chosen` patterns, per
/// site and room size (the nested thresholds of the model's room rows),
/// most meetings too many first.
pub fn overflows(inst: &Instance, set: &PatternSet, chosen: &[usize]) -> Vec<Overflow> {
    let mut by_site: BTreeMap<(SiteId, NaiveDate), Vec<(ActivityId, Meeting)>> = BTreeMap::new();
    for &p in chosen {
        let pat = &set.patterns[p];
        for m in &pat.meetings {
            by_site.entry((m.site, m.date)).or_default().push((pat.activity, *m));
        }
    }
    let mut groups: BTreeMap<(SiteId, u32), Overflow> = BTreeMap::new();
    for ((site, date), ms) in by_site {
        let mut caps: Vec<u32> =
            inst.sites[site.index()].rooms.iter().map(|r| inst.rooms[r.index()].capacity).collect();
        caps.sort_unstable();
        caps.dedup();
        let starts: BTreeSet<ClockTime> = ms.iter().map(|(_, m)| m.start).collect();
        let mut below = 0;
        for &c in &caps {
            let rooms =
                inst.sites[site.index()].rooms.iter().filter(|r| inst.rooms[r.index()].capacity >= c).count() as u32;
            // The worst time point of the day for this room size.
            let mut worst: Option<(u32, ClockTime, Vec<ActivityId>)> = None;
            for &t in &starts {
                let at: Vec<ActivityId> = ms
                    .iter()
                    .filter(|(a, m)| m.start <= t && t < m.end && inst.activity_students(*a) > below)
                    .map(|(a, _)| *a)
                    .collect();
                let n = at.len() as u32;
                if n > rooms && worst.as_ref().is_none_or(|w| n > w.0) {
                    worst = Some((n, t, at));
                }
            }
            if let Some((n, t, at)) = worst {
                let g = groups.entry((site, c)).or_insert_with(|| Overflow {
                    site,
                    below,
                    rooms,
                    dates: Vec::new(),
                    peak: 0,
                    activities: BTreeSet::new(),
                    students: 0,
                });
                g.dates.push((date, t, n - rooms));
                g.peak = g.peak.max(n);
                for a in at {
                    g.students = g.students.max(inst.activity_students(a));
                    let _ = g.activities.insert(a);
                }
            }
            below = c;
        }
    }
    let mut out: Vec<Overflow> = groups.into_values().collect();
    out.sort_by(|a, b| b.excess().cmp(&a.excess()).then(a.site.cmp(&b.site)).then(a.below.cmp(&b.below)));
    out
}
