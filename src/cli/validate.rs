//! `horaire validate`: the problems of an instance, or its summary.

use super::{Failure, out};
use horaire::model::Instance;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

pub fn validate(path: &Path, json: bool) -> Result<ExitCode, Failure> {
    match horaire::load_instance(path) {
        Ok(inst) => {
            if json {
                out("[]");
            } else {
                out(&summary(&inst));
            }
            Ok(ExitCode::SUCCESS)
        }
        Err(e) if json => {
            let problems = e.problems();
            out(&serde_json::to_string_pretty(&problems).unwrap_or_default());
            let _ = writeln!(std::io::stderr(), "horaire: {} problem(s) in {}", problems.len(), path.display());
            Ok(ExitCode::from(2))
        }
        Err(e) => Err(Failure::Input(e)),
    }
}

pub fn summary(inst: &Instance) -> String {
    let minutes: u32 = inst.activities.iter().map(|a| a.minutes).sum();
    let meetings: u32 = inst.activities.iter().map(|a| a.minutes.div_ceil(a.session_minutes)).sum();
    let p = &inst.placements;
    format!(
        "{}: valid. {} programme(s), {} UE(s), {} activit(y/ies) totalling {} h, {} meetings to place on {} site(s) with {} room(s); {} teacher(s), {} cohort(s); {} placement requirement(s) for {} student(s) with {} host(s). Calendar: {} ({} to {}).",
        inst.name,
        inst.programmes.len(),
        inst.ues.len(),
        inst.activities.len(),
        horaire::model::time::hours_string(minutes),
        meetings,
        inst.sites.len(),
        inst.rooms.len(),
        inst.teachers.len(),
        inst.cohorts.len(),
        p.requirements.len(),
        p.students.len(),
        p.hosts.len(),
        inst.calendar.name,
        inst.calendar.year.from,
        inst.calendar.year.to,
    )
}
