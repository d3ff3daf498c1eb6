//! `horaire synth faculty`: a generated faculty.

use super::args::*;
use super::{Failure, out, write_json};
use std::process::ExitCode;

pub fn synth(cmd: SynthCommand) -> Result<ExitCode, Failure> {
    let SynthCommand::Faculty { programmes, seed, out: target, witness } = cmd;
    let f = horaire::synth::faculty(programmes as usize, seed).map_err(|e| Failure::Write(e.to_string()))?;
    write_json(&target, &f.instance)?;
    if let Some(w) = &witness {
        write_json(w, &f.witness)?;
    }
    let s = &f.summary;
    let mut text = format!(
        "wrote {}: {} programmes, {} UEs, {} activities ({} meetings), {} rooms on {} sites, {} teachers ({} in several programmes), {} independent part(s)",
        target.display(),
        s.programmes,
        s.ues,
        s.activities,
        s.meetings,
        s.rooms,
        s.sites,
        s.teachers,
        s.shared_teachers,
        s.independent_parts
    );
    if let Some(w) = &witness {
        text.push_str(&format!("; a timetable without conflicts: {}", w.display()));
    }
    let a = &s.adjustments;
    let changed = [
        (a.enrolment_overlaps, "placed over an enrolment overlap"),
        (a.teachers_replaced, "given a teacher of their own"),
        (a.frequencies_relaxed, "with a relaxed frequency"),
        (a.hours_reduced, "with fewer hours"),
        (a.dropped, "left out"),
    ];
    let changed: Vec<String> = changed.iter().filter(|c| c.0 > 0).map(|(n, what)| format!("{n} {what}")).collect();
    if !changed.is_empty() {
        text.push_str(&format!(".\nactivities changed so that each has a regular pattern: {}", changed.join(", ")));
    }
    out(&format!("{text}."));
    Ok(ExitCode::SUCCESS)
}
