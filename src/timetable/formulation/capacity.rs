//! Room capacity rows: per site, date and time point, the meetings that
//! need at least so many seats do not outnumber the site's rooms that have
//! them (nested thresholds, one per room size), so that rooms can be
//! assigned after the solve (see [`crate::timetable::rooms`]).

use super::rows::{Builder, Occ, RowInfo, cliques_of, distinct_activities};
use crate::model::{Instance, SiteId};
use crate::timetable::patterns::PatternSet;
use chrono::NaiveDate;
use good_lp::Variable;
use std::collections::BTreeMap;

/// The capacity rows of every site, date and time point.
pub(super) fn room_rows(b: &mut Builder, inst: &Instance, set: &PatternSet, x: &[Variable]) {
    let mut by_site: BTreeMap<(SiteId, NaiveDate), Vec<Occ>> = BTreeMap::new();
    for (p, pat) in set.patterns.iter().enumerate() {
        for m in &pat.meetings {
            by_site.entry((m.site, m.date)).or_default().push(Occ { date: m.date, m: *m, p, a: pat.activity });
        }
    }
    for ((site, date), mut occs) in by_site {
        occs.sort_by_key(|o| (o.m.start, o.m.end, o.p));
        let mut caps: Vec<u32> =
            inst.sites[site.index()].rooms.iter().map(|r| inst.rooms[r.index()].capacity).collect();
        caps.sort_unstable();
        caps.dedup();
        for c in cliques_of(&occs) {
            for &seats in &caps {
                let rooms =
                    inst.sites[site.index()].rooms.iter().filter(|r| inst.rooms[r.index()].capacity >= seats).count()
                        as u32;
                // Meetings that need at least `seats` seats: those whose
                // students exceed the next smaller capacity.
                let below = caps.iter().copied().filter(|&k| k < seats).max().unwrap_or(0);
                let need: Vec<usize> =
                    c.iter().copied().filter(|&i| inst.activity_students(occs[i].a) > below).collect();
                if distinct_activities(&occs, &need) as u32 > rooms {
                    b.push_le_set(
                        x,
                        need.iter().map(|&i| occs[i].p),
                        f64::from(rooms),
                        RowInfo::Rooms { site, date, seats, rooms },
                    );
                }
            }
        }
    }
}
