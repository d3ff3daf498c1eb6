//! Lower bounds by decomposition.
//!
//! The activities fall into groups that share no cohort (through a leaf
//! cohort or its ancestors): every soft cost then belongs to one group (a
//! cohort's busiest week and site changes, a pattern's Saturdays and late
//! ends, an overlap between two activities of the group taken together by
//! some students), except the overlaps between activities of two groups,
//! which no group counts (they cost nothing or more, so leaving them out
//! keeps a bound). A group's own model keeps the rows of the full model
//! that concern it, some of them with fewer patterns (a teacher or a room
//! shared with another group), so it is a relaxation of the full model
//! restricted to the group. Hence the sum of the groups' bounds bounds
//! every timetable. Each group's model is far smaller than the whole, so
//! HiGHS gets further with it (root cuts, branching) in the same time.

use super::backend::{self, RunSettings};
use super::config::SolverConfig;
use super::model;
use super::patterns::PatternSet;
use super::start::Restricted;
use crate::model::Instance;
use std::time::Instant;

/// The groups of activities (sorted lists, by first activity) that share
/// no cohort; activities without patterns are left out.
pub fn groups(inst: &Instance, set: &PatternSet) -> Vec<Vec<usize>> {
    let n = inst.activities.len();
    let mut parent: Vec<usize> = (0..n).collect();
    fn root(parent: &mut [usize], mut a: usize) -> usize {
        while parent[a] != a {
            parent[a] = parent[parent[a]];
            a = parent[a];
        }
        a
    }
    let mut join = |a: usize, b: usize| {
        let (ra, rb) = (root(&mut parent, a), root(&mut parent, b));
        if ra != rb {
            parent[ra.max(rb)] = ra.min(rb);
        }
    };
    // Activities seen by one leaf cohort (its own and its ancestors').
    for leaf in inst.leaf_cohorts() {
        let seen: Vec<usize> =
            (0..n).filter(|&a| inst.attends(leaf, crate::model::ActivityId::from_index(a))).collect();
        for w in seen.windows(2) {
            join(w[0], w[1]);
        }
    }
    let mut out: std::collections::BTreeMap<usize, Vec<usize>> = std::collections::BTreeMap::new();
    for a in 0..n {
        if !set.by_activity[a].is_empty() {
            let r = root(&mut parent, a);
            out.entry(r).or_default().push(a);
        }
    }
    out.into_values().collect()
}

/// The sum of the bounds of `groups` (from [`groups`]), each group's model
/// solved by HiGHS for a share of `seconds` in proportion to its
/// patterns; `None` with a single group (the full model is that group) or
/// when some group's model gave no bound in its time. With `chosen` (a
/// pattern per activity), each group's model starts from that timetable's
/// part, so that HiGHS prunes with it from the first node.
pub fn by_groups(
    inst: &Instance,
    set: &PatternSet,
    groups: &[Vec<usize>],
    chosen: Option<&[usize]>,
    cfg: &SolverConfig,
    seconds: f64,
    progress: super::Progress<'_>,
) -> Option<f64> {
    if groups.len() < 2 {
        return None;
    }
    let started = Instant::now();
    let size = |g: &[usize]| g.iter().map(|&a| set.by_activity[a].len()).sum::<usize>().max(1);
    let mut remaining: usize = groups.iter().map(|g| size(g)).sum();
    let mut total = 0.0;
    for g in groups {
        let left = seconds - started.elapsed().as_secs_f64();
        let share = left * size(g) as f64 / remaining as f64;
        remaining -= size(g);
        let sub = Restricted::new(set, |a| {
            if g.binary_search(&a).is_ok() { set.by_activity[a].clone().collect() } else { Vec::new() }
        });
        let built = model::build(inst, &sub.set, cfg, false);
        let start = chosen.map(|chosen| built.start(sub.picks(chosen)));
        let time_limit = if cfg.node_limit.is_some() { cfg.time_limit } else { share.max(0.2) };
        let result = backend::run(built, &RunSettings { time_limit, start, ..RunSettings::from_config(cfg) }, &|_| {});
        if !result.bound.is_finite() {
            progress(&format!("bound: a group of {} activities gave no bound in {:.1} s", g.len(), result.seconds));
            return None;
        }
        total += result.bound;
    }
    Some(total)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timetable::{patterns, start};

    fn orthopedagogy() -> (Instance, PatternSet) {
        let path =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("instances/umons-orthopedagogy-2025-2026.json");
        let inst = crate::load_instance(&path).expect("Orthopedagogy instance");
        let set = patterns::generate(&inst, &model::corequisite_windows(&inst));
        (inst, set)
    }

    #[test]
    fn the_two_blocks_of_orthopedagogy_are_two_groups_and_no_cohort_is_split() {
        let (inst, set) = orthopedagogy();
        let groups = groups(&inst, &set);
        let ids = |g: &[usize]| g.iter().map(|&a| inst.activities[a].id.as_str()).collect::<Vec<_>>();
        assert_eq!(groups.len(), 2, "{:?}", groups.iter().map(|g| ids(g)).collect::<Vec<_>>());
        let group_of = |id: &str| groups.iter().position(|g| ids(g).contains(&id)).expect(id);
        // Block 1's common course and a block 1 module, block 2's apart.
        assert_eq!(group_of("or-1-1-cours"), group_of("or-m2-1-cours"));
        assert_ne!(group_of("or-1-1-cours"), group_of("or-2-2"));
        assert_eq!(group_of("or-2-2"), group_of("or-m5-2-seminaire"));
        // Every activity a leaf cohort attends is in one group.
        for leaf in inst.leaf_cohorts() {
            let seen: std::collections::BTreeSet<usize> = (0..inst.activities.len())
                .filter(|&a| inst.attends(leaf, crate::model::ActivityId::from_index(a)))
                .map(|a| group_of(&inst.activities[a].id))
                .collect();
            assert!(seen.len() <= 1, "cohort {} in groups {seen:?}", inst.cohorts[leaf.index()].id);
        }
    }

    #[test]
    fn the_groups_bound_is_below_a_timetable_and_above_zero() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("instances/umons-education-social-action-2025-2026.json");
        let inst = crate::load_instance(&path).expect("UMONS Education instance");
        let set = patterns::generate(&inst, &model::corequisite_windows(&inst));
        let cfg = SolverConfig { node_limit: Some(1), ..SolverConfig::default() };
        let groups = groups(&inst, &set);
        assert_eq!(groups.len(), 2, "the two blocks");
        let bound = by_groups(&inst, &set, &groups, None, &cfg, 60.0, &|_| {}).expect("a bound from both groups");
        // Any timetable costs at least the bound: the first one found.
        let chosen = start::by_programme(&inst, &set, &cfg, &|_| {}).expect("a first timetable");
        let built = model::build(&inst, &set, &cfg, false);
        let cost = built.value_of(&built.objective, &built.start(chosen));
        assert!(bound > 0.0, "every cohort has a busiest week: {bound}");
        assert!(bound <= cost + 1e-6, "bound {bound} above a timetable's cost {cost}");
        // A single group has no decomposition.
        assert_eq!(by_groups(&inst, &set, &groups[..1], None, &cfg, 60.0, &|_| {}), None);
    }
}
