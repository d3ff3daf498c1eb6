//! The soft costs: what the objective counts, one function per
//! [`CostKind`], each weighted as the config says and scoped as a
//! decomposition's part asks (see [`CostScope`]).

use super::CostScope;
use super::rows::{Builder, Occ, Person, cliques_of};
use crate::model::{ActivityId, CohortId, Instance, SiteId};
use crate::timetable::config::{LastSlot, LastYear, SolverConfig, WeightsFile};
use crate::timetable::patterns::PatternSet;
use chrono::{Datelike, NaiveDate};
use good_lp::{Expression, Variable, variable};
use std::collections::{BTreeMap, BTreeSet};

/// A kind of soft cost, as reported in `report.costs`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum CostKind {
    /// Meetings on a Saturday.
    Saturday,
    /// Meetings ending after `late_after`.
    Late,
    /// Overlapping meetings of two activities some students take together.
    EnrolmentOverlaps,
    /// Extra sites a leaf cohort visits in one week.
    SiteChanges,
    /// The hours of each leaf cohort's busiest week.
    WeeklyPeak,
    /// Activities that do not keep last year's weekday, start and site
    /// (only with a [`crate::timetable::config::LastYear`] to keep).
    LastYearSlots,
}

impl CostKind {
    /// Every kind, in the order of the objective's parts.
    pub const ALL: [CostKind; 6] = [
        CostKind::Saturday,
        CostKind::Late,
        CostKind::EnrolmentOverlaps,
        CostKind::SiteChanges,
        CostKind::WeeklyPeak,
        CostKind::LastYearSlots,
    ];

    /// Its key in `report.costs`.
    pub fn name(self) -> &'static str {
        match self {
            CostKind::Saturday => "saturday",
            CostKind::Late => "late",
            CostKind::EnrolmentOverlaps => "enrolment_overlaps",
            CostKind::SiteChanges => "site_changes",
            CostKind::WeeklyPeak => "weekly_peak",
            CostKind::LastYearSlots => "last_year_slots",
        }
    }

    /// Its weight in `weights`, per unit of the kind.
    pub fn weight(self, weights: &WeightsFile) -> f64 {
        match self {
            CostKind::Saturday => weights.saturday,
            CostKind::Late => weights.late,
            CostKind::EnrolmentOverlaps => weights.enrolment_overlap,
            CostKind::SiteChanges => weights.site_change,
            CostKind::WeeklyPeak => weights.weekly_peak,
            CostKind::LastYearSlots => weights.like,
        }
    }
}

impl std::fmt::Display for CostKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// The smallest common meeting length (minutes) for which a cohort's
/// busiest week is counted as an integer number of such units.
const INTEGER_PEAK_UNIT: u32 = 60;

/// What every cost function reads: the instance, its patterns and their
/// binaries, the config, and the scope of the model.
struct Costing<'a> {
    inst: &'a Instance,
    set: &'a PatternSet,
    cfg: &'a SolverConfig,
    x: &'a [Variable],
    scope: Option<&'a CostScope>,
}

/// Each kind's weighted expression, in the order of [`CostKind::ALL`],
/// adding to `b` the helper columns and rows they need. The weekly costs
/// are added cohort by cohort (each leaf cohort's busiest week, then its
/// site changes), the order of their helper columns in the model. The cost
/// of leaving last year's slots is a part only when the config has slots
/// to keep, so that a model without them is the same as before.
pub(super) fn soft_costs(
    b: &mut Builder,
    inst: &Instance,
    set: &PatternSet,
    cfg: &SolverConfig,
    x: &[Variable],
    persons: &BTreeMap<Person, Vec<Occ>>,
    scope: Option<&CostScope>,
) -> Vec<(CostKind, Expression)> {
    let costing = Costing { inst, set, cfg, x, scope };
    let saturday = costing.per_meeting(CostKind::Saturday);
    let late = costing.per_meeting(CostKind::Late);
    let units = peak_units(persons);
    let mut peak = Expression::default();
    let mut site_changes = Expression::default();
    for (&who, occs) in persons {
        let Person::Cohort(c) = who else { continue };
        if !costing.in_scope(c) {
            continue;
        }
        if CostKind::WeeklyPeak.weight(&cfg.weights) > 0.0 {
            costing.weekly_peak(b, &mut peak, occs, units[&who]);
        }
        costing.site_changes(b, &mut site_changes, occs);
    }
    let overlaps = costing.enrolment_overlaps(b);
    let mut parts = vec![
        (CostKind::Saturday, saturday),
        (CostKind::Late, late),
        (CostKind::EnrolmentOverlaps, overlaps),
        (CostKind::SiteChanges, site_changes),
        (CostKind::WeeklyPeak, peak),
    ];
    if let Some(last) = &cfg.like {
        parts.push((CostKind::LastYearSlots, costing.last_year_slots(last)));
    }
    parts
}

impl Costing<'_> {
    /// The share of activity `a`'s own costs the model counts.
    fn share(&self, a: ActivityId) -> f64 {
        self.scope.map_or(1.0, |s| s.shares[a.index()])
    }

    /// Whether the model counts leaf cohort `c`'s weekly costs.
    fn in_scope(&self, c: CohortId) -> bool {
        self.scope.is_none_or(|s| s.leaves.contains(&c))
    }

    /// [`CostKind::Saturday`] or [`CostKind::Late`]: per meeting of that
    /// kind in a pattern, the pattern's activity's share of the weight.
    fn per_meeting(&self, kind: CostKind) -> Expression {
        let weight = kind.weight(&self.cfg.weights);
        let mut total = Expression::default();
        for (p, pat) in self.set.patterns.iter().enumerate() {
            let count = match kind {
                CostKind::Saturday => pat.meetings.iter().filter(|m| m.on_saturday()).count(),
                _ => pat.meetings.iter().filter(|m| m.is_late(self.cfg.late_after)).count(),
            } as f64;
            let part = self.share(pat.activity);
            if count > 0.0 && weight > 0.0 && part > 0.0 {
                total.add_mul(weight * count * part, self.x[p]);
            }
        }
        total
    }

    /// [`CostKind::LastYearSlots`]: per pattern whose meetings do not all
    /// fall on its activity's slots of last year, the activity's share of
    /// the weight (each activity takes one pattern, so this counts each
    /// activity that moves once; an activity last year did not have costs
    /// nothing).
    fn last_year_slots(&self, last: &LastYear) -> Expression {
        let weight = CostKind::LastYearSlots.weight(&self.cfg.weights);
        let mut total = Expression::default();
        if weight <= 0.0 {
            return total;
        }
        for (p, pat) in self.set.patterns.iter().enumerate() {
            let slots = pat.meetings.iter().map(|m| LastSlot {
                day: m.date.weekday().num_days_from_monday() as u8,
                start: m.start,
                site: m.site,
            });
            let part = self.share(pat.activity);
            if last.keeps(pat.activity, slots) == Some(false) && part > 0.0 {
                total.add_mul(weight * part, self.x[p]);
            }
        }
        total
    }

    /// [`CostKind::WeeklyPeak`] of one leaf cohort (its occurrences
    /// `occs`, counted in `unit` minutes, see [`peak_units`]), added to
    /// `total`: a helper at least each week's hours.
    fn weekly_peak(&self, b: &mut Builder, total: &mut Expression, occs: &[Occ], unit: u32) {
        let x = self.x;
        let (l, hours) = if unit >= INTEGER_PEAK_UNIT {
            (b.integer_helper(), f64::from(unit) / 60.0)
        } else {
            (b.var(variable().min(0.0)), 1.0)
        };
        total.add_mul(CostKind::WeeklyPeak.weight(&self.cfg.weights) * hours, l);
        // In finer units the peak is not rounded, but the busiest week
        // still holds a whole number of meetings, each at least the
        // shortest long: that count, an integer, bounds the peak, and
        // the branch and bound rounds it up (UNamur, 3 h 15 and 3 h 30
        // meetings: see `most` below).
        let shortest = occs.iter().map(|o| o.m.minutes()).min().unwrap_or(0);
        let most = (unit < INTEGER_PEAK_UNIT && shortest > unit).then(|| b.integer_helper());
        let mut weeks: BTreeMap<NaiveDate, BTreeMap<usize, (f64, f64)>> = BTreeMap::new();
        for o in occs {
            let h = f64::from(o.m.minutes()) / 60.0;
            let load = weeks.entry(crate::model::time::monday_of(o.date)).or_default().entry(o.p).or_default();
            load.0 += h;
            load.1 += 1.0;
        }
        for (_, ps) in weeks {
            let mut e = Expression::with_capacity(ps.len() + 1);
            let mut count = Expression::with_capacity(ps.len() + 1);
            for (&p, &(h, n)) in &ps {
                e.add_mul(h, x[p]);
                count.add_mul(n, x[p]);
            }
            e.add_mul(-hours, l);
            b.push_def(e, 0.0, l);
            if let Some(most) = most {
                count.add_mul(-1.0, most);
                b.push_def(count, 0.0, most);
            }
        }
        // After the counts' rows, so that a start sets `most` first.
        if let Some(most) = most {
            let mut e = Expression::with_capacity(2);
            e.add_mul(f64::from(shortest) / 60.0, most);
            e.add_mul(-hours, l);
            b.push_def(e, 0.0, l);
        }
    }

    /// [`CostKind::SiteChanges`] of one leaf cohort (its occurrences
    /// `occs`), added to `total`: per week, the sites visited but one.
    fn site_changes(&self, b: &mut Builder, total: &mut Expression, occs: &[Occ]) {
        let x = self.x;
        let weight = CostKind::SiteChanges.weight(&self.cfg.weights);
        let sites: BTreeSet<SiteId> = occs.iter().map(|o| o.m.site).collect();
        if weight <= 0.0 || sites.len() < 2 {
            return;
        }
        // u[week][site] >= activity a meets there that week; v >= sum u - 1.
        // u is integer: branching on "the cohort is at that site that
        // week" splits the patterns far more evenly than branching on
        // one pattern (UNamur, 30 s, seeds 1-3: bound 100.0, 101.0 and
        // 102.0 against 98.8, 97.7 and 97.1 with u continuous).
        let mut groups: BTreeMap<(NaiveDate, SiteId, ActivityId), BTreeSet<usize>> = BTreeMap::new();
        for o in occs {
            groups.entry((crate::model::time::monday_of(o.date), o.m.site, o.a)).or_default().insert(o.p);
        }
        let mut u: BTreeMap<(NaiveDate, SiteId), Variable> = BTreeMap::new();
        for ((week, site, _), ps) in &groups {
            let var = *u.entry((*week, *site)).or_insert_with(|| b.integer_helper());
            let mut e = Expression::default();
            for &p in ps {
                e.add_mul(1.0, x[p]);
            }
            e.add_mul(-1.0, var);
            b.push_def(e, 0.0, var);
        }
        let mut by_week: BTreeMap<NaiveDate, Vec<Variable>> = BTreeMap::new();
        for ((week, _), var) in u {
            by_week.entry(week).or_default().push(var);
        }
        for (_, us) in by_week {
            if us.len() < 2 {
                continue;
            }
            let v = b.integer_helper();
            total.add_mul(weight, v);
            let mut e = Expression::default();
            for var in us {
                e.add_mul(1.0, var);
            }
            e.add_mul(-1.0, v);
            b.push_def(e, 1.0, v);
        }
    }

    /// [`CostKind::EnrolmentOverlaps`]: overlapping meetings of two
    /// activities taken together by some students, weighted by how many
    /// (only between two activities wholly in the model's scope).
    fn enrolment_overlaps(&self, b: &mut Builder) -> Expression {
        let (inst, set, x) = (self.inst, self.set, self.x);
        let weight = CostKind::EnrolmentOverlaps.weight(&self.cfg.weights);
        let mut overlaps = Expression::default();
        if weight <= 0.0 || inst.enrolments.is_empty() {
            return overlaps;
        }
        let mut pairs: BTreeMap<(ActivityId, ActivityId), u32> = BTreeMap::new();
        for e in &inst.enrolments {
            let mut acts = e.activities.clone();
            acts.sort();
            acts.dedup();
            for i in 0..acts.len() {
                for j in i + 1..acts.len() {
                    *pairs.entry((acts[i], acts[j])).or_default() += 1;
                }
            }
        }
        for ((a1, a2), n) in pairs {
            if hard_conflict(inst, a1, a2) || self.share(a1) < 1.0 || self.share(a2) < 1.0 {
                continue;
            }
            let mut occ: BTreeMap<NaiveDate, Vec<Occ>> = BTreeMap::new();
            for (a, range) in [(a1, set.by_activity[a1.index()].clone()), (a2, set.by_activity[a2.index()].clone())] {
                for p in range {
                    for m in &set.patterns[p].meetings {
                        occ.entry(m.date).or_default().push(Occ { date: m.date, m: *m, p, a });
                    }
                }
            }
            for (_, day) in occ {
                for c in cliques_of(&day) {
                    let has = |a: ActivityId| c.iter().any(|&i| day[i].a == a);
                    if !(has(a1) && has(a2)) {
                        continue;
                    }
                    let o = b.integer_helper();
                    overlaps.add_mul(weight * f64::from(n), o);
                    let mut e = Expression::default();
                    for &i in &c {
                        e.add_mul(1.0, x[day[i].p]);
                    }
                    e.add_mul(-1.0, o);
                    b.push_def(e, 1.0, o);
                }
            }
        }
        overlaps
    }
}

/// The unit each leaf cohort's busiest week is counted in: the greatest
/// common divisor of its meetings' lengths, in minutes.
///
/// The busiest week's hours are a sum of meeting lengths, so a multiple
/// of their greatest common divisor: counted in that unit, a cohort's
/// peak is an integer, which the branch and bound rounds up. Only for
/// units of an hour or more ([`INTEGER_PEAK_UNIT`]): in quarter hours
/// (UNamur) it rounds almost nothing and slowed the search. The
/// site-change and overlap helpers count whole weeks and overlaps, so they
/// are integer: when every peak is integer too, the whole objective is
/// integral and HiGHS rounds its bound up to the next attainable value
/// (UMONS Education, 3 h meetings: bound 28.1 -> 30, proven optimal;
/// measured 2026-11-23, see bench/RESULTS.md), and even where it is not
/// (UNamur), HiGHS's bound rises faster with them integer (30 s, seeds
/// 1-3: 103.2, 101.5 and 100.7 against 99.3, 102.2 and 98.7; measured
/// 2026-11-29).
fn peak_units(persons: &BTreeMap<Person, Vec<Occ>>) -> BTreeMap<Person, u32> {
    persons
        .iter()
        .filter(|(who, _)| matches!(who, Person::Cohort(_)))
        .map(|(&who, occs)| (who, occs.iter().fold(0, |g, o| gcd(g, o.m.minutes()))))
        .collect()
}

/// Whether two activities can never overlap anyway (a shared cohort line
/// or teacher).
fn hard_conflict(inst: &Instance, a: ActivityId, b: ActivityId) -> bool {
    let (x, y) = (&inst.activities[a.index()], &inst.activities[b.index()]);
    x.teachers.iter().any(|t| y.teachers.contains(t))
        || x.cohorts.iter().any(|&c| y.cohorts.iter().any(|&d| inst.cohorts_conflict(c, d)))
}

/// Greatest common divisor (`gcd(0, n) = n`).
fn gcd(a: u32, b: u32) -> u32 {
    if b == 0 { a } else { gcd(b, a % b) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn greatest_common_divisor() {
        assert_eq!(gcd(0, 195), 195);
        assert_eq!(gcd(195, 210), 15);
        assert_eq!(gcd(180, 120), 60);
    }

    #[test]
    fn each_kind_has_its_report_key_and_weight() {
        let w = SolverConfig::default().weights;
        let named: Vec<(&str, f64)> = CostKind::ALL.iter().map(|k| (k.name(), k.weight(&w))).collect();
        assert_eq!(
            named,
            [
                ("saturday", w.saturday),
                ("late", w.late),
                ("enrolment_overlaps", w.enrolment_overlap),
                ("site_changes", w.site_change),
                ("weekly_peak", w.weekly_peak),
                ("last_year_slots", w.like),
            ]
        );
    }
}
