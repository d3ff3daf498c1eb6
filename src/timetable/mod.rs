//! The timetable solver: meeting patterns, the good_lp model on HiGHS, room
//! assignment, and the `horaire-timetable/1` result.

pub mod backend;
pub mod bound;
pub mod config;
pub mod formulation;
pub mod patterns;
mod result;
pub mod rooms;
pub mod start;
mod util;
pub mod weekly;

pub use result::{meeting_file, sort_meetings};

use crate::model::timetable::{ModelSizeFile, TimetableFile};
use crate::model::{ActivityId, Instance};
use backend::{Backend, RunSettings};
use config::SolverConfig;
use patterns::NoPattern;
use result::{Answer, CostTerms};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;
use util::{gap_open, seconds_left};

/// Models with more non-zeros than this are not handed whole to HiGHS
/// after the starting solution (see [`solve`]).
const LARGEST_FULL_MIP: usize = 600_000;

/// Models with fewer non-zeros than this go to HiGHS whole right after
/// the starting solution and the LP bound (see [`solve`]).
const SMALLEST_RE_SOLVE: usize = 100_000;

/// The share of the time after the LP relaxation kept for the full model
/// after the re-solves. Measured on 2026-11-23 (30 s): 0.6 gave
/// HELMo 548 (gap 10.2 %) and Orthopedagogy 246 (13.4 %); 0.3 gave HELMo
/// 527 (7.0 %) but cut Orthopedagogy's root short (bound 186, 24.4 %);
/// 0.45 gave 527 (6.8 %) and 246 (14.6 %).
const FULL_MIP_SHARE: f64 = 0.45;

/// The share of the time after the LP relaxation for the bound by the
/// leaf cohorts' parts, which comes before the re-solves (measured on
/// 2026-11-23, 30 s: 0.6 gave Orthopedagogy 227 instead of 221 but left
/// HELMo's re-solves too little time, 548 instead of 527). Since the
/// blocks' weekly models prove Orthopedagogy after it, a shorter pass
/// leaves them more time (measured on 2026-11-30, 30 s: 0.3 proves 237
/// at 23.9-27.6 s, seeds 1-3, where 0.45 did at 26.3-27.9 s; HELMo 521
/// either way).
const BOUND_SHARE: f64 = 0.3;

/// The most of that time the pass may take to give each part
/// [`SECONDS_PER_PART`] (or [`SECONDS_PER_PART_LARGEST`]); with less, the
/// parts' bound comes later, beside the re-solves (Orthopedagogy with
/// `fast.json`, 10 s: 0.3 alone gave 248 at 10.1 % instead of 239 at
/// 8.0 %, measured on 2026-11-30).
const MOST_BOUND_SHARE: f64 = 0.45;

/// Below this many seconds left, the full model is not started (see
/// [`solve`]).
const SECONDS_TO_READ_FULL_MODEL: f64 = 4.0;

/// With this many seconds left after the bound by parts and the
/// re-solves, the full model gets them (see [`solve`]).
const SECONDS_FOR_FULL_MODEL_AFTER_PARTS: f64 = 20.0;

/// The least time for each part's model when the bound comes from the
/// leaf cohorts' parts (see [`bound`]): in 0.3-0.4 s a part gets past its
/// root node. Measured on 2026-11-29 against 1 s, with `fast.json`:
/// Orthopedagogy 243 (13.3 %) instead of 267 (34.5 %) and HELMo 548 at
/// 10.6 % instead of 11.6 %.
const SECONDS_PER_PART: f64 = 0.3;

/// The same for models above [`LARGEST_FULL_MIP`] (see [`solve`]).
const SECONDS_PER_PART_LARGEST: f64 = 1.0;

/// The least time after the LP relaxation for the groups' weekly models
/// to start beside the parts (see [`improve_and_bound`]): Orthopedagogy's
/// first block needs 14-20 s by week. With `fast.json` (10 s) they cannot
/// finish, and the parts on one thread gave Orthopedagogy 249 at 11.65 %
/// and HELMo 560 at 13.44 %, against 239 at 7.95 % and 536 at 8.58 %
/// with the parts on two (measured on 2026-11-30).
const SECONDS_FOR_EARLY_BY_WEEK: f64 = 15.0;

/// The least time worth giving the parts again after the re-solves.
const SECONDS_TO_TIGHTEN: f64 = 1.0;

/// Progress and diagnostics for the caller to show (stderr in the CLI).
pub type Progress<'a> = &'a (dyn Fn(&str) + Sync);

/// Model size and timings of a solve.
#[derive(Debug, Clone, Default)]
pub struct SolveStats {
    /// Patterns per activity (activity id, count), in instance order.
    pub patterns_per_activity: Vec<(String, usize)>,
    /// Model size.
    pub size: ModelSizeFile,
    /// Seconds to generate patterns and build the model.
    pub build_seconds: f64,
    /// Seconds in the MIP solver.
    pub solve_seconds: f64,
}

/// A solved timetable.
#[derive(Debug, Clone)]
pub struct Solved {
    /// The file to write.
    pub timetable: TimetableFile,
    /// Sizes and timings.
    pub stats: SolveStats,
}

/// Why no timetable came out.
#[derive(Debug, Clone)]
pub enum SolveFailure {
    /// A cohort's activities need more meetings than its grid opens in a
    /// period (one message per cohort and period).
    GridTooSmall(Vec<String>),
    /// Some activities have no way to meet at all.
    NoPattern(Vec<(ActivityId, NoPattern)>, SolveStats),
    /// The requirements cannot all hold together.
    Infeasible(SolveStats),
    /// The time limit passed without any timetable.
    NoSolutionInTime(SolveStats),
    /// The solver failed.
    Solver(String),
}

/// Generates patterns, builds and solves the model, assigns rooms.
pub fn solve(inst: &Instance, cfg: &SolverConfig, progress: Progress<'_>) -> Result<Solved, SolveFailure> {
    let t0 = Instant::now();
    let counted = crate::explain::counting_problems(inst);
    if !counted.is_empty() {
        return Err(SolveFailure::GridTooSmall(counted));
    }
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
    progress("phase: building the model");
    let start_clock = Instant::now();
    let start = if !inst.programmes.is_empty() {
        progress("phase: a first timetable programme by programme, without the weekly costs (starting solution)");
        let s = start::by_programme(inst, &set, cfg, progress);
        if s.is_none() {
            progress("start: none found; the full model starts from scratch");
        }
        s
    } else {
        None
    };
    let start_seconds = start_clock.elapsed().as_secs_f64();
    let built = formulation::build(inst, &set, cfg, false);
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
    let column: Vec<usize> = built.pattern_columns();
    let costs = CostTerms::of(&built);

    let left = |t0: &Instant| seconds_left(cfg, t0);
    let reproducible = cfg.reproducible();

    // With a start, the rest of the time goes to: the LP relaxation of the
    // full model (a lower bound, so the gap is known whatever comes next);
    // the model restricted to the patterns that LP uses (and the current
    // ones); re-solving the activities of one cohort or teacher at a time
    // with every cost; and the full model itself, started from the result,
    // for its stronger bound (cuts) and branch and bound. The full model
    // gets 45 % of the time after the LP, except on the largest models,
    // whose root node alone outlasts any limit we use (measured on the
    // combined instance: not done after 47 s); there the time goes to the
    // re-solves and the result is only costed. With two leaf cohorts or
    // more on a model that is not small, 45 % of the time after the LP goes
    // first to each cohort's part of the problem, whose bounds add up (see
    // [`bound`]), then the rest to the re-solves (Orthopedagogy: bound
    // 221-227 against 211-213 from the full model; the combined instance
    // in 120 s: 839.6 against 832.5 from the groups of activities sharing
    // no cohort and 770.4 from the LP). What the re-solves leave, when a
    // round of them improves nothing, goes to each top-level cohort's parts
    // as one model by week (see [`weekly`]: Orthopedagogy proven optimal in
    // 30 s, 237, against bound 233 before), then to the parts not proven,
    // then to those groups in full; what is left after that,
    // if the gap is still open, to the full model; otherwise the result is
    // only costed. With two threads or more (`threads` in the config), the
    // groups by week start on a second thread right after the LP, beside
    // the parts (then on one thread; two at a time without groups), and
    // the parts not proven and the groups in full follow them there,
    // beside the re-solves, with all their time; so do the parts
    // themselves when there was too little time for them before the
    // re-solves (all-programmes in 30 s).
    let (start, known_bound, full_mip) = match start {
        Some(chosen) => {
            let improved = improve_and_bound(inst, &set, cfg, &stats, &costs, chosen, t0, progress);
            (Some(improved.chosen), improved.known_bound, improved.full_mip)
        }
        None => (None, f64::NEG_INFINITY, true),
    };

    progress("phase: solving (HiGHS)");
    let start_values = start.map(|chosen| built.start(chosen));
    let settings = RunSettings {
        // Without a start, the full model keeps at least a quarter of the
        // limit.
        time_limit: if reproducible {
            cfg.time_limit
        } else {
            left(&t0).max(if start_values.is_some() { 1.0 } else { cfg.time_limit * 0.25 })
        },
        start: start_values.clone(),
        ..RunSettings::from_config(cfg)
    };
    // When the full model's root does not fit in the time left, the
    // improved start is only completed and costed, with every pattern
    // fixed; its gap is then measured against the best bound known. So it
    // is, too, when the re-solves overran and too little time is left for
    // HiGHS to even read the model and its start (HELMo: 3-4 s), lest the
    // run end past its limit.
    let mut built = built;
    let evaluated = start_values.is_some() && (!full_mip || (!reproducible && left(&t0) < SECONDS_TO_READ_FULL_MODEL));
    if let (true, Some(values)) = (evaluated, &start_values) {
        progress("phase: costing the improved timetable with every pattern fixed");
        built.fix_patterns(values);
    }
    let mut answer = backend::run(built, &settings, &|line| backend::BACKEND.forward_log_line(progress, line));
    // The best known lower bound: the full model's, the LP's or the
    // parts' (never the bound of the fixed model, which is its own
    // objective).
    let bound = if evaluated { known_bound } else { answer.bound.max(known_bound) };
    result::measure_gap(&mut answer, bound, cfg);
    stats.solve_seconds = start_clock.elapsed().as_secs_f64();
    let (status, stats) = result::status_of(&answer.outcome, stats)?;
    let answer = Answer { result: &answer, column: &column, costs: &costs, status };
    result::timetable_of(inst, &set, answer, stats, progress)
}

/// What the phases before the full model leave: a better timetable, the
/// best lower bound known, and whether the full model should follow.
struct Improved {
    chosen: Vec<usize>,
    known_bound: f64,
    full_mip: bool,
}

/// From the first timetable `chosen`: the LP relaxation's bound, the
/// parts' bounds, the re-solves, on one thread or two (see `solve`).
#[allow(clippy::too_many_arguments)]
fn improve_and_bound(
    inst: &Instance,
    set: &patterns::PatternSet,
    cfg: &SolverConfig,
    stats: &SolveStats,
    costs: &[CostTerms],
    chosen: Vec<usize>,
    t0: Instant,
    progress: Progress<'_>,
) -> Improved {
    let left = |t0: &Instant| seconds_left(cfg, t0);
    let reproducible = cfg.reproducible();
    let (relaxed, relaxed_cols) = lp_relaxation(inst, set, cfg, costs, t0, progress);
    let mut known_bound = relaxed.bound;
    let after_lp = left(&t0);
    let workers = cfg.workers();
    let small = stats.size.nonzeros <= SMALLEST_RE_SOLVE;
    let parts = bound::leaf_parts(inst, set);
    // Each part needs a few tenths of a second for its root node, or
    // its bound is no better than the LP's. On the largest models (no
    // full model after) the restricted re-solve after the parts needs
    // its time more: all-programmes in 30 s with its parts' bound gave
    // 980-1031 and once 1378 (the re-solve stopped short), 1016 every
    // time without. Small models do better whole (below).
    let per_part = if stats.size.nonzeros > LARGEST_FULL_MIP { SECONDS_PER_PART_LARGEST } else { SECONDS_PER_PART };
    let least_for_parts = per_part * parts.len() as f64;
    let decompose = parts.len() >= 2 && (reproducible || (!small && MOST_BOUND_SHARE * after_lp >= least_for_parts));
    // The full model follows the re-solves only when its share of the
    // time is enough for HiGHS to read it and its start; otherwise the
    // re-solves take that time too (HELMo with `fast.json`, 10 s: 797
    // and 3 s left unused before).
    let mut full_mip = !decompose
        && (reproducible
            || (stats.size.nonzeros <= LARGEST_FULL_MIP
                && (small || FULL_MIP_SHARE * after_lp >= SECONDS_TO_READ_FULL_MODEL)));
    let mip_share = if full_mip { FULL_MIP_SHARE } else { 0.0 };
    // On small models HiGHS's branch and bound does best with all the
    // time (UNamur, 40 k non-zeros: 113 against 116-120 after the
    // re-solves, 2026-11-23).
    let re_solve = reproducible || decompose || !small;
    let mut by_parts = None;
    // What the parts prove so far, for the progress lines.
    let bound_line = |found: &bound::PartsBound, clock: Instant| {
        progress(&format!(
            "bound: {:.2} from the cohorts' parts, {} ({:.1} s)",
            found.bound,
            found.proven(),
            clock.elapsed().as_secs_f64()
        ));
    };
    // With two threads and groups of parts (a block and its options), the
    // second thread bounds each group by week from the start, beside the
    // parts' first pass on the first thread (with as much solver time as
    // on two): the weekly models need most of the time. Orthopedagogy in
    // 30 s, seeds 1-5, measured on 2026-11-30: optimal in 16.0-27.8 s all
    // five times, where the weekly models after the first pass gave 237
    // at 1.25 % once and optimal in 19.7-27.8 s four times; HELMo 521,
    // 528, 524 against 521, 530, 516; UMONS Education optimal in 10.7 s
    // instead of 6.6 s, its first pass on one thread. Not on the largest
    // models, whose first pass then takes twice as long before the
    // re-solves, which decide their result (all-programmes in 120 s: 909.75
    // and 912.5 against 900.75, the bound 864.5 in all three).
    let rest = SolverConfig { threads: workers.saturating_sub(1).max(1) as u32, ..cfg.clone() };
    let groups = bound::groups(inst, &parts);
    let early = decompose
        && workers >= 2
        && !reproducible
        && stats.size.nonzeros <= LARGEST_FULL_MIP
        && after_lp >= SECONDS_FOR_EARLY_BY_WEEK;
    let mut by_week = (early && !groups.is_empty()).then(|| {
        progress("phase: each top-level cohort's parts together by week, beside the parts (lower bound)");
        let (inst, set, chosen, rest) = (inst.clone(), set.clone(), chosen.clone(), rest.clone());
        let seconds = left(&t0) - 1.0;
        std::thread::spawn(move || bound::by_week(&inst, &set, &groups, &chosen, &rest, seconds))
    });
    if decompose {
        // As much solver time as on one thread: the threads solve the parts
        // not proven beside the re-solves after (HELMo with `fast.json`:
        // 536 instead of 639, the re-solve getting 2 s instead of 1.5 s).
        let seconds =
            if reproducible { cfg.time_limit } else { (BOUND_SHARE * after_lp).max(least_for_parts) / workers as f64 };
        progress("phase: a bound for each leaf cohort's part of the costs (lower bound)");
        let clock = Instant::now();
        let (threads, seconds) = if by_week.is_some() { (&rest, seconds * workers as f64) } else { (cfg, seconds) };
        by_parts = bound::by_parts(inst, set, &parts, Some(&chosen), threads, seconds, progress);
        if let Some(found) = &by_parts {
            bound_line(found, clock);
            known_bound = known_bound.max(found.bound);
        }
    }
    // Per activity, the patterns of the parts' timetables (none without
    // parts).
    let part_patterns: Vec<Vec<usize>> = by_parts.as_ref().map_or_else(Vec::new, |f| f.patterns.clone());
    let after_bound = left(&t0);
    // Nothing more to do once the gap is within the tolerance (UMONS
    // Education: the parts prove 30 and the first re-solve finds it).
    let open = |objective: Option<f64>, bound: f64| gap_open(cfg, objective, bound);
    // A second is left for costing the result after the bound by parts.
    let keep = if decompose { 1.0 } else { mip_share * after_lp + 0.5 };
    // The objective of the best timetable the re-solves have found so far,
    // for the bound thread to stop once the gap is closed.
    let best = Shared::new(f64::INFINITY);
    // And the best bound the bound thread has proven so far, for the
    // re-solves to stop once the gap is closed (Orthopedagogy with
    // thorough.json: see bench/RESULTS.md).
    let proven = Shared::new(known_bound);
    // Asked before each round's step with the current objective, which it
    // passes on to the bound thread as it goes.
    let done = |o: f64| {
        best.lower(o);
        !open(Some(o), proven.get())
    };
    // The restricted re-solve: half of the time on the largest models (no
    // full model after), a quarter before the full model, 40 % of what
    // the parts leave.
    let restricted_for = if reproducible {
        cfg.time_limit
    } else if full_mip {
        0.25 * after_lp
    } else if decompose {
        0.4 * after_bound
    } else {
        0.5 * after_lp
    };
    let search = Search {
        inst,
        set,
        cfg,
        relaxed: &relaxed.values,
        relaxed_cols: &relaxed_cols,
        part_patterns: &part_patterns,
        re_solve,
        restricted_for,
        rounds: re_solve && !reproducible,
        keep,
        best: &best,
        done: &done,
        t0,
        progress,
    };
    // The groups by week come first, unless they started beside the parts.
    let tighten_phase = if by_week.is_some() {
        "phase: the groups by week (started beside the parts), the parts not proven again, then the groups in full (lower bound)"
    } else {
        "phase: the parts of each top-level cohort together by week, the parts not proven again, then the groups in full (lower bound)"
    };
    // With a second thread, the parts not proven and the groups are
    // solved again on it while the re-solves run, each with all the
    // time; on one thread, the time the re-solves leave (they stop once
    // a round of them improves nothing) goes to them, as HiGHS may now
    // prove them (Orthopedagogy in 30 s: 5 s left, one of the two open
    // parts proven, bound 227 -> 229; measured on 2026-11-29).
    // With no bound by parts yet (too little time to solve them before
    // the re-solves, on one thread), the second thread solves them
    // first (all-programmes in 30 s: see bench/RESULTS.md).
    let concurrent = workers >= 2
        && !reproducible
        && left(&t0) - keep >= SECONDS_TO_TIGHTEN
        && match &by_parts {
            Some(found) => found.unproven(),
            // Each part needs a few tenths of a second (see
            // `SECONDS_PER_PART`), or the thread overruns the limit
            // (all-programmes with `fast.json`: 6.5 s for 1.7 s).
            None => {
                parts.len() >= 2
                    && !small
                    && left(&t0) - keep >= SECONDS_PER_PART * parts.len() as f64 / (workers - 1) as f64
            }
        };
    let (chosen, objective) = if concurrent {
        progress(if by_parts.is_some() {
            tighten_phase
        } else {
            "phase: a bound for each leaf cohort's part of the costs, beside the re-solves (lower bound)"
        });
        let clock = Instant::now();
        let seconds = left(&t0) - keep;
        let first = chosen.clone();
        let earlier = by_parts.take();
        let weekly = by_week.take();
        // Nothing more to prove once the bound meets the best timetable
        // (Orthopedagogy with thorough.json: its blocks by week prove 237,
        // and the blocks in full would take 75 s more).
        let closed = |bound: f64| {
            proven.raise(bound);
            let o = best.get();
            !open(o.is_finite().then_some(o), bound)
        };
        let (searched, bounded) = std::thread::scope(|scope| {
            let bounded = scope
                .spawn(|| bound_beside(inst, set, &parts, earlier, weekly, &first, &rest, seconds, &closed, progress));
            (search.run(chosen, known_bound), bounded.join().ok().flatten())
        });
        by_parts = bounded;
        if let Some(found) = &by_parts {
            known_bound = known_bound.max(found.bound);
            bound_line(found, clock);
        }
        searched
    } else {
        search.run(chosen, known_bound)
    };
    // Without the thread beside the re-solves, the bounds by week join the
    // parts' here.
    if let Some(weekly) = by_week.take() {
        let bounds = weekly.join().unwrap_or_default();
        if let Some(found) = by_parts.as_mut() {
            found.add_by_week(&bounds);
            known_bound = known_bound.max(found.bound);
        }
    }
    let tighten_for = left(&t0) - keep;
    if let Some(found) = by_parts.as_mut().filter(|f| {
        !concurrent
            && !reproducible
            && open(objective, known_bound)
            && f.unproven()
            && tighten_for >= SECONDS_TO_TIGHTEN
    }) {
        progress(tighten_phase);
        let clock = Instant::now();
        if bound::tighten(inst, set, &parts, found, &chosen, cfg, tighten_for, &|b| !open(objective, b)) {
            known_bound = known_bound.max(found.bound);
        }
        bound_line(found, clock);
    }
    // When the bound and the re-solves are done early (a long limit)
    // and the gap is still open, the full model gets the rest, started
    // from the result: HiGHS's own search may still improve it and
    // its bound (HELMo with thorough.json: 518 after the re-solves at
    // 58 s, then 513 and bound 497 from the full model, gap 4.83 % ->
    // 3.12 %; measured on 2026-11-29).
    if open(objective, known_bound)
        && decompose
        && !reproducible
        && stats.size.nonzeros <= LARGEST_FULL_MIP
        && left(&t0) >= SECONDS_FOR_FULL_MODEL_AFTER_PARTS
    {
        full_mip = true;
    }
    Improved { chosen, known_bound, full_mip }
}

/// The restricted re-solve, then the rounds of re-solves by group of
/// activities: what they need of the run.
struct Search<'a> {
    inst: &'a Instance,
    set: &'a patterns::PatternSet,
    cfg: &'a SolverConfig,
    /// The LP relaxation's values (empty when it did not finish) and each
    /// pattern's column among them.
    relaxed: &'a [f64],
    relaxed_cols: &'a [usize],
    /// Per activity, the patterns of the parts' timetables (none without
    /// parts).
    part_patterns: &'a [Vec<usize>],
    /// Whether to re-solve at all (not on small models, which HiGHS
    /// solves best whole).
    re_solve: bool,
    /// Seconds for the restricted re-solve.
    restricted_for: f64,
    /// Whether the rounds by group follow it (not in reproducible runs).
    rounds: bool,
    /// Seconds to leave after the rounds.
    keep: f64,
    /// The best objective so far, shared with the bound thread.
    best: &'a Shared,
    /// Asked before each round's step with the current objective.
    done: &'a dyn Fn(f64) -> bool,
    t0: Instant,
    progress: Progress<'a>,
}

impl Search<'_> {
    /// A better timetable than `chosen` and its objective (`None` when
    /// nothing was re-solved), given the bound known so far.
    fn run(&self, mut chosen: Vec<usize>, known_bound: f64) -> (Vec<usize>, Option<f64>) {
        let (set, progress) = (self.set, self.progress);
        let mut objective = None;
        // The patterns the LP relaxation uses, those of the parts' own
        // timetables, and the current ones: a much smaller model that
        // often holds a better timetable (Orthopedagogy, seeds 1 and 2:
        // 240 and 246 with the parts' patterns, 246 and 252 without).
        if self.re_solve && known_bound.is_finite() && !self.relaxed.is_empty() {
            let used = |a: usize| -> Vec<usize> {
                set.by_activity[a]
                    .clone()
                    .filter(|&p| {
                        p == chosen[a]
                            || self.relaxed[self.relaxed_cols[p]] > 1e-6
                            || self.part_patterns.get(a).is_some_and(|ps| ps.binary_search(&p).is_ok())
                    })
                    .collect()
            };
            let kept: usize = (0..set.by_activity.len()).map(|a| used(a).len()).sum();
            if let Some((next, value)) = start::resolve(self.inst, set, self.cfg, &chosen, used, self.restricted_for) {
                progress(&format!(
                    "improve: the {kept} patterns the LP uses{} give objective {value:.2} ({:.1} s)",
                    if self.part_patterns.is_empty() { "" } else { " and the parts' timetables" },
                    self.t0.elapsed().as_secs_f64()
                ));
                chosen = next;
                objective = Some(value);
                self.best.lower(value);
            }
        }
        let improve_for = if self.rounds && gap_open(self.cfg, objective, known_bound) {
            seconds_left(self.cfg, &self.t0) - self.keep
        } else {
            0.0
        };
        if improve_for >= 1.0 {
            let hoods = start::cohort_neighbourhoods(self.inst, set);
            progress(&format!("phase: improving {} groups of activities with every soft cost", hoods.len()));
            let (next, value) =
                start::improve(self.inst, set, self.cfg, chosen, objective, &hoods, improve_for, self.done, progress);
            if let Some(o) = value {
                progress(&format!("improve: objective {o:.2} ({:.1} s)", self.t0.elapsed().as_secs_f64()));
                self.best.lower(o);
            }
            chosen = next;
            objective = value;
        }
        (chosen, objective)
    }
}

/// The bound beside the re-solves, within `seconds`: the leaf cohorts'
/// parts unless `earlier` has them, the groups' bounds by week from the
/// thread `weekly` when it runs, then [`bound::tighten`] from `first`
/// until `enough` says the bound is enough.
#[allow(clippy::too_many_arguments)]
fn bound_beside(
    inst: &Instance,
    set: &patterns::PatternSet,
    parts: &[bound::Part],
    earlier: Option<bound::PartsBound>,
    weekly: Option<std::thread::JoinHandle<Vec<f64>>>,
    first: &[usize],
    cfg: &SolverConfig,
    seconds: f64,
    enough: &(dyn Fn(f64) -> bool + Sync),
    progress: Progress<'_>,
) -> Option<bound::PartsBound> {
    let started = Instant::now();
    // The groups by week end first: they started beside the parts.
    let weekly = weekly.map(|thread| thread.join().unwrap_or_default());
    let mut found = match earlier {
        Some(found) => found,
        None => bound::by_parts(inst, set, parts, Some(first), cfg, seconds, progress)?,
    };
    if let Some(weekly) = weekly {
        found.add_by_week(&weekly);
    }
    let left = seconds - started.elapsed().as_secs_f64();
    if found.unproven() && left >= SECONDS_TO_TIGHTEN {
        bound::tighten(inst, set, parts, &mut found, first, cfg, left, enough);
    }
    Some(found)
}

/// The LP relaxation of the full model, a lower bound, and each
/// pattern's column in it; says what it counts of each cost, where the
/// relaxation is weak.
fn lp_relaxation(
    inst: &Instance,
    set: &patterns::PatternSet,
    cfg: &SolverConfig,
    costs: &[CostTerms],
    t0: Instant,
    progress: Progress<'_>,
) -> (backend::RunResult, Vec<usize>) {
    let reproducible = cfg.reproducible();
    progress("phase: the LP relaxation of the full model (lower bound)");
    let relaxed_model = formulation::build(inst, set, cfg, false);
    let relaxed_cols: Vec<usize> = relaxed_model.pattern_columns();
    let relaxed = backend::run(
        relaxed_model,
        &RunSettings {
            time_limit: if reproducible {
                cfg.time_limit
            } else {
                seconds_left(cfg, &t0).min(cfg.time_limit * 0.4).max(0.5)
            },
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
