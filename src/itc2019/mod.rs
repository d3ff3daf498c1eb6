//! Adapter for the ITC2019 benchmark (university course timetabling with
//! student sectioning): the XML problem reader, the competition solution
//! format, an evaluator that counts every hard violation and the four soft
//! criteria as the competition does, and a solver.
//!
//! | file | role |
//! |---|---|
//! | `instance.rs` | typed problem (`Copy` ids), XML reading with located errors |
//! | `solution.rs` | the competition's solution XML, reading and writing |
//! | `rules.rs` | the definitions: distribution kinds, student conflicts |
//! | `cost.rs` | evaluator from scratch (hard violations, soft criteria) |
//! | `state.rs` | the solver's incremental timetable and sectioning |
//! | `search.rs` | construction, student sectioning, simulated annealing |
//! | `lns.rs` | groups of related classes re-optimised by sub-MIPs |
//! | `mip.rs` | the seam to HiGHS (through good_lp) |
//! | `solve.rs` | the driver: start, annealing cycles, sub-MIPs |
//! | `bench.rs` | the bench table against the best known costs |

pub mod bench;
pub mod cost;
pub mod instance;
mod lns;
mod mip;
pub mod rules;
mod search;
pub mod solution;
pub mod solve;
mod state;

pub use cost::{CostReport, Hard, evaluate};
pub use instance::{Instance, Located, XmlError, read_instance};
pub use solution::{Solution, read_solution};
pub use solve::{SolveOptions, SolveResult, solve};
