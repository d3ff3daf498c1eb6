//! `horaire export`: iCalendar, CSV, HTML, xlsx.

use super::{Failure, out};
use std::path::Path;
use std::process::ExitCode;

pub fn export(instance: &Path, req: horaire::export::ExportRequest) -> Result<ExitCode, Failure> {
    let inst = horaire::load_instance(instance).map_err(Failure::Input)?;
    match horaire::export::export(&inst, &req) {
        Ok(files) => {
            out(&format!("{} file(s) written under {}", files.len(), req.out.display()));
            Ok(ExitCode::SUCCESS)
        }
        Err(horaire::export::ExportError::Input(e)) => Err(Failure::Input(e)),
        Err(e) => Err(Failure::Write(e.to_string())),
    }
}
