//! Constructive start (greedy + ejection repair) and the local search
//! (simulated annealing over moves and swaps with incremental cost).

use super::state::{NONE, State};

/// A small deterministic generator (SplitMix64): same seed, same stream.
#[derive(Debug, Clone)]
pub(crate) struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
    }

    pub fn next_u64(&mut self) -> u64 {
        crate::rng::splitmix64(&mut self.0)
    }

    /// Uniform in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        ((self.next_u64() >> 11) % n as u64) as usize
    }

    /// Uniform in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// Rooms sorted by capacity (ascending), for best-fit choices.
fn rooms_by_capacity(st: &State) -> Vec<usize> {
    let mut rs: Vec<usize> = (0..st.nr).collect();
    rs.sort_by_key(|&r| (st.inst.rooms[r].capacity, r));
    rs
}

/// The best free room for course `c` at period `p`: a room the course
/// already uses if it is free and large enough, else the smallest free room
/// that seats everyone, else the largest free room.
fn best_free_room(st: &State, by_cap: &[usize], c: usize, p: usize) -> Option<usize> {
    let students = st.inst.courses[c].students;
    let free = |r: usize| st.grid[p * st.nr + r] == NONE;
    if let Some(&r) =
        by_cap.iter().find(|&&r| free(r) && st.course_in_room(c, r) > 0 && st.inst.rooms[r].capacity >= students)
    {
        return Some(r);
    }
    if let Some(&r) = by_cap.iter().find(|&&r| free(r) && st.inst.rooms[r].capacity >= students) {
        return Some(r);
    }
    by_cap.iter().rev().copied().find(|&r| free(r))
}

/// Greedy construction: courses in order of difficulty, each lecture at the
/// cheapest feasible period; then an ejection repair for what is left.
pub(crate) fn construct(st: &mut State, rng: &mut Rng, max_repair_steps: usize) {
    let inst = st.inst;
    let nc = inst.courses.len();
    let np = st.np;
    let by_cap = rooms_by_capacity(st);
    // Difficulty: available periods per lecture, fewer is harder; ties by
    // the number of conflicting courses (more is harder).
    let conflicts: Vec<usize> =
        (0..nc).map(|c| (0..nc).filter(|&d| d != c && inst.in_conflict(c, d)).count()).collect();
    let mut order: Vec<usize> = (0..nc).collect();
    order.sort_by(|&a, &b| {
        let fa = (0..np).filter(|&p| !inst.unavailable[a][p]).count() as f64 / inst.courses[a].lectures.max(1) as f64;
        let fb = (0..np).filter(|&p| !inst.unavailable[b][p]).count() as f64 / inst.courses[b].lectures.max(1) as f64;
        fa.total_cmp(&fb).then(conflicts[b].cmp(&conflicts[a])).then(a.cmp(&b))
    });
    let mut first_lecture = vec![0usize; nc];
    for l in (0..st.lectures()).rev() {
        first_lecture[st.lec_course[l]] = l;
    }
    let ppd = inst.periods_per_day;
    for &c in &order {
        for k in 0..inst.courses[c].lectures {
            let l = first_lecture[c] + k;
            let mut best: Option<(i64, usize, usize)> = None;
            for p in 0..np {
                if !st.can_place(c, p) {
                    continue;
                }
                let Some(r) = best_free_room(st, &by_cap, c, p) else { continue };
                let d = p / ppd;
                let mut score = 100 * st.course_on_day(c, d) as i64 + st.cap_cost(c, r);
                // Prefer periods next to a lecture of a shared curriculum.
                let near = inst.course_curricula[c]
                    .iter()
                    .any(|&q| st.curriculum_busy(q, p.wrapping_sub(1), d) || st.curriculum_busy(q, p + 1, d));
                if !near {
                    score += 2;
                }
                if st.course_in_room(c, r) == 0 && st.course_nrooms(c) > 0 {
                    score += 1;
                }
                let score = score * 16 + rng.below(16) as i64;
                if best.is_none_or(|b| score < b.0) {
                    best = Some((score, p, r));
                }
            }
            if let Some((_, p, r)) = best {
                st.insert(l, p, r);
            }
        }
    }
    repair(st, rng, &by_cap, max_repair_steps);
}

/// Places unscheduled lectures by ejecting the lectures in the way (the
/// fewest possible, at random among ties), a bounded number of times.
fn repair(st: &mut State, rng: &mut Rng, by_cap: &[usize], max_steps: usize) {
    if st.nr == 0 {
        return;
    }
    let inst = st.inst;
    let np = st.np;
    let mut tabu = vec![0usize; inst.courses.len() * np];
    for step in 1..=max_steps {
        let pending: Vec<usize> = (0..st.lectures()).filter(|&l| st.period[l] == NONE).collect();
        if pending.is_empty() {
            return;
        }
        let l = pending[rng.below(pending.len())];
        let c = st.lec_course[l];
        // Direct insertion if possible.
        if let Some((p, r)) =
            (0..np).filter(|&p| st.can_place(c, p)).find_map(|p| best_free_room(st, by_cap, c, p).map(|r| (p, r)))
        {
            st.insert(l, p, r);
            continue;
        }
        // Otherwise the period with the fewest blocking lectures.
        let mut best: Option<(usize, usize, Vec<usize>)> = None;
        for p in 0..np {
            if inst.unavailable[c][p] || tabu[c * np + p] > step {
                continue;
            }
            let mut blockers: Vec<usize> = (0..st.nr)
                .map(|r| st.grid[p * st.nr + r])
                .filter(|&m| m != NONE && (st.lec_course[m] == c || inst.in_conflict(c, st.lec_course[m])))
                .collect();
            if blockers.is_empty() {
                // Every room is taken: eject the lecture in a random room.
                blockers.push(st.grid[p * st.nr + rng.below(st.nr)]);
            }
            let key = blockers.len() * 16 + rng.below(16);
            if best.as_ref().is_none_or(|b| key < b.0) {
                best = Some((key, p, blockers));
            }
        }
        let Some((_, p, blockers)) = best else { continue };
        for m in blockers {
            let cm = st.lec_course[m];
            tabu[cm * np + p] = step + 10;
            st.remove(m);
        }
        if st.can_place(c, p)
            && let Some(r) = best_free_room(st, by_cap, c, p)
        {
            st.insert(l, p, r);
        }
    }
}

/// Simulated annealing parameters for one cycle.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Anneal {
    /// Starting temperature.
    pub t0: f64,
    /// Final temperature.
    pub t1: f64,
    /// Number of move attempts.
    pub iterations: u64,
}

/// Tries to place unscheduled lectures directly (cheapest feasible slot).
fn try_insert_unscheduled(st: &mut State, by_cap: &[usize]) {
    for l in 0..st.lectures() {
        if st.period[l] != NONE {
            continue;
        }
        let c = st.lec_course[l];
        if let Some((p, r)) =
            (0..st.np).filter(|&p| st.can_place(c, p)).find_map(|p| best_free_room(st, by_cap, c, p).map(|r| (p, r)))
        {
            st.insert(l, p, r);
        }
    }
}

/// One move in this many is a Kempe-chain move.
const KEMPE_ONE_IN: usize = 10;

/// A Kempe-chain move: lecture `l1` goes from its period to `p2`, the
/// lectures at `p2` that clash with it go the other way, and so on until
/// no clash is left; rooms are kept where free, else the best free room.
/// Accepted by the annealing rule at temperature `t`: returns the cost
/// change if applied, `None` if infeasible or rejected (state unchanged).
fn kempe(st: &mut State, rng: &mut Rng, by_cap: &[usize], l1: usize, p2: usize, t: f64) -> Option<i64> {
    let inst = st.inst;
    let ppd = inst.periods_per_day;
    let nr = st.nr;
    let p1 = st.period[l1];
    // chain[i] = (lecture, from, to)
    let mut chain: Vec<(usize, usize, usize)> = vec![(l1, p1, p2)];
    let mut i = 0;
    while i < chain.len() {
        let (m, _, to) = chain[i];
        let cm = st.lec_course[m];
        for r in 0..nr {
            let k = st.grid[to * nr + r];
            if k == NONE || chain.iter().any(|x| x.0 == k) {
                continue;
            }
            let ck = st.lec_course[k];
            if ck == cm || inst.in_conflict(cm, ck) {
                let back = if to == p2 { p1 } else { p2 };
                chain.push((k, to, back));
            }
        }
        i += 1;
    }
    let cs: Vec<usize> = chain.iter().map(|x| st.lec_course[x.0]).collect();
    let days = [p1 / ppd, p2 / ppd];
    let cap_sum = |st: &State| chain.iter().map(|x| st.cap_cost(st.lec_course[x.0], st.room[x.0])).sum::<i64>();
    let before = st.local_cost(&cs, &days) + cap_sum(st);
    let old: Vec<(usize, usize, usize)> = chain.iter().map(|x| (x.0, st.period[x.0], st.room[x.0])).collect();
    for x in &chain {
        st.remove(x.0);
    }
    let mut ok = true;
    for &(m, _, to) in &chain {
        let c = st.lec_course[m];
        let r0 = old.iter().find(|o| o.0 == m).map(|o| o.2).unwrap_or(0);
        if !st.can_place(c, to) {
            ok = false;
            break;
        }
        let room = if st.grid[to * nr + r0] == NONE { Some(r0) } else { best_free_room(st, by_cap, c, to) };
        let Some(r) = room else {
            ok = false;
            break;
        };
        st.insert(m, to, r);
    }
    let undo = |st: &mut State| {
        for x in &chain {
            if st.period[x.0] != NONE {
                st.remove(x.0);
            }
        }
        for &(m, p, r) in &old {
            st.insert(m, p, r);
        }
    };
    if !ok {
        undo(st);
        return None;
    }
    let delta = st.local_cost(&cs, &days) + cap_sum(st) - before;
    if delta <= 0 || rng.unit() < (-(delta as f64) / t).exp() {
        Some(delta)
    } else {
        undo(st);
        None
    }
}

/// One annealing cycle from the current state; keeps the best state seen
/// in `best` (with its cost) and returns the number of accepted moves.
pub(crate) fn anneal(st: &mut State, rng: &mut Rng, a: Anneal, best: &mut (i64, Vec<(usize, usize)>)) -> u64 {
    let inst = st.inst;
    let ppd = inst.periods_per_day;
    let nl = st.lectures();
    let by_cap = rooms_by_capacity(st);
    try_insert_unscheduled(st, &by_cap);
    let mut cost = st.total_cost();
    if cost < best.0 {
        *best = (cost, st.snapshot());
    }
    let scheduled: Vec<usize> = (0..nl).filter(|&l| st.period[l] != NONE).collect();
    if scheduled.is_empty() {
        return 0;
    }
    let mut first_lec = vec![0usize; inst.courses.len()];
    for l in (0..nl).rev() {
        first_lec[st.lec_course[l]] = l;
    }
    let ratio = (a.t1 / a.t0).ln();
    let block = 1000u64;
    let mut t = a.t0;
    let mut accepted = 0;
    for it in 0..a.iterations {
        if it % block == 0 {
            t = a.t0 * (ratio * it as f64 / a.iterations as f64).exp();
        }
        let l1 = scheduled[rng.below(scheduled.len())];
        let (c1, p1, r1) = (st.lec_course[l1], st.period[l1], st.room[l1]);
        if p1 == NONE {
            continue;
        }
        let p2 = if rng.below(4) == 0 { p1 } else { rng.below(st.np) };
        if p2 != p1 && rng.below(KEMPE_ONE_IN) == 0 {
            if let Some(delta) = kempe(st, rng, &by_cap, l1, p2, t) {
                cost += delta;
                accepted += 1;
                if cost < best.0 {
                    *best = (cost, st.snapshot());
                }
            }
            continue;
        }
        let r2 = if rng.below(2) == 0 {
            rng.below(st.nr)
        } else {
            // A room another lecture of the same course uses.
            let m = first_lec[c1] + rng.below(inst.courses[c1].lectures);
            if st.room[m] == NONE { rng.below(st.nr) } else { st.room[m] }
        };
        if p1 == p2 && r1 == r2 {
            continue;
        }
        let l2 = st.grid[p2 * st.nr + r2];
        let c2 = if l2 == NONE { NONE } else { st.lec_course[l2] };
        if c2 == c1 && p1 != p2 {
            continue;
        }
        let (d1, d2) = (p1 / ppd, p2 / ppd);
        let cs: &[usize] = if l2 == NONE { &[c1] } else { &[c1, c2] };
        let before =
            st.local_cost(cs, &[d1, d2]) + st.cap_cost(c1, r1) + if l2 == NONE { 0 } else { st.cap_cost(c2, r2) };
        st.remove(l1);
        if l2 != NONE {
            st.remove(l2);
        }
        let ok = st.can_place(c1, p2) && {
            st.insert(l1, p2, r2);
            if l2 == NONE {
                true
            } else if st.can_place(c2, p1) {
                st.insert(l2, p1, r1);
                true
            } else {
                st.remove(l1);
                false
            }
        };
        if !ok {
            st.insert(l1, p1, r1);
            if l2 != NONE {
                st.insert(l2, p2, r2);
            }
            continue;
        }
        let after =
            st.local_cost(cs, &[d1, d2]) + st.cap_cost(c1, r2) + if l2 == NONE { 0 } else { st.cap_cost(c2, r1) };
        let delta = after - before;
        if delta <= 0 || rng.unit() < (-(delta as f64) / t).exp() {
            cost += delta;
            accepted += 1;
            if cost < best.0 {
                *best = (cost, st.snapshot());
            }
        } else {
            st.remove(l1);
            if l2 != NONE {
                st.remove(l2);
            }
            st.insert(l1, p1, r1);
            if l2 != NONE {
                st.insert(l2, p2, r2);
            }
        }
    }
    debug_assert_eq!(cost, st.total_cost());
    accepted
}
