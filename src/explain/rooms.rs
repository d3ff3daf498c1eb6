//! Room overruns in a timetable that breaks room rows (the answer of the
//! rooms-only elastic model), grouped per site and room size with the
//! dates, times and activities concerned. The counting check on rooms per
//! weekly window, which proves a shortage with no solver, is
//! [`crate::feasibility::window_shortfalls`].

use crate::model::time::ClockTime;
use crate::model::{ActivityId, Instance, SiteId};
use crate::timetable::patterns::{Meeting, PatternSet};
use chrono::NaiveDate;
use std::collections::{BTreeMap, BTreeSet};

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
