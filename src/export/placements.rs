//! Reads what the export needs from a `horaire-placements/1` file.
//!
//! The plan is written by `horaire placements plan`, not by hand, and may
//! gain keys the export does not show; so keys this reader does not use are
//! accepted, while the keys it uses are checked (type, known student,
//! requirement and host, known status, non-negative hours) with their JSON
//! path, all problems at once.

use crate::model::time::{ClockTime, parse_date};
use crate::model::{Instance, LoadError, Problem, load};
use chrono::NaiveDate;
use serde::Deserialize;
use std::path::Path;

/// The value of the `format` key of a placement plan.
pub(crate) const PLACEMENTS_FORMAT: &str = "horaire-placements/1";

#[derive(Debug, Deserialize)]
struct PlanFile {
    format: String,
    plans: Vec<PlanEntry>,
}

#[derive(Debug, Deserialize)]
struct PlanEntry {
    student: String,
    requirement: String,
    host: Option<String>,
    quota_hours: f64,
    #[serde(default)]
    validated_hours: Option<f64>,
    logged_hours: f64,
    planned_hours: f64,
    status: String,
    #[serde(default)]
    days: Vec<DayEntry>,
}

#[derive(Debug, Deserialize)]
struct DayEntry {
    date: String,
    start: String,
    end: String,
    hours: f64,
}

/// How a student's placement is going.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Status {
    OnTrack,
    AtRisk,
    CannotFinish,
    Done,
}

impl Status {
    fn parse(s: &str) -> Option<Status> {
        Some(match s {
            "on_track" => Status::OnTrack,
            "at_risk" => Status::AtRisk,
            "cannot_finish" => Status::CannotFinish,
            "done" => Status::Done,
            _ => return None,
        })
    }

    /// The file spelling, also used as a CSS class.
    pub fn code(self) -> &'static str {
        match self {
            Status::OnTrack => "on_track",
            Status::AtRisk => "at_risk",
            Status::CannotFinish => "cannot_finish",
            Status::Done => "done",
        }
    }
}

/// One planned placement day.
#[derive(Debug, Clone)]
pub(crate) struct Day {
    pub date: NaiveDate,
    pub start: ClockTime,
    pub end: ClockTime,
    pub hours: f64,
}

/// One student's plan, checked against the instance.
#[derive(Debug, Clone)]
pub(crate) struct Plan {
    pub student: String,
    pub requirement: String,
    pub host: Option<String>,
    /// The host's display name (the id when the instance does not know it).
    pub host_name: Option<String>,
    pub quota: f64,
    /// Validated hours; when the file does not say, none are counted as
    /// validated and every logged hour shows as logged.
    pub validated: f64,
    pub logged: f64,
    pub planned: f64,
    pub status: Status,
    pub days: Vec<Day>,
}

impl Plan {
    /// Hours still missing after logged and planned hours.
    pub fn remaining(&self) -> f64 {
        (self.quota - self.logged - self.planned).max(0.0)
    }
}

/// Reads and checks a placement plan; plans are returned sorted by student.
pub(crate) fn read(inst: &Instance, path: &Path) -> Result<Vec<Plan>, LoadError> {
    let bytes = load::read_bytes(path)?;
    let f: PlanFile = serde_json::from_slice(&bytes).map_err(|e| {
        LoadError::Invalid(vec![Problem::new(
            path,
            "",
            format!("not a valid {PLACEMENTS_FORMAT} file (line {}, column {}): {e}", e.line(), e.column()),
        )])
    })?;
    let mut problems = Vec::new();
    if f.format != PLACEMENTS_FORMAT {
        problems.push(Problem::new(
            path,
            "format",
            format!("expected \"{PLACEMENTS_FORMAT}\", found \"{}\"", f.format),
        ));
    }
    let mut plans = Vec::new();
    for (i, p) in f.plans.iter().enumerate() {
        let at = |k: &str| format!("plans[{i}].{k}");
        let n = problems.len();
        if !inst.index.students.contains_key(&p.student) {
            problems.push(Problem::new(path, at("student"), format!("unknown student \"{}\"", p.student)));
        }
        if !inst.index.requirements.contains_key(&p.requirement) {
            problems.push(Problem::new(path, at("requirement"), format!("unknown requirement \"{}\"", p.requirement)));
        }
        let host_name = match &p.host {
            None => None,
            Some(h) => match inst.index.hosts.get(h) {
                Some(id) => Some(inst.placements.hosts[id.index()].name.clone()),
                None => {
                    problems.push(Problem::new(path, at("host"), format!("unknown host \"{h}\"")));
                    None
                }
            },
        };
        let hours = [
            ("quota_hours", Some(p.quota_hours)),
            ("validated_hours", p.validated_hours),
            ("logged_hours", Some(p.logged_hours)),
            ("planned_hours", Some(p.planned_hours)),
        ];
        for (k, v) in hours {
            if let Some(v) = v
                && !(v.is_finite() && v >= 0.0)
            {
                problems.push(Problem::new(path, at(k), format!("expected a number of hours ≥ 0, found {v}")));
            }
        }
        let status = Status::parse(&p.status);
        if status.is_none() {
            problems.push(Problem::new(
                path,
                at("status"),
                format!("expected on_track, at_risk, cannot_finish or done, found \"{}\"", p.status),
            ));
        }
        let mut days = Vec::new();
        for (j, d) in p.days.iter().enumerate() {
            let at = |k: &str| format!("plans[{i}].days[{j}].{k}");
            let date = parse_date(&d.date);
            let start = ClockTime::parse(&d.start);
            let end = ClockTime::parse(&d.end);
            if date.is_none() {
                problems.push(Problem::new(
                    path,
                    at("date"),
                    format!("expected a date YYYY-MM-DD, found \"{}\"", d.date),
                ));
            }
            if start.is_none() {
                problems.push(Problem::new(path, at("start"), format!("expected a time HH:MM, found \"{}\"", d.start)));
            }
            if end.is_none() {
                problems.push(Problem::new(path, at("end"), format!("expected a time HH:MM, found \"{}\"", d.end)));
            }
            if !(d.hours.is_finite() && d.hours >= 0.0) {
                problems.push(Problem::new(path, at("hours"), format!("expected hours ≥ 0, found {}", d.hours)));
            }
            if let (Some(date), Some(start), Some(end)) = (date, start, end) {
                days.push(Day { date, start, end, hours: d.hours });
            }
        }
        if problems.len() > n {
            continue;
        }
        let Some(status) = status else { continue };
        plans.push(Plan {
            student: p.student.clone(),
            requirement: p.requirement.clone(),
            host: p.host.clone(),
            host_name,
            quota: p.quota_hours,
            validated: p.validated_hours.unwrap_or(0.0).min(p.logged_hours),
            logged: p.logged_hours,
            planned: p.planned_hours,
            status,
            days,
        });
    }
    if !problems.is_empty() {
        return Err(LoadError::Invalid(problems));
    }
    plans.sort_by(|a, b| (&a.student, &a.requirement).cmp(&(&b.student, &b.requirement)));
    Ok(plans)
}
