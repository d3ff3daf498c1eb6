//! Located input problems and load errors.

use serde::Serialize;
use std::fmt;
use std::path::{Path, PathBuf};

/// One problem in an input file: where it is and what was expected.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// The file.
    pub file: PathBuf,
    /// The JSON path inside it (`ues[3].activities[0].teachers[1]`), or a
    /// CSV line (`line 7`); empty for the whole file.
    pub path: String,
    /// What is wrong and what was expected.
    pub message: String,
}

impl Problem {
    /// A problem at `path` of `file`.
    pub fn new(file: &Path, path: impl Into<String>, message: impl Into<String>) -> Self {
        Problem { file: file.to_path_buf(), path: path.into(), message: message.into() }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "{}: {}", self.file.display(), self.message)
        } else {
            write!(f, "{}: {}: {}", self.file.display(), self.path, self.message)
        }
    }
}

/// Why an input file could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The file could not be read.
    #[error("{}: cannot read: {source}", file.display())]
    Io {
        /// The file.
        file: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// The file was read but is not a valid input; every problem found.
    #[error("{}", render_problems(.0))]
    Invalid(Vec<Problem>),
}

impl LoadError {
    /// The problems, for machine output (an I/O error is one problem).
    pub fn problems(&self) -> Vec<Problem> {
        match self {
            LoadError::Io { file, source } => vec![Problem::new(file, "", format!("cannot read: {source}"))],
            LoadError::Invalid(p) => p.clone(),
        }
    }
}

fn render_problems(problems: &[Problem]) -> String {
    let mut s = String::new();
    for (i, p) in problems.iter().enumerate() {
        if i > 0 {
            s.push('\n');
        }
        s.push_str(&p.to_string());
    }
    s
}
