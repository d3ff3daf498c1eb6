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
use super::formulation::{self, CostScope};
use super::patterns::PatternSet;
use super::start::Restricted;
use super::weekly;
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
    /// The leaf cohorts' parts gathered by top-level cohort (see
    /// [`Group`]).
    pub groups: Vec<Group>,
}

/// The parts of the leaf cohorts under one top-level cohort (a block and
/// its options), solved as one when time allows: its model counts what its
/// parts count, plus what couples them (the activities they share must
/// take the same pattern), so its bound, once proven, beats theirs
/// (Orthopedagogy: each block's model proves 166 and 71 where its five
/// modules' parts prove 162 and 71, in 86 s; the timetable of 237 is then
/// optimal; measured on 2026-11-29).
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    /// The leaf cohorts and their activities.
    pub part: Part,
    /// The indices of its leaf cohorts' parts.
    pub members: Vec<usize>,
    /// Its model's bound (`-inf` before it is solved).
    pub bound: f64,
    /// Whether HiGHS proved its optimum.
    pub closed: bool,
}

impl PartsBound {
    /// The leaf cohorts' parts whose optimum is not proven yet.
    pub fn open(&self) -> usize {
        self.closed.iter().filter(|&&c| !c).count()
    }

    /// Whether some part or group is not proven yet.
    pub fn unproven(&self) -> bool {
        self.open() > 0 || self.groups.iter().any(|g| !g.closed)
    }

    /// How many parts (and groups) are proven, and how many groups bound
    /// more than their parts (by week or in full), for the progress lines.
    pub fn proven(&self) -> String {
        let parts = format!("{} of {} parts proven", self.closed.len() - self.open(), self.closed.len());
        if self.groups.iter().any(|g| g.bound.is_finite()) {
            let done = self.groups.iter().filter(|g| g.closed).count();
            let members = |g: &Group| g.members.iter().map(|&i| self.part_bounds[i].max(0.0)).sum::<f64>();
            let above = self.groups.iter().filter(|g| g.bound > members(g) + 1e-9).count();
            let n = self.groups.len();
            format!("{parts}, {done} of {n} groups proven, {above} of {n} above their parts")
        } else {
            parts
        }
    }

    /// Raises each group's bound to its bound by week (see [`by_week`], in
    /// the order of the groups; none when empty), and the total.
    pub fn add_by_week(&mut self, bounds: &[f64]) {
        for (group, &b) in self.groups.iter_mut().zip(bounds) {
            group.bound = group.bound.max(b);
        }
        self.bound = self.total();
    }

    /// The bound: over each group, the better of its own bound and the
    /// sum of its parts' bounds, plus the parts in no group. Every weight
    /// is non-negative, so a part without a bound counts 0.
    fn total(&self) -> f64 {
        let part = |i: usize| self.part_bounds[i].max(0.0);
        let mut grouped = vec![false; self.part_bounds.len()];
        let mut sum = 0.0;
        for g in &self.groups {
            let members: f64 = g.members.iter().map(|&i| part(i)).sum();
            sum += g.bound.max(members);
            for &i in &g.members {
                grouped[i] = true;
            }
        }
        sum + (0..self.part_bounds.len()).filter(|&i| !grouped[i]).map(part).sum::<f64>()
    }
}

/// The groups of `parts` (from [`leaf_parts`], one leaf cohort each) by
/// top-level cohort, those of two parts or more and not all of them (that
/// would be the full model).
pub fn groups(inst: &Instance, parts: &[Part]) -> Vec<Group> {
    let top = |mut c: CohortId| {
        while let Some(p) = inst.cohorts[c.index()].parent {
            c = p;
        }
        c
    };
    let mut by_top: std::collections::BTreeMap<CohortId, Vec<usize>> = Default::default();
    for (i, part) in parts.iter().enumerate() {
        if let [leaf] = part.leaves.as_slice() {
            by_top.entry(top(*leaf)).or_default().push(i);
        }
    }
    by_top
        .into_values()
        .filter(|members| members.len() >= 2 && members.len() < parts.len())
        .map(|members| {
            let mut leaves: Vec<CohortId> = members.iter().flat_map(|&i| parts[i].leaves.iter().copied()).collect();
            leaves.sort();
            let mut activities: Vec<usize> =
                members.iter().flat_map(|&i| parts[i].activities.iter().copied()).collect();
            activities.sort_unstable();
            activities.dedup();
            Group { part: Part { leaves, activities }, members, bound: f64::NEG_INFINITY, closed: false }
        })
        .collect()
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
        groups: groups(inst, parts),
    };
    // Smallest first: the time a small part leaves goes to the larger ones.
    let mut order: Vec<usize> = (0..parts.len()).collect();
    order.sort_by_key(|&i| (parts[i].size(set), i));
    let pass = Pass { inst, set, parts, shares: Shares::BySize, chosen, cfg, seconds, form: Form::Full };
    solve_parts(&mut found, &order, pass, cfg.workers());
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

/// Each of `groups` (see [`groups`]) in its weekly model, within
/// `seconds`, starting from `chosen`: their bounds, in the order of
/// `groups` (`-inf` for a group whose model gave none). Their time goes in
/// proportion to their size, what one leaves going to the next: a weekly
/// model that is slow to prove (UNamur's two options in all-programmes)
/// does not take all of it. Fast, and on Orthopedagogy as strong as the
/// normal model (see [`Form::Weekly`]); it never proves a group, as the
/// weekly optimum may lie below.
pub fn by_week(
    inst: &Instance,
    set: &PatternSet,
    groups: &[Group],
    chosen: &[usize],
    cfg: &SolverConfig,
    seconds: f64,
) -> Vec<f64> {
    let mut bounds = vec![f64::NEG_INFINITY; groups.len()];
    if groups.is_empty() {
        return bounds;
    }
    // Smallest first.
    let mut order: Vec<usize> = (0..groups.len()).collect();
    order.sort_by_key(|&g| (groups[g].part.size(set), g));
    let models: Vec<Part> = groups.iter().map(|g| g.part.clone()).collect();
    let weeks = weekly::Weekly::new(inst, set, cfg);
    let pass = Pass {
        inst,
        set,
        parts: &models,
        shares: Shares::BySize,
        chosen: Some(chosen),
        cfg,
        seconds,
        form: Form::Weekly(&weeks),
    };
    for (g, solved) in solve_all(pass, &order, cfg.workers()) {
        bounds[g] = solved.bound;
    }
    bounds
}

/// Raises the bound of `found` within `seconds`, starting each model from
/// `chosen` (a better timetable by now): first each group (a top-level
/// cohort's parts together) in its weekly model (see [`by_week`]; not
/// those bounded by week already), then the parts whose optimum is not
/// proven, then the groups in their normal model. Each part or group keeps
/// the better of its bounds: all bound the same costs. HiGHS starts each
/// model afresh, so a part gains only with more time than it had: the
/// parts go in turn, the nearest to proven first, each with all the time
/// left (Orthopedagogy in 30 s: the two open parts need 3.6 and 4.2 s
/// where the first pass gave them 1.7 and 3.1 s). It stops between those
/// steps once `enough` says of the bound that no more is needed. Returns
/// whether the bound rose.
#[allow(clippy::too_many_arguments)]
pub fn tighten(
    inst: &Instance,
    set: &PatternSet,
    parts: &[Part],
    found: &mut PartsBound,
    chosen: &[usize],
    cfg: &SolverConfig,
    seconds: f64,
    enough: &(dyn Fn(f64) -> bool + Sync),
) -> bool {
    let workers = cfg.workers();
    let started = Instant::now();
    let before = found.bound;
    let left = |started: &Instant| seconds - started.elapsed().as_secs_f64();
    let unbounded: Vec<usize> = (0..found.groups.len()).filter(|&g| !found.groups[g].bound.is_finite()).collect();
    if !unbounded.is_empty() {
        let groups: Vec<Group> = unbounded.iter().map(|&g| found.groups[g].clone()).collect();
        let mut bounds = vec![f64::NEG_INFINITY; found.groups.len()];
        for (&g, bound) in unbounded.iter().zip(by_week(inst, set, &groups, chosen, cfg, seconds)) {
            bounds[g] = bound;
        }
        found.add_by_week(&bounds);
    }
    if enough(found.bound) {
        return found.bound > before;
    }
    // Then the parts not proven, the nearest to proven first.
    let mut open: Vec<usize> = (0..parts.len()).filter(|&i| !found.closed[i]).collect();
    open.sort_by(|&i, &j| found.gaps[i].total_cmp(&found.gaps[j]).then(i.cmp(&j)));
    let pass = Pass { inst, set, parts, shares: Shares::InTurn, chosen: Some(chosen), cfg, seconds, form: Form::Full };
    if left(&started) >= 0.2 {
        solve_parts(found, &open, Pass { seconds: left(&started), ..pass }, workers);
    }
    if enough(found.bound) {
        return found.bound > before;
    }
    // Then the groups in their normal model, smallest first, each with all
    // the time left.
    let mut groups: Vec<usize> = (0..found.groups.len()).filter(|&g| !found.groups[g].closed).collect();
    groups.sort_by_key(|&g| (found.groups[g].part.size(set), g));
    let models: Vec<Part> = groups.iter().map(|&g| found.groups[g].part.clone()).collect();
    let order: Vec<usize> = (0..models.len()).collect();
    if !models.is_empty() && left(&started) >= 1.0 {
        let pass = Pass { parts: &models, seconds: left(&started), ..pass };
        for (k, solved) in solve_all(pass, &order, workers) {
            let group = &mut found.groups[groups[k]];
            group.bound = group.bound.max(solved.bound);
            group.closed = solved.closed;
        }
    }
    found.bound = found.total();
    found.bound > before
}

/// What HiGHS gave for one part's model.
struct Solved {
    /// Its bound (`-inf` without one).
    bound: f64,
    /// Whether it proved the optimum.
    closed: bool,
    /// Its relative gap (1 without a timetable).
    gap: f64,
    /// The pattern its timetable chose for each activity of the part.
    picked: Vec<(usize, usize)>,
}

/// Solves the model of `part` within `seconds` (the node limit instead,
/// when the configuration has one), starting from `chosen`'s patterns.
fn solve_one(
    inst: &Instance,
    set: &PatternSet,
    part: &Part,
    chosen: Option<&[usize]>,
    cfg: &SolverConfig,
    seconds: f64,
    form: Form<'_>,
) -> Solved {
    let time_limit = if cfg.reproducible() { cfg.time_limit } else { seconds.max(0.2) };
    let scope = scope_of(inst, part);
    // The part's patterns (or their weekly classes), its model, and the
    // start, as picks among those patterns.
    let (sub, built, start) = match form {
        Form::Full => {
            let sub = part.restricted(set);
            let built = formulation::build_scoped(inst, &sub.set, cfg, &scope);
            let start = chosen.map(|chosen| built.start(sub.picks(chosen)));
            (sub, built, start)
        }
        Form::Weekly(weeks) => {
            let sub = part.restricted(&weeks.classes.set);
            let built = weeks.build(inst, &sub.set, &scope);
            let classes: Option<Vec<usize>> = chosen.map(|c| c.iter().map(|&p| weeks.classes.class_of[p]).collect());
            let start = classes.as_deref().map(|c| built.start(sub.picks(c)));
            (sub, built, start)
        }
    };
    let cols: Vec<usize> = built.pattern_columns();
    let result = backend::run(built, &RunSettings { time_limit, start, ..RunSettings::from_config(cfg) }, &|_| {});
    // A weekly timetable may not fit the days: no patterns to pass on.
    let picked = if result.values.is_empty() || matches!(form, Form::Weekly(_)) {
        Vec::new()
    } else {
        part.activities.iter().flat_map(|&a| sub.picked(a, &result.values, &cols).map(|p| (a, p))).collect()
    };
    Solved {
        bound: result.bound,
        closed: result.outcome == Outcome::Optimal,
        gap: if result.values.is_empty() { 1.0 } else { result.gap },
        picked,
    }
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

/// What a pass over some parts solves them with.
#[derive(Debug, Clone, Copy)]
struct Pass<'a> {
    inst: &'a Instance,
    set: &'a PatternSet,
    /// The parts (indexed by the orders below).
    parts: &'a [Part],
    /// How the parts of one thread share its time.
    shares: Shares,
    /// A timetable each part's model starts from.
    chosen: Option<&'a [usize]>,
    cfg: &'a SolverConfig,
    /// The time of the pass.
    seconds: f64,
    /// Which model of each part it solves.
    form: Form<'a>,
}

/// The model of a part a pass solves.
#[derive(Debug, Clone, Copy)]
enum Form<'a> {
    /// The normal model, scoped to the part.
    Full,
    /// The weekly model (see [`weekly`]), scoped to the part: a weaker
    /// bound where the days are full, but without the symmetry of
    /// interchangeable evenings, so much faster where they are not
    /// (Orthopedagogy's first block of five options: 166 in 14 s against
    /// about 75 s for the normal model).
    Weekly(&'a weekly::Weekly),
}

/// Solves the model of each part of `order` in `pass`, on `workers`
/// threads (see [`solve_all`]); raises each part's bound, records its gap
/// and its timetable's patterns, and sums the bounds.
fn solve_parts(found: &mut PartsBound, order: &[usize], pass: Pass<'_>, workers: usize) {
    let mut patterns: Vec<std::collections::BTreeSet<usize>> =
        found.patterns.iter().map(|ps| ps.iter().copied().collect()).collect();
    for (i, solved) in solve_all(pass, order, workers) {
        found.part_bounds[i] = found.part_bounds[i].max(solved.bound);
        found.closed[i] = solved.closed;
        found.gaps[i] = solved.gap;
        for (a, p) in solved.picked {
            patterns[a].insert(p);
        }
    }
    found.bound = found.total();
    found.patterns = patterns.into_iter().map(|p| p.into_iter().collect()).collect();
}

/// Solves the models of the parts of `order` on `workers` threads at once,
/// each thread its own list of parts (of about equal size, see [`deal`])
/// in turn within the pass's time.
fn solve_all(pass: Pass<'_>, order: &[usize], workers: usize) -> Vec<(usize, Solved)> {
    let lists = deal(order, workers, |i| pass.parts[i].size(pass.set));
    if lists.len() <= 1 {
        return solve_list(pass, order);
    }
    std::thread::scope(|scope| {
        let handles: Vec<_> = lists.iter().map(|list| scope.spawn(move || solve_list(pass, list))).collect();
        // A thread that panicked lost its parts' bounds, which then count
        // 0: still a bound.
        handles.into_iter().flat_map(|h| h.join().unwrap_or_default()).collect()
    })
}

/// `order` dealt into at most `workers` lists of about equal total
/// `size`, each in the order of `order`: each item goes to the list with
/// the least so far.
fn deal(order: &[usize], workers: usize, size: impl Fn(usize) -> usize) -> Vec<Vec<usize>> {
    let mut lists: Vec<(usize, Vec<usize>)> = vec![(0, Vec::new()); workers.clamp(1, order.len().max(1))];
    for &i in order {
        let least = (0..lists.len()).min_by_key(|&k| (lists[k].0, k)).unwrap_or(0);
        lists[least].0 += size(i);
        lists[least].1.push(i);
    }
    lists.into_iter().map(|(_, list)| list).filter(|l| !l.is_empty()).collect()
}

/// Solves the model of each part of `order` in turn within the pass's
/// time, shared as the pass says.
fn solve_list(pass: Pass<'_>, order: &[usize]) -> Vec<(usize, Solved)> {
    let Pass { inst, set, parts, shares, chosen, cfg, seconds, form } = pass;
    let started = Instant::now();
    let size = |i: usize| parts[i].size(set);
    let mut remaining: usize = order.iter().map(|&i| size(i)).sum();
    let mut out = Vec::new();
    for &i in order {
        let left = seconds - started.elapsed().as_secs_f64();
        let share = match shares {
            Shares::BySize => left * size(i) as f64 / remaining as f64,
            Shares::InTurn => left,
        };
        remaining -= size(i);
        if shares == Shares::InTurn && left < 0.2 {
            break;
        }
        out.push((i, solve_one(inst, set, &parts[i], chosen, cfg, share, form)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timetable::{patterns, start};

    fn load(file: &str) -> (Instance, PatternSet) {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("instances").join(file);
        let inst = crate::load_instance(&path).expect(file);
        let set = patterns::generate(&inst, &formulation::corequisite_windows(&inst));
        (inst, set)
    }

    /// An instance, its leaf cohorts' parts, a first timetable and the
    /// parts' bound from their root nodes alone.
    fn at_the_root(file: &str) -> (Instance, PatternSet, Vec<Part>, Vec<usize>, PartsBound) {
        let (inst, set) = load(file);
        let root_only = SolverConfig { node_limit: Some(1), ..SolverConfig::default() };
        let parts = leaf_parts(&inst, &set);
        let chosen = start::by_programme(&inst, &set, &root_only, &|_| {}).expect("a first timetable");
        let found = by_parts(&inst, &set, &parts, Some(&chosen), &root_only, 60.0, &|_| {}).expect("parts");
        (inst, set, parts, chosen, found)
    }

    /// The weekly model of Orthopedagogy's second block of options: every
    /// pattern's class keeps its weeks, sites, lengths, Saturdays and late
    /// meetings; a timetable's classes are feasible there and cost no more
    /// than its share of the normal model; so the weekly optimum bounds it.
    #[test]
    fn a_groups_weekly_model_keeps_a_timetable_and_bounds_its_share() {
        let (inst, set) = load("umons-orthopedagogy-2025-2026.json");
        let cfg = SolverConfig::default();
        let weeks = weekly::Weekly::new(&inst, &set, &cfg);
        let key = |p: &crate::timetable::patterns::Pattern| {
            let mut k: Vec<_> = p
                .meetings
                .iter()
                .map(|m| {
                    (
                        crate::model::time::monday_of(m.date),
                        m.site,
                        m.minutes(),
                        m.on_saturday(),
                        m.is_late(cfg.late_after),
                    )
                })
                .collect();
            k.sort_unstable();
            k
        };
        for (a, range) in set.by_activity.iter().enumerate() {
            for p in range.clone() {
                let q = weeks.classes.class_of[p];
                assert!(weeks.classes.set.by_activity[a].contains(&q), "pattern {p} in another activity's class");
                assert_eq!(key(&set.patterns[p]), key(&weeks.classes.set.patterns[q]), "pattern {p}");
            }
        }
        assert!(
            weeks.classes.set.patterns.len() * 3 < set.patterns.len(),
            "{} classes",
            weeks.classes.set.patterns.len()
        );

        let parts = leaf_parts(&inst, &set);
        let group = groups(&inst, &parts).pop().expect("the group of or-m2");
        let scope = scope_of(&inst, &group.part);
        let chosen = start::by_programme(&inst, &set, &cfg, &|_| {}).expect("a first timetable");
        let sub = group.part.restricted(&set);
        let normal = formulation::build_scoped(&inst, &sub.set, &cfg, &scope);
        let share = normal.value_of(&normal.objective, &normal.start(sub.picks(&chosen)));

        let classes: Vec<usize> = chosen.iter().map(|&p| weeks.classes.class_of[p]).collect();
        let wsub = group.part.restricted(&weeks.classes.set);
        let mut fixed = weeks.build(&inst, &wsub.set, &scope);
        let values = fixed.start(wsub.picks(&classes));
        fixed.fix_patterns(&values);
        let run = |built, start| {
            backend::run(built, &RunSettings { time_limit: 60.0, start, ..RunSettings::from_config(&cfg) }, &|_| {})
        };
        let kept = run(fixed, Some(values));
        assert_eq!(kept.outcome, Outcome::Optimal, "the timetable breaks a row of the weekly model");
        assert!(kept.objective <= share + 1e-6, "{} against {share}", kept.objective);

        let free = run(weeks.build(&inst, &wsub.set, &scope), None);
        assert_eq!(free.outcome, Outcome::Optimal);
        assert!(free.bound <= kept.objective + 1e-6, "{} above {}", free.bound, kept.objective);
        // As strong as its five parts proven in the normal model, whose
        // optima add up to 71 (7 + 19 + 7 + 19 + 19, measured).
        assert!(free.bound >= 71.0 - 1e-6, "{}", free.bound);
    }

    #[test]
    fn dealing_balances_the_sizes_and_keeps_the_order() {
        let sizes = [5, 1, 1, 1, 2, 2];
        let lists = deal(&[1, 2, 3, 4, 5, 0], 2, |i| sizes[i]);
        assert_eq!(lists, vec![vec![1, 3, 5], vec![2, 4, 0]]);
        assert_eq!(deal(&[0, 1], 8, |i| sizes[i]), vec![vec![0], vec![1]], "no more lists than items");
        assert_eq!(deal(&[0, 1], 1, |i| sizes[i]), vec![vec![0, 1]]);
        assert!(deal(&[], 2, |i| sizes[i]).is_empty());
    }

    /// With a node limit every part's model gives the same answer on any
    /// thread, so the parts solved two at a time give exactly the bound,
    /// proofs and patterns of the parts solved one by one. The time
    /// allowed is far beyond what one node needs, so that a loaded machine
    /// cannot cut a part short on one side only.
    #[test]
    fn the_parts_solved_two_at_a_time_give_what_they_give_one_by_one() {
        let (inst, set) = load("helmo-hepl-ingenierie-action-sociale-2025-2026.json");
        let parts = leaf_parts(&inst, &set);
        let cfg = |threads| SolverConfig { node_limit: Some(1), threads, ..SolverConfig::default() };
        let chosen = start::by_programme(&inst, &set, &cfg(1), &|_| {}).expect("a first timetable");
        let one = by_parts(&inst, &set, &parts, Some(&chosen), &cfg(1), 600.0, &|_| {}).expect("parts");
        let two = by_parts(&inst, &set, &parts, Some(&chosen), &cfg(2), 600.0, &|_| {}).expect("parts");
        assert!(one.part_bounds.iter().all(|b| b.is_finite()), "{:?}", one.part_bounds);
        assert_eq!(one, two);
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
        let full = formulation::build(&inst, &set, &cfg, false);
        let values = full.start(chosen.iter().copied());
        let cost = full.value_of(&full.objective, &values);
        let overlaps = full
            .costs
            .iter()
            .find(|(k, _)| *k == formulation::CostKind::EnrolmentOverlaps)
            .map(|(_, e)| full.value_of(e, &values));
        let mut sum = 0.0;
        for part in leaf_parts(&inst, &set) {
            let sub = part.restricted(&set);
            let built = formulation::build_scoped(&inst, &sub.set, &cfg, &scope_of(&inst, &part));
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
        let built = formulation::build(&inst, &set, &cfg, false);
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
        let (inst, set, parts, chosen, mut found) = at_the_root("umons-orthopedagogy-2025-2026.json");
        // The leaf cohorts' parts only here (the blocks' models need more
        // than a minute; the groups are tested on UMONS Education below).
        found.groups.clear();
        let before = found.clone();
        // At the root alone, some of Orthopedagogy's parts stay open.
        assert!(before.open() > 0, "{before:?}");
        let cfg = SolverConfig::default();
        tighten(&inst, &set, &parts, &mut found, &chosen, &cfg, 60.0, &|_| false);
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
        let built = formulation::build(&inst, &set, &cfg, false);
        let cost = built.value_of(&built.objective, &built.start(chosen.iter().copied()));
        assert!(found.bound <= cost + 1e-6, "bound {} above a timetable's cost {cost}", found.bound);
        // Orthopedagogy's best timetable so far costs 237 (120 s, bench/RESULTS.md).
        assert!(found.bound <= 237.0 + 1e-6, "{}", found.bound);
    }

    #[test]
    fn groups_gather_the_leaf_cohorts_parts_by_top_level_cohort() {
        let (inst, set) = load("umons-orthopedagogy-2025-2026.json");
        let parts = leaf_parts(&inst, &set);
        let found = groups(&inst, &parts);
        let tops: Vec<Option<&str>> = found
            .iter()
            .map(|g| inst.cohorts[g.part.leaves[0].index()].parent.map(|p| inst.cohorts[p.index()].id.as_str()))
            .collect();
        assert_eq!(tops, [Some("or-m1"), Some("or-m2")]);
        for g in &found {
            assert_eq!(g.members.len(), 5);
            assert!(!g.closed && g.bound == f64::NEG_INFINITY);
            for &i in &g.members {
                assert!(parts[i].leaves.iter().all(|l| g.part.leaves.contains(l)));
                assert!(parts[i].activities.iter().all(|a| g.part.activities.binary_search(a).is_ok()));
            }
        }
        // UNamur's two options share one top-level cohort: their group
        // would be the whole model.
        let (inst, set) = load("unamur-umons-accompagnement-2025-2026.json");
        let parts = leaf_parts(&inst, &set);
        assert_eq!(parts.len(), 2);
        assert!(groups(&inst, &parts).is_empty());
    }

    #[test]
    fn a_group_counts_its_own_bound_only_above_the_sum_of_its_parts() {
        let part = Part { leaves: Vec::new(), activities: Vec::new() };
        let group = |bound: f64| Group { part: part.clone(), members: vec![0, 1], bound, closed: true };
        let mut found = PartsBound {
            bound: 0.0,
            patterns: Vec::new(),
            part_bounds: vec![10.0, 20.0, f64::NEG_INFINITY, 5.0],
            closed: vec![true, true, false, true],
            gaps: vec![0.0, 0.0, 1.0, 0.0],
            groups: vec![group(35.0)],
        };
        // 35 for parts 0 and 1, 0 for the part without a bound, 5.
        assert_eq!(found.total(), 40.0);
        assert_eq!(found.proven(), "3 of 4 parts proven, 1 of 1 groups proven, 1 of 1 above their parts");
        found.groups = vec![group(25.0)];
        assert_eq!(found.total(), 35.0);
        assert_eq!(found.proven(), "3 of 4 parts proven, 1 of 1 groups proven, 0 of 1 above their parts");
        found.groups = vec![group(f64::NEG_INFINITY)];
        assert_eq!(found.total(), 35.0);
        assert!(found.unproven());
    }

    #[test]
    fn tightening_solves_a_block_with_its_options_as_one_below_the_optimum() {
        let (inst, set, parts, chosen, mut found) = at_the_root("umons-education-social-action-2025-2026.json");
        assert_eq!(found.groups.len(), 1, "block 2 and its three options");
        let members: f64 = found.groups[0].members.iter().map(|&i| found.part_bounds[i].max(0.0)).sum();
        let before = found.bound;
        let cfg = SolverConfig::default();
        tighten(&inst, &set, &parts, &mut found, &chosen, &cfg, 60.0, &|_| false);
        let group = &found.groups[0];
        assert!(group.closed, "{found:?}");
        assert!(group.bound >= members - 1e-6, "the group proves {} below its parts' {members}", group.bound);
        assert!(found.bound >= before - 1e-6);
        // The full model proves 30 the optimum (bench/RESULTS.md): no
        // bound may pass it.
        assert!(found.bound <= 30.0 + 1e-6, "{}", found.bound);
        let built = formulation::build(&inst, &set, &cfg, false);
        let cost = built.value_of(&built.objective, &built.start(chosen.iter().copied()));
        assert!(found.bound <= cost + 1e-6);
    }

    /// Once `enough` says so, after the blocks by week, nothing more is
    /// solved: neither the parts left open nor the blocks in full.
    #[test]
    fn tightening_stops_when_the_bound_is_enough() {
        let (inst, set, parts, chosen, mut found) = at_the_root("umons-education-social-action-2025-2026.json");
        let before = found.clone();
        let asked = tighten_once(&inst, &set, &parts, &mut found, &chosen);
        // Asked once, with the bound after the block's weekly model.
        assert_eq!(asked, vec![found.bound]);
        assert_eq!((&found.part_bounds, &found.closed), (&before.part_bounds, &before.closed));
        let group = &found.groups[0];
        // By week the block is bounded, not proven.
        assert!(!group.closed && group.bound.is_finite(), "{found:?}");
        assert!(found.bound >= before.bound - 1e-6);
        assert!(found.bound <= 30.0 + 1e-6, "{}", found.bound);
    }

    /// Tightens `found` with an `enough` that always says yes: the bounds
    /// it was asked about.
    fn tighten_once(
        inst: &Instance,
        set: &PatternSet,
        parts: &[Part],
        found: &mut PartsBound,
        chosen: &[usize],
    ) -> Vec<f64> {
        let asked = std::sync::Mutex::new(Vec::new());
        let enough = |b: f64| {
            asked.lock().expect("lock").push(b);
            true
        };
        tighten(inst, set, parts, found, chosen, &SolverConfig::default(), 60.0, &enough);
        asked.into_inner().expect("lock")
    }

    /// The bounds by week, solved beside the parts, raise the groups they
    /// are added to; `tighten` then solves no group by week again (it
    /// asks `enough` at once, with the same bound).
    #[test]
    fn bounds_by_week_added_to_the_parts_are_not_solved_again() {
        let (inst, set, parts, chosen, mut found) = at_the_root("umons-education-social-action-2025-2026.json");
        let cfg = SolverConfig::default();
        let bounds = by_week(&inst, &set, &found.groups, &chosen, &cfg, 60.0);
        assert_eq!(bounds.len(), 1, "one block with options");
        // Its three options' parts bound 6 each at the root; by week the
        // block bounds 18, which with the other block's 12 makes the
        // optimum, 30 (measured).
        let members: f64 = found.groups[0].members.iter().map(|&i| found.part_bounds[i]).sum();
        assert!(bounds[0] >= members - 1e-6 && bounds[0] >= 18.0 - 1e-6, "{bounds:?} against {members}");
        let before = found.clone();
        found.add_by_week(&bounds);
        assert_eq!(found.groups[0].bound, bounds[0].max(before.groups[0].bound));
        assert!(!found.groups[0].closed);
        assert!(found.bound >= before.bound - 1e-6 && found.bound <= 30.0 + 1e-6, "{}", found.bound);
        let added = found.clone();
        assert_eq!(tighten_once(&inst, &set, &parts, &mut found, &chosen), vec![added.bound]);
        assert_eq!(found, added, "nothing solved after the bounds by week");
        // No bounds (the thread gave none) change nothing.
        found.add_by_week(&[]);
        assert_eq!(found, added);
    }
}
