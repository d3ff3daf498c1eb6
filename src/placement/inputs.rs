//! Reading the files a placement command needs, with every problem of the
//! timetable and the log reported together.

use super::classes::Classes;
use super::log::{HoursLog, read_log};
use super::verify::verify_plan;
use crate::model::placements_file::PlacementsFile;
use crate::model::timetable::TimetableFile;
use crate::model::{Instance, LoadError, Problem, load};
use chrono::NaiveDate;
use std::path::Path;

/// The timetable's classes and the log of an instance.
#[derive(Debug, Clone, Default)]
pub struct Inputs {
    /// Class meetings (none without a timetable).
    pub classes: Classes,
    /// The hours log (empty without one).
    pub log: HoursLog,
}

/// Reads the optional timetable and log of `inst`; log lines later than
/// `as_of` are errors. Every problem of both files is reported at once.
pub fn read_inputs(
    inst: &Instance,
    timetable: Option<&Path>,
    log: Option<&Path>,
    as_of: Option<NaiveDate>,
) -> Result<Inputs, LoadError> {
    let mut problems = Vec::new();
    let mut inputs = Inputs::default();
    match timetable.map(|t| Classes::read(inst, t)) {
        None => {}
        Some(Ok(c)) => inputs.classes = c,
        Some(Err(e)) => problems.extend(e.problems()),
    }
    match log.map(|l| read_log(inst, l, as_of)) {
        None => {}
        Some(Ok(l)) => inputs.log = l,
        Some(Err(e)) => problems.extend(e.problems()),
    }
    if problems.is_empty() { Ok(inputs) } else { Err(LoadError::Invalid(problems)) }
}

/// Reads a plan file and, when given, the timetable and log it was made
/// with, then runs [`verify_plan`]. Returns the number of plans in the file
/// and the violations; unreadable files are a [`LoadError`].
pub fn verify_files(
    inst: &Instance,
    plan: &Path,
    timetable: Option<&Path>,
    log: Option<&Path>,
) -> Result<(usize, Vec<Problem>), LoadError> {
    let mut problems = Vec::new();
    let file: Option<PlacementsFile> =
        load::read_bytes(plan).and_then(|b| load::parse_json(plan, &b)).map_err(|e| problems.extend(e.problems())).ok();
    let tt: Option<TimetableFile> = timetable.and_then(|t| {
        load::read_bytes(t).and_then(|b| load::parse_json(t, &b)).map_err(|e| problems.extend(e.problems())).ok()
    });
    let hours = log.and_then(|l| read_log(inst, l, None).map_err(|e| problems.extend(e.problems())).ok());
    match file {
        Some(f) if problems.is_empty() => Ok((f.plans.len(), verify_plan(inst, plan, &f, tt.as_ref(), hours.as_ref()))),
        _ => Err(LoadError::Invalid(problems)),
    }
}
