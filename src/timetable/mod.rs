//! The timetable solver, as a pipeline: meeting patterns
//! ([`patterns`]), a first timetable programme by programme ([`start`]),
//! the model ([`formulation`], knowing no solver), the phases that improve
//! the timetable and bound its cost (`search`, their time as `budget`
//! decides, the bounds by parts in [`bound`] and [`weekly`]), the full
//! model on the [`backend`], room assignment ([`rooms`]) and the
//! `horaire-timetable/1` file (`result`).

pub mod backend;
pub mod bound;
mod budget;
pub mod config;
pub mod formulation;
pub mod patterns;
mod result;
pub mod rooms;
mod search;
pub mod start;
mod util;
pub mod weekly;

pub use result::{meeting_file, sort_meetings};

use crate::model::timetable::{ModelSizeFile, TimetableFile};
use crate::model::{ActivityId, Instance};
use config::SolverConfig;
use patterns::NoPattern;
use result::{Answer, CostTerms};
use search::Run;
use std::time::Instant;

pub use crate::progress::Progress;

/// How the progress line that says a first timetable was found begins.
pub const FIRST_TIMETABLE: &str = "start: a first timetable";

/// Model size and timings of a solve.
#[derive(Debug, Clone, Default)]
pub struct SolveStats {
    /// Patterns per activity (activity id, count), in instance order.
    pub patterns_per_activity: Vec<(String, usize)>,
    /// Model size.
    pub size: ModelSizeFile,
    /// Seconds to generate patterns and build the model.
    pub build_seconds: f64,
    /// Seconds in the MIP solver.
    pub solve_seconds: f64,
}

/// A solved timetable.
#[derive(Debug, Clone)]
pub struct Solved {
    /// The file to write.
    pub timetable: TimetableFile,
    /// Sizes and timings.
    pub stats: SolveStats,
}

/// Why no timetable came out.
#[derive(Debug, Clone)]
pub enum SolveFailure {
    /// A counting check failed: some cohort, teacher or site needs more
    /// meetings than its slots or rooms can hold (see
    /// [`crate::feasibility`]).
    GridTooSmall(Vec<crate::feasibility::Shortfall>),
    /// Some activities have no way to meet at all.
    NoPattern(Vec<(ActivityId, NoPattern)>, SolveStats),
    /// The requirements cannot all hold together.
    Infeasible(SolveStats),
    /// The time limit passed without any timetable.
    NoSolutionInTime(SolveStats),
    /// The solver failed.
    Solver(String),
}

/// Generates patterns, builds and solves the model, assigns rooms: the
/// phases of `search` in order, their time as `budget` decides.
pub fn solve(inst: &Instance, cfg: &SolverConfig, progress: Progress<'_>) -> Result<Solved, SolveFailure> {
    let t0 = Instant::now();
    let counted = crate::feasibility::shortfalls(inst);
    if !counted.is_empty() {
        return Err(SolveFailure::GridTooSmall(counted));
    }
    let (set, mut stats) = search::generate_patterns(inst, t0, progress)?;
    progress("phase: building the model");
    let start_clock = Instant::now();
    let start = search::first_timetable(inst, &set, cfg, progress);
    let start_seconds = start_clock.elapsed().as_secs_f64();
    let built = search::build_model(inst, &set, cfg, &mut stats, t0, start_seconds, progress);
    let column: Vec<usize> = built.pattern_columns();
    let costs = CostTerms::of(&built);
    let run = Run { inst, set: &set, cfg, t0, progress };
    let improved = start.map(|chosen| search::improve_and_bound(run, stats.size.nonzeros, &costs, chosen));
    let (mut answer, bound) = search::full_model(run, built, improved);
    result::measure_gap(&mut answer, bound, cfg);
    stats.solve_seconds = start_clock.elapsed().as_secs_f64();
    let (status, stats) = result::status_of(&answer.outcome, stats)?;
    let answer = Answer { result: &answer, column: &column, costs: &costs, status };
    result::timetable_of(inst, &set, answer, stats, progress)
}
