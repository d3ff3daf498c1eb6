//! Large-neighbourhood steps: free every lecture on a few days and
//! re-optimise them as an exact MIP (times and rooms together) with the
//! rest of the week fixed, solved by HiGHS through good_lp.
//!
//! Freeing whole days keeps the sub-problem exact: the freed periods hold
//! no fixed lecture, curriculum compactness never crosses a day boundary,
//! and the week-level terms (minimum working days, room stability) only
//! need the days and rooms the fixed lectures already use. Each course
//! may only use a few candidate rooms (the ones it uses now plus the
//! best-fitting ones), which keeps the MIP small; the current timetable is
//! always a solution of it and is given to HiGHS as a start.

use super::search::Rng;
use super::state::{NONE, State};
use crate::progress::Progress;
use good_lp::solvers::highs::highs;
use good_lp::{Expression, ProblemVariables, Solution, SolverModel, Variable, WithInitialSolution, variable};
use std::collections::BTreeMap;

/// Lectures freed in the first sub-problem; the size then adapts.
pub(crate) const START_FREED: usize = 60;
/// Bounds of the adaptive sub-problem size.
const MIN_FREED: usize = 20;
const MAX_FREED: usize = 150;
/// Branch-and-bound node limit per sub-problem (deterministic).
const NODE_LIMIT: i32 = 100;
/// Safety time limit per sub-problem, in seconds.
const SAFETY_SECONDS: f64 = 5.0;

/// Runs `steps` day-neighbourhood MIPs on the state (kept feasible);
/// returns (MIPs solved, MIPs that lowered the cost). `size` is the most
/// lectures a sub-problem frees: it grows after a sub-problem solved to
/// optimality and shrinks after one stopped by a limit, so that the
/// sub-problems stay as large as HiGHS can close (decided by the outcome,
/// not by the clock).
pub(crate) fn improve(
    st: &mut State,
    rng: &mut Rng,
    steps: usize,
    size: &mut usize,
    progress: Progress<'_>,
) -> (usize, usize) {
    let mut solved = 0;
    let mut improved = 0;
    for _ in 0..steps {
        let days = pick_days(st, rng, *size);
        let before = st.total_cost();
        match reoptimise_days(st, &days, rng.next_u64(), progress) {
            Some((after, optimal)) => {
                solved += 1;
                if after < before {
                    improved += 1;
                }
                *size = if optimal { (*size + 10).min(MAX_FREED) } else { (*size * 4 / 5).max(MIN_FREED) };
            }
            None => *size = (*size * 4 / 5).max(MIN_FREED),
        }
    }
    (solved, improved)
}

/// A random set of days whose lectures number at most `size` (always at
/// least one day).
fn pick_days(st: &State, rng: &mut Rng, size: usize) -> Vec<usize> {
    let inst = st.inst;
    let ppd = inst.periods_per_day;
    let mut per_day = vec![0usize; inst.days];
    for l in 0..st.lectures() {
        if st.period[l] != NONE {
            per_day[st.period[l] / ppd] += 1;
        }
    }
    let mut order: Vec<usize> = (0..inst.days).collect();
    for i in (1..order.len()).rev() {
        order.swap(i, rng.below(i + 1));
    }
    let mut chosen = vec![order[0]];
    let mut n = per_day[order[0]];
    for &d in &order[1..] {
        if n + per_day[d] <= size {
            chosen.push(d);
            n += per_day[d];
        }
    }
    chosen.sort_unstable();
    chosen
}

/// Re-optimises the lectures on `days`. Returns the new total cost and
/// whether HiGHS proved the sub-problem optimal, or `None` when HiGHS gave
/// no usable answer (the state is then unchanged).
fn reoptimise_days(st: &mut State, days: &[usize], seed: u64, progress: Progress<'_>) -> Option<(i64, bool)> {
    let inst = st.inst;
    let ppd = inst.periods_per_day;
    let nr = st.nr;
    let in_days = |p: usize| days.contains(&(p / ppd));
    let freed: Vec<usize> = (0..st.lectures()).filter(|&l| st.period[l] != NONE && in_days(st.period[l])).collect();
    if freed.is_empty() {
        return None;
    }
    // Freed lectures per course, and the fixed days and rooms of each.
    let mut by_course: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for &l in &freed {
        by_course.entry(st.lec_course[l]).or_default().push(l);
    }
    let courses: Vec<usize> = by_course.keys().copied().collect();
    let mut fixed_days: BTreeMap<usize, usize> = BTreeMap::new();
    let mut fixed_rooms: BTreeMap<usize, Vec<bool>> = BTreeMap::new();
    let mut all_rooms: BTreeMap<usize, Vec<bool>> = BTreeMap::new();
    for &c in &courses {
        fixed_days.insert(c, (0..inst.days).filter(|d| !days.contains(d) && st.course_on_day(c, *d) > 0).count());
        fixed_rooms.insert(c, vec![false; nr]);
        all_rooms.insert(c, vec![false; nr]);
    }
    for l in 0..st.lectures() {
        let c = st.lec_course[l];
        if st.period[l] == NONE || !by_course.contains_key(&c) {
            continue;
        }
        if let Some(v) = all_rooms.get_mut(&c) {
            v[st.room[l]] = true;
        }
        if !in_days(st.period[l])
            && let Some(v) = fixed_rooms.get_mut(&c)
        {
            v[st.room[l]] = true;
        }
    }
    let mut by_cap: Vec<usize> = (0..nr).collect();
    by_cap.sort_by_key(|&r| (inst.rooms[r].capacity, r));
    let periods: Vec<usize> = days.iter().flat_map(|&d| d * ppd..(d + 1) * ppd).collect();

    let mut vars = ProblemVariables::new();
    let mut obj = Expression::from(0.0);
    // x[(c, p, r)]
    let mut x: BTreeMap<(usize, usize, usize), Variable> = BTreeMap::new();
    let mut cand: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for &c in &courses {
        let students = inst.courses[c].students;
        let mut rs: Vec<usize> = (0..nr).filter(|&r| all_rooms[&c][r]).collect();
        let fitting: Vec<usize> =
            by_cap.iter().copied().filter(|&r| inst.rooms[r].capacity >= students).take(2).collect();
        let extra = if fitting.is_empty() { by_cap.iter().rev().copied().take(2).collect() } else { fitting };
        for r in extra {
            if !rs.contains(&r) {
                rs.push(r);
            }
        }
        rs.sort_unstable();
        for &p in &periods {
            if inst.unavailable[c][p] {
                continue;
            }
            for &r in &rs {
                let v = vars.add(variable().binary());
                obj += st.cap_cost(c, r) as f64 * v;
                x.insert((c, p, r), v);
            }
        }
        cand.insert(c, rs);
    }
    let sum_x = |c: usize, p: usize| -> Expression {
        let mut e = Expression::from(0.0);
        for r in &cand[&c] {
            if let Some(&v) = x.get(&(c, p, *r)) {
                e += v;
            }
        }
        e
    };
    let mut cons = Vec::new();
    let mut start: Vec<(Variable, f64)> = Vec::new();
    let current: BTreeMap<(usize, usize, usize), usize> =
        freed.iter().map(|&l| ((st.lec_course[l], st.period[l], st.room[l]), l)).collect();
    for (&key, &v) in &x {
        start.push((v, if current.contains_key(&key) { 1.0 } else { 0.0 }));
    }
    for &c in &courses {
        let mut all = Expression::from(0.0);
        for &p in &periods {
            let e = sum_x(c, p);
            all += e.clone();
            cons.push(e.leq(1.0));
        }
        cons.push(all.eq(by_course[&c].len() as f64));
        // Room stability: a new room costs one.
        for &r in &cand[&c] {
            if fixed_rooms[&c][r] {
                continue;
            }
            let y = vars.add(variable().binary());
            obj += y;
            let used = freed.iter().any(|&l| st.lec_course[l] == c && st.room[l] == r);
            start.push((y, if used { 1.0 } else { 0.0 }));
            for &p in &periods {
                if let Some(&v) = x.get(&(c, p, r)) {
                    cons.push((v - y).leq(0.0));
                }
            }
        }
        // Minimum working days.
        let need = inst.courses[c].min_days.saturating_sub(fixed_days[&c]);
        if need > 0 {
            let w = vars.add(variable().min(0.0));
            obj += 5.0 * w;
            let mut zs = Expression::from(0.0);
            let mut used_days = 0;
            for &d in days {
                let z = vars.add(variable().min(0.0).max(1.0));
                zs += z;
                let mut e = Expression::from(0.0);
                for p in d * ppd..(d + 1) * ppd {
                    e += sum_x(c, p);
                }
                cons.push((z - e).leq(0.0));
                let on = st.course_on_day(c, d) > 0;
                used_days += on as usize;
                start.push((z, if on { 1.0 } else { 0.0 }));
            }
            cons.push((need as f64 - zs - w).leq(0.0));
            start.push((w, need.saturating_sub(used_days) as f64));
        }
    }
    // Teachers: only those with two or more freed courses can clash.
    let mut by_teacher: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for &c in &courses {
        by_teacher.entry(inst.courses[c].teacher).or_default().push(c);
    }
    for cs in by_teacher.values().filter(|cs| cs.len() > 1) {
        for &p in &periods {
            let mut e = Expression::from(0.0);
            for &c in cs {
                e += sum_x(c, p);
            }
            cons.push(e.leq(1.0));
        }
    }
    // Rooms.
    for &p in &periods {
        for r in 0..nr {
            let vs: Vec<Variable> = courses.iter().filter_map(|&c| x.get(&(c, p, r)).copied()).collect();
            if vs.len() > 1 {
                let e: Expression = vs.into_iter().sum();
                cons.push(e.leq(1.0));
            }
        }
    }
    // Curricula: no clash, and compactness.
    let mut qs: Vec<usize> = courses.iter().flat_map(|&c| inst.course_curricula[c].iter().copied()).collect();
    qs.sort_unstable();
    qs.dedup();
    for &q in &qs {
        let members: Vec<usize> =
            inst.curricula[q].courses.iter().copied().filter(|c| by_course.contains_key(c)).collect();
        let u = |p: usize| -> Expression {
            let mut e = Expression::from(0.0);
            for &c in &members {
                e += sum_x(c, p);
            }
            e
        };
        let busy_now = |p: usize| freed.iter().any(|&l| st.period[l] == p && members.contains(&st.lec_course[l]));
        for &p in &periods {
            if members.len() > 1 {
                cons.push(u(p).leq(1.0));
            }
            let mut e = u(p);
            let i = p % ppd;
            if i > 0 {
                e -= u(p - 1);
            }
            if i + 1 < ppd {
                e -= u(p + 1);
            }
            let iso = vars.add(variable().min(0.0));
            obj += 2.0 * iso;
            cons.push((e - iso).leq(0.0));
            let isolated = busy_now(p) && !(i > 0 && busy_now(p - 1)) && !(i + 1 < ppd && busy_now(p + 1));
            start.push((iso, if isolated { 1.0 } else { 0.0 }));
        }
    }

    let model = quiet_highs(vars, obj, seed, NODE_LIMIT, SAFETY_SECONDS)
        .set_option("mip_rel_gap", 0.0)
        .with_initial_solution(start);
    let model = cons.into_iter().fold(model, |m, c| m.with(c));
    let t = std::time::Instant::now();
    let nfreed = freed.len();
    let nv = x.len();
    let res = model.solve();
    progress(&format!(
        "sub-MIP: days {days:?}, {nfreed} lectures freed, {nv} variables: {:?} in {:.2} s",
        res.as_ref().map(|s| s.status()),
        t.elapsed().as_secs_f64()
    ));
    let sol = res.ok()?;
    let optimal = matches!(sol.status(), good_lp::solvers::SolutionStatus::Optimal);

    // Decode, then apply; on any inconsistency restore the old timetable.
    let old: Vec<(usize, usize, usize)> = freed.iter().map(|&l| (l, st.period[l], st.room[l])).collect();
    let before = st.total_cost();
    for &l in &freed {
        st.remove(l);
    }
    let mut ok = true;
    for (&c, ls) in &by_course {
        let mut slots = Vec::new();
        for &p in &periods {
            for &r in &cand[&c] {
                if let Some(&v) = x.get(&(c, p, r))
                    && sol.value(v) > 0.5
                {
                    slots.push((p, r));
                }
            }
        }
        if slots.len() != ls.len() {
            ok = false;
            break;
        }
        for (&l, (p, r)) in ls.iter().zip(slots) {
            if !st.can_place(c, p) || st.grid[p * nr + r] != NONE {
                ok = false;
                break;
            }
            st.insert(l, p, r);
        }
        if !ok {
            break;
        }
    }
    let after = if ok { st.total_cost() } else { i64::MAX };
    if after > before {
        for &l in &freed {
            if st.period[l] != NONE {
                st.remove(l);
            }
        }
        for (l, p, r) in old {
            st.insert(l, p, r);
        }
        return Some((before, optimal));
    }
    Some((after, optimal))
}

/// Node limit of the feasibility MIP.
const START_NODE_LIMIT: i32 = 20_000;
/// Safety time limit of the feasibility MIP, in seconds.
const START_SAFETY_SECONDS: f64 = 120.0;

/// A feasible start from a time-slot MIP: courses to periods with every
/// hard rule (lecture counts, course/teacher/curriculum clashes,
/// availability, at most as many lectures as rooms per period); the
/// objective asks for the minimum working days. Rooms are then given per
/// period, largest classes first into the best-fitting free room (any room
/// is allowed, so this always succeeds). Replaces the state's timetable
/// and returns true on success; leaves it unchanged otherwise.
pub(crate) fn feasible_start(st: &mut State, seed: u64) -> bool {
    let inst = st.inst;
    let np = st.np;
    let ppd = inst.periods_per_day;
    let nc = inst.courses.len();
    let mut vars = ProblemVariables::new();
    let mut obj = Expression::from(0.0);
    let mut x: Vec<Vec<Option<Variable>>> = vec![vec![None; np]; nc];
    for (c, row) in x.iter_mut().enumerate() {
        for (p, cell) in row.iter_mut().enumerate() {
            if !inst.unavailable[c][p] {
                *cell = Some(vars.add(variable().binary()));
            }
        }
    }
    let sum = |cs: &mut dyn Iterator<Item = usize>, p: usize| -> Expression {
        let mut e = Expression::from(0.0);
        for c in cs {
            if let Some(v) = x[c][p] {
                e += v;
            }
        }
        e
    };
    let mut cons = Vec::new();
    for (c, course) in inst.courses.iter().enumerate() {
        let e: Expression = x[c].iter().flatten().copied().sum();
        cons.push(e.eq(course.lectures as f64));
        // Minimum working days as the objective.
        let w = vars.add(variable().min(0.0));
        obj += 5.0 * w;
        let mut zs = Expression::from(0.0);
        for d in 0..inst.days {
            let z = vars.add(variable().min(0.0).max(1.0));
            zs += z;
            let day: Expression = x[c][d * ppd..(d + 1) * ppd].iter().flatten().copied().sum();
            cons.push((z - day).leq(0.0));
        }
        cons.push((course.min_days as f64 - zs - w).leq(0.0));
    }
    for p in 0..np {
        cons.push(sum(&mut (0..nc), p).leq(st.nr as f64));
        for cur in &inst.curricula {
            cons.push(sum(&mut cur.courses.iter().copied(), p).leq(1.0));
        }
        for t in 0..inst.teachers.len() {
            let cs: Vec<usize> = (0..nc).filter(|&c| inst.courses[c].teacher == t).collect();
            if cs.len() > 1 {
                cons.push(sum(&mut cs.into_iter(), p).leq(1.0));
            }
        }
    }
    let model = quiet_highs(vars, obj, seed, START_NODE_LIMIT, START_SAFETY_SECONDS);
    let model = cons.into_iter().fold(model, |m, c| m.with(c));
    let Ok(sol) = model.solve() else { return false };

    let mut by_cap: Vec<usize> = (0..st.nr).collect();
    by_cap.sort_by_key(|&r| (inst.rooms[r].capacity, r));
    let mut fresh = State::new(inst);
    let mut next_lecture: Vec<usize> = vec![0; nc];
    for l in (0..fresh.lectures()).rev() {
        next_lecture[fresh.lec_course[l]] = l;
    }
    // `p` indexes the inner vectors of `x` and the grid alike.
    #[allow(clippy::needless_range_loop)]
    for p in 0..np {
        let mut cs: Vec<usize> = (0..nc).filter(|&c| x[c][p].is_some_and(|v| sol.value(v) > 0.5)).collect();
        cs.sort_by_key(|&c| (std::cmp::Reverse(inst.courses[c].students), c));
        for c in cs {
            let free = |r: &usize| fresh.grid[p * fresh.nr + *r] == NONE;
            let room = by_cap
                .iter()
                .copied()
                .filter(free)
                .find(|&r| inst.rooms[r].capacity >= inst.courses[c].students)
                .or_else(|| by_cap.iter().rev().copied().find(free));
            let l = next_lecture[c];
            let ok = room.is_some() && fresh.can_place(c, p) && fresh.lec_course.get(l) == Some(&c);
            let Some(r) = room.filter(|_| ok) else { return false };
            fresh.insert(l, p, r);
            next_lecture[c] += 1;
        }
    }
    if fresh.unscheduled > 0 {
        return false;
    }
    st.restore(&fresh.snapshot());
    true
}

/// A silent, single-threaded, seeded HiGHS model stopped by `nodes` (what
/// makes a run reproducible) or, as a guard only, by `seconds`.
fn quiet_highs(
    vars: ProblemVariables,
    obj: Expression,
    seed: u64,
    nodes: i32,
    seconds: f64,
) -> good_lp::solvers::highs::HighsProblem {
    let mut model = vars.minimise(obj).using(highs);
    model.set_verbose(false);
    model
        .set_option("threads", 1)
        .set_option("random_seed", (seed % 1_000_000) as i32)
        .set_option("mip_max_nodes", nodes)
        .set_option("time_limit", seconds)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::itc2007::cost::evaluate;
    use crate::itc2007::instance::parse_instance;

    /// A small instance where every period is needed: 2 days of 2 periods,
    /// one room, four single-lecture courses of one curriculum.
    const TIGHT: &str = "Name: Tight\nCourses: 4\nRooms: 1\nDays: 2\nPeriods_per_day: 2\nCurricula: 1\nConstraints: 1\n\n\
        COURSES:\nA t1 1 1 10\nB t2 1 1 10\nC t3 1 1 10\nD t4 1 1 30\n\nROOMS:\nr 20\n\n\
        CURRICULA:\nQ 4 A B C D\n\nUNAVAILABILITY_CONSTRAINTS:\nD 0 0\n\nEND.\n";

    #[test]
    fn time_slot_mip_start_is_feasible_and_checked_by_the_evaluator() {
        let inst = parse_instance(TIGHT).expect("valid instance");
        let mut st = State::new(&inst);
        assert!(feasible_start(&mut st, 1));
        assert_eq!(st.unscheduled, 0);
        let r = evaluate(&inst, &st.to_solution());
        assert_eq!(r.hard(), 0, "{}", r.render());
        // D (30 students) is in the 20-seat room: capacity cost 10; the
        // four lectures fill both days, so nothing is isolated.
        assert_eq!(r.room_capacity, 10);
        assert_eq!(r.soft() as i64, st.total_cost());
    }

    #[test]
    fn day_sub_mip_never_worsens_and_keeps_feasibility() {
        let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/itc2007/toy.ctt"))
            .expect("toy fixture");
        let inst = parse_instance(&text).expect("valid toy");
        let mut st = State::new(&inst);
        assert!(feasible_start(&mut st, 3));
        let before = st.total_cost();
        let (after, _) =
            reoptimise_days(&mut st, &[0, 1, 2, 3, 4], 5, &crate::progress::silent).expect("HiGHS answers");
        assert!(after <= before);
        let r = evaluate(&inst, &st.to_solution());
        assert_eq!(r.hard(), 0, "{}", r.render());
        assert_eq!(r.soft() as i64, after);
    }
}
