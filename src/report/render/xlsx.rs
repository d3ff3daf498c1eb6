//! An xlsx workbook: a first sheet with the report's title, instance and
//! notes, then one sheet per table (named by the table's key) with the
//! title, a bold header, the rows and a bold total row. Numbers are real
//! numbers (hours in hours, shares as percentages), text is text (a
//! workbook cell is never evaluated as a formula unless written as one).
//!
//! The document's creation date is fixed ([`DOCUMENT_DATE`]) and the zip
//! entries carry the writer's fixed timestamp, so the same report gives
//! the same bytes.

use crate::report::{Cell, Report, Table};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet, XlsxError};

/// The creation date written in every workbook, for deterministic bytes.
const DOCUMENT_DATE: (u16, u8, u8) = (2025, 1, 1);

/// Longest sheet name Excel accepts.
const SHEET_NAME_MAX: usize = 31;

/// Widest column, in characters.
const WIDTH_MAX: usize = 60;

/// A sheet name Excel accepts, different from those in `taken`.
fn sheet_name(key: &str, taken: &[String]) -> String {
    let clean: String =
        key.chars().map(|c| if matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\') { '-' } else { c }).collect();
    let clean = clean.trim_matches('\'').to_string();
    let base: String = clean.chars().take(SHEET_NAME_MAX).collect();
    let base = if base.is_empty() { "sheet".to_string() } else { base };
    let mut name = base.clone();
    let mut n = 2;
    while taken.iter().any(|t| t.eq_ignore_ascii_case(&name)) {
        let suffix = format!("-{n}");
        name = base.chars().take(SHEET_NAME_MAX - suffix.len()).collect::<String>() + &suffix;
        n += 1;
    }
    name
}

fn write_table(sheet: &mut Worksheet, t: &Table, bold: &Format, percent: &Format) -> Result<(), XlsxError> {
    let bold_percent = percent.clone().set_bold();
    sheet.write_string_with_format(0, 0, &t.title, bold)?;
    let mut widths: Vec<usize> = t.columns.iter().map(|c| c.header.chars().count()).collect();
    for (j, c) in t.columns.iter().enumerate() {
        sheet.write_string_with_format(1, j as u16, &c.header, bold)?;
    }
    let rows = t.rows.iter().map(|r| (r, false)).chain(t.total.iter().map(|r| (r, true)));
    let mut row = 2u32;
    for (cells, is_total) in rows {
        for (j, c) in cells.iter().enumerate() {
            let col = j as u16;
            widths[j] = widths[j].max(c.display().chars().count());
            match (c, c.number()) {
                (Cell::Empty, _) => {}
                (Cell::Share { .. }, Some(x)) => {
                    let f = if is_total { &bold_percent } else { percent };
                    let _ = sheet.write_number_with_format(row, col, x, f)?;
                }
                (_, Some(x)) if is_total => {
                    let _ = sheet.write_number_with_format(row, col, x, bold)?;
                }
                (_, Some(x)) => {
                    let _ = sheet.write_number(row, col, x)?;
                }
                (_, None) if is_total => {
                    let _ = sheet.write_string_with_format(row, col, c.display(), bold)?;
                }
                (_, None) => {
                    let _ = sheet.write_string(row, col, c.display())?;
                }
            }
        }
        row += 1;
    }
    if let Some(n) = &t.note {
        let _ = sheet.write_string(row + 1, 0, n)?;
    }
    for (j, w) in widths.iter().enumerate() {
        let _ = sheet.set_column_width(j as u16, (*w).min(WIDTH_MAX) as f64 + 2.0)?;
    }
    let _ = sheet.set_freeze_panes(2, 0)?;
    Ok(())
}

pub(super) fn render(report: &Report) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let (y, m, d) = DOCUMENT_DATE;
    let date = ExcelDateTime::from_ymd(y, m, d)?;
    let _ = book.set_properties(&DocProperties::new().set_title(&report.title).set_creation_datetime(&date));
    let bold = Format::new().set_bold();
    let percent = Format::new().set_num_format("0.0%");

    let mut taken = vec!["about".to_string()];
    let about = book.add_worksheet();
    let _ = about.set_name("about")?;
    let _ = about.write_string_with_format(0, 0, &report.title, &bold)?;
    let _ = about.write_string(1, 0, &report.instance)?;
    for (i, n) in report.notes.iter().enumerate() {
        let _ = about.write_string(3 + i as u32, 0, n)?;
    }
    let _ = about.set_column_width(0, WIDTH_MAX as f64)?;
    for t in &report.tables {
        let name = sheet_name(&t.key, &taken);
        taken.push(name.clone());
        let sheet = book.add_worksheet();
        let _ = sheet.set_name(&name)?;
        write_table(sheet, t, &bold, &percent)?;
    }
    book.save_to_buffer()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_names_are_legal_and_distinct() {
        assert_eq!(sheet_name("weeks-mons", &[]), "weeks-mons");
        assert_eq!(sheet_name("a/b:c", &[]), "a-b-c");
        let long = "per-competence-a-very-long-programme-id";
        let first = sheet_name(long, &[]);
        assert_eq!(first.chars().count(), 31);
        let second = sheet_name(long, std::slice::from_ref(&first));
        assert_eq!(second.chars().count(), 31);
        assert!(second.ends_with("-2") && second != first);
        assert_eq!(sheet_name("About", &["about".to_string()]), "About-2");
    }
}
