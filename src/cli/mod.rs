//! The `horaire` command line: the clap definitions ([`args`]), one
//! module per command, and the rendering of their results. Only this
//! module and `main.rs` print or read the environment.

mod args;
mod batch;
mod bench;
mod check;
mod explain;
mod export;
mod itc2007;
mod itc2019;
mod placements;
mod progress;
mod repair;
mod report;
mod rollover;
mod rooms;
mod solve;
mod synth;
mod validate;
mod workbook;

pub use args::Cli;
use args::*;
use horaire::model::LoadError;
use horaire::timetable::config::{SolverConfig, read_config};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// What went wrong, mapped to an exit code.
pub enum Failure {
    /// Bad input (exit 2): the problems are printed.
    Input(LoadError),
    /// A file could not be written (exit 2).
    Output(PathBuf, std::io::Error),
    /// An export could not be written (exit 2).
    Write(String),
    /// A command-line value is wrong (exit 2).
    Usage(String),
}

pub fn prefix_lines(s: &str) -> String {
    s.lines().map(|l| format!("horaire: {l}")).collect::<Vec<_>>().join("\n")
}

pub fn out(s: &str) {
    // A closed pipe (`horaire … | head`) is not an error.
    let _ = writeln!(std::io::stdout(), "{s}");
}

pub fn run(cli: Cli) -> Result<ExitCode, Failure> {
    progress::set_verbose(cli.verbose);
    match cli.command {
        Command::Validate { instance, json } => validate::validate(&instance, json),
        Command::Placements(cmd) => placements::placements(cmd),
        Command::Solve { instance, config, out, quiet, keep, like } => {
            solve::solve(&instance, config.as_deref(), &out, quiet, &keep, like.as_deref())
        }
        Command::Rollover { instance, calendar, out } => rollover::rollover(&instance, &calendar, &out),
        Command::Batch { dir, config } => batch::batch(&dir, config.as_deref()),
        Command::Bench { instances, config, markdown, faculty } => {
            bench::bench(instances, config.as_deref(), markdown, &faculty)
        }
        Command::BenchOne { instance, config, time_limit } => {
            bench::bench_one(&instance, config.as_deref(), time_limit)
        }
        Command::Explain { instance, config } => explain::explain(&instance, config.as_deref()),
        Command::Check { instance, timetable, json, placements, log, changes } => {
            check::check(&instance, &timetable, json, placements.as_deref(), log.as_deref(), changes.as_deref())
        }
        Command::Export { instance, timetable, format, placements, out, lang } => export::export(
            &instance,
            horaire::export::ExportRequest { timetable, placements, formats: format, out, lang },
        ),
        Command::Repair { instance, timetable, changes, out, config, quiet } => {
            repair::repair(&instance, &timetable, &changes, &out, config.as_deref(), quiet)
        }
        Command::Synth(cmd) => synth::synth(cmd),
        Command::Itc2007(cmd) => Ok(itc2007::run(cmd)),
        Command::Workbook(cmd) => workbook::workbook(cmd),
        Command::Report { kind, instance, timetable, format, out } => {
            report::report(kind, &instance, &timetable, format, out.as_deref())
        }
        Command::Rooms(RoomsCommand::Free { instance, timetable, site, date, start, end, capacity }) => {
            rooms::rooms_free(&instance, &timetable, &site, date, (start, end), capacity)
        }
        Command::Itc2019(cmd) => Ok(itc2019::itc2019(cmd)),
    }
}

pub fn solver_config(path: Option<&Path>) -> Result<SolverConfig, Failure> {
    match path {
        Some(p) => read_config(p).map_err(Failure::Input),
        None => Ok(SolverConfig::default()),
    }
}

pub fn write_json<T: serde::Serialize>(target: &Path, value: &T) -> Result<(), Failure> {
    let mut bytes = serde_json::to_vec_pretty(value).map_err(|e| Failure::Output(target.to_path_buf(), e.into()))?;
    bytes.push(b'\n');
    horaire::atomic::write_atomic(target, &bytes).map_err(|e| Failure::Output(target.to_path_buf(), e))
}

/// An aligned text table: first column left-aligned, the others right.
pub fn table<const N: usize>(header: &[&str; N], rows: &[[String; N]]) -> String {
    let mut width: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for r in rows {
        for (w, c) in width.iter_mut().zip(r) {
            *w = (*w).max(c.chars().count());
        }
    }
    let line = |cells: Vec<&str>| -> String {
        cells
            .iter()
            .enumerate()
            .map(|(i, c)| if i == 0 { format!("{c:<w$}", w = width[i]) } else { format!("{c:>w$}", w = width[i]) })
            .collect::<Vec<_>>()
            .join("  ")
            .trim_end()
            .to_string()
    };
    let mut s = line(header.to_vec());
    for r in rows {
        s.push('\n');
        s.push_str(&line(r.iter().map(|c| c.as_str()).collect()));
    }
    s
}
