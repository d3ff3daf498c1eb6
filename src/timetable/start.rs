//! A starting solution, programme by programme.
//!
//! The full model of several programmes that share teachers and sites is
//! large, and HiGHS may spend its whole time limit before it finds a first
//! timetable; even for one programme, the rows of the weekly soft costs
//! (site changes, busiest week) slow the root node down. Without those
//! rows and programme by programme, the model is small and solves fast:
//! each programme is solved in turn (the largest first) with the choices of
//! the programmes already solved fixed, so shared teachers, rooms and
//! cohorts are respected. The combined choice is a feasible timetable that
//! the full model starts from and improves.

use super::backend::{self, Outcome, RunSettings};
use super::config::SolverConfig;
use super::patterns::PatternSet;
use super::{Progress, model};
use crate::model::Instance;
use std::time::Instant;

/// The chosen pattern (index into `set.patterns`) of every activity, or
/// `None` when some programme could not be solved with the earlier
/// programmes fixed, or within its share of the time.
pub fn by_programme(
    inst: &Instance,
    set: &PatternSet,
    cfg: &SolverConfig,
    progress: Progress<'_>,
) -> Option<Vec<usize>> {
    let started = Instant::now();
    let programme_of = |a: usize| inst.ues[inst.activities[a].ue.index()].programme.index();
    let mut order: Vec<usize> = (0..inst.programmes.len()).collect();
    let meetings = |g: usize| -> u32 {
        (0..inst.activities.len())
            .filter(|&a| programme_of(a) == g)
            .map(|a| inst.activities[a].minutes.div_ceil(inst.activities[a].session_minutes))
            .sum()
    };
    order.sort_by_key(|&g| (std::cmp::Reverse(meetings(g)), g));

    // The start only needs to be feasible and reasonable: the weekly costs,
    // whose rows make the model large, are left to the full model.
    let mut light = cfg.clone();
    light.weights.site_change = 0.0;
    light.weights.weekly_peak = 0.0;

    // chosen[a]: the pattern fixed for activity a, once its programme is done.
    let mut chosen: Vec<Option<usize>> = vec![None; inst.activities.len()];
    let budget = cfg.time_limit * 0.6;
    let total: u32 = order.iter().map(|&g| meetings(g)).sum::<u32>().max(1);
    let mut remaining = total;
    for &g in &order {
        let left = budget - started.elapsed().as_secs_f64();
        // A share of what is left in proportion to the programme's meetings.
        let mut share = left * f64::from(meetings(g)) / f64::from(remaining.max(1));
        if cfg.node_limit.is_some() {
            // Reproducible runs: the node limit stops each step, not the
            // clock (the time limit only guards against a runaway step).
            share = cfg.time_limit;
        }
        remaining -= meetings(g);
        if share < 0.5 {
            return None;
        }
        // A partial pattern set: fixed programmes keep their pattern, this
        // programme gets all of its patterns, later ones are left out.
        let mut sub = PatternSet::default();
        let mut back: Vec<usize> = Vec::new();
        for (a, fixed) in chosen.iter().enumerate() {
            let first = sub.patterns.len();
            let keep: Vec<usize> = match *fixed {
                Some(p) => vec![p],
                None if programme_of(a) == g => set.by_activity[a].clone().collect(),
                None => Vec::new(),
            };
            for p in keep {
                sub.patterns.push(set.patterns[p].clone());
                back.push(p);
            }
            sub.by_activity.push(first..sub.patterns.len());
        }
        let built = model::build(inst, &sub, &light, false);
        let cols: Vec<usize> = built.x.iter().map(|v| built.column[v]).collect();
        let settings = RunSettings {
            time_limit: share,
            relative_gap: cfg.relative_gap.max(0.05),
            threads: cfg.threads,
            seed: cfg.seed,
            node_limit: cfg.node_limit,
            start: None,
        };
        let result = backend::run(built, &settings, &|_| {});
        if !matches!(result.outcome, Outcome::Optimal | Outcome::Feasible { .. }) {
            progress(&format!("start: programme {} could not be added ({:?})", inst.programmes[g].id, result.outcome));
            return None;
        }
        for (a, fixed) in chosen.iter_mut().enumerate() {
            if fixed.is_some() || programme_of(a) != g {
                continue;
            }
            let best = sub.by_activity[a].clone().find(|&q| result.values[cols[q]] > 0.5)?;
            *fixed = Some(back[best]);
        }
        progress(&format!(
            "start: programme {} placed (objective {:.1}, {:.1} s)",
            inst.programmes[g].id,
            result.objective,
            started.elapsed().as_secs_f64()
        ));
    }
    chosen.into_iter().collect()
}

/// Improves a starting choice programme by programme, now with every soft
/// cost: each programme in turn is re-solved from its current patterns
/// (given to HiGHS as a starting solution, so a step never makes it worse)
/// with the other programmes fixed, until `seconds` are spent.
pub fn improve_by_programme(
    inst: &Instance,
    set: &PatternSet,
    cfg: &SolverConfig,
    mut chosen: Vec<usize>,
    seconds: f64,
    progress: Progress<'_>,
) -> Vec<usize> {
    let started = Instant::now();
    let programme_of = |a: usize| inst.ues[inst.activities[a].ue.index()].programme.index();
    let n = inst.programmes.len();
    for g in 0..n {
        let left = seconds - started.elapsed().as_secs_f64();
        let share = left / (n - g) as f64;
        if share < 1.0 {
            break;
        }
        let mut sub = PatternSet::default();
        let mut back: Vec<usize> = Vec::new();
        for (a, &current) in chosen.iter().enumerate() {
            let first = sub.patterns.len();
            let keep: Vec<usize> =
                if programme_of(a) == g { set.by_activity[a].clone().collect() } else { vec![current] };
            for p in keep {
                sub.patterns.push(set.patterns[p].clone());
                back.push(p);
            }
            sub.by_activity.push(first..sub.patterns.len());
        }
        let built = model::build(inst, &sub, cfg, false);
        let cols: Vec<usize> = built.x.iter().map(|v| built.column[v]).collect();
        let mut start = vec![0.0; built.vars.len()];
        for (q, &p) in back.iter().enumerate() {
            if chosen.contains(&p) {
                start[cols[q]] = 1.0;
            }
        }
        let settings = RunSettings {
            time_limit: share,
            relative_gap: cfg.relative_gap,
            threads: cfg.threads,
            seed: cfg.seed,
            node_limit: cfg.node_limit,
            start: Some(start),
        };
        let result = backend::run(built, &settings, &|_| {});
        if !matches!(result.outcome, Outcome::Optimal | Outcome::Feasible { .. }) {
            continue;
        }
        let mut picked = Vec::new();
        for (a, range) in sub.by_activity.iter().enumerate() {
            if programme_of(a) != g {
                continue;
            }
            match range.clone().find(|&q| result.values[cols[q]] > 0.5) {
                Some(q) => picked.push((a, back[q])),
                None => break,
            }
        }
        if picked.len() == (0..inst.activities.len()).filter(|&a| programme_of(a) == g).count() {
            for (a, p) in picked {
                chosen[a] = p;
            }
            progress(&format!(
                "start: programme {} improved with every soft cost (objective {:.1}, {:.1} s)",
                inst.programmes[g].id,
                result.objective,
                started.elapsed().as_secs_f64()
            ));
        }
    }
    chosen
}
