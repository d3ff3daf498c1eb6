//! Co-requisites: two taught UEs that are co-requisites run at the same
//! time of the year (some week holds both); a UE whose co-requisite is a
//! placement UE without sessions meets within its requirement windows.

use super::rows::{Builder, RowInfo};
use crate::calendar::week_index;
use crate::model::{ActivityId, Instance, UeId};
use crate::timetable::patterns::PatternSet;
use good_lp::{Expression, Variable, variable};
use std::collections::{BTreeMap, BTreeSet};

/// Co-requisite UEs that both have activities: binary week choice z_w,
/// one week chosen, and in it each UE has an activity running (its first
/// and last meeting enclose the week).
pub(super) fn corequisite_rows(b: &mut Builder, inst: &Instance, set: &PatternSet, x: &[Variable]) {
    let mut done = BTreeSet::new();
    for (u, ue) in inst.ues.iter().enumerate() {
        let Some(v) = ue.corequisite else { continue };
        let (ua, ub) = (UeId::from_index(u), v);
        let key = (ua.min(ub), ua.max(ub));
        if !done.insert(key) {
            continue;
        }
        let other = &inst.ues[v.index()];
        // Both UEs must be taught and in the model (a partial pattern set
        // may leave a programme out).
        let in_model = |acts: &[ActivityId]| acts.iter().all(|a| !set.by_activity[a.index()].is_empty());
        if ue.activities.is_empty()
            || other.activities.is_empty()
            || !in_model(&ue.activities)
            || !in_model(&other.activities)
        {
            continue;
        }
        let origin = inst.calendar.year.from;
        let weeks_of = |acts: &[ActivityId]| -> BTreeMap<i64, Vec<usize>> {
            let mut m: BTreeMap<i64, Vec<usize>> = BTreeMap::new();
            for a in acts {
                for p in set.by_activity[a.index()].clone() {
                    let (f, l) = set.patterns[p].span();
                    for w in week_index(origin, f)..=week_index(origin, l) {
                        m.entry(w).or_default().push(p);
                    }
                }
            }
            m
        };
        let wa = weeks_of(&ue.activities);
        let wb = weeks_of(&other.activities);
        let common: Vec<i64> = wa.keys().filter(|w| wb.contains_key(w)).copied().collect();
        let mut pick = Expression::default();
        for w in &common {
            // Continuous: with integer patterns, z can only be 1 in a week both
            // UEs meet (and a starting solution need not set it).
            let z = b.var(variable().min(0.0).max(1.0));
            pick.add_mul(1.0, z);
            for side in [&wa[w], &wb[w]] {
                let mut e = Expression::default();
                e.add_mul(1.0, z);
                for &p in side {
                    e.add_mul(-1.0, x[p]);
                }
                b.push_raw_le(e, 0.0);
            }
        }
        // sum z >= 1, written as -sum z <= -1 so that it can take slack.
        let mut neg = Expression::default();
        neg.add_mul(-1.0, pick);
        b.push_le(neg, -1.0, RowInfo::Corequisite(ua, ub));
    }
}
