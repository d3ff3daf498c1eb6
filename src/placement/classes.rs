//! Class meetings read from a timetable file, as the placement planner
//! needs them: per date, with clock times, site and cohorts.

use crate::model::time::{ClockTime, parse_date};
use crate::model::timetable::{TIMETABLE_FORMAT, TimetableFile};
use crate::model::{CohortId, Instance, LoadError, Problem, SiteId};
use chrono::NaiveDate;
use std::collections::BTreeMap;
use std::path::Path;

/// One class meeting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClassMeeting {
    /// Start time.
    pub start: ClockTime,
    /// End time.
    pub end: ClockTime,
    /// Where it meets.
    pub site: SiteId,
    /// Cohorts attending.
    pub cohorts: Vec<CohortId>,
}

/// Every class meeting, by date.
#[derive(Debug, Clone, Default)]
pub struct Classes {
    /// Meetings of each date, sorted by start.
    pub by_date: BTreeMap<NaiveDate, Vec<ClassMeeting>>,
}

impl Classes {
    /// Reads a `horaire-timetable/1` file and resolves it against `inst`.
    pub fn read(inst: &Instance, path: &Path) -> Result<Classes, LoadError> {
        let bytes = crate::model::load::read_bytes(path)?;
        let file: TimetableFile = crate::model::load::parse_json(path, &bytes)?;
        Classes::from_file(inst, path, &file)
    }

    /// Resolves an already parsed timetable; every bad meeting is reported.
    pub fn from_file(inst: &Instance, path: &Path, file: &TimetableFile) -> Result<Classes, LoadError> {
        let mut problems = Vec::new();
        if file.format != TIMETABLE_FORMAT {
            problems.push(Problem::new(
                path,
                "format",
                format!("expected \"{TIMETABLE_FORMAT}\", found \"{}\"", file.format),
            ));
        }
        if file.instance != inst.name {
            problems.push(Problem::new(
                path,
                "instance",
                format!("the timetable was made for \"{}\", not for the instance \"{}\"", file.instance, inst.name),
            ));
        }
        let mut by_date: BTreeMap<NaiveDate, Vec<ClassMeeting>> = BTreeMap::new();
        for (i, m) in file.meetings.iter().enumerate() {
            let p = format!("meetings[{i}]");
            let date = parse_date(&m.date);
            if date.is_none() {
                problems.push(Problem::new(
                    path,
                    format!("{p}.date"),
                    format!("expected YYYY-MM-DD, found \"{}\"", m.date),
                ));
            }
            let start = ClockTime::parse(&m.start);
            let end = ClockTime::parse(&m.end);
            for (key, v, t) in [("start", &m.start, start), ("end", &m.end, end)] {
                if t.is_none() {
                    problems.push(Problem::new(path, format!("{p}.{key}"), format!("expected HH:MM, found \"{v}\"")));
                }
            }
            if let (Some(s), Some(e)) = (start, end) {
                if e <= s {
                    problems.push(Problem::new(path, p.clone(), format!("ends ({e}) before it starts ({s})")));
                }
            }
            let site = inst.index.sites.get(&m.site).copied();
            if site.is_none() {
                problems.push(Problem::new(path, format!("{p}.site"), format!("unknown site \"{}\"", m.site)));
            }
            let mut cohorts = Vec::new();
            for (k, c) in m.cohorts.iter().enumerate() {
                match inst.index.cohorts.get(c) {
                    Some(&id) => cohorts.push(id),
                    None => problems.push(Problem::new(
                        path,
                        format!("{p}.cohorts[{k}]"),
                        format!("unknown cohort \"{c}\""),
                    )),
                }
            }
            if let (Some(date), Some(start), Some(end), Some(site)) = (date, start, end, site) {
                by_date.entry(date).or_default().push(ClassMeeting { start, end, site, cohorts });
            }
        }
        for v in by_date.values_mut() {
            v.sort_by_key(|a| (a.start, a.end, a.site));
        }
        if problems.is_empty() { Ok(Classes { by_date }) } else { Err(LoadError::Invalid(problems)) }
    }
}
