//! Plain text: the report's title and notes, then each table with its
//! columns aligned (numbers to the right), a rule under the header and
//! above the total row.

use crate::report::{Cell, Report, Table};
use std::fmt::Write;

/// The report as text, ending with a newline.
pub(super) fn render(report: &Report) -> String {
    let mut out = String::new();
    let head = format!("{} — {}", report.title, report.instance);
    let _ = writeln!(out, "{head}\n{}", "=".repeat(head.chars().count()));
    for n in &report.notes {
        let _ = writeln!(out, "{n}");
    }
    for t in &report.tables {
        out.push('\n');
        table(&mut out, t);
    }
    out
}

fn table(out: &mut String, t: &Table) {
    let _ = writeln!(out, "{}\n{}", t.title, "-".repeat(t.title.chars().count()));
    if t.rows.is_empty() {
        let _ = writeln!(out, "{}", t.note.as_deref().unwrap_or("(none)"));
        return;
    }
    let cells = |row: &[Cell]| row.iter().map(Cell::display).collect::<Vec<_>>();
    let header: Vec<String> = t.columns.iter().map(|c| c.header.clone()).collect();
    let rows: Vec<Vec<String>> = t.rows.iter().map(|r| cells(r)).collect();
    let total = t.total.as_deref().map(cells);
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for r in rows.iter().chain(total.iter()) {
        for (w, c) in widths.iter_mut().zip(r) {
            *w = (*w).max(c.chars().count());
        }
    }
    let line = |out: &mut String, r: &[String]| {
        let mut s = String::new();
        for (i, c) in r.iter().enumerate() {
            let pad = widths[i].saturating_sub(c.chars().count());
            if i > 0 {
                s.push_str("  ");
            }
            if t.columns[i].numeric {
                s.push_str(&" ".repeat(pad));
                s.push_str(c);
            } else {
                s.push_str(c);
                s.push_str(&" ".repeat(pad));
            }
        }
        let _ = writeln!(out, "{}", s.trim_end());
    };
    let rule: Vec<String> = widths.iter().map(|&w| "-".repeat(w)).collect();
    line(out, &header);
    line(out, &rule);
    for r in &rows {
        line(out, r);
    }
    if let Some(total) = &total {
        line(out, &rule);
        line(out, total);
    }
    if let Some(n) = &t.note {
        let _ = writeln!(out, "{n}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::Column;

    #[test]
    fn columns_align_and_numbers_go_right() {
        let r = Report {
            title: "T".into(),
            instance: "I".into(),
            notes: vec!["A note.".into()],
            tables: vec![
                Table {
                    key: "k".into(),
                    title: "Rooms".into(),
                    columns: vec![Column::text("Room"), Column::number("Hours")],
                    rows: vec![vec![Cell::text("mons-a"), Cell::Hours(150)], vec![Cell::text("é"), Cell::Hours(6000)]],
                    total: Some(vec![Cell::text("Total"), Cell::Hours(6150)]),
                    note: None,
                },
                Table {
                    key: "e".into(),
                    title: "Empty".into(),
                    columns: vec![Column::text("X")],
                    rows: vec![],
                    total: None,
                    note: Some("Nothing here.".into()),
                },
            ],
        };
        assert_eq!(
            render(&r),
            "T — I\n=====\nA note.\n\nRooms\n-----\nRoom    Hours\n------  -----\nmons-a    2.5\né         100\n\
             ------  -----\nTotal   102.5\n\nEmpty\n-----\nNothing here.\n"
        );
    }
}
