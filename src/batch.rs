//! `horaire batch`: every instance of a folder solved in turn, each
//! timetable written next to its instance as `NAME.timetable.json`.

use crate::model::timetable::SolveStatus;
use crate::model::{LoadError, Problem};
use crate::timetable::config::SolverConfig;
use crate::timetable::{self, SolveFailure};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// How one instance of the folder ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// The instance does not load.
    Invalid,
    /// A timetable was written (optimal or feasible).
    Solved(SolveStatus),
    /// No timetable: infeasible or no solution in time.
    Failed(SolveStatus),
    /// The solver itself failed.
    Error,
}

impl Status {
    /// The word of the table: `invalid`, a [`SolveStatus`], or `error`.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Invalid => "invalid",
            Status::Solved(s) | Status::Failed(s) => s.as_str(),
            Status::Error => "error",
        }
    }
}

/// One line of the batch table.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// The instance file's stem.
    pub name: String,
    /// How it ended.
    pub status: Status,
    /// Objective and relative gap, when solved.
    pub solved: Option<(f64, f64)>,
    /// Seconds of the solve (none for an invalid instance).
    pub seconds: Option<f64>,
}

/// What the batch tells its caller as it goes.
#[derive(Debug)]
pub enum Event<'a> {
    /// An instance does not load (the row says `invalid`).
    Invalid(&'a Path, &'a LoadError),
    /// An instance is about to be solved.
    Solving(&'a Path),
}

/// The instances of a folder: `*.json` files, not `*.timetable.json`, by name.
pub fn instance_files(dir: &Path) -> Result<Vec<PathBuf>, LoadError> {
    let entries = std::fs::read_dir(dir)
        .map_err(|e| LoadError::Invalid(vec![Problem::new(dir, "", format!("cannot list the directory: {e}"))]))?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            let name = p.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
            p.is_file() && name.ends_with(".json") && !name.ends_with(".timetable.json")
        })
        .collect();
    files.sort();
    Ok(files)
}

/// Where the timetable of an instance goes: `NAME.timetable.json` beside it.
pub fn timetable_path(instance: &Path) -> PathBuf {
    instance.with_file_name(format!("{}.timetable.json", stem(instance)))
}

fn stem(path: &Path) -> String {
    path.file_stem().map(|n| n.to_string_lossy().to_string()).unwrap_or_default()
}

/// The status a failed solve is listed with.
pub fn failure_status(f: &SolveFailure) -> Status {
    match f {
        SolveFailure::NoPattern(..) | SolveFailure::Infeasible(_) | SolveFailure::GridTooSmall(_) => {
            Status::Failed(SolveStatus::Infeasible)
        }
        SolveFailure::NoSolutionInTime(_) => Status::Failed(SolveStatus::NoSolutionInTime),
        SolveFailure::Solver(_) => Status::Error,
    }
}

/// Solves each file in turn and writes each timetable (whole or not at
/// all). Stops at the first timetable that cannot be written: the file
/// and the error.
pub fn run(
    files: &[PathBuf],
    cfg: &SolverConfig,
    events: &mut dyn FnMut(Event<'_>),
) -> Result<Vec<Row>, (PathBuf, std::io::Error)> {
    let mut rows = Vec::new();
    for path in files {
        let name = stem(path);
        let inst = match crate::load_instance(path) {
            Ok(i) => i,
            Err(e) => {
                events(Event::Invalid(path, &e));
                rows.push(Row { name, status: Status::Invalid, solved: None, seconds: None });
                continue;
            }
        };
        events(Event::Solving(path));
        let started = Instant::now();
        let quiet = |_: &str| {};
        let result = timetable::solve(&inst, cfg, &quiet);
        let seconds = Some(started.elapsed().as_secs_f64());
        match result {
            Ok(solved) => {
                let target = timetable_path(path);
                let mut bytes = serde_json::to_vec_pretty(&solved.timetable).map_err(|e| (target.clone(), e.into()))?;
                bytes.push(b'\n');
                crate::atomic::write_atomic(&target, &bytes).map_err(|e| (target.clone(), e))?;
                let r = solved.timetable.report.clone().unwrap_or_default();
                rows.push(Row { name, status: Status::Solved(r.status), solved: Some((r.objective, r.gap)), seconds });
            }
            Err(f) => rows.push(Row { name, status: failure_status(&f), solved: None, seconds }),
        }
    }
    Ok(rows)
}
