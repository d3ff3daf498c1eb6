//! The `horaire itc2007` subcommands: argument types (clap) and handlers.
//! `main.rs` only forwards to [`run`].

use super::cost::evaluate;
use super::instance::{CttError, read_instance};
use super::solution::read_solution;
use clap::Subcommand;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// The `itc2007` subcommands.
#[derive(Subcommand, Debug)]
pub enum Itc2007Command {
    /// Evaluate a solution: hard violations and each UD2 soft cost.
    Cost {
        /// The instance (`.ctt`).
        instance: PathBuf,
        /// The solution (`course room day period` per line).
        solution: PathBuf,
    },
}

fn err_out(e: &CttError) -> ExitCode {
    let text = e.to_string();
    let mut stderr = std::io::stderr();
    for l in text.lines() {
        let _ = writeln!(stderr, "horaire: {l}");
    }
    ExitCode::from(2)
}

fn out(s: &str) {
    let _ = writeln!(std::io::stdout(), "{s}");
}

/// Runs one subcommand; returns the process exit code (0 success, 1 hard
/// violations in an evaluated solution, 2 bad input).
pub fn run(cmd: Itc2007Command) -> ExitCode {
    match cmd {
        Itc2007Command::Cost { instance, solution } => {
            let inst = match read_instance(&instance) {
                Ok(i) => i,
                Err(e) => return err_out(&e),
            };
            let sol = match read_solution(&inst, &solution) {
                Ok(s) => s,
                Err(e) => return err_out(&e),
            };
            let r = evaluate(&inst, &sol);
            out(&r.render());
            if r.hard() == 0 { ExitCode::SUCCESS } else { ExitCode::from(1) }
        }
    }
}
