//! `horaire report`: service, occupancy, load, competences.

use super::{Failure, out};
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

/// `horaire report KIND INSTANCE TIMETABLE [--format F] [--out FILE]`.
pub fn report(
    kind: horaire::report::Kind,
    instance: &Path,
    timetable: &Path,
    format: horaire::report::render::Format,
    target: Option<&Path>,
) -> Result<ExitCode, Failure> {
    use horaire::report::render::Format;
    if format == Format::Xlsx && target.is_none() {
        return Err(Failure::Usage("an xlsx report needs --out FILE".into()));
    }
    let inst = horaire::load_instance(instance).map_err(Failure::Input)?;
    let meetings = horaire::report::read_meetings(&inst, timetable).map_err(Failure::Input)?;
    let report = horaire::report::build(kind, &inst, &meetings);
    let bytes = horaire::report::render::render(&report, format).map_err(|e| Failure::Write(e.to_string()))?;
    match target {
        Some(path) => {
            horaire::atomic::write_atomic(path, &bytes).map_err(|e| Failure::Output(path.to_path_buf(), e))?;
            out(&format!("{} report written to {}", kind, path.display()));
        }
        None => {
            let _ = std::io::stdout().write_all(&bytes);
        }
    }
    Ok(ExitCode::SUCCESS)
}
