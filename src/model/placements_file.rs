//! The placement plan file (`horaire-placements/1`), written by `horaire
//! placements plan` (and `status --json`) and read by the checker. Keys
//! and their order are those of FORMAT.md; plans are sorted by student id
//! and days by date.

use serde::{Deserialize, Serialize, Serializer};

/// The value of the `format` key of a placement plan file.
pub const PLACEMENTS_FORMAT: &str = "horaire-placements/1";

/// A placement plan file.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
pub struct PlacementsFile {
    /// Always [`PLACEMENTS_FORMAT`].
    pub format: String,
    /// One plan per student, sorted by student id.
    pub plans: Vec<PlanFile>,
}

/// The plan of one student.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
pub struct PlanFile {
    /// Student id.
    pub student: String,
    /// Requirement id.
    pub requirement: String,
    /// Host id (`null` when no host could be allocated).
    pub host: Option<String>,
    /// The requirement's quota in hours.
    #[serde(serialize_with = "hours")]
    pub quota_hours: f64,
    /// Hours already logged (validated or not).
    #[serde(serialize_with = "hours")]
    pub logged_hours: f64,
    /// Hours this plan schedules (the sum of `days[].hours`).
    #[serde(serialize_with = "hours")]
    pub planned_hours: f64,
    /// `done`, `on_track`, `at_risk` or `cannot_finish`.
    pub status: String,
    /// Extension: validated hours among `logged_hours` (written by
    /// `status --json`).
    #[serde(default, skip_serializing_if = "Option::is_none", serialize_with = "opt_hours")]
    pub validated_hours: Option<f64>,
    /// Extension: the most hours the days left before the deadline can
    /// hold.
    #[serde(default, skip_serializing_if = "Option::is_none", serialize_with = "opt_hours")]
    pub fits_hours: Option<f64>,
    /// Extension: hours that cannot be placed before the deadline (only
    /// with `cannot_finish`).
    #[serde(default, skip_serializing_if = "Option::is_none", serialize_with = "opt_hours")]
    pub missing_hours: Option<f64>,
    /// Extension: why the student has no host.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Placement days, sorted by date.
    pub days: Vec<PlanDayFile>,
}

/// One placement day.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
pub struct PlanDayFile {
    /// `YYYY-MM-DD`.
    pub date: String,
    /// `HH:MM`.
    pub start: String,
    /// `HH:MM`.
    pub end: String,
    /// `end - start` in hours.
    #[serde(serialize_with = "hours")]
    pub hours: f64,
}

/// Writes whole hours as integers (`300`, not `300.0`), others as decimals.
fn hours<S: Serializer>(h: &f64, s: S) -> Result<S::Ok, S::Error> {
    if h.fract() == 0.0 && h.abs() < 1e15 { s.serialize_i64(*h as i64) } else { s.serialize_f64(*h) }
}

fn opt_hours<S: Serializer>(h: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match h {
        Some(h) => hours(h, s),
        None => s.serialize_none(),
    }
}
