//! The evaluator: every hard violation of a solution and the four soft
//! criteria (time, room, distribution, student conflicts) counted from
//! scratch as the competition counts them, weighted by the instance.

use super::instance::{ClassId, CourseId, Instance, Kind, RoomId, StudentId, Time};
use super::rules::{self, Slot};
use super::solution::Solution;
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// One broken hard rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Hard {
    /// The class is not in the solution.
    Missing(ClassId),
    /// The class's days, start and weeks are not one of its times.
    NotATime(ClassId),
    /// The class needs a room and has none.
    NoRoom(ClassId),
    /// The room is not one of the class's rooms (or the class needs none).
    NotARoom(ClassId, RoomId),
    /// The class meets while its room is unavailable.
    Unavailable(ClassId, RoomId),
    /// Two classes meet at once in one room.
    RoomClash(ClassId, ClassId, RoomId),
    /// A required distribution is broken (its index and violation count).
    Distribution(usize, u64),
    /// The student is in a class of a course they do not take.
    NotRequested(StudentId, ClassId),
    /// The student's classes of a course are not one class per subpart of
    /// one configuration with their parents.
    BadEnrolment(StudentId, CourseId, String),
    /// The class has more students than its limit.
    OverLimit(ClassId, u32),
}

/// The evaluation of a solution.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CostReport {
    /// The instance name.
    pub instance: String,
    /// Every hard violation.
    pub hard: Vec<Hard>,
    /// Sum of the time penalties of the placed classes.
    pub time: u64,
    /// Sum of the room penalties.
    pub room: u64,
    /// Sum of the soft distribution penalties.
    pub distribution: u64,
    /// Number of student conflicts (pairs of a student's classes they
    /// cannot both attend).
    pub student: u64,
    /// The instance's weights (time, room, distribution, student).
    pub weights: [u64; 4],
    /// Soft distribution penalty by kind name, for the kinds that cost.
    pub by_kind: BTreeMap<String, u64>,
}

impl CostReport {
    /// Number of hard violations.
    pub fn hard_count(&self) -> usize {
        self.hard.len()
    }

    /// The weighted criteria: time, room, distribution, student.
    pub fn weighted(&self) -> [u64; 4] {
        let w = self.weights;
        [self.time * w[0], self.room * w[1], self.distribution * w[2], self.student * w[3]]
    }

    /// The competition's total: the weighted sum of the four criteria.
    pub fn total(&self) -> u64 {
        self.weighted().iter().sum()
    }

    /// The report as text, one `label: value` per line, then one line per
    /// hard violation.
    pub fn render(&self, inst: &Instance) -> String {
        let mut s = String::new();
        let w = self.weights;
        let ws = self.weighted();
        let _ = writeln!(s, "instance: {}", self.instance);
        let _ = writeln!(s, "hard violations: {}", self.hard.len());
        let _ = writeln!(s, "time: {} x {} = {}", self.time, w[0], ws[0]);
        let _ = writeln!(s, "room: {} x {} = {}", self.room, w[1], ws[1]);
        let _ = writeln!(s, "distribution: {} x {} = {}", self.distribution, w[2], ws[2]);
        for (k, v) in &self.by_kind {
            let _ = writeln!(s, "  {k}: {v}");
        }
        let _ = writeln!(s, "student conflicts: {} x {} = {}", self.student, w[3], ws[3]);
        let _ = writeln!(s, "total: {}", self.total());
        for h in &self.hard {
            let _ = writeln!(s, "hard: {}", describe(inst, h));
        }
        s
    }
}

fn describe(inst: &Instance, h: &Hard) -> String {
    let c = |x: &ClassId| format!("class {}", inst.classes[x.ix()].name);
    let r = |x: &RoomId| format!("room {}", inst.rooms[x.ix()].name);
    let st = |x: &StudentId| format!("student {}", inst.students[x.ix()].name);
    match h {
        Hard::Missing(x) => format!("{} is missing from the solution (no time, no room)", c(x)),
        Hard::NotATime(x) => format!("{} is at days, start and weeks that are not one of its times", c(x)),
        Hard::NoRoom(x) => format!("{} needs a room and has none", c(x)),
        Hard::NotARoom(x, y) => format!("{} is in {}, not one of its rooms", c(x), r(y)),
        Hard::Unavailable(x, y) => format!("{} meets while {} is unavailable", c(x), r(y)),
        Hard::RoomClash(a, b, y) => format!("{} and {} meet at once in {}", c(a), c(b), r(y)),
        Hard::Distribution(i, n) => {
            let d = &inst.distributions[*i];
            let names: Vec<&str> = d.classes.iter().map(|x| inst.classes[x.ix()].name.as_str()).collect();
            let unit = if d.kind.is_pairwise() { "violating pair(s)" } else { "violation(s)" };
            format!("required {} of classes {} is broken ({n} {unit})", d.kind, names.join(", "))
        }
        Hard::NotRequested(s, x) => format!(
            "{} is in {} of course {}, which they do not take",
            st(s),
            c(x),
            inst.courses[inst.course_of(*x).ix()].name
        ),
        Hard::BadEnrolment(s, k, why) => format!("{} in course {}: {why}", st(s), inst.courses[k.ix()].name),
        Hard::OverLimit(x, n) => format!("{} has {n} students, over its limit {}", c(x), inst.classes[x.ix()].limit),
    }
}

/// What the evaluator settled for each class: its time (when valid) and
/// its room as given.
fn resolve(inst: &Instance, sol: &Solution, hard: &mut Vec<Hard>, pen: &mut (u64, u64)) -> Vec<Option<Slot>> {
    let mut out = vec![None; inst.classes.len()];
    for (i, class) in inst.classes.iter().enumerate() {
        let id = ClassId(i as u32);
        let Some(p) = sol.classes.get(i).and_then(|p| p.as_ref()) else {
            hard.push(Hard::Missing(id));
            continue;
        };
        let Some(&(time, tp)) =
            class.times.iter().find(|(t, _)| t.days == p.days && t.start == p.start && t.weeks == p.weeks)
        else {
            hard.push(Hard::NotATime(id));
            continue;
        };
        pen.0 += tp as u64;
        match p.room {
            None if class.needs_room => hard.push(Hard::NoRoom(id)),
            None => {}
            Some(r) => match class.rooms.iter().find(|(x, _)| *x == r) {
                Some(&(_, rp)) => pen.1 += rp as u64,
                None => hard.push(Hard::NotARoom(id, r)),
            },
        }
        out[i] = Some(Slot { time, room: p.room });
    }
    out
}

/// Evaluates a solution from scratch.
pub fn evaluate(inst: &Instance, sol: &Solution) -> CostReport {
    let mut hard = Vec::new();
    let mut pen = (0, 0);
    let slots = resolve(inst, sol, &mut hard, &mut pen);

    // Rooms: unavailable times and two classes at once.
    let mut in_room: Vec<Vec<(ClassId, Time)>> = vec![Vec::new(); inst.rooms.len()];
    for (i, s) in slots.iter().enumerate() {
        let Some(Slot { time, room: Some(r) }) = s else { continue };
        if inst.rooms[r.ix()].unavailable.iter().any(|u| u.overlaps(time)) {
            hard.push(Hard::Unavailable(ClassId(i as u32), *r));
        }
        in_room[r.ix()].push((ClassId(i as u32), *time));
    }
    for (r, list) in in_room.iter().enumerate() {
        for a in 0..list.len() {
            for b in a + 1..list.len() {
                if list[a].1.overlaps(&list[b].1) {
                    hard.push(Hard::RoomClash(list[a].0, list[b].0, RoomId(r as u32)));
                }
            }
        }
    }

    // Distributions.
    let mut distribution = 0;
    let mut by_kind: BTreeMap<String, u64> = BTreeMap::new();
    for (i, d) in inst.distributions.iter().enumerate() {
        let placed: Vec<Slot> = d.classes.iter().filter_map(|c| slots[c.ix()]).collect();
        let n = rules::count(inst, d, &placed);
        if n == 0 {
            continue;
        }
        if d.required {
            hard.push(Hard::Distribution(i, n));
        } else {
            let p = rules::soft_penalty(inst, d, n);
            distribution += p;
            if p > 0 {
                *by_kind.entry(kind_name(d.kind)).or_default() += p;
            }
        }
    }

    // Students: enrolments, limits, conflicts.
    let mut of_student: Vec<Vec<ClassId>> = vec![Vec::new(); inst.students.len()];
    for (i, p) in sol.classes.iter().enumerate() {
        let Some(p) = p else { continue };
        let c = ClassId(i as u32);
        if p.students.len() > inst.classes[i].limit as usize {
            hard.push(Hard::OverLimit(c, p.students.len() as u32));
        }
        for s in &p.students {
            of_student[s.ix()].push(c);
        }
    }
    let mut student = 0;
    for (si, classes) in of_student.iter_mut().enumerate() {
        let sid = StudentId(si as u32);
        classes.sort();
        classes.dedup();
        let req = &inst.students[si].courses;
        for &c in classes.iter() {
            if !req.contains(&inst.course_of(c)) {
                hard.push(Hard::NotRequested(sid, c));
            }
        }
        for &k in req {
            if let Some(why) = enrolment_problem(inst, k, classes) {
                hard.push(Hard::BadEnrolment(sid, k, why));
            }
        }
        for a in 0..classes.len() {
            for b in a + 1..classes.len() {
                if let (Some(x), Some(y)) = (slots[classes[a].ix()], slots[classes[b].ix()]) {
                    if !rules::attendable(inst, &x, &y) {
                        student += 1;
                    }
                }
            }
        }
    }

    let w = inst.weights;
    CostReport {
        instance: inst.name.clone(),
        hard,
        time: pen.0,
        room: pen.1,
        distribution,
        student,
        weights: [w.time as u64, w.room as u64, w.distribution as u64, w.student as u64],
        by_kind,
    }
}

/// The kind's name without parameters (`MaxBlock`, `SameStart`…).
fn kind_name(k: Kind) -> String {
    let s = k.to_string();
    s.split('(').next().unwrap_or("").to_string()
}

/// Why a student's classes of course `k` (among `classes`, sorted) are not
/// one class per subpart of one configuration with their parents.
fn enrolment_problem(inst: &Instance, k: CourseId, classes: &[ClassId]) -> Option<String> {
    let mine: Vec<ClassId> = classes.iter().copied().filter(|&c| inst.course_of(c) == k).collect();
    let name = |c: ClassId| inst.classes[c.ix()].name.clone();
    if mine.is_empty() {
        return Some("in no class".to_string());
    }
    let cfg = inst.config_of(mine[0]);
    if mine.iter().any(|&c| inst.config_of(c) != cfg) {
        return Some("classes of more than one configuration".to_string());
    }
    for &sp in &inst.configs[cfg.ix()].subparts {
        let n = mine.iter().filter(|&&c| inst.classes[c.ix()].subpart == sp).count();
        if n != 1 {
            return Some(format!("{n} classes of subpart {} (one expected)", inst.subparts[sp.ix()].name));
        }
    }
    for &c in &mine {
        if let Some(p) = inst.classes[c.ix()].parent {
            if !mine.contains(&p) {
                return Some(format!("in class {} without its parent class {}", name(c), name(p)));
            }
        }
    }
    None
}
