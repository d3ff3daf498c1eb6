//! The solver's incremental timetable. Each class chooses one option (a
//! time and a room, like an activity choosing one pattern in the main
//! solver); students are sectioned into classes. The state keeps two
//! totals up to date move by move: the weighted soft cost (time and room
//! penalties, soft distributions, student conflicts) and the number of hard
//! violations (two classes at once in a room, required distributions
//! broken, classes over their limit). The search may pass through states
//! with hard violations; only states without any are kept as solutions.

use super::instance::{ClassId, Instance, Kind, StudentId, Time};
use super::rules::{self, Slot};
use super::solution::{Meta, Placed, Solution};

/// No option (an unassigned class).
pub(crate) const NONE: u32 = u32::MAX;

/// One (time, room) choice of a class.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Opt {
    /// Index into the class's times.
    pub time: u32,
    /// Index into the class's rooms (0 for a class without room).
    pub room: u32,
    /// The placed time and room.
    pub slot: Slot,
    /// Weighted time and room penalty.
    pub cost: i64,
}

/// One pair of classes of a pairwise distribution, seen from one of them.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Link {
    /// The other class.
    pub other: u32,
    /// The distribution's kind.
    pub kind: Kind,
    /// Whether this class is listed before the other (for `Precedence`).
    pub first: bool,
    /// Required: a broken pair is one hard violation.
    pub hard: bool,
    /// Weighted penalty of a broken pair when soft.
    pub weight: i64,
}

impl Link {
    /// Whether the pair is broken with this class at `me` and the other at `other`.
    pub fn broken(&self, inst: &Instance, me: &Slot, other: &Slot) -> bool {
        if self.first {
            !rules::pair_ok(inst, self.kind, me, other)
        } else {
            !rules::pair_ok(inst, self.kind, other, me)
        }
    }
}

/// The precomputed, read-only side of the search.
#[derive(Debug)]
pub(crate) struct Model<'a> {
    pub inst: &'a Instance,
    /// Options of each class (times in file order, then rooms), without
    /// those where the room is unavailable.
    pub opts: Vec<Vec<Opt>>,
    /// Rooms of each class (1 for a class without room).
    pub nrooms: Vec<u32>,
    /// `grid[c][time * nrooms + room]`: the option, or [`NONE`] when the
    /// room is unavailable at that time.
    pub grid: Vec<Vec<u32>>,
    /// Pairwise distribution links of each class.
    pub links: Vec<Vec<Link>>,
    /// Distributions counted over all their classes (MaxDays, MaxDayLoad,
    /// MaxBreaks, MaxBlock) holding each class.
    pub globals_of: Vec<Vec<u32>>,
    /// Classes with more than one option.
    pub movable: Vec<ClassId>,
    pub w_dist: i64,
    pub w_student: i64,
}

impl<'a> Model<'a> {
    pub fn new(inst: &'a Instance) -> Self {
        let w = inst.weights;
        let n = inst.classes.len();
        let mut opts = Vec::with_capacity(n);
        let mut nrooms = Vec::with_capacity(n);
        let mut grid = Vec::with_capacity(n);
        for class in &inst.classes {
            let nr = if class.needs_room { class.rooms.len() } else { 1 };
            let mut v = Vec::new();
            let mut g = vec![NONE; class.times.len() * nr];
            for (ti, &(time, tp)) in class.times.iter().enumerate() {
                let tc = tp as i64 * w.time as i64;
                if class.needs_room {
                    for (ri, &(r, rp)) in class.rooms.iter().enumerate() {
                        if inst.rooms[r.ix()].unavailable.iter().any(|u| u.overlaps(&time)) {
                            continue;
                        }
                        g[ti * nr + ri] = v.len() as u32;
                        v.push(Opt {
                            time: ti as u32,
                            room: ri as u32,
                            slot: Slot { time, room: Some(r) },
                            cost: tc + rp as i64 * w.room as i64,
                        });
                    }
                } else {
                    g[ti] = v.len() as u32;
                    v.push(Opt { time: ti as u32, room: 0, slot: Slot { time, room: None }, cost: tc });
                }
            }
            opts.push(v);
            nrooms.push(nr as u32);
            grid.push(g);
        }
        let mut links: Vec<Vec<Link>> = vec![Vec::new(); n];
        let mut globals_of = vec![Vec::new(); n];
        for (i, d) in inst.distributions.iter().enumerate() {
            if d.kind.is_pairwise() {
                let weight = d.penalty as i64 * w.distribution as i64;
                if !d.required && weight == 0 {
                    continue;
                }
                for (p, a) in d.classes.iter().enumerate() {
                    for b in &d.classes[p + 1..] {
                        if a == b {
                            continue;
                        }
                        let l = Link { other: b.0, kind: d.kind, first: true, hard: d.required, weight };
                        links[a.ix()].push(l);
                        links[b.ix()].push(Link { other: a.0, first: false, ..l });
                    }
                }
            } else {
                for c in &d.classes {
                    if !globals_of[c.ix()].contains(&(i as u32)) {
                        globals_of[c.ix()].push(i as u32);
                    }
                }
            }
        }
        let movable = (0..n as u32).map(ClassId).filter(|c| opts[c.ix()].len() > 1).collect();
        Model {
            inst,
            opts,
            nrooms,
            grid,
            links,
            globals_of,
            movable,
            w_dist: w.distribution as i64,
            w_student: w.student as i64,
        }
    }

    pub fn n(&self) -> usize {
        self.inst.classes.len()
    }

    /// The option of class `c` at its time `t` and room `r` (indices), if available.
    pub fn option(&self, c: ClassId, t: u32, r: u32) -> Option<u32> {
        let o = self.grid[c.ix()][(t * self.nrooms[c.ix()] + r) as usize];
        (o != NONE).then_some(o)
    }

    /// The weighted cost of a global distribution's violation count: its
    /// soft penalty, or 0 when required (counted as hard instead).
    fn global_soft(&self, d: usize, count: u64) -> i64 {
        let dist = &self.inst.distributions[d];
        if dist.required { 0 } else { rules::soft_penalty(self.inst, dist, count) as i64 * self.w_dist }
    }

    fn global_hard(&self, d: usize, count: u64) -> i64 {
        if self.inst.distributions[d].required { count as i64 } else { 0 }
    }
}

/// A saved assignment and sectioning.
#[derive(Debug, Clone)]
pub(crate) struct Snapshot {
    pub asg: Vec<u32>,
    pub enrol: Vec<Vec<ClassId>>,
}

/// The mutable timetable.
#[derive(Debug, Clone)]
pub(crate) struct State<'m, 'a> {
    pub m: &'m Model<'a>,
    /// Option of each class ([`NONE`]: unassigned).
    pub asg: Vec<u32>,
    /// Assigned classes of each room.
    pub in_room: Vec<Vec<u32>>,
    /// Current violation count of each global distribution (0 for the others).
    pub gcount: Vec<u64>,
    /// Classes each student is sectioned into.
    pub enrol: Vec<Vec<ClassId>>,
    /// Students of each class.
    pub members: Vec<Vec<StudentId>>,
    /// For each class, the classes sharing students with it and how many.
    pub shared: Vec<Vec<(u32, u32)>>,
    /// Weighted soft cost of the assigned part.
    pub soft: i64,
    /// Hard violations among assigned classes.
    pub hard: i64,
    /// Unassigned classes.
    pub unassigned: usize,
}

impl<'m, 'a> State<'m, 'a> {
    pub fn new(m: &'m Model<'a>) -> Self {
        let inst = m.inst;
        State {
            m,
            asg: vec![NONE; m.n()],
            in_room: vec![Vec::new(); inst.rooms.len()],
            gcount: vec![0; inst.distributions.len()],
            enrol: vec![Vec::new(); inst.students.len()],
            members: vec![Vec::new(); m.n()],
            shared: vec![Vec::new(); m.n()],
            soft: 0,
            hard: 0,
            unassigned: m.n(),
        }
    }

    pub fn slot(&self, c: ClassId) -> Option<&Slot> {
        let o = self.asg[c.ix()];
        (o != NONE).then(|| &self.m.opts[c.ix()][o as usize].slot)
    }

    fn slot_u(&self, x: u32) -> Option<&Slot> {
        let o = self.asg[x as usize];
        (o != NONE).then(|| &self.m.opts[x as usize][o as usize].slot)
    }

    /// Soft and hard cost of class `c` at option `o` against the other
    /// assigned classes, the global distributions left out: own penalty,
    /// pairwise links, room clashes, student conflicts.
    fn local(&self, c: ClassId, o: u32) -> (i64, i64) {
        let m = self.m;
        let inst = m.inst;
        let opt = &m.opts[c.ix()][o as usize];
        let slot = &opt.slot;
        let (mut soft, mut hard) = (opt.cost, 0i64);
        for l in &m.links[c.ix()] {
            let Some(s) = self.slot_u(l.other) else { continue };
            if l.broken(inst, slot, s) {
                if l.hard {
                    hard += 1;
                } else {
                    soft += l.weight;
                }
            }
        }
        if let Some(r) = slot.room {
            for &x in &self.in_room[r.ix()] {
                if x != c.0 && self.slot_u(x).is_some_and(|s| s.time.overlaps(&slot.time)) {
                    hard += 1;
                }
            }
        }
        if m.w_student > 0 {
            let mut n = 0i64;
            for &(x, k) in &self.shared[c.ix()] {
                if let Some(s) = self.slot_u(x) {
                    if !rules::attendable(inst, slot, s) {
                        n += k as i64;
                    }
                }
            }
            soft += n * m.w_student;
        }
        (soft, hard)
    }

    /// Violation count of global distribution `d` with class `c` placed at
    /// `slot` (left out when `None`), the others as assigned.
    fn global_count_with(&self, d: usize, c: ClassId, slot: Option<&Slot>) -> u64 {
        let dist = &self.m.inst.distributions[d];
        let mut times: Vec<&Time> = Vec::with_capacity(dist.classes.len());
        for &x in &dist.classes {
            let s = if x == c { slot } else { self.slot(x) };
            if let Some(s) = s {
                times.push(&s.time);
            }
        }
        rules::global_count(self.m.inst, dist.kind, &times)
    }

    /// Change of (soft, hard) of the global distributions of `c` when it
    /// goes to `slot` (or is removed).
    fn global_delta(&self, c: ClassId, slot: Option<&Slot>) -> (i64, i64) {
        let m = self.m;
        let (mut ds, mut dh) = (0, 0);
        for &d in &m.globals_of[c.ix()] {
            let d = d as usize;
            let now = self.gcount[d];
            let next = self.global_count_with(d, c, slot);
            if next != now {
                ds += m.global_soft(d, next) - m.global_soft(d, now);
                dh += m.global_hard(d, next) - m.global_hard(d, now);
            }
        }
        (ds, dh)
    }

    /// The change of (soft, hard) if class `c` moved to option `o` (or was
    /// assigned there when unassigned).
    pub fn delta(&self, c: ClassId, o: u32) -> (i64, i64) {
        let (s1, h1) = self.local(c, o);
        let cur = self.asg[c.ix()];
        // At its current option the class meets neither itself in its room
        // nor a link to itself: `local` is its part of the totals.
        let (s0, h0) = if cur == NONE { (0, 0) } else { self.local(c, cur) };
        let (gs, gh) = self.global_delta(c, Some(&self.m.opts[c.ix()][o as usize].slot));
        (s1 - s0 + gs, h1 - h0 + gh)
    }

    /// The marginal soft cost of class `c` at option `o` given the others
    /// (the class being unassigned or not).
    pub fn contribution(&self, c: ClassId, o: u32) -> i64 {
        let (s, _) = self.local(c, o);
        let saved = self.asg[c.ix()];
        let (gs, _) = if saved == NONE {
            self.global_delta(c, Some(&self.m.opts[c.ix()][o as usize].slot))
        } else {
            // Against the others only: the global change from "without c".
            let without: (i64, i64) = self.global_delta(c, None);
            let with = self.global_delta(c, Some(&self.m.opts[c.ix()][o as usize].slot));
            (with.0 - without.0, 0)
        };
        s + gs
    }

    fn recount_globals(&mut self, c: ClassId) {
        for i in 0..self.m.globals_of[c.ix()].len() {
            let d = self.m.globals_of[c.ix()][i] as usize;
            let slot = self.slot(c).copied();
            self.gcount[d] = self.global_count_with(d, c, slot.as_ref());
        }
    }

    /// Moves (or assigns) class `c` to option `o`.
    pub fn set(&mut self, c: ClassId, o: u32) {
        let (ds, dh) = self.delta(c, o);
        self.set_with(c, o, ds, dh);
    }

    /// [`State::set`] with the delta already computed by [`State::delta`].
    pub fn set_with(&mut self, c: ClassId, o: u32, ds: i64, dh: i64) {
        let cur = self.asg[c.ix()];
        if cur != NONE {
            self.leave_room(c, cur);
        } else {
            self.unassigned -= 1;
        }
        self.asg[c.ix()] = o;
        if let Some(r) = self.m.opts[c.ix()][o as usize].slot.room {
            self.in_room[r.ix()].push(c.0);
        }
        self.soft += ds;
        self.hard += dh;
        self.recount_globals(c);
    }

    fn leave_room(&mut self, c: ClassId, o: u32) {
        if let Some(r) = self.m.opts[c.ix()][o as usize].slot.room {
            let v = &mut self.in_room[r.ix()];
            if let Some(i) = v.iter().position(|&x| x == c.0) {
                v.swap_remove(i);
            }
        }
    }

    /// Unassigns class `c`.
    pub fn unassign(&mut self, c: ClassId) {
        let cur = self.asg[c.ix()];
        if cur == NONE {
            return;
        }
        let (s0, h0) = self.local(c, cur);
        let (gs, gh) = self.global_delta(c, None);
        self.leave_room(c, cur);
        self.asg[c.ix()] = NONE;
        self.unassigned += 1;
        self.soft += gs - s0;
        self.hard += gh - h0;
        self.recount_globals(c);
    }

    /// The assigned classes that class `c` at option `o` is in hard
    /// conflict with (pushed to `out`); `false` when the option breaks a
    /// hard rule whatever the others do. With `first`, stops at the first.
    pub fn conflicts(&self, c: ClassId, o: u32, out: &mut Vec<ClassId>, first: bool) -> bool {
        let m = self.m;
        let inst = m.inst;
        let slot = &m.opts[c.ix()][o as usize].slot;
        if let Some(r) = slot.room {
            for &x in &self.in_room[r.ix()] {
                if x != c.0 && self.slot_u(x).is_some_and(|s| s.time.overlaps(&slot.time)) {
                    out.push(ClassId(x));
                    if first {
                        return true;
                    }
                }
            }
        }
        for l in &m.links[c.ix()] {
            if !l.hard {
                continue;
            }
            let Some(s) = self.slot_u(l.other) else { continue };
            if l.broken(inst, slot, s) {
                out.push(ClassId(l.other));
                if first {
                    return true;
                }
            }
        }
        for &d in &m.globals_of[c.ix()] {
            let dist = &inst.distributions[d as usize];
            if !dist.required || self.global_count_with(d as usize, c, Some(slot)) == 0 {
                continue;
            }
            if rules::global_count(inst, dist.kind, &[&slot.time]) > 0 {
                return false;
            }
            for &x in &dist.classes {
                if x == c {
                    continue;
                }
                let Some(s) = self.slot(x) else { continue };
                let culprit = match dist.kind {
                    Kind::MaxDays(_) => s.time.days & !slot.time.days != 0,
                    _ => s.time.same_day(&slot.time),
                };
                if culprit {
                    out.push(x);
                    if first {
                        return true;
                    }
                }
            }
        }
        true
    }

    /// Whether option `o` of `c` is free of hard conflicts with the others.
    pub fn feasible(&self, c: ClassId, o: u32, buf: &mut Vec<ClassId>) -> bool {
        buf.clear();
        self.conflicts(c, o, buf, true) && buf.is_empty()
    }

    /// Number of students over the limit of class `c` if it had `size` students.
    fn over(&self, c: ClassId, size: usize) -> i64 {
        (size as i64 - self.m.inst.classes[c.ix()].limit as i64).max(0)
    }

    /// The weighted student-conflict cost of student `s` taking class `c`
    /// at its current slot, against their other classes.
    pub fn student_cost_with(&self, s: StudentId, c: ClassId) -> i64 {
        let Some(sc) = self.slot(c) else { return 0 };
        let mut n = 0;
        for &x in &self.enrol[s.ix()] {
            if x == c {
                continue;
            }
            if let Some(sx) = self.slot(x) {
                if !rules::attendable(self.m.inst, sc, sx) {
                    n += 1;
                }
            }
        }
        n * self.m.w_student
    }

    fn bump_shared(&mut self, a: ClassId, b: ClassId, up: bool) {
        let v = &mut self.shared[a.ix()];
        match v.iter().position(|&(x, _)| x == b.0) {
            Some(i) if up => v[i].1 += 1,
            Some(i) => {
                v[i].1 -= 1;
                if v[i].1 == 0 {
                    v.swap_remove(i);
                }
            }
            None if up => v.push((b.0, 1)),
            None => {}
        }
    }

    /// Adds class `c` to student `s` (costs and shared counts updated).
    pub fn enrol_add(&mut self, s: StudentId, c: ClassId) {
        self.soft += self.student_cost_with(s, c);
        for i in 0..self.enrol[s.ix()].len() {
            let x = self.enrol[s.ix()][i];
            self.bump_shared(c, x, true);
            self.bump_shared(x, c, true);
        }
        self.enrol[s.ix()].push(c);
        let size = self.members[c.ix()].len();
        self.hard += self.over(c, size + 1) - self.over(c, size);
        self.members[c.ix()].push(s);
    }

    /// Removes class `c` from student `s`.
    pub fn enrol_remove(&mut self, s: StudentId, c: ClassId) {
        let Some(i) = self.enrol[s.ix()].iter().position(|&x| x == c) else { return };
        self.enrol[s.ix()].swap_remove(i);
        self.soft -= self.student_cost_with(s, c);
        for i in 0..self.enrol[s.ix()].len() {
            let x = self.enrol[s.ix()][i];
            self.bump_shared(c, x, false);
            self.bump_shared(x, c, false);
        }
        let size = self.members[c.ix()].len();
        self.hard += self.over(c, size - 1) - self.over(c, size);
        if let Some(j) = self.members[c.ix()].iter().position(|&x| x == s) {
            self.members[c.ix()].swap_remove(j);
        }
    }

    pub fn snapshot(&self) -> Snapshot {
        Snapshot { asg: self.asg.clone(), enrol: self.enrol.clone() }
    }

    /// Rebuilds the state from a snapshot (costs recomputed).
    pub fn restore(&mut self, snap: &Snapshot) {
        let mut fresh = State::new(self.m);
        for (s, classes) in snap.enrol.iter().enumerate() {
            for &c in classes {
                fresh.enrol_add(StudentId(s as u32), c);
            }
        }
        for (c, &o) in snap.asg.iter().enumerate() {
            if o != NONE {
                fresh.set(ClassId(c as u32), o);
            }
        }
        *self = fresh;
    }

    /// The soft cost and hard count computed from scratch, for checking
    /// the incremental totals.
    #[cfg(test)]
    pub fn recomputed(&self) -> (i64, i64) {
        let m = self.m;
        let inst = m.inst;
        let (mut soft, mut hard) = (0i64, 0i64);
        for c in 0..m.n() {
            if self.asg[c] != NONE {
                soft += m.opts[c][self.asg[c] as usize].cost;
            }
            hard += self.over(ClassId(c as u32), self.members[c].len());
        }
        for (i, d) in inst.distributions.iter().enumerate() {
            let placed: Vec<Slot> = d.classes.iter().filter_map(|&x| self.slot(x).copied()).collect();
            let n = rules::count(inst, d, &placed);
            if d.required {
                hard += n as i64;
            } else if d.kind.is_pairwise() {
                soft += n as i64 * d.penalty as i64 * m.w_dist;
            } else {
                soft += m.global_soft(i, n);
            }
        }
        for r in &self.in_room {
            for (a, &x) in r.iter().enumerate() {
                for &y in &r[a + 1..] {
                    if self.slot_u(x).unwrap().time.overlaps(&self.slot_u(y).unwrap().time) {
                        hard += 1;
                    }
                }
            }
        }
        for cl in &self.enrol {
            for (a, &x) in cl.iter().enumerate() {
                for &y in &cl[a + 1..] {
                    if let (Some(p), Some(q)) = (self.slot(x), self.slot(y)) {
                        if !rules::attendable(inst, p, q) {
                            soft += m.w_student;
                        }
                    }
                }
            }
        }
        (soft, hard)
    }

    /// The competition solution of the current state.
    pub fn to_solution(&self, meta: Meta) -> Solution {
        let classes = (0..self.m.n())
            .map(|c| {
                let s = self.slot(ClassId(c as u32))?;
                let t: &Time = &s.time;
                let mut st = self.members[c].clone();
                st.sort();
                Some(Placed { days: t.days, start: t.start, weeks: t.weeks, room: s.room, students: st })
            })
            .collect();
        Solution { name: self.m.inst.name.clone(), meta, classes }
    }
}

#[cfg(test)]
mod tests {
    use super::super::instance::parse_instance;
    use super::super::search::{self, Rng};
    use super::*;

    /// Random moves, removals and re-sectionings keep the incremental
    /// totals equal to the totals computed from scratch.
    #[test]
    fn incremental_totals_match_a_recount() {
        let inst = parse_instance(include_str!("../../tests/fixtures/itc2019/kinds.xml")).unwrap();
        let m = Model::new(&inst);
        let mut st = State::new(&m);
        let mut rng = Rng::new(7);
        let orders: Vec<_> = (0..inst.configs.len())
            .map(|c| search::subpart_order(&st, super::super::instance::ConfigId(c as u32)))
            .collect();
        search::section_all(&mut st, &orders, &mut rng);
        assert_eq!(st.recomputed(), (st.soft, st.hard));
        for step in 0..2_000 {
            let c = ClassId(rng.below(m.n()) as u32);
            match step % 6 {
                0 => st.unassign(c),
                1 | 2 => {
                    let s = StudentId(rng.below(inst.students.len()) as u32);
                    let k = inst.students[s.ix()].courses[0];
                    if step % 6 == 1 {
                        search::resection(&mut st, s, k, &orders, &mut rng);
                    } else {
                        let before = (st.soft, st.hard, st.snapshot().enrol);
                        if !search::resection_evicting(&mut st, s, k, &orders, &mut rng) {
                            assert_eq!((st.soft, st.hard), (before.0, before.1), "an undone swap at step {step}");
                            let mut now = st.snapshot().enrol;
                            let mut was = before.2;
                            now.iter_mut().chain(was.iter_mut()).for_each(|v| v.sort());
                            assert_eq!(now, was, "an undone swap at step {step}");
                        }
                    }
                }
                _ => {
                    let o = rng.below(m.opts[c.ix()].len()) as u32;
                    st.set(c, o);
                }
            }
            assert_eq!(st.recomputed(), (st.soft, st.hard), "after step {step}");
        }
    }
}
