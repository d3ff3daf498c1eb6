//! `horaire placements`: plan, status, verify, synth.

use super::args::*;
use super::{Failure, out};
use horaire::model::Instance;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

pub fn verify_placements(
    instance: &Path,
    plan: &Path,
    timetable: Option<&Path>,
    log: Option<&Path>,
) -> Result<ExitCode, Failure> {
    let inst = horaire::load_instance(instance).map_err(Failure::Input)?;
    let (n, problems) =
        horaire::placement::inputs::verify_files(&inst, plan, timetable, log).map_err(Failure::Input)?;
    if problems.is_empty() {
        out(&format!("{}: the placement plan is sound ({n} plan(s))", plan.display()));
        return Ok(ExitCode::SUCCESS);
    }
    for p in &problems {
        out(&p.to_string());
    }
    let _ = writeln!(std::io::stderr(), "horaire: {} violation(s) in {}", problems.len(), plan.display());
    Ok(ExitCode::from(1))
}

pub fn placements(cmd: PlacementsCommand) -> Result<ExitCode, Failure> {
    use horaire::placement::{Status, output};
    match cmd {
        PlacementsCommand::Plan { instance, timetable, log, as_of, out: dir, timings } => {
            let Some((inst, outcomes)) =
                plan_placements(&instance, timetable.as_deref(), log.as_deref(), as_of, timings)?
            else {
                return Ok(ExitCode::from(1));
            };
            let file = output::to_file(&inst, &outcomes, false);
            let path = dir.join("placements.json");
            horaire::atomic::write_atomic(&path, output::to_json(&file).as_bytes())
                .map_err(|e| Failure::Output(path.clone(), e))?;
            let short: Vec<_> = outcomes.iter().filter(|o| o.status == Status::CannotFinish).collect();
            let _ = writeln!(
                std::io::stderr(),
                "horaire: wrote {} ({} plan(s), {} cannot finish)",
                path.display(),
                outcomes.len(),
                short.len()
            );
            for o in &short {
                let id = &inst.placements.students[o.student.index()].id;
                let why = o
                    .no_host
                    .clone()
                    .unwrap_or_else(|| format!("{} h missing before the deadline", output::hours(o.missing)));
                let _ = writeln!(std::io::stderr(), "horaire: {id}: cannot finish: {why}");
            }
            let over = horaire::placement::allocate::fixed_over_capacity(&inst);
            Ok(if short.is_empty() && over.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) })
        }
        PlacementsCommand::Status { instance, log, timetable, as_of, json, timings } => {
            let as_of = as_of.unwrap_or_else(|| chrono::Utc::now().date_naive());
            let Some((inst, outcomes)) =
                plan_placements(&instance, timetable.as_deref(), Some(&log), Some(as_of), timings)?
            else {
                return Ok(ExitCode::from(1));
            };
            if json {
                out(output::to_json(&output::to_file(&inst, &outcomes, true)).trim_end());
            } else {
                out(output::status_table(&inst, &outcomes).trim_end());
            }
            Ok(ExitCode::SUCCESS)
        }
        PlacementsCommand::Verify { instance, plan, timetable, log } => {
            verify_placements(&instance, &plan, timetable.as_deref(), log.as_deref())
        }
        PlacementsCommand::Synth { seed, students, hosts, out } => synth_placements(seed, students, hosts, &out),
    }
}

/// Loads the inputs of `plan` and `status`, allocates and plans. `None`:
/// the solver failed (reported on stderr). With `timings`, the time of
/// each phase goes to stderr (benchmarks).
pub fn plan_placements(
    instance: &Path,
    timetable: Option<&Path>,
    log: Option<&Path>,
    as_of: Option<chrono::NaiveDate>,
    timings: bool,
) -> Result<Option<(Instance, Vec<horaire::placement::Outcome>)>, Failure> {
    let inst = horaire::load_instance(instance).map_err(Failure::Input)?;
    let planned = horaire::placement::planning::plan_files(&inst, timetable, log, as_of).map_err(Failure::Input)?;
    for o in &planned.over_capacity {
        let _ = writeln!(std::io::stderr(), "horaire: warning: {}", o.describe(&inst));
    }
    let outcomes = match planned.outcomes {
        Ok(o) => o,
        Err(e) => {
            let _ = writeln!(std::io::stderr(), "horaire: {e}");
            return Ok(None);
        }
    };
    if timings {
        let (a, p) = (planned.allocation_seconds, planned.plan_seconds);
        let _ = writeln!(std::io::stderr(), "horaire: timings: allocation {a:.3} s, plans {p:.3} s");
    }
    Ok(Some((inst, outcomes)))
}

pub fn synth_placements(seed: u64, students: usize, hosts: usize, dir: &Path) -> Result<ExitCode, Failure> {
    let s = horaire::placement::synth::generate(seed, students, hosts);
    let pretty = |v: &serde_json::Value| serde_json::to_string_pretty(v).unwrap_or_default() + "\n";
    let files = [
        ("instance.json", pretty(&s.instance)),
        ("timetable.json", pretty(&s.timetable)),
        ("hours.csv", s.log.clone()),
    ];
    for (name, text) in &files {
        let path = dir.join(name);
        horaire::atomic::write_atomic(&path, text.as_bytes()).map_err(|e| Failure::Output(path.clone(), e))?;
    }
    out(&format!(
        "wrote {}/{{instance.json,timetable.json,hours.csv}} (seed {seed}, {students} students, {hosts} hosts, log up to {})",
        dir.display(),
        s.as_of
    ));
    Ok(ExitCode::SUCCESS)
}
