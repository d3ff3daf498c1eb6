//! The renderers of a [`Report`]: a readable aligned text table, CSV for
//! spreadsheets, a standalone HTML page and an xlsx workbook. Each returns
//! bytes and is deterministic: the same report gives the same bytes.

pub mod csv;
mod html;
mod text;
mod xlsx;

pub use self::csv::neutralise;
pub use html::page as html_page;

use super::Report;
use std::fmt;
use std::str::FromStr;

/// An output format of `horaire report`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum Format {
    /// Aligned plain-text tables (the default).
    #[default]
    Text,
    /// CSV: every table after its title row, tables separated by an empty line.
    Csv,
    /// A standalone HTML page.
    Html,
    /// An xlsx workbook, one sheet per table.
    Xlsx,
}

impl Format {
    /// The name on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Csv => "csv",
            Format::Html => "html",
            Format::Xlsx => "xlsx",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        [Format::Text, Format::Csv, Format::Html, Format::Xlsx]
            .into_iter()
            .find(|f| f.name() == s)
            .ok_or_else(|| format!("unknown report format \"{s}\": expected text, csv, html or xlsx"))
    }
}

/// A renderer failed (a bug in horaire, not in the input).
#[derive(Debug, thiserror::Error)]
#[error("internal error while rendering the {format} report: {message}")]
pub struct RenderError {
    /// The format.
    pub format: Format,
    /// What the library said.
    pub message: String,
}

/// Renders `report` in `format`.
pub fn render(report: &Report, format: Format) -> Result<Vec<u8>, RenderError> {
    let fail = |message: String| RenderError { format, message };
    match format {
        Format::Text => Ok(text::render(report).into_bytes()),
        Format::Csv => csv::render(report).map_err(|e| fail(e.to_string())),
        Format::Html => html::page(report, None).map(String::into_bytes).map_err(|e| fail(format!("{e:#}"))),
        Format::Xlsx => xlsx::render(report).map_err(|e| fail(e.to_string())),
    }
}
