//! Instance types, JSON files and validation with precise errors.
//!
//! Loading is two steps: [`load`] parses the JSON into the file types of
//! [`file`] (syntax errors with line and column, unknown keys with their
//! path), then [`validate`] checks every rule and builds the typed
//! [`Instance`], reporting every problem at once.

pub mod error;
pub mod file;
pub mod ids;
pub mod instance;
pub mod load;
pub mod placements_file;
pub mod time;
pub mod timetable;
pub mod validate;

pub use error::{LoadError, Problem};
pub use ids::*;
pub use instance::*;

use file::{CalendarFile, CalendarRef, InstanceFile};
use std::path::Path;
use validate::CalendarSource;

/// Reads and validates an instance file (and the calendar file it names).
///
/// This checks the file on its own; [`crate::load_instance`] adds the checks
/// that need the calendar expanded.
pub fn read_instance(path: &Path) -> Result<Instance, LoadError> {
    let bytes = load::read_bytes(path)?;
    let f: InstanceFile = load::parse_json(path, &bytes)?;
    let mut problems = Vec::new();
    let external: Option<(std::path::PathBuf, CalendarFile)> = match &f.calendar {
        CalendarRef::Inline(_) => None,
        CalendarRef::Path(p) => {
            let cal_path = path.parent().unwrap_or(Path::new("")).join(p);
            match load::read_bytes(&cal_path).and_then(|b| load::parse_json::<CalendarFile>(&cal_path, &b)) {
                Ok(c) => Some((cal_path, c)),
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
    validate::validate_instance(path, &f, source, problems)
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
