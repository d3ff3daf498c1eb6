//! The phases of a solve, as a pipeline: the meeting patterns, a first
//! timetable programme by programme, the full model built; then from that
//! first timetable the LP relaxation's bound, the leaf cohorts' parts (and
//! the groups by week beside them), the re-solves (with the parts bounded
//! again beside them on a second thread), the parts tightened after them;
//! last the full model, started from the result or only costing it. Which
//! phases run, on how many threads and for how long is [`Budget`]'s to
//! say.

use super::backend::{self, Backend, Outcome, RunResult, RunSettings};
use super::bound::{self, Part, PartsBound};
use super::budget::{self, Budget};
use super::config::SolverConfig;
use super::formulation::{self, Built};
use super::patterns::{self, PatternSet};
use super::result::CostTerms;
use super::start;
use super::util::{gap_open, seconds_left};
use super::{Progress, SolveFailure, SolveStats};
use crate::model::Instance;
use crate::model::timetable::ModelSizeFile;
use std::sync::atomic::{AtomicU64, Ordering};
use std::thread::JoinHandle;
use std::time::Instant;

/// What every phase of a solve reads: the instance and its patterns, the
/// config, the clock and where progress goes.
#[derive(Clone, Copy)]
pub(super) struct Run<'a> {
    pub(super) inst: &'a Instance,
    pub(super) set: &'a PatternSet,
    pub(super) cfg: &'a SolverConfig,
    /// When the solve started.
    pub(super) t0: Instant,
    pub(super) progress: Progress<'a>,
}

impl Run<'_> {
    /// Seconds left before the run's deadline.
    fn left(&self) -> f64 {
        seconds_left(self.cfg, &self.t0)
    }

    /// Whether the gap between `objective` and `bound` is still open:
    /// once it is not, nothing more is done (UMONS Education: the parts
    /// prove 30 and the first re-solve finds it).
    fn open(&self, objective: Option<f64>, bound: f64) -> bool {
        gap_open(self.cfg, objective, bound)
    }
}

/// The candidate patterns of every activity, and the stats that count
/// them; the activities with none, as a failure.
pub(super) fn generate_patterns(
    inst: &Instance,
    t0: Instant,
    progress: Progress<'_>,
) -> Result<(PatternSet, SolveStats), SolveFailure> {
    progress("phase: generating meeting patterns");
    let windows = formulation::corequisite_windows(inst);
    let set = patterns::generate(inst, &windows);
    let mut stats = SolveStats {
        patterns_per_activity: set
            .by_activity
            .iter()
            .enumerate()
            .map(|(a, r)| (inst.activities[a].id.clone(), r.len()))
            .collect(),
        ..SolveStats::default()
    };
    progress(&format!("patterns: {} for {} activities", set.patterns.len(), inst.activities.len()));
    if !set.empty.is_empty() {
        stats.build_seconds = t0.elapsed().as_secs_f64();
        return Err(SolveFailure::NoPattern(set.empty, stats));
    }
    Ok((set, stats))
}

/// A first timetable, programme by programme, when the instance has
/// programmes (the full model otherwise starts from scratch).
pub(super) fn first_timetable(
    inst: &Instance,
    set: &PatternSet,
    cfg: &SolverConfig,
    progress: Progress<'_>,
) -> Option<Vec<usize>> {
    if inst.programmes.is_empty() {
        return None;
    }
    progress("phase: a first timetable programme by programme, without the weekly costs (starting solution)");
    let clock = Instant::now();
    let s = start::by_programme(inst, set, cfg, progress);
    match &s {
        Some(_) => progress(&format!("{} ({:.1} s)", super::FIRST_TIMETABLE, clock.elapsed().as_secs_f64())),
        None => progress("start: none found; the full model starts from scratch"),
    }
    s
}

/// The full model, its size in `stats`, and the time to build it (the
/// time since `t0` but the first timetable's `start_seconds`).
pub(super) fn build_model(
    inst: &Instance,
    set: &PatternSet,
    cfg: &SolverConfig,
    stats: &mut SolveStats,
    t0: Instant,
    start_seconds: f64,
    progress: Progress<'_>,
) -> Built {
    let built = formulation::build(inst, set, cfg, false);
    stats.size = ModelSizeFile {
        patterns: set.patterns.len(),
        variables: built.vars.len(),
        rows: built.rows.len(),
        nonzeros: built.nonzeros,
        patterns_per_activity: stats.patterns_per_activity.iter().cloned().collect(),
    };
    stats.build_seconds = t0.elapsed().as_secs_f64() - start_seconds;
    progress(&format!(
        "model: {} variables ({} patterns), {} rows, {} non-zeros, built in {:.2} s",
        stats.size.variables, stats.size.patterns, stats.size.rows, stats.size.nonzeros, stats.build_seconds
    ));
    built
}

/// What the phases before the full model leave: a better timetable, the
/// best lower bound known, and whether the full model should follow.
pub(super) struct Improved {
    pub(super) chosen: Vec<usize>,
    pub(super) known_bound: f64,
    pub(super) full_mip: bool,
}

/// The bounds found so far.
struct Bounds {
    /// The best lower bound known.
    known: f64,
    /// The leaf cohorts' parts, once bounded.
    by_parts: Option<PartsBound>,
    /// The groups' weekly models, while they run on a thread of their own.
    by_week: Option<JoinHandle<Vec<f64>>>,
}

impl Bounds {
    /// Keeps the parts' bound, and the best bound.
    fn set_parts(&mut self, found: Option<PartsBound>) {
        self.by_parts = found;
        if let Some(found) = &self.by_parts {
            self.known = self.known.max(found.bound);
        }
    }
}

/// From the first timetable `chosen` of a model of `nonzeros` non-zeros
/// (its soft costs `costs`): the LP relaxation's bound, the parts'
/// bounds, the re-solves, on one thread or two, as [`Budget`] decides.
pub(super) fn improve_and_bound(run: Run<'_>, nonzeros: usize, costs: &[CostTerms], chosen: Vec<usize>) -> Improved {
    let (relaxed, relaxed_cols) = lp_relaxation(run, nonzeros, costs);
    let after_lp = run.left();
    let parts = bound::leaf_parts(run.inst, run.set);
    let budget = Budget::new(run.cfg, nonzeros, parts.len(), after_lp);
    // The models beside another thread's run on the other threads.
    let rest = SolverConfig { threads: budget.workers.saturating_sub(1).max(1) as u32, ..run.cfg.clone() };
    let mut bounds = Bounds { known: relaxed.bound, by_parts: None, by_week: None };
    bounds.by_week = by_week_beside_parts(run, &budget, &parts, &chosen, &rest);
    if budget.decompose {
        parts_first(run, &budget, &parts, &chosen, &rest, &mut bounds);
    }
    // The groups by week come first, unless they started beside the parts.
    let tighten_phase = if bounds.by_week.is_some() {
        "phase: the groups by week (started beside the parts), the parts not proven again, then the groups in full (lower bound)"
    } else {
        "phase: the parts of each top-level cohort together by week, the parts not proven again, then the groups in full (lower bound)"
    };
    let relaxed = Relaxed { values: &relaxed.values, cols: &relaxed_cols };
    let (chosen, objective, beside) =
        re_solves(run, &budget, &parts, relaxed, &rest, tighten_phase, chosen, &mut bounds);
    // Without the thread beside the re-solves, the bounds by week join the
    // parts' here.
    if let Some(weekly) = bounds.by_week.take() {
        let week_bounds = weekly.join().unwrap_or_default();
        if let Some(found) = bounds.by_parts.as_mut() {
            found.add_by_week(&week_bounds);
            bounds.known = bounds.known.max(found.bound);
        }
    }
    tighten_after(run, &budget, &parts, &chosen, objective, beside, tighten_phase, &mut bounds);
    // When the bound and the re-solves are done early (a long limit)
    // and the gap is still open, the full model gets the rest, started
    // from the result.
    let full_mip = budget.full_mip || budget.full_model_after(run.open(objective, bounds.known), run.left());
    Improved { chosen, known_bound: bounds.known, full_mip }
}

/// The LP relaxation of the full model, a lower bound, and each
/// pattern's column in it; says what it counts of each cost, where the
/// relaxation is weak.
fn lp_relaxation(run: Run<'_>, nonzeros: usize, costs: &[CostTerms]) -> (RunResult, Vec<usize>) {
    let Run { inst, set, cfg, progress, .. } = run;
    if budget::huge(cfg, nonzeros) {
        progress(&format!("bound: no LP relaxation of a model of {nonzeros} non-zeros (it would not finish in time)"));
        return (no_answer(), Vec::new());
    }
    progress("phase: the LP relaxation of the full model (lower bound)");
    let relaxed_model = formulation::build(inst, set, cfg, false);
    let relaxed_cols: Vec<usize> = relaxed_model.pattern_columns();
    let relaxed = backend::run(
        relaxed_model,
        &RunSettings {
            time_limit: budget::lp_seconds(cfg, run.left()),
            relaxation: true,
            ..RunSettings::from_config(cfg)
        },
        &|_| {},
    );
    if !relaxed.values.is_empty() {
        // Where the relaxation is weak: the costs it counts, to compare
        // with a timetable's.
        let counted: Vec<String> =
            costs.iter().map(|c| format!("{} {:.2}", c.kind, c.value(&relaxed.values))).collect();
        progress(&format!("bound: the LP relaxation counts {}", counted.join(", ")));
    }
    let lp_seconds = relaxed.seconds;
    if relaxed.bound.is_finite() {
        progress(&format!("bound: {:.2} from the LP relaxation ({lp_seconds:.1} s)", relaxed.bound));
    } else {
        progress(&format!("bound: the LP relaxation did not finish ({lp_seconds:.1} s)"));
    }
    (relaxed, relaxed_cols)
}

/// With two threads and groups of parts (a block and its options), the
/// groups bounded by week on a thread of their own, beside the parts'
/// first pass on the others (with as much solver time as on all).
fn by_week_beside_parts(
    run: Run<'_>,
    budget: &Budget,
    parts: &[Part],
    chosen: &[usize],
    rest: &SolverConfig,
) -> Option<JoinHandle<Vec<f64>>> {
    let groups = bound::groups(run.inst, parts);
    (budget.early_by_week && !groups.is_empty()).then(|| {
        (run.progress)("phase: each top-level cohort's parts together by week, beside the parts (lower bound)");
        let (inst, set, chosen, rest) = (run.inst.clone(), run.set.clone(), chosen.to_vec(), rest.clone());
        let seconds = run.left() - 1.0;
        std::thread::spawn(move || bound::by_week(&inst, &set, &groups, &chosen, &rest, seconds))
    })
}

/// The parts' first pass, before the re-solves: a bound for each leaf
/// cohort's part of the costs.
fn parts_first(
    run: Run<'_>,
    budget: &Budget,
    parts: &[Part],
    chosen: &[usize],
    rest: &SolverConfig,
    bounds: &mut Bounds,
) {
    let beside_by_week = bounds.by_week.is_some();
    let seconds = budget.first_parts_seconds(beside_by_week);
    (run.progress)("phase: a bound for each leaf cohort's part of the costs (lower bound)");
    let clock = Instant::now();
    let threads = if beside_by_week { rest } else { run.cfg };
    let found = bound::by_parts(run.inst, run.set, parts, Some(chosen), threads, seconds, run.progress);
    if let Some(found) = &found {
        bound_line(run.progress, found, clock);
    }
    bounds.set_parts(found);
}

/// The LP relaxation's values (empty when it did not finish) and each
/// pattern's column among them.
#[derive(Clone, Copy)]
struct Relaxed<'a> {
    values: &'a [f64],
    cols: &'a [usize],
}

/// The re-solves, with the parts bounded again (or for the first time)
/// on a second thread beside them when [`Budget::bound_beside_re_solves`]
/// says so: the better timetable, its objective (`None` when nothing was
/// re-solved), and whether the bound ran beside them.
#[allow(clippy::too_many_arguments)]
fn re_solves(
    run: Run<'_>,
    budget: &Budget,
    parts: &[Part],
    relaxed: Relaxed<'_>,
    rest: &SolverConfig,
    tighten_phase: &str,
    chosen: Vec<usize>,
    bounds: &mut Bounds,
) -> (Vec<usize>, Option<f64>, bool) {
    // Per activity, the patterns of the parts' timetables (none without
    // parts).
    let part_patterns: Vec<Vec<usize>> = bounds.by_parts.as_ref().map_or_else(Vec::new, |f| f.patterns.clone());
    let after_bound = run.left();
    // The objective of the best timetable the re-solves have found so far,
    // for the bound thread to stop once the gap is closed.
    let best = Shared::new(f64::INFINITY);
    // And the best bound the bound thread has proven so far, for the
    // re-solves to stop once the gap is closed (Orthopedagogy with
    // thorough.json: see bench/RESULTS.md).
    let proven = Shared::new(bounds.known);
    // Asked before each round's step with the current objective, which it
    // passes on to the bound thread as it goes.
    let done = |o: f64| {
        best.lower(o);
        !run.open(Some(o), proven.get())
    };
    let search = Search {
        run,
        budget,
        relaxed,
        part_patterns: &part_patterns,
        restricted_for: budget.restricted_seconds(after_bound),
        best: &best,
        done: &done,
    };
    // With a second thread, the parts not proven and the groups are
    // solved again on it while the re-solves run, each with all the
    // time; on one thread, the time the re-solves leave (they stop once
    // a round of them improves nothing) goes to them after (see
    // `tighten_after`). With no bound by parts yet (too little time to
    // solve them before the re-solves, on one thread), the second thread
    // solves them first (all-programmes in 30 s: see bench/RESULTS.md).
    if !budget.bound_beside_re_solves(run.left(), bounds.by_parts.as_ref()) {
        let (chosen, objective) = search.run(chosen, bounds.known);
        return (chosen, objective, false);
    }
    (run.progress)(if bounds.by_parts.is_some() {
        tighten_phase
    } else {
        "phase: a bound for each leaf cohort's part of the costs, beside the re-solves (lower bound)"
    });
    let clock = Instant::now();
    let seconds = run.left() - budget.keep;
    let first = chosen.clone();
    let earlier = bounds.by_parts.take();
    let weekly = bounds.by_week.take();
    // Nothing more to prove once the bound meets the best timetable
    // (Orthopedagogy with thorough.json: its blocks by week prove 237,
    // and the blocks in full would take 75 s more).
    let closed = |bound: f64| {
        proven.raise(bound);
        let o = best.get();
        !run.open(o.is_finite().then_some(o), bound)
    };
    let known = bounds.known;
    let (searched, bounded) = std::thread::scope(|scope| {
        let beside = Beside { run, parts, earlier, weekly, first: &first, cfg: rest, seconds, enough: &closed };
        let bounded = scope.spawn(|| bound_beside(beside));
        (search.run(chosen, known), bounded.join().ok().flatten())
    });
    bounds.set_parts(bounded);
    if let Some(found) = &bounds.by_parts {
        bound_line(run.progress, found, clock);
    }
    (searched.0, searched.1, true)
}

/// On one thread, what the re-solves leave goes to the parts not proven
/// and the groups, as HiGHS may now prove them.
#[allow(clippy::too_many_arguments)]
fn tighten_after(
    run: Run<'_>,
    budget: &Budget,
    parts: &[Part],
    chosen: &[usize],
    objective: Option<f64>,
    beside: bool,
    tighten_phase: &str,
    bounds: &mut Bounds,
) {
    let tighten_for = run.left() - budget.keep;
    let known = bounds.known;
    let Some(found) = bounds
        .by_parts
        .as_mut()
        .filter(|f| budget.tighten_after(beside, run.open(objective, known), f.unproven(), tighten_for))
    else {
        return;
    };
    (run.progress)(tighten_phase);
    let clock = Instant::now();
    if bound::tighten(run.inst, run.set, parts, found, chosen, run.cfg, tighten_for, &|b| !run.open(objective, b)) {
        bounds.known = bounds.known.max(found.bound);
    }
    bound_line(run.progress, found, clock);
}

/// What the parts prove so far, for the progress lines.
fn bound_line(progress: Progress<'_>, found: &PartsBound, clock: Instant) {
    progress(&format!(
        "bound: {:.2} from the cohorts' parts, {} ({:.1} s)",
        found.bound,
        found.proven(),
        clock.elapsed().as_secs_f64()
    ));
}

/// The restricted re-solve, then the rounds of re-solves by group of
/// activities: what they need of the run.
struct Search<'a> {
    run: Run<'a>,
    budget: &'a Budget,
    relaxed: Relaxed<'a>,
    /// Per activity, the patterns of the parts' timetables (none without
    /// parts).
    part_patterns: &'a [Vec<usize>],
    /// Seconds for the restricted re-solve.
    restricted_for: f64,
    /// The best objective so far, shared with the bound thread.
    best: &'a Shared,
    /// Asked before each round's step with the current objective.
    done: &'a dyn Fn(f64) -> bool,
}

impl Search<'_> {
    /// A better timetable than `chosen` and its objective (`None` when
    /// nothing was re-solved), given the bound known so far.
    fn run(&self, mut chosen: Vec<usize>, known_bound: f64) -> (Vec<usize>, Option<f64>) {
        let Run { inst, set, cfg, t0, progress } = self.run;
        let mut objective = None;
        // The patterns the LP relaxation uses, those of the parts' own
        // timetables, and the current ones: a much smaller model that
        // often holds a better timetable (Orthopedagogy, seeds 1 and 2:
        // 240 and 246 with the parts' patterns, 246 and 252 without).
        if self.budget.re_solve && known_bound.is_finite() && !self.relaxed.values.is_empty() {
            let used = |a: usize| -> Vec<usize> {
                set.by_activity[a]
                    .clone()
                    .filter(|&p| {
                        p == chosen[a]
                            || self.relaxed.values[self.relaxed.cols[p]] > 1e-6
                            || self.part_patterns.get(a).is_some_and(|ps| ps.binary_search(&p).is_ok())
                    })
                    .collect()
            };
            let kept: usize = (0..set.by_activity.len()).map(|a| used(a).len()).sum();
            if let Some((next, value)) = start::resolve(inst, set, cfg, &chosen, used, self.restricted_for) {
                progress(&format!(
                    "improve: the {kept} patterns the LP uses{} give objective {value:.2} ({:.1} s)",
                    if self.part_patterns.is_empty() { "" } else { " and the parts' timetables" },
                    t0.elapsed().as_secs_f64()
                ));
                chosen = next;
                objective = Some(value);
                self.best.lower(value);
            }
        }
        let improve_for = self.budget.rounds_seconds(self.run.open(objective, known_bound), self.run.left());
        if improve_for >= 1.0 {
            let hoods = start::cohort_neighbourhoods(inst, set);
            progress(&format!("phase: improving {} groups of activities with every soft cost", hoods.len()));
            let (next, value) =
                start::improve(inst, set, cfg, chosen, objective, &hoods, improve_for, self.done, progress);
            if let Some(o) = value {
                progress(&format!("improve: objective {o:.2} ({:.1} s)", t0.elapsed().as_secs_f64()));
                self.best.lower(o);
            }
            chosen = next;
            objective = value;
        }
        (chosen, objective)
    }
}

/// What the bound thread beside the re-solves needs.
struct Beside<'a> {
    run: Run<'a>,
    parts: &'a [Part],
    /// The parts' bound from their first pass, if they had one.
    earlier: Option<PartsBound>,
    /// The thread bounding the groups by week, when it runs.
    weekly: Option<JoinHandle<Vec<f64>>>,
    /// The timetable each model starts from.
    first: &'a [usize],
    /// The config of its models (its threads).
    cfg: &'a SolverConfig,
    /// Its time.
    seconds: f64,
    /// Says of a bound whether it is enough.
    enough: &'a (dyn Fn(f64) -> bool + Sync),
}

/// The bound beside the re-solves, within its time: the leaf cohorts'
/// parts unless they have a bound already, the groups' bounds by week
/// from their thread when it runs, then [`bound::tighten`] until the
/// bound is enough.
fn bound_beside(beside: Beside<'_>) -> Option<PartsBound> {
    let Beside { run, parts, earlier, weekly, first, cfg, seconds, enough } = beside;
    let (inst, set) = (run.inst, run.set);
    let started = Instant::now();
    // The groups by week end first: they started beside the parts.
    let weekly = weekly.map(|thread| thread.join().unwrap_or_default());
    let mut found = match earlier {
        Some(found) => found,
        None => bound::by_parts(inst, set, parts, Some(first), cfg, seconds, run.progress)?,
    };
    if let Some(weekly) = weekly {
        found.add_by_week(&weekly);
    }
    let left = seconds - started.elapsed().as_secs_f64();
    if found.unproven() && budget::worth_tightening(left) {
        bound::tighten(inst, set, parts, &mut found, first, cfg, left, enough);
    }
    Some(found)
}

/// The full model, started from the improved timetable when there is one
/// (`improved`): its answer, and the best lower bound known with it (the
/// full model's, the LP's or the parts'; never the bound of the fixed
/// model, which is its own objective). When the full model's root does
/// not fit in the time left (see [`budget::only_costed`]), the start is
/// only completed and costed, with every pattern fixed, and its gap
/// measured against the best bound known.
pub(super) fn full_model(run: Run<'_>, built: Built, improved: Option<Improved>) -> (RunResult, f64) {
    let Run { cfg, progress, .. } = run;
    let (start, known_bound, full_mip) = match improved {
        Some(improved) => (Some(improved.chosen), improved.known_bound, improved.full_mip),
        None => (None, f64::NEG_INFINITY, true),
    };
    progress("phase: solving (HiGHS)");
    let start_values = start.map(|chosen| built.start(chosen));
    let settings = RunSettings {
        time_limit: budget::full_model_seconds(cfg, run.left(), start_values.is_some()),
        start: start_values.clone(),
        ..RunSettings::from_config(cfg)
    };
    let mut built = built;
    let evaluated = start_values.is_some() && budget::only_costed(cfg, full_mip, run.left());
    if let (true, Some(values), true) = (evaluated, &start_values, budget::huge(cfg, built.nonzeros)) {
        // Too large for HiGHS to even read in the time left: the helper
        // columns of the start already take their least values, which are
        // the timetable's costs.
        progress("phase: costing the improved timetable (its helper columns filled in)");
        let objective = built.value_of(&built.objective, values);
        let result = RunResult {
            outcome: Outcome::Feasible { gap: 1.0 },
            values: values.clone(),
            objective,
            gap: 1.0,
            bound: f64::NEG_INFINITY,
            seconds: 0.0,
        };
        return (result, known_bound);
    }
    if let (true, Some(values)) = (evaluated, &start_values) {
        progress("phase: costing the improved timetable with every pattern fixed");
        built.fix_patterns(values);
    }
    let result = backend::run(built, &settings, &|line| backend::BACKEND.forward_log_line(progress, line));
    let bound = if evaluated { known_bound } else { result.bound.max(known_bound) };
    (result, bound)
}

/// A run that found nothing (a phase skipped).
fn no_answer() -> RunResult {
    RunResult {
        outcome: Outcome::NoSolutionInTime,
        values: Vec::new(),
        objective: f64::INFINITY,
        gap: 1.0,
        bound: f64::NEG_INFINITY,
        seconds: 0.0,
    }
}

/// A number one thread moves while another reads it: the best
/// timetable's objective, the best bound proven.
struct Shared(AtomicU64);

impl Shared {
    fn new(v: f64) -> Self {
        Shared(AtomicU64::new(v.to_bits()))
    }

    fn get(&self) -> f64 {
        f64::from_bits(self.0.load(Ordering::Relaxed))
    }

    /// Lowers it to `v` if `v` is lower.
    fn lower(&self, v: f64) {
        let _ = self
            .0
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |b| (v < f64::from_bits(b)).then_some(v.to_bits()));
    }

    /// Raises it to `v` if `v` is higher.
    fn raise(&self, v: f64) {
        let _ = self
            .0
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |b| (v > f64::from_bits(b)).then_some(v.to_bits()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_shared_number_only_moves_the_asked_way() {
        let best = Shared::new(f64::INFINITY);
        best.lower(240.0);
        best.lower(250.0);
        assert_eq!(best.get(), 240.0);
        let proven = Shared::new(175.0);
        proven.raise(233.0);
        proven.raise(225.0);
        assert_eq!(proven.get(), 233.0);
    }
}
