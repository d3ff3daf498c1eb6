//! `horaire explain`: why an instance has no timetable.

use super::{Failure, out, solver_config};
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

pub fn explain(path: &Path, config: Option<&Path>) -> Result<ExitCode, Failure> {
    let cfg = solver_config(config)?;
    let inst = horaire::load_instance(path).map_err(Failure::Input)?;
    let started = Instant::now();
    let progress = |line: &str| {
        let _ = writeln!(std::io::stderr(), "[{:6.1} s] {line}", started.elapsed().as_secs_f64());
    };
    let e = horaire::explain::explain(&inst, &cfg, &progress);
    out(&horaire::explain::render::explanation(&inst, &e));
    Ok(if e.feasible() { ExitCode::SUCCESS } else { ExitCode::from(1) })
}
