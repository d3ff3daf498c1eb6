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
    /// `optimal`, `feasible`, `infeasible` or `no_solution_in_time`.
    pub status: String,
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
