//! `horaire rooms free`: free rooms at a time.

use super::Failure;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

/// `horaire rooms free INSTANCE TIMETABLE --site S --date D --start T --end T [--capacity N]`.
pub fn rooms_free(
    instance: &Path,
    timetable: &Path,
    site: &str,
    date: chrono::NaiveDate,
    (start, end): (horaire::model::time::ClockTime, horaire::model::time::ClockTime),
    capacity: u32,
) -> Result<ExitCode, Failure> {
    use horaire::report::rooms::{FreeQuery, free_rooms};
    if start >= end {
        return Err(Failure::Usage(format!("--start {start} must be before --end {end}")));
    }
    let inst = horaire::load_instance(instance).map_err(Failure::Input)?;
    let Some(&site) = inst.index.sites.get(site) else {
        let mut known: Vec<&str> = inst.sites.iter().map(|s| s.id.as_str()).collect();
        known.sort_unstable();
        return Err(Failure::Usage(format!("unknown site \"{site}\" (expected one of {})", known.join(", "))));
    };
    let meetings = horaire::report::read_meetings(&inst, timetable).map_err(Failure::Input)?;
    let q = FreeQuery { site, date, start, end, capacity };
    let answer = free_rooms(&inst, &meetings, &q);
    let report = answer.report(&inst, &meetings, &q);
    let bytes = horaire::report::render::render(&report, horaire::report::render::Format::Text)
        .map_err(|e| Failure::Write(e.to_string()))?;
    let _ = std::io::stdout().write_all(&bytes);
    Ok(ExitCode::SUCCESS)
}
