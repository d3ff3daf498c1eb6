//! A report laid out for rendering: titled tables of typed cells. The
//! renderers ([`super::render`]) only read these types, so every report is
//! shown the same way in every format.

use crate::model::time::{format_hours, hours_string};

/// A report: a title and its tables, in reading order.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// `Service hours`, `Room occupancy`…
    pub title: String,
    /// The instance's name.
    pub instance: String,
    /// What the report counts and how (one sentence each).
    pub notes: Vec<String>,
    /// The tables.
    pub tables: Vec<Table>,
}

/// One table.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// A short key, unique in the report: the sheet name of the workbook.
    pub key: String,
    /// The title shown above it.
    pub title: String,
    /// Column headers.
    pub columns: Vec<Column>,
    /// The rows, each as long as `columns`.
    pub rows: Vec<Vec<Cell>>,
    /// A closing row (totals), when the table has one.
    pub total: Option<Vec<Cell>>,
    /// Said under the table (e.g. "none" for an empty list).
    pub note: Option<String>,
}

/// A column header; numeric columns are right-aligned in text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    /// The header.
    pub header: String,
    /// Whether its cells are numbers.
    pub numeric: bool,
}

impl Column {
    /// A text column.
    pub fn text(header: &str) -> Column {
        Column { header: header.to_string(), numeric: false }
    }

    /// A numeric column.
    pub fn number(header: &str) -> Column {
        Column { header: header.to_string(), numeric: true }
    }
}

/// One cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Text as is.
    Text(String),
    /// A count.
    Count(u64),
    /// A volume in minutes, shown in hours (`30`, `2.5`).
    Hours(u32),
    /// A decimal number (credits), shown without trailing zeros.
    Decimal(f64),
    /// A signed difference in minutes, shown in hours (`+12`, `-4.5`).
    Balance(i64),
    /// A share `part / whole`, shown as a percentage with one decimal;
    /// `whole == 0` shows as a dash.
    Share {
        /// The part.
        part: u32,
        /// The whole.
        whole: u32,
    },
    /// Nothing.
    Empty,
}

impl Cell {
    /// A text cell.
    pub fn text(s: impl Into<String>) -> Cell {
        Cell::Text(s.into())
    }

    /// A count cell.
    pub fn count(n: usize) -> Cell {
        Cell::Count(n as u64)
    }

    /// The cell as text: what the text, CSV and HTML renderers show.
    pub fn display(&self) -> String {
        match self {
            Cell::Text(s) => s.clone(),
            Cell::Count(n) => n.to_string(),
            Cell::Hours(m) => hours_string(*m),
            Cell::Decimal(x) => format_hours(*x),
            Cell::Balance(m) => {
                let sign = if *m > 0 {
                    "+"
                } else if *m < 0 {
                    "-"
                } else {
                    ""
                };
                format!("{sign}{}", hours_string(m.unsigned_abs() as u32))
            }
            Cell::Share { whole: 0, .. } => "—".to_string(),
            Cell::Share { part, whole } => {
                let permille = (u64::from(*part) * 1000 + u64::from(*whole) / 2) / u64::from(*whole);
                format!("{}.{}%", permille / 10, permille % 10)
            }
            Cell::Empty => String::new(),
        }
    }

    /// The cell as a number, for a workbook: hours for volumes, a fraction
    /// for shares; `None` for text and empty cells.
    pub fn number(&self) -> Option<f64> {
        match self {
            Cell::Count(n) => Some(*n as f64),
            Cell::Hours(m) => Some(f64::from(*m) / 60.0),
            Cell::Decimal(x) => Some(*x),
            Cell::Balance(m) => Some(*m as f64 / 60.0),
            Cell::Share { part, whole } if *whole > 0 => Some(f64::from(*part) / f64::from(*whole)),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_display_as_planners_read_them() {
        assert_eq!(Cell::Hours(150).display(), "2.5");
        assert_eq!(Cell::Balance(-270).display(), "-4.5");
        assert_eq!(Cell::Balance(720).display(), "+12");
        assert_eq!(Cell::Balance(0).display(), "0");
        assert_eq!(Cell::Share { part: 1, whole: 3 }.display(), "33.3%");
        assert_eq!(Cell::Share { part: 2, whole: 3 }.display(), "66.7%");
        assert_eq!(Cell::Share { part: 0, whole: 0 }.display(), "—");
        assert_eq!(Cell::Share { part: 3, whole: 4 }.number(), Some(0.75));
        assert_eq!(Cell::text("x").number(), None);
    }
}
