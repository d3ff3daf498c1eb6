//! Showing the library's progress lines (see `horaire::progress`) on
//! stderr: on a terminal, one live status line (elapsed time, phase,
//! best objective, bound) with the notes printed above it; elsewhere
//! (a pipe, a log file, CI) plain timestamped lines. The solver's raw
//! log is shown only with `--verbose`.

use horaire::progress::Message;
use indicatif::{ProgressBar, ProgressStyle};
use std::io::{IsTerminal, Write};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

static VERBOSE: OnceLock<bool> = OnceLock::new();

/// Sets, once for the run, whether the solver's raw log is shown.
pub fn set_verbose(verbose: bool) {
    let _ = VERBOSE.set(verbose);
}

/// Whether `--verbose` was given.
pub fn verbose() -> bool {
    VERBOSE.get().copied().unwrap_or(false)
}

/// What the status line shows.
#[derive(Default)]
struct Status {
    phase: String,
    objective: Option<f64>,
    bound: Option<f64>,
}

impl Status {
    /// The numbers first: a narrow terminal cuts the end of the line.
    fn line(&self) -> String {
        let mut s = String::new();
        if let Some(o) = self.objective {
            s.push_str(&format!("best {o:.2} · "));
        }
        if let Some(b) = self.bound {
            s.push_str(&format!("bound {b:.2} · "));
        }
        s.push_str(&self.phase);
        s
    }
}

/// Shows one command's progress on stderr.
pub struct Reporter {
    quiet: bool,
    verbose: bool,
    started: Instant,
    bar: Option<ProgressBar>,
    status: Mutex<Status>,
}

impl Reporter {
    /// A reporter that shows nothing when `quiet`, a live status line
    /// when stderr is a terminal, plain lines otherwise.
    pub fn new(quiet: bool) -> Reporter {
        let bar = (!quiet && std::io::stderr().is_terminal()).then(|| {
            let bar = ProgressBar::new_spinner();
            if let Ok(style) = ProgressStyle::with_template("{spinner} [{elapsed_precise}] {wide_msg}") {
                bar.set_style(style);
            }
            bar.enable_steady_tick(Duration::from_millis(200));
            bar
        });
        Reporter { quiet, verbose: verbose(), started: Instant::now(), bar, status: Mutex::new(Status::default()) }
    }

    /// Shows one progress line.
    pub fn line(&self, line: &str) {
        if self.quiet {
            return;
        }
        let message = Message::of(line);
        if matches!(message, Message::Solver(_)) && !self.verbose {
            return;
        }
        let Some(bar) = &self.bar else {
            let _ = writeln!(std::io::stderr(), "[{:6.1} s] {line}", self.started.elapsed().as_secs_f64());
            return;
        };
        let Ok(mut status) = self.status.lock() else { return };
        match message {
            Message::Phase(text) => {
                status.phase = text.to_string();
                bar.println(format!("[{:6.1} s] {line}", self.started.elapsed().as_secs_f64()));
            }
            Message::Solver(_) => bar.println(line),
            Message::Note { line, objective, bound } => {
                status.objective = objective.or(status.objective);
                status.bound = bound.or(status.bound);
                bar.println(format!("[{:6.1} s] {line}", self.started.elapsed().as_secs_f64()));
            }
        }
        bar.set_message(status.line());
    }
}

impl Drop for Reporter {
    fn drop(&mut self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
