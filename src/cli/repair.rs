//! `horaire repair`: absorb a change file.

use super::progress::Reporter;
use super::{Failure, out, solver_config, write_json};
use horaire::model::LoadError;
use std::path::Path;
use std::process::ExitCode;

pub fn repair(
    instance: &Path,
    timetable: &Path,
    changes: &Path,
    out_dir: &Path,
    config: Option<&Path>,
    quiet: bool,
) -> Result<ExitCode, Failure> {
    use horaire::repair::RepairFailure;
    let cfg = solver_config(config)?;
    let inst = horaire::load_instance(instance).map_err(Failure::Input)?;
    let old = horaire::check::read_timetable(timetable).map_err(Failure::Input)?;
    let ch = horaire::model::changes::read_changes(changes, &inst).map_err(Failure::Input)?;
    let changed = horaire::model::changes::apply(&inst, &ch);
    let reporter = Reporter::new(quiet);
    let progress = |line: &str| reporter.line(line);
    match horaire::repair::repair(&changed, &old, timetable, &ch, &cfg, &progress) {
        Ok(rep) => {
            let diff = horaire::repair::diff(&old, &rep.timetable, &ch.from.to_string());
            write_json(&out_dir.join("timetable.json"), &rep.timetable)?;
            write_json(&out_dir.join("diff.json"), &diff)?;
            out(&diff.text(&changed));
            out(&format!(
                "Repaired in {:.1} s; written to {} and {}.",
                rep.seconds,
                out_dir.join("timetable.json").display(),
                out_dir.join("diff.json").display()
            ));
            Ok(ExitCode::SUCCESS)
        }
        Err(RepairFailure::Input(problems)) => Err(Failure::Input(LoadError::Invalid(problems))),
        Err(RepairFailure::Infeasible(causes)) => {
            out(&format!("{}: the changes cannot be absorbed; nothing was written.", inst.name));
            for c in causes {
                out(&format!("  - {c}"));
            }
            Ok(ExitCode::from(1))
        }
        Err(RepairFailure::Solver(e)) => {
            out(&format!("{}: repair failed: {e}", inst.name));
            Ok(ExitCode::from(1))
        }
    }
}
