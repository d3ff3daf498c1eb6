//! A standalone HTML page: inline style, no script, no network; every
//! text from the instance is escaped (minijinja with HTML escaping forced
//! on). The HTML site of `horaire export` holds the same pages with a link
//! back to its index.

use crate::report::{Cell, Report};
use minijinja::value::Serde;
use minijinja::{AutoEscape, Environment};
use serde::Serialize;

const TEMPLATE: &str = include_str!("report.html");

#[derive(Debug, Serialize)]
struct PageCell {
    text: String,
    numeric: bool,
}

#[derive(Debug, Serialize)]
struct PageColumn<'a> {
    header: &'a str,
    numeric: bool,
}

#[derive(Debug, Serialize)]
struct PageTable<'a> {
    key: &'a str,
    title: &'a str,
    columns: Vec<PageColumn<'a>>,
    rows: Vec<Vec<PageCell>>,
    total: Option<Vec<PageCell>>,
    note: Option<&'a str>,
}

#[derive(Debug, Serialize)]
struct Page<'a> {
    title: &'a str,
    instance: &'a str,
    notes: &'a [String],
    back: Option<&'a str>,
    back_label: &'a str,
    tables: Vec<PageTable<'a>>,
}

/// The page of `report`; with `back`, a link to that address (the site's
/// index) heads it.
pub fn page(report: &Report, back: Option<&str>) -> Result<String, minijinja::Error> {
    let cells = |row: &[Cell], table: &crate::report::Table| -> Vec<PageCell> {
        row.iter().zip(&table.columns).map(|(c, col)| PageCell { text: c.display(), numeric: col.numeric }).collect()
    };
    let tables = report
        .tables
        .iter()
        .map(|t| PageTable {
            key: &t.key,
            title: &t.title,
            columns: t.columns.iter().map(|c| PageColumn { header: &c.header, numeric: c.numeric }).collect(),
            rows: t.rows.iter().map(|r| cells(r, t)).collect(),
            total: t.total.as_deref().map(|r| cells(r, t)),
            note: t.note.as_deref(),
        })
        .collect();
    let p = Page {
        title: &report.title,
        instance: &report.instance,
        notes: &report.notes,
        back,
        back_label: "Timetable",
        tables,
    };
    let mut env = Environment::new();
    env.set_auto_escape_callback(|_| AutoEscape::Html);
    env.add_template("report.html", TEMPLATE)?;
    env.get_template("report.html")?.render(Serde(&p))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{Column, Table};

    #[test]
    fn what_the_instance_says_is_escaped() {
        let r = Report {
            title: "Service hours".into(),
            instance: "<script>alert(1)</script>".into(),
            notes: vec![],
            tables: vec![Table {
                key: "k".into(),
                title: "T & U".into(),
                columns: vec![Column::text("Name"), Column::number("Hours")],
                rows: vec![vec![Cell::text("<b>\"x\"</b>"), Cell::Hours(90)]],
                total: None,
                note: None,
            }],
        };
        let html = page(&r, Some("index.html")).expect("renders");
        assert!(!html.contains("<script>") && !html.contains("<b>"), "{html}");
        assert!(html.contains("&lt;script&gt;") && html.contains("T &amp; U"), "{html}");
        assert!(html.contains(r#"<td class="num">1.5</td>"#), "{html}");
        assert!(html.contains(r#"<a href="index.html">"#), "{html}");
    }
}
