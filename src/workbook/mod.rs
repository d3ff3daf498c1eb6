//! The planner's workbook: an instance as a spreadsheet (`.xlsx` written,
//! `.xlsx` and `.ods` read).
//!
//! - [`template`]: a blank workbook to fill in, one sheet per part of an
//!   instance, each with a commented header row, drop-down lists and one
//!   example row;
//! - [`from_instance`]: a valid `horaire/1` instance written as such a
//!   workbook (its calendar written out as dates);
//! - [`import`]: a filled workbook read back into a `horaire/1` instance,
//!   which then goes through the instance validation; every problem is
//!   reported at the sheet, row and column that produced it.
//!
//! The sheets and columns are described once, in `schema`; `docs/workbook.md`
//! is the planner's guide. Lists inside a cell use [`SEPARATOR`].
//!
//! Spreadsheet files are read with calamine and written with
//! rust_xlsxwriter; a written workbook is byte-identical for the same input.

mod build;
mod cells;
mod messages;
mod read;
mod rows;
mod schema;
mod write;

use crate::model::file::InstanceFile;
use crate::model::{LoadError, Problem};
use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// The separator of a list inside one cell (`dupont; martin`).
pub const SEPARATOR: char = ';';

/// The language of sheet names, headers, comments and messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// French (default).
    #[default]
    Fr,
    /// English.
    En,
}

impl FromStr for Lang {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "fr" => Ok(Lang::Fr),
            "en" => Ok(Lang::En),
            _ => Err(format!("unknown language \"{s}\": expected fr or en")),
        }
    }
}

/// Why a workbook could not be written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// The instance could not be read or is not valid.
    #[error("{0}")]
    Input(#[from] LoadError),
    /// The spreadsheet library refused the workbook (a bug in horaire).
    #[error("internal error while writing the workbook: {0}")]
    Xlsx(String),
}

/// A blank workbook in `lang`, with one example row per sheet and the
/// FWB 2025-2026 calendar filled in; it imports as a small valid instance.
pub fn template(lang: Lang) -> Result<Vec<u8>, WriteError> {
    let rows = rows::example(lang).map_err(WriteError::Xlsx)?;
    write::workbook(&rows, lang).map_err(|e| WriteError::Xlsx(e.to_string()))
}

/// The instance at `path` (which must be valid) as a workbook in `lang`.
pub fn from_instance(path: &Path, lang: Lang) -> Result<Vec<u8>, WriteError> {
    let _valid = crate::load_instance(path)?;
    let bytes = crate::model::load::read_bytes(path)?;
    let file: InstanceFile = crate::model::load::parse_json(path, &bytes)?;
    let calendar = match &file.calendar {
        crate::model::file::CalendarRef::Inline(c) => (**c).clone(),
        crate::model::file::CalendarRef::Path(p) => {
            let cal = path.parent().unwrap_or(Path::new("")).join(p);
            let bytes = crate::model::load::read_bytes(&cal)?;
            crate::model::load::parse_json(&cal, &bytes)?
        }
    };
    let rows = rows::of_instance(&file, &calendar, lang);
    write::workbook(&rows, lang).map_err(|e| WriteError::Xlsx(e.to_string()))
}

/// File name endings of spreadsheets, which an imported instance must not
/// be written over.
const SPREADSHEET_ENDINGS: [&str; 5] = ["xlsx", "xlsm", "xls", "ods", "ots"];

fn ending(path: &Path) -> Option<String> {
    path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase)
}

/// Whether `out` may receive a written workbook: workbooks are `.xlsx`
/// files, so another name (`programme.ods`, `programme.json`) is refused
/// before anything is written, in `lang`.
pub fn check_workbook_target(out: &Path, lang: Lang) -> Result<(), String> {
    if ending(out).as_deref() == Some("xlsx") {
        return Ok(());
    }
    Err(match lang {
        Lang::Fr => format!("{}: le classeur s'écrit au format .xlsx : donnez-lui un nom en .xlsx", out.display()),
        Lang::En => format!("{}: the workbook is written as .xlsx: name it ….xlsx", out.display()),
    })
}

/// Whether the instance imported from `workbook` may be written at `out`:
/// never over the workbook itself or another spreadsheet (a mistyped
/// `--out` must not destroy the planner's file), in `lang`.
pub fn check_instance_target(workbook: &Path, out: &Path, lang: Lang) -> Result<(), String> {
    let same = match (std::fs::canonicalize(workbook), std::fs::canonicalize(out)) {
        (Ok(a), Ok(b)) => a == b,
        _ => workbook == out,
    };
    let spreadsheet = ending(out).is_some_and(|e| SPREADSHEET_ENDINGS.contains(&e.as_str()));
    if !same && !spreadsheet {
        return Ok(());
    }
    Err(match (lang, same) {
        (Lang::Fr, true) => {
            format!("{}: la sortie serait le classeur lui-même : donnez-lui un nom en .json", out.display())
        }
        (Lang::En, true) => format!("{}: the output would be the workbook itself: name it ….json", out.display()),
        (Lang::Fr, false) => format!(
            "{}: l'instance s'écrit en JSON : donnez à la sortie un nom en .json, pas celui d'un classeur",
            out.display()
        ),
        (Lang::En, false) => {
            format!("{}: the instance is written as JSON: name the output ….json, not a spreadsheet", out.display())
        }
    })
}

/// A problem of an imported workbook, where the planner sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetProblem {
    /// The sheet's name as it is in the workbook; `None` for a problem of
    /// the whole file (a missing sheet is one: its message names it).
    pub sheet: Option<String>,
    /// The row number the spreadsheet shows (1 is the first row).
    pub row: Option<u32>,
    /// The column's header as it is in the workbook (or as expected).
    pub column: Option<String>,
    /// What is wrong: the value found and what was expected.
    pub message: String,
}

impl SheetProblem {
    /// The problem as one line in `lang`:
    /// `Activités, ligne 14, colonne Enseignants : enseignant inconnu « Dupond »`.
    pub fn text(&self, lang: Lang) -> String {
        let (row, column, colon) = match lang {
            Lang::Fr => ("ligne", "colonne", " : "),
            Lang::En => ("row", "column", ": "),
        };
        let mut place = Vec::new();
        if let Some(s) = &self.sheet {
            place.push(s.clone());
        }
        if let Some(r) = self.row {
            place.push(format!("{row} {r}"));
        }
        if let Some(c) = &self.column {
            place.push(format!("{column} {c}"));
        }
        if place.is_empty() { self.message.clone() } else { format!("{}{colon}{}", place.join(", "), self.message) }
    }
}

/// A failed import: every problem found, in sheet order.
#[derive(Debug, Clone)]
pub struct ImportFailure {
    /// The workbook.
    pub file: PathBuf,
    /// The problems.
    pub problems: Vec<SheetProblem>,
    /// The language they are worded in.
    pub lang: Lang,
}

impl fmt::Display for ImportFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.problems.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{}: {}", self.file.display(), p.text(self.lang))?;
        }
        Ok(())
    }
}

impl std::error::Error for ImportFailure {}

/// A workbook read into a valid instance.
#[derive(Debug, Clone)]
pub struct Imported {
    /// The instance, as the file types.
    pub instance: InstanceFile,
    /// Its JSON text (pretty-printed, ending with a newline), ready to write.
    pub json: Vec<u8>,
}

impl Imported {
    /// One line saying what was read, in `lang`.
    pub fn summary(&self, lang: Lang) -> String {
        let f = &self.instance;
        let activities: usize = f.ues.iter().map(|u| u.activities.len()).sum();
        let students = f.placements.as_ref().map_or(0, |p| p.students.len());
        match lang {
            Lang::Fr => format!(
                "« {} » : {} UE, {} activité(s), {} enseignant(s), {} cohorte(s), {} site(s), {} stagiaire(s) ; instance valide.",
                f.name,
                f.ues.len(),
                activities,
                f.teachers.len(),
                f.cohorts.len(),
                f.sites.len(),
                students
            ),
            Lang::En => format!(
                "\"{}\": {} UE(s), {} activit(y/ies), {} teacher(s), {} cohort(s), {} site(s), {} placement student(s); the instance is valid.",
                f.name,
                f.ues.len(),
                activities,
                f.teachers.len(),
                f.cohorts.len(),
                f.sites.len(),
                students
            ),
        }
    }
}

/// Reads the workbook at `path` (`.xlsx` or `.ods`) into a `horaire/1`
/// instance meant to be written at `out` (a calendar file named in the
/// workbook is looked up relative to it), and validates it. Every problem
/// is reported, in the planner's coordinates and in `lang`.
pub fn import(path: &Path, out: &Path, lang: Lang) -> Result<Imported, ImportFailure> {
    let fail = |problems: Vec<SheetProblem>| ImportFailure { file: path.to_path_buf(), problems, lang };
    let book = read::read(path, lang).map_err(|p| fail(vec![p]))?;
    let built = build::build(&book, lang);
    let validation = validate(out, &built.instance);
    let instance = built.instance.clone();
    let problems = built.problems(validation, out);
    if !problems.is_empty() {
        return Err(fail(problems));
    }
    let mut json = serde_json::to_vec_pretty(&instance)
        .map_err(|e| fail(vec![SheetProblem { sheet: None, row: None, column: None, message: e.to_string() }]))?;
    json.push(b'\n');
    Ok(Imported { instance, json })
}

/// The instance validation, as `horaire validate` runs it on a file written
/// at `out`: the file rules, then the checks that need the calendar.
fn validate(out: &Path, f: &InstanceFile) -> Vec<Problem> {
    use crate::model::file::{CalendarFile, CalendarRef};
    use crate::model::validate::{CalendarSource, validate_instance};
    let mut problems = Vec::new();
    let external: Option<(PathBuf, CalendarFile)> = match &f.calendar {
        CalendarRef::Inline(_) => None,
        CalendarRef::Path(p) => {
            let cal = out.parent().unwrap_or(Path::new("")).join(p);
            let read = crate::model::load::read_bytes(&cal)
                .and_then(|b| crate::model::load::parse_json::<CalendarFile>(&cal, &b));
            match read {
                Ok(c) => Some((cal, c)),
                Err(LoadError::Io { source, .. }) => {
                    problems.push(Problem::new(
                        out,
                        "calendar",
                        format!("cannot read the calendar file {}: {source}", cal.display()),
                    ));
                    None
                }
                Err(LoadError::Invalid(p)) => {
                    problems.extend(p);
                    None
                }
            }
        }
    };
    let source = match (&f.calendar, &external) {
        (CalendarRef::Inline(c), _) => {
            Some(CalendarSource { file: out.to_path_buf(), calendar: c, prefix: "calendar." })
        }
        (CalendarRef::Path(_), Some((p, c))) => Some(CalendarSource { file: p.clone(), calendar: c, prefix: "" }),
        (CalendarRef::Path(_), None) => None,
    };
    if source.is_none() {
        return problems;
    }
    match validate_instance(out, f, source, problems) {
        Ok(inst) => crate::calendar::availability_problems(&inst),
        Err(e) => e.problems(),
    }
}
