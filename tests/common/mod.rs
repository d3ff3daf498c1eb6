//! The one harness of the end-to-end tests: run the `horaire` binary with
//! some arguments (and input files written for the run), then check its
//! exit code and output. Also: fixture paths, temporary directories, JSON
//! files, solver configs, and the independent checker on a solver's output.
//!
//! ```ignore
//! horaire(["validate", "--json"]).json_file("instance.json", &v).expect_code(2).stdout_contains("sites[0]");
//! ```
// Each test file is its own crate and uses only some of these.
#![allow(dead_code)]

use serde_json::Value;
use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};
use std::process::Command;
use tempfile::TempDir;

/// The project root.
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A file under `tests/fixtures` (`name` may hold a subdirectory).
pub fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures").join(name)
}

/// A shipped reference file under `instances/`.
pub fn reference(name: &str) -> PathBuf {
    root().join("instances").join(name)
}

/// A path as a command-line argument.
pub fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

/// A fresh temporary directory, removed when dropped.
pub fn temp_dir() -> TempDir {
    tempfile::tempdir().expect("temp dir")
}

/// The JSON content of a file.
pub fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display()))
}

/// Writes `value` as pretty JSON to `path`.
pub fn write_json(path: &Path, value: &Value) {
    let text = serde_json::to_string_pretty(value).expect("serialises");
    std::fs::write(path, text).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
}

/// `tests/fixtures/tiny.json`, the smallest valid instance (calendar inline).
pub fn tiny() -> Value {
    read_json(&fixture("tiny.json"))
}

/// A solver config written as `dir/NAME`: `solver-configs/BASE` with `edit`
/// applied.
pub fn solver_config(dir: &Path, name: &str, base: &str, edit: impl FnOnce(&mut Value)) -> PathBuf {
    let mut v = read_json(&root().join("solver-configs").join(base));
    edit(&mut v);
    let path = dir.join(name);
    write_json(&path, &v);
    path
}

/// Every `.json` file under `dir`, found by walking the tree, sorted.
pub fn json_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        let entries = std::fs::read_dir(&d).unwrap_or_else(|e| panic!("cannot read {}: {e}", d.display()));
        for entry in entries {
            let path = entry.expect("directory entry").path();
            if path.is_dir() {
                todo.push(path);
            } else if path.extension().is_some_and(|x| x == "json") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// A run of the binary being prepared: its arguments, and the temporary
/// directory holding the input files written for it.
pub struct Horaire {
    args: Vec<OsString>,
    dir: Option<TempDir>,
}

/// Prepares `horaire ARGS…`; add arguments and input files, then
/// [`Horaire::run`] or [`Horaire::expect_code`].
pub fn horaire<I, A>(args: I) -> Horaire
where
    I: IntoIterator<Item = A>,
    A: AsRef<OsStr>,
{
    Horaire { args: args.into_iter().map(|a| a.as_ref().to_owned()).collect(), dir: None }
}

impl Horaire {
    /// One more argument.
    pub fn arg(mut self, a: impl AsRef<OsStr>) -> Self {
        self.args.push(a.as_ref().to_owned());
        self
    }

    /// More arguments.
    pub fn args<I, A>(mut self, args: I) -> Self
    where
        I: IntoIterator<Item = A>,
        A: AsRef<OsStr>,
    {
        self.args.extend(args.into_iter().map(|a| a.as_ref().to_owned()));
        self
    }

    /// Writes `content` as `name` in the run's temporary directory and
    /// passes its path as the next argument.
    pub fn file(mut self, name: &str, content: impl AsRef<[u8]>) -> Self {
        let dir = self.dir.get_or_insert_with(temp_dir);
        let path = dir.path().join(name);
        std::fs::write(&path, content).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
        self.args.push(path.into_os_string());
        self
    }

    /// [`Horaire::file`] with `value` as pretty JSON.
    pub fn json_file(self, name: &str, value: &Value) -> Self {
        self.file(name, serde_json::to_string_pretty(value).expect("serialises"))
    }

    /// Runs the binary; fails the test if it was killed or panicked.
    pub fn run(self) -> Run {
        let out =
            Command::new(env!("CARGO_BIN_EXE_horaire")).args(&self.args).output().expect("the horaire binary runs");
        let shown: Vec<String> = self.args.iter().map(|a| a.to_string_lossy().into_owned()).collect();
        let run = Run {
            command: format!("horaire {}", shown.join(" ")),
            code: out.status.code().expect("exited normally, not killed by a signal"),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        };
        assert!(!run.stderr.contains("panicked"), "{} panicked: {}", run.command, run.stderr);
        run
    }

    /// Runs the binary and asserts its exit code.
    pub fn expect_code(self, code: i32) -> Run {
        self.run().expect_code(code)
    }
}

/// What a run of the binary gave.
pub struct Run {
    /// The command line, for messages.
    pub command: String,
    /// Exit code.
    pub code: i32,
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
}

impl Run {
    /// Asserts the exit code, showing both outputs when it differs.
    pub fn expect_code(self, code: i32) -> Self {
        assert_eq!(
            self.code, code,
            "{}: expected exit {code}, got {}\nstdout:\n{}\nstderr:\n{}",
            self.command, self.code, self.stdout, self.stderr
        );
        self
    }

    /// Asserts that standard output contains `needle`.
    pub fn stdout_contains(&self, needle: &str) -> &Self {
        assert!(self.stdout.contains(needle), "{}: stdout lacks {needle:?}:\n{}", self.command, self.stdout);
        self
    }

    /// Asserts that standard error contains `needle`.
    pub fn stderr_contains(&self, needle: &str) -> &Self {
        assert!(self.stderr.contains(needle), "{}: stderr lacks {needle:?}:\n{}", self.command, self.stderr);
        self
    }

    /// Standard output parsed as JSON.
    pub fn stdout_json(&self) -> Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("{}: stdout is not JSON ({e}):\n{}", self.command, self.stdout))
    }
}

/// The independent checker accepts `timetable` for `instance`: `horaire
/// check` exits 0.
pub fn check_ok(instance: &Path, timetable: &Path) {
    horaire(["check", s(instance), s(timetable)]).expect_code(0);
}

/// An example block of `docs/formats.md`: a fenced block right after a
/// `<!-- example: KIND -->` line.
pub struct DocExample {
    /// What the marker names: a format (`horaire/1`) or `hours-log`, `violations`.
    pub kind: String,
    /// The block's text, without the fences.
    pub text: String,
    /// The prose of the `## ` section holding the example (its code
    /// blocks left out).
    pub section: String,
    /// The line of the opening fence (1 is the first).
    pub line: usize,
}

impl DocExample {
    /// The example parsed as JSON.
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.text)
            .unwrap_or_else(|e| panic!("docs/formats.md:{}: the {} example is not JSON: {e}", self.line, self.kind))
    }
}

/// Every example block of `docs/formats.md`, in order. Fails the test on a
/// fenced block without a marker, a marker not followed by a block, or an
/// unclosed block.
pub fn doc_examples() -> Vec<DocExample> {
    let doc = std::fs::read_to_string(root().join("docs/formats.md")).expect("docs/formats.md exists");
    let lines: Vec<&str> = doc.lines().collect();
    let section_of = |at: usize| -> String {
        let start = (0..=at).rev().find(|&i| lines[i].starts_with("## ")).unwrap_or(0);
        let end = (at + 1..lines.len()).find(|&i| lines[i].starts_with("## ")).unwrap_or(lines.len());
        let mut in_block = false;
        let prose = lines[start..end].iter().filter(|l| {
            let fence = l.starts_with("```");
            in_block ^= fence;
            !in_block && !fence
        });
        prose.copied().collect::<Vec<_>>().join("\n")
    };
    let mut out = Vec::new();
    let mut pending: Option<(String, usize)> = None;
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        if let Some(kind) = line.strip_prefix("<!-- example: ").and_then(|r| r.strip_suffix(" -->")) {
            assert!(pending.is_none(), "docs/formats.md:{}: two example markers in a row", i + 1);
            pending = Some((kind.to_string(), i + 1));
        } else if line.starts_with("```") {
            let (kind, _) = pending
                .take()
                .unwrap_or_else(|| panic!("docs/formats.md:{}: a code block without an example marker", i + 1));
            let close = (i + 1..lines.len())
                .find(|&j| lines[j] == "```")
                .unwrap_or_else(|| panic!("docs/formats.md:{}: the {kind} example is not closed", i + 1));
            out.push(DocExample { kind, text: lines[i + 1..close].join("\n"), section: section_of(i), line: i + 1 });
            i = close;
        } else if let Some((kind, at)) = &pending {
            assert!(line.trim().is_empty(), "docs/formats.md:{at}: the {kind} marker is not followed by a block");
        }
        i += 1;
    }
    assert!(pending.is_none(), "docs/formats.md: a marker at the end without a block");
    out
}

/// The example of `kind` in `docs/formats.md`.
pub fn doc_example(kind: &str) -> DocExample {
    doc_examples()
        .into_iter()
        .find(|e| e.kind == kind)
        .unwrap_or_else(|| panic!("docs/formats.md has no example marked {kind:?}"))
}

/// A real client a test needs is missing: outside CI the test is skipped
/// with a notice; in CI (where `.ci/run` installs every client) it fails.
pub fn client_missing(name: &str, install: &str) {
    assert!(std::env::var_os("CI").is_none(), "{name} is missing, and CI must run this test (.ci/run installs it)");
    eprintln!("NOTICE: {name} is missing (install: {install}); the part of the test that needs it is skipped");
}
