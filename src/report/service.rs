//! Teacher service: per teacher, the hours taught per UE and activity
//! kind, per site and per quadrimester, the evenings and Saturdays taught,
//! the days with a trip between two sites, and the total against the
//! teacher's `service_hours` target when the instance gives one.

use super::{Cell, Column, Meeting, Report, Table};
use crate::model::time::weekday_code;
use crate::model::{Instance, SiteId, TeacherId, UeId};
use chrono::{Datelike, NaiveDate};
use std::collections::{BTreeMap, BTreeSet};

/// The service report's data.
#[derive(Debug, Clone, PartialEq)]
pub struct Service {
    /// Every teacher of the instance, sorted by id.
    pub teachers: Vec<TeacherService>,
}

/// What one teacher teaches.
#[derive(Debug, Clone, PartialEq)]
pub struct TeacherService {
    /// The teacher.
    pub teacher: TeacherId,
    /// Meetings taught.
    pub meetings: usize,
    /// Minutes taught.
    pub minutes: u32,
    /// Per UE and activity kind, in the instance's UE order then kind.
    pub by_ue: Vec<UeHours>,
    /// Minutes per site, indexed like the instance's sites.
    pub by_site: Vec<u32>,
    /// Minutes in Q1, in Q2, and on dates outside both.
    pub by_quadrimester: [u32; 3],
    /// Evenings taught (Monday-to-Friday dates with a meeting from 17:00).
    pub evenings: usize,
    /// Saturdays taught.
    pub saturdays: usize,
    /// Days on which the teacher teaches at two sites or more.
    pub trips: Vec<Trip>,
    /// The `service_hours` target, in minutes.
    pub target: Option<u32>,
}

/// Hours of one teacher in one UE and activity kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UeHours {
    /// The UE.
    pub ue: UeId,
    /// The activity kind (`cours`, `tp`…).
    pub kind: String,
    /// Meetings.
    pub meetings: usize,
    /// Minutes.
    pub minutes: u32,
}

/// A day with meetings at several sites.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Trip {
    /// The date.
    pub date: NaiveDate,
    /// The sites, in the order of the day's meetings.
    pub sites: Vec<SiteId>,
}

/// Computes the service of every teacher from the timetable's meetings.
pub fn service(inst: &Instance, meetings: &[Meeting]) -> Service {
    let mut order: Vec<usize> = (0..inst.teachers.len()).collect();
    order.sort_by(|&a, &b| inst.teachers[a].id.cmp(&inst.teachers[b].id));
    let teachers = order
        .into_iter()
        .map(|i| {
            let t = TeacherId::from_index(i);
            let mine: Vec<&Meeting> = meetings.iter().filter(|m| m.teachers.contains(&t)).collect();
            let mut by_ue: BTreeMap<(UeId, String), (usize, u32)> = BTreeMap::new();
            let mut by_site = vec![0; inst.sites.len()];
            let mut by_quadrimester = [0; 3];
            let mut evenings = BTreeSet::new();
            let mut saturdays = BTreeSet::new();
            let mut days: BTreeMap<NaiveDate, Vec<SiteId>> = BTreeMap::new();
            for m in &mine {
                let act = &inst.activities[m.activity.index()];
                let e = by_ue.entry((act.ue, act.kind.clone())).or_default();
                e.0 += 1;
                e.1 += m.minutes();
                by_site[m.site.index()] += m.minutes();
                let q = if inst.calendar.q1.contains(m.date) {
                    0
                } else if inst.calendar.q2.contains(m.date) {
                    1
                } else {
                    2
                };
                by_quadrimester[q] += m.minutes();
                if m.is_evening() {
                    let _ = evenings.insert(m.date);
                }
                if m.is_saturday() {
                    let _ = saturdays.insert(m.date);
                }
                let sites = days.entry(m.date).or_default();
                if !sites.contains(&m.site) {
                    sites.push(m.site);
                }
            }
            TeacherService {
                teacher: t,
                meetings: mine.len(),
                minutes: mine.iter().map(|m| m.minutes()).sum(),
                by_ue: by_ue
                    .into_iter()
                    .map(|((ue, kind), (meetings, minutes))| UeHours { ue, kind, meetings, minutes })
                    .collect(),
                by_site,
                by_quadrimester,
                evenings: evenings.len(),
                saturdays: saturdays.len(),
                trips: days
                    .into_iter()
                    .filter(|(_, s)| s.len() > 1)
                    .map(|(date, sites)| Trip { date, sites })
                    .collect(),
                target: inst.extensions.service_minutes.get(i).copied().flatten(),
            }
        })
        .collect();
    Service { teachers }
}

impl Service {
    /// The report's tables.
    pub fn report(&self, inst: &Instance) -> Report {
        let id = |t: &TeacherService| Cell::text(&inst.teachers[t.teacher.index()].id);
        let sum = |f: &dyn Fn(&TeacherService) -> u32| self.teachers.iter().map(f).sum::<u32>();
        let count = |f: &dyn Fn(&TeacherService) -> usize| Cell::count(self.teachers.iter().map(f).sum());

        let summary = Table {
            key: "service".into(),
            title: "Service per teacher".into(),
            columns: vec![
                Column::text("Teacher"),
                Column::text("Name"),
                Column::number("Meetings"),
                Column::number("Hours"),
                Column::number("Q1"),
                Column::number("Q2"),
                Column::number("Outside Q1/Q2"),
                Column::number("Evenings"),
                Column::number("Saturdays"),
                Column::number("Trip days"),
                Column::number("Target"),
                Column::number("Balance"),
            ],
            rows: self
                .teachers
                .iter()
                .map(|t| {
                    vec![
                        id(t),
                        Cell::text(&inst.teachers[t.teacher.index()].name),
                        Cell::count(t.meetings),
                        Cell::Hours(t.minutes),
                        Cell::Hours(t.by_quadrimester[0]),
                        Cell::Hours(t.by_quadrimester[1]),
                        Cell::Hours(t.by_quadrimester[2]),
                        Cell::count(t.evenings),
                        Cell::count(t.saturdays),
                        Cell::count(t.trips.len()),
                        t.target.map_or(Cell::Empty, Cell::Hours),
                        t.target.map_or(Cell::Empty, |g| Cell::Balance(i64::from(t.minutes) - i64::from(g))),
                    ]
                })
                .collect(),
            total: Some(vec![
                Cell::text("Total"),
                Cell::Empty,
                count(&|t| t.meetings),
                Cell::Hours(sum(&|t| t.minutes)),
                Cell::Hours(sum(&|t| t.by_quadrimester[0])),
                Cell::Hours(sum(&|t| t.by_quadrimester[1])),
                Cell::Hours(sum(&|t| t.by_quadrimester[2])),
                count(&|t| t.evenings),
                count(&|t| t.saturdays),
                count(&|t| t.trips.len()),
                Cell::Hours(sum(&|t| t.target.unwrap_or(0))),
                Cell::Empty,
            ]),
            note: None,
        };

        let by_ue = Table {
            key: "per-ue".into(),
            title: "Hours per UE and activity kind".into(),
            columns: vec![
                Column::text("Teacher"),
                Column::text("UE"),
                Column::text("Kind"),
                Column::number("Meetings"),
                Column::number("Hours"),
                Column::text("Title"),
            ],
            rows: self
                .teachers
                .iter()
                .flat_map(|t| {
                    t.by_ue.iter().map(move |u| {
                        let ue = &inst.ues[u.ue.index()];
                        vec![
                            id(t),
                            Cell::text(&ue.code),
                            Cell::text(&u.kind),
                            Cell::count(u.meetings),
                            Cell::Hours(u.minutes),
                            Cell::text(&ue.title),
                        ]
                    })
                })
                .collect(),
            total: None,
            note: None,
        };

        let mut columns = vec![Column::text("Teacher")];
        columns.extend(inst.sites.iter().map(|s| Column::number(&s.id)));
        let mut total = vec![Cell::text("Total")];
        total.extend((0..inst.sites.len()).map(|s| Cell::Hours(sum(&|t| t.by_site[s]))));
        let by_site = Table {
            key: "per-site".into(),
            title: "Hours per site".into(),
            columns,
            rows: self
                .teachers
                .iter()
                .map(|t| {
                    let mut row = vec![id(t)];
                    row.extend(t.by_site.iter().map(|&m| Cell::Hours(m)));
                    row
                })
                .collect(),
            total: Some(total),
            note: None,
        };

        let trips: Vec<Vec<Cell>> = self
            .teachers
            .iter()
            .flat_map(|t| {
                t.trips.iter().map(move |d| {
                    let sites: Vec<&str> = d.sites.iter().map(|s| inst.sites[s.index()].id.as_str()).collect();
                    vec![
                        id(t),
                        Cell::text(d.date.to_string()),
                        Cell::text(weekday_code(d.date.weekday())),
                        Cell::text(sites.join(" → ")),
                    ]
                })
            })
            .collect();
        let trips = Table {
            key: "trips".into(),
            title: "Days with a trip between two sites".into(),
            columns: vec![Column::text("Teacher"), Column::text("Date"), Column::text("Day"), Column::text("Sites")],
            note: trips.is_empty().then(|| "No teacher teaches at two sites on the same day.".to_string()),
            rows: trips,
            total: None,
        };

        Report {
            title: "Service hours".into(),
            instance: inst.name.clone(),
            notes: vec![
                "A meeting with several teachers counts its hours in full for each of them.".into(),
                "Evenings: Monday-to-Friday dates with a meeting from 17:00; Saturdays: Saturday dates with a \
                 meeting; trip days: dates with meetings at two sites or more."
                    .into(),
                "Target: the teacher's service_hours in the instance; balance: hours taught minus the target.".into(),
            ],
            tables: vec![summary, by_ue, by_site, trips],
        }
    }
}
