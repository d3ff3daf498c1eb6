//! Travel rows: a person at two sites on one day only when the gap between
//! the meetings allows the journey.

use super::rows::{Builder, Occ, Person, RowInfo, cliques_of, distinct_activities};
use crate::model::time::ClockTime;
use crate::model::{Instance, SiteId};
use good_lp::{Expression, Variable, variable};
use std::collections::{BTreeMap, BTreeSet};

/// Travel rows of one person on one date. Occurrences at two sites whose
/// clock intervals do not overlap conflict when the gap between them is
/// shorter than the travel time (unknown travel: always). When every pair
/// of intervals at two sites conflicts, the person is at one of the two
/// sites that day: one row per site pair through day-site indicators.
pub(super) fn travel_rows(b: &mut Builder, inst: &Instance, x: &[Variable], who: Person, day: &[Occ]) {
    let sites: BTreeSet<SiteId> = day.iter().map(|o| o.m.site).collect();
    if sites.len() < 2 {
        return;
    }
    let date = day[0].date;
    let groups: BTreeMap<(SiteId, ClockTime, ClockTime), Vec<usize>> = {
        let mut g: BTreeMap<_, Vec<usize>> = BTreeMap::new();
        for (i, o) in day.iter().enumerate() {
            g.entry((o.m.site, o.m.start, o.m.end)).or_default().push(i);
        }
        g
    };
    let conflict = |s1: SiteId, a1, b1, s2: SiteId, a2, b2| -> bool {
        let gap_ok = |end: ClockTime, start: ClockTime| match inst.travel_minutes(s1, s2) {
            Some(t) => start.minutes() >= end.minutes() + t,
            None => false,
        };
        if a1 < b2 && a2 < b1 {
            return false; // overlapping: the clique rows already forbid it
        }
        if b1 <= a2 { !gap_ok(b1, a2) } else { !gap_ok(b2, a1) }
    };
    let site_list: Vec<SiteId> = sites.into_iter().collect();
    let mut day_site: BTreeMap<SiteId, Variable> = BTreeMap::new();
    for (i, &s1) in site_list.iter().enumerate() {
        for &s2 in &site_list[i + 1..] {
            let g1: Vec<_> = groups.iter().filter(|(k, _)| k.0 == s1).collect();
            let g2: Vec<_> = groups.iter().filter(|(k, _)| k.0 == s2).collect();
            let mut all = true;
            let mut pairs = Vec::new();
            for (k1, v1) in &g1 {
                for (k2, v2) in &g2 {
                    let overl = k1.1 < k2.2 && k2.1 < k1.2;
                    if overl {
                        continue;
                    }
                    if conflict(s1, k1.1, k1.2, s2, k2.1, k2.2) {
                        pairs.push((*v1, *v2));
                    } else {
                        all = false;
                    }
                }
            }
            if pairs.is_empty() {
                continue;
            }
            if all && pairs.len() > 1 {
                // Day-site indicators: at s1 or at s2 that day, not both.
                let mut ind = |b: &mut Builder, s: SiteId| -> Variable {
                    if let Some(v) = day_site.get(&s) {
                        return *v;
                    }
                    let v = b.var(variable().min(0.0).max(1.0));
                    let at_site: Vec<Occ> = day.iter().copied().filter(|o| o.m.site == s).collect();
                    for c in cliques_of(&at_site) {
                        let mut e = Expression::default();
                        for &i in &c {
                            e.add_mul(1.0, x[at_site[i].p]);
                        }
                        e.add_mul(-1.0, v);
                        b.push_def(e, 0.0, v);
                    }
                    let _ = day_site.insert(s, v);
                    v
                };
                let v1 = ind(b, s1);
                let v2 = ind(b, s2);
                let mut e = Expression::default();
                e.add_mul(1.0, v1);
                e.add_mul(1.0, v2);
                b.push_le(e, 1.0, RowInfo::Travel(who, date, s1, s2));
            } else {
                for (v1, v2) in pairs {
                    let idx: Vec<usize> = v1.iter().chain(v2.iter()).copied().collect();
                    if distinct_activities(day, &idx) >= 2 {
                        b.push_le_set(x, idx.iter().map(|&i| day[i].p), 1.0, RowInfo::Travel(who, date, s1, s2));
                    }
                }
            }
        }
    }
}
