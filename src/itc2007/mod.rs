//! Adapter for the ITC2007 track 3 benchmark (curriculum-based course
//! timetabling, CB-CTT): the `.ctt` reader, the competition solution
//! format, an independent evaluator of the UD2 cost, and a solver
//! (constructive start, then local search and large-neighbourhood search
//! whose sub-problems are small MIPs solved by HiGHS through good_lp).
//!
//! | file | role |
//! |---|---|
//! | `instance.rs` | typed instance, `.ctt` parsing with located errors |
//! | `solution.rs` | `course room day period` lines |
//! | `cost.rs` | evaluator from scratch (hard violations, UD2 soft costs) |
//! | `state.rs` | the solver's incremental timetable |
//! | `search.rs` | greedy start, ejection repair, simulated annealing |
//! | `lns.rs` | day-neighbourhood sub-MIPs solved by HiGHS |
//! | `solve.rs` | the driver: start, annealing cycles, MIP steps |
//! | `cli.rs` | the `horaire itc2007 …` subcommands |

pub mod bench;
pub mod cost;
pub mod instance;
mod lns;
mod search;
pub mod solution;
pub mod solve;
pub(crate) mod state;

pub use cost::{CostReport, evaluate};
pub use instance::{CttError, Instance, LineProblem, read_instance};
pub use solution::{Assignment, Solution, read_solution};
