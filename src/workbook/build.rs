//! From the sheets of a workbook to the `horaire/1` file types, keeping for
//! every JSON path the sheet, row and column it came from, so that the
//! instance validation's problems are reported where the planner typed the
//! value.
//!
//! A cell that cannot be read (a word where hours are expected) is reported
//! here and replaced by a neutral value; the JSON path of that value is
//! remembered, and the validation's problems at or under it are dropped (they
//! would only describe the placeholder). A missing sheet or id column hides
//! the "unknown …" problems of the ids it would have defined, for the same
//! reason.

use super::cells::{self, CellError, quote};
use super::read::Book;
use super::schema::{self, Choice, SHEETS, Sheet, SheetKey};
use super::{Lang, SheetProblem, messages};
use crate::model::Problem;
use crate::model::file::*;
use calamine::Data;
use std::collections::{BTreeSet, HashMap};
use std::path::Path;

/// A data row: the spreadsheet's row number and one cell per schema column
/// (empty when the column is missing).
#[derive(Debug)]
struct Row {
    number: u32,
    cells: Vec<Data>,
}

/// A sheet of the workbook matched to its schema.
#[derive(Debug)]
struct Table {
    schema: &'static Sheet,
    /// Whether each schema column has a header in the sheet.
    present: Vec<bool>,
    rows: Vec<Row>,
}

/// Where a value came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Loc {
    sheet: SheetKey,
    row: Option<u32>,
    col: Option<usize>,
}

/// The instance built from a workbook, with what is needed to place the
/// validation's problems.
#[derive(Debug)]
pub(crate) struct Built {
    pub instance: InstanceFile,
    sink: Sink,
}

/// Collects problems and the origin of every JSON path.
#[derive(Debug)]
struct Sink {
    lang: Lang,
    /// Per sheet: its name in the workbook and the header of each column
    /// (as in the workbook, or as expected when missing).
    names: HashMap<SheetKey, (String, Vec<String>)>,
    /// Sort key (sheet, row, column) and problem.
    problems: Vec<((usize, u32, usize), SheetProblem)>,
    paths: HashMap<String, Loc>,
    repaired: Vec<String>,
    hidden: BTreeSet<&'static str>,
}

/// The kinds of id (as validation names them) a sheet defines.
fn kinds_defined(key: SheetKey) -> &'static [&'static str] {
    match key {
        SheetKey::Sites => &["site"],
        SheetKey::Rooms => &["room"],
        SheetKey::Grids => &["time grid"],
        SheetKey::Teachers => &["teacher"],
        SheetKey::Cohorts => &["cohort"],
        SheetKey::Programmes => &["programme"],
        SheetKey::Ues => &["UE"],
        SheetKey::Activities => &["activity"],
        SheetKey::Hosts => &["host"],
        SheetKey::Requirements => &["requirement"],
        _ => &[],
    }
}

fn sheet_order(key: SheetKey) -> usize {
    SHEETS.iter().position(|s| s.key == key).unwrap_or(0)
}

/// Whether `found` looks like a misspelling of `wanted`.
fn close(found: &str, wanted: &str) -> bool {
    let (a, b) = (found.trim().to_lowercase(), wanted.to_lowercase());
    let d = strsim::levenshtein(&a, &b);
    d <= 2 || strsim::normalized_levenshtein(&a, &b) >= 0.75
}

impl Sink {
    fn fr(&self) -> bool {
        self.lang == Lang::Fr
    }

    fn sheet_name(&self, key: SheetKey) -> String {
        self.names.get(&key).map_or_else(|| schema::sheet(key).name.get(self.lang).to_string(), |n| n.0.clone())
    }

    fn column_name(&self, key: SheetKey, col: usize) -> String {
        match self.names.get(&key).and_then(|n| n.1.get(col)) {
            Some(h) => h.clone(),
            None => {
                schema::sheet(key).columns.get(col).map(|c| c.header.get(self.lang).to_string()).unwrap_or_default()
            }
        }
    }

    fn push(&mut self, loc: Option<Loc>, message: String) {
        let (key, problem) = match loc {
            None => ((0, 0, 0), SheetProblem { sheet: None, row: None, column: None, message }),
            Some(l) => (
                (sheet_order(l.sheet) + 1, l.row.unwrap_or(0), l.col.map_or(0, |c| c + 1)),
                SheetProblem {
                    sheet: Some(self.sheet_name(l.sheet)),
                    row: l.row,
                    column: l.col.map(|c| self.column_name(l.sheet, c)),
                    message,
                },
            ),
        };
        self.problems.push((key, problem));
    }

    fn report(&mut self, loc: Loc, message: String) {
        self.push(Some(loc), message);
    }

    /// Remembers where the value at JSON path `path` came from.
    fn place(&mut self, path: impl Into<String>, at: &At<'_>, key: Option<&str>) {
        let loc = at.loc(key);
        let _ = self.paths.insert(path.into(), loc);
    }

    /// The location of a JSON path: the path itself (with `hint` first),
    /// else the nearest enclosing path that was placed.
    fn lookup(&self, path: &str, hint: Option<&str>) -> Option<Loc> {
        if let Some(h) = hint {
            if let Some(l) = self.paths.get(&format!("{path}{h}")) {
                return Some(*l);
            }
        }
        let mut p = path;
        loop {
            if let Some(l) = self.paths.get(p) {
                return Some(*l);
            }
            let cut = p.rfind(['.', '['])?;
            p = &p[..cut];
        }
    }

    /// "Enseignants, ligne 3" for a JSON path.
    fn where_text(&self, path: &str) -> String {
        match self.lookup(path, None) {
            Some(Loc { sheet, row: Some(r), .. }) => {
                format!("{}, {} {r}", self.sheet_name(sheet), if self.fr() { "ligne" } else { "row" })
            }
            Some(Loc { sheet, .. }) => self.sheet_name(sheet),
            None => path.to_string(),
        }
    }

    /// A cell that could not be read: reported, and its path marked as a
    /// placeholder.
    fn bad(&mut self, at: &At<'_>, key: &str, path: &str, e: &CellError) {
        self.report(at.loc(Some(key)), e.text(self.lang));
        self.repaired.push(path.to_string());
    }

    /// A required cell left empty.
    fn empty(&mut self, at: &At<'_>, key: &str, path: &str, what: (&str, &str)) {
        if at.present(key) {
            let msg = if self.fr() {
                format!("{} attendu : la cellule est vide", what.0)
            } else {
                format!("expected {}: the cell is empty", what.1)
            };
            self.report(at.loc(Some(key)), msg);
        }
        self.repaired.push(path.to_string());
    }

    fn text(&mut self, at: &At<'_>, key: &str, path: &str) -> String {
        self.place(path, at, Some(key));
        match cells::text(at.raw(key)) {
            Ok(s) => s,
            Err(e) => {
                self.bad(at, key, path, &e);
                String::new()
            }
        }
    }

    fn opt_text(&mut self, at: &At<'_>, key: &str, path: &str) -> Option<String> {
        Some(self.text(at, key, path)).filter(|s| !s.is_empty())
    }

    fn opt_number(&mut self, at: &At<'_>, key: &str, path: &str) -> Option<f64> {
        self.place(path, at, Some(key));
        cells::number(at.raw(key), self.lang).unwrap_or_else(|e| {
            self.bad(at, key, path, &e);
            None
        })
    }

    fn number(&mut self, at: &At<'_>, key: &str, path: &str) -> f64 {
        let v = self.opt_number(at, key, path);
        if v.is_none() && !self.repaired.iter().any(|r| r == path) {
            self.empty(at, key, path, ("nombre", "a number"));
        }
        v.unwrap_or(0.0)
    }

    fn opt_whole(&mut self, at: &At<'_>, key: &str, path: &str) -> Option<u32> {
        self.place(path, at, Some(key));
        cells::whole(at.raw(key), self.lang).unwrap_or_else(|e| {
            self.bad(at, key, path, &e);
            None
        })
    }

    fn whole(&mut self, at: &At<'_>, key: &str, path: &str) -> u32 {
        let v = self.opt_whole(at, key, path);
        if v.is_none() && !self.repaired.iter().any(|r| r == path) {
            self.empty(at, key, path, ("nombre entier", "a whole number"));
        }
        v.unwrap_or(0)
    }

    fn opt_time(&mut self, at: &At<'_>, key: &str, path: &str) -> Option<String> {
        self.place(path, at, Some(key));
        cells::time(at.raw(key)).unwrap_or_else(|e| {
            self.bad(at, key, path, &e);
            None
        })
    }

    fn time(&mut self, at: &At<'_>, key: &str, path: &str) -> String {
        let v = self.opt_time(at, key, path);
        if v.is_none() && !self.repaired.iter().any(|r| r == path) {
            self.empty(at, key, path, ("heure (HH:MM)", "a time (HH:MM)"));
        }
        v.unwrap_or_default()
    }

    fn opt_date(&mut self, at: &At<'_>, key: &str, path: &str) -> Option<String> {
        self.place(path, at, Some(key));
        cells::date(at.raw(key)).unwrap_or_else(|e| {
            self.bad(at, key, path, &e);
            None
        })
    }

    fn date(&mut self, at: &At<'_>, key: &str, path: &str) -> String {
        let v = self.opt_date(at, key, path);
        if v.is_none() && !self.repaired.iter().any(|r| r == path) {
            self.empty(at, key, path, ("date", "a date"));
        }
        v.unwrap_or_default()
    }

    fn days(&mut self, at: &At<'_>, key: &str, path: &str) -> Option<Vec<String>> {
        self.place(path, at, Some(key));
        cells::days(at.raw(key)).unwrap_or_else(|e| {
            self.bad(at, key, path, &e);
            None
        })
    }

    fn list(&mut self, at: &At<'_>, key: &str, path: &str) -> Vec<String> {
        self.place(path, at, Some(key));
        cells::items(at.raw(key)).unwrap_or_else(|e| {
            self.bad(at, key, path, &e);
            Vec::new()
        })
    }

    fn choice(&mut self, at: &At<'_>, key: &str, path: &str, choices: &[Choice]) -> Result<Option<&'static str>, ()> {
        self.place(path, at, Some(key));
        cells::choice(at.raw(key), choices, self.lang).map_err(|e| self.bad(at, key, path, &e))
    }

    /// A row that names an id (a parent) no row of `of` defines.
    fn orphan(&mut self, at: &At<'_>, key: &str, kind: &'static str, id: &str, known: &[&str]) {
        if self.hidden.contains(kind) {
            return;
        }
        let msg = if id.is_empty() {
            if self.fr() {
                "valeur attendue : la cellule est vide".to_string()
            } else {
                "expected a value: the cell is empty".to_string()
            }
        } else {
            messages::unknown(kind, id, known, self.lang)
        };
        self.report(at.loc(Some(key)), msg);
    }
}

/// One row of one table.
#[derive(Debug, Clone, Copy)]
struct At<'a> {
    table: &'a Table,
    row: &'a Row,
}

impl At<'_> {
    fn index(&self, key: &str) -> usize {
        self.table.schema.column(key).map(|(i, _)| i).expect("a column of the sheet's schema")
    }

    fn raw(&self, key: &str) -> &Data {
        &self.row.cells[self.index(key)]
    }

    fn present(&self, key: &str) -> bool {
        self.table.present[self.index(key)]
    }

    fn loc(&self, key: Option<&str>) -> Loc {
        Loc { sheet: self.table.schema.key, row: Some(self.row.number), col: key.map(|k| self.index(k)) }
    }
}

/// Matches the workbook's sheets and headers to the schema; reports
/// missing sheets and columns and misspelt names.
fn tables(book: &Book, sink: &mut Sink) -> HashMap<SheetKey, Table> {
    let lang = sink.lang;
    let fr = lang == Lang::Fr;
    let known =
        |name: &str| SHEETS.iter().find(|s| cells::same_words(name, s.name.fr) || cells::same_words(name, s.name.en));
    let unmatched: Vec<&str> = book.sheets.iter().map(|s| s.name.as_str()).filter(|n| known(n).is_none()).collect();
    let mut out = HashMap::new();
    for schema in SHEETS.iter().filter(|s| s.key != SheetKey::Readme) {
        let mut found = book.sheets.iter().filter(|s| known(&s.name).is_some_and(|k| k.key == schema.key));
        let Some(raw) = found.next() else {
            let expected = schema.name.get(lang);
            let guess = unmatched.iter().find(|u| close(u, schema.name.fr) || close(u, schema.name.en));
            if guess.is_some() || schema.required {
                let tail = match (guess, fr) {
                    (Some(g), true) => format!(" (vouliez-vous dire {} ?)", quote(g, lang)),
                    (Some(g), false) => format!(" (did you mean {}?)", quote(g, lang)),
                    (None, true) => " : cette feuille est obligatoire".to_string(),
                    (None, false) => ": this sheet is required".to_string(),
                };
                let msg = if fr {
                    format!("feuille {} introuvable{tail}", quote(expected, lang))
                } else {
                    format!("sheet {} not found{tail}", quote(expected, lang))
                };
                sink.push(None, msg);
                sink.hidden.extend(kinds_defined(schema.key));
            }
            continue;
        };
        if let Some(twin) = found.next() {
            let msg = if fr {
                format!(
                    "feuille {} en double : {} décrit déjà la même partie",
                    quote(&twin.name, lang),
                    quote(&raw.name, lang)
                )
            } else {
                format!(
                    "duplicate sheet {}: {} already holds the same part",
                    quote(&twin.name, lang),
                    quote(&raw.name, lang)
                )
            };
            sink.push(None, msg);
        }
        let mut headers: Vec<String> = schema.columns.iter().map(|c| c.header.get(lang).to_string()).collect();
        let mut where_col: Vec<Option<usize>> = vec![None; schema.columns.len()];
        let header_row = raw.rows.iter().position(|r| r.iter().any(|c| !cells::is_blank(c)));
        let mut problems: Vec<(Option<u32>, Option<usize>, String)> = Vec::new();
        let mut unknown: Vec<(usize, String)> = Vec::new();
        if let Some(h) = header_row {
            for (c, cell) in raw.rows[h].iter().enumerate() {
                let text = cells::text(cell).unwrap_or_default();
                if text.is_empty() {
                    continue;
                }
                let hit = schema
                    .columns
                    .iter()
                    .position(|col| cells::same_words(&text, col.header.fr) || cells::same_words(&text, col.header.en));
                match hit {
                    Some(i) if where_col[i].is_some() => {
                        let msg = if fr {
                            format!("colonne {} en double", quote(&text, lang))
                        } else {
                            format!("duplicate column {}", quote(&text, lang))
                        };
                        problems.push((Some(h as u32 + 1), None, msg));
                    }
                    Some(i) => {
                        where_col[i] = Some(c);
                        headers[i] = text;
                    }
                    None => unknown.push((c, text)),
                }
            }
        } else if schema.required {
            let cols: Vec<&str> = schema.columns.iter().map(|c| c.header.get(lang)).collect();
            let msg = if fr {
                format!("la feuille est vide : une ligne d'en-tête est attendue ({})", cols.join(", "))
            } else {
                format!("the sheet is empty: expected a header row ({})", cols.join(", "))
            };
            problems.push((None, None, msg));
        }
        let header_number = header_row.map(|h| h as u32 + 1);
        let mut used = vec![false; unknown.len()];
        for (i, col) in schema.columns.iter().enumerate() {
            if where_col[i].is_some() || header_row.is_none() {
                continue;
            }
            let guess = unknown
                .iter()
                .enumerate()
                .find(|(k, (_, u))| !used[*k] && (close(u, col.header.fr) || close(u, col.header.en)));
            if let Some((k, (_, u))) = guess {
                used[k] = true;
                let wanted = if strsim::levenshtein(&u.to_lowercase(), &col.header.fr.to_lowercase())
                    <= strsim::levenshtein(&u.to_lowercase(), &col.header.en.to_lowercase())
                {
                    col.header.fr
                } else {
                    col.header.en
                };
                let msg = if fr {
                    format!("en-tête inconnu {} (vouliez-vous dire {} ?)", quote(u, lang), quote(wanted, lang))
                } else {
                    format!("unknown header {} (did you mean {}?)", quote(u, lang), quote(wanted, lang))
                };
                // Located at the misspelt header: column `u`.
                problems.push((header_number, Some(schema.columns.len() + k), msg));
            } else if col.required {
                let h = col.header.get(lang);
                let msg = if fr {
                    format!("colonne {} introuvable : elle est obligatoire", quote(h, lang))
                } else {
                    format!("column {} not found: it is required", quote(h, lang))
                };
                problems.push((header_number, None, msg));
            }
            if matches!(col.key, "id" | "code") {
                sink.hidden.extend(kinds_defined(schema.key));
            }
        }
        // Unknown headers are addressed past the schema's columns.
        headers.extend(unknown.iter().map(|(_, u)| u.clone()));
        let _ = sink.names.insert(schema.key, (raw.name.clone(), headers));
        for (row, col, msg) in problems {
            sink.report(Loc { sheet: schema.key, row, col }, msg);
        }
        let mut rows = Vec::new();
        let mut last: Vec<Option<Data>> = vec![None; schema.columns.len()];
        for (r, raw_row) in raw.rows.iter().enumerate().skip(header_row.map_or(raw.rows.len(), |h| h + 1)) {
            let mut cells: Vec<Data> =
                where_col.iter().map(|c| c.and_then(|c| raw_row.get(c)).cloned().unwrap_or(Data::Empty)).collect();
            if cells.iter().all(cells::is_blank) {
                continue;
            }
            for (i, col) in schema.columns.iter().enumerate() {
                if !col.fill_down {
                    continue;
                }
                if cells::is_blank(&cells[i]) {
                    if let Some(v) = &last[i] {
                        cells[i] = v.clone();
                    }
                } else {
                    last[i] = Some(cells[i].clone());
                }
            }
            rows.push(Row { number: r as u32 + 1, cells });
        }
        let present = where_col.iter().map(Option::is_some).collect();
        let _ = out.insert(schema.key, Table { schema, present, rows });
    }
    out
}

/// Builds the instance file from the workbook.
pub(crate) fn build(book: &Book, lang: Lang) -> Built {
    let mut sink = Sink {
        lang,
        names: HashMap::new(),
        problems: Vec::new(),
        paths: HashMap::new(),
        repaired: Vec::new(),
        hidden: BTreeSet::new(),
    };
    let tables = tables(book, &mut sink);
    let s = &mut sink;
    let rows = |key: SheetKey| -> Vec<At<'_>> {
        tables.get(&key).map(|t| t.rows.iter().map(|row| At { table: t, row }).collect()).unwrap_or_default()
    };

    // Instance: one row.
    let inst_rows = rows(SheetKey::Instance);
    let (mut name, mut note) = (String::new(), None);
    match inst_rows.as_slice() {
        [] => {
            if tables.contains_key(&SheetKey::Instance) {
                let msg = if s.fr() {
                    "une ligne attendue sous l'en-tête : le nom de l'instance".to_string()
                } else {
                    "expected one row under the header: the instance's name".to_string()
                };
                s.report(Loc { sheet: SheetKey::Instance, row: None, col: None }, msg);
            }
        }
        [first, rest @ ..] => {
            name = s.text(first, "name", "name");
            if name.is_empty() && first.present("name") {
                s.empty(first, "name", "name", ("nom de l'instance", "the instance's name"));
            }
            note = s.opt_text(first, "note", "note");
            for extra in rest {
                let msg = if s.fr() {
                    format!("une seule ligne attendue (l'instance est décrite à la ligne {})", first.row.number)
                } else {
                    format!("expected a single row (the instance is described on row {})", first.row.number)
                };
                s.report(extra.loc(None), msg);
            }
        }
    }

    let calendar = calendar(s, &rows(SheetKey::Calendar), tables.contains_key(&SheetKey::Calendar));

    // Sites and rooms.
    let mut sites: Vec<SiteFile> = Vec::new();
    for (i, at) in rows(SheetKey::Sites).iter().enumerate() {
        let p = format!("sites[{i}]");
        s.place(p.clone(), at, None);
        let id = s.text(at, "id", &format!("{p}.id"));
        let name = s.text(at, "name", &format!("{p}.name"));
        let city = s.text(at, "city", &format!("{p}.city"));
        sites.push(SiteFile { id, name, city, rooms: Vec::new() });
    }
    for at in rows(SheetKey::Rooms) {
        let site = cells::text(at.raw("site")).unwrap_or_default();
        let Some(i) = sites.iter().position(|x| x.id == site) else {
            let known: Vec<&str> = sites.iter().map(|x| x.id.as_str()).collect();
            s.orphan(&at, "site", "site", &site, &known);
            continue;
        };
        let p = format!("sites[{i}].rooms[{}]", sites[i].rooms.len());
        s.place(p.clone(), &at, None);
        let id = s.text(&at, "id", &format!("{p}.id"));
        let capacity = s.whole(&at, "capacity", &format!("{p}.capacity"));
        sites[i].rooms.push(RoomFile { id, capacity });
    }
    let mut travel_minutes = Vec::new();
    for (i, at) in rows(SheetKey::Travel).iter().enumerate() {
        let p = format!("travel_minutes[{i}]");
        s.place(p.clone(), at, None);
        let from = s.text(at, "from", &format!("{p}.from"));
        let to = s.text(at, "to", &format!("{p}.to"));
        let minutes = s.whole(at, "minutes", &format!("{p}.minutes"));
        travel_minutes.push(TravelFile { from, to, minutes });
    }

    // Time grids: rows grouped by grid id, in order of first appearance.
    let mut time_grids: Vec<TimeGridFile> = Vec::new();
    for at in rows(SheetKey::Grids) {
        let id = cells::text(at.raw("grid")).unwrap_or_default();
        if id.is_empty() {
            s.orphan(&at, "grid", "time grid", "", &[]);
            continue;
        }
        let g = match time_grids.iter().position(|x| x.id == id) {
            Some(g) => g,
            None => {
                let g = time_grids.len();
                s.place(format!("time_grids[{g}]"), &at, Some("grid"));
                s.place(format!("time_grids[{g}].id"), &at, Some("grid"));
                time_grids.push(TimeGridFile { id, slots: Vec::new() });
                g
            }
        };
        let p = format!("time_grids[{g}].slots[{}]", time_grids[g].slots.len());
        let slot = slot(s, &at, &p);
        time_grids[g].slots.push(slot);
    }

    // Teachers and their unavailability.
    let mut teachers: Vec<TeacherFile> = Vec::new();
    for (i, at) in rows(SheetKey::Teachers).iter().enumerate() {
        let p = format!("teachers[{i}]");
        s.place(p.clone(), at, None);
        let id = s.text(at, "id", &format!("{p}.id"));
        let name = s.text(at, "name", &format!("{p}.name"));
        let max_days_per_week = s.opt_whole(at, "max_days_per_week", &format!("{p}.max_days_per_week"));
        let service_hours = s.opt_number(at, "service_hours", &format!("{p}.service_hours"));
        teachers.push(TeacherFile { id, name, unavailable: Vec::new(), max_days_per_week, service_hours });
    }
    for at in rows(SheetKey::Unavailability) {
        let id = cells::text(at.raw("teacher")).unwrap_or_default();
        let Some(i) = teachers.iter().position(|x| x.id == id) else {
            let known: Vec<&str> = teachers.iter().map(|x| x.id.as_str()).collect();
            s.orphan(&at, "teacher", "teacher", &id, &known);
            continue;
        };
        let p = format!("teachers[{i}].unavailable[{}]", teachers[i].unavailable.len());
        let w = when(s, &at, &p);
        teachers[i].unavailable.push(w);
    }

    // Cohorts and programmes.
    let mut cohorts = Vec::new();
    for (i, at) in rows(SheetKey::Cohorts).iter().enumerate() {
        let p = format!("cohorts[{i}]");
        s.place(p.clone(), at, None);
        let id = s.text(at, "id", &format!("{p}.id"));
        let name = s.text(at, "name", &format!("{p}.name"));
        let parent = s.opt_text(at, "parent", &format!("{p}.parent"));
        let students = s.whole(at, "students", &format!("{p}.students"));
        cohorts.push(CohortFile { id, name, parent, students });
    }
    let mut programmes = Vec::new();
    for (i, at) in rows(SheetKey::Programmes).iter().enumerate() {
        let p = format!("programmes[{i}]");
        s.place(p.clone(), at, None);
        let id = s.text(at, "id", &format!("{p}.id"));
        let name = s.text(at, "name", &format!("{p}.name"));
        let time_grid = s.text(at, "time_grid", &format!("{p}.time_grid"));
        let cohorts = s.list(at, "cohorts", &format!("{p}.cohorts"));
        let max_evenings_per_week = s.opt_whole(at, "max_evenings_per_week", &format!("{p}.max_evenings_per_week"));
        programmes.push(ProgrammeFile { id, name, time_grid, cohorts, max_evenings_per_week, competences: Vec::new() });
    }
    for at in rows(SheetKey::Competences) {
        let id = cells::text(at.raw("programme")).unwrap_or_default();
        let Some(i) = programmes.iter().position(|x| x.id == id) else {
            let known: Vec<&str> = programmes.iter().map(|x| x.id.as_str()).collect();
            s.orphan(&at, "programme", "programme", &id, &known);
            continue;
        };
        let p = format!("programmes[{i}].competences[{}]", programmes[i].competences.len());
        s.place(p.clone(), &at, None);
        let id = s.text(&at, "id", &format!("{p}.id"));
        let title = s.text(&at, "title", &format!("{p}.title"));
        programmes[i].competences.push(CompetenceFile { id, title });
    }

    // UEs and their activities.
    let mut ues: Vec<UeFile> = Vec::new();
    for (i, at) in rows(SheetKey::Ues).iter().enumerate() {
        let p = format!("ues[{i}]");
        s.place(p.clone(), at, None);
        let code = s.text(at, "code", &format!("{p}.code"));
        let title = s.text(at, "title", &format!("{p}.title"));
        let programme = s.text(at, "programme", &format!("{p}.programme"));
        let block = s.opt_whole(at, "block", &format!("{p}.block"));
        let credits = s.opt_number(at, "credits", &format!("{p}.credits"));
        let period = period(s, at, &format!("{p}.period"));
        let corequisite = s.opt_text(at, "corequisite", &format!("{p}.corequisite"));
        let note = s.opt_text(at, "note", &format!("{p}.note"));
        let competences = s.list(at, "competences", &format!("{p}.competences"));
        ues.push(UeFile {
            code,
            title,
            programme,
            block,
            credits,
            period,
            corequisite,
            note,
            activities: Vec::new(),
            competences,
        });
    }
    for at in rows(SheetKey::Activities) {
        let code = cells::text(at.raw("ue")).unwrap_or_default();
        let Some(i) = ues.iter().position(|x| x.code == code) else {
            let known: Vec<&str> = ues.iter().map(|x| x.code.as_str()).collect();
            s.orphan(&at, "ue", "UE", &code, &known);
            continue;
        };
        let p = format!("ues[{i}].activities[{}]", ues[i].activities.len());
        let a = activity(s, &at, &p);
        ues[i].activities.push(a);
    }

    let mut enrolments = Vec::new();
    for (i, at) in rows(SheetKey::Enrolments).iter().enumerate() {
        let p = format!("enrolments[{i}]");
        s.place(p.clone(), at, None);
        let student = s.text(at, "student", &format!("{p}.student"));
        let activities = s.list(at, "activities", &format!("{p}.activities"));
        enrolments.push(EnrolmentFile { student, activities });
    }

    let placements = placements(s, &rows);

    let instance = InstanceFile {
        format: INSTANCE_FORMAT.to_string(),
        name,
        note,
        calendar,
        sites,
        travel_minutes,
        time_grids,
        teachers,
        cohorts,
        programmes,
        ues,
        enrolments,
        placements,
    };
    Built { instance, sink }
}

/// A weekly slot (a grid's or a host's): days, start, end.
fn slot(s: &mut Sink, at: &At<'_>, p: &str) -> SlotFile {
    s.place(p.to_string(), at, None);
    let days = s.days(at, "days", &format!("{p}.days")).unwrap_or_default();
    let start = s.time(at, "start", &format!("{p}.start"));
    let end = s.time(at, "end", &format!("{p}.end"));
    SlotFile { days, start, end }
}

/// An unavailability or an availability: days, dates, times, all optional.
fn when(s: &mut Sink, at: &At<'_>, p: &str) -> WhenFile {
    s.place(p.to_string(), at, None);
    WhenFile {
        days: s.days(at, "days", &format!("{p}.days")),
        from: s.opt_date(at, "from", &format!("{p}.from")),
        to: s.opt_date(at, "to", &format!("{p}.to")),
        start: s.opt_time(at, "start", &format!("{p}.start")),
        end: s.opt_time(at, "end", &format!("{p}.end")),
    }
}

/// A UE's period: Q1, Q2, annual, or dates from the From and To columns.
fn period(s: &mut Sink, at: &At<'_>, p: &str) -> PeriodFile {
    let fr = s.fr();
    let Ok(named) = s.choice(at, "period", p, schema::PERIODS) else { return PeriodFile::Named(String::new()) };
    let has_dates = !cells::is_blank(at.raw("from")) || !cells::is_blank(at.raw("to"));
    match named {
        Some("dates") | None if has_dates || named.is_some() => {
            let from = s.date(at, "from", &format!("{p}.from"));
            let to = s.date(at, "to", &format!("{p}.to"));
            PeriodFile::Range(RangeFile { from, to })
        }
        Some(code) => {
            if has_dates {
                let msg = if fr {
                    format!(
                        "Du et Au ne valent que pour la période « dates », pas pour {}",
                        quote(code_label(code, s.lang), s.lang)
                    )
                } else {
                    format!(
                        "From and To only go with the period \"dates\", not with {}",
                        quote(code_label(code, s.lang), s.lang)
                    )
                };
                let col = if cells::is_blank(at.raw("from")) { "to" } else { "from" };
                s.report(at.loc(Some(col)), msg);
            }
            PeriodFile::Named(code.to_string())
        }
        None => {
            s.empty(at, "period", p, ("période (Q1, Q2, annuel ou dates)", "a period (Q1, Q2, annual or dates)"));
            PeriodFile::Named(String::new())
        }
    }
}

fn code_label(code: &str, lang: Lang) -> &'static str {
    schema::PERIODS.iter().find(|c| c.code == code).map_or("", |c| c.label.get(lang))
}

/// An activity row.
fn activity(s: &mut Sink, at: &At<'_>, p: &str) -> ActivityFile {
    s.place(p.to_string(), at, None);
    let id = s.text(at, "id", &format!("{p}.id"));
    let kind = s.text(at, "kind", &format!("{p}.kind"));
    let hours = s.number(at, "hours", &format!("{p}.hours"));
    let session_hours = s.number(at, "session_hours", &format!("{p}.session_hours"));
    let teachers = s.list(at, "teachers", &format!("{p}.teachers"));
    let cohorts = s.list(at, "cohorts", &format!("{p}.cohorts"));
    let sp = format!("{p}.site");
    let rule = s.choice(at, "site_rule", &format!("{sp}.rule"), schema::SITE_RULES);
    let sites = s.list(at, "sites", &sp);
    let fr = s.fr();
    let site = match rule {
        Err(()) => {
            s.repaired.push(sp.clone());
            SiteRuleFile::AnyOf(sites)
        }
        Ok(Some("alternate")) => SiteRuleFile::Alternate(sites),
        Ok(Some("any_of")) => SiteRuleFile::AnyOf(sites),
        Ok(_) if sites.is_empty() => {
            s.empty(at, "sites", &sp, ("site", "a site"));
            SiteRuleFile::Fixed(String::new())
        }
        Ok(_) if sites.len() == 1 => SiteRuleFile::Fixed(sites[0].clone()),
        Ok(rule) => {
            let msg = match (rule.is_some(), fr) {
                (true, true) => format!("un seul site attendu pour la règle « fixe », trouvé {}", sites.len()),
                (true, false) => format!("expected one site for the rule \"fixed\", found {}", sites.len()),
                (false, true) => format!(
                    "{} sites et aucune règle de site : indiquez alternance ou au choix dans la colonne Règle de site",
                    sites.len()
                ),
                (false, false) => {
                    format!("{} sites and no site rule: give alternate or any of in the Site rule column", sites.len())
                }
            };
            s.report(at.loc(Some("sites")), msg);
            s.repaired.push(sp.clone());
            SiteRuleFile::AnyOf(sites)
        }
    };
    let frequency = match s.choice(at, "frequency", &format!("{p}.frequency"), schema::FREQUENCIES) {
        Ok(Some(f)) => f.to_string(),
        _ => "any".to_string(),
    };
    ActivityFile { id, kind, hours, session_hours, teachers, cohorts, site, frequency, pins: Vec::new() }
}

/// The calendar: its rows, or a single `file` row.
fn calendar(s: &mut Sink, rows: &[At<'_>], present: bool) -> CalendarRef {
    let fr = s.fr();
    let mut single: HashMap<&'static str, At<'_>> = HashMap::new();
    let mut closures = Vec::new();
    let mut exam_periods = Vec::new();
    for at in rows {
        let Ok(item) = s.choice(at, "item", "calendar.item", schema::CALENDAR_ITEMS) else { continue };
        let Some(item) = item else {
            s.empty(
                at,
                "item",
                "calendar.item",
                ("élément (année, Q1, Q2, fermeture…)", "an item (year, Q1, Q2, closure…)"),
            );
            continue;
        };
        match item {
            "closure" => closures.push(*at),
            "exams" => exam_periods.push(*at),
            _ => {
                if let Some(first) = single.get(item) {
                    let label =
                        schema::CALENDAR_ITEMS.iter().find(|c| c.code == item).map_or(item, |c| c.label.get(s.lang));
                    let msg = if fr {
                        format!("élément {} en double (déjà à la ligne {})", quote(label, s.lang), first.row.number)
                    } else {
                        format!("duplicate item {} (already on row {})", quote(label, s.lang), first.row.number)
                    };
                    s.report(at.loc(Some("item")), msg);
                } else {
                    let _ = single.insert(item, *at);
                }
            }
        }
    }
    if let Some(file) = single.get("file").copied() {
        let others = rows.iter().filter(|r| r.row.number != file.row.number).count();
        if others > 0 {
            let msg = if fr {
                "une ligne « fichier » désigne tout le calendrier : retirez les autres lignes ou celle-ci".to_string()
            } else {
                "a \"file\" row names the whole calendar: remove the other rows or this one".to_string()
            };
            s.report(file.loc(Some("item")), msg);
        }
        let path = s.text(&file, "label", "calendar");
        if path.is_empty() {
            s.empty(&file, "label", "calendar", ("chemin du fichier de calendrier", "the calendar file's path"));
        }
        return CalendarRef::Path(path);
    }
    let range = |s: &mut Sink, item: &'static str, path: &str| -> RangeFile {
        match single.get(item).copied() {
            Some(at) => {
                s.place(path.to_string(), &at, None);
                RangeFile {
                    from: s.date(&at, "from", &format!("{path}.from")),
                    to: s.date(&at, "to", &format!("{path}.to")),
                }
            }
            None => {
                if present {
                    let label =
                        schema::CALENDAR_ITEMS.iter().find(|c| c.code == item).map_or(item, |c| c.label.get(s.lang));
                    let msg = if s.fr() {
                        format!(
                            "ligne {} manquante (Élément {}, avec Du et Au)",
                            quote(label, s.lang),
                            quote(label, s.lang)
                        )
                    } else {
                        format!(
                            "row {} missing (Item {}, with From and To)",
                            quote(label, s.lang),
                            quote(label, s.lang)
                        )
                    };
                    s.report(Loc { sheet: SheetKey::Calendar, row: None, col: None }, msg);
                }
                s.repaired.push(path.to_string());
                RangeFile { from: String::new(), to: String::new() }
            }
        }
    };
    let year = range(s, "year", "calendar.year");
    let q1 = range(s, "Q1", "calendar.quadrimesters.Q1");
    let q2 = range(s, "Q2", "calendar.quadrimesters.Q2");
    let labeled = |s: &mut Sink, list: &[At<'_>], key: &str| -> Vec<LabeledRangeFile> {
        list.iter()
            .enumerate()
            .map(|(k, at)| {
                let p = format!("calendar.{key}[{k}]");
                s.place(p.clone(), at, None);
                LabeledRangeFile {
                    from: s.date(at, "from", &format!("{p}.from")),
                    to: s.date(at, "to", &format!("{p}.to")),
                    label: s.text(at, "label", &format!("{p}.label")),
                }
            })
            .collect()
    };
    let closures = labeled(s, &closures, "closures");
    let exam_periods = labeled(s, &exam_periods, "exam_periods");
    let name = match single.get("name").copied() {
        Some(at) => s.text(&at, "label", "calendar.name"),
        None => String::new(),
    };
    let note = single.get("note").copied().and_then(|at| s.opt_text(&at, "label", "calendar.note"));
    CalendarRef::Inline(Box::new(CalendarFile {
        format: CALENDAR_FORMAT.to_string(),
        name,
        note,
        year,
        quadrimesters: QuadrimestersFile { Q1: q1, Q2: q2 },
        closures,
        exam_periods,
    }))
}

/// The placement sheets; `None` when they hold no row.
fn placements<'a>(s: &mut Sink, rows: &dyn Fn(SheetKey) -> Vec<At<'a>>) -> Option<PlacementsFile> {
    let mut hosts: Vec<HostFile> = Vec::new();
    for (i, at) in rows(SheetKey::Hosts).iter().enumerate() {
        let p = format!("placements.hosts[{i}]");
        s.place(p.clone(), at, None);
        let id = s.text(at, "id", &format!("{p}.id"));
        let name = s.text(at, "name", &format!("{p}.name"));
        let city = s.text(at, "city", &format!("{p}.city"));
        let capacity = s.whole(at, "capacity", &format!("{p}.capacity"));
        hosts.push(HostFile { id, name, city, capacity, open: Vec::new() });
    }
    let opening = rows(SheetKey::Opening);
    for at in &opening {
        let id = cells::text(at.raw("host")).unwrap_or_default();
        let Some(i) = hosts.iter().position(|x| x.id == id) else {
            let known: Vec<&str> = hosts.iter().map(|x| x.id.as_str()).collect();
            s.orphan(at, "host", "host", &id, &known);
            continue;
        };
        let p = format!("placements.hosts[{i}].open[{}]", hosts[i].open.len());
        let slot = slot(s, at, &p);
        hosts[i].open.push(slot);
    }
    let mut requirements = Vec::new();
    for (i, at) in rows(SheetKey::Requirements).iter().enumerate() {
        let p = format!("placements.requirements[{i}]");
        s.place(p.clone(), at, None);
        requirements.push(RequirementFile {
            id: s.text(at, "id", &format!("{p}.id")),
            ue: s.text(at, "ue", &format!("{p}.ue")),
            cohort: s.text(at, "cohort", &format!("{p}.cohort")),
            hours: s.number(at, "hours", &format!("{p}.hours")),
            from: s.date(at, "from", &format!("{p}.from")),
            to: s.date(at, "to", &format!("{p}.to")),
            max_hours_per_day: s.opt_number(at, "max_hours_per_day", &format!("{p}.max_hours_per_day")),
            max_hours_per_week: s.opt_number(at, "max_hours_per_week", &format!("{p}.max_hours_per_week")),
        });
    }
    let mut students: Vec<StudentFile> = Vec::new();
    for (i, at) in rows(SheetKey::Students).iter().enumerate() {
        let p = format!("placements.students[{i}]");
        s.place(p.clone(), at, None);
        students.push(StudentFile {
            id: s.text(at, "id", &format!("{p}.id")),
            cohort: s.text(at, "cohort", &format!("{p}.cohort")),
            requirement: s.text(at, "requirement", &format!("{p}.requirement")),
            host: s.opt_text(at, "host", &format!("{p}.host")),
            preferences: s.list(at, "preferences", &format!("{p}.preferences")),
            available: None,
        });
    }
    for at in rows(SheetKey::Availability) {
        let id = cells::text(at.raw("student")).unwrap_or_default();
        let Some(i) = students.iter().position(|x| x.id == id) else {
            let known: Vec<&str> = students.iter().map(|x| x.id.as_str()).collect();
            if !s.hidden.contains("student") {
                let msg = if id.is_empty() {
                    if s.fr() {
                        "valeur attendue : la cellule est vide".to_string()
                    } else {
                        "expected a value: the cell is empty".to_string()
                    }
                } else {
                    let m = messages::unknown("student", &id, &known, s.lang);
                    // The placement students are on their own sheet.
                    m.replace("sur la feuille Inscriptions", "sur la feuille Stagiaires")
                        .replace("on the Enrolments sheet", "on the Placement students sheet")
                };
                s.report(at.loc(Some("student")), msg);
            }
            continue;
        };
        let k = students[i].available.as_ref().map_or(0, Vec::len);
        let w = when(s, &at, &format!("placements.students[{i}].available[{k}]"));
        students[i].available.get_or_insert_with(Vec::new).push(w);
    }
    if hosts.is_empty() && requirements.is_empty() && students.is_empty() && opening.is_empty() {
        return None;
    }
    Some(PlacementsFile { hosts, requirements, students })
}

impl Built {
    /// Every problem: the workbook's own, then the validation's, each at
    /// the cell that produced it, sorted by sheet, row and column.
    pub(crate) fn problems(mut self, validation: Vec<Problem>, out: &Path) -> Vec<SheetProblem> {
        let s = &mut self.sink;
        for p in validation {
            if s.repaired.iter().any(|r| crate::model::load::is_under(&p.path, r)) {
                continue;
            }
            if s.hidden.iter().any(|k| p.message.starts_with(&format!("unknown {k} \""))) {
                continue;
            }
            let reworded = messages::reword(&p.message, s.lang, &|path| s.where_text(path));
            if p.file != out {
                // A problem of the calendar file the workbook names.
                let loc = s.lookup("calendar", None);
                let at = if p.path.is_empty() { String::new() } else { format!("{}: ", p.path) };
                s.push(loc, format!("{}: {at}{}", p.file.display(), reworded.text));
                continue;
            }
            let loc = s.lookup(&p.path, reworded.hint);
            s.push(loc, reworded.text);
        }
        let mut all = std::mem::take(&mut s.problems);
        all.sort_by_key(|(k, _)| *k);
        all.into_iter().map(|(_, p)| p).collect()
    }
}
