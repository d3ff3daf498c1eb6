//! CSV for spreadsheets, written like the CSV export: RFC 4180 quoting
//! (the `csv` crate), CRLF line ends, a UTF-8 byte-order mark, and a
//! leading apostrophe on any cell a spreadsheet would run as a formula.
//!
//! A report holds several tables: the file starts with the report's title
//! and instance, then every table follows after an empty line, as a row
//! holding its title, its header row, its rows and its total row. Numbers
//! are written as the text renderer shows them, except shares, written as
//! percentages without the `%` sign (`33.3`).

use crate::report::{Cell, Report};

/// The byte-order mark written first.
const BOM: &str = "\u{feff}";

/// Neutralises a cell that a spreadsheet would evaluate as a formula
/// (starting with `=`, `+`, `-`, `@`, a tab or a carriage return) with a
/// leading apostrophe, which spreadsheets show as text.
pub fn neutralise(cell: &str) -> String {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}"),
        _ => cell.to_string(),
    }
}

/// A cell as written: text neutralised, numbers as they are (a negative
/// balance stays a number).
fn value(c: &Cell) -> String {
    match c {
        Cell::Text(s) => neutralise(s),
        Cell::Share { .. } => c.display().trim_end_matches('%').replace('—', ""),
        _ => c.display(),
    }
}

fn writer() -> ::csv::Writer<Vec<u8>> {
    ::csv::WriterBuilder::new().terminator(::csv::Terminator::CRLF).flexible(true).from_writer(Vec::new())
}

fn finish(w: ::csv::Writer<Vec<u8>>) -> Result<Vec<u8>, ::csv::Error> {
    w.into_inner().map_err(|e| ::csv::Error::from(e.into_error()))
}

pub(super) fn render(report: &Report) -> Result<Vec<u8>, ::csv::Error> {
    let text = |w: &mut ::csv::Writer<Vec<u8>>, cells: &[&str]| w.write_record(cells.iter().map(|c| neutralise(c)));
    let mut out = BOM.as_bytes().to_vec();
    let mut w = writer();
    text(&mut w, &[&report.title])?;
    text(&mut w, &[&report.instance])?;
    out.extend(finish(w)?);
    for t in &report.tables {
        let mut w = writer();
        text(&mut w, &[&t.title])?;
        let header: Vec<&str> = t.columns.iter().map(|c| c.header.as_str()).collect();
        text(&mut w, &header)?;
        for r in t.rows.iter().chain(t.total.iter()) {
            w.write_record(r.iter().map(value))?;
        }
        if t.rows.is_empty()
            && let Some(n) = &t.note
        {
            text(&mut w, &[n])?;
        }
        out.extend_from_slice(b"\r\n");
        out.extend(finish(w)?);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{Column, Table};

    #[test]
    fn formulas_are_neutralised_and_text_is_kept() {
        assert_eq!(neutralise("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        for c in ["+1", "-1", "@SUM(A1)", "\tx", "\rx"] {
            assert!(neutralise(c).starts_with('\''), "{c}");
        }
        assert_eq!(neutralise("Droit, éthique"), "Droit, éthique");
        assert_eq!(neutralise(""), "");
    }

    #[test]
    fn tables_follow_each_other_after_an_empty_line() {
        let r = Report {
            title: "Rooms".into(),
            instance: "I, 2025".into(),
            notes: vec![],
            tables: vec![Table {
                key: "k".into(),
                title: "Use".into(),
                columns: vec![Column::text("Room"), Column::number("Occupancy"), Column::number("Balance")],
                rows: vec![vec![Cell::text("=A1"), Cell::Share { part: 1, whole: 3 }, Cell::Balance(-90)]],
                total: None,
                note: None,
            }],
        };
        let bytes = render(&r).expect("renders");
        assert_eq!(
            String::from_utf8(bytes).expect("utf-8"),
            "\u{feff}Rooms\r\n\"I, 2025\"\r\n\r\nUse\r\nRoom,Occupancy,Balance\r\n'=A1,33.3,-1.5\r\n"
        );
    }
}
