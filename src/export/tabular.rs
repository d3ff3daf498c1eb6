//! CSV files for spreadsheets: every meeting, and the placement plans when
//! given.
//!
//! Quoting follows RFC 4180 (the `csv` crate), lines end with CRLF, and the
//! file starts with a UTF-8 byte-order mark so that spreadsheet programs
//! read accents correctly. A cell that a spreadsheet would take as a
//! formula (starting with `=`, `+`, `-`, `@`, a tab or a carriage return)
//! gets a leading apostrophe, which spreadsheets show as text.
//!
//! Lists (teachers, cohorts) are joined with `;` inside one cell.

use super::placements::Plan;
use super::view::Context;
use crate::model::time::format_hours;
// The formula guard is shared with the reports' CSV.
use crate::report::render::neutralise;
use std::collections::BTreeMap;

/// The byte-order mark written first.
const BOM: &str = "\u{feff}";

fn writer() -> csv::Writer<Vec<u8>> {
    csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(BOM.as_bytes().to_vec())
}

fn row(w: &mut csv::Writer<Vec<u8>>, cells: &[String]) -> Result<(), csv::Error> {
    w.write_record(cells.iter().map(|c| neutralise(c)))
}

fn finish(w: csv::Writer<Vec<u8>>) -> Result<Vec<u8>, csv::Error> {
    w.into_inner().map_err(|e| csv::Error::from(e.into_error()))
}

fn meetings(ctx: &Context<'_>) -> Result<Vec<u8>, csv::Error> {
    let mut w = writer();
    let header = [
        "date",
        "weekday",
        "start",
        "end",
        "hours",
        "ue",
        "title",
        "activity",
        "kind",
        "site",
        "site_name",
        "room",
        "teachers",
        "teacher_names",
        "cohorts",
    ];
    row(&mut w, &header.map(String::from))?;
    for m in &ctx.meetings {
        let (code, title) = ctx.ue_of(m);
        let act = &ctx.inst.activities[m.activity.index()];
        let site = &ctx.inst.sites[m.site.index()];
        let teachers: Vec<&str> = m.teachers.iter().map(|t| ctx.inst.teachers[t.index()].id.as_str()).collect();
        let cohorts: Vec<&str> = m.cohorts.iter().map(|c| ctx.inst.cohorts[c.index()].id.as_str()).collect();
        row(
            &mut w,
            &[
                m.date.to_string(),
                crate::model::time::weekday_code(chrono::Datelike::weekday(&m.date)).to_string(),
                m.start.to_string(),
                m.end.to_string(),
                format_hours(f64::from(m.minutes()) / 60.0),
                code.to_string(),
                title.to_string(),
                act.id.clone(),
                act.kind.clone(),
                site.id.clone(),
                site.name.clone(),
                ctx.inst.rooms[m.room.index()].id.clone(),
                teachers.join(";"),
                ctx.teacher_names(m).join(";"),
                cohorts.join(";"),
            ],
        )?;
    }
    finish(w)
}

fn placements(plans: &[Plan]) -> Result<Vec<u8>, csv::Error> {
    let mut w = writer();
    let header = [
        "student",
        "requirement",
        "host",
        "host_name",
        "status",
        "quota_hours",
        "validated_hours",
        "logged_hours",
        "planned_hours",
        "remaining_hours",
        "date",
        "start",
        "end",
        "hours",
    ];
    row(&mut w, &header.map(String::from))?;
    for p in plans {
        let head = [
            p.student.clone(),
            p.requirement.clone(),
            p.host.clone().unwrap_or_default(),
            p.host_name.clone().unwrap_or_default(),
            p.status.code().to_string(),
            format_hours(p.quota),
            format_hours(p.validated),
            format_hours(p.logged),
            format_hours(p.planned),
            format_hours(p.remaining()),
        ];
        if p.days.is_empty() {
            let mut cells = head.to_vec();
            cells.extend(std::iter::repeat_n(String::new(), 4));
            row(&mut w, &cells)?;
        }
        for d in &p.days {
            let mut cells = head.to_vec();
            cells.extend([d.date.to_string(), d.start.to_string(), d.end.to_string(), format_hours(d.hours)]);
            row(&mut w, &cells)?;
        }
    }
    finish(w)
}

/// `meetings.csv`, and `placements.csv` (one row per planned day, or one
/// row for a student with no day planned) when plans are given.
pub(crate) fn render(ctx: &Context<'_>, plans: Option<&Vec<Plan>>) -> Result<BTreeMap<String, Vec<u8>>, csv::Error> {
    let mut files = BTreeMap::new();
    let _ = files.insert("meetings.csv".to_string(), meetings(ctx)?);
    if let Some(plans) = plans {
        let _ = files.insert("placements.csv".to_string(), placements(plans)?);
    }
    Ok(files)
}
