//! Writing a workbook with rust_xlsxwriter: the first sheet explains the
//! others; each data sheet has a frozen header row with a comment per
//! column, drop-down lists, column widths fitted to what they hold, and the
//! given rows.

use super::Lang;
use super::rows::{Out, Rows};
use super::schema::{self, Kind, SHEETS, SheetKey};
use rust_xlsxwriter::{
    Color, DataValidation, DataValidationErrorStyle, DocProperties, ExcelDateTime, Format, FormatBorder, Formula, Note,
    Workbook, Worksheet, XlsxError,
};

/// Drop-down lists and formats reach at least this many rows below the header.
const MIN_ROWS: u32 = 500;
/// …and this many past the last row written.
const SPARE_ROWS: u32 = 200;

/// The creation date written in the file's properties: fixed, so that the
/// same input gives the same bytes.
fn properties(lang: Lang) -> Result<DocProperties, XlsxError> {
    let date = ExcelDateTime::from_ymd(2025, 1, 1)?;
    let title = match lang {
        Lang::Fr => "Classeur horaire",
        Lang::En => "horaire workbook",
    };
    Ok(DocProperties::new().set_creation_datetime(&date).set_title(title).set_author("horaire"))
}

/// The `'Sheet'!$A$2:$A$N` range of a column, for drop-down lists.
fn column_range(sheet: SheetKey, key: &str, last_row: u32, lang: Lang) -> Option<String> {
    let s = schema::sheet(sheet);
    let (i, _) = s.column(key)?;
    let letter = rust_xlsxwriter::utility::column_number_to_name(i as u16);
    let name = s.name.get(lang).replace('\'', "''");
    Some(format!("='{name}'!${letter}$2:${letter}${}", last_row + 1))
}

/// Writes the workbook.
pub(crate) fn workbook(rows: &Rows, lang: Lang) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    book.set_properties(&properties(lang)?);
    let header = Format::new()
        .set_bold()
        .set_background_color(Color::RGB(0xD9E2F3))
        .set_border_bottom(FormatBorder::Thin)
        .set_text_wrap();
    let text = Format::new().set_num_format("@");
    let date = Format::new().set_num_format(match lang {
        Lang::Fr => "dd/mm/yyyy",
        Lang::En => "yyyy-mm-dd",
    });
    let time = Format::new().set_num_format("[hh]:mm");
    let number = Format::new().set_num_format("General");
    let last_row = |key: SheetKey| -> u32 {
        let n = rows.iter().find(|(k, _)| *k == key).map_or(0, |(_, r)| r.len() as u32);
        (n + SPARE_ROWS).max(MIN_ROWS)
    };

    readme(book.add_worksheet(), lang, &header)?;
    for (key, data) in rows {
        let sheet = schema::sheet(*key);
        let ws = book.add_worksheet();
        let _ = ws.set_name(sheet.name.get(lang))?;
        let last = last_row(*key);
        for (c, column) in sheet.columns.iter().enumerate() {
            let c16 = c as u16;
            let format = match column.kind {
                Kind::Date => &date,
                Kind::Time => &time,
                Kind::Number | Kind::Whole => &number,
                _ => &text,
            };
            let _ = ws.set_column_format(c16, format)?;
            // Wide enough for the header, what the column holds, and no wider than a screen.
            let widest = data.iter().map(|r| shown_width(&r[c])).max().unwrap_or(0) as f64;
            let width = column.width.max(widest + 1.0).min(60.0);
            let _ = ws.set_column_width(c16, width)?;
            let _ = ws.write_string_with_format(0, c16, column.header.get(lang), &header)?;
            let note = Note::new(column.help.get(lang)).add_author_prefix(false).set_width(260).set_height(90);
            let _ = ws.insert_note(0, c16, &note)?;
            if let Some(v) = validation(column.kind, &last_row, lang)? {
                let _ = ws.add_data_validation(1, c16, last, c16, &v)?;
            }
        }
        let _ = ws.set_freeze_panes(1, 0)?;
        for (r, row) in data.iter().enumerate() {
            let r = r as u32 + 1;
            for (c, value) in row.iter().enumerate() {
                let c = c as u16;
                match value {
                    Out::Empty => {}
                    Out::Text(s) => {
                        let _ = ws.write_string_with_format(r, c, s, &text)?;
                    }
                    Out::Number(v) => {
                        let _ = ws.write_number_with_format(r, c, *v, &number)?;
                    }
                    Out::Date(d) => {
                        use chrono::Datelike;
                        let dt = ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)?;
                        let _ = ws.write_datetime_with_format(r, c, &dt, &date)?;
                    }
                    Out::Time(m) => {
                        let _ = ws.write_number_with_format(r, c, f64::from(*m) / 1440.0, &time)?;
                    }
                }
            }
        }
    }
    book.save_to_buffer()
}

/// Characters a value shows.
fn shown_width(v: &Out) -> usize {
    match v {
        Out::Empty => 0,
        Out::Text(s) => s.chars().count(),
        Out::Number(_) => 6,
        Out::Date(_) => 10,
        Out::Time(_) => 5,
    }
}

/// The drop-down list of a column, if it has one. Fixed values stop other
/// input; ids of other sheets and lists only suggest (a cell may hold
/// several ids, or an id typed before its row exists).
fn validation(kind: Kind, last_row: &dyn Fn(SheetKey) -> u32, lang: Lang) -> Result<Option<DataValidation>, XlsxError> {
    let strings = |choices: &[schema::Choice]| -> Vec<&str> { choices.iter().map(|c| c.label.get(lang)).collect() };
    let v = match kind {
        Kind::Choice(choices) => DataValidation::new().allow_list_strings(&strings(choices))?,
        Kind::Suggest(choices) => DataValidation::new()
            .allow_list_strings(&strings(choices))?
            .set_error_style(DataValidationErrorStyle::Information),
        Kind::Days => {
            let days: Vec<&str> = schema::DAYS.iter().map(|d| if lang == Lang::Fr { d.1 } else { d.0 }).collect();
            DataValidation::new().allow_list_strings(&days)?.set_error_style(DataValidationErrorStyle::Information)
        }
        Kind::Ref(sheet, key) | Kind::RefList(sheet, key) => {
            let Some(range) = column_range(sheet, key, last_row(sheet), lang) else { return Ok(None) };
            let style = if matches!(kind, Kind::Ref(..)) {
                DataValidationErrorStyle::Warning
            } else {
                DataValidationErrorStyle::Information
            };
            DataValidation::new().allow_list_formula(Formula::new(range)).set_error_style(style)
        }
        Kind::Text | Kind::Number | Kind::Whole | Kind::Time | Kind::Date => return Ok(None),
    };
    Ok(Some(v.ignore_blank(true)))
}

/// The first sheet: how to fill the workbook, and two lines per sheet.
fn readme(ws: &mut Worksheet, lang: Lang, header: &Format) -> Result<(), XlsxError> {
    let _ = ws.set_name(schema::sheet(SheetKey::Readme).name.get(lang))?;
    let title = Format::new().set_bold().set_font_size(14);
    let wrap = Format::new().set_text_wrap().set_align(rust_xlsxwriter::FormatAlign::Top);
    let bold = Format::new().set_bold().set_align(rust_xlsxwriter::FormatAlign::Top);
    let _ = ws.set_column_width(0, 26)?;
    let _ = ws.set_column_width(1, 110)?;
    let (heading, lines, sheet_h, content_h): (&str, &[&str], &str, &str) = match lang {
        Lang::Fr => (
            "Classeur horaire : un programme à remplir, puis « horaire workbook import CLASSEUR.xlsx --out INSTANCE.json »",
            &[
                "Une feuille par partie de l'instance ; la première ligne de chaque feuille est l'en-tête, et le commentaire de chaque en-tête dit ce que la colonne attend.",
                "Chaque feuille contient une ligne d'exemple, à remplacer par les vôtres ; le calendrier FWB 2025-2026 est déjà rempli.",
                "Listes dans une cellule (enseignants, cohortes, sites, jours) : éléments séparés par « ; », p. ex. « dupont; martin ».",
                "Dates : AAAA-MM-JJ, JJ/MM/AAAA ou une date du tableur. Heures : 17:15, 17h15 ou une heure du tableur. Nombres : 2,5 ou 2.5.",
                "Une cellule vide de la première colonne des feuilles Grilles horaires, Locaux, Indisponibilités, Activités, Ouvertures et Disponibilités reprend la valeur du dessus (une cellule fusionnée sur plusieurs lignes se lit de même).",
                "Les feuilles et les colonnes aux autres noms sont ignorées (vos notes). L'import signale chaque problème avec sa feuille, sa ligne et sa colonne.",
            ],
            "Feuille",
            "Contenu",
        ),
        Lang::En => (
            "horaire workbook: fill in a programme, then \"horaire workbook import WORKBOOK.xlsx --out INSTANCE.json\"",
            &[
                "One sheet per part of the instance; the first row of each sheet is its header, and the comment on each header says what the column expects.",
                "Each sheet holds one example row, to replace with yours; the FWB 2025-2026 calendar is filled in.",
                "Lists inside a cell (teachers, cohorts, sites, days): items separated by \";\", e.g. \"dupont; martin\".",
                "Dates: YYYY-MM-DD, DD/MM/YYYY or a spreadsheet date. Times: 17:15, 17h15 or a spreadsheet time. Numbers: 2.5 or 2,5.",
                "An empty cell in the first column of the Time grids, Rooms, Unavailability, Activities, Opening hours and Availability sheets takes the value above (a cell merged over several rows reads the same).",
                "Sheets and columns with other names are ignored (your notes). Import reports every problem with its sheet, row and column.",
            ],
            "Sheet",
            "What it holds",
        ),
    };
    let _ = ws.write_string_with_format(0, 0, heading, &title)?;
    for (i, l) in lines.iter().enumerate() {
        let _ = ws.write_string(i as u32 + 2, 0, "•")?;
        let _ = ws.write_string_with_format(i as u32 + 2, 1, *l, &wrap)?;
    }
    let top = lines.len() as u32 + 3;
    let _ = ws.write_string_with_format(top, 0, sheet_h, header)?;
    let _ = ws.write_string_with_format(top, 1, content_h, header)?;
    for (i, s) in SHEETS.iter().filter(|s| s.key != SheetKey::Readme).enumerate() {
        let r = top + 1 + i as u32;
        let _ = ws.write_string_with_format(r, 0, s.name.get(lang), &bold)?;
        let _ = ws.write_string_with_format(r, 1, s.about.get(lang), &wrap)?;
        let _ = ws.set_row_height(r, 30)?;
    }
    Ok(())
}
