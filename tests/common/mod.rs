//! Helpers shared by the end-to-end tests: run the `horaire` binary and
//! read its exit code and output.
// Each test file is its own crate and uses only some of these.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

/// The project root.
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A file under `tests/fixtures`.
pub fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures").join(name)
}

/// What a run of the binary gave.
pub struct Run {
    /// Exit code.
    pub code: i32,
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
}

/// Runs `horaire ARGS…`; fails the test if it was killed or panicked.
pub fn horaire(args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_horaire")).args(args).output().expect("the horaire binary runs");
    let run = Run {
        code: out.status.code().expect("exited normally, not killed by a signal"),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    };
    assert!(!run.stderr.contains("panicked"), "horaire panicked: {}", run.stderr);
    run
}

/// A path as a command-line argument.
pub fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}
