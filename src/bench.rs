//! Benchmark support: one measured solve per instance, run in a child
//! process so that each instance's peak memory is its own.
//!
//! `horaire bench` re-runs the executable with the hidden `bench-one`
//! command for every instance; the child solves, measures and prints one
//! [`BenchRow`] as JSON; the parent prints the table.

use crate::model::timetable::SolveStatus;
use crate::timetable::config::SolverConfig;
use crate::timetable::{self, SolveFailure};
use serde::{Deserialize, Serialize};
use std::path::Path;
use std::time::Instant;

/// The measurements of one instance.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct BenchRow {
    /// Instance file stem.
    pub instance: String,
    /// `optimal`, `feasible`, `infeasible`, `no_solution_in_time`, `error`,
    /// `invalid`, or `rejected` (a timetable the independent checker finds
    /// a violation in).
    pub status: String,
    /// Objective (weighted soft costs), when solved.
    pub objective: Option<f64>,
    /// Relative gap, when solved.
    pub gap: Option<f64>,
    /// Seconds to load and validate the instance.
    pub load_seconds: f64,
    /// Seconds to generate patterns and build the model.
    pub build_seconds: f64,
    /// Seconds in HiGHS.
    pub solve_seconds: f64,
    /// Candidate patterns.
    pub patterns: usize,
    /// Variables.
    pub variables: usize,
    /// Rows.
    pub rows: usize,
    /// Non-zeros.
    pub nonzeros: usize,
    /// Peak resident memory of the process, MiB.
    pub peak_mib: f64,
    /// Seconds to the first timetable (the programme-by-programme start),
    /// when there was one.
    #[serde(default)]
    pub first_feasible_seconds: Option<f64>,
}

/// Loads and solves one instance, measuring each phase.
pub fn measure(path: &Path, cfg: &SolverConfig) -> BenchRow {
    let mut row = BenchRow {
        instance: path.file_stem().map(|s| s.to_string_lossy().to_string()).unwrap_or_default(),
        ..BenchRow::default()
    };
    let t0 = Instant::now();
    let inst = match crate::load_instance(path) {
        Ok(i) => i,
        Err(_) => {
            row.status = "invalid".into();
            return row;
        }
    };
    row.load_seconds = t0.elapsed().as_secs_f64();
    // The moment the solver says it has a first timetable.
    let solve_clock = Instant::now();
    let first = std::sync::Mutex::new(None);
    let watch = |line: &str| {
        if line.starts_with(timetable::FIRST_TIMETABLE) {
            if let Ok(mut f) = first.lock() {
                f.get_or_insert(solve_clock.elapsed().as_secs_f64());
            }
        }
    };
    let stats = match timetable::solve(&inst, cfg, &watch) {
        Ok(solved) => {
            if let Some(r) = &solved.timetable.report {
                row.status = r.status.to_string();
                row.objective = Some(r.objective);
                row.gap = Some(r.gap);
            }
            // Every timetable measured is one the checker accepts.
            if !crate::check::check_timetable(&inst, &solved.timetable).is_empty() {
                row.status = "rejected".into();
            }
            solved.stats
        }
        Err(SolveFailure::NoPattern(_, s)) | Err(SolveFailure::Infeasible(s)) => {
            row.status = SolveStatus::Infeasible.to_string();
            s
        }
        Err(SolveFailure::NoSolutionInTime(s)) => {
            row.status = SolveStatus::NoSolutionInTime.to_string();
            s
        }
        Err(SolveFailure::GridTooSmall(_)) => {
            row.status = SolveStatus::Infeasible.to_string();
            Default::default()
        }
        Err(SolveFailure::Solver(_)) => {
            row.status = "error".into();
            Default::default()
        }
    };
    row.build_seconds = stats.build_seconds;
    row.first_feasible_seconds = first.into_inner().unwrap_or(None);
    row.solve_seconds = stats.solve_seconds;
    row.patterns = stats.size.patterns;
    row.variables = stats.size.variables;
    row.rows = stats.size.rows;
    row.nonzeros = stats.size.nonzeros;
    row.peak_mib = peak_rss_kib().map(|k| k as f64 / 1024.0).unwrap_or(0.0);
    row
}

/// Peak resident set size of this process (Linux `VmHWM`), KiB.
pub fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn peak_memory_is_read_on_linux() {
        let kib = peak_rss_kib().expect("VmHWM on Linux");
        assert!(kib > 100, "a running test process uses more than 100 KiB, got {kib}");
    }
}
