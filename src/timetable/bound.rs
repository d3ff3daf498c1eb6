//! Lower bounds by decomposition over the leaf cohorts.
//!
//! Every soft cost of a timetable can be split among the leaf cohorts: a
//! cohort's busiest week and site changes are its own; a pattern's
//! Saturday and late costs are shared equally among the leaf cohorts
//! attending its activity; an enrolment overlap between two activities
//! belongs to a cohort only when both are wholly its own (the others are
//! left out: they cost nothing or more, so leaving them out keeps a
//! bound). A leaf cohort's part of the problem is then the model of the
//! activities it attends, with the rows of the full model that concern
//! them (fewer patterns in a teacher's or a room's rows), counting only
//! its share of the costs: a relaxation whose optimum bounds that share in
//! any timetable. Hence the sum of the parts' bounds bounds every
//! timetable. Each part is far smaller than the whole and HiGHS often
//! solves it outright, which captures what the LP relaxation misses: a
//! cohort's weekly patterns cannot all fit the weeks without some weeks at
//! two sites (Orthopedagogy in 30 s: 221-227 against 211-213 from the full
//! model, measured on 2026-11-23).

use super::backend::{self, Outcome, RunSettings};
use super::config::SolverConfig;
use super::model::{self, CostScope};
use super::patterns::PatternSet;
use super::start::Restricted;
use crate::model::{ActivityId, CohortId, Instance};
use std::time::Instant;

/// One part of a decomposition: some leaf cohorts and every activity they
/// attend.
#[derive(Debug, Clone, PartialEq)]
pub struct Part {
    /// The leaf cohorts whose weekly costs the part counts.
    pub leaves: Vec<CohortId>,
    /// The activities they attend (sorted).
    pub activities: Vec<usize>,
}

impl Part {
    /// The patterns of its activities (at least 1).
    fn size(&self, set: &PatternSet) -> usize {
        self.activities.iter().map(|&a| set.by_activity[a].len()).sum::<usize>().max(1)
    }

    /// The pattern set of the part: every pattern of its activities, none
    /// of the others.
    fn restricted(&self, set: &PatternSet) -> Restricted {
        Restricted::new(set, |a| {
            if self.activities.binary_search(&a).is_ok() { set.by_activity[a].clone().collect() } else { Vec::new() }
        })
    }
}

/// One part per leaf cohort (those that attend some activity with
/// patterns): each counts the cohort's busiest week and site changes and a
/// share of the Saturday and late costs of the activities it attends.
pub fn leaf_parts(inst: &Instance, set: &PatternSet) -> Vec<Part> {
    inst.leaf_cohorts()
        .into_iter()
        .map(|l| Part {
            leaves: vec![l],
            activities: (0..inst.activities.len())
                .filter(|&a| !set.by_activity[a].is_empty() && inst.attends(l, ActivityId::from_index(a)))
                .collect(),
        })
        .filter(|p| !p.activities.is_empty())
        .collect()
}

/// What the model of `part` counts: the weekly costs of its leaves, and of
/// each activity the share of its leaves among all the leaves attending
/// it (1 for an activity only the part's leaves attend). The shares of an
/// activity over a partition of the leaves add up to 1, so no cost is
/// counted twice.
fn scope_of(inst: &Instance, part: &Part) -> CostScope {
    let leaves = inst.leaf_cohorts();
    let shares = (0..inst.activities.len())
        .map(|a| {
            let a = ActivityId::from_index(a);
            let all = leaves.iter().filter(|&&l| inst.attends(l, a)).count();
            let mine = part.leaves.iter().filter(|&&l| inst.attends(l, a)).count();
            if all == 0 { 0.0 } else { mine as f64 / all as f64 }
        })
        .collect();
    CostScope { leaves: part.leaves.iter().copied().collect(), shares }
}

/// What the parts give: a bound, and the patterns of their timetables.
#[derive(Debug, Clone, PartialEq)]
pub struct PartsBound {
    /// The sum of the parts' bounds.
    pub bound: f64,
    /// Per activity, the patterns the parts' own timetables chose for it
    /// (sorted): each is best for some cohort, so together they make a
    /// small neighbourhood worth searching for the whole.
    pub patterns: Vec<Vec<usize>>,
    /// Each part's bound, in the order of the parts (`-inf` when its
    /// model gave none: it counts 0 in the sum, as every weight is
    /// non-negative).
    pub part_bounds: Vec<f64>,
    /// Whether HiGHS proved each part's optimum (within the configured
    /// gap): a part still open may give a better bound with more time.
    pub closed: Vec<bool>,
    /// Each part's relative gap when last solved (1 without a timetable).
    pub gaps: Vec<f64>,
}

impl PartsBound {
    /// The parts whose optimum is not proven yet.
    pub fn open(&self) -> usize {
        self.closed.iter().filter(|&&c| !c).count()
    }
}

/// The sum of the bounds of `parts` (a partition of the leaf cohorts, from
/// [`leaf_parts`]), each part's model solved by HiGHS; `None` with a single
/// part (its model is the full model). A part whose model gave no bound in
/// its time counts 0 (every weight is non-negative). The parts share
/// `seconds` in proportion to their patterns, smallest first, so that the
/// time a part does not need goes to the larger ones. With `chosen` (a
/// pattern per activity), each part's model starts from that timetable's
/// part, so that HiGHS prunes with it from the first node.
pub fn by_parts(
    inst: &Instance,
    set: &PatternSet,
    parts: &[Part],
    chosen: Option<&[usize]>,
    cfg: &SolverConfig,
    seconds: f64,
    progress: super::Progress<'_>,
) -> Option<PartsBound> {
    if parts.len() < 2 {
        return None;
    }
    let mut found = PartsBound {
        bound: 0.0,
        patterns: vec![Vec::new(); set.by_activity.len()],
        part_bounds: vec![f64::NEG_INFINITY; parts.len()],
        closed: vec![false; parts.len()],
        gaps: vec![1.0; parts.len()],
    };
    // Smallest first: the time a small part leaves goes to the larger ones.
    let mut order: Vec<usize> = (0..parts.len()).collect();
    order.sort_by_key(|&i| (parts[i].size(set), i));
    solve_parts(inst, set, parts, &mut found, &order, Shares::BySize, chosen, cfg, seconds);
    for (i, part) in parts.iter().enumerate() {
        if !found.part_bounds[i].is_finite() {
            progress(&format!(
                "bound: the part of cohort {} gave no bound in its time (counted as 0)",
                part.leaves.iter().map(|l| inst.cohorts[l.index()].id.as_str()).collect::<Vec<_>>().join(", ")
            ));
        }
    }
    Some(found)
}

/// Solves again, within `seconds`, the parts of `found` whose optimum is
/// not proven, starting from `chosen` (a better timetable by now), and
/// keeps for each part the better of its two bounds: both bound the same
/// part. HiGHS starts each model afresh, so a part gains only with more
/// time than it had: the parts go in turn, the nearest to proven first,
/// each with all the time left (Orthopedagogy in 30 s: the two open parts
/// need 3.6 and 4.2 s where the first pass gave them 1.7 and 3.1 s).
/// Returns whether the bound rose.
pub fn tighten(
    inst: &Instance,
    set: &PatternSet,
    parts: &[Part],
    found: &mut PartsBound,
    chosen: &[usize],
    cfg: &SolverConfig,
    seconds: f64,
) -> bool {
    let before = found.bound;
    let mut order: Vec<usize> = (0..parts.len()).filter(|&i| !found.closed[i]).collect();
    order.sort_by(|&i, &j| found.gaps[i].total_cmp(&found.gaps[j]).then(i.cmp(&j)));
    solve_parts(inst, set, parts, found, &order, Shares::InTurn, Some(chosen), cfg, seconds);
    found.bound > before
}

/// How the parts of a pass share its time.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Shares {
    /// In proportion to their patterns, the time a part leaves going to
    /// the next ones.
    BySize,
    /// Each has all the time left.
    InTurn,
}

/// Solves the model of each part of `order` within `seconds`, shared as
/// `shares` says; raises each part's bound, records its gap and its
/// timetable's patterns, and sums the bounds.
#[allow(clippy::too_many_arguments)]
fn solve_parts(
    inst: &Instance,
    set: &PatternSet,
    parts: &[Part],
    found: &mut PartsBound,
    order: &[usize],
    shares: Shares,
    chosen: Option<&[usize]>,
    cfg: &SolverConfig,
    seconds: f64,
) {
    let started = Instant::now();
    let size = |i: usize| parts[i].size(set);
    let mut patterns: Vec<std::collections::BTreeSet<usize>> =
        found.patterns.iter().map(|ps| ps.iter().copied().collect()).collect();
    let mut remaining: usize = order.iter().map(|&i| size(i)).sum();
    for &i in order {
        let part = &parts[i];
        let left = seconds - started.elapsed().as_secs_f64();
        let share = match shares {
            Shares::BySize => left * size(i) as f64 / remaining as f64,
            Shares::InTurn => left,
        };
        remaining -= size(i);
        if shares == Shares::InTurn && left < 0.2 {
            break;
        }
        let sub = part.restricted(set);
        let built = model::build_scoped(inst, &sub.set, cfg, &scope_of(inst, part));
        let start = chosen.map(|chosen| built.start(sub.picks(chosen)));
        let cols: Vec<usize> = built.pattern_columns();
        let time_limit = if cfg.node_limit.is_some() { cfg.time_limit } else { share.max(0.2) };
        let result = backend::run(built, &RunSettings { time_limit, start, ..RunSettings::from_config(cfg) }, &|_| {});
        found.part_bounds[i] = found.part_bounds[i].max(result.bound);
        found.closed[i] = result.outcome == Outcome::Optimal;
        found.gaps[i] = if result.values.is_empty() { 1.0 } else { result.gap };
        if !result.values.is_empty() {
            for &a in &part.activities {
                patterns[a].extend(sub.picked(a, &result.values, &cols));
            }
        }
    }
    // Weights are non-negative, so a part without a bound costs at least 0.
    found.bound = found.part_bounds.iter().map(|b| b.max(0.0)).sum();
    found.patterns = patterns.into_iter().map(|p| p.into_iter().collect()).collect();
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timetable::{patterns, start};

    fn load(file: &str) -> (Instance, PatternSet) {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("instances").join(file);
        let inst = crate::load_instance(&path).expect(file);
        let set = patterns::generate(&inst, &model::corequisite_windows(&inst));
        (inst, set)
    }

    #[test]
    fn each_leaf_cohort_of_orthopedagogy_is_a_part_and_the_shares_add_up_to_one() {
        let (inst, set) = load("umons-orthopedagogy-2025-2026.json");
        let parts = leaf_parts(&inst, &set);
        assert_eq!(parts.len(), 10, "five modules in each of two blocks");
        let ids = |p: &Part| p.activities.iter().map(|&a| inst.activities[a].id.as_str()).collect::<Vec<_>>();
        let part_of = |leaf: &str| {
            parts.iter().find(|p| p.leaves.iter().any(|&l| inst.cohorts[l.index()].id == leaf)).expect(leaf)
        };
        // A block 1 module's cohort: the block's common courses and its
        // own module, nothing of block 2 or of another module.
        let psydyn = ids(part_of("or-m1-psydyn"));
        assert!(psydyn.contains(&"or-1-1-cours") && psydyn.contains(&"or-m2-1-cours"), "{psydyn:?}");
        assert!(!psydyn.contains(&"or-2-2") && !psydyn.contains(&"or-m1-1-cours"), "{psydyn:?}");
        // Every activity's costs are shared out exactly once.
        let scopes: Vec<CostScope> = parts.iter().map(|p| scope_of(&inst, p)).collect();
        for a in 0..inst.activities.len() {
            let total: f64 = scopes.iter().map(|s| s.shares[a]).sum();
            assert!((total - 1.0).abs() < 1e-9, "{}: shares add up to {total}", inst.activities[a].id);
        }
        // A block's common course is shared by its five modules.
        let common = inst.activities.iter().position(|a| a.id == "or-1-1-cours").expect("or-1-1-cours");
        assert!((scope_of(&inst, part_of("or-m1-neuro")).shares[common] - 0.2).abs() < 1e-9);
    }

    #[test]
    fn the_parts_of_a_timetable_cost_what_the_timetable_costs() {
        // HELMo has Saturday and late costs shared among cohorts, and
        // enrolment overlaps between the options of different cohorts,
        // which no part counts.
        let (inst, set) = load("helmo-hepl-ingenierie-action-sociale-2025-2026.json");
        let cfg = SolverConfig { node_limit: Some(1), ..SolverConfig::default() };
        let chosen = start::by_programme(&inst, &set, &cfg, &|_| {}).expect("a first timetable");
        let full = model::build(&inst, &set, &cfg, false);
        let values = full.start(chosen.iter().copied());
        let cost = full.value_of(&full.objective, &values);
        let overlaps =
            full.costs.iter().find(|(k, _)| *k == "enrolment_overlaps").map(|(_, e)| full.value_of(e, &values));
        let mut sum = 0.0;
        for part in leaf_parts(&inst, &set) {
            let sub = part.restricted(&set);
            let built = model::build_scoped(&inst, &sub.set, &cfg, &scope_of(&inst, &part));
            sum += built.value_of(&built.objective, &built.start(sub.picks(&chosen)));
        }
        assert!(cost > 0.0);
        assert!(sum <= cost + 1e-6, "the parts count {sum}, more than the timetable's {cost}");
        assert!(
            sum >= cost - overlaps.unwrap_or(0.0) - 1e-6,
            "the parts count {sum} of {cost}: more than the overlaps left out"
        );
    }

    #[test]
    fn the_parts_bound_is_below_a_timetable_and_above_zero() {
        let (inst, set) = load("umons-education-social-action-2025-2026.json");
        let cfg = SolverConfig { node_limit: Some(1), ..SolverConfig::default() };
        let parts = leaf_parts(&inst, &set);
        assert_eq!(parts.len(), 4, "two cohorts in each of two blocks");
        // Any timetable costs at least the bound: the first one found,
        // from which the parts start.
        let chosen = start::by_programme(&inst, &set, &cfg, &|_| {}).expect("a first timetable");
        let found = by_parts(&inst, &set, &parts, Some(&chosen), &cfg, 60.0, &|_| {}).expect("a bound from the parts");
        let bound = found.bound;
        let built = model::build(&inst, &set, &cfg, false);
        let cost = built.value_of(&built.objective, &built.start(chosen.iter().copied()));
        // Every activity has a pattern of its own from some part's
        // timetable.
        for (a, ps) in found.patterns.iter().enumerate() {
            assert!(!ps.is_empty(), "{}: no pattern from the parts", inst.activities[a].id);
            assert!(ps.iter().all(|p| set.by_activity[a].contains(p)), "{}: {ps:?}", inst.activities[a].id);
        }
        assert!(bound > 0.0, "every cohort has a busiest week: {bound}");
        assert!(bound <= cost + 1e-6, "bound {bound} above a timetable's cost {cost}");
        // A single part has no decomposition.
        assert_eq!(by_parts(&inst, &set, &parts[..1], None, &cfg, 60.0, &|_| {}), None);
    }

    #[test]
    fn tightening_the_open_parts_only_raises_their_bounds_and_stays_below_a_timetable() {
        let (inst, set) = load("umons-orthopedagogy-2025-2026.json");
        let root_only = SolverConfig { node_limit: Some(1), ..SolverConfig::default() };
        let parts = leaf_parts(&inst, &set);
        let chosen = start::by_programme(&inst, &set, &root_only, &|_| {}).expect("a first timetable");
        let mut found = by_parts(&inst, &set, &parts, Some(&chosen), &root_only, 60.0, &|_| {}).expect("parts");
        let before = found.clone();
        // At the root alone, some of Orthopedagogy's parts stay open.
        assert!(before.open() > 0, "{before:?}");
        let cfg = SolverConfig::default();
        tighten(&inst, &set, &parts, &mut found, &chosen, &cfg, 60.0);
        for i in 0..parts.len() {
            assert!(found.part_bounds[i] >= before.part_bounds[i], "part {i} lost bound: {found:?}");
            // A part proven before is not solved again.
            if before.closed[i] {
                assert_eq!(found.part_bounds[i], before.part_bounds[i]);
                assert!(found.closed[i]);
            }
        }
        // Each part is small: with a minute, HiGHS proves them all (the
        // slowest needs about 4 s alone).
        assert_eq!(found.open(), 0, "{found:?}");
        assert!(found.bound > before.bound, "{} after {}", found.bound, before.bound);
        let sum: f64 = found.part_bounds.iter().sum();
        assert!((found.bound - sum).abs() < 1e-9);
        let built = model::build(&inst, &set, &cfg, false);
        let cost = built.value_of(&built.objective, &built.start(chosen.iter().copied()));
        assert!(found.bound <= cost + 1e-6, "bound {} above a timetable's cost {cost}", found.bound);
        // Orthopedagogy's best timetable so far costs 237 (120 s, bench/RESULTS.md).
        assert!(found.bound <= 237.0 + 1e-6, "{}", found.bound);
    }
}
