//! The timetable file (`horaire-timetable/1`), written by `horaire solve`
//! and read by `horaire check`, `export` and `repair`. Field order is the
//! order of FORMAT.md; meetings are sorted by date, start, activity.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The value of the `format` key of a timetable file.
pub const TIMETABLE_FORMAT: &str = "horaire-timetable/1";

/// A timetable file.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
pub struct TimetableFile {
    /// Always [`TIMETABLE_FORMAT`].
    pub format: String,
    /// The instance's name.
    pub instance: String,
    /// Every meeting.
    pub meetings: Vec<MeetingFile>,
    /// How it was obtained (absent in a hand-written timetable).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub report: Option<ReportFile>,
}

/// One meeting of an activity.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct MeetingFile {
    /// Activity id.
    pub activity: String,
    /// UE code.
    pub ue: String,
    /// `YYYY-MM-DD`.
    pub date: String,
    /// `HH:MM`.
    pub start: String,
    /// `HH:MM`.
    pub end: String,
    /// Site id.
    pub site: String,
    /// Room id.
    pub room: String,
    /// Teacher ids.
    #[serde(default)]
    pub teachers: Vec<String>,
    /// Cohort ids.
    #[serde(default)]
    pub cohorts: Vec<String>,
}

/// The solve report.
#[derive(Debug, Clone, PartialEq, Default, Deserialize, Serialize)]
pub struct ReportFile {
    /// How far the solver got.
    pub status: SolveStatus,
    /// Objective value (weighted soft costs).
    pub objective: f64,
    /// Relative gap between objective and bound.
    pub gap: f64,
    /// Wall-clock seconds of the solve.
    pub seconds: f64,
    /// Each kind of soft cost, weighted as in the objective.
    #[serde(default)]
    pub costs: BTreeMap<String, f64>,
    /// The size of the model that was solved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model: Option<ModelSizeFile>,
}

/// How far a solve got, written `optimal`, `feasible`, `infeasible` or
/// `no_solution_in_time`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SolveStatus {
    /// Proven the best within the configured gap.
    #[default]
    Optimal,
    /// A timetable, not proven the best in the time allowed.
    Feasible,
    /// No timetable meets every requirement.
    Infeasible,
    /// The time limit passed before any timetable was found.
    NoSolutionInTime,
}

impl SolveStatus {
    /// The word written in the file.
    pub fn as_str(self) -> &'static str {
        match self {
            SolveStatus::Optimal => "optimal",
            SolveStatus::Feasible => "feasible",
            SolveStatus::Infeasible => "infeasible",
            SolveStatus::NoSolutionInTime => "no_solution_in_time",
        }
    }
}

impl std::fmt::Display for SolveStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A report value (the objective, a cost) to three decimals, with `-0`
/// written as `0`.
pub fn round3(v: f64) -> f64 {
    let r = (v * 1e3).round() / 1e3;
    if r == 0.0 { 0.0 } else { r }
}

/// The size of a solved model (deterministic for an instance and config).
#[derive(Debug, Clone, PartialEq, Default, Deserialize, Serialize)]
pub struct ModelSizeFile {
    /// Candidate meeting patterns (binary variables).
    pub patterns: usize,
    /// All variables.
    pub variables: usize,
    /// Rows.
    pub rows: usize,
    /// Non-zero coefficients.
    pub nonzeros: usize,
    /// Candidate patterns generated for each activity (activity id → count).
    #[serde(default)]
    pub patterns_per_activity: BTreeMap<String, usize>,
}
