//! The timetable as one workbook, `xlsx/timetable.xlsx`:
//!
//! - every meeting, as a filterable table (date, day, start, end, hours,
//!   UE, title, activity, kind, site, room, teachers, cohorts);
//! - one week grid per cohort, weeks down and days across, each cell listing
//!   the day's meetings of the cohort (and of its parent cohorts) and the
//!   closures, set up to print one page wide in landscape;
//! - hours per teacher, per UE, site and quadrimester;
//! - with a placement plan, every planned placement day.
//!
//! Written with rust_xlsxwriter; the file's creation date is fixed, so the
//! same inputs give the same bytes.

use super::labels::Lang;
use super::placements::Plan;
use super::view::{Context, Kind, Meeting};
use crate::model::time::monday_of;
use chrono::{Datelike, Duration, NaiveDate, Weekday};
use rust_xlsxwriter::{
    Color, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Table, TableColumn, Workbook, Worksheet,
    XlsxError,
};
use std::collections::{BTreeMap, BTreeSet};

/// The output file's name.
pub(crate) const FILE: &str = "timetable.xlsx";

struct Formats {
    header: Format,
    date: Format,
    time: Format,
    wrap: Format,
    closed: Format,
    title: Format,
    week: Format,
}

fn formats(lang: Lang) -> Formats {
    Formats {
        header: Format::new().set_bold().set_background_color(Color::RGB(0xD9E2F3)).set_border(FormatBorder::Thin),
        date: Format::new().set_num_format(match lang {
            Lang::Fr => "dd/mm/yyyy",
            Lang::En => "yyyy-mm-dd",
        }),
        time: Format::new().set_num_format("hh:mm"),
        wrap: Format::new().set_text_wrap().set_align(FormatAlign::Top).set_border(FormatBorder::Thin),
        closed: Format::new()
            .set_text_wrap()
            .set_align(FormatAlign::Top)
            .set_italic()
            .set_font_color(Color::RGB(0x666666))
            .set_background_color(Color::RGB(0xEEEEEE))
            .set_border(FormatBorder::Thin),
        title: Format::new().set_bold().set_font_size(13),
        week: Format::new()
            .set_num_format(match lang {
                Lang::Fr => "dd/mm/yyyy",
                Lang::En => "yyyy-mm-dd",
            })
            .set_align(FormatAlign::Top)
            .set_bold(),
    }
}

fn excel_date(d: NaiveDate) -> Result<ExcelDateTime, XlsxError> {
    ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)
}

/// The words of the workbook.
struct Words {
    meetings: &'static str,
    teacher_hours: &'static str,
    placements: &'static str,
    grid_prefix: &'static str,
    week_of: &'static str,
    meeting_columns: [&'static str; 13],
    hour_columns: [&'static str; 8],
    placement_columns: [&'static str; 13],
    outside: &'static str,
}

fn words(lang: Lang) -> Words {
    match lang {
        Lang::Fr => Words {
            meetings: "Séances",
            teacher_hours: "Heures par enseignant",
            placements: "Stages",
            grid_prefix: "Grille ",
            week_of: "Semaine du",
            meeting_columns: [
                "Date",
                "Jour",
                "Début",
                "Fin",
                "Heures",
                "UE",
                "Intitulé",
                "Activité",
                "Type",
                "Site",
                "Local",
                "Enseignants",
                "Cohortes",
            ],
            hour_columns: ["Enseignant", "Nom", "UE", "Intitulé", "Site", "Quadrimestre", "Séances", "Heures"],
            placement_columns: [
                "Étudiant",
                "Exigence",
                "Lieu de stage",
                "Statut",
                "Quota",
                "Validées",
                "Enregistrées",
                "Planifiées",
                "Restantes",
                "Date",
                "Début",
                "Fin",
                "Heures",
            ],
            outside: "hors quadrimestre",
        },
        Lang::En => Words {
            meetings: "Meetings",
            teacher_hours: "Teacher hours",
            placements: "Placements",
            grid_prefix: "Grid ",
            week_of: "Week of",
            meeting_columns: [
                "Date", "Day", "Start", "End", "Hours", "UE", "Title", "Activity", "Kind", "Site", "Room", "Teachers",
                "Cohorts",
            ],
            hour_columns: ["Teacher", "Name", "UE", "Title", "Site", "Quadrimester", "Meetings", "Hours"],
            placement_columns: [
                "Student",
                "Requirement",
                "Host",
                "Status",
                "Quota",
                "Validated",
                "Logged",
                "Planned",
                "Remaining",
                "Date",
                "Start",
                "End",
                "Hours",
            ],
            outside: "outside the quadrimesters",
        },
    }
}

/// `timetable.xlsx`.
pub(crate) fn render(ctx: &Context<'_>, plans: Option<&Vec<Plan>>) -> Result<BTreeMap<String, Vec<u8>>, XlsxError> {
    let lang = ctx.lang;
    let w = words(lang);
    let f = formats(lang);
    let mut book = Workbook::new();
    let created = ExcelDateTime::from_ymd(2025, 1, 1)?;
    book.set_properties(&DocProperties::new().set_creation_datetime(&created).set_title(&ctx.inst.name));
    meetings(book.add_worksheet(), ctx, &w, &f)?;
    let mut used: BTreeSet<String> =
        [w.meetings, w.teacher_hours, w.placements].iter().map(|s| s.to_lowercase()).collect();
    for subject in ctx.subjects.iter().filter(|s| s.kind == Kind::Cohort) {
        let name = sheet_name(&format!("{}{}", w.grid_prefix, subject.id), &mut used);
        let ws = book.add_worksheet();
        let _ = ws.set_name(&name)?;
        let title = format!("{} — {}", subject.name, ctx.inst.name);
        week_grid(ws, ctx, &title, &subject.meetings, &w, &f)?;
    }
    teacher_hours(book.add_worksheet(), ctx, &w, &f)?;
    if let Some(plans) = plans {
        placements(book.add_worksheet(), plans, ctx, &w, &f)?;
    }
    let mut files = BTreeMap::new();
    let _ = files.insert(FILE.to_string(), book.save_to_buffer()?);
    Ok(files)
}

/// A sheet name of at most 31 characters without `[]:*?/\`, not yet used
/// (compared without case, as spreadsheets do).
fn sheet_name(wanted: &str, used: &mut BTreeSet<String>) -> String {
    let clean: String = wanted.chars().map(|c| if "[]:*?/\\".contains(c) { '_' } else { c }).collect();
    let clean = clean.trim_matches('\'').to_string();
    let mut name: String = clean.chars().take(31).collect();
    let mut n = 2;
    while used.contains(&name.to_lowercase()) {
        let suffix = format!(" ({n})");
        name = clean.chars().take(31 - suffix.chars().count()).collect::<String>() + &suffix;
        n += 1;
    }
    let _ = used.insert(name.to_lowercase());
    name
}

fn hours_of(m: &Meeting) -> f64 {
    f64::from(m.minutes()) / 60.0
}

fn table(ws: &mut Worksheet, headers: &[&str], rows: usize, f: &Formats) -> Result<(), XlsxError> {
    if rows == 0 {
        for (c, h) in headers.iter().enumerate() {
            let _ = ws.write_string_with_format(0, c as u16, *h, &f.header)?;
        }
        return Ok(());
    }
    let columns: Vec<TableColumn> = headers.iter().map(|h| TableColumn::new().set_header(*h)).collect();
    let t = Table::new().set_columns(&columns);
    let _ = ws.add_table(0, 0, rows as u32, headers.len() as u16 - 1, &t)?;
    Ok(())
}

fn meetings(ws: &mut Worksheet, ctx: &Context<'_>, w: &Words, f: &Formats) -> Result<(), XlsxError> {
    let _ = ws.set_name(w.meetings)?;
    let inst = ctx.inst;
    table(ws, &w.meeting_columns, ctx.meetings.len(), f)?;
    for (i, m) in ctx.meetings.iter().enumerate() {
        let r = i as u32 + 1;
        let (code, title) = ctx.ue_of(m);
        let act = &inst.activities[m.activity.index()];
        let _ = ws.write_datetime_with_format(r, 0, &excel_date(m.date)?, &f.date)?;
        let _ = ws.write_string(r, 1, ctx.lang.weekday(m.date.weekday()))?;
        let _ = ws.write_number_with_format(r, 2, f64::from(m.start.minutes()) / 1440.0, &f.time)?;
        let _ = ws.write_number_with_format(r, 3, f64::from(m.end.minutes()) / 1440.0, &f.time)?;
        let _ = ws.write_number(r, 4, hours_of(m))?;
        let _ = ws.write_string(r, 5, code)?;
        let _ = ws.write_string(r, 6, title)?;
        let _ = ws.write_string(r, 7, &act.id)?;
        let _ = ws.write_string(r, 8, &act.kind)?;
        let _ = ws.write_string(r, 9, &inst.sites[m.site.index()].name)?;
        let _ = ws.write_string(r, 10, &inst.rooms[m.room.index()].id)?;
        let _ = ws.write_string(r, 11, ctx.teacher_names(m).join(", "))?;
        let _ = ws.write_string(r, 12, ctx.cohort_names(m).join(", "))?;
    }
    for (c, width) in [11.0, 10.0, 7.0, 7.0, 7.0, 10.0, 36.0, 18.0, 10.0, 18.0, 10.0, 30.0, 24.0].iter().enumerate() {
        let _ = ws.set_column_width(c as u16, *width)?;
    }
    let _ = ws.set_freeze_panes(1, 0)?;
    Ok(())
}

/// Weeks down, days across; a cell lists the day's meetings, or the
/// closure or exam period that holds the day.
fn week_grid(
    ws: &mut Worksheet,
    ctx: &Context<'_>,
    title: &str,
    mine: &[usize],
    w: &Words,
    f: &Formats,
) -> Result<(), XlsxError> {
    let inst = ctx.inst;
    let cal = &inst.calendar;
    let _ = ws.write_string_with_format(0, 0, title, &f.title)?;
    // Every grid shows the same weeks and days: those of the whole timetable.
    let days: Vec<Weekday> = {
        let used: BTreeSet<u32> = ctx.meetings.iter().map(|m| m.date.weekday().num_days_from_monday()).collect();
        let all = [Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Thu, Weekday::Fri, Weekday::Sat, Weekday::Sun];
        all.into_iter().filter(|d| used.contains(&d.num_days_from_monday())).collect()
    };
    let (Some(first), Some(last)) = (ctx.meetings.first(), ctx.meetings.last()) else { return Ok(()) };
    let _ = ws.write_string_with_format(2, 0, w.week_of, &f.header)?;
    for (c, d) in days.iter().enumerate() {
        let _ = ws.write_string_with_format(2, c as u16 + 1, ctx.lang.weekday(*d), &f.header)?;
        let _ = ws.set_column_width(c as u16 + 1, 32)?;
    }
    let _ = ws.set_column_width(0, 12)?;
    let mut by_day: BTreeMap<NaiveDate, Vec<&Meeting>> = BTreeMap::new();
    for &i in mine {
        let m = &ctx.meetings[i];
        by_day.entry(m.date).or_default().push(m);
    }
    let closed = |d: NaiveDate| -> Option<&str> {
        cal.closures.iter().chain(&cal.exam_periods).find(|l| l.range.contains(d)).map(|l| l.label.as_str())
    };
    let mut week = monday_of(first.date);
    let mut r = 3u32;
    while week <= last.date {
        let _ = ws.write_datetime_with_format(r, 0, &excel_date(week)?, &f.week)?;
        let mut lines_max = 1usize;
        for (c, d) in days.iter().enumerate() {
            let date = week + Duration::days(i64::from(d.num_days_from_monday()));
            let col = c as u16 + 1;
            match by_day.get(&date) {
                Some(list) => {
                    let text: Vec<String> = list
                        .iter()
                        .map(|m| {
                            let (code, _) = ctx.ue_of(m);
                            let act = &inst.activities[m.activity.index()];
                            let site = &inst.sites[m.site.index()];
                            let place = if site.city.is_empty() { &site.name } else { &site.city };
                            let mut second = vec![place.as_str(), inst.rooms[m.room.index()].id.as_str()];
                            second.extend(ctx.teacher_names(m));
                            format!("{}–{} {} {}\n{}", m.start, m.end, code, act.kind, second.join(" · "))
                        })
                        .collect();
                    let text = text.join("\n");
                    lines_max = lines_max.max(wrapped_lines(&text));
                    let _ = ws.write_string_with_format(r, col, text, &f.wrap)?;
                }
                None => match closed(date) {
                    Some(label) => {
                        lines_max = lines_max.max(wrapped_lines(label));
                        let _ = ws.write_string_with_format(r, col, label, &f.closed)?;
                    }
                    None => {
                        let _ = ws.write_blank(r, col, &f.wrap)?;
                    }
                },
            }
        }
        let _ = ws.set_row_height(r, 15 * lines_max as u32)?;
        week += Duration::days(7);
        r += 1;
    }
    let _ = ws.set_freeze_panes(3, 1)?;
    let _ = ws.set_landscape();
    let _ = ws.set_print_fit_to_pages(1, 0);
    let _ = ws.set_repeat_rows(2, 2)?;
    Ok(())
}

/// The lines a cell of the week grid takes once wrapped (its columns are
/// 30 characters wide), for the row's height.
fn wrapped_lines(text: &str) -> usize {
    text.split('\n').map(|l| l.chars().count().div_ceil(GRID_COLUMN_CHARS).max(1)).sum()
}

/// Characters a line of a week-grid cell holds before it wraps.
const GRID_COLUMN_CHARS: usize = 34;

/// Teacher id, UE code, site id, quadrimester: the order of the rows.
type HoursKey = (String, String, String, String);
/// Teacher, UE and site indices, meetings, minutes.
type HoursRow = (usize, usize, usize, u32, u32);

fn teacher_hours(ws: &mut Worksheet, ctx: &Context<'_>, w: &Words, f: &Formats) -> Result<(), XlsxError> {
    let _ = ws.set_name(w.teacher_hours)?;
    let inst = ctx.inst;
    let cal = &inst.calendar;
    let mut rows: BTreeMap<HoursKey, HoursRow> = BTreeMap::new();
    for m in &ctx.meetings {
        let ue = inst.activities[m.activity.index()].ue.index();
        let quad = if cal.q1.contains(m.date) {
            "Q1"
        } else if cal.q2.contains(m.date) {
            "Q2"
        } else {
            w.outside
        };
        for t in &m.teachers {
            let key = (
                inst.teachers[t.index()].id.clone(),
                inst.ues[ue].code.clone(),
                inst.sites[m.site.index()].id.clone(),
                quad.to_string(),
            );
            let e = rows.entry(key).or_insert((t.index(), ue, m.site.index(), 0, 0));
            e.3 += 1;
            e.4 += m.minutes();
        }
    }
    table(ws, &w.hour_columns, rows.len(), f)?;
    for (i, ((_, _, _, quad), (t, ue, site, count, minutes))) in rows.iter().enumerate() {
        let r = i as u32 + 1;
        let teacher = &inst.teachers[*t];
        let _ = ws.write_string(r, 0, &teacher.id)?;
        let _ = ws.write_string(r, 1, &teacher.name)?;
        let _ = ws.write_string(r, 2, &inst.ues[*ue].code)?;
        let _ = ws.write_string(r, 3, &inst.ues[*ue].title)?;
        let _ = ws.write_string(r, 4, &inst.sites[*site].name)?;
        let _ = ws.write_string(r, 5, quad)?;
        let _ = ws.write_number(r, 6, f64::from(*count))?;
        let _ = ws.write_number(r, 7, f64::from(*minutes) / 60.0)?;
    }
    for (c, width) in [20.0, 24.0, 10.0, 36.0, 18.0, 14.0, 9.0, 9.0].iter().enumerate() {
        let _ = ws.set_column_width(c as u16, *width)?;
    }
    let _ = ws.set_freeze_panes(1, 0)?;
    Ok(())
}

fn placements(ws: &mut Worksheet, plans: &[Plan], ctx: &Context<'_>, w: &Words, f: &Formats) -> Result<(), XlsxError> {
    let _ = ws.set_name(w.placements)?;
    let l = ctx.lang.labels();
    let rows: usize = plans.iter().map(|p| p.days.len().max(1)).sum();
    table(ws, &w.placement_columns, rows, f)?;
    let mut r = 1u32;
    for p in plans {
        let status = match p.status {
            super::placements::Status::OnTrack => l.status_on_track,
            super::placements::Status::AtRisk => l.status_at_risk,
            super::placements::Status::CannotFinish => l.status_cannot_finish,
            super::placements::Status::Done => l.status_done,
        };
        let head = |ws: &mut Worksheet, r: u32| -> Result<(), XlsxError> {
            let _ = ws.write_string(r, 0, &p.student)?;
            let _ = ws.write_string(r, 1, &p.requirement)?;
            let _ = ws.write_string(r, 2, p.host_name.as_deref().unwrap_or(""))?;
            let _ = ws.write_string(r, 3, status)?;
            for (c, v) in [p.quota, p.validated, p.logged, p.planned, p.remaining()].iter().enumerate() {
                let _ = ws.write_number(r, 4 + c as u16, *v)?;
            }
            Ok(())
        };
        if p.days.is_empty() {
            head(ws, r)?;
            r += 1;
        }
        for d in &p.days {
            head(ws, r)?;
            let _ = ws.write_datetime_with_format(r, 9, &excel_date(d.date)?, &f.date)?;
            let _ = ws.write_number_with_format(r, 10, f64::from(d.start.minutes()) / 1440.0, &f.time)?;
            let _ = ws.write_number_with_format(r, 11, f64::from(d.end.minutes()) / 1440.0, &f.time)?;
            let _ = ws.write_number(r, 12, d.hours)?;
            r += 1;
        }
    }
    for (c, width) in [12.0, 14.0, 24.0, 14.0, 8.0, 9.0, 11.0, 10.0, 10.0, 11.0, 7.0, 7.0, 7.0].iter().enumerate() {
        let _ = ws.set_column_width(c as u16, *width)?;
    }
    let _ = ws.set_freeze_panes(1, 0)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_names_are_short_clean_and_distinct() {
        let mut used = BTreeSet::new();
        let a = sheet_name("Grille edu-b1/option:[x]", &mut used);
        assert_eq!(a, "Grille edu-b1_option__x_");
        let long = "Grille une-cohorte-au-nom-vraiment-tres-long";
        let b = sheet_name(long, &mut used);
        let c = sheet_name(long, &mut used);
        assert_eq!(b.chars().count(), 31);
        assert!(c.ends_with(" (2)") && c.chars().count() <= 31, "{c}");
        assert_ne!(b, c);
        assert_eq!(sheet_name("GRILLE EDU-B1_OPTION__X_", &mut used), "GRILLE EDU-B1_OPTION__X_ (2)");
    }
}
