//! Placements: host allocation, hour plans around classes, and tracking of
//! logged hours.
//!
//! | file | role |
//! |---|---|
//! | [`log`] | the `student,date,hours,validated` CSV, every mistake located |
//! | [`classes`] | class meetings of a timetable, by date |
//! | [`days`] | the candidate days of a student at a host |
//! | [`inputs`] | reading timetable, log and plan files for a command |
//! | [`spread`] | an exact, even spread of minutes over candidate days |
//! | [`allocate`] | hosts for students without one (good_lp + HiGHS) |
//! | [`plan`] | per-student outcome: what fits, re-plan, status |
//! | [`output`] | the `horaire-placements/1` file, the status table |
//! | [`verify`] | an independent verifier of placement plans |
//! | [`synth`] | a deterministic synthetic workload for benchmarks |

pub mod allocate;
pub mod classes;
pub mod days;
pub mod inputs;
pub mod log;
pub mod output;
pub mod plan;
pub mod planning;
pub mod spread;
pub mod synth;
pub mod verify;

pub use plan::{Options, Outcome, Status, plan_all};
