//! The independent evaluator: hard violations and the UD2 soft costs of a
//! solution, computed from scratch with plain loops. It shares no code with
//! the solver's incremental bookkeeping, on purpose.

use super::instance::Instance;
use super::solution::Solution;
use std::collections::BTreeSet;

/// Hard violations and soft costs of a solution.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CostReport {
    /// Lectures of a course not scheduled (required minus scheduled).
    pub unscheduled: usize,
    /// Lectures scheduled beyond a course's required number.
    pub excess: usize,
    /// Pairs of lectures in the same period that share the course, the
    /// teacher or a curriculum.
    pub conflicts: usize,
    /// Extra lectures in an occupied room-period (k lectures count k-1).
    pub room_occupancy: usize,
    /// Lectures scheduled in a period where their course is unavailable.
    pub unavailability: usize,
    /// Room capacity: one per student over the room's capacity.
    pub room_capacity: usize,
    /// Minimum working days: five per day missing.
    pub min_working_days: usize,
    /// Curriculum compactness: two per isolated lecture.
    pub compactness: usize,
    /// Room stability: one per room beyond the first for each course.
    pub room_stability: usize,
}

impl CostReport {
    /// Total hard violations.
    pub fn hard(&self) -> usize {
        self.unscheduled + self.excess + self.conflicts + self.room_occupancy + self.unavailability
    }

    /// Total UD2 soft cost.
    pub fn soft(&self) -> usize {
        self.room_capacity + self.min_working_days + self.compactness + self.room_stability
    }

    /// A readable multi-line report.
    pub fn render(&self) -> String {
        format!(
            "hard violations: {}\n  unscheduled lectures: {}\n  excess lectures: {}\n  conflicts (course/teacher/curriculum): {}\n  room occupancy: {}\n  unavailability: {}\nsoft cost: {}\n  room capacity: {}\n  minimum working days: {}\n  curriculum compactness: {}\n  room stability: {}\ntotal: {}",
            self.hard(),
            self.unscheduled,
            self.excess,
            self.conflicts,
            self.room_occupancy,
            self.unavailability,
            self.soft(),
            self.room_capacity,
            self.min_working_days,
            self.compactness,
            self.room_stability,
            self.soft()
        )
    }
}

/// Evaluates a solution from scratch.
pub fn evaluate(inst: &Instance, sol: &Solution) -> CostReport {
    let mut r = CostReport::default();
    let a = &sol.assignments;
    let ppd = inst.periods_per_day;

    // Lecture counts per course.
    for (c, course) in inst.courses.iter().enumerate() {
        let n = a.iter().filter(|x| x.course == c).count();
        if n < course.lectures {
            r.unscheduled += course.lectures - n;
        } else {
            r.excess += n - course.lectures;
        }
    }

    // Pairs of lectures in the same period.
    for i in 0..a.len() {
        for j in (i + 1)..a.len() {
            if a[i].period != a[j].period {
                continue;
            }
            if a[i].room == a[j].room {
                r.room_occupancy += 1;
            }
            if a[i].course == a[j].course || inst.in_conflict(a[i].course, a[j].course) {
                r.conflicts += 1;
            }
        }
    }
    // k lectures in one room-period form k(k-1)/2 pairs above; the rule
    // counts k-1, so recount room occupancy directly.
    r.room_occupancy = 0;
    let mut seen = BTreeSet::new();
    for x in a {
        if !seen.insert((x.period, x.room)) {
            r.room_occupancy += 1;
        }
    }

    for x in a {
        if inst.unavailable[x.course][x.period] {
            r.unavailability += 1;
        }
        let cap = inst.rooms[x.room].capacity;
        let students = inst.courses[x.course].students;
        if students > cap {
            r.room_capacity += students - cap;
        }
    }

    for (c, course) in inst.courses.iter().enumerate() {
        let days: BTreeSet<usize> = a.iter().filter(|x| x.course == c).map(|x| x.period / ppd).collect();
        if days.len() < course.min_days {
            r.min_working_days += 5 * (course.min_days - days.len());
        }
        let rooms: BTreeSet<usize> = a.iter().filter(|x| x.course == c).map(|x| x.room).collect();
        if rooms.len() > 1 {
            r.room_stability += rooms.len() - 1;
        }
    }

    // A curriculum's lecture is isolated when the curriculum has no lecture
    // in the period just before or just after on the same day.
    for cur in &inst.curricula {
        let busy = |p: usize| a.iter().any(|x| x.period == p && cur.courses.contains(&x.course));
        for x in a.iter().filter(|x| cur.courses.contains(&x.course)) {
            let (d, p) = (x.period / ppd, x.period % ppd);
            let before = p > 0 && busy(d * ppd + p - 1);
            let after = p + 1 < ppd && busy(d * ppd + p + 1);
            if !before && !after {
                r.compactness += 2;
            }
        }
    }
    r
}
