//! Repairing a published timetable after a change (`horaire repair`) with
//! minimal perturbation.
//!
//! Every meeting dated before the change file's `from` is kept exactly.
//! Each activity's remaining hours get candidate patterns on dates from
//! `from` on: the old future meetings that are still possible, completed by
//! regular runs of new meetings on one slot template, and the ordinary
//! regular patterns as a fallback. For an activity alternating between two
//! sites, whose sites follow from the meetings' ranks, the new meetings are
//! also placed between the kept ones so that every kept meeting keeps its
//! site (an odd number where lost meetings left two kept ones at the same
//! site side by side, pairs elsewhere). The solver's own model
//! ([`crate::timetable::formulation::build`]) holds the hard rules; this module
//! adds a penalty per old future meeting that is not reproduced and per new
//! meeting (weight [`CHANGE_WEIGHT`], far above the soft costs), and room
//! rows for closed rooms. Activities the change does not touch first keep
//! their meetings as the only candidate; when that is infeasible, every
//! activity gets the full candidate list.
//!
//! Rooms are assigned afterwards, the old room first, and the meetings the
//! old timetable already had choose before the new ones.

pub mod diff;
mod plan;

pub use diff::{Diff, diff};
pub use plan::{RepairFailure, Repaired, repair};

/// Objective weight of one meeting that differs from the old timetable
/// (an old future meeting not reproduced, or a new one).
pub const CHANGE_WEIGHT: f64 = 100.0;
