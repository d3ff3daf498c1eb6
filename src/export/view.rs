//! The timetable resolved against the instance, and the subjects (cohort,
//! teacher, site, room) each export file is about.

use super::files::safe_stems;
use super::labels::Lang;
use crate::model::time::{ClockTime, parse_date};
use crate::model::timetable::TimetableFile;
use crate::model::{ActivityId, CohortId, Instance, Problem, RoomId, SiteId, SiteRule, TeacherId};
use chrono::NaiveDate;
use std::collections::BTreeMap;
use std::path::Path;

/// One meeting with every reference resolved.
#[derive(Debug, Clone)]
pub(crate) struct Meeting {
    pub activity: ActivityId,
    pub date: NaiveDate,
    pub start: ClockTime,
    pub end: ClockTime,
    pub site: SiteId,
    pub room: RoomId,
    pub teachers: Vec<TeacherId>,
    pub cohorts: Vec<CohortId>,
}

impl Meeting {
    /// Length in minutes.
    pub fn minutes(&self) -> u32 {
        self.end.minutes() - self.start.minutes()
    }
}

/// Checks every meeting of `tt` against `inst`; returns the meetings
/// sorted by date, start and activity id, or every problem found.
pub(crate) fn resolve(inst: &Instance, file: &Path, tt: &TimetableFile) -> Result<Vec<Meeting>, Vec<Problem>> {
    let mut problems = Vec::new();
    if tt.instance != inst.name {
        problems.push(Problem::new(
            file,
            "instance",
            format!("the timetable was made for \"{}\", but the instance is \"{}\"", tt.instance, inst.name),
        ));
    }
    let mut out = Vec::new();
    let mut seen: BTreeMap<(ActivityId, NaiveDate, ClockTime), usize> = BTreeMap::new();
    for (i, m) in tt.meetings.iter().enumerate() {
        let at = |key: &str| format!("meetings[{i}].{key}");
        let n = problems.len();
        let activity = inst.index.activities.get(&m.activity).copied();
        match activity {
            None => problems.push(Problem::new(file, at("activity"), format!("unknown activity \"{}\"", m.activity))),
            Some(a) => {
                let code = &inst.ues[inst.activities[a.index()].ue.index()].code;
                if *code != m.ue {
                    problems.push(Problem::new(
                        file,
                        at("ue"),
                        format!("activity \"{}\" belongs to UE \"{code}\", not \"{}\"", m.activity, m.ue),
                    ));
                }
            }
        }
        let date = parse_date(&m.date);
        if date.is_none() {
            problems.push(Problem::new(file, at("date"), format!("expected a date YYYY-MM-DD, found \"{}\"", m.date)));
        }
        let start = ClockTime::parse(&m.start);
        if start.is_none() {
            problems.push(Problem::new(file, at("start"), format!("expected a time HH:MM, found \"{}\"", m.start)));
        }
        let end = ClockTime::parse(&m.end);
        if end.is_none() {
            problems.push(Problem::new(file, at("end"), format!("expected a time HH:MM, found \"{}\"", m.end)));
        }
        if let (Some(s), Some(e)) = (start, end)
            && e <= s
        {
            problems.push(Problem::new(file, at("end"), format!("expected a time after the start {s}, found {e}")));
        }
        let site = inst.index.sites.get(&m.site).copied();
        if site.is_none() {
            problems.push(Problem::new(file, at("site"), format!("unknown site \"{}\"", m.site)));
        }
        let room = inst.index.rooms.get(&m.room).copied();
        match (room, site) {
            (None, _) => problems.push(Problem::new(file, at("room"), format!("unknown room \"{}\"", m.room))),
            (Some(r), Some(s)) if inst.rooms[r.index()].site != s => problems.push(Problem::new(
                file,
                at("room"),
                format!("room \"{}\" is not at site \"{}\"", m.room, m.site),
            )),
            _ => {}
        }
        let mut teachers = Vec::new();
        for (j, t) in m.teachers.iter().enumerate() {
            match inst.index.teachers.get(t) {
                Some(id) => teachers.push(*id),
                None => {
                    problems.push(Problem::new(file, at(&format!("teachers[{j}]")), format!("unknown teacher \"{t}\"")))
                }
            }
        }
        let mut cohorts = Vec::new();
        for (j, c) in m.cohorts.iter().enumerate() {
            match inst.index.cohorts.get(c) {
                Some(id) => cohorts.push(*id),
                None => {
                    problems.push(Problem::new(file, at(&format!("cohorts[{j}]")), format!("unknown cohort \"{c}\"")))
                }
            }
        }
        if problems.len() > n {
            continue;
        }
        let (Some(activity), Some(date), Some(start), Some(end), Some(site), Some(room)) =
            (activity, date, start, end, site, room)
        else {
            continue;
        };
        if let Some(first) = seen.insert((activity, date, start), i) {
            problems.push(Problem::new(
                file,
                format!("meetings[{i}]"),
                format!("same activity, date and start as meetings[{first}]: a meeting must appear once"),
            ));
            continue;
        }
        out.push(Meeting { activity, date, start, end, site, room, teachers, cohorts });
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    out.sort_by(|a, b| {
        (a.date, a.start, &inst.activities[a.activity.index()].id).cmp(&(
            b.date,
            b.start,
            &inst.activities[b.activity.index()].id,
        ))
    });
    Ok(out)
}

/// What an export file is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Kind {
    Cohort,
    Teacher,
    Site,
    Room,
}

impl Kind {
    /// Every kind, in output order.
    pub const ALL: [Kind; 4] = [Kind::Cohort, Kind::Teacher, Kind::Site, Kind::Room];

    /// The file-name prefix.
    pub fn prefix(self) -> &'static str {
        match self {
            Kind::Cohort => "cohort",
            Kind::Teacher => "teacher",
            Kind::Site => "site",
            Kind::Room => "room",
        }
    }
}

/// One cohort, teacher, site or room with its meetings.
#[derive(Debug, Clone)]
pub(crate) struct Subject {
    pub kind: Kind,
    /// The id in the instance.
    pub id: String,
    /// Display name.
    pub name: String,
    /// File name without extension: `cohort-b1`.
    pub stem: String,
    /// Indices into [`Context::meetings`], in order.
    pub meetings: Vec<usize>,
}

/// A subject before its meetings are gathered: id, name, and which
/// meetings belong to it.
type Entry<'a> = (String, String, Box<dyn Fn(&Meeting) -> bool + 'a>);

/// Everything the renderers read.
#[derive(Debug)]
pub(crate) struct Context<'a> {
    pub inst: &'a Instance,
    pub meetings: Vec<Meeting>,
    pub lang: Lang,
    /// Sorted by kind, then id.
    pub subjects: Vec<Subject>,
}

impl<'a> Context<'a> {
    /// Builds the subjects of every kind, each sorted by id.
    pub fn new(inst: &'a Instance, meetings: Vec<Meeting>, lang: Lang) -> Self {
        let mut subjects = Vec::new();
        for kind in Kind::ALL {
            let entries: Vec<Entry<'_>> = match kind {
                Kind::Cohort => (0..inst.cohorts.len())
                    .map(|i| {
                        let c = &inst.cohorts[i];
                        let mine = inst.cohort_and_ancestors(CohortId::from_index(i));
                        let f: Box<dyn Fn(&Meeting) -> bool> =
                            Box::new(move |m: &Meeting| m.cohorts.iter().any(|x| mine.contains(x)));
                        (c.id.clone(), c.name.clone(), f)
                    })
                    .collect(),
                Kind::Teacher => (0..inst.teachers.len())
                    .map(|i| {
                        let t = TeacherId::from_index(i);
                        let f: Box<dyn Fn(&Meeting) -> bool> = Box::new(move |m: &Meeting| m.teachers.contains(&t));
                        (inst.teachers[i].id.clone(), inst.teachers[i].name.clone(), f)
                    })
                    .collect(),
                Kind::Site => (0..inst.sites.len())
                    .map(|i| {
                        let s = SiteId::from_index(i);
                        let f: Box<dyn Fn(&Meeting) -> bool> = Box::new(move |m: &Meeting| m.site == s);
                        (inst.sites[i].id.clone(), inst.sites[i].name.clone(), f)
                    })
                    .collect(),
                Kind::Room => (0..inst.rooms.len())
                    .map(|i| {
                        let r = RoomId::from_index(i);
                        let room = &inst.rooms[i];
                        let name = format!("{} ({})", room.id, inst.sites[room.site.index()].name);
                        let f: Box<dyn Fn(&Meeting) -> bool> = Box::new(move |m: &Meeting| m.room == r);
                        (room.id.clone(), name, f)
                    })
                    .collect(),
            };
            let ids: Vec<&str> = entries.iter().map(|e| e.0.as_str()).collect();
            let stems = safe_stems(&ids);
            let mut of_kind: Vec<Subject> = entries
                .iter()
                .zip(stems)
                .map(|((id, name, f), stem)| Subject {
                    kind,
                    id: id.clone(),
                    name: name.clone(),
                    stem: format!("{}-{stem}", kind.prefix()),
                    meetings: meetings.iter().enumerate().filter(|(_, m)| f(m)).map(|(i, _)| i).collect(),
                })
                .collect();
            of_kind.sort_by(|a, b| a.id.cmp(&b.id));
            subjects.extend(of_kind);
        }
        Context { inst, meetings, lang, subjects }
    }

    /// The UE code and title of a meeting.
    pub fn ue_of(&self, m: &Meeting) -> (&str, &str) {
        let ue = &self.inst.ues[self.inst.activities[m.activity.index()].ue.index()];
        (&ue.code, &ue.title)
    }

    /// Whether the meeting's activity alternates between two sites.
    pub fn alternates(&self, m: &Meeting) -> Option<(SiteId, SiteId)> {
        match self.inst.activities[m.activity.index()].site {
            SiteRule::Alternate(a, b) => Some((a, b)),
            _ => None,
        }
    }

    /// Teacher display names, in the meeting's order.
    pub fn teacher_names(&self, m: &Meeting) -> Vec<&str> {
        m.teachers.iter().map(|t| self.inst.teachers[t.index()].name.as_str()).collect()
    }

    /// Cohort display names, in the meeting's order.
    pub fn cohort_names(&self, m: &Meeting) -> Vec<&str> {
        m.cohorts.iter().map(|c| self.inst.cohorts[c.index()].name.as_str()).collect()
    }
}
