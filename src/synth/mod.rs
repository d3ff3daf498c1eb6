//! Generated faculties: `horaire synth faculty`.
//!
//! [`faculty`] builds, from a number of programmes and a seed, a
//! `horaire/1` instance of a whole faculty in the shapes of the four
//! reference programmes (evening grids from 17:15 or 18:00 and Saturday
//! slots, a daytime programme on three sites, modules alternating between
//! two sites, options as sibling cohorts, annual and quadrimester UEs,
//! co-requisites, individual enrolments, placements), on the real cities,
//! campuses and travel times of `facts/sites.md` and the FWB 2025-2026
//! calendar. The same arguments give the same instance, byte for byte.
//!
//! Programmes come in groups of one to four. Inside a group, teachers are
//! shared (each teaches in one to three programmes) and the group's
//! programmes teach in the same two or three cities. Every other group
//! teaches in buildings of its own (invented, marked "fictif") and so shares
//! nothing with the rest of the faculty: the instance has independent parts.
//! The other groups teach on the cities' main campuses and share their
//! rooms.
//!
//! The instance is feasible by construction: while generating, a witness
//! timetable is built ([`place`]) with every activity on a regular pattern
//! and a room, and the rooms of each site are those the witness needs plus
//! spares. [`Faculty::witness`] is that timetable (`horaire-timetable/1`);
//! the tests check it with the independent checker.

mod build;
mod campus;
mod emit;
mod names;
mod place;
mod shapes;
mod spec;

use crate::model::file::{CalendarFile, InstanceFile};
use crate::model::timetable::TimetableFile;
use crate::model::{ProgrammeId, SiteId, TeacherId};
use crate::placement::synth::Rng;
use serde::Serialize;
use shapes::Shape;
use spec::Spec;
use std::path::Path;

/// The most programmes a faculty may have.
pub const MAX_PROGRAMMES: usize = 200;

/// The calendar of every generated faculty (inlined in the instance).
const CALENDAR: &str = include_str!("../../instances/calendars/fwb-2025-2026.json");

/// Why no faculty was generated.
#[derive(Debug, thiserror::Error)]
pub enum SynthError {
    /// The number of programmes is out of range.
    #[error("expected 1 to {MAX_PROGRAMMES} programmes, found {0}")]
    Programmes(usize),
    /// The built-in calendar does not read (a defect of the build).
    #[error("the built-in calendar fwb-2025-2026.json is invalid: {0}")]
    Calendar(String),
}

/// What had to change in the generated instance so that every activity
/// has a conflict-free regular pattern (each counted once per activity).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Adjustments {
    /// Activities placed over an enrolment overlap (a soft cost), because
    /// no pattern avoided it.
    pub enrolment_overlaps: usize,
    /// Activities given a new teacher of their own.
    pub teachers_replaced: usize,
    /// Activities whose frequency was relaxed to `any`.
    pub frequencies_relaxed: usize,
    /// Activities whose hours were reduced.
    pub hours_reduced: usize,
    /// Activities left out.
    pub dropped: usize,
}

/// The size of a generated faculty.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Programmes.
    pub programmes: usize,
    /// UEs (placement UEs included).
    pub ues: usize,
    /// Activities.
    pub activities: usize,
    /// Meetings of the witness (those a regular timetable has).
    pub meetings: usize,
    /// Sites.
    pub sites: usize,
    /// Rooms.
    pub rooms: usize,
    /// Teachers.
    pub teachers: usize,
    /// Teachers who teach in more than one programme.
    pub shared_teachers: usize,
    /// Groups of programmes linked by a teacher or a site; programmes of
    /// different groups share nothing.
    pub independent_parts: usize,
    /// Changes the witness placement made to the instance.
    pub adjustments: Adjustments,
}

/// A generated faculty.
#[derive(Debug, Clone)]
pub struct Faculty {
    /// The instance (`horaire/1`, calendar inline).
    pub instance: InstanceFile,
    /// A timetable of it without conflicts (`horaire-timetable/1`).
    pub witness: TimetableFile,
    /// Its size.
    pub summary: Summary,
}

/// Generates a faculty of `programmes` programmes from `seed`.
pub fn faculty(programmes: usize, seed: u64) -> Result<Faculty, SynthError> {
    if !(1..=MAX_PROGRAMMES).contains(&programmes) {
        return Err(SynthError::Programmes(programmes));
    }
    let calendar: CalendarFile = serde_json::from_str(CALENDAR).map_err(|e| SynthError::Calendar(e.to_string()))?;
    let mut problems = Vec::new();
    let year = crate::model::validate::validate_calendar(Path::new("fwb-2025-2026.json"), &calendar, &mut problems)
        .filter(|_| problems.is_empty())
        .ok_or_else(|| SynthError::Calendar(problems.iter().map(|p| p.to_string()).collect::<Vec<_>>().join("; ")))?;

    let mut rng = Rng::new(seed ^ 0x6661_6375_6c74_6521);
    let mut spec = Spec::default();
    let mut campus = campus::Campus::default();
    let mut staff = build::Staff::default();
    let width = if programmes < 100 { 2 } else { 3 };
    let mut i = 0;
    let mut group = 0;
    while i < programmes {
        // At most half the faculty in one group, so that a faculty of two
        // programmes or more has independent parts.
        let size = build::pick(&mut rng, &[1, 2, 2, 3, 3, 4]).min(programmes.div_ceil(2)).min(programmes - i);
        let own = group % 2 == 1;
        let pair = build::pick(&mut rng, &campus::PAIRS);
        let first_teacher = spec.teachers.len();
        for _ in 0..size {
            let shape = Shape::ALL[i % Shape::ALL.len()];
            let mut cities = vec![pair.0, pair.1];
            if shape.sites() == 3 {
                cities.push(campus::third_city(pair));
            }
            let sites: Vec<SiteId> = cities.iter().map(|&c| campus.site(&mut spec, c, own)).collect();
            let shared = (first_teacher..spec.teachers.len()).map(TeacherId::from_index).collect();
            let prefix = format!("f{:0width$}", i + 1);
            let mut b = build::Prog::new(&mut spec, &mut rng, &mut staff, prefix, shared);
            shape.build(&mut b, &sites, &cities);
            i += 1;
        }
        group += 1;
    }
    let (placed, adjustments) = place::place(&mut spec, &year);
    spare_rooms(&mut spec);

    let name = format!("Faculté générée — {programmes} programmes (graine {seed}) — 2025-2026");
    let note = format!(
        "Generated by `horaire synth faculty --programmes {programmes} --seed {seed}`: programmes in the shapes of the \
         four reference programmes (see instances/), in groups of one to four that share teachers; every other group \
         teaches in buildings of its own (marked 'fictif', {} min apart within a city) and shares nothing with the rest. \
         Cities, main campuses and travel minutes from facts/sites.md, calendar FWB 2025-2026. INVENTED: everything \
         else (teachers and hosts marked 'fictif', cohort sizes, hours, periods, sites of each activity, rooms, \
         students, enrolments). Rooms are those a conflict-free timetable built during generation needs, plus spares.",
        campus::SAME_CITY_MINUTES
    );
    let instance = emit::instance(&spec, calendar, name, note);
    let witness = emit::witness(&spec, &placed, &instance.name);
    let summary = summarise(&spec, &instance, witness.meetings.len(), adjustments);
    Ok(Faculty { instance, witness, summary })
}

/// Spare rooms: a third more at each site (at least two), copies of its
/// largest, and a room for the largest group an activity may bring to a
/// site its witness does not use.
fn spare_rooms(spec: &mut Spec) {
    for s in 0..spec.sites.len() {
        let need = (0..spec.acts.len())
            .map(crate::model::ActivityId::from_index)
            .filter(|&a| !spec.acts[a.index()].dropped && spec.sites_of(a).contains(&SiteId::from_index(s)))
            .map(|a| spec.students(a))
            .max()
            .unwrap_or(0);
        let rooms = &mut spec.sites[s].rooms;
        if rooms.iter().all(|&r| r < need) || rooms.is_empty() {
            rooms.push(need.div_ceil(10).max(2) * 10);
        }
        let mut largest = rooms.clone();
        largest.sort_unstable_by(|a, b| b.cmp(a));
        let extra = (rooms.len() / 3).max(2);
        rooms.extend(largest.into_iter().cycle().take(extra));
    }
}

fn summarise(spec: &Spec, inst: &InstanceFile, meetings: usize, adjustments: Adjustments) -> Summary {
    // Programmes of each teacher and site, over the activities kept.
    let n = spec.programmes.len();
    let mut parent: Vec<usize> = (0..n).collect();
    fn root(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }
    let mut first_of_teacher: Vec<Option<usize>> = vec![None; spec.teachers.len()];
    let mut first_of_site: Vec<Option<usize>> = vec![None; spec.sites.len()];
    let mut teacher_programmes: Vec<Vec<ProgrammeId>> = vec![Vec::new(); spec.teachers.len()];
    for a in (0..spec.acts.len()).map(crate::model::ActivityId::from_index) {
        let act = &spec.acts[a.index()];
        if act.dropped {
            continue;
        }
        let p = spec.programme_of(a);
        let mut link = |first: &mut Option<usize>| match *first {
            None => *first = Some(p.index()),
            Some(q) => {
                let (x, y) = (root(&mut parent, q), root(&mut parent, p.index()));
                parent[x] = y;
            }
        };
        for t in &act.teachers {
            link(&mut first_of_teacher[t.index()]);
            if !teacher_programmes[t.index()].contains(&p) {
                teacher_programmes[t.index()].push(p);
            }
        }
        for s in spec.sites_of(a) {
            link(&mut first_of_site[s.index()]);
        }
    }
    let parts = (0..n).filter(|&x| root(&mut parent, x) == x).count();
    Summary {
        programmes: inst.programmes.len(),
        ues: inst.ues.len(),
        activities: inst.ues.iter().map(|u| u.activities.len()).sum(),
        meetings,
        sites: inst.sites.len(),
        rooms: inst.sites.iter().map(|s| s.rooms.len()).sum(),
        teachers: inst.teachers.len(),
        shared_teachers: teacher_programmes.iter().filter(|p| p.len() > 1).count(),
        independent_parts: parts,
        adjustments,
    }
}
