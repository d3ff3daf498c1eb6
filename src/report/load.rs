//! Cohort load: per cohort, the hours of classes in every week of the year
//! (the year overview of the HTML site as a table), the evenings per week,
//! the Saturdays and the busiest weeks. A cohort attends the meetings given
//! to it and to its ancestors.

use super::{Cell, Column, Meeting, Report, Table, busiest, meeting_weeks, week_of};
use crate::model::{CohortId, Instance};
use chrono::NaiveDate;
use std::collections::BTreeSet;

/// How many busiest weeks the report lists per cohort.
const BUSIEST: usize = 3;

/// The load report's data.
#[derive(Debug, Clone, PartialEq)]
pub struct Load {
    /// The Mondays from the first to the last meeting's week.
    pub weeks: Vec<NaiveDate>,
    /// Every cohort, sorted by id.
    pub cohorts: Vec<CohortLoad>,
}

/// One cohort's year.
#[derive(Debug, Clone, PartialEq)]
pub struct CohortLoad {
    /// The cohort.
    pub cohort: CohortId,
    /// Meetings attended.
    pub meetings: usize,
    /// Minutes of classes.
    pub minutes: u32,
    /// Minutes per week (as [`Load::weeks`]).
    pub per_week: Vec<u32>,
    /// Evenings with classes per week.
    pub evenings_per_week: Vec<u32>,
    /// Saturdays with classes.
    pub saturdays: usize,
    /// The busiest weeks, as indices into [`Load::weeks`], busiest first.
    pub busiest: Vec<usize>,
}

impl CohortLoad {
    /// Weeks with at least one class.
    pub fn weeks_with_classes(&self) -> usize {
        self.per_week.iter().filter(|&&m| m > 0).count()
    }
}

/// Computes every cohort's load from the timetable's meetings.
pub fn load(inst: &Instance, meetings: &[Meeting]) -> Load {
    let weeks = meeting_weeks(meetings);
    let mut order: Vec<usize> = (0..inst.cohorts.len()).collect();
    order.sort_by(|&a, &b| inst.cohorts[a].id.cmp(&inst.cohorts[b].id));
    let cohorts = order
        .into_iter()
        .map(|i| {
            let cohort = CohortId::from_index(i);
            let attends = inst.cohort_and_ancestors(cohort);
            let mine: Vec<&Meeting> =
                meetings.iter().filter(|m| m.cohorts.iter().any(|c| attends.contains(c))).collect();
            let mut per_week = vec![0; weeks.len()];
            let mut evenings: Vec<BTreeSet<NaiveDate>> = vec![BTreeSet::new(); weeks.len()];
            let mut saturdays = BTreeSet::new();
            for m in &mine {
                let Some(w) = week_of(&weeks, m.date) else { continue };
                per_week[w] += m.minutes();
                if m.is_evening() {
                    let _ = evenings[w].insert(m.date);
                }
                if m.is_saturday() {
                    let _ = saturdays.insert(m.date);
                }
            }
            CohortLoad {
                cohort,
                meetings: mine.len(),
                minutes: mine.iter().map(|m| m.minutes()).sum(),
                busiest: busiest(&per_week, BUSIEST),
                per_week,
                evenings_per_week: evenings.iter().map(|e| e.len() as u32).collect(),
                saturdays: saturdays.len(),
            }
        })
        .collect();
    Load { weeks, cohorts }
}

impl Load {
    /// The report's tables.
    pub fn report(&self, inst: &Instance) -> Report {
        let id = |c: &CohortLoad| Cell::text(&inst.cohorts[c.cohort.index()].id);
        let summary = Table {
            key: "cohorts".into(),
            title: "Load per cohort".into(),
            columns: vec![
                Column::text("Cohort"),
                Column::text("Name"),
                Column::number("Students"),
                Column::number("Meetings"),
                Column::number("Hours"),
                Column::number("Weeks with classes"),
                Column::number("Mean hours per week"),
                Column::number("Most hours in a week"),
                Column::number("Most evenings in a week"),
                Column::number("Evenings allowed"),
                Column::number("Saturdays"),
            ],
            rows: self
                .cohorts
                .iter()
                .map(|c| {
                    let cohort = &inst.cohorts[c.cohort.index()];
                    let weeks = c.weeks_with_classes() as u32;
                    let allowed = cohort.programme.and_then(|p| inst.programmes[p.index()].max_evenings_per_week);
                    vec![
                        id(c),
                        Cell::text(&cohort.name),
                        Cell::Count(u64::from(cohort.students)),
                        Cell::count(c.meetings),
                        Cell::Hours(c.minutes),
                        Cell::Count(u64::from(weeks)),
                        (c.minutes + weeks / 2).checked_div(weeks).map_or(Cell::Empty, Cell::Hours),
                        Cell::Hours(c.per_week.iter().copied().max().unwrap_or(0)),
                        Cell::Count(u64::from(c.evenings_per_week.iter().copied().max().unwrap_or(0))),
                        allowed.map_or(Cell::Empty, |a| Cell::Count(u64::from(a))),
                        Cell::count(c.saturdays),
                    ]
                })
                .collect(),
            total: None,
            note: None,
        };

        let matrix = |key: &str, title: &str, cell: &dyn Fn(&CohortLoad, usize) -> Cell, total: Option<Vec<Cell>>| {
            let mut columns = vec![Column::text("Week")];
            columns.extend(self.cohorts.iter().map(|c| Column::number(&inst.cohorts[c.cohort.index()].id)));
            Table {
                key: key.into(),
                title: title.into(),
                columns,
                rows: (0..self.weeks.len())
                    .map(|w| {
                        let mut row = vec![Cell::text(self.weeks[w].to_string())];
                        row.extend(self.cohorts.iter().map(|c| cell(c, w)));
                        row
                    })
                    .collect(),
                total,
                note: self.weeks.is_empty().then(|| "The timetable has no meeting.".into()),
            }
        };
        let mut totals = vec![Cell::text("Total")];
        totals.extend(self.cohorts.iter().map(|c| Cell::Hours(c.minutes)));
        let hours = matrix("hours", "Hours per week", &|c, w| Cell::Hours(c.per_week[w]), Some(totals));
        let evenings =
            matrix("evenings", "Evenings per week", &|c, w| Cell::Count(u64::from(c.evenings_per_week[w])), None);

        let busiest: Vec<Vec<Cell>> = self
            .cohorts
            .iter()
            .flat_map(|c| {
                c.busiest.iter().enumerate().map(move |(rank, &w)| {
                    vec![
                        id(c),
                        Cell::count(rank + 1),
                        Cell::text(self.weeks[w].to_string()),
                        Cell::Hours(c.per_week[w]),
                        Cell::Count(u64::from(c.evenings_per_week[w])),
                    ]
                })
            })
            .collect();
        let busiest = Table {
            key: "busiest".into(),
            title: "Busiest weeks".into(),
            columns: vec![
                Column::text("Cohort"),
                Column::number("Rank"),
                Column::text("Week"),
                Column::number("Hours"),
                Column::number("Evenings"),
            ],
            note: busiest.is_empty().then(|| "No cohort has classes.".into()),
            rows: busiest,
            total: None,
        };

        Report {
            title: "Cohort load".into(),
            instance: inst.name.clone(),
            notes: vec![
                "A cohort attends the meetings given to it and to its ancestors.".into(),
                "Weeks are named by their Monday, from the first to the last meeting of the timetable; evenings: \
                 Monday-to-Friday dates with a meeting from 17:00; the mean is over the weeks with classes."
                    .into(),
            ],
            tables: vec![summary, hours, evenings, busiest],
        }
    }
}
