//! Host allocation for students without a host, as a 0–1 model solved by
//! HiGHS through good_lp, one model per requirement (capacities count per
//! requirement, so requirements are independent).
//!
//! Variables `x[s,h]` say that student `s` goes to host `h`; each student
//! takes at most one host, each host at most its capacity minus the
//! students already assigned to it for that requirement. The objective
//! puts the number of students placed first, then hosts where the quota
//! fits before the deadline, then the first choice, the second, …
//! Preferences are tried first; students left over are offered every
//! compatible host with room in a second model, so that a host nobody
//! listed cannot take the place of a preference.

use super::days::MIN_DAY_MINUTES;
use crate::model::{HostId, Instance, RequirementId, StudentId};
use good_lp::solvers::highs::highs;
use good_lp::{Expression, ProblemVariables, Solution, SolverModel, Variable, constraint, variable};
use std::collections::BTreeMap;

/// Why a student could not be given a host.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unplaced {
    /// No host's opening hours meet the student's declared availability.
    NoCompatibleHost,
    /// Every compatible host is full for the student's requirement.
    HostsFull {
        /// The compatible hosts.
        compatible: Vec<HostId>,
    },
}

impl Unplaced {
    /// A sentence for planners.
    pub fn describe(&self, inst: &Instance, s: StudentId) -> String {
        let st = &inst.placements.students[s.index()];
        let req = &inst.placements.requirements[st.requirement.index()];
        match self {
            Unplaced::NoCompatibleHost => format!(
                "no host: no host's opening hours meet the declared availability of {} for at least {} h a day",
                st.id,
                MIN_DAY_MINUTES / 60
            ),
            Unplaced::HostsFull { compatible } => {
                let names: Vec<&str> =
                    compatible.iter().take(3).map(|h| inst.placements.hosts[h.index()].id.as_str()).collect();
                match compatible.len() {
                    1 => format!("no host: the only compatible host, {}, is full for requirement {}", names[0], req.id),
                    n => format!(
                        "no host: all {n} compatible hosts ({}{}) are full for requirement {}",
                        names.join(", "),
                        if n > 3 { ", …" } else { "" },
                        req.id
                    ),
                }
            }
        }
    }
}

/// The result of an allocation.
#[derive(Debug, Clone, Default)]
pub struct Allocation {
    /// The host of every student (given in the instance or allocated),
    /// indexed by student.
    pub host: Vec<Option<HostId>>,
    /// Students that got their host from the allocation.
    pub allocated: Vec<StudentId>,
    /// Students left without a host, with the reason, by student index.
    pub unplaced: BTreeMap<StudentId, Unplaced>,
}

/// A host given more students of one requirement by the instance itself
/// than its capacity: the allocation adds none, but cannot undo these.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OverCapacity {
    /// The host.
    pub host: HostId,
    /// The requirement.
    pub requirement: RequirementId,
    /// The students the instance assigns to it for that requirement.
    pub students: Vec<StudentId>,
}

impl OverCapacity {
    /// A sentence for planners.
    pub fn describe(&self, inst: &Instance) -> String {
        let p = &inst.placements;
        let h = &p.hosts[self.host.index()];
        let ids: Vec<&str> = self.students.iter().map(|s| p.students[s.index()].id.as_str()).collect();
        format!(
            "the instance assigns {} students of {} to host {} ({}), over its capacity {}",
            ids.len(),
            p.requirements[self.requirement.index()].id,
            h.id,
            ids.join(", "),
            h.capacity
        )
    }
}

/// Hosts that the instance's own assignments put over capacity, by host and
/// requirement.
pub fn fixed_over_capacity(inst: &Instance) -> Vec<OverCapacity> {
    let mut by: BTreeMap<(HostId, RequirementId), Vec<StudentId>> = BTreeMap::new();
    for (i, s) in inst.placements.students.iter().enumerate() {
        if let Some(h) = s.host {
            by.entry((h, s.requirement)).or_default().push(StudentId::from_index(i));
        }
    }
    by.into_iter()
        .filter(|((h, _), list)| list.len() > inst.placements.hosts[h.index()].capacity as usize)
        .map(|((host, requirement), students)| OverCapacity { host, requirement, students })
        .collect()
}

/// The allocation failed in the solver (not for lack of room: a model with
/// every student unplaced is always feasible).
#[derive(Debug, thiserror::Error)]
#[error("host allocation for requirement {requirement}: the solver failed: {message}")]
pub struct AllocationError {
    /// Requirement id.
    pub requirement: String,
    /// The solver's message.
    pub message: String,
}

/// Whether `host` opens at a time the student declares available (on some
/// weekday, for at least [`MIN_DAY_MINUTES`] in one stretch, on dates that
/// meet the requirement's window).
pub fn compatible(inst: &Instance, s: StudentId, host: HostId) -> bool {
    let st = &inst.placements.students[s.index()];
    let window = inst.placements.requirements[st.requirement.index()].window;
    let h = &inst.placements.hosts[host.index()];
    h.open.iter().any(|o| match &st.available {
        None => o.minutes() >= MIN_DAY_MINUTES,
        Some(list) => list.iter().any(|w| {
            w.days.contains(o.day)
                && w.dates.intersects(&window)
                && w.end.minutes().min(o.end.minutes()) >= w.start.minutes().max(o.start.minutes()) + MIN_DAY_MINUTES
        }),
    })
}

/// Allocates a host to every student without one, requirement by
/// requirement. `fits(s, h)` says whether what `s` has left fits at host
/// `h` before the deadline: such hosts are preferred over any preference
/// rank, and a student none of whose preferences fits is also offered
/// every compatible host where it fits.
pub fn allocate(inst: &Instance, fits: impl Fn(StudentId, HostId) -> bool) -> Result<Allocation, AllocationError> {
    let p = &inst.placements;
    let mut out = Allocation { host: p.students.iter().map(|s| s.host).collect(), ..Allocation::default() };
    for r in 0..p.requirements.len() {
        let req = RequirementId::from_index(r);
        let mut room: Vec<u32> = p.hosts.iter().map(|h| h.capacity).collect();
        let mut open_students = Vec::new();
        for (i, s) in p.students.iter().enumerate().filter(|(_, s)| s.requirement == req) {
            match s.host {
                Some(h) => room[h.index()] = room[h.index()].saturating_sub(1),
                None => open_students.push(StudentId::from_index(i)),
            }
        }
        if open_students.is_empty() {
            continue;
        }
        let compat: BTreeMap<StudentId, Vec<HostId>> = open_students
            .iter()
            .map(|&s| (s, (0..p.hosts.len()).map(HostId::from_index).filter(|&h| compatible(inst, s, h)).collect()))
            .collect();
        // Phase 1: preferences; a student who gave none, or none of whose
        // preferences can hold the quota, is offered every compatible host
        // (where it fits, for the latter) after them.
        let phase1: Vec<Arcs> = open_students
            .iter()
            .map(|&s| {
                let c = &compat[&s];
                let mut arcs: Vec<(HostId, f64)> = Vec::new();
                for h in p.students[s.index()].preferences.iter().filter(|h| c.contains(h)) {
                    if !arcs.iter().any(|a| a.0 == *h) {
                        let rank = arcs.len() as f64;
                        arcs.push((*h, rank + if fits(s, *h) { 0.0 } else { NO_FIT }));
                    }
                }
                let fallback = arcs.len() as f64;
                if arcs.is_empty() {
                    arcs = c.iter().map(|&h| (h, if fits(s, h) { 0.0 } else { NO_FIT })).collect();
                } else if arcs.iter().all(|a| a.1 >= NO_FIT) {
                    let listed: Vec<HostId> = arcs.iter().map(|a| a.0).collect();
                    arcs.extend(c.iter().filter(|h| !listed.contains(h) && fits(s, **h)).map(|&h| (h, fallback)));
                }
                (s, arcs)
            })
            .collect();
        let got = solve(&p.requirements[r].id, &phase1, &room)?;
        for &(s, h) in &got {
            room[h.index()] -= 1;
            out.host[s.index()] = Some(h);
            out.allocated.push(s);
        }
        // Phase 2: whoever is left, on any compatible host with room.
        let phase2: Vec<Arcs> = open_students
            .iter()
            .filter(|s| out.host[s.index()].is_none())
            .map(|&s| {
                let arcs = compat[&s]
                    .iter()
                    .filter(|h| room[h.index()] > 0)
                    .map(|&h| (h, if fits(s, h) { 0.0 } else { NO_FIT }))
                    .collect();
                (s, arcs)
            })
            .collect();
        let got = solve(&p.requirements[r].id, &phase2, &room)?;
        for &(s, h) in &got {
            room[h.index()] -= 1;
            out.host[s.index()] = Some(h);
            out.allocated.push(s);
        }
        for &s in &open_students {
            if out.host[s.index()].is_none() {
                let c = &compat[&s];
                let why = if c.is_empty() {
                    Unplaced::NoCompatibleHost
                } else {
                    Unplaced::HostsFull { compatible: c.clone() }
                };
                let _ = out.unplaced.insert(s, why);
            }
        }
    }
    out.allocated.sort();
    Ok(out)
}

/// The cost of a host where the student's quota does not fit before the
/// deadline: above any difference of preference ranks.
const NO_FIT: f64 = 1000.0;

/// A student's candidate hosts, each with its cost.
type Arcs = (StudentId, Vec<(HostId, f64)>);

/// One assignment model: `arcs` lists each student's hosts with a cost
/// (rank); `room` is each host's free capacity. Returns the chosen pairs.
fn solve(requirement: &str, arcs: &[Arcs], room: &[u32]) -> Result<Vec<(StudentId, HostId)>, AllocationError> {
    let n_arcs: usize = arcs.iter().map(|a| a.1.len()).sum();
    if n_arcs == 0 {
        return Ok(Vec::new());
    }
    // Placing one more student is worth more than any change of costs it
    // may force on the others: the number placed comes first.
    let max_cost = arcs.iter().flat_map(|a| a.1.iter().map(|x| x.1)).fold(0.0, f64::max);
    let reward = (arcs.len() as f64 + 1.0) * (max_cost + 1.0);
    let mut vars = ProblemVariables::new();
    let mut x: Vec<(StudentId, HostId, Variable)> = Vec::with_capacity(n_arcs);
    let mut objective = Expression::with_capacity(n_arcs);
    let mut per_host: BTreeMap<HostId, Expression> = BTreeMap::new();
    let mut per_student: Vec<Expression> = Vec::with_capacity(arcs.len());
    for (s, list) in arcs {
        let mut e = Expression::with_capacity(list.len());
        for &(h, cost) in list {
            let v = vars.add(variable().binary());
            objective.add_mul(cost - reward, v);
            e.add_mul(1.0, v);
            per_host.entry(h).or_default().add_mul(1.0, v);
            x.push((*s, h, v));
        }
        per_student.push(e);
    }
    let mut model = vars.minimise(objective).using(highs).set_threads(1);
    model.set_verbose(false);
    for e in per_student {
        model = model.with(constraint!(e <= 1.0));
    }
    for (h, e) in per_host {
        model = model.with(constraint!(e <= f64::from(room[h.index()])));
    }
    let sol =
        model.solve().map_err(|e| AllocationError { requirement: requirement.to_string(), message: e.to_string() })?;
    Ok(x.into_iter().filter(|&(_, _, v)| sol.value(v) > 0.5).map(|(s, h, _)| (s, h)).collect())
}
