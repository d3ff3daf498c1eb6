//! `horaire explain`: why an instance has no timetable.

use super::progress::Reporter;
use super::{Failure, out, solver_config};
use std::path::Path;
use std::process::ExitCode;

pub fn explain(path: &Path, config: Option<&Path>) -> Result<ExitCode, Failure> {
    let cfg = solver_config(config)?;
    let inst = horaire::load_instance(path).map_err(Failure::Input)?;
    let reporter = Reporter::new(false);
    let progress = |line: &str| reporter.line(line);
    let e = horaire::explain::explain(&inst, &cfg, &progress);
    out(&horaire::explain::render::explanation(&inst, &e));
    Ok(if e.feasible() { ExitCode::SUCCESS } else { ExitCode::from(1) })
}
