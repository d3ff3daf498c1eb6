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

#[cfg(test)]
mod tests {
    use super::*;

    fn inst() -> Instance {
        let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/placements/basic.json");
        crate::load_instance(&p).expect("fixture loads")
    }

    fn messages(bytes: &str, as_of: Option<&str>) -> Vec<String> {
        let as_of = as_of.map(|d| d.parse().expect("date"));
        match parse_log(&inst(), Path::new("hours.csv"), bytes.as_bytes(), as_of) {
            Ok(_) => Vec::new(),
            Err(e) => e.problems().into_iter().map(|p| format!("{}: {}", p.path, p.message)).collect(),
        }
    }

    #[test]
    fn an_empty_log_is_no_hours() {
        let log = parse_log(&inst(), Path::new("hours.csv"), b"", None).expect("empty is fine");
        assert!(log.entries.is_empty());
        let log = parse_log(&inst(), Path::new("hours.csv"), b"student,date,hours,validated\n", None).expect("ok");
        assert!(log.entries.is_empty());
    }

    #[test]
    fn good_lines_are_read_with_minutes_and_validation() {
        let text = "student,date,hours,validated\n s01 ,2025-10-07, 7.5 ,yes\n\"s06\",2025-10-06,8,NO\n";
        let log = parse_log(&inst(), Path::new("hours.csv"), text.as_bytes(), None).expect("ok");
        let got: Vec<(u32, bool, u64)> = log.entries.iter().map(|e| (e.minutes, e.validated, e.line)).collect();
        assert_eq!(got, [(450, true, 2), (480, false, 3)]);
        let totals = log.totals(inst().placements.students.len());
        assert_eq!(totals[0], (450, 0));
    }

    #[test]
    fn header_field_count_and_validated_mistakes_are_located() {
        let text =
            "student;date;hours;validated\ns01,2025-10-07,4\ns01,2025-10-09,4,maybe\ns01,2025-10-14,4,yes,extra\n";
        assert_eq!(
            messages(text, None),
            [
                "line 1: expected the header \"student,date,hours,validated\", found \"student;date;hours;validated\"",
                "line 2: expected 4 fields (student,date,hours,validated), found 3",
                "line 3: expected validated to be yes or no, found \"maybe\"",
                "line 4: expected 4 fields (student,date,hours,validated), found 5",
            ]
        );
    }

    #[test]
    fn a_bad_date_and_a_non_finite_number_are_reported() {
        let text = "student,date,hours,validated\ns01,2025-02-30,4,yes\ns01,2025-10-07,NaN,yes\n";
        assert_eq!(
            messages(text, None),
            [
                "line 2: expected a date YYYY-MM-DD, found \"2025-02-30\"",
                "line 3: expected a number of hours, found \"NaN\""
            ]
        );
    }
}
