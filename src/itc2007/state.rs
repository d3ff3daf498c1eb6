//! The solver's timetable state with incremental counters, so that a move's
//! cost change is computed from the few terms it touches.

use super::instance::Instance;
use super::solution::{Assignment, Solution};

/// Marker for "no lecture" / "not scheduled".
pub(crate) const NONE: usize = usize::MAX;
/// Cost of an unscheduled lecture inside the solver (far above any soft
/// cost change a single move can make).
pub(crate) const UNSCHEDULED_WEIGHT: i64 = 100_000;

/// Timetable plus counters. Lectures are numbered course by course.
#[derive(Debug, Clone)]
pub(crate) struct State<'a> {
    pub inst: &'a Instance,
    pub np: usize,
    pub nr: usize,
    pub lec_course: Vec<usize>,
    pub period: Vec<usize>,
    pub room: Vec<usize>,
    /// `grid[p * nr + r]`: lecture in room r at period p, or NONE.
    pub grid: Vec<usize>,
    course_period: Vec<u16>,
    cur_period: Vec<u16>,
    teacher_period: Vec<u16>,
    course_day: Vec<u16>,
    course_ndays: Vec<u16>,
    course_room: Vec<u16>,
    course_nrooms: Vec<u16>,
    pub unscheduled: usize,
}

impl<'a> State<'a> {
    /// An empty timetable.
    pub fn new(inst: &'a Instance) -> Self {
        let np = inst.periods();
        let nr = inst.rooms.len();
        let nc = inst.courses.len();
        let mut lec_course = Vec::new();
        for (c, course) in inst.courses.iter().enumerate() {
            lec_course.extend(std::iter::repeat_n(c, course.lectures));
        }
        let nl = lec_course.len();
        State {
            inst,
            np,
            nr,
            lec_course,
            period: vec![NONE; nl],
            room: vec![NONE; nl],
            grid: vec![NONE; np * nr],
            course_period: vec![0; nc * np],
            cur_period: vec![0; inst.curricula.len() * np],
            teacher_period: vec![0; inst.teachers.len() * np],
            course_day: vec![0; nc * inst.days],
            course_ndays: vec![0; nc],
            course_room: vec![0; nc * nr],
            course_nrooms: vec![0; nc],
            unscheduled: nl,
        }
    }

    /// Number of lectures.
    pub fn lectures(&self) -> usize {
        self.lec_course.len()
    }

    /// Whether course `c` may be placed at period `p` given the lectures
    /// currently scheduled (no clash with itself, its teacher, its
    /// curricula; the course is available).
    pub fn can_place(&self, c: usize, p: usize) -> bool {
        let inst = self.inst;
        if inst.unavailable[c][p] || self.course_period[c * self.np + p] > 0 {
            return false;
        }
        if self.teacher_period[inst.courses[c].teacher * self.np + p] > 0 {
            return false;
        }
        inst.course_curricula[c].iter().all(|&q| self.cur_period[q * self.np + p] == 0)
    }

    /// Places an unscheduled lecture in a free room-period.
    pub fn insert(&mut self, l: usize, p: usize, r: usize) {
        debug_assert!(self.period[l] == NONE && self.grid[p * self.nr + r] == NONE);
        let inst = self.inst;
        let c = self.lec_course[l];
        let np = self.np;
        self.period[l] = p;
        self.room[l] = r;
        self.grid[p * self.nr + r] = l;
        self.course_period[c * np + p] += 1;
        for &q in &inst.course_curricula[c] {
            self.cur_period[q * np + p] += 1;
        }
        self.teacher_period[inst.courses[c].teacher * np + p] += 1;
        let d = p / inst.periods_per_day;
        let cd = &mut self.course_day[c * inst.days + d];
        *cd += 1;
        if *cd == 1 {
            self.course_ndays[c] += 1;
        }
        let cr = &mut self.course_room[c * self.nr + r];
        *cr += 1;
        if *cr == 1 {
            self.course_nrooms[c] += 1;
        }
        self.unscheduled -= 1;
    }

    /// Unschedules a lecture.
    pub fn remove(&mut self, l: usize) {
        let (p, r) = (self.period[l], self.room[l]);
        debug_assert!(p != NONE);
        let inst = self.inst;
        let c = self.lec_course[l];
        let np = self.np;
        self.period[l] = NONE;
        self.room[l] = NONE;
        self.grid[p * self.nr + r] = NONE;
        self.course_period[c * np + p] -= 1;
        for &q in &inst.course_curricula[c] {
            self.cur_period[q * np + p] -= 1;
        }
        self.teacher_period[inst.courses[c].teacher * np + p] -= 1;
        let d = p / inst.periods_per_day;
        let cd = &mut self.course_day[c * inst.days + d];
        *cd -= 1;
        if *cd == 0 {
            self.course_ndays[c] -= 1;
        }
        let cr = &mut self.course_room[c * self.nr + r];
        *cr -= 1;
        if *cr == 0 {
            self.course_nrooms[c] -= 1;
        }
        self.unscheduled += 1;
    }

    /// Room capacity cost of course `c` in room `r`.
    pub fn cap_cost(&self, c: usize, r: usize) -> i64 {
        let s = self.inst.courses[c].students as i64;
        let k = self.inst.rooms[r].capacity as i64;
        (s - k).max(0)
    }

    /// Minimum-working-days and room-stability cost of course `c`.
    pub fn course_cost(&self, c: usize) -> i64 {
        let mwd = self.inst.courses[c].min_days as i64;
        let nd = self.course_ndays[c] as i64;
        let nrooms = self.course_nrooms[c] as i64;
        5 * (mwd - nd).max(0) + (nrooms - 1).max(0)
    }

    /// Compactness cost of curriculum `q` on day `d`.
    pub fn compact_cost(&self, q: usize, d: usize) -> i64 {
        let ppd = self.inst.periods_per_day;
        let base = q * self.np + d * ppd;
        let busy = |i: usize| self.cur_period[base + i] > 0;
        let mut n = 0;
        for i in 0..ppd {
            if busy(i) && !(i > 0 && busy(i - 1)) && !(i + 1 < ppd && busy(i + 1)) {
                n += 2;
            }
        }
        n
    }

    /// Whether course `c` has a lecture on day `d`.
    pub fn course_on_day(&self, c: usize, d: usize) -> u16 {
        self.course_day[c * self.inst.days + d]
    }

    /// Number of lectures of course `c` in room `r`.
    pub fn course_in_room(&self, c: usize, r: usize) -> u16 {
        self.course_room[c * self.nr + r]
    }

    /// The full solver cost (soft cost plus a weight per unscheduled
    /// lecture), recomputed from the counters.
    pub fn total_cost(&self) -> i64 {
        let inst = self.inst;
        let mut t = self.unscheduled as i64 * UNSCHEDULED_WEIGHT;
        for l in 0..self.lectures() {
            if self.period[l] != NONE {
                t += self.cap_cost(self.lec_course[l], self.room[l]);
            }
        }
        for c in 0..inst.courses.len() {
            t += self.course_cost(c);
        }
        for q in 0..inst.curricula.len() {
            for d in 0..inst.days {
                t += self.compact_cost(q, d);
            }
        }
        t
    }

    /// Sum of the course and curriculum-day terms a move touching courses
    /// `cs` on days `ds` can change (capacity is handled by the caller).
    pub fn local_cost(&self, cs: &[usize], ds: &[usize]) -> i64 {
        let inst = self.inst;
        let mut t = 0;
        let mut qs: Vec<usize> = Vec::with_capacity(8);
        for (i, &c) in cs.iter().enumerate() {
            if cs[..i].contains(&c) {
                continue;
            }
            t += self.course_cost(c);
            for &q in &inst.course_curricula[c] {
                if !qs.contains(&q) {
                    qs.push(q);
                }
            }
        }
        for (j, &d) in ds.iter().enumerate() {
            if ds[..j].contains(&d) {
                continue;
            }
            for &q in &qs {
                t += self.compact_cost(q, d);
            }
        }
        t
    }

    /// Whether curriculum `q` has a lecture at period `p`, which must lie
    /// in day `d` (false for a period outside that day).
    pub fn curriculum_busy(&self, q: usize, p: usize, d: usize) -> bool {
        let ppd = self.inst.periods_per_day;
        p < self.np && p / ppd == d && self.cur_period[q * self.np + p] > 0
    }

    /// Number of distinct rooms course `c` uses.
    pub fn course_nrooms(&self, c: usize) -> u16 {
        self.course_nrooms[c]
    }

    /// The (period, room) of every lecture.
    pub fn snapshot(&self) -> Vec<(usize, usize)> {
        self.period.iter().copied().zip(self.room.iter().copied()).collect()
    }

    /// Replaces the timetable by a snapshot.
    pub fn restore(&mut self, snap: &[(usize, usize)]) {
        for l in 0..self.lectures() {
            if self.period[l] != NONE {
                self.remove(l);
            }
        }
        for (l, &(p, r)) in snap.iter().enumerate() {
            if p != NONE {
                self.insert(l, p, r);
            }
        }
    }

    /// The timetable as a solution (scheduled lectures only).
    pub fn to_solution(&self) -> Solution {
        let assignments = (0..self.lectures())
            .filter(|&l| self.period[l] != NONE)
            .map(|l| Assignment { course: self.lec_course[l], period: self.period[l], room: self.room[l] })
            .collect();
        Solution { assignments }
    }
}
