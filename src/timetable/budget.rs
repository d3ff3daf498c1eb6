//! How a solve spends its time limit: which phases run, on how many
//! threads, with what share of the time. The decisions are taken in one
//! place, [`Budget`], from the model's size, the config and the time left
//! after the LP relaxation; those that wait on a later clock reading (or
//! on what a phase found) are its methods, given that reading. Where the
//! values of the constants come from: `bench/RESULTS.md`, "Solver
//! constants: where their values come from".
//!
//! With a node limit ([`SolverConfig::reproducible`]) every phase gets the
//! whole time limit, which then only guards against a runaway model, and
//! the phases that only fill the time left are skipped: the same input
//! gives the same bytes whatever the machine's load.

use super::bound::PartsBound;
use super::config::SolverConfig;

/// Models with more non-zeros than this are not handed whole to HiGHS
/// after the starting solution.
const LARGEST_FULL_MIP: usize = 600_000;

/// Models with more non-zeros than this (the 12-programme faculty of
/// `synth faculty` has 3.2 M) are never handed to HiGHS whole in a timed
/// run: its presolve alone outlasts a 30 s limit (bench/RESULTS.md,
/// "Faculty (issue 21)"). Their LP relaxation is skipped, and the result
/// is costed by filling in the helper columns, not by HiGHS.
pub(super) const HUGE: usize = 2_000_000;

/// Whether a timed run leaves HiGHS out of the whole model of `nonzeros`
/// non-zeros (see [`HUGE`]).
pub(super) fn huge(cfg: &SolverConfig, nonzeros: usize) -> bool {
    !cfg.reproducible() && nonzeros > HUGE
}

/// Models with fewer non-zeros than this go to HiGHS whole right after
/// the starting solution and the LP bound.
const SMALLEST_RE_SOLVE: usize = 100_000;

/// The share of the time after the LP relaxation kept for the full model
/// after the re-solves.
const FULL_MIP_SHARE: f64 = 0.45;

/// The share of the time after the LP relaxation for the bound by the
/// leaf cohorts' parts, before the re-solves.
const BOUND_SHARE: f64 = 0.3;

/// The most of that time the pass may take to give each part its least
/// time; with less, the parts' bound comes later, beside the re-solves.
const MOST_BOUND_SHARE: f64 = 0.45;

/// Below this many seconds left, the full model is not started.
const SECONDS_TO_READ_FULL_MODEL: f64 = 4.0;

/// With this many seconds left after the bound by parts and the
/// re-solves, the full model gets them.
const SECONDS_FOR_FULL_MODEL_AFTER_PARTS: f64 = 20.0;

/// The least time for each part's model (see [`super::bound`]), for it to
/// get past its root node.
const SECONDS_PER_PART: f64 = 0.3;

/// The same for models above [`LARGEST_FULL_MIP`].
const SECONDS_PER_PART_LARGEST: f64 = 1.0;

/// The least time after the LP relaxation for the groups' weekly models
/// to start beside the parts.
const SECONDS_FOR_EARLY_BY_WEEK: f64 = 15.0;

/// The least time worth giving the parts again after the re-solves.
const SECONDS_TO_TIGHTEN: f64 = 1.0;

/// The time limit of the LP relaxation of the full model, with `left`
/// seconds left before the deadline: at most 40 % of the limit, at least
/// half a second.
pub(super) fn lp_seconds(cfg: &SolverConfig, left: f64) -> f64 {
    if cfg.reproducible() { cfg.time_limit } else { left.min(cfg.time_limit * 0.4).max(0.5) }
}

/// The time limit of the full model, with `left` seconds left: all of
/// them, and without a start at least a quarter of the limit.
pub(super) fn full_model_seconds(cfg: &SolverConfig, left: f64, started: bool) -> f64 {
    if cfg.reproducible() { cfg.time_limit } else { left.max(if started { 1.0 } else { cfg.time_limit * 0.25 }) }
}

/// Whether the improved start is only completed and costed, with every
/// pattern fixed, rather than handed to the full model's search: when the
/// full model should not follow (`full_mip`, see [`Budget::full_mip`]), or
/// when too little time is left (`left` seconds) for HiGHS to even read
/// the model and its start, lest the run end past its limit.
pub(super) fn only_costed(cfg: &SolverConfig, full_mip: bool, left: f64) -> bool {
    !full_mip || (!cfg.reproducible() && left < SECONDS_TO_READ_FULL_MODEL)
}

/// Whether `seconds` are worth giving the parts again.
pub(super) fn worth_tightening(seconds: f64) -> bool {
    seconds >= SECONDS_TO_TIGHTEN
}

/// The decisions of a solve that has a first timetable, taken after the
/// LP relaxation.
///
/// With a start, the rest of the time goes to: the LP relaxation of the
/// full model (a lower bound, so the gap is known whatever comes next);
/// the model restricted to the patterns that LP uses (and the current
/// ones); re-solving the activities of one cohort or teacher at a time
/// with every cost; and the full model itself, started from the result,
/// for its stronger bound (cuts) and branch and bound. The full model gets
/// [`FULL_MIP_SHARE`] of the time after the LP, except on the largest
/// models, whose root node alone outlasts any limit we use; there the time
/// goes to the re-solves and the result is only costed. With two leaf
/// cohorts or more on a model that is not small, time after the LP goes
/// first to each cohort's part of the problem, whose bounds add up (see
/// [`super::bound`]), then the rest to the re-solves. What the re-solves
/// leave, when a round of them improves nothing, goes to each top-level
/// cohort's parts as one model by week (see [`super::weekly`]), then to
/// the parts not proven, then to those groups in full; what is left after
/// that, if the gap is still open, to the full model; otherwise the
/// result is only costed. With two threads or more (`threads` in the
/// config), the groups by week start on a second thread right after the
/// LP, beside the parts (then on one thread; two at a time without
/// groups), and the parts not proven and the groups in full follow them
/// there, beside the re-solves, with all their time; so do the parts
/// themselves when there was too little time for them before the
/// re-solves.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Budget {
    reproducible: bool,
    time_limit: f64,
    /// HiGHS models run at once (see [`SolverConfig::workers`]).
    pub(super) workers: usize,
    /// Seconds left after the LP relaxation.
    after_lp: f64,
    /// The number of leaf cohorts' parts.
    parts: usize,
    /// At most [`SMALLEST_RE_SOLVE`] non-zeros: HiGHS does best with the
    /// whole model.
    small: bool,
    /// More than [`LARGEST_FULL_MIP`] non-zeros: no full model after.
    largest: bool,
    /// The least time for the parts' first pass, at
    /// [`SECONDS_PER_PART`] (or [`SECONDS_PER_PART_LARGEST`]) each.
    least_for_parts: f64,
    /// Whether the parts are bounded before the re-solves.
    pub(super) decompose: bool,
    /// Whether the full model follows the re-solves, for its share of the
    /// time (it may still follow them when they end early, see
    /// [`Budget::full_model_after`]).
    pub(super) full_mip: bool,
    /// Whether to re-solve at all (not on small models, which HiGHS
    /// solves best whole).
    pub(super) re_solve: bool,
    /// Whether the rounds of re-solves by group follow the restricted
    /// re-solve (not in reproducible runs).
    pub(super) rounds: bool,
    /// Whether the groups' weekly models start on a thread of their own
    /// beside the parts' first pass (when there are groups).
    pub(super) early_by_week: bool,
    /// Seconds the re-solves leave after them: one for costing the result
    /// after the bound by parts, else the full model's share.
    pub(super) keep: f64,
}

impl Budget {
    /// The decisions for a model of `nonzeros` non-zeros with `parts`
    /// leaf cohorts' parts, `after_lp` seconds left after the LP.
    pub(super) fn new(cfg: &SolverConfig, nonzeros: usize, parts: usize, after_lp: f64) -> Self {
        Budget::with_workers(cfg, cfg.workers(), nonzeros, parts, after_lp)
    }

    /// [`Budget::new`] with `workers` models at once.
    fn with_workers(cfg: &SolverConfig, workers: usize, nonzeros: usize, parts: usize, after_lp: f64) -> Self {
        let reproducible = cfg.reproducible();
        let small = nonzeros <= SMALLEST_RE_SOLVE;
        let largest = nonzeros > LARGEST_FULL_MIP;
        // Each part needs a few tenths of a second for its root node, or
        // its bound is no better than the LP's; on the largest models the
        // restricted re-solve after the parts needs its time more. Small
        // models do better whole.
        let per_part = if largest { SECONDS_PER_PART_LARGEST } else { SECONDS_PER_PART };
        let least_for_parts = per_part * parts as f64;
        let decompose = parts >= 2 && (reproducible || (!small && MOST_BOUND_SHARE * after_lp >= least_for_parts));
        // The full model follows the re-solves only when its share of the
        // time is enough for HiGHS to read it and its start; otherwise the
        // re-solves take that time too.
        let full_mip = !decompose
            && (reproducible || (!largest && (small || FULL_MIP_SHARE * after_lp >= SECONDS_TO_READ_FULL_MODEL)));
        let mip_share = if full_mip { FULL_MIP_SHARE } else { 0.0 };
        let re_solve = reproducible || decompose || !small;
        // With two threads and groups of parts (a block and its options),
        // the second thread bounds each group by week from the start,
        // beside the parts' first pass: the weekly models need most of the
        // time. Not on the largest models, whose first pass then takes
        // twice as long before the re-solves, which decide their result.
        let early_by_week =
            decompose && workers >= 2 && !reproducible && !largest && after_lp >= SECONDS_FOR_EARLY_BY_WEEK;
        Budget {
            reproducible,
            time_limit: cfg.time_limit,
            workers,
            after_lp,
            parts,
            small,
            largest,
            least_for_parts,
            decompose,
            full_mip,
            re_solve,
            rounds: re_solve && !reproducible,
            early_by_week,
            keep: if decompose { 1.0 } else { mip_share * after_lp + 0.5 },
        }
    }

    /// The time of the parts' first pass, on as many threads as the
    /// config allows, or on all but one (`beside_by_week`) with as much
    /// solver time: the threads solve the parts not proven beside the
    /// re-solves after.
    pub(super) fn first_parts_seconds(&self, beside_by_week: bool) -> f64 {
        let seconds = if self.reproducible {
            self.time_limit
        } else {
            (BOUND_SHARE * self.after_lp).max(self.least_for_parts) / self.workers as f64
        };
        if beside_by_week { seconds * self.workers as f64 } else { seconds }
    }

    /// The time of the restricted re-solve, `after_bound` seconds left
    /// after the parts' first pass: a quarter of the time after the LP
    /// before the full model, 40 % of what the parts leave, half of the
    /// time on the largest models (no full model after).
    pub(super) fn restricted_seconds(&self, after_bound: f64) -> f64 {
        if self.reproducible {
            self.time_limit
        } else if self.full_mip {
            0.25 * self.after_lp
        } else if self.decompose {
            0.4 * after_bound
        } else {
            0.5 * self.after_lp
        }
    }

    /// Whether the parts are bounded again (or, without `by_parts` yet,
    /// for the first time) on a second thread beside the re-solves, `left`
    /// seconds left before the deadline.
    pub(super) fn bound_beside_re_solves(&self, left: f64, by_parts: Option<&PartsBound>) -> bool {
        self.workers >= 2
            && !self.reproducible
            && worth_tightening(left - self.keep)
            && match by_parts {
                Some(found) => found.unproven(),
                // Each part needs a few tenths of a second, or the thread
                // overruns the limit.
                None => {
                    self.parts >= 2
                        && !self.small
                        && left - self.keep >= SECONDS_PER_PART * self.parts as f64 / (self.workers - 1) as f64
                }
            }
    }

    /// Whether the parts not proven (and the groups) are bounded again on
    /// this thread after the re-solves, in `seconds`, the gap still
    /// `open` and some part or group not proven (`unproven`); not when
    /// they already were beside the re-solves (`beside`).
    pub(super) fn tighten_after(&self, beside: bool, open: bool, unproven: bool, seconds: f64) -> bool {
        !beside && !self.reproducible && open && unproven && worth_tightening(seconds)
    }

    /// Whether the full model gets the time the bound and the re-solves
    /// leave (`left` seconds) when they end early, the gap still `open`:
    /// HiGHS's own search may still improve the result and its bound.
    pub(super) fn full_model_after(&self, open: bool, left: f64) -> bool {
        open && self.decompose && !self.reproducible && !self.largest && left >= SECONDS_FOR_FULL_MODEL_AFTER_PARTS
    }

    /// Seconds for the restricted re-solve's rounds, `left` seconds left
    /// and the gap still `open`: what is left but [`Budget::keep`].
    pub(super) fn rounds_seconds(&self, open: bool, left: f64) -> f64 {
        if self.rounds && open { left - self.keep } else { 0.0 }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cfg(threads: u32, node_limit: Option<u64>) -> SolverConfig {
        SolverConfig { threads, node_limit, ..SolverConfig::default() }
    }

    /// The budget on `threads` threads, whatever the machine's cores.
    fn on(threads: u32, node_limit: Option<u64>, nonzeros: usize, parts: usize, after_lp: f64) -> Budget {
        Budget::with_workers(&cfg(threads, node_limit), threads as usize, nonzeros, parts, after_lp)
    }

    #[test]
    fn a_reproducible_run_bounds_parts_then_re_solves_once_with_the_whole_limit_each_time() {
        let budget = on(2, Some(200), 50_000, 6, 25.0);
        assert!(budget.decompose && budget.re_solve && !budget.full_mip && !budget.rounds && !budget.early_by_week);
        assert_eq!(budget.first_parts_seconds(false), 30.0);
        assert_eq!(budget.restricted_seconds(3.0), 30.0);
        assert!(!budget.bound_beside_re_solves(25.0, None));
        assert!(!budget.tighten_after(false, true, true, 25.0));
        assert!(!budget.full_model_after(true, 25.0));
        assert_eq!(lp_seconds(&cfg(2, Some(200)), 1.0), 30.0);
        assert!(only_costed(&cfg(2, Some(200)), false, 30.0));
        assert!(!only_costed(&cfg(2, Some(200)), true, 0.0));
    }

    #[test]
    fn a_small_model_goes_whole_to_highs() {
        // One part, or a small model: no decomposition, the full model.
        let budget = on(2, None, 40_000, 5, 27.0);
        assert!(!budget.decompose && budget.full_mip && !budget.re_solve);
        assert_eq!(budget.keep, FULL_MIP_SHARE * 27.0 + 0.5);
        assert_eq!(budget.restricted_seconds(20.0), 0.25 * 27.0);
    }

    #[test]
    fn a_mid_sized_model_with_parts_bounds_them_first_beside_the_groups_by_week() {
        let budget = on(2, None, 300_000, 10, 26.0);
        assert!(budget.decompose && !budget.full_mip && budget.re_solve && budget.rounds && budget.early_by_week);
        assert_eq!(budget.keep, 1.0);
        assert_eq!(budget.first_parts_seconds(false), BOUND_SHARE * 26.0 / 2.0);
        assert_eq!(budget.first_parts_seconds(true), BOUND_SHARE * 26.0);
        assert_eq!(budget.restricted_seconds(10.0), 4.0);
        // With too little time after the LP, no groups by week beside the
        // parts; one thread, no thread beside the re-solves.
        assert!(!on(2, None, 300_000, 10, 8.0).early_by_week);
        let one = on(1, None, 300_000, 10, 26.0);
        assert!(!one.early_by_week && !one.bound_beside_re_solves(20.0, None));
        assert!(one.tighten_after(false, true, true, 1.0) && !one.tighten_after(true, true, true, 20.0));
        assert!(
            one.full_model_after(true, 20.0) && !one.full_model_after(true, 19.9) && !one.full_model_after(false, 25.0)
        );
    }

    #[test]
    fn the_largest_models_only_re_solve_and_are_costed() {
        // Too little time for every part's root: no parts before the
        // re-solves, no full model after.
        let budget = on(2, None, 700_000, 20, 20.0);
        assert!(!budget.decompose && !budget.full_mip && budget.re_solve);
        assert_eq!(budget.keep, 0.5);
        assert_eq!(budget.restricted_seconds(15.0), 10.0);
        // The parts then go beside the re-solves, given the time for them.
        assert!(budget.bound_beside_re_solves(10.0, None));
        assert!(!budget.bound_beside_re_solves(3.0, None));
        assert!(only_costed(&cfg(2, None), budget.full_mip, 20.0));
        // A full model that cannot even be read in the time left is costed.
        assert!(only_costed(&cfg(2, None), true, 3.9) && !only_costed(&cfg(2, None), true, 4.0));
    }

    #[test]
    fn the_lp_and_the_full_model_get_their_share_of_the_limit() {
        let c = cfg(2, None);
        assert_eq!(lp_seconds(&c, 28.0), 12.0);
        assert_eq!(lp_seconds(&c, 0.1), 0.5);
        assert_eq!(full_model_seconds(&c, 2.0, false), 7.5);
        assert_eq!(full_model_seconds(&c, 0.5, true), 1.0);
        assert_eq!(full_model_seconds(&c, 12.0, true), 12.0);
    }
}
