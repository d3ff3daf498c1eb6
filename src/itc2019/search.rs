//! Construction (iterative forward search: place the hardest class at its
//! least-conflicting option, unassigning what conflicts, with
//! conflict-based statistics against cycling), student sectioning, and
//! simulated annealing over class options and students' classes.

use super::instance::{ClassId, ConfigId, CourseId, StudentId, SubpartId};
use super::state::State;

/// The seeded generator (SplitMix64 steps).
#[derive(Debug, Clone)]
pub(crate) struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed ^ 0x5DEE_CE66_D1CE_4E5B)
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

/// Places every class (or gives up after `max_steps`): returns whether
/// all classes are assigned.
pub(crate) fn construct(st: &mut State, rng: &mut Rng, max_steps: usize, deadline: &dyn Fn() -> bool) -> bool {
    let m = st.m;
    let n = m.n();
    // How often each (class, option) was unassigned by a conflict.
    let mut ejected: Vec<Vec<u32>> = m.opts.iter().map(|o| vec![0; o.len()]).collect();
    // Hardness: few options and many required constraints first.
    let hard_deg: Vec<usize> =
        (0..n).map(|c| m.dists_of[c].iter().filter(|&&d| m.inst.distributions[d as usize].required).count()).collect();
    let mut buf = Vec::new();
    let mut best_buf = Vec::new();
    let mut steps = 0;
    let mut pool: Vec<ClassId> = (0..n as u32).map(ClassId).filter(|c| st.asg[c.ix()].is_none()).collect();
    while !pool.is_empty() {
        if steps >= max_steps || (steps % 64 == 0 && deadline()) {
            return false;
        }
        steps += 1;
        // The hardest of a few random unassigned classes.
        let mut pick = rng.below(pool.len());
        for _ in 0..4 {
            let j = rng.below(pool.len());
            let key = |c: ClassId| (m.opts[c.ix()].len() as f64) / (1.0 + hard_deg[c.ix()] as f64);
            if key(pool[j]) < key(pool[pick]) {
                pick = j;
            }
        }
        let c = pool.swap_remove(pick);
        let nopt = m.opts[c.ix()].len() as u32;
        if nopt == 0 {
            continue;
        }
        // The option with the fewest (weighted) conflicts, then the least
        // cost; now and then a random one, against cycling.
        let mut best: Option<(u64, i64, u32)> = None;
        let (lo, hi) = if rng.unit() < 0.02 {
            let o = rng.below(nopt as usize) as u32;
            (o, o + 1)
        } else {
            (0, nopt)
        };
        for o in lo..hi {
            buf.clear();
            if !st.conflicts(c, o, &mut buf, false) {
                continue;
            }
            buf.sort();
            buf.dedup();
            let score: u64 =
                buf.iter().map(|&x| 1 + ejected[x.ix()][st.asg[x.ix()].unwrap_or(0) as usize] as u64).sum::<u64>()
                    + ejected[c.ix()][o as usize] as u64 / 4;
            if best.is_some_and(|b| score > b.0) {
                continue;
            }
            let cost = st.contribution(c, o) + (rng.below(3) as i64);
            if best.is_none_or(|b| (score, cost) < (b.0, b.1)) {
                best = Some((score, cost, o));
                std::mem::swap(&mut best_buf, &mut buf);
            }
        }
        if best.is_none() && hi - lo == 1 {
            pool.push(c);
            continue;
        }
        let Some((_, _, o)) = best else { continue };
        for &x in &best_buf {
            if let Some(xo) = st.asg[x.ix()] {
                ejected[x.ix()][xo as usize] += 1;
                st.unassign(x);
                pool.push(x);
            }
        }
        st.assign(c, o);
    }
    st.unassigned == 0
}

/// Subparts of a configuration ordered so that parents' subparts come
/// before their children's.
pub(crate) fn subpart_order(st: &State, cfg: ConfigId) -> Vec<SubpartId> {
    let inst = st.m.inst;
    let depth = |sp: SubpartId| {
        let mut d = 0;
        let mut c = inst.subparts[sp.ix()].classes.first().copied();
        while let Some(x) = c.and_then(|x| inst.classes[x.ix()].parent) {
            d += 1;
            c = Some(x);
        }
        d
    };
    let mut v = inst.configs[cfg.ix()].subparts.clone();
    v.sort_by_key(|&sp| (depth(sp), sp));
    v
}

/// Best classes for student `s` in course `k` given the timetable and the
/// student's other classes: one class per subpart of one configuration,
/// parents respected, limits respected (unless `ignore_limits`). Returns
/// the classes and their weighted conflict cost.
pub(crate) fn best_combo(
    st: &State,
    s: StudentId,
    k: CourseId,
    orders: &[Vec<SubpartId>],
    rng: &mut Rng,
    ignore_limits: bool,
) -> Option<(Vec<ClassId>, i64)> {
    let inst = st.m.inst;
    let mut best: Option<(Vec<ClassId>, i64)> = None;
    let mut nodes = 0usize;
    let configs = &inst.courses[k.ix()].configs;
    let start = rng.below(configs.len());
    for i in 0..configs.len() {
        let cfg = configs[(start + i) % configs.len()];
        let order = &orders[cfg.ix()];
        let mut chosen: Vec<ClassId> = Vec::with_capacity(order.len());
        dfs(st, s, order, &mut chosen, 0, &mut best, &mut nodes, ignore_limits, rng.next_u64());
    }
    best
}

#[allow(clippy::too_many_arguments)]
fn dfs(
    st: &State,
    s: StudentId,
    order: &[SubpartId],
    chosen: &mut Vec<ClassId>,
    cost: i64,
    best: &mut Option<(Vec<ClassId>, i64)>,
    nodes: &mut usize,
    ignore_limits: bool,
    salt: u64,
) {
    let inst = st.m.inst;
    if best.as_ref().is_some_and(|b| cost >= b.1) || *nodes > 4000 {
        return;
    }
    let depth = chosen.len();
    if depth == order.len() {
        *best = Some((chosen.clone(), cost));
        return;
    }
    let classes = &inst.subparts[order[depth].ix()].classes;
    let nc = classes.len();
    let off = (salt as usize).wrapping_add(depth * 7919) % nc;
    for i in 0..nc {
        let x = classes[(off + i) % nc];
        *nodes += 1;
        let class = &inst.classes[x.ix()];
        if let Some(p) = class.parent {
            if inst.subparts[inst.classes[p.ix()].subpart.ix()].config == inst.subparts[class.subpart.ix()].config
                && !chosen.contains(&p)
            {
                continue;
            }
        }
        if !ignore_limits && st.size[x.ix()] >= class.limit {
            continue;
        }
        let mut add = st.student_cost_with(s, x, &[]);
        if let Some(sx) = st.slot(x) {
            for &y in chosen.iter() {
                if let Some(sy) = st.slot(y) {
                    if !super::rules::attendable(inst, sx, sy) {
                        add += st.m.w_student;
                    }
                }
            }
        }
        chosen.push(x);
        dfs(st, s, order, chosen, cost + add, best, nodes, ignore_limits, salt);
        chosen.pop();
    }
}

/// The student's current classes of course `k`.
pub(crate) fn classes_of(st: &State, s: StudentId, k: CourseId) -> Vec<ClassId> {
    st.enrol[s.ix()].iter().copied().filter(|&c| st.m.inst.course_of(c) == k).collect()
}

/// Re-sections student `s` in course `k` into the best classes; returns
/// the change of cost (never positive when the old classes fit).
pub(crate) fn resection(st: &mut State, s: StudentId, k: CourseId, orders: &[Vec<SubpartId>], rng: &mut Rng) -> i64 {
    let before = st.cost;
    let old = classes_of(st, s, k);
    for &c in &old {
        st.enrol_remove(s, c);
    }
    let pick = best_combo(st, s, k, orders, rng, false).or_else(|| best_combo(st, s, k, orders, rng, true));
    let new = match pick {
        Some((v, _)) => v,
        None => old,
    };
    for &c in &new {
        st.enrol_add(s, c);
    }
    st.cost - before
}

/// Sections every student (in a random order) into classes.
pub(crate) fn section_all(st: &mut State, orders: &[Vec<SubpartId>], rng: &mut Rng) {
    let ns = st.m.inst.students.len();
    let mut order: Vec<usize> = (0..ns).collect();
    for i in (1..ns).rev() {
        order.swap(i, rng.below(i + 1));
    }
    for s in order {
        let sid = StudentId(s as u32);
        for k in st.m.inst.students[s].courses.clone() {
            resection(st, sid, k, orders, rng);
        }
    }
}

/// Settings of one annealing run.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Anneal {
    pub t0: f64,
    pub t1: f64,
    pub iterations: u64,
}

/// Simulated annealing over feasible class moves and student re-sectioning;
/// the best state seen is kept in `best`.
pub(crate) fn anneal(
    st: &mut State,
    rng: &mut Rng,
    a: Anneal,
    orders: &[Vec<SubpartId>],
    best: &mut (i64, super::state::Snapshot),
    deadline: &dyn Fn() -> bool,
) {
    let m = st.m;
    let n = m.n();
    let ns = m.inst.students.len();
    let p_student = if ns > 0 && m.w_student > 0 { 0.15 } else { 0.0 };
    let mut buf = Vec::new();
    let ratio = (a.t1 / a.t0).ln();
    let mut since_best = 0u64;
    for it in 0..a.iterations {
        if it % 4096 == 0 && deadline() {
            break;
        }
        let t = a.t0 * (ratio * it as f64 / a.iterations as f64).exp();
        if rng.unit() < p_student {
            let s = StudentId(rng.below(ns) as u32);
            let courses = &m.inst.students[s.ix()].courses;
            if courses.is_empty() {
                continue;
            }
            let k = courses[rng.below(courses.len())];
            resection(st, s, k, orders, rng);
        } else {
            let c = ClassId(rng.below(n) as u32);
            let nopt = m.opts[c.ix()].len();
            let Some(cur) = st.asg[c.ix()] else { continue };
            if nopt < 2 {
                continue;
            }
            let o = rng.below(nopt) as u32;
            if o == cur || !st.feasible(c, o, &mut buf) {
                continue;
            }
            let delta = st.contribution(c, o) - st.contribution(c, cur);
            if delta <= 0 || rng.unit() < (-(delta as f64) / t).exp() {
                st.unassign(c);
                st.assign(c, o);
            }
        }
        since_best += 1;
        if st.cost < best.0 && st.unassigned == 0 {
            best.0 = st.cost;
            best.1 = st.snapshot();
            since_best = 0;
        }
        let _ = since_best;
    }
}

/// A starting temperature: the mean worsening of random feasible moves.
pub(crate) fn mean_worsening(st: &State, rng: &mut Rng, samples: usize) -> f64 {
    let m = st.m;
    let mut buf = Vec::new();
    let (mut sum, mut k) = (0.0, 0);
    for _ in 0..samples * 20 {
        if k >= samples {
            break;
        }
        let c = ClassId(rng.below(m.n()) as u32);
        let Some(cur) = st.asg[c.ix()] else { continue };
        let nopt = m.opts[c.ix()].len();
        if nopt < 2 {
            continue;
        }
        let o = rng.below(nopt) as u32;
        if o == cur || !st.feasible(c, o, &mut buf) {
            continue;
        }
        let d = st.contribution(c, o) - st.contribution(c, cur);
        if d > 0 {
            sum += d as f64;
            k += 1;
        }
    }
    if k == 0 { 1.0 } else { sum / k as f64 }
}
