//! # horaire
//!
//! Builds the year's timetable of part-time master's programmes (evening
//! and Saturday slots across several sites) and plans and tracks their
//! students' placement hours.
//!
//! Data flows one way:
//!
//! | module | role |
//! |---|---|
//! | [`model`] | instance types, JSON files (change files too), validation with located errors |
//! | [`calendar`] | academic year, closures, slot templates → calendar slots |
//! | [`feasibility`] | counting checks with no solver, as typed shortfalls |
//! | [`timetable`] | meeting patterns, the good_lp model on HiGHS, room assignment |
//! | [`explain`] | infeasibility diagnosis in a planner's words |
//! | [`batch`] | every instance of a folder solved, for `horaire batch` |
//! | [`bench`] | measured solves for `horaire bench` |
//! | [`atomic`] | result files written whole or not at all |
//! | [`rng`] | the seeded pseudo-random step (SplitMix64) |
//! | [`check`] | the independent checker: every violated rule of a timetable |
//! | [`export`] | iCalendar, CSV and a static HTML site from a timetable |
//! | [`placement`] | hours log, host allocation, placement hour plans |
//! | [`repair`] | minimal-perturbation re-solve after a change file, timetable diffs |
//! | [`rollover`] | an instance moved to the next academic year; last year's slots as a wish |
//! | [`workbook`] | the planner's workbook: template, instance ⇄ `.xlsx`/`.ods` |
//! | [`report`] | service hours, room occupancy, cohort load, competences: data, then text, CSV, HTML, xlsx |
//! | [`itc2007`] | ITC2007 CB-CTT benchmark adapter: `.ctt` reader, UD2 cost, solver |
//! | [`synth`] | generated faculties of many programmes, with a conflict-free witness timetable |
//! | [`itc2019`] | ITC2019 benchmark adapter: XML reader, competition cost, solver |
//!
//! The command line (`src/main.rs`, `src/cli/`, part of the binary) parses,
//! calls into these modules and prints their results.

#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod atomic;
pub mod batch;
pub mod bench;
pub mod calendar;
pub mod check;
pub mod explain;
pub mod export;
pub mod feasibility;
pub mod itc2007;
pub mod itc2019;
pub mod model;
pub mod placement;
pub mod progress;
pub mod repair;
pub mod report;
pub mod rng;
pub mod rollover;
pub mod synth;
pub mod timetable;
pub mod workbook;

use model::{Instance, LoadError};
use std::path::Path;

/// Reads an instance, validates it, and runs the checks that need the
/// calendar (an activity whose teachers are never available). Every
/// problem is reported at once.
pub fn load_instance(path: &Path) -> Result<Instance, LoadError> {
    let inst = model::read_instance(path)?;
    let problems = calendar::availability_problems(&inst);
    if problems.is_empty() { Ok(inst) } else { Err(LoadError::Invalid(problems)) }
}
