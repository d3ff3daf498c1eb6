//! The solver's incremental timetable: each class's options (a time and a
//! room, like an activity's patterns in the main solver), the assignment
//! kept free of hard violations among assigned classes, the students'
//! sectioning, and the weighted cost kept up to date move by move.

use super::instance::{ClassId, Instance, Kind, StudentId, Time};
use super::rules::{self, Slot};
use super::solution::{Meta, Placed, Solution};
use std::collections::HashMap;

/// One (time, room) choice of a class and its weighted own cost.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Opt {
    pub slot: Slot,
    /// Weighted time and room penalty.
    pub cost: i64,
}

/// The precomputed, read-only side of the search.
#[derive(Debug)]
pub(crate) struct Model<'a> {
    pub inst: &'a Instance,
    /// Options of each class (times in file order, then rooms), without
    /// those where the room is unavailable.
    pub opts: Vec<Vec<Opt>>,
    /// Distributions containing each class.
    pub dists_of: Vec<Vec<u32>>,
    /// Each class's position in each of its distributions (parallel to `dists_of`).
    pub pos_in: Vec<Vec<u32>>,
    pub w_dist: i64,
    pub w_student: i64,
}

impl<'a> Model<'a> {
    pub fn new(inst: &'a Instance) -> Self {
        let w = inst.weights;
        let mut opts = Vec::with_capacity(inst.classes.len());
        for class in &inst.classes {
            let mut v = Vec::new();
            for &(time, tp) in &class.times {
                let tc = tp as i64 * w.time as i64;
                if class.needs_room {
                    for &(r, rp) in &class.rooms {
                        if inst.rooms[r.ix()].unavailable.iter().any(|u| u.overlaps(&time)) {
                            continue;
                        }
                        v.push(Opt { slot: Slot { time, room: Some(r) }, cost: tc + rp as i64 * w.room as i64 });
                    }
                } else {
                    v.push(Opt { slot: Slot { time, room: None }, cost: tc });
                }
            }
            opts.push(v);
        }
        let mut dists_of = vec![Vec::new(); inst.classes.len()];
        let mut pos_in = vec![Vec::new(); inst.classes.len()];
        for (i, d) in inst.distributions.iter().enumerate() {
            for (p, c) in d.classes.iter().enumerate() {
                dists_of[c.ix()].push(i as u32);
                pos_in[c.ix()].push(p as u32);
            }
        }
        Model { inst, opts, dists_of, pos_in, w_dist: w.distribution as i64, w_student: w.student as i64 }
    }

    pub fn n(&self) -> usize {
        self.inst.classes.len()
    }
}

/// A saved assignment and sectioning.
#[derive(Debug, Clone)]
pub(crate) struct Snapshot {
    pub asg: Vec<Option<u32>>,
    pub enrol: Vec<Vec<ClassId>>,
}

/// The mutable timetable.
#[derive(Debug, Clone)]
pub(crate) struct State<'m, 'a> {
    pub m: &'m Model<'a>,
    /// Option of each class (`None`: unassigned).
    pub asg: Vec<Option<u32>>,
    /// Assigned classes of each room.
    pub in_room: Vec<Vec<ClassId>>,
    /// Classes each student is sectioned into.
    pub enrol: Vec<Vec<ClassId>>,
    /// Students of each class.
    pub size: Vec<u32>,
    /// For each class, the classes sharing students with it and how many.
    pub shared: Vec<HashMap<u32, u32>>,
    /// Weighted cost of the assigned part (own costs, soft distributions,
    /// student conflicts).
    pub cost: i64,
    /// Unassigned classes.
    pub unassigned: usize,
}

impl<'m, 'a> State<'m, 'a> {
    pub fn new(m: &'m Model<'a>) -> Self {
        let inst = m.inst;
        State {
            m,
            asg: vec![None; m.n()],
            in_room: vec![Vec::new(); inst.rooms.len()],
            enrol: vec![Vec::new(); inst.students.len()],
            size: vec![0; m.n()],
            shared: vec![HashMap::new(); m.n()],
            cost: 0,
            unassigned: m.n(),
        }
    }

    pub fn slot(&self, c: ClassId) -> Option<&Slot> {
        self.asg[c.ix()].map(|o| &self.m.opts[c.ix()][o as usize].slot)
    }

    /// The slot of `x`, with class `c` taken as placed at `slot` instead.
    fn slot_as<'s>(&'s self, x: ClassId, c: ClassId, slot: Option<&'s Slot>) -> Option<&'s Slot> {
        if x == c { slot } else { self.slot(x) }
    }

    /// Violation count of distribution `d` with class `c` placed at `slot`
    /// (or left out when `None`), the others as assigned.
    pub fn dist_count(&self, d: usize, c: ClassId, slot: Option<&Slot>) -> u64 {
        let dist = &self.m.inst.distributions[d];
        let placed: Vec<Slot> = dist.classes.iter().filter_map(|&x| self.slot_as(x, c, slot).copied()).collect();
        rules::count(self.m.inst, dist, &placed)
    }

    /// Soft cost of a global distribution's count.
    fn global_pen(&self, d: usize, n: u64) -> i64 {
        rules::soft_penalty(self.m.inst, &self.m.inst.distributions[d], n) as i64 * self.m.w_dist
    }

    /// The marginal weighted cost of class `c` at option `o` given the
    /// other assigned classes: its own penalty, the soft distributions it
    /// takes part in, and its student conflicts.
    pub fn contribution(&self, c: ClassId, o: u32) -> i64 {
        let inst = self.m.inst;
        let opt = &self.m.opts[c.ix()][o as usize];
        let mut total = opt.cost;
        for (k, &d) in self.m.dists_of[c.ix()].iter().enumerate() {
            let dist = &inst.distributions[d as usize];
            if dist.required {
                continue;
            }
            if dist.kind.is_pairwise() {
                let me = self.m.pos_in[c.ix()][k] as usize;
                let mut bad = 0;
                for (p, &x) in dist.classes.iter().enumerate() {
                    if x == c {
                        continue;
                    }
                    let Some(s) = self.slot(x) else { continue };
                    let ok = if p < me {
                        rules::pair_ok(inst, dist.kind, s, &opt.slot)
                    } else {
                        rules::pair_ok(inst, dist.kind, &opt.slot, s)
                    };
                    if !ok {
                        bad += 1;
                    }
                }
                total += bad * dist.penalty as i64 * self.m.w_dist;
            } else {
                let with = self.dist_count(d as usize, c, Some(&opt.slot));
                let without = self.dist_count(d as usize, c, None);
                total += self.global_pen(d as usize, with) - self.global_pen(d as usize, without);
            }
        }
        if self.m.w_student > 0 {
            for (&x, &n) in &self.shared[c.ix()] {
                if let Some(s) = self.slot(ClassId(x)) {
                    if !rules::attendable(inst, &opt.slot, s) {
                        total += n as i64 * self.m.w_student;
                    }
                }
            }
        }
        total
    }

    /// The assigned classes that class `c` at option `o` is in hard
    /// conflict with (pushed to `out`); `false` when the option breaks a
    /// hard rule whatever the others do. With `first`, stops at the first.
    pub fn conflicts(&self, c: ClassId, o: u32, out: &mut Vec<ClassId>, first: bool) -> bool {
        let inst = self.m.inst;
        let slot = &self.m.opts[c.ix()][o as usize].slot;
        if let Some(r) = slot.room {
            for &x in &self.in_room[r.ix()] {
                if x != c && self.slot(x).is_some_and(|s| s.time.overlaps(&slot.time)) {
                    out.push(x);
                    if first {
                        return true;
                    }
                }
            }
        }
        for (k, &d) in self.m.dists_of[c.ix()].iter().enumerate() {
            let dist = &inst.distributions[d as usize];
            if !dist.required {
                continue;
            }
            if dist.kind.is_pairwise() {
                let me = self.m.pos_in[c.ix()][k] as usize;
                for (p, &x) in dist.classes.iter().enumerate() {
                    if x == c {
                        continue;
                    }
                    let Some(s) = self.slot(x) else { continue };
                    let ok = if p < me {
                        rules::pair_ok(inst, dist.kind, s, slot)
                    } else {
                        rules::pair_ok(inst, dist.kind, slot, s)
                    };
                    if !ok {
                        out.push(x);
                        if first {
                            return true;
                        }
                    }
                }
            } else if self.dist_count(d as usize, c, Some(slot)) > 0 {
                // Alone it breaks the rule: no option.
                let alone = rules::global_count(inst, dist.kind, &[&slot.time]);
                if alone > 0 {
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
        }
        true
    }

    /// Whether option `o` of `c` is free of hard conflicts with the others.
    pub fn feasible(&self, c: ClassId, o: u32, buf: &mut Vec<ClassId>) -> bool {
        buf.clear();
        self.conflicts(c, o, buf, true) && buf.is_empty()
    }

    pub fn assign(&mut self, c: ClassId, o: u32) {
        debug_assert!(self.asg[c.ix()].is_none());
        self.cost += self.contribution(c, o);
        self.asg[c.ix()] = Some(o);
        self.unassigned -= 1;
        if let Some(r) = self.m.opts[c.ix()][o as usize].slot.room {
            self.in_room[r.ix()].push(c);
        }
    }

    pub fn unassign(&mut self, c: ClassId) {
        let Some(o) = self.asg[c.ix()] else { return };
        self.asg[c.ix()] = None;
        self.cost -= self.contribution(c, o);
        self.unassigned += 1;
        if let Some(r) = self.m.opts[c.ix()][o as usize].slot.room {
            let v = &mut self.in_room[r.ix()];
            if let Some(i) = v.iter().position(|&x| x == c) {
                v.swap_remove(i);
            }
        }
    }

    /// The weighted student-conflict cost of student `s` taking class `c`
    /// at its current slot, against their other classes except `skip`.
    pub fn student_cost_with(&self, s: StudentId, c: ClassId, skip: &[ClassId]) -> i64 {
        let Some(sc) = self.slot(c) else { return 0 };
        let mut n = 0;
        for &x in &self.enrol[s.ix()] {
            if x == c || skip.contains(&x) {
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

    /// Adds class `c` to student `s` (cost and shared counts updated).
    pub fn enrol_add(&mut self, s: StudentId, c: ClassId) {
        self.cost += self.student_cost_with(s, c, &[]);
        for i in 0..self.enrol[s.ix()].len() {
            let x = self.enrol[s.ix()][i];
            *self.shared[c.ix()].entry(x.0).or_default() += 1;
            *self.shared[x.ix()].entry(c.0).or_default() += 1;
        }
        self.enrol[s.ix()].push(c);
        self.size[c.ix()] += 1;
    }

    /// Removes class `c` from student `s`.
    pub fn enrol_remove(&mut self, s: StudentId, c: ClassId) {
        let Some(i) = self.enrol[s.ix()].iter().position(|&x| x == c) else { return };
        self.enrol[s.ix()].swap_remove(i);
        self.size[c.ix()] -= 1;
        self.cost -= self.student_cost_with(s, c, &[]);
        for i in 0..self.enrol[s.ix()].len() {
            let x = self.enrol[s.ix()][i];
            for (a, b) in [(c, x), (x, c)] {
                let e = self.shared[a.ix()].entry(b.0).or_default();
                *e -= 1;
                if *e == 0 {
                    self.shared[a.ix()].remove(&b.0);
                }
            }
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
        for (c, o) in snap.asg.iter().enumerate() {
            if let Some(o) = o {
                fresh.assign(ClassId(c as u32), *o);
            }
        }
        *self = fresh;
    }

    /// The competition solution of the current state.
    pub fn to_solution(&self, meta: Meta) -> Solution {
        let mut students: Vec<Vec<StudentId>> = vec![Vec::new(); self.m.n()];
        for (s, cl) in self.enrol.iter().enumerate() {
            for &c in cl {
                students[c.ix()].push(StudentId(s as u32));
            }
        }
        let classes = (0..self.m.n())
            .map(|c| {
                let s = self.slot(ClassId(c as u32))?;
                let t: &Time = &s.time;
                let mut st = std::mem::take(&mut students[c]);
                st.sort();
                Some(Placed { days: t.days, start: t.start, weeks: t.weeks, room: s.room, students: st })
            })
            .collect();
        Solution { name: self.m.inst.name.clone(), meta, classes }
    }
}
