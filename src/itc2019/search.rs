//! Construction (iterative forward search: place the hardest class at its
//! least-conflicting option, unassigning what conflicts, with
//! conflict-based statistics against cycling), student sectioning, and
//! simulated annealing over class options and students' classes, where a
//! hard violation costs an adaptive weight.

use super::instance::{ClassId, ConfigId, CourseId, StudentId, SubpartId};
use super::rules;
use super::state::{NONE, Snapshot, State};

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

/// Places every unassigned class (or gives up after `max_steps`): returns
/// whether all classes are assigned. Assigned classes stay free of hard
/// conflicts with each other.
pub(crate) fn construct(st: &mut State, rng: &mut Rng, max_steps: usize, deadline: &dyn Fn() -> bool) -> bool {
    let m = st.m;
    let n = m.n();
    // How often each (class, option) was unassigned by a conflict.
    let mut ejected: Vec<Vec<u32>> = m.opts.iter().map(|o| vec![0; o.len()]).collect();
    // Hardness: few options and many required constraints first.
    let hard_deg: Vec<usize> = (0..n)
        .map(|c| {
            m.links[c].iter().filter(|l| l.hard).count()
                + m.globals_of[c].iter().filter(|&&d| m.inst.distributions[d as usize].required).count()
        })
        .collect();
    let key = |c: ClassId| (m.opts[c.ix()].len() as f64) / (1.0 + hard_deg[c.ix()] as f64);
    let mut buf = Vec::new();
    let mut best_buf = Vec::new();
    let mut steps = 0;
    let mut pool: Vec<ClassId> = (0..n as u32).map(ClassId).filter(|c| st.asg[c.ix()] == NONE).collect();
    while !pool.is_empty() {
        if steps >= max_steps || (steps % 64 == 0 && deadline()) {
            return false;
        }
        steps += 1;
        // The hardest of a few random unassigned classes.
        let mut pick = rng.below(pool.len());
        for _ in 0..4 {
            let j = rng.below(pool.len());
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
            let score: u64 = buf.iter().map(|&x| 1 + ejected[x.ix()][st.asg[x.ix()] as usize] as u64).sum::<u64>()
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
            let xo = st.asg[x.ix()];
            if xo != NONE {
                ejected[x.ix()][xo as usize] += 1;
                st.unassign(x);
                pool.push(x);
            }
        }
        st.set(c, o);
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

/// Nodes explored per course when sectioning one student.
const SECTION_NODES: usize = 20_000;

/// Best classes for student `s` in course `k` given the timetable and the
/// student's other classes (those of `k` already removed): one class per
/// subpart of one configuration, parents respected, limits respected
/// (unless `ignore_limits`). Returns the classes and their weighted
/// conflict cost.
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
        // Candidates of each subpart, cheapest against the student's other
        // courses first (random among equals).
        let mut levels: Vec<Vec<(i64, u64, ClassId)>> = Vec::with_capacity(orders[cfg.ix()].len());
        for &sp in &orders[cfg.ix()] {
            let mut v: Vec<(i64, u64, ClassId)> = inst.subparts[sp.ix()]
                .classes
                .iter()
                .filter(|&&x| ignore_limits || (st.members[x.ix()].len() as u32) < inst.classes[x.ix()].limit)
                .map(|&x| (st.student_cost_with(s, x), rng.next_u64(), x))
                .collect();
            v.sort_unstable();
            levels.push(v);
        }
        if levels.iter().any(|l| l.is_empty()) {
            continue;
        }
        let mut chosen: Vec<ClassId> = Vec::with_capacity(levels.len());
        dfs(st, &levels, &mut chosen, 0, &mut best, &mut nodes);
    }
    best
}

fn dfs(
    st: &State,
    levels: &[Vec<(i64, u64, ClassId)>],
    chosen: &mut Vec<ClassId>,
    cost: i64,
    best: &mut Option<(Vec<ClassId>, i64)>,
    nodes: &mut usize,
) {
    let inst = st.m.inst;
    let depth = chosen.len();
    if depth == levels.len() {
        if best.as_ref().is_none_or(|b| cost < b.1) {
            *best = Some((chosen.clone(), cost));
        }
        return;
    }
    for &(base, _, x) in &levels[depth] {
        if *nodes >= SECTION_NODES {
            return;
        }
        // Sorted by base cost: nothing further down can do better.
        if best.as_ref().is_some_and(|b| cost + base >= b.1) {
            return;
        }
        *nodes += 1;
        if let Some(p) = inst.classes[x.ix()].parent {
            if !chosen.contains(&p) {
                continue;
            }
        }
        let mut add = base;
        if let Some(sx) = st.slot(x) {
            for &y in chosen.iter() {
                if let Some(sy) = st.slot(y) {
                    if !rules::attendable(inst, sx, sy) {
                        add += st.m.w_student;
                    }
                }
            }
        }
        chosen.push(x);
        dfs(st, levels, chosen, cost + add, best, nodes);
        chosen.pop();
    }
}

/// The student's current classes of course `k`.
pub(crate) fn classes_of(st: &State, s: StudentId, k: CourseId) -> Vec<ClassId> {
    st.enrol[s.ix()].iter().copied().filter(|&c| st.m.inst.course_of(c) == k).collect()
}

/// Re-sections student `s` in course `k` into the best classes within the
/// limits (the old ones when nothing better fits); a student in no class
/// of the course yet goes over a limit rather than nowhere. Returns the
/// change of the soft cost (never positive for a sectioned student).
pub(crate) fn resection(st: &mut State, s: StudentId, k: CourseId, orders: &[Vec<SubpartId>], rng: &mut Rng) -> i64 {
    let before = st.soft;
    let old = classes_of(st, s, k);
    for &c in &old {
        st.enrol_remove(s, c);
    }
    let mut pick = best_combo(st, s, k, orders, rng, false);
    if pick.is_none() && old.is_empty() {
        pick = best_combo(st, s, k, orders, rng, true);
    }
    let new = match pick {
        Some((v, _)) => v,
        None => old,
    };
    for &c in &new {
        st.enrol_add(s, c);
    }
    st.soft - before
}

/// Re-sections student `s` in course `k` into their best classes
/// whatever the limits, making room in each full class by moving one of
/// its students to their best classes of the course within the limits (a
/// swap when classes are full). Kept when the soft cost does not rise and
/// no limit is broken; undone otherwise. Returns whether it was kept.
pub(crate) fn resection_evicting(
    st: &mut State,
    s: StudentId,
    k: CourseId,
    orders: &[Vec<SubpartId>],
    rng: &mut Rng,
) -> bool {
    let inst = st.m.inst;
    let (soft0, hard0) = (st.soft, st.hard);
    let old = classes_of(st, s, k);
    for &c in &old {
        st.enrol_remove(s, c);
    }
    let new = best_combo(st, s, k, orders, rng, true).map(|(v, _)| v).unwrap_or_default();
    // One student out of each full class of the new choice.
    let mut moved: Vec<(StudentId, Vec<ClassId>)> = Vec::new();
    let mut ok = !new.is_empty();
    for &c in &new {
        if !ok {
            break;
        }
        if (st.members[c.ix()].len() as u32) < inst.classes[c.ix()].limit {
            continue;
        }
        let mem = &st.members[c.ix()];
        let pick = if mem.is_empty() {
            None
        } else {
            let off = rng.below(mem.len());
            (0..mem.len()).map(|i| mem[(off + i) % mem.len()]).find(|t| *t != s && moved.iter().all(|m| m.0 != *t))
        };
        let Some(t) = pick else {
            ok = false;
            break;
        };
        let t_old = classes_of(st, t, k);
        for &x in &t_old {
            st.enrol_remove(t, x);
        }
        moved.push((t, t_old));
    }
    if ok {
        for &c in &new {
            st.enrol_add(s, c);
        }
        let out: Vec<StudentId> = moved.iter().map(|m| m.0).collect();
        for t in out {
            match best_combo(st, t, k, orders, rng, false) {
                Some((v, _)) => {
                    for c in v {
                        st.enrol_add(t, c);
                    }
                }
                None => {
                    ok = false;
                    break;
                }
            }
        }
    }
    if ok && st.hard <= hard0 && st.soft <= soft0 {
        return true;
    }
    // Undo: everyone back where they were.
    for c in classes_of(st, s, k) {
        st.enrol_remove(s, c);
    }
    for &c in &old {
        st.enrol_add(s, c);
    }
    for (t, t_old) in &moved {
        for c in classes_of(st, *t, k) {
            st.enrol_remove(*t, c);
        }
        for &c in t_old {
            st.enrol_add(*t, c);
        }
    }
    false
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
        for i in 0..st.m.inst.students[s].courses.len() {
            let k = st.m.inst.students[s].courses[i];
            resection(st, sid, k, orders, rng);
        }
    }
}

/// Re-sections every student who has a conflict, in every course.
pub(crate) fn resection_conflicting(st: &mut State, orders: &[Vec<SubpartId>], rng: &mut Rng) {
    for s in 0..st.m.inst.students.len() {
        let sid = StudentId(s as u32);
        let conflicting = st.enrol[s].iter().any(|&c| st.student_cost_with(sid, c) > 0);
        if !conflicting {
            continue;
        }
        for i in 0..st.m.inst.students[s].courses.len() {
            let k = st.m.inst.students[s].courses[i];
            resection(st, sid, k, orders, rng);
            if classes_of(st, sid, k).iter().any(|&c| st.student_cost_with(sid, c) > 0) {
                resection_evicting(st, sid, k, orders, rng);
            }
        }
    }
}

/// A re-sectioning step aimed at a conflict: a class with a student
/// conflict, one of its students in the other class of the conflict, and
/// one of the two courses; a random student and course when no conflict
/// is found.
fn student_move(st: &mut State, rng: &mut Rng, orders: &[Vec<SubpartId>]) {
    let inst = st.m.inst;
    let n = st.m.n();
    for _ in 0..4 {
        let c = ClassId(rng.below(n) as u32);
        let (Some(sc), sh) = (st.slot(c), &st.shared[c.ix()]) else { continue };
        if sh.is_empty() {
            continue;
        }
        let off = rng.below(sh.len());
        let conflict = (0..sh.len())
            .map(|i| sh[(off + i) % sh.len()].0)
            .find(|&x| st.slot(ClassId(x)).is_some_and(|sx| !rules::attendable(inst, sc, sx)));
        let Some(x) = conflict.map(ClassId) else { continue };
        let mem = &st.members[c.ix()];
        let off = rng.below(mem.len());
        let Some(s) = (0..mem.len()).map(|i| mem[(off + i) % mem.len()]).find(|s| st.enrol[s.ix()].contains(&x)) else {
            continue;
        };
        let k = if rng.unit() < 0.5 { inst.course_of(c) } else { inst.course_of(x) };
        if rng.unit() < 0.3 {
            resection_evicting(st, s, k, orders, rng);
        } else {
            resection(st, s, k, orders, rng);
        }
        return;
    }
    let s = StudentId(rng.below(inst.students.len()) as u32);
    let courses = &inst.students[s.ix()].courses;
    if !courses.is_empty() {
        let k = courses[rng.below(courses.len())];
        resection(st, s, k, orders, rng);
    }
}

/// A random other option of class `c` (currently at `cur`): another room
/// at the same time, another time in the same room, or any option.
fn pick_option(st: &State, c: ClassId, cur: u32, rng: &mut Rng) -> Option<u32> {
    let m = st.m;
    let opts = &m.opts[c.ix()];
    let now = &opts[cur as usize];
    let nr = m.nrooms[c.ix()];
    let nt = m.inst.classes[c.ix()].times.len() as u32;
    let r = rng.unit();
    let o = if nr > 1 && r < 0.3 {
        let room = rng.below(nr as usize) as u32;
        m.option(c, now.time, room)?
    } else if nt > 1 && r < 0.7 {
        let time = rng.below(nt as usize) as u32;
        match m.option(c, time, now.room) {
            Some(o) => o,
            None => m.option(c, time, rng.below(nr as usize) as u32)?,
        }
    } else {
        rng.below(opts.len()) as u32
    };
    (o != cur).then_some(o)
}

/// Settings of one annealing run.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Anneal {
    pub t0: f64,
    pub t1: f64,
    pub iterations: u64,
}

/// The best state without hard violations seen so far.
#[derive(Debug, Clone)]
pub(crate) struct Best {
    pub cost: i64,
    pub snap: Snapshot,
}

impl Best {
    /// Keeps the state if it has no hard violation and costs less.
    pub fn offer(&mut self, st: &State) -> bool {
        if st.hard == 0 && st.unassigned == 0 && st.soft < self.cost {
            self.cost = st.soft;
            self.snap = st.snapshot();
            true
        } else {
            false
        }
    }
}

/// Simulated annealing over class options and student re-sectioning; a
/// hard violation costs `w_hard`, raised while the search stays infeasible
/// and lowered while it is feasible. The best feasible state seen is kept
/// in `best`.
pub(crate) fn anneal(
    st: &mut State,
    rng: &mut Rng,
    a: Anneal,
    orders: &[Vec<SubpartId>],
    w_hard: &mut f64,
    best: &mut Best,
    deadline: &dyn Fn() -> bool,
) {
    let m = st.m;
    let movable = &m.movable;
    let ns = m.inst.students.len();
    let p_student = if ns > 0 && m.w_student > 0 { 0.2 } else { 0.0 };
    if movable.is_empty() && p_student == 0.0 {
        return;
    }
    let ratio = (a.t1 / a.t0).ln();
    let w_floor = *w_hard * 0.25;
    let w_cap = w_floor * 400.0;
    let mut t = a.t0;
    let (mut window, mut infeasible) = (0u32, 0u32);
    let mut last_snap = 0u64;
    for it in 0..a.iterations {
        if it % 1024 == 0 {
            if deadline() {
                break;
            }
            t = a.t0 * (ratio * it as f64 / a.iterations as f64).exp();
        }
        if movable.is_empty() || rng.unit() < p_student {
            student_move(st, rng, orders);
        } else {
            let c = movable[rng.below(movable.len())];
            let cur = st.asg[c.ix()];
            let Some(o) = pick_option(st, c, cur, rng) else { continue };
            let (ds, dh) = st.delta(c, o);
            let d = ds as f64 + *w_hard * dh as f64;
            if d <= 0.0 || rng.unit() < (-d / t).exp() {
                st.set_with(c, o, ds, dh);
            }
        }
        window += 1;
        if st.hard > 0 {
            infeasible += 1;
        } else if st.soft < best.cost && it - last_snap >= 64 {
            best.offer(st);
            last_snap = it;
        }
        if window == 8192 {
            let frac = infeasible as f64 / window as f64;
            if frac > 0.3 {
                *w_hard = (*w_hard * 1.5).min(w_cap);
            } else if frac < 0.05 {
                *w_hard = (*w_hard * 0.9).max(w_floor);
            }
            // A whole window without a feasible state: the violations left
            // need more than one move; re-place their classes.
            if infeasible == window && !repair(st, rng, deadline) {
                st.restore(&best.snap);
            }
            best.offer(st);
            window = 0;
            infeasible = 0;
        }
    }
    if st.hard > 0 && !repair(st, rng, deadline) {
        st.restore(&best.snap);
    }
    best.offer(st);
}

/// Removes every class in a hard conflict and places them again by the
/// conflict-driven construction (which may move other classes out of the
/// way); returns whether the state ends complete and free of hard
/// violations. Over-full classes are not repaired here (sectioning keeps
/// to the limits).
pub(crate) fn repair(st: &mut State, rng: &mut Rng, deadline: &dyn Fn() -> bool) -> bool {
    let m = st.m;
    let mut buf = Vec::new();
    let mut culprits = Vec::new();
    for c in 0..m.n() {
        let c = ClassId(c as u32);
        let o = st.asg[c.ix()];
        if o == NONE {
            continue;
        }
        buf.clear();
        if !st.conflicts(c, o, &mut buf, false) || !buf.is_empty() {
            culprits.push(c);
        }
    }
    for &c in &culprits {
        st.unassign(c);
    }
    let steps = 200 * (culprits.len() + st.unassigned).max(50);
    construct(st, rng, steps, deadline) && st.hard == 0
}

/// A starting temperature: the mean worsening of random moves that break
/// no hard rule.
pub(crate) fn mean_worsening(st: &State, rng: &mut Rng, samples: usize) -> f64 {
    let m = st.m;
    let (mut sum, mut k) = (0.0, 0);
    if m.movable.is_empty() {
        return 1.0;
    }
    for _ in 0..samples * 20 {
        if k >= samples {
            break;
        }
        let c = m.movable[rng.below(m.movable.len())];
        let cur = st.asg[c.ix()];
        if cur == NONE {
            continue;
        }
        let Some(o) = pick_option(st, c, cur, rng) else { continue };
        let (ds, dh) = st.delta(c, o);
        if dh <= 0 && ds > 0 {
            sum += ds as f64;
            k += 1;
        }
    }
    if k == 0 { 1.0 } else { sum / k as f64 }
}
