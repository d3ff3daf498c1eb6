//! The hours log (`student,date,hours,validated` CSV): every mistake is
//! reported with its line number, all at once; the file is only read.

use crate::model::time::parse_date;
use crate::model::{Instance, LoadError, Problem, StudentId};
use chrono::NaiveDate;
use std::collections::HashMap;
use std::path::Path;

/// One line of the log.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LogEntry {
    /// The student.
    pub student: StudentId,
    /// The day worked.
    pub date: NaiveDate,
    /// Minutes worked.
    pub minutes: u32,
    /// Whether the host validated them.
    pub validated: bool,
    /// Line number in the file (1 is the header).
    pub line: u64,
}

/// A parsed, checked hours log.
#[derive(Debug, Clone, Default)]
pub struct HoursLog {
    /// Entries in file order.
    pub entries: Vec<LogEntry>,
}

impl HoursLog {
    /// Validated and not-yet-validated minutes of every student, indexed by
    /// student.
    pub fn totals(&self, students: usize) -> Vec<(u32, u32)> {
        let mut t = vec![(0u32, 0u32); students];
        for e in &self.entries {
            let slot = &mut t[e.student.index()];
            if e.validated {
                slot.0 += e.minutes;
            } else {
                slot.1 += e.minutes;
            }
        }
        t
    }

    /// The latest date in the log.
    pub fn last_date(&self) -> Option<NaiveDate> {
        self.entries.iter().map(|e| e.date).max()
    }
}

/// Reads and checks a log file. `as_of`: no entry may be later.
pub fn read_log(inst: &Instance, path: &Path, as_of: Option<NaiveDate>) -> Result<HoursLog, LoadError> {
    let bytes = std::fs::read(path).map_err(|source| LoadError::Io { file: path.to_path_buf(), source })?;
    parse_log(inst, path, &bytes, as_of)
}

const HEADER: [&str; 4] = ["student", "date", "hours", "validated"];

/// Parses and checks the log's bytes; `path` names the file in messages.
pub fn parse_log(inst: &Instance, path: &Path, bytes: &[u8], as_of: Option<NaiveDate>) -> Result<HoursLog, LoadError> {
    let mut problems = Vec::new();
    let mut at = |line: u64, msg: String| problems.push(Problem::new(path, format!("line {line}"), msg));
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(bytes);
    let mut log = HoursLog::default();
    let mut seen: HashMap<(StudentId, NaiveDate), u64> = HashMap::new();
    let mut header_done = false;
    for rec in reader.records() {
        let rec = match rec {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                at(line, format!("unreadable CSV: {e}"));
                continue;
            }
        };
        let line = rec.position().map_or(0, |p| p.line());
        let fields: Vec<&str> = rec.iter().map(str::trim).collect();
        if fields.iter().all(|f| f.is_empty()) {
            continue;
        }
        if !header_done {
            header_done = true;
            if fields != HEADER {
                at(
                    line,
                    format!("expected the header \"student,date,hours,validated\", found \"{}\"", fields.join(",")),
                );
            }
            continue;
        }
        if fields.len() != 4 {
            at(line, format!("expected 4 fields (student,date,hours,validated), found {}", fields.len()));
            continue;
        }
        let student = inst.index.students.get(fields[0]).copied();
        if student.is_none() {
            at(line, format!("unknown student \"{}\"", fields[0]));
        }
        let date = parse_date(fields[1]);
        if date.is_none() {
            at(line, format!("expected a date YYYY-MM-DD, found \"{}\"", fields[1]));
        }
        let minutes = match fields[2].parse::<f64>() {
            Ok(h) if !h.is_finite() => {
                at(line, format!("expected a number of hours, found \"{}\"", fields[2]));
                None
            }
            Ok(h) if !(0.0..=24.0).contains(&h) => {
                at(line, format!("expected between 0 and 24 hours, found {}", fields[2]));
                None
            }
            Ok(h) => Some((h * 60.0).round() as u32),
            Err(_) => {
                at(line, format!("expected a number of hours (e.g. 7.5), found \"{}\"", fields[2]));
                None
            }
        };
        let validated = match fields[3].to_ascii_lowercase().as_str() {
            "yes" | "true" | "1" | "oui" => Some(true),
            "no" | "false" | "0" | "non" => Some(false),
            _ => {
                at(line, format!("expected validated to be yes or no, found \"{}\"", fields[3]));
                None
            }
        };
        if let (Some(s), Some(d)) = (student, date) {
            let req = &inst.placements.requirements[inst.placements.students[s.index()].requirement.index()];
            if !req.window.contains(d) {
                at(
                    line,
                    format!(
                        "{d} is outside the placement window of {} ({}..{})",
                        fields[0], req.window.from, req.window.to
                    ),
                );
            }
            if let Some(first) = seen.get(&(s, d)) {
                at(line, format!("duplicate entry for {} on {d} (first at line {first})", fields[0]));
            } else {
                let _ = seen.insert((s, d), line);
            }
        }
        if let (Some(d), Some(limit)) = (date, as_of) {
            if d > limit {
                at(line, format!("{d} is after the as-of date {limit}"));
            }
        }
        if let (Some(student), Some(date), Some(minutes), Some(validated)) = (student, date, minutes, validated) {
            log.entries.push(LogEntry { student, date, minutes, validated, line });
        }
    }
    // An empty file is an empty log (nothing logged yet).
    if problems.is_empty() { Ok(log) } else { Err(LoadError::Invalid(problems)) }
}
