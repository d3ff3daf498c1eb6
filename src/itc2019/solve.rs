//! The solver driver: student sectioning, constructive start, then cycles
//! of simulated annealing each followed by sub-MIPs re-optimising a group
//! of related classes with HiGHS.
//!
//! Determinism: every random choice comes from one seeded generator, each
//! cycle has a fixed number of moves and sub-MIPs, and HiGHS runs
//! single-threaded with a fixed seed and a node limit. With
//! [`SolveOptions::cycles`] the run is the same whatever the machine load;
//! without it the clock decides how many cycles run and stops the last one
//! at the time limit.

use super::instance::{ConfigId, Instance, StudentId};
use super::lns;
use super::search::{self, Anneal, Best, Rng};
use super::solution::{Meta, Solution};
use super::state::{Model, State};
use std::time::{Duration, Instant};

/// How long and how to search.
#[derive(Debug, Clone)]
pub struct SolveOptions {
    /// Wall-clock budget in seconds (ignored with `cycles`).
    pub seconds: f64,
    /// Seed of the random generator.
    pub seed: u64,
    /// Run exactly this many search cycles, whatever the time (reproducible).
    pub cycles: Option<usize>,
}

/// What the solver found.
#[derive(Debug, Clone)]
pub struct SolveResult {
    /// The best solution found.
    pub solution: Solution,
    /// Its weighted total as the solver counts it (the evaluator agrees
    /// when every class is placed).
    pub cost: i64,
    /// Classes left unplaced (0 unless no feasible start was found).
    pub unplaced: usize,
    /// Search cycles run.
    pub cycles: usize,
    /// Sub-MIPs solved and how many improved the solution.
    pub mips: (usize, usize),
}

/// Solves an instance; `progress` receives one line per stage.
pub fn solve(inst: &Instance, opts: &SolveOptions, progress: crate::progress::Progress<'_>) -> SolveResult {
    let started = Instant::now();
    // Keep a little time to write the solution.
    let budget = Duration::from_secs_f64((opts.seconds - 0.5).max(0.1));
    let timed = opts.cycles.is_none();
    let deadline = || timed && started.elapsed() >= budget;
    let m = Model::new(inst);
    let mut rng = Rng::new(opts.seed);
    let mut st = State::new(&m);
    let orders: Vec<_> = (0..inst.configs.len()).map(|c| search::subpart_order(&st, ConfigId(c as u32))).collect();

    search::section_all(&mut st, &orders, &mut rng);
    let n = m.n();
    let mut placed = false;
    for round in 0..50 {
        placed = search::construct(&mut st, &mut rng, 100 * n.max(100), &deadline);
        progress(&format!("start round {}: {} class(es) unplaced", round + 1, st.unassigned));
        if placed || deadline() {
            break;
        }
    }
    // Section again now that the classes have times.
    for s in 0..inst.students.len() {
        for i in 0..inst.students[s].courses.len() {
            search::resection(&mut st, StudentId(s as u32), inst.students[s].courses[i], &orders, &mut rng);
        }
    }
    progress(&format!(
        "start: cost {} ({} unplaced, {} hard), {:.1} s",
        st.soft,
        st.unassigned,
        st.hard,
        started.elapsed().as_secs_f64()
    ));
    let mut best = Best { cost: i64::MAX, snap: st.snapshot() };
    best.offer(&st);

    let iterations = (n as u64 * 4_000).clamp(1_000_000, 8_000_000);
    let mut cycles = 0;
    let mut mips = (0, 0);
    let mut last = Duration::ZERO;
    let (mut w_hard, mut w_base) = (0.0, 0.0);
    loop {
        if !placed || opts.cycles.is_some_and(|c| cycles >= c) {
            break;
        }
        if timed && cycles > 0 && started.elapsed() + last.mul_f64(0.25) > budget {
            break;
        }
        let t_cycle = Instant::now();
        let scale = search::mean_worsening(&st, &mut rng, 200);
        if cycles == 0 {
            w_hard = 4.0 * scale;
            w_base = w_hard;
        }
        w_hard = w_hard.min(100.0 * w_base);
        let t0 = if cycles == 0 { scale } else { scale * 0.3 };
        search::anneal(
            &mut st,
            &mut rng,
            Anneal { t0, t1: t0 / 200.0, iterations },
            &orders,
            &mut w_hard,
            &mut best,
            &deadline,
        );
        let ended = (st.soft, st.hard);
        st.restore(&best.snap);
        search::resection_conflicting(&mut st, &orders, &mut rng);
        best.offer(&st);
        // The sub-MIPs may take a quarter of the annealing's time (a run of
        // fixed cycles runs them all, bounded by their node limit only).
        let lns_until = Instant::now() + t_cycle.elapsed().mul_f64(0.25);
        let seconds_left = || {
            if !timed {
                return f64::INFINITY;
            }
            let now = Instant::now();
            let end = lns_until.min(started + budget);
            end.saturating_duration_since(now).as_secs_f64()
        };
        let (k, better) = lns::improve(&mut st, &mut rng, 8, &seconds_left);
        mips.0 += k;
        mips.1 += better;
        best.offer(&st);
        cycles += 1;
        last = t_cycle.elapsed();
        progress(&format!(
            "cycle {cycles}: annealing ended at {} ({} hard, weight {:.0}), best {} after {k} sub-MIP(s) ({better} improving); {:.1} s",
            ended.0,
            ended.1,
            w_hard,
            best.cost,
            started.elapsed().as_secs_f64()
        ));
        if deadline() {
            break;
        }
    }
    st.restore(&best.snap);
    let meta = Meta {
        // A run of fixed cycles writes the same bytes every time.
        runtime: if timed { started.elapsed().as_secs_f64() } else { 0.0 },
        cores: 1,
        technique: "Construction, simulated annealing, sub-MIPs (HiGHS)".to_string(),
        author: "horaire".to_string(),
        institution: String::new(),
        country: String::new(),
    };
    SolveResult { solution: st.to_solution(meta), cost: st.soft, unplaced: st.unassigned, cycles, mips }
}
