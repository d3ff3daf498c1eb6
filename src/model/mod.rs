//! Instance types, JSON files and validation with precise errors.
//!
//! Loading is two steps: [`load`] parses the JSON into the file types of
//! [`file`] (syntax errors with line and column, unknown keys with their
//! path), then [`validate`] checks every rule and builds the typed
//! [`Instance`], reporting every problem at once.

pub mod changes;
pub mod error;
pub mod file;
pub mod ids;
pub mod instance;
pub mod load;
pub mod pins;
pub mod placements_file;
pub mod time;
pub mod timetable;
pub mod validate;
pub mod validate_extensions;
pub mod validate_pins;

pub use error::{LoadError, Problem};
pub use ids::*;
pub use instance::*;

use file::{CalendarFile, CalendarRef, InstanceFile};
use std::path::{Path, PathBuf};
use validate::CalendarSource;

/// Reads and validates an instance file (and the calendar file it names).
///
/// Every problem is reported at once: structural ones (missing keys, wrong
/// types, unknown keys) of both files, then the semantic ones, leaving out
/// those that only describe a placeholder put where a value was missing.
///
/// This checks the file on its own; [`crate::load_instance`] adds the checks
/// that need the calendar expanded.
pub fn read_instance(path: &Path) -> Result<Instance, LoadError> {
    let bytes = load::read_bytes(path)?;
    let parsed: load::Tolerant<InstanceFile> = load::parse_json_of_format(path, &bytes, file::INSTANCE_FORMAT)?;
    let mut repaired: Vec<(PathBuf, String)> =
        parsed.repaired.iter().map(|r| (path.to_path_buf(), r.clone())).collect();
    let mut structural = parsed.problems;
    let f = parsed.value;
    let mut problems = Vec::new();
    let external: Option<(PathBuf, CalendarFile)> = match &f.calendar {
        CalendarRef::Inline(_) => None,
        // A placeholder: the problem is already reported.
        CalendarRef::Path(p) if p.is_empty() && repaired.iter().any(|(_, r)| r == "calendar") => None,
        CalendarRef::Path(p) if p.trim().is_empty() => {
            problems.push(Problem::new(
                path,
                "calendar",
                "expected the path of a calendar file or an inline calendar object, found an empty string",
            ));
            None
        }
        CalendarRef::Path(p) => {
            let cal_path = path.parent().unwrap_or(Path::new("")).join(p);
            match load::read_bytes(&cal_path)
                .and_then(|b| load::parse_json_of_format::<CalendarFile>(&cal_path, &b, file::CALENDAR_FORMAT))
            {
                Ok(c) => {
                    repaired.extend(c.repaired.iter().map(|r| (cal_path.clone(), r.clone())));
                    structural.extend(c.problems);
                    Some((cal_path, c.value))
                }
                Err(LoadError::Io { source, .. }) => {
                    problems.push(Problem::new(
                        path,
                        "calendar",
                        format!("cannot read the calendar file {}: {source}", cal_path.display()),
                    ));
                    None
                }
                Err(LoadError::Invalid(p)) => {
                    problems.extend(p);
                    None
                }
            }
        }
    };
    let source = match (&f.calendar, &external) {
        (CalendarRef::Inline(c), _) => {
            Some(CalendarSource { file: path.to_path_buf(), calendar: c, prefix: "calendar." })
        }
        (CalendarRef::Path(_), Some((p, c))) => Some(CalendarSource { file: p.clone(), calendar: c, prefix: "" }),
        (CalendarRef::Path(_), None) => None,
    };
    let semantic = match validate::validate_instance(path, &f, source, problems) {
        Ok(inst) if structural.is_empty() => return Ok(inst),
        Ok(_) => Vec::new(),
        Err(e) => e.problems(),
    };
    let own: Vec<String> = repaired.iter().filter(|(f, _)| f == path).map(|(_, r)| r.clone()).collect();
    let hidden = load::hidden_reference_kinds(&own);
    structural.extend(semantic.into_iter().filter(|p| {
        let placeholder = repaired.iter().any(|(file, r)| *file == p.file && load::is_under(&p.path, r));
        let consequence = p.file == path && load::is_unknown_reference(&p.message, &hidden);
        !placeholder && !consequence
    }));
    Err(LoadError::Invalid(structural))
}

/// Reads and validates a calendar file on its own.
pub fn read_calendar(path: &Path) -> Result<AcademicYear, LoadError> {
    let bytes = load::read_bytes(path)?;
    let c: CalendarFile = load::parse_json(path, &bytes)?;
    let mut problems = Vec::new();
    match validate::validate_calendar(path, &c, &mut problems) {
        Some(y) if problems.is_empty() => Ok(y),
        _ => Err(LoadError::Invalid(problems)),
    }
}
