//! The solver driver: constructive start, then cycles of simulated
//! annealing, each followed by large-neighbourhood steps whose
//! sub-problems are MIPs solved by HiGHS.
//!
//! Determinism: every random choice comes from one seeded generator, each
//! cycle has a fixed number of move attempts, and HiGHS runs single-threaded
//! with a fixed seed and a node limit. The wall clock only decides how many
//! whole cycles run (one always runs); with [`SolveOptions::cycles`] the run is fully
//! reproducible (HiGHS also has a safety time limit per sub-problem, far
//! above what the sub-problems need, which could only matter on a starved
//! machine).

use super::instance::Instance;
use super::lns;
use super::search::{Anneal, Rng, anneal, construct};
use super::solution::Solution;
use super::state::{State, UNSCHEDULED_WEIGHT};
use crate::progress::Progress;
use std::time::{Duration, Instant};

/// How long and how to search.
#[derive(Debug, Clone)]
pub struct SolveOptions {
    /// Wall-clock budget: a new cycle starts only if a cycle as long as the
    /// previous one still fits (the first cycle always runs).
    pub seconds: f64,
    /// Seed of the random generator.
    pub seed: u64,
    /// Stop after this many cycles (for reproducible runs), whatever the time.
    pub cycles: Option<usize>,
}

/// What the solver found.
#[derive(Debug, Clone)]
pub struct SolveResult {
    /// The best timetable found.
    pub solution: Solution,
    /// Its soft cost as the solver counts it (the evaluator should agree).
    pub soft_cost: i64,
    /// Lectures the solver could not schedule (0 unless the instance is
    /// infeasible or very tight).
    pub unscheduled: usize,
    /// Annealing cycles run.
    pub cycles: usize,
    /// Sub-MIPs solved and how many improved the timetable.
    pub mips: (usize, usize),
}

/// Move attempts per annealing cycle for an instance.
fn cycle_iterations(inst: &Instance) -> u64 {
    let nl = inst.total_lectures() as u64;
    (nl * 50_000).clamp(2_000_000, 40_000_000)
}

/// Solves an instance.
/// Each annealing cycle and sub-MIP is told to `progress`.
pub fn solve(inst: &Instance, opts: &SolveOptions, progress: Progress<'_>) -> SolveResult {
    let start = Instant::now();
    let budget = Duration::from_secs_f64(opts.seconds.max(0.0));
    let mut rng = Rng::new(opts.seed);
    let mut st = State::new(inst);
    construct(&mut st, &mut rng, 50 * inst.total_lectures().max(100));
    if st.unscheduled > 0 {
        let left = st.unscheduled;
        let ok = lns::feasible_start(&mut st, rng.next_u64());
        progress(&format!("start: the greedy left {left} lecture(s) unscheduled; time-slot MIP start: {ok}"));
    }
    let mut best = (st.total_cost(), st.snapshot());
    progress(&format!("start: cost {} ({} unscheduled)", best.0 % UNSCHEDULED_WEIGHT, st.unscheduled));
    let iterations = cycle_iterations(inst);
    let mut cycles = 0;
    let mut mips = (0, 0);
    let mut last_cycle = Duration::ZERO;
    let mut lns_size = lns::START_FREED;
    loop {
        if opts.cycles.is_some_and(|n| cycles >= n) {
            break;
        }
        // A new cycle starts only if one as long as the last still fits.
        if opts.cycles.is_none() && cycles > 0 && start.elapsed() + last_cycle > budget {
            break;
        }
        // Zero is a lower bound: nothing left to improve.
        if best.0 == 0 {
            break;
        }
        let cycle_start = Instant::now();
        let t0 = if cycles == 0 { 3.0 } else { 1.2 };
        let t_sa = Instant::now();
        anneal(&mut st, &mut rng, Anneal { t0, t1: 0.02, iterations }, &mut best);
        let sa_secs = t_sa.elapsed().as_secs_f64();
        let sa_best = best.0;
        st.restore(&best.1);
        let t_mip = Instant::now();
        if st.unscheduled == 0 {
            let (n, improved) = lns::improve(&mut st, &mut rng, 2, &mut lns_size, progress);
            mips.0 += n;
            mips.1 += improved;
            let c = st.total_cost();
            if c < best.0 {
                best = (c, st.snapshot());
            }
        }
        cycles += 1;
        last_cycle = cycle_start.elapsed();
        progress(&format!(
            "cycle {cycles}: annealing {sa_best} ({sa_secs:.1} s), after MIPs {} ({:.1} s); {:.1} s in all, {} MIPs ({} improving)",
            best.0,
            t_mip.elapsed().as_secs_f64(),
            start.elapsed().as_secs_f64(),
            mips.0,
            mips.1
        ));
    }
    st.restore(&best.1);
    SolveResult {
        solution: st.to_solution(),
        soft_cost: st.total_cost() - st.unscheduled as i64 * UNSCHEDULED_WEIGHT,
        unscheduled: st.unscheduled,
        cycles,
        mips,
    }
}
