//! `horaire workbook`: the planner's workbook.

use super::args::*;
use super::{Failure, out};
use std::path::Path;
use std::process::ExitCode;

pub fn workbook(cmd: WorkbookCommand) -> Result<ExitCode, Failure> {
    use horaire::workbook::{self as wb, WriteError};
    let written = |target: &Path, bytes: Vec<u8>| -> Result<ExitCode, Failure> {
        horaire::atomic::write_atomic(target, &bytes).map_err(|e| Failure::Output(target.to_path_buf(), e))?;
        out(&format!("Written to {}.", target.display()));
        Ok(ExitCode::SUCCESS)
    };
    let failed = |e: WriteError| match e {
        WriteError::Input(e) => Failure::Input(e),
        e => Failure::Write(e.to_string()),
    };
    match cmd {
        WorkbookCommand::Template { out, lang } => {
            wb::check_workbook_target(&out, lang).map_err(Failure::Write)?;
            written(&out, wb::template(lang).map_err(failed)?)
        }
        WorkbookCommand::FromInstance { instance, out, lang } => {
            wb::check_workbook_target(&out, lang).map_err(Failure::Write)?;
            written(&out, wb::from_instance(&instance, lang).map_err(failed)?)
        }
        WorkbookCommand::Import { workbook, out: target, lang } => {
            wb::check_instance_target(&workbook, &target, lang).map_err(Failure::Write)?;
            import_workbook(&workbook, &target, lang)
        }
    }
}

/// `horaire workbook import`: the instance written, or every problem and nothing written.
pub fn import_workbook(workbook: &Path, target: &Path, lang: horaire::workbook::Lang) -> Result<ExitCode, Failure> {
    use horaire::workbook as wb;
    match wb::import(workbook, target, lang) {
        Ok(imported) => {
            horaire::atomic::write_atomic(target, &imported.json)
                .map_err(|e| Failure::Output(target.to_path_buf(), e))?;
            out(&format!("{}: {}", target.display(), imported.summary(lang)));
            Ok(ExitCode::SUCCESS)
        }
        Err(failure) => {
            let n = failure.problems.len();
            let total = match lang {
                wb::Lang::Fr => format!("{n} problème(s) ; rien n'a été écrit"),
                wb::Lang::En => format!("{n} problem(s); nothing was written"),
            };
            Err(Failure::Write(format!("{failure}\n{total}")))
        }
    }
}
