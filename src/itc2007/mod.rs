//! Adapter for the ITC2007 track 3 benchmark (curriculum-based course
//! timetabling, CB-CTT): the `.ctt` reader, the competition solution
//! format, an independent evaluator of the UD2 cost, and a solver
//! (constructive start, then local search and large-neighbourhood search
//! whose sub-problems are small MIPs solved by HiGHS through good_lp).
//!
//! | file | role |
//! |---|---|
//! | `instance.rs` | typed instance, `.ctt` parsing with located errors |
//! | `solution.rs` | `course room day period` lines, atomic writing |
//! | `cost.rs` | evaluator from scratch (hard violations, UD2 soft costs) |
//! | `state.rs` | the solver's incremental timetable |
//! | `cli.rs` | the `horaire itc2007 …` subcommands |

pub mod cli;
pub mod cost;
pub mod instance;
pub mod solution;
#[allow(dead_code)]
pub(crate) mod state;

pub use cost::{CostReport, evaluate};
pub use instance::{CttError, Instance, LineProblem, read_instance};
pub use solution::{Assignment, Solution, read_solution};
