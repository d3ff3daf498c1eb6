//! The pieces every programme shape is built from: cohorts, UEs and
//! activities with their ids, teachers (new, reused in the programme, or
//! shared with an earlier programme of the same group), placement
//! requirements with hosts and students, individual enrolments.

use super::campus::CITIES;
use super::names::{HOST_KINDS, INITIALS, SURNAMES};
use super::spec::*;
use crate::model::time::DateRange;
use crate::model::{ActivityId, CohortId, Frequency, Period, ProgrammeId, TeacherId, UeId};
use crate::placement::synth::Rng;
use chrono::{NaiveDate, Weekday};

/// The chance that a UE of a programme is given to a teacher of an
/// earlier programme of its group.
const SHARE: f64 = 0.3;
/// The chance that a UE goes to a teacher the programme already has.
const REUSE: f64 = 0.4;
/// At most this many programmes per teacher.
pub(super) const MAX_PROGRAMMES_PER_TEACHER: usize = 3;

pub(super) const MON_FRI: [Weekday; 5] = [Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Thu, Weekday::Fri];

/// A date of the 2025-2026 calendar the generator is written for.
pub(super) fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
}

/// Minutes after midnight.
pub(super) const fn hm(h: u32, m: u32) -> u32 {
    h * 60 + m
}

/// One element of `items` (not empty).
pub(super) fn pick<T: Clone>(rng: &mut Rng, items: &[T]) -> T {
    items[rng.below(items.len())].clone()
}

/// A number in `lo..=hi`.
pub(super) fn between(rng: &mut Rng, lo: u32, hi: u32) -> u32 {
    lo + rng.below((hi - lo + 1) as usize) as u32
}

/// Who teaches in a programme: its own teachers so far, and those of the
/// earlier programmes of its group it may share.
#[derive(Debug, Default)]
pub(super) struct Staff {
    /// Per teacher: the programmes it teaches in and its activities.
    pub load: Vec<(Vec<ProgrammeId>, u32)>,
}

/// Builds one programme.
pub(super) struct Prog<'a> {
    pub spec: &'a mut Spec,
    pub rng: &'a mut Rng,
    pub staff: &'a mut Staff,
    pub p: ProgrammeId,
    /// Lower-case id prefix, e.g. `f03`.
    pub prefix: String,
    /// Teachers of the group's earlier programmes.
    pub shared: Vec<TeacherId>,
    /// The weekdays the programme's grid uses (for unavailabilities).
    pub days: Vec<Weekday>,
    /// The weekday hours of the grid (for part-day unavailabilities).
    pub day_span: (u32, u32),
    own: Vec<TeacherId>,
    students: u32,
    requirements: usize,
    hosts: usize,
}

impl<'a> Prog<'a> {
    pub fn new(
        spec: &'a mut Spec,
        rng: &'a mut Rng,
        staff: &'a mut Staff,
        prefix: String,
        shared: Vec<TeacherId>,
    ) -> Self {
        let p = ProgrammeId::from_index(spec.programmes.len());
        Prog {
            spec,
            rng,
            staff,
            p,
            prefix,
            shared,
            days: Vec::new(),
            day_span: (0, 0),
            own: Vec::new(),
            students: 0,
            requirements: 0,
            hosts: 0,
        }
    }

    /// Registers the programme with its grid; cohorts are added with
    /// [`Prog::cohort`].
    pub fn programme(
        &mut self,
        shape: &str,
        name: String,
        slots: Vec<(Vec<Weekday>, u32, u32)>,
        max_evenings: Option<u32>,
    ) {
        let grid = self.spec.grids.len();
        let mut days: Vec<Weekday> = slots.iter().flat_map(|(d, _, _)| d.iter().copied()).collect();
        days.sort_by_key(|d| d.num_days_from_monday());
        days.dedup();
        self.days = days;
        let weekday: Vec<&(Vec<Weekday>, u32, u32)> =
            slots.iter().filter(|(d, _, _)| d.contains(&Weekday::Tue) || d.contains(&Weekday::Mon)).collect();
        self.day_span = (
            weekday.iter().map(|s| s.1).min().unwrap_or(hm(17, 0)),
            weekday.iter().map(|s| s.2).max().unwrap_or(hm(21, 0)),
        );
        self.spec.grids.push(GridSpec { id: format!("{}-{shape}-grille", self.prefix), slots });
        self.spec.programmes.push(ProgSpec {
            id: format!("{}-{shape}", self.prefix),
            prefix: self.prefix.clone(),
            name,
            grid,
            cohorts: Vec::new(),
            max_evenings_per_week: max_evenings,
            sites: Vec::new(),
        });
    }

    pub fn cohort(&mut self, suffix: &str, name: String, students: u32, parent: Option<CohortId>) -> CohortId {
        let c = CohortId::from_index(self.spec.cohorts.len());
        self.spec.cohorts.push(CohortSpec { id: format!("{}-{suffix}", self.prefix), name, parent, students });
        if parent.is_none() {
            self.spec.programmes[self.p.index()].cohorts.push(c);
        }
        c
    }

    pub fn ue(
        &mut self,
        code: &str,
        title: &str,
        block: Option<u32>,
        credits: f64,
        period: Period,
        note: &str,
    ) -> UeId {
        let u = UeId::from_index(self.spec.ues.len());
        self.spec.ues.push(UeSpec {
            code: format!("{} {code}", self.prefix.to_uppercase()),
            title: title.to_string(),
            programme: self.p,
            block,
            credits,
            period,
            corequisite: None,
            note: (!note.is_empty()).then(|| note.to_string()),
            acts: Vec::new(),
        });
        u
    }

    /// Makes two UEs co-requisites of each other.
    pub fn corequisites(&mut self, a: UeId, b: UeId) {
        self.spec.ues[a.index()].corequisite = Some(b);
        self.spec.ues[b.index()].corequisite = Some(a);
    }

    /// Adds an activity to `ue`: `hours` and `session` in hours (quarters).
    #[allow(clippy::too_many_arguments)]
    pub fn act(
        &mut self,
        ue: UeId,
        suffix: &str,
        kind: &'static str,
        hours: f64,
        session: f64,
        teachers: Vec<TeacherId>,
        cohorts: Vec<CohortId>,
        site: Where,
        frequency: Frequency,
    ) -> ActivityId {
        let a = ActivityId::from_index(self.spec.acts.len());
        for &t in &teachers {
            let (progs, n) = &mut self.staff.load[t.index()];
            if !progs.contains(&self.p) {
                progs.push(self.p);
            }
            *n += 1;
        }
        let sites = &mut self.spec.programmes[self.p.index()].sites;
        for s in match &site {
            Where::Fixed(s) => vec![*s],
            Where::Alternate(x, y) => vec![*x, *y],
            Where::AnyOf(v) => v.clone(),
        } {
            if !sites.contains(&s) {
                sites.push(s);
            }
        }
        self.spec.acts.push(ActSpec {
            id: format!("{}-{suffix}", self.prefix),
            ue,
            kind,
            minutes: (hours * 60.0).round() as u32,
            session: (session * 60.0).round() as u32,
            teachers,
            cohorts,
            site,
            frequency,
            dropped: false,
        });
        self.spec.ues[ue.index()].acts.push(a);
        a
    }

    /// `h` hours varied by up to a fifth either way, in quarters of an hour.
    pub fn vary(&mut self, h: f64) -> f64 {
        let f = pick(self.rng, &[0.8, 1.0, 1.0, 1.2]);
        ((h * f * 4.0).round() / 4.0).max(0.25)
    }

    /// A teacher for a new UE: one of the group's earlier programmes (who
    /// then teaches in at most three), one the programme already has, or a
    /// new one.
    pub fn teacher(&mut self) -> TeacherId {
        if !self.shared.is_empty() && self.rng.chance(SHARE) {
            let p = self.p;
            let open: Vec<TeacherId> = self
                .shared
                .iter()
                .copied()
                .filter(|t| {
                    let (progs, n) = &self.staff.load[t.index()];
                    *n < 4 && (progs.contains(&p) || progs.len() < MAX_PROGRAMMES_PER_TEACHER)
                })
                .collect();
            if !open.is_empty() {
                return pick(self.rng, &open);
            }
        }
        if !self.own.is_empty() && self.rng.chance(REUSE) {
            let open: Vec<TeacherId> = self.own.iter().copied().filter(|t| self.staff.load[t.index()].1 < 3).collect();
            if !open.is_empty() {
                return pick(self.rng, &open);
            }
        }
        self.new_teacher(true)
    }

    /// A teacher of this programme; with `constraints`, perhaps with a
    /// weekday off, an absence, a part-day unavailability or a cap on
    /// teaching days.
    pub fn new_teacher(&mut self, constraints: bool) -> TeacherId {
        let t = TeacherId::from_index(self.spec.teachers.len());
        let n = self.own.len() + 1;
        let initial = INITIALS.as_bytes()[self.rng.below(INITIALS.len())] as char;
        let surname = pick(self.rng, &SURNAMES);
        let mut unavailable = Vec::new();
        let mut max_days = None;
        if constraints {
            let weekdays: Vec<Weekday> = self.days.iter().copied().filter(|d| *d != Weekday::Sat).collect();
            if self.rng.chance(0.12) && weekdays.len() > 2 {
                unavailable.push(Unavailable { days: vec![pick(self.rng, &weekdays)], dates: None, times: None });
            }
            if self.rng.chance(0.08) {
                // Two weeks away, from a Monday of Q1 or Q2 teaching.
                let start = if self.rng.chance(0.5) { date(2025, 9, 22) } else { date(2026, 2, 9) };
                let from = start + chrono::Duration::weeks(self.rng.below(8) as i64);
                unavailable.push(Unavailable {
                    days: Vec::new(),
                    dates: Some(DateRange { from, to: from + chrono::Duration::days(13) }),
                    times: None,
                });
            }
            if self.rng.chance(0.06) && !weekdays.is_empty() {
                let (s, e) = self.day_span;
                let mid = (s + e) / 2 / 15 * 15;
                let times = if self.rng.chance(0.5) { (s, mid) } else { (mid, e) };
                unavailable.push(Unavailable {
                    days: vec![pick(self.rng, &weekdays)],
                    dates: None,
                    times: Some(times),
                });
            }
            if self.days.contains(&Weekday::Sat) && self.rng.chance(0.08) {
                unavailable.push(Unavailable { days: vec![Weekday::Sat], dates: None, times: None });
            }
            if self.rng.chance(0.06) {
                max_days = Some(between(self.rng, 2, 3));
            }
        }
        self.spec.teachers.push(TeacherSpec {
            id: format!("t-{}-{n:02}", self.prefix),
            name: format!("{initial}. {surname} (fictif)"),
            unavailable,
            max_days_per_week: max_days,
        });
        self.staff.load.push((vec![], 0));
        self.own.push(t);
        t
    }

    /// A placement requirement of `hours` for `cohort`, with one student
    /// per seat of each listed cohort (the cohort or its option groups),
    /// and hosts in `cities` to take them.
    #[allow(clippy::too_many_arguments)]
    pub fn placement(
        &mut self,
        ue: UeId,
        cohort: CohortId,
        hours: u32,
        window: (NaiveDate, NaiveDate),
        per_week: u32,
        groups: &[CohortId],
        cities: &[usize],
    ) -> usize {
        let q = self.spec.requirements.len();
        self.requirements += 1;
        self.spec.requirements.push(ReqSpec {
            id: format!("{}-stage-{}", self.prefix, self.requirements),
            ue,
            cohort,
            hours,
            window: DateRange { from: window.0, to: window.1 },
            max_hours_per_day: 8,
            max_hours_per_week: per_week,
        });
        let total: u32 = groups.iter().map(|c| self.spec.cohorts[c.index()].students).sum();
        let first_host = self.spec.hosts.len();
        let hosts = total.div_ceil(3) as usize + 1;
        for h in 0..hosts {
            let city = cities[h % cities.len()];
            let kind = HOST_KINDS[(h + q) % HOST_KINDS.len()];
            let saturday = self.rng.chance(0.2);
            let mut open = vec![(MON_FRI.to_vec(), hm(8, 30), hm(16, 30))];
            if saturday {
                open.push((vec![Weekday::Sat], hm(9, 0), hm(13, 0)));
            }
            self.hosts += 1;
            self.spec.hosts.push(HostSpec {
                id: format!("{}-h{:02}", self.prefix, self.hosts),
                name: format!("{kind} — {} (fictif)", CITIES[city].city),
                city,
                capacity: between(self.rng, 3, 5),
                open,
            });
        }
        let host_range: Vec<usize> = (first_host..self.spec.hosts.len()).collect();
        let mut taken = vec![0u32; self.spec.hosts.len()];
        let availability: [Option<&[Weekday]>; 5] = [
            None,
            Some(&[Weekday::Mon, Weekday::Wed, Weekday::Fri]),
            Some(&[Weekday::Tue, Weekday::Thu]),
            Some(&MON_FRI),
            Some(&[Weekday::Wed, Weekday::Thu, Weekday::Fri]),
        ];
        for &c in groups {
            for _ in 0..self.spec.cohorts[c.index()].students {
                self.students += 1;
                let k = if self.rng.chance(0.5) { 3 } else { 2 };
                let mut prefs: Vec<usize> = Vec::new();
                while prefs.len() < k.min(host_range.len()) {
                    let h = pick(self.rng, &host_range);
                    if !prefs.contains(&h) {
                        prefs.push(h);
                    }
                }
                let host = (self.students % 3 == 0 && taken[prefs[0]] < self.spec.hosts[prefs[0]].capacity)
                    .then_some(prefs[0]);
                if let Some(h) = host {
                    taken[h] += 1;
                }
                let available = pick(self.rng, &availability).map(<[Weekday]>::to_vec);
                self.spec.students.push(StudentSpec {
                    id: format!("{}-s{:03}", self.prefix, self.students),
                    cohort: c,
                    requirement: q,
                    host,
                    preferences: prefs,
                    available,
                });
            }
        }
        q
    }

    /// The placement students of requirement `q` in cohort `c`.
    pub fn students_of(&self, q: usize, c: CohortId) -> Vec<String> {
        self.spec.students.iter().filter(|s| s.requirement == q && s.cohort == c).map(|s| s.id.clone()).collect()
    }

    pub fn enrol(&mut self, student: String, acts: Vec<ActivityId>) {
        self.spec.enrolments.push(EnrolSpec { student, acts });
    }
}
