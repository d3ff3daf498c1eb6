//! The `horaire` command line: parse, call the library, print, map to an
//! exit code (0 success, 1 infeasible or violations, 2 bad input or usage).

mod cli;

use clap::Parser;
use cli::{Failure, prefix_lines};
use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args = cli::Cli::parse();
    match cli::run(args) {
        Ok(code) => code,
        Err(Failure::Input(e)) => {
            let _ = writeln!(std::io::stderr(), "{}", prefix_lines(&e.to_string()));
            ExitCode::from(2)
        }
        Err(Failure::Output(path, e)) => {
            let _ = writeln!(std::io::stderr(), "horaire: cannot write {}: {e}", path.display());
            ExitCode::from(2)
        }
        Err(Failure::Write(msg) | Failure::Usage(msg)) => {
            let _ = writeln!(std::io::stderr(), "{}", prefix_lines(&msg));
            ExitCode::from(2)
        }
    }
}
