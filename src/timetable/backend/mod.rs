//! The boundary between the formulation and the MIP solver: the
//! formulation builds a [`Built`] model with good_lp's types, knowing no
//! solver; a [`Backend`] runs it and answers in our own terms (an
//! [`Outcome`], a bound, the columns' values). HiGHS ([`highs::Highs`]) is
//! the one backend so far.

pub mod highs;

use super::Progress;
use super::config::{OptionValue, SolverConfig};
use super::formulation::Built;
use std::collections::BTreeMap;

/// What the solver achieved.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// Proven optimal within the configured gap.
    Optimal,
    /// A solution with this relative gap (time limit reached).
    Feasible {
        /// Relative gap.
        gap: f64,
    },
    /// The time limit passed before any solution was found.
    NoSolutionInTime,
    /// No solution exists.
    Infeasible,
    /// The solver failed (an internal error, with the solver's word for it).
    Error(String),
}

/// Limits and determinism settings for one run.
#[derive(Debug, Clone)]
pub struct RunSettings {
    /// Seconds.
    pub time_limit: f64,
    /// Relative gap.
    pub relative_gap: f64,
    /// Random seed.
    pub seed: u32,
    /// Branch-and-bound node limit, if any.
    pub node_limit: Option<u64>,
    /// A starting solution: a value for every column (helper columns may
    /// be left at 0; the solver completes them), or `None`.
    pub start: Option<Vec<f64>>,
    /// Solve the LP relaxation only (integrality dropped): its optimum is
    /// a lower bound on the objective of every timetable.
    pub relaxation: bool,
    /// Extra solver options by name, set after the others (see
    /// `highs_options` in [`super::config::ConfigFile`]).
    pub options: BTreeMap<String, OptionValue>,
}

impl RunSettings {
    /// The limits and settings of a config, without a starting solution.
    pub fn from_config(cfg: &SolverConfig) -> Self {
        RunSettings {
            time_limit: cfg.time_limit,
            relative_gap: cfg.relative_gap,
            seed: cfg.seed,
            node_limit: cfg.node_limit,
            start: None,
            relaxation: false,
            options: cfg.highs_options.clone(),
        }
    }
}

/// The answer of a run.
#[derive(Debug, Clone)]
pub struct RunResult {
    /// Outcome.
    pub outcome: Outcome,
    /// Value of every column (empty without a solution).
    pub values: Vec<f64>,
    /// Objective of the incumbent.
    pub objective: f64,
    /// Relative gap (0 when optimal).
    pub gap: f64,
    /// A lower bound on the objective of every solution (`-inf` when
    /// none is known): the MIP's dual bound, or the optimum of a
    /// relaxation.
    pub bound: f64,
    /// Wall-clock seconds in the solver.
    pub seconds: f64,
}

/// Where a backend sends its log lines, raw.
pub type Log<'a> = &'a (dyn Fn(&str) + Sync);

/// A MIP solver that runs the formulation's models.
pub trait Backend {
    /// Solves `model` within `settings`, passing the solver's log lines
    /// to `log` as they come.
    fn run(&self, model: Built, settings: &RunSettings, log: Log<'_>) -> RunResult;

    /// Passes on to `progress` the lines of the solver's log a planner
    /// cares about (the incumbent, bound and gap as they move, the final
    /// summary), in a form of its own.
    fn forward_log_line(&self, progress: Progress<'_>, line: &str);
}

/// The backend every run uses: HiGHS, the only one so far (`backend` in a
/// solver config must say `highs`).
pub const BACKEND: highs::Highs = highs::Highs;

/// Solves `model` on [`BACKEND`], passing its log lines to `log`.
pub fn run(model: Built, settings: &RunSettings, log: Log<'_>) -> RunResult {
    BACKEND.run(model, settings, log)
}
