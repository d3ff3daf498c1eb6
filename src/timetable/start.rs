//! A starting solution, programme by programme, and its improvement by
//! re-solving parts of the model.
//!
//! The full model of several programmes that share teachers and sites is
//! large, and HiGHS may spend its whole time limit before it finds a first
//! timetable; even for one programme, the rows of the weekly soft costs
//! (site changes, busiest week) slow the root node down. Without those
//! rows and programme by programme, the model is small and solves fast:
//! each programme is solved in turn (the largest first) with the choices of
//! the programmes already solved fixed, so shared teachers, rooms and
//! cohorts are respected. The combined choice is a feasible timetable.
//!
//! It is then improved with every soft cost by re-solving restricted
//! models ([`resolve`]): every activity limited to a few patterns (those
//! the LP relaxation uses), or the activities of one cohort or teacher
//! free and the rest fixed ([`improve`]). Each re-solve starts from the
//! current choice, so the objective never goes up.

use super::backend::{self, Outcome, RunSettings};
use super::config::SolverConfig;
use super::patterns::PatternSet;
use super::{Progress, formulation};
use crate::model::Instance;
use std::time::Instant;

/// The least time a programme's model gets in the start, whatever its
/// share of the time: a programme of the faculties of `synth faculty`
/// needs about 2 to 3 s of HiGHS for a first timetable on a shared core
/// (bench/RESULTS.md, "Faculty (issue 21)"), and a share of 60 % of 30 s
/// spread over 24 programmes gave each 0.75 s.
const FLOOR_SECONDS: f64 = 3.0;

/// The share of the time limit that the first pass over the programmes
/// spreads in proportion to their meetings.
const FIRST_PASS_SHARE: f64 = 0.6;

/// The share of the time limit past which the start places nothing more:
/// the programmes that found nothing in their share are tried again, with
/// the time the others left, until then.
const START_SHARE: f64 = 0.85;

/// In the first pass of a timed start of several programmes (one
/// programme keeps its whole pattern list, as before), each activity of the programme
/// being placed keeps at most this many of its patterns, spread evenly
/// over its list: a model a fraction of the size, which HiGHS solves far
/// sooner. A programme that finds nothing so is tried again with all of
/// its patterns.
const THIN_PATTERNS: usize = 24;

/// The independent parts of an instance: groups of programmes (indices,
/// each group sorted, the groups in the order of their first programme)
/// such that no cohort, teacher, site (so no room), individual enrolment
/// or co-requisite links two groups. Each part is a problem of its own.
pub fn independent_parts(inst: &Instance) -> Vec<Vec<usize>> {
    let n = inst.programmes.len();
    let mut parent: Vec<usize> = (0..n).collect();
    fn root(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }
    fn link(parent: &mut [usize], x: usize, y: usize) {
        let (rx, ry) = (root(parent, x), root(parent, y));
        if rx != ry {
            parent[rx.max(ry)] = rx.min(ry);
        }
    }
    // The first programme met for each cohort, teacher and site.
    let mut cohort_first: Vec<Option<usize>> = vec![None; inst.cohorts.len()];
    let mut teacher_first: Vec<Option<usize>> = vec![None; inst.teachers.len()];
    let mut site_first: Vec<Option<usize>> = vec![None; inst.sites.len()];
    let meet = |first: &mut Option<usize>, parent: &mut [usize], p: usize| match *first {
        None => *first = Some(p),
        Some(q) => link(parent, p, q),
    };
    let programme_of = |a: usize| inst.ues[inst.activities[a].ue.index()].programme.index();
    for (a, act) in inst.activities.iter().enumerate() {
        let p = programme_of(a);
        for &c in &act.cohorts {
            for c in inst.cohort_and_ancestors(c) {
                meet(&mut cohort_first[c.index()], &mut parent, p);
                if let Some(q) = inst.cohorts[c.index()].programme {
                    link(&mut parent, p, q.index());
                }
            }
        }
        for t in &act.teachers {
            meet(&mut teacher_first[t.index()], &mut parent, p);
        }
        for s in act.site.sites() {
            meet(&mut site_first[s.index()], &mut parent, p);
        }
    }
    for ue in &inst.ues {
        if let Some(co) = ue.corequisite {
            link(&mut parent, ue.programme.index(), inst.ues[co.index()].programme.index());
        }
    }
    for e in &inst.enrolments {
        for w in e.activities.windows(2) {
            link(&mut parent, programme_of(w[0].index()), programme_of(w[1].index()));
        }
    }
    let mut parts: Vec<Vec<usize>> = Vec::new();
    let mut part_of_root: Vec<Option<usize>> = vec![None; n];
    for g in 0..n {
        let r = root(&mut parent, g);
        match part_of_root[r] {
            Some(k) => parts[k].push(g),
            None => {
                part_of_root[r] = Some(parts.len());
                parts.push(vec![g]);
            }
        }
    }
    parts
}

/// The chosen pattern (index into `set.patterns`) of every activity, or
/// `None` when some programme could not be placed with the earlier
/// programmes of its part fixed, even when tried again with the time the
/// others left.
///
/// The programmes are placed one at a time, the largest first, each with
/// the programmes of its independent part (see [`independent_parts`])
/// placed before it fixed; the parts are dealt over the config's workers
/// and placed at once. A programme's model holds only its own part, so
/// what it finds does not depend on the other parts nor on how they were
/// dealt. Each programme gets a share of [`FIRST_PASS_SHARE`] of the time
/// limit in proportion to its meetings, at least [`FLOOR_SECONDS`]; one
/// that finds nothing in it is tried again after the others of its
/// worker, with the time left before [`START_SHARE`] of the limit. With a
/// node limit every model gets the whole time limit (the node limit stops
/// it) and nothing is tried again: the result does not depend on the
/// clock.
pub fn by_programme(
    inst: &Instance,
    set: &PatternSet,
    cfg: &SolverConfig,
    progress: Progress<'_>,
) -> Option<Vec<usize>> {
    let started = Instant::now();
    let programme_of: Vec<usize> =
        (0..inst.activities.len()).map(|a| inst.ues[inst.activities[a].ue.index()].programme.index()).collect();
    let mut meetings = vec![0u32; inst.programmes.len()];
    for (a, act) in inst.activities.iter().enumerate() {
        meetings[programme_of[a]] += act.minutes.div_ceil(act.session_minutes);
    }
    let mut order: Vec<usize> = (0..inst.programmes.len()).collect();
    order.sort_by_key(|&g| (std::cmp::Reverse(meetings[g]), g));
    let parts = independent_parts(inst);
    let mut part_of = vec![0usize; inst.programmes.len()];
    for (k, part) in parts.iter().enumerate() {
        for &g in part {
            part_of[g] = k;
        }
    }
    if parts.len() > 1 {
        progress(&format!(
            "start: {} independent parts (no shared cohort, teacher, site or student), solved apart on {} thread(s)",
            parts.len(),
            cfg.workers().min(parts.len())
        ));
    }
    // The start only needs to be feasible and reasonable: the weekly costs,
    // whose rows make the model large, are left to the full model.
    let mut light = cfg.clone();
    light.weights.site_change = 0.0;
    light.weights.weekly_peak = 0.0;
    let placer = Placer {
        inst,
        set,
        cfg,
        light: &light,
        programme_of: &programme_of,
        meetings: &meetings,
        part_of: &part_of,
        started,
        progress,
    };
    // The parts dealt over the workers, the largest first, each to the
    // worker with the fewest meetings so far.
    let part_meetings = |k: usize| -> u32 { parts[k].iter().map(|&g| meetings[g]).sum() };
    let mut by_size: Vec<usize> = (0..parts.len()).collect();
    by_size.sort_by_key(|&k| (std::cmp::Reverse(part_meetings(k)), k));
    let mut lists: Vec<(u32, Vec<usize>)> = vec![(0, Vec::new()); cfg.workers().clamp(1, parts.len().max(1))];
    for k in by_size {
        let least = (0..lists.len()).min_by_key(|&w| (lists[w].0, w)).unwrap_or(0);
        lists[least].0 += part_meetings(k);
        lists[least].1.push(k);
    }
    let chains: Vec<Vec<usize>> = lists
        .into_iter()
        .map(|(_, ks)| order.iter().copied().filter(|&g| ks.contains(&part_of[g])).collect())
        .filter(|c: &Vec<usize>| !c.is_empty())
        .collect();
    let placed: Vec<Placed> = if chains.len() <= 1 {
        chains.iter().map(|c| placer.place(c)).collect()
    } else {
        std::thread::scope(|scope| {
            let handles: Vec<_> = chains.iter().map(|c| scope.spawn(|| placer.place(c))).collect();
            handles.into_iter().map(|h| h.join().unwrap_or_default()).collect()
        })
    };
    let mut chosen: Vec<Option<usize>> = vec![None; inst.activities.len()];
    let mut missing: Vec<usize> = Vec::new();
    for p in placed {
        for (a, q) in p.picks {
            chosen[a] = Some(q);
        }
        missing.extend(p.missing);
    }
    if !missing.is_empty() {
        missing.sort_unstable();
        let ids: Vec<&str> = missing.iter().map(|&g| inst.programmes[g].id.as_str()).collect();
        progress(&format!("start: not placed: {} ({:.1} s)", ids.join(", "), started.elapsed().as_secs_f64()));
        return None;
    }
    chosen.into_iter().collect()
}

/// What the placing of a list of programmes needs.
struct Placer<'a> {
    inst: &'a Instance,
    set: &'a PatternSet,
    cfg: &'a SolverConfig,
    /// The config without the weekly costs.
    light: &'a SolverConfig,
    /// Per activity, its programme.
    programme_of: &'a [usize],
    /// Per programme, its meetings.
    meetings: &'a [u32],
    /// Per programme, its independent part.
    part_of: &'a [usize],
    /// When the start began.
    started: Instant,
    progress: Progress<'a>,
}

/// At most `k` of the indices of `range`, spread evenly over it (all of
/// them when there are no more than `k`).
fn spread(range: std::ops::Range<usize>, k: usize) -> Vec<usize> {
    let n = range.len();
    if n <= k {
        return range.collect();
    }
    (0..k).map(|i| range.start + i * n / k).collect()
}

/// What a list of programmes placed: the pattern of each of their
/// activities, and the programmes left without a timetable.
#[derive(Debug, Default)]
struct Placed {
    picks: Vec<(usize, usize)>,
    missing: Vec<usize>,
}

impl Placer<'_> {
    fn elapsed(&self) -> f64 {
        self.started.elapsed().as_secs_f64()
    }

    /// Places the programmes of `list` in turn, then those that found
    /// nothing in their share again with the time left.
    fn place(&self, list: &[usize]) -> Placed {
        let reproducible = self.cfg.reproducible();
        let limit = self.cfg.time_limit;
        let mut chosen: Vec<Option<usize>> = vec![None; self.inst.activities.len()];
        let mut remaining: u32 = list.iter().map(|&g| self.meetings[g]).sum::<u32>().max(1);
        let mut retry = Vec::new();
        let mut missing = Vec::new();
        for &g in list {
            // A share of what is left of the first pass in proportion to
            // the programme's meetings, at least the floor, never past the
            // start's end. Reproducible runs: the node limit stops each
            // model, not the clock (the time limit only guards against a
            // runaway model).
            let share = if reproducible {
                limit
            } else {
                let fair = (limit * FIRST_PASS_SHARE - self.elapsed()) * f64::from(self.meetings[g])
                    / f64::from(remaining.max(1));
                fair.max(FLOOR_SECONDS).min(limit * START_SHARE - self.elapsed())
            };
            remaining = remaining.saturating_sub(self.meetings[g]);
            if share < 0.5 {
                retry.push(g);
                continue;
            }
            // A timed run tries again, with all the patterns, a programme
            // that found nothing with a few.
            let thin = !reproducible && self.inst.programmes.len() > 1;
            if !self.place_one(g, &mut chosen, share, thin) {
                if reproducible { missing.push(g) } else { retry.push(g) }
            }
        }
        for (i, &g) in retry.iter().enumerate() {
            // What is left before the start's end, shared by the
            // programmes still to try.
            let left = limit * START_SHARE - self.elapsed();
            let share = (left / (retry.len() - i) as f64).max(FLOOR_SECONDS).min(left);
            if share < 0.5 || !self.place_one(g, &mut chosen, share, false) {
                missing.push(g);
            } else {
                (self.progress)(&format!("start: programme {} placed on a second try", self.inst.programmes[g].id));
            }
        }
        let picks = chosen.iter().enumerate().filter_map(|(a, p)| p.map(|p| (a, p))).collect();
        Placed { picks, missing }
    }

    /// Places programme `g` within `seconds`, the programmes of its part
    /// in `chosen` fixed, and records its activities' patterns there;
    /// `thin`: with at most [`THIN_PATTERNS`] patterns per activity.
    /// Whether it was placed.
    fn place_one(&self, g: usize, chosen: &mut [Option<usize>], seconds: f64, thin: bool) -> bool {
        let (set, part) = (self.set, self.part_of[g]);
        // A partial pattern set: the programmes of the part already placed
        // keep their pattern, this programme gets all of its patterns,
        // everything else is left out.
        let sub = Restricted::new(set, |a| {
            let p = self.programme_of[a];
            match chosen[a] {
                Some(q) if self.part_of[p] == part => vec![q],
                None if p == g && thin => spread(set.by_activity[a].clone(), THIN_PATTERNS),
                None if p == g => set.by_activity[a].clone().collect(),
                _ => Vec::new(),
            }
        });
        let built = formulation::build(self.inst, &sub.set, self.light, false);
        let cols: Vec<usize> = built.pattern_columns();
        let settings = RunSettings {
            time_limit: seconds,
            // Any first timetable will do: the re-solves with every cost
            // improve it far faster than HiGHS closes this model's gap
            // (HELMo: a first timetable in 2.5 s; 11 s to reach 3 %).
            relative_gap: self.cfg.relative_gap.max(0.5),
            ..RunSettings::from_config(self.cfg)
        };
        let result = backend::run(built, &settings, &|_| {});
        let id = &self.inst.programmes[g].id;
        if !matches!(result.outcome, Outcome::Optimal | Outcome::Feasible { .. }) {
            (self.progress)(&format!(
                "start: programme {id} could not be added ({:?}, {seconds:.1} s given{})",
                result.outcome,
                if thin { ", a few patterns per activity" } else { "" }
            ));
            return false;
        }
        let picks: Option<Vec<(usize, usize)>> = (0..chosen.len())
            .filter(|&a| self.programme_of[a] == g)
            .map(|a| sub.picked(a, &result.values, &cols).map(|p| (a, p)))
            .collect();
        let Some(picks) = picks else { return false };
        for (a, p) in picks {
            chosen[a] = Some(p);
        }
        (self.progress)(&format!(
            "start: programme {id} placed (objective {:.1}, {:.1} s)",
            result.objective,
            self.elapsed()
        ));
        true
    }
}

/// A group of activities re-solved together while every other activity
/// keeps its pattern.
#[derive(Debug, Clone)]
pub struct Neighbourhood {
    /// What the group is, for progress lines ("programme ias-ma",
    /// "cohort ias-b1").
    pub label: String,
    /// The activities (indices) set free.
    pub activities: Vec<usize>,
}

/// The neighbourhoods of the improvement loop: for each leaf cohort, the
/// activities its students attend (its own and its ancestors'), the
/// busiest cohorts first; each teacher's activities when the teacher
/// teaches more than one cohort line; repeated groups are dropped. The
/// weekly soft costs (site changes, busiest week) are counted per leaf
/// cohort, so a cohort's activities are what must move together to lower
/// them.
pub fn cohort_neighbourhoods(inst: &Instance, set: &PatternSet) -> Vec<Neighbourhood> {
    let mut out: Vec<(u32, Neighbourhood)> = Vec::new();
    let meetings = |acts: &[usize]| -> u32 {
        acts.iter().map(|&a| inst.activities[a].minutes.div_ceil(inst.activities[a].session_minutes)).sum()
    };
    for leaf in inst.leaf_cohorts() {
        let acts: Vec<usize> = (0..inst.activities.len())
            .filter(|&a| inst.attends(leaf, crate::model::ActivityId::from_index(a)))
            .filter(|&a| set.by_activity[a].len() > 1)
            .collect();
        if acts.len() > 1 {
            let label = format!("cohort {}", inst.cohorts[leaf.index()].id);
            out.push((meetings(&acts), Neighbourhood { label, activities: acts }));
        }
    }
    for (t, teacher) in inst.teachers.iter().enumerate() {
        let acts: Vec<usize> = (0..inst.activities.len())
            .filter(|&a| inst.activities[a].teachers.iter().any(|x| x.index() == t))
            .filter(|&a| set.by_activity[a].len() > 1)
            .collect();
        if acts.len() > 1 {
            out.push((meetings(&acts), Neighbourhood { label: format!("teacher {}", teacher.id), activities: acts }));
        }
    }
    out.sort_by(|(m1, n1), (m2, n2)| m2.cmp(m1).then_with(|| n1.label.cmp(&n2.label)));
    let mut seen: std::collections::BTreeSet<Vec<usize>> = std::collections::BTreeSet::new();
    let mut kept = Vec::new();
    for (_, n) in out {
        // A group inside one already kept adds nothing.
        if seen.iter().any(|s| n.activities.iter().all(|a| s.binary_search(a).is_ok())) {
            continue;
        }
        seen.insert(n.activities.clone());
        kept.push(n);
    }
    kept
}

/// The most time a step of [`improve`] may take beyond its equal share of
/// a round.
const STEP_SECONDS: f64 = 3.0;

/// Improves a choice one neighbourhood at a time, with every soft cost:
/// the activities of the neighbourhood get all their patterns back, every
/// other activity keeps its current one, and HiGHS starts from the current
/// patterns (so a step never makes the timetable worse). Steps run in
/// order, round after round, until `seconds` are spent or a whole round
/// finds nothing better (with a node limit: one round, reproducible), or
/// until `done` says of the current objective that no better one is
/// needed (a bound found meanwhile meets it). `objective` is the current
/// choice's, when known. Returns the choice and its objective.
#[allow(clippy::too_many_arguments)]
pub fn improve(
    inst: &Instance,
    set: &PatternSet,
    cfg: &SolverConfig,
    mut chosen: Vec<usize>,
    mut objective: Option<f64>,
    hoods: &[Neighbourhood],
    seconds: f64,
    done: &dyn Fn(f64) -> bool,
    progress: Progress<'_>,
) -> (Vec<usize>, Option<f64>) {
    let started = Instant::now();
    // Steps since the last improvement.
    let mut stale = 0usize;
    let rounds = if cfg.reproducible() { 1 } else { usize::MAX };
    // Each step may take an equal share of a round, or a third of the time
    // up to STEP_SECONDS when that is more, and at least a second: most
    // steps end sooner (proven), and the few large ones need a few seconds
    // (HELMo in 30 s, 6.5 s for 17 steps: its first block's step needs
    // 2.6 s and finds 548 -> 523, then 518; with 0.4 s each, 539).
    let share = if cfg.reproducible() {
        cfg.time_limit
    } else {
        (seconds / hoods.len() as f64).max((seconds / 3.0).min(STEP_SECONDS)).max(1.0)
    };
    'rounds: for _ in 0..rounds {
        for hood in hoods {
            let left = seconds - started.elapsed().as_secs_f64();
            if left < share.min(1.0) || stale >= hoods.len() || objective.is_some_and(done) {
                break 'rounds;
            }
            let free = |a: usize| hood.activities.binary_search(&a).is_ok();
            let allowed = |a: usize| if free(a) { set.by_activity[a].clone().collect() } else { vec![chosen[a]] };
            let step = resolve(inst, set, cfg, &chosen, allowed, share.min(left));
            match step {
                Some((next, value)) if objective.is_none_or(|o| value < o - 1e-6) => {
                    if objective.is_some() {
                        progress(&format!(
                            "improve: {} re-solved, objective {value:.2} ({:.1} s)",
                            hood.label,
                            started.elapsed().as_secs_f64()
                        ));
                    }
                    stale = 0;
                    chosen = next;
                    objective = Some(value);
                }
                _ => stale += 1,
            }
        }
    }
    (chosen, objective)
}

/// Re-solves the model with every soft cost, activity `a` restricted to
/// the patterns `allowed(a)` (which must contain `chosen[a]`, the start
/// handed to HiGHS, so the answer is never worse), within `seconds`.
/// Returns the new choice and its objective, or `None` when HiGHS stopped
/// without one.
pub fn resolve(
    inst: &Instance,
    set: &PatternSet,
    cfg: &SolverConfig,
    chosen: &[usize],
    allowed: impl Fn(usize) -> Vec<usize>,
    seconds: f64,
) -> Option<(Vec<usize>, f64)> {
    let sub = Restricted::new(set, allowed);
    let built = formulation::build_for_search(inst, &sub.set, cfg);
    let cols: Vec<usize> = built.pattern_columns();
    let start = built.start(sub.picks(chosen));
    let settings = RunSettings { time_limit: seconds, start: Some(start), ..RunSettings::from_config(cfg) };
    let result = backend::run(built, &settings, &|_| {});
    if !matches!(result.outcome, Outcome::Optimal | Outcome::Feasible { .. }) {
        return None;
    }
    let next = (0..chosen.len()).map(|a| sub.picked(a, &result.values, &cols)).collect::<Option<Vec<usize>>>()?;
    Some((next, result.objective))
}

/// A pattern set in which each activity keeps only some of its patterns,
/// with the original index of each kept pattern.
pub(super) struct Restricted {
    /// The kept patterns, grouped by activity like the full set.
    pub(super) set: PatternSet,
    /// `back[q]`: the index in the full set of kept pattern `q`.
    back: Vec<usize>,
}

impl Restricted {
    /// Keeps the patterns `allowed(a)` (indices into `full`) of each
    /// activity `a`; an activity may keep none (it is then left out of the
    /// model).
    pub(super) fn new(full: &PatternSet, allowed: impl Fn(usize) -> Vec<usize>) -> Self {
        let mut set = PatternSet::default();
        let mut back = Vec::new();
        for a in 0..full.by_activity.len() {
            let first = set.patterns.len();
            for p in allowed(a) {
                set.patterns.push(full.patterns[p].clone());
                back.push(p);
            }
            set.by_activity.push(first..set.patterns.len());
        }
        Restricted { set, back }
    }

    /// The activity owning kept pattern `q`.
    fn owner(&self, q: usize) -> usize {
        self.set.by_activity.partition_point(|r| r.end <= q)
    }

    /// The kept patterns (indices into the kept set) that `chosen`, a
    /// pattern of the full set per activity, picks.
    pub(super) fn picks<'a>(&'a self, chosen: &'a [usize]) -> impl Iterator<Item = usize> + 'a {
        self.back.iter().enumerate().filter(move |&(q, &p)| p == chosen[self.owner(q)]).map(|(q, _)| q)
    }

    /// The pattern (index into the full set) a solution picks for activity
    /// `a`, given the solver's column values and each kept pattern's column.
    pub(super) fn picked(&self, a: usize, values: &[f64], cols: &[usize]) -> Option<usize> {
        self.set.by_activity[a].clone().find(|&q| values[cols[q]] > 0.5).map(|q| self.back[q])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timetable::patterns;

    fn helmo() -> (Instance, PatternSet) {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("instances/helmo-hepl-ingenierie-action-sociale-2025-2026.json");
        let inst = crate::load_instance(&path).expect("HELMo instance");
        let set = patterns::generate(&inst, &formulation::corequisite_windows(&inst));
        (inst, set)
    }

    fn ids(inst: &Instance, hood: &Neighbourhood) -> Vec<String> {
        hood.activities.iter().map(|&a| inst.activities[a].id.clone()).collect()
    }

    #[test]
    fn a_leaf_cohort_group_holds_its_own_and_its_ancestors_activities_only() {
        let (inst, set) = helmo();
        let hoods = cohort_neighbourhoods(&inst, &set);
        let g1 = hoods.iter().find(|h| h.label == "cohort ias-b2-g1").expect("a group for ias-b2-g1");
        let acts = ids(&inst, g1);
        // The group's own seminar, and a course of its parent cohort ias-b2.
        assert!(acts.contains(&"ias-2-9-g1".to_string()), "{acts:?}");
        assert!(acts.contains(&"ias-2-1".to_string()), "{acts:?}");
        // Not a sibling's seminar, not another block's course.
        assert!(!acts.contains(&"ias-2-9-g2".to_string()), "{acts:?}");
        assert!(!acts.contains(&"ias-1-4".to_string()), "{acts:?}");
        // Groups are sorted activity lists and no group repeats another.
        for h in &hoods {
            assert!(h.activities.windows(2).all(|w| w[0] < w[1]), "{}", h.label);
        }
        let distinct: std::collections::BTreeSet<&Vec<usize>> = hoods.iter().map(|h| &h.activities).collect();
        assert_eq!(distinct.len(), hoods.len());
    }

    #[test]
    fn a_resolve_with_one_pattern_each_returns_that_choice_and_a_free_group_never_costs_more() {
        let (inst, set) = helmo();
        let cfg = SolverConfig { node_limit: Some(5), ..SolverConfig::default() };
        let chosen = by_programme(&inst, &set, &cfg, &|_| {}).expect("a first timetable");
        let (same, fixed_cost) =
            resolve(&inst, &set, &cfg, &chosen, |a| vec![chosen[a]], 60.0).expect("the fixed choice is feasible");
        assert_eq!(same, chosen);
        let hoods = cohort_neighbourhoods(&inst, &set);
        // The smallest group (the groups are sorted busiest first).
        let hood = hoods.last().expect("groups");
        let free = |a: usize| hood.activities.binary_search(&a).is_ok();
        let (next, cost) = resolve(
            &inst,
            &set,
            &cfg,
            &chosen,
            |a| if free(a) { set.by_activity[a].clone().collect() } else { vec![chosen[a]] },
            60.0,
        )
        .expect("a re-solve from a feasible start");
        assert!(cost <= fixed_cost + 1e-6, "{cost} > {fixed_cost}");
        for a in 0..chosen.len() {
            if !free(a) {
                assert_eq!(next[a], chosen[a], "activity {} moved outside the group", inst.activities[a].id);
            }
        }
    }

    /// Runs `f` with a `done` that always says yes: what it was asked,
    /// and what `f` returned.
    fn asking<T>(f: impl FnOnce(&dyn Fn(f64) -> bool) -> T) -> (Vec<f64>, T) {
        let asked = std::cell::RefCell::new(Vec::new());
        let done = |o: f64| {
            asked.borrow_mut().push(o);
            true
        };
        let out = f(&done);
        (asked.into_inner(), out)
    }

    /// `done` is asked before each step with the current objective: once
    /// it says so, nothing more is re-solved.
    #[test]
    fn improving_stops_once_done_says_so() {
        let (inst, set) = helmo();
        let cfg = SolverConfig { node_limit: Some(5), ..SolverConfig::default() };
        let chosen = by_programme(&inst, &set, &cfg, &|_| {}).expect("a first timetable");
        let (_, cost) = resolve(&inst, &set, &cfg, &chosen, |a| vec![chosen[a]], 60.0).expect("its cost");
        let hoods = cohort_neighbourhoods(&inst, &set);
        let (asked, (same, objective)) =
            asking(|done| improve(&inst, &set, &cfg, chosen.clone(), Some(cost), &hoods, 60.0, done, &|_| {}));
        assert_eq!((same, objective), (chosen.clone(), Some(cost)));
        assert_eq!(asked, vec![cost], "asked once, before the first step");
        // One step (one group, one round with a node limit) from no known
        // objective: `done` has nothing to judge before it, so the step
        // runs and `done` is never asked.
        let (asked, (_, found)) =
            asking(|done| improve(&inst, &set, &cfg, chosen, None, &hoods[hoods.len() - 1..], 60.0, done, &|_| {}));
        assert!(asked.is_empty());
        assert!(found.is_some_and(|o| o <= cost + 1e-6), "{found:?} against {cost}");
    }
}
