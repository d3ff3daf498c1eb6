//! The placement planning of `horaire placements plan` and `status`, from
//! the files: read the inputs, allocate hosts, plan each student's hours.

use super::allocate::{AllocationError, OverCapacity, allocate, fixed_over_capacity};
use super::plan::{self, Logged};
use super::{Options, Outcome, inputs};
use crate::model::{Instance, LoadError};
use std::path::Path;
use std::time::Instant;

/// What planning produced.
#[derive(Debug)]
pub struct Planned {
    /// Hosts given more students than they take by the instance itself
    /// (warnings: the plan goes on).
    pub over_capacity: Vec<OverCapacity>,
    /// One outcome per student, or why no allocation of hosts exists.
    pub outcomes: Result<Vec<Outcome>, AllocationError>,
    /// Seconds spent allocating hosts.
    pub allocation_seconds: f64,
    /// Seconds spent planning the hours (0 when allocation failed).
    pub plan_seconds: f64,
}

/// Reads the timetable and hours log of `inst` (either may be absent),
/// allocates hosts and plans every student's hours as of `as_of`.
pub fn plan_files(
    inst: &Instance,
    timetable: Option<&Path>,
    log: Option<&Path>,
    as_of: Option<chrono::NaiveDate>,
) -> Result<Planned, LoadError> {
    let inputs = inputs::read_inputs(inst, timetable, log, as_of)?;
    let over_capacity = fixed_over_capacity(inst);
    let t0 = Instant::now();
    let logged = Logged::new(&inputs.log, inst.placements.students.len());
    let opts = Options { as_of };
    let fits = |s, h| plan::fits_at(inst, &inputs.classes, &logged, opts, s, h);
    let alloc = allocate(inst, fits);
    let allocation_seconds = t0.elapsed().as_secs_f64();
    let t1 = Instant::now();
    let outcomes = alloc.map(|a| plan::plan_with(inst, &inputs.classes, &logged, opts, &a));
    let plan_seconds = if outcomes.is_ok() { t1.elapsed().as_secs_f64() } else { 0.0 };
    Ok(Planned { over_capacity, outcomes, allocation_seconds, plan_seconds })
}
