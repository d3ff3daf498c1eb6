//! The generated faculty as files: the instance (`horaire/1`) and the
//! witness timetable (`horaire-timetable/1`). Dropped activities are left
//! out, with the UEs they leave empty and the teachers left without
//! teaching.

use super::campus::{CITIES, travel};
use super::place::Placed;
use super::spec::*;
use crate::model::file::*;
use crate::model::time::weekday_code;
use crate::model::timetable::{MeetingFile, TIMETABLE_FORMAT, TimetableFile};
use crate::model::{Frequency, Period, TeacherId, UeId};
use chrono::Weekday;

fn hhmm(m: u32) -> String {
    format!("{:02}:{:02}", m / 60, m % 60)
}

fn days(d: &[Weekday]) -> Vec<String> {
    d.iter().map(|&x| weekday_code(x).to_string()).collect()
}

fn slot(d: &[Weekday], start: u32, end: u32) -> SlotFile {
    SlotFile { days: days(d), start: hhmm(start), end: hhmm(end) }
}

fn hours(minutes: u32) -> f64 {
    f64::from(minutes) / 60.0
}

/// Whether a UE is written: a placement UE (never had sessions) or one
/// with an activity left.
pub(super) fn kept_ue(spec: &Spec, u: UeId) -> bool {
    let acts = &spec.ues[u.index()].acts;
    acts.is_empty() || acts.iter().any(|a| !spec.acts[a.index()].dropped)
}

/// The teachers of the activities that are kept.
pub(super) fn kept_teachers(spec: &Spec) -> Vec<bool> {
    let mut used = vec![false; spec.teachers.len()];
    for a in spec.acts.iter().filter(|a| !a.dropped) {
        for t in &a.teachers {
            used[t.index()] = true;
        }
    }
    used
}

pub(super) fn instance(spec: &Spec, calendar: CalendarFile, name: String, note: String) -> InstanceFile {
    let sites = spec
        .sites
        .iter()
        .map(|s| SiteFile {
            id: s.id.clone(),
            name: s.name.clone(),
            city: CITIES[s.city].city.to_string(),
            rooms: s
                .rooms
                .iter()
                .enumerate()
                .map(|(k, &capacity)| RoomFile { id: format!("{}-{:02}", s.id, k + 1), capacity })
                .collect(),
        })
        .collect();
    let mut travel_minutes = Vec::new();
    for i in 0..spec.sites.len() {
        for j in i + 1..spec.sites.len() {
            let (a, b) = (crate::model::SiteId::from_index(i), crate::model::SiteId::from_index(j));
            travel_minutes.push(TravelFile {
                from: spec.sites[i].id.clone(),
                to: spec.sites[j].id.clone(),
                minutes: travel(spec, a, b),
            });
        }
    }
    let used = kept_teachers(spec);
    let teachers = spec
        .teachers
        .iter()
        .zip(&used)
        .filter(|(_, u)| **u)
        .map(|(t, _)| TeacherFile {
            id: t.id.clone(),
            service_hours: None,
            name: t.name.clone(),
            unavailable: t
                .unavailable
                .iter()
                .map(|u| WhenFile {
                    days: (!u.days.is_empty()).then(|| days(&u.days)),
                    from: u.dates.map(|r| r.from.to_string()),
                    to: u.dates.map(|r| r.to.to_string()),
                    start: u.times.map(|t| hhmm(t.0)),
                    end: u.times.map(|t| hhmm(t.1)),
                })
                .collect(),
            max_days_per_week: t.max_days_per_week,
        })
        .collect();
    let cohort_id = |c: crate::model::CohortId| spec.cohorts[c.index()].id.clone();
    let cohorts = spec
        .cohorts
        .iter()
        .map(|c| CohortFile {
            id: c.id.clone(),
            name: c.name.clone(),
            parent: c.parent.map(cohort_id),
            students: c.students,
        })
        .collect();
    let programmes = spec
        .programmes
        .iter()
        .map(|p| ProgrammeFile {
            id: p.id.clone(),
            name: p.name.clone(),
            time_grid: spec.grids[p.grid].id.clone(),
            cohorts: p.cohorts.iter().map(|&c| cohort_id(c)).collect(),
            max_evenings_per_week: p.max_evenings_per_week,
            competences: Vec::new(),
        })
        .collect();
    let time_grids = spec
        .grids
        .iter()
        .map(|g| TimeGridFile { id: g.id.clone(), slots: g.slots.iter().map(|(d, s, e)| slot(d, *s, *e)).collect() })
        .collect();
    let site_id = |s: crate::model::SiteId| spec.sites[s.index()].id.clone();
    let teacher_id = |t: &TeacherId| spec.teachers[t.index()].id.clone();
    let ues = (0..spec.ues.len())
        .map(UeId::from_index)
        .filter(|&u| kept_ue(spec, u))
        .map(|u| {
            let ue = &spec.ues[u.index()];
            UeFile {
                code: ue.code.clone(),
                title: ue.title.clone(),
                programme: spec.programmes[ue.programme.index()].id.clone(),
                block: ue.block,
                credits: Some(ue.credits),
                period: match ue.period {
                    Period::Q1 => PeriodFile::Named("Q1".into()),
                    Period::Q2 => PeriodFile::Named("Q2".into()),
                    Period::Annual => PeriodFile::Named("annual".into()),
                    Period::Dates(r) => PeriodFile::Range(RangeFile { from: r.from.to_string(), to: r.to.to_string() }),
                },
                corequisite: ue.corequisite.filter(|&v| kept_ue(spec, v)).map(|v| spec.ues[v.index()].code.clone()),
                note: ue.note.clone(),
                competences: Vec::new(),
                activities: ue
                    .acts
                    .iter()
                    .map(|a| &spec.acts[a.index()])
                    .filter(|a| !a.dropped)
                    .map(|a| ActivityFile {
                        id: a.id.clone(),
                        kind: a.kind.to_string(),
                        hours: hours(a.minutes),
                        session_hours: hours(a.session),
                        teachers: a.teachers.iter().map(teacher_id).collect(),
                        cohorts: a.cohorts.iter().map(|&c| cohort_id(c)).collect(),
                        site: match &a.site {
                            Where::Fixed(s) => SiteRuleFile::Fixed(site_id(*s)),
                            Where::Alternate(x, y) => SiteRuleFile::Alternate(vec![site_id(*x), site_id(*y)]),
                            Where::AnyOf(v) => SiteRuleFile::AnyOf(v.iter().map(|&s| site_id(s)).collect()),
                        },
                        frequency: match a.frequency {
                            Frequency::Weekly => "weekly",
                            Frequency::Fortnightly => "fortnightly",
                            Frequency::Any => "any",
                        }
                        .to_string(),
                        pins: Vec::new(),
                    })
                    .collect(),
            }
        })
        .collect();
    let enrolments = spec
        .enrolments
        .iter()
        .map(|e| EnrolmentFile {
            student: e.student.clone(),
            activities: e
                .acts
                .iter()
                .map(|a| &spec.acts[a.index()])
                .filter(|a| !a.dropped)
                .map(|a| a.id.clone())
                .collect(),
        })
        .filter(|e| !e.activities.is_empty())
        .collect();
    let placements = (!spec.requirements.is_empty()).then(|| PlacementsFile {
        hosts: spec
            .hosts
            .iter()
            .map(|h| HostFile {
                id: h.id.clone(),
                name: h.name.clone(),
                city: CITIES[h.city].city.to_string(),
                capacity: h.capacity,
                open: h.open.iter().map(|(d, s, e)| slot(d, *s, *e)).collect(),
            })
            .collect(),
        requirements: spec
            .requirements
            .iter()
            .map(|q| RequirementFile {
                id: q.id.clone(),
                ue: spec.ues[q.ue.index()].code.clone(),
                cohort: cohort_id(q.cohort),
                hours: f64::from(q.hours),
                from: q.window.from.to_string(),
                to: q.window.to.to_string(),
                max_hours_per_day: Some(f64::from(q.max_hours_per_day)),
                max_hours_per_week: Some(f64::from(q.max_hours_per_week)),
            })
            .collect(),
        students: spec
            .students
            .iter()
            .map(|s| StudentFile {
                id: s.id.clone(),
                cohort: cohort_id(s.cohort),
                requirement: spec.requirements[s.requirement].id.clone(),
                host: s.host.map(|h| spec.hosts[h].id.clone()),
                preferences: s.preferences.iter().map(|&h| spec.hosts[h].id.clone()).collect(),
                available: s.available.as_ref().map(|d| vec![WhenFile { days: Some(days(d)), ..WhenFile::default() }]),
            })
            .collect(),
    });
    InstanceFile {
        format: INSTANCE_FORMAT.to_string(),
        name,
        note: Some(note),
        calendar: CalendarRef::Inline(Box::new(calendar)),
        sites,
        travel_minutes,
        time_grids,
        teachers,
        cohorts,
        programmes,
        ues,
        enrolments,
        placements,
    }
}

/// The witness as a timetable file, meetings sorted by date, start and
/// activity; without a solve report (no solver made it).
pub(super) fn witness(spec: &Spec, placed: &[Placed], instance: &str) -> TimetableFile {
    let mut meetings: Vec<MeetingFile> = placed
        .iter()
        .filter(|p| !spec.acts[p.act.index()].dropped)
        .map(|p| {
            let act = &spec.acts[p.act.index()];
            let site = &spec.sites[p.site.index()];
            MeetingFile {
                activity: act.id.clone(),
                ue: spec.ues[act.ue.index()].code.clone(),
                date: p.date.to_string(),
                start: hhmm(p.start),
                end: hhmm(p.end),
                site: site.id.clone(),
                room: format!("{}-{:02}", site.id, p.room + 1),
                teachers: act.teachers.iter().map(|t| spec.teachers[t.index()].id.clone()).collect(),
                cohorts: act.cohorts.iter().map(|c| spec.cohorts[c.index()].id.clone()).collect(),
            }
        })
        .collect();
    meetings.sort_by(|a, b| (&a.date, &a.start, &a.activity).cmp(&(&b.date, &b.start, &b.activity)));
    TimetableFile { format: TIMETABLE_FORMAT.to_string(), instance: instance.to_string(), meetings, report: None }
}
