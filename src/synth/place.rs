//! The witness: while the faculty is generated, every activity is put on
//! one regular meeting pattern, of the kind the solver itself considers
//! (one slot template, weekly or every second week, consecutive usable
//! dates, the site rule's sequence of sites), without any conflict, and
//! each of its meetings gets a room.
//!
//! The placement is greedy, programme by programme, hardest activities
//! first; among the conflict-free patterns it takes the cheapest by the
//! solver's soft costs (Saturdays, late meetings, a cohort's extra site in
//! a week, the busiest week's hours, students' enrolment overlaps). It is
//! stricter than the rules in two ways that keep it simple: a cohort and a
//! teacher are at one site per day (so no travel is ever needed), and a
//! pattern is refused when it would put two activities of one enrolment at
//! once while a pattern without that exists.
//!
//! Rooms are never what blocks an activity: a site gets a new room when no
//! room it has is free for all of a pattern's meetings there. So the rooms
//! are scaled with the load by construction.
//!
//! When an activity has no conflict-free pattern, the instance is changed
//! so that it has one, and the change is counted ([`Adjustments`]): its
//! teachers are replaced by a new one, then its frequency is relaxed, then
//! its hours are reduced, and as a last resort it is dropped.

use super::Adjustments;
use super::names::SURNAMES;
use super::spec::*;
use crate::calendar;
use crate::model::time::{DateRange, monday_of};
use crate::model::{AcademicYear, ActivityId, CohortId, Frequency, Period, SiteId, TeacherId};
use chrono::{Datelike, NaiveDate, Weekday};

/// Seat counts of the rooms a site is given.
const ROOM_SIZES: [u32; 9] = [20, 25, 30, 40, 50, 60, 80, 100, 120];
/// Meetings ending after this are late (the configs' `late_after`).
const LATE_AFTER: u32 = 20 * 60 + 30;
const NO_SITE: u16 = u16::MAX;

/// One meeting of the witness.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Placed {
    pub act: ActivityId,
    pub date: NaiveDate,
    pub start: u32,
    pub end: u32,
    pub site: SiteId,
    /// Index into the site's rooms.
    pub room: usize,
}

/// A person's (or a room's) busy quarter-hours and site, day by day.
#[derive(Debug, Clone)]
struct Busy {
    bits: Vec<u128>,
    site: Vec<u16>,
}

impl Busy {
    fn new(days: usize) -> Self {
        Busy { bits: vec![0; days], site: vec![NO_SITE; days] }
    }

    /// Free during `mask` on `day`, and not at another site that day.
    fn free(&self, day: usize, mask: u128, site: SiteId) -> bool {
        self.bits[day] & mask == 0 && (self.site[day] == NO_SITE || self.site[day] == site.0 as u16)
    }

    fn take(&mut self, day: usize, mask: u128, site: SiteId) {
        self.bits[day] |= mask;
        self.site[day] = site.0 as u16;
    }
}

/// The quarter-hours `start..end` (minutes) as bits.
fn mask(start: u32, end: u32) -> u128 {
    let (a, b) = (start / 15, end.div_ceil(15));
    ((1u128 << (b - a)) - 1) << a
}

/// A candidate pattern: a template's start, its dates, the site of each.
#[derive(Debug, Clone)]
struct Cand {
    start: u32,
    dates: Vec<NaiveDate>,
    sites: Vec<SiteId>,
}

/// A room while placing.
#[derive(Debug)]
struct Room {
    seats: u32,
    busy: Vec<u128>,
}

struct Placer<'y> {
    year: &'y AcademicYear,
    origin: NaiveDate,
    days: usize,
    cohorts: Vec<Busy>,
    teachers: Vec<Busy>,
    /// Per enrolment profile (a set of activities some students take
    /// together): busy bits, and its students.
    profiles: Vec<Vec<u128>>,
    profile_students: Vec<u32>,
    act_profiles: Vec<Vec<usize>>,
    /// Per cohort: itself, its ancestors and descendants.
    related: Vec<Vec<CohortId>>,
    /// Per cohort: itself and its ancestors.
    chain: Vec<Vec<CohortId>>,
    /// Per cohort: the leaf cohorts at or below it.
    leaves: Vec<Vec<CohortId>>,
    week_minutes: Vec<Vec<u32>>,
    week_sites: Vec<Vec<u8>>,
    peak: Vec<u32>,
    rooms: Vec<Vec<Room>>,
    spans: Vec<Option<(NaiveDate, NaiveDate)>>,
    open: Vec<(Period, Vec<NaiveDate>)>,
    placed: Vec<Placed>,
}

/// Places every activity of `spec` (changing the instance where an
/// activity has no conflict-free pattern), then gives each site its rooms.
pub(super) fn place(spec: &mut Spec, year: &AcademicYear) -> (Vec<Placed>, Adjustments) {
    let mut pl = Placer::new(spec, year);
    let mut adj = Adjustments::default();
    for p in 0..spec.programmes.len() {
        let mut order: Vec<ActivityId> =
            (0..spec.acts.len()).map(ActivityId::from_index).filter(|&a| spec.programme_of(a).index() == p).collect();
        order.sort_by_key(|&a| {
            let act = &spec.acts[a.index()];
            let constrained = matches!(spec.ues[act.ue.index()].period, Period::Dates(_)) || window(spec, a).is_some();
            let depth = act.cohorts.iter().map(|c| pl.chain[c.index()].len()).min().unwrap_or(0);
            (!constrained, depth, std::cmp::Reverse(act.meetings()), a.index())
        });
        for a in order {
            pl.place_one(spec, a, &mut adj);
        }
    }
    for (s, rooms) in pl.rooms.iter().enumerate() {
        spec.sites[s].rooms = rooms.iter().map(|r| r.seats).collect();
    }
    (pl.placed, adj)
}

/// The placement windows an activity must meet in: those of a
/// co-requisite placement UE without sessions.
fn window(spec: &Spec, a: ActivityId) -> Option<Vec<DateRange>> {
    let u = spec.acts[a.index()].ue;
    let partners = spec
        .ues
        .iter()
        .enumerate()
        .filter(|(_, o)| o.corequisite == Some(u))
        .map(|(i, _)| crate::model::UeId::from_index(i))
        .chain(spec.ues[u.index()].corequisite);
    let mut out = Vec::new();
    for v in partners {
        if spec.ues[v.index()].acts.is_empty() {
            out.extend(spec.requirements.iter().filter(|q| q.ue == v).map(|q| q.window));
        }
    }
    (!out.is_empty()).then_some(out)
}

impl<'y> Placer<'y> {
    fn new(spec: &Spec, year: &'y AcademicYear) -> Self {
        let origin = monday_of(year.year.from);
        let days = (year.year.to - origin).num_days() as usize + 1;
        let weeks = days.div_ceil(7);
        let nc = spec.cohorts.len();
        let ids = || (0..nc).map(CohortId::from_index);
        let chain: Vec<Vec<CohortId>> =
            ids().map(|c| std::iter::once(c).chain(ids().filter(|&o| spec.is_ancestor(o, c))).collect()).collect();
        let related = ids()
            .map(|c| ids().filter(|&o| o == c || spec.is_ancestor(o, c) || spec.is_ancestor(c, o)).collect())
            .collect();
        let is_leaf = |c: CohortId| !spec.cohorts.iter().any(|o| o.parent == Some(c));
        let leaves =
            ids().map(|c| ids().filter(|&l| is_leaf(l) && (l == c || spec.is_ancestor(c, l))).collect()).collect();
        // Enrolment profiles: each distinct set of activities.
        let mut sets: Vec<(Vec<ActivityId>, u32)> = Vec::new();
        for e in &spec.enrolments {
            let mut acts = e.acts.clone();
            acts.sort();
            match sets.iter_mut().find(|(s, _)| *s == acts) {
                Some(x) => x.1 += 1,
                None => sets.push((acts, 1)),
            }
        }
        let mut act_profiles = vec![Vec::new(); spec.acts.len()];
        for (k, (acts, _)) in sets.iter().enumerate() {
            for a in acts {
                act_profiles[a.index()].push(k);
            }
        }
        Placer {
            year,
            origin,
            days,
            cohorts: vec![Busy::new(days); nc],
            teachers: vec![Busy::new(days); spec.teachers.len()],
            profiles: vec![vec![0; days]; sets.len()],
            profile_students: sets.iter().map(|s| s.1).collect(),
            act_profiles,
            related,
            chain,
            leaves,
            week_minutes: vec![vec![0; weeks]; nc],
            week_sites: vec![vec![0; weeks]; nc],
            peak: vec![0; nc],
            rooms: spec.sites.iter().map(|_| Vec::new()).collect(),
            spans: vec![None; spec.acts.len()],
            open: Vec::new(),
            placed: Vec::new(),
        }
    }

    fn day(&self, d: NaiveDate) -> usize {
        (d - self.origin).num_days() as usize
    }

    fn open_dates(&mut self, period: Period) -> Vec<NaiveDate> {
        if let Some((_, v)) = self.open.iter().find(|(p, _)| *p == period) {
            return v.clone();
        }
        let v = calendar::open_dates(self.year, &period);
        self.open.push((period, v.clone()));
        v
    }

    fn place_one(&mut self, spec: &mut Spec, a: ActivityId, adj: &mut Adjustments) {
        if let Some(c) = self.best(spec, a, true) {
            return self.commit(spec, a, c);
        }
        if let Some(c) = self.best(spec, a, false) {
            adj.enrolment_overlaps += 1;
            return self.commit(spec, a, c);
        }
        self.replace_teachers(spec, a);
        adj.teachers_replaced += 1;
        if let Some(c) = self.best(spec, a, false) {
            return self.commit(spec, a, c);
        }
        if spec.acts[a.index()].frequency != Frequency::Any {
            spec.acts[a.index()].frequency = Frequency::Any;
            adj.frequencies_relaxed += 1;
            if let Some(c) = self.best(spec, a, false) {
                return self.commit(spec, a, c);
            }
        }
        let session = spec.acts[a.index()].session;
        let mut counted = false;
        while spec.acts[a.index()].minutes > session {
            let m = spec.acts[a.index()].minutes;
            spec.acts[a.index()].minutes = (m * 2 / 3 / 15 * 15).max(session);
            if !counted {
                adj.hours_reduced += 1;
                counted = true;
            }
            if let Some(c) = self.best(spec, a, false) {
                return self.commit(spec, a, c);
            }
        }
        spec.acts[a.index()].dropped = true;
        adj.dropped += 1;
    }

    /// Gives activity `a` a new teacher of its programme, free at all times.
    fn replace_teachers(&mut self, spec: &mut Spec, a: ActivityId) {
        let prefix = spec.programmes[spec.programme_of(a).index()].prefix.clone();
        let stem = format!("t-{prefix}-r");
        let k = spec.teachers.iter().filter(|t| t.id.starts_with(&stem)).count() + 1;
        let t = TeacherId::from_index(spec.teachers.len());
        spec.teachers.push(TeacherSpec {
            id: format!("{stem}{k:02}"),
            name: format!(
                "{}. {} (fictif)",
                (b'A' + (k % 26) as u8) as char,
                SURNAMES[(a.index() * 7 + k) % SURNAMES.len()]
            ),
            unavailable: Vec::new(),
            max_days_per_week: None,
        });
        self.teachers.push(Busy::new(self.days));
        spec.acts[a.index()].teachers = vec![t];
    }

    /// The cheapest conflict-free pattern of `a`; `strict` refuses
    /// enrolment overlaps.
    fn best(&mut self, spec: &Spec, a: ActivityId, strict: bool) -> Option<Cand> {
        let act = &spec.acts[a.index()];
        let ue = &spec.ues[act.ue.index()];
        let grid = &spec.grids[spec.programmes[ue.programme.index()].grid];
        let n = act.meetings() as usize;
        let period_start = ue.period.span(self.year).from;
        let open = self.open_dates(ue.period);
        let win = window(spec, a);
        let weekly = act.frequency != Frequency::Fortnightly;
        let fortnightly = act.frequency != Frequency::Weekly;
        let variants: Vec<Vec<SiteId>> = match &act.site {
            Where::Fixed(s) => vec![vec![*s; n]],
            Where::Alternate(x, y) => {
                let seq = |f: SiteId, g: SiteId| (0..n).map(|i| if i % 2 == 0 { f } else { g }).collect();
                vec![seq(*x, *y), seq(*y, *x)]
            }
            Where::AnyOf(v) => v.iter().map(|s| vec![*s; n]).collect(),
        };
        let mut best: Option<(f64, Cand)> = None;
        for (day, start, end) in grid.templates() {
            if end - start < act.session {
                continue;
            }
            let usable: Vec<NaiveDate> = open
                .iter()
                .copied()
                .filter(|d| d.weekday() == day)
                .filter(|d| win.as_ref().is_none_or(|w| w.iter().any(|r| r.contains(*d))))
                .filter(|d| {
                    act.teachers.iter().all(|t| {
                        !spec.teachers[t.index()].unavailable.iter().any(|u| u.meets(*d, start, start + act.session))
                    })
                })
                .collect();
            let mut runs: Vec<&[NaiveDate]> = Vec::new();
            if weekly {
                runs.extend(usable.windows(n));
            }
            let subs: Vec<Vec<NaiveDate>> = (0..2)
                .map(|parity| {
                    usable
                        .iter()
                        .copied()
                        .filter(|d| calendar::week_index(period_start, *d).rem_euclid(2) == parity)
                        .collect()
                })
                .collect();
            if fortnightly {
                for sub in &subs {
                    runs.extend(sub.windows(n));
                }
            }
            for (k, run) in runs.into_iter().enumerate() {
                for sites in &variants {
                    let Some(cost) = self.cost(spec, a, start, run, sites, strict) else { continue };
                    let cost = cost + 1e-4 * k as f64;
                    if best.as_ref().is_none_or(|(c, _)| cost < *c) {
                        best = Some((cost, Cand { start, dates: run.to_vec(), sites: sites.clone() }));
                    }
                }
            }
        }
        best.map(|(_, c)| c)
    }

    /// The length of meeting `i` of `n` of activity `act`.
    fn length(act: &ActSpec, i: usize, n: usize) -> u32 {
        if i + 1 == n { act.minutes - (n as u32 - 1) * act.session } else { act.session }
    }

    /// Whether a leaf cohort has a class on `day`.
    fn has_class(&self, leaf: CohortId, day: usize) -> bool {
        self.chain[leaf.index()].iter().any(|c| self.cohorts[c.index()].bits[day] != 0)
    }

    /// The days of the week of `day` on which `busy_on` holds.
    fn week_days(&self, day: usize, busy_on: impl Fn(usize) -> bool) -> u32 {
        let first = day / 7 * 7;
        (first..(first + 7).min(self.days)).filter(|&d| busy_on(d)).count() as u32
    }

    /// The soft cost of a pattern, or `None` when it breaks a rule.
    fn cost(
        &self,
        spec: &Spec,
        a: ActivityId,
        start: u32,
        dates: &[NaiveDate],
        sites: &[SiteId],
        strict: bool,
    ) -> Option<f64> {
        let act = &spec.acts[a.index()];
        let prog = &spec.programmes[spec.programme_of(a).index()];
        let n = dates.len();
        let mut leaves: Vec<CohortId> =
            act.cohorts.iter().flat_map(|c| self.leaves[c.index()].iter().copied()).collect();
        leaves.sort();
        leaves.dedup();
        let mut cost = 0.0;
        let mut top = vec![0u32; leaves.len()];
        for (i, (&d, &site)) in dates.iter().zip(sites).enumerate() {
            let day = self.day(d);
            let end = start + Self::length(act, i, n);
            let m = mask(start, end);
            for c in &act.cohorts {
                if !self.related[c.index()].iter().all(|r| self.cohorts[r.index()].free(day, m, site)) {
                    return None;
                }
            }
            for t in &act.teachers {
                let busy = &self.teachers[t.index()];
                if !busy.free(day, m, site) {
                    return None;
                }
                if let Some(limit) = spec.teachers[t.index()].max_days_per_week {
                    if busy.bits[day] == 0 && self.week_days(day, |x| busy.bits[x] != 0) + 1 > limit {
                        return None;
                    }
                }
            }
            for &p in &self.act_profiles[a.index()] {
                if self.profiles[p][day] & m != 0 {
                    if strict {
                        return None;
                    }
                    cost += f64::from(self.profile_students[p]);
                }
            }
            let week = day / 7;
            let bit = 1u8 << prog.sites.iter().position(|&s| s == site).unwrap_or(0).min(7);
            for (j, &leaf) in leaves.iter().enumerate() {
                if let Some(limit) = prog.max_evenings_per_week {
                    if !self.has_class(leaf, day) && self.week_days(day, |x| self.has_class(leaf, x)) + 1 > limit {
                        return None;
                    }
                }
                let seen = self.week_sites[leaf.index()][week];
                if seen != 0 && seen & bit == 0 {
                    cost += 3.0;
                }
                top[j] = top[j].max(self.week_minutes[leaf.index()][week] + end - start);
            }
            if d.weekday() == Weekday::Sat {
                cost += 2.0;
            }
            if end > LATE_AFTER {
                cost += 1.0;
            }
        }
        for (j, &leaf) in leaves.iter().enumerate() {
            cost += f64::from(top[j].saturating_sub(self.peak[leaf.index()])) / 60.0;
        }
        // A co-requisite UE with sessions must run at the same time of year.
        let ue = &spec.ues[act.ue.index()];
        if let Some(v) = ue.corequisite {
            let spans: Vec<(NaiveDate, NaiveDate)> =
                spec.ues[v.index()].acts.iter().filter_map(|b| self.spans[b.index()]).collect();
            let (f, l) = (dates[0], dates[n - 1]);
            if !spans.is_empty() && !spans.iter().any(|&(x, y)| x <= l && f <= y) {
                return None;
            }
        }
        Some(cost)
    }

    fn commit(&mut self, spec: &Spec, a: ActivityId, c: Cand) {
        let act = &spec.acts[a.index()];
        let prog = &spec.programmes[spec.programme_of(a).index()];
        let n = c.dates.len();
        let mut leaves: Vec<CohortId> =
            act.cohorts.iter().flat_map(|x| self.leaves[x.index()].iter().copied()).collect();
        leaves.sort();
        leaves.dedup();
        let mut by_site: Vec<(SiteId, Vec<(usize, u128)>)> = Vec::new();
        for (i, (&d, &site)) in c.dates.iter().zip(&c.sites).enumerate() {
            let day = self.day(d);
            let end = c.start + Self::length(act, i, n);
            let m = mask(c.start, end);
            for x in &act.cohorts {
                self.cohorts[x.index()].take(day, m, site);
            }
            for t in &act.teachers {
                self.teachers[t.index()].take(day, m, site);
            }
            for &p in &self.act_profiles[a.index()] {
                self.profiles[p][day] |= m;
            }
            let week = day / 7;
            let bit = 1u8 << prog.sites.iter().position(|&s| s == site).unwrap_or(0).min(7);
            for &leaf in &leaves {
                let l = leaf.index();
                self.week_sites[l][week] |= bit;
                self.week_minutes[l][week] += end - c.start;
                self.peak[l] = self.peak[l].max(self.week_minutes[l][week]);
            }
            match by_site.iter_mut().find(|(s, _)| *s == site) {
                Some((_, v)) => v.push((day, m)),
                None => by_site.push((site, vec![(day, m)])),
            }
            self.placed.push(Placed { act: a, date: d, start: c.start, end, site, room: 0 });
        }
        self.spans[a.index()] = Some((c.dates[0], c.dates[n - 1]));
        let students = spec.students(a);
        let first = self.placed.len() - n;
        for (site, meetings) in by_site {
            let room = self.room(site, students, &meetings);
            for p in &mut self.placed[first..] {
                if p.site == site {
                    p.room = room;
                }
            }
        }
    }

    /// The smallest room of `site` with enough seats that is free for all
    /// `meetings` (day, quarter-hours), or a new one; booked for them.
    fn room(&mut self, site: SiteId, students: u32, meetings: &[(usize, u128)]) -> usize {
        let rooms = &mut self.rooms[site.index()];
        let found = rooms
            .iter()
            .enumerate()
            .filter(|(_, r)| r.seats >= students && meetings.iter().all(|&(d, m)| r.busy[d] & m == 0))
            .min_by_key(|(i, r)| (r.seats, *i))
            .map(|(i, _)| i);
        let i = found.unwrap_or_else(|| {
            let seats = ROOM_SIZES.iter().copied().find(|&s| s >= students).unwrap_or(students.div_ceil(10) * 10);
            rooms.push(Room { seats, busy: vec![0; self.days] });
            rooms.len() - 1
        });
        for &(d, m) in meetings {
            rooms[i].busy[d] |= m;
        }
        i
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mask_covers_the_quarter_hours_a_meeting_touches() {
        // 17:15-20:15 and 18:00-21:15 share 18:00-20:15.
        assert_ne!(mask(17 * 60 + 15, 20 * 60 + 15) & mask(18 * 60, 21 * 60 + 15), 0);
        // Touching ends do not overlap.
        assert_eq!(mask(9 * 60, 12 * 60 + 30) & mask(12 * 60 + 30, 13 * 60), 0);
        // A shorter last meeting ending off the quarter still takes its quarter.
        assert_eq!(mask(18 * 60, 18 * 60 + 20).count_ones(), 2);
        assert_eq!(mask(0, 24 * 60).count_ones(), 96);
    }

    #[test]
    fn a_person_is_at_one_site_a_day() {
        let mut b = Busy::new(3);
        let (mons, charleroi) = (SiteId(0), SiteId(1));
        b.take(1, mask(9 * 60, 12 * 60), mons);
        assert!(b.free(1, mask(13 * 60, 16 * 60), mons));
        assert!(!b.free(1, mask(13 * 60, 16 * 60), charleroi));
        assert!(!b.free(1, mask(11 * 60, 13 * 60), mons));
        assert!(b.free(2, mask(9 * 60, 12 * 60), charleroi));
    }
}
