//! Exports people use: iCalendar files for calendars, CSV for
//! spreadsheets, a static HTML site with weekly grids and placement
//! progress bars, and one workbook (`.xlsx`) with every meeting, a week
//! grid per cohort and the hours per teacher.
//!
//! Input is a validated [`Instance`] and a `horaire-timetable/1` file
//! (optionally a `horaire-placements/1` plan). Every reference of the
//! timetable is checked against the instance first and every problem is
//! reported at once, located by JSON path; nothing is written unless the
//! inputs are sound.
//!
//! Layout of the output directory:
//!
//! ```text
//! DIR/ics/cohort-<id>.ics  teacher-<id>.ics  site-<id>.ics  room-<id>.ics
//! DIR/csv/meetings.csv     placements.csv (with --placements)
//! DIR/html/index.html      cohort-<id>.html … room-<id>.html, placements.html, style.css
//! DIR/xlsx/timetable.xlsx
//! ```
//!
//! Ids become file names unchanged when they are made of ASCII letters,
//! digits, `-`, `_` and `.` and no other id of the same kind differs only
//! in letter case; any other id is sanitised and suffixed with a short hash
//! of the original, so two ids never share a file.
//!
//! Which meetings each file holds:
//! - a cohort: the meetings of the cohort and of its ancestors (students of
//!   an option group also attend their block's common meetings);
//! - a teacher: the meetings the teacher teaches;
//! - a site and a room: the meetings held there.
//!
//! Every file is written atomically (a temporary file in the same
//! directory, then a rename) and is byte-identical across re-runs with the
//! same inputs. Files of an earlier run in the same `ics/`, `csv/` or
//! `html/` directory that this run does not produce (a cohort that was
//! removed) are deleted, so the directory always mirrors the timetable; no
//! other file is touched.
//!
//! The placement reader in this module (`placements.rs`) is private to
//! export: it reads only what the pages need from `horaire-placements/1`.

mod files;
mod html;
mod ics;
mod labels;
mod placements;
mod tabular;
mod view;
mod xlsx;

pub use labels::Lang;

use crate::model::timetable::{TIMETABLE_FORMAT, TimetableFile};
use crate::model::{Instance, LoadError, Problem, load};
use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// One kind of export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Format {
    /// iCalendar (`.ics`), one file per cohort, teacher, site and room.
    Ics,
    /// CSV for spreadsheets.
    Csv,
    /// A static HTML site.
    Html,
    /// One workbook: meetings, week grids per cohort, hours per teacher.
    Xlsx,
}

impl Format {
    /// Every format, in output order.
    pub const ALL: [Format; 4] = [Format::Ics, Format::Csv, Format::Html, Format::Xlsx];

    /// The name used on the command line and as the output sub-directory.
    pub fn name(self) -> &'static str {
        match self {
            Format::Ics => "ics",
            Format::Csv => "csv",
            Format::Html => "html",
            Format::Xlsx => "xlsx",
        }
    }
}

impl FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "ics" => Ok(Format::Ics),
            "csv" => Ok(Format::Csv),
            "html" => Ok(Format::Html),
            "xlsx" => Ok(Format::Xlsx),
            _ => Err(format!("unknown export format \"{s}\": expected ics, csv, html or xlsx")),
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// What to export and where.
#[derive(Debug, Clone)]
pub struct ExportRequest {
    /// The `horaire-timetable/1` file.
    pub timetable: PathBuf,
    /// An optional `horaire-placements/1` file.
    pub placements: Option<PathBuf>,
    /// The formats to write (duplicates are ignored).
    pub formats: Vec<Format>,
    /// The output directory (created when missing).
    pub out: PathBuf,
    /// Language of labels.
    pub lang: Lang,
}

/// Why an export failed.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// An input file is unreadable or unsound; nothing was written.
    #[error("{0}")]
    Input(#[from] LoadError),
    /// An output file could not be written.
    #[error("{}: cannot write: {source}", path.display())]
    Write {
        /// The file or directory.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// A page template failed to render (a bug in horaire, not in the input).
    #[error("internal error while rendering {page}: {message}")]
    Render {
        /// The page.
        page: String,
        /// The template engine's message.
        message: String,
    },
}

/// Reads a timetable file: JSON errors with line and column, unknown keys
/// and a wrong `format` with their path.
pub fn read_timetable(path: &Path) -> Result<TimetableFile, LoadError> {
    let bytes = load::read_bytes(path)?;
    let tt: TimetableFile = load::parse_json(path, &bytes)?;
    if tt.format != TIMETABLE_FORMAT {
        return Err(LoadError::Invalid(vec![Problem::new(
            path,
            "format",
            format!("expected \"{TIMETABLE_FORMAT}\", found \"{}\"", tt.format),
        )]));
    }
    Ok(tt)
}

/// Reads the inputs of `req`, checks them against `inst`, and writes the
/// requested formats under `req.out`. Returns the files written, sorted.
pub fn export(inst: &Instance, req: &ExportRequest) -> Result<Vec<PathBuf>, ExportError> {
    let tt = read_timetable(&req.timetable)?;
    let mut problems = Vec::new();
    let meetings = match view::resolve(inst, &req.timetable, &tt) {
        Ok(m) => m,
        Err(p) => {
            problems.extend(p);
            Vec::new()
        }
    };
    let plans = match &req.placements {
        None => None,
        Some(p) => match placements::read(inst, p) {
            Ok(plans) => Some(plans),
            Err(LoadError::Invalid(p)) => {
                problems.extend(p);
                None
            }
            Err(e) => return Err(e.into()),
        },
    };
    if !problems.is_empty() {
        return Err(LoadError::Invalid(problems).into());
    }
    let ctx = view::Context::new(inst, meetings, req.lang);
    let mut formats = req.formats.clone();
    formats.sort();
    formats.dedup();
    // Render everything in memory first: a rendering failure leaves the
    // output directory as it was.
    let mut outputs: Vec<files::Output> = Vec::new();
    for f in formats {
        let produced = match f {
            Format::Ics => ics::render(&ctx),
            Format::Csv => tabular::render(&ctx, plans.as_ref())
                .map_err(|e| ExportError::Render { page: "csv".into(), message: e.to_string() })?,
            Format::Html => html::render(&ctx, plans.as_ref())?,
            Format::Xlsx => xlsx::render(&ctx, plans.as_ref())
                .map_err(|e| ExportError::Render { page: xlsx::FILE.into(), message: e.to_string() })?,
        };
        outputs.push(files::Output { dir: req.out.join(f.name()), files: produced });
    }
    files::write_all(&outputs)
}
