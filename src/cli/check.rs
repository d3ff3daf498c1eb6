//! `horaire check`: the independent checker.

use super::{Failure, out};
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

pub fn check(
    instance: &Path,
    timetable: &Path,
    json: bool,
    placements: Option<&Path>,
    log: Option<&Path>,
    changes: Option<&Path>,
) -> Result<ExitCode, Failure> {
    let inst = horaire::load_instance(instance).map_err(Failure::Input)?;
    let changed = match changes {
        Some(path) => {
            let ch = horaire::model::changes::read_changes(path, &inst).map_err(Failure::Input)?;
            Some(horaire::check::changed_instance(&inst, &ch))
        }
        None => None,
    };
    let tt = horaire::check::read_timetable(timetable).map_err(Failure::Input)?;
    let (inst, closed) = match changed.as_ref() {
        Some(c) => (&c.instance, c.closed_rooms.as_slice()),
        None => (&inst, &[][..]),
    };
    let violations = horaire::check::check_with_closed_rooms(inst, &tt, closed);
    if let (Some(c), false) = (&changed, json) {
        out(&format!("{}: {}", changes.map(|p| p.display().to_string()).unwrap_or_default(), c.note(&tt)));
    }
    let plan_problems = match placements {
        Some(plan) => {
            let (plans, problems) =
                horaire::placement::inputs::verify_files(inst, plan, Some(timetable), log).map_err(Failure::Input)?;
            if problems.is_empty() && !json {
                out(&format!("{}: {plans} placement plan(s) respect every placement rule.", plan.display()));
            }
            problems
        }
        None => Vec::new(),
    };
    if !plan_problems.is_empty() {
        if json {
            out(&serde_json::to_string_pretty(&plan_problems).unwrap_or_default());
        } else {
            for p in &plan_problems {
                out(&format!("placement: {p}"));
            }
        }
        let _ = writeln!(std::io::stderr(), "horaire: {} placement violation(s)", plan_problems.len());
    }
    if json {
        out(&serde_json::to_string_pretty(&violations).unwrap_or_default());
    } else if violations.is_empty() {
        out(&format!("{}: {}", timetable.display(), horaire::check::summary(inst, &tt)));
    } else {
        for v in &violations {
            out(&v.to_string());
        }
    }
    if violations.is_empty() && plan_problems.is_empty() {
        Ok(ExitCode::SUCCESS)
    } else {
        if !violations.is_empty() {
            let _ =
                writeln!(std::io::stderr(), "horaire: {} violation(s) in {}", violations.len(), timetable.display());
        }
        Ok(ExitCode::from(1))
    }
}
