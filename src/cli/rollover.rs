//! `horaire rollover`: an instance moved to another academic year.

use super::{Failure, out, write_json};
use horaire::model::file::CalendarFile;
use horaire::model::load;
use horaire::rollover::{Dates, Summary};
use serde_json::Value;
use std::path::{Component, Path, PathBuf};
use std::process::ExitCode;

/// Exit 0 when every date moved, 1 when some need a decision (both files
/// are written), 2 on bad input or when the new instance would not validate
/// (nothing is written).
pub fn rollover(instance: &Path, calendar: &Path, target: &Path) -> Result<ExitCode, Failure> {
    let inst = horaire::load_instance(instance).map_err(Failure::Input)?;
    let new_year = horaire::model::read_calendar(calendar).map_err(Failure::Input)?;
    let cal_file: CalendarFile =
        load::read_bytes(calendar).and_then(|b| load::parse_json(calendar, &b)).map_err(Failure::Input)?;
    let value: Value =
        load::read_bytes(instance).and_then(|b| load::parse_json(instance, &b)).map_err(Failure::Input)?;
    let sidecar = sidecar_of(target);
    for written in [target, sidecar.as_path()] {
        if same_file(written, instance) || same_file(written, calendar) {
            return Err(Failure::Usage(format!(
                "--out would overwrite an input ({}); choose another file",
                written.display()
            )));
        }
    }
    let dir = target.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|e| Failure::Output(dir.to_path_buf(), e))?;
    // The new calendar as the old one was given: a path (relative to the
    // new instance) or inline.
    let calendar_value = match value.get("calendar") {
        Some(Value::String(_)) => Value::String(relative_path(dir, calendar)),
        _ => serde_json::to_value(&cal_file).map_err(|e| Failure::Write(e.to_string()))?,
    };
    let rolled = horaire::rollover::rollover(&value, &inst.calendar, &new_year, calendar_value);
    if let Err(e) = horaire::rollover::validate(target, &rolled.instance, &cal_file, calendar) {
        out(&text(&rolled.summary, target, &sidecar, false));
        out("The instance moved to the new year would not validate (problems below); nothing was written.");
        return Err(Failure::Input(e));
    }
    write_json(target, &rolled.instance)?;
    write_json(&sidecar, &rolled.summary)?;
    out(&text(&rolled.summary, target, &sidecar, true));
    Ok(if rolled.summary.decisions.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

/// `NEXT.json` → `NEXT.rollover.json`.
fn sidecar_of(target: &Path) -> PathBuf {
    let stem = target.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    target.with_file_name(format!("{stem}.rollover.json"))
}

/// Whether two paths name the same existing file (or are the same path).
fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(x), Ok(y)) => x == y,
        _ => a == b,
    }
}

/// The path of `file` relative to directory `dir` (both made absolute
/// first), with `/` separators as instance files write them; the absolute
/// path when there is no relative one.
fn relative_path(dir: &Path, file: &Path) -> String {
    let (Ok(d), Ok(f)) = (dir.canonicalize(), file.canonicalize()) else {
        return file.to_string_lossy().into_owned();
    };
    let dc: Vec<Component<'_>> = d.components().collect();
    let fc: Vec<Component<'_>> = f.components().collect();
    let common = dc.iter().zip(&fc).take_while(|(a, b)| a == b).count();
    if common == 0 {
        return f.to_string_lossy().into_owned();
    }
    let mut parts: Vec<String> = vec!["..".to_string(); dc.len() - common];
    parts.extend(fc[common..].iter().map(|c| c.as_os_str().to_string_lossy().into_owned()));
    parts.join("/")
}

fn dates(d: &Dates) -> String {
    let show = |x: Option<chrono::NaiveDate>| x.map_or("…".to_string(), |d| d.to_string());
    format!("{} to {}", show(d.from), show(d.to))
}

/// The summary a planner reads.
fn text(s: &Summary, target: &Path, sidecar: &Path, written: bool) -> String {
    let mut t = format!(
        "{} → {}: {} dated entr{} moved by {} weeks (same week of the year, same weekday).\n",
        s.name[0],
        s.name[1],
        s.moved.len(),
        if s.moved.len() == 1 { "y" } else { "ies" },
        s.weeks
    );
    if s.decisions.is_empty() {
        t.push_str("Every date moved to a teaching day of the new year; nothing needs a decision.\n");
    } else {
        t.push_str(&format!("{} date(s) need a decision:\n", s.decisions.len()));
        for d in &s.decisions {
            t.push_str(&format!(
                "  - {} ({}): {} → {}: {}\n",
                d.what,
                d.path,
                dates(&d.before),
                dates(&d.after),
                d.reason
            ));
        }
    }
    if written {
        t.push_str(&format!("Written to {} and {}.", target.display(), sidecar.display()));
    }
    t
}
